//! http.md §3: error responses in each dialect's format, from the model's violations and from
//! the codec's own refusals.

use base64::Engine as _;
use bucket_versioning::{
    Dialect, Violation,
    violation::{ArgumentError, MalformedXmlReason},
};
use bucket_versioning_http::CodecError;
use bucket_versioning_http::addressing::{Target, TargetKind};
use bucket_versioning_http::auth::AuthError;
use bucket_versioning_http::dispatch::DispatchError;
use bucket_versioning_http::error_response::{ErrorContext, ErrorResponse};
use bucket_versioning_http::request_id::RequestId;
use http::{Method, Response};

const PROLOG: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

fn context(dialect: Dialect, method: Method) -> ErrorContext {
    ErrorContext::new(RequestId::new(dialect, 1), method)
        .with_host("127.0.0.1:9000")
        .with_target(&Target::Object {
            bucket: "bucket".into(),
            key: "dir/k".into(),
        })
}

fn respond(violation: &Violation, context: &ErrorContext) -> Response<bytes::Bytes> {
    ErrorResponse::from_violation(violation, context).into_response(context)
}

fn body(response: &Response<bytes::Bytes>) -> &str {
    std::str::from_utf8(response.body()).expect("UTF-8")
}

fn header<'a>(response: &'a Response<bytes::Bytes>, name: &str) -> Option<&'a str> {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().expect("ASCII"))
}

// http.md §3.1, §3.2, GET-2: NoSuchKey on a delete marker, oss: Code, Message, RequestId,
// HostId (the Host), Key; DM and version headers; the request ID in header and body.
#[test]
fn oss_no_such_key_on_a_delete_marker() {
    let context = context(Dialect::Oss, Method::GET);
    let violation = Violation::NoSuchKey {
        delete_marker: true,
        version_id: Some("dm1".into()),
    };
    let response = respond(&violation, &context);
    assert_eq!(response.status(), 404);
    assert_eq!(header(&response, "content-type"), Some("application/xml"));
    assert_eq!(
        header(&response, "x-oss-request-id"),
        Some("000000000000000000000001")
    );
    assert_eq!(header(&response, "x-oss-delete-marker"), Some("true"));
    assert_eq!(header(&response, "x-oss-version-id"), Some("dm1"));
    assert_eq!(header(&response, "x-oss-ec"), None);
    assert_eq!(
        body(&response),
        format!(
            "{PROLOG}<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>\
             <RequestId>000000000000000000000001</RequestId><HostId>127.0.0.1:9000</HostId>\
             <Key>dir/k</Key></Error>"
        )
    );
}

// http.md §3.1: the s3 order (extras before RequestId), x-amz-id-2 = HostId, no namespace; no DM
// headers when the key simply has no entries (GET-3).
#[test]
fn s3_no_such_key() {
    let context = context(Dialect::S3, Method::GET);
    let violation = Violation::NoSuchKey {
        delete_marker: false,
        version_id: None,
    };
    let response = respond(&violation, &context);
    let host_id = RequestId::new(Dialect::S3, 1).host_id();
    assert_eq!(
        header(&response, "x-amz-request-id"),
        Some("0000000000000001")
    );
    assert_eq!(header(&response, "x-amz-id-2"), Some(host_id.as_str()));
    assert_eq!(header(&response, "x-amz-delete-marker"), None);
    assert_eq!(header(&response, "x-amz-version-id"), None);
    assert_eq!(
        body(&response),
        format!(
            "{PROLOG}<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>\
             <Key>dir/k</Key><RequestId>0000000000000001</RequestId><HostId>{host_id}</HostId></Error>"
        )
    );
}

// http.md §3.1: HEAD errors have no body; oss carries the document base64-encoded in x-oss-err.
#[test]
fn head_errors_have_no_body() {
    let violation = Violation::NoSuchVersion {
        version_id: "v9".into(),
    };
    let get = respond(&violation, &context(Dialect::Oss, Method::GET));
    let head = respond(&violation, &context(Dialect::Oss, Method::HEAD));
    assert_eq!(head.status(), 404);
    assert!(head.body().is_empty());
    let err = base64::engine::general_purpose::STANDARD
        .decode(header(&head, "x-oss-err").expect("x-oss-err"))
        .expect("base64");
    assert_eq!(err, get.body().as_ref());
    let s3 = respond(&violation, &context(Dialect::S3, Method::HEAD));
    assert!(s3.body().is_empty());
    assert_eq!(header(&s3, "x-oss-err"), None);
    assert_eq!(s3.status(), 404);
}

