//! The shared generator (`bucket_versioning::strategies`) reaches the states that matter: in a
//! fixed sample of sequences, every command kind appears and every outcome on the list below
//! happens several times. A generator change that stops reaching one fails here, instead of
//! silently weakening every property test that uses it.

use bucket_versioning::request::{
    AppendObject, CompleteMultipartUpload, CopyObject, DeleteObject, DeleteObjects, GetObject,
    HeadObject, InitiateMultipartUpload, ListMultipartUploads, ListObjectVersions,
    ObjectIdentifier, PutBucketVersioning, PutObject, PutObjectTagging,
};
use std::collections::BTreeMap;

use crate::support::sequences::arb_scenario;
use bucket_versioning::metadata::Directive;
use bucket_versioning::{Bucket, Command, Outcome, VersionId, VersioningState, Violation};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Every command kind, by its trace-format name.
const KINDS: [&str; 33] = [
    "put_bucket_versioning",
    "get_bucket_versioning",
    "put_object",
    "append_object",
    "seal_append_object",
    "delete_object",
    "delete_objects",
    "get_object",
    "head_object",
    "initiate_multipart_upload",
    "upload_part",
    "upload_part_copy",
    "complete_multipart_upload",
    "abort_multipart_upload",
    "list_parts",
    "list_multipart_uploads",
    "copy_object",
    "list_object_versions",
    "list_objects",
    "advance_clock",
    "put_object_tagging",
    "get_object_tagging",
    "delete_object_tagging",
    "put_symlink",
    "get_symlink",
    "get_object_meta",
    "put_object_lock_configuration",
    "put_object_retention",
    "put_object_legal_hold",
    "initiate_bucket_worm",
    "complete_bucket_worm",
    "extend_bucket_worm",
    "abort_bucket_worm",
];

