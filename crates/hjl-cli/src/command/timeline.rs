//! `hjl timeline`: each enterprise's major hazards over many inspections (销号闭环): when
//! each was found, what every later inspection said of it, when it was closed and by whose
//! sign-off, and which have stayed open longer than allowed.

use std::fmt::Write as _;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use hjl_core::diff::Change;
use hjl_core::report::Date;
use hjl_core::timeline::{HazardHistory, Standing, Timeline};

use crate::text::paint;
use crate::{limits, load, text};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// A rule file or a directory of them.
    rules: PathBuf,
    /// The inspections, one per line (JSON Lines), in any order: records, of one enterprise
    /// or many (grouped by `enterprise.credit_code`, else `enterprise.name`), or the
    /// judgements `hjl eval --json` wrote (one enterprise, unnamed).
    records: PathBuf,
    /// Flag hazards open for more than this many days.
    #[arg(long, value_name = "DAYS")]
    overdue: Option<u32>,
    /// Measure open hazards to this day (YYYY-MM-DD) [default: the latest inspection's date].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    as_of: Option<Date>,
    /// Print the timelines as JSON (`docs/timeline.schema.json`).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    limits: limits::RecordLimits,
}

fn date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("expected a date such as 2024-06-30, found `{text}`"))
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let engine = args
        .limits
        .apply(load::engine(std::slice::from_ref(&args.rules), false)?);
    let file = std::fs::File::open(&args.records)
        .map_err(|e| format!("无法读取 {}：{e}", args.records.display()))?;
    let mut records = Vec::new();
    let mut failed = 0usize;
    for (i, line) in std::io::BufReader::new(file).split(b'\n').enumerate() {
        let line = line.map_err(|e| format!("无法读取第 {} 行：{e}", i + 1))?;
        let Ok(line) = String::from_utf8(line) else {
            failed += 1;
            eprintln!(
                "{}:{}：此行不是 UTF-8 文本（此行未计入）",
                args.records.display(),
                i + 1
            );
            continue;
        };
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            continue;
        }
        match engine.inspection_str(line) {
            Ok(record) => records.push(record),
            Err(e) => {
                failed += 1;
                eprintln!("{}:{}：{e}（此行未计入）", args.records.display(), i + 1);
            }
        }
    }
    let timelines = engine.timelines(&records, args.as_of, args.overdue.map(i64::from));
    let out = if args.json {
        serde_json::to_string_pretty(&timelines).map_err(|e| e.to_string())? + "\n"
    } else {
        render(&timelines, args.overdue, text::colour(&std::io::stdout()))
    };
    print!("{out}");
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn render(timelines: &[Timeline], overdue: Option<u32>, color: bool) -> String {
    let mut out = String::new();
    for (n, t) in timelines.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let e = &t.enterprise;
        let name = e.name.as_deref().unwrap_or("（未注明企业）");
        let about: Vec<&str> = [&e.id, &e.district, &e.sector_label]
            .into_iter()
            .filter_map(|x| x.as_deref())
            .filter(|x| *x != name)
            .collect();
        let about = if about.is_empty() {
            String::new()
        } else {
            format!("（{}）", about.join("，"))
        };
        let _ = writeln!(out, "{}{about}", paint(name, "1", color));
        let visits: Vec<String> = t
            .inspections
            .iter()
            .map(|v| {
                let day = v
                    .date
                    .map_or_else(|| "日期不详".to_owned(), |d| d.to_string());
                format!("{day} {}", v.id.as_deref().unwrap_or("（无编号）"))
            })
            .collect();
        let _ = writeln!(out, "  检查 {} 次：{}", visits.len(), visits.join("；"));
        let count = |standing| t.hazards.iter().filter(|h| h.standing == standing).count();
        let late = t.hazards.iter().filter(|h| h.overdue).count();
        let limit = overdue
            .map(|d| format!("，超过 {d} 天未销号 {late} 项"))
            .unwrap_or_default();
        let ended = [
            (Standing::NoLongerListed, "现行版本不再列出"),
            (Standing::NoLongerApplies, "不再适用"),
        ]
        .iter()
        .filter_map(|(standing, word)| match count(*standing) {
            0 => None,
            n => Some(format!("，{word} {n} 项（不视为销号）")),
        })
        .collect::<String>();
        let _ = writeln!(
            out,
            "  重大事故隐患 {} 项：已销号 {} 项，未销号 {} 项{limit}{ended}",
            t.hazards.len(),
            count(Standing::Closed),
            count(Standing::Open),
        );
        let mut standard = "";
        for h in &t.hazards {
            if h.standard != standard {
                standard = &h.standard;
                let _ = writeln!(out, "  {}", h.title);
            }
            hazard(&mut out, t, h, color);
        }
    }
    if timelines.is_empty() {
        out.push_str("没有可读的检查记录\n");
    }
    out
}

fn hazard(out: &mut String, t: &Timeline, h: &HazardHistory, color: bool) {
    let day = |i: Option<usize>| {
        i.and_then(|i| t.inspections.get(i))
            .and_then(|v| v.date)
            .map_or_else(|| "日期不详".to_owned(), |d| d.to_string())
    };
    let (word, code) = match h.standing {
        Standing::Open if h.overdue => ("超期未销号", "31"),
        Standing::Open => ("未销号", "33"),
        Standing::Closed => ("已销号", "32"),
        Standing::NoLongerListed => ("不再列出", "36"),
        Standing::NoLongerApplies => ("不再适用", "36"),
    };
    let days = h.days_open.map(|d| format!("，{d} 天")).unwrap_or_default();
    let end = match h.standing {
        Standing::Open => String::new(),
        _ => format!(" → {}", day(h.ended)),
    };
    let _ = writeln!(
        out,
        "    {} {} {}：{} 发现{end}{days}",
        paint(word, code, color),
        h.clause,
        h.clause_title,
        day(Some(h.found)),
    );
    if h.unverified {
        out.push_str("      销号时未写明复核人，尚未签字确认\n");
    }
    for f in &h.follow_ups {
        let what = match f.change {
            Change::Closed => "已不构成重大事故隐患，销号",
            Change::Open | Change::New => "仍为重大事故隐患",
            Change::Undetermined => "未能判定",
            Change::NoLongerListed => "现行版本不再列出",
            Change::NoLongerApplies => "不再适用",
        };
        let _ = writeln!(out, "      {} 复查：{what}", day(Some(f.inspection)));
    }
}
