use super::*;

// ---------------------------------------------------------------------------------------------
// MPU-4

// Rule: MPU-4 — an empty list is MalformedXML 400.
#[test]
fn complete_with_no_parts_is_malformed_xml() {
    let mut bucket = bucket(Dialect::Oss);
    let upload = initiate(&mut bucket, "k");
    part(&mut bucket, "k", &upload, 1, "x".into());
    let violation = rejected(&mut bucket, |b| {
        b.complete_multipart_upload("k", &upload, &[])
    });
    assert_eq!(
        violation,
        Violation::MalformedXml(MalformedXmlReason::NoParts)
    );
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("MalformedXML", 400)
    );
}

// Rule: MPU-4 — parts must be strictly ascending: descending or repeated numbers are
// InvalidPartOrder 400.
#[test]
fn complete_out_of_order_is_invalid_part_order() {
    let mut bucket = bucket(Dialect::Oss);
    let upload = initiate(&mut bucket, "k");
    let one = part(&mut bucket, "k", &upload, 1, bytes("a", MIN_OSS));
    let two = part(&mut bucket, "k", &upload, 2, "x".into());
    for order in [vec![(2, &two), (1, &one)], vec![(1, &one), (1, &one)]] {
        let violation = rejected(&mut bucket, |b| {
            b.complete_multipart_upload("k", &upload, &listed(&order))
        });
        assert_eq!(violation, Violation::InvalidPartOrder);
        assert_eq!(
            (violation.code(), violation.http_status()),
            ("InvalidPartOrder", 400)
        );
    }
}

// Rule: MPU-4 (MODEL, digest MP-9) — a listed part number outside 1..=10000 is
// InvalidPartOrder.
#[test]
fn complete_with_a_part_number_out_of_range_is_invalid_part_order() {
    let mut bucket = bucket(Dialect::Oss);
    let upload = initiate(&mut bucket, "k");
    let one = part(&mut bucket, "k", &upload, 1, "x".into());
    for list in [vec![(0, &one)], vec![(1, &one), (10_001, &one)]] {
        let violation = rejected(&mut bucket, |b| {
            b.complete_multipart_upload("k", &upload, &listed(&list))
        });
        assert_eq!(violation, Violation::InvalidPartOrder);
    }
}

// Rule: MPU-4, ERR-4 — the list's shape is an argument of the request: checked before the
// upload is looked up.
#[test]
fn the_part_list_is_checked_before_the_upload() {
    let mut bucket = bucket(Dialect::Oss);
    let violation = rejected(&mut bucket, |b| {
        b.complete_multipart_upload("k", "no-such-upload", &[])
    });
    assert_eq!(violation.code(), "MalformedXML");
    let etag = ETag::new("x");
    let violation = rejected(&mut bucket, |b| {
        b.complete_multipart_upload("k", "no-such-upload", &listed(&[(2, &etag), (1, &etag)]))
    });
    assert_eq!(violation.code(), "InvalidPartOrder");
}

// Rule: MPU-4, MPU-7 — gaps in part numbers are allowed; the object is the listed parts joined
// in order.
#[test]
fn gaps_in_part_numbers_are_allowed() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let upload = initiate(&mut bucket, "k");
    let p1 = part(&mut bucket, "k", &upload, 1, bytes("a", MIN_OSS));
    let p5 = part(&mut bucket, "k", &upload, 5, bytes("b", MIN_OSS));
    let p8 = part(&mut bucket, "k", &upload, 8, "end".into());
    let done = complete(&mut bucket, "k", &upload, &[(1, &p1), (5, &p5), (8, &p8)]);
    assert!(done.etag.as_str().ends_with("-3"));
    let whole = format!(
        "{}{}end",
        "a".repeat(MIN_OSS as usize),
        "b".repeat(MIN_OSS as usize)
    );
    assert_eq!(done.crc64, crc64::checksum(whole.as_bytes()));
    let head = bucket.head_object("k").expect("head");
    assert_eq!(head.object_type, ObjectType::Multipart);
    assert_eq!(head.size, whole.len() as u64);
}

// ---------------------------------------------------------------------------------------------
// MPU-5

// Rule: MPU-5 — a listed part that was never uploaded, or whose ETag does not match, is
// InvalidPart 400 naming the first failing part.
#[test]
fn a_missing_or_mismatched_part_is_invalid_part() {
    let mut bucket = bucket(Dialect::Oss);
    let upload = initiate(&mut bucket, "k");
    let one = part(&mut bucket, "k", &upload, 1, bytes("a", MIN_OSS));
    let two = part(&mut bucket, "k", &upload, 2, bytes("b", MIN_OSS));
    let violation = rejected(&mut bucket, |b| {
        b.complete_multipart_upload("k", &upload, &listed(&[(1, &one), (3, &two)]))
    });
    assert_eq!(violation, Violation::InvalidPart { part_number: 3 });
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("InvalidPart", 400)
    );
    let violation = rejected(&mut bucket, |b| {
        b.complete_multipart_upload("k", &upload, &listed(&[(1, &two), (2, &two)]))
    });
    assert_eq!(violation, Violation::InvalidPart { part_number: 1 });
}

