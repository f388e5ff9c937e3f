//! Stored entries: object versions and delete markers, packed.

use crate::content::{Content, ETag};
use crate::dialect::Dialect;
use crate::object_type::ObjectType;

/// How an entry's version ID is kept: not at all for `null` and for an ID the bucket's source
/// derives from the entry's sequence number; in the store's name index otherwise (supplied
/// IDs, ID-5, and IDs from a source that cannot be inverted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IdKind {
    Null,
    Derived,
    Named,
}

/// What an entry is, with the ETag recipe of a Normal object (see [`Entry`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    DeleteMarker,
    /// A Normal object with [`ETagSource::Md5`] whose MD5 is known (in `digest`).
    NormalMd5,
    /// A Normal object with [`ETagSource::Md5`] whose MD5 is unknown.
    NormalNoMd5,
    /// A Normal object with [`ETagSource::CrcAndLength`].
    NormalCrc,
    /// A Normal object with [`ETagSource::Parts`] (`digest`, `parts`).
    NormalParts,
    /// An Appendable object; `digest` holds the modification time.
    Appendable {
        sealed: bool,
    },
    /// A Multipart object (`digest`, `parts`).
    Multipart,
    /// A Symlink (SYM-2): empty content whose MD5 is in `digest`; its target is kept with the
    /// version's attributes.
    Symlink,
}

/// One entry of a chain as stored, packed into 48 bytes: its sequence number is the key it is
/// stored under and its version ID is kept as [`IdKind`] says.
///
/// The 16-byte `digest` slot is shared by what no entry needs twice: the MD5 of a Normal
/// object's content, the digest of a multipart object (or of a copy of one), or an
/// appendable's modification time. A content's MD5 is only ever known for a Normal object with
/// the MD5 recipe (an append, a multipart assembly and a copy of either have none, CT-2), and
/// only an appendable changes after its creation (APP-4), so every other object's modification
/// time is its creation time. [`Entry::pack`] keeps exactly the entries made by commands;
/// [`Entry::pack_exact`] says whether a given entry (from a snapshot) fits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    created: u64,
    len: u64,
    crc64: u64,
    digest: [u8; 16],
    parts: u32,
    kind: Kind,
    pub(crate) id: IdKind,
}

/// A delete marker, or an object version with its content: an entry unpacked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) enum EntryBody {
    DeleteMarker,
    Object(StoredObject),
}

