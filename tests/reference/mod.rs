//! A deliberately naive reference model, written straight from `rules.md` and the MODEL
//! decisions the crate documents: a `Vec` of entries per key, a `Vec` of uploads, linear scans
//! and sorting everywhere, object bytes materialised and hashed with the `crc` and `md-5`
//! crates directly. It shares no code with `src/`: it uses only the crate's public types, their
//! constructors, and the [`IdSource`] it draws IDs from (so that both models give out the same
//! IDs for the same configuration).
//!
//! The property tests run it beside the real model on the same commands and compare every
//! outcome and the chains after every step; the fuzz target `sequence` includes this file.
//! It builds the bytes of every body, so it is for generated commands with small bodies (at
//! most 8 MiB each), not for fingerprint bodies.
#![allow(dead_code, unreachable_pub)]

use bucket_versioning::request::{
    AbortMultipartUpload, AdvanceClock, AppendObject, CompleteMultipartUpload, CopyObject,
    DeleteObject, DeleteObjects, GetObject, HeadObject, InitiateMultipartUpload,
    ListMultipartUploads, ListObjectVersions, ListObjects, ListParts, PutBucketVersioning,
    PutObject, SealAppendObject, UploadPart,
};
use bucket_versioning::{
    Body, BucketConfig, Command, Dialect, ETag, IdSource, ObjectKey, ObjectType, Outcome,
    SeededIds, UploadId, VersionId, VersioningState, Violation,
    config::AppendableVersionIds,
    outcome::{
        AbortMultipartUploadOutcome, AppendObjectOutcome, ClockOutcome,
        CompleteMultipartUploadOutcome, CopyObjectOutcome, DeleteError, DeleteObjectOutcome,
        DeleteObjectsOutcome, DeletedObject, InitiateMultipartUploadOutcome,
        ListMultipartUploadsOutcome, ListObjectVersionsOutcome, ListObjectsOutcome,
        ListPartsOutcome, ListedObject, ListedVersion, ObjectMeta, PartSummary, PutObjectOutcome,
        SealAppendObjectOutcome, UploadPartOutcome, UploadSummary, VersioningOutcome,
    },
    request::{CompletedPart, ObjectIdentifier},
    violation::{ArgumentError, InvalidRequestReason, MalformedXmlReason},
};
use md5::{Digest, Md5};

/// CRC-64/XZ, straight from the `crc` crate, over materialised bytes.
fn crc64(bytes: &[u8]) -> u64 {
    crc::Crc::<u64>::new(&crc::CRC_64_XZ).checksum(bytes)
}

fn md5(bytes: &[u8]) -> [u8; 16] {
    Md5::digest(bytes).into()
}

/// The largest body the reference model builds.
const MAX_BUILT: usize = 8 << 20;

/// The bytes of a generated body, if it is small enough to build.
pub fn bytes_of(body: &Body) -> Option<Vec<u8>> {
    match body {
        Body::Text(text) => Some(text.as_bytes().to_vec()),
        Body::Repeat { repeat, times } => {
            let len = (repeat.len() as u64).checked_mul(*times)?;
            (len <= MAX_BUILT as u64).then(|| repeat.repeat(*times as usize).into_bytes())
        }
        Body::Concat { concat } => {
            let mut bytes = Vec::new();
            for piece in concat {
                bytes.extend(bytes_of(piece)?);
                if bytes.len() > MAX_BUILT {
                    return None;
                }
            }
            Some(bytes)
        }
        _ => None,
    }
}

/// A body's length without building it (for bodies too large to build).
fn len_of(body: &Body) -> Option<u64> {
    match body {
        Body::Text(text) => Some(text.len() as u64),
        Body::Repeat { repeat, times } => (repeat.len() as u64).checked_mul(*times),
        Body::Concat { concat } => concat
            .iter()
            .try_fold(0u64, |total, piece| total.checked_add(len_of(piece)?)),
        _ => None,
    }
}

const FIVE_GIB: u64 = 5 * 1024 * 1024 * 1024;

/// One entry, everything spelled out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefEntry {
    pub id: String,
    pub delete_marker: bool,
    pub object_type: Option<ObjectType>,
    pub size: u64,
    pub crc64: u64,
    pub etag: Option<String>,
    pub created: u64,
    pub modified: u64,
    pub sealed: bool,
}

/// An entry with its bytes, as the reference model keeps it.
#[derive(Clone, Debug)]
pub struct Stored {
    pub entry: RefEntry,
    pub bytes: Vec<u8>,
}

/// One uploaded part.
#[derive(Clone, Debug)]
pub struct RefPart {
    pub number: u32,
    pub bytes: Vec<u8>,
    pub md5: [u8; 16],
}

/// One multipart upload in progress.
#[derive(Clone, Debug)]
pub struct RefUpload {
    pub id: String,
    pub key: String,
    /// Initiation order, bucket-wide.
    pub order: u64,
    /// In upload order; a part number uploaded again replaces its part.
    pub parts: Vec<RefPart>,
}

/// One row of a listing: an item, or a common prefix (LST-6).
#[derive(Clone, Debug, PartialEq)]
enum Row<T> {
    Item(T),
    Prefix(String),
}

/// The naive bucket.
#[derive(Clone, Debug)]
pub struct RefBucket<S = SeededIds> {
    pub dialect: Dialect,
    pub state: VersioningState,
    pub now: u64,
    /// (key, entries oldest first); the head is the last entry.
    pub chains: Vec<(String, Vec<Stored>)>,
    /// Every non-null version ID ever given out or supplied.
    pub used_ids: Vec<String>,
    /// The uploads in progress.
    pub uploads: Vec<RefUpload>,
    /// Every upload ID ever given out.
    pub issued_uploads: Vec<String>,
    pub ids: S,
    /// The sequence number the next entry gets: one per entry ever made (ID-4).
    pub sequence: u64,
    pub appendable_ids: AppendableVersionIds,
}

impl RefBucket<SeededIds> {
    pub fn new(config: BucketConfig) -> Self {
        RefBucket::with_id_source(config, SeededIds::new(config.seed()))
    }
}

