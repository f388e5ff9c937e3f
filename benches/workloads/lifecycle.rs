//! The lifecycle workload: a run over a bucket of 1,000,000 entries (100,000 keys × 10
//! versions, Enabled) where 1% of the entries are due, the same run where nothing is due, and
//! the same removals found by a naive full scan.

use std::hint::black_box;

use bucket_versioning::Bucket;
use bucket_versioning::lifecycle::LifecycleRule;
use bucket_versioning::request::DeleteObject;

use super::{enabled, fingerprint, keys};

const DAY: u64 = 86_400;

/// The lifecycle bucket's shape: 100,000 keys × 10 versions.
pub const LIFECYCLE_KEYS: u64 = 100_000;
pub const LIFECYCLE_VERSIONS: u64 = 10;

/// A bucket of `keys` × `versions` entries: the first `due_keys` keys get all their versions
/// at time 0, the others at day 10, and the clock stands at day 10; so with
/// NoncurrentVersionExpiration after `days` ≤ 9, the noncurrent versions of the first keys
/// (`due_keys` × (`versions` − 1) entries) are due, and nothing else.
pub fn lifecycle_bucket(keys_count: u64, versions: u64, due_keys: u64) -> Bucket {
    let names = keys(keys_count);
    let mut bucket = enabled();
    for (n, key) in names.iter().enumerate().take(due_keys as usize) {
        for version in 0..versions {
            bucket
                .put_object(key.as_str(), fingerprint(n as u64 * versions + version))
                .expect("put");
        }
    }
    bucket.advance_clock(10 * DAY).expect("advance");
    for (n, key) in names.iter().enumerate().skip(due_keys as usize) {
        for version in 0..versions {
            bucket
                .put_object(key.as_str(), fingerprint(n as u64 * versions + version))
                .expect("put");
        }
    }
    bucket
}

/// Configures NoncurrentVersionExpiration after `days` days.
pub fn expire_noncurrent_after(bucket: &mut Bucket, days: u64) {
    bucket
        .put_bucket_lifecycle(vec![LifecycleRule::new().noncurrent_days(days)])
        .expect("a valid configuration");
}

/// One model run: the number of entries removed.
pub fn lifecycle_run(bucket: &mut Bucket) -> usize {
    black_box(bucket.run_lifecycle().removed.len())
}

/// The same removals found by scanning every key and every entry, as a lifecycle without an
/// index must (LC-2 with `days`: each noncurrent entry ages from its successor's creation),
/// then deleted by ID: the number of entries removed.
pub fn naive_scan_run(bucket: &mut Bucket, days: u64) -> usize {
    let now = bucket.now();
    let mut due = Vec::new();
    for chain in bucket.chains() {
        let mut newer_created = None;
        for entry in chain.iter() {
            if let Some(successor) = newer_created {
                let midnight = u64::div_ceil(successor, DAY) * DAY;
                if midnight + days * DAY <= now {
                    due.push((chain.key().clone(), entry.version_id().clone()));
                }
            }
            newer_created = Some(entry.created());
        }
    }
    for (key, id) in &due {
        bucket
            .delete_object(DeleteObject::new(key.clone()).version_id(id.clone()))
            .expect("delete by ID");
    }
    black_box(due.len())
}
