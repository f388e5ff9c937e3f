//! The trace format of the listing, copy and batch-delete commands: command lines parse as
//! `trace-format.md` writes them, and outcome lines carry exactly its fields.

use std::collections::BTreeSet;

use bucket_versioning::wire::Reply;
use bucket_versioning::{Bucket, BucketConfig, Command, Dialect};
use serde_json::Value;

/// Replays `lines` through a fresh bucket and returns the reply lines as JSON values.
#[track_caller]
fn replay(dialect: Dialect, lines: &[&str]) -> Vec<Value> {
    let mut bucket = Bucket::new(BucketConfig::new(dialect));
    lines
        .iter()
        .map(|line| {
            let command: Command = match serde_json::from_str(line) {
                Ok(command) => command,
                Err(error) => panic!("{line} does not parse: {error}"),
            };
            match serde_json::to_value(Reply::from(bucket.apply(command))) {
                Ok(value) => value,
                Err(error) => panic!("the reply to {line} does not serialize: {error}"),
            }
        })
        .collect()
}

/// The field names of a JSON object.
#[track_caller]
fn fields(value: &Value) -> BTreeSet<&str> {
    match value.as_object() {
        Some(object) => object.keys().map(String::as_str).collect(),
        None => panic!("{value} is not an object"),
    }
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

// Rule: LST-1 — a version listing line: entries with exactly the trace's fields (type, size
// and ETag only for versions), common prefixes, truncation and next markers.
#[test]
fn list_object_versions_line() {
    let replies = replay(
        Dialect::Oss,
        &[
            r#"{"op":"put_bucket_versioning","status":"Enabled"}"#,
            r#"{"op":"put_object","key":"a","body":"x"}"#,
            r#"{"op":"delete_object","key":"a"}"#,
            r#"{"op":"put_object","key":"d/1","body":"x"}"#,
            r#"{"op":"list_object_versions","prefix":null,"delimiter":"/","max_keys":2}"#,
            r#"{"op":"list_object_versions","key_marker":"a","max_keys":5}"#,
        ],
    );
    let page = &replies[4]["ok"];
    assert_eq!(
        fields(page),
        set(&[
            "entries",
            "common_prefixes",
            "is_truncated",
            "next_key_marker",
            "next_version_id_marker"
        ])
    );
    let marker = &page["entries"][0];
    assert_eq!(
        fields(marker),
        set(&["key", "version_id", "is_latest", "delete_marker"])
    );
    assert_eq!(marker["delete_marker"], Value::Bool(true));
    assert_eq!(marker["is_latest"], Value::Bool(true));
    let version = &page["entries"][1];
    assert_eq!(
        fields(version),
        set(&[
            "key",
            "version_id",
            "is_latest",
            "delete_marker",
            "object_type",
            "size",
            "etag"
        ])
    );
    assert_eq!(version["object_type"], "Normal");
    assert_eq!(version["size"], 1);
    assert_eq!(page["is_truncated"], Value::Bool(true));
    assert_eq!(page["next_key_marker"], "a");
    assert_eq!(page["next_version_id_marker"], version["version_id"]);
    let rest = &replies[5]["ok"];
    assert_eq!(rest["common_prefixes"], serde_json::json!([]));
    assert_eq!(rest["entries"][0]["key"], "d/1");
    assert_eq!(rest["next_key_marker"], Value::Null);
    assert_eq!(rest["next_version_id_marker"], Value::Null);
}

// Rule: LST-8 — an Unversioned listing line prints the ID as the string "null".
#[test]
fn unversioned_listing_prints_null_ids() {
    let replies = replay(
        Dialect::S3,
        &[
            r#"{"op":"put_object","key":"k","body":"x"}"#,
            r#"{"op":"list_object_versions"}"#,
            r#"{"op":"list_objects"}"#,
        ],
    );
    assert_eq!(replies[1]["ok"]["entries"][0]["version_id"], "null");
    assert_eq!(
        replies[1]["ok"]["entries"][0]["is_latest"],
        Value::Bool(true)
    );
    assert_eq!(replies[2]["ok"]["objects"][0]["version_id"], "null");
}

// Rule: LST-7 — a current-view line: objects with exactly the trace's fields.
#[test]
fn list_objects_line() {
    let replies = replay(
        Dialect::Oss,
        &[
            r#"{"op":"put_object","key":"a","body":"x"}"#,
            r#"{"op":"put_object","key":"b/c","body":"x"}"#,
            r#"{"op":"list_objects","delimiter":"/","marker":null,"max_keys":1}"#,
        ],
    );
    let page = &replies[2]["ok"];
    assert_eq!(
        fields(page),
        set(&["objects", "common_prefixes", "is_truncated", "next_marker"])
    );
    assert_eq!(
        fields(&page["objects"][0]),
        set(&["key", "version_id", "size", "etag"])
    );
    assert_eq!(page["next_marker"], "a");
}

// Rule: CPY-4 — a copy line reports `version_id`, `etag`, `crc64` (a decimal string) and
// `source_version_id`.
#[test]
fn copy_object_line() {
    let replies = replay(
        Dialect::Oss,
        &[
            r#"{"op":"put_bucket_versioning","status":"Enabled"}"#,
            r#"{"op":"put_object","key":"src","body":"123456789"}"#,
            r#"{"op":"copy_object","source_key":"src","source_version_id":null,"key":"dst"}"#,
            r#"{"op":"copy_object","source_key":"src","source_version_id":"nope","key":"dst"}"#,
        ],
    );
    let copy = &replies[2]["ok"];
    assert_eq!(
        fields(copy),
        set(&["version_id", "etag", "crc64", "source_version_id"])
    );
    assert_eq!(copy["crc64"], "11051210869376104954");
    assert_eq!(copy["source_version_id"], replies[1]["ok"]["version_id"]);
    assert_eq!(copy["etag"], replies[1]["ok"]["etag"]);
    let error = &replies[3]["error"];
    assert_eq!(error["code"], "NoSuchVersion");
    assert_eq!(error["status"], 404);
    assert_eq!(error["version_id"], "nope");
}

// Rule: BAT-3 — a batch line reports `deleted` rows of `{key, version_id, delete_marker,
// delete_marker_version_id}` and `errors` rows of `{key, version_id, code, message}`;
// `quiet` may be absent, null or a boolean.
#[test]
fn delete_objects_line() {
    let replies = replay(
        Dialect::S3,
        &[
            r#"{"op":"put_bucket_versioning","status":"Enabled"}"#,
            r#"{"op":"delete_objects","objects":[{"key":"a"},{"key":"","version_id":null}]}"#,
            r#"{"op":"delete_objects","objects":[{"key":"a"}],"quiet":null}"#,
            r#"{"op":"delete_objects","objects":[{"key":"a"}],"quiet":true}"#,
            r#"{"op":"delete_objects","objects":[]}"#,
        ],
    );
    let batch = &replies[1]["ok"];
    assert_eq!(fields(batch), set(&["deleted", "errors"]));
    let row = &batch["deleted"][0];
    assert_eq!(
        fields(row),
        set(&[
            "key",
            "version_id",
            "delete_marker",
            "delete_marker_version_id"
        ])
    );
    assert_eq!(row["version_id"], Value::Null);
    assert_eq!(row["delete_marker"], Value::Bool(true));
    assert!(row["delete_marker_version_id"].is_string());
    let error = &batch["errors"][0];
    assert_eq!(
        fields(error),
        set(&["key", "version_id", "code", "message"])
    );
    assert_eq!(error["code"], "InvalidArgument");
    assert_eq!(
        replies[2]["ok"]["deleted"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(replies[3]["ok"]["deleted"], serde_json::json!([]));
    assert_eq!(replies[4]["error"]["code"], "MalformedXML");
    assert_eq!(replies[4]["error"]["status"], 400);
}

// The new commands reject unknown fields like every other command line.
#[test]
fn unknown_fields_are_malformed() {
    for line in [
        r#"{"op":"delete_objects","objects":[{"key":"a","extra":1}]}"#,
        r#"{"op":"copy_object","source_key":"a","key":"b","version_id":"x"}"#,
        r#"{"op":"list_objects","key_marker":"a"}"#,
        r#"{"op":"list_object_versions","marker":"a"}"#,
    ] {
        assert!(serde_json::from_str::<Command>(line).is_err(), "{line}");
    }
}

// The op names round-trip.
#[test]
fn op_names() {
    for (line, op) in [
        (
            r#"{"op":"delete_objects","objects":[{"key":"a"}]}"#,
            "delete_objects",
        ),
        (
            r#"{"op":"copy_object","source_key":"a","key":"b"}"#,
            "copy_object",
        ),
        (r#"{"op":"list_object_versions"}"#, "list_object_versions"),
        (r#"{"op":"list_objects"}"#, "list_objects"),
    ] {
        let command: Command = match serde_json::from_str(line) {
            Ok(command) => command,
            Err(error) => panic!("{line}: {error}"),
        };
        assert_eq!(command.op(), op);
        let back =
            serde_json::to_string(&command).map(|text| serde_json::from_str::<Command>(&text));
        assert!(matches!(back, Ok(Ok(ref again)) if *again == command));
    }
}
