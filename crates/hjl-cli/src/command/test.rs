//! `hjl test`: runs the tests inside rule files and prints `N 项通过，N 项失败`.

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
                println!("通过 {}:{} {}", r.file, r.line, r.name);
            }
            continue;
        }
        println!("失败 {}:{} {}", r.file, r.line, r.name);
        for f in &r.failures {
            println!("     {f}");
        }
    }
    let coverage = engine.coverage(&results);
    let uncovered: Vec<_> = coverage.iter().filter(|c| !c.covered()).collect();
    for c in &uncovered {
        let missing = match (c.positive, c.negative) {
            (0, 0) => "判定为重大隐患（major）和未发现（clear）的测试",
            (0, _) => "判定为重大隐患（major）的测试",
            _ => "判定为未发现（clear）的测试",
        };
        println!("未覆盖 {} {}：缺少{missing}", c.standard, c.clause);
    }
    println!(
        "覆盖：{} 个条款中有 {} 个兼有 major 和 clear 测试",
        coverage.len(),
        coverage.len() - uncovered.len()
    );
    println!("{} 项通过，{failed} 项失败", results.len() - failed);
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
