//! The content-addressed byte store: the bytes behind the model's fingerprints.
//!
//! The model keeps only a fingerprint of each body (length, CRC-64, MD5 when known); the server
//! keeps the bytes here. Two kinds of thing are stored:
//!
//! - a **piece** is an immutable byte string — the body of one PutObject, AppendObject or
//!   UploadPart request — stored once, named by its SHA-256 ([`PieceId`]);
//! - a **rope** is an object's body: a list of slices of pieces ([`Rope`]). Appending,
//!   completing a multipart upload and copying a range make new ropes over the same pieces;
//!   no byte is ever copied.
//!
//! Every rope is indexed by its [`Fingerprint`] (length and CRC-64/XZ), the part of the model's
//! fingerprint every content has, so the bytes of any object the model describes are one
//! [`ByteStore::get`] away.
//!
//! # How the server uses it, per operation
//!
//! | request | store calls | then the model gets |
//! |---|---|---|
//! | PutObject, UploadPart | [`writer`](ByteStore::writer), [`write_chunk`](PieceWriter::write_chunk) per body chunk, [`finish`](PieceWriter::finish), [`rope_from_piece`](ByteStore::rope_from_piece) | the new piece's [`Digests`] |
//! | AppendObject | the same writer, then [`append`](ByteStore::append) to the current object's rope ([`get`](ByteStore::get) by its fingerprint) | the piece's digests (the model combines the CRC) |
//! | CompleteMultipartUpload | [`concat`](ByteStore::concat) of the parts' ropes, in order | nothing new: the model computes the fingerprint itself |
//! | CopyObject | nothing: the copy has the source's fingerprint, so the source's rope | — |
//! | UploadPartCopy with a range | [`sub_range`](ByteStore::sub_range) of the source's rope | the range's [`Digests`] (MPU-12) |
//! | GetObject (whole or `Range`) | [`get`](ByteStore::get), then [`read`](ByteStore::read) or [`read_range`](ByteStore::read_range) | — |
//! | periodically | [`collect_garbage`](ByteStore::collect_garbage) with every fingerprint the model still refers to | — |
//!
//! A rope made for a request the model then rejects is simply never referred to, and goes at
//! the next collection.
//!
//! ```
//! use std::collections::BTreeSet;
//! use bucket_versioning_server::store::{ByteStore, Fingerprint, StoreOptions};
//!
//! # fn main() -> Result<(), bucket_versioning_server::store::StoreError> {
//! let store = ByteStore::in_memory(StoreOptions::default()); // or ByteStore::open(dir, …)
//!
//! // AppendObject at position 0, then at next_position: the body streams in chunks.
//! let mut writer = store.writer()?;
//! writer.write_chunk(b"hello, ")?;
//! let first = writer.finish()?; // first.digests() go to the model
//! let start = store.rope_from_piece(&first)?;
//! let mut writer = store.writer()?;
//! writer.write_chunk(b"world")?;
//! let object = store.append(&start, &writer.finish()?)?;
//!
//! // UploadPart twice, UploadPartCopy of a range, then CompleteMultipartUpload.
//! let (part1, digests) = store.put(b"part one|")?;
//! let (part2, _) = store.put(b"part two|")?;
//! let (part3, range_digests) = store.sub_range(&object, 7..=11)?; // "world"
//! let completed = store.concat(&[part1, part2, part3])?;
//! assert_eq!(completed.len(), 23);
//!
//! // GetObject with `Range: bytes=5-12`, by the fingerprint the model reports.
//! let rope = store.get(completed.fingerprint()).expect("stored");
//! let mut body = Vec::new();
//! for chunk in store.read_range(&rope, 5..=12)? {
//!     body.extend_from_slice(&chunk?);
//! }
//! assert_eq!(body, b"one|part");
//!
//! // Later: the model refers only to the completed object; the rest can go.
//! let live = BTreeSet::from([completed.fingerprint()]);
//! drop((first, start, object, rope, completed)); // the requests are over
//! let report = store.collect_garbage(&live)?;
//! assert_eq!(report.ropes_removed, 5); // the appendable object's two, the parts
//! assert_eq!(report.pieces_removed, 1); // "hello, " (the range keeps "world" alive)
//! assert_eq!(store.stats().piece_bytes, 23);
//! # let _ = (digests, range_digests, Fingerprint::EMPTY);
//! # Ok(()) }
//! ```
//!
//! # Durability (with a data directory)
//!
//! When a store call that makes a piece or a rope returns, what it made is on disk and synced:
//! the piece's file was written to `tmp/`, synced, renamed to `pieces/` and its directory
//! synced; the rope's definition was appended to the rope log (a [`Journal`]) and synced. So a
//! server that calls the store *before* it logs the command and answers loses no acknowledged
//! body to a crash. On open the rope log is replayed: the index is rebuilt exactly, every piece
//! it refers to is checked to exist with its recorded length, and pieces nothing refers to
//! (left by a crash between a piece and its rope) are removed.
//!
//! # Garbage collection, and why it never removes what is referenced
//!
//! A rope stays in the index while the server says its fingerprint is live *or* anyone else
//! holds a handle on it (a request between storing the body and applying the command); a piece
//! stays while any rope or handle refers to it (reference counts). Collection runs under the
//! store's lock, through which alone a handle can be taken from the index or the piece table,
//! so a count of one there means no one else can reach the thing. On disk, the pruned index is
//! first made durable (a checkpoint of the rope log), and only then are piece files removed: a
//! crash at any point leaves every rope of the latest durable index with its pieces.
//!
//! The server must compute the live set atomically with respect to applying commands — under
//! the model's lock — so that a command applied after the set was taken still holds its
//! rope's handle when collection looks; and from a state no crash can go back behind — with
//! every command applied so far durable in its journal — or a restart would replay to an
//! earlier state whose bodies were collected.

