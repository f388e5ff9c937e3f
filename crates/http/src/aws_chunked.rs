//! aws-chunked request bodies (http.md §7): the framing s3 SDKs put inside the HTTP body for
//! streaming uploads, with trailing checksums and, when signed, a signature per frame.
//!
//! ```text
//! unsigned (botocore over TLS):  c\r\nhello, world\r\n0\r\nx-amz-checksum-crc32:/6tyOg==\r\n\r\n
//! signed:                        10000;chunk-signature=<64 hex>\r\n<65536 bytes>\r\n…0;chunk-signature=<64 hex>\r\n\r\n
//! signed with trailer:           …0;chunk-signature=…\r\nx-amz-checksum-crc32c:…\r\nx-amz-trailer-signature:…\r\n\r\n
//! ```
//!
//! [`AwsChunkedDecoder`] is sans-IO and incremental, in the shape of a codec: the caller appends
//! received bytes to a buffer and calls [`decode`](AwsChunkedDecoder::decode) until it returns
//! `None` (more bytes needed), then [`decode_eof`](AwsChunkedDecoder::decode_eof) once the
//! stream has ended. It never panics and bounds what it buffers (a frame header or trailer line
//! is at most [`MAX_LINE`] bytes, at most [`MAX_TRAILERS`] trailers); the data itself is handed
//! out as it arrives. The decoded length must equal `X-Amz-Decoded-Content-Length` when the
//! request gives one (`IncompleteBody` 400, MODEL). Plain `Transfer-Encoding: chunked` is the
//! HTTP server's business, not this module's.

use bytes::{Buf as _, Bytes, BytesMut};
use http::header::CONTENT_ENCODING;
use http::{HeaderMap, HeaderValue};
use sha2::{Digest as _, Sha256};

use crate::auth::{AuthError, ChunkSigner};

/// The longest frame header or trailer line accepted, CRLF included.
pub const MAX_LINE: usize = 4096;

/// The most trailer lines accepted.
pub const MAX_TRAILERS: usize = 16;

/// The `x-amz-content-sha256` values of aws-chunked bodies whose frames are signed.
const SIGNED_PAYLOADS: [&str; 2] = [
    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
];

/// Why an aws-chunked body was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChunkError {
    /// The framing is not aws-chunked: a bad size line, a missing CRLF, a missing or malformed
    /// `chunk-signature`, a trailer line without `:`, bytes after the end (400
    /// `InvalidRequest`, MODEL).
    #[error("malformed aws-chunked body: {0}")]
    Malformed(&'static str),
    /// The body ended before its last frame and trailers (400 `IncompleteBody`).
    #[error("the aws-chunked body ended early")]
    Truncated,
    /// The decoded length differs from `X-Amz-Decoded-Content-Length` (400 `IncompleteBody`).
    #[error("the decoded body is {actual} bytes, but X-Amz-Decoded-Content-Length says {expected}")]
    LengthMismatch {
        /// The declared length.
        expected: u64,
        /// The length decoded so far (at least; decoding stops at the first byte too many).
        actual: u64,
    },
    /// `X-Amz-Decoded-Content-Length` is not a number (400 `InvalidRequest`).
    #[error("X-Amz-Decoded-Content-Length is not a number")]
    BadDecodedLength,
    /// A frame or trailer signature does not follow the chain (403 `SignatureDoesNotMatch`).
    #[error("an aws-chunked signature does not match")]
    Signature(#[from] AuthError),
}

/// One trailing header of an aws-chunked body (`x-amz-checksum-crc32:…`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trailer {
    name: String,
    value: String,
}

impl Trailer {
    /// A trailer; the name is lower-cased.
    pub fn new(name: &str, value: &str) -> Self {
        Trailer {
            name: name.trim().to_ascii_lowercase(),
            value: value.trim().to_owned(),
        }
    }

    /// The name, lower-case.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value, trimmed.
    pub fn value(&self) -> &str {
        &self.value
    }
}

/// What [`AwsChunkedDecoder::decode`] hands out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Frame {
    /// Decoded body bytes, in order.
    Data(Bytes),
    /// The end of the body, with its trailers (without `x-amz-trailer-signature`).
    End(Vec<Trailer>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Expecting `hex-size[;chunk-signature=…]\r\n`.
    Size,
    /// Inside a frame's data.
    Data { remaining: u64 },
    /// Expecting the `\r\n` after a frame's data.
    DataEnd,
    /// After the zero-size frame: trailer lines until an empty one.
    Trailers,
    /// The body has ended.
    Done,
}

