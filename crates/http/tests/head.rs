//! http.md §1: the heads of requests the SDKs really send (recorded by `vectors/sign.py`)
//! decode to the operation, bucket, key and parameters they mean — path style and virtual host,
//! oss2's `%2F` and botocore's `/`, flags with and without `=`, presign parameters removed.

use bucket_versioning::Dialect;
use bucket_versioning_http::Codec;
use bucket_versioning_http::addressing::Target;
use bucket_versioning_http::dispatch::Operation;
use support::{addressing, parts, recorded};

mod support;

/// The operation each recorded call is, by the end of its name.
fn operation_of(name: &str) -> Operation {
    use Operation as O;
    let table = [
        ("put-object", O::PutObject),
        ("get-object-version", O::GetObject),
        ("list-object-versions", O::ListObjectVersions),
        ("delete-objects", O::DeleteObjects),
        ("batch-delete", O::DeleteObjects),
        ("put-bucket-versioning", O::PutBucketVersioning),
        ("create-multipart-upload", O::InitiateMultipartUpload),
        ("init-multipart-upload", O::InitiateMultipartUpload),
        ("upload-part", O::UploadPart),
        ("complete-multipart-upload", O::CompleteMultipartUpload),
        ("copy-object", O::CopyObject),
        ("put-object-tagging", O::PutObjectTagging),
        ("get-object-attributes", O::GetObjectAttributes),
        ("head-object", O::HeadObject),
        ("list-buckets", O::ListBuckets),
        ("delete-object", O::DeleteObject),
        ("append-object", O::AppendObject),
        ("put-symlink", O::PutSymlink),
        ("get-object-meta", O::GetObjectMeta),
        ("get-bucket-info", O::GetBucketInfo),
        ("presigned-get", O::GetObject),
        ("presigned-get-version", O::GetObject),
        ("presigned-put", O::PutObject),
        ("presigned-list", O::ListObjectsV2),
    ];
    table
        .iter()
        .filter(|(suffix, _)| name.ends_with(suffix))
        .max_by_key(|(suffix, _)| suffix.len())
        .map(|(_, operation)| *operation)
        .unwrap_or_else(|| panic!("no operation for {name}"))
}

// http.md §1.1–§1.3: every recorded request decodes to its operation in its dialect.
#[test]
fn sdk_requests_dispatch_to_their_operations() {
    for record in recorded() {
        let codec = Codec::new(record.dialect(), addressing());
        let head = codec
            .decode_head(&record.parts())
            .unwrap_or_else(|error| panic!("{}: {error}", record.name));
        assert_eq!(
            head.operation,
            operation_of(&record.name),
            "{}",
            record.name
        );
        assert_eq!(
            head.authorization.as_ref().map(|auth| auth.access_key()),
            Some(record.access_key.as_str()),
            "{}",
            record.name
        );
        assert!(
            !head.query.params().iter().any(|param| {
                let name = param.name();
                name.starts_with("X-Amz-") || name == "OSSAccessKeyId" || name == "x-oss-signature"
            }),
            "{}: presign parameters left in {:?}",
            record.name,
            head.query
        );
    }
}

// http.md §1.1: oss2's `dir%2Fa…` and botocore's `dir/a…` are one key; `a//b/../c` is kept as
// sent; path style and virtual host agree.
#[test]
fn sdk_keys_decode_to_the_same_text() {
    let records = recorded();
    for name in [
        "s3-path-put-object",
        "s3-https-virtual-put-object",
        "oss-v1-path-put-object",
        "oss-v1-virtual-put-object",
        "oss-v4-path-put-object",
        "oss-v4-virtual-put-object",
    ] {
        let record = records.iter().find(|r| r.name == name).expect("recorded");
        let head = Codec::new(record.dialect(), addressing())
            .decode_head(&record.parts())
            .expect("decodes");
        assert_eq!(
            head.target,
            Target::Object {
                bucket: "bucket".into(),
                key: "dir/a b+ü~!.txt".into()
            },
            "{name}"
        );
    }
    for name in [
        "s3-path-delete-object",
        "oss-v1-path-delete-object",
        "oss-v4-virtual-delete-object",
    ] {
        let record = records.iter().find(|r| r.name == name).expect("recorded");
        let head = Codec::new(record.dialect(), addressing())
            .decode_head(&record.parts())
            .expect("decodes");
        assert_eq!(head.target.key(), Some("a//b/../c"), "{name}");
    }
}

