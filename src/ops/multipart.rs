//! Multipart upload: initiate, upload part, complete, abort, list parts, list uploads (MPU).
//!
//! An upload lives beside the chains, in the bucket's store of uploads in progress, until
//! CompleteMultipartUpload turns its listed parts into one Multipart object. That is the write:
//! the object enters the key's chain through the same mechanism as PutObject, under the
//! versioning state in force at Complete (MPU-7).

use crate::conditions::WriteConditions;
use alloc::format;
use alloc::vec::Vec;
use core::ops::Bound;

use md5::{Digest, Md5};

use crate::body::Body;
use crate::bucket::Bucket;
use crate::checked::{GivenAttributes, Key, PageSize, PartList, PartNumber};
use crate::content::Content;
use crate::dialect::MAX_OBJECT_SIZE;
use crate::key::ObjectKey;
use crate::lock::{LegalHoldStatus, LockRequest, VersionLock};
use crate::outcome::{
    AbortMultipartUploadOutcome, CompleteMultipartUploadOutcome, InitiateMultipartUploadOutcome,
    ListMultipartUploadsOutcome, ListPartsOutcome, PartSummary, UploadPartOutcome, UploadSummary,
};
use crate::part_size::MAX_PART_COUNT;
use crate::request::{CompletedPart, InitiateMultipartUpload, ListMultipartUploads, ListParts};
use crate::storage::attributes::Attributes;
use crate::storage::entry::{EntryBody, ObjectForm, StoredObject};
use crate::storage::uploads::{Listed, PageQuery, Part, Upload, UploadState};
use crate::upload_id::UploadId;
use crate::version_id::IdSource;
use crate::violation::{ArgumentError, InvalidRequestReason, Violation};
use crate::write::IdChoice;

/// How many times the bucket draws an upload ID from its [`IdSource`] before falling back to a
/// sequence-derived ID when the source keeps returning unusable IDs.
const SOURCE_ATTEMPTS: u32 = 16;

impl<S: IdSource> Bucket<S> {
    /// InitiateMultipartUpload: starts an upload of `key` and returns its new upload ID (MPU-1).
    ///
    /// No chain changes; a key may have several uploads in progress. The ID is drawn from the
    /// bucket's [`IdSource`] (deterministic, like version IDs) and is never one the bucket gave
    /// out before.
    ///
    /// MPU-13 (MODEL): the request may carry the ID instead (`assign_upload_id`, to mirror a
    /// real server's); an empty one, or one the bucket already gave out or was given, is
    /// `InvalidArgument` 400, checked after the key, tags and metadata. A supplied ID draws
    /// nothing from the source.
    ///
    /// OL-2: a retention or legal hold asked for here is the completed object's, unless the
    /// Complete asks for its own (field by field); the bucket's default retention applies at
    /// completion, from the Complete's time. Asking in a bucket without Object Lock is
    /// `InvalidRequest` 400, a state check after the arguments.
    pub fn initiate_multipart_upload(
        &mut self,
        request: impl Into<InitiateMultipartUpload>,
    ) -> Result<InitiateMultipartUploadOutcome, Violation> {
        let request = request.into();
        Key::parse(self.dialect(), request.key.as_str())?;
        let given = GivenAttributes {
            tags: request.tags.as_ref(),
            content_type: request.content_type.as_ref(),
            metadata: request.metadata.as_ref(),
            storage_class: request.storage_class.as_ref(),
        };
        let mut attributes = Attributes::parse(given, self.dialect())?;
        let lock = LockRequest {
            retention: request.retention,
            legal_hold: request.legal_hold,
        };
        let supplied = match request.assign_upload_id {
            None => None,
            Some(upload_id) if upload_id.as_str().is_empty() => {
                return Err(Violation::InvalidArgument(
                    ArgumentError::SuppliedUploadIdEmpty,
                ));
            }
            Some(upload_id) if self.uploads.is_issued(&upload_id) => {
                return Err(Violation::InvalidArgument(
                    ArgumentError::SuppliedUploadIdUsed(upload_id),
                ));
            }
            Some(upload_id) => Some(upload_id),
        };
        if self.object_lock.is_none() && !lock.is_empty() {
            return Err(Violation::InvalidRequest(
                InvalidRequestReason::ObjectLockNotEnabled,
            ));
        }
        // ERR-2: drawn only once nothing can refuse the request.
        let upload_id = supplied.unwrap_or_else(|| self.fresh_upload_id());
        // Kept as asked: the default retention is the Complete's to apply (OL-2).
        attributes.set_lock(VersionLock {
            retention: lock.retention,
            legal_hold: lock.legal_hold.is_some_and(LegalHoldStatus::is_on),
        });
        self.uploads.insert(
            upload_id.clone(),
            request.key,
            self.now,
            self.dialect(),
            attributes,
        );
        Ok(InitiateMultipartUploadOutcome { upload_id })
    }

