//! Object Lock (s3, OL-1..OL-6) and retention policies (oss bucket WORM, OL-7, OL-8): the
//! configuration commands, the retention and legal hold of a version, and the checks every
//! write and delete runs. A bucket with neither pays one `Option` test per write or delete.

use crate::bucket::Bucket;
use crate::checked::{Key, WellFormedId};
use crate::dialect::Dialect;
use crate::lock::{
    DefaultRetention, LegalHoldStatus, LockRequest, ObjectLockConfiguration, Retention,
    RetentionMode, VersionLock, Worm, WormState,
};
use crate::outcome::{BucketProtectionChanged, ObjectLockOutcome};
use crate::request::{PutObjectLegalHold, PutObjectRetention};
use crate::storage::entry::Entry;
use crate::storage::store::Clear;
use crate::version_id::{IdSource, VersionId};
use crate::versioning::VersioningState;
use crate::violation::{
    AccessDeniedReason, ArgumentError, BucketStateReason, InvalidRequestReason, Violation,
};
use crate::write::IdChoice;

impl<S: IdSource> Bucket<S> {
    /// PutObjectLockConfiguration (s3, OL-1): turns Object Lock on for good, with an optional
    /// default retention that replaces any earlier one.
    ///
    /// - oss has no Object Lock: `NotImplemented` 501 (its retention policies are OL-7's).
    /// - A default retention needs exactly one of `days` and `years`, at least 1, else
    ///   `InvalidArgument` 400 (MODEL for the code).
    /// - The bucket must be Enabled, else `InvalidBucketState` 409.
    pub fn put_object_lock_configuration(
        &mut self,
        default_retention: Option<DefaultRetention>,
    ) -> Result<BucketProtectionChanged, Violation> {
        if self.dialect() == Dialect::Oss {
            return Err(Violation::NotImplemented {
                operation: "PutObjectLockConfiguration",
            });
        }
        if default_retention.is_some_and(|default| default.period().is_none()) {
            return Err(Violation::InvalidArgument(
                ArgumentError::DefaultRetentionPeriod,
            ));
        }
        if self.versioning != VersioningState::Enabled {
            return Err(Violation::InvalidBucketState(
                BucketStateReason::LockNeedsEnabled,
            ));
        }
        self.object_lock = Some(ObjectLockConfiguration { default_retention });
        Ok(BucketProtectionChanged {})
    }

    /// The Object Lock configuration, if Object Lock is on (OL-1).
    pub fn object_lock_configuration(&self) -> Option<ObjectLockConfiguration> {
        self.object_lock
    }

    /// PutObjectRetention (OL-2, OL-6): sets the retention of the head of `key`, or of the
    /// version `version_id` names.
    ///
    /// - A bucket without Object Lock: `InvalidRequest` 400 (so every oss bucket).
    /// - The version is selected as s3 PutObjectTagging selects it (`NoSuchKey`,
    ///   `NoSuchVersion` 404); a delete marker → `MethodNotAllowed` 405.
    /// - OL-6, while the current retention holds: the same mode with a `retain_until` no
    ///   earlier is always allowed; otherwise a `COMPLIANCE` one refuses (`AccessDenied` 403)
    ///   and a `GOVERNANCE` one gives way only to `bypass_governance`. A retention that no
    ///   longer holds (OL-3) restricts nothing.
    pub fn put_object_retention(
        &mut self,
        request: PutObjectRetention,
    ) -> Result<ObjectLockOutcome, Violation> {
        let retention = Retention::new(request.mode, request.retain_until);
        let bypass = request.bypass_governance.unwrap_or(false);
        let (sequence, id) = self.lock_target(request.key.as_str(), request.version_id.as_ref())?;
        let current = self.version_lock(sequence);
        if let Some(old) = current.retention
            && old.holds_at(self.now)
            && !(old.mode == retention.mode && retention.retain_until >= old.retain_until)
        {
            match old.mode {
                RetentionMode::Compliance => {
                    return Err(Violation::AccessDenied(
                        AccessDeniedReason::ComplianceChange,
                    ));
                }
                RetentionMode::Governance if !bypass => {
                    return Err(Violation::AccessDenied(
                        AccessDeniedReason::GovernanceChange,
                    ));
                }
                RetentionMode::Governance => {}
            }
        }
        self.set_version_lock(
            sequence,
            VersionLock {
                retention: Some(retention),
                ..current
            },
        );
        Ok(ObjectLockOutcome {
            version_id: self.reported_read_id(&id),
        })
    }

