//! Conditions on the wire, both kinds.
//!
//! **Conditional reads** (http.md §5.2, §5.5): `If-Match`, `If-None-Match`, `If-Modified-Since`,
//! `If-Unmodified-Since` on GetObject and HeadObject, and the `x-*-copy-source-if-*` headers of
//! a copy, evaluated by the codec against the selected version's ETag and Last-Modified.
//!
//! **Conditional writes and deletes** (CND-1..CND-6): [`WriteConditions`], the headers the
//! model's request fields `if_match`, `if_none_match` and `forbid_overwrite` travel in, read by
//! the server and written by the client. The codec does not evaluate them: the model does, after
//! its argument and state checks (CND-7), and refuses the ones the dialect does not take
//! (CND-1, CND-6), so those refusals are the model's own violations.
//!
//! | field | oss | s3 |
//! |---|---|---|
//! | `if_match` | `If-Match` (the model refuses it: `NotImplemented` 400) | `If-Match` |
//! | `if_none_match` | `If-None-Match` (refused likewise) | `If-None-Match` (only `*`, else 501) |
//! | `forbid_overwrite` | `x-oss-forbid-overwrite: true` / `false` | no header |
//!
//! The order is RFC 9110's: `If-Match` (else `If-Unmodified-Since`) fails with 412
//! `PreconditionFailed`; then `If-None-Match` (else `If-Modified-Since`) gives 304 Not Modified
//! on a read — and 412 on a copy source. ETags compare without quotes, case-insensitively
//! (MODEL); `*` matches any version. An unreadable date is ignored, as HTTP says.

use bucket_versioning::Dialect;
use http::header::{IF_MATCH, IF_MODIFIED_SINCE, IF_NONE_MATCH, IF_UNMODIFIED_SINCE};
use http::{HeaderMap, HeaderName};

use crate::error::CodecError;
use crate::headers::{self, DialectHeaders};
use crate::time;

/// The conditions of a write or a delete (CND-1..CND-6) as the model's request fields take them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteConditions {
    /// `If-Match`: the ETag the destination's head (or the version deleted) must have.
    pub if_match: Option<String>,
    /// `If-None-Match`: `*`, the destination must not exist.
    pub if_none_match: Option<String>,
    /// oss `x-oss-forbid-overwrite`: `true` (any letter case) is `Some(true)`, any other value
    /// `Some(false)` (ignored by the model, http.md §5.1).
    pub forbid_overwrite: Option<bool>,
}

impl WriteConditions {
    /// Reads the conditions of a write or delete request. `If-Match` and `If-None-Match` are read
    /// in both dialects (oss's refusal of them is the model's, CND-6); `x-oss-forbid-overwrite`
    /// only in oss (an s3 endpoint does not know the header).
    ///
    /// # Errors
    ///
    /// 400 `InvalidArgument` naming the header when a condition's value is not visible ASCII.
    pub fn from_headers(dialect: Dialect, headers: &HeaderMap) -> Result<Self, CodecError> {
        let text = |name: &HeaderName| -> Result<Option<String>, CodecError> {
            match headers.get(name) {
                None => Ok(None),
                Some(value) => value
                    .to_str()
                    .map(|text| Some(text.to_owned()))
                    .map_err(|_| CodecError::InvalidArgument {
                        name: name.as_str().to_owned(),
                        value: String::from_utf8_lossy(value.as_bytes()).into_owned(),
                        reason: "not visible ASCII".to_owned(),
                    }),
            }
        };
        let forbid_overwrite = match dialect {
            Dialect::Oss => headers
                .get(&headers::oss::FORBID_OVERWRITE)
                .map(|value| value.as_bytes().eq_ignore_ascii_case(b"true")),
            Dialect::S3 => None,
        };
        Ok(WriteConditions {
            if_match: text(&IF_MATCH)?,
            if_none_match: text(&IF_NONE_MATCH)?,
            forbid_overwrite,
        })
    }

