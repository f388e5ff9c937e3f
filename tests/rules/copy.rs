//! CopyObject and restoring a version (CPY-1..CPY-6, CT-6, RSP-5), rule by rule.

use crate::support::listing::{bucket, chain_ids, delete, head_id, ok, put, versioned};
use crate::support::rejected;
use bucket_versioning::request::{CopyObject, DeleteObject, GetObject};
use bucket_versioning::{
    Body, Content, Dialect, ObjectKey, ObjectType, VersionId, Violation,
    violation::{ArgumentError, InvalidRequestReason},
};

// Rule: CPY-1 — without a source version ID the source is the head of the source key.
#[test]
fn source_is_the_head_by_default() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    put(&mut bucket, "src", "old");
    let head = put(&mut bucket, "src", "new");
    let outcome = ok(bucket.copy_object(CopyObject::new("src", "dst")));
    assert_eq!(outcome.source_version_id, Some(head));
    let read = ok(bucket.get_object("dst"));
    assert_eq!(read.size, 3);
    assert_eq!(read.etag, ok(bucket.get_object("src")).etag);
}

// Rule: CPY-1 — a source version ID selects that version, head or not; `null` names the null
// entry.
#[test]
fn source_version_id_selects_that_version() {
    let mut bucket = bucket(Dialect::S3);
    put(&mut bucket, "src", "unversioned");
    ok(bucket.put_bucket_versioning("Enabled"));
    let middle = put(&mut bucket, "src", "middle");
    put(&mut bucket, "src", "newest");
    let outcome =
        ok(bucket.copy_object(CopyObject::new("src", "dst").source_version_id(middle.clone())));
    assert_eq!(outcome.source_version_id, Some(middle.clone()));
    assert_eq!(
        ok(bucket.get_object("dst")).etag,
        ok(bucket.get_object(GetObject::new("src").version_id(middle))).etag
    );
    let outcome =
        ok(bucket.copy_object(CopyObject::new("src", "dst").source_version_id(VersionId::NULL)));
    assert_eq!(outcome.source_version_id, Some(VersionId::NULL));
    assert_eq!(
        ok(bucket.get_object("dst")).size,
        "unversioned".len() as u64
    );
}

// Rule: CPY-2 — a source whose head is a delete marker, or with no entries, is NoSuchKey 404
// and changes nothing.
#[test]
fn missing_or_deleted_source_is_no_such_key() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = versioned(dialect, "Enabled");
        put(&mut bucket, "src", "x");
        delete(&mut bucket, "src");
        put(&mut bucket, "dst", "x");
        for source in ["src", "nothing"] {
            let error = rejected(&mut bucket, |bucket| {
                bucket.copy_object(CopyObject::new(source, "dst"))
            });
            assert_eq!(
                error,
                Violation::NoSuchKey {
                    delete_marker: false,
                    version_id: None
                }
            );
            assert_eq!((error.code(), error.http_status()), ("NoSuchKey", 404));
        }
    }
}

// Rule: CPY-3 — a source version ID naming a delete marker: oss NoSuchKey 404 (MODEL), s3
// InvalidRequest 400; naming nothing: NoSuchVersion 404.
#[test]
fn source_version_naming_a_marker_or_nothing() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = versioned(dialect, "Enabled");
        let version = put(&mut bucket, "src", "x");
        let marker = delete(&mut bucket, "src").expect("a marker");
        put(&mut bucket, "src", "y");
        let other = put(&mut bucket, "other", "z");
        let error = rejected(&mut bucket, |bucket| {
            bucket.copy_object(CopyObject::new("src", "dst").source_version_id(marker.clone()))
        });
        match dialect {
            Dialect::Oss => {
                assert_eq!((error.code(), error.http_status()), ("NoSuchKey", 404));
            }
            Dialect::S3 => {
                assert_eq!(
                    error,
                    Violation::InvalidRequest(InvalidRequestReason::CopySourceIsDeleteMarker)
                );
                assert_eq!((error.code(), error.http_status()), ("InvalidRequest", 400));
            }
        }
        // An unknown ID, another key's ID, `null` with no null entry, a removed entry's ID.
        ok(bucket.delete_object(DeleteObject::new("src").version_id(version.clone())));
        for id in [VersionId::from("unknown"), other, VersionId::NULL, version] {
            let error = rejected(&mut bucket, |bucket| {
                bucket.copy_object(CopyObject::new("src", "dst").source_version_id(id.clone()))
            });
            assert_eq!(error, Violation::NoSuchVersion { version_id: id });
            assert_eq!((error.code(), error.http_status()), ("NoSuchVersion", 404));
        }
    }
}

