//! `check_invariants()` names the invariant that fails. A healthy bucket passes; buckets
//! corrupted through their serialized form fail with the right invariant.

mod common;

use bucket_versioning::{Bucket, Invariant};
use common::*;
use serde_json::{Value, json};

/// A bucket with history: a null entry from before versioning, versions, a marker.
fn sample() -> Bucket {
    let mut bucket = Bucket::default();
    put(&mut bucket, "k", "null one");
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    put(&mut bucket, "k", "v1");
    delete(&mut bucket, "k");
    put(&mut bucket, "j", "v1");
    bucket
}

/// Serializes `bucket`, lets `corrupt` change it, and returns the invariant that then fails.
#[track_caller]
fn failing_invariant(bucket: &Bucket, corrupt: impl FnOnce(&mut Value)) -> Invariant {
    let mut value = serde_json::to_value(bucket).expect("a bucket serializes");
    corrupt(&mut value);
    let corrupted: Bucket = serde_json::from_value(value).expect("still well-formed JSON");
    corrupted
        .check_invariants()
        .expect_err("the corruption is caught")
        .invariant
}

fn entries<'a>(value: &'a mut Value, key: &str) -> &'a mut serde_json::Map<String, Value> {
    value["store"]["chains"][key]["entries"]
        .as_object_mut()
        .expect("a chain")
}

#[test]
fn a_healthy_bucket_passes() {
    sample().check_invariants().expect("healthy");
    Bucket::default()
        .check_invariants()
        .expect("empty is healthy");
}

// Rule: INV-1
#[test]
fn empty_chain_is_caught() {
    let found = failing_invariant(&sample(), |value| entries(value, "j").clear());
    assert_eq!(found, Invariant::NoEmptyChain);
    assert_eq!(found.id(), "INV-1");
}

// Rule: INV-2
#[test]
fn second_null_entry_is_caught() {
    let found = failing_invariant(&sample(), |value| {
        let (_, entry) = entries(value, "k")
            .iter_mut()
            .nth(1)
            .expect("a second entry");
        entry["version_id"] = json!("null");
    });
    assert_eq!(found, Invariant::UniqueVersionIds);
}

// Rule: INV-2 — one ID on two entries.
#[test]
fn shared_version_id_is_caught() {
    let bucket = sample();
    let k_head = bucket
        .chain("k")
        .and_then(|c| c.head())
        .expect("head")
        .version_id()
        .to_string();
    let found = failing_invariant(&bucket, |value| {
        let (_, entry) = entries(value, "j").iter_mut().next().expect("an entry");
        entry["version_id"] = json!(k_head);
    });
    assert_eq!(found, Invariant::UniqueVersionIds);
}

// Rule: INV-3
#[test]
fn reused_sequence_number_is_caught() {
    let found = failing_invariant(&sample(), |value| {
        value["store"]["next_sequence"] = json!(2)
    });
    assert_eq!(found, Invariant::SequenceOrder);
}

// Rule: INV-4
#[test]
fn never_versioned_bucket_with_history_is_caught() {
    let found = failing_invariant(&sample(), |value| {
        value["versioning"] = json!("Unversioned");
        value["left_unversioned"] = json!(false);
    });
    assert_eq!(found, Invariant::NeverVersionedShape);
}

// Rule: INV-5
#[test]
fn unsealed_noncurrent_appendable_is_caught() {
    let found = failing_invariant(&sample(), |value| {
        let (_, entry) = entries(value, "k")
            .iter_mut()
            .next()
            .expect("the oldest entry");
        entry["body"]["Object"]["form"] = json!({"Appendable": {"sealed": false}});
    });
    assert_eq!(found, Invariant::SealedNoncurrentAppendables);
}

// Rule: INV-6
#[test]
fn oversized_object_is_caught() {
    let found = failing_invariant(&sample(), |value| {
        let (_, entry) = entries(value, "j").iter_mut().next().expect("an entry");
        entry["body"]["Object"]["content"]["len"] = json!(6u64 << 30);
    });
    assert_eq!(found, Invariant::ContentShape);
}

// Rule: INV-8
#[test]
fn return_to_unversioned_is_caught() {
    let found = failing_invariant(&sample(), |value| {
        value["versioning"] = json!("Unversioned")
    });
    assert_eq!(found, Invariant::NoReturnToUnversioned);
    assert_eq!(found.id(), "INV-8");
}
