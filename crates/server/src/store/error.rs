//! What can go wrong with a byte store, as data.

use std::io;
use std::path::PathBuf;

use super::fingerprint::Fingerprint;
use super::piece::PieceId;
use crate::journal::{JournalError, Position};

/// An error from a [`ByteStore`](super::ByteStore).
///
/// As for the journal: an unusable directory and corrupt files are for an operator; a range out
/// of bounds is the caller's; I/O failures while running are the disk's.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The store's directory (or one of its subdirectories) cannot be created or used.
    #[error("byte store directory {path} is unusable: {source}")]
    Unusable {
        /// The directory or file that could not be used.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// The rope log failed: its directory is locked or unusable, its files are corrupt, or a
    /// write failed.
    #[error("byte store rope log: {0}")]
    Log(#[from] JournalError),
    /// A read, write, rename or sync of a piece failed.
    #[error("byte store I/O failed on {path} while {action}: {source}")]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// What the store was doing.
        action: &'static str,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// A rope refers to a piece whose file is missing.
    #[error("piece {id} is missing ({path})")]
    MissingPiece {
        /// The piece.
        id: PieceId,
        /// Where its file should be.
        path: PathBuf,
    },
    /// A piece file's length differs from the length its ropes recorded.
    #[error("piece {id} is {found} bytes, not {expected}")]
    PieceLength {
        /// The piece.
        id: PieceId,
        /// The length recorded.
        expected: u64,
        /// The file's length.
        found: u64,
    },
    /// A piece's bytes no longer hash to its name (found by [`verify`](super::ByteStore::verify)).
    #[error("piece {id} does not match its SHA-256")]
    CorruptPiece {
        /// The piece.
        id: PieceId,
    },
    /// A line of the rope log (or its snapshot) does not define a rope.
    #[error("rope log entry {at} is invalid: {reason}")]
    CorruptCatalog {
        /// Where: the record's position, or `snapshot line N`.
        at: CatalogPlace,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A byte range does not lie within the body.
    #[error("range {first}..={last} is outside a body of {len} bytes")]
    RangeOutOfBounds {
        /// The first byte asked for.
        first: u64,
        /// The last byte asked for.
        last: u64,
        /// The body's length.
        len: u64,
    },
    /// A [`PieceWriter`](super::PieceWriter) whose write failed was used again: its
    /// temporary file is gone; start a new one.
    #[error("the piece writer failed earlier")]
    WriterFailed,
    /// The concatenation would be longer than `u64::MAX` bytes.
    #[error("a body of {0} plus more bytes is too long")]
    TooLong(Fingerprint),
    /// No rope has this fingerprint: the bytes of an object the model describes are gone (a
    /// restored snapshot that names bodies collected since).
    #[error("the object's bytes ({0}) are not in the store")]
    MissingBody(Fingerprint),
}

/// Where in the rope log a bad definition is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CatalogPlace {
    /// The `n`th line (from 1) of the snapshot.
    SnapshotLine(usize),
    /// The record at this position.
    Record(Position),
}

impl std::fmt::Display for CatalogPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CatalogPlace::SnapshotLine(line) => write!(f, "snapshot line {line}"),
            CatalogPlace::Record(position) => write!(f, "record {position}"),
        }
    }
}
