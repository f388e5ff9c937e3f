//! The command line: `--help` lists every option (issue 17, operable), and bad arguments are
//! refused before anything starts.

use std::process::Command;

const BINARY: &str = env!("CARGO_BIN_EXE_bucket-versioning");

// Issue 17: `--help` lists every option.
#[test]
fn serve_help_lists_every_option() {
    let output = Command::new(BINARY)
        .args(["serve", "--help"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for option in [
        "--dialect",
        "--bind",
        "--seed",
        "--auto-create",
        "--auth",
        "--access-key",
        "--secret-key",
        "--data-dir",
    ] {
        assert!(help.contains(option), "{option} missing from:\n{help}");
    }
}

// Issue 17: --auth verify needs the key pair; an unknown dialect is refused (clap's exit 2).
#[test]
fn bad_arguments_are_refused() {
    let verify = Command::new(BINARY)
        .args(["serve", "--bind", "127.0.0.1:0", "--auth", "verify"])
        .output()
        .expect("runs");
    assert_eq!(verify.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&verify.stderr).contains("--access-key"));
    let dialect = Command::new(BINARY)
        .args(["serve", "--dialect", "gcs"])
        .output()
        .expect("runs");
    assert_eq!(dialect.status.code(), Some(2));
}
