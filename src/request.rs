//! Requests: one type per operation, the payload of each [`Command`](crate::Command) variant.
//!
//! Required fields are the constructor's arguments; optional ones are set by name, so no call
//! names an absent field:
//!
//! ```
//! use bucket_versioning::request::{ListObjectVersions, PutObject};
//!
//! let put = PutObject::new("photos/a.jpg", "bytes");
//! assert_eq!(put.assign_version_id, None);
//! let list = ListObjectVersions::new().prefix("photos/").max_keys(2);
//! assert_eq!((list.prefix.as_deref(), list.max_keys), (Some("photos/"), Some(2)));
//! ```
//!
//! With the `serde` feature each request is the body of its trace line: the fields in
//! snake_case, optional ones absent or `null`, unknown ones refused (`docs/spec/trace-format.md`).
//! A request carries what a client sent, unchecked; the bucket checks it once, in ERR-4's order.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use crate::body::Body;
use crate::content::ETag;
use crate::key::ObjectKey;
use crate::lifecycle::config::LifecycleRule;
use crate::lock::{DefaultRetention, LegalHoldStatus, Retention, RetentionMode};
use crate::metadata::{Directive, Metadata};
use crate::tags::Tags;
use crate::upload_id::UploadId;
use crate::version_id::VersionId;

