use super::*;

// ---------------------------------------------------------------------------------------------
// APP-7

// Rule: APP-7 — Enabled: a put seals the head appendable, which stays as a noncurrent version
// with its ID (PUT-4); it can never be appended to again.
#[test]
fn put_seals_the_appendable_in_an_enabled_bucket() {
    let mut bucket = oss_in("Enabled");
    let id = created(&mut bucket, "log", "abc");
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
    let first = created(&mut bucket, "log", "abc");
    let dm = fresh_id(bucket.delete_object("log").expect("marker").version_id);
    assert_eq!(
        chain(&bucket, "log"),
        vec![marker(&dm), appendable(&first, true, 3)]
    );
    let second = created(&mut bucket, "log", "xy");
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
    let id = created(&mut bucket, "log", "abc");
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
    let id = created(&mut bucket, "log", "abc");
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
