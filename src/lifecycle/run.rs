//! One lifecycle run (LC-11): noncurrent expiration, then current expiration, then expired
//! delete markers, then uploads, each step seeing the result of the one before, at the clock's
//! current time; reported as LC-13's lists.
//!
//! Each step asks the due index for its candidates with one range query (the least `Days` of
//! the step's rules gives the bound), checks each against every enabled rule, and then applies
//! what is due through the mechanics the commands use: the store's removal of entries (DEL-5,
//! a key's due entries in one pass) or of a chain (DEL-2), [`Bucket::enter_head`] for a delete marker (DEL-3, DEL-4), and the
//! end of an upload (MPU-8). Within a step every decision is taken on the state the step
//! started from (MODEL): for LC-8 the K newest noncurrent entries are counted before any of the
//! step's removals. LC-12: an entry locked (OL-3) or protected (OL-7) at the run's time is
//! never removed; the due index still lists it, so every later run reconsiders it. A current
//! expiration in an Enabled bucket still adds its marker.

use alloc::vec;
use alloc::vec::Vec;
use core::cmp::Reverse;
use core::ops::Bound;

use crate::bucket::Bucket;
use crate::checked::Key;
use crate::dialect::Dialect;
use crate::key::ObjectKey;
use crate::lifecycle::config::{LifecycleFilter, LifecycleRule};
use crate::lifecycle::due::{Subject, days_bound, days_due, matches};
use crate::outcome::{AbortedUpload, AddedDeleteMarker, RemovedEntry, RunLifecycleOutcome};
use crate::storage::entry::{Entry, EntryBody};
use crate::storage::store::Store;
use crate::storage::uploads::UploadState;
use crate::tags::Tags;
use crate::upload_id::UploadId;
use crate::version_id::IdSource;
use crate::versioning::VersioningState;
use crate::write::IdChoice;

/// When an action of a rule is due.
#[derive(Clone, Copy, Debug)]
enum When {
    /// `Days` N after the reference time (LC-6).
    Days(u64),
    /// s3 `Date`: every matching subject once `now` reaches it (LC-7).
    From(u64),
    /// oss `CreatedBeforeDate`: subjects whose reference time is before it (LC-7).
    Before(u64),
    /// LC-3's `ExpiredObjectDeleteMarker`: at any run.
    Always,
}

impl When {
    /// Whether the action is due for reference time `reference` at `now`.
    fn is_due(self, reference: u64, now: u64) -> bool {
        match self {
            When::Days(days) => days_due(reference, days, now),
            When::From(date) => now >= date,
            When::Before(date) => reference < date,
            When::Always => true,
        }
    }

    /// The latest reference time that may be due at `now`, if any.
    fn bound(self, now: u64) -> Option<u64> {
        match self {
            When::Days(days) => days_bound(days, now),
            When::From(date) => (now >= date).then_some(u64::MAX),
            When::Before(date) => date.checked_sub(1),
            When::Always => Some(u64::MAX),
        }
    }
}

/// One action of one enabled rule: its filter and when it is due.
type Action<'a> = (&'a LifecycleFilter, When);

/// The latest reference time any of `actions` may find due at `now`.
fn bound_of(actions: &[Action<'_>], now: u64) -> Option<u64> {
    actions.iter().filter_map(|(_, when)| when.bound(now)).max()
}

/// The tags of an object version that carries none.
static NO_TAGS: Tags = Tags::EMPTY;

/// What rules match the entry `sequence` on (LC-10): a marker, or an object version's size
/// and tags (TAG-1).
fn subject_of<'a, S: IdSource>(store: &'a Store<S>, sequence: u64, entry: &Entry) -> Subject<'a> {
    if entry.is_delete_marker() {
        Subject::Marker
    } else {
        Subject::Object {
            size: entry.size(),
            tags: store
                .attributes(sequence)
                .map_or(&NO_TAGS, |attributes| &attributes.tags),
        }
    }
}

/// A removal, with the sequence number that orders it within its chain (LC-13).
type Removal = (u64, RemovedEntry);

impl<S: IdSource> Bucket<S> {
    /// The run behind [`Bucket::run_lifecycle`].
    pub(crate) fn run(&mut self) -> RunLifecycleOutcome {
        let Some(rules) = &self.lifecycle else {
            return RunLifecycleOutcome::default();
        };
        let rules: Vec<LifecycleRule> = rules
            .iter()
            .filter(|rule| rule.is_enabled())
            .cloned()
            .collect();
        let mut removed = Vec::new();
        self.expire_noncurrent(&rules, &mut removed);
        let mut delete_markers_added = self.expire_current(&rules, &mut removed);
        self.expire_markers(&rules, &mut removed);
        let mut uploads_aborted = self.abort_uploads(&rules);
        removed.sort_by(|(a_sequence, a), (b_sequence, b)| {
            (&a.key, Reverse(a_sequence)).cmp(&(&b.key, Reverse(b_sequence)))
        });
        delete_markers_added.sort_by(|a, b| a.key.cmp(&b.key));
        uploads_aborted.sort_by(|a, b| (&a.key, &a.upload_id).cmp(&(&b.key, &b.upload_id)));
        RunLifecycleOutcome {
            removed: removed.into_iter().map(|(_, entry)| entry).collect(),
            delete_markers_added,
            uploads_aborted,
        }
    }

