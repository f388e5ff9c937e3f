//! The tour's section on CopyObject: restoring a previous version by copying it onto its own
//! key (CPY-6), seen through the chain drawing and the two listings.
//!
//! `cargo run --example copy_tour`

use bucket_versioning::{Bucket, BucketConfig, Dialect, Violation};
use serde::Serialize;

/// The key the section works on.
const KEY: &str = "budget.xlsx";

fn main() {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(1));
    tour_copy(&mut bucket);
}

/// Restoring a previous version: a copy of it becomes the new head, and nothing is removed.
fn tour_copy(bucket: &mut Bucket) {
    step(
        bucket,
        "Versioning on, so every write keeps what came before (VS-2, PUT-2)",
        |bucket| bucket.put_bucket_versioning("Enabled"),
    );
    let draft = step(bucket, "The first draft", |bucket| {
        bucket.put_object(KEY, "draft: 100 apples")
    });
    let draft_id = draft
        .version_id
        .expect("an Enabled bucket reports the new ID (RSP-1)");
    step(bucket, "A revision", |bucket| {
        bucket.put_object(KEY, "final: 90 apples")
    });
    step(
        bucket,
        "Deleted by mistake: a delete marker becomes the head (DEL-3)",
        |bucket| bucket.delete_object(KEY, None),
    );
    step(
        bucket,
        "ListObjects shows the current view: the key is gone (LST-7)",
        |bucket| bucket.list_objects(Some("budget"), None, None, None),
    );
    step(
        bucket,
        "ListObjectVersions still lists every entry, newest first (LST-1)",
        |bucket| bucket.list_object_versions(Some("budget"), None, None, None, None),
    );

    let restored = step(
        bucket,
        "Restore the first draft: copy that version onto its own key (CPY-6)",
        |bucket| bucket.copy_object(KEY, Some(draft_id.clone()), KEY),
    );
    assert_eq!(restored.source_version_id.as_ref(), Some(&draft_id));
    assert_eq!(bucket.chain(KEY).map(|chain| chain.len()), Some(4));

    let current = step(
        bucket,
        "The head is a new Normal version with the draft's content and ETag (CT-6)",
        |bucket| bucket.get_object(KEY, None),
    );
    let draft_read = step(
        bucket,
        "The draft itself is still there, unchanged",
        |bucket| bucket.get_object(KEY, Some(draft_id)),
    );
    assert_eq!(current.etag, draft_read.etag);
    step(bucket, "The key is back in the current view", |bucket| {
        bucket.list_objects(Some("budget"), None, None, None)
    });

    let marker_id = bucket
        .chain(KEY)
        .and_then(|chain| chain.iter().find(|entry| entry.is_delete_marker()))
        .map(|marker| marker.version_id().clone());
    let before = bucket.clone();
    refused(
        "A delete marker cannot be copied: oss answers NoSuchKey (CPY-3)",
        bucket.copy_object(KEY, marker_id, "copy-of-marker"),
    );
    assert_eq!(*bucket, before, "a rejected copy changes nothing (ERR-2)");
    bucket
        .check_invariants()
        .expect("the invariants hold after every step");
}

/// Runs one step: prints its title and outcome (as a trace line would carry it), then the
/// chain of [`KEY`]; returns the outcome.
fn step<T: Serialize>(
    bucket: &mut Bucket,
    title: &str,
    command: impl FnOnce(&mut Bucket) -> Result<T, Violation>,
) -> T {
    println!("# {title}");
    match command(bucket) {
        Ok(outcome) => {
            match serde_json::to_string(&outcome) {
                Ok(line) => println!("{line}"),
                Err(error) => println!("(the outcome does not serialize: {error})"),
            }
            match bucket.chain(KEY) {
                Some(chain) => println!("{chain}"),
                None => println!("{KEY}: no entries\n"),
            }
            outcome
        }
        Err(violation) => panic!("{title}: unexpected {violation}"),
    }
}

/// Prints a step that the rules reject, with the violation's code and status.
fn refused<T>(title: &str, result: Result<T, Violation>) {
    println!("# {title}");
    match result {
        Err(violation) => println!("{} {violation}\n", violation.http_status()),
        Ok(_) => panic!("{title}: unexpectedly accepted"),
    }
}
