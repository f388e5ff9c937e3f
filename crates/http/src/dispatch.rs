//! Dispatch (http.md §1.3): method, target, query and headers → the [`Operation`], or the
//! dialect's refusal.
//!
//! The mapping is one table, [`TABLE`], read top to bottom: the first row whose method, target
//! kind and discriminator match decides, with one answer per dialect (an operation,
//! `NotImplemented`, or "this row does not apply here"). Before the table, any parameter that
//! names the sub-resource of an API the model does not have (`acl`, `cors`, `policy`, …) is
//! answered `NotImplemented` 501 (MODEL). A method or target no row matches is
//! `MethodNotAllowed` 405 (MODEL).
//!
//! The rows beyond http.md §1.3's are the revision-2 operations (tags, symlinks, lifecycle,
//! Object Lock, oss retention policies) and the bucket reads SDKs call (GetBucketLocation,
//! ListBuckets), with the wire forms of the services' API references.

use bucket_versioning::Dialect;
use http::{HeaderMap, Method};

use crate::addressing::TargetKind;
use crate::headers::DialectHeaders;
use crate::query::Query;

use Operation as Op;
use TargetKind::{Bucket, Object, Service};
use Verb::{Delete, Get, Head, Post, Put};

/// An operation of either dialect's REST API, one per row of [`TABLE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Operation {
    /// `GET /` (SVC-1).
    ListBuckets,
    /// `PUT /{b}` (SVC-3).
    CreateBucket,
    /// `DELETE /{b}` (SVC-4).
    DeleteBucket,
    /// `HEAD /{b}` (SVC-6).
    HeadBucket,
    /// oss `GET /{b}?bucketInfo` (SVC-6).
    GetBucketInfo,
    /// `GET /{b}?location`.
    GetBucketLocation,
    /// `PUT /{b}?versioning` (VS-2).
    PutBucketVersioning,
    /// `GET /{b}?versioning`.
    GetBucketVersioning,
    /// `PUT /{b}?lifecycle` (LC-9, LC-14).
    PutBucketLifecycle,
    /// `GET /{b}?lifecycle` (LC-14).
    GetBucketLifecycle,
    /// `DELETE /{b}?lifecycle` (LC-14).
    DeleteBucketLifecycle,
    /// s3 `PUT /{b}?object-lock` (OL-1).
    PutObjectLockConfiguration,
    /// s3 `GET /{b}?object-lock` (OL-1).
    GetObjectLockConfiguration,
    /// oss `POST /{b}?worm` (OL-7).
    InitiateBucketWorm,
    /// oss `DELETE /{b}?worm` (OL-7).
    AbortBucketWorm,
    /// oss `POST /{b}?wormId=ID` (OL-7).
    CompleteBucketWorm,
    /// oss `POST /{b}?wormExtend&wormId=ID` (OL-7).
    ExtendBucketWorm,
    /// oss `GET /{b}?worm` (OL-7).
    GetBucketWorm,
    /// `GET /{b}?versions` (LST-1..LST-6).
    ListObjectVersions,
    /// `GET /{b}` (LST-7).
    ListObjects,
    /// `GET /{b}?list-type=2` (LST-7).
    ListObjectsV2,
    /// `GET /{b}?uploads` (MPU-10).
    ListMultipartUploads,
    /// `POST /{b}?delete` (BAT).
    DeleteObjects,
    /// `PUT /{b}/{k}` (PUT).
    PutObject,
    /// `PUT /{b}/{k}` with a copy-source header (CPY).
    CopyObject,
    /// oss `POST /{b}/{k}?append&position=N` (APP).
    AppendObject,
    /// oss `POST /{b}/{k}?seal&position=N` (APP-10).
    SealAppendObject,
    /// `POST /{b}/{k}?uploads` (MPU-1).
    InitiateMultipartUpload,
    /// `PUT /{b}/{k}?partNumber=N&uploadId=U` (MPU-2).
    UploadPart,
    /// UploadPart with a copy-source header (MPU-12).
    UploadPartCopy,
    /// `POST /{b}/{k}?uploadId=U` (MPU-4..MPU-7).
    CompleteMultipartUpload,
    /// `DELETE /{b}/{k}?uploadId=U` (MPU-8).
    AbortMultipartUpload,
    /// `GET /{b}/{k}?uploadId=U` (MPU-9).
    ListParts,
    /// `DELETE /{b}/{k}` (DEL).
    DeleteObject,
    /// `GET /{b}/{k}` (GET).
    GetObject,
    /// `HEAD /{b}/{k}` (GET).
    HeadObject,
    /// oss `HEAD /{b}/{k}?objectMeta` (GET-8).
    GetObjectMeta,
    /// s3 `GET /{b}/{k}?attributes` (GET-8).
    GetObjectAttributes,
    /// `PUT /{b}/{k}?tagging` (TAG-2).
    PutObjectTagging,
    /// `GET /{b}/{k}?tagging` (TAG-2).
    GetObjectTagging,
    /// `DELETE /{b}/{k}?tagging` (TAG-2).
    DeleteObjectTagging,
    /// oss `PUT /{b}/{k}?symlink` (SYM-2).
    PutSymlink,
    /// oss `GET /{b}/{k}?symlink` (SYM-3).
    GetSymlink,
    /// s3 `PUT /{b}/{k}?retention` (OL-6).
    PutObjectRetention,
    /// s3 `GET /{b}/{k}?retention` (OL-2).
    GetObjectRetention,
    /// s3 `PUT /{b}/{k}?legal-hold` (OL-2).
    PutObjectLegalHold,
    /// s3 `GET /{b}/{k}?legal-hold` (OL-2).
    GetObjectLegalHold,
}

