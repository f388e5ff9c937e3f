//! The commands, one file per operation family; each adds its typed methods to
//! [`Bucket`](crate::Bucket).

mod batch_delete;
mod clock;
mod copy;
mod delete;
mod get;
mod list;
mod put;
mod versioning;
