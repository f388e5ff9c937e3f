//! Writing a new piece, chunk by chunk, as a request body arrives.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use bytes::Bytes;
use sha2::{Digest as _, Sha256};

use super::ByteStore;
use super::error::StoreError;
use super::fingerprint::Hasher;
use super::piece::{NewPiece, PieceId};
use crate::fsync;

/// The buffer between request chunks (often a few KiB) and the piece file's writes.
const WRITE_BUFFER: usize = 256 << 10;

/// A piece being written: give it the body's chunks as they arrive, then
/// [`finish`](Self::finish) it. Made by [`ByteStore::writer`].
///
/// While writing it computes, in the same pass, the piece's name (SHA-256) and the digests the
/// server needs (length, CRC-64, MD5). With a data directory the bytes go to a temporary file,
/// so a 5 GiB upload never sits in memory; `finish` syncs the file and renames it to its name.
/// Dropped unfinished (a client that went away), it removes its temporary file.
#[derive(Debug)]
pub struct PieceWriter {
    store: ByteStore,
    sink: Sink,
    sha256: Sha256,
    hasher: HasherDebug,
}

#[derive(Debug)]
enum Sink {
    Memory(Vec<u8>),
    Disk {
        file: BufWriter<File>,
        temp: PathBuf,
    },
    /// Finished or failed: nothing to clean up.
    Done,
}

impl PieceWriter {
    pub(crate) fn new(store: &ByteStore) -> Result<Self, StoreError> {
        let sink = match &store.inner.disk {
            None => Sink::Memory(Vec::new()),
            Some(disk) => {
                let temp = disk.next_temp_path();
                let file = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&temp)
                    .map_err(|source| StoreError::Io {
                        path: temp.clone(),
                        action: "creating a piece file",
                        source,
                    })?;
                Sink::Disk {
                    file: BufWriter::with_capacity(WRITE_BUFFER, file),
                    temp,
                }
            }
        };
        Ok(PieceWriter {
            store: store.clone(),
            sink,
            sha256: Sha256::new(),
            hasher: HasherDebug(Hasher::new()),
        })
    }

    /// Adds the next chunk of the body.
    ///
    /// # Errors
    ///
    /// [`StoreError::Io`] when writing the temporary file fails; the writer then removes it and
    /// answers [`StoreError::WriterFailed`] from then on.
    pub fn write_chunk(&mut self, chunk: &[u8]) -> Result<(), StoreError> {
        self.sha256.update(chunk);
        self.hasher.0.update(chunk);
        match &mut self.sink {
            Sink::Memory(bytes) => {
                bytes.extend_from_slice(chunk);
                Ok(())
            }
            Sink::Disk { file, temp } => {
                if let Err(source) = file.write_all(chunk) {
                    let temp = temp.clone();
                    self.abandon();
                    return Err(StoreError::Io {
                        path: temp,
                        action: "writing a piece file",
                        source,
                    });
                }
                Ok(())
            }
            Sink::Done => Err(StoreError::WriterFailed),
        }
    }

    /// Stores the piece: returns it, durable when the store has a directory, with its digests.
    ///
    /// If a piece with the same bytes is already stored, that one is returned and the new copy
    /// discarded: a piece is stored once.
    ///
    /// # Errors
    ///
    /// [`StoreError::Io`] when syncing or renaming the file fails; [`StoreError::WriterFailed`]
    /// after a failed [`write_chunk`](Self::write_chunk).
    pub fn finish(mut self) -> Result<NewPiece, StoreError> {
        let id = PieceId::from_digest(std::mem::take(&mut self.sha256).finalize().into());
        let digests = std::mem::replace(&mut self.hasher.0, Hasher::new()).finish();
        let piece = match std::mem::replace(&mut self.sink, Sink::Done) {
            Sink::Memory(bytes) => self.store.admit_memory(id, Bytes::from(bytes)),
            Sink::Disk { file, temp } => {
                let synced = file
                    .into_inner()
                    .map_err(|error| error.into_error())
                    .and_then(|file| file.sync_data());
                let admitted = match (synced, &self.store.inner.disk) {
                    (Ok(()), Some(disk)) => self.store.admit_file(disk, id, digests.len(), &temp),
                    (Err(source), _) => Err(StoreError::Io {
                        path: temp.clone(),
                        action: "syncing a piece file",
                        source,
                    }),
                    // A disk sink is made only for a store with a directory.
                    (Ok(()), None) => Err(StoreError::Io {
                        path: temp.clone(),
                        action: "storing a piece file",
                        source: std::io::Error::other("the store has no directory"),
                    }),
                };
                if admitted.is_err() {
                    let _ = fsync::remove_file_if_present(&temp);
                }
                admitted?
            }
            Sink::Done => return Err(StoreError::WriterFailed),
        };
        Ok(NewPiece { piece, digests })
    }

    /// Drops the temporary file, if any.
    fn abandon(&mut self) {
        if let Sink::Disk { temp, .. } = std::mem::replace(&mut self.sink, Sink::Done) {
            let _ = fsync::remove_file_if_present(&temp);
        }
    }
}

impl Drop for PieceWriter {
    fn drop(&mut self) {
        self.abandon();
    }
}

/// The hasher, with a `Debug` that does not print digest state.
struct HasherDebug(Hasher);

impl std::fmt::Debug for HasherDebug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hasher")
    }
}
