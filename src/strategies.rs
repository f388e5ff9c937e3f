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
//!   next midnight, where `Days` actions fall due (LC-6);
//! - symlink targets (SYM): a key whose head is an object, a link, a delete marker, or a key
//!   with no entries, so that reads of links meet every case of SYM-4; GetSymlink and
//!   GetObjectMeta on heads and versions of the keys.
//! - Object Lock and retention policies (OL): s3 lock configurations (after the
//!   PutBucketVersioning to Enabled they need), writes and upload initiations with a
//!   retention or a legal hold, retention changes and deletes by ID, alone or in a batch (with
//!   `bypass_governance` on and off), aimed at the version whose retention ends soonest, and clock advances to one second before, at, or
//!   after that end (OL-3, OL-4, OL-6); oss retention policies initiated, completed, extended
//!   and aborted, with deletes and appends while one protects the version (OL-7, OL-8); now
//!   and then the other dialect's command or a period the rules refuse.
//!
//! Keys come from a handful sharing prefixes (`a`, `a/b`, `a/b/c`, `a/c`, `ab`, `b`, `b/x`,
//! `é`), with a few that break KEY-1 or KEY-2; versioning toggles between Enabled and
//! Suspended; part bodies sit around both dialects' minimum part size (MPU-6).
//!
//! The IDs filled in are the model's own, drawn from the configuration's seed (ID-5). A system
//! under test that generates different IDs needs them mapped, or can be given the model's IDs
//! as supplied IDs where it supports that.

use crate::metadata::{Directive, Metadata};
use crate::request::{
    AbortMultipartUpload, AdvanceClock, AppendObject, CompleteMultipartUpload, CopyObject,
    DeleteObject, DeleteObjectTagging, DeleteObjects, GetBucketVersioning, GetObject,
    GetObjectMeta, GetObjectTagging, GetSymlink, HeadObject, InitiateMultipartUpload,
    ListMultipartUploads, ListObjectVersions, ListObjects, ListParts, PutBucketVersioning,
    PutObject, PutObjectTagging, PutSymlink, SealAppendObject, UploadPart, UploadPartCopy,
};
use crate::tags::Tags;
mod conditions;
mod lifecycle;
mod lock;
mod service;
mod symlink;

pub use conditions::{ConditionPick, WriteFields};
pub use lifecycle::{lifecycle_clock, lifecycle_rule, lifecycle_rules};
pub use lock::{LockPick, LockTarget, OssLock, RetentionChange, S3Lock};
pub use service::{
    BUCKET_NAMES, ServiceResolver, ServiceStep, ServiceTemplate, service_commands,
    service_scenario, service_template,
};
pub use symlink::TargetPick;

use alloc::format;
use alloc::string::String;
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
use crate::version_id::{IdSource, VersionId};
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
fn resolve_all(config: BucketConfig, templates: &[Template]) -> Vec<Command> {
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
// Templates: commands whose IDs, keys, positions, part lists, bodies and markers may be picks
// that the resolver fills in when the command's turn comes.

/// A version ID a [`Template`] names: picked from the bucket and the run when the command's
/// turn comes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VersionPick {
    /// The N-th entry of the command's key (for a listing, of the key marker), newest first,
    /// counted round; `null` when the key has none.
    OfKey(usize),
    /// The N-th version ID an outcome reported so far, counted round; `null` when there is
    /// none.
    Seen(usize),
    /// This ID, as it is.
    Given(VersionId),
}

/// An upload ID a [`Template`] names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadPick {
    /// The N-th upload of the command's key (for a listing, of the key marker) in progress,
    /// newest first, counted round; an unknown ID when there is none.
    OfKey(usize),
    /// The N-th upload ID an outcome reported so far, counted round; an unknown ID when there
    /// is none.
    Seen(usize),
    /// This ID, as it is.
    Given(UploadId),
}

/// The key of a multipart command in a [`Template`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadKeyPick {
    /// The key of the N-th upload in progress, newest first, counted round. When no upload is
    /// in progress, the command becomes an InitiateMultipartUpload of the N-th of [`KEYS`].
    OfUpload(usize),
    /// This key.
    Given(ObjectKey),
}

/// An append or seal position in a [`Template`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionPick {
    /// The length of the key's head (0 when it has no object): the position APP-2 accepts.
    Right,
    /// One past the head's length.
    Past,
    /// This position.
    At(u64),
}

/// A part body in a [`Template`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartBodyPick {
    /// `piece` repeated around the dialect's minimum part size (MPU-6), with a choice for each
    /// dialect, since the template does not know it: 0, 1 or 2 is the minimum minus one, the
    /// minimum, the minimum plus one; 3 (or more) is a small part of 40 pieces.
    AroundMin {
        /// The piece repeated.
        piece: String,
        /// The choice when the dialect is oss.
        oss: u8,
        /// The choice when the dialect is s3.
        s3: u8,
    },
    /// This body.
    Given(Body),
}

/// A CompleteMultipartUpload part list in a [`Template`]: the parts the upload has, listed in
/// one of several ways, or a list given. An upload that is not in progress lists one made-up
/// part in every mode but [`Listed`](PartsPick::Listed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartsPick {
    /// All the parts, in order.
    All,
    /// The parts of at least the minimum part size, and the last, so that MPU-6 holds.
    Sized,
    /// All the parts, last first.
    Reversed,
    /// All but the first, if there are two or more.
    SkipFirst,
    /// All but the last, if there are two or more.
    DropLast,
    /// All the parts with their ETags quoted and lowercased, which MPU-5 accepts.
    Quoted,
    /// All the parts, the last one's ETag changed.
    WrongEtag,
    /// These part numbers, each with the ETag given, or (`None`) the ETag of the uploaded part
    /// with that number (empty if there is none).
    Listed(Vec<(u32, Option<ETag>)>),
}

/// An UploadPartCopy range in a [`Template`] (MPU-12), resolved against the size of the
/// source version the command names (0 when it names none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangePick {
    /// The whole source, `0..=size-1`, without content.
    Whole,
    /// A range inside the source from byte `skip` (counted round the size), at most `len`
    /// bytes (at least 1), with content of its length.
    Slice {
        /// Where the range starts, counted round the source's size.
        skip: u64,
        /// The most bytes it takes.
        len: u64,
    },
    /// A range ending one byte past the source, with content of its length.
    Past,
    /// A range whose first byte is after its last.
    Backwards,
    /// A [`Slice`](RangePick::Slice) whose content is one byte too long.
    WrongLength {
        /// As in `Slice`.
        skip: u64,
        /// As in `Slice`.
        len: u64,
    },
    /// A [`Slice`](RangePick::Slice) without its content.
    WithoutContent {
        /// As in `Slice`.
        skip: u64,
        /// As in `Slice`.
        len: u64,
    },
    /// No range, but content.
    ContentWithoutRange,
}

