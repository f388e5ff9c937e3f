//! `bucket-versioning-load`: one seeded mixed workload of versioned traffic against several S3
//! or OSS endpoints in turn; see the crate docs.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bucket_versioning_load::request::Endpoint;
use bucket_versioning_load::workload::Workload;
use bucket_versioning_load::{Dialect, report, run};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};

/// Runs one seeded, mixed workload of versioned traffic (puts, reads of current and older
/// versions, deletes, deletes of versions, version listings) against each endpoint in turn,
/// with the same concurrent clients, and reports requests per second, latency percentiles and
/// each endpoint's throughput as a multiple of the baseline's.
///
/// Exit status: 0 when every endpoint ran with no more unexpected answers than allowed; 1 when
/// an endpoint could not be set up or answered unexpectedly too often; 2 on a usage error.
#[derive(Debug, Parser)]
#[command(version, about, long_about)]
struct Args {
    /// An endpoint as NAME=URL (e.g. `bv=http://127.0.0.1:9000`); repeat for each endpoint.
    #[arg(short, long = "endpoint", value_name = "NAME=URL", required = true, value_parser = parse_endpoint)]
    endpoints: Vec<(String, http::Uri)>,
    /// The wire dialect of every endpoint.
    #[arg(long, value_enum, default_value_t = Dialect::S3)]
    dialect: Dialect,
    /// The endpoint the others' throughput is compared with (default: the last one).
    #[arg(long, value_name = "NAME")]
    baseline: Option<String>,
    /// Concurrent clients per endpoint.
    #[arg(short, long, default_value_t = 16)]
    clients: u32,
    /// How long the clients run against each endpoint, in seconds.
    #[arg(short, long, value_name = "SECONDS", default_value_t = 60)]
    duration: u64,
    /// The seed of the clients' scripts and of the object bodies.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How many keys the clients share.
    #[arg(long, default_value_t = 256)]
    keys: u32,
    /// The size of every object written, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1024)]
    object_size: usize,
    /// The bucket created (or reused) on every endpoint.
    #[arg(long, default_value = "load")]
    bucket: String,
    /// How many unexpected answers an endpoint may give before the exit status is 1.
    #[arg(long, value_name = "N", default_value_t = 0)]
    max_unexpected: u64,
    /// How the report is written.
    #[arg(long, value_enum, default_value_t = report::Format::Text)]
    format: report::Format,
    /// No progress bar on stderr.
    #[arg(long)]
    quiet: bool,
}

fn parse_endpoint(text: &str) -> Result<(String, http::Uri), String> {
    let (name, url) = text
        .split_once('=')
        .ok_or_else(|| format!("{text:?} is not NAME=URL"))?;
    let uri: http::Uri = url
        .parse()
        .map_err(|error| format!("{url:?} is not a URL: {error}"))?;
    if uri.scheme_str() != Some("http") || uri.authority().is_none() {
        return Err(format!("{url:?} is not an http://host:port URL"));
    }
    if name.is_empty() {
        return Err(format!("{text:?} has an empty name"));
    }
    Ok((name.to_owned(), uri))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run_all(args))
}

async fn run_all(args: Args) -> ExitCode {
    let workload = Workload::new(args.seed, args.keys, args.object_size);
    let client = run::http_client(args.clients as usize);
    let duration = Duration::from_secs(args.duration);
    let mut results = Vec::new();
    let mut failed = false;
    for (name, base) in &args.endpoints {
        let endpoint = Endpoint {
            name: name.clone(),
            base: base.clone(),
            dialect: args.dialect,
            bucket: args.bucket.clone(),
        };
        if let Err(error) = run::set_up(&client, &endpoint).await {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
        let progress = if args.quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::new(args.duration)
        };
        progress.set_style(
            ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len} s  {msg}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        progress.set_prefix(name.clone());
        let count = Arc::new(AtomicU64::new(0));
        let ticker = {
            let (progress, count) = (progress.clone(), count.clone());
            tokio::spawn(async move {
                let mut seconds = 0;
                loop {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    seconds += 1;
                    progress.set_position(seconds);
                    progress.set_message(format!("{} requests", count.load(Ordering::Relaxed)));
                }
            })
        };
        let counter = count.clone();
        let result = run::run(
            &client,
            &endpoint,
            &workload,
            args.clients,
            duration,
            move || {
                counter.fetch_add(1, Ordering::Relaxed);
            },
        )
        .await;
        ticker.abort();
        progress.finish_and_clear();
        if result.unexpected > args.max_unexpected {
            eprintln!(
                "error: {name}: {} unexpected answers (at most {} allowed)",
                result.unexpected, args.max_unexpected
            );
            failed = true;
        }
        results.push(result);
    }
    let baseline = args.baseline.clone().unwrap_or_else(|| {
        args.endpoints
            .last()
            .map(|(name, _)| name.clone())
            .unwrap_or_default()
    });
    print!("{}", report::write(&results, &baseline, args.format));
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
