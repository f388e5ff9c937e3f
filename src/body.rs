//! Request bodies: what a write sends, in the forms the trace format knows.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use md5::{Digest, Md5};

use crate::content::Content;
use crate::crc64;
use crate::dialect::MAX_OBJECT_SIZE;

/// The body of a write request.
///
/// The trace format spells a body as a JSON string (its UTF-8 bytes), as
/// `{"repeat": S, "times": N}` (S, N times over) or as `{"concat": [BODY, …]}`. A
/// [`Content`] fingerprint can stand for a body too large to build; it has no trace form.
///
/// Turning a body into its [`Content`] never materialises it: a repeat's CRC is combined
/// (CT-2), and its MD5 is streamed only when the whole body is at most 5 GiB (beyond that
/// every command rejects the body by its length, so the MD5 is left unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum Body {
    /// The UTF-8 bytes of a string.
    Text(String),
    /// A string repeated.
    Repeat {
        /// The piece that repeats.
        repeat: String,
        /// How many times.
        times: u64,
    },
    /// Bodies one after another.
    Concat {
        /// The pieces, in order.
        concat: Vec<Body>,
    },
    /// A fingerprint given directly.
    #[cfg_attr(feature = "serde", serde(skip))]
    Fingerprint(Content),
}

/// A body whose length does not fit in 64 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the body's length overflows 64 bits")]
pub struct BodyTooLong;

impl Body {
    /// The body's length in bytes, or [`BodyTooLong`].
    pub fn len(&self) -> Result<u64, BodyTooLong> {
        match self {
            Body::Text(text) => Ok(text.len() as u64),
            Body::Repeat { repeat, times } => {
                (repeat.len() as u64).checked_mul(*times).ok_or(BodyTooLong)
            }
            Body::Concat { concat } => concat.iter().try_fold(0u64, |total, body| {
                total.checked_add(body.len()?).ok_or(BodyTooLong)
            }),
            Body::Fingerprint(content) => Ok(content.len()),
        }
    }

    /// Whether the body is empty (a body whose length overflows is not).
    pub fn is_empty(&self) -> bool {
        self.len() == Ok(0)
    }

    /// The body's fingerprint, computed without building the bytes.
    pub fn content(&self) -> Result<Content, BodyTooLong> {
        let len = self.len()?;
        let md5 = if len <= MAX_OBJECT_SIZE {
            self.md5()
        } else {
            None
        };
        Ok(Content::from_fingerprint(len, self.crc64(), md5))
    }

    /// The body's length and CRC-64 without its MD5, computed without building or hashing the
    /// bytes: what an append keeps of its data, since an appendable object's ETag comes from
    /// its CRC-64 and length (CT-5) and its MD5 is never reported.
    pub(crate) fn crc_content(&self) -> Result<Content, BodyTooLong> {
        Ok(Content::from_fingerprint(self.len()?, self.crc64(), None))
    }

    fn crc64(&self) -> u64 {
        match self {
            Body::Text(text) => crc64::checksum(text.as_bytes()),
            Body::Repeat { repeat, times } => crc64::repeat(
                crc64::checksum(repeat.as_bytes()),
                repeat.len() as u64,
                *times,
            ),
            Body::Concat { concat } => concat.iter().fold(0, |crc, body| {
                let len = body
                    .len()
                    .expect("the whole body's length was checked by `len` before this runs");
                crc64::combine(crc, body.crc64(), len)
            }),
            Body::Fingerprint(content) => content.crc64(),
        }
    }

    fn md5(&self) -> Option<[u8; 16]> {
        match self {
            Body::Text(text) => Some(Md5::digest(text.as_bytes()).into()),
            Body::Fingerprint(content) => content.md5(),
            Body::Repeat { .. } | Body::Concat { .. } => {
                let mut hasher = Md5::new();
                self.feed(&mut hasher).then(|| hasher.finalize().into())
            }
        }
    }

    /// Streams the bytes into `hasher`; false if a fingerprint piece's bytes are unknown.
    fn feed(&self, hasher: &mut Md5) -> bool {
        match self {
            Body::Text(text) => {
                hasher.update(text.as_bytes());
                true
            }
            Body::Repeat { repeat, times } => {
                if repeat.is_empty() {
                    return true;
                }
                // Feed in blocks of about 64 KiB so a one-byte piece repeated a billion times
                // costs a million updates, not a billion.
                let per_block = (65536 / repeat.len()).max(1) as u64;
                let block = repeat.repeat(per_block.min(*times) as usize);
                let mut left = *times;
                while left >= per_block {
                    hasher.update(block.as_bytes());
                    left -= per_block;
                }
                hasher.update(&block.as_bytes()[..repeat.len() * left as usize]);
                true
            }
            Body::Concat { concat } => concat.iter().all(|body| body.feed(hasher)),
            Body::Fingerprint(_) => false,
        }
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Self {
        Body::Text(text.into())
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body::Text(text)
    }
}

impl From<Content> for Body {
    fn from(content: Content) -> Self {
        Body::Fingerprint(content)
    }
}

impl From<Vec<Body>> for Body {
    fn from(concat: Vec<Body>) -> Self {
        Body::Concat { concat }
    }
}

impl From<Box<str>> for Body {
    fn from(text: Box<str>) -> Self {
        Body::Text(text.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    // Rule: CT-1 — every body form fingerprints like its bytes.
    #[test]
    fn forms_fingerprint_like_their_bytes() {
        let body = Body::Concat {
            concat: vec![
                Body::from("head-"),
                Body::Repeat {
                    repeat: "xyz".into(),
                    times: 30_000,
                },
                Body::Repeat {
                    repeat: "".into(),
                    times: 5,
                },
                Body::from("-tail"),
            ],
        };
        let bytes = alloc::format!("head-{}-tail", "xyz".repeat(30_000));
        assert_eq!(body.content(), Ok(Content::from_bytes(bytes.as_bytes())));
    }

    // Rule: CT-1 — a body is empty exactly when it has no bytes; an overflowing one is not.
    #[test]
    fn empty_bodies() {
        let empty = [
            Body::from(""),
            Body::Repeat {
                repeat: "abc".into(),
                times: 0,
            },
            Body::Concat { concat: vec![] },
            Body::Fingerprint(Content::EMPTY),
        ];
        for body in &empty {
            assert!(body.is_empty(), "{body:?}");
        }
        let not_empty = [
            Body::from("x"),
            Body::Repeat {
                repeat: "ab".into(),
                times: u64::MAX,
            },
        ];
        for body in &not_empty {
            assert!(!body.is_empty(), "{body:?}");
        }
    }

    // Rule: ERR-3 — an overflowing length is an error, not a panic.
    #[test]
    fn overflowing_length_is_an_error() {
        let body = Body::Repeat {
            repeat: "ab".into(),
            times: u64::MAX,
        };
        assert_eq!(body.content(), Err(BodyTooLong));
        let huge = Body::Repeat {
            repeat: "a".into(),
            times: u64::MAX,
        };
        let body = Body::Concat {
            concat: vec![huge.clone(), huge],
        };
        assert_eq!(body.len(), Err(BodyTooLong));
    }

    // Rule: CT-1 — a body over 5 GiB gets its length and CRC but no MD5 (it is never hashed).
    #[test]
    fn oversized_repeat_is_not_hashed() {
        let body = Body::Repeat {
            repeat: "a".into(),
            times: MAX_OBJECT_SIZE + 1,
        };
        let content = body.content().unwrap_or_default();
        assert_eq!(content.len(), MAX_OBJECT_SIZE + 1);
        assert_eq!(content.md5(), None);
    }
}
