//! `hjl explain`: why clauses came out as they did for one record. Each clause's guards and
//! rule lines as indented trees of their conditions, every node marked true, false or
//! unknown with the facts it read, in Chinese; or the same as JSON (`--json`).

use std::fmt::Write as _;
use std::io::{Read, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use hjl_core::explain::{Guard, Line, Step, StepKind};
use hjl_core::{ExplainError, Explanation, Outcome, Truth, Via};

use crate::text::paint;
use crate::{limits, load, text};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Rule files or directories of them.
    #[arg(required = true, value_name = "RULES")]
    rules: Vec<PathBuf>,
    /// The record: a .json file holding one record, or `-` for stdin.
    #[arg(value_name = "RECORD")]
    record: PathBuf,
    /// The clause to explain, numbered as the standard numbers it (`第四条（一）`; ASCII
    /// brackets are accepted); repeat for several. Without it, every clause that is major,
    /// major if it applies, or near (the record gives part of what decides it).
    #[arg(long = "clause", value_name = "N")]
    clauses: Vec<String>,
    /// The standard (its identifier, as `hjl list` shows it): needed when several loaded
    /// standards that may apply to the record number a clause alike; without --clause,
    /// only its clauses are explained.
    #[arg(long, value_name = "NAME")]
    standard: Option<String>,
    /// Print the explanations as JSON: an array, one object per clause.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    limits: limits::RecordLimits,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let engine = args.limits.apply(load::engine(&args.rules, false)?);
    let source = read(&args.record)?;
    let record = engine
        .bind_str(&source)
        .map_err(|e| format!("{}: {e}", args.record.display()))?;
    let standard = args.standard.as_deref();
    let explanations = if args.clauses.is_empty() {
        engine.explain_notable(&record, standard)
    } else {
        args.clauses
            .iter()
            .map(|clause| engine.explain(&record, standard, clause))
            .collect()
    }
    .map_err(|e| message(&e))?;
    let output = if args.json {
        let mut json = serde_json::to_string_pretty(&explanations).map_err(|e| e.to_string())?;
        json.push('\n');
        json
    } else {
        let color = text::colour(&std::io::stdout());
        // What is wrong with the record (a misspelt key, a value that cannot be read) is
        // often why a fact shows as not given: said once, first.
        let mut out = String::new();
        text::record_problems(&mut out, &engine.judge(&record), color);
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&render(&explanations, args.clauses.is_empty(), color));
        out
    };
    std::io::stdout()
        .lock()
        .write_all(output.as_bytes())
        .map_err(|e| format!("cannot write the explanation: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

fn read(path: &PathBuf) -> Result<String, String> {
    let mut text = String::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn message(e: &ExplainError) -> String {
    match e {
        ExplainError::Ambiguous { clause, standards } => format!(
            "多项标准都有条款 `{clause}`：{}；用 --standard 指明其中一项",
            standards.join("、")
        ),
        _ => e.to_string(),
    }
}

/// Every explanation in turn; `chosen` when the clauses were picked for the reader (no
/// `--clause`), which is said first.
fn render(explanations: &[Explanation], chosen: bool, color: bool) -> String {
    let mut out = String::new();
    if chosen {
        let _ = match explanations.len() {
            0 => writeln!(
                out,
                "本记录没有重大、如适用即为重大或待补查的条款；用 --clause 指定要解释的条款"
            ),
            n => writeln!(
                out,
                "未指定 --clause：以下解释本记录重大、如适用即为重大和待补查的 {n} 项条款（未发现、不适用和未检查的条款从略）"
            ),
        };
    }
    if !explanations.is_empty() {
        let _ = writeln!(
            out,
            "标记：{} 是　{} 否　{} 未知　· 取值",
            mark(Some(Truth::True), color),
            mark(Some(Truth::False), color),
            mark(Some(Truth::Unknown), color)
        );
    }
    for e in explanations {
        out.push('\n');
        explanation(&mut out, e, color);
    }
    out
}

fn explanation(out: &mut String, e: &Explanation, color: bool) {
    let _ = writeln!(out, "{} {}", e.clause, e.clause_title);
    let section = e
        .section
        .as_deref()
        .map(|s| format!(" · 〔{s}〕"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  {} [{} {} {}]{section}",
        e.title, e.standard, e.document, e.version
    );
    let id = e.record.as_deref().unwrap_or("（无编号）");
    let date = e.date.map_or_else(|| "未知".to_owned(), |d| d.to_string());
    let _ = writeln!(out, "  记录 {id} · 检查日期 {date}");
    let status = e
        .status
        .map(|s| format!("·{}", s.label()))
        .unwrap_or_default();
    let conclusion = format!(
        "{}{status}（{}）",
        outcome_label(e.outcome),
        e.outcome.word()
    );
    let _ = writeln!(
        out,
        "  结论：{}：{}",
        paint(&conclusion, outcome_colour(e.outcome), color),
        e.summary
    );
    let _ = writeln!(out, "  适用条件：");
    for g in &e.guards {
        guard(out, g, color);
    }
    if !e.lines.is_empty() {
        let heading = match e.outcome {
            Outcome::NotApplicable => "判定行（本条款不适用，仅供参考）：",
            _ => "判定行（任一成立即为重大事故隐患）：",
        };
        let _ = writeln!(out, "  {heading}");
        for l in &e.lines {
            line(out, l, color);
        }
    }
    if let Some(pending) = &e.pending {
        let _ = writeln!(out, "  待编码：{pending}");
    }
    if let Some(note) = &e.note {
        let _ = writeln!(out, "  注：{note}");
    }
}

fn outcome_label(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Major => "重大事故隐患",
        Outcome::Clear => "未发现",
        Outcome::Undetermined => "待查",
        Outcome::NotApplicable => "不适用",
        Outcome::NotAssessed => "未评估",
    }
}

fn outcome_colour(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Major => "1;31",
        Outcome::Undetermined | Outcome::NotAssessed => "1;33",
        Outcome::Clear => "1;32",
        Outcome::NotApplicable => "2",
    }
}

fn guard(out: &mut String, g: &Guard, color: bool) {
    let said = g
        .text
        .as_deref()
        .or(g.detail.as_deref())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "    {} {}：{said}",
        mark(Some(g.truth), color),
        g.label
    );
    if let Some(step) = &g.step {
        tree(out, step, 8, None, color);
    }
}

fn line(out: &mut String, l: &Line, color: bool) {
    let situation = l
        .situation
        .as_deref()
        .map(|s| format!("「{s}」"))
        .unwrap_or_default();
    let text = l.text.as_deref().unwrap_or_default();
    let _ = writeln!(
        out,
        "    {} 第{}行{situation}：{text}",
        mark(Some(l.truth), color),
        l.number
    );
    tree(out, &l.step, 8, None, color);
}

/// A step at `indent` spaces and its children four spaces deeper. Inside a list element
/// (`list` is the list's label), its fields go by their own labels.
fn tree(out: &mut String, step: &Step, indent: usize, list: Option<&str>, color: bool) {
    let _ = writeln!(
        out,
        "{:indent$}{} {}",
        "",
        mark(step.truth, color),
        describe(step, list)
    );
    if compact(step) {
        return;
    }
    let list = match step.kind {
        StepKind::Element => step.fact.as_ref().map(|f| f.label.as_str()),
        _ => list,
    };
    // A comparison's text already says the constants it compares with.
    let tested = matches!(step.kind, StepKind::Compare | StepKind::Member);
    for child in &step.children {
        if !(tested && child.kind == StepKind::Constant) {
            tree(out, child, indent + 4, list, color);
        }
    }
}

/// Whether a comparison or membership is said on one line: a fact tested against
/// constants, as reports show evidence.
fn compact(step: &Step) -> bool {
    let Some((first, rest)) = step.children.split_first() else {
        return false;
    };
    matches!(step.kind, StepKind::Compare | StepKind::Member)
        && first.kind == StepKind::Fact
        && rest.iter().all(|c| c.kind == StepKind::Constant)
}

/// One step on one line.
fn describe(step: &Step, list: Option<&str>) -> String {
    let path = step
        .fact
        .as_ref()
        .map(|f| format!("  {}", f.path))
        .unwrap_or_default();
    match step.kind {
        _ if compact(step) => match step.children.first() {
            Some(fact) => format!("{}（{}）{}", reading(fact, list), step.text, path_of(fact)),
            None => step.text.clone(),
        },
        StepKind::Fact => format!("{}{path}", reading(step, list)),
        StepKind::Derived => {
            let via = match step.via {
                Some(Via::Computed) => "（采用推算值）",
                Some(Via::Record) => "（推算不出，采用记录所填值）",
                None => "",
            };
            format!("{}{via}{path}", reading(step, list))
        }
        StepKind::Stated => reading(step, list),
        StepKind::Element => {
            let item = step
                .fact
                .as_ref()
                .and_then(|f| f.item.as_deref())
                .map(|i| format!("「{i}」"))
                .unwrap_or_default();
            format!("{}{item}{path}", step.text)
        }
        StepKind::Any
        | StepKind::All
        | StepKind::None
        | StepKind::Count
        | StepKind::Sum
        | StepKind::Min
        | StepKind::Max
        | StepKind::Known
            if step.fact.is_some() =>
        {
            let label = step.fact.as_ref().map_or("", |f| f.label.as_str());
            let size = list_size(step);
            let value = match step.kind {
                StepKind::Count | StepKind::Sum | StepKind::Min | StepKind::Max => {
                    format!(" = {}", value_text(step))
                }
                _ => String::new(),
            };
            format!("{}：{label}{size}{value}{path}", step.text)
        }
        StepKind::Compare | StepKind::Member => format!("比较：{}", step.text),
        StepKind::Constant => step.text.clone(),
        _ => match &step.value {
            Some(_) => format!("{} = {}", step.text, value_text(step)),
            None if step.truth.is_none() => format!("{} = 未知", step.text),
            None => step.text.clone(),
        },
    }
}

/// `（共 N 项）` for a list the record gives, `（未填写）` for one it does not.
fn list_size(step: &Step) -> String {
    match (&step.value, step.kind) {
        (_, StepKind::Sum | StepKind::Min | StepKind::Max | StepKind::Count) => String::new(),
        (Some(n), _) => format!("（共 {n} 项）"),
        (None, _) => "（未填写）".to_owned(),
    }
}

/// `label = value`, `label 未填写`, or the record's error. A field of the list element
/// being shown (`list` is the list's label) goes by its own label.
fn reading(step: &Step, list: Option<&str>) -> String {
    let error = step.fact.as_ref().and_then(|f| f.error.as_deref());
    let label = list
        .and_then(|l| step.text.strip_prefix(l))
        .and_then(|field| field.strip_prefix('·'))
        .unwrap_or(&step.text);
    match (&step.value, error) {
        (Some(_), _) => format!("{label} = {}", value_text(step)),
        (None, Some(error)) => format!("{label} 填写有误（{error}）"),
        (None, None) if step.kind == StepKind::Derived => format!("{label} 未知"),
        (None, None) => format!("{label} 未填写"),
    }
}

fn path_of(step: &Step) -> String {
    step.fact
        .as_ref()
        .map(|f| format!("  {}", f.path))
        .unwrap_or_default()
}

/// A value with its enum label: `failed（失效）`; `未知` when there is none.
fn value_text(step: &Step) -> String {
    match (&step.value, &step.value_label) {
        (Some(v), Some(label)) => format!("{v}（{label}）"),
        (Some(v), None) => v.to_string(),
        (None, _) => "未知".to_owned(),
    }
}

/// ✔ true, ✘ false, ? unknown, · a value that is no condition.
fn mark(truth: Option<Truth>, color: bool) -> String {
    match truth {
        Some(Truth::True) => paint("✔", "32", color),
        Some(Truth::False) => paint("✘", "31", color),
        Some(Truth::Unknown) => paint("?", "33", color),
        None => paint("·", "2", color),
    }
}