    /// PutObjectLegalHold (OL-2): turns the legal hold of the head of `key`, or of the version
    /// `version_id` names, on or off; selection and refusals as
    /// [`put_object_retention`](Self::put_object_retention).
    pub fn put_object_legal_hold(
        &mut self,
        request: PutObjectLegalHold,
    ) -> Result<ObjectLockOutcome, Violation> {
        let (sequence, id) = self.lock_target(request.key.as_str(), request.version_id.as_ref())?;
        let current = self.version_lock(sequence);
        self.set_version_lock(
            sequence,
            VersionLock {
                legal_hold: request.status.is_on(),
                ..current
            },
        );
        Ok(ObjectLockOutcome {
            version_id: self.reported_read_id(&id),
        })
    }

    /// The retention and legal hold of `key`'s head, or of the version `version_id` names
    /// (the GetObjectRetention / GetObjectLegalHold answer; refusals as
    /// [`put_object_retention`](Self::put_object_retention)).
    pub fn object_lock_of(
        &self,
        key: &str,
        version_id: Option<&VersionId>,
    ) -> Result<(Option<Retention>, bool), Violation> {
        let (sequence, _) = self.lock_target(key, version_id)?;
        let lock = self.version_lock(sequence);
        Ok((lock.retention, lock.legal_hold))
    }

    /// InitiateBucketWorm (oss, OL-7): a retention policy of `days` (1..=25550) in progress.
    ///
    /// s3 → `NotImplemented` 501; days out of range → `InvalidArgument` 400; a Suspended
    /// bucket → `InvalidBucketState` 409; a locked policy → `WORMConfigurationLocked` 409
    /// (MODEL); a policy still in progress is replaced (MODEL).
    pub fn initiate_bucket_worm(
        &mut self,
        days: u32,
    ) -> Result<BucketProtectionChanged, Violation> {
        self.oss_only("InitiateBucketWorm")?;
        if !Worm::is_valid_days(days) {
            return Err(Violation::InvalidArgument(ArgumentError::WormDays(days)));
        }
        if self.versioning == VersioningState::Suspended {
            return Err(Violation::InvalidBucketState(
                BucketStateReason::WormNeedsEnabledOrUnversioned,
            ));
        }
        if self
            .worm
            .is_some_and(|worm| worm.state == WormState::Locked)
        {
            return Err(Violation::WormConfigurationLocked);
        }
        self.worm = Some(Worm {
            days,
            state: WormState::InProgress,
        });
        Ok(BucketProtectionChanged {})
    }

    /// CompleteBucketWorm (oss, OL-7): locks the policy in progress. No policy →
    /// `NoSuchWORMConfiguration` 404; one already locked → `WORMConfigurationLocked` 409
    /// (MODEL).
    pub fn complete_bucket_worm(&mut self) -> Result<BucketProtectionChanged, Violation> {
        self.oss_only("CompleteBucketWorm")?;
        let worm = self.worm_in_force()?;
        if worm.state == WormState::Locked {
            return Err(Violation::WormConfigurationLocked);
        }
        self.worm = Some(Worm {
            state: WormState::Locked,
            ..worm
        });
        Ok(BucketProtectionChanged {})
    }

