//! `hjl check`: every diagnostic of the given rule files, rendered or as JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use hjl_core::Severity;

use hjl_rulesets::Sources;

use crate::load;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Rule files or directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print diagnostics as a JSON array (for editors).
    #[arg(long)]
    json: bool,
    /// After checking, list the standard versions loaded, as a Markdown table.
    #[arg(long)]
    summary: bool,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let sources = load::sources(&args.paths)?;
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
            hjl_core::render(&diagnostics, crate::text::colour(&std::io::stderr()))
        );
        eprintln!(
            "已检查 {} 个文件：{errors} 个错误，{warnings} 个警告",
            sources.len()
        );
    }
    if args.summary && errors == 0 {
        print!("{}", summary(&sources)?);
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// One row per loaded standard version: the table `rulesets/README.md` keeps.
fn summary(sources: &Sources) -> Result<String, String> {
    let engine = sources.compile().map_err(|e| e.to_string())?;
    let mut out = String::from(
        "| standard | title | document | in force from | until | clauses encoded | pending | uncertain | file |\n|---|---|---|---|---|---|---|---|---|\n",
    );
    for s in engine.standards() {
        let until = s.superseded.unwrap_or_else(|| "—".to_owned());
        let file = std::path::Path::new(&s.file)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {until} | {} | {} | {} | [{file}]({file}) |\n",
            s.name, s.title, s.document, s.effective, s.clauses, s.pending, s.uncertain
        ));
    }
    Ok(out)
}
