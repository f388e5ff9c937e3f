//! Lifecycle on versioned buckets (LC-0..LC-14, INV-12): configurations accepted or refused as
//! a whole, and what one run removes and adds, at the boundary seconds where actions fall due.

use crate::support::*;
use bucket_versioning::lifecycle::{LifecycleFilter, LifecycleRule, NotFilter};
use bucket_versioning::outcome::{AddedDeleteMarker, RemovedEntry, RunLifecycleOutcome};
use bucket_versioning::request::{
    DeleteBucketLifecycle, GetBucketLifecycle, PutBucketLifecycle, RunLifecycle,
};
use bucket_versioning::violation::Invariant;
use bucket_versioning::{Bucket, Command, Dialect, ObjectKey, Service, VersionId};

const DAY: u64 = 86_400;

/// Puts `rules` as the configuration, which must be accepted.
#[track_caller]
pub(crate) fn configure(bucket: &mut Bucket, rules: Vec<LifecycleRule>) {
    bucket
        .put_bucket_lifecycle(rules)
        .unwrap_or_else(|violation| panic!("configuration refused: {violation}"));
}

/// Advances the clock to `time` (which is not in the past).
#[track_caller]
pub(crate) fn at(bucket: &mut Bucket, time: u64) {
    let now = bucket.now();
    bucket
        .advance_clock(time - now)
        .expect("the clock advances");
}

/// Runs the lifecycle, checks the invariants, and checks that a second run at the same time
/// changes nothing (LC-13).
#[track_caller]
pub(crate) fn run(bucket: &mut Bucket) -> RunLifecycleOutcome {
    let outcome = bucket.run_lifecycle();
    checked(bucket);
    let after = bucket.clone();
    assert!(
        bucket.run_lifecycle().is_empty(),
        "a second run did something"
    );
    assert_eq!(*bucket, after, "a second run changed the bucket");
    outcome
}

pub(crate) fn removed(key: &str, version_id: &VersionId, delete_marker: bool) -> RemovedEntry {
    RemovedEntry {
        key: ObjectKey::new(key),
        version_id: version_id.clone(),
        delete_marker,
    }
}

pub(crate) fn version(id: Option<VersionId>) -> VersionId {
    id.expect("a versioned bucket reports IDs")
}

// --- LC-0, LC-5, LC-6: time, running, day rounding ---

// Rule: LC-0 — entries record their creation on the logical clock; an append moves an
// appendable's Last-Modified, and current expiration ages the head from its Last-Modified.
#[test]
fn lc0_append_moves_last_modified_and_expiration_follows_it() {
    let mut bucket = enabled();
    bucket.append_object("log", 0, "a").expect("create");
    at(&mut bucket, 2 * DAY);
    bucket.append_object("log", 1, "b").expect("append");
    let head = chain_of(&bucket, "log", |entry| {
        (entry.created(), entry.last_modified())
    });
    assert_eq!(head, [(0, 2 * DAY)]);
    configure(&mut bucket, vec![LifecycleRule::new().expiration_days(1)]);
    assert!(
        run(&mut bucket).is_empty(),
        "due from the append, not the creation"
    );
    at(&mut bucket, 3 * DAY);
    assert_eq!(run(&mut bucket).delete_markers_added.len(), 1);
}

// Rule: LC-5 — nothing happens until the caller runs the lifecycle, however far the clock
// moves; a Disabled rule does nothing; rules apply only to the keys their filter matches.
#[test]
fn lc5_runs_only_when_asked_and_only_enabled_matching_rules() {
    let mut bucket = enabled();
    put(&mut bucket, "logs/a", "v1");
    put(&mut bucket, "data/a", "v1");
    configure(
        &mut bucket,
        vec![
            LifecycleRule::new().prefix("logs/").expiration_days(1),
            LifecycleRule::new()
                .prefix("data/")
                .expiration_days(1)
                .status("Disabled"),
        ],
    );
    at(&mut bucket, 30 * DAY);
    assert_eq!(chain_ids(&bucket, "logs/a").len(), 1, "no run yet");
    let outcome = run(&mut bucket);
    assert_eq!(
        outcome
            .delete_markers_added
            .iter()
            .map(|marker| marker.key.as_str())
            .collect::<Vec<_>>(),
        ["logs/a"]
    );
    assert_eq!(chain_ids(&bucket, "data/a").len(), 1);
}

