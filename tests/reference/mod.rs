//! A deliberately naive reference model, written straight from `rules.md`: a `Vec` of entries
//! per key, linear scans everywhere, no shared code with `src/` beyond the crate's public types.
//! The property tests run it beside the real model on the same commands and compare every
//! outcome and the chains after every step.
#![allow(dead_code, unreachable_pub)]

use bucket_versioning::{
    AppendObjectOutcome, AppendableVersionIds, ArgumentError, Body, BucketConfig, ClockOutcome,
    Command, DeleteObjectOutcome, Dialect, ETag, IdSource, MalformedXmlReason, ObjectMeta,
    ObjectType, Outcome, PutObjectOutcome, SealAppendObjectOutcome, SeededIds, VersionId,
    VersioningOutcome, VersioningState, Violation,
};
use md5::{Digest, Md5};

/// CRC-64/XZ, straight from the `crc` crate, over materialised bytes.
fn crc64(bytes: &[u8]) -> u64 {
    crc::Crc::<u64>::new(&crc::CRC_64_XZ).checksum(bytes)
}

/// The bytes of a generated body (the reference model builds them; generated bodies are small).
pub fn bytes_of(body: &Body) -> Option<Vec<u8>> {
    match body {
        Body::Text(text) => Some(text.as_bytes().to_vec()),
        Body::Repeat { repeat, times } => {
            let len = (repeat.len() as u64).checked_mul(*times)?;
            (len <= 1 << 20).then(|| repeat.repeat(*times as usize).into_bytes())
        }
        Body::Concat { concat } => {
            let mut bytes = Vec::new();
            for piece in concat {
                bytes.extend(bytes_of(piece)?);
                if bytes.len() > 1 << 20 {
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

/// The naive bucket.
#[derive(Clone, Debug)]
pub struct RefBucket {
    pub dialect: Dialect,
    pub state: VersioningState,
    pub now: u64,
    /// (key, entries oldest first); the head is the last entry.
    pub chains: Vec<(String, Vec<Stored>)>,
    /// Every non-null version ID ever given out.
    pub used_ids: Vec<String>,
    pub ids: SeededIds,
    /// The sequence number the next entry gets: one per entry ever made (ID-4).
    pub sequence: u64,
    pub appendable_ids: AppendableVersionIds,
}

impl RefBucket {
    pub fn new(config: BucketConfig) -> Self {
        RefBucket {
            dialect: config.dialect(),
            state: VersioningState::Unversioned,
            now: 0,
            chains: Vec::new(),
            used_ids: Vec::new(),
            ids: SeededIds::new(config.seed()),
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

    pub fn apply(&mut self, command: Command) -> Result<Outcome, Violation> {
        match command {
            Command::PutBucketVersioning { status } => {
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
            Command::GetBucketVersioning => Ok(Outcome::Versioning(VersioningOutcome {
                status: self.state,
            })),
            Command::PutObject {
                key,
                body,
                assign_version_id,
            } => self
                .put(key.as_str(), &body, assign_version_id)
                .map(Outcome::PutObject),
            Command::DeleteObject {
                key,
                version_id,
                assign_version_id,
            } => self
                .delete(key.as_str(), version_id, assign_version_id)
                .map(Outcome::DeleteObject),
            Command::GetObject { key, version_id } => {
                self.read(key.as_str(), version_id).map(Outcome::GetObject)
            }
            Command::HeadObject { key, version_id } => {
                self.read(key.as_str(), version_id).map(Outcome::HeadObject)
            }
            Command::AdvanceClock { seconds } => match self.now.checked_add(seconds) {
                Some(now) => {
                    self.now = now;
                    Ok(Outcome::AdvanceClock(ClockOutcome { now }))
                }
                None => Err(Violation::InvalidArgument(ArgumentError::ClockOverflow(
                    seconds,
                ))),
            },
            Command::AppendObject {
                key,
                position,
                body,
                version_id,
            } => self
                .append(key.as_str(), position, &body, version_id)
                .map(Outcome::AppendObject),
            Command::SealAppendObject { key, position } => self
                .seal(key.as_str(), position)
                .map(Outcome::SealAppendObject),
            other => panic!("the reference model does not know {other:?} yet"),
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
        let state = self.state;
        let id = match state {
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
        let bytes = bytes_of(body).expect("the reference model builds bodies up to 1 MiB");
        let etag = self.dialect_case(Self::hex(&Md5::digest(&bytes)));
        let crc = crc64(&bytes);
        let entry = RefEntry {
            id: String::new(),
            delete_marker: false,
            object_type: Some(ObjectType::Normal),
            size: len,
            crc64: crc,
            etag: Some(etag.clone()),
            created: self.now,
            modified: self.now,
            sealed: false,
        };
        let id = self.enter(
            key,
            Stored { entry, bytes },
            supplied.map(|id| id.to_string()),
            false,
        );
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

    // --- GET ---

    fn read(&self, key: &str, version_id: Option<VersionId>) -> Result<ObjectMeta, Violation> {
        self.check_key(key)?;
        if let Some(id) = &version_id {
            Self::check_version_id(id)?;
        }
        let chain = self.chain(key);
        let entry = match &version_id {
            None => {
                let Some(head) = chain.last().map(|stored| &stored.entry) else {
                    return Err(Violation::NoSuchKey {
                        delete_marker: false,
                        version_id: None,
                    });
                };
                if head.delete_marker {
                    return Err(Violation::NoSuchKey {
                        delete_marker: true,
                        version_id: self.reported_read(&head.id),
                    });
                }
                head
            }
            Some(id) => {
                let text = id.to_string();
                let Some(entry) = chain
                    .iter()
                    .map(|stored| &stored.entry)
                    .find(|entry| entry.id == text)
                else {
                    return Err(Violation::NoSuchVersion {
                        version_id: id.clone(),
                    });
                };
                if entry.delete_marker {
                    return Err(Violation::MethodNotAllowed {
                        version_id: id.clone(),
                    });
                }
                entry
            }
        };
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
}

impl RefBucket {
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
        let state = self.state;
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
                let entry = RefEntry {
                    id: String::new(),
                    delete_marker: false,
                    object_type: Some(ObjectType::Appendable),
                    size: len,
                    crc64: crc,
                    etag: Some(etag.clone()),
                    created: now,
                    modified: now,
                    sealed: false,
                };
                let always_null = self.appendable_ids == AppendableVersionIds::Null;
                let id = self.enter(key, Stored { entry, bytes }, None, always_null);
                let _ = state;
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

/// The real bucket's chains in the reference model's shape, for comparison.
pub fn chains_of(bucket: &bucket_versioning::Bucket) -> Vec<(String, Vec<RefEntry>)> {
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
