//! The real-SDK suites (`tests/sdk/`, issue 17) install and collect: the pinned requirements
//! install into the cached virtualenv, and pytest imports every module of both dialects and
//! finds their tests. Running them needs the server (`BV_SERVER_BIN`); this test only keeps
//! them importable and the Python plumbing (`support::python`) exercised.

mod support;

use support::python::Venv;

#[test]
fn the_sdk_suites_import_and_collect() {
    let venv = Venv::ensure();
    let run = venv.pytest(
        &["--collect-only", "-q"],
        // Collection never needs an endpoint; make sure none leaks in from the environment.
        &[
            ("BV_ENDPOINT_OSS", ""),
            ("BV_ENDPOINT_S3", ""),
            ("BV_SERVER_BIN", ""),
        ],
    );
    run.assert_success();
    let collected: Vec<&str> = run
        .output
        .lines()
        .filter(|line| line.contains(".py::test_"))
        .collect();
    for dialect in ["oss/", "s3/"] {
        let count = collected
            .iter()
            .filter(|id| id.starts_with(dialect))
            .count();
        assert!(
            count >= 100,
            "only {count} tests collected under {dialect}:\n{}",
            run.output
        );
    }
    // The acceptance flows of issue 17 are among them.
    for flow in [
        "oss/test_seed_flows.py::test_simple_upload_reports_the_version_id",
        "oss/test_seed_flows.py::test_append_at_zero_then_at_next_position",
        "oss/test_seed_flows.py::test_multipart_upload_and_read_back",
    ] {
        assert!(
            collected.contains(&flow),
            "{flow} is not collected:\n{}",
            run.output
        );
    }
    assert!(
        run.summary().is_some_and(|line| line.contains("collected")),
        "no summary line:\n{}",
        run.output
    );
}
