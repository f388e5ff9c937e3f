//! Pieces: immutable byte strings, each stored once and named by its SHA-256.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bytes::Bytes;
use sha2::{Digest as _, Sha256};

use super::fingerprint::Digests;

/// The name of a piece: the SHA-256 of its bytes.
///
/// A strong hash makes the name a safe identity: equal names mean equal bytes, so a body
/// uploaded twice is stored once, and a piece file can be checked against its name.
/// Displayed (and parsed) as 64 lower-case hex digits, which is also the piece's file name.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PieceId([u8; 32]);

impl PieceId {
    /// The name of a piece holding `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        PieceId(Sha256::digest(bytes).into())
    }

    /// The SHA-256 digest.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The name from a finished SHA-256 computation.
    pub(crate) fn from_digest(digest: [u8; 32]) -> Self {
        PieceId(digest)
    }
}

impl fmt::Display for PieceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

impl fmt::Debug for PieceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PieceId({self})")
    }
}

impl FromStr for PieceId {
    type Err = ParsePieceIdError;

    /// Parses exactly 64 lower-case hex digits, the form [`Display`](fmt::Display) writes.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return Err(ParsePieceIdError);
        }
        let mut digest = [0u8; 32];
        for (byte, pair) in digest.iter_mut().zip(bytes.chunks_exact(2)) {
            *byte = (hex_value(pair[0])? << 4) | hex_value(pair[1])?;
        }
        Ok(PieceId(digest))
    }
}

fn hex_value(digit: u8) -> Result<u8, ParsePieceIdError> {
    match digit {
        b'0'..=b'9' => Ok(digit - b'0'),
        b'a'..=b'f' => Ok(digit - b'a' + 10),
        _ => Err(ParsePieceIdError),
    }
}

/// A piece name that is not 64 lower-case hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a piece ID is 64 lower-case hex digits")]
pub struct ParsePieceIdError;

/// A handle on a stored piece. Cloning it is cheap; while any clone is alive (in a rope, a
/// reader, a [`NewPiece`]) the store's garbage collection keeps the piece.
#[derive(Clone, Debug)]
pub(crate) struct Piece(Arc<PieceInner>);

#[derive(Debug)]
struct PieceInner {
    id: PieceId,
    len: u64,
    data: PieceData,
}

/// Where a piece's bytes are.
#[derive(Debug)]
pub(crate) enum PieceData {
    /// In memory (the default store).
    Memory(Bytes),
    /// In a file of a data directory.
    Disk {
        path: PathBuf,
        /// Whether the directory entry naming the file is known to be synced. Set by the
        /// writer that renamed the file into place once its directory sync returns; until then
        /// another writer of the same bytes syncs the directory itself before relying on it.
        durable: AtomicBool,
    },
}

impl Piece {
    /// A piece held in memory.
    pub(crate) fn in_memory(id: PieceId, bytes: Bytes) -> Self {
        Piece(Arc::new(PieceInner {
            id,
            len: bytes.len() as u64,
            data: PieceData::Memory(bytes),
        }))
    }

    /// A piece in the file at `path`, its directory entry synced or not.
    pub(crate) fn on_disk(id: PieceId, len: u64, path: PathBuf, durable: bool) -> Self {
        Piece(Arc::new(PieceInner {
            id,
            len,
            data: PieceData::Disk {
                path,
                durable: AtomicBool::new(durable),
            },
        }))
    }

    pub(crate) fn id(&self) -> PieceId {
        self.0.id
    }

    pub(crate) fn len(&self) -> u64 {
        self.0.len
    }

    pub(crate) fn data(&self) -> &PieceData {
        &self.0.data
    }

    /// Whether this handle is the only one: the store's table holds it and nothing else does,
    /// so no rope, reader or writer can reach the piece any more.
    ///
    /// Only meaningful while holding the store's lock, through which alone a new handle can be
    /// made from the table's.
    pub(crate) fn is_unreferenced(&self) -> bool {
        Arc::strong_count(&self.0) == 1
    }

    /// Whether the piece's directory entry is known to be synced (always for memory).
    pub(crate) fn is_durable(&self) -> bool {
        match &self.0.data {
            PieceData::Memory(_) => true,
            PieceData::Disk { durable, .. } => durable.load(Ordering::Acquire),
        }
    }

    /// Records that the piece's directory entry is synced.
    pub(crate) fn mark_durable(&self) {
        if let PieceData::Disk { durable, .. } = &self.0.data {
            durable.store(true, Ordering::Release);
        }
    }
}

/// A piece that a [`PieceWriter`](super::PieceWriter) has just stored, with the digests of its
/// bytes.
///
/// It is durable (on disk, synced) when the store has a data directory. It belongs to no object
/// yet: make it one with [`ByteStore::rope_from_piece`](super::ByteStore::rope_from_piece)
/// (a put, a part) or [`ByteStore::append`](super::ByteStore::append) (an append). Holding it
/// keeps the piece from garbage collection; dropping it unused leaves the piece to the next
/// collection.
#[derive(Clone, Debug)]
pub struct NewPiece {
    pub(crate) piece: Piece,
    pub(crate) digests: Digests,
}

impl NewPiece {
    /// The piece's name.
    pub fn id(&self) -> PieceId {
        self.piece.id()
    }

    /// The length, CRC-64 and MD5 of its bytes: the model's content fingerprint and the ETag.
    pub fn digests(&self) -> Digests {
        self.digests
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piece_id_is_the_sha256_in_hex_and_parses_back() {
        let id = PieceId::of(b"abc");
        assert_eq!(
            id.to_string(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(id.to_string().parse(), Ok(id));
        assert_eq!(format!("{id:?}"), format!("PieceId({id})"));
        for bad in [
            "",
            "ba7816bf",
            "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adx",
            "ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ] {
            assert_eq!(bad.parse::<PieceId>(), Err(ParsePieceIdError), "{bad:?}");
        }
    }

    #[test]
    fn the_only_handle_is_unreferenced_until_cloned() {
        let piece = Piece::in_memory(PieceId::of(b"x"), Bytes::from_static(b"x"));
        assert!(piece.is_unreferenced());
        let clone = piece.clone();
        assert!(!piece.is_unreferenced());
        drop(clone);
        assert!(piece.is_unreferenced());
    }
}
