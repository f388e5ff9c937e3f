//! s3 Signature Version 4: the header form, the presigned form, and the chained signatures of
//! `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` frames.
//!
//! The canonical request is `METHOD \n URI \n QUERY \n HEADERS \n SIGNED-HEADERS \n PAYLOAD`:
//! the path as sent, canonically encoded once (s3 does not double-encode or normalise it), the
//! query pairs sorted (without `X-Amz-Signature` when presigned), the signed headers' trimmed
//! values, and the payload value the client declared (`x-amz-content-sha256`: a hex digest,
//! `UNSIGNED-PAYLOAD` or a `STREAMING-…` value; `UNSIGNED-PAYLOAD` for presigned URLs).

use http::request::Parts;
use sha2::{Digest as _, Sha256};

use super::canonical::{
    canonical_header_value, canonicalize_raw, hex, hmac_sha256, hmac_sha256_matches,
    raw_query_pairs, sha256_hex, v4_signing_key,
};
use super::{
    AuthError, Authorization, CredentialScope, Placement, V4Signature, header_list, hex_signature,
    required_field, v4_fields,
};
use crate::query::Query;

const ALGORITHM: &str = "AWS4-HMAC-SHA256";
const TERMINATOR: &str = "aws4_request";
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// The `x-amz-content-sha256` values of bodies whose frames carry chained signatures.
const SIGNED_STREAMING: [&str; 2] = [
    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
];
/// The SHA-256 of nothing, in hex.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
pub(super) fn parse_header(
    rest: &str,
    headers: &http::HeaderMap,
) -> Result<Authorization, AuthError> {
    let fields = v4_fields(rest)?;
    let date_time = headers
        .get("x-amz-date")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    Ok(Authorization::SigV4(V4Signature {
        scope: CredentialScope::parse(required_field(&fields, "Credential")?, TERMINATOR)?,
        headers: header_list(required_field(&fields, "SignedHeaders")?),
        signature: hex_signature(required_field(&fields, "Signature")?)?,
        date_time,
        placement: Placement::Header,
    }))
}

/// `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`,
/// `X-Amz-Signature`.
pub(super) fn parse_query(query: &Query) -> Result<Authorization, AuthError> {
    let param = |name: &str| {
        query
            .get(name)
            .ok_or_else(|| AuthError::malformed(format!("the presigned URL has no {name}")))
    };
    if param("X-Amz-Algorithm")? != ALGORITHM {
        return Err(AuthError::malformed(
            "X-Amz-Algorithm is not AWS4-HMAC-SHA256",
        ));
    }
    Ok(Authorization::SigV4(V4Signature {
        scope: CredentialScope::parse(param("X-Amz-Credential")?, TERMINATOR)?,
        headers: header_list(param("X-Amz-SignedHeaders")?),
        signature: hex_signature(param("X-Amz-Signature")?)?,
        date_time: Some(param("X-Amz-Date")?.to_owned()),
        placement: Placement::Query {
            expires: query.get("X-Amz-Expires").map(str::to_owned),
        },
    }))
}

/// Whether `signature` is the SigV4 signature of the request with `secret`.
pub(super) fn verify(
    signature: &V4Signature,
    parts: &Parts,
    secret: &str,
) -> Result<bool, AuthError> {
    let date_time = signature.required_date_time("x-amz-date")?;
    let key = signing_key(signature, secret);
    let string_to_sign =
        string_to_sign(signature, date_time, &canonical_request(signature, parts)?);
    Ok(hmac_sha256_matches(
        &key,
        string_to_sign.as_bytes(),
        &signature.signature,
    ))
}

/// The signer of the frames that follow a verified seed signature, when the body is signed
/// aws-chunked.
pub(super) fn chunk_signer(
    signature: &V4Signature,
    parts: &Parts,
    secret: &str,
) -> Option<ChunkSigner> {
    let payload = parts.headers.get("x-amz-content-sha256")?.to_str().ok()?;
    if signature.placement != Placement::Header || !SIGNED_STREAMING.contains(&payload) {
        return None;
    }
    Some(ChunkSigner {
        key: signing_key(signature, secret),
        date_time: signature.date_time.clone()?,
        scope: signature.scope.scope_string(TERMINATOR),
        previous: signature.signature,
    })
}

fn signing_key(signature: &V4Signature, secret: &str) -> [u8; 32] {
    let scope = &signature.scope;
    v4_signing_key(
        "AWS4",
        secret,
        &scope.date,
        &scope.region,
        &scope.service,
        TERMINATOR,
    )
}

fn string_to_sign(signature: &V4Signature, date_time: &str, canonical_request: &[u8]) -> String {
    format!(
        "{ALGORITHM}\n{date_time}\n{}\n{}",
        signature.scope.scope_string(TERMINATOR),
        sha256_hex(canonical_request)
    )
}

