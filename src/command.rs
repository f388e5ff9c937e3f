//! Commands: the requests a bucket takes, one variant per OSS/S3 operation.

use alloc::string::String;
use alloc::vec::Vec;

use crate::body::Body;
use crate::content::ETag;
use crate::key::ObjectKey;
use crate::upload_id::UploadId;
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
    /// InitiateMultipartUpload: start an upload of `key` (MPU-1).
    InitiateMultipartUpload {
        /// The key the object will have.
        key: ObjectKey,
    },
    /// UploadPart: upload one part of an upload in progress (MPU-2).
    UploadPart {
        /// The upload's key.
        key: ObjectKey,
        /// The upload.
        upload_id: UploadId,
        /// The part number, 1..=10000; uploading a number again replaces that part.
        part_number: u32,
        /// The part's body.
        body: Body,
    },
    /// CompleteMultipartUpload: join the listed parts into the key's new object (MPU-4..MPU-7).
    CompleteMultipartUpload {
        /// The upload's key.
        key: ObjectKey,
        /// The upload.
        upload_id: UploadId,
        /// The parts the object is made of, ascending by part number.
        parts: Vec<CompletedPart>,
    },
    /// AbortMultipartUpload: end an upload and drop its parts (MPU-8).
    AbortMultipartUpload {
        /// The upload's key.
        key: ObjectKey,
        /// The upload.
        upload_id: UploadId,
    },
    /// ListParts: the parts of an upload in progress (MPU-9).
    ListParts {
        /// The upload's key.
        key: ObjectKey,
        /// The upload.
        upload_id: UploadId,
        /// The page size, 1..=1000 (default 1000).
        #[cfg_attr(feature = "serde", serde(default))]
        max_parts: Option<u64>,
        /// List the parts after this part number.
        #[cfg_attr(feature = "serde", serde(default))]
        part_number_marker: Option<u32>,
    },
    /// ListMultipartUploads: the uploads in progress (MPU-10).
    ListMultipartUploads {
        /// Only keys that start with this.
        #[cfg_attr(feature = "serde", serde(default))]
        prefix: Option<String>,
        /// Roll keys up to their first delimiter after the prefix into common prefixes.
        #[cfg_attr(feature = "serde", serde(default))]
        delimiter: Option<String>,
        /// List after this key (with `upload_id_marker`, after that upload of this key).
        #[cfg_attr(feature = "serde", serde(default))]
        key_marker: Option<ObjectKey>,
        /// With `key_marker`, list that key's uploads after this one; ignored without it.
        #[cfg_attr(feature = "serde", serde(default))]
        upload_id_marker: Option<UploadId>,
        /// The page size, 1..=1000 (default 1000).
        #[cfg_attr(feature = "serde", serde(default))]
        max_uploads: Option<u64>,
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
            Command::AppendObject { .. } => "append_object",
            Command::SealAppendObject { .. } => "seal_append_object",
            Command::DeleteObject { .. } => "delete_object",
            Command::DeleteObjects { .. } => "delete_objects",
            Command::GetObject { .. } => "get_object",
            Command::HeadObject { .. } => "head_object",
            Command::InitiateMultipartUpload { .. } => "initiate_multipart_upload",
            Command::UploadPart { .. } => "upload_part",
            Command::CompleteMultipartUpload { .. } => "complete_multipart_upload",
            Command::AbortMultipartUpload { .. } => "abort_multipart_upload",
            Command::ListParts { .. } => "list_parts",
            Command::ListMultipartUploads { .. } => "list_multipart_uploads",
            Command::CopyObject { .. } => "copy_object",
            Command::ListObjectVersions { .. } => "list_object_versions",
            Command::ListObjects { .. } => "list_objects",
            Command::AdvanceClock { .. } => "advance_clock",
        }
    }
}

/// One part a CompleteMultipartUpload request lists: its number and the ETag its UploadPart
/// returned (MPU-5).
///
/// The trace format spells it `{"part_number": N, "etag": "…"}`. The ETag may be given in
/// either case and with or without surrounding double quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CompletedPart {
    /// The part number.
    pub part_number: u32,
    /// The part's ETag.
    pub etag: ETag,
}

impl CompletedPart {
    /// A listed part.
    pub fn new(part_number: u32, etag: ETag) -> Self {
        CompletedPart { part_number, etag }
    }
}

/// The arguments of ListMultipartUploads (MPU-10); every one is optional.
///
/// ```
/// use bucket_versioning::ListMultipartUploadsRequest;
///
/// let request = ListMultipartUploadsRequest {
///     prefix: Some("logs/".into()),
///     delimiter: Some("/".into()),
///     ..ListMultipartUploadsRequest::default()
/// };
/// assert_eq!(request.max_uploads, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListMultipartUploadsRequest {
    /// Only keys that start with this.
    pub prefix: Option<String>,
    /// Roll keys up to their first delimiter after the prefix into common prefixes (LST-6).
    pub delimiter: Option<String>,
    /// List after this key (with `upload_id_marker`, after that upload of this key).
    pub key_marker: Option<ObjectKey>,
    /// With `key_marker`, list that key's uploads after this one; ignored without it.
    pub upload_id_marker: Option<UploadId>,
    /// The page size, 1..=1000 (default 1000).
    pub max_uploads: Option<u64>,
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
