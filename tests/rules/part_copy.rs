//! UploadPartCopy (MPU-12) and caller-supplied upload IDs (MPU-13), rule by rule, in a bucket
//! and across the buckets of a service (SVC-7).

use crate::support::{checked, hex, put, rejected};
use bucket_versioning::request::{
    AppendObject, CompleteMultipartUpload, CompletedPart, DeleteObject, InitiateMultipartUpload,
    UploadPartCopy,
};
use bucket_versioning::wire::{self, Reply};
use bucket_versioning::{
    Bucket, BucketConfig, Content, Dialect, ETag, Outcome, Service, UploadId, Violation,
    violation::{ArgumentError, InvalidRequestReason},
};

fn bucket(dialect: Dialect, state: Option<&str>) -> Bucket {
    crate::support::bucket_in(dialect, state)
}

fn initiate(bucket: &mut Bucket, key: &str) -> UploadId {
    bucket
        .initiate_multipart_upload(key)
        .expect("initiate")
        .upload_id
}

/// The ETag UploadPart gives for `bytes`: their MD5, in the dialect's case.
fn md5_etag(bytes: &[u8], dialect: Dialect) -> String {
    hex(
        &Content::from_bytes(bytes).md5().expect("known"),
        dialect == Dialect::Oss,
    )
}

// Rule: MPU-12 — a whole copy takes the source's own content: the part's ETag and CRC-64 are
// what UploadPart gives for the same bytes, and the completed object has the source's CRC-64.
// Rule: RSP-5 — the outcome names the source version copied.
#[test]
fn whole_copy_is_the_source_as_a_part() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket(dialect, Some("Enabled"));
        let source = put(&mut bucket, "src", "source bytes");
        let upload = initiate(&mut bucket, "dst");
        let copied = bucket
            .upload_part_copy(UploadPartCopy::new("dst", upload.clone(), 1, "src"))
            .expect("copy");
        assert_eq!(copied.etag.as_str(), md5_etag(b"source bytes", dialect));
        assert_eq!(copied.crc64, Content::from_bytes(b"source bytes").crc64());
        assert_eq!(copied.source_version_id, source);
        let complete = bucket
            .complete_multipart_upload("dst", upload, &[CompletedPart::new(1, copied.etag)])
            .expect("complete");
        assert_eq!(complete.crc64, copied.crc64);
        assert_eq!(bucket.get_object("dst").expect("read").size, 12);
        checked(&bucket);
    }
}

// Rule: MPU-12 — a range comes with its content: the part is that content (ETag = its MD5);
// a range covering the whole source is a whole copy.
#[test]
fn ranged_copy_takes_the_ranges_content() {
    let mut bucket = bucket(Dialect::S3, None);
    put(&mut bucket, "src", "0123456789");
    let upload = initiate(&mut bucket, "dst");
    let part = bucket
        .upload_part_copy(
            UploadPartCopy::new("dst", upload.clone(), 2, "src")
                .range((3, 6))
                .body("3456"),
        )
        .expect("ranged copy");
    assert_eq!(part.etag.as_str(), md5_etag(b"3456", Dialect::S3));
    assert_eq!(part.crc64, Content::from_bytes(b"3456").crc64());
    // RSP-5: an Unversioned bucket reports no source version.
    assert_eq!(part.source_version_id, None);
    let whole = bucket
        .upload_part_copy(UploadPartCopy::new("dst", upload.clone(), 3, "src").range((0, 9)))
        .expect("a range covering the source");
    assert_eq!(whole.etag.as_str(), md5_etag(b"0123456789", Dialect::S3));
    let parts = bucket
        .list_parts(bucket_versioning::request::ListParts::new("dst", upload))
        .expect("list");
    let sizes: Vec<(u32, u64)> = parts
        .parts
        .iter()
        .map(|p| (p.part_number, p.size))
        .collect();
    assert_eq!(sizes, [(2, 4), (3, 10)]);
}

