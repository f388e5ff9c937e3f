//! The byte store's garbage collection under the server (every `COLLECT_EVERY` writes) never
//! drops a body a version or an uploaded part still refers to.

mod support;

use bucket_versioning_server::registry::COLLECT_EVERY;
use bucket_versioning_server::serve::ServeOptions;
use support::client::{complete_document, send, send_with, upload_id};
use support::server::InProcess;

// Rule: PUT-1, PUT-2, MPU-2 (overwritten bodies may go; every live version and part reads back)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn collection_keeps_every_live_body() {
    let server = InProcess::start(ServeOptions::default()).await;
    let address = server.address;
    for bucket in ["plain", "kept"] {
        assert_eq!(
            send(address, "PUT", &format!("/{bucket}"), b"")
                .await
                .status,
            200
        );
    }
    let enable = b"<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>";
    assert_eq!(
        send(address, "PUT", "/kept?versioning", enable)
            .await
            .status,
        200
    );
    let initiated = send(address, "POST", "/kept/big?uploads", b"").await;
    let upload = upload_id(&initiated.body).expect("an upload ID");
    let part = send(
        address,
        "PUT",
        &format!("/kept/big?partNumber=1&uploadId={upload}"),
        b"part one",
    )
    .await;
    assert_eq!(part.status, 200);
    let mut versions = Vec::new();
    for round in 0..(COLLECT_EVERY + 100) {
        let body = format!("round {round}");
        // Unversioned overwrites: every earlier body becomes garbage (PUT-1).
        assert_eq!(
            send(address, "PUT", "/plain/k", body.as_bytes())
                .await
                .status,
            200
        );
        if round % 100 == 0 {
            // Enabled: every version stays (PUT-2).
            let put = send(address, "PUT", "/kept/k", body.as_bytes()).await;
            versions.push((put.header("x-oss-version-id").to_owned(), body));
        }
    }
    let last = send(address, "GET", "/plain/k", b"").await;
    assert_eq!(
        last.body.as_ref(),
        format!("round {}", COLLECT_EVERY + 99).as_bytes()
    );
    for (version, body) in &versions {
        let got = send(address, "GET", &format!("/kept/k?versionId={version}"), b"").await;
        assert_eq!((got.status, got.body.as_ref()), (200, body.as_bytes()));
    }
    // The part survives to its completion (MPU-7).
    let complete = complete_document(&[part.header("etag")]);
    let completed = send(
        address,
        "POST",
        &format!("/kept/big?uploadId={upload}"),
        complete.as_bytes(),
    )
    .await;
    assert_eq!(completed.status, 200, "{:?}", completed.body);
    let big = send(address, "GET", "/kept/big", b"").await;
    assert_eq!(big.body.as_ref(), b"part one");
    server.stop().await;
}

// Rule: APP-4, MPU-7, MPU-12, ERR-2 (a snapshot restored after its bodies were collected: the
// object reads as a 500, and a write that builds on bytes that are gone — an append, a
// completion, a part copy — is refused with nothing applied rather than accepted without them)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_on_bytes_that_were_collected_are_refused_whole() {
    let server = InProcess::start(ServeOptions::default()).await;
    let address = server.address;
    assert_eq!(send(address, "PUT", "/gone", b"").await.status, 200);
    let first = send(address, "POST", "/gone/a?append&position=0", b"abc").await;
    assert_eq!(first.status, 200);
    let upload = upload_id(&send(address, "POST", "/gone/big?uploads", b"").await.body)
        .expect("an upload ID");
    let part_path = format!("/gone/big?partNumber=1&uploadId={upload}");
    let part = send(address, "PUT", &part_path, b"part one").await;
    assert_eq!(part.status, 200);
    let copy_upload = upload_id(&send(address, "POST", "/gone/copy?uploads", b"").await.body)
        .expect("an upload ID");
    let snapshot = send(address, "GET", "/_bv/snapshot", b"").await.body;

    // The service emptied, then enough writes elsewhere for a collection: the bodies go.
    assert_eq!(send(address, "POST", "/_bv/reset", b"").await.status, 204);
    assert_eq!(send(address, "PUT", "/filler", b"").await.status, 200);
    for round in 0..COLLECT_EVERY {
        let body = format!("round {round}");
        let put = send(address, "PUT", "/filler/k", body.as_bytes()).await;
        assert_eq!(put.status, 200);
    }
    assert_eq!(
        send(address, "PUT", "/_bv/snapshot", &snapshot)
            .await
            .status,
        204
    );

    let read = send(address, "GET", "/gone/a", b"").await;
    assert_eq!(read.status, 500, "{:?}", read.body);
    assert!(
        String::from_utf8_lossy(&read.body).contains("not in the store"),
        "{:?}",
        read.body
    );
    let append = send(address, "POST", "/gone/a?append&position=3", b"def").await;
    assert_eq!(append.status, 500, "{:?}", append.body);
    let complete = complete_document(&[part.header("etag")]);
    let completed = send(
        address,
        "POST",
        &format!("/gone/big?uploadId={upload}"),
        complete.as_bytes(),
    )
    .await;
    assert_eq!(completed.status, 500, "{:?}", completed.body);
    let copied = send_with(
        address,
        "PUT",
        &format!("/gone/copy?partNumber=1&uploadId={copy_upload}"),
        &[("x-oss-copy-source", "/gone/a")],
        b"",
    )
    .await;
    assert_eq!(copied.status, 500, "{:?}", copied.body);
    let after = send(address, "GET", "/_bv/snapshot", b"").await.body;
    assert_eq!(after, snapshot, "a refused write changed the state");
    server.stop().await;
}
