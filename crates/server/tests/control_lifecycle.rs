//! The control API's lifecycle run (`POST /_bv/lifecycle?bucket=NAME`) against the served
//! configuration (`?lifecycle`): a run at the endpoint's pinned clock does what LC-1 and LC-2
//! say and answers LC-13's lists; it is logged and journaled like a write, so a restart on the
//! same data directory replays to the same state; a run on a missing bucket is refused and
//! changes nothing.

mod support;

use bucket_versioning::Dialect;
use bucket_versioning_server::serve::ServeOptions;
use serde_json::{Value, json};
use support::client::{pin_clock, send};
use support::server::InProcess;

const DAY: u64 = 86_400;

/// An oss configuration: noncurrent versions go a day after their successor, current ones
/// three days after their Last-Modified (LC-1, LC-2).
const CONFIGURATION: &str = "<LifecycleConfiguration><Rule><ID>tidy</ID><Prefix>logs/</Prefix>\
    <Status>Enabled</Status><Expiration><Days>3</Days></Expiration>\
    <NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays></NoncurrentVersionExpiration>\
    </Rule></LifecycleConfiguration>";

fn json_of(body: &[u8]) -> Value {
    serde_json::from_slice(body).expect("a JSON answer")
}

// Rule: LC-1, LC-2, LC-5, LC-13, LC-14 (a run at the pinned clock through the control API:
// nothing before it is due, then the old version goes and a marker is added; the run is in
// the log and survives a restart)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_expires_what_is_due_and_is_journaled() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let options = ServeOptions {
        dialect: Dialect::Oss,
        data_dir: Some(dir.path().to_path_buf()),
        ..ServeOptions::default()
    };
    let server = InProcess::start(options.clone()).await;
    let address = server.address;
    pin_clock(address, 0).await;
    assert_eq!(send(address, "PUT", "/logs-bucket", b"").await.status, 200);
    let enable = b"<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>";
    let enabled = send(address, "PUT", "/logs-bucket?versioning", enable).await;
    assert_eq!(enabled.status, 200);
    let old = send(address, "PUT", "/logs-bucket/logs/a", b"1").await;
    let old = old.header("x-oss-version-id").to_owned();
    let new = send(address, "PUT", "/logs-bucket/logs/a", b"2").await;
    let new = new.header("x-oss-version-id").to_owned();
    let put = send(
        address,
        "PUT",
        "/logs-bucket?lifecycle",
        CONFIGURATION.as_bytes(),
    )
    .await;
    assert_eq!(put.status, 200);
    let stored = send(address, "GET", "/logs-bucket?lifecycle", b"").await;
    let text = String::from_utf8_lossy(&stored.body).into_owned();
    assert!(text.contains("<ID>tidy</ID>") && text.contains("<NoncurrentDays>1</NoncurrentDays>"));

    // LC-6: the successor was made at 0, a midnight: the old version is due at one day.
    pin_clock(address, DAY - 1).await;
    let early = send(address, "POST", "/_bv/lifecycle?bucket=logs-bucket", b"").await;
    assert_eq!(early.status, 200);
    assert_eq!(
        json_of(&early.body),
        json!({"removed": [], "delete_markers_added": [], "uploads_aborted": []})
    );
    pin_clock(address, 3 * DAY).await;
    let due = send(address, "POST", "/_bv/lifecycle?bucket=logs-bucket", b"").await;
    assert_eq!(due.status, 200);
    let outcome = json_of(&due.body);
    assert_eq!(
        outcome["removed"],
        json!([{"key": "logs/a", "version_id": old, "delete_marker": false}])
    );
    let added = &outcome["delete_markers_added"];
    assert_eq!(added[0]["key"], "logs/a");
    assert_ne!(added[0]["version_id"], json!(new));
    let head = send(address, "HEAD", "/logs-bucket/logs/a", b"").await;
    assert_eq!(head.status, 404);
    assert_eq!(head.header("x-oss-delete-marker"), "true");
    let log =
        String::from_utf8_lossy(&send(address, "GET", "/_bv/log", b"").await.body).into_owned();
    assert_eq!(log.matches("\"run_lifecycle\"").count(), 2);
    let before = json_of(&send(address, "GET", "/_bv/snapshot", b"").await.body);
    server.stop().await;

    // The journal replays the runs: the restarted endpoint holds the same service.
    let restarted = InProcess::start(options).await;
    let after = json_of(
        &send(restarted.address, "GET", "/_bv/snapshot", b"")
            .await
            .body,
    );
    assert_eq!(after["buckets"], before["buckets"]);
    restarted.stop().await;
}

// Rule: SVC-6, ERR-2 (a run on a missing bucket is NoSuchBucket and logs nothing; a run
// without a bucket is a malformed control request)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_on_a_missing_bucket_is_refused_and_changes_nothing() {
    let server = InProcess::dialect(Dialect::S3).await;
    let address = server.address;
    let refused = send(address, "POST", "/_bv/lifecycle?bucket=nothing", b"").await;
    assert_eq!(refused.status, 404);
    assert_eq!(json_of(&refused.body)["error"]["code"], "NoSuchBucket");
    assert_eq!(
        send(address, "POST", "/_bv/lifecycle", b"").await.status,
        400
    );
    assert!(send(address, "GET", "/_bv/log", b"").await.body.is_empty());
    server.stop().await;
}