impl<S: IdSource> RefBucket<S> {
    pub fn with_id_source(config: BucketConfig, ids: S) -> Self {
        RefBucket {
            dialect: config.dialect(),
            state: VersioningState::Unversioned,
            now: 0,
            chains: Vec::new(),
            used_ids: Vec::new(),
            uploads: Vec::new(),
            issued_uploads: Vec::new(),
            ids,
            sequence: 0,
            appendable_ids: config.appendable_version_ids(),
        }
    }

    /// The chains, keys in byte order (KEY-3), each newest first.
    pub fn sorted_chains(&self) -> Vec<(String, Vec<RefEntry>)> {
        let mut chains: Vec<(String, Vec<RefEntry>)> = self
            .chains
            .iter()
            .filter(|(_, entries)| !entries.is_empty())
            .map(|(key, entries)| {
                (
                    key.clone(),
                    entries.iter().rev().map(|s| s.entry.clone()).collect(),
                )
            })
            .collect();
        chains.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        chains
    }

    /// The uploads in progress as (key, upload ID, part numbers ascending), sorted by upload ID.
    pub fn upload_summary(&self) -> Vec<(String, String, Vec<u32>)> {
        let mut uploads: Vec<(String, String, Vec<u32>)> = self
            .uploads
            .iter()
            .map(|upload| {
                let mut numbers: Vec<u32> = upload.parts.iter().map(|part| part.number).collect();
                numbers.sort();
                (upload.key.clone(), upload.id.clone(), numbers)
            })
            .collect();
        uploads.sort_by(|a, b| a.1.cmp(&b.1));
        uploads
    }

    pub fn apply(&mut self, command: Command) -> Result<Outcome, Violation> {
        match command {
            Command::PutBucketVersioning(PutBucketVersioning { status }) => {
                let state = match status.as_str() {
                    "Enabled" => VersioningState::Enabled,
                    "Suspended" => VersioningState::Suspended,
                    _ => {
                        return Err(match self.dialect {
                            Dialect::Oss => Violation::MalformedXml(
                                MalformedXmlReason::VersioningStatus(status),
                            ),
                            Dialect::S3 => Violation::IllegalVersioningConfiguration { status },
                        });
                    }
                };
                self.state = state;
                Ok(Outcome::Versioning(VersioningOutcome { status: state }))
            }
            Command::GetBucketVersioning(_) => Ok(Outcome::Versioning(VersioningOutcome {
                status: self.state,
            })),
            Command::PutObject(PutObject {
                key,
                body,
                assign_version_id,
            }) => self
                .put(key.as_str(), &body, assign_version_id)
                .map(Outcome::PutObject),
            Command::DeleteObject(DeleteObject {
                key,
                version_id,
                assign_version_id,
            }) => self
                .delete(key.as_str(), version_id, assign_version_id)
                .map(Outcome::DeleteObject),
            Command::DeleteObjects(DeleteObjects { objects, quiet }) => self
                .delete_objects(&objects, quiet == Some(true))
                .map(Outcome::DeleteObjects),
            Command::GetObject(GetObject { key, version_id }) => {
                self.read(key.as_str(), version_id).map(Outcome::GetObject)
            }
            Command::HeadObject(HeadObject { key, version_id }) => {
                self.read(key.as_str(), version_id).map(Outcome::HeadObject)
            }
            Command::AdvanceClock(AdvanceClock { seconds }) => {
                match self.now.checked_add(seconds) {
                    Some(now) => {
                        self.now = now;
                        Ok(Outcome::AdvanceClock(ClockOutcome { now }))
                    }
                    None => Err(Violation::InvalidArgument(ArgumentError::ClockOverflow(
                        seconds,
                    ))),
                }
            }
            Command::AppendObject(AppendObject {
                key,
                position,
                body,
                version_id,
            }) => self
                .append(key.as_str(), position, &body, version_id)
                .map(Outcome::AppendObject),
            Command::SealAppendObject(SealAppendObject { key, position }) => self
                .seal(key.as_str(), position)
                .map(Outcome::SealAppendObject),
            Command::InitiateMultipartUpload(InitiateMultipartUpload { key }) => self
                .initiate(key.as_str())
                .map(Outcome::InitiateMultipartUpload),
            Command::UploadPart(UploadPart {
                key,
                upload_id,
                part_number,
                body,
            }) => self
                .upload_part(key.as_str(), &upload_id, part_number, &body)
                .map(Outcome::UploadPart),
            Command::CompleteMultipartUpload(CompleteMultipartUpload {
                key,
                upload_id,
                parts,
            }) => self
                .complete(key.as_str(), &upload_id, &parts)
                .map(Outcome::CompleteMultipartUpload),
            Command::AbortMultipartUpload(AbortMultipartUpload { key, upload_id }) => self
                .abort(key.as_str(), &upload_id)
                .map(Outcome::AbortMultipartUpload),
            Command::ListParts(ListParts {
                key,
                upload_id,
                max_parts,
                part_number_marker,
            }) => self
                .list_parts(key.as_str(), &upload_id, max_parts, part_number_marker)
                .map(Outcome::ListParts),
            Command::ListMultipartUploads(ListMultipartUploads {
                prefix,
                delimiter,
                key_marker,
                upload_id_marker,
                max_uploads,
            }) => self
                .list_uploads(
                    prefix.unwrap_or_default(),
                    delimiter,
                    key_marker.map(|key| key.as_str().to_string()),
                    upload_id_marker.map(|id| id.to_string()),
                    max_uploads,
                )
                .map(Outcome::ListMultipartUploads),
            Command::CopyObject(CopyObject {
                source_key,
                source_version_id,
                key,
            }) => self
                .copy(source_key.as_str(), source_version_id, key.as_str())
                .map(Outcome::CopyObject),
            Command::ListObjectVersions(ListObjectVersions {
                prefix,
                delimiter,
                key_marker,
                version_id_marker,
                max_keys,
            }) => self
                .list_versions(
                    prefix.unwrap_or_default(),
                    delimiter,
                    key_marker,
                    version_id_marker,
                    max_keys,
                )
                .map(Outcome::ListObjectVersions),
            Command::ListObjects(ListObjects {
                prefix,
                delimiter,
                marker,
                max_keys,
            }) => self
                .list_objects(prefix.unwrap_or_default(), delimiter, marker, max_keys)
                .map(Outcome::ListObjects),
            other => panic!("the reference model does not know {other:?}"),
        }
    }

