//! Judging one record by one standard: picks the version in force on the inspection date,
//! decides each clause (major, clear, undetermined, not applicable, not assessed) and
//! assembles the report. `record` puts the standards' reports together with what is said
//! once for the whole record.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::compile::{ClauseIr, ClauseRule, FactId, NodeId, Program, StandardVersion};
use crate::eval::{Bound, Eval, Tracing, kleene};
use crate::report::{
    ClauseCounts, Finding, NotAssessed, Outcome, Reference, Report, Status, Undetermined, Verdict,
};

mod record;

pub(crate) use record::{inspection_date, inspection_id, judge_record, unknown_path_hint};

/// A report together with every clause's outcome (for rule-file tests): `outcomes` is
/// aligned with `version.clauses`, so judging copies no clause numbers.
pub(crate) struct Judged<'p> {
    pub report: Report<'p>,
    pub outcomes: Vec<Outcome>,
    pub version: &'p StandardVersion,
}

impl Judged<'_> {
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
pub(crate) enum Selection<'p> {
    /// The version in force on the inspection date (the newest, when the record has no
    /// readable date: the record says so once).
    InForce(&'p StandardVersion),
    /// The inspection predates the first version.
    Predates(&'p StandardVersion, NaiveDate),
    /// The version found was superseded on or before the date by a text not loaded.
    NotEncoded {
        old: &'p StandardVersion,
        date: NaiveDate,
        until: NaiveDate,
        by: Option<&'p str>,
    },
    /// The version found was superseded on or before the date by a version of another
    /// standard, loaded and in force: its situations are judged there.
    MovedInto {
        old: &'p StandardVersion,
        until: NaiveDate,
        successor: &'p StandardVersion,
    },
}

impl Selection<'_> {
    /// Why no version of the standard judges a record of this date, as reports say it;
    /// `None` for a version in force.
    pub(crate) fn reason(&self) -> Option<String> {
        Some(match self {
            Selection::InForce(_) => return None,
            Selection::Predates(first, date) => {
                format!("检查日期 {date} 早于本标准施行日期 {}", first.effective)
            }
            Selection::NotEncoded {
                old,
                date,
                until,
                by,
            } => {
                let successor = by.map_or_else(|| "（新文本）".to_owned(), |b| format!("「{b}」"));
                format!(
                    "检查日期 {date} 适用的现行文本{successor}（{until} 起施行）尚未编码；{} 已不再适用",
                    old.document
                )
            }
            Selection::MovedInto {
                old,
                until,
                successor,
            } => format!(
                "{} 自 {until} 起不再适用，其情形由「{}」（{}）判定",
                old.document, successor.title, successor.document
            ),
        })
    }
}

/// Which version of a standard judges the record. `family` holds the indexes (into
/// `prog.standards`) of one standard's versions, sorted by effective date.
pub(crate) fn select<'p>(
    prog: &'p Program,
    family: &[usize],
    date: Option<NaiveDate>,
) -> Option<Selection<'p>> {
    let version = |i: &usize| prog.standards.get(*i);
    let newest = family.last().and_then(version)?;
    let Some(date) = date else {
        return Some(Selection::InForce(newest));
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
        Some(s) if s.until <= date => {
            match s.into.as_deref().and_then(|n| in_force_of(prog, n, date)) {
                Some(successor) => Selection::MovedInto {
                    old: in_force,
                    until: s.until,
                    successor,
                },
                None => Selection::NotEncoded {
                    old: in_force,
                    date,
                    until: s.until,
                    by: s.by.as_deref(),
                },
            }
        }
        _ => Selection::InForce(in_force),
    })
}

/// The loaded version of standard `name` in force on `date`, if any.
fn in_force_of<'p>(prog: &'p Program, name: &str, date: NaiveDate) -> Option<&'p StandardVersion> {
    prog.standards
        .iter()
        .filter(|v| v.name == name && v.effective <= date)
        .max_by_key(|v| v.effective)
}

