//! One test (at least) per rule of the core families: VS, ID, CT-1/CT-3, KEY, PUT, DEL, GET,
//! RSP, ERR. Each cites its rule and asserts the rule's observable effect.

use crate::support::*;
use bucket_versioning::request::{
    AdvanceClock, DeleteObject, GetBucketVersioning, GetObject, HeadObject, PutBucketVersioning,
    PutObject,
};
use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Content, Dialect, ObjectKey, ObjectType, VersionId,
    VersioningState, Violation, dialect::MAX_OBJECT_SIZE, violation::ArgumentError,
};

mod versioning_state {
    use super::*;

    // Rule: VS-1
    #[test]
    fn a_new_bucket_is_unversioned() {
        let bucket = Bucket::default();
        assert_eq!(bucket.versioning(), VersioningState::Unversioned);
        assert_eq!(
            bucket.get_bucket_versioning().status,
            VersioningState::Unversioned
        );
    }

    // Rule: VS-2
    #[test]
    fn allowed_transitions() {
        for (from, to) in [
            (None, "Enabled"),
            (None, "Suspended"),
            (Some("Enabled"), "Suspended"),
            (Some("Suspended"), "Enabled"),
            (Some("Enabled"), "Enabled"),
            (Some("Suspended"), "Suspended"),
        ] {
            let mut bucket = bucket_in(Dialect::Oss, from);
            let outcome = bucket
                .put_bucket_versioning(to)
                .expect("allowed transition");
            assert_eq!(outcome.status.as_str(), to, "{from:?} -> {to}");
            assert_eq!(bucket.versioning().as_str(), to);
            assert_eq!(bucket.versioning().to_string(), to);
            assert_eq!(bucket.versioning().as_ref(), to);
        }
    }

    // Rule: VS-2 — nothing returns to Unversioned; unknown statuses are refused per dialect.
    #[test]
    fn refused_statuses_leave_the_state() {
        for (dialect, code) in [
            (Dialect::Oss, "MalformedXML"),
            (Dialect::S3, "IllegalVersioningConfigurationException"),
        ] {
            for from in [None, Some("Enabled"), Some("Suspended")] {
                for status in ["Disabled", "Unversioned", "enabled", "", "None"] {
                    let mut bucket = bucket_in(dialect, from);
                    let state = bucket.versioning();
                    let command = Command::PutBucketVersioning(PutBucketVersioning::new(status));
                    assert_rejected(&mut bucket, command, code, 400);
                    assert_eq!(bucket.versioning(), state);
                }
            }
        }
    }

    // Rule: VS-3
    #[test]
    fn changing_the_state_never_touches_entries() {
        let mut bucket = enabled();
        put(&mut bucket, "k", "a");
        delete(&mut bucket, "k");
        bucket.put_bucket_versioning("Suspended").expect("allowed");
        put(&mut bucket, "k", "b");
        let before = chain_ids(&bucket, "k");
        for status in ["Enabled", "Suspended", "Suspended", "Enabled"] {
            bucket.put_bucket_versioning(status).expect("allowed");
            assert_eq!(chain_ids(&bucket, "k"), before);
        }
    }
}

mod version_ids {
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
}

mod content {
    use super::*;

    // Rule: CT-1 — the fingerprint: length, CRC-64/XZ, MD5.
    #[test]
    fn fingerprint_of_bytes() {
        let content = Content::from_bytes(b"123456789");
        assert_eq!(content.len(), 9);
        assert_eq!(content.crc64(), 0x995D_C9BB_DF19_39FA);
        assert_eq!(Content::from_bytes(b"").crc64(), 0);
        let mut bucket = Bucket::default();
        let outcome = bucket.put_object("k", "123456789").expect("put");
        assert_eq!(outcome.crc64, 11_051_210_869_376_104_954);
        let meta = bucket.get_object("k").expect("get");
        assert_eq!((meta.size, meta.crc64), (9, 11_051_210_869_376_104_954));
    }

    // Rule: CT-1 — a fingerprint given directly stands for a large synthetic body.
    #[test]
    fn fingerprint_given_directly() {
        let mut bucket = Bucket::default();
        let md5 = [0xAB; 16];
        let content = Content::from_fingerprint(MAX_OBJECT_SIZE, 12345, Some(md5));
        let outcome = bucket
            .put_object("big", content)
            .expect("5 GiB exactly is allowed");
        assert_eq!(outcome.crc64, 12345);
        assert_eq!(outcome.etag.as_str(), "AB".repeat(16));
        assert_eq!(
            bucket.head_object("big").map(|m| m.size),
            Ok(MAX_OBJECT_SIZE)
        );
    }

    // Rule: CT-3 — the ETag of a simple upload is the hex MD5, uppercase (oss) / lowercase (s3).
    #[test]
    fn put_etag_is_hex_md5_by_dialect() {
        let mut oss = bucket_in(Dialect::Oss, None);
        let mut s3 = bucket_in(Dialect::S3, None);
        // md5("v1") = 6654c734ccab8f440ff0825eb443dc7f
        assert_eq!(
            oss.put_object("k", "v1").map(|o| o.etag.to_string()),
            Ok("6654C734CCAB8F440FF0825EB443DC7F".into())
        );
        assert_eq!(
            s3.put_object("k", "v1").map(|o| o.etag.to_string()),
            Ok("6654c734ccab8f440ff0825eb443dc7f".into())
        );
        assert_eq!(
            oss.get_object("k").map(|m| m.etag.to_string()),
            Ok("6654C734CCAB8F440FF0825EB443DC7F".into())
        );
    }

