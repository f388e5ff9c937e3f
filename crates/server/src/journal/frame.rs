//! The framing of one journal record: `LEN CRC PAYLOAD\n`.
//!
//! `LEN` is the payload's length in bytes (decimal, no leading zeros), `CRC` its CRC-32C
//! (Castagnoli, as eight lower-case hex digits), then one space, the payload (UTF-8, no newline)
//! and a newline. A record is valid only when every part is exactly so; anything else is a frame
//! that [`decode`] reports as [`Frame::Invalid`], or as [`Frame::Incomplete`] when the bytes end
//! before a record that is so far well-formed does — the mark of a write cut short.
//!
//! The format stays readable with `cat` and `grep` (the payloads are JSON lines), yet a torn or
//! flipped byte anywhere in a record is caught by the length, the terminator or the checksum.

use crc::{CRC_32_ISCSI, Crc};

use super::error::Corruption;

/// The largest payload a record may carry.
///
/// A bound keeps a corrupt length field from making recovery wait for (or allocate) gigabytes;
/// 64 MiB is far above any command the server logs (a 10 000-part completion is under 1 MiB).
pub const MAX_RECORD_LEN: usize = 64 << 20;

const CRC32C: Crc<u32> = Crc::<u32>::new(&CRC_32_ISCSI);

/// The most decimal digits a length within [`MAX_RECORD_LEN`] has.
const MAX_LEN_DIGITS: usize = 8;

/// Appends the frame of `payload` to `out`.
///
/// The caller has checked the payload (no newline, at most [`MAX_RECORD_LEN`] bytes).
pub(crate) fn encode(payload: &str, out: &mut Vec<u8>) {
    use std::io::Write;
    // Writing to a Vec cannot fail.
    let _ = write!(
        out,
        "{} {:08x} ",
        payload.len(),
        CRC32C.checksum(payload.as_bytes())
    );
    out.extend_from_slice(payload.as_bytes());
    out.push(b'\n');
}

/// What the bytes at the start of a buffer hold.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Frame<'a> {
    /// A valid record: its payload and the length of the whole frame in bytes.
    Record { payload: &'a str, frame_len: usize },
    /// The start of a record that is well-formed as far as the bytes go, but they end before it
    /// does.
    Incomplete,
    /// Bytes that are not a valid record.
    Invalid(Corruption),
}

/// Decodes the record at the start of `buf`.
pub(crate) fn decode(buf: &[u8]) -> Frame<'_> {
    // LEN: 1..=MAX_LEN_DIGITS decimal digits, no leading zero unless the payload is empty.
    let digits = buf.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 {
        return if buf.is_empty() {
            Frame::Incomplete
        } else {
            Frame::Invalid(Corruption::BadFrame)
        };
    }
    if digits > MAX_LEN_DIGITS || (digits > 1 && buf[0] == b'0') {
        return Frame::Invalid(Corruption::BadFrame);
    }
    if digits == buf.len() {
        return Frame::Incomplete;
    }
    let len = buf[..digits]
        .iter()
        .fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
    if len > MAX_RECORD_LEN || buf[digits] != b' ' {
        return Frame::Invalid(Corruption::BadFrame);
    }
    // CRC: eight lower-case hex digits, then a space.
    let crc_start = digits + 1;
    let crc_end = crc_start + 8;
    let available = buf.len().min(crc_end);
    let crc_bytes = &buf[crc_start..available];
    if !crc_bytes
        .iter()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
    {
        return Frame::Invalid(Corruption::BadFrame);
    }
    if buf.len() <= crc_end {
        return Frame::Incomplete;
    }
    if buf[crc_end] != b' ' {
        return Frame::Invalid(Corruption::BadFrame);
    }
    let expected_crc = crc_bytes.iter().fold(0u32, |n, &d| {
        let value = if d.is_ascii_digit() {
            d - b'0'
        } else {
            d - b'a' + 10
        };
        (n << 4) | u32::from(value)
    });
    // PAYLOAD, then the newline.
    let payload_start = crc_end + 1;
    let payload_end = payload_start + len;
    let payload = &buf[payload_start..buf.len().min(payload_end)];
    if payload.contains(&b'\n') {
        return Frame::Invalid(Corruption::BadFrame);
    }
    if buf.len() <= payload_end {
        return Frame::Incomplete;
    }
    if buf[payload_end] != b'\n' {
        return Frame::Invalid(Corruption::BadFrame);
    }
    if CRC32C.checksum(payload) != expected_crc {
        return Frame::Invalid(Corruption::ChecksumMismatch);
    }
    match std::str::from_utf8(payload) {
        Ok(payload) => Frame::Record {
            payload,
            frame_len: payload_end + 1,
        },
        Err(_) => Frame::Invalid(Corruption::NotUtf8),
    }
}

/// The CRC-32C of `bytes`, the checksum of records and snapshots.
pub(crate) fn checksum(bytes: &[u8]) -> u32 {
    CRC32C.checksum(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(payload: &str) -> Vec<u8> {
        let mut out = Vec::new();
        encode(payload, &mut out);
        out
    }

    #[test]
    fn the_format_is_length_checksum_payload_newline() {
        // CRC-32C("123456789") is the catalogue's check value e3069283.
        assert_eq!(framed("123456789"), b"9 e3069283 123456789\n");
        assert_eq!(framed(""), b"0 00000000 \n");
    }

    #[test]
    fn a_record_decodes_to_its_payload_and_length() {
        for payload in ["", "x", "{\"op\":\"put_object\",\"key\":\"k\"}", "ünïcödé"] {
            let mut bytes = framed(payload);
            let frame_len = bytes.len();
            bytes.extend_from_slice(b"trailing bytes of the next record");
            assert_eq!(decode(&bytes), Frame::Record { payload, frame_len });
        }
    }

    #[test]
    fn every_proper_prefix_of_a_record_is_incomplete() {
        let bytes = framed("some payload");
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), Frame::Incomplete, "cut at {cut}");
        }
    }

    #[test]
    fn every_single_byte_change_is_caught() {
        let bytes = framed("a payload of some length");
        for at in 0..bytes.len() {
            for replacement in [b'0', b'7', b'a', b'z', b' ', b'\n', 0xFF] {
                if bytes[at] == replacement {
                    continue;
                }
                let mut changed = bytes.clone();
                changed[at] = replacement;
                assert!(
                    matches!(decode(&changed), Frame::Invalid(_) | Frame::Incomplete),
                    "byte {at} set to {replacement:#x} went unnoticed: {:?}",
                    decode(&changed)
                );
            }
        }
    }

    #[test]
    fn malformed_headers_are_invalid_not_incomplete() {
        for bytes in [
            &b"x"[..],
            b"01 00000000 a\n",
            b"123456789 ",
            b"3-00000000 abc\n",
            b"3 0000000g abc\n",
            b"3 ABCDEF00 abc\n",
            b"3 00000000xabc\n",
            b"2 00000000 abc\n",
            b"4 00000000 ab\nc\n",
        ] {
            assert!(
                matches!(decode(bytes), Frame::Invalid(_)),
                "{:?} gave {:?}",
                String::from_utf8_lossy(bytes),
                decode(bytes)
            );
        }
    }

    #[test]
    fn a_checksummed_non_utf8_payload_is_invalid() {
        let payload = [0xC3u8, 0x28];
        let mut bytes = format!("2 {:08x} ", checksum(&payload)).into_bytes();
        bytes.extend_from_slice(&payload);
        bytes.push(b'\n');
        assert_eq!(decode(&bytes), Frame::Invalid(Corruption::NotUtf8));
    }
}
