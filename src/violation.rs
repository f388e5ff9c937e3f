//! Rule violations: every rejection, typed, with its error code and HTTP status (ERR-1).

use alloc::format;
use alloc::string::String;
use core::fmt;

use crate::key::ObjectKey;
use crate::upload_id::UploadId;
use crate::version_id::VersionId;

mod conditions;
mod lifecycle;
mod lock;

pub use conditions::{PreconditionReason, UnsupportedCondition};
pub use lifecycle::{LifecycleStructure, LifecycleValue};
pub use lock::{AccessDeniedReason, BucketStateReason};

/// A command the rules reject, with the service's error code, HTTP status and the fields a
/// client needs (ERR-1).
///
/// A rejected command leaves the bucket exactly as it was (ERR-2). Arguments are checked before
/// the bucket state (ERR-4).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Violation {
    /// `MalformedXML` 400: a request body the service refuses as a whole (VS-2 on oss, BAT-1,
    /// MPU-4).
    #[error("MalformedXML: {0}")]
    MalformedXml(MalformedXmlReason),
    /// `IllegalVersioningConfigurationException` 400: a versioning status other than
    /// `Enabled` or `Suspended` (VS-2, s3).
    #[error(
        "IllegalVersioningConfigurationException: the versioning status {status:?} is not Enabled or Suspended"
    )]
    IllegalVersioningConfiguration {
        /// The status that was asked for.
        status: String,
    },
    /// `InvalidArgument` 400: a request argument out of its syntax or range.
    #[error("InvalidArgument: {0}")]
    InvalidArgument(ArgumentError),
    /// `InvalidObjectName` 400: an oss key that is empty, longer than 1023 bytes or starts with
    /// `/` or `\` (KEY-1).
    #[error("InvalidObjectName: the object name \"{key}\" is not valid")]
    InvalidObjectName {
        /// The rejected key.
        key: ObjectKey,
    },
    /// `KeyTooLongError` 400: an s3 key longer than 1024 bytes (KEY-2).
    #[error("KeyTooLongError: the key is {size} bytes, more than {max_size}")]
    KeyTooLong {
        /// The key's length in bytes.
        size: usize,
        /// The longest key allowed.
        max_size: usize,
    },
    /// `InlineDataTooLarge` 400: an oss simple upload over 5 GiB (PUT-6), or an append that
    /// would take an appendable object past 5 GiB (APP-8).
    #[error("InlineDataTooLarge: {size} bytes is more than {max_size}")]
    InlineDataTooLarge {
        /// The size the request would give.
        size: u64,
        /// The largest size allowed.
        max_size: u64,
    },
    /// `EntityTooLarge` 400: an s3 simple upload over 5 GiB (PUT-6), or a part over 5 GiB
    /// (MPU-2).
    #[error("EntityTooLarge: {size} bytes is more than {max_size}")]
    EntityTooLarge {
        /// The size of the body.
        size: u64,
        /// The largest size allowed.
        max_size: u64,
    },
    /// `NoSuchKey` 404: the key has no entries (GET-3, CPY-2), or its head is a delete marker
    /// (GET-2), in which case the marker's flag and ID are carried.
    #[error("NoSuchKey: the specified key does not exist")]
    NoSuchKey {
        /// Whether the head is a delete marker (`x-oss-delete-marker: true`).
        delete_marker: bool,
        /// The version ID the response reports (RSP-3): the marker's, in a versioned bucket.
        version_id: Option<VersionId>,
    },
    /// `NoSuchVersion` 404: a version ID that names no entry of the key (GET-6, CPY-3).
    #[error("NoSuchVersion: the specified version {version_id} does not exist")]
    NoSuchVersion {
        /// The version ID that was asked for.
        version_id: VersionId,
    },
    /// `MethodNotAllowed` 405: a read naming a delete marker's version ID (GET-5); the response
    /// carries `x-oss-delete-marker: true` and the ID.
    #[error("MethodNotAllowed: version {version_id} is a delete marker")]
    MethodNotAllowed {
        /// The delete marker's version ID.
        version_id: VersionId,
    },
    /// `NotImplemented` 501: an operation the dialect does not have (APP-1: append on s3;
    /// SYM-1: symlinks on s3).
    #[error("NotImplemented: {operation} is not implemented by this dialect")]
    NotImplemented {
        /// The operation's name.
        operation: &'static str,
    },
    /// `PositionNotEqualToLength` 409: an append or seal whose position is not the object's
    /// length (APP-5); carries the correct next position (`x-oss-next-append-position`).
    #[error("PositionNotEqualToLength: the position is not the object's length {next_position}")]
    PositionNotEqualToLength {
        /// The position the next append must give.
        next_position: u64,
    },
    /// `ObjectNotAppendable` 409: the head is a Normal, Multipart, Symlink or sealed Appendable
    /// object (APP-6, APP-10).
    #[error("ObjectNotAppendable: the object is not appendable")]
    ObjectNotAppendable,
    /// `NoSuchUpload` 404: an upload ID that is unknown, completed or aborted (MPU-3).
    #[error("NoSuchUpload: the specified upload {upload_id} does not exist")]
    NoSuchUpload {
        /// The upload ID that was given.
        upload_id: UploadId,
    },
    /// `InvalidPartOrder` 400: a Complete whose parts are not strictly ascending (MPU-4), or
    /// (MODEL, as the oss troubleshooting page files it) that lists a part number outside
    /// 1..=10000.
    #[error(
        "InvalidPartOrder: the list of parts was not in ascending order of part numbers between 1 and 10000"
    )]
    InvalidPartOrder,
    /// `InvalidPart` 400: a listed part that was not uploaded or whose ETag does not match
    /// (MPU-5).
    #[error("InvalidPart: part {part_number} could not be found or its ETag did not match")]
    InvalidPart {
        /// The first listed part that failed.
        part_number: u32,
    },
    /// `EntityTooSmall` 400: a listed part other than the last below the dialect's minimum
    /// (MPU-6).
    #[error("EntityTooSmall: part {part_number} is {size} bytes, less than {min_size}")]
    EntityTooSmall {
        /// The first part that is too small.
        part_number: u32,
        /// Its size.
        size: u64,
        /// The dialect's minimum for a part that is not the last.
        min_size: u64,
    },
    /// `InvalidRange` 416: an s3 UploadPartCopy range outside the source (MPU-12); oss gives
    /// `InvalidArgument` ([`ArgumentError::CopyRangeOutsideSource`]).
    #[error("InvalidRange: the range {first}-{last} is not within the source's {size} bytes")]
    InvalidRange {
        /// The range's first byte.
        first: u64,
        /// The range's last byte.
        last: u64,
        /// The source's size.
        size: u64,
    },
    /// `InvalidRequest` 400: a copy the service refuses (CPY-3 on s3, CPY-5, MPU-12).
    #[error("InvalidRequest: {0}")]
    InvalidRequest(InvalidRequestReason),
    /// `NoSuchBucket` 404: a command naming a bucket the service does not hold (SVC-1, SVC-6).
    #[error("NoSuchBucket: the bucket {bucket:?} does not exist")]
    NoSuchBucket {
        /// The bucket named.
        bucket: String,
    },
    /// `InvalidBucketName` 400: a bucket name outside the dialect's syntax (SVC-2).
    #[error("InvalidBucketName: the bucket name {bucket:?} is not valid")]
    InvalidBucketName {
        /// The rejected name.
        bucket: String,
    },
    /// `BucketAlreadyExists` 409: oss CreateBucket of a name the service already holds
    /// (SVC-3).
    #[error("BucketAlreadyExists: the bucket {bucket:?} already exists")]
    BucketAlreadyExists {
        /// The name asked for.
        bucket: String,
    },
    /// `BucketAlreadyOwnedByYou` 409: s3 CreateBucket of a name the service already holds
    /// (SVC-3; MODEL: the service has one owner).
    #[error("BucketAlreadyOwnedByYou: the bucket {bucket:?} already exists")]
    BucketAlreadyOwnedByYou {
        /// The name asked for.
        bucket: String,
    },
    /// `BucketNotEmpty` 409: DeleteBucket of a bucket holding an entry or an upload in
    /// progress (SVC-4).
    #[error("BucketNotEmpty: the bucket {bucket:?} is not empty")]
    BucketNotEmpty {
        /// The bucket named.
        bucket: String,
    },
    /// `InvalidTag` 400: a tag set breaking TAG-3 (too many tags, a repeated key, a key or
    /// value of the wrong length).
    #[error("InvalidTag: {0}")]
    InvalidTag(TagError),
    /// `MetadataTooLarge` 400: user metadata over the dialect's limit (TAG-5).
    #[error("MetadataTooLarge: the user metadata is {size} bytes, more than {max_size}")]
    MetadataTooLarge {
        /// The bytes of the names and values given.
        size: usize,
        /// The dialect's limit.
        max_size: usize,
    },
    /// `InvalidStorageClass` 400: a storage class the dialect does not know (TAG-5).
    #[error("InvalidStorageClass: the storage class {storage_class:?} is not valid")]
    InvalidStorageClass {
        /// The class asked for.
        storage_class: String,
    },
    /// `NoSuchLifecycle` 404: oss GetBucketLifecycle on a bucket with no lifecycle
    /// configuration (LC-14).
    #[error("NoSuchLifecycle: the bucket has no lifecycle configuration")]
    NoSuchLifecycle,
    /// `NoSuchLifecycleConfiguration` 404: s3 GetBucketLifecycleConfiguration on a bucket with
    /// no lifecycle configuration (LC-14).
    #[error("NoSuchLifecycleConfiguration: the lifecycle configuration does not exist")]
    NoSuchLifecycleConfiguration,
    /// `NotSymlink` 400: GetSymlink selected an entry that is not a Symlink (SYM-3).
    #[error("NotSymlink: the specified object is not a symlink")]
    NotSymlink,
    /// `SymlinkTargetNotExist` 404: a read of a Symlink whose target key has no entries or a
    /// delete marker as its head (SYM-4).
    #[error("SymlinkTargetNotExist: the target \"{target}\" of the symlink does not exist")]
    SymlinkTargetNotExist {
        /// The link's target key.
        target: ObjectKey,
    },
    /// `InvalidTargetType` 400: a read of a Symlink whose target's head is itself a Symlink
    /// (SYM-4).
    #[error("InvalidTargetType: the target \"{target}\" of the symlink is a symlink")]
    InvalidTargetType {
        /// The link's target key.
        target: ObjectKey,
    },
    /// `PreconditionFailed` 412: a condition of a write or delete does not hold (CND-3,
    /// CND-4, CND-5); nothing changed (CND-7).
    #[error("PreconditionFailed: {0}")]
    PreconditionFailed(PreconditionReason),
    /// `FileAlreadyExists` 409: oss `forbid_overwrite` on a key that has an entry in an
    /// Unversioned bucket (CND-6).
    #[error("FileAlreadyExists: the object already exists")]
    FileAlreadyExists,
    /// `NotImplemented`: a condition the dialect does not take (CND-1, CND-6); oss answers 400
    /// (the status its error page gives), s3 501.
    #[error("NotImplemented: {0}")]
    UnsupportedCondition(UnsupportedCondition),
    /// `AccessDenied` 403: Object Lock refused a delete by ID (OL-4) or a retention change
    /// (OL-6); nothing changed.
    #[error("AccessDenied: {0}")]
    AccessDenied(AccessDeniedReason),
    /// `InvalidBucketState` 409: the versioning state and Object Lock or a retention policy
    /// do not go together (OL-1, OL-7; MODEL for the oss code).
    #[error("InvalidBucketState: {0}")]
    InvalidBucketState(BucketStateReason),
    /// `FileImmutable` 409: oss refused to overwrite, delete or append to an object version
    /// its retention policy protects (OL-7, OL-8).
    #[error("FileImmutable: the object is protected by the bucket's retention policy")]
    FileImmutable,
    /// `WORMConfigurationLocked` 409: AbortBucketWorm (or a second Initiate or Complete,
    /// MODEL) of a locked retention policy (OL-7).
    #[error("WORMConfigurationLocked: the retention policy is locked")]
    WormConfigurationLocked,
    /// `NoSuchWORMConfiguration` 404: a retention policy operation on a bucket without one
    /// (OL-7, MODEL).
    #[error("NoSuchWORMConfiguration: the bucket has no retention policy")]
    NoSuchWormConfiguration,
}