    /// ExtendBucketWorm (oss, OL-7): lengthens a locked policy to `days`. No policy →
    /// `NoSuchWORMConfiguration` 404; days out of range or not longer → `InvalidArgument` 400
    /// (MODEL); a policy in progress → `InvalidBucketState` 409 (MODEL).
    pub fn extend_bucket_worm(&mut self, days: u32) -> Result<BucketProtectionChanged, Violation> {
        self.oss_only("ExtendBucketWorm")?;
        if !Worm::is_valid_days(days) {
            return Err(Violation::InvalidArgument(ArgumentError::WormDays(days)));
        }
        let worm = self.worm_in_force()?;
        if worm.state != WormState::Locked {
            return Err(Violation::InvalidBucketState(
                BucketStateReason::WormNotLocked,
            ));
        }
        if days <= worm.days {
            return Err(Violation::InvalidArgument(ArgumentError::WormNotLonger {
                days,
                current: worm.days,
            }));
        }
        self.worm = Some(Worm { days, ..worm });
        Ok(BucketProtectionChanged {})
    }

    /// AbortBucketWorm (oss, OL-7): removes a policy still in progress. No policy →
    /// `NoSuchWORMConfiguration` 404; a locked one → `WORMConfigurationLocked` 409.
    pub fn abort_bucket_worm(&mut self) -> Result<BucketProtectionChanged, Violation> {
        self.oss_only("AbortBucketWorm")?;
        if self.worm_in_force()?.state == WormState::Locked {
            return Err(Violation::WormConfigurationLocked);
        }
        self.worm = None;
        Ok(BucketProtectionChanged {})
    }

    /// GetBucketWorm (oss, OL-7): the retention policy. No policy →
    /// `NoSuchWORMConfiguration` 404.
    pub fn get_bucket_worm(&self) -> Result<Worm, Violation> {
        self.oss_only("GetBucketWorm")?;
        self.worm_in_force()
    }

    /// OL-2: the retention and legal hold a new version created now gets: the request's
    /// retention, else the default's; `InvalidRequest` 400 if the request asks for either in a
    /// bucket without Object Lock. A state check.
    pub(crate) fn new_version_lock(&self, request: LockRequest) -> Result<VersionLock, Violation> {
        let Some(config) = &self.object_lock else {
            if request.is_empty() {
                return Ok(VersionLock::default());
            }
            return Err(Violation::InvalidRequest(
                InvalidRequestReason::ObjectLockNotEnabled,
            ));
        };
        let retention = request.retention.or_else(|| {
            config
                .default_retention
                .and_then(|default| default.retention_from(self.now))
        });
        Ok(VersionLock {
            retention,
            legal_hold: request.legal_hold.is_some_and(LegalHoldStatus::is_on),
        })
    }

    /// OL-7 (INV-13): a write or simple delete that would remove an entry the retention
    /// policy protects → `FileImmutable` 409. What a new head entered with `choice` removes is
    /// [`clear_for`](Self::clear_for)'s: in an Unversioned bucket the chain (a protected head
    /// refuses), when the new head takes the `null` ID in a versioned bucket the older `null`
    /// entry (PUT-3 in Suspended, APP-11's `null` appendables in Enabled); otherwise writes and
    /// simple deletes only add entries. A state check.
    pub(crate) fn check_replace(&self, key: &str, choice: &IdChoice) -> Result<(), Violation> {
        let Some(worm) = self.worm else {
            return Ok(());
        };
        let removed = match self.clear_for(choice) {
            Clear::Chain => self.store.head(key),
            Clear::Null => self.store.find_entry(key, &VersionId::NULL),
            Clear::Nothing => None,
        };
        if removed.is_some_and(|(_, entry)| self.worm_protects(worm, entry)) {
            return Err(Violation::FileImmutable);
        }
        Ok(())
    }

    /// OL-8: an append to a protected appendable → `FileImmutable` 409.
    pub(crate) fn check_append(&self, head: &Entry) -> Result<(), Violation> {
        match self.worm {
            Some(worm) if self.worm_protects(worm, head) => Err(Violation::FileImmutable),
            _ => Ok(()),
        }
    }

