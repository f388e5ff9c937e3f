//! GetObject and HeadObject (GET).

use crate::bucket::Bucket;
use crate::checked::{Key, WellFormedId};
use crate::outcome::ObjectMeta;
use crate::request::{ToGetObject, ToHeadObject};
use crate::storage::attributes::Attributes;
use crate::storage::entry::{Entry, ObjectForm, StoredObject};
use crate::version_id::{IdSource, VersionId};
use crate::violation::Violation;

impl<S: IdSource> Bucket<S> {
    /// GetObject: the head, or the version named by `version_id`. Reads never change the
    /// bucket (GET-7).
    ///
    /// - GET-1: no version ID and the head is an object: that object.
    /// - GET-2: the head is a delete marker: `NoSuchKey` 404 with the marker's flag and ID.
    /// - GET-3: no entries: `NoSuchKey` 404 without the flag.
    /// - GET-4: a version ID naming an object version, head or not: that version.
    /// - GET-5: a version ID naming a delete marker: `MethodNotAllowed` 405 with flag and ID.
    /// - GET-6: a version ID naming nothing: `NoSuchVersion` 404; `null` names the null entry
    ///   in every state.
    /// - RSP-3: the reported ID is the entry's, `null` included, except in an Unversioned
    ///   bucket, where none is reported.
    /// - TAG-5: the version's content type, user metadata and storage class are reported.
    /// - SYM-4: a Symlink is resolved to its target key's current version at read time: that
    ///   version's content and metadata are reported (its type, size, ETag, CRC-64,
    ///   Last-Modified, content type, user metadata and storage class), with the link's own
    ///   version ID. A target with no entries or a delete marker as its head is
    ///   `SymlinkTargetNotExist` 404; a target whose head is a Symlink is `InvalidTargetType`
    ///   400.
    ///
    /// Takes the request, or just a key to read the head: `bucket.get_object("a.txt")`,
    /// `bucket.get_object(GetObject::new("a.txt").version_id(id))`.
    pub fn get_object<'a>(&self, request: impl ToGetObject<'a>) -> Result<ObjectMeta, Violation> {
        let request = request.into_named();
        self.read(&request.key, request.version_id.as_ref())
    }

    /// HeadObject: the same selection and errors as [`get_object`](Self::get_object), without
    /// a body (GET-5 applies to HEAD too).
    pub fn head_object<'a>(&self, request: impl ToHeadObject<'a>) -> Result<ObjectMeta, Violation> {
        let request = request.into_named();
        self.read(&request.key, request.version_id.as_ref())
    }

    /// The worker GetObject and HeadObject share: arguments parsed (ERR-4), then the entry
    /// selected (GET-1..GET-6), then a Symlink resolved (SYM-4).
    fn read(&self, key: &str, version_id: Option<&VersionId>) -> Result<ObjectMeta, Violation> {
        let key = Key::parse(self.dialect(), key)?;
        let version_id = WellFormedId::parse_optional(version_id)?;
        let selected = self.select_version(key, version_id)?;
        let reported = self.reported_read_id(&selected.id);
        let (sequence, object) = match selected.object.form {
            ObjectForm::Symlink => self.resolve_symlink(selected.sequence)?,
            _ => (selected.sequence, selected.object),
        };
        let attributes = self.store.attributes(sequence);
        let (next_position, sealed) = match object.form {
            ObjectForm::Appendable { sealed } => (Some(object.content.len()), Some(sealed)),
            ObjectForm::Normal { .. } | ObjectForm::Multipart { .. } | ObjectForm::Symlink => {
                (None, None)
            }
        };
        Ok(ObjectMeta {
            version_id: reported,
            object_type: object.object_type(),
            size: object.content.len(),
            etag: object.etag(self.dialect()),
            crc64: object.content.crc64(),
            last_modified: object.modified,
            next_position,
            sealed,
            content_type: Attributes::content_type(attributes, self.dialect()),
            metadata: attributes
                .map(|attributes| attributes.metadata.clone())
                .unwrap_or_default(),
            storage_class: Attributes::storage_class(attributes, self.dialect()),
        })
    }

    /// GET-1..GET-6: the object version a read selects — the head, or the entry `version_id`
    /// names — with its sequence number and own ID; the read errors otherwise. GetObject,
    /// HeadObject, GetSymlink (SYM-3) and GetObjectMeta (GET-8) all select this way.
    pub(crate) fn select_version(
        &self,
        key: Key<'_>,
        version_id: Option<WellFormedId<'_>>,
    ) -> Result<Selected, Violation> {
        let (sequence, entry, id) = self.select_entry(key, version_id)?;
        let Some(object) = entry.object() else {
            return Err(match version_id {
                None => Violation::NoSuchKey {
                    delete_marker: true,
                    version_id: self.reported_read_id(&id),
                },
                Some(_) => Violation::MethodNotAllowed { version_id: id },
            });
        };
        Ok(Selected {
            sequence,
            id,
            object,
        })
    }

    /// The entry a request naming one version selects — the head, or the entry `version_id`
    /// names, a delete marker included — with its sequence number and own ID: `NoSuchKey` 404
    /// without the flag when the key has no entries (GET-3), `NoSuchVersion` 404 when the ID
    /// names nothing (GET-6). Reads ([`select_version`](Self::select_version)) and the
    /// tagging commands (TAG-2) select this way and answer a delete marker each their own way.
    pub(crate) fn select_entry(
        &self,
        key: Key<'_>,
        version_id: Option<WellFormedId<'_>>,
    ) -> Result<(u64, &Entry, VersionId), Violation> {
        let version_id = version_id.map(WellFormedId::get);
        let (sequence, entry) =
            match version_id {
                None => self.store.head(key.as_str()).ok_or(Violation::NoSuchKey {
                    delete_marker: false,
                    version_id: None,
                })?,
                Some(id) => self.store.find_entry(key.as_str(), id).ok_or_else(|| {
                    Violation::NoSuchVersion {
                        version_id: id.clone(),
                    }
                })?,
            };
        // The entry's own ID: the one asked for, if any.
        let id = match version_id {
            Some(id) => id.clone(),
            None => self.store.id_of(sequence, entry),
        };
        Ok((sequence, entry, id))
    }
}

/// The object version a read selected (GET-1..GET-6).
pub(crate) struct Selected {
    /// Its sequence number.
    pub(crate) sequence: u64,
    /// Its own version ID, `null` included.
    pub(crate) id: VersionId,
    /// The version.
    pub(crate) object: StoredObject,
}
