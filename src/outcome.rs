//! Outcomes: what a successful command returns, as the service's response would report it.

use alloc::string::String;
use alloc::vec::Vec;

use crate::content::ETag;
use crate::key::ObjectKey;
use crate::lifecycle::config::LifecycleRule;
use crate::metadata::Metadata;
use crate::object_type::ObjectType;
use crate::tags::Tags;
use crate::upload_id::UploadId;
use crate::version_id::VersionId;
use crate::versioning::VersioningState;
use crate::violation::Violation;

/// The result of a successful command, one variant per operation.
///
/// Version IDs are reported as the response header would carry them (RSP): `None` where the
/// header is absent. With the `serde` feature an outcome serializes to the trace format's `ok`
/// object (the variant's fields, untagged).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
#[non_exhaustive]
pub enum Outcome {
    /// PutBucketVersioning and GetBucketVersioning.
    Versioning(VersioningOutcome),
    /// PutObject.
    PutObject(PutObjectOutcome),
    /// AppendObject.
    AppendObject(AppendObjectOutcome),
    /// SealAppendObject.
    SealAppendObject(SealAppendObjectOutcome),
    /// DeleteObject.
    DeleteObject(DeleteObjectOutcome),
    /// DeleteObjects, the batch delete.
    DeleteObjects(DeleteObjectsOutcome),
    /// GetObject.
    GetObject(ObjectMeta),
    /// HeadObject.
    HeadObject(ObjectMeta),
    /// InitiateMultipartUpload.
    InitiateMultipartUpload(InitiateMultipartUploadOutcome),
    /// UploadPart.
    UploadPart(UploadPartOutcome),
    /// UploadPartCopy (MPU-12).
    UploadPartCopy(UploadPartCopyOutcome),
    /// CompleteMultipartUpload.
    CompleteMultipartUpload(CompleteMultipartUploadOutcome),
    /// AbortMultipartUpload.
    AbortMultipartUpload(AbortMultipartUploadOutcome),
    /// ListParts.
    ListParts(ListPartsOutcome),
    /// ListMultipartUploads.
    ListMultipartUploads(ListMultipartUploadsOutcome),
    /// CopyObject.
    CopyObject(CopyObjectOutcome),
    /// ListObjectVersions.
    ListObjectVersions(ListObjectVersionsOutcome),
    /// ListObjects.
    ListObjects(ListObjectsOutcome),
    /// Advancing the logical clock.
    AdvanceClock(ClockOutcome),
    /// PutObjectTagging (TAG-2).
    PutObjectTagging(TaggingOutcome),
    /// PutObjectLockConfiguration and the retention policy commands (OL-1, OL-7).
    BucketProtectionChanged(BucketProtectionChanged),
    /// PutObjectRetention and PutObjectLegalHold (OL-2).
    ObjectLock(ObjectLockOutcome),
    /// GetObjectTagging (TAG-2).
    GetObjectTagging(GetObjectTaggingOutcome),
    /// DeleteObjectTagging (TAG-2).
    DeleteObjectTagging(TaggingOutcome),
    /// CreateBucket and DeleteBucket (SVC-3, SVC-4).
    Bucket(BucketOutcome),
    /// GetBucketInfo / HeadBucket (SVC-6).
    BucketInfo(BucketInfo),
    /// ListBuckets (SVC-1).
    ListBuckets(ListBucketsOutcome),
    /// PutBucketLifecycle and DeleteBucketLifecycle (LC-14).
    BucketLifecycleChanged(BucketLifecycleChanged),
    /// GetBucketLifecycle (LC-14).
    GetBucketLifecycle(GetBucketLifecycleOutcome),
    /// A lifecycle run (LC-13).
    RunLifecycle(RunLifecycleOutcome),
    /// PutSymlink (SYM-2).
    PutSymlink(PutSymlinkOutcome),
    /// GetSymlink (SYM-3).
    GetSymlink(GetSymlinkOutcome),
    /// GetObjectMeta / GetObjectAttributes (GET-8).
    GetObjectMeta(GetObjectMetaOutcome),
}

/// The versioning state in force after PutBucketVersioning or GetBucketVersioning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct VersioningOutcome {
    /// The state now in force.
    pub status: VersioningState,
}

