//! [`proptest`](mod@proptest) strategies for commands and command sequences (feature `proptest`).
//!
//! The crate's own property tests run on these generators; they are exported so that a server
//! or client team can drive its own system with the same sequences and use the model as the
//! oracle (see `tests/rules/oracle.rs` in the repository for a worked example):
//!
//! ```
//! use bucket_versioning::strategies;
//! use bucket_versioning::Bucket;
//! use proptest::prelude::*;
//!
//! proptest!(|((config, commands) in strategies::scenario(1..40))| {
//!     let mut model = Bucket::new(config);
//!     for command in commands {
//!         let _expected = model.apply(command.clone());
//!         // ... apply `command` to the system under test and compare with `_expected` ...
//!         prop_assert!(model.check_invariants().is_ok());
//!     }
//! });
//! ```
//!
//! # What the sequences hit
//!
//! A random command is rarely interesting: a random version ID names nothing, a random append
//! position is wrong, a random part list fails its first check. [`commands`] therefore builds
//! each sequence by running it on a model bucket while it is generated, and fills in, from the
//! state and the outcomes so far:
//!
//! - version IDs: mostly an entry of the command's own key (head or buried), else an ID an
//!   earlier outcome reported (perhaps of another key, perhaps removed since), `null`, an
//!   unknown ID, or a malformed (empty) one;
//! - the keys of part uploads, Completes, Aborts and ListParts: mostly the key of a recent
//!   upload in progress (such a command becomes an InitiateMultipartUpload when there is
//!   none), else any key;
//! - upload IDs: mostly an upload of the key in progress, else one seen before (perhaps
//!   completed or aborted), or an unknown one;
//! - append and seal positions: mostly the head's length, else 0, one past it, a small number
//!   or `u64::MAX`;
//! - CompleteMultipartUpload part lists: the upload's parts, all of them, reversed, without the
//!   first or the last, quoted and lowercased, or with a wrong ETag;
//! - listing markers: now and then the next markers of the previous truncated page;
//! - lifecycle: configurations whose rules reach every action and filter (now and then one
//!   LC-9 refuses), runs, and clock advances of whole days and of single seconds around the
//!   next midnight, where `Days` actions fall due (LC-6).
//!
//! Keys come from a handful sharing prefixes (`a`, `a/b`, `a/b/c`, `a/c`, `ab`, `b`, `b/x`,
//! `é`), with a few that break KEY-1 or KEY-2; versioning toggles between Enabled and
//! Suspended; part bodies sit around both dialects' minimum part size (MPU-6).
//!
//! The IDs filled in are the model's own, drawn from the configuration's seed (ID-5). A system
//! under test that generates different IDs needs them mapped, or can be given the model's IDs
//! as supplied IDs where it supports that.

use crate::request::{
    AbortMultipartUpload, AdvanceClock, AppendObject, CompleteMultipartUpload, CopyObject,
    DeleteObject, DeleteObjects, GetBucketVersioning, GetObject, HeadObject,
    InitiateMultipartUpload, ListMultipartUploads, ListObjectVersions, ListObjects, ListParts,
    PutBucketVersioning, PutObject, SealAppendObject, UploadPart,
};
mod lifecycle;

