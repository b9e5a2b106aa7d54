//! The benchmark's two implementations agree: on 3000 generated 工贸 records, the engine's
//! major clauses for `industry_trade` equal the hand-written baseline's
//! (`benches/support/handwritten.rs`), and the generated records are clean (no errors, no
//! warnings) and realistic (many clauses fire somewhere, many records are incomplete).

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "benchmark support and its test fail loudly"
)]

#[path = "../benches/support/mod.rs"]
mod support;

use std::collections::BTreeMap;

use support::{generate, handwritten};

const SEED: u64 = 0x4A4C_2024;
const COUNT: usize = 3000;

/// Scalar values a record gives (list fields counted per element).
fn facts(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Object(map) => map.values().map(facts).sum(),
        serde_json::Value::Array(items) => items.iter().map(facts).sum(),
        serde_json::Value::Null => 0,
        _ => 1,
    }
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate::records(7, 50), generate::records(7, 50));
    assert_ne!(generate::records(7, 50), generate::records(8, 50));
}

#[test]
fn engine_and_handwritten_baseline_agree() {
    let engine = support::engine();
    let records = generate::records(SEED, COUNT);
    assert_eq!(records.len(), COUNT);

    let mut mismatches = Vec::new();
    let mut fired: BTreeMap<String, usize> = BTreeMap::new();
    let mut with_undetermined = 0;
    let mut with_major = 0;
    let mut total_facts = 0;
    for (i, text) in records.iter().enumerate() {
        let judgement = engine.evaluate_str(text).expect("valid JSON");
        assert!(
            judgement.errors.is_empty() && judgement.warnings.is_empty(),
            "record {i}: errors {:?}, warnings {:?}\n{text}",
            judgement.errors,
            judgement.warnings
        );
        assert_eq!(
            engine.classify_str(text).expect("valid JSON"),
            hjl_core::Classification::from(judgement.clone()),
            "record {i}: the bulk verdicts differ from the full judgement's\n{text}"
        );
        let report = judgement.report("industry_trade").expect("the 工贸 report");
        let by_engine = report.major_clauses();
        let by_hand = handwritten::fired(&handwritten::parse(text));
        if by_engine != by_hand {
            mismatches.push(format!(
                "record {i}:\n  engine      {by_engine:?}\n  handwritten {by_hand:?}\n  {text}"
            ));
        }
        for clause in &by_engine {
            *fired.entry((*clause).to_owned()).or_default() += 1;
        }
        if !by_engine.is_empty() {
            with_major += 1;
        }
        if report.clauses.undetermined > 0 {
            with_undetermined += 1;
        }
        total_facts += facts(&serde_json::from_str(text).expect("JSON"));
    }

    eprintln!(
        "{COUNT} records: {:.1} facts on average; {} with a major clause; {} ({:.1} %) with an undetermined clause; {} distinct clauses fire",
        total_facts as f64 / COUNT as f64,
        with_major,
        with_undetermined,
        100.0 * with_undetermined as f64 / COUNT as f64,
        fired.len()
    );
    eprintln!("clauses fired (records): {fired:?}");

    assert!(
        mismatches.is_empty(),
        "{} of {COUNT} records disagree; first ones:\n{}",
        mismatches.len(),
        mismatches
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        fired.len() >= 40,
        "only {} distinct clauses fire: {fired:?}",
        fired.len()
    );
    assert!(
        with_undetermined * 10 >= COUNT,
        "only {with_undetermined} of {COUNT} records have an undetermined clause"
    );
}