    // --- argument checks (KEY, ID-5, ID-6) ---

    fn check_key(&self, key: &str) -> Result<(), Violation> {
        match self.dialect {
            Dialect::Oss => {
                if key.is_empty()
                    || key.len() > 1023
                    || key.starts_with('/')
                    || key.starts_with('\\')
                {
                    return Err(Violation::InvalidObjectName { key: key.into() });
                }
            }
            Dialect::S3 => {
                if key.is_empty() {
                    return Err(Violation::InvalidArgument(ArgumentError::EmptyKey));
                }
                if key.len() > 1024 {
                    return Err(Violation::KeyTooLong {
                        size: key.len(),
                        max_size: 1024,
                    });
                }
            }
        }
        Ok(())
    }

    fn check_version_id(id: &VersionId) -> Result<(), Violation> {
        let text = id.to_string();
        if text.is_empty() {
            Err(Violation::InvalidArgument(ArgumentError::EmptyVersionId))
        } else if text.len() > 1024 {
            Err(Violation::InvalidArgument(
                ArgumentError::VersionIdTooLong { size: text.len() },
            ))
        } else {
            Ok(())
        }
    }

    fn check_supplied(&self, id: &VersionId) -> Result<(), Violation> {
        Self::check_version_id(id)?;
        let text = id.to_string();
        if text == "null" {
            return Err(Violation::InvalidArgument(
                ArgumentError::SuppliedVersionIdNull,
            ));
        }
        if self.used_ids.contains(&text) {
            return Err(Violation::InvalidArgument(
                ArgumentError::SuppliedVersionIdUsed(id.clone()),
            ));
        }
        Ok(())
    }

