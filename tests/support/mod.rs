//! The integration tests' shared support: building buckets, the one ERR-2 helper
//! ([`rejected`]), the one chain helper ([`chain_of`]), command
//! builders, and the random sequences (`sequences`). Every helper
//! carries `#[track_caller]`, so a failure points at the test.
#![allow(dead_code, unreachable_pub)]

pub mod listing;
pub mod sequences;

use std::fmt::Debug;

use bucket_versioning::request::{DeleteObject, GetObject, PutObject};
use bucket_versioning::version_id::IdSource;
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

/// Runs a command that must be rejected; asserts the bucket is exactly as before (ERR-2) and
/// still keeps every invariant, and returns the violation.
#[track_caller]
pub fn rejected<T: Debug, S: IdSource + Clone + PartialEq + Debug>(
    bucket: &mut Bucket<S>,
    command: impl FnOnce(&mut Bucket<S>) -> Result<T, Violation>,
) -> Violation {
    let before = bucket.clone();
    let violation = match command(bucket) {
        Ok(outcome) => panic!("expected a rejection, got {outcome:?}"),
        Err(violation) => violation,
    };
    assert_eq!(
        *bucket, before,
        "ERR-2: a rejected command changed the bucket"
    );
    checked(bucket);
    violation
}

/// Panics, naming the invariant, unless `bucket` keeps every invariant (INV-1..INV-8).
#[track_caller]
pub fn checked<S: IdSource>(bucket: &Bucket<S>) {
    if let Err(failure) = bucket.check_invariants() {
        panic!("invariant failed: {failure}");
    }
}

/// Applies `command`, which must be rejected with `code` and `status` and change nothing
/// ([`rejected`]). Returns the violation for further checks.
#[track_caller]
pub fn assert_rejected(
    bucket: &mut Bucket,
    command: Command,
    code: &str,
    status: u16,
) -> Violation {
    let shown = format!("{command:?}");
    let violation = rejected(bucket, |bucket| bucket.apply(command));
    assert_eq!(violation.code(), code, "code of {shown}: {violation}");
    assert_eq!(violation.http_status(), status, "status of {shown}");
    violation
}

/// The chain of `key`, newest first, each entry seen through `view` (empty when the key has
/// no entries).
#[track_caller]
pub fn chain_of<T>(bucket: &Bucket, key: &str, view: impl Fn(EntryView<'_>) -> T) -> Vec<T> {
    bucket
        .chain(key)
        .map(|chain| chain.iter().map(&view).collect())
        .unwrap_or_default()
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
    chain_of(bucket, key, |entry| {
        (entry.version_id().to_string(), entry.is_delete_marker())
    })
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

/// `bytes` as hex digits, in upper case (oss ETags) or lower case (s3).
pub fn hex(bytes: &[u8], uppercase: bool) -> String {
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
