//! Opening a journal directory: taking its lock, and reading back the latest snapshot and the
//! records after it, with a torn tail cut away.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::Position;
use super::error::{Corruption, JournalError};
use super::files::{self, LOCK_FILE};
use crate::fsync;

/// What [`Journal::open`](super::Journal::open) found in the directory: the state to start from.
///
/// Replaying it gives the state at the last acknowledged record: first [`snapshot`]
/// (when there is one), then every one of [`records`] in order. Its fields are plain data, yours
/// to take apart.
///
/// [`snapshot`]: Self::snapshot
/// [`records`]: Self::records
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovered {
    /// The latest checkpoint's snapshot, if a checkpoint was ever taken.
    pub snapshot: Option<Snapshot>,
    /// The records appended after that snapshot (or since the journal was created), in order,
    /// positions consecutive.
    pub records: Vec<Record>,
    /// A write that a crash cut short, found at the end of the last segment and truncated away.
    /// None of its records had been acknowledged; it is reported so an operator sees that a
    /// crash happened.
    pub torn_tail: Option<TornTail>,
}

/// A checkpoint's snapshot, as given to [`Journal::checkpoint`](super::Journal::checkpoint).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// The position of the first record after the snapshot: it covers all records before.
    pub position: Position,
    /// The bytes given to the checkpoint.
    pub contents: Vec<u8>,
}

/// One record read back from the journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Where the record stands in the journal.
    pub position: Position,
    /// The text given to append.
    pub payload: String,
}

/// The torn end of the last segment that recovery removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TornTail {
    /// The segment file.
    pub segment: PathBuf,
    /// Its length now: where the torn bytes started.
    pub offset: u64,
    /// How many bytes were removed.
    pub dropped_bytes: u64,
}

/// An opened journal directory, ready for appending.
pub(super) struct Opened {
    pub(super) lock: File,
    pub(super) segment: File,
    pub(super) segment_path: PathBuf,
    pub(super) segment_first: Position,
    pub(super) next: Position,
    pub(super) recovered: Recovered,
}

/// Opens `dir` (creating it if needed), locks it and recovers its contents.
pub(super) fn open(dir: &Path) -> Result<Opened, JournalError> {
    let unusable = |path: &Path| {
        let path = path.to_path_buf();
        move |source| JournalError::Unusable { path, source }
    };
    if !dir.is_dir() {
        fs::create_dir_all(dir).map_err(unusable(dir))?;
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            fsync::sync_dir(parent).map_err(unusable(parent))?;
        }
    }
    let lock_path = dir.join(LOCK_FILE);
    let lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .map_err(unusable(&lock_path))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Err(JournalError::Locked { path: lock_path }),
        Err(TryLockError::Error(source)) => {
            return Err(JournalError::Unusable {
                path: lock_path,
                source,
            });
        }
    }

    let listing = files::list(dir).map_err(unusable(dir))?;
    for temporary in &listing.temporaries {
        fsync::remove_file_if_present(temporary).map_err(unusable(temporary))?;
    }

    let mut recovered = Recovered::default();
    let base = match listing.snapshots.last() {
        Some(&position) => {
            let path = dir.join(files::snapshot_name(position));
            let file = fs::read(&path).map_err(|source| JournalError::Io {
                path: path.clone(),
                action: "reading the snapshot",
                source,
            })?;
            let contents = files::decode_snapshot(&file, position)
                .map_err(|(offset, reason)| JournalError::Corrupt {
                    path,
                    offset,
                    reason,
                })?
                .to_vec();
            recovered.snapshot = Some(Snapshot { position, contents });
            position
        }
        None => Position(0),
    };

    let live: Vec<Position> = listing
        .segments
        .iter()
        .copied()
        .filter(|&first| first >= base)
        .collect();
    let mut next = base;
    for (index, &first) in live.iter().enumerate() {
        let path = dir.join(files::segment_name(first));
        if first != next {
            return Err(JournalError::Corrupt {
                path,
                offset: 0,
                reason: Corruption::Gap {
                    expected: next,
                    found: first,
                },
            });
        }
        let bytes = fs::read(&path).map_err(|source| JournalError::Io {
            path: path.clone(),
            action: "reading a segment",
            source,
        })?;
        let scan =
            files::scan_segment(&bytes).map_err(|(offset, reason)| JournalError::Corrupt {
                path: path.clone(),
                offset,
                reason,
            })?;
        for payload in scan.records {
            recovered.records.push(Record {
                position: next,
                payload,
            });
            next = next.next();
        }
        if let Some(offset) = scan.torn_at {
            if index + 1 != live.len() {
                return Err(JournalError::Corrupt {
                    path,
                    offset,
                    reason: Corruption::TornEarlierSegment,
                });
            }
            truncate(&path, offset)?;
            recovered.torn_tail = Some(TornTail {
                segment: path,
                offset,
                dropped_bytes: bytes.len() as u64 - offset,
            });
        }
    }

    let (segment_first, segment_path) = match live.last() {
        Some(&first) => (first, dir.join(files::segment_name(first))),
        None => {
            let path = dir.join(files::segment_name(base));
            File::create(&path).map_err(unusable(&path))?;
            (base, path)
        }
    };
    let segment = OpenOptions::new()
        .append(true)
        .open(&segment_path)
        .map_err(unusable(&segment_path))?;

    // What the latest snapshot covers is no longer needed.
    let stale_segments = listing.segments.iter().filter(|&&first| first < base);
    let stale_snapshots = listing
        .snapshots
        .iter()
        .filter(|&&position| position < base);
    for path in stale_segments
        .map(|&first| dir.join(files::segment_name(first)))
        .chain(stale_snapshots.map(|&position| dir.join(files::snapshot_name(position))))
    {
        fsync::remove_file_if_present(&path).map_err(unusable(&path))?;
    }
    fsync::sync_dir(dir).map_err(unusable(dir))?;

    Ok(Opened {
        lock,
        segment,
        segment_path,
        segment_first,
        next,
        recovered,
    })
}

/// Cuts the file at `path` to `len` bytes, durably.
fn truncate(path: &Path, len: u64) -> Result<(), JournalError> {
    let io = |source| JournalError::Io {
        path: path.to_path_buf(),
        action: "truncating a torn tail",
        source,
    };
    let file = OpenOptions::new().write(true).open(path).map_err(io)?;
    file.set_len(len).map_err(io)?;
    file.sync_all().map_err(io)
}
