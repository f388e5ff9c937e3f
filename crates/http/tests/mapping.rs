//! The command mapping: decoded requests → the model's commands (`request`), the model's
//! outcomes → the dialect's responses (`response`), checked against a real `Bucket`.

use bucket_versioning::request::{
    CompleteMultipartUpload, CopyObject, DeleteObject, DeleteObjects, GetBucketVersioning,
    GetObject, PutObject,
};
use bucket_versioning::{Body, Bucket, BucketConfig, Command, Content, Dialect, VersioningState};
use bucket_versioning_http::addressing::Addressing;
use bucket_versioning_http::dispatch::Operation;
use bucket_versioning_http::request::{self, Payload, RequestView};
use bucket_versioning_http::request_id::RequestId;
use bucket_versioning_http::response::{self, ResponseView};
use bucket_versioning_http::{Codec, CodecError, RequestHead};
use http::HeaderMap;

fn head(
    dialect: Dialect,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
) -> (RequestHead, HeaderMap) {
    let mut builder = http::Request::builder()
        .method(method)
        .uri(uri)
        .header("host", "127.0.0.1:9000");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let (parts, ()) = builder.body(()).expect("a valid request").into_parts();
    let codec = Codec::new(dialect, Addressing::new("127.0.0.1:9000"));
    let head = codec
        .decode_head(&parts)
        .expect("a request the codec reads");
    (head, parts.headers)
}

fn command(
    dialect: Dialect,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    payload: Payload<'_>,
) -> Result<Command, CodecError> {
    let (head, headers) = head(dialect, method, uri, headers);
    let view = RequestView {
        dialect,
        operation: head.operation,
        bucket: head.target.bucket(),
        key: head.target.key(),
        query: &head.query,
        headers: &headers,
        versioning: VersioningState::Enabled,
    };
    request::to_command(&view, payload)
}

fn respond(
    dialect: Dialect,
    operation: Operation,
    uri: &str,
    outcome: &bucket_versioning::Outcome,
) -> http::Response<bytes::Bytes> {
    let (head, _) = head(dialect, "GET", uri, &[]);
    let id = RequestId::new(dialect, 1);
    let view = ResponseView {
        dialect,
        operation,
        bucket: "b",
        key: "k",
        query: &head.query,
        request_id: &id,
        now: 0,
    };
    response::to_response(&view, outcome)
}

// Rule: CT-1 (the model gets the body's fingerprint; the endpoint keeps the bytes)
#[test]
fn put_object_carries_the_fingerprint() {
    let content = Content::from_bytes(b"hello");
    let mapped = command(
        Dialect::Oss,
        "PUT",
        "/b/dir%2Fk",
        &[],
        Payload::Content(content),
    );
    assert_eq!(
        mapped,
        Ok(Command::PutObject(PutObject::new(
            "dir/k",
            Body::Fingerprint(content)
        )))
    );
}

// Rule: APP-1 (s3 has no append: S3 Express's write offset is NotImplemented 501)
#[test]
fn s3_write_offset_is_not_implemented() {
    let refused = command(
        Dialect::S3,
        "PUT",
        "/b/k",
        &[("x-amz-write-offset-bytes", "0")],
        Payload::Content(Content::EMPTY),
    )
    .expect_err("refused");
    assert_eq!(
        (refused.code(Dialect::S3), refused.status().as_u16()),
        ("NotImplemented", 501)
    );
}

// Rule: APP-5 (a position that is not a number cannot be compared: InvalidArgument 400)
#[test]
fn append_needs_a_numeric_position() {
    let refused = command(
        Dialect::Oss,
        "POST",
        "/b/k?append&position=x",
        &[],
        Payload::Content(Content::EMPTY),
    )
    .expect_err("refused");
    assert_eq!(
        (refused.code(Dialect::Oss), refused.status().as_u16()),
        ("InvalidArgument", 400)
    );
    let mapped = command(
        Dialect::Oss,
        "POST",
        "/b/k?append=&position=5",
        &[],
        Payload::Content(Content::EMPTY),
    );
    assert!(matches!(
        mapped,
        Ok(Command::AppendObject(append)) if append.position == 5
    ));
}

