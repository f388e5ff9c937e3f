use super::*;

// Rule: DEL-1 — a delete succeeds whether or not anything existed.
#[test]
fn deleting_nothing_succeeds_in_every_state() {
    for state in [None, Some("Enabled"), Some("Suspended")] {
        let mut bucket = bucket_in(Dialect::Oss, state);
        assert!(bucket.delete_object("missing").is_ok(), "{state:?}");
        assert!(
            bucket
                .delete_object(DeleteObject::new("missing").version_id("v"))
                .is_ok(),
            "{state:?}"
        );
    }
}

// Rule: DEL-2 — Unversioned: the chain is removed; no version ID is reported.
#[test]
fn unversioned_delete_removes_the_key() {
    let mut bucket = Bucket::default();
    put(&mut bucket, "k", "x");
    let outcome = bucket.delete_object("k").expect("delete");
    assert_eq!((outcome.version_id, outcome.delete_marker), (None, false));
    assert!(bucket.chain("k").is_none());
    assert!(bucket.is_empty());
}

// Rule: DEL-3 — Enabled: markers with fresh IDs stack, also on a key with no entries.
#[test]
fn enabled_delete_stacks_markers() {
    let mut bucket = enabled();
    let first = bucket.delete_object("k").expect("delete");
    assert!(first.delete_marker);
    let m1 = first.version_id.expect("marker ID").to_string();
    let m2 = delete(&mut bucket, "k").expect("marker ID").to_string();
    assert_ne!(m1, m2);
    assert_eq!(chain_ids(&bucket, "k"), [(m2, true), (m1, true)]);
}

// Rule: DEL-4 — Suspended: the null entry goes wherever it sits; a null marker is the
// head; repeating leaves exactly one null marker.
#[test]
fn suspended_delete_leaves_one_null_marker() {
    let mut bucket = Bucket::default();
    put(&mut bucket, "k", "null object");
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    let v1 = put(&mut bucket, "k", "a").expect("ID").to_string();
    bucket.put_bucket_versioning("Suspended").expect("allowed");
    let outcome = bucket.delete_object("k").expect("delete");
    assert_eq!(
        (outcome.version_id, outcome.delete_marker),
        (Some(VersionId::NULL), true)
    );
    let expected = [("null".to_string(), true), (v1, false)];
    assert_eq!(chain_ids(&bucket, "k"), expected);
    delete(&mut bucket, "k");
    delete(&mut bucket, "k");
    assert_eq!(chain_ids(&bucket, "k"), expected);
    delete(&mut bucket, "fresh");
    assert_eq!(chain_ids(&bucket, "fresh"), [("null".to_string(), true)]);
}

// Rule: DEL-5 — exactly the named entry goes; no marker; the flag only for a marker.
#[test]
fn delete_by_id_removes_exactly_that_entry() {
    let mut bucket = enabled();
    let v1 = put(&mut bucket, "k", "a").expect("ID");
    let m1 = delete(&mut bucket, "k").expect("ID");
    let v2 = put(&mut bucket, "k", "b").expect("ID");
    let outcome = bucket
        .delete_object(DeleteObject::new("k").version_id(v1.clone()))
        .expect("delete");
    assert_eq!(
        (outcome.version_id, outcome.delete_marker),
        (Some(v1), false)
    );
    assert_eq!(
        chain_ids(&bucket, "k"),
        [(v2.to_string(), false), (m1.to_string(), true)]
    );
    let outcome = bucket
        .delete_object(DeleteObject::new("k").version_id(m1.clone()))
        .expect("delete");
    assert_eq!(
        (outcome.version_id, outcome.delete_marker),
        (Some(m1), true)
    );
    assert_eq!(chain_ids(&bucket, "k"), [(v2.to_string(), false)]);
}

