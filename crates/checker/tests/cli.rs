//! `bucket-versioning-check` (the `check` command line): exit status 0 when nothing diverged,
//! 1 when something did (its minimal traces written to `--out`), 2 on usage and connection
//! errors; `--known` accepts groups.

mod support;

use std::process::Command;

use bucket_versioning::Dialect;
use support::Running;

const BINARY: &str = env!("CARGO_BIN_EXE_bucket-versioning-check");

fn check(args: &[&str]) -> (i32, String) {
    let output = Command::new(BINARY)
        .arg("--quiet")
        .args(args)
        .output()
        .expect("the binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// ERR-1: this project's server, in its own dialect, exits 0 and prints the fields compared
/// and the summary.
#[test]
fn a_conforming_endpoint_exits_0() {
    let server = Running::dialect(Dialect::Oss);
    let (status, output) = check(&[
        "--endpoint",
        &server.url,
        "--dialect",
        "oss",
        "--cases",
        "20",
    ]);
    assert_eq!(status, 0, "{output}");
    assert!(
        output.contains("fields compared (oss):") && output.contains("version_id"),
        "{output}"
    );
    assert!(
        output.contains("20 cases") && output.contains("0 groups"),
        "{output}"
    );
}

/// Usage and connection errors exit 2.
#[test]
fn usage_and_connection_errors_exit_2() {
    let (status, output) = check(&["--endpoint", "http://127.0.0.1:1", "--dialect", "s3"]);
    assert_eq!(status, 2, "{output}");
    let (status, _) = check(&["--endpoint", "https://example.com", "--dialect", "s3"]);
    assert_eq!(status, 2);
    let (status, output) = check(&[
        "--endpoint",
        "http://127.0.0.1:1",
        "--dialect",
        "s3",
        "--ops",
        "nope",
    ]);
    assert_eq!(status, 2, "{output}");
    let (status, _) = check(&["--dialect", "s3"]);
    assert_eq!(status, 2);
}

/// ERR-1, VS-1: a server of the other dialect diverges (exit 1, traces written, one row per
/// group); with those groups in `--known`, the same run exits 0.
#[test]
fn divergences_exit_1_and_known_groups_exit_0() {
    let server = Running::dialect(Dialect::S3);
    let out = tempfile::tempdir().expect("a temporary directory");
    let out_dir = out.path().to_str().expect("UTF-8");
    let args = [
        "--endpoint",
        &server.url,
        "--dialect",
        "oss",
        "--cases",
        "10",
        "--max-steps",
        "10",
        "--seed",
        "3",
        "--out",
        out_dir,
        "--max-shrink-iters",
        "50",
        "--ops",
        "put_bucket_versioning,put_object,get_object,head_object,delete_object",
    ];
    let (status, output) = check(&args);
    assert_eq!(status, 1, "{output}");
    let groups: Vec<&str> = output
        .lines()
        .filter(|line| line.contains("| NEW |"))
        .filter_map(|line| line.split('|').nth(1))
        .map(str::trim)
        .collect();
    assert!(!groups.is_empty(), "{output}");
    let traces = std::fs::read_dir(out.path()).expect("the traces").count();
    assert_eq!(traces, groups.len(), "{output}");
    let known = out.path().join("known.txt");
    std::fs::write(&known, format!("# accepted\n{}\n", groups.join("\n"))).expect("written");
    let mut with_known = args.to_vec();
    with_known.extend(["--known", known.to_str().expect("UTF-8")]);
    let (status, output) = check(&with_known);
    assert_eq!(status, 0, "{output}");
    assert!(output.contains("| known |"), "{output}");
}