impl Violation {
    /// The service's error code string (`<Code>` in the error body).
    pub fn code(&self) -> &'static str {
        match self {
            Violation::MalformedXml(_) => "MalformedXML",
            Violation::IllegalVersioningConfiguration { .. } => {
                "IllegalVersioningConfigurationException"
            }
            Violation::InvalidArgument(_) => "InvalidArgument",
            Violation::InvalidObjectName { .. } => "InvalidObjectName",
            Violation::KeyTooLong { .. } => "KeyTooLongError",
            Violation::InlineDataTooLarge { .. } => "InlineDataTooLarge",
            Violation::EntityTooLarge { .. } => "EntityTooLarge",
            Violation::NoSuchKey { .. } => "NoSuchKey",
            Violation::NoSuchVersion { .. } => "NoSuchVersion",
            Violation::MethodNotAllowed { .. } => "MethodNotAllowed",
            Violation::NotImplemented { .. } => "NotImplemented",
            Violation::PositionNotEqualToLength { .. } => "PositionNotEqualToLength",
            Violation::ObjectNotAppendable => "ObjectNotAppendable",
            Violation::NoSuchUpload { .. } => "NoSuchUpload",
            Violation::InvalidPartOrder => "InvalidPartOrder",
            Violation::InvalidPart { .. } => "InvalidPart",
            Violation::EntityTooSmall { .. } => "EntityTooSmall",
            Violation::InvalidRange { .. } => "InvalidRange",
            Violation::InvalidRequest(_) => "InvalidRequest",
            Violation::NoSuchBucket { .. } => "NoSuchBucket",
            Violation::InvalidBucketName { .. } => "InvalidBucketName",
            Violation::BucketAlreadyExists { .. } => "BucketAlreadyExists",
            Violation::BucketAlreadyOwnedByYou { .. } => "BucketAlreadyOwnedByYou",
            Violation::BucketNotEmpty { .. } => "BucketNotEmpty",
            Violation::InvalidTag(_) => "InvalidTag",
            Violation::MetadataTooLarge { .. } => "MetadataTooLarge",
            Violation::InvalidStorageClass { .. } => "InvalidStorageClass",
            Violation::NoSuchLifecycle => "NoSuchLifecycle",
            Violation::NoSuchLifecycleConfiguration => "NoSuchLifecycleConfiguration",
            Violation::NotSymlink => "NotSymlink",
            Violation::SymlinkTargetNotExist { .. } => "SymlinkTargetNotExist",
            Violation::InvalidTargetType { .. } => "InvalidTargetType",
            Violation::PreconditionFailed(_) => "PreconditionFailed",
            Violation::FileAlreadyExists => "FileAlreadyExists",
            Violation::UnsupportedCondition(_) => "NotImplemented",
            Violation::AccessDenied(_) => "AccessDenied",
            Violation::InvalidBucketState(_) => "InvalidBucketState",
            Violation::FileImmutable => "FileImmutable",
            Violation::WormConfigurationLocked => "WORMConfigurationLocked",
            Violation::NoSuchWormConfiguration => "NoSuchWORMConfiguration",
        }
    }

    /// The HTTP status of the error response.
    pub fn http_status(&self) -> u16 {
        match self {
            Violation::NoSuchKey { .. }
            | Violation::NoSuchVersion { .. }
            | Violation::NoSuchUpload { .. }
            | Violation::NoSuchBucket { .. }
            | Violation::NoSuchLifecycle
            | Violation::NoSuchLifecycleConfiguration
            | Violation::SymlinkTargetNotExist { .. }
            | Violation::NoSuchWormConfiguration => 404,
            Violation::AccessDenied(_) => 403,
            Violation::MethodNotAllowed { .. } => 405,
            Violation::PositionNotEqualToLength { .. }
            | Violation::ObjectNotAppendable
            | Violation::BucketAlreadyExists { .. }
            | Violation::BucketAlreadyOwnedByYou { .. }
            | Violation::BucketNotEmpty { .. }
            | Violation::FileAlreadyExists
            | Violation::InvalidBucketState(_)
            | Violation::FileImmutable
            | Violation::WormConfigurationLocked => 409,
            Violation::PreconditionFailed(_) => 412,
            Violation::NotImplemented { .. } => 501,
            Violation::InvalidRange { .. } => 416,
            Violation::UnsupportedCondition(reason) => reason.http_status(),
            Violation::MalformedXml(_)
            | Violation::IllegalVersioningConfiguration { .. }
            | Violation::InvalidArgument(_)
            | Violation::InvalidObjectName { .. }
            | Violation::KeyTooLong { .. }
            | Violation::InlineDataTooLarge { .. }
            | Violation::EntityTooLarge { .. }
            | Violation::InvalidPartOrder
            | Violation::InvalidPart { .. }
            | Violation::EntityTooSmall { .. }
            | Violation::InvalidRequest(_)
            | Violation::InvalidBucketName { .. }
            | Violation::InvalidTag(_)
            | Violation::MetadataTooLarge { .. }
            | Violation::InvalidStorageClass { .. }
            | Violation::NotSymlink
            | Violation::InvalidTargetType { .. } => 400,
        }
    }

    /// Whether the response carries `x-oss-delete-marker: true` (GET-2, GET-5).
    pub fn delete_marker(&self) -> bool {
        matches!(
            self,
            Violation::NoSuchKey {
                delete_marker: true,
                ..
            } | Violation::MethodNotAllowed { .. }
        )
    }

    /// The version ID the error response reports, if any (RSP-3).
    pub fn version_id(&self) -> Option<&VersionId> {
        match self {
            Violation::NoSuchKey { version_id, .. } => version_id.as_ref(),
            Violation::NoSuchVersion { version_id }
            | Violation::MethodNotAllowed { version_id } => Some(version_id),
            _ => None,
        }
    }
}