/// Judges `bound` by one standard, given as its family of versions (see [`select`]).
pub(crate) fn judge<'p>(
    prog: &'p Program,
    family: &[usize],
    bound: &Bound,
    date: Option<NaiveDate>,
    detail: Detail,
) -> Option<Judged<'p>> {
    let selection = select(prog, family, date)?;
    let reason = selection.reason();
    Some(match (selection, reason) {
        (Selection::InForce(v), _) => {
            let mut judged = judge_version(prog, v, bound, detail);
            if judged.report.verdict == Verdict::NotAssessed {
                judged.report.reference = declared_only(prog, family, v, bound, detail);
            }
            judged
        }
        (Selection::NotEncoded { old, .. }, Some(reason)) => {
            not_encoded(prog, old, bound, reason, detail)
        }
        (Selection::Predates(v, _) | Selection::MovedInto { old: v, .. }, Some(reason)) => {
            whole(v, Verdict::NotApplicable, Cow::Owned(reason))
        }
        (_, None) => return None,
    })
}

/// A version in force that is declared but holds no encoded clause (every clause pending)
/// cannot judge: what the version before it finds is shown beside, for reference only, as
/// when the successor is not loaded at all.
fn declared_only<'p>(
    prog: &'p Program,
    family: &[usize],
    v: &'p StandardVersion,
    bound: &Bound,
    detail: Detail,
) -> Option<Reference<'p>> {
    if !v
        .clauses
        .iter()
        .all(|c| matches!(c.rule, ClauseRule::Pending(_)))
    {
        return None;
    }
    let position = family.iter().position(|&i| i == v.index)?;
    let before = prog.standards.get(*family.get(position.checked_sub(1)?)?)?;
    let judged = judge_version(prog, before, bound, detail);
    speaks_of(&judged).then(|| as_reference(before, judged))
}

/// Appends the (standard, clause) pairs that are major, without traces or reports.
pub(crate) fn major_clauses<'p>(
    prog: &'p Program,
    family: &[usize],
    bound: &Bound,
    date: Option<NaiveDate>,
    out: &mut Vec<(&'p str, &'p str)>,
) {
    let Some(Selection::InForce(v)) = select(prog, family, date) else {
        return;
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
/// A record outside the old version's scope is not applicable; one that leaves the scope
/// open and gives none of its facts is not addressed, as for a version in force.
fn not_encoded<'p>(
    prog: &'p Program,
    old: &'p StandardVersion,
    bound: &Bound,
    reason: String,
    detail: Detail,
) -> Judged<'p> {
    let reference = judge_version(prog, old, bound, detail);
    if !speaks_of(&reference) {
        return reference;
    }
    let mut judged = whole(old, Verdict::NotAssessed, Cow::Owned(reason));
    judged.report.reference = Some(as_reference(old, reference));
    judged
}

/// Whether a record is within a version's scope and speaks of it: only then is what the
/// version finds worth showing as a reference.
fn speaks_of(judged: &Judged<'_>) -> bool {
    !matches!(
        judged.report.verdict,
        Verdict::NotApplicable | Verdict::NotAddressed
    )
}

/// What an earlier version finds, as a reference beside a report it does not judge.
fn as_reference<'p>(old: &'p StandardVersion, judged: Judged<'p>) -> Reference<'p> {
    Reference {
        document: Cow::Borrowed(&old.document),
        version: Cow::Borrowed(&old.effective_text),
        findings: judged.report.findings,
    }
}

