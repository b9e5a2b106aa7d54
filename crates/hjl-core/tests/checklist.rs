//! The inspection checklist a standard implies (`Engine::checklist`): thresholds shown with
//! their units and comparisons as the rules write them, pruning by facts given ahead of the
//! inspection, the version in force on a date, and facts given wrongly.

#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly on the first broken assumption"
)]

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use hjl_core::checklist::{
    Applicability, Check, Checklist, ClauseChecklist, ClauseState, StandardChecklist,
};
use hjl_core::{Engine, GivenError};

fn shipped() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rulesets");
        let mut sources = Vec::new();
        for entry in fs::read_dir(&dir).expect("rulesets/") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "hjl") {
                let name = path.display().to_string();
                sources.push((name, fs::read_to_string(&path).expect("readable")));
            }
        }
        Engine::compile_rules(sources).expect("shipped rules compile")
    })
}

const DEMO: &str = r#"
standard demo "示例标准" {
  issuer "示例" document "示例第1号" effective 2024-01-01
  applies when site.kind == plant
}
fact site.kind : enum { plant "工厂", mine "矿山" } "场所类别"
fact site.dusty : bool "存在粉尘爆炸危险"
fact tank.pressure : pressure in kPa "储罐压力"
fact room.distance : length in m "安全间距"
fact room.people : integer "作业人数"
fact furnaces : list { alarm : bool "报警装置完好" } "熔炼炉"
clause "第一条" "储罐压力超过0.1MPa" { major when tank.pressure > 0.1 MPa }
clause "第二条" "安全间距不足20米" { major when not (room.distance >= 20 m) }
clause "第三条" "作业人数超过9人" { major when 9 < room.people }
section "粉尘" when site.dusty {
  clause "第四条" "熔炼炉报警装置失效" {
    applies when known(furnaces)
    major when any f in furnaces: not f.alarm
  }
}
"#;

fn demo() -> Engine {
    Engine::compile([("demo.hjl", DEMO)]).expect("demo rules compile")
}

fn standard<'c>(list: &'c Checklist, name: &str) -> &'c StandardChecklist {
    list.standards
        .iter()
        .find(|s| s.standard == name)
        .unwrap_or_else(|| panic!("{name} is listed"))
}

fn clause<'c>(sheet: &'c StandardChecklist, number: &str) -> &'c ClauseChecklist {
    sheet
        .sections
        .iter()
        .flat_map(|s| &s.clauses)
        .find(|c| c.number == number)
        .unwrap_or_else(|| panic!("{number} is listed"))
}

/// The check of `path` among `checks`, their fields and parts.
fn check<'c>(checks: &'c [Check], path: &str) -> &'c Check {
    fn find<'c>(checks: &'c [Check], path: &str) -> Option<&'c Check> {
        checks.iter().find_map(|c| {
            (c.path == path)
                .then_some(c)
                .or_else(|| find(&c.fields, path))
                .or_else(|| find(&c.parts, path))
        })
    }
    find(checks, path).unwrap_or_else(|| panic!("{path} is asked for"))
}

fn texts(check: &Check) -> Vec<&str> {
    check.tests.iter().map(|t| t.text.as_str()).collect()
}

#[test]
fn a_threshold_shows_with_its_unit_and_its_comparison_inclusive_or_not_as_written() {
    let list = shipped().checklist([], None).expect("nothing given");
    // 工贸 第四条（八）“封堵压力小于30kPa”: less than, 30 kPa excluded.
    let drainers = clause(standard(&list, "industry_trade"), "第四条（八）");
    let seal = check(
        &drainers.checks,
        "metallurgy.gas_drainers[].max_seal_pressure",
    );
    assert_eq!(seal.unit, Some("kPa"));
    assert_eq!(texts(seal), ["< 30 kPa"]);
    assert_eq!(
        (seal.tests[0].op, &*seal.tests[0].against),
        ("<", &["30 kPa".to_owned()][..])
    );
    let derived = check(
        &drainers.checks,
        "metallurgy.gas_drainers[].seal_below_30kpa",
    );
    assert!(derived.derived, "the conclusion may be stated directly");
    assert_eq!(texts(derived), ["是"]);
    // 煤矿 第五条（三）“爆破地点附近20m以内甲烷达1.0%”: at most 20 m, at least 1.0 %.
    let blasting = clause(standard(&list, "coal_mine"), "第五条（三）");
    let distance = check(&blasting.checks, "coal.gas_readings[].distance");
    let methane = check(&blasting.checks, "coal.gas_readings[].ch4");
    assert_eq!(
        (distance.unit, texts(distance)),
        (Some("m"), vec!["≤ 20 m"])
    );
    assert_eq!((methane.unit, texts(methane)), (Some("%"), vec!["≥ 1.0 %"]));
}

