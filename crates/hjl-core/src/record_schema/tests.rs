//! The schema against what the crate itself reads: the records the shipped rule files' tests
//! give, dates as the binder reads them, and paths the binder reaches by dotted keys only.

use serde_json::{Value, json};

use super::patterns;
use crate::Engine;
use crate::value::date;

fn validator(engine: &Engine) -> jsonschema::Validator {
    let schema = serde_json::to_value(engine.record_schema()).unwrap_or_default();
    jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("not a valid schema: {e}"))
}

fn errors(validator: &jsonschema::Validator, record: &Value) -> Vec<String> {
    validator
        .iter_errors(record)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn every_record_the_shipped_rule_files_test_with_is_valid() {
    let sources = crate::shipped::rule_files();
    let engine = Engine::compile(sources).unwrap_or_else(|e| panic!("{e}"));
    let validator = validator(&engine);
    let mut given = 0;
    let mut invalid = Vec::new();
    for version in &engine.program().standards {
        for test in &version.tests {
            given += 1;
            let found = errors(&validator, &test.given);
            if !found.is_empty() {
                invalid.push(format!("{} 「{}」: {found:?}", version.name, test.name));
            }
        }
    }
    assert!(given > 500, "only {given} test records");
    assert!(invalid.is_empty(), "{}", invalid.join("\n"));
}

#[test]
fn the_date_pattern_takes_exactly_the_dates_the_binder_reads_in_their_written_form() {
    let validator = jsonschema::draft202012::new(&json!({ "pattern": patterns::DATE }))
        .unwrap_or_else(|e| panic!("{e}"));
    let forms = |n: u32| [format!("{n}"), format!("{n:02}")];
    let mut checked = 0;
    for year in [
        "0000", "0004", "1900", "2000", "2023", "2024", "2100", "2400", "9999",
    ] {
        for month in 0..=13 {
            for day in 0..=32 {
                for (m, d) in forms(month).into_iter().zip(forms(day)).chain([
                    (format!("{month}"), format!("{day:02}")),
                    (format!("{month:02}"), format!("{day}")),
                ]) {
                    let text = format!("{year}-{m}-{d}");
                    assert_eq!(
                        validator.is_valid(&json!(text)),
                        date(&text).is_some(),
                        "{text}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 4000);
    // Forms chrono's format reader takes, which no one writes on purpose: neither the
    // schema nor the binder does.
    for text in [" 2024-06-01", "+2024-06-01", "24-06-01", "2024- 6-01"] {
        assert!(
            date(text).is_none() && !validator.is_valid(&json!(text)),
            "{text}"
        );
    }
}

#[test]
fn a_fact_under_another_fact_is_reached_by_its_dotted_key() {
    let rules = r#"
        vocabulary v "示例"
        fact permit : bool "持有许可证"
        fact permit.valid_until : date "许可证有效期至"
    "#;
    let engine = Engine::compile([("v.hjl", rules)]).unwrap_or_else(|e| panic!("{e}"));
    let validator = validator(&engine);
    let record = json!({ "permit": true, "permit.valid_until": "2025-01-01" });
    assert_eq!(errors(&validator, &record), Vec::<String>::new());
    let bad = json!({ "permit.valid_until": "2025-02-30" });
    assert_eq!(errors(&validator, &bad).len(), 1);
    let judgement = engine.evaluate(&bad).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(judgement.errors.len(), 1);
}