/// A report in which every clause has the same outcome, for the reason given.
fn whole<'p>(v: &'p StandardVersion, verdict: Verdict, reason: Cow<'p, str>) -> Judged<'p> {
    let n = v.clauses.len();
    let mut clauses = ClauseCounts {
        total: n,
        ..ClauseCounts::default()
    };
    let outcome = match verdict {
        Verdict::NotApplicable => {
            clauses.not_applicable = n;
            Outcome::NotApplicable
        }
        Verdict::NotAddressed => {
            clauses.undetermined = n;
            clauses.not_inspected = n;
            Outcome::Undetermined
        }
        _ => {
            clauses.not_assessed = n;
            Outcome::NotAssessed
        }
    };
    let mut report = empty_report(v);
    report.verdict = verdict;
    report.reason = Some(reason);
    report.clauses = clauses;
    Judged {
        report,
        outcomes: vec![outcome; n],
        version: v,
    }
}

fn empty_report(v: &StandardVersion) -> Report<'_> {
    Report {
        standard: Cow::Borrowed(&v.name),
        title: Cow::Borrowed(&v.title),
        document: Cow::Borrowed(&v.document),
        version: Cow::Borrowed(&v.effective_text),
        verdict: Verdict::Clear,
        reason: None,
        scope_missing: Vec::new(),
        findings: Vec::new(),
        undetermined: Vec::new(),
        not_assessed: Vec::new(),
        clauses: ClauseCounts {
            total: v.clauses.len(),
            ..ClauseCounts::default()
        },
        reference: None,
    }
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

/// Traces the unknown conditions among those already decided (`lines` holds their values,
/// as [`kleene_fold_lines`] left them): the missing facts they rest on and what else `how`
/// asks for. Conditions that are known contribute nothing.
fn trace_unknown(traced: &mut Eval<'_>, nodes: &[NodeId], lines: &[Option<bool>], how: Tracing) {
    for (node, line) in nodes.iter().zip(lines) {
        if line.is_none() {
            traced.trace(*node, how);
        }
    }
}

/// How far a clause whose rule lines are undecided got (`lines`: their values): near
/// when what the record says particularly is read by the unknown lines (traced for
/// support), not inspected otherwise. The trace is left in `traced`.
pub(crate) fn undecided_status(
    traced: &mut Eval<'_>,
    prog: &Program,
    rules: &[NodeId],
    lines: &[Option<bool>],
) -> Status {
    traced.clear_trace();
    trace_unknown(traced, rules, lines, Tracing::Support);
    if traced.traced().is_some_and(|t| t.says_something(prog)) {
        Status::Near
    } else {
        Status::NotInspected
    }
}

/// Per-version judging state: one untraced evaluator for every clause of the record, and
/// one tracing evaluator for the clauses that fire or stay undetermined.
struct Judge<'p, 'b> {
    prog: &'p Program,
    version: &'p StandardVersion,
    bound: &'b Bound,
    eval: Eval<'b>,
    traced: Eval<'b>,
    /// The standard's scope (`None`: no `applies when`), and each section guard's value.
    scope: Option<Option<bool>>,
    guards: Vec<Option<bool>>,
    /// Each rule line's value and each `applies when` line's, for the clause in hand.
    lines: Vec<Option<bool>>,
    applies_lines: Vec<Option<bool>>,
    detail: Detail,
}

/// How much of a report to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detail {
    /// Everything: evidence, missing facts, situations, notes.
    Full,
    /// The verdicts and counts alone: each clause's outcome and an undetermined clause's
    /// status (near or not inspected), no evidence or missing facts.
    Verdicts,
}

