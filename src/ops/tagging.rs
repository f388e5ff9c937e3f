//! PutObjectTagging, GetObjectTagging and DeleteObjectTagging: the tag set of one version
//! (TAG-2..TAG-4).

use crate::bucket::Bucket;
use crate::checked::{self, Key, WellFormedId};
use crate::dialect::Dialect;
use crate::outcome::{GetObjectTaggingOutcome, TaggingOutcome};
use crate::request::{DeleteObjectTagging, GetObjectTagging, PutObjectTagging};
use crate::tags::Tags;
use crate::version_id::{IdSource, VersionId};
use crate::violation::Violation;

impl<S: IdSource> Bucket<S> {
    /// PutObjectTagging: the version's tag set becomes `tags`, whole (TAG-2).
    ///
    /// - TAG-3: at most 10 tags, distinct keys of 1..=128 bytes, values of at most 256 bytes,
    ///   else `InvalidTag` 400 (an argument check, ERR-4).
    /// - TAG-2: the head, or the version `version_id` names; a delete marker selected either
    ///   way is s3 `MethodNotAllowed` 405, oss `NoSuchKey` 404, both carrying the marker's
    ///   flag and ID; a version ID naming nothing is `NoSuchVersion` 404; a key with no
    ///   entries `NoSuchKey` 404.
    /// - TAG-4: no chain, ID or Last-Modified changes; the outcome reports the version's ID
    ///   under RSP-3.
    ///
    /// ```
    /// use bucket_versioning::request::PutObjectTagging;
    /// use bucket_versioning::{Bucket, Tags};
    ///
    /// let mut bucket = Bucket::default();
    /// bucket.put_object("a.txt", "x")?;
    /// bucket.put_object_tagging(PutObjectTagging::new("a.txt", Tags::new().with("team", "web")))?;
    /// assert_eq!(bucket.get_object_tagging("a.txt")?.tags.get("team"), Some("web"));
    /// # Ok::<(), bucket_versioning::Violation>(())
    /// ```
    pub fn put_object_tagging(
        &mut self,
        request: PutObjectTagging,
    ) -> Result<TaggingOutcome, Violation> {
        let key = Key::parse(self.dialect(), request.key.as_str())?;
        let version_id = WellFormedId::parse_optional(request.version_id.as_ref())?;
        let tags = checked::tag_set(&request.tags)?;
        let (sequence, id) = self.tagged(key, version_id)?;
        let mut attributes = self.store.attributes(sequence).cloned().unwrap_or_default();
        attributes.tags = tags;
        self.store.set_attributes(sequence, attributes);
        Ok(TaggingOutcome {
            version_id: self.reported_read_id(&id),
        })
    }

    /// GetObjectTagging: the version's tag set, ascending by key (TAG-2); selection and errors
    /// as [`put_object_tagging`](Self::put_object_tagging).
    pub fn get_object_tagging(
        &self,
        request: impl Into<GetObjectTagging>,
    ) -> Result<GetObjectTaggingOutcome, Violation> {
        let request = request.into();
        let key = Key::parse(self.dialect(), request.key.as_str())?;
        let version_id = WellFormedId::parse_optional(request.version_id.as_ref())?;
        let (sequence, id) = self.tagged(key, version_id)?;
        Ok(GetObjectTaggingOutcome {
            version_id: self.reported_read_id(&id),
            tags: self
                .store
                .attributes(sequence)
                .map(|attributes| attributes.tags.clone())
                .unwrap_or_default(),
        })
    }

    /// DeleteObjectTagging: the version's tag set becomes empty (TAG-2); selection and errors
    /// as [`put_object_tagging`](Self::put_object_tagging).
    pub fn delete_object_tagging(
        &mut self,
        request: impl Into<DeleteObjectTagging>,
    ) -> Result<TaggingOutcome, Violation> {
        let request = request.into();
        let key = Key::parse(self.dialect(), request.key.as_str())?;
        let version_id = WellFormedId::parse_optional(request.version_id.as_ref())?;
        let (sequence, id) = self.tagged(key, version_id)?;
        if let Some(attributes) = self.store.attributes(sequence) {
            let mut attributes = attributes.clone();
            attributes.tags = Tags::new();
            self.store.set_attributes(sequence, attributes);
        }
        Ok(TaggingOutcome {
            version_id: self.reported_read_id(&id),
        })
    }

    /// TAG-2: the object version a tagging request selects, with its sequence number and ID:
    /// selected as a read selects ([`select_entry`](Self::select_entry)), but a delete marker,
    /// head or named, is s3 `MethodNotAllowed`, oss `NoSuchKey` with the flag. Retention and
    /// legal hold requests (OL-2) select theirs the same way.
    pub(crate) fn tagged(
        &self,
        key: Key<'_>,
        version_id: Option<WellFormedId<'_>>,
    ) -> Result<(u64, VersionId), Violation> {
        let (sequence, entry, id) = self.select_entry(key, version_id)?;
        if entry.is_delete_marker() {
            return Err(match self.dialect() {
                Dialect::S3 => Violation::MethodNotAllowed { version_id: id },
                Dialect::Oss => Violation::NoSuchKey {
                    delete_marker: true,
                    version_id: self.reported_read_id(&id),
                },
            });
        }
        Ok((sequence, id))
    }
}

impl From<&str> for GetObjectTagging {
    fn from(key: &str) -> Self {
        GetObjectTagging::new(key)
    }
}

impl From<&str> for DeleteObjectTagging {
    fn from(key: &str) -> Self {
        DeleteObjectTagging::new(key)
    }
}
