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
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

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
            Repr::Hex(bytes) => {
                let mut text = [0u8; 32];
                for (pair, byte) in text.chunks_exact_mut(2).zip(bytes) {
                    pair[0] = HEX_DIGITS[usize::from(byte >> 4)];
                    pair[1] = HEX_DIGITS[usize::from(byte & 0x0F)];
                }
                // Hex digits are ASCII.
                f.write_str(core::str::from_utf8(&text).unwrap_or_default())
            }
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
/// A generated version ID is a function of the new entry's bucket-wide sequence number
/// (ID-4): [`version_id`](IdSource::version_id) must give the same ID whenever it is asked for
/// the same sequence number. A source that can also invert it,
/// [`sequence_of`](IdSource::sequence_of), lets the bucket keep no record of the IDs it
/// generates: a generated ID named by a request is decoded back to its sequence number. A
/// source that cannot (the default of `sequence_of`) works too; the bucket then keeps an index
/// of the IDs it generated, as it does for IDs a caller supplies.
///
/// The bucket asks its source only when a command succeeds, so a rejected command consumes
/// nothing (ERR-2). If the ID a source gives is `null`, malformed or already used in the
/// bucket, the bucket gives the entry `seq-{sequence}-{attempt}` instead (the first such
/// string not used), so a source cannot break ID-1.
pub trait IdSource {
    /// The fresh version ID of the entry with bucket-wide sequence number `sequence`.
    fn version_id(&self, sequence: u64) -> VersionId;

    /// The sequence number whose version ID is `id`, if `id` is one this source gives: the
    /// inverse of [`version_id`](IdSource::version_id). The default knows none.
    fn sequence_of(&self, id: &VersionId) -> Option<u64> {
        let _ = id;
        None
    }

    /// The fresh version ID of `sequence`, and whether
    /// [`sequence_of`](IdSource::sequence_of) gives `sequence` back for it. The default asks
    /// `sequence_of`; a source whose IDs always decode to their own sequence number can say so
    /// without decoding (the bucket asks on every write that draws an ID).
    fn version_id_decoding(&self, sequence: u64) -> (VersionId, bool) {
        let id = self.version_id(sequence);
        let decodes = self.sequence_of(&id) == Some(sequence);
        (id, decodes)
    }

    /// The next candidate for a fresh upload ID.
    fn next_upload_id(&mut self) -> crate::UploadId;
}

/// The default [`IdSource`]: UUIDs derived from a seed (ID-5).
///
/// - **Version IDs** are an invertible function of the seed and the entry's sequence number:
///   the sequence number (64 bits) and a 58-bit tag derived from the seed go through a keyed
///   four-round Feistel permutation of 122 bits (round keys from the seed), whose output fills
///   the 122 free bits of a version-4 UUID, printed as 32 lowercase hex digits. Distinct
///   sequence numbers give distinct IDs, so generated IDs are unique by construction (ID-1);
///   neighbouring sequence numbers give unrelated IDs, so IDs do not sort in creation order
///   (ID-4); and an ID decodes back to its sequence number (checking the UUID stamp and the
///   seed's tag), so the bucket needs no index of the IDs it generated.
/// - **Upload IDs** hash `(seed, counter)` with SplitMix64 into a version-4 UUID, printed as
///   32 uppercase hex digits; `draws` counts them.
///
/// The source's whole state is the seed and the number of upload IDs drawn, which makes a
/// bucket's future IDs reproducible.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SeededIds {
    seed: u64,
    draws: u64,
}

/// The rounds of the version-ID permutation.
const ROUNDS: usize = 4;
const MASK_58: u64 = (1 << 58) - 1;
const MASK_61: u64 = (1 << 61) - 1;
const MASK_62: u128 = (1 << 62) - 1;

impl SeededIds {
    /// A source at the start of the sequence for `seed`.
    pub const fn new(seed: u64) -> Self {
        SeededIds { seed, draws: 0 }
    }

    /// The seed.
    pub const fn seed(&self) -> u64 {
        self.seed
    }

    /// How many upload IDs have been drawn so far.
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

    /// The seed's key material: the tag (the low 58 bits of every version ID's plaintext)
    /// and the base of the round keys.
    const fn key(&self) -> (u64, u64) {
        let tag = splitmix64(self.seed ^ 0x5851_F42D_4C95_7F2D) & MASK_58;
        let base = splitmix64(self.seed ^ 0xA076_1D64_78BD_642F);
        (tag, base)
    }
}

