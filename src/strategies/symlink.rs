//! Symlink and metadata-read strategies (SYM, GET-8): links whose targets exist, do not, are
//! links themselves or are hidden by a delete marker, reads of links, and GetObjectMeta on
//! heads and versions.

use alloc::vec::Vec;

use proptest::option;
use proptest::prelude::*;

use super::{KEYS, Template, key, metadata_fields, tags, version_ref};
use crate::bucket::Bucket;
use crate::key::ObjectKey;
use crate::object_type::ObjectType;
use crate::version_id::IdSource;

/// A key in a [`Template`] picked by what its head is when the command's turn comes: a
/// PutSymlink's target, so that links meet every case of SYM-4, and the key a read of the
/// symlink family names, so that reads meet links, multipart objects and appendables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetPick {
    /// The N-th (counted round) of [`KEYS`] whose head is an object version other than a
    /// link: a target that resolves.
    Object(usize),
    /// The N-th key whose head is a Multipart object (GET-8's part count).
    Multipart(usize),
    /// The N-th key whose head is an Appendable object (GET-8's next position).
    Appendable(usize),
    /// The N-th key whose head is a Symlink: a link to a link (`InvalidTargetType`).
    Link(usize),
    /// The N-th key whose head is a delete marker (`SymlinkTargetNotExist`).
    Hidden(usize),
    /// The N-th key with no entries (`SymlinkTargetNotExist`).
    Absent(usize),
    /// This key (perhaps one KEY-1 refuses).
    Given(ObjectKey),
}

/// PutSymlink (its tags and metadata drawn as a PutObject's, now and then `forbid_overwrite`,
/// CND-6), GetSymlink and GetObjectMeta.
pub(super) fn template() -> impl Strategy<Value = Template> {
    let target = prop_oneof![
        6 => (0..8usize).prop_map(TargetPick::Object),
        2 => (0..8usize).prop_map(TargetPick::Link),
        2 => (0..8usize).prop_map(TargetPick::Hidden),
        2 => (0..8usize).prop_map(TargetPick::Absent),
        1 => key().prop_map(TargetPick::Given),
    ];
    // The key a read names: mostly a link (or, for GetObjectMeta, a multipart object or an
    // appendable), else any key.
    let read_key = prop_oneof![
        4 => (0..8usize).prop_map(TargetPick::Link),
        6 => (0..8usize).prop_map(TargetPick::Multipart),
        1 => (0..8usize).prop_map(TargetPick::Appendable),
        3 => key().prop_map(TargetPick::Given),
    ];
    prop_oneof![
        6 => (
            key(),
            target,
            option::weighted(0.2, tags()),
            metadata_fields(),
            option::weighted(0.2, proptest::bool::ANY),
        )
            .prop_map(
                |(key, target, tags, (content_type, metadata, storage_class), forbid_overwrite)| {
                    Template::PutSymlink {
                        key, target, tags, content_type, metadata, storage_class, forbid_overwrite,
                    }
                }
            ),
        3 => (read_key.clone(), option::weighted(0.4, version_ref()))
            .prop_map(|(key, version_id)| Template::GetSymlink { key, version_id }),
        4 => (read_key.clone(), option::weighted(0.4, version_ref()))
            .prop_map(|(key, version_id)| Template::GetObjectMeta { key, version_id }),
        3 => (read_key, proptest::bool::ANY)
            .prop_map(|(key, head)| Template::ReadPicked { key, head }),
    ]
}

/// What a key's head is — `None` with no entries, `Some(None)` for a delete marker, else the
/// object's type — and whether a pick wants it.
type HeadTest = fn(Option<Option<ObjectType>>) -> bool;

/// A target pick resolved against `bucket`: the key it names, or, when no key fits, the N-th
/// of [`KEYS`].
pub(super) fn resolve_target<S: IdSource>(pick: &TargetPick, bucket: &Bucket<S>) -> ObjectKey {
    let (n, fits): (usize, HeadTest) = match pick {
        TargetPick::Given(key) => return key.clone(),
        TargetPick::Object(n) => (
            *n,
            |head| matches!(head, Some(Some(kind)) if kind != ObjectType::Symlink),
        ),
        TargetPick::Multipart(n) => (*n, |head| head == Some(Some(ObjectType::Multipart))),
        TargetPick::Appendable(n) => (*n, |head| head == Some(Some(ObjectType::Appendable))),
        TargetPick::Link(n) => (*n, |head| head == Some(Some(ObjectType::Symlink))),
        TargetPick::Hidden(n) => (*n, |head| head == Some(None)),
        TargetPick::Absent(n) => (*n, |head| head.is_none()),
    };
    // Each key's head: `None` with no entries, `Some(None)` for a delete marker.
    let head = |key: &str| {
        bucket
            .chain(key)
            .and_then(|chain| chain.iter().next().map(|entry| entry.object_type()))
    };
    let fitting: Vec<&str> = KEYS.iter().copied().filter(|key| fits(head(key))).collect();
    let chosen = match fitting.len() {
        0 => KEYS[n % KEYS.len()],
        len => fitting[n % len],
    };
    ObjectKey::new(chosen)
}