// Rule: MPU-12 — a range outside the source (`last >= size`, `first > last`) is s3
// InvalidRange 416, oss InvalidArgument 400, and changes nothing (ERR-2).
#[test]
fn range_outside_the_source_is_refused_per_dialect() {
    for (dialect, code, status) in [
        (Dialect::S3, "InvalidRange", 416),
        (Dialect::Oss, "InvalidArgument", 400),
    ] {
        let mut bucket = bucket(dialect, None);
        put(&mut bucket, "src", "0123456789");
        let upload = initiate(&mut bucket, "dst");
        for (range, body) in [((5, 10), "012345"), ((6, 5), ""), ((10, 10), "x")] {
            let error = rejected(&mut bucket, |bucket| {
                bucket.upload_part_copy(
                    UploadPartCopy::new("dst", upload.clone(), 1, "src")
                        .range(range)
                        .body(body),
                )
            });
            assert_eq!(
                (error.code(), error.http_status()),
                (code, status),
                "{range:?}"
            );
        }
        let error = rejected(&mut bucket, |bucket| {
            bucket.upload_part_copy(
                UploadPartCopy::new("dst", upload.clone(), 1, "src").range((0, 10)),
            )
        });
        assert_eq!(error.code(), code);
    }
}

// Rule: MPU-12 (MODEL) — the content must have the range's length, a part of the source needs
// its content, and content without a range is refused: InvalidArgument 400, nothing changes.
#[test]
fn range_content_is_checked() {
    let mut bucket = bucket(Dialect::Oss, None);
    put(&mut bucket, "src", "0123456789");
    let upload = initiate(&mut bucket, "dst");
    let request = || UploadPartCopy::new("dst", upload.clone(), 1, "src");
    let error = rejected(&mut bucket, |b| {
        b.upload_part_copy(request().range((0, 3)).body("012"))
    });
    assert_eq!(
        error,
        Violation::InvalidArgument(ArgumentError::CopyRangeContentLength {
            expected: 4,
            given: 3
        })
    );
    let error = rejected(&mut bucket, |b| b.upload_part_copy(request().range((0, 3))));
    assert_eq!(
        error,
        Violation::InvalidArgument(ArgumentError::CopyRangeWithoutContent)
    );
    let error = rejected(&mut bucket, |b| {
        b.upload_part_copy(request().body("0123456789"))
    });
    assert_eq!(
        error,
        Violation::InvalidArgument(ArgumentError::CopyContentWithoutRange)
    );
}

// Rule: MPU-12 — the source is selected as CPY-1..CPY-3 select it: a version ID selects that
// version; a head delete marker or no entries is NoSuchKey 404; an unknown version
// NoSuchVersion 404; a version that is a delete marker InvalidRequest 400 in both dialects.
#[test]
fn source_selection_follows_copy() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket(dialect, Some("Enabled"));
        let old = put(&mut bucket, "src", "old").expect("an ID");
        put(&mut bucket, "src", "newer");
        let upload = initiate(&mut bucket, "dst");
        let request = || UploadPartCopy::new("dst", upload.clone(), 1, "src");
        let part = bucket
            .upload_part_copy(request().source_version_id(old.clone()))
            .expect("a named version");
        assert_eq!(part.etag.as_str(), md5_etag(b"old", dialect));
        assert_eq!(part.source_version_id, Some(old));
        let error = rejected(&mut bucket, |b| {
            b.upload_part_copy(request().source_version_id("no-such"))
        });
        assert_eq!((error.code(), error.http_status()), ("NoSuchVersion", 404));
        let marker = bucket
            .delete_object(DeleteObject::new("src"))
            .expect("a marker")
            .version_id
            .expect("its ID");
        let error = rejected(&mut bucket, |b| b.upload_part_copy(request()));
        assert_eq!((error.code(), error.http_status()), ("NoSuchKey", 404));
        let error = rejected(&mut bucket, |b| {
            b.upload_part_copy(request().source_version_id(marker))
        });
        assert_eq!(
            error,
            Violation::InvalidRequest(InvalidRequestReason::CopySourceIsDeleteMarker)
        );
        let error = rejected(&mut bucket, |b| {
            b.upload_part_copy(UploadPartCopy::new("dst", upload.clone(), 1, "nothing"))
        });
        assert_eq!(error.code(), "NoSuchKey");
    }
}