    /// OL-4 (s3) and OL-7 (oss): a delete by ID of the entry `sequence` that a lock or a
    /// retention policy forbids. Delete markers are never held (OL-5).
    pub(crate) fn check_version_delete(
        &self,
        sequence: u64,
        entry: &Entry,
        bypass_governance: bool,
    ) -> Result<(), Violation> {
        if let Some(worm) = self.worm
            && self.worm_protects(worm, entry)
        {
            return Err(Violation::FileImmutable);
        }
        if self.object_lock.is_none() {
            return Ok(());
        }
        let lock = self.version_lock(sequence);
        if lock.legal_hold {
            return Err(Violation::AccessDenied(AccessDeniedReason::LegalHold));
        }
        match lock.retention {
            Some(retention) if retention.holds_at(self.now) => match retention.mode {
                RetentionMode::Compliance => Err(Violation::AccessDenied(
                    AccessDeniedReason::ComplianceRetention,
                )),
                RetentionMode::Governance if !bypass_governance => Err(Violation::AccessDenied(
                    AccessDeniedReason::GovernanceRetention,
                )),
                RetentionMode::Governance => Ok(()),
            },
            _ => Ok(()),
        }
    }

    /// OL-3, OL-7: whether the entry `sequence` is locked or protected now: what lifecycle
    /// leaves alone (LC-12) and INV-13 keeps.
    pub(crate) fn entry_is_held(&self, sequence: u64, entry: &Entry) -> bool {
        self.worm
            .is_some_and(|worm| self.worm_protects(worm, entry))
            || self.version_lock(sequence).holds_at(self.now)
    }

    /// Whether the version `version_id` of `key` is locked (OL-3) or protected by the
    /// retention policy (OL-7) now: what no command may remove (INV-13, LC-12). `false` when
    /// there is no such version.
    pub fn is_held(&self, key: &str, version_id: &VersionId) -> bool {
        self.store
            .find_entry(key, version_id)
            .is_some_and(|(sequence, entry)| self.entry_is_held(sequence, entry))
    }

    /// OL-7: whether `worm` protects `entry` now (object versions only).
    fn worm_protects(&self, worm: Worm, entry: &Entry) -> bool {
        !entry.is_delete_marker() && worm.protects(entry.modified(), self.now)
    }

    /// The retention and legal hold of the entry `sequence`.
    pub(crate) fn version_lock(&self, sequence: u64) -> VersionLock {
        self.store
            .attributes(sequence)
            .map(|attributes| attributes.lock())
            .unwrap_or_default()
    }

    fn set_version_lock(&mut self, sequence: u64, lock: VersionLock) {
        let mut attributes = self.store.attributes(sequence).cloned().unwrap_or_default();
        attributes.set_lock(lock);
        self.store.set_attributes(sequence, attributes);
    }

    /// The object version a retention or legal hold request names, with its ID (OL-2).
    fn lock_target(
        &self,
        key: &str,
        version_id: Option<&VersionId>,
    ) -> Result<(u64, VersionId), Violation> {
        let key = Key::parse(self.dialect(), key)?;
        let version_id = WellFormedId::parse_optional(version_id)?;
        if self.object_lock.is_none() {
            return Err(Violation::InvalidRequest(
                InvalidRequestReason::ObjectLockNotEnabled,
            ));
        }
        self.tagged(key, version_id)
    }

    fn oss_only(&self, operation: &'static str) -> Result<(), Violation> {
        match self.dialect() {
            Dialect::Oss => Ok(()),
            Dialect::S3 => Err(Violation::NotImplemented { operation }),
        }
    }

    fn worm_in_force(&self) -> Result<Worm, Violation> {
        self.worm.ok_or(Violation::NoSuchWormConfiguration)
    }
}
