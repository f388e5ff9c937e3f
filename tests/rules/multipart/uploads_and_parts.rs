use super::*;

// ---------------------------------------------------------------------------------------------
// MPU-1

// Rule: MPU-1 — initiate returns a new opaque upload ID and changes no chain; a key may have
// several uploads in progress.
#[test]
fn initiate_returns_new_ids_and_changes_no_chain() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    bucket.put_object("doc", "v1").expect("put");
    let chains_before = chain(&bucket, "doc");
    let entries_before = bucket.len();
    let first = initiate(&mut bucket, "doc");
    let second = initiate(&mut bucket, "doc");
    let other = initiate(&mut bucket, "new-key");
    assert_ne!(first, second);
    assert_ne!(first, other);
    assert_eq!(first.as_str().len(), 32);
    assert!(first.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(chain(&bucket, "doc"), chains_before);
    assert_eq!(bucket.len(), entries_before);
    assert!(
        bucket.chain("new-key").is_none(),
        "no chain for the new key"
    );
    assert_eq!(bucket.upload_count(), 3);
    assert_eq!(all_uploads(&bucket).len(), 3);
}

// Rule: MPU-1, INV-9 — upload IDs are deterministic: same seed and commands, same IDs.
#[test]
fn upload_ids_are_deterministic() {
    let run = |seed| {
        let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(seed));
        let ids: Vec<UploadId> = (0..4).map(|_| initiate(&mut bucket, "k")).collect();
        (ids, bucket)
    };
    let (ids_a, bucket_a) = run(9);
    let (ids_b, bucket_b) = run(9);
    let (ids_c, _) = run(10);
    assert_eq!(ids_a, ids_b);
    assert_eq!(bucket_a, bucket_b);
    assert_ne!(ids_a, ids_c);
}

// Rule: MPU-1, ERR-2, ERR-4 — an initiate with a bad key is rejected before any ID is drawn.
#[test]
fn initiate_with_a_bad_key_draws_no_id() {
    let mut bucket = bucket(Dialect::Oss);
    let violation = rejected(&mut bucket, |b| {
        b.initiate_multipart_upload("/leading-slash")
    });
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("InvalidObjectName", 400)
    );
    let mut fresh = self::bucket(Dialect::Oss);
    assert_eq!(initiate(&mut bucket, "k"), initiate(&mut fresh, "k"));

    let mut s3 = self::bucket(Dialect::S3);
    let violation = rejected(&mut s3, |b| b.initiate_multipart_upload(""));
    assert_eq!(
        violation,
        Violation::InvalidArgument(ArgumentError::EmptyKey)
    );
}

// ---------------------------------------------------------------------------------------------
// MPU-2

// Rule: MPU-2 — part numbers 1..=10000; anything else is InvalidArgument 400, state unchanged.
#[test]
fn part_numbers_out_of_range_are_rejected() {
    let mut bucket = bucket(Dialect::Oss);
    let upload = initiate(&mut bucket, "k");
    for number in [0, 10_001, u32::MAX] {
        let violation = rejected(&mut bucket, |b| b.upload_part("k", &upload, number, "x"));
        assert_eq!(
            violation,
            Violation::InvalidArgument(ArgumentError::PartNumberOutOfRange(number))
        );
        assert_eq!(
            (violation.code(), violation.http_status()),
            ("InvalidArgument", 400)
        );
    }
    part(&mut bucket, "k", &upload, 1, "first".into());
    part(&mut bucket, "k", &upload, 10_000, "last".into());
    let parts = bucket
        .list_parts(ListParts::new("k", &upload))
        .expect("list parts");
    let numbers: Vec<u32> = parts.parts.iter().map(|p| p.part_number).collect();
    assert_eq!(numbers, [1, 10_000]);
}

// Rule: MPU-2, ERR-4 — the part number is an argument: checked before the upload exists.
#[test]
fn part_number_is_checked_before_the_upload() {
    let mut bucket = bucket(Dialect::Oss);
    let violation = rejected(&mut bucket, |b| {
        b.upload_part("k", "no-such-upload", 0, "x")
    });
    assert_eq!(violation.code(), "InvalidArgument");
}

