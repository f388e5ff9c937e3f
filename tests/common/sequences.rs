//! Random command sequences and the checked runner the property tests share.
//!
//! Generated commands may name version IDs as `@vN` and upload IDs as `@uN`: placeholders the
//! runner resolves, just before applying the command, to the N-th ID (modulo how many there
//! are) seen in an earlier outcome. That way sequences hit real versions and uploads often.

use bucket_versioning::wire::Reply;
use bucket_versioning::{
    AppendableVersionIds, Bucket, BucketConfig, Command, Dialect, Outcome, Violation,
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
