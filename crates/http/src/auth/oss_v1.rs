//! oss signature V1: `base64(HMAC-SHA1(secret, string-to-sign))`.
//!
//! The string to sign is `VERB \n Content-MD5 \n Content-Type \n Date \n` followed by the
//! `x-oss-*` headers (lower-case, sorted, `name:value\n`) and the resource: `/{bucket}/{key}`
//! with the key **unencoded** (`/{bucket}/` for a bucket, `/` for the service), then the signed
//! sub-resources sorted by name (`?a=1&b`, a parameter with an empty value as its bare name).
//! `Date` is `x-oss-date` when present, else `Date`; in a presigned URL it is `Expires`.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use http::request::Parts;
use sha1::Sha1;

use super::canonical::canonical_header_value;
use super::{AuthError, Authorization, OssV1Signature, Placement};
use crate::addressing::Target;
use crate::query::Query;

/// The query parameters the string to sign includes (oss2's list, and `seal`, which the SDKs
/// with a SealAppendObject call sign as well).
pub const SIGNED_SUBRESOURCES: [&str; 87] = [
    "accessPoint",
    "accessPointPolicy",
    "acl",
    "append",
    "asyncFetch",
    "bucketArchiveDirectRead",
    "bucketInfo",
    "callback",
    "callback-var",
    "cname",
    "comp",
    "continuation-token",
    "cors",
    "delete",
    "encryption",
    "endTime",
    "group",
    "httpsConfig",
    "inventory",
    "inventoryId",
    "lifecycle",
    "link",
    "live",
    "location",
    "logging",
    "metaQuery",
    "objectInfo",
    "objectMeta",
    "partNumber",
    "policy",
    "position",
    "publicAccessBlock",
    "qos",
    "qosInfo",
    "qosRequester",
    "redundancyTransition",
    "referer",
    "regionList",
    "replication",
    "replicationLocation",
    "replicationProgress",
    "requestPayment",
    "requesterQosInfo",
    "resourceGroup",
    "resourcePool",
    "resourcePoolBuckets",
    "resourcePoolInfo",
    "response-cache-control",
    "response-content-disposition",
    "response-content-encoding",
    "response-content-language",
    "response-content-type",
    "response-expires",
    "restore",
    "seal",
    "security-token",
    "sequential",
    "startTime",
    "stat",
    "status",
    "style",
    "styleName",
    "symlink",
    "tagging",
    "transferAcceleration",
    "uploadId",
    "uploads",
    "versionId",
    "versioning",
    "versions",
    "vod",
    "website",
    "worm",
    "wormExtend",
    "wormId",
    "x-oss-ac-forward-allow",
    "x-oss-ac-source-ip",
    "x-oss-ac-subnet-mask",
    "x-oss-ac-vpc-id",
    "x-oss-access-point-name",
    "x-oss-async-process",
    "x-oss-process",
    "x-oss-redundancy-transition-taskid",
    "x-oss-request-payer",
    "x-oss-target-redundancy-type",
    "x-oss-traffic-limit",
    "x-oss-write-get-object-response",
];

/// `OSS ak:signature`.
pub(super) fn parse_header(rest: &str) -> Result<Authorization, AuthError> {
    let (access_key, signature) = rest
        .trim()
        .split_once(':')
        .ok_or_else(|| AuthError::malformed("an OSS Authorization header is `OSS ak:signature`"))?;
    Ok(Authorization::OssV1(OssV1Signature {
        access_key: non_empty_access_key(access_key)?,
        signature: decode_signature(signature)?,
        placement: Placement::Header,
    }))
}

/// `OSSAccessKeyId`, `Expires`, `Signature`.
pub(super) fn parse_query(query: &Query) -> Result<Authorization, AuthError> {
    let param = |name: &str| {
        query
            .get(name)
            .ok_or_else(|| AuthError::malformed(format!("the presigned URL has no {name}")))
    };
    // A raw `+` of the base64 signature reads as a space in a query value.
    let signature = param("Signature")?.replace(' ', "+");
    Ok(Authorization::OssV1(OssV1Signature {
        access_key: non_empty_access_key(param("OSSAccessKeyId")?)?,
        signature: decode_signature(&signature)?,
        placement: Placement::Query {
            expires: Some(param("Expires")?.to_owned()),
        },
    }))
}

