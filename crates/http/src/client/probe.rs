//! The refusals of a command's own arguments, as the model gives them: what the client offers
//! as candidates when a response reports `InvalidTag`, `MetadataTooLarge`,
//! `InvalidStorageClass` (TAG-3, TAG-5), a lifecycle configuration's `MalformedXML` /
//! `InvalidArgument` (LC-9), or a condition the dialect does not take (`NotImplemented`, CND-1,
//! CND-6), whose carried reasons the `<Error>` document does not spell out.
//!
//! Each argument is checked by applying a probe command that carries only it to a fresh bucket
//! of the dialect — a PutObject of an empty body for a write's tags and attributes, the
//! PutBucketLifecycle itself for rules, a PutObject with the write's conditions — so the
//! reasons come from the model's own checks (no
//! second copy of the rules here). The probes read no state: these checks depend on the
//! arguments alone.

use bucket_versioning::request::{PutBucketLifecycle, PutObject};
use bucket_versioning::{Bucket, BucketConfig, Command, Dialect, Violation};

/// The violations the arguments of `command` meet, in the model's words.
pub(super) fn argument_violations(dialect: Dialect, command: &Command) -> Vec<Violation> {
    let mut out: Vec<Violation> = condition_refusal(dialect, command).into_iter().collect();
    out.extend(attribute_violations(dialect, command));
    out
}

/// CND-1, CND-6: the dialect's refusal of a write's conditions, an argument check. The probe
/// is a PutObject with the same conditions on an empty bucket; what it meets past the argument
/// step (`NoSuchKey` of an `if_match`) is not an argument's refusal and is dropped.
fn condition_refusal(dialect: Dialect, command: &Command) -> Option<Violation> {
    let (if_match, if_none_match, forbid_overwrite) = match command {
        Command::PutObject(c) => (&c.if_match, &c.if_none_match, c.forbid_overwrite),
        Command::CopyObject(c) => (&c.if_match, &c.if_none_match, c.forbid_overwrite),
        Command::CompleteMultipartUpload(c) => (&c.if_match, &c.if_none_match, c.forbid_overwrite),
        _ => return None,
    };
    let probe = PutObject {
        if_match: if_match.clone(),
        if_none_match: if_none_match.clone(),
        forbid_overwrite,
        ..PutObject::new("probe", "")
    };
    refusal(dialect, probe.into())
        .filter(|violation| matches!(violation, Violation::UnsupportedCondition(_)))
}

/// The refusals of a write's tags and attributes and of a lifecycle configuration.
fn attribute_violations(dialect: Dialect, command: &Command) -> Vec<Violation> {
    let (tags, content_type, metadata, storage_class) = match command {
        Command::PutObject(put) => (
            put.tags.as_ref(),
            put.content_type.as_ref(),
            put.metadata.as_ref(),
            put.storage_class.as_ref(),
        ),
        Command::AppendObject(append) => (
            append.tags.as_ref(),
            append.content_type.as_ref(),
            append.metadata.as_ref(),
            append.storage_class.as_ref(),
        ),
        Command::InitiateMultipartUpload(initiate) => (
            initiate.tags.as_ref(),
            initiate.content_type.as_ref(),
            initiate.metadata.as_ref(),
            initiate.storage_class.as_ref(),
        ),
        Command::CopyObject(copy) => (
            copy.tags.as_ref(),
            copy.content_type.as_ref(),
            copy.metadata.as_ref(),
            copy.storage_class.as_ref(),
        ),
        Command::PutSymlink(link) => (
            link.tags.as_ref(),
            link.content_type.as_ref(),
            link.metadata.as_ref(),
            link.storage_class.as_ref(),
        ),
        Command::PutObjectTagging(tagging) => (Some(&tagging.tags), None, None, None),
        Command::PutBucketLifecycle(PutBucketLifecycle { rules, .. }) => {
            return refusal(dialect, PutBucketLifecycle::new(rules.clone()).into())
                .into_iter()
                .collect();
        }
        _ => return Vec::new(),
    };
    let probe = || PutObject::new("probe", "");
    let mut out = Vec::new();
    if let Some(tags) = tags {
        out.extend(refusal(dialect, probe().tags(tags.clone()).into()));
    }
    if metadata.is_some() || content_type.is_some() {
        // As the server reads it (names lower-cased, repeats joined), so sizes agree.
        let metadata = crate::attributes::on_the_wire(metadata).unwrap_or_default();
        let mut put = probe().metadata(metadata);
        put.content_type = content_type.cloned();
        out.extend(refusal(dialect, put.into()));
    }
    if let Some(storage_class) = storage_class {
        out.extend(refusal(
            dialect,
            probe().storage_class(storage_class.clone()).into(),
        ));
    }
    out
}

fn refusal(dialect: Dialect, command: Command) -> Option<Violation> {
    Bucket::new(BucketConfig::new(dialect)).apply(command).err()
}
