//! Signing the requests the checker sends (http.md §6): s3 SigV4 in the `Authorization` header
//! (the payload's SHA-256 in `x-amz-content-sha256`), oss V1 (`Authorization: OSS ak:sig` over
//! the `Date` header). The codec verifies both ([`bucket_versioning_http::auth`]); the checker's
//! tests run against a server that verifies them (`--auth verify`).

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use bucket_versioning::Dialect;
use bucket_versioning_http::addressing::{Addressing, Target};
use bucket_versioning_http::auth::oss_v1_resource;
use bucket_versioning_http::query::Query;
use bytes::Bytes;
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// The region SigV4 signs for.
pub const REGION: &str = "us-east-1";

/// RFC 3986's unreserved characters are left as they are; everything else is `%XX`.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A key pair, and the dialect whose scheme signs with it.
#[derive(Clone, PartialEq, Eq)]
pub struct Keys {
    dialect: Dialect,
    access_key: String,
    secret_key: String,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("dialect", &self.dialect)
            .field("access_key", &self.access_key)
            .finish_non_exhaustive()
    }
}

impl Keys {
    /// The key pair `access_key`, `secret_key`, signing as `dialect` does.
    pub fn new(dialect: Dialect, access_key: &str, secret_key: &str) -> Self {
        Keys {
            dialect,
            access_key: access_key.to_owned(),
            secret_key: secret_key.to_owned(),
        }
    }

    /// `request` signed now.
    pub fn sign(&self, request: http::Request<Bytes>) -> http::Request<Bytes> {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        self.sign_at(request, seconds)
    }

    /// `request` signed as at `seconds` since the epoch.
    pub fn sign_at(&self, request: http::Request<Bytes>, seconds: u64) -> http::Request<Bytes> {
        match self.dialect {
            Dialect::S3 => self.sigv4(request, seconds),
            Dialect::Oss => self.oss_v1(request, seconds),
        }
    }

    fn sigv4(&self, mut request: http::Request<Bytes>, seconds: u64) -> http::Request<Bytes> {
        let date_time = amz_date(seconds);
        let date = &date_time[..8];
        let payload = hex(&Sha256::digest(request.body()));
        let headers = request.headers_mut();
        insert(headers, "x-amz-date", &date_time);
        insert(headers, "x-amz-content-sha256", &payload);
        let mut signed: Vec<(String, String)> = request
            .headers()
            .iter()
            .filter(|(name, _)| {
                let name = name.as_str();
                name == "host"
                    || name == "content-md5"
                    || name == "content-type"
                    || name.starts_with("x-amz-")
            })
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes());
                (
                    name.as_str().to_owned(),
                    value.split_whitespace().collect::<Vec<_>>().join(" "),
                )
            })
            .collect();
        signed.sort();
        let names: Vec<&str> = signed.iter().map(|(name, _)| name.as_str()).collect();
        let names = names.join(";");
        let mut canonical = format!(
            "{}\n{}\n{}\n",
            request.method(),
            canonical_path(request.uri().path()),
            canonical_query(request.uri().query())
        );
        for (name, value) in &signed {
            canonical.push_str(&format!("{name}:{value}\n"));
        }
        canonical.push_str(&format!("\n{names}\n{payload}"));
        let scope = format!("{date}/{REGION}/s3/aws4_request");
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256\n{date_time}\n{scope}\n{}",
            hex(&Sha256::digest(canonical.as_bytes()))
        );
        let mut key = hmac_sha256(
            format!("AWS4{}", self.secret_key).as_bytes(),
            date.as_bytes(),
        );
        for part in [REGION, "s3", "aws4_request"] {
            key = hmac_sha256(&key, part.as_bytes());
        }
        let signature = hex(&hmac_sha256(&key, string_to_sign.as_bytes()));
        let authorization = format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={names}, Signature={signature}",
            self.access_key
        );
        insert(request.headers_mut(), "authorization", &authorization);
        request
    }

    fn oss_v1(&self, mut request: http::Request<Bytes>, seconds: u64) -> http::Request<Bytes> {
        let date = httpdate::fmt_http_date(UNIX_EPOCH + std::time::Duration::from_secs(seconds));
        insert(request.headers_mut(), "date", &date);
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .map(|value| String::from_utf8_lossy(value.as_bytes()).trim().to_owned())
                .unwrap_or_default()
        };
        let mut string_to_sign = format!(
            "{}\n{}\n{}\n{date}\n",
            request.method(),
            header("content-md5"),
            header("content-type")
        );
        let mut oss_headers: Vec<&str> = request
            .headers()
            .keys()
            .map(http::HeaderName::as_str)
            .filter(|name| name.starts_with("x-oss-"))
            .collect();
        oss_headers.sort_unstable();
        for name in oss_headers {
            string_to_sign.push_str(&format!("{name}:{}\n", header(name)));
        }
        string_to_sign.push_str(&oss_resource(&request));
        let signature = base64::engine::general_purpose::STANDARD.encode(hmac_sha1(
            self.secret_key.as_bytes(),
            string_to_sign.as_bytes(),
        ));
        let authorization = format!("OSS {}:{signature}", self.access_key);
        insert(request.headers_mut(), "authorization", &authorization);
        request
    }
}

