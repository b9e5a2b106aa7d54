//! Laws the engine keeps whatever the input, checked on generated cases through real rule
//! files and records: the three-valued (Kleene) logic of conditions, exact unit conversion,
//! and judgements that do not depend on the order of a record's keys or of the rule files.

#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly on the first broken assumption"
)]

use std::path::Path;

use hjl_core::units::Unit;
use hjl_core::{Engine, Verdict};
use proptest::prelude::*;
use rust_decimal::Decimal;

const FACTS: &str = r#"
standard laws "逻辑定律" { issuer "测试" document "测试第1号" effective 2000-01-01 }
fact a.x : bool "甲"
fact a.y : bool "乙"
fact a.z : bool "丙"
"#;

/// A condition over the facts `a.x`, `a.y` and `a.z`.
#[derive(Debug, Clone)]
enum Cond {
    Fact(usize),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

const NAMES: [&str; 3] = ["a.x", "a.y", "a.z"];

impl Cond {
    fn text(&self) -> String {
        match self {
            Cond::Fact(i) => NAMES[*i].to_owned(),
            Cond::Not(c) => format!("not ({})", c.text()),
            Cond::And(a, b) => format!("({}) and ({})", a.text(), b.text()),
            Cond::Or(a, b) => format!("({}) or ({})", a.text(), b.text()),
        }
    }

    /// Kleene's tables, written out here independently of the engine: `None` is unknown.
    fn truth(&self, values: [Option<bool>; 3]) -> Option<bool> {
        match self {
            Cond::Fact(i) => values[*i],
            Cond::Not(c) => c.truth(values).map(|v| !v),
            Cond::And(a, b) => match (a.truth(values), b.truth(values)) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
            Cond::Or(a, b) => match (a.truth(values), b.truth(values)) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            },
        }
    }
}

fn cond() -> impl Strategy<Value = Cond> {
    (0usize..3)
        .prop_map(Cond::Fact)
        .prop_recursive(4, 24, 2, |inner| {
            prop_oneof![
                inner.clone().prop_map(|c| Cond::Not(Box::new(c))),
                (inner.clone(), inner.clone())
                    .prop_map(|(a, b)| Cond::And(Box::new(a), Box::new(b))),
                (inner.clone(), inner).prop_map(|(a, b)| Cond::Or(Box::new(a), Box::new(b))),
            ]
        })
}

/// Every assignment of true, false and not given to the three facts.
fn assignments() -> Vec<[Option<bool>; 3]> {
    let one = [Some(true), Some(false), None];
    let mut out = Vec::new();
    for x in one {
        for y in one {
            for z in one {
                out.push([x, y, z]);
            }
        }
    }
    out
}

fn record(values: [Option<bool>; 3]) -> String {
    let given: Vec<String> = NAMES
        .iter()
        .zip(values)
        .filter_map(|(name, v)| v.map(|v| format!("\"{name}\": {v}")))
        .collect();
    format!("{{{}}}", given.join(", "))
}

