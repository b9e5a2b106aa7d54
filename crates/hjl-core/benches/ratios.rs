//! Cost ratios of HJL against baselines measured in the same run, on generated 工贸 records.
//!
//! `cargo bench -p hjl-core --bench ratios` prints one table: nanoseconds per record for each
//! workload (median of interleaved rounds, so a noisy machine slows all workloads alike) and
//! the ratios the performance targets are stated in. It first checks that the hand-written
//! baseline and the engine fire the same clauses on every record, so the comparison is fair.
//!
//! `cargo bench -p hjl-core --bench ratios -- --write-jsonl PATH MEGABYTES` instead writes a
//! JSON Lines file of generated records, for the batch measurement in BENCHMARKS.md.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "a benchmark fails loudly"
)]

#[path = "support/mod.rs"]
mod support;

use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

use hjl_core::Engine;

const RECORDS: usize = 1000;
const ROUNDS: usize = 21;

/// `HJL_BENCH_ONLY=substring` runs only matching workloads (`compile` for compiling the
/// shipped rule files) for profiling and prints their medians alone, and
/// `HJL_BENCH_ROUNDS=n` changes the number of rounds.
fn rounds() -> usize {
    std::env::var("HJL_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(ROUNDS)
}

/// Every shipped rule file, as (name, text).
fn shipped() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(format!("{}/rulesets", support::ROOT))
        .expect("rulesets/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "hjl"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).expect("readable"),
            )
        })
        .collect();
    out.sort();
    out
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

struct Workload<'a> {
    name: &'static str,
    run: Box<dyn Fn() + 'a>,
    samples: Vec<Duration>,
}

