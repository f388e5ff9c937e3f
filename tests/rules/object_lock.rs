//! Object Lock (s3, OL-1..OL-6), retention policies (oss bucket WORM, OL-7, OL-8), lifecycle
//! beside them (LC-12), the retention clause of INV-11, and INV-13, rule by rule.

use crate::reference::held::{bypasses_governance, check_held_kept, held_versions};
use crate::support::{assert_rejected, bucket_in, checked, ok, rejected};
use bucket_versioning::lock::{DefaultRetention, LegalHoldStatus, Retention, RetentionMode};
use bucket_versioning::request::{
    CopyObject, DeleteObject, DeleteObjects, ObjectIdentifier, PutObject, PutObjectLegalHold,
    PutObjectRetention,
};
use bucket_versioning::violation::{AccessDeniedReason, BucketStateReason};
use bucket_versioning::{Bucket, Command, Dialect, VersionId, Violation};
use proptest::prelude::*;

const DAY: u64 = 86_400;

/// An s3 bucket, Enabled, with Object Lock on and the default retention `default`.
pub(crate) fn locked_s3(default: Option<DefaultRetention>) -> Bucket {
    let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
    bucket
        .put_object_lock_configuration(default)
        .expect("Object Lock on");
    bucket
}

/// An oss bucket in `state` with a retention policy of `days`, locked when `lock`.
fn worm_oss(state: Option<&str>, days: u32, lock: bool) -> Bucket {
    let mut bucket = bucket_in(Dialect::Oss, state);
    bucket.initiate_bucket_worm(days).expect("initiate");
    if lock {
        bucket.complete_bucket_worm().expect("complete");
    }
    bucket
}

#[track_caller]
fn put_with(bucket: &mut Bucket, request: PutObject) -> VersionId {
    bucket
        .apply(Command::PutObject(request))
        .map(|outcome| match outcome {
            bucket_versioning::Outcome::PutObject(put) => put.version_id.expect("an ID"),
            other => panic!("unexpected {other:?}"),
        })
        .expect("put")
}

fn delete_version(key: &str, id: &VersionId) -> Command {
    Command::DeleteObject(DeleteObject::new(key).version_id(id.clone()))
}

fn retention(mode: RetentionMode, until: u64) -> Retention {
    Retention::new(mode, until)
}

pub(crate) fn lock_of(bucket: &Bucket, key: &str, id: &VersionId) -> (Option<Retention>, bool) {
    bucket.object_lock_of(key, Some(id)).expect("a version")
}

// Rule: OL-1 — Object Lock needs versioning Enabled: an Unversioned or Suspended bucket →
// `InvalidBucketState` 409, nothing changes.
#[test]
fn object_lock_needs_enabled() {
    for state in [None, Some("Suspended")] {
        let mut bucket = bucket_in(Dialect::S3, state);
        let violation = rejected(&mut bucket, |bucket| {
            bucket.put_object_lock_configuration(None)
        });
        assert_eq!(
            violation,
            Violation::InvalidBucketState(BucketStateReason::LockNeedsEnabled)
        );
        assert_eq!(
            (violation.code(), violation.http_status()),
            ("InvalidBucketState", 409)
        );
        assert_eq!(bucket.object_lock_configuration(), None);
    }
}

// Rule: OL-1 — once on, Object Lock is never off and the bucket cannot be Suspended
// (`InvalidBucketState` 409); a default retention needs exactly one period of at least 1.
#[test]
fn object_lock_stays_on_and_forbids_suspending() {
    let mut bucket = locked_s3(None);
    let violation = rejected(&mut bucket, |bucket| {
        bucket.put_bucket_versioning("Suspended")
    });
    assert_eq!(
        violation,
        Violation::InvalidBucketState(BucketStateReason::SuspendWithLock)
    );
    bucket
        .put_bucket_versioning("Enabled")
        .expect("stays Enabled");
    for bad in [
        DefaultRetention::days(RetentionMode::Governance, 0),
        DefaultRetention::years(RetentionMode::Compliance, 0),
        DefaultRetention {
            mode: RetentionMode::Governance,
            days: Some(1),
            years: Some(1),
        },
        DefaultRetention {
            mode: RetentionMode::Governance,
            days: None,
            years: None,
        },
    ] {
        let violation = rejected(&mut bucket, |bucket| {
            bucket.put_object_lock_configuration(Some(bad))
        });
        assert_eq!(violation.code(), "InvalidArgument");
    }
    // A new configuration replaces the default; Object Lock stays on.
    let default = DefaultRetention::years(RetentionMode::Compliance, 1);
    bucket
        .put_object_lock_configuration(Some(default))
        .expect("replaced");
    assert_eq!(
        bucket
            .object_lock_configuration()
            .and_then(|c| c.default_retention),
        Some(default)
    );
    // oss has no Object Lock.
    let mut oss = bucket_in(Dialect::Oss, Some("Enabled"));
    let violation = rejected(&mut oss, |bucket| {
        bucket.put_object_lock_configuration(None)
    });
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("NotImplemented", 501)
    );
}

