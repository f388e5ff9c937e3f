//! Conditional writes and deletes (CND-1..CND-7, ERR-4's condition step), rule by rule.

use crate::support::{bucket_in, checked, ok, rejected};
use bucket_versioning::request::{
    CompleteMultipartUpload, CompletedPart, CopyObject, DeleteObject, DeleteObjects,
    ObjectIdentifier, PutObject, PutSymlink,
};
use bucket_versioning::violation::{PreconditionReason, UnsupportedCondition};
use bucket_versioning::{Bucket, Command, Dialect, ETag, Outcome, VersionId, Violation};
use proptest::prelude::*;

fn s3(state: Option<&str>) -> Bucket {
    bucket_in(Dialect::S3, state)
}

fn oss(state: Option<&str>) -> Bucket {
    bucket_in(Dialect::Oss, state)
}

/// Puts `key`, returning the new version's ETag and ID.
#[track_caller]
fn put(bucket: &mut Bucket, key: &str, body: &str) -> (ETag, Option<VersionId>) {
    let put = bucket.put_object(key, body).expect("put");
    (put.etag, put.version_id)
}

#[track_caller]
fn apply_rejected(bucket: &mut Bucket, command: Command) -> Violation {
    rejected(bucket, |bucket| bucket.apply(command))
}

fn precondition(reason: PreconditionReason) -> Violation {
    Violation::PreconditionFailed(reason)
}

// Rule: CND-1 — s3 takes `if_none_match` only as `*`: any other value is `NotImplemented` 501
// and nothing changes.
#[test]
fn s3_if_none_match_takes_only_a_star() {
    let mut bucket = s3(Some("Enabled"));
    let (etag, _) = put(&mut bucket, "a", "v1");
    let violation = apply_rejected(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v2").if_none_match(etag)),
    );
    assert_eq!(
        violation,
        Violation::UnsupportedCondition(UnsupportedCondition::S3IfNoneMatchValue)
    );
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("NotImplemented", 501)
    );
}

// Rule: CND-1 — `if_match` compares ETags without quotes and without regard to case.
#[test]
fn if_match_ignores_quotes_and_case() {
    let mut bucket = s3(Some("Enabled"));
    let (etag, _) = put(&mut bucket, "a", "v1");
    let quoted = format!("\"{}\"", etag.as_str().to_uppercase());
    let outcome = ok(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v2").if_match(quoted)),
    );
    assert!(matches!(outcome, Outcome::PutObject(_)));
    assert_eq!(bucket.chain("a").expect("a").iter().count(), 2);
    checked(&bucket);
}

// Rule: CND-1, CND-3 — CopyObject's conditions apply to its destination, not its source.
#[test]
fn copy_conditions_look_at_the_destination() {
    let mut bucket = s3(Some("Enabled"));
    put(&mut bucket, "source", "s");
    // The destination has no entries: `*` passes although the source exists.
    let copy = CopyObject::new("source", "dest").if_none_match("*");
    bucket
        .copy_object(copy.clone())
        .expect("the destination is free");
    // Now it exists.
    let violation = rejected(&mut bucket, |bucket| bucket.copy_object(copy));
    assert_eq!(violation, precondition(PreconditionReason::ObjectExists));
}

// Rule: CND-1, CND-4 — CompleteMultipartUpload takes the conditions too; a failed one leaves
// the upload in progress (ERR-2).
#[test]
fn complete_multipart_upload_checks_its_conditions() {
    let mut bucket = s3(Some("Enabled"));
    put(&mut bucket, "a", "v1");
    let upload = bucket.initiate_multipart_upload("a").expect("initiate");
    let part = bucket
        .upload_part("a", upload.upload_id.clone(), 1, "only part")
        .expect("part");
    let parts = vec![CompletedPart::new(1, part.etag)];
    let complete = CompleteMultipartUpload::new("a", upload.upload_id.clone(), parts.clone());
    let violation = apply_rejected(
        &mut bucket,
        Command::CompleteMultipartUpload(complete.clone().if_none_match("*")),
    );
    assert_eq!(violation, precondition(PreconditionReason::ObjectExists));
    assert_eq!(bucket.upload_count(), 1);
    let (etag, _) = (bucket.get_object("a").expect("head").etag, ());
    ok(
        &mut bucket,
        Command::CompleteMultipartUpload(complete.if_match(etag)),
    );
    assert_eq!(bucket.upload_count(), 0);
    checked(&bucket);
}

