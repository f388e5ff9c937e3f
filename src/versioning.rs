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
        status
            .parse()
            .ok()
            .filter(|state| *state != VersioningState::Unversioned)
    }
}

impl core::str::FromStr for VersioningState {
    type Err = UnknownVersioningState;

    /// Parses the status string, exactly as [`as_str`](VersioningState::as_str) writes it.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "Unversioned" => Ok(VersioningState::Unversioned),
            "Enabled" => Ok(VersioningState::Enabled),
            "Suspended" => Ok(VersioningState::Suspended),
            _ => Err(UnknownVersioningState),
        }
    }
}

/// The error of parsing a [`VersioningState`] from anything but `Unversioned`, `Enabled` or
/// `Suspended`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown versioning state: expected `Unversioned`, `Enabled` or `Suspended`")]
pub struct UnknownVersioningState;

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

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    // Rule: VS-1 — a state prints as its status string and parses back; nothing else parses.
    #[test]
    fn states_round_trip() {
        for state in [
            VersioningState::Unversioned,
            VersioningState::Enabled,
            VersioningState::Suspended,
        ] {
            assert_eq!(state.to_string().parse::<VersioningState>(), Ok(state));
        }
        assert_eq!(
            "enabled".parse::<VersioningState>(),
            Err(UnknownVersioningState)
        );
        assert_eq!(VersioningState::requested("Unversioned"), None);
        assert_eq!(
            VersioningState::requested("Suspended"),
            Some(VersioningState::Suspended)
        );
    }
}