pub use lifecycle::{lifecycle_clock, lifecycle_rule, lifecycle_rules};

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use proptest::collection::{SizeRange, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use crate::body::Body;
use crate::bucket::Bucket;
use crate::command::Command;
use crate::config::{AppendableVersionIds, BucketConfig};
use crate::content::ETag;
use crate::dialect::Dialect;
use crate::key::ObjectKey;
use crate::outcome::Outcome;
use crate::request::{CompletedPart, ObjectIdentifier};
use crate::upload_id::UploadId;
use crate::version_id::VersionId;
use crate::violation::Violation;

/// The keys sequences use: few, sharing prefixes, so that commands meet on the same chains and
/// listings have common prefixes to roll up.
pub const KEYS: [&str; 8] = ["a", "a/b", "a/b/c", "a/c", "ab", "b", "b/x", "é"];

/// A bucket configuration: either dialect (mostly oss), a few seeds, either APP-11 choice.
pub fn config() -> impl Strategy<Value = BucketConfig> {
    (
        prop_oneof![3 => Just(Dialect::Oss), 1 => Just(Dialect::S3)],
        0..4u64,
        prop_oneof![
            3 => Just(AppendableVersionIds::Fresh),
            1 => Just(AppendableVersionIds::Null),
        ],
    )
        .prop_map(|(dialect, seed, ids)| {
            BucketConfig::new(dialect)
                .with_seed(seed)
                .with_appendable_version_ids(ids)
        })
}

/// An object key: mostly one of [`KEYS`], sometimes one that breaks KEY-1 or KEY-2 (empty,
/// a leading `/` or `\`, 1024 bytes).
pub fn key() -> impl Strategy<Value = ObjectKey> {
    prop_oneof![
        30 => select(&KEYS[..]).prop_map(ObjectKey::from),
        1 => select(vec!["", "/lead", "\\lead"]).prop_map(ObjectKey::from),
        1 => Just(ObjectKey::new("k".repeat(1024))),
    ]
}

/// A small body: text, a repeated piece, or a concatenation of those.
pub fn body() -> impl Strategy<Value = Body> {
    let leaf = prop_oneof![
        4 => select(vec!["", "a", "v1", "hello world"]).prop_map(Body::from),
        1 => ("[a-z]{1,3}", 0..50u64).prop_map(|(repeat, times)| Body::Repeat { repeat, times }),
    ];
    prop_oneof![
        8 => leaf.clone(),
        1 => vec(leaf, 0..3).prop_map(Body::from),
    ]
}

/// One command of any kind, on its own.
///
/// Version and upload IDs are those a fresh bucket would see: `null`, unknown or malformed
/// ones. For commands that name real versions and uploads, generate a sequence with
/// [`commands`].
pub fn command() -> impl Strategy<Value = Command> {
    template().prop_map(|template| {
        let bucket = Bucket::new(BucketConfig::default());
        Resolver::default().resolve(&template, &bucket)
    })
}

/// A sequence of commands of every kind for a bucket with `config`, `len` commands long,
/// built to reach the interesting states often (see the [module docs](self)).
///
/// The sequence is generated by running it on `Bucket::new(config)`, so the IDs it names are
/// the ones that bucket gives out; shrinking keeps that true.
pub fn commands(
    config: BucketConfig,
    len: impl Into<SizeRange>,
) -> impl Strategy<Value = Vec<Command>> {
    vec(template(), len).prop_map(move |templates| resolve_all(config, &templates))
}

/// A configuration from [`config`] and a sequence from [`commands`] for it.
pub fn scenario(len: impl Into<SizeRange>) -> impl Strategy<Value = (BucketConfig, Vec<Command>)> {
    (config(), vec(template(), len))
        .prop_map(|(config, templates)| (config, resolve_all(config, &templates)))
}

/// Runs `templates` on a fresh bucket, resolving each against the state and outcomes so far.
fn resolve_all(config: BucketConfig, templates: &[Command]) -> Vec<Command> {
    let mut bucket = Bucket::new(config);
    let mut resolver = Resolver::default();
    let mut commands = Vec::with_capacity(templates.len());
    for template in templates {
        let command = resolver.resolve(template, &bucket);
        let result = bucket.apply(command.clone());
        resolver.record(&command, &result);
        commands.push(command);
    }
    commands
}

// ---------------------------------------------------------------------------------------------
// Templates: commands whose IDs, positions, part lists and markers may be placeholders that
// the resolver fills in when the command's turn comes.

/// An append or seal position standing for "the head's length".
const RIGHT_POSITION: u64 = u64::MAX - 7;
/// An append or seal position standing for "one past the head's length".
const PAST_POSITION: u64 = u64::MAX - 6;
/// A listing marker standing for "the next markers of the previous page of this listing".
const NEXT: &str = "@next";
/// A version ID placeholder: the N-th entry of the command's key, newest first.
const OF_KEY: &str = "@k";
/// A version ID placeholder: the N-th version ID seen in an outcome.
const SEEN: &str = "@v";
/// An upload ID placeholder: the N-th upload of the command's key in progress.
const UPLOAD_OF_KEY: &str = "@U";
/// An upload ID placeholder: the N-th upload ID seen in an outcome.
const UPLOAD_SEEN: &str = "@u";
/// A Complete part list placeholder: the upload's parts, listed in a mode.
const PARTS: &str = "@parts:";
/// A key placeholder: the key of the N-th upload in progress, newest first.
const UPLOAD_KEY: &str = "@K";
/// A part body placeholder: `@min{piece}` repeated a code for each dialect's size choice (see
/// [`part_body`]).
const AROUND_MIN: &str = "@min";

fn template() -> impl Strategy<Value = Command> {
    prop_oneof![
        30 => core_template(),
        9 => append_template(),
        23 => multipart_template(),
        16 => listing_template(),
        8 => lifecycle::template(),
    ]
}

fn version_ref() -> impl Strategy<Value = VersionId> {
    prop_oneof![
        10 => (0..8usize).prop_map(|n| VersionId::new(format!("{OF_KEY}{n}"))),
        4 => (0..16usize).prop_map(|n| VersionId::new(format!("{SEEN}{n}"))),
        3 => Just(VersionId::NULL),
        1 => Just(VersionId::new("unknown-version")),
        1 => Just(VersionId::new("")),
    ]
}

/// An ID a caller supplies for a new entry (ID-5): mostly new, sometimes one already used,
/// `null` or empty.
fn supplied_id() -> impl Strategy<Value = VersionId> {
    prop_oneof![
        4 => (0..1000u32).prop_map(|n| VersionId::new(format!("observed-{n}"))),
        1 => (0..16usize).prop_map(|n| VersionId::new(format!("{SEEN}{n}"))),
        1 => select(vec!["null", ""]).prop_map(VersionId::new),
    ]
}

fn upload_ref() -> impl Strategy<Value = UploadId> {
    prop_oneof![
        8 => prop_oneof![6 => Just(0usize), 2 => Just(1usize), 1 => 2..4usize]
            .prop_map(|n| UploadId::new(format!("{UPLOAD_OF_KEY}{n}"))),
        2 => (0..8usize).prop_map(|n| UploadId::new(format!("{UPLOAD_SEEN}{n}"))),
        1 => Just(UploadId::new("no-such-upload")),
    ]
}

fn position() -> impl Strategy<Value = u64> {
    prop_oneof![
        12 => Just(RIGHT_POSITION),
        3 => Just(0u64),
        2 => Just(PAST_POSITION),
        1 => 1..20u64,
        1 => Just(u64::MAX),
    ]
}

/// Versioning, put, delete, get, head and the clock.
fn core_template() -> impl Strategy<Value = Command> {
    prop_oneof![
        5 => prop_oneof![
            4 => Just("Enabled"),
            4 => Just("Suspended"),
            1 => Just("Disabled"),
            1 => Just("enabled"),
        ]
        .prop_map(|status| Command::PutBucketVersioning(PutBucketVersioning::new(status))),
        1 => Just(Command::GetBucketVersioning(GetBucketVersioning::new())),
        12 => (key(), body(), option::weighted(0.05, supplied_id())).prop_map(
            |(key, body, assign_version_id)| Command::PutObject(PutObject { key, body, assign_version_id })
        ),
        9 => (
            key(),
            option::weighted(0.5, version_ref()),
            option::weighted(0.04, supplied_id()),
        )
            .prop_map(|(key, version_id, assign_version_id)| Command::DeleteObject(DeleteObject { key, version_id, assign_version_id })),
        4 => (key(), option::of(version_ref()))
            .prop_map(|(key, version_id)| Command::GetObject(GetObject { key, version_id })),
        2 => (key(), option::of(version_ref()))
            .prop_map(|(key, version_id)| Command::HeadObject(HeadObject { key, version_id })),
        1 => prop_oneof![9 => 0..100u64, 1 => Just(u64::MAX)]
            .prop_map(|seconds| Command::AdvanceClock(AdvanceClock::new(seconds))),
    ]
}

/// AppendObject and SealAppendObject.
fn append_template() -> impl Strategy<Value = Command> {
    prop_oneof![
        7 => (key(), position(), body(), option::weighted(0.03, version_ref())).prop_map(
            |(key, position, body, version_id)| Command::AppendObject(AppendObject { key, position, body, version_id })
        ),
        2 => (key(), position())
            .prop_map(|(key, position)| Command::SealAppendObject(SealAppendObject::new(key, position))),
    ]
}

/// A part body: small, or around the dialect's minimum part size (MPU-6): one byte under it,
/// at it, or one byte over. The template does not know the dialect, so it carries a choice for
/// each: `@min{piece}` repeated `oss + 4 * s3` times, where a choice of 0, 1, 2 is the
/// minimum minus one, the minimum, the minimum plus one, and 3 is a small part. The s3 minimum
/// (5 MiB) is costly to hash, so s3 mostly makes small parts.
fn part_body() -> impl Strategy<Value = Body> {
    let oss = prop_oneof![2 => Just(0u64), 5 => Just(1u64), 1 => Just(2u64)];
    let s3 = prop_oneof![1 => Just(0u64), 3 => Just(1u64), 1 => Just(2u64), 12 => Just(3u64)];
    prop_oneof![
        4 => (0..64u64, "[a-c]").prop_map(|(times, repeat)| Body::Repeat { repeat, times }),
        12 => (oss, s3, "[a-c]").prop_map(|(oss, s3, piece)| Body::Repeat {
            repeat: format!("{AROUND_MIN}{piece}"),
            times: oss + 4 * s3,
        }),
    ]
}

/// The key of a multipart command: mostly the key of a recent upload in progress.
fn upload_key() -> impl Strategy<Value = ObjectKey> {
    prop_oneof![
        6 => Just(ObjectKey::new(format!("{UPLOAD_KEY}0"))),
        2 => Just(ObjectKey::new(format!("{UPLOAD_KEY}1"))),
        1 => Just(ObjectKey::new(format!("{UPLOAD_KEY}2"))),
        1 => key(),
    ]
}

fn part_number() -> impl Strategy<Value = u32> {
    prop_oneof![16 => 1..5u32, 1 => Just(0u32), 1 => Just(10_000u32), 1 => Just(10_001u32)]
}

/// The multipart commands.
fn multipart_template() -> impl Strategy<Value = Command> {
    let parts_mode = prop_oneof![
        6 => Just("all"),
        4 => Just("sized"),
        1 => Just("reversed"),
        2 => Just("skip-first"),
        2 => Just("drop-last"),
        1 => Just("quoted"),
        1 => Just("wrong-etag"),
    ];
    let listed = vec((part_number(), "[0-9A-F]{32}"), 0..3).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(number, etag)| CompletedPart::new(number, ETag::new(etag)))
            .collect::<Vec<_>>()
    });
    let parts = prop_oneof![
        6 => parts_mode.prop_map(|mode| vec![CompletedPart::new(0, ETag::new(format!("{PARTS}{mode}")))]),
        1 => listed,
    ];
    let uploads_listing = (
        option::of(select(vec!["", "a", "a/", "b"]).prop_map(String::from)),
        option::of(select(vec!["/", "b", ""]).prop_map(String::from)),
        option::weighted(
            0.4,
            prop_oneof![
                3 => key(),
                1 => Just(ObjectKey::new("a/")),
                1 => Just(ObjectKey::new(NEXT)),
            ],
        ),
        option::weighted(0.5, upload_ref()),
        option::weighted(
            0.7,
            prop_oneof![6 => 1..4u64, 1 => Just(0u64), 1 => Just(1001u64)],
        ),
    );
    prop_oneof![
        3 => key().prop_map(|key| Command::InitiateMultipartUpload(InitiateMultipartUpload::new(key))),
        12 => (upload_key(), upload_ref(), part_number(), part_body()).prop_map(
            |(key, upload_id, part_number, body)| Command::UploadPart(UploadPart::new(key, upload_id, part_number, body))
        ),
        3 => (upload_key(), upload_ref(), parts).prop_map(|(key, upload_id, parts)| {
            Command::CompleteMultipartUpload(CompleteMultipartUpload::new(key, upload_id, parts))
        }),
        1 => (upload_key(), upload_ref())
            .prop_map(|(key, upload_id)| Command::AbortMultipartUpload(AbortMultipartUpload::new(key, upload_id))),
        2 => (
            upload_key(),
            upload_ref(),
            option::of(prop_oneof![4 => 1..3u64, 1 => Just(0u64), 1 => Just(1001u64)]),
            option::of(0..4u32),
        )
            .prop_map(|(key, upload_id, max_parts, part_number_marker)| Command::ListParts(ListParts { key, upload_id, max_parts, part_number_marker })),
        2 => uploads_listing.prop_map(
            |(prefix, delimiter, key_marker, upload_id_marker, max_uploads)| {
                Command::ListMultipartUploads(ListMultipartUploads { prefix, delimiter, key_marker, upload_id_marker, max_uploads })
            }
        ),
    ]
}

