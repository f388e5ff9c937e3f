//! The version store: every chain of the bucket, indexed so that each command costs
//! O(log n) whatever the chain length.
//!
//! - `chains` maps each key (KEY-3 byte order) to its [`Chain`]: entries keyed by their
//!   bucket-wide sequence number (ID-4), so the head is the last entry and a chain reads newest
//!   first by iterating backwards; plus the sequence number of the key's null entry, if any
//!   (ID-3), so the null slot is found without a scan (PUT-3, DEL-4).
//! - `issued` holds every non-null version ID the bucket ever gave out, with the sequence
//!   number of its entry while that entry lives. It answers "find this version of this key"
//!   (the entry must also be in the key's chain) and "was this ID ever used" (ID-1, ID-5).
//! - `current_view` holds the keys whose head is an object version, not a delete marker: the
//!   keys ListObjects lists (LST-7). It lets a page of the current view skip keys hidden by
//!   delete markers with one seek instead of walking them. Every change of a head goes through
//!   `push_head`, `remove` or `remove_chain`, which keep it up to date.

use alloc::collections::{BTreeMap, BTreeSet};
#[cfg(feature = "serde")]
use alloc::vec::Vec;

use crate::entry::{Entry, EntryBody};
#[cfg(feature = "serde")]
use crate::invariants::{Invariant, InvariantViolation};
use crate::key::ObjectKey;
use crate::version_id::VersionId;

/// A key and its entries, newest first, each with its sequence number: a chain as a snapshot
/// keeps it.
#[cfg(feature = "serde")]
pub(crate) type ChainExport = (ObjectKey, Vec<(u64, Entry)>);

/// One key's entries, oldest first by sequence number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Chain {
    pub(crate) entries: BTreeMap<u64, Entry>,
    pub(crate) null_sequence: Option<u64>,
}

impl Chain {
    /// The head (current version) and its sequence number.
    pub(crate) fn head(&self) -> Option<(u64, &Entry)> {
        self.entries
            .last_key_value()
            .map(|(seq, entry)| (*seq, entry))
    }
}

/// All chains, the ID index and the sequence counter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Store {
    pub(crate) chains: BTreeMap<ObjectKey, Chain>,
    pub(crate) issued: BTreeMap<VersionId, Option<u64>>,
    pub(crate) current_view: BTreeSet<ObjectKey>,
    pub(crate) next_sequence: u64,
    pub(crate) entry_count: usize,
}

impl Store {
    pub(crate) fn chain(&self, key: &ObjectKey) -> Option<&Chain> {
        self.chains.get(key)
    }

    pub(crate) fn head(&self, key: &ObjectKey) -> Option<(u64, &Entry)> {
        self.chain(key)?.head()
    }

    pub(crate) fn head_mut(&mut self, key: &ObjectKey) -> Option<&mut Entry> {
        self.chains.get_mut(key)?.entries.values_mut().next_back()
    }

    /// The sequence number of `key`'s entry named `id`, if there is one.
    pub(crate) fn find(&self, key: &ObjectKey, id: &VersionId) -> Option<u64> {
        let chain = self.chain(key)?;
        if id.is_null() {
            return chain.null_sequence;
        }
        let sequence = (*self.issued.get(id)?)?;
        chain.entries.contains_key(&sequence).then_some(sequence)
    }

    pub(crate) fn entry(&self, key: &ObjectKey, sequence: u64) -> Option<&Entry> {
        self.chain(key)?.entries.get(&sequence)
    }

    /// Whether `id` was ever given to an entry of this bucket.
    pub(crate) fn is_issued(&self, id: &VersionId) -> bool {
        self.issued.contains_key(id)
    }

    /// Removes the entry with `sequence` from `key`'s chain; an emptied chain disappears (DEL-6).
    pub(crate) fn remove(&mut self, key: &ObjectKey, sequence: u64) -> Option<Entry> {
        let chain = self.chains.get_mut(key)?;
        let entry = chain.entries.remove(&sequence)?;
        if entry.version_id.is_null() {
            chain.null_sequence = None;
        } else if let Some(live) = self.issued.get_mut(&entry.version_id) {
            // The ID stays issued for the bucket's whole life (ID-1).
            *live = None;
        }
        if chain.entries.is_empty() {
            self.chains.remove(key);
        }
        self.entry_count -= 1;
        self.refresh_current_view(key);
        Some(entry)
    }

    /// Removes `key`'s null entry wherever it sits (PUT-3, DEL-4).
    pub(crate) fn remove_null(&mut self, key: &ObjectKey) -> Option<Entry> {
        let sequence = self.chain(key)?.null_sequence?;
        self.remove(key, sequence)
    }

