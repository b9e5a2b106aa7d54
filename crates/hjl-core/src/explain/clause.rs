//! One clause explained: each guard and rule line decided and laid out as a tree, and the
//! outcome they give, reached as judging reaches it (`judge`): the version in force, the
//! standard's scope, whether the record speaks of the standard, the sections' and the
//! clause's guards, then the rule lines in Kleene logic.

use chrono::NaiveDate;

use super::steps::Cx;
use super::{Explanation, Guard, GuardKind, Line, Truth};
use crate::compile::{ClauseIr, ClauseRule, NodeId, Program, StandardVersion};
use crate::eval::{Bound, Eval, kleene};
use crate::judge::{self, Selection};
use crate::report::{Date, Outcome, Status};

/// The clause to explain, in the version whose clauses the record's report shows.
pub(super) struct Subject<'p> {
    pub selection: Selection<'p>,
    pub version: &'p StandardVersion,
    pub clause: &'p ClauseIr,
}

/// How the version in force bears on every clause of the standard.
enum InForce {
    /// The version shown judges.
    Yes,
    /// No version applies: every clause is not applicable.
    NotApplicable,
    /// The text in force is not encoded: the version shown is judged for reference only.
    NotEncoded,
}

/// What was decided on the way to the outcome.
struct Decided {
    scope: Option<Option<bool>>,
    /// Each section guard's value, by index into the version's guards.
    sections: Vec<Option<bool>>,
    addressed: bool,
    /// The guards together (scope, sections, `applies when`).
    guard: Option<bool>,
    lines: Vec<Option<bool>>,
}

pub(super) fn explanation(
    prog: &Program,
    bound: &Bound,
    date: Option<NaiveDate>,
    subject: &Subject<'_>,
) -> Explanation {
    let cx = Cx { prog, bound };
    let mut eval = Eval::new(prog, bound);
    let (v, clause) = (subject.version, subject.clause);
    let (version_guard, in_force) = version_guard(&subject.selection, date);
    let mut guards = vec![version_guard];
    let mut decided = clause_guards(cx, &mut eval, v, clause, &mut guards);
    let rules: &[NodeId] = match &clause.rule {
        ClauseRule::Major(rules) => rules,
        ClauseRule::Pending(_) => &[],
    };
    decided.lines = rules.iter().map(|n| eval.truth(*n)).collect();
    let lines: Vec<Line> = rules
        .iter()
        .zip(&decided.lines)
        .enumerate()
        .map(|(i, (node, value))| Line {
            number: i + 1,
            situation: clause.line_labels.get(i).cloned().flatten(),
            text: prog.text(*node),
            truth: (*value).into(),
            step: cx.step(&mut eval, *node),
        })
        .collect();
    let (outcome, status) = match in_force {
        InForce::Yes => outcome(prog, bound, clause, rules, &decided),
        InForce::NotApplicable => (Outcome::NotApplicable, None),
        InForce::NotEncoded => reference_outcome(&mut eval, v, &decided),
    };
    let summary = summary(clause, &guards, &lines, &decided, outcome, status);
    Explanation {
        standard: v.name.clone(),
        title: v.title.clone(),
        document: v.document.clone(),
        version: v.effective_text.clone(),
        clause: clause.number.clone(),
        clause_title: clause.title.clone(),
        section: clause.section.clone(),
        record: judge::inspection_id(prog, bound),
        date: date.map(Date),
        outcome,
        status,
        summary,
        guards,
        lines,
        pending: match &clause.rule {
            ClauseRule::Pending(reason) => Some(reason.clone()),
            ClauseRule::Major(_) => clause.pending_limb.clone(),
        },
        note: clause.note.clone(),
    }
}

