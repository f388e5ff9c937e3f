//! Version IDs: the literal `null`, generated IDs, and IDs supplied by a caller.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

/// The longest version ID a request may name, in bytes (ID-6).
pub const MAX_VERSION_ID_LEN: usize = 1024;

/// A version ID: the literal `null`, or an opaque string.
///
/// # Syntax
///
/// - ID-6: a version ID is an opaque string, non-empty and at most 1024 bytes. Any string can
///   be carried so that a request naming a bad one reaches the bucket and gets the rule's
///   `InvalidArgument` 400; entries only ever hold valid IDs.
/// - `null` ([`VersionId::NULL`]) always means the key's null entry (ID-2, ID-3).
/// - IDs compare equal exactly when their strings are equal. Their [`Ord`] is a storage order
///   only: a chain is ordered by creation (ID-4), never by the spelling of its IDs.
///
/// The default generator prints 32 lowercase hex digits; such strings are stored in 16 bytes,
/// any other string as text.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VersionId(Repr);

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Repr {
    Null,
    /// 32 lowercase hex digits, kept as the 16 bytes they spell.
    Hex([u8; 16]),
    Text(Box<str>),
}

impl VersionId {
    /// The null version ID, `null`.
    pub const NULL: VersionId = VersionId(Repr::Null);

    /// Wraps a version ID string; `"null"` becomes [`VersionId::NULL`].
    pub fn new(id: impl Into<String>) -> Self {
        let id = id.into();
        if id == "null" {
            return VersionId::NULL;
        }
        match parse_lower_hex(&id) {
            Some(bytes) => VersionId(Repr::Hex(bytes)),
            None => VersionId(Repr::Text(id.into_boxed_str())),
        }
    }

    /// The version ID printed as 32 lowercase hex digits of `bytes`.
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        VersionId(Repr::Hex(bytes))
    }

    /// Whether this is the null version ID.
    pub const fn is_null(&self) -> bool {
        matches!(self.0, Repr::Null)
    }

    /// The length of the ID string in bytes.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Null => 4,
            Repr::Hex(_) => 32,
            Repr::Text(text) => text.len(),
        }
    }

    /// Whether the ID string is empty (which ID-6 rejects).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Checks ID-6: non-empty and at most [`MAX_VERSION_ID_LEN`] bytes.
    pub(crate) fn check_syntax(&self) -> Result<(), crate::ArgumentError> {
        if self.is_empty() {
            Err(crate::ArgumentError::EmptyVersionId)
        } else if self.len() > MAX_VERSION_ID_LEN {
            Err(crate::ArgumentError::VersionIdTooLong { size: self.len() })
        } else {
            Ok(())
        }
    }
}

fn parse_lower_hex(text: &str) -> Option<[u8; 16]> {
    let digits = text.as_bytes();
    if digits.len() != 32 {
        return None;
    }
    let mut bytes = [0u8; 16];
    for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = (lower_hex_value(pair[0])? << 4) | lower_hex_value(pair[1])?;
    }
    Some(bytes)
}

fn lower_hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        _ => None,
    }
}

impl fmt::Display for VersionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Null => f.write_str("null"),
            Repr::Hex(bytes) => bytes.iter().try_for_each(|byte| write!(f, "{byte:02x}")),
            Repr::Text(text) => f.write_str(text),
        }
    }
}

impl fmt::Debug for VersionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VersionId({self})")
    }
}

impl core::str::FromStr for VersionId {
    type Err = core::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(VersionId::new(s))
    }
}

impl From<&str> for VersionId {
    fn from(id: &str) -> Self {
        VersionId::new(id)
    }
}

impl From<String> for VersionId {
    fn from(id: String) -> Self {
        VersionId::new(id)
    }
}

impl From<&VersionId> for VersionId {
    fn from(id: &VersionId) -> Self {
        id.clone()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for VersionId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for VersionId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(VersionId::new)
    }
}

/// Where generated version IDs and upload IDs come from (ID-5, MPU-1).
///
/// The bucket draws from its source only when a command succeeds, so a rejected command
/// consumes nothing (ERR-2). If a source returns an ID that is `null`, empty, too long or
/// already used in the bucket, the bucket draws again, so a source cannot break ID-1.
pub trait IdSource {
    /// The next candidate for a fresh version ID.
    fn next_version_id(&mut self) -> VersionId;

    /// The next candidate for a fresh upload ID.
    fn next_upload_id(&mut self) -> crate::UploadId;
}

/// The default [`IdSource`]: UUIDs derived from a seed and a draw counter (ID-5).
///
/// Each draw hashes `(seed, counter)` with SplitMix64 into 128 bits, stamps them as a version-4
/// UUID and prints the UUID as 32 lowercase hex digits. Draws are independent of each other,
/// so IDs do not sort in creation order (ID-4), and the source's whole state is the seed and
/// the number of draws, which makes a bucket's future IDs reproducible.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SeededIds {
    seed: u64,
    draws: u64,
}

impl SeededIds {
    /// A source at the start of the sequence for `seed`.
    pub const fn new(seed: u64) -> Self {
        SeededIds { seed, draws: 0 }
    }

    /// The seed.
    pub const fn seed(&self) -> u64 {
        self.seed
    }

    /// How many IDs have been drawn so far.
    pub const fn draws(&self) -> u64 {
        self.draws
    }

    fn next_uuid(&mut self) -> uuid::Uuid {
        let base = self.seed ^ self.draws.wrapping_mul(0xD1B5_4A32_D192_ED03);
        self.draws = self.draws.wrapping_add(1);
        let high = splitmix64(base);
        let low = splitmix64(base ^ 0x9E37_79B9_7F4A_7C15);
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&high.to_be_bytes());
        bytes[8..].copy_from_slice(&low.to_be_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

impl IdSource for SeededIds {
    fn next_version_id(&mut self) -> VersionId {
        VersionId::from_bytes(self.next_uuid().into_bytes())
    }

    fn next_upload_id(&mut self) -> crate::UploadId {
        let mut text = String::with_capacity(32);
        for byte in self.next_uuid().into_bytes() {
            // Writing to a String cannot fail.
            let _ = fmt::Write::write_fmt(&mut text, format_args!("{byte:02X}"));
        }
        crate::UploadId::new(text)
    }
}

/// SplitMix64's output function: a bijective 64-bit mixer.
const fn splitmix64(value: u64) -> u64 {
    let mut z = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