// Rule: OL-2 — a new version gets the request's retention, else the default (creation time +
// period, a year being 365 days), else none; copies and Completes count as new versions, and
// a copy does not take its source's retention.
#[test]
fn new_versions_get_the_request_or_default_retention() {
    let mut bucket = locked_s3(Some(DefaultRetention::days(RetentionMode::Governance, 2)));
    bucket.advance_clock(100).expect("accepted");
    let default = put_with(&mut bucket, PutObject::new("a", "x"));
    assert_eq!(
        lock_of(&bucket, "a", &default),
        (
            Some(retention(RetentionMode::Governance, 100 + 2 * DAY)),
            false
        )
    );
    let given = put_with(
        &mut bucket,
        PutObject::new("a", "y")
            .retention(retention(RetentionMode::Compliance, 500))
            .legal_hold(LegalHoldStatus::On),
    );
    assert_eq!(
        lock_of(&bucket, "a", &given),
        (Some(retention(RetentionMode::Compliance, 500)), true)
    );
    bucket.advance_clock(1).expect("accepted");
    let copy = bucket
        .copy_object(CopyObject::new("a", "b"))
        .expect("copy")
        .version_id
        .expect("an ID");
    assert_eq!(
        lock_of(&bucket, "b", &copy),
        (
            Some(retention(RetentionMode::Governance, 101 + 2 * DAY)),
            false
        ),
        "the copy gets the default, not its source's retention or hold"
    );
    let mut years = locked_s3(Some(DefaultRetention::years(RetentionMode::Compliance, 1)));
    let id = put_with(&mut years, PutObject::new("k", "x"));
    assert_eq!(
        lock_of(&years, "k", &id).0,
        Some(retention(RetentionMode::Compliance, 365 * DAY))
    );
    let mut none = locked_s3(None);
    let id = put_with(&mut none, PutObject::new("k", "x"));
    assert_eq!(lock_of(&none, "k", &id), (None, false));
    checked(&bucket);
}

// Rule: OL-2 — retention requests on a bucket without Object Lock → `InvalidRequest` 400; a
// retention or hold naming a delete marker → `MethodNotAllowed` 405.
#[test]
fn retention_requests_need_object_lock_and_an_object_version() {
    let mut plain = bucket_in(Dialect::S3, Some("Enabled"));
    plain.put_object("a", "x").expect("accepted");
    assert_rejected(
        &mut plain,
        Command::PutObjectRetention(PutObjectRetention::new("a", RetentionMode::Governance, 10)),
        "InvalidRequest",
        400,
    );
    assert_rejected(
        &mut plain,
        Command::PutObject(
            PutObject::new("a", "y").retention(retention(RetentionMode::Governance, 10)),
        ),
        "InvalidRequest",
        400,
    );
    assert_rejected(
        &mut plain,
        Command::PutObject(PutObject::new("a", "y").legal_hold(LegalHoldStatus::Off)),
        "InvalidRequest",
        400,
    );
    let mut bucket = locked_s3(None);
    bucket.put_object("a", "x").expect("accepted");
    let marker = bucket
        .delete_object("a")
        .expect("accepted")
        .version_id
        .expect("a marker");
    let violation = assert_rejected(
        &mut bucket,
        Command::PutObjectLegalHold(
            PutObjectLegalHold::new("a", LegalHoldStatus::On).version_id(marker.clone()),
        ),
        "MethodNotAllowed",
        405,
    );
    assert_eq!(violation.version_id(), Some(&marker));
    assert_rejected(
        &mut bucket,
        Command::PutObjectRetention(
            PutObjectRetention::new("a", RetentionMode::Compliance, 10).version_id(marker),
        ),
        "MethodNotAllowed",
        405,
    );
}

