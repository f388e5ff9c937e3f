//! The files of a journal directory: their names, the snapshot file's format, and reading a
//! segment back record by record.
//!
//! ```text
//! DIR/LOCK                               advisory lock, held while a Journal is open
//! DIR/segment-00000000000000000000.log   records from position 0 on
//! DIR/snapshot-00000000000000000042.snap state after records 0..42
//! DIR/segment-00000000000000000042.log   records from position 42 on
//! DIR/*.tmp                              a write cut short by a crash; removed on open
//! ```
//!
//! Positions in names are zero-padded so that names sort in position order.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::Position;
use super::error::Corruption;
use super::frame::{self, Frame};

/// The lock file's name.
pub(crate) const LOCK_FILE: &str = "LOCK";

const SEGMENT_PREFIX: &str = "segment-";
const SEGMENT_SUFFIX: &str = ".log";
const SNAPSHOT_PREFIX: &str = "snapshot-";
const SNAPSHOT_SUFFIX: &str = ".snap";
const TEMP_SUFFIX: &str = ".tmp";
const SNAPSHOT_MAGIC: &str = "bucket-versioning-snapshot 1";

/// The name of the segment whose first record has position `first`.
pub(crate) fn segment_name(first: Position) -> String {
    format!("{SEGMENT_PREFIX}{:020}{SEGMENT_SUFFIX}", first.0)
}

/// The name of the snapshot that covers the records before `position`.
pub(crate) fn snapshot_name(position: Position) -> String {
    format!("{SNAPSHOT_PREFIX}{:020}{SNAPSHOT_SUFFIX}", position.0)
}

/// The journal's files found in a directory, each list in position order.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// The first positions of the segment files.
    pub(crate) segments: Vec<Position>,
    /// The positions of the snapshot files.
    pub(crate) snapshots: Vec<Position>,
    /// Temporary files left by an interrupted write.
    pub(crate) temporaries: Vec<PathBuf>,
}

/// Lists the journal's files in `dir`; other files are left alone and not reported.
pub(crate) fn list(dir: &Path) -> io::Result<Listing> {
    let mut listing = Listing::default();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.ends_with(TEMP_SUFFIX) {
            listing.temporaries.push(entry.path());
        } else if let Some(first) = numbered(name, SEGMENT_PREFIX, SEGMENT_SUFFIX) {
            listing.segments.push(first);
        } else if let Some(position) = numbered(name, SNAPSHOT_PREFIX, SNAPSHOT_SUFFIX) {
            listing.snapshots.push(position);
        }
    }
    listing.segments.sort_unstable();
    listing.snapshots.sort_unstable();
    Ok(listing)
}

/// The position in a name `PREFIX{20 digits}SUFFIX`, if it is one.
fn numbered(name: &str, prefix: &str, suffix: &str) -> Option<Position> {
    let digits = name.strip_prefix(prefix)?.strip_suffix(suffix)?;
    if digits.len() != 20 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(Position)
}

/// The bytes of a snapshot file: a header line naming the position, the length and the CRC-32C
/// of the contents, then the contents.
pub(crate) fn encode_snapshot(position: Position, contents: &[u8]) -> Vec<u8> {
    let mut file = format!(
        "{SNAPSHOT_MAGIC} {} {} {:08x}\n",
        position.0,
        contents.len(),
        frame::checksum(contents)
    )
    .into_bytes();
    file.extend_from_slice(contents);
    file
}

/// The contents of a snapshot file, checked against its header and its name's position.
pub(crate) fn decode_snapshot(file: &[u8], position: Position) -> Result<&[u8], (u64, Corruption)> {
    let header_end = file
        .iter()
        .position(|&b| b == b'\n')
        .ok_or((0, Corruption::SnapshotHeader))?;
    let header =
        std::str::from_utf8(&file[..header_end]).map_err(|_| (0, Corruption::SnapshotHeader))?;
    let fields = header
        .strip_prefix(SNAPSHOT_MAGIC)
        .and_then(|rest| rest.strip_prefix(' '))
        .ok_or((0, Corruption::SnapshotHeader))?;
    let mut fields = fields.split(' ');
    let (Some(named), Some(len), Some(crc), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return Err((0, Corruption::SnapshotHeader));
    };
    let named: u64 = named.parse().map_err(|_| (0, Corruption::SnapshotHeader))?;
    let len: usize = len.parse().map_err(|_| (0, Corruption::SnapshotHeader))?;
    let crc = u32::from_str_radix(crc, 16).map_err(|_| (0, Corruption::SnapshotHeader))?;
    if named != position.0 {
        return Err((0, Corruption::SnapshotHeader));
    }
    let contents = &file[header_end + 1..];
    if contents.len() != len {
        return Err((header_end as u64 + 1, Corruption::SnapshotLength));
    }
    if frame::checksum(contents) != crc {
        return Err((header_end as u64 + 1, Corruption::SnapshotChecksum));
    }
    Ok(contents)
}

