//! The model and the naive reference model (`tests/reference/`) run the same random command
//! sequences of every command kind; every outcome, every chain, the uploads in progress, the
//! versioning state and the clock must agree at every step. Every step also keeps the
//! invariants (INV-1..INV-8), a rejection or a read changes nothing (ERR-2, GET-7), and a replay
//! of the whole sequence gives the same outcomes and an equal bucket (INV-9).

mod reference;
mod support;

use bucket_versioning::{Bucket, BucketConfig, Command};
use proptest::prelude::*;
use reference::{RefBucket, chains_of, uploads_of};
use support::sequences::{arb_scenario, cases, checked_step};

/// Runs both models side by side, comparing after every step, then replays the sequence.
fn compare(config: BucketConfig, commands: &[Command]) -> Result<(), TestCaseError> {
    let mut model = Bucket::new(config);
    let mut naive = RefBucket::new(config);
    let mut results = Vec::with_capacity(commands.len());
    for (step, command) in commands.iter().enumerate() {
        let expected = naive.apply(command.clone());
        let actual = checked_step(&mut model, step, command);
        prop_assert_eq!(&actual, &expected, "step {}: {:?}", step, command);
        prop_assert_eq!(
            chains_of(&model),
            naive.sorted_chains(),
            "chains after step {}: {:?}",
            step,
            command
        );
        prop_assert_eq!(
            uploads_of(&model),
            naive.upload_summary(),
            "uploads after step {}: {:?}",
            step,
            command
        );
        prop_assert_eq!(model.versioning(), naive.state);
        prop_assert_eq!(model.now(), naive.now);
        results.push(actual);
    }
    // INV-9: the same configuration and commands give the same outcomes and an equal bucket.
    let mut replay = Bucket::new(config);
    let replayed: Vec<_> = commands
        .iter()
        .map(|command| replay.apply(command.clone()))
        .collect();
    prop_assert_eq!(replayed, results, "INV-9: a replay gave other outcomes");
    prop_assert_eq!(replay, model, "INV-9: a replay gave another bucket");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2000), ..ProptestConfig::default() })]

    // Rule: every rule of every command family, by agreement with the naive model; ERR-2,
    // GET-7, INV-1..INV-9 on every step.
    #[test]
    fn model_agrees_with_reference((config, commands) in arb_scenario(1..=100)) {
        compare(config, &commands)?;
    }
}