// Rule: LC-6 — `Days` N is due at ceil_to_midnight(ref) + N days: an entry made one second
// after a midnight is not due one second before the next midnight plus N days, and is at it.
#[test]
fn lc6_day_rounding_at_the_boundary_second() {
    let mut bucket = enabled();
    at(&mut bucket, 1);
    put(&mut bucket, "k", "v1");
    configure(&mut bucket, vec![LifecycleRule::new().expiration_days(1)]);
    at(&mut bucket, 2 * DAY - 1);
    assert!(run(&mut bucket).is_empty(), "one second early");
    at(&mut bucket, 2 * DAY);
    assert_eq!(
        run(&mut bucket).delete_markers_added.len(),
        1,
        "due at the second"
    );
}

// Rule: LC-6 — a reference time that is a midnight is not rounded up.
#[test]
fn lc6_a_midnight_reference_is_not_rounded() {
    let mut bucket = enabled();
    at(&mut bucket, DAY);
    put(&mut bucket, "k", "v1");
    configure(&mut bucket, vec![LifecycleRule::new().expiration_days(2)]);
    at(&mut bucket, 3 * DAY - 1);
    assert!(run(&mut bucket).is_empty());
    at(&mut bucket, 3 * DAY);
    assert_eq!(run(&mut bucket).delete_markers_added.len(), 1);
}

// --- LC-1: current expiration per state ---

// Rule: LC-1 — Unversioned: the expired chain is removed (DEL-2) and reported.
#[test]
fn lc1_unversioned_removes_the_chain() {
    let mut bucket = bucket_in(Dialect::Oss, None);
    put(&mut bucket, "k", "v1");
    configure(&mut bucket, vec![LifecycleRule::new().expiration_days(1)]);
    at(&mut bucket, DAY);
    let outcome = run(&mut bucket);
    assert_eq!(outcome.removed, [removed("k", &VersionId::NULL, false)]);
    assert!(outcome.delete_markers_added.is_empty());
    assert!(bucket.chain("k").is_none());
}

// Rule: LC-1 — Enabled: a delete marker with a fresh ID is added (DEL-3); a head that is
// already a marker is left alone (markers never stack by lifecycle).
#[test]
fn lc1_enabled_adds_one_marker_and_never_stacks() {
    let mut bucket = enabled();
    let v1 = version(put(&mut bucket, "k", "v1"));
    configure(&mut bucket, vec![LifecycleRule::new().expiration_days(1)]);
    at(&mut bucket, DAY);
    let outcome = run(&mut bucket);
    assert!(outcome.removed.is_empty());
    let [AddedDeleteMarker { key, version_id }] = &outcome.delete_markers_added[..] else {
        panic!("one marker: {outcome:?}");
    };
    assert_eq!(key.as_str(), "k");
    assert!(!version_id.is_null());
    assert_eq!(
        chain_ids(&bucket, "k"),
        [(version_id.to_string(), true), (v1.to_string(), false)]
    );
    at(&mut bucket, 30 * DAY);
    assert!(run(&mut bucket).is_empty(), "a marker head is left alone");
}

// Rule: LC-1 — Suspended: the null entry is removed wherever it sits and a null marker added
// (DEL-4), reported with ID `null` (RSP-2).
#[test]
fn lc1_suspended_replaces_the_null_entry_with_a_null_marker() {
    let mut bucket = bucket_in(Dialect::Oss, Some("Suspended"));
    put(&mut bucket, "k", "null one");
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    let v1 = version(put(&mut bucket, "k", "v1"));
    bucket.put_bucket_versioning("Suspended").expect("allowed");
    configure(&mut bucket, vec![LifecycleRule::new().expiration_days(1)]);
    at(&mut bucket, DAY);
    let outcome = run(&mut bucket);
    assert_eq!(outcome.removed, [removed("k", &VersionId::NULL, false)]);
    assert_eq!(
        outcome.delete_markers_added,
        [AddedDeleteMarker {
            key: ObjectKey::new("k"),
            version_id: VersionId::NULL,
        }]
    );
    assert_eq!(
        chain_ids(&bucket, "k"),
        [("null".into(), true), (v1.to_string(), false)]
    );
}

