//! Object content as the model keeps it: a fingerprint, never the bytes (CT-1), and ETags.

use alloc::string::String;
use core::fmt;

use md5::{Digest, Md5};

use crate::crc64;

/// The fingerprint of an object's bytes: length, CRC-64/XZ and, when known, MD5 (CT-1).
///
/// The model stores no object bytes. Build a fingerprint from bytes with
/// [`Content::from_bytes`], or give one directly with [`Content::from_fingerprint`] for a large
/// synthetic body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Content {
    len: u64,
    crc64: u64,
    md5: Option<[u8; 16]>,
}

impl Content {
    /// The empty body.
    pub const EMPTY: Content = Content {
        len: 0,
        crc64: 0,
        md5: Some([
            0xd4, 0x1d, 0x8c, 0xd9, 0x8f, 0x00, 0xb2, 0x04, 0xe9, 0x80, 0x09, 0x98, 0xec, 0xf8,
            0x42, 0x7e,
        ]),
    };

    /// The fingerprint of `bytes`: their length, CRC-64 and MD5.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Content {
            len: bytes.len() as u64,
            crc64: crc64::checksum(bytes),
            md5: Some(Md5::digest(bytes).into()),
        }
    }

    /// A fingerprint given directly, for a body too large to materialise.
    ///
    /// Without an MD5, a simple upload's ETag falls back to the form CT-5 gives appendables
    /// (MODEL), since CT-3 needs the digest.
    pub const fn from_fingerprint(len: u64, crc64: u64, md5: Option<[u8; 16]>) -> Self {
        Content { len, crc64, md5 }
    }

    /// The length in bytes.
    pub const fn len(&self) -> u64 {
        self.len
    }

    /// Whether the body is empty.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The CRC-64/XZ (`x-oss-hash-crc64ecma`).
    pub const fn crc64(&self) -> u64 {
        self.crc64
    }

    /// The MD5 digest, when known.
    pub const fn md5(&self) -> Option<[u8; 16]> {
        self.md5
    }

    /// The fingerprint of `self ‖ next` (CT-2): the CRC is combined without bytes; the MD5 of
    /// the whole is unknown. `None` if the length overflows.
    pub fn concat(&self, next: &Content) -> Option<Content> {
        Some(Content {
            len: self.len.checked_add(next.len)?,
            crc64: crc64::combine(self.crc64, next.crc64, next.len),
            md5: None,
        })
    }
}

/// An entity tag, printed without quotes (CT-3, CT-4, CT-5).
///
/// The ETags the model makes (32 hex digits, for a multipart object followed by `-` and the
/// part count) are kept inline, so an outcome costs no allocation for its ETag. ETags compare,
/// order and hash as their strings.
#[derive(Clone)]
pub struct ETag(Text);

/// The room for an ETag kept inline: 32 hex digits, `-` and a part count of up to 10 digits.
const INLINE: usize = 46;

