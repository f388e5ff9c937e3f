//! Per-version metadata (TAG-5, TAG-6), rule by rule.

use crate::support::{bucket_in, checked, enabled, rejected};
use bucket_versioning::metadata::Directive;
use bucket_versioning::request::{
    AppendObject, CompletedPart, CopyObject, InitiateMultipartUpload, ListObjectVersions,
    ListObjects, PutObject,
};
use bucket_versioning::violation::InvalidRequestReason;
use bucket_versioning::{Command, Dialect, Metadata, Tags, Violation};

fn owner(name: &str) -> Metadata {
    Metadata::new().with("owner", name)
}

// Rule: TAG-5 — a version written without metadata has the dialect's defaults: oss
// application/octet-stream and Standard, s3 binary/octet-stream and STANDARD.
#[test]
fn defaults_per_dialect() {
    for (dialect, content_type, class) in [
        (Dialect::Oss, "application/octet-stream", "Standard"),
        (Dialect::S3, "binary/octet-stream", "STANDARD"),
    ] {
        let mut bucket = bucket_in(dialect, None);
        bucket.put_object("a", "x").expect("put");
        let read = bucket.head_object("a").expect("read");
        assert_eq!(
            (read.content_type.as_str(), read.storage_class.as_str()),
            (content_type, class)
        );
        assert!(read.metadata.is_empty());
    }
}

// Rule: TAG-5 — PutObject sets the content type, user metadata (names lowercased, compared
// case-insensitively) and storage class; reads report them.
#[test]
fn put_object_sets_the_metadata() {
    let mut bucket = enabled();
    let put = PutObject::new("a", "x")
        .content_type("text/plain")
        .metadata(
            Metadata::new()
                .with("Owner", "ana")
                .with("OWNER", "bo")
                .with("color", "red"),
        )
        .storage_class("IA");
    bucket.apply(Command::PutObject(put)).expect("put");
    let read = bucket.get_object("a").expect("read");
    assert_eq!(read.content_type, "text/plain");
    assert_eq!(
        read.metadata,
        Metadata::new().with("color", "red").with("owner", "ana,bo")
    );
    assert_eq!(read.storage_class, "IA");
}

// Rule: TAG-5 — user metadata over 8 KiB (oss) or 2 KiB (s3) is MetadataTooLarge 400; an unknown
// storage class (or the other dialect's spelling) is InvalidStorageClass 400; nothing changes.
#[test]
fn metadata_limits_and_classes_per_dialect() {
    for (dialect, max, foreign) in [
        (Dialect::Oss, 8192, "STANDARD_IA"),
        (Dialect::S3, 2048, "IA"),
    ] {
        let mut bucket = bucket_in(dialect, Some("Enabled"));
        let at_limit = Metadata::new().with("m", "v".repeat(max - 1));
        bucket
            .apply(Command::PutObject(
                PutObject::new("a", "x").metadata(at_limit),
            ))
            .expect("at the limit");
        let over = Metadata::new().with("m", "v".repeat(max));
        let violation = rejected(&mut bucket, |b| {
            b.apply(Command::PutObject(
                PutObject::new("a", "x").metadata(over.clone()),
            ))
        });
        assert_eq!(
            violation,
            Violation::MetadataTooLarge {
                size: max + 1,
                max_size: max
            }
        );
        assert_eq!(violation.http_status(), 400);
        let violation = rejected(&mut bucket, |b| {
            b.apply(Command::PutObject(
                PutObject::new("a", "x").storage_class(foreign),
            ))
        });
        assert_eq!(
            (violation.code(), violation.http_status()),
            ("InvalidStorageClass", 400)
        );
    }
}

// Rule: TAG-5 — InitiateMultipartUpload's metadata goes to the completed object.
#[test]
fn complete_takes_the_metadata_given_at_initiate() {
    let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
    let initiate = InitiateMultipartUpload::new("big")
        .content_type("video/mp4")
        .metadata(owner("ana"))
        .storage_class("GLACIER");
    let upload = bucket
        .initiate_multipart_upload(initiate)
        .expect("initiate")
        .upload_id;
    let etag = bucket
        .upload_part("big", &upload, 1, "part")
        .expect("part")
        .etag;
    bucket
        .complete_multipart_upload("big", &upload, &[CompletedPart::new(1, etag)])
        .expect("complete");
    let read = bucket.head_object("big").expect("read");
    assert_eq!(
        (
            read.content_type.as_str(),
            read.metadata.clone(),
            read.storage_class.as_str()
        ),
        ("video/mp4", owner("ana"), "GLACIER")
    );
}

