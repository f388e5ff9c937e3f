//! The due index: what a lifecycle run needs to find due entries without scanning the bucket
//! (LC-1, LC-2, LC-3, LC-11), kept by the store while the bucket has a lifecycle configuration.
//!
//! Every entry of a chain has exactly one record, or none, and the record is a function of the
//! chain alone:
//!
//! - a noncurrent entry: `(successor's creation, sequence) → key` in `noncurrent` — LC-2's
//!   reference time;
//! - a head that is an object version: `(creation, sequence) → key` in `heads`. LC-1 ages a
//!   head by its Last-Modified, which an append moves later (LC-0); the creation is a lower
//!   bound for it, so a query by creation finds every due head and the run checks the
//!   Last-Modified itself;
//! - a delete marker that is its key's only entry: `(creation, sequence) → key` in
//!   `lone_markers` (LC-3).
//!
//! Sequence numbers are unique in the bucket, so `(time, sequence)` names a record, and the
//! index compares integers only; the key rides along as the value.
//!
//! Times in the index are creation times, which never change, so a command changes only the
//! records of the entries next to the one it adds or removes: the old head, the removed entry
//! and the entry below it. The store forgets those records before the change and writes them
//! again after it; a run then reads the due records with one range query each:
//! O(due × log n).

use alloc::collections::BTreeMap;
use core::ops::Bound;

use crate::key::ObjectKey;
use crate::storage::store::{Chain, Clear};

/// The lifecycle records of every entry, by the time each is due from (see the module doc).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DueIndex {
    /// Noncurrent entries: (successor's creation, sequence) → key.
    pub(crate) noncurrent: BTreeMap<(u64, u64), ObjectKey>,
    /// Heads that are object versions: (creation, sequence) → key.
    pub(crate) heads: BTreeMap<(u64, u64), ObjectKey>,
    /// Delete markers that are their key's only entry: (creation, sequence) → key.
    pub(crate) lone_markers: BTreeMap<(u64, u64), ObjectKey>,
}

/// One entry's record in the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Record {
    Noncurrent { since: u64, sequence: u64 },
    Head { created: u64, sequence: u64 },
    LoneMarker { created: u64, sequence: u64 },
}

impl Record {
    /// The set the record belongs in, and its place there.
    fn place(self) -> (Set, (u64, u64)) {
        match self {
            Record::Noncurrent { since, sequence } => (Set::Noncurrent, (since, sequence)),
            Record::Head { created, sequence } => (Set::Heads, (created, sequence)),
            Record::LoneMarker { created, sequence } => (Set::LoneMarkers, (created, sequence)),
        }
    }
}

#[derive(Clone, Copy)]
enum Set {
    Noncurrent,
    Heads,
    LoneMarkers,
}

/// The entries whose records a change may alter: at most three sequence numbers.
pub(crate) type Touched = [Option<u64>; 3];

impl Chain {
    /// The record of the entry `sequence`, as the chain now stands.
    fn record(&self, sequence: u64) -> Option<Record> {
        let entry = self.get(sequence)?;
        match self.successor(sequence) {
            Some(newer) => Some(Record::Noncurrent {
                since: newer.created(),
                sequence,
            }),
            None if entry.is_delete_marker() => (self.len() == 1).then_some(Record::LoneMarker {
                created: entry.created(),
                sequence,
            }),
            None => Some(Record::Head {
                created: entry.created(),
                sequence,
            }),
        }
    }

    /// The next newer entry than `sequence`: its successor (LC-2).
    fn successor(&self, sequence: u64) -> Option<&crate::storage::entry::Entry> {
        let version = self
            .versions
            .range((Bound::Excluded(sequence), Bound::Unbounded))
            .next();
        let null = self.null.as_deref().filter(|(null, _)| *null > sequence);
        match (version, null) {
            (Some((newer, entry)), Some((null, null_entry))) => {
                Some(if newer < null { entry } else { null_entry })
            }
            (Some((_, entry)), None) => Some(entry),
            (None, Some((_, entry))) => Some(entry),
            (None, None) => None,
        }
    }

    /// The sequence number of the next older entry than `sequence`.
    fn older(&self, sequence: u64) -> Option<u64> {
        self.newest_first(Bound::Excluded(sequence))
            .next()
            .map(|(older, _)| older)
    }
}

