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
use bucket_versioning_http::request::takes_object_body;
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
    let stored = if !takes_object_body(head.operation) {
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

/// The write a step sends, and what it means for the bookkeeping.
enum Write {
    Append(Vec<u8>),
    Put(Vec<u8>),
    DeleteVersion(String, Vec<u8>),
}

// Rule: APP-4, PUT-2, DEL-5 (issue 17: a kill -9 at the moment of a collection loses no
// acknowledged write: an appendable's acknowledged content and every acknowledged version not
// deleted read back after the restart, the write in flight is there whole or not at all)
#[test]
fn a_crash_at_a_collection_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let data = dir.path().join("data");
    let registry = Registry::open(Dialect::Oss, 7, Some(&data)).expect("the registry opens");
    if let Some(ticket) = registry.ensure_bucket("crash").expect("the bucket") {
        registry.wait(ticket).expect("durable");
    }
    let enable = b"<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>";
    let answer = send(&registry, "PUT", "/crash?versioning", enable);
    assert_eq!(answer.response.status(), 200);
    if let Some(ticket) = answer.ticket {
        registry.wait(ticket).expect("durable");
    }
    // Appends to one key, versions of another and deletes of them by ID, in turn: the three
    // collections fall on one of each (every command here counts towards a collection).
    let steps = 3 * COLLECT_EVERY + 10;
    let mut appended = Vec::new();
    let mut versions: Vec<(String, Vec<u8>)> = Vec::new();
    let mut collected_at = Vec::new();
    for step in 0..steps {
        let body = format!("[{step}]").into_bytes();
        let (method, uri, write) = match step % 3 {
            0 => (
                "POST",
                format!("/crash/a?append&position={}", appended.len()),
                Write::Append(body.clone()),
            ),
            1 => ("PUT", "/crash/k".to_owned(), Write::Put(body.clone())),
            _ => {
                let (version, bytes) = versions.remove(0);
                let uri = format!("/crash/k?versionId={version}");
                ("DELETE", uri, Write::DeleteVersion(version, bytes))
            }
        };
        let ropes_before = registry.store().stats().ropes;
        let answer = send(&registry, method, &uri, &body);
        assert!(
            answer.response.status().is_success(),
            "{method} {uri}: {} {}",
            answer.response.status(),
            String::from_utf8_lossy(answer.response.body())
        );
        if registry.store().stats().ropes < ropes_before {
            // This write collected garbage: kill -9 now, before its record is waited for.
            collected_at.push(step % 3);
            let image = dir.path().join("image");
            copy_dir(&data, &image);
            let restarted = Registry::open(Dialect::Oss, 7, Some(&image)).expect("the image opens");
            let bytes = read(&restarted, "/crash/a").expect("the appendable reads back");
            let tail = bytes
                .strip_prefix(appended.as_slice())
                .expect("every acknowledged append is there");
            let in_flight = match &write {
                Write::Append(bytes) => bytes.as_slice(),
                _ => b"",
            };
            assert!(
                tail.is_empty() || tail == in_flight,
                "bytes nobody appended: {}",
                String::from_utf8_lossy(tail)
            );
            for (version, bytes) in &versions {
                let uri = format!("/crash/k?versionId={version}");
                assert_eq!(read(&restarted, &uri).as_ref(), Ok(bytes), "{uri}");
            }
            if let Write::DeleteVersion(version, bytes) = &write {
                // Deleted or not, never a version without its bytes.
                let uri = format!("/crash/k?versionId={version}");
                match read(&restarted, &uri) {
                    Ok(read) => assert_eq!(&read, bytes, "{uri}"),
                    Err(answer) => assert!(answer.starts_with("404"), "{uri}: {answer}"),
                }
            }
            drop(restarted);
            std::fs::remove_dir_all(&image).expect("the image goes");
        }
        let version = answer
            .response
            .headers()
            .get("x-oss-version-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        if let Some(ticket) = answer.ticket {
            registry.wait(ticket).expect("durable");
        }
        match write {
            Write::Append(bytes) => appended.extend_from_slice(&bytes),
            Write::Put(bytes) => versions.push((version.expect("a version ID"), bytes)),
            Write::DeleteVersion(..) => {}
        }
    }
    collected_at.sort_unstable();
    assert_eq!(
        collected_at,
        [0, 1, 2],
        "a collection at each kind of write"
    );
    assert_eq!(
        read(&registry, "/crash/a").as_deref(),
        Ok(appended.as_slice())
    );
}
