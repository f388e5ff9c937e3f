//! Object Lock (s3) and retention-policy (oss bucket WORM) strategies (OL-1..OL-8): lock
//! configurations with and without a default retention, writes carrying a retention or a legal
//! hold, retention changes that lengthen, shorten or switch mode (OL-6), legal holds on and
//! off, deletes by ID — alone or in a batch — with `bypass_governance` on and off (OL-4),
//! uploads initiated with a retention or a legal hold for the completed object (OL-2), policies initiated,
//! completed, extended and aborted (OL-7), deletes and appends while a policy protects the
//! version (OL-7, OL-8), and clock advances that stop one second before, at, or one second
//! after the second a retention or a protection runs out (OL-3). Now and then a request the
//! dialect refuses: the other dialect's command, a bad period, a COMPLIANCE shortening.
//!
//! A template carries a pick for each dialect ([`LockPick`]), as a part body does, since the
//! template does not know the dialect; the version a retention change, a delete or a clock
//! advance aims at is picked from the bucket when the command's turn comes ([`LockTarget`]),
//! so that the boundary cases happen and do not wait on a lucky random ID.

use alloc::vec::Vec;

use proptest::option;
use proptest::prelude::*;

use super::symlink::{TargetPick, resolve_target};
use super::{KEYS, PartsPick, Template, body, key, uploaded_parts};
use crate::body::Body;
use crate::bucket::Bucket;
use crate::command::Command;
use crate::dialect::Dialect;
use crate::key::ObjectKey;
use crate::lock::{DefaultRetention, LegalHoldStatus, Retention, RetentionMode};
use crate::request::{
    AbortBucketWorm, AdvanceClock, AppendObject, CompleteBucketWorm, CompleteMultipartUpload,
    DeleteObject, DeleteObjects, ExtendBucketWorm, InitiateBucketWorm, InitiateMultipartUpload,
    ListMultipartUploads, ObjectIdentifier, PutBucketVersioning, PutObject, PutObjectLegalHold,
    PutObjectLockConfiguration, PutObjectRetention, UploadPart,
};
use crate::version_id::{IdSource, VersionId};
use crate::versioning::VersioningState;

/// A day in seconds (LC-0).
const DAY: u64 = 86_400;

/// An Object Lock or retention-policy command in a [`Template`]: a pick for each dialect, made
/// into a command for the bucket's dialect when its turn comes, or (`foreign`) into the other
/// dialect's, which the bucket refuses or meets without its protection (OL-1, OL-7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockPick {
    /// The command when the bucket is s3.
    pub s3: S3Lock,
    /// The command when the bucket is oss.
    pub oss: OssLock,
    /// Resolve the other dialect's pick instead.
    pub foreign: bool,
}

/// The object version a lock command names, picked from the bucket at the command's turn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockTarget {
    /// The object version whose retention (s3) or protection (oss) ends soonest at or after
    /// the clock's second, leaving out versions under a legal hold: at that second a delete by
    /// ID meets the boundary of OL-3. When there is none, as [`Any`](LockTarget::Any)`(0)`.
    Soonest,
    /// The N-th version (counted round) that is locked (OL-3) or protected (OL-7) now; when
    /// there is none, as [`Any`](LockTarget::Any).
    Held(usize),
    /// The N-th object version (counted round) of the keys of [`KEYS`], newest first within a
    /// key; when the bucket has none, `null` of the N-th key.
    Any(usize),
}

/// When a retention a template sets ends, and in which mode, or how it changes the version's
/// retention (OL-6), resolved against the target's retention and the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetentionChange {
    /// This mode until the clock plus this many seconds.
    Set(RetentionMode, u64),
    /// The same mode, this many seconds later than now (allowed while it holds, OL-6); a
    /// version without a retention gets a `GOVERNANCE` one.
    Lengthen(u64),
    /// The same mode, this many seconds earlier (not before the clock): refused while a
    /// `COMPLIANCE` retention holds, and a `GOVERNANCE` one without the bypass (OL-6).
    Shorten(u64),
    /// The other mode, the same end: a change OL-6 treats as a shortening.
    SwitchMode,
}

