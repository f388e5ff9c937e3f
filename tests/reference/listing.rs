//! The reference's listings (LST).

use super::*;

impl<S: IdSource> RefBucket<S> {
    // --- LST ---

    /// LST-2: the page size by dialect.
    pub(super) fn max_keys(&self, requested: Option<u64>) -> Result<usize, Violation> {
        match (self.dialect, requested) {
            (Dialect::Oss, None) => Ok(100),
            (Dialect::Oss, Some(value)) if (1..=1000).contains(&value) => Ok(value as usize),
            (Dialect::Oss, Some(value)) => {
                Err(Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                    name: "max-keys",
                    value,
                }))
            }
            (Dialect::S3, None) => Ok(1000),
            (Dialect::S3, Some(value)) => Ok(value.min(1000) as usize),
        }
    }

    pub(super) fn list_versions(
        &self,
        prefix: String,
        delimiter: Option<String>,
        key_marker: Option<String>,
        version_id_marker: Option<VersionId>,
        max_keys: Option<u64>,
    ) -> Result<ListObjectVersionsOutcome, Violation> {
        let max = self.max_keys(max_keys)?;
        let key_marker = key_marker.filter(|marker| !marker.is_empty());
        if let Some(id) = &version_id_marker {
            Self::check_version_id(id)?;
        }
        if key_marker.is_none() && version_id_marker.is_some() {
            return Err(Violation::InvalidArgument(
                ArgumentError::VersionIdMarkerWithoutKeyMarker,
            ));
        }
        let delimiter = delimiter.filter(|delimiter| !delimiter.is_empty());
        // LST-3 / LST-4: resume within the marker key only if the version marker names one of
        // its entries (its position, counted from the oldest).
        let resume_at = match (&key_marker, &version_id_marker) {
            (Some(marker), Some(id)) => {
                let text = id.to_string();
                self.chain(marker)
                    .iter()
                    .position(|stored| stored.entry.id == text)
            }
            _ => None,
        };
        let marker_is_common_prefix = key_marker.as_ref().is_some_and(|marker| {
            common_prefix(marker, &prefix, delimiter.as_deref()).as_deref() == Some(marker.as_str())
        });
        let mut rows: Vec<Row<ListedVersion>> = Vec::new();
        for (key, chain) in self.sorted_chains() {
            if !key.starts_with(&prefix) {
                continue;
            }
            let common = common_prefix(&key, &prefix, delimiter.as_deref());
            // `chain` is newest first; the stored chain is oldest first.
            for (newest_first, entry) in chain.iter().enumerate() {
                let oldest_first = chain.len() - 1 - newest_first;
                let after_start = match (&key_marker, resume_at) {
                    (None, _) => true,
                    (Some(marker), Some(at)) => {
                        (key == *marker && oldest_first < at) || key.as_bytes() > marker.as_bytes()
                    }
                    (Some(marker), None) if marker_is_common_prefix => {
                        !key.starts_with(marker.as_str()) && key.as_bytes() > marker.as_bytes()
                    }
                    (Some(marker), None) => key.as_bytes() > marker.as_bytes(),
                };
                if !after_start {
                    continue;
                }
                let row = match &common {
                    Some(common) => Row::Prefix(common.clone()),
                    None => Row::Item(ListedVersion {
                        key: ObjectKey::new(key.clone()),
                        version_id: VersionId::new(entry.id.clone()),
                        is_latest: newest_first == 0,
                        delete_marker: entry.delete_marker,
                        object_type: entry.object_type,
                        size: (!entry.delete_marker).then_some(entry.size),
                        etag: entry.etag.clone().map(ETag::new),
                        storage_class: (!entry.delete_marker)
                            .then(|| entry.attrs.storage_class.clone()),
                        last_modified: entry.modified,
                    }),
                };
                if matches!(row, Row::Prefix(_)) && rows.last() == Some(&row) {
                    continue;
                }
                rows.push(row);
            }
        }
        let (rows, is_truncated) = page(rows, max);
        let (next_key_marker, next_version_id_marker) = match (is_truncated, rows.last()) {
            (true, Some(Row::Item(entry))) => (
                Some(entry.key.as_str().to_string()),
                Some(entry.version_id.clone()),
            ),
            (true, Some(Row::Prefix(common))) => (Some(common.clone()), None),
            _ => (None, None),
        };
        let (entries, common_prefixes) = split(rows);
        Ok(ListObjectVersionsOutcome {
            entries,
            common_prefixes,
            is_truncated,
            next_key_marker,
            next_version_id_marker,
        })
    }

    pub(super) fn list_objects(
        &self,
        prefix: String,
        delimiter: Option<String>,
        marker: Option<String>,
        max_keys: Option<u64>,
    ) -> Result<ListObjectsOutcome, Violation> {
        let max = self.max_keys(max_keys)?;
        let marker = marker.filter(|marker| !marker.is_empty());
        let delimiter = delimiter.filter(|delimiter| !delimiter.is_empty());
        let marker_is_common_prefix = marker.as_ref().is_some_and(|marker| {
            common_prefix(marker, &prefix, delimiter.as_deref()).as_deref() == Some(marker.as_str())
        });
        let mut rows: Vec<Row<ListedObject>> = Vec::new();
        for (key, chain) in self.sorted_chains() {
            let head = &chain[0];
            if head.delete_marker || !key.starts_with(&prefix) {
                continue;
            }
            let after_start = match &marker {
                None => true,
                Some(marker) if marker_is_common_prefix => {
                    !key.starts_with(marker.as_str()) && key.as_bytes() > marker.as_bytes()
                }
                Some(marker) => key.as_bytes() > marker.as_bytes(),
            };
            if !after_start {
                continue;
            }
            let row = match common_prefix(&key, &prefix, delimiter.as_deref()) {
                Some(common) => Row::Prefix(common),
                None => Row::Item(ListedObject {
                    key: ObjectKey::new(key.clone()),
                    version_id: VersionId::new(head.id.clone()),
                    size: head.size,
                    etag: ETag::new(head.etag.clone().expect("an object has an ETag")),
                    storage_class: head.attrs.storage_class.clone(),
                    last_modified: head.modified,
                }),
            };
            if matches!(row, Row::Prefix(_)) && rows.last() == Some(&row) {
                continue;
            }
            rows.push(row);
        }
        let (rows, is_truncated) = page(rows, max);
        let next_marker = match (is_truncated, rows.last()) {
            (true, Some(Row::Item(object))) => Some(object.key.as_str().to_string()),
            (true, Some(Row::Prefix(common))) => Some(common.clone()),
            _ => None,
        };
        let (objects, common_prefixes) = split(rows);
        Ok(ListObjectsOutcome {
            objects,
            common_prefixes,
            is_truncated,
            next_marker,
        })
    }
}