/// Why a request body was `MalformedXML`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MalformedXmlReason {
    /// VS-2 (oss): a versioning status other than `Enabled` or `Suspended`.
    #[error("the versioning status {0:?} is not Enabled or Suspended")]
    VersioningStatus(String),
    /// BAT-1: a batch delete of 0 or more than 1000 objects.
    #[error("a batch delete names {0} objects; it must name 1 to 1000")]
    DeleteObjectCount(usize),
    /// MPU-4: a Complete with no parts.
    #[error("the Complete request lists no parts")]
    NoParts,
    /// LC-9: a lifecycle configuration refused for its structure.
    #[error("{0}")]
    Lifecycle(LifecycleStructure),
}

/// Why a request argument was `InvalidArgument`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ArgumentError {
    /// KEY-2 (s3): an empty key.
    #[error("the object key is empty")]
    EmptyKey,
    /// ID-6: an empty version ID.
    #[error("the version ID is empty")]
    EmptyVersionId,
    /// ID-6: a version ID longer than 1024 bytes.
    #[error("the version ID is {size} bytes, more than 1024")]
    VersionIdTooLong {
        /// The ID's length in bytes.
        size: usize,
    },
    /// ID-5: a supplied version ID that is `null`.
    #[error("a supplied version ID may not be null")]
    SuppliedVersionIdNull,
    /// ID-5: a supplied version ID already used in the bucket.
    #[error("the supplied version ID {0} is already used in this bucket")]
    SuppliedVersionIdUsed(VersionId),
    /// ID-5 (MODEL): a version ID supplied where the entry gets no fresh ID (the bucket is not
    /// Enabled, or the delete names a version).
    #[error("a version ID can be supplied only for a write or delete marker that gets a fresh ID")]
    SuppliedVersionIdNotApplicable,
    /// APP-2: a version ID on an append (only the head can be appended to).
    #[error("an append may not name a version ID")]
    VersionIdOnAppend,
    /// MPU-2: a part number outside 1..=10000.
    #[error("part number {0} is not an integer between 1 and 10000, inclusive")]
    PartNumberOutOfRange(u32),
    /// LST-2, MPU-9, MPU-10: a page size out of the dialect's range.
    #[error("{name} {value} is out of range")]
    LimitOutOfRange {
        /// The argument's name (`max-keys`, `max-parts`, `max-uploads`).
        name: &'static str,
        /// The value given.
        value: u64,
    },
    /// LST-4: a `version-id-marker` without a `key-marker`.
    #[error("a version-id-marker needs a key-marker")]
    VersionIdMarkerWithoutKeyMarker,
    /// LC-0: advancing the logical clock past its range.
    #[error("the clock cannot advance by {0} seconds")]
    ClockOverflow(u64),
    /// MPU-13: a supplied upload ID that is empty.
    #[error("a supplied upload ID may not be empty")]
    SuppliedUploadIdEmpty,
    /// MPU-13: a supplied upload ID already used in the bucket.
    #[error("the supplied upload ID {0} is already used in this bucket")]
    SuppliedUploadIdUsed(UploadId),
    /// MPU-12 (oss): an UploadPartCopy range outside the source (s3 gives
    /// [`Violation::InvalidRange`]).
    #[error("the range {first}-{last} is not within the source's {size} bytes")]
    CopyRangeOutsideSource {
        /// The range's first byte.
        first: u64,
        /// The range's last byte.
        last: u64,
        /// The source's size.
        size: u64,
    },
    /// MPU-12 (MODEL): the content given for an UploadPartCopy range is not the range's length.
    #[error("the range's content is {given} bytes, the range {expected}")]
    CopyRangeContentLength {
        /// The range's length.
        expected: u64,
        /// The content's length.
        given: u64,
    },
    /// MPU-12 (MODEL): an UploadPartCopy range that is not the whole source, given without
    /// its content.
    #[error("a range that is not the whole source needs its content")]
    CopyRangeWithoutContent,
    /// MPU-12 (MODEL): content given for an UploadPartCopy without a range (a whole-source copy
    /// takes the source's own).
    #[error("content is given only with a range")]
    CopyContentWithoutRange,
    /// A body whose length does not fit in 64 bits (ERR-3).
    #[error("the body's length overflows 64 bits")]
    BodyTooLong,
    /// LC-9: a lifecycle configuration with a value out of range.
    #[error("{0}")]
    Lifecycle(LifecycleValue),
    /// OL-1: a default retention without exactly one of `days` and `years`, or with a period
    /// below 1.
    #[error("a default retention needs exactly one of days and years, at least 1")]
    DefaultRetentionPeriod,
    /// OL-7: a retention policy's days outside 1..=25550.
    #[error("a retention policy of {0} days is not 1 to 25550 days")]
    WormDays(u32),
    /// OL-7 (MODEL): ExtendBucketWorm to a period no longer than the policy's.
    #[error("extending a retention policy to {days} days does not lengthen its {current}")]
    WormNotLonger {
        /// The days asked for.
        days: u32,
        /// The policy's days.
        current: u32,
    },
}

