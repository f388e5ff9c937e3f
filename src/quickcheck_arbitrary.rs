//! [`quickcheck::Arbitrary`] for commands and the types they carry (feature `quickcheck`).
//!
//! A second generator, written apart from the `strategies` module and drawing from
//! quickcheck's own randomness, so that the two miss different things. It knows nothing of a
//! bucket's state, so it names things from small fixed pools (see `Arbitrary for Command`).

use crate::request::{
    AbortMultipartUpload, AdvanceClock, AppendObject, CompleteMultipartUpload, CopyObject,
    DeleteObject, DeleteObjects, GetBucketVersioning, GetObject, HeadObject,
    InitiateMultipartUpload, ListMultipartUploads, ListObjectVersions, ListObjects, ListParts,
    PutBucketVersioning, PutObject, SealAppendObject, UploadPart,
};
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use std::sync::OnceLock;

use quickcheck::{Arbitrary, Gen};

use crate::body::Body;
use crate::command::Command;
use crate::config::{AppendableVersionIds, BucketConfig};
use crate::content::ETag;
use crate::dialect::Dialect;
use crate::key::ObjectKey;
use crate::metadata::Directive;
use crate::request::{CompletedPart, ObjectIdentifier};
use crate::tags::Tags;
use crate::upload_id::UploadId;
use crate::version_id::VersionId;

const KEYS: [&str; 6] = ["a", "a/b", "a/c", "b", "b/x", "c"];
const VERSION_IDS: [&str; 9] = ["null", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8"];
const UPLOAD_IDS: [&str; 4] = ["u1", "u2", "u3", "u4"];
const TEXTS: [&str; 5] = ["", "a", "bc", "def", "hello"];
/// Part bodies as (piece, times): sizes around the oss minimum (102400) and the s3 one
/// (5242880), and one small part.
const PARTS: [(&str, u64); 5] = [
    ("p", 1),
    ("p", 102_399),
    ("p", 102_400),
    ("q", 102_400),
    ("p", 5_242_880),
];

/// A number in `0..n` (`n > 0`).
fn below(g: &mut Gen, n: usize) -> usize {
    usize::arbitrary(g).checked_rem(n).unwrap_or(0)
}

/// True with probability about `percent` in 100.
fn chance(g: &mut Gen, percent: usize) -> bool {
    below(g, 100) < percent
}

fn one_of<'a>(g: &mut Gen, items: &[&'a str]) -> &'a str {
    g.choose(items).copied().unwrap_or_default()
}

fn part_body(index: usize) -> Body {
    let (piece, times) = PARTS.get(index).copied().unwrap_or(("p", 1));
    Body::Repeat {
        repeat: piece.into(),
        times,
    }
}

/// The ETags of the pool's part bodies, computed once.
fn part_etags() -> &'static [ETag] {
    static ETAGS: OnceLock<Vec<ETag>> = OnceLock::new();
    ETAGS.get_or_init(|| {
        (0..PARTS.len())
            .map(|index| {
                let digest = part_body(index)
                    .content()
                    .ok()
                    .and_then(|content| content.md5())
                    .unwrap_or_default();
                ETag::of_digest(&digest, true)
            })
            .collect()
    })
}

impl Arbitrary for ObjectKey {
    /// One of a few keys sharing prefixes, or now and then any string.
    fn arbitrary(g: &mut Gen) -> Self {
        if chance(g, 95) {
            ObjectKey::from(one_of(g, &KEYS))
        } else {
            ObjectKey::new(String::arbitrary(g))
        }
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        quickcheck::single_shrinker(ObjectKey::from("a")).filter_self(self.clone())
    }
}

impl Arbitrary for VersionId {
    /// `null` or one of `v1`…`v8`, or now and then empty or any string.
    fn arbitrary(g: &mut Gen) -> Self {
        match below(g, 20) {
            0 => VersionId::new(""),
            1 => VersionId::new(String::arbitrary(g)),
            _ => VersionId::from(one_of(g, &VERSION_IDS)),
        }
    }
}

