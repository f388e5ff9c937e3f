//! oss signature V4: `OSS4-HMAC-SHA256`, the header form and the presigned form.
//!
//! The canonical request is `METHOD \n URI \n QUERY \n HEADERS \n ADDITIONAL \n PAYLOAD`: the
//! URI is always `/{bucket}/{key}` (encoded, `/` kept) even for virtual-host requests, the query
//! pairs are sorted with an empty value written as the bare name (`x-oss-signature` left out when
//! presigned), the headers are every `x-oss-*`, `content-type`, `content-md5` and the
//! `AdditionalHeaders`, and the payload is `x-oss-content-sha256` (`UNSIGNED-PAYLOAD`, the only
//! value oss accepts) or `UNSIGNED-PAYLOAD` when absent. The signing key chains
//! `"aliyun_v4" + secret` over date, region, `oss` and `aliyun_v4_request`.

use http::HeaderMap;
use http::request::Parts;

use super::canonical::{
    canonicalize_raw, hmac_sha256_matches, raw_query_pairs, sha256_hex, uri_encode, v4_signing_key,
};
use super::{
    AuthError, Authorization, CredentialScope, Placement, V4Signature, header_list, hex_signature,
    required_field, v4_fields,
};
use crate::addressing::Target;
use crate::query::Query;

const ALGORITHM: &str = "OSS4-HMAC-SHA256";
const TERMINATOR: &str = "aliyun_v4_request";
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// Headers always signed besides `x-oss-*`.
const DEFAULT_SIGNED: [&str; 2] = ["content-md5", "content-type"];

/// `OSS4-HMAC-SHA256 Credential=…[, AdditionalHeaders=…], Signature=…`.
pub(super) fn parse_header(rest: &str, headers: &HeaderMap) -> Result<Authorization, AuthError> {
    let fields = v4_fields(rest)?;
    let additional = fields
        .iter()
        .find(|(name, _)| *name == "AdditionalHeaders")
        .map_or_else(Vec::new, |(_, value)| header_list(value));
    Ok(Authorization::OssV4(V4Signature {
        scope: CredentialScope::parse(required_field(&fields, "Credential")?, TERMINATOR)?,
        headers: additional,
        signature: hex_signature(required_field(&fields, "Signature")?)?,
        date_time: headers
            .get("x-oss-date")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
        placement: Placement::Header,
    }))
}

/// `x-oss-signature-version`, `x-oss-credential`, `x-oss-date`, `x-oss-expires`,
/// `x-oss-signature`, `x-oss-additional-headers`.
pub(super) fn parse_query(query: &Query) -> Result<Authorization, AuthError> {
    let param = |name: &str| {
        query
            .get(name)
            .ok_or_else(|| AuthError::malformed(format!("the presigned URL has no {name}")))
    };
    if param("x-oss-signature-version")? != ALGORITHM {
        return Err(AuthError::malformed(
            "x-oss-signature-version is not OSS4-HMAC-SHA256",
        ));
    }
    Ok(Authorization::OssV4(V4Signature {
        scope: CredentialScope::parse(param("x-oss-credential")?, TERMINATOR)?,
        headers: query
            .get("x-oss-additional-headers")
            .map_or_else(Vec::new, header_list),
        signature: hex_signature(param("x-oss-signature")?)?,
        date_time: Some(param("x-oss-date")?.to_owned()),
        placement: Placement::Query {
            expires: query.get("x-oss-expires").map(str::to_owned),
        },
    }))
}

/// Whether `signature` is the V4 signature of the request with `secret`.
pub(super) fn verify(
    signature: &V4Signature,
    parts: &Parts,
    target: &Target,
    secret: &str,
) -> Result<bool, AuthError> {
    let date_time = signature.required_date_time("x-oss-date")?;
    let scope = &signature.scope;
    let key = v4_signing_key(
        "aliyun_v4",
        secret,
        &scope.date,
        &scope.region,
        &scope.service,
        TERMINATOR,
    );
    let string_to_sign = format!(
        "{ALGORITHM}\n{date_time}\n{}\n{}",
        scope.scope_string(TERMINATOR),
        sha256_hex(&canonical_request(signature, parts, target))
    );
    Ok(hmac_sha256_matches(
        &key,
        string_to_sign.as_bytes(),
        &signature.signature,
    ))
}

fn canonical_request(signature: &V4Signature, parts: &Parts, target: &Target) -> Vec<u8> {
    let presigned = matches!(signature.placement, Placement::Query { .. });
    let mut request = Vec::new();
    request.extend_from_slice(parts.method.as_str().as_bytes());
    request.push(b'\n');
    let uri = match target {
        Target::Service => "/".to_owned(),
        Target::Bucket { bucket } => uri_encode(&format!("/{bucket}/"), true),
        Target::Object { bucket, key } => uri_encode(&format!("/{bucket}/{key}"), true),
    };
    request.extend_from_slice(uri.as_bytes());
    request.push(b'\n');
    let mut pairs: Vec<(String, String)> = raw_query_pairs(parts.uri.query())
        .map(|(name, value)| {
            (
                canonicalize_raw(name, false),
                canonicalize_raw(value.unwrap_or(""), false),
            )
        })
        .filter(|(name, _)| !(presigned && name == "x-oss-signature"))
        .collect();
    pairs.sort();
    let query: Vec<String> = pairs
        .into_iter()
        .map(|(name, value)| {
            if value.is_empty() {
                name
            } else {
                format!("{name}={value}")
            }
        })
        .collect();
    request.extend_from_slice(query.join("&").as_bytes());
    request.push(b'\n');
    let mut additional = signature.headers.clone();
    additional.sort();
    additional.dedup();
    let mut names: Vec<&str> = parts
        .headers
        .keys()
        .map(http::HeaderName::as_str)
        .filter(|name| {
            name.starts_with("x-oss-")
                || DEFAULT_SIGNED.contains(name)
                || additional.iter().any(|extra| extra == name)
        })
        .collect();
    names.sort_unstable();
    for name in names {
        request.extend_from_slice(name.as_bytes());
        request.push(b':');
        request.extend_from_slice(&trimmed_header_value(&parts.headers, name));
        request.push(b'\n');
    }
    request.push(b'\n');
    request.extend_from_slice(additional.join(";").as_bytes());
    request.push(b'\n');
    let payload = parts
        .headers
        .get("x-oss-content-sha256")
        .map_or(UNSIGNED_PAYLOAD.as_bytes(), |value| value.as_bytes());
    request.extend_from_slice(payload);
    request
}

/// Every value of header `name`, each trimmed (inner whitespace kept), joined by `,`.
fn trimmed_header_value(headers: &HeaderMap, name: &str) -> Vec<u8> {
    let values: Vec<&[u8]> = headers
        .get_all(name)
        .iter()
        .map(|value| value.as_bytes().trim_ascii())
        .collect();
    values.join(&b',')
}
