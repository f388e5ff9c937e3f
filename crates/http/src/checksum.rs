//! Request-body integrity (http.md §7, §10): `Content-MD5` (both dialects),
//! `x-amz-checksum-{crc32,crc32c,crc64nvme,sha1,sha256}` as a header or an aws-chunked trailer,
//! `x-amz-content-sha256` when it is a hex digest, and oss `x-oss-hash-crc64ecma` (MODEL).
//!
//! [`BodyChecks`] is built from the request headers, fed the decoded body as it arrives, and
//! finished with the trailers. A value that is not well-formed is refused up front; a mismatch
//! is s3 `BadDigest` / oss `InvalidDigest` 400 (`XAmzContentSHA256Mismatch` for the payload
//! hash). Algorithms it does not know (`x-amz-checksum-foo`) are ignored, and so are the headers
//! that name no checksum (`x-amz-checksum-mode`, `x-amz-checksum-type`, …).

use base64::Engine as _;
use crc::{CRC_32_ISCSI, CRC_32_ISO_HDLC, CRC_64_NVME, CRC_64_XZ, Crc};
use http::HeaderMap;
use md5::Md5;
use sha1::Sha1;
use sha2::{Digest as _, Sha256};

use crate::aws_chunked::Trailer;

static CRC32: Crc<u32> = Crc::<u32>::new(&CRC_32_ISO_HDLC);
static CRC32C: Crc<u32> = Crc::<u32>::new(&CRC_32_ISCSI);
static CRC64NVME: Crc<u64> = Crc::<u64>::new(&CRC_64_NVME);
/// The `x-oss-hash-crc64ecma` CRC (CT-1).
static CRC64XZ: Crc<u64> = Crc::<u64>::new(&CRC_64_XZ);

/// A checksum algorithm of the `x-amz-checksum-*` family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChecksumAlgorithm {
    /// CRC-32/ISO-HDLC, botocore's default.
    Crc32,
    /// CRC-32C (Castagnoli, CRC-32/ISCSI).
    Crc32c,
    /// CRC-64/NVME.
    Crc64Nvme,
    /// SHA-1.
    Sha1,
    /// SHA-256.
    Sha256,
}

impl ChecksumAlgorithm {
    /// Every algorithm.
    pub const ALL: [ChecksumAlgorithm; 5] = [
        ChecksumAlgorithm::Crc32,
        ChecksumAlgorithm::Crc32c,
        ChecksumAlgorithm::Crc64Nvme,
        ChecksumAlgorithm::Sha1,
        ChecksumAlgorithm::Sha256,
    ];

    /// The header (or trailer) that carries it: `x-amz-checksum-crc32`, ….
    pub fn header_name(self) -> &'static str {
        match self {
            ChecksumAlgorithm::Crc32 => "x-amz-checksum-crc32",
            ChecksumAlgorithm::Crc32c => "x-amz-checksum-crc32c",
            ChecksumAlgorithm::Crc64Nvme => "x-amz-checksum-crc64nvme",
            ChecksumAlgorithm::Sha1 => "x-amz-checksum-sha1",
            ChecksumAlgorithm::Sha256 => "x-amz-checksum-sha256",
        }
    }

    /// The algorithm a header or trailer name carries, if it is one of these (any letter case).
    pub fn from_header_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|algorithm| algorithm.header_name().eq_ignore_ascii_case(name.trim()))
    }

    /// The length of the digest in bytes (the header carries its base64).
    fn digest_len(self) -> usize {
        match self {
            ChecksumAlgorithm::Crc32 | ChecksumAlgorithm::Crc32c => 4,
            ChecksumAlgorithm::Crc64Nvme => 8,
            ChecksumAlgorithm::Sha1 => 20,
            ChecksumAlgorithm::Sha256 => 32,
        }
    }

    /// The base64 of the digest of `bytes`, as the header carries it.
    pub fn base64_digest(self, bytes: &[u8]) -> String {
        let mut hasher = Hasher::new(Check::Amz(self));
        hasher.update(bytes);
        base64::engine::general_purpose::STANDARD.encode(hasher.finish())
    }
}

