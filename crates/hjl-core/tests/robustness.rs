//! Rule files and records are untrusted: no input may panic the checker or the evaluator.
//! Property tests feed random text, mutated rule files and random JSON.

#![allow(
    clippy::expect_used,
    reason = "a test fails loudly on the first broken assumption"
)]

use hjl_core::{Engine, check};
use proptest::prelude::*;

const RULES: &str = include_str!("../../hjl-cli/tests/fixtures/good/demo.hjl");
const COMMON: &str = include_str!("../../../rulesets/common.hjl");

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        "[a-z0-9 .%-]{0,12}".prop_map(serde_json::Value::String),
        Just(serde_json::json!("2024-02-30")),
        Just(serde_json::json!("冶金")),
        Just(serde_json::json!({"value": 1e30, "unit": "MPa"})),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("inspection".to_owned()),
            Just("date".to_owned()),
            Just("enterprise".to_owned()),
            Just("sector".to_owned()),
            Just("blast".to_owned()),
            Just("top_pressure".to_owned()),
            Just("furnaces".to_owned()),
            Just("capacity".to_owned()),
            Just("alarm".to_owned()),
            Just("kind".to_owned()),
            "[a-z]{1,6}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(keys, inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn checker_never_panics_on_random_text(text in "\\PC{0,200}") {
        let _ = check([("random.hjl", text)]);
    }

    #[test]
    fn checker_never_panics_on_mutated_rules(cut in 0usize..2000, insert in "[ a-z0-9{}()\\[\\]\".:=<>!-]{0,8}") {
        let at = RULES.char_indices().map(|(i, _)| i).nth(cut % RULES.chars().count()).unwrap_or(0);
        let mutated = format!("{}{}{}", &RULES[..at], insert, &RULES[at..]);
        let _ = check([("common.hjl", COMMON.to_owned()), ("demo.hjl", mutated)]);
    }

    #[test]
    fn evaluation_never_panics_on_random_records(record in json_value()) {
        let engine = Engine::compile([("common.hjl", COMMON), ("demo.hjl", RULES)]).expect("fixture compiles");
        match engine.evaluate(&record) {
            Ok(judgement) => {
                prop_assert_eq!(judgement.reports.len() + judgement.not_addressed.len(), 1);
            }
            Err(_) => prop_assert!(!record.is_object(), "an object is always judged"),
        }
    }

    #[test]
    fn text_and_parsed_records_are_judged_alike(record in json_value()) {
        let engine = Engine::compile([("common.hjl", COMMON), ("demo.hjl", RULES)]).expect("fixture compiles");
        let from_value = engine.evaluate(&record).ok();
        let from_text = engine.evaluate_str(&record.to_string()).ok();
        prop_assert_eq!(from_value, from_text);
    }

    #[test]
    fn major_clauses_agree_with_the_reports(record in json_value()) {
        let engine = Engine::compile([("common.hjl", COMMON), ("demo.hjl", RULES)]).expect("fixture compiles");
        let Ok(bound) = engine.bind(&record) else {
            return Ok(());
        };
        let from_reports: Vec<(String, String)> = engine
            .judge(&bound)
            .reports
            .iter()
            .flat_map(|r| r.findings.iter().map(|f| (r.standard.to_string(), f.clause.to_string())))
            .collect();
        let fast: Vec<(String, String)> =
            engine.major_clauses(&bound).into_iter().map(|(s, c)| (s.to_owned(), c.to_owned())).collect();
        prop_assert_eq!(from_reports, fast);
    }
}

#[test]
fn the_deepest_accepted_expression_checks_and_evaluates() {
    // Test threads have small stacks; the depth limit must leave room for the recursion.
    let chain = format!("a.x{}", " and a.x".repeat(250));
    let rules = format!(
        "standard deep \"深\" {{ issuer \"部\" document \"1号\" effective 2024-01-01 }}\nfact a.x : bool \"甲\"\nclause \"第一条\" \"标题\" {{ major when {chain} }}\n"
    );
    let engine = Engine::compile([("deep.hjl", rules)]).expect("accepted");
    let judgement = engine
        .evaluate(&serde_json::json!({ "a": { "x": true } }))
        .expect("an object");
    assert_eq!(judgement.verdict, hjl_core::Verdict::Major);
}
