//! The checklist in Markdown: a heading per standard, section and clause, a table of checks
//! with a check column (☐) and an empty column for what the inspector records.

use std::fmt::Write;

use hjl_core::checklist::{Applicability, Check, Checklist, StandardChecklist};

use super::{
    LEGEND, applies_without_checks, byline, clause_lines, decides, earlier, given, omitted_line,
    rows, section_title, versions,
};

/// The whole checklist.
pub(crate) fn markdown(list: &Checklist) -> String {
    let mut out = String::from("# 重大事故隐患检查表\n\n");
    let _ = writeln!(out, "- 适用版本：{}", versions(list));
    if let Some(given) = given(list) {
        let _ = writeln!(out, "- 已知事实：{}", cell(&given));
    }
    let _ = writeln!(
        out,
        "- 列入 {} 项标准；未列入 {} 项\n\n{LEGEND}\n",
        list.standards.len(),
        list.omitted.len()
    );
    for (i, sheet) in list.standards.iter().enumerate() {
        standard(&mut out, i + 1, sheet);
    }
    if !list.omitted.is_empty() {
        out.push_str("## 未列入的标准\n\n| 标准 | 文号 | 原因 |\n|---|---|---|\n");
        for o in &list.omitted {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&o.title),
                cell(&o.document),
                cell(&o.reason)
            );
        }
        out.push('\n');
    }
    out
}

fn standard(out: &mut String, n: usize, sheet: &StandardChecklist) {
    let _ = writeln!(out, "## {n}. {}\n\n{}\n", sheet.title, byline(sheet));
    if let Some(note) = earlier(sheet) {
        let _ = writeln!(out, "> {note}\n");
    }
    out.push_str("### 适用范围\n\n");
    match &sheet.scope {
        Applicability::Open { checks } => table(out, checks, "适用条件"),
        Applicability::Always => out.push_str("本标准未设适用条件。\n\n"),
        Applicability::Given => out.push_str("依已知事实，本标准适用。\n\n"),
    }
    for section in &sheet.sections {
        let _ = writeln!(out, "### {}\n", section_title(&section.path));
        match &section.applies {
            Applicability::Open { checks } => {
                out.push_str("本节适用条件：\n\n");
                table(out, checks, "适用条件");
            }
            other => {
                if let Some(line) = applies_without_checks(other, "本节") {
                    let _ = writeln!(out, "{line}\n");
                }
            }
        }
        for clause in &section.clauses {
            let _ = writeln!(out, "#### {}　{}\n", clause.number, clause.title);
            for line in clause_lines(clause) {
                let _ = writeln!(out, "{line}\n");
            }
            match &clause.applies {
                Applicability::Open { checks } => {
                    out.push_str("本条适用条件：\n\n");
                    table(out, checks, "适用条件");
                }
                other => {
                    if let Some(line) = applies_without_checks(other, "本条") {
                        let _ = writeln!(out, "{line}\n");
                    }
                }
            }
            if !clause.checks.is_empty() {
                if matches!(clause.applies, Applicability::Open { .. }) {
                    out.push_str("本条判定条件：\n\n");
                }
                table(out, &clause.checks, "判定条件");
            }
        }
    }
    if !sheet.omitted.is_empty() {
        out.push_str("### 依已知事实不适用的条款\n\n");
        for group in &sheet.omitted {
            let _ = writeln!(out, "- {}", omitted_line(&group.path, &group.clauses));
        }
        out.push('\n');
    }
    if !sheet.facts.is_empty() {
        out.push_str("### 事实索引\n\n| 检查事实 | 路径 | 单位 | 涉及 |\n|---|---|---|---|\n");
        for fact in &sheet.facts {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} |",
                cell(&fact.label),
                fact.path,
                fact.unit.unwrap_or(""),
                cell(&decides(fact))
            );
        }
        out.push('\n');
    }
}

/// A table of checks: ☐, the fact (fields and parts indented), its unit, its condition and
/// an empty cell to record in.
fn table(out: &mut String, checks: &[Check], condition: &str) {
    let _ = writeln!(
        out,
        "| ☐ | 检查事实 | 单位 | {condition} | 记录 |\n|:-:|---|:-:|---|---|"
    );
    for row in rows(checks) {
        let indent = match row.depth {
            0 => String::new(),
            d => format!("{}└ ", "　".repeat(d - 1)),
        };
        let _ = writeln!(
            out,
            "| ☐ | {indent}{} | {} | {} |  |",
            cell(&row.label()),
            row.check.unit.unwrap_or(""),
            cell(&row.condition())
        );
    }
    out.push('\n');
}

/// Text made safe for a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
