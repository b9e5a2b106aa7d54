//! The judgement of a record: the one JSON contract every binding emits. Field order is the
//! key order.
//!
//! A judgement borrows what it repeats from the engine that made it (clause numbers,
//! titles, notes, fact paths and labels), so judging copies no rule text;
//! [`Judgement::into_owned`] detaches one from the engine.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod classification;
mod owned;
mod path;
mod shown;
mod words;

pub use classification::{Classification, StandardVerdict};
pub use path::RecordPath;
pub use shown::{Date, Shown};
pub use words::labels;

/// A standard's overall judgement of one record (and, over all standards, the record's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// At least one clause is major: a major accident hazard.
    Major,
    /// Nothing major, but some clause cannot be decided from the record.
    Undetermined,
    /// The text in force is not encoded (whole standard or some clauses): no verdict.
    NotAssessed,
    /// Every applicable clause is clear.
    Clear,
    /// The standard does not apply to this record.
    NotApplicable,
    /// Whether the standard applies is unknown and the record gives none of its facts: the
    /// record does not speak of it.
    NotAddressed,
}

/// One clause's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The situation is present.
    Major,
    /// The situation is absent.
    Clear,
    /// The record lacks facts that decide it.
    Undetermined,
    /// A guard is false: the clause does not concern this record.
    NotApplicable,
    /// The clause's text is not encoded, wholly or in part.
    NotAssessed,
}

/// How far an undetermined clause got: what the inspector should do about it. Ordered as
/// reports list them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The clause's own condition holds; only whether the standard (or its section, or the
    /// clause) applies is unknown: a major hazard if it applies.
    Conditional,
    /// The record gives some of what the clause reads and nothing it gives rules the
    /// situation out: only the missing facts stand between it and a decision.
    Near,
    /// The record gives nothing the clause reads.
    NotInspected,
}

/// Where an evidence value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// Read from the record as given (a derived fact the record states included).
    Record,
    /// Computed from other facts by the rule file's derivation.
    Computed,
}

/// The judgement of one record by every loaded standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Judgement<'e> {
    /// The record's `inspection.id`, when it gives one.
    pub id: Option<String>,
    /// The record's 1-based line in a JSON Lines input; null for a record judged alone.
    pub line: Option<u64>,
    /// The inspection date that picked each standard's version (`YYYY-MM-DD`); null when
    /// the record gives none or it cannot be read (see `errors` and `warnings`).
    pub date: Option<Date>,
    /// The most serious verdict of any standard: major, undetermined, not assessed, clear,
    /// not applicable, not addressed, in that order.
    pub verdict: Verdict,
    /// Values in the record that could not be read; each counts as unknown. Said once for
    /// the record, whichever standards read the fact.
    pub errors: Vec<RecordIssue<'e>>,
    /// What the inspector should know that did not stop the judgement: keys no standard
    /// in force reads, a missing inspection date, a stated conclusion its parts contradict.
    pub warnings: Vec<RecordIssue<'e>>,
    /// One report per standard the record is judged by, in the order of the standards'
    /// identifiers.
    pub reports: Vec<Report<'e>>,
    /// Standards that do not apply to the record (outside their scope, dated before them,
    /// repealed), one line each with the reason, in the order of their identifiers.
    pub not_applicable: Vec<NotApplicable<'e>>,
    /// Standards whose scope the record leaves open and whose facts it does not give.
    pub not_addressed: Vec<NotAddressed<'e>>,
}

/// The judgement of one record by one standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report<'e> {
    /// The standard's identifier, e.g. `industry_trade`.
    pub standard: Cow<'e, str>,
    /// Its title.
    pub title: Cow<'e, str>,
    /// Document number of the version that judged (or would have judged).
    pub document: Cow<'e, str>,
    /// Effective date of that version, `YYYY-MM-DD`.
    pub version: Cow<'e, str>,
    /// Overall verdict.
    pub verdict: Verdict,
    /// Why the verdict is what it is, when the clauses alone do not say (not assessed, not
    /// applicable, or judged without knowing whether the standard applies).
    pub reason: Option<Cow<'e, str>>,
    /// Facts that decide whether the standard applies at all, when the record lacks them.
    /// The clauses are then judged as if it applied: a clause whose own condition holds is
    /// undetermined with status `conditional`, never major.
    pub scope_missing: Vec<MissingFact<'e>>,
    /// Clauses that fired, with their evidence.
    pub findings: Vec<Finding<'e>>,
    /// Clauses the record cannot decide: conditional first, then near, then not inspected.
    pub undetermined: Vec<Undetermined<'e>>,
    /// Clauses whose text is not encoded.
    pub not_assessed: Vec<NotAssessed<'e>>,
    /// How many clauses ended each way.
    pub clauses: ClauseCounts,
    /// When the version in force is not encoded: what the last encoded version would have
    /// found, for reference only (not a judgement).
    pub reference: Option<Reference<'e>>,
}

/// A clause that fired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding<'e> {
    /// The standard's own clause number.
    pub clause: Cow<'e, str>,
    /// Short title.
    pub title: Cow<'e, str>,
    /// Section title, if any.
    pub section: Option<Cow<'e, str>>,
    /// The situations the rule lines that fired name (empty when they name none).
    pub situations: Vec<Cow<'e, str>>,
    /// The fact values that made it fire.
    pub evidence: Vec<Evidence<'e>>,
    /// An uncertainty note on the clause's reading.
    pub note: Option<Cow<'e, str>>,
}

