//! Authentication (http.md §6): reading a request's signature, and checking it against a key
//! pair when the endpoint has one.
//!
//! [`Authorization::parse`] reads the `Authorization` header of the three schemes — oss V1
//! (`OSS ak:sig`), oss V4 (`OSS4-HMAC-SHA256 …`, with `", "` or `","` between fields) and s3
//! SigV4 (`AWS4-HMAC-SHA256 …`) — and the presigned query forms of all three. It extracts the
//! access key; a header or query it cannot read is `AccessDenied` 403. A request with neither is
//! anonymous (`None`).
//!
//! [`Authorization::verify`] recomputes the signature with the secret key and compares it in
//! constant time (`SignatureDoesNotMatch` 403 on a mismatch, `InvalidAccessKeyId` 403 for
//! another key). It never looks at the signing time: clock skew and expiry are not checked.
//!
//! # Why not `aws-sigv4`
//!
//! The canonical requests are built here with `hmac` and `sha2` rather than by re-signing with
//! the `aws-sigv4` crate: that crate is a *signer* — it chooses the headers to sign by its own
//! exclusion list, where a verifier must sign exactly the `SignedHeaders` the client chose — its
//! current releases need Rust 1.94 (this workspace supports 1.89), and it brings the
//! `aws-smithy-*` runtime crates, `time` and `tracing` into a crate that needs two hashes. The
//! AWS documentation's own examples and requests signed by botocore and oss2 are the tests
//! (`tests/signatures.rs`).

mod canonical;
mod oss_v1;
mod oss_v4;
mod sigv4;

pub use oss_v1::SIGNED_SUBRESOURCES as OSS_V1_SIGNED_SUBRESOURCES;
pub use oss_v1::resource as oss_v1_resource;
pub use sigv4::ChunkSigner;

use http::header::AUTHORIZATION;
use http::request::Parts;

use crate::addressing::Target;
use crate::query::Query;

/// Why a request's authentication was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// `AccessDenied` 403: an `Authorization` header or presign query that cannot be read, or a
    /// scheme none of the dialects has.
    #[error("malformed authentication: {0}")]
    Malformed(String),
    /// `InvalidAccessKeyId` 403: signed with an access key the endpoint does not have.
    #[error("the access key {0:?} does not exist")]
    InvalidAccessKeyId(String),
    /// `SignatureDoesNotMatch` 403: the signature (or an aws-chunked frame's) is not the one the
    /// secret key gives.
    #[error("the request signature does not match")]
    SignatureDoesNotMatch,
}

impl AuthError {
    pub(crate) fn malformed(reason: impl Into<String>) -> Self {
        AuthError::Malformed(reason.into())
    }
}

/// The key pair an endpoint verifies signatures with.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key: String,
    secret_key: String,
}

impl Credentials {
    /// A key pair.
    pub fn new(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials {
            access_key: access_key.into(),
            secret_key: secret_key.into(),
        }
    }

    /// The access key ID.
    pub fn access_key(&self) -> &str {
        &self.access_key
    }

    pub(crate) fn secret_key(&self) -> &str {
        &self.secret_key
    }
}

impl core::fmt::Debug for Credentials {
    /// Shows the access key only.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key", &self.access_key)
            .finish_non_exhaustive()
    }
}

/// Where a signature travels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// The `Authorization` header.
    Header,
    /// The query string of a presigned URL.
    Query {
        /// The expiry as the URL gives it (oss V1: epoch seconds; V4: seconds after the signing
        /// time). Reported, never checked.
        expires: Option<String>,
    },
}

/// The scope of a V4 credential: `ak/date/region/service/terminator`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialScope {
    access_key: String,
    date: String,
    region: String,
    service: String,
}

