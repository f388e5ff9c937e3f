//! AppendObject and SealAppendObject, the append upload (APP; oss only).
//!
//! An appendable object is created by an append at position 0 onto a key with no object to
//! append to, then grows in place: no append after the first makes a new entry. It is sealed
//! for good by SealAppendObject, or by any later write or simple delete onto the key in a
//! versioned bucket (APP-7, through the shared `enter_head`).
//!
//! Checks run in this order (ERR-4):
//!
//! 1. APP-1: in the s3 dialect the operation does not exist, so `NotImplemented` comes before
//!    anything in the request is looked at.
//! 2. The arguments: the key (KEY-1), a version ID (APP-2: any, well formed or not), a body
//!    whose length overflows 64 bits (ERR-3).
//! 3. The head: APP-6 (`ObjectNotAppendable`) before APP-5 (`PositionNotEqualToLength`), then
//!    APP-8 (`InlineDataTooLarge`). The 5 GiB cap is on the object the append would make, so it
//!    needs the head and runs last; the arithmetic is checked, so a position or length near
//!    `u64::MAX` gets one of these errors, never an overflow.

use crate::body::Body;
use crate::bucket::Bucket;
use crate::checked::{GivenAttributes, Key};
use crate::config::AppendableVersionIds;
use crate::content::Content;
use crate::dialect::{Dialect, MAX_OBJECT_SIZE};
use crate::outcome::{AppendObjectOutcome, SealAppendObjectOutcome};
use crate::storage::attributes::Attributes;
use crate::storage::entry::{EntryBody, ObjectForm, StoredObject};
use crate::version_id::{IdSource, VersionId};
use crate::violation::{ArgumentError, Violation};
use crate::write::IdChoice;

impl<S: IdSource> Bucket<S> {
    /// AppendObject: adds `body` at `position` to the key's appendable object, creating it at
    /// position 0 when there is no object to append to.
    ///
    /// - APP-1: s3 dialect → `NotImplemented` 501.
    /// - APP-3 create: with no entries, or (Enabled/Suspended) a delete marker as the head,
    ///   position 0 creates an unsealed Appendable head, entered like any write: Unversioned
    ///   → the one `null` entry; Enabled → a fresh ID (APP-11); Suspended → `null`, after
    ///   removing the key's null entry (PUT-3). A marker below it stays as noncurrent.
    /// - APP-4 append: with an unsealed Appendable head whose length is `position`, the data
    ///   is added in place; no entry is made, the ID stays, the modification time becomes now.
    /// - APP-6: a Normal, Multipart or sealed Appendable head → `ObjectNotAppendable` 409,
    ///   checked before APP-5.
    /// - APP-5: `position` not the current length (0 when there is no object to append to) →
    ///   `PositionNotEqualToLength` 409 carrying the right next position.
    /// - APP-8: an object that would pass 5 GiB → `InlineDataTooLarge` 400.
    /// - APP-9 / CT-2 / CT-5: the outcome has the version ID, the next position (the new
    ///   length), the CRC-64 of the whole object combined from the pieces, and the ETag; a
    ///   zero-byte append changes only the modification time.
    /// - RSP-1 for an append that creates, RSP-4 for one that adds to an existing appendable.
    /// - APP-11 (MODEL): [`AppendableVersionIds::Null`] makes a created appendable `null` in
    ///   an Enabled bucket too, removing the key's older null entry (ID-3).
    /// - OL-8: an append to an appendable the retention policy protects → `FileImmutable` 409;
    ///   OL-7 (INV-13): so is a create whose `null` entry would replace an older `null` entry
    ///   the policy protects.
    ///
    /// A version ID on an append is rejected (APP-2); this method takes none, and
    /// [`Command::AppendObject`](crate::Command::AppendObject) carries one to be rejected.
    ///
    /// ```
    /// use bucket_versioning::{Bucket, Violation};
    ///
    /// let mut bucket = Bucket::default();
    /// let first = bucket.append_object("log", 0, "1234")?;
    /// let second = bucket.append_object("log", first.next_position, "56789")?;
    /// assert_eq!(second.next_position, 9);
    /// // The CRC-64 of the whole object, "123456789".
    /// assert_eq!(second.crc64, 11_051_210_869_376_104_954);
    /// assert_eq!(
    ///     bucket.append_object("log", 0, "x"),
    ///     Err(Violation::PositionNotEqualToLength { next_position: 9 })
    /// );
    /// bucket.seal_append_object("log", 9)?;
    /// assert_eq!(bucket.append_object("log", 9, "x"), Err(Violation::ObjectNotAppendable));
    /// # Ok::<(), Violation>(())
    /// ```
    pub fn append_object(
        &mut self,
        key: impl AsRef<str>,
        position: u64,
        body: impl Into<Body>,
    ) -> Result<AppendObjectOutcome, Violation> {
        self.append(
            key.as_ref(),
            position,
            &body.into(),
            None,
            GivenAttributes::default(),
        )
    }

    /// SealAppendObject: stops appends to the key's appendable object for good (APP-10).
    ///
    /// - APP-1: s3 dialect → `NotImplemented` 501.
    /// - APP-10: the head must be an Appendable object, else `ObjectNotAppendable` 409 (MODEL:
    ///   also when the key has no entries or its head is a delete marker); `position` must be
    ///   its length, else `PositionNotEqualToLength` 409 (APP-5). It is sealed in place: no new
    ///   entry, ID and modification time unchanged. Sealing a sealed appendable again is a
    ///   no-op success.
    /// - RSP-4: the outcome reports the appendable's ID under RSP-3's rule.
    pub fn seal_append_object(
        &mut self,
        key: impl AsRef<str>,
        position: u64,
    ) -> Result<SealAppendObjectOutcome, Violation> {
        self.seal(key.as_ref(), position)
    }