/// Declares a request: its required fields (constructor arguments) and its optional ones (each
/// with a setter of the same name).
macro_rules! request {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$required_meta:meta])* $required:ident : $required_type:ty $(as $required_into:ident)?, )*
            $( ; $( $(#[$optional_meta:meta])* $optional:ident : $optional_type:ty $(as $optional_into:ident)?, )* )?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
        pub struct $name {
            $( $(#[$required_meta])* pub $required: $required_type, )*
            $($(
                $(#[$optional_meta])*
                #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
                pub $optional: Option<$optional_type>,
            )*)?
        }

        impl $name {
            #[doc = concat!("A `", stringify!($name), "` request with its required fields; the optional ones are absent.")]
            #[allow(clippy::new_without_default, reason = "some requests have no required field")]
            pub fn new($( $required: argument!($required_type $(, $required_into)?) ),*) -> Self {
                $name {
                    $( $required: $required.into(), )*
                    $($( $optional: None, )*)?
                }
            }

            $($(
                $(#[$optional_meta])*
                #[must_use]
                pub fn $optional(mut self, $optional: argument!($optional_type $(, $optional_into)?)) -> Self {
                    self.$optional = Some($optional.into());
                    self
                }
            )*)?
        }
    };
}

/// An argument's type: `T as into` takes anything that converts into `T` (keys, IDs, bodies,
/// text); a plain `T` (numbers, flags) takes exactly `T`, so that literals need no suffix.
macro_rules! argument {
    ($type:ty, into) => { impl Into<$type> };
    ($type:ty) => { $type };
}

request! {
    /// PutBucketVersioning: set the state to `Enabled` or `Suspended` (VS-2).
    PutBucketVersioning {
        /// The status asked for; any other string is a violation.
        status: String as into,
    }
}

request! {
    /// GetBucketVersioning: read the state.
    GetBucketVersioning {}
}

request! {
    /// PutObject: a simple upload (PUT).
    PutObject {
        /// The key.
        key: ObjectKey as into,
        /// The body.
        body: Body as into,
        ;
        /// The ID the new entry gets instead of a generated one (ID-5; Enabled only).
        assign_version_id: VersionId as into,
        /// The new version's tags (TAG-1, TAG-3).
        tags: Tags as into,
        /// The new version's content type (TAG-5); absent, the dialect's default.
        content_type: String as into,
        /// The new version's user metadata (TAG-5).
        metadata: Metadata as into,
        /// The new version's storage class (TAG-5); absent, the dialect's default.
        storage_class: String as into,
        /// CND-1, CND-4 (s3): write only if the key's head is an object version with this ETag
        /// (quotes and case ignored; `*`: any object version).
        if_match: String as into,
        /// CND-1, CND-3 (s3): `*`, write only if the key's head is not an object version.
        if_none_match: String as into,
        /// CND-6 (oss): refuse to overwrite a key that has an entry in an Unversioned bucket.
        forbid_overwrite: bool,
        /// OL-2 (s3): the new version's retention, in a lock-enabled bucket.
        retention: Retention,
        /// OL-2 (s3): the new version's legal hold, in a lock-enabled bucket.
        legal_hold: LegalHoldStatus,
    }
}

request! {
    /// AppendObject: add to the key's appendable object, or create it at position 0 (APP).
    AppendObject {
        /// The key.
        key: ObjectKey as into,
        /// The position the data goes at: the object's current length (APP-5).
        position: u64,
        /// The data to add.
        body: Body as into,
        ;
        /// A version ID, which an append may not name: always rejected (APP-2).
        version_id: VersionId as into,
        /// The tags of an appendable this append creates (TAG-1, MODEL: oss's `x-oss-tagging`
        /// on AppendObject); checked as an argument (TAG-3) and ignored by later appends, which
        /// keep the appendable's.
        tags: Tags as into,
        /// The content type of an appendable this append creates (TAG-5); ignored otherwise.
        content_type: String as into,
        /// The user metadata of an appendable this append creates (TAG-5); ignored otherwise.
        metadata: Metadata as into,
        /// The storage class of an appendable this append creates (TAG-5); ignored otherwise.
        storage_class: String as into,
    }
}

request! {
    /// SealAppendObject: stop appends to the key's appendable object for good (APP-10).
    SealAppendObject {
        /// The key.
        key: ObjectKey as into,
        /// The object's current length (APP-5).
        position: u64,
    }
}

request! {
    /// DeleteObject, with or without a version ID (DEL).
    DeleteObject {
        /// The key.
        key: ObjectKey as into,
        ;
        /// The version to remove for good; without it, a simple delete.
        version_id: VersionId as into,
        /// The ID a new delete marker gets instead of a generated one (ID-5; Enabled only).
        assign_version_id: VersionId as into,
        /// CND-5 (s3): delete only if the selected object version has this ETag (`*`: any
        /// object version).
        if_match: String as into,
        /// OL-4 (s3): let a delete by ID remove a version whose `GOVERNANCE` retention holds.
        bypass_governance: bool,
    }
}

request! {
    /// DeleteObjects: the batch delete (BAT).
    DeleteObjects {
        /// The entries to delete, 1 to 1000, in order (BAT-1, BAT-2).
        objects: Vec<ObjectIdentifier> as into,
        ;
        /// Quiet mode: report only the errors (BAT-4). Absent means false.
        quiet: bool,
        /// OL-4 (s3): let each entry's delete by ID remove a version whose `GOVERNANCE`
        /// retention holds, as DeleteObject's `bypass_governance` does. Absent means false.
        bypass_governance: bool,
    }
}

request! {
    /// GetObject (GET).
    GetObject {
        /// The key.
        key: ObjectKey as into,
        ;
        /// The version to read; without it, the head.
        version_id: VersionId as into,
    }
}

request! {
    /// HeadObject: as GetObject, without a body (GET).
    HeadObject {
        /// The key.
        key: ObjectKey as into,
        ;
        /// The version to read; without it, the head.
        version_id: VersionId as into,
    }
}

request! {
    /// InitiateMultipartUpload: start an upload of `key` (MPU-1).
    InitiateMultipartUpload {
        /// The key the object will have.
        key: ObjectKey as into,
        ;
        /// The tags the completed object gets (TAG-1, TAG-3).
        tags: Tags as into,
        /// The completed object's content type (TAG-5).
        content_type: String as into,
        /// The completed object's user metadata (TAG-5).
        metadata: Metadata as into,
        /// The completed object's storage class (TAG-5).
        storage_class: String as into,
        /// The upload ID the upload gets instead of a generated one (MPU-13): non-empty and
        /// never used in the bucket before.
        assign_upload_id: UploadId as into,
        /// OL-2 (s3): the completed object's retention, in a lock-enabled bucket, unless the
        /// Complete gives one.
        retention: Retention,
        /// OL-2 (s3): the completed object's legal hold, in a lock-enabled bucket, unless the
        /// Complete gives one.
        legal_hold: LegalHoldStatus,
    }
}

request! {
    /// UploadPart: upload one part of an upload in progress (MPU-2).
    UploadPart {
        /// The upload's key.
        key: ObjectKey as into,
        /// The upload.
        upload_id: UploadId as into,
        /// The part number, 1..=10000; uploading a number again replaces that part.
        part_number: u32,
        /// The part's body.
        body: Body as into,
    }
}

request! {
    /// UploadPartCopy: a part whose content is a source version, whole or a byte range
    /// (MPU-12).
    UploadPartCopy {
        /// The upload's key.
        key: ObjectKey as into,
        /// The upload.
        upload_id: UploadId as into,
        /// The part number, 1..=10000; copying onto a number again replaces that part.
        part_number: u32,
        /// The key copied from.
        source_key: ObjectKey as into,
        ;
        /// The bucket copied from, in a [`Service`](crate::Service); without it, the upload's
        /// own bucket (SVC-7).
        source_bucket: String as into,
        /// The version copied; without it, the source key's head (CPY-1).
        source_version_id: VersionId as into,
        /// The bytes `first..=last` of the source; without it, the whole source.
        range: (u64, u64),
        /// The range's content (MODEL: the model keeps no bytes): its length must be the
        /// range's. Only with a range.
        body: Body as into,
    }
}

request! {
    /// CompleteMultipartUpload: join the listed parts into the key's new object (MPU-4..MPU-7).
    CompleteMultipartUpload {
        /// The upload's key.
        key: ObjectKey as into,
        /// The upload.
        upload_id: UploadId as into,
        /// The parts the object is made of, ascending by part number.
        parts: Vec<CompletedPart> as into,
        ;
        /// CND-1, CND-4 (s3): write only if the key's head is an object version with this ETag
        /// (quotes and case ignored; `*`: any object version).
        if_match: String as into,
        /// CND-1, CND-3 (s3): `*`, write only if the key's head is not an object version.
        if_none_match: String as into,
        /// CND-6 (oss): refuse to overwrite a key that has an entry in an Unversioned bucket.
        forbid_overwrite: bool,
        /// OL-2 (s3): the new version's retention, in a lock-enabled bucket.
        retention: Retention,
        /// OL-2 (s3): the new version's legal hold, in a lock-enabled bucket.
        legal_hold: LegalHoldStatus,
        /// Tags given at Complete, which the trace format accepts: the new version's tags are
        /// the ones given at Initiate (TAG-1), so these are ignored, not even checked (TAG-3
        /// checks the tags a version is given), as tags under a `COPY` tagging directive are.
        tags: Tags,
    }
}

request! {
    /// AbortMultipartUpload: end an upload and drop its parts (MPU-8).
    AbortMultipartUpload {
        /// The upload's key.
        key: ObjectKey as into,
        /// The upload.
        upload_id: UploadId as into,
    }
}

request! {
    /// ListParts: the parts of an upload in progress (MPU-9).
    ListParts {
        /// The upload's key.
        key: ObjectKey as into,
        /// The upload.
        upload_id: UploadId as into,
        ;
        /// The page size, 1..=1000 (default 1000).
        max_parts: u64,
        /// List the parts after this part number.
        part_number_marker: u32,
    }
}

request! {
    /// ListMultipartUploads: the uploads in progress (MPU-10); every field is optional.
    ListMultipartUploads {
        ;
        /// Only keys that start with this.
        prefix: String as into,
        /// Roll keys up to their first delimiter after the prefix into common prefixes.
        delimiter: String as into,
        /// List after this key (with `upload_id_marker`, after that upload of this key).
        key_marker: ObjectKey as into,
        /// With `key_marker`, list that key's uploads after this one; ignored without it.
        upload_id_marker: UploadId as into,
        /// The page size, 1..=1000 (default 1000).
        max_uploads: u64,
    }
}

request! {
    /// PutObjectLockConfiguration: turn Object Lock on, with an optional default retention
    /// (OL-1; s3 only).
    PutObjectLockConfiguration {
        ;
        /// The retention new versions get when their request gives none.
        default_retention: DefaultRetention,
    }
}

request! {
    /// PutObjectRetention: set a version's retention (OL-2, OL-6).
    PutObjectRetention {
        /// The key.
        key: ObjectKey as into,
        /// The retention mode.
        mode: RetentionMode,
        /// The first clock second at which the retention no longer holds.
        retain_until: u64,
        ;
        /// The version; without it, the head.
        version_id: VersionId as into,
        /// Let the change shorten or change a `GOVERNANCE` retention (OL-6).
        bypass_governance: bool,
    }
}

request! {
    /// PutObjectLegalHold: turn a version's legal hold on or off (OL-2).
    PutObjectLegalHold {
        /// The key.
        key: ObjectKey as into,
        /// `ON` or `OFF`.
        status: LegalHoldStatus,
        ;
        /// The version; without it, the head.
        version_id: VersionId as into,
    }
}

request! {
    /// InitiateBucketWorm: a retention policy of `days` in progress (OL-7; oss only).
    InitiateBucketWorm {
        /// The retention period in days, 1..=25550.
        days: u32,
    }
}

request! {
    /// CompleteBucketWorm: lock the retention policy in progress (OL-7; oss only).
    CompleteBucketWorm {}
}

request! {
    /// ExtendBucketWorm: lengthen a locked retention policy (OL-7; oss only).
    ExtendBucketWorm {
        /// The new retention period in days, longer than the policy's.
        days: u32,
    }
}

request! {
    /// AbortBucketWorm: remove a retention policy still in progress (OL-7; oss only).
    AbortBucketWorm {}
}

/// CopyObject: copy a version onto a key (CPY).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CopyObject {
    /// The bucket copied from, in a [`Service`](crate::Service); without it, the bucket copied
    /// into (SVC-7).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub source_bucket: Option<String>,
    /// The key copied from.
    pub source_key: ObjectKey,
    /// The version copied; without it, the source key's head (CPY-1).
    #[cfg_attr(feature = "serde", serde(default))]
    pub source_version_id: Option<VersionId>,
    /// The key copied onto.
    pub key: ObjectKey,
    /// Whose tags the copy gets: the source version's (`COPY`, the default) or `tags`
    /// (`REPLACE`) (TAG-1).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub tagging_directive: Option<Directive>,
    /// The copy's tags under `REPLACE` (TAG-1, TAG-3); ignored under `COPY`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub tags: Option<Tags>,
    /// Whose content type and user metadata the copy gets: the source version's (`COPY`, the
    /// default) or the request's (`REPLACE`) (TAG-6).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub metadata_directive: Option<Directive>,
    /// The copy's content type under `REPLACE` (TAG-6).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub content_type: Option<String>,
    /// The copy's user metadata under `REPLACE` (TAG-6).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub metadata: Option<Metadata>,
    /// The copy's storage class (TAG-5); absent, the dialect's default, whatever the
    /// directive (MODEL, as S3 does).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub storage_class: Option<String>,
    /// CND-1, CND-4 (s3): copy only if the destination's head is an object version with this
    /// ETag (quotes and case ignored; `*`: any object version).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub if_match: Option<String>,
    /// CND-1, CND-3 (s3): `*`, copy only if the destination's head is not an object version.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub if_none_match: Option<String>,
    /// CND-6 (oss): refuse to overwrite a destination that has an entry in an Unversioned
    /// bucket.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub forbid_overwrite: Option<bool>,
    /// OL-2 (s3): the copy's retention, in a lock-enabled bucket (the source's is not copied).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub retention: Option<Retention>,
    /// OL-2 (s3): the copy's legal hold, in a lock-enabled bucket.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub legal_hold: Option<LegalHoldStatus>,
}

impl CopyObject {
    /// A copy of `source_key`'s head onto `key`.
    pub fn new(source_key: impl Into<ObjectKey>, key: impl Into<ObjectKey>) -> Self {
        CopyObject {
            source_bucket: None,
            source_key: source_key.into(),
            source_version_id: None,
            key: key.into(),
            tagging_directive: None,
            tags: None,
            metadata_directive: None,
            content_type: None,
            metadata: None,
            storage_class: None,
            if_match: None,
            if_none_match: None,
            forbid_overwrite: None,
            retention: None,
            legal_hold: None,
        }
    }

    /// The bucket copied from, in a [`Service`](crate::Service) (SVC-7).
    #[must_use]
    pub fn source_bucket(mut self, source_bucket: impl Into<String>) -> Self {
        self.source_bucket = Some(source_bucket.into());
        self
    }

    /// The version copied; without it, the source key's head (CPY-1).
    #[must_use]
    pub fn source_version_id(mut self, source_version_id: impl Into<VersionId>) -> Self {
        self.source_version_id = Some(source_version_id.into());
        self
    }

    /// The tagging directive (TAG-1).
    #[must_use]
    pub fn tagging_directive(mut self, directive: Directive) -> Self {
        self.tagging_directive = Some(directive);
        self
    }

    /// The copy's tags, under the `REPLACE` tagging directive (TAG-1).
    #[must_use]
    pub fn tags(mut self, tags: impl Into<Tags>) -> Self {
        self.tags = Some(tags.into());
        self
    }

    /// The metadata directive (TAG-6).
    #[must_use]
    pub fn metadata_directive(mut self, directive: Directive) -> Self {
        self.metadata_directive = Some(directive);
        self
    }

    /// The copy's content type, under the `REPLACE` metadata directive (TAG-6).
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The copy's user metadata, under the `REPLACE` metadata directive (TAG-6).
    #[must_use]
    pub fn metadata(mut self, metadata: impl Into<Metadata>) -> Self {
        self.metadata = Some(metadata.into());
        self
    }

    /// The copy's storage class (TAG-5).
    #[must_use]
    pub fn storage_class(mut self, storage_class: impl Into<String>) -> Self {
        self.storage_class = Some(storage_class.into());
        self
    }
    /// CND-4 (s3): copy only if the destination's head has this ETag.
    #[must_use]
    pub fn if_match(mut self, etag: impl Into<String>) -> Self {
        self.if_match = Some(etag.into());
        self
    }

    /// CND-3 (s3): `*`, copy only if the destination has no current object.
    #[must_use]
    pub fn if_none_match(mut self, value: impl Into<String>) -> Self {
        self.if_none_match = Some(value.into());
        self
    }

    /// CND-6 (oss): refuse to overwrite in an Unversioned bucket.
    #[must_use]
    pub fn forbid_overwrite(mut self, forbid: bool) -> Self {
        self.forbid_overwrite = Some(forbid);
        self
    }

    /// OL-2 (s3): the copy's retention.
    #[must_use]
    pub fn retention(mut self, retention: Retention) -> Self {
        self.retention = Some(retention);
        self
    }

    /// OL-2 (s3): the copy's legal hold.
    #[must_use]
    pub fn legal_hold(mut self, status: LegalHoldStatus) -> Self {
        self.legal_hold = Some(status);
        self
    }
}

request! {
    /// ListObjectVersions: every version and delete marker, a page at a time (LST).
    ListObjectVersions {
        ;
        /// Only keys starting with it.
        prefix: String as into,
        /// Rolls keys into common prefixes (LST-6).
        delimiter: String as into,
        /// Start after this key, or within it with `version_id_marker` (LST-3).
        key_marker: String as into,
        /// Resume after this version of `key_marker` (LST-3, LST-4).
        version_id_marker: VersionId as into,
        /// The page size (LST-2).
        max_keys: u64,
    }
}

request! {
    /// ListObjects: the current view, a page at a time (LST-7).
    ListObjects {
        ;
        /// Only keys starting with it.
        prefix: String as into,
        /// Rolls keys into common prefixes (LST-6).
        delimiter: String as into,
        /// Start after this key or common prefix (LST-3, LST-6).
        marker: String as into,
        /// The page size (LST-2).
        max_keys: u64,
    }
}

request! {
    /// PutObjectTagging: replace a version's whole tag set (TAG-2).
    PutObjectTagging {
        /// The key.
        key: ObjectKey as into,
        /// The new tag set (TAG-3).
        tags: Tags as into,
        ;
        /// The version tagged; without it, the head.
        version_id: VersionId as into,
    }
}

request! {
    /// PutBucketLifecycle: replace the whole lifecycle configuration (LC-9, LC-14).
    PutBucketLifecycle {
        /// The rules, in order; unnamed ones are named `rule-1`, `rule-2`, … (LC-9).
        rules: Vec<LifecycleRule>,
    }
}

request! {
    /// GetObjectTagging: read a version's tag set (TAG-2).
    GetObjectTagging {
        /// The key.
        key: ObjectKey as into,
        ;
        /// The version read; without it, the head.
        version_id: VersionId as into,
    }
}

request! {
    /// DeleteObjectTagging: empty a version's tag set (TAG-2).
    DeleteObjectTagging {
        /// The key.
        key: ObjectKey as into,
        ;
        /// The version; without it, the head.
        version_id: VersionId as into,
    }
}

request! {
    /// PutSymlink: a new Symlink version of `key` pointing at the key `target` (SYM-2; oss
    /// only).
    PutSymlink {
        /// The link's key.
        key: ObjectKey as into,
        /// The key the link points at (KEY-1); it need not exist.
        target: ObjectKey as into,
        ;
        /// The new version's tags (TAG-1, TAG-3).
        tags: Tags as into,
        /// The new version's content type (TAG-5); absent, the dialect's default.
        content_type: String as into,
        /// The new version's user metadata (TAG-5).
        metadata: Metadata as into,
        /// The new version's storage class (TAG-5); absent, the dialect's default.
        storage_class: String as into,
        /// CND-6: refuse to replace a key that has an entry in an Unversioned bucket (ignored in
        /// Enabled and Suspended buckets).
        forbid_overwrite: bool,
    }
}

request! {
    /// GetSymlink: read a link's target (SYM-3; oss only).
    GetSymlink {
        /// The link's key.
        key: ObjectKey as into,
        ;
        /// The link version read; without it, the head.
        version_id: VersionId as into,
    }
}

request! {
    /// GetObjectMeta (oss) / GetObjectAttributes (s3): a version's metadata without its body
    /// (GET-8). The trace format takes `get_object_meta` and `get_object_attributes` alike.
    GetObjectMeta {
        /// The key.
        key: ObjectKey as into,
        ;
        /// The version read; without it, the head.
        version_id: VersionId as into,
    }
}

request! {
    /// GetBucketLifecycle: read the lifecycle configuration (LC-14).
    GetBucketLifecycle {}
}

request! {
    /// DeleteBucketLifecycle: remove the lifecycle configuration (LC-14).
    DeleteBucketLifecycle {}
}

request! {
    /// Run the lifecycle once, at the clock's current time (LC-5, LC-11, LC-13).
    RunLifecycle {}
}

request! {
    /// Advance the logical clock (LC-0).
    AdvanceClock {
        /// Seconds to add.
        seconds: u64,
    }
}

/// The parts of a request that names a key and perhaps a version: the key (borrowed when the
/// caller lent it), the version ID, and the ID a new delete marker gets (ID-5).
#[doc(hidden)]
#[derive(Debug)]
pub struct Named<'a> {
    pub(crate) key: Cow<'a, str>,
    pub(crate) version_id: Option<VersionId>,
    pub(crate) assign_version_id: Option<VersionId>,
    pub(crate) if_match: Option<String>,
    pub(crate) bypass_governance: bool,
}

impl<'a> Named<'a> {
    fn key(key: impl Into<Cow<'a, str>>) -> Self {
        Named {
            key: key.into(),
            version_id: None,
            assign_version_id: None,
            if_match: None,
            bypass_governance: false,
        }
    }
}

/// Declares what a typed method takes for a request that names a key and perhaps a version:
/// the request itself, or a bare key (`&str`, `String`, [`ObjectKey`]), which the method
/// borrows instead of copying.
macro_rules! request_or_key {
    ($(#[$meta:meta])* $trait:ident for $request:ident) => {
        $(#[$meta])*
        pub trait $trait<'a> {
            #[doc(hidden)]
            fn into_named(self) -> Named<'a>;
        }

        impl<'a> $trait<'a> for $request {
            fn into_named(self) -> Named<'a> {
                Named::from(self)
            }
        }

        impl<'a> $trait<'a> for &'a str {
            fn into_named(self) -> Named<'a> {
                Named::key(self)
            }
        }

        impl<'a> $trait<'a> for &'a String {
            fn into_named(self) -> Named<'a> {
                Named::key(self.as_str())
            }
        }

        impl<'a> $trait<'a> for String {
            fn into_named(self) -> Named<'a> {
                Named::key(self)
            }
        }

        impl<'a> $trait<'a> for &'a ObjectKey {
            fn into_named(self) -> Named<'a> {
                Named::key(self.as_str())
            }
        }

        impl<'a> $trait<'a> for ObjectKey {
            fn into_named(self) -> Named<'a> {
                Named::key(self.into_string())
            }
        }
    };
}

