//! A write's per-version attributes in request headers (TAG-1, TAG-5, TAG-6, http.md §5.1,
//! §5.5, §5.6), both directions: the tag set (`x-oss-tagging` / `x-amz-tagging`, a URL-encoded
//! query string `k1=v1&k2=v2`), the content type (`Content-Type`), the user metadata
//! (`x-oss-meta-*` / `x-amz-meta-*`), the storage class (`x-oss-storage-class` /
//! `x-amz-storage-class`) and a copy's directives (`x-*-metadata-directive`,
//! `x-*-tagging-directive`: `COPY` or `REPLACE`, in any letter case).
//!
//! The server reads every attribute a request carries, whatever the operation's directives say:
//! the model decides what a directive makes of them (TAG-6 ignores the request's metadata under
//! `COPY`), so the command is exactly what was sent. The client writes them so that the server
//! reads back exactly the command's values, with the normalisation HTTP imposes
//! ([`on_the_wire`]): metadata names lower-cased, the values of one name joined with `,` in
//! order (a header sent twice is one header with both values, RFC 9110 §5.3 — and TAG-5 joins
//! them so too), no empty metadata list.
//!
//! ```
//! use bucket_versioning::{Dialect, Metadata, Tags};
//! use bucket_versioning_http::attributes::{self, Attributes};
//!
//! let sent = Attributes {
//!     tags: Some(Tags::new().with("team", "web").with("note", "x y")),
//!     content_type: Some("text/plain".to_owned()),
//!     metadata: Some(Metadata::new().with("owner", "ana")),
//!     storage_class: Some("IA".to_owned()),
//! };
//! let headers = attributes::to_headers(Dialect::Oss, &sent)?;
//! assert_eq!(headers[0].1, "team=web&note=x%20y");
//! let mut map = http::HeaderMap::new();
//! for (name, value) in headers {
//!     map.append(name, value.parse()?);
//! }
//! assert_eq!(Attributes::from_headers(Dialect::Oss, &map)?, sent);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use bucket_versioning::metadata::Directive;
use bucket_versioning::{Dialect, Metadata, Tags};
use http::header::CONTENT_TYPE;
use http::{HeaderMap, HeaderName, HeaderValue};

use crate::error::CodecError;
use crate::headers::DialectHeaders;
use crate::percent;
use crate::query::Query;

/// The attributes a write request gives its new version (TAG-1, TAG-5).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attributes {
    /// The tag set (`x-*-tagging`), when the request has the header.
    pub tags: Option<Tags>,
    /// `Content-Type`, when the request has it.
    pub content_type: Option<String>,
    /// The user metadata (`x-*-meta-*`), when the request has at least one such header; names
    /// as HTTP gives them (lower case), the values of a repeated header joined with `,`.
    pub metadata: Option<Metadata>,
    /// The storage class (`x-*-storage-class`), when the request has the header.
    pub storage_class: Option<String>,
}

/// A copy's two directives (TAG-1, TAG-6), when the request has their headers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Directives {
    /// `x-*-tagging-directive`.
    pub tagging: Option<Directive>,
    /// `x-*-metadata-directive`.
    pub metadata: Option<Directive>,
}

impl Attributes {
    /// Reads the attributes from a request's headers.
    ///
    /// # Errors
    ///
    /// 400 `InvalidArgument` for a tagging header that is not a URL-encoded query string, and
    /// for a header value that is not UTF-8.
    pub fn from_headers(dialect: Dialect, headers: &HeaderMap) -> Result<Self, CodecError> {
        let names = DialectHeaders::of(dialect);
        let tags = match text(headers, &names.tagging)? {
            None => None,
            Some(raw) => Some(tags_from_query(&names.tagging, raw)?),
        };
        let mut metadata: Option<Metadata> = None;
        for name in headers.keys() {
            let Some(short) = name.as_str().strip_prefix(names.meta_prefix) else {
                continue;
            };
            let values = headers
                .get_all(name)
                .iter()
                .map(|value| utf8(name, value))
                .collect::<Result<Vec<_>, _>>()?;
            metadata = Some(metadata.unwrap_or_default().with(short, values.join(",")));
        }
        Ok(Attributes {
            tags,
            content_type: text(headers, &CONTENT_TYPE)?.map(str::to_owned),
            metadata,
            storage_class: text(headers, &names.storage_class)?.map(str::to_owned),
        })
    }
}

