//! The client direction of the mapping (http.md §8): the model's [`Command`] → an HTTP request,
//! and the HTTP response → the model's [`Outcome`] or [`Violation`] — what a conformance checker
//! (or any Rust client) needs to drive a real server with the model's commands and compare its
//! answers with the model's.
//!
//! It is built on the same definitions as the server direction: the operation of a command and
//! its method and discriminating flags come from the dispatch table
//! ([`dispatch::TABLE`](crate::dispatch::TABLE)), query parameter names from [`params`](crate::params),
//! header names from [`headers`](crate::headers), bodies from the [`xml`](crate::xml) documents,
//! error element names from [`error_response::element`](crate::error_response::element), and a
//! violation is recognised by the model's own `Violation::code` and `Violation::http_status`
//! (no second table of codes). Pure functions: no sockets, no clock, no global state.
//!
//! ```
//! use bucket_versioning::{Command, Dialect, request::PutObject};
//! use bucket_versioning_http::client::{Answer, Client};
//!
//! let client = Client::new(Dialect::Oss, "127.0.0.1:9000");
//! let command = Command::PutObject(PutObject::new("photos/cat.jpg", "meow"));
//! let request = client.request("bucket", &command)?;
//! assert_eq!(request.method(), "PUT");
//! assert_eq!(request.uri(), "/bucket/photos/cat.jpg");
//! assert_eq!(&request.body()[..], b"meow");
//!
//! // … send it, read the whole response, then:
//! let response = http::Response::builder()
//!     .status(200)
//!     .header("etag", "\"4A9D1F4AE4A3C7C0A4D33A7A1C3E8C5B\"")
//!     .header("x-oss-hash-crc64ecma", "1234")
//!     .body(bytes::Bytes::new())?;
//! match client.answer(&command, &response)? {
//!     Answer::Outcome(outcome) => println!("{outcome:?}"),
//!     Answer::Violation(violation) => println!("{} {}", violation.code(), violation.http_status()),
//!     Answer::Error(error) => println!("not a rule's answer: {} {}", error.status, error.code),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What the wire does not carry
//!
//! A response does not carry everything an outcome holds; [`observable`] is the outcome as a
//! response in the dialect can show it, and what [`Client::answer`] decodes is compared with
//! that:
//!
//! | field | oss | s3 |
//! |---|---|---|
//! | `crc64` of PutObject, UploadPart | `x-oss-hash-crc64ecma` | computed from the body sent (http.md §8) |
//! | `crc64` of CompleteMultipartUpload, CopyObject, UploadPartCopy, GetObject, HeadObject | `x-oss-hash-crc64ecma` | not on the wire: 0 |
//! | `content_type`, `metadata` of GetObjectMeta (GET-8) | not in GetObjectMeta's headers: the default, none | not in `<GetObjectAttributesResponse>`: the same |
//! | `storage_class` of GetObjectMeta | not in its headers: the default | `<StorageClass>` |
//! | `object_type` of reads and version listings | `x-oss-object-type`, `<Type>` | not on the wire: read from the ETag, `-N` Multipart (CT-4), else Normal — a copy of a multipart object (CT-6) reads as Multipart |
//! | `sealed` of reads (APP-10) | not sent by this endpoint | not on the wire: none |
//! | `version_id` of ListObjects entries | not in `<Contents>` | the same: `null` |
//! | `next_position` of reads | `x-oss-next-append-position` | none (APP-1) |
//! | `last_modified` | to the second, up to 9999-12-31T23:59:59Z ([`time::MAX_SECONDS`](crate::time::MAX_SECONDS)): later times read as that one | the same |
//! | a batch entry's `NoSuchKey` (CND-5) marker flag and ID | not in the entry's `<Error>`: none | the same |
//!
//! An s3 HEAD error has no body (http.md §3.1): a 404 to HeadObject reads as `NoSuchVersion` when
//! the command names a version, else as `NoSuchKey`, whatever the code was — a missing bucket
//! included ([`observable_answer`] says so of the model's answer).
//!
//! Some commands cannot be sent at all ([`EncodeError`]): an empty key (`/{bucket}/` is the
//! bucket), an empty copy-source key, a caller-supplied version ID or upload ID (ID-5 and MPU-13
//! have no wire form: the server gives the IDs), a
//! body given only by its fingerprint, a cross-bucket copy source the command does not name
//! (see [`Client::request`]), a metadata name or value a header cannot carry (TAG-5), and
//! `AdvanceClock` and `RunLifecycle`, which are the endpoint's control API
//! (`POST /_bv/clock?advance=S`, `POST /_bv/lifecycle?bucket=B`), not REST operations. Empty
//! listing parameters are sent and read as absent (http.md §1.2), metadata names lower-cased
//! (TAG-5), an UploadPartCopy's range content (MPU-12) is not sent (the endpoint takes it from
//! its own bytes): [`on_the_wire`] is the command a server reads back. Symlinks are sent in both
//! dialects (s3 answers SYM-1's 501); GetObjectMeta is oss `HEAD ?objectMeta` and s3
//! `GET ?attributes` (GET-8). Conditions (CND-1..CND-6) travel as headers in both dialects
//! ([`WriteConditions`](crate::conditions::WriteConditions): `If-Match`, `If-None-Match`, oss
//! `x-oss-forbid-overwrite`, a batch entry's `<ETag>`) and their refusals read back as the
//! model's violations; s3 has no header for `forbid_overwrite`, so such an s3 command is
//! [`EncodeError::NotMapped`].
//!
//! A write's tags, content type, user metadata and storage class travel in its headers
//! ([`attributes`](crate::attributes)); tagging and lifecycle documents are the
//! [`xml`](crate::xml) ones, lifecycle rules through [`lifecycle`](crate::lifecycle). An oss
//! GetBucketLifecycle writes an empty `Prefix` (and `ID`) for a rule without one, which reads
//! back as `Some("")` ([`observable`]).

