//! Prints the table of `docs/performance.md` from the last benchmark run: criterion's estimates
//! under `target/criterion/`, and the memory figure given on the command line.
//!
//! `benches/report.sh` runs the benchmarks and the memory measurement, then this:
//!
//! ```sh
//! cargo run --release --example perf_report -- --memory 83.3
//! ```
//!
//! Each row is a ratio of two medians from the same run: model over baseline, deep chain over
//! shallow (100,000 entries over 10), big bucket over small (1,000,000 entries over 10,000).

use std::fs;
use std::path::{Path, PathBuf};

/// A row: what is compared, the measured benchmark, the one it is compared with, the target.
struct Row {
    name: &'static str,
    measured: &'static str,
    against: &'static str,
    target: Option<f64>,
}

const ROWS: &[Row] = &[
    Row {
        name: "put: 1,000,000 puts over 100,000 keys, model / bare BTreeMap",
        measured: "put/model",
        against: "put/baseline",
        target: Some(2.5),
    },
    Row {
        name: "mixed trace of 100,000 commands, model / bare maps",
        measured: "mixed/model",
        against: "mixed/baseline",
        target: None,
    },
    Row {
        name: "delete by ID, 100,000 entries / 10",
        measured: "deep_chain/delete_by_id/100000",
        against: "deep_chain/delete_by_id/10",
        target: Some(3.0),
    },
    Row {
        name: "delete by ID, 1,000 entries / 10",
        measured: "deep_chain/delete_by_id/1000",
        against: "deep_chain/delete_by_id/10",
        target: None,
    },
    Row {
        name: "delete by ID in random order, 100,000 entries / 10",
        measured: "deep_chain/delete_by_id_random/100000",
        against: "deep_chain/delete_by_id_random/10",
        target: None,
    },
    Row {
        name: "Suspended put, 100,000 entries / 10",
        measured: "deep_chain/suspended_put/100000",
        against: "deep_chain/suspended_put/10",
        target: Some(3.0),
    },
    Row {
        name: "Suspended put, 1,000 entries / 10",
        measured: "deep_chain/suspended_put/1000",
        against: "deep_chain/suspended_put/10",
        target: None,
    },
    Row {
        name: "first Suspended put on a fresh copy (null entry at the bottom), 100,000 / 10",
        measured: "deep_chain/suspended_put_first/100000",
        against: "deep_chain/suspended_put_first/10",
        target: None,
    },
    Row {
        name: "get by ID, 100,000 entries / 10",
        measured: "deep_chain/get_by_id/100000",
        against: "deep_chain/get_by_id/10",
        target: Some(3.0),
    },
    Row {
        name: "get by ID, 1,000 entries / 10",
        measured: "deep_chain/get_by_id/1000",
        against: "deep_chain/get_by_id/10",
        target: None,
    },
    Row {
        name: "get by ID in random order, 100,000 entries / 10",
        measured: "deep_chain/get_by_id_random/100000",
        against: "deep_chain/get_by_id_random/10",
        target: None,
    },
    Row {
        name: "get the null entry (bottom), 100,000 entries / 10",
        measured: "deep_chain/get_null/100000",
        against: "deep_chain/get_null/10",
        target: Some(3.0),
    },
    Row {
        name: "listing: 1,000-entry page after a marker, 1,000,000 entries / 10,000",
        measured: "listing/page/1000000",
        against: "listing/page/10000",
        target: Some(2.0),
    },
    Row {
        name: "append: 10,000 appends to one object, model / bare map",
        measured: "append/model",
        against: "append/baseline",
        target: None,
    },
    Row {
        name: "multipart: 1,000 completes of 10 parts, model / bare maps",
        measured: "multipart/model",
        against: "multipart/baseline",
        target: None,
    },
];

/// The median time in nanoseconds of benchmark `id` (`group/function[/parameter]`; criterion
/// keeps `function/parameter` in a directory named `function_parameter`).
fn median(criterion: &Path, id: &str) -> Result<f64, String> {
    let (group, function) = id.split_once('/').unwrap_or((id, ""));
    let path = criterion
        .join(group)
        .join(function.replace('/', "_"))
        .join("new/estimates.json");
    let text = fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))?;
    json["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("{}: no median", path.display()))
}

fn human(nanos: f64) -> String {
    if nanos >= 1e9 {
        format!("{:.2} s", nanos / 1e9)
    } else if nanos >= 1e6 {
        format!("{:.2} ms", nanos / 1e6)
    } else if nanos >= 1e3 {
        format!("{:.2} µs", nanos / 1e3)
    } else {
        format!("{nanos:.0} ns")
    }
}

fn verdict(value: f64, target: Option<f64>) -> String {
    match target {
        Some(target) if value <= target => format!("≤ {target} — met"),
        Some(target) => format!("≤ {target} — **missed**"),
        None => "—".into(),
    }
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut memory: Option<f64> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--memory" => {
                let value = args.next().ok_or("--memory needs a value")?;
                memory = Some(
                    value
                        .parse()
                        .map_err(|_| format!("not a number: {value}"))?,
                );
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let criterion = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/criterion");
    println!("| Measure | Measured | Compared with | Ratio | Target |");
    println!("| --- | ---: | ---: | ---: | --- |");
    for row in ROWS {
        match (
            median(&criterion, row.measured),
            median(&criterion, row.against),
        ) {
            (Ok(measured), Ok(against)) => {
                let ratio = measured / against;
                println!(
                    "| {} | {} | {} | {ratio:.2} | {} |",
                    row.name,
                    human(measured),
                    human(against),
                    verdict(ratio, row.target)
                );
            }
            (Err(error), _) | (_, Err(error)) => {
                println!("| {} | not measured ({error}) | | | |", row.name);
            }
        }
    }
    if let Some(bytes) = memory {
        println!(
            "| memory: bytes per version beyond the key bytes, 1,000,000 versions over 100,000 \
             keys | {bytes:.1} B | | | {} |",
            if bytes <= 96.0 {
                "≤ 96 B — met"
            } else {
                "≤ 96 B — **missed**"
            }
        );
    }
    Ok(())
}
