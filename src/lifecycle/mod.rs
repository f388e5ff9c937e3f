//! Lifecycle on versioned buckets (LC): the configuration a bucket stores, its validation per
//! dialect, and the run that applies it at the clock's current time.
//!
//! - [`config`]: the rules, filters and actions as a request carries them (LC-9, LC-10).
//! - `validate`: LC-9, the whole configuration accepted or refused.
//! - `run`: one [`Bucket::run_lifecycle`](crate::Bucket::run_lifecycle) pass in LC-11's order,
//!   through the same mechanics as deletes and aborts, reporting LC-13's lists.
//! - `due`: when a `Days` action is due (LC-6) and which rules match an entry (LC-10).
//!
//! The store keeps a due index while a configuration exists, so a run costs O(due × log n)
//! rather than a scan of the bucket.

pub mod config;
pub(crate) mod due;
pub(crate) mod run;
pub(crate) mod validate;

pub use config::{
    AbortIncompleteMultipartUpload, Expiration, LifecycleFilter, LifecycleRule, LifecycleTag,
    NoncurrentVersionExpiration, NotFilter,
};
