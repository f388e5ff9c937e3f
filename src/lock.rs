//! Object Lock (s3) and retention policies (oss bucket WORM): the configurations a bucket
//! keeps and the per-version retention and legal hold (OL-1..OL-8). Pure values and the time
//! arithmetic on them; the checks that use them live in `ops::lock`.

/// Seconds in a day (LC-0).
const DAY: u64 = 86_400;

/// The longest oss retention policy, in days (OL-7).
pub const MAX_WORM_DAYS: u32 = 25_550;

/// A retention mode (OL-2, OL-4, OL-6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "UPPERCASE"))]
pub enum RetentionMode {
    /// `GOVERNANCE`: gives way to a request that sets `bypass_governance`.
    Governance,
    /// `COMPLIANCE`: never gives way until it expires.
    Compliance,
}

/// A version's retention: its mode and the clock second it holds until (OL-2, OL-3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Retention {
    /// The mode.
    pub mode: RetentionMode,
    /// The first second at which the retention no longer holds (LC-0 seconds).
    pub retain_until: u64,
}

impl Retention {
    /// A retention of `mode` until `retain_until`.
    pub fn new(mode: RetentionMode, retain_until: u64) -> Self {
        Retention { mode, retain_until }
    }

    /// OL-3: whether it holds at `now` (`now < retain_until`).
    pub fn holds_at(self, now: u64) -> bool {
        now < self.retain_until
    }
}

/// A bucket's default retention (OL-1): a mode and a period of `days` or `years` (a year is
/// 365 days, MODEL), exactly one of them, at least 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DefaultRetention {
    /// The mode new versions get.
    pub mode: RetentionMode,
    /// The period in days.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub days: Option<u32>,
    /// The period in years of 365 days.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub years: Option<u32>,
}

impl DefaultRetention {
    /// A default retention of `days` days.
    pub fn days(mode: RetentionMode, days: u32) -> Self {
        DefaultRetention {
            mode,
            days: Some(days),
            years: None,
        }
    }

    /// A default retention of `years` years.
    pub fn years(mode: RetentionMode, years: u32) -> Self {
        DefaultRetention {
            mode,
            days: None,
            years: Some(years),
        }
    }

    /// The period in seconds, if the default is well formed: exactly one of `days` and
    /// `years`, at least 1 (OL-1).
    pub fn period(self) -> Option<u64> {
        match (self.days, self.years) {
            (Some(days), None) if days >= 1 => Some(u64::from(days) * DAY),
            (None, Some(years)) if years >= 1 => Some(u64::from(years) * 365 * DAY),
            _ => None,
        }
    }

    /// The retention a version created at `created` gets (OL-2): creation time plus the
    /// period, saturating at the end of the clock.
    pub(crate) fn retention_from(self, created: u64) -> Option<Retention> {
        let period = self.period()?;
        Some(Retention::new(self.mode, created.saturating_add(period)))
    }
}

/// A legal hold's status as requests give it (`ON` / `OFF`, OL-2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "UPPERCASE"))]
pub enum LegalHoldStatus {
    /// The hold is on: the version is locked (OL-3).
    On,
    /// The hold is off.
    Off,
}

impl LegalHoldStatus {
    /// Whether the hold is on.
    pub fn is_on(self) -> bool {
        self == LegalHoldStatus::On
    }
}

/// An s3 bucket's Object Lock configuration (OL-1): on for good once set, with an optional
/// default retention.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ObjectLockConfiguration {
    /// The retention a new version gets when its request gives none.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub default_retention: Option<DefaultRetention>,
}

/// Where an oss retention policy is in its life cycle (OL-7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum WormState {
    /// Initiated, not yet completed: it can still be aborted.
    InProgress,
    /// Completed: it can only be extended.
    Locked,
}

/// An oss bucket's retention policy (OL-7): its period and its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Worm {
    /// The retention period in days, 1..=25550.
    pub days: u32,
    /// In progress or locked.
    pub state: WormState,
}

impl Worm {
    /// Whether the period is one OL-7 allows (1..=25550 days).
    pub fn is_valid_days(days: u32) -> bool {
        (1..=MAX_WORM_DAYS).contains(&days)
    }

    /// OL-7: whether an object version last modified at `modified` is protected at `now`
    /// (`now < modified + days × 86400`).
    pub fn protects(self, modified: u64, now: u64) -> bool {
        now < modified.saturating_add(u64::from(self.days) * DAY)
    }
}

/// What one object version carries under OL-2: its retention and its legal hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct VersionLock {
    pub(crate) retention: Option<Retention>,
    pub(crate) legal_hold: bool,
}

impl VersionLock {
    /// OL-3: whether the version is locked at `now`.
    pub(crate) fn holds_at(self, now: u64) -> bool {
        self.legal_hold
            || self
                .retention
                .is_some_and(|retention| retention.holds_at(now))
    }

    /// Whether it carries nothing.
    pub(crate) fn is_none(self) -> bool {
        self.retention.is_none() && !self.legal_hold
    }
}

/// The retention and legal hold a write asks its new version to carry (OL-2), unchecked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LockRequest {
    pub(crate) retention: Option<Retention>,
    pub(crate) legal_hold: Option<LegalHoldStatus>,
}

impl LockRequest {
    pub(crate) fn is_empty(self) -> bool {
        self.retention.is_none() && self.legal_hold.is_none()
    }
}
