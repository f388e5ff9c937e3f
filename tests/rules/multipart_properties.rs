//! Property test: random sequences mixing the multipart commands with versioning changes, puts
//! and deletes (with and without version IDs from earlier outcomes). After every step the
//! invariants hold (INV-1..INV-8, INV-7 included); a rejected step changes nothing (ERR-2); and
//! every multipart outcome agrees with a naive reference of the uploads written straight from
//! MPU-1..MPU-10, CT-2 and CT-4.
//!
//! The generator is [`arb_multipart_command`] (multipart steps over a key pool) mixed with the
//! core steps by [`arb_step`]; steps name uploads and versions by index into what earlier
//! outcomes returned, and [`Run::step`] resolves them into concrete commands.

use crate::support::hex;
use bucket_versioning::request::{
    AbortMultipartUpload, CompleteMultipartUpload, DeleteObject, InitiateMultipartUpload,
    ListMultipartUploads, ListParts, PutBucketVersioning, PutObject, UploadPart,
};

use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Content, Dialect, ETag, ObjectKey, ObjectType, Outcome,
    UploadId, VersionId, VersioningState, request::CompletedPart,
};
use md5::{Digest, Md5};
use proptest::prelude::*;

use crate::reference::upload_rules::{RefUpload, RefUploads};

/// The key pool: nested keys for prefixes and delimiters, a non-ASCII key, and the empty key,
/// which both dialects reject.
const KEYS: &[&str] = &["a", "a/b", "a/c/d", "b", "é", ""];

/// The size of a part, relative to the dialect's minimum (MPU-6).
#[derive(Clone, Debug)]
enum PartSize {
    /// Real bytes: a short text.
    Text(String),
    /// A fingerprint one byte below the minimum.
    BelowMin,
    /// A fingerprint of exactly the minimum.
    AtMin,
    /// A fingerprint above the minimum, without an MD5.
    AboveMinNoMd5,
}

/// How a Complete request names a part's ETag.
#[derive(Clone, Copy, Debug)]
enum EtagPick {
    Right,
    Lowercase,
    Quoted,
    Wrong,
}

/// The part list of a Complete request.
#[derive(Clone, Debug)]
enum PartList {
    /// Given part numbers and ETag picks (maybe out of order, maybe never uploaded).
    Explicit(Vec<(u32, EtagPick)>),
    /// The upload's uploaded parts, ascending, with their ETags, less those whose bit in the
    /// mask is set (an unlisted part is dropped, MPU-7).
    Uploaded { drop_mask: u8 },
}

/// An upload named by index into every upload ID initiated so far, or one never issued.
#[derive(Clone, Copy, Debug)]
enum UploadPick {
    Initiated(usize),
    /// By index into the uploads in progress.
    InProgress(usize),
    Unknown,
}

/// One multipart step, abstract until [`Run::step`] resolves it.
#[derive(Clone, Debug)]
enum MultipartStep {
    Initiate {
        key: usize,
    },
    UploadPart {
        upload: UploadPick,
        other_key: Option<usize>,
        part_number: u32,
        size: PartSize,
    },
    Complete {
        upload: UploadPick,
        other_key: Option<usize>,
        parts: PartList,
    },
    Abort {
        upload: UploadPick,
        other_key: Option<usize>,
    },
    ListParts {
        upload: UploadPick,
        max_parts: u64,
        marker: Option<u32>,
    },
    ListUploads {
        prefix: Option<usize>,
        delimiter: bool,
        max_uploads: u64,
    },
}

