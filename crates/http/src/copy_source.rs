//! The source of a copy (http.md §5.5, §5.6): `x-oss-copy-source` / `x-amz-copy-source`, and the
//! byte range of an UploadPartCopy (`x-*-copy-source-range`, MPU-12).
//!
//! The header is `[/]{bucket}/{urlenc(key)}[?versionId=V]`: one optional leading `/` is
//! stripped (botocore sends none, oss2 and the Go SDK v2 one), the text is split at the first
//! `?` **before** percent-decoding (an encoded key has no raw `?`), the bucket is the text before
//! the first `/`, the key the percent-decoded rest (oss2 encodes `/` in keys, the Go SDK v2 does
//! not: both decode to the same key), and `versionId` the percent-decoded value after
//! `versionId=`.

use crate::percent::{self, PercentError};
use crate::query::Query;

/// A copy source.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CopySource {
    /// The source bucket (SVC-7 when it is not the destination's).
    pub bucket: String,
    /// The source key, decoded.
    pub key: String,
    /// The source version, when named (CPY-1).
    pub version_id: Option<String>,
}

/// A copy-source header that cannot be read (400 `InvalidArgument`, MODEL).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CopySourceError {
    /// No `/` between bucket and key, or either is empty.
    #[error("the copy source {0:?} is not /bucket/key")]
    NotBucketAndKey(String),
    /// A bad percent-escape, or not UTF-8 once decoded.
    #[error("the copy source does not decode: {0}")]
    Encoding(#[from] PercentError),
    /// A `?` followed by something other than `versionId=…`.
    #[error("the copy source's query {0:?} is not versionId=…")]
    UnknownQuery(String),
    /// A copy-source range that is not `bytes=first-last` with two decimal numbers.
    #[error("the copy source range {0:?} is not bytes=first-last")]
    BadRange(String),
}

impl CopySource {
    /// Parses a copy-source header value.
    pub fn parse(text: &str) -> Result<Self, CopySourceError> {
        let text = text.trim();
        let unrooted = text.strip_prefix('/').unwrap_or(text);
        let (path, query) = match unrooted.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (unrooted, None),
        };
        let (bucket, key) = path
            .split_once('/')
            .filter(|(bucket, key)| !bucket.is_empty() && !key.is_empty())
            .ok_or_else(|| CopySourceError::NotBucketAndKey(text.to_owned()))?;
        let version_id = match query {
            None => None,
            Some(query) => {
                let parsed = Query::parse(Some(query))
                    .map_err(|_| CopySourceError::UnknownQuery(query.to_owned()))?;
                match parsed.params() {
                    [param] if param.name() == "versionId" => {
                        Some(param.value().unwrap_or("").to_owned())
                    }
                    _ => return Err(CopySourceError::UnknownQuery(query.to_owned())),
                }
            }
        };
        Ok(CopySource {
            bucket: percent::decode(bucket)?,
            key: percent::decode(key)?,
            version_id,
        })
    }
}

/// Parses `x-*-copy-source-range: bytes=first-last` (both inclusive, MPU-12); whether the range
/// lies inside the source, and is not backwards (`first > last`), is the model's check (s3
/// `InvalidRange` 416, oss `InvalidArgument` 400).
pub fn parse_copy_source_range(text: &str) -> Result<(u64, u64), CopySourceError> {
    let bad = || CopySourceError::BadRange(text.to_owned());
    let (first, last) = text
        .trim()
        .strip_prefix("bytes=")
        .and_then(|range| range.split_once('-'))
        .ok_or_else(bad)?;
    let number = |digits: &str| {
        if !digits.is_empty() && digits.bytes().all(|digit| digit.is_ascii_digit()) {
            digits.parse::<u64>().ok()
        } else {
            None
        }
    };
    match (number(first), number(last)) {
        (Some(first), Some(last)) => Ok((first, last)),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(bucket: &str, key: &str, version_id: Option<&str>) -> CopySource {
        CopySource {
            bucket: bucket.into(),
            key: key.into(),
            version_id: version_id.map(str::to_owned),
        }
    }

    // http.md §5.5: botocore (no leading `/`, `/` kept), oss2 (leading `/`, `/` encoded), the
    // Go SDK v2 (leading `/`, `/` kept), with and without a version.
    #[test]
    fn every_sdks_copy_source_parses() {
        let cases = [
            (
                "bucket/dir/a%20b.txt?versionId=v1",
                source("bucket", "dir/a b.txt", Some("v1")),
            ),
            (
                "/bucket/dir%2Fa%20b.txt",
                source("bucket", "dir/a b.txt", None),
            ),
            (
                "/bucket/dir/a%20b.txt?versionId=v%2B1",
                source("bucket", "dir/a b.txt", Some("v+1")),
            ),
            ("/b/%3F?versionId=null", source("b", "?", Some("null"))),
            ("b/a//c", source("b", "a//c", None)),
        ];
        for (text, expected) in cases {
            assert_eq!(CopySource::parse(text), Ok(expected), "{text}");
        }
    }

    // http.md §5.5: what is not a copy source is refused.
    #[test]
    fn malformed_copy_sources_are_refused() {
        for text in [
            "bucket",
            "/bucket/",
            "//key",
            "",
            "b/k?acl",
            "b/k?versionId=1&x=2",
        ] {
            assert!(CopySource::parse(text).is_err(), "{text}");
        }
        assert!(matches!(
            CopySource::parse("b/%zz"),
            Err(CopySourceError::Encoding(_))
        ));
    }

    // MPU-12: `bytes=first-last`, inclusive; a backwards range reads as sent (the model
    // refuses it).
    #[test]
    fn copy_source_ranges() {
        assert_eq!(parse_copy_source_range("bytes=0-9"), Ok((0, 9)));
        assert_eq!(parse_copy_source_range(" bytes=5-5 "), Ok((5, 5)));
        assert_eq!(parse_copy_source_range("bytes=9-0"), Ok((9, 0)));
        for text in ["bytes=-5", "bytes=5-", "0-9", "bytes=a-b", "bytes=+1-2"] {
            assert!(parse_copy_source_range(text).is_err(), "{text}");
        }
    }
}