/// An object version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    /// Made by PutSymlink or a copy of a link (SYM-2, SYM-5): empty content, whose ETag is
    /// CT-3's (the MD5 of no bytes, MODEL); the target key is kept with the version's
    /// attributes.
    Symlink,
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
    /// The entry for `body`, created at `created`, with its ID kept as `id` says.
    ///
    /// Exact for every body a command makes; for any other, what does not fit the layout (see
    /// [`Entry`]) is dropped, which [`Entry::pack_exact`] detects.
    pub(crate) fn pack(body: &EntryBody, created: u64, id: IdKind) -> Entry {
        let mut entry = Entry {
            created,
            len: 0,
            crc64: 0,
            digest: [0; 16],
            parts: 0,
            kind: Kind::DeleteMarker,
            id,
        };
        let EntryBody::Object(object) = body else {
            return entry;
        };
        entry.len = object.content.len();
        entry.crc64 = object.content.crc64();
        entry.kind = match object.form {
            ObjectForm::Normal {
                etag: ETagSource::Md5,
            } => match object.content.md5() {
                Some(md5) => {
                    entry.digest = md5;
                    Kind::NormalMd5
                }
                None => Kind::NormalNoMd5,
            },
            ObjectForm::Normal {
                etag: ETagSource::CrcAndLength,
            } => Kind::NormalCrc,
            ObjectForm::Normal {
                etag: ETagSource::Parts { digest, parts },
            } => {
                (entry.digest, entry.parts) = (digest, parts);
                Kind::NormalParts
            }
            ObjectForm::Appendable { sealed } => {
                entry.set_modified(object.modified);
                Kind::Appendable { sealed }
            }
            ObjectForm::Multipart { digest, parts } => {
                (entry.digest, entry.parts) = (digest, parts);
                Kind::Multipart
            }
            ObjectForm::Symlink => {
                entry.digest = object.content.md5().unwrap_or_default();
                Kind::Symlink
            }
        };
        entry
    }

    /// [`Entry::pack`], if it keeps `body` exactly.
    #[cfg(feature = "serde")]
    pub(crate) fn pack_exact(body: &EntryBody, created: u64, id: IdKind) -> Option<Entry> {
        let entry = Entry::pack(body, created, id);
        (entry.body() == *body).then_some(entry)
    }

    /// What the entry is, unpacked.
    #[cfg(feature = "serde")]
    pub(crate) fn body(&self) -> EntryBody {
        match self.object() {
            Some(object) => EntryBody::Object(object),
            None => EntryBody::DeleteMarker,
        }
    }

    /// The object version, or `None` for a delete marker.
    pub(crate) fn object(&self) -> Option<StoredObject> {
        let fingerprint = |md5| Content::from_fingerprint(self.len, self.crc64, md5);
        let (content, form) = match self.kind {
            Kind::DeleteMarker => return None,
            Kind::NormalMd5 => (
                fingerprint(Some(self.digest)),
                ObjectForm::Normal {
                    etag: ETagSource::Md5,
                },
            ),
            Kind::NormalNoMd5 => (
                fingerprint(None),
                ObjectForm::Normal {
                    etag: ETagSource::Md5,
                },
            ),
            Kind::NormalCrc => (
                fingerprint(None),
                ObjectForm::Normal {
                    etag: ETagSource::CrcAndLength,
                },
            ),
            Kind::NormalParts => (
                fingerprint(None),
                ObjectForm::Normal {
                    etag: ETagSource::Parts {
                        digest: self.digest,
                        parts: self.parts,
                    },
                },
            ),
            Kind::Appendable { sealed } => (fingerprint(None), ObjectForm::Appendable { sealed }),
            Kind::Multipart => (
                fingerprint(None),
                ObjectForm::Multipart {
                    digest: self.digest,
                    parts: self.parts,
                },
            ),
            Kind::Symlink => (fingerprint(Some(self.digest)), ObjectForm::Symlink),
        };
        Some(StoredObject {
            content,
            modified: self.modified(),
            form,
        })
    }

    /// The logical time the entry was created (LC-0).
    pub(crate) fn created(&self) -> u64 {
        self.created
    }

    /// The logical time of the last change: an appendable's last append, else the creation.
    pub(crate) fn modified(&self) -> u64 {
        match self.kind {
            Kind::Appendable { .. } => {
                let mut time = [0u8; 8];
                time.copy_from_slice(&self.digest[..8]);
                u64::from_le_bytes(time)
            }
            _ => self.created,
        }
    }

    fn set_modified(&mut self, time: u64) {
        self.digest[..8].copy_from_slice(&time.to_le_bytes());
    }

    /// The content's length in bytes (0 for a delete marker).
    pub(crate) fn size(&self) -> u64 {
        self.len
    }

    pub(crate) fn is_delete_marker(&self) -> bool {
        self.kind == Kind::DeleteMarker
    }

    /// Whether the entry is an Appendable object that is sealed (APP-7, APP-10).
    pub(crate) fn is_sealed_appendable(&self) -> bool {
        self.kind == Kind::Appendable { sealed: true }
    }

    /// Whether this is an Appendable object that can still be appended to.
    pub(crate) fn is_unsealed_appendable(&self) -> bool {
        self.kind == Kind::Appendable { sealed: false }
    }

    /// APP-7, APP-10: seals an appendable for good; anything else is left as it is.
    pub(crate) fn seal(&mut self) {
        if let Kind::Appendable { sealed } = &mut self.kind {
            *sealed = true;
        }
    }

    /// APP-4: an unsealed appendable's content becomes `content`, modified at `now`; anything
    /// else is left as it is.
    pub(crate) fn append(&mut self, content: &Content, now: u64) {
        if self.is_unsealed_appendable() {
            (self.len, self.crc64) = (content.len(), content.crc64());
            self.set_modified(now);
        }
    }
}