/// The guards after the version, added to `out` in the order judging asks them: the
/// standard's scope, whether a record that leaves it open speaks of the standard, the
/// enclosing sections' guards, the clause's `applies when`.
fn clause_guards<'p>(
    cx: Cx<'p>,
    eval: &mut Eval<'p>,
    v: &StandardVersion,
    clause: &ClauseIr,
    out: &mut Vec<Guard>,
) -> Decided {
    let scope = v.applies.map(|n| eval.truth(n));
    if let Some(node) = v.applies {
        out.push(condition(cx, eval, GuardKind::Scope, "标准适用范围", node));
    }
    let sections: Vec<Option<bool>> = v.guards.iter().map(|g| eval.truth(*g)).collect();
    // As judging decides it: a record that leaves the scope open speaks of the standard
    // when it gives a fact of the standard's own file, or some clause's condition holds
    // (which none can when the version is quiet and the record gives nothing it reads).
    let addressed = scope != Some(None)
        || judge::mentioned(v, cx.bound)
        || ((!v.quiet || judge::gives_any(&v.reads, cx.bound))
            && judge::any_condition_holds(eval, v, &sections));
    if scope == Some(None) {
        let detail = if addressed {
            "无法判定本标准是否适用，但记录给出了本标准的事实或有条款条件成立：各条款按适用判定"
        } else {
            "无法判定本标准是否适用，记录也未提及本标准的事实：各条款均未检查"
        };
        out.push(Guard {
            kind: GuardKind::Addressed,
            label: "记录涉及本标准".to_owned(),
            truth: Some(addressed).into(),
            text: None,
            detail: Some(detail.to_owned()),
            step: None,
        });
    }
    let mut guard = scope.unwrap_or(Some(true));
    for i in &clause.section_guards {
        let (Some(node), Some(title)) = (v.guards.get(*i), v.guard_sections.get(*i)) else {
            continue;
        };
        guard = kleene::and(guard, sections.get(*i).copied().flatten());
        let label = format!("章节「{title}」");
        out.push(condition(cx, eval, GuardKind::Section, &label, *node));
    }
    for node in &clause.applies {
        guard = kleene::and(guard, eval.truth(*node));
        out.push(condition(
            cx,
            eval,
            GuardKind::Applies,
            "条款适用条件",
            *node,
        ));
    }
    Decided {
        scope,
        sections,
        addressed,
        guard,
        lines: Vec::new(),
    }
}

/// Which version judges, as a guard of every clause.
fn version_guard(selection: &Selection<'_>, date: Option<NaiveDate>) -> (Guard, InForce) {
    let (truth, detail, in_force) = match selection {
        Selection::InForce(v) => {
            let detail = match date {
                Some(d) => format!(
                    "检查日期 {d} 适用 {}（{} 起施行）",
                    v.document, v.effective_text
                ),
                None => format!(
                    "记录没有可读的检查日期，按最新版本 {}（{} 起施行）判定",
                    v.document, v.effective_text
                ),
            };
            (Truth::True, detail, InForce::Yes)
        }
        Selection::NotEncoded { .. } => (
            Truth::Unknown,
            format!(
                "{}，以下按其判定仅供参考",
                selection.reason().unwrap_or_default()
            ),
            InForce::NotEncoded,
        ),
        Selection::Predates(..) | Selection::MovedInto { .. } => (
            Truth::False,
            selection.reason().unwrap_or_default(),
            InForce::NotApplicable,
        ),
    };
    let guard = Guard {
        kind: GuardKind::Version,
        label: "版本".to_owned(),
        truth,
        text: None,
        detail: Some(detail),
        step: None,
    };
    (guard, in_force)
}

/// A guard that is a condition, with its tree.
fn condition<'p>(
    cx: Cx<'p>,
    eval: &mut Eval<'p>,
    kind: GuardKind,
    label: &str,
    node: NodeId,
) -> Guard {
    Guard {
        kind,
        label: label.to_owned(),
        truth: eval.truth(node).into(),
        text: cx.prog.text(node),
        detail: None,
        step: Some(cx.step(eval, node)),
    }
}

/// The outcome of a clause of the version in force, as `judge` decides it.
fn outcome(
    prog: &Program,
    bound: &Bound,
    clause: &ClauseIr,
    rules: &[NodeId],
    d: &Decided,
) -> (Outcome, Option<Status>) {
    if d.scope == Some(Some(false)) {
        return (Outcome::NotApplicable, None);
    }
    if !d.addressed {
        return (Outcome::Undetermined, Some(Status::NotInspected));
    }
    if d.guard == Some(false) {
        return (Outcome::NotApplicable, None);
    }
    if matches!(clause.rule, ClauseRule::Pending(_)) {
        return (Outcome::NotAssessed, None);
    }
    // Kleene `or` of the lines: an unknown line does not end the search for a true one.
    let mut body = Some(false);
    for line in &d.lines {
        body = kleene::or(body, *line);
    }
    match (d.guard, body) {
        (_, Some(false)) if clause.pending_limb.is_some() => (Outcome::NotAssessed, None),
        (_, Some(false)) => (Outcome::Clear, None),
        (Some(true), Some(true)) => (Outcome::Major, None),
        (_, Some(true)) => (Outcome::Undetermined, Some(Status::Conditional)),
        (_, None) => {
            let mut traced = Eval::tracing(prog, bound);
            let status = judge::undecided_status(&mut traced, prog, rules, &d.lines);
            (Outcome::Undetermined, Some(status))
        }
    }
}