// Rule: CPY-4 — Unversioned: the destination chain becomes the one Normal copy with ID
// `null` (PUT-1); no version IDs are reported (RSP-1, RSP-5).
#[test]
fn unversioned_copy_replaces_the_destination() {
    let mut bucket = bucket(Dialect::Oss);
    put(&mut bucket, "src", "content");
    put(&mut bucket, "dst", "old");
    let outcome = ok(bucket.copy_object(CopyObject::new("src", "dst")));
    assert_eq!(
        (outcome.version_id, outcome.source_version_id),
        (None, None)
    );
    assert_eq!(chain_ids(&bucket, "dst"), ["null"]);
    let head = ok(bucket.get_object("dst"));
    assert_eq!(head.object_type, ObjectType::Normal);
    assert_eq!(head.etag, outcome.etag);
    assert_eq!(head.crc64, outcome.crc64);
    // A copy of a key onto itself in an Unversioned bucket is still one null entry.
    ok(bucket.copy_object(CopyObject::new("dst", "dst")));
    assert_eq!(chain_ids(&bucket, "dst"), ["null"]);
    assert_eq!(bucket.check_invariants(), Ok(()));
}

// Rule: CPY-4 — Enabled: the copy is a new head with a fresh ID and nothing is removed
// (PUT-2); the outcome reports the new ID (RSP-1) and the source's (RSP-5).
#[test]
fn enabled_copy_adds_a_fresh_version() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = versioned(dialect, "Enabled");
        let source = put(&mut bucket, "src", "content");
        let old = put(&mut bucket, "dst", "old");
        let marker = delete(&mut bucket, "dst").expect("a marker");
        let outcome = ok(bucket.copy_object(CopyObject::new("src", "dst")));
        let new = head_id(&bucket, "dst");
        assert_eq!(outcome.version_id, Some(new.clone()));
        assert_eq!(outcome.source_version_id, Some(source));
        assert!(new != old && new != marker && !new.is_null());
        assert_eq!(
            chain_ids(&bucket, "dst"),
            [new.to_string(), marker.to_string(), old.to_string()]
        );
    }
}

// Rule: CPY-4 — Suspended: the destination's null entry is removed wherever it sits and the
// copy becomes the null head (PUT-3); oss reports `null`, s3 no ID (RSP-1); the source's ID is
// reported, `null` included (RSP-5).
#[test]
fn suspended_copy_takes_the_null_slot() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket(dialect);
        put(&mut bucket, "dst", "null version");
        ok(bucket.put_bucket_versioning("Enabled"));
        let kept = put(&mut bucket, "dst", "versioned");
        let source = put(&mut bucket, "src", "content");
        ok(bucket.put_bucket_versioning("Suspended"));
        let outcome = ok(bucket.copy_object(CopyObject::new("src", "dst")));
        let expected = match dialect {
            Dialect::Oss => Some(VersionId::NULL),
            Dialect::S3 => None,
        };
        assert_eq!(outcome.version_id, expected);
        assert_eq!(outcome.source_version_id, Some(source));
        assert_eq!(
            chain_ids(&bucket, "dst"),
            ["null".to_string(), kept.to_string()]
        );
        assert_eq!(ok(bucket.get_object("dst")).size, "content".len() as u64);
        // The source may itself be a null entry: its ID is reported as `null`.
        let outcome = ok(bucket.copy_object(CopyObject::new("dst", "third")));
        assert_eq!(outcome.source_version_id, Some(VersionId::NULL));
        assert_eq!(bucket.check_invariants(), Ok(()));
    }
}

// Rule: CPY-6 — restoring: copying an old version onto its own key makes a new head with the
// old content; every entry, the old version included, stays.
#[test]
fn restoring_by_copy_keeps_every_version() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = versioned(dialect, "Enabled");
        let v1 = put(&mut bucket, "report", "first draft");
        let v2 = put(&mut bucket, "report", "second draft");
        let marker = delete(&mut bucket, "report").expect("a marker");
        let wanted = ok(bucket.get_object(GetObject::new("report").version_id(v1.clone())));
        let outcome =
            ok(bucket
                .copy_object(CopyObject::new("report", "report").source_version_id(v1.clone())));
        let restored = head_id(&bucket, "report");
        assert_eq!(outcome.version_id, Some(restored.clone()));
        assert_eq!(outcome.source_version_id, Some(v1.clone()));
        assert_eq!(
            chain_ids(&bucket, "report"),
            [restored, marker, v2, v1].map(|id| id.to_string())
        );
        let current = ok(bucket.get_object("report"));
        assert_eq!(
            (current.size, current.etag, current.crc64),
            (wanted.size, wanted.etag, wanted.crc64)
        );
    }
}

