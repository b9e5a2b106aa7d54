//! The decision table: every node once more, in a compact form (16 bytes) that the
//! untraced fast path reads instead of the node. The commonest condition shapes become one
//! entry each, decided by one dispatch: a boolean fact or list field, or its negation; an
//! enum fact or field tested against a set of variants (`in`, `not in`, and `==`, `!=` with
//! one variant); a fact or field compared with a constant.

use super::facts::FactId;
use super::ir::{Node, NodeId, Program};
use crate::ast::CmpOp;
use crate::value::Value;

/// A value read straight from the record.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Leaf {
    Fact(FactId),
    /// A field of the list element bound at `binder`.
    Field {
        binder: u16,
        field: u16,
    },
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Op {
    And(NodeId, NodeId),
    Or(NodeId, NodeId),
    Not(NodeId),
    /// A boolean leaf equals `want`.
    Is {
        leaf: Leaf,
        want: bool,
    },
    /// An enum leaf's variant is in `mask` (bit `i` for variant `i`), or is not when
    /// `negated`.
    Variant {
        leaf: Leaf,
        mask: u32,
        negated: bool,
    },
    /// A leaf compared with the constant of node `konst`.
    Compare {
        leaf: Leaf,
        op: CmpOp,
        konst: NodeId,
    },
    /// Whether the record gives a list fact (`known(list)`).
    KnownList(FactId),
    /// A derived condition: its derivation decided in an environment of its own, or the
    /// value the record states (`binder` is the element of a derived field).
    Derived {
        fact: FactId,
        field: Option<(u16, u16)>,
        derivation: u32,
    },
    /// Any other shape: decided from the node itself.
    Node,
}

const _: () = assert!(std::mem::size_of::<Op>() <= 16);

/// Builds the table for every node of `prog`.
pub(crate) fn table(prog: &Program) -> Vec<Op> {
    prog.nodes.iter().map(|node| op(prog, node)).collect()
}

/// The leaf a node reads, when it is a fact or a list field.
fn leaf_of(node: &Node) -> Option<Leaf> {
    match node {
        Node::Fact(f) => Some(Leaf::Fact(*f)),
        Node::Field { binder, field } => Some(Leaf::Field {
            binder: *binder,
            field: *field,
        }),
        _ => None,
    }
}

fn op(prog: &Program, node: &Node) -> Op {
    let leaf = |id: NodeId| prog.node(id).and_then(leaf_of);
    match node {
        Node::And(l, r) => Op::And(*l, *r),
        Node::Or(l, r) => Op::Or(*l, *r),
        Node::Fact(_) | Node::Field { .. } => {
            leaf_of(node).map_or(Op::Node, |leaf| Op::Is { leaf, want: true })
        }
        Node::Not(inner) => match leaf(*inner) {
            Some(leaf) => Op::Is { leaf, want: false },
            None => Op::Not(*inner),
        },
        Node::InEnum {
            value,
            mask,
            negated,
            ..
        } => match (leaf(*value), u32::try_from(*mask)) {
            (Some(leaf), Ok(mask)) => Op::Variant {
                leaf,
                mask,
                negated: *negated,
            },
            _ => Op::Node,
        },
        Node::KnownList(fact) => Op::KnownList(*fact),
        Node::Derived { fact, derivation } => Op::Derived {
            fact: *fact,
            field: None,
            derivation: *derivation,
        },
        Node::DerivedField {
            binder,
            field,
            derivation,
        } => Op::Derived {
            fact: 0,
            field: Some((*binder, *field)),
            derivation: *derivation,
        },
        Node::Cmp { op, lhs, rhs, .. } => match (leaf(*lhs), prog.node(*rhs)) {
            (Some(leaf), Some(Node::Const(Value::Enum(i))))
                if *i < 32 && matches!(op, CmpOp::Eq | CmpOp::Ne) =>
            {
                Op::Variant {
                    leaf,
                    mask: 1 << i,
                    negated: *op == CmpOp::Ne,
                }
            }
            (Some(leaf), Some(Node::Const(_))) => Op::Compare {
                leaf,
                op: *op,
                konst: *rhs,
            },
            _ => Op::Node,
        },
        _ => Op::Node,
    }
}
