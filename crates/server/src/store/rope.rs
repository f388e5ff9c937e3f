//! Ropes: an object's body as a list of slices of pieces.

use std::fmt;
use std::sync::Arc;

use super::fingerprint::Fingerprint;
use super::piece::Piece;
use crate::journal::Ticket;

/// An object's body: a sequence of slices of stored pieces, read one after another.
///
/// A rope never owns bytes, so appending to an object, completing a multipart upload from its
/// parts or copying a range of an object makes a new rope over the pieces already stored —
/// no byte is copied. Cloning a rope is cheap (a reference count), and while a clone is alive
/// its pieces are safe from garbage collection.
///
/// Ropes are made by the [`ByteStore`](super::ByteStore) only, and every rope it hands out is
/// the one its index holds for the rope's [`Fingerprint`].
#[derive(Clone)]
pub struct Rope(Arc<RopeInner>);

struct RopeInner {
    fingerprint: Fingerprint,
    slices: Vec<Slice>,
    /// The journal record that defines the rope on disk, if it may not be durable yet.
    defined_by: Option<Ticket>,
}

/// `len` bytes of `piece` from `offset` on; never empty.
#[derive(Clone, Debug)]
pub(crate) struct Slice {
    pub(crate) piece: Piece,
    pub(crate) offset: u64,
    pub(crate) len: u64,
}

impl Rope {
    pub(crate) fn new(
        fingerprint: Fingerprint,
        slices: Vec<Slice>,
        defined_by: Option<Ticket>,
    ) -> Self {
        Rope(Arc::new(RopeInner {
            fingerprint,
            slices,
            defined_by,
        }))
    }

    /// The length and CRC-64 of the body: the key the store finds it by.
    pub fn fingerprint(&self) -> Fingerprint {
        self.0.fingerprint
    }

    /// The length of the body in bytes.
    pub fn len(&self) -> u64 {
        self.0.fingerprint.len()
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.0.fingerprint.is_empty()
    }

    /// How many slices of pieces the body is made of (adjacent slices of one piece count once).
    pub fn slice_count(&self) -> usize {
        self.0.slices.len()
    }

    pub(crate) fn slices(&self) -> &[Slice] {
        &self.0.slices
    }

    pub(crate) fn defined_by(&self) -> Option<Ticket> {
        self.0.defined_by
    }

    /// Whether a handle other than this one exists (the store's index holds one).
    pub(crate) fn is_shared(&self) -> bool {
        Arc::strong_count(&self.0) > 1
    }
}

impl fmt::Debug for Rope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rope")
            .field("fingerprint", &self.0.fingerprint)
            .field("slices", &self.0.slices.len())
            .finish()
    }
}

/// Appends `slice` to `slices`, merging it into the last slice when it continues it in the same
/// piece (as the ranges of a piece copied in order do). Empty slices are dropped.
pub(crate) fn push_slice(slices: &mut Vec<Slice>, slice: Slice) {
    if slice.len == 0 {
        return;
    }
    if let Some(last) = slices.last_mut()
        && last.piece.id() == slice.piece.id()
        && last.offset + last.len == slice.offset
    {
        last.len += slice.len;
        return;
    }
    slices.push(slice);
}

/// The slices covering bytes `start..start + len` of the body `slices` make.
///
/// The caller has checked that the range lies within the body.
pub(crate) fn slices_in(slices: &[Slice], start: u64, len: u64) -> Vec<Slice> {
    let end = start + len;
    let mut covered = Vec::new();
    let mut at = 0u64;
    for slice in slices {
        let slice_end = at + slice.len;
        if slice_end > start && at < end {
            let from = start.max(at);
            let to = end.min(slice_end);
            push_slice(
                &mut covered,
                Slice {
                    piece: slice.piece.clone(),
                    offset: slice.offset + (from - at),
                    len: to - from,
                },
            );
        }
        if slice_end >= end {
            break;
        }
        at = slice_end;
    }
    covered
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::*;
    use crate::store::piece::PieceId;

    fn piece(bytes: &'static [u8]) -> Piece {
        Piece::in_memory(PieceId::of(bytes), Bytes::from_static(bytes))
    }

    fn whole(piece: &Piece) -> Slice {
        Slice {
            piece: piece.clone(),
            offset: 0,
            len: piece.len(),
        }
    }

    fn spans(slices: &[Slice]) -> Vec<(PieceId, u64, u64)> {
        slices
            .iter()
            .map(|s| (s.piece.id(), s.offset, s.len))
            .collect()
    }

    #[test]
    fn adjacent_slices_of_one_piece_merge_and_empty_ones_vanish() {
        let a = piece(b"abcdef");
        let mut slices = Vec::new();
        push_slice(
            &mut slices,
            Slice {
                piece: a.clone(),
                offset: 0,
                len: 2,
            },
        );
        push_slice(
            &mut slices,
            Slice {
                piece: a.clone(),
                offset: 2,
                len: 0,
            },
        );
        push_slice(
            &mut slices,
            Slice {
                piece: a.clone(),
                offset: 2,
                len: 3,
            },
        );
        push_slice(
            &mut slices,
            Slice {
                piece: a.clone(),
                offset: 1,
                len: 1,
            },
        );
        assert_eq!(spans(&slices), [(a.id(), 0, 5), (a.id(), 1, 1)]);
    }

    #[test]
    fn a_range_takes_the_covered_parts_of_each_slice() {
        let (a, b, c) = (piece(b"0123"), piece(b"4567"), piece(b"89"));
        let slices = vec![whole(&a), whole(&b), whole(&c)];
        assert_eq!(spans(&slices_in(&slices, 0, 10)), spans(&slices));
        assert_eq!(
            spans(&slices_in(&slices, 3, 4)),
            [(a.id(), 3, 1), (b.id(), 0, 3)]
        );
        assert_eq!(spans(&slices_in(&slices, 4, 4)), [(b.id(), 0, 4)]);
        assert_eq!(spans(&slices_in(&slices, 9, 1)), [(c.id(), 1, 1)]);
        assert_eq!(spans(&slices_in(&slices, 5, 0)), []);
    }
}
