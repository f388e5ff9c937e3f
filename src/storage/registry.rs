//! The ID registry: the bucket's [`IdSource`] and the record of every version ID it ever gave
//! out (ID-1, ID-5), owned by the store.
//!
//! A generated ID is the source applied to the entry's sequence number, and the default source
//! can invert it, so such an entry keeps no ID at all ([`IdKind::Derived`]): an ID in a request
//! is decoded to a sequence number and looked up in the key's chain. What remains to be
//! recorded is small:
//!
//! - `derived` is the set of sequence numbers `s` whose ID (the source's ID for `s`) was ever
//!   given out, whether to the entry `s` or, supplied by a caller, to another one; a bitset, 64
//!   sequence numbers to a word. It answers "was this ID ever used" for every decodable ID
//!   (ID-1, ID-5), the IDs of entries long gone included.
//! - `named` holds every other ID ever given out (supplied IDs, IDs from a source that cannot
//!   be inverted, fallback IDs), with the sequence number of its entry while that entry lives,
//!   and `names` the live ones by sequence number ([`IdKind::Named`]). A decodable ID is only
//!   in `named` while its entry lives; after that, `derived` has it.

use alloc::collections::BTreeMap;
#[cfg(feature = "serde")]
use alloc::collections::BTreeSet;
#[cfg(feature = "serde")]
use alloc::vec::Vec;

use crate::storage::entry::{Entry, IdKind};
use crate::version_id::{IdSource, VersionId};

/// The version ID a new head entry gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NewId {
    Null,
    /// The source's ID for the entry's sequence number, which the source can decode.
    Derived,
    /// Any other ID, kept in the name index.
    Named(VersionId),
}

/// The ID source and the IDs given out. `source` is the last field, so that a registry of any
/// source can be seen as one of `dyn IdSource` (the views hold that).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Registry<S: ?Sized> {
    pub(crate) derived: BTreeMap<u64, u64>,
    pub(crate) named: BTreeMap<VersionId, Option<u64>>,
    pub(crate) names: BTreeMap<u64, VersionId>,
    /// Where generated IDs come from, at its current position.
    pub(crate) source: S,
}

impl<S> Registry<S> {
    /// A registry that has given out no ID, drawing from `source`.
    pub(crate) fn new(source: S) -> Self {
        Registry {
            derived: BTreeMap::new(),
            named: BTreeMap::new(),
            names: BTreeMap::new(),
            source,
        }
    }
}

impl<S: IdSource + ?Sized> Registry<S> {
    /// The sequence number `id` decodes to, if the source gives `id` to that sequence number.
    pub(crate) fn decoded(&self, id: &VersionId) -> Option<u64> {
        let sequence = self.source.sequence_of(id)?;
        (self.source.version_id(sequence) == *id).then_some(sequence)
    }

    /// The version ID of `entry`, which has `sequence`.
    pub(crate) fn id_of(&self, sequence: u64, entry: &Entry) -> VersionId {
        match entry.id {
            IdKind::Null => VersionId::NULL,
            IdKind::Derived => self.source.version_id(sequence),
            IdKind::Named => self
                .names
                .get(&sequence)
                .cloned()
                .expect("INV-2: every live named entry is in the name index"),
        }
    }

    /// The sequence number of the live entry named `id` (not `null`): the decoded one if that
    /// entry, found by `is_derived_entry`, keeps the source's ID, else the named one's.
    pub(crate) fn live_sequence(
        &self,
        id: &VersionId,
        is_derived_entry: impl FnOnce(u64) -> bool,
    ) -> Option<u64> {
        match self.decoded(id) {
            Some(sequence) if is_derived_entry(sequence) => Some(sequence),
            _ => *self.named.get(id)?,
        }
    }

    /// Whether `id` was ever given to an entry of this bucket.
    pub(crate) fn is_issued(&self, id: &VersionId) -> bool {
        match self.decoded(id) {
            Some(sequence) => self.is_derived(sequence),
            None => self.named.contains_key(id),
        }
    }

