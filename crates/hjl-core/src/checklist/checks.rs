//! What a walk over the rules makes: one check per fact or field (a field under its list,
//! a derived fact's parts under it), each test added once, and the tests themselves.

use super::{Check, Test, words};
use crate::ast::CmpOp;
use crate::compile::{FactId, FactKind, Program, ScalarType};

/// A value a condition reads: a fact, or a field of a list's elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// A scalar fact, or a list as a whole.
    Fact(FactId),
    /// (list, field)
    Field(FactId, u16),
}

/// Where checks go: into `checks`, with the fields of `home` among them (the parts of a
/// derived field are its element's other fields) and any other field under its list.
pub(super) struct Sink<'s> {
    pub checks: &'s mut Vec<Check>,
    pub home: Option<FactId>,
}

/// The check of `target` in the sink, made when there is none yet: a field under its list
/// unless the sink's home is that list.
pub(super) fn place<'s>(
    prog: &Program,
    sink: &'s mut Sink<'_>,
    target: Target,
) -> Option<&'s mut Check> {
    match target {
        Target::Field(list, _) if sink.home != Some(list) => {
            let list = entry(prog, sink.checks, Target::Fact(list))?;
            entry(prog, &mut list.fields, target)
        }
        _ => entry(prog, sink.checks, target),
    }
}

/// The check of `target` among `checks`, appended when missing.
fn entry<'c>(prog: &Program, checks: &'c mut Vec<Check>, target: Target) -> Option<&'c mut Check> {
    let path = path(prog, target)?;
    let index = match checks.iter().position(|c| c.path == path) {
        Some(i) => i,
        None => {
            checks.push(check(prog, target, path)?);
            checks.len() - 1
        }
    };
    checks.get_mut(index)
}

/// A new check of `target`, without tests.
fn check(prog: &Program, target: Target, path: String) -> Option<Check> {
    let (label, ty) = match target {
        Target::Fact(f) => {
            let fact = prog.facts.get(f)?;
            let ty = match &fact.kind {
                FactKind::Scalar(ty) => Some(*ty),
                FactKind::List(_) => None,
            };
            (fact.label.clone(), ty)
        }
        Target::Field(list, field) => {
            let field = prog.facts.field(list, field)?;
            (field.label.clone(), Some(field.ty))
        }
    };
    let (ty, unit) = match ty {
        Some(ty) => {
            let (name, unit, _) = crate::catalogue::scalar(prog, ty);
            (name, unit)
        }
        None => ("list", None),
    };
    Some(Check {
        path,
        label,
        ty,
        unit,
        tests: Vec::new(),
        derived: false,
        parts: Vec::new(),
        fields: Vec::new(),
    })
}

/// Adds a test to a check, once; tests that an enum is one of some values merge into one
/// (`labels`: the enum's variants, to word it).
pub(super) fn merge(check: &mut Check, test: Test, labels: Option<&[(String, String)]>) {
    let member = |t: &Test| t.measure.is_none() && matches!(t.op, "in" | "==");
    if let (Some(labels), true) = (labels, member(&test)) {
        if let Some(old) = check.tests.iter_mut().find(|t| member(t)) {
            for name in test.against {
                if !old.against.contains(&name) {
                    old.against.push(name);
                }
            }
            let shown: Vec<&str> = old
                .against
                .iter()
                .filter_map(|n| labels.iter().find(|(name, _)| name == n))
                .map(|(_, label)| label.as_str())
                .collect();
            old.op = if old.against.len() > 1 { "in" } else { "==" };
            old.text = words::one_of(&shown, false);
            return;
        }
    }
    if !check.tests.contains(&test) {
        check.tests.push(test);
    }
}

pub(super) fn ty(prog: &Program, target: Target) -> Option<ScalarType> {
    match target {
        Target::Fact(f) => match &prog.facts.get(f)?.kind {
            FactKind::Scalar(ty) => Some(*ty),
            FactKind::List(_) => None,
        },
        Target::Field(list, field) => Some(prog.facts.field(list, field)?.ty),
    }
}

/// The record path of a target: `a.b`, or `list[].field`.
pub(super) fn path(prog: &Program, target: Target) -> Option<String> {
    Some(match target {
        Target::Fact(f) => prog.facts.get(f)?.path.clone(),
        Target::Field(list, field) => format!(
            "{}[].{}",
            prog.facts.get(list)?.path,
            prog.facts.field(list, field)?.name
        ),
    })
}

/// A true/false fact's test: 是 or 否 (`want`), or 是/否 when either way counts.
pub(super) fn is(want: Option<bool>) -> Test {
    match want {
        Some(value) => Test {
            op: "==",
            against: vec![value.to_string()],
            measure: None,
            text: words::yes_no(value).to_owned(),
        },
        None => Test {
            op: "==",
            against: Vec::new(),
            measure: None,
            text: "是/否".to_owned(),
        },
    }
}

/// Whether the record gives a fact at all (`want`; a list: lists its elements, if none).
pub(super) fn known(want: Option<bool>, list: bool) -> Test {
    let (op, text) = match (want, list) {
        (Some(true), false) => ("known", "已记录"),
        (Some(false), false) => ("not known", "未记录"),
        (None, false) => ("known", "是否记录"),
        (Some(true), true) => ("known", "已列出"),
        (Some(false), true) => ("not known", "未列出"),
        (None, true) => ("known", "是否列出"),
    };
    Test {
        op,
        against: Vec::new(),
        measure: None,
        text: text.to_owned(),
    }
}

/// A fact compared (`op`) with a value, shown as `shown`.
pub(super) fn compared(op: CmpOp, against: String, shown: &str) -> Test {
    Test {
        op: op.symbol(),
        against: vec![against],
        measure: None,
        text: format!("{} {shown}", words::symbol(op)),
    }
}

/// Membership in a set of values (by name; `labels` to print them).
pub(super) fn one_of(names: Vec<String>, labels: &[String], negated: bool) -> Test {
    Test {
        op: if negated { "not in" } else { "in" },
        against: names,
        measure: None,
        text: words::one_of(labels, negated),
    }
}

/// A fact that is part of a computed side: the whole comparison is its test.
pub(super) fn expression(text: String) -> Test {
    Test {
        op: "expr",
        against: Vec::new(),
        measure: None,
        text,
    }
}

/// A count's or an aggregate's test (`measure`: `count`, `sum`, `min` or `max`).
pub(super) fn measured(op: CmpOp, measure: &'static str, against: String, text: String) -> Test {
    Test {
        op: op.symbol(),
        against: vec![against],
        measure: Some(measure),
        text,
    }
}
