//! UploadPartCopy: a part whose content is a source version, whole or a byte range (MPU-12).
//!
//! The work is split so that a [`Service`](crate::Service) can select the source in another
//! bucket (SVC-7): [`PartCopyArgs::parse`] checks the request's own arguments,
//! [`Bucket::part_copy_source`] selects the source in its bucket, and
//! [`Bucket::enter_part_copy`] checks the range against it and stores the part.

use crate::body::Body;
use crate::bucket::Bucket;
use crate::checked::{Key, PartNumber, WellFormedId};
use crate::content::Content;
use crate::dialect::{Dialect, MAX_OBJECT_SIZE};
use crate::ops::copy::CopySource;
use crate::outcome::UploadPartCopyOutcome;
use crate::request::UploadPartCopy;
use crate::upload_id::UploadId;
use crate::version_id::{IdSource, VersionId};
use crate::violation::{ArgumentError, InvalidRequestReason, Violation};

/// An UploadPartCopy's own arguments, checked (ERR-4: before any bucket is looked at).
pub(crate) struct PartCopyArgs<'a> {
    pub(crate) key: Key<'a>,
    pub(crate) upload_id: &'a UploadId,
    part_number: PartNumber,
    pub(crate) source_key: Key<'a>,
    pub(crate) source_version_id: Option<&'a VersionId>,
    range: Option<(u64, u64)>,
    /// The range's content, its length already checked against the range's.
    content: Option<Content>,
}

impl<'a> PartCopyArgs<'a> {
    /// Checks, in this order: the key, the part number (MPU-2), the source key, the source
    /// version ID's syntax (ID-6), then the content: given only with a range, and of the
    /// range's length (MPU-12, MODEL), else `InvalidArgument` 400.
    pub(crate) fn parse(dialect: Dialect, request: &'a UploadPartCopy) -> Result<Self, Violation> {
        let key = Key::parse(dialect, request.key.as_str())?;
        let part_number = PartNumber::parse(request.part_number)?;
        let source_key = Key::parse(dialect, request.source_key.as_str())?;
        let source_version_id = WellFormedId::parse_optional(request.source_version_id.as_ref())?
            .map(WellFormedId::get);
        let content = match (&request.body, request.range) {
            (None, _) => None,
            (Some(_), None) => {
                return Err(Violation::InvalidArgument(
                    ArgumentError::CopyContentWithoutRange,
                ));
            }
            (Some(body), Some((first, last))) => Some(range_content(body, first, last)?),
        };
        Ok(PartCopyArgs {
            key,
            upload_id: &request.upload_id,
            part_number,
            source_key,
            source_version_id,
            range: request.range,
            content,
        })
    }
}

/// The content given for the range `first..=last`, checked to have its length. A range with
/// `first > last` is left to the check against the source, which refuses it.
fn range_content(body: &Body, first: u64, last: u64) -> Result<Content, Violation> {
    let content = body
        .content()
        .map_err(|_| Violation::InvalidArgument(ArgumentError::BodyTooLong))?;
    let Some(span) = last.checked_sub(first) else {
        return Ok(content);
    };
    if content.len().checked_sub(1) != Some(span) {
        return Err(Violation::InvalidArgument(
            ArgumentError::CopyRangeContentLength {
                expected: span.saturating_add(1),
                given: content.len(),
            },
        ));
    }
    Ok(content)
}

