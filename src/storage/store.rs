//! The version store: every chain of the bucket, indexed so that each command costs
//! O(log n) whatever the chain length.
//!
//! - `chains` maps each key (KEY-3 byte order) to its [`Chain`]: entries keyed by their
//!   bucket-wide sequence number (ID-4), so the head is the last entry and a chain reads newest
//!   first by iterating backwards; plus the sequence number of the key's null entry, if any
//!   (ID-3), so the null slot is found without a scan (PUT-3, DEL-4).
//! - `ids`: the [`Registry`] of version IDs, which owns the bucket's [`IdSource`]: every
//!   lookup by ID and every ID a new or removed entry gives or retires goes through it.
//! - `current_view` holds the keys whose head is an object version, not a delete marker: the
//!   keys ListObjects lists (LST-7). It lets a page of the current view skip keys hidden by
//!   delete markers with one seek instead of walking them. Every change of a head goes through
//!   `push_head`, `remove` or `remove_chain`, which keep it up to date.
//! - `attributes` holds the tags and metadata (TAG-1, TAG-5) of the object versions that carry
//!   anything but the defaults, by sequence number; the same three methods drop an entry's
//!   attributes when the entry goes.
//! - `due` is the lifecycle's due index ([`DueIndex`]), kept by the same three paths while the
//!   bucket has a lifecycle configuration (LC-11), and `None` otherwise.

use alloc::boxed::Box;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::String;
#[cfg(feature = "serde")]
use alloc::vec::Vec;
use core::ops::Bound;

mod due;

pub(crate) use due::{DueIndex, Records};

use crate::key::ObjectKey;
use crate::storage::attributes::Attributes;
use crate::storage::entry::{Entry, EntryBody, IdKind};
use crate::storage::registry::{NewId, Registry};
use crate::version_id::{IdSource, VersionId};
#[cfg(feature = "serde")]
use crate::violation::{Invariant, InvariantViolation};

/// A key and its entries, newest first, each with its sequence number, version ID, creation
/// time and attributes: a chain as a snapshot keeps it.
#[cfg(feature = "serde")]
pub(crate) type ChainExport = (ObjectKey, Vec<(u64, VersionId, u64, EntryBody, Attributes)>);

/// One key's entries: the versions with a non-null ID by sequence number, and the key's null
/// entry (ID-3: at most one) with its sequence number, kept beside them so that PUT-3, DEL-4
/// and a read of `null` reach it in O(1), however deep in the chain it sits; and what the head
/// is, kept beside the key so that a write need not read the head entry itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Chain {
    versions: BTreeMap<u64, Entry>,
    null: Option<Box<(u64, Entry)>>,
    head: Head,
}

/// What a chain's head is: what a new head needs to know of the old one (LST-7, APP-7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Head {
    /// A delete marker, or no entry at all.
    Hidden,
    /// An object version that is not an unsealed appendable.
    Object,
    /// An appendable that can still be appended to.
    UnsealedAppendable,
}

impl Head {
    fn of(entry: Option<&Entry>) -> Head {
        match entry {
            None => Head::Hidden,
            Some(entry) if entry.is_delete_marker() => Head::Hidden,
            Some(entry) if entry.is_unsealed_appendable() => Head::UnsealedAppendable,
            Some(_) => Head::Object,
        }
    }
}

impl Default for Chain {
    fn default() -> Self {
        Chain {
            versions: BTreeMap::new(),
            null: None,
            head: Head::Hidden,
        }
    }
}

/// Whether `sequence` is below `bound` (an upper bound).
fn is_below(sequence: u64, bound: Bound<u64>) -> bool {
    match bound {
        Bound::Unbounded => true,
        Bound::Excluded(limit) => sequence < limit,
        Bound::Included(limit) => sequence <= limit,
    }
}

impl Chain {
    /// The number of entries.
    pub(crate) fn len(&self) -> usize {
        self.versions.len() + usize::from(self.null.is_some())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.versions.is_empty() && self.null.is_none()
    }

    /// The sequence number of the key's null entry, if it has one (ID-3).
    pub(crate) fn null_sequence(&self) -> Option<u64> {
        self.null.as_deref().map(|(sequence, _)| *sequence)
    }

    fn take_null(&mut self) -> Option<(u64, Entry)> {
        self.null.take().map(|null| *null)
    }

    /// The entry with `sequence`.
    pub(crate) fn get(&self, sequence: u64) -> Option<&Entry> {
        match self.null.as_deref() {
            Some((null, entry)) if *null == sequence => Some(entry),
            _ => self.versions.get(&sequence),
        }
    }

