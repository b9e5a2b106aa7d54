//! The inspection checklist (检查表) the loaded standards imply: for the version of each
//! standard in force, its scope, then section by section and clause by clause every fact an
//! inspector observes to decide it, with the thresholds it is compared with, and an index of
//! the facts. Facts given ahead of the inspection prune it: they are bound as a partial
//! record and what they decide is decided by the engine's evaluator. Serialized, it is the
//! checklist's JSON form.

use schemars::JsonSchema;
use serde::Serialize;

use crate::compile::Program;
use crate::judge::{Selection, inspection_date, select};
use crate::report::{Date, Shown};

mod build;
mod checks;
mod given;
mod index;
mod walk;
mod words;

pub use given::GivenError;

/// The checklist of every loaded standard.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Checklist {
    /// The date whose versions in force are listed; absent: each standard's newest version.
    pub date: Option<Date>,
    /// The facts given ahead of the inspection, which the checklist no longer asks for.
    pub given: Vec<GivenFact>,
    /// One checklist per standard that may apply.
    pub standards: Vec<StandardChecklist>,
    /// The standards left out: the given facts put the inspection outside their scope, or
    /// no encoded version of them is in force on the date.
    pub omitted: Vec<OmittedStandard>,
}

/// A fact given ahead of the inspection.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct GivenFact {
    /// Dotted path.
    pub path: String,
    /// Chinese label.
    pub label: String,
    /// The value as bound (as evidence shows values: a quantity in its declared unit, an
    /// enum's variant name).
    pub value: Shown<'static>,
    /// The value as a checklist prints it: an enum's label, 是 or 否.
    pub text: String,
}

/// The checklist of one standard: the version in force, what decides whether it applies,
/// its sections and clauses, and the index of its facts.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StandardChecklist {
    /// Identifier, e.g. `industry_trade`.
    pub standard: String,
    /// Title.
    pub title: String,
    /// Issuing authority.
    pub issuer: String,
    /// Document number.
    pub document: String,
    /// The version listed: its effective date.
    pub version: String,
    /// Whether the standard applies to the inspection.
    pub scope: Applicability,
    /// The clauses still applicable, section by section in the standard's order.
    pub sections: Vec<SectionChecklist>,
    /// The clauses the given facts make not applicable, by section.
    pub omitted: Vec<OmittedClauses>,
    /// Every fact the checklist asks for, once, with what it decides.
    pub facts: Vec<FactUse>,
    /// When every clause of this version is pending: the version before it, whose clauses
    /// applied until this one took effect.
    pub earlier: Option<EarlierVersion>,
}

/// Whether a standard, a section or a clause applies.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Applicability {
    /// It has no condition: it always applies.
    Always,
    /// The given facts decide that it applies.
    Given,
    /// The inspector decides it: by these facts.
    Open {
        /// The facts that decide whether it applies.
        checks: Vec<Check>,
    },
}

/// Consecutive clauses of one section.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SectionChecklist {
    /// The section's title and those of the sections enclosing it, outermost first; empty
    /// for clauses outside any section.
    pub path: Vec<String>,
    /// Whether the section applies (its guard and those of the sections enclosing it).
    pub applies: Applicability,
    /// Its clauses.
    pub clauses: Vec<ClauseChecklist>,
}

/// One clause: what decides it, or what the given facts already decide.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ClauseChecklist {
    /// Clause number, as the standard numbers it.
    pub number: String,
    /// Title.
    pub title: String,
    /// Whether the inspector has it to check, or what is known of it already.
    pub state: ClauseState,
    /// Whether the clause itself applies (`applies when`).
    pub applies: Applicability,
    /// The facts its rule lines read that the given facts leave open, each with the tests
    /// the rules put it to. Empty unless the clause is still to check.
    pub checks: Vec<Check>,
    /// The situations its rule lines name.
    pub situations: Vec<String>,
    /// What is not encoded: the whole clause's reason when pending, or the limb of its
    /// text that is not.
    pub pending: Option<String>,
    /// The rule file's note on how the text is read.
    pub note: Option<String>,
}

/// What is known of a clause before the inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClauseState {
    /// To check: its facts decide it.
    Open,
    /// Known to exist, not yet encoded: the inspector judges it by the text.
    Pending,
    /// The given facts make it a major hazard.
    Major,
    /// The given facts make its condition hold; whether it applies is still open.
    Conditional,
    /// The given facts rule it out.
    Clear,
    /// The given facts rule out every encoded situation; the rest of its text is pending.
    NotAssessed,
}

impl ClauseState {
    /// The Chinese label a checklist prints.
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "待查",
            Self::Pending => "待编码",
            Self::Major => "已判定：重大事故隐患",
            Self::Conditional => "如适用即为重大事故隐患",
            Self::Clear => "已判定：不构成",
            Self::NotAssessed => "已编码情形均不成立，其余情形待编码",
        }
    }
}