// Rule: CND-2 — only the head is looked at: an older version with the ETag does not satisfy
// `if_match`, and older object versions under a delete marker do not make the object exist.
#[test]
fn conditions_look_only_at_the_head() {
    let mut bucket = s3(Some("Enabled"));
    let (old, _) = put(&mut bucket, "a", "v1");
    put(&mut bucket, "a", "v2");
    let violation = apply_rejected(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v3").if_match(old)),
    );
    assert_eq!(violation, precondition(PreconditionReason::ETagMismatch));
    bucket.delete_object("a").expect("a marker");
    ok(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v3").if_none_match("*")),
    );
    assert_eq!(bucket.chain("a").expect("a").iter().count(), 4);
}

// Rule: CND-3 — `if_none_match: *` fails with 412 when the head is an object version, in every
// state; it passes when the key has no entries.
#[test]
fn if_none_match_fails_when_the_object_exists() {
    for state in [None, Some("Enabled"), Some("Suspended")] {
        let mut bucket = s3(state);
        ok(
            &mut bucket,
            Command::PutObject(PutObject::new("a", "v1").if_none_match("*")),
        );
        let violation = apply_rejected(
            &mut bucket,
            Command::PutObject(PutObject::new("a", "v2").if_none_match("*")),
        );
        assert_eq!(violation, precondition(PreconditionReason::ObjectExists));
        assert_eq!(
            (violation.code(), violation.http_status()),
            ("PreconditionFailed", 412)
        );
    }
}

// Rule: CND-4 — `if_match` with no entries is `NoSuchKey` 404 without the marker flag; on a
// delete-marker head, `NoSuchKey` carrying the flag and the marker's ID.
#[test]
fn if_match_without_an_object_is_no_such_key() {
    let mut bucket = s3(Some("Enabled"));
    let violation = apply_rejected(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v1").if_match("*")),
    );
    assert_eq!(
        violation,
        Violation::NoSuchKey {
            delete_marker: false,
            version_id: None
        }
    );
    put(&mut bucket, "a", "v1");
    let marker = bucket.delete_object("a").expect("marker").version_id;
    let violation = apply_rejected(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v2").if_match("*")),
    );
    assert_eq!(
        violation,
        Violation::NoSuchKey {
            delete_marker: true,
            version_id: marker
        }
    );
    assert!(violation.delete_marker());
}

// Rule: CND-4 — a different ETag is 412; the same ETag lets the write proceed as usual.
#[test]
fn if_match_compares_the_heads_etag() {
    let mut bucket = s3(Some("Enabled"));
    let (etag, _) = put(&mut bucket, "a", "v1");
    let violation = apply_rejected(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v2").if_match("0123456789abcdef0123456789abcdef")),
    );
    assert_eq!(violation, precondition(PreconditionReason::ETagMismatch));
    let Outcome::PutObject(written) = ok(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v2").if_match(etag)),
    ) else {
        panic!("a put outcome");
    };
    assert_eq!(bucket.get_object("a").expect("head").etag, written.etag);
}

