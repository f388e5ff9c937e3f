//! Decodes the fuzz input into a bucket configuration and a command sequence (through
//! `arbitrary`), and runs it on the model and on the naive reference model of
//! `tests/reference/` side by side. After every step: the invariants hold
//! (`check_invariants`), a rejected command left the model unchanged (ERR-2), and both models
//! agree on the outcome, the chains and the uploads in progress.
//!
//! The steps decode into the generator's templates (`bucket_versioning::strategies::Template`),
//! made into commands by its `Resolver`, as the proptest strategies are: they name things the
//! bucket has: entries of the key, IDs seen before, uploads in progress, the head's length as
//! a position, the uploaded parts as a Complete list. Keys, IDs, prefixes and markers may also
//! be any string. Lifecycle steps put rules reaching every action and filter, run, and move the
//! clock by whole days or to one second around the next midnight, where actions fall due
//! (LC-6). Symlink steps link to targets that exist, do not, are links or are hidden by a
//! delete marker (SYM-2..SYM-5), and read links and metadata (SYM-3, GET-8).
#![no_main]

#[path = "../../tests/reference/mod.rs"]
mod reference;

use arbitrary::Arbitrary;
use bucket_versioning::lifecycle::{
    AbortIncompleteMultipartUpload, Expiration, LifecycleFilter, LifecycleRule, LifecycleTag,
    NoncurrentVersionExpiration, NotFilter,
};
use bucket_versioning::metadata::Directive;
use bucket_versioning::request::{
    AdvanceClock, AppendObject, GetBucketVersioning, InitiateMultipartUpload, PutBucketVersioning,
    PutObject, UploadPart,
};
use bucket_versioning::request::{
    DeleteBucketLifecycle, GetBucketLifecycle, PutBucketLifecycle, RunLifecycle,
};
use bucket_versioning::strategies::{
    self, ClockPick, ConditionPick, MarkerPick, PartBodyPick, Resolver, TargetPick, Template,
    VersionPick,
};
use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Dialect, ETag, Metadata, ObjectKey, Tags, UploadId,
    VersionId, config::AppendableVersionIds,
};
use libfuzzer_sys::fuzz_target;
use reference::{RefBucket, chains_of, uploads_of};

const KEYS: [&str; 8] = ["a", "a/b", "a/b/c", "a/c", "ab", "b", "b/x", "é"];
const FIVE_GIB: u64 = 5 << 30;
/// The most part and body bytes one input may have the models hash: big bodies are correct
/// but slow, and slowness is not what this target looks for.
const HASH_BUDGET: u64 = 12 << 20;

#[derive(Arbitrary, Debug)]
struct Input {
    s3: bool,
    seed: u8,
    null_appendables: bool,
    steps: Vec<Step>,
}

/// A condition on a write or delete (CND), resolved by the crate's generator.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Cond {
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
enum Step {
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
    Copy {
        source: KeyPick,
        version: Option<IdPick>,
        key: KeyPick,
        /// `Some`: the tagging directive REPLACE with these tags.
        replace_tags: Option<Vec<(String, String)>>,
        /// `Some`: the metadata directive REPLACE with this metadata.
        replace_meta: Option<MetaPick>,
        class: Option<String>,
        condition: Option<Cond>,
    },
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
}

/// A link target: a key whose head is an object, a link, a delete marker, none, or any key.
#[derive(Arbitrary, Debug)]
enum TargetKind {
    Object(u8),
    Link(u8),
    Hidden(u8),
    Absent(u8),
    Any(KeyPick),
}

#[derive(Arbitrary, Debug)]
enum Around {
    Before,
    At,
    After,
}

