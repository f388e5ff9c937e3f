use super::*;

// Rule: ID-1 — fresh, unique IDs for writes and simple deletes in an Enabled bucket.
#[test]
fn enabled_writes_and_markers_get_fresh_unique_ids() {
    let mut bucket = enabled();
    let mut seen = std::collections::BTreeSet::new();
    for round in 0..200 {
        let id = if round % 3 == 0 {
            delete(&mut bucket, "k")
        } else {
            put(&mut bucket, "k", "x")
        };
        let id = id.expect("Enabled reports the ID");
        assert!(!id.is_null());
        assert!(seen.insert(id.to_string()), "ID {id} given twice");
    }
}

// Rule: ID-1 — an ID is never reused, even after its entry is deleted.
#[test]
fn ids_of_deleted_entries_are_never_reused() {
    let mut bucket = enabled();
    let id = put(&mut bucket, "k", "x").expect("an ID");
    bucket
        .delete_object(DeleteObject::new("k").version_id(id.clone()))
        .expect("delete by ID");
    assert!(bucket.chain("k").is_none());
    let reuse = put_assigning_cmd("other", "y", id.clone());
    let violation = assert_rejected(&mut bucket, reuse, "InvalidArgument", 400);
    assert_eq!(
        violation,
        Violation::InvalidArgument(ArgumentError::SuppliedVersionIdUsed(id))
    );
}

// Rule: ID-2
#[test]
fn unversioned_and_suspended_writes_get_null() {
    let mut bucket = Bucket::default();
    put(&mut bucket, "k", "a");
    assert_eq!(chain_ids(&bucket, "k"), [("null".to_string(), false)]);
    bucket.put_bucket_versioning("Suspended").expect("allowed");
    put(&mut bucket, "j", "a");
    assert_eq!(chain_ids(&bucket, "j"), [("null".to_string(), false)]);
    delete(&mut bucket, "m");
    assert_eq!(chain_ids(&bucket, "m"), [("null".to_string(), true)]);
}

// Rule: ID-3 — whatever mix of Suspended writes and deletes, one null entry per key.
#[test]
fn at_most_one_null_entry_per_key() {
    let mut bucket = enabled();
    put(&mut bucket, "k", "a");
    bucket.put_bucket_versioning("Suspended").expect("allowed");
    for round in 0..10 {
        if round % 2 == 0 {
            put(&mut bucket, "k", "b");
        } else {
            delete(&mut bucket, "k");
        }
        bucket
            .put_bucket_versioning(if round % 3 == 0 {
                "Enabled"
            } else {
                "Suspended"
            })
            .ok();
        put(&mut bucket, "k", "c");
        let nulls = chain_ids(&bucket, "k")
            .iter()
            .filter(|(id, _)| id == "null")
            .count();
        assert!(nulls <= 1, "round {round}: {nulls} null entries");
    }
    bucket.check_invariants().expect("invariants");
}

// Rule: ID-4 — chains are in creation order; generated IDs do not sort in that order.
#[test]
fn order_is_creation_order_not_id_order() {
    let mut bucket = enabled();
    let ids: Vec<String> = (0..50)
        .map(|_| put(&mut bucket, "k", "x").expect("an ID").to_string())
        .collect();
    let chain: Vec<String> = chain_ids(&bucket, "k")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let newest_first: Vec<String> = ids.iter().rev().cloned().collect();
    assert_eq!(chain, newest_first);
    let sequences: Vec<u64> = bucket
        .chain("k")
        .expect("chain")
        .iter()
        .map(|entry| entry.sequence())
        .collect();
    assert!(
        sequences.windows(2).all(|pair| pair[0] > pair[1]),
        "sequence numbers fall from the head: {sequences:?}"
    );
    let mut sorted = ids.clone();
    sorted.sort();
    assert_ne!(sorted, ids, "IDs sorted in creation order");
    sorted.reverse();
    assert_ne!(sorted, ids, "IDs sorted in reverse creation order");
}

// Rule: ID-5 — deterministic, seeded, 32 lowercase hex digits.
#[test]
fn generated_ids_are_seeded_and_deterministic() {
    let run = |seed| {
        let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(seed));
        bucket.put_bucket_versioning("Enabled").expect("allowed");
        (0..5)
            .map(|_| put(&mut bucket, "k", "x").expect("an ID").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
    for id in run(7) {
        assert_eq!(id.len(), 32);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
            "{id}"
        );
    }
}

