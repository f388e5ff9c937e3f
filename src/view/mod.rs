//! Read-only views over storage: a key's chain and one entry of it, as users and listings
//! see them.

pub(crate) mod chain;
pub(crate) mod entry;

pub use chain::ChainView;
pub use entry::EntryView;