#[test]
fn a_constant_in_another_unit_shows_in_the_declared_one_too_and_not_turns_a_test_round() {
    let list = demo().checklist([], None).expect("nothing given");
    let sheet = standard(&list, "demo");
    let pressure = check(&clause(sheet, "第一条").checks, "tank.pressure");
    assert_eq!(texts(pressure), ["> 0.1 MPa（100 kPa）"]);
    // `not (distance >= 20 m)` holds when the distance is less than 20 m.
    let distance = check(&clause(sheet, "第二条").checks, "room.distance");
    assert_eq!(texts(distance), ["< 20 m"]);
    // `9 < people`: the fact is the one compared.
    let people = check(&clause(sheet, "第三条").checks, "room.people");
    assert_eq!(texts(people), ["> 9"]);
    let Applicability::Open { checks } = &sheet.scope else {
        panic!("the scope is open: {:?}", sheet.scope);
    };
    assert_eq!(texts(check(checks, "site.kind")), ["为 工厂"]);
}

#[test]
fn a_given_fact_drops_a_section_whose_guard_becomes_false_and_keeps_one_left_unknown() {
    let list = shipped()
        .checklist([("enterprise.sector", "metallurgy")], None)
        .expect("a sector");
    let trade = standard(&list, "industry_trade");
    assert!(matches!(trade.scope, Applicability::Given));
    let paths: Vec<String> = trade.sections.iter().map(|s| s.path.join(" › ")).collect();
    assert!(paths.contains(&"行业类 › 冶金".to_owned()), "{paths:?}");
    assert!(!paths.contains(&"行业类 › 有色".to_owned()), "{paths:?}");
    let dust = trade
        .sections
        .iter()
        .find(|s| s.path.join(" › ") == "专项类 › 粉尘爆炸")
        .expect("the dust section stays: whether there is dust is still open");
    let Applicability::Open { checks } = &dust.applies else {
        panic!("its guard is open: {:?}", dust.applies);
    };
    assert_eq!(texts(check(checks, "dust.explosion_risk")), ["是"]);
    let omitted: Vec<String> = trade.omitted.iter().map(|o| o.path.join(" › ")).collect();
    assert!(omitted.contains(&"行业类 › 有色".to_owned()), "{omitted:?}");
    // Other sectors' standards are left out, with the reason.
    let coal = list.omitted.iter().find(|o| o.standard == "coal_mine");
    assert_eq!(
        coal.map(|o| o.reason.as_str()),
        Some("依已知事实，不属于本标准适用范围")
    );
    assert!(list.standards.iter().all(|s| s.standard != "coal_mine"));
}

#[test]
fn what_the_given_facts_decide_is_marked_and_they_are_not_asked_again() {
    let engine = demo();
    let open = engine
        .checklist([("room.people", "12")], None)
        .expect("given");
    let sheet = standard(&open, "demo");
    // The scope is still open: the condition holds, the clause applies if the standard does.
    assert_eq!(clause(sheet, "第三条").state, ClauseState::Conditional);
    assert!(clause(sheet, "第三条").checks.is_empty());
    assert!(sheet.facts.iter().all(|f| f.path != "room.people"));
    let known = engine
        .checklist([("room.people", "12"), ("site.kind", "工厂")], None)
        .expect("given");
    let sheet = standard(&known, "demo");
    assert!(matches!(sheet.scope, Applicability::Given));
    assert_eq!(clause(sheet, "第三条").state, ClauseState::Major);
    let few = engine
        .checklist([("room.people", "9")], None)
        .expect("given");
    assert_eq!(
        clause(standard(&few, "demo"), "第三条").state,
        ClauseState::Clear
    );
    let given: Vec<(&str, &str)> = known
        .given
        .iter()
        .map(|g| (g.path.as_str(), g.text.as_str()))
        .collect();
    assert_eq!(given, [("room.people", "12"), ("site.kind", "工厂")]);
}