// Rule: MPU-5 (MODEL) — ETags compare without regard to case, and surrounding quotes (as
// clients send them) are ignored.
#[test]
fn part_etags_match_in_either_case_and_quoted() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let upload = initiate(&mut bucket, "k");
    let one = part(&mut bucket, "k", &upload, 1, bytes("a", MIN_OSS));
    let two = part(&mut bucket, "k", &upload, 2, "tail".into());
    let lower = ETag::new(one.as_str().to_lowercase());
    let quoted = ETag::new(format!("\"{two}\""));
    let done = complete(&mut bucket, "k", &upload, &[(1, &lower), (2, &quoted)]);
    assert!(done.etag.as_str().ends_with("-2"));
}

// Rule: MPU-5, MPU-6 — all of MPU-5 is checked before any size: a too-small part before a
// missing one still gives InvalidPart.
#[test]
fn invalid_part_comes_before_entity_too_small() {
    let mut bucket = bucket(Dialect::Oss);
    let upload = initiate(&mut bucket, "k");
    let small = part(&mut bucket, "k", &upload, 1, "tiny".into());
    let two = part(&mut bucket, "k", &upload, 2, "x".into());
    let violation = rejected(&mut bucket, |b| {
        b.complete_multipart_upload("k", &upload, &listed(&[(1, &small), (2, &two), (3, &two)]))
    });
    assert_eq!(violation, Violation::InvalidPart { part_number: 3 });
}

// ---------------------------------------------------------------------------------------------
// MPU-6

// Rule: MPU-6, ERR-1 — a too-small middle part is EntityTooSmall 400 carrying the part number,
// its size and the minimum, while a small last part is accepted.
#[test]
fn a_too_small_middle_part_is_rejected_and_a_small_last_part_accepted() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let upload = initiate(&mut bucket, "k");
    let p1 = part(&mut bucket, "k", &upload, 1, bytes("a", MIN_OSS));
    let p2 = part(&mut bucket, "k", &upload, 2, bytes("b", MIN_OSS - 1));
    let p3 = part(&mut bucket, "k", &upload, 3, "z".into());
    let violation = rejected(&mut bucket, |b| {
        b.complete_multipart_upload("k", &upload, &listed(&[(1, &p1), (2, &p2), (3, &p3)]))
    });
    assert_eq!(
        violation,
        Violation::EntityTooSmall {
            part_number: 2,
            size: MIN_OSS - 1,
            min_size: MIN_OSS
        }
    );
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("EntityTooSmall", 400)
    );
    // Part 2 is small but last: accepted (part 3 is dropped, MPU-7).
    let done = complete(&mut bucket, "k", &upload, &[(1, &p1), (2, &p2)]);
    assert!(done.etag.as_str().ends_with("-2"));
    assert_eq!(chain(&bucket, "k")[0].2, 2 * MIN_OSS - 1);
}

// Rule: MPU-6 — s3's minimum is 5 MiB: a 100 KiB middle part passes oss but not s3; exactly
// the minimum passes; a single small part is always accepted (it is the last).
#[test]
fn the_minimum_part_size_is_the_dialects() {
    assert_eq!(Dialect::Oss.min_part_size(), MIN_OSS);
    assert_eq!(Dialect::S3.min_part_size(), MIN_S3);

    let mut s3 = versioned(Dialect::S3, "Enabled");
    let upload = initiate(&mut s3, "k");
    let p1 = part(&mut s3, "k", &upload, 1, big(MIN_OSS, 1));
    let p2 = part(&mut s3, "k", &upload, 2, big(MIN_S3, 2));
    let p3 = part(&mut s3, "k", &upload, 3, big(10, 3));
    let violation = rejected(&mut s3, |b| {
        b.complete_multipart_upload("k", &upload, &listed(&[(1, &p1), (2, &p2), (3, &p3)]))
    });
    assert_eq!(
        violation,
        Violation::EntityTooSmall {
            part_number: 1,
            size: MIN_OSS,
            min_size: MIN_S3
        }
    );
    let done = complete(&mut s3, "k", &upload, &[(2, &p2), (3, &p3)]);
    assert!(done.etag.as_str().ends_with("-2"));

    let mut oss = versioned(Dialect::Oss, "Enabled");
    let upload = initiate(&mut oss, "k");
    let p1 = part(&mut oss, "k", &upload, 1, big(MIN_OSS, 1));
    let p2 = part(&mut oss, "k", &upload, 2, big(1, 2));
    complete(&mut oss, "k", &upload, &[(1, &p1), (2, &p2)]);

    let upload = initiate(&mut oss, "single");
    let only = part(&mut oss, "single", &upload, 7, "x".into());
    complete(&mut oss, "single", &upload, &[(7, &only)]);
}

