//! Bucket reads (http.md §4, SVC-1, SVC-6): GetBucketInfo, ListBuckets, GetBucketLocation.

use bucket_versioning::Dialect;
use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Owner, ResponseBody, from_iso, iso, namespaced, render};

/// oss `<BucketInfo><Bucket>…</Bucket></BucketInfo>` (SVC-6). oss2 requires `Name`,
/// `CreationDate`, `StorageClass`, `ExtranetEndpoint`, `IntranetEndpoint`, `Location`,
/// `Owner/{DisplayName,ID}` and `AccessControlList/Grant`; `Versioning` is written when Enabled
/// or Suspended (MODEL: omitted when Unversioned).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BucketInfo {
    /// `Name`.
    #[serde(rename = "Name")]
    pub name: String,
    /// `CreationDate`, logical seconds.
    #[serde(
        rename = "CreationDate",
        serialize_with = "iso",
        deserialize_with = "from_iso"
    )]
    pub creation_date: u64,
    /// `StorageClass`.
    #[serde(rename = "StorageClass")]
    pub storage_class: String,
    /// `ExtranetEndpoint`.
    #[serde(rename = "ExtranetEndpoint")]
    pub extranet_endpoint: String,
    /// `IntranetEndpoint`.
    #[serde(rename = "IntranetEndpoint")]
    pub intranet_endpoint: String,
    /// `Location`.
    #[serde(rename = "Location")]
    pub location: String,
    /// `Owner`.
    #[serde(rename = "Owner")]
    pub owner: Owner,
    /// `AccessControlList/Grant`: `private`, `public-read`, ….
    #[serde(
        rename = "AccessControlList",
        serialize_with = "grant",
        deserialize_with = "grant_back"
    )]
    pub grant: String,
    /// `Versioning`: `Enabled` or `Suspended`.
    #[serde(rename = "Versioning", skip_serializing_if = "Option::is_none")]
    pub versioning: Option<String>,
}

fn grant<S: Serializer>(grant: &str, serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct AccessControlList<'a> {
        #[serde(rename = "Grant")]
        grant: &'a str,
    }
    AccessControlList { grant }.serialize(serializer)
}

fn grant_back<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    struct AccessControlList {
        #[serde(rename = "Grant", default)]
        grant: String,
    }
    AccessControlList::deserialize(deserializer).map(|list| list.grant)
}

/// The `<BucketInfo>` document around its `<Bucket>` (the client direction reads it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct BucketInfoDocument {
    /// `Bucket`.
    #[serde(rename = "Bucket", default)]
    pub bucket: BucketInfo,
}

impl ResponseBody for BucketInfoDocument {
    const ROOT: &'static str = "BucketInfo";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        self.bucket.to_xml(dialect)
    }
}

impl ResponseBody for BucketInfo {
    const ROOT: &'static str = "BucketInfo";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        #[derive(Serialize)]
        struct Wrapper<'a> {
            #[serde(rename = "Bucket")]
            bucket: &'a BucketInfo,
        }
        render(Self::ROOT, &Wrapper { bucket: self }, namespaced(dialect))
    }
}

/// `<ListAllMyBucketsResult>` (SVC-1): the buckets, ascending by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListAllMyBucketsResult {
    /// `Owner`.
    #[serde(rename = "Owner")]
    pub owner: Owner,
    /// `Buckets/Bucket`.
    #[serde(
        rename = "Buckets",
        serialize_with = "buckets",
        deserialize_with = "buckets_back"
    )]
    pub buckets: Vec<BucketSummary>,
}

/// `<Bucket>` of a bucket listing. oss2 requires every field; s3 has `Name` and `CreationDate`
/// only (the others are not written in s3).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BucketSummary {
    /// `Name`.
    #[serde(rename = "Name")]
    pub name: String,
    /// `CreationDate`, logical seconds.
    #[serde(
        rename = "CreationDate",
        serialize_with = "iso",
        deserialize_with = "from_iso"
    )]
    pub creation_date: u64,
    /// oss `Location`.
    #[serde(rename = "Location", skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// oss `ExtranetEndpoint`.
    #[serde(rename = "ExtranetEndpoint", skip_serializing_if = "Option::is_none")]
    pub extranet_endpoint: Option<String>,
    /// oss `IntranetEndpoint`.
    #[serde(rename = "IntranetEndpoint", skip_serializing_if = "Option::is_none")]
    pub intranet_endpoint: Option<String>,
    /// oss `StorageClass`.
    #[serde(rename = "StorageClass", skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<String>,
}

fn buckets<S: Serializer>(buckets: &[BucketSummary], serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Buckets<'a> {
        #[serde(rename = "Bucket")]
        buckets: &'a [BucketSummary],
    }
    Buckets { buckets }.serialize(serializer)
}

fn buckets_back<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<BucketSummary>, D::Error> {
    #[derive(Deserialize)]
    struct Buckets {
        #[serde(rename = "Bucket", default)]
        buckets: Vec<BucketSummary>,
    }
    Buckets::deserialize(deserializer).map(|list| list.buckets)
}

impl ResponseBody for ListAllMyBucketsResult {
    const ROOT: &'static str = "ListAllMyBucketsResult";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        if dialect == Dialect::Oss {
            return render(Self::ROOT, self, false);
        }
        let mut wire = self.clone();
        for bucket in &mut wire.buckets {
            bucket.location = None;
            bucket.extranet_endpoint = None;
            bucket.intranet_endpoint = None;
            bucket.storage_class = None;
        }
        render(Self::ROOT, &wire, true)
    }
}

/// `<LocationConstraint>region</LocationConstraint>` (GetBucketLocation; s3's `us-east-1` is
/// the empty text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LocationConstraint {
    /// The region.
    #[serde(rename = "$text")]
    pub location: String,
}

impl ResponseBody for LocationConstraint {
    const ROOT: &'static str = "LocationConstraint";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        render(Self::ROOT, self, namespaced(dialect))
    }
}