fn judge_version<'p>(
    prog: &'p Program,
    v: &'p StandardVersion,
    bound: &Bound,
    detail: Detail,
) -> Judged<'p> {
    let mut eval = Eval::new(prog, bound);
    let scope = v.applies.map(|n| eval.truth(n));
    if scope == Some(Some(false)) {
        return whole(
            v,
            Verdict::NotApplicable,
            Cow::Borrowed("记录不属于本标准适用范围"),
        );
    }
    let open = scope == Some(None);
    // Whether the standard applies is open, the record gives none of its own facts, and
    // nothing it gives makes a clause hold: it does not speak of this standard (shared
    // facts alone, a worker listed, say, do not make it speak of every standard that reads
    // them). Decided before any report is built; without judging a clause when the record
    // gives nothing the conditions read and none could hold on such a record.
    let unspoken = open && !mentioned(v, bound);
    if unspoken && v.quiet && !gives_any(&v.reads, bound) {
        return not_addressed(prog, v, bound, detail);
    }
    let guards: Vec<Option<bool>> = v.guards.iter().map(|g| eval.truth(*g)).collect();
    if unspoken && !any_condition_holds(&mut eval, v, &guards) {
        return not_addressed(prog, v, bound, detail);
    }
    let mut judge = Judge {
        prog,
        version: v,
        bound,
        eval,
        traced: Eval::tracing(prog, bound),
        scope,
        guards,
        lines: Vec::with_capacity(64),
        applies_lines: Vec::with_capacity(8),
        detail,
    };
    let mut report = empty_report(v);
    report.undetermined.reserve(8);
    let mut outcomes = Vec::with_capacity(v.clauses.len());
    for clause in &v.clauses {
        let outcome = judge.clause(clause, &mut report);
        count(&mut report.clauses, outcome);
        outcomes.push(outcome);
    }
    // Conditional first, then near, then not inspected; clause order within each.
    report.undetermined.sort_by_key(|u| u.status);
    for u in &report.undetermined {
        match u.status {
            Status::Conditional => report.clauses.conditional += 1,
            Status::Near => report.clauses.near += 1,
            Status::NotInspected => report.clauses.not_inspected += 1,
        }
    }
    report.verdict = verdict(&report.clauses);
    if open {
        if detail == Detail::Full {
            report.scope_missing = scope_missing(prog, v, bound);
        }
        report.reason = Some(Cow::Borrowed(
            "无法从记录判定本标准是否适用：各条款按适用判定，条件成立的条款为“如适用即为重大事故隐患”",
        ));
    } else if report.verdict == Verdict::NotAssessed {
        report.reason = Some(Cow::Owned(format!(
            "{} 项条款尚未编码",
            report.clauses.not_assessed
        )));
    }
    Judged {
        report,
        outcomes,
        version: v,
    }
}

/// A version whose scope the record leaves open and of which it says nothing.
fn not_addressed<'p>(
    prog: &'p Program,
    v: &'p StandardVersion,
    bound: &Bound,
    detail: Detail,
) -> Judged<'p> {
    let mut judged = whole(
        v,
        Verdict::NotAddressed,
        Cow::Borrowed("无法从记录判定本标准是否适用，记录也未提及本标准的事实"),
    );
    if detail == Detail::Full {
        judged.report.scope_missing = scope_missing(prog, v, bound);
    }
    judged
}

/// Whether some clause's own condition holds where its guards are not false: what makes a
/// conditional finding under an open scope. Untraced, so that a standard a record does not
/// speak of costs one decision per clause, not a report.
pub(crate) fn any_condition_holds(
    eval: &mut Eval<'_>,
    v: &StandardVersion,
    guards: &[Option<bool>],
) -> bool {
    v.clauses.iter().any(|clause| {
        let ClauseRule::Major(rules) = &clause.rule else {
            return false;
        };
        let guarded = clause
            .section_guards
            .iter()
            .all(|i| guards.get(*i).copied().flatten() != Some(false));
        guarded
            && kleene_fold(eval, &clause.applies, false) != Some(false)
            && kleene_fold(eval, rules, true) == Some(true)
    })
}

/// Whether the record gives any fact the standard's own file declares.
pub(crate) fn mentioned(v: &StandardVersion, bound: &Bound) -> bool {
    gives_any(&v.mentions, bound)
}

/// Whether the record gives any of these facts (a value, or one it could not read).
pub(crate) fn gives_any(facts: &[FactId], bound: &Bound) -> bool {
    facts.iter().any(|f| bound.mentions(*f))
}