mod catalog;
mod error;
mod fingerprint;
mod layout;
mod piece;
mod reader;
mod recover;
mod rope;
mod writer;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::Read;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use bytes::Bytes;
use sha2::{Digest as _, Sha256};

pub use error::{CatalogPlace, StoreError};
pub use fingerprint::{Digests, Fingerprint};
pub use piece::{NewPiece, ParsePieceIdError, PieceId};
pub use reader::RopeReader;
pub use recover::StoreRecovery;
pub use rope::Rope;
pub use writer::PieceWriter;

use crate::fsync;
use crate::journal::Journal;
use catalog::Segment;
use layout::Layout;
use piece::{Piece, PieceData};
use rope::{Slice, push_slice, slices_in};

/// The default size of the chunks a [`RopeReader`] yields.
pub const DEFAULT_CHUNK_SIZE: usize = 256 << 10;

/// How a [`ByteStore`] behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreOptions {
    chunk_size: usize,
    group_commit: bool,
}

impl Default for StoreOptions {
    /// Chunks of [`DEFAULT_CHUNK_SIZE`], group commit on.
    fn default() -> Self {
        StoreOptions {
            chunk_size: DEFAULT_CHUNK_SIZE,
            group_commit: true,
        }
    }
}

impl StoreOptions {
    /// The largest chunk a reader yields (at least 1): the memory a streaming read holds.
    pub const fn chunk_size(mut self, bytes: usize) -> Self {
        self.chunk_size = if bytes == 0 { 1 } else { bytes };
        self
    }

    /// Whether concurrent rope definitions share syncs of the rope log (see
    /// [`JournalOptions::group_commit`](crate::journal::JournalOptions::group_commit)).
    pub const fn group_commit(mut self, on: bool) -> Self {
        self.group_commit = on;
        self
    }
}

/// The content-addressed store of object bodies (see the [module documentation](self)).
///
/// Methods, by role:
/// - open: [`in_memory`](Self::in_memory), [`open`](Self::open);
/// - take in bytes: [`writer`](Self::writer) (streaming), [`put`](Self::put) (bytes in hand);
/// - make ropes: [`rope_from_piece`](Self::rope_from_piece), [`append`](Self::append),
///   [`concat`](Self::concat), [`sub_range`](Self::sub_range);
/// - find and read: [`get`](Self::get), [`require`](Self::require), [`read`](Self::read),
///   [`read_range`](Self::read_range);
/// - maintain: [`collect_garbage`](Self::collect_garbage), [`verify`](Self::verify),
///   [`stats`](Self::stats).
///
/// A `ByteStore` is a cheap handle (`Clone`, `Send`, `Sync`) on one shared store. Its calls
/// block on file I/O: an async server makes them from blocking tasks.
#[derive(Clone, Debug)]
pub struct ByteStore {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    chunk_size: usize,
    disk: Option<Disk>,
    state: Mutex<State>,
}

/// What a store with a data directory has besides the in-memory state.
#[derive(Debug)]
struct Disk {
    layout: Layout,
    /// The rope log.
    log: Journal,
    /// Numbers the temporary files of pieces being written.
    temp_counter: AtomicU64,
}

