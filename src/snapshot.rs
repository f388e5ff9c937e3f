//! Snapshots (feature `serde`): a [`Bucket`] serializes to a snapshot and is restored from one
//! with identical behaviour — the ID source's position included, so the next generated IDs
//! match. A snapshot that is corrupt or inconsistent is refused whole, with an error naming
//! the invariant it breaks; it is never accepted half-valid.
//!
//! # Format
//!
//! ```text
//! {
//!   "format": 1,
//!   "config": {"dialect": "oss", "seed": 0, "appendable_version_ids": "fresh"},
//!   "versioning": "Enabled", "versioning_configured": true, "now": 0,
//!   "id_source": {"seed": 0, "draws": 3},
//!   "next_sequence": 3,
//!   "chains": [{"key": "k", "entries": [{"sequence": 2, "version_id": "…", "created": 0,
//!                                         "body": "DeleteMarker"}, …]}],
//!   "retired_version_ids": ["…"],
//!   "uploads": {…},
//!   "lifecycle": [{"id": "rule-1", "status": "Enabled", …}]
//! }
//! ```
//!
//! An entry whose version carries tags or metadata (TAG-1, TAG-5) has an `attributes` object
//! (`tags`, `content_type`, `metadata`, `storage_class`, each left out at its default), and so
//! has an upload given them at Initiate; a snapshot written before they existed has none and
//! loads with the defaults. A delete marker with attributes, or a tag set breaking TAG-3, is
//! refused as breaking INV-11. A Symlink entry (SYM-2) has the body form `"Symlink"` and its
//! target key as `target` in its `attributes`; a link without a valid target, with content, or
//! a target on anything else is refused as breaking INV-11 too. Snapshots written before
//! symlinks existed have neither and load unchanged.
//!
//! Each chain lists its entries newest first with their sequence numbers; the indexes (the
//! null slot, the record of IDs given out, the current view, the counts) are not stored but
//! rebuilt on restore. `lifecycle` (absent when the bucket has no configuration) holds the
//! rules as GetBucketLifecycle returns them; restoring validates them again (INV-12) and
//! rebuilds the due index from the chains. `retired_version_ids` are the IDs once given to entries that are gone
//! (ID-1 keeps them from being given again), in [`VersionId`] order.
//!
//! `object_lock` (s3, OL-1: `{"default_retention": {"mode", "days" | "years"}}`) and `worm`
//! (oss, OL-7: `{"days", "state": "InProgress" | "Locked"}`) are absent when the bucket has
//! neither. An entry's `attributes` carry its `retention` (`{"mode", "retain_until"}`) and
//! `legal_hold` (OL-2). Restoring refuses, as breaking INV-12, Object Lock on a bucket that
//! is not Enabled, a retention policy on a Suspended bucket, a policy's days out of range and
//! a default retention without a period, and as breaking INV-11 a retention or legal hold on
//! a delete marker or in a bucket without Object Lock.
//!
//! An entry no command could have made is refused as breaking INV-6: an MD5 on an appendable
//! or multipart object or on a copy whose ETag comes from its parts or its CRC (CT-2), or a
//! modification time other than the creation time on an object that is not appendable
//! (APP-4: only appends change an object). The store keeps entries packed on these facts.

use alloc::format;
use alloc::vec::Vec;

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};

use crate::bucket::Bucket;
use crate::config::BucketConfig;
use crate::key::ObjectKey;
use crate::lifecycle::config::LifecycleRule;
use crate::lock::{ObjectLockConfiguration, Worm};
use crate::storage::attributes::Attributes;
use crate::storage::entry::EntryBody;
use crate::storage::store::{DueIndex, Store};
use crate::storage::uploads::Uploads;
use crate::version_id::{IdSource, VersionId};
use crate::versioning::VersioningState;
use crate::violation::{Invariant, InvariantViolation};

