//! What an object version carries besides its content: its tags (TAG-1), metadata (TAG-5)
//! and, for a Symlink, its target key (SYM-2); in a lock-enabled bucket, its retention and
//! legal hold (OL-2). Most versions carry only the defaults, so the
//! store keeps attributes apart from the packed entries, for the versions that have any.

use alloc::string::String;

use crate::checked::{GivenAttributes, NewMetadata};
use crate::dialect::Dialect;
use crate::key::ObjectKey;
use crate::lock::{Retention, VersionLock};
use crate::metadata::Metadata;
use crate::tags::Tags;
use crate::violation::Violation;

/// An object version's tags and metadata, in canonical form: tags ascending by key (TAG-3
/// holds), metadata names lowercased and ascending, and `None` for a content type or storage
/// class that is the dialect's default, so that equal attributes are equal values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub(crate) struct Attributes {
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Tags::is_empty")
    )]
    pub(crate) tags: Tags,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) content_type: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Metadata::is_empty")
    )]
    pub(crate) metadata: Metadata,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) storage_class: Option<String>,
    /// A Symlink's target key (SYM-2), and `None` for every other version. A snapshot written
    /// before symlinks existed has none.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) target: Option<ObjectKey>,
    /// The version's retention (OL-2), in a lock-enabled bucket.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) retention: Option<Retention>,
    /// The version's legal hold (OL-2).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub(crate) legal_hold: bool,
}

/// Whether a flag is off (left out of snapshots).
#[cfg(feature = "serde")]
fn is_false(flag: &bool) -> bool {
    !*flag
}

impl Attributes {
    /// Whether these are the defaults: no tags, no user metadata, the default content type and
    /// storage class.
    pub(crate) fn is_default(&self) -> bool {
        self.tags.is_empty()
            && self.content_type.is_none()
            && self.metadata.is_empty()
            && self.storage_class.is_none()
            && self.target.is_none()
            && self.lock().is_none()
    }

    /// The retention and legal hold (OL-2).
    pub(crate) fn lock(&self) -> VersionLock {
        VersionLock {
            retention: self.retention,
            legal_hold: self.legal_hold,
        }
    }

    /// Sets the retention and legal hold (OL-2).
    pub(crate) fn set_lock(&mut self, lock: VersionLock) {
        self.retention = lock.retention;
        self.legal_hold = lock.legal_hold;
    }
}

impl Attributes {
    /// The attributes a write gives its new version, checked (TAG-3, TAG-5).
    pub(crate) fn parse(given: GivenAttributes<'_>, dialect: Dialect) -> Result<Self, Violation> {
        if given.is_empty() {
            // Most writes give nothing: the defaults, without checking an empty request.
            return Ok(Attributes::default());
        }
        let (tags, metadata) = given.parse(dialect)?;
        Ok(Attributes::new(tags, metadata))
    }

    /// Checked tags and metadata, together.
    pub(crate) fn new(tags: Tags, metadata: NewMetadata) -> Self {
        Attributes {
            tags,
            content_type: metadata.content_type,
            metadata: metadata.metadata,
            storage_class: metadata.storage_class,
            target: None,
            retention: None,
            legal_hold: false,
        }
    }

    /// The content type, the dialect's default when none was written (TAG-5).
    pub(crate) fn content_type(this: Option<&Self>, dialect: Dialect) -> String {
        this.and_then(|attributes| attributes.content_type.clone())
            .unwrap_or_else(|| dialect.default_content_type().into())
    }

    /// The storage class, the dialect's default when none was written (TAG-5).
    pub(crate) fn storage_class(this: Option<&Self>, dialect: Dialect) -> String {
        this.and_then(|attributes| attributes.storage_class.clone())
            .unwrap_or_else(|| dialect.default_storage_class().into())
    }
}
