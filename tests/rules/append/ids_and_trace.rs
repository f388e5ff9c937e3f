use super::*;

// ---------------------------------------------------------------------------------------------
// APP-10

// Rule: APP-10 — SealAppendObject at the right position seals the head appendable in place:
// no new entry, ID and modification time unchanged; appends are then refused; sealing again
// is a no-op success. RSP-4 reports the ID under RSP-3's rule.
#[test]
fn seal_in_place() {
    for status in [None, Some("Enabled"), Some("Suspended")] {
        let mut bucket = oss();
        if let Some(status) = status {
            bucket.put_bucket_versioning(status).expect("valid state");
        }
        bucket.append_object("log", 0, "abc").expect("create");
        let id = head_id(&bucket, "log");
        let modified = bucket.head_object("log").expect("head").last_modified;
        bucket.advance_clock(9).expect("clock");
        let entries = bucket.len();
        let outcome = accepted(&mut bucket, |b| b.seal_append_object("log", 3));
        // RSP-4: none in an Unversioned bucket, the entry's ID otherwise.
        assert_eq!(outcome.version_id, status.map(|_| id.clone()));
        assert_eq!(bucket.len(), entries);
        assert_eq!(chain(&bucket, "log"), vec![appendable(&id, true, 3)]);
        let meta = bucket.head_object("log").expect("head");
        assert_eq!((meta.sealed, meta.last_modified), (Some(true), modified));
        let error = rejected(&mut bucket, |b| b.append_object("log", 3, "d"));
        assert_eq!(error, Violation::ObjectNotAppendable);
        let before = bucket.clone();
        let again = bucket.seal_append_object("log", 3).expect("seal again");
        assert_eq!(again, outcome);
        assert_eq!(bucket, before, "sealing again changes nothing");
    }
}

// Rule: APP-10 — a seal at a wrong position is APP-5's error with the right next position,
// sealed or not.
#[test]
fn seal_at_a_wrong_position() {
    let mut bucket = oss_in("Enabled");
    bucket.append_object("log", 0, "abc").expect("create");
    for position in [0, 2, 4, u64::MAX] {
        let error = rejected(&mut bucket, |b| b.seal_append_object("log", position));
        assert_eq!(
            error,
            Violation::PositionNotEqualToLength { next_position: 3 }
        );
    }
    bucket.seal_append_object("log", 3).expect("seal");
    let error = rejected(&mut bucket, |b| b.seal_append_object("log", 0));
    assert_eq!(
        error,
        Violation::PositionNotEqualToLength { next_position: 3 }
    );
}

// Rule: APP-10 — a head that is not Appendable is ObjectNotAppendable 409: a Normal object, and
// (MODEL) a delete marker or no entries at all.
#[test]
fn seal_of_something_not_appendable() {
    let mut bucket = oss_in("Enabled");
    bucket.put_object("normal", "abc").expect("put");
    bucket.put_object("deleted", "abc").expect("put");
    bucket.delete_object("deleted").expect("marker");
    for (key, position) in [("normal", 3), ("normal", 0), ("deleted", 0), ("missing", 0)] {
        let error = rejected(&mut bucket, |b| b.seal_append_object(key, position));
        assert_eq!(
            (error.code(), error.http_status()),
            ("ObjectNotAppendable", 409)
        );
    }
    let error = rejected(&mut bucket, |b| b.seal_append_object("/bad", 0));
    assert_eq!(error.code(), "InvalidObjectName");
}

// Rule: APP-10 — a sealed appendable stays as a noncurrent version when a put follows (APP-7),
// and a seal reaches only the head.
#[test]
fn sealed_appendable_stays_noncurrent() {
    let mut bucket = oss_in("Enabled");
    let id = created(&mut bucket, "log", "abc");
    bucket.seal_append_object("log", 3).expect("seal");
    let v = fresh_id(bucket.put_object("log", "v").expect("put").version_id);
    assert_eq!(
        chain(&bucket, "log"),
        vec![normal(&v, 1), appendable(&id, true, 3)]
    );
    let error = rejected(&mut bucket, |b| b.seal_append_object("log", 3));
    assert_eq!(error, Violation::ObjectNotAppendable);
    checked(&bucket);
}

