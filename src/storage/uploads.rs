//! The multipart uploads in progress, indexed so that every multipart command costs O(log n)
//! plus the size of what it returns.
//!
//! - `in_progress` maps each upload ID to its [`Upload`]: the key, when it was initiated, and
//!   its parts by part number (MPU-2: uploading a part number again replaces the part).
//! - `by_key` is the listing index (MPU-10): for each key with uploads in progress, their
//!   `(rank, upload ID)` pairs in listing order. The rank is 0 in the oss dialect, so a key's
//!   uploads list by upload ID, and the initiation sequence in the s3 dialect, so they list in
//!   the order they were initiated.
//! - `issued` records every upload ID the bucket ever gave out and how that upload ended, so
//!   no ID is given out twice and a completed or aborted upload stays gone (MPU-3, INV-7).
//! - `by_initiation` holds every upload in progress as `(initiation time, upload ID)`, so a
//!   lifecycle run finds the uploads due for LC-4 with one range query. A snapshot does not
//!   store it; [`Uploads::reindex`] rebuilds it.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Bound;

use crate::content::{Content, ETag};
use crate::dialect::Dialect;
use crate::key::ObjectKey;
use crate::storage::attributes::Attributes;
use crate::storage::paging::{Listing, Row, Start};
use crate::upload_id::UploadId;

/// Every upload in progress, the listing index and the record of upload IDs given out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Uploads {
    pub(crate) in_progress: BTreeMap<UploadId, Upload>,
    pub(crate) by_key: BTreeMap<ObjectKey, BTreeSet<(u64, UploadId)>>,
    pub(crate) issued: BTreeMap<UploadId, UploadState>,
    pub(crate) next_sequence: u64,
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) by_initiation: BTreeSet<(u64, UploadId)>,
}

/// Where an upload ID stands: in progress, or how it ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) enum UploadState {
    InProgress,
    Completed,
    Aborted,
}

/// One upload in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Upload {
    /// The key the upload was initiated for; every later request must name it (MPU-3).
    pub(crate) key: ObjectKey,
    /// The bucket-wide initiation sequence number.
    pub(crate) sequence: u64,
    /// Where the upload sorts among its key's uploads in a listing (see the module doc).
    pub(crate) rank: u64,
    /// The logical time of the initiation (LC-0; LC-4 ages uploads from it).
    pub(crate) initiated: u64,
    /// The parts uploaded so far, by part number.
    pub(crate) parts: BTreeMap<u32, Part>,
    /// The tags and metadata given at Initiate, for the completed object (TAG-1, TAG-5).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Attributes::is_default")
    )]
    pub(crate) attributes: Attributes,
}

/// One uploaded part.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Part {
    pub(crate) content: Content,
    /// The part's ETag digest: its MD5, or when the MD5 is unknown (a fingerprint body given
    /// without one) the CRC-64 and the length, 8 bytes each, big-endian (see [`Part::digest_of`]).
    pub(crate) digest: [u8; 16],
    /// The logical time of the upload.
    pub(crate) modified: u64,
}

/// An item of a ListMultipartUploads page: an upload, or a common prefix (MPU-10).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Listed<'a> {
    Upload {
        key: &'a ObjectKey,
        upload_id: &'a UploadId,
    },
    Prefix(String),
}

/// What a ListMultipartUploads page asks for, its arguments already checked.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PageQuery<'a> {
    pub(crate) prefix: &'a str,
    /// A non-empty delimiter, if any.
    pub(crate) delimiter: Option<&'a str>,
    pub(crate) key_marker: Option<&'a str>,
    pub(crate) upload_id_marker: Option<&'a UploadId>,
    pub(crate) max: usize,
}

impl Uploads {
    pub(crate) fn get(&self, upload_id: &UploadId) -> Option<&Upload> {
        self.in_progress.get(upload_id)
    }

