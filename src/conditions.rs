//! Conditional writes and deletes (CND), checked once for every operation that takes them.
//!
//! A condition is an optional field of an existing request (PutObject, CopyObject on its
//! destination, CompleteMultipartUpload, PutSymlink (`forbid_overwrite` only), DeleteObject, a
//! DeleteObjects entry). Each operation parses its conditions with its other arguments
//! ([`Conditions::parse`], ERR-4's argument step: a condition the dialect does not take is
//! refused there) and, after its bucket-state checks and before any state change, asks the
//! bucket whether they hold (`ops/conditions.rs`) (CND-7). A failed condition therefore changes nothing and uses up no ID or sequence number
//! (ERR-2).

use alloc::string::String;

use crate::dialect::Dialect;
use crate::violation::{UnsupportedCondition, Violation};

/// What an `if_match` asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Match {
    /// `*`: any object version (MODEL for writes: the same meaning CND-5 gives it on deletes).
    Any,
    /// This ETag, one pair of surrounding double quotes removed; compared without regard to
    /// ASCII case (CND-1).
    ETag(String),
}

impl Match {
    fn parse(value: &str) -> Self {
        if value == "*" {
            return Match::Any;
        }
        let unquoted = value
            .strip_prefix('"')
            .and_then(|inner| inner.strip_suffix('"'))
            .unwrap_or(value);
        Match::ETag(String::from(unquoted))
    }

    pub(crate) fn accepts(&self, etag: &str) -> bool {
        match self {
            Match::Any => true,
            Match::ETag(expected) => expected.eq_ignore_ascii_case(etag),
        }
    }
}

/// A write's conditions as the request gives them, unchecked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WriteConditions<'a> {
    /// `if_match` (s3).
    pub(crate) if_match: Option<&'a str>,
    /// `if_none_match` (s3).
    pub(crate) if_none_match: Option<&'a str>,
    /// `forbid_overwrite` (oss).
    pub(crate) forbid_overwrite: Option<bool>,
}

impl WriteConditions<'_> {
    /// Checks them under `dialect` (CND-1, CND-6): [`Conditions::parse`].
    pub(crate) fn parse(self, dialect: Dialect) -> Result<Conditions, Violation> {
        Conditions::parse(
            dialect,
            self.if_match,
            self.if_none_match,
            self.forbid_overwrite,
        )
    }
}

/// A request's conditions, parsed under its dialect (CND-1, CND-6): only the ones the dialect
/// takes and that ask for something.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Conditions {
    /// s3 `if_match` (CND-4, CND-5).
    pub(crate) if_match: Option<Match>,
    /// s3 `if_none_match: *` (CND-3).
    pub(crate) if_none_match: bool,
    /// oss `forbid_overwrite: true` (CND-6).
    pub(crate) forbid_overwrite: bool,
}

impl Conditions {
    /// Parses a write's conditions: an argument check (ERR-4).
    ///
    /// - CND-1 (s3): `if_none_match` takes only `*`, else `NotImplemented` 501; s3 has no
    ///   `forbid_overwrite`: `true` → `NotImplemented` 501, `false` is ignored (MODEL).
    /// - CND-6 (oss): `if_match` or `if_none_match` → `NotImplemented` 400.
    pub(crate) fn parse(
        dialect: Dialect,
        if_match: Option<&str>,
        if_none_match: Option<&str>,
        forbid_overwrite: Option<bool>,
    ) -> Result<Self, Violation> {
        let unsupported = Violation::UnsupportedCondition;
        let forbid_overwrite = forbid_overwrite == Some(true);
        match dialect {
            Dialect::Oss => {
                if if_match.is_some() {
                    return Err(unsupported(UnsupportedCondition::OssIfMatch));
                }
                if if_none_match.is_some() {
                    return Err(unsupported(UnsupportedCondition::OssIfNoneMatch));
                }
                Ok(Conditions {
                    if_match: None,
                    if_none_match: false,
                    forbid_overwrite,
                })
            }
            Dialect::S3 => {
                if if_none_match.is_some_and(|value| value != "*") {
                    return Err(unsupported(UnsupportedCondition::S3IfNoneMatchValue));
                }
                if forbid_overwrite {
                    return Err(unsupported(UnsupportedCondition::S3ForbidOverwrite));
                }
                Ok(Conditions {
                    if_match: if_match.map(Match::parse),
                    if_none_match: if_none_match.is_some(),
                    forbid_overwrite: false,
                })
            }
        }
    }

    /// Parses a delete's `if_match` (CND-5; oss refuses it as CND-6 does on writes).
    pub(crate) fn parse_delete(
        dialect: Dialect,
        if_match: Option<&str>,
    ) -> Result<Self, Violation> {
        Conditions::parse(dialect, if_match, None, None)
    }
}
