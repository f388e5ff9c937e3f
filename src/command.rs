//! Commands: the requests a bucket takes, one variant per OSS/S3 operation.

use alloc::string::String;

use crate::body::Body;
use crate::key::ObjectKey;
use crate::version_id::VersionId;

/// A request to the bucket, named after the OSS/S3 operation it models.
///
/// With the `serde` feature this is the trace format's command line: internally tagged by
/// `op`, fields in snake_case, optional fields absent or `null`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum Command {
    /// PutBucketVersioning: set the state to `Enabled` or `Suspended` (VS-2).
    PutBucketVersioning {
        /// The status asked for; any other string is a violation.
        status: String,
    },
    /// GetBucketVersioning: read the state.
    GetBucketVersioning,
    /// PutObject: a simple upload (PUT).
    PutObject {
        /// The key.
        key: ObjectKey,
        /// The body.
        body: Body,
        /// The ID the new entry gets instead of a generated one (ID-5; Enabled only).
        #[cfg_attr(feature = "serde", serde(default))]
        assign_version_id: Option<VersionId>,
    },
    /// AppendObject: add to the key's appendable object, or create it at position 0 (APP).
    AppendObject {
        /// The key.
        key: ObjectKey,
        /// The position the data goes at: the object's current length (APP-5).
        position: u64,
        /// The data to add.
        body: Body,
        /// A version ID, which an append may not name: always rejected (APP-2).
        #[cfg_attr(feature = "serde", serde(default))]
        version_id: Option<VersionId>,
    },
    /// SealAppendObject: stop appends to the key's appendable object for good (APP-10).
    SealAppendObject {
        /// The key.
        key: ObjectKey,
        /// The object's current length (APP-5).
        position: u64,
    },
    /// DeleteObject, with or without a version ID (DEL).
    DeleteObject {
        /// The key.
        key: ObjectKey,
        /// The version to remove for good; without it, a simple delete.
        #[cfg_attr(feature = "serde", serde(default))]
        version_id: Option<VersionId>,
        /// The ID a new delete marker gets instead of a generated one (ID-5; Enabled only).
        #[cfg_attr(feature = "serde", serde(default))]
        assign_version_id: Option<VersionId>,
    },
    /// GetObject (GET).
    GetObject {
        /// The key.
        key: ObjectKey,
        /// The version to read; without it, the head.
        #[cfg_attr(feature = "serde", serde(default))]
        version_id: Option<VersionId>,
    },
    /// HeadObject: as GetObject, without a body (GET).
    HeadObject {
        /// The key.
        key: ObjectKey,
        /// The version to read; without it, the head.
        #[cfg_attr(feature = "serde", serde(default))]
        version_id: Option<VersionId>,
    },
    /// Advance the logical clock (LC-0).
    AdvanceClock {
        /// Seconds to add.
        seconds: u64,
    },
}

impl Command {
    /// The operation's name in the trace format (`put_object`, …).
    pub fn op(&self) -> &'static str {
        match self {
            Command::PutBucketVersioning { .. } => "put_bucket_versioning",
            Command::GetBucketVersioning => "get_bucket_versioning",
            Command::PutObject { .. } => "put_object",
            Command::AppendObject { .. } => "append_object",
            Command::SealAppendObject { .. } => "seal_append_object",
            Command::DeleteObject { .. } => "delete_object",
            Command::GetObject { .. } => "get_object",
            Command::HeadObject { .. } => "head_object",
            Command::AdvanceClock { .. } => "advance_clock",
        }
    }
}
