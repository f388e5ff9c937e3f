//! A walk through the flows a user of the OSS SDK knows, printing each outcome and the key's
//! chain after each step.
//!
//! `cargo run --example tour`

use std::fmt::Debug;

use bucket_versioning::{Bucket, BucketConfig, Dialect, VersionId, Violation};

fn main() -> Result<(), Violation> {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(2026));
    tour_versioning(&mut bucket)?;
    tour_append(&mut bucket);
    Ok(())
}

/// Prints a step's title and outcome, then the chain of `key`.
fn show<T: Debug>(bucket: &Bucket, key: &str, title: &str, outcome: &Result<T, Violation>) {
    println!("── {title}");
    match outcome {
        Ok(outcome) => println!("   ok: {outcome:?}"),
        Err(violation) => println!(
            "   error {} {}: {violation:?}",
            violation.http_status(),
            violation.code()
        ),
    }
    match bucket.chain(key) {
        Some(chain) => println!("{chain}"),
        None => println!("{key}: no entries\n"),
    }
}

/// The seed's versioning flow: enable, upload twice, suspend, upload again (null replaces
/// null), delete (a marker), read (404 with the marker), delete the marker by ID (restored).
fn tour_versioning(bucket: &mut Bucket) -> Result<(), Violation> {
    let key = "report.txt";
    println!("# Versioning states, uploads and delete markers\n");

    let outcome = bucket.put_object(key, "draft");
    show(
        bucket,
        key,
        "PutObject before versioning is configured: ID null, none reported (PUT-1, RSP-1)",
        &outcome,
    );

    let outcome = bucket.put_bucket_versioning("Enabled");
    show(
        bucket,
        key,
        "PutBucketVersioning Enabled: existing entries untouched (VS-2, VS-3)",
        &outcome,
    );

    let outcome = bucket.put_object(key, "v1");
    show(
        bucket,
        key,
        "PutObject: a new head with a fresh ID (PUT-2)",
        &outcome,
    );
    let outcome = bucket.put_object(key, "v2");
    show(
        bucket,
        key,
        "PutObject again: another version; nothing removed (PUT-2)",
        &outcome,
    );

    let outcome = bucket.put_bucket_versioning("Suspended");
    show(
        bucket,
        key,
        "PutBucketVersioning Suspended (VS-2)",
        &outcome,
    );

    let outcome = bucket.put_object(key, "v3");
    show(
        bucket,
        key,
        "PutObject while Suspended: the buried null entry is replaced by a new null head (PUT-3)",
        &outcome,
    );

    let outcome = bucket.delete_object(key, None);
    show(
        bucket,
        key,
        "DeleteObject while Suspended: the null entry becomes a null delete marker (DEL-4)",
        &outcome,
    );

    let outcome = bucket.get_object(key, None);
    show(
        bucket,
        key,
        "GetObject: 404 NoSuchKey with the marker's flag and ID (GET-2)",
        &outcome,
    );

    let outcome = bucket.delete_object(key, Some(VersionId::NULL));
    show(
        bucket,
        key,
        "DeleteObject versionId=null: the marker is gone for good; v2 is current again (DEL-5, DEL-6)",
        &outcome,
    );

    let outcome = bucket.get_object(key, None);
    show(
        bucket,
        key,
        "GetObject: the restored version (GET-1)",
        &outcome,
    );

    let outcome = bucket.put_bucket_versioning("Disabled");
    show(
        bucket,
        key,
        "PutBucketVersioning Disabled: refused, nothing changes (VS-2, ERR-2)",
        &outcome,
    );
    Ok(())
}

/// The append flow on `events.log` in a versioned bucket (APP-3..APP-9, APP-7, CT-2, CT-5).
fn tour_append(bucket: &mut Bucket) {
    let key = "events.log";
    println!("# Append upload\n");
    bucket
        .put_bucket_versioning("Enabled")
        .expect("Enabled is a valid state");

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
