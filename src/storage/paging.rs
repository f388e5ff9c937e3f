//! Paging, written once for every listing: prefix, delimiter and common prefixes, markers,
//! page size and truncation (LST-2, LST-3, LST-5, LST-6), generic over what is listed.
//!
//! A listing walks an ordered collection whose keys are object keys: the chains for
//! ListObjectVersions, the current-view index for ListObjects, the uploads in progress for
//! ListMultipartUploads. The walk seeks once to where the page starts, reads one row per item,
//! and skips all the keys under a common prefix with one more seek, never walking them. A page
//! of `p` rows thus costs O(log n + p) for items plus O(log n) per common prefix, whatever the
//! bucket holds.
//!
//! Keys compare in the byte order of their UTF-8 encoding (KEY-3), which is the order of code
//! points, so the bounds of a walk are built from strings and `char`s without ever leaving
//! valid UTF-8.

use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Bound::{self, Excluded, Included, Unbounded};

/// What a listing asks for besides its markers: the prefix, the delimiter and the page size.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Listing<'q> {
    /// Only keys starting with it are listed; empty lists every key.
    prefix: &'q str,
    /// `None` when absent or empty (an empty delimiter groups nothing).
    delimiter: Option<&'q str>,
    /// The most rows (items and common prefixes) on the page.
    max: usize,
}

/// Where a page starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Start<'m> {
    /// At the first key (no marker).
    First,
    /// LST-3: at the first key strictly greater than the marker. LST-6: a marker that is a
    /// common prefix of this listing skips every key under it.
    After(&'m str),
    /// LST-3 with a version marker: at this key, whose items the caller resumes after the
    /// marker's item, then the later keys.
    At(&'m str),
}

/// One row of a page: an item, or a common prefix standing for every key under it (LST-6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Row<T> {
    Item(T),
    CommonPrefix(String),
}

/// One page: its rows in key order, and whether more rows follow (LST-5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Page<T> {
    pub(crate) rows: Vec<Row<T>>,
    pub(crate) is_truncated: bool,
}

impl<T> Page<T> {
    /// The rows split into the items and the common prefixes, each in key order.
    pub(crate) fn split(self) -> (Vec<T>, Vec<String>) {
        let mut items = Vec::new();
        let mut common_prefixes = Vec::new();
        for row in self.rows {
            match row {
                Row::Item(item) => items.push(item),
                Row::CommonPrefix(prefix) => common_prefixes.push(prefix),
            }
        }
        (items, common_prefixes)
    }

    /// LST-5: the last row returned, which the next markers name, when the page is truncated.
    pub(crate) fn resume_after(&self) -> Option<&Row<T>> {
        if self.is_truncated {
            self.rows.last()
        } else {
            None
        }
    }
}

impl<'q> Listing<'q> {
    /// A listing of the keys starting with `prefix` (all keys when absent), grouped at
    /// `delimiter` (no grouping when absent or empty), at most `max` rows per page.
    pub(crate) fn new(prefix: Option<&'q str>, delimiter: Option<&'q str>, max: usize) -> Self {
        Listing {
            prefix: prefix.unwrap_or(""),
            delimiter: delimiter.filter(|delimiter| !delimiter.is_empty()),
            max,
        }
    }

