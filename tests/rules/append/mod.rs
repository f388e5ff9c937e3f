//! The append upload: AppendObject and SealAppendObject under every versioning state
//! (APP-1..APP-11), the CRC-64 and ETag of appendables (CT-2, CT-5), and the invariants they
//! touch (INV-5, INV-6, ERR-2, ERR-3).

use crate::support::{chain_of, checked, rejected};
use bucket_versioning::request::{AppendObject, DeleteObject, GetObject, SealAppendObject};
use bucket_versioning::wire::Reply;
use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Content, Dialect, ObjectType, Outcome, VersionId,
    Violation,
    config::AppendableVersionIds,
    crc64,
    dialect::MAX_OBJECT_SIZE,
    violation::{ArgumentError, Invariant},
};

// ---------------------------------------------------------------------------------------------
// Helpers

fn oss() -> Bucket {
    Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(7))
}

fn oss_in(status: &str) -> Bucket {
    let mut bucket = oss();
    bucket
        .put_bucket_versioning(status)
        .expect("Enabled and Suspended are valid states");
    bucket
}

/// Runs a command that must succeed and checks the invariants afterwards.
#[track_caller]
fn accepted<T>(
    bucket: &mut Bucket,
    command: impl FnOnce(&mut Bucket) -> Result<T, Violation>,
) -> T {
    let outcome =
        command(bucket).unwrap_or_else(|violation| panic!("unexpected rejection: {violation}"));
    checked(bucket);
    outcome
}

/// One entry of a chain as the tests compare it: ID, kind, sealed flag and size.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Seen {
    id: VersionId,
    kind: Option<ObjectType>,
    sealed: bool,
    size: u64,
}

/// The chain of `key`, newest first (empty when the key has no entries).
#[track_caller]
fn chain(bucket: &Bucket, key: &str) -> Vec<Seen> {
    chain_of(bucket, key, |entry| Seen {
        id: entry.version_id().clone(),
        kind: entry.object_type(),
        sealed: entry.is_sealed(),
        size: entry.size(),
    })
}

#[track_caller]
fn appendable(id: &VersionId, sealed: bool, size: u64) -> Seen {
    Seen {
        id: id.clone(),
        kind: Some(ObjectType::Appendable),
        sealed,
        size,
    }
}

#[track_caller]
fn normal(id: &VersionId, size: u64) -> Seen {
    Seen {
        id: id.clone(),
        kind: Some(ObjectType::Normal),
        sealed: false,
        size,
    }
}

#[track_caller]
fn marker(id: &VersionId) -> Seen {
    Seen {
        id: id.clone(),
        kind: None,
        sealed: false,
        size: 0,
    }
}

/// The head's own version ID (whatever a response reports).
#[track_caller]
fn head_id(bucket: &Bucket, key: &str) -> VersionId {
    bucket
        .chain(key)
        .and_then(|chain| chain.head())
        .map(|head| head.version_id().clone())
        .expect("the key has a head")
}

#[track_caller]
fn fresh_id(id: Option<VersionId>) -> VersionId {
    let id = id.expect("an Enabled bucket reports the ID");
    assert!(!id.is_null(), "expected a fresh ID, got null");
    id
}

/// Creates the appendable `key` with `body` by an append at position 0 in an Enabled bucket
/// and returns its fresh ID (APP-3).
#[track_caller]
fn created(bucket: &mut Bucket, key: &str, body: &str) -> VersionId {
    fresh_id(
        bucket
            .append_object(key, 0, body)
            .expect("position 0 creates the object")
            .version_id,
    )
}

fn oversized(len: u64) -> Body {
    Body::from(Content::from_fingerprint(len, 0, None))
}

mod ids_and_trace;
mod positions;
mod seals_and_limits;
