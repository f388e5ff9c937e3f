//! Multipart upload documents (http.md §5.6).

use bucket_versioning::Dialect;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::listing::CommonPrefix;
use super::{
    EncodingType, RequestBody, ResponseBody, encode_field, from_iso, iso, namespaced, quoted,
    render, unquoted,
};

/// `<CompleteMultipartUpload>`, CompleteMultipartUpload's body (MPU-4, MPU-5). botocore puts
/// `ETag` before `PartNumber` and quotes the ETags; oss2 does neither.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompleteMultipartUpload {
    /// `Part`, repeated, in the order sent.
    #[serde(rename = "Part", default)]
    pub parts: Vec<CompletedPart>,
}

impl RequestBody for CompleteMultipartUpload {
    const ROOT: &'static str = "CompleteMultipartUpload";
}

/// `<Part><PartNumber/><ETag/></Part>` of a Complete request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletedPart {
    /// `PartNumber`, as sent (MPU-2 and MPU-4 judge its range).
    #[serde(rename = "PartNumber")]
    pub part_number: i64,
    /// `ETag`, as sent (possibly quoted).
    #[serde(rename = "ETag")]
    pub etag: String,
}

impl CompletedPart {
    /// The ETag without the quotes botocore adds (MPU-5 compares it).
    pub fn unquoted_etag(&self) -> &str {
        super::strip_quotes(&self.etag)
    }
}

/// `<InitiateMultipartUploadResult>` (MPU-1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InitiateMultipartUploadResult {
    /// `EncodingType`.
    #[serde(rename = "EncodingType", skip_serializing_if = "Option::is_none")]
    pub encoding_type: Option<EncodingType>,
    /// `Bucket`.
    #[serde(rename = "Bucket")]
    pub bucket: String,
    /// `Key`.
    #[serde(rename = "Key")]
    pub key: String,
    /// `UploadId`.
    #[serde(rename = "UploadId")]
    pub upload_id: String,
}

impl ResponseBody for InitiateMultipartUploadResult {
    const ROOT: &'static str = "InitiateMultipartUploadResult";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        let mut wire = self.clone();
        encode_field(wire.encoding_type, &mut wire.key);
        render(Self::ROOT, &wire, namespaced(dialect))
    }
}

/// `<CompleteMultipartUploadResult>` (MPU-7; the ETag per CT-4).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompleteMultipartUploadResult {
    /// `EncodingType`.
    #[serde(rename = "EncodingType", skip_serializing_if = "Option::is_none")]
    pub encoding_type: Option<EncodingType>,
    /// `Location`: the object's URL.
    #[serde(rename = "Location")]
    pub location: String,
    /// `Bucket`.
    #[serde(rename = "Bucket")]
    pub bucket: String,
    /// `Key`.
    #[serde(rename = "Key")]
    pub key: String,
    /// `ETag`, unquoted here (written quoted).
    #[serde(
        rename = "ETag",
        serialize_with = "quoted",
        deserialize_with = "unquoted"
    )]
    pub etag: String,
}

impl ResponseBody for CompleteMultipartUploadResult {
    const ROOT: &'static str = "CompleteMultipartUploadResult";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        let mut wire = self.clone();
        encode_field(wire.encoding_type, &mut wire.key);
        render(Self::ROOT, &wire, namespaced(dialect))
    }
}

/// `<ListPartsResult>` (MPU-9). oss2 requires `IsTruncated` and `NextPartNumberMarker` always
/// (MODEL: the last part number returned, `0` if none).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListPartsResult {
    /// `Bucket`.
    #[serde(rename = "Bucket")]
    pub bucket: String,
    /// `EncodingType`.
    #[serde(rename = "EncodingType", skip_serializing_if = "Option::is_none")]
    pub encoding_type: Option<EncodingType>,
    /// `Key`.
    #[serde(rename = "Key")]
    pub key: String,
    /// `UploadId`.
    #[serde(rename = "UploadId")]
    pub upload_id: String,
    /// `PartNumberMarker`.
    #[serde(rename = "PartNumberMarker")]
    pub part_number_marker: u32,
    /// `NextPartNumberMarker`.
    #[serde(rename = "NextPartNumberMarker")]
    pub next_part_number_marker: u32,
    /// `MaxParts`.
    #[serde(rename = "MaxParts")]
    pub max_parts: u32,
    /// `IsTruncated`.
    #[serde(rename = "IsTruncated")]
    pub is_truncated: bool,
    /// `Part`, ascending.
    #[serde(rename = "Part")]
    pub parts: Vec<PartEntry>,
}

