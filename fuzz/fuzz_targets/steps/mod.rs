//! The fuzz input's steps, shared by the `sequence` and `service` targets: decoded by
//! `arbitrary` into the crate generator's templates (`bucket_versioning::strategies::Template`),
//! which its `Resolver` makes into commands against the bucket and the run so far, as the
//! proptest strategies are; and the hashing budget that keeps one input fast.

use arbitrary::Arbitrary;
use bucket_versioning::config::AppendableVersionIds;
use bucket_versioning::lifecycle::{
    AbortIncompleteMultipartUpload, Expiration, LifecycleFilter, LifecycleRule, LifecycleTag,
    NoncurrentVersionExpiration, NotFilter,
};
use bucket_versioning::lock::{DefaultRetention, LegalHoldStatus, RetentionMode};
use bucket_versioning::metadata::Directive;
use bucket_versioning::request::{
    AdvanceClock, AppendObject, DeleteBucketLifecycle, GetBucketLifecycle, GetBucketVersioning,
    PutBucketLifecycle, PutBucketVersioning, PutObject, RunLifecycle, UploadPart,
};
use bucket_versioning::strategies::{
    self, ClockPick, ConditionPick, LockPick, LockTarget, MarkerPick, OssLock, PartBodyPick,
    RangePick, RetentionChange, S3Lock, TargetPick, Template, VersionPick,
};
use bucket_versioning::{
    Body, BucketConfig, Command, Dialect, ETag, Metadata, ObjectKey, Tags, UploadId, VersionId,
};

const KEYS: [&str; 8] = ["a", "a/b", "a/b/c", "a/c", "ab", "b", "b/x", "é"];
const FIVE_GIB: u64 = 5 << 30;
/// The most part and body bytes one input may have the models hash: big bodies are correct
/// but slow, and slowness is not what these targets look for.
const HASH_BUDGET: u64 = 12 << 20;

/// A condition on a write or delete (CND), resolved by the crate's generator.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Cond {
    SelectedETag(bool),
    OtherETag,
    AnyObject,
    NoneMatchAny,
    NoneMatchETag,
    ForbidOverwrite(bool),
    Foreign,
}

fn condition(cond: &Option<Cond>) -> Option<ConditionPick> {
    cond.map(|cond| match cond {
        Cond::SelectedETag(quoted) => ConditionPick::SelectedETag { quoted },
        Cond::OtherETag => ConditionPick::OtherETag,
        Cond::AnyObject => ConditionPick::AnyObject,
        Cond::NoneMatchAny => ConditionPick::NoneMatchAny,
        Cond::NoneMatchETag => ConditionPick::NoneMatchETag,
        Cond::ForbidOverwrite(forbid) => ConditionPick::ForbidOverwrite(forbid),
        Cond::Foreign => ConditionPick::Foreign,
    })
}

