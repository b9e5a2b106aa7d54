//! `cargo xtask test`: every test suite of the project, through one entry point.
//!
//! 1. the Rust workspace (`cargo test --workspace`);
//! 2. the Python package: a virtual environment under `target/venv` (made once), the package
//!    installed from the checkout exactly as the README says (`pip install ./bindings/python`),
//!    and its pytest suite, which also runs the conformance corpus against the `hjl` binary
//!    and executes the example notebook.
//!
//! 3. WebAssembly: the wasm32 target and the wasm-bindgen CLI of the version in Cargo.lock
//!    (installed under `target/tools`), the package built into `bindings/wasm/pkg`, its node
//!    tests, then the workbench in headless Chromium (Debian's `chromium`, installed with apt
//!    when missing, driven by `playwright-core` from npm).
//!
//! 4. the editors' grammar: the TextMate grammar `grammars/hjl.tmLanguage.json` tokenized by
//!    the engine VS Code uses (vscode-textmate and vscode-oniguruma from npm, as
//!    `grammars/test/package-lock.json` pins them) on every shipped rule file; it runs second,
//!    as it takes seconds.
//!
//! `cargo xtask test rust|python|wasm|grammar` runs one of them; `cargo xtask wasm` only builds
//! the WebAssembly package (to open the workbench). Needs the Rust toolchain (rustup), `python3`
//! (3.9 or newer, with `venv`) and node with npm; everything else is installed.

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
        ["test"] => rust()
            .and_then(|()| grammar())
            .and_then(|()| python())
            .and_then(|()| wasm_tests())
            .and_then(|()| fuzz()),
        ["test", "rust"] => rust(),
        ["test", "fuzz"] => fuzz(),
        ["test", "python"] => python(),
        ["test", "wasm"] => wasm_tests(),
        ["test", "grammar"] => grammar(),
        ["wasm"] => wasm_package(),
        _ => {
            eprintln!(
                "usage: cargo xtask test [rust|python|wasm|grammar|fuzz]   (every suite by default)"
            );
            eprintln!(
                "       cargo xtask wasm                               (build bindings/wasm/pkg for the workbench)"
            );
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

/// The `hjl` command of this checkout (release build), which the bindings' tests compare
/// with.
fn hjl_binary() -> Result<PathBuf, String> {
    run(
        cargo(),
        &["build", "--quiet", "--locked", "--release", "-p", "hjl-cli"],
        &[],
    )?;
    Ok(root().join("target/release/hjl"))
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
    // matplotlib to run the example notebook; pyspark and pyarrow for `hjl.spark` in
    // Spark's local mode, which needs Java (installed from the system's packages when
    // missing).
    let tools = [
        "pytest",
        "pandas",
        "nbclient",
        "nbformat",
        "ipykernel",
        "matplotlib",
        "pyspark>=4,<5",
        "pyarrow",
    ];
    java()?;
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
    let hjl = hjl_binary()?;
    run(
        bin.join("python"),
        &["-m", "pytest", "-q", "bindings/python/tests"],
        &[("HJL_BIN", &hjl)],
    )
}

/// Java for Spark: the system's, else OpenJDK 17 from the system's packages.
fn java() -> Result<(), String> {
    let found = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Ok(());
    }
    run("apt-get", &["update", "-q"], &[])?;
    run(
        "apt-get",
        &["install", "-y", "-q", "openjdk-17-jre-headless"],
        &[],
    )
}

/// The fuzz targets under `fuzz/`.
const FUZZ_TARGETS: [&str; 4] = ["check", "record", "stream", "fmt"];

/// Each fuzz target for `HJL_FUZZ_SECONDS` (default 60) from the committed seeds in
/// `fuzz/seeds/`, new inputs kept in `fuzz/corpus/` (not committed): regressions surface in
/// every run, and a longer run (hours) is the same command with more seconds. Installs the
/// nightly toolchain and cargo-fuzz (libFuzzer needs both) when missing.
fn fuzz() -> Result<(), String> {
    run(
        "rustup",
        &["toolchain", "install", "nightly", "--profile", "minimal"],
        &[],
    )?;
    let tools = root().join("target/tools");
    let cargo_fuzz = tools.join("bin/cargo-fuzz");
    if !cargo_fuzz.exists() {
        let root_dir = tools.to_string_lossy().into_owned();
        let args = ["+nightly", "install", "cargo-fuzz", "--root", &root_dir];
        run("cargo", &[&args[..], &["--locked"]].concat(), &[])
            .or_else(|_| run("cargo", &args, &[]))?;
    }
    let seconds = std::env::var("HJL_FUZZ_SECONDS").unwrap_or_else(|_| "60".to_owned());
    let time = format!("-max_total_time={seconds}");
    for target in FUZZ_TARGETS {
        let (work, seeds) = (
            format!("fuzz/corpus/{target}"),
            format!("fuzz/seeds/{target}"),
        );
        std::fs::create_dir_all(root().join(&work))
            .map_err(|e| format!("cannot make {work}: {e}"))?;
        let args = [
            "fuzz",
            "run",
            "--fuzz-dir",
            "fuzz",
            "-O",
            target,
            &work,
            &seeds,
            "--",
            &time,
            "-rss_limit_mb=4096",
            "-max_len=65536",
            "-timeout=30",
            "-print_funcs=0",
        ];
        run(
            &cargo_fuzz,
            &args,
            &[("RUSTUP_TOOLCHAIN", Path::new("nightly"))],
        )?;
    }
    Ok(())
}

