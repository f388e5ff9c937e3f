//! Sequences for a [`Service`] of one to three buckets (SVC): bucket commands, object commands
//! on a bucket picked by its index among the service's names, and copies and part copies from
//! one bucket into another (SVC-7, MPU-12).
//!
//! Each bucket has its own [`Resolver`], so the IDs, uploads and markers an object command
//! names are its bucket's; a cross-bucket copy picks its source version with the source
//! bucket's resolver. A bucket deleted and created again starts with a fresh resolver, as it
//! starts fresh (SVC-4).

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use proptest::collection::{SizeRange, vec};
use proptest::prelude::*;

use super::{Resolver, Template, config, copy_template, part_copy_template, template};
use crate::bucket::Bucket;
use crate::command::Command;
use crate::config::BucketConfig;
use crate::outcome::Outcome;
use crate::service::{DEFAULT_BUCKET, Service};
use crate::violation::Violation;

/// The names a service sequence creates buckets with: two valid in both dialects, and two that
/// SVC-2 refuses (too short; an uppercase letter).
pub const BUCKET_NAMES: [&str; 4] = ["photos", "backup", "ab", "Logs"];

/// One command to a [`Service`]: a bucket command, or an object command on a named bucket.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "nearly every step is an object command; boxing it would only add an allocation"
)]
pub enum ServiceStep {
    /// CreateBucket (SVC-2, SVC-3).
    CreateBucket {
        /// The name.
        bucket: String,
    },
    /// DeleteBucket (SVC-4).
    DeleteBucket {
        /// The name.
        bucket: String,
    },
    /// GetBucketInfo / HeadBucket (SVC-6).
    GetBucketInfo {
        /// The name.
        bucket: String,
    },
    /// ListBuckets (SVC-1).
    ListBuckets,
    /// A command on bucket `bucket` (SVC-1).
    Object {
        /// The bucket's name.
        bucket: String,
        /// The command.
        command: Command,
    },
}

impl ServiceStep {
    /// Runs the step on `service`.
    pub fn apply(&self, service: &mut Service) -> Result<Outcome, Violation> {
        match self {
            ServiceStep::CreateBucket { bucket } => {
                service.create_bucket(bucket).map(Outcome::Bucket)
            }
            ServiceStep::DeleteBucket { bucket } => {
                service.delete_bucket(bucket).map(Outcome::Bucket)
            }
            ServiceStep::GetBucketInfo { bucket } => {
                service.bucket_info(bucket).map(Outcome::BucketInfo)
            }
            ServiceStep::ListBuckets => Ok(Outcome::ListBuckets(service.list_buckets())),
            ServiceStep::Object { bucket, command } => service.apply(bucket, command.clone()),
        }
    }

    /// Whether the step only reads (it must change nothing, GET-7).
    pub fn is_read(&self) -> bool {
        match self {
            ServiceStep::GetBucketInfo { .. } | ServiceStep::ListBuckets => true,
            ServiceStep::CreateBucket { .. } | ServiceStep::DeleteBucket { .. } => false,
            ServiceStep::Object { command, .. } => matches!(
                command,
                Command::GetObject(_)
                    | Command::HeadObject(_)
                    | Command::GetBucketVersioning(_)
                    | Command::GetBucketLifecycle(_)
                    | Command::GetObjectTagging(_)
                    | Command::ListObjectVersions(_)
                    | Command::ListObjects(_)
                    | Command::ListParts(_)
                    | Command::ListMultipartUploads(_)
            ),
        }
    }
}

/// A [`ServiceStep`] whose buckets are indexes into the service's names (counted round) and
/// whose object command is a [`Template`], made into a step by a [`ServiceResolver`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceTemplate {
    /// CreateBucket of the N-th of [`BUCKET_NAMES`].
    CreateBucket(usize),
    /// DeleteBucket of the N-th bucket.
    DeleteBucket(usize),
    /// GetBucketInfo of the N-th bucket.
    GetBucketInfo(usize),
    /// ListBuckets.
    ListBuckets,
    /// An object command on the N-th bucket.
    Object {
        /// The bucket's index.
        bucket: usize,
        /// The command.
        template: Template,
    },
    /// A CopyObject or UploadPartCopy into the N-th bucket from the M-th (SVC-7; the same
    /// bucket when the indexes meet).
    Cross {
        /// The destination's index.
        bucket: usize,
        /// The source's index.
        source: usize,
        /// The copy.
        template: Template,
    },
}

/// A service template of any kind: mostly object commands and cross-bucket copies.
pub fn service_template() -> impl Strategy<Value = ServiceTemplate> {
    // Boxed: the template strategies nest deeply, and their value trees would otherwise be
    // built in one deep, wide stack of frames.
    let cross = prop_oneof![2 => copy_template(), 3 => part_copy_template()].boxed();
    prop_oneof![
        24 => (0..3usize, template().boxed())
            .prop_map(|(bucket, template)| ServiceTemplate::Object { bucket, template }),
        10 => (0..3usize, 0..3usize, cross)
            .prop_map(|(bucket, source, template)| ServiceTemplate::Cross { bucket, source, template }),
        1 => (0..BUCKET_NAMES.len()).prop_map(ServiceTemplate::CreateBucket),
        1 => (0..3usize).prop_map(ServiceTemplate::DeleteBucket),
        1 => (0..3usize).prop_map(ServiceTemplate::GetBucketInfo),
        1 => Just(ServiceTemplate::ListBuckets),
    ]
}