fn canonical_request(signature: &V4Signature, parts: &Parts) -> Result<Vec<u8>, AuthError> {
    let presigned = matches!(signature.placement, Placement::Query { .. });
    let mut request = Vec::new();
    request.extend_from_slice(parts.method.as_str().as_bytes());
    request.push(b'\n');
    request.extend_from_slice(canonicalize_raw(parts.uri.path(), true).as_bytes());
    request.push(b'\n');
    let mut pairs: Vec<(String, String)> = raw_query_pairs(parts.uri.query())
        .map(|(name, value)| {
            (
                canonicalize_raw(name, false),
                canonicalize_raw(value.unwrap_or(""), false),
            )
        })
        .filter(|(name, _)| !(presigned && name == "X-Amz-Signature"))
        .collect();
    pairs.sort();
    let query: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    request.extend_from_slice(query.join("&").as_bytes());
    request.push(b'\n');
    for name in &signature.headers {
        request.extend_from_slice(name.as_bytes());
        request.push(b':');
        if name == "host" && !parts.headers.contains_key(http::header::HOST) {
            // HTTP/2 carries the host in the URI's authority.
            let authority = parts
                .uri
                .authority()
                .map_or("", |authority| authority.as_str());
            request.extend_from_slice(authority.as_bytes());
        } else {
            request.extend_from_slice(&canonical_header_value(&parts.headers, name));
        }
        request.push(b'\n');
    }
    request.push(b'\n');
    request.extend_from_slice(signature.headers.join(";").as_bytes());
    request.push(b'\n');
    let payload = if presigned {
        Query::parse(parts.uri.query())
            .ok()
            .and_then(|query| query.get("X-Amz-Content-Sha256").map(str::to_owned))
            .unwrap_or_else(|| UNSIGNED_PAYLOAD.to_owned())
    } else {
        parts
            .headers
            .get("x-amz-content-sha256")
            .ok_or_else(|| AuthError::malformed("the request has no x-amz-content-sha256"))?
            .to_str()
            .map_err(|_| AuthError::malformed("x-amz-content-sha256 is not visible ASCII"))?
            .to_owned()
    };
    request.extend_from_slice(payload.as_bytes());
    Ok(request)
}

/// Checks the chained signatures of a `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]` body
/// (http.md §7): each frame's `chunk-signature` signs its data and the signature before it,
/// starting from the request's own (seed) signature; a trailer's `x-amz-trailer-signature`
/// signs the trailer lines and the last frame's signature.
///
/// Obtained from [`Authorization::chunk_signer`]; the aws-chunked decoder drives it.
#[derive(Clone)]
pub struct ChunkSigner {
    key: [u8; 32],
    date_time: String,
    scope: String,
    previous: [u8; 32],
}

impl core::fmt::Debug for ChunkSigner {
    /// Shows the scope and time, not the key.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ChunkSigner")
            .field("date_time", &self.date_time)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl ChunkSigner {
    /// A signer for frames following `seed_signature` (64 hex digits), for tests and for
    /// callers that verified the seed themselves.
    pub fn new(
        secret: &str,
        scope: &CredentialScope,
        date_time: &str,
        seed_signature: &str,
    ) -> Result<Self, AuthError> {
        Ok(ChunkSigner {
            key: v4_signing_key(
                "AWS4",
                secret,
                scope.date(),
                scope.region(),
                scope.service(),
                TERMINATOR,
            ),
            date_time: date_time.to_owned(),
            scope: scope.scope_string(TERMINATOR),
            previous: hex_signature(seed_signature)?,
        })
    }

    /// Checks the signature `claimed` of the next frame, whose data hashes to `data_sha256`,
    /// and moves the chain on. A mismatch is [`AuthError::SignatureDoesNotMatch`].
    pub fn verify_chunk(
        &mut self,
        claimed: &[u8; 32],
        data_sha256: &[u8; 32],
    ) -> Result<(), AuthError> {
        let string_to_sign = self.chunk_string_to_sign(data_sha256);
        self.advance(claimed, &string_to_sign)
    }

    /// Checks the trailer signature `claimed` over the trailer lines, each `name:value\n`
    /// (`trailer_lines`, without the signature line).
    pub fn verify_trailer(
        &mut self,
        claimed: &[u8; 32],
        trailer_lines: &[u8],
    ) -> Result<(), AuthError> {
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256-TRAILER\n{}\n{}\n{}\n{}",
            self.date_time,
            self.scope,
            hex(&self.previous),
            hex(&Sha256::digest(trailer_lines))
        );
        self.advance(claimed, &string_to_sign)
    }

    fn advance(&mut self, claimed: &[u8; 32], string_to_sign: &str) -> Result<(), AuthError> {
        if hmac_sha256_matches(&self.key, string_to_sign.as_bytes(), claimed) {
            self.previous = *claimed;
            Ok(())
        } else {
            Err(AuthError::SignatureDoesNotMatch)
        }
    }

    /// The signature of a frame whose data hashes to `data_sha256`, following the current
    /// one (what a client computes; the tests build bodies with it).
    pub fn sign_chunk(&self, data_sha256: &[u8; 32]) -> [u8; 32] {
        hmac_sha256(&self.key, self.chunk_string_to_sign(data_sha256).as_bytes())
    }

    fn chunk_string_to_sign(&self, data_sha256: &[u8; 32]) -> String {
        format!(
            "AWS4-HMAC-SHA256-PAYLOAD\n{}\n{}\n{}\n{EMPTY_SHA256}\n{}",
            self.date_time,
            self.scope,
            hex(&self.previous),
            hex(data_sha256)
        )
    }
}
