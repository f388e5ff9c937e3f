//! Concurrent clients against an in-process server: afterwards the server's own command log
//! (`GET /_bv/log`), replayed through the model bucket by bucket, gives exactly the state the
//! server reports (`GET /_bv/snapshot`). The log is in the order the commands were applied, so
//! concurrency cannot make it lie (INV-9: same seed, same commands, same state).

mod support;

use std::collections::BTreeMap;

use bucket_versioning::{Bucket, BucketConfig, Command, Dialect};
use bucket_versioning_server::serve::ServeOptions;
use serde_json::Value;
use support::client::send;
use support::server::InProcess;

const CLIENTS: usize = 16;
const REQUESTS_PER_CLIENT: usize = 40;

/// Replays a server log (trace lines with `bucket`) into one model per bucket.
fn replay(dialect: Dialect, seed: u64, log: &str) -> BTreeMap<String, Bucket> {
    let mut buckets = BTreeMap::new();
    for line in log.lines().filter(|line| !line.trim().is_empty()) {
        let mut value: Value = serde_json::from_str(line).expect("a JSON line");
        let object = value.as_object_mut().expect("an object");
        let bucket = object
            .remove("bucket")
            .and_then(|bucket| bucket.as_str().map(str::to_owned))
            .expect("every line names its bucket");
        match object.get("op").and_then(Value::as_str) {
            Some("create_bucket") => {
                buckets.insert(
                    bucket,
                    Bucket::new(BucketConfig::new(dialect).with_seed(seed)),
                );
            }
            Some("delete_bucket") => {
                buckets.remove(&bucket);
            }
            _ => {
                let command: Command =
                    serde_json::from_value(value).expect("a trace-format command");
                let model = buckets.get_mut(&bucket).expect("a created bucket");
                model
                    .apply(command)
                    .expect("the log holds accepted commands only");
            }
        }
    }
    buckets
}

async fn scenario(dialect: Dialect) {
    let seed = 7;
    let server = InProcess::start(ServeOptions {
        dialect,
        seed,
        ..ServeOptions::default()
    })
    .await;
    let address = server.address;
    for bucket in ["alpha", "beta"] {
        assert_eq!(
            send(address, "PUT", &format!("/{bucket}"), b"")
                .await
                .status,
            200
        );
    }
    let enable = b"<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>";
    assert_eq!(
        send(address, "PUT", "/alpha?versioning", enable)
            .await
            .status,
        200
    );
    let mut clients = Vec::new();
    for client in 0..CLIENTS {
        clients.push(tokio::spawn(async move {
            let mut statuses = Vec::new();
            for step in 0..REQUESTS_PER_CLIENT {
                let bucket = if (client + step) % 3 == 0 { "beta" } else { "alpha" };
                let key = format!("k{}", (client * 7 + step) % 5);
                let body = format!("client {client} step {step}");
                let (method, path, body) = match step % 6 {
                    0 | 1 => ("PUT", format!("/{bucket}/{key}"), body.into_bytes()),
                    2 => ("DELETE", format!("/{bucket}/{key}"), Vec::new()),
                    3 if dialect == Dialect::Oss => (
                        "POST",
                        format!("/{bucket}/log{client}?append&position={}", step / 6 * 4),
                        b"line".to_vec(),
                    ),
                    3 => ("GET", format!("/{bucket}/{key}"), Vec::new()),
                    4 => ("GET", format!("/{bucket}?versions"), Vec::new()),
                    _ if step == 5 && client == 0 => (
                        "PUT",
                        "/beta?versioning".to_owned(),
                        b"<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>"
                            .to_vec(),
                    ),
                    _ => ("HEAD", format!("/{bucket}/{key}"), Vec::new()),
                };
                statuses.push(send(address, method, &path, &body).await.status);
            }
            statuses
        }));
    }
    for client in clients {
        let statuses = client.await.expect("the client finished");
        // Every answer is the model's: a success or a rule's error, never a server failure.
        assert!(statuses.iter().all(|status| *status < 500), "{statuses:?}");
    }
    let log = send(address, "GET", "/_bv/log", b"").await;
    // Per bucket: a revision-1 trace, what `examples/replay.rs` reads (every line a command,
    // unknown fields refused), replayed into a bucket made as the replayer makes it.
    let mut per_bucket = BTreeMap::new();
    for bucket in ["alpha", "beta"] {
        let trace = send(address, "GET", &format!("/_bv/log?bucket={bucket}"), b"").await;
        let mut model = Bucket::new(BucketConfig::new(dialect).with_seed(seed));
        for line in String::from_utf8_lossy(&trace.body).lines() {
            let command: Command = serde_json::from_str(line).expect("a revision-1 command");
            model.apply(command).expect("an accepted command");
        }
        per_bucket.insert(bucket.to_owned(), model);
    }
    let snapshot = send(address, "GET", "/_bv/snapshot", b"").await;
    server.stop().await;
    let log = String::from_utf8(log.body.to_vec()).expect("UTF-8");
    let snapshot: Value = serde_json::from_slice(&snapshot.body).expect("JSON");
    let replayed = replay(dialect, seed, &log);
    let served = snapshot["buckets"].as_object().expect("buckets");
    assert_eq!(
        replayed.keys().collect::<Vec<_>>(),
        served.keys().collect::<Vec<_>>()
    );
    for (name, model) in &replayed {
        let served: Bucket =
            serde_json::from_value(served[name]["model"].clone()).expect("a bucket snapshot");
        assert_eq!(
            &served, model,
            "bucket {name} differs from its replayed log"
        );
        model.check_invariants().expect("INV-1..INV-9");
        assert_eq!(
            &per_bucket[name], model,
            "the per-bucket trace of {name} differs"
        );
    }
    assert!(
        log.lines().count() > CLIENTS * REQUESTS_PER_CLIENT / 3,
        "the log holds the writes"
    );
}

// Rule: INV-9 (the server's log replays to the server's state, oss)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn oss_log_replays_to_the_served_state() {
    scenario(Dialect::Oss).await;
}

// Rule: INV-9 (the server's log replays to the server's state, s3)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn s3_log_replays_to_the_served_state() {
    scenario(Dialect::S3).await;
}