/// A sequence of `len` service steps for `config`, starting from
/// [`Service::with_default_bucket`]: first 0 to 2 CreateBuckets (so services of 1 to 3
/// buckets), then steps of every kind, resolved by running them on a model service.
pub fn service_commands(
    config: BucketConfig,
    len: impl Into<SizeRange>,
) -> impl Strategy<Value = Vec<ServiceStep>> {
    (0..=2usize, vec(service_template(), len))
        .prop_map(move |(extra, templates)| resolve_service(config, extra, &templates))
}

/// A configuration and a service sequence for it (see [`service_commands`]).
pub fn service_scenario(
    len: impl Into<SizeRange>,
) -> impl Strategy<Value = (BucketConfig, Vec<ServiceStep>)> {
    (config(), 0..=2usize, vec(service_template(), len))
        .prop_map(|(config, extra, templates)| (config, resolve_service(config, extra, &templates)))
}

/// Runs the sequence on a fresh [`Service::with_default_bucket`], creating `extra` buckets of
/// [`BUCKET_NAMES`] first, resolving each template against the service as it is then.
fn resolve_service(
    config: BucketConfig,
    extra: usize,
    templates: &[ServiceTemplate],
) -> Vec<ServiceStep> {
    let mut service = Service::with_default_bucket(config);
    let mut resolver = ServiceResolver::default();
    let creates = BUCKET_NAMES
        .iter()
        .take(extra)
        .map(|name| ServiceStep::CreateBucket {
            bucket: String::from(*name),
        });
    let mut steps = Vec::with_capacity(extra + templates.len());
    for step in creates {
        let result = step.apply(&mut service);
        resolver.record(&step, &result);
        steps.push(step);
    }
    for template in templates {
        let step = resolver.resolve(template, &service);
        let result = step.apply(&mut service);
        resolver.record(&step, &result);
        steps.push(step);
    }
    steps
}

/// Makes [`ServiceTemplate`]s into [`ServiceStep`]s: one [`Resolver`] per bucket name.
#[derive(Clone, Debug, Default)]
pub struct ServiceResolver {
    buckets: BTreeMap<String, Resolver>,
}

impl ServiceResolver {
    /// `template` with its buckets named and its picks filled in from `service`.
    pub fn resolve(&self, template: &ServiceTemplate, service: &Service) -> ServiceStep {
        let names: Vec<&str> = service.buckets().map(|(name, _)| name).collect();
        let name = |n: usize| {
            String::from(
                n.checked_rem(names.len())
                    .and_then(|n| names.get(n))
                    .copied()
                    .unwrap_or(DEFAULT_BUCKET),
            )
        };
        // A bucket the service does not hold resolves against an empty one (the command is
        // NoSuchBucket anyway).
        let empty = Bucket::new(*service.config());
        let fresh = Resolver::default();
        let side = |name: &str| {
            (
                self.buckets.get(name).unwrap_or(&fresh),
                service.bucket(name).unwrap_or(&empty),
            )
        };
        match template {
            ServiceTemplate::CreateBucket(n) => ServiceStep::CreateBucket {
                bucket: String::from(BUCKET_NAMES[n % BUCKET_NAMES.len()]),
            },
            ServiceTemplate::DeleteBucket(n) => ServiceStep::DeleteBucket { bucket: name(*n) },
            ServiceTemplate::GetBucketInfo(n) => ServiceStep::GetBucketInfo { bucket: name(*n) },
            ServiceTemplate::ListBuckets => ServiceStep::ListBuckets,
            ServiceTemplate::Object { bucket, template } => {
                let bucket = name(*bucket);
                let (resolver, model) = side(&bucket);
                let command = resolver.resolve(template, model);
                ServiceStep::Object { bucket, command }
            }
            ServiceTemplate::Cross {
                bucket,
                source,
                template,
            } => {
                let (bucket, source) = (name(*bucket), name(*source));
                let (resolver, model) = side(&bucket);
                let (source_resolver, source_model) = side(&source);
                let command = resolver.resolve_copy(
                    template,
                    model,
                    Some((source.as_str(), source_resolver, source_model)),
                );
                ServiceStep::Object { bucket, command }
            }
        }
    }

    /// Notes what `step` gave: a new or deleted bucket starts with a fresh resolver; an
    /// object command's result goes to its bucket's resolver.
    pub fn record(&mut self, step: &ServiceStep, result: &Result<Outcome, Violation>) {
        match (step, result) {
            (
                ServiceStep::CreateBucket { bucket } | ServiceStep::DeleteBucket { bucket },
                Ok(_),
            ) => {
                self.buckets.insert(bucket.clone(), Resolver::default());
            }
            (ServiceStep::Object { bucket, command }, _) => {
                self.buckets
                    .entry(bucket.clone())
                    .or_default()
                    .record(command, result);
            }
            _ => {}
        }
    }
}
