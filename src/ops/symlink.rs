//! PutSymlink and GetSymlink, and the resolution of a link on a read (SYM; oss only).
//!
//! A Symlink is an object version like any other — it enters its chain through the shared
//! write path, is listed, copied, tagged, expired and deleted as a version — whose content is
//! empty and which carries a target key (not a version of it), kept with the version's
//! attributes. Only a read of the object (GetObject, HeadObject) follows it (SYM-4).

use crate::bucket::Bucket;
use crate::checked::{GivenAttributes, Key, WellFormedId};
use crate::conditions::WriteConditions;
use crate::dialect::Dialect;
use crate::key::ObjectKey;
use crate::outcome::{GetSymlinkOutcome, PutSymlinkOutcome};
use crate::request::{GetSymlink, PutSymlink};
use crate::storage::attributes::Attributes;
use crate::storage::entry::{EntryBody, StoredObject};
use crate::version_id::IdSource;
use crate::violation::Violation;
use crate::write::IdChoice;

impl<S: IdSource> Bucket<S> {
    /// PutSymlink: a new Symlink version of `key` pointing at the key `target`.
    ///
    /// - SYM-1: s3 dialect → `NotImplemented` 501, before anything in the request is looked
    ///   at.
    /// - SYM-2: the link is a write: a new entry of type Symlink, length 0, enters the chain
    ///   exactly as a PutObject's would (PUT-1..PUT-4, APP-7 sealing a head appendable,
    ///   ID-1/ID-2), and the outcome reports its ID as RSP-1 says. The target is checked as a
    ///   key (KEY-1, `InvalidObjectName` 400 naming it) and need not exist.
    /// - TAG-1, TAG-5: the link version gets the request's tags and metadata (TAG-3 and the
    ///   metadata limits checked as arguments, ERR-4).
    /// - CND-6: `forbid_overwrite` in an Unversioned bucket whose key has an entry →
    ///   `FileAlreadyExists` 409, checked last (CND-7); ignored in Enabled and Suspended buckets.
    ///
    /// ```
    /// use bucket_versioning::request::{GetSymlink, PutSymlink};
    /// use bucket_versioning::{Bucket, ObjectType};
    ///
    /// let mut bucket = Bucket::default();
    /// bucket.put_object("v2/app.js", "console.log(2)")?;
    /// bucket.put_symlink(PutSymlink::new("latest.js", "v2/app.js"))?;
    /// assert_eq!(bucket.get_symlink(GetSymlink::new("latest.js"))?.target.as_str(), "v2/app.js");
    /// // A read follows the link to its target's current version (SYM-4).
    /// let read = bucket.get_object("latest.js")?;
    /// assert_eq!((read.object_type, read.size), (ObjectType::Normal, 14));
    /// # Ok::<(), bucket_versioning::Violation>(())
    /// ```
    pub fn put_symlink(&mut self, request: PutSymlink) -> Result<PutSymlinkOutcome, Violation> {
        check_dialect(self.dialect(), "PutSymlink")?;
        let key = Key::parse(self.dialect(), request.key.as_str())?;
        let target = Key::parse(self.dialect(), request.target.as_str())?;
        let given = GivenAttributes {
            tags: request.tags.as_ref(),
            content_type: request.content_type.as_ref(),
            metadata: request.metadata.as_ref(),
            storage_class: request.storage_class.as_ref(),
        };
        let mut attributes = Attributes::parse(given, self.dialect())?;
        attributes.target = Some(ObjectKey::new(target.as_str()));
        let conditions = WriteConditions {
            forbid_overwrite: request.forbid_overwrite,
            ..WriteConditions::default()
        }
        .parse(self.dialect())?;
        // OL-7: a link does not replace a protected object of an Unversioned bucket.
        self.check_replace(key.as_str(), &IdChoice::ByState)?;
        self.check_conditions(key.as_str(), None, &conditions)?;
        let link = EntryBody::Object(StoredObject::symlink(self.now));
        let id = self.enter_head_with(key, link, IdChoice::ByState, attributes);
        Ok(PutSymlinkOutcome {
            version_id: self.reported_write_id(&id),
        })
    }

    /// GetSymlink: the target of the link version selected.
    ///
    /// - SYM-1: s3 dialect → `NotImplemented` 501.
    /// - SYM-3: the entry is selected as GET-1..GET-6 select it (the head or the version
    ///   named, with the same errors and the same reported ID, RSP-3); an object version that
    ///   is not a Symlink → `NotSymlink` 400. Reads change nothing (GET-7).
    pub fn get_symlink(
        &self,
        request: impl Into<GetSymlink>,
    ) -> Result<GetSymlinkOutcome, Violation> {
        let request = request.into();
        check_dialect(self.dialect(), "GetSymlink")?;
        let key = Key::parse(self.dialect(), request.key.as_str())?;
        let version_id = WellFormedId::parse_optional(request.version_id.as_ref())?;
        let selected = self.select_version(key, version_id)?;
        let target = self
            .link_target(selected.sequence)
            .ok_or(Violation::NotSymlink)?;
        Ok(GetSymlinkOutcome {
            version_id: self.reported_read_id(&selected.id),
            target: target.clone(),
        })
    }

    /// SYM-4: the version a read of the link `sequence` returns: its target key's current
    /// version, with that version's sequence number. No entries or a delete marker as the
    /// target's head → `SymlinkTargetNotExist` 404; a Symlink as its head → `InvalidTargetType`
    /// 400 (links are followed once).
    pub(crate) fn resolve_symlink(&self, sequence: u64) -> Result<(u64, StoredObject), Violation> {
        let Some(target) = self.link_target(sequence) else {
            return Err(Violation::NotSymlink);
        };
        let not_there = || Violation::SymlinkTargetNotExist {
            target: target.clone(),
        };
        let (head_sequence, head) = self.store.head(target.as_str()).ok_or_else(not_there)?;
        let object = head.object().ok_or_else(not_there)?;
        if object.is_symlink() {
            return Err(Violation::InvalidTargetType {
                target: target.clone(),
            });
        }
        Ok((head_sequence, object))
    }

    /// The target key of the entry `sequence`, if it is a Symlink.
    fn link_target(&self, sequence: u64) -> Option<&ObjectKey> {
        self.store.attributes(sequence)?.target.as_ref()
    }
}

/// SYM-1: symlinks exist only in the oss dialect.
fn check_dialect(dialect: Dialect, operation: &'static str) -> Result<(), Violation> {
    match dialect {
        Dialect::Oss => Ok(()),
        Dialect::S3 => Err(Violation::NotImplemented { operation }),
    }
}

impl From<&str> for GetSymlink {
    fn from(key: &str) -> Self {
        GetSymlink::new(key)
    }
}