impl<'a> Workload<'a> {
    fn new(name: &'static str, run: Box<dyn Fn() + 'a>) -> Self {
        Self {
            name,
            run,
            samples: Vec::new(),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write-jsonl") {
        let path = &args[i + 1];
        let megabytes: u64 = args[i + 2].parse().expect("megabytes");
        write_jsonl(path, megabytes);
        return;
    }

    let engine = support::engine();
    let records = support::generate::records(2026, RECORDS);
    let bytes: usize = records.iter().map(String::len).sum();

    // Honesty: both implementations fire the same clauses on every record.
    let parsed: Vec<_> = records
        .iter()
        .map(|t| support::handwritten::parse(t))
        .collect();
    let bound: Vec<_> = records
        .iter()
        .map(|t| engine.bind_str(t).expect("valid JSON"))
        .collect();
    let mut fired = 0;
    for (i, record) in bound.iter().enumerate() {
        let engine_fired: Vec<&str> = engine
            .major_clauses(record)
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        let baseline = support::handwritten::fired(&parsed[i]);
        assert_eq!(engine_fired, baseline, "record {i} judged differently");
        fired += baseline.len();
    }

    let mut workloads = vec![
        Workload::new(
            "serde_json::Value parse",
            Box::new(|| {
                for t in &records {
                    black_box(serde_json::from_str::<serde_json::Value>(t).unwrap());
                }
            }),
        ),
        Workload::new(
            "hand-written: typed parse + clauses",
            Box::new(|| {
                for t in &records {
                    black_box(support::handwritten::fired(&support::handwritten::parse(t)));
                }
            }),
        ),
        Workload::new(
            "HJL: text → reports",
            Box::new(|| {
                for t in &records {
                    black_box(engine.evaluate_str(t).unwrap());
                }
            }),
        ),
        Workload::new(
            "HJL: text → major clauses",
            Box::new(|| {
                for t in &records {
                    let r = engine.bind_str(t).unwrap();
                    black_box(engine.major_clauses(&r).len());
                }
            }),
        ),
        Workload::new(
            "HJL: bind only",
            Box::new(|| {
                for t in &records {
                    black_box(engine.bind_str(t).unwrap());
                }
            }),
        ),
        Workload::new(
            "hand-written: clauses only",
            Box::new(|| {
                for p in &parsed {
                    black_box(support::handwritten::fired(p));
                }
            }),
        ),
        Workload::new(
            "HJL: evaluation only (bound → major clauses)",
            Box::new(|| {
                for r in &bound {
                    black_box(engine.major_clauses(r).len());
                }
            }),
        ),
        Workload::new(
            "HJL: reports from bound records",
            Box::new(|| {
                for r in &bound {
                    black_box(engine.judge(r));
                }
            }),
        ),
    ];
    if let Ok(only) = std::env::var("HJL_BENCH_ONLY") {
        workloads.retain(|w| w.name.contains(&only));
        let sources = shipped();
        let mut compile = Vec::new();
        for _ in 0..rounds() {
            for w in &mut workloads {
                let start = Instant::now();
                (w.run)();
                w.samples.push(start.elapsed());
            }
            if only == "compile" {
                let sources = sources.clone();
                let start = Instant::now();
                let engine = Engine::compile_rules(sources).expect("shipped rules compile");
                compile.push(start.elapsed());
                drop(black_box(engine));
            }
        }
        if !compile.is_empty() {
            let ms = median(compile).as_secs_f64() * 1e3;
            println!("compile all shipped rule files for judging: {ms:.2} ms");
        }
        for w in workloads {
            let ns = median(w.samples).as_nanos() as f64 / RECORDS as f64;
            println!("{}: {ns:.0} ns per record", w.name);
        }
        return;
    }
    for _ in 0..rounds() {
        for w in &mut workloads {
            let start = Instant::now();
            (w.run)();
            w.samples.push(start.elapsed());
        }
    }
    let per_record: Vec<(&str, f64)> = workloads
        .iter()
        .map(|w| {
            (
                w.name,
                median(w.samples.clone()).as_nanos() as f64 / RECORDS as f64,
            )
        })
        .collect();
    let ns = |name: &str| {
        per_record
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .unwrap()
    };

    // Compile every shipped rule file: whole (tests too), and only the rules for judging.
    let sources = shipped();
    let mut whole = Vec::new();
    let mut rules = Vec::new();
    for _ in 0..rounds() {
        // Timed from sources in hand to the engine; freeing it is not compiling.
        let copy = sources.clone();
        let start = Instant::now();
        let engine = Engine::compile(copy).expect("shipped rule files compile");
        whole.push(start.elapsed());
        drop(black_box(engine));
        let copy = sources.clone();
        let start = Instant::now();
        let engine = Engine::compile_rules(copy).expect("shipped rules compile");
        rules.push(start.elapsed());
        drop(black_box(engine));
    }
    let whole_ms = median(whole).as_secs_f64() * 1e3;
    let compile_ms = median(rules).as_secs_f64() * 1e3;

    println!(
        "{RECORDS} generated 工贸 records, {:.1} KB each on average, {:.1} major clauses each; median of {} rounds\n",
        bytes as f64 / RECORDS as f64 / 1024.0,
        fired as f64 / RECORDS as f64,
        rounds()
    );
    println!("| workload | ns per record | × Value parse | × hand-written |");
    println!("|---|---:|---:|---:|");
    let value = ns("serde_json::Value parse");
    let hand = ns("hand-written: typed parse + clauses");
    let hand_eval = ns("hand-written: clauses only");
    for (name, v) in &per_record {
        let against_hand = if name.contains("only") && name.contains("evaluation") {
            v / hand_eval
        } else {
            v / hand
        };
        println!("| {name} | {v:.0} | {:.2} | {against_hand:.2} |", v / value);
    }
    println!(
        "\ncompile all {} shipped rule files for judging: {compile_ms:.2} ms (with their tests: {whole_ms:.2} ms)\n",
        sources.len()
    );
    let e2e = ns("HJL: text → reports");
    let like = ns("HJL: text → major clauses");
    let eval = ns("HJL: evaluation only (bound → major clauses)");
    let targets = [
        (
            "like output (major clauses) ≤ 1.5 × hand-written",
            like / hand,
            1.5,
        ),
        ("full reports ≤ 2 × hand-written", e2e / hand, 2.0),
        (
            "evaluation ≤ 5 × hand-written clauses",
            eval / hand_eval,
            5.0,
        ),
        (
            "compile all rule files (for judging) < 25 ms",
            compile_ms,
            25.0,
        ),
    ];
    println!("| target | measured | limit | met |");
    println!("|---|---:|---:|---|");
    for (name, measured, limit) in targets {
        let met = if measured <= limit { "yes" } else { "no" };
        println!("| {name} | {measured:.2} | {limit} | {met} |");
    }
}

/// Writes generated records as JSON Lines until the file reaches `megabytes`.
fn write_jsonl(path: &str, megabytes: u64) {
    let file = std::fs::File::create(path).expect("create the JSONL file");
    let mut out = std::io::BufWriter::new(file);
    let limit = megabytes * 1024 * 1024;
    let mut written = 0u64;
    let mut seed = 1;
    while written < limit {
        for record in support::generate::records(seed, 1000) {
            let line =
                serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&record).unwrap())
                    .unwrap();
            out.write_all(line.as_bytes()).unwrap();
            out.write_all(b"\n").unwrap();
            written += line.len() as u64 + 1;
            if written >= limit {
                break;
            }
        }
        seed += 1;
    }
    out.flush().unwrap();
    eprintln!("wrote {written} bytes to {path}");
}
