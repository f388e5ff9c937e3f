//! Why Object Lock or a retention policy refused a command (OL-1..OL-8).

/// OL-4, OL-6: why a request was `AccessDenied` 403.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AccessDeniedReason {
    /// OL-4: a delete by ID of a version under a legal hold.
    #[error("the object version is under a legal hold")]
    LegalHold,
    /// OL-4: a delete by ID of a version whose `COMPLIANCE` retention holds.
    #[error("the object version is under a COMPLIANCE retention")]
    ComplianceRetention,
    /// OL-4: a delete by ID of a version whose `GOVERNANCE` retention holds, without
    /// `bypass_governance`.
    #[error(
        "the object version is under a GOVERNANCE retention and the request does not bypass it"
    )]
    GovernanceRetention,
    /// OL-6: a retention change that shortens, or changes the mode of, a `COMPLIANCE`
    /// retention that holds.
    #[error("a COMPLIANCE retention can only be lengthened")]
    ComplianceChange,
    /// OL-6: a retention change that shortens, or changes the mode of, a `GOVERNANCE`
    /// retention that holds, without `bypass_governance`.
    #[error("a GOVERNANCE retention can only be shortened or changed with bypass_governance")]
    GovernanceChange,
}

/// OL-1, OL-7: why the bucket's state refused a request (`InvalidBucketState` 409).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BucketStateReason {
    /// OL-1: Object Lock needs versioning Enabled.
    #[error("Object Lock needs versioning Enabled")]
    LockNeedsEnabled,
    /// OL-1: versioning cannot be Suspended while Object Lock is on.
    #[error("versioning cannot be suspended while Object Lock is on")]
    SuspendWithLock,
    /// OL-7: a retention policy needs versioning Enabled or never configured.
    #[error("a retention policy needs versioning Enabled or never configured")]
    WormNeedsEnabledOrUnversioned,
    /// OL-7: versioning cannot be Suspended while a retention policy exists.
    #[error("versioning cannot be suspended while a retention policy exists")]
    SuspendWithWorm,
    /// OL-7 (MODEL): ExtendBucketWorm of a policy still in progress.
    #[error("the retention policy is not locked yet")]
    WormNotLocked,
}
