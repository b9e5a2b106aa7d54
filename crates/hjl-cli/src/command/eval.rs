//! `hjl eval`: judges one record, or a JSONL stream of them, against rule files. Streams
//! are judged in parallel chunks and written in input order, with memory bounded by the
//! chunk size whatever the input size.
//!
//! Exit status: 0 every record judged cleanly; 1 some records had errors (unreadable
//! values, lines that are not records), the rest judged; 2 unusable input (rules that do
//! not compile, a file that cannot be read, a lone record that is not a JSON object);
//! 3 with `--fail-on major`, some record has a major finding (before 1).

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;

use hjl_core::{Classification, Engine, Judgement, RecordError, Verdict};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::text::Table;
use crate::{limits, load, text};

/// Records judged together before their output is written.
const CHUNK: usize = 1024;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// A rule file or a directory of them.
    rules: PathBuf,
    /// The record: a .json file (one record), a .jsonl or .ndjson file (one record per
    /// line), or `-` for stdin.
    record: PathBuf,
    /// Print judgements as JSON (one per record; a line of JSON Lines per input line).
    #[arg(long)]
    json: bool,
    /// Read the input as JSON Lines whatever its name.
    #[arg(long)]
    jsonl: bool,
    /// Verdicts only, for bulk classification: each standard's verdict, its major clauses
    /// and its counts of undetermined clauses, without evidence or missing facts (a table
    /// of tab-separated values, or with --json one object per record).
    #[arg(long)]
    verdicts: bool,
    /// The verdicts (as with --verdicts) as comma-separated values, for spreadsheets.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// Worker threads for JSON Lines input (default: one per core; at most four per core).
    #[arg(long)]
    threads: Option<usize>,
    /// Judge by this standard only (its identifier, as `hjl list` shows it); repeat for
    /// several. The vocabularies it reads are loaded with it.
    #[arg(long = "standard", value_name = "NAME")]
    standards: Vec<String>,
    /// Exit with status 3 when any record has a finding of this kind.
    #[arg(long, value_enum, value_name = "KIND")]
    fail_on: Option<FailOn>,
    #[command(flatten)]
    limits: limits::RecordLimits,
}

/// What `--fail-on` fails on.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    /// A major accident hazard found by any standard.
    Major,
}

/// What became of the records: for the exit status and the end-of-run summary.
#[derive(Default, Clone, Copy)]
struct Tally {
    /// Records judged (blank lines are not records).
    records: u64,
    /// Records with a major accident hazard.
    major: u64,
    /// Records left undetermined (nothing major, something not decided).
    undetermined: u64,
    /// Records with an error: a value that could not be read, or a line that is no record.
    errors: u64,
}

impl Tally {
    fn one(verdict: Verdict, errors: bool) -> Self {
        Self {
            records: 1,
            major: u64::from(verdict == Verdict::Major),
            undetermined: u64::from(verdict == Verdict::Undetermined),
            errors: u64::from(errors),
        }
    }

    fn of(judgement: &Judgement) -> Self {
        Self::one(judgement.verdict, !judgement.errors.is_empty())
    }

    fn of_verdicts(classification: &Classification) -> Self {
        Self::one(classification.verdict, classification.errors > 0)
    }

    /// A line that is not a record.
    fn failed() -> Self {
        Self {
            records: 1,
            errors: 1,
            ..Self::default()
        }
    }

    fn add(&mut self, other: Self) {
        self.records += other.records;
        self.major += other.major;
        self.undetermined += other.undetermined;
        self.errors += other.errors;
    }

    fn exit(self, fail_on: Option<FailOn>) -> ExitCode {
        if fail_on == Some(FailOn::Major) && self.major > 0 {
            ExitCode::from(3)
        } else if self.errors > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }

    /// The line said when a stream is done: counts, and records per second.
    fn summary(self, elapsed: std::time::Duration) -> String {
        let seconds = elapsed.as_secs_f64();
        let rate = if seconds > 0.0 {
            format!("，每秒 {:.0} 条", self.records as f64 / seconds)
        } else {
            String::new()
        };
        format!(
            "判定 {} 条记录：重大隐患 {} 条，待查 {} 条，有错误 {} 条；用时 {seconds:.2} 秒{rate}",
            self.records, self.major, self.undetermined, self.errors
        )
    }
}

