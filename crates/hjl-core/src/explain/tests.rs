//! Explanations against judgements: on every record the shipped rule files' tests give and
//! every record of `tests/corpus/`, each clause's explained outcome is the one judging
//! gives it (and its status, and a finding's lines), with all the files loaded and with a
//! superseded version loaded alone (its successor not encoded); and a clause number that
//! names no clause is refused with the nearest one.

use std::path::Path;

use super::{ExplainError, Explanation, Truth};
use crate::report::{Judgement, Outcome};
use crate::{Engine, Record};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

use crate::shipped::rule_files as shipped;

fn compile(sources: &[(String, String)]) -> Engine {
    match Engine::compile(sources.iter().cloned()) {
        Ok(engine) => engine,
        Err(e) => unreachable!("{}", crate::render(&e.diagnostics, false)),
    }
}

/// The records the rule files' tests give, each with the standard it tests.
fn test_records(engine: &Engine) -> Vec<(String, serde_json::Value)> {
    engine
        .program()
        .standards
        .iter()
        .flat_map(|v| v.tests.iter().map(|t| (v.name.clone(), t.given.clone())))
        .collect()
}

fn corpus_records() -> Vec<serde_json::Value> {
    let mut paths: Vec<_> = std::fs::read_dir(Path::new(ROOT).join("tests/corpus"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            name.is_some_and(|n| n.ends_with(".json") && !n.ends_with(".expected.json"))
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|text| serde_json::from_str(&text).ok())
        .collect()
}

/// Explains every clause of `standard` for the record and compares each outcome with the
/// judgement's; returns the explanations.
fn agree(
    engine: &Engine,
    record: &Record,
    judgement: &Judgement<'_>,
    standard: &str,
) -> Vec<Explanation> {
    let Some(judged) = engine.judge_standard(standard, &record.0) else {
        return Vec::new();
    };
    let report = judgement.report(standard);
    let mut compared = Vec::new();
    for (number, outcome) in judged.outcome_pairs() {
        let explained = match engine.explain(record, Some(standard), number) {
            Ok(e) => e,
            Err(e) => unreachable!("{standard} {number}: {e}"),
        };
        let context = format!("{standard} {number}: {}", explained.summary);
        assert_eq!(explained.outcome, outcome, "{context}");
        if let Some(report) = report {
            match outcome {
                Outcome::Major => {
                    assert!(
                        report.findings.iter().any(|f| f.clause == number),
                        "{context}"
                    );
                    assert!(
                        explained.lines.iter().any(|l| l.truth == Truth::True),
                        "{context}: a finding has a line that holds"
                    );
                }
                Outcome::Undetermined => {
                    let status = report
                        .undetermined
                        .iter()
                        .find(|u| u.clause == number)
                        .map(|u| u.status);
                    assert_eq!(explained.status, status, "{context}");
                }
                _ => assert_eq!(explained.status, None, "{context}"),
            }
        }
        compared.push(explained);
    }
    compared
}

#[test]
fn every_explained_outcome_is_the_judgements() {
    let sources = shipped();
    let engine = compile(&sources);
    let mut compared = 0;
    for (standard, given) in test_records(&engine) {
        let Ok(record) = engine.bind(&given) else {
            continue;
        };
        let judgement = engine.judge(&record);
        compared += agree(&engine, &record, &judgement, &standard).len();
    }
    let names: Vec<String> = engine.standards().into_iter().map(|s| s.name).collect();
    for given in corpus_records() {
        let Ok(record) = engine.bind(&given) else {
            continue;
        };
        let judgement = engine.judge(&record);
        for name in names.iter().filter(|n| judgement.report(n).is_some()) {
            compared += agree(&engine, &record, &judgement, name).len();
        }
    }
    assert!(compared > 100_000, "only {compared} clauses compared");
}

#[test]
fn a_superseded_version_loaded_alone_explains_as_it_judges() {
    let sources = shipped();
    let all = compile(&sources);
    let records = test_records(&all);
    let vocabularies: Vec<(String, String)> = sources
        .iter()
        .filter(|(_, t)| t.lines().any(|l| l.starts_with("vocabulary ")))
        .cloned()
        .collect();
    let (mut compared, mut not_encoded) = (0, 0);
    for (name, text) in sources
        .iter()
        .filter(|(_, t)| t.contains("\n  superseded "))
    {
        let mut alone = vec![(name.clone(), text.clone())];
        alone.extend(vocabularies.iter().cloned());
        let engine = compile(&alone);
        let Some(standard) = engine.standards().into_iter().next().map(|s| s.name) else {
            continue;
        };
        for (_, given) in records.iter().filter(|(s, _)| *s == standard) {
            let Ok(record) = engine.bind(given) else {
                continue;
            };
            let judgement = engine.judge(&record);
            let explained = agree(&engine, &record, &judgement, &standard);
            compared += explained.len();
            not_encoded += explained
                .iter()
                .filter(|e| e.guards.first().is_some_and(|g| g.truth == Truth::Unknown))
                .count();
        }
    }
    assert!(compared > 1_000, "only {compared} clauses compared");
    assert!(
        not_encoded > 10_000,
        "only {not_encoded} clauses of a text not encoded"
    );
}

#[test]
fn a_clause_number_that_names_no_clause_is_refused_with_the_nearest() {
    let engine = compile(&shipped());
    let record =
        r#"{"inspection": {"date": "2024-03-11"}, "enterprise": {"sector": "metallurgy"}}"#;
    let err = engine.explain_str(record, Some("industry_trade"), "第四条(十五)");
    match err {
        Err(ExplainError::UnknownClause { suggestion, .. }) => {
            assert_eq!(suggestion.as_deref(), Some("第四条（五）"));
        }
        other => unreachable!("{other:?}"),
    }
    let picked = engine.explain_str(record, None, "第四条（五）");
    assert!(
        picked.is_ok_and(|e| e.standard == "industry_trade"),
        "of the standards numbering a clause alike, the one that applies to the record"
    );
    let undated = r#"{"inspection": {"date": "2024-03-11"}}"#;
    let err = engine.explain_str(undated, None, "第四条（五）");
    assert!(
        matches!(&err, Err(ExplainError::Ambiguous { standards, .. })
            if standards.len() > 1 && standards.contains(&"industry_trade".to_owned())),
        "{err:?}"
    );
    let err = engine.explain_str(record, Some("industry_trad"), "第四条（五）");
    assert!(
        matches!(&err, Err(ExplainError::UnknownStandard { suggestion: Some(s), .. }) if s == "industry_trade"),
        "{err:?}"
    );
    let ascii = engine.explain_str(record, Some("industry_trade"), "第四条(五)");
    assert!(ascii.is_ok_and(|e| e.clause == "第四条（五）"));
}

const DEMO: &str = r#"
standard demo "示例标准" { issuer "示例" document "示例第1号" effective 2024-01-01 }
fact inspection.date : date "检查日期"
fact tank.pressure : pressure in kPa "罐内压力"
fact tanks : list { name : text "名称" volume : volume in m3 "容积" } "储罐"
fact permit.issued : date "许可证发证日期"
clause "第一条" "罐内压力超过0.1 MPa" { major when tank.pressure > 0.1 MPa }
clause "第二条" "储罐总容积达到100立方米" { major when sum(tanks.volume) >= 100 m3 }
clause "第三条" "许可证发证满3年" { major when permit.issued + 3 years <= inspection.date }
"#;

#[test]
fn constants_keep_their_units_and_computed_values_show_their_parts() {
    let engine = compile(&[("demo.hjl".to_owned(), DEMO.to_owned())]);
    let record = r#"{"inspection": {"date": "2024-06-01"}, "tank": {"pressure": 150},
        "tanks": [{"name": "1号罐", "volume": 60}, {"name": "2号罐", "volume": 50}],
        "permit": {"issued": "2021-06-01"}}"#;
    let explain = |clause: &str| match engine.explain_str(record, None, clause) {
        Ok(e) => e,
        Err(e) => unreachable!("{e}"),
    };
    let shown = |step: &super::Step| step.value.as_ref().map(ToString::to_string);

    let pressure = explain("第一条");
    let compare = &pressure.lines[0].step;
    assert_eq!(compare.text, "> 0.1 MPa");
    assert_eq!(shown(&compare.children[0]).as_deref(), Some("150 kPa"));
    assert_eq!(
        compare.children[1].text, "0.1 MPa",
        "the constant as written"
    );
    assert_eq!(pressure.outcome, Outcome::Major);

    let volume = explain("第二条");
    let sum = &volume.lines[0].step.children[0];
    assert_eq!(shown(sum).as_deref(), Some("110 m3"));
    let items: Vec<(Option<&str>, Option<String>)> = sum
        .children
        .iter()
        .map(|e| {
            let item = e.fact.as_ref().and_then(|f| f.item.as_deref());
            (item, e.children.first().and_then(shown))
        })
        .collect();
    assert_eq!(
        items,
        [
            (Some("1号罐"), Some("60 m3".to_owned())),
            (Some("2号罐"), Some("50 m3".to_owned()))
        ]
    );
    assert_eq!(volume.outcome, Outcome::Major);

    let permit = explain("第三条");
    let shifted = &permit.lines[0].step.children[0];
    assert_eq!(shifted.text, "日期加 3 年");
    assert_eq!(shown(shifted).as_deref(), Some("2024-06-01"));
    assert_eq!(permit.lines[0].truth, Truth::True, "on the day itself");
}
