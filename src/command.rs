//! Commands: the requests a bucket takes, one variant per OSS/S3 operation.

use alloc::string::String;
use alloc::vec::Vec;

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
    /// DeleteObjects: the batch delete (BAT).
    DeleteObjects {
        /// The entries to delete, 1 to 1000, in order (BAT-1, BAT-2).
        objects: Vec<ObjectIdentifier>,
        /// Quiet mode: report only the errors (BAT-4). Absent means false.
        #[cfg_attr(feature = "serde", serde(default))]
        quiet: Option<bool>,
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
    /// CopyObject: copy a version onto a key (CPY).
    CopyObject {
        /// The key copied from.
        source_key: ObjectKey,
        /// The version copied; without it, the source key's head (CPY-1).
        #[cfg_attr(feature = "serde", serde(default))]
        source_version_id: Option<VersionId>,
        /// The key copied onto.
        key: ObjectKey,
    },
    /// ListObjectVersions: every version and delete marker, a page at a time (LST).
    ListObjectVersions {
        /// Only keys starting with it.
        #[cfg_attr(feature = "serde", serde(default))]
        prefix: Option<String>,
        /// Rolls keys into common prefixes (LST-6).
        #[cfg_attr(feature = "serde", serde(default))]
        delimiter: Option<String>,
        /// Start after this key, or within it with `version_id_marker` (LST-3).
        #[cfg_attr(feature = "serde", serde(default))]
        key_marker: Option<String>,
        /// Resume after this version of `key_marker` (LST-3, LST-4).
        #[cfg_attr(feature = "serde", serde(default))]
        version_id_marker: Option<VersionId>,
        /// The page size (LST-2).
        #[cfg_attr(feature = "serde", serde(default))]
        max_keys: Option<u64>,
    },
    /// ListObjects: the current view, a page at a time (LST-7).
    ListObjects {
        /// Only keys starting with it.
        #[cfg_attr(feature = "serde", serde(default))]
        prefix: Option<String>,
        /// Rolls keys into common prefixes (LST-6).
        #[cfg_attr(feature = "serde", serde(default))]
        delimiter: Option<String>,
        /// Start after this key or common prefix (LST-3, LST-6).
        #[cfg_attr(feature = "serde", serde(default))]
        marker: Option<String>,
        /// The page size (LST-2).
        #[cfg_attr(feature = "serde", serde(default))]
        max_keys: Option<u64>,
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
            Command::DeleteObject { .. } => "delete_object",
            Command::DeleteObjects { .. } => "delete_objects",
            Command::GetObject { .. } => "get_object",
            Command::HeadObject { .. } => "head_object",
            Command::CopyObject { .. } => "copy_object",
            Command::ListObjectVersions { .. } => "list_object_versions",
            Command::ListObjects { .. } => "list_objects",
            Command::AdvanceClock { .. } => "advance_clock",
        }
    }
}

/// One entry of a batch delete: a key, and the version to remove if any (S3's
/// `ObjectIdentifier`, the trace format's `{key, version_id?}`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ObjectIdentifier {
    /// The key.
    pub key: ObjectKey,
    /// The version to remove for good; without it, a simple delete.
    #[cfg_attr(feature = "serde", serde(default))]
    pub version_id: Option<VersionId>,
}

impl ObjectIdentifier {
    /// An entry for `key`, naming `version_id` if given.
    pub fn new(key: impl Into<ObjectKey>, version_id: Option<VersionId>) -> Self {
        ObjectIdentifier {
            key: key.into(),
            version_id,
        }
    }
}