// Rule: OL-3 — a version is locked while its legal hold is on or `now < retain_until`: at the
// boundary second it is no longer locked.
#[test]
fn a_retention_expires_at_its_boundary_second() {
    let mut bucket = locked_s3(None);
    let id = put_with(
        &mut bucket,
        PutObject::new("a", "x").retention(retention(RetentionMode::Compliance, 10)),
    );
    bucket.advance_clock(9).expect("accepted");
    assert_rejected(&mut bucket, delete_version("a", &id), "AccessDenied", 403);
    bucket.advance_clock(1).expect("accepted");
    ok(&mut bucket, delete_version("a", &id));
    assert!(bucket.chain("a").is_none());
}

// Rule: OL-4 — a delete by ID of a locked version → `AccessDenied` 403 and nothing changes;
// GOVERNANCE gives way to `bypass_governance`, COMPLIANCE and legal holds never do; a batch
// delete fails such an entry alone.
#[test]
fn deleting_a_locked_version_is_denied() {
    let mut bucket = locked_s3(None);
    let governance = put_with(
        &mut bucket,
        PutObject::new("g", "x").retention(retention(RetentionMode::Governance, 100)),
    );
    let compliance = put_with(
        &mut bucket,
        PutObject::new("c", "x").retention(retention(RetentionMode::Compliance, 100)),
    );
    let held = put_with(
        &mut bucket,
        PutObject::new("h", "x").legal_hold(LegalHoldStatus::On),
    );
    let free = put_with(&mut bucket, PutObject::new("f", "x"));
    for (key, id, reason) in [
        ("g", &governance, AccessDeniedReason::GovernanceRetention),
        ("c", &compliance, AccessDeniedReason::ComplianceRetention),
        ("h", &held, AccessDeniedReason::LegalHold),
    ] {
        let violation = assert_rejected(&mut bucket, delete_version(key, id), "AccessDenied", 403);
        assert_eq!(violation, Violation::AccessDenied(reason));
    }
    for (key, id) in [("c", &compliance), ("h", &held)] {
        assert_rejected(
            &mut bucket,
            Command::DeleteObject(
                DeleteObject::new(key)
                    .version_id(id.clone())
                    .bypass_governance(true),
            ),
            "AccessDenied",
            403,
        );
    }
    let batch = bucket
        .delete_objects(DeleteObjects::new(vec![
            ObjectIdentifier::new("c").version_id(compliance.clone()),
            ObjectIdentifier::new("f").version_id(free.clone()),
        ]))
        .expect("a batch");
    assert_eq!(batch.deleted.len(), 1);
    assert_eq!(batch.errors.len(), 1);
    assert_eq!(batch.errors[0].violation.code(), "AccessDenied");
    assert!(bucket.chain("f").is_none());
    ok(
        &mut bucket,
        Command::DeleteObject(
            DeleteObject::new("g")
                .version_id(governance)
                .bypass_governance(true),
        ),
    );
    assert!(bucket.chain("g").is_none());
    assert_eq!(bucket.chain("c").map(|chain| chain.len()), Some(1));
}

// Rule: OL-5 — a lock never blocks a simple delete (a marker is added), an overwrite (a new
// version) or deleting a marker by ID.
#[test]
fn locks_never_block_simple_deletes_overwrites_or_markers() {
    let mut bucket = locked_s3(Some(DefaultRetention::days(RetentionMode::Compliance, 30)));
    let first = put_with(
        &mut bucket,
        PutObject::new("a", "x").legal_hold(LegalHoldStatus::On),
    );
    put_with(&mut bucket, PutObject::new("a", "y"));
    let marker = bucket
        .delete_object("a")
        .expect("accepted")
        .version_id
        .expect("a marker");
    ok(&mut bucket, delete_version("a", &marker));
    assert_eq!(bucket.chain("a").map(|chain| chain.len()), Some(2));
    assert!(lock_of(&bucket, "a", &first).1, "the hold stays");
    checked(&bucket);
}