/// Sets [`StandardVersion::quiet`]: whether no clause's condition holds on a record that
/// gives none of the facts the version reads. Such a record gives at most the inspection's
/// date and number, so the conditions are tried on a record without them and on records
/// dated the day the version took effect and the last day there is; a version whose
/// condition holds on any of them (one reading only `known(…)` negated, or the date alone)
/// is always judged clause by clause.
pub(crate) fn mark_quiet(prog: &mut Program) {
    let date_path = prog
        .inspection_date
        .and_then(|d| prog.facts.facts.get(d as usize))
        .map(|f| f.path.clone());
    let dated = |date: NaiveDate| {
        let record = match &date_path {
            Some(path) => serde_json::json!({ path.as_str(): date.to_string() }),
            None => serde_json::json!({}),
        };
        crate::eval::bind(&prog.facts, &record)
    };
    let shared = [
        crate::eval::bind(&prog.facts, &serde_json::json!({})),
        dated(far_future()),
    ];
    let holds_on = |v: &StandardVersion, bound: &Bound| {
        let mut eval = Eval::new(prog, bound);
        let guards: Vec<Option<bool>> = v.guards.iter().map(|g| eval.truth(*g)).collect();
        any_condition_holds(&mut eval, v, &guards)
    };
    let quiet: Vec<bool> = prog
        .standards
        .iter()
        .map(|v| !shared.iter().any(|b| holds_on(v, b)) && !holds_on(v, &dated(v.effective)))
        .collect();
    for (v, quiet) in prog.standards.iter_mut().zip(quiet) {
        v.quiet = quiet;
    }
}

/// The last day a record may be dated (`9999-12-31`).
fn far_future() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The facts a record lacks to decide whether the standard applies.
fn scope_missing<'p>(
    prog: &'p Program,
    v: &'p StandardVersion,
    bound: &Bound,
) -> Vec<crate::report::MissingFact<'p>> {
    // Whether a standard applies is a question the inspector answers directly: a derived
    // scope fact is named alone, not with every part it may be derived from.
    let mut traced = Eval::tracing(prog, bound).naming_derived_alone();
    if let Some(applies) = v.applies {
        traced.trace(applies, Tracing::Missing);
    }
    traced
        .traced()
        .map_or_else(Vec::new, |t| t.missing(prog, bound))
}

