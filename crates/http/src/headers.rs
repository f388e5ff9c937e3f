//! Header names: the ones both dialects have under their own prefix (`x-oss-` / `x-amz-`), in one
//! table per dialect, and the ones only one dialect has.
//!
//! The command mapping reads request headers and writes response headers through these names, so
//! no header name is spelled twice in the workspace.

use bucket_versioning::Dialect;
use http::HeaderName;

/// The headers both dialects have, each under its own prefix.
///
/// ```
/// use bucket_versioning::Dialect;
/// use bucket_versioning_http::headers::DialectHeaders;
///
/// assert_eq!(DialectHeaders::of(Dialect::Oss).version_id, "x-oss-version-id");
/// assert_eq!(DialectHeaders::of(Dialect::S3).version_id, "x-amz-version-id");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct DialectHeaders {
    /// The prefix every header of the dialect starts with: `x-oss-` / `x-amz-`.
    pub prefix: &'static str,
    /// The prefix of user metadata headers: `x-oss-meta-` / `x-amz-meta-` (TAG-5).
    pub meta_prefix: &'static str,
    /// The request ID (http.md §2).
    pub request_id: HeaderName,
    /// The version ID a response reports (RSP-1..RSP-5).
    pub version_id: HeaderName,
    /// `true` when the response is about a delete marker (http.md §2).
    pub delete_marker: HeaderName,
    /// The source of a copy: `/{bucket}/{key}[?versionId=V]` (http.md §5.5).
    pub copy_source: HeaderName,
    /// The byte range of an UploadPartCopy source: `bytes=a-b` (MPU-12).
    pub copy_source_range: HeaderName,
    /// The version a copy read from its source (RSP-5).
    pub copy_source_version_id: HeaderName,
    /// Copy-source condition: the source's ETag must match.
    pub copy_source_if_match: HeaderName,
    /// Copy-source condition: the source's ETag must differ.
    pub copy_source_if_none_match: HeaderName,
    /// Copy-source condition: the source changed after this date.
    pub copy_source_if_modified_since: HeaderName,
    /// Copy-source condition: the source did not change after this date.
    pub copy_source_if_unmodified_since: HeaderName,
    /// `COPY` or `REPLACE` for the metadata of a copy (TAG-6).
    pub metadata_directive: HeaderName,
    /// The tag set of a new version, URL-query encoded (TAG-1).
    pub tagging: HeaderName,
    /// `COPY` or `REPLACE` for the tags of a copy (TAG-1).
    pub tagging_directive: HeaderName,
    /// The storage class of a new version (TAG-5).
    pub storage_class: HeaderName,
    /// The payload hash a signature covers (http.md §6).
    pub content_sha256: HeaderName,
    /// The signing time of V4 signatures (http.md §6).
    pub date: HeaderName,
    /// The session token of temporary credentials.
    pub security_token: HeaderName,
}

/// The oss table.
pub static OSS: DialectHeaders = DialectHeaders {
    prefix: "x-oss-",
    meta_prefix: "x-oss-meta-",
    request_id: HeaderName::from_static("x-oss-request-id"),
    version_id: HeaderName::from_static("x-oss-version-id"),
    delete_marker: HeaderName::from_static("x-oss-delete-marker"),
    copy_source: HeaderName::from_static("x-oss-copy-source"),
    copy_source_range: HeaderName::from_static("x-oss-copy-source-range"),
    copy_source_version_id: HeaderName::from_static("x-oss-copy-source-version-id"),
    copy_source_if_match: HeaderName::from_static("x-oss-copy-source-if-match"),
    copy_source_if_none_match: HeaderName::from_static("x-oss-copy-source-if-none-match"),
    copy_source_if_modified_since: HeaderName::from_static("x-oss-copy-source-if-modified-since"),
    copy_source_if_unmodified_since: HeaderName::from_static(
        "x-oss-copy-source-if-unmodified-since",
    ),
    metadata_directive: HeaderName::from_static("x-oss-metadata-directive"),
    tagging: HeaderName::from_static("x-oss-tagging"),
    tagging_directive: HeaderName::from_static("x-oss-tagging-directive"),
    storage_class: HeaderName::from_static("x-oss-storage-class"),
    content_sha256: HeaderName::from_static("x-oss-content-sha256"),
    date: HeaderName::from_static("x-oss-date"),
    security_token: HeaderName::from_static("x-oss-security-token"),
};

