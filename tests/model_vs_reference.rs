//! The model and the naive reference model (`tests/reference/`) run the same random command
//! sequences; every outcome and every chain must agree at every step.

mod common;
mod reference;

use bucket_versioning::{Bucket, BucketConfig, Command};
use common::sequences::{Seen, arb_config, arb_reference_command};
use proptest::prelude::*;
use reference::{RefBucket, chains_of};

/// Runs both models side by side and compares after every step.
fn compare(config: BucketConfig, commands: &[Command]) -> Result<(), TestCaseError> {
    let mut model = Bucket::new(config);
    let mut naive = RefBucket::new(config);
    let mut seen = Seen::default();
    for (step, command) in commands.iter().enumerate() {
        let command = seen.resolve(command, &model);
        let expected = naive.apply(command.clone());
        let actual = model.apply(command.clone());
        prop_assert_eq!(&actual, &expected, "step {}: {:?}", step, command);
        prop_assert_eq!(
            chains_of(&model),
            naive.sorted_chains(),
            "chains after step {}: {:?}",
            step,
            command
        );
        prop_assert_eq!(model.versioning(), naive.state);
        seen.record(&actual);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    // Rule: every rule of the core families, by agreement with the naive model.
    #[test]
    fn model_agrees_with_reference(
        config in arb_config(),
        commands in prop::collection::vec(arb_reference_command(), 1..100),
    ) {
        compare(config, &commands)?;
    }
}
