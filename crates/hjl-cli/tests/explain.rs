//! `hjl explain` as a regulator runs it on a shipped standard: the trees of a clause that
//! fires on one element of a list, of one left undetermined by a missing fact and of one
//! whose guard is false, as text and as JSON; the clauses it picks without `--clause`;
//! and the errors for a clause number that names no clause.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly on the first broken assumption"
)]

use std::process::{Command, Output};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const INDUSTRY_TRADE: &str = "../../../../rulesets/industry-trade.hjl";
const RECORD: &str = "explain/steel.json";
/// Fires on the second blast furnace; undetermined for want of one area's water; not
/// applicable to an enterprise that is not a metal smelter.
const CLAUSES: [&str; 3] = ["第四条（五）", "第四条(二)", "第三条（三）"];

fn hjl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hjl"))
        .args(args)
        .current_dir(FIXTURES)
        .env_remove("NO_COLOR")
        .output()
        .expect("hjl runs")
}

fn explain(extra: &[&str]) -> Output {
    explain_record(RECORD, extra)
}

/// `hjl explain` on industry-trade.hjl and `record`.
fn explain_record(record: &str, extra: &[&str]) -> Output {
    let mut args = vec!["explain", INDUSTRY_TRADE, record];
    args.extend(extra);
    hjl(&args)
}

/// `--clause` for each of [`CLAUSES`], then `extra`.
fn with_clauses(extra: &[&'static str]) -> Vec<&'static str> {
    let mut args: Vec<&str> = CLAUSES.iter().flat_map(|c| ["--clause", *c]).collect();
    args.extend(extra);
    args
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn explain_shows_each_clause_as_a_tree_with_every_value() {
    let o = explain(&with_clauses(&[]));
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        !text.contains('\x1b'),
        "no colour when the output is not a terminal"
    );
    insta::assert_snapshot!("explain_text", text);
}

#[test]
fn explain_json_is_the_explanation_contract() {
    let o = explain(&with_clauses(&["--json"]));
    assert!(o.status.success(), "{}", stderr(&o));
    let explanations: Vec<hjl_core::Explanation> =
        serde_json::from_slice(&o.stdout).expect("explanations read back");
    let outcomes: Vec<&str> = explanations.iter().map(|e| e.outcome.word()).collect();
    assert_eq!(outcomes, ["major", "undetermined", "not_applicable"]);
    insta::assert_snapshot!("explain_json", stdout(&o));
}

#[test]
fn without_a_clause_it_explains_what_is_major_or_nearly_decided() {
    let o = explain(&["--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let explanations: Vec<hjl_core::Explanation> = serde_json::from_slice(&o.stdout).unwrap();
    let clauses: Vec<(&str, &str)> = explanations
        .iter()
        .map(|e| (e.clause.as_str(), e.outcome.word()))
        .collect();
    // 第四条（六） is undetermined too, but the record says nothing it reads: left out.
    assert_eq!(
        clauses,
        [("第四条（五）", "major"), ("第四条（二）", "undetermined")]
    );
    let text = stdout(&explain(&[]));
    assert!(
        text.starts_with("未指定 --clause：以下解释本记录重大、如适用即为重大和待补查的 2 项条款"),
        "{text}"
    );
}

#[test]
fn what_is_wrong_with_the_record_is_said_first() {
    let text = r#"{"inspection": {"date": "2024-03-11"}, "enterprise": {"sector": "metallurgy"},
        "metallurgy": {"blast_furnace": [{"name": "1号高炉"}]}}"#;
    let record = scratch("typo.json", text);
    let o = explain_record(&record, &["--clause", "第四条（五）"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "记录问题：\n  警告 metallurgy.blast_furnace：未声明的事实，已忽略；是否指 metallurgy.blast_furnaces（高炉）？\n\n"
        ),
        "{out}"
    );
    assert!(out.contains("任一项成立：高炉（未填写）"), "{out}");
}

#[test]
fn a_clause_number_that_names_no_clause_is_an_error_with_the_nearest() {
    let o = explain(&["--clause", "第四条(十五)"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).trim_end(),
        "错误：已加载的标准都没有条款 `第四条(十五)`；是否指 `第四条（五）`？"
    );
}

#[test]
fn of_standards_numbering_a_clause_alike_the_one_that_applies_is_meant() {
    let all = "../../../../rulesets";
    let industry_trade = "[industry_trade 应急管理部令第10号 2023-05-15]";
    let o = hjl(&["explain", all, RECORD, "--clause", "第四条（五）"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(industry_trade), "{}", stdout(&o));
    // Nothing says which applies: the reader is asked to name one.
    let open = scratch("open.json", r#"{"inspection": {"date": "2024-03-11"}}"#);
    let o = hjl(&["explain", all, &open, "--clause", "第四条（五）"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("industry_trade") && stderr(&o).contains("用 --standard 指明其中一项"),
        "{}",
        stderr(&o)
    );
    let named = ["--standard", "industry_trade", "--clause", "第四条（五）"];
    let o = hjl(&[&["explain", all, &open][..], &named[..]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(industry_trade), "{}", stdout(&o));
}

/// A file of this name and text in a scratch folder of this test run.
fn scratch(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("hjl-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}