/// An s3 Object Lock command (OL-1..OL-6). In an s3 bucket without Object Lock, every pick
/// but [`Configure`](S3Lock::Configure) and [`Delete`](S3Lock::Delete) turns it on instead
/// (without a default retention, after the PutBucketVersioning to Enabled it needs), so that a
/// sequence's lock picks soon meet a lock-enabled bucket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum S3Lock {
    /// PutObjectLockConfiguration with this default retention (or none). When `enable_first`
    /// and Object Lock is off in a bucket that is not Enabled, a PutBucketVersioning to
    /// Enabled instead, which OL-1 needs.
    Configure {
        /// The default retention, perhaps one OL-1 refuses.
        default: Option<DefaultRetention>,
        /// Enable versioning first when OL-1 would refuse.
        enable_first: bool,
    },
    /// PutObject carrying a retention (OL-2: a mode and seconds from now) or a legal hold.
    Put {
        /// The key.
        key: ObjectKey,
        /// The body.
        body: Body,
        /// The retention's mode and length in seconds from the clock.
        retention: Option<(RetentionMode, u64)>,
        /// The legal hold.
        legal_hold: Option<LegalHoldStatus>,
    },
    /// PutObjectRetention (OL-2, OL-6).
    Retention {
        /// The version.
        target: LockTarget,
        /// The retention it sets.
        change: RetentionChange,
        /// `bypass_governance`.
        bypass: Option<bool>,
    },
    /// PutObjectLegalHold (OL-2).
    LegalHold {
        /// The version.
        target: LockTarget,
        /// On or off.
        status: LegalHoldStatus,
    },
    /// DeleteObject by the version's ID (OL-4, OL-5), `bypass_governance` on, off or absent.
    Delete {
        /// The version.
        target: LockTarget,
        /// `bypass_governance`.
        bypass: Option<bool>,
    },
    /// DeleteObjects with every entry by a version's ID (OL-4 applies to each, BAT-4: a held
    /// entry fails alone), `bypass_governance` on, off or absent.
    BatchDelete {
        /// The versions, one entry each (the same version may come twice, BAT-2).
        targets: Vec<LockTarget>,
        /// `bypass_governance`.
        bypass: Option<bool>,
    },
    /// InitiateMultipartUpload carrying a retention (a mode and seconds from now) or a legal
    /// hold for the completed object (OL-2); the upload's parts and completion come from the
    /// multipart templates.
    Upload {
        /// The key.
        key: ObjectKey,
        /// The retention's mode and length in seconds from the clock.
        retention: Option<(RetentionMode, u64)>,
        /// The legal hold.
        legal_hold: Option<LegalHoldStatus>,
    },
    /// The next step of the N-th upload in progress (counted round), so that an upload an
    /// [`Upload`](S3Lock::Upload) started gets finished: its first part when it has none, else
    /// a CompleteMultipartUpload listing every part in order and no lock of its own, so the
    /// Initiate's applies (OL-2). An InitiateMultipartUpload of the first of [`KEYS`] when no
    /// upload is in progress.
    Finish(usize),
    /// AdvanceClock to the end of the retention [`LockTarget::Soonest`] names, then
    /// `offset - 1` seconds more: 0 stops one second before it, 1 at it, 2 (or more) one second
    /// after (OL-3). One second when no retention holds. When the clock already stands at that
    /// end, a DeleteObject of that version by its ID instead: the boundary met.
    Clock(u8),
}

/// An oss retention-policy command, or a write or delete that meets the policy (OL-7, OL-8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OssLock {
    /// InitiateBucketWorm of this many days (perhaps out of 1..=25550).
    Initiate(u32),
    /// CompleteBucketWorm.
    Complete,
    /// ExtendBucketWorm to the policy's days plus this many (0: not longer, refused).
    Extend(u32),
    /// AbortBucketWorm.
    Abort,
    /// DeleteObject by the version's ID (simple in an Unversioned bucket, where OL-7 refuses
    /// to remove a protected head).
    Delete(LockTarget),
    /// AppendObject at the right position to the N-th key whose head is an appendable (OL-8).
    Append(usize),
    /// AdvanceClock to the end of the protection [`LockTarget::Soonest`] names, then
    /// `offset - 1` seconds more, or the delete at that end (as [`S3Lock::Clock`]).
    Clock(u8),
}

/// The lock and retention-policy templates.
pub(super) fn template() -> impl Strategy<Value = Template> {
    (s3_lock(), oss_lock(), proptest::bool::weighted(1.0 / 12.0))
        .prop_map(|(s3, oss, foreign)| Template::Lock(LockPick { s3, oss, foreign }))
}

fn mode() -> impl Strategy<Value = RetentionMode> {
    prop_oneof![
        3 => Just(RetentionMode::Governance),
        2 => Just(RetentionMode::Compliance),
    ]
}