/// What the engine makes of each condition (one clause each) on every assignment:
/// `Some(true)` major, `Some(false)` clear, `None` undetermined.
fn judged(conditions: &[String]) -> Vec<Vec<Option<bool>>> {
    let mut rules = FACTS.to_owned();
    for (i, c) in conditions.iter().enumerate() {
        rules.push_str(&format!(
            "clause \"第{}条\" \"条款\" {{ major when {c} }}\n",
            i + 1
        ));
    }
    let engine = Engine::compile([("laws.hjl", rules)]).expect("the conditions compile");
    let mut by_clause = vec![Vec::new(); conditions.len()];
    for values in assignments() {
        let judgement = engine.evaluate_str(&record(values)).expect("a record");
        let report = judgement
            .reports
            .first()
            .unwrap_or_else(|| panic!("a report for {values:?}: {judgement:?}"));
        for (i, outcome) in by_clause.iter_mut().enumerate() {
            let number = format!("第{}条", i + 1);
            let major = report.findings.iter().any(|f| f.clause == number);
            let undetermined = report.undetermined.iter().any(|u| u.clause == number);
            outcome.push(match (major, undetermined) {
                (true, _) => Some(true),
                (false, true) => None,
                (false, false) => Some(false),
            });
        }
        if report.verdict == Verdict::NotApplicable {
            panic!("the test standard applies to every record");
        }
    }
    by_clause
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A condition is major, clear or undetermined exactly as Kleene's tables say, on
    /// every assignment of true, false and not given.
    #[test]
    fn conditions_follow_kleenes_tables(c in cond()) {
        let outcomes = judged(&[c.text()]).remove(0);
        let expected: Vec<Option<bool>> = assignments().into_iter().map(|v| c.truth(v)).collect();
        prop_assert_eq!(outcomes, expected, "{}", c.text());
    }

    /// The laws of Kleene's logic hold as equalities of outcomes on every assignment:
    /// commutativity, associativity, De Morgan, double negation, absorption and
    /// distributivity. Excluded middle does not: `a or not a` is undetermined when `a` is
    /// not given.
    #[test]
    fn kleenes_laws_hold(a in cond(), b in cond(), c in cond()) {
        let (a, b, c) = (a.text(), b.text(), c.text());
        let pairs = [
            (format!("({a}) and ({b})"), format!("({b}) and ({a})")),
            (format!("({a}) or ({b})"), format!("({b}) or ({a})")),
            (format!("(({a}) and ({b})) and ({c})"), format!("({a}) and (({b}) and ({c}))")),
            (format!("(({a}) or ({b})) or ({c})"), format!("({a}) or (({b}) or ({c}))")),
            (format!("not (({a}) and ({b}))"), format!("(not ({a})) or (not ({b}))")),
            (format!("not (({a}) or ({b}))"), format!("(not ({a})) and (not ({b}))")),
            (format!("not (not ({a}))"), a.clone()),
            (format!("({a}) or (({a}) and ({b}))"), a.clone()),
            (format!("({a}) and (({a}) or ({b}))"), a.clone()),
            (format!("({a}) and (({b}) or ({c}))"), format!("(({a}) and ({b})) or (({a}) and ({c}))")),
            (format!("({a}) or (({b}) and ({c}))"), format!("(({a}) or ({b})) and (({a}) or ({c}))")),
        ];
        let conditions: Vec<String> = pairs.iter().flat_map(|(l, r)| [l.clone(), r.clone()]).collect();
        let outcomes = judged(&conditions);
        for (i, (left, right)) in pairs.iter().enumerate() {
            prop_assert_eq!(&outcomes[2 * i], &outcomes[2 * i + 1], "{} ≡ {}", left, right);
        }
    }
}

#[test]
fn excluded_middle_is_not_a_law() {
    let outcomes = judged(&["a.x or not a.x".to_owned()]).remove(0);
    let unknown_x = assignments().iter().position(|v| v[0].is_none()).unwrap();
    assert_eq!(
        outcomes[unknown_x], None,
        "not given is neither true nor false"
    );
    assert!(outcomes.iter().all(|o| *o != Some(false)));
}

/// A decimal with up to 12 digits and up to 6 after the point.
fn decimal() -> impl Strategy<Value = Decimal> {
    (-999_999_999_999i64..=999_999_999_999, 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s))
}

