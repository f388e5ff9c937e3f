//! The uploads in progress as MPU-1..MPU-10 describe them, the slow way: a map of uploads with
//! their parts, and each multipart request's verdict read straight from the rules (`Ok(())`
//! for a success, `Err(code)` for the error code a rejection carries). The multipart property
//! test (`tests/rules/multipart_properties.rs`) resolves its steps against it and checks every
//! outcome by it.

use std::collections::BTreeMap;

use bucket_versioning::{Dialect, UploadId, request::CompletedPart};

/// A verdict: `Ok(())` for a success, `Err(code)` for a rejection with that error code.
pub type Verdict = Result<(), &'static str>;

/// One upload in progress.
#[derive(Clone, Debug)]
pub struct RefUpload {
    /// Its key.
    pub key: String,
    /// Its place in initiation order (1 for the first).
    pub order: usize,
    /// Part number → (digest behind the ETag, size).
    pub parts: BTreeMap<u32, ([u8; 16], u64)>,
}

/// The uploads of one bucket.
#[derive(Clone, Debug)]
pub struct RefUploads {
    dialect: Dialect,
    /// Every upload ID initiated, in order, with its key.
    pub initiated: Vec<(UploadId, String)>,
    /// The uploads in progress, by ID.
    pub uploads: BTreeMap<UploadId, RefUpload>,
}

/// Lowercase hex of a digest.
fn lower_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

impl RefUploads {
    /// No uploads, in this dialect.
    pub fn new(dialect: Dialect) -> Self {
        RefUploads {
            dialect,
            initiated: Vec::new(),
            uploads: BTreeMap::new(),
        }
    }

    /// MPU-3: the upload in progress with this ID, if it is of this key.
    pub fn in_progress(&self, id: &UploadId, key: &str) -> Option<&RefUpload> {
        self.uploads.get(id).filter(|upload| upload.key == key)
    }

    /// KEY-1 as the multipart requests see it: the empty key is refused, with the dialect's
    /// code.
    pub fn key_verdict(&self, key: &str) -> Verdict {
        if key.is_empty() {
            Err(match self.dialect {
                Dialect::Oss => "InvalidObjectName",
                _ => "InvalidArgument",
            })
        } else {
            Ok(())
        }
    }

    /// The verdict on an UploadPart (MPU-2, MPU-3).
    pub fn upload_part_verdict(&self, key: &str, id: &UploadId, part_number: u32) -> Verdict {
        self.key_verdict(key)?;
        if !(1..=10_000).contains(&part_number) {
            Err("InvalidArgument")
        } else if self.in_progress(id, key).is_none() {
            Err("NoSuchUpload")
        } else {
            Ok(())
        }
    }

    /// The verdict on a CompleteMultipartUpload of `listed` (MPU-4..MPU-6).
    pub fn complete_verdict(&self, key: &str, id: &UploadId, listed: &[CompletedPart]) -> Verdict {
        self.key_verdict(key)?;
        let ascending = listed
            .windows(2)
            .all(|pair| pair[0].part_number < pair[1].part_number);
        let in_range = listed
            .iter()
            .all(|part| (1..=10_000).contains(&part.part_number));
        let Some((last, but_last)) = listed.split_last() else {
            return Err("MalformedXML");
        };
        if !ascending || !in_range {
            return Err("InvalidPartOrder");
        }
        let Some(upload) = self.in_progress(id, key) else {
            return Err("NoSuchUpload");
        };
        let matches = |part: &CompletedPart| {
            upload
                .parts
                .get(&part.part_number)
                .is_some_and(|(digest, _)| {
                    let given = part.etag.as_str().trim_matches('"');
                    given.eq_ignore_ascii_case(&lower_hex(digest))
                })
        };
        let min = self.dialect.min_part_size();
        if !but_last.iter().chain([last]).all(matches) {
            Err("InvalidPart")
        } else if but_last
            .iter()
            .any(|part| upload.parts[&part.part_number].1 < min)
        {
            Err("EntityTooSmall")
        } else {
            Ok(())
        }
    }

