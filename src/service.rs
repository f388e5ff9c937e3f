//! The service: named buckets sharing one logical clock, with per-bucket ID sources and copies
//! between buckets (SVC).

mod name;
mod seed;
#[cfg(feature = "serde")]
mod snapshot;

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;

use crate::body::Body;
use crate::bucket::Bucket;
use crate::checked::{Key, WellFormedId};
use crate::command::Command;
use crate::config::BucketConfig;
use crate::dialect::Dialect;
use crate::ops::copy::CopyArgs;
use crate::ops::part_copy::PartCopyArgs;
use crate::outcome::{
    BucketInfo, BucketOutcome, ClockOutcome, CopyObjectOutcome, ListBucketsOutcome, ObjectMeta,
    Outcome, PutObjectOutcome, UploadPartCopyOutcome, VersioningOutcome,
};
use crate::request::{CopyObject, ToGetObject, UploadPartCopy};
use crate::violation::{ArgumentError, Invariant, InvariantViolation, Violation};

pub use seed::DEFAULT_BUCKET;

/// A model of an OSS/S3 service: buckets by name (SVC-1), one logical clock (LC-0), and copies
/// from one bucket into another (SVC-7).
///
/// Every bucket takes the service's configuration (dialect, appendable ID mode) with its own
/// seed, derived from the service seed and the bucket's name (SVC-5): adding a bucket never
/// changes the IDs another gives out, and the bucket named [`DEFAULT_BUCKET`] draws exactly the
/// IDs a bare [`Bucket`] with the service's configuration would — a service of that one bucket
/// answers every command as the bare bucket does.
///
/// - **Buckets**: [`create_bucket`](Self::create_bucket), [`delete_bucket`](Self::delete_bucket),
///   [`list_buckets`](Self::list_buckets), [`bucket_info`](Self::bucket_info).
/// - **Commands** on a bucket: [`apply`](Self::apply) takes any [`Command`]; typed methods
///   [`put_bucket_versioning`](Self::put_bucket_versioning), [`put_object`](Self::put_object),
///   [`get_object`](Self::get_object), [`copy_object`](Self::copy_object) (from this or another
///   bucket), [`upload_part_copy`](Self::upload_part_copy) (likewise), and
///   [`advance_clock`](Self::advance_clock) for the shared clock.
/// - **Queries**: [`bucket`](Self::bucket), [`now`](Self::now), [`config`](Self::config).
/// - **Checks**: [`check_invariants`](Self::check_invariants): INV-10 and every bucket's.
///
/// A rejected command leaves the whole service exactly as it was (ERR-2). With the `serde`
/// feature a service serializes as a snapshot of its buckets and restores from one, refusing a
/// snapshot that breaks INV-10 or a bucket's invariants.
///
/// ```
/// use bucket_versioning::{BucketConfig, Service, request::CopyObject};
///
/// let mut service = Service::new(BucketConfig::default());
/// service.create_bucket("photos").unwrap();
/// service.create_bucket("backup").unwrap();
/// service.put_object("photos", "cat.jpg", "meow").unwrap();
/// let copy = service
///     .copy_object("backup", CopyObject::new("cat.jpg", "cat.jpg").source_bucket("photos"))
///     .unwrap();
/// assert_eq!(service.get_object("backup", "cat.jpg").unwrap().etag, copy.etag);
/// assert_eq!(service.list_buckets().buckets, ["backup", "photos"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    config: BucketConfig,
    now: u64,
    buckets: BTreeMap<String, Bucket>,
}

impl Default for Service {
    fn default() -> Self {
        Service::new(BucketConfig::default())
    }
}

impl Service {
    /// A service with no buckets; every bucket created takes `config`, its seed derived from
    /// `config`'s (SVC-5).
    pub fn new(config: BucketConfig) -> Self {
        Service {
            config,
            now: 0,
            buckets: BTreeMap::new(),
        }
    }

    /// A service holding one empty bucket, [`DEFAULT_BUCKET`]: where every trace replay starts.
    pub fn with_default_bucket(config: BucketConfig) -> Self {
        let mut service = Service::new(config);
        service.insert_bucket(DEFAULT_BUCKET);
        service
    }

    /// The configuration every bucket takes (with its own derived seed).
    pub fn config(&self) -> &BucketConfig {
        &self.config
    }

    /// The dialect.
    pub fn dialect(&self) -> Dialect {
        self.config.dialect()
    }

    /// The shared logical time, in seconds (LC-0, SVC-1).
    pub fn now(&self) -> u64 {
        self.now
    }

    /// The bucket named `name`, if the service holds it.
    pub fn bucket(&self, name: &str) -> Option<&Bucket> {
        self.buckets.get(name)
    }