// Rule: MPU-2 — the part ETag is the hex MD5 of the part (oss uppercase, s3 lowercase) and
// the outcome carries the part's CRC-64.
#[test]
fn part_etag_is_the_md5_in_the_dialects_case() {
    for (dialect, uppercase) in [(Dialect::Oss, true), (Dialect::S3, false)] {
        let mut bucket = bucket(dialect);
        let upload = initiate(&mut bucket, "k");
        let outcome = bucket
            .upload_part("k", &upload, 1, "hello part")
            .expect("upload");
        let md5: [u8; 16] = Md5::digest(b"hello part").into();
        assert_eq!(outcome.etag.as_str(), hex(&md5, uppercase), "{dialect}");
        assert_eq!(outcome.crc64, crc64::checksum(b"hello part"));
    }
}

// Rule: MPU-2 — a part number uploaded again replaces the part: the listing shows the new one,
// the old ETag no longer completes, and the object is made of the new bytes.
#[test]
fn a_part_reuploaded_before_complete_replaces_it() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let upload = initiate(&mut bucket, "k");
    let old = part(&mut bucket, "k", &upload, 1, "old bytes".into());
    let new = part(&mut bucket, "k", &upload, 1, "new bytes, longer".into());
    assert_ne!(old, new);
    let parts = bucket
        .list_parts(ListParts::new("k", &upload))
        .expect("list parts");
    assert_eq!(parts.parts.len(), 1);
    assert_eq!(parts.parts[0].etag, new);
    assert_eq!(parts.parts[0].size, 17);

    let violation = rejected(&mut bucket, |b| {
        b.complete_multipart_upload("k", &upload, &listed(&[(1, &old)]))
    });
    assert_eq!(violation, Violation::InvalidPart { part_number: 1 });

    let done = complete(&mut bucket, "k", &upload, &[(1, &new)]);
    assert_eq!(done.crc64, crc64::checksum(b"new bytes, longer"));
    assert_eq!(chain(&bucket, "k")[0].2, 17);
}

// Rule: MPU-2 — a part may be at most 5 GiB: EntityTooLarge 400 in both dialects; part sizes
// are not checked against the minimum at upload.
#[test]
fn a_part_over_5_gib_is_entity_too_large() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket(dialect);
        let upload = initiate(&mut bucket, "k");
        let violation = rejected(&mut bucket, |b| {
            b.upload_part("k", &upload, 1, big(MAX_OBJECT_SIZE + 1, 1))
        });
        assert_eq!(
            violation,
            Violation::EntityTooLarge {
                size: MAX_OBJECT_SIZE + 1,
                max_size: MAX_OBJECT_SIZE
            }
        );
        assert_eq!(violation.http_status(), 400);
        part(&mut bucket, "k", &upload, 1, big(MAX_OBJECT_SIZE, 1));
        // A 1-byte part is accepted here; only Complete knows whether it is last (MPU-6).
        part(&mut bucket, "k", &upload, 2, "x".into());
    }
}

// Rule: MPU-2, ERR-3 — a part body whose length overflows 64 bits is rejected, no panic.
#[test]
fn a_part_whose_length_overflows_is_rejected() {
    let mut bucket = bucket(Dialect::Oss);
    let upload = initiate(&mut bucket, "k");
    let violation = rejected(&mut bucket, |b| {
        b.upload_part("k", &upload, 1, bytes("ab", u64::MAX))
    });
    assert_eq!(
        violation,
        Violation::InvalidArgument(ArgumentError::BodyTooLong)
    );
}

// Rule: MPU-2 (MODEL) — a part given as a fingerprint without an MD5 gets a deterministic
// ETag: its CRC-64 and length in hex, in the dialect's case; it completes like any part.
#[test]
fn a_part_without_md5_has_a_crc_and_length_etag() {
    for (dialect, uppercase) in [(Dialect::Oss, true), (Dialect::S3, false)] {
        let mut bucket = versioned(dialect, "Enabled");
        let upload = initiate(&mut bucket, "k");
        let content = Content::from_fingerprint(300, 0xABCD_EF01_2345_6789, None);
        let etag = part(&mut bucket, "k", &upload, 1, Body::Fingerprint(content));
        let expected = format!("{:016X}{:016X}", 0xABCD_EF01_2345_6789u64, 300);
        let expected = if uppercase {
            expected
        } else {
            expected.to_lowercase()
        };
        assert_eq!(etag.as_str(), expected);
        let done = complete(&mut bucket, "k", &upload, &[(1, &etag)]);
        let mut digest = [0u8; 16];
        digest[..8].copy_from_slice(&0xABCD_EF01_2345_6789u64.to_be_bytes());
        digest[8..].copy_from_slice(&300u64.to_be_bytes());
        let md5: [u8; 16] = Md5::digest(digest).into();
        assert_eq!(done.etag.as_str(), format!("{}-1", hex(&md5, uppercase)));
    }
}