#[derive(Arbitrary, Debug)]
pub enum Step {
    Versioning(Status),
    GetVersioning,
    Put {
        key: KeyPick,
        body: BodyPick,
        assign: Option<IdPick>,
        tags: Option<Vec<(String, String)>>,
        meta: Option<MetaPick>,
        condition: Option<Cond>,
    },
    Append {
        key: KeyPick,
        position: PositionPick,
        body: BodyPick,
        version: Option<IdPick>,
        tags: Option<Vec<(String, String)>>,
    },
    Seal {
        key: KeyPick,
        position: PositionPick,
    },
    Delete {
        key: KeyPick,
        version: Option<IdPick>,
        assign: Option<IdPick>,
        condition: Option<Cond>,
    },
    DeleteObjects {
        entries: Vec<(KeyPick, Option<IdPick>, Option<Cond>)>,
        quiet: Option<bool>,
    },
    Get {
        key: KeyPick,
        version: Option<IdPick>,
    },
    Head {
        key: KeyPick,
        version: Option<IdPick>,
    },
    Initiate {
        key: KeyPick,
        tags: Option<Vec<(String, String)>>,
        meta: Option<MetaPick>,
        /// A caller-supplied upload ID (MPU-13).
        assign: Option<UploadPick>,
    },
    UploadPart {
        key: UploadKeyPick,
        upload: UploadPick,
        number: PartNumber,
        body: PartBody,
    },
    Complete {
        key: UploadKeyPick,
        upload: UploadPick,
        parts: PartsPick,
        condition: Option<Cond>,
    },
    Abort {
        key: UploadKeyPick,
        upload: UploadPick,
    },
    ListParts {
        key: UploadKeyPick,
        upload: UploadPick,
        max: Option<u16>,
        marker: Option<u16>,
    },
    ListUploads {
        prefix: Option<KeyPick>,
        delimiter: Option<Delimiter>,
        key_marker: Option<KeyPick>,
        upload_marker: Option<UploadPick>,
        max: Option<u16>,
    },
    Copy(CopyPick),
    /// UploadPartCopy (MPU-12) from a key of the same bucket.
    PartCopy(PartCopyPick),
    PutTagging {
        key: KeyPick,
        version: Option<IdPick>,
        tags: Vec<(String, String)>,
    },
    GetTagging {
        key: KeyPick,
        version: Option<IdPick>,
    },
    DeleteTagging {
        key: KeyPick,
        version: Option<IdPick>,
    },
    ListVersions {
        prefix: Option<KeyPick>,
        delimiter: Option<Delimiter>,
        key_marker: Option<KeyPick>,
        version_marker: Option<IdPick>,
        max: Option<u16>,
    },
    ListObjects {
        prefix: Option<KeyPick>,
        delimiter: Option<Delimiter>,
        marker: Option<KeyPick>,
        max: Option<u16>,
    },
    Clock(u64),
    /// Whole days (LC-6's boundaries fall on midnights).
    ClockDays(u8),
    /// To the next midnight, then one second before, at or after it.
    ClockAroundMidnight(Around),
    PutLifecycle(Vec<RulePick>),
    GetLifecycle,
    DeleteLifecycle,
    RunLifecycle,
    /// PutSymlink (SYM-2) to a target picked by what its head is (SYM-4's cases).
    PutSymlink {
        key: KeyPick,
        target: TargetKind,
        tags: Option<Vec<(String, String)>>,
        meta: Option<MetaPick>,
        /// CND-6.
        forbid_overwrite: Option<bool>,
    },
    GetSymlink {
        key: KeyPick,
        version: Option<IdPick>,
    },
    /// GetObjectMeta / GetObjectAttributes (GET-8).
    GetObjectMeta {
        key: KeyPick,
        version: Option<IdPick>,
    },
    /// An Object Lock (s3) or retention-policy (oss) command, or a write, delete, append or
    /// clock advance aimed at a lock's boundary (OL-1..OL-8), resolved by the crate's
    /// generator for the bucket's dialect (or, `foreign`, the other's).
    Lock {
        s3: S3LockStep,
        oss: OssLockStep,
        foreign: bool,
    },
}

/// The version a lock step names (`strategies::LockTarget`).
#[derive(Arbitrary, Debug)]
pub enum LockTargetStep {
    /// The version whose retention or protection ends soonest at or after the clock.
    Soonest,
    Held(u8),
    Any(u8),
}

/// A retention change (OL-6), lengths in seconds.
#[derive(Arbitrary, Debug)]
pub enum ChangeStep {
    Set { compliance: bool, seconds: u32 },
    Lengthen(u32),
    Shorten(u32),
    SwitchMode,
}

/// An s3 Object Lock step (`strategies::S3Lock`).
#[derive(Arbitrary, Debug)]
pub enum S3LockStep {
    Configure {
        /// The default retention's mode (COMPLIANCE when true), days and years (OL-1
        /// refuses both, neither or 0).
        default: Option<(bool, Option<u8>, Option<u8>)>,
        enable_first: bool,
    },
    Put {
        key: KeyPick,
        body: BodyPick,
        retention: Option<(bool, u32)>,
        legal_hold: Option<bool>,
    },
    Retention {
        target: LockTargetStep,
        change: ChangeStep,
        bypass: Option<bool>,
    },
    LegalHold {
        target: LockTargetStep,
        on: bool,
    },
    Delete {
        target: LockTargetStep,
        bypass: Option<bool>,
    },
    BatchDelete {
        targets: Vec<LockTargetStep>,
        bypass: Option<bool>,
    },
    Upload {
        key: KeyPick,
        retention: Option<(bool, u32)>,
        legal_hold: Option<bool>,
    },
    Finish(u8),
    Clock(Around),
}

/// An oss retention-policy step (`strategies::OssLock`).
#[derive(Arbitrary, Debug)]
pub enum OssLockStep {
    Initiate(u8),
    Complete,
    Extend(u8),
    Abort,
    Delete(LockTargetStep),
    Append(u8),
    Clock(Around),
}

fn mode(compliance: bool) -> RetentionMode {
    if compliance {
        RetentionMode::Compliance
    } else {
        RetentionMode::Governance
    }
}

fn status(on: bool) -> LegalHoldStatus {
    if on {
        LegalHoldStatus::On
    } else {
        LegalHoldStatus::Off
    }
}

