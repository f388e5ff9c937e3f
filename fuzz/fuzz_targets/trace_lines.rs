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

use std::str::FromStr;

use bucket_versioning::wire::Reply;
use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, CompletedPart, Dialect, ETag, ObjectIdentifier, ObjectKey,
    UploadId, VersionId,
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
    let dialect = if data.first().is_some_and(|byte| byte & 1 == 1) { Dialect::S3 } else { Dialect::Oss };
    let mut bucket = Bucket::new(BucketConfig::new(dialect));
    for line in text.lines().take(MAX_LINES) {
        match serde_json::from_str::<Command>(line) {
            Ok(command) => {
                let again = serde_json::to_string(&command).expect("a command serializes");
                let reparsed: Command =
                    serde_json::from_str(&again).expect("a serialized command parses");
                assert_eq!(reparsed, command, "{line} does not round-trip through {again}");
                if body_too_slow(&command) {
                    continue;
                }
                apply(&mut bucket, command, line);
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
    assert_eq!(VersionId::from_str(text).map(|id| id.to_string()).as_deref(), Ok(text));
    let _ = Dialect::from_str(text);
    let key = ObjectKey::new(text);
    let id = VersionId::new(text);
    let upload_id = UploadId::new(text);
    let commands = [
        Command::PutBucketVersioning { status: text.into() },
        Command::PutObject { key: key.clone(), body: Body::from(text), assign_version_id: None },
        Command::PutObject { key: "a".into(), body: "x".into(), assign_version_id: Some(id.clone()) },
        Command::AppendObject { key: key.clone(), position: 0, body: Body::from(text), version_id: None },
        Command::GetObject { key: key.clone(), version_id: Some(id.clone()) },
        Command::HeadObject { key: "a".into(), version_id: Some(id.clone()) },
        Command::CopyObject { source_key: key.clone(), source_version_id: Some(id.clone()), key: "b".into() },
        Command::DeleteObjects {
            objects: vec![ObjectIdentifier::new(key.clone(), Some(id.clone())), ObjectIdentifier::new("a", None)],
            quiet: None,
        },
        Command::UploadPart { key: key.clone(), upload_id: upload_id.clone(), part_number: 1, body: "p".into() },
        Command::CompleteMultipartUpload {
            key: key.clone(),
            upload_id: upload_id.clone(),
            parts: vec![CompletedPart::new(1, ETag::new(text))],
        },
        Command::ListObjectVersions {
            prefix: Some(text.into()),
            delimiter: Some(text.into()),
            key_marker: Some(text.into()),
            version_id_marker: Some(id.clone()),
            max_keys: Some(2),
        },
        Command::ListObjectVersions {
            prefix: None,
            delimiter: Some(text.into()),
            key_marker: Some(text.into()),
            version_id_marker: None,
            max_keys: Some(3),
        },
        Command::ListObjects {
            prefix: Some(text.into()),
            delimiter: Some(text.into()),
            marker: Some(text.into()),
            max_keys: Some(2),
        },
        Command::ListMultipartUploads {
            prefix: Some(text.into()),
            delimiter: Some(text.into()),
            key_marker: Some(key.clone()),
            upload_id_marker: Some(upload_id.clone()),
            max_uploads: Some(2),
        },
        Command::DeleteObject { key, version_id: Some(id), assign_version_id: None },
    ];
    for command in commands {
        apply(bucket, command, text);
    }
}

/// Applies `command`, checking the invariants and ERR-2, and that the reply serializes.
fn apply(bucket: &mut Bucket, command: Command, line: &str) {
    let before = bucket.clone();
    let result = bucket.apply(command.clone());
    if let Err(invariant) = bucket.check_invariants() {
        panic!("{line}: {command:?} -> {result:?} broke {invariant}");
    }
    if result.is_err() {
        assert_eq!(*bucket, before, "{line}: {command:?} was rejected but changed the bucket");
    }
    let _ = serde_json::to_string(&Reply::from(result));
}

/// Whether a body of `command` is between 64 KiB and 5 GiB: correct to hash, but slow.
fn body_too_slow(command: &Command) -> bool {
    let body = match command {
        Command::PutObject { body, .. }
        | Command::AppendObject { body, .. }
        | Command::UploadPart { body, .. } => body,
        _ => return false,
    };
    body.len().map_or(false, |len| len > MAX_FUZZ_BODY && len <= bucket_versioning::MAX_OBJECT_SIZE)
}
