//! The untraced fast path: conditions decided without a trace, which is how every clause of
//! every record is first judged. It reads the decision table (`compile::ops`), so the
//! common shapes take one dispatch; leaves (constants, facts, list fields) are read by
//! reference; only computed operands (arithmetic, dates, counts, aggregates) build a value.

use super::{Eval, compare};
use crate::compile::{FactId, Leaf, Node, NodeId, Op};
use crate::eval::Slot;
use crate::eval::kleene;
use crate::value::Value;

/// What an operand node reads, when it can be read without evaluating anything.
pub(super) enum Read<'a> {
    Known(&'a Value),
    Unknown,
    /// Not a leaf: evaluate it.
    Computed,
}

impl<'a> Eval<'a> {
    /// A condition's value, without a trace: one dispatch on the decision table, and the
    /// node itself only for the shapes the table does not fuse.
    pub(super) fn decide(&mut self, id: NodeId) -> Option<bool> {
        let prog = self.prog;
        let Some(&op) = prog.ops.get(id as usize) else {
            return self.decide_node(id);
        };
        match op {
            Op::And(l, r) => {
                let lv = self.decide(l);
                if lv == Some(false) {
                    return lv;
                }
                kleene::and(lv, self.decide(r))
            }
            Op::Or(l, r) => {
                let lv = self.decide(l);
                if lv == Some(true) {
                    return lv;
                }
                kleene::or(lv, self.decide(r))
            }
            Op::Not(inner) => self.decide(inner).map(|b| !b),
            Op::Is { leaf, want } => self.leaf(leaf)?.as_bool().map(|b| b == want),
            Op::Variant {
                leaf,
                mask,
                negated,
            } => match self.leaf(leaf)? {
                Value::Enum(i) => Some(in_mask(*i, u128::from(mask)) != negated),
                _ => None,
            },
            Op::Compare { leaf, op, konst } => match prog.node(konst)? {
                Node::Const(k) => compare(op, self.leaf(leaf)?, k),
                _ => None,
            },
            Op::KnownList(fact) => self.known_list(fact),
            Op::Derived {
                fact,
                field,
                derivation,
            } => self.decide_derived(fact, field, derivation),
            Op::Node => self.decide_node(id),
        }
    }

    /// A derived condition without a trace: its derivation decided in an environment of its
    /// own (the element at binder 0 for a field), else the value the record states. Out of
    /// line, so that the dispatcher's frame stays small.
    #[inline(never)]
    fn decide_derived(
        &mut self,
        fact: FactId,
        field: Option<(u16, u16)>,
        derivation: u32,
    ) -> Option<bool> {
        let prog = self.prog;
        let expr = prog.derivations.get(derivation as usize)?.expr;
        let (element, stated) = match field {
            None => match self.rec.slot(fact) {
                Slot::Scalar(v) => (None, Some(v)),
                _ => (None, None),
            },
            Some((binder, field)) => {
                let element = *self.env.get(usize::from(binder))?;
                (Some(element), element.get(field))
            }
        };
        let mut env = std::mem::take(&mut self.spare);
        env.clear();
        env.extend(element);
        let outer = std::mem::replace(&mut self.env, env);
        let computed = self.decide(expr);
        self.spare = std::mem::replace(&mut self.env, outer);
        computed.or_else(|| stated.and_then(Value::as_bool))
    }

    /// A leaf's value, `None` when the record does not give it.
    #[inline(always)]
    fn leaf(&self, leaf: Leaf) -> Option<&'a Value> {
        match leaf {
            Leaf::Fact(f) => match self.rec.slot(f) {
                Slot::Scalar(v) => Some(v),
                _ => None,
            },
            Leaf::Field { binder, field } => self.env.get(usize::from(binder))?.get(field),
        }
    }

    /// The shapes the decision table leaves to the node.
    fn decide_node(&mut self, id: NodeId) -> Option<bool> {
        let prog = self.prog;
        match prog.node(id)? {
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
            Node::Quant { kind, list, body } => self.quantifier_untraced(*kind, list, *body),
            _ => self.truth_general(id),
        }
    }

    /// Reads a leaf operand by reference.
    #[inline(always)]
    pub(super) fn read(&self, id: NodeId) -> Read<'a> {
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