// Rule: DEL-5 — in every state, also the null entry by `null`.
#[test]
fn delete_by_id_in_every_state() {
    let mut bucket = Bucket::default();
    put(&mut bucket, "k", "x");
    let outcome = bucket
        .delete_object(DeleteObject::new("k").version_id(VersionId::NULL))
        .expect("delete");
    assert_eq!(outcome.version_id, Some(VersionId::NULL));
    assert!(bucket.chain("k").is_none());
    let mut bucket = enabled();
    let v1 = put(&mut bucket, "k", "x").expect("ID");
    bucket.put_bucket_versioning("Suspended").expect("allowed");
    put(&mut bucket, "k", "y");
    bucket
        .delete_object(DeleteObject::new("k").version_id(v1))
        .expect("delete");
    assert_eq!(chain_ids(&bucket, "k"), [("null".to_string(), false)]);
}

// Rule: DEL-6 — deleting the head promotes the next newest entry, which may be a marker;
// an emptied chain disappears.
#[test]
fn deleting_the_head_promotes_a_marker() {
    let mut bucket = enabled();
    let v1 = put(&mut bucket, "k", "a").expect("ID");
    let m1 = delete(&mut bucket, "k").expect("ID");
    let v2 = put(&mut bucket, "k", "b").expect("ID");
    bucket
        .delete_object(DeleteObject::new("k").version_id(v2))
        .expect("delete");
    assert_eq!(
        bucket.get_object("k"),
        Err(Violation::NoSuchKey {
            delete_marker: true,
            version_id: Some(m1.clone())
        })
    );
    let head = bucket
        .chain("k")
        .and_then(|chain| chain.head())
        .expect("head");
    assert!(head.is_latest() && head.is_delete_marker());
    bucket
        .delete_object(DeleteObject::new("k").version_id(m1))
        .expect("delete");
    assert_eq!(
        bucket.get_object("k").map(|m| m.version_id),
        Ok(Some(v1.clone()))
    );
    put(&mut bucket, "other", "c");
    let chain = bucket.chain("k").expect("chain");
    assert_eq!((chain.len(), chain.is_empty()), (1, false));
    assert_eq!(
        format!("{chain:?}"),
        r#"ChainView { key: ObjectKey("k"), entries: 1, dialect: Oss, .. }"#
    );
    assert_eq!((bucket.key_count(), bucket.len()), (2, 2));
    assert!(bucket.contains_key(&ObjectKey::new("k")));
    bucket
        .delete_object(DeleteObject::new("k").version_id(v1))
        .expect("delete");
    assert!(bucket.chain("k").is_none());
    assert!(!bucket.contains_key(&ObjectKey::new("k")));
    assert_eq!((bucket.key_count(), bucket.len()), (1, 1));
    bucket.check_invariants().expect("invariants");
}

// Rule: DEL-7 (MODEL) — an ID naming no entry of the key succeeds and changes nothing.
#[test]
fn unknown_version_id_is_a_successful_no_op() {
    let mut bucket = enabled();
    put(&mut bucket, "k", "a");
    let elsewhere = put(&mut bucket, "other", "b").expect("ID");
    let before = bucket.clone();
    for id in [
        VersionId::new("no-such-version"),
        VersionId::NULL,
        elsewhere,
    ] {
        let outcome = bucket
            .delete_object(DeleteObject::new("k").version_id(id.clone()))
            .expect("delete");
        assert_eq!(
            (outcome.version_id, outcome.delete_marker),
            (Some(id), false)
        );
        assert_eq!(bucket, before);
    }
}

// Rule: APP-7 (the simple-delete half, with PUT-4's sealing covered by the append tests) —
// a simple delete in Suspended leaves the non-null history alone.
#[test]
fn suspended_delete_keeps_non_null_history() {
    let mut bucket = enabled();
    let ids: Vec<String> = (0..5)
        .map(|_| put(&mut bucket, "k", "x").expect("ID").to_string())
        .collect();
    bucket.put_bucket_versioning("Suspended").expect("allowed");
    delete(&mut bucket, "k");
    let chain: Vec<String> = chain_ids(&bucket, "k")
        .into_iter()
        .skip(1)
        .map(|(id, _)| id)
        .collect();
    assert_eq!(chain, ids.into_iter().rev().collect::<Vec<_>>());
}