#[test]
fn whether_a_list_is_given_stays_open_until_the_inspection_gives_it() {
    // Facts given ahead of the inspection do not say that a list is absent: a clause that
    // applies when the record lists furnaces is kept, its condition to check.
    let list = demo()
        .checklist([("site.dusty", "true")], None)
        .expect("given");
    let furnaces = clause(standard(&list, "demo"), "第四条");
    assert_eq!(furnaces.state, ClauseState::Open);
    let Applicability::Open { checks } = &furnaces.applies else {
        panic!("its own condition is open: {:?}", furnaces.applies);
    };
    assert_eq!(texts(check(checks, "furnaces")), ["已列出"]);
    assert_eq!(texts(check(&furnaces.checks, "furnaces[].alarm")), ["否"]);
    let none = demo()
        .checklist([("site.dusty", "否")], None)
        .expect("given");
    let sheet = standard(&none, "demo");
    assert!(sheet.sections.iter().all(|s| s.path != ["粉尘"]));
    assert_eq!(sheet.omitted[0].clauses, ["第四条"]);
}

#[test]
fn the_version_listed_is_the_one_in_force_on_the_date_as_judging_picks_it() {
    let engine = shipped();
    let version = |date: Option<&str>| {
        let list = engine.checklist([], date).expect("a date");
        list.standards
            .iter()
            .find(|s| s.standard == "port")
            .map(|s| s.version.clone())
            .or_else(|| {
                list.omitted
                    .iter()
                    .find(|o| o.standard == "port")
                    .map(|o| o.reason.clone())
            })
    };
    assert_eq!(version(Some("2020-05-01")).as_deref(), Some("2016-12-19"));
    assert_eq!(version(Some("2024-07-08")).as_deref(), Some("2024-07-08"));
    assert_eq!(version(None).as_deref(), Some("2024-07-08"));
    assert_eq!(
        version(Some("2016-01-01")).as_deref(),
        Some("检查日期 2016-01-01 早于本标准施行日期 2016-12-19")
    );
    // The date given as the inspection's own picks the version too.
    let list = engine
        .checklist([("inspection.date", "2020-05-01")], None)
        .expect("a date");
    assert_eq!(standard(&list, "port").version, "2016-12-19");
}

#[test]
fn a_fact_given_wrongly_is_refused_with_what_was_meant() {
    let engine = shipped();
    let refused = |given: &[(&str, &str)], date: Option<&str>| {
        engine
            .checklist(given.iter().copied(), date)
            .expect_err("refused")
    };
    let unknown = refused(&[("enterprise.sectr", "metallurgy")], None);
    assert!(matches!(unknown, GivenError::UnknownFact { .. }));
    assert_eq!(
        unknown.to_string(),
        "未声明的事实 enterprise.sectr；是否指 enterprise.sector（所属行业领域）？"
    );
    let value = refused(&[("enterprise.sector", "metalurgy")], None).to_string();
    assert!(
        value.starts_with(
            "所属行业领域（enterprise.sector）：无法识别的取值 \"metalurgy\"；是否指 metallurgy（冶金）？可选：metallurgy（冶金）、nonferrous（有色）"
        ),
        "{value}"
    );
    assert_eq!(
        refused(&[("special_operation_workers", "3")], None).to_string(),
        "特种作业人员（special_operation_workers）是列表，只能给出单项事实"
    );
    assert_eq!(
        refused(&[("enterprise.in_production", "maybe")], None).to_string(),
        "检查时处于生产期间（enterprise.in_production）：应为 true 或 false，实为 \"maybe\""
    );
    assert_eq!(
        refused(&[("inspection.date", "2024-06-01")], Some("2024-06-01")).to_string(),
        "inspection.date 给出了两次"
    );
    assert!(matches!(
        refused(&[], Some("2024-13-01")),
        GivenError::BadDate { .. }
    ));
}