impl CredentialScope {
    /// Parses `ak/yyyymmdd/region/service/terminator`, requiring `terminator`.
    fn parse(text: &str, terminator: &str) -> Result<Self, AuthError> {
        let mut parts = text.rsplitn(5, '/');
        let (Some(end), Some(service), Some(region), Some(date), Some(access_key)) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(AuthError::malformed(format!(
                "the credential {text:?} is not access-key/date/region/service/{terminator}"
            )));
        };
        if end != terminator
            || access_key.is_empty()
            || date.len() != 8
            || !date.bytes().all(|digit| digit.is_ascii_digit())
        {
            return Err(AuthError::malformed(format!(
                "the credential {text:?} is not access-key/yyyymmdd/region/service/{terminator}"
            )));
        }
        Ok(CredentialScope {
            access_key: access_key.to_owned(),
            date: date.to_owned(),
            region: region.to_owned(),
            service: service.to_owned(),
        })
    }

    /// The access key ID.
    pub fn access_key(&self) -> &str {
        &self.access_key
    }

    /// The signing date, `yyyymmdd`.
    pub fn date(&self) -> &str {
        &self.date
    }

    /// The region.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The service (`s3`, `oss`).
    pub fn service(&self) -> &str {
        &self.service
    }

    /// `date/region/service/terminator`, as the string to sign carries it.
    fn scope_string(&self, terminator: &str) -> String {
        format!(
            "{}/{}/{}/{terminator}",
            self.date, self.region, self.service
        )
    }
}

/// An oss signature V1: `Authorization: OSS ak:base64(HMAC-SHA1)` or the presigned
/// `OSSAccessKeyId`/`Expires`/`Signature` parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OssV1Signature {
    access_key: String,
    signature: [u8; 20],
    placement: Placement,
}

impl OssV1Signature {
    /// Where the signature was.
    pub fn placement(&self) -> &Placement {
        &self.placement
    }
}

/// A V4 signature, oss (`OSS4-HMAC-SHA256`) or s3 (`AWS4-HMAC-SHA256`), from the header or a
/// presigned URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct V4Signature {
    scope: CredentialScope,
    /// s3: `SignedHeaders`; oss: `AdditionalHeaders` (the headers signed besides `x-oss-*`,
    /// `content-type` and `content-md5`).
    headers: Vec<String>,
    signature: [u8; 32],
    /// `x-amz-date` / `x-oss-date`, from the header or the query.
    date_time: Option<String>,
    placement: Placement,
}

impl V4Signature {
    /// The credential scope.
    pub fn scope(&self) -> &CredentialScope {
        &self.scope
    }

    /// The headers the client signed (s3 `SignedHeaders`) or added (oss `AdditionalHeaders`),
    /// lower-case.
    pub fn signed_headers(&self) -> &[String] {
        &self.headers
    }

    /// The signing time, `yyyymmddThhmmssZ`, if the request carries it.
    pub fn date_time(&self) -> Option<&str> {
        self.date_time.as_deref()
    }

    /// Where the signature was.
    pub fn placement(&self) -> &Placement {
        &self.placement
    }

    /// The date-time the string to sign needs.
    fn required_date_time(&self, header: &str) -> Result<&str, AuthError> {
        self.date_time
            .as_deref()
            .ok_or_else(|| AuthError::malformed(format!("the request has no {header}")))
    }
}

/// How a request is signed (http.md §6).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Authorization {
    /// oss signature V1 (oss2's default).
    OssV1(OssV1Signature),
    /// oss signature V4 (the Go SDK v2's default, `oss2.AuthV4`).
    OssV4(V4Signature),
    /// s3 Signature Version 4 (botocore, the AWS CLI, every AWS SDK).
    SigV4(V4Signature),
}

impl Authorization {
    /// Reads the signature of a request: its `Authorization` header, else the presign
    /// parameters of its query; `None` for an anonymous request. Both at once, or either
    /// unreadable, is [`AuthError::Malformed`].
    pub fn parse(parts: &Parts) -> Result<Option<Authorization>, AuthError> {
        let query = Query::parse(parts.uri.query())
            .map_err(|error| AuthError::malformed(error.to_string()))?;
        let presigned = presign_scheme(&query);
        let Some(header) = parts.headers.get(AUTHORIZATION) else {
            return match presigned {
                None => Ok(None),
                Some(Scheme::OssV1) => oss_v1::parse_query(&query).map(Some),
                Some(Scheme::OssV4) => oss_v4::parse_query(&query).map(Some),
                Some(Scheme::SigV4) => sigv4::parse_query(&query).map(Some),
            };
        };
        if presigned.is_some() {
            return Err(AuthError::malformed(
                "a request may carry only one of an Authorization header and a presigned query",
            ));
        }
        let header = header
            .to_str()
            .map_err(|_| AuthError::malformed("the Authorization header is not visible ASCII"))?;
        let (scheme, rest) = header.split_once(' ').unwrap_or((header, ""));
        match scheme {
            "OSS" => oss_v1::parse_header(rest),
            "OSS4-HMAC-SHA256" => oss_v4::parse_header(rest, &parts.headers),
            "AWS4-HMAC-SHA256" => sigv4::parse_header(rest, &parts.headers),
            _ => Err(AuthError::malformed(format!(
                "unsupported authorization scheme {scheme:?}"
            ))),
        }
        .map(Some)
    }

