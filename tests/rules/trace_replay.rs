//! The trace format (`docs/spec/trace-format.md`) and the `replay` example: the spec's
//! example trace gives the outcomes it describes, the replayer answers line by line over
//! pipes, and a malformed line gets `MalformedCommand` without stopping the replay.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command as Process, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use bucket_versioning::{Bucket, wire};
use serde_json::{Value, json};

const SPEC_EXAMPLE: &str = r#"{"op":"put_bucket_versioning","status":"Enabled"}
{"op":"put_object","key":"report.txt","body":"v1"}
{"op":"delete_object","key":"report.txt"}
{"op":"get_object","key":"report.txt"}
"#;

/// Replays `trace` through the library the way the example does.
fn replay_in_process(trace: &str) -> Vec<Value> {
    let mut bucket = Bucket::default();
    wire::replay(&mut bucket, trace)
        .map(|reply| serde_json::to_value(reply).expect("replies serialize"))
        .collect()
}

#[track_caller]
fn assert_spec_example_outcomes(outcomes: &[Value]) {
    assert_eq!(outcomes.len(), 4, "{outcomes:?}");
    assert_eq!(outcomes[0], json!({"ok": {"status": "Enabled"}}));
    let put = &outcomes[1]["ok"];
    let put_id = put["version_id"].as_str().expect("a fresh version ID");
    assert_eq!(put_id.len(), 32);
    assert_eq!(put["etag"], "6654C734CCAB8F440FF0825EB443DC7F");
    assert!(
        put["crc64"]
            .as_str()
            .expect("CRC-64 as a string")
            .parse::<u64>()
            .is_ok()
    );
    let delete = &outcomes[2]["ok"];
    assert_eq!(delete["delete_marker"], true);
    let marker_id = delete["version_id"].as_str().expect("the marker's ID");
    assert_ne!(marker_id, put_id);
    let error = &outcomes[3]["error"];
    assert_eq!(error["code"], "NoSuchKey");
    assert_eq!(error["status"], 404);
    assert_eq!(error["delete_marker"], true);
    assert_eq!(error["version_id"], marker_id);
    assert!(error["message"].is_string());
}

// Rule: DEL-3, GET-2, RSP-1, RSP-2 — the spec's example trace, in process.
#[test]
fn spec_example_in_process() {
    assert_spec_example_outcomes(&replay_in_process(SPEC_EXAMPLE));
}

/// The replay example's binary, built by `cargo test` beside the test binaries.
fn replay_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let path = profile_dir
        .join("examples")
        .join(format!("replay{}", std::env::consts::EXE_SUFFIX));
    if !path.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Process::new(cargo)
            .args(["build", "--example", "replay"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the replay example failed");
    }
    path
}

fn spawn_replay(args: &[&str]) -> Child {
    Process::new(replay_binary())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the replay example starts")
}

// The spec's example through the real program, from a file argument.
#[test]
fn spec_example_through_the_program() {
    let path = std::env::temp_dir().join(format!(
        "bucket-versioning-trace-{}.jsonl",
        std::process::id()
    ));
    std::fs::write(&path, format!("# the spec's example\n\n{SPEC_EXAMPLE}"))
        .expect("write the trace");
    let output = Process::new(replay_binary())
        .arg(&path)
        .output()
        .expect("replay runs");
    std::fs::remove_file(&path).ok();
    assert!(output.status.success());
    let outcomes: Vec<Value> = String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each outcome line is JSON"))
        .collect();
    assert_spec_example_outcomes(&outcomes);
    assert_eq!(
        outcomes,
        replay_in_process(SPEC_EXAMPLE),
        "the program and the library agree"
    );
}

// Interactive use: write one line, read one line; a malformed line answers MalformedCommand
// and the next line still works.
#[test]
fn replay_answers_each_line_over_pipes() {
    let mut child = spawn_replay(&["--dialect", "oss", "--seed", "0", "-"]);
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, replies) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if sender.send(line.expect("a line")).is_err() {
                break;
            }
        }
    });
    let mut exchange = |line: &str| -> Value {
        writeln!(stdin, "{line}").expect("write a line");
        stdin.flush().expect("flush");
        let reply = replies
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no reply to {line:?}: the replayer must flush each line"));
        serde_json::from_str(&reply).expect("the reply is JSON")
    };
    assert_eq!(
        exchange(r#"{"op":"put_bucket_versioning","status":"Enabled"}"#),
        json!({"ok": {"status": "Enabled"}})
    );
    let malformed = exchange(r#"{"op":"put_object","key":"k"}"#);
    assert_eq!(malformed["error"]["code"], "MalformedCommand");
    assert!(
        malformed["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("body"))
    );
    assert_eq!(
        exchange("not json at all")["error"]["code"],
        "MalformedCommand"
    );
    let put = exchange(r#"{"op":"put_object","key":"k","body":{"repeat":"ab","times":3}}"#);
    assert!(put["ok"]["version_id"].is_string(), "{put}");
    let get = exchange(r#"{"op":"head_object","key":"k"}"#);
    assert_eq!(get["ok"]["size"], 6);
    assert_eq!(get["ok"]["version_id"], put["ok"]["version_id"]);
    drop(stdin);
    let status = child.wait().expect("the replayer exits");
    assert!(status.success(), "exit status 0 at the end of input");
    reader.join().expect("reader thread");
}

// `--dialect s3` and `--seed` select the bucket's configuration.
#[test]
fn dialect_and_seed_flags() {
    let run = |args: &[&str]| -> Vec<Value> {
        let mut child = spawn_replay(args);
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(b"{\"op\":\"put_bucket_versioning\",\"status\":\"Disabled\"}\n{\"op\":\"put_bucket_versioning\",\"status\":\"Enabled\"}\n{\"op\":\"put_object\",\"key\":\"k\",\"body\":\"v1\"}\n")
            .expect("write");
        drop(stdin);
        let output = child.wait_with_output().expect("replay runs");
        String::from_utf8(output.stdout)
            .expect("UTF-8")
            .lines()
            .map(|line| serde_json::from_str(line).expect("JSON"))
            .collect()
    };
    let s3 = run(&["--dialect", "s3", "--seed", "5"]);
    assert_eq!(
        s3[0]["error"]["code"],
        "IllegalVersioningConfigurationException"
    );
    assert_eq!(s3[2]["ok"]["etag"], "6654c734ccab8f440ff0825eb443dc7f");
    let oss = run(&["--seed", "5"]);
    assert_eq!(oss[0]["error"]["code"], "MalformedXML");
    assert_eq!(
        oss[2]["ok"]["version_id"], s3[2]["ok"]["version_id"],
        "same seed, same IDs"
    );
    let other_seed = run(&["--seed", "6"]);
    assert_ne!(
        other_seed[2]["ok"]["version_id"],
        oss[2]["ok"]["version_id"]
    );
}
