//! PutBucketLifecycle, GetBucketLifecycle, DeleteBucketLifecycle and the lifecycle run (LC).

use alloc::vec::Vec;

use crate::bucket::Bucket;
use crate::dialect::Dialect;
use crate::lifecycle::config::LifecycleRule;
use crate::lifecycle::validate::validate;
use crate::outcome::{BucketLifecycleChanged, GetBucketLifecycleOutcome, RunLifecycleOutcome};
use crate::storage::store::DueIndex;
use crate::version_id::IdSource;
use crate::violation::Violation;

impl<S: IdSource> Bucket<S> {
    /// PutBucketLifecycle: replaces the whole lifecycle configuration with `rules` (LC-14),
    /// once LC-9 accepts them as a whole; unnamed rules are named `rule-1`, `rule-2`, ….
    ///
    /// A refused configuration leaves the stored one as it was (ERR-2): structure faults are
    /// `MalformedXML` 400, values out of range `InvalidArgument` 400.
    ///
    /// ```
    /// use bucket_versioning::Bucket;
    /// use bucket_versioning::lifecycle::LifecycleRule;
    ///
    /// let mut bucket = Bucket::default();
    /// bucket.put_bucket_lifecycle(vec![LifecycleRule::new().noncurrent_days(30)])?;
    /// assert_eq!(bucket.get_bucket_lifecycle()?.rules[0].id.as_deref(), Some("rule-1"));
    /// let refused = bucket.put_bucket_lifecycle(vec![LifecycleRule::new()]).unwrap_err();
    /// assert_eq!((refused.code(), refused.http_status()), ("MalformedXML", 400));
    /// # Ok::<(), bucket_versioning::Violation>(())
    /// ```
    pub fn put_bucket_lifecycle(
        &mut self,
        rules: Vec<LifecycleRule>,
    ) -> Result<BucketLifecycleChanged, Violation> {
        let rules = validate(self.dialect(), rules)?;
        if self.store.due.is_none() {
            self.store.due = Some(DueIndex::build(&self.store.chains));
        }
        self.lifecycle = Some(rules);
        Ok(BucketLifecycleChanged {})
    }

    /// GetBucketLifecycle: the stored rules, each with its ID (LC-14); when there are none,
    /// oss `NoSuchLifecycle` 404, s3 `NoSuchLifecycleConfiguration` 404.
    pub fn get_bucket_lifecycle(&self) -> Result<GetBucketLifecycleOutcome, Violation> {
        match &self.lifecycle {
            Some(rules) => Ok(GetBucketLifecycleOutcome {
                rules: rules.clone(),
            }),
            None => Err(match self.dialect() {
                Dialect::Oss => Violation::NoSuchLifecycle,
                Dialect::S3 => Violation::NoSuchLifecycleConfiguration,
            }),
        }
    }

    /// DeleteBucketLifecycle: removes the configuration; a success whether or not there was
    /// one (LC-14).
    pub fn delete_bucket_lifecycle(&mut self) -> BucketLifecycleChanged {
        self.lifecycle = None;
        self.store.due = None;
        BucketLifecycleChanged {}
    }

    /// Runs the lifecycle once, over the whole bucket, at the clock's current time (LC-5), and
    /// reports what it did (LC-13).
    ///
    /// - LC-11: noncurrent expiration (LC-2, LC-8), then current expiration (LC-1), then
    ///   expired delete markers (LC-3), then uploads (LC-4), each step seeing the one before;
    ///   each action runs at most once per entry however many rules match.
    /// - LC-6: a `Days` N action is due when `now >= ceil_to_midnight(ref) + N × 86400`.
    /// - LC-12: a version locked (OL-3) or protected by the retention policy (OL-7) at the
    ///   run's time is never removed, and is reconsidered at every later run; an Enabled
    ///   bucket's current expiration still adds its delete marker.
    /// - LC-13: removed entries, added delete markers and aborted uploads, in key order then
    ///   chain order (newest first); a run with nothing due changes nothing.
    ///
    /// A bucket without a configuration changes nothing. A run costs O(due × log n): the store
    /// keeps a due index while a configuration exists.
    ///
    /// ```
    /// use bucket_versioning::Bucket;
    /// use bucket_versioning::lifecycle::LifecycleRule;
    ///
    /// let mut bucket = Bucket::default();
    /// bucket.put_bucket_versioning("Enabled")?;
    /// bucket.put_object("a.txt", "v1")?;
    /// bucket.put_object("a.txt", "v2")?;
    /// bucket.put_bucket_lifecycle(vec![LifecycleRule::new().noncurrent_days(1)])?;
    /// assert!(bucket.run_lifecycle().is_empty());
    /// bucket.advance_clock(86_400)?; // the v1 entry became noncurrent at 0, a midnight
    /// assert_eq!(bucket.run_lifecycle().removed.len(), 1);
    /// assert_eq!(bucket.chain("a.txt").map(|chain| chain.len()), Some(1));
    /// # Ok::<(), bucket_versioning::Violation>(())
    /// ```
    pub fn run_lifecycle(&mut self) -> RunLifecycleOutcome {
        self.run()
    }
}