/// The outcomes a good sample must contain, each at least [`AT_LEAST`] times.
const OUTCOMES: &[&str] = &[
    "VS-2 Enabled to Suspended",
    "VS-2 Suspended to Enabled",
    "VS-2 rejected status",
    "ID-5 supplied ID accepted",
    "ID-5 supplied ID rejected",
    "KEY invalid key rejected",
    "PUT-3 Suspended write replaces a buried null",
    "PUT-3 Suspended write replaces the null head",
    "APP-7 a write or delete seals the head appendable",
    "APP-3 append creates",
    "APP-3 append creates above a delete marker",
    "APP-4 append in place",
    "APP-5 PositionNotEqualToLength",
    "APP-6 ObjectNotAppendable",
    "APP-10 seal",
    "APP-1 NotImplemented",
    "DEL-3 marker stacked on a marker",
    "DEL-4 Suspended simple delete",
    "DEL-5 delete a marker by ID",
    "DEL-5 delete a noncurrent version by ID",
    "DEL-7 delete by an ID naming nothing",
    "BAT-1 MalformedXML",
    "BAT-3 batch made a marker",
    "BAT-4 batch error entry",
    "GET-2 NoSuchKey on a marker",
    "GET-4 read a noncurrent version",
    "GET-5 MethodNotAllowed",
    "GET-6 NoSuchVersion",
    "CPY-4 copy",
    "CPY-6 restore by copying onto its own key",
    "CPY-2 copy of nothing",
    "CPY-3 copy naming a marker",
    "CPY-5 copy of an appendable refused",
    "MPU-3 NoSuchUpload",
    "MPU-4 InvalidPartOrder",
    "MPU-4 MalformedXML",
    "MPU-5 InvalidPart",
    "MPU-6 EntityTooSmall",
    "MPU-7 Complete of one part",
    "MPU-7 Complete of several parts",
    "MPU-7 Complete in s3 of several parts",
    "MPU-8 abort",
    "MPU-9 ListParts truncated",
    "MPU-10 ListMultipartUploads truncated",
    "MPU-10 ListMultipartUploads resumed after an upload",
    "LST-2 max-keys rejected",
    "LST-3 versions resumed within a key",
    "LST-4 version marker without key marker",
    "LST-5 versions truncated",
    "LST-5 objects truncated",
    "LST-6 versions with common prefixes",
    "LST-6 objects with common prefixes",
    "ERR-3 clock overflow",
    "TAG-1 a write sets tags",
    "TAG-1 a creating append sets tags",
    "TAG-1 a copy replaces the tags",
    "TAG-2 tagging a noncurrent version",
    "TAG-2 tagging refused on a marker",
    "TAG-3 InvalidTag",
    "TAG-5 a write sets metadata",
    "TAG-5 MetadataTooLarge",
    "TAG-5 InvalidStorageClass",
    "TAG-6 s3 copy onto itself refused",
    "SYM-1 NotImplemented",
    "SYM-2 link written",
    "SYM-3 NotSymlink",
    "SYM-4 read follows a link",
    "SYM-4 SymlinkTargetNotExist",
    "SYM-4 InvalidTargetType",
    "SYM-5 copy of a link",
    "GET-8 s3 parts count",
    "GET-8 oss next position",
    "CND-3 if_none_match refused an existing object",
    "CND-3 if_none_match passes over a marker",
    "CND-4 if_match mismatch",
    "CND-4 if_match on a marker head",
    "CND-4 a matching if_match writes",
    "CND-5 conditional delete",
    "CND-5 conditional delete of a version that is no object",
    "CND-6 FileAlreadyExists",
    "CND-6 the other dialect's condition refused",
    "OL-1 Object Lock turned on",
    "OL-1 default retention refused",
    "OL-1 Suspended refused while Object Lock is on",
    "OL-1 lock or policy refused in the other dialect",
    "OL-2 a write carries a retention",
    "OL-2 a write carries a legal hold",
    "OL-2 retention refused without Object Lock",
    "OL-2 retention set",
    "OL-2 legal hold set",
    "OL-4 delete refused by a retention",
    "OL-4 delete refused by a legal hold",
    "OL-4 GOVERNANCE bypassed",
    "OL-4 GOVERNANCE bypassed in a batch",
    "OL-4 batch entry refused by a lock",
    "OL-2 an upload carries a lock",
    "OL-2 a completed upload takes its lock",
    "OL-3 delete at the second the retention ran out",
    "OL-7 delete at the second the protection ran out",
    "OL-6 retention lengthened",
    "OL-6 GOVERNANCE shortened with bypass",
    "OL-6 GOVERNANCE change refused",
    "OL-6 COMPLIANCE shortening refused",
    "OL-7 WORM initiated",
    "OL-7 WORM completed",
    "OL-7 WORM extended",
    "OL-7 WORM aborted",
    "OL-7 WORM extend not longer refused",
    "OL-7 Suspended refused with a policy",
    "OL-7 delete refused by WORM",
    "OL-7 overwrite refused by WORM",
    "OL-8 append refused by WORM",
];

/// Sequences sampled: enough for every template family (the symlink family included) to
/// reach each outcome above several times.
const SAMPLE: usize = 2400;
const AT_LEAST: usize = 3;

