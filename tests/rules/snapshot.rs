//! Snapshots: a bucket serializes and is restored with identical behaviour (the ID source's
//! position included); a corrupt or inconsistent snapshot is refused whole, with an error
//! naming the invariant it breaks. `check_invariants()` is what names it.

use crate::support::sequences::arb_scenario;
use crate::support::*;
use bucket_versioning::request::DeleteObject;
use bucket_versioning::{Bucket, BucketConfig, Command, Dialect, violation::Invariant};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A bucket with history: a null entry from before versioning, versions, a marker, a sealed
/// appendable, an upload in progress.
fn sample() -> Bucket {
    let mut bucket = Bucket::default();
    put(&mut bucket, "k", "null one");
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    put(&mut bucket, "k", "v1");
    delete(&mut bucket, "k");
    put(&mut bucket, "j", "v1");
    bucket.append_object("log", 0, "abc").expect("create");
    put(&mut bucket, "log", "sealing put");
    let gone = put(&mut bucket, "gone", "x").expect("an ID");
    bucket
        .delete_object(DeleteObject::new("gone").version_id(gone))
        .expect("delete by ID");
    let upload = bucket
        .initiate_multipart_upload("big")
        .expect("initiate")
        .upload_id;
    bucket.upload_part("big", &upload, 1, "part").expect("part");
    bucket
}

/// Serializes `bucket`, lets `corrupt` change the snapshot, and returns why restoring it was
/// refused.
#[track_caller]
fn refusal(bucket: &Bucket, corrupt: impl FnOnce(&mut Value)) -> String {
    let mut value = serde_json::to_value(bucket).expect("a bucket serializes");
    corrupt(&mut value);
    match serde_json::from_value::<Bucket>(value) {
        Ok(_) => panic!("the corrupt snapshot was accepted"),
        Err(error) => error.to_string(),
    }
}

#[track_caller]
fn assert_names(message: &str, invariant: Invariant) {
    assert!(
        message.contains(invariant.id()),
        "{message} should name {}",
        invariant.id()
    );
    assert!(message.starts_with("snapshot refused"), "{message}");
}

fn chain<'a>(value: &'a mut Value, key: &str) -> &'a mut Value {
    value["chains"]
        .as_array_mut()
        .and_then(|chains| chains.iter_mut().find(|chain| chain["key"] == key))
        .expect("the key's chain")
}

fn entries<'a>(value: &'a mut Value, key: &str) -> &'a mut Vec<Value> {
    chain(value, key)["entries"]
        .as_array_mut()
        .expect("entries")
}

#[test]
fn a_healthy_snapshot_round_trips() {
    let bucket = sample();
    bucket.check_invariants().expect("healthy");
    let json = serde_json::to_string(&bucket).expect("serializes");
    let restored: Bucket = serde_json::from_str(&json).expect("restores");
    assert_eq!(restored, bucket);
    let empty: Bucket =
        serde_json::from_str(&serde_json::to_string(&Bucket::default()).expect("serializes"))
            .expect("restores");
    assert_eq!(empty, Bucket::default());
}

// Rule: ID-5, INV-9 — the restored bucket continues the ID sequence exactly.
#[test]
fn restored_bucket_draws_the_same_next_ids() {
    let mut original = sample();
    let mut restored: Bucket =
        serde_json::from_str(&serde_json::to_string(&original).expect("serializes"))
            .expect("restores");
    for round in 0..5 {
        assert_eq!(
            put(&mut restored, "k", "next"),
            put(&mut original, "k", "next"),
            "round {round}"
        );
        assert_eq!(
            restored
                .initiate_multipart_upload("big")
                .map(|o| o.upload_id),
            original
                .initiate_multipart_upload("big")
                .map(|o| o.upload_id)
        );
    }
    assert_eq!(restored, original);
}