// Rule: CPY-6 — the other way to restore: delete the newer entries by ID (DEL-5, DEL-6).
#[test]
fn restoring_by_deleting_newer_entries() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    let v1 = put(&mut bucket, "report", "first");
    let v2 = put(&mut bucket, "report", "second");
    let marker = delete(&mut bucket, "report").expect("a marker");
    ok(bucket.delete_object(DeleteObject::new("report").version_id(marker)));
    ok(bucket.delete_object(DeleteObject::new("report").version_id(v2)));
    assert_eq!(ok(bucket.get_object("report")).version_id, Some(v1));
}

// Rule: CT-6 — a copy keeps the source's fingerprint (length, CRC-64, MD5) and ETag, in the
// dialect's case, also for a fingerprint given without an MD5 (whose ETag is CT-5's form).
#[test]
fn copy_keeps_fingerprint_and_etag() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = versioned(dialect, "Enabled");
        let synthetic = Content::from_fingerprint(6 * 1024 * 1024, 0x1234_5678, None);
        ok(bucket.put_object("big", Body::from(synthetic)));
        put(&mut bucket, "small", "hello");
        for source in ["big", "small"] {
            let read = ok(bucket.get_object(source));
            let fingerprint = bucket
                .chain(source)
                .and_then(|chain| chain.head())
                .and_then(|head| head.content().copied());
            let outcome = ok(bucket.copy_object(CopyObject::new(source, "copy")));
            assert_eq!((&outcome.etag, outcome.crc64), (&read.etag, read.crc64));
            let copy = bucket.chain("copy").and_then(|chain| chain.head());
            assert_eq!(
                copy.as_ref().and_then(|head| head.content().copied()),
                fingerprint
            );
            assert_eq!(copy.and_then(|head| head.etag()), Some(read.etag.clone()));
        }
        let hex = ok(bucket.get_object("copy")).etag.to_string();
        match dialect {
            Dialect::Oss => assert_eq!(hex, hex.to_uppercase()),
            Dialect::S3 => assert_eq!(hex, hex.to_lowercase()),
        }
    }
}

// Rule: ERR-4 — both keys and the source version ID's syntax are checked before the bucket
// state: a bad key wins over a missing source.
#[test]
fn arguments_are_checked_before_the_source() {
    let mut oss = versioned(Dialect::Oss, "Enabled");
    let error = rejected(&mut oss, |bucket| {
        bucket.copy_object(CopyObject::new("missing", "/dst"))
    });
    assert_eq!(
        error,
        Violation::InvalidObjectName {
            key: ObjectKey::from("/dst")
        }
    );
    let error = rejected(&mut oss, |bucket| {
        bucket.copy_object(CopyObject::new("\\src", "dst"))
    });
    assert_eq!(error.code(), "InvalidObjectName");
    let error = rejected(&mut oss, |bucket| {
        bucket.copy_object(CopyObject::new("missing", "dst").source_version_id(VersionId::from("")))
    });
    assert_eq!(
        error,
        Violation::InvalidArgument(ArgumentError::EmptyVersionId)
    );
    let mut s3 = versioned(Dialect::S3, "Enabled");
    let error = rejected(&mut s3, |bucket| {
        bucket.copy_object(CopyObject::new("missing", ""))
    });
    assert_eq!(error, Violation::InvalidArgument(ArgumentError::EmptyKey));
    let long = "k".repeat(1025);
    let error = rejected(&mut s3, |bucket| {
        bucket.copy_object(CopyObject::new(long.as_str(), "dst"))
    });
    assert_eq!(
        (error.code(), error.http_status()),
        ("KeyTooLongError", 400)
    );
}

fn head_etag(bucket: &bucket_versioning::Bucket, key: &str) -> Option<String> {
    Some(bucket.chain(key)?.head()?.etag()?.to_string())
}