/// Why a request was `InvalidRequest`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidRequestReason {
    /// CPY-3 (s3): the source version ID names a delete marker.
    #[error("the source version is a delete marker")]
    CopySourceIsDeleteMarker,
    /// CPY-5 (oss): an appendable source in an Enabled or Suspended bucket.
    #[error("an appendable object cannot be copied in a versioned bucket")]
    CopySourceIsAppendable,
    /// TAG-6 (s3): a copy of a key's head onto itself that changes no tag, storage class or
    /// metadata.
    #[error(
        "this copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class or tags"
    )]
    CopyOntoItself,
    /// OL-2: a retention or legal hold (on a write, or PutObjectRetention /
    /// PutObjectLegalHold) in a bucket without Object Lock.
    #[error("the bucket does not have Object Lock enabled")]
    ObjectLockNotEnabled,
}

/// Why a tag set was `InvalidTag` (TAG-3).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TagError {
    /// More than 10 tags.
    #[error("{0} tags are more than 10")]
    TooMany(usize),
    /// A key given twice.
    #[error("the tag key {0:?} is given twice")]
    DuplicateKey(String),
    /// A key that is empty or longer than 128 bytes.
    #[error("a tag key of {0} bytes is not 1 to 128 bytes")]
    KeyLength(usize),
    /// A value longer than 256 bytes.
    #[error("a tag value of {0} bytes is more than 256 bytes")]
    ValueLength(usize),
}