/// A default retention: mostly a day or two in either mode, now and then one OL-1 refuses.
fn default_retention() -> impl Strategy<Value = DefaultRetention> {
    prop_oneof![
        8 => (mode(), 1..3u32).prop_map(|(mode, days)| DefaultRetention::days(mode, days)),
        1 => mode().prop_map(|mode| DefaultRetention::years(mode, 1)),
        1 => mode().prop_map(|mode| DefaultRetention::days(mode, 0)),
        1 => mode().prop_map(|mode| DefaultRetention {
            mode,
            days: Some(1),
            years: Some(1),
        }),
    ]
}

/// A length in seconds: a few seconds, a minute or two, or a day.
fn seconds() -> impl Strategy<Value = u64> {
    prop_oneof![4 => 1..8u64, 2 => 30..120u64, 1 => Just(DAY)]
}

fn target() -> impl Strategy<Value = LockTarget> {
    prop_oneof![
        5 => Just(LockTarget::Soonest),
        3 => (0..8usize).prop_map(LockTarget::Held),
        2 => (0..16usize).prop_map(LockTarget::Any),
    ]
}

fn clock_offset() -> impl Strategy<Value = u8> {
    prop_oneof![1 => Just(0u8), 4 => Just(1u8), 1 => Just(2u8)]
}

/// The version a delete by ID names: mostly the one whose hold ends soonest, so that a delete
/// meets the second it ends (OL-3).
fn delete_target() -> impl Strategy<Value = LockTarget> {
    prop_oneof![
        7 => Just(LockTarget::Soonest),
        2 => (0..8usize).prop_map(LockTarget::Held),
        1 => (0..16usize).prop_map(LockTarget::Any),
    ]
}

fn s3_lock() -> impl Strategy<Value = S3Lock> {
    let change = prop_oneof![
        2 => (mode(), seconds()).prop_map(|(mode, seconds)| RetentionChange::Set(mode, seconds)),
        3 => seconds().prop_map(RetentionChange::Lengthen),
        4 => seconds().prop_map(RetentionChange::Shorten),
        1 => Just(RetentionChange::SwitchMode),
    ];
    let status = prop_oneof![
        1 => Just(LegalHoldStatus::On),
        1 => Just(LegalHoldStatus::Off),
    ];
    prop_oneof![
        2 => (option::weighted(0.8, default_retention()), proptest::bool::weighted(0.9))
            .prop_map(|(default, enable_first)| S3Lock::Configure { default, enable_first }),
        4 => (
            key(),
            body(),
            option::weighted(0.7, (mode(), seconds())),
            option::weighted(0.3, status.clone()),
        )
            .prop_map(|(key, body, retention, legal_hold)| S3Lock::Put { key, body, retention, legal_hold }),
        6 => (target(), change, option::weighted(0.8, proptest::bool::weighted(0.75)))
            .prop_map(|(target, change, bypass)| S3Lock::Retention { target, change, bypass }),
        2 => (target(), status.clone()).prop_map(|(target, status)| S3Lock::LegalHold { target, status }),
        7 => (delete_target(), option::weighted(0.7, any::<bool>()))
            .prop_map(|(target, bypass)| S3Lock::Delete { target, bypass }),
        3 => (proptest::collection::vec(delete_target(), 1..=3), option::weighted(0.8, proptest::bool::weighted(0.75)))
            .prop_map(|(targets, bypass)| S3Lock::BatchDelete { targets, bypass }),
        3 => (
            key(),
            option::weighted(0.7, (mode(), seconds())),
            option::weighted(0.5, status.clone()),
        )
            .prop_map(|(key, retention, legal_hold)| S3Lock::Upload { key, retention, legal_hold }),
        4 => (0..4usize).prop_map(S3Lock::Finish),
        5 => clock_offset().prop_map(S3Lock::Clock),
    ]
}

fn oss_lock() -> impl Strategy<Value = OssLock> {
    let days = prop_oneof![
        12 => 1..3u32,
        1 => Just(0u32),
        1 => Just(crate::lock::MAX_WORM_DAYS + 1),
    ];
    prop_oneof![
        3 => days.prop_map(OssLock::Initiate),
        4 => Just(OssLock::Complete),
        3 => prop_oneof![1 => 1..3u32, 1 => Just(0u32)].prop_map(OssLock::Extend),
        2 => Just(OssLock::Abort),
        4 => delete_target().prop_map(OssLock::Delete),
        3 => (0..8usize).prop_map(OssLock::Append),
        2 => clock_offset().prop_map(OssLock::Clock),
    ]
}