impl<'p> Judge<'p, '_> {
    fn clause(&mut self, clause: &'p ClauseIr, report: &mut Report<'p>) -> Outcome {
        // Guards: the standard's scope, enclosing sections, the clause's own `applies when`.
        let mut guard = self.scope.unwrap_or(Some(true));
        for i in &clause.section_guards {
            guard = kleene::and(guard, self.guards.get(*i).copied().flatten());
        }
        self.applies_lines.clear();
        if guard != Some(false) && !clause.applies.is_empty() {
            let own = kleene_fold_lines(
                &mut self.eval,
                &clause.applies,
                false,
                &mut self.applies_lines,
            );
            guard = kleene::and(guard, own);
        }
        let rules = match (&clause.rule, guard) {
            (_, Some(false)) => return Outcome::NotApplicable,
            (ClauseRule::Pending(reason), _) => {
                report.not_assessed.push(NotAssessed {
                    clause: Cow::Borrowed(&clause.number),
                    title: Cow::Borrowed(&clause.title),
                    reason: Cow::Owned(format!("待编码：{reason}")),
                });
                return Outcome::NotAssessed;
            }
            (ClauseRule::Major(rules), _) => rules,
        };
        let body = kleene_fold_lines(&mut self.eval, rules, true, &mut self.lines);
        match (guard, body) {
            (_, Some(false)) => match &clause.pending_limb {
                Some(reason) => {
                    report.not_assessed.push(NotAssessed {
                        clause: Cow::Borrowed(&clause.number),
                        title: Cow::Borrowed(&clause.title),
                        reason: Cow::Owned(format!(
                            "已编码的情形均不成立；其余情形待编码：{reason}"
                        )),
                    });
                    Outcome::NotAssessed
                }
                None => Outcome::Clear,
            },
            (Some(true), Some(true)) => {
                let (situations, evidence) = match self.detail {
                    Detail::Full => (self.fired(clause, rules), self.evidence()),
                    Detail::Verdicts => (Vec::new(), Vec::new()),
                };
                report.findings.push(Finding {
                    clause: Cow::Borrowed(&clause.number),
                    title: Cow::Borrowed(&clause.title),
                    section: clause.section.as_deref().map(Cow::Borrowed),
                    situations,
                    evidence,
                    note: clause.note.as_deref().map(Cow::Borrowed),
                });
                Outcome::Major
            }
            (_, body) => {
                // One trace: the evidence first (what makes the condition hold, or what
                // the record says in its favour), then the missing facts, the clause's
                // own before its guards'.
                let status = match body {
                    Some(_) => {
                        if self.detail == Detail::Full {
                            self.fired(clause, rules);
                        }
                        Status::Conditional
                    }
                    None => undecided_status(&mut self.traced, self.prog, rules, &self.lines),
                };
                let (evidence, missing) = match self.detail {
                    Detail::Full => {
                        let evidence = self.evidence();
                        if guard.is_none() {
                            self.trace_guards(clause);
                        }
                        let missing = self
                            .traced
                            .traced()
                            .map_or_else(Vec::new, |t| t.missing(self.prog, self.bound));
                        (evidence, missing)
                    }
                    Detail::Verdicts => (Vec::new(), Vec::new()),
                };
                report.undetermined.push(Undetermined {
                    clause: Cow::Borrowed(&clause.number),
                    title: Cow::Borrowed(&clause.title),
                    section: clause.section.as_deref().map(Cow::Borrowed),
                    status,
                    evidence,
                    missing,
                    note: clause.note.as_deref().map(Cow::Borrowed),
                });
                Outcome::Undetermined
            }
        }
    }

    /// Traces the rule lines of a clause whose condition holds, each line that is true with
    /// its evidence (the fold stopped at the first, so the lines after it are decided
    /// here), and returns the situations they name.
    fn fired(&mut self, clause: &'p ClauseIr, rules: &[NodeId]) -> Vec<Cow<'p, str>> {
        let decided = self.lines.len();
        for node in rules.iter().skip(decided) {
            let v = self.eval.truth(*node);
            self.lines.push(v);
        }
        self.traced.clear_trace();
        let mut situations = Vec::new();
        for (i, (node, line)) in rules.iter().zip(&self.lines).enumerate() {
            if *line == Some(true) {
                self.traced.trace(*node, Tracing::Evidence);
                if let Some(Some(label)) = clause.line_labels.get(i) {
                    situations.push(Cow::Borrowed(label.as_str()));
                }
            }
        }
        situations
    }

    fn evidence(&self) -> Vec<crate::report::Evidence<'p>> {
        self.traced
            .traced()
            .map_or_else(Vec::new, |t| t.evidence(self.prog, self.bound))
    }

    /// Traces the missing facts of the unknown guards of a clause (every guard was decided
    /// when the clause was judged).
    fn trace_guards(&mut self, clause: &ClauseIr) {
        let v = self.version;
        let scope = v.applies.zip(self.scope);
        let sections = clause
            .section_guards
            .iter()
            .filter_map(|i| Some((*v.guards.get(*i)?, *self.guards.get(*i)?)));
        let own = clause
            .applies
            .iter()
            .copied()
            .zip(self.applies_lines.iter().copied());
        for (node, value) in scope.into_iter().chain(sections).chain(own) {
            if value.is_none() {
                self.traced.trace(node, Tracing::Missing);
            }
        }
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
