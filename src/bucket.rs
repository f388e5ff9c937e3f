//! The bucket: configuration, versioning state, logical clock, chains and ID source, with the
//! one pure transition [`Bucket::apply`].

use crate::conditions::WriteConditions;
use alloc::vec::Vec;

use crate::checked::GivenAttributes;
use crate::command::Command;
use crate::config::BucketConfig;
use crate::dialect::Dialect;
use crate::key::ObjectKey;
use crate::lifecycle::config::LifecycleRule;
use crate::lock::{LockRequest, ObjectLockConfiguration, Worm};
use crate::outcome::Outcome;
use crate::storage::store::Store;
use crate::storage::uploads::Uploads;
use crate::version_id::{IdSource, SeededIds};
use crate::versioning::VersioningState;
use crate::view::chain::ChainView;
use crate::violation::Violation;

/// A model of one bucket's object-version chains.
///
/// Pure and deterministic: no I/O, no clock, no OS randomness. Time moves only when the caller
/// advances it, and generated IDs come from the seeded [`IdSource`] `S`, so the same
/// configuration and the same commands give the same outcomes and an equal bucket (INV-9).
///
/// The methods fall into groups:
///
/// - **Commands** change the bucket or read it as a request would:
///   [`apply`](Self::apply) takes any [`Command`], and each operation has a typed method named
///   after it, returning that operation's outcome:
///   - versioning: [`put_bucket_versioning`](Self::put_bucket_versioning),
///     [`get_bucket_versioning`](Self::get_bucket_versioning);
///   - writes: [`put_object`](Self::put_object), [`append_object`](Self::append_object),
///     [`seal_append_object`](Self::seal_append_object), [`copy_object`](Self::copy_object);
///   - deletes: [`delete_object`](Self::delete_object), [`delete_objects`](Self::delete_objects);
///   - reads: [`get_object`](Self::get_object), [`head_object`](Self::head_object),
///     [`list_object_versions`](Self::list_object_versions), [`list_objects`](Self::list_objects);
///   - multipart: [`initiate_multipart_upload`](Self::initiate_multipart_upload),
///     [`upload_part`](Self::upload_part), [`upload_part_copy`](Self::upload_part_copy),
///     [`complete_multipart_upload`](Self::complete_multipart_upload),
///     [`abort_multipart_upload`](Self::abort_multipart_upload),
///     [`list_parts`](Self::list_parts),
///     [`list_multipart_uploads`](Self::list_multipart_uploads);
///   - symlinks (SYM, oss): [`put_symlink`](Self::put_symlink),
///     [`get_symlink`](Self::get_symlink); metadata reads (GET-8):
///     [`get_object_meta`](Self::get_object_meta);
///   - tags (TAG-2): [`put_object_tagging`](Self::put_object_tagging),
///     [`get_object_tagging`](Self::get_object_tagging),
///     [`delete_object_tagging`](Self::delete_object_tagging);
///   - time: [`advance_clock`](Self::advance_clock);
///   - lifecycle: [`put_bucket_lifecycle`](Self::put_bucket_lifecycle),
///     [`get_bucket_lifecycle`](Self::get_bucket_lifecycle),
///     [`delete_bucket_lifecycle`](Self::delete_bucket_lifecycle),
///     [`run_lifecycle`](Self::run_lifecycle);
///   - Object Lock (s3, OL-1..OL-6):
///     [`put_object_lock_configuration`](Self::put_object_lock_configuration),
///     [`put_object_retention`](Self::put_object_retention),
///     [`put_object_legal_hold`](Self::put_object_legal_hold),
///     [`object_lock_of`](Self::object_lock_of); retention policies (oss WORM, OL-7):
///     [`initiate_bucket_worm`](Self::initiate_bucket_worm),
///     [`complete_bucket_worm`](Self::complete_bucket_worm),
///     [`extend_bucket_worm`](Self::extend_bucket_worm),
///     [`abort_bucket_worm`](Self::abort_bucket_worm),
///     [`get_bucket_worm`](Self::get_bucket_worm).
///
///   A rejected command returns a [`Violation`] and leaves the bucket exactly as it was (ERR-2).
/// - **Queries** look without requesting: [`versioning`](Self::versioning),
///   [`chain`](Self::chain), [`chains`](Self::chains), [`len`](Self::len),
///   [`key_count`](Self::key_count), [`upload_count`](Self::upload_count), [`now`](Self::now),
///   [`config`](Self::config).
/// - **Checks**: [`check_invariants`](Self::check_invariants) tests INV-1..INV-8 by name.
///
/// Every command costs O(log n) in the number of entries, whatever the chain length, plus
/// hashing its body's bytes once (MD5 and CRC-64; a body given by repetition or fingerprint is
/// never built); a listing page costs O(log n) plus its size, whatever the bucket holds.
///
/// With the `serde` feature a bucket serializes as a snapshot and deserializes from one,
/// refusing a snapshot that breaks an invariant (see the `snapshot` module's format notes on
/// [`Bucket`]'s `Deserialize`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket<S = SeededIds> {
    pub(crate) config: BucketConfig,
    pub(crate) versioning: VersioningState,
    pub(crate) now: u64,
    /// The chains, and the ID registry with the ID source.
    pub(crate) store: Store<S>,
    /// The multipart uploads in progress (MPU).
    pub(crate) uploads: Uploads,
    /// The lifecycle configuration, validated and named (LC-9, LC-14), if any.
    pub(crate) lifecycle: Option<Vec<LifecycleRule>>,
    /// s3 Object Lock, on for good once set (OL-1).
    pub(crate) object_lock: Option<ObjectLockConfiguration>,
    /// The oss retention policy, in progress or locked (OL-7).
    pub(crate) worm: Option<Worm>,
}

