//! Metadata reads without the body (GET-8): oss GetObjectMeta, s3 GetObjectAttributes, one
//! command under both names.

use crate::support::{bucket_in, enabled, rejected};
use bucket_versioning::request::{CompletedPart, GetObject, GetObjectMeta, PutObject, PutSymlink};
use bucket_versioning::{Body, Command, Dialect, Metadata, Outcome, VersionId, Violation};

// Rule: GET-8 — with no version ID the head is read: its version ID (RSP-3), ETag, size and
// Last-Modified, equal to what HeadObject reports, with its metadata (TAG-5).
#[test]
fn the_head_and_its_metadata() {
    let mut bucket = enabled();
    bucket.put_object("a", "v1").expect("put");
    bucket.advance_clock(30).expect("clock");
    bucket
        .apply(Command::PutObject(
            PutObject::new("a", "second")
                .content_type("text/plain")
                .metadata(Metadata::new().with("Owner", "ana")),
        ))
        .expect("put");
    let meta = bucket.get_object_meta("a").expect("meta");
    let head = bucket.head_object("a").expect("head");
    assert_eq!(
        (&meta.version_id, &meta.etag, meta.size, meta.last_modified),
        (&head.version_id, &head.etag, 6, 30)
    );
    assert_eq!(meta.content_type, "text/plain");
    assert_eq!(meta.metadata.get("owner"), Some("ana"));
    assert_eq!((meta.parts_count, meta.next_position), (None, None));
}

// Rule: GET-8 — a version ID selects that version (GET-4); `null` names the null entry, and an
// Unversioned bucket reports no ID (RSP-3).
#[test]
fn a_named_version() {
    let mut bucket = bucket_in(Dialect::Oss, None);
    bucket.put_object("a", "old").expect("put");
    let meta = bucket
        .get_object_meta(GetObjectMeta::new("a").version_id(VersionId::NULL))
        .expect("the null entry");
    assert_eq!((meta.version_id, meta.size), (None, 3));
    bucket.put_bucket_versioning("Enabled").expect("Enabled");
    bucket.put_object("a", "newer").expect("put");
    let meta = bucket
        .get_object_meta(GetObjectMeta::new("a").version_id(VersionId::NULL))
        .expect("the null entry, noncurrent");
    assert_eq!((meta.version_id, meta.size), (Some(VersionId::NULL), 3));
}

// Rule: GET-8 — the same errors as GET-2, GET-3, GET-5 and GET-6, carrying the same flag and
// ID, and nothing changes.
#[test]
fn the_errors_of_a_read() {
    let mut bucket = enabled();
    assert_eq!(
        rejected(&mut bucket, |b| b.get_object_meta("a")),
        Violation::NoSuchKey {
            delete_marker: false,
            version_id: None
        }
    );
    bucket.put_object("a", "x").expect("put");
    let marker = bucket.delete_object("a").expect("marker").version_id;
    let meta_error = rejected(&mut bucket, |b| b.get_object_meta("a"));
    assert_eq!(Err(meta_error.clone()), bucket.get_object("a").map(|_| ()));
    assert_eq!(
        meta_error,
        Violation::NoSuchKey {
            delete_marker: true,
            version_id: marker.clone()
        }
    );
    let marker = marker.expect("an ID");
    let by_marker = rejected(&mut bucket, |b| {
        b.get_object_meta(GetObjectMeta::new("a").version_id(marker.clone()))
    });
    assert_eq!(
        by_marker,
        Violation::MethodNotAllowed { version_id: marker }
    );
    assert_eq!(
        rejected(&mut bucket, |b| b
            .get_object_meta(GetObjectMeta::new("a").version_id("nope"))),
        Violation::NoSuchVersion {
            version_id: VersionId::new("nope")
        }
    );
    assert_eq!(
        rejected(&mut bucket, |b| b
            .get_object_meta(GetObjectMeta::new("a").version_id(""))),
        bucket
            .get_object(GetObject::new("a").version_id(""))
            .expect_err("ID-6")
    );
}

// Rule: GET-8 — oss GetObjectMeta on an Appendable adds the next append position (its length).
#[test]
fn oss_appendable_next_position() {
    let mut bucket = enabled();
    let first = bucket.append_object("log", 0, "abc").expect("append");
    bucket.append_object("log", 3, "de").expect("append");
    let meta = bucket.get_object_meta("log").expect("meta");
    assert_eq!(
        (meta.size, meta.next_position, meta.version_id),
        (5, Some(5), first.version_id)
    );
}

/// A two-part multipart object `big` in `bucket`.
fn multipart(bucket: &mut bucket_versioning::Bucket) {
    let min = bucket.dialect().min_part_size();
    let upload = bucket
        .initiate_multipart_upload("big")
        .expect("initiate")
        .upload_id;
    let mut parts = Vec::new();
    for (number, size) in [(1, min), (2, 10)] {
        let body = Body::Repeat {
            repeat: "m".into(),
            times: size,
        };
        let etag = bucket
            .upload_part("big", &upload, number, body)
            .expect("part")
            .etag;
        parts.push(CompletedPart::new(number, etag));
    }
    bucket
        .complete_multipart_upload("big", &upload, &parts)
        .expect("complete");
}

// Rule: GET-8 — s3 GetObjectAttributes on a Multipart object adds its part count; oss does
// not, and neither does s3 for a Normal object.
#[test]
fn s3_multipart_parts_count() {
    let mut s3 = bucket_in(Dialect::S3, Some("Enabled"));
    multipart(&mut s3);
    let meta = s3.get_object_meta("big").expect("meta");
    assert_eq!(meta.parts_count, Some(2));
    assert!(meta.etag.as_str().ends_with("-2"));
    s3.put_object("small", "x").expect("put");
    assert_eq!(s3.get_object_meta("small").expect("meta").parts_count, None);
    let mut oss = enabled();
    multipart(&mut oss);
    assert_eq!(oss.get_object_meta("big").expect("meta").parts_count, None);
}

// Rule: GET-8, SYM-4 — on a Symlink the metadata read is the link's own (length 0, its own
// ETag), not its target's: only GetObject and HeadObject follow links.
#[test]
fn a_link_is_read_as_itself() {
    let mut bucket = enabled();
    bucket.put_object("t", "content").expect("put");
    bucket
        .put_symlink(PutSymlink::new("a", "t"))
        .expect("a link");
    let meta = bucket.get_object_meta("a").expect("meta");
    assert_eq!(meta.size, 0);
    assert_ne!(meta.etag, bucket.get_object("t").expect("target").etag);
    // A link whose target does not exist still has metadata.
    bucket
        .put_symlink(PutSymlink::new("b", "missing"))
        .expect("a link");
    assert_eq!(bucket.get_object_meta("b").map(|meta| meta.size), Ok(0));
}

// Rule: GET-8 — the trace format takes `get_object_meta` and `get_object_attributes` for the
// one command.
#[test]
fn both_trace_names() {
    for op in ["get_object_meta", "get_object_attributes"] {
        let line = format!(r#"{{"op":"{op}","key":"a","version_id":"null"}}"#);
        let command: Command = serde_json::from_str(&line).expect("a command");
        assert_eq!(
            command,
            Command::GetObjectMeta(GetObjectMeta::new("a").version_id(VersionId::NULL))
        );
    }
    let mut bucket = enabled();
    bucket.put_object("a", "x").expect("put");
    match bucket.apply(Command::GetObjectMeta(GetObjectMeta::new("a"))) {
        Ok(Outcome::GetObjectMeta(meta)) => assert_eq!(meta.size, 1),
        other => panic!("{other:?}"),
    }
}
