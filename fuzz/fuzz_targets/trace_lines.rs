//! Feeds arbitrary text to the bucket, line by line.
//!
//! - A line that parses as a trace-format command (`shared/spec/trace-format.md`) must
//!   serialize back to a line that parses to the same command, and is applied.
//! - Any other line is used as text where requests carry text: a key, a version ID, an upload
//!   ID, a versioning status, a listing prefix, delimiter and marker, an ETag; the `ObjectKey`,
//!   `VersionId` and `UploadId` made from it print back as the same text.
//!
//! No line may panic (ERR-3); every command keeps the invariants, and every rejected one
//! leaves the bucket unchanged (ERR-2).
#![no_main]

use bucket_versioning::request::{
    AppendObject, CompleteMultipartUpload, CopyObject, DeleteObject, DeleteObjects, GetObject,
    HeadObject, ListMultipartUploads, ListObjectVersions, ListObjects, ObjectIdentifier,
    PutBucketVersioning, PutObject, UploadPart,
};
use std::str::FromStr;

use bucket_versioning::wire::{self, Reply};
use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Dialect, ETag, ObjectKey, UploadId, VersionId,
    request::CompletedPart,
};
use libfuzzer_sys::fuzz_target;

/// Bodies larger than this are skipped: hashing them is correct but slow, and slowness is
/// not what this target looks for.
const MAX_FUZZ_BODY: u64 = 64 << 10;

/// The most lines one input runs: every step clones and checks the whole bucket, so a run
/// costs the square of its length.
const MAX_LINES: usize = 64;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let dialect = if data.first().is_some_and(|byte| byte & 1 == 1) {
        Dialect::S3
    } else {
        Dialect::Oss
    };
    let mut bucket = Bucket::new(BucketConfig::new(dialect));
    for line in text.lines().take(MAX_LINES) {
        match serde_json::from_str::<Command>(line) {
            Ok(command) => {
                let again = serde_json::to_string(&command).expect("a command serializes");
                let reparsed: Command =
                    serde_json::from_str(&again).expect("a serialized command parses");
                assert_eq!(
                    reparsed, command,
                    "{line} does not round-trip through {again}"
                );
                if body_too_slow(&command) {
                    continue;
                }
                replay(&mut bucket, line);
            }
            Err(_) => probe(&mut bucket, line),
        }
    }
});

/// Uses `text` as every kind of text a request carries.
fn probe(bucket: &mut Bucket, text: &str) {
    assert_eq!(ObjectKey::new(text).to_string(), text);
    assert_eq!(VersionId::new(text).to_string(), text);
    assert_eq!(UploadId::new(text).to_string(), text);
    assert_eq!(
        VersionId::from_str(text)
            .map(|id| id.to_string())
            .as_deref(),
        Ok(text)
    );
    let _ = Dialect::from_str(text);
    let key = ObjectKey::new(text);
    let id = VersionId::new(text);
    let upload_id = UploadId::new(text);
    let commands = [
        Command::PutBucketVersioning(PutBucketVersioning::new(text)),
        Command::PutObject(PutObject::new(key.clone(), Body::from(text))),
        Command::PutObject(PutObject::new("a", "x").assign_version_id(id.clone())),
        Command::AppendObject(AppendObject::new(key.clone(), 0, Body::from(text))),
        Command::GetObject(GetObject::new(key.clone()).version_id(id.clone())),
        Command::HeadObject(HeadObject::new("a").version_id(id.clone())),
        Command::CopyObject(CopyObject::new(key.clone(), "b").source_version_id(id.clone())),
        Command::DeleteObjects(DeleteObjects::new(vec![
            ObjectIdentifier::new(key.clone()).version_id(id.clone()),
            ObjectIdentifier::new("a"),
        ])),
        Command::UploadPart(UploadPart::new(key.clone(), upload_id.clone(), 1, "p")),
        Command::CompleteMultipartUpload(CompleteMultipartUpload::new(
            key.clone(),
            upload_id.clone(),
            vec![CompletedPart::new(1, ETag::new(text))],
        )),
        Command::ListObjectVersions(
            ListObjectVersions::new()
                .prefix(text)
                .delimiter(text)
                .key_marker(text)
                .version_id_marker(id.clone())
                .max_keys(2),
        ),
        Command::ListObjectVersions(
            ListObjectVersions::new()
                .delimiter(text)
                .key_marker(text)
                .max_keys(3),
        ),
        Command::ListObjects(
            ListObjects::new()
                .prefix(text)
                .delimiter(text)
                .marker(text)
                .max_keys(2),
        ),
        Command::ListMultipartUploads(
            ListMultipartUploads::new()
                .prefix(text)
                .delimiter(text)
                .key_marker(key.clone())
                .upload_id_marker(upload_id.clone())
                .max_uploads(2),
        ),
        Command::DeleteObject(DeleteObject::new(key).version_id(id)),
    ];
    for command in commands {
        let line = serde_json::to_string(&command).expect("a command serializes");
        replay(bucket, &line);
    }
}

/// Replays `line` as the trace replayer does, checking the invariants and ERR-2, and that the
/// reply serializes.
fn replay(bucket: &mut Bucket, line: &str) {
    let before = bucket.clone();
    let Some(reply) = wire::replay_line(bucket, line) else {
        return;
    };
    if let Err(invariant) = bucket.check_invariants() {
        panic!("{line} -> {reply:?} broke {invariant}");
    }
    if !matches!(reply, Reply::Ok(_)) {
        assert_eq!(
            *bucket, before,
            "{line} was rejected but changed the bucket"
        );
    }
    let _ = reply.to_line();
}

/// Whether a body of `command` is between 64 KiB and 5 GiB: correct to hash, but slow.
fn body_too_slow(command: &Command) -> bool {
    let body = match command {
        Command::PutObject(PutObject { body, .. })
        | Command::AppendObject(AppendObject { body, .. })
        | Command::UploadPart(UploadPart { body, .. }) => body,
        _ => return false,
    };
    body.len()
        .is_ok_and(|len| len > MAX_FUZZ_BODY && len <= bucket_versioning::dialect::MAX_OBJECT_SIZE)
}
