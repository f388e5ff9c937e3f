//! The reference's UploadPartCopy (MPU-12), in three steps so that the reference service can
//! take the source from another bucket (SVC-7): the request's own arguments, the source in its
//! bucket, then the range and the part in the upload's bucket.

use super::*;
use bucket_versioning::outcome::UploadPartCopyOutcome;
use bucket_versioning::request::UploadPartCopy;

/// A selected source: its bytes, whether its fingerprint knows its MD5, and the version ID
/// the outcome reports (RSP-5 under the source bucket's state).
#[derive(Clone, Debug)]
pub struct PartSource {
    pub bytes: Vec<u8>,
    pub md5_known: bool,
    pub reported: Option<VersionId>,
}

impl<S: IdSource> RefBucket<S> {
    /// The argument checks, in order: key, part number, source key, source version ID, then
    /// the content (only with a range, of the range's length). Returns the content's bytes.
    pub fn part_copy_args(&self, request: &UploadPartCopy) -> Result<Option<Vec<u8>>, Violation> {
        self.check_key(request.key.as_str())?;
        if !(1..=10_000).contains(&request.part_number) {
            return Err(Violation::InvalidArgument(
                ArgumentError::PartNumberOutOfRange(request.part_number),
            ));
        }
        self.check_key(request.source_key.as_str())?;
        if let Some(id) = &request.source_version_id {
            Self::check_version_id(id)?;
        }
        let Some(body) = &request.body else {
            return Ok(None);
        };
        let Some((first, last)) = request.range else {
            return Err(Violation::InvalidArgument(
                ArgumentError::CopyContentWithoutRange,
            ));
        };
        let len = len_of(body).ok_or(Violation::InvalidArgument(ArgumentError::BodyTooLong))?;
        if first <= last && len != (last - first).saturating_add(1) {
            return Err(Violation::InvalidArgument(
                ArgumentError::CopyRangeContentLength {
                    expected: (last - first).saturating_add(1),
                    given: len,
                },
            ));
        }
        Ok(Some(
            bytes_of(body).expect("generated range contents are small"),
        ))
    }

    /// The source in this bucket: CopyObject's selection, but a version ID naming a delete
    /// marker is InvalidRequest in both dialects.
    pub fn part_copy_source(&self, request: &UploadPartCopy) -> Result<PartSource, Violation> {
        let version_id = request.source_version_id.as_ref();
        let Some(source) = self.named(request.source_key.as_str(), version_id) else {
            return Err(match version_id {
                None => Violation::NoSuchKey {
                    delete_marker: false,
                    version_id: None,
                },
                Some(id) => Violation::NoSuchVersion {
                    version_id: id.clone(),
                },
            });
        };
        if source.entry.delete_marker {
            return Err(match version_id {
                None => Violation::NoSuchKey {
                    delete_marker: false,
                    version_id: None,
                },
                Some(_) => {
                    Violation::InvalidRequest(InvalidRequestReason::CopySourceIsDeleteMarker)
                }
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
        // The model keeps the MD5 only where the entry's ETag is the MD5 of its bytes.
        let etag = source.entry.etag.clone().unwrap_or_default().to_lowercase();
        Ok(PartSource {
            md5_known: etag == Self::hex(&md5(&source.bytes)),
            bytes: source.bytes.clone(),
            reported: self.reported_read(&source.entry.id),
        })
    }

    /// The range against the source, then the part stored in the upload (found already).
    pub fn store_part_copy(
        &mut self,
        request: &UploadPartCopy,
        content: Option<Vec<u8>>,
        source: PartSource,
    ) -> Result<UploadPartCopyOutcome, Violation> {
        let size = source.bytes.len() as u64;
        let (bytes, md5_known) = match request.range {
            None => (source.bytes, source.md5_known),
            Some((first, last)) => {
                if first > last || last >= size {
                    return Err(match self.dialect {
                        Dialect::S3 => Violation::InvalidRange { first, last, size },
                        Dialect::Oss => {
                            Violation::InvalidArgument(ArgumentError::CopyRangeOutsideSource {
                                first,
                                last,
                                size,
                            })
                        }
                    });
                }
                if first == 0 && last + 1 == size {
                    (source.bytes, source.md5_known)
                } else {
                    let bytes = content.ok_or(Violation::InvalidArgument(
                        ArgumentError::CopyRangeWithoutContent,
                    ))?;
                    (bytes, true)
                }
            }
        };
        if bytes.len() as u64 > FIVE_GIB {
            return Err(Violation::EntityTooLarge {
                size: bytes.len() as u64,
                max_size: FIVE_GIB,
            });
        }
        let crc = crc64(&bytes);
        // MODEL: without the MD5, the digest is the CRC-64 and the length, big-endian.
        let digest: [u8; 16] = if md5_known {
            md5(&bytes)
        } else {
            let mut digest = [0u8; 16];
            digest[..8].copy_from_slice(&crc.to_be_bytes());
            digest[8..].copy_from_slice(&(bytes.len() as u64).to_be_bytes());
            digest
        };
        let index = self.find_upload(request.key.as_str(), &request.upload_id)?;
        let number = request.part_number;
        let parts = &mut self.uploads[index].parts;
        parts.retain(|old| old.number != number);
        parts.push(RefPart {
            number,
            bytes,
            md5: digest,
        });
        Ok(UploadPartCopyOutcome {
            etag: ETag::new(self.dialect_case(Self::hex(&digest))),
            crc64: crc,
            source_version_id: source.reported,
        })
    }

    /// UploadPartCopy within this bucket; a bucket alone knows no other.
    pub(super) fn upload_part_copy(
        &mut self,
        request: &UploadPartCopy,
    ) -> Result<UploadPartCopyOutcome, Violation> {
        let content = self.part_copy_args(request)?;
        if let Some(bucket) = &request.source_bucket {
            return Err(Violation::NoSuchBucket {
                bucket: bucket.clone(),
            });
        }
        self.find_upload(request.key.as_str(), &request.upload_id)?;
        let source = self.part_copy_source(request)?;
        self.store_part_copy(request, content, source)
    }
}