/// A segment read back: its valid records, and where a torn tail starts if it has one.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Scan {
    /// The payloads of the valid records, in order.
    pub(crate) records: Vec<String>,
    /// The offset at which the first invalid or incomplete record starts, when nothing valid
    /// follows it: the bytes from there on are a write that a crash cut short.
    pub(crate) torn_at: Option<u64>,
}

/// Reads the records of a segment's bytes.
///
/// A bad record (invalid or incomplete) ends the segment's valid part. If no valid record
/// starts at any line boundary after it, the rest is a torn tail: a crash cut the last write
/// short, and none of it was acknowledged, since an append returns only after its sync. If a
/// valid record does follow, the bad bytes sit among records that were written (and synced)
/// after them: that is corruption, reported as the error `(offset, reason)`.
pub(crate) fn scan_segment(bytes: &[u8]) -> Result<Scan, (u64, Corruption)> {
    let mut records = Vec::new();
    let mut offset = 0usize;
    while offset < bytes.len() {
        match frame::decode(&bytes[offset..]) {
            Frame::Record { payload, frame_len } => {
                records.push(payload.to_owned());
                offset += frame_len;
            }
            bad => {
                let reason = match bad {
                    Frame::Invalid(reason) => reason,
                    _ => Corruption::BadFrame,
                };
                if valid_record_after(&bytes[offset..]) {
                    return Err((offset as u64, reason));
                }
                return Ok(Scan {
                    records,
                    torn_at: Some(offset as u64),
                });
            }
        }
    }
    Ok(Scan {
        records,
        torn_at: None,
    })
}

/// Whether a valid record starts right after any newline in `bytes`.
fn valid_record_after(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .any(|(at, _)| matches!(frame::decode(&bytes[at + 1..]), Frame::Record { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(payloads: &[&str]) -> Vec<u8> {
        let mut bytes = Vec::new();
        for payload in payloads {
            frame::encode(payload, &mut bytes);
        }
        bytes
    }

    #[test]
    fn names_sort_in_position_order_and_parse_back() {
        let names: Vec<_> = [0u64, 9, 10, 1 << 40, u64::MAX]
            .map(|n| segment_name(Position(n)))
            .into();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        for n in [0u64, 42, u64::MAX] {
            assert_eq!(
                numbered(&segment_name(Position(n)), SEGMENT_PREFIX, SEGMENT_SUFFIX),
                Some(Position(n))
            );
            assert_eq!(
                numbered(
                    &snapshot_name(Position(n)),
                    SNAPSHOT_PREFIX,
                    SNAPSHOT_SUFFIX
                ),
                Some(Position(n))
            );
        }
        for name in [
            "segment-1.log",
            "segment-0000000000000000000x.log",
            "segment-00000000000000000000.lo",
        ] {
            assert_eq!(
                numbered(name, SEGMENT_PREFIX, SEGMENT_SUFFIX),
                None,
                "{name}"
            );
        }
    }

    #[test]
    fn a_snapshot_round_trips_and_any_change_is_caught() {
        let file = encode_snapshot(Position(42), b"state\nwith lines\0and bytes");
        assert_eq!(
            decode_snapshot(&file, Position(42)),
            Ok(&b"state\nwith lines\0and bytes"[..])
        );
        assert!(decode_snapshot(&file, Position(41)).is_err());
        for at in 0..file.len() {
            let mut changed = file.clone();
            changed[at] ^= 0x01;
            assert!(
                decode_snapshot(&changed, Position(42)).is_err(),
                "byte {at}"
            );
        }
        for cut in 0..file.len() {
            assert!(
                decode_snapshot(&file[..cut], Position(42)).is_err(),
                "cut {cut}"
            );
        }
    }

    #[test]
    fn a_clean_segment_has_no_torn_tail() {
        assert_eq!(
            scan_segment(&segment(&["a", "", "ccc"])),
            Ok(Scan {
                records: vec!["a".into(), "".into(), "ccc".into()],
                torn_at: None
            })
        );
    }

    #[test]
    fn a_cut_last_record_is_a_torn_tail() {
        let whole = segment(&["first", "second", "third record"]);
        let last_start = segment(&["first", "second"]).len();
        for cut in last_start + 1..whole.len() {
            let scan = scan_segment(&whole[..cut]).expect("a torn tail is not an error");
            assert_eq!(scan.records, ["first", "second"]);
            assert_eq!(scan.torn_at, Some(last_start as u64));
        }
    }

    #[test]
    fn a_bad_record_followed_by_a_valid_one_is_corruption() {
        let mut bytes = segment(&["first", "second", "third"]);
        let second_start = segment(&["first"]).len();
        bytes[second_start + 12] ^= 0x20;
        assert_eq!(
            scan_segment(&bytes),
            Err((second_start as u64, Corruption::ChecksumMismatch))
        );
    }

    #[test]
    fn zeros_after_the_last_record_are_a_torn_tail() {
        let mut bytes = segment(&["first"]);
        let end = bytes.len() as u64;
        bytes.extend_from_slice(&[0; 4096]);
        let scan = scan_segment(&bytes).expect("torn tail");
        assert_eq!((scan.records.len(), scan.torn_at), (1, Some(end)));
    }
}