mod decode;
mod encode;
mod probe;
mod violation;

use bucket_versioning::{Command, Dialect, Outcome, Violation};
use bytes::Bytes;

pub use decode::DecodeError;
pub use encode::{EncodeError, MAX_BODY, on_the_wire};
pub use violation::ErrorReply;

/// How the client names the bucket (http.md §1.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// `/{bucket}/{key}` (what every SDK sends to an IP endpoint).
    #[default]
    Path,
    /// `Host: {bucket}.{host}`, path `/{key}`.
    VirtualHost,
}

/// A client of one endpoint: its dialect and host, and how it addresses buckets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    dialect: Dialect,
    host: String,
    style: Style,
}

/// The service-level requests (SVC-1, SVC-3, SVC-4, SVC-6): answered by the service, not by a
/// bucket's model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceCommand {
    /// `GET /` (SVC-1).
    ListBuckets,
    /// `PUT /{bucket}` (SVC-3).
    CreateBucket {
        /// The name.
        bucket: String,
    },
    /// `DELETE /{bucket}` (SVC-4).
    DeleteBucket {
        /// The name.
        bucket: String,
    },
    /// The bucket's name and versioning status (SVC-6): oss `GET /{bucket}?bucketInfo`; s3
    /// `GET /{bucket}?versioning` (HeadBucket carries no status).
    GetBucketInfo {
        /// The name.
        bucket: String,
    },
}

/// What a response says, read against the command it answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A success: the outcome as the response shows it (see [`observable`]).
    Outcome(Outcome),
    /// A rule's refusal, with its carried fields (ERR-1).
    Violation(Violation),
    /// An error response that is no violation of the model's the command could have met: the
    /// endpoint's own refusals (a signature, a body's framing, `NotImplemented` of an API the
    /// model lacks, …) or a violation whose code and status do not fit the command.
    Error(ErrorReply),
}

impl Client {
    /// A client of the endpoint at `host` (a name or address with its port) in `dialect`,
    /// addressing buckets in path style.
    pub fn new(dialect: Dialect, host: &str) -> Self {
        Client {
            dialect,
            host: host.to_owned(),
            style: Style::Path,
        }
    }

    /// The same client addressing buckets in `style`.
    #[must_use]
    pub fn with_style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// The dialect.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The request of `command` on `bucket` (http.md §4, §5): method, URI, `Host`, the
    /// dialect's headers, and the body (object bytes, or the XML document with its
    /// `Content-MD5`).
    ///
    /// # Errors
    ///
    /// [`EncodeError`] for a command that has no request (see the [module docs](self)).
    pub fn request(
        &self,
        bucket: &str,
        command: &Command,
    ) -> Result<http::Request<Bytes>, EncodeError> {
        encode::request(self, bucket, command)
    }

    /// The request of a service-level command.
    pub fn service_request(&self, command: &ServiceCommand) -> http::Request<Bytes> {
        encode::service_request(self, command)
    }