proptest! {
    /// Converting a value of any unit to its dimension's base unit and back gives the
    /// value exactly.
    #[test]
    fn every_unit_converts_to_its_base_and_back_exactly(v in decimal(), which in any::<prop::sample::Index>()) {
        let symbols: Vec<&str> = Unit::symbols().collect();
        let symbol = symbols[which.index(symbols.len())];
        let unit = Unit::from_symbol(symbol).unwrap();
        let base = unit.to_base(v).unwrap();
        prop_assert_eq!(unit.from_base(base).map(|d| d.normalize()), Some(v.normalize()), "{}", symbol);
    }

    /// A pressure judged against `>= 30 kPa` comes out the same whichever unit the record
    /// gives it in.
    #[test]
    fn a_quantity_is_judged_alike_in_any_unit_of_its_kind(kpa in decimal()) {
        let engine = Engine::compile([(
            "units.hjl",
            r#"standard units "单位" { issuer "测试" document "测试第1号" effective 2000-01-01 }
fact a.p : pressure in kPa "压力"
clause "第1条" "压力不低于30kPa" { major when a.p >= 30 kPa }
"#,
        )])
        .expect("compiles");
        let kpa_unit = Unit::from_symbol("kPa").unwrap();
        let pascals = kpa_unit.to_base(kpa).unwrap();
        let mut verdicts = Vec::new();
        for symbol in ["kPa", "Pa", "MPa"] {
            let value = Unit::from_symbol(symbol).unwrap().from_base(pascals).unwrap();
            let record = format!(r#"{{"a": {{"p": {{"value": {value}, "unit": "{symbol}"}}}}}}"#);
            let judgement = engine.evaluate_str(&record).unwrap();
            prop_assert!(judgement.errors.is_empty(), "{record}: {:?}", judgement.errors);
            verdicts.push(judgement.reports[0].verdict);
        }
        let expected = if kpa >= Decimal::from(30) { Verdict::Major } else { Verdict::Clear };
        prop_assert_eq!(verdicts, vec![expected; 3], "{} kPa", kpa);
    }
}

/// The shipped rule files, by name.
fn shipped() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rulesets");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "hjl"))
        .map(|p| {
            let name = format!("rulesets/{}", p.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The corpus records that are JSON objects.
fn corpus() -> Vec<(String, serde_json::Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut records: Vec<(String, serde_json::Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p.to_string_lossy().ends_with(".expected.json")
        })
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let value: serde_json::Value = serde_json::from_str(&text).ok()?;
            value.is_object().then(|| (p.display().to_string(), value))
        })
        .collect();
    records.sort_by(|a, b| a.0.cmp(&b.0));
    records
}

/// A value with every object's keys in the order `order` gives them.
fn reordered(value: &serde_json::Value, order: &mut impl FnMut(usize) -> Vec<usize>) -> String {
    match value {
        serde_json::Value::Object(map) => {
            let entries: Vec<(&String, &serde_json::Value)> = map.iter().collect();
            let parts: Vec<String> = order(entries.len())
                .into_iter()
                .map(|i| {
                    let (k, v) = entries[i];
                    format!(
                        "{}:{}",
                        serde_json::to_string(k).unwrap(),
                        reordered(v, order)
                    )
                })
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        serde_json::Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|v| reordered(v, order)).collect();
            format!("[{}]", parts.join(","))
        }
        other => other.to_string(),
    }
}

fn judgement_json(engine: &Engine, record: &str) -> String {
    serde_json::to_string(&engine.evaluate_str(record).unwrap()).unwrap()
}

#[test]
fn a_judgement_does_not_depend_on_the_order_of_the_records_keys() {
    let engine = Engine::compile_rules(shipped()).unwrap();
    let mut rng = fastrand::Rng::with_seed(20261203);
    for (name, value) in corpus() {
        let forward = reordered(&value, &mut |n| (0..n).collect());
        let expected = judgement_json(&engine, &forward);
        for _ in 0..4 {
            let shuffled = reordered(&value, &mut |n| {
                let mut order: Vec<usize> = (0..n).collect();
                rng.shuffle(&mut order);
                order
            });
            assert_eq!(
                judgement_json(&engine, &shuffled),
                expected,
                "{name}: {shuffled}"
            );
        }
    }
}

#[test]
fn a_judgement_does_not_depend_on_the_order_the_rule_files_are_given_in() {
    let files = shipped();
    let sorted = Engine::compile_rules(files.clone()).unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    let records = corpus();
    for _ in 0..3 {
        let mut shuffled = files.clone();
        rng.shuffle(&mut shuffled);
        let engine = Engine::compile_rules(shuffled).unwrap();
        for (name, value) in &records {
            let text = value.to_string();
            assert_eq!(
                judgement_json(&engine, &text),
                judgement_json(&sorted, &text),
                "{name}"
            );
        }
    }
}
