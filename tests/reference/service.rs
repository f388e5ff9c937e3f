//! The naive reference service (SVC): a list of (name, naive bucket) pairs, the SVC rules
//! written straight from `rules.md`, and copies and part copies across buckets (SVC-7) done by
//! hand from the buckets' pieces. Each bucket's seed is derived as SVC-5 says, with its own
//! FNV-1a here.

use super::*;
use bucket_versioning::outcome::{BucketInfo, BucketOutcome, ListBucketsOutcome};
use bucket_versioning::strategies::ServiceStep;

/// The bucket every service starts with (the trace format's default).
pub const DEFAULT: &str = "bucket";

/// The naive service.
#[derive(Clone, Debug)]
pub struct RefService {
    pub config: BucketConfig,
    pub now: u64,
    /// In creation order; listings sort.
    pub buckets: Vec<(String, RefBucket)>,
}

/// 64-bit FNV-1a.
fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// SVC-2, by dialect.
fn valid_name(dialect: Dialect, name: &str) -> bool {
    let len_ok = name.len() >= 3 && name.len() <= 63;
    let edge = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let first_last = name.chars().next().is_some_and(edge) && name.chars().last().is_some_and(edge);
    let chars_ok = name
        .chars()
        .all(|c| edge(c) || c == '-' || (dialect == Dialect::S3 && c == '.'));
    if !(len_ok && first_last && chars_ok) {
        return false;
    }
    if dialect == Dialect::Oss {
        return true;
    }
    let parts: Vec<&str> = name.split('.').collect();
    let ipv4 = parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()));
    !name.contains("..")
        && !ipv4
        && !name.starts_with("xn--")
        && !name.starts_with("sthree-")
        && !name.ends_with("-s3alias")
        && !name.ends_with("--ol-s3")
}

impl RefService {
    /// A service holding the default bucket alone.
    pub fn with_default_bucket(config: BucketConfig) -> Self {
        let mut service = RefService {
            config,
            now: 0,
            buckets: Vec::new(),
        };
        service.add(DEFAULT);
        service
    }

    fn add(&mut self, name: &str) {
        // SVC-5: the service seed, xor the name's hash, xor the default name's hash.
        let seed = self.config.seed() ^ fnv1a(name) ^ fnv1a(DEFAULT);
        let mut bucket = RefBucket::new(self.config.with_seed(seed));
        bucket.now = self.now;
        self.buckets.push((name.to_string(), bucket));
    }

    fn index(&self, name: &str) -> Result<usize, Violation> {
        self.buckets
            .iter()
            .position(|(n, _)| n == name)
            .ok_or_else(|| Violation::NoSuchBucket {
                bucket: name.to_string(),
            })
    }

    /// The bucket named `name`, if any.
    pub fn bucket(&self, name: &str) -> Option<&RefBucket> {
        self.buckets.iter().find(|(n, _)| n == name).map(|(_, b)| b)
    }