    /// Enters `entry` under `sequence`: in the null slot if its ID is `null` (the caller has
    /// emptied the slot, ID-3).
    fn insert(&mut self, sequence: u64, entry: Entry) {
        if entry.id == IdKind::Null {
            self.null = Some(Box::new((sequence, entry)));
        } else {
            self.versions.insert(sequence, entry);
        }
    }

    fn remove(&mut self, sequence: u64) -> Option<Entry> {
        if self.null_sequence() == Some(sequence) {
            return self.take_null().map(|(_, entry)| entry);
        }
        self.versions.remove(&sequence)
    }

    fn clear(&mut self) {
        self.versions.clear();
        self.null = None;
    }

    /// The head (current version) and its sequence number.
    pub(crate) fn head(&self) -> Option<(u64, &Entry)> {
        let top = self
            .versions
            .last_key_value()
            .map(|(sequence, entry)| (*sequence, entry));
        match (self.null.as_deref(), top) {
            (Some((null, _)), Some(top)) if top.0 > *null => Some(top),
            (Some((null, entry)), _) => Some((*null, entry)),
            (None, top) => top,
        }
    }

    /// The head, to change in place.
    fn head_mut(&mut self) -> Option<(u64, &mut Entry)> {
        let top = self
            .versions
            .last_key_value()
            .map(|(sequence, _)| *sequence);
        match (self.null_sequence(), top) {
            (Some(null), top) if top.is_none_or(|top| top < null) => self
                .null
                .as_deref_mut()
                .map(|(sequence, entry)| (*sequence, entry)),
            _ => {
                let head = self.versions.last_entry()?;
                Some((*head.key(), head.into_mut()))
            }
        }
    }

    /// The entries newest first, those below `below` only: O(log n) to start, O(1) a step.
    pub(crate) fn newest_first(
        &self,
        below: Bound<u64>,
    ) -> impl DoubleEndedIterator<Item = (u64, &Entry)> + '_ {
        let null = self
            .null
            .as_deref()
            .filter(|(sequence, _)| is_below(*sequence, below));
        let (newer, null, older) = match null {
            // Newer than the null entry and below the bound, the null entry, older ones.
            Some((sequence, entry)) => (
                self.versions.range((Bound::Excluded(*sequence), below)),
                Some((*sequence, entry)),
                self.versions.range(..*sequence),
            ),
            None => (
                self.versions.range((Bound::Unbounded, below)),
                None,
                self.versions.range(0..0),
            ),
        };
        newer
            .rev()
            .map(|(sequence, entry)| (*sequence, entry))
            .chain(null)
            .chain(older.rev().map(|(sequence, entry)| (*sequence, entry)))
    }

    /// Every entry, in no particular order.
    fn unordered(&self) -> impl Iterator<Item = (u64, &Entry)> + '_ {
        self.versions
            .iter()
            .map(|(sequence, entry)| (*sequence, entry))
            .chain(
                self.null
                    .as_deref()
                    .map(|(sequence, entry)| (*sequence, entry)),
            )
    }

    fn head_is_object(&self) -> bool {
        self.head != Head::Hidden
    }

    /// What the head is, as recorded.
    pub(crate) fn recorded_head(&self) -> Head {
        self.head
    }

    /// What the head is, read from the head entry.
    pub(crate) fn actual_head(&self) -> Head {
        Head::of(self.head().map(|(_, entry)| entry))
    }

    fn refresh_head(&mut self) {
        self.head = self.actual_head();
    }
}

/// What a new head entry clears from its chain first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Clear {
    /// Nothing; a head appendable is sealed (APP-7).
    Nothing,
    /// The key's null entry, wherever it sits (PUT-3, DEL-4); a head appendable is sealed.
    Null,
    /// The whole chain (PUT-1).
    Chain,
}

/// All chains, the ID registry with the ID source, and the sequence counter. `ids` is the
/// last field, so that a store of any source can be seen as one of `dyn IdSource` (the views
/// hold that).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Store<S: ?Sized> {
    pub(crate) chains: BTreeMap<ObjectKey, Chain>,
    pub(crate) current_view: BTreeSet<ObjectKey>,
    pub(crate) attributes: BTreeMap<u64, Attributes>,
    pub(crate) next_sequence: u64,
    pub(crate) entry_count: usize,
    /// The lifecycle's due index, while the bucket has a lifecycle configuration.
    pub(crate) due: Option<DueIndex>,
    pub(crate) ids: Registry<S>,
}