/// The records of `set` with a time up to `bound`, inclusive, by time.
fn through(
    bound: u64,
    set: &BTreeMap<(u64, u64), ObjectKey>,
) -> impl Iterator<Item = (u64, &ObjectKey, u64)> {
    set.range(..=(bound, u64::MAX))
        .map(|(&(time, sequence), key)| (time, key, sequence))
}

impl DueIndex {
    /// The index of `chains`, built from scratch: O(n log n).
    pub(crate) fn build(chains: &BTreeMap<ObjectKey, Chain>) -> DueIndex {
        let mut index = DueIndex::default();
        for (key, chain) in chains {
            for (sequence, _) in chain.newest_first(Bound::Unbounded) {
                if let Some(record) = chain.record(sequence) {
                    index.insert(key, record);
                }
            }
        }
        index
    }

    /// Noncurrent entries whose successor was created at or before `bound`: (successor's
    /// creation, key, sequence).
    pub(crate) fn noncurrent_through(
        &self,
        bound: u64,
    ) -> impl Iterator<Item = (u64, &ObjectKey, u64)> {
        through(bound, &self.noncurrent)
    }

    /// Keys whose object head was created at or before `bound`.
    pub(crate) fn heads_through(&self, bound: u64) -> impl Iterator<Item = &ObjectKey> {
        through(bound, &self.heads).map(|(_, key, _)| key)
    }

    /// Lone delete markers created at or before `bound`: (creation, key, sequence).
    pub(crate) fn lone_markers_through(
        &self,
        bound: u64,
    ) -> impl Iterator<Item = (u64, &ObjectKey, u64)> {
        through(bound, &self.lone_markers)
    }

    fn set(&mut self, set: Set) -> &mut BTreeMap<(u64, u64), ObjectKey> {
        match set {
            Set::Noncurrent => &mut self.noncurrent,
            Set::Heads => &mut self.heads,
            Set::LoneMarkers => &mut self.lone_markers,
        }
    }

    fn insert(&mut self, key: &ObjectKey, record: Record) {
        let (set, place) = record.place();
        self.set(set).insert(place, key.clone());
    }

    fn remove(&mut self, record: Record) {
        let (set, place) = record.place();
        self.set(set).remove(&place);
    }

    /// Forgets the records of `touched` in `chain` before a change.
    fn forget(&mut self, chain: &Chain, touched: &Touched) {
        for sequence in touched.iter().flatten() {
            if let Some(record) = chain.record(*sequence) {
                self.remove(record);
            }
        }
    }

    /// Before a new head enters `chain` after clearing what `clear` says: forgets the records
    /// the push changes (the old head's; the null entry's and the one below it for
    /// [`Clear::Null`]; all of them for [`Clear::Chain`]) and returns the entries to record
    /// again after it.
    pub(crate) fn before_push(&mut self, chain: &Chain, clear: Clear) -> Touched {
        let head = chain.head().map(|(sequence, _)| sequence);
        let touched = match clear {
            Clear::Chain => {
                self.forget_chain(chain);
                return [None; 3];
            }
            Clear::Null => {
                let null = chain.null_sequence();
                [head, null, null.and_then(|null| chain.older(null))]
            }
            Clear::Nothing => [head, None, None],
        };
        self.forget(chain, &touched);
        touched
    }

    /// Before the entry `sequence` leaves `chain`: forgets the records the removal changes
    /// (its own, the one below it, the head's) and returns the entries to record again.
    pub(crate) fn before_remove(&mut self, chain: &Chain, sequence: u64) -> Touched {
        let head = chain.head().map(|(head, _)| head);
        let older = chain.older(sequence);
        self.forget(chain, &[Some(sequence), older, head]);
        // After the removal the entry below becomes the head if the removed one was.
        [older, head, None]
    }

    /// After a change of `chain`: records `touched` and `added` as the chain now stands.
    pub(crate) fn after(
        &mut self,
        key: &ObjectKey,
        chain: &Chain,
        touched: &Touched,
        added: Option<u64>,
    ) {
        for sequence in touched.iter().flatten().chain(added.as_ref()) {
            if let Some(record) = chain.record(*sequence) {
                self.insert(key, record);
            }
        }
    }

    /// Forgets every record of `chain` (DEL-2, PUT-1).
    pub(crate) fn forget_chain(&mut self, chain: &Chain) {
        for (sequence, _) in chain.newest_first(Bound::Unbounded) {
            if let Some(record) = chain.record(sequence) {
                self.remove(record);
            }
        }
    }
}
