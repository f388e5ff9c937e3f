//! DeleteObject, with and without a version ID (DEL).

use crate::bucket::Bucket;
use crate::checked::{Key, WellFormedId};
use crate::conditions::Conditions;
use crate::outcome::DeleteObjectOutcome;
use crate::request::ToDeleteObject;
use crate::storage::entry::EntryBody;
use crate::version_id::{IdSource, VersionId};
use crate::versioning::VersioningState;
use crate::violation::{ArgumentError, Violation};

impl<S: IdSource> Bucket<S> {
    /// DeleteObject: with `version_id`, remove exactly that entry for good; without, a simple
    /// delete under the state in force. Every delete that passes its checks succeeds (DEL-1).
    ///
    /// - DEL-2 Unversioned, no version ID: the chain is removed.
    /// - DEL-3 Enabled, no version ID: a delete marker with a fresh ID becomes the head, also
    ///   on top of another marker and on a key with no entries.
    /// - DEL-4 Suspended, no version ID: the null entry is removed wherever it sits and a null
    ///   marker becomes the head.
    /// - APP-7: a simple delete in a versioned bucket seals a head appendable.
    /// - DEL-5 / DEL-6: with a version ID, that entry goes; if it was the head, the next newest
    ///   entry (perhaps a marker) becomes the head; an emptied chain disappears.
    /// - DEL-7 (MODEL): a version ID naming no entry of the key changes nothing and succeeds.
    ///
    /// Takes the request, or just a key for a simple delete:
    /// `bucket.delete_object("a.txt")`,
    /// `bucket.delete_object(DeleteObject::new("a.txt").version_id(id))`.
    pub fn delete_object<'a>(
        &mut self,
        request: impl ToDeleteObject<'a>,
    ) -> Result<DeleteObjectOutcome, Violation> {
        let request = request.into_named();
        self.delete(
            &request.key,
            request.version_id,
            request.assign_version_id,
            request.if_match.as_deref(),
            request.bypass_governance,
        )
    }

    /// The worker DeleteObject and each entry of DeleteObjects run (BAT-2), with its
    /// `if_match` (CND-5; oss refuses it, CND-6), checked last (CND-7), after the locks:
    ///
    /// - OL-4: a version ID naming a locked version → `AccessDenied` 403 (a `GOVERNANCE`
    ///   retention gives way to `bypass_governance`); OL-7: one naming a protected version →
    ///   `FileImmutable` 409. OL-5: a delete marker by ID, and a simple delete in a versioned
    ///   bucket, are never refused.
    /// - OL-7: a simple delete of a protected object in an Unversioned bucket →
    ///   `FileImmutable` 409.
    pub(crate) fn delete(
        &mut self,
        key: &str,
        version_id: Option<VersionId>,
        supplied: Option<VersionId>,
        if_match: Option<&str>,
        bypass_governance: bool,
    ) -> Result<DeleteObjectOutcome, Violation> {
        let key = Key::parse(self.dialect(), key)?;
        WellFormedId::parse_optional(version_id.as_ref())?;
        if let Some(id) = &supplied {
            self.check_supplied_id(id)?;
            if version_id.is_some() {
                return Err(Violation::InvalidArgument(
                    ArgumentError::SuppliedVersionIdNotApplicable,
                ));
            }
        }
        let conditions = Conditions::parse_delete(self.dialect(), if_match)?;
        if let Some(id) = version_id {
            let found = self.store.find_entry(key.as_str(), &id);
            if let Some((sequence, entry)) = found {
                self.check_version_delete(sequence, entry, bypass_governance)?;
            }
            let found = found.map(|(sequence, _)| sequence);
            self.check_conditions(key.as_str(), Some(&id), &conditions)?;
            let removed = match found {
                Some(sequence) => self.store.remove(key.as_str(), sequence),
                None => None,
            };
            return Ok(DeleteObjectOutcome {
                delete_marker: removed.is_some_and(|entry| entry.is_delete_marker()),
                version_id: Some(id),
            });
        }
        let choice = self.id_choice(supplied)?;
        self.check_replace(key.as_str(), &choice)?;
        self.check_conditions(key.as_str(), None, &conditions)?;
        if self.versioning == VersioningState::Unversioned {
            self.store.remove_chain(key.as_str());
            return Ok(DeleteObjectOutcome {
                version_id: None,
                delete_marker: false,
            });
        }
        let id = self.enter_head(key, EntryBody::DeleteMarker, choice);
        Ok(DeleteObjectOutcome {
            version_id: Some(id),
            delete_marker: true,
        })
    }
}