    /// LST-6: the common prefix `key` is rolled into: the key up to and including the first
    /// delimiter after the prefix. `None` when the key is listed by itself (or does not start
    /// with the prefix).
    pub(crate) fn common_prefix<'k>(&self, key: &'k str) -> Option<&'k str> {
        let delimiter = self.delimiter?;
        let rest = key.strip_prefix(self.prefix)?;
        let at = rest.find(delimiter)?;
        key.get(..self.prefix.len() + at + delimiter.len())
    }

    /// Walks one page from `start`.
    ///
    /// `seek(lower, upper)` returns the listed keys within the bounds, ascending, each with
    /// what the caller needs to list it; `items(key, value)` returns that key's items in
    /// listing order, lazily. The page is what a filter over every item would give: the items
    /// after `start`, of the keys starting with the prefix, where the items of each key under
    /// a common prefix are replaced by the prefix, once. A common prefix is one row, and the
    /// walk seeks past every key under it instead of reading them. The page holds at most
    /// `max` rows and is truncated exactly when another row exists after them. A page of
    /// size 0 is empty and not truncated (what S3 answers to `max-keys=0`).
    pub(crate) fn walk<'a, V, K, I, T>(
        &self,
        start: Start<'_>,
        mut seek: impl FnMut(Bound<&str>, Bound<&str>) -> K,
        mut items: impl FnMut(&'a str, V) -> I,
    ) -> Page<T>
    where
        K: Iterator<Item = (&'a str, V)>,
        I: IntoIterator<Item = T>,
    {
        let mut page = Page {
            rows: Vec::new(),
            is_truncated: false,
        };
        if self.max == 0 {
            return page;
        }
        // Every key starting with the prefix is below the prefix's successor; none is when the
        // prefix has no successor (it is empty, or all `char::MAX`).
        let end = successor(self.prefix);
        let upper = end.as_deref().map_or(Unbounded, Excluded);
        let Some(start) = self.start_bound(start) else {
            return page;
        };
        let lower = at_least(start.as_ref().map(String::as_str), Included(self.prefix));
        let mut keys = seek_within(&mut seek, lower, upper);
        while let Some((key, value)) = keys.as_mut().and_then(Iterator::next) {
            let mut listed = items(key, value).into_iter().peekable();
            if let Some(common) = self.common_prefix(key) {
                // A key counts toward its common prefix only if it has something to list: the
                // key a page resumes within may have nothing left.
                if listed.peek().is_none() {
                    continue;
                }
                if page.rows.len() >= self.max {
                    page.is_truncated = true;
                    return page;
                }
                page.rows.push(Row::CommonPrefix(common.into()));
                keys = successor(common)
                    .and_then(|next| seek_within(&mut seek, Included(next.as_str()), upper));
                continue;
            }
            for item in listed {
                if page.rows.len() >= self.max {
                    page.is_truncated = true;
                    return page;
                }
                page.rows.push(Row::Item(item));
            }
        }
        page
    }

    /// The lower bound `start` gives, or `None` when nothing can follow it.
    fn start_bound(&self, start: Start<'_>) -> Option<Bound<String>> {
        match start {
            Start::First => Some(Unbounded),
            Start::At(key) => Some(Included(key.into())),
            // LST-6: every key under a common prefix starts with it, so the walk resumes at
            // the first string after all of them.
            Start::After(marker) if self.common_prefix(marker) == Some(marker) => {
                successor(marker).map(Included)
            }
            Start::After(marker) => Some(Excluded(marker.into())),
        }
    }
}

/// The least string greater than every string that starts with `prefix`, or `None` when there
/// is none (`prefix` is empty or all `char::MAX`).
///
/// It is `prefix` with its last `char` that is not `char::MAX` replaced by the next `char`
/// (skipping the surrogate gap) and the rest dropped. UTF-8 orders as code points do and no
/// encoding is a prefix of another, so a string starting with `prefix` is smaller, and a string
/// greater than `prefix` that does not start with it is not smaller.
pub(crate) fn successor(prefix: &str) -> Option<String> {
    prefix.char_indices().rev().find_map(|(at, last)| {
        let next = next_char(last)?;
        let mut bound = String::from(prefix.get(..at)?);
        bound.push(next);
        Some(bound)
    })
}

/// The next Unicode scalar value, or `None` after `char::MAX`.
fn next_char(c: char) -> Option<char> {
    match c {
        char::MAX => None,
        '\u{D7FF}' => Some('\u{E000}'),
        _ => char::from_u32(u32::from(c) + 1),
    }
}

/// The greater of two lower bounds.
fn at_least<'s>(a: Bound<&'s str>, b: Bound<&'s str>) -> Bound<&'s str> {
    match (a, b) {
        (Unbounded, bound) | (bound, Unbounded) => bound,
        (Included(x), Included(y)) => Included(x.max(y)),
        (Excluded(x), Excluded(y)) => Excluded(x.max(y)),
        (Included(included), Excluded(excluded)) | (Excluded(excluded), Included(included)) => {
            if included > excluded {
                Included(included)
            } else {
                Excluded(excluded)
            }
        }
    }
}

/// `seek(lower, upper)`, or `None` when the bounds hold no string (an ordered map's `range`
/// would panic on some of those).
fn seek_within<'b, K>(
    seek: &mut impl FnMut(Bound<&str>, Bound<&str>) -> K,
    lower: Bound<&'b str>,
    upper: Bound<&'b str>,
) -> Option<K> {
    let empty = match (lower, upper) {
        (Unbounded, _) | (_, Unbounded) => false,
        (Included(low), Included(high)) => low > high,
        (Included(low), Excluded(high))
        | (Excluded(low), Included(high))
        | (Excluded(low), Excluded(high)) => low >= high,
    };
    (!empty).then(|| seek(lower, upper))
}

#[cfg(test)]
mod tests {
    use alloc::collections::BTreeSet;
    use alloc::format;
    use alloc::vec;
    use core::cell::Cell;

    use proptest::prelude::*;

    use super::*;

    #[test]
    fn successor_increments_the_last_char() {
        assert_eq!(successor("a").as_deref(), Some("b"));
        assert_eq!(successor("a/").as_deref(), Some("a0"));
        assert_eq!(successor("\u{D7FF}").as_deref(), Some("\u{E000}"));
        assert_eq!(successor("a\u{10FFFF}").as_deref(), Some("b"));
        assert_eq!(successor("é\u{10FFFF}\u{10FFFF}").as_deref(), Some("ê"));
        assert_eq!(successor("\u{10FFFF}"), None);
        assert_eq!(successor(""), None);
    }