    // Rule: CT-1 — bodies given as repeats and concatenations fingerprint like their bytes.
    #[test]
    fn repeat_and_concat_bodies() {
        let mut bucket = Bucket::default();
        let body = Body::Concat {
            concat: vec![
                "ab".into(),
                Body::Repeat {
                    repeat: "xy".into(),
                    times: 1000,
                },
            ],
        };
        let expected = Content::from_bytes(format!("ab{}", "xy".repeat(1000)).as_bytes());
        let outcome = bucket.put_object("k", body).expect("put");
        assert_eq!(outcome.crc64, expected.crc64());
        assert_eq!(bucket.get_object("k").map(|m| m.size), Ok(2002));
    }
}

mod keys {
    use super::*;

    // Rule: KEY-1 — oss keys: 1..=1023 bytes, no leading `/` or `\`.
    #[test]
    fn oss_key_rules() {
        let mut bucket = bucket_in(Dialect::Oss, Some("Enabled"));
        for bad in [String::new(), "/a".into(), "\\a".into(), "k".repeat(1024)] {
            for command in [
                put_cmd(&bad, "x"),
                get_cmd(&bad, None),
                delete_cmd(&bad, None),
            ] {
                let violation = assert_rejected(&mut bucket, command, "InvalidObjectName", 400);
                assert_eq!(
                    violation,
                    Violation::InvalidObjectName {
                        key: bad.as_str().into()
                    }
                );
            }
        }
        assert!(bucket.put_object("k".repeat(1023), "x").is_ok());
        assert!(bucket.put_object("a/b\\c", "x").is_ok());
        // 1023 bytes is the limit in bytes, not characters: 342 three-byte characters = 1026.
        assert_rejected(
            &mut bucket,
            put_cmd(&"€".repeat(342), "x"),
            "InvalidObjectName",
            400,
        );
    }

    // Rule: KEY-2 — s3 keys: 1..=1024 bytes; too long is KeyTooLongError, empty InvalidArgument.
    #[test]
    fn s3_key_rules() {
        let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
        let violation = assert_rejected(
            &mut bucket,
            put_cmd(&"k".repeat(1025), "x"),
            "KeyTooLongError",
            400,
        );
        assert_eq!(
            violation,
            Violation::KeyTooLong {
                size: 1025,
                max_size: 1024
            }
        );
        let violation = assert_rejected(&mut bucket, get_cmd("", None), "InvalidArgument", 400);
        assert_eq!(
            violation,
            Violation::InvalidArgument(ArgumentError::EmptyKey)
        );
        assert!(bucket.put_object("k".repeat(1024), "x").is_ok());
        assert!(bucket.put_object("/leading-slash-is-fine", "x").is_ok());
    }

    // Rule: KEY-3 — keys order by the bytes of their UTF-8 encoding.
    #[test]
    fn keys_order_by_utf8_bytes() {
        let mut bucket = Bucket::default();
        for key in ["é", "z", "B", "a", "aa", "a/b", "~", "Z"] {
            put(&mut bucket, key, "x");
        }
        let keys: Vec<String> = bucket
            .chains()
            .map(|chain| chain.key().to_string())
            .collect();
        assert_eq!(keys, ["B", "Z", "a", "a/b", "aa", "z", "~", "é"]);
    }
}

mod put_object {
    use super::*;

    // Rule: PUT-1 — Unversioned: the chain becomes one new null entry.
    #[test]
    fn unversioned_put_replaces_the_chain() {
        let mut bucket = Bucket::default();
        put(&mut bucket, "k", "first");
        put(&mut bucket, "k", "second!");
        assert_eq!(chain_ids(&bucket, "k"), [("null".to_string(), false)]);
        assert_eq!(bucket.get_object("k").map(|m| m.size), Ok(7));
        assert_eq!(bucket.len(), 1);
    }

    // Rule: PUT-2 — Enabled: a new head with a fresh ID; nothing removed.
    #[test]
    fn enabled_put_adds_a_head() {
        let mut bucket = Bucket::default();
        put(&mut bucket, "k", "null one");
        bucket.put_bucket_versioning("Enabled").expect("allowed");
        let v1 = put(&mut bucket, "k", "a").expect("ID").to_string();
        let v2 = put(&mut bucket, "k", "bb").expect("ID").to_string();
        assert_eq!(
            chain_ids(&bucket, "k"),
            [(v2, false), (v1, false), ("null".to_string(), false)]
        );
        assert_eq!(bucket.get_object("k").map(|m| m.size), Ok(2));
    }

