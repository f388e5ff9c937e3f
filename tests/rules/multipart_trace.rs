//! The multipart commands in the trace format (trace-format.md): command lines deserialize as
//! written there, and replies carry exactly the listed `ok` fields and error fields.

use bucket_versioning::request::ListParts;
use bucket_versioning::wire::Reply;
use bucket_versioning::{Bucket, BucketConfig, Command, Dialect};
use serde_json::{Value, json};

/// Replays one line as the replayer does and returns the reply as JSON.
#[track_caller]
fn replay(bucket: &mut Bucket, line: &str) -> Value {
    let command: Command = serde_json::from_str(line).expect("a valid command line");
    let reply = Reply::from(bucket.apply(command));
    serde_json::to_value(&reply).expect("a reply serializes")
}

#[track_caller]
fn ok(bucket: &mut Bucket, line: &str) -> Value {
    let reply = replay(bucket, line);
    match reply.get("ok") {
        Some(ok) => ok.clone(),
        None => panic!("{line} gave {reply}"),
    }
}

#[track_caller]
fn error(bucket: &mut Bucket, line: &str) -> Value {
    let before = bucket.clone();
    let reply = replay(bucket, line);
    assert_eq!(*bucket, before, "ERR-2: {line}");
    match reply.get("error") {
        Some(error) => error.clone(),
        None => panic!("{line} gave {reply}"),
    }
}

#[track_caller]
fn fields(value: &Value) -> Vec<&str> {
    let mut names: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    names.sort_unstable();
    names
}

#[track_caller]
fn text(value: &Value, field: &str) -> String {
    value[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} is not a string in {value}"))
        .to_string()
}

