//! Golden table of evaluation semantics (`golden/semantics.tsv`): Kleene logic, bounds,
//! exact quantities across units, enums, dates, lists, counting conditions. Each row is
//! judged through a real rule file and record, as a user would run it.

#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly on the first broken assumption"
)]

use hjl_core::{Engine, Verdict};

const VOCABULARY: &str = r#"
standard golden "语义对照" { issuer "测试" document "测试第1号" effective 2000-01-01 }
fact a.x : bool "甲"
fact a.y : bool "乙"
fact a.z : bool "丙"
fact a.n : integer "人数"
fact a.p : pressure in kPa "压力"
fact a.t : temperature "温度"
fact a.len : length in m "长度"
fact a.gas : lel "可燃气体浓度"
fact a.kind : enum { furnace "炉", kiln "窑", other "其他" } "类型"
fact a.d : date "日期"
fact a.today : date "今天"
fact a.c : concentration "比例"
fact a.q : flow "流量"
fact a.m : mass_flow "产量"
fact a.pct : concentration (>= 0 %, <= 100 %) "百分比"
fact a.count : integer (>= 0) "数量"
fact a.expired : bool "已过期" = a.d < a.today
fact items : list {
  big : bool "大", n : integer "数", w : mass in kg "重"
  heavy : bool "超重" = w >= 100 kg
} "条目"
"#;

fn judge(expression: &str, record: &str) -> Result<&'static str, String> {
    let rules = format!("{VOCABULARY}clause \"第一条\" \"对照\" {{ major when {expression} }}\n");
    let engine = Engine::compile([("golden.hjl", rules)])
        .map_err(|e| hjl_core::render(&e.diagnostics, false))?;
    let judgement = engine.evaluate_str(record).map_err(|e| e.to_string())?;
    let report = judgement.reports.first().ok_or("no report")?;
    Ok(match report.verdict {
        Verdict::Major => "true",
        Verdict::Clear => "false",
        Verdict::Undetermined => "unknown",
        other => return Err(format!("unexpected verdict {other:?}")),
    })
}

#[test]
fn golden_semantics() {
    let table = include_str!("golden/semantics.tsv");
    let mut failures = Vec::new();
    let mut rows = 0;
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [expression, record, expected] = cols.as_slice() else {
            panic!("line {}: expected 3 tab-separated columns", n + 1);
        };
        rows += 1;
        match judge(expression, record) {
            Ok(got) if got == *expected => {}
            Ok(got) => failures.push(format!(
                "line {}: `{expression}` on {record}: expected {expected}, got {got}",
                n + 1
            )),
            Err(e) => failures.push(format!("line {}: `{expression}`: {e}", n + 1)),
        }
    }
    assert!(rows > 50, "golden table too small: {rows}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
