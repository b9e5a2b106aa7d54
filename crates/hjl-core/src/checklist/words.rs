//! How a checklist words what it prints: a value, a comparison and its operator turned
//! round, membership in a set of values, a constant as the rule file writes it, and the
//! other side of a comparison spelt out.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::ast::CmpOp;
use crate::compile::{AggOp, ArithOp, FactId, FactKind, Node, NodeId, Program, ScalarType};
use crate::eval::{Bound, Slot};
use crate::units::Unit;
use crate::value::Value;

/// A value as a checklist prints it: 是 or 否, an enum's label, a quantity in the fact's
/// declared unit, text in corner brackets.
pub(super) fn value(prog: &Program, ty: ScalarType, v: &Value) -> String {
    match (ty, v) {
        (_, Value::Bool(b)) => yes_no(*b).to_owned(),
        (ScalarType::Enum(e), Value::Enum(i)) => prog
            .facts
            .enum_def(e)
            .and_then(|d| d.variants.get(*i as usize))
            .map_or_else(|| i.to_string(), |(_, label)| label.clone()),
        (_, Value::Text(t)) => format!("「{t}」"),
        _ => crate::eval::display(ty, v, prog).to_string(),
    }
}

/// 是 or 否.
pub(super) fn yes_no(b: bool) -> &'static str {
    if b { "是" } else { "否" }
}

/// A comparison operator as printed: `≥`, `≤`, `≠`, `=`, `>`, `<`.
pub(super) fn symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "=",
        CmpOp::Ne => "≠",
        CmpOp::Lt => "<",
        CmpOp::Le => "≤",
        CmpOp::Gt => ">",
        CmpOp::Ge => "≥",
    }
}

/// Membership in a set of values: `为 冶金`, `为 冶金、有色 之一`, `不为 冶金`.
pub(super) fn one_of<S: AsRef<str>>(values: &[S], negated: bool) -> String {
    let word = if negated { "不为" } else { "为" };
    let joined = values
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join("、");
    if values.len() > 1 {
        format!("{word} {joined} 之一")
    } else {
        format!("{word} {joined}")
    }
}

/// A quantity constant as the rule file writes it (`0.1 MPa`), followed by its value in the
/// fact's declared unit when that reads differently (`0.1 MPa（100 kPa）`), so that the
/// threshold shows in the unit the inspector measures in.
fn quantity(written: &str, base: Decimal, unit: &Unit) -> String {
    let declared = unit.from_base(base).unwrap_or(base).normalize();
    let number: String = written
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
        .collect();
    // The same number in another unit is the same unit (`m2` for `m²`), but at zero.
    if Decimal::from_str(&number).is_ok_and(|n| n.normalize() == declared) {
        written.to_owned()
    } else {
        format!("{written}（{declared} {}）", unit.symbol)
    }
}

/// A quantity constant in the fact's declared unit (for a constant the rule file writes
/// before the fact, whose text the compiled rules do not keep).
fn declared(base: Decimal, unit: &Unit) -> String {
    let shown = unit.from_base(base).unwrap_or(base).normalize();
    format!("{shown} {}", unit.symbol)
}

/// The comparison that holds exactly when `op` does not.
pub(super) fn negated(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Eq => CmpOp::Ne,
        CmpOp::Ne => CmpOp::Eq,
        CmpOp::Lt => CmpOp::Ge,
        CmpOp::Le => CmpOp::Gt,
        CmpOp::Gt => CmpOp::Le,
        CmpOp::Ge => CmpOp::Lt,
    }
}

/// The same comparison with its sides swapped.
pub(super) fn flipped(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        CmpOp::Eq | CmpOp::Ne => op,
    }
}

/// An aggregate as printed.
pub(super) fn aggregate(op: AggOp) -> &'static str {
    match op {
        AggOp::Sum => "之和",
        AggOp::Min => "最小值",
        AggOp::Max => "最大值",
    }
}

/// An aggregate as JSON names it.
pub(super) fn aggregate_word(op: AggOp) -> &'static str {
    match op {
        AggOp::Sum => "sum",
        AggOp::Min => "min",
        AggOp::Max => "max",
    }
}

