use super::*;

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
    let id = created(&mut bucket, "log", "abc");
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
    let id = created(&mut bucket, "log", "abc");
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
    let id = created(&mut bucket, "log", "");
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
    let id = created(&mut bucket, "log", "ab");
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