/// A clock advance in a [`Template`] (LC-0, LC-6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockPick {
    /// This many seconds.
    By(u64),
    /// To the next midnight (LC-6), then `offset - 1` seconds more: 0 stops one second
    /// before it, 1 at it, 2 (or more) one second after.
    AroundMidnight(u8),
}

/// A listing marker in a [`Template`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkerPick {
    /// The next markers of the previous page of the same listing, if it was truncated (its
    /// prefix, delimiter and page size too); else no marker.
    Next,
    /// This marker.
    Given(String),
}

/// A command whose IDs, keys, positions, part lists, bodies and markers may be picks, made
/// into a [`Command`] by a [`Resolver`] when its turn comes. Each variant is named after the
/// command it becomes and has that command's fields.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(
    missing_docs,
    reason = "the fields are the command's, documented there"
)]
pub enum Template {
    /// A command with nothing to pick.
    Ready(Command),
    AdvanceClock {
        seconds: ClockPick,
    },
    PutObject {
        key: ObjectKey,
        body: Body,
        assign_version_id: Option<VersionPick>,
        tags: Option<Tags>,
        content_type: Option<String>,
        metadata: Option<Metadata>,
        storage_class: Option<String>,
        condition: Option<ConditionPick>,
    },
    AppendObject {
        key: ObjectKey,
        position: PositionPick,
        body: Body,
        version_id: Option<VersionPick>,
        tags: Option<Tags>,
        content_type: Option<String>,
        metadata: Option<Metadata>,
        storage_class: Option<String>,
    },
    SealAppendObject {
        key: ObjectKey,
        position: PositionPick,
    },
    DeleteObject {
        key: ObjectKey,
        version_id: Option<VersionPick>,
        assign_version_id: Option<VersionPick>,
        condition: Option<ConditionPick>,
    },
    DeleteObjects {
        objects: Vec<(ObjectKey, Option<VersionPick>, Option<ConditionPick>)>,
        quiet: Option<bool>,
    },
    GetObject {
        key: ObjectKey,
        version_id: Option<VersionPick>,
    },
    HeadObject {
        key: ObjectKey,
        version_id: Option<VersionPick>,
    },
    InitiateMultipartUpload {
        key: ObjectKey,
        tags: Option<Tags>,
        content_type: Option<String>,
        metadata: Option<Metadata>,
        storage_class: Option<String>,
        assign_upload_id: Option<UploadPick>,
    },
    UploadPart {
        key: UploadKeyPick,
        upload_id: UploadPick,
        part_number: u32,
        body: PartBodyPick,
    },
    UploadPartCopy {
        key: UploadKeyPick,
        upload_id: UploadPick,
        part_number: u32,
        source_key: ObjectKey,
        source_version_id: Option<VersionPick>,
        range: Option<RangePick>,
    },
    CompleteMultipartUpload {
        key: UploadKeyPick,
        upload_id: UploadPick,
        parts: PartsPick,
        condition: Option<ConditionPick>,
    },
    AbortMultipartUpload {
        key: UploadKeyPick,
        upload_id: UploadPick,
    },
    ListParts {
        key: UploadKeyPick,
        upload_id: UploadPick,
        max_parts: Option<u64>,
        part_number_marker: Option<u32>,
    },
    CopyObject {
        source_key: ObjectKey,
        source_version_id: Option<VersionPick>,
        key: ObjectKey,
        tagging_directive: Option<Directive>,
        tags: Option<Tags>,
        metadata_directive: Option<Directive>,
        content_type: Option<String>,
        metadata: Option<Metadata>,
        storage_class: Option<String>,
        condition: Option<ConditionPick>,
    },
    PutObjectTagging {
        key: ObjectKey,
        tags: Tags,
        version_id: Option<VersionPick>,
    },
    GetObjectTagging {
        key: ObjectKey,
        version_id: Option<VersionPick>,
    },
    DeleteObjectTagging {
        key: ObjectKey,
        version_id: Option<VersionPick>,
    },
    ListObjectVersions {
        prefix: Option<String>,
        delimiter: Option<String>,
        key_marker: Option<MarkerPick>,
        version_id_marker: Option<VersionPick>,
        max_keys: Option<u64>,
    },
    ListObjects {
        prefix: Option<String>,
        delimiter: Option<String>,
        marker: Option<MarkerPick>,
        max_keys: Option<u64>,
    },
    ListMultipartUploads {
        prefix: Option<String>,
        delimiter: Option<String>,
        key_marker: Option<MarkerPick>,
        upload_id_marker: Option<UploadPick>,
        max_uploads: Option<u64>,
    },
    PutSymlink {
        key: ObjectKey,
        target: TargetPick,
        tags: Option<Tags>,
        content_type: Option<String>,
        metadata: Option<Metadata>,
        storage_class: Option<String>,
        /// CND-6.
        forbid_overwrite: Option<bool>,
    },
    GetSymlink {
        key: TargetPick,
        version_id: Option<VersionPick>,
    },
    GetObjectMeta {
        key: TargetPick,
        version_id: Option<VersionPick>,
    },
    /// GetObject (`head`: HeadObject) of the head of a key picked by what its head is: a link,
    /// mostly, which the read follows (SYM-4).
    ReadPicked {
        key: TargetPick,
        head: bool,
    },
    /// An Object Lock (s3) or retention-policy (oss) command, or a write, delete or clock
    /// advance aimed at a lock's boundary (OL-1..OL-8): a pick for each dialect.
    Lock(LockPick),
}

/// A template of any kind, as [`commands`] draws them.
pub fn template() -> impl Strategy<Value = Template> {
    prop_oneof![
        30 => core_template(),
        9 => append_template(),
        23 => multipart_template(),
        16 => listing_template(),
        8 => tagging_template(),
        8 => lifecycle::template(),
        5 => symlink::template(),
        10 => lock::template(),
    ]
}

fn version_ref() -> impl Strategy<Value = VersionPick> {
    prop_oneof![
        10 => (0..8usize).prop_map(VersionPick::OfKey),
        4 => (0..16usize).prop_map(VersionPick::Seen),
        3 => Just(VersionPick::Given(VersionId::NULL)),
        1 => Just(VersionPick::Given(VersionId::new("unknown-version"))),
        1 => Just(VersionPick::Given(VersionId::new(""))),
    ]
}

/// An ID a caller supplies for a new entry (ID-5): mostly new, sometimes one already used,
/// `null` or empty.
fn supplied_id() -> impl Strategy<Value = VersionPick> {
    prop_oneof![
        4 => (0..1000u32).prop_map(|n| VersionPick::Given(VersionId::new(format!("observed-{n}")))),
        1 => (0..16usize).prop_map(VersionPick::Seen),
        1 => select(vec!["null", ""]).prop_map(|id| VersionPick::Given(VersionId::new(id))),
    ]
}