/// The incremental aws-chunked decoder.
#[derive(Clone, Debug)]
pub struct AwsChunkedDecoder {
    state: State,
    decoded: u64,
    expected: Option<u64>,
    /// The frames carry `chunk-signature=` (a `STREAMING-AWS4-HMAC-SHA256-…` body).
    signed: bool,
    signer: Option<ChunkSigner>,
    chunk_hash: Sha256,
    chunk_signature: Option<[u8; 32]>,
    trailers: Vec<Trailer>,
    trailer_lines: Vec<u8>,
    trailer_signature: Option<[u8; 32]>,
}

impl AwsChunkedDecoder {
    /// A decoder for a body of `expected` decoded bytes (`None`: any length), whose frames
    /// carry `chunk-signature=` when `signed`.
    pub fn new(expected: Option<u64>, signed: bool) -> Self {
        AwsChunkedDecoder {
            state: State::Size,
            decoded: 0,
            expected,
            signed,
            signer: None,
            chunk_hash: Sha256::new(),
            chunk_signature: None,
            trailers: Vec::new(),
            trailer_lines: Vec::new(),
            trailer_signature: None,
        }
    }

    /// The decoder for a request, if its body is aws-chunked: `Content-Encoding` lists
    /// `aws-chunked` or `x-amz-content-sha256` is a `STREAMING-…` value. The expected length
    /// is `X-Amz-Decoded-Content-Length`.
    pub fn for_request(headers: &HeaderMap) -> Result<Option<Self>, ChunkError> {
        let payload = headers
            .get("x-amz-content-sha256")
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        let encoded = headers.get_all(CONTENT_ENCODING).iter().any(|value| {
            value
                .to_str()
                .is_ok_and(|value| value.split(',').any(is_aws_chunked))
        });
        if !encoded && !payload.starts_with("STREAMING-") {
            return Ok(None);
        }
        let expected = match headers.get("x-amz-decoded-content-length") {
            None => None,
            Some(value) => Some(
                value
                    .to_str()
                    .ok()
                    .and_then(|text| text.trim().parse::<u64>().ok())
                    .ok_or(ChunkError::BadDecodedLength)?,
            ),
        };
        Ok(Some(AwsChunkedDecoder::new(
            expected,
            SIGNED_PAYLOADS.contains(&payload),
        )))
    }

    /// Checks every frame's (and the trailer's) signature with `signer`, which starts from the
    /// request's verified seed signature ([`crate::auth::Authorization::chunk_signer`]).
    pub fn with_signer(mut self, signer: ChunkSigner) -> Self {
        self.signed = true;
        self.signer = Some(signer);
        self
    }

    /// The decoded bytes handed out so far.
    pub fn decoded_len(&self) -> u64 {
        self.decoded
    }

    /// Whether the body has ended.
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Decodes from the front of `buf` (consuming what it decodes): `Some` frame, or `None` when
    /// more bytes are needed.
    pub fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Frame>, ChunkError> {
        loop {
            match self.state {
                State::Size => {
                    let Some(line) = take_line(buf)? else {
                        return Ok(None);
                    };
                    self.start_frame(&line)?;
                }
                State::Data { remaining } => {
                    if buf.is_empty() {
                        return Ok(None);
                    }
                    let available = u64::try_from(buf.len()).unwrap_or(u64::MAX);
                    let take = remaining.min(available);
                    // `take` is at most `buf.len()`, so it fits in usize.
                    let data = buf
                        .split_to(usize::try_from(take).unwrap_or(buf.len()))
                        .freeze();
                    if self.signer.is_some() {
                        self.chunk_hash.update(&data);
                    }
                    self.state = match remaining - take {
                        0 => State::DataEnd,
                        remaining => State::Data { remaining },
                    };
                    return Ok(Some(Frame::Data(data)));
                }
                State::DataEnd => {
                    if buf.len() < 2 {
                        return Ok(None);
                    }
                    if &buf[..2] != b"\r\n" {
                        return Err(ChunkError::Malformed(
                            "a frame's data is not followed by CRLF",
                        ));
                    }
                    buf.advance(2);
                    self.end_frame()?;
                    self.state = State::Size;
                }
                State::Trailers => {
                    let Some(line) = take_line(buf)? else {
                        return Ok(None);
                    };
                    if line.is_empty() {
                        return self.finish().map(Some);
                    }
                    self.trailer_line(&line)?;
                }
                State::Done => {
                    return if buf.is_empty() {
                        Ok(None)
                    } else {
                        Err(ChunkError::Malformed("bytes after the end of the body"))
                    };
                }
            }
        }
    }