// Rule: CND-5 — a conditional simple delete: no current object is `NoSuchKey`, a different
// ETag is 412, a matching one (or `*`) deletes as DEL-3 does.
#[test]
fn conditional_simple_delete() {
    let mut bucket = s3(Some("Enabled"));
    let violation = apply_rejected(
        &mut bucket,
        Command::DeleteObject(DeleteObject::new("a").if_match("*")),
    );
    assert_eq!(violation.code(), "NoSuchKey");
    let (etag, _) = put(&mut bucket, "a", "v1");
    let violation = apply_rejected(
        &mut bucket,
        Command::DeleteObject(DeleteObject::new("a").if_match("ffffffffffffffffffffffffffffffff")),
    );
    assert_eq!(violation, precondition(PreconditionReason::ETagMismatch));
    let deleted = bucket
        .delete_object(DeleteObject::new("a").if_match(etag))
        .expect("matching");
    assert!(deleted.delete_marker);
    // The head is a marker now: `*` finds no current object.
    let violation = rejected(&mut bucket, |bucket| {
        bucket.delete_object(DeleteObject::new("a").if_match("*"))
    });
    assert!(violation.delete_marker());
}

// Rule: CND-5 — with a version ID the condition looks at the named version (MODEL): its ETag
// must match; a delete marker or an ID naming nothing is 412.
#[test]
fn conditional_delete_by_version_id() {
    let mut bucket = s3(Some("Enabled"));
    let (old_etag, old) = put(&mut bucket, "a", "v1");
    let old = old.expect("Enabled reports IDs");
    put(&mut bucket, "a", "v2");
    let marker = bucket.delete_object("a").expect("marker").version_id;
    let marker = marker.expect("a marker ID");
    let violation = rejected(&mut bucket, |bucket| {
        bucket.delete_object(
            DeleteObject::new("a")
                .version_id(marker.clone())
                .if_match("*"),
        )
    });
    assert_eq!(
        violation,
        precondition(PreconditionReason::NotAnObjectVersion)
    );
    let violation = rejected(&mut bucket, |bucket| {
        bucket.delete_object(DeleteObject::new("a").version_id("no-such").if_match("*"))
    });
    assert_eq!(
        violation,
        precondition(PreconditionReason::NotAnObjectVersion)
    );
    bucket
        .delete_object(
            DeleteObject::new("a")
                .version_id(old.clone())
                .if_match(old_etag),
        )
        .expect("the named version matches, though it is not the head");
    assert!(
        bucket
            .chain("a")
            .expect("a")
            .iter()
            .all(|entry| entry.version_id() != &old)
    );
}

// Rule: CND-5, BAT-4 — a batch entry's `etag` fails that entry alone.
#[test]
fn batch_entry_etag_fails_that_entry_alone() {
    let mut bucket = s3(Some("Enabled"));
    let (etag, _) = put(&mut bucket, "a", "v1");
    put(&mut bucket, "b", "v1");
    let outcome = bucket
        .delete_objects(DeleteObjects::new(vec![
            ObjectIdentifier::new("a").etag(etag),
            ObjectIdentifier::new("b").etag("ffffffffffffffffffffffffffffffff"),
        ]))
        .expect("a batch");
    assert_eq!(outcome.deleted.len(), 1);
    assert_eq!(outcome.deleted[0].key.as_str(), "a");
    assert_eq!(outcome.errors.len(), 1);
    assert_eq!(outcome.errors[0].violation.code(), "PreconditionFailed");
    assert_eq!(bucket.chain("b").expect("b").iter().count(), 1);
    checked(&bucket);
}

// Rule: CND-6 — oss `forbid_overwrite` in an Unversioned bucket: a key with an entry is
// `FileAlreadyExists` 409 (put, copy, complete); a new key is written.
#[test]
fn forbid_overwrite_refuses_an_existing_key_when_unversioned() {
    let mut bucket = oss(None);
    ok(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v1").forbid_overwrite(true)),
    );
    let violation = apply_rejected(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v2").forbid_overwrite(true)),
    );
    assert_eq!(violation, Violation::FileAlreadyExists);
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("FileAlreadyExists", 409)
    );
    let violation = rejected(&mut bucket, |bucket| {
        bucket.copy_object(CopyObject::new("a", "a").forbid_overwrite(true))
    });
    assert_eq!(violation, Violation::FileAlreadyExists);
    let upload = bucket.initiate_multipart_upload("a").expect("initiate");
    let part = bucket
        .upload_part("a", upload.upload_id.clone(), 1, "p")
        .expect("part");
    let complete = CompleteMultipartUpload::new(
        "a",
        upload.upload_id,
        vec![CompletedPart::new(1, part.etag)],
    )
    .forbid_overwrite(true);
    let violation = apply_rejected(&mut bucket, Command::CompleteMultipartUpload(complete));
    assert_eq!(violation, Violation::FileAlreadyExists);
    // `false` asks for nothing.
    ok(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v2").forbid_overwrite(false)),
    );
}

