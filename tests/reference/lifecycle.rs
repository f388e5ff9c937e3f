//! The reference's lifecycle (LC), straight from rules.md section 14: a configuration checked
//! rule by rule, and a run that walks every key and every entry, every upload, every rule.

use super::*;
use bucket_versioning::lifecycle::{LifecycleFilter, LifecycleRule};
use bucket_versioning::outcome::{
    AbortedUpload, AddedDeleteMarker, BucketLifecycleChanged, GetBucketLifecycleOutcome,
    RemovedEntry, RunLifecycleOutcome,
};
use bucket_versioning::violation::{LifecycleStructure, LifecycleValue};

const DAY: u64 = 86_400;

/// LC-6, computed in u128 so that nothing overflows.
fn due_after_days(reference: u64, days: u64, now: u64) -> bool {
    let day = DAY as u128;
    let midnight = (reference as u128).div_ceil(day) * day;
    midnight + days as u128 * day <= now as u128
}

/// Whether the tag list holds `name` = `value` (TAG-1), by a linear scan.
fn has_tag(tags: &[(String, String)], name: &str, value: &str) -> bool {
    tags.iter().any(|(n, v)| n == name && v == value)
}

/// LC-10 (MODEL: a DM or an upload, `object` None, has no size and no tags; an object version
/// is matched on its own size and tags).
fn filter_matches(
    filter: &LifecycleFilter,
    key: &str,
    object: Option<(u64, &[(String, String)])>,
) -> bool {
    let prefix = filter.prefix.clone().unwrap_or_default();
    if !key.starts_with(prefix.as_str()) {
        return false;
    }
    let wanted = filter.tags.clone().unwrap_or_default();
    let not_tag = filter.not.as_ref().is_some_and(|not| not.tag.is_some());
    let sized = filter.object_size_greater_than.is_some() || filter.object_size_less_than.is_some();
    if let Some(not) = &filter.not {
        let not_prefix = not.prefix.clone().unwrap_or_default();
        if key.starts_with(not_prefix.as_str()) {
            match (&not.tag, object) {
                (None, _) => return false,
                (Some(tag), Some((_, tags))) if has_tag(tags, &tag.key, &tag.value) => {
                    return false;
                }
                _ => {}
            }
        }
    }
    match object {
        None => wanted.is_empty() && !not_tag && !sized,
        Some((size, tags)) => {
            wanted
                .iter()
                .all(|(name, value)| has_tag(tags, name, value))
                && filter.object_size_greater_than.is_none_or(|g| size > g)
                && filter.object_size_less_than.is_none_or(|l| size < l)
        }
    }
}