/// A step: a multipart one, or one of the core commands it mixes with.
#[derive(Clone, Debug)]
enum Step {
    Versioning(&'static str),
    Put { key: usize, body: String },
    Delete { key: usize, version: Option<usize> },
    Multipart(MultipartStep),
}

fn arb_key(keys: usize) -> impl Strategy<Value = usize> {
    0..keys
}

fn arb_upload() -> impl Strategy<Value = UploadPick> {
    prop_oneof![
        3 => any::<prop::sample::Index>().prop_map(|index| UploadPick::Initiated(index.index(1 << 16))),
        6 => any::<prop::sample::Index>().prop_map(|index| UploadPick::InProgress(index.index(1 << 16))),
        1 => Just(UploadPick::Unknown),
    ]
}

fn arb_part_number() -> impl Strategy<Value = u32> {
    prop_oneof![
        12 => 1u32..=5,
        1 => Just(0u32),
        1 => Just(10_000u32),
        1 => Just(10_001u32),
    ]
}

fn arb_part_size() -> impl Strategy<Value = PartSize> {
    prop_oneof![
        3 => "[a-z]{0,6}".prop_map(PartSize::Text),
        1 => Just(PartSize::BelowMin),
        3 => Just(PartSize::AtMin),
        2 => Just(PartSize::AboveMinNoMd5),
    ]
}

fn arb_etag_pick() -> impl Strategy<Value = EtagPick> {
    prop_oneof![
        12 => Just(EtagPick::Right),
        1 => Just(EtagPick::Lowercase),
        1 => Just(EtagPick::Quoted),
        1 => Just(EtagPick::Wrong),
    ]
}

fn arb_part_list() -> impl Strategy<Value = PartList> {
    let explicit = (
        prop_oneof![
            1 => Just(Vec::new()),
            6 => prop::collection::vec((arb_part_number(), arb_etag_pick()), 1..5),
        ],
        prop::bool::weighted(0.8),
    )
        .prop_map(|(mut parts, keep_order)| {
            if keep_order {
                parts.sort_by_key(|(number, _)| *number);
                parts.dedup_by_key(|(number, _)| *number);
            }
            PartList::Explicit(parts)
        });
    prop_oneof![
        1 => explicit,
        2 => prop_oneof![3 => Just(0u8), 1 => any::<u8>()]
            .prop_map(|drop_mask| PartList::Uploaded { drop_mask }),
    ]
}

fn arb_other_key(keys: usize) -> impl Strategy<Value = Option<usize>> {
    prop_oneof![9 => Just(None), 1 => (0..keys).prop_map(Some)]
}

/// The multipart steps over a pool of `keys` keys.
fn arb_multipart_command(keys: usize) -> impl Strategy<Value = MultipartStep> {
    prop_oneof![
        3 => arb_key(keys).prop_map(|key| MultipartStep::Initiate { key }),
        6 => (arb_upload(), arb_other_key(keys), arb_part_number(), arb_part_size()).prop_map(
            |(upload, other_key, part_number, size)| MultipartStep::UploadPart {
                upload,
                other_key,
                part_number,
                size,
            }
        ),
        6 => (arb_upload(), arb_other_key(keys), arb_part_list()).prop_map(
            |(upload, other_key, parts)| MultipartStep::Complete {
                upload,
                other_key,
                parts,
            }
        ),
        1 => (arb_upload(), arb_other_key(keys))
            .prop_map(|(upload, other_key)| MultipartStep::Abort { upload, other_key }),
        1 => (
            arb_upload(),
            prop_oneof![8 => 1u64..=4, 1 => Just(0u64), 1 => Just(1000u64), 1 => Just(1001u64)],
            prop::option::of(0u32..=6),
        )
            .prop_map(|(upload, max_parts, marker)| MultipartStep::ListParts {
                upload,
                max_parts,
                marker,
            }),
        1 => (
            prop::option::of(arb_key(keys)),
            any::<bool>(),
            prop_oneof![8 => 1u64..=4, 1 => Just(0u64), 1 => Just(1000u64)],
        )
            .prop_map(|(prefix, delimiter, max_uploads)| MultipartStep::ListUploads {
                prefix,
                delimiter,
                max_uploads,
            }),
    ]
}

fn arb_step(keys: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        1 => prop_oneof![Just("Enabled"), Just("Suspended"), Just("Disabled")].prop_map(Step::Versioning),
        2 => (arb_key(keys), "[a-z]{0,4}").prop_map(|(key, body)| Step::Put { key, body }),
        2 => (arb_key(keys), prop::option::of(any::<prop::sample::Index>()))
            .prop_map(|(key, version)| Step::Delete {
                key,
                version: version.map(|index| index.index(1 << 16)),
            }),
        12 => arb_multipart_command(keys).prop_map(Step::Multipart),
    ]
}

