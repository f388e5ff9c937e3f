//! Property tests of the append upload.
//!
//! - CT-2: combined CRC-64s equal the CRC-64 of the concatenated bytes, for random pieces, both
//!   through `crc64::combine` and through the bucket's appends.
//! - Random command sequences mixing append and seal with versioning changes, puts and deletes
//!   (with and without version IDs seen earlier): every append and seal gets exactly the result
//!   a direct reading of APP-1..APP-10 gives (the reference decision in
//!   `tests/reference/append_rules.rs`),
//!   the whole-object CRC matches the bytes appended so far, the invariants hold after every
//!   step (INV-5 among them) and every rejection leaves the bucket as it was (ERR-2).
//!
//! The generators are plain functions (`arb_append_command`, `arb_core_command`) so that they
//! can be lifted into the shared property test.

use bucket_versioning::request::{
    AdvanceClock, AppendObject, DeleteObject, HeadObject, PutBucketVersioning, PutObject,
    SealAppendObject,
};
use std::collections::BTreeMap;

use bucket_versioning::{
    Body, Bucket, BucketConfig, Command, Content, Dialect, ObjectKey, ObjectType, Outcome,
    VersionId, VersioningState, Violation, config::AppendableVersionIds, crc64,
    dialect::MAX_OBJECT_SIZE,
};
use proptest::prelude::*;

use crate::reference::append_rules::{HeadKind, expected_append, expected_seal, head_kind};

/// Keys the sequences use: two valid ones and one that KEY-1 rejects.
const KEYS: &[&str] = &["log", "dir/log", "/bad"];

// ---------------------------------------------------------------------------------------------
// Generators

fn arb_key(keys: &'static [&'static str]) -> impl Strategy<Value = ObjectKey> {
    proptest::sample::select(keys).prop_map(ObjectKey::from)
}

/// Small bodies whose bytes the test can rebuild.
fn arb_small_body() -> impl Strategy<Value = Body> {
    prop_oneof![
        6 => "[a-c]{0,4}".prop_map(Body::from),
        1 => ("[xy]{1,2}", 0u64..4).prop_map(|(repeat, times)| Body::Repeat { repeat, times }),
        1 => ("[a-c]{0,2}", "[a-c]{0,2}").prop_map(|(a, b)| Body::from(vec![Body::from(a), Body::from(b)])),
    ]
}

/// An append's data: mostly small, sometimes near or past the 5 GiB cap (APP-8) or with a
/// length that overflows (ERR-3). Large bodies are repeats, whose fingerprint costs nothing.
fn arb_append_body() -> impl Strategy<Value = Body> {
    let huge = prop_oneof![
        Just(MAX_OBJECT_SIZE - 3),
        Just(MAX_OBJECT_SIZE),
        Just(MAX_OBJECT_SIZE + 1),
        Just(u64::MAX),
    ];
    prop_oneof![
        12 => arb_small_body(),
        1 => huge.prop_map(|times| Body::Repeat { repeat: "a".into(), times }),
        1 => Just(Body::Repeat { repeat: "ab".into(), times: u64::MAX }),
    ]
}

/// A position: 0, small, or at the top of the range.
fn arb_position() -> impl Strategy<Value = u64> {
    prop_oneof![
        3 => Just(0u64),
        4 => 0u64..12,
        1 => Just(u64::MAX),
        1 => Just(MAX_OBJECT_SIZE),
    ]
}

/// A version ID that an append may not carry (APP-2).
fn arb_version_id() -> impl Strategy<Value = VersionId> {
    prop_oneof![
        Just(VersionId::NULL),
        Just(VersionId::new("")),
        "[0-9a-f]{32}".prop_map(VersionId::new),
    ]
}

/// AppendObject and SealAppendObject commands over `keys`.
fn arb_append_command(keys: &'static [&'static str]) -> impl Strategy<Value = Command> {
    prop_oneof![
        4 => (
            arb_key(keys),
            arb_position(),
            arb_append_body(),
            proptest::option::weighted(0.08, arb_version_id()),
        )
            .prop_map(|(key, position, body, version_id)| Command::AppendObject(AppendObject { version_id, ..AppendObject::new(key, position, body) })),
        1 => (arb_key(keys), arb_position())
            .prop_map(|(key, position)| Command::SealAppendObject(SealAppendObject::new(key, position))),
    ]
}

