//! The commands, one file per operation family; each adds its typed methods to
//! [`Bucket`](crate::Bucket).

mod append;
mod clock;
mod delete;
mod get;
mod multipart;
mod put;
mod versioning;
