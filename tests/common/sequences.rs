//! Random command sequences and the checked runner the property tests share.
//!
//! Generated commands may name version IDs as `@vN` and upload IDs as `@uN`: placeholders the
//! runner resolves, just before applying the command, to the N-th ID (modulo how many there
//! are) seen in an earlier outcome. That way sequences hit real versions and uploads often.
//! An append or seal position of [`RIGHT_POSITION`] becomes the head's length, and a Complete
//! listing the one part `@parts:MODE` lists the upload's uploaded parts.

use bucket_versioning::wire::Reply;
use bucket_versioning::{
    AppendableVersionIds, Body, Bucket, BucketConfig, Command, CompletedPart, Dialect, ETag,
    ObjectKey, Outcome, UploadId, Violation,
};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;

/// A generated append or seal position that stands for "the head's current length".
pub const RIGHT_POSITION: u64 = u64::MAX - 7;

/// IDs seen in outcomes so far.
#[derive(Clone, Debug, Default)]
pub struct Seen {
    pub version_ids: Vec<String>,
    pub upload_ids: Vec<String>,
}

impl Seen {
    /// Records every version and upload ID an outcome or violation reports.
    pub fn record(&mut self, result: &Result<Outcome, Violation>) {
        let value = serde_json::to_value(Reply::from(result.clone())).expect("replies serialize");
        self.collect(&value);
    }

    fn collect(&mut self, value: &Value) {
        match value {
            Value::Object(map) => {
                for (name, field) in map {
                    match (name.as_str(), field) {
                        ("upload_id", Value::String(id)) => push_new(&mut self.upload_ids, id),
                        (name, Value::String(id)) if name.ends_with("version_id") => {
                            push_new(&mut self.version_ids, id)
                        }
                        _ => self.collect(field),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| self.collect(item)),
            _ => {}
        }
    }

    /// `command` with its placeholders replaced by seen IDs, and a position of
    /// [`RIGHT_POSITION`] replaced by the length of the key's head in `bucket` (0 if none).
    pub fn resolve(&self, command: &Command, bucket: &Bucket) -> Command {
        let mut value = serde_json::to_value(command).expect("generated commands serialize");
        self.resolve_value(&mut value);
        let mut command: Command =
            serde_json::from_value(value).expect("a resolved command deserializes");
        if let Command::AppendObject { key, position, .. }
        | Command::SealAppendObject { key, position } = &mut command
            && *position == RIGHT_POSITION
        {
            *position = bucket
                .head_object(key.clone(), None)
                .map_or(0, |meta| meta.size);
        }
        if let Command::CompleteMultipartUpload {
            key,
            upload_id,
            parts,
        } = &mut command
            && let [only] = parts.as_slice()
            && let Some(mode) = only.etag.as_str().strip_prefix("@parts:")
        {
            let mode = mode.to_string();
            *parts = uploaded_parts(bucket, key, upload_id, &mode);
        }
        command
    }

    fn resolve_value(&self, value: &mut Value) {
        match value {
            Value::String(text) => {
                if let Some(n) = text
                    .strip_prefix("@v")
                    .and_then(|n| n.parse::<usize>().ok())
                {
                    *text = pick(&self.version_ids, n).unwrap_or_else(|| "null".into());
                } else if let Some(n) = text
                    .strip_prefix("@u")
                    .and_then(|n| n.parse::<usize>().ok())
                {
                    *text = pick(&self.upload_ids, n).unwrap_or_else(|| "no-such-upload".into());
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| self.resolve_value(item)),
            Value::Object(map) => map.values_mut().for_each(|item| self.resolve_value(item)),
            _ => {}
        }
    }
}

/// The parts an upload has, listed as a Complete request would: `all` in order, `reversed`, or
/// `skip-first` (the first uploaded part left out); an unknown upload lists one made-up part.
fn uploaded_parts(
    bucket: &Bucket,
    key: &ObjectKey,
    upload_id: &UploadId,
    mode: &str,
) -> Vec<CompletedPart> {
    let Ok(page) = bucket.list_parts(key.clone(), upload_id.clone(), None, None) else {
        return vec![CompletedPart::new(
            1,
            ETag::new("0123456789ABCDEF0123456789ABCDEF"),
        )];
    };
    let mut parts: Vec<CompletedPart> = page
        .parts
        .into_iter()
        .map(|part| CompletedPart::new(part.part_number, part.etag))
        .collect();
    match mode {
        "reversed" => parts.reverse(),
        "skip-first" if parts.len() > 1 => {
            parts.remove(0);
        }
        _ => {}
    }
    parts
}

fn push_new(ids: &mut Vec<String>, id: &str) {
    if !ids.iter().any(|seen| seen == id) {
        ids.push(id.to_string());
    }
}

fn pick(ids: &[String], n: usize) -> Option<String> {
    (!ids.is_empty()).then(|| ids[n % ids.len()].clone())
}

/// Runs `commands` on a fresh bucket, checking after every step that the invariants hold,
/// that a rejected command left the bucket unchanged (ERR-2) and that reads changed nothing
/// (GET-7). Returns each step's result and the final bucket.
#[track_caller]
pub fn run_checked(
    config: BucketConfig,
    commands: &[Command],
) -> (Vec<Result<Outcome, Violation>>, Bucket) {
    let mut bucket = Bucket::new(config);
    let mut seen = Seen::default();
    let mut results = Vec::with_capacity(commands.len());
    for (step, command) in commands.iter().enumerate() {
        let command = seen.resolve(command, &bucket);
        let before = bucket.clone();
        let result = bucket.apply(command.clone());
        if let Err(invariant) = bucket.check_invariants() {
            panic!("step {step}: {command:?} -> {result:?} broke {invariant}");
        }
        if result.is_err() || is_read(&command) {
            assert_eq!(
                bucket, before,
                "step {step}: {command:?} -> {result:?} changed the bucket"
            );
        }
        seen.record(&result);
        results.push(result);
    }
    (results, bucket)
}

fn is_read(command: &Command) -> bool {
    matches!(
        command,
        Command::GetObject { .. } | Command::HeadObject { .. } | Command::GetBucketVersioning
    )
}

/// A few keys sharing prefixes, and now and then a key that breaks KEY-1 or KEY-2.
pub fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => select(vec!["a", "a/b", "a/c", "b", "b/a/x", "c"]).prop_map(String::from),
        1 => select(vec!["", "/lead", "\\lead"]).prop_map(String::from),
        1 => Just("k".repeat(1024)),
    ]
}

/// A version ID: mostly one seen before, sometimes `null`, unknown or malformed.
pub fn arb_version_ref() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0..16usize).prop_map(|n| format!("@v{n}")),
        3 => Just("null".to_string()),
        1 => Just("unknown-version".to_string()),
        1 => Just(String::new()),
    ]
}