/// The core commands the append commands are mixed with.
fn arb_core_command(keys: &'static [&'static str]) -> impl Strategy<Value = Command> {
    prop_oneof![
        1 => prop_oneof![Just("Enabled"), Just("Suspended"), Just("Disabled")]
            .prop_map(|status| Command::PutBucketVersioning(PutBucketVersioning::new(status))),
        3 => (arb_key(keys), arb_small_body()).prop_map(|(key, body)| Command::PutObject(PutObject::new(key, body))),
        2 => arb_key(keys).prop_map(|key| Command::DeleteObject(DeleteObject::new(key))),
        1 => arb_key(keys).prop_map(|key| Command::HeadObject(HeadObject::new(key))),
        1 => (1u64..100).prop_map(|seconds| Command::AdvanceClock(AdvanceClock::new(seconds))),
    ]
}

/// One step of a sequence.
#[derive(Clone, Debug)]
enum Step {
    /// A command as generated.
    Run(Command),
    /// An append or seal whose position is set to the head's current length first, so that
    /// sequences grow and seal appendables often.
    AtCurrentPosition(Command),
    /// A delete naming a version ID seen earlier (index modulo the IDs seen so far).
    DeleteSeenVersion(ObjectKey, usize),
}

fn arb_step(keys: &'static [&'static str]) -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => arb_append_command(keys).prop_map(Step::AtCurrentPosition),
        2 => arb_append_command(keys).prop_map(Step::Run),
        4 => arb_core_command(keys).prop_map(Step::Run),
        1 => (arb_key(keys), any::<usize>()).prop_map(|(key, index)| Step::DeleteSeenVersion(key, index)),
    ]
}

fn arb_config() -> impl Strategy<Value = BucketConfig> {
    (any::<u64>(), any::<bool>()).prop_map(|(seed, null)| {
        let ids = if null {
            AppendableVersionIds::Null
        } else {
            AppendableVersionIds::Fresh
        };
        BucketConfig::new(Dialect::Oss)
            .with_seed(seed)
            .with_appendable_version_ids(ids)
    })
}

/// The bytes of a small body (`None` for a large one or a fingerprint).
fn bytes_of(body: &Body) -> Option<Vec<u8>> {
    match body {
        Body::Text(text) => Some(text.as_bytes().to_vec()),
        Body::Repeat { repeat, times } if *times <= 1024 => {
            Some(repeat.repeat(usize::try_from(*times).ok()?).into_bytes())
        }
        Body::Concat { concat } => concat.iter().try_fold(Vec::new(), |mut all, body| {
            all.extend(bytes_of(body)?);
            Some(all)
        }),
        _ => None,
    }
}

/// The head's sequence number and own version ID.
fn head_of(bucket: &Bucket, key: &ObjectKey) -> Option<(u64, VersionId)> {
    let head = bucket.chain(key)?.head()?;
    Some((head.sequence(), head.version_id().clone()))
}

// ---------------------------------------------------------------------------------------------
// The runner

/// What the test knows of a key's open appendable: its entry (sequence number) and its bytes,
/// when they were all small enough to keep.
type Shadow = BTreeMap<ObjectKey, (u64, Option<Vec<u8>>)>;

struct Run {
    bucket: Bucket,
    seen: Vec<VersionId>,
    shadow: Shadow,
}

impl Run {
    fn new(config: BucketConfig) -> Self {
        Run {
            bucket: Bucket::new(config),
            seen: Vec::new(),
            shadow: Shadow::new(),
        }
    }

    /// The command a step stands for in the current state.
    fn resolve(&self, step: Step) -> Command {
        match step {
            Step::Run(command) => command,
            Step::AtCurrentPosition(mut command) => {
                let length = |key: &ObjectKey| match head_kind(&self.bucket, key) {
                    HeadKind::Appendable { len, .. } => len,
                    HeadKind::Nothing | HeadKind::Other => 0,
                };
                match &mut command {
                    Command::AppendObject(AppendObject { key, position, .. })
                    | Command::SealAppendObject(SealAppendObject { key, position }) => {
                        *position = length(key)
                    }
                    _ => {}
                }
                command
            }
            Step::DeleteSeenVersion(key, index) => Command::DeleteObject(DeleteObject {
                version_id: match self.seen.len() {
                    0 => None,
                    len => self.seen.get(index % len).cloned(),
                },
                ..DeleteObject::new(key)
            }),
        }
    }

