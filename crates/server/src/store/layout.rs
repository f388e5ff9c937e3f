//! Where a byte store keeps its files under its directory.
//!
//! ```text
//! DIR/pieces/ab/ab12…ef   a piece: its bytes, named by their SHA-256 (fanned out by the
//!                         first byte, so no directory holds more than 1/256 of the pieces)
//! DIR/ropes/              the rope log: a journal of rope definitions (its LOCK locks the store)
//! DIR/tmp/                pieces being written; emptied on open
//! ```

use std::path::{Path, PathBuf};

use super::piece::PieceId;

/// The paths of a byte store's directory.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    pub(crate) root: PathBuf,
    pub(crate) pieces: PathBuf,
    pub(crate) ropes: PathBuf,
    pub(crate) tmp: PathBuf,
}

impl Layout {
    pub(crate) fn new(root: &Path) -> Self {
        Layout {
            root: root.to_path_buf(),
            pieces: root.join("pieces"),
            ropes: root.join("ropes"),
            tmp: root.join("tmp"),
        }
    }

    /// The fan-out directory a piece's file is in.
    pub(crate) fn piece_dir(&self, id: PieceId) -> PathBuf {
        self.pieces.join(format!("{:02x}", id.as_bytes()[0]))
    }

    /// The piece's file.
    pub(crate) fn piece_path(&self, id: PieceId) -> PathBuf {
        self.piece_dir(id).join(id.to_string())
    }

    /// A temporary file for the `n`th piece this process writes. The process ID keeps two
    /// processes apart (only one can hold the store's lock, but a previous holder may have
    /// left files behind until the next open empties the directory).
    pub(crate) fn temp_path(&self, n: u64) -> PathBuf {
        self.tmp.join(format!("{}-{n}.tmp", std::process::id()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piece_lives_under_its_first_byte() {
        let layout = Layout::new(Path::new("/data"));
        let id = PieceId::of(b"abc");
        assert_eq!(
            layout.piece_path(id),
            Path::new("/data/pieces/ba").join(id.to_string())
        );
        assert_eq!(layout.piece_dir(id), Path::new("/data/pieces/ba"));
    }
}