impl StoredObject {
    pub(crate) fn object_type(&self) -> ObjectType {
        match self.form {
            ObjectForm::Normal { .. } => ObjectType::Normal,
            ObjectForm::Appendable { .. } => ObjectType::Appendable,
            ObjectForm::Multipart { .. } => ObjectType::Multipart,
            ObjectForm::Symlink => ObjectType::Symlink,
        }
    }

    /// A link's object version (SYM-2): empty content, created at `now`.
    pub(crate) fn symlink(now: u64) -> Self {
        StoredObject {
            content: Content::from_bytes(b""),
            modified: now,
            form: ObjectForm::Symlink,
        }
    }

    /// Whether this is a Symlink (SYM).
    pub(crate) fn is_symlink(&self) -> bool {
        self.form == ObjectForm::Symlink
    }

    /// The recipe of this version's ETag: a Normal object's own, or the one its type implies.
    pub(crate) fn etag_source(&self) -> ETagSource {
        match self.form {
            ObjectForm::Normal { etag } => etag,
            ObjectForm::Symlink => ETagSource::Md5,
            ObjectForm::Appendable { .. } => ETagSource::CrcAndLength,
            ObjectForm::Multipart { digest, parts } => ETagSource::Parts { digest, parts },
        }
    }

    /// The ETag by CT-3, CT-4, CT-5 or CT-6, in the dialect's case.
    pub(crate) fn etag(&self, dialect: Dialect) -> ETag {
        self.etag_source().etag(&self.content, dialect)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // An entry is packed into 48 bytes: the store's memory per version rests on it.
    #[test]
    fn an_entry_is_48_bytes() {
        assert_eq!(core::mem::size_of::<Entry>(), 48);
    }

    // Every object a command makes round-trips through the packing.
    #[test]
    fn packing_keeps_what_commands_make() {
        let md5 = Content::from_bytes(b"v1");
        let no_md5 = Content::from_fingerprint(7, 9, None);
        let bodies = [
            EntryBody::DeleteMarker,
            object(
                md5,
                5,
                ObjectForm::Normal {
                    etag: ETagSource::Md5,
                },
            ),
            object(
                no_md5,
                5,
                ObjectForm::Normal {
                    etag: ETagSource::Md5,
                },
            ),
            object(
                no_md5,
                5,
                ObjectForm::Normal {
                    etag: ETagSource::CrcAndLength,
                },
            ),
            object(
                no_md5,
                5,
                ObjectForm::Normal {
                    etag: ETagSource::Parts {
                        digest: [3; 16],
                        parts: 2,
                    },
                },
            ),
            object(no_md5, 9, ObjectForm::Appendable { sealed: false }),
            object(no_md5, 9, ObjectForm::Appendable { sealed: true }),
            object(
                no_md5,
                5,
                ObjectForm::Multipart {
                    digest: [4; 16],
                    parts: 10_000,
                },
            ),
            EntryBody::Object(StoredObject::symlink(5)),
        ];
        for body in bodies {
            let entry = Entry::pack(&body, 5, IdKind::Derived);
            assert_eq!(
                entry.object(),
                match body {
                    EntryBody::Object(object) => Some(object),
                    EntryBody::DeleteMarker => None,
                }
            );
        }
    }

    fn object(content: Content, modified: u64, form: ObjectForm) -> EntryBody {
        EntryBody::Object(StoredObject {
            content,
            modified,
            form,
        })
    }
}
