use super::*;

// Rule: LC-0 — a logical clock in whole seconds, moved only by the caller; entries record
// their creation time.
#[test]
fn the_clock_moves_only_when_advanced() {
    let mut bucket = enabled();
    assert_eq!(bucket.now(), 0);
    put(&mut bucket, "k", "a");
    assert_eq!(bucket.now(), 0, "commands do not move the clock");
    assert_eq!(bucket.advance_clock(90).map(|o| o.now), Ok(90));
    put(&mut bucket, "k", "b");
    bucket.advance_clock(10).expect("clock");
    delete(&mut bucket, "k");
    let times: Vec<u64> = bucket
        .chain("k")
        .map(|chain| chain.iter().map(|entry| entry.created()).collect())
        .unwrap_or_default();
    assert_eq!(times, [100, 90, 0]);
}