/// The run: the bucket under test, and the naive reference of its uploads.
struct Run {
    bucket: Bucket,
    dialect: Dialect,
    /// The naive reference of its uploads.
    refs: RefUploads,
    /// Every version ID an outcome reported.
    versions: Vec<VersionId>,
}

impl Run {
    fn new(dialect: Dialect, seed: u64) -> Self {
        Run {
            bucket: Bucket::new(BucketConfig::new(dialect).with_seed(seed)),
            dialect,
            refs: RefUploads::new(dialect),
            versions: Vec::new(),
        }
    }

    fn upload_id(&self, pick: UploadPick) -> (UploadId, String) {
        match pick {
            UploadPick::Initiated(index) if !self.refs.initiated.is_empty() => {
                self.refs.initiated[index % self.refs.initiated.len()].clone()
            }
            UploadPick::InProgress(index) if !self.refs.uploads.is_empty() => self
                .refs
                .uploads
                .iter()
                .nth(index % self.refs.uploads.len())
                .map(|(id, upload)| (id.clone(), upload.key.clone()))
                .expect("an upload in progress"),
            _ => (UploadId::new("NEVER-ISSUED"), "a".to_string()),
        }
    }

    fn part_body(&self, size: &PartSize, salt: u32) -> Body {
        let min = self.dialect.min_part_size();
        let fingerprint = |len: u64, md5: Option<[u8; 16]>| {
            Body::Fingerprint(Content::from_fingerprint(
                len,
                len.wrapping_mul(0x9E37_79B9) ^ u64::from(salt),
                md5,
            ))
        };
        match size {
            PartSize::Text(text) => Body::Text(text.clone()),
            PartSize::BelowMin => fingerprint(min - 1, Some([salt as u8; 16])),
            PartSize::AtMin => fingerprint(min, Some([salt as u8 ^ 0x5A; 16])),
            PartSize::AboveMinNoMd5 => fingerprint(min + 3, None),
        }
    }

    /// Runs one step, checking the invariants, ERR-2 and the reference.
    fn step(&mut self, step: &Step, index: usize) -> Result<(), TestCaseError> {
        let before = self.bucket.clone();
        let state = self.bucket.versioning();
        let (command, expected) = self.resolve(step, index);
        let result = self.bucket.apply(command.clone());
        if let Err(failure) = self.bucket.check_invariants() {
            return Err(TestCaseError::fail(format!("{failure} after {command:?}")));
        }
        match &result {
            Err(violation) => {
                prop_assert_eq!(&self.bucket, &before, "ERR-2 after {:?}", command);
                if let Some(expected) = expected {
                    prop_assert_eq!(Some(violation.code()), expected.err(), "{:?}", command);
                }
            }
            Ok(outcome) => {
                if let Some(expected) = &expected {
                    prop_assert!(expected.is_ok(), "{:?} succeeded: {:?}", command, outcome);
                }
                self.record(&command, outcome, state)?;
            }
        }
        Ok(())
    }

    /// The concrete command of a step, and for multipart steps the reference's verdict:
    /// `Ok(())` for a success, `Err(code)` for a rejection.
    fn resolve(&self, step: &Step, index: usize) -> (Command, Option<Result<(), &'static str>>) {
        let dialect = self.dialect;
        match step {
            Step::Versioning(status) => (
                Command::PutBucketVersioning(PutBucketVersioning::new(*status)),
                None,
            ),
            Step::Put { key, body } => (
                Command::PutObject(PutObject::new(KEYS[*key], body.as_str())),
                None,
            ),
            Step::Delete { key, version } => (
                Command::DeleteObject(DeleteObject {
                    version_id: version.and_then(|index| {
                        (!self.versions.is_empty())
                            .then(|| self.versions[index % self.versions.len()].clone())
                    }),
                    ..DeleteObject::new(KEYS[*key])
                }),
                None,
            ),
            Step::Multipart(step) => self.resolve_multipart(step, index, dialect),
        }
    }