// --- LC-2, LC-8: noncurrent expiration ---

// Rule: LC-2 — a noncurrent entry (version or marker) ages from its successor's creation, not
// its own.
#[test]
fn lc2_noncurrent_entries_age_from_their_successor() {
    let mut bucket = enabled();
    let v1 = version(put(&mut bucket, "k", "v1"));
    at(&mut bucket, 5 * DAY);
    let marker = version(delete(&mut bucket, "k"));
    at(&mut bucket, 6 * DAY);
    let v3 = version(put(&mut bucket, "k", "v3"));
    configure(&mut bucket, vec![LifecycleRule::new().noncurrent_days(1)]);
    at(&mut bucket, 6 * DAY);
    let outcome = run(&mut bucket);
    assert_eq!(outcome.removed, [removed("k", &v1, false)]);
    at(&mut bucket, 7 * DAY);
    assert_eq!(run(&mut bucket).removed, [removed("k", &marker, true)]);
    assert_eq!(chain_ids(&bucket, "k"), [(v3.to_string(), false)]);
}

// Rule: LC-8 — s3 NewerNoncurrentVersions keeps the K newest noncurrent entries whatever their
// age; older due ones go.
#[test]
fn lc8_newer_noncurrent_versions_keeps_the_newest() {
    let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
    let ids: Vec<VersionId> = (0..5)
        .map(|n| version(put(&mut bucket, "k", &format!("v{n}"))))
        .collect();
    configure(
        &mut bucket,
        vec![LifecycleRule::new().noncurrent_days_keeping(1, 2)],
    );
    at(&mut bucket, 10 * DAY);
    let outcome = run(&mut bucket);
    assert_eq!(
        outcome.removed,
        [removed("k", &ids[1], false), removed("k", &ids[0], false)]
    );
    assert_eq!(
        chain_ids(&bucket, "k").len(),
        3,
        "the head and two noncurrent"
    );
}

// Rule: LC-8, LC-11 — noncurrent expiration runs before current expiration, so the marker a
// run adds makes the old head noncurrent only for the next run: an entry the K newest kept
// goes then, at the same time, and a third run changes nothing.
#[test]
fn lc8_a_new_marker_pushes_an_entry_past_the_k_newest_for_the_next_run() {
    let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
    let ids: Vec<VersionId> = (0..3)
        .map(|n| version(put(&mut bucket, "k", &format!("v{n}"))))
        .collect();
    configure(
        &mut bucket,
        vec![
            LifecycleRule::new()
                .noncurrent_days_keeping(1, 1)
                .expiration_days(1),
        ],
    );
    at(&mut bucket, 3 * DAY);
    let first = bucket.run_lifecycle();
    assert_eq!(first.removed, [removed("k", &ids[0], false)]);
    assert_eq!(first.delete_markers_added.len(), 1);
    assert_eq!(
        bucket.run_lifecycle().removed,
        [removed("k", &ids[1], false)]
    );
    assert!(bucket.run_lifecycle().is_empty());
    checked(&bucket);
}

// Rule: LC-8 — oss has no NewerNoncurrentVersions: a configuration carrying it is MalformedXML.
#[test]
fn lc8_oss_refuses_newer_noncurrent_versions() {
    let mut bucket = enabled();
    let command = Command::PutBucketLifecycle(PutBucketLifecycle::new(vec![
        LifecycleRule::new().noncurrent_days_keeping(1, 2),
    ]));
    assert_rejected(&mut bucket, command, "MalformedXML", 400);
}

// --- LC-3: expired delete markers ---