/// A constant as (value for JSON, text as printed): as the rule file writes it when
/// `written` is known, a quantity in the compared fact's declared unit (`ty`), an enum
/// value's name and label.
pub(super) fn constant(
    prog: &Program,
    v: &Value,
    ty: Option<ScalarType>,
    written: Option<&str>,
) -> (String, String) {
    let plain = |shown: String| {
        let text = written.map_or(shown, str::to_owned);
        (text.clone(), text)
    };
    match (v, ty) {
        (Value::Qty(base), Some(ScalarType::Quantity(unit))) => match written {
            Some(w) => (w.to_owned(), quantity(w, *base, unit)),
            None => (declared(*base, unit), declared(*base, unit)),
        },
        (Value::Num(n) | Value::Qty(n), _) => plain(n.normalize().to_string()),
        (Value::Bool(b), _) => (b.to_string(), yes_no(*b).to_owned()),
        (Value::Enum(i), Some(ScalarType::Enum(e))) => {
            let def = prog.facts.enum_def(e);
            let name = def.map_or_else(|| i.to_string(), |d| d.name(*i).to_owned());
            (name, value(prog, ScalarType::Enum(e), v))
        }
        (Value::Text(t), _) => (t.to_string(), format!("「{t}」")),
        (Value::Date(d), _) => plain(crate::value::date_text(*d)),
        (Value::Enum(i), _) => plain(i.to_string()),
    }
}

/// A value node in words: facts by their labels (with the value the record gives, if it
/// does), fields by theirs (`binders`: the list each binder ranges over), constants as
/// printed (`ty`: the type of the fact compared), arithmetic and date shifts spelt out.
pub(super) fn spelt(
    prog: &Program,
    bound: &Bound,
    binders: &[FactId],
    id: NodeId,
    ty: Option<ScalarType>,
) -> String {
    let Some(node) = prog.node(id) else {
        return String::new();
    };
    let words = |n: NodeId| spelt(prog, bound, binders, n, ty);
    let inner = |n: NodeId| match prog.node(n) {
        Some(Node::Arith(..)) => format!("（{}）", words(n)),
        _ => words(n),
    };
    let field = |list: FactId, field: u16| {
        prog.facts
            .field(list, field)
            .map_or_else(String::new, |f| f.label.clone())
    };
    match node {
        Node::Const(v) => constant(prog, v, ty, None).1,
        Node::Fact(f) | Node::Derived { fact: f, .. } => {
            let Some(fact) = prog.facts.get(*f) else {
                return String::new();
            };
            match (&fact.kind, bound.slot(*f)) {
                (FactKind::Scalar(t), Slot::Scalar(v)) => {
                    format!("{}（{}）", fact.label, value(prog, *t, v))
                }
                _ => fact.label.clone(),
            }
        }
        Node::Field { binder, field: f }
        | Node::DerivedField {
            binder, field: f, ..
        } => binders
            .get(usize::from(*binder))
            .map_or_else(String::new, |list| field(*list, *f)),
        Node::Neg(a) => format!("-{}", inner(*a)),
        Node::Arith(op, a, b) => {
            let sign = match op {
                ArithOp::Add => "+",
                ArithOp::Sub => "-",
                ArithOp::Mul => "×",
                ArithOp::Div => "÷",
            };
            format!("{} {sign} {}", inner(*a), inner(*b))
        }
        Node::DateShift { date, months, days } => {
            let mut out = words(*date);
            let mut shift = |n: i64, unit: &str| {
                if n != 0 {
                    let sign = if n < 0 { "-" } else { "+" };
                    out.push_str(&format!(" {sign} {} {unit}", n.unsigned_abs()));
                }
            };
            if months % 12 == 0 {
                shift(i64::from(months / 12), "年");
            } else {
                shift(i64::from(*months), "个月");
            }
            shift(*days, "天");
            out
        }
        Node::DateDiff(a, b) => format!("{} 与 {} 相隔的天数", inner(*a), inner(*b)),
        Node::Count(src) => {
            let list = prog.facts.get(src.fact).map_or("", |f| f.label.as_str());
            format!("{list}数量")
        }
        Node::Agg { op, list, field: f } => format!("{}{}", field(list.fact, *f), aggregate(*op)),
        _ => "（条件）".to_owned(),
    }
}