/// Why a body failed its integrity checks.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DigestError {
    /// `Content-MD5` is not the base64 of 16 bytes (400 `InvalidDigest`, both dialects).
    #[error("the Content-MD5 you specified was invalid")]
    MalformedContentMd5,
    /// The body's MD5 differs from `Content-MD5` (s3 `BadDigest`, oss `InvalidDigest`, 400).
    #[error("the Content-MD5 you specified did not match what was received")]
    ContentMd5Mismatch,
    /// An `x-amz-checksum-*` value is not the base64 of a digest of the algorithm's size
    /// (400 `InvalidRequest`).
    #[error("the value of {} is not a valid checksum", .0.header_name())]
    MalformedChecksum(ChecksumAlgorithm),
    /// The body's checksum differs from the one sent (s3 `BadDigest`, oss `InvalidDigest`, 400).
    #[error("the {} you specified did not match the calculated checksum", .0.header_name())]
    ChecksumMismatch(ChecksumAlgorithm),
    /// A checksum `x-amz-trailer` announced did not come (400 `InvalidRequest`).
    #[error("the trailer {0} was announced but not sent")]
    MissingTrailer(String),
    /// `x-amz-content-sha256` is a hex digest and the body's SHA-256 differs (400
    /// `XAmzContentSHA256Mismatch`).
    #[error("the provided x-amz-content-sha256 header does not match what was computed")]
    ContentSha256Mismatch,
    /// `x-oss-hash-crc64ecma` is not an unsigned decimal (400 `InvalidDigest`).
    #[error("x-oss-hash-crc64ecma is not an unsigned decimal")]
    MalformedCrc64,
    /// The body's CRC-64 differs from `x-oss-hash-crc64ecma` (400 `InvalidDigest`).
    #[error("the CRC-64 you specified did not match the calculated one")]
    Crc64Mismatch,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Check {
    ContentMd5,
    Amz(ChecksumAlgorithm),
    ContentSha256,
    OssCrc64,
}

impl Check {
    fn mismatch(self) -> DigestError {
        match self {
            Check::ContentMd5 => DigestError::ContentMd5Mismatch,
            Check::Amz(algorithm) => DigestError::ChecksumMismatch(algorithm),
            Check::ContentSha256 => DigestError::ContentSha256Mismatch,
            Check::OssCrc64 => DigestError::Crc64Mismatch,
        }
    }
}

/// What a check compares with.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Expected {
    /// A digest the headers gave.
    Digest(Vec<u8>),
    /// A checksum announced by `x-amz-trailer`, known at the end.
    Trailer(ChecksumAlgorithm),
}

#[derive(Clone)]
enum Hasher {
    Md5(Md5),
    Sha1(Sha1),
    Sha256(Sha256),
    Crc32(crc::Digest<'static, u32>),
    Crc64(crc::Digest<'static, u64>),
}

impl Hasher {
    fn new(check: Check) -> Self {
        match check {
            Check::ContentMd5 => Hasher::Md5(Md5::new()),
            Check::ContentSha256 | Check::Amz(ChecksumAlgorithm::Sha256) => {
                Hasher::Sha256(Sha256::new())
            }
            Check::Amz(ChecksumAlgorithm::Sha1) => Hasher::Sha1(Sha1::new()),
            Check::Amz(ChecksumAlgorithm::Crc32) => Hasher::Crc32(CRC32.digest()),
            Check::Amz(ChecksumAlgorithm::Crc32c) => Hasher::Crc32(CRC32C.digest()),
            Check::Amz(ChecksumAlgorithm::Crc64Nvme) => Hasher::Crc64(CRC64NVME.digest()),
            Check::OssCrc64 => Hasher::Crc64(CRC64XZ.digest()),
        }
    }

    fn update(&mut self, bytes: &[u8]) {
        match self {
            Hasher::Md5(hasher) => hasher.update(bytes),
            Hasher::Sha1(hasher) => hasher.update(bytes),
            Hasher::Sha256(hasher) => hasher.update(bytes),
            Hasher::Crc32(digest) => digest.update(bytes),
            Hasher::Crc64(digest) => digest.update(bytes),
        }
    }

    /// The digest, big-endian for CRCs (as the headers carry them).
    fn finish(self) -> Vec<u8> {
        match self {
            Hasher::Md5(hasher) => hasher.finalize().to_vec(),
            Hasher::Sha1(hasher) => hasher.finalize().to_vec(),
            Hasher::Sha256(hasher) => hasher.finalize().to_vec(),
            Hasher::Crc32(digest) => digest.finalize().to_be_bytes().to_vec(),
            Hasher::Crc64(digest) => digest.finalize().to_be_bytes().to_vec(),
        }
    }
}

/// The integrity checks one request body must pass.
#[derive(Clone)]
pub struct BodyChecks {
    checks: Vec<(Check, Expected, Hasher)>,
}

impl core::fmt::Debug for BodyChecks {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list()
            .entries(
                self.checks
                    .iter()
                    .map(|(check, expected, _)| (check, expected)),
            )
            .finish()
    }
}

impl BodyChecks {
    /// The checks a request's headers ask for: `Content-MD5`, every known `x-amz-checksum-*`
    /// header, the checksums `x-amz-trailer` announces, a hex `x-amz-content-sha256`, and oss
    /// `x-oss-hash-crc64ecma`. A malformed value is refused here.
    pub fn from_headers(headers: &HeaderMap) -> Result<Self, DigestError> {
        let mut checks = Vec::new();
        let mut add = |check: Check, expected: Expected| {
            checks.push((check, expected, Hasher::new(check)));
        };
        if let Some(value) = headers.get("content-md5") {
            let digest =
                base64_digest(value.as_bytes(), 16).ok_or(DigestError::MalformedContentMd5)?;
            add(Check::ContentMd5, Expected::Digest(digest));
        }
        for algorithm in ChecksumAlgorithm::ALL {
            if let Some(value) = headers.get(algorithm.header_name()) {
                let digest = base64_digest(value.as_bytes(), algorithm.digest_len())
                    .ok_or(DigestError::MalformedChecksum(algorithm))?;
                add(Check::Amz(algorithm), Expected::Digest(digest));
            }
        }
        let announced = headers
            .get_all("x-amz-trailer")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter_map(ChecksumAlgorithm::from_header_name);
        for algorithm in announced {
            add(Check::Amz(algorithm), Expected::Trailer(algorithm));
        }
        let payload = headers
            .get("x-amz-content-sha256")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| decode_hex32(value.trim()));
        if let Some(digest) = payload {
            add(Check::ContentSha256, Expected::Digest(digest.to_vec()));
        }
        if let Some(value) = headers.get("x-oss-hash-crc64ecma") {
            let crc = value
                .to_str()
                .ok()
                .and_then(|text| text.trim().parse::<u64>().ok())
                .ok_or(DigestError::MalformedCrc64)?;
            add(
                Check::OssCrc64,
                Expected::Digest(crc.to_be_bytes().to_vec()),
            );
        }
        Ok(BodyChecks { checks })
    }