// Rule: ID-1 — an ID of a deleted entry stays used after a restore.
#[test]
fn retired_ids_stay_retired() {
    let mut bucket = Bucket::default();
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    let id = put(&mut bucket, "k", "x").expect("an ID");
    bucket
        .delete_object(DeleteObject::new("k").version_id(id.clone()))
        .expect("delete by ID");
    // One more retired past the first 64 sequence numbers.
    for n in 0..70 {
        put(&mut bucket, &format!("other{n}"), "x");
    }
    let late = put(&mut bucket, "late", "x").expect("an ID");
    bucket
        .delete_object(DeleteObject::new("late").version_id(late.clone()))
        .expect("delete by ID");
    let mut restored: Bucket =
        serde_json::from_str(&serde_json::to_string(&bucket).expect("serializes"))
            .expect("restores");
    for (key, id) in [("k", id), ("late", late)] {
        let reuse = put_assigning_cmd(key, "y", id);
        assert_rejected(&mut restored, reuse, "InvalidArgument", 400);
    }
}

// Rule: INV-1
#[test]
fn empty_chain_is_refused() {
    let message = refusal(&sample(), |value| entries(value, "j").clear());
    assert_names(&message, Invariant::NoEmptyChain);
}

// Rule: INV-2 — a duplicated null entry.
#[test]
fn duplicated_null_entry_is_refused() {
    let message = refusal(&sample(), |value| {
        entries(value, "k")[0]["version_id"] = json!("null");
    });
    assert_names(&message, Invariant::UniqueVersionIds);
}

// Rule: INV-2 — one ID on two entries, or a live ID also listed as retired.
#[test]
fn shared_version_id_is_refused() {
    let bucket = sample();
    let k_head = bucket
        .chain("k")
        .and_then(|c| c.head())
        .expect("head")
        .version_id()
        .to_string();
    let message = refusal(&bucket, |value| {
        entries(value, "j")[0]["version_id"] = json!(k_head);
    });
    assert_names(&message, Invariant::UniqueVersionIds);
    let message = refusal(&bucket, |value| {
        value["retired_version_ids"]
            .as_array_mut()
            .expect("a list")
            .push(json!(k_head));
    });
    assert_names(&message, Invariant::UniqueVersionIds);
}

// Rule: INV-3 — a broken sequence order, and a sequence number not yet issued.
#[test]
fn broken_sequence_order_is_refused() {
    let message = refusal(&sample(), |value| entries(value, "k").reverse());
    assert_names(&message, Invariant::SequenceOrder);
    let message = refusal(&sample(), |value| value["next_sequence"] = json!(2));
    assert_names(&message, Invariant::SequenceOrder);
    let message = refusal(&sample(), |value| {
        let sequence = entries(value, "k")[0]["sequence"].clone();
        entries(value, "j")[0]["sequence"] = sequence;
    });
    assert_names(&message, Invariant::SequenceOrder);
}

