//! The worked examples of `docs/` are replayed and checked, so the docs cannot drift from the
//! code.
//!
//! Each example is a trace `docs/examples/NAME.jsonl` (with optional `# dialect: s3` and
//! `# seed: N` lines), the outcome lines it gives `NAME.out.jsonl`, and the drawing of every
//! chain after it `NAME.chain.txt`. A chapter shows an example between
//! `<!-- example: NAME -->` and `<!-- /example -->`, with the three texts verbatim.
//!
//! To regenerate the outcome files, the drawings and the chapters' example blocks after a
//! deliberate change: `BLESS=1 cargo test --test docs_examples`, then review the diff.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use bucket_versioning::wire;
use bucket_versioning::{BucketConfig, DEFAULT_BUCKET, Dialect, Service};

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

fn blessing() -> bool {
    std::env::var_os("BLESS").is_some()
}

/// What replaying one example gives.
struct Replayed {
    trace: String,
    outcomes: String,
    drawing: String,
}

fn replay(trace: &str) -> Replayed {
    let mut dialect = Dialect::Oss;
    let mut seed = 0;
    for line in trace.lines() {
        if let Some(value) = line.strip_prefix("# dialect:") {
            dialect = value.trim().parse().expect("# dialect: oss|s3");
        } else if let Some(value) = line.strip_prefix("# seed:") {
            seed = value.trim().parse().expect("# seed: N");
        }
    }
    // The replayer runs a service (trace format revision 2); a revision-1 trace only ever
    // names its default bucket, which answers as a bare bucket would.
    let mut service = Service::with_default_bucket(BucketConfig::new(dialect).with_seed(seed));
    let mut outcomes = String::new();
    for line in trace.lines() {
        let Some(reply) = wire::replay_service_line(&mut service, line) else {
            continue;
        };
        outcomes.push_str(&reply.to_line());
        outcomes.push('\n');
        service
            .check_invariants()
            .expect("docs examples keep the invariants");
    }
    let mut drawings = Vec::new();
    for (name, bucket) in service.buckets() {
        let chains = if bucket.is_empty() {
            "(no keys)".to_string()
        } else {
            bucket
                .chains()
                .map(|chain| chain.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        };
        // The default bucket alone draws as a bare bucket did; more buckets are headed by name.
        if name == DEFAULT_BUCKET && service.buckets().count() == 1 {
            drawings.push(chains);
        } else {
            drawings.push(format!("bucket {name}:\n{chains}"));
        }
    }
    let mut drawing = drawings.join("\n");
    if drawing.is_empty() || drawing == "(no keys)" {
        drawing = "(no keys)\n".to_string();
    }
    Replayed {
        trace: trace.to_string(),
        outcomes,
        drawing,
    }
}

fn examples() -> Vec<(String, PathBuf)> {
    let mut names: Vec<(String, PathBuf)> = fs::read_dir(docs_dir().join("examples"))
        .expect("docs/examples exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let stem = name.strip_suffix(".jsonl")?;
            (!stem.ends_with(".out")).then(|| (stem.to_string(), path.clone()))
        })
        .collect();
    names.sort();
    names
}

fn block(name: &str, replayed: &Replayed) -> String {
    format!(
        "<!-- example: {name} -->\nTrace (`examples/{name}.jsonl`):\n\n```jsonl\n{}```\n\nOutcomes (`examples/{name}.out.jsonl`):\n\n```jsonl\n{}```\n\nChains after it (`examples/{name}.chain.txt`):\n\n```text\n{}```\n<!-- /example -->",
        replayed.trace, replayed.outcomes, replayed.drawing
    )
}

/// Every `<!-- example: NAME -->` block of every chapter, as (chapter, name, start, end).
fn example_blocks(text: &str) -> Vec<(String, usize, usize)> {
    let mut blocks = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("<!-- example: ").map(|at| at + from) {
        let name_end = text[start..]
            .find(" -->")
            .map(|at| at + start)
            .expect("a closed marker");
        let name = text[start + "<!-- example: ".len()..name_end].to_string();
        let end = text[start..]
            .find("<!-- /example -->")
            .map(|at| at + start + "<!-- /example -->".len())
            .unwrap_or_else(|| panic!("example {name} has no end marker"));
        blocks.push((name, start, end));
        from = end;
    }
    blocks
}

fn chapters() -> Vec<PathBuf> {
    let mut chapters: Vec<PathBuf> = fs::read_dir(docs_dir())
        .expect("docs exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    chapters.sort();
    chapters
}

#[test]
fn every_example_replays_to_its_recorded_outcomes() {
    let mut failures = Vec::new();
    for (name, path) in examples() {
        let replayed = replay(&fs::read_to_string(&path).expect("read the trace"));
        for (suffix, actual) in [
            (".out.jsonl", &replayed.outcomes),
            (".chain.txt", &replayed.drawing),
        ] {
            let recorded_path = path.with_file_name(format!("{name}{suffix}"));
            if blessing() {
                fs::write(&recorded_path, actual).expect("write the recorded file");
                continue;
            }
            let recorded = fs::read_to_string(&recorded_path).unwrap_or_default();
            if &recorded != actual {
                failures.push(format!(
                    "{name}{suffix} differs:\n--- recorded\n{recorded}--- now\n{actual}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_chapter_block_shows_its_example_verbatim() {
    let known: BTreeSet<String> = examples().into_iter().map(|(name, _)| name).collect();
    let mut shown = BTreeSet::new();
    let mut failures = Vec::new();
    for chapter in chapters() {
        let text = fs::read_to_string(&chapter).expect("read the chapter");
        let mut rewritten = text.clone();
        for (name, start, end) in example_blocks(&text).into_iter().rev() {
            assert!(
                known.contains(&name),
                "{} shows unknown example {name}",
                chapter.display()
            );
            shown.insert(name.clone());
            let path = docs_dir().join("examples").join(format!("{name}.jsonl"));
            let expected = block(
                &name,
                &replay(&fs::read_to_string(path).expect("read the trace")),
            );
            if text[start..end] != expected {
                failures.push(format!(
                    "{}: the block of {name} is stale",
                    chapter.display()
                ));
                rewritten.replace_range(start..end, &expected);
            }
        }
        if blessing() && rewritten != text {
            fs::write(&chapter, rewritten).expect("rewrite the chapter");
        }
    }
    if !blessing() {
        assert!(
            failures.is_empty(),
            "{}\n(regenerate with BLESS=1 and review)",
            failures.join("\n")
        );
    }
    let unshown: Vec<_> = known.difference(&shown).collect();
    assert!(unshown.is_empty(), "examples no chapter shows: {unshown:?}");
}
