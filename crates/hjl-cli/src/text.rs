//! Judgements as text for a terminal, in the Chinese regulators and inspectors read: what
//! is wrong with the record once, then each standard the record addresses, the near
//! clauses in full and the not inspected ones counted per section.

use std::fmt::Write;
use std::io::IsTerminal;

use hjl_core::{Classification, Evidence, Judgement, MissingFact, Report, Status, Verdict};

/// Whether to colour what goes to `stream`: a terminal, and `NO_COLOR` not set (any
/// non-empty value turns colour off, as <https://no-color.org> asks).
pub(crate) fn colour(stream: &impl IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `text` in the SGR colour `code` when `color`, as it is otherwise.
pub(crate) fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// Renders a judgement; the standards that do not apply, and those the record does not
/// address, share a closing line each.
pub(crate) fn judgement(j: &Judgement, color: bool) -> String {
    let mut out = String::new();
    let id = j.id.as_deref().unwrap_or("（无编号）");
    let date = j.date.map_or_else(|| "未知".to_owned(), |d| d.to_string());
    let _ = writeln!(out, "记录 {id} · 检查日期 {date}");
    record_problems(&mut out, j, color);
    for r in &j.reports {
        report(&mut out, r, color);
    }
    if !j.not_addressed.is_empty() {
        let titles: Vec<String> = j
            .not_addressed
            .iter()
            .map(|n| {
                let scope: Vec<String> = n.scope_missing.iter().map(missing).collect();
                format!("{}（待查：{}）", n.title, scope.join("，"))
            })
            .collect();
        let _ = writeln!(
            out,
            "未涉及（记录未提及其事实，也无法判定是否适用）：{}",
            titles.join("；")
        );
    }
    if !j.not_applicable.is_empty() {
        let titles: Vec<String> = j
            .not_applicable
            .iter()
            .map(|n| format!("{}（{}）", n.title, n.reason))
            .collect();
        let _ = writeln!(out, "不适用：{}", titles.join("；"));
    }
    out
}

/// The record's errors and warnings under `记录问题：`, nothing when it has none.
pub(crate) fn record_problems(out: &mut String, j: &Judgement, color: bool) {
    if j.errors.is_empty() && j.warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, "记录问题：");
    for (word, code, issues) in [("错误", "31", &j.errors), ("警告", "33", &j.warnings)] {
        for issue in issues {
            let label = issue
                .label
                .as_deref()
                .map(|l| format!("（{l}）"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} {}{label}：{}",
                paint(word, code, color),
                issue.path,
                issue.message
            );
        }
    }
}

fn report(out: &mut String, r: &Report, color: bool) {
    let verdict = format!("{}（{}）", r.verdict.label(), r.verdict.word());
    let code = match r.verdict {
        Verdict::Major => "1;31",
        Verdict::Undetermined | Verdict::NotAssessed => "1;33",
        Verdict::Clear => "1;32",
        Verdict::NotApplicable | Verdict::NotAddressed => "2",
    };
    let _ = writeln!(
        out,
        "{} [{} {} {}]",
        r.title, r.standard, r.document, r.version
    );
    let _ = writeln!(out, "  判定：{}", paint(&verdict, code, color));
    if let Some(reason) = &r.reason {
        let _ = writeln!(out, "  原因：{reason}");
    }
    if !r.scope_missing.is_empty() {
        let facts: Vec<String> = r.scope_missing.iter().map(missing).collect();
        let _ = writeln!(out, "  是否适用待查：{}", facts.join("，"));
    }
    for f in &r.findings {
        let _ = writeln!(
            out,
            "  {} {} {}{}",
            paint("✗", "31", color),
            f.clause,
            f.title,
            section(f.section.as_deref())
        );
        if !f.situations.is_empty() {
            let _ = writeln!(out, "      情形：{}", f.situations.join("；"));
        }
        for e in &f.evidence {
            let _ = writeln!(out, "      {}", evidence(e));
        }
        if let Some(note) = &f.note {
            let _ = writeln!(out, "      注：{note}");
        }
    }
    let mut not_inspected: Vec<(&str, usize)> = Vec::new();
    for u in &r.undetermined {
        if u.status == Status::NotInspected {
            let name = u.section.as_deref().unwrap_or("其他");
            match not_inspected.iter_mut().find(|(s, _)| *s == name) {
                Some((_, n)) => *n += 1,
                None => not_inspected.push((name, 1)),
            }
            continue;
        }
        let (mark, said) = match u.status {
            Status::Conditional => (paint("◐", "31", color), "依据"),
            _ => (paint("?", "33", color), "已记录"),
        };
        let _ = writeln!(
            out,
            "  {mark} {} {}{}  [{}]",
            u.clause,
            u.title,
            section(u.section.as_deref()),
            u.status.label()
        );
        for e in &u.evidence {
            let _ = writeln!(out, "      {said}：{}", evidence(e));
        }
        if !u.missing.is_empty() {
            let facts: Vec<String> = u.missing.iter().map(missing).collect();
            let _ = writeln!(out, "      待查：{}", facts.join("；"));
        }
        if let Some(note) = &u.note {
            let _ = writeln!(out, "      注：{note}");
        }
    }
    if !not_inspected.is_empty() {
        let total: usize = not_inspected.iter().map(|(_, n)| n).sum();
        let parts: Vec<String> = not_inspected
            .iter()
            .map(|(s, n)| format!("{s} {n} 项"))
            .collect();
        let _ = writeln!(
            out,
            "  {} 未检查 {total} 项（记录未涉及其事实）：{}",
            paint("·", "2", color),
            parts.join("，")
        );
    }
    for n in &r.not_assessed {
        let _ = writeln!(out, "  - {} {}：{}", n.clause, n.title, n.reason);
    }
    if let Some(reference) = &r.reference {
        let _ = writeln!(
            out,
            "  参考（已废止的 {}，仅供参考）：{} 项",
            reference.document,
            reference.findings.len()
        );
        for f in &reference.findings {
            let _ = writeln!(out, "      {} {}", f.clause, f.title);
        }
    }
    let c = &r.clauses;
    let _ = writeln!(
        out,
        "  条款：共 {}，重大 {}，待查 {}（如适用 {}，待补查 {}，未检查 {}），未发现 {}，不适用 {}，未评估 {}",
        c.total,
        c.major,
        c.undetermined,
        c.conditional,
        c.near,
        c.not_inspected,
        c.clear,
        c.not_applicable,
        c.not_assessed
    );
}