fn around(pick: &Around) -> u8 {
    match pick {
        Around::Before => 0,
        Around::At => 1,
        Around::After => 2,
    }
}

fn lock_target(pick: &LockTargetStep) -> LockTarget {
    match pick {
        LockTargetStep::Soonest => LockTarget::Soonest,
        LockTargetStep::Held(n) => LockTarget::Held(usize::from(*n)),
        LockTargetStep::Any(n) => LockTarget::Any(usize::from(*n)),
    }
}

fn s3_lock(step: &S3LockStep) -> S3Lock {
    match step {
        S3LockStep::Configure {
            default,
            enable_first,
        } => S3Lock::Configure {
            default: default.map(|(compliance, days, years)| DefaultRetention {
                mode: mode(compliance),
                days: days.map(u32::from),
                years: years.map(|years| u32::from(years % 4)),
            }),
            enable_first: *enable_first,
        },
        S3LockStep::Put {
            key: pick,
            body: body_pick,
            retention,
            legal_hold,
        } => S3Lock::Put {
            key: key(pick),
            body: body(body_pick),
            retention: retention
                .map(|(compliance, seconds)| (mode(compliance), u64::from(seconds))),
            legal_hold: legal_hold.map(status),
        },
        S3LockStep::Retention {
            target,
            change,
            bypass,
        } => S3Lock::Retention {
            target: lock_target(target),
            change: match change {
                ChangeStep::Set {
                    compliance,
                    seconds,
                } => RetentionChange::Set(mode(*compliance), u64::from(*seconds)),
                ChangeStep::Lengthen(seconds) => RetentionChange::Lengthen(u64::from(*seconds)),
                ChangeStep::Shorten(seconds) => RetentionChange::Shorten(u64::from(*seconds)),
                ChangeStep::SwitchMode => RetentionChange::SwitchMode,
            },
            bypass: *bypass,
        },
        S3LockStep::LegalHold { target, on } => S3Lock::LegalHold {
            target: lock_target(target),
            status: status(*on),
        },
        S3LockStep::Delete { target, bypass } => S3Lock::Delete {
            target: lock_target(target),
            bypass: *bypass,
        },
        S3LockStep::BatchDelete { targets, bypass } => S3Lock::BatchDelete {
            // BAT-1: 1 to 1000 entries; a few are enough here.
            targets: targets.iter().take(4).map(lock_target).collect(),
            bypass: *bypass,
        },
        S3LockStep::Upload {
            key: pick,
            retention,
            legal_hold,
        } => S3Lock::Upload {
            key: key(pick),
            retention: retention
                .map(|(compliance, seconds)| (mode(compliance), u64::from(seconds))),
            legal_hold: legal_hold.map(status),
        },
        S3LockStep::Finish(n) => S3Lock::Finish(usize::from(*n)),
        S3LockStep::Clock(pick) => S3Lock::Clock(around(pick)),
    }
}

fn oss_lock(step: &OssLockStep) -> OssLock {
    match step {
        // Small periods, so that protections run out within a run; 0 is refused (OL-7).
        OssLockStep::Initiate(days) => OssLock::Initiate(u32::from(*days % 8)),
        OssLockStep::Complete => OssLock::Complete,
        OssLockStep::Extend(more) => OssLock::Extend(u32::from(*more % 4)),
        OssLockStep::Abort => OssLock::Abort,
        OssLockStep::Delete(target) => OssLock::Delete(lock_target(target)),
        OssLockStep::Append(n) => OssLock::Append(usize::from(*n)),
        OssLockStep::Clock(pick) => OssLock::Clock(around(pick)),
    }
}

/// A link target: a key whose head is an object, a link, a delete marker, none, or any key.
#[derive(Arbitrary, Debug)]
pub enum TargetKind {
    Object(u8),
    Link(u8),
    Hidden(u8),
    Absent(u8),
    Any(KeyPick),
}

#[derive(Arbitrary, Debug)]
pub enum Around {
    Before,
    At,
    After,
}

/// A lifecycle rule reaching every action and filter (LC-9, LC-10); counts and dates small,
/// so that they fall due, and sometimes 0 or off midnight, so that LC-9 refuses them.
#[derive(Arbitrary, Debug)]
pub struct RulePick {
    id: Option<u8>,
    disabled: bool,
    prefix: Option<KeyPick>,
    greater: Option<u8>,
    less: Option<u8>,
    tag: bool,
    not: Option<(Option<KeyPick>, bool)>,
    expiration: Option<ExpirationPick>,
    noncurrent: Option<(u8, Option<u8>)>,
    abort: Option<AbortPick>,
}