    fn resolve_multipart(
        &self,
        step: &MultipartStep,
        index: usize,
        dialect: Dialect,
    ) -> (Command, Option<Result<(), &'static str>>) {
        match step {
            MultipartStep::Initiate { key } => {
                let key = KEYS[*key];
                let verdict = self.refs.key_verdict(key);
                (
                    Command::InitiateMultipartUpload(InitiateMultipartUpload::new(key)),
                    Some(verdict),
                )
            }
            MultipartStep::UploadPart {
                upload,
                other_key,
                part_number,
                size,
            } => {
                let (upload_id, own_key) = self.upload_id(*upload);
                let key = other_key.map_or(own_key.as_str(), |key| KEYS[key]);
                let verdict = self.refs.upload_part_verdict(key, &upload_id, *part_number);
                (
                    Command::UploadPart(UploadPart::new(
                        key,
                        upload_id,
                        *part_number,
                        self.part_body(size, index as u32),
                    )),
                    Some(verdict),
                )
            }
            MultipartStep::Complete {
                upload,
                other_key,
                parts,
            } => {
                let (upload_id, own_key) = self.upload_id(*upload);
                let key = other_key.map_or(own_key.as_str(), |key| KEYS[key]);
                let reference = self.refs.in_progress(&upload_id, key);
                let parts: Vec<(u32, EtagPick)> = match parts {
                    PartList::Explicit(parts) => parts.clone(),
                    PartList::Uploaded { drop_mask } => {
                        let uploaded = reference.map(|upload| {
                            upload
                                .parts
                                .keys()
                                .enumerate()
                                .filter(|(index, _)| *index >= 8 || drop_mask & (1 << index) == 0)
                                .map(|(_, number)| (*number, EtagPick::Right))
                                .collect::<Vec<_>>()
                        });
                        uploaded.unwrap_or_else(|| vec![(1, EtagPick::Right)])
                    }
                };
                let listed: Vec<CompletedPart> = parts
                    .iter()
                    .map(|(number, pick)| {
                        let digest = reference
                            .and_then(|upload| upload.parts.get(number))
                            .map(|(digest, _)| *digest);
                        let right = digest.map(|digest| hex(&digest, dialect == Dialect::Oss));
                        let etag = match (pick, right) {
                            (EtagPick::Right, Some(right)) => right,
                            (EtagPick::Lowercase, Some(right)) => right.to_lowercase(),
                            (EtagPick::Quoted, Some(right)) => format!("\"{right}\""),
                            _ => "00000000000000000000000000000000".to_string(),
                        };
                        CompletedPart::new(*number, ETag::new(etag))
                    })
                    .collect();
                let verdict = self.refs.complete_verdict(key, &upload_id, &listed);
                (
                    Command::CompleteMultipartUpload(CompleteMultipartUpload::new(
                        key, upload_id, listed,
                    )),
                    Some(verdict),
                )
            }
            MultipartStep::Abort { upload, other_key } => {
                let (upload_id, own_key) = self.upload_id(*upload);
                let key = other_key.map_or(own_key.as_str(), |key| KEYS[key]);
                let verdict = self.refs.abort_verdict(key, &upload_id);
                (
                    Command::AbortMultipartUpload(AbortMultipartUpload::new(key, upload_id)),
                    Some(verdict),
                )
            }
            MultipartStep::ListParts {
                upload,
                max_parts,
                marker,
            } => {
                let (upload_id, key) = self.upload_id(*upload);
                let verdict = self.refs.list_parts_verdict(&key, &upload_id, *max_parts);
                (
                    Command::ListParts(ListParts {
                        part_number_marker: *marker,
                        ..ListParts::new(key, upload_id).max_parts(*max_parts)
                    }),
                    Some(verdict),
                )
            }
            MultipartStep::ListUploads {
                prefix,
                delimiter,
                max_uploads,
            } => {
                let verdict = RefUploads::list_uploads_verdict(*max_uploads);
                (
                    Command::ListMultipartUploads(ListMultipartUploads {
                        prefix: prefix.map(|key| KEYS[key].to_string()),
                        delimiter: delimiter.then(|| "/".to_string()),
                        ..ListMultipartUploads::new().max_uploads(*max_uploads)
                    }),
                    Some(verdict),
                )
            }
        }
    }