impl Directives {
    /// Reads a copy's directives from its headers.
    ///
    /// # Errors
    ///
    /// 400 `InvalidArgument` for a directive other than `COPY` or `REPLACE`.
    pub fn from_headers(dialect: Dialect, headers: &HeaderMap) -> Result<Self, CodecError> {
        let names = DialectHeaders::of(dialect);
        Ok(Directives {
            tagging: directive(headers, &names.tagging_directive)?,
            metadata: directive(headers, &names.metadata_directive)?,
        })
    }
}

/// The headers that carry `attributes` in `dialect`, in order: the tagging header, the
/// content type, one header per metadata name (lower-cased, the values of a repeated name
/// joined with `,`), the storage class.
///
/// # Errors
///
/// The name of what has no header form: a metadata name that is not an HTTP token, a value
/// (metadata, content type, storage class) with a byte a header value cannot carry, or with
/// white space at either end (HTTP strips it).
pub fn to_headers(
    dialect: Dialect,
    attributes: &Attributes,
) -> Result<Vec<(HeaderName, String)>, &'static str> {
    let names = DialectHeaders::of(dialect);
    let mut out = Vec::new();
    if let Some(tags) = &attributes.tags {
        out.push((names.tagging.clone(), tags_to_query(tags)));
    }
    if let Some(content_type) = &attributes.content_type {
        out.push((CONTENT_TYPE, sendable(content_type, "a content type")?));
    }
    if let Some(metadata) = &attributes.metadata {
        for (name, value) in on_the_wire_metadata(metadata).iter() {
            let header = HeaderName::from_bytes(format!("{}{name}", names.meta_prefix).as_bytes())
                .map_err(|_| "a metadata name that is not an HTTP token")?;
            out.push((header, sendable(value, "a metadata value")?));
        }
    }
    if let Some(storage_class) = &attributes.storage_class {
        out.push((
            names.storage_class.clone(),
            sendable(storage_class, "a storage class")?,
        ));
    }
    Ok(out)
}

/// The headers of a copy's directives (`COPY` / `REPLACE`).
pub fn directive_headers(dialect: Dialect, directives: Directives) -> Vec<(HeaderName, String)> {
    let names = DialectHeaders::of(dialect);
    let spell = |directive: Directive| match directive {
        Directive::Copy => "COPY".to_owned(),
        Directive::Replace => "REPLACE".to_owned(),
    };
    let mut out = Vec::new();
    if let Some(tagging) = directives.tagging {
        out.push((names.tagging_directive.clone(), spell(tagging)));
    }
    if let Some(metadata) = directives.metadata {
        out.push((names.metadata_directive.clone(), spell(metadata)));
    }
    out
}