/// The labels one step earns, from the bucket before it, the command and its result.
fn classify(
    before: &Bucket,
    command: &Command,
    result: &Result<Outcome, Violation>,
) -> Vec<&'static str> {
    let mut labels = Vec::new();
    let state = before.versioning();
    let head = |key: &str| before.chain(key).and_then(|chain| chain.head());
    let head_is_unsealed_appendable = |key: &str| {
        head(key).is_some_and(|entry| {
            entry.object_type() == Some(bucket_versioning::ObjectType::Appendable)
                && !entry.is_sealed()
        })
    };
    let head_is_link = |key: &str| {
        head(key).is_some_and(|entry| {
            entry.object_type() == Some(bucket_versioning::ObjectType::Symlink)
        })
    };
    match (command, result) {
        (Command::PutSymlink(_), Ok(_)) => labels.push("SYM-2 link written"),
        (
            Command::GetObject(GetObject {
                key,
                version_id: None,
            }),
            Ok(_),
        )
        | (
            Command::HeadObject(HeadObject {
                key,
                version_id: None,
            }),
            Ok(_),
        ) if head_is_link(key.as_str()) => {
            labels.push("SYM-4 read follows a link");
        }
        (
            Command::CopyObject(CopyObject {
                source_key,
                source_version_id: None,
                ..
            }),
            Ok(_),
        ) if head_is_link(source_key.as_str()) => labels.push("SYM-5 copy of a link"),
        (
            Command::PutSymlink(_) | Command::GetSymlink(_),
            Err(Violation::NotImplemented { .. }),
        ) => {
            labels.push("SYM-1 NotImplemented");
        }
        (_, Err(Violation::NotSymlink)) => labels.push("SYM-3 NotSymlink"),
        (_, Err(Violation::SymlinkTargetNotExist { .. })) => {
            labels.push("SYM-4 SymlinkTargetNotExist");
        }
        (_, Err(Violation::InvalidTargetType { .. })) => labels.push("SYM-4 InvalidTargetType"),
        (_, Ok(Outcome::GetObjectMeta(meta))) if meta.parts_count.is_some() => {
            labels.push("GET-8 s3 parts count");
        }
        (_, Ok(Outcome::GetObjectMeta(meta))) if meta.next_position.is_some() => {
            labels.push("GET-8 oss next position");
        }
        _ => {}
    }
    let has_entry = |key: &str, id: &VersionId| {
        before
            .chain(key)
            .is_some_and(|chain| chain.iter().any(|entry| entry.version_id() == id))
    };
    let written_key = match (command, result) {
        (Command::PutObject(PutObject { key, .. }), Ok(_))
        | (Command::CopyObject(CopyObject { key, .. }), Ok(_))
        | (Command::CompleteMultipartUpload(CompleteMultipartUpload { key, .. }), Ok(_)) => {
            Some(key.as_str())
        }
        (
            Command::DeleteObject(DeleteObject {
                key,
                version_id: None,
                ..
            }),
            Ok(_),
        ) => Some(key.as_str()),
        _ => None,
    };
    if let Some(key) = written_key
        && state != VersioningState::Unversioned
    {
        if head_is_unsealed_appendable(key) {
            labels.push("APP-7 a write or delete seals the head appendable");
        }
        if state == VersioningState::Suspended
            && let Some(chain) = before.chain(key)
        {
            match chain.iter().position(|entry| entry.version_id().is_null()) {
                Some(0) => labels.push("PUT-3 Suspended write replaces the null head"),
                Some(_) => labels.push("PUT-3 Suspended write replaces a buried null"),
                None => {}
            }
        }
    }
    match (command, result) {
        (Command::PutBucketVersioning(PutBucketVersioning { status }), Ok(_)) => {
            if state == VersioningState::Enabled && status == "Suspended" {
                labels.push("VS-2 Enabled to Suspended");
            }
            if state == VersioningState::Suspended && status == "Enabled" {
                labels.push("VS-2 Suspended to Enabled");
            }
        }
        (Command::PutBucketVersioning(_), Err(_)) => labels.push("VS-2 rejected status"),
        (
            Command::PutObject(PutObject {
                assign_version_id: Some(_),
                ..
            }),
            Ok(_),
        )
        | (
            Command::DeleteObject(DeleteObject {
                assign_version_id: Some(_),
                ..
            }),
            Ok(_),
        ) => {
            labels.push("ID-5 supplied ID accepted");
        }
        (
            Command::PutObject(PutObject {
                assign_version_id: Some(_),
                ..
            }),
            Err(Violation::InvalidArgument(_)),
        )
        | (
            Command::DeleteObject(DeleteObject {
                assign_version_id: Some(_),
                ..
            }),
            Err(Violation::InvalidArgument(_)),
        ) => {
            labels.push("ID-5 supplied ID rejected");
        }
        (Command::AppendObject(AppendObject { key, .. }), Ok(_)) => match head(key.as_str()) {
            None => labels.push("APP-3 append creates"),
            Some(entry) if entry.is_delete_marker() => {
                labels.push("APP-3 append creates above a delete marker");
            }
            Some(_) => labels.push("APP-4 append in place"),
        },
        (Command::SealAppendObject(_), Ok(_)) => labels.push("APP-10 seal"),
        (
            Command::DeleteObject(DeleteObject {
                key,
                version_id: None,
                ..
            }),
            Ok(_),
        ) => {
            if state == VersioningState::Suspended {
                labels.push("DEL-4 Suspended simple delete");
            }
            if state == VersioningState::Enabled
                && head(key.as_str()).is_some_and(|entry| entry.is_delete_marker())
            {
                labels.push("DEL-3 marker stacked on a marker");
            }
        }
        (
            Command::DeleteObject(DeleteObject {
                key,
                version_id: Some(id),
                ..
            }),
            Ok(outcome),
        ) => {
            let chain = before.chain(key.as_str());
            let entry = chain.and_then(|chain| chain.iter().find(|entry| entry.version_id() == id));
            match entry {
                None => labels.push("DEL-7 delete by an ID naming nothing"),
                Some(entry) if entry.is_delete_marker() => {
                    labels.push("DEL-5 delete a marker by ID");
                }
                Some(entry) if !entry.is_latest() => {
                    labels.push("DEL-5 delete a noncurrent version by ID");
                }
                Some(_) => {}
            }
            let _ = outcome;
        }
        (Command::DeleteObjects(_), Err(Violation::MalformedXml(_))) => {
            labels.push("BAT-1 MalformedXML");
        }
        (Command::DeleteObjects(_), Ok(Outcome::DeleteObjects(batch))) => {
            if batch
                .deleted
                .iter()
                .any(|deleted| deleted.version_id.is_none() && deleted.delete_marker)
            {
                labels.push("BAT-3 batch made a marker");
            }
            if !batch.errors.is_empty() {
                labels.push("BAT-4 batch error entry");
            }
        }
        (
            Command::GetObject(GetObject {
                version_id: None, ..
            }),
            Err(Violation::NoSuchKey {
                delete_marker: true,
                ..
            }),
        ) => {
            labels.push("GET-2 NoSuchKey on a marker");
        }
        (
            Command::GetObject(GetObject {
                key,
                version_id: Some(id),
            })
            | Command::HeadObject(HeadObject {
                key,
                version_id: Some(id),
            }),
            Ok(_),
        ) if head(key.as_str()).is_some_and(|entry| entry.version_id() != id) => {
            labels.push("GET-4 read a noncurrent version");
        }
        (_, Err(Violation::MethodNotAllowed { .. })) => labels.push("GET-5 MethodNotAllowed"),
        (Command::GetObject(_) | Command::HeadObject(_), Err(Violation::NoSuchVersion { .. })) => {
            labels.push("GET-6 NoSuchVersion");
        }
        (
            Command::CopyObject(CopyObject {
                source_key, key, ..
            }),
            Ok(_),
        ) => {
            labels.push("CPY-4 copy");
            if source_key == key {
                labels.push("CPY-6 restore by copying onto its own key");
            }
        }
        (
            Command::CopyObject(CopyObject {
                source_version_id: None,
                ..
            }),
            Err(Violation::NoSuchKey { .. }),
        ) => {
            labels.push("CPY-2 copy of nothing");
        }
        (
            Command::CopyObject(CopyObject {
                source_key,
                source_version_id: Some(id),
                ..
            }),
            Err(Violation::NoSuchKey { .. } | Violation::InvalidRequest(_)),
        ) if has_entry(source_key.as_str(), id) => {
            labels.push("CPY-3 copy naming a marker");
        }
        (Command::CompleteMultipartUpload(CompleteMultipartUpload { parts, .. }), Ok(_)) => {
            if parts.len() > 1 {
                labels.push("MPU-7 Complete of several parts");
                if before.dialect() == bucket_versioning::Dialect::S3 {
                    labels.push("MPU-7 Complete in s3 of several parts");
                }
            } else {
                labels.push("MPU-7 Complete of one part");
            }
        }
        (Command::AbortMultipartUpload(_), Ok(_)) => labels.push("MPU-8 abort"),
        (Command::ListParts(_), Ok(Outcome::ListParts(page))) if page.is_truncated => {
            labels.push("MPU-9 ListParts truncated");
        }
        (
            Command::ListMultipartUploads(ListMultipartUploads {
                key_marker,
                upload_id_marker,
                ..
            }),
            Ok(Outcome::ListMultipartUploads(page)),
        ) => {
            if page.is_truncated {
                labels.push("MPU-10 ListMultipartUploads truncated");
            }
            if key_marker.is_some() && upload_id_marker.is_some() && !page.uploads.is_empty() {
                labels.push("MPU-10 ListMultipartUploads resumed after an upload");
            }
        }
        (
            Command::ListObjectVersions(ListObjectVersions {
                key_marker: Some(key),
                version_id_marker: Some(id),
                ..
            }),
            Ok(_),
        ) if has_entry(key, id) => {
            labels.push("LST-3 versions resumed within a key");
        }
        (
            Command::ListObjectVersions(_),
            Err(Violation::InvalidArgument(
                bucket_versioning::violation::ArgumentError::VersionIdMarkerWithoutKeyMarker,
            )),
        ) => {
            labels.push("LST-4 version marker without key marker");
        }
        (Command::AdvanceClock(_), Err(_)) => labels.push("ERR-3 clock overflow"),
        (
            Command::PutObjectTagging(PutObjectTagging {
                key,
                version_id: Some(id),
                ..
            }),
            Ok(_),
        ) if head(key.as_str()).is_some_and(|head| head.version_id() != id) => {
            labels.push("TAG-2 tagging a noncurrent version");
        }
        (
            Command::PutObjectTagging(_)
            | Command::GetObjectTagging(_)
            | Command::DeleteObjectTagging(_),
            Err(violation),
        ) if violation.delete_marker() => labels.push("TAG-2 tagging refused on a marker"),
        _ => {}
    }
    match (command, result) {
        (
            Command::PutObject(PutObject {
                tags: Some(tags), ..
            }),
            Ok(_),
        ) if !tags.is_empty() => {
            labels.push("TAG-1 a write sets tags");
        }
        (
            Command::CopyObject(CopyObject {
                tagging_directive: Some(Directive::Replace),
                ..
            }),
            Ok(_),
        ) => labels.push("TAG-1 a copy replaces the tags"),
        (
            Command::AppendObject(AppendObject {
                position: 0,
                tags: Some(tags),
                ..
            }),
            Ok(_),
        ) if !tags.is_empty() => labels.push("TAG-1 a creating append sets tags"),
        _ => {}
    }
    if let Command::PutObject(PutObject {
        content_type,
        metadata,
        storage_class,
        ..
    })
    | Command::AppendObject(AppendObject {
        content_type,
        metadata,
        storage_class,
        ..
    }) = command
        && (content_type.is_some() || metadata.is_some() || storage_class.is_some())
        && result.is_ok()
    {
        labels.push("TAG-5 a write sets metadata");
    }
    labels.extend(condition_labels(before, command, result));
    labels.extend(lock_labels(before, command, result));
    match result {
        Ok(Outcome::ListObjectVersions(page)) => {
            if page.is_truncated {
                labels.push("LST-5 versions truncated");
            }
            if !page.common_prefixes.is_empty() {
                labels.push("LST-6 versions with common prefixes");
            }
        }
        Ok(Outcome::ListObjects(page)) => {
            if page.is_truncated {
                labels.push("LST-5 objects truncated");
            }
            if !page.common_prefixes.is_empty() {
                labels.push("LST-6 objects with common prefixes");
            }
        }
        Err(Violation::InvalidArgument(
            bucket_versioning::violation::ArgumentError::LimitOutOfRange {
                name: "max-keys", ..
            },
        )) => {
            labels.push("LST-2 max-keys rejected");
        }
        Err(Violation::InvalidObjectName { .. } | Violation::KeyTooLong { .. }) => {
            labels.push("KEY invalid key rejected");
        }
        Err(Violation::PositionNotEqualToLength { .. }) => {
            labels.push("APP-5 PositionNotEqualToLength")
        }
        Err(Violation::ObjectNotAppendable) => labels.push("APP-6 ObjectNotAppendable"),
        Err(Violation::NotImplemented { .. }) => labels.push("APP-1 NotImplemented"),
        Err(Violation::NoSuchUpload { .. }) => labels.push("MPU-3 NoSuchUpload"),
        Err(Violation::InvalidPartOrder) => labels.push("MPU-4 InvalidPartOrder"),
        Err(Violation::MalformedXml(bucket_versioning::violation::MalformedXmlReason::NoParts)) => {
            labels.push("MPU-4 MalformedXML");
        }
        Err(Violation::InvalidPart { .. }) => labels.push("MPU-5 InvalidPart"),
        Err(Violation::EntityTooSmall { .. }) => labels.push("MPU-6 EntityTooSmall"),
        Err(Violation::InvalidRequest(
            bucket_versioning::violation::InvalidRequestReason::CopySourceIsAppendable,
        )) => {
            labels.push("CPY-5 copy of an appendable refused");
        }
        Err(Violation::InvalidRequest(
            bucket_versioning::violation::InvalidRequestReason::CopyOntoItself,
        )) => labels.push("TAG-6 s3 copy onto itself refused"),
        Err(Violation::InvalidTag(_)) => labels.push("TAG-3 InvalidTag"),
        Err(Violation::MetadataTooLarge { .. }) => labels.push("TAG-5 MetadataTooLarge"),
        Err(Violation::InvalidStorageClass { .. }) => labels.push("TAG-5 InvalidStorageClass"),
        _ => {}
    }
    labels
}

