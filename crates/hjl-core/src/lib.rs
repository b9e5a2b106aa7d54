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
mod engine;
mod eval;
pub mod explain;
mod format;
mod judge;
mod parser;
mod record_schema;
pub mod report;
mod testing;
pub mod units;
mod value;

pub use catalogue::{EnumValue, FactInfo, FieldInfo};
pub use checklist::{Checklist, GivenError};
pub use diagnostic::{Diagnostic, DiagnosticJson, Severity, SourceFile, did_you_mean, render};
pub use engine::{
    CompileError, Engine, Record, RecordError, StandardInfo, UnknownStandard, check, imports,
};
pub use explain::{ExplainError, Explanation, Truth};
pub use format::format;
pub use record_schema::RecordSchema;
pub use report::{
    Classification, Evidence, Finding, Judgement, MissingFact, NotApplicable, Outcome, Report,
    Shown, StandardVerdict, Status, Undetermined, Verdict, Via,
};
pub use testing::{ClauseCoverage, TestResult};
