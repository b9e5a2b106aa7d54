//! Judging one record by one standard: picks the version in force on the inspection date,
//! decides each clause (major, clear, undetermined, not applicable, not assessed) and
//! assembles the report.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::compile::{ClauseRule, NodeId, Program, StandardVersion};
use crate::eval::{Bound, Eval, kleene};
use crate::report::{
    ClauseCounts, Finding, NotAssessed, Outcome, RecordIssue, Reference, Report, Undetermined,
    Verdict,
};

/// A report together with every clause's outcome (for rule-file tests): `outcomes` is
/// aligned with `version.clauses`, so judging copies no clause numbers.
pub(crate) struct Judgement<'p> {
    pub report: Report<'p>,
    pub outcomes: Vec<Outcome>,
    pub version: &'p StandardVersion,
}

impl Judgement<'_> {
    /// (clause number, outcome) for every clause of the judging version.
    pub(crate) fn outcome_pairs(&self) -> impl Iterator<Item = (&str, Outcome)> {
        self.version
            .clauses
            .iter()
            .map(|c| c.number.as_str())
            .zip(self.outcomes.iter().copied())
    }
}

/// Which version judges a record, by its inspection date.
enum Selection<'p> {
    /// The version in force on the inspection date.
    InForce(&'p StandardVersion),
    /// No inspection date: the newest version, with a warning.
    Undated(&'p StandardVersion),
    /// The inspection predates the first version.
    Predates(&'p StandardVersion, NaiveDate),
    /// The version found was superseded on or before the date by a text not loaded.
    NotEncoded {
        old: &'p StandardVersion,
        date: NaiveDate,
        until: NaiveDate,
        by: Option<&'p str>,
    },
}

/// Which version of a standard judges the record. `family` holds the indexes (into
/// `prog.standards`) of one standard's versions, sorted by effective date.
fn select<'p>(prog: &'p Program, family: &[usize], bound: &Bound) -> Option<Selection<'p>> {
    let version = |i: &usize| prog.standards.get(*i);
    let newest = family.last().and_then(version)?;
    let date = prog.inspection_date.and_then(|id| match bound.slot(id) {
        crate::eval::Slot::Scalar(crate::value::Value::Date(d)) => Some(*d),
        _ => None,
    });
    let Some(date) = date else {
        return Some(Selection::Undated(newest));
    };
    let Some(in_force) = family
        .iter()
        .rev()
        .filter_map(version)
        .find(|v| v.effective <= date)
    else {
        return Some(Selection::Predates(
            family.first().and_then(version).unwrap_or(newest),
            date,
        ));
    };
    Some(match &in_force.superseded {
        Some((until, by)) if *until <= date => Selection::NotEncoded {
            old: in_force,
            date,
            until: *until,
            by: by.as_deref(),
        },
        _ => Selection::InForce(in_force),
    })
}

/// Judges `bound` by one standard, given as its family of versions (see [`select`]).
pub(crate) fn judge<'p>(
    prog: &'p Program,
    family: &[usize],
    bound: &Bound,
) -> Option<Judgement<'p>> {
    Some(match select(prog, family, bound)? {
        Selection::InForce(v) => judge_version(prog, v, bound),
        Selection::Undated(v) => {
            let mut j = judge_version(prog, v, bound);
            let message = format!(
                "记录缺少检查日期，按最新编码版本（{} 施行）判定",
                v.effective
            );
            j.report.warnings.insert(
                0,
                RecordIssue {
                    path: Cow::Borrowed("inspection.date"),
                    message: Cow::Owned(message),
                },
            );
            j
        }
        Selection::Predates(first, date) => {
            let reason = format!("检查日期 {date} 早于本标准施行日期 {}", first.effective);
            Judgement {
                report: empty_report(first, Verdict::NotApplicable, reason, bound),
                outcomes: vec![Outcome::NotApplicable; first.clauses.len()],
                version: first,
            }
        }
        Selection::NotEncoded {
            old,
            date,
            until,
            by,
        } => not_encoded(prog, old, bound, date, until, by),
    })
}

