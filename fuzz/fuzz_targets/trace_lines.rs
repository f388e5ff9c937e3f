//! Feeds arbitrary text to the bucket as trace lines: no line may panic (ERR-3), every
//! accepted command keeps the invariants, and every rejected one leaves the bucket unchanged
//! (ERR-2).
#![no_main]

use bucket_versioning::{Body, Bucket, BucketConfig, Command, Dialect};
use libfuzzer_sys::fuzz_target;

/// Bodies larger than this are skipped: hashing them is correct but slow, and slowness is
/// not what this target looks for.
const MAX_FUZZ_BODY: u64 = 1 << 20;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let dialect = if data.first().is_some_and(|byte| byte & 1 == 1) { Dialect::S3 } else { Dialect::Oss };
    let mut bucket = Bucket::new(BucketConfig::new(dialect));
    for line in text.lines() {
        let Ok(command) = serde_json::from_str::<Command>(line) else {
            continue;
        };
        if let Command::PutObject { body, .. } = &command {
            if body_too_slow(body) {
                continue;
            }
        }
        let before = bucket.clone();
        let result = bucket.apply(command);
        if let Err(invariant) = bucket.check_invariants() {
            panic!("{line} -> {result:?} broke {invariant}");
        }
        if result.is_err() {
            assert_eq!(bucket, before, "{line} was rejected but changed the bucket");
        }
        let _ = serde_json::to_string(&bucket_versioning::wire::Reply::from(result));
    }
});

fn body_too_slow(body: &Body) -> bool {
    body.len().map_or(false, |len| len > MAX_FUZZ_BODY && len <= bucket_versioning::MAX_OBJECT_SIZE)
}
