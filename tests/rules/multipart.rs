//! Multipart upload under versioning: one test per rule at least (MPU-1..MPU-10, CT-2, CT-4,
//! INV-7, ERR-1..ERR-4 as they touch multipart). MPU-11 is in `tests/part_size.rs`.

use crate::support::{checked, rejected};
use bucket_versioning::request::ListParts;
use bucket_versioning::{
    Body, Bucket, BucketConfig, Content, Dialect, ETag, ObjectType, UploadId, VersionId,
    VersioningState, Violation, crc64,
    dialect::MAX_OBJECT_SIZE,
    outcome::ListMultipartUploadsOutcome,
    request::CompletedPart,
    request::ListMultipartUploads,
    violation::{ArgumentError, MalformedXmlReason},
};
use md5::{Digest, Md5};

const MIN_OSS: u64 = 102_400;
const MIN_S3: u64 = 5 * 1024 * 1024;

fn bucket(dialect: Dialect) -> Bucket {
    Bucket::new(BucketConfig::new(dialect).with_seed(42))
}

fn versioned(dialect: Dialect, status: &str) -> Bucket {
    let mut bucket = bucket(dialect);
    bucket
        .put_bucket_versioning(status)
        .expect("Enabled and Suspended are valid");
    bucket
}

/// `len` bytes of `fill` (one character).
fn bytes(fill: &str, len: u64) -> Body {
    Body::Repeat {
        repeat: fill.into(),
        times: len,
    }
}

/// A large body given as a fingerprint, with a made-up MD5, so no bytes are hashed.
fn big(len: u64, tag: u8) -> Body {
    Body::Fingerprint(Content::from_fingerprint(
        len,
        u64::from(tag) * 7919,
        Some([tag; 16]),
    ))
}

#[track_caller]
fn initiate(bucket: &mut Bucket, key: &str) -> UploadId {
    let outcome = bucket
        .initiate_multipart_upload(key)
        .expect("initiate succeeds");
    checked(bucket);
    outcome.upload_id
}

#[track_caller]
fn part(bucket: &mut Bucket, key: &str, upload: &UploadId, number: u32, body: Body) -> ETag {
    let outcome = bucket
        .upload_part(key, upload, number, body)
        .expect("upload part succeeds");
    checked(bucket);
    outcome.etag
}

#[track_caller]
fn complete(
    bucket: &mut Bucket,
    key: &str,
    upload: &UploadId,
    parts: &[(u32, &ETag)],
) -> bucket_versioning::outcome::CompleteMultipartUploadOutcome {
    let outcome = bucket
        .complete_multipart_upload(key, upload, &listed(parts))
        .expect("complete succeeds");
    checked(bucket);
    outcome
}

fn listed(parts: &[(u32, &ETag)]) -> Vec<CompletedPart> {
    parts
        .iter()
        .map(|(number, etag)| CompletedPart::new(*number, (*etag).clone()))
        .collect()
}

/// The key's chain, newest first: (version ID, object type or `None` for a marker, size).
fn chain(bucket: &Bucket, key: &str) -> Vec<(VersionId, Option<ObjectType>, u64)> {
    bucket.chain(key).map_or_else(Vec::new, |chain| {
        chain
            .iter()
            .map(|entry| {
                (
                    entry.version_id().clone(),
                    entry.object_type(),
                    entry.size(),
                )
            })
            .collect()
    })
}

fn all_uploads(bucket: &Bucket) -> Vec<(String, UploadId)> {
    let page = bucket
        .list_multipart_uploads(ListMultipartUploads::new())
        .expect("listing succeeds");
    page.uploads
        .into_iter()
        .map(|upload| (upload.key.to_string(), upload.upload_id))
        .collect()
}

fn hex(bytes: &[u8], uppercase: bool) -> String {
    bytes
        .iter()
        .map(|byte| {
            if uppercase {
                format!("{byte:02X}")
            } else {
                format!("{byte:02x}")
            }
        })
        .collect()
}

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

// ---------------------------------------------------------------------------------------------
// MPU-9