    // Rule: PUT-3 — Suspended: the null entry is removed wherever it sits, even buried under
    // non-null entries; the new null entry becomes the head; non-null entries stay.
    #[test]
    fn suspended_put_replaces_a_buried_null_entry() {
        let mut bucket = Bucket::default();
        put(&mut bucket, "k", "old null");
        bucket.put_bucket_versioning("Enabled").expect("allowed");
        let v1 = put(&mut bucket, "k", "a").expect("ID").to_string();
        let v2 = put(&mut bucket, "k", "b").expect("ID").to_string();
        bucket.put_bucket_versioning("Suspended").expect("allowed");
        put(&mut bucket, "k", "new null");
        assert_eq!(
            chain_ids(&bucket, "k"),
            [("null".to_string(), false), (v2, false), (v1, false)]
        );
        assert_eq!(
            bucket
                .get_object(GetObject::new("k").version_id(VersionId::NULL))
                .map(|m| m.size),
            Ok(8)
        );
    }

    // Rule: PUT-3 — a null delete marker is replaced too, and the put lands above it.
    #[test]
    fn suspended_put_replaces_a_null_marker() {
        let mut bucket = bucket_in(Dialect::Oss, Some("Suspended"));
        delete(&mut bucket, "k");
        assert_eq!(chain_ids(&bucket, "k"), [("null".to_string(), true)]);
        put(&mut bucket, "k", "x");
        assert_eq!(chain_ids(&bucket, "k"), [("null".to_string(), false)]);
    }

    // Rule: PUT-4 — a put on an appendable head seals it; it keeps its ID and stays as a
    // noncurrent version (Enabled), unless PUT-1 (Unversioned) or PUT-3 (Suspended, a null
    // appendable) removes it.
    #[test]
    fn put_seals_an_appendable_head() {
        let mut bucket = enabled();
        let appendable = bucket
            .append_object("log", 0, "abc")
            .expect("create")
            .version_id;
        let put = bucket.put_object("log", "x").expect("put").version_id;
        let chain = bucket.chain("log").expect("a chain");
        let entries: Vec<_> = chain.iter().collect();
        assert_eq!(entries.len(), 2);
        assert_eq!(Some(entries[0].version_id()), put.as_ref());
        assert_eq!(Some(entries[1].version_id()), appendable.as_ref());
        assert_eq!(entries[1].object_type(), Some(ObjectType::Appendable));
        assert!(entries[1].is_sealed());
        let mut unversioned = Bucket::default();
        unversioned.append_object("log", 0, "abc").expect("create");
        unversioned.put_object("log", "x").expect("put");
        assert_eq!(
            unversioned.get_object("log").map(|m| m.object_type),
            Ok(ObjectType::Normal)
        );
        assert_eq!(unversioned.len(), 1);
        let mut suspended = bucket_in(Dialect::Oss, Some("Suspended"));
        suspended.append_object("log", 0, "abc").expect("create");
        suspended.put_object("log", "x").expect("put");
        assert_eq!(chain_ids(&suspended, "log"), [("null".to_string(), false)]);
        assert_eq!(
            suspended.get_object("log").map(|m| m.object_type),
            Ok(ObjectType::Normal)
        );
    }

    // Rule: PUT-5 — the outcome names the ID (RSP-1), the ETag and the CRC-64.
    #[test]
    fn put_outcome() {
        let mut bucket = enabled();
        let outcome = bucket.put_object("k", "123456789").expect("put");
        let head = bucket
            .chain("k")
            .and_then(|chain| chain.head())
            .expect("head");
        assert_eq!(outcome.version_id.as_ref(), Some(head.version_id()));
        assert_eq!(Some(outcome.etag), head.etag());
        assert_eq!(outcome.crc64, 11_051_210_869_376_104_954);
        assert_eq!(head.object_type(), Some(ObjectType::Normal));
    }

    // Rule: PUT-6 — a body over 5 GiB: oss InlineDataTooLarge, s3 EntityTooLarge.
    #[test]
    fn body_over_five_gib_is_rejected() {
        let too_big = Content::from_fingerprint(MAX_OBJECT_SIZE + 1, 0, None);
        for (dialect, code) in [
            (Dialect::Oss, "InlineDataTooLarge"),
            (Dialect::S3, "EntityTooLarge"),
        ] {
            let mut bucket = bucket_in(dialect, Some("Enabled"));
            let command = Command::PutObject(PutObject::new("k", too_big));
            let violation = assert_rejected(&mut bucket, command, code, 400);
            assert!(matches!(
                violation,
                Violation::InlineDataTooLarge { size, .. } | Violation::EntityTooLarge { size, .. }
                    if size == MAX_OBJECT_SIZE + 1
            ));
        }
    }
}

mod delete_object {
    use super::*;

    // Rule: DEL-1 — a delete succeeds whether or not anything existed.
    #[test]
    fn deleting_nothing_succeeds_in_every_state() {
        for state in [None, Some("Enabled"), Some("Suspended")] {
            let mut bucket = bucket_in(Dialect::Oss, state);
            assert!(bucket.delete_object("missing").is_ok(), "{state:?}");
            assert!(
                bucket
                    .delete_object(DeleteObject::new("missing").version_id("v"))
                    .is_ok(),
                "{state:?}"
            );
        }
    }

