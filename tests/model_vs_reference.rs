//! The model and the naive reference model (`tests/reference/`) run the same random command
//! sequences; every outcome and every chain must agree at every step.

mod common;
mod reference;

use bucket_versioning::{Bucket, BucketConfig, Command, Dialect};
use common::sequences::{Seen, arb_core_command};
use proptest::prelude::*;
use reference::{RefBucket, chains_of};

fn arb_config() -> impl Strategy<Value = BucketConfig> {
    (prop_oneof![Just(Dialect::Oss), Just(Dialect::S3)], 0..4u64)
        .prop_map(|(dialect, seed)| BucketConfig::new(dialect).with_seed(seed))
}

/// Runs both models side by side and compares after every step.
fn compare(config: BucketConfig, commands: &[Command]) -> Result<(), TestCaseError> {
    let mut model = Bucket::new(config);
    let mut naive = RefBucket::new(config);
    let mut seen = Seen::default();
    for (step, command) in commands.iter().enumerate() {
        let command = seen.resolve(command);
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
        commands in prop::collection::vec(arb_core_command(), 1..100),
    ) {
        compare(config, &commands)?;
    }
}