impl Arbitrary for UploadId {
    /// One of `u1`…`u4`, the first ones more often, or now and then any string.
    fn arbitrary(g: &mut Gen) -> Self {
        match below(g, 20) {
            0 => UploadId::new(String::arbitrary(g)),
            1..=8 => UploadId::from(UPLOAD_IDS[0]),
            9..=14 => UploadId::from(UPLOAD_IDS[1]),
            15..=17 => UploadId::from(UPLOAD_IDS[2]),
            _ => UploadId::from(UPLOAD_IDS[3]),
        }
    }
}

impl Arbitrary for Body {
    /// A short text, a repeated piece, or a concatenation of short texts.
    fn arbitrary(g: &mut Gen) -> Self {
        match below(g, 10) {
            0 => Body::Repeat {
                repeat: String::from(one_of(g, &TEXTS[1..])),
                times: u64::from(u8::arbitrary(g)),
            },
            1 => Body::Concat {
                concat: (0..below(g, 3))
                    .map(|_| Body::from(one_of(g, &TEXTS)))
                    .collect(),
            },
            _ => Body::from(one_of(g, &TEXTS)),
        }
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        quickcheck::single_shrinker(Body::from("")).filter_self(self.clone())
    }
}

impl Arbitrary for Dialect {
    fn arbitrary(g: &mut Gen) -> Self {
        if chance(g, 75) {
            Dialect::Oss
        } else {
            Dialect::S3
        }
    }
}

impl Arbitrary for BucketConfig {
    /// Either dialect (mostly oss), any seed, either APP-11 choice.
    fn arbitrary(g: &mut Gen) -> Self {
        let ids = if chance(g, 25) {
            AppendableVersionIds::Null
        } else {
            AppendableVersionIds::Fresh
        };
        BucketConfig::new(Dialect::arbitrary(g))
            .with_seed(u64::arbitrary(g))
            .with_appendable_version_ids(ids)
    }
}

