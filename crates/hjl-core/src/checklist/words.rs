//! How a checklist words what it prints: a value, a comparison operator, membership in a
//! set of values, and a constant as the rule file writes it.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::ast::CmpOp;
use crate::compile::{Program, ScalarType};
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
pub(super) fn quantity(written: &str, base: Decimal, unit: &Unit) -> String {
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
pub(super) fn declared(base: Decimal, unit: &Unit) -> String {
    let shown = unit.from_base(base).unwrap_or(base).normalize();
    format!("{shown} {}", unit.symbol)
}
