//! Object Lock and retention policies survive a restart on the same data directory: the
//! journal replays the lock configuration, retentions, legal holds and an oss policy's life
//! cycle (initiate, complete, extend) to the same service, the policy keeps its ID and
//! `CreationDate`, and what was protected before the restart is still refused after it
//! (issue 17, durability, with OL-1..OL-8).

mod support;

use bucket_versioning::Dialect;
use bucket_versioning_server::serve::ServeOptions;
use serde_json::Value;
use support::client::{Reply, pin_clock, send, send_with};
use support::server::InProcess;

const DAY: u64 = 86_400;

fn json_of(body: &[u8]) -> Value {
    serde_json::from_slice(body).expect("a JSON answer")
}

fn text_of(reply: &Reply) -> String {
    String::from_utf8_lossy(&reply.body).into_owned()
}

#[track_caller]
fn assert_error(reply: &Reply, status: u16, code: &str) {
    assert_eq!(reply.status, status, "{}", text_of(reply));
    assert!(
        text_of(reply).contains(&format!("<Code>{code}</Code>")),
        "expected {code}: {}",
        text_of(reply)
    );
}

fn options(dialect: Dialect, dir: &tempfile::TempDir) -> ServeOptions {
    ServeOptions {
        dialect,
        data_dir: Some(dir.path().to_path_buf()),
        ..ServeOptions::default()
    }
}

async fn snapshot(server: &InProcess) -> Value {
    json_of(&send(server.address, "GET", "/_bv/snapshot", b"").await.body)
}

async fn enable_versioning(server: &InProcess, bucket: &str) {
    let enable = b"<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>";
    let reply = send(
        server.address,
        "PUT",
        &format!("/{bucket}?versioning"),
        enable,
    )
    .await;
    assert_eq!(reply.status, 200, "{}", text_of(&reply));
}

// Rule: OL-1, OL-2, OL-3, OL-4, OL-6 (a lock configuration, a COMPLIANCE retention lengthened,
// a legal hold and a GOVERNANCE default are journaled: after a restart the service is the same
// and the protected versions are still refused, bypass or not)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s3_retentions_and_legal_holds_survive_a_restart() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let server = InProcess::start(options(Dialect::S3, &dir)).await;
    let address = server.address;
    pin_clock(address, 0).await;
    assert_eq!(send(address, "PUT", "/locked", b"").await.status, 200);
    enable_versioning(&server, "locked").await;
    let configuration = b"<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled>\
        <Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention></Rule>\
        </ObjectLockConfiguration>";
    let locked = send(address, "PUT", "/locked?object-lock", configuration).await;
    assert_eq!(locked.status, 200, "{}", text_of(&locked));

    // The default retention: GOVERNANCE for a day from the put.
    let governed = send(address, "PUT", "/locked/governed", b"g").await;
    let governed = governed.header("x-amz-version-id").to_owned();
    // A COMPLIANCE retention, set and then lengthened (OL-6).
    let complied = send(address, "PUT", "/locked/complied", b"c").await;
    let complied = complied.header("x-amz-version-id").to_owned();
    for until in ["1970-01-03T00:00:00Z", "1970-01-04T00:00:00Z"] {
        let retention = format!(
            "<Retention><Mode>COMPLIANCE</Mode><RetainUntilDate>{until}</RetainUntilDate></Retention>"
        );
        let set = send_with(
            address,
            "PUT",
            &format!("/locked/complied?retention&versionId={complied}"),
            &[("x-amz-bypass-governance-retention", "true")],
            retention.as_bytes(),
        )
        .await;
        assert_eq!(set.status, 200, "{}", text_of(&set));
    }
    // A legal hold on a version whose default retention has run out by then.
    let held = send(address, "PUT", "/locked/held", b"h").await;
    let held = held.header("x-amz-version-id").to_owned();
    let hold = send(
        address,
        "PUT",
        &format!("/locked/held?legal-hold&versionId={held}"),
        b"<LegalHold><Status>ON</Status></LegalHold>",
    )
    .await;
    assert_eq!(hold.status, 200, "{}", text_of(&hold));
    let before = snapshot(&server).await;
    server.stop().await;

    let restarted = InProcess::start(options(Dialect::S3, &dir)).await;
    let address = restarted.address;
    assert_eq!(snapshot(&restarted).await["buckets"], before["buckets"]);
    // Past the default retention, before the COMPLIANCE date.
    pin_clock(address, 2 * DAY).await;
    let configuration = text_of(&send(address, "GET", "/locked?object-lock", b"").await);
    assert!(
        configuration.contains("<Mode>GOVERNANCE</Mode>")
            && configuration.contains("<Days>1</Days>"),
        "{configuration}"
    );
    let retention = send(
        address,
        "GET",
        &format!("/locked/complied?retention&versionId={complied}"),
        b"",
    )
    .await;
    assert!(
        text_of(&retention).contains("1970-01-04T00:00:00"),
        "the lengthened date: {}",
        text_of(&retention)
    );
    let refused = send_with(
        address,
        "DELETE",
        &format!("/locked/complied?versionId={complied}"),
        &[("x-amz-bypass-governance-retention", "true")],
        b"",
    )
    .await;
    assert_error(&refused, 403, "AccessDenied");
    let refused = send(
        address,
        "DELETE",
        &format!("/locked/held?versionId={held}"),
        b"",
    )
    .await;
    assert_error(&refused, 403, "AccessDenied");
    // OL-3: the default retention ran out a day after the put: the delete goes through.
    let expired = send(
        address,
        "DELETE",
        &format!("/locked/governed?versionId={governed}"),
        b"",
    )
    .await;
    assert_eq!(expired.status, 204, "{}", text_of(&expired));
    restarted.stop().await;
}