#[derive(Arbitrary, Debug)]
pub enum ExpirationPick {
    Days(u8),
    Date(u8, bool),
    CreatedBeforeDate(u8, bool),
    ExpiredObjectDeleteMarker,
    DaysAndMarker(u8),
    Nothing,
}

#[derive(Arbitrary, Debug)]
pub enum AbortPick {
    Days(u8),
    CreatedBeforeDate(u8),
}

const DAY: u64 = 86_400;

/// A date `days` days in, on a midnight unless `off`.
fn date(days: u8, off: bool) -> u64 {
    u64::from(days % 8) * DAY + u64::from(off)
}

impl RulePick {
    fn rule(&self) -> LifecycleRule {
        let mut rule = LifecycleRule::new();
        rule.id = self.id.map(|id| format!("r{}", id % 4));
        if self.disabled {
            rule.status = "Disabled".into();
        }
        rule.filter = LifecycleFilter {
            prefix: self.prefix.as_ref().map(text),
            tags: self
                .tag
                .then(|| [("team".to_string(), "x".to_string())].into()),
            object_size_greater_than: self.greater.map(u64::from),
            object_size_less_than: self.less.map(u64::from),
            not: self.not.as_ref().map(|(prefix, tag)| NotFilter {
                prefix: prefix.as_ref().map(text),
                tag: tag.then(|| LifecycleTag {
                    key: "keep".into(),
                    value: "yes".into(),
                }),
            }),
        };
        let small = |days: u8| u64::from(days % 4);
        rule.expiration = self.expiration.as_ref().map(|pick| match pick {
            ExpirationPick::Days(days) => Expiration {
                days: Some(small(*days)),
                ..Expiration::default()
            },
            ExpirationPick::Date(days, off) => Expiration {
                date: Some(date(*days, *off)),
                ..Expiration::default()
            },
            ExpirationPick::CreatedBeforeDate(days, off) => Expiration {
                created_before_date: Some(date(*days, *off)),
                ..Expiration::default()
            },
            ExpirationPick::ExpiredObjectDeleteMarker => Expiration {
                expired_object_delete_marker: Some(true),
                ..Expiration::default()
            },
            ExpirationPick::DaysAndMarker(days) => Expiration {
                days: Some(small(*days)),
                expired_object_delete_marker: Some(true),
                ..Expiration::default()
            },
            ExpirationPick::Nothing => Expiration::default(),
        });
        rule.noncurrent_version_expiration =
            self.noncurrent
                .map(|(days, newer)| NoncurrentVersionExpiration {
                    noncurrent_days: small(days),
                    newer_noncurrent_versions: newer.map(|newer| u64::from(newer % 4)),
                });
        rule.abort_incomplete_multipart_upload = self.abort.as_ref().map(|pick| match pick {
            AbortPick::Days(days) => AbortIncompleteMultipartUpload {
                days_after_initiation: Some(small(*days)),
                created_before_date: None,
            },
            AbortPick::CreatedBeforeDate(days) => AbortIncompleteMultipartUpload {
                days_after_initiation: None,
                created_before_date: Some(date(*days, false)),
            },
        });
        rule
    }
}

/// A write's content type, user metadata and storage class (TAG-5).
#[derive(Arbitrary, Debug)]
pub struct MetaPick {
    content_type: Option<String>,
    metadata: Vec<(String, String)>,
    class: Option<String>,
}

#[derive(Arbitrary, Debug)]
pub enum Status {
    Enabled,
    Suspended,
    Other(String),
}

#[derive(Arbitrary, Debug)]
pub enum KeyPick {
    Pool(u8),
    Any(String),
}

#[derive(Arbitrary, Debug)]
pub enum UploadKeyPick {
    /// The key of the N-th upload in progress, newest first.
    OfUpload(u8),
    Key(KeyPick),
}

#[derive(Arbitrary, Debug)]
pub enum IdPick {
    /// The N-th entry of the command's key, newest first.
    OfKey(u8),
    /// The N-th version ID any chain has held.
    Seen(u8),
    Null,
    Any(String),
}

#[derive(Arbitrary, Debug)]
pub enum UploadPick {
    /// The N-th upload of the command's key in progress, newest first.
    OfKey(u8),
    /// The N-th upload initiated.
    Seen(u8),
    Any(String),
}

#[derive(Arbitrary, Debug)]
pub enum PositionPick {
    Right,
    Past,
    At(u64),
}

#[derive(Arbitrary, Debug)]
pub enum BodyPick {
    Text(String),
    Repeat {
        piece: u8,
        times: u16,
    },
    /// Over 5 GiB, or overflowing 64 bits: rejected by length, never built.
    Huge(u64),
}

