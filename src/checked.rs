//! Parse, don't validate: a request's arguments checked once, at the boundary, into types that
//! cannot be wrong. Each operation parses its arguments in ERR-4's order (arguments before the
//! bucket's state) and hands the parsed values to the workers, which never check them again.

use alloc::string::String;
use alloc::vec::Vec;

use crate::dialect::Dialect;
use crate::metadata::Metadata;
use crate::request::CompletedPart;
use crate::tags::{MAX_TAG_KEY_LEN, MAX_TAG_VALUE_LEN, MAX_TAGS, Tags};
use crate::version_id::VersionId;
use crate::violation::{ArgumentError, MalformedXmlReason, TagError, Violation};

/// The most rows a listing page holds, and the default page of ListParts and
/// ListMultipartUploads (LST-2, MPU-9, MPU-10).
pub(crate) const MAX_PAGE: u64 = 1000;

/// The highest part number (MPU-2).
pub(crate) const MAX_PART_NUMBER: u32 = 10_000;

/// A key the dialect accepts: KEY-1 (oss) or KEY-2 (s3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Key<'a>(&'a str);

impl<'a> Key<'a> {
    /// Parses `key` under `dialect`'s rule, or the dialect's own error.
    pub(crate) fn parse(dialect: Dialect, key: &'a str) -> Result<Self, Violation> {
        dialect.check_key(key)?;
        Ok(Key(key))
    }

    /// The key's text.
    pub(crate) fn as_str(self) -> &'a str {
        self.0
    }
}

/// A version ID of well-formed syntax (ID-6): non-empty and at most 1024 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WellFormedId<'a>(&'a VersionId);

impl<'a> WellFormedId<'a> {
    /// Parses `id`, or `InvalidArgument` 400 (ID-6).
    pub(crate) fn parse(id: &'a VersionId) -> Result<Self, Violation> {
        id.check_syntax().map_err(Violation::InvalidArgument)?;
        Ok(WellFormedId(id))
    }

    /// Parses an optional ID: absent stays absent.
    pub(crate) fn parse_optional(id: Option<&'a VersionId>) -> Result<Option<Self>, Violation> {
        id.map(WellFormedId::parse).transpose()
    }

    /// The ID.
    pub(crate) fn get(self) -> &'a VersionId {
        self.0
    }
}

/// A page size within the operation's limits (LST-2, MPU-9, MPU-10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PageSize(usize);

impl PageSize {
    /// LST-2: the page size of ListObjectVersions and ListObjects, by dialect.
    ///
    /// - oss: 1..=1000, default 100; 0 or more than 1000 → `InvalidArgument` 400.
    /// - s3: 0..=1000, default 1000; more is capped to 1000.
    pub(crate) fn max_keys(dialect: Dialect, requested: Option<u64>) -> Result<Self, Violation> {
        let size = match (dialect, requested) {
            (Dialect::Oss, None) => 100,
            (Dialect::S3, None) => MAX_PAGE,
            (Dialect::Oss, Some(value)) if (1..=MAX_PAGE).contains(&value) => value,
            (Dialect::Oss, Some(value)) => {
                return Err(Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                    name: "max-keys",
                    value,
                }));
            }
            (Dialect::S3, Some(value)) => value.min(MAX_PAGE),
        };
        Ok(PageSize::within_max(size))
    }

    /// MPU-9, MPU-10: `max-parts` and `max-uploads` are 1..=1000, default 1000; else
    /// `InvalidArgument` 400.
    pub(crate) fn limit(name: &'static str, requested: Option<u64>) -> Result<Self, Violation> {
        match requested {
            None => Ok(PageSize::within_max(MAX_PAGE)),
            Some(value @ 1..=MAX_PAGE) => Ok(PageSize::within_max(value)),
            Some(value) => Err(Violation::InvalidArgument(ArgumentError::LimitOutOfRange {
                name,
                value,
            })),
        }
    }

    fn within_max(size: u64) -> Self {
        PageSize(usize::try_from(size).expect("a page size is at most 1000"))
    }

    /// The number of rows.
    pub(crate) fn get(self) -> usize {
        self.0
    }
}

/// A part number in 1..=10000 (MPU-2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PartNumber(u32);

impl PartNumber {
    /// Parses `number`, or `InvalidArgument` 400.
    pub(crate) fn parse(number: u32) -> Result<Self, Violation> {
        if (1..=MAX_PART_NUMBER).contains(&number) {
            Ok(PartNumber(number))
        } else {
            Err(Violation::InvalidArgument(
                ArgumentError::PartNumberOutOfRange(number),
            ))
        }
    }

    /// The number.
    pub(crate) fn get(self) -> u32 {
        self.0
    }
}

/// A Complete request's part list (MPU-4): non-empty and strictly ascending; MODEL (MP-9) its
/// part numbers are 1..=10000, so it has at most 10000 parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PartList<'a>(&'a [CompletedPart]);

impl<'a> PartList<'a> {
    /// Parses `parts`: `MalformedXML` 400 when empty, `InvalidPartOrder` 400 when out of order
    /// or out of range.
    pub(crate) fn parse(parts: &'a [CompletedPart]) -> Result<Self, Violation> {
        if parts.is_empty() {
            return Err(Violation::MalformedXml(MalformedXmlReason::NoParts));
        }
        let mut previous = 0;
        for part in parts {
            if part.part_number <= previous || part.part_number > MAX_PART_NUMBER {
                return Err(Violation::InvalidPartOrder);
            }
            previous = part.part_number;
        }
        Ok(PartList(parts))
    }

