//! `hjl fmt`: rewrites rule files in the one canonical layout, or (`--check`) lists those
//! that are not in it. A file with a syntax error is left as it is and its error shown.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hjl_rulesets::Sources;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Rule files or directories of them; `-` reads one file from stdin and writes it
    /// formatted to stdout.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Change nothing: list the files not in the canonical layout and exit 1 if any.
    #[arg(long)]
    check: bool,
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, String> {
    if args.paths.iter().any(|p| p == Path::new("-")) {
        return stdin(args);
    }
    let sources = Sources::read_exactly(&args.paths).map_err(|e| e.to_string())?;
    let colour = crate::text::colour(&std::io::stderr());
    let (mut changed, mut refused) = (0, 0);
    for (name, text) in sources.iter() {
        let formatted = match hjl_core::format(name, text) {
            Ok(formatted) => formatted,
            Err(diagnostics) => {
                eprint!("{}", hjl_core::render(&diagnostics, colour));
                refused += 1;
                continue;
            }
        };
        if formatted == text {
            continue;
        }
        changed += 1;
        if args.check {
            let line = first_difference(text, &formatted);
            println!("{name}：格式不规范（自第 {line} 行起）");
        } else {
            write_atomically(Path::new(name), &formatted)?;
            println!("{name}：已整理");
        }
    }
    let verb = if args.check { "需整理" } else { "已整理" };
    eprintln!(
        "共 {} 个文件：{changed} 个{verb}，{refused} 个有语法错误",
        sources.len()
    );
    Ok(if refused > 0 || (args.check && changed > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `hjl fmt -`: stdin to stdout, for editors.
fn stdin(args: &Args) -> Result<ExitCode, String> {
    if args.paths.len() > 1 {
        return Err("`-`（标准输入）不能与其他路径同时给出".to_owned());
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("无法读取标准输入：{e}"))?;
    match hjl_core::format("<stdin>", &text) {
        Ok(formatted) if args.check => Ok(if formatted == text {
            ExitCode::SUCCESS
        } else {
            eprintln!(
                "<stdin>：格式不规范（自第 {} 行起）",
                first_difference(&text, &formatted)
            );
            ExitCode::FAILURE
        }),
        Ok(formatted) => {
            std::io::stdout()
                .write_all(formatted.as_bytes())
                .map_err(|e| format!("无法写入标准输出：{e}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(diagnostics) => {
            let colour = crate::text::colour(&std::io::stderr());
            eprint!("{}", hjl_core::render(&diagnostics, colour));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The first line (from 1) where two texts differ.
fn first_difference(a: &str, b: &str) -> usize {
    let same = a.lines().zip(b.lines()).take_while(|(x, y)| x == y).count();
    same + 1
}

/// Replaces a file's text through a file beside it, so that a failed write never leaves a
/// rule file cut short.
fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let cannot = |e: std::io::Error| format!("无法写入 {}：{e}", path.display());
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".fmt");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, text).map_err(cannot)?;
    std::fs::rename(&temporary, path).map_err(cannot)
}