#[cfg(feature = "serde")]
mod wire {
    //! The trace format's error object: `{"code", "status", carried fields…, "message"}`.

    use super::Violation;
    use alloc::string::ToString;
    use serde::ser::{Serialize, SerializeMap, Serializer};

    impl Serialize for Violation {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("code", self.code())?;
            map.serialize_entry("status", &self.http_status())?;
            match self {
                Violation::NoSuchKey {
                    delete_marker,
                    version_id,
                } => {
                    map.serialize_entry("delete_marker", delete_marker)?;
                    if let Some(version_id) = version_id {
                        map.serialize_entry("version_id", version_id)?;
                    }
                }
                Violation::NoSuchVersion { version_id } => {
                    map.serialize_entry("version_id", version_id)?;
                }
                Violation::MethodNotAllowed { version_id } => {
                    map.serialize_entry("delete_marker", &true)?;
                    map.serialize_entry("version_id", version_id)?;
                }
                Violation::PositionNotEqualToLength { next_position } => {
                    map.serialize_entry("next_position", next_position)?;
                }
                Violation::InvalidPart { part_number } => {
                    map.serialize_entry("part_number", part_number)?;
                }
                Violation::EntityTooSmall {
                    part_number,
                    size,
                    min_size,
                } => {
                    map.serialize_entry("part_number", part_number)?;
                    map.serialize_entry("size", size)?;
                    map.serialize_entry("min_size", min_size)?;
                }
                Violation::InlineDataTooLarge { size, .. }
                | Violation::EntityTooLarge { size, .. } => {
                    map.serialize_entry("size", size)?;
                }
                Violation::NoSuchBucket { bucket }
                | Violation::InvalidBucketName { bucket }
                | Violation::BucketAlreadyExists { bucket }
                | Violation::BucketAlreadyOwnedByYou { bucket }
                | Violation::BucketNotEmpty { bucket } => {
                    map.serialize_entry("bucket", bucket)?;
                }
                Violation::InvalidRange { first, last, size } => {
                    map.serialize_entry("first", first)?;
                    map.serialize_entry("last", last)?;
                    map.serialize_entry("size", size)?;
                }
                Violation::MetadataTooLarge { size, max_size } => {
                    map.serialize_entry("size", size)?;
                    map.serialize_entry("max_size", max_size)?;
                }
                Violation::InvalidStorageClass { storage_class } => {
                    map.serialize_entry("storage_class", storage_class)?;
                }
                _ => {}
            }
            map.serialize_entry("message", &self.to_string())?;
            map.end()
        }
    }
}