    // Rule: DEL-2 — Unversioned: the chain is removed; no version ID is reported.
    #[test]
    fn unversioned_delete_removes_the_key() {
        let mut bucket = Bucket::default();
        put(&mut bucket, "k", "x");
        let outcome = bucket.delete_object("k").expect("delete");
        assert_eq!((outcome.version_id, outcome.delete_marker), (None, false));
        assert!(bucket.chain("k").is_none());
        assert!(bucket.is_empty());
    }

    // Rule: DEL-3 — Enabled: markers with fresh IDs stack, also on a key with no entries.
    #[test]
    fn enabled_delete_stacks_markers() {
        let mut bucket = enabled();
        let first = bucket.delete_object("k").expect("delete");
        assert!(first.delete_marker);
        let m1 = first.version_id.expect("marker ID").to_string();
        let m2 = delete(&mut bucket, "k").expect("marker ID").to_string();
        assert_ne!(m1, m2);
        assert_eq!(chain_ids(&bucket, "k"), [(m2, true), (m1, true)]);
    }

    // Rule: DEL-4 — Suspended: the null entry goes wherever it sits; a null marker is the
    // head; repeating leaves exactly one null marker.
    #[test]
    fn suspended_delete_leaves_one_null_marker() {
        let mut bucket = Bucket::default();
        put(&mut bucket, "k", "null object");
        bucket.put_bucket_versioning("Enabled").expect("allowed");
        let v1 = put(&mut bucket, "k", "a").expect("ID").to_string();
        bucket.put_bucket_versioning("Suspended").expect("allowed");
        let outcome = bucket.delete_object("k").expect("delete");
        assert_eq!(
            (outcome.version_id, outcome.delete_marker),
            (Some(VersionId::NULL), true)
        );
        let expected = [("null".to_string(), true), (v1, false)];
        assert_eq!(chain_ids(&bucket, "k"), expected);
        delete(&mut bucket, "k");
        delete(&mut bucket, "k");
        assert_eq!(chain_ids(&bucket, "k"), expected);
        delete(&mut bucket, "fresh");
        assert_eq!(chain_ids(&bucket, "fresh"), [("null".to_string(), true)]);
    }

    // Rule: DEL-5 — exactly the named entry goes; no marker; the flag only for a marker.
    #[test]
    fn delete_by_id_removes_exactly_that_entry() {
        let mut bucket = enabled();
        let v1 = put(&mut bucket, "k", "a").expect("ID");
        let m1 = delete(&mut bucket, "k").expect("ID");
        let v2 = put(&mut bucket, "k", "b").expect("ID");
        let outcome = bucket
            .delete_object(DeleteObject::new("k").version_id(v1.clone()))
            .expect("delete");
        assert_eq!(
            (outcome.version_id, outcome.delete_marker),
            (Some(v1), false)
        );
        assert_eq!(
            chain_ids(&bucket, "k"),
            [(v2.to_string(), false), (m1.to_string(), true)]
        );
        let outcome = bucket
            .delete_object(DeleteObject::new("k").version_id(m1.clone()))
            .expect("delete");
        assert_eq!(
            (outcome.version_id, outcome.delete_marker),
            (Some(m1), true)
        );
        assert_eq!(chain_ids(&bucket, "k"), [(v2.to_string(), false)]);
    }

    // Rule: DEL-5 — in every state, also the null entry by `null`.
    #[test]
    fn delete_by_id_in_every_state() {
        let mut bucket = Bucket::default();
        put(&mut bucket, "k", "x");
        let outcome = bucket
            .delete_object(DeleteObject::new("k").version_id(VersionId::NULL))
            .expect("delete");
        assert_eq!(outcome.version_id, Some(VersionId::NULL));
        assert!(bucket.chain("k").is_none());
        let mut bucket = enabled();
        let v1 = put(&mut bucket, "k", "x").expect("ID");
        bucket.put_bucket_versioning("Suspended").expect("allowed");
        put(&mut bucket, "k", "y");
        bucket
            .delete_object(DeleteObject::new("k").version_id(v1))
            .expect("delete");
        assert_eq!(chain_ids(&bucket, "k"), [("null".to_string(), false)]);
    }

    // Rule: DEL-6 — deleting the head promotes the next newest entry, which may be a marker;
    // an emptied chain disappears.
    #[test]
    fn deleting_the_head_promotes_a_marker() {
        let mut bucket = enabled();
        let v1 = put(&mut bucket, "k", "a").expect("ID");
        let m1 = delete(&mut bucket, "k").expect("ID");
        let v2 = put(&mut bucket, "k", "b").expect("ID");
        bucket
            .delete_object(DeleteObject::new("k").version_id(v2))
            .expect("delete");
        assert_eq!(
            bucket.get_object("k"),
            Err(Violation::NoSuchKey {
                delete_marker: true,
                version_id: Some(m1.clone())
            })
        );
        let head = bucket
            .chain("k")
            .and_then(|chain| chain.head())
            .expect("head");
        assert!(head.is_latest() && head.is_delete_marker());
        bucket
            .delete_object(DeleteObject::new("k").version_id(m1))
            .expect("delete");
        assert_eq!(
            bucket.get_object("k").map(|m| m.version_id),
            Ok(Some(v1.clone()))
        );
        put(&mut bucket, "other", "c");
        let chain = bucket.chain("k").expect("chain");
        assert_eq!((chain.len(), chain.is_empty()), (1, false));
        assert_eq!(
            format!("{chain:?}"),
            r#"ChainView { key: ObjectKey("k"), entries: 1, dialect: Oss, .. }"#
        );
        assert_eq!((bucket.key_count(), bucket.len()), (2, 2));
        assert!(bucket.contains_key(&ObjectKey::new("k")));
        bucket
            .delete_object(DeleteObject::new("k").version_id(v1))
            .expect("delete");
        assert!(bucket.chain("k").is_none());
        assert!(!bucket.contains_key(&ObjectKey::new("k")));
        assert_eq!((bucket.key_count(), bucket.len()), (1, 1));
        bucket.check_invariants().expect("invariants");
    }

