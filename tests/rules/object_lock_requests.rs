//! Object Lock asked for by the requests that act on several versions or over several
//! commands: a batch delete's governance bypass (OL-4, BAT-4) and the retention and legal hold
//! an InitiateMultipartUpload asks for its completed object (OL-2).

use crate::object_lock::{lock_of, locked_s3};
use crate::support::{assert_rejected, bucket_in, checked};
use bucket_versioning::lock::{DefaultRetention, LegalHoldStatus, Retention, RetentionMode};
use bucket_versioning::request::{
    CompleteMultipartUpload, CompletedPart, DeleteObjects, InitiateMultipartUpload,
    ObjectIdentifier, PutObject,
};
use bucket_versioning::{Bucket, Command, Dialect, Outcome, UploadId, VersionId};

const DAY: u64 = 86_400;

#[track_caller]
fn put_retained(bucket: &mut Bucket, key: &str, retention: Retention) -> VersionId {
    match bucket.apply(Command::PutObject(
        PutObject::new(key, "x").retention(retention),
    )) {
        Ok(Outcome::PutObject(put)) => put.version_id.expect("an ID"),
        other => panic!("unexpected {other:?}"),
    }
}

/// Initiates `request`, uploads one part and completes it with `complete` (its parts filled
/// in); the new version's ID.
#[track_caller]
fn upload(
    bucket: &mut Bucket,
    request: InitiateMultipartUpload,
    complete: impl FnOnce(CompleteMultipartUpload) -> CompleteMultipartUpload,
) -> VersionId {
    let key = request.key.clone();
    let upload_id = bucket
        .initiate_multipart_upload(request)
        .expect("initiated")
        .upload_id;
    let etag = bucket
        .upload_part(&key, upload_id.clone(), 1, "part")
        .expect("uploaded")
        .etag;
    let parts = vec![CompletedPart::new(1, etag)];
    match bucket.apply(Command::CompleteMultipartUpload(complete(
        CompleteMultipartUpload::new(key, upload_id, parts),
    ))) {
        Ok(Outcome::CompleteMultipartUpload(done)) => done.version_id.expect("an ID"),
        other => panic!("unexpected {other:?}"),
    }
}

// Rule: OL-4 — DeleteObjects' `bypass_governance` lets each entry deleted by ID past a
// GOVERNANCE retention; a COMPLIANCE one still fails its entry alone (BAT-4), and without the
// bypass both fail and nothing changes.
#[test]
fn a_batch_delete_bypasses_governance_for_each_entry() {
    let mut bucket = locked_s3(None);
    let governed = put_retained(
        &mut bucket,
        "g",
        Retention::new(RetentionMode::Governance, DAY),
    );
    let complied = put_retained(
        &mut bucket,
        "c",
        Retention::new(RetentionMode::Compliance, DAY),
    );
    let entries = vec![
        ObjectIdentifier::new("g").version_id(governed.clone()),
        ObjectIdentifier::new("c").version_id(complied.clone()),
    ];
    let before = bucket.clone();
    let refused = bucket
        .delete_objects(DeleteObjects::new(entries.clone()))
        .expect("a batch");
    assert!(refused.deleted.is_empty());
    let codes: Vec<(&str, &str)> = refused
        .errors
        .iter()
        .map(|error| (error.key.as_str(), error.violation.code()))
        .collect();
    assert_eq!(codes, [("g", "AccessDenied"), ("c", "AccessDenied")]);
    assert_eq!(bucket, before, "refused entries change nothing");

    let bypassed = bucket
        .delete_objects(DeleteObjects {
            bypass_governance: Some(true),
            ..DeleteObjects::new(entries)
        })
        .expect("a batch");
    let deleted: Vec<(&str, Option<&VersionId>)> = bypassed
        .deleted
        .iter()
        .map(|deleted| (deleted.key.as_str(), deleted.version_id.as_ref()))
        .collect();
    assert_eq!(deleted, [("g", Some(&governed))]);
    assert_eq!(bypassed.errors.len(), 1);
    assert_eq!(bypassed.errors[0].key.as_str(), "c");
    assert_eq!(bypassed.errors[0].violation.code(), "AccessDenied");
    assert!(bucket.chain("g").is_none());
    assert_eq!(bucket.chain("c").map(|chain| chain.len()), Some(1));
    checked(&bucket);
}

