//! The entry view: one entry of a chain as the chain view and the listings show it.

use crate::content::{Content, ETag};
use crate::dialect::Dialect;
use crate::key::ObjectKey;
use crate::metadata::Metadata;
use crate::object_type::ObjectType;
use crate::storage::attributes::Attributes;
use crate::storage::entry::{Entry, StoredObject};
use crate::storage::store::Store;
use crate::tags::Tags;
use crate::version_id::{IdSource, VersionId};

/// The tags of a version without any.
static NO_TAGS: Tags = Tags::EMPTY;
/// The user metadata of a version without any.
static NO_METADATA: Metadata = Metadata::EMPTY;

/// A read-only view of one entry of a chain, as the chain view and listings show it.
#[derive(Clone, Debug)]
pub struct EntryView<'a> {
    pub(crate) entry: &'a Entry,
    pub(crate) version_id: VersionId,
    pub(crate) object: Option<StoredObject>,
    pub(crate) sequence: u64,
    pub(crate) is_latest: bool,
    pub(crate) dialect: Dialect,
    pub(crate) attributes: Option<&'a Attributes>,
}

impl<'a> EntryView<'a> {
    /// The view of `entry`, which has `sequence` in `store`.
    pub(crate) fn new(
        store: &'a Store<dyn IdSource + 'a>,
        sequence: u64,
        entry: &'a Entry,
        is_latest: bool,
        dialect: Dialect,
    ) -> Self {
        EntryView {
            entry,
            version_id: store.id_of(sequence, entry),
            object: entry.object(),
            sequence,
            is_latest,
            dialect,
            attributes: store.attributes(sequence),
        }
    }

    /// The entry's own version ID, `null` included, whatever a response would report.
    pub fn version_id(&self) -> &VersionId {
        &self.version_id
    }

    /// The bucket-wide sequence number that orders the chain (ID-4).
    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    /// Whether the entry is its key's head (current version).
    pub fn is_latest(&self) -> bool {
        self.is_latest
    }

    /// Whether the entry is a delete marker.
    pub fn is_delete_marker(&self) -> bool {
        self.entry.is_delete_marker()
    }

    /// The object type, or `None` for a delete marker.
    pub fn object_type(&self) -> Option<ObjectType> {
        self.object.as_ref().map(StoredObject::object_type)
    }

    /// The content fingerprint, or `None` for a delete marker.
    pub fn content(&self) -> Option<&Content> {
        self.object.as_ref().map(|object| &object.content)
    }

    /// The length in bytes (0 for a delete marker).
    pub fn size(&self) -> u64 {
        self.content().map_or(0, Content::len)
    }

    /// The ETag, or `None` for a delete marker.
    pub fn etag(&self) -> Option<ETag> {
        self.object.as_ref().map(|object| object.etag(self.dialect))
    }

    /// The logical time the entry was created (LC-0).
    pub fn created(&self) -> u64 {
        self.entry.created()
    }

    /// The logical time of the last change: creation, or an appendable's last append.
    pub fn last_modified(&self) -> u64 {
        self.entry.modified()
    }

    /// Whether the entry is an Appendable object that is sealed (APP-7, APP-10).
    pub fn is_sealed(&self) -> bool {
        self.entry.is_sealed_appendable()
    }

    /// A Symlink's target key (SYM-2); `None` for every other entry.
    pub fn symlink_target(&self) -> Option<&ObjectKey> {
        self.attributes
            .and_then(|attributes| attributes.target.as_ref())
    }

    /// The version's tag set, ascending by key (TAG-1); empty for a delete marker.
    pub fn tags(&self) -> &Tags {
        self.attributes
            .map_or(&NO_TAGS, |attributes| &attributes.tags)
    }

    /// The version's user metadata, names lowercased (TAG-5); empty for a delete marker.
    pub fn metadata(&self) -> &Metadata {
        self.attributes
            .map_or(&NO_METADATA, |attributes| &attributes.metadata)
    }

    /// The content type (TAG-5), the dialect's default when none was written; `None` for a
    /// delete marker.
    pub fn content_type(&self) -> Option<&str> {
        self.object.as_ref()?;
        Some(
            self.attributes
                .and_then(|attributes| attributes.content_type.as_deref())
                .unwrap_or(self.dialect.default_content_type()),
        )
    }

    /// The storage class (TAG-5), the dialect's default when none was written; `None` for a
    /// delete marker.
    pub fn storage_class(&self) -> Option<&str> {
        self.object.as_ref()?;
        Some(
            self.attributes
                .and_then(|attributes| attributes.storage_class.as_deref())
                .unwrap_or(self.dialect.default_storage_class()),
        )
    }
}
