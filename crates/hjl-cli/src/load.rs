//! Finding and reading rule files: directories are searched for `*.hjl`, and a file's
//! `import NAME` is satisfied from `NAME.hjl` beside it when not given explicitly.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use hjl_core::{CompileError, Diagnostic, Engine};

/// Rule sources read from disk, keyed by path (sorted, so runs are reproducible).
pub(crate) struct Sources {
    files: BTreeMap<PathBuf, String>,
}

impl Sources {
    /// Reads every rule file under `paths` and the vocabularies they import.
    pub(crate) fn read(paths: &[PathBuf]) -> Result<Self, String> {
        let mut files = BTreeMap::new();
        for path in paths {
            if path.is_dir() {
                collect_dir(path, &mut files)?;
            } else {
                files.insert(path.clone(), read(path)?);
            }
        }
        if files.is_empty() {
            return Err(format!(
                "no .hjl files found in {}",
                paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let mut sources = Self { files };
        sources.add_imports()?;
        Ok(sources)
    }

    fn add_imports(&mut self) -> Result<(), String> {
        let mut pending: Vec<PathBuf> = self.files.keys().cloned().collect();
        while let Some(path) = pending.pop() {
            let text = self.files.get(&path).cloned().unwrap_or_default();
            for name in hjl_core::imports(&text) {
                let candidate = path.with_file_name(format!("{name}.hjl"));
                if !self.files.contains_key(&candidate) && candidate.is_file() {
                    self.files.insert(candidate.clone(), read(&candidate)?);
                    pending.push(candidate);
                }
            }
        }
        Ok(())
    }

    pub(crate) fn len(&self) -> usize {
        self.files.len()
    }

    fn pairs(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.files
            .iter()
            .map(|(p, t)| (p.display().to_string(), t.clone()))
    }

    pub(crate) fn check(&self) -> Vec<Diagnostic> {
        hjl_core::check(self.pairs())
    }

    pub(crate) fn compile(&self) -> Result<Engine, CompileError> {
        Engine::compile(self.pairs())
    }

    /// Compiles the rules alone, skipping test bodies (for judging records).
    pub(crate) fn compile_rules(&self) -> Result<Engine, CompileError> {
        Engine::compile_rules(self.pairs())
    }
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn collect_dir(dir: &Path, files: &mut BTreeMap<PathBuf, String>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            collect_dir(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "hjl") {
            files.insert(path.clone(), read(&path)?);
        }
    }
    Ok(())
}

/// Compiles (with the files' tests when `with_tests`), printing diagnostics to stderr on
/// failure.
pub(crate) fn engine(paths: &[PathBuf], with_tests: bool) -> Result<Engine, String> {
    let sources = Sources::read(paths)?;
    let engine = if with_tests {
        sources.compile()
    } else {
        sources.compile_rules()
    };
    engine.map_err(|e| {
        let color = std::io::IsTerminal::is_terminal(&std::io::stderr());
        eprint!("{}", hjl_core::render(&e.diagnostics, color));
        format!(
            "{} error(s) in rule files; run `hjl check` for details",
            e.errors().count()
        )
    })
}