    /// The access key ID the request was signed with.
    pub fn access_key(&self) -> &str {
        match self {
            Authorization::OssV1(signature) => &signature.access_key,
            Authorization::OssV4(signature) | Authorization::SigV4(signature) => {
                signature.scope.access_key()
            }
        }
    }

    /// Where the signature was.
    pub fn placement(&self) -> &Placement {
        match self {
            Authorization::OssV1(signature) => &signature.placement,
            Authorization::OssV4(signature) | Authorization::SigV4(signature) => {
                &signature.placement
            }
        }
    }

    /// Checks the signature of the request `parts` (addressed to `target`) against
    /// `credentials`: the access key must be theirs and the signature the one their secret
    /// gives, compared in constant time. Signing times are not checked.
    pub fn verify(
        &self,
        parts: &Parts,
        target: &Target,
        credentials: &Credentials,
    ) -> Result<(), AuthError> {
        if self.access_key() != credentials.access_key() {
            return Err(AuthError::InvalidAccessKeyId(self.access_key().to_owned()));
        }
        let matches = match self {
            Authorization::OssV1(signature) => {
                oss_v1::verify(signature, parts, target, credentials.secret_key())?
            }
            Authorization::OssV4(signature) => {
                oss_v4::verify(signature, parts, target, credentials.secret_key())?
            }
            Authorization::SigV4(signature) => {
                sigv4::verify(signature, parts, credentials.secret_key())?
            }
        };
        if matches {
            Ok(())
        } else {
            Err(AuthError::SignatureDoesNotMatch)
        }
    }

    /// For an s3 SigV4 header signature over a `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`
    /// body: the signer that checks each aws-chunked frame's `chunk-signature` against the
    /// previous one, starting from this (seed) signature. `None` for every other request.
    ///
    /// Verify the seed signature first ([`verify`](Self::verify)); the chain only proves that
    /// the frames follow it.
    pub fn chunk_signer(&self, parts: &Parts, credentials: &Credentials) -> Option<ChunkSigner> {
        match self {
            Authorization::SigV4(signature) => {
                sigv4::chunk_signer(signature, parts, credentials.secret_key())
            }
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scheme {
    OssV1,
    OssV4,
    SigV4,
}

/// The scheme whose presign parameters the query carries, if any.
fn presign_scheme(query: &Query) -> Option<Scheme> {
    if ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature"]
        .iter()
        .any(|name| query.has(name))
    {
        Some(Scheme::SigV4)
    } else if [
        "x-oss-signature-version",
        "x-oss-credential",
        "x-oss-signature",
    ]
    .iter()
    .any(|name| query.has(name))
    {
        Some(Scheme::OssV4)
    } else if ["OSSAccessKeyId", "Signature"]
        .iter()
        .any(|name| query.has(name))
    {
        Some(Scheme::OssV1)
    } else {
        None
    }
}

/// The `Key=Value` fields of a V4 `Authorization` header after its scheme, separated by `,`
/// with any whitespace around them (oss2 writes `", "`, the Go SDK v2 `","`).
fn v4_fields(rest: &str) -> Result<Vec<(&str, &str)>, AuthError> {
    rest.split(',')
        .map(str::trim)
        .filter(|field| !field.is_empty())
        .map(|field| {
            field
                .split_once('=')
                .map(|(name, value)| (name.trim(), value.trim()))
                .ok_or_else(|| AuthError::malformed(format!("the field {field:?} has no `=`")))
        })
        .collect()
}

/// The value of field `name` among `fields`, which must be there.
fn required_field<'a>(fields: &[(&str, &'a str)], name: &str) -> Result<&'a str, AuthError> {
    fields
        .iter()
        .find(|(field, _)| *field == name)
        .map(|(_, value)| *value)
        .ok_or_else(|| AuthError::malformed(format!("the Authorization header has no {name}")))
}

/// A 32-byte hex signature.
fn hex_signature(text: &str) -> Result<[u8; 32], AuthError> {
    canonical::decode_hex(text)
        .ok_or_else(|| AuthError::malformed("the signature is not 64 hex digits"))
}

/// A `;`-separated list of header names, lower-cased.
fn header_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(|name| name.trim().to_ascii_lowercase())
        .filter(|name| !name.is_empty())
        .collect()
}