    /// Removes the entries `expired` (by key, each key's newest first) for good, as DEL-5 does,
    /// and records them (LC-13: by key, newest first). The entries of one key go together, in
    /// one pass of the store.
    fn remove_for_good(
        &mut self,
        mut expired: Vec<(ObjectKey, Vec<u64>)>,
        removed: &mut Vec<Removal>,
    ) {
        expired.sort_by(|(a, _), (b, _)| a.cmp(b));
        for (key, sequences) in &expired {
            if let Some(chain) = self.store.chain(key.as_str()) {
                for &sequence in sequences {
                    if let Some(entry) = chain.get(sequence) {
                        removed.push((
                            sequence,
                            RemovedEntry {
                                key: key.clone(),
                                version_id: self.store.id_of(sequence, entry),
                                delete_marker: entry.is_delete_marker(),
                            },
                        ));
                    }
                }
            }
            self.store.remove_each(key.as_str(), sequences, |_, _| ());
        }
    }

    /// LC-2, LC-8: noncurrent entries due by their successor's creation, keeping the K newest
    /// noncurrent entries of a key when a rule says so.
    fn expire_noncurrent(&mut self, rules: &[LifecycleRule], removed: &mut Vec<Removal>) {
        let now = self.now;
        let actions: Vec<(&LifecycleFilter, u64, Option<u64>)> = rules
            .iter()
            .filter_map(|rule| {
                let action = rule.noncurrent_version_expiration.as_ref()?;
                Some((
                    &rule.filter,
                    action.noncurrent_days,
                    action.newer_noncurrent_versions,
                ))
            })
            .collect();
        let Some(bound) = actions
            .iter()
            .filter_map(|(_, days, _)| days_bound(*days, now))
            .max()
        else {
            return;
        };
        let Some(due) = &self.store.due else {
            return;
        };
        let mut expired = Vec::new();
        for key in due.noncurrent_through(bound) {
            let Some(chain) = self.store.chain(key.as_str()) else {
                continue;
            };
            let mut sequences = Vec::new();
            // Oldest first while the reference time is within the bound: later entries of the
            // chain have later reference times (LC-0), so none of them can be due.
            for (since, sequence, entry) in chain
                .noncurrent_oldest_first()
                .take_while(|(since, _, _)| *since <= bound)
            {
                // LC-12: a locked or protected entry stays, to be reconsidered at a later run.
                if self.entry_is_held(sequence, entry) {
                    continue;
                }
                let subject = subject_of(&self.store, sequence, entry);
                let is_expired = actions.iter().any(|(filter, days, keep)| {
                    matches(filter, key.as_str(), subject)
                        && days_due(since, *days, now)
                        && keep.is_none_or(|keep| {
                            // LC-8: at least `keep` noncurrent entries are newer, so the head and
                            // `keep` more come before it from the top.
                            let newer = usize::try_from(keep)
                                .unwrap_or(usize::MAX)
                                .saturating_add(1);
                            chain
                                .newest_first(Bound::Unbounded)
                                .take(newer)
                                .filter(|(newer_sequence, _)| *newer_sequence > sequence)
                                .count()
                                == newer
                        })
                });
                if is_expired {
                    sequences.push(sequence);
                }
            }
            if !sequences.is_empty() {
                // Newest first, as LC-13 reports them.
                sequences.reverse();
                expired.push((key.clone(), sequences));
            }
        }
        self.remove_for_good(expired, removed);
    }