// Rule: CT-6 — a copy of a multipart object keeps the `…-N` ETag, yet is Normal.
#[test]
fn copy_keeps_a_multipart_etag() {
    for dialect in [Dialect::Oss, Dialect::S3] {
        let mut bucket = bucket(dialect);
        let upload = ok(bucket.initiate_multipart_upload("big")).upload_id;
        let etag = ok(bucket.upload_part("big", &upload, 1, "parts")).etag;
        let parts = [bucket_versioning::request::CompletedPart::new(1, etag)];
        ok(bucket.complete_multipart_upload("big", &upload, &parts));
        let source = head_etag(&bucket, "big");
        let copied = ok(bucket.copy_object(CopyObject::new("big", "copy")));
        assert_eq!(Some(copied.etag.to_string()), source);
        assert_eq!(head_etag(&bucket, "copy"), source);
        assert!(source.is_some_and(|etag| etag.ends_with("-1")));
        let head = bucket.chain("copy").and_then(|chain| chain.head());
        assert_eq!(
            head.and_then(|entry| entry.object_type()),
            Some(ObjectType::Normal)
        );
        assert_eq!(bucket.check_invariants(), Ok(()));
    }
}

// Rule: CT-6 — in an Unversioned oss bucket an appendable can be copied (CPY-5 does not
// apply), and the copy keeps its CRC-and-length ETag (CT-5), which is not the MD5 one.
#[test]
fn copy_keeps_an_appendable_etag_when_unversioned() {
    let mut bucket = bucket(Dialect::Oss);
    ok(bucket.append_object("log", 0, "abc"));
    let source = head_etag(&bucket, "log");
    let outcome = ok(bucket.copy_object(CopyObject::new("log", "snapshot")));
    assert_eq!(Some(outcome.etag.to_string()), source);
    assert_eq!(head_etag(&bucket, "snapshot"), source);
    let md5_etag = ok(bucket.put_object("plain", "abc")).etag.to_string();
    assert_ne!(source, Some(md5_etag));
    assert_eq!(bucket.check_invariants(), Ok(()));
}

// Rule: CPY-5 — oss, Enabled or Suspended, appendable source: InvalidRequest 400, nothing
// changes; the head appendable is not sealed by the rejected copy.
#[test]
fn appendable_source_is_refused_in_a_versioned_oss_bucket() {
    for state in ["Enabled", "Suspended"] {
        let mut bucket = versioned(Dialect::Oss, state);
        ok(bucket.append_object("log", 0, "abc"));
        for destination in ["log", "other"] {
            let before = bucket.clone();
            let error = bucket
                .copy_object(CopyObject::new("log", destination))
                .expect_err("refused");
            assert_eq!(
                error,
                Violation::InvalidRequest(InvalidRequestReason::CopySourceIsAppendable)
            );
            assert_eq!((error.code(), error.http_status()), ("InvalidRequest", 400));
            assert_eq!(bucket, before);
        }
    }
}

// Rule: APP-7 — a copy onto a key whose head is an appendable seals it, like a put.
#[test]
fn copy_onto_an_appendable_head_seals_it() {
    let mut bucket = versioned(Dialect::Oss, "Enabled");
    put(&mut bucket, "source", "data");
    ok(bucket.append_object("log", 0, "abc"));
    ok(bucket.copy_object(CopyObject::new("source", "log")));
    let sealed: Option<Vec<bool>> = bucket
        .chain("log")
        .map(|chain| chain.iter().map(|entry| entry.is_sealed()).collect());
    assert_eq!(sealed, Some(vec![false, true]));
    assert_eq!(bucket.check_invariants(), Ok(()));
}

// Rule: RSP-5 — CopyObject reports the source version it copied under RSP-3's rule: the
// entry's ID (`null` included) in versioned buckets, none in an Unversioned one.
#[test]
fn copy_reports_the_source_version_by_state() {
    let mut bucket = bucket(Dialect::Oss);
    put(&mut bucket, "src", "null one");
    assert_eq!(
        ok(bucket.copy_object(CopyObject::new("src", "dst"))).source_version_id,
        None
    );
    bucket.put_bucket_versioning("Enabled").expect("allowed");
    assert_eq!(
        ok(bucket.copy_object(CopyObject::new("src", "dst"))).source_version_id,
        Some(VersionId::NULL)
    );
    let v1 = put(&mut bucket, "src", "v1");
    bucket.put_bucket_versioning("Suspended").expect("allowed");
    let outcome = ok(bucket.copy_object(CopyObject::new("src", "dst")));
    assert_eq!(outcome.source_version_id, Some(v1));
    assert_eq!(outcome.version_id, Some(VersionId::NULL));
}
