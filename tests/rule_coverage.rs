//! Every rule of `rules.md` is cited by at least one test (`// Rule: ID`) and taught by a
//! chapter of `docs/`, and the docs index (`docs/README.md`) maps every rule to its chapters and
//! test files. Regenerate the index table after a change with
//! `BLESS=1 cargo test --test rule_coverage`, then review the diff.
//!
//! The specification ships with the crate in `docs/spec/`; these checks read that copy. When the
//! upstream specification (`../shared/spec/`) is beside the checkout, the copy must equal it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Rules of revision 2 that the model does not implement yet, by the open issue that builds
/// them. Each issue removes its own list when it lands; every list has landed.
const NOT_IMPLEMENTED: &[&[&str]] = &[];

fn not_implemented(id: &str) -> bool {
    NOT_IMPLEMENTED.iter().any(|rules| rules.contains(&id))
}

/// The specification files the crate ships in `docs/spec/`.
const SPEC_FILES: &[&str] = &["rules.md", "trace-format.md"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The rule IDs of the in-repository `docs/spec/rules.md`, in order.
fn spec_rule_ids() -> Vec<String> {
    let text = fs::read_to_string(root().join("docs/spec/rules.md"))
        .expect("the crate ships its specification in docs/spec/rules.md");
    text.lines()
        .filter_map(|line| line.strip_prefix("| "))
        .filter_map(|rest| rest.split_whitespace().next())
        .filter(|word| is_rule_id(word))
        .map(String::from)
        .collect()
}

/// The copy in `docs/spec/` never drifts from the upstream specification: when
/// `../shared/spec/` is beside the checkout, every shipped file equals its upstream.
#[test]
fn the_shipped_specification_equals_the_upstream_one() {
    let upstream = root().join("../shared/spec");
    if !upstream.is_dir() {
        eprintln!("note: {} is absent; nothing to compare", upstream.display());
        return;
    }
    for name in SPEC_FILES {
        let shipped = fs::read_to_string(root().join("docs/spec").join(name))
            .unwrap_or_else(|error| panic!("docs/spec/{name}: {error}"));
        let original = fs::read_to_string(upstream.join(name))
            .unwrap_or_else(|error| panic!("../shared/spec/{name}: {error}"));
        assert!(
            shipped == original,
            "docs/spec/{name} differs from ../shared/spec/{name}: copy it again"
        );
    }
}

fn is_rule_id(word: &str) -> bool {
    word.split_once('-').is_some_and(|(family, number)| {
        !family.is_empty()
            && family.bytes().all(|b| b.is_ascii_uppercase())
            && !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit())
    })
}

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}

/// Rule IDs cited by `Rule:` comments, expanding ranges like `INV-1..INV-8`, per file.
fn citations() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&root().join("tests"), &mut files);
    rust_files(&root().join("src"), &mut files);
    let mut cited: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("read a source file");
        let name = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .display()
            .to_string();
        for line in text.lines() {
            let Some((_, rest)) = line.split_once("Rule: ") else {
                continue;
            };
            let rest = rest.split(" — ").next().unwrap_or(rest);
            for item in rest
                .split([',', ' ', '(', ')'])
                .filter(|item| !item.is_empty())
            {
                for id in expand(item) {
                    cited.entry(id).or_default().insert(name.clone());
                }
            }
        }
    }
    cited
}

fn expand(item: &str) -> Vec<String> {
    if let Some((from, to)) = item.split_once("..").or_else(|| item.split_once('…')) {
        let (Some((family, first)), Some((_, last))) = (from.split_once('-'), to.split_once('-'))
        else {
            return Vec::new();
        };
        let (Ok(first), Ok(last)) = (first.parse::<u32>(), last.parse::<u32>()) else {
            return Vec::new();
        };
        return (first..=last).map(|n| format!("{family}-{n}")).collect();
    }
    if is_rule_id(item) {
        vec![item.to_string()]
    } else {
        Vec::new()
    }
}

#[test]
fn every_rule_is_cited_by_a_test() {
    let rules = spec_rule_ids();
    assert!(
        rules.len() > 90,
        "rules.md parsed too few rule IDs: {rules:?}"
    );
    let cited = citations();
    let missing: Vec<&String> = rules
        .iter()
        .filter(|id| !not_implemented(id) && !cited.contains_key(*id))
        .collect();
    assert!(missing.is_empty(), "rules no test cites: {missing:?}");
}

/// The chapters of `docs/` (file name, title) and the rule IDs each mentions, ranges expanded.
fn chapters() -> Vec<(String, String, BTreeSet<String>)> {
    let mut chapters = Vec::new();
    for entry in fs::read_dir(root().join("docs"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let path = entry.path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default()
            .to_string();
        if !name.ends_with(".md") || name == "README.md" {
            continue;
        }
        let text = fs::read_to_string(&path).expect("read a chapter");
        let title = text
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("# ")
            .to_string();
        // "APP-1 … APP-11" is a range in prose; join it into one word first.
        let joined = text.replace(" … ", "…").replace(" .. ", "..");
        let ids = joined
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '…'))
            .flat_map(|word| expand(word.trim_end_matches('.')))
            .collect();
        chapters.push((name, title, ids));
    }
    chapters.sort();
    chapters
}

/// The index table: one row per rule of `rules.md`.
fn rules_table(rules: &[String]) -> String {
    let cited = citations();
    let chapters = chapters();
    let mut table = String::from("| rule | chapter | tests |\n|---|---|---|\n");
    for id in rules {
        let taught: Vec<String> = chapters
            .iter()
            .filter(|(_, _, ids)| ids.contains(id))
            .map(|(name, title, _)| format!("[{title}]({name})"))
            .collect();
        let tests: Vec<String> = cited
            .get(id)
            .map(|files| files.iter().map(|file| format!("`{file}`")).collect())
            .unwrap_or_default();
        let none = if not_implemented(id) {
            "not implemented yet"
        } else {
            "—"
        };
        let or_none = |list: Vec<String>| {
            if list.is_empty() {
                none.to_string()
            } else {
                list.join(", ")
            }
        };
        table.push_str(&format!(
            "| {id} | {} | {} |\n",
            or_none(taught),
            or_none(tests)
        ));
    }
    table
}

#[test]
fn every_rule_is_taught_by_a_chapter() {
    let rules = spec_rule_ids();
    let chapters = chapters();
    let missing: Vec<&String> = rules
        .iter()
        .filter(|id| !not_implemented(id))
        .filter(|id| !chapters.iter().any(|(_, _, ids)| ids.contains(*id)))
        .collect();
    assert!(missing.is_empty(), "rules no chapter teaches: {missing:?}");
}

#[test]
fn the_docs_index_table_is_current() {
    let rules = spec_rule_ids();
    let path = root().join("docs/README.md");
    let text = fs::read_to_string(&path).expect("docs/README.md exists");
    let (start, end) = ("<!-- rules -->\n", "<!-- /rules -->");
    let from = text.find(start).expect("the index has a rules marker") + start.len();
    let to = text.find(end).expect("the index has an end marker");
    let table = rules_table(&rules);
    if std::env::var_os("BLESS").is_some() {
        let mut updated = text.clone();
        updated.replace_range(from..to, &table);
        fs::write(&path, updated).expect("rewrite the index");
        return;
    }
    assert!(
        text[from..to] == table,
        "docs/README.md's rule table is stale: regenerate with BLESS=1"
    );
}
