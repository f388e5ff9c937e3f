//! CopyObject, and restoring a previous version (CPY).

use crate::bucket::Bucket;
use alloc::string::String;

use crate::checked::{self, Key, NewMetadata, WellFormedId};
use crate::conditions::{Conditions, WriteConditions};
use crate::content::Content;
use crate::dialect::Dialect;
use crate::lock::LockRequest;
use crate::metadata::Directive;
use crate::outcome::CopyObjectOutcome;
use crate::request::CopyObject;
use crate::storage::attributes::Attributes;
use crate::storage::entry::{EntryBody, ObjectForm, StoredObject};
use crate::tags::Tags;
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
    /// - OL-2: the copy's retention is the request's, else the bucket's default; OL-7: a copy
    ///   onto a protected object of an Unversioned bucket → `FileImmutable` 409.
    /// - SYM-5: a Symlink source copies the link, not its target: the copy is a Symlink with
    ///   the same target key (CPY-4).
    ///
    /// - TAG-1: the copy gets the source version's tags, or under the `REPLACE` tagging
    ///   directive the request's (TAG-3 checked).
    /// - TAG-6: the copy gets the source version's content type and user metadata, or under
    ///   the `REPLACE` metadata directive the request's (TAG-5 checked); its storage class is
    ///   the request's, else the default, whatever the directive (MODEL, as S3 does). s3
    ///   refuses a copy of a key's head onto itself (same bucket, no source version ID) that
    ///   replaces nothing and keeps the storage class: `InvalidRequest` 400.
    ///
    /// Both keys, the version ID's syntax, the tags and the metadata are checked before the
    /// source is looked up (ERR-4).
    pub fn copy_object(&mut self, request: CopyObject) -> Result<CopyObjectOutcome, Violation> {
        let source_key = Key::parse(self.dialect(), request.source_key.as_str())?.as_str();
        let key = Key::parse(self.dialect(), request.key.as_str())?;
        let source_version_id = WellFormedId::parse_optional(request.source_version_id.as_ref())?
            .map(WellFormedId::get);
        let args = CopyArgs::parse(self.dialect(), &request)?;
        if let Some(bucket) = &request.source_bucket {
            // A bucket alone knows no other bucket (SVC-7 needs a service).
            return Err(Violation::NoSuchBucket {
                bucket: bucket.clone(),
            });
        }
        let source = self.copy_source(source_key, source_version_id)?;
        if self.dialect() == Dialect::S3
            && source_version_id.is_none()
            && source_key == key.as_str()
            && args.changes_nothing(&source)
        {
            return Err(Violation::InvalidRequest(
                InvalidRequestReason::CopyOntoItself,
            ));
        }
        self.enter_copy(key, source, args)
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
        // SYM-5: a link copies as a link (its target travels with its attributes).
        let form = match object.form {
            ObjectForm::Symlink => ObjectForm::Symlink,
            _ => ObjectForm::Normal {
                etag: object.etag_source(),
            },
        };
        Ok(CopySource {
            content: object.content,
            form,
            version_id: self.reported_read_id(&self.store.id_of(sequence, source)),
            attributes: self.store.attributes(sequence).cloned().unwrap_or_default(),
        })
    }

    /// Enters a selected source at the head of `key` as a PutObject would (CPY-4), once the
    /// copy's conditions hold for `key` (CND-1..CND-4, CND-6; checked after the source, CND-7).
    pub(crate) fn enter_copy(
        &mut self,
        key: Key<'_>,
        source: CopySource,
        args: CopyArgs,
    ) -> Result<CopyObjectOutcome, Violation> {
        let lock = self.new_version_lock(args.lock)?;
        self.check_replace(key.as_str(), &IdChoice::ByState)?;
        self.check_conditions(key.as_str(), None, &args.conditions)?;
        // Everything the outcome needs from the source was read when it was selected: entering
        // the copy may remove it (a Suspended copy of a key's null entry onto that key, PUT-3).
        let copy = StoredObject {
            content: source.content,
            modified: self.now,
            form: source.form,
        };
        let etag = copy.etag(self.dialect());
        let crc64 = copy.content.crc64();
        let mut attributes = args.attributes(source.attributes);
        // OL-2: a copy is a new version: its retention and hold are its own, not the source's.
        attributes.set_lock(lock);
        let id = self.enter_head_with(key, EntryBody::Object(copy), IdChoice::ByState, attributes);
        Ok(CopyObjectOutcome {
            version_id: self.reported_write_id(&id),
            etag,
            crc64,
            source_version_id: source.version_id,
        })
    }
}

