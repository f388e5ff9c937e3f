//! The configuration documents: sent in PUT requests and returned, the same shape, by the GETs
//! (versioning, tags, lifecycle, Object Lock, retention, legal hold), and the ones only sent
//! (CreateBucket, the oss retention-policy requests) or only returned (GetBucketWorm).

use bucket_versioning::Dialect;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::{RequestBody, ResponseBody, bool_any_case, iso, namespaced, render};

/// Implements [`RequestBody`] and [`ResponseBody`] for a document that is the same in both
/// directions and both dialects (but for the s3 namespace on responses).
macro_rules! both_directions {
    ($type:ty, $root:literal) => {
        impl RequestBody for $type {
            const ROOT: &'static str = $root;
        }

        impl ResponseBody for $type {
            const ROOT: &'static str = $root;

            fn to_xml(&self, dialect: Dialect) -> Bytes {
                render($root, self, namespaced(dialect))
            }
        }
    };
}

/// `<VersioningConfiguration>`: PutBucketVersioning's body and GetBucketVersioning's answer
/// (http.md §4; `Status` only when Enabled or Suspended).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersioningConfiguration {
    /// `Status`: `Enabled`, `Suspended`, or what the client sent (VS-2 judges it; oss2 sends
    /// `None` for an unset status).
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// s3 `MfaDelete`: `Disabled` is ignored, `Enabled` is not implemented (MODEL).
    #[serde(rename = "MfaDelete", default, skip_serializing_if = "Option::is_none")]
    pub mfa_delete: Option<String>,
}

both_directions!(VersioningConfiguration, "VersioningConfiguration");

/// `<Tagging><TagSet><Tag>…` (TAG-2): PutObjectTagging's body and GetObjectTagging's answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tagging {
    /// `TagSet`.
    #[serde(rename = "TagSet", default)]
    pub tag_set: TagSet,
}

both_directions!(Tagging, "Tagging");

/// `<TagSet>`: the tags, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagSet {
    /// `Tag`, repeated.
    #[serde(rename = "Tag", default)]
    pub tags: Vec<Tag>,
}

/// `<Tag><Key/><Value/></Tag>`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// `Key` (required).
    #[serde(rename = "Key")]
    pub key: String,
    /// `Value` (empty when absent).
    #[serde(rename = "Value", default)]
    pub value: String,
}

/// `<CreateBucketConfiguration>`, CreateBucket's optional body (http.md §4): s3 names a
/// `LocationConstraint`, oss a `StorageClass` (and `DataRedundancyType`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateBucketConfiguration {
    /// s3 `LocationConstraint`.
    #[serde(
        rename = "LocationConstraint",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub location_constraint: Option<String>,
    /// oss `StorageClass`.
    #[serde(
        rename = "StorageClass",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub storage_class: Option<String>,
    /// oss `DataRedundancyType`.
    #[serde(
        rename = "DataRedundancyType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub data_redundancy_type: Option<String>,
}

impl RequestBody for CreateBucketConfiguration {
    const ROOT: &'static str = "CreateBucketConfiguration";
}

/// `<LifecycleConfiguration>` in both dialects' shapes (http.md §4, LC-9): one struct holds
/// the union of their elements, so the command mapping can see an element the dialect lacks
/// (an oss `NewerNoncurrentVersions`, an s3 `CreatedBeforeDate`) and refuse it (LC-8, LC-9).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleConfiguration {
    /// `Rule`, repeated.
    #[serde(rename = "Rule", default)]
    pub rules: Vec<LifecycleRule>,
}

impl RequestBody for LifecycleConfiguration {
    const ROOT: &'static str = "LifecycleConfiguration";
}

impl ResponseBody for LifecycleConfiguration {
    const ROOT: &'static str = "LifecycleConfiguration";

    /// oss2 requires `ID`, `Prefix` and `Status` in every rule: oss writes an empty `ID` or
    /// `Prefix` when the rule has none.
    fn to_xml(&self, dialect: Dialect) -> Bytes {
        if dialect == Dialect::Oss {
            let mut oss = self.clone();
            for rule in &mut oss.rules {
                rule.id.get_or_insert_with(String::new);
                rule.prefix.get_or_insert_with(String::new);
            }
            return render(<Self as ResponseBody>::ROOT, &oss, false);
        }
        render(<Self as ResponseBody>::ROOT, self, true)
    }
}

