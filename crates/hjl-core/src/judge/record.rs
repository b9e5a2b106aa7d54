//! A record judged by every loaded standard: the reports, the standards it does not
//! address, and what is said once for the whole record (values it could not read, keys no
//! standard in force reads, a missing date, stated conclusions their parts contradict).

use std::borrow::Cow;

use chrono::NaiveDate;

use super::{Detail, Judged, judge};
use crate::compile::{FactId, FactKind, Program, ScalarType};
use crate::diagnostic::closest;
use crate::eval::{Bound, Eval, Place, Slot};
use crate::report::{Judgement, NotAddressed, NotApplicable, RecordIssue, Verdict};
use crate::value::Value;

/// Judges a bound record by every standard (`families`: each standard's versions by index
/// into `prog.standards`, sorted by effective date). With `Detail::Verdicts` the reports
/// carry verdicts and counts only, and the record's warnings are not looked for.
pub(crate) fn judge_record<'p>(
    prog: &'p Program,
    families: &[Vec<usize>],
    bound: &Bound,
    detail: Detail,
) -> Judgement<'p> {
    let date = inspection_date(prog, bound);
    let mut judgement = Judgement {
        id: inspection_id(prog, bound),
        line: None,
        date: date.map(crate::report::Date),
        verdict: Verdict::NotAddressed,
        errors: Vec::new(),
        warnings: Vec::new(),
        reports: Vec::with_capacity(families.len()),
        not_applicable: Vec::with_capacity(families.len()),
        not_addressed: Vec::new(),
    };
    // Which version judges each standard, by index: facts only other versions read are
    // worth a warning.
    let mut judging = Vec::with_capacity(families.len());
    for family in families {
        let Some(judged) = judge(prog, family, bound, date, detail) else {
            continue;
        };
        judging.push(judged.version.index);
        add(&mut judgement, judged);
    }
    judgement.verdict = judgement
        .reports
        .iter()
        .map(|r| r.verdict)
        .chain((!judgement.not_applicable.is_empty()).then_some(Verdict::NotApplicable))
        .max_by_key(|v| v.severity())
        .unwrap_or(Verdict::NotAddressed);
    errors(prog, bound, &mut judgement.errors);
    if detail == Detail::Verdicts {
        return judgement;
    }
    date_warning(prog, bound, &mut judgement.warnings);
    unknown_keys(prog, bound, &mut judgement.warnings);
    other_versions(prog, bound, &judging, &mut judgement.warnings);
    contradicted(prog, bound, &mut judgement.warnings);
    judgement
}

/// A standard's judgement into the record's: a full report, or one line when the record
/// does not address it.
fn add<'p>(judgement: &mut Judgement<'p>, judged: Judged<'p>) {
    let report = judged.report;
    if report.verdict == Verdict::NotAddressed {
        judgement.not_addressed.push(NotAddressed {
            standard: report.standard,
            title: report.title,
            document: report.document,
            version: report.version,
            scope_missing: report.scope_missing,
        });
    } else if report.verdict == Verdict::NotApplicable && report.reference.is_none() {
        judgement.not_applicable.push(NotApplicable {
            standard: report.standard,
            title: report.title,
            document: report.document,
            version: report.version,
            reason: report
                .reason
                .unwrap_or(Cow::Borrowed("本标准的条款均不适用于本记录")),
        });
    } else {
        judgement.reports.push(report);
    }
}

/// The inspection date, when the record gives a readable one.
pub(crate) fn inspection_date(prog: &Program, bound: &Bound) -> Option<NaiveDate> {
    match bound.slot(prog.inspection_date?) {
        Slot::Scalar(Value::Date(d)) => Some(*d),
        _ => None,
    }
}

pub(crate) fn inspection_id(prog: &Program, bound: &Bound) -> Option<String> {
    match bound.slot(prog.inspection_id?) {
        Slot::Scalar(Value::Text(id)) => Some(id.to_string()),
        _ => None,
    }
}