impl Operation {
    /// Every operation, in declaration order.
    pub const ALL: [Operation; 47] = [
        Operation::ListBuckets,
        Operation::CreateBucket,
        Operation::DeleteBucket,
        Operation::HeadBucket,
        Operation::GetBucketInfo,
        Operation::GetBucketLocation,
        Operation::PutBucketVersioning,
        Operation::GetBucketVersioning,
        Operation::PutBucketLifecycle,
        Operation::GetBucketLifecycle,
        Operation::DeleteBucketLifecycle,
        Operation::PutObjectLockConfiguration,
        Operation::GetObjectLockConfiguration,
        Operation::InitiateBucketWorm,
        Operation::AbortBucketWorm,
        Operation::CompleteBucketWorm,
        Operation::ExtendBucketWorm,
        Operation::GetBucketWorm,
        Operation::ListObjectVersions,
        Operation::ListObjects,
        Operation::ListObjectsV2,
        Operation::ListMultipartUploads,
        Operation::DeleteObjects,
        Operation::PutObject,
        Operation::CopyObject,
        Operation::AppendObject,
        Operation::SealAppendObject,
        Operation::InitiateMultipartUpload,
        Operation::UploadPart,
        Operation::UploadPartCopy,
        Operation::CompleteMultipartUpload,
        Operation::AbortMultipartUpload,
        Operation::ListParts,
        Operation::DeleteObject,
        Operation::GetObject,
        Operation::HeadObject,
        Operation::GetObjectMeta,
        Operation::GetObjectAttributes,
        Operation::PutObjectTagging,
        Operation::GetObjectTagging,
        Operation::DeleteObjectTagging,
        Operation::PutSymlink,
        Operation::GetSymlink,
        Operation::PutObjectRetention,
        Operation::GetObjectRetention,
        Operation::PutObjectLegalHold,
        Operation::GetObjectLegalHold,
    ];

