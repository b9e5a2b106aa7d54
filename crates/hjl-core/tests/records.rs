//! Records as inspection systems write them: one finding, one unit, a whole site, scope
//! left out, conclusions stated instead of measured. What is wrong with a record is said
//! once, in Chinese, with the path beside the label; what the record leaves open is split
//! into near clauses and clauses not inspected.

#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly on the first broken assumption"
)]

use hjl_core::{Engine, Judgement, Status, Verdict, Via};

const COMMON: &str = r#"
vocabulary common "通用"
fact inspection.date : date "检查日期"
fact inspection.id : text "检查编号"
fact enterprise.sector : enum { metallurgy "冶金", commerce "商贸", construction "建筑" } "所属行业"
"#;

/// A sector-scoped standard in two versions; the 2022 one reads a fact the 2024 one drops.
const STEEL_2022: &str = r#"
standard steel "冶金示例" {
  issuer "示例部" document "示例〔2022〕1号" effective 2022-01-01
  applies when enterprise.sector == metallurgy
}
import common
fact furnaces : list {
  name : text "名称"
  capacity : mass in t (>= 0 t) "容量"
  alarm : enum { absent "未设置", working "正常", failed "失效" } "冷却水报警"
} "熔炼炉"
fact old.drain_height : length in mm "排水器高度"
clause "第一条" "熔炼炉无冷却水报警" {
  major when any f in furnaces: f.capacity >= 5 t and f.alarm == absent
}
clause "第二条" "排水器过低" { major when old.drain_height < 500 mm }
"#;

const STEEL_2024: &str = r#"
standard steel "冶金示例" {
  issuer "示例部" document "示例〔2024〕2号" effective 2024-01-01
  applies when enterprise.sector == metallurgy
}
import common
fact furnaces : list {
  name : text "名称"
  capacity : mass in t (>= 0 t) "容量"
  alarm : enum { absent "未设置", working "正常", failed "失效" } "冷却水报警"
} "熔炼炉"
fact gas.ratio : concentration (>= 0 %, <= 100 %) "一氧化碳浓度"
fact licence.valid_until : date "许可证有效期至"
fact licence.expired : bool "许可证已过期" = licence.valid_until < inspection.date
fact workers : list {
  name : text "姓名"
  valid_until : date "证书有效期至"
  expired : bool "证书已过期" = valid_until < inspection.date
} "作业人员"
fact dust.present : bool "存在粉尘爆炸危险"
fact dust.rooms : list { rest_room : bool "设有休息室" } "粉尘作业区"
section "炉" {
  clause "第一条" "熔炼炉无冷却水报警" {
    major "未设置报警" when any f in furnaces: f.capacity >= 5 t and f.alarm == absent
    major "报警失效" when any f in furnaces: f.capacity >= 5 t and f.alarm == failed
  }
  clause "第二条" "一氧化碳超标" { major when gas.ratio > 0.5 % }
}
clause "第三条" "无证经营" { major when licence.expired }
clause "第四条" "作业人员证书过期" { major when any w in workers: w.expired }
section "粉尘" when dust.present {
  clause "第五条" "粉尘区设休息室" { major when any r in dust.rooms: r.rest_room }
}
clause "第六条（一）" "部分条文未取得" {
  major when gas.ratio > 1 %
  pending "其余情形原文未取得"
}
"#;

/// A second standard reading a common fact, to see problems said once.
const SHOP: &str = r#"
standard shop "商贸示例" {
  issuer "示例部" document "示例〔2023〕3号" effective 2023-01-01
  applies when enterprise.sector == commerce
}
import common
fact shop.exits : integer (>= 0) "安全出口数"
clause "第一条" "安全出口不足" { major when shop.exits < 2 }
"#;

fn engine() -> Engine {
    Engine::compile([
        ("common.hjl", COMMON),
        ("steel-2022.hjl", STEEL_2022),
        ("steel-2024.hjl", STEEL_2024),
        ("shop.hjl", SHOP),
    ])
    .unwrap_or_else(|e| panic!("{}", hjl_core::render(&e.diagnostics, false)))
}

fn judge(record: &str) -> Judgement<'static> {
    engine()
        .evaluate_str(record)
        .expect("a JSON object")
        .into_owned()
}