/// The label of a fact, or of a list's field (`列表·字段`).
fn label(prog: &Program, fact: FactId, field: Option<u16>) -> Option<Cow<'_, str>> {
    let place = Place {
        fact,
        cell: field.map(|f| (0, f)),
    };
    Some(place.label(prog)).filter(|l| !l.is_empty())
}

/// Paths in reading order whatever the order of the record's keys: segment by segment,
/// list positions by number (`a[2]` before `a[10]`).
fn path_order(a: &str, b: &str) -> std::cmp::Ordering {
    let pieces = |s: &str| -> Vec<(String, u64)> {
        s.split(['[', ']'])
            .map(|p| match p.parse::<u64>() {
                Ok(n) => (String::new(), n),
                Err(_) => (p.to_owned(), 0),
            })
            .collect()
    };
    pieces(a).cmp(&pieces(b))
}

fn errors<'p>(prog: &'p Program, bound: &Bound, out: &mut Vec<RecordIssue<'p>>) {
    let mut errors: Vec<_> = bound.errors.iter().collect();
    errors.sort_by(|a, b| path_order(&a.path, &b.path).then_with(|| a.message.cmp(&b.message)));
    for e in errors {
        let mut message = e.message.clone();
        if e.fact.is_some() && e.fact == prog.inspection_date {
            message.push_str("；无法确定检查日期适用的标准版本，各标准按最新编码版本判定");
        }
        out.push(RecordIssue {
            path: e.path.clone(),
            label: e.fact.and_then(|f| label(prog, f, e.field)),
            message,
        });
    }
}

/// A record without an inspection date is judged by each standard's newest version: said
/// once. (An unreadable date is an error, which says the same.)
fn date_warning<'p>(prog: &'p Program, bound: &Bound, out: &mut Vec<RecordIssue<'p>>) {
    let Some(fact) = prog.inspection_date else {
        return;
    };
    if !bound.mentions(fact) {
        out.push(RecordIssue {
            path: prog.facts.path(fact).to_owned(),
            label: label(prog, fact, None),
            message: "记录缺少检查日期，各标准按最新编码版本判定".to_owned(),
        });
    }
}

/// Keys no loaded file declares, with the declared fact they most resemble, by path or by
/// Chinese label.
fn unknown_keys<'p>(prog: &'p Program, bound: &Bound, out: &mut Vec<RecordIssue<'p>>) {
    let mut unknown: Vec<&String> = bound.unknown.iter().collect();
    unknown.sort_by(|a, b| path_order(a, b));
    for path in unknown {
        let hint = unknown_path_hint(prog, path);
        out.push(RecordIssue {
            path: path.clone(),
            label: None,
            message: format!("未声明的事实，已忽略{hint}"),
        });
    }
}

/// "；是否指 …？" with the declared path (and its label) an undeclared `path` most
/// resembles, or nothing when none is close.
pub(crate) fn unknown_path_hint(prog: &Program, path: &str) -> String {
    match suggestion(prog, path) {
        Some((p, "")) => format!("；是否指 {p}？"),
        Some((p, l)) => format!("；是否指 {p}（{l}）？"),
        None => String::new(),
    }
}

