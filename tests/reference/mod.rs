//! A deliberately naive reference model, written straight from `rules.md`: a `Vec` of entries
//! per key, linear scans everywhere, no shared code with `src/` beyond the crate's public types.
//! The property tests run it beside the real model on the same commands and compare every
//! outcome and the chains after every step.
#![allow(dead_code, unreachable_pub)]

use bucket_versioning::{
    ArgumentError, Body, BucketConfig, ClockOutcome, Command, DeleteObjectOutcome, Dialect, ETag,
    IdSource, MalformedXmlReason, ObjectMeta, ObjectType, Outcome, PutObjectOutcome, SeededIds,
    VersionId, VersioningOutcome, VersioningState, Violation,
};

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

/// The naive bucket.
#[derive(Clone, Debug)]
pub struct RefBucket {
    pub dialect: Dialect,
    pub state: VersioningState,
    pub now: u64,
    /// (key, entries oldest first); the head is the last entry.
    pub chains: Vec<(String, Vec<RefEntry>)>,
    /// Every non-null version ID ever given out.
    pub used_ids: Vec<String>,
    pub ids: SeededIds,
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
        }
    }

    /// The chains, keys in byte order (KEY-3), each newest first.
    pub fn sorted_chains(&self) -> Vec<(String, Vec<RefEntry>)> {
        let mut chains: Vec<(String, Vec<RefEntry>)> = self
            .chains
            .iter()
            .filter(|(_, entries)| !entries.is_empty())
            .map(|(key, entries)| (key.clone(), entries.iter().rev().cloned().collect()))
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

    fn chain_mut(&mut self, key: &str) -> &mut Vec<RefEntry> {
        if let Some(index) = self.chains.iter().position(|(k, _)| k == key) {
            return &mut self.chains[index].1;
        }
        self.chains.push((key.to_string(), Vec::new()));
        &mut self.chains.last_mut().expect("just pushed").1
    }

    fn chain(&self, key: &str) -> &[RefEntry] {
        self.chains
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, entries)| entries.as_slice())
            .unwrap_or(&[])
    }

    fn drop_empty(&mut self) {
        self.chains.retain(|(_, entries)| !entries.is_empty());
    }

    fn fresh_id(&mut self) -> String {
        loop {
            let id = self.ids.next_version_id().to_string();
            if id != "null" && !id.is_empty() && !self.used_ids.contains(&id) {
                return id;
            }
        }
    }

    /// A write or simple delete entering a new head (PUT-1..PUT-4, DEL-3, DEL-4, APP-7).
    fn enter(&mut self, key: &str, mut entry: RefEntry, supplied: Option<String>) -> String {
        let state = self.state;
        let id = match state {
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
                self.chain_mut(key).retain(|e| e.id != "null");
                "null".to_string()
            }
        };
        entry.id = id.clone();
        entry.created = self.now;
        self.chain_mut(key).push(entry);
        id
    }

    fn seal_head(&mut self, key: &str) {
        if let Some(head) = self.chain_mut(key).last_mut()
            && head.object_type == Some(ObjectType::Appendable)
        {
            head.sealed = true;
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
        let content = body
            .content()
            .map_err(|_| Violation::InvalidArgument(ArgumentError::BodyTooLong))?;
        if content.len() > FIVE_GIB {
            return Err(match self.dialect {
                Dialect::Oss => Violation::InlineDataTooLarge {
                    size: content.len(),
                    max_size: FIVE_GIB,
                },
                Dialect::S3 => Violation::EntityTooLarge {
                    size: content.len(),
                    max_size: FIVE_GIB,
                },
            });
        }
        if supplied.is_some() && self.state != VersioningState::Enabled {
            return Err(Violation::InvalidArgument(
                ArgumentError::SuppliedVersionIdNotApplicable,
            ));
        }
        let etag = match content.md5() {
            Some(md5) => self.dialect_case(Self::hex(&md5)),
            None => format!("{:016X}{:016X}", content.crc64(), content.len()),
        };
        let entry = RefEntry {
            id: String::new(),
            delete_marker: false,
            object_type: Some(ObjectType::Normal),
            size: content.len(),
            crc64: content.crc64(),
            etag: Some(etag.clone()),
            created: self.now,
            modified: self.now,
            sealed: false,
        };
        let id = self.enter(key, entry, supplied.map(|id| id.to_string()));
        Ok(PutObjectOutcome {
            version_id: self.reported_write(&id),
            etag: ETag::new(etag),
            crc64: content.crc64(),
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
            let position = chain.iter().position(|entry| entry.id == text);
            let removed = position.map(|index| chain.remove(index));
            self.drop_empty();
            return Ok(DeleteObjectOutcome {
                version_id: Some(id),
                delete_marker: removed.is_some_and(|entry| entry.delete_marker),
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
        let id = self.enter(key, marker, supplied.map(|id| id.to_string()));
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
                let Some(head) = chain.last() else {
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
                let Some(entry) = chain.iter().find(|entry| entry.id == text) else {
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