    /// The operation's name in the API references (`DeleteObjects` is oss's
    /// DeleteMultipleObjects; `PutBucketLifecycle` is s3's PutBucketLifecycleConfiguration).
    pub const fn name(self) -> &'static str {
        match self {
            Operation::ListBuckets => "ListBuckets",
            Operation::CreateBucket => "CreateBucket",
            Operation::DeleteBucket => "DeleteBucket",
            Operation::HeadBucket => "HeadBucket",
            Operation::GetBucketInfo => "GetBucketInfo",
            Operation::GetBucketLocation => "GetBucketLocation",
            Operation::PutBucketVersioning => "PutBucketVersioning",
            Operation::GetBucketVersioning => "GetBucketVersioning",
            Operation::PutBucketLifecycle => "PutBucketLifecycle",
            Operation::GetBucketLifecycle => "GetBucketLifecycle",
            Operation::DeleteBucketLifecycle => "DeleteBucketLifecycle",
            Operation::PutObjectLockConfiguration => "PutObjectLockConfiguration",
            Operation::GetObjectLockConfiguration => "GetObjectLockConfiguration",
            Operation::InitiateBucketWorm => "InitiateBucketWorm",
            Operation::AbortBucketWorm => "AbortBucketWorm",
            Operation::CompleteBucketWorm => "CompleteBucketWorm",
            Operation::ExtendBucketWorm => "ExtendBucketWorm",
            Operation::GetBucketWorm => "GetBucketWorm",
            Operation::ListObjectVersions => "ListObjectVersions",
            Operation::ListObjects => "ListObjects",
            Operation::ListObjectsV2 => "ListObjectsV2",
            Operation::ListMultipartUploads => "ListMultipartUploads",
            Operation::DeleteObjects => "DeleteObjects",
            Operation::PutObject => "PutObject",
            Operation::CopyObject => "CopyObject",
            Operation::AppendObject => "AppendObject",
            Operation::SealAppendObject => "SealAppendObject",
            Operation::InitiateMultipartUpload => "InitiateMultipartUpload",
            Operation::UploadPart => "UploadPart",
            Operation::UploadPartCopy => "UploadPartCopy",
            Operation::CompleteMultipartUpload => "CompleteMultipartUpload",
            Operation::AbortMultipartUpload => "AbortMultipartUpload",
            Operation::ListParts => "ListParts",
            Operation::DeleteObject => "DeleteObject",
            Operation::GetObject => "GetObject",
            Operation::HeadObject => "HeadObject",
            Operation::GetObjectMeta => "GetObjectMeta",
            Operation::GetObjectAttributes => "GetObjectAttributes",
            Operation::PutObjectTagging => "PutObjectTagging",
            Operation::GetObjectTagging => "GetObjectTagging",
            Operation::DeleteObjectTagging => "DeleteObjectTagging",
            Operation::PutSymlink => "PutSymlink",
            Operation::GetSymlink => "GetSymlink",
            Operation::PutObjectRetention => "PutObjectRetention",
            Operation::GetObjectRetention => "GetObjectRetention",
            Operation::PutObjectLegalHold => "PutObjectLegalHold",
            Operation::GetObjectLegalHold => "GetObjectLegalHold",
        }
    }
}

impl core::fmt::Display for Operation {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// A request no operation of the dialect answers.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DispatchError {
    /// `NotImplemented` 501: an API outside the model (`acl`, `cors`, …), or one of the other
    /// dialect's the model has no command for (SYM-1: symlinks on s3; APP-1 is the model's own
    /// answer).
    #[error("{feature} is not implemented")]
    NotImplemented {
        /// The API or sub-resource: an operation name or a query parameter.
        feature: &'static str,
    },
    /// `MethodNotAllowed` 405 (MODEL): a method that no row has for this target.
    #[error("the method {method} is not allowed against this resource")]
    MethodNotAllowed {
        /// The request's method.
        method: Method,
        /// The kind of target it was sent to.
        target: TargetKind,
    },
}

/// The methods of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    /// `GET`.
    Get,
    /// `HEAD`.
    Head,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
}

impl Verb {
    fn of(method: &Method) -> Option<Verb> {
        Some(match *method {
            Method::GET => Verb::Get,
            Method::HEAD => Verb::Head,
            Method::PUT => Verb::Put,
            Method::POST => Verb::Post,
            Method::DELETE => Verb::Delete,
            _ => return None,
        })
    }
}

/// What a row needs of the query and headers besides the method and target: the
/// "Query / header discriminator" column of http.md §1.3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Nothing: the row is the fallback for its method and target.
    Always,
    /// The flag is present (bare, empty or with a value).
    Flag(&'static str),
    /// Every flag is present.
    Flags(&'static [&'static str]),
    /// The parameter has exactly this value (`list-type=2`).
    Param(&'static str, &'static str),
    /// The dialect's copy-source header is present (`x-oss-copy-source` / `x-amz-copy-source`).
    CopySource,
    /// Every flag and the copy-source header are present.
    FlagsAndCopySource(&'static [&'static str]),
}

/// A row's answer in one dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The row dispatches to this operation.
    Op(Operation),
    /// The row is recognised and answered `NotImplemented` 501 (SYM-1, …).
    NotImplemented(&'static str),
}

/// One row of the dispatch table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// The method.
    pub verb: Verb,
    /// The kind of target.
    pub target: TargetKind,
    /// The discriminator.
    pub when: When,
    /// The oss answer.
    pub oss: Answer,
    /// The s3 answer.
    pub s3: Answer,
}

const fn both(verb: Verb, target: TargetKind, when: When, op: Operation) -> Row {
    Row {
        verb,
        target,
        when,
        oss: Answer::Op(op),
        s3: Answer::Op(op),
    }
}

const fn oss_only(verb: Verb, target: TargetKind, when: When, op: Operation) -> Row {
    Row {
        verb,
        target,
        when,
        oss: Answer::Op(op),
        s3: Answer::NotImplemented(op.name()),
    }
}

