//! Replays a trace: one JSON command per line in, one JSON outcome per line out.
//!
//! `cargo run --features serde --example replay -- [--dialect oss|s3] [--seed N] [FILE]`
//!
//! Reads FILE, or standard input when FILE is absent or `-`, and flushes after every line so
//! another program can drive it over pipes. Blank lines and `#` comments produce nothing; a
//! line that is not a command produces a `MalformedCommand` error and the replay goes on. The
//! format is `docs/spec/trace-format.md`, revision 2: the replay runs a service whose default
//! bucket `bucket` exists from the start; commands may name another with `bucket`.

use std::io::{self, BufRead, BufReader, Write};
use std::process::ExitCode;

use bucket_versioning::wire;
use bucket_versioning::{BucketConfig, Dialect, Service};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("replay: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut dialect = Dialect::Oss;
    let mut seed = 0u64;
    let mut file: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dialect" => {
                let value = args.next().ok_or("--dialect needs oss or s3")?;
                dialect = value.parse().map_err(|error| format!("{error}"))?;
            }
            "--seed" => {
                let value = args.next().ok_or("--seed needs a number")?;
                seed = value.parse().map_err(|_| format!("bad seed {value:?}"))?;
            }
            "-h" | "--help" => {
                println!("usage: replay [--dialect oss|s3] [--seed N] [FILE]");
                return Ok(());
            }
            _ if file.is_none() => file = Some(arg),
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    let input: Box<dyn BufRead> = match file.as_deref() {
        None | Some("-") => Box::new(BufReader::new(io::stdin())),
        Some(path) => Box::new(BufReader::new(
            std::fs::File::open(path).map_err(|error| format!("{path}: {error}"))?,
        )),
    };
    let mut service = Service::with_default_bucket(BucketConfig::new(dialect).with_seed(seed));
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for line in input.lines() {
        let line = line.map_err(|error| format!("reading input: {error}"))?;
        let Some(reply) = wire::replay_service_line(&mut service, &line) else {
            continue;
        };
        writeln!(out, "{}", reply.to_line())
            .and_then(|()| out.flush())
            .map_err(|error| format!("writing output: {error}"))?;
    }
    Ok(())
}
