//! `kill -9` of `bucket-versioning serve --data-dir` while clients write: after a restart on the
//! same directory every acknowledged write is there, with its version ID and its bytes, and the
//! state is one the model can be in (issue 17, durability). Also: a second server on a data
//! directory in use, and a taken port, fail with a clear error and their exit codes.

mod support;

use std::process::Command;
use std::sync::{Arc, Mutex};

use bucket_versioning::wire::{self, Reply};
use bucket_versioning::{BucketConfig, Dialect, Service};
use support::client::send;
use support::server::{BINARY, Spawned};

/// An acknowledged write: key, version ID, body.
type Acked = (String, String, Vec<u8>);

// Rule: ID-1, PUT-2 (every acknowledged version survives kill -9, with its ID and bytes)
#[test]
fn acknowledged_writes_survive_kill_9() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let server = Spawned::with_data_dir(Dialect::S3, dir.path());
    let address = server.address;
    let acked: Arc<Mutex<Vec<Acked>>> = Arc::default();
    runtime.block_on(async {
        assert_eq!(send(address, "PUT", "/durable", b"").await.status, 200);
        let enable = b"<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>";
        assert_eq!(
            send(address, "PUT", "/durable?versioning", enable)
                .await
                .status,
            200
        );
    });
    // Writers run until the server dies under them; a kill comes after some acknowledgements.
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let acked = Arc::clone(&acked);
            runtime.spawn(async move {
                for step in 0..10_000u32 {
                    let key = format!("w{writer}/k{}", step % 3);
                    let body =
                        format!("writer {writer} step {step} ").repeat(1 + step as usize % 50);
                    let path = format!("/durable/{key}");
                    let Ok(reply) = tokio::time::timeout(
                        std::time::Duration::from_secs(5),
                        tokio::spawn(async move {
                            let reply = send(address, "PUT", &path, body.as_bytes()).await;
                            let version = reply.header("x-amz-version-id").to_owned();
                            (reply.status, version, body)
                        }),
                    )
                    .await
                    else {
                        return;
                    };
                    let Ok((status, version, body)) = reply else {
                        return;
                    };
                    if status != 200 {
                        return;
                    }
                    acked
                        .lock()
                        .expect("not poisoned")
                        .push((key, version, body.into_bytes()));
                }
            })
        })
        .collect();
    while acked.lock().expect("not poisoned").len() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    server.kill();
    for writer in writers {
        let _ = runtime.block_on(writer);
    }
    let acked = acked.lock().expect("not poisoned").clone();
    assert!(acked.len() >= 60);
    let server = Spawned::with_data_dir(Dialect::S3, dir.path());
    let address = server.address;
    runtime.block_on(async {
        for (key, version, body) in &acked {
            let reply = send(
                address,
                "GET",
                &format!("/durable/{key}?versionId={version}"),
                b"",
            )
            .await;
            assert_eq!(reply.status, 200, "{key} {version} is lost");
            assert_eq!(
                reply.body.as_ref(),
                body.as_slice(),
                "{key} {version} changed"
            );
        }
        let snapshot = send(address, "GET", "/_bv/snapshot", b"").await;
        let served: Service = serde_json::from_slice(&snapshot.body).expect("a service snapshot");
        served
            .check_invariants()
            .expect("a state the model can be in");
        // The log rebuilt from the journal is still the service's trace (INV-9), and the
        // bucket's own trace still replays to the bucket.
        let config = BucketConfig::new(Dialect::S3);
        let log = send(address, "GET", "/_bv/log", b"").await;
        let mut replayed = Service::new(config);
        let replies: Vec<Reply> =
            wire::replay_service(&mut replayed, &String::from_utf8_lossy(&log.body)).collect();
        assert!(replies.iter().all(|reply| matches!(reply, Reply::Ok(_))));
        assert_eq!(
            replayed, served,
            "the restarted log does not replay to the state"
        );
        let trace = send(address, "GET", "/_bv/log?bucket=durable", b"").await;
        let mut replayer = Service::with_default_bucket(config);
        let _ = wire::replay_service(&mut replayer, &String::from_utf8_lossy(&trace.body)).count();
        assert_eq!(replayer.bucket("durable"), served.bucket("durable"));
    });
    server.kill();
}

// Issue 17 (operable): a data directory in use and a taken port are clear errors, exit 4 / 3.
#[test]
fn a_busy_directory_and_a_taken_port_are_refused() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let first = Spawned::with_data_dir(Dialect::S3, dir.path());
    let address = first.address;
    let second = Command::new(BINARY)
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(second.status.code(), Some(4), "{second:?}");
    assert!(String::from_utf8_lossy(&second.stderr).contains("data directory"));
    let third = Command::new(BINARY)
        .args(["serve", "--bind", &address.to_string()])
        .output()
        .expect("runs");
    assert_eq!(third.status.code(), Some(3), "{third:?}");
    assert!(String::from_utf8_lossy(&third.stderr).contains("cannot listen"));
    first.kill();
}