const fn s3_only(verb: Verb, target: TargetKind, when: When, op: Operation) -> Row {
    Row {
        verb,
        target,
        when,
        oss: Answer::NotImplemented(op.name()),
        s3: Answer::Op(op),
    }
}

const fn neither(verb: Verb, target: TargetKind, when: When, feature: &'static str) -> Row {
    Row {
        verb,
        target,
        when,
        oss: Answer::NotImplemented(feature),
        s3: Answer::NotImplemented(feature),
    }
}

/// The dispatch table of both dialects, first matching row wins (http.md §1.3 and the
/// revision-2 operations).
pub static TABLE: &[Row] = &[
    // The service.
    both(Get, Service, When::Always, Op::ListBuckets),
    // Buckets.
    both(
        Put,
        Bucket,
        When::Flag("versioning"),
        Op::PutBucketVersioning,
    ),
    both(Put, Bucket, When::Flag("lifecycle"), Op::PutBucketLifecycle),
    s3_only(
        Put,
        Bucket,
        When::Flag("object-lock"),
        Op::PutObjectLockConfiguration,
    ),
    neither(Put, Bucket, When::Flag("tagging"), "PutBucketTagging"),
    both(Put, Bucket, When::Always, Op::CreateBucket),
    both(
        Get,
        Bucket,
        When::Flag("versioning"),
        Op::GetBucketVersioning,
    ),
    both(Get, Bucket, When::Flag("versions"), Op::ListObjectVersions),
    both(Get, Bucket, When::Flag("uploads"), Op::ListMultipartUploads),
    both(Get, Bucket, When::Flag("lifecycle"), Op::GetBucketLifecycle),
    oss_only(Get, Bucket, When::Flag("bucketInfo"), Op::GetBucketInfo),
    both(Get, Bucket, When::Flag("location"), Op::GetBucketLocation),
    s3_only(
        Get,
        Bucket,
        When::Flag("object-lock"),
        Op::GetObjectLockConfiguration,
    ),
    oss_only(Get, Bucket, When::Flag("worm"), Op::GetBucketWorm),
    neither(Get, Bucket, When::Flag("tagging"), "GetBucketTagging"),
    both(
        Get,
        Bucket,
        When::Param("list-type", "2"),
        Op::ListObjectsV2,
    ),
    both(Get, Bucket, When::Always, Op::ListObjects),
    both(Head, Bucket, When::Always, Op::HeadBucket),
    both(
        Delete,
        Bucket,
        When::Flag("lifecycle"),
        Op::DeleteBucketLifecycle,
    ),
    oss_only(Delete, Bucket, When::Flag("worm"), Op::AbortBucketWorm),
    neither(Delete, Bucket, When::Flag("tagging"), "DeleteBucketTagging"),
    both(Delete, Bucket, When::Always, Op::DeleteBucket),
    both(Post, Bucket, When::Flag("delete"), Op::DeleteObjects),
    oss_only(Post, Bucket, When::Flag("worm"), Op::InitiateBucketWorm),
    oss_only(Post, Bucket, When::Flag("wormExtend"), Op::ExtendBucketWorm),
    oss_only(Post, Bucket, When::Flag("wormId"), Op::CompleteBucketWorm),
    // Objects.
    both(
        Put,
        Object,
        When::FlagsAndCopySource(&["uploadId", "partNumber"]),
        Op::UploadPartCopy,
    ),
    both(
        Put,
        Object,
        When::Flags(&["uploadId", "partNumber"]),
        Op::UploadPart,
    ),
    both(Put, Object, When::Flag("tagging"), Op::PutObjectTagging),
    // Dispatched in s3 too, like appends: the model answers SYM-1 (`NotImplemented` 501).
    both(Put, Object, When::Flag("symlink"), Op::PutSymlink),
    s3_only(Put, Object, When::Flag("retention"), Op::PutObjectRetention),
    s3_only(
        Put,
        Object,
        When::Flag("legal-hold"),
        Op::PutObjectLegalHold,
    ),
    both(Put, Object, When::CopySource, Op::CopyObject),
    both(Put, Object, When::Always, Op::PutObject),
    // Dispatched in s3 too: the model answers APP-1 (`NotImplemented` 501) after the bucket's
    // existence (SVC-1), as it answers any other command of a bucket.
    both(Post, Object, When::Flag("append"), Op::AppendObject),
    both(Post, Object, When::Flag("seal"), Op::SealAppendObject),
    both(
        Post,
        Object,
        When::Flag("uploads"),
        Op::InitiateMultipartUpload,
    ),
    both(
        Post,
        Object,
        When::Flag("uploadId"),
        Op::CompleteMultipartUpload,
    ),
    both(
        Delete,
        Object,
        When::Flag("uploadId"),
        Op::AbortMultipartUpload,
    ),
    both(
        Delete,
        Object,
        When::Flag("tagging"),
        Op::DeleteObjectTagging,
    ),
    both(Delete, Object, When::Always, Op::DeleteObject),
    both(Get, Object, When::Flag("uploadId"), Op::ListParts),
    both(Get, Object, When::Flag("tagging"), Op::GetObjectTagging),
    both(Get, Object, When::Flag("symlink"), Op::GetSymlink),
    s3_only(
        Get,
        Object,
        When::Flag("attributes"),
        Op::GetObjectAttributes,
    ),
    s3_only(Get, Object, When::Flag("retention"), Op::GetObjectRetention),
    s3_only(
        Get,
        Object,
        When::Flag("legal-hold"),
        Op::GetObjectLegalHold,
    ),
    both(Get, Object, When::Always, Op::GetObject),
    oss_only(Head, Object, When::Flag("objectMeta"), Op::GetObjectMeta),
    both(Head, Object, When::Always, Op::HeadObject),
];