    // Rule: DEL-7 (MODEL) — an ID naming no entry of the key succeeds and changes nothing.
    #[test]
    fn unknown_version_id_is_a_successful_no_op() {
        let mut bucket = enabled();
        put(&mut bucket, "k", "a");
        let elsewhere = put(&mut bucket, "other", "b").expect("ID");
        let before = bucket.clone();
        for id in [
            VersionId::new("no-such-version"),
            VersionId::NULL,
            elsewhere,
        ] {
            let outcome = bucket
                .delete_object(DeleteObject::new("k").version_id(id.clone()))
                .expect("delete");
            assert_eq!(
                (outcome.version_id, outcome.delete_marker),
                (Some(id), false)
            );
            assert_eq!(bucket, before);
        }
    }

    // Rule: APP-7 (the simple-delete half, with PUT-4's sealing covered by the append tests) —
    // a simple delete in Suspended leaves the non-null history alone.
    #[test]
    fn suspended_delete_keeps_non_null_history() {
        let mut bucket = enabled();
        let ids: Vec<String> = (0..5)
            .map(|_| put(&mut bucket, "k", "x").expect("ID").to_string())
            .collect();
        bucket.put_bucket_versioning("Suspended").expect("allowed");
        delete(&mut bucket, "k");
        let chain: Vec<String> = chain_ids(&bucket, "k")
            .into_iter()
            .skip(1)
            .map(|(id, _)| id)
            .collect();
        assert_eq!(chain, ids.into_iter().rev().collect::<Vec<_>>());
    }
}

mod get_object {
    use super::*;

    // Rule: GET-1 — no version ID: the head object, with type, size, ETag, CRC-64, time.
    #[test]
    fn get_reads_the_head() {
        let mut bucket = enabled();
        put(&mut bucket, "k", "a");
        bucket.advance_clock(30).expect("clock");
        let v2 = put(&mut bucket, "k", "123456789");
        let meta = bucket.get_object("k").expect("get");
        assert_eq!(meta.version_id, v2);
        assert_eq!(meta.object_type, ObjectType::Normal);
        assert_eq!(
            (meta.size, meta.crc64, meta.last_modified),
            (9, 11_051_210_869_376_104_954, 30)
        );
        assert_eq!(meta.etag.as_str(), "25F9E794323B453885F5181F1B624D0B");
        assert_eq!((meta.next_position, meta.sealed), (None, None));
        assert_eq!(bucket.head_object("k"), Ok(meta));
    }

    // Rule: GET-2 — the head is a marker: NoSuchKey 404 with the flag and the marker's ID.
    #[test]
    fn head_marker_is_no_such_key_with_flag() {
        let mut bucket = enabled();
        put(&mut bucket, "k", "a");
        let marker = delete(&mut bucket, "k").expect("ID");
        for command in [
            get_cmd("k", None),
            Command::HeadObject(HeadObject::new("k")),
        ] {
            let violation = assert_rejected(&mut bucket, command, "NoSuchKey", 404);
            assert!(violation.delete_marker());
            assert_eq!(violation.version_id(), Some(&marker));
        }
    }

    // Rule: GET-3 — no entries: NoSuchKey 404 without the flag.
    #[test]
    fn missing_key_is_no_such_key_without_flag() {
        let mut bucket = enabled();
        let violation = assert_rejected(&mut bucket, get_cmd("k", None), "NoSuchKey", 404);
        assert_eq!(
            violation,
            Violation::NoSuchKey {
                delete_marker: false,
                version_id: None
            }
        );
        assert!(!violation.delete_marker());
        assert_eq!(violation.version_id(), None);
    }

    // Rule: GET-4 — a version ID naming an object version, head or not.
    #[test]
    fn get_by_id_reads_noncurrent_versions() {
        let mut bucket = enabled();
        let v1 = put(&mut bucket, "k", "one").expect("ID");
        delete(&mut bucket, "k");
        put(&mut bucket, "k", "three");
        let meta = bucket
            .get_object(GetObject::new("k").version_id(v1.clone()))
            .expect("get");
        assert_eq!((meta.version_id, meta.size), (Some(v1), 3));
    }

