//! `hjl test`: runs the tests inside rule files and prints `N passed, N failed`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::load;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Rule files or directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print every test, not only failures.
    #[arg(short, long)]
    verbose: bool,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let engine = load::engine(&args.paths, true)?;
    let results = engine.run_tests();
    let failed = results.iter().filter(|r| !r.passed()).count();
    for r in &results {
        if r.passed() {
            if args.verbose {
                println!("ok     {}:{} {}", r.file, r.line, r.name);
            }
            continue;
        }
        println!("FAILED {}:{} {}", r.file, r.line, r.name);
        for f in &r.failures {
            println!("       {f}");
        }
    }
    let coverage = engine.coverage(&results);
    let uncovered: Vec<_> = coverage.iter().filter(|c| !c.covered()).collect();
    for c in &uncovered {
        let missing = match (c.positive, c.negative) {
            (0, 0) => "a major test and a clear test",
            (0, _) => "a test in which it is major",
            _ => "a test in which it is clear",
        };
        println!("uncovered {} {}: needs {missing}", c.standard, c.clause);
    }
    println!(
        "coverage: {} of {} clauses have a major and a clear test",
        coverage.len() - uncovered.len(),
        coverage.len()
    );
    println!("{} passed, {failed} failed", results.len() - failed);
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
