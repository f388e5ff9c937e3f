//! The append upload, as a section of the tour: an appendable object grows in place at the
//! position the last append returned, a wrong position is refused with the right one, and a put
//! seals the appendable for good.
//!
//! `cargo run --example append_tour`

use bucket_versioning::{Bucket, BucketConfig, Dialect, Violation};

fn main() {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(1));
    let status = bucket
        .put_bucket_versioning("Enabled")
        .expect("Enabled is a valid state");
    println!("put_bucket_versioning: {status:?}\n");
    tour_append(&mut bucket);
}

/// The append flow on `events.log` in a versioned bucket (APP-3..APP-9, APP-7, CT-2, CT-5).
fn tour_append(bucket: &mut Bucket) {
    let key = "events.log";

    // APP-3: the first append, at position 0, creates the appendable object.
    let first = bucket
        .append_object(key, 0, "boot\n")
        .expect("position 0 creates the object");
    println!("append_object({key}, 0, \"boot\\n\"): {first:?}");
    draw(bucket, key);

    // APP-4, APP-9: the next append goes at the position the last one returned. It grows the
    // same entry in place (same ID, no new version); the CRC-64 is the whole object's (CT-2).
    let position = first.next_position;
    let second = bucket
        .append_object(key, position, "ready\n")
        .expect("the returned position is the right one");
    println!("append_object({key}, {position}, \"ready\\n\"): {second:?}");
    assert_eq!(second.version_id, first.version_id);
    draw(bucket, key);

    // APP-5: a wrong position is refused, and the error carries the position to use.
    let error = bucket
        .append_object(key, 0, "late\n")
        .expect_err("position 0 is not the length");
    println!(
        "append_object({key}, 0, \"late\\n\"): {error:?} -> {} {}",
        error.code(),
        error.http_status()
    );
    if let Violation::PositionNotEqualToLength { next_position } = error {
        println!("  the next append must give position {next_position}");
    }
    draw(bucket, key);

    // APP-7, PUT-4: a put seals the appendable; it stays as a noncurrent version.
    let put = bucket
        .put_object(key, "rotated\n")
        .expect("a put always goes through");
    println!("put_object({key}, \"rotated\\n\"): {put:?}");
    draw(bucket, key);

    // APP-6: the head is now a Normal object, and the sealed version can never grow again.
    let error = bucket
        .append_object(key, second.next_position, "more\n")
        .expect_err("the head is not appendable");
    println!(
        "append_object({key}, {}, \"more\\n\"): {error:?} -> {} {}",
        second.next_position,
        error.code(),
        error.http_status()
    );
    draw(bucket, key);
}

fn draw(bucket: &Bucket, key: &str) {
    match bucket.chain(key) {
        Some(chain) => println!("{chain}"),
        None => println!("{key}: no entries\n"),
    }
}