/// Appends the (standard, clause) pairs that are major, without traces or reports.
pub(crate) fn major_clauses<'p>(
    prog: &'p Program,
    family: &[usize],
    bound: &Bound,
    out: &mut Vec<(&'p str, &'p str)>,
) {
    let v = match select(prog, family, bound) {
        Some(Selection::InForce(v) | Selection::Undated(v)) => v,
        _ => return,
    };
    let mut eval = Eval::new(prog, bound);
    if let Some(applies) = v.applies {
        if eval.truth(applies) != Some(true) {
            return;
        }
    }
    let guards: Vec<Option<bool>> = v.guards.iter().map(|g| eval.truth(*g)).collect();
    for clause in &v.clauses {
        let ClauseRule::Major(rules) = &clause.rule else {
            continue;
        };
        let guarded = clause
            .section_guards
            .iter()
            .all(|i| guards.get(*i).copied().flatten() == Some(true));
        if guarded
            && kleene_fold(&mut eval, &clause.applies, false) == Some(true)
            && kleene_fold(&mut eval, rules, true) == Some(true)
        {
            out.push((v.name.as_str(), clause.number.as_str()));
        }
    }
}

/// The version in force is known but not encoded: no verdict, old findings as reference.
fn not_encoded<'p>(
    prog: &'p Program,
    old: &'p StandardVersion,
    bound: &Bound,
    date: NaiveDate,
    until: NaiveDate,
    by: Option<&str>,
) -> Judgement<'p> {
    let reference = judge_version(prog, old, bound);
    let successor = by.map_or_else(|| "（新文本）".to_owned(), |b| format!("「{b}」"));
    let reason = format!(
        "检查日期 {date} 适用的现行文本{successor}（{until} 起施行）尚未编码；{} 已不再适用",
        old.document
    );
    let mut report = empty_report(old, Verdict::NotAssessed, reason, bound);
    report.reference = Some(Reference {
        document: Cow::Borrowed(&old.document),
        version: Cow::Borrowed(&old.effective_text),
        findings: reference.report.findings,
    });
    Judgement {
        report,
        outcomes: vec![Outcome::NotAssessed; old.clauses.len()],
        version: old,
    }
}

fn empty_report<'p>(
    v: &'p StandardVersion,
    verdict: Verdict,
    reason: String,
    bound: &Bound,
) -> Report<'p> {
    let n = v.clauses.len();
    let mut clauses = ClauseCounts {
        total: n,
        ..ClauseCounts::default()
    };
    match verdict {
        Verdict::NotApplicable => clauses.not_applicable = n,
        Verdict::Undetermined => clauses.undetermined = n,
        _ => clauses.not_assessed = n,
    }
    Report {
        standard: Cow::Borrowed(&v.name),
        title: Cow::Borrowed(&v.title),
        document: Cow::Borrowed(&v.document),
        version: Cow::Borrowed(&v.effective_text),
        verdict,
        reason: Some(Cow::Owned(reason)),
        missing: Vec::new(),
        findings: Vec::new(),
        undetermined: Vec::new(),
        not_assessed: Vec::new(),
        warnings: warnings(bound),
        errors: errors(v, bound),
        clauses,
        reference: None,
    }
}

/// Paths the record gives that no file declares. The record is not the engine's, so its
/// paths are copied.
fn warnings(bound: &Bound) -> Vec<RecordIssue<'static>> {
    bound
        .unknown
        .iter()
        .map(|p| RecordIssue {
            path: Cow::Owned(p.clone()),
            message: Cow::Borrowed("未声明的事实，已忽略"),
        })
        .collect()
}

fn errors(v: &StandardVersion, bound: &Bound) -> Vec<RecordIssue<'static>> {
    bound
        .errors
        .iter()
        .filter(|e| e.fact.is_none_or(|f| v.visible.binary_search(&f).is_ok()))
        .map(|e| RecordIssue {
            path: Cow::Owned(e.path.clone()),
            message: Cow::Owned(e.message.clone()),
        })
        .collect()
}