    /// CompleteMultipartUpload: the listed parts, joined in order, become the key's new head, a
    /// Multipart object; the upload ends.
    ///
    /// Checks, in this order (ERR-4: the request's own arguments, then the bucket's state):
    ///
    /// - the key (KEY-1, KEY-2);
    /// - MPU-4: the list is non-empty (else `MalformedXML` 400) and strictly ascending by part
    ///   number (else `InvalidPartOrder` 400); gaps are allowed. MODEL: a listed part number
    ///   outside 1..=10000 is also `InvalidPartOrder`, as the oss troubleshooting page files it
    ///   (the reference digest's MP-9);
    /// - MPU-3: the upload is in progress and was initiated for this key, else `NoSuchUpload`
    ///   404 — so a second Complete of the same upload fails and changes nothing;
    /// - MPU-5: every listed part was uploaded and its ETag matches (case-insensitive, quotes
    ///   ignored), else `InvalidPart` 400 naming the first part that fails;
    /// - MPU-6: every listed part but the last is at least
    ///   [`Dialect::min_part_size`](crate::Dialect::min_part_size), else `EntityTooSmall` 400
    ///   with the part number, its size and the minimum.
    ///
    /// Then MPU-7: the object enters the chain exactly as a PutObject would at this moment
    /// (PUT-1..PUT-4, APP-7 sealing a head appendable), under the state in force now
    /// (Suspended gives `null`); unlisted parts are dropped. Its CRC-64 is combined from the
    /// parts' (CT-2) and its ETag is the MD5 of the parts' binary digests plus `-N` (CT-4).
    /// Among several uploads of one key, the one completed last is the head. The outcome
    /// reports the ID as RSP-1 says.
    pub fn complete_multipart_upload(
        &mut self,
        key: impl AsRef<str>,
        upload_id: impl Into<UploadId>,
        parts: &[CompletedPart],
    ) -> Result<CompleteMultipartUploadOutcome, Violation> {
        self.complete(
            key.as_ref(),
            &upload_id.into(),
            parts,
            WriteConditions::default(),
            LockRequest::default(),
        )
    }

    /// CompleteMultipartUpload, the worker of the typed method and of `apply`; its conditions
    /// (CND-1, CND-3, CND-4, CND-6) are checked after the upload and its parts (CND-7), after
    /// the retention it asks for (OL-2) and the retention policy's refusal of an overwrite
    /// (OL-7).
    pub(crate) fn complete(
        &mut self,
        key: &str,
        upload_id: &UploadId,
        parts: &[CompletedPart],
        conditions: WriteConditions<'_>,
        lock: LockRequest,
    ) -> Result<CompleteMultipartUploadOutcome, Violation> {
        let key = Key::parse(self.dialect(), key)?;
        let parts = PartList::parse(parts)?;
        let conditions = conditions.parse(self.dialect())?;
        let upload = self.upload(key, upload_id)?;
        let (content, digest) = assemble(upload, parts, self.dialect().min_part_size())?;
        // OL-2: what the Complete asks for, else what the Initiate asked for.
        let asked = upload.attributes.lock();
        let lock = self.new_version_lock(LockRequest {
            retention: lock.retention.or(asked.retention),
            legal_hold: lock
                .legal_hold
                .or(asked.legal_hold.then_some(LegalHoldStatus::On)),
        })?;
        self.check_replace(key.as_str(), &IdChoice::ByState)?;
        self.check_conditions(key.as_str(), None, &conditions)?;
        let count = parts.count();
        let object = StoredObject {
            content,
            modified: self.now,
            form: ObjectForm::Multipart {
                digest,
                parts: count,
            },
        };
        let etag = object.etag(self.dialect());
        // TAG-1, TAG-5: the tags and metadata given at Initiate.
        let mut attributes = upload.attributes.clone();
        attributes.set_lock(lock);
        self.uploads.end(upload_id, UploadState::Completed);
        let id = self.enter_head_with(
            key,
            EntryBody::Object(object),
            IdChoice::ByState,
            attributes,
        );
        Ok(CompleteMultipartUploadOutcome {
            version_id: self.reported_write_id(&id),
            etag,
            crc64: content.crc64(),
        })
    }