/// An object version of the bucket: its key, ID, retention, legal hold and last change.
struct Candidate {
    key: ObjectKey,
    version_id: VersionId,
    retention: Option<Retention>,
    legal_hold: bool,
    modified: u64,
}

/// The object versions of the keys of [`KEYS`], newest first within a key.
fn candidates<S: IdSource>(bucket: &Bucket<S>) -> Vec<Candidate> {
    let mut found = Vec::new();
    for key in KEYS {
        let Some(chain) = bucket.chain(key) else {
            continue;
        };
        for entry in chain.iter().filter(|entry| !entry.is_delete_marker()) {
            let version_id = entry.version_id().clone();
            let (retention, legal_hold) = bucket
                .object_lock_of(key, Some(&version_id))
                .unwrap_or((None, false));
            found.push(Candidate {
                key: ObjectKey::new(key),
                version_id,
                retention,
                legal_hold,
                modified: entry.last_modified(),
            });
        }
    }
    found
}

/// When the hold on `candidate` ends: its retention's end (s3), or its protection's (oss,
/// while a retention policy exists).
fn end_of<S: IdSource>(candidate: &Candidate, bucket: &Bucket<S>) -> Option<u64> {
    match bucket.get_bucket_worm() {
        Ok(worm) => Some(
            candidate
                .modified
                .saturating_add(u64::from(worm.days) * DAY),
        ),
        Err(_) => candidate.retention.map(|retention| retention.retain_until),
    }
}

/// The candidate a target pick names, if the bucket has any object version.
fn pick<'a, S: IdSource>(
    target: &LockTarget,
    candidates: &'a [Candidate],
    bucket: &Bucket<S>,
) -> Option<&'a Candidate> {
    let now = bucket.now();
    let nth = |n: usize| candidates.get(n.checked_rem(candidates.len())?);
    match target {
        LockTarget::Soonest => candidates
            .iter()
            .filter(|candidate| !candidate.legal_hold)
            .filter_map(|candidate| Some((end_of(candidate, bucket)?, candidate)))
            .filter(|(end, _)| *end >= now)
            .min_by_key(|(end, _)| *end)
            .map(|(_, candidate)| candidate)
            .or_else(|| nth(0)),
        LockTarget::Held(n) => {
            let held: Vec<&Candidate> = candidates
                .iter()
                .filter(|candidate| bucket.is_held(candidate.key.as_str(), &candidate.version_id))
                .collect();
            match held.len() {
                0 => nth(*n),
                len => held.get(n % len).copied(),
            }
        }
        LockTarget::Any(n) => nth(*n),
    }
}

/// A target resolved to a key, a version ID and the version's retention: `null` of a key of
/// [`KEYS`] when the bucket has no object version.
fn resolve_target_version<S: IdSource>(
    target: &LockTarget,
    bucket: &Bucket<S>,
) -> (ObjectKey, VersionId, Option<Retention>) {
    let candidates = candidates(bucket);
    match pick(target, &candidates, bucket) {
        Some(candidate) => (
            candidate.key.clone(),
            candidate.version_id.clone(),
            candidate.retention,
        ),
        None => {
            let n = match target {
                LockTarget::Held(n) | LockTarget::Any(n) => *n,
                LockTarget::Soonest => 0,
            };
            (ObjectKey::new(KEYS[n % KEYS.len()]), VersionId::NULL, None)
        }
    }
}

/// The seconds a lock clock pick advances by: to the end [`LockTarget::Soonest`] names, then
/// `offset - 1` more; one second when nothing ends after the clock.
fn clock<S: IdSource>(offset: u8, bucket: &Bucket<S>) -> u64 {
    let now = bucket.now();
    let candidates = candidates(bucket);
    let end = pick(&LockTarget::Soonest, &candidates, bucket)
        .and_then(|candidate| end_of(candidate, bucket))
        .filter(|end| *end > now);
    match end {
        Some(end) => (end - now + u64::from(offset.min(2))).saturating_sub(1),
        None => 1,
    }
}