    /// Removes `key`'s whole chain (PUT-1, DEL-2).
    pub(crate) fn remove_chain(&mut self, key: &ObjectKey) {
        let Some(chain) = self.chains.remove(key) else {
            return;
        };
        self.current_view.remove(key);
        for entry in chain.entries.values() {
            if let Some(live) = self.issued.get_mut(&entry.version_id) {
                *live = None;
            }
        }
        self.entry_count -= chain.entries.len();
    }

    /// Puts a new entry at the head of `key`'s chain under the next sequence number.
    ///
    /// The caller has made sure a null `id` has no other null entry in the chain (ID-3) and a
    /// non-null `id` was never issued (ID-1).
    pub(crate) fn push_head(
        &mut self,
        key: &ObjectKey,
        id: VersionId,
        created: u64,
        body: EntryBody,
    ) {
        let sequence = self.next_sequence;
        self.next_sequence += 1;
        let chain = match self.chains.get_mut(key) {
            Some(chain) => chain,
            None => self.chains.entry(key.clone()).or_default(),
        };
        if id.is_null() {
            chain.null_sequence = Some(sequence);
        } else {
            self.issued.insert(id.clone(), Some(sequence));
        }
        chain.entries.insert(
            sequence,
            Entry {
                version_id: id,
                created,
                body,
            },
        );
        self.entry_count += 1;
        self.refresh_current_view(key);
    }

    #[cfg(feature = "serde")]
    /// Every chain with its entries newest first (with their sequence numbers), and the IDs
    /// issued to entries that are gone: what a snapshot keeps. The indexes are left out; they
    /// are derived again by [`Store::restore`].
    pub(crate) fn export(&self) -> (Vec<ChainExport>, Vec<VersionId>) {
        let chains = self
            .chains
            .iter()
            .map(|(key, chain)| {
                let entries = chain
                    .entries
                    .iter()
                    .rev()
                    .map(|(&sequence, entry)| (sequence, entry.clone()))
                    .collect();
                (key.clone(), entries)
            })
            .collect();
        let retired = self
            .issued
            .iter()
            .filter(|(_, live)| live.is_none())
            .map(|(id, _)| id.clone())
            .collect();
        (chains, retired)
    }

    #[cfg(feature = "serde")]
    /// Rebuilds a store, its indexes included, from what [`Store::export`] gives. Refuses
    /// entries out of order (INV-3), a second null entry of a key or an ID given twice (INV-2);
    /// the other invariants are for [`Bucket::check_invariants`](crate::Bucket::check_invariants)
    /// to check on the result.
    pub(crate) fn restore(
        chains: Vec<ChainExport>,
        retired: Vec<VersionId>,
        next_sequence: u64,
    ) -> Result<Store, InvariantViolation> {
        let mut store = Store {
            next_sequence,
            ..Store::default()
        };
        for (key, entries) in chains {
            let fail = |invariant, detail: &str| InvariantViolation {
                invariant,
                key: Some(key.clone()),
                detail: detail.into(),
            };
            if store.chains.contains_key(&key) {
                return Err(fail(Invariant::NoEmptyChain, "the key has two chains"));
            }
            let mut chain = Chain::default();
            let mut newer: Option<u64> = None;
            for (sequence, entry) in entries {
                if newer.is_some_and(|newer| sequence >= newer) {
                    return Err(fail(
                        Invariant::SequenceOrder,
                        "the entries are not strictly newest first by sequence number",
                    ));
                }
                newer = Some(sequence);
                if entry.version_id.is_null() {
                    if chain.null_sequence.replace(sequence).is_some() {
                        return Err(fail(
                            Invariant::UniqueVersionIds,
                            "the key has two null entries",
                        ));
                    }
                } else if store
                    .issued
                    .insert(entry.version_id.clone(), Some(sequence))
                    .is_some()
                {
                    return Err(fail(
                        Invariant::UniqueVersionIds,
                        "a version ID is given twice",
                    ));
                }
                chain.entries.insert(sequence, entry);
                store.entry_count += 1;
            }
            store.chains.insert(key.clone(), chain);
            store.refresh_current_view(&key);
        }
        for id in retired {
            if id.is_null() || store.issued.insert(id, None).is_some() {
                return Err(InvariantViolation {
                    invariant: Invariant::UniqueVersionIds,
                    key: None,
                    detail: "a retired version ID is null or given twice".into(),
                });
            }
        }
        Ok(store)
    }

    /// Puts `key` into the current view exactly when its head is an object version (LST-7).
    fn refresh_current_view(&mut self, key: &ObjectKey) {
        let visible = self
            .head(key)
            .is_some_and(|(_, head)| !head.is_delete_marker());
        if !visible {
            self.current_view.remove(key);
        } else if !self.current_view.contains(key) {
            self.current_view.insert(key.clone());
        }
    }
}
