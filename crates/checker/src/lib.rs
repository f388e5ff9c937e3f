//! The conformance checker (issue 18): drives any OSS or S3 endpoint and the
//! `bucket-versioning` model with the same random scenarios, compares every answer field by
//! field and the chains read back after every step, and shrinks every divergence to a minimal,
//! replayable trace.
//!
//! The loop, per case ([`case::run`]):
//!
//! 1. a fresh bucket on the endpoint, named with the run's prefix, and a fresh model bucket;
//! 2. a scenario from the model's generator ([`scenario`]), each template resolved against the
//!    model when its turn comes, sent through the codec's client direction to the endpoint
//!    ([`endpoint::Endpoint`]) and applied to the model;
//! 3. both answers projected and compared field by field ([`project`]), with the endpoint's
//!    version and upload IDs mapped to the model's ([`ids`], ID-5);
//! 4. after every step, the chain read back with ListObjectVersions and compared the same way;
//! 5. the bucket emptied and deleted.
//!
//! [`check::check`] runs many cases and shrinks the first case of each new divergence group
//! (operation, field, rule) with proptest's shrinking; [`report`] writes the minimal trace.
//! The command line is [`cli`].
//!
//! ```no_run
//! use bucket_versioning::Dialect;
//! use bucket_versioning_checker::check::{Options, check};
//! use bucket_versioning_checker::endpoint::HttpEndpoint;
//!
//! let endpoint = HttpEndpoint::new("http://127.0.0.1:9000")?;
//! let options = Options { cases: 500, ..Options::new(Dialect::S3) };
//! let report = check(&endpoint, &options, &|_| {})?;
//! assert_eq!(report.new_groups().count(), 0, "{report:?}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod case;
pub mod check;
pub mod cli;
pub mod endpoint;
pub mod ids;
pub mod project;
pub mod report;
pub mod rules;
pub mod scenario;
pub mod sign;
