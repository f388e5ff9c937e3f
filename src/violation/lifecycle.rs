//! Why a lifecycle configuration was refused (LC-9): its structure (`MalformedXML`) or a value
//! (`InvalidArgument`). Rules are numbered from 1 in the order given.

use alloc::string::String;

/// LC-9: a lifecycle configuration whose structure the service refuses (`MalformedXML` 400).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LifecycleStructure {
    /// The configuration has no rule.
    #[error("the lifecycle configuration has no rule")]
    NoRules,
    /// A status other than `Enabled` or `Disabled`.
    #[error("rule {rule}: the status {status:?} is not Enabled or Disabled")]
    Status {
        /// The rule's position, from 1.
        rule: usize,
        /// The status given.
        status: String,
    },
    /// A rule with no action.
    #[error("rule {rule} has no action")]
    NoAction {
        /// The rule's position, from 1.
        rule: usize,
    },
    /// An action with more or less than one of its choices.
    #[error("rule {rule}: {action} has {choices} choices; it needs exactly one")]
    Choices {
        /// The rule's position, from 1.
        rule: usize,
        /// `Expiration` or `AbortIncompleteMultipartUpload`.
        action: &'static str,
        /// How many choices were set.
        choices: usize,
    },
    /// `ExpiredObjectDeleteMarker` or an abort in a rule whose filter names a tag.
    #[error("rule {rule}: {action} cannot be used with a tag filter")]
    ActionWithTagFilter {
        /// The rule's position, from 1.
        rule: usize,
        /// The action's element name.
        action: &'static str,
    },
    /// An element the dialect does not have (s3 `Date` on oss, oss `Not` on s3, …).
    #[error("rule {rule}: {element} is not part of this dialect's lifecycle configuration")]
    ElementNotInDialect {
        /// The rule's position, from 1.
        rule: usize,
        /// The element's name.
        element: &'static str,
    },
}

/// LC-9: a lifecycle configuration with a value out of range (`InvalidArgument` 400).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LifecycleValue {
    /// More than 1000 rules.
    #[error("the lifecycle configuration has {0} rules, more than 1000")]
    TooManyRules(usize),
    /// `Days`, `NoncurrentDays` or `DaysAfterInitiation` below 1.
    #[error("rule {rule}: {element} must be at least 1")]
    DaysBelowOne {
        /// The rule's position, from 1.
        rule: usize,
        /// The element's name.
        element: &'static str,
    },
    /// `NewerNoncurrentVersions` outside 1..=100.
    #[error("rule {rule}: NewerNoncurrentVersions {value} is not between 1 and 100")]
    NewerNoncurrentVersions {
        /// The rule's position, from 1.
        rule: usize,
        /// The value given.
        value: u64,
    },
    /// A date that is not a midnight (LC-7).
    #[error("rule {rule}: {element} {date} is not a midnight")]
    DateNotMidnight {
        /// The rule's position, from 1.
        rule: usize,
        /// The element's name.
        element: &'static str,
        /// The date given, in clock seconds.
        date: u64,
    },
    /// Two rules with the same ID (after unnamed rules are named).
    #[error("the rule ID {0:?} is used twice")]
    DuplicateRuleId(String),
}