// http.md §1.2: oss2's empty list parameters are absent; its flags have `=`; botocore's don't.
#[test]
fn sdk_list_parameters() {
    for record in recorded()
        .into_iter()
        .filter(|record| record.name.ends_with("list-object-versions"))
    {
        let head = Codec::new(record.dialect(), addressing())
            .decode_head(&record.parts())
            .expect("decodes");
        let query = &head.query;
        assert_eq!(query.get("prefix"), Some("a/"), "{}", record.name);
        assert_eq!(query.get("key-marker"), Some("a/b"));
        assert_eq!(query.get("max-keys"), Some("2"));
        assert_eq!(query.get("encoding-type"), Some("url"));
        assert_eq!(query.get("delimiter"), None);
        assert_eq!(query.get("version-id-marker"), None);
        assert!(query.has("versions"));
    }
}

// http.md §1.3, §6: an unreadable signature is refused before dispatch (403), an unsupported
// sub-resource after it (501), a bad path first of all (400).
#[test]
fn refusals_come_in_order() {
    let codec = Codec::new(Dialect::S3, addressing());
    let refuse = |method: &str, target: &str, headers: &[(&str, &str)]| {
        codec
            .decode_head(&parts(method, target, headers))
            .map(|head| head.operation)
            .map_err(|error| (error.code(Dialect::S3), error.status().as_u16()))
    };
    assert_eq!(
        refuse(
            "GET",
            "/b/%zz?acl",
            &[("authorization", "AWS4-HMAC-SHA256 nonsense")]
        ),
        Err(("InvalidURI", 400))
    );
    assert_eq!(
        refuse(
            "GET",
            "/b/k?acl",
            &[("authorization", "AWS4-HMAC-SHA256 nonsense")]
        ),
        Err(("AccessDenied", 403))
    );
    assert_eq!(refuse("GET", "/b/k?acl", &[]), Err(("NotImplemented", 501)));
    assert_eq!(refuse("POST", "/b/k", &[]), Err(("MethodNotAllowed", 405)));
    assert_eq!(
        refuse("GET", "/b/k", &[("authorization", "Bearer x")]),
        Err(("AccessDenied", 403))
    );
    assert_eq!(refuse("GET", "/b/k", &[]), Ok(Operation::GetObject));
}

// http.md §6: the Go SDK v2 writes oss V4 fields separated by "," alone; oss2 by ", ".
#[test]
fn oss_v4_fields_with_either_separator() {
    let codec = Codec::new(Dialect::Oss, addressing());
    for authorization in [
        "OSS4-HMAC-SHA256 Credential=ak/20250102/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=host,Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "OSS4-HMAC-SHA256 Credential=ak/20250102/cn-hangzhou/oss/aliyun_v4_request, AdditionalHeaders=host, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    ] {
        let head = codec
            .decode_head(&parts("GET", "/b/k", &[("authorization", authorization)]))
            .expect("readable");
        let Some(bucket_versioning_http::auth::Authorization::OssV4(signature)) =
            head.authorization
        else {
            panic!("an oss V4 signature");
        };
        assert_eq!(signature.scope().access_key(), "ak");
        assert_eq!(signature.scope().region(), "cn-hangzhou");
        assert_eq!(signature.signed_headers(), ["host"]);
    }
}

// http.md §5.5: botocore's copy source (no leading `/`) and oss2's (leading `/`, `/` encoded)
// name the same source.
#[test]
fn sdk_copy_sources_parse() {
    use bucket_versioning_http::copy_source::CopySource;
    use bucket_versioning_http::headers::DialectHeaders;
    let mut seen = 0;
    for record in recorded()
        .into_iter()
        .filter(|record| record.name.ends_with("copy-object"))
    {
        let parts = record.parts();
        let header = &DialectHeaders::of(record.dialect()).copy_source;
        let value = parts.headers[header].to_str().expect("ASCII");
        assert_eq!(
            CopySource::parse(value),
            Ok(CopySource {
                bucket: "bucket".into(),
                key: "dir/a b.txt".into(),
                version_id: Some("v1".into()),
            }),
            "{}: {value}",
            record.name
        );
        seen += 1;
    }
    assert_eq!(seen, 6);
}
