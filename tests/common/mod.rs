//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub)]

use bucket_versioning::request::{DeleteObject, GetObject, PutObject};
use bucket_versioning::{
    Bucket, BucketConfig, Command, Dialect, Outcome, VersionId, Violation, view::EntryView,
};

/// An oss bucket with `seed`, in the given versioning state (`None`: Unversioned).
#[track_caller]
pub fn bucket_in(dialect: Dialect, state: Option<&str>) -> Bucket {
    let mut bucket = Bucket::new(BucketConfig::new(dialect).with_seed(42));
    if let Some(state) = state {
        bucket.put_bucket_versioning(state).expect("a valid state");
    }
    bucket
}

/// An oss bucket with versioning Enabled.
#[track_caller]
pub fn enabled() -> Bucket {
    bucket_in(Dialect::Oss, Some("Enabled"))
}

/// Applies `command`, which must be rejected with `code` and `status`, and checks that the
/// bucket is exactly as before (ERR-2). Returns the violation for further checks.
#[track_caller]
pub fn assert_rejected(
    bucket: &mut Bucket,
    command: Command,
    code: &str,
    status: u16,
) -> Violation {
    let before = bucket.clone();
    let violation = bucket
        .apply(command.clone())
        .expect_err(&format!("{command:?} should be rejected"));
    assert_eq!(violation.code(), code, "code of {command:?}: {violation}");
    assert_eq!(violation.http_status(), status, "status of {command:?}");
    assert_eq!(
        *bucket, before,
        "ERR-2: a rejected command changed the bucket"
    );
    violation
}

/// Applies `command`, which must succeed.
#[track_caller]
pub fn ok(bucket: &mut Bucket, command: Command) -> Outcome {
    bucket
        .apply(command.clone())
        .unwrap_or_else(|violation| panic!("{command:?} was rejected: {violation}"))
}

/// The chain of `key` as (version ID string, is delete marker) pairs, newest first.
#[track_caller]
pub fn chain_ids(bucket: &Bucket, key: &str) -> Vec<(String, bool)> {
    bucket
        .chain(key)
        .map(|chain| {
            chain
                .iter()
                .map(|entry: EntryView<'_>| {
                    (entry.version_id().to_string(), entry.is_delete_marker())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Puts `body` on `key` and returns the reported version ID.
#[track_caller]
pub fn put(bucket: &mut Bucket, key: &str, body: &str) -> Option<VersionId> {
    bucket
        .put_object(key, body)
        .expect("put accepted")
        .version_id
}

/// A simple delete of `key`; returns the reported version ID.
#[track_caller]
pub fn delete(bucket: &mut Bucket, key: &str) -> Option<VersionId> {
    bucket
        .delete_object(key)
        .expect("delete accepted")
        .version_id
}

/// A put command.
pub fn put_cmd(key: &str, body: &str) -> Command {
    Command::PutObject(PutObject::new(key, body))
}

/// A put command that supplies the new entry's version ID (ID-5).
pub fn put_assigning_cmd(key: &str, body: &str, id: impl Into<VersionId>) -> Command {
    Command::PutObject(PutObject::new(key, body).assign_version_id(id))
}

/// A get command.
pub fn get_cmd(key: &str, version_id: Option<&str>) -> Command {
    Command::GetObject(GetObject {
        key: key.into(),
        version_id: version_id.map(VersionId::from),
    })
}

/// A delete command.
pub fn delete_cmd(key: &str, version_id: Option<&str>) -> Command {
    Command::DeleteObject(DeleteObject {
        version_id: version_id.map(VersionId::from),
        ..DeleteObject::new(key)
    })
}

pub mod sequences;