fn kleene_fold(eval: &mut Eval<'_>, nodes: &[NodeId], any: bool) -> Option<bool> {
    fold_seeing(eval, nodes, any, |_| {})
}

/// [`kleene_fold`], keeping each condition's value in `lines` (up to the one that decided).
fn kleene_fold_lines(
    eval: &mut Eval<'_>,
    nodes: &[NodeId],
    any: bool,
    lines: &mut Vec<Option<bool>>,
) -> Option<bool> {
    lines.clear();
    fold_seeing(eval, nodes, any, |v| lines.push(v))
}

/// Kleene `or` (`and` when not `any`) of the conditions, stopping at the first that
/// decides; `see` is shown each value as it is decided.
fn fold_seeing(
    eval: &mut Eval<'_>,
    nodes: &[NodeId],
    any: bool,
    mut see: impl FnMut(Option<bool>),
) -> Option<bool> {
    let mut result = Some(!any);
    for n in nodes {
        let v = eval.truth(*n);
        see(v);
        match v {
            Some(v) if v == any => return Some(any),
            None => result = None,
            Some(_) => {}
        }
    }
    result
}

/// Traces a fold of conditions already decided (`lines` holds their values, as
/// [`kleene_fold_lines`] left them) into `traced`: the first condition that decided it, with
/// evidence if `evidence`, or, when it is unknown, the missing facts of the unknown
/// conditions. Conditions that did not decide the result contribute nothing, so only the
/// ones that matter are evaluated again, with a trace.
fn trace_lines(
    traced: &mut Eval<'_>,
    nodes: &[NodeId],
    lines: &[Option<bool>],
    any: bool,
    evidence: bool,
) {
    let decided = lines.iter().position(|line| *line == Some(any));
    match decided.and_then(|i| nodes.get(i)) {
        Some(node) => {
            traced.trace(*node, evidence, false);
        }
        None => {
            for (node, line) in nodes.iter().zip(lines) {
                if line.is_none() {
                    traced.trace(*node, evidence, true);
                }
            }
        }
    }
}

