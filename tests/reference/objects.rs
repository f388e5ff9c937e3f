//! The reference's simple writes, deletes, reads and copies (PUT, DEL, BAT, GET, CPY).

use super::*;

impl<S: IdSource> RefBucket<S> {
    // --- PUT ---

    pub(super) fn put(
        &mut self,
        key: &str,
        body: &Body,
        supplied: Option<VersionId>,
        attrs: Result<RefAttrs, Violation>,
        conditions: RefConditions<'_>,
        lock: (Option<Retention>, Option<LegalHoldStatus>),
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
        let attrs = attrs?;
        self.check_condition_arguments(conditions)?;
        if supplied.is_some() && self.state != VersioningState::Enabled {
            return Err(Violation::InvalidArgument(
                ArgumentError::SuppliedVersionIdNotApplicable,
            ));
        }
        // OL-2, then OL-7's refusal to replace a protected object, then the conditions (ERR-4).
        let (retention, legal_hold) = self.new_lock(lock.0, lock.1)?;
        self.refuse_replace(key, false)?;
        self.check_condition_state(key, None, conditions)?;
        let bytes = bytes_of(body).expect("the reference model builds bodies up to 8 MiB");
        let etag = self.dialect_case(Self::hex(&md5(&bytes)));
        let mut stored = self.object_entry(ObjectType::Normal, bytes, etag.clone());
        stored.entry.attrs = attrs;
        stored.entry.retention = retention;
        stored.entry.legal_hold = legal_hold;
        let crc = stored.entry.crc64;
        let id = self.enter(key, stored, supplied.map(|id| id.to_string()), false);
        Ok(PutObjectOutcome {
            version_id: self.reported_write(&id),
            etag: ETag::new(etag),
            crc64: crc,
        })
    }

    // --- DEL ---

    pub(super) fn delete(
        &mut self,
        key: &str,
        version_id: Option<VersionId>,
        supplied: Option<VersionId>,
        if_match: Option<&str>,
        bypass_governance: bool,
    ) -> Result<DeleteObjectOutcome, Violation> {
        let conditions = RefConditions {
            if_match,
            ..RefConditions::default()
        };
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
        self.check_condition_arguments(conditions)?;
        if let Some(id) = version_id {
            // OL-4, OL-7 before the condition (ERR-4); OL-5: markers are never held.
            if let Some(stored) = self.named(key, Some(&id)) {
                self.refuse_version_delete(&stored.entry, bypass_governance)?;
            }
            self.check_condition_state(key, Some(&id), conditions)?;
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
        self.refuse_replace(key, false)?;
        self.check_condition_state(key, None, conditions)?;
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
            attrs: RefAttrs::default(),
            target: None,
            retention: None,
            legal_hold: false,
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

    pub(super) fn delete_objects(
        &mut self,
        objects: &[ObjectIdentifier],
        quiet: bool,
        bypass_governance: bool,
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
            match self.delete(
                object.key.as_str(),
                version_id.clone(),
                None,
                object.etag.as_deref(),
                bypass_governance,
            ) {
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
    pub(super) fn named(&self, key: &str, version_id: Option<&VersionId>) -> Option<&Stored> {
        let chain = self.chain(key);
        match version_id {
            None => chain.last(),
            Some(id) => {
                let text = id.to_string();
                chain.iter().find(|stored| stored.entry.id == text)
            }
        }
    }

    pub(super) fn read(
        &self,
        key: &str,
        version_id: Option<VersionId>,
    ) -> Result<ObjectMeta, Violation> {
        let selected = self.selected(key, version_id.as_ref())?;
        // SYM-4: a link reads as its target's head, under the link's own ID.
        let entry = match selected.object_type {
            Some(ObjectType::Symlink) => self.follow(selected)?,
            _ => selected,
        };
        let appendable = entry.object_type == Some(ObjectType::Appendable);
        Ok(ObjectMeta {
            content_type: entry.attrs.content_type.clone(),
            metadata: entry.attrs.metadata.iter().cloned().collect(),
            storage_class: entry.attrs.storage_class.clone(),
            version_id: self.reported_read(&selected.id),
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

    pub(super) fn copy(&mut self, request: &CopyObject) -> Result<CopyObjectOutcome, Violation> {
        let (source_key, key) = (request.source_key.as_str(), request.key.as_str());
        let source_version_id = request.source_version_id.clone();
        self.check_key(source_key)?;
        self.check_key(key)?;
        if let Some(id) = &source_version_id {
            Self::check_version_id(id)?;
        }
        let args = self.copy_args(request)?;
        let conditions = RefConditions {
            if_match: request.if_match.as_deref(),
            if_none_match: request.if_none_match.as_deref(),
            forbid_overwrite: request.forbid_overwrite,
        };
        self.check_condition_arguments(conditions)?;
        // The bucket generators never name a source bucket (a bare bucket knows no other);
        // the service tests check SVC-7 against the bucket model itself.
        if let Some(bucket) = &request.source_bucket {
            return Err(Violation::NoSuchBucket {
                bucket: bucket.clone(),
            });
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
        // TAG-6 (s3): a copy of the head onto itself that changes nothing.
        if self.dialect == Dialect::S3
            && source_version_id.is_none()
            && source_key == key
            && args.changes_nothing(&source.entry.attrs)
        {
            return Err(Violation::InvalidRequest(
                InvalidRequestReason::CopyOntoItself,
            ));
        }
        let (retention, legal_hold) = self.new_lock(request.retention, request.legal_hold)?;
        self.refuse_replace(key, false)?;
        self.check_condition_state(key, None, conditions)?;
        let source_reported = self.reported_read(&source.entry.id);
        // CT-6: the copy keeps the source's content, CRC-64 and ETag.
        let etag = source.entry.etag.clone().expect("an object has an ETag");
        let crc = source.entry.crc64;
        let mut copy = Stored {
            entry: source.entry.clone(),
            bytes: source.bytes,
        };
        // SYM-5: a link copies as a link, target and all; anything else as Normal.
        if copy.entry.object_type != Some(ObjectType::Symlink) {
            copy.entry.object_type = Some(ObjectType::Normal);
        }
        copy.entry.sealed = false;
        copy.entry.modified = self.now;
        copy.entry.attrs = args.attrs(&source.entry.attrs);
        // OL-2: a copy is a new version; the source's retention and hold do not travel.
        copy.entry.retention = retention;
        copy.entry.legal_hold = legal_hold;
        let id = self.enter(key, copy, None, false);
        Ok(CopyObjectOutcome {
            version_id: self.reported_write(&id),
            etag: ETag::new(etag),
            crc64: crc,
            source_version_id: source_reported,
        })
    }
}
