//! The shipped rule files and the cross-language conformance corpus in `tests/corpus/`:
//! every `NAME.json` record must have `NAME.expected.json` (the reports, exactly), and a
//! record without an expectation fails. Python and WASM run the same files.
//! Rewrite expectations after reviewing a change with `HJL_BLESS=1 cargo test --test corpus`.

#![allow(
    clippy::panic,
    clippy::expect_used,
    reason = "a test fails loudly on the first broken assumption"
)]

use std::fs;
use std::path::{Path, PathBuf};

use hjl_core::Engine;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn shipped_engine() -> Engine {
    let dir = Path::new(ROOT).join("rulesets");
    let mut sources = Vec::new();
    for entry in fs::read_dir(&dir).expect("rulesets/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "hjl") {
            let name = format!(
                "rulesets/{}",
                path.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
            sources.push((name, fs::read_to_string(&path).expect("readable")));
        }
    }
    sources.sort();
    Engine::compile(sources)
        .unwrap_or_else(|e| panic!("{}", hjl_core::render(&e.diagnostics, false)))
}

#[test]
fn shipped_rulesets_pass_their_own_tests() {
    let engine = shipped_engine();
    let results = engine.run_tests();
    let failed: Vec<String> = results
        .iter()
        .filter(|r| !r.passed())
        .map(|r| {
            format!(
                "{}:{} {}: {}",
                r.file,
                r.line,
                r.name,
                r.failures.join("; ")
            )
        })
        .collect();
    assert!(!results.is_empty());
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn every_shipped_clause_has_a_major_and_a_clear_test() {
    let engine = shipped_engine();
    let results = engine.run_tests();
    let uncovered: Vec<String> = engine
        .coverage(&results)
        .iter()
        .filter(|c| !c.covered())
        .map(|c| {
            format!(
                "{} {} (major tests {}, clear tests {})",
                c.standard, c.clause, c.positive, c.negative
            )
        })
        .collect();
    assert!(
        uncovered.is_empty(),
        "clauses lacking tests:\n{}",
        uncovered.join("\n")
    );
}

fn corpus_records() -> Vec<PathBuf> {
    let dir = Path::new(ROOT).join("tests/corpus");
    let mut records: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/corpus/")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.ends_with(".json") && !name.ends_with(".expected.json")
        })
        .collect();
    records.sort();
    records
}

#[test]
fn conformance_corpus() {
    let engine = shipped_engine();
    let bless = std::env::var_os("HJL_BLESS").is_some();
    let records = corpus_records();
    assert!(
        records.len() >= 30,
        "the corpus needs at least 30 cases, has {}",
        records.len()
    );
    let mut failures = Vec::new();
    for record in &records {
        let expected_path = record.with_extension("expected.json");
        let text = fs::read_to_string(record).expect("readable record");
        let actual = match engine.evaluate_str(&text) {
            Ok(judgement) => {
                let bulk = engine
                    .classify_str(&text)
                    .expect("judged once, classified too");
                if bulk != hjl_core::Classification::from(judgement.clone()) {
                    failures.push(format!(
                        "{}: the bulk verdicts differ from the full judgement's",
                        record.display()
                    ));
                }
                serde_json::to_value(judgement).expect("serializable")
            }
            Err(e) => serde_json::json!({ "error": e.to_string() }),
        };
        if bless {
            let pretty = serde_json::to_string_pretty(&actual).expect("serializable") + "\n";
            fs::write(&expected_path, pretty).expect("write expectation");
            continue;
        }
        let Ok(expected) = fs::read_to_string(&expected_path) else {
            failures.push(format!(
                "{}: no expectation ({} missing)",
                record.display(),
                expected_path.display()
            ));
            continue;
        };
        let expected: serde_json::Value =
            serde_json::from_str(&expected).expect("expectation is JSON");
        if expected != actual {
            failures.push(format!(
                "{}: report differs from {}",
                record.display(),
                expected_path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rulesets_readme_lists_every_version_with_its_counts() {
    let readme =
        fs::read_to_string(Path::new(ROOT).join("rulesets/README.md")).expect("rulesets/README.md");
    let engine = shipped_engine();
    let missing: Vec<String> = engine
        .standards()
        .iter()
        .map(|s| {
            let until = s.superseded.clone().unwrap_or_else(|| "—".to_owned());
            format!(
                "| {} | {} | {} | {} | {until} | {} | {} | {} |",
                s.name, s.title, s.document, s.effective, s.clauses, s.pending, s.uncertain
            )
        })
        .filter(|row| !readme.contains(row))
        .collect();
    assert!(
        missing.is_empty(),
        "rulesets/README.md lacks these rows (see `hjl check --summary rulesets/`):\n{}",
        missing.join("\n")
    );
}

#[test]
fn readme_tour_compiles_and_its_test_passes() {
    let readme = fs::read_to_string(Path::new(ROOT).join("README.md")).expect("README.md");
    let tour = readme
        .split("```hjl\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README has an hjl block");
    let common =
        fs::read_to_string(Path::new(ROOT).join("rulesets/common.hjl")).expect("common.hjl");
    let engine = Engine::compile([("common.hjl", common.as_str()), ("tour.hjl", tour)])
        .unwrap_or_else(|e| panic!("{}", hjl_core::render(&e.diagnostics, false)));
    let results = engine.run_tests();
    assert_eq!(results.len(), 1);
    assert!(
        results.iter().all(hjl_core::TestResult::passed),
        "{results:?}"
    );
}