    /// LST-2, MPU-9, MPU-10: a page size of 1..=1000, default 1000.
    fn page_size(name: &'static str, value: Option<u64>) -> Result<usize, Violation> {
        match value {
            None => Ok(1000),
            Some(value) if (1..=1000).contains(&value) => Ok(value as usize),
            Some(value) => Err(Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                name,
                value,
            })),
        }
    }

    // --- chains ---

    fn chain_mut(&mut self, key: &str) -> &mut Vec<Stored> {
        if let Some(index) = self.chains.iter().position(|(k, _)| k == key) {
            return &mut self.chains[index].1;
        }
        self.chains.push((key.to_string(), Vec::new()));
        &mut self.chains.last_mut().expect("just pushed").1
    }

    fn chain(&self, key: &str) -> &[Stored] {
        self.chains
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, entries)| entries.as_slice())
            .unwrap_or(&[])
    }

    fn drop_empty(&mut self) {
        self.chains.retain(|(_, entries)| !entries.is_empty());
    }

    /// The source's ID for the new entry's sequence number, or the first `seq-N-A` unused.
    fn fresh_id(&mut self) -> String {
        let id = self.ids.version_id(self.sequence).to_string();
        if !self.used_ids.contains(&id) {
            return id;
        }
        (0..)
            .map(|attempt| format!("seq-{}-{attempt}", self.sequence))
            .find(|id| !self.used_ids.contains(id))
            .expect("finitely many IDs are used")
    }

    /// A write or simple delete entering a new head (PUT-1..PUT-4, DEL-3, DEL-4, APP-7).
    fn enter(
        &mut self,
        key: &str,
        mut stored: Stored,
        supplied: Option<String>,
        always_null: bool,
    ) -> String {
        let id = match self.state {
            VersioningState::Enabled if always_null => {
                self.seal_head(key);
                self.chain_mut(key).retain(|e| e.entry.id != "null");
                "null".to_string()
            }
            VersioningState::Unversioned => {
                self.chain_mut(key).clear();
                "null".to_string()
            }
            VersioningState::Enabled => {
                self.seal_head(key);
                let id = supplied.unwrap_or_else(|| self.fresh_id());
                self.used_ids.push(id.clone());
                id
            }
            VersioningState::Suspended => {
                self.seal_head(key);
                self.chain_mut(key).retain(|e| e.entry.id != "null");
                "null".to_string()
            }
        };
        stored.entry.id = id.clone();
        stored.entry.created = self.now;
        self.chain_mut(key).push(stored);
        self.sequence += 1;
        id
    }

    fn seal_head(&mut self, key: &str) {
        if let Some(head) = self.chain_mut(key).last_mut()
            && head.entry.object_type == Some(ObjectType::Appendable)
        {
            head.entry.sealed = true;
        }
        self.drop_empty();
    }

    fn reported_write(&self, id: &str) -> Option<VersionId> {
        match (self.state, self.dialect) {
            (VersioningState::Unversioned, _) => None,
            (VersioningState::Suspended, Dialect::S3) => None,
            _ => Some(VersionId::new(id)),
        }
    }

    fn reported_read(&self, id: &str) -> Option<VersionId> {
        (self.state != VersioningState::Unversioned).then(|| VersionId::new(id))
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn dialect_case(&self, hex: String) -> String {
        match self.dialect {
            Dialect::Oss => hex.to_uppercase(),
            Dialect::S3 => hex,
        }
    }

    fn object_entry(&self, object_type: ObjectType, bytes: Vec<u8>, etag: String) -> Stored {
        Stored {
            entry: RefEntry {
                id: String::new(),
                delete_marker: false,
                object_type: Some(object_type),
                size: bytes.len() as u64,
                crc64: crc64(&bytes),
                etag: Some(etag),
                created: self.now,
                modified: self.now,
                sealed: false,
            },
            bytes,
        }
    }

    // --- PUT ---

    fn put(
        &mut self,
        key: &str,
        body: &Body,
        supplied: Option<VersionId>,
    ) -> Result<PutObjectOutcome, Violation> {
        self.check_key(key)?;
        if let Some(id) = &supplied {
            self.check_supplied(id)?;
        }
        let len = len_of(body).ok_or(Violation::InvalidArgument(ArgumentError::BodyTooLong))?;
        if len > FIVE_GIB {
            return Err(match self.dialect {
                Dialect::Oss => Violation::InlineDataTooLarge {
                    size: len,
                    max_size: FIVE_GIB,
                },
                Dialect::S3 => Violation::EntityTooLarge {
                    size: len,
                    max_size: FIVE_GIB,
                },
            });
        }
        if supplied.is_some() && self.state != VersioningState::Enabled {
            return Err(Violation::InvalidArgument(
                ArgumentError::SuppliedVersionIdNotApplicable,
            ));
        }
        let bytes = bytes_of(body).expect("the reference model builds bodies up to 8 MiB");
        let etag = self.dialect_case(Self::hex(&md5(&bytes)));
        let stored = self.object_entry(ObjectType::Normal, bytes, etag.clone());
        let crc = stored.entry.crc64;
        let id = self.enter(key, stored, supplied.map(|id| id.to_string()), false);
        Ok(PutObjectOutcome {
            version_id: self.reported_write(&id),
            etag: ETag::new(etag),
            crc64: crc,
        })
    }

    // --- DEL ---

    fn delete(
        &mut self,
        key: &str,
        version_id: Option<VersionId>,
        supplied: Option<VersionId>,
    ) -> Result<DeleteObjectOutcome, Violation> {
        self.check_key(key)?;
        if let Some(id) = &version_id {
            Self::check_version_id(id)?;
        }
        if let Some(id) = &supplied {
            self.check_supplied(id)?;
            if version_id.is_some() {
                return Err(Violation::InvalidArgument(
                    ArgumentError::SuppliedVersionIdNotApplicable,
                ));
            }
        }
        if let Some(id) = version_id {
            let text = id.to_string();
            let chain = self.chain_mut(key);
            let position = chain.iter().position(|stored| stored.entry.id == text);
            let removed = position.map(|index| chain.remove(index));
            self.drop_empty();
            return Ok(DeleteObjectOutcome {
                version_id: Some(id),
                delete_marker: removed.is_some_and(|stored| stored.entry.delete_marker),
            });
        }
        if supplied.is_some() && self.state != VersioningState::Enabled {
            return Err(Violation::InvalidArgument(
                ArgumentError::SuppliedVersionIdNotApplicable,
            ));
        }
        if self.state == VersioningState::Unversioned {
            self.chain_mut(key).clear();
            self.drop_empty();
            return Ok(DeleteObjectOutcome {
                version_id: None,
                delete_marker: false,
            });
        }
        let marker = RefEntry {
            id: String::new(),
            delete_marker: true,
            object_type: None,
            size: 0,
            crc64: 0,
            etag: None,
            created: self.now,
            modified: self.now,
            sealed: false,
        };
        let id = self.enter(
            key,
            Stored {
                entry: marker,
                bytes: Vec::new(),
            },
            supplied.map(|id| id.to_string()),
            false,
        );
        Ok(DeleteObjectOutcome {
            version_id: Some(VersionId::new(id)),
            delete_marker: true,
        })
    }

    // --- BAT ---

    fn delete_objects(
        &mut self,
        objects: &[ObjectIdentifier],
        quiet: bool,
    ) -> Result<DeleteObjectsOutcome, Violation> {
        if objects.is_empty() || objects.len() > 1000 {
            return Err(Violation::MalformedXml(
                MalformedXmlReason::DeleteObjectCount(objects.len()),
            ));
        }
        let mut deleted = Vec::new();
        let mut errors = Vec::new();
        for object in objects {
            let version_id = object.version_id.clone();
            match self.delete(object.key.as_str(), version_id.clone(), None) {
                Ok(outcome) => {
                    // BAT-3, as S3's DeletedObject.
                    let (delete_marker, delete_marker_version_id) =
                        match (&version_id, outcome.delete_marker) {
                            (None, true) => (true, outcome.version_id.clone()),
                            (Some(id), true) => (true, Some(id.clone())),
                            (_, false) => (false, None),
                        };
                    if !quiet {
                        deleted.push(DeletedObject {
                            key: object.key.clone(),
                            version_id,
                            delete_marker,
                            delete_marker_version_id,
                        });
                    }
                }
                Err(violation) => errors.push(DeleteError {
                    key: object.key.clone(),
                    version_id,
                    violation,
                }),
            }
        }
        Ok(DeleteObjectsOutcome { deleted, errors })
    }

    // --- GET ---

    /// The entry a read or copy names: the head, or the entry with `version_id`.
    fn named(&self, key: &str, version_id: Option<&VersionId>) -> Option<&Stored> {
        let chain = self.chain(key);
        match version_id {
            None => chain.last(),
            Some(id) => {
                let text = id.to_string();
                chain.iter().find(|stored| stored.entry.id == text)
            }
        }
    }

    fn read(&self, key: &str, version_id: Option<VersionId>) -> Result<ObjectMeta, Violation> {
        self.check_key(key)?;
        if let Some(id) = &version_id {
            Self::check_version_id(id)?;
        }
        let Some(stored) = self.named(key, version_id.as_ref()) else {
            return Err(match version_id {
                None => Violation::NoSuchKey {
                    delete_marker: false,
                    version_id: None,
                },
                Some(id) => Violation::NoSuchVersion { version_id: id },
            });
        };
        let entry = &stored.entry;
        if entry.delete_marker {
            return Err(match version_id {
                None => Violation::NoSuchKey {
                    delete_marker: true,
                    version_id: self.reported_read(&entry.id),
                },
                Some(id) => Violation::MethodNotAllowed { version_id: id },
            });
        }
        let appendable = entry.object_type == Some(ObjectType::Appendable);
        Ok(ObjectMeta {
            version_id: self.reported_read(&entry.id),
            object_type: entry.object_type.expect("an object"),
            size: entry.size,
            etag: ETag::new(entry.etag.clone().expect("an object has an ETag")),
            crc64: entry.crc64,
            last_modified: entry.modified,
            next_position: appendable.then_some(entry.size),
            sealed: appendable.then_some(entry.sealed),
        })
    }

    // --- CPY ---

    fn copy(
        &mut self,
        source_key: &str,
        source_version_id: Option<VersionId>,
        key: &str,
    ) -> Result<CopyObjectOutcome, Violation> {
        self.check_key(source_key)?;
        self.check_key(key)?;
        if let Some(id) = &source_version_id {
            Self::check_version_id(id)?;
        }
        let no_such_key = Violation::NoSuchKey {
            delete_marker: false,
            version_id: None,
        };
        let Some(source) = self.named(source_key, source_version_id.as_ref()).cloned() else {
            return Err(match source_version_id {
                None => no_such_key,
                Some(id) => Violation::NoSuchVersion { version_id: id },
            });
        };
        if source.entry.delete_marker {
            return Err(match (&source_version_id, self.dialect) {
                (Some(_), Dialect::S3) => {
                    Violation::InvalidRequest(InvalidRequestReason::CopySourceIsDeleteMarker)
                }
                _ => no_such_key,
            });
        }
        if self.dialect == Dialect::Oss
            && self.state != VersioningState::Unversioned
            && source.entry.object_type == Some(ObjectType::Appendable)
        {
            return Err(Violation::InvalidRequest(
                InvalidRequestReason::CopySourceIsAppendable,
            ));
        }
        let source_reported = self.reported_read(&source.entry.id);
        // CT-6: the copy keeps the source's content, CRC-64 and ETag.
        let etag = source.entry.etag.clone().expect("an object has an ETag");
        let crc = source.entry.crc64;
        let mut copy = Stored {
            entry: source.entry.clone(),
            bytes: source.bytes,
        };
        copy.entry.object_type = Some(ObjectType::Normal);
        copy.entry.sealed = false;
        copy.entry.modified = self.now;
        let id = self.enter(key, copy, None, false);
        Ok(CopyObjectOutcome {
            version_id: self.reported_write(&id),
            etag: ETag::new(etag),
            crc64: crc,
            source_version_id: source_reported,
        })
    }
}

