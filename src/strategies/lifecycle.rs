//! Lifecycle strategies: rules reaching every action and filter (LC-9, LC-10), mostly valid
//! configurations with now and then a refused one, runs, and clock advances of whole days and
//! of single seconds around the midnights where actions fall due (LC-6).

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use super::{ClockPick, TAG_KEYS, TAG_VALUES, Template};
use crate::command::Command;
use crate::lifecycle::config::{
    AbortIncompleteMultipartUpload, Expiration, LifecycleFilter, LifecycleRule, LifecycleTag,
    NoncurrentVersionExpiration, NotFilter,
};
use crate::request::{DeleteBucketLifecycle, GetBucketLifecycle, PutBucketLifecycle, RunLifecycle};

/// A day in seconds (LC-0).
const DAY: u64 = 86_400;

/// The seconds a clock pick advances by at `now`.
pub(super) fn clock_seconds(pick: ClockPick, now: u64) -> u64 {
    match pick {
        ClockPick::By(seconds) => seconds,
        ClockPick::AroundMidnight(offset) => {
            let to_midnight = DAY - now % DAY;
            // One second before the midnight, the midnight, one second after.
            (to_midnight + u64::from(offset.min(2)))
                .saturating_sub(1)
                .max(1)
        }
    }
}

/// A midnight of the first days of the clock, now and then a time off midnight (LC-7).
fn date() -> impl Strategy<Value = u64> {
    prop_oneof![
        8 => (0..5u64).prop_map(|days| days * DAY),
        1 => (1..DAY).prop_map(|offset| DAY + offset),
    ]
}

/// A count of days: mostly 1 to 3, now and then 0 (refused, LC-9).
fn days() -> impl Strategy<Value = u64> {
    prop_oneof![20 => 1..4u64, 1 => Just(0u64)]
}

/// A filter tag from the tag pool that generated versions draw from (LC-10, TAG-1).
fn filter_tag() -> impl Strategy<Value = (String, String)> {
    (select(TAG_KEYS.to_vec()), select(TAG_VALUES.to_vec()))
        .prop_map(|(key, value)| (String::from(key), String::from(value)))
}

/// A rule's filter: a prefix, tags (one or two, from the written tags' pool, so that they
/// sometimes match and sometimes don't), size bounds, and an oss `not`.
fn filter() -> impl Strategy<Value = LifecycleFilter> {
    let tags = option::weighted(
        0.15,
        vec(filter_tag(), 1..3).prop_map(|pairs| pairs.into_iter().collect::<BTreeMap<_, _>>()),
    );
    let not = option::weighted(
        0.1,
        (
            option::of(select(vec!["a/", "b", ""]).prop_map(String::from)),
            option::weighted(
                0.5,
                filter_tag().prop_map(|(key, value)| LifecycleTag { key, value }),
            ),
        )
            .prop_map(|(prefix, tag)| NotFilter { prefix, tag }),
    );
    (
        option::weighted(
            0.5,
            select(vec!["", "a", "a/", "a/b", "b", "é"]).prop_map(String::from),
        ),
        tags,
        option::weighted(0.1, 0..12u64),
        option::weighted(0.1, 1..12u64),
        not,
    )
        .prop_map(
            |(prefix, tags, object_size_greater_than, object_size_less_than, not)| {
                LifecycleFilter {
                    prefix,
                    tags,
                    object_size_greater_than,
                    object_size_less_than,
                    not,
                }
            },
        )
}

fn expiration() -> impl Strategy<Value = Expiration> {
    prop_oneof![
        6 => days().prop_map(|days| Expiration { days: Some(days), ..Expiration::default() }),
        2 => date().prop_map(|date| Expiration { date: Some(date), ..Expiration::default() }),
        2 => date().prop_map(|date| Expiration {
            created_before_date: Some(date),
            ..Expiration::default()
        }),
        4 => Just(Expiration {
            expired_object_delete_marker: Some(true),
            ..Expiration::default()
        }),
        1 => (days(), date()).prop_map(|(days, date)| Expiration {
            days: Some(days),
            date: Some(date),
            ..Expiration::default()
        }),
        1 => Just(Expiration::default()),
    ]
}

fn noncurrent() -> impl Strategy<Value = NoncurrentVersionExpiration> {
    (
        days(),
        option::weighted(
            0.25,
            prop_oneof![8 => 1..4u64, 1 => Just(0u64), 1 => Just(101u64)],
        ),
    )
        .prop_map(
            |(noncurrent_days, newer_noncurrent_versions)| NoncurrentVersionExpiration {
                noncurrent_days,
                newer_noncurrent_versions,
            },
        )
}

fn abort() -> impl Strategy<Value = AbortIncompleteMultipartUpload> {
    prop_oneof![
        4 => days().prop_map(|days| AbortIncompleteMultipartUpload {
            days_after_initiation: Some(days),
            created_before_date: None,
        }),
        1 => date().prop_map(|date| AbortIncompleteMultipartUpload {
            days_after_initiation: None,
            created_before_date: Some(date),
        }),
    ]
}

/// One lifecycle rule reaching every action and filter: mostly valid in one dialect or the
/// other, sometimes refused by LC-9 (no action, two choices, a count of 0, a date off
/// midnight, a bad status, a duplicate ID).
pub fn lifecycle_rule() -> impl Strategy<Value = LifecycleRule> {
    (
        option::weighted(
            0.2,
            select(vec!["x", "y", "rule-1", ""]).prop_map(String::from),
        ),
        prop_oneof![12 => Just("Enabled"), 2 => Just("Disabled"), 1 => Just("enabled")],
        filter(),
        option::weighted(0.5, expiration()),
        option::weighted(0.6, noncurrent()),
        option::weighted(0.3, abort()),
    )
        .prop_map(
            |(id, status, filter, expiration, noncurrent, abort)| LifecycleRule {
                id,
                status: String::from(status),
                filter,
                expiration,
                noncurrent_version_expiration: noncurrent,
                abort_incomplete_multipart_upload: abort,
            },
        )
}

/// A configuration: 1 to 3 rules, now and then none.
pub fn lifecycle_rules() -> impl Strategy<Value = Vec<LifecycleRule>> {
    prop_oneof![
        30 => vec(lifecycle_rule(), 1..4),
        1 => Just(Vec::new()),
    ]
}

/// A clock advance for lifecycle: whole days, around the next midnight, or a few seconds.
pub fn lifecycle_clock() -> impl Strategy<Value = ClockPick> {
    prop_oneof![
        4 => (1..3u64).prop_map(|days| ClockPick::By(days * DAY)),
        6 => (0..3u8).prop_map(ClockPick::AroundMidnight),
        2 => (1..3u64).prop_map(ClockPick::By),
    ]
}

/// The lifecycle commands and the clock advances they need.
pub(super) fn template() -> impl Strategy<Value = Template> {
    prop_oneof![
        4 => lifecycle_rules()
            .prop_map(|rules| Template::Ready(Command::PutBucketLifecycle(PutBucketLifecycle::new(rules)))),
        1 => Just(Template::Ready(Command::GetBucketLifecycle(GetBucketLifecycle::new()))),
        1 => Just(Template::Ready(Command::DeleteBucketLifecycle(DeleteBucketLifecycle::new()))),
        8 => Just(Template::Ready(Command::RunLifecycle(RunLifecycle::new()))),
        8 => lifecycle_clock().prop_map(|seconds| Template::AdvanceClock { seconds }),
    ]
}