// ---------------------------------------------------------------------------------------------
// APP-11

// Rule: APP-11 — by default an appendable created in an Enabled bucket gets a fresh ID, and the
// key's older null entry stays.
#[test]
fn fresh_ids_by_default() {
    let mut bucket = oss();
    assert_eq!(
        bucket.config().appendable_version_ids(),
        AppendableVersionIds::Fresh
    );
    bucket.put_object("log", "old").expect("null object");
    bucket.put_bucket_versioning("Enabled").expect("enable");
    let dm = fresh_id(bucket.delete_object("log").expect("marker").version_id);
    let id = created(&mut bucket, "log", "ab");
    assert_eq!(
        chain(&bucket, "log"),
        vec![
            appendable(&id, false, 2),
            marker(&dm),
            normal(&VersionId::NULL, 3)
        ]
    );
    checked(&bucket);
}

// Rule: APP-11 — with the `Null` option, an appendable created in an Enabled bucket is `null`
// (reported as such, RSP-1), and the older null entry is removed to keep ID-3; later writes
// still get fresh IDs and seal it.
#[test]
fn null_option_in_an_enabled_bucket() {
    let config = BucketConfig::new(Dialect::Oss)
        .with_seed(7)
        .with_appendable_version_ids(AppendableVersionIds::Null);
    let mut bucket = Bucket::new(config);
    bucket.put_object("log", "old").expect("null object");
    bucket.put_bucket_versioning("Enabled").expect("enable");
    let dm = fresh_id(bucket.delete_object("log").expect("marker").version_id);
    let outcome = bucket.append_object("log", 0, "ab").expect("create");
    assert_eq!(outcome.version_id, Some(VersionId::NULL));
    assert_eq!(
        chain(&bucket, "log"),
        vec![appendable(&VersionId::NULL, false, 2), marker(&dm)]
    );
    let grown = bucket.append_object("log", 2, "c").expect("append");
    assert_eq!(grown.version_id, Some(VersionId::NULL));
    let v = fresh_id(bucket.put_object("log", "v").expect("put").version_id);
    assert_eq!(
        chain(&bucket, "log"),
        vec![
            normal(&v, 1),
            appendable(&VersionId::NULL, true, 3),
            marker(&dm)
        ]
    );
    checked(&bucket);
    // Unversioned and Suspended buckets give `null` with either option.
    let mut unversioned = Bucket::new(config);
    let outcome = unversioned.append_object("k", 0, "x").expect("create");
    assert_eq!(outcome.version_id, None);
    assert_eq!(head_id(&unversioned, "k"), VersionId::NULL);
}

// ---------------------------------------------------------------------------------------------
// ERR-2, INV-5, INV-6

// Rule: ERR-2 — a rejected append or seal consumes no ID and no sequence number: afterwards the
// bucket behaves exactly like one that never saw it.
#[test]
fn rejections_consume_nothing() {
    let mut bucket = oss_in("Enabled");
    let mut twin = oss_in("Enabled");
    for b in [&mut bucket, &mut twin] {
        b.append_object("log", 0, "abc").expect("create");
        b.put_object("normal", "x").expect("put");
    }
    let _ = rejected(&mut bucket, |b| b.append_object("log", 0, "x"));
    let _ = rejected(&mut bucket, |b| b.append_object("missing", 1, "x"));
    let _ = rejected(&mut bucket, |b| b.append_object("normal", 1, "x"));
    let _ = rejected(&mut bucket, |b| {
        b.append_object("new", 0, oversized(u64::MAX))
    });
    let _ = rejected(&mut bucket, |b| b.seal_append_object("missing", 0));
    let _ = rejected(&mut bucket, |b| {
        b.apply(Command::AppendObject(
            AppendObject::new("new", 0, "x").version_id(VersionId::NULL),
        ))
    });
    assert_eq!(bucket, twin);
    let ours = bucket.append_object("new", 0, "x").expect("create");
    let theirs = twin.append_object("new", 0, "x").expect("create");
    assert_eq!(ours, theirs);
    assert_eq!(bucket, twin);
}

