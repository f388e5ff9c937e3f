//! The chain view: one key's entries, newest first, and its text drawing.

use core::fmt;

use crate::dialect::Dialect;
use crate::entry::ChainEntry;
use crate::key::ObjectKey;
use crate::store::Chain;

/// A read-only view of one key's chain, newest first (the head first).
///
/// Its [`Display`](fmt::Display) draws the chain for docs and the tour: one line per entry with
/// the entry's own version ID, its kind (object type or delete marker), its size and ETag, and
/// which entry is current.
///
/// ```text
/// report.txt: 3 entries, newest first
///   * 5e0d6ab2c0a24c7e8f0a5bd4c3a3d1f2  DeleteMarker                       (current)
///   | 0c5e6b8f6a6e4b0d9a7f2c4e1b3d5a7c  Normal        2 B  6654C734CCAB8F440FF0825EB443DC7F
///   | null                              Normal        2 B  6654C734CCAB8F440FF0825EB443DC7F
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ChainView<'a> {
    pub(crate) key: &'a ObjectKey,
    pub(crate) chain: &'a Chain,
    pub(crate) dialect: Dialect,
}

impl<'a> ChainView<'a> {
    /// The key.
    pub fn key(&self) -> &'a ObjectKey {
        self.key
    }

    /// The number of entries (at least 1: a key with no entries has no chain, INV-1).
    pub fn len(&self) -> usize {
        self.chain.entries.len()
    }

    /// Always false: an empty chain disappears (INV-1, DEL-6).
    pub fn is_empty(&self) -> bool {
        self.chain.entries.is_empty()
    }

    /// The head (current version).
    pub fn head(&self) -> Option<ChainEntry<'a>> {
        self.iter().next()
    }

    /// The entries, newest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = ChainEntry<'a>> + 'a {
        let dialect = self.dialect;
        let head = self.chain.head().map(|(sequence, _)| sequence);
        self.chain
            .entries
            .iter()
            .rev()
            .map(move |(&sequence, entry)| ChainEntry {
                entry,
                sequence,
                is_latest: Some(sequence) == head,
                dialect,
            })
    }
}

impl fmt::Display for ChainView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.len();
        let plural = if count == 1 { "entry" } else { "entries" };
        writeln!(f, "{}: {count} {plural}, newest first", self.key)?;
        for entry in self.iter() {
            let mark = if entry.is_latest() { '*' } else { '|' };
            let id = alloc::format!("{}", entry.version_id());
            match entry.object_type() {
                None => write!(f, "  {mark} {id:<32}  {:<12}", "DeleteMarker")?,
                Some(object_type) => {
                    let kind = if entry.is_sealed() {
                        alloc::format!("{object_type}(sealed)")
                    } else {
                        alloc::format!("{object_type}")
                    };
                    let size = alloc::format!("{} B", entry.size());
                    let etag = entry
                        .etag()
                        .map(|etag| etag.to_string())
                        .unwrap_or_default();
                    write!(f, "  {mark} {id:<32}  {kind:<18} {size:>10}  {etag}")?;
                }
            }
            if entry.is_latest() {
                f.write_str("  (current)")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

use alloc::string::ToString as _;
