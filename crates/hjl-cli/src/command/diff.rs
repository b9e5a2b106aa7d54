//! `hjl diff`: re-inspection (复查). What became of each major hazard between two
//! inspections of one enterprise: closed on evidence, still open, newly found,
//! undetermined (not closed), or no longer listed by the version in force. Each side is a
//! record, judged here, or a judgement `hjl eval --json` wrote.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hjl_core::diff::{Change, HazardChange, Inspected};
use hjl_core::{Diff, Engine};

use crate::text::paint;
use crate::{limits, load, text};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// A rule file or a directory of them: they judge the records, and tell which clauses
    /// each version lists.
    rules: PathBuf,
    /// The first inspection: a record (.json), or its judgement (`hjl eval --json`).
    before: PathBuf,
    /// The re-inspection, likewise.
    after: PathBuf,
    /// Print the comparison as JSON (`docs/diff.schema.json`).
    #[arg(long)]
    json: bool,
    /// Exit with status 3 when a hazard is still open, new, or not decided by the
    /// re-inspection (nothing may be signed off as a whole).
    #[arg(long)]
    fail_on_open: bool,
    #[command(flatten)]
    limits: limits::RecordLimits,
}

fn read(engine: &Engine, path: &Path) -> Result<Inspected, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("无法读取 {}：{e}", path.display()))?;
    engine
        .inspection_str(&text)
        .map_err(|e| format!("{}：{e}", path.display()))
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let engine = args
        .limits
        .apply(load::engine(std::slice::from_ref(&args.rules), false)?);
    let (before, after) = (read(&engine, &args.before)?, read(&engine, &args.after)?);
    let diff = engine.diff_inspections(&before, &after);
    if let (Some(first), Some(second)) = (diff.before.date, diff.after.date) {
        if first > second {
            eprintln!(
                "注意：首次检查（{first}）晚于复查（{second}），是否把两份记录的顺序颠倒了？"
            );
        }
    }
    let out = if args.json {
        serde_json::to_string_pretty(&diff).map_err(|e| e.to_string())? + "\n"
    } else {
        render(&diff, text::colour(&std::io::stdout()))
    };
    print!("{out}");
    let c = diff.counts;
    if args.fail_on_open && c.open + c.new + c.undetermined > 0 {
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

/// The comparison in Chinese: a summary line, then each standard's hazards.
fn render(diff: &Diff, color: bool) -> String {
    let mut out = String::new();
    let name = |i: &hjl_core::diff::Inspection| {
        let id = i.id.as_deref().unwrap_or("（无编号）");
        let date = i.date.map(|d| format!("（{d}）")).unwrap_or_default();
        format!("{id}{date}")
    };
    let _ = writeln!(
        out,
        "首次检查 {} → 复查 {}",
        name(&diff.before),
        name(&diff.after)
    );
    for (side, i) in [("首次检查", &diff.before), ("复查", &diff.after)] {
        let people = [("检查人员", &i.inspectors), ("复核人", &i.verified_by)]
            .iter()
            .filter_map(|(role, who)| who.as_deref().map(|w| format!("{role} {w}")))
            .collect::<Vec<_>>();
        if !people.is_empty() {
            let _ = writeln!(out, "{side}：{}", people.join("，"));
        }
    }
    let c = diff.counts;
    let unverified = if c.unverified > 0 {
        format!("（其中 {} 项未经复核签字）", c.unverified)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "销号 {} 项{unverified}，仍未整改 {} 项，新发现 {} 项，未能判定（不予销号）{} 项，\
         现行版本不再列出 {} 项，不再适用 {} 项",
        c.closed, c.open, c.new, c.undetermined, c.no_longer_listed, c.no_longer_applies
    );
    if diff.hazards.is_empty() {
        out.push_str("两次检查均未发现重大事故隐患\n");
    }
    let mut standard = "";
    for hazard in &diff.hazards {
        if hazard.standard != standard {
            standard = &hazard.standard;
            let _ = writeln!(out, "\n{}", paint(&hazard.title, "1", color));
        }
        hazard_lines(&mut out, hazard, color);
    }
    out
}

fn hazard_lines(out: &mut String, hazard: &HazardChange, color: bool) {
    let (word, code) = match hazard.change {
        Change::Closed => ("已销号", "32"),
        Change::Open => ("未整改", "31"),
        Change::New => ("新发现", "31"),
        Change::Undetermined => ("未能判定", "33"),
        Change::NoLongerListed => ("不再列出", "36"),
        Change::NoLongerApplies => ("不再适用", "36"),
    };
    let _ = writeln!(
        out,
        "  {} {} {}",
        paint(word, code, color),
        hazard.clause,
        hazard.clause_title
    );
    let _ = writeln!(out, "    {}", hazard.reason);
    let versions = match (&hazard.before_version, &hazard.after_version) {
        (Some(b), Some(a)) if a != b => format!("    版本：{b} → {a}\n"),
        _ => String::new(),
    };
    out.push_str(&versions);
    for (side, evidence) in [
        ("首次", &hazard.before_evidence),
        ("复查", &hazard.after_evidence),
    ] {
        for e in evidence.iter() {
            let _ = writeln!(out, "    {side}：{}", text::evidence(e));
        }
    }
    for m in &hazard.missing {
        let _ = writeln!(out, "    待查：{}", text::missing(m));
    }
}
