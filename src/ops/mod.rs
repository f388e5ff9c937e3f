//! The commands, one file per operation family; each adds its typed methods to
//! [`Bucket`](crate::Bucket).

mod append;
mod batch_delete;
mod clock;
mod conditions;
pub(crate) mod copy;
mod delete;
mod get;
mod lifecycle;
mod list;
pub(crate) mod lock;
mod meta;
mod multipart;
pub(crate) mod part_copy;
mod put;
mod symlink;
mod tagging;
mod versioning;
