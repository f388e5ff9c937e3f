//! The invariants (INV), checked by name after every command in tests and fuzzing.

use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::String;
use core::ops::Bound;

use crate::bucket::Bucket;
use crate::checked;
use crate::dialect::MAX_OBJECT_SIZE;
use crate::key::ObjectKey;
use crate::lifecycle::validate::validate;
use crate::storage::entry::{ETagSource, IdKind, StoredObject};
use crate::storage::uploads::{Part, UploadState};
use crate::tags::Tags;
use crate::version_id::IdSource;
use crate::versioning::VersioningState;
use crate::violation::{Invariant, InvariantViolation};

fn failure(invariant: Invariant, key: Option<&ObjectKey>, detail: String) -> InvariantViolation {
    InvariantViolation {
        invariant,
        key: key.cloned(),
        detail,
    }
}

impl<S: IdSource> Bucket<S> {
    /// Checks INV-1..INV-8, INV-11 and INV-12 over the whole bucket and returns the first that
    /// fails.
    ///
    /// INV-8 (no return to Unversioned) holds by construction: the state is the history, since
    /// PutBucketVersioning cannot ask for Unversioned and a snapshot whose state and history
    /// disagree is refused. INV-9 (determinism) is a property of runs, checked by the property
    /// tests. The store's own indexes are checked too, and a broken one is reported as
    /// [`Invariant::Indexes`]. This walks every entry and every uploaded part: O(n), for tests
    /// and fuzzing, not for the command path.
    pub fn check_invariants(&self) -> Result<(), InvariantViolation> {
        self.check_uploads()?;
        self.check_tag_sets()?;
        self.check_lifecycle()?;
        let store = &self.store;
        store.check_indexes().map_err(|broken| InvariantViolation {
            invariant: Invariant::Indexes,
            key: broken.key,
            detail: broken.detail,
        })?;
        let mut sequences = BTreeSet::new();
        let mut live_derived = BTreeSet::new();
        let mut named_entries = 0usize;
        for (key, chain) in &store.chains {
            let key = Some(key);
            // INV-1
            if chain.is_empty() {
                return Err(failure(
                    Invariant::NoEmptyChain,
                    key,
                    "the chain is empty".into(),
                ));
            }
            let mut null_sequence = None;
            let mut newer_created = self.now;
            for (index, (sequence, entry)) in chain.newest_first(Bound::Unbounded).enumerate() {
                let is_head = index == 0;
                // LC-0: the clock only moves forward, so creation times follow sequence order
                // and none is in the future (the due index relies on it).
                if entry.created() > newer_created {
                    return Err(failure(
                        Invariant::SequenceOrder,
                        key,
                        format!(
                            "entry {sequence} was created at {}, after a newer entry or the clock",
                            entry.created()
                        ),
                    ));
                }
                newer_created = entry.created();
                // INV-3
                if sequence >= store.next_sequence || !sequences.insert(sequence) {
                    return Err(failure(
                        Invariant::SequenceOrder,
                        key,
                        format!("sequence number {sequence} is reused or not yet issued"),
                    ));
                }
                // INV-2
                let id = store.id_of(sequence, entry);
                let recorded = match entry.id {
                    IdKind::Null => {
                        if null_sequence.replace(sequence).is_some() {
                            return Err(failure(
                                Invariant::UniqueVersionIds,
                                key,
                                "the key has two null entries".into(),
                            ));
                        }
                        true
                    }
                    IdKind::Derived => {
                        live_derived.insert(sequence);
                        store.ids.is_derived(sequence) && store.ids.decoded(&id) == Some(sequence)
                    }
                    IdKind::Named => {
                        named_entries += 1;
                        store.ids.named.get(&id) == Some(&Some(sequence))
                            && store.ids.decoded(&id).is_none_or(|decodes_to| {
                                decodes_to != sequence && store.ids.is_derived(decodes_to)
                            })
                    }
                };
                if !recorded {
                    return Err(failure(
                        Invariant::UniqueVersionIds,
                        key,
                        format!("version {id} is not issued to this entry alone"),
                    ));
                }
                if id.check_syntax().is_err() {
                    return Err(failure(
                        Invariant::UniqueVersionIds,
                        key,
                        format!("version ID {id:?} is malformed"),
                    ));
                }
                // INV-4
                if self.versioning == VersioningState::Unversioned
                    && (chain.len() != 1 || !id.is_null() || entry.is_delete_marker())
                {
                    return Err(failure(
                        Invariant::NeverVersionedShape,
                        key,
                        "a never-versioned chain is not one null object".into(),
                    ));
                }
                // INV-5
                if !is_head && entry.is_unsealed_appendable() {
                    return Err(failure(
                        Invariant::SealedNoncurrentAppendables,
                        key,
                        format!("noncurrent appendable {id} is unsealed"),
                    ));
                }
                // INV-6
                if let Some(object) = entry.object() {
                    // A multipart object, and a copy of one (CT-6), may pass 5 GiB; it has at
                    // least one part. Simple uploads and appendables, and their copies, do not.
                    let bounded = match object.etag_source() {
                        ETagSource::Parts { parts, .. } => parts >= 1,
                        ETagSource::Md5 | ETagSource::CrcAndLength => {
                            object.content.len() <= MAX_OBJECT_SIZE
                        }
                    };
                    if !bounded || object.modified < entry.created() {
                        return Err(failure(
                            Invariant::ContentShape,
                            key,
                            format!("version {id} has an impossible size or time"),
                        ));
                    }
                }
            }
            if chain.null_sequence() != null_sequence {
                return Err(failure(
                    Invariant::UniqueVersionIds,
                    key,
                    "the null slot does not name the null entry".into(),
                ));
            }
        }
        let live_named = store
            .ids
            .named
            .values()
            .filter(|live| live.is_some())
            .count();
        let named_twice = store.ids.names.values().any(|id| {
            store
                .ids
                .decoded(id)
                .is_some_and(|decodes_to| live_derived.contains(&decodes_to))
        });
        if live_named != named_entries || store.ids.names.len() != named_entries || named_twice {
            return Err(failure(
                Invariant::UniqueVersionIds,
                None,
                format!(
                    "{live_named} live named IDs recorded, {} indexed, for {named_entries} \
                     entries with named IDs",
                    store.ids.names.len()
                ),
            ));
        }
        Ok(())
    }