// Rule: LC-3 — oss removes a marker that is its key's only entry only with the flag, at any run;
// a marker with versions below it stays.
#[test]
fn lc3_oss_expired_marker_needs_the_flag() {
    let mut bucket = enabled();
    put(&mut bucket, "kept", "v1");
    delete(&mut bucket, "kept");
    let lone = version(delete(&mut bucket, "lone"));
    configure(&mut bucket, vec![LifecycleRule::new().expiration_days(1)]);
    at(&mut bucket, 30 * DAY);
    assert!(run(&mut bucket).is_empty(), "oss never without the flag");
    configure(
        &mut bucket,
        vec![LifecycleRule::new().expired_object_delete_marker()],
    );
    assert_eq!(run(&mut bucket).removed, [removed("lone", &lone, true)]);
    assert_eq!(chain_ids(&bucket, "kept").len(), 2);
}

// Rule: LC-3 — s3 also removes a lone marker when an Expiration Days rule finds it due by its
// own creation, or once a Date rule's date has passed.
#[test]
fn lc3_s3_expires_lone_markers_by_days_and_date() {
    let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
    at(&mut bucket, 1);
    let lone = version(delete(&mut bucket, "lone"));
    configure(&mut bucket, vec![LifecycleRule::new().expiration_days(1)]);
    at(&mut bucket, 2 * DAY - 1);
    assert!(run(&mut bucket).is_empty());
    at(&mut bucket, 2 * DAY);
    assert_eq!(run(&mut bucket).removed, [removed("lone", &lone, true)]);
    let other = version(delete(&mut bucket, "other"));
    configure(
        &mut bucket,
        vec![LifecycleRule::new().expiration_date(3 * DAY)],
    );
    assert!(run(&mut bucket).is_empty());
    at(&mut bucket, 3 * DAY);
    assert_eq!(run(&mut bucket).removed, [removed("other", &other, true)]);
}

// --- LC-4: uploads ---

// Rule: LC-4 — an upload in progress is aborted N days after its initiation (MPU-8); oss
// CreatedBeforeDate aborts those initiated before the date.
#[test]
fn lc4_aborts_uploads_by_initiation() {
    let mut bucket = enabled();
    at(&mut bucket, 1);
    let old = bucket
        .initiate_multipart_upload("a")
        .expect("initiate")
        .upload_id;
    at(&mut bucket, DAY + 1);
    let young = bucket
        .initiate_multipart_upload("b")
        .expect("initiate")
        .upload_id;
    configure(&mut bucket, vec![LifecycleRule::new().abort_after_days(1)]);
    at(&mut bucket, 2 * DAY);
    let outcome = run(&mut bucket);
    assert_eq!(outcome.uploads_aborted.len(), 1);
    assert_eq!(outcome.uploads_aborted[0].upload_id, old);
    assert_eq!(bucket.upload_count(), 1);
    configure(
        &mut bucket,
        vec![LifecycleRule::new().abort_created_before_date(2 * DAY)],
    );
    let outcome = run(&mut bucket);
    assert_eq!(outcome.uploads_aborted[0].upload_id, young);
    assert_eq!(bucket.upload_count(), 0);
}

// --- LC-7: dates ---

// Rule: LC-7 — s3 Date expires every matching head once the clock reaches it; oss
// CreatedBeforeDate expires heads last modified before it, at any time.
#[test]
fn lc7_dates_per_dialect() {
    let mut s3 = bucket_in(Dialect::S3, Some("Enabled"));
    put(&mut s3, "k", "v1");
    configure(&mut s3, vec![LifecycleRule::new().expiration_date(2 * DAY)]);
    at(&mut s3, 2 * DAY - 1);
    assert!(run(&mut s3).is_empty());
    at(&mut s3, 2 * DAY);
    put(&mut s3, "late", "written after the date");
    assert_eq!(run(&mut s3).delete_markers_added.len(), 2);

    let mut oss = enabled();
    put(&mut oss, "old", "v1");
    at(&mut oss, DAY);
    put(&mut oss, "new", "v1");
    configure(
        &mut oss,
        vec![LifecycleRule::new().expiration_created_before_date(DAY)],
    );
    let outcome = run(&mut oss);
    let keys: Vec<_> = outcome
        .delete_markers_added
        .iter()
        .map(|m| m.key.as_str())
        .collect();
    assert_eq!(keys, ["old"], "at any time, by Last-Modified");
}