// ---------------------------------------------------------------------------------------------
// MPU-7

// Rule: MPU-7, PUT-2, RSP-1 — Enabled: the object enters as the new head with a fresh ID; the
// old head stays as a noncurrent version; the upload ends.
#[test]
fn complete_in_enabled_adds_a_version() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let v1 = bucket
        .put_object("k", "v1")
        .expect("put")
        .version_id
        .expect("Enabled reports the ID");
    let upload = initiate(&mut bucket, "k");
    let etag = part(&mut bucket, "k", &upload, 1, "multi".into());
    let done = complete(&mut bucket, "k", &upload, &[(1, &etag)]);
    let id = done.version_id.clone().expect("Enabled reports the ID");
    assert_ne!(id, v1);
    assert!(!id.is_null());
    assert_eq!(
        chain(&bucket, "k"),
        [
            (id.clone(), Some(ObjectType::Multipart), 5),
            (v1, Some(ObjectType::Normal), 2)
        ]
    );
    let head = bucket.get_object("k").expect("head");
    assert_eq!(head.version_id, Some(id));
    assert_eq!(head.etag, done.etag);
    assert_eq!(head.crc64, done.crc64);
    assert_eq!(bucket.upload_count(), 0);
}

// Rule: MPU-7, PUT-1, RSP-1 — Unversioned: the chain becomes the one new null entry; no ID is
// reported.
#[test]
fn complete_in_unversioned_replaces_the_chain() {
    let mut bucket = bucket(Dialect::Oss);
    bucket.put_object("k", "old").expect("put");
    let upload = initiate(&mut bucket, "k");
    let etag = part(&mut bucket, "k", &upload, 1, "new".into());
    let done = complete(&mut bucket, "k", &upload, &[(1, &etag)]);
    assert_eq!(done.version_id, None);
    assert_eq!(
        chain(&bucket, "k"),
        [(VersionId::NULL, Some(ObjectType::Multipart), 3)]
    );
}

// Rule: MPU-7, PUT-3, RSP-1 — complete in a Suspended bucket replaces a buried null entry: the
// null entry under a non-null version is removed and the new object is the null head.
#[test]
fn complete_in_suspended_replaces_a_buried_null_entry() {
    for (dialect, reported) in [(Dialect::Oss, Some(VersionId::NULL)), (Dialect::S3, None)] {
        let mut bucket = bucket(dialect);
        bucket.put_object("k", "null-era").expect("put");
        bucket.put_bucket_versioning("Enabled").expect("enable");
        let v1 = bucket
            .put_object("k", "v1")
            .expect("put")
            .version_id
            .expect("Enabled reports the ID");
        bucket.put_bucket_versioning("Suspended").expect("suspend");
        assert_eq!(chain(&bucket, "k")[1].0, VersionId::NULL, "buried null");
        let upload = initiate(&mut bucket, "k");
        let etag = part(&mut bucket, "k", &upload, 1, "multi".into());
        let done = complete(&mut bucket, "k", &upload, &[(1, &etag)]);
        assert_eq!(done.version_id, reported, "{dialect}");
        assert_eq!(
            chain(&bucket, "k"),
            [
                (VersionId::NULL, Some(ObjectType::Multipart), 5),
                (v1, Some(ObjectType::Normal), 2)
            ],
            "{dialect}"
        );
    }
}

// Rule: MPU-7 — the state in force at Complete decides, not the state at initiation.
#[test]
fn the_state_at_complete_decides() {
    let mut bucket = bucket(Dialect::Oss);
    let upload = initiate(&mut bucket, "k");
    let etag = part(&mut bucket, "k", &upload, 1, "x".into());
    bucket.put_bucket_versioning("Enabled").expect("enable");
    let done = complete(&mut bucket, "k", &upload, &[(1, &etag)]);
    let id = done.version_id.expect("Enabled at Complete: a fresh ID");
    assert!(!id.is_null());

    let upload = initiate(&mut bucket, "k");
    let etag = part(&mut bucket, "k", &upload, 1, "y".into());
    bucket.put_bucket_versioning("Suspended").expect("suspend");
    assert_eq!(bucket.versioning(), VersioningState::Suspended);
    let done = complete(&mut bucket, "k", &upload, &[(1, &etag)]);
    assert_eq!(done.version_id, Some(VersionId::NULL));
    assert_eq!(chain(&bucket, "k")[0].0, VersionId::NULL);
    assert_eq!(chain(&bucket, "k")[1].0, id);
}

