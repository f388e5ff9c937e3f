//! XML bodies (http.md §2–§5), with quick-xml's serde support.
//!
//! **Request bodies** ([`RequestBody`]: `Delete`, `CompleteMultipartUpload`, the configuration
//! documents) are parsed namespace- and order-insensitively: s3 SDKs send
//! `xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`, oss2 sends none; botocore writes
//! `<Object>`s before `<Quiet>`, oss2 after. Booleans are read case-insensitively (oss2 writes
//! `str(bool)`, `True`). The root element must be the document's; unknown children are ignored;
//! anything unreadable is [`XmlError`] (400 `MalformedXML`).
//!
//! **Response bodies** ([`ResponseBody`]) are plain data structs that the command mapping fills;
//! [`ResponseBody::to_xml`] writes them per dialect: the prolog, the s3 namespace on success
//! roots only (never in oss: oss2's `find('Tag')` misses namespaced tags), `.000Z` timestamps,
//! quoted ETags (unquoted in s3 GetObjectAttributes), the oss-only elements only in oss, every
//! element oss2's parsers require, and — for `encoding-type=url` — the key-like fields
//! percent-encoded (http.md §2).

mod batch;
mod bucket;
mod config;
mod listing;
mod multipart;
mod object;

pub use batch::{Delete, DeleteError, DeleteResult, Deleted, ObjectIdentifier};
pub use bucket::{
    BucketInfo, BucketInfoDocument, BucketSummary, ListAllMyBucketsResult, LocationConstraint,
};
pub use config::{
    CreateBucketConfiguration, DefaultRetention, ExtendWormConfiguration,
    InitiateWormConfiguration, LegalHold, LifecycleAbortIncompleteMultipartUpload,
    LifecycleAbortMultipartUpload, LifecycleAnd, LifecycleConfiguration, LifecycleExpiration,
    LifecycleFilter, LifecycleNoncurrentExpiration, LifecycleNot, LifecycleRule,
    LifecycleTransition, ObjectLockConfiguration, ObjectLockRule, Retention, Tag, TagSet, Tagging,
    VersioningConfiguration, WormConfiguration,
};
pub use listing::{
    CommonPrefix, DeleteMarkerEntry, ListBucketResult, ListBucketResultV2, ListVersionsResult,
    ObjectEntry, VersionEntry, VersionListEntry,
};
pub use multipart::{
    CompleteMultipartUpload, CompleteMultipartUploadResult, CompletedPart, CopyPartResult,
    InitiateMultipartUploadResult, ListMultipartUploadsResult, ListPartsResult, PartEntry,
    UploadEntry,
};
pub use object::{CopyObjectResult, GetObjectAttributesResponse, ObjectParts};

use bucket_versioning::Dialect;
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::percent;

/// The s3 namespace of success roots (http.md §2).
pub const S3_NAMESPACE: &str = "http://s3.amazonaws.com/doc/2006-03-01/";

/// The largest request body parsed, in bytes: 2 MiB (oss refuses larger DeleteObjects bodies
/// with `MalformedXML`; MODEL for the others).
pub const MAX_REQUEST_BODY: usize = 2 * 1024 * 1024;

const PROLOG: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// A request body that is not the XML document the operation takes (400 `MalformedXML`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum XmlError {
    /// Larger than [`MAX_REQUEST_BODY`].
    #[error("the XML body is {0} bytes, more than 2 MiB")]
    TooLarge(usize),
    /// Not UTF-8.
    #[error("the XML body is not UTF-8")]
    NotUtf8,
    /// No root element, or another document's.
    #[error("expected the root element {expected}, found {found:?}")]
    WrongRoot {
        /// The operation's root element.
        expected: &'static str,
        /// What the body has (empty when it has no element).
        found: String,
    },
    /// Not well-formed, or not the document's shape (a missing required element, a number that
    /// is not one, a repeated single element).
    #[error("malformed XML: {0}")]
    Malformed(String),
}

/// An XML document a request carries.
pub trait RequestBody: DeserializeOwned {
    /// Its root element.
    const ROOT: &'static str;

    /// Parses `body` (http.md §10: namespace- and order-insensitive, booleans in any case).
    fn from_xml(body: &[u8]) -> Result<Self, XmlError> {
        if body.len() > MAX_REQUEST_BODY {
            return Err(XmlError::TooLarge(body.len()));
        }
        parse(Self::ROOT, body)
    }

    /// The body as a client sends it in `dialect` (s3 SDKs add the namespace): the direction
    /// of the checker, and the inverse of [`from_xml`](Self::from_xml).
    fn to_request_xml(&self, dialect: Dialect) -> Bytes
    where
        Self: Serialize,
    {
        render(Self::ROOT, self, namespaced(dialect))
    }
}

/// An XML document a response carries.
pub trait ResponseBody {
    /// Its root element.
    const ROOT: &'static str;

    /// The body in `dialect`: prolog, root (with the s3 namespace when the dialect has it), the
    /// dialect's elements.
    fn to_xml(&self, dialect: Dialect) -> Bytes;

    /// Reads a response body back (the client direction, [`crate::client`]): namespace- and
    /// order-insensitive like request bodies, quotes stripped from ETags, timestamps back to
    /// logical seconds, elements the dialect leaves out at their defaults. Key-like fields stay
    /// as written (the client never asks for `encoding-type=url`).
    ///
    /// # Errors
    ///
    /// [`XmlError`] for a body that is not this document.
    fn from_response_xml(body: &[u8]) -> Result<Self, XmlError>
    where
        Self: DeserializeOwned,
    {
        parse(Self::ROOT, body)
    }
}