/// Sub-resources of APIs outside the model, answered `NotImplemented` 501 wherever they appear
/// (http.md §1.2, MODEL). Object and bucket tagging are told apart by the table.
pub static UNSUPPORTED_SUBRESOURCES: &[&str] = &[
    "accelerate",
    "accessPoint",
    "accessPointPolicy",
    "acl",
    "analytics",
    "asyncFetch",
    "bucketArchiveDirectRead",
    "cname",
    "comp",
    "cors",
    "encryption",
    "httpsConfig",
    "intelligent-tiering",
    "inventory",
    "live",
    "logging",
    "metaQuery",
    "metrics",
    "notification",
    "objectInfo",
    "ownershipControls",
    "policy",
    "policyStatus",
    "publicAccessBlock",
    "qos",
    "qosInfo",
    "redundancyTransition",
    "referer",
    "regionList",
    "replication",
    "replicationLocation",
    "replicationProgress",
    "requestPayment",
    "resourceGroup",
    "resourcePool",
    "restore",
    "select",
    "stat",
    "style",
    "torrent",
    "transferAcceleration",
    "website",
    "x-oss-async-process",
    "x-oss-process",
];

/// The operation a request asks for in `dialect` (http.md §1.3).
///
/// `query` should be the query without presign parameters ([`Query::without_presign`]).
pub fn dispatch(
    dialect: Dialect,
    method: &Method,
    target: TargetKind,
    query: &Query,
    headers: &HeaderMap,
) -> Result<Operation, DispatchError> {
    if let Some(feature) = UNSUPPORTED_SUBRESOURCES.iter().find(|name| query.has(name)) {
        return Err(DispatchError::NotImplemented { feature });
    }
    let not_allowed = || DispatchError::MethodNotAllowed {
        method: method.clone(),
        target,
    };
    let verb = Verb::of(method).ok_or_else(not_allowed)?;
    let copy_source = headers.contains_key(&DialectHeaders::of(dialect).copy_source);
    let matches = |when: When| match when {
        When::Always => true,
        When::Flag(name) => query.has(name),
        When::Flags(names) => names.iter().all(|name| query.has(name)),
        When::Param(name, value) => query.value(name) == Some(value),
        When::CopySource => copy_source,
        When::FlagsAndCopySource(names) => copy_source && names.iter().all(|name| query.has(name)),
    };
    for row in TABLE {
        if row.verb != verb || row.target != target || !matches(row.when) {
            continue;
        }
        let answer = match dialect {
            Dialect::Oss => row.oss,
            Dialect::S3 => row.s3,
        };
        match answer {
            // OL-1: the model turns Object Lock on with PutObjectLockConfiguration only; a bucket
            // created without it would be a wrong success.
            Answer::Op(Operation::CreateBucket)
                if headers
                    .get(&crate::headers::s3::BUCKET_OBJECT_LOCK_ENABLED)
                    .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"true")) =>
            {
                return Err(DispatchError::NotImplemented {
                    feature: "x-amz-bucket-object-lock-enabled",
                });
            }
            Answer::Op(operation) => return Ok(operation),
            Answer::NotImplemented(feature) => {
                return Err(DispatchError::NotImplemented { feature });
            }
        }
    }
    Err(not_allowed())
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[track_caller]
    fn check(
        dialect: Dialect,
        method: Method,
        target: TargetKind,
        query: &str,
        headers: &[(&str, &str)],
    ) -> Result<Operation, DispatchError> {
        let query = Query::parse(Some(query)).expect("test queries decode");
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(
                http::HeaderName::from_bytes(name.as_bytes()).expect("test header names"),
                HeaderValue::from_str(value).expect("test header values"),
            );
        }
        dispatch(dialect, &method, target, &query.without_presign(), &map)
    }

    // http.md §1.3: every row of the spec's table, in both dialects where it has both.
    #[test]
    fn the_spec_table_dispatches() {
        use Operation as O;
        let copy = |dialect| match dialect {
            Dialect::Oss => "x-oss-copy-source",
            Dialect::S3 => "x-amz-copy-source",
        };
        for dialect in [Dialect::Oss, Dialect::S3] {
            let rows: &[(Method, TargetKind, &str, bool, Operation)] = &[
                (
                    Method::PUT,
                    Bucket,
                    "versioning",
                    false,
                    O::PutBucketVersioning,
                ),
                (
                    Method::PUT,
                    Bucket,
                    "lifecycle",
                    false,
                    O::PutBucketLifecycle,
                ),
                (Method::PUT, Bucket, "", false, O::CreateBucket),
                (
                    Method::GET,
                    Bucket,
                    "versioning",
                    false,
                    O::GetBucketVersioning,
                ),
                (
                    Method::GET,
                    Bucket,
                    "versions",
                    false,
                    O::ListObjectVersions,
                ),
                (
                    Method::GET,
                    Bucket,
                    "uploads=",
                    false,
                    O::ListMultipartUploads,
                ),
                (
                    Method::GET,
                    Bucket,
                    "lifecycle",
                    false,
                    O::GetBucketLifecycle,
                ),
                (Method::GET, Bucket, "list-type=2", false, O::ListObjectsV2),
                (Method::GET, Bucket, "prefix=a", false, O::ListObjects),
                (Method::GET, Bucket, "location", false, O::GetBucketLocation),
                (Method::HEAD, Bucket, "", false, O::HeadBucket),
                (
                    Method::DELETE,
                    Bucket,
                    "lifecycle",
                    false,
                    O::DeleteBucketLifecycle,
                ),
                (Method::DELETE, Bucket, "", false, O::DeleteBucket),
                (
                    Method::POST,
                    Bucket,
                    "delete&encoding-type=url",
                    false,
                    O::DeleteObjects,
                ),
                (
                    Method::PUT,
                    Object,
                    "partNumber=1&uploadId=u",
                    true,
                    O::UploadPartCopy,
                ),
                (
                    Method::PUT,
                    Object,
                    "partNumber=1&uploadId=u",
                    false,
                    O::UploadPart,
                ),
                (Method::PUT, Object, "tagging", false, O::PutObjectTagging),
                (Method::PUT, Object, "", true, O::CopyObject),
                (Method::PUT, Object, "", false, O::PutObject),
                (
                    Method::POST,
                    Object,
                    "uploads",
                    false,
                    O::InitiateMultipartUpload,
                ),
                (
                    Method::POST,
                    Object,
                    "uploadId=u",
                    false,
                    O::CompleteMultipartUpload,
                ),
                (
                    Method::DELETE,
                    Object,
                    "uploadId=u",
                    false,
                    O::AbortMultipartUpload,
                ),
                (
                    Method::DELETE,
                    Object,
                    "tagging",
                    false,
                    O::DeleteObjectTagging,
                ),
                (
                    Method::DELETE,
                    Object,
                    "versionId=v",
                    false,
                    O::DeleteObject,
                ),
                (Method::GET, Object, "uploadId=u", false, O::ListParts),
                (Method::GET, Object, "tagging", false, O::GetObjectTagging),
                (Method::GET, Object, "versionId=v", false, O::GetObject),
                (Method::HEAD, Object, "", false, O::HeadObject),
                (Method::GET, Service, "", false, O::ListBuckets),
            ];
            for (method, target, query, with_copy, expected) in rows {
                let headers: &[(&str, &str)] = if *with_copy {
                    &[(copy(dialect), "/b/k")]
                } else {
                    &[]
                };
                assert_eq!(
                    check(dialect, method.clone(), *target, query, headers),
                    Ok(*expected),
                    "{dialect} {method} {target:?} ?{query}"
                );
            }
        }
    }

    // APP-1, SVC-1: append and seal dispatch in s3 too, so that the model refuses them after
    // the bucket's existence, as it orders its checks (http.md §1.3: recognised, not falling
    // through to PutObject or GetObject).
    #[test]
    fn s3_appends_reach_the_model() {
        for dialect in [Dialect::Oss, Dialect::S3] {
            assert_eq!(
                check(dialect, Method::POST, Object, "append&position=0", &[]),
                Ok(Operation::AppendObject)
            );
            assert_eq!(
                check(dialect, Method::POST, Object, "seal&position=3", &[]),
                Ok(Operation::SealAppendObject)
            );
        }
    }

    // http.md §1.3: the oss-only rows, and their 501 in s3 (OL-7, …). Symlinks are
    // dispatched in s3 too: the model answers SYM-1.
    #[test]
    fn oss_only_rows_are_not_implemented_in_s3() {
        use Operation as O;
        for operation in [O::PutSymlink, O::GetSymlink] {
            let (method, query) = match operation {
                O::PutSymlink => (Method::PUT, "symlink"),
                _ => (Method::GET, "symlink"),
            };
            for dialect in [Dialect::Oss, Dialect::S3] {
                assert_eq!(
                    check(dialect, method.clone(), Object, query, &[]),
                    Ok(operation)
                );
            }
        }
        let rows = [
            (Method::HEAD, Object, "objectMeta", O::GetObjectMeta),
            (Method::GET, Bucket, "bucketInfo", O::GetBucketInfo),
            (Method::POST, Bucket, "worm", O::InitiateBucketWorm),
            (
                Method::POST,
                Bucket,
                "wormExtend&wormId=w",
                O::ExtendBucketWorm,
            ),
            (Method::POST, Bucket, "wormId=w", O::CompleteBucketWorm),
            (Method::DELETE, Bucket, "worm", O::AbortBucketWorm),
            (Method::GET, Bucket, "worm", O::GetBucketWorm),
        ];
        for (method, target, query, operation) in rows {
            assert_eq!(
                check(Dialect::Oss, method.clone(), target, query, &[]),
                Ok(operation)
            );
            assert_eq!(
                check(Dialect::S3, method, target, query, &[]),
                Err(DispatchError::NotImplemented {
                    feature: operation.name()
                }),
                "{query}"
            );
        }
    }

    // OL-1, OL-2, GET-8: the s3-only rows, and their 501 in oss.
    #[test]
    fn s3_only_rows_are_not_implemented_in_oss() {
        use Operation as O;
        let rows = [
            (
                Method::PUT,
                Bucket,
                "object-lock",
                O::PutObjectLockConfiguration,
            ),
            (
                Method::GET,
                Bucket,
                "object-lock",
                O::GetObjectLockConfiguration,
            ),
            (Method::PUT, Object, "retention", O::PutObjectRetention),
            (Method::GET, Object, "retention", O::GetObjectRetention),
            (Method::PUT, Object, "legal-hold", O::PutObjectLegalHold),
            (Method::GET, Object, "legal-hold", O::GetObjectLegalHold),
            (Method::GET, Object, "attributes", O::GetObjectAttributes),
        ];
        for (method, target, query, operation) in rows {
            assert_eq!(
                check(Dialect::S3, method.clone(), target, query, &[]),
                Ok(operation)
            );
            assert_eq!(
                check(Dialect::Oss, method, target, query, &[]),
                Err(DispatchError::NotImplemented {
                    feature: operation.name()
                })
            );
        }
    }

    // http.md §1.3: the first matching row wins — a part copy is not a CopyObject, an append
    // is not a PutObject, a tagging request on a versioned key is not a GetObject.
    #[test]
    fn the_first_matching_row_wins() {
        let copy = [("x-amz-copy-source", "b/k")];
        assert_eq!(
            check(
                Dialect::S3,
                Method::PUT,
                Object,
                "uploadId=u&partNumber=2",
                &copy
            ),
            Ok(Operation::UploadPartCopy)
        );
        assert_eq!(
            check(Dialect::S3, Method::PUT, Object, "partNumber=2", &copy),
            Ok(Operation::CopyObject)
        );
        // Another dialect's copy header is just a header.
        assert_eq!(
            check(Dialect::Oss, Method::PUT, Object, "", &copy),
            Ok(Operation::PutObject)
        );
        assert_eq!(
            check(
                Dialect::Oss,
                Method::GET,
                Object,
                "tagging&versionId=v",
                &[]
            ),
            Ok(Operation::GetObjectTagging)
        );
        assert_eq!(
            check(
                Dialect::Oss,
                Method::POST,
                Bucket,
                "wormExtend&wormId=w",
                &[]
            ),
            Ok(Operation::ExtendBucketWorm)
        );
        assert_eq!(
            check(Dialect::S3, Method::GET, Bucket, "list-type=1", &[]),
            Ok(Operation::ListObjects)
        );
    }

    // http.md §1.2: unsupported sub-resources are 501 wherever they appear; unknown plain
    // parameters are ignored; presign parameters do not count.
    #[test]
    fn unsupported_subresources_are_not_implemented() {
        for (method, target, query) in [
            (Method::GET, Object, "acl"),
            (Method::PUT, Bucket, "cors="),
            (Method::GET, Bucket, "policy"),
            (Method::PUT, Bucket, "website"),
            (Method::GET, Object, "x-oss-process=image/resize"),
        ] {
            let name = query.split(['=', '&']).next().expect("a name");
            for dialect in [Dialect::Oss, Dialect::S3] {
                assert_eq!(
                    check(dialect, method.clone(), target, query, &[]),
                    Err(DispatchError::NotImplemented {
                        feature: UNSUPPORTED_SUBRESOURCES
                            .iter()
                            .find(|feature| **feature == name)
                            .expect("listed")
                    })
                );
            }
        }
        assert_eq!(
            check(Dialect::Oss, Method::PUT, Bucket, "tagging", &[]),
            Err(DispatchError::NotImplemented {
                feature: "PutBucketTagging"
            })
        );
        assert_eq!(
            check(
                Dialect::S3,
                Method::GET,
                Object,
                "x-id=GetObject&foo=bar",
                &[]
            ),
            Ok(Operation::GetObject)
        );
        assert_eq!(
            check(
                Dialect::S3,
                Method::GET,
                Object,
                "X-Amz-Signature=s&X-Amz-Credential=c",
                &[]
            ),
            Ok(Operation::GetObject)
        );
    }

    // MODEL: methods and targets without a row are 405.
    #[test]
    fn unmatched_methods_are_not_allowed() {
        for (method, target, query) in [
            (Method::POST, Object, ""),
            (Method::PATCH, Object, ""),
            (Method::PUT, Service, ""),
            (Method::POST, Bucket, ""),
            (Method::OPTIONS, Bucket, ""),
        ] {
            assert_eq!(
                check(Dialect::Oss, method.clone(), target, query, &[]),
                Err(DispatchError::MethodNotAllowed { method, target })
            );
        }
    }

    // The table is consistent: every operation has a row, its name is unique, and no row is
    // shadowed by an earlier one with the same method, target and discriminator.
    #[test]
    fn every_operation_has_one_reachable_row() {
        let mut names: Vec<&str> = TABLE
            .iter()
            .flat_map(|row| [row.oss, row.s3])
            .filter_map(|answer| match answer {
                Answer::Op(op) => Some(op.name()),
                _ => None,
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        let mut all: Vec<&str> = Operation::ALL.iter().map(|op| op.name()).collect();
        all.sort_unstable();
        assert_eq!(names, all);
        for (index, row) in TABLE.iter().enumerate() {
            let shadowed = TABLE[..index].iter().any(|earlier| {
                earlier.verb == row.verb && earlier.target == row.target && earlier.when == row.when
            });
            assert!(!shadowed, "row {index} is shadowed: {row:?}");
        }
    }

    // OL-1: CreateBucket asking for Object Lock is refused, not answered with a bucket
    // without it; without the header (or with `false`) it is CreateBucket.
    #[test]
    fn create_bucket_with_object_lock_is_not_implemented() {
        let query = Query::parse(None).expect("an empty query decodes");
        let mut headers = HeaderMap::new();
        let create = |headers: &HeaderMap| {
            dispatch(
                Dialect::S3,
                &Method::PUT,
                TargetKind::Bucket,
                &query,
                headers,
            )
        };
        assert_eq!(create(&headers), Ok(Operation::CreateBucket));
        headers.insert(
            "x-amz-bucket-object-lock-enabled",
            HeaderValue::from_static("false"),
        );
        assert_eq!(create(&headers), Ok(Operation::CreateBucket));
        headers.insert(
            "x-amz-bucket-object-lock-enabled",
            HeaderValue::from_static("True"),
        );
        assert_eq!(
            create(&headers),
            Err(DispatchError::NotImplemented {
                feature: "x-amz-bucket-object-lock-enabled"
            })
        );
    }
}
