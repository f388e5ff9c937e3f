//! The reference's Object Lock (s3, OL-1..OL-6) and retention policies (oss bucket WORM,
//! OL-7, OL-8), straight from rules.md section 21: what a bucket keeps (`lock`, `worm`), what
//! each version carries (`RefEntry::retention`, `RefEntry::legal_hold`), and the refusals
//! every write and delete asks about, each a linear look at the chain.

use super::*;
use bucket_versioning::lock::{DefaultRetention, LegalHoldStatus, Retention, RetentionMode};
use bucket_versioning::outcome::{BucketProtectionChanged, ObjectLockOutcome};
use bucket_versioning::violation::{AccessDeniedReason, BucketStateReason};

/// Seconds in a day (LC-0).
const DAY: u64 = 86_400;

/// An oss retention policy as the reference keeps it (OL-7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefWorm {
    pub days: u32,
    /// Completed (it can only be extended), else in progress (it can still be aborted).
    pub locked: bool,
}

impl<S: IdSource> RefBucket<S> {
    /// OL-1: PutObjectLockConfiguration.
    pub(super) fn put_lock_configuration(
        &mut self,
        default_retention: Option<DefaultRetention>,
    ) -> Result<BucketProtectionChanged, Violation> {
        self.not_implemented_on(Dialect::Oss, "PutObjectLockConfiguration")?;
        if let Some(default) = default_retention {
            let well_formed = match (default.days, default.years) {
                (Some(days), None) => days >= 1,
                (None, Some(years)) => years >= 1,
                _ => false,
            };
            if !well_formed {
                return Err(Violation::InvalidArgument(
                    ArgumentError::DefaultRetentionPeriod,
                ));
            }
        }
        if self.state != VersioningState::Enabled {
            return Err(Violation::InvalidBucketState(
                BucketStateReason::LockNeedsEnabled,
            ));
        }
        self.lock = Some(default_retention);
        Ok(BucketProtectionChanged {})
    }

    /// OL-1, OL-7: PutBucketVersioning to Suspended is refused while Object Lock is on or a
    /// retention policy exists.
    pub(super) fn check_suspend(&self, state: VersioningState) -> Result<(), Violation> {
        if state != VersioningState::Suspended {
            return Ok(());
        }
        if self.lock.is_some() {
            return Err(Violation::InvalidBucketState(
                BucketStateReason::SuspendWithLock,
            ));
        }
        if self.worm.is_some() {
            return Err(Violation::InvalidBucketState(
                BucketStateReason::SuspendWithWorm,
            ));
        }
        Ok(())
    }

    /// OL-2: the version a retention or legal hold request names, by its index in the chain.
    fn lock_target(&self, key: &str, version_id: Option<&VersionId>) -> Result<usize, Violation> {
        self.check_key(key)?;
        if let Some(id) = version_id {
            Self::check_version_id(id)?;
        }
        if self.lock.is_none() {
            return Err(Violation::InvalidRequest(
                InvalidRequestReason::ObjectLockNotEnabled,
            ));
        }
        self.tagged(key, version_id)
    }