/// Initiates an upload of `key` through the trace format; its upload ID.
#[track_caller]
fn initiate(bucket: &mut Bucket, key: &str) -> String {
    let line = format!(r#"{{"op":"initiate_multipart_upload","key":"{key}"}}"#);
    text(&ok(bucket, &line), "upload_id")
}

// Rule: MPU-1..MPU-10, CT-2, CT-4 — the whole flow in the trace format, with exactly the
// outcome fields trace-format.md lists.
#[test]
fn multipart_flow_in_the_trace_format() {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(5));
    ok(
        &mut bucket,
        r#"{"op":"put_bucket_versioning","status":"Enabled"}"#,
    );

    let initiated = ok(
        &mut bucket,
        r#"{"op":"initiate_multipart_upload","key":"big.bin"}"#,
    );
    assert_eq!(fields(&initiated), ["upload_id"]);
    let upload = text(&initiated, "upload_id");

    let first = ok(
        &mut bucket,
        &format!(
            r#"{{"op":"upload_part","key":"big.bin","upload_id":"{upload}","part_number":1,"body":{{"repeat":"ab","times":51200}}}}"#
        ),
    );
    assert_eq!(fields(&first), ["crc64", "etag"]);
    let expected_crc = bucket_versioning::crc64::checksum("ab".repeat(51_200).as_bytes());
    assert_eq!(text(&first, "crc64"), expected_crc.to_string());
    let second = ok(
        &mut bucket,
        &format!(
            r#"{{"op":"upload_part","key":"big.bin","upload_id":"{upload}","part_number":2,"body":{{"concat":["x",{{"repeat":"y","times":3}}]}}}}"#
        ),
    );

    let parts = ok(
        &mut bucket,
        &format!(r#"{{"op":"list_parts","key":"big.bin","upload_id":"{upload}","max_parts":1}}"#),
    );
    assert_eq!(
        fields(&parts),
        ["is_truncated", "next_part_number_marker", "parts"]
    );
    assert_eq!(
        parts["parts"],
        json!([{"part_number": 1, "etag": first["etag"], "size": 102400}])
    );
    assert_eq!(parts["is_truncated"], json!(true));
    assert_eq!(parts["next_part_number_marker"], json!(1));
    let rest = ok(
        &mut bucket,
        &format!(
            r#"{{"op":"list_parts","key":"big.bin","upload_id":"{upload}","max_parts":null,"part_number_marker":1}}"#
        ),
    );
    assert_eq!(
        rest,
        json!({
            "parts": [{"part_number": 2, "etag": second["etag"], "size": 4}],
            "is_truncated": false,
            "next_part_number_marker": null
        })
    );

    let uploads = ok(&mut bucket, r#"{"op":"list_multipart_uploads"}"#);
    assert_eq!(
        uploads,
        json!({
            "uploads": [{"key": "big.bin", "upload_id": upload}],
            "common_prefixes": [],
            "is_truncated": false,
            "next_key_marker": null,
            "next_upload_id_marker": null
        })
    );

    let done = ok(
        &mut bucket,
        &format!(
            r#"{{"op":"complete_multipart_upload","key":"big.bin","upload_id":"{upload}","parts":[{{"part_number":1,"etag":{}}},{{"part_number":2,"etag":{}}}]}}"#,
            first["etag"], second["etag"]
        ),
    );
    assert_eq!(fields(&done), ["crc64", "etag", "version_id"]);
    assert!(text(&done, "etag").ends_with("-2"));
    let whole = format!("{}xyyy", "ab".repeat(51_200));
    assert_eq!(
        text(&done, "crc64"),
        bucket_versioning::crc64::checksum(whole.as_bytes()).to_string()
    );

    let head = ok(&mut bucket, r#"{"op":"head_object","key":"big.bin"}"#);
    assert_eq!(head["object_type"], json!("Multipart"));
    assert_eq!(head["version_id"], done["version_id"]);
    assert_eq!(head["etag"], done["etag"]);

    let again = error(
        &mut bucket,
        &format!(r#"{{"op":"abort_multipart_upload","key":"big.bin","upload_id":"{upload}"}}"#),
    );
    assert_eq!(again["code"], json!("NoSuchUpload"));
    assert_eq!(again["status"], json!(404));

    let other = initiate(&mut bucket, "other");
    let aborted = ok(
        &mut bucket,
        &format!(r#"{{"op":"abort_multipart_upload","key":"other","upload_id":"{other}"}}"#),
    );
    assert_eq!(aborted, json!({}));
}

// Rule: ERR-1, MPU-6, MPU-5, MPU-2 — error objects carry their fields: EntityTooSmall the part
// number, size and minimum; InvalidPart the part number.
#[test]
fn multipart_errors_in_the_trace_format() {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::S3).with_seed(5));
    let upload = initiate(&mut bucket, "k");
    let small = ok(
        &mut bucket,
        &format!(
            r#"{{"op":"upload_part","key":"k","upload_id":"{upload}","part_number":1,"body":"small"}}"#
        ),
    );
    let etag = &small["etag"];
    assert_eq!(text(&small, "etag"), text(&small, "etag").to_lowercase());

    let repeated = error(
        &mut bucket,
        &format!(
            r#"{{"op":"complete_multipart_upload","key":"k","upload_id":"{upload}","parts":[{{"part_number":1,"etag":{etag}}},{{"part_number":1,"etag":{etag}}}]}}"#
        ),
    );
    assert_eq!(repeated["code"], json!("InvalidPartOrder"));

    ok(
        &mut bucket,
        &format!(
            r#"{{"op":"upload_part","key":"k","upload_id":"{upload}","part_number":2,"body":"x"}}"#
        ),
    );
    let missing = error(
        &mut bucket,
        &format!(
            r#"{{"op":"complete_multipart_upload","key":"k","upload_id":"{upload}","parts":[{{"part_number":1,"etag":{etag}}},{{"part_number":3,"etag":{etag}}}]}}"#
        ),
    );
    assert_eq!(
        fields(&missing),
        ["code", "message", "part_number", "status"]
    );
    assert_eq!(missing["code"], json!("InvalidPart"));
    assert_eq!(missing["part_number"], json!(3));

    let second_etag = bucket
        .list_parts(ListParts::new("k", upload.as_str()).part_number_marker(1))
        .expect("list parts")
        .parts[0]
        .etag
        .to_string();
    let too_small = error(
        &mut bucket,
        &format!(
            r#"{{"op":"complete_multipart_upload","key":"k","upload_id":"{upload}","parts":[{{"part_number":1,"etag":{etag}}},{{"part_number":2,"etag":"{second_etag}"}}]}}"#
        ),
    );
    assert_eq!(
        fields(&too_small),
        [
            "code",
            "message",
            "min_size",
            "part_number",
            "size",
            "status"
        ]
    );
    assert_eq!(too_small["code"], json!("EntityTooSmall"));
    assert_eq!(too_small["status"], json!(400));
    assert_eq!(too_small["part_number"], json!(1));
    assert_eq!(too_small["size"], json!(5));
    assert_eq!(too_small["min_size"], json!(5_242_880));

    let range = error(
        &mut bucket,
        &format!(
            r#"{{"op":"upload_part","key":"k","upload_id":"{upload}","part_number":10001,"body":"x"}}"#
        ),
    );
    assert_eq!(range["code"], json!("InvalidArgument"));

    let no_parts = error(
        &mut bucket,
        &format!(
            r#"{{"op":"complete_multipart_upload","key":"k","upload_id":"{upload}","parts":[]}}"#
        ),
    );
    assert_eq!(no_parts["code"], json!("MalformedXML"));
}

// The command lines: optional fields may be absent or null; unknown fields are refused (the
// replayer then answers MalformedCommand).
#[test]
fn multipart_command_lines() {
    let listing: Command = serde_json::from_str(
        r#"{"op":"list_multipart_uploads","prefix":"a/","delimiter":null,"key_marker":"a/b","upload_id_marker":"U","max_uploads":5}"#,
    )
    .expect("valid");
    assert_eq!(listing.op(), "list_multipart_uploads");
    for (line, op) in [
        (
            r#"{"op":"initiate_multipart_upload","key":"k"}"#,
            "initiate_multipart_upload",
        ),
        (
            r#"{"op":"upload_part","key":"k","upload_id":"U","part_number":1,"body":"x"}"#,
            "upload_part",
        ),
        (
            r#"{"op":"complete_multipart_upload","key":"k","upload_id":"U","parts":[{"part_number":1,"etag":"E"}]}"#,
            "complete_multipart_upload",
        ),
        (
            r#"{"op":"abort_multipart_upload","key":"k","upload_id":"U"}"#,
            "abort_multipart_upload",
        ),
        (
            r#"{"op":"list_parts","key":"k","upload_id":"U"}"#,
            "list_parts",
        ),
        (
            r#"{"op":"list_multipart_uploads"}"#,
            "list_multipart_uploads",
        ),
    ] {
        let command: Command = serde_json::from_str(line).expect(line);
        assert_eq!(command.op(), op);
    }
    for bad in [
        r#"{"op":"initiate_multipart_upload","key":"k","extra":1}"#,
        r#"{"op":"complete_multipart_upload","key":"k","upload_id":"U","parts":[{"part_number":1,"etag":"E","size":3}]}"#,
        r#"{"op":"upload_part","key":"k","upload_id":"U","part_number":-1,"body":"x"}"#,
        r#"{"op":"upload_part","key":"k","upload_id":"U","body":"x"}"#,
    ] {
        assert!(
            serde_json::from_str::<Command>(bad).is_err(),
            "{bad} should not parse"
        );
    }
}

// With `serde` the bucket itself serializes; uploads in progress and their parts survive the
// round trip, so a saved bucket resumes its uploads (MPU-1, MPU-2).
#[test]
fn a_bucket_with_uploads_round_trips_through_serde() {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::S3).with_seed(5));
    let upload = bucket
        .initiate_multipart_upload("k")
        .expect("initiate")
        .upload_id;
    bucket
        .upload_part("k", &upload, 3, "part")
        .expect("upload part");
    let text = serde_json::to_string(&bucket).expect("a bucket serializes");
    let restored: Bucket = serde_json::from_str(&text).expect("and deserializes");
    assert_eq!(restored, bucket);
    assert_eq!(
        restored
            .list_parts(ListParts::new("k", &upload))
            .expect("the upload is still in progress")
            .parts
            .len(),
        1
    );
}
