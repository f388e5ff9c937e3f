//! Helpers shared by the listing, copy and batch-delete tests.

use bucket_versioning::request::{DeleteObject, PutObject};
use std::fmt::Debug;

use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Dialect, ObjectKey, Outcome, VersionId,
    outcome::ListedVersion,
};

/// A fresh Unversioned bucket of `dialect`.
pub(crate) fn bucket(dialect: Dialect) -> Bucket {
    Bucket::new(BucketConfig::new(dialect).with_seed(7))
}

/// A fresh bucket of `dialect` put in `status` (`Enabled` or `Suspended`).
#[track_caller]
pub(crate) fn versioned(dialect: Dialect, status: &str) -> Bucket {
    let mut bucket = bucket(dialect);
    ok(bucket.put_bucket_versioning(status));
    bucket
}

/// The success of `result`, or a panic naming the violation.
#[track_caller]
pub(crate) fn ok<T, E: Debug>(result: Result<T, E>) -> T {
    match result {
        Ok(value) => value,
        Err(error) => panic!("expected a success, got {error:?}"),
    }
}

/// Puts `body` on `key` and returns the new entry's own ID (the chain's head).
#[track_caller]
pub(crate) fn put(bucket: &mut Bucket, key: &str, body: &str) -> VersionId {
    ok(bucket.put_object(key, body));
    head_id(bucket, key)
}

/// Makes a simple delete of `key` and returns the head's ID (the new marker's, when one was
/// made).
#[track_caller]
pub(crate) fn delete(bucket: &mut Bucket, key: &str) -> Option<VersionId> {
    ok(bucket.delete_object(key));
    bucket
        .chain(key)
        .and_then(|chain| chain.head())
        .map(|head| head.version_id().clone())
}

/// Puts `body` on `key` under the supplied version ID (ID-5, Enabled only).
#[track_caller]
pub(crate) fn put_as(bucket: &mut Bucket, key: &str, body: &str, id: &str) {
    ok(bucket.apply(Command::PutObject(
        PutObject::new(ObjectKey::from(key), Body::from(body))
            .assign_version_id(VersionId::from(id)),
    )));
}

/// Makes a delete marker on `key` under the supplied version ID (ID-5, Enabled only).
#[track_caller]
pub(crate) fn delete_as(bucket: &mut Bucket, key: &str, id: &str) {
    let outcome = ok(bucket.apply(Command::DeleteObject(
        DeleteObject::new(ObjectKey::from(key)).assign_version_id(VersionId::from(id)),
    )));
    assert!(matches!(outcome, Outcome::DeleteObject(ref deleted) if deleted.delete_marker));
}

/// The own ID of `key`'s head.
#[track_caller]
pub(crate) fn head_id(bucket: &Bucket, key: &str) -> VersionId {
    match bucket.chain(key).and_then(|chain| chain.head()) {
        Some(head) => head.version_id().clone(),
        None => panic!("{key:?} has no entries"),
    }
}

/// The own IDs of `key`'s chain, newest first.
pub(crate) fn chain_ids(bucket: &Bucket, key: &str) -> Vec<String> {
    super::chain_of(bucket, key, |entry| entry.version_id().to_string())
}

/// A listed entry as `(key, version ID, is_latest, delete_marker)`, for compact comparisons.
pub(crate) fn row(entry: &ListedVersion) -> (String, String, bool, bool) {
    (
        entry.key.to_string(),
        entry.version_id.to_string(),
        entry.is_latest,
        entry.delete_marker,
    )
}

/// The rows of `entries`.
pub(crate) fn rows(entries: &[ListedVersion]) -> Vec<(String, String, bool, bool)> {
    entries.iter().map(row).collect()
}

/// An expected row.
pub(crate) fn expect(
    key: &str,
    id: &VersionId,
    latest: bool,
    marker: bool,
) -> (String, String, bool, bool) {
    (key.to_string(), id.to_string(), latest, marker)
}
