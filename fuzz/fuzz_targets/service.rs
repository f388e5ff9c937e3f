//! Drives a service of one to three buckets (SVC) with the shared service generator
//! (`bucket_versioning::strategies::service_scenario`), its random choices read straight from
//! the fuzz input (proptest's pass-through RNG), so the fuzzer steers every pick: bucket
//! commands, object commands of every kind on any bucket, copies and part copies across
//! buckets (SVC-7, MPU-12), supplied upload IDs (MPU-13).
//!
//! The steps run on the model service and on the naive reference service of
//! `tests/reference/service.rs` side by side. After every step: INV-10 and every bucket's
//! invariants hold, a rejected step or a read left the service exactly as it was (ERR-2,
//! GET-7), and both agree on the outcome, the bucket names and every bucket's chains, uploads,
//! state and clock. At the end the service's snapshot restores to an equal service that gives
//! the same outcomes for the same steps again (INV-9).
#![no_main]

#[path = "../../tests/reference/mod.rs"]
mod reference;

use bucket_versioning::Service;
use bucket_versioning::strategies::service_scenario;
use libfuzzer_sys::fuzz_target;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use reference::service::RefService;
use reference::{chains_of, uploads_of};

fuzz_target!(|data: &[u8]| {
    let rng = TestRng::from_seed(RngAlgorithm::PassThrough, data);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let Ok(tree) = service_scenario(1..=40).new_tree(&mut runner) else {
        return;
    };
    let (config, steps) = tree.current();
    let mut model = Service::with_default_bucket(config);
    let mut naive = RefService::with_default_bucket(config);
    let mut results = Vec::with_capacity(steps.len());
    for (index, step) in steps.iter().enumerate() {
        let before = model.clone();
        let actual = step.apply(&mut model);
        if let Err(invariant) = model.check_invariants() {
            panic!("step {index}: {step:?} -> {actual:?} broke {invariant}");
        }
        if actual.is_err() || step.is_read() {
            assert_eq!(model, before, "ERR-2: step {index}: {step:?} -> {actual:?}");
        }
        let expected = naive.apply(step);
        assert_eq!(actual, expected, "step {index}: {step:?}");
        assert_eq!(model.list_buckets().buckets, naive.names());
        for (name, bucket) in model.buckets() {
            let other = naive.bucket(name).expect("the same buckets");
            assert_eq!(chains_of(bucket), other.sorted_chains(), "{name} after step {index}");
            assert_eq!(uploads_of(bucket), other.upload_summary(), "{name} after step {index}");
            assert_eq!(bucket.versioning(), other.state);
            assert_eq!(bucket.now(), other.now);
        }
        results.push(actual);
    }
    // The snapshot restores to an equal service, which answers the same steps the same way.
    let snapshot = serde_json::to_string(&model).expect("a service serializes");
    let restored: Service = serde_json::from_str(&snapshot).expect("its own snapshot restores");
    assert_eq!(restored, model, "a snapshot round trip changes the service");
    let mut again = model.clone();
    let mut restored = restored;
    for step in &steps {
        assert_eq!(step.apply(&mut restored), step.apply(&mut again));
    }
    assert_eq!(restored, again);
    // INV-9: a replay from the start gives the same outcomes and an equal service.
    let mut replay = Service::with_default_bucket(config);
    let replayed: Vec<_> = steps.iter().map(|step| step.apply(&mut replay)).collect();
    assert_eq!(replayed, results, "INV-9");
    assert_eq!(replay, model, "INV-9");
});