/// What PutObject returns (PUT-5).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PutObjectOutcome {
    /// The new entry's ID as the response reports it (RSP-1).
    pub version_id: Option<VersionId>,
    /// The ETag (CT-3).
    pub etag: ETag,
    /// The CRC-64 of the body.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::outcome::decimal"))]
    pub crc64: u64,
}

/// What AppendObject returns (APP-9).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AppendObjectOutcome {
    /// The appendable's ID as the response reports it: RSP-1 when the append created it, RSP-4
    /// when it added to it.
    pub version_id: Option<VersionId>,
    /// `x-oss-next-append-position`: the object's length after this append.
    pub next_position: u64,
    /// `x-oss-hash-crc64ecma`: the CRC-64 of the whole object (CT-2).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::outcome::decimal"))]
    pub crc64: u64,
    /// The ETag (CT-5).
    pub etag: ETag,
}

/// What SealAppendObject returns (APP-10).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SealAppendObjectOutcome {
    /// The sealed appendable's ID as the response reports it (RSP-4).
    pub version_id: Option<VersionId>,
}

/// What DeleteObject returns (DEL, RSP-2).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DeleteObjectOutcome {
    /// The version ID the response reports: the new marker's, the one given, or none.
    pub version_id: Option<VersionId>,
    /// Whether the response carries `x-oss-delete-marker: true`: a marker was made, or the
    /// removed version was one.
    pub delete_marker: bool,
}

/// What DeleteObjects returns: one result per entry, in the order given (BAT-2, BAT-3, BAT-4).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DeleteObjectsOutcome {
    /// The entries that were deleted (every entry that passed its checks, DEL-1); empty in
    /// quiet mode.
    pub deleted: Vec<DeletedObject>,
    /// The entries that failed on their own (BAT-4).
    pub errors: Vec<DeleteError>,
}

/// One deleted entry of a batch delete, in the shape of S3's `DeletedObject` (BAT-3).
///
/// | the entry | `version_id` | `delete_marker` | `delete_marker_version_id` |
/// |---|---|---|---|
/// | simple delete, Enabled or Suspended: a marker was made (DEL-3, DEL-4) | none | true | the new marker's ID (`null` when Suspended) |
/// | simple delete, Unversioned: the chain went (DEL-2) | none | false | none |
/// | by ID, the entry was a delete marker (DEL-5) | that ID | true | that ID |
/// | by ID, the entry was an object version (DEL-5) | that ID | false | none |
/// | by ID, naming no entry: nothing changed (DEL-7) | that ID | false | none |
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DeletedObject {
    /// The key.
    pub key: ObjectKey,
    /// The version ID the entry named, if it named one.
    pub version_id: Option<VersionId>,
    /// Whether a delete marker was made, or the removed entry was one.
    pub delete_marker: bool,
    /// The ID of the delete marker made or removed.
    pub delete_marker_version_id: Option<VersionId>,
}

/// One failed entry of a batch delete, in the shape of S3's `Error` (BAT-4).
///
/// In the trace format it is `{"key", "version_id", "code", "message"}`: the violation's code
/// and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteError {
    /// The key.
    pub key: ObjectKey,
    /// The version ID the entry named, if it named one.
    pub version_id: Option<VersionId>,
    /// What the same entry would get from DeleteObject.
    pub violation: Violation,
}

impl DeleteError {
    /// The error code ([`Violation::code`]).
    pub fn code(&self) -> &'static str {
        self.violation.code()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for DeleteError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut error = serializer.serialize_struct("DeleteError", 4)?;
        error.serialize_field("key", &self.key)?;
        error.serialize_field("version_id", &self.version_id)?;
        error.serialize_field("code", self.violation.code())?;
        error.serialize_field(
            "message",
            &alloc::string::ToString::to_string(&self.violation),
        )?;
        error.end()
    }
}

/// What CopyObject returns (CPY-4, RSP-1, RSP-5).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CopyObjectOutcome {
    /// The new entry's ID as the response reports it (RSP-1).
    pub version_id: Option<VersionId>,
    /// The ETag: the source's (CT-6).
    pub etag: ETag,
    /// The CRC-64: the source's (CT-6).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::outcome::decimal"))]
    pub crc64: u64,
    /// The source version copied, as `x-oss-copy-source-version-id` reports it: its ID, `null`
    /// included, except in an Unversioned bucket, where none is reported (RSP-5).
    pub source_version_id: Option<VersionId>,
}