    /// As [`decode`](Self::decode), once the stream has ended: what `decode` would wait for
    /// is an error ([`ChunkError::Truncated`]), except the final empty line after the trailers,
    /// which some clients leave out.
    pub fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<Frame>, ChunkError> {
        if let Some(frame) = self.decode(buf)? {
            return Ok(Some(frame));
        }
        match self.state {
            State::Done => Ok(None),
            State::Trailers if buf.is_empty() => self.finish().map(Some),
            _ => Err(ChunkError::Truncated),
        }
    }

    /// Reads a frame header: `hex-size[;chunk-signature=…][;other-extension]`.
    fn start_frame(&mut self, line: &[u8]) -> Result<(), ChunkError> {
        let mut fields = line.split(|byte| *byte == b';');
        let size = fields.next().unwrap_or_default();
        if size.is_empty() || size.len() > 16 || !size.iter().all(u8::is_ascii_hexdigit) {
            return Err(ChunkError::Malformed(
                "a frame size is not 1 to 16 hex digits",
            ));
        }
        let size = size.iter().fold(0u64, |value, digit| {
            value << 4 | u64::from(hex_value(*digit))
        });
        self.chunk_signature = None;
        for field in fields {
            if let Some(signature) = field.strip_prefix(b"chunk-signature=") {
                self.chunk_signature = Some(decode_signature(signature).ok_or(
                    ChunkError::Malformed("a chunk-signature is not 64 hex digits"),
                )?);
            }
        }
        if self.signed && self.chunk_signature.is_none() {
            return Err(ChunkError::Malformed(
                "a signed frame has no chunk-signature",
            ));
        }
        let total = self.decoded.checked_add(size);
        if let Some(expected) = self.expected
            && total.is_none_or(|total| total > expected)
        {
            return Err(ChunkError::LengthMismatch {
                expected,
                actual: total.unwrap_or(u64::MAX),
            });
        }
        self.decoded = total.ok_or(ChunkError::Malformed("the body's length overflows"))?;
        self.chunk_hash = Sha256::new();
        if size == 0 {
            self.end_frame()?;
            self.state = State::Trailers;
        } else {
            self.state = State::Data { remaining: size };
        }
        Ok(())
    }

    /// Checks the signature of the frame just read.
    fn end_frame(&mut self) -> Result<(), ChunkError> {
        if let (Some(signer), Some(claimed)) = (self.signer.as_mut(), self.chunk_signature) {
            let hash: [u8; 32] = core::mem::take(&mut self.chunk_hash).finalize().into();
            signer.verify_chunk(&claimed, &hash)?;
        }
        Ok(())
    }

    /// Reads one `name:value` trailer line.
    fn trailer_line(&mut self, line: &[u8]) -> Result<(), ChunkError> {
        let text = core::str::from_utf8(line)
            .map_err(|_| ChunkError::Malformed("a trailer line is not UTF-8"))?;
        let (name, value) = text
            .split_once(':')
            .ok_or(ChunkError::Malformed("a trailer line has no `:`"))?;
        let trailer = Trailer::new(name, value);
        if trailer.name == "x-amz-trailer-signature" {
            self.trailer_signature = Some(decode_signature(trailer.value.as_bytes()).ok_or(
                ChunkError::Malformed("the trailer signature is not 64 hex digits"),
            )?);
            return Ok(());
        }
        if self.trailers.len() == MAX_TRAILERS {
            return Err(ChunkError::Malformed("too many trailers"));
        }
        self.trailer_lines
            .extend_from_slice(format!("{}:{}\n", trailer.name, trailer.value).as_bytes());
        self.trailers.push(trailer);
        Ok(())
    }

    /// Ends the body: the trailer signature, the declared length.
    fn finish(&mut self) -> Result<Frame, ChunkError> {
        if let Some(signer) = self.signer.as_mut() {
            match self.trailer_signature {
                Some(claimed) => signer.verify_trailer(&claimed, &self.trailer_lines)?,
                None if !self.trailers.is_empty() => {
                    return Err(ChunkError::Malformed("signed trailers without a signature"));
                }
                None => {}
            }
        }
        if let Some(expected) = self.expected
            && self.decoded != expected
        {
            return Err(ChunkError::LengthMismatch {
                expected,
                actual: self.decoded,
            });
        }
        self.state = State::Done;
        Ok(Frame::End(core::mem::take(&mut self.trailers)))
    }
}

/// A whole decoded body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DecodedBody {
    /// The body's bytes.
    pub data: Bytes,
    /// Its trailers.
    pub trailers: Vec<Trailer>,
}

