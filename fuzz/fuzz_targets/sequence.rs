//! Decodes the fuzz input into a bucket configuration and a command sequence (through
//! `arbitrary`), and runs it on the model and on the naive reference model of
//! `tests/reference/` side by side. After every step: the invariants hold
//! (`check_invariants`), a rejected command left the model unchanged (ERR-2), and both models
//! agree on the outcome, the chains and the uploads in progress.
//!
//! Like the proptest strategies, the decoded steps name things the bucket has: entries of the
//! key, IDs seen before, uploads in progress, the head's length as a position, the uploaded
//! parts as a Complete list. Keys, IDs, prefixes and markers may also be any string. Lifecycle
//! steps put rules reaching every action and filter, run, and move the clock by whole days or to
//! one second around the next midnight, where actions fall due (LC-6).
#![no_main]

#[path = "../../tests/reference/mod.rs"]
mod reference;

use arbitrary::Arbitrary;
use bucket_versioning::lifecycle::{
    AbortIncompleteMultipartUpload, Expiration, LifecycleFilter, LifecycleRule, LifecycleTag,
    NoncurrentVersionExpiration, NotFilter,
};
use bucket_versioning::request::{
    AbortMultipartUpload, AdvanceClock, AppendObject, CompleteMultipartUpload, CopyObject,
    DeleteObject, DeleteObjects, GetBucketVersioning, GetObject, HeadObject,
    InitiateMultipartUpload, ListMultipartUploads, ListObjectVersions, ListObjects, ListParts,
    PutBucketVersioning, PutObject, SealAppendObject, UploadPart,
};
use bucket_versioning::request::{
    DeleteBucketLifecycle, GetBucketLifecycle, PutBucketLifecycle, RunLifecycle,
};
use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Dialect, ETag, ObjectKey, Outcome, UploadId, VersionId,
    config::AppendableVersionIds,
    request::{CompletedPart, ObjectIdentifier},
};
use libfuzzer_sys::fuzz_target;
use reference::{RefBucket, chains_of};

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

