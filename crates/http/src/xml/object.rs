//! Object answers with a body besides listings: CopyObject (http.md §5.5) and s3
//! GetObjectAttributes (http.md §5.2, GET-8).

use bucket_versioning::Dialect;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::{ResponseBody, from_iso, iso, namespaced, quoted, render, unquoted};

/// `<CopyObjectResult><ETag>"…"</ETag><LastModified/></CopyObjectResult>` (CPY-4).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CopyObjectResult {
    /// `ETag`, unquoted here (written quoted).
    #[serde(
        rename = "ETag",
        serialize_with = "quoted",
        deserialize_with = "unquoted"
    )]
    pub etag: String,
    /// `LastModified`, logical seconds.
    #[serde(
        rename = "LastModified",
        serialize_with = "iso",
        deserialize_with = "from_iso"
    )]
    pub last_modified: u64,
}

impl ResponseBody for CopyObjectResult {
    const ROOT: &'static str = "CopyObjectResult";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        render(Self::ROOT, self, namespaced(dialect))
    }
}

/// s3 `<GetObjectAttributesResponse>` (GET-8): only the attributes asked for
/// (`x-amz-object-attributes`) are set. The `ETag` is **unquoted** here, unlike everywhere
/// else; `Checksum` is never written (the model has no CRC64NVME, http.md §2).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GetObjectAttributesResponse {
    /// `ETag`, unquoted.
    #[serde(rename = "ETag", skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// `ObjectParts`, for a multipart object.
    #[serde(rename = "ObjectParts", skip_serializing_if = "Option::is_none")]
    pub object_parts: Option<ObjectParts>,
    /// `StorageClass`.
    #[serde(rename = "StorageClass", skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<String>,
    /// `ObjectSize`.
    #[serde(rename = "ObjectSize", skip_serializing_if = "Option::is_none")]
    pub object_size: Option<u64>,
}

/// `<ObjectParts><PartsCount/></ObjectParts>` (MODEL: the count from the ETag's `-N`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ObjectParts {
    /// `PartsCount`.
    #[serde(rename = "PartsCount")]
    pub parts_count: u32,
}

impl ResponseBody for GetObjectAttributesResponse {
    const ROOT: &'static str = "GetObjectAttributesResponse";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        render(Self::ROOT, self, namespaced(dialect))
    }
}