/// Decodes a whole aws-chunked body at once with `decoder`.
pub fn decode_all(mut decoder: AwsChunkedDecoder, body: &[u8]) -> Result<DecodedBody, ChunkError> {
    let mut buf = BytesMut::from(body);
    let mut data = BytesMut::new();
    while let Some(frame) = decoder.decode_eof(&mut buf)? {
        match frame {
            Frame::Data(bytes) => data.extend_from_slice(&bytes),
            Frame::End(trailers) => {
                // Anything after the end is an error, not ignored.
                decoder.decode_eof(&mut buf)?;
                return Ok(DecodedBody {
                    data: data.freeze(),
                    trailers,
                });
            }
        }
    }
    Err(ChunkError::Truncated)
}

/// The `Content-Encoding` to store for a request (http.md §7): the request's own without the
/// `aws-chunked` token that botocore appends after any user encoding; `None` when nothing is
/// left.
pub fn stored_content_encoding(headers: &HeaderMap) -> Option<HeaderValue> {
    let tokens: Vec<&str> = headers
        .get_all(CONTENT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|token| !token.is_empty() && !is_aws_chunked(token))
        .collect();
    if tokens.is_empty() {
        return None;
    }
    HeaderValue::from_str(&tokens.join(", ")).ok()
}

fn is_aws_chunked(token: &str) -> bool {
    token.trim().eq_ignore_ascii_case("aws-chunked")
}

/// Takes one CRLF-terminated line off the front of `buf` (without the CRLF); `None` when no
/// complete line is there yet.
fn take_line(buf: &mut BytesMut) -> Result<Option<Bytes>, ChunkError> {
    let window = &buf[..buf.len().min(MAX_LINE)];
    match window.windows(2).position(|pair| pair == b"\r\n") {
        Some(end) => {
            let line = buf.split_to(end).freeze();
            buf.advance(2);
            Ok(Some(line))
        }
        None if buf.len() >= MAX_LINE => Err(ChunkError::Malformed("a line is too long")),
        None => Ok(None),
    }
}

/// The value of a hex digit (callers check `is_ascii_hexdigit` first; anything else is 0).
fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        b'A'..=b'F' => digit - b'A' + 10,
        _ => 0,
    }
}