#[derive(Arbitrary, Debug)]
enum Step {
    Versioning(Status),
    GetVersioning,
    Put {
        key: KeyPick,
        body: BodyPick,
        assign: Option<IdPick>,
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
    },
    DeleteObjects {
        entries: Vec<(KeyPick, Option<IdPick>)>,
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
            prefix: self.prefix.as_ref().map(Seen::text),
            tags: self
                .tag
                .then(|| [("team".to_string(), "x".to_string())].into()),
            object_size_greater_than: self.greater.map(u64::from),
            object_size_less_than: self.less.map(u64::from),
            not: self.not.as_ref().map(|(prefix, tag)| NotFilter {
                prefix: prefix.as_ref().map(Seen::text),
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

/// What the run has seen, for resolving picks.
#[derive(Default)]
struct Seen {
    version_ids: Vec<VersionId>,
    initiated: Vec<(ObjectKey, UploadId)>,
    hashed: u64,
}

impl Seen {
    fn key(pick: &KeyPick) -> ObjectKey {
        match pick {
            KeyPick::Pool(n) => ObjectKey::from(KEYS[usize::from(*n) % KEYS.len()]),
            KeyPick::Any(text) => ObjectKey::new(text.clone()),
        }
    }

    fn text(pick: &KeyPick) -> String {
        Self::key(pick).as_str().to_string()
    }

    fn in_progress(&self, bucket: &Bucket) -> Vec<(ObjectKey, UploadId)> {
        self.initiated
            .iter()
            .rev()
            .filter(|(key, id)| {
                bucket
                    .list_parts(ListParts::new(key.clone(), id.clone()).max_parts(1))
                    .is_ok()
            })
            .cloned()
            .collect()
    }

    fn upload_key(&self, pick: &UploadKeyPick, bucket: &Bucket) -> ObjectKey {
        match pick {
            UploadKeyPick::OfUpload(n) => {
                let uploads = self.in_progress(bucket);
                nth(&uploads, *n).map_or_else(|| ObjectKey::from(KEYS[0]), |(key, _)| key)
            }
            UploadKeyPick::Key(pick) => Self::key(pick),
        }
    }

    fn version(&self, pick: &IdPick, key: &str, bucket: &Bucket) -> VersionId {
        match pick {
            IdPick::OfKey(n) => {
                let ids: Vec<VersionId> = bucket
                    .chain(key)
                    .map(|chain| {
                        chain
                            .iter()
                            .map(|entry| entry.version_id().clone())
                            .collect()
                    })
                    .unwrap_or_default();
                nth(&ids, *n).unwrap_or(VersionId::NULL)
            }
            IdPick::Seen(n) => nth(&self.version_ids, *n).unwrap_or(VersionId::NULL),
            IdPick::Null => VersionId::NULL,
            IdPick::Any(text) => VersionId::new(text.clone()),
        }
    }

    fn upload(&self, pick: &UploadPick, key: &ObjectKey, bucket: &Bucket) -> UploadId {
        match pick {
            UploadPick::OfKey(n) => {
                let of_key: Vec<UploadId> = self
                    .in_progress(bucket)
                    .into_iter()
                    .filter(|(upload_key, _)| upload_key == key)
                    .map(|(_, id)| id)
                    .collect();
                nth(&of_key, *n).unwrap_or_else(|| UploadId::new("no-such-upload"))
            }
            UploadPick::Seen(n) => nth(&self.initiated, *n)
                .map_or_else(|| UploadId::new("no-such-upload"), |(_, id)| id),
            UploadPick::Any(text) => UploadId::new(text.clone()),
        }
    }

    /// A body, or `None` when building it would pass the hashing budget.
    fn body(&mut self, pick: &BodyPick) -> Option<Body> {
        let body = match pick {
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
        };
        self.within_budget(body)
    }

    fn part_body(&mut self, pick: &PartBody, dialect: Dialect) -> Option<Body> {
        let body = match pick {
            PartBody::Small(len) => Body::Repeat {
                repeat: "p".into(),
                times: u64::from(*len),
            },
            PartBody::AroundMin { offset, piece } => Body::Repeat {
                repeat: ["p", "q", "r"][usize::from(*piece) % 3].into(),
                times: dialect.min_part_size() - 1 + u64::from(offset % 3),
            },
            PartBody::Huge(extra) => Body::Repeat {
                repeat: "p".into(),
                times: FIVE_GIB.saturating_add(1).saturating_add(*extra),
            },
        };
        self.within_budget(body)
    }

    fn within_budget(&mut self, body: Body) -> Option<Body> {
        match body.len() {
            Ok(len) if len <= FIVE_GIB => {
                self.hashed = self.hashed.saturating_add(len);
                (self.hashed <= HASH_BUDGET).then_some(body)
            }
            _ => Some(body),
        }
    }

    fn position(pick: &PositionPick, key: &ObjectKey, bucket: &Bucket) -> u64 {
        let length = || bucket.head_object(key.clone()).map_or(0, |meta| meta.size);
        match pick {
            PositionPick::Right => length(),
            PositionPick::Past => length().saturating_add(1),
            PositionPick::At(position) => *position,
        }
    }

    fn parts(
        pick: &PartsPick,
        key: &ObjectKey,
        upload_id: &UploadId,
        bucket: &Bucket,
    ) -> Vec<CompletedPart> {
        let uploaded: Vec<(u32, ETag, u64)> = bucket
            .list_parts(ListParts::new(key.clone(), upload_id.clone()))
            .map(|page| {
                page.parts
                    .into_iter()
                    .map(|part| (part.part_number, part.etag, part.size))
                    .collect()
            })
            .unwrap_or_default();
        let all = || {
            uploaded
                .iter()
                .map(|(n, etag, _)| CompletedPart::new(*n, etag.clone()))
        };
        match pick {
            PartsPick::All => all().collect(),
            PartsPick::Sized => {
                let last = uploaded.last().map_or(0, |(n, _, _)| *n);
                let min = bucket.dialect().min_part_size();
                uploaded
                    .iter()
                    .filter(|(n, _, size)| *size >= min || *n == last)
                    .map(|(n, etag, _)| CompletedPart::new(*n, etag.clone()))
                    .collect()
            }
            PartsPick::Reversed => all().rev().collect(),
            PartsPick::DropLast => {
                let mut parts: Vec<CompletedPart> = all().collect();
                parts.pop();
                parts
            }
            PartsPick::Quoted => all()
                .map(|part| {
                    CompletedPart::new(
                        part.part_number,
                        ETag::new(format!("\"{}\"", part.etag.as_str().to_lowercase())),
                    )
                })
                .collect(),
            PartsPick::Listed(listed) => listed
                .iter()
                .map(|(n, etag)| {
                    let number = if *n > 20_000 { n % 8 } else { *n };
                    let etag = match etag {
                        EtagPick::OfPart => uploaded
                            .iter()
                            .find(|(uploaded, _, _)| *uploaded == number)
                            .map_or_else(|| ETag::new(""), |(_, etag, _)| etag.clone()),
                        EtagPick::Any(text) => ETag::new(text.clone()),
                    };
                    CompletedPart::new(number, etag)
                })
                .collect(),
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

    /// The command `step` stands for in this bucket, or `None` to skip it.
    fn command(&mut self, step: &Step, bucket: &Bucket) -> Option<Command> {
        Some(match step {
            Step::Versioning(status) => {
                Command::PutBucketVersioning(PutBucketVersioning::new(match status {
                    Status::Enabled => "Enabled".into(),
                    Status::Suspended => "Suspended".into(),
                    Status::Other(text) => text.clone(),
                }))
            }
            Step::GetVersioning => Command::GetBucketVersioning(GetBucketVersioning::new()),
            Step::Put { key, body, assign } => {
                let key = Self::key(key);
                Command::PutObject(PutObject {
                    assign_version_id: assign
                        .as_ref()
                        .map(|id| self.version(id, key.as_str(), bucket)),
                    body: self.body(body)?,
                    key,
                })
            }
            Step::Append {
                key,
                position,
                body,
                version,
            } => {
                let key = Self::key(key);
                Command::AppendObject(AppendObject {
                    position: Self::position(position, &key, bucket),
                    body: self.body(body)?,
                    version_id: version
                        .as_ref()
                        .map(|id| self.version(id, key.as_str(), bucket)),
                    key,
                })
            }
            Step::Seal { key, position } => {
                let key = Self::key(key);
                Command::SealAppendObject(SealAppendObject {
                    position: Self::position(position, &key, bucket),
                    key,
                })
            }
            Step::Delete {
                key,
                version,
                assign,
            } => {
                let key = Self::key(key);
                Command::DeleteObject(DeleteObject {
                    version_id: version
                        .as_ref()
                        .map(|id| self.version(id, key.as_str(), bucket)),
                    assign_version_id: assign
                        .as_ref()
                        .map(|id| self.version(id, key.as_str(), bucket)),
                    key,
                })
            }
            Step::DeleteObjects { entries, quiet } => Command::DeleteObjects(DeleteObjects {
                objects: entries
                    .iter()
                    .map(|(key, version)| {
                        let key = Self::key(key);
                        ObjectIdentifier {
                            version_id: version
                                .as_ref()
                                .map(|id| self.version(id, key.as_str(), bucket)),
                            key,
                        }
                    })
                    .collect(),
                quiet: *quiet,
            }),
            Step::Get { key, version } => {
                let key = Self::key(key);
                Command::GetObject(GetObject {
                    version_id: version
                        .as_ref()
                        .map(|id| self.version(id, key.as_str(), bucket)),
                    key,
                })
            }
            Step::Head { key, version } => {
                let key = Self::key(key);
                Command::HeadObject(HeadObject {
                    version_id: version
                        .as_ref()
                        .map(|id| self.version(id, key.as_str(), bucket)),
                    key,
                })
            }
            Step::Initiate { key } => {
                Command::InitiateMultipartUpload(InitiateMultipartUpload::new(Self::key(key)))
            }
            Step::UploadPart {
                key,
                upload,
                number,
                body,
            } => {
                let key = self.upload_key(key, bucket);
                Command::UploadPart(UploadPart {
                    upload_id: self.upload(upload, &key, bucket),
                    part_number: match number {
                        PartNumber::Small(n) => u32::from(n % 6),
                        PartNumber::Any(n) => *n,
                    },
                    body: self.part_body(body, bucket.dialect())?,
                    key,
                })
            }
            Step::Complete { key, upload, parts } => {
                let key = self.upload_key(key, bucket);
                let upload_id = self.upload(upload, &key, bucket);
                Command::CompleteMultipartUpload(CompleteMultipartUpload {
                    parts: Self::parts(parts, &key, &upload_id, bucket),
                    upload_id,
                    key,
                })
            }
            Step::Abort { key, upload } => {
                let key = self.upload_key(key, bucket);
                Command::AbortMultipartUpload(AbortMultipartUpload {
                    upload_id: self.upload(upload, &key, bucket),
                    key,
                })
            }
            Step::ListParts {
                key,
                upload,
                max,
                marker,
            } => {
                let key = self.upload_key(key, bucket);
                Command::ListParts(ListParts {
                    upload_id: self.upload(upload, &key, bucket),
                    max_parts: Self::page_size(max),
                    part_number_marker: marker.map(u32::from),
                    key,
                })
            }
            Step::ListUploads {
                prefix,
                delimiter,
                key_marker,
                upload_marker,
                max,
            } => {
                let key_marker = key_marker.as_ref().map(Self::key);
                let marker_key = key_marker.clone().unwrap_or_default();
                Command::ListMultipartUploads(ListMultipartUploads {
                    prefix: prefix.as_ref().map(Self::text),
                    delimiter: Self::delimiter(delimiter),
                    upload_id_marker: upload_marker
                        .as_ref()
                        .map(|pick| self.upload(pick, &marker_key, bucket)),
                    key_marker,
                    max_uploads: Self::page_size(max),
                })
            }
            Step::Copy {
                source,
                version,
                key,
            } => {
                let source_key = Self::key(source);
                Command::CopyObject(CopyObject {
                    source_bucket: None,
                    source_version_id: version
                        .as_ref()
                        .map(|id| self.version(id, source_key.as_str(), bucket)),
                    source_key,
                    key: Self::key(key),
                })
            }
            Step::ListVersions {
                prefix,
                delimiter,
                key_marker,
                version_marker,
                max,
            } => {
                let key_marker = key_marker.as_ref().map(Self::text);
                let marker_key = key_marker.clone().unwrap_or_default();
                Command::ListObjectVersions(ListObjectVersions {
                    prefix: prefix.as_ref().map(Self::text),
                    delimiter: Self::delimiter(delimiter),
                    version_id_marker: version_marker
                        .as_ref()
                        .map(|id| self.version(id, &marker_key, bucket)),
                    key_marker,
                    max_keys: Self::page_size(max),
                })
            }
            Step::ListObjects {
                prefix,
                delimiter,
                marker,
                max,
            } => Command::ListObjects(ListObjects {
                prefix: prefix.as_ref().map(Self::text),
                delimiter: Self::delimiter(delimiter),
                marker: marker.as_ref().map(Self::text),
                max_keys: Self::page_size(max),
            }),
            Step::Clock(seconds) => Command::AdvanceClock(AdvanceClock::new(*seconds)),
            Step::ClockDays(days) => {
                Command::AdvanceClock(AdvanceClock::new(u64::from(days % 4 + 1) * DAY))
            }
            Step::ClockAroundMidnight(around) => {
                let to_midnight = DAY - bucket.now() % DAY;
                let seconds = match around {
                    Around::Before => (to_midnight - 1).max(1),
                    Around::At => to_midnight,
                    Around::After => to_midnight + 1,
                };
                Command::AdvanceClock(AdvanceClock::new(seconds))
            }
            Step::PutLifecycle(rules) => Command::PutBucketLifecycle(PutBucketLifecycle::new(
                rules.iter().take(4).map(RulePick::rule).collect(),
            )),
            Step::GetLifecycle => Command::GetBucketLifecycle(GetBucketLifecycle::new()),
            Step::DeleteLifecycle => Command::DeleteBucketLifecycle(DeleteBucketLifecycle::new()),
            Step::RunLifecycle => Command::RunLifecycle(RunLifecycle::new()),
        })
    }

    fn record(&mut self, command: &Command, outcome: &Outcome, bucket: &Bucket) {
        if let (
            Command::InitiateMultipartUpload(InitiateMultipartUpload { key }),
            Outcome::InitiateMultipartUpload(initiate),
        ) = (command, outcome)
        {
            self.initiated
                .push((key.clone(), initiate.upload_id.clone()));
        }
        for chain in bucket.chains() {
            for entry in chain.iter() {
                if !self.version_ids.contains(entry.version_id()) {
                    self.version_ids.push(entry.version_id().clone());
                }
            }
        }
    }
}

fn nth<T: Clone>(items: &[T], n: u8) -> Option<T> {
    (!items.is_empty()).then(|| items[usize::from(n) % items.len()].clone())
}

/// The model's uploads in progress as (key, upload ID, part numbers), by upload ID.
fn uploads_of(bucket: &Bucket) -> Vec<(String, String, Vec<u32>)> {
    let Ok(page) = bucket.list_multipart_uploads(ListMultipartUploads::new()) else {
        panic!("the default ListMultipartUploads is valid");
    };
    let mut uploads: Vec<(String, String, Vec<u32>)> = page
        .uploads
        .into_iter()
        .map(|upload| {
            let parts = bucket
                .list_parts(ListParts::new(upload.key.clone(), upload.upload_id.clone()))
                .map(|page| page.parts.iter().map(|part| part.part_number).collect())
                .unwrap_or_default();
            (upload.key.to_string(), upload.upload_id.to_string(), parts)
        })
        .collect();
    uploads.sort_by(|a, b| a.1.cmp(&b.1));
    uploads
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
    let mut seen = Seen::default();
    for (index, step) in input.steps.iter().take(200).enumerate() {
        let Some(command) = seen.command(step, &model) else {
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
        if let Ok(outcome) = &actual {
            seen.record(&command, outcome, &model);
        }
    }
});