    /// MPU-1: an upload ID never given out by this bucket, drawn from the source.
    fn fresh_upload_id(&mut self) -> UploadId {
        for _ in 0..SOURCE_ATTEMPTS {
            let candidate = self.store.ids.source.next_upload_id();
            if self.is_usable_upload_id(&candidate) {
                return candidate;
            }
        }
        // The source keeps repeating itself: derive IDs from the initiation sequence instead.
        // The set of issued IDs is finite, so this ends.
        let sequence = self.uploads.next_sequence;
        (0u64..)
            .map(|attempt| UploadId::new(format!("upload-{sequence}-{attempt}")))
            .find(|candidate| self.is_usable_upload_id(candidate))
            .unwrap_or_default()
    }

    fn is_usable_upload_id(&self, candidate: &UploadId) -> bool {
        !candidate.as_str().is_empty() && !self.uploads.is_issued(candidate)
    }
}

impl<S> Bucket<S> {
    /// UploadPart: uploads part `part_number` of the upload `upload_id` (MPU-2).
    ///
    /// - The part number must be 1..=10000, else `InvalidArgument` 400.
    /// - A part may be at most 5 GiB, else `EntityTooLarge` 400 (both dialects). Part sizes
    ///   are not checked against the minimum here: only Complete knows which part is last
    ///   (MPU-6).
    /// - The upload must be in progress and initiated for `key`, else `NoSuchUpload` 404
    ///   (MPU-3).
    /// - Uploading a part number again replaces that part.
    ///
    /// The outcome carries the part's ETag — the hex MD5 of the part, in the dialect's case
    /// (MODEL for a fingerprint body without an MD5: its CRC-64 and length in hex, CT-5's form)
    /// — and its CRC-64.
    pub fn upload_part(
        &mut self,
        key: impl AsRef<str>,
        upload_id: impl Into<UploadId>,
        part_number: u32,
        body: impl Into<Body>,
    ) -> Result<UploadPartOutcome, Violation> {
        self.put_part(key.as_ref(), &upload_id.into(), part_number, &body.into())
    }

    /// UploadPart, the worker of the typed method and of `apply`.
    pub(crate) fn put_part(
        &mut self,
        key: &str,
        upload_id: &UploadId,
        part_number: u32,
        body: &Body,
    ) -> Result<UploadPartOutcome, Violation> {
        let key = Key::parse(self.dialect(), key)?;
        let part_number = PartNumber::parse(part_number)?;
        let content = body
            .content()
            .map_err(|_| Violation::InvalidArgument(ArgumentError::BodyTooLong))?;
        if content.len() > MAX_OBJECT_SIZE {
            return Err(Violation::EntityTooLarge {
                size: content.len(),
                max_size: MAX_OBJECT_SIZE,
            });
        }
        self.upload(key, upload_id)?;
        Ok(self.insert_part(upload_id, part_number, content))
    }

    /// Stores `content` as part `part_number` of the upload `upload_id`, replacing a part of
    /// that number (MPU-2), and returns the part's ETag and CRC-64. The caller has checked
    /// that the upload is in progress.
    pub(crate) fn insert_part(
        &mut self,
        upload_id: &UploadId,
        part_number: PartNumber,
        content: Content,
    ) -> UploadPartOutcome {
        let part = Part {
            content,
            digest: Part::digest_of(&content),
            modified: self.now,
        };
        let etag = part.etag(self.dialect());
        if let Some(upload) = self.uploads.get_mut(upload_id) {
            upload.parts.insert(part_number.get(), part);
        }
        UploadPartOutcome {
            etag,
            crc64: content.crc64(),
        }
    }