    /// Whether there is nothing to check.
    pub fn is_empty(&self) -> bool {
        self.checks.is_empty()
    }

    /// Feeds the next bytes of the (decoded) body.
    pub fn update(&mut self, bytes: &[u8]) {
        for (_, _, hasher) in &mut self.checks {
            hasher.update(bytes);
        }
    }

    /// Compares every digest once the body has ended; `trailers` are the aws-chunked trailers
    /// (empty for other bodies). The first mismatch is the error.
    pub fn finish(self, trailers: &[Trailer]) -> Result<(), DigestError> {
        for (check, expected, hasher) in self.checks {
            let expected = match expected {
                Expected::Digest(digest) => digest,
                Expected::Trailer(algorithm) => {
                    let trailer = trailers
                        .iter()
                        .find(|trailer| trailer.name() == algorithm.header_name())
                        .ok_or_else(|| {
                            DigestError::MissingTrailer(algorithm.header_name().to_owned())
                        })?;
                    base64_digest(trailer.value().as_bytes(), algorithm.digest_len())
                        .ok_or(DigestError::MalformedChecksum(algorithm))?
                }
            };
            if hasher.finish() != expected {
                return Err(check.mismatch());
            }
        }
        Ok(())
    }
}

/// Checks a whole body at once: [`BodyChecks::from_headers`], `update`, `finish`.
pub fn verify_body(
    headers: &HeaderMap,
    body: &[u8],
    trailers: &[Trailer],
) -> Result<(), DigestError> {
    let mut checks = BodyChecks::from_headers(headers)?;
    checks.update(body);
    checks.finish(trailers)
}

/// The base64 of exactly `len` bytes, decoded.
fn base64_digest(text: &[u8], len: usize) -> Option<Vec<u8>> {
    let digest = base64::engine::general_purpose::STANDARD
        .decode(text.trim_ascii())
        .ok()?;
    (digest.len() == len).then_some(digest)
}