    pub(crate) fn get_mut(&mut self, upload_id: &UploadId) -> Option<&mut Upload> {
        self.in_progress.get_mut(upload_id)
    }

    /// Whether `upload_id` was ever given out by this bucket.
    pub(crate) fn is_issued(&self, upload_id: &UploadId) -> bool {
        self.issued.contains_key(upload_id)
    }

    /// Rebuilds `by_initiation` from the uploads in progress (after a snapshot is read).
    #[cfg(feature = "serde")]
    pub(crate) fn reindex(&mut self) {
        self.by_initiation = self
            .in_progress
            .iter()
            .map(|(upload_id, upload)| (upload.initiated, upload_id.clone()))
            .collect();
    }

    /// The uploads in progress initiated at or before `bound`, by initiation time (LC-4).
    pub(crate) fn initiated_through(&self, bound: u64) -> impl Iterator<Item = &UploadId> {
        self.by_initiation
            .iter()
            .take_while(move |(initiated, _)| *initiated <= bound)
            .map(|(_, upload_id)| upload_id)
    }

    /// The number of uploads in progress.
    pub(crate) fn len(&self) -> usize {
        self.in_progress.len()
    }

    /// Starts a new upload of `key` (MPU-1). The caller has made sure `upload_id` was never
    /// issued.
    pub(crate) fn insert(
        &mut self,
        upload_id: UploadId,
        key: ObjectKey,
        initiated: u64,
        dialect: Dialect,
        attributes: Attributes,
    ) {
        let sequence = self.next_sequence;
        self.next_sequence = self.next_sequence.wrapping_add(1);
        let rank = match dialect {
            Dialect::Oss => 0,
            Dialect::S3 => sequence,
        };
        self.issued
            .insert(upload_id.clone(), UploadState::InProgress);
        self.by_initiation.insert((initiated, upload_id.clone()));
        self.by_key
            .entry(key.clone())
            .or_default()
            .insert((rank, upload_id.clone()));
        self.in_progress.insert(
            upload_id,
            Upload {
                key,
                sequence,
                rank,
                initiated,
                parts: BTreeMap::new(),
                attributes,
            },
        );
    }

    /// Ends the upload `upload_id` as `ended` (MPU-7, MPU-8) and returns it with its parts.
    pub(crate) fn end(&mut self, upload_id: &UploadId, ended: UploadState) -> Option<Upload> {
        let upload = self.in_progress.remove(upload_id)?;
        self.by_initiation
            .remove(&(upload.initiated, upload_id.clone()));
        if let Some(state) = self.issued.get_mut(upload_id) {
            *state = ended;
        }
        if let Some(ranks) = self.by_key.get_mut(&upload.key) {
            ranks.remove(&(upload.rank, upload_id.clone()));
            if ranks.is_empty() {
                self.by_key.remove(&upload.key);
            }
        }
        Some(upload)
    }

