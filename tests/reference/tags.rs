//! The reference's tags and per-version metadata (TAG-1..TAG-6), written from `rules.md`:
//! every version carries its resolved attributes (the default content type and storage class
//! spelled out), tag sets are sorted `Vec`s checked by linear scans.

use super::*;
use bucket_versioning::metadata::Directive;
use bucket_versioning::outcome::{GetObjectTaggingOutcome, TaggingOutcome};
use bucket_versioning::violation::TagError;
use bucket_versioning::{Metadata, Tags};

/// Name-value pairs, in order.
pub type Pairs = Vec<(String, String)>;

/// A version's tags and metadata, resolved: a delete marker's are all empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RefAttrs {
    /// Ascending by key.
    pub tags: Vec<(String, String)>,
    pub content_type: String,
    /// Names lowercased, ascending.
    pub metadata: Vec<(String, String)>,
    pub storage_class: String,
}

impl RefAttrs {
    /// The attributes of a version written without any (TAG-5's defaults).
    pub fn defaults(dialect: Dialect) -> Self {
        RefAttrs {
            tags: Vec::new(),
            content_type: match dialect {
                Dialect::Oss => "application/octet-stream",
                Dialect::S3 => "binary/octet-stream",
            }
            .to_string(),
            metadata: Vec::new(),
            storage_class: match dialect {
                Dialect::Oss => "Standard",
                Dialect::S3 => "STANDARD",
            }
            .to_string(),
        }
    }
}

const OSS_CLASSES: [&str; 5] = [
    "Standard",
    "IA",
    "Archive",
    "ColdArchive",
    "DeepColdArchive",
];
const S3_CLASSES: [&str; 11] = [
    "STANDARD",
    "REDUCED_REDUNDANCY",
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
    "GLACIER",
    "DEEP_ARCHIVE",
    "OUTPOSTS",
    "GLACIER_IR",
    "SNOW",
    "EXPRESS_ONEZONE",
];

/// TAG-3, naively: count, then each pair in order (key length, value length, repeat).
pub fn check_tags(tags: &Tags) -> Result<Vec<(String, String)>, Violation> {
    let pairs: Vec<(String, String)> = tags
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect();
    if pairs.len() > 10 {
        return Err(Violation::InvalidTag(TagError::TooMany(pairs.len())));
    }
    for (index, (key, value)) in pairs.iter().enumerate() {
        if key.is_empty() || key.len() > 128 {
            return Err(Violation::InvalidTag(TagError::KeyLength(key.len())));
        }
        if value.len() > 256 {
            return Err(Violation::InvalidTag(TagError::ValueLength(value.len())));
        }
        if pairs[..index].iter().any(|(earlier, _)| earlier == key) {
            return Err(Violation::InvalidTag(TagError::DuplicateKey(key.clone())));
        }
    }
    let mut sorted = pairs;
    sorted.sort();
    Ok(sorted)
}

impl<S: IdSource> RefBucket<S> {
    /// TAG-5, naively: the size of names and values, then the class; the content type as given
    /// or the default.
    pub(super) fn check_metadata(
        &self,
        content_type: Option<&String>,
        metadata: Option<&Metadata>,
        storage_class: Option<&String>,
    ) -> Result<(String, Pairs, String), Violation> {
        let defaults = RefAttrs::defaults(self.dialect);
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(metadata) = metadata {
            let size: usize = metadata
                .iter()
                .map(|(name, value)| name.len() + value.len())
                .sum();
            let max = match self.dialect {
                Dialect::Oss => 8192,
                Dialect::S3 => 2048,
            };
            if size > max {
                return Err(Violation::MetadataTooLarge {
                    size,
                    max_size: max,
                });
            }
            for (name, value) in metadata.iter() {
                let name = name.to_ascii_lowercase();
                match pairs.iter_mut().find(|(own, _)| *own == name) {
                    Some((_, joined)) => *joined = format!("{joined},{value}"),
                    None => pairs.push((name, value.to_string())),
                }
            }
            pairs.sort();
        }
        let class = self.check_class(storage_class)?;
        Ok((
            content_type.cloned().unwrap_or(defaults.content_type),
            pairs,
            class,
        ))
    }

    /// TAG-5: a storage class of the dialect, or the default.
    pub(super) fn check_class(&self, storage_class: Option<&String>) -> Result<String, Violation> {
        let known: &[&str] = match self.dialect {
            Dialect::Oss => &OSS_CLASSES,
            Dialect::S3 => &S3_CLASSES,
        };
        match storage_class {
            None => Ok(known[0].to_string()),
            Some(class) if known.contains(&class.as_str()) => Ok(class.clone()),
            Some(class) => Err(Violation::InvalidStorageClass {
                storage_class: class.clone(),
            }),
        }
    }

