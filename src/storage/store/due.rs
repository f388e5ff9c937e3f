//! The due index: what a lifecycle run needs to find due entries without scanning the bucket
//! (LC-1, LC-2, LC-3, LC-11), kept by the store while the bucket has a lifecycle configuration.
//!
//! Each chain has at most two records, and they are a function of the chain alone:
//!
//! - a chain with noncurrent entries: `(creation of the bottom entry's successor, the bottom
//!   entry's sequence) → key` in `noncurrent`. That is the earliest LC-2 reference time among
//!   the chain's noncurrent entries, because creation times never decrease up a chain (LC-0:
//!   the clock only moves forward), so a run finds every chain with a due noncurrent entry with
//!   one range query, and walks each such chain from the bottom while its entries are due;
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
//! Times in the index are creation times, which never change, so a command changes a chain's
//! records only when it changes the chain's bottom two entries or its head. The store reads
//! the chain's records before a change and after it, and rewrites those that differ: a put on a
//! chain that already has noncurrent entries rewrites the head record alone, and a run that
//! removes many entries of one chain rewrites its records once. A run reads the due records
//! with one range query each: O(due × log n).

use alloc::collections::BTreeMap;
use core::ops::Bound;

use crate::key::ObjectKey;
use crate::storage::entry::Entry;
use crate::storage::store::Chain;

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

/// One record of a chain.
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

/// A chain's records: the noncurrent one, then the head's or the lone marker's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Records([Option<Record>; 2]);

impl Records {
    /// The records of a chain that is gone.
    pub(crate) const GONE: Records = Records([None, None]);
}

impl Chain {
    /// The chain's records, as it now stands.
    pub(crate) fn due_records(&self) -> Records {
        let mut oldest_first = self.newest_first(Bound::Unbounded).rev();
        let noncurrent = match (oldest_first.next(), oldest_first.next()) {
            (Some((sequence, _)), Some((_, successor))) => Some(Record::Noncurrent {
                since: successor.created(),
                sequence,
            }),
            _ => None,
        };
        let top = self.head().and_then(|(sequence, head)| {
            let created = head.created();
            if !head.is_delete_marker() {
                Some(Record::Head { created, sequence })
            } else {
                (self.len() == 1).then_some(Record::LoneMarker { created, sequence })
            }
        });
        Records([noncurrent, top])
    }

    /// The noncurrent entries oldest first, each with its LC-2 reference time (its successor's
    /// creation), which never decreases along the way (LC-0).
    pub(crate) fn noncurrent_oldest_first(&self) -> impl Iterator<Item = (u64, u64, &Entry)> {
        let mut oldest_first = self.newest_first(Bound::Unbounded).rev().peekable();
        core::iter::from_fn(move || {
            let (sequence, entry) = oldest_first.next()?;
            let (_, successor) = oldest_first.peek()?;
            Some((successor.created(), sequence, entry))
        })
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
            for record in chain.due_records().0.into_iter().flatten() {
                index.insert(key, record);
            }
        }
        index
    }

    /// Keys with a noncurrent entry whose successor was created at or before `bound`.
    pub(crate) fn noncurrent_through(&self, bound: u64) -> impl Iterator<Item = &ObjectKey> {
        through(bound, &self.noncurrent).map(|(_, key, _)| key)
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

    /// After a change of `key`'s chain: replaces the records it had before (`before`) with
    /// those it has now (`after`, all `None` for a chain that is gone), touching only those
    /// that differ.
    pub(crate) fn update(&mut self, key: &str, before: Records, after: Records) {
        for (old, new) in before.0.into_iter().zip(after.0) {
            if old != new {
                if let Some(old) = old {
                    self.remove(old);
                }
                if let Some(new) = new {
                    self.insert(&ObjectKey::new(key), new);
                }
            }
        }
    }
}
