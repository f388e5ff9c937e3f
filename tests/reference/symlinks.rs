//! The reference's symlinks (SYM-1..SYM-5) and metadata reads (GET-8), written straight from
//! the rules: a link is an entry of type Symlink with no bytes and a target key; only a read of
//! the object follows it.

use super::*;
use bucket_versioning::outcome::{GetObjectMetaOutcome, GetSymlinkOutcome, PutSymlinkOutcome};
use bucket_versioning::request::{GetObjectMeta, GetSymlink, PutSymlink};

impl<S: IdSource> RefBucket<S> {
    /// SYM-1: symlinks are oss only.
    fn symlinks_exist(&self, operation: &'static str) -> Result<(), Violation> {
        match self.dialect {
            Dialect::Oss => Ok(()),
            Dialect::S3 => Err(Violation::NotImplemented { operation }),
        }
    }

    /// SYM-2: a write of a Symlink entry, as a PutObject of no bytes would be, carrying the
    /// target key; the ETag is the MD5 of no bytes (the crate's MODEL).
    pub(super) fn put_symlink(&mut self, put: &PutSymlink) -> Result<PutSymlinkOutcome, Violation> {
        self.symlinks_exist("PutSymlink")?;
        self.check_key(put.key.as_str())?;
        self.check_key(put.target.as_str())?;
        let attrs = self.given_attrs(
            put.tags.as_ref(),
            put.content_type.as_ref(),
            put.metadata.as_ref(),
            put.storage_class.as_ref(),
        )?;
        // OL-7: a link does not replace a protected object.
        self.refuse_replace(put.key.as_str(), false)?;
        let etag = self.dialect_case(Self::hex(&md5(b"")));
        // CND-6, CND-7: `forbid_overwrite` checked with the arguments, then against the key,
        // before the link enters.
        let conditions = RefConditions {
            forbid_overwrite: put.forbid_overwrite,
            ..RefConditions::default()
        };
        self.check_condition_arguments(conditions)?;
        self.check_condition_state(put.key.as_str(), None, conditions)?;
        let mut stored = self.object_entry(ObjectType::Symlink, Vec::new(), etag);
        stored.entry.attrs = attrs;
        stored.entry.target = Some(put.target.to_string());
        let id = self.enter(put.key.as_str(), stored, None, false);
        Ok(PutSymlinkOutcome {
            version_id: self.reported_write(&id),
        })
    }

    /// GET-1..GET-6: the object entry a read selects, or the read's error.
    pub(super) fn selected(
        &self,
        key: &str,
        version_id: Option<&VersionId>,
    ) -> Result<&RefEntry, Violation> {
        self.check_key(key)?;
        if let Some(id) = version_id {
            Self::check_version_id(id)?;
        }
        let Some(stored) = self.named(key, version_id) else {
            return Err(match version_id {
                None => Violation::NoSuchKey {
                    delete_marker: false,
                    version_id: None,
                },
                Some(id) => Violation::NoSuchVersion {
                    version_id: id.clone(),
                },
            });
        };
        let entry = &stored.entry;
        if entry.delete_marker {
            return Err(match version_id {
                None => Violation::NoSuchKey {
                    delete_marker: true,
                    version_id: self.reported_read(&entry.id),
                },
                Some(id) => Violation::MethodNotAllowed {
                    version_id: id.clone(),
                },
            });
        }
        Ok(entry)
    }

    /// SYM-4: the entry a read of `link` returns: the target key's head.
    pub(super) fn follow(&self, link: &RefEntry) -> Result<&RefEntry, Violation> {
        let target = link.target.clone().expect("a link has a target");
        let missing = Violation::SymlinkTargetNotExist {
            target: ObjectKey::new(target.clone()),
        };
        let head = self.chain(&target).last().ok_or(missing.clone())?;
        if head.entry.delete_marker {
            return Err(missing);
        }
        if head.entry.object_type == Some(ObjectType::Symlink) {
            return Err(Violation::InvalidTargetType {
                target: ObjectKey::new(target),
            });
        }
        Ok(&head.entry)
    }

    /// SYM-3.
    pub(super) fn get_symlink(&self, get: &GetSymlink) -> Result<GetSymlinkOutcome, Violation> {
        self.symlinks_exist("GetSymlink")?;
        let entry = self.selected(get.key.as_str(), get.version_id.as_ref())?;
        let Some(target) = &entry.target else {
            return Err(Violation::NotSymlink);
        };
        Ok(GetSymlinkOutcome {
            version_id: self.reported_read(&entry.id),
            target: ObjectKey::new(target.clone()),
        })
    }

    /// GET-8: the selected entry itself (a link is not followed).
    pub(super) fn get_object_meta(
        &self,
        get: &GetObjectMeta,
    ) -> Result<GetObjectMetaOutcome, Violation> {
        let entry = self.selected(get.key.as_str(), get.version_id.as_ref())?;
        let etag = entry.etag.clone().expect("an object has an ETag");
        let parts_count = match (self.dialect, entry.object_type) {
            // CT-4: a multipart ETag ends in `-N`, N the part count.
            (Dialect::S3, Some(ObjectType::Multipart)) => etag
                .rsplit_once('-')
                .map(|(_, count)| count.parse().expect("a part count")),
            _ => None,
        };
        let next_position = (self.dialect == Dialect::Oss
            && entry.object_type == Some(ObjectType::Appendable))
        .then_some(entry.size);
        Ok(GetObjectMetaOutcome {
            version_id: self.reported_read(&entry.id),
            etag: ETag::new(etag),
            size: entry.size,
            last_modified: entry.modified,
            parts_count,
            next_position,
            content_type: entry.attrs.content_type.clone(),
            metadata: entry.attrs.metadata.iter().cloned().collect(),
            storage_class: entry.attrs.storage_class.clone(),
        })
    }
}
