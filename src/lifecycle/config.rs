//! A bucket's lifecycle configuration as a request carries it and GetBucketLifecycle returns it
//! (LC-9, LC-10, LC-14): rules with a filter and up to three actions.
//!
//! The types carry what a client sent, unchecked; PutBucketLifecycle validates the whole
//! configuration per dialect (LC-9) before it replaces the stored one. Times (`date`,
//! `created_before_date`) are seconds of the logical clock (LC-0) and must fall on a midnight
//! (LC-7).

use alloc::collections::BTreeMap;
use alloc::string::String;

/// One lifecycle rule: an ID, a status, a filter and its actions.
///
/// # Rules
///
/// - LC-5: only an `Enabled` rule does anything; `Disabled` ones are kept but never run.
/// - LC-9: at least one action; `Expiration` with exactly one of `days`, `date` (s3) /
///   `created_before_date` (oss), `expired_object_delete_marker: true`; counts ≥ 1; dates on a
///   midnight; no expired-delete-marker or abort action beside a tag filter.
/// - LC-10: the filter chooses the keys and entries the actions apply to.
///
/// ```
/// use bucket_versioning::lifecycle::LifecycleRule;
///
/// let rule = LifecycleRule::new().id("logs").prefix("logs/").noncurrent_days(30);
/// assert_eq!(rule.status, "Enabled");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LifecycleRule {
    /// The rule's ID; an absent (or empty) one is assigned `rule-N` (LC-9).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub id: Option<String>,
    /// `Enabled` or `Disabled` (LC-5); any other string is `MalformedXML` (LC-9).
    pub status: String,
    /// Which keys and entries the rule applies to (LC-10).
    #[cfg_attr(feature = "serde", serde(default))]
    pub filter: LifecycleFilter,
    /// Expiration of the current version, or of expired delete markers (LC-1, LC-3).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub expiration: Option<Expiration>,
    /// Expiration of noncurrent entries (LC-2, LC-8).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub noncurrent_version_expiration: Option<NoncurrentVersionExpiration>,
    /// Aborting uploads left in progress (LC-4).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub abort_incomplete_multipart_upload: Option<AbortIncompleteMultipartUpload>,
}

impl Default for LifecycleRule {
    fn default() -> Self {
        LifecycleRule::new()
    }
}

impl LifecycleRule {
    /// An `Enabled` rule with no ID, an empty filter (every key) and no action yet.
    pub fn new() -> Self {
        LifecycleRule {
            id: None,
            status: String::from("Enabled"),
            filter: LifecycleFilter::default(),
            expiration: None,
            noncurrent_version_expiration: None,
            abort_incomplete_multipart_upload: None,
        }
    }

    /// Names the rule.
    #[must_use]
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Sets the status (`Enabled`, `Disabled`, or anything else to be refused).
    #[must_use]
    pub fn status(mut self, status: impl Into<String>) -> Self {
        self.status = status.into();
        self
    }

    /// Replaces the filter.
    #[must_use]
    pub fn filter(mut self, filter: LifecycleFilter) -> Self {
        self.filter = filter;
        self
    }

    /// Sets the filter's key prefix.
    #[must_use]
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.filter.prefix = Some(prefix.into());
        self
    }

    /// Expiration of the current version `days` days after its Last-Modified (LC-1, LC-6).
    #[must_use]
    pub fn expiration_days(mut self, days: u64) -> Self {
        self.expiration = Some(Expiration {
            days: Some(days),
            ..Expiration::default()
        });
        self
    }

    /// s3 `Date`: expiration of every matching current version once the clock reaches `date`
    /// (LC-7).
    #[must_use]
    pub fn expiration_date(mut self, date: u64) -> Self {
        self.expiration = Some(Expiration {
            date: Some(date),
            ..Expiration::default()
        });
        self
    }

    /// oss `CreatedBeforeDate`: expiration of current versions last modified before `date`
    /// (LC-7).
    #[must_use]
    pub fn expiration_created_before_date(mut self, date: u64) -> Self {
        self.expiration = Some(Expiration {
            created_before_date: Some(date),
            ..Expiration::default()
        });
        self
    }

    /// `ExpiredObjectDeleteMarker`: remove a delete marker that is its key's only entry (LC-3).
    #[must_use]
    pub fn expired_object_delete_marker(mut self) -> Self {
        self.expiration = Some(Expiration {
            expired_object_delete_marker: Some(true),
            ..Expiration::default()
        });
        self
    }

    /// NoncurrentVersionExpiration after `days` days (LC-2).
    #[must_use]
    pub fn noncurrent_days(mut self, days: u64) -> Self {
        self.noncurrent_version_expiration = Some(NoncurrentVersionExpiration {
            noncurrent_days: days,
            newer_noncurrent_versions: None,
        });
        self
    }

    /// NoncurrentVersionExpiration after `days` days keeping the `newer` newest noncurrent
    /// entries of each key (s3, LC-8).
    #[must_use]
    pub fn noncurrent_days_keeping(mut self, days: u64, newer: u64) -> Self {
        self.noncurrent_version_expiration = Some(NoncurrentVersionExpiration {
            noncurrent_days: days,
            newer_noncurrent_versions: Some(newer),
        });
        self
    }

    /// AbortIncompleteMultipartUpload `days` days after initiation (LC-4).
    #[must_use]
    pub fn abort_after_days(mut self, days: u64) -> Self {
        self.abort_incomplete_multipart_upload = Some(AbortIncompleteMultipartUpload {
            days_after_initiation: Some(days),
            created_before_date: None,
        });
        self
    }

    /// oss AbortMultipartUpload `CreatedBeforeDate`: abort uploads initiated before `date`
    /// (LC-7).
    #[must_use]
    pub fn abort_created_before_date(mut self, date: u64) -> Self {
        self.abort_incomplete_multipart_upload = Some(AbortIncompleteMultipartUpload {
            days_after_initiation: None,
            created_before_date: Some(date),
        });
        self
    }

    /// Whether the rule runs (LC-5).
    pub fn is_enabled(&self) -> bool {
        self.status == "Enabled"
    }
}