fn decode_hex32(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0; 32];
    for (slot, index) in out.iter_mut().zip((0..64).step_by(2)) {
        *slot = u8::from_str_radix(text.get(index..index + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    http::HeaderName::from_static(name),
                    HeaderValue::from_str(value).expect("test values"),
                )
            })
            .collect()
    }

    // http.md §7: each algorithm's digest of the check string, as the SDKs send them
    // (CRC32 of "hello, world" is botocore's recorded `/6tyOg==`).
    #[test]
    fn digests_match_the_catalogue() {
        assert_eq!(
            ChecksumAlgorithm::Crc32.base64_digest(b"hello, world"),
            "/6tyOg=="
        );
        let check = |algorithm: ChecksumAlgorithm| {
            base64::engine::general_purpose::STANDARD
                .decode(algorithm.base64_digest(b"123456789"))
                .expect("base64")
        };
        assert_eq!(
            check(ChecksumAlgorithm::Crc32),
            0xCBF4_3926_u32.to_be_bytes()
        );
        assert_eq!(
            check(ChecksumAlgorithm::Crc32c),
            0xE306_9283_u32.to_be_bytes()
        );
        assert_eq!(
            check(ChecksumAlgorithm::Crc64Nvme),
            0xAE8B_1486_0A79_9888_u64.to_be_bytes()
        );
        assert_eq!(check(ChecksumAlgorithm::Sha1).len(), 20);
        assert_eq!(check(ChecksumAlgorithm::Sha256).len(), 32);
    }

    // http.md §7: a right checksum passes, a wrong one is BadDigest / InvalidDigest.
    #[test]
    fn checksums_are_verified() {
        let body = b"hello, world";
        for algorithm in ChecksumAlgorithm::ALL {
            let right = algorithm.base64_digest(body);
            let wrong = algorithm.base64_digest(b"hello, World");
            let name = algorithm.header_name();
            assert_eq!(verify_body(&headers(&[(name, &right)]), body, &[]), Ok(()));
            assert_eq!(
                verify_body(&headers(&[(name, &wrong)]), body, &[]),
                Err(DigestError::ChecksumMismatch(algorithm))
            );
            assert_eq!(
                verify_body(&headers(&[(name, "AAAA")]), body, &[]),
                Err(DigestError::MalformedChecksum(algorithm))
            );
        }
    }

    // http.md §7, §10: Content-MD5, including Go v2's MD5 of nothing on bodiless requests.
    #[test]
    fn content_md5_is_verified() {
        let empty = headers(&[("content-md5", "1B2M2Y8AsgTpgAmY7PhCfg==")]);
        assert_eq!(verify_body(&empty, b"", &[]), Ok(()));
        assert_eq!(
            verify_body(&empty, b"x", &[]),
            Err(DigestError::ContentMd5Mismatch)
        );
        assert_eq!(
            verify_body(&headers(&[("content-md5", "not base64!")]), b"", &[]),
            Err(DigestError::MalformedContentMd5)
        );
    }

    // http.md §7: a checksum announced in x-amz-trailer comes from the trailers.
    #[test]
    fn trailer_checksums_are_verified() {
        let announced = headers(&[("x-amz-trailer", "x-amz-checksum-crc32")]);
        let trailer = |value: &str| [Trailer::new("x-amz-checksum-crc32", value)];
        assert_eq!(
            verify_body(&announced, b"hello, world", &trailer("/6tyOg==")),
            Ok(())
        );
        assert_eq!(
            verify_body(&announced, b"hello, world", &trailer("AAAAAA==")),
            Err(DigestError::ChecksumMismatch(ChecksumAlgorithm::Crc32))
        );
        assert_eq!(
            verify_body(&announced, b"hello, world", &[]),
            Err(DigestError::MissingTrailer("x-amz-checksum-crc32".into()))
        );
    }

    // http.md §6, §7: a hex x-amz-content-sha256 is the body's; the other values check nothing.
    #[test]
    fn hex_payload_hashes_are_verified() {
        let sha = "09ca7e4eaa6e8ae9c7d261167129184883644d07dfba7cbfbc4c8a2e08360d5b";
        let hex = headers(&[("x-amz-content-sha256", sha)]);
        assert_eq!(verify_body(&hex, b"hello, world", &[]), Ok(()));
        assert_eq!(
            verify_body(&hex, b"hello", &[]),
            Err(DigestError::ContentSha256Mismatch)
        );
        let unsigned = headers(&[("x-amz-content-sha256", "UNSIGNED-PAYLOAD")]);
        assert!(
            BodyChecks::from_headers(&unsigned)
                .expect("readable")
                .is_empty()
        );
    }

    // http.md §7: unknown algorithms and non-checksum x-amz-checksum-* headers are ignored.
    #[test]
    fn unknown_algorithms_are_ignored() {
        let other = headers(&[
            ("x-amz-checksum-md4", "whatever"),
            ("x-amz-checksum-mode", "ENABLED"),
            ("x-amz-checksum-type", "FULL_OBJECT"),
            ("x-amz-trailer", "x-amz-checksum-foo"),
        ]);
        assert!(
            BodyChecks::from_headers(&other)
                .expect("readable")
                .is_empty()
        );
    }

    // CT-1 (MODEL): oss x-oss-hash-crc64ecma on a request is the body's CRC-64/XZ.
    #[test]
    fn oss_crc64_is_verified() {
        let right = headers(&[("x-oss-hash-crc64ecma", "11051210869376104954")]);
        assert_eq!(verify_body(&right, b"123456789", &[]), Ok(()));
        assert_eq!(
            verify_body(&right, b"12345678", &[]),
            Err(DigestError::Crc64Mismatch)
        );
        assert_eq!(
            verify_body(&headers(&[("x-oss-hash-crc64ecma", "-1")]), b"", &[]),
            Err(DigestError::MalformedCrc64)
        );
    }
}