fn upload_ref() -> impl Strategy<Value = UploadPick> {
    prop_oneof![
        8 => prop_oneof![6 => Just(0usize), 2 => Just(1usize), 1 => 2..4usize]
            .prop_map(UploadPick::OfKey),
        2 => (0..8usize).prop_map(UploadPick::Seen),
        1 => Just(UploadPick::Given(UploadId::new("no-such-upload"))),
    ]
}

/// An upload ID a caller supplies at Initiate (MPU-13): mostly new, sometimes one already
/// given out, or empty.
fn supplied_upload_id() -> impl Strategy<Value = UploadPick> {
    prop_oneof![
        4 => (0..1000u32).prop_map(|n| UploadPick::Given(UploadId::new(format!("observed-upload-{n}")))),
        1 => (0..8usize).prop_map(UploadPick::Seen),
        1 => Just(UploadPick::Given(UploadId::new(""))),
    ]
}

/// An UploadPartCopy range (MPU-12): mostly inside the source or the whole of it, sometimes
/// one the rules refuse.
fn range() -> impl Strategy<Value = RangePick> {
    let slice = || (0..64u64, 1..200_000u64);
    prop_oneof![
        4 => Just(RangePick::Whole),
        8 => slice().prop_map(|(skip, len)| RangePick::Slice { skip, len }),
        1 => Just(RangePick::Past),
        1 => Just(RangePick::Backwards),
        1 => slice().prop_map(|(skip, len)| RangePick::WrongLength { skip, len }),
        1 => slice().prop_map(|(skip, len)| RangePick::WithoutContent { skip, len }),
        1 => Just(RangePick::ContentWithoutRange),
    ]
}

fn position() -> impl Strategy<Value = PositionPick> {
    prop_oneof![
        12 => Just(PositionPick::Right),
        3 => Just(PositionPick::At(0)),
        2 => Just(PositionPick::Past),
        1 => (1..20u64).prop_map(PositionPick::At),
        1 => Just(PositionPick::At(u64::MAX)),
    ]
}

/// Versioning, put, delete, get, head and the clock.
fn core_template() -> impl Strategy<Value = Template> {
    prop_oneof![
        5 => prop_oneof![
            4 => Just("Enabled"),
            4 => Just("Suspended"),
            1 => Just("Disabled"),
            1 => Just("enabled"),
        ]
        .prop_map(|status| Template::Ready(Command::PutBucketVersioning(PutBucketVersioning::new(status)))),
        1 => Just(Template::Ready(Command::GetBucketVersioning(GetBucketVersioning::new()))),
        12 => (key(), body(), option::weighted(0.05, supplied_id()), option::weighted(0.3, tags()), metadata_fields(), conditions::write_condition()).prop_map(
            |(key, body, assign_version_id, tags, (content_type, metadata, storage_class), condition)| Template::PutObject { key, body, assign_version_id, tags, content_type, metadata, storage_class, condition }
        ),
        9 => (
            key(),
            option::weighted(0.5, version_ref()),
            option::weighted(0.04, supplied_id()),
            conditions::delete_condition(),
        )
            .prop_map(|(key, version_id, assign_version_id, condition)| Template::DeleteObject { key, version_id, assign_version_id, condition }),
        4 => (key(), option::of(version_ref()))
            .prop_map(|(key, version_id)| Template::GetObject { key, version_id }),
        2 => (key(), option::of(version_ref()))
            .prop_map(|(key, version_id)| Template::HeadObject { key, version_id }),
        1 => prop_oneof![9 => 0..100u64, 1 => Just(u64::MAX)]
            .prop_map(|seconds| Template::Ready(Command::AdvanceClock(AdvanceClock::new(seconds)))),
    ]
}

/// AppendObject and SealAppendObject.
fn append_template() -> impl Strategy<Value = Template> {
    prop_oneof![
        7 => (key(), position(), body(), option::weighted(0.03, version_ref()), option::weighted(0.15, tags()), metadata_fields()).prop_map(
            |(key, position, body, version_id, tags, (content_type, metadata, storage_class))| Template::AppendObject { key, position, body, version_id, tags, content_type, metadata, storage_class }
        ),
        2 => (key(), position())
            .prop_map(|(key, position)| Template::SealAppendObject { key, position }),
    ]
}

/// A part body: small, or around the dialect's minimum part size (MPU-6): one byte under it,
/// at it, or one byte over (see [`PartBodyPick::AroundMin`]). The s3 minimum (5 MiB) is costly
/// to hash, so s3 mostly makes small parts.
fn part_body() -> impl Strategy<Value = PartBodyPick> {
    let oss = prop_oneof![2 => Just(0u8), 5 => Just(1u8), 1 => Just(2u8)];
    let s3 = prop_oneof![1 => Just(0u8), 6 => Just(1u8), 1 => Just(2u8), 12 => Just(3u8)];
    prop_oneof![
        4 => (0..64u64, "[a-c]").prop_map(|(times, repeat)| PartBodyPick::Given(Body::Repeat { repeat, times })),
        12 => (oss, s3, "[a-c]").prop_map(|(oss, s3, piece)| PartBodyPick::AroundMin { piece, oss, s3 }),
    ]
}

/// The key of a multipart command: mostly the key of a recent upload in progress.
fn upload_key() -> impl Strategy<Value = UploadKeyPick> {
    prop_oneof![
        6 => Just(UploadKeyPick::OfUpload(0)),
        2 => Just(UploadKeyPick::OfUpload(1)),
        1 => Just(UploadKeyPick::OfUpload(2)),
        1 => key().prop_map(UploadKeyPick::Given),
    ]
}

fn part_number() -> impl Strategy<Value = u32> {
    prop_oneof![16 => 1..5u32, 1 => Just(0u32), 1 => Just(10_000u32), 1 => Just(10_001u32)]
}