// Rule: OL-6 — lengthening a retention is always allowed; COMPLIANCE can never be shortened
// or change mode; GOVERNANCE can with `bypass_governance`; otherwise `AccessDenied` 403. An
// expired retention restricts nothing.
#[test]
fn retention_changes() {
    let mut bucket = locked_s3(None);
    let id = put_with(
        &mut bucket,
        PutObject::new("a", "x").retention(retention(RetentionMode::Compliance, 100)),
    );
    let set = |mode, until, bypass: bool| {
        let request = PutObjectRetention::new("a", mode, until).version_id(id.clone());
        Command::PutObjectRetention(if bypass {
            request.bypass_governance(true)
        } else {
            request
        })
    };
    ok(&mut bucket, set(RetentionMode::Compliance, 200, false));
    for bypass in [false, true] {
        assert_rejected(
            &mut bucket,
            set(RetentionMode::Compliance, 150, bypass),
            "AccessDenied",
            403,
        );
        assert_rejected(
            &mut bucket,
            set(RetentionMode::Governance, 300, bypass),
            "AccessDenied",
            403,
        );
    }
    let gov = put_with(
        &mut bucket,
        PutObject::new("g", "x").retention(retention(RetentionMode::Governance, 100)),
    );
    let set_gov = |mode, until, bypass: bool| {
        let request = PutObjectRetention::new("g", mode, until).version_id(gov.clone());
        Command::PutObjectRetention(if bypass {
            request.bypass_governance(true)
        } else {
            request
        })
    };
    let violation = assert_rejected(
        &mut bucket,
        set_gov(RetentionMode::Governance, 50, false),
        "AccessDenied",
        403,
    );
    assert_eq!(
        violation,
        Violation::AccessDenied(AccessDeniedReason::GovernanceChange)
    );
    ok(&mut bucket, set_gov(RetentionMode::Governance, 50, true));
    assert_rejected(
        &mut bucket,
        set_gov(RetentionMode::Compliance, 60, false),
        "AccessDenied",
        403,
    );
    ok(&mut bucket, set_gov(RetentionMode::Compliance, 60, true));
    assert_eq!(
        lock_of(&bucket, "g", &gov).0,
        Some(retention(RetentionMode::Compliance, 60))
    );
    // Once it has expired, a COMPLIANCE retention may be set to anything.
    bucket.advance_clock(200).expect("accepted");
    ok(&mut bucket, set(RetentionMode::Governance, 10, false));
}

// Rule: OL-7 — the retention policy's life cycle: initiate (days 1..=25550) in progress,
// abort removes it, complete locks it, extend only lengthens a locked one, abort of a locked
// one → `WORMConfigurationLocked` 409.
#[test]
fn worm_life_cycle() {
    let mut bucket = bucket_in(Dialect::Oss, None);
    for days in [0, 25_551] {
        assert_rejected(
            &mut bucket,
            Command::InitiateBucketWorm(bucket_versioning::request::InitiateBucketWorm::new(days)),
            "InvalidArgument",
            400,
        );
    }
    assert_rejected(
        &mut bucket,
        Command::AbortBucketWorm(bucket_versioning::request::AbortBucketWorm::new()),
        "NoSuchWORMConfiguration",
        404,
    );
    bucket.initiate_bucket_worm(1).expect("accepted");
    bucket.abort_bucket_worm().expect("accepted");
    assert_eq!(
        bucket.get_bucket_worm().expect_err("refused"),
        Violation::NoSuchWormConfiguration
    );
    bucket.initiate_bucket_worm(1).expect("accepted");
    let violation = rejected(&mut bucket, |bucket| bucket.extend_bucket_worm(2));
    assert_eq!(violation.code(), "InvalidBucketState");
    bucket.complete_bucket_worm().expect("accepted");
    let violation = rejected(&mut bucket, |bucket| bucket.abort_bucket_worm());
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("WORMConfigurationLocked", 409)
    );
    for days in [1, 0] {
        let violation = rejected(&mut bucket, |bucket| bucket.extend_bucket_worm(days));
        assert_eq!(
            (violation.code(), violation.http_status()),
            ("InvalidArgument", 400)
        );
    }
    bucket.extend_bucket_worm(3).expect("accepted");
    assert_eq!(bucket.get_bucket_worm().expect("accepted").days, 3);
    let mut s3 = bucket_in(Dialect::S3, Some("Enabled"));
    let violation = rejected(&mut s3, |bucket| bucket.initiate_bucket_worm(1));
    assert_eq!(violation.code(), "NotImplemented");
}

