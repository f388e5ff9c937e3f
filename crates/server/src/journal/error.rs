//! What can go wrong with a journal, as data.

use std::io;
use std::path::PathBuf;

use super::Position;

/// An error from opening, appending to or checkpointing a [`Journal`](super::Journal).
///
/// The variants separate what an operator must act on (an unusable or locked directory, corrupt
/// files) from what a caller did wrong (an invalid record) and from a failure of the disk while
/// running, after which the journal accepts nothing more ([`Poisoned`](Self::Poisoned)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JournalError {
    /// The directory cannot be created, opened, locked or written: a wrong path, a file in the
    /// way, no permission, a read-only file system.
    #[error("journal directory {path} is unusable: {source}")]
    Unusable {
        /// The directory or the file in it that could not be used.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// Another process (or another `Journal` in this one) holds the directory's lock file: two
    /// writers would interleave their records.
    #[error("journal directory {path} is locked by another process")]
    Locked {
        /// The lock file.
        path: PathBuf,
    },
    /// A file holds bytes that are not what the journal wrote, somewhere a crash cannot explain
    /// (not at the tail of the last segment). Recovery stops rather than skip acknowledged
    /// records.
    #[error("journal file {path} is corrupt at byte {offset}: {reason}")]
    Corrupt {
        /// The segment or snapshot file.
        path: PathBuf,
        /// Where in the file the bad bytes start.
        offset: u64,
        /// What is wrong there.
        reason: Corruption,
    },
    /// A read, write or sync failed while the journal was running.
    #[error("journal I/O failed on {path} while {action}: {source}")]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// What the journal was doing.
        action: &'static str,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// An earlier write or sync failed. After a failed `fsync` the kernel may have dropped the
    /// unwritten pages, so no later sync could prove that records are on disk: the journal
    /// refuses everything from then on, and the process should restart and recover.
    #[error("the journal failed earlier ({cause}) and accepts no more writes")]
    Poisoned {
        /// The first failure, as text.
        cause: String,
    },
    /// The record given to append cannot be framed.
    #[error("invalid journal record: {0}")]
    InvalidRecord(InvalidRecord),
}

/// Why bytes in a journal file are not what the journal wrote.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Corruption {
    /// A record's header (length, checksum field, separators) or terminator is malformed.
    #[error("malformed record frame")]
    BadFrame,
    /// A record's payload does not match its CRC-32C.
    #[error("record checksum mismatch")]
    ChecksumMismatch,
    /// A record's payload passed its checksum but is not UTF-8 (the journal never writes that).
    #[error("record payload is not UTF-8")]
    NotUtf8,
    /// A segment other than the last ends in an incomplete or invalid record; only the last
    /// segment can have been cut short by a crash.
    #[error("an earlier segment has a torn tail")]
    TornEarlierSegment,
    /// A snapshot file's header is malformed.
    #[error("malformed snapshot header")]
    SnapshotHeader,
    /// A snapshot file is shorter or longer than its header says.
    #[error("snapshot length differs from its header")]
    SnapshotLength,
    /// A snapshot's contents do not match their CRC-32C.
    #[error("snapshot checksum mismatch")]
    SnapshotChecksum,
    /// The segments do not continue one another: records between `expected` and `found` are
    /// missing.
    #[error("records {expected} to {found} are missing")]
    Gap {
        /// The position the next segment should start at.
        expected: Position,
        /// The position it starts at.
        found: Position,
    },
}

/// Why a record cannot be appended.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidRecord {
    /// A record is one line: a newline inside would end it early.
    #[error("the record contains a newline")]
    Newline,
    /// The record is longer than [`MAX_RECORD_LEN`](super::MAX_RECORD_LEN).
    #[error("the record is {len} bytes, more than the {max} allowed")]
    TooLong {
        /// The record's length in bytes.
        len: usize,
        /// The most allowed.
        max: usize,
    },
}