// Rule: MPU-9 — ListParts: ascending part numbers, exclusive marker, max_parts, truncation and
// the next marker; walking the pages returns every part once.
#[test]
fn list_parts_pages() {
    let mut bucket = bucket(Dialect::Oss);
    let upload = initiate(&mut bucket, "k");
    let numbers = [9, 2, 5, 1, 10_000, 7];
    for number in numbers {
        part(
            &mut bucket,
            "k",
            &upload,
            number,
            bytes("p", u64::from(number)),
        );
    }
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();

    let all = bucket
        .list_parts(ListParts::new("k", &upload))
        .expect("list");
    let listed: Vec<u32> = all.parts.iter().map(|p| p.part_number).collect();
    assert_eq!(listed, sorted);
    assert!(!all.is_truncated);
    assert_eq!(all.next_part_number_marker, None);
    assert!(all.parts.iter().all(|p| p.size == u64::from(p.part_number)));

    let page = bucket
        .list_parts(
            ListParts::new("k", &upload)
                .max_parts(2)
                .part_number_marker(2),
        )
        .expect("list");
    let listed: Vec<u32> = page.parts.iter().map(|p| p.part_number).collect();
    assert_eq!(listed, [5, 7]);
    assert!(page.is_truncated);
    assert_eq!(page.next_part_number_marker, Some(7));

    for max in 1..=7 {
        let mut walked = Vec::new();
        let mut marker = None;
        for pages in 1.. {
            assert!(pages <= sorted.len() + 1, "the walk ends");
            let page = bucket
                .list_parts(ListParts {
                    part_number_marker: marker.map(Into::into),
                    ..ListParts::new("k", &upload).max_parts(max)
                })
                .expect("list");
            assert!(page.parts.len() as u64 <= max);
            walked.extend(page.parts.iter().map(|p| p.part_number));
            if !page.is_truncated {
                assert_eq!(page.next_part_number_marker, None);
                break;
            }
            marker = page.next_part_number_marker;
        }
        assert_eq!(walked, sorted, "max_parts {max}");
    }

    let past = bucket
        .list_parts(ListParts::new("k", &upload).part_number_marker(u32::MAX))
        .expect("list");
    assert!(past.parts.is_empty() && !past.is_truncated);
}

// Rule: MPU-9 — max_parts must be 1..=1000 (InvalidArgument 400), default 1000.
#[test]
fn list_parts_max_parts_range() {
    let mut bucket = bucket(Dialect::Oss);
    let upload = initiate(&mut bucket, "k");
    for number in 1..=1001 {
        bucket
            .upload_part("k", &upload, number, "")
            .expect("upload");
    }
    checked(&bucket);
    for max in [0, 1001, u64::MAX] {
        let violation = rejected(&mut bucket, |b| {
            b.list_parts(ListParts::new("k", &upload).max_parts(max))
        });
        assert_eq!(
            violation,
            Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                name: "max-parts",
                value: max
            })
        );
    }
    let page = bucket
        .list_parts(ListParts::new("k", &upload))
        .expect("list");
    assert_eq!(page.parts.len(), 1000);
    assert!(page.is_truncated);
    assert_eq!(page.next_part_number_marker, Some(1000));
    let page = bucket
        .list_parts(
            ListParts::new("k", &upload)
                .max_parts(1000)
                .part_number_marker(1000),
        )
        .expect("list");
    assert_eq!(page.parts.len(), 1);
    assert!(!page.is_truncated);
}

// ---------------------------------------------------------------------------------------------
// MPU-10

fn request() -> ListMultipartUploads {
    ListMultipartUploads::new()
}

fn uploads_of(page: &ListMultipartUploadsOutcome) -> Vec<(String, UploadId)> {
    page.uploads
        .iter()
        .map(|upload| (upload.key.to_string(), upload.upload_id.clone()))
        .collect()
}

