//! What identifies an object's content to the model, and the digests the server reports.

use std::fmt;

use crc::{CRC_64_XZ, Crc, Table};
use md5::{Digest as _, Md5};

/// The CRC-64/XZ the model fingerprints content with (the `x-oss-hash-crc64ecma` checksum).
///
/// Slice-by-16 tables (32 KiB): every stored byte passes through this, and the crate's
/// default byte-at-a-time table is the slowest of the three digests taken while storing.
static CRC64: Crc<u64, Table<16>> = Crc::<u64, Table<16>>::new(&CRC_64_XZ);

/// The key the store indexes object bodies by: the length and CRC-64/XZ of the bytes, the part
/// of the model's `Content` fingerprint that every content has (its MD5 is unknown for appended
/// and multipart objects).
///
/// "The bytes of the object whose model fingerprint is (len, crc)" is one lookup,
/// [`ByteStore::get`](super::ByteStore::get). Two different byte strings with the same key
/// (a CRC-64 collision, which takes a deliberate effort) are the same content to the model, and
/// to the index: it keeps the rope it was given first, and a later body with the same key gets
/// that rope back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fingerprint {
    len: u64,
    crc64: u64,
}

impl Fingerprint {
    /// The empty body's fingerprint: length 0, CRC 0.
    pub const EMPTY: Fingerprint = Fingerprint { len: 0, crc64: 0 };

    /// The fingerprint with the given length and CRC-64/XZ, as the model reports them.
    pub const fn new(len: u64, crc64: u64) -> Self {
        Fingerprint { len, crc64 }
    }

    /// The fingerprint of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Fingerprint {
            len: bytes.len() as u64,
            crc64: CRC64.checksum(bytes),
        }
    }

    /// The length in bytes.
    pub const fn len(self) -> u64 {
        self.len
    }

    /// Whether this is the empty body's fingerprint.
    pub const fn is_empty(self) -> bool {
        self.len == 0
    }

    /// The CRC-64/XZ.
    pub const fn crc64(self) -> u64 {
        self.crc64
    }

    /// The fingerprint of `self ‖ next`, without the bytes (the model's CT-2); `None` if the
    /// length overflows.
    pub fn concat(self, next: Fingerprint) -> Option<Fingerprint> {
        Some(Fingerprint {
            len: self.len.checked_add(next.len)?,
            crc64: bucket_versioning::crc64::combine(self.crc64, next.crc64, next.len),
        })
    }
}

impl fmt::Display for Fingerprint {
    /// `LEN/CRC`, both decimal (the CRC as the `x-oss-hash-crc64ecma` header prints it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.len, self.crc64)
    }
}

/// The digests of bytes the store has just taken in (a new piece) or read (a copied range):
/// what the server needs for the model's `Content` and for the ETag, computed in the one pass
/// over the bytes that storing them takes anyway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Digests {
    fingerprint: Fingerprint,
    md5: [u8; 16],
}

impl Digests {
    /// The digests of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        let mut hasher = Hasher::new();
        hasher.update(bytes);
        hasher.finish()
    }

    /// The length and CRC-64/XZ.
    pub const fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// The length in bytes.
    pub const fn len(&self) -> u64 {
        self.fingerprint.len
    }

    /// Whether the bytes were empty.
    pub const fn is_empty(&self) -> bool {
        self.fingerprint.len == 0
    }

    /// The CRC-64/XZ.
    pub const fn crc64(&self) -> u64 {
        self.fingerprint.crc64
    }

    /// The MD5 digest (the ETag of a simple upload or a part).
    pub const fn md5(&self) -> [u8; 16] {
        self.md5
    }
}

/// Computes [`Digests`] over bytes given in chunks.
pub(crate) struct Hasher {
    len: u64,
    crc64: crc::Digest<'static, u64, Table<16>>,
    md5: Md5,
}

impl Hasher {
    pub(crate) fn new() -> Self {
        Hasher {
            len: 0,
            crc64: CRC64.digest(),
            md5: Md5::new(),
        }
    }

    pub(crate) fn update(&mut self, chunk: &[u8]) {
        self.len += chunk.len() as u64;
        self.crc64.update(chunk);
        self.md5.update(chunk);
    }

    pub(crate) fn finish(self) -> Digests {
        Digests {
            fingerprint: Fingerprint {
                len: self.len,
                crc64: self.crc64.finalize(),
            },
            md5: self.md5.finalize().into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_match_the_model() {
        for bytes in [&b""[..], b"123456789", &[0xA5; 10_000]] {
            let content = bucket_versioning::Content::from_bytes(bytes);
            let digests = Digests::of(bytes);
            assert_eq!(
                digests.fingerprint(),
                Fingerprint::new(content.len(), content.crc64())
            );
            assert_eq!(Some(digests.md5()), content.md5());
        }
        assert_eq!(Fingerprint::of(b""), Fingerprint::EMPTY);
        assert_eq!(Fingerprint::of(b"123456789").crc64(), 0x995D_C9BB_DF19_39FA);
    }

    #[test]
    fn chunked_hashing_equals_one_pass() {
        let bytes: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        for chunk in [1, 7, 64, 4096, 5000] {
            let mut hasher = Hasher::new();
            for piece in bytes.chunks(chunk) {
                hasher.update(piece);
            }
            assert_eq!(hasher.finish(), Digests::of(&bytes), "chunk {chunk}");
        }
    }

    #[test]
    fn concatenated_fingerprints_equal_the_fingerprint_of_the_concatenation() {
        let (a, b) = (&b"hello "[..], &b"world"[..]);
        assert_eq!(
            Fingerprint::of(a).concat(Fingerprint::of(b)),
            Some(Fingerprint::of(b"hello world"))
        );
        assert_eq!(
            Fingerprint::new(u64::MAX, 0).concat(Fingerprint::new(1, 0)),
            None
        );
        assert_eq!(Fingerprint::new(3, 5).to_string(), "3/5");
    }
}