/// The declared path (and its label) an unknown key most resembles: a field of the same
/// list, or any fact, by path or by label.
fn suggestion<'p>(prog: &'p Program, path: &str) -> Option<(String, &'p str)> {
    let facts = &prog.facts.facts;
    // Inside a list row: `list[3].field`.
    if let Some((list, rest)) = path.split_once('[') {
        let (index, key) = rest.split_once("].")?;
        let fact = prog.facts.get(*prog.facts.by_path.get(list)?)?;
        let FactKind::List(fields) = &fact.kind else {
            return None;
        };
        let names = fields.iter().map(|f| f.name.as_str());
        let labels = fields.iter().map(|f| f.label.as_str());
        let found = closest(key, names)
            .and_then(|n| fields.iter().find(|f| f.name == n))
            .or_else(|| closest(key, labels).and_then(|l| fields.iter().find(|f| f.label == l)))?;
        return Some((format!("{list}[{index}].{}", found.name), &found.label));
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    // Any declared path: a fact, or an object on the way to facts (`room` for `roomm`).
    let trie = &prog.facts.trie;
    if let Some(p) = closest(
        path,
        trie.iter().map(|n| &*n.path).filter(|p| !p.is_empty()),
    ) {
        let label = prog.facts.by_path.get(p).and_then(|f| prog.facts.get(*f));
        return Some((p.to_owned(), label.map_or("", |f| f.label.as_str())));
    }
    let fact = closest(last, facts.iter().map(|f| f.label.as_str()))
        .and_then(|l| facts.iter().find(|f| f.label == l))?;
    Some((fact.path.clone(), &fact.label))
}

/// Facts the record gives that only versions other than those judging it read: "declared
/// by the 2022 version; the 2024 version in force does not read it".
fn other_versions<'p>(
    prog: &'p Program,
    bound: &Bound,
    judging: &[usize],
    out: &mut Vec<RecordIssue<'p>>,
) {
    let versions = || judging.iter().filter_map(|j| prog.standards.get(*j));
    for now in versions() {
        for fact in &now.foreign {
            let Some(f) = prog.facts.get(*fact) else {
                continue;
            };
            let read = f.readers.iter().any(|r| judging.contains(&(*r as usize)));
            if read || !bound.mentions(*fact) || out.iter().any(|w| w.path == f.path) {
                continue;
            }
            let old = f
                .readers
                .iter()
                .filter_map(|r| prog.standards.get(*r as usize))
                .find(|w| w.name == now.name);
            let Some(old) = old else { continue };
            out.push(RecordIssue {
                path: f.path.clone(),
                label: label(prog, *fact, None),
                message: format!(
                    "此事实由 {}（{} 施行）声明；检查日期适用的 {}（{} 施行）不读取它，已忽略",
                    old.document, old.effective, now.document, now.effective
                ),
            });
        }
    }
}

/// Derived facts the record states, where the facts they derive from say otherwise: the
/// computed value judges.
fn contradicted<'p>(prog: &'p Program, bound: &Bound, out: &mut Vec<RecordIssue<'p>>) {
    let mut eval = Eval::new(prog, bound);
    for (index, d) in prog.derivations.iter().enumerate() {
        let Some(fact) = prog.facts.get(d.fact) else {
            continue;
        };
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        let mut check = |path: String, ty: ScalarType, stated: &Value, computed: Option<Value>| {
            let Some(computed) = computed else { return };
            if computed == *stated || out.iter().any(|w| w.path == path) {
                return;
            }
            let show = |v: &Value| crate::eval::display(ty, v, prog).to_string();
            out.push(RecordIssue {
                label: label(prog, d.fact, d.field),
                message: format!(
                    "记录所填结论 {} 与由依据事实推算的 {} 不一致，按推算结果判定",
                    show(stated),
                    show(&computed)
                ),
                path,
            });
        };
        match (d.field, &fact.kind) {
            (None, FactKind::Scalar(ty)) => {
                if let Slot::Scalar(stated) = bound.slot(d.fact) {
                    let computed = eval.derive(index, None);
                    check(fact.path.clone(), *ty, stated, computed);
                }
            }
            (Some(field), FactKind::List(fields)) => {
                let (Some(rows), Some(def)) = (bound.list(d.fact), fields.get(usize::from(field)))
                else {
                    continue;
                };
                for row in 0..rows.len() {
                    if let Some(stated) = rows.get(row, usize::from(field)) {
                        let computed = eval.derive(index, Some((d.fact, row)));
                        let path = crate::eval::element_path(&fact.path, row, Some(&def.name));
                        check(path, def.ty, stated, computed);
                    }
                }
            }
            _ => {}
        }
    }
}