/// The labels of a conditional write or delete (CND-3..CND-6).
fn condition_labels(
    before: &Bucket,
    command: &Command,
    result: &Result<Outcome, Violation>,
) -> Vec<&'static str> {
    use bucket_versioning::violation::PreconditionReason;
    let mut labels = Vec::new();
    let (key, if_match, if_none_match) = match command {
        Command::PutObject(c) => (
            c.key.as_str(),
            c.if_match.is_some(),
            c.if_none_match.is_some(),
        ),
        Command::CopyObject(c) => (
            c.key.as_str(),
            c.if_match.is_some(),
            c.if_none_match.is_some(),
        ),
        Command::CompleteMultipartUpload(c) => (
            c.key.as_str(),
            c.if_match.is_some(),
            c.if_none_match.is_some(),
        ),
        Command::DeleteObject(c) => (c.key.as_str(), c.if_match.is_some(), false),
        _ => ("", false, false),
    };
    let head_is_marker = before
        .chain(key)
        .and_then(|chain| chain.head())
        .is_some_and(|head| head.is_delete_marker());
    let is_delete = matches!(command, Command::DeleteObject(_));
    match result {
        Ok(_) if if_match && is_delete => labels.push("CND-5 conditional delete"),
        Ok(_) if if_match => labels.push("CND-4 a matching if_match writes"),
        Ok(_) if if_none_match && head_is_marker => {
            labels.push("CND-3 if_none_match passes over a marker")
        }
        Err(Violation::NoSuchKey {
            delete_marker: true,
            ..
        }) if if_match && !is_delete => labels.push("CND-4 if_match on a marker head"),
        Err(Violation::PreconditionFailed(PreconditionReason::ObjectExists)) => {
            labels.push("CND-3 if_none_match refused an existing object")
        }
        Err(Violation::PreconditionFailed(PreconditionReason::ETagMismatch)) => {
            labels.push("CND-4 if_match mismatch")
        }
        Err(Violation::PreconditionFailed(PreconditionReason::NotAnObjectVersion)) => {
            labels.push("CND-5 conditional delete of a version that is no object")
        }
        Err(Violation::FileAlreadyExists) => labels.push("CND-6 FileAlreadyExists"),
        Err(Violation::UnsupportedCondition(_)) => {
            labels.push("CND-6 the other dialect's condition refused")
        }
        _ => {}
    }
    labels
}