request_or_key!(
    /// What [`Bucket::get_object`](crate::Bucket::get_object) takes: a [`GetObject`], or a key
    /// to read its head.
    ToGetObject for GetObject
);
request_or_key!(
    /// What [`Bucket::head_object`](crate::Bucket::head_object) takes: a [`HeadObject`], or a
    /// key to read its head.
    ToHeadObject for HeadObject
);
request_or_key!(
    /// What [`Bucket::delete_object`](crate::Bucket::delete_object) takes: a [`DeleteObject`],
    /// or a key for a simple delete.
    ToDeleteObject for DeleteObject
);

impl From<GetObject> for Named<'_> {
    fn from(request: GetObject) -> Self {
        Named {
            version_id: request.version_id,
            ..Named::key(request.key.into_string())
        }
    }
}

impl From<HeadObject> for Named<'_> {
    fn from(request: HeadObject) -> Self {
        Named {
            version_id: request.version_id,
            ..Named::key(request.key.into_string())
        }
    }
}

impl From<DeleteObject> for Named<'_> {
    fn from(request: DeleteObject) -> Self {
        Named {
            version_id: request.version_id,
            assign_version_id: request.assign_version_id,
            if_match: request.if_match,
            bypass_governance: request.bypass_governance.unwrap_or(false),
            ..Named::key(request.key.into_string())
        }
    }
}