// Rule: LC-7 — a date off midnight is InvalidArgument; the stored configuration is unchanged.
#[test]
fn lc7_dates_must_be_midnights() {
    let mut bucket = bucket_in(Dialect::S3, None);
    configure(&mut bucket, vec![LifecycleRule::new().noncurrent_days(1)]);
    for rule in [
        LifecycleRule::new().expiration_date(DAY + 1),
        LifecycleRule::new().abort_after_days(1).expiration_date(1),
    ] {
        let command = Command::PutBucketLifecycle(PutBucketLifecycle::new(vec![rule]));
        assert_rejected(&mut bucket, command, "InvalidArgument", 400);
    }
    let mut oss = enabled();
    let command = Command::PutBucketLifecycle(PutBucketLifecycle::new(vec![
        LifecycleRule::new().abort_created_before_date(7),
    ]));
    assert_rejected(&mut oss, command, "InvalidArgument", 400);
}

// --- LC-9: validation ---

// Rule: LC-9 — structure faults are MalformedXML, per dialect, and change nothing.
#[test]
fn lc9_structure_faults_are_malformed_xml() {
    let tagged = LifecycleFilter {
        tags: Some([("team".to_string(), "x".to_string())].into()),
        ..LifecycleFilter::default()
    };
    let two_choices = {
        let mut rule = LifecycleRule::new().expiration_days(1);
        if let Some(expiration) = &mut rule.expiration {
            expiration.expired_object_delete_marker = Some(true);
        }
        rule
    };
    let cases = [
        (Dialect::Oss, vec![]),
        (Dialect::Oss, vec![LifecycleRule::new()]),
        (
            Dialect::Oss,
            vec![LifecycleRule::new().noncurrent_days(1).status("enabled")],
        ),
        (Dialect::S3, vec![two_choices]),
        (
            Dialect::S3,
            vec![
                LifecycleRule::new()
                    .filter(tagged.clone())
                    .expired_object_delete_marker(),
            ],
        ),
        (
            Dialect::S3,
            vec![LifecycleRule::new().filter(tagged).abort_after_days(1)],
        ),
        (
            Dialect::Oss,
            vec![LifecycleRule::new().expiration_date(DAY)],
        ),
        (
            Dialect::S3,
            vec![LifecycleRule::new().expiration_created_before_date(DAY)],
        ),
        (
            Dialect::S3,
            vec![LifecycleRule::new().abort_created_before_date(DAY)],
        ),
        (
            Dialect::S3,
            vec![
                LifecycleRule::new()
                    .noncurrent_days(1)
                    .filter(LifecycleFilter {
                        not: Some(NotFilter::default()),
                        ..LifecycleFilter::default()
                    }),
            ],
        ),
    ];
    for (dialect, rules) in cases {
        let mut bucket = bucket_in(dialect, Some("Enabled"));
        let shown = format!("{rules:?}");
        let command = Command::PutBucketLifecycle(PutBucketLifecycle::new(rules));
        let violation = assert_rejected(&mut bucket, command, "MalformedXML", 400);
        assert!(!violation.to_string().is_empty(), "{shown}");
    }
}

// Rule: LC-9 — value faults are InvalidArgument: counts below 1, NewerNoncurrentVersions out of
// 1..=100, more than 1000 rules, a duplicate ID (also after naming).
#[test]
fn lc9_value_faults_are_invalid_argument() {
    let cases = vec![
        vec![LifecycleRule::new().expiration_days(0)],
        vec![LifecycleRule::new().noncurrent_days(0)],
        vec![LifecycleRule::new().abort_after_days(0)],
        vec![LifecycleRule::new().noncurrent_days_keeping(1, 0)],
        vec![LifecycleRule::new().noncurrent_days_keeping(1, 101)],
        vec![LifecycleRule::new().noncurrent_days(1); 1001],
        vec![
            LifecycleRule::new().id("x").noncurrent_days(1),
            LifecycleRule::new().id("x").abort_after_days(1),
        ],
        vec![
            LifecycleRule::new().id("rule-1").noncurrent_days(1),
            LifecycleRule::new().abort_after_days(1),
        ],
    ];
    for rules in cases {
        let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
        let command = Command::PutBucketLifecycle(PutBucketLifecycle::new(rules));
        assert_rejected(&mut bucket, command, "InvalidArgument", 400);
    }
}

