//! DeleteObjects, the batch delete (BAT-1..BAT-4), rule by rule.

use crate::support::listing::{bucket, chain_ids, delete, head_id, ok, put, versioned};
use crate::support::rejected;
use bucket_versioning::request::{DeleteObject, DeleteObjects, ObjectIdentifier};
use bucket_versioning::{
    Dialect, ObjectKey, VersionId, Violation, outcome::DeletedObject, violation::MalformedXmlReason,
};

fn simple(key: &str) -> ObjectIdentifier {
    ObjectIdentifier::new(key)
}

fn by_id(key: &str, id: &VersionId) -> ObjectIdentifier {
    ObjectIdentifier::new(key).version_id(id.clone())
}

fn deleted(
    key: &str,
    version_id: Option<&VersionId>,
    delete_marker: bool,
    delete_marker_version_id: Option<&VersionId>,
) -> DeletedObject {
    DeletedObject {
        key: ObjectKey::from(key),
        version_id: version_id.cloned(),
        delete_marker,
        delete_marker_version_id: delete_marker_version_id.cloned(),
    }
}

// Rule: BAT-1 — 0 or more than 1000 entries is MalformedXML 400 and nothing is deleted; 1000
// is allowed.
#[test]
fn batch_size_is_1_to_1000() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    put(&mut bucket, "k", "x");
    let error = rejected(&mut bucket, |bucket| {
        bucket.delete_objects(DeleteObjects::new([]))
    });
    assert_eq!(
        error,
        Violation::MalformedXml(MalformedXmlReason::DeleteObjectCount(0))
    );
    assert_eq!((error.code(), error.http_status()), ("MalformedXML", 400));
    let too_many = vec![simple("k"); 1001];
    let error = rejected(&mut bucket, |bucket| {
        bucket.delete_objects(DeleteObjects::new(too_many.to_vec()))
    });
    assert_eq!(
        error,
        Violation::MalformedXml(MalformedXmlReason::DeleteObjectCount(1001))
    );
    let most = vec![simple("k"); 1000];
    let outcome = ok(bucket.delete_objects(DeleteObjects::new(most.to_vec()).quiet(true)));
    assert!(outcome.deleted.is_empty() && outcome.errors.is_empty());
    assert_eq!(bucket.chain("k").map(|chain| chain.len()), Some(1001));
}

// Rule: BAT-2 — each entry behaves exactly as DeleteObject, in the order given: the batch
// leaves the bucket as the same deletes one by one would.
#[test]
fn batch_equals_the_deletes_one_by_one() {
    for (dialect, state) in [
        (Dialect::Oss, "Enabled"),
        (Dialect::S3, "Suspended"),
        (Dialect::Oss, "Unversioned"),
    ] {
        let mut bucket = bucket(dialect);
        put(&mut bucket, "a", "null one");
        if state != "Unversioned" {
            ok(bucket.put_bucket_versioning("Enabled"));
        }
        let a1 = put(&mut bucket, "a", "1");
        put(&mut bucket, "b", "1");
        if state != "Unversioned" {
            ok(bucket.put_bucket_versioning(state));
        }
        let entries = vec![
            by_id("a", &a1),
            simple("a"),
            simple("b"),
            simple("b"),
            by_id("a", &VersionId::NULL),
            simple("never"),
            by_id("b", &VersionId::from("unknown")),
        ];
        let mut one_by_one = bucket.clone();
        let outcome = ok(bucket.delete_objects(DeleteObjects::new(entries.to_vec())));
        for entry in &entries {
            ok(one_by_one.delete_object(DeleteObject {
                version_id: entry.version_id.clone(),
                ..DeleteObject::new(entry.key.clone())
            }));
        }
        assert_eq!(bucket, one_by_one, "{dialect} {state}");
        assert_eq!(outcome.deleted.len(), entries.len());
        assert!(outcome.errors.is_empty());
        let keys: Vec<&str> = outcome.deleted.iter().map(|row| row.key.as_str()).collect();
        assert_eq!(keys, ["a", "a", "b", "b", "a", "never", "b"]);
        assert_eq!(bucket.check_invariants(), Ok(()));
    }
}

// Rule: BAT-3 — Enabled: a simple delete reports `delete_marker` and the new marker's ID in
// `delete_marker_version_id`; a delete of a marker by ID reports its ID in both fields; a
// delete of a version by ID reports its ID; an ID naming nothing (DEL-7) reports just the ID.
#[test]
fn results_follow_the_deleted_object_shape_when_enabled() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = versioned(dialect, "Enabled");
        let version = put(&mut bucket, "v", "x");
        put(&mut bucket, "m", "x");
        let marker = delete(&mut bucket, "m").expect("a marker");
        let unknown = VersionId::from("unknown");
        let outcome = ok(bucket.delete_objects(DeleteObjects::new([
            simple("s"),
            by_id("m", &marker),
            by_id("v", &version),
            by_id("v", &unknown),
        ])));
        let new_marker = head_id(&bucket, "s");
        assert_eq!(
            outcome.deleted,
            [
                deleted("s", None, true, Some(&new_marker)),
                deleted("m", Some(&marker), true, Some(&marker)),
                deleted("v", Some(&version), false, None),
                deleted("v", Some(&unknown), false, None),
            ]
        );
        assert!(!new_marker.is_null());
        assert_eq!(chain_ids(&bucket, "m").len(), 1);
        assert!(bucket.chain("v").is_none());
    }
}

