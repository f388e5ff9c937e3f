//! Random command sequences and the checked runner the property tests share.
//!
//! The generator is the crate's own [`strategies`] (feature `proptest`), the one users get:
//! sequences of every command kind, built by running them on a model bucket so that they name
//! the versions, uploads, positions and part lists the bucket actually has (see the module's
//! docs). The tests here use it exactly as a user would.

use crate::reference::held::{bypasses_governance, check_held_kept, held_versions};
use bucket_versioning::strategies;
use bucket_versioning::version_id::IdSource;
use bucket_versioning::{Bucket, BucketConfig, Command, Outcome, Violation};
use proptest::collection::SizeRange;
use proptest::prelude::*;

/// A configuration: either dialect, a few seeds, either APP-11 choice.
pub fn arb_config() -> impl Strategy<Value = BucketConfig> {
    strategies::config()
}

/// One command of any kind, on its own (IDs a fresh bucket would see).
pub fn arb_command() -> impl Strategy<Value = Command> {
    strategies::command()
}

/// A configuration and a sequence of commands of every kind for it, naming real versions,
/// uploads, positions and parts.
pub fn arb_scenario(
    len: impl Into<SizeRange>,
) -> impl Strategy<Value = (BucketConfig, Vec<Command>)> {
    strategies::scenario(len)
}

/// A sequence for a bucket with `config`.
pub fn arb_commands(
    config: BucketConfig,
    len: impl Into<SizeRange>,
) -> impl Strategy<Value = Vec<Command>> {
    strategies::commands(config, len)
}

/// The number of cases a property test runs: `PROPTEST_CASES` when set (to run fewer, for
/// `cargo mutants`, or more, for a long search), else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}

/// Whether `command` only reads (GET-7, and the listings).
pub fn is_read(command: &Command) -> bool {
    matches!(
        command,
        Command::GetObject(_)
            | Command::HeadObject(_)
            | Command::GetBucketVersioning(_)
            | Command::GetBucketLifecycle(_)
            | Command::ListObjectVersions(_)
            | Command::ListObjects(_)
            | Command::ListParts(_)
            | Command::ListMultipartUploads(_)
    )
}

/// Applies `command` to `bucket` and checks what every step must keep: the invariants
/// (INV-1..INV-8), an unchanged bucket after a rejection (ERR-2) or a read (GET-7), and every
/// version locked or protected before the step still there after it (INV-13; a `GOVERNANCE`
/// retention a delete bypasses does not keep its version, as OL-4 allows).
#[track_caller]
pub fn checked_step<S: IdSource + Clone + PartialEq + std::fmt::Debug>(
    bucket: &mut Bucket<S>,
    step: usize,
    command: &Command,
) -> Result<Outcome, Violation> {
    let before = bucket.clone();
    let held = held_versions(bucket, bypasses_governance(command));
    let result = bucket.apply(command.clone());
    if let Err(invariant) = bucket.check_invariants() {
        panic!("step {step}: {command:?} -> {result:?} broke {invariant}");
    }
    if let Err(broken) = check_held_kept(&held, bucket, command) {
        panic!("step {step}: {broken}");
    }
    if result.is_err() || is_read(command) {
        assert_eq!(
            *bucket, before,
            "step {step}: {command:?} -> {result:?} changed the bucket"
        );
    }
    result
}

/// Runs `commands` on a fresh bucket with [`checked_step`]. Returns each step's result and the
/// final bucket.
#[track_caller]
pub fn run_checked(
    config: BucketConfig,
    commands: &[Command],
) -> (Vec<Result<Outcome, Violation>>, Bucket) {
    let mut bucket = Bucket::new(config);
    let results = commands
        .iter()
        .enumerate()
        .map(|(step, command)| checked_step(&mut bucket, step, command))
        .collect();
    (results, bucket)
}