#[derive(Arbitrary, Debug)]
pub enum PartNumber {
    Small(u8),
    Any(u32),
}

#[derive(Arbitrary, Debug)]
pub enum PartBody {
    Small(u8),
    /// The dialect's minimum part size, minus one, plus the offset (0..=2).
    AroundMin {
        offset: u8,
        piece: u8,
    },
    Huge(u64),
}

#[derive(Arbitrary, Debug)]
pub enum PartsPick {
    All,
    Sized,
    Reversed,
    DropLast,
    Quoted,
    Listed(Vec<(u32, EtagPick)>),
}

#[derive(Arbitrary, Debug)]
pub enum EtagPick {
    /// The ETag the upload's part with this number has.
    OfPart,
    Any(String),
}

#[derive(Arbitrary, Debug)]
pub enum Delimiter {
    Slash,
    Any(String),
}

/// A write's metadata fields (TAG-5): absent, or as picked.
fn meta(pick: &Option<MetaPick>) -> (Option<String>, Option<Metadata>, Option<String>) {
    match pick {
        None => (None, None, None),
        Some(meta) => (
            meta.content_type.clone(),
            Some(meta.metadata.iter().cloned().collect()),
            meta.class.clone(),
        ),
    }
}

/// A tag set as picked (perhaps breaking TAG-3).
fn tags(pairs: &[(String, String)]) -> Tags {
    pairs.iter().cloned().collect()
}

fn key(pick: &KeyPick) -> ObjectKey {
    match pick {
        KeyPick::Pool(n) => ObjectKey::from(KEYS[usize::from(*n) % KEYS.len()]),
        KeyPick::Any(text) => ObjectKey::new(text.clone()),
    }
}

fn text(pick: &KeyPick) -> String {
    key(pick).as_str().to_string()
}

fn marker(pick: &KeyPick) -> MarkerPick {
    MarkerPick::Given(text(pick))
}

fn upload_key(pick: &UploadKeyPick) -> strategies::UploadKeyPick {
    match pick {
        UploadKeyPick::OfUpload(n) => strategies::UploadKeyPick::OfUpload(usize::from(*n)),
        UploadKeyPick::Key(pick) => strategies::UploadKeyPick::Given(key(pick)),
    }
}

fn version(pick: &Option<IdPick>) -> Option<VersionPick> {
    pick.as_ref().map(|pick| match pick {
        IdPick::OfKey(n) => VersionPick::OfKey(usize::from(*n)),
        IdPick::Seen(n) => VersionPick::Seen(usize::from(*n)),
        IdPick::Null => VersionPick::Given(VersionId::NULL),
        IdPick::Any(text) => VersionPick::Given(VersionId::new(text.clone())),
    })
}

fn upload(pick: &UploadPick) -> strategies::UploadPick {
    match pick {
        UploadPick::OfKey(n) => strategies::UploadPick::OfKey(usize::from(*n)),
        UploadPick::Seen(n) => strategies::UploadPick::Seen(usize::from(*n)),
        UploadPick::Any(text) => strategies::UploadPick::Given(UploadId::new(text.clone())),
    }
}

fn position(pick: &PositionPick) -> strategies::PositionPick {
    match pick {
        PositionPick::Right => strategies::PositionPick::Right,
        PositionPick::Past => strategies::PositionPick::Past,
        PositionPick::At(position) => strategies::PositionPick::At(*position),
    }
}

fn body(pick: &BodyPick) -> Body {
    match pick {
        BodyPick::Text(text) => Body::from(text.as_str()),
        BodyPick::Repeat { piece, times } => Body::Repeat {
            repeat: ["a", "bc", "xyz", "é"][usize::from(*piece) % 4].into(),
            times: u64::from(*times),
        },
        BodyPick::Huge(extra) => Body::Repeat {
            repeat: if extra % 2 == 0 { "x" } else { "yz" }.into(),
            times: FIVE_GIB
                .saturating_add(1)
                .saturating_add(extra % 1000)
                .max(*extra),
        },
    }
}

fn part_body(pick: &PartBody) -> PartBodyPick {
    match pick {
        PartBody::Small(len) => PartBodyPick::Given(Body::Repeat {
            repeat: "p".into(),
            times: u64::from(*len),
        }),
        PartBody::AroundMin { offset, piece } => PartBodyPick::AroundMin {
            piece: ["p", "q", "r"][usize::from(*piece) % 3].into(),
            oss: offset % 3,
            s3: offset % 3,
        },
        PartBody::Huge(extra) => PartBodyPick::Given(Body::Repeat {
            repeat: "p".into(),
            times: FIVE_GIB.saturating_add(1).saturating_add(*extra),
        }),
    }
}

