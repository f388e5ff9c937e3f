//! The reference's multipart upload (MPU).

use super::*;

impl<S: IdSource> RefBucket<S> {
    // --- MPU ---

    pub(super) fn min_part_size(&self) -> u64 {
        match self.dialect {
            Dialect::Oss => 100 * 1024,
            Dialect::S3 => 5 * 1024 * 1024,
        }
    }

    /// MPU-3: the index of the upload in progress with this ID and key.
    pub(super) fn find_upload(&self, key: &str, upload_id: &UploadId) -> Result<usize, Violation> {
        self.uploads
            .iter()
            .position(|upload| upload.id == upload_id.to_string() && upload.key == key)
            .ok_or_else(|| Violation::NoSuchUpload {
                upload_id: upload_id.clone(),
            })
    }

    pub(super) fn initiate(
        &mut self,
        key: &str,
        attrs: Result<RefAttrs, Violation>,
        assign: Option<UploadId>,
        lock: (Option<Retention>, Option<LegalHoldStatus>),
    ) -> Result<InitiateMultipartUploadOutcome, Violation> {
        self.check_key(key)?;
        let attrs = attrs?;
        // MPU-13: a supplied ID, non-empty and never used here; the source is not drawn.
        let supplied = if let Some(assign) = assign {
            let text = assign.to_string();
            if text.is_empty() {
                return Err(Violation::InvalidArgument(
                    ArgumentError::SuppliedUploadIdEmpty,
                ));
            }
            if self.issued_uploads.contains(&text) {
                return Err(Violation::InvalidArgument(
                    ArgumentError::SuppliedUploadIdUsed(assign),
                ));
            }
            Some(text)
        } else {
            None
        };
        // OL-2: a lock asked for in a bucket without Object Lock is refused (a state check,
        // before any ID is drawn); what is asked for is the completed object's unless the
        // Complete asks otherwise.
        self.new_lock(lock.0, lock.1)?;
        let id = match supplied {
            Some(text) => text,
            None => self.generated_upload_id(),
        };
        self.issued_uploads.push(id.clone());
        self.uploads.push(RefUpload {
            id: id.clone(),
            key: key.to_string(),
            order: self.issued_uploads.len() as u64,
            initiated: self.now,
            parts: Vec::new(),
            attrs,
            lock,
        });
        Ok(InitiateMultipartUploadOutcome {
            upload_id: UploadId::new(id),
        })
    }

    /// MPU-1: the source's next upload ID that is non-empty and never given out.
    fn generated_upload_id(&mut self) -> String {
        loop {
            let candidate = self.ids.next_upload_id().to_string();
            if !candidate.is_empty() && !self.issued_uploads.contains(&candidate) {
                return candidate;
            }
        }
    }

    pub(super) fn upload_part(
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
    pub(super) fn etag_names(listed: &ETag, part: &RefPart) -> bool {
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

    pub(super) fn complete(
        &mut self,
        key: &str,
        upload_id: &UploadId,
        parts: &[CompletedPart],
        conditions: RefConditions<'_>,
        lock: (Option<Retention>, Option<LegalHoldStatus>),
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
        self.check_condition_arguments(conditions)?;
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
        let asked = &self.uploads[index].lock;
        let (retention, legal_hold) = self.new_lock(lock.0.or(asked.0), lock.1.or(asked.1))?;
        self.refuse_replace(key, false)?;
        self.check_condition_state(key, None, conditions)?;
        let mut bytes = Vec::new();
        let mut digests = Vec::new();
        for part in &chosen {
            bytes.extend_from_slice(&part.bytes);
            digests.extend_from_slice(&part.md5);
        }
        let count = chosen.len();
        let etag = format!("{}-{}", self.dialect_case(Self::hex(&md5(&digests))), count);
        let upload = self.uploads.remove(index);
        let mut stored = self.object_entry(ObjectType::Multipart, bytes, etag.clone());
        stored.entry.attrs = upload.attrs;
        stored.entry.retention = retention;
        stored.entry.legal_hold = legal_hold;
        let crc = stored.entry.crc64;
        let id = self.enter(key, stored, None, false);
        Ok(CompleteMultipartUploadOutcome {
            version_id: self.reported_write(&id),
            etag: ETag::new(etag),
            crc64: crc,
        })
    }

    pub(super) fn abort(
        &mut self,
        key: &str,
        upload_id: &UploadId,
    ) -> Result<AbortMultipartUploadOutcome, Violation> {
        self.check_key(key)?;
        let index = self.find_upload(key, upload_id)?;
        self.uploads.remove(index);
        Ok(AbortMultipartUploadOutcome {})
    }

    pub(super) fn list_parts(
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

    pub(super) fn list_uploads(
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