fn steel(j: &Judgement) -> hjl_core::Report<'static> {
    j.report("steel")
        .cloned()
        .map(hjl_core::Report::into_owned)
        .expect("the steel standard is addressed")
}

fn messages(issues: &[hjl_core::report::RecordIssue]) -> Vec<String> {
    issues
        .iter()
        .map(|i| format!("{}: {}", i.path, i.message))
        .collect()
}

#[test]
fn a_one_finding_record_without_its_sector_is_a_conditional_finding() {
    // An inspection system sends the one furnace it found wanting, nothing else.
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01"},"furnaces":[{"name":"2号炉","capacity":8,"alarm":"absent"}]}"#,
    );
    let r = steel(&j);
    assert_eq!(
        r.verdict,
        Verdict::Undetermined,
        "never major while scope is open"
    );
    assert_eq!(r.scope_missing[0].path, "enterprise.sector");
    let u = &r.undetermined[0];
    assert_eq!(
        (u.clause.as_ref(), u.status),
        ("第一条", Status::Conditional)
    );
    let evidence: Vec<String> = u
        .evidence
        .iter()
        .map(|e| format!("{} {}", e.path, e.item.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        evidence,
        ["furnaces[0].capacity 2号炉", "furnaces[0].alarm 2号炉"]
    );
    assert_eq!(u.missing[0].path, "enterprise.sector");
    // The shop standard hears nothing of this record.
    assert_eq!(j.not_addressed.len(), 1);
    assert_eq!(j.not_addressed[0].standard, "shop");
}

#[test]
fn with_the_sector_the_same_record_is_major_and_says_which_situation_fired() {
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01","id":"JC-2024-0007"},"enterprise":{"sector":"冶金"},
            "furnaces":[{"name":"1号炉","capacity":3,"alarm":"failed"},{"name":"2号炉","capacity":8,"alarm":"failed"}]}"#,
    );
    assert_eq!(j.id.as_deref(), Some("JC-2024-0007"));
    assert_eq!(j.verdict, Verdict::Major);
    let r = steel(&j);
    let f = &r.findings[0];
    assert_eq!(f.situations, ["报警失效"]);
    assert_eq!(f.evidence[0].item.as_deref(), Some("2号炉"));
}

#[test]
fn near_clauses_come_before_those_not_inspected_and_are_counted_apart() {
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sector":"metallurgy"},
            "furnaces":[{"capacity":8}],"dust":{"present":true}}"#,
    );
    let r = steel(&j);
    let statuses: Vec<(&str, Status)> = r
        .undetermined
        .iter()
        .map(|u| (u.clause.as_ref(), u.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("第一条", Status::Near),
            ("第二条", Status::NotInspected),
            ("第三条", Status::NotInspected),
            ("第四条", Status::NotInspected),
            ("第五条", Status::NotInspected),
            ("第六条（一）", Status::NotInspected),
        ]
    );
    assert_eq!(
        (
            r.clauses.near,
            r.clauses.not_inspected,
            r.clauses.undetermined
        ),
        (1, 5, 6)
    );
    let near = &r.undetermined[0];
    assert_eq!(near.evidence[0].path, "furnaces[0].capacity");
    assert_eq!(near.missing[0].path, "furnaces[0].alarm");
    assert_eq!(near.missing[0].label, "熔炼炉·冷却水报警");
    let not_inspected = &r.undetermined[1];
    assert_eq!(not_inspected.missing[0].unit.as_deref(), Some("%"));
}

#[test]
fn a_section_whose_guard_is_unknown_gives_conditional_findings() {
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sector":"metallurgy"},
            "dust":{"rooms":[{"rest_room":true}]}}"#,
    );
    let r = steel(&j);
    let u = r
        .undetermined
        .iter()
        .find(|u| u.clause == "第五条")
        .unwrap();
    assert_eq!(u.status, Status::Conditional);
    assert_eq!(u.missing[0].path, "dust.present");
}

#[test]
fn a_stated_conclusion_is_judged_and_evidence_says_where_it_came_from() {
    let stated = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sector":"metallurgy"},"licence":{"expired":true}}"#,
    );
    let f = &steel(&stated).findings[0];
    assert_eq!(f.clause, "第三条");
    assert_eq!(f.evidence[0].path, "licence.expired");
    assert_eq!(f.evidence[0].via, Via::Record);

    let computed = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sector":"metallurgy"},"licence":{"valid_until":"2024-04-30"}}"#,
    );
    let f = &steel(&computed).findings[0];
    let via: Vec<(String, Via)> = f
        .evidence
        .iter()
        .map(|e| (e.path.to_string(), e.via))
        .collect();
    assert_eq!(
        via,
        [
            ("licence.expired".to_owned(), Via::Computed),
            ("licence.valid_until".to_owned(), Via::Record),
            ("inspection.date".to_owned(), Via::Record)
        ]
    );
    assert!(computed.warnings.is_empty(), "{:?}", computed.warnings);
}

