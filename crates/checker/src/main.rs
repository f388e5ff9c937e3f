//! `bucket-versioning-check`: the conformance checker's command line (see the library's `cli`).

use std::process::ExitCode;

use bucket_versioning_checker::cli::{CheckArgs, run};
use clap::Parser;

fn main() -> ExitCode {
    run(&CheckArgs::parse())
}