// Rule: MPU-7 (MODEL) — two uploads of one key completed in the opposite order of initiation:
// completion order decides; the one completed last is the head.
#[test]
fn two_uploads_completed_in_opposite_order() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let first = initiate(&mut bucket, "k");
    let second = initiate(&mut bucket, "k");
    let a = part(&mut bucket, "k", &first, 1, "from the first upload".into());
    let b = part(&mut bucket, "k", &second, 1, "second".into());
    let done_second = complete(&mut bucket, "k", &second, &[(1, &b)]);
    assert_eq!(bucket.upload_count(), 1, "the other upload is unaffected");
    let done_first = complete(&mut bucket, "k", &first, &[(1, &a)]);
    let first_id = done_first.version_id.expect("ID");
    let second_id = done_second.version_id.expect("ID");
    assert_eq!(
        chain(&bucket, "k"),
        [
            (first_id, Some(ObjectType::Multipart), 21),
            (second_id, Some(ObjectType::Multipart), 6)
        ]
    );
    assert_eq!(bucket.head_object("k").expect("head").etag, done_first.etag);
}

// Rule: MPU-7 — unlisted parts are dropped: the object is only the listed parts, and the
// upload (with every part) is gone.
#[test]
fn unlisted_parts_are_dropped() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let upload = initiate(&mut bucket, "k");
    let p1 = part(&mut bucket, "k", &upload, 1, bytes("a", MIN_OSS));
    part(&mut bucket, "k", &upload, 2, bytes("b", MIN_OSS));
    let p3 = part(&mut bucket, "k", &upload, 3, "end".into());
    part(&mut bucket, "k", &upload, 4, "never listed".into());
    let done = complete(&mut bucket, "k", &upload, &[(1, &p1), (3, &p3)]);
    assert!(done.etag.as_str().ends_with("-2"));
    let whole = format!("{}end", "a".repeat(MIN_OSS as usize));
    assert_eq!(done.crc64, crc64::checksum(whole.as_bytes()));
    assert_eq!(chain(&bucket, "k")[0].2, MIN_OSS + 3);
    assert!(all_uploads(&bucket).is_empty());
}

// Rule: MPU-7 — completing one upload leaves other uploads of the same and other keys alone.
#[test]
fn completing_one_upload_leaves_the_others() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let a = initiate(&mut bucket, "k");
    let b = initiate(&mut bucket, "k");
    let c = initiate(&mut bucket, "other");
    let etag_a = part(&mut bucket, "k", &a, 1, "a".into());
    let etag_b = part(&mut bucket, "k", &b, 1, "b".into());
    complete(&mut bucket, "k", &a, &[(1, &etag_a)]);
    let mut left: Vec<UploadId> = all_uploads(&bucket).into_iter().map(|(_, id)| id).collect();
    left.sort();
    let mut expected = vec![b.clone(), c];
    expected.sort();
    assert_eq!(left, expected);
    let parts = bucket
        .list_parts(ListParts::new("k", &b))
        .expect("list parts");
    assert_eq!(parts.parts[0].etag, etag_b);
}

// ---------------------------------------------------------------------------------------------
// MPU-8

// Rule: MPU-8 — abort ends the upload and drops its parts; no chain changes; the upload is
// then unknown (MPU-3).
#[test]
fn abort_ends_the_upload_without_touching_chains() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    bucket.put_object("k", "v1").expect("put");
    let chain_before = chain(&bucket, "k");
    let upload = initiate(&mut bucket, "k");
    let keep = initiate(&mut bucket, "k");
    let etag = part(&mut bucket, "k", &upload, 1, "x".into());
    let outcome = bucket
        .abort_multipart_upload("k", &upload)
        .expect("abort succeeds");
    checked(&bucket);
    assert_eq!(
        outcome,
        bucket_versioning::outcome::AbortMultipartUploadOutcome {}
    );
    assert_eq!(chain(&bucket, "k"), chain_before);
    assert_eq!(all_uploads(&bucket), [("k".to_string(), keep)]);
    let violation = rejected(&mut bucket, |b| {
        b.complete_multipart_upload("k", &upload, &listed(&[(1, &etag)]))
    });
    assert_eq!(violation.code(), "NoSuchUpload");
}
