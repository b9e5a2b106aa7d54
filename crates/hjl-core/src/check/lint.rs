//! Lints: rules that check but cannot be what their author meant. A threshold written on a
//! suspicious scale of its fact's unit (W0102), a condition that can never hold, or holds
//! whenever its facts are known (W0103), two clauses with the same conditions (W0104).
//! They run when a file is checked whole (`hjl check`, `hjl test`), never when rules are
//! compiled for judging.

use std::collections::HashMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::ast::CmpOp;
use crate::compile::{FactId, Node, NodeId, Program};
use crate::units::Unit;
use crate::value::Value;

/// Whether a threshold written in `written` is a thousandfold (or more) larger or smaller
/// than its fact's `declared` unit: `30 mm` against metres, `0.4 kPa` against MPa.
pub(super) fn off_scale(written: &Unit, declared: &Unit) -> bool {
    let (Some(w), Some(d)) = (scale(written), scale(declared)) else {
        return false;
    };
    if d.is_zero() || w.is_zero() {
        return false;
    }
    let thousand = Decimal::ONE_THOUSAND;
    w >= d * thousand || d >= w * thousand
}

fn scale(unit: &Unit) -> Option<Decimal> {
    unit.to_base(Decimal::ONE)?
        .checked_sub(unit.to_base(Decimal::ZERO)?)
}

/// What a condition is, read against the declared bounds of its facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Vacuous {
    /// No record can make it true.
    Never,
    /// True on every record that gives its facts.
    Always,
}

/// What a comparison constrains: a fact, or a field of the list element bound at a binder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Subject {
    Fact(FactId),
    Field(u16, u16),
}

/// The values a conjunction leaves a subject.
#[derive(Debug, Clone, Default)]
struct Range {
    low: Option<(Decimal, bool)>,
    high: Option<(Decimal, bool)>,
    equal: Option<Decimal>,
    unequal: Vec<Decimal>,
    /// Enum variants still possible (bit per variant).
    variants: Option<u128>,
    /// A true/false fact required true or false.
    truth: Option<bool>,
    contradicted: bool,
}

impl Range {
    fn compare(&mut self, op: CmpOp, value: Decimal) {
        match op {
            CmpOp::Eq => {
                if self.equal.is_some_and(|e| e != value) {
                    self.contradicted = true;
                }
                self.equal = Some(value);
            }
            CmpOp::Ne => self.unequal.push(value),
            CmpOp::Gt | CmpOp::Ge => {
                let bound = (value, op == CmpOp::Ge);
                if self.low.is_none_or(|low| tighter_low(bound, low)) {
                    self.low = Some(bound);
                }
            }
            CmpOp::Lt | CmpOp::Le => {
                let bound = (value, op == CmpOp::Le);
                if self.high.is_none_or(|high| tighter_high(bound, high)) {
                    self.high = Some(bound);
                }
            }
        }
    }

    fn restrict(&mut self, mask: u128) {
        let left = self.variants.unwrap_or(u128::MAX) & mask;
        self.variants = Some(left);
    }

    fn require(&mut self, truth: bool) {
        if self.truth.is_some_and(|t| t != truth) {
            self.contradicted = true;
        }
        self.truth = Some(truth);
    }

    fn empty(&self) -> bool {
        if self.contradicted || self.variants == Some(0) {
            return true;
        }
        let admits = |v: Decimal| {
            self.low.is_none_or(|(l, inc)| v > l || inc && v == l)
                && self.high.is_none_or(|(h, inc)| v < h || inc && v == h)
                && !self.unequal.contains(&v)
        };
        if let Some(e) = self.equal {
            return !admits(e);
        }
        match (self.low, self.high) {
            (Some((l, li)), Some((h, hi))) => l > h || l == h && !(li && hi && admits(l)),
            _ => false,
        }
    }
}

fn tighter_low((v, inc): (Decimal, bool), (l, linc): (Decimal, bool)) -> bool {
    v > l || v == l && !inc && linc
}

fn tighter_high((v, inc): (Decimal, bool), (h, hinc): (Decimal, bool)) -> bool {
    v < h || v == h && !inc && hinc
}

/// A constant as an ordered number: a number or quantity (in its base unit), or a date as
/// its day count.
fn ordered(value: &Value) -> Option<Decimal> {
    match value {
        Value::Num(n) | Value::Qty(n) => Some(*n),
        Value::Date(d) => Some(Decimal::from(chrono::Datelike::num_days_from_ce(d))),
        _ => None,
    }
}

fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

/// Reads conditions against the program's facts.
pub(super) struct Reader<'p> {
    prog: &'p Program,
}

impl<'p> Reader<'p> {
    pub(super) fn new(prog: &'p Program) -> Self {
        Self { prog }
    }