    /// Checks a success against the reference and records what it returned.
    fn record(
        &mut self,
        command: &Command,
        outcome: &Outcome,
        state: VersioningState,
    ) -> Result<(), TestCaseError> {
        let uppercase = self.dialect == Dialect::Oss;
        match (command, outcome) {
            (Command::PutObject(_), Outcome::PutObject(put)) => {
                self.versions.extend(put.version_id.clone());
            }
            (Command::DeleteObject(_), Outcome::DeleteObject(delete)) => {
                self.versions.extend(delete.version_id.clone());
            }
            (
                Command::InitiateMultipartUpload(InitiateMultipartUpload { key, .. }),
                Outcome::InitiateMultipartUpload(done),
            ) => {
                // MPU-1: a new ID, never issued before.
                prop_assert!(
                    self.refs
                        .initiated
                        .iter()
                        .all(|(id, _)| *id != done.upload_id)
                );
                self.refs.initiate(&done.upload_id, key.as_str());
            }
            (
                Command::UploadPart(UploadPart {
                    upload_id,
                    part_number,
                    body,
                    ..
                }),
                Outcome::UploadPart(done),
            ) => {
                let content = body.content().expect("bodies are small");
                let digest = content.md5().unwrap_or_else(|| {
                    let mut digest = [0u8; 16];
                    digest[..8].copy_from_slice(&content.crc64().to_be_bytes());
                    digest[8..].copy_from_slice(&content.len().to_be_bytes());
                    digest
                });
                prop_assert_eq!(done.etag.as_str(), hex(&digest, uppercase));
                prop_assert_eq!(done.crc64, content.crc64());
                prop_assert!(self.refs.uploads.contains_key(upload_id), "in progress");
                self.refs
                    .upload_part(upload_id, *part_number, digest, content.len());
            }
            (
                Command::CompleteMultipartUpload(CompleteMultipartUpload {
                    key,
                    upload_id,
                    parts,
                    ..
                }),
                Outcome::CompleteMultipartUpload(done),
            ) => {
                let upload = self.refs.finish(upload_id).expect("in progress");
                let mut digests = Vec::new();
                let mut size = 0u64;
                for part in parts {
                    let (digest, len) = upload.parts[&part.part_number];
                    digests.extend_from_slice(&digest);
                    size += len;
                }
                // CT-4
                let etag = format!("{}-{}", hex(&Md5::digest(&digests), uppercase), parts.len());
                prop_assert_eq!(done.etag.as_str(), etag.as_str());
                // MPU-7, RSP-1
                let head = self
                    .bucket
                    .chain(key.as_str())
                    .and_then(|chain| chain.head())
                    .expect("the key has a head");
                prop_assert_eq!(head.object_type(), Some(ObjectType::Multipart));
                prop_assert_eq!(head.size(), size);
                prop_assert_eq!(head.etag(), Some(done.etag.clone()));
                prop_assert_eq!(head.content().map(Content::crc64), Some(done.crc64));
                let reported = match state {
                    VersioningState::Unversioned => None,
                    VersioningState::Enabled => Some(head.version_id().clone()),
                    _ if self.dialect == Dialect::Oss => Some(VersionId::NULL),
                    _ => None,
                };
                prop_assert_eq!(&done.version_id, &reported);
                prop_assert_eq!(
                    head.version_id().is_null(),
                    state != VersioningState::Enabled
                );
                if state == VersioningState::Unversioned {
                    prop_assert_eq!(self.bucket.chain(key.as_str()).map(|c| c.len()), Some(1));
                }
                self.versions.extend(done.version_id.clone());
            }
            (
                Command::AbortMultipartUpload(AbortMultipartUpload { upload_id, .. }),
                Outcome::AbortMultipartUpload(_),
            ) => {
                self.refs.finish(upload_id).expect("in progress");
            }
            (
                Command::ListParts(ListParts {
                    upload_id,
                    max_parts,
                    part_number_marker,
                    ..
                }),
                Outcome::ListParts(page),
            ) => {
                let after = self.refs.parts_after(upload_id, *part_number_marker);
                let max = max_parts.unwrap_or(1000) as usize;
                let expected: Vec<(u32, String, u64)> = after
                    .iter()
                    .take(max)
                    .map(|(number, digest, size)| (*number, hex(digest, uppercase), *size))
                    .collect();
                let listed: Vec<(u32, String, u64)> = page
                    .parts
                    .iter()
                    .map(|part| (part.part_number, part.etag.to_string(), part.size))
                    .collect();
                prop_assert_eq!(listed, expected.clone());
                prop_assert_eq!(page.is_truncated, after.len() > max);
                let next = page
                    .is_truncated
                    .then(|| expected.last().map(|p| p.0))
                    .flatten();
                prop_assert_eq!(page.next_part_number_marker, next);
            }
            (
                Command::ListMultipartUploads(ListMultipartUploads {
                    prefix,
                    delimiter,
                    max_uploads,
                    ..
                }),
                Outcome::ListMultipartUploads(page),
            ) => {
                let expected = self
                    .refs
                    .listing(prefix.as_deref().unwrap_or(""), delimiter.as_deref());
                let max = max_uploads.unwrap_or(1000) as usize;
                let first: Vec<&(String, Option<UploadId>)> = expected.iter().take(max).collect();
                let uploads: Vec<(String, Option<UploadId>)> = first
                    .iter()
                    .filter(|(_, id)| id.is_some())
                    .map(|item| (*item).clone())
                    .collect();
                let prefixes: Vec<String> = first
                    .iter()
                    .filter(|(_, id)| id.is_none())
                    .map(|(prefix, _)| prefix.clone())
                    .collect();
                let listed: Vec<(String, Option<UploadId>)> = page
                    .uploads
                    .iter()
                    .map(|upload| (upload.key.to_string(), Some(upload.upload_id.clone())))
                    .collect();
                prop_assert_eq!(listed, uploads);
                prop_assert_eq!(&page.common_prefixes, &prefixes);
                prop_assert_eq!(page.is_truncated, expected.len() > max);
                if page.is_truncated {
                    let (last_key, last_id) = (*first.last().expect("a full page")).clone();
                    prop_assert_eq!(
                        page.next_key_marker.clone(),
                        Some(ObjectKey::new(last_key.clone()))
                    );
                    prop_assert_eq!(page.next_upload_id_marker.clone(), last_id.clone());
                }
            }
            _ => {}
        }
        prop_assert_eq!(self.bucket.upload_count(), self.refs.uploads.len());
        Ok(())
    }
}