/// The snapshot format this crate writes and reads.
const FORMAT: u32 = 1;

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Snapshot<S> {
    format: u32,
    config: BucketConfig,
    versioning: VersioningState,
    versioning_configured: bool,
    now: u64,
    id_source: S,
    next_sequence: u64,
    chains: Vec<ChainSnapshot>,
    retired_version_ids: Vec<VersionId>,
    uploads: Uploads,
    /// The lifecycle configuration, absent when there is none (LC-14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lifecycle: Option<Vec<LifecycleRule>>,
    /// s3 Object Lock (OL-1), absent when off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    object_lock: Option<ObjectLockConfiguration>,
    /// The oss retention policy (OL-7), absent when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    worm: Option<Worm>,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ChainSnapshot {
    key: ObjectKey,
    entries: Vec<EntrySnapshot>,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EntrySnapshot {
    sequence: u64,
    version_id: VersionId,
    created: u64,
    body: EntryBody,
    /// The version's tags and metadata (TAG-1, TAG-5); absent for the defaults, so a snapshot
    /// written before they existed loads.
    #[serde(default, skip_serializing_if = "Attributes::is_default")]
    attributes: Attributes,
}

impl<S: Serialize + Clone + IdSource> Serialize for Bucket<S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let (chains, retired) = self.store.export();
        let chains = chains
            .into_iter()
            .map(|(key, entries)| ChainSnapshot {
                key,
                entries: entries
                    .into_iter()
                    .map(
                        |(sequence, version_id, created, body, attributes)| EntrySnapshot {
                            sequence,
                            version_id,
                            created,
                            body,
                            attributes,
                        },
                    )
                    .collect(),
            })
            .collect();
        Snapshot {
            format: FORMAT,
            config: self.config,
            versioning: self.versioning,
            versioning_configured: self.versioning != VersioningState::Unversioned,
            now: self.now,
            id_source: self.store.ids.source.clone(),
            next_sequence: self.store.next_sequence,
            chains,
            retired_version_ids: retired,
            uploads: self.uploads.clone(),
            lifecycle: self.lifecycle.clone(),
            object_lock: self.object_lock,
            worm: self.worm,
        }
        .serialize(serializer)
    }
}

/// Restores a bucket from a snapshot, refusing one that breaks an invariant (INV-1..INV-8) or
/// is of another format, with an error that names the invariant.
impl<'de, S: Deserialize<'de> + IdSource> Deserialize<'de> for Bucket<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let snapshot = Snapshot::<S>::deserialize(deserializer)?;
        if snapshot.format != FORMAT {
            return Err(D::Error::custom(format!(
                "snapshot refused: format {} is not {FORMAT}",
                snapshot.format
            )));
        }
        let refused = |violation| D::Error::custom(format!("snapshot refused: {violation}"));
        let chains = snapshot
            .chains
            .into_iter()
            .map(|chain| {
                let entries = chain
                    .entries
                    .into_iter()
                    .map(|entry| {
                        (
                            entry.sequence,
                            entry.version_id,
                            entry.created,
                            entry.body,
                            entry.attributes,
                        )
                    })
                    .collect();
                (chain.key, entries)
            })
            .collect();
        let store = Store::restore(
            snapshot.id_source,
            chains,
            snapshot.retired_version_ids,
            snapshot.next_sequence,
        )
        .map_err(refused)?;
        // INV-8: the state is Unversioned exactly when versioning was never configured; a
        // bucket keeps no separate history, so a snapshot whose two disagree is refused here.
        if snapshot.versioning_configured != (snapshot.versioning != VersioningState::Unversioned) {
            return Err(refused(InvariantViolation {
                invariant: Invariant::NoReturnToUnversioned,
                key: None,
                detail: format!(
                    "the state is {} but versioning {} configured",
                    snapshot.versioning,
                    if snapshot.versioning_configured {
                        "was"
                    } else {
                        "was never"
                    }
                ),
            }));
        }
        let mut uploads = snapshot.uploads;
        uploads.reindex();
        let mut store = store;
        if snapshot.lifecycle.is_some() {
            store.due = Some(DueIndex::build(&store.chains));
        }
        let bucket = Bucket {
            config: snapshot.config,
            versioning: snapshot.versioning,
            now: snapshot.now,
            store,
            uploads,
            lifecycle: snapshot.lifecycle,
            object_lock: snapshot.object_lock,
            worm: snapshot.worm,
        };
        bucket.check_invariants().map_err(refused)?;
        Ok(bucket)
    }
}