/// How the input is laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// One record.
    One,
    /// One record per line.
    Lines,
}

/// The layout a path's name says, or why it says none.
fn layout(path: &Path, jsonl: bool) -> Result<Layout, String> {
    if jsonl {
        return Ok(Layout::Lines);
    }
    if path.as_os_str() == "-" {
        return Ok(Layout::One);
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("json") => Ok(Layout::One),
        Some("jsonl" | "ndjson") => Ok(Layout::Lines),
        other => Err(format!(
            "无法判断 {} 是哪种文件（{}）：单条记录的文件用 .json 作扩展名，每行一条记录的\
             文件用 .jsonl 或 .ndjson，或者加 --jsonl",
            path.display(),
            other.map_or_else(|| "没有扩展名".to_owned(), |e| format!("扩展名为 .{e}"))
        )),
    }
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let layout = layout(&args.record, args.jsonl)?;
    let engine = load::engine_for(std::slice::from_ref(&args.rules), &args.standards)?;
    let engine = args.limits.apply(engine);
    let stdin = args.record.as_os_str() == "-";
    let (input, size): (Box<dyn Read + Send>, Option<u64>) = if stdin {
        (Box::new(io::stdin()), None)
    } else {
        let file = File::open(&args.record)
            .map_err(|e| format!("无法读取 {}：{e}", args.record.display()))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let out = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, out.lock());
    let color = text::colour(&io::stdout());
    let verdicts = args.verdicts || args.csv;
    let table = if args.csv { Table::Csv } else { Table::Tsv };
    if verdicts && !args.json {
        writeln!(out, "{}", table.header()).map_err(|e| e.to_string())?;
    }
    let tally = if layout == Layout::Lines {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads(args.threads))
            .build()
            .map_err(|e| format!("无法启动工作线程：{e}"))?;
        let progress = progress_bar(size);
        let started = std::time::Instant::now();
        let batch = Batch {
            engine: &engine,
            pool: &pool,
            json: args.json,
            verdicts,
            table,
            color,
        };
        let tally = batch.stream(
            BufReader::with_capacity(1 << 20, input),
            &mut out,
            &progress,
        )?;
        progress.finish_and_clear();
        // To stderr, like the progress bar: the reports on stdout stay as they are.
        eprintln!("{}", tally.summary(started.elapsed()));
        tally
    } else {
        let mut text = String::new();
        BufReader::new(input)
            .read_to_string(&mut text)
            .map_err(|e| format!("无法读取 {}：{e}", args.record.display()))?;
        let lone = |e: RecordError| lone_record_error(&args.record, &text, &e);
        if verdicts {
            let classification = engine.classify_str(&text).map_err(lone)?;
            let rendered = if args.json {
                serde_json::to_string_pretty(&classification).map_err(|e| e.to_string())? + "\n"
            } else {
                text::verdicts(&classification, None, table)
            };
            write!(out, "{rendered}").map_err(|e| e.to_string())?;
            Tally::of_verdicts(&classification)
        } else {
            let judgement = engine.evaluate_str(&text).map_err(lone)?;
            let rendered = if args.json {
                serde_json::to_string_pretty(&judgement).map_err(|e| e.to_string())?
            } else {
                text::judgement(&judgement, color)
            };
            writeln!(out, "{rendered}").map_err(|e| e.to_string())?;
            Tally::of(&judgement)
        }
    };
    out.flush().map_err(|e| e.to_string())?;
    Ok(tally.exit(args.fail_on))
}

