//! When an action is due (LC-6, LC-7) and what a rule's filter matches (LC-10): the small
//! pure functions a run and its index queries share.

use crate::lifecycle::config::LifecycleFilter;
use crate::lifecycle::validate::DAY;
use crate::tags::Tags;

/// LC-6: `time` rounded up to the next midnight, unless it is one. Wide, so that no time
/// overflows (ERR-3).
pub(crate) fn ceil_to_midnight(time: u64) -> u128 {
    u128::from(time).div_ceil(u128::from(DAY)) * u128::from(DAY)
}

/// LC-6: whether a `Days` `days` action with reference time `reference` is due at `now`:
/// `now >= ceil_to_midnight(reference) + days × 86400`.
pub(crate) fn days_due(reference: u64, days: u64, now: u64) -> bool {
    ceil_to_midnight(reference) + u128::from(days) * u128::from(DAY) <= u128::from(now)
}

/// The latest reference time for which a `days` action is due at `now` (every earlier one is
/// due too), or `None` when none is: the last midnight at or before `now - days × 86400`.
pub(crate) fn days_bound(days: u64, now: u64) -> Option<u64> {
    let latest = u128::from(now).checked_sub(u128::from(days) * u128::from(DAY))?;
    // At most `now`, so it fits.
    u64::try_from(latest / u128::from(DAY) * u128::from(DAY)).ok()
}

/// What a rule is matched against (LC-10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Subject<'a> {
    /// An object version of this size carrying these tags (TAG-1).
    Object { size: u64, tags: &'a Tags },
    /// A delete marker.
    Marker,
    /// An upload in progress.
    Upload,
}

/// Whether `tags` carries a tag named `key` with exactly `value` (TAG-1, LC-10).
fn carries(tags: &Tags, key: &str, value: &str) -> bool {
    tags.get(key) == Some(value)
}

/// LC-10: whether `filter` selects `subject` of `key`.
///
/// - The key must start with `prefix` (empty or absent: every key).
/// - oss `not`: a key with its prefix is excluded; with a tag, only the entries of such keys
///   that carry that tag (same key, same value) are.
/// - MODEL: a delete marker or an upload matches only a filter with no tag or size condition.
/// - An object version must carry every tag of `tags` with an equal value, and its size must
///   be strictly inside the size bounds.
pub(crate) fn matches(filter: &LifecycleFilter, key: &str, subject: Subject<'_>) -> bool {
    if !key.starts_with(filter.prefix.as_deref().unwrap_or("")) {
        return false;
    }
    let not_prefix = filter
        .not
        .as_ref()
        .filter(|not| key.starts_with(not.prefix.as_deref().unwrap_or("")));
    if not_prefix.is_some_and(|not| not.tag.is_none()) {
        return false;
    }
    match subject {
        Subject::Marker | Subject::Upload => !filter.has_entry_condition(),
        Subject::Object { size, tags } => {
            let excluded = not_prefix
                .and_then(|not| not.tag.as_ref())
                .is_some_and(|tag| carries(tags, &tag.key, &tag.value));
            !excluded
                && filter.tags.as_ref().is_none_or(|wanted| {
                    wanted
                        .iter()
                        .all(|(name, value)| carries(tags, name, value))
                })
                && filter
                    .object_size_greater_than
                    .is_none_or(|bound| size > bound)
                && filter
                    .object_size_less_than
                    .is_none_or(|bound| size < bound)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rule: LC-6 — the reference time rounds up to the next midnight, then N days are added.
    #[test]
    fn day_rounding_at_the_boundary_second() {
        assert!(!days_due(1, 1, 2 * DAY - 1));
        assert!(days_due(1, 1, 2 * DAY));
        assert!(days_due(DAY, 1, 2 * DAY));
        assert!(!days_due(DAY + 1, 1, 2 * DAY));
        assert!(!days_due(u64::MAX, u64::MAX, u64::MAX));
    }

    // Rule: LC-6 — the bound is the latest reference time that is due, and nothing past it is.
    #[test]
    fn bound_is_the_latest_due_reference() {
        for now in [0, 1, DAY - 1, DAY, 2 * DAY - 1, 2 * DAY, 5 * DAY + 7] {
            for days in [1, 2, 3] {
                let bound = days_bound(days, now);
                for reference in 0..=6 * DAY {
                    if reference % 997 != 0 && reference % DAY > 2 && reference % DAY < DAY - 2 {
                        continue;
                    }
                    let due = days_due(reference, days, now);
                    assert_eq!(due, bound.is_some_and(|bound| reference <= bound));
                }
            }
        }
    }
}
