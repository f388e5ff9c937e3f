//! Condition strategies (CND): conditions on writes and deletes that match, mismatch, and meet
//! heads that are delete markers or absent, in each dialect's own spelling, and now and then
//! the other dialect's (refused, CND-1, CND-6).

use alloc::format;
use alloc::string::String;

use proptest::prelude::*;

use crate::bucket::Bucket;
use crate::dialect::Dialect;
use crate::version_id::{IdSource, VersionId};

/// A condition in a [`Template`](super::Template), made into request fields against the bucket
/// when the command's turn comes. In the oss dialect every s3-style pick becomes
/// `forbid_overwrite: true` (oss has only that), except [`Foreign`](ConditionPick::Foreign).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConditionPick {
    /// s3 `if_match`: the ETag of the selected entry (the destination's head, or the version a
    /// delete names) when it is an object version, else of the key's newest object version,
    /// else an ETag no version has; `quoted` gives it in double quotes and swapped case, which
    /// CND-1 accepts.
    SelectedETag {
        /// Quote it and swap its case.
        quoted: bool,
    },
    /// s3 `if_match`: an ETag no version has.
    OtherETag,
    /// s3 `if_match: *`.
    AnyObject,
    /// s3 `if_none_match: *` (writes only).
    NoneMatchAny,
    /// s3 `if_none_match` with an ETag, which s3 refuses (CND-1; writes only).
    NoneMatchETag,
    /// `forbid_overwrite` with this value (oss; on s3, `true` is refused).
    ForbidOverwrite(bool),
    /// The other dialect's condition: oss gets `if_match` of the selected ETag, s3 gets
    /// `forbid_overwrite: true`; both refuse it (CND-6, CND-1).
    Foreign,
}

/// A write's condition fields, resolved: `if_match`, `if_none_match`, `forbid_overwrite`.
pub type WriteFields = (Option<String>, Option<String>, Option<bool>);

/// An ETag no version has: MD5 digests are 32 hex digits and appendable ETags too, so this one
/// (with a letter outside hex) never is one.
const NO_SUCH_ETAG: &str = "0000000000000000000000000000000Z";

/// A write's condition: absent about three times in four (so that unconditional writes, and
/// the rare multipart Completes, keep their share); when given, every kind.
pub(super) fn write_condition() -> impl Strategy<Value = Option<ConditionPick>> {
    prop_oneof![
        40 => Just(None),
        4 => any::<bool>().prop_map(|quoted| Some(ConditionPick::SelectedETag { quoted })),
        2 => Just(Some(ConditionPick::OtherETag)),
        1 => Just(Some(ConditionPick::AnyObject)),
        4 => Just(Some(ConditionPick::NoneMatchAny)),
        1 => Just(Some(ConditionPick::NoneMatchETag)),
        2 => any::<bool>().prop_map(|forbid| Some(ConditionPick::ForbidOverwrite(forbid))),
        1 => Just(Some(ConditionPick::Foreign)),
    ]
}

/// A delete's condition (`if_match`, or a batch entry's `etag`): absent more often than not.
pub(super) fn delete_condition() -> impl Strategy<Value = Option<ConditionPick>> {
    prop_oneof![
        12 => Just(None),
        4 => any::<bool>().prop_map(|quoted| Some(ConditionPick::SelectedETag { quoted })),
        2 => Just(Some(ConditionPick::OtherETag)),
        2 => Just(Some(ConditionPick::AnyObject)),
        1 => Just(Some(ConditionPick::Foreign)),
    ]
}

/// A write's condition fields for `key` in `bucket`.
pub(super) fn write_fields<S: IdSource>(
    pick: Option<ConditionPick>,
    key: &str,
    bucket: &Bucket<S>,
) -> WriteFields {
    let Some(pick) = pick else {
        return (None, None, None);
    };
    let if_match = |pick| Some(selected_etag(pick, key, None, bucket));
    match (bucket.dialect(), pick) {
        (Dialect::Oss, ConditionPick::Foreign) => (
            if_match(ConditionPick::SelectedETag { quoted: false }),
            None,
            None,
        ),
        (_, ConditionPick::ForbidOverwrite(forbid)) => (None, None, Some(forbid)),
        (Dialect::Oss, _) | (Dialect::S3, ConditionPick::Foreign) => (None, None, Some(true)),
        (Dialect::S3, ConditionPick::NoneMatchAny) => (None, Some(String::from("*")), None),
        (Dialect::S3, ConditionPick::NoneMatchETag) => (
            None,
            Some(selected_etag(
                ConditionPick::SelectedETag { quoted: false },
                key,
                None,
                bucket,
            )),
            None,
        ),
        (Dialect::S3, pick) => (if_match(pick), None, None),
    }
}

/// A delete's `if_match` for `key` (and the version it names) in `bucket`: none for oss but
/// the foreign pick.
pub(super) fn delete_field<S: IdSource>(
    pick: Option<ConditionPick>,
    key: &str,
    version_id: Option<&VersionId>,
    bucket: &Bucket<S>,
) -> Option<String> {
    let pick = pick?;
    match (bucket.dialect(), pick) {
        (Dialect::Oss, ConditionPick::Foreign) => Some(selected_etag(
            ConditionPick::SelectedETag { quoted: false },
            key,
            version_id,
            bucket,
        )),
        (Dialect::Oss, _)
        | (
            Dialect::S3,
            ConditionPick::Foreign
            | ConditionPick::NoneMatchAny
            | ConditionPick::ForbidOverwrite(_),
        ) => None,
        (Dialect::S3, pick) => Some(selected_etag(pick, key, version_id, bucket)),
    }
}

/// The `if_match` value a pick stands for.
fn selected_etag<S: IdSource>(
    pick: ConditionPick,
    key: &str,
    version_id: Option<&VersionId>,
    bucket: &Bucket<S>,
) -> String {
    match pick {
        ConditionPick::AnyObject => String::from("*"),
        ConditionPick::SelectedETag { quoted } => {
            let etag = bucket
                .chain(key)
                .and_then(|chain| {
                    let selected = match version_id {
                        Some(id) => chain.iter().find(|entry| entry.version_id() == id),
                        None => chain.iter().next(),
                    };
                    selected
                        .and_then(|entry| entry.etag())
                        .or_else(|| chain.iter().find_map(|entry| entry.etag()))
                })
                .map_or_else(
                    || String::from(NO_SUCH_ETAG),
                    |etag| String::from(etag.as_str()),
                );
            if quoted {
                let swapped: String = etag
                    .chars()
                    .map(|c| {
                        if c.is_ascii_uppercase() {
                            c.to_ascii_lowercase()
                        } else {
                            c.to_ascii_uppercase()
                        }
                    })
                    .collect();
                format!("\"{swapped}\"")
            } else {
                etag
            }
        }
        _ => String::from(NO_SUCH_ETAG),
    }
}
