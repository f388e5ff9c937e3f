//! PutObject, the simple upload (PUT).

use crate::body::Body;
use crate::bucket::Bucket;
use crate::checked::{GivenAttributes, Key};
use crate::conditions::WriteConditions;
use crate::dialect::MAX_OBJECT_SIZE;
use crate::lock::LockRequest;
use crate::outcome::PutObjectOutcome;
use crate::storage::attributes::Attributes;
use crate::storage::entry::{ETagSource, EntryBody, ObjectForm, StoredObject};
use crate::version_id::{IdSource, VersionId};
use crate::violation::{ArgumentError, Violation};

impl<S: IdSource> Bucket<S> {
    /// PutObject: `body` becomes the key's new head, a Normal object.
    ///
    /// - PUT-1 Unversioned: the chain becomes this one entry, ID `null`.
    /// - PUT-2 Enabled: a fresh ID; nothing is removed.
    /// - PUT-3 Suspended: the key's null entry is removed wherever it sits; the new entry is
    ///   `null`.
    /// - PUT-4 / APP-7: a head appendable is sealed and stays as a noncurrent version.
    /// - PUT-5: the outcome reports the ID (RSP-1), the ETag (CT-3) and the CRC-64.
    /// - PUT-6: a body over 5 GiB is rejected.
    pub fn put_object(
        &mut self,
        key: impl AsRef<str>,
        body: impl Into<Body>,
    ) -> Result<PutObjectOutcome, Violation> {
        self.put(
            key.as_ref(),
            &body.into(),
            None,
            GivenAttributes::default(),
            WriteConditions::default(),
            LockRequest::default(),
        )
    }

    /// PutObject with every field of the request (ID-5's supplied ID, the tags and metadata
    /// the new version gets: TAG-1, TAG-3, TAG-5; its conditions: CND-1, CND-3, CND-4, CND-6,
    /// checked last, CND-7; its retention and legal hold: OL-2; the policy's refusal of an
    /// overwrite: OL-7).
    pub(crate) fn put(
        &mut self,
        key: &str,
        body: &Body,
        supplied: Option<VersionId>,
        given: GivenAttributes<'_>,
        conditions: WriteConditions<'_>,
        lock: LockRequest,
    ) -> Result<PutObjectOutcome, Violation> {
        let key = Key::parse(self.dialect(), key)?;
        if let Some(id) = &supplied {
            self.check_supplied_id(id)?;
        }
        let content = body
            .content()
            .map_err(|_| Violation::InvalidArgument(ArgumentError::BodyTooLong))?;
        if content.len() > MAX_OBJECT_SIZE {
            return Err(self.dialect().body_too_large(content.len()));
        }
        let mut attributes = Attributes::parse(given, self.dialect())?;
        let conditions = conditions.parse(self.dialect())?;
        let choice = self.id_choice(supplied)?;
        attributes.set_lock(self.new_version_lock(lock)?);
        self.check_replace(key.as_str(), &choice)?;
        self.check_conditions(key.as_str(), None, &conditions)?;
        let object = StoredObject {
            content,
            modified: self.now,
            form: ObjectForm::Normal {
                etag: ETagSource::Md5,
            },
        };
        let etag = object.etag(self.dialect());
        let id = self.enter_head_with(key, EntryBody::Object(object), choice, attributes);
        Ok(PutObjectOutcome {
            version_id: self.reported_write_id(&id),
            etag,
            crc64: content.crc64(),
        })
    }
}