// GET-5, http.md §3.2: MethodNotAllowed on a delete marker's version: Method, ResourceType,
// Allow: DELETE, DM headers; s3 adds the marker's Last-Modified.
#[test]
fn method_not_allowed_on_a_delete_marker() {
    let violation = Violation::MethodNotAllowed {
        version_id: "dm1".into(),
    };
    for dialect in [Dialect::Oss, Dialect::S3] {
        let context = context(dialect, Method::GET).with_delete_marker_last_modified(1_554_778_404);
        let response = respond(&violation, &context);
        let prefix = if dialect == Dialect::Oss {
            "x-oss"
        } else {
            "x-amz"
        };
        assert_eq!(response.status(), 405);
        assert_eq!(header(&response, "allow"), Some("DELETE"));
        assert_eq!(
            header(&response, &format!("{prefix}-delete-marker")),
            Some("true")
        );
        assert_eq!(
            header(&response, &format!("{prefix}-version-id")),
            Some("dm1")
        );
        assert!(
            body(&response)
                .contains("<Method>GET</Method><ResourceType>DeleteMarker</ResourceType>")
        );
        assert_eq!(
            header(&response, "last-modified"),
            (dialect == Dialect::S3).then_some("Tue, 09 Apr 2019 02:53:24 GMT")
        );
    }
}

// APP-5, http.md §3.2: x-oss-next-append-position is required (oss2 raises KeyError without
// it); EC 0026-00000016 in header and body.
#[test]
fn position_not_equal_to_length() {
    let context = context(Dialect::Oss, Method::POST);
    let response = respond(
        &Violation::PositionNotEqualToLength { next_position: 11 },
        &context,
    );
    assert_eq!(response.status(), 409);
    assert_eq!(header(&response, "x-oss-next-append-position"), Some("11"));
    assert_eq!(header(&response, "x-oss-ec"), Some("0026-00000016"));
    assert!(body(&response).ends_with("<EC>0026-00000016</EC></Error>"));
}

// GET-6, LST-4, http.md §3.2: the known ECs, oss only.
#[test]
fn oss_error_codes_only_in_oss() {
    let cases = [
        (
            Violation::NoSuchVersion {
                version_id: "v".into(),
            },
            "0026-00000001",
            "<Key>dir/k</Key><VersionId>v</VersionId>",
        ),
        (
            Violation::InvalidArgument(ArgumentError::VersionIdMarkerWithoutKeyMarker),
            "0012-00000106",
            "<ArgumentName>version-id-marker</ArgumentName><ArgumentValue></ArgumentValue>",
        ),
    ];
    for (violation, ec, extras) in cases {
        let oss = respond(&violation, &context(Dialect::Oss, Method::GET));
        assert_eq!(header(&oss, "x-oss-ec"), Some(ec));
        assert!(
            body(&oss).contains(&format!("{extras}<EC>{ec}</EC>")),
            "{}",
            body(&oss)
        );
        let s3 = respond(&violation, &context(Dialect::S3, Method::GET));
        assert!(!body(&s3).contains("<EC>"));
        assert!(body(&s3).contains(extras));
    }
}

// ERR-1: every carried field of a violation can be read back from the response.
#[test]
fn carried_fields_are_recoverable() {
    let cases: Vec<(Violation, &[&str])> = vec![
        (
            Violation::EntityTooSmall {
                part_number: 2,
                size: 10,
                min_size: 5_242_880,
            },
            &[
                "<ProposedSize>10</ProposedSize>",
                "<MinSizeAllowed>5242880</MinSizeAllowed>",
                "<PartNumber>2</PartNumber>",
            ],
        ),
        (
            Violation::InvalidPart { part_number: 3 },
            &["<PartNumber>3</PartNumber>"],
        ),
        (
            Violation::NoSuchUpload {
                upload_id: "u-1".into(),
            },
            &["<UploadId>u-1</UploadId>"],
        ),
        (
            Violation::KeyTooLong {
                size: 1025,
                max_size: 1024,
            },
            &["<Size>1025</Size>", "<MaxSizeAllowed>1024</MaxSizeAllowed>"],
        ),
        (
            Violation::EntityTooLarge {
                size: 6,
                max_size: 5,
            },
            &[
                "<ProposedSize>6</ProposedSize>",
                "<MaxSizeAllowed>5</MaxSizeAllowed>",
            ],
        ),
        (
            Violation::InlineDataTooLarge {
                size: 6,
                max_size: 5,
            },
            &["<ProposedSize>6</ProposedSize>"],
        ),
        (
            Violation::InvalidArgument(ArgumentError::PartNumberOutOfRange(10_001)),
            &[
                "<ArgumentName>partNumber</ArgumentName>",
                "<ArgumentValue>10001</ArgumentValue>",
            ],
        ),
        (
            Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                name: "max-keys",
                value: 0,
            }),
            &[
                "<ArgumentName>max-keys</ArgumentName>",
                "<ArgumentValue>0</ArgumentValue>",
            ],
        ),
        (
            Violation::MalformedXml(MalformedXmlReason::NoParts),
            &["<Code>MalformedXML</Code>"],
        ),
        (
            Violation::ObjectNotAppendable,
            &["<Code>ObjectNotAppendable</Code>"],
        ),
        (
            Violation::NotImplemented {
                operation: "AppendObject",
            },
            &["<Code>NotImplemented</Code>"],
        ),
    ];
    for (violation, fragments) in cases {
        for dialect in [Dialect::Oss, Dialect::S3] {
            let response = respond(&violation, &context(dialect, Method::PUT));
            assert_eq!(response.status(), violation.http_status(), "{violation:?}");
            for fragment in fragments {
                assert!(
                    body(&response).contains(fragment),
                    "{dialect} {violation:?}: {fragment} in {}",
                    body(&response)
                );
            }
        }
    }
}

