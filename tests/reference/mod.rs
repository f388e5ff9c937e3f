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

use bucket_versioning::lock::{LegalHoldStatus, Retention};
use bucket_versioning::request::{
    AbortMultipartUpload, AdvanceClock, CompleteMultipartUpload, CopyObject, DeleteObject,
    DeleteObjectTagging, DeleteObjects, GetObject, GetObjectTagging, HeadObject,
    ListMultipartUploads, ListObjectVersions, ListObjects, ListParts, PutBucketVersioning,
    PutObjectTagging, SealAppendObject, UploadPart,
};
use bucket_versioning::version_id::{IdSource, SeededIds};
use bucket_versioning::{
    Body, BucketConfig, Command, Dialect, ETag, ObjectKey, ObjectType, Outcome, UploadId,
    VersionId, VersioningState, Violation,
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
mod append;
pub mod append_rules;
pub mod conditions;
pub mod held;
mod lifecycle;
mod listing;
pub mod lock;
mod multipart;
mod objects;
pub mod pages;
pub mod part_copy;
pub mod service;
mod symlinks;
pub mod tags;

pub use conditions::RefConditions;
pub use tags::RefAttrs;
pub mod upload_rules;

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
    /// Tags and metadata (TAG-1, TAG-5), resolved; empty for a delete marker.
    pub attrs: RefAttrs,
    /// A Symlink's target key (SYM-2); `None` for every other entry.
    pub target: Option<String>,
    /// The version's retention (OL-2); `None` for a delete marker.
    pub retention: Option<bucket_versioning::lock::Retention>,
    /// The version's legal hold (OL-2); `false` for a delete marker.
    pub legal_hold: bool,
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
    /// The clock at initiation (LC-4).
    pub initiated: u64,
    /// In upload order; a part number uploaded again replaces its part.
    pub parts: Vec<RefPart>,
    /// The tags and metadata given at Initiate (TAG-1, TAG-5).
    pub attrs: RefAttrs,
    /// The retention and legal hold asked for at Initiate (OL-2), for a Complete that asks
    /// for none.
    pub lock: (Option<Retention>, Option<LegalHoldStatus>),
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
    /// The lifecycle configuration, rules named (LC-14).
    pub lifecycle: Option<Vec<bucket_versioning::lifecycle::LifecycleRule>>,
    /// Object Lock (OL-1): `Some` once on, with the default retention if any.
    pub lock: Option<Option<bucket_versioning::lock::DefaultRetention>>,
    /// The oss retention policy (OL-7).
    pub worm: Option<lock::RefWorm>,
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
            lifecycle: None,
            lock: None,
            worm: None,
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
                self.check_suspend(state)?;
                self.state = state;
                Ok(Outcome::Versioning(VersioningOutcome { status: state }))
            }
            Command::GetBucketVersioning(_) => Ok(Outcome::Versioning(VersioningOutcome {
                status: self.state,
            })),
            Command::PutObject(put) => {
                let attrs = self.given_attrs(
                    put.tags.as_ref(),
                    put.content_type.as_ref(),
                    put.metadata.as_ref(),
                    put.storage_class.as_ref(),
                );
                let conditions = RefConditions {
                    if_match: put.if_match.as_deref(),
                    if_none_match: put.if_none_match.as_deref(),
                    forbid_overwrite: put.forbid_overwrite,
                };
                self.put(
                    put.key.as_str(),
                    &put.body,
                    put.assign_version_id,
                    attrs,
                    conditions,
                    (put.retention, put.legal_hold),
                )
                .map(Outcome::PutObject)
            }
            Command::DeleteObject(DeleteObject {
                key,
                version_id,
                assign_version_id,
                if_match,
                bypass_governance,
            }) => self
                .delete(
                    key.as_str(),
                    version_id,
                    assign_version_id,
                    if_match.as_deref(),
                    bypass_governance == Some(true),
                )
                .map(Outcome::DeleteObject),
            Command::DeleteObjects(DeleteObjects {
                objects,
                quiet,
                bypass_governance,
            }) => self
                .delete_objects(
                    &objects,
                    quiet == Some(true),
                    bypass_governance == Some(true),
                )
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
            Command::AppendObject(append) => {
                let attrs = self.given_attrs(
                    append.tags.as_ref(),
                    append.content_type.as_ref(),
                    append.metadata.as_ref(),
                    append.storage_class.as_ref(),
                );
                self.append(
                    append.key.as_str(),
                    append.position,
                    &append.body,
                    append.version_id,
                    attrs,
                )
                .map(Outcome::AppendObject)
            }
            Command::SealAppendObject(SealAppendObject { key, position }) => self
                .seal(key.as_str(), position)
                .map(Outcome::SealAppendObject),
            Command::InitiateMultipartUpload(initiate) => {
                let attrs = self.given_attrs(
                    initiate.tags.as_ref(),
                    initiate.content_type.as_ref(),
                    initiate.metadata.as_ref(),
                    initiate.storage_class.as_ref(),
                );
                self.initiate(
                    initiate.key.as_str(),
                    attrs,
                    initiate.assign_upload_id,
                    (initiate.retention, initiate.legal_hold),
                )
                .map(Outcome::InitiateMultipartUpload)
            }
            Command::UploadPart(UploadPart {
                key,
                upload_id,
                part_number,
                body,
            }) => self
                .upload_part(key.as_str(), &upload_id, part_number, &body)
                .map(Outcome::UploadPart),
            Command::UploadPartCopy(request) => {
                self.upload_part_copy(&request).map(Outcome::UploadPartCopy)
            }
            Command::CompleteMultipartUpload(CompleteMultipartUpload {
                key,
                upload_id,
                parts,
                if_match,
                if_none_match,
                forbid_overwrite,
                retention,
                legal_hold,
                // TAG-1: the version's tags are the Initiate's; tags given here are ignored.
                tags: _,
            }) => {
                let conditions = RefConditions {
                    if_match: if_match.as_deref(),
                    if_none_match: if_none_match.as_deref(),
                    forbid_overwrite,
                };
                self.complete(
                    key.as_str(),
                    &upload_id,
                    &parts,
                    conditions,
                    (retention, legal_hold),
                )
                .map(Outcome::CompleteMultipartUpload)
            }
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
            // The bucket generators never name a source bucket (a bare bucket knows no
            // other); the service tests check SVC-7 against the bucket model itself.
            Command::CopyObject(copy) => self.copy(&copy).map(Outcome::CopyObject),
            Command::PutObjectTagging(PutObjectTagging {
                key,
                tags,
                version_id,
            }) => self
                .put_tagging(key.as_str(), version_id, &tags)
                .map(Outcome::PutObjectTagging),
            Command::GetObjectTagging(GetObjectTagging { key, version_id }) => self
                .get_tagging(key.as_str(), version_id)
                .map(Outcome::GetObjectTagging),
            Command::DeleteObjectTagging(DeleteObjectTagging { key, version_id }) => self
                .delete_tagging(key.as_str(), version_id)
                .map(Outcome::DeleteObjectTagging),
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
            Command::PutBucketLifecycle(request) => self
                .put_lifecycle(request.rules)
                .map(Outcome::BucketLifecycleChanged),
            Command::GetBucketLifecycle(_) => self.get_lifecycle().map(Outcome::GetBucketLifecycle),
            Command::DeleteBucketLifecycle(_) => {
                self.lifecycle = None;
                Ok(Outcome::BucketLifecycleChanged(
                    bucket_versioning::outcome::BucketLifecycleChanged {},
                ))
            }
            Command::RunLifecycle(_) => Ok(Outcome::RunLifecycle(self.run_lifecycle())),
            Command::PutSymlink(put) => self.put_symlink(&put).map(Outcome::PutSymlink),
            Command::GetSymlink(get) => self.get_symlink(&get).map(Outcome::GetSymlink),
            Command::GetObjectMeta(get) => self.get_object_meta(&get).map(Outcome::GetObjectMeta),
            Command::PutObjectLockConfiguration(request) => self
                .put_lock_configuration(request.default_retention)
                .map(Outcome::BucketProtectionChanged),
            Command::PutObjectRetention(request) => self
                .put_retention(
                    request.key.as_str(),
                    request.version_id.as_ref(),
                    bucket_versioning::lock::Retention::new(request.mode, request.retain_until),
                    request.bypass_governance == Some(true),
                )
                .map(Outcome::ObjectLock),
            Command::PutObjectLegalHold(request) => self
                .put_legal_hold(
                    request.key.as_str(),
                    request.version_id.as_ref(),
                    request.status == bucket_versioning::lock::LegalHoldStatus::On,
                )
                .map(Outcome::ObjectLock),
            Command::InitiateBucketWorm(request) => self
                .initiate_worm(request.days)
                .map(Outcome::BucketProtectionChanged),
            Command::CompleteBucketWorm(_) => {
                self.complete_worm().map(Outcome::BucketProtectionChanged)
            }
            Command::ExtendBucketWorm(request) => self
                .extend_worm(request.days)
                .map(Outcome::BucketProtectionChanged),
            Command::AbortBucketWorm(_) => self.abort_worm().map(Outcome::BucketProtectionChanged),
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
                attrs: RefAttrs::defaults(self.dialect),
                target: None,
                retention: None,
                legal_hold: false,
            },
            bytes,
        }
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
                .map(|entry| {
                    // OL-2: the retention and legal hold, as GetObjectRetention reads them.
                    let (retention, legal_hold) = bucket
                        .object_lock_of(chain.key().as_str(), Some(entry.version_id()))
                        .unwrap_or((None, false));
                    RefEntry {
                        id: entry.version_id().to_string(),
                        delete_marker: entry.is_delete_marker(),
                        object_type: entry.object_type(),
                        size: entry.size(),
                        crc64: entry.content().map_or(0, |content| content.crc64()),
                        etag: entry.etag().map(|etag| etag.to_string()),
                        created: entry.created(),
                        modified: entry.last_modified(),
                        sealed: entry.is_sealed(),
                        attrs: RefAttrs {
                            tags: pairs(entry.tags().iter()),
                            content_type: entry.content_type().unwrap_or_default().to_string(),
                            metadata: pairs(entry.metadata().iter()),
                            storage_class: entry.storage_class().unwrap_or_default().to_string(),
                        },
                        target: entry.symlink_target().map(|target| target.to_string()),
                        retention,
                        legal_hold,
                    }
                })
                .collect();
            (chain.key().to_string(), entries)
        })
        .collect()
}

/// The real bucket's uploads in progress in the shape of [`RefBucket::upload_summary`]:
/// (key, upload ID, part numbers ascending), sorted by upload ID, for comparison.
pub fn uploads_of<S: IdSource>(
    bucket: &bucket_versioning::Bucket<S>,
) -> Vec<(String, String, Vec<u32>)> {
    let Ok(page) = bucket.list_multipart_uploads(ListMultipartUploads::new()) else {
        panic!("the default ListMultipartUploads is valid");
    };
    let mut uploads: Vec<(String, String, Vec<u32>)> = page
        .uploads
        .into_iter()
        .map(|upload| {
            let parts = bucket
                .list_parts(ListParts::new(upload.key.clone(), upload.upload_id.clone()))
                .map(|page| page.parts.iter().map(|part| part.part_number).collect())
                .unwrap_or_default();
            (upload.key.to_string(), upload.upload_id.to_string(), parts)
        })
        .collect();
    uploads.sort_by(|a, b| a.1.cmp(&b.1));
    uploads
}

/// Name-value pairs as owned strings.
fn pairs<'a>(iter: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<(String, String)> {
    iter.map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}