impl<S: IdSource> Bucket<S> {
    /// UploadPartCopy: part `part_number` of the upload `upload_id` becomes a copy of a
    /// source version of this bucket, whole or the byte range `first..=last` (MPU-12).
    ///
    /// Checks, in this order (ERR-4):
    ///
    /// - the key, the part number (1..=10000, else `InvalidArgument` 400), the source key and
    ///   the source version ID's syntax (ID-6); content given without a range, or not of the
    ///   range's length, is `InvalidArgument` 400 (MODEL);
    /// - a `source_bucket` is `NoSuchBucket` 404: a bucket alone knows no other (SVC-7 needs a
    ///   [`Service`](crate::Service));
    /// - MPU-3: the upload is in progress and was initiated for `key`, else `NoSuchUpload` 404;
    /// - the source, selected as a CopyObject selects it (CPY-1..CPY-3, CPY-5): the head of
    ///   `source_key` or the version `source_version_id` names; a head that is a delete marker
    ///   or a key with no entries is `NoSuchKey` 404, a version ID naming nothing
    ///   `NoSuchVersion` 404, one naming a delete marker `InvalidRequest` 400 in both dialects
    ///   (the oss UploadPartCopy page gives 400; MODEL for the code);
    /// - the range: `last >= size` or `first > last` is s3 `InvalidRange` 416, oss
    ///   `InvalidArgument` 400; a range that is not the whole source needs its content (MODEL:
    ///   the model keeps no bytes), else `InvalidArgument` 400;
    /// - the part is at most 5 GiB, else `EntityTooLarge` 400 (MPU-2).
    ///
    /// The part's content is the source's own fingerprint for a whole-source copy (a range
    /// covering the whole source included), else the range's content given. Copying onto a
    /// part number again replaces that part (MPU-2). The outcome gives the part's ETag and
    /// CRC-64 as UploadPart would for that content, and the source version copied as RSP-5
    /// reports it.
    pub fn upload_part_copy(
        &mut self,
        request: UploadPartCopy,
    ) -> Result<UploadPartCopyOutcome, Violation> {
        let args = PartCopyArgs::parse(self.dialect(), &request)?;
        if let Some(bucket) = &request.source_bucket {
            return Err(Violation::NoSuchBucket {
                bucket: bucket.clone(),
            });
        }
        self.upload(args.key, args.upload_id)?;
        let source = self.part_copy_source(&args)?;
        self.enter_part_copy(&args, source)
    }

    /// Selects an UploadPartCopy's source in this bucket, under its own state: CopyObject's
    /// selection (CPY-1..CPY-3, CPY-5, RSP-5), but a version ID naming a delete marker is
    /// `InvalidRequest` 400 in both dialects (MPU-12).
    pub(crate) fn part_copy_source(
        &self,
        args: &PartCopyArgs<'_>,
    ) -> Result<CopySource, Violation> {
        self.copy_source(args.source_key.as_str(), args.source_version_id)
            .map_err(|violation| match (violation, args.source_version_id) {
                // A version that exists and is no object: a delete marker.
                (Violation::NoSuchKey { .. }, Some(_)) => {
                    Violation::InvalidRequest(InvalidRequestReason::CopySourceIsDeleteMarker)
                }
                (violation, _) => violation,
            })
    }
}

impl<S> Bucket<S> {
    /// Checks the range against the selected `source` and stores the part (MPU-12, MPU-2).
    /// The caller has checked that the upload is in progress for the key.
    pub(crate) fn enter_part_copy(
        &mut self,
        args: &PartCopyArgs<'_>,
        source: CopySource,
    ) -> Result<UploadPartCopyOutcome, Violation> {
        let size = source.content.len();
        let content = match args.range {
            None => source.content,
            Some((first, last)) if first > last || last >= size => {
                return Err(match self.dialect() {
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
            Some((first, last)) if first == 0 && last == size - 1 => source.content,
            Some(_) => args.content.ok_or(Violation::InvalidArgument(
                ArgumentError::CopyRangeWithoutContent,
            ))?,
        };
        if content.len() > MAX_OBJECT_SIZE {
            return Err(Violation::EntityTooLarge {
                size: content.len(),
                max_size: MAX_OBJECT_SIZE,
            });
        }
        let part = self.insert_part(args.upload_id, args.part_number, content);
        Ok(UploadPartCopyOutcome {
            etag: part.etag,
            crc64: part.crc64,
            source_version_id: source.version_id,
        })
    }
}
