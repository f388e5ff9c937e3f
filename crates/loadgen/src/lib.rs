//! A load generator for S3 and OSS endpoints: one seeded, mixed workload of versioned traffic
//! (puts, reads of the current and of older versions, deletes that add delete markers, deletes
//! of versions, version listings) run by concurrent clients against several endpoints in turn,
//! reporting requests per second and latency percentiles per endpoint and the throughput ratio
//! between them.
//!
//! It is how `docs/performance.md` compares the `bucket-versioning` server with moto's S3
//! server: the same client, the same workload, one run. Requests are unsigned (the
//! `bucket-versioning` server with `--auth none` and moto both accept them), path-style, over
//! HTTP/1.1 with a connection pool.
//!
//! | part | module |
//! |---|---|
//! | the operations, their weights and each client's deterministic script | [`workload`] |
//! | a step as an HTTP request per dialect, and which answers are expected | [`request`] |
//! | concurrent clients against one endpoint for a duration | [`run`] |
//! | latency percentiles | [`stats`] |
//! | the report (text or Markdown) | [`report`] |

pub mod report;
pub mod request;
pub mod run;
pub mod stats;
pub mod workload;

/// The wire dialect an endpoint speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Dialect {
    /// Alibaba Cloud OSS (`x-oss-*` headers).
    Oss,
    /// Amazon S3 (`x-amz-*` headers).
    S3,
}