// Rule: LC-9 — 1000 rules are accepted; unnamed rules are named rule-1, rule-2, … in order.
#[test]
fn lc9_limits_and_naming() {
    let mut bucket = enabled();
    let mut rules = vec![LifecycleRule::new().noncurrent_days(1); 999];
    rules.insert(1, LifecycleRule::new().id("mine").abort_after_days(2));
    configure(&mut bucket, rules);
    let stored = bucket.get_bucket_lifecycle().expect("stored").rules;
    assert_eq!(stored.len(), 1000);
    let ids: Vec<_> = stored
        .iter()
        .take(3)
        .map(|rule| rule.id.clone().expect("LC-9 names every rule"))
        .collect();
    assert_eq!(ids, ["rule-1", "mine", "rule-2"]);
}

// --- LC-10: filters ---

// The filter tests (LC-10, TAG-1) are in `lifecycle_filters.rs`.

// --- LC-11, LC-12, LC-13 ---

// Rule: LC-11 — noncurrent expiration, then current expiration, then expired markers, each
// seeing the step before: noncurrent versions under a marker go and the marker, now alone,
// goes in the same run; a head expires once however many rules match.
#[test]
fn lc11_steps_in_order_each_action_once() {
    let mut bucket = enabled();
    let v1 = version(put(&mut bucket, "gone", "v1"));
    let marker = version(delete(&mut bucket, "gone"));
    put(&mut bucket, "live", "v1");
    configure(
        &mut bucket,
        vec![
            LifecycleRule::new().noncurrent_days(1),
            LifecycleRule::new().expired_object_delete_marker(),
            LifecycleRule::new().expiration_days(1),
            LifecycleRule::new().prefix("li").expiration_days(1),
        ],
    );
    at(&mut bucket, DAY);
    let outcome = run(&mut bucket);
    assert_eq!(
        outcome.removed,
        [removed("gone", &marker, true), removed("gone", &v1, false)]
    );
    assert_eq!(
        outcome.delete_markers_added.len(),
        1,
        "one marker for two rules"
    );
    assert!(bucket.chain("gone").is_none());
}

// Rule: LC-12 — the model has no Object Lock or retention policy yet (OL-3, OL-7), so no
// version is protected from lifecycle; current expiration adds its marker in any case.
#[test]
fn lc12_nothing_is_protected_without_object_lock() {
    let mut bucket = enabled();
    let v1 = version(put(&mut bucket, "k", "v1"));
    put(&mut bucket, "k", "v2");
    configure(
        &mut bucket,
        vec![LifecycleRule::new().noncurrent_days(1).expiration_days(1)],
    );
    at(&mut bucket, DAY);
    let outcome = run(&mut bucket);
    assert_eq!(outcome.removed, [removed("k", &v1, false)]);
    assert_eq!(outcome.delete_markers_added.len(), 1);
}

// Rule: LC-13 — removed entries in key order then chain order (newest first); a run with
// nothing due reports empty lists and changes nothing.
#[test]
fn lc13_report_order_and_empty_runs() {
    let mut bucket = enabled();
    let mut expected = Vec::new();
    for key in ["b", "a"] {
        let old: Vec<VersionId> = (0..3)
            .map(|_| version(put(&mut bucket, key, "v")))
            .collect();
        expected.push((key, old));
    }
    configure(&mut bucket, vec![LifecycleRule::new().noncurrent_days(1)]);
    let before = bucket.clone();
    assert_eq!(run(&mut bucket), RunLifecycleOutcome::default());
    assert_eq!(bucket, before);
    at(&mut bucket, DAY);
    let outcome = run(&mut bucket);
    let order: Vec<(String, String)> = outcome
        .removed
        .iter()
        .map(|entry| (entry.key.to_string(), entry.version_id.to_string()))
        .collect();
    let mut want = Vec::new();
    for (key, ids) in expected.iter().rev() {
        want.push((key.to_string(), ids[1].to_string()));
        want.push((key.to_string(), ids[0].to_string()));
    }
    assert_eq!(order, want);
}