// Rule: OL-7 — a policy needs versioning Enabled or never configured, and a bucket with one
// cannot be Suspended: both `InvalidBucketState` 409.
#[test]
fn worm_and_suspended_versioning_exclude_each_other() {
    let mut suspended = bucket_in(Dialect::Oss, Some("Suspended"));
    let violation = rejected(&mut suspended, |bucket| bucket.initiate_bucket_worm(1));
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("InvalidBucketState", 409)
    );
    for state in [None, Some("Enabled")] {
        let mut bucket = worm_oss(state, 1, false);
        let violation = rejected(&mut bucket, |bucket| {
            bucket.put_bucket_versioning("Suspended")
        });
        assert_eq!(
            violation,
            Violation::InvalidBucketState(BucketStateReason::SuspendWithWorm)
        );
    }
    let mut bucket = worm_oss(None, 1, true);
    bucket
        .put_bucket_versioning("Enabled")
        .expect("Enabled is allowed");
}

// Rule: OL-7 — Unversioned: overwriting or deleting a protected object → `FileImmutable` 409
// while `now < Last-Modified + days × 86400`, whether the policy is in progress or locked.
#[test]
fn unversioned_protected_objects_are_immutable() {
    for lock in [false, true] {
        let mut bucket = worm_oss(None, 1, lock);
        bucket.put_object("a", "x").expect("accepted");
        bucket.advance_clock(DAY - 1).expect("accepted");
        for command in [
            Command::PutObject(PutObject::new("a", "y")),
            Command::DeleteObject(DeleteObject::new("a")),
            Command::CopyObject(CopyObject::new("a", "a")),
        ] {
            let violation = assert_rejected(&mut bucket, command, "FileImmutable", 409);
            assert_eq!(violation, Violation::FileImmutable);
        }
        // Another key is free to write.
        bucket.put_object("b", "y").expect("accepted");
        bucket.advance_clock(1).expect("accepted");
        bucket
            .put_object("a", "z")
            .expect("the protection has ended");
        bucket.advance_clock(DAY).expect("accepted");
        bucket.delete_object("a").expect("not protected any more");
    }
}

// Rule: OL-7 — Enabled: writes and simple deletes still add entries; deleting a protected
// version by ID → `FileImmutable` 409; a delete marker by ID is never protected.
#[test]
fn enabled_protected_versions_cannot_be_deleted_by_id() {
    let mut bucket = worm_oss(Some("Enabled"), 2, true);
    let v1 = bucket
        .put_object("a", "x")
        .expect("accepted")
        .version_id
        .expect("accepted");
    bucket.put_object("a", "y").expect("accepted");
    let marker = bucket
        .delete_object("a")
        .expect("accepted")
        .version_id
        .expect("accepted");
    assert_rejected(&mut bucket, delete_version("a", &v1), "FileImmutable", 409);
    ok(&mut bucket, delete_version("a", &marker));
    bucket.advance_clock(2 * DAY).expect("accepted");
    ok(&mut bucket, delete_version("a", &v1));
    assert_eq!(bucket.chain("a").map(|chain| chain.len()), Some(1));
}

