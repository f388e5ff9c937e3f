//! The append upload's decision, read straight from rules.md (APP-1..APP-10, KEY-1): what an
//! append or a seal must answer given the bucket as it stands before it. The append property
//! test (`tests/rules/append_properties.rs`) checks every append and seal it generates against
//! it. It reads the bucket only through its public views.

use bucket_versioning::{
    Body, Bucket, Dialect, ObjectKey, ObjectType, VersionId, Violation, dialect::MAX_OBJECT_SIZE,
    violation::ArgumentError,
};

/// What the head of a key is, as APP-3..APP-6 and APP-10 distinguish it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadKind {
    /// No entries, or a delete marker.
    Nothing,
    Appendable {
        len: u64,
        sealed: bool,
    },
    /// Normal or Multipart.
    Other,
}

pub fn head_kind(bucket: &Bucket, key: &ObjectKey) -> HeadKind {
    let Some(head) = bucket.chain(key).and_then(|chain| chain.head()) else {
        return HeadKind::Nothing;
    };
    match head.object_type() {
        None => HeadKind::Nothing,
        Some(ObjectType::Appendable) => HeadKind::Appendable {
            len: head.size(),
            sealed: head.is_sealed(),
        },
        Some(_) => HeadKind::Other,
    }
}

/// KEY-1.
fn key_violation(key: &ObjectKey) -> Option<Violation> {
    let text = key.as_str();
    (text.is_empty() || text.len() > 1023 || text.starts_with(['/', '\\']))
        .then(|| Violation::InvalidObjectName { key: key.clone() })
}

/// APP-1..APP-8 for an append: the new length, or the violation.
pub fn expected_append(
    bucket: &Bucket,
    key: &ObjectKey,
    position: u64,
    body: &Body,
    version_id: Option<&VersionId>,
) -> Result<u64, Violation> {
    if bucket.dialect() == Dialect::S3 {
        return Err(Violation::NotImplemented {
            operation: "AppendObject",
        });
    }
    if let Some(violation) = key_violation(key) {
        return Err(violation);
    }
    if version_id.is_some() {
        return Err(Violation::InvalidArgument(ArgumentError::VersionIdOnAppend));
    }
    let Ok(piece) = body.len() else {
        return Err(Violation::InvalidArgument(ArgumentError::BodyTooLong));
    };
    let current = match head_kind(bucket, key) {
        HeadKind::Nothing => 0,
        HeadKind::Appendable { len, sealed: false } => len,
        HeadKind::Appendable { sealed: true, .. } | HeadKind::Other => {
            return Err(Violation::ObjectNotAppendable);
        }
    };
    if position != current {
        return Err(Violation::PositionNotEqualToLength {
            next_position: current,
        });
    }
    match current.checked_add(piece) {
        Some(total) if total <= MAX_OBJECT_SIZE => Ok(total),
        _ => Err(Violation::InlineDataTooLarge {
            size: current.saturating_add(piece),
            max_size: MAX_OBJECT_SIZE,
        }),
    }
}

/// APP-1, APP-10 for a seal.
pub fn expected_seal(bucket: &Bucket, key: &ObjectKey, position: u64) -> Result<(), Violation> {
    if bucket.dialect() == Dialect::S3 {
        return Err(Violation::NotImplemented {
            operation: "SealAppendObject",
        });
    }
    if let Some(violation) = key_violation(key) {
        return Err(violation);
    }
    match head_kind(bucket, key) {
        HeadKind::Appendable { len, .. } if position != len => {
            Err(Violation::PositionNotEqualToLength { next_position: len })
        }
        HeadKind::Appendable { .. } => Ok(()),
        HeadKind::Nothing | HeadKind::Other => Err(Violation::ObjectNotAppendable),
    }
}