impl Disk {
    fn next_temp_path(&self) -> PathBuf {
        self.layout
            .temp_path(self.temp_counter.fetch_add(1, Ordering::Relaxed))
    }
}

#[derive(Debug, Default)]
struct State {
    /// Every stored piece, holding one handle on each.
    pieces: BTreeMap<PieceId, Piece>,
    /// Every rope, by fingerprint, holding one handle on each. The empty body is not in it.
    index: BTreeMap<Fingerprint, Rope>,
}

/// What a garbage collection removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcReport {
    /// Ropes dropped from the index.
    pub ropes_removed: usize,
    /// Pieces removed (files deleted, for a store with a directory).
    pub pieces_removed: usize,
    /// The bytes of those pieces.
    pub bytes_removed: u64,
}

/// How much a store holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoreStats {
    /// Ropes in the index.
    pub ropes: usize,
    /// Pieces stored.
    pub pieces: usize,
    /// The bytes of those pieces (each counted once, however many ropes share it).
    pub piece_bytes: u64,
}

impl ByteStore {
    /// A store that keeps everything in memory: the server's default, without `--data-dir`.
    pub fn in_memory(options: StoreOptions) -> Self {
        ByteStore::with_parts(options, None, State::default())
    }

    /// Opens (creating if needed) the store in `dir`, recovering its index from the rope log.
    ///
    /// # Errors
    ///
    /// [`StoreError::Unusable`] when the directory cannot be created or used,
    /// [`StoreError::Log`] when the rope log is locked by another process, unusable or
    /// corrupt, [`StoreError::CorruptCatalog`] for a rope definition that does not make sense,
    /// [`StoreError::MissingPiece`] and [`StoreError::PieceLength`] when a piece file a rope
    /// needs is gone or cut.
    pub fn open(
        dir: &Path,
        options: StoreOptions,
    ) -> Result<(ByteStore, StoreRecovery), StoreError> {
        recover::open(dir, options)
    }

    fn with_parts(options: StoreOptions, disk: Option<Disk>, state: State) -> Self {
        ByteStore {
            inner: Arc::new(Inner {
                chunk_size: options.chunk_size,
                disk,
                state: Mutex::new(state),
            }),
        }
    }

    /// The store's directory, or `None` for a memory store.
    pub fn dir(&self) -> Option<&Path> {
        self.inner
            .disk
            .as_ref()
            .map(|disk| disk.layout.root.as_path())
    }

    /// Starts writing a new piece, for a body that arrives in chunks.
    ///
    /// # Errors
    ///
    /// [`StoreError::Io`] when the temporary file cannot be created.
    pub fn writer(&self) -> Result<PieceWriter, StoreError> {
        PieceWriter::new(self)
    }

    /// Stores `bytes` as one piece and returns its rope (a put or a part whose body is in
    /// hand) with the digests.
    ///
    /// Unlike a [`writer`](Self::writer), this names the piece before writing anything, so
    /// bytes already stored are not written again.
    ///
    /// # Errors
    ///
    /// As for [`PieceWriter::finish`] and [`rope_from_piece`](Self::rope_from_piece).
    pub fn put(&self, bytes: &[u8]) -> Result<(Rope, Digests), StoreError> {
        let id = PieceId::of(bytes);
        let digests = Digests::of(bytes);
        let known = self.lock().pieces.get(&id).cloned();
        let piece = match known {
            Some(piece) => {
                self.make_durable(&piece)?;
                NewPiece { piece, digests }
            }
            None => {
                let mut writer = self.writer()?;
                writer.write_chunk(bytes)?;
                writer.finish()?
            }
        };
        Ok((self.rope_from_piece(&piece)?, digests))
    }

    /// The rope of a body that is exactly `piece`: a simple upload or a part.
    ///
    /// # Errors
    ///
    /// [`StoreError::Log`] when the rope's definition cannot be logged.
    pub fn rope_from_piece(&self, piece: &NewPiece) -> Result<Rope, StoreError> {
        let slice = Slice {
            piece: piece.piece.clone(),
            offset: 0,
            len: piece.digests.len(),
        };
        let segments = || vec![piece_segment(&slice)];
        let mut slices = Vec::new();
        push_slice(&mut slices, slice.clone());
        self.define(piece.digests.fingerprint(), slices, segments)
    }