/// The s3 table.
pub static S3: DialectHeaders = DialectHeaders {
    prefix: "x-amz-",
    meta_prefix: "x-amz-meta-",
    request_id: HeaderName::from_static("x-amz-request-id"),
    version_id: HeaderName::from_static("x-amz-version-id"),
    delete_marker: HeaderName::from_static("x-amz-delete-marker"),
    copy_source: HeaderName::from_static("x-amz-copy-source"),
    copy_source_range: HeaderName::from_static("x-amz-copy-source-range"),
    copy_source_version_id: HeaderName::from_static("x-amz-copy-source-version-id"),
    copy_source_if_match: HeaderName::from_static("x-amz-copy-source-if-match"),
    copy_source_if_none_match: HeaderName::from_static("x-amz-copy-source-if-none-match"),
    copy_source_if_modified_since: HeaderName::from_static("x-amz-copy-source-if-modified-since"),
    copy_source_if_unmodified_since: HeaderName::from_static(
        "x-amz-copy-source-if-unmodified-since",
    ),
    metadata_directive: HeaderName::from_static("x-amz-metadata-directive"),
    tagging: HeaderName::from_static("x-amz-tagging"),
    tagging_directive: HeaderName::from_static("x-amz-tagging-directive"),
    storage_class: HeaderName::from_static("x-amz-storage-class"),
    content_sha256: HeaderName::from_static("x-amz-content-sha256"),
    date: HeaderName::from_static("x-amz-date"),
    security_token: HeaderName::from_static("x-amz-security-token"),
};

impl DialectHeaders {
    /// The table of `dialect`.
    pub fn of(dialect: Dialect) -> &'static DialectHeaders {
        match dialect {
            Dialect::Oss => &OSS,
            Dialect::S3 => &S3,
        }
    }
}

/// Headers only the oss dialect has.
pub mod oss {
    use http::HeaderName;

    /// The whole-object CRC-64/XZ, unsigned decimal (CT-1, CT-2).
    pub static HASH_CRC64ECMA: HeaderName = HeaderName::from_static("x-oss-hash-crc64ecma");
    /// `Normal`, `Appendable`, `Multipart` or `Symlink`.
    pub static OBJECT_TYPE: HeaderName = HeaderName::from_static("x-oss-object-type");
    /// The position the next append must give (APP-5, APP-9).
    pub static NEXT_APPEND_POSITION: HeaderName =
        HeaderName::from_static("x-oss-next-append-position");
    /// The time an appendable object was sealed (APP-10).
    pub static SEALED_TIME: HeaderName = HeaderName::from_static("x-oss-sealed-time");
    /// The detailed error code of an error response (http.md §3.1).
    pub static EC: HeaderName = HeaderName::from_static("x-oss-ec");
    /// The base64 `<Error>` document of a HEAD error (http.md §3.1, MODEL).
    pub static ERR: HeaderName = HeaderName::from_static("x-oss-err");
    /// The target key of a symlink, URL-encoded (SYM-2).
    pub static SYMLINK_TARGET: HeaderName = HeaderName::from_static("x-oss-symlink-target");
    /// `true` to refuse overwriting an existing object (CND-6).
    pub static FORBID_OVERWRITE: HeaderName = HeaderName::from_static("x-oss-forbid-overwrite");
    /// `yes` to complete a multipart upload with every uploaded part (http.md §11 Q6).
    pub static COMPLETE_ALL: HeaderName = HeaderName::from_static("x-oss-complete-all");
    /// The ID of a retention policy InitiateBucketWorm created (OL-7).
    pub static WORM_ID: HeaderName = HeaderName::from_static("x-oss-worm-id");
    /// The canned ACL of a new object or bucket (not modelled).
    pub static OBJECT_ACL: HeaderName = HeaderName::from_static("x-oss-object-acl");
}

