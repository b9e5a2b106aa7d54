//! `hjl schema`: the JSON Schema (draft 2020-12) of an inspection record as the rule files
//! read it, for those who build records and the forms that fill them.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::load;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Rule files or directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Only the facts this standard reads (its identifier, as `hjl list` shows it), with
    /// those of the vocabularies it imports; repeat for several.
    #[arg(long = "standard", value_name = "NAME")]
    standards: Vec<String>,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let engine = load::engine_for(&args.paths, &args.standards)?;
    let schema = if args.standards.is_empty() {
        engine.record_schema()
    } else {
        let names: Vec<&str> = args.standards.iter().map(String::as_str).collect();
        engine.record_schema_of(&names).map_err(|e| e.to_string())?
    };
    let json = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}