/// The labels of an Object Lock or retention-policy step (OL-1..OL-8).
fn lock_labels(
    before: &Bucket,
    command: &Command,
    result: &Result<Outcome, Violation>,
) -> Vec<&'static str> {
    use bucket_versioning::lock::RetentionMode;
    use bucket_versioning::request::PutObjectRetention;
    use bucket_versioning::violation::{
        AccessDeniedReason, ArgumentError, BucketStateReason, InvalidRequestReason,
    };
    let mut labels = Vec::new();
    let now = before.now();
    // The retention of the version a request names, before the step.
    let retention_of = |key: &str, id: &Option<VersionId>| {
        before
            .object_lock_of(key, id.as_ref())
            .ok()
            .and_then(|(retention, _)| retention)
    };
    match (command, result) {
        (Command::PutObjectLockConfiguration(_), Ok(_)) => {
            labels.push("OL-1 Object Lock turned on");
        }
        (_, Err(Violation::InvalidArgument(ArgumentError::DefaultRetentionPeriod))) => {
            labels.push("OL-1 default retention refused");
        }
        (_, Err(Violation::InvalidBucketState(BucketStateReason::SuspendWithLock))) => {
            labels.push("OL-1 Suspended refused while Object Lock is on");
        }
        (
            Command::PutObjectLockConfiguration(_)
            | Command::InitiateBucketWorm(_)
            | Command::CompleteBucketWorm(_)
            | Command::ExtendBucketWorm(_)
            | Command::AbortBucketWorm(_),
            Err(Violation::NotImplemented { .. }),
        ) => labels.push("OL-1 lock or policy refused in the other dialect"),
        (
            Command::PutObject(PutObject {
                retention,
                legal_hold,
                ..
            }),
            Ok(_),
        ) if retention.is_some() || legal_hold.is_some() => {
            if retention.is_some() {
                labels.push("OL-2 a write carries a retention");
            }
            if legal_hold.is_some() {
                labels.push("OL-2 a write carries a legal hold");
            }
        }
        (_, Err(Violation::InvalidRequest(InvalidRequestReason::ObjectLockNotEnabled))) => {
            labels.push("OL-2 retention refused without Object Lock");
        }
        (
            Command::PutObjectRetention(PutObjectRetention {
                key,
                version_id,
                mode,
                retain_until,
                bypass_governance,
            }),
            Ok(_),
        ) => {
            labels.push("OL-2 retention set");
            if let Some(old) = retention_of(key.as_str(), version_id)
                && old.holds_at(now)
            {
                if old.mode == *mode && *retain_until > old.retain_until {
                    labels.push("OL-6 retention lengthened");
                }
                if old.mode == RetentionMode::Governance
                    && *retain_until < old.retain_until
                    && *bypass_governance == Some(true)
                {
                    labels.push("OL-6 GOVERNANCE shortened with bypass");
                }
            }
        }
        (Command::PutObjectLegalHold(_), Ok(_)) => labels.push("OL-2 legal hold set"),
        (_, Err(Violation::AccessDenied(AccessDeniedReason::ComplianceChange))) => {
            labels.push("OL-6 COMPLIANCE shortening refused");
        }
        (_, Err(Violation::AccessDenied(AccessDeniedReason::GovernanceChange))) => {
            labels.push("OL-6 GOVERNANCE change refused");
        }
        (
            Command::DeleteObject(_),
            Err(Violation::AccessDenied(
                AccessDeniedReason::GovernanceRetention | AccessDeniedReason::ComplianceRetention,
            )),
        ) => labels.push("OL-4 delete refused by a retention"),
        (Command::DeleteObject(_), Err(Violation::AccessDenied(AccessDeniedReason::LegalHold))) => {
            labels.push("OL-4 delete refused by a legal hold");
        }
        (
            Command::DeleteObject(DeleteObject {
                key,
                version_id: version_id @ Some(_),
                bypass_governance,
                ..
            }),
            Ok(_),
        ) => {
            if let Some(old) = retention_of(key.as_str(), version_id) {
                if old.holds_at(now)
                    && old.mode == RetentionMode::Governance
                    && *bypass_governance == Some(true)
                {
                    labels.push("OL-4 GOVERNANCE bypassed");
                }
                if old.retain_until == now {
                    labels.push("OL-3 delete at the second the retention ran out");
                }
            }
        }
        (
            Command::DeleteObject(DeleteObject {
                key, version_id, ..
            }),
            Ok(_),
        ) if before.get_bucket_worm().is_ok_and(|worm| {
            before.chain(key.as_str()).is_some_and(|chain| {
                chain
                    .iter()
                    .find(|entry| match version_id {
                        Some(id) => entry.version_id() == id,
                        None => entry.is_latest(),
                    })
                    .is_some_and(|entry| {
                        !entry.is_delete_marker()
                            && entry
                                .last_modified()
                                .saturating_add(u64::from(worm.days) * 86_400)
                                == now
                    })
            })
        }) =>
        {
            labels.push("OL-7 delete at the second the protection ran out");
        }
        (
            Command::DeleteObjects(DeleteObjects {
                objects,
                bypass_governance,
                ..
            }),
            Ok(Outcome::DeleteObjects(outcome)),
        ) => {
            let failed = |object: &ObjectIdentifier| {
                outcome
                    .errors
                    .iter()
                    .any(|error| error.key == object.key && error.version_id == object.version_id)
            };
            if *bypass_governance == Some(true)
                && objects.iter().any(|object| {
                    object.version_id.is_some()
                        && !failed(object)
                        && retention_of(object.key.as_str(), &object.version_id).is_some_and(
                            |old| old.holds_at(now) && old.mode == RetentionMode::Governance,
                        )
                })
            {
                labels.push("OL-4 GOVERNANCE bypassed in a batch");
            }
            if outcome.errors.iter().any(|error| {
                matches!(
                    error.violation,
                    Violation::AccessDenied(
                        AccessDeniedReason::GovernanceRetention
                            | AccessDeniedReason::ComplianceRetention
                            | AccessDeniedReason::LegalHold
                    )
                )
            }) {
                labels.push("OL-4 batch entry refused by a lock");
            }
        }
        (
            Command::InitiateMultipartUpload(InitiateMultipartUpload {
                retention,
                legal_hold,
                ..
            }),
            Ok(_),
        ) if retention.is_some() || legal_hold.is_some() => {
            labels.push("OL-2 an upload carries a lock");
        }
        (
            Command::CompleteMultipartUpload(CompleteMultipartUpload {
                key,
                retention: None,
                legal_hold: None,
                ..
            }),
            Ok(Outcome::CompleteMultipartUpload(completed)),
        ) => {
            // The lock the object got came from the Initiate: a legal hold (no default gives
            // one), or a retention where the bucket has no default retention.
            let mut after = before.clone();
            let _ = after.apply(command.clone());
            let no_default = before
                .object_lock_configuration()
                .is_none_or(|config| config.default_retention.is_none());
            if let Ok((retention, held)) =
                after.object_lock_of(key.as_str(), completed.version_id.as_ref())
                && (held || (retention.is_some() && no_default))
            {
                labels.push("OL-2 a completed upload takes its lock");
            }
        }
        (Command::InitiateBucketWorm(_), Ok(_)) => labels.push("OL-7 WORM initiated"),
        (Command::CompleteBucketWorm(_), Ok(_)) => labels.push("OL-7 WORM completed"),
        (Command::ExtendBucketWorm(_), Ok(_)) => labels.push("OL-7 WORM extended"),
        (Command::AbortBucketWorm(_), Ok(_)) => labels.push("OL-7 WORM aborted"),
        (_, Err(Violation::InvalidArgument(ArgumentError::WormNotLonger { .. }))) => {
            labels.push("OL-7 WORM extend not longer refused");
        }
        (_, Err(Violation::InvalidBucketState(BucketStateReason::SuspendWithWorm))) => {
            labels.push("OL-7 Suspended refused with a policy");
        }
        (Command::DeleteObject(_), Err(Violation::FileImmutable)) => {
            labels.push("OL-7 delete refused by WORM");
        }
        (Command::PutObject(_), Err(Violation::FileImmutable)) => {
            labels.push("OL-7 overwrite refused by WORM");
        }
        (Command::AppendObject(_), Err(Violation::FileImmutable)) => {
            labels.push("OL-8 append refused by WORM");
        }
        _ => {}
    }
    labels
}

