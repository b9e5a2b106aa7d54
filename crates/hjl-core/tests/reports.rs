//! Reports as users receive them (JSON snapshots): evidence, missing facts, the version in
//! force on the inspection date, law not yet encoded, pending clauses and bad input.

#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly on the first broken assumption"
)]

use hjl_core::{Engine, Judgement, Report, Status, Verdict};
use serde_json::json;

const COMMON: &str = r#"
vocabulary common "通用"
fact inspection.date : date "检查日期"
fact enterprise.sector : enum { metallurgy "冶金", commerce "商贸" } "所属行业"
"#;

/// Version 2022 (superseded by the encoded 2024 version) and version 2024.
const V2022: &str = r#"
standard demo "示例标准" {
  issuer "示例部" document "示例〔2022〕1号" effective 2022-01-01
  superseded 2024-12-13 by "示例〔2024〕5号"
  applies when enterprise.sector == metallurgy
}
import common
fact blast.top_pressure : pressure in kPa "炉顶工作压力设定值"
fact blast.design_max : pressure in kPa "设计最高工作压力"
clause "第一条" "炉顶压力设定值高于设计值" { major when blast.top_pressure > blast.design_max }
"#;

const V2024: &str = r#"
standard demo "示例标准" {
  issuer "示例部" document "示例〔2024〕5号" effective 2024-12-13
  superseded 2030-01-01 by "示例〔2030〕1号"
  applies when enterprise.sector == metallurgy
}
import common
fact blast.top_pressure : pressure in kPa "炉顶工作压力设定值"
fact blast.design_max : pressure in kPa "设计最高工作压力"
fact furnaces : list {
  capacity : mass in t "容量"
  alarm : bool "冷却水报警"
} "熔炼炉"
fact room.workers : integer "作业间人数"
section "冶金" {
  clause "第一条" "炉顶压力设定值高于设计值" { major when blast.top_pressure > blast.design_max }
  clause "第二条" "5吨以上熔炼炉无冷却水报警" {
    major when any f in furnaces: f.capacity >= 5 t and not f.alarm
    note "“5吨以上”按含5吨理解"
  }
}
clause "第三条" "作业间人数超过9人" { major when room.workers > 9 }
clause "第四条" "原文未取得" pending "条文尚未取得"
"#;

/// An engine of these rule files; their diagnostics when they do not compile.
fn compiled(sources: &[(&str, &str)]) -> Engine {
    match Engine::compile(sources.iter().copied()) {
        Ok(e) => e,
        Err(e) => panic!("{}", hjl_core::render(&e.diagnostics, false)),
    }
}

fn engine() -> Engine {
    compiled(&[
        ("common.hjl", COMMON),
        ("demo-2022.hjl", V2022),
        ("demo-2024.hjl", V2024),
    ])
}

/// JSON as the CLI prints it (numbers keep their digits, which only serde_json writes).
fn pretty(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).expect("serializable")
}

/// The judgement of a record; owned, since the engine it came from is dropped here.
fn judge(record: serde_json::Value) -> Judgement<'static> {
    engine()
        .evaluate(&record)
        .expect("an object of facts")
        .into_owned()
}

/// The one report of a record.
fn report(record: serde_json::Value) -> Report<'static> {
    judge(record)
        .reports
        .into_iter()
        .next()
        .expect("the standard addressed")
}

#[test]
fn finding_carries_evidence_in_declared_units() {
    let r = report(json!({
        "inspection": { "date": "2025-03-01" }, "enterprise": { "sector": "冶金" },
        "blast": { "top_pressure": { "value": 0.26, "unit": "MPa" }, "design_max": 250 },
        "furnaces": [ { "capacity": 3, "alarm": false }, { "capacity": { "value": 5000, "unit": "kg" }, "alarm": false } ],
        "room": { "workers": 9 }
    }));
    assert_eq!(r.verdict, Verdict::Major);
    insta::assert_snapshot!("finding_with_evidence", pretty(&r));
}

