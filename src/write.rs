//! The shared mechanics of every write and simple delete, written once: checking a supplied
//! version ID, drawing a fresh one, sealing the head appendable, clearing the null slot and
//! entering the new head; and the version ID a response reports.

use alloc::format;

use crate::bucket::Bucket;
use crate::checked::{Key, WellFormedId};
use crate::dialect::Dialect;
use crate::storage::attributes::Attributes;
use crate::storage::entry::EntryBody;
use crate::storage::registry::NewId;
use crate::storage::store::Clear;
use crate::version_id::{IdSource, VersionId};
use crate::versioning::VersioningState;
use crate::violation::{ArgumentError, Violation};

/// What a new head entry's version ID is, besides the state's rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum IdChoice {
    /// ID-1 / ID-2: fresh when Enabled, `null` otherwise.
    ByState,
    /// ID-5: the caller's ID (only ever chosen when the bucket is Enabled).
    Supplied(VersionId),
    /// APP-11's `null` option: `null` in every state, with ID-3 kept by clearing the null slot.
    #[allow(
        dead_code,
        reason = "constructed by AppendObject (APP-11), on the append branch"
    )]
    AlwaysNull,
}

impl<S: IdSource> Bucket<S> {
    /// ID-5 / ID-6: a version ID a caller supplies for a new entry must be well formed, not
    /// `null`, and never used in this bucket. An argument check (ERR-4).
    pub(crate) fn check_supplied_id(&self, id: &VersionId) -> Result<(), Violation> {
        let id = WellFormedId::parse(id)?.get();
        if id.is_null() {
            return Err(Violation::InvalidArgument(
                ArgumentError::SuppliedVersionIdNull,
            ));
        }
        if self.store.ids.is_issued(id) {
            return Err(Violation::InvalidArgument(
                ArgumentError::SuppliedVersionIdUsed(id.clone()),
            ));
        }
        Ok(())
    }

    /// ID-5 (MODEL): a supplied ID stands for a fresh one, so the bucket must be Enabled. A
    /// state check, run after the argument checks.
    pub(crate) fn id_choice(&self, supplied: Option<VersionId>) -> Result<IdChoice, Violation> {
        match supplied {
            None => Ok(IdChoice::ByState),
            Some(id) if self.versioning == VersioningState::Enabled => Ok(IdChoice::Supplied(id)),
            Some(_) => Err(Violation::InvalidArgument(
                ArgumentError::SuppliedVersionIdNotApplicable,
            )),
        }
    }

    /// Enters `body` as the new head of `key`'s chain under the state in force, and returns
    /// its version ID:
    ///
    /// - Unversioned: the chain becomes this one entry with ID `null` (PUT-1, APP-3).
    /// - Enabled: the head appendable is sealed (APP-7, PUT-4); the entry gets a fresh ID
    ///   (ID-1), or the supplied one (ID-5).
    /// - Suspended: the head appendable is sealed; the key's null entry is removed wherever it
    ///   sits; the entry gets `null` (PUT-3, DEL-4).
    ///
    /// Every check has passed before this runs; nothing here can fail.
    pub(crate) fn enter_head(
        &mut self,
        key: Key<'_>,
        body: EntryBody,
        choice: IdChoice,
    ) -> VersionId {
        self.enter_head_with(key, body, choice, Attributes::default())
    }

    /// [`enter_head`](Self::enter_head) for an object version carrying `attributes`, its tags
    /// and metadata (TAG-1, TAG-5).
    pub(crate) fn enter_head_with(
        &mut self,
        key: Key<'_>,
        body: EntryBody,
        choice: IdChoice,
        attributes: Attributes,
    ) -> VersionId {
        let clear = self.clear_for(&choice);
        let (new_id, id) = match (self.versioning, choice) {
            (VersioningState::Enabled, IdChoice::ByState) => self.fresh_version_id(),
            (VersioningState::Enabled, IdChoice::Supplied(id)) => (NewId::Named(id.clone()), id),
            _ => (NewId::Null, VersionId::NULL),
        };
        let sequence = self
            .store
            .push_head(key.as_str(), clear, new_id, &body, self.now);
        // A new sequence number has no attributes yet: only what is not the default is stored.
        if matches!(body, EntryBody::Object(_)) && !attributes.is_default() {
            self.store.set_attributes(sequence, attributes);
        }
        id
    }

    /// What entering a new head with `choice` removes from the key's chain under the state in
    /// force: the whole chain when Unversioned (PUT-1), the `null` entry when the new head takes
    /// the `null` ID in a versioned bucket (PUT-3, DEL-4, APP-11), else nothing. The one place
    /// both [`enter_head_with`](Self::enter_head_with) and the retention policy's check of what
    /// a write would remove (OL-7, `check_replace`) read it from.
    pub(crate) fn clear_for(&self, choice: &IdChoice) -> Clear {
        match (self.versioning, choice) {
            (VersioningState::Unversioned, _) => Clear::Chain,
            (VersioningState::Suspended, _) | (VersioningState::Enabled, IdChoice::AlwaysNull) => {
                Clear::Null
            }
            (VersioningState::Enabled, IdChoice::ByState | IdChoice::Supplied(_)) => Clear::Nothing,
        }
    }

    /// APP-10: the head of `key`, if an appendable, is sealed for good.
    pub(crate) fn seal_head_appendable(&mut self, key: &str) {
        self.store.seal_head(key);
    }

    /// ID-1: the ID of the next entry: the source's for its sequence number, kept as derived
    /// when the source can decode it, else by name; or, when the source's is unusable or
    /// already issued, the first `seq-{sequence}-{attempt}` never used.
    fn fresh_version_id(&self) -> (NewId, VersionId) {
        let sequence = self.store.next_sequence;
        let source = &self.store.ids.source;
        let (candidate, decodes) = source.version_id_decoding(sequence);
        if decodes {
            // The source's own ID for this sequence number: issued only if a caller supplied
            // it before.
            if !candidate.is_null()
                && candidate.check_syntax().is_ok()
                && !self.store.ids.is_derived(sequence)
            {
                return (NewId::Derived, candidate);
            }
        } else if self.is_usable_fresh_id(&candidate) {
            return (NewId::Named(candidate.clone()), candidate);
        }
        // The set of issued IDs is finite, so this ends.
        (0u64..)
            .map(|attempt| VersionId::new(format!("seq-{sequence}-{attempt}")))
            .find(|candidate| self.is_usable_fresh_id(candidate))
            .map_or((NewId::Null, VersionId::NULL), |id| {
                (NewId::Named(id.clone()), id)
            })
    }

    fn is_usable_fresh_id(&self, candidate: &VersionId) -> bool {
        !candidate.is_null()
            && candidate.check_syntax().is_ok()
            && !self.store.ids.is_issued(candidate)
    }
}

impl<S> Bucket<S> {
    /// RSP-1: the version ID a write's response reports for a new entry with `id`.
    pub(crate) fn reported_write_id(&self, id: &VersionId) -> Option<VersionId> {
        match self.versioning {
            VersioningState::Unversioned => None,
            VersioningState::Enabled => Some(id.clone()),
            VersioningState::Suspended => match self.dialect() {
                Dialect::Oss => Some(id.clone()),
                Dialect::S3 => None,
            },
        }
    }

    /// RSP-3: the version ID a read's response (or its error) reports for an entry with `id`.
    pub(crate) fn reported_read_id(&self, id: &VersionId) -> Option<VersionId> {
        match self.versioning {
            VersioningState::Unversioned => None,
            VersioningState::Enabled | VersioningState::Suspended => Some(id.clone()),
        }
    }
}