/// The hex digits of the four bytes of `word`, most significant first: each nibble spread
/// into a byte of its own, then turned into its digit in all eight bytes at once.
/// `letter_offset` is what a digit above 9 adds past `'0' + value`: 7 for uppercase, 39 for
/// lowercase.
fn hex_word(word: u32, letter_offset: u64) -> [u8; 8] {
    let mut spread = u64::from(word);
    spread = (spread | (spread << 16)) & 0x0000_FFFF_0000_FFFF;
    spread = (spread | (spread << 8)) & 0x00FF_00FF_00FF_00FF;
    spread = (spread | (spread << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
    // 1 in each byte whose nibble is above 9 (adding 6 carries it into the high nibble).
    let letters = ((spread + 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101;
    (spread + 0x3030_3030_3030_3030 + letters * letter_offset).to_be_bytes()
}

#[derive(Clone)]
enum Text {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(String),
}

impl ETag {
    /// Wraps an ETag string (without quotes).
    pub fn new(etag: impl Into<String>) -> Self {
        ETag(Text::Heap(etag.into()))
    }

    /// The ETag as a string slice.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only ASCII is written inline (see `ETag::hex`).
            Text::Inline { len, bytes } => {
                core::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Text::Heap(text) => text,
        }
    }

    /// An inline ETag: the 32 hex digits of `bytes`, then `-` and `parts`.
    #[inline]
    fn hex(bytes: &[u8; 16], uppercase: bool, parts: Option<u32>) -> Self {
        let letter_offset = if uppercase { 7 } else { 39 };
        let mut text = [0u8; INLINE];
        for (digits, word) in text.chunks_exact_mut(8).zip(bytes.chunks_exact(4)) {
            let word = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
            digits.copy_from_slice(&hex_word(word, letter_offset));
        }
        let mut len = 32;
        if let Some(parts) = parts {
            text[len] = b'-';
            len += 1;
            let mut decimal = [0u8; 10];
            let (mut rest, mut count) = (parts, 0);
            loop {
                decimal[count] = b'0' + (rest % 10) as u8;
                count += 1;
                rest /= 10;
                if rest == 0 {
                    break;
                }
            }
            for digit in decimal[..count].iter().rev() {
                text[len] = *digit;
                len += 1;
            }
        }
        ETag(Text::Inline {
            // At most 32 + 1 + 10 bytes.
            len: len as u8,
            bytes: text,
        })
    }

    /// CT-3: the hex MD5 of a simple upload's body, uppercase or lowercase by dialect.
    pub(crate) fn of_digest(digest: &[u8; 16], uppercase: bool) -> Self {
        ETag::hex(digest, uppercase, None)
    }

    /// CT-5 (MODEL): an opaque, deterministic ETag from the CRC-64 and the length, as 32
    /// uppercase hex digits. Every non-empty append changes the length, hence the ETag.
    pub(crate) fn of_crc_and_len(content: &Content) -> Self {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&content.crc64.to_be_bytes());
        bytes[8..].copy_from_slice(&content.len.to_be_bytes());
        ETag::hex(&bytes, true, None)
    }

    /// CT-4: MD5 over the parts' binary MD5s, in hex, then `-N`.
    pub(crate) fn of_multipart(digest: &[u8; 16], parts: u32, uppercase: bool) -> Self {
        ETag::hex(digest, uppercase, Some(parts))
    }
}

impl PartialEq for ETag {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ETag {}

impl PartialOrd for ETag {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ETag {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl core::hash::Hash for ETag {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for ETag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ETag").field(&self.as_str()).finish()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ETag {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for ETag {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(ETag::new)
    }
}

impl From<ETag> for String {
    /// The ETag's text, e.g. for a condition (CND-4).
    fn from(etag: ETag) -> Self {
        String::from(etag.as_str())
    }
}

impl From<&ETag> for String {
    fn from(etag: &ETag) -> Self {
        String::from(etag.as_str())
    }
}

impl fmt::Display for ETag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rule: CT-1 — the empty body's constant agrees with hashing no bytes.
    #[test]
    fn empty_matches_from_bytes() {
        assert_eq!(Content::EMPTY, Content::from_bytes(b""));
        assert!(Content::EMPTY.is_empty());
        assert!(!Content::from_bytes(b"x").is_empty());
    }

    // ETags compare, order and print by their text.
    #[test]
    fn etags_order_and_print_by_text() {
        let low = ETag::of_digest(&[0x0A; 16], true);
        let high = ETag::of_digest(&[0xB0; 16], true);
        assert!(low < high);
        assert!(high >= low);
        assert_eq!(low.partial_cmp(&high), Some(core::cmp::Ordering::Less));
        assert_eq!(
            alloc::format!("{low:?}"),
            r#"ETag("0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A")"#
        );
    }

    // Rule: CT-3, CT-4 — every byte value prints as its two hex digits, in either case, in
    // order, before the part count.
    #[test]
    fn hex_digits_of_every_byte() {
        for first in (0..=255u8).step_by(3) {
            let bytes: [u8; 16] = core::array::from_fn(|at| first.wrapping_add(at as u8 * 17));
            let expected: String = bytes
                .iter()
                .map(|byte| alloc::format!("{byte:02x}"))
                .collect();
            assert_eq!(ETag::of_digest(&bytes, false).as_str(), expected);
            assert_eq!(
                ETag::of_digest(&bytes, true).as_str(),
                expected.to_uppercase()
            );
            assert_eq!(
                ETag::of_multipart(&bytes, 10_000, false).as_str(),
                alloc::format!("{expected}-10000")
            );
        }
    }

    // Rule: CT-3 — hex MD5, uppercase for oss and lowercase for s3.
    #[test]
    fn digest_etag_case() {
        let content = Content::from_bytes(b"v1");
        let md5 = content.md5().unwrap_or_default();
        assert_eq!(
            ETag::of_digest(&md5, true).as_str(),
            "6654C734CCAB8F440FF0825EB443DC7F"
        );
        assert_eq!(
            ETag::of_digest(&md5, false).as_str(),
            "6654c734ccab8f440ff0825eb443dc7f"
        );
    }
}