/// oss V1's canonicalized resource: `/{bucket}/{key}` decoded, then the signed sub-resources,
/// sorted.
fn oss_resource(request: &http::Request<Bytes>) -> String {
    let host = request
        .headers()
        .get(http::header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let target = Addressing::new(host)
        .target(request)
        .unwrap_or(Target::Service);
    let query = Query::parse(request.uri().query()).unwrap_or_default();
    oss_v1_resource(&target, &query)
}

fn insert(headers: &mut http::HeaderMap, name: &'static str, value: &str) {
    if let Ok(value) = http::HeaderValue::from_str(value) {
        headers.insert(name, value);
    }
}

/// SigV4's canonical URI: each segment decoded and encoded once.
fn canonical_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let decoded = percent_decode_str(segment).collect::<Vec<u8>>();
            percent_encoding::percent_encode(&decoded, UNRESERVED).to_string()
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// SigV4's canonical query: each name and value decoded and encoded once, sorted.
fn canonical_query(query: Option<&str>) -> String {
    let encode = |text: &str| {
        let decoded = percent_decode_str(&text.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned();
        utf8_percent_encode(&decoded, UNRESERVED).to_string()
    };
    let mut pairs: Vec<(String, String)> = query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (encode(name), encode(value)),
            None => (encode(pair), String::new()),
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// `YYYYMMDDTHHMMSSZ` of `seconds` since the epoch.
fn amz_date(seconds: u64) -> String {
    let text = httpdate::fmt_http_date(UNIX_EPOCH + std::time::Duration::from_secs(seconds));
    // `Sun, 06 Nov 1994 08:49:37 GMT`
    let parts: Vec<&str> = text.split_whitespace().collect();
    let month = match parts.get(2).copied().unwrap_or_default() {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        _ => 12,
    };
    let day = parts.get(1).copied().unwrap_or("01");
    let year = parts.get(3).copied().unwrap_or("1970");
    let time = parts.get(4).copied().unwrap_or("00:00:00").replace(':', "");
    format!("{year}{month:02}{day}T{time}Z")
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return [0; 32];
    };
    mac.update(message);
    mac.finalize().into_bytes().into()
}

fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(key) else {
        return [0; 20];
    };
    mac.update(message);
    mac.finalize().into_bytes().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // http.md §6: the date forms the schemes sign.
    #[test]
    fn dates_are_formatted_as_the_schemes_sign_them() {
        assert_eq!(amz_date(784_111_777), "19941106T084937Z");
        assert_eq!(
            canonical_query(Some("versions&prefix=a%2Fb&max-keys=2")),
            "max-keys=2&prefix=a%2Fb&versions="
        );
        assert_eq!(canonical_path("/b/a%2Fb/%C3%A9"), "/b/a%2Fb/%C3%A9");
    }
}