// ---------------------------------------------------------------------------------------------
// MPU-3

// Rule: MPU-3 — an unknown upload ID on UploadPart, Complete, Abort or ListParts is
// NoSuchUpload 404, state unchanged.
#[test]
fn an_unknown_upload_is_no_such_upload() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    initiate(&mut bucket, "k");
    let unknown = UploadId::new("0123456789ABCDEF0123456789ABCDEF");
    let etag = ETag::new("0123456789ABCDEF0123456789ABCDEF");
    let expected = Violation::NoSuchUpload {
        upload_id: unknown.clone(),
    };
    let violations = [
        rejected(&mut bucket, |b| b.upload_part("k", &unknown, 1, "x")),
        rejected(&mut bucket, |b| {
            b.complete_multipart_upload("k", &unknown, &listed(&[(1, &etag)]))
        }),
        rejected(&mut bucket, |b| b.abort_multipart_upload("k", &unknown)),
        rejected(&mut bucket, |b| b.list_parts(ListParts::new("k", &unknown))),
    ];
    for violation in violations {
        assert_eq!(violation, expected);
        assert_eq!(
            (violation.code(), violation.http_status()),
            ("NoSuchUpload", 404)
        );
    }
}

// Rule: MPU-3 — an upload named with another key than the one it was initiated for is
// NoSuchUpload, as on the services.
#[test]
fn an_upload_named_with_another_key_is_no_such_upload() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let upload = initiate(&mut bucket, "k");
    let etag = part(&mut bucket, "k", &upload, 1, "x".into());
    let expected = Violation::NoSuchUpload {
        upload_id: upload.clone(),
    };
    assert_eq!(
        rejected(&mut bucket, |b| b.upload_part("other", &upload, 2, "y")),
        expected
    );
    assert_eq!(
        rejected(&mut bucket, |b| b.complete_multipart_upload(
            "other",
            &upload,
            &listed(&[(1, &etag)])
        )),
        expected
    );
    assert_eq!(
        rejected(&mut bucket, |b| b.abort_multipart_upload("other", &upload)),
        expected
    );
    assert_eq!(
        rejected(&mut bucket, |b| b
            .list_parts(ListParts::new("other", &upload))),
        expected
    );
    assert!(bucket.chain("other").is_none());
    complete(&mut bucket, "k", &upload, &[(1, &etag)]);
}

// Rule: MPU-3, MPU-7 — complete twice: the second is NoSuchUpload and changes nothing; every
// later use of the upload is NoSuchUpload too.
#[test]
fn complete_twice_second_is_no_such_upload() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let upload = initiate(&mut bucket, "k");
    let etag = part(&mut bucket, "k", &upload, 1, "body".into());
    let done = complete(&mut bucket, "k", &upload, &[(1, &etag)]);
    assert!(done.version_id.is_some());
    let expected = Violation::NoSuchUpload {
        upload_id: upload.clone(),
    };
    assert_eq!(
        rejected(&mut bucket, |b| b.complete_multipart_upload(
            "k",
            &upload,
            &listed(&[(1, &etag)])
        )),
        expected
    );
    assert_eq!(
        rejected(&mut bucket, |b| b.upload_part("k", &upload, 2, "more")),
        expected
    );
    assert_eq!(
        rejected(&mut bucket, |b| b.list_parts(ListParts::new("k", &upload))),
        expected
    );
    assert_eq!(
        rejected(&mut bucket, |b| b.abort_multipart_upload("k", &upload)),
        expected
    );
    assert_eq!(chain(&bucket, "k").len(), 1);
}