/// A small body.
pub fn arb_body() -> impl Strategy<Value = bucket_versioning::Body> {
    use bucket_versioning::Body;
    prop_oneof![
        4 => select(vec!["", "a", "v1", "hello world"]).prop_map(Body::from),
        1 => ("[a-z]{1,3}", 0..50u64).prop_map(|(repeat, times)| Body::Repeat { repeat, times }),
    ]
}

/// Any command the crate has, weighted so that sequences reach the interesting states.
pub fn arb_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        6 => arb_core_command(),
        2 => arb_append_command(),
        3 => arb_multipart_command(),
    ]
}

/// A part size around the minimum of either dialect (MPU-6), or small.
fn arb_part_body() -> impl Strategy<Value = Body> {
    let size = prop_oneof![
        6 => 0..64u64,
        2 => Just(102_399u64),
        3 => Just(102_400u64),
        1 => Just(102_401u64),
        1 => Just(5_242_879u64),
        1 => Just(5_242_880u64),
    ];
    (size, "[a-c]").prop_map(|(times, repeat)| Body::Repeat { repeat, times })
}

/// An upload ID: mostly one seen before, sometimes unknown.
fn arb_upload_ref() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0..8usize).prop_map(|n| format!("@u{n}")),
        1 => Just("no-such-upload".to_string()),
    ]
}

