//! Decodes the fuzz input into a bucket configuration and a command sequence (through
//! `arbitrary`), and runs it on the model and on the naive reference model of
//! `tests/reference/` side by side. After every step: the invariants hold
//! (`check_invariants`), a rejected command left the model unchanged (ERR-2), no version
//! locked or protected before the step is gone after it (INV-13, `tests/reference/held.rs`, shared
//! with the property tests), and both
//! models agree on the outcome, the chains and the uploads in progress.
//!
//! The steps (`steps/`, shared with the `service` target) decode into the generator's templates
//! (`bucket_versioning::strategies::Template`), made into commands by its `Resolver`, as the
//! proptest strategies are: they name things the
//! bucket has: entries of the key, IDs seen before, uploads in progress, the head's length as
//! a position, the uploaded parts as a Complete list. Keys, IDs, prefixes and markers may also
//! be any string. Lifecycle steps put rules reaching every action and filter, run, and move the
//! clock by whole days or to one second around the next midnight, where actions fall due
//! (LC-6). Symlink steps link to targets that exist, do not, are links or are hidden by a
//! delete marker (SYM-2..SYM-5), and read links and metadata (SYM-3, GET-8). Part copies take
//! a key of the bucket whole or a range of it (MPU-12); uploads may be given their ID (MPU-13).
//! Lock steps turn s3 Object Lock on, write versions with retentions and legal holds, change
//! retentions (OL-6), delete by ID with and without `bypass_governance` (OL-4), and move the
//! clock to one second around the end of the soonest retention (OL-3); on oss they initiate,
//! complete, extend and abort retention policies and delete and append while one protects the
//! version (OL-7, OL-8).
#![no_main]

#[path = "../../tests/reference/mod.rs"]
mod reference;
mod steps;

use arbitrary::Arbitrary;
use bucket_versioning::Bucket;
use bucket_versioning::strategies::Resolver;
use libfuzzer_sys::fuzz_target;
use reference::held::{bypasses_governance, check_held_kept, held_versions};
use reference::{RefBucket, chains_of, uploads_of};
use steps::{Budget, ConfigPick, Step, template};

#[derive(Arbitrary, Debug)]
struct Input {
    config: ConfigPick,
    steps: Vec<Step>,
}

fuzz_target!(|input: Input| {
    let config = input.config.config();
    let mut model = Bucket::new(config);
    let mut naive = RefBucket::new(config);
    let mut resolver = Resolver::default();
    let mut budget = Budget::default();
    for (index, step) in input.steps.iter().take(200).enumerate() {
        let command = resolver.resolve(&template(step), &model);
        if !budget.admits(&command) {
            continue;
        }
        let before = model.clone();
        let held = held_versions(&model, bypasses_governance(&command));
        let expected = naive.apply(command.clone());
        let actual = model.apply(command.clone());
        if let Err(invariant) = model.check_invariants() {
            panic!("step {index}: {command:?} -> {actual:?} broke {invariant}");
        }
        if let Err(broken) = check_held_kept(&held, &model, &command) {
            panic!("step {index}: {broken}");
        }
        if actual.is_err() {
            assert_eq!(
                model, before,
                "ERR-2: step {index}: {command:?} -> {actual:?}"
            );
        }
        assert_eq!(
            actual, expected,
            "step {index}: {command:?}: the models disagree"
        );
        assert_eq!(
            chains_of(&model),
            naive.sorted_chains(),
            "step {index}: {command:?}: the chains disagree"
        );
        assert_eq!(
            uploads_of(&model),
            naive.upload_summary(),
            "step {index}: {command:?}: the uploads disagree"
        );
        resolver.record(&command, &actual);
    }
});
