//! Multipart upload under versioning: one test per rule at least (MPU-1..MPU-10, CT-2, CT-4,
//! INV-7, ERR-1..ERR-4 as they touch multipart). MPU-11 is in `tests/part_size.rs`.

use crate::support::hex;
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

mod complete;
mod content_and_invariants;
mod listings;
mod uploads_and_parts;
