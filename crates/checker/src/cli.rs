//! `bucket-versioning check`: the command line over [`check`](crate::check::check).
//!
//! ```text
//! bucket-versioning check --endpoint URL --dialect oss|s3 [--access-key K --secret-key S]
//!     [--cases N] [--max-steps M] [--seed S] [--ops LIST] [--no-attributes] [--out DIR]
//!     [--jobs J] [--known FILE]
//! ```
//!
//! Prints the fields compared, a progress bar (cases, steps, divergences so far) on stderr, and
//! at the end a summary table; writes each new group's minimal trace to `--out`. Exit status 0
//! when nothing diverged but known groups, 1 when a new group was found, 2 on usage or
//! connection errors.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use bucket_versioning::Dialect;
use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use crate::case::Group;
use crate::check::{self, Event, Options};
use crate::endpoint::HttpEndpoint;
use crate::report;
use crate::scenario::{self, OPS};
use crate::sign::Keys;

/// Drive an OSS or S3 endpoint and the model with the same random scenarios; shrink every
/// divergence to a minimal, replayable trace.
#[derive(Clone, Debug, Parser)]
#[command(name = "check", version, about, long_about = None)]
pub struct CheckArgs {
    /// The endpoint's base URL (`http://host:port`).
    #[arg(long)]
    pub endpoint: String,
    /// The protocol it speaks.
    #[arg(long, value_enum)]
    pub dialect: DialectArg,
    /// The access key ID to sign with (with --secret-key); unsigned without.
    #[arg(long, requires = "secret_key")]
    pub access_key: Option<String>,
    /// The secret key to sign with.
    #[arg(long, requires = "access_key")]
    pub secret_key: Option<String>,
    /// How many cases (random scenarios).
    #[arg(long, default_value_t = 100)]
    pub cases: u32,
    /// The most steps a scenario has.
    #[arg(long, default_value_t = 50)]
    pub max_steps: usize,
    /// The seed of the scenarios (same seed, same endpoint behaviour: same cases).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// The operations to use, comma-separated (default: every operation the codec sends in the
    /// dialect; s3 leaves out the oss-only appends and symlinks).
    #[arg(long, value_delimiter = ',')]
    pub ops: Vec<String>,
    /// Writes without tags, content type, user metadata, storage class or copy directives
    /// (by default they carry what the generator gives them).
    #[arg(long)]
    pub no_attributes: bool,
    /// Where the minimal traces go.
    #[arg(long, default_value = "divergences")]
    pub out: PathBuf,
    /// How many cases run at once.
    #[arg(long, default_value_t = 1)]
    pub jobs: usize,
    /// Accepted divergence groups, one `op/field/rule` a line (`#` comments): reported, but
    /// they do not fail the run.
    #[arg(long)]
    pub known: Option<PathBuf>,
    /// The start of each case's bucket name.
    #[arg(long, default_value = "bv-check")]
    pub bucket_prefix: String,
    /// Move the endpoint's clock through this project's control API (`/_bv/clock`) for the
    /// scenarios' clock advances (`bucket-versioning serve` only).
    #[arg(long)]
    pub control_api: bool,
    /// The most scenarios tried while shrinking one divergence.
    #[arg(long, default_value_t = 2000)]
    pub max_shrink_iters: u32,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
}

/// `--dialect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DialectArg {
    /// Alibaba Cloud OSS.
    Oss,
    /// Amazon S3.
    S3,
}

impl From<DialectArg> for Dialect {
    fn from(dialect: DialectArg) -> Self {
        match dialect {
            DialectArg::Oss => Dialect::Oss,
            DialectArg::S3 => Dialect::S3,
        }
    }
}