    /// The names, ascending.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.buckets.iter().map(|(n, _)| n.clone()).collect();
        names.sort();
        names
    }

    pub fn apply(&mut self, step: &ServiceStep) -> Result<Outcome, Violation> {
        let dialect = self.config.dialect();
        match step {
            ServiceStep::CreateBucket { bucket } => {
                if !valid_name(dialect, bucket) {
                    return Err(Violation::InvalidBucketName {
                        bucket: bucket.clone(),
                    });
                }
                if self.index(bucket).is_ok() {
                    return Err(match dialect {
                        Dialect::Oss => Violation::BucketAlreadyExists {
                            bucket: bucket.clone(),
                        },
                        Dialect::S3 => Violation::BucketAlreadyOwnedByYou {
                            bucket: bucket.clone(),
                        },
                    });
                }
                self.add(bucket);
                Ok(Outcome::Bucket(BucketOutcome {}))
            }
            ServiceStep::DeleteBucket { bucket } => {
                let index = self.index(bucket)?;
                let held = &self.buckets[index].1;
                if held.chains.iter().any(|(_, entries)| !entries.is_empty())
                    || !held.uploads.is_empty()
                {
                    return Err(Violation::BucketNotEmpty {
                        bucket: bucket.clone(),
                    });
                }
                self.buckets.remove(index);
                Ok(Outcome::Bucket(BucketOutcome {}))
            }
            ServiceStep::GetBucketInfo { bucket } => {
                let index = self.index(bucket)?;
                Ok(Outcome::BucketInfo(BucketInfo {
                    bucket: bucket.clone(),
                    status: self.buckets[index].1.state,
                }))
            }
            ServiceStep::ListBuckets => Ok(Outcome::ListBuckets(ListBucketsOutcome {
                buckets: self.names(),
            })),
            ServiceStep::Object { bucket, command } => self.object(bucket, command.clone()),
        }
    }

    fn object(&mut self, bucket: &str, command: Command) -> Result<Outcome, Violation> {
        let index = self.index(bucket)?;
        match command {
            Command::AdvanceClock(AdvanceClock { seconds }) => {
                let now = self
                    .now
                    .checked_add(seconds)
                    .ok_or(Violation::InvalidArgument(ArgumentError::ClockOverflow(
                        seconds,
                    )))?;
                self.now = now;
                for (_, bucket) in &mut self.buckets {
                    bucket.now = now;
                }
                Ok(Outcome::AdvanceClock(ClockOutcome { now }))
            }
            Command::CopyObject(copy) => match copy.source_bucket.clone() {
                Some(source) if source != bucket => self
                    .cross_copy(index, &source, &copy)
                    .map(Outcome::CopyObject),
                _ => {
                    let copy = CopyObject {
                        source_bucket: None,
                        ..copy
                    };
                    self.buckets[index].1.apply(Command::CopyObject(copy))
                }
            },
            Command::UploadPartCopy(copy) => match copy.source_bucket.clone() {
                Some(source) if source != bucket => {
                    let target = &self.buckets[index].1;
                    let content = target.part_copy_args(&copy)?;
                    let source = &self.buckets[self.index(&source)?].1;
                    target.find_upload(copy.key.as_str(), &copy.upload_id)?;
                    let selected = source.part_copy_source(&copy)?;
                    self.buckets[index]
                        .1
                        .store_part_copy(&copy, content, selected)
                        .map(Outcome::UploadPartCopy)
                }
                _ => {
                    let copy = bucket_versioning::request::UploadPartCopy {
                        source_bucket: None,
                        ..copy
                    };
                    self.buckets[index].1.apply(Command::UploadPartCopy(copy))
                }
            },
            command => self.buckets[index].1.apply(command),
        }
    }

    /// SVC-7: CopyObject into bucket `index` from bucket `source`: the arguments, the source
    /// bucket, the source selected under its bucket's rules, the copy written under the
    /// destination's.
    fn cross_copy(
        &mut self,
        index: usize,
        source: &str,
        copy: &CopyObject,
    ) -> Result<CopyObjectOutcome, Violation> {
        let target = &self.buckets[index].1;
        target.check_key(copy.source_key.as_str())?;
        target.check_key(copy.key.as_str())?;
        if let Some(id) = &copy.source_version_id {
            RefBucket::<SeededIds>::check_version_id(id)?;
        }
        let args = target.copy_args(copy)?;
        // CND-7: the conditions' arguments, then (below) their check on the destination.
        let conditions = RefConditions {
            if_match: copy.if_match.as_deref(),
            if_none_match: copy.if_none_match.as_deref(),
            forbid_overwrite: copy.forbid_overwrite,
        };
        target.check_condition_arguments(conditions)?;
        let from = &self.buckets[self.index(source)?].1;
        let version_id = copy.source_version_id.as_ref();
        let no_such_key = Violation::NoSuchKey {
            delete_marker: false,
            version_id: None,
        };
        let Some(stored) = from.named(copy.source_key.as_str(), version_id).cloned() else {
            return Err(match version_id {
                None => no_such_key,
                Some(id) => Violation::NoSuchVersion {
                    version_id: id.clone(),
                },
            });
        };
        if stored.entry.delete_marker {
            return Err(match (version_id, from.dialect) {
                (Some(_), Dialect::S3) => {
                    Violation::InvalidRequest(InvalidRequestReason::CopySourceIsDeleteMarker)
                }
                _ => no_such_key,
            });
        }
        if from.dialect == Dialect::Oss
            && from.state != VersioningState::Unversioned
            && stored.entry.object_type == Some(ObjectType::Appendable)
        {
            return Err(Violation::InvalidRequest(
                InvalidRequestReason::CopySourceIsAppendable,
            ));
        }
        let reported_source = from.reported_read(&stored.entry.id);
        let target = &mut self.buckets[index].1;
        let (retention, legal_hold) = target.new_lock(copy.retention, copy.legal_hold)?;
        target.refuse_replace(copy.key.as_str(), false)?;
        target.check_condition_state(copy.key.as_str(), None, conditions)?;
        let etag = stored.entry.etag.clone().expect("an object has an ETag");
        let crc = stored.entry.crc64;
        let mut entry = stored.entry.clone();
        // SYM-5: a link copies as a link, target and all; anything else as Normal.
        if entry.object_type != Some(ObjectType::Symlink) {
            entry.object_type = Some(ObjectType::Normal);
        }
        entry.sealed = false;
        entry.modified = target.now;
        entry.attrs = args.attrs(&stored.entry.attrs);
        // OL-2: a copy is a new version; the source's retention and hold do not travel.
        entry.retention = retention;
        entry.legal_hold = legal_hold;
        let id = target.enter(
            copy.key.as_str(),
            Stored {
                entry,
                bytes: stored.bytes,
            },
            None,
            false,
        );
        Ok(CopyObjectOutcome {
            version_id: target.reported_write(&id),
            etag: ETag::new(etag),
            crc64: crc,
            source_version_id: reported_source,
        })
    }
}
