use super::*;

// Rule: PUT-1 — Unversioned: the chain becomes one new null entry.
#[test]
fn unversioned_put_replaces_the_chain() {
    let mut bucket = Bucket::default();
    put(&mut bucket, "k", "first");
    put(&mut bucket, "k", "second!");
    assert_eq!(chain_ids(&bucket, "k"), [("null".to_string(), false)]);
    assert_eq!(bucket.get_object("k").map(|m| m.size), Ok(7));
    assert_eq!(bucket.len(), 1);
}

// Rule: PUT-2 — Enabled: a new head with a fresh ID; nothing removed.
#[test]
fn enabled_put_adds_a_head() {
    let mut bucket = Bucket::default();
    put(&mut bucket, "k", "null one");
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    let v1 = put(&mut bucket, "k", "a").expect("ID").to_string();
    let v2 = put(&mut bucket, "k", "bb").expect("ID").to_string();
    assert_eq!(
        chain_ids(&bucket, "k"),
        [(v2, false), (v1, false), ("null".to_string(), false)]
    );
    assert_eq!(bucket.get_object("k").map(|m| m.size), Ok(2));
}

// Rule: PUT-3 — Suspended: the null entry is removed wherever it sits, even buried under
// non-null entries; the new null entry becomes the head; non-null entries stay.
#[test]
fn suspended_put_replaces_a_buried_null_entry() {
    let mut bucket = Bucket::default();
    put(&mut bucket, "k", "old null");
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    let v1 = put(&mut bucket, "k", "a").expect("ID").to_string();
    let v2 = put(&mut bucket, "k", "b").expect("ID").to_string();
    bucket.put_bucket_versioning("Suspended").expect("allowed");
    put(&mut bucket, "k", "new null");
    assert_eq!(
        chain_ids(&bucket, "k"),
        [("null".to_string(), false), (v2, false), (v1, false)]
    );
    assert_eq!(
        bucket
            .get_object(GetObject::new("k").version_id(VersionId::NULL))
            .map(|m| m.size),
        Ok(8)
    );
}

// Rule: PUT-3 — a null delete marker is replaced too, and the put lands above it.
#[test]
fn suspended_put_replaces_a_null_marker() {
    let mut bucket = bucket_in(Dialect::Oss, Some("Suspended"));
    delete(&mut bucket, "k");
    assert_eq!(chain_ids(&bucket, "k"), [("null".to_string(), true)]);
    put(&mut bucket, "k", "x");
    assert_eq!(chain_ids(&bucket, "k"), [("null".to_string(), false)]);
}

// Rule: PUT-4 — a put on an appendable head seals it; it keeps its ID and stays as a
// noncurrent version (Enabled), unless PUT-1 (Unversioned) or PUT-3 (Suspended, a null
// appendable) removes it.
#[test]
fn put_seals_an_appendable_head() {
    let mut bucket = enabled();
    let appendable = bucket
        .append_object("log", 0, "abc")
        .expect("create")
        .version_id;
    let put = bucket.put_object("log", "x").expect("put").version_id;
    let chain = bucket.chain("log").expect("a chain");
    let entries: Vec<_> = chain.iter().collect();
    assert_eq!(entries.len(), 2);
    assert_eq!(Some(entries[0].version_id()), put.as_ref());
    assert_eq!(Some(entries[1].version_id()), appendable.as_ref());
    assert_eq!(entries[1].object_type(), Some(ObjectType::Appendable));
    assert!(entries[1].is_sealed());
    let mut unversioned = Bucket::default();
    unversioned.append_object("log", 0, "abc").expect("create");
    unversioned.put_object("log", "x").expect("put");
    assert_eq!(
        unversioned.get_object("log").map(|m| m.object_type),
        Ok(ObjectType::Normal)
    );
    assert_eq!(unversioned.len(), 1);
    let mut suspended = bucket_in(Dialect::Oss, Some("Suspended"));
    suspended.append_object("log", 0, "abc").expect("create");
    suspended.put_object("log", "x").expect("put");
    assert_eq!(chain_ids(&suspended, "log"), [("null".to_string(), false)]);
    assert_eq!(
        suspended.get_object("log").map(|m| m.object_type),
        Ok(ObjectType::Normal)
    );
}

// Rule: PUT-5 — the outcome names the ID (RSP-1), the ETag and the CRC-64.
#[test]
fn put_outcome() {
    let mut bucket = enabled();
    let outcome = bucket.put_object("k", "123456789").expect("put");
    let head = bucket
        .chain("k")
        .and_then(|chain| chain.head())
        .expect("head");
    assert_eq!(outcome.version_id.as_ref(), Some(head.version_id()));
    assert_eq!(Some(outcome.etag), head.etag());
    assert_eq!(outcome.crc64, 11_051_210_869_376_104_954);
    assert_eq!(head.object_type(), Some(ObjectType::Normal));
}

// Rule: PUT-6 — a body over 5 GiB: oss InlineDataTooLarge, s3 EntityTooLarge.
#[test]
fn body_over_five_gib_is_rejected() {
    let too_big = Content::from_fingerprint(MAX_OBJECT_SIZE + 1, 0, None);
    for (dialect, code) in [
        (Dialect::Oss, "InlineDataTooLarge"),
        (Dialect::S3, "EntityTooLarge"),
    ] {
        let mut bucket = bucket_in(dialect, Some("Enabled"));
        let command = Command::PutObject(PutObject::new("k", too_big));
        let violation = assert_rejected(&mut bucket, command, code, 400);
        assert!(matches!(
            violation,
            Violation::InlineDataTooLarge { size, .. } | Violation::EntityTooLarge { size, .. }
                if size == MAX_OBJECT_SIZE + 1
        ));
    }
}
