//! Lifecycle properties (LC-1..LC-13, INV-12): for random buckets, rules and clock advances of
//! days and of single seconds around the midnights where actions fall due, the model's
//! `run_lifecycle` equals the naive reference's entry for entry, and a second run at the same
//! time changes nothing — but for the one case the rules make possible: current expiration
//! turning a head noncurrent pushes an older entry past NewerNoncurrentVersions' K newest
//! (LC-8 × LC-11), which the second run then removes; a third changes nothing.

use crate::reference::{RefBucket, chains_of, uploads_of};
use crate::support::sequences::{arb_scenario, cases, checked_step};
use bucket_versioning::lifecycle::LifecycleRule;
use bucket_versioning::request::{
    AdvanceClock, DeleteObject, InitiateMultipartUpload, PutBucketLifecycle, PutBucketVersioning,
    PutObject, RunLifecycle,
};
use bucket_versioning::{Bucket, BucketConfig, Command, Outcome, Tags, strategies};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

const DAY: u64 = 86_400;

/// One step of the lifecycle phase; clock steps are resolved against the clock when they run.
#[derive(Clone, Debug)]
enum Step {
    /// Whole days.
    Days(u64),
    /// To the next midnight, then `offset` seconds more (-1, 0 or +1).
    AroundMidnight(i8),
    /// A few seconds.
    Seconds(u64),
    Run,
    /// A put of the key with these tags (TAG-1), from the pool lifecycle filters draw from.
    Put(&'static str, &'static [(&'static str, &'static str)]),
    Delete(&'static str),
    Initiate(&'static str),
    Versioning(&'static str),
    Rules(Vec<LifecycleRule>),
}

const KEYS: [&str; 5] = ["a", "a/b", "ab", "b", "b/x"];

/// Tag sets for puts, from the generator's tag pool, so that rules' tag filters (LC-10) and
/// oss `not` tags sometimes match them and sometimes don't.
const TAG_SETS: [&[(&str, &str)]; 5] = [
    &[],
    &[("team", "web")],
    &[("team", "gold"), ("tier", "web")],
    &[("env", ""), ("team", "web"), ("tier", "gold")],
    &[("Team", "x y")],
];

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (1..3u64).prop_map(Step::Days),
        5 => select(vec![-1i8, 0, 1]).prop_map(Step::AroundMidnight),
        1 => (1..3u64).prop_map(Step::Seconds),
        8 => Just(Step::Run),
        5 => (select(&KEYS[..]), select(&TAG_SETS[..])).prop_map(|(key, tags)| Step::Put(key, tags)),
        3 => select(&KEYS[..]).prop_map(Step::Delete),
        1 => select(&KEYS[..]).prop_map(Step::Initiate),
        1 => select(vec!["Enabled", "Suspended"]).prop_map(Step::Versioning),
        1 => strategies::lifecycle_rules().prop_map(Step::Rules),
    ]
}

impl Step {
    fn command(&self, now: u64) -> Command {
        match self {
            Step::Days(days) => Command::AdvanceClock(AdvanceClock::new(days * DAY)),
            Step::AroundMidnight(offset) => {
                let to_midnight = DAY - now % DAY;
                let seconds = (to_midnight as i64 + i64::from(*offset)).max(1) as u64;
                Command::AdvanceClock(AdvanceClock::new(seconds))
            }
            Step::Seconds(seconds) => Command::AdvanceClock(AdvanceClock::new(*seconds)),
            Step::Run => Command::RunLifecycle(RunLifecycle::new()),
            Step::Put(key, tags) => Command::PutObject(
                PutObject::new(*key, "body").tags(tags.iter().copied().collect::<Tags>()),
            ),
            Step::Delete(key) => Command::DeleteObject(DeleteObject::new(*key)),
            Step::Initiate(key) => {
                Command::InitiateMultipartUpload(InitiateMultipartUpload::new(*key))
            }
            Step::Versioning(state) => {
                Command::PutBucketVersioning(PutBucketVersioning::new(*state))
            }
            Step::Rules(rules) => {
                Command::PutBucketLifecycle(PutBucketLifecycle::new(rules.clone()))
            }
        }
    }
}

/// A random bucket (a scenario of every command kind), then rules, then the lifecycle phase.
fn scenario() -> impl Strategy<Value = (BucketConfig, Vec<Command>, Vec<LifecycleRule>, Vec<Step>)>
{
    (
        arb_scenario(0..40),
        vec(strategies::lifecycle_rule(), 1..4),
        vec(step(), 1..40),
    )
        .prop_map(|((config, commands), rules, steps)| (config, commands, rules, steps))
}

/// Applies `command` to both models and compares the outcome, the chains and the uploads.
fn both(
    model: &mut Bucket,
    naive: &mut RefBucket,
    step: usize,
    command: &Command,
) -> Result<Result<Outcome, bucket_versioning::Violation>, TestCaseError> {
    let expected = naive.apply(command.clone());
    let actual = checked_step(model, step, command);
    prop_assert_eq!(&actual, &expected, "step {}: {:?}", step, command);
    prop_assert_eq!(
        chains_of(model),
        naive.sorted_chains(),
        "chains after step {}",
        step
    );
    prop_assert_eq!(
        uploads_of(model),
        naive.upload_summary(),
        "uploads after step {}",
        step
    );
    Ok(actual)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(400), ..ProptestConfig::default() })]

    // Rule: LC-1, LC-2, LC-3, LC-4, LC-6, LC-8, LC-10, LC-11, LC-13 — the model's run equals
    // the naive reference's entry for entry at every step; a second run at the same time
    // changes nothing (LC-13) but for LC-8 × LC-11, and a third nothing at all; INV-12 holds
    // throughout (checked_step).
    #[test]
    fn lifecycle_runs_agree_with_reference((config, commands, rules, steps) in scenario()) {
        let mut model = Bucket::new(config);
        let mut naive = RefBucket::new(config);
        let mut index = 0;
        for command in &commands {
            let _ = both(&mut model, &mut naive, index, command)?;
            index += 1;
        }
        let configure = Command::PutBucketLifecycle(PutBucketLifecycle::new(rules));
        let _ = both(&mut model, &mut naive, index, &configure)?;
        for step in &steps {
            index += 1;
            let command = step.command(model.now());
            let result = both(&mut model, &mut naive, index, &command)?;
            if let (Step::Run, Ok(Outcome::RunLifecycle(first))) = (step, &result) {
                let before = model.clone();
                let second = run_again(&mut model, &mut naive, index, &command)?;
                if !second.is_empty() {
                    // LC-8 × LC-11: current expiration in the first run made the old head
                    // noncurrent, which pushes an older entry past the K newest; only that
                    // can change on a second run, and a third changes nothing.
                    let keeps = model.get_bucket_lifecycle().is_ok_and(|config| {
                        config.rules.iter().any(|rule| {
                            rule.noncurrent_version_expiration
                                .as_ref()
                                .is_some_and(|action| action.newer_noncurrent_versions.is_some())
                        })
                    });
                    prop_assert!(keeps, "a second run did {:?}", second);
                    prop_assert!(second.delete_markers_added.is_empty());
                    prop_assert!(second.uploads_aborted.is_empty());
                    for entry in &second.removed {
                        prop_assert!(
                            first.delete_markers_added.iter().any(|marker| marker.key == entry.key),
                            "a second run removed {:?}", entry
                        );
                    }
                    let before = model.clone();
                    let third = run_again(&mut model, &mut naive, index, &command)?;
                    prop_assert!(third.is_empty(), "a third run did {:?}", third);
                    prop_assert_eq!(&model, &before, "a third run changed the bucket");
                } else {
                    prop_assert_eq!(&model, &before, "a second run changed the bucket");
                }
            }
        }
    }
}

