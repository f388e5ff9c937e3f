//! Drives a service of one to three buckets (SVC), its steps decoded from the fuzz input by
//! `arbitrary` (the `sequence` target's steps, `steps/`): bucket commands (create, delete,
//! info, list), object commands of every kind on any bucket, copies and part copies across
//! buckets (SVC-7, MPU-12), supplied upload IDs (MPU-13). The steps become the crate
//! generator's service templates (`bucket_versioning::strategies::ServiceTemplate`), named and
//! filled in by its `ServiceResolver` against the service as it is, as the proptest service
//! sequences are.
//!
//! The steps run on the model service and on the naive reference service of
//! `tests/reference/service.rs` side by side. After every step: INV-10 and every bucket's
//! invariants hold, a rejected step or a read left the service exactly as it was (ERR-2,
//! GET-7), and both agree on the outcome, the bucket names and every bucket's chains, uploads,
//! state and clock. At the end the service's snapshot restores to an equal service that gives
//! the same outcomes for the same steps again, and a replay from the start gives the same
//! outcomes and an equal service (INV-9).
#![no_main]

#[path = "../../tests/reference/mod.rs"]
mod reference;
mod steps;

use arbitrary::Arbitrary;
use bucket_versioning::Service;
use bucket_versioning::strategies::{ServiceResolver, ServiceStep, ServiceTemplate};
use libfuzzer_sys::fuzz_target;
use reference::service::RefService;
use reference::{chains_of, uploads_of};
use steps::{Budget, ConfigPick, CopyPick, PartCopyPick, Step, template};

/// The most steps one input runs: each step clones the service (ERR-2's check) and checks
/// every bucket against the reference.
const MAX_STEPS: usize = 60;

#[derive(Arbitrary, Debug)]
struct Input {
    config: ConfigPick,
    /// How many of the first `strategies::BUCKET_NAMES` to create before the steps (0 to 2 count; more
    /// is counted round).
    extra: u8,
    steps: Vec<SvcStep>,
}

/// A service step; buckets are indexes into the service's names, counted round.
#[derive(Arbitrary, Debug)]
enum SvcStep {
    /// CreateBucket of the N-th of `strategies::BUCKET_NAMES` (two of which SVC-2 refuses).
    Create(u8),
    Delete(u8),
    Info(u8),
    List,
    /// An object command on the N-th bucket.
    Object(u8, Step),
    /// A CopyObject into the N-th bucket from the M-th (SVC-7).
    Copy(u8, u8, CopyPick),
    /// An UploadPartCopy into the N-th bucket from the M-th (SVC-7, MPU-12).
    PartCopy(u8, u8, PartCopyPick),
}

impl SvcStep {
    fn template(&self) -> ServiceTemplate {
        let at = usize::from;
        match self {
            SvcStep::Create(n) => ServiceTemplate::CreateBucket(at(*n)),
            SvcStep::Delete(n) => ServiceTemplate::DeleteBucket(at(*n)),
            SvcStep::Info(n) => ServiceTemplate::GetBucketInfo(at(*n)),
            SvcStep::List => ServiceTemplate::ListBuckets,
            SvcStep::Object(n, step) => ServiceTemplate::Object {
                bucket: at(*n),
                template: template(step),
            },
            SvcStep::Copy(n, m, copy) => ServiceTemplate::Cross {
                bucket: at(*n),
                source: at(*m),
                template: copy.template(),
            },
            SvcStep::PartCopy(n, m, copy) => ServiceTemplate::Cross {
                bucket: at(*n),
                source: at(*m),
                template: copy.template(),
            },
        }
    }
}

fuzz_target!(|input: Input| {
    let config = input.config.config();
    let mut model = Service::with_default_bucket(config);
    let mut naive = RefService::with_default_bucket(config);
    let mut resolver = ServiceResolver::default();
    let mut budget = Budget::default();
    let creates = (0..usize::from(input.extra % 3)).map(ServiceTemplate::CreateBucket);
    let templates = creates.chain(input.steps.iter().take(MAX_STEPS).map(SvcStep::template));
    let mut steps = Vec::new();
    let mut results = Vec::new();
    for (index, template) in templates.enumerate() {
        let step = resolver.resolve(&template, &model);
        if let ServiceStep::Object { command, .. } = &step
            && !budget.admits(command)
        {
            continue;
        }
        let before = model.clone();
        let actual = step.apply(&mut model);
        if let Err(invariant) = model.check_invariants() {
            panic!("step {index}: {step:?} -> {actual:?} broke {invariant}");
        }
        if actual.is_err() || step.is_read() {
            assert_eq!(model, before, "ERR-2: step {index}: {step:?} -> {actual:?}");
        }
        let expected = naive.apply(&step);
        assert_eq!(actual, expected, "step {index}: {step:?}");
        assert_eq!(model.list_buckets().buckets, naive.names());
        for (name, bucket) in model.buckets() {
            let other = naive.bucket(name).expect("the same buckets");
            assert_eq!(
                chains_of(bucket),
                other.sorted_chains(),
                "{name} after step {index}"
            );
            assert_eq!(
                uploads_of(bucket),
                other.upload_summary(),
                "{name} after step {index}"
            );
            assert_eq!(bucket.versioning(), other.state);
            assert_eq!(bucket.now(), other.now);
        }
        resolver.record(&step, &actual);
        steps.push(step);
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