    /// Whether the source's ID for `sequence` was ever given out.
    ///
    /// A new sequence number's word is the last one or past it, unless a caller supplied IDs
    /// that decode to later ones, so the last word is looked at first: O(1) then.
    pub(crate) fn is_derived(&self, sequence: u64) -> bool {
        let (index, bit) = (sequence / 64, 1 << (sequence % 64));
        match self.derived.last_key_value() {
            None => false,
            Some((&last, _)) if last < index => false,
            Some((&last, word)) if last == index => word & bit != 0,
            Some(_) => self.derived.get(&index).is_some_and(|word| word & bit != 0),
        }
    }

    fn mark_derived(&mut self, sequence: u64) {
        let (index, bit) = (sequence / 64, 1 << (sequence % 64));
        match self.derived.last_entry() {
            Some(mut last) if *last.key() == index => *last.get_mut() |= bit,
            _ => *self.derived.entry(index).or_default() |= bit,
        }
    }

    /// Records that the entry `sequence` is gone: a named ID stays issued (ID-1), in `named`
    /// if it cannot be decoded and in `derived` (where naming it put it) if it can.
    pub(crate) fn retire(&mut self, sequence: u64, entry: &Entry) {
        if entry.id != IdKind::Named {
            return;
        }
        if let Some(id) = self.names.remove(&sequence) {
            if self.decoded(&id).is_some() {
                self.named.remove(&id);
            } else if let Some(live) = self.named.get_mut(&id) {
                *live = None;
            }
        }
    }

    /// Gives the new entry `sequence` its ID and returns how the entry keeps it.
    ///
    /// The caller has made sure a `Named` ID and, for `Derived`, the source's ID for `sequence`
    /// were never issued (ID-1).
    pub(crate) fn issue(&mut self, sequence: u64, id: NewId) -> IdKind {
        match id {
            NewId::Null => IdKind::Null,
            NewId::Derived => {
                self.mark_derived(sequence);
                IdKind::Derived
            }
            NewId::Named(id) => self.give(sequence, id).0,
        }
    }

    /// Gives `id` (not `null`) to the entry `sequence`, and returns how the entry keeps it and
    /// whether `id` was fresh: never given out before (ID-1). An ID that is the source's own
    /// for `sequence` is kept as derived, whether generated, supplied or restored.
    pub(crate) fn give(&mut self, sequence: u64, id: VersionId) -> (IdKind, bool) {
        let decodes_to = self.decoded(&id);
        let mut fresh = true;
        if let Some(decodes_to) = decodes_to {
            fresh = !self.is_derived(decodes_to);
            self.mark_derived(decodes_to);
        }
        if decodes_to == Some(sequence) {
            return (IdKind::Derived, fresh);
        }
        fresh &= self.named.insert(id.clone(), Some(sequence)).is_none();
        self.names.insert(sequence, id);
        (IdKind::Named, fresh)
    }

    #[cfg(feature = "serde")]
    /// The IDs issued to entries that are gone, in [`VersionId`] order, given the sequence
    /// numbers of the live entries that keep the source's ID.
    pub(crate) fn retired(&self, live_derived: &BTreeSet<u64>) -> Vec<VersionId> {
        // A decodable ID given to another entry than its own sequence number's is marked in
        // `derived` too: it is retired only if it is not live under its name.
        let mut retired: Vec<VersionId> = self
            .derived
            .iter()
            .flat_map(|(&word, &bits)| {
                (0..64)
                    .filter(move |bit| bits & (1u64 << bit) != 0)
                    .map(move |bit| word * 64 + bit)
            })
            .filter(|sequence| !live_derived.contains(sequence))
            .map(|sequence| self.source.version_id(sequence))
            .filter(|id| self.named.get(id).is_none_or(Option::is_none))
            .collect();
        retired.extend(
            self.named
                .iter()
                .filter(|(_, live)| live.is_none())
                .map(|(id, _)| id.clone()),
        );
        retired.sort();
        retired
    }

    #[cfg(feature = "serde")]
    /// Restores `id` (not `null`) as given to an entry that is gone; false if it was given out
    /// already (INV-2).
    pub(crate) fn restore_retired(&mut self, id: VersionId) -> bool {
        match self.decoded(&id) {
            Some(sequence) if self.is_derived(sequence) => false,
            Some(sequence) => {
                self.mark_derived(sequence);
                true
            }
            None => self.named.insert(id, None).is_none(),
        }
    }
}