/// Which keys and entries a rule applies to (LC-10).
///
/// - `prefix`: a byte prefix of the key; empty or absent means every key.
/// - `tags`: every tag must be on the entry with an equal value (TAG-1); an object version is
///   matched on its own tags.
/// - `object_size_greater_than` / `object_size_less_than`: strict bounds on the entry's size.
/// - `not` (oss only): excludes keys with that prefix and, when it names a tag, only the
///   entries of those keys carrying it (same key, same value).
///
/// MODEL: a delete marker or an upload matches a rule only when the rule has no tag or size
/// condition (the `not` tag counts as a tag condition).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LifecycleFilter {
    /// The key prefix.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub prefix: Option<String>,
    /// Tags that must all be on the entry.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub tags: Option<BTreeMap<String, String>>,
    /// The entry must be larger than this many bytes.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub object_size_greater_than: Option<u64>,
    /// The entry must be smaller than this many bytes.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub object_size_less_than: Option<u64>,
    /// oss: what the rule excludes.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub not: Option<NotFilter>,
}

impl LifecycleFilter {
    /// Whether the filter names a tag, in `tags` or in `not` (LC-9, LC-10).
    pub fn has_tags(&self) -> bool {
        self.tags.as_ref().is_some_and(|tags| !tags.is_empty())
            || self.not.as_ref().is_some_and(|not| not.tag.is_some())
    }

    /// Whether the filter has a tag or size condition: then no delete marker or upload matches
    /// it (LC-10, MODEL).
    pub fn has_entry_condition(&self) -> bool {
        self.has_tags()
            || self.object_size_greater_than.is_some()
            || self.object_size_less_than.is_some()
    }
}

/// oss `Filter/Not`: the keys (and, with a tag, the entries) a rule leaves alone (LC-10).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NotFilter {
    /// The excluded key prefix.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub prefix: Option<String>,
    /// When given, only entries carrying this tag are excluded.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub tag: Option<LifecycleTag>,
}

/// One tag of a filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LifecycleTag {
    /// The tag's key.
    pub key: String,
    /// The tag's value.
    pub value: String,
}

/// The `Expiration` action (LC-1, LC-3, LC-7): exactly one choice must be set (LC-9).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Expiration {
    /// Days after the current version's Last-Modified (LC-6).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub days: Option<u64>,
    /// s3: the midnight from which every matching current version expires.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub date: Option<u64>,
    /// oss: current versions last modified before this midnight expire.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub created_before_date: Option<u64>,
    /// Remove delete markers that are their key's only entry (LC-3).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub expired_object_delete_marker: Option<bool>,
}

impl Expiration {
    /// How many of the four choices are set (LC-9 wants exactly one).
    pub fn choices(&self) -> usize {
        usize::from(self.days.is_some())
            + usize::from(self.date.is_some())
            + usize::from(self.created_before_date.is_some())
            + usize::from(self.expired_object_delete_marker == Some(true))
    }
}

/// The `NoncurrentVersionExpiration` action (LC-2, LC-8).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NoncurrentVersionExpiration {
    /// Days after the entry became noncurrent (its successor's creation).
    pub noncurrent_days: u64,
    /// s3: how many of the newest noncurrent entries of a key to keep whatever their age.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub newer_noncurrent_versions: Option<u64>,
}

/// The `AbortIncompleteMultipartUpload` action (oss `AbortMultipartUpload`, LC-4): exactly one
/// choice must be set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AbortIncompleteMultipartUpload {
    /// Days after the upload's initiation.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub days_after_initiation: Option<u64>,
    /// oss: uploads initiated before this midnight are aborted.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub created_before_date: Option<u64>,
}