    /// The parts, ascending.
    pub(crate) fn get(self) -> &'a [CompletedPart] {
        self.0
    }

    /// The number of parts, at most 10000.
    pub(crate) fn count(self) -> u32 {
        u32::try_from(self.0.len()).expect("a part list has at most 10000 parts")
    }
}

/// TAG-3: a tag set as a version carries it — at most [`MAX_TAGS`] tags with distinct keys of
/// 1..=128 bytes and values of at most 256 bytes — ascending by key; else `InvalidTag` 400.
pub(crate) fn tag_set(tags: &Tags) -> Result<Tags, Violation> {
    if tags.len() > MAX_TAGS {
        return Err(Violation::InvalidTag(TagError::TooMany(tags.len())));
    }
    let mut pairs: Vec<(String, String)> = Vec::with_capacity(tags.len());
    for (key, value) in tags.iter() {
        if key.is_empty() || key.len() > MAX_TAG_KEY_LEN {
            return Err(Violation::InvalidTag(TagError::KeyLength(key.len())));
        }
        if value.len() > MAX_TAG_VALUE_LEN {
            return Err(Violation::InvalidTag(TagError::ValueLength(value.len())));
        }
        match pairs.binary_search_by(|(own, _)| own.as_str().cmp(key)) {
            Ok(_) => return Err(Violation::InvalidTag(TagError::DuplicateKey(key.into()))),
            Err(at) => pairs.insert(at, (key.into(), value.into())),
        }
    }
    Ok(Tags::from_pairs(pairs))
}

/// TAG-5: the metadata a write gives a version, in the stored form (see
/// [`Attributes`](crate::storage::attributes::Attributes)): the content type (`None` when
/// absent or the dialect's default), the user metadata (names lowercased and ascending, a
/// repeated name's values joined with `,`; at most the dialect's size, else
/// `MetadataTooLarge` 400) and the storage class (`None` when absent or the default; one the
/// dialect does not know is `InvalidStorageClass` 400).
pub(crate) struct NewMetadata {
    pub(crate) content_type: Option<String>,
    pub(crate) metadata: Metadata,
    pub(crate) storage_class: Option<String>,
}

impl NewMetadata {
    /// Parses a write's metadata fields under `dialect`.
    pub(crate) fn parse(
        dialect: Dialect,
        content_type: Option<&String>,
        metadata: Option<&Metadata>,
        storage_class: Option<&String>,
    ) -> Result<Self, Violation> {
        let metadata = match metadata {
            Some(metadata) => user_metadata(dialect, metadata)?,
            None => Metadata::new(),
        };
        Ok(NewMetadata {
            content_type: content_type
                .filter(|content_type| *content_type != dialect.default_content_type())
                .cloned(),
            metadata,
            storage_class: self::storage_class(dialect, storage_class)?,
        })
    }
}

/// TAG-5: a storage class the dialect knows, `None` for the default or none given.
pub(crate) fn storage_class(
    dialect: Dialect,
    storage_class: Option<&String>,
) -> Result<Option<String>, Violation> {
    match storage_class {
        None => Ok(None),
        Some(class) if !dialect.storage_classes().contains(&class.as_str()) => {
            Err(Violation::InvalidStorageClass {
                storage_class: class.clone(),
            })
        }
        Some(class) if class == dialect.default_storage_class() => Ok(None),
        Some(class) => Ok(Some(class.clone())),
    }
}

/// TAG-5: user metadata in the stored form, within the dialect's size.
fn user_metadata(dialect: Dialect, metadata: &Metadata) -> Result<Metadata, Violation> {
    let size: usize = metadata
        .iter()
        .map(|(name, value)| name.len().saturating_add(value.len()))
        .fold(0, usize::saturating_add);
    if size > dialect.max_metadata_size() {
        return Err(Violation::MetadataTooLarge {
            size,
            max_size: dialect.max_metadata_size(),
        });
    }
    let mut pairs: Vec<(String, String)> = Vec::with_capacity(metadata.len());
    for (name, value) in metadata.iter() {
        let name = name.to_ascii_lowercase();
        match pairs.binary_search_by(|(own, _)| own.cmp(&name)) {
            Ok(at) => {
                pairs[at].1.push(',');
                pairs[at].1.push_str(value);
            }
            Err(at) => pairs.insert(at, (name, value.into())),
        }
    }
    Ok(Metadata::from_pairs(pairs))
}

/// The tags and metadata a write gives its new version, as the request has them.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct GivenAttributes<'a> {
    pub(crate) tags: Option<&'a Tags>,
    pub(crate) content_type: Option<&'a String>,
    pub(crate) metadata: Option<&'a Metadata>,
    pub(crate) storage_class: Option<&'a String>,
}

impl GivenAttributes<'_> {
    /// Whether the write gives no tags, content type, metadata or storage class at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.tags.is_none()
            && self.content_type.is_none()
            && self.metadata.is_none()
            && self.storage_class.is_none()
    }

    /// TAG-3 and TAG-5, in that order: the tag set, then the metadata.
    pub(crate) fn parse(self, dialect: Dialect) -> Result<(Tags, NewMetadata), Violation> {
        let tags = match self.tags {
            Some(tags) => tag_set(tags)?,
            None => Tags::new(),
        };
        let metadata = NewMetadata::parse(
            dialect,
            self.content_type,
            self.metadata,
            self.storage_class,
        )?;
        Ok((tags, metadata))
    }
}
