//! GetObjectMeta (oss) and GetObjectAttributes (s3): a version's metadata without its body
//! (GET-8).

use crate::bucket::Bucket;
use crate::checked::{Key, WellFormedId};
use crate::dialect::Dialect;
use crate::outcome::GetObjectMetaOutcome;
use crate::request::GetObjectMeta;
use crate::storage::attributes::Attributes;
use crate::storage::entry::ObjectForm;
use crate::version_id::IdSource;
use crate::violation::Violation;

impl<S: IdSource> Bucket<S> {
    /// GetObjectMeta (oss) / GetObjectAttributes (s3): what a version is, without its body.
    ///
    /// - GET-8: the entry is selected as GET-1..GET-6 select it (the head or the version
    ///   named; `NoSuchKey` 404, `MethodNotAllowed` 405, `NoSuchVersion` 404 as there, with
    ///   the same reported ID, RSP-3), and the outcome gives its version ID, ETag, size and
    ///   Last-Modified, with its content type, user metadata and storage class (TAG-5). s3
    ///   adds a Multipart object's part count; oss adds an Appendable's next append position.
    ///   A Symlink is the link itself (length 0), not its target: only GetObject and
    ///   HeadObject follow links (SYM-4). Reads change nothing (GET-7).
    ///
    /// ```
    /// use bucket_versioning::Bucket;
    /// use bucket_versioning::request::GetObjectMeta;
    ///
    /// let mut bucket = Bucket::default();
    /// bucket.append_object("log", 0, "boot\n")?;
    /// let meta = bucket.get_object_meta(GetObjectMeta::new("log"))?;
    /// assert_eq!((meta.size, meta.next_position), (5, Some(5)));
    /// # Ok::<(), bucket_versioning::Violation>(())
    /// ```
    pub fn get_object_meta(
        &self,
        request: impl Into<GetObjectMeta>,
    ) -> Result<GetObjectMetaOutcome, Violation> {
        let request = request.into();
        let key = Key::parse(self.dialect(), request.key.as_str())?;
        let version_id = WellFormedId::parse_optional(request.version_id.as_ref())?;
        let selected = self.select_version(key, version_id)?;
        let object = selected.object;
        let (parts_count, next_position) = match (self.dialect(), object.form) {
            (Dialect::S3, ObjectForm::Multipart { parts, .. }) => (Some(parts), None),
            (Dialect::Oss, ObjectForm::Appendable { .. }) => (None, Some(object.content.len())),
            _ => (None, None),
        };
        let attributes = self.store.attributes(selected.sequence);
        Ok(GetObjectMetaOutcome {
            version_id: self.reported_read_id(&selected.id),
            etag: object.etag(self.dialect()),
            size: object.content.len(),
            last_modified: object.modified,
            parts_count,
            next_position,
            content_type: Attributes::content_type(attributes, self.dialect()),
            metadata: attributes
                .map(|attributes| attributes.metadata.clone())
                .unwrap_or_default(),
            storage_class: Attributes::storage_class(attributes, self.dialect()),
        })
    }
}

impl From<&str> for GetObjectMeta {
    fn from(key: &str) -> Self {
        GetObjectMeta::new(key)
    }
}