/// A lifecycle rule reaching every action and filter (LC-9, LC-10); counts and dates small,
/// so that they fall due, and sometimes 0 or off midnight, so that LC-9 refuses them.
#[derive(Arbitrary, Debug)]
struct RulePick {
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
enum ExpirationPick {
    Days(u8),
    Date(u8, bool),
    CreatedBeforeDate(u8, bool),
    ExpiredObjectDeleteMarker,
    DaysAndMarker(u8),
    Nothing,
}

#[derive(Arbitrary, Debug)]
enum AbortPick {
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
struct MetaPick {
    content_type: Option<String>,
    metadata: Vec<(String, String)>,
    class: Option<String>,
}

#[derive(Arbitrary, Debug)]
enum Status {
    Enabled,
    Suspended,
    Other(String),
}

#[derive(Arbitrary, Debug)]
enum KeyPick {
    Pool(u8),
    Any(String),
}

#[derive(Arbitrary, Debug)]
enum UploadKeyPick {
    /// The key of the N-th upload in progress, newest first.
    OfUpload(u8),
    Key(KeyPick),
}

#[derive(Arbitrary, Debug)]
enum IdPick {
    /// The N-th entry of the command's key, newest first.
    OfKey(u8),
    /// The N-th version ID any chain has held.
    Seen(u8),
    Null,
    Any(String),
}

#[derive(Arbitrary, Debug)]
enum UploadPick {
    /// The N-th upload of the command's key in progress, newest first.
    OfKey(u8),
    /// The N-th upload initiated.
    Seen(u8),
    Any(String),
}

#[derive(Arbitrary, Debug)]
enum PositionPick {
    Right,
    Past,
    At(u64),
}

#[derive(Arbitrary, Debug)]
enum BodyPick {
    Text(String),
    Repeat {
        piece: u8,
        times: u16,
    },
    /// Over 5 GiB, or overflowing 64 bits: rejected by length, never built.
    Huge(u64),
}

#[derive(Arbitrary, Debug)]
enum PartNumber {
    Small(u8),
    Any(u32),
}

#[derive(Arbitrary, Debug)]
enum PartBody {
    Small(u8),
    /// The dialect's minimum part size, minus one, plus the offset (0..=2).
    AroundMin {
        offset: u8,
        piece: u8,
    },
    Huge(u64),
}

#[derive(Arbitrary, Debug)]
enum PartsPick {
    All,
    Sized,
    Reversed,
    DropLast,
    Quoted,
    Listed(Vec<(u32, EtagPick)>),
}

#[derive(Arbitrary, Debug)]
enum EtagPick {
    /// The ETag the upload's part with this number has.
    OfPart,
    Any(String),
}

#[derive(Arbitrary, Debug)]
enum Delimiter {
    Slash,
    Any(String),
}

/// Decoding the steps into the crate's generator [`Template`]s, which its [`Resolver`] makes
/// into commands against the bucket and the run so far; and the hashing budget.
#[derive(Default)]
struct Run {
    resolver: Resolver,
    hashed: u64,
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
fn template(step: &Step) -> Template {
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
        } => Template::AppendObject {
            key: key(pick),
            position: position(at),
            body: body(body_pick),
            version_id: version(id),
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
        } => {
            let (content_type, metadata, storage_class) = meta(fields);
            Template::Ready(Command::InitiateMultipartUpload(InitiateMultipartUpload {
                tags: tagged.as_deref().map(tags),
                content_type,
                metadata,
                storage_class,
                ..InitiateMultipartUpload::new(key(pick))
            }))
        }
        Step::UploadPart {
            key: pick,
            upload: id,
            number,
            body: part,
        } => Template::UploadPart {
            key: upload_key(pick),
            upload_id: upload(id),
            part_number: match number {
                PartNumber::Small(n) => u32::from(n % 6),
                PartNumber::Any(n) => *n,
            },
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
        Step::Copy {
            source,
            version: id,
            key: pick,
            replace_tags,
            replace_meta,
            class,
            condition: cond,
        } => {
            let (content_type, metadata, _) = meta(replace_meta);
            Template::CopyObject {
                source_key: key(source),
                source_version_id: version(id),
                key: key(pick),
                tagging_directive: replace_tags.as_ref().map(|_| Directive::Replace),
                tags: replace_tags.as_deref().map(tags),
                metadata_directive: replace_meta.as_ref().map(|_| Directive::Replace),
                content_type,
                metadata,
                storage_class: class.clone(),
                condition: condition(cond),
            }
        }
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
            }
        }
        Step::GetSymlink { key: pick, version: id } => Template::GetSymlink {
            key: TargetPick::Given(key(pick)),
            version_id: version(id),
        },
        Step::GetObjectMeta { key: pick, version: id } => Template::GetObjectMeta {
            key: TargetPick::Given(key(pick)),
            version_id: version(id),
        },
    }
}

impl Run {
    /// The command `step` stands for in this bucket, or `None` to skip it: when building its
    /// body would pass the hashing budget.
    fn command(&mut self, step: &Step, bucket: &Bucket) -> Option<Command> {
        let command = self.resolver.resolve(&template(step), bucket);
        let body = match &command {
            Command::PutObject(PutObject { body, .. })
            | Command::AppendObject(AppendObject { body, .. })
            | Command::UploadPart(UploadPart { body, .. }) => body,
            _ => return Some(command),
        };
        match body.len() {
            Ok(len) if len <= FIVE_GIB => {
                self.hashed = self.hashed.saturating_add(len);
                (self.hashed <= HASH_BUDGET).then_some(command)
            }
            // Rejected by length, never built.
            _ => Some(command),
        }
    }
}

fuzz_target!(|input: Input| {
    let config = BucketConfig::new(if input.s3 { Dialect::S3 } else { Dialect::Oss })
        .with_seed(u64::from(input.seed % 4))
        .with_appendable_version_ids(if input.null_appendables {
            AppendableVersionIds::Null
        } else {
            AppendableVersionIds::Fresh
        });
    let mut model = Bucket::new(config);
    let mut naive = RefBucket::new(config);
    let mut run = Run::default();
    for (index, step) in input.steps.iter().take(200).enumerate() {
        let Some(command) = run.command(step, &model) else {
            continue;
        };
        let before = model.clone();
        let expected = naive.apply(command.clone());
        let actual = model.apply(command.clone());
        if let Err(invariant) = model.check_invariants() {
            panic!("step {index}: {command:?} -> {actual:?} broke {invariant}");
        }
        if actual.is_err() {
            assert_eq!(
                model, before,
                "ERR-2: step {index}: {command:?} -> {actual:?}"
            );
        }
        assert_eq!(
            actual, expected,
            "step {index}: {command:?}: the models disagree"
        );
        assert_eq!(
            chains_of(&model),
            naive.sorted_chains(),
            "step {index}: {command:?}: the chains disagree"
        );
        assert_eq!(
            uploads_of(&model),
            naive.upload_summary(),
            "step {index}: {command:?}: the uploads disagree"
        );
        run.resolver.record(&command, &actual);
    }
});
