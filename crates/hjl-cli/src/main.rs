//! `hjl`: check, evaluate and test hazard judgement rule files.

mod checklist;
mod command;
mod limits;
mod load;
mod text;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Judging a record allocates many small strings (report entries, evidence, missing paths)
// on every worker thread at once; mimalloc's per-thread heaps serve that faster than the
// system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// HJL — judge inspection records against major accident hazard judgement standards.
#[derive(Parser)]
#[command(name = "hjl", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check rule files: names, types, units, headers, tests. Exit 1 on any error.
    Check(command::check::Args),
    /// The inspection checklist the standards imply: Markdown, printable HTML or JSON.
    Checklist(command::checklist::Args),
    /// Re-inspection: what became of each major hazard between two inspections (closed,
    /// open, new, undetermined, no longer listed).
    Diff(command::diff::Args),
    /// Judge inspection records (JSON, JSONL or stdin) against rule files.
    Eval(command::eval::Args),
    /// Explain why clauses came out as they did for one record: each guard and rule line as
    /// a tree of its conditions, every value shown.
    Explain(command::explain::Args),
    /// Rewrite rule files in the canonical layout (`--check`: list those not in it).
    Fmt(command::fmt::Args),
    /// List the standards loaded: versions, dates, clauses encoded and pending.
    List(command::list::Args),
    /// Print the JSON Schema of an inspection record as the rule files read it.
    Schema(command::schema::Args),
    /// Run the tests written inside rule files. Exit 1 on any failure.
    Test(command::test::Args),
    /// Each enterprise's major hazards over many inspections: found, followed up, closed,
    /// and open too long.
    Timeline(command::timeline::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => command::check::run(&args),
        Command::Checklist(args) => command::checklist::run(&args),
        Command::Diff(args) => command::diff::run(&args),
        Command::Eval(args) => command::eval::run(&args),
        Command::Explain(args) => command::explain::run(&args),
        Command::Fmt(args) => command::fmt::run(&args),
        Command::List(args) => command::list::run(&args),
        Command::Schema(args) => command::schema::run(&args),
        Command::Test(args) => command::test::run(&args),
        Command::Timeline(args) => command::timeline::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("错误：{message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
