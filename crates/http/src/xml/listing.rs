//! Listing answers (http.md §5.7): ListObjectVersions, ListObjects v1 and v2.

use bucket_versioning::Dialect;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::{
    EncodingType, Owner, ResponseBody, encode_field, encode_optional, from_iso, iso, namespaced,
    quoted, render, unquoted,
};

/// `<ListVersionsResult>` (LST-1..LST-8).
///
/// Versions and delete markers are one sequence, [`entries`](Self::entries), written in its
/// order (LST-1 interleaves them). oss2 requires `Name`, `Prefix`, `KeyMarker`,
/// `VersionIdMarker`, `MaxKeys`, `Delimiter` and `IsTruncated` always, and the next markers
/// when truncated: oss writes an empty `Delimiter` when there is none; s3 leaves it out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListVersionsResult {
    /// `Name`: the bucket.
    #[serde(rename = "Name")]
    pub name: String,
    /// `Prefix`.
    #[serde(rename = "Prefix")]
    pub prefix: String,
    /// `KeyMarker`.
    #[serde(rename = "KeyMarker")]
    pub key_marker: String,
    /// `VersionIdMarker`.
    #[serde(rename = "VersionIdMarker")]
    pub version_id_marker: String,
    /// `MaxKeys`.
    #[serde(rename = "MaxKeys")]
    pub max_keys: u32,
    /// `Delimiter`.
    #[serde(rename = "Delimiter", skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// `EncodingType`: set when the request had `encoding-type=url`.
    #[serde(rename = "EncodingType", skip_serializing_if = "Option::is_none")]
    pub encoding_type: Option<EncodingType>,
    /// `IsTruncated`.
    #[serde(rename = "IsTruncated")]
    pub is_truncated: bool,
    /// `NextKeyMarker` (LST-5).
    #[serde(rename = "NextKeyMarker", skip_serializing_if = "Option::is_none")]
    pub next_key_marker: Option<String>,
    /// `NextVersionIdMarker` (LST-5; none after a common prefix).
    #[serde(
        rename = "NextVersionIdMarker",
        skip_serializing_if = "Option::is_none"
    )]
    pub next_version_id_marker: Option<String>,
    /// `Version` and `DeleteMarker` elements, in LST-1 order.
    #[serde(rename = "$value")]
    pub entries: Vec<VersionListEntry>,
    /// `CommonPrefixes`.
    #[serde(rename = "CommonPrefixes")]
    pub common_prefixes: Vec<CommonPrefix>,
}

/// One entry of a version listing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VersionListEntry {
    /// `<Version>`: an object version.
    Version(VersionEntry),
    /// `<DeleteMarker>`.
    DeleteMarker(DeleteMarkerEntry),
}

/// `<Version>`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VersionEntry {
    /// `Key`.
    #[serde(rename = "Key")]
    pub key: String,
    /// `VersionId` (`null` for the null entry, LST-8).
    #[serde(rename = "VersionId")]
    pub version_id: String,
    /// `IsLatest`.
    #[serde(rename = "IsLatest")]
    pub is_latest: bool,
    /// `LastModified`, logical seconds.
    #[serde(
        rename = "LastModified",
        serialize_with = "iso",
        deserialize_with = "from_iso"
    )]
    pub last_modified: u64,
    /// `ETag`, unquoted here (written quoted).
    #[serde(
        rename = "ETag",
        serialize_with = "quoted",
        deserialize_with = "unquoted"
    )]
    pub etag: String,
    /// oss `Type`: `Normal`, `Appendable`, `Multipart`, `Symlink` (required by oss2; not
    /// written in s3).
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub object_type: Option<String>,
    /// `Size`.
    #[serde(rename = "Size")]
    pub size: u64,
    /// `StorageClass`: oss `Standard`, s3 `STANDARD`, … (TAG-5).
    #[serde(rename = "StorageClass")]
    pub storage_class: String,
    /// `Owner`.
    #[serde(rename = "Owner")]
    pub owner: Owner,
}