impl<S: IdSource> RefBucket<S> {
    // --- APP ---

    fn not_implemented(&self, operation: &'static str) -> Result<(), Violation> {
        match self.dialect {
            Dialect::Oss => Ok(()),
            Dialect::S3 => Err(Violation::NotImplemented { operation }),
        }
    }

    fn append(
        &mut self,
        key: &str,
        position: u64,
        body: &Body,
        version_id: Option<VersionId>,
    ) -> Result<AppendObjectOutcome, Violation> {
        self.not_implemented("AppendObject")?;
        self.check_key(key)?;
        if version_id.is_some() {
            return Err(Violation::InvalidArgument(ArgumentError::VersionIdOnAppend));
        }
        let len = len_of(body).ok_or(Violation::InvalidArgument(ArgumentError::BodyTooLong))?;
        let now = self.now;
        let head = self.chain(key).last().map(|stored| stored.entry.clone());
        match head {
            Some(head) if !head.delete_marker => {
                if head.object_type != Some(ObjectType::Appendable) || head.sealed {
                    return Err(Violation::ObjectNotAppendable);
                }
                if position != head.size {
                    return Err(Violation::PositionNotEqualToLength {
                        next_position: head.size,
                    });
                }
                if head.size.saturating_add(len) > FIVE_GIB {
                    return Err(Violation::InlineDataTooLarge {
                        size: head.size.saturating_add(len),
                        max_size: FIVE_GIB,
                    });
                }
                let piece = bytes_of(body).expect("generated bodies are small");
                let stored = self.chain_mut(key).last_mut().expect("a head");
                stored.bytes.extend(piece);
                stored.entry.size = stored.bytes.len() as u64;
                stored.entry.crc64 = crc64(&stored.bytes);
                stored.entry.modified = now;
                stored.entry.etag = Some(format!(
                    "{:016X}{:016X}",
                    stored.entry.crc64, stored.entry.size
                ));
                let entry = stored.entry.clone();
                Ok(AppendObjectOutcome {
                    version_id: self.reported_read(&entry.id),
                    next_position: entry.size,
                    crc64: entry.crc64,
                    etag: ETag::new(entry.etag.expect("an ETag")),
                })
            }
            _ => {
                // No entries, or a marker head (only possible in a versioned bucket).
                if position != 0 {
                    return Err(Violation::PositionNotEqualToLength { next_position: 0 });
                }
                if len > FIVE_GIB {
                    return Err(Violation::InlineDataTooLarge {
                        size: len,
                        max_size: FIVE_GIB,
                    });
                }
                let bytes = bytes_of(body).expect("generated bodies are small");
                let crc = crc64(&bytes);
                let etag = format!("{crc:016X}{len:016X}");
                let stored = self.object_entry(ObjectType::Appendable, bytes, etag.clone());
                let always_null = self.appendable_ids == AppendableVersionIds::Null;
                let id = self.enter(key, stored, None, always_null);
                Ok(AppendObjectOutcome {
                    version_id: self.reported_write(&id),
                    next_position: len,
                    crc64: crc,
                    etag: ETag::new(etag),
                })
            }
        }
    }

    fn seal(&mut self, key: &str, position: u64) -> Result<SealAppendObjectOutcome, Violation> {
        self.not_implemented("SealAppendObject")?;
        self.check_key(key)?;
        let Some(head) = self.chain(key).last().map(|stored| stored.entry.clone()) else {
            return Err(Violation::ObjectNotAppendable);
        };
        if head.object_type != Some(ObjectType::Appendable) {
            return Err(Violation::ObjectNotAppendable);
        }
        if position != head.size {
            return Err(Violation::PositionNotEqualToLength {
                next_position: head.size,
            });
        }
        self.chain_mut(key).last_mut().expect("a head").entry.sealed = true;
        Ok(SealAppendObjectOutcome {
            version_id: self.reported_read(&head.id),
        })
    }
}

impl<S: IdSource> RefBucket<S> {
    // --- MPU ---

    fn min_part_size(&self) -> u64 {
        match self.dialect {
            Dialect::Oss => 100 * 1024,
            Dialect::S3 => 5 * 1024 * 1024,
        }
    }

    /// MPU-3: the index of the upload in progress with this ID and key.
    fn find_upload(&self, key: &str, upload_id: &UploadId) -> Result<usize, Violation> {
        self.uploads
            .iter()
            .position(|upload| upload.id == upload_id.to_string() && upload.key == key)
            .ok_or_else(|| Violation::NoSuchUpload {
                upload_id: upload_id.clone(),
            })
    }