/// Rewrites the bucket's serialized state with `edit` and reads it back.
/// Serializes `bucket` as a snapshot, edits it, and returns why restoring it was refused.
#[track_caller]
fn tampered(bucket: &Bucket, edit: impl FnOnce(String) -> String) -> String {
    let json = serde_json::to_string(bucket).expect("a bucket serializes");
    let edited = edit(json.clone());
    assert_ne!(edited, json, "the edit must change something");
    match serde_json::from_str::<Bucket>(&edited) {
        Ok(_) => panic!("the tampered snapshot was accepted"),
        Err(error) => error.to_string(),
    }
}

// Rule: INV-5 — every noncurrent appendable is sealed: the sealing writes keep it, and
// `check_invariants` catches a noncurrent appendable that is not sealed.
#[test]
fn noncurrent_appendables_are_sealed() {
    let mut bucket = oss_in("Enabled");
    bucket.append_object("log", 0, "abc").expect("create");
    bucket.put_object("log", "v").expect("put seals");
    bucket.append_object("other", 0, "abc").expect("create");
    bucket.delete_object("other").expect("delete seals");
    checked(&bucket);
    let broken = tampered(&bucket, |json| {
        json.replacen(
            r#"{"Appendable":{"sealed":true}}"#,
            r#"{"Appendable":{"sealed":false}}"#,
            1,
        )
    });
    assert!(
        broken.contains(Invariant::SealedNoncurrentAppendables.id()),
        "{broken}"
    );
    assert!(broken.contains("INV-5"), "{broken}");
    // An unsealed head is fine.
    let mut open = oss_in("Enabled");
    open.append_object("log", 0, "abc").expect("create");
    checked(&open);
}

