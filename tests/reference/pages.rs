//! The naive listing pages the listing properties compare the model's listings with (LST):
//! every entry in listing order, filtered and cut by straight scans, written from rules.md.

use bucket_versioning::outcome::{ListedObject, ListedVersion};
use bucket_versioning::{Bucket, ChainView, Dialect, VersionId};

/// One row of a naive listing.
#[derive(Clone, Debug, PartialEq)]
pub enum Row<T> {
    Item(T),
    Prefix(String),
}

/// What a naive listing needs of an item: its key, and the version ID a version marker can
/// name (none for the current view, which is never resumed within a key).
pub trait Listed {
    fn key(&self) -> &str;
    fn version(&self) -> Option<&VersionId>;
}

impl Listed for ListedVersion {
    fn key(&self) -> &str {
        self.key.as_str()
    }

    fn version(&self) -> Option<&VersionId> {
        Some(&self.version_id)
    }
}

impl Listed for ListedObject {
    fn key(&self) -> &str {
        self.key.as_str()
    }

    fn version(&self) -> Option<&VersionId> {
        None
    }
}

pub fn naive_max_keys(dialect: Dialect, requested: Option<u64>) -> usize {
    match (dialect, requested) {
        (Dialect::Oss, None) => 100,
        (Dialect::S3, None) => 1000,
        (_, Some(value)) => value.min(1000) as usize,
    }
}

/// Every entry, keys ascending, each chain newest first, with its rank in its chain.
pub fn naive_version_rows(bucket: &Bucket) -> Vec<(ListedVersion, usize)> {
    let mut rows = Vec::new();
    for chain in bucket.chains() {
        for (rank, entry) in chain.iter().enumerate() {
            rows.push((
                ListedVersion {
                    key: chain.key().clone(),
                    version_id: entry.version_id().clone(),
                    is_latest: rank == 0,
                    delete_marker: entry.is_delete_marker(),
                    object_type: entry.object_type(),
                    size: entry.content().map(|content| content.len()),
                    etag: entry.etag(),
                    storage_class: entry.storage_class().map(String::from),
                    last_modified: entry.last_modified(),
                },
                rank,
            ));
        }
    }
    rows
}

/// The head of every key whose head is an object version.
pub fn naive_object_rows(bucket: &Bucket) -> Vec<(ListedObject, usize)> {
    bucket
        .chains()
        .filter_map(|chain: ChainView<'_>| {
            let head = chain.iter().next()?;
            Some((
                ListedObject {
                    key: chain.key().clone(),
                    version_id: head.version_id().clone(),
                    size: head.content()?.len(),
                    etag: head.etag()?,
                    storage_class: head.storage_class()?.to_string(),
                    last_modified: head.last_modified(),
                },
                0,
            ))
        })
        .collect()
}

pub fn naive_common_prefix<'k>(
    prefix: &str,
    delimiter: Option<&str>,
    key: &'k str,
) -> Option<&'k str> {
    let delimiter = delimiter.filter(|delimiter| !delimiter.is_empty())?;
    let rest = key.strip_prefix(prefix)?;
    let at = rest.find(delimiter)?;
    Some(&key[..prefix.len() + at + delimiter.len()])
}

/// One page of a naive listing, from the items in listing order with their rank in their
/// key's chain (0 for the head): the items after the markers (LST-3, LST-4, LST-6) whose key
/// starts with the prefix, each key under a common prefix replaced by the prefix once, cut
/// at `max` rows.
pub fn naive_page<T: Listed + Clone>(
    items: Vec<(T, usize)>,
    prefix: &str,
    delimiter: Option<&str>,
    key_marker: Option<&str>,
    version_id_marker: Option<&VersionId>,
    max: usize,
) -> (Vec<Row<T>>, bool) {
    let key_marker = key_marker.filter(|marker| !marker.is_empty());
    // The rank of the entry the version marker names in the key marker's chain, if any.
    let resume = match (key_marker, version_id_marker) {
        (Some(marker), Some(id)) => items.iter().find_map(|(item, rank)| {
            let names = item.key() == marker && item.version() == Some(id);
            names.then_some((marker, *rank))
        }),
        _ => None,
    };
    let after = |key: &str, rank: usize| match (resume, key_marker) {
        (Some((marker, marker_rank)), _) => key > marker || (key == marker && rank > marker_rank),
        (None, Some(marker)) => {
            let skips_prefix = naive_common_prefix(prefix, delimiter, marker) == Some(marker);
            key > marker && !(skips_prefix && key.starts_with(marker))
        }
        (None, None) => true,
    };
    let mut rows: Vec<Row<T>> = Vec::new();
    for (item, rank) in items {
        let key = item.key().to_string();
        if !key.starts_with(prefix) || !after(&key, rank) {
            continue;
        }
        let row = match naive_common_prefix(prefix, delimiter, &key) {
            Some(common) => Row::Prefix(common.to_string()),
            None => Row::Item(item),
        };
        let repeated =
            matches!((&row, rows.last()), (Row::Prefix(a), Some(Row::Prefix(b))) if a == b);
        if !repeated {
            rows.push(row);
        }
    }
    if max == 0 {
        return (Vec::new(), false);
    }
    let truncated = rows.len() > max;
    rows.truncate(max);
    (rows, truncated)
}

pub fn split<T: Clone>(rows: &[Row<T>]) -> (Vec<T>, Vec<String>) {
    let mut items = Vec::new();
    let mut prefixes = Vec::new();
    for row in rows {
        match row {
            Row::Item(item) => items.push(item.clone()),
            Row::Prefix(prefix) => prefixes.push(prefix.clone()),
        }
    }
    (items, prefixes)
}