    fn initiate(&mut self, key: &str) -> Result<InitiateMultipartUploadOutcome, Violation> {
        self.check_key(key)?;
        let id = loop {
            let candidate = self.ids.next_upload_id().to_string();
            if !candidate.is_empty() && !self.issued_uploads.contains(&candidate) {
                break candidate;
            }
        };
        self.issued_uploads.push(id.clone());
        self.uploads.push(RefUpload {
            id: id.clone(),
            key: key.to_string(),
            order: self.issued_uploads.len() as u64,
            parts: Vec::new(),
        });
        Ok(InitiateMultipartUploadOutcome {
            upload_id: UploadId::new(id),
        })
    }

    fn upload_part(
        &mut self,
        key: &str,
        upload_id: &UploadId,
        part_number: u32,
        body: &Body,
    ) -> Result<UploadPartOutcome, Violation> {
        self.check_key(key)?;
        if !(1..=10_000).contains(&part_number) {
            return Err(Violation::InvalidArgument(
                ArgumentError::PartNumberOutOfRange(part_number),
            ));
        }
        let len = len_of(body).ok_or(Violation::InvalidArgument(ArgumentError::BodyTooLong))?;
        if len > FIVE_GIB {
            return Err(Violation::EntityTooLarge {
                size: len,
                max_size: FIVE_GIB,
            });
        }
        let index = self.find_upload(key, upload_id)?;
        let bytes = bytes_of(body).expect("generated parts are small");
        let part = RefPart {
            number: part_number,
            md5: md5(&bytes),
            bytes,
        };
        let etag = self.dialect_case(Self::hex(&part.md5));
        let crc = crc64(&part.bytes);
        let parts = &mut self.uploads[index].parts;
        parts.retain(|old| old.number != part_number);
        parts.push(part);
        Ok(UploadPartOutcome {
            etag: ETag::new(etag),
            crc64: crc,
        })
    }

    /// MPU-5 (MODEL): a listed ETag names a part if it is the part's hex MD5 in either case,
    /// with or without one pair of surrounding double quotes.
    fn etag_names(listed: &ETag, part: &RefPart) -> bool {
        let text = listed.as_str();
        let unquoted = match text
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
        {
            Some(inner) => inner,
            None => text,
        };
        unquoted.to_lowercase() == Self::hex(&part.md5)
    }

    fn complete(
        &mut self,
        key: &str,
        upload_id: &UploadId,
        parts: &[CompletedPart],
    ) -> Result<CompleteMultipartUploadOutcome, Violation> {
        self.check_key(key)?;
        if parts.is_empty() {
            return Err(Violation::MalformedXml(MalformedXmlReason::NoParts));
        }
        for (index, part) in parts.iter().enumerate() {
            let ascending = index == 0 || parts[index - 1].part_number < part.part_number;
            if !ascending || !(1..=10_000).contains(&part.part_number) {
                return Err(Violation::InvalidPartOrder);
            }
        }
        let index = self.find_upload(key, upload_id)?;
        let upload = &self.uploads[index];
        let mut chosen: Vec<&RefPart> = Vec::new();
        for listed in parts {
            match upload
                .parts
                .iter()
                .find(|part| part.number == listed.part_number)
            {
                Some(part) if Self::etag_names(&listed.etag, part) => chosen.push(part),
                _ => {
                    return Err(Violation::InvalidPart {
                        part_number: listed.part_number,
                    });
                }
            }
        }
        for part in &chosen[..chosen.len() - 1] {
            if (part.bytes.len() as u64) < self.min_part_size() {
                return Err(Violation::EntityTooSmall {
                    part_number: part.number,
                    size: part.bytes.len() as u64,
                    min_size: self.min_part_size(),
                });
            }
        }
        let mut bytes = Vec::new();
        let mut digests = Vec::new();
        for part in &chosen {
            bytes.extend_from_slice(&part.bytes);
            digests.extend_from_slice(&part.md5);
        }
        let count = chosen.len();
        let etag = format!("{}-{}", self.dialect_case(Self::hex(&md5(&digests))), count);
        self.uploads.remove(index);
        let stored = self.object_entry(ObjectType::Multipart, bytes, etag.clone());
        let crc = stored.entry.crc64;
        let id = self.enter(key, stored, None, false);
        Ok(CompleteMultipartUploadOutcome {
            version_id: self.reported_write(&id),
            etag: ETag::new(etag),
            crc64: crc,
        })
    }

    fn abort(
        &mut self,
        key: &str,
        upload_id: &UploadId,
    ) -> Result<AbortMultipartUploadOutcome, Violation> {
        self.check_key(key)?;
        let index = self.find_upload(key, upload_id)?;
        self.uploads.remove(index);
        Ok(AbortMultipartUploadOutcome {})
    }

    fn list_parts(
        &self,
        key: &str,
        upload_id: &UploadId,
        max_parts: Option<u64>,
        part_number_marker: Option<u32>,
    ) -> Result<ListPartsOutcome, Violation> {
        self.check_key(key)?;
        let max = Self::page_size("max-parts", max_parts)?;
        let index = self.find_upload(key, upload_id)?;
        let mut parts: Vec<&RefPart> = self.uploads[index].parts.iter().collect();
        parts.sort_by_key(|part| part.number);
        let after = part_number_marker.unwrap_or(0);
        let rest: Vec<PartSummary> = parts
            .iter()
            .filter(|part| part.number > after)
            .map(|part| PartSummary {
                part_number: part.number,
                etag: ETag::new(self.dialect_case(Self::hex(&part.md5))),
                size: part.bytes.len() as u64,
            })
            .collect();
        let is_truncated = rest.len() > max;
        let page: Vec<PartSummary> = rest.into_iter().take(max).collect();
        Ok(ListPartsOutcome {
            next_part_number_marker: if is_truncated {
                page.last().map(|part| part.part_number)
            } else {
                None
            },
            parts: page,
            is_truncated,
        })
    }

