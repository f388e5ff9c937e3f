//! The append upload: AppendObject and SealAppendObject under every versioning state
//! (APP-1..APP-11), the CRC-64 and ETag of appendables (CT-2, CT-5), and the invariants they
//! touch (INV-5, INV-6, ERR-2, ERR-3).

use crate::support::{chain_of, checked, rejected};
use bucket_versioning::request::{AppendObject, DeleteObject, GetObject, SealAppendObject};
use bucket_versioning::wire::Reply;
use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Content, Dialect, ObjectType, Outcome, VersionId,
    Violation,
    config::AppendableVersionIds,
    crc64,
    dialect::MAX_OBJECT_SIZE,
    violation::{ArgumentError, Invariant},
};

// ---------------------------------------------------------------------------------------------
// Helpers

fn oss() -> Bucket {
    Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(7))
}

fn oss_in(status: &str) -> Bucket {
    let mut bucket = oss();
    bucket
        .put_bucket_versioning(status)
        .expect("Enabled and Suspended are valid states");
    bucket
}

/// Runs a command that must succeed and checks the invariants afterwards.
#[track_caller]
fn accepted<T>(
    bucket: &mut Bucket,
    command: impl FnOnce(&mut Bucket) -> Result<T, Violation>,
) -> T {
    let outcome =
        command(bucket).unwrap_or_else(|violation| panic!("unexpected rejection: {violation}"));
    checked(bucket);
    outcome
}

/// One entry of a chain as the tests compare it: ID, kind, sealed flag and size.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen {
    id: VersionId,
    kind: Option<ObjectType>,
    sealed: bool,
    size: u64,
}

/// The chain of `key`, newest first (empty when the key has no entries).
#[track_caller]
fn chain(bucket: &Bucket, key: &str) -> Vec<Seen> {
    chain_of(bucket, key, |entry| Seen {
        id: entry.version_id().clone(),
        kind: entry.object_type(),
        sealed: entry.is_sealed(),
        size: entry.size(),
    })
}

#[track_caller]
fn appendable(id: &VersionId, sealed: bool, size: u64) -> Seen {
    Seen {
        id: id.clone(),
        kind: Some(ObjectType::Appendable),
        sealed,
        size,
    }
}

#[track_caller]
fn normal(id: &VersionId, size: u64) -> Seen {
    Seen {
        id: id.clone(),
        kind: Some(ObjectType::Normal),
        sealed: false,
        size,
    }
}

#[track_caller]
fn marker(id: &VersionId) -> Seen {
    Seen {
        id: id.clone(),
        kind: None,
        sealed: false,
        size: 0,
    }
}

/// The head's own version ID (whatever a response reports).
#[track_caller]
fn head_id(bucket: &Bucket, key: &str) -> VersionId {
    bucket
        .chain(key)
        .and_then(|chain| chain.head())
        .map(|head| head.version_id().clone())
        .expect("the key has a head")
}

#[track_caller]
fn fresh_id(id: Option<VersionId>) -> VersionId {
    let id = id.expect("an Enabled bucket reports the ID");
    assert!(!id.is_null(), "expected a fresh ID, got null");
    id
}

fn oversized(len: u64) -> Body {
    Body::from(Content::from_fingerprint(len, 0, None))
}

// ---------------------------------------------------------------------------------------------
// APP-1

// Rule: APP-1 — the s3 dialect has no append upload: every append or seal is NotImplemented
// 501, before any argument is looked at.
#[test]
fn s3_refuses_append_and_seal() {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::S3));
    bucket.put_object("k", "abc").expect("put works in s3");
    for status in [None, Some("Enabled"), Some("Suspended")] {
        if let Some(status) = status {
            bucket.put_bucket_versioning(status).expect("valid state");
        }
        let error = rejected(&mut bucket, |b| b.append_object("new", 0, "x"));
        assert_eq!((error.code(), error.http_status()), ("NotImplemented", 501));
        assert_eq!(
            error,
            Violation::NotImplemented {
                operation: "AppendObject"
            }
        );
        let error = rejected(&mut bucket, |b| b.seal_append_object("k", 3));
        assert_eq!(
            error,
            Violation::NotImplemented {
                operation: "SealAppendObject"
            }
        );
        // NotImplemented comes before the key (KEY-2) and the version ID (APP-2).
        let error = rejected(&mut bucket, |b| {
            b.apply(Command::AppendObject(
                AppendObject::new("", 7, "x").version_id(VersionId::new("")),
            ))
        });
        assert_eq!(error.code(), "NotImplemented");
        let error = rejected(&mut bucket, |b| {
            b.apply(Command::SealAppendObject(SealAppendObject::new("", 0)))
        });
        assert_eq!(error.code(), "NotImplemented");
    }
}

// ---------------------------------------------------------------------------------------------
// APP-2

// Rule: APP-2 — a version ID on an append is InvalidArgument 400, whatever it names, even the
// head's own ID; the key is checked first (ERR-4).
#[test]
fn version_id_on_append_is_rejected() {
    let mut bucket = oss_in("Enabled");
    let id = fresh_id(
        bucket
            .append_object("log", 0, "abc")
            .expect("create")
            .version_id,
    );
    for version_id in [
        id,
        VersionId::NULL,
        VersionId::new("unknown"),
        VersionId::new(""),
    ] {
        let error = rejected(&mut bucket, |b| {
            b.apply(Command::AppendObject(
                AppendObject::new("log", 3, "d").version_id(version_id),
            ))
        });
        assert_eq!(
            (error.code(), error.http_status()),
            ("InvalidArgument", 400)
        );
        assert_eq!(
            error,
            Violation::InvalidArgument(ArgumentError::VersionIdOnAppend)
        );
    }
    let error = rejected(&mut bucket, |b| {
        b.apply(Command::AppendObject(
            AppendObject::new("/log", 3, "d").version_id(VersionId::new("x")),
        ))
    });
    assert_eq!(error.code(), "InvalidObjectName");
    // Without one, the same append goes through.
    let outcome = bucket
        .apply(Command::AppendObject(AppendObject::new("log", 3, "d")))
        .expect("append");
    assert!(matches!(outcome, Outcome::AppendObject(ref o) if o.next_position == 4));
}

