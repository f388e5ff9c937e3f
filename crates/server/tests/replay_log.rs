//! Concurrent clients against an in-process server: afterwards the server's own command log
//! (`GET /_bv/log`), a service trace, replayed through the model's service
//! (`wire::replay_service`), gives exactly the service the server reports (`GET /_bv/snapshot`),
//! and each bucket's trace (`GET /_bv/log?bucket=NAME`) replays as the `replay` example replays
//! it to that bucket. The log is in the order the commands were applied, so concurrency cannot
//! make it lie (INV-9: same seed, same commands, same state).

mod support;

use bucket_versioning::wire::{self, Reply};
use bucket_versioning::{BucketConfig, Dialect, Service};
use bucket_versioning_server::serve::ServeOptions;
use support::client::{send, send_with};
use support::server::InProcess;

const CLIENTS: usize = 16;
const REQUESTS_PER_CLIENT: usize = 40;

/// Replays `trace` into `service`, every line of which must be accepted.
#[track_caller]
fn replay_accepted(service: &mut Service, trace: &str) {
    for (line, reply) in trace.lines().zip(wire::replay_service(service, trace)) {
        assert!(
            matches!(reply, Reply::Ok(_)),
            "a logged command is refused on replay: {line} -> {}",
            reply.to_line()
        );
    }
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
                    5 if step % 12 == 11 => {
                        // A copy from the other bucket (SVC-7): the source may be missing.
                        let (source, header) = match dialect {
                            Dialect::Oss => (format!("/alpha/{key}"), "x-oss-copy-source"),
                            Dialect::S3 => (format!("alpha/{key}"), "x-amz-copy-source"),
                        };
                        let path = format!("/beta/copy{client}");
                        let reply = send_with(address, "PUT", &path, &[(header, &source)], b"").await;
                        statuses.push(reply.status);
                        continue;
                    }
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
    let config = BucketConfig::new(dialect).with_seed(seed);
    // Per bucket: a revision-2 trace, what `examples/replay.rs` reads, replayed into a service
    // made as the replayer makes it (the default bucket there already). Only alpha's stands
    // alone: beta's copies name their source in alpha (SVC-7).
    let mut per_bucket = Vec::new();
    for bucket in ["alpha"] {
        let trace = send(address, "GET", &format!("/_bv/log?bucket={bucket}"), b"").await;
        let mut replayer = Service::with_default_bucket(config);
        replay_accepted(&mut replayer, &String::from_utf8_lossy(&trace.body));
        per_bucket.push((bucket, replayer));
    }
    let snapshot = send(address, "GET", "/_bv/snapshot", b"").await;
    server.stop().await;
    let log = String::from_utf8(log.body.to_vec()).expect("UTF-8");
    let served: Service = serde_json::from_slice(&snapshot.body).expect("a service snapshot");
    let mut replayed = Service::new(config);
    replay_accepted(&mut replayed, &log);
    assert_eq!(
        served, replayed,
        "the service differs from its replayed log"
    );
    replayed.check_invariants().expect("INV-1..INV-10");
    assert_eq!(served.list_buckets().buckets, ["alpha", "beta"]);
    for (name, replayer) in &per_bucket {
        assert_eq!(
            replayer.bucket(name),
            served.bucket(name),
            "the per-bucket trace of {name} differs"
        );
    }
    assert!(
        log.lines().count() > CLIENTS * REQUESTS_PER_CLIENT / 3,
        "the log holds the writes"
    );
    assert!(
        log.lines()
            .any(|line| line.contains(r#""source_bucket":"alpha""#)),
        "copies from the other bucket were logged (SVC-7)"
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