fn parts(pick: &PartsPick) -> strategies::PartsPick {
    match pick {
        PartsPick::All => strategies::PartsPick::All,
        PartsPick::Sized => strategies::PartsPick::Sized,
        PartsPick::Reversed => strategies::PartsPick::Reversed,
        PartsPick::DropLast => strategies::PartsPick::DropLast,
        PartsPick::Quoted => strategies::PartsPick::Quoted,
        PartsPick::Listed(listed) => strategies::PartsPick::Listed(
            listed
                .iter()
                .map(|(n, etag)| {
                    let number = if *n > 20_000 { n % 8 } else { *n };
                    let etag = match etag {
                        EtagPick::OfPart => None,
                        EtagPick::Any(text) => Some(ETag::new(text.clone())),
                    };
                    (number, etag)
                })
                .collect(),
        ),
    }
}

fn delimiter(pick: &Option<Delimiter>) -> Option<String> {
    pick.as_ref().map(|delimiter| match delimiter {
        Delimiter::Slash => "/".to_string(),
        Delimiter::Any(text) => text.clone(),
    })
}

fn page_size(max: &Option<u16>) -> Option<u64> {
    max.map(|max| {
        if max > 2000 {
            u64::from(max % 8)
        } else {
            u64::from(max)
        }
    })
}