    /// LC-1: current versions due by their Last-Modified (or a date) expire as a simple delete
    /// would make them: the chain goes (Unversioned), a marker is added (Enabled), or the null
    /// entry goes and a null marker is added (Suspended).
    fn expire_current(
        &mut self,
        rules: &[LifecycleRule],
        removed: &mut Vec<Removal>,
    ) -> Vec<AddedDeleteMarker> {
        let now = self.now;
        let actions: Vec<Action<'_>> = rules
            .iter()
            .filter_map(|rule| {
                let expiration = rule.expiration.as_ref()?;
                let when = match (
                    expiration.days,
                    expiration.date,
                    expiration.created_before_date,
                ) {
                    (Some(days), _, _) => When::Days(days),
                    (_, Some(date), _) => When::From(date),
                    (_, _, Some(date)) => When::Before(date),
                    _ => return None,
                };
                Some((&rule.filter, when))
            })
            .collect();
        let (Some(bound), Some(due)) = (bound_of(&actions, now), &self.store.due) else {
            return Vec::new();
        };
        let mut expired: Vec<ObjectKey> = due
            .heads_through(bound)
            .filter(|key| {
                let Some((sequence, head)) = self.store.head(key.as_str()) else {
                    return false;
                };
                let subject = subject_of(&self.store, sequence, head);
                actions.iter().any(|(filter, when)| {
                    matches(filter, key.as_str(), subject) && when.is_due(head.modified(), now)
                })
            })
            .cloned()
            .collect();
        // Markers are added in key order, so their sequence numbers (and IDs) follow it.
        expired.sort();
        let mut added = Vec::new();
        for key in expired {
            if self.versioning != VersioningState::Enabled
                && self.store.chain(key.as_str()).is_some_and(|chain| {
                    chain
                        .newest_first(Bound::Unbounded)
                        .any(|(sequence, entry)| self.entry_is_held(sequence, entry))
                })
            {
                // LC-12: the expiration would remove a locked or protected version (the chain,
                // or the null entry); it waits for a later run. Enabled only adds a marker.
                continue;
            }
            if self.versioning == VersioningState::Unversioned {
                if let Some(chain) = self.store.chain(key.as_str()) {
                    for (sequence, entry) in chain.newest_first(Bound::Unbounded) {
                        let version_id = self.store.id_of(sequence, entry);
                        removed.push((
                            sequence,
                            RemovedEntry {
                                key: key.clone(),
                                version_id,
                                delete_marker: entry.is_delete_marker(),
                            },
                        ));
                    }
                }
                self.store.remove_chain(key.as_str());
                continue;
            }
            // Every stored key passed the dialect's check when it was written.
            let Ok(checked) = Key::parse(self.dialect(), key.as_str()) else {
                continue;
            };
            if self.versioning == VersioningState::Suspended
                && let Some(chain) = self.store.chain(key.as_str())
                && let Some(sequence) = chain.null_sequence()
                && let Some(entry) = chain.get(sequence)
            {
                removed.push((
                    sequence,
                    RemovedEntry {
                        key: key.clone(),
                        version_id: crate::version_id::VersionId::NULL,
                        delete_marker: entry.is_delete_marker(),
                    },
                ));
            }
            let version_id = self.enter_head(checked, EntryBody::DeleteMarker, IdChoice::ByState);
            added.push(AddedDeleteMarker { key, version_id });
        }
        added
    }

    /// LC-3: a delete marker that is its key's only entry goes when a rule sets
    /// `ExpiredObjectDeleteMarker`, or (s3) when an `Expiration` `Days` rule finds it due by its
    /// own creation or a `Date` rule's date has passed.
    fn expire_markers(&mut self, rules: &[LifecycleRule], removed: &mut Vec<Removal>) {
        let now = self.now;
        let dialect = self.dialect();
        let actions: Vec<Action<'_>> = rules
            .iter()
            .filter_map(|rule| {
                let expiration = rule.expiration.as_ref()?;
                let when = if expiration.expired_object_delete_marker == Some(true) {
                    When::Always
                } else if dialect == Dialect::S3 {
                    match (expiration.days, expiration.date) {
                        (Some(days), _) => When::Days(days),
                        (_, Some(date)) => When::From(date),
                        _ => return None,
                    }
                } else {
                    return None;
                };
                Some((&rule.filter, when))
            })
            .collect();
        let (Some(bound), Some(due)) = (bound_of(&actions, now), &self.store.due) else {
            return;
        };
        let expired: Vec<(ObjectKey, Vec<u64>)> = due
            .lone_markers_through(bound)
            .filter(|(created, key, _)| {
                actions.iter().any(|(filter, when)| {
                    matches(filter, key.as_str(), Subject::Marker) && when.is_due(*created, now)
                })
            })
            .map(|(_, key, sequence)| (key.clone(), vec![sequence]))
            .collect();
        self.remove_for_good(expired, removed);
    }

    /// LC-4: uploads in progress due by their initiation are aborted (MPU-8).
    fn abort_uploads(&mut self, rules: &[LifecycleRule]) -> Vec<AbortedUpload> {
        let now = self.now;
        let actions: Vec<Action<'_>> = rules
            .iter()
            .filter_map(|rule| {
                let abort = rule.abort_incomplete_multipart_upload.as_ref()?;
                let when = match (abort.days_after_initiation, abort.created_before_date) {
                    (Some(days), _) => When::Days(days),
                    (_, Some(date)) => When::Before(date),
                    _ => return None,
                };
                Some((&rule.filter, when))
            })
            .collect();
        let Some(bound) = bound_of(&actions, now) else {
            return Vec::new();
        };
        let expired: Vec<UploadId> = self
            .uploads
            .initiated_through(bound)
            .filter(|upload_id| {
                self.uploads.get(upload_id).is_some_and(|upload| {
                    actions.iter().any(|(filter, when)| {
                        matches(filter, upload.key.as_str(), Subject::Upload)
                            && when.is_due(upload.initiated, now)
                    })
                })
            })
            .cloned()
            .collect();
        expired
            .into_iter()
            .filter_map(|upload_id| {
                let upload = self.uploads.end(&upload_id, UploadState::Aborted)?;
                Some(AbortedUpload {
                    key: upload.key,
                    upload_id,
                })
            })
            .collect()
    }
}
