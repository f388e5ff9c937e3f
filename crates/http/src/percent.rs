//! Percent-encoding: decoding paths and query components exactly once (http.md §1.1, §1.2),
//! and encoding the key-like fields of `encoding-type=url` responses (http.md §2).

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode, utf8_percent_encode};

/// The bytes `encoding-type=url` leaves as they are: `A–Z a–z 0–9 - _ . ~ /` (http.md §2).
const URL_FIELD: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// The bytes a query component keeps as they are: the unreserved `A–Z a–z 0–9 - _ . ~`.
const QUERY_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Why a percent-encoded path or query component could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PercentError {
    /// A `%` not followed by two hex digits.
    #[error("a `%` at byte {position} is not followed by two hex digits")]
    BadEscape {
        /// The byte offset of the `%` in the encoded text.
        position: usize,
    },
    /// The decoded bytes are not UTF-8.
    #[error("the decoded text is not UTF-8")]
    NotUtf8,
}

/// Decodes a path (or a header value such as a copy source) exactly once, as UTF-8: every
/// `%XX` becomes its byte, every other character stays. `+` stays `+`.
///
/// A `%` that does not start a two-hex-digit escape, or a result that is not UTF-8, is an error
/// rather than being passed through: the same text must never name two keys.
pub fn decode(text: &str) -> Result<String, PercentError> {
    check_escapes(text)?;
    percent_decode(text.as_bytes())
        .decode_utf8()
        .map(|decoded| decoded.into_owned())
        .map_err(|_| PercentError::NotUtf8)
}

/// Decodes a query-string name or value exactly once: as [`decode`], and `+` is a space (the
/// form encoding; the SDKs themselves send `%20`).
pub fn decode_query_component(text: &str) -> Result<String, PercentError> {
    if text.contains('+') {
        decode(&text.replace('+', " "))
    } else {
        decode(text)
    }
}

/// Encodes a key-like field of a listing for `encoding-type=url` (http.md §2): every byte but
/// `A–Z a–z 0–9 - _ . ~ /` as `%XX`, so `+` never appears (both botocore's `unquote_plus` and
/// oss2's `unquote` read the result back to the same text).
pub fn encode_url_field(text: &str) -> String {
    utf8_percent_encode(text, URL_FIELD).to_string()
}

/// Encodes a key for a request path (the client direction): as [`encode_url_field`], so `/`
/// stays literal, as botocore and the Go SDK v2 send it; [`decode`] reads it back.
pub fn encode_path(text: &str) -> String {
    encode_url_field(text)
}

/// Encodes a query-string name or value (the client direction): every byte but the unreserved
/// `A–Z a–z 0–9 - _ . ~`; [`decode_query_component`] reads it back.
pub fn encode_query_component(text: &str) -> String {
    utf8_percent_encode(text, QUERY_COMPONENT).to_string()
}

fn check_escapes(text: &str) -> Result<(), PercentError> {
    let bytes = text.as_bytes();
    for (position, &byte) in bytes.iter().enumerate() {
        if byte == b'%' {
            let escape = bytes.get(position + 1..position + 3);
            if !escape.is_some_and(|digits| digits.iter().all(u8::is_ascii_hexdigit)) {
                return Err(PercentError::BadEscape { position });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // http.md §1.1: one decoding pass, `%252F` stays `%2F`, `%2F` and `/` give the same text.
    #[test]
    fn decodes_exactly_once() {
        assert_eq!(decode("a%2Fb").as_deref(), Ok("a/b"));
        assert_eq!(decode("a/b").as_deref(), Ok("a/b"));
        assert_eq!(decode("a%252Fb").as_deref(), Ok("a%2Fb"));
        assert_eq!(decode("a+b").as_deref(), Ok("a+b"));
        assert_eq!(decode("%E4%BD%A0%e5%a5%bd").as_deref(), Ok("你好"));
        assert_eq!(decode_query_component("a+b%2B").as_deref(), Ok("a b+"));
    }

    // http.md §1.1: bad escapes and non-UTF-8 results are typed errors.
    #[test]
    fn refuses_bad_escapes_and_non_utf8() {
        assert_eq!(decode("a%2"), Err(PercentError::BadEscape { position: 1 }));
        assert_eq!(decode("%zz"), Err(PercentError::BadEscape { position: 0 }));
        assert_eq!(decode("ok%"), Err(PercentError::BadEscape { position: 2 }));
        assert_eq!(decode("%FF"), Err(PercentError::NotUtf8));
        assert_eq!(decode("%C3"), Err(PercentError::NotUtf8));
    }

    // http.md §2: the encoded set, and `+` and space never appear raw.
    #[test]
    fn url_fields_encode_all_but_the_unreserved_and_slash() {
        assert_eq!(encode_url_field("a b+c/d~e_f.g-h"), "a%20b%2Bc/d~e_f.g-h");
        assert_eq!(encode_url_field("日"), "%E6%97%A5");
        assert_eq!(encode_url_field("%"), "%25");
    }
}