/// A copy's source, selected in its bucket: what the copy takes and the ID it reports (RSP-5).
pub(crate) struct CopySource {
    pub(crate) content: Content,
    /// The copy's form: Normal with the source's ETag recipe (CT-6), or a Symlink (SYM-5).
    form: ObjectForm,
    pub(crate) version_id: Option<VersionId>,
    attributes: Attributes,
}

/// A copy's own tags and metadata arguments, checked (TAG-1, TAG-3, TAG-5, TAG-6): what the
/// directives take from the request.
pub(crate) struct CopyArgs {
    /// The tags under `REPLACE`; `None` under `COPY`.
    tags: Option<Tags>,
    /// The content type and user metadata under `REPLACE`; `None` under `COPY`.
    metadata: Option<NewMetadata>,
    /// The storage class (`None`: the default).
    storage_class: Option<String>,
    /// The conditions on the destination (CND-1, CND-6).
    conditions: Conditions,
    /// The retention and legal hold the copy asks for (OL-2).
    lock: LockRequest,
}

impl CopyArgs {
    /// Checks the copy's tags (under `REPLACE`), metadata (under `REPLACE`), storage class and
    /// conditions.
    pub(crate) fn parse(dialect: Dialect, request: &CopyObject) -> Result<Self, Violation> {
        let tags = match request.tagging_directive.unwrap_or_default() {
            Directive::Copy => None,
            Directive::Replace => Some(match &request.tags {
                Some(tags) => checked::tag_set(tags)?,
                None => Tags::new(),
            }),
        };
        let metadata = match request.metadata_directive.unwrap_or_default() {
            Directive::Copy => None,
            Directive::Replace => Some(NewMetadata::parse(
                dialect,
                request.content_type.as_ref(),
                request.metadata.as_ref(),
                None,
            )?),
        };
        let storage_class = checked::storage_class(dialect, request.storage_class.as_ref())?;
        let conditions = WriteConditions {
            if_match: request.if_match.as_deref(),
            if_none_match: request.if_none_match.as_deref(),
            forbid_overwrite: request.forbid_overwrite,
        }
        .parse(dialect)?;
        Ok(CopyArgs {
            tags,
            metadata,
            storage_class,
            conditions,
            lock: LockRequest {
                retention: request.retention,
                legal_hold: request.legal_hold,
            },
        })
    }

    /// TAG-6 (s3): whether a copy of `source` onto itself would keep everything.
    fn changes_nothing(&self, source: &CopySource) -> bool {
        self.tags.is_none()
            && self.metadata.is_none()
            && self.storage_class == source.attributes.storage_class
    }

    /// The copy's attributes: from the source or the request as the directives say.
    fn attributes(self, source: Attributes) -> Attributes {
        // SYM-5: a copy of a link points where the link points, whatever the directives.
        let target = source.target;
        let tags = self.tags.unwrap_or(source.tags);
        let mut attributes = match self.metadata {
            Some(metadata) => Attributes::new(tags, metadata),
            None => Attributes {
                tags,
                content_type: source.content_type,
                metadata: source.metadata,
                storage_class: None,
                target: None,
                retention: None,
                legal_hold: false,
            },
        };
        attributes.storage_class = self.storage_class;
        attributes.target = target;
        attributes
    }
}
