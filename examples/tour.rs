//! A walk through the flows a user of the OSS SDK knows, printing each outcome and the key's
//! chain after each step.
//!
//! `cargo run --example tour`

use bucket_versioning::request::{
    CopyObject, DeleteObject, GetObject, ListObjectVersions, ListObjects, ListParts,
};
use std::fmt;

use serde::Serialize;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use bucket_versioning::{
    Body, Bucket, BucketConfig, Dialect, VersionId, Violation, determine_part_size,
    request::CompletedPart, request::ListMultipartUploads,
};

fn main() -> Result<(), Violation> {
    let mut bucket = Bucket::new(BucketConfig::new(Dialect::Oss).with_seed(2026));
    tour_versioning(&mut bucket)?;
    tour_append(&mut bucket);
    tour_multipart(&mut bucket);
    tour_copy(&mut bucket);
    Ok(())
}

/// Prints a step's title and response, then the chain of `key`.
fn show<T: Serialize>(bucket: &Bucket, key: &str, title: &str, outcome: &Result<T, Violation>) {
    println!("── {title}");
    println!("   {}", result(outcome));
    draw(bucket, key);
}

/// A response as an SDK user reads it: `200  version_id=…  etag=…`, or the error's status,
/// code and fields (`404 NoSuchKey  delete_marker=true  version_id=…`).
fn result<T: Serialize>(outcome: &Result<T, Violation>) -> String {
    match outcome {
        Ok(outcome) => format!("200  {}", response(outcome)),
        Err(violation) => error(violation),
    }
}

/// A rejection as a client sees it: status, code, the fields the error carries, and the message.
fn error(violation: &Violation) -> String {
    let fields = fields(violation, &["code", "status"]);
    format!("{} {}  {fields}", violation.http_status(), violation.code())
}

/// A response's fields as `name=value`, two spaces apart, in the order the response declares
/// them; absent fields are left out, lists print as `[…]`.
fn response<T: Serialize>(value: &T) -> String {
    let fields = fields(value, &[]);
    if fields.is_empty() {
        "(no fields)".into()
    } else {
        fields
    }
}

/// `value`'s fields but those named in `skip`, as [`response`] prints them.
fn fields<T: Serialize>(value: &T, skip: &[&str]) -> String {
    let parsed = serde_json::to_string(value).and_then(|text| serde_json::from_str(&text));
    match parsed {
        Ok(Field::Fields(fields)) => named(&fields, skip),
        Ok(other) => other.to_string(),
        Err(error) => format!("(the response does not serialize: {error})"),
    }
}

fn named(fields: &[(String, Field)], skip: &[&str]) -> String {
    fields
        .iter()
        .filter(|(name, value)| *value != Field::Absent && !skip.contains(&name.as_str()))
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("  ")
}