    /// AppendObject with every field of the request (APP-2's version ID included; the tags and
    /// metadata an append that creates gives its appendable, TAG-1 and TAG-5, checked as an
    /// argument whether or not it creates, and kept by later appends, which ignore theirs).
    pub(crate) fn append(
        &mut self,
        key: &str,
        position: u64,
        body: &Body,
        version_id: Option<VersionId>,
        given: GivenAttributes<'_>,
    ) -> Result<AppendObjectOutcome, Violation> {
        check_dialect(self.dialect(), "AppendObject")?;
        let key = Key::parse(self.dialect(), key)?;
        if version_id.is_some() {
            return Err(Violation::InvalidArgument(ArgumentError::VersionIdOnAppend));
        }
        let piece = body
            .crc_content()
            .map_err(|_| Violation::InvalidArgument(ArgumentError::BodyTooLong))?;
        let attributes = Attributes::parse(given, self.dialect())?;

        // OL-8: a protected appendable takes no append (after APP-6, before APP-5).
        if let Some((_, head)) = self.store.head(key.as_str())
            && head.is_unsealed_appendable()
        {
            self.check_append(head)?;
        }
        let (now, dialect) = (self.now, self.dialect());
        if let Some((sequence, head)) = self.store.head_mut(key.as_str())
            && let Some(mut object) = head.object()
        {
            // APP-6, then APP-5 and APP-8; nothing changes before all three passed (ERR-2).
            if object.form != (ObjectForm::Appendable { sealed: false }) {
                return Err(Violation::ObjectNotAppendable);
            }
            check_position(position, object.content.len())?;
            let whole = appended(Some(&object.content), &piece)?;
            // APP-4: in place.
            head.append(&whole, now);
            (object.content, object.modified) = (whole, now);
            let etag = object.etag(dialect);
            let head = head.clone();
            let id = self.store.id_of(sequence, &head);
            return Ok(AppendObjectOutcome {
                version_id: self.reported_read_id(&id),
                next_position: whole.len(),
                crc64: whole.crc64(),
                etag,
            });
        }

        // No entries, or a delete marker as the head: nothing to append to (APP-3, APP-5).
        check_position(position, 0)?;
        let whole = appended(None, &piece)?;
        let choice = match self.config.appendable_version_ids() {
            AppendableVersionIds::Fresh => IdChoice::ByState,
            AppendableVersionIds::Null => IdChoice::AlwaysNull,
        };
        // OL-7, INV-13: what the new appendable replaces (a `null` entry when it takes `null`
        // in a versioned bucket) must not be protected.
        self.check_replace(key.as_str(), &choice)?;
        let object = StoredObject {
            content: whole,
            modified: now,
            form: ObjectForm::Appendable { sealed: false },
        };
        let etag = object.etag(dialect);
        let id = self.enter_head_with(key, EntryBody::Object(object), choice, attributes);
        Ok(AppendObjectOutcome {
            version_id: self.reported_write_id(&id),
            next_position: whole.len(),
            crc64: whole.crc64(),
            etag,
        })
    }

    /// SealAppendObject, the worker of the typed method and of `apply`.
    pub(crate) fn seal(
        &mut self,
        key: &str,
        position: u64,
    ) -> Result<SealAppendObjectOutcome, Violation> {
        check_dialect(self.dialect(), "SealAppendObject")?;
        let key = Key::parse(self.dialect(), key)?;
        let Some((sequence, entry)) = self.store.head(key.as_str()) else {
            return Err(Violation::ObjectNotAppendable);
        };
        let Some(object) = entry.object() else {
            return Err(Violation::ObjectNotAppendable);
        };
        let ObjectForm::Appendable { .. } = object.form else {
            return Err(Violation::ObjectNotAppendable);
        };
        check_position(position, object.content.len())?;
        let id = self.store.id_of(sequence, entry);
        self.seal_head_appendable(key.as_str());
        Ok(SealAppendObjectOutcome {
            version_id: self.reported_read_id(&id),
        })
    }
}

/// APP-1: the append upload exists only in the oss dialect.
fn check_dialect(dialect: Dialect, operation: &'static str) -> Result<(), Violation> {
    match dialect {
        Dialect::Oss => Ok(()),
        Dialect::S3 => Err(Violation::NotImplemented { operation }),
    }
}

/// APP-5: an append or seal must name the object's current length.
fn check_position(position: u64, length: u64) -> Result<(), Violation> {
    if position == length {
        Ok(())
    } else {
        Err(Violation::PositionNotEqualToLength {
            next_position: length,
        })
    }
}

/// CT-2 and APP-8: the fingerprint of `current ‖ piece` (of `piece` alone when there is no
/// object yet), if it stays within 5 GiB. A sum past `u64::MAX` reports that size (ERR-3).
fn appended(current: Option<&Content>, piece: &Content) -> Result<Content, Violation> {
    let whole = match current {
        None => Some(*piece),
        Some(content) => content.concat(piece),
    };
    match whole {
        Some(whole) if whole.len() <= MAX_OBJECT_SIZE => Ok(whole),
        _ => Err(Violation::InlineDataTooLarge {
            size: current.map_or(0, Content::len).saturating_add(piece.len()),
            max_size: MAX_OBJECT_SIZE,
        }),
    }
}
