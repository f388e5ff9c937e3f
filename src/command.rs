//! Commands: the requests a bucket takes, one variant per OSS/S3 operation.

use crate::request;

/// A request to the bucket, named after the OSS/S3 operation it models; each variant carries
/// that operation's [`request`] type.
///
/// With the `serde` feature this is the trace format's command line: internally tagged by
/// `op`, the request's fields beside it in snake_case, optional fields absent or `null`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "op", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Command {
    /// PutBucketVersioning (VS-2).
    PutBucketVersioning(request::PutBucketVersioning),
    /// GetBucketVersioning.
    GetBucketVersioning(request::GetBucketVersioning),
    /// PutObject: a simple upload (PUT).
    PutObject(request::PutObject),
    /// AppendObject: the append upload (APP).
    AppendObject(request::AppendObject),
    /// SealAppendObject (APP-10).
    SealAppendObject(request::SealAppendObject),
    /// DeleteObject, with or without a version ID (DEL).
    DeleteObject(request::DeleteObject),
    /// DeleteObjects: the batch delete (BAT).
    DeleteObjects(request::DeleteObjects),
    /// GetObject (GET).
    GetObject(request::GetObject),
    /// HeadObject (GET).
    HeadObject(request::HeadObject),
    /// InitiateMultipartUpload (MPU-1).
    InitiateMultipartUpload(request::InitiateMultipartUpload),
    /// UploadPart (MPU-2).
    UploadPart(request::UploadPart),
    /// UploadPartCopy (MPU-12).
    UploadPartCopy(request::UploadPartCopy),
    /// CompleteMultipartUpload (MPU-4..MPU-7).
    CompleteMultipartUpload(request::CompleteMultipartUpload),
    /// AbortMultipartUpload (MPU-8).
    AbortMultipartUpload(request::AbortMultipartUpload),
    /// ListParts (MPU-9).
    ListParts(request::ListParts),
    /// ListMultipartUploads (MPU-10).
    ListMultipartUploads(request::ListMultipartUploads),
    /// CopyObject (CPY).
    CopyObject(request::CopyObject),
    /// ListObjectVersions (LST).
    ListObjectVersions(request::ListObjectVersions),
    /// ListObjects (LST-7).
    ListObjects(request::ListObjects),
    /// Advance the logical clock (LC-0).
    AdvanceClock(request::AdvanceClock),
    /// PutObjectTagging (TAG-2).
    PutObjectTagging(request::PutObjectTagging),
    /// GetObjectTagging (TAG-2).
    GetObjectTagging(request::GetObjectTagging),
    /// DeleteObjectTagging (TAG-2).
    DeleteObjectTagging(request::DeleteObjectTagging),
    /// PutBucketLifecycle (LC-9, LC-14).
    PutBucketLifecycle(request::PutBucketLifecycle),
    /// GetBucketLifecycle (LC-14).
    GetBucketLifecycle(request::GetBucketLifecycle),
    /// DeleteBucketLifecycle (LC-14).
    DeleteBucketLifecycle(request::DeleteBucketLifecycle),
    /// One lifecycle run at the clock's current time (LC-11, LC-13).
    RunLifecycle(request::RunLifecycle),
    /// PutSymlink (SYM-2; oss only).
    PutSymlink(request::PutSymlink),
    /// GetSymlink (SYM-3; oss only).
    GetSymlink(request::GetSymlink),
    /// GetObjectMeta (oss) / GetObjectAttributes (s3) (GET-8): the trace takes either name.
    #[cfg_attr(feature = "serde", serde(alias = "get_object_attributes"))]
    GetObjectMeta(request::GetObjectMeta),
    /// PutObjectLockConfiguration (OL-1; s3 only).
    PutObjectLockConfiguration(request::PutObjectLockConfiguration),
    /// PutObjectRetention (OL-2, OL-6).
    PutObjectRetention(request::PutObjectRetention),
    /// PutObjectLegalHold (OL-2).
    PutObjectLegalHold(request::PutObjectLegalHold),
    /// InitiateBucketWorm (OL-7; oss only).
    InitiateBucketWorm(request::InitiateBucketWorm),
    /// CompleteBucketWorm (OL-7; oss only).
    CompleteBucketWorm(request::CompleteBucketWorm),
    /// ExtendBucketWorm (OL-7; oss only).
    ExtendBucketWorm(request::ExtendBucketWorm),
    /// AbortBucketWorm (OL-7; oss only).
    AbortBucketWorm(request::AbortBucketWorm),
}

