//! Reading a rope's bytes in chunks.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

use bytes::Bytes;

use super::error::StoreError;
use super::piece::PieceData;
use super::rope::Slice;

/// The bytes of a rope (or of a range of it), as a sequence of chunks of at most the store's
/// chunk size, read as they are asked for.
///
/// Only one chunk is in memory at a time (less for memory stores, whose chunks share the
/// stored bytes), so a 5 GiB object streams through a fixed buffer. Files are opened one at a
/// time as the reader reaches their slice. The reader holds the rope's pieces: garbage
/// collection cannot remove them while it reads.
///
/// It is a plain blocking iterator; an async server drives it from a blocking task (as
/// `tokio::fs` does) and forwards each chunk to the response body. After the first error it
/// yields nothing more.
#[derive(Debug)]
pub struct RopeReader {
    slices: std::vec::IntoIter<Slice>,
    current: Option<Current>,
    remaining: u64,
    chunk_size: usize,
    failed: bool,
}

#[derive(Debug)]
struct Current {
    slice: Slice,
    /// Bytes of the slice already yielded.
    done: u64,
    /// The piece file, positioned at `slice.offset + done`, once opened.
    file: Option<File>,
}

impl RopeReader {
    pub(crate) fn new(slices: Vec<Slice>, chunk_size: usize) -> Self {
        let remaining = slices.iter().map(|slice| slice.len).sum();
        RopeReader {
            slices: slices.into_iter(),
            current: None,
            remaining,
            chunk_size: chunk_size.max(1),
            failed: false,
        }
    }

    /// How many bytes are still to come.
    pub fn remaining(&self) -> u64 {
        self.remaining
    }

    fn read_chunk(&mut self) -> Option<Result<Bytes, StoreError>> {
        loop {
            let current = match &mut self.current {
                Some(current) if current.done < current.slice.len => current,
                _ => {
                    self.current = Some(Current {
                        slice: self.slices.next()?,
                        done: 0,
                        file: None,
                    });
                    continue;
                }
            };
            let start = current.slice.offset + current.done;
            let want = (current.slice.len - current.done).min(self.chunk_size as u64);
            let chunk = match current.slice.piece.data() {
                PieceData::Memory(bytes) => {
                    // Slices lie within their piece (checked when the rope was made), and a
                    // piece in memory is held whole: these casts and bounds cannot fail.
                    let from = usize::try_from(start).expect("an in-memory offset fits in usize");
                    let to =
                        usize::try_from(start + want).expect("an in-memory offset fits in usize");
                    Ok(bytes.slice(from..to))
                }
                PieceData::Disk { path, .. } => {
                    read_from_file(&mut current.file, path, start, want).map_err(|source| {
                        if source.kind() == io::ErrorKind::UnexpectedEof {
                            StoreError::PieceLength {
                                id: current.slice.piece.id(),
                                expected: current.slice.piece.len(),
                                found: std::fs::metadata(path).map_or(0, |m| m.len()),
                            }
                        } else if source.kind() == io::ErrorKind::NotFound {
                            StoreError::MissingPiece {
                                id: current.slice.piece.id(),
                                path: path.clone(),
                            }
                        } else {
                            StoreError::Io {
                                path: path.clone(),
                                action: "reading a piece",
                                source,
                            }
                        }
                    })
                }
            };
            current.done += want;
            self.remaining -= want;
            return Some(chunk);
        }
    }
}

/// Reads `want` bytes at `start` of the file at `path`, opening it on first use.
fn read_from_file(
    file: &mut Option<File>,
    path: &std::path::Path,
    start: u64,
    want: u64,
) -> io::Result<Bytes> {
    let file = match file {
        Some(file) => file,
        None => {
            let mut opened = File::open(path)?;
            opened.seek(SeekFrom::Start(start))?;
            file.insert(opened)
        }
    };
    let want = usize::try_from(want).map_err(|_| io::Error::other("chunk larger than memory"))?;
    let mut buffer = vec![0u8; want];
    file.read_exact(&mut buffer)?;
    Ok(Bytes::from(buffer))
}

impl Iterator for RopeReader {
    type Item = Result<Bytes, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let chunk = self.read_chunk()?;
        self.failed = chunk.is_err();
        Some(chunk)
    }
}