fn prefix() -> impl Strategy<Value = Option<String>> {
    option::weighted(
        0.6,
        select(vec!["", "a", "a/", "a/b", "b", "é", "z"]).prop_map(String::from),
    )
}

fn delimiter() -> impl Strategy<Value = Option<String>> {
    option::weighted(0.6, select(vec!["/", "/", "b", ""]).prop_map(String::from))
}

fn marker() -> impl Strategy<Value = Option<String>> {
    option::weighted(
        0.5,
        prop_oneof![
            4 => select(&KEYS[..]).prop_map(String::from),
            1 => select(vec!["", "a/", "b/", "a/b/"]).prop_map(String::from),
            4 => Just(String::from(NEXT)),
        ],
    )
}

fn max_keys() -> impl Strategy<Value = Option<u64>> {
    option::weighted(
        0.8,
        prop_oneof![12 => 1..5u64, 1 => Just(0u64), 1 => Just(1000u64), 1 => Just(1001u64)],
    )
}

/// DeleteObjects, CopyObject, ListObjectVersions and ListObjects.
fn listing_template() -> impl Strategy<Value = Command> {
    let batch = prop_oneof![
        20 => vec((key(), option::weighted(0.5, version_ref())), 1..5),
        1 => Just(Vec::new()),
        1 => Just(vec![(ObjectKey::new("a"), None); 1001]),
    ];
    prop_oneof![
        4 => (batch, option::weighted(0.3, any::<bool>())).prop_map(|(objects, quiet)| {
            Command::DeleteObjects(DeleteObjects { objects: objects .into_iter() .map(|(key, version_id)| ObjectIdentifier { key, version_id }) .collect(), quiet })
        }),
        5 => (key(), option::weighted(0.4, version_ref()), key()).prop_map(
            |(source_key, source_version_id, key)| Command::CopyObject(CopyObject { source_bucket: None, source_key, source_version_id, key })
        ),
        4 => (
            prefix(),
            delimiter(),
            marker(),
            option::weighted(0.6, version_ref()),
            max_keys(),
            proptest::bool::weighted(0.1),
        )
            .prop_map(|(prefix, delimiter, key_marker, version_id_marker, max_keys, orphan)| {
                // A version marker goes with a key marker, now and then without (LST-4).
                let version_id_marker = version_id_marker.filter(|_| key_marker.is_some() || orphan);
                Command::ListObjectVersions(ListObjectVersions { prefix, delimiter, key_marker, version_id_marker, max_keys })
            }),
        3 => (prefix(), delimiter(), marker(), max_keys()).prop_map(
            |(prefix, delimiter, marker, max_keys)| Command::ListObjects(ListObjects { prefix, delimiter, marker, max_keys })
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Resolving templates.

/// What the sequence has shown so far: the IDs outcomes reported, and the last page of each
/// listing with the command that asked for it.
#[derive(Default)]
struct Resolver {
    version_ids: Vec<VersionId>,
    upload_ids: Vec<UploadId>,
    /// Every upload initiated, with its key, oldest first.
    initiated: Vec<(ObjectKey, UploadId)>,
    last_versions: Option<(Command, Outcome)>,
    last_objects: Option<(Command, Outcome)>,
    last_uploads: Option<(Command, Outcome)>,
}

impl Resolver {
    /// `template` with its placeholders filled in from `bucket` and the outcomes so far.
    fn resolve(&self, template: &Command, bucket: &Bucket) -> Command {
        // A command aimed at a recent upload when none is in progress starts one instead.
        if let Command::UploadPart(UploadPart { key, .. })
        | Command::CompleteMultipartUpload(CompleteMultipartUpload { key, .. })
        | Command::AbortMultipartUpload(AbortMultipartUpload { key, .. })
        | Command::ListParts(ListParts { key, .. }) = template
            && let Some(n) = placeholder(key.as_str(), UPLOAD_KEY)
            && self.in_progress(bucket).next().is_none()
        {
            return Command::InitiateMultipartUpload(InitiateMultipartUpload::new(
                ObjectKey::from(KEYS[n % KEYS.len()]),
            ));
        }
        match template {
            Command::PutObject(PutObject {
                key,
                body,
                assign_version_id,
            }) => Command::PutObject(PutObject {
                key: key.clone(),
                body: body.clone(),
                assign_version_id: self.versions(assign_version_id, key, bucket),
            }),
            Command::AppendObject(AppendObject {
                key,
                position,
                body,
                version_id,
            }) => Command::AppendObject(AppendObject {
                key: key.clone(),
                position: resolve_position(*position, key, bucket),
                body: body.clone(),
                version_id: self.versions(version_id, key, bucket),
            }),
            Command::SealAppendObject(SealAppendObject { key, position }) => {
                Command::SealAppendObject(SealAppendObject::new(
                    key.clone(),
                    resolve_position(*position, key, bucket),
                ))
            }
            Command::DeleteObject(DeleteObject {
                key,
                version_id,
                assign_version_id,
            }) => Command::DeleteObject(DeleteObject {
                key: key.clone(),
                version_id: self.versions(version_id, key, bucket),
                assign_version_id: self.versions(assign_version_id, key, bucket),
            }),
            Command::DeleteObjects(DeleteObjects { objects, quiet }) => {
                Command::DeleteObjects(DeleteObjects {
                    objects: objects
                        .iter()
                        .map(|object| ObjectIdentifier {
                            key: object.key.clone(),
                            version_id: self.versions(&object.version_id, &object.key, bucket),
                        })
                        .collect(),
                    quiet: *quiet,
                })
            }
            Command::GetObject(GetObject { key, version_id }) => Command::GetObject(GetObject {
                key: key.clone(),
                version_id: self.versions(version_id, key, bucket),
            }),
            Command::HeadObject(HeadObject { key, version_id }) => {
                Command::HeadObject(HeadObject {
                    key: key.clone(),
                    version_id: self.versions(version_id, key, bucket),
                })
            }
            Command::UploadPart(UploadPart {
                key,
                upload_id,
                part_number,
                body,
            }) => {
                let key = self.upload_key(key, bucket);
                let upload_id = self.upload(upload_id, &key, bucket);
                Command::UploadPart(UploadPart::new(
                    key,
                    upload_id,
                    *part_number,
                    resolve_part_body(body, bucket.dialect()),
                ))
            }
            Command::CompleteMultipartUpload(CompleteMultipartUpload {
                key,
                upload_id,
                parts,
            }) => {
                let key = &self.upload_key(key, bucket);
                let upload_id = self.upload(upload_id, key, bucket);
                let parts = match parts.as_slice() {
                    [only] => match only.etag.as_str().strip_prefix(PARTS) {
                        Some(mode) => uploaded_parts(bucket, key, &upload_id, mode),
                        None => parts.clone(),
                    },
                    _ => parts.clone(),
                };
                Command::CompleteMultipartUpload(CompleteMultipartUpload::new(
                    key.clone(),
                    upload_id,
                    parts,
                ))
            }
            Command::AbortMultipartUpload(AbortMultipartUpload { key, upload_id }) => {
                let key = self.upload_key(key, bucket);
                let upload_id = self.upload(upload_id, &key, bucket);
                Command::AbortMultipartUpload(AbortMultipartUpload::new(key, upload_id))
            }
            Command::ListParts(ListParts {
                key,
                upload_id,
                max_parts,
                part_number_marker,
            }) => {
                let key = self.upload_key(key, bucket);
                let upload_id = self.upload(upload_id, &key, bucket);
                Command::ListParts(ListParts {
                    key,
                    upload_id,
                    max_parts: *max_parts,
                    part_number_marker: *part_number_marker,
                })
            }
            Command::CopyObject(CopyObject {
                source_bucket,
                source_key,
                source_version_id,
                key,
            }) => Command::CopyObject(CopyObject {
                source_bucket: source_bucket.clone(),
                source_key: source_key.clone(),
                source_version_id: self.versions(source_version_id, source_key, bucket),
                key: key.clone(),
            }),
            Command::AdvanceClock(AdvanceClock { seconds }) => Command::AdvanceClock(
                AdvanceClock::new(lifecycle::clock_seconds(*seconds, bucket.now())),
            ),
            Command::ListObjectVersions(_) => self.next_versions_page(template, bucket),
            Command::ListObjects(_) => self.next_objects_page(template),
            Command::ListMultipartUploads(_) => self.next_uploads_page(template, bucket),
            other => other.clone(),
        }
    }

    /// Notes the IDs `result` reports, and the page if `command` was a listing.
    fn record(&mut self, command: &Command, result: &Result<Outcome, Violation>) {
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(violation) => {
                if let Some(id) = violation.version_id() {
                    push_new(&mut self.version_ids, id);
                }
                return;
            }
        };
        let mut ids = Vec::new();
        match outcome {
            Outcome::PutObject(put) => ids.extend(put.version_id.clone()),
            Outcome::AppendObject(append) => ids.extend(append.version_id.clone()),
            Outcome::SealAppendObject(seal) => ids.extend(seal.version_id.clone()),
            Outcome::DeleteObject(delete) => ids.extend(delete.version_id.clone()),
            Outcome::DeleteObjects(batch) => {
                for deleted in &batch.deleted {
                    ids.extend(deleted.version_id.clone());
                    ids.extend(deleted.delete_marker_version_id.clone());
                }
            }
            Outcome::GetObject(meta) | Outcome::HeadObject(meta) => {
                ids.extend(meta.version_id.clone());
            }
            Outcome::CompleteMultipartUpload(complete) => ids.extend(complete.version_id.clone()),
            Outcome::CopyObject(copy) => {
                ids.extend(copy.version_id.clone());
                ids.extend(copy.source_version_id.clone());
            }
            Outcome::ListObjectVersions(page) => {
                ids.extend(page.entries.iter().map(|entry| entry.version_id.clone()));
                self.last_versions = Some((command.clone(), outcome.clone()));
            }
            Outcome::ListObjects(page) => {
                ids.extend(page.objects.iter().map(|object| object.version_id.clone()));
                self.last_objects = Some((command.clone(), outcome.clone()));
            }
            Outcome::InitiateMultipartUpload(initiate) => {
                if !self.upload_ids.contains(&initiate.upload_id) {
                    self.upload_ids.push(initiate.upload_id.clone());
                }
                if let Command::InitiateMultipartUpload(InitiateMultipartUpload { key }) = command {
                    self.initiated
                        .push((key.clone(), initiate.upload_id.clone()));
                }
            }
            Outcome::ListMultipartUploads(_) => {
                self.last_uploads = Some((command.clone(), outcome.clone()));
            }
            Outcome::RunLifecycle(run) => {
                ids.extend(run.removed.iter().map(|entry| entry.version_id.clone()));
                ids.extend(
                    run.delete_markers_added
                        .iter()
                        .map(|marker| marker.version_id.clone()),
                );
            }
            Outcome::BucketLifecycleChanged(_) | Outcome::GetBucketLifecycle(_) => {}
            Outcome::Versioning(_)
            | Outcome::UploadPart(_)
            | Outcome::AbortMultipartUpload(_)
            | Outcome::ListParts(_)
            | Outcome::AdvanceClock(_)
            | Outcome::Bucket(_)
            | Outcome::BucketInfo(_)
            | Outcome::ListBuckets(_) => {}
        }
        for id in &ids {
            push_new(&mut self.version_ids, id);
        }
    }

    fn versions(
        &self,
        id: &Option<VersionId>,
        key: &ObjectKey,
        bucket: &Bucket,
    ) -> Option<VersionId> {
        id.as_ref().map(|id| self.version(id, key.as_str(), bucket))
    }

    /// A version ID placeholder resolved: an entry of `key`, or an ID seen; `null` when there
    /// is none to pick.
    fn version(&self, id: &VersionId, key: &str, bucket: &Bucket) -> VersionId {
        let text = id.to_string();
        if let Some(n) = placeholder(&text, OF_KEY) {
            let ids: Vec<VersionId> = bucket
                .chain(key)
                .map(|chain| {
                    chain
                        .iter()
                        .map(|entry| entry.version_id().clone())
                        .collect()
                })
                .unwrap_or_default();
            pick(&ids, n).unwrap_or(VersionId::NULL)
        } else if let Some(n) = placeholder(&text, SEEN) {
            pick(&self.version_ids, n).unwrap_or(VersionId::NULL)
        } else {
            id.clone()
        }
    }

    /// An upload ID placeholder resolved: an upload of `key` in progress, or an upload ID seen;
    /// an unknown ID when there is none to pick.
    fn upload(&self, upload_id: &UploadId, key: &ObjectKey, bucket: &Bucket) -> UploadId {
        let unknown = || UploadId::new("no-such-upload");
        if let Some(n) = placeholder(upload_id.as_str(), UPLOAD_OF_KEY) {
            let of_key: Vec<UploadId> = self
                .in_progress(bucket)
                .filter(|(upload_key, _)| upload_key == key)
                .map(|(_, upload_id)| upload_id.clone())
                .collect();
            pick(&of_key, n).unwrap_or_else(unknown)
        } else if let Some(n) = placeholder(upload_id.as_str(), UPLOAD_SEEN) {
            pick(&self.upload_ids, n).unwrap_or_else(unknown)
        } else {
            upload_id.clone()
        }
    }

    /// The uploads in progress, newest first.
    fn in_progress<'a>(
        &'a self,
        bucket: &'a Bucket,
    ) -> impl Iterator<Item = &'a (ObjectKey, UploadId)> + 'a {
        self.initiated.iter().rev().filter(|(key, upload_id)| {
            bucket
                .list_parts(ListParts::new(key.clone(), upload_id.clone()).max_parts(1))
                .is_ok()
        })
    }

    /// A key placeholder resolved: the key of the N-th upload in progress, newest first (the
    /// caller has made sure there is one).
    fn upload_key(&self, key: &ObjectKey, bucket: &Bucket) -> ObjectKey {
        match placeholder(key.as_str(), UPLOAD_KEY) {
            Some(n) => {
                let keys: Vec<ObjectKey> = self
                    .in_progress(bucket)
                    .map(|(key, _)| key.clone())
                    .collect();
                pick(&keys, n).unwrap_or_else(|| ObjectKey::new(KEYS[0]))
            }
            None => key.clone(),
        }
    }

    /// ListObjectVersions: `@next` continues the previous page; a version marker placeholder
    /// names an entry of the key marker.
    fn next_versions_page(&self, template: &Command, bucket: &Bucket) -> Command {
        let Command::ListObjectVersions(ListObjectVersions {
            prefix,
            delimiter,
            key_marker,
            version_id_marker,
            max_keys,
        }) = template
        else {
            return template.clone();
        };
        if key_marker.as_deref() == Some(NEXT) {
            if let Some((
                Command::ListObjectVersions(ListObjectVersions {
                    prefix,
                    delimiter,
                    max_keys,
                    ..
                }),
                Outcome::ListObjectVersions(page),
            )) = &self.last_versions
                && page.is_truncated
            {
                return Command::ListObjectVersions(ListObjectVersions {
                    prefix: prefix.clone(),
                    delimiter: delimiter.clone(),
                    key_marker: page.next_key_marker.clone(),
                    version_id_marker: page.next_version_id_marker.clone(),
                    max_keys: *max_keys,
                });
            }
            return Command::ListObjectVersions(ListObjectVersions {
                prefix: prefix.clone(),
                delimiter: delimiter.clone(),
                max_keys: *max_keys,
                ..ListObjectVersions::new()
            });
        }
        let marker_key = key_marker.clone().unwrap_or_default();
        Command::ListObjectVersions(ListObjectVersions {
            prefix: prefix.clone(),
            delimiter: delimiter.clone(),
            key_marker: key_marker.clone(),
            version_id_marker: version_id_marker
                .as_ref()
                .map(|id| self.version(id, &marker_key, bucket)),
            max_keys: *max_keys,
        })
    }

    /// ListObjects: `@next` continues the previous page.
    fn next_objects_page(&self, template: &Command) -> Command {
        let Command::ListObjects(ListObjects {
            prefix,
            delimiter,
            marker,
            max_keys,
        }) = template
        else {
            return template.clone();
        };
        if marker.as_deref() != Some(NEXT) {
            return template.clone();
        }
        if let Some((
            Command::ListObjects(ListObjects {
                prefix,
                delimiter,
                max_keys,
                ..
            }),
            Outcome::ListObjects(page),
        )) = &self.last_objects
            && page.is_truncated
        {
            return Command::ListObjects(ListObjects {
                prefix: prefix.clone(),
                delimiter: delimiter.clone(),
                marker: page.next_marker.clone(),
                max_keys: *max_keys,
            });
        }
        Command::ListObjects(ListObjects {
            prefix: prefix.clone(),
            delimiter: delimiter.clone(),
            max_keys: *max_keys,
            ..ListObjects::new()
        })
    }

    /// ListMultipartUploads: `@next` continues the previous page; an upload-ID marker
    /// placeholder names an upload of the key marker.
    fn next_uploads_page(&self, template: &Command, bucket: &Bucket) -> Command {
        let Command::ListMultipartUploads(ListMultipartUploads {
            prefix,
            delimiter,
            key_marker,
            upload_id_marker,
            max_uploads,
        }) = template
        else {
            return template.clone();
        };
        if key_marker.as_ref().map(ObjectKey::as_str) == Some(NEXT) {
            if let Some((
                Command::ListMultipartUploads(ListMultipartUploads {
                    prefix,
                    delimiter,
                    max_uploads,
                    ..
                }),
                Outcome::ListMultipartUploads(page),
            )) = &self.last_uploads
                && page.is_truncated
            {
                return Command::ListMultipartUploads(ListMultipartUploads {
                    prefix: prefix.clone(),
                    delimiter: delimiter.clone(),
                    key_marker: page.next_key_marker.clone(),
                    upload_id_marker: page.next_upload_id_marker.clone(),
                    max_uploads: *max_uploads,
                });
            }
            return Command::ListMultipartUploads(ListMultipartUploads {
                prefix: prefix.clone(),
                delimiter: delimiter.clone(),
                max_uploads: *max_uploads,
                ..ListMultipartUploads::new()
            });
        }
        let marker_key = key_marker.clone().unwrap_or_default();
        Command::ListMultipartUploads(ListMultipartUploads {
            prefix: prefix.clone(),
            delimiter: delimiter.clone(),
            key_marker: key_marker.clone(),
            upload_id_marker: upload_id_marker
                .as_ref()
                .map(|id| self.upload(id, &marker_key, bucket)),
            max_uploads: *max_uploads,
        })
    }
}

/// The N of a placeholder `{tag}N`, if `text` is one.
fn placeholder(text: &str, tag: &str) -> Option<usize> {
    text.strip_prefix(tag)?.parse().ok()
}

fn pick<T: Clone>(items: &[T], n: usize) -> Option<T> {
    items.get(n.checked_rem(items.len())?).cloned()
}

fn push_new(ids: &mut Vec<VersionId>, id: &VersionId) {
    if !id.is_empty() && !ids.contains(id) {
        ids.push(id.clone());
    }
}

/// A position placeholder resolved against the length of `key`'s head (0 when there is no
/// object).
fn resolve_position(position: u64, key: &ObjectKey, bucket: &Bucket) -> u64 {
    let length = || bucket.head_object(key.clone()).map_or(0, |meta| meta.size);
    match position {
        RIGHT_POSITION => length(),
        PAST_POSITION => length().saturating_add(1),
        other => other,
    }
}

/// A part body placeholder resolved against the dialect's minimum part size (see
/// [`part_body`]).
fn resolve_part_body(body: &Body, dialect: Dialect) -> Body {
    let Body::Repeat { repeat, times } = body else {
        return body.clone();
    };
    let Some(piece) = repeat.strip_prefix(AROUND_MIN) else {
        return body.clone();
    };
    let choice = match dialect {
        Dialect::Oss => times % 4,
        Dialect::S3 => times / 4 % 4,
    };
    let times = match choice {
        3 => 40,
        offset => dialect
            .min_part_size()
            .saturating_sub(1)
            .saturating_add(offset),
    };
    Body::Repeat {
        repeat: piece.into(),
        times,
    }
}

/// The parts `upload_id` has, listed as a Complete request would in `mode`: `all` in order,
/// `sized` (those of at least the minimum part size, and the last, so MPU-6 holds), `reversed`, `skip-first`, `drop-last`, `quoted` (ETags quoted and lowercased, which MPU-5
/// accepts), or `wrong-etag` (the last part's ETag changed). An upload that is not in progress
/// lists one made-up part.
fn uploaded_parts(
    bucket: &Bucket,
    key: &ObjectKey,
    upload_id: &UploadId,
    mode: &str,
) -> Vec<CompletedPart> {
    let Ok(page) = bucket.list_parts(ListParts::new(key.clone(), upload_id.clone())) else {
        return vec![CompletedPart::new(
            1,
            ETag::new("0123456789ABCDEF0123456789ABCDEF"),
        )];
    };
    let last = page.parts.last().map_or(0, |part| part.part_number);
    let min = bucket.dialect().min_part_size();
    let mut parts: Vec<CompletedPart> = page
        .parts
        .into_iter()
        .filter(|part| mode != "sized" || part.size >= min || part.part_number == last)
        .map(|part| CompletedPart::new(part.part_number, part.etag))
        .collect();
    match mode {
        "reversed" => parts.reverse(),
        "skip-first" if parts.len() > 1 => {
            parts.remove(0);
        }
        "drop-last" if parts.len() > 1 => {
            parts.pop();
        }
        "quoted" => {
            for part in &mut parts {
                part.etag = ETag::new(format!("\"{}\"", part.etag.as_str().to_lowercase()));
            }
        }
        "wrong-etag" => {
            if let Some(part) = parts.last_mut() {
                let etag = part.etag.as_str();
                let first = if etag.starts_with('0') { '1' } else { '0' };
                let rest = etag.get(1..).unwrap_or_default();
                part.etag = ETag::new(format!("{first}{rest}"));
            }
        }
        _ => {}
    }
    parts
}
