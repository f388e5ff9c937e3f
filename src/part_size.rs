//! Choosing a part size for a multipart upload, as the oss2 SDK does (MPU-11).

/// The part size [`determine_part_size`] starts from when no preference is given: 10 MiB
/// (`oss2.defaults.part_size`).
pub const DEFAULT_PART_SIZE: u64 = 10 * 1024 * 1024;

/// The most parts one upload may have, and the most [`determine_part_size`] plans for: 10,000
/// (`oss2.defaults.max_part_count`; MPU-2).
pub const MAX_PART_COUNT: u64 = 10_000;

/// The smallest part size [`determine_part_size`] returns unless the whole body is smaller:
/// 100 KiB, 102400 bytes (`oss2.defaults.min_part_size`; the oss minimum of MPU-6).
pub const MIN_PART_SIZE: u64 = 100 * 1024;

/// The part size for uploading `total` bytes in parts, given a `preferred` size: exactly
/// `oss2.determine_part_size(total_size, preferred_size)` (MPU-11).
///
/// 1. A `preferred` size of 0 means [`DEFAULT_PART_SIZE`] (10 MiB).
/// 2. If `total < preferred`, the answer is `total` itself: one part holds everything. This
///    comes before any minimum, so `total = 0` gives 0 and 40 KiB with a 50 KiB preference
///    gives 40 KiB.
/// 3. Otherwise `preferred` doubles while `preferred × 10000 < total` (too many parts) or
///    `preferred < 102400` (parts too small), and the result is returned.
///
/// So the result is `preferred × 2^k` for the smallest `k ≥ 0` that satisfies both conditions
/// (or `total`): the body splits into at most [`MAX_PART_COUNT`] parts of this size
/// (`ceil(total / size)`, the last part taking the remainder), and every part but the last is at
/// least [`MIN_PART_SIZE`]. With the default preference anything up to 10 MiB × 10000
/// (about 97.66 GiB) keeps 10 MiB parts; beyond that the size doubles to 20 MiB, 40 MiB, ….
///
/// Like the SDK, the function knows neither the 5 GiB part limit (a body over about 48.8 TiB
/// needs parts bigger than that) nor s3's 5 MiB minimum (MPU-6): pass a preference of at least
/// 5 MiB for an s3 bucket. It never overflows: `preferred × 10000` is compared without
/// wrapping, and doubling stops long before `u64::MAX`.
///
/// ```
/// use bucket_versioning::determine_part_size;
///
/// const MIB: u64 = 1024 * 1024;
/// assert_eq!(determine_part_size(25 * MIB, 0), 10 * MIB);
/// assert_eq!(determine_part_size(40 * 1024, 50 * 1024), 40 * 1024);
/// assert_eq!(determine_part_size(200 * 1024, 50 * 1024), 102_400);
/// assert_eq!(determine_part_size(10 * MIB * 10_000 + 1, 0), 20 * MIB);
/// ```
pub fn determine_part_size(total: u64, preferred: u64) -> u64 {
    let mut part = if preferred == 0 {
        DEFAULT_PART_SIZE
    } else {
        preferred
    };
    if total < part {
        return total;
    }
    // `part ≤ total` here, and the loop doubles only while `part × 10000 < total` or
    // `part < 102400`, so `part` stays below `max(total / 10000, 102400) × 2`: no overflow.
    while part.saturating_mul(MAX_PART_COUNT) < total || part < MIN_PART_SIZE {
        part = part.saturating_mul(2);
    }
    part
}