fn judge_version<'p>(prog: &'p Program, v: &'p StandardVersion, bound: &Bound) -> Judgement<'p> {
    // One untraced evaluator for every clause of the record; traces are made only for
    // clauses that fire or stay undetermined.
    let mut eval = Eval::new(prog, bound);
    let applies = v.applies.map(|n| eval.truth(n));
    if let (Some(node), Some(None)) = (v.applies, applies) {
        return scope_undetermined(prog, v, bound, node);
    }
    let guards: Vec<Option<bool>> = v.guards.iter().map(|g| eval.truth(*g)).collect();
    let mut report = empty_report(v, Verdict::Clear, String::new(), bound);
    report.reason = None;
    report.clauses = ClauseCounts {
        total: v.clauses.len(),
        ..ClauseCounts::default()
    };
    let mut outcomes = Vec::with_capacity(v.clauses.len());
    let (mut lines, mut applies_lines) = (Vec::new(), Vec::new());
    let mut traced = Eval::tracing(prog, bound);

    for clause in &v.clauses {
        // Guards: the standard's scope, enclosing sections, the clause's own `applies when`.
        let mut guard = applies.unwrap_or(Some(true));
        for i in &clause.section_guards {
            guard = kleene::and(guard, guards.get(*i).copied().flatten());
        }
        applies_lines.clear();
        if guard != Some(false) && !clause.applies.is_empty() {
            let own = kleene_fold_lines(&mut eval, &clause.applies, false, &mut applies_lines);
            guard = kleene::and(guard, own);
        }
        let outcome = match (&clause.rule, guard) {
            (_, Some(false)) => Outcome::NotApplicable,
            (ClauseRule::Pending(reason), _) => {
                report.not_assessed.push(NotAssessed {
                    clause: Cow::Borrowed(&clause.number),
                    title: Cow::Borrowed(&clause.title),
                    reason: Cow::Owned(format!("待编码：{reason}")),
                });
                Outcome::NotAssessed
            }
            (ClauseRule::Major(rules), guard) => {
                let body = kleene_fold_lines(&mut eval, rules, true, &mut lines);
                match (guard, body) {
                    (_, Some(false)) => Outcome::Clear,
                    (Some(true), Some(true)) => {
                        traced.clear_trace();
                        trace_lines(&mut traced, rules, &lines, true, true);
                        report.findings.push(Finding {
                            clause: Cow::Borrowed(&clause.number),
                            title: Cow::Borrowed(&clause.title),
                            section: clause.section.as_deref().map(Cow::Borrowed),
                            evidence: traced.traced().map_or_else(Vec::new, |t| t.evidence(prog)),
                            note: clause.note.as_deref().map(Cow::Borrowed),
                        });
                        Outcome::Major
                    }
                    _ => {
                        traced.clear_trace();
                        if guard.is_none() {
                            // Every guard was decided above: trace the unknown ones.
                            let (nodes, values): (Vec<NodeId>, Vec<Option<bool>>) =
                                v.applies
                                    .zip(applies)
                                    .into_iter()
                                    .chain(clause.section_guards.iter().filter_map(|i| {
                                        Some((*v.guards.get(*i)?, *guards.get(*i)?))
                                    }))
                                    .chain(
                                        clause
                                            .applies
                                            .iter()
                                            .copied()
                                            .zip(applies_lines.iter().copied()),
                                    )
                                    .unzip();
                            trace_lines(&mut traced, &nodes, &values, false, false);
                        }
                        if body.is_none() {
                            trace_lines(&mut traced, rules, &lines, true, false);
                        }
                        report.undetermined.push(Undetermined {
                            clause: Cow::Borrowed(&clause.number),
                            title: Cow::Borrowed(&clause.title),
                            section: clause.section.as_deref().map(Cow::Borrowed),
                            missing: traced.traced().map_or_else(Vec::new, |t| t.missing(prog)),
                            note: clause.note.as_deref().map(Cow::Borrowed),
                        });
                        Outcome::Undetermined
                    }
                }
            }
        };
        count(&mut report.clauses, outcome);
        outcomes.push(outcome);
    }
    report.verdict = verdict(&report.clauses);
    if applies == Some(Some(false)) {
        report.reason = Some(Cow::Borrowed("记录不属于本标准适用范围"));
    } else if report.verdict == Verdict::NotAssessed {
        report.reason = Some(Cow::Owned(format!(
            "{} 项条款尚未编码",
            report.clauses.not_assessed
        )));
    }
    Judgement {
        report,
        outcomes,
        version: v,
    }
}

/// The record does not say whether the standard applies: one undetermined verdict naming
/// the deciding facts, rather than every clause undetermined for the same reason.
fn scope_undetermined<'p>(
    prog: &'p Program,
    v: &'p StandardVersion,
    bound: &Bound,
    applies: NodeId,
) -> Judgement<'p> {
    let reason = "无法从记录判定本标准是否适用".to_owned();
    let mut report = empty_report(v, Verdict::Undetermined, reason, bound);
    let mut traced = Eval::tracing(prog, bound);
    trace_lines(&mut traced, &[applies], &[None], false, false);
    report.missing = traced.traced().map_or_else(Vec::new, |t| t.missing(prog));
    Judgement {
        report,
        outcomes: vec![Outcome::Undetermined; v.clauses.len()],
        version: v,
    }
}

fn count(counts: &mut ClauseCounts, outcome: Outcome) {
    match outcome {
        Outcome::Major => counts.major += 1,
        Outcome::Clear => counts.clear += 1,
        Outcome::Undetermined => counts.undetermined += 1,
        Outcome::NotApplicable => counts.not_applicable += 1,
        Outcome::NotAssessed => counts.not_assessed += 1,
    }
}

fn verdict(c: &ClauseCounts) -> Verdict {
    if c.major > 0 {
        Verdict::Major
    } else if c.undetermined > 0 {
        Verdict::Undetermined
    } else if c.not_assessed > 0 {
        Verdict::NotAssessed
    } else if c.clear == 0 && c.not_applicable == c.total {
        Verdict::NotApplicable
    } else {
        Verdict::Clear
    }
}