impl<S: IdSource> RefBucket<S> {
    /// LC-9: structure of every rule first, then the values, then the IDs.
    pub(super) fn put_lifecycle(
        &mut self,
        rules: Vec<LifecycleRule>,
    ) -> Result<BucketLifecycleChanged, Violation> {
        let bad = |fault| Violation::MalformedXml(MalformedXmlReason::Lifecycle(fault));
        let value = |fault| Violation::InvalidArgument(ArgumentError::Lifecycle(fault));
        if rules.is_empty() {
            return Err(bad(LifecycleStructure::NoRules));
        }
        for (index, rule) in rules.iter().enumerate() {
            let n = index + 1;
            if rule.status != "Enabled" && rule.status != "Disabled" {
                return Err(bad(LifecycleStructure::Status {
                    rule: n,
                    status: rule.status.clone(),
                }));
            }
            let e = rule.expiration.clone();
            let nc = rule.noncurrent_version_expiration.clone();
            let ab = rule.abort_incomplete_multipart_upload.clone();
            let lacks = |element| {
                Err(bad(LifecycleStructure::ElementNotInDialect {
                    rule: n,
                    element,
                }))
            };
            if self.dialect == Dialect::Oss {
                if e.as_ref().is_some_and(|e| e.date.is_some()) {
                    return lacks("Expiration/Date");
                }
                if nc
                    .as_ref()
                    .is_some_and(|n| n.newer_noncurrent_versions.is_some())
                {
                    return lacks("NewerNoncurrentVersions");
                }
            } else {
                if e.as_ref().is_some_and(|e| e.created_before_date.is_some()) {
                    return lacks("Expiration/CreatedBeforeDate");
                }
                if ab.as_ref().is_some_and(|a| a.created_before_date.is_some()) {
                    return lacks("AbortIncompleteMultipartUpload/CreatedBeforeDate");
                }
                if rule.filter.not.is_some() {
                    return lacks("Filter/Not");
                }
            }
            if e.is_none() && nc.is_none() && ab.is_none() {
                return Err(bad(LifecycleStructure::NoAction { rule: n }));
            }
            if let Some(e) = &e {
                let choices = [
                    e.days.is_some(),
                    e.date.is_some(),
                    e.created_before_date.is_some(),
                    e.expired_object_delete_marker == Some(true),
                ]
                .iter()
                .filter(|set| **set)
                .count();
                if choices != 1 {
                    return Err(bad(LifecycleStructure::Choices {
                        rule: n,
                        action: "Expiration",
                        choices,
                    }));
                }
            }
            if let Some(a) = &ab {
                let choices = [
                    a.days_after_initiation.is_some(),
                    a.created_before_date.is_some(),
                ]
                .iter()
                .filter(|set| **set)
                .count();
                if choices != 1 {
                    return Err(bad(LifecycleStructure::Choices {
                        rule: n,
                        action: "AbortIncompleteMultipartUpload",
                        choices,
                    }));
                }
            }
            let tagged = rule.filter.tags.as_ref().is_some_and(|t| !t.is_empty())
                || rule
                    .filter
                    .not
                    .as_ref()
                    .is_some_and(|not| not.tag.is_some());
            if tagged
                && e.as_ref()
                    .is_some_and(|e| e.expired_object_delete_marker == Some(true))
            {
                return Err(bad(LifecycleStructure::ActionWithTagFilter {
                    rule: n,
                    action: "ExpiredObjectDeleteMarker",
                }));
            }
            if tagged && ab.is_some() {
                return Err(bad(LifecycleStructure::ActionWithTagFilter {
                    rule: n,
                    action: "AbortIncompleteMultipartUpload",
                }));
            }
        }
        if rules.len() > 1000 {
            return Err(value(LifecycleValue::TooManyRules(rules.len())));
        }
        for (index, rule) in rules.iter().enumerate() {
            let n = index + 1;
            let days = |d: Option<u64>, element| {
                if d == Some(0) {
                    Err(value(LifecycleValue::DaysBelowOne { rule: n, element }))
                } else {
                    Ok(())
                }
            };
            let midnight = |d: Option<u64>, element| match d {
                Some(date) if date % DAY != 0 => Err(value(LifecycleValue::DateNotMidnight {
                    rule: n,
                    element,
                    date,
                })),
                _ => Ok(()),
            };
            if let Some(e) = &rule.expiration {
                days(e.days, "Expiration/Days")?;
                midnight(e.date, "Expiration/Date")?;
                midnight(e.created_before_date, "Expiration/CreatedBeforeDate")?;
            }
            if let Some(nc) = &rule.noncurrent_version_expiration {
                days(Some(nc.noncurrent_days), "NoncurrentDays")?;
                if let Some(k) = nc.newer_noncurrent_versions
                    && !(1..=100).contains(&k)
                {
                    return Err(value(LifecycleValue::NewerNoncurrentVersions {
                        rule: n,
                        value: k,
                    }));
                }
            }
            if let Some(a) = &rule.abort_incomplete_multipart_upload {
                days(a.days_after_initiation, "DaysAfterInitiation")?;
                midnight(
                    a.created_before_date,
                    "AbortIncompleteMultipartUpload/CreatedBeforeDate",
                )?;
            }
        }
        let mut named = rules;
        let mut unnamed = 0;
        for rule in &mut named {
            if rule.id.clone().unwrap_or_default().is_empty() {
                unnamed += 1;
                rule.id = Some(format!("rule-{unnamed}"));
            }
        }
        for (index, rule) in named.iter().enumerate() {
            if named[..index].iter().any(|earlier| earlier.id == rule.id) {
                return Err(value(LifecycleValue::DuplicateRuleId(
                    rule.id.clone().unwrap_or_default(),
                )));
            }
        }
        self.lifecycle = Some(named);
        Ok(BucketLifecycleChanged {})
    }

    pub(super) fn get_lifecycle(&self) -> Result<GetBucketLifecycleOutcome, Violation> {
        match &self.lifecycle {
            Some(rules) => Ok(GetBucketLifecycleOutcome {
                rules: rules.clone(),
            }),
            None if self.dialect == Dialect::Oss => Err(Violation::NoSuchLifecycle),
            None => Err(Violation::NoSuchLifecycleConfiguration),
        }
    }

