//! What a divergence becomes: a replayable trace (`.jsonl`, trace format revision 1) with the
//! endpoint's outcome and the model's side by side, the rules the diverging step falls under and
//! a one-line summary; and the run's summary table.
//!
//! The trace holds the scenario's commands in the model's IDs, and the chain read back after
//! the last step when that is where the endpoint diverged; the answers are `#` comments, so
//! `cargo run --example replay -- --dialect D --seed 0 FILE` replays it and prints the model's
//! outcomes.

use std::fmt::Write as _;

use bucket_versioning::version_id::{IdSource, SeededIds};
use bucket_versioning::{Command, Dialect};

use crate::case::{self, CaseRun, MODEL_SEED};
use crate::check::Report;
use crate::ids::IdMap;

/// The one-line summary of `run`'s divergence: `delete_object step 3 (chain read back):
/// entries[0].version_id: endpoint "…" ≠ model "…" [RSP]`.
pub fn summary(run: &CaseRun) -> String {
    let Some(divergence) = &run.divergence else {
        return "no divergence".to_owned();
    };
    let number = commands(run).len();
    let (what, read_back) = match run.steps.get(divergence.step) {
        Some(step) if step.read_back => (divergence.op.as_str(), " (chain read back)"),
        _ => (divergence.op.as_str(), ""),
    };
    let path = if divergence.difference.path.is_empty() {
        "the answer".to_owned()
    } else {
        divergence.difference.path.clone()
    };
    format!(
        "{what} step {number}{read_back}: {path}: endpoint {} ≠ model {} [{}]",
        clipped(&divergence.difference.endpoint.to_string()),
        clipped(&divergence.difference.model.to_string()),
        divergence.rule
    )
}

/// The most characters of one side a summary line shows; the trace holds the whole value.
const SUMMARY_VALUE_CHARS: usize = 160;

/// `value`, cut to [`SUMMARY_VALUE_CHARS`] characters with what was left out said, so that one
/// huge answer (a batch of a thousand keys) keeps its summary one readable line.
fn clipped(value: &str) -> String {
    let total = value.chars().count();
    if total <= SUMMARY_VALUE_CHARS {
        return value.to_owned();
    }
    let head: String = value.chars().take(SUMMARY_VALUE_CHARS).collect();
    format!("{head}… ({total} characters in all; the trace has them)")
}

/// The steps of `run` the trace holds: the scenario's, and the diverging read-back.
fn commands(run: &CaseRun) -> Vec<&case::Step> {
    let last = run.divergence.as_ref().map(|divergence| divergence.step);
    run.steps
        .iter()
        .enumerate()
        .filter(|(index, step)| !step.read_back || Some(*index) == last)
        .map(|(_, step)| step)
        .collect()
}

/// How many commands the trace of `run` holds.
pub fn trace_len(run: &CaseRun) -> usize {
    commands(run).len()
}

/// The trace of `run` (see the [module docs](self)).
pub fn trace(dialect: Dialect, run: &CaseRun) -> String {
    let dialect_name = match dialect {
        Dialect::Oss => "oss",
        Dialect::S3 => "s3",
    };
    let mut out = String::new();
    let _ = writeln!(out, "# bucket-versioning check: {}", summary(run));
    if let Some(divergence) = &run.divergence {
        let _ = writeln!(out, "# group: {}", divergence.group());
        // A chain read back falls under the rules of the step that made the chain, and LST.
        let mut rules = Vec::new();
        if let Some(step) = run.steps.get(divergence.step) {
            if step.read_back
                && let Some(before) = divergence
                    .step
                    .checked_sub(1)
                    .and_then(|i| run.steps.get(i))
            {
                rules.extend(case::rules_of(before));
            }
            for rule in case::rules_of(step) {
                if !rules.contains(&rule) {
                    rules.push(rule);
                }
            }
        }
        let _ = writeln!(out, "# rules: {}", rules.join(", "));
    }
    let _ = writeln!(
        out,
        "# replay: cargo run --example replay -- --dialect {dialect_name} --seed {MODEL_SEED} FILE"
    );
    let _ = writeln!(
        out,
        "# the endpoint's IDs are shown as the model's (the mapping the run learnt)"
    );
    let uploads = seeded_uploads(run);
    if !uploads.is_empty() {
        let _ = writeln!(
            out,
            "# upload IDs are shown as the seed's, in the order the uploads were initiated (the run \
             mirrored the endpoint's)"
        );
    }
    for (number, step) in commands(run).into_iter().enumerate() {
        let command = serde_json::to_value(&step.command).unwrap_or_default();
        let _ = writeln!(out, "{}", uploads.to_model(&command));
        let mark = if step.model == step.endpoint {
            ""
        } else {
            "  <- differs"
        };
        let (model, endpoint) = (
            uploads.to_model(&step.model),
            uploads.to_model(&step.endpoint),
        );
        let _ = writeln!(out, "#   {:>2} model:    {model}", number + 1);
        let _ = writeln!(out, "#   {:>2} endpoint: {endpoint}{mark}", number + 1);
    }
    out
}