    /// The rope of `rope` followed by `piece`: an append. The existing bytes are shared, not
    /// copied; the new rope lists the old one's slices and the piece's.
    ///
    /// # Errors
    ///
    /// [`StoreError::TooLong`] if the length overflows; as for
    /// [`rope_from_piece`](Self::rope_from_piece).
    pub fn append(&self, rope: &Rope, piece: &NewPiece) -> Result<Rope, StoreError> {
        let fingerprint = rope
            .fingerprint()
            .concat(piece.digests.fingerprint())
            .ok_or(StoreError::TooLong(rope.fingerprint()))?;
        let tail = Slice {
            piece: piece.piece.clone(),
            offset: 0,
            len: piece.digests.len(),
        };
        let mut slices = rope.slices().to_vec();
        push_slice(&mut slices, tail.clone());
        let segments = || vec![whole_rope_segment(rope), piece_segment(&tail)];
        self.define(fingerprint, slices, segments)
    }

    /// The rope of `ropes` one after another: a multipart upload's completion from its parts,
    /// in part-number order.
    ///
    /// # Errors
    ///
    /// [`StoreError::TooLong`] if the length overflows; as for
    /// [`rope_from_piece`](Self::rope_from_piece).
    pub fn concat(&self, ropes: &[Rope]) -> Result<Rope, StoreError> {
        let mut fingerprint = Fingerprint::EMPTY;
        let mut slices = Vec::with_capacity(ropes.iter().map(Rope::slice_count).sum());
        for rope in ropes {
            fingerprint = fingerprint
                .concat(rope.fingerprint())
                .ok_or(StoreError::TooLong(fingerprint))?;
            for slice in rope.slices() {
                push_slice(&mut slices, slice.clone());
            }
        }
        let segments = || ropes.iter().map(whole_rope_segment).collect();
        self.define(fingerprint, slices, segments)
    }

    /// The rope of bytes `first..=last` of `rope` (an UploadPartCopy with a range), with the
    /// range's digests, which the model needs for the part (MPU-12).
    ///
    /// The new rope is made of slices of the source's pieces; computing the digests reads the
    /// range once, in chunks.
    ///
    /// # Errors
    ///
    /// [`StoreError::RangeOutOfBounds`] unless `first <= last < rope.len()`; reading errors
    /// as for [`RopeReader`]; as for [`rope_from_piece`](Self::rope_from_piece).
    pub fn sub_range(
        &self,
        rope: &Rope,
        range: RangeInclusive<u64>,
    ) -> Result<(Rope, Digests), StoreError> {
        let (start, len) = checked_range(rope, &range)?;
        let slices = slices_in(rope.slices(), start, len);
        let mut hasher = fingerprint::Hasher::new();
        for chunk in RopeReader::new(slices.clone(), self.inner.chunk_size) {
            hasher.update(&chunk?);
        }
        let digests = hasher.finish();
        let segments = || {
            vec![Segment::Rope {
                fingerprint: rope.fingerprint(),
                offset: start,
                len,
            }]
        };
        Ok((
            self.define(digests.fingerprint(), slices, segments)?,
            digests,
        ))
    }

    /// The rope whose bytes have this fingerprint, if the store has it. The empty body is
    /// always there.
    pub fn get(&self, fingerprint: Fingerprint) -> Option<Rope> {
        if fingerprint.is_empty() {
            return Some(empty_rope());
        }
        self.lock().index.get(&fingerprint).cloned()
    }

    /// As [`get`](Self::get), for bytes the model refers to and a caller cannot do without.
    ///
    /// # Errors
    ///
    /// [`StoreError::MissingBody`] when the store has no rope with this fingerprint.
    pub fn require(&self, fingerprint: Fingerprint) -> Result<Rope, StoreError> {
        self.get(fingerprint)
            .ok_or(StoreError::MissingBody(fingerprint))
    }

    /// All of `rope`'s bytes, in chunks.
    pub fn read(&self, rope: &Rope) -> RopeReader {
        RopeReader::new(rope.slices().to_vec(), self.inner.chunk_size)
    }

    /// Bytes `first..=last` of `rope`, in chunks: an HTTP `Range` read.
    ///
    /// # Errors
    ///
    /// [`StoreError::RangeOutOfBounds`] unless `first <= last < rope.len()`.
    pub fn read_range(
        &self,
        rope: &Rope,
        range: RangeInclusive<u64>,
    ) -> Result<RopeReader, StoreError> {
        let (start, len) = checked_range(rope, &range)?;
        Ok(RopeReader::new(
            slices_in(rope.slices(), start, len),
            self.inner.chunk_size,
        ))
    }