/// The template `step` stands for.
pub fn template(step: &Step) -> Template {
    match step {
        Step::Versioning(status) => Template::Ready(Command::PutBucketVersioning(
            PutBucketVersioning::new(match status {
                Status::Enabled => "Enabled".into(),
                Status::Suspended => "Suspended".into(),
                Status::Other(text) => text.clone(),
            }),
        )),
        Step::GetVersioning => {
            Template::Ready(Command::GetBucketVersioning(GetBucketVersioning::new()))
        }
        Step::Put {
            key: pick,
            body: body_pick,
            assign,
            tags: tagged,
            meta: fields,
            condition: cond,
        } => {
            let (content_type, metadata, storage_class) = meta(fields);
            Template::PutObject {
                key: key(pick),
                body: body(body_pick),
                assign_version_id: version(assign),
                tags: tagged.as_deref().map(tags),
                content_type,
                metadata,
                storage_class,
                condition: condition(cond),
            }
        }
        Step::Append {
            key: pick,
            position: at,
            body: body_pick,
            version: id,
            tags: tagged,
        } => Template::AppendObject {
            key: key(pick),
            position: position(at),
            body: body(body_pick),
            version_id: version(id),
            tags: tagged.as_deref().map(tags),
            content_type: None,
            metadata: None,
            storage_class: None,
        },
        Step::Seal {
            key: pick,
            position: at,
        } => Template::SealAppendObject {
            key: key(pick),
            position: position(at),
        },
        Step::Delete {
            key: pick,
            version: id,
            assign,
            condition: cond,
        } => Template::DeleteObject {
            key: key(pick),
            version_id: version(id),
            assign_version_id: version(assign),
            condition: condition(cond),
        },
        Step::DeleteObjects { entries, quiet } => Template::DeleteObjects {
            objects: entries
                .iter()
                .map(|(pick, id, cond)| (key(pick), version(id), condition(cond)))
                .collect(),
            quiet: *quiet,
        },
        Step::Get {
            key: pick,
            version: id,
        } => Template::GetObject {
            key: key(pick),
            version_id: version(id),
        },
        Step::Head {
            key: pick,
            version: id,
        } => Template::HeadObject {
            key: key(pick),
            version_id: version(id),
        },
        Step::Initiate {
            key: pick,
            tags: tagged,
            meta: fields,
            assign,
        } => {
            let (content_type, metadata, storage_class) = meta(fields);
            Template::InitiateMultipartUpload {
                key: key(pick),
                tags: tagged.as_deref().map(tags),
                content_type,
                metadata,
                storage_class,
                assign_upload_id: assign.as_ref().map(upload),
            }
        }
        Step::UploadPart {
            key: pick,
            upload: id,
            number,
            body: part,
        } => Template::UploadPart {
            key: upload_key(pick),
            upload_id: upload(id),
            part_number: part_number(number),
            body: part_body(part),
        },
        Step::Complete {
            key: pick,
            upload: id,
            parts: listed,
            condition: cond,
        } => Template::CompleteMultipartUpload {
            key: upload_key(pick),
            upload_id: upload(id),
            parts: parts(listed),
            condition: condition(cond),
        },
        Step::Abort {
            key: pick,
            upload: id,
        } => Template::AbortMultipartUpload {
            key: upload_key(pick),
            upload_id: upload(id),
        },
        Step::ListParts {
            key: pick,
            upload: id,
            max,
            marker: part_marker,
        } => Template::ListParts {
            key: upload_key(pick),
            upload_id: upload(id),
            max_parts: page_size(max),
            part_number_marker: part_marker.map(u32::from),
        },
        Step::ListUploads {
            prefix,
            delimiter: by,
            key_marker,
            upload_marker,
            max,
        } => Template::ListMultipartUploads {
            prefix: prefix.as_ref().map(text),
            delimiter: delimiter(by),
            key_marker: key_marker.as_ref().map(marker),
            upload_id_marker: upload_marker.as_ref().map(upload),
            max_uploads: page_size(max),
        },
        Step::Copy(copy) => copy.template(),
        Step::PartCopy(copy) => copy.template(),
        Step::PutTagging {
            key: pick,
            version: id,
            tags: tagged,
        } => Template::PutObjectTagging {
            key: key(pick),
            tags: tags(tagged),
            version_id: version(id),
        },
        Step::GetTagging {
            key: pick,
            version: id,
        } => Template::GetObjectTagging {
            key: key(pick),
            version_id: version(id),
        },
        Step::DeleteTagging {
            key: pick,
            version: id,
        } => Template::DeleteObjectTagging {
            key: key(pick),
            version_id: version(id),
        },
        Step::ListVersions {
            prefix,
            delimiter: by,
            key_marker,
            version_marker,
            max,
        } => Template::ListObjectVersions {
            prefix: prefix.as_ref().map(text),
            delimiter: delimiter(by),
            key_marker: key_marker.as_ref().map(marker),
            version_id_marker: version(version_marker),
            max_keys: page_size(max),
        },
        Step::ListObjects {
            prefix,
            delimiter: by,
            marker: from,
            max,
        } => Template::ListObjects {
            prefix: prefix.as_ref().map(text),
            delimiter: delimiter(by),
            marker: from.as_ref().map(marker),
            max_keys: page_size(max),
        },
        Step::Clock(seconds) => Template::Ready(Command::AdvanceClock(AdvanceClock::new(*seconds))),
        Step::ClockDays(days) => Template::Ready(Command::AdvanceClock(AdvanceClock::new(
            u64::from(days % 4 + 1) * DAY,
        ))),
        Step::ClockAroundMidnight(around) => Template::AdvanceClock {
            seconds: ClockPick::AroundMidnight(match around {
                Around::Before => 0,
                Around::At => 1,
                Around::After => 2,
            }),
        },
        Step::PutLifecycle(rules) => Template::Ready(Command::PutBucketLifecycle(
            PutBucketLifecycle::new(rules.iter().take(4).map(RulePick::rule).collect()),
        )),
        Step::GetLifecycle => {
            Template::Ready(Command::GetBucketLifecycle(GetBucketLifecycle::new()))
        }
        Step::DeleteLifecycle => {
            Template::Ready(Command::DeleteBucketLifecycle(DeleteBucketLifecycle::new()))
        }
        Step::RunLifecycle => Template::Ready(Command::RunLifecycle(RunLifecycle::new())),
        Step::PutSymlink {
            key: pick,
            target,
            tags: tagged,
            meta: picked,
            forbid_overwrite,
        } => {
            let (content_type, metadata, storage_class) = meta(picked);
            Template::PutSymlink {
                key: key(pick),
                target: match target {
                    TargetKind::Object(n) => TargetPick::Object(usize::from(*n)),
                    TargetKind::Link(n) => TargetPick::Link(usize::from(*n)),
                    TargetKind::Hidden(n) => TargetPick::Hidden(usize::from(*n)),
                    TargetKind::Absent(n) => TargetPick::Absent(usize::from(*n)),
                    TargetKind::Any(pick) => TargetPick::Given(key(pick)),
                },
                tags: tagged.as_deref().map(tags),
                content_type,
                metadata,
                storage_class,
                forbid_overwrite: *forbid_overwrite,
            }
        }
        Step::GetSymlink {
            key: pick,
            version: id,
        } => Template::GetSymlink {
            key: TargetPick::Given(key(pick)),
            version_id: version(id),
        },
        Step::GetObjectMeta {
            key: pick,
            version: id,
        } => Template::GetObjectMeta {
            key: TargetPick::Given(key(pick)),
            version_id: version(id),
        },
        Step::Lock { s3, oss, foreign } => Template::Lock(LockPick {
            s3: s3_lock(s3),
            oss: oss_lock(oss),
            foreign: *foreign,
        }),
    }
}

