//! One standard's checklist: whether the version applies, each clause's state decided over
//! the partial record, the checks of what is left open, grouped by section, and the index
//! of the facts asked for.

use super::walk::Walk;
use super::{
    Applicability, ClauseChecklist, ClauseState, EarlierVersion, OmittedClauses, SectionChecklist,
    StandardChecklist,
};
use crate::compile::{ClauseIr, ClauseRule, NodeId, Program, StandardVersion};
use crate::eval::{Bound, Eval, kleene};

/// The checklist of version `v` of a standard (`family`: the indexes of its versions,
/// sorted by effective date), or `None` when the given facts put the inspection outside its
/// scope.
pub(super) fn standard(
    prog: &Program,
    bound: &Bound,
    family: &[usize],
    v: &StandardVersion,
) -> Option<StandardChecklist> {
    let mut eval = Eval::new(prog, bound).partial();
    let scope: Vec<(NodeId, Option<bool>)> =
        v.applies.map(|n| (n, eval.truth(n))).into_iter().collect();
    let in_scope = all_of(&scope);
    if in_scope == Some(false) {
        return None;
    }
    let guards: Vec<Option<bool>> = v.guards.iter().map(|g| eval.truth(*g)).collect();
    let mut walk = Walk::new(prog, bound);
    let mut sheet = StandardChecklist {
        standard: v.name.clone(),
        title: v.title.clone(),
        issuer: v.issuer.clone(),
        document: v.document.clone(),
        version: v.effective_text.clone(),
        scope: applicability(&mut walk, &scope),
        sections: Vec::new(),
        omitted: Vec::new(),
        facts: Vec::new(),
        earlier: earlier(prog, family, v),
    };
    // The section of the last group of clauses listed, and of omitted ones.
    let (mut listed, mut left) = (None, None);
    for clause in &v.clauses {
        let sections: Vec<(NodeId, Option<bool>)> = clause
            .section_guards
            .iter()
            .filter_map(|i| Some((*v.guards.get(*i)?, *guards.get(*i)?)))
            .collect();
        let own: Vec<(NodeId, Option<bool>)> = clause
            .applies
            .iter()
            .map(|n| (*n, eval.truth(*n)))
            .collect();
        let (in_section, applies) = (all_of(&sections), all_of(&own));
        if in_section == Some(false) || applies == Some(false) {
            if left != Some(clause.section_at) {
                left = Some(clause.section_at);
                sheet.omitted.push(OmittedClauses {
                    path: section_path(v, clause),
                    clauses: Vec::new(),
                });
            }
            if let Some(group) = sheet.omitted.last_mut() {
                group.clauses.push(clause.number.clone());
            }
            continue;
        }
        let guarded = kleene::and(kleene::and(in_scope, in_section), applies);
        let entry = entry(&mut eval, &mut walk, clause, &own, guarded);
        if listed != Some(clause.section_at) {
            listed = Some(clause.section_at);
            sheet.sections.push(SectionChecklist {
                path: section_path(v, clause),
                applies: applicability(&mut walk, &sections),
                clauses: Vec::new(),
            });
        }
        if let Some(group) = sheet.sections.last_mut() {
            group.clauses.push(entry);
        }
    }
    sheet.facts = super::index::facts(&sheet);
    Some(sheet)
}

/// One clause that may apply: its state over the partial record, and what is left to check
/// (`own`: its `applies when` conditions with their values; `guarded`: whether every guard
/// on it, the standard's scope included, holds).
fn entry(
    eval: &mut Eval<'_>,
    walk: &mut Walk<'_>,
    clause: &ClauseIr,
    own: &[(NodeId, Option<bool>)],
    guarded: Option<bool>,
) -> ClauseChecklist {
    let mut checks = Vec::new();
    let mut situations = Vec::new();
    let (state, pending) = match &clause.rule {
        ClauseRule::Pending(reason) => (ClauseState::Pending, Some(reason.clone())),
        ClauseRule::Major(rules) => {
            let lines: Vec<Option<bool>> = rules.iter().map(|r| eval.truth(*r)).collect();
            let body = fold(lines.iter().copied(), true);
            // The situations that hold, once one does; else those still possible.
            let holds = body == Some(true);
            situations = clause
                .line_labels
                .iter()
                .zip(&lines)
                .filter(|(_, line)| {
                    if holds {
                        **line == Some(true)
                    } else {
                        line.is_none()
                    }
                })
                .filter_map(|(label, _)| label.clone())
                .collect();
            let state = match body {
                Some(true) if guarded == Some(true) => ClauseState::Major,
                Some(true) => ClauseState::Conditional,
                Some(false) if clause.pending_limb.is_some() => ClauseState::NotAssessed,
                Some(false) => ClauseState::Clear,
                None => {
                    checks = walk.checks(rules);
                    ClauseState::Open
                }
            };
            (state, clause.pending_limb.clone())
        }
    };
    ClauseChecklist {
        number: clause.number.clone(),
        title: clause.title.clone(),
        state,
        applies: applicability(walk, own),
        checks,
        situations,
        pending,
        note: clause.note.clone(),
    }
}

/// Kleene `and` of conditions already decided.
fn all_of(conditions: &[(NodeId, Option<bool>)]) -> Option<bool> {
    fold(conditions.iter().map(|(_, value)| *value), false)
}

/// Kleene `or` of values when `any`, else `and`.
fn fold(values: impl IntoIterator<Item = Option<bool>>, any: bool) -> Option<bool> {
    // Not a `try_fold`: an unknown value does not end it, a deciding one after it still does.
    let mut result = Some(!any);
    for value in values {
        result = if any {
            kleene::or(result, value)
        } else {
            kleene::and(result, value)
        };
    }
    result
}

/// Whether something with these conditions (and their values) applies: always without one,
/// given when every one holds, else open on the facts of those still undecided.
fn applicability(walk: &mut Walk<'_>, conditions: &[(NodeId, Option<bool>)]) -> Applicability {
    if conditions.is_empty() {
        return Applicability::Always;
    }
    let open: Vec<NodeId> = conditions
        .iter()
        .filter(|(_, value)| value.is_none())
        .map(|(node, _)| *node)
        .collect();
    if open.is_empty() {
        Applicability::Given
    } else {
        Applicability::Open {
            checks: walk.checks(&open),
        }
    }
}

/// The titles of the sections enclosing a clause, outermost first.
fn section_path(v: &StandardVersion, clause: &ClauseIr) -> Vec<String> {
    let mut path = Vec::new();
    let mut at = clause.section_at;
    while let Some(section) = at.and_then(|i| v.sections.get(i)) {
        path.push(section.title.clone());
        at = section.parent;
    }
    path.reverse();
    path
}

/// The version before `v`, when every clause of `v` is pending.
fn earlier(prog: &Program, family: &[usize], v: &StandardVersion) -> Option<EarlierVersion> {
    let pending = |c: &ClauseIr| matches!(c.rule, ClauseRule::Pending(_));
    if !v.clauses.iter().all(pending) {
        return None;
    }
    let position = family.iter().position(|&i| i == v.index)?;
    let before = prog.standards.get(*family.get(position.checked_sub(1)?)?)?;
    Some(EarlierVersion {
        document: before.document.clone(),
        version: before.effective_text.clone(),
    })
}
