//! Storage: the packed entries, the store of chains with its indexes and its ID registry (which owns the ID source), the
//! uploads in progress, and the paging every listing shares. Below the machine; knows no
//! command.

pub(crate) mod attributes;
pub(crate) mod entry;
pub(crate) mod paging;
pub(crate) mod registry;
pub(crate) mod store;
pub(crate) mod uploads;