/// A tag set as the tagging header's query string (`k1=v1&k2=v2`, each part percent-encoded).
pub fn tags_to_query(tags: &Tags) -> String {
    tags.iter()
        .map(|(key, value)| {
            format!(
                "{}={}",
                percent::encode_query_component(key),
                percent::encode_query_component(value)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The user metadata as the server reads it back from its headers: names lower-cased, one pair
/// per name in the order of the name's first appearance, its values joined with `,` (TAG-5),
/// `None` for none.
pub fn on_the_wire(metadata: Option<&Metadata>) -> Option<Metadata> {
    metadata
        .map(on_the_wire_metadata)
        .filter(|metadata| !metadata.is_empty())
}

fn on_the_wire_metadata(metadata: &Metadata) -> Metadata {
    let mut names: Vec<String> = Vec::new();
    for (name, _) in metadata.iter() {
        let lower = name.to_ascii_lowercase();
        if !names.contains(&lower) {
            names.push(lower);
        }
    }
    let mut out = Metadata::new();
    for wanted in &names {
        let values: Vec<&str> = metadata
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case(wanted))
            .map(|(_, value)| value)
            .collect();
        out = out.with(wanted.as_str(), values.join(","));
    }
    out
}

fn tags_from_query(header: &HeaderName, raw: &str) -> Result<Tags, CodecError> {
    let query = Query::parse(Some(raw)).map_err(|_| CodecError::InvalidArgument {
        name: header.as_str().to_owned(),
        value: raw.to_owned(),
        reason: "not a URL-encoded query string".to_owned(),
    })?;
    Ok(query.params().iter().fold(Tags::new(), |tags, param| {
        tags.with(param.name(), param.value().unwrap_or_default())
    }))
}

fn directive(headers: &HeaderMap, name: &HeaderName) -> Result<Option<Directive>, CodecError> {
    match text(headers, name)? {
        None => Ok(None),
        Some(value) if value.eq_ignore_ascii_case("COPY") => Ok(Some(Directive::Copy)),
        Some(value) if value.eq_ignore_ascii_case("REPLACE") => Ok(Some(Directive::Replace)),
        Some(value) => Err(CodecError::InvalidArgument {
            name: name.as_str().to_owned(),
            value: value.to_owned(),
            reason: "not COPY or REPLACE".to_owned(),
        }),
    }
}

fn text<'a>(headers: &'a HeaderMap, name: &HeaderName) -> Result<Option<&'a str>, CodecError> {
    headers.get(name).map(|value| utf8(name, value)).transpose()
}

fn utf8<'a>(name: &HeaderName, value: &'a HeaderValue) -> Result<&'a str, CodecError> {
    core::str::from_utf8(value.as_bytes()).map_err(|_| CodecError::InvalidArgument {
        name: name.as_str().to_owned(),
        value: String::from_utf8_lossy(value.as_bytes()).into_owned(),
        reason: "not UTF-8".to_owned(),
    })
}

pub(crate) fn sendable(value: &str, what: &'static str) -> Result<String, &'static str> {
    let trimmed = value.trim_matches([' ', '\t']);
    if trimmed.len() != value.len() || HeaderValue::from_str(value).is_err() {
        return Err(what);
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    // TAG-1, TAG-3: a repeated key and an empty value reach the model as sent.
    #[test]
    fn tags_keep_repeats_and_empty_values() {
        let tags = Tags::new()
            .with("team", "a")
            .with("team", "")
            .with("a&b", "=");
        let query = tags_to_query(&tags);
        let header = HeaderName::from_static("x-oss-tagging");
        assert_eq!(tags_from_query(&header, &query).ok(), Some(tags));
    }

    // TAG-5: names compare case-insensitively; HTTP lower-cases them and joins repeats.
    #[test]
    fn metadata_on_the_wire_is_lower_case_and_grouped() {
        let sent = Metadata::new()
            .with("Owner", "ana")
            .with("color", "red")
            .with("owner", "bo");
        assert_eq!(
            on_the_wire(Some(&sent)),
            Some(Metadata::new().with("owner", "ana,bo").with("color", "red"))
        );
        assert_eq!(on_the_wire(Some(&Metadata::new())), None);
    }

    // TAG-6: a directive is COPY or REPLACE in any case; anything else is InvalidArgument.
    #[test]
    fn directives_are_read_in_any_case() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-amz-metadata-directive",
            HeaderValue::from_static("replace"),
        );
        headers.insert("x-amz-tagging-directive", HeaderValue::from_static("Copy"));
        assert_eq!(
            Directives::from_headers(Dialect::S3, &headers).ok(),
            Some(Directives {
                tagging: Some(Directive::Copy),
                metadata: Some(Directive::Replace),
            })
        );
        headers.insert("x-amz-metadata-directive", HeaderValue::from_static("MOVE"));
        assert!(matches!(
            Directives::from_headers(Dialect::S3, &headers),
            Err(CodecError::InvalidArgument { .. })
        ));
    }

    // What a header cannot carry is refused on the client side, not sent altered.
    #[test]
    fn unsendable_values_are_named() {
        let attributes = Attributes {
            metadata: Some(Metadata::new().with("owner", " padded")),
            ..Attributes::default()
        };
        assert_eq!(
            to_headers(Dialect::Oss, &attributes),
            Err("a metadata value")
        );
    }
}