#[test]
fn undetermined_names_the_missing_facts() {
    let r = report(json!({
        "inspection": { "date": "2025-03-01" }, "enterprise": { "sector": "metallurgy" },
        "blast": { "top_pressure": 250 },
        "furnaces": [ { "capacity": 8, "alarm": true }, { "capacity": 6 } ],
        "room": { "workers": 9 }
    }));
    assert_eq!(r.verdict, Verdict::Undetermined);
    insta::assert_snapshot!("undetermined_missing", pretty(&r));
}

#[test]
fn the_version_in_force_on_the_inspection_date_judges() {
    let record = |date: &str| {
        json!({
            "inspection": { "date": date }, "enterprise": { "sector": "metallurgy" },
            "blast": { "top_pressure": 260, "design_max": 250 }
        })
    };
    let before = report(record("2024-12-12"));
    let after = report(record("2024-12-13"));
    assert_eq!(before.document, "示例〔2022〕1号");
    assert_eq!(before.clauses.total, 1);
    assert_eq!(after.document, "示例〔2024〕5号");
    assert_eq!(after.clauses.total, 4);
    assert_eq!(before.major_clauses(), ["第一条"]);
    assert_eq!(after.major_clauses(), ["第一条"]);
}

#[test]
fn successor_not_encoded_is_not_assessed_with_reference_findings() {
    let r = report(json!({
        "inspection": { "date": "2030-01-01" }, "enterprise": { "sector": "metallurgy" },
        "blast": { "top_pressure": 260, "design_max": 250 }
    }));
    assert_eq!(r.verdict, Verdict::NotAssessed);
    assert!(r.findings.is_empty(), "repealed law must not judge");
    insta::assert_snapshot!("not_encoded_successor", pretty(&r));
}

#[test]
fn inspection_before_the_first_version_is_not_applicable() {
    let j = judge(
        json!({ "inspection": { "date": "2021-12-31" }, "enterprise": { "sector": "metallurgy" } }),
    );
    assert_eq!(j.verdict, Verdict::NotApplicable);
    assert!(j.reports.is_empty(), "one line, not a report");
    let n = &j.not_applicable[0];
    assert_eq!(n.version, "2022-01-01");
    assert_eq!(
        n.reason,
        "检查日期 2021-12-31 早于本标准施行日期 2022-01-01"
    );
}

#[test]
fn missing_inspection_date_uses_newest_version_with_a_warning() {
    let j = judge(json!({ "enterprise": { "sector": "metallurgy" }, "room": { "workers": 10 } }));
    let r = &j.reports[0];
    assert_eq!(r.version, "2024-12-13");
    assert_eq!(r.major_clauses(), ["第三条"]);
    assert_eq!(
        j.warnings.first().map(|w| w.path.as_str()),
        Some("inspection.date")
    );
    assert!(j.errors.is_empty());
}

#[test]
fn out_of_scope_record_is_not_applicable() {
    let j = judge(
        json!({ "inspection": { "date": "2025-03-01" }, "enterprise": { "sector": "commerce" }, "room": { "workers": 30 } }),
    );
    assert_eq!(j.verdict, Verdict::NotApplicable);
    assert!(j.reports.is_empty(), "one line, not a report");
    insta::assert_snapshot!("out_of_scope", pretty(&j.not_applicable));
}

#[test]
fn bad_values_are_errors_and_the_rest_is_judged() {
    let j = judge(json!({
        "inspection": { "date": "2025-03-01" }, "enterprise": { "sector": "metallurgy" },
        "blast": { "top_pressure": "very high", "design_max": { "value": 250, "unit": "m" } },
        "furnaces": [ { "capacity": 8, "alarm": "no" }, 7 ],
        "room": { "workers": 12 },
        "roomm": { "workers": 3 }
    }));
    assert_eq!(j.reports[0].major_clauses(), ["第三条"]);
    insta::assert_snapshot!("bad_values", pretty(&j));
}

#[test]
fn record_that_is_not_an_object_is_an_error_not_a_crash() {
    let engine = engine();
    for record in [json!([1, 2, 3]), json!(null), json!("冶金"), json!(7)] {
        assert!(
            matches!(
                engine.evaluate(&record),
                Err(hjl_core::RecordError::NotAnObject(_))
            ),
            "{record} must not be judged as an empty record"
        );
    }
    assert!(matches!(
        engine.evaluate_str("null"),
        Err(hjl_core::RecordError::NotAnObject(_))
    ));
    assert!(matches!(
        engine.evaluate_str("{ not json"),
        Err(hjl_core::RecordError::NotJson(_))
    ));
}