// Rule: MPU-12 — CPY-5: an oss appendable source in a versioned bucket is InvalidRequest 400;
// MPU-2 and MPU-3: the part number and the upload are checked as for UploadPart.
#[test]
fn appendable_source_part_number_and_upload() {
    let mut bucket = bucket(Dialect::Oss, Some("Enabled"));
    bucket
        .apply(AppendObject::new("log", 0, "line").into())
        .expect("append");
    let upload = initiate(&mut bucket, "dst");
    let error = rejected(&mut bucket, |b| {
        b.upload_part_copy(UploadPartCopy::new("dst", upload.clone(), 1, "log"))
    });
    assert_eq!(
        error,
        Violation::InvalidRequest(InvalidRequestReason::CopySourceIsAppendable)
    );
    put(&mut bucket, "src", "x");
    let error = rejected(&mut bucket, |b| {
        b.upload_part_copy(UploadPartCopy::new("dst", upload.clone(), 10_001, "src"))
    });
    assert_eq!(
        error,
        Violation::InvalidArgument(ArgumentError::PartNumberOutOfRange(10_001))
    );
    let error = rejected(&mut bucket, |b| {
        b.upload_part_copy(UploadPartCopy::new("other", upload.clone(), 1, "src"))
    });
    assert_eq!((error.code(), error.http_status()), ("NoSuchUpload", 404));
}

// Rule: MPU-12 — copying onto a part number again replaces that part (MPU-2); a whole copy of
// a multipart source, whose MD5 the model does not know, gets CT-5's ETag form (its CRC-64 and
// length in hex).
#[test]
fn copy_replaces_a_part_and_multipart_sources_have_crc_etags() {
    let mut bucket = bucket(Dialect::Oss, None);
    let upload = initiate(&mut bucket, "big");
    let part = bucket
        .upload_part("big", upload.clone(), 1, "abc")
        .expect("part");
    bucket
        .complete_multipart_upload("big", upload, &[CompletedPart::new(1, part.etag)])
        .expect("complete");
    let upload = initiate(&mut bucket, "dst");
    bucket
        .upload_part("dst", upload.clone(), 1, "zzzz")
        .expect("part");
    let copied = bucket
        .upload_part_copy(UploadPartCopy::new("dst", upload.clone(), 1, "big"))
        .expect("copy");
    let crc = Content::from_bytes(b"abc").crc64();
    assert_eq!(copied.etag.as_str(), format!("{crc:016X}{:016X}", 3));
    let parts = bucket
        .list_parts(bucket_versioning::request::ListParts::new("dst", upload))
        .expect("list");
    assert_eq!(parts.parts.len(), 1);
    assert_eq!(
        (parts.parts[0].size, &parts.parts[0].etag),
        (3, &copied.etag)
    );
}

// Rule: MPU-12 — SVC-7: the source may be in another bucket of the service, selected under
// that bucket's state (RSP-5: an Unversioned source bucket reports no version); a missing
// source bucket is NoSuchBucket 404 and the service is unchanged (ERR-2).
#[test]
fn part_copy_across_buckets() {
    let mut service = Service::new(BucketConfig::new(Dialect::S3).with_seed(3));
    service.create_bucket("photos").expect("create");
    service.create_bucket("backup").expect("create");
    service
        .put_bucket_versioning("backup", "Enabled")
        .expect("enable");
    service.put_object("photos", "cat", "meow").expect("put");
    let upload = match service
        .apply("backup", InitiateMultipartUpload::new("cat").into())
        .expect("initiate")
    {
        Outcome::InitiateMultipartUpload(initiate) => initiate.upload_id,
        other => panic!("{other:?}"),
    };
    let request = UploadPartCopy::new("cat", upload.clone(), 1, "cat").source_bucket("photos");
    let part = service
        .upload_part_copy("backup", request.clone())
        .expect("cross-bucket copy");
    assert_eq!(part.etag.as_str(), md5_etag(b"meow", Dialect::S3));
    assert_eq!(part.source_version_id, None);
    let before = service.clone();
    let error = service
        .upload_part_copy("backup", request.clone().source_bucket("nowhere"))
        .expect_err("no such bucket");
    assert_eq!((error.code(), error.http_status()), ("NoSuchBucket", 404));
    let error = service
        .upload_part_copy(
            "backup",
            UploadPartCopy {
                key: "dog".into(),
                ..request.clone()
            },
        )
        .expect_err("no such upload");
    assert_eq!(error.code(), "NoSuchUpload");
    assert_eq!(service, before, "ERR-2");
    service
        .apply(
            "backup",
            CompleteMultipartUpload::new("cat", upload, vec![CompletedPart::new(1, part.etag)])
                .into(),
        )
        .expect("complete");
    assert_eq!(service.get_object("backup", "cat").expect("read").size, 4);
    service.check_invariants().expect("invariants");
}

