//! The codec's own refusals: a request it cannot read, dispatch, authenticate or accept the body
//! of, before any command reaches the model. Each has a code and status per dialect; the
//! response is written like a [`Violation`](bucket_versioning::Violation)'s
//! ([`crate::error_response`]).

use bucket_versioning::Dialect;
use http::StatusCode;

use crate::addressing::{TargetKind, UriError};
use crate::auth::AuthError;
use crate::aws_chunked::ChunkError;
use crate::checksum::DigestError;
use crate::copy_source::CopySourceError;
use crate::dispatch::DispatchError;
use crate::range::Unsatisfiable;
use crate::xml::XmlError;

/// A request the codec refuses on its own.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodecError {
    /// 400 `InvalidURI`: a path or query that does not decode (http.md §1.1).
    #[error(transparent)]
    Uri(#[from] UriError),
    /// 501 `NotImplemented` or 405 `MethodNotAllowed` (http.md §1.3).
    #[error(transparent)]
    Dispatch(#[from] DispatchError),
    /// 403 `AccessDenied`, `InvalidAccessKeyId` or `SignatureDoesNotMatch` (http.md §6).
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// 400 `IncompleteBody` / `InvalidRequest`, or 403 for a frame signature (http.md §7).
    #[error(transparent)]
    Body(#[from] ChunkError),
    /// 400 `BadDigest` / `InvalidDigest` / `InvalidRequest` / `XAmzContentSHA256Mismatch`
    /// (http.md §7).
    #[error(transparent)]
    Digest(#[from] DigestError),
    /// 400 `MalformedXML` (http.md §10).
    #[error(transparent)]
    Xml(#[from] XmlError),
    /// 400 `InvalidArgument`: a copy-source header that cannot be read (http.md §5.5, MODEL).
    #[error(transparent)]
    CopySource(#[from] CopySourceError),
    /// 412 `PreconditionFailed`: a condition of a read or of a copy source does not hold
    /// (http.md §5.2, §5.5).
    #[error("the condition {condition} does not hold")]
    PreconditionFailed {
        /// The header that failed.
        condition: &'static str,
    },
    /// s3 416 `InvalidRange`: a range that selects no byte (http.md §5.2).
    #[error(transparent)]
    InvalidRange(#[from] Unsatisfiable),
    /// 400 `InvalidArgument`: a parameter or header the operation needs, missing or not of its
    /// form (e.g. a `position` that is not a number, http.md §5.1).
    #[error("invalid argument {name}={value:?}: {reason}")]
    InvalidArgument {
        /// The parameter or header.
        name: String,
        /// Its value as sent (empty when missing).
        value: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl CodecError {
    /// The error code (`<Code>`) in `dialect`.
    pub fn code(&self, dialect: Dialect) -> &'static str {
        let s3 = dialect == Dialect::S3;
        match self {
            CodecError::Uri(_) => "InvalidURI",
            CodecError::Dispatch(DispatchError::NotImplemented { .. }) => "NotImplemented",
            CodecError::Dispatch(_) => "MethodNotAllowed",
            CodecError::Auth(AuthError::InvalidAccessKeyId(_)) => "InvalidAccessKeyId",
            CodecError::Auth(AuthError::SignatureDoesNotMatch)
            | CodecError::Body(ChunkError::Signature(AuthError::SignatureDoesNotMatch)) => {
                "SignatureDoesNotMatch"
            }
            CodecError::Auth(_) | CodecError::Body(ChunkError::Signature(_)) => "AccessDenied",
            CodecError::Body(ChunkError::Truncated | ChunkError::LengthMismatch { .. }) => {
                "IncompleteBody"
            }
            CodecError::Body(_) => "InvalidRequest",
            CodecError::Digest(error) => match error {
                DigestError::ContentMd5Mismatch | DigestError::ChecksumMismatch(_) if s3 => {
                    "BadDigest"
                }
                DigestError::ContentSha256Mismatch => "XAmzContentSHA256Mismatch",
                DigestError::MalformedChecksum(_) | DigestError::MissingTrailer(_) => {
                    "InvalidRequest"
                }
                _ => "InvalidDigest",
            },
            CodecError::Xml(_) => "MalformedXML",
            CodecError::CopySource(_) | CodecError::InvalidArgument { .. } => "InvalidArgument",
            CodecError::PreconditionFailed { .. } => "PreconditionFailed",
            CodecError::InvalidRange(_) => "InvalidRange",
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            CodecError::Dispatch(DispatchError::NotImplemented { .. }) => {
                StatusCode::NOT_IMPLEMENTED
            }
            CodecError::Dispatch(_) => StatusCode::METHOD_NOT_ALLOWED,
            CodecError::Auth(_) | CodecError::Body(ChunkError::Signature(_)) => {
                StatusCode::FORBIDDEN
            }
            CodecError::PreconditionFailed { .. } => StatusCode::PRECONDITION_FAILED,
            CodecError::InvalidRange(_) => StatusCode::RANGE_NOT_SATISFIABLE,
            CodecError::Uri(_)
            | CodecError::Body(_)
            | CodecError::Digest(_)
            | CodecError::Xml(_)
            | CodecError::CopySource(_)
            | CodecError::InvalidArgument { .. } => StatusCode::BAD_REQUEST,
        }
    }

    /// The kind of target a `MethodNotAllowed` was sent to.
    pub(crate) fn refused_target(&self) -> Option<TargetKind> {
        match self {
            CodecError::Dispatch(DispatchError::MethodNotAllowed { target, .. }) => Some(*target),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checksum::ChecksumAlgorithm;

    // http.md §7: digest mismatches are s3 BadDigest, oss InvalidDigest; malformed values are
    // InvalidDigest (Content-MD5) or InvalidRequest (x-amz-checksum-*), in both dialects.
    #[test]
    fn digest_codes_follow_the_dialect() {
        let mismatch = CodecError::Digest(DigestError::ChecksumMismatch(ChecksumAlgorithm::Crc32));
        assert_eq!(mismatch.code(Dialect::S3), "BadDigest");
        assert_eq!(mismatch.code(Dialect::Oss), "InvalidDigest");
        let md5 = CodecError::Digest(DigestError::ContentMd5Mismatch);
        assert_eq!(md5.code(Dialect::S3), "BadDigest");
        assert_eq!(md5.code(Dialect::Oss), "InvalidDigest");
        for dialect in [Dialect::Oss, Dialect::S3] {
            assert_eq!(
                CodecError::Digest(DigestError::MalformedContentMd5).code(dialect),
                "InvalidDigest"
            );
            assert_eq!(
                CodecError::Digest(DigestError::MalformedChecksum(ChecksumAlgorithm::Sha1))
                    .code(dialect),
                "InvalidRequest"
            );
            assert_eq!(
                CodecError::Digest(DigestError::ContentSha256Mismatch).code(dialect),
                "XAmzContentSHA256Mismatch"
            );
        }
        assert_eq!(mismatch.status(), StatusCode::BAD_REQUEST);
    }

    // http.md §6, §7: signature failures are 403 with their own codes; a body that ends early
    // or disagrees with its declared length is IncompleteBody.
    #[test]
    fn auth_and_body_codes() {
        let cases = [
            (
                CodecError::Auth(AuthError::Malformed("x".into())),
                "AccessDenied",
                403,
            ),
            (
                CodecError::Auth(AuthError::InvalidAccessKeyId("a".into())),
                "InvalidAccessKeyId",
                403,
            ),
            (
                CodecError::Auth(AuthError::SignatureDoesNotMatch),
                "SignatureDoesNotMatch",
                403,
            ),
            (
                CodecError::Body(ChunkError::Signature(AuthError::SignatureDoesNotMatch)),
                "SignatureDoesNotMatch",
                403,
            ),
            (
                CodecError::Body(ChunkError::Truncated),
                "IncompleteBody",
                400,
            ),
            (
                CodecError::Body(ChunkError::LengthMismatch {
                    expected: 1,
                    actual: 2,
                }),
                "IncompleteBody",
                400,
            ),
            (
                CodecError::Body(ChunkError::Malformed("x")),
                "InvalidRequest",
                400,
            ),
            (CodecError::Xml(XmlError::NotUtf8), "MalformedXML", 400),
            (
                CodecError::Dispatch(DispatchError::NotImplemented { feature: "acl" }),
                "NotImplemented",
                501,
            ),
            (
                CodecError::Dispatch(DispatchError::MethodNotAllowed {
                    method: http::Method::PATCH,
                    target: TargetKind::Object,
                }),
                "MethodNotAllowed",
                405,
            ),
            (CodecError::Uri(UriError::NotAPath), "InvalidURI", 400),
            (
                CodecError::CopySource(CopySourceError::BadRange("x".into())),
                "InvalidArgument",
                400,
            ),
            (
                CodecError::PreconditionFailed {
                    condition: "If-Match",
                },
                "PreconditionFailed",
                412,
            ),
            (
                CodecError::InvalidRange(Unsatisfiable { size: 0 }),
                "InvalidRange",
                416,
            ),
        ];
        for (error, code, status) in cases {
            for dialect in [Dialect::Oss, Dialect::S3] {
                assert_eq!(error.code(dialect), code, "{error:?}");
                assert_eq!(error.status().as_u16(), status, "{error:?}");
            }
        }
    }
}
