//! What the three signature schemes share: URI encoding, canonical header values, HMAC chains,
//! hex and constant-time comparison.

use hmac::{Hmac, Mac};
use http::HeaderMap;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest as _, Sha256};

/// Everything but the unreserved characters `A–Z a–z 0–9 - _ . ~` (the signers' `UriEncode`).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// As [`UNRESERVED`], and `/` kept (paths).
const UNRESERVED_AND_SLASH: &AsciiSet = &UNRESERVED.remove(b'/');

/// `UriEncode` of decoded text: every byte but the unreserved ones (and `/` when `keep_slash`)
/// as upper-case `%XX`.
pub(crate) fn uri_encode(text: &str, keep_slash: bool) -> String {
    let set = if keep_slash {
        UNRESERVED_AND_SLASH
    } else {
        UNRESERVED
    };
    utf8_percent_encode(text, set).to_string()
}

/// The canonical form of a raw (already percent-encoded) URI component: each valid `%XX` is
/// decoded and each byte re-encoded as [`uri_encode`] would, so `%7e` becomes `~` and a raw `!`
/// becomes `%21`. A literal `/` stays when `keep_slash`; an encoded one (`%2F`) stays encoded, as
/// the client that sent it signed it. Works on bytes: nothing here needs UTF-8.
pub(crate) fn canonicalize_raw(raw: &str, keep_slash: bool) -> String {
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let escaped = (byte == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|digits| core::str::from_utf8(digits).ok())
            .and_then(|digits| u8::from_str_radix(digits, 16).ok());
        match escaped {
            Some(decoded) => {
                push_encoded(&mut out, decoded, false);
                index += 3;
            }
            None => {
                push_encoded(&mut out, byte, keep_slash);
                index += 1;
            }
        }
    }
    out
}

fn push_encoded(out: &mut String, byte: u8, keep_slash: bool) {
    if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
        out.push(char::from(byte));
    } else if keep_slash && byte == b'/' {
        out.push('/');
    } else {
        out.push_str(&format!("%{byte:02X}"));
    }
}

/// The raw `name`/`value` pairs of a query string, split but not decoded (`None` for a bare
/// name).
pub(crate) fn raw_query_pairs(raw: Option<&str>) -> impl Iterator<Item = (&str, Option<&str>)> {
    raw.unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (pair, None),
        })
}

/// The canonical value of header `name`: every value it has, each trimmed with inner runs of
/// whitespace collapsed to one space, joined by `,`. Empty when absent.
pub(crate) fn canonical_header_value(headers: &HeaderMap, name: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for (index, value) in headers.get_all(name).iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        let mut words = value
            .as_bytes()
            .split(|byte| byte.is_ascii_whitespace())
            .filter(|word| !word.is_empty());
        if let Some(first) = words.next() {
            out.extend_from_slice(first);
            for word in words {
                out.push(b' ');
                out.extend_from_slice(word);
            }
        }
    }
    out
}

/// HMAC-SHA256 of `message` under `key`.
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    new_hmac_sha256(key)
        .chain_update(message)
        .finalize()
        .into_bytes()
        .into()
}

/// A fresh HMAC-SHA256 keyed with `key`.
pub(crate) fn new_hmac_sha256(key: &[u8]) -> Hmac<Sha256> {
    // HMAC takes keys of any length: the error case of `new_from_slice` cannot happen.
    Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts keys of any length")
}

/// Whether the HMAC-SHA256 of `message` under `key` is `claimed`, compared in constant time.
pub(crate) fn hmac_sha256_matches(key: &[u8], message: &[u8], claimed: &[u8]) -> bool {
    new_hmac_sha256(key)
        .chain_update(message)
        .verify_slice(claimed)
        .is_ok()
}

/// The V4 signing key: the HMAC chain over date, region and service, ending in `terminator`.
pub(crate) fn v4_signing_key(
    secret_prefix: &str,
    secret: &str,
    date: &str,
    region: &str,
    service: &str,
    terminator: &str,
) -> [u8; 32] {
    let mut key = format!("{secret_prefix}{secret}").into_bytes();
    for part in [date, region, service, terminator] {
        key = hmac_sha256(&key, part.as_bytes()).to_vec();
    }
    let mut out = [0; 32];
    out.copy_from_slice(&key);
    out
}

/// Lower-case hex of SHA-256.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Decodes exactly `N` bytes of hex (either case).
pub(crate) fn decode_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let bytes = text.as_bytes();
    if bytes.len() != 2 * N {
        return None;
    }
    let mut out = [0; N];
    for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let digits = core::str::from_utf8(pair).ok()?;
        *slot = u8::from_str_radix(digits, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    // http.md §6: canonical URIs are the single `UriEncode` of the path; a loosely encoded path
    // canonicalises to what a strict client signed, an encoded `/` stays encoded.
    #[test]
    fn raw_components_canonicalise() {
        assert_eq!(canonicalize_raw("/b/a%20b", true), "/b/a%20b");
        assert_eq!(canonicalize_raw("/b/a b!", true), "/b/a%20b%21");
        assert_eq!(canonicalize_raw("/b/%7e%2f", true), "/b/~%2F");
        assert_eq!(canonicalize_raw("a/b", false), "a%2Fb");
        assert_eq!(canonicalize_raw("100%", false), "100%25");
        assert_eq!(canonicalize_raw("%zz", false), "%25zz");
        assert_eq!(uri_encode("a b/ü~", true), "a%20b/%C3%BC~");
        assert_eq!(uri_encode("a/b", false), "a%2Fb");
    }

    // http.md §6: header values are trimmed and inner whitespace collapsed; repeated headers
    // join with `,`.
    #[test]
    fn header_values_canonicalise() {
        let mut headers = HeaderMap::new();
        headers.append("x-amz-meta-a", HeaderValue::from_static("  one   two "));
        headers.append("x-amz-meta-a", HeaderValue::from_static("three"));
        assert_eq!(
            canonical_header_value(&headers, "x-amz-meta-a"),
            b"one two,three"
        );
        assert_eq!(canonical_header_value(&headers, "missing"), b"");
    }

    // The hex helpers round-trip and refuse the wrong length or digits.
    #[test]
    fn hex_round_trips() {
        let bytes = [0xde, 0xad, 0xbe, 0xef];
        assert_eq!(hex(&bytes), "deadbeef");
        assert_eq!(decode_hex::<4>("DEADbeef"), Some(bytes));
        assert_eq!(decode_hex::<4>("deadbee"), None);
        assert_eq!(decode_hex::<2>("zzzz"), None);
        assert_eq!(decode_hex::<1>("é"), None);
    }
}