// Rule: MPU-10 — only uploads in progress are listed, keys ascending, a key's uploads by
// upload ID (oss) or in initiation order (s3).
#[test]
fn list_uploads_order_by_dialect() {
    // A seed whose three uploads' IDs do not sort in initiation order, so the two orders
    // differ.
    let (seed, initiated) = (0..)
        .find_map(|seed| {
            let mut bucket = Bucket::new(BucketConfig::new(Dialect::S3).with_seed(seed));
            let ids: Vec<UploadId> = (0..3).map(|_| initiate(&mut bucket, "same")).collect();
            let mut sorted = ids.clone();
            sorted.sort();
            (sorted != ids).then_some((seed, ids))
        })
        .expect("some seed");
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = Bucket::new(BucketConfig::new(dialect).with_seed(seed));
        let ids: Vec<UploadId> = (0..3).map(|_| initiate(&mut bucket, "same")).collect();
        assert_eq!(
            ids, initiated,
            "the ID source does not depend on the dialect"
        );
        let z = initiate(&mut bucket, "z-last");
        let a = initiate(&mut bucket, "a-first");
        let done = initiate(&mut bucket, "a-first");
        let etag = part(&mut bucket, "a-first", &done, 1, "x".into());
        complete(&mut bucket, "a-first", &done, &[(1, &etag)]);
        let aborted = initiate(&mut bucket, "m");
        bucket.abort_multipart_upload("m", &aborted).expect("abort");

        let mut same = ids.clone();
        if dialect == Dialect::Oss {
            same.sort();
        }
        let mut expected = vec![("a-first".to_string(), a)];
        expected.extend(same.into_iter().map(|id| ("same".to_string(), id)));
        expected.push(("z-last".to_string(), z));
        let page = bucket.list_multipart_uploads(request()).expect("listing");
        assert_eq!(uploads_of(&page), expected, "{dialect}");
        assert!(!page.is_truncated);
        assert_eq!(page.next_key_marker, None);
        assert_eq!(page.next_upload_id_marker, None);
    }
}

// Rule: MPU-10, LST-6 — prefix and delimiter: keys rolled into common prefixes, each listed
// once and counted once.
#[test]
fn list_uploads_prefix_and_delimiter() {
    let mut bucket = bucket(Dialect::Oss);
    for key in [
        "logs/2024/a",
        "logs/2024/b",
        "logs/2025/a",
        "logs/top",
        "other",
    ] {
        initiate(&mut bucket, key);
    }
    let page = bucket
        .list_multipart_uploads(ListMultipartUploads {
            prefix: Some("logs/".into()),
            delimiter: Some("/".into()),
            ..request()
        })
        .expect("listing");
    assert_eq!(page.common_prefixes, ["logs/2024/", "logs/2025/"]);
    let keys: Vec<String> = uploads_of(&page).into_iter().map(|(key, _)| key).collect();
    assert_eq!(keys, ["logs/top"]);

    let page = bucket
        .list_multipart_uploads(ListMultipartUploads {
            prefix: Some("logs/".into()),
            delimiter: Some("/".into()),
            max_uploads: Some(1),
            ..request()
        })
        .expect("listing");
    assert_eq!(page.common_prefixes, ["logs/2024/"]);
    assert!(page.uploads.is_empty());
    assert!(page.is_truncated);
    assert_eq!(
        page.next_key_marker.as_ref().map(|key| key.as_str()),
        Some("logs/2024/")
    );
    assert_eq!(page.next_upload_id_marker, None);

    // LST-6: a key marker equal to a common prefix skips every key under it.
    let page = bucket
        .list_multipart_uploads(ListMultipartUploads {
            prefix: Some("logs/".into()),
            delimiter: Some("/".into()),
            key_marker: page.next_key_marker,
            ..request()
        })
        .expect("listing");
    assert_eq!(page.common_prefixes, ["logs/2025/"]);
    assert_eq!(page.uploads.len(), 1);
}

