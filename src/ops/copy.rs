//! CopyObject, and restoring a previous version (CPY).

use crate::bucket::Bucket;
use crate::checked::{Key, WellFormedId};
use crate::content::Content;
use crate::dialect::Dialect;
use crate::outcome::CopyObjectOutcome;
use crate::request::CopyObject;
use crate::storage::entry::{ETagSource, EntryBody, ObjectForm, StoredObject};
use crate::version_id::{IdSource, VersionId};
use crate::versioning::VersioningState;
use crate::violation::{InvalidRequestReason, Violation};
use crate::write::IdChoice;

impl<S: IdSource> Bucket<S> {
    /// CopyObject: the source version becomes the new head of `key`, a Normal object with the
    /// source's content and ETag.
    ///
    /// - CPY-1: the source is the head of `source_key`, or the version `source_version_id`
    ///   names (`null` names the null entry).
    /// - CPY-2: a source head that is a delete marker, or a source key with no entries, is
    ///   `NoSuchKey` 404 (without the delete-marker flag: the response is the copy's, not a
    ///   read of the source).
    /// - CPY-3: a source version ID naming a delete marker is oss `NoSuchKey` 404 (MODEL), s3
    ///   `InvalidRequest` 400; one naming nothing is `NoSuchVersion` 404.
    /// - CPY-4: the copy enters `key` exactly as a PutObject would (PUT-1..PUT-4, APP-7). The
    ///   outcome reports the new ID (RSP-1) and the source version copied (RSP-5).
    /// - CPY-5 (oss, MODEL for the code): an Appendable source in an Enabled or Suspended
    ///   bucket is `InvalidRequest` 400.
    /// - CPY-6: restoring a version is copying it onto its own key: a new head, the old
    ///   version stays.
    /// - CT-6 (MODEL): the copy keeps the source's fingerprint and ETag, a multipart `…-N` or
    ///   appendable ETag included, while its type is Normal.
    ///
    /// Both keys and the version ID's syntax are checked before the source is looked up
    /// (ERR-4).
    pub fn copy_object(&mut self, request: CopyObject) -> Result<CopyObjectOutcome, Violation> {
        let CopyObject {
            source_bucket,
            source_key,
            source_version_id,
            key,
        } = &request;
        let source_key = Key::parse(self.dialect(), source_key.as_str())?.as_str();
        let key = Key::parse(self.dialect(), key.as_str())?;
        let source_version_id =
            WellFormedId::parse_optional(source_version_id.as_ref())?.map(WellFormedId::get);
        if let Some(bucket) = source_bucket {
            // A bucket alone knows no other bucket (SVC-7 needs a service).
            return Err(Violation::NoSuchBucket {
                bucket: bucket.clone(),
            });
        }
        let source = self.copy_source(source_key, source_version_id)?;
        Ok(self.enter_copy(key, source))
    }

    /// Selects a copy's source in this bucket, under its own state (CPY-1..CPY-3, CPY-5, and
    /// RSP-5 for the ID reported): what CopyObject, here or from another bucket (SVC-7), copies.
    pub(crate) fn copy_source(
        &self,
        source_key: &str,
        source_version_id: Option<&VersionId>,
    ) -> Result<CopySource, Violation> {
        let no_such_key = Violation::NoSuchKey {
            delete_marker: false,
            version_id: None,
        };
        let (sequence, source) =
            match source_version_id {
                None => self
                    .store
                    .head(source_key)
                    .ok_or_else(|| no_such_key.clone())?,
                Some(id) => self.store.find_entry(source_key, id).ok_or_else(|| {
                    Violation::NoSuchVersion {
                        version_id: id.clone(),
                    }
                })?,
            };
        let Some(object) = source.object() else {
            return Err(match (source_version_id, self.dialect()) {
                (None, _) | (Some(_), Dialect::Oss) => no_such_key,
                (Some(_), Dialect::S3) => {
                    Violation::InvalidRequest(InvalidRequestReason::CopySourceIsDeleteMarker)
                }
            });
        };
        if self.dialect() == Dialect::Oss
            && self.versioning != VersioningState::Unversioned
            && matches!(object.form, ObjectForm::Appendable { .. })
        {
            return Err(Violation::InvalidRequest(
                InvalidRequestReason::CopySourceIsAppendable,
            ));
        }
        Ok(CopySource {
            content: object.content,
            etag: object.etag_source(),
            version_id: self.reported_read_id(&self.store.id_of(sequence, source)),
        })
    }

    /// Enters a selected source at the head of `key` as a PutObject would (CPY-4).
    pub(crate) fn enter_copy(&mut self, key: Key<'_>, source: CopySource) -> CopyObjectOutcome {
        // Everything the outcome needs from the source was read when it was selected: entering
        // the copy may remove it (a Suspended copy of a key's null entry onto that key, PUT-3).
        let copy = StoredObject {
            content: source.content,
            modified: self.now,
            form: ObjectForm::Normal { etag: source.etag },
        };
        let etag = copy.etag(self.dialect());
        let crc64 = copy.content.crc64();
        let id = self.enter_head(key, EntryBody::Object(copy), IdChoice::ByState);
        CopyObjectOutcome {
            version_id: self.reported_write_id(&id),
            etag,
            crc64,
            source_version_id: source.version_id,
        }
    }
}

/// A copy's source, selected in its bucket: what the copy takes and the ID it reports (RSP-5).
pub(crate) struct CopySource {
    content: Content,
    etag: ETagSource,
    version_id: Option<VersionId>,
}
