//! CopyObject, and restoring a previous version (CPY).

use crate::bucket::Bucket;
use crate::dialect::Dialect;
use crate::entry::{EntryBody, ObjectForm, StoredObject};
use crate::key::ObjectKey;
use crate::outcome::CopyObjectOutcome;
use crate::version_id::{IdSource, VersionId};
use crate::versioning::VersioningState;
use crate::violation::{InvalidRequestReason, Violation};
use crate::write::IdChoice;

impl<S: IdSource> Bucket<S> {
    /// CopyObject: the source version becomes the new head of `key`, a Normal object with the
    /// source's content and ETag.
    ///
    /// - CPY-1: the source is the head of `source_key`, or the version `source_version_id`
    ///   names (`null` names the null entry).
    /// - CPY-2: a source head that is a delete marker, or a source key with no entries, is
    ///   `NoSuchKey` 404 (without the delete-marker flag: the response is the copy's, not a
    ///   read of the source).
    /// - CPY-3: a source version ID naming a delete marker is oss `NoSuchKey` 404 (MODEL), s3
    ///   `InvalidRequest` 400; one naming nothing is `NoSuchVersion` 404.
    /// - CPY-4: the copy enters `key` exactly as a PutObject would (PUT-1..PUT-4, APP-7). The
    ///   outcome reports the new ID (RSP-1) and the source version copied (RSP-5).
    /// - CPY-5 (oss, MODEL for the code): an Appendable source in an Enabled or Suspended
    ///   bucket is `InvalidRequest` 400.
    /// - CPY-6: restoring a version is copying it onto its own key: a new head, the old
    ///   version stays.
    /// - CT-6 (MODEL): the copy keeps the source's fingerprint and ETag, a multipart `…-N` or
    ///   appendable ETag included, while its type is Normal.
    ///
    /// Both keys and the version ID's syntax are checked before the source is looked up
    /// (ERR-4).
    pub fn copy_object(
        &mut self,
        source_key: impl Into<ObjectKey>,
        source_version_id: Option<VersionId>,
        key: impl Into<ObjectKey>,
    ) -> Result<CopyObjectOutcome, Violation> {
        self.copy(&source_key.into(), source_version_id.as_ref(), &key.into())
    }

    pub(crate) fn copy(
        &mut self,
        source_key: &ObjectKey,
        source_version_id: Option<&VersionId>,
        key: &ObjectKey,
    ) -> Result<CopyObjectOutcome, Violation> {
        self.dialect().check_key(source_key)?;
        self.dialect().check_key(key)?;
        if let Some(id) = source_version_id {
            id.check_syntax().map_err(Violation::InvalidArgument)?;
        }
        let no_such_key = Violation::NoSuchKey {
            delete_marker: false,
            version_id: None,
        };
        let source = match source_version_id {
            None => self
                .store
                .head(source_key)
                .map(|(_, entry)| entry)
                .ok_or_else(|| no_such_key.clone())?,
            Some(id) => self
                .store
                .find(source_key, id)
                .and_then(|sequence| self.store.entry(source_key, sequence))
                .ok_or_else(|| Violation::NoSuchVersion {
                    version_id: id.clone(),
                })?,
        };
        let EntryBody::Object(object) = &source.body else {
            return Err(match (source_version_id, self.dialect()) {
                (None, _) | (Some(_), Dialect::Oss) => no_such_key,
                (Some(_), Dialect::S3) => {
                    Violation::InvalidRequest(InvalidRequestReason::CopySourceIsDeleteMarker)
                }
            });
        };
        if self.dialect() == Dialect::Oss
            && self.versioning != VersioningState::Unversioned
            && matches!(object.form, ObjectForm::Appendable { .. })
        {
            return Err(Violation::InvalidRequest(
                InvalidRequestReason::CopySourceIsAppendable,
            ));
        }
        // Read everything the outcome needs from the source now: entering the copy may remove
        // it (a Suspended copy of a key's null entry onto that key, PUT-3).
        let source_version_id = self.reported_read_id(&source.version_id);
        let copy = StoredObject {
            content: object.content,
            modified: self.now,
            form: ObjectForm::Normal {
                etag: object.etag_source(),
            },
        };
        let etag = copy.etag(self.dialect());
        let crc64 = copy.content.crc64();
        let id = self.enter_head(key, EntryBody::Object(copy), IdChoice::ByState);
        Ok(CopyObjectOutcome {
            version_id: self.reported_write_id(&id),
            etag,
            crc64,
            source_version_id,
        })
    }
}

#[cfg(test)]
mod tests {
    //! Sources no command of this branch can make yet (appendable and multipart objects) are
    //! entered here through the shared mechanics, as AppendObject and
    //! CompleteMultipartUpload enter them.