    /// TAG-3 then TAG-5: the attributes a write gives its version.
    pub(super) fn given_attrs(
        &self,
        tags: Option<&Tags>,
        content_type: Option<&String>,
        metadata: Option<&Metadata>,
        storage_class: Option<&String>,
    ) -> Result<RefAttrs, Violation> {
        let tags = match tags {
            Some(tags) => check_tags(tags)?,
            None => Vec::new(),
        };
        let (content_type, metadata, storage_class) =
            self.check_metadata(content_type, metadata, storage_class)?;
        Ok(RefAttrs {
            tags,
            content_type,
            metadata,
            storage_class,
        })
    }

    /// TAG-1, TAG-6: a copy's checked arguments: the tags under REPLACE, the content type and
    /// metadata under REPLACE, and the class.
    pub(super) fn copy_args(&self, copy: &CopyObject) -> Result<CopyArgs, Violation> {
        let tags = match copy.tagging_directive {
            Some(Directive::Replace) => Some(match &copy.tags {
                Some(tags) => check_tags(tags)?,
                None => Vec::new(),
            }),
            _ => None,
        };
        let metadata = match copy.metadata_directive {
            Some(Directive::Replace) => {
                let (content_type, metadata, _) =
                    self.check_metadata(copy.content_type.as_ref(), copy.metadata.as_ref(), None)?;
                Some((content_type, metadata))
            }
            _ => None,
        };
        let storage_class = self.check_class(copy.storage_class.as_ref())?;
        Ok(CopyArgs {
            tags,
            metadata,
            storage_class,
        })
    }

    // --- TAG-2 ---

    /// The version a tagging request names, by its index in the key's chain.
    pub(super) fn tagged(
        &self,
        key: &str,
        version_id: Option<&VersionId>,
    ) -> Result<usize, Violation> {
        self.check_key(key)?;
        if let Some(id) = version_id {
            Self::check_version_id(id)?;
        }
        let chain = self.chain(key);
        let index = match version_id {
            None => chain.len().checked_sub(1),
            Some(id) => chain
                .iter()
                .position(|stored| stored.entry.id == id.to_string()),
        };
        let Some(index) = index else {
            return Err(match version_id {
                None => Violation::NoSuchKey {
                    delete_marker: false,
                    version_id: None,
                },
                Some(id) => Violation::NoSuchVersion {
                    version_id: id.clone(),
                },
            });
        };
        let entry = &chain[index].entry;
        if entry.delete_marker {
            return Err(match self.dialect {
                Dialect::S3 => Violation::MethodNotAllowed {
                    version_id: VersionId::new(entry.id.clone()),
                },
                Dialect::Oss => Violation::NoSuchKey {
                    delete_marker: true,
                    version_id: self.reported_read(&entry.id),
                },
            });
        }
        Ok(index)
    }

    pub(super) fn put_tagging(
        &mut self,
        key: &str,
        version_id: Option<VersionId>,
        tags: &Tags,
    ) -> Result<TaggingOutcome, Violation> {
        self.check_key(key)?;
        if let Some(id) = &version_id {
            Self::check_version_id(id)?;
        }
        let tags = check_tags(tags)?;
        let index = self.tagged(key, version_id.as_ref())?;
        let stored = &mut self.chain_mut(key)[index];
        stored.entry.attrs.tags = tags;
        let id = stored.entry.id.clone();
        Ok(TaggingOutcome {
            version_id: self.reported_read(&id),
        })
    }

    pub(super) fn get_tagging(
        &self,
        key: &str,
        version_id: Option<VersionId>,
    ) -> Result<GetObjectTaggingOutcome, Violation> {
        let index = self.tagged(key, version_id.as_ref())?;
        let entry = &self.chain(key)[index].entry;
        Ok(GetObjectTaggingOutcome {
            version_id: self.reported_read(&entry.id),
            tags: entry.attrs.tags.iter().cloned().collect(),
        })
    }

    pub(super) fn delete_tagging(
        &mut self,
        key: &str,
        version_id: Option<VersionId>,
    ) -> Result<TaggingOutcome, Violation> {
        let index = self.tagged(key, version_id.as_ref())?;
        let stored = &mut self.chain_mut(key)[index];
        stored.entry.attrs.tags.clear();
        let id = stored.entry.id.clone();
        Ok(TaggingOutcome {
            version_id: self.reported_read(&id),
        })
    }
}

/// A copy's checked tag and metadata arguments.
pub struct CopyArgs {
    pub tags: Option<Vec<(String, String)>>,
    pub metadata: Option<(String, Vec<(String, String)>)>,
    pub storage_class: String,
}

impl CopyArgs {
    /// TAG-6 (s3): whether a copy of a version with `source` onto itself changes nothing.
    pub fn changes_nothing(&self, source: &RefAttrs) -> bool {
        self.tags.is_none() && self.metadata.is_none() && self.storage_class == source.storage_class
    }

    /// The copy's attributes.
    pub fn attrs(&self, source: &RefAttrs) -> RefAttrs {
        let (content_type, metadata) = self
            .metadata
            .clone()
            .unwrap_or_else(|| (source.content_type.clone(), source.metadata.clone()));
        RefAttrs {
            tags: self.tags.clone().unwrap_or_else(|| source.tags.clone()),
            content_type,
            metadata,
            storage_class: self.storage_class.clone(),
        }
    }
}
