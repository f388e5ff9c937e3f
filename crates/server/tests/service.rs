//! The endpoint hosts the model's `Service`: its bucket errors (SVC-2..SVC-4, with the bucket
//! named), copies from another bucket (SVC-7), per-bucket ID seeds (SVC-5), and the control
//! API's snapshot as the service snapshot, restored with its uploads' bytes still reachable.

mod support;

use bucket_versioning::{BucketConfig, Dialect, Service};
use serde_json::Value;
use support::client::{complete_document, send, send_with, upload_id};
use support::server::InProcess;

/// The `<Code>` and `<BucketName>` of an error body.
fn code_and_bucket(body: &[u8]) -> (String, String) {
    let text = String::from_utf8_lossy(body);
    let field = |name: &str| {
        text.split(&format!("<{name}>"))
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .unwrap_or_default()
            .to_owned()
    };
    (field("Code"), field("BucketName"))
}

// Rule: SVC-2, SVC-3, SVC-4, SVC-6 (the service's bucket errors, each naming the bucket)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bucket_errors_are_the_services() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let server = InProcess::dialect(dialect).await;
        let address = server.address;
        assert_eq!(send(address, "PUT", "/full", b"").await.status, 200);
        assert_eq!(send(address, "PUT", "/full/k", b"v").await.status, 200);
        let exists = match dialect {
            Dialect::Oss => "BucketAlreadyExists",
            Dialect::S3 => "BucketAlreadyOwnedByYou",
        };
        for (method, path, status, code, bucket) in [
            ("PUT", "/Bad_Name", 400, "InvalidBucketName", "Bad_Name"),
            ("PUT", "/full", 409, exists, "full"),
            ("DELETE", "/full", 409, "BucketNotEmpty", "full"),
            ("DELETE", "/none", 404, "NoSuchBucket", "none"),
            ("GET", "/none/k", 404, "NoSuchBucket", "none"),
        ] {
            let reply = send(address, method, path, b"").await;
            assert_eq!(reply.status, status, "{dialect:?} {method} {path}");
            assert_eq!(
                code_and_bucket(&reply.body),
                (code.to_owned(), bucket.to_owned()),
                "{dialect:?} {method} {path}"
            );
        }
        assert_eq!(send(address, "DELETE", "/full/k", b"").await.status, 204);
        assert_eq!(send(address, "DELETE", "/full", b"").await.status, 204);
        server.stop().await;
    }
}

// Rule: SVC-7 (CopyObject from another bucket: the source selected there; a missing source
// bucket is NoSuchBucket naming it), SVC-5 (buckets draw their own IDs)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copies_cross_buckets_and_buckets_draw_their_own_ids() {
    let server = InProcess::dialect(Dialect::S3).await;
    let address = server.address;
    let enable = b"<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>";
    for bucket in ["photos", "backup"] {
        assert_eq!(
            send(address, "PUT", &format!("/{bucket}"), b"")
                .await
                .status,
            200
        );
        let versioning = format!("/{bucket}?versioning");
        assert_eq!(send(address, "PUT", &versioning, enable).await.status, 200);
    }
    let put = send(address, "PUT", "/photos/cat", b"meow").await;
    let first = put.header("x-amz-version-id").to_owned();
    let copy = send_with(
        address,
        "PUT",
        "/backup/cat",
        &[("x-amz-copy-source", "photos/cat")],
        b"",
    )
    .await;
    assert_eq!(copy.status, 200, "{:?}", copy.body);
    assert_eq!(copy.header("x-amz-copy-source-version-id"), first);
    assert_ne!(
        copy.header("x-amz-version-id"),
        first,
        "the two buckets draw different IDs (SVC-5)"
    );
    let read = send(address, "GET", "/backup/cat", b"").await;
    assert_eq!((read.status, read.body.as_ref()), (200, b"meow".as_slice()));
    let missing = send_with(
        address,
        "PUT",
        "/backup/dog",
        &[("x-amz-copy-source", "nowhere/dog")],
        b"",
    )
    .await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        code_and_bucket(&missing.body),
        ("NoSuchBucket".to_owned(), "nowhere".to_owned())
    );
    server.stop().await;
}

// Rule: MPU-7, ERR-2 (the control snapshot is the service snapshot; restored, an upload in
// progress still completes with its part's bytes; a snapshot of the other dialect is refused
// and changes nothing)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restored_snapshot_keeps_its_uploads_bytes() {
    let server = InProcess::dialect(Dialect::Oss).await;
    let address = server.address;
    assert_eq!(send(address, "PUT", "/bkt", b"").await.status, 200);
    let initiated = send(address, "POST", "/bkt/big?uploads", b"").await;
    let upload = upload_id(&initiated.body).expect("an upload ID");
    // Two parts (the first of the minimum part size): the object is their concatenation,
    // whose bytes exist only if the restored server still finds both parts.
    let first = vec![b'a'; 100 << 10];
    let mut etags = Vec::new();
    for (number, body) in [(1, first.as_slice()), (2, b"the last part".as_slice())] {
        let part_path = format!("/bkt/big?partNumber={number}&uploadId={upload}");
        let part = send(address, "PUT", &part_path, body).await;
        assert_eq!(part.status, 200);
        etags.push(part.header("etag").to_owned());
    }
    let snapshot = send(address, "GET", "/_bv/snapshot", b"").await.body;
    let service: Service = serde_json::from_slice(&snapshot).expect("a service snapshot");
    assert_eq!(service.list_buckets().buckets, ["bkt"]);

    assert_eq!(send(address, "POST", "/_bv/reset", b"").await.status, 204);
    assert_eq!(send(address, "GET", "/bkt", b"").await.status, 404);
    assert_eq!(
        send(address, "PUT", "/_bv/snapshot", &snapshot)
            .await
            .status,
        204
    );
    assert_eq!(
        send(address, "GET", "/_bv/snapshot", b"").await.body,
        snapshot
    );

    let other =
        serde_json::to_vec(&Service::new(BucketConfig::new(Dialect::S3))).expect("a snapshot");
    let refused = send(address, "PUT", "/_bv/snapshot", &other).await;
    assert_eq!(refused.status, 400);
    assert_eq!(
        send(address, "GET", "/_bv/snapshot", b"").await.body,
        snapshot
    );

    let complete = complete_document(&[&etags[0], &etags[1]]);
    let completed = send(
        address,
        "POST",
        &format!("/bkt/big?uploadId={upload}"),
        complete.as_bytes(),
    )
    .await;
    assert_eq!(completed.status, 200, "{:?}", completed.body);
    let read = send(address, "GET", "/bkt/big", b"").await;
    let mut whole = first;
    whole.extend_from_slice(b"the last part");
    assert_eq!(read.status, 200);
    assert!(read.body == whole, "the completed object's bytes");
    let log: Vec<Value> =
        String::from_utf8_lossy(&send(address, "GET", "/_bv/log", b"").await.body)
            .lines()
            .map(|line| serde_json::from_str(line).expect("a JSON line"))
            .collect();
    assert_eq!(
        log.first().and_then(|line| line["op"].as_str()),
        Some("complete_multipart_upload"),
        "the log starts afresh at the restore"
    );
    server.stop().await;
}