// Rule: BAT-3 — Suspended: a simple delete makes the `null` marker and reports it; Unversioned:
// a simple delete removes the chain and reports neither marker nor ID.
#[test]
fn results_when_suspended_and_unversioned() {
    let mut suspended = versioned(Dialect::S3, "Suspended");
    put(&mut suspended, "k", "x");
    let outcome = ok(suspended.delete_objects(DeleteObjects::new([simple("k")])));
    assert_eq!(
        outcome.deleted,
        [deleted("k", None, true, Some(&VersionId::NULL))]
    );
    assert_eq!(chain_ids(&suspended, "k"), ["null"]);

    let mut unversioned = bucket(Dialect::Oss);
    put(&mut unversioned, "k", "x");
    let outcome = ok(unversioned.delete_objects(DeleteObjects::new([simple("k"), simple("gone")])));
    assert_eq!(
        outcome.deleted,
        [
            deleted("k", None, false, None),
            deleted("gone", None, false, None)
        ]
    );
    assert!(unversioned.is_empty());
    // A delete by `null` in an Unversioned bucket removes the null object (DEL-5).
    put(&mut unversioned, "k", "x");
    let outcome =
        ok(unversioned.delete_objects(DeleteObjects::new([by_id("k", &VersionId::NULL)])));
    assert_eq!(
        outcome.deleted,
        [deleted("k", Some(&VersionId::NULL), false, None)]
    );
    assert!(unversioned.is_empty());
}

// Rule: BAT-4 — an entry with an invalid key or an empty version ID gets an error result
// with DeleteObject's code for it; the other entries still run, in order.
#[test]
fn failing_entries_do_not_stop_the_others() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let version = put(&mut bucket, "a", "x");
    put(&mut bucket, "b", "x");
    let entries = [
        simple("/bad"),
        by_id("a", &version),
        ObjectIdentifier::new("b").version_id(VersionId::from("")),
        simple(""),
        simple("b"),
    ];
    let outcome = ok(bucket.delete_objects(DeleteObjects::new(entries.to_vec())));
    let errors: Vec<(&str, Option<String>, &str)> = outcome
        .errors
        .iter()
        .map(|error| {
            (
                error.key.as_str(),
                error.version_id.as_ref().map(ToString::to_string),
                error.code(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("/bad", None, "InvalidObjectName"),
            ("b", Some(String::new()), "InvalidArgument"),
            ("", None, "InvalidObjectName"),
        ]
    );
    assert!(
        outcome
            .errors
            .iter()
            .all(|error| !error.violation.to_string().is_empty())
    );
    let keys: Vec<&str> = outcome.deleted.iter().map(|row| row.key.as_str()).collect();
    assert_eq!(keys, ["a", "b"]);
    assert!(bucket.chain("a").is_none());
    assert_eq!(bucket.chain("b").map(|chain| chain.len()), Some(2));
    assert!(bucket.chain("/bad").is_none());
    assert_eq!(bucket.check_invariants(), Ok(()));
    // s3 spells an empty key as InvalidArgument (KEY-2).
    let mut s3 = versioned(Dialect::S3, "Enabled");
    let outcome = ok(s3.delete_objects(DeleteObjects::new([simple(""), simple("k")])));
    assert_eq!(
        outcome.errors.first().map(|error| error.code()),
        Some("InvalidArgument")
    );
    assert_eq!(outcome.deleted.len(), 1);
}

// Rule: BAT-4 — quiet mode reports only the errors; the deletes still happen.
#[test]
fn quiet_mode_reports_only_errors() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    put(&mut bucket, "a", "x");
    let outcome =
        ok(bucket.delete_objects(DeleteObjects::new([simple("a"), simple("/bad")]).quiet(true)));
    assert!(outcome.deleted.is_empty());
    assert_eq!(outcome.errors.len(), 1);
    assert_eq!(outcome.errors[0].code(), "InvalidObjectName");
    assert_eq!(bucket.chain("a").map(|chain| chain.len()), Some(2));
    let outcome = ok(bucket.delete_objects(DeleteObjects::new([simple("a")]).quiet(true)));
    assert!(outcome.deleted.is_empty() && outcome.errors.is_empty());
    assert_eq!(bucket.chain("a").map(|chain| chain.len()), Some(3));
}