/// An index of the store that disagrees with the chains it indexes: a bug in the store's own
/// bookkeeping, not a broken rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BrokenIndex {
    /// The key whose index entry is wrong, if the fault is about one key.
    pub(crate) key: Option<ObjectKey>,
    /// What disagrees.
    pub(crate) detail: String,
}

impl<S> Store<S> {
    /// An empty store drawing its IDs from `source`.
    pub(crate) fn new(source: S) -> Self {
        Store {
            chains: BTreeMap::new(),
            current_view: BTreeSet::new(),
            attributes: BTreeMap::new(),
            next_sequence: 0,
            entry_count: 0,
            due: None,
            ids: Registry::new(source),
        }
    }
}

impl<S: IdSource + ?Sized> Store<S> {
    /// Checks the indexes against the chains: each chain's recorded head, the current-view
    /// index (LST-7: exactly the keys whose head is an object version) and the entry count.
    /// O(n), for tests and fuzzing.
    pub(crate) fn check_indexes(&self) -> Result<(), BrokenIndex> {
        let broken = |key: Option<&ObjectKey>, detail: String| {
            Err(BrokenIndex {
                key: key.cloned(),
                detail,
            })
        };
        let (mut entries, mut visible_keys, mut attributed) = (0usize, 0usize, 0usize);
        for (key, chain) in &self.chains {
            for (sequence, entry) in chain.unordered() {
                if let Some(attributes) = self.attributes.get(&sequence) {
                    if entry.is_delete_marker() || attributes.is_default() {
                        return broken(
                            Some(key),
                            "a delete marker, or default attributes, in the attribute table".into(),
                        );
                    }
                    attributed += 1;
                }
            }
            if chain.recorded_head() != chain.actual_head() {
                return broken(
                    Some(key),
                    "the recorded head disagrees with the head entry".into(),
                );
            }
            let visible = chain
                .head()
                .is_some_and(|(_, head)| !head.is_delete_marker());
            if visible != self.current_view.contains(key) {
                return broken(
                    Some(key),
                    "the current-view index disagrees with the head".into(),
                );
            }
            visible_keys += usize::from(visible);
            entries += chain.len();
        }
        if entries != self.entry_count {
            return broken(
                None,
                format!("{entries} entries counted, {} recorded", self.entry_count),
            );
        }
        if attributed != self.attributes.len() {
            return broken(
                None,
                format!(
                    "{} attribute records, {attributed} of live entries",
                    self.attributes.len()
                ),
            );
        }
        if let Some(due) = &self.due
            && *due != DueIndex::build(&self.chains)
        {
            return broken(
                None,
                "the lifecycle's due index disagrees with the chains".into(),
            );
        }
        if visible_keys != self.current_view.len() {
            return broken(
                None,
                format!(
                    "{visible_keys} keys have an object head, {} are indexed as current",
                    self.current_view.len()
                ),
            );
        }
        Ok(())
    }

    pub(crate) fn chain(&self, key: &str) -> Option<&Chain> {
        self.chains.get(key)
    }

    pub(crate) fn head(&self, key: &str) -> Option<(u64, &Entry)> {
        self.chain(key)?.head()
    }

    /// The head, to change in place; the caller does not change what it is ([`Head`]): an
    /// append changes only an unsealed appendable's content (APP-4). See [`Store::seal_head`].
    pub(crate) fn head_mut(&mut self, key: &str) -> Option<(u64, &mut Entry)> {
        self.chains.get_mut(key)?.head_mut()
    }

    /// The tags and metadata of the entry `sequence`, if not the defaults (TAG-1, TAG-5).
    pub(crate) fn attributes(&self, sequence: u64) -> Option<&Attributes> {
        self.attributes.get(&sequence)
    }

    /// Gives the live object version `sequence` these attributes (kept only if not the
    /// defaults).
    pub(crate) fn set_attributes(&mut self, sequence: u64, attributes: Attributes) {
        if attributes.is_default() {
            self.attributes.remove(&sequence);
        } else {
            self.attributes.insert(sequence, attributes);
        }
    }

    /// APP-10: seals `key`'s head if it is an appendable.
    pub(crate) fn seal_head(&mut self, key: &str) {
        if let Some(chain) = self.chains.get_mut(key)
            && let Some((_, head)) = chain.head_mut()
        {
            head.seal();
            chain.refresh_head();
        }
    }

    /// The version ID of `entry`, which has `sequence`.
    pub(crate) fn id_of(&self, sequence: u64, entry: &Entry) -> VersionId {
        self.ids.id_of(sequence, entry)
    }