/// A fact to observe and the tests a condition puts it to.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Check {
    /// The record path: a fact's dotted path, or a list field's as `list[].field`.
    pub path: String,
    /// Chinese label (a list field's own).
    pub label: String,
    /// `bool`, `integer`, `number`, `quantity`, `enum`, `date`, `text` or `list`.
    #[serde(rename = "type")]
    pub ty: &'static str,
    /// For a quantity: the unit it is declared in.
    pub unit: Option<&'static str>,
    /// The tests, each once, in the order the conditions put them.
    pub tests: Vec<Test>,
    /// A derived fact: the inspector may state it directly, or observe its `parts`.
    pub derived: bool,
    /// For a derived fact: the facts it is computed from, with their tests.
    pub parts: Vec<Check>,
    /// For a list: the fields to observe on each element.
    pub fields: Vec<Check>,
}

/// One test a fact is put to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Test {
    /// The comparison: `<`, `<=`, `>`, `>=`, `==`, `!=`, `in`, `not in`; `known`, `not
    /// known` (whether the record gives it); `any`, `all`, `each` (of a list's elements);
    /// `expr` (the fact is part of a computed side, `text` shows the whole comparison).
    pub op: &'static str,
    /// What it is compared with: constants as the rule file writes them (a quantity with
    /// its unit, `30 m`), enum values by name, `true` or `false`, another fact's path, or
    /// the expression compared with.
    pub against: Vec<String>,
    /// What is compared when not each value: `count` (a list's elements), or `sum`, `min`,
    /// `max` (a field over the elements).
    pub measure: Option<&'static str>,
    /// The test as a checklist prints it: `≥ 30 m`, `是`, `为 冶金、有色 之一`.
    pub text: String,
}

/// The clauses of one section that the given facts make not applicable.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OmittedClauses {
    /// The section's path of titles, as [`SectionChecklist::path`].
    pub path: Vec<String>,
    /// The clause numbers.
    pub clauses: Vec<String>,
}

/// A standard left out of the checklist.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OmittedStandard {
    /// Identifier.
    pub standard: String,
    /// Title.
    pub title: String,
    /// Document number of the version considered.
    pub document: String,
    /// Its effective date.
    pub version: String,
    /// Why it is left out, in Chinese.
    pub reason: String,
}

/// The version before one whose clauses are all pending.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct EarlierVersion {
    /// Document number.
    pub document: String,
    /// Its effective date.
    pub version: String,
}

/// A fact of the checklist and what it decides: the fact index.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FactUse {
    /// The record path, as [`Check::path`].
    pub path: String,
    /// Chinese label (a list field's joined to its list's by `·`).
    pub label: String,
    /// For a quantity: its declared unit.
    pub unit: Option<&'static str>,
    /// It decides whether the standard applies.
    pub scope: bool,
    /// The sections whose applying it decides, by title.
    pub sections: Vec<String>,
    /// The clauses it decides, by number.
    pub clauses: Vec<String>,
}

/// The JSON Schema of a checklist (`hjl checklist --format json`, `Engine::checklist`).
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Checklist);
    serde_json::to_value(schema).unwrap_or_default()
}

/// The checklist of every standard (`families`: each standard's versions by index into
/// `prog.standards`, sorted by effective date), for the facts `given` as (path, value)
/// pairs and the versions in force on `date` (or on the `inspection.date` given; the
/// newest without either).
pub(crate) fn checklist<'a>(
    prog: &Program,
    families: &[Vec<usize>],
    given: impl IntoIterator<Item = (&'a str, &'a str)>,
    date: Option<&str>,
) -> Result<Checklist, GivenError> {
    let (bound, facts, asked) = given::bind_given(prog, given, date)?;
    let date = asked.or_else(|| inspection_date(prog, &bound));
    let mut out = Checklist {
        date: date.map(Date),
        given: facts,
        standards: Vec::new(),
        omitted: Vec::new(),
    };
    for family in families {
        let Some(selection) = select(prog, family, date) else {
            continue;
        };
        let reason = selection.reason();
        let (v, reason) = match selection {
            Selection::InForce(v) => match build::standard(prog, &bound, family, v) {
                Some(sheet) => {
                    out.standards.push(sheet);
                    continue;
                }
                None => (v, "依已知事实，不属于本标准适用范围".to_owned()),
            },
            Selection::Predates(v, _)
            | Selection::NotEncoded { old: v, .. }
            | Selection::MovedInto { old: v, .. } => (v, reason.unwrap_or_default()),
        };
        out.omitted.push(OmittedStandard {
            standard: v.name.clone(),
            title: v.title.clone(),
            document: v.document.clone(),
            version: v.effective_text.clone(),
            reason,
        });
    }
    Ok(out)
}