    /// Drops every rope whose fingerprint is not in `live` and that no one else holds, then
    /// every piece no rope or handle refers to.
    ///
    /// `live` must be every fingerprint the model still refers to (object versions, uploaded
    /// parts), taken under the model's lock (see the [module documentation](self)). With a
    /// data directory the pruned index is checkpointed to the rope log before any piece file
    /// is removed; this also compacts the log.
    ///
    /// # Errors
    ///
    /// [`StoreError::Log`] when the checkpoint fails (no piece was removed then), and
    /// [`StoreError::Io`] when removing a piece file fails (the file is removed on the next
    /// open instead).
    pub fn collect_garbage(&self, live: &BTreeSet<Fingerprint>) -> Result<GcReport, StoreError> {
        let mut state = self.lock();
        let before = state.index.len();
        state
            .index
            .retain(|fingerprint, rope| live.contains(fingerprint) || rope.is_shared());
        let mut report = GcReport {
            ropes_removed: before - state.index.len(),
            ..GcReport::default()
        };
        if let Some(disk) = &self.inner.disk {
            disk.log.checkpoint(snapshot(&state.index).as_bytes())?;
        }
        let unreferenced: Vec<PieceId> = state
            .pieces
            .iter()
            .filter(|(_, piece)| piece.is_unreferenced())
            .map(|(&id, _)| id)
            .collect();
        for id in unreferenced {
            let Some(piece) = state.pieces.remove(&id) else {
                continue;
            };
            if let PieceData::Disk { path, .. } = piece.data() {
                fsync::remove_file_if_present(path).map_err(|source| StoreError::Io {
                    path: path.clone(),
                    action: "removing an unreferenced piece",
                    source,
                })?;
            }
            report.pieces_removed += 1;
            report.bytes_removed += piece.len();
        }
        Ok(report)
    }

    /// Reads every piece and checks it against its name (SHA-256) and length; returns how many
    /// were checked. A scrub for operators and tests: it reads everything.
    ///
    /// # Errors
    ///
    /// The first problem found: [`StoreError::CorruptPiece`], [`StoreError::PieceLength`],
    /// [`StoreError::MissingPiece`] or [`StoreError::Io`].
    pub fn verify(&self) -> Result<usize, StoreError> {
        let pieces: Vec<Piece> = self.lock().pieces.values().cloned().collect();
        for piece in &pieces {
            let (len, digest) = match piece.data() {
                PieceData::Memory(bytes) => (bytes.len() as u64, Sha256::digest(bytes)),
                PieceData::Disk { path, .. } => hash_file(piece.id(), path)?,
            };
            if len != piece.len() {
                return Err(StoreError::PieceLength {
                    id: piece.id(),
                    expected: piece.len(),
                    found: len,
                });
            }
            if PieceId::from_digest(digest.into()) != piece.id() {
                return Err(StoreError::CorruptPiece { id: piece.id() });
            }
        }
        Ok(pieces.len())
    }

    /// How many ropes and pieces the store holds.
    pub fn stats(&self) -> StoreStats {
        let state = self.lock();
        StoreStats {
            ropes: state.index.len(),
            pieces: state.pieces.len(),
            piece_bytes: state.pieces.values().map(Piece::len).sum(),
        }
    }

    /// Indexes a new rope (logging its definition first, with a directory), or returns the
    /// rope already indexed under `fingerprint`.
    ///
    /// Either way, the returned rope's definition is durable when this returns.
    fn define(
        &self,
        fingerprint: Fingerprint,
        slices: Vec<Slice>,
        segments: impl FnOnce() -> Vec<Segment>,
    ) -> Result<Rope, StoreError> {
        if fingerprint.is_empty() {
            return Ok(empty_rope());
        }
        let line = self
            .inner
            .disk
            .as_ref()
            .map(|_| catalog::encode(fingerprint, &segments()));
        let rope = {
            let mut state = self.lock();
            match state.index.get(&fingerprint) {
                Some(existing) => existing.clone(),
                None => {
                    let ticket = match (&self.inner.disk, &line) {
                        (Some(disk), Some(line)) => Some(disk.log.submit(line)?),
                        _ => None,
                    };
                    let rope = Rope::new(fingerprint, slices, ticket);
                    state.index.insert(fingerprint, rope.clone());
                    rope
                }
            }
        };
        if let (Some(disk), Some(ticket)) = (&self.inner.disk, rope.defined_by()) {
            disk.log.wait(ticket)?;
        }
        Ok(rope)
    }