/// A named invariant of the model (rules.md §16).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Invariant {
    /// INV-1: no key has an empty chain.
    NoEmptyChain,
    /// INV-2: at most one `null` entry per key; no version ID is given out twice.
    UniqueVersionIds,
    /// INV-3: each chain is strictly ordered by sequence number, newest first; sequence numbers
    /// are unique in the bucket.
    SequenceOrder,
    /// INV-4: in a never-versioned bucket every chain is one object entry with ID `null`.
    NeverVersionedShape,
    /// INV-5: only a head can be an unsealed Appendable.
    SealedNoncurrentAppendables,
    /// INV-6: delete markers have no content; lengths match fingerprints; appendables ≤ 5 GiB.
    ContentShape,
    /// INV-7: uploads in progress have part numbers in 1..=10000 and no completed or aborted
    /// upload remains.
    UploadsInProgress,
    /// INV-8: once versioning has left Unversioned it never returns.
    NoReturnToUnversioned,
    /// INV-12: a bucket with Object Lock on is Enabled; an oss bucket with a retention policy
    /// is never Suspended; a stored lifecycle configuration satisfies LC-9.
    LifecycleConfiguration,
    /// INV-10: a service's bucket names are valid (SVC-2) and distinct, and its buckets read
    /// its one clock.
    BucketNames,
    /// INV-11: tag sets obey TAG-3; delete markers carry no tags, metadata, retention or legal hold; a Symlink has
    /// length 0 and a valid target key, and only a Symlink has a target.
    TagSets,
    /// Not a rule: the store's own indexes (each chain's recorded head, the current-view index,
    /// the entry count) agree with the chains they index.
    Indexes,
}