/// Exit status 2 with a message.
fn usage(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// Runs the check `args` ask for; the exit status (see the [module docs](self)).
pub fn run(args: &CheckArgs) -> ExitCode {
    let dialect = Dialect::from(args.dialect);
    let ops: Vec<String> = if args.ops.is_empty() {
        scenario::default_ops(dialect)
    } else {
        args.ops.clone()
    };
    let allowed = |op: &str| OPS.contains(&op) || op == "advance_clock";
    if let Some(op) = ops.iter().find(|op| !allowed(op)) {
        return usage(format!(
            "--ops: {op:?} is not an operation the checker sends (one of {}, advance_clock)",
            OPS.join(", ")
        ));
    }
    if !valid_prefix(&args.bucket_prefix) {
        return usage(
            "--bucket-prefix: 3 to 30 lowercase letters, digits and '-', starting with a letter",
        );
    }
    if args.max_steps == 0 {
        return usage("--max-steps must be at least 1");
    }
    let known = match &args.known {
        None => BTreeSet::new(),
        Some(path) => match read_known(path) {
            Ok(known) => known,
            Err(message) => return usage(message),
        },
    };
    let mut endpoint = match HttpEndpoint::new(&args.endpoint) {
        Ok(endpoint) => endpoint,
        Err(error) => return usage(error),
    };
    if args.control_api {
        endpoint = endpoint.with_control_api();
    }
    if let (Some(access), Some(secret)) = (&args.access_key, &args.secret_key) {
        endpoint = endpoint.with_keys(Keys::new(dialect, access, secret));
    }
    let options = Options {
        dialect,
        cases: args.cases,
        max_steps: args.max_steps,
        seed: args.seed,
        ops,
        attributes: !args.no_attributes,
        known,
        bucket_prefix: args.bucket_prefix.clone(),
        run: Options::new(dialect).run,
        jobs: args.jobs.max(1),
        max_shrink_iters: args.max_shrink_iters,
    };
    let bar = if args.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(u64::from(args.cases))
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} cases · {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let steps = AtomicU64::new(0);
    let divergences = AtomicU64::new(0);
    let progress = |event: &Event| match event {
        Event::Case { steps: n, diverged } => {
            let total = steps.fetch_add(*n as u64, Ordering::Relaxed) + *n as u64;
            let diverged = divergences.fetch_add(u64::from(*diverged), Ordering::Relaxed)
                + u64::from(*diverged);
            bar.inc(1);
            bar.set_message(format!("{total} steps · {diverged} divergences"));
        }
        Event::Shrinking(group) => bar.println(format!("shrinking a new divergence: {group}")),
    };
    let started = std::time::Instant::now();
    let result = check::check(&endpoint, &options, &progress);
    bar.finish_and_clear();
    let report = match result {
        Ok(report) => report,
        Err(error) => return usage(format!("the endpoint at {}: {error}", args.endpoint)),
    };
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "fields compared ({dialect}): {}",
        report
            .compared
            .iter()
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut traces = Vec::new();
    for (group, found) in report.new_groups() {
        let Some(minimal) = &found.minimal else {
            continue;
        };
        if let Err(error) = std::fs::create_dir_all(&args.out) {
            return usage(format!("--out {}: {error}", args.out.display()));
        }
        let path = args.out.join(report::file_name(group));
        if let Err(error) = std::fs::write(&path, report::trace(dialect, minimal)) {
            return usage(format!("{}: {error}", path.display()));
        }
        println!("{group}: {}", report::summary(minimal));
        traces.push((group.to_string(), path.display().to_string()));
    }
    print!("{}", report::table(&report, &traces));
    for reason in &report.left_behind {
        println!("left behind: {reason}");
    }
    println!(
        "{:.1} s, {:.0} steps (commands with their chain read back) per second, {:.0} requests \
         compared per second",
        elapsed,
        report.commands as f64 / elapsed.max(1e-9),
        report.steps as f64 / elapsed.max(1e-9)
    );
    if report.new_groups().next().is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn valid_prefix(prefix: &str) -> bool {
    (3..=30).contains(&prefix.len())
        && prefix.starts_with(|c: char| c.is_ascii_lowercase())
        && prefix
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The groups of a `--known` file.
///
/// # Errors
///
/// A message naming the file and the line that is not a group.
pub fn read_known(path: &std::path::Path) -> Result<BTreeSet<Group>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("--known {}: {error}", path.display()))?;
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            line.parse::<Group>()
                .map_err(|error| format!("--known {}: {error}", path.display()))
        })
        .collect()
}