    fn list_uploads(
        &self,
        prefix: String,
        delimiter: Option<String>,
        key_marker: Option<String>,
        upload_id_marker: Option<String>,
        max_uploads: Option<u64>,
    ) -> Result<ListMultipartUploadsOutcome, Violation> {
        let max = Self::page_size("max-uploads", max_uploads)?;
        let delimiter = delimiter.filter(|delimiter| !delimiter.is_empty());
        let mut uploads: Vec<&RefUpload> = self.uploads.iter().collect();
        // MPU-10: keys ascending, then (oss) upload ID ascending / (s3) initiation order.
        uploads.sort_by(|a, b| {
            a.key
                .as_bytes()
                .cmp(b.key.as_bytes())
                .then(match self.dialect {
                    Dialect::Oss => a.id.as_bytes().cmp(b.id.as_bytes()),
                    Dialect::S3 => a.order.cmp(&b.order),
                })
        });
        // With both markers, the listing resumes within the marker key's own uploads after the
        // upload-ID marker (oss: by upload ID; s3: after the upload it names, if it names one of
        // that key's), when that key has uploads in progress; otherwise it starts after the key.
        let resume: Option<(String, Vec<String>)> = match (&key_marker, &upload_id_marker) {
            (Some(marker), Some(id_marker)) => {
                let of_key: Vec<&RefUpload> = uploads
                    .iter()
                    .copied()
                    .filter(|upload| upload.key == *marker)
                    .collect();
                let rest: Option<Vec<&RefUpload>> = match self.dialect {
                    _ if of_key.is_empty() => None,
                    Dialect::Oss => Some(
                        of_key
                            .iter()
                            .copied()
                            .filter(|upload| upload.id.as_bytes() > id_marker.as_bytes())
                            .collect(),
                    ),
                    Dialect::S3 => of_key
                        .iter()
                        .position(|upload| upload.id == *id_marker)
                        .map(|at| of_key[at + 1..].to_vec()),
                };
                rest.map(|rest| (marker.clone(), rest.iter().map(|u| u.id.clone()).collect()))
            }
            _ => None,
        };
        // LST-6, as for the object listings: a key marker equal to a common prefix skips every
        // key under it.
        let marker_is_common_prefix = key_marker.as_ref().is_some_and(|marker| {
            common_prefix(marker, &prefix, delimiter.as_deref()).as_deref() == Some(marker.as_str())
        });
        let mut rows: Vec<Row<(String, String)>> = Vec::new();
        for upload in &uploads {
            if !upload.key.starts_with(&prefix) {
                continue;
            }
            let after_start = match (&key_marker, &resume) {
                (None, _) => true,
                (Some(marker), Some((_, rest))) => {
                    (upload.key == *marker && rest.contains(&upload.id))
                        || upload.key.as_bytes() > marker.as_bytes()
                }
                (Some(marker), None) if marker_is_common_prefix => {
                    !upload.key.starts_with(marker.as_str())
                        && upload.key.as_bytes() > marker.as_bytes()
                }
                (Some(marker), None) => upload.key.as_bytes() > marker.as_bytes(),
            };
            if !after_start {
                continue;
            }
            let row = match common_prefix(&upload.key, &prefix, delimiter.as_deref()) {
                Some(common) => Row::Prefix(common),
                None => Row::Item((upload.key.clone(), upload.id.clone())),
            };
            if matches!(row, Row::Prefix(_)) && rows.last() == Some(&row) {
                continue;
            }
            rows.push(row);
        }
        let is_truncated = rows.len() > max;
        rows.truncate(max);
        let (next_key_marker, next_upload_id_marker) = match (is_truncated, rows.last()) {
            (true, Some(Row::Item((key, id)))) => (
                Some(ObjectKey::new(key.clone())),
                Some(UploadId::new(id.clone())),
            ),
            (true, Some(Row::Prefix(common))) => (Some(ObjectKey::new(common.clone())), None),
            _ => (None, None),
        };
        let mut listed = Vec::new();
        let mut common_prefixes = Vec::new();
        for row in rows {
            match row {
                Row::Item((key, id)) => listed.push(UploadSummary {
                    key: ObjectKey::new(key),
                    upload_id: UploadId::new(id),
                }),
                Row::Prefix(common) => common_prefixes.push(common),
            }
        }
        Ok(ListMultipartUploadsOutcome {
            uploads: listed,
            common_prefixes,
            is_truncated,
            next_key_marker,
            next_upload_id_marker,
        })
    }
}

impl<S: IdSource> RefBucket<S> {
    // --- LST ---