// Rule: OL-2 — an upload's completed object gets the retention and legal hold asked for at
// Initiate, unless the Complete asks for its own (field by field); asking for neither, the
// default retention runs from the Complete's time, not the Initiate's.
#[test]
fn an_upload_carries_the_lock_asked_for_at_initiate() {
    let mut bucket = locked_s3(Some(DefaultRetention::days(RetentionMode::Governance, 1)));
    bucket.advance_clock(100).expect("accepted");
    let asked = Retention::new(RetentionMode::Compliance, 5 * DAY);
    let at_initiate = upload(
        &mut bucket,
        InitiateMultipartUpload::new("a")
            .retention(asked)
            .legal_hold(LegalHoldStatus::On),
        |complete| complete,
    );
    assert_eq!(lock_of(&bucket, "a", &at_initiate), (Some(asked), true));

    let own = Retention::new(RetentionMode::Governance, 9 * DAY);
    let at_complete = upload(
        &mut bucket,
        InitiateMultipartUpload::new("b")
            .retention(asked)
            .legal_hold(LegalHoldStatus::On),
        |complete| complete.retention(own),
    );
    assert_eq!(
        lock_of(&bucket, "b", &at_complete),
        (Some(own), true),
        "the Complete's retention, the Initiate's legal hold"
    );

    let key = "c";
    let upload_id = bucket
        .initiate_multipart_upload(key)
        .expect("initiated")
        .upload_id;
    let etag = bucket
        .upload_part(key, upload_id.clone(), 1, "part")
        .expect("uploaded")
        .etag;
    bucket.advance_clock(400).expect("accepted");
    let defaulted = bucket
        .complete_multipart_upload(key, upload_id, &[CompletedPart::new(1, etag)])
        .expect("completed")
        .version_id
        .expect("an ID");
    assert_eq!(
        lock_of(&bucket, key, &defaulted),
        (
            Some(Retention::new(RetentionMode::Governance, 500 + DAY)),
            false
        )
    );
    checked(&bucket);
}

// Rule: OL-2 — an Initiate asking for a retention or a legal hold in a bucket without Object
// Lock → `InvalidRequest` 400, a state check after the arguments (ERR-4), and nothing changes:
// no upload, no upload ID drawn (ERR-2).
#[test]
fn an_initiate_asking_for_a_lock_needs_object_lock() {
    let mut plain = bucket_in(Dialect::S3, Some("Enabled"));
    let fresh = plain.clone();
    for request in [
        InitiateMultipartUpload::new("a").retention(Retention::new(RetentionMode::Governance, 10)),
        InitiateMultipartUpload::new("a").legal_hold(LegalHoldStatus::Off),
    ] {
        assert_rejected(
            &mut plain,
            Command::InitiateMultipartUpload(request),
            "InvalidRequest",
            400,
        );
    }
    // ERR-4: a supplied upload ID that is empty is an argument error, found first.
    assert_rejected(
        &mut plain,
        Command::InitiateMultipartUpload(
            InitiateMultipartUpload::new("a")
                .legal_hold(LegalHoldStatus::On)
                .assign_upload_id(UploadId::new("")),
        ),
        "InvalidArgument",
        400,
    );
    let next = plain
        .initiate_multipart_upload("a")
        .expect("initiated")
        .upload_id;
    let mut fresh = fresh;
    assert_eq!(
        next,
        fresh
            .initiate_multipart_upload("a")
            .expect("initiated")
            .upload_id,
        "the refused Initiates drew no upload ID"
    );
}