/// One page of ListObjectVersions (LST-1..LST-6, LST-8).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ListObjectVersionsOutcome {
    /// The versions and delete markers on the page: keys ascending, each key's entries newest
    /// first, versions and markers in that one order (LST-1).
    pub entries: Vec<ListedVersion>,
    /// The common prefixes on the page, ascending (LST-6).
    pub common_prefixes: Vec<String>,
    /// Whether more rows follow this page (LST-5).
    pub is_truncated: bool,
    /// When truncated, the key of the last row returned, or the common prefix if that row was
    /// one (LST-5): pass it back as `key_marker`.
    pub next_key_marker: Option<String>,
    /// When truncated and the last row was an entry, its version ID (LST-5): pass it back as
    /// `version_id_marker`.
    pub next_version_id_marker: Option<VersionId>,
}

/// One entry of ListObjectVersions: an object version or a delete marker (LST-1).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ListedVersion {
    /// The key.
    pub key: ObjectKey,
    /// The entry's own version ID, `null` included (LST-8).
    pub version_id: VersionId,
    /// Whether the entry is its key's head: a property of the entry, not of the page.
    pub is_latest: bool,
    /// Whether the entry is a delete marker.
    pub delete_marker: bool,
    /// The object type; none for a delete marker.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub object_type: Option<ObjectType>,
    /// The length in bytes; none for a delete marker.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub size: Option<u64>,
    /// The ETag; none for a delete marker.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub etag: Option<ETag>,
    /// The storage class (TAG-5); none for a delete marker. The trace line leaves out a
    /// dialect's default class.
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "crate::outcome::is_default_class_or_none")
    )]
    pub storage_class: Option<String>,
    /// The logical time of the entry's last change (LC-0). Not part of the trace format's
    /// line.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub last_modified: u64,
}

/// One page of ListObjects, the current view (LST-7).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ListObjectsOutcome {
    /// The keys whose head is an object version, ascending, with that head.
    pub objects: Vec<ListedObject>,
    /// The common prefixes on the page, ascending (LST-6).
    pub common_prefixes: Vec<String>,
    /// Whether more rows follow this page (LST-5).
    pub is_truncated: bool,
    /// When truncated, the last key or common prefix returned: pass it back as `marker`.
    pub next_marker: Option<String>,
}

/// One object of ListObjects: a key and its head, an object version (LST-7).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ListedObject {
    /// The key.
    pub key: ObjectKey,
    /// The head's own version ID, `null` included: in an Unversioned bucket always `null`
    /// (LST-8).
    pub version_id: VersionId,
    /// The length in bytes.
    pub size: u64,
    /// The ETag.
    pub etag: ETag,
    /// The storage class (TAG-5). The trace line leaves out a dialect's default class.
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "crate::outcome::is_default_class")
    )]
    pub storage_class: String,
    /// The logical time of the head's last change (LC-0). Not part of the trace format's line.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub last_modified: u64,
}

/// What GetObject and HeadObject return about the version read (GET-1, GET-4).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ObjectMeta {
    /// The version's ID as the response reports it (RSP-3).
    pub version_id: Option<VersionId>,
    /// `x-oss-object-type`.
    pub object_type: ObjectType,
    /// The length in bytes.
    pub size: u64,
    /// The ETag.
    pub etag: ETag,
    /// `x-oss-hash-crc64ecma`.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::outcome::decimal"))]
    pub crc64: u64,
    /// The logical time of the last change (LC-0).
    pub last_modified: u64,
    /// For appendables, `x-oss-next-append-position` (the length).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub next_position: Option<u64>,
    /// For appendables, whether it is sealed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub sealed: Option<bool>,
    /// The content type (TAG-5): the one written, or the dialect's default. The trace line
    /// leaves out a dialect's default, so that revision-1 outcomes stay as they were.
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "crate::outcome::is_default_content_type")
    )]
    pub content_type: String,
    /// The user metadata (TAG-5), names lowercased; left out of the trace line when empty.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Metadata::is_empty"))]
    pub metadata: Metadata,
    /// The storage class (TAG-5). The trace line leaves out a dialect's default class.
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "crate::outcome::is_default_class")
    )]
    pub storage_class: String,
}

/// What InitiateMultipartUpload returns (MPU-1).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct InitiateMultipartUploadOutcome {
    /// The new upload's ID.
    pub upload_id: UploadId,
}

