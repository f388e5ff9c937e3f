//! The text of the rope log: how a rope's definition is written down and read back.
//!
//! One rope per line: its fingerprint, then the segments its bytes are made of, in order:
//!
//! ```text
//! LEN CRC SEGMENT*
//! SEGMENT = p:PIECE_ID:PIECE_LEN:OFFSET:LEN    bytes OFFSET..OFFSET+LEN of a piece
//!         | r:LEN:CRC:OFFSET:LEN               bytes of the rope with fingerprint LEN/CRC,
//!                                             defined on an earlier line or in the snapshot
//! ```
//!
//! Rope segments keep a line short whatever the size of what it builds on: an append is
//! `r` (the object so far) and `p` (the new piece), a completion one `r` per part, a part copy
//! one `r` with the range. A snapshot writes each rope with `p` segments only, so that it
//! stands alone.

use std::fmt::Write as _;

use super::fingerprint::Fingerprint;
use super::piece::PieceId;

/// One segment of a rope's definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Segment {
    /// Bytes of a piece.
    Piece {
        id: PieceId,
        piece_len: u64,
        offset: u64,
        len: u64,
    },
    /// Bytes of another rope, found by its fingerprint.
    Rope {
        fingerprint: Fingerprint,
        offset: u64,
        len: u64,
    },
}

/// The line defining the rope `fingerprint` as `segments` (empty segments are left out).
pub(crate) fn encode(fingerprint: Fingerprint, segments: &[Segment]) -> String {
    let mut line = format!("{} {}", fingerprint.len(), fingerprint.crc64());
    for segment in segments {
        // Writing to a String cannot fail.
        let _ = match *segment {
            Segment::Piece { len: 0, .. } | Segment::Rope { len: 0, .. } => Ok(()),
            Segment::Piece {
                id,
                piece_len,
                offset,
                len,
            } => write!(line, " p:{id}:{piece_len}:{offset}:{len}"),
            Segment::Rope {
                fingerprint,
                offset,
                len,
            } => write!(
                line,
                " r:{}:{}:{offset}:{len}",
                fingerprint.len(),
                fingerprint.crc64()
            ),
        };
    }
    line
}

/// A line read back: the rope's fingerprint and its segments.
pub(crate) fn decode(line: &str) -> Result<(Fingerprint, Vec<Segment>), &'static str> {
    let mut fields = line.split(' ');
    let len = number(fields.next())?;
    let crc = number(fields.next())?;
    let segments = fields.map(segment).collect::<Result<_, _>>()?;
    Ok((Fingerprint::new(len, crc), segments))
}

fn segment(field: &str) -> Result<Segment, &'static str> {
    let mut parts = field.split(':');
    let segment = match parts.next() {
        Some("p") => Segment::Piece {
            id: parts
                .next()
                .ok_or("missing piece ID")?
                .parse()
                .map_err(|_| "bad piece ID")?,
            piece_len: number(parts.next())?,
            offset: number(parts.next())?,
            len: number(parts.next())?,
        },
        Some("r") => Segment::Rope {
            fingerprint: Fingerprint::new(number(parts.next())?, number(parts.next())?),
            offset: number(parts.next())?,
            len: number(parts.next())?,
        },
        _ => return Err("unknown segment kind"),
    };
    if parts.next().is_some() {
        return Err("extra segment field");
    }
    Ok(segment)
}

fn number(field: Option<&str>) -> Result<u64, &'static str> {
    let field = field.ok_or("missing number")?;
    if field.is_empty() || !field.bytes().all(|b| b.is_ascii_digit()) {
        return Err("bad number");
    }
    field.parse().map_err(|_| "number out of range")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_definition_round_trips() {
        let id = PieceId::of(b"piece");
        let fingerprint = Fingerprint::new(12, u64::MAX);
        let segments = vec![
            Segment::Rope {
                fingerprint: Fingerprint::new(7, 99),
                offset: 0,
                len: 7,
            },
            Segment::Piece {
                id,
                piece_len: 10,
                offset: 5,
                len: 5,
            },
        ];
        let line = encode(fingerprint, &segments);
        assert_eq!(
            line,
            format!("12 18446744073709551615 r:7:99:0:7 p:{id}:10:5:5")
        );
        assert_eq!(decode(&line), Ok((fingerprint, segments)));
        assert_eq!(decode("0 0"), Ok((Fingerprint::EMPTY, vec![])));
    }

    #[test]
    fn empty_segments_are_left_out() {
        let segments = [Segment::Rope {
            fingerprint: Fingerprint::EMPTY,
            offset: 0,
            len: 0,
        }];
        assert_eq!(encode(Fingerprint::EMPTY, &segments), "0 0");
    }

    #[test]
    fn malformed_lines_are_errors() {
        let id = PieceId::of(b"piece");
        for line in [
            "",
            "1",
            "1 x",
            "-1 0",
            "1 0 ",
            "1 0 q:1:2:3:4",
            "1 0 r:1:2:3",
            "1 0 r:1:2:3:4:5",
            "1 0 r:1:2:3:+4",
            "1 0 p:abc:1:0:1",
            "1 0 r:1:2:3:99999999999999999999",
            &format!("1 0 p:{id}:1:0"),
        ] {
            assert!(decode(line).is_err(), "{line:?}");
        }
    }
}