/// Sets every `modified` time inside `value` to `time`.
fn set_modified(value: &mut Value, time: u64) {
    match value {
        Value::Object(fields) => {
            for (name, field) in fields.iter_mut() {
                if name == "modified" {
                    *field = json!(time);
                } else {
                    set_modified(field, time);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| set_modified(item, time)),
        _ => {}
    }
}

// Rule: INV-3 with LC-0 — the clock only moves forward, so creation times never decrease up a
// chain and none is after the clock (the lifecycle's due index relies on it): an older entry
// created after a newer one, or a head created after the clock, is refused.
#[test]
fn creation_times_out_of_order_are_refused() {
    let message = refusal(&sample(), |value| {
        let older = entries(value, "k").last_mut().expect("an older entry");
        older["created"] = json!(5);
        // An object is modified no earlier than it was created (INV-6): move that along.
        set_modified(older, 5);
    });
    assert_names(&message, Invariant::SequenceOrder);
    let message = refusal(&sample(), |value| {
        entries(value, "k")[0]["created"] = json!(5);
    });
    assert_names(&message, Invariant::SequenceOrder);
}

// Rule: INV-4
#[test]
fn never_versioned_bucket_with_history_is_refused() {
    let message = refusal(&sample(), |value| {
        value["versioning"] = json!("Unversioned");
        value["versioning_configured"] = json!(false);
    });
    assert_names(&message, Invariant::NeverVersionedShape);
}

// Rule: INV-4 — in a never-versioned bucket, a key's one entry must be a null object: a
// non-null ID or a null delete marker is refused too.
#[test]
fn never_versioned_single_entry_must_be_a_null_object() {
    let mut bucket = Bucket::default();
    put(&mut bucket, "k", "x");
    let message = refusal(&bucket, |value| {
        entries(value, "k")[0]["version_id"] = json!("3f8a0e3c9d6b4c1e8a2f5b7d9c0e1a2b");
    });
    assert_names(&message, Invariant::NeverVersionedShape);
    let message = refusal(&bucket, |value| {
        entries(value, "k")[0]["body"] = json!("DeleteMarker");
    });
    assert_names(&message, Invariant::NeverVersionedShape);
}

// Rule: INV-5 — an unsealed noncurrent appendable.
#[test]
fn unsealed_noncurrent_appendable_is_refused() {
    let message = refusal(&sample(), |value| {
        let sealed = entries(value, "log")
            .iter_mut()
            .find(|entry| entry["body"]["Object"]["form"]["Appendable"].is_object())
            .expect("the sealed appendable");
        sealed["body"]["Object"]["form"]["Appendable"]["sealed"] = json!(false);
    });
    assert_names(&message, Invariant::SealedNoncurrentAppendables);
}

// Rule: INV-6
#[test]
fn oversized_object_is_refused() {
    let message = refusal(&sample(), |value| {
        entries(value, "j")[0]["body"]["Object"]["content"]["len"] = json!(6u64 << 30);
    });
    assert_names(&message, Invariant::ContentShape);
}

// Rule: INV-7
#[test]
fn part_number_out_of_range_is_refused() {
    let message = refusal(&sample(), |value| {
        let uploads = value["uploads"]["in_progress"]
            .as_object_mut()
            .expect("uploads");
        let (_, upload) = uploads.iter_mut().next().expect("an upload");
        let parts = upload["parts"].as_object_mut().expect("parts");
        let part = parts.remove("1").expect("part 1");
        parts.insert("10001".into(), part);
    });
    assert_names(&message, Invariant::UploadsInProgress);
}

// Rule: INV-8
#[test]
fn return_to_unversioned_is_refused() {
    let message = refusal(&sample(), |value| {
        value["versioning"] = json!("Unversioned")
    });
    assert_names(&message, Invariant::NoReturnToUnversioned);
}

#[test]
fn other_formats_and_unknown_fields_are_refused() {
    let message = refusal(&sample(), |value| value["format"] = json!(2));
    assert!(message.contains("format 2"), "{message}");
    let message = refusal(&sample(), |value| value["extra"] = json!(true));
    assert!(message.contains("unknown field"), "{message}");
}

/// Runs `commands` on `bucket`, returning each step's reply line.
fn continue_with(bucket: &mut Bucket, commands: &[Command]) -> Vec<Value> {
    commands
        .iter()
        .map(|command| {
            let result = bucket.apply(command.clone());
            serde_json::to_value(bucket_versioning::wire::Reply::from(result)).expect("serializes")
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    // Rule: INV-9 — serialize midway, restore, and continue both copies with the same commands:
    // identical outcomes and equal states.
    #[test]
    fn snapshot_midway_continues_identically(
        (config, commands) in arb_scenario(1..80),
        cut in 0usize..80,
    ) {
        let (before, after) = commands.split_at(cut.min(commands.len()));
        let mut original = Bucket::new(config);
        continue_with(&mut original, before);
        let json = serde_json::to_string(&original).expect("serializes");
        let mut restored: Bucket = serde_json::from_str(&json).expect("a healthy snapshot restores");
        prop_assert_eq!(&restored, &original);
        let from_original = continue_with(&mut original, after);
        let from_restored = continue_with(&mut restored, after);
        prop_assert_eq!(from_original, from_restored);
        prop_assert_eq!(restored, original);
    }
}

// The dialect and options travel with the snapshot.
#[test]
fn configuration_travels() {
    let config = BucketConfig::new(Dialect::S3).with_seed(9);
    let bucket = Bucket::new(config);
    let restored: Bucket =
        serde_json::from_str(&serde_json::to_string(&bucket).expect("serializes"))
            .expect("restores");
    assert_eq!(restored.config(), &config);
}

// Rule: INV-6 — an entry no command makes (a Normal object modified after its creation, an
// appendable with an MD5) is refused.
#[test]
fn impossible_entry_shapes_are_refused() {
    let message = refusal(&sample(), |value| {
        let entry = &mut entries(value, "j")[0];
        let created = entry["created"].as_u64().expect("a time");
        entry["body"]["Object"]["modified"] = json!(created + 1);
    });
    assert_names(&message, Invariant::ContentShape);
    let message = refusal(&sample(), |value| {
        let appendable = entries(value, "log")
            .iter_mut()
            .find(|entry| entry["body"]["Object"]["form"]["Appendable"].is_object())
            .expect("the sealed appendable");
        appendable["body"]["Object"]["content"]["md5"] = json!(vec![0u8; 16]);
    });
    assert_names(&message, Invariant::ContentShape);
}

/// A bucket whose versions carry tags and metadata, and whose upload in progress carries
/// what its Complete will give (TAG-1, TAG-5).
fn tagged_sample() -> Bucket {
    use bucket_versioning::request::{InitiateMultipartUpload, PutObject, PutObjectTagging};
    use bucket_versioning::{Metadata, Tags};
    let mut bucket = sample();
    let put = PutObject::new("t", "x")
        .tags(Tags::new().with("team", "web"))
        .content_type("text/plain")
        .metadata(Metadata::new().with("Owner", "ana"))
        .storage_class("IA");
    bucket.apply(Command::PutObject(put)).expect("put");
    bucket
        .put_object_tagging(PutObjectTagging::new("j", Tags::new().with("old", "1")))
        .expect("tag");
    let initiate = InitiateMultipartUpload::new("big2").tags(Tags::new().with("mp", "1"));
    bucket
        .initiate_multipart_upload(initiate)
        .expect("initiate");
    bucket
}

// Rule: TAG-1, TAG-5 — a snapshot keeps every version's tags and metadata and each upload's;
// the restored bucket is equal and reads them back.
#[test]
fn snapshots_keep_tags_and_metadata() {
    let bucket = tagged_sample();
    let text = serde_json::to_string(&bucket).expect("serializes");
    let restored: Bucket = serde_json::from_str(&text).expect("restores");
    assert_eq!(restored, bucket);
    let read = restored.get_object("t").expect("read");
    assert_eq!(
        (read.content_type.as_str(), read.storage_class.as_str()),
        ("text/plain", "IA")
    );
    assert_eq!(
        restored
            .get_object_tagging("j")
            .expect("tags")
            .tags
            .get("old"),
        Some("1")
    );
}

// Rule: TAG-1, TAG-5 — a snapshot written before versions carried tags and metadata (no
// `attributes` on its entries or uploads) still loads, every version with the defaults.
#[test]
fn snapshots_without_attributes_still_load() {
    let bucket = sample();
    let value = serde_json::to_value(&bucket).expect("serializes");
    assert!(
        !value.to_string().contains("attributes"),
        "defaults are left out"
    );
    let restored: Bucket = serde_json::from_value(value).expect("restores");
    assert_eq!(restored, bucket);
    assert!(
        restored
            .get_object_tagging("j")
            .expect("tags")
            .tags
            .is_empty()
    );
}

// Rule: INV-11 — a snapshot whose delete marker carries tags, or whose tag set breaks TAG-3,
// is refused naming INV-11.
#[test]
fn snapshots_with_broken_tag_sets_are_refused() {
    let bucket = tagged_sample();
    let message = refusal(&bucket, |value| {
        let marker = chain(value, "k")["entries"]
            .as_array_mut()
            .and_then(|entries| {
                entries
                    .iter_mut()
                    .find(|entry| entry["body"] == "DeleteMarker")
            })
            .expect("k has a marker");
        marker["attributes"] = json!({"tags": {"a": "b"}});
    });
    assert_names(&message, Invariant::TagSets);
    let message = refusal(&bucket, |value| {
        let head = &mut chain(value, "t")["entries"][0];
        head["attributes"]["tags"] = json!({"": "empty key"});
    });
    assert_names(&message, Invariant::TagSets);
}