fn arb_dialect() -> impl Strategy<Value = Dialect> {
    prop_oneof![Just(Dialect::Oss), Just(Dialect::S3)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    // Rule: INV-1..INV-8 (INV-7 for uploads), ERR-2, MPU-1..MPU-10, CT-2, CT-4 — random
    // sequences of multipart, versioning, put and delete commands.
    #[test]
    fn multipart_sequences_keep_the_rules(
        dialect in arb_dialect(),
        seed in any::<u64>(),
        steps in prop::collection::vec(arb_step(KEYS.len()), 1..60),
    ) {
        let mut run = Run::new(dialect, seed);
        for (index, step) in steps.iter().enumerate() {
            run.step(step, index)?;
        }
        // Completing what is left in progress, in initiation order, leaves no upload (INV-7).
        let left: Vec<(UploadId, RefUpload)> = run
            .refs
            .uploads
            .iter()
            .map(|(id, upload)| (id.clone(), upload.clone()))
            .collect();
        for (upload_id, upload) in left {
            let step = Step::Multipart(MultipartStep::Abort {
                upload: UploadPick::Initiated(
                    run.refs.initiated.iter().position(|(id, _)| *id == upload_id).expect("initiated"),
                ),
                other_key: None,
            });
            run.step(&step, 0)?;
            prop_assert!(!run.refs.uploads.contains_key(&upload_id), "{} aborted", upload.key);
        }
        prop_assert_eq!(run.bucket.upload_count(), 0);
    }

    // Rule: INV-9 — the same seed and steps give the same outcomes and an equal bucket.
    #[test]
    fn multipart_sequences_are_deterministic(
        dialect in arb_dialect(),
        seed in any::<u64>(),
        steps in prop::collection::vec(arb_step(KEYS.len()), 1..30),
    ) {
        let mut first = Run::new(dialect, seed);
        let mut second = Run::new(dialect, seed);
        for (index, step) in steps.iter().enumerate() {
            let (command, _) = first.resolve(step, index);
            let a = first.bucket.apply(command.clone());
            let b = second.bucket.apply(command.clone());
            prop_assert_eq!(&a, &b);
            if let Ok(outcome) = &a {
                let state = first.bucket.versioning();
                // Keep both runs' references moving so later steps resolve alike (what the
                // records check is the other property's concern).
                let _ = first.record(&command, outcome, state);
                let _ = second.record(&command, outcome, state);
            }
        }
        prop_assert_eq!(&first.bucket, &second.bucket);
    }
}

// The generator reaches every kind of outcome, so the property test is not vacuous: a fixed
// sequence through the same machinery completes an upload, and a rejected step is checked.
#[test]
fn the_reference_accepts_a_known_good_sequence() {
    let mut run = Run::new(Dialect::Oss, 1);
    let steps = [
        Step::Versioning("Enabled"),
        Step::Put {
            key: 0,
            body: "v1".into(),
        },
        Step::Multipart(MultipartStep::Initiate { key: 0 }),
        Step::Multipart(MultipartStep::UploadPart {
            upload: UploadPick::Initiated(0),
            other_key: None,
            part_number: 1,
            size: PartSize::AtMin,
        }),
        Step::Multipart(MultipartStep::UploadPart {
            upload: UploadPick::Initiated(0),
            other_key: None,
            part_number: 3,
            size: PartSize::Text("end".into()),
        }),
        Step::Multipart(MultipartStep::ListUploads {
            prefix: None,
            delimiter: true,
            max_uploads: 1,
        }),
        Step::Multipart(MultipartStep::Complete {
            upload: UploadPick::Initiated(0),
            other_key: None,
            parts: PartList::Explicit(vec![(3, EtagPick::Right), (1, EtagPick::Right)]),
        }),
        Step::Multipart(MultipartStep::Complete {
            upload: UploadPick::Initiated(0),
            other_key: None,
            parts: PartList::Explicit(vec![(1, EtagPick::Quoted), (3, EtagPick::Lowercase)]),
        }),
        Step::Delete {
            key: 0,
            version: Some(0),
        },
    ];
    for (index, step) in steps.iter().enumerate() {
        if let Err(failure) = run.step(step, index) {
            panic!("step {index}: {failure}");
        }
    }
    let chain = run.bucket.chain("a").expect("the key exists");
    assert_eq!(
        chain.len(),
        1,
        "v1 deleted by ID, the multipart version left"
    );
    assert_eq!(
        chain.head().and_then(|head| head.object_type()),
        Some(ObjectType::Multipart)
    );
}