/// Parses `body` as the document `root` (local name; any namespace, any child order).
pub(crate) fn parse<T: DeserializeOwned>(root: &'static str, body: &[u8]) -> Result<T, XmlError> {
    let text = core::str::from_utf8(body).map_err(|_| XmlError::NotUtf8)?;
    let found = root_name(text)?.unwrap_or_default();
    if found != root {
        return Err(XmlError::WrongRoot {
            expected: root,
            found,
        });
    }
    quick_xml::de::from_str(text).map_err(|error| XmlError::Malformed(error.to_string()))
}

/// The local name of the first element of `text`, if it has one.
fn root_name(text: &str) -> Result<Option<String>, XmlError> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(start) | quick_xml::events::Event::Empty(start)) => {
                return Ok(Some(start.local_name().into_inner().to_owned()));
            }
            Ok(quick_xml::events::Event::Eof) => return Ok(None),
            Ok(_) => {}
            Err(error) => return Err(XmlError::Malformed(error.to_string())),
        }
    }
}

/// Writes `value` as the document `root`: prolog, then the element, with the s3 namespace when
/// `namespaced`. Empty elements are written `<A></A>`, as the services do.
pub(crate) fn render<T: Serialize>(root: &str, value: &T, namespaced: bool) -> Bytes {
    let mut body = String::from(PROLOG);
    let mut serializer = quick_xml::se::Serializer::with_root(&mut body, Some(root))
        .expect("invariant: the roots are this crate's own element names, all valid");
    serializer.expand_empty_elements(true);
    value.serialize(serializer).expect(
        "invariant: the documents are structs of strings, numbers and sequences, which \
         quick-xml always serializes (the tests write every one)",
    );
    if namespaced {
        let at = PROLOG.len() + 1 + root.len();
        body.insert_str(at, &format!(" xmlns=\"{S3_NAMESPACE}\""));
    }
    Bytes::from(body)
}

/// Whether `dialect` puts the namespace on success roots.
pub(crate) fn namespaced(dialect: Dialect) -> bool {
    dialect == Dialect::S3
}

/// `encoding-type=url` in a response (http.md §2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EncodingType {
    /// The key-like fields are percent-encoded.
    #[default]
    #[serde(rename = "url")]
    Url,
}

/// Percent-encodes `field` when the response is URL-encoded.
pub(crate) fn encode_field(encoding: Option<EncodingType>, field: &mut String) {
    if encoding.is_some() {
        *field = percent::encode_url_field(field);
    }
}

/// As [`encode_field`], for an optional field.
pub(crate) fn encode_optional(encoding: Option<EncodingType>, field: &mut Option<String>) {
    if let Some(field) = field {
        encode_field(encoding, field);
    }
}

/// Serializes an ETag quoted (`"…"`).
pub(crate) fn quoted<S: Serializer>(etag: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&format_args!("\"{etag}\""))
}

/// Deserializes an ETag written quoted: the text without its quotes.
pub(crate) fn unquoted<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let text = String::deserialize(deserializer)?;
    Ok(strip_quotes(&text).to_owned())
}

/// An ETag without the quotes around it (and without surrounding white space), as MPU-5 and
/// the client compare it.
pub fn strip_quotes(etag: &str) -> &str {
    let etag = etag.trim();
    etag.strip_prefix('"')
        .and_then(|etag| etag.strip_suffix('"'))
        .unwrap_or(etag)
}

/// Deserializes an XML timestamp (`2019-04-09T07:27:28.000Z`) as logical seconds.
pub(crate) fn from_iso<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let text = String::deserialize(deserializer)?;
    crate::time::parse_iso8601(text.trim()).map_err(serde::de::Error::custom)
}

/// Serializes logical seconds as an XML timestamp (`2019-04-09T07:27:28.000Z`).
pub(crate) fn iso<S: Serializer>(seconds: &u64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&crate::time::iso8601(*seconds))
}

/// Deserializes an optional boolean in any letter case (`true`, `True`, `FALSE`).
pub(crate) fn bool_any_case<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<bool>, D::Error> {
    let text = String::deserialize(deserializer)?;
    match text.trim() {
        text if text.eq_ignore_ascii_case("true") => Ok(Some(true)),
        text if text.eq_ignore_ascii_case("false") => Ok(Some(false)),
        other => Err(serde::de::Error::custom(format!(
            "{other:?} is not a boolean"
        ))),
    }
}

/// The owner element of listings (`<Owner><ID/><DisplayName/></Owner>`; oss2 requires both).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Owner {
    /// `ID`.
    #[serde(rename = "ID")]
    pub id: String,
    /// `DisplayName`.
    #[serde(rename = "DisplayName")]
    pub display_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    // http.md §10: the root must be the document's, wherever its namespace.
    #[test]
    fn roots_are_checked_by_local_name() {
        assert_eq!(
            root_name("<?xml version=\"1.0\"?>\n<s3:Delete xmlns:s3=\"x\"/>"),
            Ok(Some("Delete".to_owned()))
        );
        assert_eq!(root_name(""), Ok(None));
        assert!(matches!(root_name("<a"), Err(XmlError::Malformed(_))));
    }
}