// Rule: INV-1..INV-9, INV-13, ERR-2, OL-1..OL-8 — the property tests that check them see every
// command kind and the outcomes listed above (a check on the generator itself), the Object Lock
// and retention-policy ones among them.
#[test]
fn the_generator_reaches_every_kind_and_the_interesting_outcomes() {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let strategy = arb_scenario(1..=100);
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut steps = 0usize;
    for _ in 0..SAMPLE {
        let (config, commands) = strategy
            .new_tree(&mut runner)
            .expect("the strategy generates")
            .current();
        let mut bucket = Bucket::new(config);
        for command in &commands {
            let before = bucket.clone();
            let result = bucket.apply(command.clone());
            *kinds.entry(command.op()).or_default() += 1;
            for label in classify(&before, command, &result) {
                *outcomes.entry(label).or_default() += 1;
            }
            steps += 1;
        }
    }
    eprintln!("{SAMPLE} sequences, {steps} steps");
    for (label, count) in kinds.iter().chain(outcomes.iter()) {
        eprintln!("{count:>7}  {label}");
    }
    let missing: Vec<String> = KINDS
        .iter()
        .chain(OUTCOMES)
        .filter_map(|label| {
            let count = kinds
                .get(label)
                .or(outcomes.get(label))
                .copied()
                .unwrap_or(0);
            (count < AT_LEAST).then(|| format!("{label} ({count})"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "the generator reached these fewer than {AT_LEAST} times in {SAMPLE} sequences: {missing:?}"
    );
}