fn non_empty_access_key(text: &str) -> Result<String, AuthError> {
    if text.is_empty() {
        Err(AuthError::malformed("the access key is empty"))
    } else {
        Ok(text.to_owned())
    }
}

fn decode_signature(text: &str) -> Result<[u8; 20], AuthError> {
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()
        .and_then(|bytes| <[u8; 20]>::try_from(bytes).ok())
        .ok_or_else(|| AuthError::malformed("the signature is not the base64 of 20 bytes"))
}

/// Whether `signature` is the V1 signature of the request with `secret`.
pub(super) fn verify(
    signature: &OssV1Signature,
    parts: &Parts,
    target: &Target,
    secret: &str,
) -> Result<bool, AuthError> {
    let query =
        Query::parse(parts.uri.query()).map_err(|error| AuthError::malformed(error.to_string()))?;
    let header = |name: &str| canonical_header_value(&parts.headers, name);
    let date = match &signature.placement {
        Placement::Query { expires } => expires.clone().unwrap_or_default().into_bytes(),
        Placement::Header if parts.headers.contains_key("x-oss-date") => header("x-oss-date"),
        Placement::Header => header("date"),
    };
    let mut string_to_sign = Vec::new();
    for line in [
        parts.method.as_str().as_bytes(),
        &header("content-md5"),
        &header("content-type"),
        &date,
    ] {
        string_to_sign.extend_from_slice(line);
        string_to_sign.push(b'\n');
    }
    let mut oss_headers: Vec<&str> = parts
        .headers
        .keys()
        .map(http::HeaderName::as_str)
        .filter(|name| name.starts_with("x-oss-"))
        .collect();
    oss_headers.sort_unstable();
    for name in oss_headers {
        string_to_sign.extend_from_slice(name.as_bytes());
        string_to_sign.push(b':');
        string_to_sign.extend_from_slice(&header(name));
        string_to_sign.push(b'\n');
    }
    string_to_sign.extend_from_slice(resource(target, &query).as_bytes());
    // HMAC takes keys of any length: `new_from_slice` cannot fail.
    let Ok(mac) = Hmac::<Sha1>::new_from_slice(secret.as_bytes()) else {
        return Ok(false);
    };
    Ok(mac
        .chain_update(&string_to_sign)
        .verify_slice(&signature.signature)
        .is_ok())
}

/// The canonicalized resource: `/{bucket}/{key}` unencoded, then the signed sub-resources,
/// sorted. Public so that a signing client (the checker) builds the same string the verifier
/// checks.
pub fn resource(target: &Target, query: &Query) -> String {
    let mut resource = match target {
        Target::Service => "/".to_owned(),
        Target::Bucket { bucket } => format!("/{bucket}/"),
        Target::Object { bucket, key } => format!("/{bucket}/{key}"),
    };
    let mut subresources: Vec<(&str, &str)> = query
        .params()
        .iter()
        .filter(|param| SIGNED_SUBRESOURCES.contains(&param.name()))
        .map(|param| (param.name(), param.value().unwrap_or("")))
        .collect();
    subresources.sort_by_key(|(name, _)| *name);
    for (index, (name, value)) in subresources.into_iter().enumerate() {
        resource.push(if index == 0 { '?' } else { '&' });
        resource.push_str(name);
        if !value.is_empty() {
            resource.push('=');
            resource.push_str(value);
        }
    }
    resource
}

#[cfg(test)]
mod tests {
    use super::*;

    // http.md §6: the signed sub-resources are sorted, bare when empty, unencoded; others are
    // left out.
    #[test]
    fn the_resource_lists_signed_subresources_sorted() {
        let query =
            Query::parse(Some("uploadId=u%2B1&partNumber=2&prefix=p&acl")).expect("decodes");
        let target = Target::Object {
            bucket: "b".into(),
            key: "a b/c".into(),
        };
        assert_eq!(
            resource(&target, &query),
            "/b/a b/c?acl&partNumber=2&uploadId=u+1"
        );
        let bucket = Target::Bucket { bucket: "b".into() };
        assert_eq!(resource(&bucket, &Query::default()), "/b/");
        assert_eq!(resource(&Target::Service, &Query::default()), "/");
        assert!(SIGNED_SUBRESOURCES.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
