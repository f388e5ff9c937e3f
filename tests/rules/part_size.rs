//! `determine_part_size` (MPU-11): a table of cases and properties.

use bucket_versioning::{
    determine_part_size,
    part_size::{DEFAULT_PART_SIZE, MAX_PART_COUNT, MIN_PART_SIZE},
};
use proptest::prelude::*;

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;
const GIB: u64 = 1024 * MIB;

/// The oss2 SDK's function, transcribed line by line from `oss2/resumable.py` (the reference
/// digest, §10.2), with Python's unbounded integers as u128.
fn oss2_determine_part_size(total_size: u64, preferred_size: u64) -> u64 {
    let total = u128::from(total_size);
    let mut part = if preferred_size == 0 {
        u128::from(10 * MIB)
    } else {
        u128::from(preferred_size)
    };
    if total < part {
        return total_size;
    }
    while part * 10_000 < total || part < 100 * 1024 {
        part *= 2;
    }
    u64::try_from(part).expect("the SDK's result fits for any u64 total")
}

// Rule: MPU-11 — a table of cases: 0, sizes below the preference, exactly 10,000 parts, and
// sizes needing several doublings.
#[test]
fn determine_part_size_table() {
    let cases: &[(u64, u64, u64, &str)] = &[
        (0, 0, 0, "total 0 is below the default preference: 0"),
        (0, 1, 0, "total 0 is below any preference"),
        (1, 0, 1, "one byte: total < 10 MiB"),
        (
            40 * KIB,
            50 * KIB,
            40 * KIB,
            "below the preference, even below 100 KiB",
        ),
        (
            200 * KIB,
            50 * KIB,
            102_400,
            "one doubling to reach the minimum",
        ),
        (
            50 * KIB,
            50 * KIB,
            102_400,
            "equal to a small preference: not below it, so doubled to the minimum",
        ),
        (10 * MIB - 1, 0, 10 * MIB - 1, "just below the default"),
        (10 * MIB, 0, 10 * MIB, "equal to the default: not below it"),
        (25 * MIB, 0, 10 * MIB, "the default"),
        (25 * MIB, 5 * MIB, 5 * MIB, "the preference fits"),
        (
            10 * MIB * 10_000,
            0,
            10 * MIB,
            "exactly 10,000 parts of 10 MiB",
        ),
        (
            10 * MIB * 10_000 + 1,
            0,
            20 * MIB,
            "one byte more: one doubling",
        ),
        (
            10 * MIB * 10_000 * 5,
            0,
            80 * MIB,
            "three doublings: 20, 40, 80 MiB",
        ),
        (
            GIB,
            1,
            131_072,
            "17 doublings from one byte, the minimum decides",
        ),
        (
            1_310_720_001,
            1,
            262_144,
            "18 doublings from one byte, the count decides",
        ),
        (
            102_400 * 10_000,
            102_400,
            102_400,
            "exactly 10,000 parts of the minimum",
        ),
        (
            102_400 * 10_000 + 1,
            102_400,
            204_800,
            "one more byte: doubled",
        ),
        (
            5 * GIB,
            100,
            819_200,
            "a small odd-power preference doubles to 819200",
        ),
        (
            u64::MAX,
            0,
            10 * MIB * (1 << 28),
            "the largest total: 28 doublings",
        ),
        (
            u64::MAX,
            u64::MAX,
            u64::MAX,
            "preference equal to the total",
        ),
        (
            u64::MAX - 1,
            u64::MAX,
            u64::MAX - 1,
            "total below a huge preference",
        ),
    ];
    for &(total, preferred, expected, why) in cases {
        assert_eq!(
            determine_part_size(total, preferred),
            expected,
            "total {total}, preferred {preferred}: {why}"
        );
        assert_eq!(
            oss2_determine_part_size(total, preferred),
            expected,
            "the transcription agrees: {why}"
        );
    }
    assert_eq!(DEFAULT_PART_SIZE, 10 * MIB);
    assert_eq!(MIN_PART_SIZE, 102_400);
    assert_eq!(MAX_PART_COUNT, 10_000);
}

fn parts_needed(total: u64, part: u64) -> u64 {
    total.div_ceil(part)
}

/// Totals spread over every magnitude, with the boundaries of 10,000 parts well covered.
fn arb_total() -> impl Strategy<Value = u64> {
    prop_oneof![
        any::<u64>(),
        0u64..=200 * KIB,
        0u64..=200 * GIB,
        (1u64..=1 << 40, -2i64..=2)
            .prop_map(|(part, delta)| { (part * 10_000).saturating_add_signed(delta) }),
    ]
}

fn arb_preferred() -> impl Strategy<Value = u64> {
    prop_oneof![Just(0u64), 1u64..=200 * KIB, 1u64..=1 << 36, any::<u64>(),]
}

proptest! {
    // Rule: MPU-11 — the result never needs more than 10,000 parts, and is at least 102400
    // unless it equals the total; it is the SDK's answer.
    #[test]
    fn determine_part_size_properties(total in arb_total(), preferred in arb_preferred()) {
        let part = determine_part_size(total, preferred);
        prop_assert_eq!(part, oss2_determine_part_size(total, preferred));
        if part == 0 {
            prop_assert_eq!(total, 0);
        } else {
            prop_assert!(parts_needed(total, part) <= MAX_PART_COUNT);
        }
        prop_assert!(part >= MIN_PART_SIZE || part == total);
        let start = if preferred == 0 { DEFAULT_PART_SIZE } else { preferred };
        if total >= start {
            // preferred × 2^k, for the smallest such k.
            prop_assert_eq!(part % start, 0);
            prop_assert!((part / start).is_power_of_two());
            if part > start {
                let half = part / 2;
                prop_assert!(
                    half < MIN_PART_SIZE || parts_needed(total, half) > MAX_PART_COUNT,
                    "half the size would have done"
                );
            }
        } else {
            prop_assert_eq!(part, total);
        }
    }
}