// Rule: MPU-13 — an Initiate may carry the upload ID; an empty one, or one already used in the
// bucket (in progress or ended), is InvalidArgument 400 and changes nothing; a supplied ID
// draws nothing from the ID source.
#[test]
fn supplied_upload_ids() {
    let mut plain = bucket(Dialect::Oss, None);
    let mut bucket = bucket(Dialect::Oss, None);
    let supplied = bucket
        .initiate_multipart_upload(InitiateMultipartUpload::new("k").assign_upload_id("real-1"))
        .expect("a supplied ID");
    assert_eq!(supplied.upload_id, UploadId::new("real-1"));
    assert_eq!(initiate(&mut bucket, "k"), initiate(&mut plain, "k"));
    let error = rejected(&mut bucket, |b| {
        b.initiate_multipart_upload(InitiateMultipartUpload::new("k").assign_upload_id(""))
    });
    assert_eq!(
        error,
        Violation::InvalidArgument(ArgumentError::SuppliedUploadIdEmpty)
    );
    bucket.abort_multipart_upload("k", "real-1").expect("abort");
    let error = rejected(&mut bucket, |b| {
        b.initiate_multipart_upload(
            InitiateMultipartUpload::new("other").assign_upload_id("real-1"),
        )
    });
    assert_eq!(
        (error.code(), error.http_status()),
        ("InvalidArgument", 400)
    );
    assert_eq!(
        error,
        Violation::InvalidArgument(ArgumentError::SuppliedUploadIdUsed(UploadId::new("real-1")))
    );
}

// Rule: MPU-12, MPU-13 — the trace format's `upload_part_copy` (with `source_bucket`,
// `range`, `body`) and `assign_upload_id` replay through a service.
#[test]
fn part_copy_and_supplied_upload_ids_in_the_trace() {
    let trace = r#"
{"op":"create_bucket","bucket":"src-bucket"}
{"op":"put_object","bucket":"src-bucket","key":"a","body":"0123456789"}
{"op":"initiate_multipart_upload","key":"b","assign_upload_id":"U1"}
{"op":"upload_part_copy","key":"b","upload_id":"U1","part_number":1,"source_bucket":"src-bucket","source_key":"a","range":[2,4],"body":"234"}
{"op":"upload_part_copy","key":"b","upload_id":"U1","part_number":2,"source_bucket":"src-bucket","source_key":"a","range":[2,10],"body":"234567890"}
"#;
    let mut service = Service::with_default_bucket(BucketConfig::new(Dialect::S3));
    let replies: Vec<Reply> = wire::replay_service(&mut service, trace).collect();
    assert_eq!(
        replies[2],
        Reply::Ok(Outcome::InitiateMultipartUpload(
            bucket_versioning::outcome::InitiateMultipartUploadOutcome {
                upload_id: UploadId::new("U1")
            }
        ))
    );
    let Reply::Ok(Outcome::UploadPartCopy(part)) = &replies[3] else {
        panic!("{:?}", replies[3]);
    };
    assert_eq!(part.etag, ETag::new(md5_etag(b"234", Dialect::S3)));
    assert_eq!(
        replies[4],
        Reply::Error(Violation::InvalidRange {
            first: 2,
            last: 10,
            size: 10
        })
    );
    assert!(replies[4].to_line().contains(r#""status":416"#));
}