// Rule: OL-8 — AppendObject to a protected appendable → `FileImmutable` 409, in an
// Unversioned and in an Enabled bucket.
#[test]
fn appends_to_a_protected_appendable_are_refused() {
    for state in [None, Some("Enabled")] {
        let mut bucket = bucket_in(Dialect::Oss, state);
        bucket.append_object("a", 0, "xy").expect("accepted");
        bucket.initiate_bucket_worm(1).expect("accepted");
        let violation = rejected(&mut bucket, |bucket| bucket.append_object("a", 2, "z"));
        assert_eq!(
            (violation.code(), violation.http_status()),
            ("FileImmutable", 409)
        );
        bucket.advance_clock(DAY).expect("accepted");
        bucket
            .append_object("a", 2, "z")
            .expect("no longer protected");
    }
}

// Rule: OL-7, INV-13, APP-11 — with `null` appendables (APP-11's option) in an Enabled bucket,
// an append that creates above a delete marker would replace the older `null` appendable: while
// the retention policy protects that one → `FileImmutable` 409 and nothing changes; once the
// protection has run out, the create replaces it. (Found by the shared generator's lock
// templates in `tests/model_vs_reference.rs`: the model replaced the protected version.)
#[test]
fn a_null_appendable_does_not_replace_a_protected_null_version() {
    use bucket_versioning::BucketConfig;
    use bucket_versioning::config::AppendableVersionIds;
    let mut bucket = Bucket::new(
        BucketConfig::new(Dialect::Oss).with_appendable_version_ids(AppendableVersionIds::Null),
    );
    bucket.put_bucket_versioning("Enabled").expect("accepted");
    bucket.initiate_bucket_worm(1).expect("accepted");
    bucket.append_object("a", 0, "xy").expect("accepted");
    ok(
        &mut bucket,
        Command::DeleteObjects(DeleteObjects::new(vec![ObjectIdentifier::new("a")])),
    );
    assert!(bucket.is_held("a", &VersionId::NULL));
    let violation = rejected(&mut bucket, |bucket| bucket.append_object("a", 0, "z"));
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("FileImmutable", 409)
    );
    checked(&bucket);
    bucket.advance_clock(DAY).expect("accepted");
    bucket
        .append_object("a", 0, "z")
        .expect("no longer protected");
    checked(&bucket);
    let chain = bucket.chain("a").expect("a chain");
    assert_eq!(chain.len(), 2, "the new null appendable above the marker");
    assert_eq!(chain.head().map(|head| head.size()), Some(1));
}

// Rule: LC-12 — lifecycle never removes a locked or protected version; it is reconsidered at
// every later run, and a current expiration still adds its delete marker.
#[test]
fn lifecycle_leaves_locked_versions_until_they_expire() {
    use bucket_versioning::lifecycle::config::LifecycleRule;
    let mut bucket = locked_s3(None);
    let v1 = put_with(
        &mut bucket,
        PutObject::new("a", "x").retention(retention(RetentionMode::Governance, 3 * DAY)),
    );
    put_with(&mut bucket, PutObject::new("a", "y"));
    let rule = LifecycleRule::new().expiration_days(1).noncurrent_days(1);
    bucket.put_bucket_lifecycle(vec![rule]).expect("accepted");
    bucket.advance_clock(2 * DAY).expect("accepted");
    let run = bucket.run_lifecycle();
    assert!(run.removed.is_empty(), "v1 is locked until 3 days");
    assert_eq!(run.delete_markers_added.len(), 1);
    assert!(bucket.chain("a").expect("accepted").len() == 3);
    bucket.advance_clock(DAY).expect("accepted");
    let run = bucket.run_lifecycle();
    assert!(
        run.removed.iter().any(|entry| entry.version_id == v1),
        "reconsidered once the lock has ended: {run:?}"
    );
    // oss: an Unversioned object protected by the policy is not expired.
    let mut oss = worm_oss(None, 3, true);
    oss.put_object("a", "x").expect("accepted");
    oss.put_bucket_lifecycle(vec![LifecycleRule::new().expiration_days(1)])
        .expect("accepted");
    oss.advance_clock(2 * DAY).expect("accepted");
    assert!(oss.run_lifecycle().removed.is_empty());
    assert!(oss.chain("a").is_some());
    oss.advance_clock(DAY).expect("accepted");
    assert_eq!(oss.run_lifecycle().removed.len(), 1);
    assert!(oss.chain("a").is_none());
}