// --- LC-14, INV-12 ---

// Rule: LC-14 — Put replaces the whole configuration, Get returns it with the assigned IDs
// (oss NoSuchLifecycle / s3 NoSuchLifecycleConfiguration 404 when there is none), Delete
// removes it and succeeds either way.
#[test]
fn lc14_put_get_delete() {
    for (dialect, missing) in [
        (Dialect::Oss, "NoSuchLifecycle"),
        (Dialect::S3, "NoSuchLifecycleConfiguration"),
    ] {
        let mut bucket = bucket_in(dialect, None);
        let get = Command::GetBucketLifecycle(GetBucketLifecycle::new());
        assert_rejected(&mut bucket, get.clone(), missing, 404);
        ok(
            &mut bucket,
            Command::DeleteBucketLifecycle(DeleteBucketLifecycle::new()),
        );
        configure(
            &mut bucket,
            vec![LifecycleRule::new().id("a").noncurrent_days(1)],
        );
        configure(&mut bucket, vec![LifecycleRule::new().abort_after_days(3)]);
        let rules = bucket.get_bucket_lifecycle().expect("stored").rules;
        assert_eq!(
            rules,
            [LifecycleRule::new().id("rule-1").abort_after_days(3)]
        );
        ok(
            &mut bucket,
            Command::DeleteBucketLifecycle(DeleteBucketLifecycle::new()),
        );
        assert_rejected(&mut bucket, get, missing, 404);
        checked(&bucket);
        assert!(
            bucket.run_lifecycle().is_empty(),
            "no configuration, nothing runs"
        );
    }
}

// Rule: INV-12 — a stored configuration satisfies LC-9; a snapshot carrying one that does not
// is refused naming INV-12, and a good one survives the round trip with its due index.
#[test]
fn inv12_snapshots_keep_a_valid_configuration() {
    let mut bucket = enabled();
    put(&mut bucket, "k", "v1");
    put(&mut bucket, "k", "v2");
    configure(&mut bucket, vec![LifecycleRule::new().noncurrent_days(1)]);
    let mut value = serde_json::to_value(&bucket).expect("serializes");
    let mut restored: Bucket = serde_json::from_value(value.clone()).expect("restores");
    assert_eq!(restored, bucket);
    at(&mut restored, DAY);
    at(&mut bucket, DAY);
    assert_eq!(restored.run_lifecycle(), bucket.run_lifecycle());
    value["lifecycle"][0]["noncurrent_version_expiration"]["noncurrent_days"] = 0.into();
    let error = serde_json::from_value::<Bucket>(value).expect_err("refused");
    assert!(
        error
            .to_string()
            .contains(Invariant::LifecycleConfiguration.id()),
        "{error}"
    );
}

// Rule: LC-0, LC-5, SVC-1 — through a service, lifecycle runs per bucket on the one clock.
#[test]
fn service_runs_lifecycle_per_bucket_on_the_shared_clock() {
    let mut service = Service::with_default_bucket(Default::default());
    service.create_bucket("logs").expect("created");
    let put_rules = Command::PutBucketLifecycle(PutBucketLifecycle::new(vec![
        LifecycleRule::new().expiration_days(1),
    ]));
    service.apply("logs", put_rules).expect("accepted");
    service.put_object("logs", "a", "v").expect("put");
    service.put_object("bucket", "a", "v").expect("put");
    service.advance_clock(DAY).expect("advance");
    let run = Command::RunLifecycle(RunLifecycle::new());
    service.apply("logs", run.clone()).expect("runs");
    service.apply("bucket", run).expect("runs");
    assert!(service.bucket("logs").and_then(|b| b.chain("a")).is_none());
    assert!(
        service
            .bucket("bucket")
            .and_then(|b| b.chain("a"))
            .is_some()
    );
}
