//! `cargo xtask test`: every test suite of the project, the way people and CI run them.
//!
//! 1. the Rust workspace (`cargo test --workspace`);
//! 2. the Python package: a virtual environment under `target/venv` (made once), the package
//!    installed from the checkout exactly as the README says (`pip install ./bindings/python`),
//!    and its pytest suite, which also runs the conformance corpus against the `hjl` binary
//!    and executes the example notebook.
//!
//! `cargo xtask test rust` or `cargo xtask test python` runs one of them. Needs only the
//! Rust toolchain and a `python3` (3.9 or newer) with `venv`; everything else is installed.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["test"] => rust().and_then(|()| python()),
        ["test", "rust"] => rust(),
        ["test", "python"] => python(),
        _ => {
            eprintln!("usage: cargo xtask test [rust|python]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs a command in the repository root, announcing it and its time.
fn run(
    program: impl AsRef<std::ffi::OsStr>,
    args: &[&str],
    env: &[(&str, &Path)],
) -> Result<(), String> {
    let program = program.as_ref();
    println!("== {} {}", program.to_string_lossy(), args.join(" "));
    let started = Instant::now();
    let mut command = Command::new(program);
    command.args(args).current_dir(root());
    for (key, value) in env {
        command.env(key, value);
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot run {}: {e}", program.to_string_lossy()))?;
    println!("   ({:.0} s)", started.elapsed().as_secs_f64());
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} {} failed ({status})",
            program.to_string_lossy(),
            args.join(" ")
        ))
    }
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

fn rust() -> Result<(), String> {
    run(cargo(), &["test", "--workspace", "--locked"], &[])
}

fn python() -> Result<(), String> {
    let venv = root().join("target/venv");
    let bin = venv.join("bin");
    if !bin.join("python").exists() {
        let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
        run(&python, &["-m", "venv", &venv.to_string_lossy()], &[])?;
    }
    let pip = bin.join("pip");
    run(&pip, &["install", "--quiet", "--upgrade", "pip"], &[])?;
    // pytest for the suite; pandas for DataFrames; nbclient, nbformat, ipykernel and
    // matplotlib to run the example notebook.
    let tools = [
        "pytest",
        "pandas",
        "nbclient",
        "nbformat",
        "ipykernel",
        "matplotlib",
    ];
    run(&pip, &[&["install", "--quiet"][..], &tools].concat(), &[])?;
    run(
        &pip,
        &[
            "install",
            "--quiet",
            "--force-reinstall",
            "--no-deps",
            "./bindings/python",
        ],
        &[],
    )?;
    run(
        cargo(),
        &["build", "--quiet", "--locked", "--release", "-p", "hjl-cli"],
        &[],
    )?;
    let hjl = root().join("target/release/hjl");
    run(
        bin.join("python"),
        &["-m", "pytest", "-q", "bindings/python/tests"],
        &[("HJL_BIN", &hjl)],
    )
}