fn decode_signature(text: &[u8]) -> Option<[u8; 32]> {
    if text.len() != 64 || !text.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let mut out = [0; 32];
    for (slot, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        *slot = hex_value(pair[0]) << 4 | hex_value(pair[1]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(body: &[u8], expected: Option<u64>) -> Result<DecodedBody, ChunkError> {
        decode_all(AwsChunkedDecoder::new(expected, false), body)
    }

    // http.md §7: botocore's unsigned body with a CRC32 trailer (recorded in
    // tests/vectors/signed.jsonl, `s3-https-virtual-put-object`).
    #[test]
    fn botocores_unsigned_trailer_body_decodes() {
        let body = b"c\r\nhello, world\r\n0\r\nx-amz-checksum-crc32:/6tyOg==\r\n\r\n";
        let decoded = decode(body, Some(12)).expect("decodes");
        assert_eq!(decoded.data, &b"hello, world"[..]);
        assert_eq!(
            decoded.trailers,
            [Trailer::new("X-Amz-Checksum-Crc32", "/6tyOg==")]
        );
    }

    // http.md §7: the decoded length must be X-Amz-Decoded-Content-Length (IncompleteBody).
    #[test]
    fn the_declared_length_is_enforced() {
        let body = b"5\r\nhello\r\n0\r\n\r\n";
        assert!(decode(body, Some(5)).is_ok());
        assert_eq!(
            decode(body, Some(6)),
            Err(ChunkError::LengthMismatch {
                expected: 6,
                actual: 5
            })
        );
        assert_eq!(
            decode(body, Some(4)),
            Err(ChunkError::LengthMismatch {
                expected: 4,
                actual: 5
            })
        );
        assert_eq!(decode(b"5\r\nhel", None), Err(ChunkError::Truncated));
        assert_eq!(decode(b"5\r\nhello\r\n", None), Err(ChunkError::Truncated));
    }

    // http.md §7: bytes arriving one at a time decode to the same body.
    #[test]
    fn decodes_incrementally() {
        let body = b"3;chunk-signature=0000000000000000000000000000000000000000000000000000000000000000\r\nabc\r\n\
                     0;chunk-signature=0000000000000000000000000000000000000000000000000000000000000000\r\n\r\n";
        let mut decoder = AwsChunkedDecoder::new(Some(3), true);
        let mut buf = BytesMut::new();
        let mut data = Vec::new();
        let mut ended = false;
        for byte in body {
            buf.extend_from_slice(&[*byte]);
            while let Some(frame) = decoder.decode(&mut buf).expect("well-formed") {
                match frame {
                    Frame::Data(bytes) => data.extend_from_slice(&bytes),
                    Frame::End(trailers) => {
                        assert!(trailers.is_empty());
                        ended = true;
                    }
                }
            }
        }
        assert!(ended && decoder.is_done());
        assert_eq!(data, b"abc");
        assert_eq!(decoder.decoded_len(), 3);
    }

    // http.md §7: signed frames must carry their signature; malformed framing is refused.
    #[test]
    fn malformed_framing_is_refused() {
        let signed = AwsChunkedDecoder::new(None, true);
        assert_eq!(
            decode_all(signed, b"3\r\nabc\r\n0\r\n\r\n"),
            Err(ChunkError::Malformed(
                "a signed frame has no chunk-signature"
            ))
        );
        for body in [
            &b"x\r\n"[..],
            b"3\r\nabcX\r\n",
            b"00000000000000001\r\n",
            b"0\r\nno-colon\r\n\r\n",
            b"0\r\n\r\nextra",
            b"3;chunk-signature=zz\r\nabc\r\n",
        ] {
            assert!(
                matches!(decode(body, None), Err(ChunkError::Malformed(_))),
                "{body:?}"
            );
        }
        let long = vec![b'1'; MAX_LINE + 1];
        assert_eq!(
            decode(&long, None),
            Err(ChunkError::Malformed("a line is too long"))
        );
    }

    // ERR-3: sizes near u64::MAX are refused, never overflow.
    #[test]
    fn huge_sizes_do_not_overflow() {
        assert_eq!(
            decode(b"ffffffffffffffff\r\n", Some(10)),
            Err(ChunkError::LengthMismatch {
                expected: 10,
                actual: u64::MAX
            })
        );
        assert_eq!(
            decode(b"ffffffffffffffff\r\nabc", None),
            Err(ChunkError::Truncated)
        );
    }

    // http.md §7: a missing final empty line after the trailers is tolerated at the end.
    #[test]
    fn the_final_empty_line_may_be_missing() {
        let decoded =
            decode(b"1\r\na\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n", None).expect("tolerated");
        assert_eq!(decoded.trailers.len(), 1);
    }

    // http.md §7: `aws-chunked` leaves the stored Content-Encoding; other encodings stay.
    #[test]
    fn aws_chunked_is_stripped_from_content_encoding() {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_ENCODING,
            HeaderValue::from_static("gzip,aws-chunked"),
        );
        assert_eq!(
            stored_content_encoding(&headers),
            Some(HeaderValue::from_static("gzip"))
        );
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static("aws-chunked"));
        assert_eq!(stored_content_encoding(&headers), None);
        headers.insert(
            CONTENT_ENCODING,
            HeaderValue::from_static("AWS-Chunked, br , gzip"),
        );
        assert_eq!(
            stored_content_encoding(&headers),
            Some(HeaderValue::from_static("br, gzip"))
        );
    }

    // http.md §7: which requests are aws-chunked, signed or not, and their declared length.
    #[test]
    fn requests_declare_aws_chunked_bodies() {
        let mut headers = HeaderMap::new();
        assert!(matches!(AwsChunkedDecoder::for_request(&headers), Ok(None)));
        headers.insert(
            "x-amz-content-sha256",
            HeaderValue::from_static("UNSIGNED-PAYLOAD"),
        );
        assert!(matches!(AwsChunkedDecoder::for_request(&headers), Ok(None)));
        headers.insert(
            "x-amz-content-sha256",
            HeaderValue::from_static("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
        );
        headers.insert(
            "x-amz-decoded-content-length",
            HeaderValue::from_static("66560"),
        );
        let decoder = AwsChunkedDecoder::for_request(&headers)
            .expect("readable")
            .expect("aws-chunked");
        assert!(decoder.signed);
        assert_eq!(decoder.expected, Some(66560));
        headers.insert("x-amz-content-sha256", HeaderValue::from_static("abc"));
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static("aws-chunked"));
        headers.insert(
            "x-amz-decoded-content-length",
            HeaderValue::from_static("-1"),
        );
        assert!(matches!(
            AwsChunkedDecoder::for_request(&headers),
            Err(ChunkError::BadDecodedLength)
        ));
    }
}
