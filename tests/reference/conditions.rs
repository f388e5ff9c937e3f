//! The reference's conditions on writes and deletes (CND), straight from rules.md section 20:
//! the argument step (which dialect takes which condition) and the condition step (the key's
//! head, or the version a delete names), each a linear look at the chain.

use super::*;
use bucket_versioning::violation::{PreconditionReason, UnsupportedCondition};

/// A request's condition fields, as given.
#[derive(Clone, Copy, Debug, Default)]
pub struct RefConditions<'a> {
    pub if_match: Option<&'a str>,
    pub if_none_match: Option<&'a str>,
    pub forbid_overwrite: Option<bool>,
}

impl<S: IdSource> RefBucket<S> {
    /// CND-1, CND-6: the conditions the dialect does not take, refused with the arguments.
    pub(super) fn check_condition_arguments(
        &self,
        conditions: RefConditions<'_>,
    ) -> Result<(), Violation> {
        let refuse = |reason| Err(Violation::UnsupportedCondition(reason));
        match self.dialect {
            Dialect::Oss if conditions.if_match.is_some() => {
                refuse(UnsupportedCondition::OssIfMatch)
            }
            Dialect::Oss if conditions.if_none_match.is_some() => {
                refuse(UnsupportedCondition::OssIfNoneMatch)
            }
            Dialect::S3 if conditions.if_none_match.is_some_and(|value| value != "*") => {
                refuse(UnsupportedCondition::S3IfNoneMatchValue)
            }
            Dialect::S3 if conditions.forbid_overwrite == Some(true) => {
                refuse(UnsupportedCondition::S3ForbidOverwrite)
            }
            _ => Ok(()),
        }
    }

    /// CND-2..CND-6: whether the conditions hold, looking only at the head of `key` (or, for a
    /// delete with a version ID, at the version it names).
    pub(super) fn check_condition_state(
        &self,
        key: &str,
        version_id: Option<&VersionId>,
        conditions: RefConditions<'_>,
    ) -> Result<(), Violation> {
        let chain = self.chain(key);
        // CND-6: oss only, and only in an Unversioned bucket.
        if self.dialect == Dialect::Oss
            && conditions.forbid_overwrite == Some(true)
            && self.state == VersioningState::Unversioned
            && !chain.is_empty()
        {
            return Err(Violation::FileAlreadyExists);
        }
        if self.dialect == Dialect::S3
            && let Some(wanted) = conditions.if_match
        {
            let wanted = wanted
                .strip_prefix('"')
                .and_then(|w| w.strip_suffix('"'))
                .unwrap_or(wanted)
                .to_lowercase();
            let selected = match version_id {
                Some(id) => {
                    let text = id.to_string();
                    match chain.iter().find(|stored| stored.entry.id == text) {
                        Some(stored) if !stored.entry.delete_marker => stored,
                        _ => {
                            return Err(Violation::PreconditionFailed(
                                PreconditionReason::NotAnObjectVersion,
                            ));
                        }
                    }
                }
                None => match chain.last() {
                    None => {
                        return Err(Violation::NoSuchKey {
                            delete_marker: false,
                            version_id: None,
                        });
                    }
                    Some(head) if head.entry.delete_marker => {
                        return Err(Violation::NoSuchKey {
                            delete_marker: true,
                            version_id: self.reported_read(&head.entry.id),
                        });
                    }
                    Some(head) => head,
                },
            };
            let etag = selected
                .entry
                .etag
                .clone()
                .unwrap_or_default()
                .to_lowercase();
            if wanted != "*" && wanted != etag {
                return Err(Violation::PreconditionFailed(
                    PreconditionReason::ETagMismatch,
                ));
            }
        }
        if self.dialect == Dialect::S3
            && conditions.if_none_match == Some("*")
            && chain.last().is_some_and(|head| !head.entry.delete_marker)
        {
            return Err(Violation::PreconditionFailed(
                PreconditionReason::ObjectExists,
            ));
        }
        Ok(())
    }
}
