//! Rules for a command: read with `hjl-rulesets`, compiled, and diagnostics printed to
//! stderr when they do not compile.

use std::path::PathBuf;

use hjl_core::Engine;
use hjl_rulesets::Sources;

/// Reads the rule files under `paths`.
pub(crate) fn sources(paths: &[PathBuf]) -> Result<Sources, String> {
    Sources::read(paths).map_err(|e| e.to_string())
}

/// Compiles (with the files' tests when `with_tests`), printing diagnostics to stderr on
/// failure.
pub(crate) fn engine(paths: &[PathBuf], with_tests: bool) -> Result<Engine, String> {
    let sources = sources(paths)?;
    let engine = if with_tests {
        sources.compile()
    } else {
        sources.compile_rules()
    };
    engine.map_err(|e| {
        let color = crate::text::colour(&std::io::stderr());
        eprint!("{}", hjl_core::render(&e.diagnostics, color));
        format!(
            "{} error(s) in rule files; run `hjl check` for details",
            e.errors().count()
        )
    })
}
