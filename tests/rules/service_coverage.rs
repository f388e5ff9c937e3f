//! The service generator (`strategies::service_scenario`) reaches what the service properties
//! need: services of three buckets, bucket commands accepted and refused, copies and part
//! copies across buckets, every MPU-12 refusal, supplied upload IDs, and tags written outside
//! the default bucket. Counted over a fixed sample, so a generator change that stops reaching
//! one fails here.

use std::collections::BTreeMap;

use bucket_versioning::request::{InitiateMultipartUpload, PutObject};
use bucket_versioning::strategies::{ServiceStep, service_scenario};
use bucket_versioning::violation::{ArgumentError, InvalidRequestReason};
use bucket_versioning::{Command, DEFAULT_BUCKET, Outcome, Service, Violation};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

const OUTCOMES: &[&str] = &[
    "SVC-1 a service of three buckets",
    "SVC-1 NoSuchBucket",
    "SVC-2 InvalidBucketName",
    "SVC-3 bucket exists",
    "SVC-4 BucketNotEmpty",
    "SVC-4 bucket deleted",
    "SVC-6 bucket info",
    "SVC-7 copy across buckets",
    "MPU-12 part copy across buckets",
    "MPU-12 whole part copy",
    "MPU-12 ranged part copy",
    "MPU-12 range outside the source",
    "MPU-12 range content refused",
    "MPU-12 source version is a marker",
    "MPU-13 supplied upload ID accepted",
    "MPU-13 supplied upload ID refused",
    "MPU-7 Complete after a part copy",
    "TAG-1 tags written outside the default bucket",
];

/// Sequences sampled: enough for the rarest outcomes (a Complete after a part copy, a part copy
/// naming a delete marker's version ID) to come up several times beside the symlink, condition
/// and lock templates of the bucket generator, which share the object steps' weight.
const SAMPLE: usize = 450;
const AT_LEAST: usize = 3;

fn classify(
    before: &Service,
    step: &ServiceStep,
    result: &Result<Outcome, Violation>,
    copied_uploads: &mut Vec<String>,
) -> Vec<&'static str> {
    let mut labels = Vec::new();
    if before.buckets().count() == 3 {
        labels.push("SVC-1 a service of three buckets");
    }
    match (step, result) {
        (_, Err(Violation::NoSuchBucket { .. })) => labels.push("SVC-1 NoSuchBucket"),
        (_, Err(Violation::InvalidBucketName { .. })) => labels.push("SVC-2 InvalidBucketName"),
        (
            _,
            Err(Violation::BucketAlreadyExists { .. } | Violation::BucketAlreadyOwnedByYou { .. }),
        ) => labels.push("SVC-3 bucket exists"),
        (_, Err(Violation::BucketNotEmpty { .. })) => labels.push("SVC-4 BucketNotEmpty"),
        (ServiceStep::DeleteBucket { .. }, Ok(_)) => labels.push("SVC-4 bucket deleted"),
        (ServiceStep::GetBucketInfo { .. }, Ok(_)) => labels.push("SVC-6 bucket info"),
        _ => {}
    }
    let ServiceStep::Object { bucket, command } = step else {
        return labels;
    };
    match (command, result) {
        (Command::CopyObject(copy), Ok(_))
            if copy
                .source_bucket
                .as_ref()
                .is_some_and(|source| source != bucket) =>
        {
            labels.push("SVC-7 copy across buckets");
        }
        (Command::UploadPartCopy(copy), Ok(_)) => {
            if copy
                .source_bucket
                .as_ref()
                .is_some_and(|source| source != bucket)
            {
                labels.push("MPU-12 part copy across buckets");
            }
            labels.push(if copy.body.is_some() {
                "MPU-12 ranged part copy"
            } else {
                "MPU-12 whole part copy"
            });
            copied_uploads.push(copy.upload_id.to_string());
        }
        (Command::UploadPartCopy(_), Err(error)) => match error {
            Violation::InvalidRange { .. }
            | Violation::InvalidArgument(ArgumentError::CopyRangeOutsideSource { .. }) => {
                labels.push("MPU-12 range outside the source");
            }
            Violation::InvalidArgument(
                ArgumentError::CopyRangeContentLength { .. }
                | ArgumentError::CopyRangeWithoutContent
                | ArgumentError::CopyContentWithoutRange,
            ) => labels.push("MPU-12 range content refused"),
            Violation::InvalidRequest(InvalidRequestReason::CopySourceIsDeleteMarker) => {
                labels.push("MPU-12 source version is a marker");
            }
            _ => {}
        },
        (
            Command::InitiateMultipartUpload(InitiateMultipartUpload {
                assign_upload_id: Some(_),
                ..
            }),
            Ok(_),
        ) => labels.push("MPU-13 supplied upload ID accepted"),
        (
            Command::InitiateMultipartUpload(InitiateMultipartUpload {
                assign_upload_id: Some(_),
                ..
            }),
            Err(Violation::InvalidArgument(
                ArgumentError::SuppliedUploadIdEmpty | ArgumentError::SuppliedUploadIdUsed(_),
            )),
        ) => labels.push("MPU-13 supplied upload ID refused"),
        (Command::CompleteMultipartUpload(complete), Ok(_))
            if copied_uploads.contains(&complete.upload_id.to_string()) =>
        {
            labels.push("MPU-7 Complete after a part copy");
        }
        (Command::PutObject(PutObject { tags: Some(_), .. }), Ok(_))
            if bucket != DEFAULT_BUCKET =>
        {
            labels.push("TAG-1 tags written outside the default bucket");
        }
        _ => {}
    }
    labels
}

// Rule: SVC-1..SVC-7, MPU-12, MPU-13 — the service properties see three-bucket services,
// cross-bucket copies and part copies and the MPU-12 refusals (a check on the generator).
#[test]
fn the_service_generator_reaches_buckets_and_part_copies() {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let strategy = service_scenario(1..=80);
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut steps = 0usize;
    for _ in 0..SAMPLE {
        let (config, sequence) = strategy
            .new_tree(&mut runner)
            .expect("the strategy generates")
            .current();
        let mut service = Service::with_default_bucket(config);
        let mut copied_uploads = Vec::new();
        for step in &sequence {
            let before = service.clone();
            let result = step.apply(&mut service);
            for label in classify(&before, step, &result, &mut copied_uploads) {
                *outcomes.entry(label).or_default() += 1;
            }
            steps += 1;
        }
    }
    eprintln!("{SAMPLE} sequences, {steps} steps");
    for (label, count) in &outcomes {
        eprintln!("{count:>7}  {label}");
    }
    let missing: Vec<String> = OUTCOMES
        .iter()
        .filter_map(|label| {
            let count = outcomes.get(label).copied().unwrap_or(0);
            (count < AT_LEAST).then(|| format!("{label} ({count})"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "the service generator reached these fewer than {AT_LEAST} times in {SAMPLE} sequences: {missing:?}"
    );
}