/// A lock clock pick made into a command: the advance [`clock`] gives, or, when the clock
/// stands at the second the hold [`LockTarget::Soonest`] names ends, a delete of that version
/// by its ID (simple in an Unversioned bucket), which OL-3 and OL-7 accept at that second.
fn clock_or_boundary_delete<S: IdSource>(offset: u8, bucket: &Bucket<S>) -> Command {
    let candidates = candidates(bucket);
    let at_end = pick(&LockTarget::Soonest, &candidates, bucket)
        .filter(|candidate| end_of(candidate, bucket) == Some(bucket.now()));
    match at_end {
        Some(candidate) => Command::DeleteObject(DeleteObject {
            version_id: (bucket.versioning() != VersioningState::Unversioned)
                .then(|| candidate.version_id.clone()),
            ..DeleteObject::new(candidate.key.clone())
        }),
        None => Command::AdvanceClock(AdvanceClock::new(clock(offset, bucket))),
    }
}

/// A lock pick made into a command for `bucket`.
pub(super) fn resolve<S: IdSource>(pick: &LockPick, bucket: &Bucket<S>) -> Command {
    match (bucket.dialect(), pick.foreign) {
        (Dialect::S3, false) | (Dialect::Oss, true) => resolve_s3(&pick.s3, bucket),
        _ => resolve_oss(&pick.oss, bucket),
    }
}

/// Turning Object Lock on: PutObjectLockConfiguration with `default`, or (`enable_first`) the
/// PutBucketVersioning to Enabled it needs first (OL-1) while the s3 bucket is not Enabled.
fn configure<S: IdSource>(
    default: Option<DefaultRetention>,
    enable_first: bool,
    bucket: &Bucket<S>,
) -> Command {
    if enable_first
        && bucket.object_lock_configuration().is_none()
        && bucket.versioning() != VersioningState::Enabled
        && bucket.dialect() == Dialect::S3
    {
        return Command::PutBucketVersioning(PutBucketVersioning::new("Enabled"));
    }
    Command::PutObjectLockConfiguration(PutObjectLockConfiguration {
        default_retention: default,
    })
}

/// An s3 pick made into a command. In an s3 bucket without Object Lock, a write with a
/// retention or a legal hold, a retention change, a legal hold or a lock clock advance, which
/// need it, turns it on instead (without a default retention, after enabling versioning);
/// deletes by ID stay as they are (plain deletes, OL-5). Foreign picks in an oss bucket stay
/// as they are too, and OL-2 refuses them.
fn resolve_s3<S: IdSource>(pick: &S3Lock, bucket: &Bucket<S>) -> Command {
    if matches!(
        pick,
        S3Lock::Put { .. }
            | S3Lock::Upload { .. }
            | S3Lock::Retention { .. }
            | S3Lock::LegalHold { .. }
            | S3Lock::Clock(_)
    ) && bucket.dialect() == Dialect::S3
        && bucket.object_lock_configuration().is_none()
    {
        return configure(None, true, bucket);
    }
    match pick {
        S3Lock::Configure {
            default,
            enable_first,
        } => configure(*default, *enable_first, bucket),
        S3Lock::Put {
            key,
            body,
            retention,
            legal_hold,
        } => Command::PutObject(PutObject {
            retention: retention_from_now(*retention, bucket),
            legal_hold: *legal_hold,
            ..PutObject::new(key.clone(), body.clone())
        }),
        S3Lock::Retention {
            target,
            change,
            bypass,
        } => {
            let (key, version_id, current) = resolve_target_version(target, bucket);
            let now = bucket.now();
            let (mode, retain_until) = match (change, current) {
                (RetentionChange::Set(mode, seconds), _) => (*mode, now.saturating_add(*seconds)),
                (RetentionChange::Lengthen(seconds), Some(old)) => {
                    (old.mode, old.retain_until.max(now).saturating_add(*seconds))
                }
                (RetentionChange::Shorten(seconds), Some(old)) => {
                    (old.mode, old.retain_until.saturating_sub(*seconds).max(now))
                }
                (RetentionChange::SwitchMode, Some(old)) => (
                    match old.mode {
                        RetentionMode::Governance => RetentionMode::Compliance,
                        RetentionMode::Compliance => RetentionMode::Governance,
                    },
                    old.retain_until,
                ),
                (RetentionChange::Lengthen(seconds) | RetentionChange::Shorten(seconds), None) => {
                    (RetentionMode::Governance, now.saturating_add(*seconds))
                }
                (RetentionChange::SwitchMode, None) => {
                    (RetentionMode::Compliance, now.saturating_add(1))
                }
            };
            Command::PutObjectRetention(PutObjectRetention {
                version_id: Some(version_id),
                bypass_governance: *bypass,
                ..PutObjectRetention::new(key, mode, retain_until)
            })
        }
        S3Lock::LegalHold { target, status } => {
            let (key, version_id, _) = resolve_target_version(target, bucket);
            Command::PutObjectLegalHold(PutObjectLegalHold {
                version_id: Some(version_id),
                ..PutObjectLegalHold::new(key, *status)
            })
        }
        S3Lock::Delete { target, bypass } => {
            let (key, version_id, _) = resolve_target_version(target, bucket);
            Command::DeleteObject(DeleteObject {
                version_id: Some(version_id),
                bypass_governance: *bypass,
                ..DeleteObject::new(key)
            })
        }
        S3Lock::BatchDelete { targets, bypass } => {
            let objects: Vec<ObjectIdentifier> = targets
                .iter()
                .map(|target| {
                    let (key, version_id, _) = resolve_target_version(target, bucket);
                    ObjectIdentifier::new(key).version_id(version_id)
                })
                .collect();
            Command::DeleteObjects(DeleteObjects {
                bypass_governance: *bypass,
                ..DeleteObjects::new(objects)
            })
        }
        S3Lock::Upload {
            key,
            retention,
            legal_hold,
        } => Command::InitiateMultipartUpload(InitiateMultipartUpload {
            retention: retention_from_now(*retention, bucket),
            legal_hold: *legal_hold,
            ..InitiateMultipartUpload::new(key.clone())
        }),
        S3Lock::Finish(n) => finish_upload(*n, bucket),
        S3Lock::Clock(offset) => clock_or_boundary_delete(*offset, bucket),
    }
}