/// What UploadPart returns (MPU-2).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct UploadPartOutcome {
    /// The part's ETag: the hex MD5 of the part, in the dialect's case.
    pub etag: ETag,
    /// The part's CRC-64.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::outcome::decimal"))]
    pub crc64: u64,
}

/// What UploadPartCopy returns (MPU-12).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct UploadPartCopyOutcome {
    /// The part's ETag, as UploadPart gives it for the copied content.
    pub etag: ETag,
    /// The part's CRC-64.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::outcome::decimal"))]
    pub crc64: u64,
    /// The source version copied, as RSP-5 reports it under the source bucket's state.
    pub source_version_id: Option<VersionId>,
}

/// What CompleteMultipartUpload returns (MPU-7).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CompleteMultipartUploadOutcome {
    /// The new entry's ID as the response reports it (RSP-1).
    pub version_id: Option<VersionId>,
    /// The multipart ETag, `…-N` (CT-4).
    pub etag: ETag,
    /// The CRC-64 of the whole object, combined from the parts' (CT-2).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::outcome::decimal"))]
    pub crc64: u64,
}

/// What AbortMultipartUpload returns (MPU-8): nothing; the trace prints `{}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AbortMultipartUploadOutcome {}

/// What ListParts returns: one page of an upload's parts, ascending by part number (MPU-9).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ListPartsOutcome {
    /// The parts on this page.
    pub parts: Vec<PartSummary>,
    /// Whether more parts follow this page.
    pub is_truncated: bool,
    /// When truncated, the last part number on this page: pass it as `part_number_marker` to
    /// continue.
    pub next_part_number_marker: Option<u32>,
}

/// One part in a ListParts page.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PartSummary {
    /// The part number.
    pub part_number: u32,
    /// The part's ETag, as UploadPart returned it.
    pub etag: ETag,
    /// The part's length in bytes.
    pub size: u64,
}

/// What ListMultipartUploads returns: one page of the uploads in progress (MPU-10).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ListMultipartUploadsOutcome {
    /// The uploads on this page, by key ascending, then in the dialect's order.
    pub uploads: Vec<UploadSummary>,
    /// The common prefixes on this page (LST-6), ascending.
    pub common_prefixes: Vec<String>,
    /// Whether more uploads or common prefixes follow this page.
    pub is_truncated: bool,
    /// When truncated, the key (or common prefix) of the last item on this page.
    pub next_key_marker: Option<ObjectKey>,
    /// When truncated and the last item is an upload, its ID.
    pub next_upload_id_marker: Option<UploadId>,
}

/// One upload in a ListMultipartUploads page.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct UploadSummary {
    /// The upload's key.
    pub key: ObjectKey,
    /// The upload's ID.
    pub upload_id: UploadId,
}

/// What PutObjectTagging and DeleteObjectTagging report (TAG-2, TAG-4).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TaggingOutcome {
    /// The tagged version's ID, as a read reports it (RSP-3).
    pub version_id: Option<VersionId>,
}

/// What GetObjectTagging reports (TAG-2, TAG-4).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GetObjectTaggingOutcome {
    /// The version's ID, as a read reports it (RSP-3).
    pub version_id: Option<VersionId>,
    /// Its tag set, ascending by key.
    pub tags: Tags,
}

/// What PutSymlink returns (SYM-2).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PutSymlinkOutcome {
    /// The new link version's ID as a write's response reports it (RSP-1).
    pub version_id: Option<VersionId>,
}

/// What GetSymlink returns (SYM-3).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GetSymlinkOutcome {
    /// The link version's ID as a read reports it (RSP-3).
    pub version_id: Option<VersionId>,
    /// The key the link points at.
    pub target: ObjectKey,
}

/// What GetObjectMeta (oss) / GetObjectAttributes (s3) return about the version selected
/// (GET-8): never its body, and for a Symlink the link itself, not its target.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GetObjectMetaOutcome {
    /// The version's ID as the response reports it (RSP-3).
    pub version_id: Option<VersionId>,
    /// The ETag.
    pub etag: ETag,
    /// The length in bytes.
    pub size: u64,
    /// The logical time of the last change (LC-0).
    pub last_modified: u64,
    /// s3, a Multipart object: its number of parts (`ObjectParts/PartsCount`).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub parts_count: Option<u32>,
    /// oss, an Appendable object: `x-oss-next-append-position` (the length).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub next_position: Option<u64>,
    /// The content type (TAG-5); the trace line leaves out a dialect's default.
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "crate::outcome::is_default_content_type")
    )]
    pub content_type: String,
    /// The user metadata (TAG-5), names lowercased; left out of the trace line when empty.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Metadata::is_empty"))]
    pub metadata: Metadata,
    /// The storage class (TAG-5); the trace line leaves out a dialect's default.
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "crate::outcome::is_default_class")
    )]
    pub storage_class: String,
}