impl Bucket<SeededIds> {
    /// An empty, Unversioned bucket whose IDs come from [`SeededIds`] with the configured seed.
    pub fn new(config: BucketConfig) -> Self {
        Bucket::with_id_source(config, SeededIds::new(config.seed()))
    }
}

impl Default for Bucket<SeededIds> {
    fn default() -> Self {
        Bucket::new(BucketConfig::default())
    }
}

impl<S: IdSource> Bucket<S> {
    /// An empty, Unversioned bucket drawing its IDs from `ids` (the configured seed is unused).
    pub fn with_id_source(config: BucketConfig, ids: S) -> Self {
        Bucket {
            config,
            versioning: VersioningState::Unversioned,
            now: 0,
            store: Store::new(ids),
            uploads: Uploads::default(),
            lifecycle: None,
            object_lock: None,
            worm: None,
        }
    }

    /// Runs one command: the bucket's one transition.
    ///
    /// On success the outcome reports what the service's response would; on rejection the
    /// bucket is unchanged (ERR-2).
    pub fn apply(&mut self, command: Command) -> Result<Outcome, Violation> {
        match command {
            Command::PutBucketVersioning(r) => self
                .put_bucket_versioning(r.status)
                .map(Outcome::Versioning),
            Command::GetBucketVersioning(_) => {
                Ok(Outcome::Versioning(self.get_bucket_versioning()))
            }
            Command::PutObject(r) => {
                let given = GivenAttributes {
                    tags: r.tags.as_ref(),
                    content_type: r.content_type.as_ref(),
                    metadata: r.metadata.as_ref(),
                    storage_class: r.storage_class.as_ref(),
                };
                let conditions = WriteConditions {
                    if_match: r.if_match.as_deref(),
                    if_none_match: r.if_none_match.as_deref(),
                    forbid_overwrite: r.forbid_overwrite,
                };
                let lock = LockRequest {
                    retention: r.retention,
                    legal_hold: r.legal_hold,
                };
                self.put(
                    r.key.as_str(),
                    &r.body,
                    r.assign_version_id,
                    given,
                    conditions,
                    lock,
                )
                .map(Outcome::PutObject)
            }
            Command::AppendObject(r) => {
                let given = GivenAttributes {
                    tags: r.tags.as_ref(),
                    content_type: r.content_type.as_ref(),
                    metadata: r.metadata.as_ref(),
                    storage_class: r.storage_class.as_ref(),
                };
                self.append(r.key.as_str(), r.position, &r.body, r.version_id, given)
                    .map(Outcome::AppendObject)
            }
            Command::SealAppendObject(r) => self
                .seal(r.key.as_str(), r.position)
                .map(Outcome::SealAppendObject),
            Command::DeleteObject(r) => self.delete_object(r).map(Outcome::DeleteObject),
            Command::DeleteObjects(r) => self.delete_objects(r).map(Outcome::DeleteObjects),
            Command::GetObject(r) => self.get_object(r).map(Outcome::GetObject),
            Command::HeadObject(r) => self.head_object(r).map(Outcome::HeadObject),
            Command::InitiateMultipartUpload(r) => self
                .initiate_multipart_upload(r)
                .map(Outcome::InitiateMultipartUpload),
            Command::UploadPart(r) => self
                .put_part(r.key.as_str(), &r.upload_id, r.part_number, &r.body)
                .map(Outcome::UploadPart),
            Command::UploadPartCopy(r) => self.upload_part_copy(r).map(Outcome::UploadPartCopy),
            Command::CompleteMultipartUpload(r) => {
                let conditions = WriteConditions {
                    if_match: r.if_match.as_deref(),
                    if_none_match: r.if_none_match.as_deref(),
                    forbid_overwrite: r.forbid_overwrite,
                };
                let lock = LockRequest {
                    retention: r.retention,
                    legal_hold: r.legal_hold,
                };
                self.complete(r.key.as_str(), &r.upload_id, &r.parts, conditions, lock)
                    .map(Outcome::CompleteMultipartUpload)
            }
            Command::AbortMultipartUpload(r) => self
                .abort(r.key.as_str(), &r.upload_id)
                .map(Outcome::AbortMultipartUpload),
            Command::ListParts(r) => self.list_parts(r).map(Outcome::ListParts),
            Command::ListMultipartUploads(r) => self
                .list_multipart_uploads(r)
                .map(Outcome::ListMultipartUploads),
            Command::CopyObject(r) => self.copy_object(r).map(Outcome::CopyObject),
            Command::ListObjectVersions(r) => self
                .list_object_versions(r)
                .map(Outcome::ListObjectVersions),
            Command::ListObjects(r) => self.list_objects(r).map(Outcome::ListObjects),
            Command::AdvanceClock(r) => self.advance_clock(r.seconds).map(Outcome::AdvanceClock),
            Command::PutObjectTagging(r) => {
                self.put_object_tagging(r).map(Outcome::PutObjectTagging)
            }
            Command::GetObjectTagging(r) => {
                self.get_object_tagging(r).map(Outcome::GetObjectTagging)
            }
            Command::DeleteObjectTagging(r) => self
                .delete_object_tagging(r)
                .map(Outcome::DeleteObjectTagging),
            Command::PutBucketLifecycle(r) => self
                .put_bucket_lifecycle(r.rules)
                .map(Outcome::BucketLifecycleChanged),
            Command::GetBucketLifecycle(_) => {
                self.get_bucket_lifecycle().map(Outcome::GetBucketLifecycle)
            }
            Command::DeleteBucketLifecycle(_) => Ok(Outcome::BucketLifecycleChanged(
                self.delete_bucket_lifecycle(),
            )),
            Command::RunLifecycle(_) => Ok(Outcome::RunLifecycle(self.run_lifecycle())),
            Command::PutSymlink(r) => self.put_symlink(r).map(Outcome::PutSymlink),
            Command::GetSymlink(r) => self.get_symlink(r).map(Outcome::GetSymlink),
            Command::GetObjectMeta(r) => self.get_object_meta(r).map(Outcome::GetObjectMeta),
            Command::PutObjectLockConfiguration(r) => self
                .put_object_lock_configuration(r.default_retention)
                .map(Outcome::BucketProtectionChanged),
            Command::PutObjectRetention(r) => self.put_object_retention(r).map(Outcome::ObjectLock),
            Command::PutObjectLegalHold(r) => {
                self.put_object_legal_hold(r).map(Outcome::ObjectLock)
            }
            Command::InitiateBucketWorm(r) => self
                .initiate_bucket_worm(r.days)
                .map(Outcome::BucketProtectionChanged),
            Command::CompleteBucketWorm(_) => self
                .complete_bucket_worm()
                .map(Outcome::BucketProtectionChanged),
            Command::ExtendBucketWorm(r) => self
                .extend_bucket_worm(r.days)
                .map(Outcome::BucketProtectionChanged),
            Command::AbortBucketWorm(_) => self
                .abort_bucket_worm()
                .map(Outcome::BucketProtectionChanged),
        }
    }
}

