//! The rule tests, one module per rule family, in one test binary: one build and one link
//! instead of one per file. Each test cites the rule it checks (`// Rule: ID`).
//!
//! The naive reference model (`tests/reference/`) and the shared support (`tests/support/`)
//! are the same modules the other test binaries use.

#[path = "../reference/mod.rs"]
mod reference;
#[path = "../support/mod.rs"]
mod support;

mod append;
mod append_properties;
mod batch_delete;
mod conditions;
mod copy;
mod core_properties;
mod core_rules;
mod generator_coverage;
mod lifecycle;
mod lifecycle_filters;
mod lifecycle_properties;
mod listing;
mod listing_properties;
mod listing_trace;
mod metadata;
mod multipart;
mod multipart_properties;
mod multipart_trace;
mod object_lock;
mod object_lock_requests;
mod object_meta;
mod oracle;
mod part_copy;
mod part_size;
mod quickcheck_reference;
mod service;
mod service_coverage;
mod snapshot;
mod symlinks;
mod tags;
mod trace_replay;