/// CopyObject (CPY, TAG-2, TAG-6) from a key of the bucket (or, in a service, of another).
#[derive(Arbitrary, Debug)]
pub struct CopyPick {
    source: KeyPick,
    version: Option<IdPick>,
    key: KeyPick,
    /// `Some`: the tagging directive REPLACE with these tags.
    replace_tags: Option<Vec<(String, String)>>,
    /// `Some`: the metadata directive REPLACE with this metadata.
    replace_meta: Option<MetaPick>,
    class: Option<String>,
    condition: Option<Cond>,
}

impl CopyPick {
    /// The CopyObject template.
    pub fn template(&self) -> Template {
        let (content_type, metadata, _) = meta(&self.replace_meta);
        Template::CopyObject {
            source_key: key(&self.source),
            source_version_id: version(&self.version),
            key: key(&self.key),
            tagging_directive: self.replace_tags.as_ref().map(|_| Directive::Replace),
            tags: self.replace_tags.as_deref().map(tags),
            metadata_directive: self.replace_meta.as_ref().map(|_| Directive::Replace),
            content_type,
            metadata,
            storage_class: self.class.clone(),
            condition: condition(&self.condition),
        }
    }
}

/// UploadPartCopy (MPU-12) into an upload, from a key of the bucket (or, in a service, of
/// another), whole or a range of it.
#[derive(Arbitrary, Debug)]
pub struct PartCopyPick {
    key: UploadKeyPick,
    upload: UploadPick,
    number: PartNumber,
    source: KeyPick,
    version: Option<IdPick>,
    range: Option<RangeKind>,
}

/// An UploadPartCopy range, resolved against the source's size (`strategies::RangePick`).
#[derive(Arbitrary, Debug)]
pub enum RangeKind {
    Whole,
    Slice { skip: u64, len: u16 },
    Past,
    Backwards,
    WrongLength { skip: u64, len: u16 },
    WithoutContent { skip: u64, len: u16 },
    ContentWithoutRange,
}

impl PartCopyPick {
    /// The UploadPartCopy template.
    pub fn template(&self) -> Template {
        Template::UploadPartCopy {
            key: upload_key(&self.key),
            upload_id: upload(&self.upload),
            part_number: part_number(&self.number),
            source_key: key(&self.source),
            source_version_id: version(&self.version),
            range: self.range.as_ref().map(|range| match *range {
                RangeKind::Whole => RangePick::Whole,
                RangeKind::Slice { skip, len } => RangePick::Slice {
                    skip,
                    len: u64::from(len),
                },
                RangeKind::Past => RangePick::Past,
                RangeKind::Backwards => RangePick::Backwards,
                RangeKind::WrongLength { skip, len } => RangePick::WrongLength {
                    skip,
                    len: u64::from(len),
                },
                RangeKind::WithoutContent { skip, len } => RangePick::WithoutContent {
                    skip,
                    len: u64::from(len),
                },
                RangeKind::ContentWithoutRange => RangePick::ContentWithoutRange,
            }),
        }
    }
}

fn part_number(pick: &PartNumber) -> u32 {
    match pick {
        PartNumber::Small(n) => u32::from(n % 6),
        PartNumber::Any(n) => *n,
    }
}

/// How many body and part bytes the models have hashed in one input, against
/// [`HASH_BUDGET`].
#[derive(Default)]
pub struct Budget {
    hashed: u64,
}

impl Budget {
    /// Whether to run `command`: `false` when building its body would pass the hashing
    /// budget (a body over 5 GiB is rejected by length, never built, so it always runs).
    pub fn admits(&mut self, command: &Command) -> bool {
        let body = match command {
            Command::PutObject(PutObject { body, .. })
            | Command::AppendObject(AppendObject { body, .. })
            | Command::UploadPart(UploadPart { body, .. }) => body,
            _ => return true,
        };
        match body.len() {
            Ok(len) if len <= FIVE_GIB => {
                self.hashed = self.hashed.saturating_add(len);
                self.hashed <= HASH_BUDGET
            }
            _ => true,
        }
    }
}

/// A bucket configuration: the dialect, the ID seed (one of four) and APP-11's choice.
#[derive(Arbitrary, Debug)]
pub struct ConfigPick {
    s3: bool,
    seed: u8,
    null_appendables: bool,
}

impl ConfigPick {
    /// The configuration picked.
    pub fn config(&self) -> BucketConfig {
        BucketConfig::new(if self.s3 { Dialect::S3 } else { Dialect::Oss })
            .with_seed(u64::from(self.seed % 4))
            .with_appendable_version_ids(if self.null_appendables {
                AppendableVersionIds::Null
            } else {
                AppendableVersionIds::Fresh
            })
    }
}
