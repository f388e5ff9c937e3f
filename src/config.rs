//! Bucket configuration: dialect, seed and model options.

use crate::dialect::Dialect;

/// How a [`Bucket`](crate::Bucket) is set up: its dialect, the seed of its ID source (ID-5),
/// and the APP-11 option.
///
/// ```
/// use bucket_versioning::config::AppendableVersionIds;
/// use bucket_versioning::{BucketConfig, Dialect};
///
/// let config = BucketConfig::new(Dialect::Oss)
///     .with_seed(7)
///     .with_appendable_version_ids(AppendableVersionIds::Null);
/// assert_eq!(config.seed(), 7);
/// assert_eq!(BucketConfig::default().dialect(), Dialect::Oss);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BucketConfig {
    dialect: Dialect,
    seed: u64,
    appendable_version_ids: AppendableVersionIds,
}

impl BucketConfig {
    /// A configuration for `dialect` with seed 0 and the default options.
    pub const fn new(dialect: Dialect) -> Self {
        BucketConfig {
            dialect,
            seed: 0,
            appendable_version_ids: AppendableVersionIds::Fresh,
        }
    }

    /// The same configuration with another seed for the default ID source.
    #[must_use]
    pub const fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// The same configuration with another APP-11 choice.
    #[must_use]
    pub const fn with_appendable_version_ids(mut self, ids: AppendableVersionIds) -> Self {
        self.appendable_version_ids = ids;
        self
    }

    /// The dialect.
    pub const fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The seed of the default ID source.
    pub const fn seed(&self) -> u64 {
        self.seed
    }

    /// The APP-11 choice.
    pub const fn appendable_version_ids(&self) -> AppendableVersionIds {
        self.appendable_version_ids
    }
}

/// APP-11 (MODEL): the version ID an appendable object gets when AppendObject creates it in an
/// Enabled bucket. The public docs disagree (see the reference digest, §17 Q1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum AppendableVersionIds {
    /// A fresh ID, as for every other write in an Enabled bucket (ID-1). The default.
    #[default]
    Fresh,
    /// Always `null`, the reading of the 2019–2021 docs; ID-3 is kept by removing any older
    /// null entry of the key.
    Null,
}