    fn step(&mut self, step: Step) -> Result<(), TestCaseError> {
        let command = self.resolve(step);
        let before = self.bucket.clone();
        let result = self.bucket.apply(command.clone());
        if let Err(failure) = self.bucket.check_invariants() {
            return Err(TestCaseError::fail(format!(
                "{command:?} broke an invariant: {failure}"
            )));
        }
        if result.is_err() {
            // ERR-2
            prop_assert_eq!(
                &self.bucket,
                &before,
                "rejected {:?} changed the bucket",
                command
            );
        }
        match (&command, &result) {
            (
                Command::AppendObject(AppendObject {
                    key,
                    position,
                    body,
                    version_id,
                    ..
                }),
                _,
            ) => self.check_append(&before, key, *position, body, version_id.as_ref(), &result)?,
            (Command::SealAppendObject(SealAppendObject { key, position }), _) => {
                self.check_seal(&before, key, *position, &result)?;
            }
            _ => {}
        }
        for chain in self.bucket.chains() {
            for entry in chain.iter() {
                if !entry.version_id().is_null() && !self.seen.contains(entry.version_id()) {
                    self.seen.push(entry.version_id().clone());
                }
            }
        }
        Ok(())
    }

    fn check_append(
        &mut self,
        before: &Bucket,
        key: &ObjectKey,
        position: u64,
        body: &Body,
        version_id: Option<&VersionId>,
        result: &Result<Outcome, Violation>,
    ) -> Result<(), TestCaseError> {
        let expected = expected_append(before, key, position, body, version_id);
        let outcome = match (result, expected) {
            (Err(actual), Err(expected)) => {
                prop_assert_eq!(actual, &expected);
                return Ok(());
            }
            (Ok(Outcome::AppendObject(outcome)), Ok(length)) => {
                prop_assert_eq!(outcome.next_position, length);
                outcome
            }
            (actual, expected) => {
                return Err(TestCaseError::fail(format!(
                    "append {key} at {position}: got {actual:?}, the rules give {expected:?}"
                )));
            }
        };
        let extended = matches!(
            head_kind(before, key),
            HeadKind::Appendable { sealed: false, .. }
        );
        let (sequence, id) = head_of(&self.bucket, key)
            .ok_or_else(|| TestCaseError::fail("an append left no head"))?;
        let head = self
            .bucket
            .head_object(key)
            .map_err(|error| TestCaseError::fail(format!("head after append: {error}")))?;
        prop_assert_eq!(head.object_type, ObjectType::Appendable);
        prop_assert_eq!(head.sealed, Some(false));
        prop_assert_eq!(head.size, outcome.next_position);
        prop_assert_eq!(head.crc64, outcome.crc64);
        prop_assert_eq!(&head.etag, &outcome.etag);
        prop_assert_eq!(head.last_modified, self.bucket.now());
        let state = self.bucket.versioning();
        let piece = bytes_of(body);
        if extended {
            // APP-4: in place, same entry and ID; RSP-4.
            prop_assert_eq!(Some((sequence, id.clone())), head_of(before, key));
            prop_assert_eq!(self.bucket.len(), before.len());
            let reported = (state != VersioningState::Unversioned).then(|| id.clone());
            prop_assert_eq!(&outcome.version_id, &reported);
            let shadow = self.shadow.get_mut(key).filter(|(seq, _)| *seq == sequence);
            let Some((_, bytes)) = shadow else {
                return Err(TestCaseError::fail(
                    "an append extended an entry it did not create",
                ));
            };
            *bytes = match (bytes.take(), piece) {
                (Some(mut bytes), Some(piece)) => {
                    bytes.extend(piece);
                    Some(bytes)
                }
                _ => None,
            };
        } else {
            // APP-3 / APP-11: a new entry; RSP-1.
            prop_assert_ne!(Some(sequence), head_of(before, key).map(|(seq, _)| seq));
            let null_expected = state != VersioningState::Enabled
                || before.config().appendable_version_ids() == AppendableVersionIds::Null;
            prop_assert_eq!(id.is_null(), null_expected, "APP-11 / ID-1 / ID-2");
            if !id.is_null() {
                prop_assert!(!self.seen.contains(&id), "ID-1: {} was used before", id);
            }
            let reported = (state != VersioningState::Unversioned).then(|| id.clone());
            prop_assert_eq!(&outcome.version_id, &reported);
            self.shadow.insert(key.clone(), (sequence, piece));
        }
        // CT-2: the CRC-64 of the whole object is the CRC-64 of all bytes appended.
        if let Some((_, Some(bytes))) = self.shadow.get(key) {
            prop_assert_eq!(outcome.next_position, bytes.len() as u64);
            prop_assert_eq!(outcome.crc64, crc64::checksum(bytes));
        }
        Ok(())
    }