    use alloc::string::{String, ToString};

    use super::*;
    use crate::config::BucketConfig;
    use crate::content::Content;

    fn enter(bucket: &mut Bucket, key: &str, form: ObjectForm, body: &[u8]) {
        let object = StoredObject {
            content: Content::from_bytes(body),
            modified: bucket.now,
            form,
        };
        bucket.enter_head(
            &ObjectKey::from(key),
            EntryBody::Object(object),
            IdChoice::ByState,
        );
    }

    fn head_etag(bucket: &Bucket, key: &str) -> Option<String> {
        let chain = bucket.chain(key)?;
        Some(chain.head()?.etag()?.to_string())
    }

    // Rule: CT-6 — a copy of a multipart object keeps the `…-N` ETag, yet is Normal.
    #[test]
    fn copy_keeps_a_multipart_etag() {
        for dialect in [Dialect::Oss, Dialect::S3] {
            let mut bucket = Bucket::new(BucketConfig::new(dialect));
            let form = ObjectForm::Multipart {
                digest: [0xab; 16],
                parts: 3,
            };
            enter(&mut bucket, "big", form, b"parts");
            let source = head_etag(&bucket, "big");
            let copied = bucket.copy_object("big", None, "copy");
            assert_eq!(copied.map(|outcome| outcome.etag.to_string()).ok(), source);
            assert_eq!(head_etag(&bucket, "copy"), source);
            assert!(source.is_some_and(|etag| etag.ends_with("-3")));
            let head = bucket.chain("copy").and_then(|chain| chain.head());
            assert_eq!(
                head.and_then(|entry| entry.object_type()),
                Some(crate::ObjectType::Normal)
            );
            assert_eq!(bucket.check_invariants(), Ok(()));
        }
    }

    // Rule: CT-6 — in an Unversioned oss bucket an appendable can be copied (CPY-5 does not
    // apply), and the copy keeps its CRC-and-length ETag (CT-5), which is not the MD5 one.
    #[test]
    fn copy_keeps_an_appendable_etag_when_unversioned() {
        let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss));
        enter(
            &mut bucket,
            "log",
            ObjectForm::Appendable { sealed: false },
            b"abc",
        );
        let source = head_etag(&bucket, "log");
        let outcome = bucket.copy_object("log", None, "snapshot");
        assert_eq!(outcome.map(|outcome| outcome.etag.to_string()).ok(), source);
        assert_eq!(head_etag(&bucket, "snapshot"), source);
        let md5_etag = bucket
            .put_object("plain", "abc")
            .map(|outcome| outcome.etag.to_string())
            .ok();
        assert_ne!(source, md5_etag);
        assert_eq!(bucket.check_invariants(), Ok(()));
    }

    // Rule: CPY-5 — oss, Enabled or Suspended, appendable source: InvalidRequest 400, nothing
    // changes; the head appendable is not sealed by the rejected copy.
    #[test]
    fn appendable_source_is_refused_in_a_versioned_oss_bucket() {
        for state in ["Enabled", "Suspended"] {
            let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss));
            assert!(bucket.put_bucket_versioning(state).is_ok());
            enter(
                &mut bucket,
                "log",
                ObjectForm::Appendable { sealed: false },
                b"abc",
            );
            let before = bucket.clone();
            for destination in ["log", "other"] {
                let error = bucket.copy_object("log", None, destination);
                assert_eq!(
                    error,
                    Err(Violation::InvalidRequest(
                        InvalidRequestReason::CopySourceIsAppendable
                    ))
                );
                assert_eq!(
                    error.map_err(|error| (error.code(), error.http_status())),
                    Err(("InvalidRequest", 400))
                );
                assert_eq!(bucket, before);
            }
        }
    }

    // Rule: APP-7 — a copy onto a key whose head is an appendable seals it, like a put.
    #[test]
    fn copy_onto_an_appendable_head_seals_it() {
        let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss));
        assert!(bucket.put_bucket_versioning("Enabled").is_ok());
        assert!(bucket.put_object("source", "data").is_ok());
        enter(
            &mut bucket,
            "log",
            ObjectForm::Appendable { sealed: false },
            b"abc",
        );
        assert!(bucket.copy_object("source", None, "log").is_ok());
        let chain = bucket.chain("log");
        let sealed: Option<alloc::vec::Vec<bool>> =
            chain.map(|chain| chain.iter().map(|entry| entry.is_sealed()).collect());
        assert_eq!(sealed, Some(alloc::vec![false, true]));
        assert_eq!(bucket.check_invariants(), Ok(()));
    }
}
