//! Which clause to explain: in the standard named, or in the one standard that has a clause
//! of that number (the one that applies to the record, when several have it); in the
//! version the record's report shows (the one in force on its inspection date); by the
//! number as the standard writes it or as `expect` lists may (ASCII brackets). What goes
//! wrong is an [`ExplainError`], with a did-you-mean.

use super::Explanation;
use super::clause::{Subject, explanation};
use crate::compile::{Program, StandardVersion};
use crate::diagnostic::closest;
use crate::engine::RecordError;
use crate::eval::{Bound, Eval};
use crate::judge::{self, Selection};
use crate::testing::{same_clause, wide_clause};

/// Why a clause cannot be explained.
#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    /// The record is not a JSON object.
    #[error(transparent)]
    Record(#[from] RecordError),
    /// No loaded standard has this identifier.
    #[error("没有标识为 `{name}` 的标准{}", hint(.suggestion))]
    UnknownStandard {
        /// The identifier asked for.
        name: String,
        /// The loaded identifier nearest to it.
        suggestion: Option<String>,
    },
    /// No clause has this number.
    #[error("{}没有条款 `{clause}`{}", scope(.standard), hint(.suggestion))]
    UnknownClause {
        /// The number asked for.
        clause: String,
        /// The standard looked in, when one was named.
        standard: Option<String>,
        /// The clause number nearest to it.
        suggestion: Option<String>,
    },
    /// The clause is in another version of the standard than the one in force on the
    /// record's inspection date.
    #[error(
        "条款 `{clause}` 不在检查日期适用的 {document}（{version} 起施行）中；见于 {}",
        .elsewhere.join("、")
    )]
    NotInVersion {
        /// The clause number.
        clause: String,
        /// Document number of the version in force.
        document: String,
        /// Its effective date.
        version: String,
        /// The versions that have the clause: `document（date 起施行）`.
        elsewhere: Vec<String>,
    },
    /// Several standards have a clause of this number.
    #[error("多项标准都有条款 `{clause}`：{}；请指明其中一项标准", .standards.join("、"))]
    Ambiguous {
        /// The clause number.
        clause: String,
        /// The identifiers of the standards that have it.
        standards: Vec<String>,
    },
}

fn hint(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!("；是否指 `{s}`？"))
        .unwrap_or_default()
}

fn scope(standard: &Option<String>) -> String {
    standard
        .as_ref()
        .map_or_else(|| "已加载的标准都".to_owned(), |s| format!("标准 `{s}` "))
}

/// Explains clause `clause` of the standard named `standard` (or of the one standard that
/// has it) for a bound record. `families` holds each standard's versions by index into
/// `prog.standards`, sorted by effective date.
pub(crate) fn explain(
    prog: &Program,
    families: &[Vec<usize>],
    bound: &Bound,
    standard: Option<&str>,
    clause: &str,
) -> Result<Explanation, ExplainError> {
    let date = judge::inspection_date(prog, bound);
    let families = named(prog, families, standard)?;
    let mut found = Vec::new();
    let mut shown = Vec::new();
    for family in &families {
        let Some(selection) = judge::select(prog, family, date) else {
            continue;
        };
        let version = shown_version(&selection);
        shown.push((*family, version));
        if let Some(c) = version
            .clauses
            .iter()
            .find(|c| same_clause(&c.number, clause))
        {
            found.push(Subject {
                selection,
                version,
                clause: c,
            });
        }
    }
    if found.len() > 1 {
        // Of several standards numbering a clause alike, those that do not apply to the
        // record (dated before them, repealed, outside their scope) are not the one meant.
        let mut eval = Eval::new(prog, bound);
        let (applying, not): (Vec<Subject<'_>>, Vec<Subject<'_>>) =
            found.into_iter().partition(|s| applies(&mut eval, s));
        found = if applying.is_empty() { not } else { applying };
    }
    if found.len() > 1 {
        return Err(ExplainError::Ambiguous {
            clause: clause.to_owned(),
            standards: found.iter().map(|s| s.version.name.clone()).collect(),
        });
    }
    match found.pop() {
        Some(subject) => Ok(explanation(prog, bound, date, &subject)),
        None => Err(missing(prog, &shown, standard, clause)),
    }
}

/// The families of the standard named (an error when none has that identifier), or every
/// family.
pub(crate) fn named<'f>(
    prog: &Program,
    families: &'f [Vec<usize>],
    standard: Option<&str>,
) -> Result<Vec<&'f Vec<usize>>, ExplainError> {
    let first = |family: &Vec<usize>| family.first().and_then(|i| prog.standards.get(*i));
    let Some(name) = standard else {
        return Ok(families.iter().collect());
    };
    match families
        .iter()
        .find(|f| first(f).is_some_and(|v| v.name == name))
    {
        Some(family) => Ok(vec![family]),
        None => {
            let names = families.iter().filter_map(first).map(|v| v.name.as_str());
            Err(ExplainError::UnknownStandard {
                name: name.to_owned(),
                suggestion: closest(name, names).map(str::to_owned),
            })
        }
    }
}

/// Whether the standard may apply to the record: a version is in force (or would be, were
/// it encoded) and the record is not outside its scope.
fn applies(eval: &mut Eval<'_>, subject: &Subject<'_>) -> bool {
    let judged = matches!(
        subject.selection,
        Selection::InForce(_) | Selection::NotEncoded { .. }
    );
    judged
        && subject
            .version
            .applies
            .is_none_or(|scope| eval.truth(scope) != Some(false))
}

/// The version whose clauses the record's report shows.
fn shown_version<'p>(selection: &Selection<'p>) -> &'p StandardVersion {
    match selection {
        Selection::InForce(v) | Selection::Predates(v, _) => v,
        Selection::NotEncoded { old, .. } | Selection::MovedInto { old, .. } => old,
    }
}

/// No version shown has the clause: perhaps another version of the standard has it, or
/// the number is misspelt.
fn missing(
    prog: &Program,
    shown: &[(&Vec<usize>, &StandardVersion)],
    standard: Option<&str>,
    clause: &str,
) -> ExplainError {
    for (family, version) in shown {
        let elsewhere: Vec<String> = family
            .iter()
            .filter_map(|i| prog.standards.get(*i))
            .filter(|v| v.clauses.iter().any(|c| same_clause(&c.number, clause)))
            .map(|v| format!("{}（{} 起施行）", v.document, v.effective_text))
            .collect();
        if !elsewhere.is_empty() {
            return ExplainError::NotInVersion {
                clause: clause.to_owned(),
                document: version.document.clone(),
                version: version.effective_text.clone(),
                elsewhere,
            };
        }
    }
    let numbers = shown
        .iter()
        .flat_map(|(_, v)| v.clauses.iter().map(|c| c.number.as_str()));
    ExplainError::UnknownClause {
        clause: clause.to_owned(),
        standard: standard.map(str::to_owned),
        suggestion: closest(&wide_clause(clause), numbers).map(str::to_owned),
    }
}