// Rule: TAG-5 — an append that creates sets the metadata; later appends keep it and ignore
// theirs.
#[test]
fn appends_keep_the_metadata_of_the_creating_append() {
    let mut bucket = enabled();
    let create = AppendObject::new("log", 0, "one")
        .content_type("text/plain")
        .metadata(owner("ana"));
    bucket.apply(Command::AppendObject(create)).expect("append");
    let next = AppendObject::new("log", 3, "two")
        .content_type("image/png")
        .metadata(owner("bo"));
    bucket.apply(Command::AppendObject(next)).expect("append");
    let read = bucket.get_object("log").expect("read");
    assert_eq!(
        (read.content_type.as_str(), read.metadata),
        ("text/plain", owner("ana"))
    );
}

// Rule: TAG-5 — listings report each version's storage class.
#[test]
fn listings_report_the_storage_class() {
    let mut bucket = enabled();
    bucket
        .apply(Command::PutObject(
            PutObject::new("a", "x").storage_class("Archive"),
        ))
        .expect("put");
    bucket.put_object("b", "y").expect("put");
    bucket.delete_object("b").expect("delete");
    let versions = bucket
        .list_object_versions(ListObjectVersions::new())
        .expect("list");
    let classes: Vec<Option<&str>> = versions
        .entries
        .iter()
        .map(|entry| entry.storage_class.as_deref())
        .collect();
    assert_eq!(classes, [Some("Archive"), None, Some("Standard")]);
    let objects = bucket.list_objects(ListObjects::new()).expect("list");
    assert_eq!(objects.objects.len(), 1);
    assert_eq!(objects.objects[0].storage_class, "Archive");
}

// Rule: TAG-6 — COPY (the default) gives the copy the source version's content type and user
// metadata; REPLACE the request's; the class is the request's or the default.
#[test]
fn copy_copies_or_replaces_the_metadata() {
    let mut bucket = enabled();
    let put = PutObject::new("src", "x")
        .content_type("text/plain")
        .metadata(owner("ana"))
        .storage_class("IA");
    bucket.apply(Command::PutObject(put)).expect("put");
    bucket
        .copy_object(CopyObject::new("src", "kept").content_type("ignored/type"))
        .expect("copy");
    let kept = bucket.head_object("kept").expect("read");
    assert_eq!(
        (
            kept.content_type.as_str(),
            kept.metadata,
            kept.storage_class.as_str()
        ),
        ("text/plain", owner("ana"), "Standard")
    );
    let replace = CopyObject::new("src", "replaced")
        .metadata_directive(Directive::Replace)
        .metadata(owner("bo"))
        .storage_class("Archive");
    bucket.copy_object(replace).expect("copy");
    let replaced = bucket.head_object("replaced").expect("read");
    assert_eq!(
        (
            replaced.content_type.as_str(),
            replaced.metadata,
            replaced.storage_class.as_str()
        ),
        ("application/octet-stream", owner("bo"), "Archive")
    );
    checked(&bucket);
}

// Rule: TAG-6 — s3 refuses a copy of a key's head onto itself that changes nothing
// (InvalidRequest 400, nothing changes); a metadata or tagging REPLACE, a new storage class or
// a source version ID make it a valid copy.
#[test]
fn s3_refuses_a_copy_onto_itself_that_changes_nothing() {
    let mut bucket = bucket_in(Dialect::S3, Some("Enabled"));
    let v1 = bucket
        .put_object("a", "x")
        .expect("put")
        .version_id
        .expect("an ID");
    let violation = rejected(&mut bucket, |b| b.copy_object(CopyObject::new("a", "a")));
    assert_eq!(
        violation,
        Violation::InvalidRequest(InvalidRequestReason::CopyOntoItself)
    );
    assert_eq!(violation.http_status(), 400);
    let valid = [
        CopyObject::new("a", "a").metadata_directive(Directive::Replace),
        CopyObject::new("a", "a")
            .tagging_directive(Directive::Replace)
            .tags(Tags::new()),
        CopyObject::new("a", "a").storage_class("GLACIER"),
        CopyObject::new("a", "a").source_version_id(v1),
    ];
    for copy in valid {
        bucket
            .copy_object(copy)
            .expect("a copy that changes something");
    }
    assert_eq!(bucket.chain("a").expect("a chain").len(), 5);
}

// Rule: TAG-6 — oss allows a copy onto itself that changes nothing: it is a write like any
// other.
#[test]
fn oss_allows_a_copy_onto_itself() {
    let mut bucket = enabled();
    bucket.put_object("a", "x").expect("put");
    bucket.copy_object(CopyObject::new("a", "a")).expect("copy");
    assert_eq!(bucket.chain("a").expect("a chain").len(), 2);
}