    /// INV-11: every tag set (of a version, or given at an Initiate) obeys TAG-3 in its
    /// stored form (ascending by key); delete markers carry no tags or metadata; a Symlink
    /// has length 0 and a target key KEY-1 accepts, and no other entry has a target (SYM-2).
    /// Delete markers carry no retention or legal hold either, and no version carries one in
    /// a bucket without Object Lock (OL-2).
    fn check_tag_sets(&self) -> Result<(), InvariantViolation> {
        let canonical = |tags: &Tags| checked::tag_set(tags).is_ok_and(|set| set == *tags);
        for (key, chain) in &self.store.chains {
            for (sequence, entry) in chain.newest_first(Bound::Unbounded) {
                let target = self
                    .store
                    .attributes(sequence)
                    .and_then(|attributes| attributes.target.as_ref());
                let link = entry.object().filter(StoredObject::is_symlink);
                let sound_link = match (link, target) {
                    (None, None) => true,
                    (Some(link), Some(target)) => {
                        link.content.is_empty() && self.dialect().check_key(target.as_str()).is_ok()
                    }
                    (None, Some(_)) | (Some(_), None) => false,
                };
                if !sound_link {
                    return Err(failure(
                        Invariant::TagSets,
                        Some(key),
                        format!(
                            "version {sequence} breaks SYM-2: a link with content, without a \
                             valid target, or a target on what is not a link"
                        ),
                    ));
                }
                let Some(attributes) = self.store.attributes(sequence) else {
                    continue;
                };
                if entry.is_delete_marker() {
                    return Err(failure(
                        Invariant::TagSets,
                        Some(key),
                        "a delete marker carries tags, metadata, a retention or a legal hold"
                            .into(),
                    ));
                }
                if self.object_lock.is_none() && !attributes.lock().is_none() {
                    return Err(failure(
                        Invariant::TagSets,
                        Some(key),
                        format!(
                            "version {sequence} carries a retention or legal hold without \
                             Object Lock"
                        ),
                    ));
                }
                if !canonical(&attributes.tags) {
                    return Err(failure(
                        Invariant::TagSets,
                        Some(key),
                        format!("version {sequence}'s tag set breaks TAG-3"),
                    ));
                }
            }
        }
        for upload in self.uploads.in_progress.values() {
            if !canonical(&upload.attributes.tags) {
                return Err(failure(
                    Invariant::TagSets,
                    Some(&upload.key),
                    "an upload's tag set breaks TAG-3".into(),
                ));
            }
        }
        Ok(())
    }

