//! The checker against moto's S3 server (issue 18's third acceptance item): moto's known
//! versioning divergences come out as separate groups, each with a minimal trace.
//!
//! moto is the one the SDK suites pin (`crates/server/tests/sdk/requirements.txt`), from their
//! virtualenv (`CARGO_TARGET_TMPDIR/sdk-venv`), which this test makes through the suites' own
//! support when it is missing (it needs PyPI, as the suites do), or from `BV_MOTO_SERVER` (a
//! `moto_server` executable). moto checks ACLs on unsigned requests, so the checker signs
//! (SigV4, any keys).

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use bucket_versioning::Dialect;
use bucket_versioning_checker::check::{Options, check};
use bucket_versioning_checker::endpoint::HttpEndpoint;
use bucket_versioning_checker::report;
use bucket_versioning_checker::sign::Keys;

#[allow(dead_code, unreachable_pub, unfulfilled_lint_expectations)]
#[path = "../../server/tests/support/python.rs"]
mod python;

/// moto's server executable: `BV_MOTO_SERVER`, else the SDK suites' virtualenv's (made if
/// missing).
fn moto_server() -> PathBuf {
    if let Some(path) = std::env::var_os("BV_MOTO_SERVER") {
        return PathBuf::from(path);
    }
    let server = python::Venv::ensure().dir().join("bin").join("moto_server");
    assert!(
        server.is_file(),
        "no {} in the virtualenv",
        server.display()
    );
    server
}

/// moto on a free local port, killed when dropped.
struct Moto {
    child: Child,
    url: String,
}

impl Moto {
    fn start(server: &PathBuf) -> Moto {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let mut child = Command::new(server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("moto_server starts");
        // moto logs `Running on http://…` on stderr once it listens.
        let stderr = child.stderr.take().expect("piped");
        let mut lines = BufReader::new(stderr).lines();
        let ready = lines
            .by_ref()
            .take(50)
            .map_while(Result::ok)
            .any(|line| line.contains("Running on"));
        assert!(ready, "moto_server did not start");
        // Keep draining its log so that it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        std::thread::sleep(Duration::from_millis(200));
        Moto {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// VS-1..VS-3, DEL-1..DEL-7, BAT-1..BAT-4, LST-1..LST-8, MPU-1..MPU-13, RSP-1..RSP-5 (s3,
/// Enabled and Suspended buckets): moto's divergences are found, one group per (operation,
/// field, rule), each shrunk to a trace of a few commands.
#[test]
fn motos_divergences_come_out_as_groups_with_minimal_traces() {
    let server = moto_server();
    let moto = Moto::start(&server);
    let endpoint = HttpEndpoint::new(&moto.url)
        .expect("a URL")
        .with_keys(Keys::new(Dialect::S3, "testing", "testing"));
    let options = Options {
        cases: 60,
        max_steps: 25,
        seed: 7,
        max_shrink_iters: 300,
        // The s3 default: moto has no appendable objects or symlinks (oss only).
        ..Options::new(Dialect::S3)
    };
    let report = check(&endpoint, &options, &|_| {}).expect("moto answers");
    let mut summary = String::new();
    for (group, found) in &report.groups {
        let minimal = found.minimal.as_ref().expect("each new group is shrunk");
        let commands = report::trace_len(minimal);
        assert!(
            commands <= 8,
            "{group}: {commands} commands:\n{}",
            report::trace(Dialect::S3, minimal)
        );
        summary.push_str(&format!(
            "{group} ({} cases, {commands} commands): {}\n",
            found.cases,
            report::summary(minimal)
        ));
    }
    eprintln!("moto: {} groups\n{summary}", report.groups.len());
    // moto's best-known versioning gaps: a delete in an Enabled bucket of a key it does not
    // hold adds no delete marker (DEL-2), and many more groups besides.
    assert!(report.groups.len() >= 5, "too few groups:\n{summary}");
    assert!(
        report
            .groups
            .keys()
            .any(|group| group.op.starts_with("delete_object")),
        "moto's delete divergences were not found:\n{summary}"
    );
}
