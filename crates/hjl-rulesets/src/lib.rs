//! Rule files for the HJL engine, from wherever they live: files and folders on disk (a
//! folder is searched for `*.hjl`; a file's `import NAME` is satisfied by `NAME.hjl`, or by
//! the same name with `-` for `_`, beside it when not given), or the shipped rulesets built
//! into this crate. The CLI, the Python package and Rust embedders load rules through here;
//! `hjl-core` itself reads no files.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use hjl_core::{CompileError, Diagnostic, Engine};

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// The shipped rule files as compiled when this crate was built.
const BUILTIN_SNAPSHOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.snapshot"));

/// The shipped rule files, ready to judge: compiled when this crate was built, so starting
/// costs loading the compiled rules, not reading and checking 35 files. Judges exactly as
/// `Sources::builtin().compile_rules()` does.
pub fn builtin_engine() -> Result<Engine, hjl_core::SnapshotError> {
    Engine::from_snapshot(BUILTIN_SNAPSHOT)
}

/// Rule sources by name (a path, or `rulesets/NAME.hjl` for the shipped ones), sorted so
/// that runs are reproducible.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: BTreeMap<String, String>,
}

/// Why rule files could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(String);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoadError {}

impl Sources {
    /// Reads every rule file under `paths` (files, or folders searched recursively for
    /// `*.hjl`) and the vocabularies they import from beside them.
    pub fn read(paths: &[impl AsRef<Path>]) -> Result<Self, LoadError> {
        let mut files = find(paths)?;
        add_imports(&mut files)?;
        Ok(Self::from_paths(files))
    }

    /// Reads the rule files under `paths` and nothing else (imports are not added): for
    /// tools that rewrite the files they are given.
    pub fn read_exactly(paths: &[impl AsRef<Path>]) -> Result<Self, LoadError> {
        Ok(Self::from_paths(find(paths)?))
    }

    fn from_paths(files: BTreeMap<PathBuf, String>) -> Self {
        Self {
            files: files
                .into_iter()
                .map(|(p, t)| (p.display().to_string(), t))
                .collect(),
        }
    }

    /// The shipped rule files, built in: no checkout needed.
    pub fn builtin() -> Self {
        Self::from_pairs(
            BUILTIN
                .iter()
                .map(|(name, text)| ((*name).to_owned(), (*text).to_owned())),
        )
    }

    /// Sources given as (name, text) pairs; imports must be among them.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        Self {
            files: pairs.into_iter().collect(),
        }
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The (name, text) pairs, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(n, t)| (n.as_str(), t.as_str()))
    }

    /// Every diagnostic of the files, as `hjl check` shows them.
    pub fn check(&self) -> Vec<Diagnostic> {
        hjl_core::check(self.iter())
    }

    /// Compiles the files with their tests.
    pub fn compile(&self) -> Result<Engine, CompileError> {
        Engine::compile(self.iter())
    }

    /// Compiles the rules alone, skipping test bodies: what judging records needs.
    pub fn compile_rules(&self) -> Result<Engine, CompileError> {
        Engine::compile_rules(self.iter())
    }
}

/// The text of every `*.hjl` under `paths` (files, or folders searched recursively).
fn find(paths: &[impl AsRef<Path>]) -> Result<BTreeMap<PathBuf, String>, LoadError> {
    let mut files = BTreeMap::new();
    for path in paths {
        let path = path.as_ref();
        if path.is_dir() {
            collect_dir(path, &mut files)?;
        } else {
            files.insert(path.to_path_buf(), read(path)?);
        }
    }
    if files.is_empty() {
        let shown: Vec<String> = paths
            .iter()
            .map(|p| p.as_ref().display().to_string())
            .collect();
        return Err(LoadError(format!(
            "在 {} 中没有找到 .hjl 文件",
            shown.join("、")
        )));
    }
    Ok(files)
}