/// Headers only the s3 dialect has.
pub mod s3 {
    use http::HeaderName;

    /// The second request ID of every response (http.md §2).
    pub static ID_2: HeaderName = HeaderName::from_static("x-amz-id-2");
    /// The length of an aws-chunked body once decoded (http.md §7).
    pub static DECODED_CONTENT_LENGTH: HeaderName =
        HeaderName::from_static("x-amz-decoded-content-length");
    /// The trailer names an aws-chunked body ends with (http.md §7).
    pub static TRAILER: HeaderName = HeaderName::from_static("x-amz-trailer");
    /// The algorithm of the checksum an SDK sent (http.md §10).
    pub static SDK_CHECKSUM_ALGORITHM: HeaderName =
        HeaderName::from_static("x-amz-sdk-checksum-algorithm");
    /// `ENABLED` when the SDK validates response checksums (http.md §10).
    pub static CHECKSUM_MODE: HeaderName = HeaderName::from_static("x-amz-checksum-mode");
    /// The attributes GetObjectAttributes asks for (GET-8).
    pub static OBJECT_ATTRIBUTES: HeaderName = HeaderName::from_static("x-amz-object-attributes");
    /// The retention mode of a new version (OL-2).
    pub static OBJECT_LOCK_MODE: HeaderName = HeaderName::from_static("x-amz-object-lock-mode");
    /// The retain-until date of a new version (OL-2).
    pub static OBJECT_LOCK_RETAIN_UNTIL_DATE: HeaderName =
        HeaderName::from_static("x-amz-object-lock-retain-until-date");
    /// `ON` / `OFF`: the legal hold of a new version (OL-2).
    pub static OBJECT_LOCK_LEGAL_HOLD: HeaderName =
        HeaderName::from_static("x-amz-object-lock-legal-hold");
    /// `true` to let a request lift a `GOVERNANCE` retention (OL-4, OL-6).
    pub static BYPASS_GOVERNANCE_RETENTION: HeaderName =
        HeaderName::from_static("x-amz-bypass-governance-retention");
    /// `true` on CreateBucket to create the bucket with Object Lock (OL-1).
    pub static BUCKET_OBJECT_LOCK_ENABLED: HeaderName =
        HeaderName::from_static("x-amz-bucket-object-lock-enabled");
    /// The region a bucket is in, on HeadBucket (http.md §4).
    pub static BUCKET_REGION: HeaderName = HeaderName::from_static("x-amz-bucket-region");
    /// The canned ACL of a new object or bucket (not modelled).
    pub static ACL: HeaderName = HeaderName::from_static("x-amz-acl");
}

#[cfg(test)]
mod tests {
    use super::*;

    // http.md §2: every shared header is the same name under the dialect's prefix.
    #[test]
    fn the_two_tables_differ_only_in_the_prefix() {
        let names = |table: &'static DialectHeaders| {
            [
                &table.request_id,
                &table.version_id,
                &table.delete_marker,
                &table.copy_source,
                &table.copy_source_range,
                &table.copy_source_version_id,
                &table.copy_source_if_match,
                &table.copy_source_if_none_match,
                &table.copy_source_if_modified_since,
                &table.copy_source_if_unmodified_since,
                &table.metadata_directive,
                &table.tagging,
                &table.tagging_directive,
                &table.storage_class,
                &table.content_sha256,
                &table.date,
                &table.security_token,
            ]
            .map(|name| name.as_str().to_owned())
        };
        let oss = names(DialectHeaders::of(Dialect::Oss));
        let s3 = names(DialectHeaders::of(Dialect::S3));
        for (oss, s3) in oss.iter().zip(&s3) {
            assert!(oss.starts_with(OSS.prefix), "{oss}");
            assert_eq!(oss.strip_prefix(OSS.prefix), s3.strip_prefix(S3.prefix));
        }
        assert!(OSS.meta_prefix.starts_with(OSS.prefix));
        assert!(S3.meta_prefix.starts_with(S3.prefix));
    }
}