    // Rule: GET-5 — a version ID naming a marker: MethodNotAllowed 405 with flag and ID (HEAD too).
    #[test]
    fn marker_by_id_is_method_not_allowed() {
        let mut bucket = enabled();
        put(&mut bucket, "k", "a");
        let marker = delete(&mut bucket, "k").expect("ID");
        put(&mut bucket, "k", "b");
        let id = marker.to_string();
        for command in [
            get_cmd("k", Some(&id)),
            Command::HeadObject(HeadObject::new("k").version_id(marker.clone())),
        ] {
            let violation = assert_rejected(&mut bucket, command, "MethodNotAllowed", 405);
            assert_eq!(
                violation,
                Violation::MethodNotAllowed {
                    version_id: marker.clone()
                }
            );
            assert!(violation.delete_marker());
            assert_eq!(violation.version_id(), Some(&marker));
        }
    }

    // Rule: GET-6 — a version ID naming nothing: NoSuchVersion; `null` names the null entry in
    // every state, Unversioned included.
    #[test]
    fn unknown_version_is_no_such_version_and_null_works_everywhere() {
        let mut bucket = Bucket::default();
        put(&mut bucket, "k", "abc");
        assert_eq!(
            bucket
                .get_object(GetObject::new("k").version_id(VersionId::NULL))
                .map(|m| m.size),
            Ok(3)
        );
        let violation = assert_rejected(
            &mut bucket,
            get_cmd("k", Some("nope")),
            "NoSuchVersion",
            404,
        );
        assert_eq!(
            violation,
            Violation::NoSuchVersion {
                version_id: "nope".into()
            }
        );
        bucket.put_bucket_versioning("Enabled").expect("allowed");
        let v1 = put(&mut bucket, "k", "x").expect("ID");
        assert_eq!(
            bucket
                .get_object(GetObject::new("k").version_id(VersionId::NULL))
                .map(|m| m.size),
            Ok(3)
        );
        // Another key's version is not this key's.
        assert_rejected(
            &mut bucket,
            get_cmd("j", Some(&v1.to_string())),
            "NoSuchVersion",
            404,
        );
        bucket
            .delete_object(DeleteObject::new("k").version_id(VersionId::NULL))
            .expect("delete");
        assert_rejected(
            &mut bucket,
            get_cmd("k", Some("null")),
            "NoSuchVersion",
            404,
        );
    }

    // Rule: GET-7 — reads never change the state.
    #[test]
    fn reads_change_nothing() {
        let mut bucket = enabled();
        put(&mut bucket, "k", "a");
        delete(&mut bucket, "k");
        let before = bucket.clone();
        for command in [
            get_cmd("k", None),
            get_cmd("missing", None),
            Command::HeadObject(HeadObject::new("k").version_id(VersionId::NULL)),
            Command::GetBucketVersioning(GetBucketVersioning::new()),
        ] {
            let _ = bucket.apply(command);
            assert_eq!(bucket, before);
        }
    }
}

mod responses {
    use super::*;

    // Rule: RSP-1 — writes report: Enabled the new ID; Suspended oss `null`, s3 none;
    // Unversioned none.
    #[test]
    fn write_reports_by_state_and_dialect() {
        let cases = [
            (Dialect::Oss, None, None),
            (Dialect::S3, None, None),
            (Dialect::Oss, Some("Suspended"), Some(VersionId::NULL)),
            (Dialect::S3, Some("Suspended"), None),
        ];
        for (dialect, state, expected) in cases {
            let mut bucket = bucket_in(dialect, state);
            assert_eq!(put(&mut bucket, "k", "x"), expected, "{dialect} {state:?}");
            // The entry's own ID is visible in the chain whatever the response says.
            assert_eq!(chain_ids(&bucket, "k"), [("null".to_string(), false)]);
        }
        for dialect in [Dialect::Oss, Dialect::S3] {
            let mut bucket = bucket_in(dialect, Some("Enabled"));
            let id = put(&mut bucket, "k", "x").expect("Enabled reports an ID");
            assert_eq!(chain_ids(&bucket, "k"), [(id.to_string(), false)]);
        }
    }

    // Rule: RSP-2 — simple delete: Enabled the marker's ID, Suspended `null`, Unversioned
    // none; by version ID the ID given, in every state.
    #[test]
    fn delete_reports_by_state() {
        for dialect in [Dialect::Oss, Dialect::S3] {
            let mut bucket = bucket_in(dialect, None);
            assert_eq!(delete(&mut bucket, "k"), None);
            let by_id = bucket
                .delete_object(DeleteObject::new("k").version_id("given"))
                .expect("delete");
            assert_eq!(by_id.version_id, Some("given".into()));
            bucket.put_bucket_versioning("Suspended").expect("allowed");
            assert_eq!(delete(&mut bucket, "k"), Some(VersionId::NULL));
            bucket.put_bucket_versioning("Enabled").expect("allowed");
            let id = delete(&mut bucket, "k").expect("an ID");
            assert_eq!(chain_ids(&bucket, "k")[0], (id.to_string(), true));
        }
    }

