//! The bucket's versioning state (VS).

use core::fmt;

/// A bucket's versioning state (VS-1).
///
/// Transitions (VS-2): Unversioned→Enabled, Unversioned→Suspended, Enabled⇄Suspended, and any
/// state to itself. Nothing returns to Unversioned (INV-8). Changing the state never touches
/// existing entries (VS-3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum VersioningState {
    /// Never configured (OSS calls it Disabled). The initial state.
    #[default]
    Unversioned,
    /// Every write and simple delete gets a fresh version ID.
    Enabled,
    /// Writes and simple deletes get the null version ID.
    Suspended,
}

impl VersioningState {
    /// The status string: `Unversioned`, `Enabled` or `Suspended`.
    pub const fn as_str(self) -> &'static str {
        match self {
            VersioningState::Unversioned => "Unversioned",
            VersioningState::Enabled => "Enabled",
            VersioningState::Suspended => "Suspended",
        }
    }

    /// The state a PutBucketVersioning status string asks for: only `Enabled` and `Suspended`
    /// can be asked for (VS-2).
    pub(crate) fn requested(status: &str) -> Option<VersioningState> {
        match status {
            "Enabled" => Some(VersioningState::Enabled),
            "Suspended" => Some(VersioningState::Suspended),
            _ => None,
        }
    }
}

impl fmt::Display for VersioningState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for VersioningState {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}
