//! INV-13 on the real model, shared by the property tests (`tests/support/sequences.rs`,
//! `tests/rules/object_lock.rs`) and the fuzz targets: the versions a command may not remove,
//! collected before it runs, and the check that each is still there after it.
//!
//! Reading of INV-13 beside OL-4 (MODEL): a version held only by a `GOVERNANCE` retention is
//! not kept from a DeleteObject that sets `bypass_governance`, since OL-4 lets that delete
//! remove it by design. A legal hold, a `COMPLIANCE` retention and an oss retention policy
//! (OL-7, which has no bypass) always keep the version.

use bucket_versioning::lock::RetentionMode;
use bucket_versioning::request::{DeleteObject, DeleteObjects};
use bucket_versioning::version_id::IdSource;
use bucket_versioning::{Bucket, Command, VersionId};

/// Whether `command` is a delete (or batch delete) that bypasses `GOVERNANCE` retentions
/// (OL-4).
pub fn bypasses_governance(command: &Command) -> bool {
    matches!(
        command,
        Command::DeleteObject(DeleteObject {
            bypass_governance: Some(true),
            ..
        }) | Command::DeleteObjects(DeleteObjects {
            bypass_governance: Some(true),
            ..
        })
    )
}

/// A version a command may not remove: its key, its ID, and its sequence number, which tells it
/// from a later entry that takes the same ID (a `null` one that replaces it, PUT-3, APP-11).
pub type HeldVersion = (String, VersionId, u64);

/// The versions of `bucket` that a command may not remove (INV-13): every version that is
/// locked (OL-3) or protected (OL-7) now, less one held only by a `GOVERNANCE` retention when
/// the command bypasses it (`bypass`, see [`bypasses_governance`]).
pub fn held_versions<S: IdSource>(bucket: &Bucket<S>, bypass: bool) -> Vec<HeldVersion> {
    let mut held = Vec::new();
    for chain in bucket.chains() {
        let key = chain.key().as_str();
        for entry in chain.iter() {
            let id = entry.version_id();
            if !bucket.is_held(key, id) {
                continue;
            }
            let governance_only =
                bucket
                    .object_lock_of(key, Some(id))
                    .is_ok_and(|(retention, hold)| {
                        !hold && retention.is_some_and(|r| r.mode == RetentionMode::Governance)
                    });
            // An s3 bucket has no retention policy, so OL-3 alone holds such a version.
            if bypass && governance_only {
                continue;
            }
            held.push((key.to_string(), id.clone(), entry.sequence()));
        }
    }
    held
}

/// INV-13: every version in `held` (collected by [`held_versions`] before `command` ran) is
/// still in `after`, the same entry (not a new one with its ID); the error names INV-13, the
/// command and the version.
pub fn check_held_kept<S: IdSource>(
    held: &[HeldVersion],
    after: &Bucket<S>,
    command: &dyn std::fmt::Debug,
) -> Result<(), String> {
    for (key, id, sequence) in held {
        let kept = after.chain(key).is_some_and(|chain| {
            chain
                .iter()
                .any(|entry| entry.version_id() == id && entry.sequence() == *sequence)
        });
        if !kept {
            return Err(format!(
                "INV-13: {command:?} removed the held version {key} {id}"
            ));
        }
    }
    Ok(())
}
