//! The due index: what a lifecycle run needs to find due entries without scanning the bucket
//! (LC-1, LC-2, LC-3, LC-11), kept by the store while the bucket has a lifecycle configuration.
//!
//! Every entry of a chain has exactly one record, or none, and the record is a function of the
//! chain alone:
//!
//! - a noncurrent entry: `(successor's creation, key, sequence)` in `noncurrent` — LC-2's
//!   reference time;
//! - a head that is an object version: `(creation, key)` in `heads`. LC-1 ages a head by its
//!   Last-Modified, which an append moves later (LC-0); the creation is a lower bound for it,
//!   so a query by creation finds every due head and the run checks the Last-Modified itself;
//! - a delete marker that is its key's only entry: `(creation, key, sequence)` in
//!   `lone_markers` (LC-3).
//!
//! Times in the index are creation times, which never change, so a command changes only the
//! records of the entries next to the one it adds or removes: the old head, the removed entry
//! and the entry below it. The store forgets those records before the change and writes them
//! again after it; a run then reads the due records with one range query each:
//! O(due × log n).

use alloc::collections::{BTreeMap, BTreeSet};
use core::ops::Bound;

use crate::key::ObjectKey;
use crate::storage::store::{Chain, Clear};

/// The lifecycle records of every entry, by the time each is due from (see the module doc).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DueIndex {
    /// Noncurrent entries: (successor's creation, key, sequence).
    pub(crate) noncurrent: BTreeSet<(u64, ObjectKey, u64)>,
    /// Keys whose head is an object version: (head's creation, key).
    pub(crate) heads: BTreeSet<(u64, ObjectKey)>,
    /// Keys whose only entry is a delete marker: (its creation, key, sequence).
    pub(crate) lone_markers: BTreeSet<(u64, ObjectKey, u64)>,
}

/// One entry's record in the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Record {
    Noncurrent { since: u64, sequence: u64 },
    Head { created: u64 },
    LoneMarker { created: u64, sequence: u64 },
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

/// Upper bounds for a range over `(time, key, …)` tuples: every record with a time up to
/// `bound`, inclusive.
fn through<T: Ord>(
    bound: u64,
    set: &BTreeSet<(u64, ObjectKey, T)>,
) -> impl Iterator<Item = &(u64, ObjectKey, T)> {
    set.iter().take_while(move |(time, _, _)| *time <= bound)
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

    /// Noncurrent entries whose successor was created at or before `bound`.
    pub(crate) fn noncurrent_through(
        &self,
        bound: u64,
    ) -> impl Iterator<Item = &(u64, ObjectKey, u64)> {
        through(bound, &self.noncurrent)
    }

    /// Keys whose object head was created at or before `bound`.
    pub(crate) fn heads_through(&self, bound: u64) -> impl Iterator<Item = &ObjectKey> {
        self.heads
            .iter()
            .take_while(move |(created, _)| *created <= bound)
            .map(|(_, key)| key)
    }

    /// Lone delete markers created at or before `bound`.
    pub(crate) fn lone_markers_through(
        &self,
        bound: u64,
    ) -> impl Iterator<Item = &(u64, ObjectKey, u64)> {
        through(bound, &self.lone_markers)
    }

    fn insert(&mut self, key: &ObjectKey, record: Record) {
        match record {
            Record::Noncurrent { since, sequence } => {
                self.noncurrent.insert((since, key.clone(), sequence));
            }
            Record::Head { created } => {
                self.heads.insert((created, key.clone()));
            }
            Record::LoneMarker { created, sequence } => {
                self.lone_markers.insert((created, key.clone(), sequence));
            }
        }
    }

    fn remove(&mut self, key: &ObjectKey, record: Record) {
        match record {
            Record::Noncurrent { since, sequence } => {
                self.noncurrent.remove(&(since, key.clone(), sequence));
            }
            Record::Head { created } => {
                self.heads.remove(&(created, key.clone()));
            }
            Record::LoneMarker { created, sequence } => {
                self.lone_markers.remove(&(created, key.clone(), sequence));
            }
        }
    }

    /// Forgets the records of `touched` in `chain` before a change.
    fn forget(&mut self, key: &ObjectKey, chain: &Chain, touched: &Touched) {
        for sequence in touched.iter().flatten() {
            if let Some(record) = chain.record(*sequence) {
                self.remove(key, record);
            }
        }
    }

    /// Before a new head enters `chain` after clearing what `clear` says: forgets the records
    /// the push changes (the old head's; the null entry's and the one below it for
    /// [`Clear::Null`]; all of them for [`Clear::Chain`]) and returns the entries to record
    /// again after it.
    pub(crate) fn before_push(&mut self, key: &ObjectKey, chain: &Chain, clear: Clear) -> Touched {
        let head = chain.head().map(|(sequence, _)| sequence);
        let touched = match clear {
            Clear::Chain => {
                self.forget_chain(key, chain);
                return [None; 3];
            }
            Clear::Null => {
                let null = chain.null_sequence();
                [head, null, null.and_then(|null| chain.older(null))]
            }
            Clear::Nothing => [head, None, None],
        };
        self.forget(key, chain, &touched);
        touched
    }

    /// Before the entry `sequence` leaves `chain`: forgets the records the removal changes
    /// (its own, the one below it, the head's) and returns the entries to record again.
    pub(crate) fn before_remove(
        &mut self,
        key: &ObjectKey,
        chain: &Chain,
        sequence: u64,
    ) -> Touched {
        let head = chain.head().map(|(head, _)| head);
        let touched = [Some(sequence), chain.older(sequence), head];
        self.forget(key, chain, &touched);
        // After the removal the entry below becomes the head if the removed one was.
        [chain.older(sequence), head, None]
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
    pub(crate) fn forget_chain(&mut self, key: &ObjectKey, chain: &Chain) {
        for (sequence, _) in chain.newest_first(Bound::Unbounded) {
            if let Some(record) = chain.record(sequence) {
                self.remove(key, record);
            }
        }
    }
}
