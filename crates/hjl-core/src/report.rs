//! The report: the one JSON contract every binding emits. Field order is the key order.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A standard's overall judgement of one record.
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
}

impl Verdict {
    /// The words rule-file tests use.
    pub const WORDS: &'static [&'static str] = &[
        "major",
        "undetermined",
        "not_assessed",
        "clear",
        "not_applicable",
    ];

    /// Parses a test's `expect verdict WORD`.
    pub fn from_word(word: &str) -> Option<Self> {
        Some(match word {
            "major" => Self::Major,
            "undetermined" => Self::Undetermined,
            "not_assessed" => Self::NotAssessed,
            "clear" => Self::Clear,
            "not_applicable" => Self::NotApplicable,
            _ => return None,
        })
    }

    /// The word, as in JSON.
    pub fn word(self) -> &'static str {
        match self {
            Self::Major => "major",
            Self::Undetermined => "undetermined",
            Self::NotAssessed => "not_assessed",
            Self::Clear => "clear",
            Self::NotApplicable => "not_applicable",
        }
    }

    /// The Chinese label regulators read.
    pub fn label(self) -> &'static str {
        match self {
            Self::Major => "重大事故隐患",
            Self::Undetermined => "待查（信息不足）",
            Self::NotAssessed => "未评估",
            Self::Clear => "未发现重大事故隐患",
            Self::NotApplicable => "不适用",
        }
    }
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
    /// The clause's text is not encoded.
    NotAssessed,
}

impl Outcome {
    /// The words rule-file tests use.
    pub const WORDS: &'static [&'static str] = &[
        "major",
        "clear",
        "undetermined",
        "not_applicable",
        "not_assessed",
    ];

    /// Parses a test's `expect WORD [...]`.
    pub fn from_word(word: &str) -> Option<Self> {
        Some(match word {
            "major" => Self::Major,
            "clear" => Self::Clear,
            "undetermined" => Self::Undetermined,
            "not_applicable" => Self::NotApplicable,
            "not_assessed" => Self::NotAssessed,
            _ => return None,
        })
    }
}

/// The judgement of one record by one standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// The standard's identifier, e.g. `industry_trade`.
    pub standard: String,
    /// Its title.
    pub title: String,
    /// Document number of the version that judged (or would have judged).
    pub document: String,
    /// Effective date of that version, `YYYY-MM-DD`.
    pub version: String,
    /// Overall verdict.
    pub verdict: Verdict,
    /// Why the verdict is `not_assessed` or `not_applicable`, or why the whole standard is
    /// `undetermined`, when it is.
    pub reason: Option<String>,
    /// Facts that decide whether the standard applies at all, when the record lacks them.
    /// The verdict is then `undetermined` and no clause is judged: `clauses` counts every
    /// clause as undetermined while `undetermined` stays empty, since no clause is its own
    /// reason.
    pub missing: Vec<String>,
    /// Clauses that fired, with their evidence.
    pub findings: Vec<Finding>,
    /// Clauses the record cannot decide, with the facts that would.
    pub undetermined: Vec<Undetermined>,
    /// Clauses whose text is not encoded.
    pub not_assessed: Vec<NotAssessed>,
    /// Things the inspector should know that did not stop the judgement.
    pub warnings: Vec<RecordIssue>,
    /// Values in the record that could not be read; each counts as unknown.
    pub errors: Vec<RecordIssue>,
    /// How many clauses ended each way.
    pub clauses: ClauseCounts,
    /// When the version in force is not encoded: what the last encoded version would have
    /// found, for reference only (not a judgement).
    pub reference: Option<Reference>,
}

/// A clause that fired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// The standard's own clause number.
    pub clause: String,
    /// Short title.
    pub title: String,
    /// Section title, if any.
    pub section: Option<String>,
    /// The fact values that made it fire.
    pub evidence: Vec<Evidence>,
    /// An uncertainty note on the clause's reading.
    pub note: Option<String>,
}

/// One fact value behind a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// Path in the record, e.g. `furnaces[0].capacity`.
    pub path: String,
    /// The fact's Chinese label.
    pub label: String,
    /// The value as read: booleans and numbers as JSON, quantities as `"8 t"`.
    pub value: serde_json::Value,
    /// The test it passed, e.g. `>= 5 t`, when it was compared.
    pub test: Option<String>,
}

/// A clause the record cannot decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Undetermined {
    /// Clause number.
    pub clause: String,
    /// Short title.
    pub title: String,
    /// Section title, if any.
    pub section: Option<String>,
    /// Fact paths whose values would decide it.
    pub missing: Vec<String>,
    /// An uncertainty note on the clause's reading.
    pub note: Option<String>,
}

/// A clause that was not judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NotAssessed {
    /// Clause number.
    pub clause: String,
    /// Short title.
    pub title: String,
    /// Why.
    pub reason: String,
}

/// A problem with the record at one path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecordIssue {
    /// Path in the record; empty for the record as a whole.
    pub path: String,
    /// What is wrong, lower-case, no trailing period.
    pub message: String,
}

/// Clause outcome counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ClauseCounts {
    /// All clauses of the version.
    pub total: usize,
    /// Major.
    pub major: usize,
    /// Clear.
    pub clear: usize,
    /// Undetermined.
    pub undetermined: usize,
    /// Not applicable.
    pub not_applicable: usize,
    /// Not assessed.
    pub not_assessed: usize,
}

/// Findings of a superseded version, shown for reference when its successor is not encoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    /// Document number of the superseded version.
    pub document: String,
    /// Its effective date.
    pub version: String,
    /// What it would have found.
    pub findings: Vec<Finding>,
}

impl Report {
    /// The clause numbers with outcome `major`, in clause order.
    pub fn major_clauses(&self) -> Vec<&str> {
        self.findings.iter().map(|f| f.clause.as_str()).collect()
    }
}

/// The JSON Schema of an evaluation result: an array of [`Report`]s, one per standard.
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Vec<Report>);
    serde_json::to_value(schema).unwrap_or_default()
}