// ---------------------------------------------------------------------------------------------
// APP-3

// Rule: APP-3 — Unversioned, no entries: position 0 creates the one `null` Appendable entry;
// RSP-1 reports no ID.
#[test]
fn create_in_unversioned_bucket() {
    let mut bucket = oss();
    let outcome = accepted(&mut bucket, |b| b.append_object("log", 0, "abc"));
    assert_eq!(outcome.version_id, None);
    assert_eq!(outcome.next_position, 3);
    assert_eq!(
        chain(&bucket, "log"),
        vec![appendable(&VersionId::NULL, false, 3)]
    );
    checked(&bucket);
}

// Rule: APP-3 — Enabled, no entries: a fresh ID (ID-1, APP-11's default), reported (RSP-1).
#[test]
fn create_in_enabled_bucket() {
    let mut bucket = oss_in("Enabled");
    let id = fresh_id(
        bucket
            .append_object("log", 0, "abc")
            .expect("create")
            .version_id,
    );
    assert_eq!(chain(&bucket, "log"), vec![appendable(&id, false, 3)]);
    checked(&bucket);
}

// Rule: APP-3 — Enabled, the head is a delete marker: position 0 creates the appendable on top
// of it, and the marker stays as a noncurrent entry.
#[test]
fn create_on_top_of_a_delete_marker() {
    let mut bucket = oss_in("Enabled");
    let v1 = fresh_id(bucket.put_object("log", "old").expect("put").version_id);
    let dm = fresh_id(bucket.delete_object("log").expect("delete").version_id);
    let outcome = bucket
        .append_object("log", 0, "new")
        .expect("create on a marker");
    let id = fresh_id(outcome.version_id);
    assert_ne!(id, dm);
    assert_eq!(
        chain(&bucket, "log"),
        vec![appendable(&id, false, 3), marker(&dm), normal(&v1, 3)]
    );
    checked(&bucket);
}

// Rule: APP-3 — Suspended: the created appendable is `null` and PUT-3's null removal applies to
// the key's null entry wherever it sits (here a null delete marker at the head); entries with
// other IDs stay. RSP-1 reports `null` on oss.
#[test]
fn create_in_suspended_bucket_removes_the_null_entry() {
    let mut bucket = oss_in("Enabled");
    let v1 = fresh_id(bucket.put_object("log", "v1").expect("put").version_id);
    bucket.put_bucket_versioning("Suspended").expect("suspend");
    bucket.delete_object("log").expect("null marker");
    assert_eq!(
        chain(&bucket, "log"),
        vec![marker(&VersionId::NULL), normal(&v1, 2)]
    );
    let outcome = bucket.append_object("log", 0, "abc").expect("create");
    assert_eq!(outcome.version_id, Some(VersionId::NULL));
    assert_eq!(
        chain(&bucket, "log"),
        vec![appendable(&VersionId::NULL, false, 3), normal(&v1, 2)]
    );
    checked(&bucket);
}

// Rule: APP-3 — Suspended, a noncurrent `null` object below a marker is removed too.
#[test]
fn create_in_suspended_bucket_removes_a_noncurrent_null() {
    let mut bucket = oss();
    bucket
        .put_object("log", "unversioned")
        .expect("null object");
    bucket.put_bucket_versioning("Enabled").expect("enable");
    let dm = fresh_id(bucket.delete_object("log").expect("marker").version_id);
    bucket.put_bucket_versioning("Suspended").expect("suspend");
    bucket.append_object("log", 0, "abc").expect("create");
    assert_eq!(
        chain(&bucket, "log"),
        vec![appendable(&VersionId::NULL, false, 3), marker(&dm)]
    );
    checked(&bucket);
}

// ---------------------------------------------------------------------------------------------
// APP-4

// Rule: APP-4 — an append at the right position adds the data in place: no entry is created,
// the ID, sequence number and creation time stay, the modification time becomes now.
#[test]
fn append_in_place_keeps_the_entry() {
    for status in [None, Some("Enabled"), Some("Suspended")] {
        let mut bucket = oss();
        if let Some(status) = status {
            bucket.put_bucket_versioning(status).expect("valid state");
        }
        bucket.put_object("other", "x").expect("put");
        bucket.append_object("log", 0, "abc").expect("create");
        let (id, sequence, created) = {
            let head = bucket.chain("log").and_then(|c| c.head()).expect("head");
            (head.version_id().clone(), head.sequence(), head.created())
        };
        let entries = bucket.len();
        bucket.advance_clock(60).expect("clock");
        let outcome = accepted(&mut bucket, |b| b.append_object("log", 3, "defg"));
        assert_eq!(outcome.next_position, 7);
        assert_eq!(bucket.len(), entries, "no entry is created");
        let head = bucket.chain("log").and_then(|c| c.head()).expect("head");
        assert_eq!(head.version_id(), &id);
        assert_eq!(head.sequence(), sequence);
        assert_eq!(head.created(), created);
        assert_eq!(head.last_modified(), 60);
        assert_eq!(head.size(), 7);
        assert_eq!(head.object_type(), Some(ObjectType::Appendable));
        assert!(!head.is_sealed());
        let meta = bucket.head_object("log").expect("head object");
        assert_eq!(meta.last_modified, 60);
        assert_eq!(meta.next_position, Some(7));
    }
}

// Rule: APP-4 — an empty appendable grows in place at position 0 (its length is 0); that is an
// append, not a second creation.
#[test]
fn empty_appendable_grows_at_position_zero() {
    let mut bucket = oss_in("Enabled");
    let id = fresh_id(
        bucket
            .append_object("log", 0, "")
            .expect("create empty")
            .version_id,
    );
    let outcome = bucket.append_object("log", 0, "abc").expect("append at 0");
    assert_eq!(outcome.version_id, Some(id.clone()));
    assert_eq!(chain(&bucket, "log"), vec![appendable(&id, false, 3)]);
}