/// `<DeleteMarker>`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeleteMarkerEntry {
    /// `Key`.
    #[serde(rename = "Key")]
    pub key: String,
    /// `VersionId`.
    #[serde(rename = "VersionId")]
    pub version_id: String,
    /// `IsLatest`.
    #[serde(rename = "IsLatest")]
    pub is_latest: bool,
    /// `LastModified`, logical seconds.
    #[serde(
        rename = "LastModified",
        serialize_with = "iso",
        deserialize_with = "from_iso"
    )]
    pub last_modified: u64,
    /// `Owner`.
    #[serde(rename = "Owner")]
    pub owner: Owner,
}

/// `<CommonPrefixes><Prefix/></CommonPrefixes>` (LST-6).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommonPrefix {
    /// `Prefix`.
    #[serde(rename = "Prefix")]
    pub prefix: String,
}

impl ResponseBody for ListVersionsResult {
    const ROOT: &'static str = "ListVersionsResult";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        let mut wire = self.clone();
        let encoding = wire.encoding_type;
        for field in [&mut wire.prefix, &mut wire.key_marker] {
            encode_field(encoding, field);
        }
        encode_optional(encoding, &mut wire.delimiter);
        encode_optional(encoding, &mut wire.next_key_marker);
        if dialect == Dialect::Oss {
            // oss2 decodes the version-ID markers too (http.md §2).
            encode_field(encoding, &mut wire.version_id_marker);
            encode_optional(encoding, &mut wire.next_version_id_marker);
            wire.delimiter.get_or_insert_with(String::new);
        }
        for entry in &mut wire.entries {
            match entry {
                VersionListEntry::Version(version) => {
                    encode_field(encoding, &mut version.key);
                    if dialect == Dialect::S3 {
                        version.object_type = None;
                    }
                }
                VersionListEntry::DeleteMarker(marker) => encode_field(encoding, &mut marker.key),
            }
        }
        encode_prefixes(encoding, &mut wire.common_prefixes);
        render(Self::ROOT, &wire, namespaced(dialect))
    }
}

fn encode_prefixes(encoding: Option<EncodingType>, prefixes: &mut [CommonPrefix]) {
    for prefix in prefixes {
        encode_field(encoding, &mut prefix.prefix);
    }
}

/// `<Contents>` of ListObjects v1 and v2 (LST-7).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ObjectEntry {
    /// `Key`.
    #[serde(rename = "Key")]
    pub key: String,
    /// `LastModified`, logical seconds.
    #[serde(
        rename = "LastModified",
        serialize_with = "iso",
        deserialize_with = "from_iso"
    )]
    pub last_modified: u64,
    /// `ETag`, unquoted here (written quoted).
    #[serde(
        rename = "ETag",
        serialize_with = "quoted",
        deserialize_with = "unquoted"
    )]
    pub etag: String,
    /// oss `Type` (required by oss2; not written in s3).
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub object_type: Option<String>,
    /// `Size`.
    #[serde(rename = "Size")]
    pub size: u64,
    /// `StorageClass` (required by oss2).
    #[serde(rename = "StorageClass")]
    pub storage_class: String,
    /// `Owner` (v1 always, v2 with `fetch-owner=true`).
    #[serde(rename = "Owner", skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
}

fn adapt_contents(dialect: Dialect, encoding: Option<EncodingType>, contents: &mut [ObjectEntry]) {
    for entry in contents {
        encode_field(encoding, &mut entry.key);
        if dialect == Dialect::S3 {
            entry.object_type = None;
        }
    }
}