    // Rule: RSP-3 — reads report the entry's ID (`null` included) in versioned buckets and
    // none in an Unversioned one; also on the NoSuchKey error of a marker.
    #[test]
    fn read_reports_by_state() {
        let mut bucket = Bucket::default();
        put(&mut bucket, "k", "x");
        assert_eq!(bucket.get_object("k").map(|m| m.version_id), Ok(None));
        assert_eq!(
            bucket
                .get_object(GetObject::new("k").version_id(VersionId::NULL))
                .map(|m| m.version_id),
            Ok(None)
        );
        bucket.put_bucket_versioning("Enabled").expect("allowed");
        assert_eq!(
            bucket.get_object("k").map(|m| m.version_id),
            Ok(Some(VersionId::NULL))
        );
        bucket.put_bucket_versioning("Suspended").expect("allowed");
        delete(&mut bucket, "k");
        assert_eq!(
            bucket.head_object("k"),
            Err(Violation::NoSuchKey {
                delete_marker: true,
                version_id: Some(VersionId::NULL)
            })
        );
    }
}

mod errors {
    use super::*;

    // Rule: ERR-1 — codes, statuses and carried fields.
    #[test]
    fn violations_carry_code_status_and_fields() {
        let table: [(Violation, &str, u16); 6] = [
            (
                Violation::PositionNotEqualToLength { next_position: 7 },
                "PositionNotEqualToLength",
                409,
            ),
            (Violation::ObjectNotAppendable, "ObjectNotAppendable", 409),
            (
                Violation::EntityTooSmall {
                    part_number: 2,
                    size: 10,
                    min_size: 102_400,
                },
                "EntityTooSmall",
                400,
            ),
            (
                Violation::NotImplemented {
                    operation: "AppendObject",
                },
                "NotImplemented",
                501,
            ),
            (
                Violation::NoSuchUpload {
                    upload_id: "u".into(),
                },
                "NoSuchUpload",
                404,
            ),
            (
                Violation::MethodNotAllowed {
                    version_id: "m".into(),
                },
                "MethodNotAllowed",
                405,
            ),
        ];
        for (violation, code, status) in table {
            assert_eq!((violation.code(), violation.http_status()), (code, status));
            assert!(violation.to_string().starts_with(code), "{violation}");
        }
    }

    // Rule: ERR-3 — sizes near u64::MAX are rejected with the rule's error, not a panic.
    #[test]
    fn huge_sizes_do_not_panic() {
        let mut bucket = enabled();
        let max = Content::from_fingerprint(u64::MAX, 1, None);
        let command = Command::PutObject(PutObject::new("k", max));
        assert_rejected(&mut bucket, command, "InlineDataTooLarge", 400);
        let overflow = Body::Concat {
            concat: vec![max.into(), max.into()],
        };
        let command = Command::PutObject(PutObject::new("k", overflow));
        let violation = assert_rejected(&mut bucket, command, "InvalidArgument", 400);
        assert_eq!(
            violation,
            Violation::InvalidArgument(ArgumentError::BodyTooLong)
        );
        bucket.advance_clock(u64::MAX).expect("to the end of time");
        let violation = assert_rejected(
            &mut bucket,
            Command::AdvanceClock(AdvanceClock::new(1)),
            "InvalidArgument",
            400,
        );
        assert_eq!(
            violation,
            Violation::InvalidArgument(ArgumentError::ClockOverflow(1))
        );
    }

    // Rule: ERR-4 — the command's own arguments are checked before the bucket state.
    #[test]
    fn arguments_before_state() {
        let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
        // The key does not exist (a state error) and the key is empty (an argument error).
        assert_rejected(&mut bucket, get_cmd("", None), "InvalidArgument", 400);
        // The version ID is empty and the key is bad: the key comes first.
        let mut oss = bucket_in(Dialect::Oss, Some("Suspended"));
        assert_rejected(
            &mut oss,
            get_cmd("/bad", Some("")),
            "InvalidObjectName",
            400,
        );
        // A used supplied ID (argument) wins over "not Enabled" (state).
        let mut bucket = enabled();
        let used = put(&mut bucket, "k", "x").expect("ID");
        bucket.put_bucket_versioning("Suspended").expect("allowed");
        let command = put_assigning_cmd("k", "y", used.clone());
        let violation = assert_rejected(&mut bucket, command, "InvalidArgument", 400);
        assert_eq!(
            violation,
            Violation::InvalidArgument(ArgumentError::SuppliedVersionIdUsed(used))
        );
    }
}

mod logical_time {
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
}

mod id_sources {
    use super::*;
    use bucket_versioning::{IdSource, Outcome, SeededIds, UploadId};

    /// A source without an inverse whose IDs are unusable or repeat: `null` for the first
    /// entry, `same` for every later one.
    #[derive(Clone, Debug, Default, PartialEq, Eq)]
    struct PoorIds;

    impl IdSource for PoorIds {
        fn version_id(&self, sequence: u64) -> VersionId {
            if sequence == 0 {
                VersionId::NULL
            } else {
                VersionId::new("same")
            }
        }

        fn next_upload_id(&mut self) -> UploadId {
            UploadId::new("u")
        }
    }

