//! `hjl check`: every diagnostic of the given rule files, rendered or as JSON.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use hjl_core::Severity;

use crate::load::Sources;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Rule files or directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print diagnostics as a JSON array (for editors).
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let sources = Sources::read(&args.paths)?;
    let diagnostics = sources.check();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    if args.json {
        let json: Vec<_> = diagnostics
            .iter()
            .map(hjl_core::Diagnostic::to_json)
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?
        );
    } else {
        eprint!(
            "{}",
            hjl_core::render(&diagnostics, std::io::stderr().is_terminal())
        );
        eprintln!(
            "checked {} file(s): {errors} error(s), {warnings} warning(s)",
            sources.len()
        );
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
