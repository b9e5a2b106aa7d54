//! Embeds the shipped rule files (`rulesets/*.hjl` at the repository root) so that
//! `Sources::builtin()` needs no checkout, and compiles them into a snapshot so that
//! `builtin_engine()` starts without compiling.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = manifest.join("../../rulesets");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "hjl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if files.is_empty() {
        // An engine without the shipped rules would judge every record as not addressed.
        println!(
            "cargo::error=no rule files (*.hjl) found in {}",
            dir.display()
        );
    }
    let mut code = String::from(
        "/// The shipped rule files: (name, text).\npub(crate) const BUILTIN: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!("cargo::rerun-if-changed={}", path.display());
        let _ = writeln!(
            code,
            "    (\"rulesets/{name}\", include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(e) = std::fs::write(out.join("builtin.rs"), code) {
        println!("cargo::error=cannot write builtin.rs: {e}");
    }
    let snapshot = out.join("builtin.snapshot");
    if let Err(e) = std::fs::write(&snapshot, compiled(&files)) {
        println!("cargo::error=cannot write {}: {e}", snapshot.display());
    }
}

/// The shipped rules compiled for judging, as a snapshot (empty when they do not compile:
/// the error is reported to cargo).
fn compiled(files: &[PathBuf]) -> Vec<u8> {
    let sources = files.iter().map(|path| {
        let name = path
            .file_name()
            .map(|n| format!("rulesets/{}", n.to_string_lossy()))
            .unwrap_or_default();
        (name, std::fs::read_to_string(path).unwrap_or_default())
    });
    match hjl_core::Engine::compile_rules(sources) {
        Ok(engine) => engine.snapshot(),
        Err(e) => {
            println!(
                "cargo::error=the shipped rule files do not compile:\n{}",
                hjl_core::render(&e.diagnostics, false)
            );
            Vec::new()
        }
    }
}