    /// The headers that carry the conditions in `dialect`, the inverse of
    /// [`from_headers`](Self::from_headers).
    ///
    /// # Errors
    ///
    /// What has no header form: a value a header cannot carry as it is (a byte outside visible
    /// ASCII, white space at an end), or `forbid_overwrite` in s3, which has no such header.
    pub fn to_headers(&self, dialect: Dialect) -> Result<Vec<(HeaderName, String)>, &'static str> {
        let mut out = Vec::new();
        if let Some(etag) = &self.if_match {
            out.push((
                IF_MATCH,
                crate::attributes::sendable(etag, "an If-Match value")?,
            ));
        }
        if let Some(value) = &self.if_none_match {
            out.push((
                IF_NONE_MATCH,
                crate::attributes::sendable(value, "an If-None-Match value")?,
            ));
        }
        if let Some(forbid) = self.forbid_overwrite {
            match dialect {
                Dialect::Oss => {
                    out.push((headers::oss::FORBID_OVERWRITE.clone(), forbid.to_string()));
                }
                Dialect::S3 => return Err("forbid_overwrite in the s3 dialect"),
            }
        }
        Ok(out)
    }
}

/// The conditions of a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadConditions {
    if_match: Option<String>,
    if_none_match: Option<String>,
    if_modified_since: Option<u64>,
    if_unmodified_since: Option<u64>,
}

/// Why a condition stopped a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConditionFailed {
    /// 412 `PreconditionFailed`; the header that failed.
    #[error("the condition {0} does not hold")]
    PreconditionFailed(&'static str),
    /// 304 Not Modified (reads only).
    #[error("not modified")]
    NotModified,
}

impl ReadConditions {
    /// The conditions of a GetObject or HeadObject.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let text = |name| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let date = |name| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| time::parse_http_date(value).ok())
        };
        ReadConditions {
            if_match: text(IF_MATCH),
            if_none_match: text(IF_NONE_MATCH),
            if_modified_since: date(IF_MODIFIED_SINCE),
            if_unmodified_since: date(IF_UNMODIFIED_SINCE),
        }
    }

    /// The conditions a copy puts on its source (`x-oss-copy-source-if-*` /
    /// `x-amz-copy-source-if-*`).
    pub fn copy_source_from_headers(headers: &HeaderMap, names: &DialectHeaders) -> Self {
        let text = |name: &http::HeaderName| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let date = |name: &http::HeaderName| {
            text(name).and_then(|value| time::parse_http_date(&value).ok())
        };
        ReadConditions {
            if_match: text(&names.copy_source_if_match),
            if_none_match: text(&names.copy_source_if_none_match),
            if_modified_since: date(&names.copy_source_if_modified_since),
            if_unmodified_since: date(&names.copy_source_if_unmodified_since),
        }
    }

    /// Whether there is no condition.
    pub fn is_empty(&self) -> bool {
        *self == ReadConditions::default()
    }

    /// Evaluates the conditions against a version with `etag` (quoted or not) and
    /// `last_modified` (logical seconds).
    pub fn evaluate(&self, etag: &str, last_modified: u64) -> Result<(), ConditionFailed> {
        match &self.if_match {
            Some(list) if !etag_in(list, etag) => {
                return Err(ConditionFailed::PreconditionFailed("If-Match"));
            }
            Some(_) => {}
            None => {
                if self
                    .if_unmodified_since
                    .is_some_and(|since| last_modified > since)
                {
                    return Err(ConditionFailed::PreconditionFailed("If-Unmodified-Since"));
                }
            }
        }
        match &self.if_none_match {
            Some(list) if etag_in(list, etag) => Err(ConditionFailed::NotModified),
            Some(_) => Ok(()),
            None if self
                .if_modified_since
                .is_some_and(|since| last_modified <= since) =>
            {
                Err(ConditionFailed::NotModified)
            }
            None => Ok(()),
        }
    }

    /// As [`evaluate`](Self::evaluate) for a copy source, where every failure is 412.
    pub fn evaluate_copy_source(
        &self,
        etag: &str,
        last_modified: u64,
    ) -> Result<(), ConditionFailed> {
        self.evaluate(etag, last_modified)
            .map_err(|failure| match failure {
                ConditionFailed::NotModified if self.if_none_match.is_some() => {
                    ConditionFailed::PreconditionFailed("x-copy-source-if-none-match")
                }
                ConditionFailed::NotModified => {
                    ConditionFailed::PreconditionFailed("x-copy-source-if-modified-since")
                }
                failure => failure,
            })
    }
}

