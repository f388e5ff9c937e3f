//! A second, independent generator: quickcheck's `Arbitrary` for [`Command`] (feature
//! `quickcheck`), driving the model and the naive reference model side by side, as
//! `model_vs_reference.rs` does with the proptest strategies.
//!
//! The `Arbitrary` impls know nothing of a bucket's state; they name keys, version IDs and
//! upload IDs from small pools (`v1`…`v8`, `u1`…`u4`). Both buckets here draw their IDs from
//! [`PoolIds`], which issues exactly those names, so generated commands hit real versions and
//! uploads.

use crate::reference::{RefBucket, chains_of};
use crate::support::sequences::checked_step;
use bucket_versioning::request::{GetObject, PutBucketVersioning, PutObject};
use bucket_versioning::version_id::IdSource;
use bucket_versioning::{Bucket, BucketConfig, Command, UploadId, VersionId};
use quickcheck::{Gen, QuickCheck, TestResult};

/// Issues version IDs `v1`, `v2`, … (by the entry's sequence number) and upload IDs `u1`,
/// `u2`, …: the names the `Arbitrary` pools use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct PoolIds {
    uploads: u64,
}

impl IdSource for PoolIds {
    fn version_id(&self, sequence: u64) -> VersionId {
        VersionId::new(format!("v{}", sequence.saturating_add(1)))
    }

    fn next_upload_id(&mut self) -> UploadId {
        self.uploads += 1;
        UploadId::new(format!("u{}", self.uploads))
    }
}

/// Runs `commands` on both models, comparing outcomes and chains after every step.
fn agrees(config: BucketConfig, commands: Vec<Command>) -> TestResult {
    let mut model = Bucket::with_id_source(config, PoolIds::default());
    let mut naive = RefBucket::with_id_source(config, PoolIds::default());
    for (step, command) in commands.iter().enumerate() {
        let expected = naive.apply(command.clone());
        let actual = checked_step(&mut model, step, command);
        if actual != expected {
            return TestResult::error(format!(
                "step {step}: {command:?}\n model: {actual:?}\n naive: {expected:?}"
            ));
        }
        if chains_of(&model) != naive.sorted_chains() {
            return TestResult::error(format!("chains differ after step {step}: {command:?}"));
        }
    }
    TestResult::passed()
}

// Rule: every rule of every command family, by agreement with the naive model under a second
// generator; INV-1..INV-8 and ERR-2 on every step.
#[test]
fn quickcheck_commands_agree_with_reference() {
    QuickCheck::new()
        .tests(1000)
        .rng(Gen::new(60))
        .quickcheck(agrees as fn(BucketConfig, Vec<Command>) -> TestResult);
}

// The pools do hit: in an Enabled bucket, a command naming `v1` finds the first version.
#[test]
fn pool_ids_name_real_versions() {
    let config = BucketConfig::default();
    let commands = vec![
        Command::PutBucketVersioning(PutBucketVersioning::new("Enabled")),
        Command::PutObject(PutObject::new("a", "x")),
        Command::GetObject(GetObject::new("a").version_id("v1")),
    ];
    let mut bucket = Bucket::with_id_source(config, PoolIds::default());
    let results: Vec<_> = commands
        .iter()
        .enumerate()
        .map(|(step, command)| checked_step(&mut bucket, step, command))
        .collect();
    assert!(results[2].is_ok(), "{:?}", results[2]);
    assert!(!agrees(config, commands).is_failure());
}
