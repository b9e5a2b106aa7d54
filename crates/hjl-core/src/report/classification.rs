//! The verdicts of a record without evidence: what bulk classification keeps of a
//! judgement, one entry per standard. Made by the same judging as a full report, so its
//! verdicts and counts are the report's.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Judgement, Report, Verdict};

/// A record's verdicts by every loaded standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Classification<'e> {
    /// The record's `inspection.id`, when it gives one.
    pub id: Option<String>,
    /// The record's 1-based line in a JSON Lines input; null for a record judged alone.
    pub line: Option<u64>,
    /// The inspection date that picked each standard's version.
    pub date: Option<Date>,
    /// The most serious verdict of any standard (as [`Judgement::verdict`]).
    pub verdict: Verdict,
    /// How many values in the record could not be read (each counts as unknown).
    pub errors: usize,
    /// One entry per loaded standard: those the record addresses, in the order of their
    /// identifiers, then those it does not.
    pub standards: Vec<StandardVerdict<'e>>,
}

/// One standard's verdict of a record, with the clause numbers that are major and the
/// counts of undetermined clauses by status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StandardVerdict<'e> {
    /// The standard's identifier, e.g. `industry_trade`.
    pub standard: Cow<'e, str>,
    /// Effective date of the version that judged, `YYYY-MM-DD`.
    pub version: Cow<'e, str>,
    /// The standard's verdict.
    pub verdict: Verdict,
    /// The clauses that are major, in clause order.
    pub major: Vec<Cow<'e, str>>,
    /// Undetermined clauses that are major if the standard (section, clause) applies.
    pub conditional: usize,
    /// Undetermined clauses the record gives part of.
    pub near: usize,
    /// Undetermined clauses the record gives nothing of.
    pub not_inspected: usize,
}

impl<'e> From<Judgement<'e>> for Classification<'e> {
    fn from(j: Judgement<'e>) -> Self {
        let mut standards: Vec<StandardVerdict<'e>> =
            j.reports.into_iter().map(StandardVerdict::from).collect();
        standards.extend(j.not_applicable.into_iter().map(|n| StandardVerdict {
            standard: n.standard,
            version: n.version,
            verdict: Verdict::NotApplicable,
            major: Vec::new(),
            conditional: 0,
            near: 0,
            not_inspected: 0,
        }));
        standards.extend(j.not_addressed.into_iter().map(|n| StandardVerdict {
            standard: n.standard,
            version: n.version,
            verdict: Verdict::NotAddressed,
            major: Vec::new(),
            conditional: 0,
            near: 0,
            not_inspected: 0,
        }));
        Self {
            id: j.id,
            line: j.line,
            date: j.date,
            verdict: j.verdict,
            errors: j.errors.len(),
            standards,
        }
    }
}

impl<'e> From<Report<'e>> for StandardVerdict<'e> {
    fn from(r: Report<'e>) -> Self {
        Self {
            standard: r.standard,
            version: r.version,
            verdict: r.verdict,
            major: r.findings.into_iter().map(|f| f.clause).collect(),
            conditional: r.clauses.conditional,
            near: r.clauses.near,
            not_inspected: r.clauses.not_inspected,
        }
    }
}
