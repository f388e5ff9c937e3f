//! Why a condition refused a write or a delete (CND-3..CND-6), and the condition headers a
//! dialect does not have.

/// CND-3..CND-5: why a precondition failed (`PreconditionFailed` 412).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PreconditionReason {
    /// CND-3: `if_none_match: *` and the head is an object version.
    #[error("if-none-match: * and the object exists")]
    ObjectExists,
    /// CND-4, CND-5: `if_match` names another ETag than the selected object version's.
    #[error("if-match does not match the object's ETag")]
    ETagMismatch,
    /// CND-5 (MODEL): a conditional delete naming a version that is not an object version (a
    /// delete marker, or no entry at all).
    #[error("if-match names a version that is not an object version")]
    NotAnObjectVersion,
}

/// CND-1, CND-6: a condition a dialect does not take (`NotImplemented`; oss 400, s3 501: each
/// reason belongs to one dialect, which decides the status).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnsupportedCondition {
    /// CND-6: oss refuses s3-style `If-Match` on a write or a delete.
    #[error("If-Match is not implemented by this dialect")]
    OssIfMatch,
    /// CND-6: oss refuses s3-style `If-None-Match` on a write.
    #[error("If-None-Match is not implemented by this dialect")]
    OssIfNoneMatch,
    /// CND-1: s3 takes only `*` for `If-None-Match`.
    #[error("If-None-Match takes only *")]
    S3IfNoneMatchValue,
    /// MODEL: s3 has no `forbid_overwrite` (oss's `x-oss-forbid-overwrite: true`); `false` is
    /// ignored.
    #[error("x-oss-forbid-overwrite is not implemented by this dialect")]
    S3ForbidOverwrite,
}

impl UnsupportedCondition {
    /// The HTTP status the refusing dialect gives: oss 400 (its error page's), s3 501.
    pub fn http_status(self) -> u16 {
        match self {
            UnsupportedCondition::OssIfMatch | UnsupportedCondition::OssIfNoneMatch => 400,
            UnsupportedCondition::S3IfNoneMatchValue | UnsupportedCondition::S3ForbidOverwrite => {
                501
            }
        }
    }
}
