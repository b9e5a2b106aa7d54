//! Why one clause came out as it did for one record: the version in force, the guards and
//! the rule lines of the clause, each a tree of the conditions it is made of with the value
//! the engine's own evaluator gives every node and the facts it read. Serializable: the
//! JSON of `hjl explain --json`, and what bindings expose.
//!
//! `find` picks the standard, version and clause; `clause` decides the guards, the lines
//! and the outcome as judging does; `steps` turns one condition into its tree.
//!
//! An [`Explanation`] and its [`Line`]s keep every key (null when there is nothing), as
//! reports do; a tree's [`Step`]s and [`Guard`]s leave out what their kind does not have.

use serde::{Deserialize, Serialize};

use crate::report::{Date, Outcome, RecordPath, Shown, Status, Via};

mod clause;
mod find;
mod steps;

pub use find::ExplainError;
pub(crate) use find::{explain, named};

/// Why one clause of one standard came out as it did for one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The standard's identifier, e.g. `industry_trade`.
    pub standard: String,
    /// Its title.
    pub title: String,
    /// Document number of the version whose clause this is.
    pub document: String,
    /// Effective date of that version, `YYYY-MM-DD`.
    pub version: String,
    /// The clause number, as the standard writes it.
    pub clause: String,
    /// The clause's short title.
    pub clause_title: String,
    /// The title of the section holding the clause, if any.
    pub section: Option<String>,
    /// The record's `inspection.id`, when it gives one.
    pub record: Option<String>,
    /// The inspection date that picked the version, when the record gives a readable one.
    pub date: Option<Date>,
    /// The clause's outcome: the one the record's judgement reports.
    pub outcome: Outcome,
    /// For an undetermined clause, how far it got.
    pub status: Option<Status>,
    /// Why, in one sentence (Chinese).
    pub summary: String,
    /// What must hold for the clause to be judged, in the order judging asks: the version
    /// in force, the standard's scope, whether the record speaks of the standard (only when
    /// its scope is open), the enclosing sections' guards, the clause's `applies when`.
    pub guards: Vec<Guard>,
    /// The clause's rule lines: it is major when any holds.
    pub lines: Vec<Line>,
    /// What is not encoded: the reason of a pending clause, or its pending limb.
    pub pending: Option<String>,
    /// An uncertainty note on the clause's reading.
    pub note: Option<String>,
}

/// One guard of a clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Guard {
    /// Which guard.
    pub kind: GuardKind,
    /// What it is called (Chinese): `标准适用范围`, `章节「冶金」`, ….
    pub label: String,
    /// Its value.
    pub truth: Truth,
    /// The condition as the rule file writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// What decided it, when it is not a condition (Chinese): the version, whether the
    /// record speaks of the standard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The condition's tree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Step>,
}

/// The kinds of guard, in the order judging asks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuardKind {
    /// Which version of the standard is in force on the inspection date.
    Version,
    /// The standard's `applies when`.
    Scope,
    /// With the scope open: whether the record speaks of the standard at all.
    Addressed,
    /// An enclosing section's `when`.
    Section,
    /// One of the clause's `applies when` lines.
    Applies,
}

/// One rule line of a clause (`major when …`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// Its 1-based place among the clause's lines.
    pub number: usize,
    /// The situation it names, if any.
    pub situation: Option<String>,
    /// The condition as the rule file writes it.
    pub text: Option<String>,
    /// Its value.
    pub truth: Truth,
    /// The condition's tree.
    pub step: Step,
}

/// A value in Kleene logic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    /// Holds.
    True,
    /// Does not hold.
    False,
    /// The record does not say enough to tell.
    Unknown,
}

impl Truth {
    /// The Chinese word: 是, 否, 未知.
    pub fn label(self) -> &'static str {
        match self {
            Truth::True => "是",
            Truth::False => "否",
            Truth::Unknown => "未知",
        }
    }
}

impl From<Option<bool>> for Truth {
    fn from(value: Option<bool>) -> Self {
        match value {
            Some(true) => Truth::True,
            Some(false) => Truth::False,
            None => Truth::Unknown,
        }
    }
}

/// One node of a condition's tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// What the node is.
    pub kind: StepKind,
    /// The node in words (Chinese), or as the rule file writes it: `且：以下全部成立`,
    /// `> 250 kPa`, `任一项成立`, a fact's label, a constant.
    pub text: String,
    /// A condition's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truth: Option<Truth>,
    /// A value read or computed: a fact's value as the record gives it (a quantity in its
    /// declared unit), a count, a sum; for a step over a list, how many elements the record
    /// lists. Absent when unknown or when the node is only a condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Shown<'static>>,
    /// The Chinese label of an enum value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_label: Option<String>,
    /// The fact, field, list or list element the node reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<FactRead>,
    /// For a derived fact: whether the computed value or the record's was used (absent
    /// when neither is known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Via>,
    /// The parts, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Step>,
}

/// What kind of node a step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Every part holds (且).
    And,
    /// Some part holds (或).
    Or,
    /// The part does not hold (非).
    Not,
    /// A comparison; the text is the operator and the right side as written (`>= 5 t`).
    Compare,
    /// Membership (`in [a, b]`, `not in [a, b]`); the first child is the value tested.
    Member,
    /// Some element of a list passes (任一); the children are the elements.
    Any,
    /// Every element passes (全部).
    All,
    /// No element passes (没有).
    None,
    /// One element of a list, with its outcome in the enclosing quantifier or count.
    Element,
    /// The `where` filters an element must pass.
    Filter,
    /// The number of elements (that pass the filters).
    Count,
    /// The sum of a field over a list.
    Sum,
    /// The least value of a field over a list.
    Min,
    /// The greatest value of a field over a list.
    Max,
    /// At least n of the parts hold (至少N项).
    AtLeast,
    /// Whether the record gives a fact or a list (`known(…)`).
    Known,
    /// A fact or list field the record gives (or not).
    Fact,
    /// A constant, as the rule file writes it.
    Constant,
    /// Arithmetic on two values.
    Arithmetic,
    /// A value negated.
    Negate,
    /// A date shifted by a period.
    DateShift,
    /// The time between two dates.
    DateDiff,
    /// A derived fact: the value used, its computation and the record's statement.
    Derived,
    /// A derived fact computed from its parts (the child is the derivation).
    Computed,
    /// What the record states for a derived fact.
    Stated,
}

/// A fact as a step reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactRead {
    /// Path in the record: `blast.top_pressure`, `furnaces[0]`, `furnaces[0].alarm`.
    pub path: RecordPath<'static>,
    /// The Chinese label (a list's and its field's, joined by `·`).
    pub label: String,
    /// The unit a quantity is read in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The name the record gives the list element (its `name` field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// Why the record's value could not be read, when it gives one that cannot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[cfg(test)]
mod tests;
