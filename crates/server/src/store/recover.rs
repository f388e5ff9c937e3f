//! Opening a byte store's directory: replaying the rope log into the index, checking the pieces
//! it needs, removing the ones nothing needs.

use std::fs;
use std::path::Path;
use std::sync::atomic::AtomicU64;

use super::catalog::{self, Segment};
use super::error::{CatalogPlace, StoreError};
use super::layout::Layout;
use super::piece::{Piece, PieceId};
use super::rope::{Rope, Slice, push_slice, slices_in};
use super::{ByteStore, Disk, State, StoreOptions};
use crate::fsync;
use crate::journal::{Journal, JournalOptions, TornTail};

/// What [`ByteStore::open`] found and did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoreRecovery {
    /// Ropes in the recovered index.
    pub ropes: usize,
    /// Pieces those ropes use, each checked to exist with its recorded length.
    pub pieces: usize,
    /// Piece files no rope uses, removed: pieces written by requests that a crash interrupted
    /// before their rope was logged, or left by an interrupted garbage collection.
    pub orphans_removed: usize,
    /// A torn tail of the rope log (definitions a crash cut short, never acknowledged).
    pub torn_tail: Option<TornTail>,
}

pub(super) fn open(
    dir: &Path,
    options: StoreOptions,
) -> Result<(ByteStore, StoreRecovery), StoreError> {
    let layout = Layout::new(dir);
    let unusable = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Unusable { path, source }
    };
    if !dir.is_dir() {
        fs::create_dir_all(dir).map_err(unusable(dir))?;
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            fsync::sync_dir(parent).map_err(unusable(parent))?;
        }
    }
    // The rope log's lock is the store's: open it first, before touching anything else.
    let (log, recovered) = Journal::open(
        &layout.ropes,
        JournalOptions::default().group_commit(options.group_commit),
    )?;
    for sub in [&layout.pieces, &layout.tmp] {
        fsync::create_dir_durably(sub).map_err(unusable(sub))?;
    }
    for entry in fs::read_dir(&layout.tmp).map_err(unusable(&layout.tmp))? {
        let path = entry.map_err(unusable(&layout.tmp))?.path();
        fsync::remove_file_if_present(&path).map_err(unusable(&path))?;
    }

    let mut state = State::default();
    if let Some(snapshot) = &recovered.snapshot {
        let text =
            std::str::from_utf8(&snapshot.contents).map_err(|_| StoreError::CorruptCatalog {
                at: CatalogPlace::SnapshotLine(1),
                reason: "not UTF-8",
            })?;
        if !text.is_empty() {
            for (number, line) in text.split('\n').enumerate() {
                replay(
                    &mut state,
                    &layout,
                    line,
                    CatalogPlace::SnapshotLine(number + 1),
                )?;
            }
        }
    }
    for record in &recovered.records {
        replay(
            &mut state,
            &layout,
            &record.payload,
            CatalogPlace::Record(record.position),
        )?;
    }

    for piece in state.pieces.values() {
        check_piece_file(&layout, piece)?;
    }
    let orphans_removed = remove_orphans(&layout, &state)?;

    let report = StoreRecovery {
        ropes: state.index.len(),
        pieces: state.pieces.len(),
        orphans_removed,
        torn_tail: recovered.torn_tail,
    };
    let disk = Disk {
        layout,
        log,
        temp_counter: AtomicU64::new(0),
    };
    Ok((ByteStore::with_parts(options, Some(disk), state), report))
}

/// Adds the rope that `line` defines to the index.
fn replay(
    state: &mut State,
    layout: &Layout,
    line: &str,
    at: CatalogPlace,
) -> Result<(), StoreError> {
    let corrupt = |reason| StoreError::CorruptCatalog { at, reason };
    let (fingerprint, segments) = catalog::decode(line).map_err(corrupt)?;
    let mut slices = Vec::new();
    let mut total = 0u64;
    for segment in segments {
        let len = match segment {
            Segment::Piece {
                id,
                piece_len,
                offset,
                len,
            } => {
                if offset.checked_add(len).is_none_or(|end| end > piece_len) {
                    return Err(corrupt("slice outside its piece"));
                }
                let piece = state
                    .pieces
                    .entry(id)
                    .or_insert_with(|| Piece::on_disk(id, piece_len, layout.piece_path(id), true))
                    .clone();
                if piece.len() != piece_len {
                    return Err(corrupt("two lengths recorded for one piece"));
                }
                push_slice(&mut slices, Slice { piece, offset, len });
                len
            }
            Segment::Rope {
                fingerprint,
                offset,
                len,
            } => {
                let rope: &Rope = state
                    .index
                    .get(&fingerprint)
                    .ok_or_else(|| corrupt("refers to a rope not defined before"))?;
                if offset.checked_add(len).is_none_or(|end| end > rope.len()) {
                    return Err(corrupt("range outside the rope it refers to"));
                }
                for slice in slices_in(rope.slices(), offset, len) {
                    push_slice(&mut slices, slice);
                }
                len
            }
        };
        total = total
            .checked_add(len)
            .ok_or_else(|| corrupt("length overflows"))?;
    }
    if total != fingerprint.len() {
        return Err(corrupt("segments do not add up to the rope's length"));
    }
    if !fingerprint.is_empty() {
        // A later definition replaces an earlier one: the index had only the later one then.
        state
            .index
            .insert(fingerprint, Rope::new(fingerprint, slices, None));
    }
    Ok(())
}

/// Checks that a piece's file exists with the recorded length.
fn check_piece_file(layout: &Layout, piece: &Piece) -> Result<(), StoreError> {
    let path = layout.piece_path(piece.id());
    match fs::metadata(&path) {
        Ok(metadata) if metadata.is_file() && metadata.len() == piece.len() => Ok(()),
        Ok(metadata) => Err(StoreError::PieceLength {
            id: piece.id(),
            expected: piece.len(),
            found: metadata.len(),
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Err(StoreError::MissingPiece {
                id: piece.id(),
                path,
            })
        }
        Err(source) => Err(StoreError::Io {
            path,
            action: "checking a piece file",
            source,
        }),
    }
}

/// Removes the piece files no rope uses; returns how many. Files whose names are not piece IDs
/// are not the store's and are left alone.
fn remove_orphans(layout: &Layout, state: &State) -> Result<usize, StoreError> {
    let unusable = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Unusable { path, source }
    };
    let mut removed = 0;
    for fan_out in fs::read_dir(&layout.pieces).map_err(unusable(&layout.pieces))? {
        let fan_out = fan_out.map_err(unusable(&layout.pieces))?.path();
        if !fan_out.is_dir() {
            continue;
        }
        for entry in fs::read_dir(&fan_out).map_err(unusable(&fan_out))? {
            let path = entry.map_err(unusable(&fan_out))?.path();
            let id = path
                .file_name()
                .and_then(|name| name.to_str())
                .and_then(|name| name.parse::<PieceId>().ok());
            if let Some(id) = id
                && !state.pieces.contains_key(&id)
            {
                fsync::remove_file_if_present(&path).map_err(unusable(&path))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}
