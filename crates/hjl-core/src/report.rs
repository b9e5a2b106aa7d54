//! The report: the one JSON contract every binding emits. Field order is the key order.
//!
//! A report borrows what it repeats from the engine that made it (clause numbers, titles,
//! notes, fact paths and labels), so judging copies no rule text; [`Report::into_owned`]
//! detaches one from the engine.

use std::borrow::Cow;

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
    /// Why the verdict is `not_assessed` or `not_applicable`, or why the whole standard is
    /// `undetermined`, when it is.
    pub reason: Option<Cow<'e, str>>,
    /// Facts that decide whether the standard applies at all, when the record lacks them.
    /// The verdict is then `undetermined` and no clause is judged: `clauses` counts every
    /// clause as undetermined while `undetermined` stays empty, since no clause is its own
    /// reason.
    pub missing: Vec<Cow<'e, str>>,
    /// Clauses that fired, with their evidence.
    pub findings: Vec<Finding<'e>>,
    /// Clauses the record cannot decide, with the facts that would.
    pub undetermined: Vec<Undetermined<'e>>,
    /// Clauses whose text is not encoded.
    pub not_assessed: Vec<NotAssessed<'e>>,
    /// Things the inspector should know that did not stop the judgement.
    pub warnings: Vec<RecordIssue<'e>>,
    /// Values in the record that could not be read; each counts as unknown.
    pub errors: Vec<RecordIssue<'e>>,
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
    /// The fact values that made it fire.
    pub evidence: Vec<Evidence<'e>>,
    /// An uncertainty note on the clause's reading.
    pub note: Option<Cow<'e, str>>,
}

/// One fact value behind a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence<'e> {
    /// Path in the record, e.g. `furnaces[0].capacity`.
    pub path: Cow<'e, str>,
    /// The fact's Chinese label.
    pub label: Cow<'e, str>,
    /// The value as read: booleans and numbers as JSON, quantities as `"8 t"`.
    pub value: serde_json::Value,
    /// The test it passed, e.g. `>= 5 t`, when it was compared.
    pub test: Option<String>,
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
    /// Fact paths whose values would decide it.
    pub missing: Vec<Cow<'e, str>>,
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
    /// Path in the record; empty for the record as a whole.
    pub path: Cow<'e, str>,
    /// What is wrong, lower-case, no trailing period.
    pub message: Cow<'e, str>,
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
pub struct Reference<'e> {
    /// Document number of the superseded version.
    pub document: Cow<'e, str>,
    /// Its effective date.
    pub version: Cow<'e, str>,
    /// What it would have found.
    pub findings: Vec<Finding<'e>>,
}

impl Report<'_> {
    /// The clause numbers with outcome `major`, in clause order.
    pub fn major_clauses(&self) -> Vec<&str> {
        self.findings.iter().map(|f| f.clause.as_ref()).collect()
    }

    /// The same report, owning all its text: it no longer borrows from the engine.
    pub fn into_owned(self) -> Report<'static> {
        Report {
            standard: owned(self.standard),
            title: owned(self.title),
            document: owned(self.document),
            version: owned(self.version),
            verdict: self.verdict,
            reason: self.reason.map(owned),
            missing: self.missing.into_iter().map(owned).collect(),
            findings: self.findings.into_iter().map(Finding::into_owned).collect(),
            undetermined: self
                .undetermined
                .into_iter()
                .map(Undetermined::into_owned)
                .collect(),
            not_assessed: self
                .not_assessed
                .into_iter()
                .map(NotAssessed::into_owned)
                .collect(),
            warnings: self
                .warnings
                .into_iter()
                .map(RecordIssue::into_owned)
                .collect(),
            errors: self
                .errors
                .into_iter()
                .map(RecordIssue::into_owned)
                .collect(),
            clauses: self.clauses,
            reference: self.reference.map(Reference::into_owned),
        }
    }
}

impl Finding<'_> {
    /// The same finding, owning all its text.
    pub fn into_owned(self) -> Finding<'static> {
        Finding {
            clause: owned(self.clause),
            title: owned(self.title),
            section: self.section.map(owned),
            evidence: self
                .evidence
                .into_iter()
                .map(Evidence::into_owned)
                .collect(),
            note: self.note.map(owned),
        }
    }
}

impl Evidence<'_> {
    /// The same evidence entry, owning all its text.
    pub fn into_owned(self) -> Evidence<'static> {
        Evidence {
            path: owned(self.path),
            label: owned(self.label),
            value: self.value,
            test: self.test,
        }
    }
}

impl Undetermined<'_> {
    /// The same entry, owning all its text.
    pub fn into_owned(self) -> Undetermined<'static> {
        Undetermined {
            clause: owned(self.clause),
            title: owned(self.title),
            section: self.section.map(owned),
            missing: self.missing.into_iter().map(owned).collect(),
            note: self.note.map(owned),
        }
    }
}

impl NotAssessed<'_> {
    /// The same entry, owning all its text.
    pub fn into_owned(self) -> NotAssessed<'static> {
        NotAssessed {
            clause: owned(self.clause),
            title: owned(self.title),
            reason: owned(self.reason),
        }
    }
}

impl RecordIssue<'_> {
    /// The same entry, owning all its text.
    pub fn into_owned(self) -> RecordIssue<'static> {
        RecordIssue {
            path: owned(self.path),
            message: owned(self.message),
        }
    }
}

impl Reference<'_> {
    /// The same reference, owning all its text.
    pub fn into_owned(self) -> Reference<'static> {
        Reference {
            document: owned(self.document),
            version: owned(self.version),
            findings: self.findings.into_iter().map(Finding::into_owned).collect(),
        }
    }
}

fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

/// The JSON Schema of an evaluation result: an array of [`Report`]s, one per standard.
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Vec<Report>);
    serde_json::to_value(schema).unwrap_or_default()
}