    /// AbortMultipartUpload: ends the upload and drops its parts; no chain changes (MPU-8).
    ///
    /// An upload that is unknown, completed, aborted or initiated for another key is
    /// `NoSuchUpload` 404 (MPU-3).
    pub fn abort_multipart_upload(
        &mut self,
        key: impl AsRef<str>,
        upload_id: impl Into<UploadId>,
    ) -> Result<AbortMultipartUploadOutcome, Violation> {
        self.abort(key.as_ref(), &upload_id.into())
    }

    /// AbortMultipartUpload, the worker of the typed method and of `apply`.
    pub(crate) fn abort(
        &mut self,
        key: &str,
        upload_id: &UploadId,
    ) -> Result<AbortMultipartUploadOutcome, Violation> {
        let key = Key::parse(self.dialect(), key)?;
        self.upload(key, upload_id)?;
        self.uploads.end(upload_id, UploadState::Aborted);
        Ok(AbortMultipartUploadOutcome {})
    }

    /// ListParts: one page of the upload's parts, ascending by part number (MPU-9).
    ///
    /// - `max_parts` is 1..=1000, default 1000; anything else is `InvalidArgument` 400.
    /// - `part_number_marker` is exclusive: the page starts after it.
    /// - When more parts follow, `is_truncated` is true and `next_part_number_marker` is the
    ///   last part number on the page, to pass back as the marker.
    /// - The upload must be in progress and initiated for `key`, else `NoSuchUpload` 404
    ///   (MPU-3).
    ///
    /// Costs O(log n) plus the page.
    pub fn list_parts(&self, request: ListParts) -> Result<ListPartsOutcome, Violation> {
        let ListParts {
            key,
            upload_id,
            max_parts,
            part_number_marker,
        } = request;
        let upload_id = &upload_id;
        let key = Key::parse(self.dialect(), key.as_str())?;
        let max = PageSize::limit("max-parts", max_parts)?.get();
        let upload = self.upload(key, upload_id)?;
        let after = Bound::Excluded(part_number_marker.unwrap_or(0));
        let mut rest = upload.parts.range((after, Bound::Unbounded));
        let parts: Vec<PartSummary> = rest
            .by_ref()
            .take(max)
            .map(|(&part_number, part)| PartSummary {
                part_number,
                etag: part.etag(self.dialect()),
                size: part.content.len(),
            })
            .collect();
        let is_truncated = rest.next().is_some();
        Ok(ListPartsOutcome {
            next_part_number_marker: is_truncated
                .then(|| parts.last().map(|part| part.part_number))
                .flatten(),
            parts,
            is_truncated,
        })
    }