impl<S: IdSource> Bucket<S> {
    /// The chain of `key`, or `None` if the key has no entries.
    pub fn chain(&self, key: impl AsRef<str>) -> Option<ChainView<'_>> {
        let (key, chain) = self.store.chains.get_key_value(key.as_ref())?;
        Some(ChainView {
            key,
            chain,
            store: &self.store,
            dialect: self.dialect(),
        })
    }

    /// Every chain, keys ascending (KEY-3).
    pub fn chains(&self) -> impl DoubleEndedIterator<Item = ChainView<'_>> + '_ {
        let (store, dialect): (&Store<dyn IdSource + '_>, _) = (&self.store, self.dialect());
        self.store.chains.iter().map(move |(key, chain)| ChainView {
            key,
            chain,
            store,
            dialect,
        })
    }
}

impl<S> Bucket<S> {
    /// The configuration.
    pub fn config(&self) -> &BucketConfig {
        &self.config
    }

    /// The dialect.
    pub fn dialect(&self) -> Dialect {
        self.config.dialect()
    }

    /// The versioning state in force.
    pub fn versioning(&self) -> VersioningState {
        self.versioning
    }

    /// The logical time, in seconds (LC-0).
    pub fn now(&self) -> u64 {
        self.now
    }

    /// The ID source, at its current position.
    pub fn id_source(&self) -> &S {
        &self.store.ids.source
    }

    /// The number of entries (object versions and delete markers) in the bucket.
    pub fn len(&self) -> usize {
        self.store.entry_count
    }

    /// Whether the bucket holds no entries.
    pub fn is_empty(&self) -> bool {
        self.store.entry_count == 0
    }

    /// The number of keys that have at least one entry.
    pub fn key_count(&self) -> usize {
        self.store.chains.len()
    }

    /// Whether `key` has at least one entry.
    pub fn contains_key(&self, key: &ObjectKey) -> bool {
        self.store.chains.contains_key(key)
    }
}