/// Feistel round `round` under the key base `base`: a 61-bit half mixed with the round key.
const fn feistel(half: u64, base: u64, round: usize) -> u64 {
    let key = base.wrapping_add((round as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    splitmix64(half ^ key) & MASK_61
}

/// The 122 free bits of a version-4 UUID (RFC 9562: bits 76..80 hold the version, bits 62..64
/// the variant), read from or written into its 128 bits.
const fn uuid_payload(uuid: u128) -> Option<u128> {
    let version = (uuid >> 76) & 0xF;
    let variant = (uuid >> 62) & 0b11;
    if version != 4 || variant != 0b10 {
        return None;
    }
    let high = ((uuid >> 80) << 12) | ((uuid >> 64) & 0xFFF);
    Some((high << 62) | (uuid & MASK_62))
}

const fn uuid_of_payload(payload: u128) -> u128 {
    let high = payload >> 62;
    ((high >> 12) << 80) | (4 << 76) | ((high & 0xFFF) << 64) | (0b10 << 62) | (payload & MASK_62)
}

impl IdSource for SeededIds {
    fn version_id(&self, sequence: u64) -> VersionId {
        let (tag, base) = self.key();
        let plain = ((sequence as u128) << 58) | tag as u128;
        let (mut left, mut right) = ((plain >> 61) as u64, (plain as u64) & MASK_61);
        for round in 0..ROUNDS {
            (left, right) = (right, left ^ feistel(right, base, round));
        }
        let payload = ((left as u128) << 61) | right as u128;
        VersionId::from_bytes(uuid_of_payload(payload).to_be_bytes())
    }

    fn sequence_of(&self, id: &VersionId) -> Option<u64> {
        let Repr::Hex(bytes) = &id.0 else {
            return None;
        };
        let payload = uuid_payload(u128::from_be_bytes(*bytes))?;
        let (tag, base) = self.key();
        let (mut left, mut right) = ((payload >> 61) as u64, (payload as u64) & MASK_61);
        for round in (0..ROUNDS).rev() {
            (left, right) = (right ^ feistel(left, base, round), left);
        }
        let plain = ((left as u128) << 61) | right as u128;
        ((plain as u64) & MASK_58 == tag).then_some((plain >> 58) as u64)
    }

    /// Every ID this source gives decodes to its sequence number: the permutation is a
    /// bijection, its output a version-4 UUID, and its plaintext carries the seed's tag.
    fn version_id_decoding(&self, sequence: u64) -> (VersionId, bool) {
        (self.version_id(sequence), true)
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

#[cfg(test)]
mod tests {
    use super::*;

    // Rule: ID-5 — the source's whole state is its seed and the number of upload IDs drawn.
    #[test]
    fn state_is_the_seed_and_the_draws() {
        let mut ids = SeededIds::new(42);
        assert_eq!((ids.seed(), ids.draws()), (42, 0));
        ids.next_upload_id();
        ids.next_upload_id();
        assert_eq!((ids.seed(), ids.draws()), (42, 2));
    }

    // A version ID's Debug form shows its text.
    #[test]
    fn debug_shows_the_text() {
        assert_eq!(alloc::format!("{:?}", VersionId::NULL), "VersionId(null)");
        assert_eq!(
            alloc::format!("{:?}", VersionId::new("v1")),
            "VersionId(v1)"
        );
    }

    // Rule: ID-5 — a generated ID decodes to its sequence number, under its own seed only.
    #[test]
    fn version_ids_decode_to_their_sequence() {
        let ids = SeededIds::new(42);
        let other = SeededIds::new(43);
        for sequence in [0, 1, 2, 1000, u64::MAX >> 1, u64::MAX] {
            let id = ids.version_id(sequence);
            assert_eq!(id.len(), 32);
            assert_eq!(ids.sequence_of(&id), Some(sequence));
            assert_eq!(other.sequence_of(&id), None);
            let printed = alloc::format!("{id}");
            assert_eq!(printed.as_bytes()[12], b'4', "a version-4 UUID: {printed}");
            assert!(matches!(printed.as_bytes()[16], b'8' | b'9' | b'a' | b'b'));
        }
        for sequence in [0, 1, 2, 1000, 123_456_789, u64::MAX >> 1, u64::MAX] {
            // The shortcut says what decoding says.
            let id = ids.version_id(sequence);
            let decodes = ids.sequence_of(&id) == Some(sequence);
            assert_eq!(ids.version_id_decoding(sequence), (id, decodes));
            assert!(decodes);
        }
        assert_eq!(ids.sequence_of(&VersionId::NULL), None);
        assert_eq!(ids.sequence_of(&VersionId::new("v1")), None);
        let zeros = VersionId::from_bytes([0; 16]);
        assert_eq!(ids.sequence_of(&zeros), None);
        // Not a version-4 UUID any more (version 5, or variant bits 11): not decoded.
        let printed = alloc::format!("{}", ids.version_id(7));
        for (at, digit) in [(12, "5"), (16, "c")] {
            let mut tweaked = printed.clone();
            tweaked.replace_range(at..=at, digit);
            assert_eq!(ids.sequence_of(&VersionId::new(tweaked.as_str())), None);
        }
    }

    // Rule: ID-5, INV-9 — a seed's IDs are fixed: a trace recorded with this crate replays
    // with the same version and upload IDs. (Pinned values; they change only with a
    // deliberate change of the ID scheme, like the recorded docs examples.)
    #[test]
    fn a_seeds_ids_are_stable() {
        let mut ids = SeededIds::new(42);
        let versions: alloc::vec::Vec<String> = (0..2)
            .map(|sequence| alloc::format!("{}", ids.version_id(sequence)))
            .collect();
        let uploads: alloc::vec::Vec<String> = (0..2)
            .map(|_| alloc::format!("{}", ids.next_upload_id()))
            .collect();
        assert_eq!(
            versions,
            [
                "f0ee5fdc0ac94a54987c9d039e5b28b1",
                "4a7b79b428e44fdf990355d116038d11"
            ]
        );
        assert_eq!(
            uploads,
            [
                "BDD732262FEB4E95A8EFE333B266F103",
                "C8DDBBBEAB9C4A1BBB5F160C2FFEFD3B"
            ]
        );
    }

    // Rule: ID-4 — consecutive generated IDs are not in creation order.
    #[test]
    fn version_ids_do_not_sort_in_creation_order() {
        let ids = SeededIds::new(0);
        let generated: alloc::vec::Vec<VersionId> = (0..64).map(|n| ids.version_id(n)).collect();
        let ascending = generated
            .windows(2)
            .filter(|pair| pair[0] < pair[1])
            .count();
        assert!(
            (16..=48).contains(&ascending),
            "{ascending} of 63 pairs ascend"
        );
    }
}
