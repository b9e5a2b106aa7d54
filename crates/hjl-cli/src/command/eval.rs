//! `hjl eval`: judges one record, or a JSONL stream of them, against rule files.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use hjl_core::{Engine, Report};

use crate::{load, text};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// A rule file or a directory of them.
    rules: PathBuf,
    /// The record: a .json file, a .jsonl file (one record per line), or `-` for stdin.
    record: PathBuf,
    /// Print reports as JSON (one array of reports per record).
    #[arg(long)]
    json: bool,
    /// Read the input as JSON Lines even without a .jsonl extension.
    #[arg(long)]
    jsonl: bool,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let engine = load::engine(std::slice::from_ref(&args.rules))?;
    let stdin = args.record.as_os_str() == "-";
    let lines = args.jsonl || args.record.extension().is_some_and(|e| e == "jsonl");
    let input: Box<dyn Read> = if stdin {
        Box::new(io::stdin().lock())
    } else {
        Box::new(
            File::open(&args.record)
                .map_err(|e| format!("cannot read {}: {e}", args.record.display()))?,
        )
    };
    let out = io::stdout();
    let mut out = io::BufWriter::new(out.lock());
    let color = io::stdout().is_terminal();
    let ok = if lines {
        stream(&engine, BufReader::new(input), &mut out, args.json, color)?
    } else {
        let mut text = String::new();
        BufReader::new(input)
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read record: {e}"))?;
        let reports = engine.evaluate_str(&text).map_err(|e| e.to_string())?;
        write_reports(&mut out, &reports, args.json, true, color)?;
        true
    };
    out.flush().map_err(|e| e.to_string())?;
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Judges each line in order; a line that is not JSON yields an error object in its place.
fn stream(
    engine: &Engine,
    input: impl BufRead,
    out: &mut impl Write,
    json: bool,
    color: bool,
) -> Result<bool, String> {
    let mut ok = true;
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| format!("cannot read line {}: {e}", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        match engine.evaluate_str(&line) {
            Ok(reports) => {
                if !json {
                    writeln!(out, "── record {} ──", i + 1).map_err(|e| e.to_string())?;
                }
                write_reports(out, &reports, json, false, color)?;
            }
            Err(e) => {
                ok = false;
                if json {
                    let error = serde_json::json!({ "line": i + 1, "error": e.to_string() });
                    writeln!(out, "{error}").map_err(|e| e.to_string())?;
                } else {
                    writeln!(out, "── record {} ──\n  错误：{e}", i + 1)
                        .map_err(|e| e.to_string())?;
                }
            }
        }
    }
    Ok(ok)
}

fn write_reports(
    out: &mut impl Write,
    reports: &[Report],
    json: bool,
    pretty: bool,
    color: bool,
) -> Result<(), String> {
    let text = if json && pretty {
        serde_json::to_string_pretty(reports).map_err(|e| e.to_string())?
    } else if json {
        serde_json::to_string(reports).map_err(|e| e.to_string())?
    } else {
        text::reports(reports, color)
    };
    writeln!(out, "{text}").map_err(|e| e.to_string())
}