    /// LC-11: every key, step by step; each step decides on the state it starts from.
    pub(super) fn run_lifecycle(&mut self) -> RunLifecycleOutcome {
        let rules: Vec<LifecycleRule> = self
            .lifecycle
            .clone()
            .unwrap_or_default()
            .into_iter()
            .filter(|rule| rule.status == "Enabled")
            .collect();
        let now = self.now;
        let s3 = self.dialect == Dialect::S3;
        // (key, place in the chain, oldest first, at the start of the run; the marker a run
        // adds is newer than all) for LC-13's order.
        let mut removed: Vec<(String, usize, RemovedEntry)> = Vec::new();
        let start: Vec<(String, Vec<String>)> = self
            .chains
            .iter()
            .map(|(key, entries)| {
                (
                    key.clone(),
                    entries.iter().map(|s| s.entry.id.clone()).collect(),
                )
            })
            .collect();
        let place = |key: &str, id: &str| {
            start
                .iter()
                .find(|(k, _)| k == key)
                .and_then(|(_, ids)| ids.iter().position(|i| i == id))
                .unwrap_or(usize::MAX)
        };

        // Step 1: noncurrent expiration (LC-2, LC-8).
        let mut doomed: Vec<(String, String)> = Vec::new();
        for (key, entries) in &self.chains {
            let len = entries.len();
            for i in 0..len.saturating_sub(1) {
                let entry = &entries[i].entry;
                // LC-12: a locked or protected version stays, reconsidered at later runs.
                if self.held(entry) {
                    continue;
                }
                let successor = &entries[i + 1].entry;
                let newer_noncurrent = (len - 1) - (i + 1);
                let object =
                    (!entry.delete_marker).then_some((entry.size, entry.attrs.tags.as_slice()));
                let expired = rules.iter().any(|rule| {
                    rule.noncurrent_version_expiration
                        .as_ref()
                        .is_some_and(|nc| {
                            filter_matches(&rule.filter, key, object)
                                && due_after_days(successor.created, nc.noncurrent_days, now)
                                && nc
                                    .newer_noncurrent_versions
                                    .is_none_or(|k| newer_noncurrent as u64 >= k)
                        })
                });
                if expired {
                    doomed.push((key.clone(), entry.id.clone()));
                }
            }
        }
        for (key, id) in doomed {
            let chain = self.chain_mut(&key);
            let index = chain
                .iter()
                .position(|s| s.entry.id == id)
                .expect("doomed entry");
            let gone = chain.remove(index);
            removed.push((
                key.clone(),
                place(&key, &id),
                RemovedEntry {
                    key: ObjectKey::new(key.as_str()),
                    version_id: VersionId::new(id),
                    delete_marker: gone.entry.delete_marker,
                },
            ));
        }
        self.drop_empty();

        // Step 2: current expiration (LC-1).
        let mut expiring: Vec<String> = Vec::new();
        for (key, entries) in &self.chains {
            let head = &entries.last().expect("no empty chain").entry;
            if head.delete_marker {
                continue;
            }
            let expired = rules.iter().any(|rule| {
                let Some(e) = &rule.expiration else {
                    return false;
                };
                let due = if let Some(days) = e.days {
                    due_after_days(head.modified, days, now)
                } else if let Some(date) = e.date {
                    now >= date
                } else if let Some(date) = e.created_before_date {
                    head.modified < date
                } else {
                    false
                };
                due && filter_matches(
                    &rule.filter,
                    key,
                    Some((head.size, head.attrs.tags.as_slice())),
                )
            });
            if expired {
                expiring.push(key.clone());
            }
        }
        // Every key in key order (LC-11), so the markers' IDs follow it.
        expiring.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        let mut added = Vec::new();
        for key in expiring {
            // LC-12: an expiration that would remove a locked or protected version (the whole
            // chain when Unversioned, the null entry when Suspended) waits for a later run;
            // when Enabled it only adds a marker, so it still happens.
            let would_remove: Vec<&Stored> = match self.state {
                VersioningState::Enabled => Vec::new(),
                VersioningState::Unversioned => self.chain(&key).iter().collect(),
                VersioningState::Suspended => self
                    .chain(&key)
                    .iter()
                    .filter(|s| s.entry.id == "null")
                    .collect(),
            };
            if would_remove.iter().any(|stored| self.held(&stored.entry)) {
                continue;
            }
            match self.state {
                VersioningState::Unversioned => {
                    for stored in self.chain(&key).to_vec() {
                        removed.push((
                            key.clone(),
                            place(&key, &stored.entry.id),
                            RemovedEntry {
                                key: ObjectKey::new(key.as_str()),
                                version_id: VersionId::new(stored.entry.id.clone()),
                                delete_marker: stored.entry.delete_marker,
                            },
                        ));
                    }
                    self.chain_mut(&key).clear();
                    self.drop_empty();
                }
                state => {
                    if state == VersioningState::Suspended
                        && let Some(null) = self.chain(&key).iter().find(|s| s.entry.id == "null")
                    {
                        removed.push((
                            key.clone(),
                            place(&key, "null"),
                            RemovedEntry {
                                key: ObjectKey::new(key.as_str()),
                                version_id: VersionId::NULL,
                                delete_marker: null.entry.delete_marker,
                            },
                        ));
                    }
                    let marker = RefEntry {
                        id: String::new(),
                        delete_marker: true,
                        object_type: None,
                        size: 0,
                        crc64: 0,
                        etag: None,
                        created: now,
                        modified: now,
                        sealed: false,
                        attrs: RefAttrs::default(),
                        target: None,
                        retention: None,
                        legal_hold: false,
                    };
                    let id = self.enter(
                        &key,
                        Stored {
                            entry: marker,
                            bytes: Vec::new(),
                        },
                        None,
                        false,
                    );
                    added.push(AddedDeleteMarker {
                        key: ObjectKey::new(key.as_str()),
                        version_id: VersionId::new(id),
                    });
                }
            }
        }

        // Step 3: expired delete markers (LC-3).
        let mut lone: Vec<String> = Vec::new();
        for (key, entries) in &self.chains {
            if entries.len() != 1 || !entries[0].entry.delete_marker {
                continue;
            }
            let created = entries[0].entry.created;
            let expired = rules.iter().any(|rule| {
                let Some(e) = &rule.expiration else {
                    return false;
                };
                let due = e.expired_object_delete_marker == Some(true)
                    || (s3
                        && e.days
                            .is_some_and(|days| due_after_days(created, days, now)))
                    || (s3 && e.date.is_some_and(|date| now >= date));
                due && filter_matches(&rule.filter, key, None)
            });
            if expired {
                lone.push(key.clone());
            }
        }
        for key in lone {
            let gone = self.chain_mut(&key).remove(0);
            let added_now = added.iter().any(|marker| marker.key.as_str() == key);
            removed.push((
                key.clone(),
                if added_now {
                    usize::MAX
                } else {
                    place(&key, &gone.entry.id)
                },
                RemovedEntry {
                    key: ObjectKey::new(key.as_str()),
                    version_id: VersionId::new(gone.entry.id),
                    delete_marker: true,
                },
            ));
            self.drop_empty();
        }

        // Step 4: uploads (LC-4).
        let mut aborted = Vec::new();
        let mut kept = Vec::new();
        for upload in std::mem::take(&mut self.uploads) {
            let expired = rules.iter().any(|rule| {
                rule.abort_incomplete_multipart_upload
                    .as_ref()
                    .is_some_and(|a| {
                        let due = match (a.days_after_initiation, a.created_before_date) {
                            (Some(days), _) => due_after_days(upload.initiated, days, now),
                            (_, Some(date)) => upload.initiated < date,
                            _ => false,
                        };
                        due && filter_matches(&rule.filter, &upload.key, None)
                    })
            });
            if expired {
                aborted.push(AbortedUpload {
                    key: ObjectKey::new(upload.key.as_str()),
                    upload_id: UploadId::new(upload.id.clone()),
                });
            } else {
                kept.push(upload);
            }
        }
        self.uploads = kept;

        removed.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()).then(b.1.cmp(&a.1)));
        added.sort_by(|a, b| a.key.as_str().as_bytes().cmp(b.key.as_str().as_bytes()));
        aborted.sort_by(|a, b| {
            (a.key.as_str().as_bytes(), a.upload_id.to_string())
                .cmp(&(b.key.as_str().as_bytes(), b.upload_id.to_string()))
        });
        RunLifecycleOutcome {
            removed: removed.into_iter().map(|(_, _, entry)| entry).collect(),
            delete_markers_added: added,
            uploads_aborted: aborted,
        }
    }
}