    fn check_seal(
        &mut self,
        before: &Bucket,
        key: &ObjectKey,
        position: u64,
        result: &Result<Outcome, Violation>,
    ) -> Result<(), TestCaseError> {
        let expected = expected_seal(before, key, position);
        match (result, expected) {
            (Err(actual), Err(expected)) => {
                prop_assert_eq!(actual, &expected);
            }
            (Ok(Outcome::SealAppendObject(outcome)), Ok(())) => {
                // APP-10: in place, same entry and ID; sealing twice changes nothing.
                let (sequence, id) = head_of(&self.bucket, key)
                    .ok_or_else(|| TestCaseError::fail("a seal left no head"))?;
                prop_assert_eq!(Some((sequence, id.clone())), head_of(before, key));
                prop_assert_eq!(self.bucket.len(), before.len());
                prop_assert_eq!(
                    head_kind(&self.bucket, key),
                    HeadKind::Appendable {
                        len: position,
                        sealed: true
                    }
                );
                if head_kind(before, key) == head_kind(&self.bucket, key) {
                    prop_assert_eq!(&self.bucket, before);
                }
                let reported =
                    (self.bucket.versioning() != VersioningState::Unversioned).then_some(id);
                prop_assert_eq!(&outcome.version_id, &reported);
            }
            (actual, expected) => {
                return Err(TestCaseError::fail(format!(
                    "seal {key} at {position}: got {actual:?}, the rules give {expected:?}"
                )));
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// The properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    // Rule: CT-2 — combining the pieces' CRCs and lengths gives the CRC of the concatenation,
    // after every piece, and so does `Content::concat`.
    #[test]
    fn combined_crc_matches_concatenation(
        pieces in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..80), 0..8),
    ) {
        let mut crc = 0u64;
        let mut content = Content::from_bytes(b"");
        let mut whole = Vec::new();
        for piece in &pieces {
            crc = crc64::combine(crc, crc64::checksum(piece), piece.len() as u64);
            content = content
                .concat(&Content::from_bytes(piece))
                .ok_or_else(|| TestCaseError::fail("small lengths cannot overflow"))?;
            whole.extend_from_slice(piece);
            prop_assert_eq!(crc, crc64::checksum(&whole));
            prop_assert_eq!(content.crc64(), crc64::checksum(&whole));
            prop_assert_eq!(content.len(), whole.len() as u64);
        }
    }

    // Rule: CT-2, APP-9 — appending random pieces reports, after each one, the CRC-64 and
    // length of all the bytes so far; the check value is reached however "123456789" is split.
    #[test]
    fn appended_crc_matches_concatenation(
        pieces in proptest::collection::vec("\\PC{0,12}", 1..10),
        cuts in proptest::collection::btree_set(1usize..9, 0..8),
    ) {
        let mut bucket = Bucket::default();
        let mut whole = Vec::new();
        for piece in &pieces {
            let outcome = bucket
                .append_object("log", whole.len() as u64, piece.as_str())
                .map_err(|error| TestCaseError::fail(error.to_string()))?;
            whole.extend_from_slice(piece.as_bytes());
            prop_assert_eq!(outcome.next_position, whole.len() as u64);
            prop_assert_eq!(outcome.crc64, crc64::checksum(&whole));
        }

        let digits = "123456789";
        let mut bucket = Bucket::default();
        let mut start = 0usize;
        let mut last = None;
        for end in cuts.iter().copied().chain([digits.len()]) {
            let piece = digits.get(start..end).unwrap_or_default();
            last = Some(
                bucket
                    .append_object("check", start as u64, piece)
                    .map_err(|error| TestCaseError::fail(error.to_string()))?,
            );
            start = end;
        }
        prop_assert_eq!(last.map(|outcome| outcome.crc64), Some(11_051_210_869_376_104_954));
    }

    // Rule: APP-1..APP-10, INV-5, ERR-2 — random sequences of appends, seals, versioning
    // changes, puts and deletes: each append and seal gets the rules' result, the CRC follows
    // the bytes, invariants hold after every step and rejections change nothing.
    #[test]
    fn append_sequences(
        config in arb_config(),
        steps in proptest::collection::vec(arb_step(KEYS), 1..60),
    ) {
        let mut run = Run::new(config);
        for step in steps {
            run.step(step)?;
        }
    }

    // Rule: APP-1 — in the s3 dialect every append and seal is NotImplemented and changes
    // nothing, whatever came before.
    #[test]
    fn s3_sequences(
        seed in any::<u64>(),
        steps in proptest::collection::vec(arb_step(KEYS), 1..30),
    ) {
        let mut run = Run::new(BucketConfig::new(Dialect::S3).with_seed(seed));
        for step in steps {
            run.step(step)?;
        }
    }
}

// Rule: CT-1, CT-2 — the check value of CRC-64/XZ.
#[test]
fn check_value() {
    assert_eq!(crc64::checksum(b"123456789"), 11_051_210_869_376_104_954);
}