    /// LST-2: the page size by dialect.
    fn max_keys(&self, requested: Option<u64>) -> Result<usize, Violation> {
        match (self.dialect, requested) {
            (Dialect::Oss, None) => Ok(100),
            (Dialect::Oss, Some(value)) if (1..=1000).contains(&value) => Ok(value as usize),
            (Dialect::Oss, Some(value)) => {
                Err(Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                    name: "max-keys",
                    value,
                }))
            }
            (Dialect::S3, None) => Ok(1000),
            (Dialect::S3, Some(value)) => Ok(value.min(1000) as usize),
        }
    }

    fn list_versions(
        &self,
        prefix: String,
        delimiter: Option<String>,
        key_marker: Option<String>,
        version_id_marker: Option<VersionId>,
        max_keys: Option<u64>,
    ) -> Result<ListObjectVersionsOutcome, Violation> {
        let max = self.max_keys(max_keys)?;
        let key_marker = key_marker.filter(|marker| !marker.is_empty());
        if let Some(id) = &version_id_marker {
            Self::check_version_id(id)?;
        }
        if key_marker.is_none() && version_id_marker.is_some() {
            return Err(Violation::InvalidArgument(
                ArgumentError::VersionIdMarkerWithoutKeyMarker,
            ));
        }
        let delimiter = delimiter.filter(|delimiter| !delimiter.is_empty());
        // LST-3 / LST-4: resume within the marker key only if the version marker names one of
        // its entries (its position, counted from the oldest).
        let resume_at = match (&key_marker, &version_id_marker) {
            (Some(marker), Some(id)) => {
                let text = id.to_string();
                self.chain(marker)
                    .iter()
                    .position(|stored| stored.entry.id == text)
            }
            _ => None,
        };
        let marker_is_common_prefix = key_marker.as_ref().is_some_and(|marker| {
            common_prefix(marker, &prefix, delimiter.as_deref()).as_deref() == Some(marker.as_str())
        });
        let mut rows: Vec<Row<ListedVersion>> = Vec::new();
        for (key, chain) in self.sorted_chains() {
            if !key.starts_with(&prefix) {
                continue;
            }
            let common = common_prefix(&key, &prefix, delimiter.as_deref());
            // `chain` is newest first; the stored chain is oldest first.
            for (newest_first, entry) in chain.iter().enumerate() {
                let oldest_first = chain.len() - 1 - newest_first;
                let after_start = match (&key_marker, resume_at) {
                    (None, _) => true,
                    (Some(marker), Some(at)) => {
                        (key == *marker && oldest_first < at) || key.as_bytes() > marker.as_bytes()
                    }
                    (Some(marker), None) if marker_is_common_prefix => {
                        !key.starts_with(marker.as_str()) && key.as_bytes() > marker.as_bytes()
                    }
                    (Some(marker), None) => key.as_bytes() > marker.as_bytes(),
                };
                if !after_start {
                    continue;
                }
                let row = match &common {
                    Some(common) => Row::Prefix(common.clone()),
                    None => Row::Item(ListedVersion {
                        key: ObjectKey::new(key.clone()),
                        version_id: VersionId::new(entry.id.clone()),
                        is_latest: newest_first == 0,
                        delete_marker: entry.delete_marker,
                        object_type: entry.object_type,
                        size: (!entry.delete_marker).then_some(entry.size),
                        etag: entry.etag.clone().map(ETag::new),
                        last_modified: entry.modified,
                    }),
                };
                if matches!(row, Row::Prefix(_)) && rows.last() == Some(&row) {
                    continue;
                }
                rows.push(row);
            }
        }
        let (rows, is_truncated) = page(rows, max);
        let (next_key_marker, next_version_id_marker) = match (is_truncated, rows.last()) {
            (true, Some(Row::Item(entry))) => (
                Some(entry.key.as_str().to_string()),
                Some(entry.version_id.clone()),
            ),
            (true, Some(Row::Prefix(common))) => (Some(common.clone()), None),
            _ => (None, None),
        };
        let (entries, common_prefixes) = split(rows);
        Ok(ListObjectVersionsOutcome {
            entries,
            common_prefixes,
            is_truncated,
            next_key_marker,
            next_version_id_marker,
        })
    }

    fn list_objects(
        &self,
        prefix: String,
        delimiter: Option<String>,
        marker: Option<String>,
        max_keys: Option<u64>,
    ) -> Result<ListObjectsOutcome, Violation> {
        let max = self.max_keys(max_keys)?;
        let marker = marker.filter(|marker| !marker.is_empty());
        let delimiter = delimiter.filter(|delimiter| !delimiter.is_empty());
        let marker_is_common_prefix = marker.as_ref().is_some_and(|marker| {
            common_prefix(marker, &prefix, delimiter.as_deref()).as_deref() == Some(marker.as_str())
        });
        let mut rows: Vec<Row<ListedObject>> = Vec::new();
        for (key, chain) in self.sorted_chains() {
            let head = &chain[0];
            if head.delete_marker || !key.starts_with(&prefix) {
                continue;
            }
            let after_start = match &marker {
                None => true,
                Some(marker) if marker_is_common_prefix => {
                    !key.starts_with(marker.as_str()) && key.as_bytes() > marker.as_bytes()
                }
                Some(marker) => key.as_bytes() > marker.as_bytes(),
            };
            if !after_start {
                continue;
            }
            let row = match common_prefix(&key, &prefix, delimiter.as_deref()) {
                Some(common) => Row::Prefix(common),
                None => Row::Item(ListedObject {
                    key: ObjectKey::new(key.clone()),
                    version_id: VersionId::new(head.id.clone()),
                    size: head.size,
                    etag: ETag::new(head.etag.clone().expect("an object has an ETag")),
                    last_modified: head.modified,
                }),
            };
            if matches!(row, Row::Prefix(_)) && rows.last() == Some(&row) {
                continue;
            }
            rows.push(row);
        }
        let (rows, is_truncated) = page(rows, max);
        let next_marker = match (is_truncated, rows.last()) {
            (true, Some(Row::Item(object))) => Some(object.key.as_str().to_string()),
            (true, Some(Row::Prefix(common))) => Some(common.clone()),
            _ => None,
        };
        let (objects, common_prefixes) = split(rows);
        Ok(ListObjectsOutcome {
            objects,
            common_prefixes,
            is_truncated,
            next_marker,
        })
    }
}

/// LST-6: the common prefix `key` rolls into: the prefix and the rest of the key up to and
/// including the first delimiter after the prefix.
fn common_prefix(key: &str, prefix: &str, delimiter: Option<&str>) -> Option<String> {
    let delimiter = delimiter?;
    let rest = key.strip_prefix(prefix)?;
    let at = rest.find(delimiter)?;
    Some(format!("{prefix}{}", &rest[..at + delimiter.len()]))
}

/// LST-2, LST-5: the first `max` rows, and whether any follow. A page of 0 rows is empty and
/// not truncated (s3's `max-keys=0`, as the crate documents).
fn page<T>(mut rows: Vec<Row<T>>, max: usize) -> (Vec<Row<T>>, bool) {
    let is_truncated = max > 0 && rows.len() > max;
    rows.truncate(max);
    (rows, is_truncated)
}

fn split<T>(rows: Vec<Row<T>>) -> (Vec<T>, Vec<String>) {
    let mut items = Vec::new();
    let mut prefixes = Vec::new();
    for row in rows {
        match row {
            Row::Item(item) => items.push(item),
            Row::Prefix(common) => prefixes.push(common),
        }
    }
    (items, prefixes)
}

/// The real bucket's chains in the reference model's shape, for comparison.
pub fn chains_of<S: IdSource>(
    bucket: &bucket_versioning::Bucket<S>,
) -> Vec<(String, Vec<RefEntry>)> {
    bucket
        .chains()
        .map(|chain| {
            let entries = chain
                .iter()
                .map(|entry| RefEntry {
                    id: entry.version_id().to_string(),
                    delete_marker: entry.is_delete_marker(),
                    object_type: entry.object_type(),
                    size: entry.size(),
                    crc64: entry.content().map_or(0, |content| content.crc64()),
                    etag: entry.etag().map(|etag| etag.to_string()),
                    created: entry.created(),
                    modified: entry.last_modified(),
                    sealed: entry.is_sealed(),
                })
                .collect();
            (chain.key().to_string(), entries)
        })
        .collect()
}
