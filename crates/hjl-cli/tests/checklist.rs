//! `hjl checklist` as an inspector or a regulator runs it on the shipped rule files:
//! Markdown and JSON of a standard as it stands and pruned by facts given, the printable
//! page, and facts given wrongly.

#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly on the first broken assumption"
)]

use std::process::{Command, Output};

const RULESETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulesets");

fn checklist(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hjl"))
        .arg("checklist")
        .arg(RULESETS)
        .args(args)
        .output()
        .expect("hjl runs")
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The port standard for a dangerous-goods port operator known to work within its permit.
const PORT_GIVEN: &[&str] = &[
    "--standard",
    "port",
    "--set",
    "enterprise.sector=港口",
    "--set",
    "port.dangerous_goods_operations=true",
    "--set",
    "port.operations_beyond_permit=否",
];

#[test]
fn markdown_of_a_shipped_standard() {
    let o = checklist(&["--standard", "highway_operation"]);
    insta::assert_snapshot!("highway_operation_md", stdout(&o));
}

#[test]
fn json_of_a_shipped_standard() {
    let o = checklist(&["--standard", "highway_operation", "--format", "json"]);
    insta::assert_snapshot!("highway_operation_json", stdout(&o));
}

#[test]
fn markdown_pruned_by_facts_given() {
    let o = checklist(PORT_GIVEN);
    insta::assert_snapshot!("port_given_md", stdout(&o));
}

#[test]
fn json_pruned_by_facts_given() {
    let args = [PORT_GIVEN, &["--format", "json", "--date", "2025-03-01"]].concat();
    insta::assert_snapshot!("port_given_json", stdout(&checklist(&args)));
}

#[test]
fn html_is_one_page_laid_out_for_a4_with_a_line_to_sign() {
    let page = stdout(&checklist(&[
        "--standard",
        "highway_operation",
        "--format",
        "html",
    ]));
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    for print_rule in [
        "@page { size: A4;",
        "thead { display: table-header-group; }",
        "tr { break-inside: avoid;",
    ] {
        assert!(page.contains(print_rule), "{print_rule}");
    }
    assert!(
        page.contains("<h4>第七条（一）　路侧净区内有高危设施而未按建设期标准设交通安全设施</h4>")
    );
    assert!(page.contains(
        "<td class=\"d2\">└ 依据：设施至行车道边缘的距离</td><td class=\"unit\">m</td><td>≤ 该处路侧计算净区宽度</td>"
    ));
    assert!(
        page.contains(
            "<span>检查人（签字）：</span><span>日期：</span><span>企业（签字）：</span>"
        )
    );
    assert!(page.ends_with("</html>\n"));
}

#[test]
fn a_fact_given_wrongly_stops_with_what_was_meant() {
    let unknown = checklist(&["--set", "enterprise.sectr=metallurgy"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&unknown.stderr),
        "错误：未声明的事实 enterprise.sectr；是否指 enterprise.sector（所属行业领域）？\n"
    );
    let value = checklist(&["--set", "enterprise.sector=metalurgy"]);
    assert_eq!(value.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&value.stderr)
            .contains("无法识别的取值 \"metalurgy\"；是否指 metallurgy（冶金）？可选：")
    );
    let pair = checklist(&["--set", "enterprise.sector"]);
    assert_eq!(pair.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&pair.stderr).contains("expected PATH=VALUE"));
    assert!(unknown.stdout.is_empty() && value.stdout.is_empty());
}