#[test]
fn all_clear_with_a_pending_clause_is_not_assessed() {
    let r = report(json!({
        "inspection": { "date": "2025-03-01" }, "enterprise": { "sector": "metallurgy" },
        "blast": { "top_pressure": 250, "design_max": 250 },
        "furnaces": [], "room": { "workers": 9 }
    }));
    assert_eq!(r.verdict, Verdict::NotAssessed);
    assert_eq!(r.clauses.clear, 3);
    assert_eq!(
        r.not_assessed.first().map(|n| n.clause.as_ref()),
        Some("第四条")
    );
}

#[test]
fn chinese_identifiers_work_end_to_end() {
    let rules = r#"
standard 示例 "中文标识符示例" { issuer "部" document "1号" effective 2024-01-01 }
fact 车间.作业人数 : integer "作业人数"
let 超员 = 车间.作业人数 > 9
clause "第一条" "作业人数超过9人" { major when 超员 }
test "十人" { given { 车间.作业人数: 10 } expect major ["第一条"] }
"#;
    let engine = Engine::compile([("示例.hjl", rules)]).expect("compiles");
    assert!(engine.run_tests().iter().all(hjl_core::TestResult::passed));
    let j = engine
        .evaluate(&json!({ "车间": { "作业人数": 12 } }))
        .expect("an object");
    assert_eq!(j.reports[0].findings[0].evidence[0].path, "车间.作业人数");
}

#[test]
fn unknown_scope_judges_the_clauses_conditionally() {
    let j = judge(json!({ "inspection": { "date": "2025-03-01" }, "room": { "workers": 30 } }));
    let r = &j.reports[0];
    assert_eq!(r.verdict, Verdict::Undetermined);
    let scope: Vec<String> = r.scope_missing.iter().map(|m| m.path.to_string()).collect();
    assert_eq!(scope, ["enterprise.sector"]);
    assert!(r.findings.is_empty(), "never major while the scope is open");
    let conditional = &r.undetermined[0];
    assert_eq!(conditional.clause, "第三条");
    assert_eq!(conditional.status, Status::Conditional);
    assert_eq!(conditional.evidence[0].path, "room.workers");
    assert_eq!(conditional.missing[0].path, "enterprise.sector");
    assert_eq!(conditional.missing[0].label, "所属行业");
}

#[test]
fn a_record_that_leaves_the_scope_open_and_says_nothing_of_the_standard_is_not_addressed() {
    let j = judge(json!({ "inspection": { "date": "2025-03-01" } }));
    assert!(j.reports.is_empty());
    assert_eq!(j.verdict, Verdict::NotAddressed);
    let n = &j.not_addressed[0];
    assert_eq!(n.standard, "demo");
    assert_eq!(n.scope_missing[0].path, "enterprise.sector");
}

#[test]
fn evidence_comes_only_from_the_major_line_that_fired() {
    let rules = r#"
standard lines "多行" { issuer "部" document "1号" effective 2024-01-01 }
fact a.x : bool "甲"
fact a.n : integer "人数"
clause "第一条" "两种情形" {
  major when a.x
  major when a.n > 9
}
"#;
    let engine = Engine::compile([("lines.hjl", rules)]).expect("compiles");
    let r = engine
        .evaluate(&json!({ "a": { "x": false, "n": 10 } }))
        .expect("an object");
    let paths: Vec<String> = r.reports[0].findings[0]
        .evidence
        .iter()
        .map(|e| e.path.to_string())
        .collect();
    assert_eq!(paths, ["a.n"]);
}