    /// INV-12: a bucket with Object Lock on is Enabled and its default retention has a
    /// period (OL-1); a bucket with a retention policy is never Suspended and the policy's
    /// days are in range (OL-7); a stored lifecycle configuration is one LC-9 accepts as it
    /// stands (its rules named), and the store keeps a due index exactly while there is one.
    fn check_lifecycle(&self) -> Result<(), InvariantViolation> {
        let fail = |detail: String| Err(failure(Invariant::LifecycleConfiguration, None, detail));
        if let Some(lock) = &self.object_lock {
            if self.versioning != VersioningState::Enabled {
                return fail(format!("Object Lock is on in a {} bucket", self.versioning));
            }
            if lock
                .default_retention
                .is_some_and(|default| default.period().is_none())
            {
                return fail("the default retention has no valid period".into());
            }
        }
        if let Some(worm) = &self.worm {
            if self.versioning == VersioningState::Suspended {
                return fail("a retention policy exists in a Suspended bucket".into());
            }
            if !crate::lock::Worm::is_valid_days(worm.days) {
                return fail(format!("a retention policy of {} days", worm.days));
            }
        }
        match &self.lifecycle {
            None if self.store.due.is_some() => {
                fail("a due index is kept without a lifecycle configuration".into())
            }
            None => Ok(()),
            Some(_) if self.store.due.is_none() => {
                fail("the lifecycle configuration has no due index".into())
            }
            Some(rules) => match validate(self.dialect(), rules.clone()) {
                Ok(checked) if checked == *rules => Ok(()),
                Ok(_) => fail("a stored lifecycle rule has no ID".into()),
                Err(violation) => fail(format!("the stored configuration is refused: {violation}")),
            },
        }
    }