/// The multipart commands (MPU).
pub fn arb_multipart_command() -> impl Strategy<Value = Command> {
    let part_number =
        prop_oneof![8 => 1..5u32, 1 => Just(0u32), 1 => Just(10_000u32), 1 => Just(10_001u32)];
    let listing = (
        prop::option::of(select(vec!["a", "b", "a/"]).prop_map(String::from)),
        prop::option::of(Just("/".to_string())),
        prop::option::of(arb_key()),
        prop::option::of(arb_upload_ref()),
        prop::option::of(prop_oneof![5 => 1..4u64, 1 => Just(0u64), 1 => Just(1001u64)]),
    );
    prop_oneof![
        3 => arb_key().prop_map(|key| Command::InitiateMultipartUpload { key: key.into() }),
        6 => (arb_key(), arb_upload_ref(), part_number, arb_part_body()).prop_map(
            |(key, upload_id, part_number, body)| Command::UploadPart {
                key: key.into(),
                upload_id: upload_id.into(),
                part_number,
                body,
            }
        ),
        3 => (arb_key(), arb_upload_ref(), prop_oneof![6 => Just("all"), 1 => Just("reversed"), 2 => Just("skip-first")])
            .prop_map(|(key, upload_id, mode)| Command::CompleteMultipartUpload {
                key: key.into(),
                upload_id: upload_id.into(),
                parts: vec![CompletedPart::new(0, ETag::new(format!("@parts:{mode}")))],
            }),
        1 => (arb_key(), arb_upload_ref(), prop::collection::vec((0..6u32, "[0-9A-F]{32}"), 0..3))
            .prop_map(|(key, upload_id, parts)| Command::CompleteMultipartUpload {
                key: key.into(),
                upload_id: upload_id.into(),
                parts: parts.into_iter().map(|(n, etag)| CompletedPart::new(n, ETag::new(etag))).collect(),
            }),
        1 => (arb_key(), arb_upload_ref())
            .prop_map(|(key, upload_id)| Command::AbortMultipartUpload { key: key.into(), upload_id: upload_id.into() }),
        1 => (arb_key(), arb_upload_ref(), prop::option::of(prop_oneof![1..3u64, Just(0u64)]), prop::option::of(0..4u32))
            .prop_map(|(key, upload_id, max_parts, part_number_marker)| Command::ListParts {
                key: key.into(),
                upload_id: upload_id.into(),
                max_parts,
                part_number_marker,
            }),
        1 => listing.prop_map(|(prefix, delimiter, key_marker, upload_id_marker, max_uploads)| {
            Command::ListMultipartUploads {
                prefix,
                delimiter,
                key_marker: key_marker.map(Into::into),
                upload_id_marker: upload_id_marker.map(Into::into),
                max_uploads,
            }
        }),
    ]
}

/// The commands the naive reference model knows so far.
pub fn arb_reference_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        6 => arb_core_command(),
        2 => arb_append_command(),
    ]
}

/// An append position: mostly the right one, sometimes 0 or a wrong one, rarely huge.
fn arb_position() -> impl Strategy<Value = u64> {
    prop_oneof![
        6 => Just(RIGHT_POSITION),
        2 => Just(0u64),
        1 => 1..20u64,
        1 => Just(u64::MAX),
    ]
}

/// AppendObject and SealAppendObject (APP).
pub fn arb_append_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        5 => (arb_key(), arb_position(), arb_body(), prop::option::weighted(0.05, arb_version_ref()))
            .prop_map(|(key, position, body, version_id)| Command::AppendObject {
                key: key.into(),
                position,
                body,
                version_id: version_id.map(Into::into),
            }),
        1 => (arb_key(), arb_position())
            .prop_map(|(key, position)| Command::SealAppendObject { key: key.into(), position }),
    ]
}

/// A command of the core families: versioning, put, delete, get, head, clock.
pub fn arb_core_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        2 => select(vec!["Enabled", "Suspended", "Disabled"])
            .prop_map(|status| Command::PutBucketVersioning { status: status.into() }),
        1 => Just(Command::GetBucketVersioning),
        8 => (arb_key(), arb_body(), prop::option::weighted(0.05, arb_supplied_id()))
            .prop_map(|(key, body, assign)| Command::PutObject {
                key: key.into(),
                body,
                assign_version_id: assign.map(Into::into),
            }),
        6 => (arb_key(), prop::option::weighted(0.6, arb_version_ref()), prop::option::weighted(0.05, arb_supplied_id()))
            .prop_map(|(key, version_id, assign)| Command::DeleteObject {
                key: key.into(),
                version_id: version_id.map(Into::into),
                assign_version_id: assign.map(Into::into),
            }),
        3 => (arb_key(), prop::option::of(arb_version_ref()))
            .prop_map(|(key, version_id)| Command::GetObject { key: key.into(), version_id: version_id.map(Into::into) }),
        2 => (arb_key(), prop::option::of(arb_version_ref()))
            .prop_map(|(key, version_id)| Command::HeadObject { key: key.into(), version_id: version_id.map(Into::into) }),
        1 => prop_oneof![9 => 0..100u64, 1 => Just(u64::MAX)]
            .prop_map(|seconds| Command::AdvanceClock { seconds }),
    ]
}

/// An ID a caller supplies: mostly new, sometimes one already used, `null` or empty.
fn arb_supplied_id() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0..1000u32).prop_map(|n| format!("observed-{n}")),
        1 => (0..16usize).prop_map(|n| format!("@v{n}")),
        1 => select(vec!["null", ""]).prop_map(String::from),
    ]
}

/// A configuration: either dialect, a few seeds, either APP-11 choice.
pub fn arb_config() -> impl Strategy<Value = BucketConfig> {
    (
        prop_oneof![3 => Just(Dialect::Oss), 1 => Just(Dialect::S3)],
        0..4u64,
        prop_oneof![3 => Just(AppendableVersionIds::Fresh), 1 => Just(AppendableVersionIds::Null)],
    )
        .prop_map(|(dialect, seed, ids)| {
            BucketConfig::new(dialect)
                .with_seed(seed)
                .with_appendable_version_ids(ids)
        })
}