/// `pkg/rulesets.json`: the shipped rule files as `{"rulesets/NAME.hjl": text}`, beside the
/// package rather than inside the .wasm (the engine starts from the compiled snapshot; an
/// editor fetches the texts).
fn shipped_sources() -> Result<(), String> {
    let dir = root().join("rulesets");
    let mut sources = std::collections::BTreeMap::new();
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("cannot read rulesets/: {e}"))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "hjl") {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            sources.insert(format!("rulesets/{name}"), text);
        }
    }
    let json = serde_json::to_string(&sources).map_err(|e| e.to_string())?;
    let target = root().join("bindings/wasm/pkg/rulesets.json");
    std::fs::write(&target, json).map_err(|e| format!("cannot write {}: {e}", target.display()))
}

/// The wasm-bindgen version Cargo.lock holds: the CLI must be the same.
fn wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            let version = lines.next().unwrap_or_default();
            if let Some(v) = version
                .strip_prefix("version = \"")
                .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(v.to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen".to_owned())
}

/// The wasm32 target and the matching wasm-bindgen CLI; returns the CLI's path.
fn wasm_toolchain() -> Result<PathBuf, String> {
    run("rustup", &["target", "add", "wasm32-unknown-unknown"], &[])?;
    let version = wasm_bindgen_version()?;
    let tools = root().join("target/tools");
    let cli = tools.join("bin/wasm-bindgen");
    let installed = Command::new(&cli)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(&version))
        .unwrap_or(false);
    if !installed {
        let root_dir = tools.to_string_lossy().into_owned();
        let args = [
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--root",
            &root_dir,
        ];
        // The CLI's own lock file may name a crate version the registry lacks: then resolve anew.
        run(cargo(), &[&args[..], &["--locked"]].concat(), &[])
            .or_else(|_| run(cargo(), &args, &[]))?;
    }
    Ok(cli)
}

/// Builds `bindings/wasm/pkg` (ES module + .wasm for browsers and node), optimised with
/// wasm-opt (binaryen from npm: smaller, and its judging and start-up faster).
fn wasm_package() -> Result<(), String> {
    let cli = wasm_toolchain()?;
    run(
        "npm",
        &["ci", "--prefix", "bindings/wasm", "--no-audit", "--no-fund"],
        &[],
    )?;
    run(
        cargo(),
        &[
            "build",
            "--release",
            "--locked",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "hjl-wasm",
        ],
        &[],
    )?;
    run(
        &cli,
        &[
            "--target",
            "web",
            "--out-dir",
            "bindings/wasm/pkg",
            "target/wasm32-unknown-unknown/release/hjl_wasm.wasm",
        ],
        &[],
    )?;
    shipped_sources()?;
    let wasm = "bindings/wasm/pkg/hjl_wasm_bg.wasm";
    run(
        "bindings/wasm/node_modules/.bin/wasm-opt",
        &[
            "-O3",
            // The features rustc's wasm32 output uses.
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            wasm,
            "-o",
            wasm,
        ],
        &[],
    )
}

/// The WebAssembly package's node tests, then the workbench's browser tests.
fn wasm_tests() -> Result<(), String> {
    wasm_package()?;
    let hjl = hjl_binary()?;
    run(
        "node",
        &["--test", "bindings/wasm/tests/"],
        &[("HJL_BIN", &hjl)],
    )?;
    browser_tests()
}

/// The workbench in headless Chromium: `$CHROMIUM`, else the system's, installed from the
/// system's packages (apt) when missing, with a font for Chinese in the screenshots.
fn browser_tests() -> Result<(), String> {
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !chromium.exists() {
        run("apt-get", &["update", "-q"], &[])?;
        run(
            "apt-get",
            &["install", "-y", "-q", "chromium", "fonts-wqy-microhei"],
            &[],
        )?;
    }
    run(
        "node",
        &["--test", "bindings/wasm/browser/"],
        &[("CHROMIUM", &chromium)],
    )
}

/// The editors' TextMate grammar, tokenized by vscode-textmate on every shipped rule file.
fn grammar() -> Result<(), String> {
    run(
        "npm",
        &["ci", "--prefix", "grammars/test", "--no-audit", "--no-fund"],
        &[],
    )?;
    run("node", &["--test", "grammars/test/"], &[])
}
