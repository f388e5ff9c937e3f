//! The condition step of every conditional write and delete (CND-2..CND-7): one check, run
//! after the command's argument and state checks and before any change.

use alloc::string::String;

use crate::bucket::Bucket;
use crate::conditions::Conditions;
use crate::storage::entry::Entry;
use crate::version_id::{IdSource, VersionId};
use crate::versioning::VersioningState;
use crate::violation::{PreconditionReason, Violation};

impl<S: IdSource> Bucket<S> {
    /// Whether `conditions` hold for `key` (and, for a delete, the version `version_id`
    /// names): ERR-4's last step, after the arguments and the bucket state, before any change
    /// (CND-7).
    ///
    /// - CND-6 (oss): `forbid_overwrite` in an Unversioned bucket whose key has an entry →
    ///   `FileAlreadyExists` 409; in an Enabled or Suspended bucket it is ignored.
    /// - CND-2: without a version ID only the key's head is looked at; "the object exists"
    ///   means the head is an object version.
    /// - CND-4: `if_match` when the head is not an object version → `NoSuchKey` 404 (with the
    ///   delete-marker flag and the marker's ID, RSP-3, when the head is one); a different
    ///   ETag → `PreconditionFailed` 412. `if_match` is checked before `if_none_match`, as
    ///   HTTP evaluates them (MODEL).
    /// - CND-3: `if_none_match: *` when the object exists → `PreconditionFailed` 412.
    /// - CND-5 (MODEL): with a version ID (deletes only), `if_match` is checked against the
    ///   version it names: no entry, or a delete marker → `PreconditionFailed` 412.
    pub(crate) fn check_conditions(
        &self,
        key: &str,
        version_id: Option<&VersionId>,
        conditions: &Conditions,
    ) -> Result<(), Violation> {
        if conditions.forbid_overwrite
            && self.versioning == VersioningState::Unversioned
            && self.store.head(key).is_some()
        {
            return Err(Violation::FileAlreadyExists);
        }
        if let Some(expected) = &conditions.if_match {
            let selected = match version_id {
                Some(id) => self
                    .store
                    .find_entry(key, id)
                    .and_then(|(_, entry)| self.object_etag(entry)),
                None => Some(self.head_object_etag(key)?),
            };
            match selected {
                None => {
                    return Err(Violation::PreconditionFailed(
                        PreconditionReason::NotAnObjectVersion,
                    ));
                }
                Some(etag) if !expected.accepts(&etag) => {
                    return Err(Violation::PreconditionFailed(
                        PreconditionReason::ETagMismatch,
                    ));
                }
                Some(_) => {}
            }
        }
        if conditions.if_none_match
            && self
                .store
                .head(key)
                .is_some_and(|(_, head)| !head.is_delete_marker())
        {
            return Err(Violation::PreconditionFailed(
                PreconditionReason::ObjectExists,
            ));
        }
        Ok(())
    }

    /// CND-4: the ETag of `key`'s head object version, or `NoSuchKey` as a read of the head
    /// would give it (GET-2, GET-3).
    fn head_object_etag(&self, key: &str) -> Result<String, Violation> {
        let Some((sequence, head)) = self.store.head(key) else {
            return Err(Violation::NoSuchKey {
                delete_marker: false,
                version_id: None,
            });
        };
        self.object_etag(head).ok_or_else(|| Violation::NoSuchKey {
            delete_marker: true,
            version_id: self.reported_read_id(&self.store.id_of(sequence, head)),
        })
    }

    /// The ETag of `entry` if it is an object version.
    fn object_etag(&self, entry: &Entry) -> Option<String> {
        entry
            .object()
            .map(|object| String::from(object.etag(self.dialect()).as_str()))
    }
}