    /// Adds a piece held in memory to the table, or returns the one already there.
    fn admit_memory(&self, id: PieceId, bytes: Bytes) -> Piece {
        self.lock()
            .pieces
            .entry(id)
            .or_insert_with(|| Piece::in_memory(id, bytes))
            .clone()
    }

    /// Moves the synced temporary file `temp` into place as piece `id`, or discards it if the
    /// piece is already stored; returns the durable piece.
    fn admit_file(
        &self,
        disk: &Disk,
        id: PieceId,
        len: u64,
        temp: &Path,
    ) -> Result<Piece, StoreError> {
        let dir = disk.layout.piece_dir(id);
        let path = disk.layout.piece_path(id);
        let io = |action: &'static str, path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io {
                path,
                action,
                source,
            }
        };
        let piece = {
            let mut state = self.lock();
            if let Some(known) = state.pieces.get(&id) {
                let known = known.clone();
                drop(state);
                let _ = fsync::remove_file_if_present(temp);
                self.make_durable(&known)?;
                return Ok(known);
            }
            // Renaming under the lock orders it with the removals of a garbage collection,
            // which also happen under it: a collection cannot remove the file just renamed.
            fsync::create_dir_durably(&dir).map_err(io("creating a piece directory", &dir))?;
            std::fs::rename(temp, &path).map_err(io("renaming a piece file into place", &path))?;
            let piece = Piece::on_disk(id, len, path, false);
            state.pieces.insert(id, piece.clone());
            piece
        };
        self.make_durable(&piece)?;
        Ok(piece)
    }

    /// Syncs the directory of a piece whose entry may not be synced yet.
    fn make_durable(&self, piece: &Piece) -> Result<(), StoreError> {
        if piece.is_durable() {
            return Ok(());
        }
        if let (Some(disk), PieceData::Disk { .. }) = (&self.inner.disk, piece.data()) {
            let dir = disk.layout.piece_dir(piece.id());
            fsync::sync_dir(&dir).map_err(|source| StoreError::Io {
                path: dir,
                action: "syncing a piece directory",
                source,
            })?;
        }
        piece.mark_durable();
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // No code panics while holding the lock, so a poisoned lock still guards a consistent
        // state.
        self.inner
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// The empty body: no slices.
fn empty_rope() -> Rope {
    Rope::new(Fingerprint::EMPTY, Vec::new(), None)
}

/// `(start, len)` of `range` within `rope`, if it lies within it and is not empty.
fn checked_range(rope: &Rope, range: &RangeInclusive<u64>) -> Result<(u64, u64), StoreError> {
    let (first, last) = (*range.start(), *range.end());
    if first > last || last >= rope.len() {
        return Err(StoreError::RangeOutOfBounds {
            first,
            last,
            len: rope.len(),
        });
    }
    Ok((first, last - first + 1))
}

fn piece_segment(slice: &Slice) -> Segment {
    Segment::Piece {
        id: slice.piece.id(),
        piece_len: slice.piece.len(),
        offset: slice.offset,
        len: slice.len,
    }
}

fn whole_rope_segment(rope: &Rope) -> Segment {
    Segment::Rope {
        fingerprint: rope.fingerprint(),
        offset: 0,
        len: rope.len(),
    }
}

/// The rope log's snapshot of `index`: one self-contained line per rope.
fn snapshot(index: &BTreeMap<Fingerprint, Rope>) -> String {
    let lines: Vec<String> = index
        .iter()
        .map(|(&fingerprint, rope)| {
            let segments: Vec<Segment> = rope.slices().iter().map(piece_segment).collect();
            catalog::encode(fingerprint, &segments)
        })
        .collect();
    lines.join("\n")
}

/// The length and SHA-256 of the file of piece `id`.
fn hash_file(id: PieceId, path: &Path) -> Result<(u64, sha2::digest::Output<Sha256>), StoreError> {
    let io = |source: std::io::Error| {
        if source.kind() == std::io::ErrorKind::NotFound {
            StoreError::MissingPiece {
                id,
                path: path.to_path_buf(),
            }
        } else {
            StoreError::Io {
                path: path.to_path_buf(),
                action: "reading a piece to verify it",
                source,
            }
        }
    };
    let mut file = File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut len = 0u64;
    loop {
        let read = file.read(&mut buffer).map_err(io)?;
        if read == 0 {
            return Ok((len, hasher.finalize()));
        }
        hasher.update(&buffer[..read]);
        len += read as u64;
    }
}