/// The endpoint's upload IDs (which the run's model mirrored, MPU-1) paired with those a model
/// of the seed gives out for the same initiations, so that the trace replays with the seed.
fn seeded_uploads(run: &CaseRun) -> IdMap {
    let mut seeded = SeededIds::new(MODEL_SEED);
    let mut uploads = IdMap::new();
    for step in &run.steps {
        let initiated = step
            .model
            .get("ok")
            .and_then(|ok| ok.get("upload_id"))
            .and_then(serde_json::Value::as_str);
        if let (Command::InitiateMultipartUpload(_), Some(theirs)) = (&step.command, initiated) {
            uploads.pair(seeded.next_upload_id().as_str(), theirs);
        }
    }
    uploads
}

/// The summary table: one row per group, with its status and cases, then the totals.
pub fn table(report: &Report, traces: &[(String, String)]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| group (op/field/rule) | status | cases | minimal trace |"
    );
    let _ = writeln!(out, "|---|---|---|---|");
    for (group, found) in &report.groups {
        let status = if found.known { "known" } else { "NEW" };
        let trace = traces
            .iter()
            .find(|(name, _)| *name == group.to_string())
            .map_or_else(
                || "-".to_owned(),
                |(_, path)| {
                    let len = found.minimal.as_ref().map_or(0, trace_len);
                    format!("{path} ({len} commands)")
                },
            );
        let _ = writeln!(out, "| {group} | {status} | {} | {trace} |", found.cases);
    }
    let _ = writeln!(
        out,
        "\n{} cases, {} commands, {} requests compared, {} groups ({} new)",
        report.cases,
        report.commands,
        report.steps,
        report.groups.len(),
        report.new_groups().count()
    );
    out
}

/// The file name of a group's trace: `op-field-rule.jsonl`.
pub fn file_name(group: &case::Group) -> String {
    let clean = |text: &str| -> String {
        text.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    format!(
        "{}-{}-{}.jsonl",
        clean(&group.op),
        clean(&group.field),
        clean(&group.rule)
    )
}

#[cfg(test)]
mod tests {
    use super::{SUMMARY_VALUE_CHARS, clipped};

    #[test]
    fn a_short_value_is_shown_whole() {
        assert_eq!(clipped(r#"{"ok":{}}"#), r#"{"ok":{}}"#);
        let exact = "é".repeat(SUMMARY_VALUE_CHARS);
        assert_eq!(clipped(&exact), exact);
    }

    #[test]
    fn a_long_value_is_cut_on_a_character_boundary_and_says_so() {
        let long = "é".repeat(SUMMARY_VALUE_CHARS + 40);
        let shown = clipped(&long);
        assert!(shown.starts_with(&"é".repeat(SUMMARY_VALUE_CHARS)));
        assert!(!shown.starts_with(&"é".repeat(SUMMARY_VALUE_CHARS + 1)));
        assert!(shown.ends_with(&format!(
            "… ({} characters in all; the trace has them)",
            SUMMARY_VALUE_CHARS + 40
        )));
    }
}