impl Invariant {
    /// The rule ID, `INV-1` … `INV-8`; `indexes` for [`Invariant::Indexes`].
    pub const fn id(self) -> &'static str {
        match self {
            Invariant::NoEmptyChain => "INV-1",
            Invariant::UniqueVersionIds => "INV-2",
            Invariant::SequenceOrder => "INV-3",
            Invariant::NeverVersionedShape => "INV-4",
            Invariant::SealedNoncurrentAppendables => "INV-5",
            Invariant::ContentShape => "INV-6",
            Invariant::UploadsInProgress => "INV-7",
            Invariant::NoReturnToUnversioned => "INV-8",
            Invariant::BucketNames => "INV-10",
            Invariant::TagSets => "INV-11",
            Invariant::LifecycleConfiguration => "INV-12",
            Invariant::Indexes => "indexes",
        }
    }
}

impl fmt::Display for Invariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A failed invariant: which one, the key it failed on (if any), and what was found.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{invariant} failed{}: {detail}", key.as_ref().map(|key| format!(" on key {key:?}")).unwrap_or_default())]
pub struct InvariantViolation {
    /// The invariant that failed.
    pub invariant: Invariant,
    /// The key it failed on, if it is about one key.
    pub key: Option<ObjectKey>,
    /// What was found.
    pub detail: String,
}

impl VersionId {
    /// Checks ID-6: non-empty and at most [`MAX_VERSION_ID_LEN`](crate::version_id::MAX_VERSION_ID_LEN) bytes.
    pub(crate) fn check_syntax(&self) -> Result<(), ArgumentError> {
        if self.is_empty() {
            Err(ArgumentError::EmptyVersionId)
        } else if self.len() > crate::version_id::MAX_VERSION_ID_LEN {
            Err(ArgumentError::VersionIdTooLong { size: self.len() })
        } else {
            Ok(())
        }
    }
}