/// The next step of the `n`-th upload in progress (see [`S3Lock::Finish`]).
fn finish_upload<S: IdSource>(n: usize, bucket: &Bucket<S>) -> Command {
    let uploads = bucket
        .list_multipart_uploads(ListMultipartUploads::new())
        .map(|page| page.uploads)
        .unwrap_or_default();
    let Some(upload) = uploads.get(n.checked_rem(uploads.len()).unwrap_or(0)) else {
        return Command::InitiateMultipartUpload(InitiateMultipartUpload::new(KEYS[0]));
    };
    let parts = uploaded_parts(bucket, &upload.key, &upload.upload_id, &PartsPick::All);
    if parts.is_empty() {
        return Command::UploadPart(UploadPart::new(
            upload.key.clone(),
            upload.upload_id.clone(),
            1,
            Body::from("part"),
        ));
    }
    Command::CompleteMultipartUpload(CompleteMultipartUpload::new(
        upload.key.clone(),
        upload.upload_id.clone(),
        parts,
    ))
}

/// A write's retention: its mode, until the clock plus its length in seconds (OL-2).
fn retention_from_now<S: IdSource>(
    pick: Option<(RetentionMode, u64)>,
    bucket: &Bucket<S>,
) -> Option<Retention> {
    pick.map(|(mode, seconds)| Retention::new(mode, bucket.now().saturating_add(seconds)))
}

fn resolve_oss<S: IdSource>(pick: &OssLock, bucket: &Bucket<S>) -> Command {
    match pick {
        OssLock::Initiate(days) => Command::InitiateBucketWorm(InitiateBucketWorm::new(*days)),
        OssLock::Complete => Command::CompleteBucketWorm(CompleteBucketWorm::new()),
        OssLock::Extend(more) => {
            let days = bucket.get_bucket_worm().map_or(1, |worm| worm.days);
            Command::ExtendBucketWorm(ExtendBucketWorm::new(days.saturating_add(*more)))
        }
        OssLock::Abort => Command::AbortBucketWorm(AbortBucketWorm::new()),
        OssLock::Delete(target) => {
            let (key, version_id, _) = resolve_target_version(target, bucket);
            // An Unversioned bucket has only `null` versions: a simple delete, which OL-7
            // refuses for a protected head.
            let version_id =
                (bucket.versioning() != VersioningState::Unversioned).then_some(version_id);
            Command::DeleteObject(DeleteObject {
                version_id,
                ..DeleteObject::new(key)
            })
        }
        OssLock::Append(n) => {
            let key = resolve_target(&TargetPick::Appendable(*n), bucket);
            let position = bucket.head_object(key.clone()).map_or(0, |meta| meta.size);
            Command::AppendObject(AppendObject::new(key, position, Body::from("w")))
        }
        OssLock::Clock(offset) => clock_or_boundary_delete(*offset, bucket),
    }
}
