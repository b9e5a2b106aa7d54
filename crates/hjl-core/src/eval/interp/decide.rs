//! The untraced fast path: conditions decided without a trace, which is how every clause of
//! every record is first judged. Leaves (constants, facts, list fields) are read by
//! reference; only computed operands (arithmetic, dates, counts, aggregates) build a value.

use super::{Eval, compare};
use crate::compile::{Node, NodeId};
use crate::eval::Slot;
use crate::eval::kleene;
use crate::value::Value;

/// What an operand node reads, when it can be read without evaluating anything.
enum Read<'a> {
    Known(&'a Value),
    Unknown,
    /// Not a leaf: evaluate it.
    Computed,
}

impl<'a> Eval<'a> {
    /// A condition's value, without a trace.
    pub(super) fn decide(&mut self, id: NodeId) -> Option<bool> {
        let prog = self.prog;
        match prog.node(id)? {
            Node::And(l, r) => {
                let lv = self.decide(*l);
                if lv == Some(false) {
                    return lv;
                }
                kleene::and(lv, self.decide(*r))
            }
            Node::Or(l, r) => {
                let lv = self.decide(*l);
                if lv == Some(true) {
                    return lv;
                }
                kleene::or(lv, self.decide(*r))
            }
            Node::Not(inner) => self.decide(*inner).map(|b| !b),
            Node::Cmp { op, lhs, rhs, .. } => match (self.read(*lhs), self.read(*rhs)) {
                (Read::Known(a), Read::Known(b)) => compare(*op, a, b),
                (Read::Unknown, _) | (_, Read::Unknown) => None,
                _ => {
                    let a = self.operand(*lhs)?;
                    let b = self.operand(*rhs)?;
                    compare(*op, &a, &b)
                }
            },
            Node::InEnum {
                value,
                mask,
                negated,
                ..
            } => match self.read(*value) {
                Read::Known(Value::Enum(i)) => Some(in_mask(*i, *mask) != *negated),
                Read::Known(_) | Read::Unknown => None,
                Read::Computed => match self.eval(*value)? {
                    Value::Enum(i) => Some(in_mask(i, *mask) != *negated),
                    _ => None,
                },
            },
            Node::Fact(_) | Node::Field { .. } => match self.read(id) {
                Read::Known(v) => v.as_bool(),
                _ => None,
            },
            Node::Quant { kind, list, body } => self.quantifier_untraced(*kind, list, *body),
            _ => self.truth_general(id),
        }
    }

    /// Reads a leaf operand by reference.
    #[inline(always)]
    fn read(&self, id: NodeId) -> Read<'a> {
        let known = |v: Option<&'a Value>| v.map_or(Read::Unknown, Read::Known);
        match self.prog.node(id) {
            Some(Node::Const(v)) => Read::Known(v),
            Some(Node::Fact(f)) => match self.rec.slot(*f) {
                Slot::Scalar(v) => Read::Known(v),
                _ => Read::Unknown,
            },
            Some(Node::Field { binder, field }) => known(
                self.env
                    .get(usize::from(*binder))
                    .and_then(|e| e.get(*field)),
            ),
            _ => Read::Computed,
        }
    }
}

/// Whether enum variant `i` is in `mask` (bit `i` set).
pub(super) fn in_mask(i: u32, mask: u128) -> bool {
    i < 128 && mask & (1u128 << i) != 0
}