impl Command {
    /// The operation's name in the trace format (`put_object`, …).
    pub fn op(&self) -> &'static str {
        match self {
            Command::PutBucketVersioning(_) => "put_bucket_versioning",
            Command::GetBucketVersioning(_) => "get_bucket_versioning",
            Command::PutObject(_) => "put_object",
            Command::AppendObject(_) => "append_object",
            Command::SealAppendObject(_) => "seal_append_object",
            Command::DeleteObject(_) => "delete_object",
            Command::DeleteObjects(_) => "delete_objects",
            Command::GetObject(_) => "get_object",
            Command::HeadObject(_) => "head_object",
            Command::InitiateMultipartUpload(_) => "initiate_multipart_upload",
            Command::UploadPart(_) => "upload_part",
            Command::UploadPartCopy(_) => "upload_part_copy",
            Command::CompleteMultipartUpload(_) => "complete_multipart_upload",
            Command::AbortMultipartUpload(_) => "abort_multipart_upload",
            Command::ListParts(_) => "list_parts",
            Command::ListMultipartUploads(_) => "list_multipart_uploads",
            Command::CopyObject(_) => "copy_object",
            Command::ListObjectVersions(_) => "list_object_versions",
            Command::ListObjects(_) => "list_objects",
            Command::AdvanceClock(_) => "advance_clock",
            Command::PutObjectTagging(_) => "put_object_tagging",
            Command::GetObjectTagging(_) => "get_object_tagging",
            Command::DeleteObjectTagging(_) => "delete_object_tagging",
            Command::PutBucketLifecycle(_) => "put_bucket_lifecycle",
            Command::GetBucketLifecycle(_) => "get_bucket_lifecycle",
            Command::DeleteBucketLifecycle(_) => "delete_bucket_lifecycle",
            Command::RunLifecycle(_) => "run_lifecycle",
            Command::PutSymlink(_) => "put_symlink",
            Command::GetSymlink(_) => "get_symlink",
            Command::GetObjectMeta(_) => "get_object_meta",
            Command::PutObjectLockConfiguration(_) => "put_object_lock_configuration",
            Command::PutObjectRetention(_) => "put_object_retention",
            Command::PutObjectLegalHold(_) => "put_object_legal_hold",
            Command::InitiateBucketWorm(_) => "initiate_bucket_worm",
            Command::CompleteBucketWorm(_) => "complete_bucket_worm",
            Command::ExtendBucketWorm(_) => "extend_bucket_worm",
            Command::AbortBucketWorm(_) => "abort_bucket_worm",
        }
    }
}

/// Each request converts into its command.
macro_rules! from_request {
    ($($name:ident),* $(,)?) => {$(
        impl From<request::$name> for Command {
            fn from(request: request::$name) -> Self {
                Command::$name(request)
            }
        }
    )*};
}

from_request!(
    PutBucketVersioning,
    GetBucketVersioning,
    PutObject,
    AppendObject,
    SealAppendObject,
    DeleteObject,
    DeleteObjects,
    GetObject,
    HeadObject,
    InitiateMultipartUpload,
    UploadPart,
    UploadPartCopy,
    CompleteMultipartUpload,
    AbortMultipartUpload,
    ListParts,
    ListMultipartUploads,
    CopyObject,
    ListObjectVersions,
    ListObjects,
    AdvanceClock,
    PutObjectTagging,
    GetObjectTagging,
    DeleteObjectTagging,
    PutBucketLifecycle,
    GetBucketLifecycle,
    DeleteBucketLifecycle,
    RunLifecycle,
    PutSymlink,
    GetSymlink,
    GetObjectMeta,
    PutObjectLockConfiguration,
    PutObjectRetention,
    PutObjectLegalHold,
    InitiateBucketWorm,
    CompleteBucketWorm,
    ExtendBucketWorm,
    AbortBucketWorm,
);
