//! The report of a run over several endpoints: throughput, latency, unexpected answers, and
//! each endpoint's throughput as a multiple of the baseline's.

use std::fmt::Write as _;
use std::time::Duration;

use crate::run::RunResult;
use crate::workload::Operation;

/// How the report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    Text,
    /// Markdown tables, as `docs/performance.md` holds them.
    Markdown,
}

fn ms(duration: Duration) -> String {
    format!("{:.2}", duration.as_secs_f64() * 1000.0)
}

/// Writes the report of `results`; ratios are against the endpoint named `baseline`.
pub fn write(results: &[RunResult], baseline: &str, format: Format) -> String {
    let base = results
        .iter()
        .find(|result| result.endpoint == baseline)
        .map(RunResult::throughput);
    let ratio = |result: &RunResult| match base {
        Some(base) if base > 0.0 => format!("{:.1}×", result.throughput() / base),
        _ => "–".to_owned(),
    };
    let header = [
        "endpoint".to_owned(),
        "requests".to_owned(),
        "req/s".to_owned(),
        "p50 ms".to_owned(),
        "p99 ms".to_owned(),
        "max ms".to_owned(),
        "unexpected".to_owned(),
        format!("throughput vs {baseline}"),
    ];
    let rows: Vec<Vec<String>> = results
        .iter()
        .map(|result| {
            vec![
                result.endpoint.clone(),
                result.overall.count.to_string(),
                format!("{:.0}", result.throughput()),
                ms(result.overall.p50),
                ms(result.overall.p99),
                ms(result.overall.max),
                result.unexpected.to_string(),
                ratio(result),
            ]
        })
        .collect();
    let mut per_operation_header = vec!["operation".to_owned()];
    for result in results {
        per_operation_header.push(format!("{} count", result.endpoint));
        per_operation_header.push(format!("{} p50/p99 ms", result.endpoint));
    }
    let per_operation: Vec<Vec<String>> = Operation::ALL
        .iter()
        .map(|operation| {
            let mut row = vec![operation.name().to_owned()];
            for result in results {
                let latency = result.per_operation[operation.index()];
                row.push(latency.count.to_string());
                row.push(format!("{} / {}", ms(latency.p50), ms(latency.p99)));
            }
            row
        })
        .collect();
    let mut out = String::new();
    table(&mut out, &header, &rows, format);
    out.push('\n');
    table(&mut out, &per_operation_header, &per_operation, format);
    for result in results {
        for example in &result.unexpected_examples {
            let _ = writeln!(out, "\n{}: unexpected: {example}", result.endpoint);
        }
    }
    out
}

fn table(out: &mut String, header: &[String], rows: &[Vec<String>], format: Format) {
    match format {
        Format::Markdown => {
            let _ = writeln!(out, "| {} |", header.join(" | "));
            let _ = writeln!(
                out,
                "|{}",
                header
                    .iter()
                    .enumerate()
                    .map(|(n, _)| if n == 0 { "---|" } else { "---:|" })
                    .collect::<String>()
            );
            for row in rows {
                let _ = writeln!(out, "| {} |", row.join(" | "));
            }
        }
        Format::Text => {
            let widths: Vec<usize> = (0..header.len())
                .map(|column| {
                    rows.iter()
                        .map(|row| row[column].chars().count())
                        .chain([header[column].chars().count()])
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
                let line: Vec<String> = row
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(column, (cell, width))| {
                        let pad = width - cell.chars().count();
                        if column == 0 {
                            format!("{cell}{}", " ".repeat(pad))
                        } else {
                            format!("{}{cell}", " ".repeat(pad))
                        }
                    })
                    .collect();
                let _ = writeln!(out, "{}", line.join("  ").trim_end());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Latency;

    fn result(name: &str, requests: usize, seconds: u64) -> RunResult {
        let overall = Latency {
            count: requests,
            p50: Duration::from_micros(1500),
            p99: Duration::from_millis(9),
            max: Duration::from_millis(20),
        };
        RunResult {
            endpoint: name.into(),
            elapsed: Duration::from_secs(seconds),
            overall,
            per_operation: [overall; 7],
            unexpected: 0,
            unexpected_examples: vec![],
        }
    }

    #[test]
    fn ratios_are_against_the_baseline() {
        let report = write(
            &[result("bv", 24_000, 10), result("moto", 1_000, 10)],
            "moto",
            Format::Markdown,
        );
        assert!(
            report.contains("| bv | 24000 | 2400 | 1.50 | 9.00 | 20.00 | 0 | 24.0× |"),
            "{report}"
        );
        assert!(
            report.contains("| moto | 1000 | 100 | 1.50 | 9.00 | 20.00 | 0 | 1.0× |"),
            "{report}"
        );
        assert!(
            report.contains("| PutObject | 24000 | 1.50 / 9.00 | 1000 | 1.50 / 9.00 |"),
            "{report}"
        );
    }

    #[test]
    fn text_columns_align_and_an_absent_baseline_gives_no_ratio() {
        let report = write(&[result("bv", 5, 1)], "moto", Format::Text);
        let mut lines = report.lines();
        let header = lines.next().expect("a header");
        let row = lines.next().expect("a row");
        assert!(header.starts_with("endpoint  requests"), "{header}");
        assert!(row.ends_with('–'), "{row}");
        assert_eq!(
            header.find("requests").map(|at| at + "requests".len()),
            row.find(" 5 ").map(|at| at + 2),
            "right-aligned numbers:\n{report}"
        );
    }
}