#[test]
fn a_stated_conclusion_its_parts_contradict_is_a_warning_and_the_parts_judge() {
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sector":"metallurgy"},
            "licence":{"valid_until":"2025-01-01","expired":true},
            "workers":[{"name":"张三","valid_until":"2020-01-01","expired":false}]}"#,
    );
    assert_eq!(steel(&j).major_clauses(), ["第四条"]);
    assert_eq!(
        messages(&j.warnings),
        [
            "licence.expired: 记录所填结论 true 与由依据事实推算的 false 不一致，按推算结果判定",
            "workers[0].expired: 记录所填结论 false 与由依据事实推算的 true 不一致，按推算结果判定",
        ]
    );
    assert_eq!(j.warnings[1].label.as_deref(), Some("作业人员·证书已过期"));
}

#[test]
fn a_value_outside_its_bounds_is_an_error_naming_the_bound() {
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sector":"metallurgy"},"gas":{"ratio":120},
            "furnaces":[{"capacity":-2,"alarm":"absent"}]}"#,
    );
    assert_eq!(
        messages(&j.errors),
        [
            "furnaces[0].capacity: 值 -2 t 超出允许范围：应不小于 0 t，按未提供处理",
            "gas.ratio: 值 120 % 超出允许范围：应不大于 100 %，按未提供处理",
        ]
    );
    assert_eq!(j.errors[0].label.as_deref(), Some("熔炼炉·容量"));
}

#[test]
fn a_duplicate_key_is_an_error_naming_it_and_neither_value_judges() {
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sector":"metallurgy","sector":"commerce"}}"#,
    );
    assert_eq!(
        messages(&j.errors),
        ["enterprise.sector: 同一对象中此键出现多次，无法确定取哪一个，按未提供处理"]
    );
    assert!(
        j.reports
            .iter()
            .all(|r| r.verdict != Verdict::NotApplicable)
    );
}

#[test]
fn a_duplicate_object_or_list_item_key_is_said_once_at_its_place() {
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sector":"metallurgy"},"enterprise":{"sector":"commerce"},"furnaces":[{"capacity":6,"capacity":2,"alarm":"absent"},{"capacity":6,"alarm":"absent"}]}"#,
    );
    assert_eq!(
        messages(&j.errors),
        [
            "enterprise: 同一对象中此键出现多次，无法确定取哪一个，按未提供处理",
            "furnaces[0].capacity: 同一对象中此键出现多次，无法确定取哪一个，按未提供处理",
        ]
    );
    let r = steel(&j);
    let first = r
        .undetermined
        .iter()
        .find(|u| u.clause == "第一条")
        .unwrap();
    assert_eq!(
        first.status,
        Status::Conditional,
        "the second furnace still counts while the sector is in doubt"
    );
}

#[test]
fn problems_of_the_record_are_said_once_whatever_reads_them() {
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sector":"steel"},"shop":{"exits":1}}"#,
    );
    assert_eq!(j.errors.len(), 1, "{:?}", j.errors);
    assert!(j.errors[0].message.starts_with("无法识别的取值 \"steel\""));
    assert_eq!(j.errors[0].label.as_deref(), Some("所属行业"));
    for r in &j.reports {
        let text = serde_json::to_string(r).unwrap();
        assert!(
            !text.contains("steel\\\""),
            "errors are not repeated per standard"
        );
    }
}

