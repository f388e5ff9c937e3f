//! The model and the naive reference model (`tests/reference/`) run the same random command
//! sequences of every command kind; every outcome, every chain, the uploads in progress, the
//! versioning state and the clock must agree at every step. Every step also keeps the
//! invariants (INV-1..INV-8), a rejection or a read changes nothing (ERR-2, GET-7), no version
//! locked or protected before the step is gone after it (INV-13), and a replay of the whole
//! sequence gives the same outcomes and an equal bucket (INV-9). Object Lock and retention
//! policies (OL-1..OL-8, LC-12) are compared too: the configurations and every version's
//! retention and legal hold.
//!
//! The same holds for services of one to three buckets (SVC) against the naive reference
//! service: bucket commands, every object command on any bucket, copies and part copies across
//! buckets (SVC-7, MPU-12); INV-10, INV-13 and every bucket's invariants after every step.

mod reference;
mod support;

use bucket_versioning::lock::{DefaultRetention, WormState};
use bucket_versioning::strategies::{self, ServiceStep};
use bucket_versioning::{Bucket, BucketConfig, Command, Service};
use proptest::prelude::*;
use reference::held::{bypasses_governance, check_held_kept, held_versions};
use reference::lock::RefWorm;
use reference::service::RefService;
use reference::{RefBucket, chains_of, uploads_of};
use support::sequences::{arb_scenario, cases, checked_step};

/// The model's Object Lock configuration (OL-1) and retention policy (OL-7) in the
/// reference's shape.
fn protection_of(bucket: &Bucket) -> (Option<Option<DefaultRetention>>, Option<RefWorm>) {
    let lock = bucket
        .object_lock_configuration()
        .map(|config| config.default_retention);
    let worm = bucket.get_bucket_worm().ok().map(|worm| RefWorm {
        days: worm.days,
        locked: worm.state == WormState::Locked,
    });
    (lock, worm)
}

/// Runs both models side by side, comparing after every step (INV-13 in [`checked_step`]),
/// then replays the sequence.
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
        prop_assert_eq!(
            protection_of(&model),
            (naive.lock, naive.worm),
            "after step {}",
            step
        );
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

/// Runs the model service and the naive one side by side, comparing every outcome and every
/// bucket after every step, then replays the sequence.
fn compare_service(config: BucketConfig, steps: &[ServiceStep]) -> Result<(), TestCaseError> {
    let mut model = Service::with_default_bucket(config);
    let mut naive = RefService::with_default_bucket(config);
    let mut results = Vec::with_capacity(steps.len());
    for (index, step) in steps.iter().enumerate() {
        let expected = naive.apply(step);
        let before = model.clone();
        // INV-13 (a GOVERNANCE retention a delete bypasses keeps nothing, OL-4): every
        // version held in any bucket before the step is still there after it.
        let bypass =
            matches!(step, ServiceStep::Object { command, .. } if bypasses_governance(command));
        let held: Vec<_> = model
            .buckets()
            .map(|(name, bucket)| (name.to_string(), held_versions(bucket, bypass)))
            .collect();
        let actual = step.apply(&mut model);
        if let Err(invariant) = model.check_invariants() {
            return Err(TestCaseError::fail(format!(
                "step {index}: {step:?} -> {actual:?} broke {invariant}"
            )));
        }
        for (name, versions) in &held {
            if versions.is_empty() {
                continue;
            }
            let Some(after) = model.bucket(name) else {
                return Err(TestCaseError::fail(format!(
                    "INV-13: step {index}: {step:?} removed {name}, which held versions"
                )));
            };
            if let Err(broken) = check_held_kept(versions, after, step) {
                return Err(TestCaseError::fail(format!("step {index}: {broken}")));
            }
        }
        if actual.is_err() || step.is_read() {
            // ERR-2, GET-7: a rejection or a read leaves the whole service as it was.
            prop_assert_eq!(
                &model,
                &before,
                "step {}: {:?} changed the service",
                index,
                step
            );
        }
        prop_assert_eq!(&actual, &expected, "step {}: {:?}", index, step);
        prop_assert_eq!(model.list_buckets().buckets, naive.names());
        for (name, bucket) in model.buckets() {
            let Some(other) = naive.bucket(name) else {
                return Err(TestCaseError::fail(format!("the reference lacks {name}")));
            };
            prop_assert_eq!(
                chains_of(bucket),
                other.sorted_chains(),
                "{} after step {}",
                name,
                index
            );
            prop_assert_eq!(
                uploads_of(bucket),
                other.upload_summary(),
                "{} after step {}",
                name,
                index
            );
            prop_assert_eq!(bucket.versioning(), other.state);
            prop_assert_eq!(bucket.now(), other.now);
            prop_assert_eq!(protection_of(bucket), (other.lock, other.worm));
        }
        results.push(actual);
    }
    // INV-9: the same configuration and steps give the same outcomes and an equal service.
    let mut replay = Service::with_default_bucket(config);
    let replayed: Vec<_> = steps.iter().map(|step| step.apply(&mut replay)).collect();
    prop_assert_eq!(replayed, results, "INV-9: a replay gave other outcomes");
    prop_assert_eq!(replay, model, "INV-9: a replay gave another service");
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

    // Rule: SVC-1..SVC-7, MPU-12, MPU-13 and every command family, on services of one to three
    // buckets, by agreement with the naive service; ERR-2, INV-9, INV-10 and every bucket's
    // invariants on every step.
    #[test]
    fn service_agrees_with_reference((config, steps) in strategies::service_scenario(1..=80)) {
        compare_service(config, &steps)?;
    }
}
