//! The bad-input catalogue in `tests/bad-input/`: malformed rule files (`rules/`) with the
//! diagnostics each must get, and malformed or hostile records (`records/`) with the
//! judgement each must still get, or the record error when nothing in it can be judged.
//! Every `NAME` has `NAME.expected.json`; a file without one fails. Rewrite them after
//! reviewing a change with `HJL_BLESS=1 cargo test -p hjl-core --test bad_input`.

#![allow(
    clippy::panic,
    clippy::expect_used,
    reason = "a test fails loudly on the first broken assumption"
)]

use std::fs;
use std::path::{Path, PathBuf};

use hjl_core::{Engine, Severity};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/bad-input");

/// The files of one part of the catalogue with the given extension, sorted.
fn inputs(part: &str, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(Path::new(DIR).join(part))
        .expect("the catalogue")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == extension)
                && !p.to_string_lossy().ends_with(".expected.json")
        })
        .collect();
    files.sort();
    files
}

/// Compares `actual` with the file's expectation, or writes it when blessing. Returns a
/// failure message.
fn expect(input: &Path, actual: &serde_json::Value) -> Option<String> {
    let expected_path = input.with_extension("expected.json");
    let text = serde_json::to_string_pretty(actual).expect("JSON") + "\n";
    if std::env::var_os("HJL_BLESS").is_some() {
        fs::write(&expected_path, &text).expect("writable");
        return None;
    }
    match fs::read_to_string(&expected_path) {
        Ok(expected) if expected == text => None,
        Ok(_) => Some(format!("{}: differs from its expectation", input.display())),
        Err(_) => Some(format!("{}: no expectation", input.display())),
    }
}

#[test]
fn every_malformed_rule_file_gets_its_diagnostics() {
    let files = inputs("rules", "hjl");
    assert!(
        files.len() >= 40,
        "at least 40 malformed rule files: {}",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).expect("UTF-8");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let diagnostics = hjl_core::check([(name.clone(), text.clone())]);
        if diagnostics.is_empty() {
            failures.push(format!("{name}: nothing said, but it is malformed"));
        }
        // Compiling for judging refuses no more than checking does (it skips the bodies of
        // tests, so an error inside a test does not stop it).
        let errors = |ds: &[hjl_core::Diagnostic]| -> Vec<String> {
            ds.iter()
                .filter(|d| d.severity() == Severity::Error)
                .map(|d| format!("{} {}", d.code(), d.message()))
                .collect()
        };
        if let Err(e) = Engine::compile_rules([(name.clone(), text)]) {
            let checked = errors(&diagnostics);
            if let Some(extra) = errors(&e.diagnostics)
                .into_iter()
                .find(|x| !checked.contains(x))
            {
                failures.push(format!(
                    "{name}: judging refuses what checking does not: {extra}"
                ));
            }
        }
        let json: Vec<_> = diagnostics
            .iter()
            .map(hjl_core::Diagnostic::to_json)
            .collect();
        failures.extend(expect(path, &serde_json::to_value(json).expect("JSON")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn engine() -> Engine {
    let rulesets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rulesets");
    let read = |name: &str| {
        let text = fs::read_to_string(rulesets.join(name)).expect("a shipped file");
        (format!("rulesets/{name}"), text)
    };
    Engine::compile_rules([read("common.hjl"), read("industry-trade.hjl")])
        .unwrap_or_else(|e| panic!("{}", hjl_core::render(&e.diagnostics, false)))
}

#[test]
fn every_malformed_record_is_judged_as_far_as_it_can_be() {
    let engine = engine();
    let files = inputs("records", "json");
    assert!(
        files.len() >= 40,
        "at least 40 malformed records: {}",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let bytes = fs::read(path).expect("readable");
        let text = String::from_utf8(bytes).expect("the records are UTF-8; streams test the rest");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let actual = match engine.evaluate_str(&text) {
            Ok(judgement) => serde_json::to_value(&judgement).expect("JSON"),
            Err(e) => {
                // Only input that is no JSON object at all may lose the whole record.
                let object =
                    serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'))
                        .is_ok_and(|v| v.is_object());
                if object {
                    failures.push(format!("{name}: an object, refused whole: {e}"));
                }
                serde_json::json!({ "error": e.to_string() })
            }
        };
        failures.extend(expect(path, &actual));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
