//! `hjl checklist`: the inspection checklist (检查表) the standards imply, for inspectors
//! to take on site and regulators to review: Markdown, printable HTML or JSON.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::{checklist, load};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Rule files or directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// List this standard only (its identifier, as `hjl list` shows it); repeat for
    /// several. The vocabularies it reads are loaded with it.
    #[arg(long = "standard", value_name = "NAME")]
    standards: Vec<String>,
    /// A fact known before the inspection, e.g. `enterprise.sector=metallurgy` (a value as
    /// a record gives it, or an enum's Chinese label); repeat for several. What it decides
    /// is dropped (standards, sections, clauses that do not apply) or marked, and it is
    /// not asked again.
    #[arg(long = "set", value_name = "PATH=VALUE", value_parser = pair)]
    set: Vec<(String, String)>,
    /// List the versions in force on this date (YYYY-MM-DD), as judging an inspection of
    /// that date would; without it, each standard's newest version.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Output: Markdown, HTML that prints on A4, or JSON.
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
}

/// What `--format` writes.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Markdown: a table per clause with a check column.
    Md,
    /// One HTML page laid out for printing on A4.
    Html,
    /// The checklist as JSON (`docs/checklist.schema.json`).
    Json,
}

/// `PATH=VALUE`, split at the first `=`.
fn pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((path, value)) if !path.trim().is_empty() => {
            Ok((path.trim().to_owned(), value.trim().to_owned()))
        }
        _ => Err(format!(
            "expected PATH=VALUE, e.g. enterprise.sector=metallurgy, found `{text}`"
        )),
    }
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let engine = load::engine_for(&args.paths, &args.standards)?;
    let given = args.set.iter().map(|(p, v)| (p.as_str(), v.as_str()));
    let list = engine
        .checklist(given, args.date.as_deref())
        .map_err(|e| e.to_string())?;
    let out = match args.format {
        Format::Md => checklist::markdown(&list),
        Format::Html => checklist::html(&list),
        Format::Json => serde_json::to_string_pretty(&list).map_err(|e| e.to_string())? + "\n",
    };
    // A reader that stops early (`| head`) is not a failure.
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(ExitCode::SUCCESS),
    }
}