/// Runs the lifecycle again on both models at the same time and returns the model's outcome.
fn run_again(
    model: &mut Bucket,
    naive: &mut RefBucket,
    index: usize,
    command: &Command,
) -> Result<bucket_versioning::outcome::RunLifecycleOutcome, TestCaseError> {
    match both(model, naive, index, command)? {
        Ok(Outcome::RunLifecycle(outcome)) => Ok(outcome),
        other => Err(TestCaseError::fail(format!("a run gave {other:?}"))),
    }
}

/// The generator reaches every lifecycle outcome: removals of versions and of markers, added
/// markers and aborted uploads, over the property's cases.
#[test]
fn lifecycle_generator_reaches_every_outcome() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut versions, mut markers, mut added, mut aborted) = (0, 0, 0, 0);
    for _ in 0..200 {
        let (config, commands, rules, steps) =
            scenario().new_tree(&mut runner).expect("a case").current();
        let mut model = Bucket::new(config);
        for command in commands {
            let _ = model.apply(command);
        }
        let _ = model.put_bucket_lifecycle(rules);
        for step in &steps {
            if let Ok(Outcome::RunLifecycle(run)) = model.apply(step.command(model.now())) {
                versions += run
                    .removed
                    .iter()
                    .filter(|entry| !entry.delete_marker)
                    .count();
                markers += run
                    .removed
                    .iter()
                    .filter(|entry| entry.delete_marker)
                    .count();
                added += run.delete_markers_added.len();
                aborted += run.uploads_aborted.len();
            }
        }
    }
    assert!(
        versions > 0 && markers > 0 && added > 0 && aborted > 0,
        "versions {versions}, markers {markers}, added {added}, aborted {aborted}"
    );
}
