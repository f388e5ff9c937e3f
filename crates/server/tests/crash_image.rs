//! What a `kill -9` leaves on disk at the moment the byte store collects garbage: the data
//! directory is copied while the request that triggered the collection has its journal record
//! submitted but not yet waited for (the state a crash at that moment leaves, since a killed
//! process loses exactly what it had not written), and a second registry opened on the copy
//! must read back every acknowledged write.
//!
//! The collection runs inside a request, under the model's lock. If it took its live set from
//! a state whose records were not all on disk, a crash before they were would bring back an
//! older state (an appendable's earlier content, a version whose delete was lost) whose bytes
//! the collection had already dropped.

use std::path::Path;

use bucket_versioning::Dialect;
use bucket_versioning_http::addressing::Addressing;
use bucket_versioning_http::request_id::RequestId;
use bucket_versioning_http::{Codec, RequestHead};
use bucket_versioning_server::registry::{Answer, COLLECT_EVERY, Registry, StoredBody};
use bytes::Bytes;
use http::Request;

const HOST: &str = "127.0.0.1:9000";

/// One request to `registry`, as the handler makes it, without waiting for the journal.
fn send(registry: &Registry, method: &str, uri: &str, body: &[u8]) -> Answer {
    let codec = Codec::new(Dialect::Oss, Addressing::new(HOST));
    let (parts, ()) = Request::builder()
        .method(method)
        .uri(uri)
        .header("host", HOST)
        .body(())
        .expect("a request")
        .into_parts();
    let head: RequestHead = codec
        .decode_head(&parts)
        .expect("a request the codec takes");
    let context = codec.error_context(&parts, 1);
    let bytes = Bytes::copy_from_slice(body);
    let stored = if method == "GET" {
        StoredBody::Document(bytes)
    } else {
        let (piece, rope) = registry
            .store_body(&bytes, false)
            .expect("the body is stored");
        StoredBody::Object(piece, rope, bytes)
    };
    registry.execute(
        &head,
        &parts.headers,
        stored,
        &context,
        &RequestId::new(Dialect::Oss, 1),
    )
}

/// The bytes a GET answered, or its status and error document.
fn read(registry: &Registry, uri: &str) -> Result<Vec<u8>, String> {
    let answer = send(registry, "GET", uri, b"");
    let Some((rope, first, last)) = answer.object else {
        return Err(format!(
            "{} {}",
            answer.response.status(),
            String::from_utf8_lossy(answer.response.body())
        ));
    };
    let store = registry.store();
    let mut bytes = Vec::new();
    for chunk in store.read_range(&rope, first..=last).expect("the span") {
        bytes.extend_from_slice(&chunk.expect("the bytes are readable"));
    }
    Ok(bytes)
}

/// Copies `from` to `to` as it is now: what a process killed at this moment leaves.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("the copy's directory");
    for entry in std::fs::read_dir(from).expect("a readable directory") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copied file");
        }
    }
}

// Rule: APP-3, APP-4, APP-9 (issue 17: a kill -9 at the moment of a collection loses no acknowledged
// append: the appendable's content, as acknowledged, has its bytes after the restart)
#[test]
fn a_crash_at_a_collection_keeps_the_bytes_of_every_acknowledged_append() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = dir.path().join("data");
    let registry = Registry::open(Dialect::Oss, 7, Some(&data)).expect("the registry opens");
    if let Some(ticket) = registry.ensure_bucket("crash").expect("the bucket") {
        registry.wait(ticket).expect("durable");
    }
    let mut acknowledged = Vec::new();
    let mut collections = 0;
    for step in 0..COLLECT_EVERY + 10 {
        let body = format!("[{step}]");
        let ropes_before = registry.store().stats().ropes;
        let uri = format!("/crash/a?append&position={}", acknowledged.len());
        let answer = send(&registry, "POST", &uri, body.as_bytes());
        assert_eq!(
            answer.response.status(),
            200,
            "append {step}: {}",
            String::from_utf8_lossy(answer.response.body())
        );
        if registry.store().stats().ropes < ropes_before {
            // This append collected garbage: kill -9 now, before its record is waited for.
            collections += 1;
            let image = dir.path().join("image");
            copy_dir(&data, &image);
            let restarted = Registry::open(Dialect::Oss, 7, Some(&image)).expect("the image opens");
            let bytes = read(&restarted, "/crash/a").expect("the appendable reads back");
            let tail = bytes
                .strip_prefix(acknowledged.as_slice())
                .expect("every acknowledged append is there");
            assert!(
                tail.is_empty() || tail == body.as_bytes(),
                "bytes nobody appended: {}",
                String::from_utf8_lossy(tail)
            );
            drop(restarted);
            std::fs::remove_dir_all(&image).expect("the image goes");
        }
        if let Some(ticket) = answer.ticket {
            registry.wait(ticket).expect("durable");
        }
        acknowledged.extend_from_slice(body.as_bytes());
    }
    assert_eq!(
        collections,
        1,
        "one collection in {} appends",
        COLLECT_EVERY + 10
    );
    assert_eq!(
        read(&registry, "/crash/a").as_deref(),
        Ok(acknowledged.as_slice())
    );
}