fn section(s: Option<&str>) -> String {
    s.map(|s| format!("〔{s}〕")).unwrap_or_default()
}

/// `label[item] = value  (test)  path`, with `（推算）` for a computed value.
pub(crate) fn evidence(e: &Evidence) -> String {
    let value = &e.value;
    let item = e
        .item
        .as_deref()
        .map(|i| format!("「{i}」"))
        .unwrap_or_default();
    let test = e
        .test
        .as_deref()
        .map(|t| format!("（{t}）"))
        .unwrap_or_default();
    let via = match e.via {
        hjl_core::Via::Computed => "（推算）",
        hjl_core::Via::Record => "",
    };
    format!("{}{item} = {value}{via}{test}  {}", e.label, e.path)
}

/// `label（unit）「item」 path`.
pub(crate) fn missing(m: &MissingFact) -> String {
    let unit = m
        .unit
        .as_deref()
        .map(|u| format!("（{u}）"))
        .unwrap_or_default();
    let item = m
        .item
        .as_deref()
        .map(|i| format!("「{i}」"))
        .unwrap_or_default();
    format!("{}{unit}{item} {}", m.label, m.path)
}

/// How `hjl eval --verdicts` rows (one per record and standard) are written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    /// Tab-separated values; tabs and line breaks inside a cell become spaces.
    Tsv,
    /// Comma-separated values (RFC 4180): a cell with a comma, quote or line break is
    /// quoted, its quotes doubled.
    Csv,
}

/// The columns of `--verdicts` output.
const VERDICT_COLUMNS: [&str; 11] = [
    "line",
    "id",
    "standard",
    "version",
    "verdict",
    "major",
    "conditional",
    "near",
    "not_inspected",
    "errors",
    "message",
];

impl Table {
    fn separator(self) -> &'static str {
        match self {
            Table::Tsv => "\t",
            Table::Csv => ",",
        }
    }

    /// The header row, without its line break.
    pub(crate) fn header(self) -> String {
        VERDICT_COLUMNS.join(self.separator())
    }

    fn row(self, cells: &[&str]) -> String {
        let cells: Vec<String> = cells.iter().map(|c| self.cell(c)).collect();
        format!("{}\n", cells.join(self.separator()))
    }

    /// Text made safe for one cell.
    fn cell(self, text: &str) -> String {
        match self {
            Table::Tsv => text.replace(['\t', '\n', '\r'], " "),
            Table::Csv if text.contains([',', '"', '\n', '\r']) => {
                format!("\"{}\"", text.replace('"', "\"\""))
            }
            Table::Csv => text.to_owned(),
        }
    }
}

/// A record's verdicts as rows of `table` (see [`Table::header`]); the major clauses of a
/// standard are separated by `;`.
pub(crate) fn verdicts(c: &Classification, line: Option<usize>, table: Table) -> String {
    let line = line.map(|n| n.to_string()).unwrap_or_default();
    let id = c.id.as_deref().unwrap_or_default();
    let errors = c.errors.to_string();
    let mut out = String::new();
    for s in &c.standards {
        let major: Vec<&str> = s.major.iter().map(|m| m.as_ref()).collect();
        let counts = [s.conditional, s.near, s.not_inspected].map(|n| n.to_string());
        out.push_str(&table.row(&[
            &line,
            id,
            &s.standard,
            &s.version,
            s.verdict.word(),
            &major.join(";"),
            &counts[0],
            &counts[1],
            &counts[2],
            &errors,
            "",
        ]));
    }
    out
}

/// A line that is not a record, as a row of `--verdicts` output: the verdict `error`, no
/// standard, and why in the last column.
pub(crate) fn verdicts_error(line: usize, message: &str, table: Table) -> String {
    let line = line.to_string();
    table.row(&[&line, "", "", "", "error", "", "", "", "", "1", message])
}

#[cfg(test)]
mod table_tests {
    use super::Table;

    #[test]
    fn csv_cells_are_quoted_only_when_they_must_be() {
        assert_eq!(
            Table::Csv.cell("第四条（一）;第四条（八）"),
            "第四条（一）;第四条（八）"
        );
        assert_eq!(Table::Csv.cell("a, b"), "\"a, b\"");
        assert_eq!(Table::Csv.cell("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(Table::Csv.cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(Table::Tsv.cell("a\tb\nc"), "a b c");
        assert_eq!(
            Table::Csv.row(&["1", "a,b", ""]),
            "1,\"a,b\",\n",
            "a row ends with a line break"
        );
    }
}
