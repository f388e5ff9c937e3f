//! The batch delete (http.md §5.4): `<Delete>` in, `<DeleteResult>` out.

use bucket_versioning::Dialect;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use super::{
    EncodingType, RequestBody, ResponseBody, bool_any_case, encode_field, namespaced, render,
};

/// `<Delete>`, DeleteObjects' body (BAT-1). `Quiet` absent means false; `<Object>`s and
/// `<Quiet>` come in either order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delete {
    /// `Quiet` (any letter case).
    #[serde(
        rename = "Quiet",
        default,
        deserialize_with = "bool_any_case",
        skip_serializing_if = "Option::is_none"
    )]
    pub quiet: Option<bool>,
    /// `Object`, repeated, in request order (BAT-2).
    #[serde(rename = "Object", default)]
    pub objects: Vec<ObjectIdentifier>,
}

impl RequestBody for Delete {
    const ROOT: &'static str = "Delete";
}

/// `<Object><Key/>[<VersionId/>][<ETag/>]</Object>`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectIdentifier {
    /// `Key` (required).
    #[serde(rename = "Key")]
    pub key: String,
    /// `VersionId`: absent for a simple delete; `Some("")` for an empty element (BAT-4: a
    /// per-entry `InvalidArgument`).
    #[serde(rename = "VersionId", default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    /// s3 `ETag`: the entry's condition (CND-5).
    #[serde(rename = "ETag", default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
}

/// `<DeleteResult>` (BAT-3, BAT-4), entries in request order (MODEL).
///
/// In quiet mode the mapping puts only the errors in; oss then sends no body at all when there
/// are none ([`to_xml`](ResponseBody::to_xml) is empty), s3 an empty `<DeleteResult>` (MODEL).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeleteResult {
    /// Whether the request was quiet.
    #[serde(skip)]
    pub quiet: bool,
    /// `EncodingType`.
    #[serde(rename = "EncodingType", skip_serializing_if = "Option::is_none")]
    pub encoding_type: Option<EncodingType>,
    /// `Deleted`, repeated.
    #[serde(rename = "Deleted")]
    pub deleted: Vec<Deleted>,
    /// `Error`, repeated.
    #[serde(rename = "Error")]
    pub errors: Vec<DeleteError>,
}

/// `<Deleted>` of a batch delete (BAT-3).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Deleted {
    /// `Key`.
    #[serde(rename = "Key")]
    pub key: String,
    /// `VersionId`: the ID given (deletes by ID).
    #[serde(rename = "VersionId", skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    /// `DeleteMarker`: written only when true.
    #[serde(rename = "DeleteMarker", skip_serializing_if = "is_false")]
    pub delete_marker: bool,
    /// `DeleteMarkerVersionId`.
    #[serde(
        rename = "DeleteMarkerVersionId",
        skip_serializing_if = "Option::is_none"
    )]
    pub delete_marker_version_id: Option<String>,
}

/// `<Error>` of a batch delete (BAT-4).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeleteError {
    /// `Key`.
    #[serde(rename = "Key")]
    pub key: String,
    /// `VersionId`.
    #[serde(rename = "VersionId", skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    /// `Code`.
    #[serde(rename = "Code")]
    pub code: String,
    /// `Message`.
    #[serde(rename = "Message")]
    pub message: String,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl ResponseBody for DeleteResult {
    const ROOT: &'static str = "DeleteResult";

    fn to_xml(&self, dialect: Dialect) -> Bytes {
        if dialect == Dialect::Oss && self.quiet && self.errors.is_empty() {
            return Bytes::new();
        }
        let mut wire = self.clone();
        for deleted in &mut wire.deleted {
            encode_field(wire.encoding_type, &mut deleted.key);
        }
        for error in &mut wire.errors {
            encode_field(wire.encoding_type, &mut error.key);
        }
        render(Self::ROOT, &wire, namespaced(dialect))
    }
}