/// One fact value behind a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence<'e> {
    /// Path in the record, e.g. `furnaces[0].capacity`.
    pub path: RecordPath<'e>,
    /// The fact's Chinese label (a list's and its field's, joined by `·`).
    pub label: Cow<'e, str>,
    /// The name the record gives the list element (its `name` field), if any.
    pub item: Option<String>,
    /// The value: booleans and numbers as JSON, quantities as `"8 t"` in the declared unit.
    pub value: Shown<'e>,
    /// The test it passed, e.g. `>= 5 t`, when it was compared.
    pub test: Option<Cow<'e, str>>,
    /// Whether the record gave the value or it was computed from other facts.
    pub via: Via,
}

/// A fact the record lacks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MissingFact<'e> {
    /// Path in the record.
    pub path: RecordPath<'e>,
    /// The Chinese label.
    pub label: Cow<'e, str>,
    /// The unit a quantity is read in, when it is one.
    pub unit: Option<Cow<'e, str>>,
    /// The name the record gives the list element, if any.
    pub item: Option<String>,
}

/// A clause the record cannot decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Undetermined<'e> {
    /// Clause number.
    pub clause: Cow<'e, str>,
    /// Short title.
    pub title: Cow<'e, str>,
    /// Section title, if any.
    pub section: Option<Cow<'e, str>>,
    /// How far it got.
    pub status: Status,
    /// What the record says in its favour: for a conditional finding, the values that make
    /// its condition hold; for a near one, the known values it rests on.
    pub evidence: Vec<Evidence<'e>>,
    /// Facts whose values would decide it, in the order they matter.
    pub missing: Vec<MissingFact<'e>>,
    /// An uncertainty note on the clause's reading.
    pub note: Option<Cow<'e, str>>,
}

/// A clause that was not judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NotAssessed<'e> {
    /// Clause number.
    pub clause: Cow<'e, str>,
    /// Short title.
    pub title: Cow<'e, str>,
    /// Why.
    pub reason: Cow<'e, str>,
}

/// A problem with the record at one path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecordIssue<'e> {
    /// Path in the record.
    pub path: String,
    /// The fact's Chinese label, when the path is a declared fact.
    pub label: Option<Cow<'e, str>>,
    /// What is wrong, in Chinese.
    pub message: String,
}

/// Clause outcome counts. `undetermined` is `conditional + near + not_inspected`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ClauseCounts {
    /// All clauses of the version.
    pub total: usize,
    /// Major.
    pub major: usize,
    /// Clear.
    pub clear: usize,
    /// Undetermined, of any status.
    pub undetermined: usize,
    /// Undetermined: major if the standard (section, clause) applies.
    pub conditional: usize,
    /// Undetermined: the record gives part of what decides it.
    pub near: usize,
    /// Undetermined: the record gives nothing it reads.
    pub not_inspected: usize,
    /// Not applicable.
    pub not_applicable: usize,
    /// Not assessed.
    pub not_assessed: usize,
}

/// Findings of a superseded version, shown for reference when its successor is not encoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reference<'e> {
    /// Document number of the superseded version.
    pub document: Cow<'e, str>,
    /// Its effective date.
    pub version: Cow<'e, str>,
    /// What it would have found.
    pub findings: Vec<Finding<'e>>,
}

/// A standard the record does not speak of: whether it applies is unknown, and the record
/// gives none of its facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NotAddressed<'e> {
    /// The standard's identifier.
    pub standard: Cow<'e, str>,
    /// Its title.
    pub title: Cow<'e, str>,
    /// Document number of the version that would judge.
    pub document: Cow<'e, str>,
    /// Effective date of that version.
    pub version: Cow<'e, str>,
    /// The facts that decide whether it applies.
    pub scope_missing: Vec<MissingFact<'e>>,
}

/// A standard that does not apply to the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NotApplicable<'e> {
    /// The standard's identifier.
    pub standard: Cow<'e, str>,
    /// Its title.
    pub title: Cow<'e, str>,
    /// Document number of the version that would judge (the first, for a record dated
    /// before it).
    pub document: Cow<'e, str>,
    /// Effective date of that version.
    pub version: Cow<'e, str>,
    /// Why it does not apply.
    pub reason: Cow<'e, str>,
}

impl Judgement<'_> {
    /// The report of one standard, by its identifier.
    pub fn report(&self, standard: &str) -> Option<&Report<'_>> {
        self.reports.iter().find(|r| r.standard == standard)
    }
}

impl Report<'_> {
    /// The clause numbers with outcome `major`, in clause order.
    pub fn major_clauses(&self) -> Vec<&str> {
        self.findings.iter().map(|f| f.clause.as_ref()).collect()
    }
}

/// The JSON Schema of a judgement.
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Judgement);
    serde_json::to_value(schema).unwrap_or_default()
}

/// The JSON Schema of a classification (`hjl eval --verdicts --json`, `Engine::classify`).
pub fn classification_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Classification);
    serde_json::to_value(schema).unwrap_or_default()
}