// Rule: MPU-10 — key_marker alone starts after that key; with upload_id_marker, that key's
// uploads after the named one come first (oss: greater IDs; s3: initiated later);
// upload_id_marker without key_marker is ignored.
#[test]
fn list_uploads_markers() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket(dialect);
        let a = initiate(&mut bucket, "a");
        let b: Vec<UploadId> = (0..3).map(|_| initiate(&mut bucket, "b")).collect();
        let c = initiate(&mut bucket, "c");
        let full = uploads_of(&bucket.list_multipart_uploads(request()).expect("listing"));
        assert_eq!(full.len(), 5);

        let after_a = bucket
            .list_multipart_uploads(ListMultipartUploads {
                key_marker: Some("a".into()),
                ..request()
            })
            .expect("listing");
        assert_eq!(uploads_of(&after_a), full[1..]);

        let (_, middle) = full[2].clone();
        let after_middle = bucket
            .list_multipart_uploads(ListMultipartUploads {
                key_marker: Some("b".into()),
                upload_id_marker: Some(middle),
                ..request()
            })
            .expect("listing");
        assert_eq!(uploads_of(&after_middle), full[3..], "{dialect}");

        let ignored = bucket
            .list_multipart_uploads(ListMultipartUploads {
                upload_id_marker: Some(c.clone()),
                ..request()
            })
            .expect("listing");
        assert_eq!(uploads_of(&ignored), full, "{dialect}");

        // A marker naming no upload of the key: oss compares IDs; s3 (MODEL) moves past the key.
        let unknown = bucket
            .list_multipart_uploads(ListMultipartUploads {
                key_marker: Some("b".into()),
                upload_id_marker: Some(UploadId::new("0")),
                ..request()
            })
            .expect("listing");
        let expected = match dialect {
            Dialect::Oss => &full[1..],
            _ => &full[4..],
        };
        assert_eq!(uploads_of(&unknown), expected, "{dialect}");
        let _ = (a, b);
    }
}

// Rule: MPU-10 — max_uploads must be 1..=1000 (InvalidArgument 400).
#[test]
fn list_uploads_max_uploads_range() {
    let mut bucket = bucket(Dialect::Oss);
    initiate(&mut bucket, "k");
    for max in [0, 1001, u64::MAX] {
        let violation = rejected(&mut bucket, |b| {
            b.list_multipart_uploads(ListMultipartUploads {
                max_uploads: Some(max),
                ..request()
            })
        });
        assert_eq!(
            violation,
            Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                name: "max-uploads",
                value: max
            })
        );
    }
}

/// What a listing should give, computed the slow way straight from MPU-10: every upload in
/// listing order, rolled up by the delimiter, as `(key or prefix, upload ID or none)`.
fn naive_listing(
    uploads: &[(String, UploadId, usize)],
    dialect: Dialect,
    prefix: &str,
    delimiter: Option<&str>,
) -> Vec<(String, Option<UploadId>)> {
    let mut sorted = uploads.to_vec();
    sorted.sort_by(|x, y| {
        x.0.cmp(&y.0).then(match dialect {
            Dialect::Oss => x.1.cmp(&y.1),
            _ => x.2.cmp(&y.2),
        })
    });
    let mut items: Vec<(String, Option<UploadId>)> = Vec::new();
    for (key, id, _) in sorted {
        let Some(rest) = key.strip_prefix(prefix) else {
            continue;
        };
        match delimiter.and_then(|d| rest.find(d).map(|at| at + d.len())) {
            Some(end) => {
                let common = format!("{prefix}{}", &rest[..end]);
                if items.last().map(|(last, _)| last) != Some(&common) {
                    items.push((common, None));
                }
            }
            None => items.push((key, Some(id))),
        }
    }
    items
}

