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
    compile(&sources(paths)?, with_tests)
}

/// Compiles the rules for judging by the standards named (all of them when none is), with
/// the vocabularies they read. An unknown name is an error listing the loaded ones.
pub(crate) fn engine_for(paths: &[PathBuf], standards: &[String]) -> Result<Engine, String> {
    let sources = sources(paths)?;
    let engine = compile(&sources, false)?;
    if standards.is_empty() {
        return Ok(engine);
    }
    let loaded = engine.standards();
    let names: Vec<&str> = loaded.iter().map(|s| s.name.as_str()).collect();
    if let Some(unknown) = standards.iter().find(|n| !names.contains(&n.as_str())) {
        let mut known = names.clone();
        known.dedup();
        let near = hjl_core::did_you_mean(unknown, known.iter().copied()).unwrap_or_default();
        return Err(format!(
            "这些规则文件中没有名为 `{unknown}` 的标准；{near}已有：{}",
            known.join("、")
        ));
    }
    let files_of = |keep: bool| -> Vec<&str> {
        loaded
            .iter()
            .filter(|s| standards.contains(&s.name) == keep)
            .map(|s| s.file.as_str())
            .collect()
    };
    let dropped = files_of(false);
    let kept = Sources::from_pairs(
        sources
            .iter()
            .filter(|(name, _)| !dropped.contains(name))
            .map(|(name, text)| (name.to_owned(), text.to_owned())),
    );
    compile(&kept, false)
}

fn compile(sources: &Sources, with_tests: bool) -> Result<Engine, String> {
    let engine = if with_tests {
        sources.compile()
    } else {
        sources.compile_rules()
    };
    engine.map_err(|e| {
        let color = crate::text::colour(&std::io::stderr());
        eprint!("{}", hjl_core::render(&e.diagnostics, color));
        format!(
            "规则文件中有 {} 个错误；运行 `hjl check` 查看详情",
            e.errors().count()
        )
    })
}