// http.md §3.1: a 200 never carries <Error>, and error bodies are never namespaced.
#[test]
fn error_responses_are_errors() {
    let violations = [
        Violation::ObjectNotAppendable,
        Violation::InvalidPartOrder,
        Violation::IllegalVersioningConfiguration {
            status: "Off".into(),
        },
        Violation::InvalidObjectName { key: "/k".into() },
    ];
    for violation in &violations {
        for dialect in [Dialect::Oss, Dialect::S3] {
            let response = respond(violation, &context(dialect, Method::PUT));
            assert!(response.status().as_u16() >= 400);
            assert!(!body(&response).contains("xmlns"));
            assert!(body(&response).contains(&format!("<Code>{}</Code>", violation.code())));
        }
    }
}

// http.md §1.2, §1.3, §6: the codec's own refusals in the same format.
#[test]
fn codec_errors_are_written_like_violations() {
    let not_implemented = CodecError::Dispatch(DispatchError::NotImplemented { feature: "acl" });
    for dialect in [Dialect::Oss, Dialect::S3] {
        let context = context(dialect, Method::GET);
        let response =
            ErrorResponse::from_codec_error(&not_implemented, &context).into_response(&context);
        assert_eq!(response.status(), 501);
        assert!(body(&response).contains("<Code>NotImplemented</Code>"));
    }
    let context = context(Dialect::S3, Method::PATCH);
    let not_allowed = CodecError::Dispatch(DispatchError::MethodNotAllowed {
        method: Method::PATCH,
        target: TargetKind::Object,
    });
    let response = ErrorResponse::from_codec_error(&not_allowed, &context).into_response(&context);
    assert_eq!(response.status(), 405);
    assert!(body(&response).contains("<Method>PATCH</Method><ResourceType>OBJECT</ResourceType>"));
    let signature = CodecError::Auth(AuthError::SignatureDoesNotMatch);
    let response = ErrorResponse::from_codec_error(&signature, &context).into_response(&context);
    assert_eq!(response.status(), 403);
    assert!(body(&response).contains("<Code>SignatureDoesNotMatch</Code>"));
    let argument = CodecError::InvalidArgument {
        name: "position".into(),
        value: "x".into(),
        reason: "not a number".into(),
    };
    let response = ErrorResponse::from_codec_error(&argument, &context);
    assert_eq!(
        response.extras(),
        [
            ("ArgumentName", "position".to_owned()),
            ("ArgumentValue", "x".to_owned())
        ]
    );
}

// http.md §3.2: an unknown bucket names itself.
#[test]
fn no_such_bucket() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let context = context(dialect, Method::GET);
        let response = ErrorResponse::no_such_bucket(&context).into_response(&context);
        assert_eq!(response.status(), 404);
        assert!(body(&response).contains("<Code>NoSuchBucket</Code>"));
        assert!(body(&response).contains("<BucketName>bucket</BucketName>"));
    }
}

// http.md §5.2: a failed condition names itself; an unsatisfiable range gives the size.
#[test]
fn conditions_and_ranges() {
    use bucket_versioning_http::range::Unsatisfiable;
    let context = context(Dialect::S3, Method::GET);
    let failed = CodecError::PreconditionFailed {
        condition: "If-Match",
    };
    let response = ErrorResponse::from_codec_error(&failed, &context).into_response(&context);
    assert_eq!(response.status(), 412);
    assert!(body(&response).contains("<Code>PreconditionFailed</Code>"));
    assert!(body(&response).contains("<Condition>If-Match</Condition>"));
    let range = CodecError::InvalidRange(Unsatisfiable { size: 10 });
    let response = ErrorResponse::from_codec_error(&range, &context).into_response(&context);
    assert_eq!(response.status(), 416);
    assert!(body(&response).contains("<ActualObjectSize>10</ActualObjectSize>"));
}