/// `<Rule>` of a lifecycle configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleRule {
    /// `ID` (LC-9 names unnamed rules `rule-1`, …).
    #[serde(rename = "ID", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `Prefix` directly in the rule: oss always, s3's legacy form.
    #[serde(rename = "Prefix", default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// `Filter` (s3: prefix, tag, sizes, `And`; oss: sizes and `Not`).
    #[serde(rename = "Filter", default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<LifecycleFilter>,
    /// `Status`: `Enabled` or `Disabled` (required).
    #[serde(rename = "Status")]
    pub status: String,
    /// `Expiration`.
    #[serde(
        rename = "Expiration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration: Option<LifecycleExpiration>,
    /// `Transition`, repeated (not modelled: the model has no storage-class behaviour).
    #[serde(rename = "Transition", default, skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<LifecycleTransition>,
    /// `NoncurrentVersionExpiration`.
    #[serde(
        rename = "NoncurrentVersionExpiration",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub noncurrent_version_expiration: Option<LifecycleNoncurrentExpiration>,
    /// `NoncurrentVersionTransition`, repeated (not modelled).
    #[serde(
        rename = "NoncurrentVersionTransition",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub noncurrent_version_transitions: Vec<LifecycleTransition>,
    /// s3 `AbortIncompleteMultipartUpload`.
    #[serde(
        rename = "AbortIncompleteMultipartUpload",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub abort_incomplete_multipart_upload: Option<LifecycleAbortIncompleteMultipartUpload>,
    /// oss `AbortMultipartUpload` (`Days` ≙ LC-4's `DaysAfterInitiation`).
    #[serde(
        rename = "AbortMultipartUpload",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub abort_multipart_upload: Option<LifecycleAbortMultipartUpload>,
    /// oss `Tag`s directly in the rule.
    #[serde(rename = "Tag", default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

/// `<Filter>` of a lifecycle rule (LC-10).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleFilter {
    /// s3 `Prefix`.
    #[serde(rename = "Prefix", default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// s3 `Tag` (one; several go in `And`).
    #[serde(rename = "Tag", default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<Tag>,
    /// `ObjectSizeGreaterThan`.
    #[serde(
        rename = "ObjectSizeGreaterThan",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub object_size_greater_than: Option<i64>,
    /// `ObjectSizeLessThan`.
    #[serde(
        rename = "ObjectSizeLessThan",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub object_size_less_than: Option<i64>,
    /// s3 `And`.
    #[serde(rename = "And", default, skip_serializing_if = "Option::is_none")]
    pub and: Option<LifecycleAnd>,
    /// oss `Not`, repeated.
    #[serde(rename = "Not", default, skip_serializing_if = "Vec::is_empty")]
    pub not: Vec<LifecycleNot>,
}

/// s3 `<And>`: every condition must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleAnd {
    /// `Prefix`.
    #[serde(rename = "Prefix", default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// `Tag`, repeated.
    #[serde(rename = "Tag", default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    /// `ObjectSizeGreaterThan`.
    #[serde(
        rename = "ObjectSizeGreaterThan",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub object_size_greater_than: Option<i64>,
    /// `ObjectSizeLessThan`.
    #[serde(
        rename = "ObjectSizeLessThan",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub object_size_less_than: Option<i64>,
}

/// oss `<Not>`: excludes a prefix, optionally with a tag.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleNot {
    /// `Prefix`.
    #[serde(rename = "Prefix", default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// `Tag`.
    #[serde(rename = "Tag", default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<Tag>,
}

/// `<Expiration>` (LC-1, LC-3, LC-7).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleExpiration {
    /// `Days`.
    #[serde(rename = "Days", default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    /// s3 `Date`: an ISO 8601 midnight ([`crate::time::parse_iso8601_midnight`]).
    #[serde(rename = "Date", default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// oss `CreatedBeforeDate`: an ISO 8601 midnight.
    #[serde(
        rename = "CreatedBeforeDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_before_date: Option<String>,
    /// `ExpiredObjectDeleteMarker` (any letter case on the way in).
    #[serde(
        rename = "ExpiredObjectDeleteMarker",
        default,
        deserialize_with = "bool_any_case",
        skip_serializing_if = "Option::is_none"
    )]
    pub expired_object_delete_marker: Option<bool>,
}

/// `<NoncurrentVersionExpiration>` (LC-2, LC-8).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleNoncurrentExpiration {
    /// `NoncurrentDays`.
    #[serde(
        rename = "NoncurrentDays",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub noncurrent_days: Option<i64>,
    /// s3 `NewerNoncurrentVersions`.
    #[serde(
        rename = "NewerNoncurrentVersions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub newer_noncurrent_versions: Option<i64>,
}

/// s3 `<AbortIncompleteMultipartUpload>` (LC-4).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleAbortIncompleteMultipartUpload {
    /// `DaysAfterInitiation`.
    #[serde(
        rename = "DaysAfterInitiation",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub days_after_initiation: Option<i64>,
    /// `CreatedBeforeDate`: no element of s3's, read so that the model can refuse it (LC-9);
    /// the client writes a command's date here in s3.
    #[serde(
        rename = "CreatedBeforeDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_before_date: Option<String>,
}