    /// The sequence number of `key`'s entry named `id`, if there is one.
    pub(crate) fn find(&self, key: &str, id: &VersionId) -> Option<u64> {
        self.find_entry(key, id).map(|(sequence, _)| sequence)
    }

    /// `key`'s entry named `id` (whose version ID is then `id`), with its sequence number.
    pub(crate) fn find_entry(&self, key: &str, id: &VersionId) -> Option<(u64, &Entry)> {
        let chain = self.chain(key)?;
        let sequence = if id.is_null() {
            chain.null_sequence()?
        } else {
            self.ids.live_sequence(id, |sequence| {
                chain
                    .get(sequence)
                    .is_some_and(|entry| entry.id == IdKind::Derived)
            })?
        };
        chain.get(sequence).map(|entry| (sequence, entry))
    }

    /// Removes the entry with `sequence` from `key`'s chain; an emptied chain disappears (DEL-6).
    pub(crate) fn remove(&mut self, key: &str, sequence: u64) -> Option<Entry> {
        let mut removed = None;
        self.remove_each(key, &[sequence], |_, entry| removed = Some(entry));
        removed
    }

    /// Removes the entries `sequences` from `key`'s chain in one pass, handing each removed
    /// entry to `removed`; sequence numbers not in the chain are skipped. The chain is looked
    /// up once and the due index rewrites the records the removals change once, however many
    /// entries go (a lifecycle run removes many entries of a key at once).
    pub(crate) fn remove_each(
        &mut self,
        key: &str,
        sequences: &[u64],
        mut removed: impl FnMut(u64, Entry),
    ) {
        let Some(chain) = self.chains.get_mut(key) else {
            return;
        };
        if !sequences
            .iter()
            .any(|sequence| chain.get(*sequence).is_some())
        {
            return;
        }
        let before = self.due.as_ref().map(|_| chain.due_records());
        let was_visible = chain.head_is_object();
        let mut count = 0;
        for &sequence in sequences {
            if let Some(entry) = chain.remove(sequence) {
                self.ids.retire(sequence, &entry);
                self.attributes.remove(&sequence);
                count += 1;
                removed(sequence, entry);
            }
        }
        chain.refresh_head();
        let visible = chain.head_is_object();
        if let (Some(due), Some(before)) = (&mut self.due, before) {
            due.update(key, before, chain.due_records());
        }
        if chain.is_empty() {
            self.chains.remove(key);
        }
        self.entry_count -= count;
        if was_visible && !visible {
            self.current_view.remove(key);
        } else if visible && !was_visible {
            self.current_view.insert(ObjectKey::new(key));
        }
    }

    /// Removes `key`'s whole chain (DEL-2).
    pub(crate) fn remove_chain(&mut self, key: &str) {
        let Some(chain) = self.chains.remove(key) else {
            return;
        };
        if let Some(due) = &mut self.due {
            due.update(key, chain.due_records(), Records::GONE);
        }
        self.current_view.remove(key);
        for (sequence, entry) in chain.unordered() {
            self.ids.retire(sequence, entry);
            self.attributes.remove(&sequence);
        }
        self.entry_count -= chain.len();
    }

    /// Puts a new entry at the head of `key`'s chain under the next sequence number, after
    /// clearing what `clear` says, and returns that sequence number. One lookup of the key.
    ///
    /// The caller has made sure a `Named` ID and, for `Derived`, the source's ID for the next
    /// sequence number were never issued (ID-1), and that a `Null` entry comes with
    /// [`Clear::Null`] or [`Clear::Chain`] (ID-3).
    pub(crate) fn push_head(
        &mut self,
        key: &str,
        clear: Clear,
        id: NewId,
        body: &EntryBody,
        created: u64,
    ) -> u64 {
        let sequence = self.next_sequence;
        self.next_sequence += 1;
        let chain = match self.chains.get_mut(key) {
            Some(chain) => chain,
            None => self.chains.entry(ObjectKey::new(key)).or_default(),
        };
        let before = self.due.as_ref().map(|_| chain.due_records());
        let was_visible = chain.head_is_object();
        if chain.head == Head::UnsealedAppendable
            && clear != Clear::Chain
            && let Some((_, head)) = chain.head_mut()
        {
            head.seal();
        }
        match clear {
            Clear::Chain => {
                for (old, entry) in chain.unordered() {
                    self.ids.retire(old, entry);
                    self.attributes.remove(&old);
                }
                self.entry_count -= chain.len();
                chain.clear();
            }
            Clear::Null => {
                if let Some((old, _)) = chain.take_null() {
                    self.attributes.remove(&old);
                    self.entry_count -= 1;
                }
            }
            Clear::Nothing => {}
        }
        let kind = self.ids.issue(sequence, id);
        let entry = Entry::pack(body, created, kind);
        chain.head = Head::of(Some(&entry));
        let visible = chain.head_is_object();
        chain.insert(sequence, entry);
        if let (Some(due), Some(before)) = (&mut self.due, before) {
            due.update(key, before, chain.due_records());
        }
        self.entry_count += 1;
        if was_visible && !visible {
            self.current_view.remove(key);
        } else if visible && !was_visible {
            self.current_view.insert(ObjectKey::new(key));
        }
        sequence
    }