/// Whether `etag` is in the comma-separated `list` (or the list is `*`).
fn etag_in(list: &str, etag: &str) -> bool {
    let bare = |text: &str| {
        let text = text.trim();
        let text = text.strip_prefix("W/").unwrap_or(text);
        text.trim_matches('"').to_ascii_lowercase()
    };
    let etag = bare(etag);
    list.split(',')
        .any(|candidate| candidate.trim() == "*" || bare(candidate) == etag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn conditions(pairs: &[(http::HeaderName, &'static str)]) -> ReadConditions {
        let headers: HeaderMap = pairs
            .iter()
            .map(|(name, value)| (name.clone(), HeaderValue::from_static(value)))
            .collect();
        ReadConditions::from_headers(&headers)
    }

    const ETAG: &str = "\"D41D8CD98F00B204E9800998ECF8427E\"";
    /// Tue, 09 Apr 2019 02:53:24 GMT.
    const THEN: u64 = 1_554_778_404;

    // http.md §5.2: If-Match mismatch → 412; match (quotes and case ignored) → the read.
    #[test]
    fn if_match() {
        let matching = conditions(&[(IF_MATCH, "\"d41d8cd98f00b204e9800998ecf8427e\"")]);
        assert_eq!(matching.evaluate(ETAG, THEN), Ok(()));
        assert_eq!(conditions(&[(IF_MATCH, "*")]).evaluate(ETAG, THEN), Ok(()));
        assert_eq!(
            conditions(&[(IF_MATCH, "\"other\", \"x\"")]).evaluate(ETAG, THEN),
            Err(ConditionFailed::PreconditionFailed("If-Match"))
        );
        // If-Match holding, If-Unmodified-Since is not looked at (RFC 9110).
        let both = conditions(&[
            (IF_MATCH, "d41d8cd98f00b204e9800998ecf8427e"),
            (IF_UNMODIFIED_SINCE, "Tue, 09 Apr 2019 02:00:00 GMT"),
        ]);
        assert_eq!(both.evaluate(ETAG, THEN), Ok(()));
    }

    // http.md §5.2: If-None-Match match → 304; If-Modified-Since not earlier → 304;
    // If-Unmodified-Since earlier → 412.
    #[test]
    fn not_modified_and_unmodified_since() {
        assert_eq!(
            conditions(&[(IF_NONE_MATCH, ETAG)]).evaluate(ETAG, THEN),
            Err(ConditionFailed::NotModified)
        );
        assert_eq!(
            conditions(&[(IF_NONE_MATCH, "\"x\"")]).evaluate(ETAG, THEN),
            Ok(())
        );
        let since = conditions(&[(IF_MODIFIED_SINCE, "Tue, 09 Apr 2019 02:53:24 GMT")]);
        assert_eq!(
            since.evaluate(ETAG, THEN),
            Err(ConditionFailed::NotModified)
        );
        assert_eq!(since.evaluate(ETAG, THEN + 1), Ok(()));
        let unmodified = conditions(&[(IF_UNMODIFIED_SINCE, "Tue, 09 Apr 2019 02:53:23 GMT")]);
        assert_eq!(
            unmodified.evaluate(ETAG, THEN),
            Err(ConditionFailed::PreconditionFailed("If-Unmodified-Since"))
        );
        assert_eq!(unmodified.evaluate(ETAG, THEN - 1), Ok(()));
        assert!(conditions(&[(IF_MODIFIED_SINCE, "not a date")]).is_empty());
    }

    // http.md §5.5: on a copy source every failure is 412.
    #[test]
    fn copy_source_conditions_fail_with_412() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-amz-copy-source-if-none-match",
            HeaderValue::from_static(ETAG),
        );
        let copy = ReadConditions::copy_source_from_headers(&headers, &crate::headers::S3);
        assert!(matches!(
            copy.evaluate_copy_source(ETAG, THEN),
            Err(ConditionFailed::PreconditionFailed(_))
        ));
        assert!(ReadConditions::from_headers(&headers).is_empty());
    }
}
