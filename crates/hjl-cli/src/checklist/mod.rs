//! The checklist as an inspector prints it: Markdown and HTML for A4, in Chinese. Both read
//! the checks as rows (a list's fields and a derived fact's parts indented under it) and
//! word their headings alike.

mod html;
mod markdown;

pub(crate) use html::html;
pub(crate) use markdown::markdown;

use hjl_core::checklist::{
    Applicability, Check, Checklist, ClauseChecklist, ClauseState, FactUse, StandardChecklist,
};

/// What the columns mean, printed once above the standards.
const LEGEND: &str = "“判定条件”为构成该条所列情形的取值，“适用条件”为标准、章节或条款适用的取值；同一事实有几项条件时以“；”分隔。☐ 供勾选已核查，“记录”栏填写核查结果或实测值。";

/// One row of a table of checks.
struct Row<'c> {
    /// 0 for a fact; 1 for a field of a list or a part of a derived fact, and so on.
    depth: usize,
    check: &'c Check,
    /// Whether the row is a derived fact's part (rather than a list's field).
    part: bool,
}

impl Row<'_> {
    /// The label as printed, marked when it may be stated directly or is a part.
    fn label(&self) -> String {
        let mut label = self.check.label.clone();
        if self.check.derived {
            label.push_str("（可直接填写结论，或核查下列依据）");
        }
        if self.part {
            label = format!("依据：{label}");
        }
        label
    }

    /// The tests, joined. Whether a fact is recorded goes after its values (`否或未记录`),
    /// and goes without saying beside a value or a list's elements; a test of a list's
    /// elements says that its fields follow.
    fn condition(&self) -> String {
        let tests = &self.check.tests;
        let fields = !self.check.fields.is_empty();
        let valued: Vec<String> = tests
            .iter()
            .filter(|t| !matches!(t.op, "known" | "not known"))
            .map(|t| match t.op {
                "any" | "all" | "each" if fields => format!("{}符合下列条件", t.text),
                _ => t.text.clone(),
            })
            .collect();
        let unrecorded = tests.iter().find(|t| t.op == "not known");
        let mut text = valued.join("；");
        match (unrecorded, text.is_empty()) {
            (Some(t), false) => text = format!("{text}或{}", t.text),
            (_, true) => text = tests.first().map_or_else(String::new, |t| t.text.clone()),
            (None, false) => {}
        }
        text
    }
}

/// The checks as rows, each followed by its fields and parts.
fn rows(checks: &[Check]) -> Vec<Row<'_>> {
    fn add<'c>(checks: &'c [Check], depth: usize, part: bool, out: &mut Vec<Row<'c>>) {
        for check in checks {
            out.push(Row { depth, check, part });
            add(&check.parts, depth + 1, true, out);
            add(&check.fields, depth + 1, false, out);
        }
    }
    let mut out = Vec::new();
    add(checks, 0, false, &mut out);
    out
}

/// Which versions are listed, and why.
fn versions(list: &Checklist) -> String {
    match &list.date {
        Some(date) => format!("按 {date} 施行的版本"),
        None => "各标准最新编码的版本（未指定检查日期）".to_owned(),
    }
}

/// The facts given, on one line.
fn given(list: &Checklist) -> Option<String> {
    let given: Vec<String> = list
        .given
        .iter()
        .map(|g| format!("{}：{}", g.label, g.text))
        .collect();
    (!given.is_empty()).then(|| given.join("；"))
}

/// The line under a standard's title.
fn byline(sheet: &StandardChecklist) -> String {
    format!(
        "{} · {} · {} 施行 · {}",
        sheet.document, sheet.issuer, sheet.version, sheet.standard
    )
}

/// The note on a version whose clauses are all pending.
fn earlier(sheet: &StandardChecklist) -> Option<String> {
    sheet.earlier.as_ref().map(|e| {
        format!(
            "本版本条款均尚未编码，须按原文检查；此前版本 {}（{} 施行）的检查表可按该版本施行期间的检查日期生成（--date）。",
            e.document, e.version
        )
    })
}

/// What is said of something that applies without checks: always, or by the given facts.
fn applies_without_checks(applies: &Applicability, what: &str) -> Option<String> {
    match applies {
        Applicability::Always => None,
        Applicability::Given => Some(format!("依已知事实，{what}适用。")),
        Applicability::Open { .. } => None,
    }
}

/// The title of a section group.
fn section_title(path: &[String]) -> String {
    if path.is_empty() {
        "条款".to_owned()
    } else {
        path.join(" › ")
    }
}

/// What is known of a clause that has nothing left to check, and what is pending.
fn clause_lines(clause: &ClauseChecklist) -> Vec<String> {
    let mut lines = Vec::new();
    match clause.state {
        ClauseState::Open => {}
        ClauseState::Pending => {}
        state => lines.push(format!("【{}】", state.label())),
    }
    if !clause.situations.is_empty() {
        lines.push(format!("情形：{}", clause.situations.join("；")));
    }
    match (&clause.pending, clause.state) {
        (Some(reason), ClauseState::Pending) => {
            lines.push(format!("【待编码】本条尚未编码，须按原文检查：{reason}"));
        }
        (Some(reason), _) => lines.push(format!("另有情形待编码：{reason}")),
        (None, _) => {}
    }
    if let Some(note) = &clause.note {
        lines.push(format!("说明：{note}"));
    }
    lines
}

/// What a fact of the index decides, in words.
fn decides(fact: &FactUse) -> String {
    let mut parts = Vec::new();
    if fact.scope {
        parts.push("适用范围".to_owned());
    }
    for section in &fact.sections {
        parts.push(format!("「{section}」一节"));
    }
    if !fact.clauses.is_empty() {
        parts.push(fact.clauses.join("、"));
    }
    parts.join("；")
}

/// A count of the omitted clauses, by section.
fn omitted_line(path: &[String], clauses: &[String]) -> String {
    format!("{}：{}", section_title(path), clauses.join("、"))
}