    #[test]
    fn common_prefix_ends_at_the_first_delimiter_after_the_prefix() {
        // Rule: LST-6
        let listing = Listing::new(Some("a/"), Some("/"), 10);
        assert_eq!(listing.common_prefix("a/b/c/d"), Some("a/b/"));
        assert_eq!(listing.common_prefix("a/b"), None);
        assert_eq!(listing.common_prefix("b/c/d"), None);
        let multi = Listing::new(None, Some("--"), 10);
        assert_eq!(multi.common_prefix("x--y--z"), Some("x--"));
        assert_eq!(Listing::new(None, Some(""), 10).common_prefix("a/b"), None);
    }

    /// Walks `keys` and returns the page and how many keys the walk read.
    fn counted_walk(
        keys: &BTreeSet<String>,
        listing: Listing<'_>,
        start: Start<'_>,
    ) -> (Page<String>, usize) {
        let read = Cell::new(0usize);
        let page = listing.walk(
            start,
            |lower, upper| {
                keys.range::<str, _>((lower, upper))
                    .inspect(|_| read.set(read.get() + 1))
                    .map(|key| (key.as_str(), ()))
            },
            |key, ()| Some(String::from(key)),
        );
        (page, read.get())
    }

    // A page reads its rows and at most one key more, wherever the marker is and however
    // many keys a common prefix holds.
    #[test]
    fn a_page_reads_only_its_own_keys() {
        let mut keys: BTreeSet<String> = (0..10_000).map(|n| format!("a/{n:05}")).collect();
        keys.insert("b".into());
        keys.insert("c".into());
        let (page, read) = counted_walk(&keys, Listing::new(None, Some("/"), 2), Start::First);
        assert_eq!(
            page.rows,
            vec![Row::CommonPrefix("a/".into()), Row::Item("b".into())]
        );
        assert!(page.is_truncated);
        assert!(read <= 3, "read {read} keys");
        let (page, read) =
            counted_walk(&keys, Listing::new(None, None, 3), Start::After("a/05000"));
        assert_eq!(
            page.rows,
            vec![
                Row::Item("a/05001".into()),
                Row::Item("a/05002".into()),
                Row::Item("a/05003".into())
            ]
        );
        assert!(read <= 4, "read {read} keys");
        let (page, read) =
            counted_walk(&keys, Listing::new(None, Some("/"), 5), Start::After("a/"));
        assert_eq!(
            page.rows,
            vec![Row::Item("b".into()), Row::Item("c".into())]
        );
        assert!(!page.is_truncated);
        assert!(read <= 2, "read {read} keys");
    }

    /// Short strings over characters at the edges of the code-point order.
    fn keys() -> impl Strategy<Value = String> {
        let chars = vec!['a', 'b', '/', 'é', '\u{D7FF}', '\u{E000}', '\u{10FFFF}'];
        proptest::collection::vec(proptest::sample::select(chars), 0..4)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #[test]
        fn successor_bounds_exactly_the_strings_with_the_prefix(prefix in keys(), other in keys()) {
            match successor(&prefix) {
                Some(bound) => {
                    prop_assert!(bound.as_str() > prefix.as_str());
                    if other.starts_with(&prefix) {
                        prop_assert!(other < bound);
                    } else if other > prefix {
                        prop_assert!(other >= bound);
                    }
                }
                None => prop_assert!(!other.starts_with(&prefix) || other >= prefix),
            }
        }

        #[test]
        fn walk_matches_a_filter_over_every_key(
            keys in proptest::collection::btree_set(keys(), 0..12),
            prefix in keys(),
            delimiter in prop_oneof![Just(None), Just(Some("/")), Just(Some("\u{10FFFF}")), Just(Some("é/"))],
            max in 1usize..5,
            marker in proptest::option::of(keys()),
        ) {
            let listing = Listing::new(Some(&prefix), delimiter, max);
            let start = marker.as_deref().map_or(Start::First, Start::After);
            let page = listing.walk(
                start,
                |lower, upper| keys.range::<str, _>((lower, upper)).map(|key| (key.as_str(), ())),
                |key, ()| Some(String::from(key)),
            );
            // The naive listing: every key in order, rolled into common prefixes.
            let mut expected: Vec<Row<String>> = vec![];
            for key in keys.iter().filter(|key| key.starts_with(prefix.as_str())) {
                let row = match listing.common_prefix(key) {
                    Some(common) => Row::CommonPrefix(String::from(common)),
                    None => Row::Item(key.clone()),
                };
                let after_marker = match marker.as_deref() {
                    None => true,
                    Some(marker) if listing.common_prefix(marker) == Some(marker) => {
                        !key.starts_with(marker) && key.as_str() > marker
                    }
                    Some(marker) => key.as_str() > marker,
                };
                if after_marker && expected.last() != Some(&row) {
                    expected.push(row);
                }
            }
            let truncated = expected.len() > max;
            expected.truncate(max);
            prop_assert_eq!(page.rows, expected);
            prop_assert_eq!(page.is_truncated, truncated);
        }
    }
}