    /// INV-7: every upload in progress is recorded as in progress and indexed under its key;
    /// its parts are numbered 1..=10000, at most 5 GiB, with the digest of their content; and
    /// no upload recorded as completed or aborted remains.
    fn check_uploads(&self) -> Result<(), InvariantViolation> {
        let uploads = &self.uploads;
        let fail = |key: &ObjectKey, detail: String| {
            Err(failure(Invariant::UploadsInProgress, Some(key), detail))
        };
        for (upload_id, upload) in &uploads.in_progress {
            let key = &upload.key;
            if uploads.issued.get(upload_id) != Some(&UploadState::InProgress) {
                return fail(
                    key,
                    format!("upload {upload_id} is not recorded as in progress"),
                );
            }
            if upload.sequence >= uploads.next_sequence {
                return fail(
                    key,
                    format!("upload {upload_id} has a sequence not yet issued"),
                );
            }
            let indexed = uploads
                .by_key
                .get(key)
                .is_some_and(|ranks| ranks.contains(&(upload.rank, upload_id.clone())));
            if !indexed {
                return fail(
                    key,
                    format!("upload {upload_id} is not in the listing index"),
                );
            }
            for (&part_number, part) in &upload.parts {
                if !(1..=10_000).contains(&part_number) {
                    return fail(
                        key,
                        format!("upload {upload_id} has part number {part_number}"),
                    );
                }
                if part.content.len() > MAX_OBJECT_SIZE
                    || part.digest != Part::digest_of(&part.content)
                    || part.modified < upload.initiated
                {
                    return fail(
                        key,
                        format!("part {part_number} of upload {upload_id} is malformed"),
                    );
                }
            }
        }
        let in_progress = uploads
            .issued
            .values()
            .filter(|state| **state == UploadState::InProgress)
            .count();
        let by_initiation = uploads.in_progress.iter().all(|(upload_id, upload)| {
            uploads
                .by_initiation
                .contains(&(upload.initiated, upload_id.clone()))
        });
        if !by_initiation || uploads.by_initiation.len() != uploads.in_progress.len() {
            return Err(failure(
                Invariant::Indexes,
                None,
                "the uploads' initiation index disagrees with the uploads in progress".into(),
            ));
        }
        let indexed: usize = uploads.by_key.values().map(|ranks| ranks.len()).sum();
        let empty_index = uploads.by_key.values().any(|ranks| ranks.is_empty());
        if in_progress != uploads.in_progress.len()
            || indexed != uploads.in_progress.len()
            || empty_index
        {
            return Err(failure(
                Invariant::UploadsInProgress,
                None,
                format!(
                    "{} uploads in progress, {in_progress} recorded as in progress, {indexed} indexed",
                    uploads.in_progress.len()
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Content;
    use crate::upload_id::UploadId;
    use crate::version_id::VersionId;

    /// An Enabled bucket with one generated ID (key `d`) and one supplied ID (key `n`), and
    /// the sequence numbers of the two entries.
    fn bucket_with_both_kinds_of_id() -> (Bucket, u64, u64) {
        let mut bucket = Bucket::default();
        bucket.put_bucket_versioning("Enabled").expect("allowed");
        bucket
            .put(
                "d",
                &"x".into(),
                None,
                Default::default(),
                Default::default(),
                Default::default(),
            )
            .expect("put");
        let supplied = VersionId::new("supplied-by-the-caller");
        bucket
            .put(
                "n",
                &"y".into(),
                Some(supplied),
                Default::default(),
                Default::default(),
                Default::default(),
            )
            .expect("put");
        let derived = bucket.store.head("d").map(|(sequence, _)| sequence);
        let named = bucket.store.ids.names.keys().next().copied();
        bucket.check_invariants().expect("a consistent bucket");
        (bucket, derived.expect("d"), named.expect("n"))
    }

    /// Gives the named entry `id` instead of its own, in both ID records.
    fn rename(bucket: &mut Bucket, named: u64, id: VersionId) {
        let store = &mut bucket.store;
        let old = store.ids.names.insert(named, id.clone()).expect("named");
        store.ids.named.remove(&old);
        store.ids.named.insert(id, Some(named));
    }

    /// Asserts that the check found a corruption, and named `invariant` for it.
    #[track_caller]
    fn assert_fails(result: Result<(), InvariantViolation>, invariant: Invariant) {
        let failure = result.expect_err("the corruption is found");
        assert_eq!(failure.invariant, invariant, "{failure}");
    }

    // Rule: INV-2 — a generated ID must be recorded as given out, or it could be given again.
    #[test]
    fn generated_id_not_recorded_as_given() {
        let (mut bucket, derived, _) = bucket_with_both_kinds_of_id();
        bucket.store.ids.derived.clear();
        assert!(!bucket.store.ids.is_derived(derived));
        assert_fails(bucket.check_invariants(), Invariant::UniqueVersionIds);
    }

    // Rule: INV-2 — the record of a supplied ID must point at its entry.
    #[test]
    fn supplied_id_recorded_for_another_entry() {
        let (mut bucket, derived, named) = bucket_with_both_kinds_of_id();
        let id = bucket.store.ids.names[&named].clone();
        bucket.store.ids.named.insert(id, Some(derived));
        assert_fails(bucket.check_invariants(), Invariant::UniqueVersionIds);
    }

    // Rule: INV-2 — a supplied ID that is the source's ID for a sequence number must have
    // retired that number's generated ID, or a later entry would be given it again.
    #[test]
    fn supplied_id_that_a_later_entry_would_be_given() {
        let (mut bucket, _, named) = bucket_with_both_kinds_of_id();
        let later = bucket
            .store
            .ids
            .source
            .version_id(bucket.store.next_sequence + 5);
        rename(&mut bucket, named, later);
        assert_fails(bucket.check_invariants(), Invariant::UniqueVersionIds);
    }

    // Rule: INV-2 — a supplied ID equal to a live generated one: two entries with one ID.
    #[test]
    fn supplied_id_equal_to_a_live_generated_one() {
        let (mut bucket, derived, named) = bucket_with_both_kinds_of_id();
        let taken = bucket.store.ids.source.version_id(derived);
        rename(&mut bucket, named, taken);
        assert_fails(bucket.check_invariants(), Invariant::UniqueVersionIds);
    }

    // Rule: INV-2 — a supplied ID recorded as live with no entry holding it.
    #[test]
    fn supplied_id_recorded_live_without_its_entry() {
        let (mut bucket, _, _) = bucket_with_both_kinds_of_id();
        bucket
            .store
            .ids
            .named
            .insert(VersionId::new("nobody-holds-this"), Some(999));
        assert_fails(bucket.check_invariants(), Invariant::UniqueVersionIds);
    }

    /// A bucket with one upload in progress that has part 1.
    fn bucket_with_an_upload() -> Bucket {
        let mut bucket = Bucket::default();
        let upload_id = bucket
            .initiate_multipart_upload("big")
            .expect("initiate")
            .upload_id;
        bucket
            .upload_part("big", upload_id, 1, "part")
            .expect("part");
        bucket.check_invariants().expect("a consistent bucket");
        bucket
    }

    /// Replaces part 1's content (with the matching digest) and checks the bucket.
    fn with_part_content(content: Content) -> Result<(), InvariantViolation> {
        let mut bucket = bucket_with_an_upload();
        if let Some(part) = bucket
            .uploads
            .in_progress
            .values_mut()
            .find_map(|upload| upload.parts.get_mut(&1))
        {
            part.digest = Part::digest_of(&content);
            part.content = content;
        }
        bucket.check_invariants()
    }

    // Rule: INV-7 — a part is at most 5 GiB: exactly 5 GiB is fine, one byte more is not.
    #[test]
    fn part_size_limit() {
        assert_eq!(
            with_part_content(Content::from_fingerprint(MAX_OBJECT_SIZE, 7, None)),
            Ok(())
        );
        assert_fails(
            with_part_content(Content::from_fingerprint(MAX_OBJECT_SIZE + 1, 7, None)),
            Invariant::UploadsInProgress,
        );
    }

    // Rule: INV-7 — a part's digest is the digest of its content.
    #[test]
    fn part_digest_must_match_its_content() {
        let mut bucket = bucket_with_an_upload();
        for upload in bucket.uploads.in_progress.values_mut() {
            for part in upload.parts.values_mut() {
                part.digest = [0; 16];
            }
        }
        assert_fails(bucket.check_invariants(), Invariant::UploadsInProgress);
    }

    // Rule: INV-7 — an ID recorded as in progress must have its upload.
    #[test]
    fn upload_recorded_in_progress_without_its_upload() {
        let mut bucket = bucket_with_an_upload();
        bucket
            .uploads
            .issued
            .insert(UploadId::new("no-such-upload"), UploadState::InProgress);
        assert_fails(bucket.check_invariants(), Invariant::UploadsInProgress);
    }

    // Rule: INV-7 — the listing index holds exactly the uploads in progress.
    #[test]
    fn listing_index_with_an_extra_upload() {
        let mut bucket = bucket_with_an_upload();
        bucket
            .uploads
            .by_key
            .entry(ObjectKey::new("big"))
            .or_default()
            .insert((0, UploadId::new("no-such-upload")));
        assert_fails(bucket.check_invariants(), Invariant::UploadsInProgress);
    }
}