// Rule: OL-7, OL-8 (an oss policy initiated, completed and extended is journaled: after a
// restart it has the same ID, state, days and CreationDate, and still refuses deletes,
// overwrites of an Unversioned bucket and appends)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oss_retention_policy_survives_a_restart() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let server = InProcess::start(options(Dialect::Oss, &dir)).await;
    let address = server.address;
    pin_clock(address, 1_000).await;
    assert_eq!(send(address, "PUT", "/worm", b"").await.status, 200);
    assert_eq!(send(address, "PUT", "/worm/kept", b"k").await.status, 200);
    let appended = send(address, "POST", "/worm/log?append&position=0", b"a").await;
    assert_eq!(appended.status, 200, "{}", text_of(&appended));
    pin_clock(address, 2_000).await;
    let initiated = send(
        address,
        "POST",
        "/worm?worm",
        b"<InitiateWormConfiguration><RetentionPeriodInDays>1</RetentionPeriodInDays>\
          </InitiateWormConfiguration>",
    )
    .await;
    assert_eq!(initiated.status, 200, "{}", text_of(&initiated));
    let worm_id = initiated.header("x-oss-worm-id").to_owned();
    assert!(!worm_id.is_empty());
    pin_clock(address, 3_000).await;
    let completed = send(address, "POST", &format!("/worm?wormId={worm_id}"), b"").await;
    assert_eq!(completed.status, 200, "{}", text_of(&completed));
    let extended = send(
        address,
        "POST",
        &format!("/worm?wormExtend&wormId={worm_id}"),
        b"<ExtendWormConfiguration><RetentionPeriodInDays>2</RetentionPeriodInDays>\
          </ExtendWormConfiguration>",
    )
    .await;
    assert_eq!(extended.status, 200, "{}", text_of(&extended));
    let policy = text_of(&send(address, "GET", "/worm?worm", b"").await);
    let before = snapshot(&server).await;
    server.stop().await;

    let restarted = InProcess::start(options(Dialect::Oss, &dir)).await;
    let address = restarted.address;
    assert_eq!(snapshot(&restarted).await["buckets"], before["buckets"]);
    pin_clock(address, 4_000).await;
    // The same policy: its ID, Locked, two days, initiated at 2,000 (not at the restart).
    let after = text_of(&send(address, "GET", "/worm?worm", b"").await);
    assert_eq!(after, policy);
    assert!(
        after.contains(&format!("<WormId>{worm_id}</WormId>"))
            && after.contains("<State>Locked</State>")
            && after.contains("<RetentionPeriodInDays>2</RetentionPeriodInDays>")
            && after.contains("<CreationDate>1970-01-01T00:33:20"),
        "{after}"
    );
    assert_error(
        &send(address, "DELETE", "/worm/kept", b"").await,
        409,
        "FileImmutable",
    );
    assert_error(
        &send(address, "PUT", "/worm/kept", b"overwrite").await,
        409,
        "FileImmutable",
    );
    assert_error(
        &send(address, "POST", "/worm/log?append&position=1", b"b").await,
        409,
        "FileImmutable",
    );
    // A new key is not an overwrite: it is written, and protected in its turn.
    assert_eq!(send(address, "PUT", "/worm/new", b"n").await.status, 200);
    restarted.stop().await;
}