    /// One page of ListMultipartUploads (MPU-10): the uploads in progress and common prefixes
    /// strictly after the markers, in listing order, at most `query.max` of them, and whether
    /// more follow.
    ///
    /// The walk is the one every listing shares ([`Listing::walk`]): it seeks with the index's
    /// ranges and jumps over every key under a common prefix, so a page costs O(log n) per row,
    /// never a scan from the start.
    pub(crate) fn page<'a>(
        &'a self,
        query: &PageQuery<'_>,
        dialect: Dialect,
    ) -> (Vec<Listed<'a>>, bool) {
        // With both markers, the listing resumes within the key marker's own uploads, after the
        // upload-ID marker; `None` inside means the marker places nothing of that key after it.
        let resume =
            query
                .key_marker
                .zip(query.upload_id_marker)
                .and_then(|(marker, upload_id)| {
                    let (key, _) = self.by_key.get_key_value(marker)?;
                    Some((key.as_str(), self.resume_after(key, upload_id, dialect)))
                });
        let start = match (&resume, query.key_marker) {
            (Some((key, Some(_))), _) => Start::At(key),
            (_, Some(marker)) => Start::After(marker),
            (_, None) => Start::First,
        };
        let listing = Listing::new(Some(query.prefix), query.delimiter, query.max);
        let page = listing.walk(
            start,
            |lower, upper| {
                self.by_key
                    .range::<str, _>((lower, upper))
                    .map(|(key, ranks)| (key.as_str(), (key, ranks)))
            },
            |at, (key, ranks): (&'a ObjectKey, &'a BTreeSet<(u64, UploadId)>)| {
                let after = match &resume {
                    Some((marker, Some(after))) if *marker == at => Bound::Excluded(after.clone()),
                    _ => Bound::Unbounded,
                };
                ranks
                    .range((after, Bound::Unbounded))
                    .map(move |(_, upload_id)| Listed::Upload { key, upload_id })
            },
        );
        let is_truncated = page.is_truncated;
        let rows = page
            .rows
            .into_iter()
            .map(|row| match row {
                Row::Item(item) => item,
                Row::CommonPrefix(prefix) => Listed::Prefix(prefix),
            })
            .collect();
        (rows, is_truncated)
    }

    /// Where the uploads of `key` after the upload-ID marker `upload_id` start, in the index's
    /// order, or `None` if the marker places nothing of `key` after it.
    ///
    /// oss: the key's uploads with a greater upload ID, whether or not the marker names an
    /// upload (MPU-10: they sort by upload ID). s3 (MODEL): the uploads initiated after the one
    /// the marker names; a marker that names no upload in progress of `key` places the listing
    /// after the whole key, as LST-4 does for a version-ID marker.
    fn resume_after(
        &self,
        key: &ObjectKey,
        upload_id: &UploadId,
        dialect: Dialect,
    ) -> Option<(u64, UploadId)> {
        match dialect {
            Dialect::Oss => Some((0, upload_id.clone())),
            Dialect::S3 => self
                .in_progress
                .get(upload_id)
                .filter(|upload| upload.key == *key)
                .map(|upload| (upload.rank, upload_id.clone())),
        }
    }
}

impl Part {
    /// The digest behind a part's ETag (MPU-2) and the multipart ETag (CT-4): the part's MD5
    /// when known. MODEL: for a part given as a fingerprint without an MD5, its CRC-64 and
    /// length, 8 bytes each, big-endian, which prints as the CT-5 form.
    pub(crate) fn digest_of(content: &Content) -> [u8; 16] {
        content.md5().unwrap_or_else(|| {
            let mut digest = [0u8; 16];
            let (crc, len) = digest.split_at_mut(8);
            crc.copy_from_slice(&content.crc64().to_be_bytes());
            len.copy_from_slice(&content.len().to_be_bytes());
            digest
        })
    }

    /// The part's ETag: its digest in hex, in the dialect's case (CT-3's form).
    pub(crate) fn etag(&self, dialect: Dialect) -> ETag {
        ETag::of_digest(&self.digest, dialect.uppercase_etags())
    }

    /// Whether a Complete request's `etag` names this part (MPU-5).
    ///
    /// MODEL: the hex digits compare without regard to case, and one pair of surrounding double
    /// quotes is ignored (clients such as oss2 send ETags quoted, as the service returns them).
    pub(crate) fn matches(&self, etag: &ETag) -> bool {
        let text = etag.as_str();
        let text = text
            .strip_prefix('"')
            .and_then(|inner| inner.strip_suffix('"'))
            .unwrap_or(text);
        let digits = text.as_bytes();
        digits.len() == 32
            && digits
                .chunks_exact(2)
                .zip(self.digest)
                .all(|(pair, byte)| match pair {
                    [high, low] => {
                        hex_value(*high).zip(hex_value(*low)) == Some((byte >> 4, byte & 0x0F))
                    }
                    _ => false,
                })
    }
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}