fn add_imports(files: &mut BTreeMap<PathBuf, String>) -> Result<(), LoadError> {
    let mut pending: Vec<PathBuf> = files.keys().cloned().collect();
    while let Some(path) = pending.pop() {
        let text = files.get(&path).cloned().unwrap_or_default();
        for name in hjl_core::imports(&text) {
            // `import fire_safety` is found as `fire_safety.hjl` or as `fire-safety.hjl`.
            let candidates = [name.clone(), name.replace('_', "-")]
                .map(|stem| path.with_file_name(format!("{stem}.hjl")));
            if candidates.iter().any(|c| files.contains_key(c)) {
                continue;
            }
            if let Some(candidate) = candidates.into_iter().find(|c| c.is_file()) {
                files.insert(candidate.clone(), read(&candidate)?);
                pending.push(candidate);
            }
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, LoadError> {
    fs::read_to_string(path).map_err(|e| LoadError(format!("无法读取 {}：{e}", path.display())))
}

/// Adds every `*.hjl` under `dir`. Links to folders are not followed, so a link loop cannot
/// make the search endless.
fn collect_dir(dir: &Path, files: &mut BTreeMap<PathBuf, String>) -> Result<(), LoadError> {
    let cannot = |e: std::io::Error| LoadError(format!("无法读取 {}：{e}", dir.display()));
    for entry in fs::read_dir(dir).map_err(cannot)? {
        let entry = entry.map_err(cannot)?;
        let path = entry.path();
        if entry.file_type().map_err(cannot)?.is_symlink() && path.is_dir() {
            continue;
        }
        if path.is_dir() {
            collect_dir(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "hjl") {
            files.insert(path.clone(), read(&path)?);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_rules_are_the_shipped_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rulesets");
        let on_disk = Sources::read(&[root]).map_err(|e| e.to_string());
        let on_disk = on_disk.unwrap_or_default();
        let builtin = Sources::builtin();
        assert!(builtin.len() >= 11, "every shipped file is built in");
        assert_eq!(builtin.len(), on_disk.len());
        for ((_, built), (_, read)) in builtin.iter().zip(on_disk.iter()) {
            assert_eq!(built, read);
        }
        assert!(builtin.compile_rules().is_ok());
    }

    #[test]
    fn an_import_is_found_beside_the_file_that_imports_it() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rulesets");
        let sources = Sources::read(&[dir.join("industry-trade.hjl")]);
        let names: Vec<String> = sources
            .map(|s| s.iter().map(|(n, _)| n.to_owned()).collect())
            .unwrap_or_default();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.iter().any(|n| n.ends_with("common.hjl")));
    }

    #[test]
    fn an_import_is_found_under_its_hyphenated_file_name() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rulesets");
        let sources = Sources::read(&[dir.join("fire-2017.hjl")]);
        let names: Vec<String> = sources
            .as_ref()
            .map(|s| s.iter().map(|(n, _)| n.to_owned()).collect())
            .unwrap_or_default();
        assert!(
            names.iter().any(|n| n.ends_with("fire-safety.hjl")),
            "{names:?}"
        );
        assert!(sources.is_ok_and(|s| s.compile_rules().is_ok()));
    }

    #[test]
    fn an_import_cannot_reach_outside_the_folder() {
        let root = std::env::temp_dir().join(format!("hjl-escape-{}", std::process::id()));
        let inner = root.join("rules");
        fs::create_dir_all(&inner).unwrap_or_default();
        fs::write(root.join("secret.hjl"), "vocabulary secret \"不应读取\"\n").unwrap_or_default();
        let text = "import ../secret\nimport ..\nimport /etc/passwd\n";
        fs::write(inner.join("a.hjl"), text).unwrap_or_default();
        let sources = Sources::read(&[inner.join("a.hjl")]);
        let names: Vec<String> = sources
            .as_ref()
            .map(|s| s.iter().map(|(n, _)| n.to_owned()).collect())
            .unwrap_or_default();
        assert_eq!(names.len(), 1, "{names:?}");
        let diagnostics = sources.map(|s| s.check()).unwrap_or_default();
        assert!(
            diagnostics.iter().any(|d| d.code() == "E0001"),
            "the path is refused"
        );
        fs::remove_dir_all(&root).unwrap_or_default();
    }

    #[test]
    fn an_empty_folder_is_an_error_naming_it() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let e = Sources::read(&[&dir])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.ends_with("中没有找到 .hjl 文件"), "{e}");
    }
}
