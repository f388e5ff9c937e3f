//! The command line: `--help` names every option, and the exit status says what went wrong.

use std::net::TcpListener;
use std::process::Command;

fn load() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bucket-versioning-load"))
}

#[test]
fn help_lists_every_option() {
    let output = load().arg("--help").output().expect("the binary runs");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for option in [
        "--endpoint",
        "--dialect",
        "--baseline",
        "--clients",
        "--duration",
        "--seed",
        "--keys",
        "--object-size",
        "--bucket",
        "--max-unexpected",
        "--format",
        "--quiet",
        "Exit status",
    ] {
        assert!(help.contains(option), "--help lacks {option}:\n{help}");
    }
}

#[test]
fn a_malformed_endpoint_is_a_usage_error() {
    for endpoint in [
        "no-equals-sign",
        "=http://127.0.0.1:1",
        "bv=https://127.0.0.1:1",
        "bv=not a url",
    ] {
        let output = load()
            .args(["-e", endpoint])
            .output()
            .expect("the binary runs");
        assert_eq!(output.status.code(), Some(2), "{endpoint}");
        assert!(!output.stderr.is_empty());
    }
    let output = load().output().expect("the binary runs");
    assert_eq!(output.status.code(), Some(2), "no endpoint at all");
}

#[test]
fn an_endpoint_that_does_not_answer_fails_with_status_1() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let output = load()
        .args([
            "-e",
            &format!("gone=http://127.0.0.1:{port}"),
            "-d",
            "1",
            "--quiet",
        ])
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error: gone:"), "{stderr}");
}