// Rule: ID-5 — a caller may supply the ID (a history seen on a real server).
#[test]
fn a_supplied_id_is_used_as_given() {
    let mut bucket = enabled();
    let observed = "CAEQNhiBgIDFtp.B0BYiIGQ0NjgwZTk0ZDIyNjQyMjNhNTFhYzU4MTMwNmYzN2Q2";
    let outcome = ok(&mut bucket, put_assigning_cmd("k", "x", observed));
    let bucket_versioning::Outcome::PutObject(put) = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(
        put.version_id.map(|id| id.to_string()).as_deref(),
        Some(observed)
    );
    ok(
        &mut bucket,
        Command::DeleteObject(DeleteObject::new("k").assign_version_id("marker-1")),
    );
    assert_eq!(
        chain_ids(&bucket, "k"),
        [
            ("marker-1".to_string(), true),
            (observed.to_string(), false)
        ]
    );
    assert_eq!(
        bucket
            .get_object(GetObject::new("k").version_id(observed))
            .map(|m| m.size),
        Ok(1)
    );
}

// Rule: ID-5 — a supplied ID that is null, empty or already used is InvalidArgument 400.
#[test]
fn bad_supplied_ids_are_rejected() {
    let mut bucket = enabled();
    let used = put(&mut bucket, "k", "x").expect("an ID");
    for (id, reason) in [
        (VersionId::NULL, ArgumentError::SuppliedVersionIdNull),
        (VersionId::new(""), ArgumentError::EmptyVersionId),
        (
            used.clone(),
            ArgumentError::SuppliedVersionIdUsed(used.clone()),
        ),
    ] {
        for command in [
            put_assigning_cmd("j", "y", id.clone()),
            Command::DeleteObject(DeleteObject::new("j").assign_version_id(id.clone())),
        ] {
            let violation = assert_rejected(&mut bucket, command, "InvalidArgument", 400);
            assert_eq!(violation, Violation::InvalidArgument(reason.clone()));
        }
    }
}

// Rule: ID-5 (MODEL) — a supplied ID stands for a fresh one: refused when the entry gets
// `null` (not Enabled) or when the delete names a version.
#[test]
fn supplied_ids_only_where_a_fresh_id_is_given() {
    for state in [None, Some("Suspended")] {
        let mut bucket = bucket_in(Dialect::Oss, state);
        let command = put_assigning_cmd("k", "x", "mine");
        let violation = assert_rejected(&mut bucket, command, "InvalidArgument", 400);
        assert_eq!(
            violation,
            Violation::InvalidArgument(ArgumentError::SuppliedVersionIdNotApplicable)
        );
    }
    let mut bucket = enabled();
    let command = Command::DeleteObject(
        DeleteObject::new("k")
            .version_id("null")
            .assign_version_id("mine"),
    );
    assert_rejected(&mut bucket, command, "InvalidArgument", 400);
}

// Rule: ID-6 — version IDs are opaque, non-empty, at most 1024 bytes.
#[test]
fn version_id_syntax() {
    let mut bucket = enabled();
    put(&mut bucket, "k", "x");
    for command in [get_cmd("k", Some("")), delete_cmd("k", Some(""))] {
        let violation = assert_rejected(&mut bucket, command, "InvalidArgument", 400);
        assert_eq!(
            violation,
            Violation::InvalidArgument(ArgumentError::EmptyVersionId)
        );
    }
    let long = "v".repeat(1025);
    let violation = assert_rejected(
        &mut bucket,
        get_cmd("k", Some(&long)),
        "InvalidArgument",
        400,
    );
    assert_eq!(
        violation,
        Violation::InvalidArgument(ArgumentError::VersionIdTooLong { size: 1025 })
    );
    let longest = "v".repeat(1024);
    assert_rejected(
        &mut bucket,
        get_cmd("k", Some(&longest)),
        "NoSuchVersion",
        404,
    );
    // Opaque: any characters, compared as strings.
    assert_rejected(
        &mut bucket,
        get_cmd("k", Some("%%%/..")),
        "NoSuchVersion",
        404,
    );
    assert_eq!(VersionId::new("null"), VersionId::NULL);
    assert_eq!(
        VersionId::new("ABCDEF0123456789ABCDEF0123456789").to_string(),
        "ABCDEF0123456789ABCDEF0123456789"
    );
}