// Rule: APP-4 — Suspended after Enabled: an appendable with a fresh ID keeps it while growing,
// and the grown entry is not treated as a new null write.
#[test]
fn append_in_suspended_bucket_keeps_a_fresh_id() {
    let mut bucket = oss_in("Enabled");
    let v1 = fresh_id(bucket.put_object("log", "v1").expect("put").version_id);
    bucket
        .delete_object(DeleteObject::new("log").version_id(v1))
        .expect("remove v1");
    let id = fresh_id(
        bucket
            .append_object("log", 0, "ab")
            .expect("create")
            .version_id,
    );
    bucket.put_bucket_versioning("Suspended").expect("suspend");
    let outcome = bucket.append_object("log", 2, "cd").expect("append");
    // RSP-4: the appendable's own ID under RSP-3's rule.
    assert_eq!(outcome.version_id, Some(id.clone()));
    assert_eq!(chain(&bucket, "log"), vec![appendable(&id, false, 4)]);
}

// ---------------------------------------------------------------------------------------------
// APP-5

// Rule: APP-5 — with no object to append to, the length counts as 0: any other position is
// PositionNotEqualToLength 409 carrying next position 0.
#[test]
fn wrong_position_on_a_missing_key() {
    let mut bucket = oss();
    for position in [1, 5, u64::MAX] {
        let error = rejected(&mut bucket, |b| b.append_object("log", position, "x"));
        assert_eq!(
            (error.code(), error.http_status()),
            ("PositionNotEqualToLength", 409)
        );
        assert_eq!(
            error,
            Violation::PositionNotEqualToLength { next_position: 0 }
        );
    }
}

// Rule: APP-5 — a delete marker at the head (Enabled or Suspended) is no object to append to:
// a position other than 0 gives next position 0.
#[test]
fn wrong_position_on_a_delete_marker() {
    for status in ["Enabled", "Suspended"] {
        let mut bucket = oss_in(status);
        bucket.put_object("log", "abc").expect("put");
        bucket.delete_object("log").expect("marker");
        let error = rejected(&mut bucket, |b| b.append_object("log", 3, "x"));
        assert_eq!(
            error,
            Violation::PositionNotEqualToLength { next_position: 0 }
        );
    }
}