impl From<&str> for InitiateMultipartUpload {
    fn from(key: &str) -> Self {
        InitiateMultipartUpload::new(key)
    }
}

impl From<String> for InitiateMultipartUpload {
    fn from(key: String) -> Self {
        InitiateMultipartUpload::new(key)
    }
}

impl From<ObjectKey> for InitiateMultipartUpload {
    fn from(key: ObjectKey) -> Self {
        InitiateMultipartUpload::new(key)
    }
}

impl From<&ObjectKey> for InitiateMultipartUpload {
    fn from(key: &ObjectKey) -> Self {
        InitiateMultipartUpload::new(key)
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
    /// CND-5 (s3): remove only if the selected object version has this ETag (`*`: any object
    /// version); a failure fails this entry alone (BAT-4).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub etag: Option<String>,
}

impl ObjectIdentifier {
    /// An entry for `key`: a simple delete.
    pub fn new(key: impl Into<ObjectKey>) -> Self {
        ObjectIdentifier {
            key: key.into(),
            version_id: None,
            etag: None,
        }
    }

    /// The version to remove for good.
    #[must_use]
    pub fn version_id(mut self, version_id: impl Into<VersionId>) -> Self {
        self.version_id = Some(version_id.into());
        self
    }
    /// CND-5 (s3): the ETag the entry's object version must have.
    #[must_use]
    pub fn etag(mut self, etag: impl Into<String>) -> Self {
        self.etag = Some(etag.into());
        self
    }
}