    fn subject(&self, id: NodeId) -> Option<Subject> {
        match self.prog.node(id)? {
            Node::Fact(f) | Node::Derived { fact: f, .. } => Some(Subject::Fact(*f)),
            Node::Field { binder, field } | Node::DerivedField { binder, field, .. } => {
                Some(Subject::Field(*binder, *field))
            }
            _ => None,
        }
    }

    fn constant(&self, id: NodeId) -> Option<&'p Value> {
        match self.prog.node(id)? {
            Node::Const(v) => Some(v),
            _ => None,
        }
    }

    /// A comparison of a subject with a constant, the subject on the left.
    fn comparison(&self, id: NodeId) -> Option<(Subject, CmpOp, Decimal)> {
        let Some(Node::Cmp { op, lhs, rhs, .. }) = self.prog.node(id) else {
            return None;
        };
        if let (Some(s), Some(v)) = (self.subject(*lhs), self.constant(*rhs)) {
            return Some((s, *op, ordered(v)?));
        }
        let (s, v) = (self.subject(*rhs)?, self.constant(*lhs)?);
        Some((s, flip(*op), ordered(v)?))
    }

    /// The range a fact's declared bounds leave it.
    fn declared(&self, subject: Subject) -> Range {
        let mut range = Range::default();
        if let Subject::Fact(f) = subject {
            for (op, limit) in self.prog.facts.get(f).map_or(&[][..], |f| &f.bounds.0) {
                range.compare(*op, *limit);
            }
        }
        range
    }

    /// The first part of the condition at `root` that can never hold, or that holds
    /// whenever its facts are known.
    pub(super) fn vacuous(&self, root: NodeId) -> Option<Vacuous> {
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            match self.prog.node(id)? {
                Node::And(..) => {
                    let mut leaves = Vec::new();
                    self.conjuncts(id, &mut leaves);
                    if self.contradictory(&leaves) {
                        return Some(Vacuous::Never);
                    }
                    stack.extend(leaves);
                }
                Node::Or(a, b) => stack.extend([*a, *b]),
                Node::Not(a) | Node::Known(a) => stack.push(*a),
                Node::Quant { body, .. } => stack.push(*body),
                Node::Cmp { .. } => {
                    if let Some((subject, op, value)) = self.comparison(id) {
                        let bounds = self.declared(subject);
                        let mut with = bounds.clone();
                        with.compare(op, value);
                        if with.empty() {
                            return Some(Vacuous::Never);
                        }
                        if self.implied(&bounds, op, value) {
                            return Some(Vacuous::Always);
                        }
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// Whether every value the declared bounds admit passes `op value`.
    fn implied(&self, bounds: &Range, op: CmpOp, value: Decimal) -> bool {
        let mut negated = bounds.clone();
        let opposite = match op {
            CmpOp::Lt => CmpOp::Ge,
            CmpOp::Le => CmpOp::Gt,
            CmpOp::Gt => CmpOp::Le,
            CmpOp::Ge => CmpOp::Lt,
            CmpOp::Eq | CmpOp::Ne => return false,
        };
        negated.compare(opposite, value);
        (bounds.low.is_some() || bounds.high.is_some()) && negated.empty()
    }

    fn conjuncts(&self, id: NodeId, out: &mut Vec<NodeId>) {
        match self.prog.node(id) {
            Some(Node::And(a, b)) => {
                self.conjuncts(*a, out);
                self.conjuncts(*b, out);
            }
            _ => out.push(id),
        }
    }

    /// Whether conditions that must all hold ask the impossible of one subject.
    fn contradictory(&self, leaves: &[NodeId]) -> bool {
        let mut ranges: HashMap<Subject, Range> = HashMap::new();
        for &leaf in leaves {
            if let Some((subject, op, value)) = self.comparison(leaf) {
                ranges
                    .entry(subject)
                    .or_insert_with(|| self.declared(subject))
                    .compare(op, value);
                continue;
            }
            match self.prog.node(leaf) {
                Some(Node::InEnum {
                    value,
                    mask,
                    negated,
                    ..
                }) => {
                    if let Some(s) = self.subject(*value) {
                        ranges
                            .entry(s)
                            .or_insert_with(|| self.declared(s))
                            .restrict(if *negated { !*mask } else { *mask });
                    }
                }
                Some(Node::Cmp { op, lhs, rhs, .. }) => {
                    let enum_test = self.subject(*lhs).zip(self.constant(*rhs));
                    if let Some((s, Value::Enum(v))) = enum_test {
                        let bit = 1u128.checked_shl(*v).unwrap_or(0);
                        match op {
                            CmpOp::Eq => ranges
                                .entry(s)
                                .or_insert_with(|| self.declared(s))
                                .restrict(bit),
                            CmpOp::Ne => ranges
                                .entry(s)
                                .or_insert_with(|| self.declared(s))
                                .restrict(!bit),
                            _ => {}
                        }
                    }
                }
                Some(Node::Not(inner)) => {
                    if let Some(s) = self.subject(*inner) {
                        ranges
                            .entry(s)
                            .or_insert_with(|| self.declared(s))
                            .require(false);
                    }
                }
                Some(Node::Fact(_) | Node::Derived { .. } | Node::Field { .. }) => {
                    if let Some(s) = self.subject(leaf) {
                        ranges
                            .entry(s)
                            .or_insert_with(|| self.declared(s))
                            .require(true);
                    }
                }
                _ => {}
            }
        }
        ranges.values().any(Range::empty)
    }

    /// The condition at `id` written out structurally (no node ids), so that two
    /// conditions can be compared.
    pub(super) fn shape(&self, id: NodeId, out: &mut String) {
        let Some(node) = self.prog.node(id) else {
            return;
        };
        let mut children: Vec<NodeId> = Vec::new();
        let head = match node {
            Node::Const(v) => format!("{v:?}"),
            Node::Fact(f) => format!("fact{f}"),
            Node::Field { binder, field } => format!("field{binder}.{field}"),
            Node::Not(a) | Node::Neg(a) | Node::Known(a) => {
                children.push(*a);
                format!("{:?}", std::mem::discriminant(node))
            }
            Node::And(..) | Node::Or(..) => {
                // Either order of the operands says the same.
                let mut parts = Vec::new();
                self.operands(node, id, &mut parts);
                let mut shapes: Vec<String> = parts
                    .into_iter()
                    .map(|part| {
                        let mut s = String::new();
                        self.shape(part, &mut s);
                        s
                    })
                    .collect();
                shapes.sort();
                let _ = write!(
                    out,
                    "{:?}({})",
                    std::mem::discriminant(node),
                    shapes.join(",")
                );
                return;
            }
            Node::Arith(_, a, b) | Node::DateDiff(a, b) => {
                children.extend([*a, *b]);
                match node {
                    Node::Arith(op, ..) => format!("{op:?}"),
                    _ => format!("{:?}", std::mem::discriminant(node)),
                }
            }
            Node::Cmp { op, lhs, rhs, .. } => {
                children.extend([*lhs, *rhs]);
                format!("{op:?}")
            }
            Node::In {
                value,
                set,
                negated,
                ..
            } => {
                children.push(*value);
                children.extend(set);
                format!("in{negated}")
            }
            Node::InEnum {
                value,
                mask,
                negated,
                ..
            } => {
                children.push(*value);
                format!("inenum{mask}{negated}")
            }
            Node::DateShift { date, months, days } => {
                children.push(*date);
                format!("shift{months}.{days}")
            }
            Node::Quant { kind, list, body } => {
                children.extend(&list.filters);
                children.push(*body);
                format!("{kind:?}{}.{}", list.fact, list.binder)
            }
            Node::Count(list) => {
                children.extend(&list.filters);
                format!("count{}.{}", list.fact, list.binder)
            }
            Node::Agg { op, list, field } => {
                children.extend(&list.filters);
                format!("{op:?}{}.{}.{field}", list.fact, list.binder)
            }
            Node::AtLeast { n, items } => {
                children.extend(items);
                format!("atleast{n}")
            }
            Node::KnownList(f) => format!("knownlist{f}"),
            Node::Derived { fact, .. } => format!("derived{fact}"),
            Node::DerivedField { binder, field, .. } => format!("dfield{binder}.{field}"),
        };
        out.push_str(&head);
        out.push('(');
        for child in children {
            self.shape(child, out);
            out.push(',');
        }
        out.push(')');
    }

    /// The operands of a chain of `and`s (or of `or`s) like `node`, the one at `id`.
    fn operands(&self, node: &Node, id: NodeId, out: &mut Vec<NodeId>) {
        match self.prog.node(id) {
            Some(n @ (Node::And(a, b) | Node::Or(a, b)))
                if std::mem::discriminant(n) == std::mem::discriminant(node) =>
            {
                self.operands(node, *a, out);
                self.operands(node, *b, out);
            }
            _ => out.push(id),
        }
    }

    /// A clause's conditions in one comparable text: its sections' guards, its own
    /// `applies when` lines and its `major` lines.
    pub(super) fn clause_shape(
        &self,
        guards: impl IntoIterator<Item = NodeId>,
        applies: &[NodeId],
        majors: &[NodeId],
    ) -> String {
        let mut out = String::new();
        for (part, ids) in [
            ("guards", guards.into_iter().collect::<Vec<_>>()),
            ("applies", applies.to_vec()),
            ("major", majors.to_vec()),
        ] {
            let _ = write!(out, "{part}:");
            let mut shapes: Vec<String> = ids
                .iter()
                .map(|&id| {
                    let mut s = String::new();
                    self.shape(id, &mut s);
                    s
                })
                .collect();
            shapes.sort();
            out.push_str(&shapes.join(";"));
            out.push('|');
        }
        out
    }
}
