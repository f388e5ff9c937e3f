//! Conditional writes and deletes (CND), checked once for every operation that takes them.
//!
//! A condition is an optional field of an existing request (PutObject, CopyObject on its
//! destination, CompleteMultipartUpload, DeleteObject, a DeleteObjects entry). Each operation
//! parses its conditions with its other arguments ([`Conditions::parse`], ERR-4's argument
//! step: a condition the dialect does not take is refused there) and, after its bucket-state
//! checks and before any state change, asks [`Bucket::check_conditions`] whether they hold
//! (CND-7). A failed condition therefore changes nothing and uses up no ID or sequence number
//! (ERR-2).

use alloc::string::String;

use crate::bucket::Bucket;
use crate::dialect::Dialect;
use crate::storage::entry::Entry;
use crate::version_id::{IdSource, VersionId};
use crate::versioning::VersioningState;
use crate::violation::{PreconditionReason, UnsupportedCondition, Violation};

/// What an `if_match` asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Match {
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

    fn accepts(&self, etag: &str) -> bool {
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
    if_match: Option<Match>,
    /// s3 `if_none_match: *` (CND-3).
    if_none_match: bool,
    /// oss `forbid_overwrite: true` (CND-6).
    forbid_overwrite: bool,
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
        let unsupported = |reason| Violation::UnsupportedCondition { reason, dialect };
        let forbid_overwrite = forbid_overwrite == Some(true);
        match dialect {
            Dialect::Oss => {
                if if_match.is_some() {
                    return Err(unsupported(UnsupportedCondition::IfMatch));
                }
                if if_none_match.is_some() {
                    return Err(unsupported(UnsupportedCondition::IfNoneMatch));
                }
                Ok(Conditions {
                    if_match: None,
                    if_none_match: false,
                    forbid_overwrite,
                })
            }
            Dialect::S3 => {
                if if_none_match.is_some_and(|value| value != "*") {
                    return Err(unsupported(UnsupportedCondition::IfNoneMatchValue));
                }
                if forbid_overwrite {
                    return Err(unsupported(UnsupportedCondition::ForbidOverwrite));
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

impl<S: IdSource> Bucket<S> {
    /// Whether `conditions` hold for `key` (and, for a delete, the version `version_id`
    /// names): ERR-4's last step, after the arguments and the bucket state, before any change
    /// (CND-7).
    ///
    /// - CND-6 (oss): `forbid_overwrite` in an Unversioned bucket whose key has an entry →
    ///   `FileAlreadyExists` 409; in an Enabled or Suspended bucket it is ignored.
    /// - CND-2: without a version ID only the key's head is looked at; "the object exists"
    ///   means the head is an object version.
    /// - CND-4: `if_match` when the head is not an object version → `NoSuchKey` 404 (with the
    ///   delete-marker flag and the marker's ID, RSP-3, when the head is one); a different
    ///   ETag → `PreconditionFailed` 412. `if_match` is checked before `if_none_match`, as
    ///   HTTP evaluates them (MODEL).
    /// - CND-3: `if_none_match: *` when the object exists → `PreconditionFailed` 412.
    /// - CND-5 (MODEL): with a version ID (deletes only), `if_match` is checked against the
    ///   version it names: no entry, or a delete marker → `PreconditionFailed` 412.
    pub(crate) fn check_conditions(
        &self,
        key: &str,
        version_id: Option<&VersionId>,
        conditions: &Conditions,
    ) -> Result<(), Violation> {
        if conditions.forbid_overwrite
            && self.versioning == VersioningState::Unversioned
            && self.store.head(key).is_some()
        {
            return Err(Violation::FileAlreadyExists);
        }
        if let Some(expected) = &conditions.if_match {
            let selected = match version_id {
                Some(id) => self
                    .store
                    .find_entry(key, id)
                    .and_then(|(_, entry)| self.object_etag(entry)),
                None => Some(self.head_object_etag(key)?),
            };
            match selected {
                None => {
                    return Err(Violation::PreconditionFailed(
                        PreconditionReason::NotAnObjectVersion,
                    ));
                }
                Some(etag) if !expected.accepts(&etag) => {
                    return Err(Violation::PreconditionFailed(
                        PreconditionReason::ETagMismatch,
                    ));
                }
                Some(_) => {}
            }
        }
        if conditions.if_none_match
            && self
                .store
                .head(key)
                .is_some_and(|(_, head)| !head.is_delete_marker())
        {
            return Err(Violation::PreconditionFailed(
                PreconditionReason::ObjectExists,
            ));
        }
        Ok(())
    }

    /// CND-4: the ETag of `key`'s head object version, or `NoSuchKey` as a read of the head
    /// would give it (GET-2, GET-3).
    fn head_object_etag(&self, key: &str) -> Result<String, Violation> {
        let Some((sequence, head)) = self.store.head(key) else {
            return Err(Violation::NoSuchKey {
                delete_marker: false,
                version_id: None,
            });
        };
        self.object_etag(head).ok_or_else(|| Violation::NoSuchKey {
            delete_marker: true,
            version_id: self.reported_read_id(&self.store.id_of(sequence, head)),
        })
    }

    /// The ETag of `entry` if it is an object version.
    fn object_etag(&self, entry: &Entry) -> Option<String> {
        entry
            .object()
            .map(|object| String::from(object.etag(self.dialect()).as_str()))
    }
}