#[test]
fn an_unreadable_date_is_one_error_naming_the_value_and_the_form() {
    for (date, expected) in [
        (
            "2024/05/01",
            "inspection.date: 无法识别的日期 \"2024/05/01\"，应写作 YYYY-MM-DD（如 2024-06-01）；无法确定检查日期适用的标准版本，各标准按最新编码版本判定",
        ),
        (
            "2024-05-01T09:30:00",
            "inspection.date: 日期 \"2024-05-01T09:30:00\" 带有时间或其他内容，应只写日期 YYYY-MM-DD（如 2024-06-01）；无法确定检查日期适用的标准版本，各标准按最新编码版本判定",
        ),
    ] {
        let j = judge(&format!(
            r#"{{"inspection":{{"date":"{date}"}},"enterprise":{{"sector":"metallurgy"}}}}"#
        ));
        assert_eq!(messages(&j.errors), [expected]);
        assert!(j.warnings.is_empty(), "no 'missing date': {:?}", j.warnings);
        assert_eq!(j.date, None);
    }
    let j = judge(r#"{"enterprise":{"sector":"metallurgy"}}"#);
    assert_eq!(
        messages(&j.warnings),
        ["inspection.date: 记录缺少检查日期，各标准按最新编码版本判定"]
    );
}

#[test]
fn unknown_keys_get_a_did_you_mean_by_path_and_by_label() {
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sectr":"metallurgy"},"检查编号":"X-1",
            "furnaces":[{"capacty":8}]}"#,
    );
    assert_eq!(
        messages(&j.warnings),
        [
            "enterprise.sectr: 未声明的事实，已忽略；是否指 enterprise.sector（所属行业）？",
            "furnaces[0].capacty: 未声明的事实，已忽略；是否指 furnaces[0].capacity（容量）？",
            "检查编号: 未声明的事实，已忽略；是否指 inspection.id（检查编号）？",
        ]
    );
}

#[test]
fn a_fact_only_another_version_reads_is_named_as_such() {
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sector":"metallurgy"},"old":{"drain_height":300}}"#,
    );
    assert_eq!(
        messages(&j.warnings),
        [
            "old.drain_height: 此事实由 示例〔2022〕1号（2022-01-01 施行）声明；检查日期适用的 示例〔2024〕2号（2024-01-01 施行）不读取它，已忽略"
        ]
    );
    let earlier = judge(
        r#"{"inspection":{"date":"2023-05-01"},"enterprise":{"sector":"metallurgy"},"old":{"drain_height":300}}"#,
    );
    assert!(earlier.warnings.is_empty());
    assert_eq!(steel(&earlier).major_clauses(), ["第二条"]);
}

#[test]
fn a_clause_with_a_pending_limb_is_never_clear() {
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sector":"metallurgy"},"gas":{"ratio":0.2}}"#,
    );
    let r = steel(&j);
    let n = r
        .not_assessed
        .iter()
        .find(|n| n.clause == "第六条（一）")
        .expect("not assessed");
    assert!(n.reason.contains("其余情形原文未取得"), "{}", n.reason);
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01"},"enterprise":{"sector":"metallurgy"},"gas":{"ratio":2}}"#,
    );
    assert!(steel(&j).major_clauses().contains(&"第六条（一）"));
}

#[test]
fn a_whole_site_record_is_judged_clause_by_clause() {
    let j = judge(
        r#"{"inspection":{"date":"2024-05-01","id":"SITE-1"},"enterprise":{"sector":"metallurgy"},
            "furnaces":[{"name":"1号炉","capacity":8,"alarm":"working"}],"gas":{"ratio":0.1},
            "licence":{"valid_until":"2026-01-01"},"workers":[],"dust":{"present":false}}"#,
    );
    let r = steel(&j);
    assert_eq!(
        r.verdict,
        Verdict::NotAssessed,
        "第六条（一） stays open: {r:?}"
    );
    assert_eq!(r.clauses.clear, 4);
    assert_eq!(r.clauses.not_applicable, 1);
    assert!(j.errors.is_empty() && j.warnings.is_empty());
}

#[test]
fn clause_numbers_may_be_written_with_ascii_or_full_width_brackets_in_tests() {
    let rules = format!(
        "{STEEL_2024}\ntest \"ascii\" {{ given {{ inspection.date: 2024-05-01, enterprise.sector: metallurgy, gas.ratio: 2 % }} expect major [\"第二条\", \"第六条(一)\"] }}\n"
    );
    let engine = Engine::compile([("common.hjl", COMMON), ("steel.hjl", rules.as_str())])
        .unwrap_or_else(|e| panic!("{}", hjl_core::render(&e.diagnostics, false)));
    let results = engine.run_tests();
    assert!(
        results.iter().all(hjl_core::TestResult::passed),
        "{results:?}"
    );
}