    /// Reads `response`, the answer to `command` (http.md §8).
    ///
    /// # Errors
    ///
    /// [`DecodeError`] for a success response that is not the operation's (a missing header,
    /// a body that is not its document).
    pub fn answer(
        &self,
        command: &Command,
        response: &http::Response<Bytes>,
    ) -> Result<Answer, DecodeError> {
        decode::answer(self.dialect, command, response)
    }

    /// Reads `response`, the answer to a service-level `command`.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] as for [`answer`](Self::answer).
    pub fn service_answer(
        &self,
        command: &ServiceCommand,
        response: &http::Response<Bytes>,
    ) -> Result<Answer, DecodeError> {
        decode::service_answer(self.dialect, command, response)
    }
}

/// `outcome` as a response of `dialect` shows it: the fields the wire does not carry set as the
/// client reads them (see the [module docs](self)). Comparing a decoded answer with the model's
/// outcome means comparing it with this.
pub fn observable(dialect: Dialect, outcome: &Outcome) -> Outcome {
    let mut outcome = outcome.clone();
    let s3 = dialect == Dialect::S3;
    let time = |seconds: &mut u64| *seconds = (*seconds).min(crate::time::MAX_SECONDS);
    match &mut outcome {
        Outcome::GetObject(meta) | Outcome::HeadObject(meta) => {
            meta.sealed = None;
            time(&mut meta.last_modified);
            if s3 {
                meta.crc64 = 0;
                meta.object_type = decode::type_from_etag(meta.etag.as_str());
            }
        }
        Outcome::GetObjectMeta(meta) => {
            // GET-8: neither dialect's answer carries the content type or the user metadata,
            // and oss's not the storage class.
            time(&mut meta.last_modified);
            meta.content_type = dialect.default_content_type().to_owned();
            meta.metadata = bucket_versioning::Metadata::new();
            if !s3 {
                meta.storage_class = dialect.default_storage_class().to_owned();
            }
        }
        Outcome::CompleteMultipartUpload(complete) if s3 => complete.crc64 = 0,
        Outcome::UploadPartCopy(part) if s3 => part.crc64 = 0,
        Outcome::CopyObject(copy) if s3 => copy.crc64 = 0,
        Outcome::ListObjects(list) => {
            for object in &mut list.objects {
                object.version_id = bucket_versioning::VersionId::NULL;
                time(&mut object.last_modified);
            }
        }
        Outcome::GetBucketLifecycle(stored) => {
            stored.rules = crate::lifecycle::observable(dialect, &stored.rules);
        }
        Outcome::ListObjectVersions(list) => {
            for entry in &mut list.entries {
                time(&mut entry.last_modified);
                if let (true, Some(etag)) = (s3, &entry.etag) {
                    entry.object_type = Some(decode::type_from_etag(etag.as_str()));
                }
            }
        }
        Outcome::DeleteObjects(batch) => {
            // BAT-4: an entry's `<Error>` has its key, version ID, code and message, no headers:
            // a `NoSuchKey` of an entry's ETag condition (CND-5) loses the marker's flag and ID.
            for error in &mut batch.errors {
                if let Violation::NoSuchKey { .. } = error.violation {
                    error.violation = Violation::NoSuchKey {
                        delete_marker: false,
                        version_id: None,
                    };
                }
            }
        }
        _ => {}
    }
    outcome
}

/// The model's answer to `command`, as a response of `dialect` shows it: the outcome through
/// [`observable`]; a violation as such, but for what an s3 HEAD error cannot tell (see the
/// [module docs](self)). What [`Client::answer`] reads from the endpoint's response to
/// `command` is exactly this when the endpoint answers as the model does.
pub fn observable_answer(
    dialect: Dialect,
    command: &Command,
    result: &Result<Outcome, Violation>,
) -> Answer {
    match result {
        Ok(outcome) => Answer::Outcome(observable(dialect, outcome)),
        Err(violation) => Answer::Violation(match (dialect, command, violation) {
            (
                Dialect::S3,
                Command::HeadObject(head),
                Violation::NoSuchBucket { .. }
                | Violation::NoSuchKey { .. }
                | Violation::NoSuchVersion { .. },
            ) if !violation.delete_marker() => match &head.version_id {
                Some(version_id) => Violation::NoSuchVersion {
                    version_id: version_id.clone(),
                },
                None => Violation::NoSuchKey {
                    delete_marker: false,
                    version_id: None,
                },
            },
            _ => violation.clone(),
        }),
    }
}