    /// The verdict on an AbortMultipartUpload (MPU-3).
    pub fn abort_verdict(&self, key: &str, id: &UploadId) -> Verdict {
        self.key_verdict(key)?;
        match self.in_progress(id, key) {
            Some(_) => Ok(()),
            None => Err("NoSuchUpload"),
        }
    }

    /// The verdict on a ListParts (MPU-9).
    pub fn list_parts_verdict(&self, key: &str, id: &UploadId, max_parts: u64) -> Verdict {
        self.key_verdict(key)?;
        if !(1..=1000).contains(&max_parts) {
            Err("InvalidArgument")
        } else {
            self.abort_verdict(key, id)
        }
    }

    /// The verdict on a ListMultipartUploads (MPU-10).
    pub fn list_uploads_verdict(max_uploads: u64) -> Verdict {
        if (1..=1000).contains(&max_uploads) {
            Ok(())
        } else {
            Err("InvalidArgument")
        }
    }

    /// MPU-1: a new upload of `key` in progress.
    pub fn initiate(&mut self, upload_id: &UploadId, key: &str) {
        self.initiated.push((upload_id.clone(), key.to_string()));
        self.uploads.insert(
            upload_id.clone(),
            RefUpload {
                key: key.to_string(),
                order: self.initiated.len(),
                parts: BTreeMap::new(),
            },
        );
    }

    /// MPU-2: a part stored (replacing one of the same number), if the upload is in progress.
    pub fn upload_part(
        &mut self,
        upload_id: &UploadId,
        part_number: u32,
        digest: [u8; 16],
        size: u64,
    ) {
        if let Some(upload) = self.uploads.get_mut(upload_id) {
            upload.parts.insert(part_number, (digest, size));
        }
    }

    /// MPU-7, MPU-8: a completed or aborted upload is no longer in progress.
    pub fn finish(&mut self, upload_id: &UploadId) -> Option<RefUpload> {
        self.uploads.remove(upload_id)
    }

    /// MPU-9 the slow way: the parts after `marker`, as (number, digest, size).
    pub fn parts_after(
        &self,
        upload_id: &UploadId,
        marker: Option<u32>,
    ) -> Vec<(u32, [u8; 16], u64)> {
        self.uploads[upload_id]
            .parts
            .iter()
            .filter(|(number, _)| Some(**number) > marker)
            .map(|(number, (digest, size))| (*number, *digest, *size))
            .collect()
    }

    /// MPU-10 the slow way (see [`naive_listing`]), over the uploads in progress.
    pub fn listing(
        &self,
        prefix: &str,
        delimiter: Option<&str>,
    ) -> Vec<(String, Option<UploadId>)> {
        let uploads: Vec<(String, UploadId, usize)> = self
            .uploads
            .iter()
            .map(|(id, upload)| (upload.key.clone(), id.clone(), upload.order))
            .collect();
        naive_listing(&uploads, self.dialect, prefix, delimiter)
    }
}

/// What a listing of uploads should give, computed the slow way straight from MPU-10: the
/// uploads, as (key, upload ID, initiation order), sorted by key, then by upload ID (oss) or
/// initiation (s3), rolled up by the delimiter, as `(key or prefix, upload ID or none)`.
pub fn naive_listing(
    uploads: &[(String, UploadId, usize)],
    dialect: Dialect,
    prefix: &str,
    delimiter: Option<&str>,
) -> Vec<(String, Option<UploadId>)> {
    let mut sorted = uploads.to_vec();
    sorted.sort_by(|x, y| {
        x.0.cmp(&y.0).then(match dialect {
            Dialect::Oss => x.1.cmp(&y.1),
            _ => x.2.cmp(&y.2),
        })
    });
    let mut items: Vec<(String, Option<UploadId>)> = Vec::new();
    for (key, id, _) in sorted {
        let Some(rest) = key.strip_prefix(prefix) else {
            continue;
        };
        match delimiter.and_then(|d| rest.find(d).map(|at| at + d.len())) {
            Some(end) => {
                let common = format!("{prefix}{}", &rest[..end]);
                if items.last().map(|(last, _)| last) != Some(&common) {
                    items.push((common, None));
                }
            }
            None => items.push((key, Some(id))),
        }
    }
    items
}