// Rule: APP-5 — a position other than the appendable's length, before or after it, is
// refused with the right next position, and nothing changes.
#[test]
fn wrong_position_on_an_appendable() {
    let mut bucket = oss_in("Enabled");
    bucket.append_object("log", 0, "abc").expect("create");
    for position in [0, 2, 4, u64::MAX - 1, u64::MAX] {
        let error = rejected(&mut bucket, |b| b.append_object("log", position, "x"));
        assert_eq!(
            error,
            Violation::PositionNotEqualToLength { next_position: 3 }
        );
        // The carried position is the one to use.
        if let Violation::PositionNotEqualToLength { next_position } = error {
            let retry = bucket.clone().append_object("log", next_position, "d");
            assert_eq!(retry.map(|outcome| outcome.next_position), Ok(4));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// APP-6

// Rule: APP-6 — a Normal head is not appendable: ObjectNotAppendable 409, with the position
// equal to its length or not (APP-6 comes before APP-5), in every state.
#[test]
fn normal_head_is_not_appendable() {
    for status in [None, Some("Enabled"), Some("Suspended")] {
        let mut bucket = oss();
        if let Some(status) = status {
            bucket.put_bucket_versioning(status).expect("valid state");
        }
        bucket.put_object("k", "abc").expect("put");
        for position in [3, 0, 9, u64::MAX] {
            let error = rejected(&mut bucket, |b| b.append_object("k", position, "x"));
            assert_eq!(
                (error.code(), error.http_status()),
                ("ObjectNotAppendable", 409)
            );
            assert_eq!(error, Violation::ObjectNotAppendable);
        }
    }
}

// Rule: APP-6 — a sealed appendable head is not appendable either, and APP-6 is checked before
// APP-5 there too.
#[test]
fn sealed_head_is_not_appendable() {
    let mut bucket = oss_in("Enabled");
    bucket.append_object("log", 0, "abc").expect("create");
    bucket.seal_append_object("log", 3).expect("seal");
    for position in [3, 0, 4] {
        let error = rejected(&mut bucket, |b| b.append_object("log", position, "x"));
        assert_eq!(error, Violation::ObjectNotAppendable);
    }
    // Nor is an oversized body looked at first (APP-8 comes after APP-6).
    let error = rejected(&mut bucket, |b| {
        b.append_object("log", 3, oversized(MAX_OBJECT_SIZE))
    });
    assert_eq!(error, Violation::ObjectNotAppendable);
}

// ---------------------------------------------------------------------------------------------
// APP-7

// Rule: APP-7 — Enabled: a put seals the head appendable, which stays as a noncurrent version
// with its ID (PUT-4); it can never be appended to again.
#[test]
fn put_seals_the_appendable_in_an_enabled_bucket() {
    let mut bucket = oss_in("Enabled");
    let id = fresh_id(
        bucket
            .append_object("log", 0, "abc")
            .expect("create")
            .version_id,
    );
    let v2 = fresh_id(bucket.put_object("log", "v2").expect("put").version_id);
    assert_eq!(
        chain(&bucket, "log"),
        vec![normal(&v2, 2), appendable(&id, true, 3)]
    );
    checked(&bucket);
    let meta = bucket
        .get_object(GetObject::new("log").version_id(id.clone()))
        .expect("the sealed version");
    assert_eq!(meta.sealed, Some(true));
    // Deleting the put brings the sealed appendable back as the head, still sealed.
    bucket
        .delete_object(DeleteObject::new("log").version_id(v2))
        .expect("remove v2");
    assert_eq!(chain(&bucket, "log"), vec![appendable(&id, true, 3)]);
    let error = rejected(&mut bucket, |b| b.append_object("log", 3, "d"));
    assert_eq!(error, Violation::ObjectNotAppendable);
}

// Rule: APP-7 — Enabled: a simple delete seals the head appendable under the new marker; a
// later append at 0 creates a new appendable and the sealed one stays noncurrent.
#[test]
fn delete_seals_the_appendable_in_an_enabled_bucket() {
    let mut bucket = oss_in("Enabled");
    let first = fresh_id(
        bucket
            .append_object("log", 0, "abc")
            .expect("create")
            .version_id,
    );
    let dm = fresh_id(bucket.delete_object("log").expect("marker").version_id);
    assert_eq!(
        chain(&bucket, "log"),
        vec![marker(&dm), appendable(&first, true, 3)]
    );
    let second = fresh_id(
        bucket
            .append_object("log", 0, "xy")
            .expect("create again")
            .version_id,
    );
    assert_eq!(
        chain(&bucket, "log"),
        vec![
            appendable(&second, false, 2),
            marker(&dm),
            appendable(&first, true, 3)
        ]
    );
    checked(&bucket);
}

// Rule: APP-7 — Suspended: a put onto a `null` appendable seals it and then PUT-3 removes it:
// the null appendable is replaced by the put.
#[test]
fn suspended_null_appendable_is_replaced_by_a_put() {
    let mut bucket = oss_in("Enabled");
    let v1 = fresh_id(bucket.put_object("log", "v1").expect("put").version_id);
    bucket.put_bucket_versioning("Suspended").expect("suspend");
    bucket.delete_object("log").expect("null marker");
    bucket
        .append_object("log", 0, "abc")
        .expect("null appendable");
    assert_eq!(
        chain(&bucket, "log"),
        vec![appendable(&VersionId::NULL, false, 3), normal(&v1, 2)]
    );
    let outcome = bucket.put_object("log", "v3").expect("put");
    assert_eq!(outcome.version_id, Some(VersionId::NULL));
    assert_eq!(
        chain(&bucket, "log"),
        vec![normal(&VersionId::NULL, 2), normal(&v1, 2)]
    );
    checked(&bucket);
}

// Rule: APP-7 — Suspended: a simple delete seals an appendable with a fresh ID, which stays as
// a noncurrent version under the null marker.
#[test]
fn suspended_delete_seals_a_fresh_appendable() {
    let mut bucket = oss_in("Enabled");
    let id = fresh_id(
        bucket
            .append_object("log", 0, "abc")
            .expect("create")
            .version_id,
    );
    bucket.put_bucket_versioning("Suspended").expect("suspend");
    bucket.delete_object("log").expect("null marker");
    assert_eq!(
        chain(&bucket, "log"),
        vec![marker(&VersionId::NULL), appendable(&id, true, 3)]
    );
    // And a put on top of that keeps it sealed (it is not the head any more).
    bucket.put_object("log", "v").expect("put");
    assert_eq!(
        chain(&bucket, "log"),
        vec![normal(&VersionId::NULL, 1), appendable(&id, true, 3)]
    );
    checked(&bucket);
}

// Rule: APP-7 — an appendable created while Suspended keeps `null` after versioning is
// Enabled, grows in place, is sealed as a noncurrent null version by a put, and is removed by
// the next write once Suspended again (digest A-17).
#[test]
fn null_appendable_across_state_changes() {
    let mut bucket = oss_in("Suspended");
    bucket.append_object("log", 0, "ab").expect("create");
    bucket.put_bucket_versioning("Enabled").expect("enable");
    let outcome = bucket.append_object("log", 2, "cd").expect("append");
    assert_eq!(outcome.version_id, Some(VersionId::NULL));
    let v = fresh_id(bucket.put_object("log", "v").expect("put").version_id);
    assert_eq!(
        chain(&bucket, "log"),
        vec![normal(&v, 1), appendable(&VersionId::NULL, true, 4)]
    );
    bucket.put_bucket_versioning("Suspended").expect("suspend");
    bucket.delete_object("log").expect("null marker");
    assert_eq!(
        chain(&bucket, "log"),
        vec![marker(&VersionId::NULL), normal(&v, 1)]
    );
    checked(&bucket);
}

// Rule: APP-7 — only a write or a simple delete seals: deleting another version by ID leaves
// the head appendable open.
#[test]
fn delete_by_version_id_does_not_seal() {
    let mut bucket = oss_in("Enabled");
    let v1 = fresh_id(bucket.put_object("log", "v1").expect("put").version_id);
    bucket.delete_object("log").expect("marker");
    let id = fresh_id(
        bucket
            .append_object("log", 0, "abc")
            .expect("create")
            .version_id,
    );
    bucket
        .delete_object(DeleteObject::new("log").version_id(v1))
        .expect("remove v1");
    let outcome = bucket
        .append_object("log", 3, "d")
        .expect("still appendable");
    assert_eq!(outcome.version_id, Some(id));
    assert_eq!(outcome.next_position, 4);
}

// Rule: APP-7 — Unversioned: nothing is sealed, the put replaces the appendable (PUT-1) and a
// delete removes it (DEL-2).
#[test]
fn unversioned_put_and_delete_replace_the_appendable() {
    let mut bucket = oss();
    bucket.append_object("log", 0, "abc").expect("create");
    bucket.put_object("log", "v").expect("put");
    assert_eq!(chain(&bucket, "log"), vec![normal(&VersionId::NULL, 1)]);
    bucket.delete_object("log").expect("delete");
    bucket.append_object("log", 0, "abc").expect("create");
    bucket.delete_object("log").expect("delete");
    assert!(bucket.chain("log").is_none());
    checked(&bucket);
}

// ---------------------------------------------------------------------------------------------
// APP-8, ERR-3

// Rule: APP-8 — an appendable may reach exactly 5 GiB; an append that would pass it, and a
// creating append bigger than that, are InlineDataTooLarge 400 carrying the size it would give.
#[test]
fn five_gib_cap() {
    let mut bucket = oss_in("Enabled");
    let error = rejected(&mut bucket, |b| {
        b.append_object("log", 0, oversized(MAX_OBJECT_SIZE + 1))
    });
    assert_eq!(
        (error.code(), error.http_status()),
        ("InlineDataTooLarge", 400)
    );
    assert_eq!(
        error,
        Violation::InlineDataTooLarge {
            size: MAX_OBJECT_SIZE + 1,
            max_size: MAX_OBJECT_SIZE
        }
    );
    bucket.append_object("log", 0, "abc").expect("create");
    let error = rejected(&mut bucket, |b| {
        b.append_object("log", 3, oversized(MAX_OBJECT_SIZE - 2))
    });
    assert_eq!(
        error,
        Violation::InlineDataTooLarge {
            size: MAX_OBJECT_SIZE + 1,
            max_size: MAX_OBJECT_SIZE
        }
    );
    let outcome = bucket
        .append_object("log", 3, oversized(MAX_OBJECT_SIZE - 3))
        .expect("exactly 5 GiB");
    assert_eq!(outcome.next_position, MAX_OBJECT_SIZE);
    let error = rejected(&mut bucket, |b| {
        b.append_object("log", MAX_OBJECT_SIZE, "x")
    });
    assert_eq!(
        error,
        Violation::InlineDataTooLarge {
            size: MAX_OBJECT_SIZE + 1,
            max_size: MAX_OBJECT_SIZE
        }
    );
    // A zero-byte append at 5 GiB still succeeds.
    bucket
        .append_object("log", MAX_OBJECT_SIZE, "")
        .expect("empty append at the cap");
    checked(&bucket);
}

// Rule: ERR-3 — lengths and positions near u64::MAX get the rule's error, never an overflow:
// an appended length past u64::MAX is APP-8's error (its size saturates), a position there is
// APP-5's, a body whose own length overflows is InvalidArgument.
#[test]
fn sizes_near_u64_max() {
    let mut bucket = oss_in("Enabled");
    bucket.append_object("log", 0, "abc").expect("create");
    let error = rejected(&mut bucket, |b| {
        b.append_object("log", 3, oversized(u64::MAX))
    });
    assert_eq!(
        error,
        Violation::InlineDataTooLarge {
            size: u64::MAX,
            max_size: MAX_OBJECT_SIZE
        }
    );
    let error = rejected(&mut bucket, |b| {
        b.append_object("new", 0, oversized(u64::MAX))
    });
    assert_eq!(error.code(), "InlineDataTooLarge");
    let huge_repeat = Body::Repeat {
        repeat: "a".into(),
        times: u64::MAX,
    };
    let error = rejected(&mut bucket, |b| b.append_object("log", 3, huge_repeat));
    assert_eq!(error.code(), "InlineDataTooLarge");
    let overflowing = Body::Repeat {
        repeat: "ab".into(),
        times: u64::MAX,
    };
    let error = rejected(&mut bucket, |b| b.append_object("log", 3, overflowing));
    assert_eq!(
        error,
        Violation::InvalidArgument(ArgumentError::BodyTooLong)
    );
    let error = rejected(&mut bucket, |b| b.append_object("log", u64::MAX, "x"));
    assert_eq!(
        error,
        Violation::PositionNotEqualToLength { next_position: 3 }
    );
    let error = rejected(&mut bucket, |b| b.seal_append_object("log", u64::MAX));
    assert_eq!(
        error,
        Violation::PositionNotEqualToLength { next_position: 3 }
    );
}

// ---------------------------------------------------------------------------------------------
// APP-9, CT-2, CT-5

// Rule: APP-9 — the outcome names the ID, the next position (the new length) and the CRC-64 of
// the whole object; CT-2 — that CRC is the CRC of the concatenated bytes, "123456789" giving
// the check value 11051210869376104954.
#[test]
fn outcome_reports_the_whole_object() {
    let mut bucket = oss_in("Enabled");
    let first = bucket.append_object("log", 0, "1234").expect("create");
    assert_eq!(first.next_position, 4);
    assert_eq!(first.crc64, crc64::checksum(b"1234"));
    let second = bucket.append_object("log", 4, "56789").expect("append");
    assert_eq!(second.version_id, first.version_id);
    assert_eq!(second.next_position, 9);
    assert_eq!(second.crc64, 11_051_210_869_376_104_954);
    assert_eq!(second.crc64, crc64::checksum(b"123456789"));
    let meta = bucket.head_object("log").expect("head");
    assert_eq!((meta.size, meta.crc64), (9, second.crc64));
    assert_eq!(meta.etag, second.etag);
    assert_eq!(meta.object_type, ObjectType::Appendable);
}

// Rule: CT-2 — pieces of every body form combine into the CRC of the whole byte sequence.
#[test]
fn crc_of_mixed_body_forms() {
    let mut bucket = oss();
    let pieces: Vec<(Body, Vec<u8>)> = vec![
        ("head-".into(), b"head-".to_vec()),
        (
            Body::Repeat {
                repeat: "xyz".into(),
                times: 1000,
            },
            b"xyz".repeat(1000),
        ),
        (
            Body::from(vec![Body::from("a"), Body::from(""), Body::from("bc")]),
            b"abc".to_vec(),
        ),
        (
            Body::from(Content::from_bytes(b"fingerprint")),
            b"fingerprint".to_vec(),
        ),
        ("".into(), Vec::new()),
    ];
    let mut whole = Vec::new();
    for (body, bytes) in pieces {
        let outcome = bucket
            .append_object("log", whole.len() as u64, body)
            .expect("append");
        whole.extend_from_slice(&bytes);
        assert_eq!(outcome.crc64, crc64::checksum(&whole));
        assert_eq!(outcome.next_position, whole.len() as u64);
    }
}

// Rule: APP-9 — a zero-byte append at the right position succeeds and changes only the
// modification time: same ID, length, CRC-64 and ETag.
#[test]
fn zero_byte_append_changes_only_the_time() {
    let mut bucket = oss_in("Enabled");
    let created = bucket.append_object("log", 0, "abc").expect("create");
    let before = bucket.head_object("log").expect("head");
    bucket.advance_clock(5).expect("clock");
    let entries = bucket.len();
    let outcome = bucket.append_object("log", 3, "").expect("empty append");
    assert_eq!(outcome, created);
    let after = bucket.head_object("log").expect("head");
    assert_eq!(after.last_modified, 5);
    assert_eq!(
        (after.version_id, after.size, after.crc64, after.etag),
        (before.version_id, before.size, before.crc64, before.etag)
    );
    assert_eq!(bucket.len(), entries);
}

// Rule: CT-5 — the ETag of an appendable is 32 uppercase hex digits derived from its CRC-64 and
// length: deterministic, changing with every non-empty append, and not the MD5 of its bytes.
#[test]
fn appendable_etag() {
    let mut bucket = oss();
    let mut twin = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(99));
    let mut seen = Vec::new();
    let mut length = 0u64;
    for piece in ["a", "bc", "", "def"] {
        let outcome = bucket.append_object("log", length, piece).expect("append");
        let again = twin.append_object("log", length, piece).expect("append");
        length += piece.len() as u64;
        let etag = outcome.etag.as_str().to_owned();
        assert_eq!(etag.len(), 32);
        assert!(
            etag.chars()
                .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
        );
        assert_eq!(outcome.etag, again.etag, "deterministic");
        if piece.is_empty() {
            assert_eq!(Some(&etag), seen.last(), "an empty append keeps the ETag");
        } else {
            assert!(!seen.contains(&etag), "a non-empty append changes the ETag");
        }
        seen.push(etag);
    }
    let put = bucket.put_object("same", "abcdef").expect("put");
    assert_ne!(put.etag.as_str(), seen.last().map_or("", String::as_str));
    let entry_etag = bucket
        .chain("log")
        .and_then(|c| c.head())
        .and_then(|head| head.etag());
    assert_eq!(
        entry_etag.as_ref().map(|e| e.as_str()),
        seen.last().map(String::as_str)
    );
}

// ---------------------------------------------------------------------------------------------
// APP-10

// Rule: APP-10 — SealAppendObject at the right position seals the head appendable in place:
// no new entry, ID and modification time unchanged; appends are then refused; sealing again
// is a no-op success. RSP-4 reports the ID under RSP-3's rule.
#[test]
fn seal_in_place() {
    for status in [None, Some("Enabled"), Some("Suspended")] {
        let mut bucket = oss();
        if let Some(status) = status {
            bucket.put_bucket_versioning(status).expect("valid state");
        }
        bucket.append_object("log", 0, "abc").expect("create");
        let id = head_id(&bucket, "log");
        let modified = bucket.head_object("log").expect("head").last_modified;
        bucket.advance_clock(9).expect("clock");
        let entries = bucket.len();
        let outcome = accepted(&mut bucket, |b| b.seal_append_object("log", 3));
        // RSP-4: none in an Unversioned bucket, the entry's ID otherwise.
        assert_eq!(outcome.version_id, status.map(|_| id.clone()));
        assert_eq!(bucket.len(), entries);
        assert_eq!(chain(&bucket, "log"), vec![appendable(&id, true, 3)]);
        let meta = bucket.head_object("log").expect("head");
        assert_eq!((meta.sealed, meta.last_modified), (Some(true), modified));
        let error = rejected(&mut bucket, |b| b.append_object("log", 3, "d"));
        assert_eq!(error, Violation::ObjectNotAppendable);
        let before = bucket.clone();
        let again = bucket.seal_append_object("log", 3).expect("seal again");
        assert_eq!(again, outcome);
        assert_eq!(bucket, before, "sealing again changes nothing");
    }
}

// Rule: APP-10 — a seal at a wrong position is APP-5's error with the right next position,
// sealed or not.
#[test]
fn seal_at_a_wrong_position() {
    let mut bucket = oss_in("Enabled");
    bucket.append_object("log", 0, "abc").expect("create");
    for position in [0, 2, 4, u64::MAX] {
        let error = rejected(&mut bucket, |b| b.seal_append_object("log", position));
        assert_eq!(
            error,
            Violation::PositionNotEqualToLength { next_position: 3 }
        );
    }
    bucket.seal_append_object("log", 3).expect("seal");
    let error = rejected(&mut bucket, |b| b.seal_append_object("log", 0));
    assert_eq!(
        error,
        Violation::PositionNotEqualToLength { next_position: 3 }
    );
}

// Rule: APP-10 — a head that is not Appendable is ObjectNotAppendable 409: a Normal object, and
// (MODEL) a delete marker or no entries at all.
#[test]
fn seal_of_something_not_appendable() {
    let mut bucket = oss_in("Enabled");
    bucket.put_object("normal", "abc").expect("put");
    bucket.put_object("deleted", "abc").expect("put");
    bucket.delete_object("deleted").expect("marker");
    for (key, position) in [("normal", 3), ("normal", 0), ("deleted", 0), ("missing", 0)] {
        let error = rejected(&mut bucket, |b| b.seal_append_object(key, position));
        assert_eq!(
            (error.code(), error.http_status()),
            ("ObjectNotAppendable", 409)
        );
    }
    let error = rejected(&mut bucket, |b| b.seal_append_object("/bad", 0));
    assert_eq!(error.code(), "InvalidObjectName");
}

// Rule: APP-10 — a sealed appendable stays as a noncurrent version when a put follows (APP-7),
// and a seal reaches only the head.
#[test]
fn sealed_appendable_stays_noncurrent() {
    let mut bucket = oss_in("Enabled");
    let id = fresh_id(
        bucket
            .append_object("log", 0, "abc")
            .expect("create")
            .version_id,
    );
    bucket.seal_append_object("log", 3).expect("seal");
    let v = fresh_id(bucket.put_object("log", "v").expect("put").version_id);
    assert_eq!(
        chain(&bucket, "log"),
        vec![normal(&v, 1), appendable(&id, true, 3)]
    );
    let error = rejected(&mut bucket, |b| b.seal_append_object("log", 3));
    assert_eq!(error, Violation::ObjectNotAppendable);
    checked(&bucket);
}

// ---------------------------------------------------------------------------------------------
// APP-11

// Rule: APP-11 — by default an appendable created in an Enabled bucket gets a fresh ID, and the
// key's older null entry stays.
#[test]
fn fresh_ids_by_default() {
    let mut bucket = oss();
    assert_eq!(
        bucket.config().appendable_version_ids(),
        AppendableVersionIds::Fresh
    );
    bucket.put_object("log", "old").expect("null object");
    bucket.put_bucket_versioning("Enabled").expect("enable");
    let dm = fresh_id(bucket.delete_object("log").expect("marker").version_id);
    let id = fresh_id(
        bucket
            .append_object("log", 0, "ab")
            .expect("create")
            .version_id,
    );
    assert_eq!(
        chain(&bucket, "log"),
        vec![
            appendable(&id, false, 2),
            marker(&dm),
            normal(&VersionId::NULL, 3)
        ]
    );
    checked(&bucket);
}

// Rule: APP-11 — with the `Null` option, an appendable created in an Enabled bucket is `null`
// (reported as such, RSP-1), and the older null entry is removed to keep ID-3; later writes
// still get fresh IDs and seal it.
#[test]
fn null_option_in_an_enabled_bucket() {
    let config = BucketConfig::new(Dialect::Oss)
        .with_seed(7)
        .with_appendable_version_ids(AppendableVersionIds::Null);
    let mut bucket = Bucket::new(config);
    bucket.put_object("log", "old").expect("null object");
    bucket.put_bucket_versioning("Enabled").expect("enable");
    let dm = fresh_id(bucket.delete_object("log").expect("marker").version_id);
    let outcome = bucket.append_object("log", 0, "ab").expect("create");
    assert_eq!(outcome.version_id, Some(VersionId::NULL));
    assert_eq!(
        chain(&bucket, "log"),
        vec![appendable(&VersionId::NULL, false, 2), marker(&dm)]
    );
    let grown = bucket.append_object("log", 2, "c").expect("append");
    assert_eq!(grown.version_id, Some(VersionId::NULL));
    let v = fresh_id(bucket.put_object("log", "v").expect("put").version_id);
    assert_eq!(
        chain(&bucket, "log"),
        vec![
            normal(&v, 1),
            appendable(&VersionId::NULL, true, 3),
            marker(&dm)
        ]
    );
    checked(&bucket);
    // Unversioned and Suspended buckets give `null` with either option.
    let mut unversioned = Bucket::new(config);
    let outcome = unversioned.append_object("k", 0, "x").expect("create");
    assert_eq!(outcome.version_id, None);
    assert_eq!(head_id(&unversioned, "k"), VersionId::NULL);
}

// ---------------------------------------------------------------------------------------------
// ERR-2, INV-5, INV-6

// Rule: ERR-2 — a rejected append or seal consumes no ID and no sequence number: afterwards the
// bucket behaves exactly like one that never saw it.
#[test]
fn rejections_consume_nothing() {
    let mut bucket = oss_in("Enabled");
    let mut twin = oss_in("Enabled");
    for b in [&mut bucket, &mut twin] {
        b.append_object("log", 0, "abc").expect("create");
        b.put_object("normal", "x").expect("put");
    }
    let _ = rejected(&mut bucket, |b| b.append_object("log", 0, "x"));
    let _ = rejected(&mut bucket, |b| b.append_object("missing", 1, "x"));
    let _ = rejected(&mut bucket, |b| b.append_object("normal", 1, "x"));
    let _ = rejected(&mut bucket, |b| {
        b.append_object("new", 0, oversized(u64::MAX))
    });
    let _ = rejected(&mut bucket, |b| b.seal_append_object("missing", 0));
    let _ = rejected(&mut bucket, |b| {
        b.apply(Command::AppendObject(
            AppendObject::new("new", 0, "x").version_id(VersionId::NULL),
        ))
    });
    assert_eq!(bucket, twin);
    let ours = bucket.append_object("new", 0, "x").expect("create");
    let theirs = twin.append_object("new", 0, "x").expect("create");
    assert_eq!(ours, theirs);
    assert_eq!(bucket, twin);
}

/// Rewrites the bucket's serialized state with `edit` and reads it back.
/// Serializes `bucket` as a snapshot, edits it, and returns why restoring it was refused.
#[track_caller]
fn tampered(bucket: &Bucket, edit: impl FnOnce(String) -> String) -> String {
    let json = serde_json::to_string(bucket).expect("a bucket serializes");
    let edited = edit(json.clone());
    assert_ne!(edited, json, "the edit must change something");
    match serde_json::from_str::<Bucket>(&edited) {
        Ok(_) => panic!("the tampered snapshot was accepted"),
        Err(error) => error.to_string(),
    }
}

// Rule: INV-5 — every noncurrent appendable is sealed: the sealing writes keep it, and
// `check_invariants` catches a noncurrent appendable that is not sealed.
#[test]
fn noncurrent_appendables_are_sealed() {
    let mut bucket = oss_in("Enabled");
    bucket.append_object("log", 0, "abc").expect("create");
    bucket.put_object("log", "v").expect("put seals");
    bucket.append_object("other", 0, "abc").expect("create");
    bucket.delete_object("other").expect("delete seals");
    checked(&bucket);
    let broken = tampered(&bucket, |json| {
        json.replacen(
            r#"{"Appendable":{"sealed":true}}"#,
            r#"{"Appendable":{"sealed":false}}"#,
            1,
        )
    });
    assert!(
        broken.contains(Invariant::SealedNoncurrentAppendables.id()),
        "{broken}"
    );
    assert!(broken.contains("INV-5"), "{broken}");
    // An unsealed head is fine.
    let mut open = oss_in("Enabled");
    open.append_object("log", 0, "abc").expect("create");
    checked(&open);
}

// Rule: INV-6 — an appendable never passes 5 GiB, and `check_invariants` catches one that does.
#[test]
fn appendables_stay_within_five_gib() {
    let mut bucket = oss_in("Enabled");
    bucket
        .append_object("log", 0, oversized(MAX_OBJECT_SIZE))
        .expect("exactly 5 GiB");
    checked(&bucket);
    let broken = tampered(&bucket, |json| {
        json.replacen(
            &format!(r#""len":{MAX_OBJECT_SIZE}"#),
            &format!(r#""len":{}"#, MAX_OBJECT_SIZE + 1),
            1,
        )
    });
    assert!(broken.contains(Invariant::ContentShape.id()), "{broken}");
}

// ---------------------------------------------------------------------------------------------
// The trace format

/// The outcome line a command gives, as the replayer prints it.
#[track_caller]
fn reply_line(bucket: &mut Bucket, line: &str) -> serde_json::Value {
    let command: Command = serde_json::from_str(line).expect("a valid command line");
    let reply = Reply::from(bucket.apply(command));
    serde_json::to_value(&reply).expect("a reply serializes")
}

// Rule: APP-9 — `append_object` and `seal_append_object` read and print exactly the trace
// format's fields; APP-2's `version_id` is read and rejected, unknown fields are not commands.
#[test]
fn trace_lines() {
    use serde_json::json;
    let mut bucket = oss_in("Enabled");
    let created = reply_line(
        &mut bucket,
        r#"{"op":"append_object","key":"log","position":0,"body":"1234"}"#,
    );
    let id = head_id(&bucket, "log").to_string();
    let etag = bucket.head_object("log").expect("head").etag.to_string();
    assert_eq!(
        created,
        json!({"ok": {"version_id": id, "next_position": 4,
                      "crc64": crc64::checksum(b"1234").to_string(), "etag": etag}})
    );
    let grown = reply_line(
        &mut bucket,
        r#"{"op":"append_object","key":"log","position":4,"body":{"concat":["5",{"repeat":"6","times":1},"789"]},"version_id":null}"#,
    );
    assert_eq!(grown["ok"]["next_position"], json!(9));
    assert_eq!(grown["ok"]["crc64"], json!("11051210869376104954"));
    let wrong = reply_line(
        &mut bucket,
        r#"{"op":"append_object","key":"log","position":0,"body":"x"}"#,
    );
    assert_eq!(
        wrong["error"],
        json!({"code": "PositionNotEqualToLength", "status": 409, "next_position": 9,
               "message": wrong["error"]["message"]})
    );
    let with_id = reply_line(
        &mut bucket,
        &format!(
            r#"{{"op":"append_object","key":"log","position":9,"body":"x","version_id":"{id}"}}"#
        ),
    );
    assert_eq!(with_id["error"]["code"], json!("InvalidArgument"));
    let sealed = reply_line(
        &mut bucket,
        r#"{"op":"seal_append_object","key":"log","position":9}"#,
    );
    assert_eq!(sealed, json!({"ok": {"version_id": id}}));
    let refused = reply_line(
        &mut bucket,
        r#"{"op":"append_object","key":"log","position":9,"body":"x"}"#,
    );
    assert_eq!(refused["error"]["code"], json!("ObjectNotAppendable"));
    assert_eq!(refused["error"]["status"], json!(409));
    // Unknown fields and negative positions are not commands.
    for line in [
        r#"{"op":"seal_append_object","key":"log","position":9,"body":"x"}"#,
        r#"{"op":"append_object","key":"log","position":-1,"body":"x"}"#,
        r#"{"op":"append_object","key":"log","body":"x"}"#,
    ] {
        assert!(serde_json::from_str::<Command>(line).is_err(), "{line}");
    }
    let command: Command =
        serde_json::from_str(r#"{"op":"seal_append_object","key":"log","position":9}"#)
            .expect("valid");
    assert_eq!(command.op(), "seal_append_object");
    let command: Command =
        serde_json::from_str(r#"{"op":"append_object","key":"log","position":9,"body":""}"#)
            .expect("valid");
    assert_eq!(command.op(), "append_object");
}

// Rule: RSP-1, RSP-4 — an append that creates reports the new ID by RSP-1 (Suspended oss:
// `null`; Unversioned: none); appends to an existing appendable and seals report its ID by
// RSP-3 (none only when Unversioned).
#[test]
fn reported_version_ids() {
    let mut unversioned = oss();
    assert_eq!(
        unversioned
            .append_object("k", 0, "a")
            .expect("create")
            .version_id,
        None
    );
    assert_eq!(
        unversioned
            .append_object("k", 1, "b")
            .expect("append")
            .version_id,
        None
    );
    assert_eq!(
        unversioned
            .seal_append_object("k", 2)
            .expect("seal")
            .version_id,
        None
    );

    let mut suspended = oss_in("Suspended");
    let null = Some(VersionId::NULL);
    assert_eq!(
        suspended
            .append_object("k", 0, "a")
            .expect("create")
            .version_id,
        null
    );
    assert_eq!(
        suspended
            .append_object("k", 1, "b")
            .expect("append")
            .version_id,
        null
    );
    assert_eq!(
        suspended
            .seal_append_object("k", 2)
            .expect("seal")
            .version_id,
        null
    );

    let mut enabled = oss_in("Enabled");
    let id = enabled
        .append_object("k", 0, "a")
        .expect("create")
        .version_id;
    assert!(id.as_ref().is_some_and(|id| !id.is_null()));
    assert_eq!(
        enabled
            .append_object("k", 1, "b")
            .expect("append")
            .version_id,
        id
    );
    assert_eq!(
        enabled.seal_append_object("k", 2).expect("seal").version_id,
        id
    );
}
