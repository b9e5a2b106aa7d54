//! `hjl eval`: judges one record, or a JSONL stream of them, against rule files. Streams
//! are judged in parallel chunks and written in input order, with memory bounded by the
//! chunk size whatever the input size.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use hjl_core::{Engine, Report};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::{load, text};

/// Records judged together before their output is written.
const CHUNK: usize = 2048;

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
    /// Worker threads for JSON Lines input (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let engine = load::engine(std::slice::from_ref(&args.rules))?;
    let stdin = args.record.as_os_str() == "-";
    let lines = args.jsonl || args.record.extension().is_some_and(|e| e == "jsonl");
    let (input, size): (Box<dyn Read>, Option<u64>) = if stdin {
        (Box::new(io::stdin().lock()), None)
    } else {
        let file = File::open(&args.record)
            .map_err(|e| format!("cannot read {}: {e}", args.record.display()))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let out = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, out.lock());
    let color = io::stdout().is_terminal();
    let ok = if lines {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads.unwrap_or(0))
            .build()
            .map_err(|e| format!("cannot start worker threads: {e}"))?;
        let progress = progress_bar(size);
        let batch = Batch {
            engine: &engine,
            pool: &pool,
            json: args.json,
            color,
        };
        let ok = batch.stream(
            BufReader::with_capacity(1 << 20, input),
            &mut out,
            &progress,
        )?;
        progress.finish_and_clear();
        ok
    } else {
        let mut text = String::new();
        BufReader::new(input)
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read record: {e}"))?;
        let reports = engine.evaluate_str(&text).map_err(|e| e.to_string())?;
        let rendered = if args.json {
            serde_json::to_string_pretty(&reports).map_err(|e| e.to_string())?
        } else {
            text::reports(&reports, color)
        };
        writeln!(out, "{rendered}").map_err(|e| e.to_string())?;
        true
    };
    out.flush().map_err(|e| e.to_string())?;
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A progress bar on a terminal (bytes when the input size is known); hidden otherwise.
fn progress_bar(size: Option<u64>) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    match size {
        Some(len) => {
            let bar = ProgressBar::new(len);
            let style = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, {eta}) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        }
        None => ProgressBar::new_spinner(),
    }
}

struct Batch<'e> {
    engine: &'e Engine,
    pool: &'e rayon::ThreadPool,
    json: bool,
    color: bool,
}

impl Batch<'_> {
    /// Judges the stream chunk by chunk; returns false if any line was not JSON.
    fn stream(
        &self,
        mut input: impl BufRead,
        out: &mut impl Write,
        progress: &ProgressBar,
    ) -> Result<bool, String> {
        let mut ok = true;
        let mut number = 0usize;
        let mut chunk: Vec<(usize, String)> = Vec::with_capacity(CHUNK);
        loop {
            chunk.clear();
            let mut bytes = 0u64;
            while chunk.len() < CHUNK {
                let mut line = String::new();
                let n = input
                    .read_line(&mut line)
                    .map_err(|e| format!("cannot read line {}: {e}", number + 1))?;
                if n == 0 {
                    break;
                }
                bytes += n as u64;
                number += 1;
                if !line.trim().is_empty() {
                    chunk.push((number, line));
                }
            }
            if chunk.is_empty() && bytes == 0 {
                return Ok(ok);
            }
            let rendered: Vec<(String, bool)> = self.pool.install(|| {
                chunk
                    .par_iter()
                    .map(|(n, line)| self.judge_line(*n, line))
                    .collect()
            });
            for (text, good) in rendered {
                ok &= good;
                out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
            }
            progress.inc(bytes);
            progress.set_message(format!("{number} records"));
        }
    }

    /// One line's output text (newline included) and whether the line was valid JSON.
    fn judge_line(&self, number: usize, line: &str) -> (String, bool) {
        match self.engine.evaluate_str(line) {
            Ok(reports) => (self.render(number, &reports), true),
            Err(e) if self.json => (
                format!(
                    "{}\n",
                    serde_json::json!({ "line": number, "error": e.to_string() })
                ),
                false,
            ),
            Err(e) => (format!("── record {number} ──\n  错误：{e}\n"), false),
        }
    }

    fn render(&self, number: usize, reports: &[Report]) -> String {
        if self.json {
            let mut text =
                serde_json::to_string(reports).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
            text.push('\n');
            text
        } else {
            format!(
                "── record {number} ──\n{}",
                text::reports(reports, self.color)
            )
        }
    }
}