impl Arbitrary for Command {
    /// Any command kind, weighted towards writes, deletes and part uploads.
    ///
    /// This generator knows nothing of a bucket's state, so it names things from small fixed
    /// pools that a run can actually hit:
    ///
    /// - keys: `a`, `a/b`, `a/c`, `b`, `b/x`, `c` (now and then any string);
    /// - version IDs: `null` and `v1`…`v8` (now and then empty, or any string). Writes and
    ///   simple deletes sometimes supply one of them as the new entry's ID (ID-5), so in an
    ///   Enabled bucket later commands name real versions; a bucket whose
    ///   [`IdSource`](crate::version_id::IdSource) issues `v1`, `v2`, … hits them more often;
    /// - multipart commands mostly name the key `a/b`, so that uploads meet their parts;
    /// - upload IDs: `u1`…`u4`, which name real uploads with an `IdSource` that issues those;
    /// - append positions: sums of the lengths of a few pool texts, so often the right one;
    /// - part bodies: one byte, or around the oss (102400) and s3 (5242880) minimum part
    ///   size, each part number 1..=3 mostly getting its usual one; a Complete mostly lists
    ///   parts 1..=k with the ETags of their usual bodies, so Completes can succeed.
    fn arbitrary(g: &mut Gen) -> Self {
        const WEIGHTS: [usize; 19] = [4, 1, 12, 6, 2, 8, 3, 3, 2, 6, 10, 5, 1, 2, 2, 4, 3, 3, 1];
        let total: usize = WEIGHTS.iter().sum();
        let mut roll = below(g, total);
        let mut kind = 0;
        for (index, weight) in WEIGHTS.iter().enumerate() {
            if roll < *weight {
                kind = index;
                break;
            }
            roll -= weight;
        }
        let key = ObjectKey::arbitrary(g);
        match kind {
            0 => Command::PutBucketVersioning(PutBucketVersioning::new(String::from(one_of(
                g,
                &["Enabled", "Enabled", "Suspended", "Suspended", "Disabled"],
            )))),
            1 => Command::GetBucketVersioning(GetBucketVersioning::new()),
            2 => Command::PutObject(PutObject {
                assign_version_id: supplied(g),
                tags: chance(g, 20).then(|| {
                    Tags::new().with(one_of(g, &["team", "tier", ""]), one_of(g, &["web", ""]))
                }),
                storage_class: chance(g, 10)
                    .then(|| String::from(one_of(g, &["IA", "STANDARD_IA", "bogus"]))),
                // CND-3, CND-6: a condition now and then (each dialect refuses the other's).
                if_none_match: chance(g, 10).then(|| String::from("*")),
                forbid_overwrite: chance(g, 10).then_some(true),
                ..PutObject::new(key, Body::arbitrary(g))
            }),
            3 => Command::AppendObject(AppendObject {
                version_id: chance(g, 3).then(|| VersionId::arbitrary(g)),
                ..AppendObject::new(key, position(g), Body::arbitrary(g))
            }),
            4 => Command::SealAppendObject(SealAppendObject::new(key, position(g))),
            5 => Command::DeleteObject(DeleteObject {
                key,
                version_id: chance(g, 50).then(|| VersionId::arbitrary(g)),
                assign_version_id: supplied(g),
                // CND-5: `*` passes on an object version, fails otherwise.
                if_match: chance(g, 10).then(|| String::from("*")),
                bypass_governance: chance(g, 10).then_some(true),
            }),
            6 => Command::DeleteObjects(DeleteObjects {
                objects: (0..below(g, 5))
                    .map(|_| ObjectIdentifier {
                        key: ObjectKey::arbitrary(g),
                        version_id: chance(g, 50).then(|| VersionId::arbitrary(g)),
                        etag: chance(g, 10).then(|| String::from("*")),
                    })
                    .collect(),
                quiet: Option::<bool>::arbitrary(g),
                bypass_governance: chance(g, 10).then_some(true),
            }),
            7 => Command::GetObject(GetObject {
                key,
                version_id: chance(g, 50).then(|| VersionId::arbitrary(g)),
            }),
            8 => Command::HeadObject(HeadObject {
                key,
                version_id: chance(g, 50).then(|| VersionId::arbitrary(g)),
            }),
            9 => Command::InitiateMultipartUpload(InitiateMultipartUpload::new(upload_key(g))),
            10 => {
                let part_number = part_number(g);
                Command::UploadPart(UploadPart::new(
                    upload_key(g),
                    UploadId::arbitrary(g),
                    part_number,
                    pool_part(g, part_number),
                ))
            }
            11 => Command::CompleteMultipartUpload(CompleteMultipartUpload::new(
                upload_key(g),
                UploadId::arbitrary(g),
                part_list(g),
            )),
            12 => Command::AbortMultipartUpload(AbortMultipartUpload::new(
                upload_key(g),
                UploadId::arbitrary(g),
            )),
            13 => Command::ListParts(ListParts {
                key: upload_key(g),
                upload_id: UploadId::arbitrary(g),
                max_parts: chance(g, 50).then(|| page_size(g)),
                part_number_marker: chance(g, 30).then(|| part_number(g)),
            }),
            14 => Command::ListMultipartUploads(ListMultipartUploads {
                prefix: listing_prefix(g),
                delimiter: chance(g, 50).then(|| String::from("/")),
                key_marker: chance(g, 30).then(|| ObjectKey::arbitrary(g)),
                upload_id_marker: chance(g, 30).then(|| UploadId::arbitrary(g)),
                max_uploads: chance(g, 60).then(|| page_size(g)),
            }),
            15 => Command::CopyObject(CopyObject {
                source_version_id: chance(g, 40).then(|| VersionId::arbitrary(g)),
                tagging_directive: chance(g, 20).then_some(Directive::Replace),
                ..CopyObject::new(ObjectKey::arbitrary(g), key)
            }),
            16 => Command::ListObjectVersions(ListObjectVersions {
                prefix: listing_prefix(g),
                delimiter: chance(g, 50).then(|| String::from("/")),
                key_marker: chance(g, 40).then(|| String::from(ObjectKey::arbitrary(g).as_str())),
                version_id_marker: chance(g, 30).then(|| VersionId::arbitrary(g)),
                max_keys: chance(g, 70).then(|| page_size(g)),
            }),
            17 => Command::ListObjects(ListObjects {
                prefix: listing_prefix(g),
                delimiter: chance(g, 50).then(|| String::from("/")),
                marker: chance(g, 40).then(|| String::from(ObjectKey::arbitrary(g).as_str())),
                max_keys: chance(g, 70).then(|| page_size(g)),
            }),
            _ => Command::AdvanceClock(AdvanceClock::new(if chance(g, 95) {
                u64::from(u8::arbitrary(g))
            } else {
                u64::arbitrary(g)
            })),
        }
    }
}

