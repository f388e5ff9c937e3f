//! The reference's append upload (APP).

use super::*;

impl<S: IdSource> RefBucket<S> {
    // --- APP ---

    pub(super) fn not_implemented(&self, operation: &'static str) -> Result<(), Violation> {
        match self.dialect {
            Dialect::Oss => Ok(()),
            Dialect::S3 => Err(Violation::NotImplemented { operation }),
        }
    }

    pub(super) fn append(
        &mut self,
        key: &str,
        position: u64,
        body: &Body,
        version_id: Option<VersionId>,
        attrs: Result<RefAttrs, Violation>,
    ) -> Result<AppendObjectOutcome, Violation> {
        self.not_implemented("AppendObject")?;
        self.check_key(key)?;
        if version_id.is_some() {
            return Err(Violation::InvalidArgument(ArgumentError::VersionIdOnAppend));
        }
        let len = len_of(body).ok_or(Violation::InvalidArgument(ArgumentError::BodyTooLong))?;
        let attrs = attrs?;
        let now = self.now;
        let head = self.chain(key).last().map(|stored| stored.entry.clone());
        match head {
            Some(head) if !head.delete_marker => {
                // OL-8: a protected appendable takes no append.
                if head.object_type == Some(ObjectType::Appendable) && !head.sealed {
                    self.refuse_append(&head)?;
                }
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
                let mut stored = self.object_entry(ObjectType::Appendable, bytes, etag.clone());
                stored.entry.attrs = attrs;
                let always_null = self.appendable_ids == AppendableVersionIds::Null;
                // OL-7: a new appendable does not remove a protected null version.
                self.refuse_replace(key, always_null)?;
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

    pub(super) fn seal(
        &mut self,
        key: &str,
        position: u64,
    ) -> Result<SealAppendObjectOutcome, Violation> {
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
