//! Each bucket's ID seed (SVC-5, MODEL): derived from the service seed and the bucket's name
//! alone, so adding or removing a bucket never changes another bucket's IDs.

/// The name of the bucket every trace replay starts with, and whose seed is the service's own:
/// a service of this one bucket gives exactly the IDs a bare [`Bucket`](crate::Bucket) with the
/// service's configuration gives.
pub const DEFAULT_BUCKET: &str = "bucket";

/// The seed of bucket `name` in a service seeded `seed`: `seed ^ h(name) ^ h("bucket")`, `h`
/// being 64-bit FNV-1a. The default bucket's seed is `seed` itself.
pub(crate) fn bucket_seed(seed: u64, name: &str) -> u64 {
    seed ^ fnv1a(name) ^ fnv1a(DEFAULT_BUCKET)
}

/// 64-bit FNV-1a of `text`'s bytes.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Rule: SVC-5
    #[test]
    fn the_default_bucket_keeps_the_service_seed_and_others_differ() {
        assert_eq!(bucket_seed(7, DEFAULT_BUCKET), 7);
        assert_ne!(bucket_seed(7, "other"), 7);
        assert_ne!(bucket_seed(7, "other"), bucket_seed(7, "another"));
        assert_eq!(bucket_seed(7, "other"), bucket_seed(7, "other"));
    }
}