    /// ListMultipartUploads: one page of the uploads in progress (MPU-10).
    ///
    /// - Order: keys ascending (KEY-3); one key's uploads by upload ID ascending (oss) or in
    ///   initiation order (s3).
    /// - `prefix` keeps the keys that start with it; `delimiter` rolls a key whose rest after
    ///   the prefix contains it into the common prefix ending at its first occurrence, listed
    ///   once and counted once (LST-6).
    /// - `key_marker` alone: the page starts after that key; a common prefix at or before the
    ///   marker is not listed again (LST-6). With `upload_id_marker` too: first that key's
    ///   uploads after the named one — oss: greater upload IDs; s3 (MODEL): uploads initiated
    ///   after it, or none if the marker names no upload in progress of that key (as LST-4).
    ///   `upload_id_marker` without `key_marker` is ignored, as both services document.
    /// - `max_uploads` is 1..=1000, default 1000; anything else is `InvalidArgument` 400.
    ///   Uploads and common prefixes each count one.
    /// - When more follow, `is_truncated` is true and the next markers name the last item on
    ///   the page (a common prefix gives the prefix and no upload-ID marker), so passing them
    ///   back continues exactly after it.
    ///
    /// Costs O(log n) per item on the page: the listing seeks, never scans from the start.
    pub fn list_multipart_uploads(
        &self,
        request: ListMultipartUploads,
    ) -> Result<ListMultipartUploadsOutcome, Violation> {
        let max = PageSize::limit("max-uploads", request.max_uploads)?.get();
        let query = PageQuery {
            prefix: request.prefix.as_deref().unwrap_or_default(),
            delimiter: request
                .delimiter
                .as_deref()
                .filter(|delimiter| !delimiter.is_empty()),
            key_marker: request.key_marker.as_ref().map(ObjectKey::as_str),
            upload_id_marker: request.upload_id_marker.as_ref(),
            max,
        };
        let (items, is_truncated) = self.uploads.page(&query, self.dialect());
        let (next_key_marker, next_upload_id_marker) = match items.last() {
            Some(Listed::Upload { key, upload_id }) if is_truncated => {
                (Some((*key).clone()), Some((*upload_id).clone()))
            }
            Some(Listed::Prefix(prefix)) if is_truncated => {
                (Some(ObjectKey::new(prefix.as_str())), None)
            }
            _ => (None, None),
        };
        let mut uploads = Vec::new();
        let mut common_prefixes = Vec::new();
        for item in items {
            match item {
                Listed::Upload { key, upload_id } => uploads.push(UploadSummary {
                    key: key.clone(),
                    upload_id: upload_id.clone(),
                }),
                Listed::Prefix(prefix) => common_prefixes.push(prefix),
            }
        }
        Ok(ListMultipartUploadsOutcome {
            uploads,
            common_prefixes,
            is_truncated,
            next_key_marker,
            next_upload_id_marker,
        })
    }

    /// The number of uploads in progress.
    pub fn upload_count(&self) -> usize {
        self.uploads.len()
    }

    /// MPU-3: the upload `upload_id`, if it is in progress and was initiated for `key`; else
    /// `NoSuchUpload` 404 (a key that does not match is as unknown as the ID).
    pub(crate) fn upload(&self, key: Key<'_>, upload_id: &UploadId) -> Result<&Upload, Violation> {
        self.uploads
            .get(upload_id)
            .filter(|upload| upload.key.as_str() == key.as_str())
            .ok_or_else(|| Violation::NoSuchUpload {
                upload_id: upload_id.clone(),
            })
    }
}

/// MPU-5, MPU-6, then CT-2 and CT-4: the listed parts of `upload` checked and joined into the
/// object's content, its multipart digest and its part count. `parts` passed
/// [`PartList::parse`](crate::checked::PartList::parse).
fn assemble(
    upload: &Upload,
    parts: PartList<'_>,
    min_part_size: u64,
) -> Result<(Content, [u8; 16]), Violation> {
    // MPU-5, for every listed part before any size is looked at.
    let mut listed = Vec::with_capacity(parts.get().len());
    for requested in parts.get() {
        match upload.parts.get(&requested.part_number) {
            Some(part) if part.matches(&requested.etag) => listed.push((requested, part)),
            Some(_) | None => {
                return Err(Violation::InvalidPart {
                    part_number: requested.part_number,
                });
            }
        }
    }
    // MPU-6: every part but the last.
    if let Some((_, but_last)) = listed.split_last()
        && let Some((requested, part)) = but_last
            .iter()
            .find(|(_, part)| part.content.len() < min_part_size)
    {
        return Err(Violation::EntityTooSmall {
            part_number: requested.part_number,
            size: part.content.len(),
            min_size: min_part_size,
        });
    }
    let mut content = Content::EMPTY;
    let mut digests = Md5::new();
    for (_, part) in &listed {
        // At most 10000 parts of at most 5 GiB each: the length cannot overflow.
        content = content
            .concat(&part.content)
            .ok_or(Violation::EntityTooLarge {
                size: u64::MAX,
                max_size: MAX_OBJECT_SIZE.saturating_mul(MAX_PART_COUNT),
            })?;
        digests.update(part.digest);
    }
    Ok((content, digests.finalize().into()))
}
