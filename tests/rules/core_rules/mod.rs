//! One test (at least) per rule of the core families: VS, ID, CT-1/CT-3, KEY, PUT, DEL, GET,
//! RSP, ERR. Each cites its rule and asserts the rule's observable effect.

use crate::support::*;
use bucket_versioning::request::{
    AdvanceClock, DeleteObject, GetBucketVersioning, GetObject, HeadObject, PutBucketVersioning,
    PutObject,
};
use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Content, Dialect, ObjectKey, ObjectType, VersionId,
    VersioningState, Violation, dialect::MAX_OBJECT_SIZE, violation::ArgumentError,
};

mod content;
mod delete_object;
mod errors;
mod get_object;
mod id_sources;
mod keys;
mod logical_time;
mod put_object;
mod responses;
mod version_ids;
mod versioning_state;