    /// OL-2, OL-6: PutObjectRetention.
    pub(super) fn put_retention(
        &mut self,
        key: &str,
        version_id: Option<&VersionId>,
        wanted: Retention,
        bypass: bool,
    ) -> Result<ObjectLockOutcome, Violation> {
        let index = self.lock_target(key, version_id)?;
        let now = self.now;
        let entry = &self.chain(key)[index].entry;
        // OL-6 governs a retention in force; one that has run out (OL-3) restricts nothing.
        if let Some(old) = entry.retention
            && now < old.retain_until
        {
            let lengthens = wanted.mode == old.mode && wanted.retain_until >= old.retain_until;
            if !lengthens {
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
        }
        let stored = &mut self.chain_mut(key)[index];
        stored.entry.retention = Some(wanted);
        let id = stored.entry.id.clone();
        Ok(ObjectLockOutcome {
            version_id: self.reported_read(&id),
        })
    }

    /// OL-2: PutObjectLegalHold.
    pub(super) fn put_legal_hold(
        &mut self,
        key: &str,
        version_id: Option<&VersionId>,
        on: bool,
    ) -> Result<ObjectLockOutcome, Violation> {
        let index = self.lock_target(key, version_id)?;
        let stored = &mut self.chain_mut(key)[index];
        stored.entry.legal_hold = on;
        let id = stored.entry.id.clone();
        Ok(ObjectLockOutcome {
            version_id: self.reported_read(&id),
        })
    }

    /// OL-7: InitiateBucketWorm.
    pub(super) fn initiate_worm(
        &mut self,
        days: u32,
    ) -> Result<BucketProtectionChanged, Violation> {
        self.not_implemented_on(Dialect::S3, "InitiateBucketWorm")?;
        Self::check_worm_days(days)?;
        if self.state == VersioningState::Suspended {
            return Err(Violation::InvalidBucketState(
                BucketStateReason::WormNeedsEnabledOrUnversioned,
            ));
        }
        if self.worm.is_some_and(|worm| worm.locked) {
            return Err(Violation::WormConfigurationLocked);
        }
        self.worm = Some(RefWorm {
            days,
            locked: false,
        });
        Ok(BucketProtectionChanged {})
    }

    /// OL-7: CompleteBucketWorm.
    pub(super) fn complete_worm(&mut self) -> Result<BucketProtectionChanged, Violation> {
        self.not_implemented_on(Dialect::S3, "CompleteBucketWorm")?;
        match &mut self.worm {
            None => Err(Violation::NoSuchWormConfiguration),
            Some(worm) if worm.locked => Err(Violation::WormConfigurationLocked),
            Some(worm) => {
                worm.locked = true;
                Ok(BucketProtectionChanged {})
            }
        }
    }

    /// OL-7: ExtendBucketWorm, only lengthening a locked policy.
    pub(super) fn extend_worm(&mut self, days: u32) -> Result<BucketProtectionChanged, Violation> {
        self.not_implemented_on(Dialect::S3, "ExtendBucketWorm")?;
        Self::check_worm_days(days)?;
        match &mut self.worm {
            None => Err(Violation::NoSuchWormConfiguration),
            Some(worm) if !worm.locked => Err(Violation::InvalidBucketState(
                BucketStateReason::WormNotLocked,
            )),
            Some(worm) if days <= worm.days => {
                Err(Violation::InvalidArgument(ArgumentError::WormNotLonger {
                    days,
                    current: worm.days,
                }))
            }
            Some(worm) => {
                worm.days = days;
                Ok(BucketProtectionChanged {})
            }
        }
    }

    /// OL-7: AbortBucketWorm, only of a policy in progress.
    pub(super) fn abort_worm(&mut self) -> Result<BucketProtectionChanged, Violation> {
        self.not_implemented_on(Dialect::S3, "AbortBucketWorm")?;
        match self.worm {
            None => Err(Violation::NoSuchWormConfiguration),
            Some(worm) if worm.locked => Err(Violation::WormConfigurationLocked),
            Some(_) => {
                self.worm = None;
                Ok(BucketProtectionChanged {})
            }
        }
    }

    fn check_worm_days(days: u32) -> Result<(), Violation> {
        if (1..=25_550).contains(&days) {
            Ok(())
        } else {
            Err(Violation::InvalidArgument(ArgumentError::WormDays(days)))
        }
    }

    fn not_implemented_on(
        &self,
        dialect: Dialect,
        operation: &'static str,
    ) -> Result<(), Violation> {
        if self.dialect == dialect {
            Err(Violation::NotImplemented { operation })
        } else {
            Ok(())
        }
    }

    /// OL-7: whether the retention policy protects `entry` now (object versions only).
    pub(super) fn protected(&self, entry: &RefEntry) -> bool {
        self.worm.is_some_and(|worm| {
            !entry.delete_marker
                && self.now < entry.modified.saturating_add(u64::from(worm.days) * DAY)
        })
    }

    /// OL-3: whether `entry` is locked now.
    pub(super) fn locked(&self, entry: &RefEntry) -> bool {
        entry.legal_hold
            || entry
                .retention
                .is_some_and(|retention| self.now < retention.retain_until)
    }

    /// OL-3, OL-7: what INV-13 keeps and lifecycle leaves alone (LC-12).
    pub fn held(&self, entry: &RefEntry) -> bool {
        self.locked(entry) || self.protected(entry)
    }

    /// OL-2: the retention and legal hold a new version made now gets, or `InvalidRequest`
    /// when the request asks for either in a bucket without Object Lock.
    pub(super) fn new_lock(
        &self,
        retention: Option<Retention>,
        legal_hold: Option<LegalHoldStatus>,
    ) -> Result<(Option<Retention>, bool), Violation> {
        let Some(default) = self.lock else {
            if retention.is_some() || legal_hold.is_some() {
                return Err(Violation::InvalidRequest(
                    InvalidRequestReason::ObjectLockNotEnabled,
                ));
            }
            return Ok((None, false));
        };
        let retention = retention.or_else(|| {
            default.map(|default| {
                let days = default
                    .days
                    .map_or(u64::from(default.years.unwrap_or(0)) * 365, u64::from);
                Retention::new(default.mode, self.now.saturating_add(days * DAY))
            })
        });
        Ok((retention, legal_hold == Some(LegalHoldStatus::On)))
    }

    /// OL-7: a write or simple delete that would remove a protected version of `key` (the
    /// whole chain in an Unversioned bucket; the null entry where the new entry is `null` in a
    /// versioned one) → `FileImmutable`. `always_null`: the new entry is `null` (APP-11).
    pub(super) fn refuse_replace(&self, key: &str, always_null: bool) -> Result<(), Violation> {
        let chain = self.chain(key);
        let removed: Vec<&Stored> = match self.state {
            VersioningState::Unversioned => chain.iter().collect(),
            VersioningState::Suspended => chain.iter().filter(|s| s.entry.id == "null").collect(),
            VersioningState::Enabled if always_null => {
                chain.iter().filter(|s| s.entry.id == "null").collect()
            }
            VersioningState::Enabled => Vec::new(),
        };
        if removed.iter().any(|stored| self.protected(&stored.entry)) {
            return Err(Violation::FileImmutable);
        }
        Ok(())
    }

    /// OL-4, OL-7: a delete by ID of `entry`: a protected version → `FileImmutable`; a legal
    /// hold, a `COMPLIANCE` retention in force, or a `GOVERNANCE` one without the bypass →
    /// `AccessDenied`. OL-5: a delete marker is never refused.
    pub(super) fn refuse_version_delete(
        &self,
        entry: &RefEntry,
        bypass: bool,
    ) -> Result<(), Violation> {
        if self.protected(entry) {
            return Err(Violation::FileImmutable);
        }
        if entry.legal_hold {
            return Err(Violation::AccessDenied(AccessDeniedReason::LegalHold));
        }
        match entry.retention {
            Some(retention) if self.now < retention.retain_until => match retention.mode {
                RetentionMode::Compliance => Err(Violation::AccessDenied(
                    AccessDeniedReason::ComplianceRetention,
                )),
                RetentionMode::Governance if bypass => Ok(()),
                RetentionMode::Governance => Err(Violation::AccessDenied(
                    AccessDeniedReason::GovernanceRetention,
                )),
            },
            _ => Ok(()),
        }
    }

    /// OL-8: an append to a protected appendable → `FileImmutable`.
    pub(super) fn refuse_append(&self, head: &RefEntry) -> Result<(), Violation> {
        if self.protected(head) {
            return Err(Violation::FileImmutable);
        }
        Ok(())
    }
}