/// `<Part>` of a part listing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartEntry {
    /// `PartNumber`.
    #[serde(rename = "PartNumber")]
    pub part_number: u32,
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
    /// `Size`.
    #[serde(rename = "Size")]
    pub size: u64,
    /// oss `HashCrc64ecma`: the part's CRC-64 (not written in s3).
    #[serde(rename = "HashCrc64ecma", skip_serializing_if = "Option::is_none")]
    pub crc64: Option<u64>,
}

impl ResponseBody for ListPartsResult {
    const ROOT: &'static str = "ListPartsResult";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        let mut wire = self.clone();
        encode_field(wire.encoding_type, &mut wire.key);
        if dialect == Dialect::S3 {
            for part in &mut wire.parts {
                part.crc64 = None;
            }
        }
        render(Self::ROOT, &wire, namespaced(dialect))
    }
}

/// `<ListMultipartUploadsResult>` (MPU-10). oss2 requires `IsTruncated`, `NextKeyMarker` and
/// `NextUploadIdMarker` always (empty when not truncated).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListMultipartUploadsResult {
    /// `Bucket`.
    #[serde(rename = "Bucket")]
    pub bucket: String,
    /// `EncodingType`.
    #[serde(rename = "EncodingType", skip_serializing_if = "Option::is_none")]
    pub encoding_type: Option<EncodingType>,
    /// `KeyMarker`.
    #[serde(rename = "KeyMarker")]
    pub key_marker: String,
    /// `UploadIdMarker`.
    #[serde(rename = "UploadIdMarker")]
    pub upload_id_marker: String,
    /// `NextKeyMarker`.
    #[serde(rename = "NextKeyMarker")]
    pub next_key_marker: String,
    /// `NextUploadIdMarker`.
    #[serde(rename = "NextUploadIdMarker")]
    pub next_upload_id_marker: String,
    /// `Delimiter`.
    #[serde(rename = "Delimiter")]
    pub delimiter: String,
    /// `Prefix`.
    #[serde(rename = "Prefix")]
    pub prefix: String,
    /// `MaxUploads`.
    #[serde(rename = "MaxUploads")]
    pub max_uploads: u32,
    /// `IsTruncated`.
    #[serde(rename = "IsTruncated")]
    pub is_truncated: bool,
    /// `Upload`, in MPU-10 order.
    #[serde(rename = "Upload")]
    pub uploads: Vec<UploadEntry>,
    /// `CommonPrefixes`.
    #[serde(rename = "CommonPrefixes")]
    pub common_prefixes: Vec<CommonPrefix>,
}

/// `<Upload><Key/><UploadId/><Initiated/></Upload>` (oss2 requires all three).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UploadEntry {
    /// `Key`.
    #[serde(rename = "Key")]
    pub key: String,
    /// `UploadId`.
    #[serde(rename = "UploadId")]
    pub upload_id: String,
    /// `Initiated`, logical seconds.
    #[serde(
        rename = "Initiated",
        serialize_with = "iso",
        deserialize_with = "from_iso"
    )]
    pub initiated: u64,
}

impl ResponseBody for ListMultipartUploadsResult {
    const ROOT: &'static str = "ListMultipartUploadsResult";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        let mut wire = self.clone();
        let encoding = wire.encoding_type;
        for field in [
            &mut wire.key_marker,
            &mut wire.next_key_marker,
            &mut wire.prefix,
            &mut wire.delimiter,
        ] {
            encode_field(encoding, field);
        }
        for upload in &mut wire.uploads {
            encode_field(encoding, &mut upload.key);
        }
        for prefix in &mut wire.common_prefixes {
            encode_field(encoding, &mut prefix.prefix);
        }
        render(Self::ROOT, &wire, namespaced(dialect))
    }
}

/// `<CopyPartResult>` (MPU-12).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CopyPartResult {
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
}

impl ResponseBody for CopyPartResult {
    const ROOT: &'static str = "CopyPartResult";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        render(Self::ROOT, self, namespaced(dialect))
    }
}