// Rule: ID-6 (an empty versionId reaches the model, which refuses it with InvalidArgument)
#[test]
fn an_empty_version_id_is_the_models_to_refuse() {
    let mapped = command(
        Dialect::Oss,
        "GET",
        "/b/k?versionId=",
        &[],
        Payload::Bytes(b""),
    )
    .expect("a command");
    assert_eq!(
        mapped,
        Command::GetObject(GetObject::new("k").version_id(""))
    );
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss));
    let violation = bucket.apply(mapped).expect_err("ID-6");
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("InvalidArgument", 400)
    );
}

// Rule: BAT-2 (entries in the order given, each with or without its versionId)
#[test]
fn delete_objects_keeps_the_order() {
    let body = br#"<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>b</Key><VersionId>v1</VersionId></Object><Object><Key>a</Key></Object><Quiet>true</Quiet></Delete>"#;
    let mapped = command(Dialect::S3, "POST", "/b?delete", &[], Payload::Bytes(body));
    let Ok(Command::DeleteObjects(DeleteObjects {
        objects,
        quiet,
        bypass_governance,
    })) = mapped
    else {
        panic!("not a batch delete: {mapped:?}");
    };
    assert_eq!(quiet, Some(true));
    assert_eq!(bypass_governance, None);
    let keys: Vec<(&str, Option<String>)> = objects
        .iter()
        .map(|object| {
            (
                object.key.as_str(),
                object.version_id.as_ref().map(ToString::to_string),
            )
        })
        .collect();
    assert_eq!(keys, vec![("b", Some("v1".to_owned())), ("a", None)]);
}

// Rule: MPU-5 (ETags arrive quoted; the model compares them bare)
#[test]
fn complete_strips_quotes() {
    let body = br#"<CompleteMultipartUpload><Part><ETag>"ABC"</ETag><PartNumber>2</PartNumber></Part></CompleteMultipartUpload>"#;
    let mapped = command(
        Dialect::Oss,
        "POST",
        "/b/k?uploadId=u1",
        &[],
        Payload::Bytes(body),
    );
    let Ok(Command::CompleteMultipartUpload(CompleteMultipartUpload {
        parts, upload_id, ..
    })) = mapped
    else {
        panic!("not a completion: {mapped:?}");
    };
    assert_eq!(upload_id.to_string(), "u1");
    assert_eq!((parts[0].part_number, parts[0].etag.as_str()), (2, "ABC"));
}

// Rule: SVC-7 (a copy names its source bucket when it is another: the service selects the
// source there)
#[test]
fn copies_name_a_source_in_another_bucket() {
    let same = command(
        Dialect::S3,
        "PUT",
        "/b/k",
        &[("x-amz-copy-source", "b/src?versionId=v9")],
        Payload::Bytes(b""),
    );
    assert_eq!(
        same,
        Ok(Command::CopyObject(
            CopyObject::new("src", "k").source_version_id("v9")
        ))
    );
    let other = command(
        Dialect::S3,
        "PUT",
        "/b/k",
        &[("x-amz-copy-source", "other/src")],
        Payload::Bytes(b""),
    );
    assert_eq!(
        other,
        Ok(Command::CopyObject(
            CopyObject::new("src", "k").source_bucket("other")
        ))
    );
}

// Rule: LST-7 (ListObjectsV2 continues after the last key returned: the token names it)
#[test]
fn continuation_tokens_round_trip() {
    let token = request::continuation_token("dir/last key");
    let mapped = command(
        Dialect::S3,
        "GET",
        &format!("/b?list-type=2&continuation-token={token}&start-after=zzz"),
        &[],
        Payload::Bytes(b""),
    );
    assert!(
        matches!(mapped, Ok(Command::ListObjects(list)) if list.marker.as_deref() == Some("dir/last key"))
    );
}

