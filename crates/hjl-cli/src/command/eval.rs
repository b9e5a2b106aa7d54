//! `hjl eval`: judges one record, or a JSONL stream of them, against rule files. Streams
//! are judged in parallel chunks and written in input order, with memory bounded by the
//! chunk size whatever the input size.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;

use hjl_core::{Engine, Report};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::{load, text};

/// Records judged together before their output is written.
const CHUNK: usize = 1024;

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
    let engine = load::engine(std::slice::from_ref(&args.rules), false)?;
    let stdin = args.record.as_os_str() == "-";
    let lines = args.jsonl || args.record.extension().is_some_and(|e| e == "jsonl");
    let (input, size): (Box<dyn Read + Send>, Option<u64>) = if stdin {
        (Box::new(io::stdin()), None)
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

/// Lines read together: (line number, bytes), with the bytes they took. Lines are checked
/// as UTF-8 by the workers, so that a bad line is reported in place and the rest of the
/// stream is still judged.
struct Chunk {
    lines: Vec<(usize, Vec<u8>)>,
    bytes: u64,
    last: usize,
}

/// A chunk's outputs in input order.
struct Judged {
    outputs: Vec<(String, bool)>,
    bytes: u64,
    last: usize,
}

/// Reads the input into chunks of up to `CHUNK` lines until it ends (or the receiver is
/// gone). Blank lines are left to the workers, which also check each line as UTF-8.
fn read_chunks(mut input: impl BufRead, tx: &mpsc::SyncSender<Result<Chunk, String>>) {
    let mut number = 0usize;
    loop {
        let mut chunk = Chunk {
            lines: Vec::with_capacity(CHUNK),
            bytes: 0,
            last: number,
        };
        while chunk.lines.len() < CHUNK {
            let mut line = Vec::new();
            match input.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(n) => {
                    chunk.bytes += n as u64;
                    number += 1;
                    chunk.lines.push((number, line));
                }
                Err(e) => {
                    let _ = tx.send(Err(format!("cannot read line {}: {e}", number + 1)));
                    return;
                }
            }
        }
        chunk.last = number;
        if chunk.bytes == 0 || tx.send(Ok(chunk)).is_err() {
            return;
        }
    }
}

struct Batch<'e> {
    engine: &'e Engine,
    pool: &'e rayon::ThreadPool,
    json: bool,
    color: bool,
}

impl Batch<'_> {
    /// Judges the stream chunk by chunk; returns false if any line was not JSON. Reading,
    /// judging and writing overlap: a reader thread fills chunks, the pool judges one while
    /// the next is read, and this thread writes the previous one, in input order.
    fn stream(
        &self,
        input: impl BufRead + Send,
        out: &mut impl Write,
        progress: &ProgressBar,
    ) -> Result<bool, String> {
        let (chunks_tx, chunks_rx) = mpsc::sync_channel::<Result<Chunk, String>>(2);
        let (done_tx, done_rx) = mpsc::sync_channel::<Result<Judged, String>>(2);
        std::thread::scope(|scope| {
            scope.spawn(move || read_chunks(input, &chunks_tx));
            scope.spawn(move || {
                for chunk in chunks_rx {
                    let judged = chunk.map(|c| Judged {
                        outputs: self.pool.install(|| {
                            c.lines
                                .par_iter()
                                .map(|(n, line)| self.judge_bytes(*n, line))
                                .collect()
                        }),
                        bytes: c.bytes,
                        last: c.last,
                    });
                    if done_tx.send(judged).is_err() {
                        return;
                    }
                }
            });
            let mut ok = true;
            for judged in done_rx {
                let judged = judged?;
                for (text, good) in judged.outputs {
                    ok &= good;
                    out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
                }
                progress.inc(judged.bytes);
                progress.set_message(format!("{} records", judged.last));
            }
            Ok(ok)
        })
    }

    /// One line's output text (newline included, empty for a blank line) and whether the
    /// line was a JSON record.
    fn judge_bytes(&self, number: usize, line: &[u8]) -> (String, bool) {
        match std::str::from_utf8(line) {
            Ok(line) if line.trim().is_empty() => (String::new(), true),
            Ok(line) => match self.engine.evaluate_str(line) {
                Ok(reports) => (self.render(number, &reports), true),
                Err(e) => (self.line_error(number, &e.to_string()), false),
            },
            Err(e) => {
                let message = format!("line is not UTF-8 text: {e}");
                (self.line_error(number, &message), false)
            }
        }
    }

    /// The output for a line that is not a record, in its place in the stream.
    fn line_error(&self, number: usize, message: &str) -> String {
        if self.json {
            format!(
                "{}\n",
                serde_json::json!({ "line": number, "error": message })
            )
        } else {
            format!("── record {number} ──\n  错误：{message}\n")
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
