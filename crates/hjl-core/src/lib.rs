//! HJL — Hazard Judgement Language.
//!
//! Rule files encode China's major accident hazard judgement standards (重大事故隐患判定标准);
//! the [`Engine`] compiles them and judges inspection records, in three-valued logic, into a
//! [`Judgement`] with a [`Report`] per standard: which clause fires and on what evidence,
//! which cannot be decided and which facts would decide it.
//!
//! Pipeline: `parser` (text → AST with spans) → `check` (names, types, units → compiled
//! `Program` with every fact path resolved to a slot) → `eval` (bind a record to slots,
//! Kleene evaluation) → `judge` (version in force, clause outcomes) → `report`; `explain`
//! lays out why one clause came out as it did for one record.

mod ast;
mod catalogue;
mod check;
pub mod checklist;
mod compile;
mod diagnostic;
pub mod diff;
mod engine;
mod eval;
pub mod explain;
mod format;
mod json_problem;
mod judge;
mod parser;
mod record_schema;
pub mod report;
mod snapshot;
mod testing;
pub mod timeline;
pub mod units;
mod value;

pub use catalogue::{EnumValue, FactInfo, FieldInfo};
pub use checklist::{Checklist, GivenError};
pub use diagnostic::{Diagnostic, DiagnosticJson, Severity, SourceFile, did_you_mean, render};
pub use diff::{Change, Diff};
pub use engine::{
    CompileError, Engine, Record, RecordError, StandardInfo, UnknownStandard, check, imports,
};
pub use eval::Limits;
pub use explain::{ExplainError, Explanation, Truth};
pub use format::format;
pub use record_schema::RecordSchema;
pub use report::{
    Classification, Evidence, Finding, Judgement, MissingFact, NotApplicable, Outcome, Report,
    Shown, StandardVerdict, Status, Undetermined, Verdict, Via,
};
pub use snapshot::SnapshotError;
pub use testing::{ClauseCoverage, TestResult};
pub use timeline::Timeline;

/// The shipped rule files, for the crate's unit tests.
#[cfg(test)]
pub(crate) mod shipped {
    /// Every `.hjl` file under `rulesets/`, as (file name, text), sorted by name.
    pub(crate) fn rule_files() -> Vec<(String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulesets");
        let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "hjl"))
            .map(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                (name.unwrap_or_default(), text)
            })
            .collect();
        assert!(!files.is_empty(), "no rule files found in {dir}");
        files.sort();
        files
    }
}