/// The logical time after advancing the clock (LC-0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ClockOutcome {
    /// The logical time now, in seconds.
    pub now: u64,
}

/// CreateBucket or DeleteBucket succeeded: the response has no fields (`{}` in a trace).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BucketOutcome {}

/// A bucket's name and versioning status (SVC-6).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BucketInfo {
    /// The bucket's name.
    pub bucket: String,
    /// Its versioning status.
    pub status: VersioningState,
}

/// The service's bucket names, ascending (SVC-1).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ListBucketsOutcome {
    /// The names, ascending.
    pub buckets: Vec<String>,
}

/// PutBucketLifecycle or DeleteBucketLifecycle succeeded: the response has no fields (`{}` in a
/// trace).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BucketLifecycleChanged {}

/// A change of a bucket's Object Lock configuration or retention policy (OL-1, OL-7): `{}`
/// in the trace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BucketProtectionChanged {}

/// A version's retention or legal hold set (OL-2): the version's ID as a read reports it
/// (RSP-3).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ObjectLockOutcome {
    /// The version's ID.
    pub version_id: Option<VersionId>,
}

/// The stored lifecycle configuration (LC-14): the rules as given, each with its ID.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GetBucketLifecycleOutcome {
    /// The rules, in the order given.
    pub rules: Vec<LifecycleRule>,
}

/// What one lifecycle run did (LC-13), each list in key order, then chain order (newest
/// first). A run with nothing due reports three empty lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RunLifecycleOutcome {
    /// Every entry removed for good (LC-1 Unversioned and Suspended, LC-2, LC-3).
    pub removed: Vec<RemovedEntry>,
    /// Every delete marker added by current-version expiration (LC-1).
    pub delete_markers_added: Vec<AddedDeleteMarker>,
    /// Every upload aborted (LC-4).
    pub uploads_aborted: Vec<AbortedUpload>,
}

impl RunLifecycleOutcome {
    /// Whether the run changed nothing.
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty()
            && self.delete_markers_added.is_empty()
            && self.uploads_aborted.is_empty()
    }
}

/// An entry a lifecycle run removed (LC-13).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RemovedEntry {
    /// Its key.
    pub key: ObjectKey,
    /// Its own version ID (`null` for the null entry).
    pub version_id: VersionId,
    /// Whether it was a delete marker.
    pub delete_marker: bool,
}

/// A delete marker a lifecycle run added (LC-1, LC-13).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AddedDeleteMarker {
    /// Its key.
    pub key: ObjectKey,
    /// Its version ID as RSP-2 reports it: the fresh ID when Enabled, `null` when Suspended.
    pub version_id: VersionId,
}

/// An upload a lifecycle run aborted (LC-4, LC-13).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AbortedUpload {
    /// The upload's key.
    pub key: ObjectKey,
    /// The upload's ID.
    pub upload_id: UploadId,
}

/// Serializes a number as an unsigned decimal string (the trace's CRC-64 form).
#[cfg(feature = "serde")]
fn decimal<S: serde::Serializer>(value: &u64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// Whether `content_type` is a dialect's default (TAG-5), which a trace line leaves out.
#[cfg(feature = "serde")]
fn is_default_content_type(content_type: &str) -> bool {
    use crate::dialect::Dialect;
    content_type == Dialect::Oss.default_content_type()
        || content_type == Dialect::S3.default_content_type()
}

/// Whether `class` is a dialect's default storage class (TAG-5), which a trace line leaves
/// out.
#[cfg(feature = "serde")]
fn is_default_class(class: &str) -> bool {
    class == crate::metadata::OSS_STORAGE_CLASSES[0]
        || class == crate::metadata::S3_STORAGE_CLASSES[0]
}

/// [`is_default_class`] for a listing row, which has no class for a delete marker.
#[cfg(feature = "serde")]
#[allow(
    clippy::ref_option,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_default_class_or_none(class: &Option<String>) -> bool {
    class.as_deref().is_none_or(is_default_class)
}