/// The key of a multipart command: mostly one key, so that uploads meet their parts.
fn upload_key(g: &mut Gen) -> ObjectKey {
    if chance(g, 90) {
        ObjectKey::from(KEYS[1])
    } else {
        ObjectKey::arbitrary(g)
    }
}

/// The pool part each part number 1..=3 mostly gets, so that a Complete can name it.
fn usual_part(part_number: u32) -> usize {
    match part_number {
        1 => 2,
        2 => 3,
        _ => 0,
    }
}

/// A part body for `part_number`: mostly its usual one, else any from the pool, the 5 MiB one
/// (costly to hash) least often.
fn pool_part(g: &mut Gen, part_number: u32) -> Body {
    part_body(match below(g, 20) {
        0 => 4,
        1..=4 => below(g, 4),
        _ => usual_part(part_number),
    })
}

/// Now and then an ID for the new entry (ID-5), from the pool.
fn supplied(g: &mut Gen) -> Option<VersionId> {
    chance(g, 15).then(|| VersionId::arbitrary(g))
}

/// A position: the length of a few pool texts, which an appendable made of them often has,
/// or now and then any number.
fn position(g: &mut Gen) -> u64 {
    if chance(g, 95) {
        (0..below(g, 4))
            .map(|_| one_of(g, &TEXTS).len() as u64)
            .sum()
    } else {
        u64::arbitrary(g)
    }
}

fn part_number(g: &mut Gen) -> u32 {
    match below(g, 20) {
        0 => 0,
        1 => 10_001,
        2 => u32::arbitrary(g),
        _ => 1 + u32::from(u8::arbitrary(g) % 3),
    }
}

fn page_size(g: &mut Gen) -> u64 {
    match below(g, 10) {
        0 => 0,
        1 => 1001,
        _ => 1 + u64::from(u8::arbitrary(g) % 4),
    }
}

fn listing_prefix(g: &mut Gen) -> Option<String> {
    chance(g, 40).then(|| String::from(one_of(g, &["", "a", "a/", "b"])))
}

/// A Complete list: mostly parts 1..=k (k up to 3), each with the ETag of its usual pool
/// body, now and then another pool body's; now and then one left out, out of order, or a
/// stray part added.
fn part_list(g: &mut Gen) -> Vec<CompletedPart> {
    let etags = part_etags();
    let count = 1 + below(g, 3) as u32;
    let mut parts = Vec::new();
    for number in 1..=count {
        let etag = if chance(g, 85) {
            etags.get(usual_part(number)).cloned()
        } else {
            g.choose(etags).cloned()
        };
        parts.push(CompletedPart::new(
            number,
            etag.unwrap_or_else(|| ETag::new("")),
        ));
    }
    if chance(g, 15) && !parts.is_empty() {
        parts.remove(below(g, parts.len()));
    }
    if chance(g, 5) {
        parts.reverse();
    }
    if chance(g, 5) {
        parts.push(CompletedPart::new(
            part_number(g),
            ETag::new(format!("{:032X}", u128::arbitrary(g))),
        ));
    }
    parts
}

/// Shrinking towards a fixed simplest value, but never to the value itself.
trait FilterSelf<T> {
    fn filter_self(self, value: T) -> Box<dyn Iterator<Item = T>>;
}

impl<T: PartialEq + 'static> FilterSelf<T> for Box<dyn Iterator<Item = T>> {
    fn filter_self(self, value: T) -> Box<dyn Iterator<Item = T>> {
        Box::new(self.filter(move |candidate| *candidate != value))
    }
}