// Rule: CND-6 — PutSymlink takes `forbid_overwrite` too: in an Unversioned bucket a key with an
// entry (an object or a link) is `FileAlreadyExists` 409 and nothing changes (CND-7); a new key
// gets its link; in Enabled and Suspended buckets the flag is ignored.
#[test]
fn forbid_overwrite_on_a_symlink() {
    let link = |key: &str| PutSymlink::new(key, "target").forbid_overwrite(true);
    let mut bucket = oss(None);
    put(&mut bucket, "a", "v1");
    let violation = apply_rejected(&mut bucket, Command::PutSymlink(link("a")));
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("FileAlreadyExists", 409)
    );
    ok(&mut bucket, Command::PutSymlink(link("l")));
    assert_eq!(
        apply_rejected(&mut bucket, Command::PutSymlink(link("l"))),
        Violation::FileAlreadyExists
    );
    ok(
        &mut bucket,
        Command::PutSymlink(PutSymlink::new("l", "other").forbid_overwrite(false)),
    );
    for state in ["Enabled", "Suspended"] {
        let mut bucket = oss(Some(state));
        put(&mut bucket, "a", "v1");
        ok(&mut bucket, Command::PutSymlink(link("a")));
        checked(&bucket);
    }
}

// Rule: CND-6 — in an Enabled or Suspended oss bucket `forbid_overwrite` is ignored.
#[test]
fn forbid_overwrite_is_ignored_when_versioned() {
    for state in ["Enabled", "Suspended"] {
        let mut bucket = oss(Some(state));
        put(&mut bucket, "a", "v1");
        ok(
            &mut bucket,
            Command::PutObject(PutObject::new("a", "v2").forbid_overwrite(true)),
        );
        bucket
            .copy_object(CopyObject::new("a", "a").forbid_overwrite(true))
            .expect("ignored");
    }
}

// Rule: CND-6 — oss refuses s3-style `if_match` / `if_none_match` with `NotImplemented` 400, on
// writes and deletes; s3 refuses `forbid_overwrite: true` (MODEL) with 501.
#[test]
fn each_dialect_refuses_the_others_conditions() {
    let mut bucket = oss(Some("Enabled"));
    put(&mut bucket, "a", "v1");
    for command in [
        Command::PutObject(PutObject::new("a", "v2").if_match("*")),
        Command::PutObject(PutObject::new("a", "v2").if_none_match("*")),
        Command::CopyObject(CopyObject::new("a", "b").if_none_match("*")),
        Command::DeleteObject(DeleteObject::new("a").if_match("*")),
    ] {
        let violation = apply_rejected(&mut bucket, command);
        assert_eq!(
            (violation.code(), violation.http_status()),
            ("NotImplemented", 400)
        );
    }
    let mut bucket = s3(Some("Enabled"));
    let violation = apply_rejected(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v1").forbid_overwrite(true)),
    );
    assert_eq!(
        (violation.code(), violation.http_status()),
        ("NotImplemented", 501)
    );
    ok(
        &mut bucket,
        Command::PutObject(PutObject::new("a", "v1").forbid_overwrite(false)),
    );
}