// Rule: INV-11 — delete markers carry no retention or legal hold: a snapshot giving one to a
// marker, or a retention in a bucket without Object Lock, is refused.
#[test]
fn snapshots_with_retention_on_markers_are_refused() {
    let mut bucket = locked_s3(Some(DefaultRetention::days(RetentionMode::Governance, 1)));
    bucket.put_object("a", "x").expect("accepted");
    bucket.delete_object("a").expect("accepted");
    let snapshot = serde_json::to_value(&bucket).expect("accepted");
    let restored: Bucket = serde_json::from_value(snapshot.clone()).expect("restores");
    assert_eq!(restored, bucket);
    let mut broken = snapshot.clone();
    broken["chains"][0]["entries"][0]["attributes"] = serde_json::json!({"legal_hold": true});
    let error = serde_json::from_value::<Bucket>(broken).expect_err("refused");
    assert!(error.to_string().contains("INV-11"), "{error}");
    let mut unlocked = snapshot.clone();
    unlocked
        .as_object_mut()
        .expect("accepted")
        .remove("object_lock");
    let error = serde_json::from_value::<Bucket>(unlocked).expect_err("refused");
    assert!(error.to_string().contains("INV-11"), "{error}");
}

// Rule: INV-12 — Object Lock only on an Enabled bucket, a retention policy never on a
// Suspended one: a snapshot breaking either is refused.
#[test]
fn snapshots_with_inconsistent_protection_are_refused() {
    let bucket = locked_s3(None);
    let mut snapshot = serde_json::to_value(&bucket).expect("accepted");
    snapshot["versioning"] = serde_json::json!("Suspended");
    let error = serde_json::from_value::<Bucket>(snapshot).expect_err("refused");
    assert!(error.to_string().contains("INV-12"), "{error}");
    let worm = worm_oss(Some("Enabled"), 5, true);
    let snapshot = serde_json::to_value(&worm).expect("accepted");
    let restored: Bucket = serde_json::from_value(snapshot.clone()).expect("accepted");
    assert_eq!(restored, worm);
    let mut suspended = snapshot.clone();
    suspended["versioning"] = serde_json::json!("Suspended");
    assert!(serde_json::from_value::<Bucket>(suspended).is_err());
    let mut days = snapshot;
    days["worm"]["days"] = serde_json::json!(0);
    assert!(serde_json::from_value::<Bucket>(days).is_err());
}

fn lock_command() -> impl Strategy<Value = Command> {
    let key = prop::sample::select(vec!["a", "b"]);
    let mode = prop::sample::select(vec![RetentionMode::Governance, RetentionMode::Compliance]);
    prop_oneof![
        (key.clone(), mode.clone(), 0..6u64, any::<bool>()).prop_map(|(key, mode, until, hold)| {
            let put = PutObject::new(key, "x").retention(Retention::new(mode, until));
            Command::PutObject(if hold {
                put.legal_hold(LegalHoldStatus::On)
            } else {
                put
            })
        }),
        key.clone()
            .prop_map(|key| Command::PutObject(PutObject::new(key, "y"))),
        (key.clone(), 0..4usize, any::<bool>()).prop_map(|(key, index, bypass)| {
            // A version ID the test resolves against the bucket's chain.
            Command::DeleteObject(
                DeleteObject::new(key)
                    .version_id(format!("#{index}"))
                    .bypass_governance(bypass),
            )
        }),
        key.clone()
            .prop_map(|key| Command::DeleteObject(DeleteObject::new(key))),
        (key.clone(), mode, 0..8u64, any::<bool>(), 0..4usize).prop_map(
            |(key, mode, until, bypass, index)| {
                Command::PutObjectRetention(
                    PutObjectRetention::new(key, mode, until)
                        .version_id(format!("#{index}"))
                        .bypass_governance(bypass),
                )
            }
        ),
        (key, any::<bool>(), 0..4usize).prop_map(|(key, on, index)| {
            let status = if on {
                LegalHoldStatus::On
            } else {
                LegalHoldStatus::Off
            };
            Command::PutObjectLegalHold(
                PutObjectLegalHold::new(key, status).version_id(format!("#{index}")),
            )
        }),
        (1..3u64).prop_map(|seconds| Command::AdvanceClock(
            bucket_versioning::request::AdvanceClock::new(seconds)
        )),
    ]
}

