//! The chain view: one key's entries, newest first, and its text drawing.

use alloc::format;
use alloc::string::{String, ToString};
use core::fmt;
use core::ops::Bound;

use crate::dialect::Dialect;
use crate::key::ObjectKey;
use crate::storage::store::{Chain, Store};
use crate::version_id::IdSource;
use crate::view::entry::EntryView;

/// A read-only view of one key's chain, newest first (the head first).
///
/// Its [`Display`](fmt::Display) draws the chain for docs and the tour: one line per entry with
/// the entry's own version ID, its kind (object type or delete marker), its size and ETag, and
/// which entry is current.
///
/// ```
/// use bucket_versioning::Bucket;
///
/// let mut bucket = Bucket::default();
/// bucket.put_object("report.txt", "draft")?;
/// bucket.put_bucket_versioning("Enabled")?;
/// bucket.put_object("report.txt", "v1")?;
/// bucket.delete_object("report.txt")?;
/// let drawing = bucket.chain("report.txt").expect("the key has entries").to_string();
/// println!("{drawing}");
/// // report.txt: 3 entries, newest first
/// //   * 7a4f…(32 hex digits)              DeleteMarker  (current)
/// //   | 9c1e…(32 hex digits)              Normal                       2 B  6654C734CCAB8F440FF0825EB443DC7F
/// //   | null                              Normal                       5 B  F91B2829BF8603E358094E1DEDB6F947
/// let lines: Vec<&str> = drawing.lines().collect();
/// assert_eq!(lines[0], "report.txt: 3 entries, newest first");
/// assert!(lines[1].contains("DeleteMarker") && lines[1].ends_with("(current)"));
/// assert!(lines[2].contains("Normal") && lines[2].contains(" 2 B "));
/// assert!(lines[3].starts_with("  | null ") && lines[3].contains("5 B"));
/// # Ok::<(), bucket_versioning::Violation>(())
/// ```
#[derive(Clone, Copy)]
pub struct ChainView<'a> {
    pub(crate) key: &'a ObjectKey,
    pub(crate) chain: &'a Chain,
    pub(crate) store: &'a Store<dyn IdSource + 'a>,
    pub(crate) dialect: Dialect,
}

impl fmt::Debug for ChainView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChainView")
            .field("key", self.key)
            .field("entries", &self.len())
            .field("dialect", &self.dialect)
            .finish_non_exhaustive()
    }
}

impl<'a> ChainView<'a> {
    /// The key.
    pub fn key(&self) -> &'a ObjectKey {
        self.key
    }

    /// The number of entries (at least 1: a key with no entries has no chain, INV-1).
    pub fn len(&self) -> usize {
        self.chain.len()
    }

    /// Always false: an empty chain disappears (INV-1, DEL-6).
    pub fn is_empty(&self) -> bool {
        self.chain.is_empty()
    }

    /// The head (current version).
    pub fn head(&self) -> Option<EntryView<'a>> {
        self.iter().next()
    }

    /// The entries, newest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = EntryView<'a>> + 'a {
        let (store, dialect) = (self.store, self.dialect);
        let head = self.chain.head().map(|(sequence, _)| sequence);
        self.chain
            .newest_first(Bound::Unbounded)
            .map(move |(sequence, entry)| {
                EntryView::new(store, sequence, entry, Some(sequence) == head, dialect)
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
            let id = entry.version_id().to_string();
            let (kind, size, etag) = match entry.object_type() {
                None => ("DeleteMarker".to_string(), String::new(), String::new()),
                Some(object_type) if entry.is_sealed() => (
                    format!("{object_type} (sealed)"),
                    format!("{} B", entry.size()),
                    etag_of(&entry),
                ),
                Some(object_type) => (
                    object_type.to_string(),
                    format!("{} B", entry.size()),
                    etag_of(&entry),
                ),
            };
            let line = format!("  {mark} {id:<32}  {kind:<19} {size:>12}  {etag:<34}");
            f.write_str(line.trim_end())?;
            if entry.is_latest() {
                f.write_str("  (current)")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

fn etag_of(entry: &EntryView<'_>) -> String {
    entry
        .etag()
        .map(|etag| etag.to_string())
        .unwrap_or_default()
}
