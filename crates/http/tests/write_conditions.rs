//! Conditional writes and deletes on the wire (CND-1..CND-6, http.md §5.1, §5.3–§5.6): the
//! headers a request carries become the model's request fields, per dialect, and the model's
//! condition refusals become each dialect's error response.

use bucket_versioning::request::{
    CompleteMultipartUpload, CopyObject, DeleteObject, DeleteObjects, PutObject, PutSymlink,
};
use bucket_versioning::violation::{PreconditionReason, UnsupportedCondition};
use bucket_versioning::{Bucket, BucketConfig, Command, Content, Dialect, Violation};
use bucket_versioning::{VersionId, VersioningState};
use bucket_versioning_http::addressing::{Addressing, Target};
use bucket_versioning_http::error_response::{ErrorContext, ErrorResponse};
use bucket_versioning_http::request::{self, Payload, RequestView, takes_object_body};
use bucket_versioning_http::request_id::RequestId;
use bucket_versioning_http::{Codec, CodecError};
use http::{Method, Response};

/// What the server direction reads from a request (`versioning`: the bucket's state).
fn read(
    dialect: Dialect,
    versioning: VersioningState,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<Command, CodecError> {
    let mut builder = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("host", "127.0.0.1:9000");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let (parts, ()) = builder.body(()).expect("a valid request").into_parts();
    let codec = Codec::new(dialect, Addressing::new("127.0.0.1:9000"));
    let head = codec.decode_head(&parts)?;
    let view = RequestView {
        dialect,
        operation: head.operation,
        bucket: head.target.bucket(),
        key: head.target.key(),
        query: &head.query,
        headers: &parts.headers,
        versioning,
    };
    let payload = if takes_object_body(head.operation) {
        Payload::Content(Content::from_bytes(body))
    } else {
        Payload::Bytes(body)
    };
    request::to_command(&view, payload)
}

fn put(dialect: Dialect, headers: &[(&str, &str)]) -> Result<Command, CodecError> {
    read(
        dialect,
        VersioningState::Unversioned,
        "PUT",
        "/b/k",
        headers,
        b"x",
    )
}

const COMPLETE: &[u8] =
    b"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"e\"</ETag></Part></CompleteMultipartUpload>";

// Rule: CND-1 (s3 PutObject, CopyObject on its destination and Complete take `If-Match` and
// `If-None-Match`, as sent), CND-5 (DeleteObject `If-Match`, a batch entry's `<ETag>`)
#[test]
fn s3_condition_headers_become_request_fields() {
    let s3 = Dialect::S3;
    let conditions = [("if-match", "\"abc\""), ("if-none-match", "*")];
    let Ok(Command::PutObject(PutObject {
        if_match,
        if_none_match,
        forbid_overwrite,
        ..
    })) = put(s3, &conditions)
    else {
        panic!("a PutObject");
    };
    assert_eq!(
        (
            if_match.as_deref(),
            if_none_match.as_deref(),
            forbid_overwrite
        ),
        (Some("\"abc\""), Some("*"), None)
    );
    // The copy's own conditions are the destination's; the source's are other headers.
    let copy = read(
        s3,
        VersioningState::Enabled,
        "PUT",
        "/b/dst",
        &[
            ("x-amz-copy-source", "b/src"),
            ("if-none-match", "*"),
            ("x-amz-copy-source-if-match", "\"s\""),
        ],
        b"",
    );
    let Ok(Command::CopyObject(CopyObject {
        if_match,
        if_none_match,
        ..
    })) = copy
    else {
        panic!("a CopyObject: {copy:?}");
    };
    assert_eq!((if_match, if_none_match.as_deref()), (None, Some("*")));
    let complete = read(
        s3,
        VersioningState::Enabled,
        "POST",
        "/b/k?uploadId=u",
        &[("if-match", "e")],
        COMPLETE,
    );
    let Ok(Command::CompleteMultipartUpload(CompleteMultipartUpload { if_match, .. })) = complete
    else {
        panic!("a Complete: {complete:?}");
    };
    assert_eq!(if_match.as_deref(), Some("e"));
    let delete = read(
        s3,
        VersioningState::Enabled,
        "DELETE",
        "/b/k?versionId=v1",
        &[("if-match", "*")],
        b"",
    );
    let Ok(Command::DeleteObject(DeleteObject {
        if_match,
        version_id,
        ..
    })) = delete
    else {
        panic!("a DeleteObject: {delete:?}");
    };
    assert_eq!(
        (if_match.as_deref(), version_id),
        (Some("*"), Some(VersionId::new("v1")))
    );
    let batch = read(
        s3,
        VersioningState::Enabled,
        "POST",
        "/b?delete",
        &[],
        b"<Delete><Object><Key>a</Key><ETag>\"e\"</ETag></Object><Object><Key>b</Key></Object></Delete>",
    );
    let Ok(Command::DeleteObjects(DeleteObjects { objects, .. })) = batch else {
        panic!("a DeleteObjects: {batch:?}");
    };
    let etags: Vec<Option<&str>> = objects.iter().map(|entry| entry.etag.as_deref()).collect();
    assert_eq!(etags, vec![Some("\"e\""), None]);
}

// Rule: CND-6 (oss `x-oss-forbid-overwrite` on PutObject, CopyObject, Complete and PutSymlink:
// `true` in any case is the flag, any other value is `false`; s3 does not know the header)
#[test]
fn forbid_overwrite_is_oss_only() {
    let forbid = |value| ("x-oss-forbid-overwrite", value);
    let field = |command: Result<Command, CodecError>| match command {
        Ok(Command::PutObject(put)) => put.forbid_overwrite,
        Ok(Command::CopyObject(copy)) => copy.forbid_overwrite,
        Ok(Command::CompleteMultipartUpload(complete)) => complete.forbid_overwrite,
        Ok(Command::PutSymlink(PutSymlink {
            forbid_overwrite, ..
        })) => forbid_overwrite,
        other => panic!("not a write that takes it: {other:?}"),
    };
    let oss = Dialect::Oss;
    assert_eq!(field(put(oss, &[forbid("TRUE")])), Some(true));
    assert_eq!(field(put(oss, &[forbid("false")])), Some(false));
    assert_eq!(field(put(oss, &[forbid("yes")])), Some(false));
    assert_eq!(field(put(oss, &[])), None);
    assert_eq!(field(put(Dialect::S3, &[forbid("true")])), None);
    for state in [VersioningState::Unversioned, VersioningState::Enabled] {
        let copy = read(
            oss,
            state,
            "PUT",
            "/b/dst",
            &[("x-oss-copy-source", "/b/src"), forbid("true")],
            b"",
        );
        assert_eq!(field(copy), Some(true));
        let complete = read(
            oss,
            state,
            "POST",
            "/b/k?uploadId=u",
            &[forbid("true")],
            COMPLETE,
        );
        assert_eq!(field(complete), Some(true));
        let link = read(
            oss,
            state,
            "PUT",
            "/b/link?symlink",
            &[("x-oss-symlink-target", "k"), forbid("true")],
            b"",
        );
        assert_eq!(field(link), Some(true));
    }
    // Initiate has no such field: in an Unversioned bucket, where the flag would mean
    // something, the codec refuses it rather than ignore it.
    let initiate = read(
        oss,
        VersioningState::Unversioned,
        "POST",
        "/b/k?uploads",
        &[forbid("true")],
        b"",
    );
    assert!(
        matches!(initiate, Err(CodecError::Dispatch(_))),
        "{initiate:?}"
    );
}

// Rule: CND-1, CND-6 (the refusals of a condition the dialect does not take are the model's:
// oss `If-Match` / `If-None-Match` reach it and meet `NotImplemented` 400; s3 `If-None-Match`
// other than `*` meets 501), CND-5 (s3 deletes take `If-Match` only: the others are the codec's
// 501), and a header value that is not text is a typed 400.
#[test]
fn refusals_are_typed() {
    let model = |dialect, command: Result<Command, CodecError>| {
        Bucket::new(BucketConfig::new(dialect))
            .apply(command.expect("a command"))
            .err()
    };
    assert_eq!(
        model(Dialect::Oss, put(Dialect::Oss, &[("if-match", "\"e\"")])),
        Some(Violation::UnsupportedCondition(
            UnsupportedCondition::OssIfMatch
        ))
    );
    assert_eq!(
        model(Dialect::Oss, put(Dialect::Oss, &[("if-none-match", "*")])),
        Some(Violation::UnsupportedCondition(
            UnsupportedCondition::OssIfNoneMatch
        ))
    );
    assert_eq!(
        model(Dialect::S3, put(Dialect::S3, &[("if-none-match", "\"e\"")])),
        Some(Violation::UnsupportedCondition(
            UnsupportedCondition::S3IfNoneMatchValue
        ))
    );
    for header in [
        "if-none-match",
        "x-amz-if-match-size",
        "x-amz-if-match-last-modified-time",
    ] {
        let delete = read(
            Dialect::S3,
            VersioningState::Enabled,
            "DELETE",
            "/b/k",
            &[(header, "1")],
            b"",
        );
        let Err(error) = delete else {
            panic!("{header}: {delete:?}");
        };
        assert_eq!(
            (error.code(Dialect::S3), error.status().as_u16()),
            ("NotImplemented", 501)
        );
    }
    let mut builder = http::Request::builder().method("PUT").uri("/b/k");
    builder = builder.header("host", "127.0.0.1:9000");
    builder = builder.header(
        "if-match",
        http::HeaderValue::from_bytes(b"\"\xe9\"").expect("obs-text is a header value"),
    );
    let (parts, ()) = builder.body(()).expect("a request").into_parts();
    let error = bucket_versioning_http::conditions::WriteConditions::from_headers(
        Dialect::S3,
        &parts.headers,
    )
    .expect_err("not visible ASCII");
    assert_eq!(
        (error.code(Dialect::S3), error.status().as_u16()),
        ("InvalidArgument", 400)
    );
}

fn respond(dialect: Dialect, violation: &Violation) -> Response<bytes::Bytes> {
    let context =
        ErrorContext::new(RequestId::new(dialect, 1), Method::PUT).with_target(&Target::Object {
            bucket: "b".into(),
            key: "k".into(),
        });
    ErrorResponse::from_violation(violation, &context).into_response(&context)
}

fn text(response: &Response<bytes::Bytes>) -> &str {
    std::str::from_utf8(response.body()).expect("UTF-8")
}

// Rule: CND-3, CND-4, CND-5 (412 `PreconditionFailed`, naming the header that failed), CND-6
// (oss 409 `FileAlreadyExists`; oss 400 / s3 501 `NotImplemented`), CND-4 (404 `NoSuchKey`
// with the marker's flag and ID)
#[test]
fn condition_refusals_in_each_dialect() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        for (reason, header) in [
            (PreconditionReason::ObjectExists, "If-None-Match"),
            (PreconditionReason::ETagMismatch, "If-Match"),
            (PreconditionReason::NotAnObjectVersion, "If-Match"),
        ] {
            let response = respond(dialect, &Violation::PreconditionFailed(reason));
            assert_eq!(response.status(), 412);
            assert!(text(&response).contains("<Code>PreconditionFailed</Code>"));
            assert!(text(&response).contains(&format!("<Condition>{header}</Condition>")));
        }
    }
    let response = respond(Dialect::Oss, &Violation::FileAlreadyExists);
    assert_eq!(response.status(), 409);
    assert!(text(&response).contains("<Code>FileAlreadyExists</Code>"));
    for (dialect, reason, status) in [
        (Dialect::Oss, UnsupportedCondition::OssIfMatch, 400),
        (Dialect::S3, UnsupportedCondition::S3IfNoneMatchValue, 501),
    ] {
        let response = respond(dialect, &Violation::UnsupportedCondition(reason));
        assert_eq!(response.status(), status);
        assert!(text(&response).contains("<Code>NotImplemented</Code>"));
    }
    let response = respond(
        Dialect::S3,
        &Violation::NoSuchKey {
            delete_marker: true,
            version_id: Some(VersionId::new("dm")),
        },
    );
    assert_eq!(response.status(), 404);
    let header = |name| response.headers().get(name).and_then(|v| v.to_str().ok());
    assert_eq!(
        (header("x-amz-delete-marker"), header("x-amz-version-id")),
        (Some("true"), Some("dm"))
    );
}