/// Replaces a `#i` placeholder version ID with the ID of the key's `i`-th entry, if any.
fn resolve(bucket: &Bucket, command: Command) -> Command {
    let pick = |key: &str, id: &VersionId| -> VersionId {
        let text = id.to_string();
        let Some(index) = text.strip_prefix('#') else {
            return id.clone();
        };
        let index: usize = index.parse().unwrap_or(0);
        bucket
            .chain(key)
            .and_then(|chain| chain.iter().nth(index).map(|e| e.version_id().clone()))
            .unwrap_or_else(|| VersionId::new("missing"))
    };
    match command {
        Command::DeleteObject(mut r) => {
            r.version_id = r.version_id.map(|id| pick(r.key.as_str(), &id));
            Command::DeleteObject(r)
        }
        Command::PutObjectRetention(mut r) => {
            r.version_id = r.version_id.map(|id| pick(r.key.as_str(), &id));
            Command::PutObjectRetention(r)
        }
        Command::PutObjectLegalHold(mut r) => {
            r.version_id = r.version_id.map(|id| pick(r.key.as_str(), &id));
            Command::PutObjectLegalHold(r)
        }
        other => other,
    }
}

proptest! {
    // Rule: ERR-2 — an Object Lock refusal (a denied delete or retention change) leaves the
    // bucket byte-for-byte equal (its snapshot too) and consumes no ID: the next fresh ID is
    // the one a bucket that never saw the refused command gives.
    // Rule: INV-13 — no command removes a version that was locked before it ran (but for a
    // GOVERNANCE retention a delete bypasses, as OL-4 allows).
    #[test]
    fn lock_refusals_change_nothing(commands in prop::collection::vec(lock_command(), 1..40)) {
        let mut bucket = locked_s3(None);
        for command in commands {
            let command = resolve(&bucket, command);
            let before = bucket.clone();
            let held = held_versions(&bucket, bypasses_governance(&command));
            match bucket.apply(command.clone()) {
                Ok(_) => {}
                Err(violation) => {
                    prop_assert_eq!(&bucket, &before, "ERR-2: {:?} changed the bucket", violation);
                    prop_assert_eq!(
                        serde_json::to_string(&bucket).expect("accepted"),
                        serde_json::to_string(&before).expect("accepted")
                    );
                    let mut fresh = before.clone();
                    let mut after = bucket.clone();
                    prop_assert_eq!(
                        after.put_object("z", "n").expect("accepted").version_id,
                        fresh.put_object("z", "n").expect("accepted").version_id
                    );
                }
            }
            if let Err(broken) = check_held_kept(&held, &bucket, &command) {
                panic!("{broken}");
            }
            checked(&bucket);
        }
    }

    // Rule: ERR-2 — a FileImmutable refusal (oss retention policy) leaves the bucket exactly
    // as it was; INV-13 — no command removes a protected version.
    #[test]
    fn worm_refusals_change_nothing(
        enabled in any::<bool>(),
        commands in prop::collection::vec(lock_command(), 1..40),
    ) {
        let mut bucket = worm_oss(enabled.then_some("Enabled"), 1, true);
        for command in commands {
            // oss takes no Object Lock fields: drop them, keeping the shape.
            let command = match resolve(&bucket, command) {
                Command::PutObject(r) => Command::PutObject(PutObject::new(r.key, r.body)),
                Command::DeleteObject(r) => Command::DeleteObject(DeleteObject {
                    bypass_governance: None,
                    ..r
                }),
                Command::AdvanceClock(_) => Command::AdvanceClock(
                    bucket_versioning::request::AdvanceClock::new(DAY / 2)
                ),
                other => other,
            };
            let before = bucket.clone();
            let held = held_versions(&bucket, bypasses_governance(&command));
            if let Err(violation) = bucket.apply(command.clone()) {
                prop_assert_eq!(&bucket, &before, "ERR-2: {:?} changed the bucket", violation);
            }
            if let Err(broken) = check_held_kept(&held, &bucket, &command) {
                panic!("{broken}");
            }
            checked(&bucket);
        }
    }
}