    fn put_with<S: IdSource>(
        bucket: &mut Bucket<S>,
        key: &str,
        assign: Option<&str>,
    ) -> Option<String> {
        let command = Command::PutObject(PutObject {
            key: key.into(),
            body: "x".into(),
            assign_version_id: assign.map(VersionId::new),
        });
        match bucket.apply(command) {
            Ok(Outcome::PutObject(put)) => put.version_id.map(|id| id.to_string()),
            other => panic!("{other:?}"),
        }
    }

    // Rule: ID-1 — a source's `null`, or an ID already issued, is never given to an entry: the
    // entry gets the first `seq-{sequence}-{attempt}` not used.
    #[test]
    fn unusable_source_ids_are_replaced() {
        let mut bucket = Bucket::with_id_source(BucketConfig::default(), PoorIds);
        bucket.put_bucket_versioning("Enabled").expect("allowed");
        let ids = [
            put_with(&mut bucket, "k", None),
            put_with(&mut bucket, "k", None),
            put_with(&mut bucket, "k", None),
            put_with(&mut bucket, "k", Some("seq-4-0")),
            put_with(&mut bucket, "k", None),
        ];
        let expected = ["seq-0-0", "same", "seq-2-0", "seq-4-0", "seq-4-1"];
        assert_eq!(ids, expected.map(|id| Some(id.to_string())));
        bucket.check_invariants().expect("invariants");
    }

    // Rule: ID-1, ID-5 — a supplied ID that the source would give a later entry retires it:
    // that entry gets a `seq-…` ID, and reading by the supplied ID finds the first entry.
    #[test]
    fn a_supplied_future_id_is_not_given_again() {
        let config = BucketConfig::default().with_seed(7);
        let future = SeededIds::new(7).version_id(1).to_string();
        let mut bucket = Bucket::new(config);
        bucket.put_bucket_versioning("Enabled").expect("allowed");
        assert_eq!(
            put_with(&mut bucket, "k", Some(&future)).as_deref(),
            Some(future.as_str())
        );
        bucket.put_object("k", "longer body").expect("put");
        assert_eq!(
            chain_ids(&bucket, "k"),
            [("seq-1-0".to_string(), false), (future.clone(), false)]
        );
        let first = bucket.get_object(GetObject::new("k").version_id(future.as_str()));
        assert_eq!(first.map(|meta| meta.size), Ok(1));
        bucket.check_invariants().expect("invariants");
    }

    // Rule: ID-1, ID-5 — a generated ID retired long ago (more than 64 entries before) stays
    // retired: supplying it again is refused.
    #[test]
    fn long_retired_generated_ids_stay_retired() {
        // Sequence numbers 0..=9 before, 10 the retired ID, 11 a kept one, up to 130 after:
        // the retired and kept IDs' bits sit in an early word of the record, not the last.
        let mut bucket = enabled();
        for n in 0..10 {
            put(&mut bucket, &format!("before{n}"), "x");
        }
        let old = put(&mut bucket, "k", "x").expect("ID");
        bucket
            .delete_object(DeleteObject::new("k").version_id(old.clone()))
            .expect("delete");
        let kept = put(&mut bucket, "kept", "x").expect("ID");
        for n in 0..119 {
            put(&mut bucket, &format!("after{n}"), "x");
        }
        let reuse = put_assigning_cmd("k", "y", old);
        assert_rejected(&mut bucket, reuse, "InvalidArgument", 400);
        assert_eq!(
            bucket
                .get_object(GetObject::new("kept").version_id(kept))
                .map(|meta| meta.size),
            Ok(1)
        );
        bucket.check_invariants().expect("invariants");
    }

    // Rule: ID-5 — a caller may supply exactly the ID the source would have given the entry.
    #[test]
    fn supplying_the_sources_own_id() {
        let mut bucket = Bucket::new(BucketConfig::default().with_seed(5));
        bucket.put_bucket_versioning("Enabled").expect("allowed");
        let own = SeededIds::new(5).version_id(0).to_string();
        assert_eq!(put_with(&mut bucket, "k", Some(&own)), Some(own.clone()));
        let next = put_with(&mut bucket, "k", None).expect("an ID");
        assert_eq!(next, SeededIds::new(5).version_id(1).to_string());
        bucket.check_invariants().expect("invariants");
    }

    // Rule: ID-5 — the source's ID for an early sequence number that went to a supplied ID
    // was never given out, so a caller may supply it, even 64 and more entries later.
    #[test]
    fn a_never_given_generated_id_may_be_supplied_later() {
        let mut bucket = Bucket::new(BucketConfig::default().with_seed(3));
        bucket.put_bucket_versioning("Enabled").expect("allowed");
        for n in 0..10 {
            put_with(&mut bucket, &format!("before{n}"), None);
        }
        put_with(&mut bucket, "k", Some("observed-on-a-server"));
        for n in 0..120 {
            put_with(&mut bucket, &format!("after{n}"), None);
        }
        let never_given = SeededIds::new(3).version_id(10).to_string();
        assert_eq!(
            put_with(&mut bucket, "k", Some(&never_given)),
            Some(never_given)
        );
        bucket.check_invariants().expect("invariants");
    }
}
