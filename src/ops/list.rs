//! ListObjectVersions and ListObjects: every version, and the current view (LST).

use alloc::string::String;
use core::ops::Bound::{Excluded, Unbounded};

use crate::bucket::Bucket;
use crate::checked::{PageSize, WellFormedId};
use crate::outcome::{ListObjectVersionsOutcome, ListObjectsOutcome, ListedObject, ListedVersion};
use crate::request::{ListObjectVersions, ListObjects};
use crate::storage::attributes::Attributes;
use crate::storage::entry::Entry;
use crate::storage::paging::{Listing, Row, Start};
use crate::storage::store::{Chain, Store};
use crate::version_id::IdSource;
use crate::view::entry::EntryView;
use crate::violation::{ArgumentError, Violation};

impl<S: IdSource> Bucket<S> {
    /// ListObjectVersions: one page of every version and delete marker of the keys starting
    /// with `prefix`. Listing never changes the bucket.
    ///
    /// - LST-1: keys ascending (KEY-3), each key's entries newest first, versions and markers
    ///   in that one order; `is_latest` marks each key's head, whatever page it falls on.
    /// - LST-2: `max_keys` counts entries and common prefixes alike. oss: 1..=1000, default
    ///   100, anything else `InvalidArgument`; s3: 0..=1000, more capped to 1000, default
    ///   1000. A page of 0 rows is empty and not truncated.
    /// - LST-3: `key_marker` alone starts after that key; with `version_id_marker` the page
    ///   resumes with that key's entries older than the named one, then later keys. An empty
    ///   marker counts as absent.
    /// - LST-4: a `version_id_marker` without `key_marker` is `InvalidArgument`; a malformed
    ///   one too (ID-6). MODEL: one naming no entry of `key_marker` starts after that key.
    /// - LST-5: a truncated page names its last row in `next_key_marker` and
    ///   `next_version_id_marker` (a common prefix: the prefix and no version marker), so
    ///   passing them back continues exactly after it.
    /// - LST-6: with `delimiter`, a key whose remainder after `prefix` contains it is rolled
    ///   into the common prefix ending at its first delimiter, listed once in key order; a
    ///   `key_marker` equal to a common prefix skips every key under it.
    /// - LST-8: in an Unversioned bucket every entry is `null` and latest.
    ///
    /// Argument checks (page size, then markers) come first (ERR-4). A page costs one seek
    /// plus O(1) per entry and one seek per common prefix: the keys before the marker and the
    /// versions of keys under a common prefix are never walked.
    pub fn list_object_versions(
        &self,
        request: ListObjectVersions,
    ) -> Result<ListObjectVersionsOutcome, Violation> {
        let ListObjectVersions {
            prefix,
            delimiter,
            key_marker,
            version_id_marker,
            max_keys,
        } = &request;
        let (prefix, delimiter, key_marker) = (
            prefix.as_deref(),
            delimiter.as_deref(),
            key_marker.as_deref(),
        );
        let max = PageSize::max_keys(self.dialect(), *max_keys)?.get();
        let key_marker = key_marker.filter(|marker| !marker.is_empty());
        let version_id_marker =
            WellFormedId::parse_optional(version_id_marker.as_ref())?.map(WellFormedId::get);
        let resume = match (key_marker, version_id_marker) {
            (None, Some(_)) => {
                return Err(Violation::InvalidArgument(
                    ArgumentError::VersionIdMarkerWithoutKeyMarker,
                ));
            }
            (Some(key), Some(id)) => self.store.find(key, id).map(|sequence| (key, sequence)),
            (_, None) => None,
        };
        let start = match (resume, key_marker) {
            (Some((key, _)), _) => Start::At(key),
            (None, Some(key)) => Start::After(key),
            (None, None) => Start::First,
        };
        let (store, dialect): (&Store<dyn IdSource + '_>, _) = (&self.store, self.dialect());
        let page = Listing::new(prefix, delimiter, max).walk(
            start,
            |lower, upper| {
                self.store
                    .chains
                    .range::<str, _>((lower, upper))
                    .map(|(key, chain)| (key.as_str(), chain))
            },
            |key, chain: &Chain| {
                let older_than = match resume {
                    Some((marker, sequence)) if marker == key => Excluded(sequence),
                    _ => Unbounded,
                };
                let head = chain.head().map(|(sequence, _)| sequence);
                chain
                    .newest_first(older_than)
                    .map(move |(sequence, entry)| {
                        let is_latest = Some(sequence) == head;
                        let entry = EntryView::new(store, sequence, entry, is_latest, dialect);
                        listed_version(key, entry)
                    })
            },
        );
        let (next_key_marker, next_version_id_marker) = match page.resume_after() {
            Some(Row::Item(entry)) => (
                Some(entry.key.as_str().into()),
                Some(entry.version_id.clone()),
            ),
            Some(Row::CommonPrefix(prefix)) => (Some(prefix.clone()), None),
            None => (None, None),
        };
        let is_truncated = page.is_truncated;
        let (entries, common_prefixes) = page.split();
        Ok(ListObjectVersionsOutcome {
            entries,
            common_prefixes,
            is_truncated,
            next_key_marker,
            next_version_id_marker,
        })
    }

    /// ListObjects: one page of the current view, the keys whose head is an object version
    /// (LST-7), with their heads. Listing never changes the bucket.
    ///
    /// - LST-7: keys whose head is a delete marker are not listed; the rest ascend.
    /// - LST-2, LST-5, LST-6: page size, truncation, `next_marker` (the last key or common
    ///   prefix returned) and `delimiter` as in
    ///   [`list_object_versions`](Self::list_object_versions); `marker` starts after that key,
    ///   or after every key under it when it is a common prefix. An empty marker counts as
    ///   absent.
    /// - LST-8: each object's `version_id` is its head's own ID, so `null` in an Unversioned
    ///   bucket.
    ///
    /// The walk reads an index of the current view, so keys hidden by delete markers cost
    /// nothing: a page costs one seek plus O(log n) per object and per common prefix.
    pub fn list_objects(&self, request: ListObjects) -> Result<ListObjectsOutcome, Violation> {
        let ListObjects {
            prefix,
            delimiter,
            marker,
            max_keys,
        } = &request;
        let (prefix, delimiter, marker, max_keys) = (
            prefix.as_deref(),
            delimiter.as_deref(),
            marker.as_deref(),
            *max_keys,
        );
        let max = PageSize::max_keys(self.dialect(), max_keys)?.get();
        let start = marker
            .filter(|marker| !marker.is_empty())
            .map_or(Start::First, Start::After);
        let page = Listing::new(prefix, delimiter, max).walk(
            start,
            |lower, upper| {
                self.store
                    .current_view
                    .range::<str, _>((lower, upper))
                    .filter_map(|key| Some((key.as_str(), self.store.chains.get(key)?)))
            },
            |key, chain: &Chain| {
                let (sequence, head) = chain.head()?;
                self.listed_object(key, sequence, head)
            },
        );
        let next_marker = match page.resume_after() {
            Some(Row::Item(object)) => Some(object.key.as_str().into()),
            Some(Row::CommonPrefix(prefix)) => Some(prefix.clone()),
            None => None,
        };
        let is_truncated = page.is_truncated;
        let (objects, common_prefixes) = page.split();
        Ok(ListObjectsOutcome {
            objects,
            common_prefixes,
            is_truncated,
            next_marker,
        })
    }

    /// The current view's row for `key` with `head`; `None` if the head is a delete marker.
    fn listed_object(&self, key: &str, sequence: u64, head: &Entry) -> Option<ListedObject> {
        let object = head.object()?;
        Some(ListedObject {
            key: key.into(),
            version_id: self.store.id_of(sequence, head),
            size: object.content.len(),
            etag: object.etag(self.dialect()),
            storage_class: Attributes::storage_class(
                self.store.attributes(sequence),
                self.dialect(),
            ),
            last_modified: object.modified,
        })
    }
}

/// The version listing's row for one entry of `key`.
fn listed_version(key: &str, entry: EntryView<'_>) -> ListedVersion {
    ListedVersion {
        key: key.into(),
        etag: entry.etag(),
        size: entry.content().map(|content| content.len()),
        is_latest: entry.is_latest(),
        delete_marker: entry.is_delete_marker(),
        object_type: entry.object_type(),
        storage_class: entry.storage_class().map(String::from),
        last_modified: entry.last_modified(),
        version_id: entry.version_id,
    }
}