    /// Every bucket with its name, names ascending.
    pub fn buckets(&self) -> impl DoubleEndedIterator<Item = (&str, &Bucket)> + '_ {
        self.buckets
            .iter()
            .map(|(name, bucket)| (name.as_str(), bucket))
    }

    /// CreateBucket: a new empty, Unversioned bucket (SVC-2, SVC-3), on the service's clock.
    ///
    /// A name outside the dialect's syntax is `InvalidBucketName` 400 (SVC-2); a name the
    /// service holds is oss `BucketAlreadyExists` 409, s3 `BucketAlreadyOwnedByYou` 409.
    pub fn create_bucket(&mut self, name: &str) -> Result<BucketOutcome, Violation> {
        if !name::is_valid(self.dialect(), name) {
            return Err(Violation::InvalidBucketName {
                bucket: name.into(),
            });
        }
        if self.buckets.contains_key(name) {
            let bucket = name.into();
            return Err(match self.dialect() {
                Dialect::Oss => Violation::BucketAlreadyExists { bucket },
                Dialect::S3 => Violation::BucketAlreadyOwnedByYou { bucket },
            });
        }
        self.insert_bucket(name);
        Ok(BucketOutcome {})
    }

    /// DeleteBucket (SVC-4): only an empty bucket, with no uploads in progress, goes; its
    /// configuration goes with it, so creating the name again starts fresh.
    pub fn delete_bucket(&mut self, name: &str) -> Result<BucketOutcome, Violation> {
        let bucket = self.existing(name)?;
        if !bucket.is_empty() || bucket.upload_count() != 0 {
            return Err(Violation::BucketNotEmpty {
                bucket: name.into(),
            });
        }
        self.buckets.remove(name);
        Ok(BucketOutcome {})
    }

    /// ListBuckets: the names, ascending (SVC-1).
    pub fn list_buckets(&self) -> ListBucketsOutcome {
        ListBucketsOutcome {
            buckets: self.buckets.keys().cloned().collect(),
        }
    }

    /// GetBucketInfo (oss) / HeadBucket (s3): the name and versioning status (SVC-6).
    pub fn bucket_info(&self, name: &str) -> Result<BucketInfo, Violation> {
        let bucket = self.existing(name)?;
        Ok(BucketInfo {
            bucket: name.into(),
            status: bucket.versioning(),
        })
    }

    /// Runs `command` on bucket `bucket` (SVC-1): `NoSuchBucket` 404 when the service does
    /// not hold it. Advancing the clock advances the one clock every bucket reads; a CopyObject
    /// naming a `source_bucket` copies from there (SVC-7).
    pub fn apply(&mut self, bucket: &str, command: Command) -> Result<Outcome, Violation> {
        self.existing(bucket)?;
        match command {
            Command::AdvanceClock(request) => self
                .advance_clock(request.seconds)
                .map(Outcome::AdvanceClock),
            Command::CopyObject(request) => {
                self.copy_object(bucket, request).map(Outcome::CopyObject)
            }
            Command::UploadPartCopy(request) => self
                .upload_part_copy(bucket, request)
                .map(Outcome::UploadPartCopy),
            command => self.existing_mut(bucket)?.apply(command),
        }
    }

    /// Advances the shared logical clock by `seconds` (LC-0): every bucket reads the new time.
    /// Past `u64::MAX` is `InvalidArgument` (ERR-3).
    pub fn advance_clock(&mut self, seconds: u64) -> Result<ClockOutcome, Violation> {
        let now = self
            .now
            .checked_add(seconds)
            .ok_or(Violation::InvalidArgument(ArgumentError::ClockOverflow(
                seconds,
            )))?;
        self.now = now;
        for bucket in self.buckets.values_mut() {
            bucket.now = now;
        }
        Ok(ClockOutcome { now })
    }

    /// PutBucketVersioning on bucket `bucket` (VS-2).
    pub fn put_bucket_versioning(
        &mut self,
        bucket: &str,
        status: impl AsRef<str>,
    ) -> Result<VersioningOutcome, Violation> {
        self.existing_mut(bucket)?.put_bucket_versioning(status)
    }

    /// PutObject into bucket `bucket` (PUT).
    pub fn put_object(
        &mut self,
        bucket: &str,
        key: impl AsRef<str>,
        body: impl Into<Body>,
    ) -> Result<PutObjectOutcome, Violation> {
        self.existing_mut(bucket)?.put_object(key, body)
    }

    /// GetObject from bucket `bucket` (GET).
    pub fn get_object<'a>(
        &self,
        bucket: &str,
        request: impl ToGetObject<'a>,
    ) -> Result<ObjectMeta, Violation> {
        self.existing(bucket)?.get_object(request)
    }

    /// CopyObject into bucket `bucket` (CPY), from `request.source_bucket` when it names one
    /// (SVC-7): the source is selected in its own bucket under that bucket's state (CPY-1..CPY-3,
    /// CPY-5, RSP-5), the copy entered under the destination's (CPY-4).
    ///
    /// Arguments are checked first (ERR-4): both keys and the version ID's syntax, then the two
    /// buckets (`NoSuchBucket` 404), then the source.
    pub fn copy_object(
        &mut self,
        bucket: &str,
        request: CopyObject,
    ) -> Result<CopyObjectOutcome, Violation> {
        let source_bucket = match &request.source_bucket {
            Some(source) if source != bucket => source,
            _ => {
                let request = CopyObject {
                    source_bucket: None,
                    ..request
                };
                return self.existing_mut(bucket)?.copy_object(request);
            }
        };
        let dialect = self.dialect();
        let source_key = Key::parse(dialect, request.source_key.as_str())?;
        let key = Key::parse(dialect, request.key.as_str())?;
        let source_version_id = WellFormedId::parse_optional(request.source_version_id.as_ref())?
            .map(WellFormedId::get);
        let args = CopyArgs::parse(dialect, &request)?;
        self.existing(bucket)?;
        let source = self
            .existing(source_bucket)?
            .copy_source(source_key.as_str(), source_version_id)?;
        self.existing_mut(bucket)?.enter_copy(key, source, args)
    }

    /// UploadPartCopy into an upload of bucket `bucket` (MPU-12), from `request.source_bucket`
    /// when it names another bucket (SVC-7): the source is selected in its own bucket under
    /// that bucket's state (CPY-1..CPY-3, CPY-5, RSP-5), the part stored in the upload.
    ///
    /// Arguments are checked first (ERR-4), then the two buckets (`NoSuchBucket` 404), the
    /// upload (`NoSuchUpload` 404), the source and the range, as
    /// [`Bucket::upload_part_copy`] does.
    pub fn upload_part_copy(
        &mut self,
        bucket: &str,
        request: UploadPartCopy,
    ) -> Result<UploadPartCopyOutcome, Violation> {
        let source_bucket = match &request.source_bucket {
            Some(source) if source != bucket => source,
            _ => {
                let request = UploadPartCopy {
                    source_bucket: None,
                    ..request
                };
                return self.existing_mut(bucket)?.upload_part_copy(request);
            }
        };
        let args = PartCopyArgs::parse(self.dialect(), &request)?;
        let destination = self.existing(bucket)?;
        let source_bucket = self.existing(source_bucket)?;
        destination.upload(args.key, args.upload_id)?;
        let source = source_bucket.part_copy_source(&args)?;
        self.existing_mut(bucket)?.enter_part_copy(&args, source)
    }

    /// Checks INV-10 (bucket names valid and distinct, SVC-2) and every bucket's invariants,
    /// and that every bucket reads the service's clock.
    pub fn check_invariants(&self) -> Result<(), InvariantViolation> {
        for (name, bucket) in &self.buckets {
            if !name::is_valid(self.dialect(), name) {
                return Err(InvariantViolation {
                    invariant: Invariant::BucketNames,
                    key: None,
                    detail: format!("the bucket name {name:?} is not valid"),
                });
            }
            if bucket.now != self.now {
                return Err(InvariantViolation {
                    invariant: Invariant::BucketNames,
                    key: None,
                    detail: format!("bucket {name:?} does not share the service's clock"),
                });
            }
            if bucket.config != self.bucket_config(name) {
                return Err(InvariantViolation {
                    invariant: Invariant::BucketNames,
                    key: None,
                    detail: format!(
                        "bucket {name:?} does not have the service's configuration with its own seed"
                    ),
                });
            }
            bucket.check_invariants()?;
        }
        Ok(())
    }

    /// The bucket named `name`, or `NoSuchBucket` 404.
    fn existing(&self, name: &str) -> Result<&Bucket, Violation> {
        self.buckets
            .get(name)
            .ok_or_else(|| Violation::NoSuchBucket {
                bucket: name.into(),
            })
    }

    /// The bucket named `name`, mutably, or `NoSuchBucket` 404.
    fn existing_mut(&mut self, name: &str) -> Result<&mut Bucket, Violation> {
        self.buckets
            .get_mut(name)
            .ok_or_else(|| Violation::NoSuchBucket {
                bucket: name.into(),
            })
    }

    /// The configuration of bucket `name`: the service's, with the seed derived from the
    /// service seed and the name (SVC-5).
    fn bucket_config(&self, name: &str) -> BucketConfig {
        self.config
            .with_seed(seed::bucket_seed(self.config.seed(), name))
    }

    /// Inserts an empty bucket `name` with its derived seed (SVC-5), on the service's clock.
    fn insert_bucket(&mut self, name: &str) {
        let mut bucket = Bucket::new(self.bucket_config(name));
        bucket.now = self.now;
        self.buckets.insert(name.into(), bucket);
    }
}