// Rule: RSP-1, CT-1, CT-3 (a versioned put reports its ID, the quoted ETag, and on oss the CRC-64)
#[test]
fn put_responses_carry_version_etag_and_crc() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = Bucket::new(BucketConfig::new(dialect));
        bucket.put_bucket_versioning("Enabled").expect("VS-2");
        let outcome = bucket
            .apply(Command::PutObject(PutObject::new("k", "123456789")))
            .expect("PUT-2");
        let response = respond(dialect, Operation::PutObject, "/b/k", &outcome);
        let bucket_versioning::Outcome::PutObject(put) = &outcome else {
            panic!("a put outcome");
        };
        let version = put
            .version_id
            .as_ref()
            .expect("Enabled reports IDs")
            .to_string();
        let (version_header, crc) = match dialect {
            Dialect::Oss => ("x-oss-version-id", Some("11051210869376104954")),
            Dialect::S3 => ("x-amz-version-id", None),
        };
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()[version_header], version.as_str());
        assert_eq!(
            response.headers()["etag"],
            format!("\"{}\"", put.etag.as_str()).as_str()
        );
        assert_eq!(
            response
                .headers()
                .get("x-oss-hash-crc64ecma")
                .map(|value| value.to_str().unwrap_or_default()),
            crc
        );
    }
}

// Rule: DEL-3, RSP-2 (a simple delete in Enabled: 204, the marker flag and the marker's ID)
#[test]
fn delete_marker_responses() {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss));
    bucket.put_bucket_versioning("Enabled").expect("VS-2");
    let outcome = bucket
        .apply(Command::DeleteObject(DeleteObject::new("k")))
        .expect("DEL-3");
    let response = respond(Dialect::Oss, Operation::DeleteObject, "/b/k", &outcome);
    assert_eq!(response.status(), 204);
    assert_eq!(response.headers()["x-oss-delete-marker"], "true");
    assert!(response.headers().contains_key("x-oss-version-id"));
    // Unversioned: no marker, no ID (DEL-2, RSP-2).
    let mut plain = Bucket::new(BucketConfig::new(Dialect::Oss));
    let outcome = plain
        .apply(Command::DeleteObject(DeleteObject::new("k")))
        .expect("DEL-2");
    let response = respond(Dialect::Oss, Operation::DeleteObject, "/b/k", &outcome);
    assert!(!response.headers().contains_key("x-oss-delete-marker"));
    assert!(!response.headers().contains_key("x-oss-version-id"));
}

// Rule: VS-1 (an Unversioned bucket answers an empty VersioningConfiguration)
#[test]
fn versioning_documents() {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::S3));
    let outcome = bucket
        .apply(Command::GetBucketVersioning(GetBucketVersioning::new()))
        .expect("a read");
    let response = respond(
        Dialect::S3,
        Operation::GetBucketVersioning,
        "/b?versioning",
        &outcome,
    );
    let body = String::from_utf8_lossy(response.body()).into_owned();
    assert!(body.contains("<VersioningConfiguration xmlns="), "{body}");
    assert!(!body.contains("<Status>"), "{body}");
}

// Rule: GET-1 (http.md §5.2: Range → 206; s3 unsatisfiable → 416, oss → the whole object)
#[test]
fn ranged_reads() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = Bucket::new(BucketConfig::new(dialect));
        bucket.put_object("k", "0123456789").expect("PUT-1");
        let bucket_versioning::Outcome::GetObject(meta) = bucket
            .apply(Command::GetObject(GetObject::new("k")))
            .expect("GET-1")
        else {
            panic!("a get outcome");
        };
        let id = RequestId::new(dialect, 1);
        let query = bucket_versioning_http::query::Query::parse(None).expect("empty");
        let view = ResponseView {
            dialect,
            operation: Operation::GetObject,
            bucket: "b",
            key: "k",
            query: &query,
            request_id: &id,
            now: 0,
        };
        let mut headers = HeaderMap::new();
        headers.insert("range", "bytes=2-4".parse().expect("a header"));
        let read = response::object_read(&view, &headers, &meta).expect("satisfiable");
        assert_eq!(
            (read.head.status().as_u16(), read.span),
            (206, Some((2, 4)))
        );
        assert_eq!(read.head.headers()["content-range"], "bytes 2-4/10");
        headers.insert("range", "bytes=50-60".parse().expect("a header"));
        match dialect {
            Dialect::S3 => {
                let refused = response::object_read(&view, &headers, &meta).expect_err("416");
                assert_eq!(refused.status().as_u16(), 416);
            }
            Dialect::Oss => {
                let read = response::object_read(&view, &headers, &meta).expect("whole");
                assert_eq!(
                    (read.head.status().as_u16(), read.span),
                    (200, Some((0, 9)))
                );
            }
        }
    }
}