#[test]
fn a_missing_fact_is_named_once_in_the_order_first_needed() {
    let rules = r#"
standard lines "多行" { issuer "部" document "1号" effective 2024-01-01 }
fact a.x : bool "甲"
fact a.y : bool "乙"
fact a.z : bool "丙"
fact rooms : list {
  workers : integer "人数"
  exits : integer "出口数"
} "房间"
let crowded = rooms where workers > 9
clause "第一条" "多种情形" {
  applies when a.z or a.y
  major when a.y and a.x
  major when a.x or any r in crowded: r.exits < 2
  major when any r in rooms: r.exits < 1 and a.y
}
"#;
    let engine = Engine::compile([("lines.hjl", rules)]).expect("compiles");
    let missing = |record: serde_json::Value| -> Vec<String> {
        let j = engine.evaluate(&record).expect("an object");
        j.reports[0].undetermined[0]
            .missing
            .iter()
            .map(|m| m.path.to_string())
            .collect()
    };
    // The clause's own facts first, then those of its guard (here `a.y` again).
    assert_eq!(
        missing(json!({ "a": { "z": false }, "rooms": [{ "workers": 12 }] })),
        ["a.y", "a.x", "rooms[0].exits"]
    );
    // Decided lines name nothing: with a.y false the guard and the first and last lines are
    // settled, and only the second line's unknown facts remain.
    assert_eq!(
        missing(json!({ "a": { "z": true, "y": false }, "rooms": [{ "workers": 12 }] })),
        ["a.x", "rooms[0].exits"]
    );
}
#[test]
fn a_test_may_name_clauses_of_the_version_its_date_selects() {
    // The test sits in the 2022 file but is dated after the 2024 version took effect, and
    // names 第三条, which only the 2024 version has.
    let v2022 = format!(
        "{V2022}\ntest \"跨版本\" {{ given {{ inspection.date: 2025-01-01, enterprise.sector: metallurgy, room.workers: 10 }} expect major [\"第三条\"] }}\n"
    );
    let engine = Engine::compile([
        ("common.hjl", COMMON),
        ("demo-2022.hjl", v2022.as_str()),
        ("demo-2024.hjl", V2024),
    ])
    .unwrap_or_else(|e| panic!("{}", hjl_core::render(&e.diagnostics, false)));
    let results = engine.run_tests();
    assert!(
        results.iter().all(hjl_core::TestResult::passed),
        "{results:?}"
    );
    assert_eq!(results[0].version, "2024-12-13");
    let coverage = engine.coverage(&results);
    let third = coverage
        .iter()
        .find(|c| c.clause == "第三条")
        .expect("2024 clause");
    assert_eq!(third.positive, 1, "credited to the version that judged it");
}

#[test]
fn imports_are_found_without_parsing() {
    let text = "// import nothing\n/* import hidden\n*/\nstandard s \"t\" { }\nimport common\n  import 通用词汇 // trailing\nimported_fact x\n";
    assert_eq!(hjl_core::imports(text), ["common", "通用词汇"]);
}

#[test]
fn evidence_names_each_value_once_and_shows_a_negated_test_as_such() {
    let rules = r#"
standard shown "证据展示" { issuer "部" document "1号" effective 2024-01-01 }
fact a.kind : enum { furnace "炉", kiln "窑", other "其他" } "类型"
fact a.n : integer "人数"
clause "第一条" "两行读同一事实" {
  major "类型不在所列" when known(a.kind) and not (a.kind in [furnace, kiln])
  major "人数超过" when a.n > 9 and known(a.kind)
}
"#;
    let engine = Engine::compile([("shown.hjl", rules)]).expect("compiles");
    let j = engine
        .evaluate(&json!({ "a": { "kind": "other", "n": 12 } }))
        .expect("an object");
    let f = &j.reports[0].findings[0];
    assert_eq!(f.situations, ["类型不在所列", "人数超过"]);
    let shown: Vec<String> = f
        .evidence
        .iter()
        .map(|e| format!("{} {}", e.path, e.test.as_deref().unwrap_or("-")))
        .collect();
    assert_eq!(shown, ["a.kind not (in [furnace, kiln])", "a.n > 9"]);
}

/// A notice repealed on 2026-07-01 because its situation moved into another standard.
const NOTICE: &str = r#"
standard notice "示例通知" {
  issuer "示例局" document "示例〔2023〕125号" effective 2023-09-22
  superseded 2026-07-01 by "示例〔2026〕21号" in successor
  applies when enterprise.sector == metallurgy
}
import common
fact slope.cracked : bool "边坡出现裂缝"
clause "一" "边坡裂缝未处理" { major when slope.cracked }
"#;

