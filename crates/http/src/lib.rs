//! The OSS and S3 REST protocols around the `bucket-versioning` model as a sans-IO codec: pure
//! functions over `http` and `bytes` types, with no sockets, no clock and no global state —
//! time and request counters are passed in, and no input makes it panic.
//!
//! It implements the normative wire mapping `http.md` of the project's specification, for both
//! dialects (`oss` by default, `s3`). A server (which owns the sockets, the clock and the byte
//! store) and a conformance checker stand on it; the mapping between requests and the model's
//! commands, and between outcomes and responses, is built on these parts:
//!
//! | step | module | http.md |
//! |---|---|---|
//! | bucket and key from path and `Host` | [`addressing`] | §1.1 |
//! | query parameters, flags, presign parameters | [`query`] | §1.2 |
//! | method + target + query + headers → [`Operation`](dispatch::Operation) | [`dispatch`] | §1.3 |
//! | the three in one step | [`Codec::decode_head`] | §1 |
//! | `x-*-copy-source` and its range | [`copy_source`] | §5.5, §5.6 |
//! | a write's tags, content type, user metadata, storage class, a copy's directives | [`attributes`] | §5.1, §5.5, TAG-1, TAG-5, TAG-6 |
//! | lifecycle documents ↔ the model's rules | [`lifecycle`] | §4, LC-9, LC-10 |
//! | `Range` | [`range`] | §5.2 |
//! | `If-*` and `x-*-copy-source-if-*` on reads; `If-Match`, `If-None-Match`, `x-oss-forbid-overwrite` on writes and deletes | [`conditions`] | §5.2, §5.5, CND-1..CND-6 |
//! | `Authorization` and presigned URLs: parse, verify | [`auth`] | §6 |
//! | aws-chunked bodies | [`aws_chunked`] | §7 |
//! | `Content-MD5`, `x-amz-checksum-*` | [`checksum`] | §7 |
//! | request and response XML documents | [`xml`] | §2, §4, §5 |
//! | [`Violation`](bucket_versioning::Violation) or [`CodecError`] → error response | [`error_response`] | §3 |
//! | HTTP dates and XML timestamps from logical seconds | [`time`] | §2, LC-0 |
//! | deterministic request IDs | [`request_id`] | §2 |
//! | a request (head, headers, body) → the model's `Command` | [`request`] | §4, §5 |
//! | the model's `Outcome` → the dialect's response | [`response`] | §2, §4, §5 |
//! | the client direction: `Command` → request, response → `Outcome` or `Violation` | [`client`] | §8 |
//! | header names per dialect | [`headers`] | §2 |
//! | query parameter names of the mapping | [`params`] | §4, §5 |
//!
//! # A tour
//!
//! ```
//! use bucket_versioning::{Dialect, Violation};
//! use bucket_versioning_http::addressing::{Addressing, Target};
//! use bucket_versioning_http::dispatch::Operation;
//! use bucket_versioning_http::error_response::ErrorResponse;
//! use bucket_versioning_http::xml::{RequestBody, ResponseBody, VersioningConfiguration};
//! use bucket_versioning_http::Codec;
//!
//! let codec = Codec::new(Dialect::Oss, Addressing::new("127.0.0.1:9000"));
//!
//! // oss2 encodes `/` in keys and sends flags with an empty value (http.md §1.1, §1.2).
//! let (parts, _) = http::Request::post("/photos/2024%2Fcat.jpg?append=&position=0")
//!     .header("host", "127.0.0.1:9000")
//!     .body(())?
//!     .into_parts();
//! let head = codec.decode_head(&parts)?;
//! assert_eq!(head.operation, Operation::AppendObject);
//! assert_eq!(head.target.key(), Some("2024/cat.jpg"));
//! assert_eq!(head.query.get("position"), Some("0"));
//!
//! // The same request in s3 is recognised too; the model refuses it (APP-1), after the bucket.
//! let s3 = Codec::new(Dialect::S3, Addressing::default());
//! assert_eq!(s3.decode_head(&parts)?.operation, Operation::AppendObject);
//! // A request of an API outside the model is refused here (http.md §1.2).
//! let (acl, _) = http::Request::get("/photos/cat.jpg?acl").body(())?.into_parts();
//! let refused = s3.decode_head(&acl).unwrap_err();
//! assert_eq!((refused.code(Dialect::S3), refused.status().as_u16()), ("NotImplemented", 501));
//!
//! // Request bodies parse namespace- and order-insensitively (http.md §10).
//! let body = br#"<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
//!     <Status>Enabled</Status></VersioningConfiguration>"#;
//! let config = VersioningConfiguration::from_xml(body)?;
//! assert_eq!(config.status.as_deref(), Some("Enabled"));
//! // … and responses are written per dialect: no namespace in oss (http.md §2).
//! assert!(config.to_xml(Dialect::Oss).starts_with(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VersioningConfiguration><Status>"));
//!
//! // A violation from the model becomes the dialect's error response (http.md §3).
//! let context = codec.error_context(&parts, 7);
//! let response = ErrorResponse::from_violation(
//!     &Violation::PositionNotEqualToLength { next_position: 5 },
//!     &context,
//! )
//! .into_response(&context);
//! assert_eq!(response.status(), 409);
//! assert_eq!(response.headers()["x-oss-next-append-position"], "5");
//! assert_eq!(response.headers()["x-oss-request-id"], "000000000000000000000007");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod addressing;
pub mod attributes;
pub mod auth;
pub mod aws_chunked;
pub mod checksum;
pub mod client;
mod codec;
pub mod conditions;
pub mod copy_source;
pub mod dispatch;
pub mod error;
pub mod error_response;
pub mod headers;
pub mod lifecycle;
pub mod lock;
pub mod params;
pub mod percent;
pub mod query;
pub mod range;
pub mod request;
pub mod request_id;
pub mod response;
pub mod time;
pub mod xml;

pub use codec::{Codec, RequestHead};
pub use error::CodecError;
