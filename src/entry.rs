//! Chain entries: object versions and delete markers.

use crate::content::{Content, ETag};
use crate::dialect::Dialect;
use crate::version_id::VersionId;

/// An object's type, as `x-oss-object-type` and the listings report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ObjectType {
    /// Made by PutObject or CopyObject.
    Normal,
    /// Made by AppendObject (oss only).
    Appendable,
    /// Made by CompleteMultipartUpload.
    Multipart,
}

impl core::fmt::Display for ObjectType {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            ObjectType::Normal => "Normal",
            ObjectType::Appendable => "Appendable",
            ObjectType::Multipart => "Multipart",
        })
    }
}

/// One entry of a chain as stored: its ID, creation time and what it is. Its sequence number
/// is the key it is stored under.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Entry {
    pub(crate) version_id: VersionId,
    pub(crate) created: u64,
    pub(crate) body: EntryBody,
}

/// A delete marker, or an object version with its content.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) enum EntryBody {
    DeleteMarker,
    Object(StoredObject),
}

/// An object version.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct StoredObject {
    pub(crate) content: Content,
    pub(crate) modified: u64,
    pub(crate) form: ObjectForm,
}

/// The type of an object version and what its ETag needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) enum ObjectForm {
    /// Made by PutObject (`etag` is [`ETagSource::Md5`]) or CopyObject (the source's, CT-6).
    Normal {
        etag: ETagSource,
    },
    Appendable {
        sealed: bool,
    },
    Multipart {
        digest: [u8; 16],
        parts: u32,
    },
}

/// What an object's ETag is computed from: one recipe per ETag rule.
///
/// Every object version has one: a simple upload's is [`Md5`](ETagSource::Md5), an
/// appendable's [`CrcAndLength`](ETagSource::CrcAndLength), a multipart object's
/// [`Parts`](ETagSource::Parts). A copy is a Normal object that keeps its source's recipe
/// together with its source's content, so its ETag is the source's (CT-6) by the same
/// computation, with no special case when it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) enum ETagSource {
    /// CT-3: the hex MD5 of the content; CT-5's form when the MD5 is unknown (MODEL).
    Md5,
    /// CT-5: derived from the CRC-64 and the length.
    CrcAndLength,
    /// CT-4: the MD5 over the listed parts' MD5s, then `-N`.
    Parts { digest: [u8; 16], parts: u32 },
}

impl ETagSource {
    /// The ETag of `content` by this recipe, in the dialect's case.
    pub(crate) fn etag(self, content: &Content, dialect: Dialect) -> ETag {
        let uppercase = dialect.uppercase_etags();
        match self {
            ETagSource::Md5 => match content.md5() {
                Some(digest) => ETag::of_digest(&digest, uppercase),
                None => ETag::of_crc_and_len(content),
            },
            ETagSource::CrcAndLength => ETag::of_crc_and_len(content),
            ETagSource::Parts { digest, parts } => ETag::of_multipart(&digest, parts, uppercase),
        }
    }
}

impl Entry {
    pub(crate) fn object(&self) -> Option<&StoredObject> {
        match &self.body {
            EntryBody::Object(object) => Some(object),
            EntryBody::DeleteMarker => None,
        }
    }

    pub(crate) fn is_delete_marker(&self) -> bool {
        matches!(self.body, EntryBody::DeleteMarker)
    }

    /// Whether this is an Appendable object that can still be appended to.
    pub(crate) fn is_unsealed_appendable(&self) -> bool {
        matches!(
            self.object().map(|object| object.form),
            Some(ObjectForm::Appendable { sealed: false })
        )
    }
}

impl StoredObject {
    pub(crate) fn object_type(&self) -> ObjectType {
        match self.form {
            ObjectForm::Normal { .. } => ObjectType::Normal,
            ObjectForm::Appendable { .. } => ObjectType::Appendable,
            ObjectForm::Multipart { .. } => ObjectType::Multipart,
        }
    }

    /// The recipe of this version's ETag: a Normal object's own, or the one its type implies.
    pub(crate) fn etag_source(&self) -> ETagSource {
        match self.form {
            ObjectForm::Normal { etag } => etag,
            ObjectForm::Appendable { .. } => ETagSource::CrcAndLength,
            ObjectForm::Multipart { digest, parts } => ETagSource::Parts { digest, parts },
        }
    }

    /// The ETag by CT-3, CT-4, CT-5 or CT-6, in the dialect's case.
    pub(crate) fn etag(&self, dialect: Dialect) -> ETag {
        self.etag_source().etag(&self.content, dialect)
    }
}

/// A read-only view of one entry of a chain, as the chain view and listings show it.
#[derive(Clone, Copy, Debug)]
pub struct ChainEntry<'a> {
    pub(crate) entry: &'a Entry,
    pub(crate) sequence: u64,
    pub(crate) is_latest: bool,
    pub(crate) dialect: Dialect,
}

impl<'a> ChainEntry<'a> {
    /// The entry's own version ID, `null` included, whatever a response would report.
    pub fn version_id(&self) -> &'a VersionId {
        &self.entry.version_id
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
        self.entry.object().map(StoredObject::object_type)
    }

    /// The content fingerprint, or `None` for a delete marker.
    pub fn content(&self) -> Option<&'a Content> {
        self.entry.object().map(|object| &object.content)
    }

    /// The length in bytes (0 for a delete marker).
    pub fn size(&self) -> u64 {
        self.content().map_or(0, Content::len)
    }

    /// The ETag, or `None` for a delete marker.
    pub fn etag(&self) -> Option<ETag> {
        self.entry.object().map(|object| object.etag(self.dialect))
    }

    /// The logical time the entry was created (LC-0).
    pub fn created(&self) -> u64 {
        self.entry.created
    }

    /// The logical time of the last change: creation, or an appendable's last append.
    pub fn last_modified(&self) -> u64 {
        self.entry
            .object()
            .map_or(self.entry.created, |object| object.modified)
    }

    /// Whether the entry is an Appendable object that is sealed (APP-7, APP-10).
    pub fn is_sealed(&self) -> bool {
        matches!(
            self.entry.object().map(|object| object.form),
            Some(ObjectForm::Appendable { sealed: true })
        )
    }
}