// Rule: MPU-10, LST-5 — walking the pages with the returned markers lists every upload and
// common prefix exactly once, in order, for every page size, prefix and delimiter.
#[test]
fn list_uploads_walk_every_page_size() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket(dialect);
        let keys = [
            "a", "a/1", "a/2/x", "a/2/y", "a/2/y", "a/3", "ab", "b", "b", "b", "b/", "b//c",
            "c/d/e", "é", "é/x",
        ];
        let mut uploads = Vec::new();
        for (order, key) in keys.iter().enumerate() {
            uploads.push((key.to_string(), initiate(&mut bucket, key), order));
        }
        for (prefix, delimiter) in [
            ("", None),
            ("", Some("/")),
            ("a/", Some("/")),
            ("b", Some("/")),
        ] {
            let expected = naive_listing(&uploads, dialect, prefix, delimiter);
            for max in 1..=(expected.len() as u64 + 1) {
                let mut walked = Vec::new();
                let mut markers: (Option<bucket_versioning::ObjectKey>, Option<UploadId>) =
                    (None, None);
                for pages in 1.. {
                    assert!(pages <= expected.len() + 1, "the walk ends");
                    let page = bucket
                        .list_multipart_uploads(ListMultipartUploads {
                            prefix: Some(prefix.into()),
                            delimiter: delimiter.map(Into::into),
                            key_marker: markers.0.clone(),
                            upload_id_marker: markers.1.clone(),
                            max_uploads: Some(max),
                        })
                        .expect("listing");
                    let count = page.uploads.len() + page.common_prefixes.len();
                    assert!(count as u64 <= max);
                    // Merge the page's two lists back into listing order.
                    let mut items: Vec<(String, Option<UploadId>)> = page
                        .uploads
                        .iter()
                        .map(|u| (u.key.to_string(), Some(u.upload_id.clone())))
                        .chain(page.common_prefixes.iter().map(|p| (p.clone(), None)))
                        .collect();
                    items.sort_by(|x, y| {
                        let position = |item: &(String, Option<UploadId>)| {
                            expected.iter().position(|e| e == item)
                        };
                        position(x).cmp(&position(y))
                    });
                    walked.extend(items);
                    if !page.is_truncated {
                        break;
                    }
                    assert_eq!(count as u64, max, "a truncated page is full");
                    markers = (page.next_key_marker, page.next_upload_id_marker);
                }
                assert_eq!(
                    walked, expected,
                    "{dialect} prefix {prefix:?} delimiter {delimiter:?} max {max}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// CT-2, CT-4

// Rule: CT-4 — the multipart ETag is the MD5 of the listed parts' binary MD5s, in hex, then
// `-N` (oss uppercase, s3 lowercase); CT-2 — the CRC-64 is that of the whole byte sequence.
#[test]
fn multipart_etag_and_crc() {
    for (dialect, uppercase) in [(Dialect::Oss, true), (Dialect::S3, false)] {
        let mut bucket = versioned(dialect, "Enabled");
        let upload = initiate(&mut bucket, "k");
        let min = dialect.min_part_size();
        let first = "0123456789abcdef".repeat((min / 16) as usize);
        let second = "tail of the object";
        let e1 = part(&mut bucket, "k", &upload, 3, first.as_str().into());
        let e2 = part(&mut bucket, "k", &upload, 4, second.into());
        part(&mut bucket, "k", &upload, 5, "unlisted".into());
        let done = complete(&mut bucket, "k", &upload, &[(3, &e1), (4, &e2)]);

        let mut digests = Vec::new();
        digests.extend_from_slice(&Md5::digest(first.as_bytes()));
        digests.extend_from_slice(&Md5::digest(second.as_bytes()));
        let expected = format!("{}-2", hex(&Md5::digest(&digests), uppercase));
        assert_eq!(done.etag.as_str(), expected, "{dialect}");
        let whole = format!("{first}{second}");
        assert_eq!(done.crc64, crc64::checksum(whole.as_bytes()));
        let head = bucket.get_object("k").expect("head");
        assert_eq!(head.etag.as_str(), expected);
        assert_eq!(head.crc64, done.crc64);
        assert_eq!(head.size, whole.len() as u64);
        let entry_etag = bucket
            .chain("k")
            .and_then(|chain| chain.head())
            .and_then(|head| head.etag());
        assert_eq!(entry_etag, Some(done.etag.clone()));
    }
}

// Rule: CT-4 — a single-part object's ETag is still `MD5(MD5(part))-1`, not the part's MD5.
#[test]
fn single_part_etag_is_not_the_parts_md5() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let upload = initiate(&mut bucket, "k");
    let etag = part(&mut bucket, "k", &upload, 1, "only".into());
    let done = complete(&mut bucket, "k", &upload, &[(1, &etag)]);
    let inner = Md5::digest(b"only");
    assert_eq!(
        done.etag.as_str(),
        format!("{}-1", hex(&Md5::digest(inner), true))
    );
    assert_ne!(done.etag, etag);
}

// ---------------------------------------------------------------------------------------------
// INV-7

// Rule: INV-7 — checked by check_invariants after every multipart command.
#[test]
fn invariants_hold_through_a_multipart_history() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let first = initiate(&mut bucket, "k");
    let second = initiate(&mut bucket, "k");
    let e1 = part(&mut bucket, "k", &first, 1, bytes("x", MIN_OSS));
    let e2 = part(&mut bucket, "k", &first, 10_000, "y".into());
    part(&mut bucket, "k", &second, 3, "z".into());
    bucket.abort_multipart_upload("k", &second).expect("abort");
    checked(&bucket);
    complete(&mut bucket, "k", &first, &[(1, &e1), (10_000, &e2)]);
    assert_eq!(bucket.upload_count(), 0);
    checked(&bucket);
}

// Rule: MPU-7, APP-7 — Complete onto a key whose head is an unsealed appendable seals it
// (Enabled and Suspended); it stays as a noncurrent version.
#[test]
fn complete_seals_an_appendable_head() {
    for state in ["Enabled", "Suspended"] {
        let mut bucket = versioned(Dialect::Oss, "Enabled");
        let appendable = bucket
            .append_object("log", 0, "abc")
            .expect("create")
            .version_id;
        bucket.put_bucket_versioning(state).expect("allowed");
        let upload = initiate(&mut bucket, "log");
        let etag = part(&mut bucket, "log", &upload, 1, "tail".into());
        complete(&mut bucket, "log", &upload, &[(1, &etag)]);
        let view = bucket.chain("log").expect("a chain");
        let entries: Vec<_> = view.iter().collect();
        assert_eq!(entries.len(), 2, "{state}");
        assert_eq!(entries[0].object_type(), Some(ObjectType::Multipart));
        assert_eq!(Some(entries[1].version_id()), appendable.as_ref());
        assert_eq!(entries[1].object_type(), Some(ObjectType::Appendable));
        assert!(entries[1].is_sealed(), "{state}: the appendable is sealed");
        checked(&bucket);
    }
}

/// An ID source whose upload IDs repeat: `same`, then the empty string, then `same` forever.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct RepeatingUploadIds {
    draws: u64,
}

impl bucket_versioning::IdSource for RepeatingUploadIds {
    fn version_id(&self, sequence: u64) -> VersionId {
        VersionId::new(format!("v{sequence}"))
    }

    fn next_upload_id(&mut self) -> UploadId {
        self.draws += 1;
        UploadId::new(if self.draws == 2 { "" } else { "same" })
    }
}

// Rule: MPU-1 — every Initiate gets a new, non-empty upload ID, even from a source that repeats
// itself; an ID stays used after its upload is aborted.
#[test]
fn upload_ids_stay_unique_when_the_source_repeats() {
    let mut bucket = Bucket::with_id_source(BucketConfig::default(), RepeatingUploadIds::default());
    let first = bucket
        .initiate_multipart_upload("k")
        .expect("initiate")
        .upload_id;
    assert_eq!(first.as_str(), "same");
    bucket.abort_multipart_upload("k", &first).expect("abort");
    let mut seen = vec![first];
    for _ in 0..3 {
        let id = bucket
            .initiate_multipart_upload("k")
            .expect("initiate")
            .upload_id;
        assert!(!id.as_str().is_empty());
        assert!(!seen.contains(&id), "{id} given twice");
        seen.push(id);
    }
    bucket.check_invariants().expect("invariants");
}