// Rule: CND-7, ERR-4 — conditions come after the arguments and the bucket state: a bad key
// wins over a failed condition, a missing upload or source too.
#[test]
fn conditions_are_checked_last() {
    let mut bucket = s3(Some("Enabled"));
    put(&mut bucket, "a", "v1");
    let violation = apply_rejected(
        &mut bucket,
        Command::PutObject(PutObject::new("", "v2").if_none_match("*")),
    );
    assert_eq!(violation.code(), "InvalidArgument");
    let violation = rejected(&mut bucket, |bucket| {
        bucket.copy_object(CopyObject::new("missing", "a").if_none_match("*"))
    });
    assert_eq!(violation.code(), "NoSuchKey");
    let violation = apply_rejected(
        &mut bucket,
        Command::CompleteMultipartUpload(
            CompleteMultipartUpload::new(
                "a",
                "no-such-upload",
                vec![CompletedPart::new(1, ETag::new("x"))],
            )
            .if_none_match("*"),
        ),
    );
    assert_eq!(violation.code(), "NoSuchUpload");
    // A supplied ID in a Suspended bucket is a state refusal, before the condition.
    bucket.put_bucket_versioning("Suspended").expect("suspend");
    let violation = apply_rejected(
        &mut bucket,
        Command::PutObject(
            PutObject::new("a", "v2")
                .assign_version_id("mine")
                .if_none_match("*"),
        ),
    );
    assert_eq!(violation.code(), "InvalidArgument");
}

fn condition_command(step: u8, key: &str, etag: &str) -> Command {
    match step % 6 {
        0 => Command::PutObject(PutObject::new(key, "new").if_none_match("*")),
        1 => Command::PutObject(PutObject::new(key, "new").if_match(etag)),
        2 => Command::CopyObject(CopyObject::new("a", key).if_match(etag)),
        3 => Command::DeleteObject(DeleteObject::new(key).if_match(etag)),
        4 => Command::CopyObject(CopyObject::new("a", key).if_none_match("*")),
        _ => Command::DeleteObjects(DeleteObjects::new(vec![
            ObjectIdentifier::new(key).etag(etag),
        ])),
    }
}

proptest! {
    // Rule: CND-7, ERR-2 — whatever the state, a failed condition or refused delete leaves the
    // bucket equal (chains, IDs given out, sequence numbers: the whole value) and uses up no
    // ID: the next write gets the ID it would have got without the failed command.
    #[test]
    fn a_failed_condition_changes_nothing_and_consumes_no_id(
        writes in proptest::collection::vec((0..3usize, any::<bool>()), 0..6),
        steps in proptest::collection::vec((any::<u8>(), 0..3usize, any::<bool>()), 1..8),
        enabled in any::<bool>(),
    ) {
        let keys = ["a", "b", "c"];
        let mut bucket = s3(enabled.then_some("Enabled"));
        for (key, delete) in writes {
            if delete {
                bucket.delete_object(keys[key]).expect("delete");
            } else {
                bucket.put_object(keys[key], "v").expect("put");
            }
        }
        for (step, key, right_etag) in steps {
            let key = keys[key];
            let etag = match bucket.get_object(key) {
                Ok(meta) if right_etag => meta.etag.as_str().to_string(),
                _ => "ffffffffffffffffffffffffffffffff".to_string(),
            };
            let command = condition_command(step, key, &etag);
            let before = bucket.clone();
            let failed = match bucket.apply(command) {
                Err(_) => true,
                Ok(Outcome::DeleteObjects(batch)) => !batch.errors.is_empty(),
                Ok(_) => false,
            };
            if failed {
                prop_assert_eq!(&bucket, &before);
                // No ID consumed: the same write on both gives the same ID.
                let mut witness = before.clone();
                let next = bucket.put_object("z", "probe").expect("probe").version_id;
                let expected = witness.put_object("z", "probe").expect("probe").version_id;
                prop_assert_eq!(next, expected);
                prop_assert_eq!(&bucket, &witness);
            }
            prop_assert!(bucket.check_invariants().is_ok());
        }
    }
}
