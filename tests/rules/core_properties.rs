//! Property tests over random command sequences of the core families: after every step the
//! invariants hold (INV-1..INV-8), a rejected command changed nothing (ERR-2), reads changed
//! nothing (GET-7); and the same seed and commands give the same outcomes and state (INV-9).

use crate::support::sequences::{arb_commands, arb_scenario, cases, run_checked};
use bucket_versioning::request::{PutBucketVersioning, PutObject};
use bucket_versioning::{BucketConfig, Command};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    // Rule: INV-1..INV-8, ERR-2, GET-7 — checked inside `run_checked` after every step.
    #[test]
    fn every_step_keeps_the_invariants((config, commands) in arb_scenario(1..80)) {
        let (results, bucket) = run_checked(config, &commands);
        prop_assert_eq!(results.len(), commands.len());
        prop_assert!(bucket.len() >= bucket.key_count());
    }

    // Rule: INV-9 — same seed, same commands: same outcomes and an equal bucket.
    #[test]
    fn replays_are_deterministic((config, commands) in arb_scenario(1..60)) {
        let first = run_checked(config, &commands);
        let second = run_checked(config, &commands);
        prop_assert_eq!(first, second);
    }

    // Rule: ID-3, ID-1 — across any sequence, at most one null entry per key, and no version
    // ID given out twice (the chain view agrees with the invariant checker).
    #[test]
    fn ids_stay_unique(commands in arb_commands(BucketConfig::default(), 1..80)) {
        let (_, bucket) = run_checked(BucketConfig::default(), &commands);
        let mut ids = std::collections::BTreeSet::new();
        for chain in bucket.chains() {
            let nulls = chain.iter().filter(|entry| entry.version_id().is_null()).count();
            prop_assert!(nulls <= 1);
            for entry in chain.iter().filter(|entry| !entry.version_id().is_null()) {
                prop_assert!(ids.insert(entry.version_id().to_string()));
            }
        }
    }
}

// Rule: INV-9 — different seeds give different IDs for the same commands.
#[test]
fn seeds_change_ids() {
    let commands = [
        Command::PutBucketVersioning(PutBucketVersioning::new("Enabled")),
        Command::PutObject(PutObject::new("k", "x")),
    ];
    let (first, _) = run_checked(BucketConfig::default().with_seed(1), &commands);
    let (second, _) = run_checked(BucketConfig::default().with_seed(2), &commands);
    assert_ne!(first[1], second[1]);
}