const SUCCESSOR: &str = r#"
standard successor "示例标准（修订）" {
  issuer "示例部" document "示例〔2026〕21号" effective 2026-07-01
  applies when enterprise.sector == metallurgy
}
import common
fact slope.cracked : bool "边坡出现裂缝"
clause "第十五条" "边坡裂缝未处理" { major when slope.cracked }
"#;

/// The judgement of a record by the notice, with or without its successor loaded.
fn notice_judgement(date: &str, with_successor: bool) -> Judgement<'static> {
    let mut sources = vec![("common.hjl", COMMON), ("notice.hjl", NOTICE)];
    if with_successor {
        sources.push(("successor.hjl", SUCCESSOR));
    }
    let engine = compiled(&sources);
    let record = json!({
        "inspection": { "date": date }, "enterprise": { "sector": "metallurgy" },
        "slope": { "cracked": true }
    });
    engine.evaluate(&record).expect("an object").into_owned()
}

#[test]
fn a_text_whose_situations_moved_into_another_standard_hands_over_on_its_date() {
    let before = notice_judgement("2026-06-30", true);
    let notice = before.report("notice").map(|r| r.verdict);
    assert_eq!(
        notice,
        Some(Verdict::Major),
        "judged by the notice the day before"
    );
    let after = notice_judgement("2026-07-01", true);
    assert!(after.report("notice").is_none(), "not judged by the notice");
    let moved = after.not_applicable.iter().find(|n| n.standard == "notice");
    insta::assert_snapshot!("moved_into_successor", pretty(&moved));
    let alone = notice_judgement("2026-07-01", false);
    assert_eq!(
        alone.report("notice").map(|r| r.verdict),
        Some(Verdict::NotAssessed),
        "without the successor loaded, the law in force is not encoded"
    );
}

#[test]
fn a_successor_declared_without_encoded_clauses_shows_the_old_findings_for_reference() {
    const V2030: &str = r#"
standard demo "示例标准" {
  issuer "示例部" document "示例〔2030〕1号" effective 2030-01-01
  applies when enterprise.sector == metallurgy
}
import common
clause "5.1" "条文未取得" pending "条文未取得"
"#;
    let engine = compiled(&[
        ("common.hjl", COMMON),
        ("demo-2024.hjl", V2024),
        ("demo-2030.hjl", V2030),
    ]);
    let record = json!({
        "inspection": { "date": "2030-01-01" }, "enterprise": { "sector": "metallurgy" },
        "blast": { "top_pressure": 260, "design_max": 250 }
    });
    let judgement = engine.evaluate(&record).expect("an object");
    let r = &judgement.reports[0];
    assert_eq!(r.verdict, Verdict::NotAssessed);
    assert!(r.findings.is_empty(), "the old text does not judge");
    let reference = r.reference.as_ref().expect("old findings shown beside");
    assert_eq!(reference.document, "示例〔2024〕5号");
    let clauses: Vec<&str> = reference.findings.iter().map(|f| &*f.clause).collect();
    assert_eq!(clauses, ["第一条"]);
}

#[test]
fn a_condition_that_holds_on_an_empty_record_is_still_judged_when_the_scope_is_open() {
    // Judging skips the clauses of an open-scope standard a record says nothing of only
    // when no clause could hold on such a record; this one holds on absence itself.
    const ODD: &str = r#"
standard odd "示例" {
  issuer "示例部" document "示例〔2024〕1号" effective 2024-01-01
  applies when enterprise.sector == metallurgy
}
import common
fact register.kept : text "台账编号"
clause "第一条" "未建立台账" { major when not known(register.kept) }
"#;
    let engine = compiled(&[("common.hjl", COMMON), ("odd.hjl", ODD)]);
    let judgement = engine
        .evaluate(&json!({ "inspection": { "date": "2024-05-01" } }))
        .expect("an object");
    let r = &judgement.reports[0];
    assert_eq!(r.verdict, Verdict::Undetermined);
    assert_eq!(r.undetermined[0].status, Status::Conditional);
}