/// `<ListBucketResult>` of ListObjects v1 (LST-7). MODEL: `NextMarker` whenever truncated, in
/// both dialects (oss2 requires it then).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListBucketResult {
    /// `Name`: the bucket.
    #[serde(rename = "Name")]
    pub name: String,
    /// `Prefix`.
    #[serde(rename = "Prefix")]
    pub prefix: String,
    /// `Marker`.
    #[serde(rename = "Marker")]
    pub marker: String,
    /// `MaxKeys`.
    #[serde(rename = "MaxKeys")]
    pub max_keys: u32,
    /// `Delimiter` (oss writes an empty one when there is none).
    #[serde(rename = "Delimiter", skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// `EncodingType`.
    #[serde(rename = "EncodingType", skip_serializing_if = "Option::is_none")]
    pub encoding_type: Option<EncodingType>,
    /// `IsTruncated`.
    #[serde(rename = "IsTruncated")]
    pub is_truncated: bool,
    /// `NextMarker`.
    #[serde(rename = "NextMarker", skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
    /// `Contents`.
    #[serde(rename = "Contents")]
    pub contents: Vec<ObjectEntry>,
    /// `CommonPrefixes`.
    #[serde(rename = "CommonPrefixes")]
    pub common_prefixes: Vec<CommonPrefix>,
}

impl ResponseBody for ListBucketResult {
    const ROOT: &'static str = "ListBucketResult";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        let mut wire = self.clone();
        let encoding = wire.encoding_type;
        encode_field(encoding, &mut wire.prefix);
        encode_field(encoding, &mut wire.marker);
        encode_optional(encoding, &mut wire.delimiter);
        encode_optional(encoding, &mut wire.next_marker);
        if dialect == Dialect::Oss {
            wire.delimiter.get_or_insert_with(String::new);
        }
        adapt_contents(dialect, encoding, &mut wire.contents);
        encode_prefixes(encoding, &mut wire.common_prefixes);
        render(Self::ROOT, &wire, namespaced(dialect))
    }
}

/// `<ListBucketResult>` of ListObjectsV2 (LST-7; MODEL tokens: base64url of the last key).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListBucketResultV2 {
    /// `Name`: the bucket.
    #[serde(rename = "Name")]
    pub name: String,
    /// `Prefix`.
    #[serde(rename = "Prefix")]
    pub prefix: String,
    /// `ContinuationToken`, echoed when the request had one.
    #[serde(rename = "ContinuationToken", skip_serializing_if = "Option::is_none")]
    pub continuation_token: Option<String>,
    /// `StartAfter`, echoed when the request had one.
    #[serde(rename = "StartAfter", skip_serializing_if = "Option::is_none")]
    pub start_after: Option<String>,
    /// `MaxKeys`.
    #[serde(rename = "MaxKeys")]
    pub max_keys: u32,
    /// `Delimiter` (oss writes an empty one when there is none).
    #[serde(rename = "Delimiter", skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// `EncodingType`.
    #[serde(rename = "EncodingType", skip_serializing_if = "Option::is_none")]
    pub encoding_type: Option<EncodingType>,
    /// `IsTruncated`.
    #[serde(rename = "IsTruncated")]
    pub is_truncated: bool,
    /// `KeyCount`: contents and common prefixes on this page.
    #[serde(rename = "KeyCount")]
    pub key_count: u32,
    /// `NextContinuationToken`, when truncated.
    #[serde(
        rename = "NextContinuationToken",
        skip_serializing_if = "Option::is_none"
    )]
    pub next_continuation_token: Option<String>,
    /// `Contents`.
    #[serde(rename = "Contents")]
    pub contents: Vec<ObjectEntry>,
    /// `CommonPrefixes`.
    #[serde(rename = "CommonPrefixes")]
    pub common_prefixes: Vec<CommonPrefix>,
}

impl ResponseBody for ListBucketResultV2 {
    const ROOT: &'static str = "ListBucketResult";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        let mut wire = self.clone();
        let encoding = wire.encoding_type;
        encode_field(encoding, &mut wire.prefix);
        encode_optional(encoding, &mut wire.start_after);
        encode_optional(encoding, &mut wire.delimiter);
        if dialect == Dialect::Oss {
            // oss2 decodes the token too (http.md §2).
            encode_optional(encoding, &mut wire.next_continuation_token);
            wire.delimiter.get_or_insert_with(String::new);
        }
        adapt_contents(dialect, encoding, &mut wire.contents);
        encode_prefixes(encoding, &mut wire.common_prefixes);
        render(Self::ROOT, &wire, namespaced(dialect))
    }
}