/// oss `<AbortMultipartUpload>` (LC-4, LC-7).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleAbortMultipartUpload {
    /// `Days`.
    #[serde(rename = "Days", default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    /// `CreatedBeforeDate`: an ISO 8601 midnight.
    #[serde(
        rename = "CreatedBeforeDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_before_date: Option<String>,
}

/// `<Transition>` / `<NoncurrentVersionTransition>` (read so the mapping can refuse them; the
/// model has no storage-class behaviour, TAG-5).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleTransition {
    /// `Days`.
    #[serde(rename = "Days", default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    /// `NoncurrentDays`.
    #[serde(
        rename = "NoncurrentDays",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub noncurrent_days: Option<i64>,
    /// s3 `Date`.
    #[serde(rename = "Date", default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// oss `CreatedBeforeDate`.
    #[serde(
        rename = "CreatedBeforeDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub created_before_date: Option<String>,
    /// `StorageClass`.
    #[serde(
        rename = "StorageClass",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub storage_class: Option<String>,
}

/// s3 `<ObjectLockConfiguration>` (OL-1): PutObjectLockConfiguration's body and
/// GetObjectLockConfiguration's answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectLockConfiguration {
    /// `ObjectLockEnabled`: `Enabled`.
    #[serde(
        rename = "ObjectLockEnabled",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub object_lock_enabled: Option<String>,
    /// `Rule`.
    #[serde(rename = "Rule", default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<ObjectLockRule>,
}

both_directions!(ObjectLockConfiguration, "ObjectLockConfiguration");

/// `<Rule>` of an Object Lock configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectLockRule {
    /// `DefaultRetention`.
    #[serde(
        rename = "DefaultRetention",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub default_retention: Option<DefaultRetention>,
}

/// `<DefaultRetention>` (OL-1): a mode and `Days` or `Years`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultRetention {
    /// `Mode`: `GOVERNANCE` or `COMPLIANCE`.
    #[serde(rename = "Mode", default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// `Days`.
    #[serde(rename = "Days", default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    /// `Years`.
    #[serde(rename = "Years", default, skip_serializing_if = "Option::is_none")]
    pub years: Option<i64>,
}

/// s3 `<Retention>` (OL-2, OL-6): PutObjectRetention's body and GetObjectRetention's answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// `Mode`: `GOVERNANCE` or `COMPLIANCE`.
    #[serde(rename = "Mode", default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// `RetainUntilDate`: an ISO 8601 timestamp.
    #[serde(
        rename = "RetainUntilDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub retain_until_date: Option<String>,
}

both_directions!(Retention, "Retention");

/// s3 `<LegalHold>` (OL-2): PutObjectLegalHold's body and GetObjectLegalHold's answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalHold {
    /// `Status`: `ON` or `OFF`.
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

both_directions!(LegalHold, "LegalHold");

/// oss `<InitiateWormConfiguration>`, InitiateBucketWorm's body (OL-7).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitiateWormConfiguration {
    /// `RetentionPeriodInDays` (OL-7 checks 1..=25550).
    #[serde(rename = "RetentionPeriodInDays")]
    pub retention_period_in_days: i64,
}

impl RequestBody for InitiateWormConfiguration {
    const ROOT: &'static str = "InitiateWormConfiguration";
}

/// oss `<ExtendWormConfiguration>`, ExtendBucketWorm's body (OL-7).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtendWormConfiguration {
    /// `RetentionPeriodInDays`.
    #[serde(rename = "RetentionPeriodInDays")]
    pub retention_period_in_days: i64,
}

impl RequestBody for ExtendWormConfiguration {
    const ROOT: &'static str = "ExtendWormConfiguration";
}

/// oss `<WormConfiguration>`, GetBucketWorm's answer (OL-7); oss2 requires every element.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WormConfiguration {
    /// `WormId`.
    #[serde(rename = "WormId")]
    pub worm_id: String,
    /// `State`: `InProgress` or `Locked`.
    #[serde(rename = "State")]
    pub state: String,
    /// `RetentionPeriodInDays`.
    #[serde(rename = "RetentionPeriodInDays")]
    pub retention_period_in_days: u32,
    /// `CreationDate`, logical seconds.
    #[serde(rename = "CreationDate", serialize_with = "iso")]
    pub creation_date: u64,
}

impl ResponseBody for WormConfiguration {
    const ROOT: &'static str = "WormConfiguration";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        render(Self::ROOT, self, namespaced(dialect))
    }
}