/// The outcome of a clause of a version whose successor is in force but not encoded: not
/// assessed, unless the record is outside the old version's scope, does not speak of it,
/// or no clause of it applies, when it is judged as that version would judge it.
fn reference_outcome(
    eval: &mut Eval<'_>,
    v: &StandardVersion,
    d: &Decided,
) -> (Outcome, Option<Status>) {
    if d.scope == Some(Some(false)) {
        return (Outcome::NotApplicable, None);
    }
    if !d.addressed {
        return (Outcome::Undetermined, Some(Status::NotInspected));
    }
    let scope = d.scope.unwrap_or(Some(true));
    let excluded = v.clauses.iter().all(|c| {
        let mut guard = scope;
        for i in &c.section_guards {
            guard = kleene::and(guard, d.sections.get(*i).copied().flatten());
        }
        for node in &c.applies {
            guard = kleene::and(guard, eval.truth(*node));
        }
        guard == Some(false)
    });
    if excluded {
        (Outcome::NotApplicable, None)
    } else {
        (Outcome::NotAssessed, None)
    }
}

/// Why, in one sentence.
fn summary(
    clause: &ClauseIr,
    guards: &[Guard],
    lines: &[Line],
    d: &Decided,
    outcome: Outcome,
    status: Option<Status>,
) -> String {
    let numbers = |truth: Truth| {
        let numbers: Vec<String> = lines
            .iter()
            .filter(|l| l.truth == truth)
            .map(|l| l.number.to_string())
            .collect();
        numbers.join("、")
    };
    let labels = |truth: Truth| {
        let labels: Vec<&str> = guards
            .iter()
            .filter(|g| g.truth == truth)
            .map(|g| g.label.as_str())
            .collect();
        labels.join("、")
    };
    let version = guards.first().and_then(|g| g.detail.clone());
    match outcome {
        Outcome::Major => format!("适用条件均成立，判定行第{}行成立", numbers(Truth::True)),
        Outcome::Clear if d.guard.is_none() => format!(
            "各判定行均不成立（{}未知，不影响结论）",
            labels(Truth::Unknown)
        ),
        Outcome::Clear => "各判定行均不成立".to_owned(),
        Outcome::NotApplicable => match guards.iter().find(|g| g.truth == Truth::False) {
            Some(g) if g.kind == GuardKind::Version => g.detail.clone().unwrap_or_default(),
            Some(g) => format!("{}不成立，本条款不适用", g.label),
            None => format!(
                "{}；该版本的条款均不适用于本记录",
                version.unwrap_or_default()
            ),
        },
        Outcome::Undetermined => match status {
            Some(Status::Conditional) => format!(
                "判定行第{}行成立，但{}未知：如适用即为重大事故隐患",
                numbers(Truth::True),
                labels(Truth::Unknown)
            ),
            _ if !d.addressed => guards
                .iter()
                .find(|g| g.kind == GuardKind::Addressed)
                .and_then(|g| g.detail.clone())
                .unwrap_or_default(),
            _ => {
                let open = if d.guard.is_none() {
                    format!("；{}也未知", labels(Truth::Unknown))
                } else {
                    String::new()
                };
                let word = status.map_or("", |s| s.label());
                format!(
                    "没有判定行成立，第{}行无法判定：记录缺少所需事实（{word}）{open}",
                    numbers(Truth::Unknown)
                )
            }
        },
        Outcome::NotAssessed => {
            let not_encoded = guards.first().is_some_and(|g| g.truth == Truth::Unknown);
            match (&clause.rule, &clause.pending_limb) {
                _ if not_encoded => version.unwrap_or_default(),
                // The reason is the explanation's `pending`.
                (ClauseRule::Pending(_), _) => "条款尚未编码".to_owned(),
                (_, Some(_)) => "已编码的判定行均不成立，其余情形尚未编码".to_owned(),
                (_, None) => String::new(),
            }
        }
    }
}
