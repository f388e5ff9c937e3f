//! Outcomes: what a successful command returns, as the service's response would report it.

use crate::content::ETag;
use crate::entry::ObjectType;
use crate::version_id::VersionId;
use crate::versioning::VersioningState;

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
    /// GetObject.
    GetObject(ObjectMeta),
    /// HeadObject.
    HeadObject(ObjectMeta),
    /// Advancing the logical clock.
    AdvanceClock(ClockOutcome),
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
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::wire::decimal"))]
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
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::wire::decimal"))]
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
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::wire::decimal"))]
    pub crc64: u64,
    /// The logical time of the last change (LC-0).
    pub last_modified: u64,
    /// For appendables, `x-oss-next-append-position` (the length).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub next_position: Option<u64>,
    /// For appendables, whether it is sealed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub sealed: Option<bool>,
}

/// The logical time after advancing the clock (LC-0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ClockOutcome {
    /// The logical time now, in seconds.
    pub now: u64,
}