/// A serialized response, its fields kept in the order the type declares them.
#[derive(Debug, PartialEq)]
enum Field {
    Absent,
    Text(String),
    List(Vec<Field>),
    Fields(Vec<(String, Field)>),
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Absent => f.write_str("(none)"),
            Field::Text(text) => f.write_str(text),
            Field::List(items) => {
                let items: Vec<String> = items.iter().map(ToString::to_string).collect();
                write!(f, "[{}]", items.join(", "))
            }
            Field::Fields(fields) => write!(f, "{{{}}}", named(fields, &[])),
        }
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Field, E> {
        Ok(Field::Absent)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Field, E> {
        Ok(Field::Text(value.to_string()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Field, E> {
        Ok(Field::Text(value.to_string()))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Field, E> {
        Ok(Field::Text(value.to_string()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Field, E> {
        Ok(Field::Text(value.to_string()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Field, E> {
        Ok(Field::Text(value.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Field::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field, A::Error> {
        let mut fields = Vec::new();
        while let Some(entry) = map.next_entry()? {
            fields.push(entry);
        }
        Ok(Field::Fields(fields))
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

    let outcome = bucket.delete_object(key);
    show(
        bucket,
        key,
        "DeleteObject while Suspended: the null entry becomes a null delete marker (DEL-4)",
        &outcome,
    );

    let outcome = bucket.get_object(key);
    show(
        bucket,
        key,
        "GetObject: 404 NoSuchKey with the marker's flag and ID (GET-2)",
        &outcome,
    );

    let outcome = bucket.delete_object(DeleteObject::new(key).version_id(VersionId::NULL));
    show(
        bucket,
        key,
        "DeleteObject versionId=null: the marker is gone for good; v2 is current again (DEL-5, DEL-6)",
        &outcome,
    );

    let outcome = bucket.get_object(key);
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
    println!(
        "append_object({key}, 0, \"boot\\n\"): {first}",
        first = response(&first)
    );
    draw(bucket, key);

    // APP-4, APP-9: the next append goes at the position the last one returned. It grows the
    // same entry in place (same ID, no new version); the CRC-64 is the whole object's (CT-2).
    let position = first.next_position;
    let second = bucket
        .append_object(key, position, "ready\n")
        .expect("the returned position is the right one");
    println!(
        "append_object({key}, {position}, \"ready\\n\"): {second}",
        second = response(&second)
    );
    assert_eq!(second.version_id, first.version_id);
    draw(bucket, key);

    // APP-5: a wrong position is refused, and the error carries the position to use.
    let refusal = bucket
        .append_object(key, 0, "late\n")
        .expect_err("position 0 is not the length");
    println!("append_object({key}, 0, \"late\\n\"): {}", error(&refusal));
    if let Violation::PositionNotEqualToLength { next_position } = refusal {
        println!("  the next append must give position {next_position}");
    }
    draw(bucket, key);

    // APP-7, PUT-4: a put seals the appendable; it stays as a noncurrent version.
    let put = bucket
        .put_object(key, "rotated\n")
        .expect("a put always goes through");
    println!(
        "put_object({key}, \"rotated\\n\"): {put}",
        put = response(&put)
    );
    draw(bucket, key);

    // APP-6: the head is now a Normal object, and the sealed version can never grow again.
    let refusal = bucket
        .append_object(key, second.next_position, "more\n")
        .expect_err("the head is not appendable");
    println!(
        "append_object({key}, {}, \"more\\n\"): {}",
        second.next_position,
        error(&refusal)
    );
    draw(bucket, key);
}

fn draw(bucket: &Bucket, key: &str) {
    match bucket.chain(key) {
        Some(chain) => println!("{chain}"),
        None => println!("{key}: no entries\n"),
    }
}

/// The multipart flow on `bucket`, printing each outcome and the chain after each step.
fn tour_multipart(bucket: &mut Bucket) {
    const KEY: &str = "video.mp4";
    // A synthetic body: a 16-byte piece repeated 160,000 times (2,560,000 bytes). The model
    // keeps fingerprints, never bytes (CT-1), so a body is described, not built.
    const PIECE: &str = "0123456789abcdef";
    let total = 16 * 160_000u64;

    println!("== Multipart upload under versioning ==");
    let outcome = bucket
        .put_bucket_versioning("Enabled")
        .expect("Enabled is valid");
    println!(
        "put_bucket_versioning Enabled -> {outcome}",
        outcome = response(&outcome)
    );
    let outcome = bucket
        .put_object(KEY, "the first cut")
        .expect("a small put succeeds");
    println!(
        "put_object {KEY} -> {outcome}",
        outcome = response(&outcome)
    );
    draw(bucket, KEY);

    // MPU-11: the SDK's choice. With the default preference (10 MiB) a body smaller than that
    // is one part of its own size; with a 1 MiB preference it splits in three.
    let one_part = determine_part_size(total, 0);
    let part_size = determine_part_size(total, 1024 * 1024);
    println!(
        "determine_part_size({total}, default) = {one_part}; determine_part_size({total}, 1 MiB) = {part_size}"
    );
    let part_count = total.div_ceil(part_size);
    println!("{part_count} parts: part i covers [i*{part_size}, min((i+1)*{part_size}, {total}))");

    // MPU-1: a new upload changes no chain.
    let upload = bucket
        .initiate_multipart_upload(KEY)
        .expect("initiate succeeds")
        .upload_id;
    println!("initiate_multipart_upload {KEY} -> upload_id {upload}");
    draw(bucket, KEY);

    // MPU-2: each part's ETag is its MD5; keep them for Complete (MPU-5).
    let mut listed = Vec::new();
    for index in 0..part_count {
        let start = index * part_size;
        let len = part_size.min(total - start);
        let number = u32::try_from(index + 1).expect("at most 10,000 parts");
        let body = Body::Repeat {
            repeat: PIECE.into(),
            times: len / 16,
        };
        let outcome = bucket
            .upload_part(KEY, &upload, number, body)
            .expect("upload part succeeds");
        println!(
            "upload_part {number} ({len} bytes) -> {outcome}",
            outcome = response(&outcome)
        );
        listed.push(CompletedPart::new(number, outcome.etag));
        draw(bucket, KEY);
    }

    let parts = bucket
        .list_parts(ListParts::new(KEY, &upload))
        .expect("the upload is in progress");
    println!(
        "list_parts -> {} parts, is_truncated {}",
        parts.parts.len(),
        parts.is_truncated
    );
    for part in &parts.parts {
        println!(
            "  part {}: {} B, ETag {}",
            part.part_number, part.size, part.etag
        );
    }
    let uploads = bucket
        .list_multipart_uploads(ListMultipartUploads::new())
        .expect("the default page size is valid");
    println!(
        "list_multipart_uploads -> {} in progress, is_truncated {}",
        uploads.uploads.len(),
        uploads.is_truncated
    );
    for upload in &uploads.uploads {
        println!("  {} {}", upload.key, upload.upload_id);
    }
    draw(bucket, KEY);

    // MPU-7: Complete is the write. In an Enabled bucket the object gets a fresh version ID and
    // heads the chain; the earlier version stays below it.
    let done = bucket
        .complete_multipart_upload(KEY, &upload, &listed)
        .expect("every part but the last is at least 100 KiB");
    println!(
        "complete_multipart_upload -> {done}",
        done = response(&done)
    );
    println!(
        "new version {}, ETag {} ({} parts, CT-4)",
        done.version_id
            .as_ref()
            .map_or_else(|| "(none)".into(), ToString::to_string),
        done.etag,
        part_count
    );
    let whole = Body::Repeat {
        repeat: PIECE.into(),
        times: total / 16,
    }
    .content()
    .expect("the body's length fits");
    assert_eq!(done.crc64, whole.crc64());
    println!(
        "CRC-64 {} equals the CRC-64 of the whole body, combined from the parts (CT-2)",
        done.crc64
    );
    draw(bucket, KEY);

    // MPU-3: the upload has ended; a second Complete is NoSuchUpload and changes nothing.
    let again = bucket
        .complete_multipart_upload(KEY, &upload, &listed)
        .expect_err("the upload has ended");
    println!("complete_multipart_upload again -> {}", error(&again));

    // MPU-8: an aborted upload leaves no trace in the chain.
    let spare = bucket
        .initiate_multipart_upload(KEY)
        .expect("initiate succeeds")
        .upload_id;
    bucket
        .upload_part(KEY, &spare, 1, "draft")
        .expect("upload part succeeds");
    let outcome = bucket
        .abort_multipart_upload(KEY, &spare)
        .expect("the upload is in progress");
    println!(
        "abort_multipart_upload {spare} -> {outcome}",
        outcome = response(&outcome)
    );
    draw(bucket, KEY);
    bucket
        .check_invariants()
        .expect("the invariants hold after the tour");
}

/// The key the section works on.
const COPY_KEY: &str = "budget.xlsx";

/// Restoring a previous version: a copy of it becomes the new head, and nothing is removed.
fn tour_copy(bucket: &mut Bucket) {
    println!("# Copy and restore\n");
    step(
        bucket,
        "Versioning on, so every write keeps what came before (VS-2, PUT-2)",
        |bucket| bucket.put_bucket_versioning("Enabled"),
    );
    let draft = step(bucket, "The first draft", |bucket| {
        bucket.put_object(COPY_KEY, "draft: 100 apples")
    });
    let draft_id = draft
        .version_id
        .expect("an Enabled bucket reports the new ID (RSP-1)");
    step(bucket, "A revision", |bucket| {
        bucket.put_object(COPY_KEY, "final: 90 apples")
    });
    step(
        bucket,
        "Deleted by mistake: a delete marker becomes the head (DEL-3)",
        |bucket| bucket.delete_object(COPY_KEY),
    );
    step(
        bucket,
        "ListObjects shows the current view: the key is gone (LST-7)",
        |bucket| bucket.list_objects(ListObjects::new().prefix("budget")),
    );
    step(
        bucket,
        "ListObjectVersions still lists every entry, newest first (LST-1)",
        |bucket| bucket.list_object_versions(ListObjectVersions::new().prefix("budget")),
    );

    let restored = step(
        bucket,
        "Restore the first draft: copy that version onto its own key (CPY-6)",
        |bucket| {
            bucket.copy_object(
                CopyObject::new(COPY_KEY, COPY_KEY).source_version_id(draft_id.clone()),
            )
        },
    );
    assert_eq!(restored.source_version_id.as_ref(), Some(&draft_id));
    assert_eq!(bucket.chain(COPY_KEY).map(|chain| chain.len()), Some(4));

    let current = step(
        bucket,
        "The head is a new Normal version with the draft's content and ETag (CT-6)",
        |bucket| bucket.get_object(COPY_KEY),
    );
    let draft_read = step(
        bucket,
        "The draft itself is still there, unchanged",
        |bucket| bucket.get_object(GetObject::new(COPY_KEY).version_id(draft_id)),
    );
    assert_eq!(current.etag, draft_read.etag);
    step(bucket, "The key is back in the current view", |bucket| {
        bucket.list_objects(ListObjects::new().prefix("budget"))
    });

    let marker_id = bucket
        .chain(COPY_KEY)
        .and_then(|chain| chain.iter().find(|entry| entry.is_delete_marker()))
        .map(|marker| marker.version_id().clone());
    let before = bucket.clone();
    refused(
        "A delete marker cannot be copied: oss answers NoSuchKey (CPY-3)",
        bucket.copy_object(CopyObject {
            source_version_id: marker_id,
            ..CopyObject::new(COPY_KEY, "copy-of-marker")
        }),
    );
    assert_eq!(*bucket, before, "a rejected copy changes nothing (ERR-2)");
    bucket
        .check_invariants()
        .expect("the invariants hold after every step");
}

/// Runs one step: prints its title and response, then the chain of [`COPY_KEY`]; returns the
/// outcome.
fn step<T: Serialize>(
    bucket: &mut Bucket,
    title: &str,
    command: impl FnOnce(&mut Bucket) -> Result<T, Violation>,
) -> T {
    println!("# {title}");
    match command(bucket) {
        Ok(outcome) => {
            println!("   200  {}", response(&outcome));
            draw(bucket, COPY_KEY);
            outcome
        }
        Err(violation) => panic!("{title}: unexpected {violation}"),
    }
}

/// Prints a step that the rules reject, with the violation's code and status.
fn refused<T>(title: &str, result: Result<T, Violation>) {
    println!("# {title}");
    match result {
        Err(violation) => println!("   {}\n", error(&violation)),
        Ok(_) => panic!("{title}: unexpectedly accepted"),
    }
}