/// The multipart commands.
fn multipart_template() -> impl Strategy<Value = Template> {
    let parts_mode = prop_oneof![
        6 => Just(PartsPick::All),
        4 => Just(PartsPick::Sized),
        1 => Just(PartsPick::Reversed),
        2 => Just(PartsPick::SkipFirst),
        2 => Just(PartsPick::DropLast),
        1 => Just(PartsPick::Quoted),
        1 => Just(PartsPick::WrongEtag),
    ];
    let listed = vec((part_number(), "[0-9A-F]{32}"), 0..3).prop_map(|parts| {
        PartsPick::Listed(
            parts
                .into_iter()
                .map(|(number, etag)| (number, Some(ETag::new(etag))))
                .collect(),
        )
    });
    let parts = prop_oneof![6 => parts_mode, 1 => listed];
    let uploads_listing = (
        option::of(select(vec!["", "a", "a/", "b"]).prop_map(String::from)),
        option::of(select(vec!["/", "b", ""]).prop_map(String::from)),
        option::weighted(
            0.4,
            prop_oneof![
                3 => key().prop_map(|key| MarkerPick::Given(key.as_str().into())),
                1 => Just(MarkerPick::Given("a/".into())),
                1 => Just(MarkerPick::Next),
            ],
        ),
        option::weighted(0.5, upload_ref()),
        option::weighted(
            0.7,
            prop_oneof![6 => 1..4u64, 1 => Just(0u64), 1 => Just(1001u64)],
        ),
    );
    prop_oneof![
        3 => (key(), option::weighted(0.3, tags()), metadata_fields(), option::weighted(0.1, supplied_upload_id())).prop_map(|(key, tags, (content_type, metadata, storage_class), assign_upload_id)| {
            Template::InitiateMultipartUpload { key, tags, content_type, metadata, storage_class, assign_upload_id }
        }),
        2 => part_copy_template(),
        12 => (upload_key(), upload_ref(), part_number(), part_body()).prop_map(
            |(key, upload_id, part_number, body)| Template::UploadPart { key, upload_id, part_number, body }
        ),
        3 => (upload_key(), upload_ref(), parts, conditions::write_condition())
            .prop_map(|(key, upload_id, parts, condition)| Template::CompleteMultipartUpload { key, upload_id, parts, condition }),
        1 => (upload_key(), upload_ref())
            .prop_map(|(key, upload_id)| Template::AbortMultipartUpload { key, upload_id }),
        2 => (
            upload_key(),
            upload_ref(),
            option::of(prop_oneof![4 => 1..3u64, 1 => Just(0u64), 1 => Just(1001u64)]),
            option::of(0..4u32),
        )
            .prop_map(|(key, upload_id, max_parts, part_number_marker)| Template::ListParts { key, upload_id, max_parts, part_number_marker }),
        2 => uploads_listing.prop_map(
            |(prefix, delimiter, key_marker, upload_id_marker, max_uploads)| {
                Template::ListMultipartUploads { prefix, delimiter, key_marker, upload_id_marker, max_uploads }
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

fn marker() -> impl Strategy<Value = Option<MarkerPick>> {
    option::weighted(
        0.5,
        prop_oneof![
            4 => select(&KEYS[..]).prop_map(|key| MarkerPick::Given(key.into())),
            1 => select(vec!["", "a/", "b/", "a/b/"]).prop_map(|key| MarkerPick::Given(key.into())),
            4 => Just(MarkerPick::Next),
        ],
    )
}

fn max_keys() -> impl Strategy<Value = Option<u64>> {
    option::weighted(
        0.8,
        prop_oneof![12 => 1..5u64, 1 => Just(0u64), 1 => Just(1000u64), 1 => Just(1001u64)],
    )
}

/// The small pool of tag keys that written tag sets and lifecycle tag filters share, so that
/// filters meet the tags of generated versions (LC-10, TAG-1).
const TAG_KEYS: [&str; 4] = ["team", "tier", "Team", "env"];
/// The pool of tag values, shared the same way.
const TAG_VALUES: [&str; 4] = ["", "web", "gold", "x y"];

/// A tag set: mostly valid (a few keys from a small pool, so sets meet and differ), now and
/// then breaking TAG-3 (11 tags, a repeated key, an empty or 129-byte key, a 257-byte value).
fn tags() -> impl Strategy<Value = Tags> {
    let valid = vec(
        (select(TAG_KEYS.to_vec()), select(TAG_VALUES.to_vec())),
        0..4,
    )
    .prop_map(|pairs| {
        let mut tags = Tags::new();
        for (key, value) in pairs {
            if tags.get(key).is_none() {
                tags = tags.with(key, value);
            }
        }
        tags
    });
    prop_oneof![
        40 => valid,
        1 => Just((0..11).map(|n| (format!("k{n}"), String::new())).collect()),
        1 => Just(Tags::new().with("team", "a").with("team", "b")),
        1 => Just(Tags::new().with("", "v")),
        1 => Just(Tags::new().with("k".repeat(129), "v")),
        1 => Just(Tags::new().with("k", "v".repeat(257))),
    ]
}

/// A write's content type, user metadata and storage class (TAG-5): mostly absent; when given,
/// of both dialects' spellings (so each dialect meets the other's as unknown), now and then
/// over the size limit or unknown.
fn metadata_fields() -> impl Strategy<Value = (Option<String>, Option<Metadata>, Option<String>)> {
    let content_type = select(vec![
        "text/plain",
        "application/json",
        "binary/octet-stream",
        "application/octet-stream",
    ])
    .prop_map(String::from);
    let metadata = prop_oneof![
        12 => vec((select(vec!["owner", "Owner", "color"]), select(vec!["ana", "red", ""])), 1..3)
            .prop_map(|pairs| pairs.into_iter().collect::<Metadata>()),
        1 => Just(Metadata::new().with("big", "m".repeat(2100))),
        1 => Just(Metadata::new().with("huge", "m".repeat(8200))),
    ];
    let storage_class = select(vec![
        "Standard",
        "IA",
        "Archive",
        "STANDARD",
        "STANDARD_IA",
        "GLACIER",
        "bogus",
    ])
    .prop_map(String::from);
    (
        option::weighted(0.2, content_type),
        option::weighted(0.2, metadata),
        option::weighted(0.1, storage_class),
    )
}

/// A copy's tag and metadata fields: directives mostly absent, else either, with the request's
/// values for `REPLACE` (sometimes given under `COPY`, where they are ignored).
fn copy_fields() -> impl Strategy<Value = CopyFields> {
    let directive = || {
        option::weighted(
            0.3,
            prop_oneof![Just(Directive::Copy), Just(Directive::Replace)],
        )
    };
    (
        directive(),
        option::weighted(0.4, tags()),
        directive(),
        metadata_fields(),
    )
}

/// A copy's tagging directive, tags, metadata directive, and content type, user metadata and
/// storage class, as [`copy_fields`] draws them.
type CopyFields = (
    Option<Directive>,
    Option<Tags>,
    Option<Directive>,
    (Option<String>, Option<Metadata>, Option<String>),
);

/// PutObjectTagging, GetObjectTagging and DeleteObjectTagging (TAG-2), on the head or a
/// version of the key.
fn tagging_template() -> impl Strategy<Value = Template> {
    prop_oneof![
        4 => (key(), tags(), option::weighted(0.6, version_ref()))
            .prop_map(|(key, tags, version_id)| Template::PutObjectTagging { key, tags, version_id }),
        3 => (key(), option::weighted(0.4, version_ref()))
            .prop_map(|(key, version_id)| Template::GetObjectTagging { key, version_id }),
        2 => (key(), option::weighted(0.4, version_ref()))
            .prop_map(|(key, version_id)| Template::DeleteObjectTagging { key, version_id }),
    ]
}

/// CopyObject (CPY), now and then onto its source key.
fn copy_template() -> impl Strategy<Value = Template> {
    (
        key(),
        option::weighted(0.4, version_ref()),
        key(),
        proptest::bool::weighted(0.15),
        copy_fields(),
        conditions::write_condition(),
    )
        .prop_map(
            |(source_key, source_version_id, key, onto_itself, fields, condition)| {
                // Now and then onto the source key itself (CPY-6, and TAG-6's refusal on s3).
                let key = if onto_itself { source_key.clone() } else { key };
                let (
                    tagging_directive,
                    tags,
                    metadata_directive,
                    (content_type, metadata, storage_class),
                ) = fields;
                Template::CopyObject {
                    source_key,
                    source_version_id,
                    key,
                    tagging_directive,
                    tags,
                    metadata_directive,
                    content_type,
                    metadata,
                    storage_class,
                    condition,
                }
            },
        )
}

/// UploadPartCopy (MPU-12): mostly into a recent upload, whole or a range.
fn part_copy_template() -> impl Strategy<Value = Template> {
    (
        upload_key(),
        upload_ref(),
        part_number(),
        key(),
        option::weighted(0.5, version_ref()),
        option::weighted(0.6, range()),
    )
        .prop_map(
            |(key, upload_id, part_number, source_key, source_version_id, range)| {
                Template::UploadPartCopy {
                    key,
                    upload_id,
                    part_number,
                    source_key,
                    source_version_id,
                    range,
                }
            },
        )
}

/// DeleteObjects, CopyObject, ListObjectVersions and ListObjects.
fn listing_template() -> impl Strategy<Value = Template> {
    let batch = prop_oneof![
        20 => vec((key(), option::weighted(0.5, version_ref()), conditions::delete_condition()), 1..5),
        1 => Just(Vec::new()),
        1 => Just(vec![(ObjectKey::new("a"), None, None); 1001]),
    ];
    prop_oneof![
        4 => (batch, option::weighted(0.3, any::<bool>()))
            .prop_map(|(objects, quiet)| Template::DeleteObjects { objects, quiet }),
        5 => copy_template(),
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
                Template::ListObjectVersions { prefix, delimiter, key_marker, version_id_marker, max_keys }
            }),
        3 => (prefix(), delimiter(), marker(), max_keys()).prop_map(
            |(prefix, delimiter, marker, max_keys)| Template::ListObjects { prefix, delimiter, marker, max_keys }
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Resolving templates.

/// Makes [`Template`]s into commands against a bucket and what the run has shown so far: the
/// IDs outcomes reported, the uploads initiated, and where each listing's last page ended. Resolve each template against the bucket as it is when the
/// command's turn comes, then [`record`](Resolver::record) the result.
#[derive(Clone, Debug, Default)]
pub struct Resolver {
    version_ids: Vec<VersionId>,
    upload_ids: Vec<UploadId>,
    /// Every upload initiated, with its key, oldest first.
    initiated: Vec<(ObjectKey, UploadId)>,
    /// The request that continues the last page of each listing, if that page was truncated:
    /// its next markers, with its prefix, delimiter and page size.
    next_versions: Option<ListObjectVersions>,
    next_objects: Option<ListObjects>,
    next_uploads: Option<ListMultipartUploads>,
}

impl Resolver {
    /// `template` with its picks filled in from `bucket` and the outcomes so far.
    pub fn resolve<S: IdSource>(&self, template: &Template, bucket: &Bucket<S>) -> Command {
        // A command aimed at a recent upload when none is in progress starts one instead.
        if let Template::UploadPart { key, .. }
        | Template::CompleteMultipartUpload { key, .. }
        | Template::AbortMultipartUpload { key, .. }
        | Template::ListParts { key, .. }
        | Template::UploadPartCopy { key, .. } = template
            && let UploadKeyPick::OfUpload(n) = key
            && self.in_progress(bucket).next().is_none()
        {
            return Command::InitiateMultipartUpload(InitiateMultipartUpload::new(
                ObjectKey::from(KEYS[n % KEYS.len()]),
            ));
        }
        let version = |pick: &Option<VersionPick>, key: &str| {
            pick.as_ref().map(|pick| self.version(pick, key, bucket))
        };
        match template {
            Template::Ready(command) => command.clone(),
            Template::PutObject {
                key,
                body,
                assign_version_id,
                tags,
                content_type,
                metadata,
                storage_class,
                condition,
            } => {
                let (if_match, if_none_match, forbid_overwrite) =
                    conditions::write_fields(*condition, key.as_str(), bucket);
                Command::PutObject(PutObject {
                    key: key.clone(),
                    body: body.clone(),
                    assign_version_id: version(assign_version_id, key.as_str()),
                    tags: tags.clone(),
                    content_type: content_type.clone(),
                    metadata: metadata.clone(),
                    storage_class: storage_class.clone(),
                    if_match,
                    if_none_match,
                    forbid_overwrite,
                    retention: None,
                    legal_hold: None,
                })
            }
            Template::AppendObject {
                key,
                position,
                body,
                version_id,
                tags,
                content_type,
                metadata,
                storage_class,
            } => Command::AppendObject(AppendObject {
                key: key.clone(),
                position: resolve_position(*position, key, bucket),
                body: body.clone(),
                version_id: version(version_id, key.as_str()),
                tags: tags.clone(),
                content_type: content_type.clone(),
                metadata: metadata.clone(),
                storage_class: storage_class.clone(),
            }),
            Template::PutObjectTagging {
                key,
                tags,
                version_id,
            } => Command::PutObjectTagging(PutObjectTagging {
                key: key.clone(),
                tags: tags.clone(),
                version_id: version(version_id, key.as_str()),
            }),
            Template::GetObjectTagging { key, version_id } => {
                Command::GetObjectTagging(GetObjectTagging {
                    key: key.clone(),
                    version_id: version(version_id, key.as_str()),
                })
            }
            Template::DeleteObjectTagging { key, version_id } => {
                Command::DeleteObjectTagging(DeleteObjectTagging {
                    key: key.clone(),
                    version_id: version(version_id, key.as_str()),
                })
            }
            Template::SealAppendObject { key, position } => Command::SealAppendObject(
                SealAppendObject::new(key.clone(), resolve_position(*position, key, bucket)),
            ),
            Template::DeleteObject {
                key,
                version_id,
                assign_version_id,
                condition,
            } => {
                let version_id = version(version_id, key.as_str());
                let if_match =
                    conditions::delete_field(*condition, key.as_str(), version_id.as_ref(), bucket);
                Command::DeleteObject(DeleteObject {
                    key: key.clone(),
                    version_id,
                    assign_version_id: version(assign_version_id, key.as_str()),
                    if_match,
                    bypass_governance: None,
                })
            }
            Template::DeleteObjects { objects, quiet } => Command::DeleteObjects(DeleteObjects {
                objects: objects
                    .iter()
                    .map(|(key, version_id, condition)| {
                        let version_id = version(version_id, key.as_str());
                        let etag = conditions::delete_field(
                            *condition,
                            key.as_str(),
                            version_id.as_ref(),
                            bucket,
                        );
                        ObjectIdentifier {
                            key: key.clone(),
                            version_id,
                            etag,
                        }
                    })
                    .collect(),
                quiet: *quiet,
                bypass_governance: None,
            }),
            Template::GetObject { key, version_id } => Command::GetObject(GetObject {
                key: key.clone(),
                version_id: version(version_id, key.as_str()),
            }),
            Template::HeadObject { key, version_id } => Command::HeadObject(HeadObject {
                key: key.clone(),
                version_id: version(version_id, key.as_str()),
            }),
            Template::UploadPart {
                key,
                upload_id,
                part_number,
                body,
            } => {
                let (key, upload_id) = self.upload_of(key, upload_id, bucket);
                let body = resolve_part_body(body, bucket.dialect());
                Command::UploadPart(UploadPart::new(key, upload_id, *part_number, body))
            }
            Template::InitiateMultipartUpload {
                key,
                tags,
                content_type,
                metadata,
                storage_class,
                assign_upload_id,
            } => Command::InitiateMultipartUpload(InitiateMultipartUpload {
                key: key.clone(),
                tags: tags.clone(),
                content_type: content_type.clone(),
                metadata: metadata.clone(),
                storage_class: storage_class.clone(),
                assign_upload_id: assign_upload_id
                    .as_ref()
                    .map(|pick| self.upload(pick, key, bucket)),
                retention: None,
                legal_hold: None,
            }),
            Template::CompleteMultipartUpload {
                key,
                upload_id,
                parts,
                condition,
            } => {
                let (key, upload_id) = self.upload_of(key, upload_id, bucket);
                let parts = uploaded_parts(bucket, &key, &upload_id, parts);
                let (if_match, if_none_match, forbid_overwrite) =
                    conditions::write_fields(*condition, key.as_str(), bucket);
                Command::CompleteMultipartUpload(CompleteMultipartUpload {
                    if_match,
                    if_none_match,
                    forbid_overwrite,
                    ..CompleteMultipartUpload::new(key, upload_id, parts)
                })
            }
            Template::AbortMultipartUpload { key, upload_id } => {
                let (key, upload_id) = self.upload_of(key, upload_id, bucket);
                Command::AbortMultipartUpload(AbortMultipartUpload::new(key, upload_id))
            }
            Template::ListParts {
                key,
                upload_id,
                max_parts,
                part_number_marker,
            } => {
                let (key, upload_id) = self.upload_of(key, upload_id, bucket);
                Command::ListParts(ListParts {
                    key,
                    upload_id,
                    max_parts: *max_parts,
                    part_number_marker: *part_number_marker,
                })
            }
            Template::CopyObject { .. } | Template::UploadPartCopy { .. } => {
                self.resolve_copy(template, bucket, None)
            }
            Template::ListObjectVersions {
                prefix,
                delimiter,
                key_marker,
                version_id_marker,
                max_keys,
            } => {
                let first = ListObjectVersions {
                    prefix: prefix.clone(),
                    delimiter: delimiter.clone(),
                    max_keys: *max_keys,
                    ..ListObjectVersions::new()
                };
                let request = match given(key_marker) {
                    None => self.next_versions.clone().unwrap_or(first),
                    Some(key_marker) => {
                        let marker_key = key_marker.clone().unwrap_or_default();
                        ListObjectVersions {
                            key_marker,
                            version_id_marker: version(version_id_marker, &marker_key),
                            ..first
                        }
                    }
                };
                Command::ListObjectVersions(request)
            }
            Template::ListObjects {
                prefix,
                delimiter,
                marker,
                max_keys,
            } => {
                let first = ListObjects {
                    prefix: prefix.clone(),
                    delimiter: delimiter.clone(),
                    max_keys: *max_keys,
                    ..ListObjects::new()
                };
                let request = match given(marker) {
                    None => self.next_objects.clone().unwrap_or(first),
                    Some(marker) => ListObjects { marker, ..first },
                };
                Command::ListObjects(request)
            }
            Template::ListMultipartUploads {
                prefix,
                delimiter,
                key_marker,
                upload_id_marker,
                max_uploads,
            } => {
                let first = ListMultipartUploads {
                    prefix: prefix.clone(),
                    delimiter: delimiter.clone(),
                    max_uploads: *max_uploads,
                    ..ListMultipartUploads::new()
                };
                let request = match given(key_marker) {
                    None => self.next_uploads.clone().unwrap_or(first),
                    Some(key_marker) => {
                        let key_marker = key_marker.map(ObjectKey::new);
                        let marker_key = key_marker.clone().unwrap_or_default();
                        ListMultipartUploads {
                            key_marker,
                            upload_id_marker: upload_id_marker
                                .as_ref()
                                .map(|pick| self.upload(pick, &marker_key, bucket)),
                            ..first
                        }
                    }
                };
                Command::ListMultipartUploads(request)
            }
            Template::AdvanceClock { seconds } => Command::AdvanceClock(AdvanceClock::new(
                lifecycle::clock_seconds(*seconds, bucket.now()),
            )),
            Template::PutSymlink {
                key,
                target,
                tags,
                content_type,
                metadata,
                storage_class,
                forbid_overwrite,
            } => Command::PutSymlink(PutSymlink {
                key: key.clone(),
                target: symlink::resolve_target(target, bucket),
                tags: tags.clone(),
                content_type: content_type.clone(),
                metadata: metadata.clone(),
                storage_class: storage_class.clone(),
                forbid_overwrite: *forbid_overwrite,
            }),
            Template::GetSymlink { key, version_id } => {
                let key = symlink::resolve_target(key, bucket);
                Command::GetSymlink(GetSymlink {
                    version_id: version(version_id, key.as_str()),
                    key,
                })
            }
            Template::GetObjectMeta { key, version_id } => {
                let key = symlink::resolve_target(key, bucket);
                Command::GetObjectMeta(GetObjectMeta {
                    version_id: version(version_id, key.as_str()),
                    key,
                })
            }
            Template::Lock(pick) => lock::resolve(pick, bucket),
            Template::ReadPicked { key, head } => {
                let key = symlink::resolve_target(key, bucket);
                if *head {
                    Command::HeadObject(HeadObject::new(key))
                } else {
                    Command::GetObject(GetObject::new(key))
                }
            }
        }
    }

    /// Notes the IDs `result` reports, the upload `command` initiated, and the page if
    /// `command` was a listing.
    pub fn record(&mut self, command: &Command, result: &Result<Outcome, Violation>) {
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
            Outcome::PutSymlink(put) => ids.extend(put.version_id.clone()),
            Outcome::GetSymlink(link) => ids.extend(link.version_id.clone()),
            Outcome::GetObjectMeta(meta) => ids.extend(meta.version_id.clone()),
            Outcome::CompleteMultipartUpload(complete) => ids.extend(complete.version_id.clone()),
            Outcome::UploadPartCopy(copy) => ids.extend(copy.source_version_id.clone()),
            Outcome::CopyObject(copy) => {
                ids.extend(copy.version_id.clone());
                ids.extend(copy.source_version_id.clone());
            }
            Outcome::ListObjectVersions(page) => {
                ids.extend(page.entries.iter().map(|entry| entry.version_id.clone()));
                if let Command::ListObjectVersions(request) = command {
                    self.next_versions = page.is_truncated.then(|| ListObjectVersions {
                        key_marker: page.next_key_marker.clone(),
                        version_id_marker: page.next_version_id_marker.clone(),
                        ..request.clone()
                    });
                }
            }
            Outcome::ListObjects(page) => {
                ids.extend(page.objects.iter().map(|object| object.version_id.clone()));
                if let Command::ListObjects(request) = command {
                    self.next_objects = page.is_truncated.then(|| ListObjects {
                        marker: page.next_marker.clone(),
                        ..request.clone()
                    });
                }
            }
            Outcome::InitiateMultipartUpload(initiate) => {
                if !self.upload_ids.contains(&initiate.upload_id) {
                    self.upload_ids.push(initiate.upload_id.clone());
                }
                if let Command::InitiateMultipartUpload(InitiateMultipartUpload { key, .. }) =
                    command
                {
                    self.initiated
                        .push((key.clone(), initiate.upload_id.clone()));
                }
            }
            Outcome::ListMultipartUploads(page) => {
                if let Command::ListMultipartUploads(request) = command {
                    self.next_uploads = page.is_truncated.then(|| ListMultipartUploads {
                        key_marker: page.next_key_marker.clone(),
                        upload_id_marker: page.next_upload_id_marker.clone(),
                        ..request.clone()
                    });
                }
            }
            Outcome::RunLifecycle(run) => {
                ids.extend(run.removed.iter().map(|entry| entry.version_id.clone()));
                ids.extend(
                    run.delete_markers_added
                        .iter()
                        .map(|marker| marker.version_id.clone()),
                );
            }
            Outcome::BucketLifecycleChanged(_)
            | Outcome::GetBucketLifecycle(_)
            | Outcome::BucketProtectionChanged(_) => {}
            Outcome::ObjectLock(lock) => ids.extend(lock.version_id.clone()),
            Outcome::Versioning(_)
            | Outcome::UploadPart(_)
            | Outcome::AbortMultipartUpload(_)
            | Outcome::ListParts(_)
            | Outcome::AdvanceClock(_)
            | Outcome::PutObjectTagging(_)
            | Outcome::GetObjectTagging(_)
            | Outcome::DeleteObjectTagging(_)
            | Outcome::Bucket(_)
            | Outcome::BucketInfo(_)
            | Outcome::ListBuckets(_) => {}
        }
        for id in &ids {
            push_new(&mut self.version_ids, id);
        }
    }

    /// A version ID pick resolved: an entry of `key`, or an ID seen; `null` when there is none
    /// to pick.
    fn version<S: IdSource>(&self, pick: &VersionPick, key: &str, bucket: &Bucket<S>) -> VersionId {
        match pick {
            VersionPick::OfKey(n) => {
                let ids: Vec<VersionId> = bucket
                    .chain(key)
                    .map(|chain| {
                        chain
                            .iter()
                            .map(|entry| entry.version_id().clone())
                            .collect()
                    })
                    .unwrap_or_default();
                pick_nth(&ids, *n).unwrap_or(VersionId::NULL)
            }
            VersionPick::Seen(n) => pick_nth(&self.version_ids, *n).unwrap_or(VersionId::NULL),
            VersionPick::Given(id) => id.clone(),
        }
    }

    /// An upload ID pick resolved: an upload of `key` in progress, or an upload ID seen; an
    /// unknown ID when there is none to pick.
    fn upload<S: IdSource>(
        &self,
        pick: &UploadPick,
        key: &ObjectKey,
        bucket: &Bucket<S>,
    ) -> UploadId {
        let unknown = || UploadId::new("no-such-upload");
        match pick {
            UploadPick::OfKey(n) => {
                let of_key: Vec<UploadId> = self
                    .in_progress(bucket)
                    .filter(|(upload_key, _)| upload_key == key)
                    .map(|(_, upload_id)| upload_id.clone())
                    .collect();
                pick_nth(&of_key, *n).unwrap_or_else(unknown)
            }
            UploadPick::Seen(n) => pick_nth(&self.upload_ids, *n).unwrap_or_else(unknown),
            UploadPick::Given(upload_id) => upload_id.clone(),
        }
    }

    /// A multipart command's key and upload ID resolved.
    fn upload_of<S: IdSource>(
        &self,
        key: &UploadKeyPick,
        upload_id: &UploadPick,
        bucket: &Bucket<S>,
    ) -> (ObjectKey, UploadId) {
        let key = match key {
            UploadKeyPick::OfUpload(n) => {
                let keys: Vec<ObjectKey> = self
                    .in_progress(bucket)
                    .map(|(key, _)| key.clone())
                    .collect();
                pick_nth(&keys, *n).unwrap_or_else(|| ObjectKey::new(KEYS[0]))
            }
            UploadKeyPick::Given(key) => key.clone(),
        };
        let upload_id = self.upload(upload_id, &key, bucket);
        (key, upload_id)
    }

    /// A CopyObject or UploadPartCopy template resolved into `bucket`, its source picked in
    /// `source` (another bucket of a service: its name, resolver and bucket, SVC-7) or else in
    /// `bucket` itself. Any other template resolves as [`resolve`](Self::resolve) does.
    pub(crate) fn resolve_copy<S: IdSource>(
        &self,
        template: &Template,
        bucket: &Bucket<S>,
        source: Option<(&str, &Resolver, &Bucket<S>)>,
    ) -> Command {
        let (source_bucket, resolver, from) = match source {
            Some((name, resolver, from)) => (Some(String::from(name)), resolver, from),
            None => (None, self, bucket),
        };
        let (key, upload_id, part_number, source_key, source_version_id, range) = match template {
            Template::CopyObject {
                source_key,
                source_version_id,
                key,
                tagging_directive,
                tags,
                metadata_directive,
                content_type,
                metadata,
                storage_class,
                condition,
            } => {
                let (if_match, if_none_match, forbid_overwrite) =
                    conditions::write_fields(*condition, key.as_str(), bucket);
                return Command::CopyObject(CopyObject {
                    source_bucket,
                    source_key: source_key.clone(),
                    source_version_id: source_version_id
                        .as_ref()
                        .map(|pick| resolver.version(pick, source_key.as_str(), from)),
                    key: key.clone(),
                    tagging_directive: *tagging_directive,
                    tags: tags.clone(),
                    metadata_directive: *metadata_directive,
                    content_type: content_type.clone(),
                    metadata: metadata.clone(),
                    storage_class: storage_class.clone(),
                    if_match,
                    if_none_match,
                    forbid_overwrite,
                    retention: None,
                    legal_hold: None,
                });
            }
            Template::UploadPartCopy {
                key,
                upload_id,
                part_number,
                source_key,
                source_version_id,
                range,
            } if !matches!(key, UploadKeyPick::OfUpload(_))
                || self.in_progress(bucket).next().is_some() =>
            {
                (
                    key,
                    upload_id,
                    part_number,
                    source_key,
                    source_version_id,
                    range,
                )
            }
            // Anything else, and a part copy aimed at a recent upload when none is in progress
            // (which starts one instead).
            _ => return self.resolve(template, bucket),
        };
        let (key, upload_id) = self.upload_of(key, upload_id, bucket);
        let source_version_id = source_version_id
            .as_ref()
            .map(|pick| resolver.version(pick, source_key.as_str(), from));
        let size = from
            .head_object(HeadObject {
                key: source_key.clone(),
                version_id: source_version_id.clone(),
            })
            .map_or(0, |meta| meta.size);
        let (range, body) = range.map_or((None, None), |pick| resolve_range(pick, size));
        Command::UploadPartCopy(UploadPartCopy {
            key,
            upload_id,
            part_number: *part_number,
            source_key: source_key.clone(),
            source_bucket,
            source_version_id,
            range,
            body,
        })
    }

    /// The uploads in progress, newest first.
    fn in_progress<'a, S: IdSource>(
        &'a self,
        bucket: &'a Bucket<S>,
    ) -> impl Iterator<Item = &'a (ObjectKey, UploadId)> + 'a {
        self.initiated.iter().rev().filter(|(key, upload_id)| {
            bucket
                .list_parts(ListParts::new(key.clone(), upload_id.clone()).max_parts(1))
                .is_ok()
        })
    }
}

/// A marker pick as given: `Some` with the marker (or none), `None` for
/// [`MarkerPick::Next`].
fn given(marker: &Option<MarkerPick>) -> Option<Option<String>> {
    match marker {
        Some(MarkerPick::Next) => None,
        Some(MarkerPick::Given(marker)) => Some(Some(marker.clone())),
        None => Some(None),
    }
}

/// The N-th of `items`, counted round.
fn pick_nth<T: Clone>(items: &[T], n: usize) -> Option<T> {
    items.get(n.checked_rem(items.len())?).cloned()
}

fn push_new(ids: &mut Vec<VersionId>, id: &VersionId) {
    if !id.is_empty() && !ids.contains(id) {
        ids.push(id.clone());
    }
}

/// A position pick resolved against the length of `key`'s head (0 when there is no object).
fn resolve_position<S: IdSource>(
    position: PositionPick,
    key: &ObjectKey,
    bucket: &Bucket<S>,
) -> u64 {
    let length = || bucket.head_object(key.clone()).map_or(0, |meta| meta.size);
    match position {
        PositionPick::Right => length(),
        PositionPick::Past => length().saturating_add(1),
        PositionPick::At(position) => position,
    }
}

/// A range pick resolved against the source's `size`: the range and the content given with
/// it (see [`RangePick`]).
fn resolve_range(pick: RangePick, size: u64) -> (Option<(u64, u64)>, Option<Body>) {
    let content = |len: u64| Body::Repeat {
        repeat: "r".into(),
        times: len,
    };
    let slice = |skip: u64, len: u64| {
        let first = skip.checked_rem(size).unwrap_or(skip);
        let last = first
            .saturating_add(len.max(1) - 1)
            .min(size.saturating_sub(1).max(first));
        (first, last, last - first + 1)
    };
    match pick {
        RangePick::Whole => (Some((0, size.saturating_sub(1))), None),
        RangePick::Slice { skip, len } => {
            let (first, last, len) = slice(skip, len);
            (Some((first, last)), Some(content(len)))
        }
        RangePick::Past => (Some((0, size)), Some(content(size.saturating_add(1)))),
        RangePick::Backwards => (Some((1, 0)), Some(content(0))),
        RangePick::WrongLength { skip, len } => {
            let (first, last, len) = slice(skip, len);
            (Some((first, last)), Some(content(len + 1)))
        }
        RangePick::WithoutContent { skip, len } => {
            let (first, last, _) = slice(skip, len);
            (Some((first, last)), None)
        }
        RangePick::ContentWithoutRange => (None, Some(content(1))),
    }
}

/// A part body pick resolved against the dialect's minimum part size.
fn resolve_part_body(body: &PartBodyPick, dialect: Dialect) -> Body {
    let (piece, oss, s3) = match body {
        PartBodyPick::Given(body) => return body.clone(),
        PartBodyPick::AroundMin { piece, oss, s3 } => (piece, oss, s3),
    };
    let choice = match dialect {
        Dialect::Oss => oss,
        Dialect::S3 => s3,
    };
    let times = match choice {
        0..=2 => dialect
            .min_part_size()
            .saturating_sub(1)
            .saturating_add(u64::from(*choice)),
        _ => 40,
    };
    Body::Repeat {
        repeat: piece.clone(),
        times,
    }
}

/// The parts `upload_id` has, listed as a Complete request would in `pick`'s way (see
/// [`PartsPick`]).
fn uploaded_parts<S: IdSource>(
    bucket: &Bucket<S>,
    key: &ObjectKey,
    upload_id: &UploadId,
    pick: &PartsPick,
) -> Vec<CompletedPart> {
    let page = bucket.list_parts(ListParts::new(key.clone(), upload_id.clone()));
    if let PartsPick::Listed(listed) = pick {
        let uploaded = page.map(|page| page.parts).unwrap_or_default();
        return listed
            .iter()
            .map(|(number, etag)| {
                let etag = etag.clone().unwrap_or_else(|| {
                    uploaded
                        .iter()
                        .find(|part| part.part_number == *number)
                        .map_or_else(|| ETag::new(""), |part| part.etag.clone())
                });
                CompletedPart::new(*number, etag)
            })
            .collect();
    }
    let Ok(page) = page else {
        return vec![CompletedPart::new(
            1,
            ETag::new("0123456789ABCDEF0123456789ABCDEF"),
        )];
    };
    let last = page.parts.last().map_or(0, |part| part.part_number);
    let min = bucket.dialect().min_part_size();
    let sized = *pick == PartsPick::Sized;
    let mut parts: Vec<CompletedPart> = page
        .parts
        .into_iter()
        .filter(|part| !sized || part.size >= min || part.part_number == last)
        .map(|part| CompletedPart::new(part.part_number, part.etag))
        .collect();
    match pick {
        PartsPick::Reversed => parts.reverse(),
        PartsPick::SkipFirst if parts.len() > 1 => {
            parts.remove(0);
        }
        PartsPick::DropLast if parts.len() > 1 => {
            parts.pop();
        }
        PartsPick::Quoted => {
            for part in &mut parts {
                part.etag = ETag::new(format!("\"{}\"", part.etag.as_str().to_lowercase()));
            }
        }
        PartsPick::WrongEtag => {
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