    #[cfg(feature = "serde")]
    /// Every chain with its entries newest first (with their sequence numbers, IDs and creation
    /// times), and the IDs issued to entries that are gone, in [`VersionId`] order: what a
    /// snapshot keeps. The indexes are left out; [`Store::restore`] derives them again.
    pub(crate) fn export(&self) -> (Vec<ChainExport>, Vec<VersionId>) {
        let mut live_derived = BTreeSet::new();
        let chains = self
            .chains
            .iter()
            .map(|(key, chain)| {
                let entries = chain
                    .newest_first(Bound::Unbounded)
                    .map(|(sequence, entry)| {
                        if entry.id == IdKind::Derived {
                            live_derived.insert(sequence);
                        }
                        let id = self.id_of(sequence, entry);
                        let attributes = self.attributes(sequence).cloned().unwrap_or_default();
                        (sequence, id, entry.created(), entry.body(), attributes)
                    })
                    .collect();
                (key.clone(), entries)
            })
            .collect();
        (chains, self.ids.retired(&live_derived))
    }
}

#[cfg(feature = "serde")]
impl<S: IdSource> Store<S> {
    /// Rebuilds a store, its indexes included, from what [`Store::export`] gives. Refuses
    /// entries out of order (INV-3), a second null entry of a key or an ID given twice (INV-2),
    /// and an entry that no command could have made (INV-6: see [`Entry`] for what fits); the
    /// other invariants are for [`Bucket::check_invariants`](crate::Bucket::check_invariants)
    /// to check on the result.
    pub(crate) fn restore(
        source: S,
        chains: Vec<ChainExport>,
        retired: Vec<VersionId>,
        next_sequence: u64,
    ) -> Result<Store<S>, InvariantViolation> {
        let mut store = Store {
            next_sequence,
            ..Store::new(source)
        };
        let given_twice = |key: Option<&ObjectKey>| InvariantViolation {
            invariant: Invariant::UniqueVersionIds,
            key: key.cloned(),
            detail: "a version ID is given twice".into(),
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
            for (sequence, id, created, body, attributes) in entries {
                if newer.is_some_and(|newer| sequence >= newer) {
                    return Err(fail(
                        Invariant::SequenceOrder,
                        "the entries are not strictly newest first by sequence number",
                    ));
                }
                newer = Some(sequence);
                let kind = if id.is_null() {
                    if chain.null_sequence().is_some() {
                        return Err(fail(
                            Invariant::UniqueVersionIds,
                            "the key has two null entries",
                        ));
                    }
                    IdKind::Null
                } else {
                    match store.ids.give(sequence, id) {
                        (kind, true) => kind,
                        (_, false) => return Err(given_twice(Some(&key))),
                    }
                };
                let Some(entry) = Entry::pack_exact(&body, created, kind) else {
                    return Err(fail(
                        Invariant::ContentShape,
                        "an entry no command makes: an MD5 or a modification time its type \
                         cannot have",
                    ));
                };
                if !attributes.is_default() {
                    if entry.is_delete_marker() {
                        return Err(fail(
                            Invariant::TagSets,
                            "a delete marker carries tags or metadata",
                        ));
                    }
                    store.attributes.insert(sequence, attributes);
                }
                chain.insert(sequence, entry);
                store.entry_count += 1;
            }
            chain.refresh_head();
            if chain.head_is_object() {
                store.current_view.insert(key.clone());
            }
            store.chains.insert(key, chain);
        }
        for id in retired {
            if id.is_null() {
                return Err(InvariantViolation {
                    invariant: Invariant::UniqueVersionIds,
                    key: None,
                    detail: "a retired version ID is null".into(),
                });
            }
            if !store.ids.restore_retired(id) {
                return Err(given_twice(None));
            }
        }
        Ok(store)
    }
}
