//! The checklist as one HTML page laid out for printing on A4: each standard on its own
//! pages, table headers repeated on every page, no row split across pages, page numbers,
//! and a line for the inspector's and the enterprise's signatures and the date under each
//! standard.

use std::fmt::Write;

use hjl_core::checklist::{Applicability, Check, Checklist, ClauseChecklist, StandardChecklist};

use super::{
    LEGEND, applies_without_checks, byline, clause_lines, decides, earlier, given, omitted_line,
    rows, section_title, versions,
};

const STYLE: &str = r#"
@page { size: A4; margin: 14mm 12mm 15mm 12mm;
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 8pt; color: #444;
    font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; font-size: 9.5pt; line-height: 1.45;
  font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
@media screen { body { max-width: 186mm; margin: 8mm auto; } }
h1 { font-size: 16pt; text-align: center; margin: 0 0 3mm; letter-spacing: 0.1em; }
.meta { margin: 0 0 2mm; padding: 0; list-style: none; }
.legend { font-size: 8.5pt; color: #333; margin: 0 0 4mm; }
.standard { break-before: page; }
.standard:first-of-type { break-before: auto; }
h2 { font-size: 13pt; margin: 0 0 1mm; break-after: avoid; }
.byline { font-size: 8.5pt; color: #333; margin: 0 0 2mm; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; padding-bottom: 0.5mm; border-bottom: 0.8pt solid #000; break-after: avoid; }
h4 { font-size: 10pt; margin: 0 0 1mm; break-after: avoid; }
.clause { margin: 2.5mm 0 3mm; break-inside: avoid; }
.clause p, .standard > p, .section > p { margin: 0 0 1mm; }
.state { font-weight: bold; }
.small { font-size: 8.5pt; color: #333; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 1mm 0 1.5mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #000; padding: 0.8mm 1.4mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #e8e8e8; font-weight: bold; }
col.box { width: 7mm; } col.unit { width: 13mm; } col.fact { width: 38%; } col.test { width: 27%; }
td.box { text-align: center; font-size: 11pt; line-height: 1.2; }
td.unit { text-align: center; }
td.d1 { padding-left: 7mm; text-indent: -3mm; } td.d2 { padding-left: 11mm; text-indent: -3mm; }
td.d3 { padding-left: 15mm; text-indent: -3mm; }
.index col.path { width: 34%; } .index col.unit { width: 13mm; } .index td { font-size: 8.5pt; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; }
.sign { display: flex; justify-content: space-between; gap: 6mm; margin: 8mm 0 4mm; break-inside: avoid; font-size: 10.5pt; }
.sign span { flex: 1; white-space: nowrap; }
.sign span::after { content: ""; display: inline-block; width: 60%; border-bottom: 0.6pt solid #000; margin-left: 1mm; vertical-align: -1mm; }
.omitted { font-size: 8.5pt; }
"#;

/// The whole checklist as a page.
pub(crate) fn html(list: &Checklist) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>重大事故隐患检查表</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<h1>重大事故隐患检查表</h1>\n<ul class=\"meta\">\n");
    let _ = writeln!(out, "<li>适用版本：{}</li>", escape(&versions(list)));
    if let Some(given) = given(list) {
        let _ = writeln!(out, "<li>已知事实：{}</li>", escape(&given));
    }
    let _ = writeln!(
        out,
        "<li>列入 {} 项标准；未列入 {} 项</li>\n</ul>\n<p class=\"legend\">{}</p>",
        list.standards.len(),
        list.omitted.len(),
        escape(LEGEND)
    );
    for (i, sheet) in list.standards.iter().enumerate() {
        standard(&mut out, i + 1, sheet);
    }
    if !list.omitted.is_empty() {
        out.push_str("<section class=\"standard\">\n<h2>未列入的标准</h2>\n<table>\n<colgroup><col><col style=\"width:30%\"><col style=\"width:35%\"></colgroup>\n<thead><tr><th>标准</th><th>文号</th><th>原因</th></tr></thead>\n<tbody>\n");
        for o in &list.omitted {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&o.title),
                escape(&o.document),
                escape(&o.reason)
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn standard(out: &mut String, n: usize, sheet: &StandardChecklist) {
    let _ = writeln!(
        out,
        "<section class=\"standard\">\n<h2>{n}. {}</h2>\n<p class=\"byline\">{}</p>",
        escape(&sheet.title),
        escape(&byline(sheet))
    );
    if let Some(note) = earlier(sheet) {
        let _ = writeln!(out, "<p class=\"state\">{}</p>", escape(&note));
    }
    out.push_str("<h3>适用范围</h3>\n");
    match &sheet.scope {
        Applicability::Open { checks } => table(out, checks, "适用条件"),
        Applicability::Always => out.push_str("<p>本标准未设适用条件。</p>\n"),
        Applicability::Given => out.push_str("<p>依已知事实，本标准适用。</p>\n"),
    }
    for section in &sheet.sections {
        let _ = writeln!(
            out,
            "<div class=\"section\">\n<h3>{}</h3>",
            escape(&section_title(&section.path))
        );
        match &section.applies {
            Applicability::Open { checks } => {
                out.push_str("<p>本节适用条件：</p>\n");
                table(out, checks, "适用条件");
            }
            other => {
                if let Some(line) = applies_without_checks(other, "本节") {
                    let _ = writeln!(out, "<p>{}</p>", escape(&line));
                }
            }
        }
        for clause in &section.clauses {
            self::clause(out, clause);
        }
        out.push_str("</div>\n");
    }
    if !sheet.omitted.is_empty() {
        out.push_str("<h3>依已知事实不适用的条款</h3>\n<ul class=\"omitted\">\n");
        for group in &sheet.omitted {
            let _ = writeln!(
                out,
                "<li>{}</li>",
                escape(&omitted_line(&group.path, &group.clauses))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str(
        "<div class=\"sign\"><span>检查人（签字）：</span><span>日期：</span><span>企业（签字）：</span></div>\n",
    );
    if !sheet.facts.is_empty() {
        out.push_str("<h3>附：事实索引</h3>\n<table class=\"index\">\n<colgroup><col><col class=\"path\"><col class=\"unit\"><col style=\"width:22%\"></colgroup>\n<thead><tr><th>检查事实</th><th>路径</th><th>单位</th><th>涉及</th></tr></thead>\n<tbody>\n");
        for fact in &sheet.facts {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td><code>{}</code></td><td class=\"unit\">{}</td><td>{}</td></tr>",
                escape(&fact.label),
                escape(&fact.path).replace('.', ".<wbr>"),
                escape(fact.unit.unwrap_or("")),
                escape(&decides(fact))
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn clause(out: &mut String, clause: &ClauseChecklist) {
    let _ = writeln!(
        out,
        "<div class=\"clause\">\n<h4>{}　{}</h4>",
        escape(&clause.number),
        escape(&clause.title)
    );
    for line in clause_lines(clause) {
        let class = if line.starts_with('【') {
            "state"
        } else {
            "small"
        };
        let _ = writeln!(out, "<p class=\"{class}\">{}</p>", escape(&line));
    }
    match &clause.applies {
        Applicability::Open { checks } => {
            out.push_str("<p>本条适用条件：</p>\n");
            table(out, checks, "适用条件");
        }
        other => {
            if let Some(line) = applies_without_checks(other, "本条") {
                let _ = writeln!(out, "<p>{}</p>", escape(&line));
            }
        }
    }
    if !clause.checks.is_empty() {
        if matches!(clause.applies, Applicability::Open { .. }) {
            out.push_str("<p>本条判定条件：</p>\n");
        }
        table(out, &clause.checks, "判定条件");
    }
    out.push_str("</div>\n");
}

/// A table of checks: ☐, the fact (fields and parts indented), its unit, its condition and
/// an empty cell to record in.
fn table(out: &mut String, checks: &[Check], condition: &str) {
    let _ = writeln!(
        out,
        "<table>\n<colgroup><col class=\"box\"><col class=\"fact\"><col class=\"unit\"><col class=\"test\"><col></colgroup>\n<thead><tr><th>☐</th><th>检查事实</th><th>单位</th><th>{condition}</th><th>记录</th></tr></thead>\n<tbody>"
    );
    for row in rows(checks) {
        let class = match row.depth.min(3) {
            0 => String::new(),
            d => format!(" class=\"d{d}\""),
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"box\">☐</td><td{class}>{}{}</td><td class=\"unit\">{}</td><td>{}</td><td></td></tr>",
            if row.depth > 0 { "└ " } else { "" },
            escape(&row.label()),
            escape(row.check.unit.unwrap_or("")),
            escape(&row.condition())
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Text made safe for HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}
