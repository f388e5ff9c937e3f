//! The OSS and S3 REST protocols around the `bucket-versioning` model, as pure functions over
//! `http` types: no I/O, no clock, no global state — time and request counters are passed in.

pub mod addressing;
pub mod auth;
pub mod aws_chunked;
pub mod checksum;
pub mod dispatch;
pub mod headers;
pub mod percent;
pub mod query;
pub mod request_id;
pub mod time;