// Rule: INV-6 — an appendable never passes 5 GiB, and `check_invariants` catches one that does.
#[test]
fn appendables_stay_within_five_gib() {
    let mut bucket = oss_in("Enabled");
    bucket
        .append_object("log", 0, oversized(MAX_OBJECT_SIZE))
        .expect("exactly 5 GiB");
    checked(&bucket);
    let broken = tampered(&bucket, |json| {
        json.replacen(
            &format!(r#""len":{MAX_OBJECT_SIZE}"#),
            &format!(r#""len":{}"#, MAX_OBJECT_SIZE + 1),
            1,
        )
    });
    assert!(broken.contains(Invariant::ContentShape.id()), "{broken}");
}

// ---------------------------------------------------------------------------------------------
// The trace format

/// The outcome line a command gives, as the replayer prints it.
#[track_caller]
fn reply_line(bucket: &mut Bucket, line: &str) -> serde_json::Value {
    let command: Command = serde_json::from_str(line).expect("a valid command line");
    let reply = Reply::from(bucket.apply(command));
    serde_json::to_value(&reply).expect("a reply serializes")
}

// Rule: APP-9 — `append_object` and `seal_append_object` read and print exactly the trace
// format's fields; APP-2's `version_id` is read and rejected, unknown fields are not commands.
#[test]
fn trace_lines() {
    use serde_json::json;
    let mut bucket = oss_in("Enabled");
    let created = reply_line(
        &mut bucket,
        r#"{"op":"append_object","key":"log","position":0,"body":"1234"}"#,
    );
    let id = head_id(&bucket, "log").to_string();
    let etag = bucket.head_object("log").expect("head").etag.to_string();
    assert_eq!(
        created,
        json!({"ok": {"version_id": id, "next_position": 4,
                      "crc64": crc64::checksum(b"1234").to_string(), "etag": etag}})
    );
    let grown = reply_line(
        &mut bucket,
        r#"{"op":"append_object","key":"log","position":4,"body":{"concat":["5",{"repeat":"6","times":1},"789"]},"version_id":null}"#,
    );
    assert_eq!(grown["ok"]["next_position"], json!(9));
    assert_eq!(grown["ok"]["crc64"], json!("11051210869376104954"));
    let wrong = reply_line(
        &mut bucket,
        r#"{"op":"append_object","key":"log","position":0,"body":"x"}"#,
    );
    assert_eq!(
        wrong["error"],
        json!({"code": "PositionNotEqualToLength", "status": 409, "next_position": 9,
               "message": wrong["error"]["message"]})
    );
    let with_id = reply_line(
        &mut bucket,
        &format!(
            r#"{{"op":"append_object","key":"log","position":9,"body":"x","version_id":"{id}"}}"#
        ),
    );
    assert_eq!(with_id["error"]["code"], json!("InvalidArgument"));
    let sealed = reply_line(
        &mut bucket,
        r#"{"op":"seal_append_object","key":"log","position":9}"#,
    );
    assert_eq!(sealed, json!({"ok": {"version_id": id}}));
    let refused = reply_line(
        &mut bucket,
        r#"{"op":"append_object","key":"log","position":9,"body":"x"}"#,
    );
    assert_eq!(refused["error"]["code"], json!("ObjectNotAppendable"));
    assert_eq!(refused["error"]["status"], json!(409));
    // Unknown fields and negative positions are not commands.
    for line in [
        r#"{"op":"seal_append_object","key":"log","position":9,"body":"x"}"#,
        r#"{"op":"append_object","key":"log","position":-1,"body":"x"}"#,
        r#"{"op":"append_object","key":"log","body":"x"}"#,
    ] {
        assert!(serde_json::from_str::<Command>(line).is_err(), "{line}");
    }
    let command: Command =
        serde_json::from_str(r#"{"op":"seal_append_object","key":"log","position":9}"#)
            .expect("valid");
    assert_eq!(command.op(), "seal_append_object");
    let command: Command =
        serde_json::from_str(r#"{"op":"append_object","key":"log","position":9,"body":""}"#)
            .expect("valid");
    assert_eq!(command.op(), "append_object");
}

// Rule: RSP-1, RSP-4 — an append that creates reports the new ID by RSP-1 (Suspended oss:
// `null`; Unversioned: none); appends to an existing appendable and seals report its ID by
// RSP-3 (none only when Unversioned).
#[test]
fn reported_version_ids() {
    let mut unversioned = oss();
    assert_eq!(
        unversioned
            .append_object("k", 0, "a")
            .expect("create")
            .version_id,
        None
    );
    assert_eq!(
        unversioned
            .append_object("k", 1, "b")
            .expect("append")
            .version_id,
        None
    );
    assert_eq!(
        unversioned
            .seal_append_object("k", 2)
            .expect("seal")
            .version_id,
        None
    );

    let mut suspended = oss_in("Suspended");
    let null = Some(VersionId::NULL);
    assert_eq!(
        suspended
            .append_object("k", 0, "a")
            .expect("create")
            .version_id,
        null
    );
    assert_eq!(
        suspended
            .append_object("k", 1, "b")
            .expect("append")
            .version_id,
        null
    );
    assert_eq!(
        suspended
            .seal_append_object("k", 2)
            .expect("seal")
            .version_id,
        null
    );

    let mut enabled = oss_in("Enabled");
    let id = enabled
        .append_object("k", 0, "a")
        .expect("create")
        .version_id;
    assert!(id.as_ref().is_some_and(|id| !id.is_null()));
    assert_eq!(
        enabled
            .append_object("k", 1, "b")
            .expect("append")
            .version_id,
        id
    );
    assert_eq!(
        enabled.seal_append_object("k", 2).expect("seal").version_id,
        id
    );
}
