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