/// Why a lone record cannot be judged, with the likely cause when the file holds several.
fn lone_record_error(path: &Path, text: &str, e: &RecordError) -> String {
    let name = path.display();
    match (e, text.trim_start().as_bytes().first()) {
        (RecordError::NotAnObject(_), Some(b'[')) => format!(
            "{name} 是一个 JSON 数组，不是一条记录：请改成每行一条记录（JSON Lines，如 \
             `jq -c '.[]' {name} > records.jsonl`），再判定那个文件"
        ),
        (RecordError::NotJson(json), _) if json.to_string().starts_with("trailing characters") => {
            format!(
                "{name} 中不止一个 JSON 值：每行一条记录的文件请用 .jsonl 作扩展名，\
                 或者加 --jsonl（{e}）"
            )
        }
        _ => format!("{name}：{e}"),
    }
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
    outputs: Vec<(String, Tally)>,
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
                    let _ = tx.send(Err(format!("无法读取第 {} 行：{e}", number + 1)));
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
    verdicts: bool,
    table: Table,
    color: bool,
}

impl Batch<'_> {
    /// Judges the stream chunk by chunk. Reading, judging and writing overlap: a reader
    /// thread fills chunks, the pool judges one while the next is read, and this thread
    /// writes the previous one, in input order.
    fn stream(
        &self,
        input: impl BufRead + Send,
        out: &mut impl Write,
        progress: &ProgressBar,
    ) -> Result<Tally, String> {
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
            let mut tally = Tally::default();
            for judged in done_rx {
                let judged = judged?;
                for (text, line) in judged.outputs {
                    tally.add(line);
                    out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
                }
                progress.inc(judged.bytes);
                progress.set_message(format!("{} 条记录", judged.last));
            }
            Ok(tally)
        })
    }

    /// One line's output text (newline included, empty for a blank line) and what became
    /// of it.
    fn judge_bytes(&self, number: usize, line: &[u8]) -> (String, Tally) {
        let failed = Tally::failed();
        // The line's end is not the record's: a record cut short ends where its line does,
        // not at a line break inside a string on a second line.
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match std::str::from_utf8(line) {
            Ok(line) if line.trim().is_empty() => (String::new(), Tally::default()),
            Ok(line) if self.verdicts => match self.engine.classify_str(line) {
                Ok(mut classification) => {
                    classification.line = u64::try_from(number).ok();
                    let text = if self.json {
                        json_line(number, &classification)
                    } else {
                        text::verdicts(&classification, Some(number), self.table)
                    };
                    (text, Tally::of_verdicts(&classification))
                }
                Err(e) => (self.line_error(number, &e.to_string()), failed),
            },
            Ok(line) => match self.engine.evaluate_str(line) {
                Ok(mut judgement) => {
                    judgement.line = u64::try_from(number).ok();
                    (self.render(number, &judgement), Tally::of(&judgement))
                }
                Err(e) => (self.line_error(number, &e.to_string()), failed),
            },
            Err(e) => {
                let message = format!("此行不是 UTF-8 文本：{e}");
                (self.line_error(number, &message), failed)
            }
        }
    }

    /// The output for a line that is not a record, in its place in the stream.
    fn line_error(&self, number: usize, message: &str) -> String {
        if self.verdicts && !self.json {
            text::verdicts_error(number, message, self.table)
        } else if self.json {
            format!(
                "{}\n",
                serde_json::json!({ "line": number, "error": message })
            )
        } else {
            format!("── 第 {number} 行 ──\n  错误：{message}\n")
        }
    }

    fn render(&self, number: usize, judgement: &Judgement) -> String {
        if self.json {
            json_line(number, judgement)
        } else {
            format!(
                "── 第 {number} 行 ──\n{}",
                text::judgement(judgement, self.color)
            )
        }
    }
}

/// One value as a line of JSON Lines.
fn json_line(number: usize, value: &impl serde::Serialize) -> String {
    let mut text = serde_json::to_string(value).unwrap_or_else(|e| {
        serde_json::json!({ "line": number, "error": e.to_string() }).to_string()
    });
    text.push('\n');
    text
}

/// The worker threads to judge a stream on: one per core unless told, and never more than
/// four per core (more only costs memory and switching), saying so when asked for more.
fn threads(asked: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let most = cores * 4;
    match asked {
        Some(n) if n > most => {
            eprintln!("线程数 {n} 过多，按 {most} 个线程判定（本机 {cores} 核，每核至多 4 个）");
            most
        }
        Some(n) => n,
        None => cores,
    }
}
