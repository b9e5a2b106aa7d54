//! `hjl list`: the standards loaded, each with its versions, their dates and how much of
//! each is encoded — what a regulator asks first.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hjl_core::StandardInfo;

use crate::load;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Rule files or directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print the versions as JSON (one object per version).
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    let engine = load::engine(&args.paths, false)?;
    let standards = engine.standards();
    if args.json {
        let json = serde_json::to_string_pretty(&standards).map_err(|e| e.to_string())?;
        println!("{json}");
    } else {
        print!("{}", text(&standards));
    }
    Ok(ExitCode::SUCCESS)
}

/// One block per standard (title and identifier), one line per version, oldest first.
fn text(standards: &[StandardInfo]) -> String {
    let mut out = String::new();
    let mut names: Vec<&str> = Vec::new();
    for s in standards {
        if !names.contains(&s.name.as_str()) {
            names.push(&s.name);
        }
    }
    for name in &names {
        let mut versions: Vec<&StandardInfo> =
            standards.iter().filter(|s| s.name == *name).collect();
        versions.sort_by(|a, b| a.effective.cmp(&b.effective));
        let newest = versions.last().map_or("", |s| s.title.as_str());
        out.push_str(&format!("{newest}（{name}）\n"));
        for v in versions {
            out.push_str(&format!("  {}\n", version_line(v)));
        }
    }
    let versions = standards.len();
    out.push_str(&format!("共 {} 项标准，{versions} 个版本\n", names.len()));
    out
}

fn version_line(v: &StandardInfo) -> String {
    let period = match (&v.superseded, &v.successor) {
        (Some(until), Some(by)) => match &v.successor_standard {
            Some(other) => format!(
                "{} 起施行，{until} 起其情形由{by}（{other}）判定",
                v.effective
            ),
            None => format!("{} 起施行，{until} 起由{by}替代", v.effective),
        },
        (Some(until), None) => format!("{} 起施行，{until} 起不再适用", v.effective),
        _ => format!("{} 起施行", v.effective),
    };
    let file = Path::new(&v.file)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(
        "{}  {period}  已编码 {} 条，待编码 {} 条，有判定说明 {} 条  {file}",
        v.document, v.clauses, v.pending, v.uncertain
    )
}
