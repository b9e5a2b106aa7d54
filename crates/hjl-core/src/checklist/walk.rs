//! The checks of a condition: every fact it reads that the given facts leave open, each
//! with the tests the condition puts it to, found by walking the compiled rules. A part the
//! partial record already decides (the engine's evaluator says so) asks for nothing; a
//! `not` turns the tests below it round, so that each test reads the way that makes the
//! condition hold.

use super::checks::{self, Sink, Target, place};
use super::words::{self, flipped, negated};
use super::{Check, Test};
use crate::ast::{CmpOp, QuantKind};
use crate::compile::{FactId, ListSrc, Node, NodeId, Program, ScalarType};
use crate::eval::{Bound, Eval};
use crate::value::Value;

/// Which way a condition is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sense {
    /// As written: its tests say what makes it hold.
    Holds,
    /// Under `not`: its tests are turned round.
    Fails,
    /// Either way (a condition counted, or compared for equality): its tests as written.
    Either,
}

impl Sense {
    fn not(self) -> Self {
        match self {
            Self::Holds => Self::Fails,
            Self::Fails => Self::Holds,
            Self::Either => Self::Either,
        }
    }

    /// The value a condition read this way wants: true, false, or either.
    fn wants(self) -> Option<bool> {
        match self {
            Self::Holds => Some(true),
            Self::Fails => Some(false),
            Self::Either => None,
        }
    }
}

/// A fact or field a condition reads directly, and its derivation when it is derived.
#[derive(Debug, Clone, Copy)]
struct Leaf {
    target: Target,
    derivation: Option<u32>,
}

impl Leaf {
    fn fact(fact: FactId) -> Self {
        Self {
            target: Target::Fact(fact),
            derivation: None,
        }
    }
}

/// Walks conditions over one partial record.
pub(super) struct Walk<'a> {
    prog: &'a Program,
    bound: &'a Bound,
    eval: Eval<'a>,
    /// The list each binder in scope ranges over.
    binders: Vec<FactId>,
}

impl<'a> Walk<'a> {
    pub(super) fn new(prog: &'a Program, bound: &'a Bound) -> Self {
        Self {
            prog,
            bound,
            eval: Eval::new(prog, bound).partial(),
            binders: Vec::new(),
        }
    }

    /// The checks of these conditions, each read as written: one per fact, its tests
    /// merged.
    pub(super) fn checks(&mut self, conditions: &[NodeId]) -> Vec<Check> {
        let mut checks = Vec::new();
        self.binders.clear();
        let mut sink = Sink {
            checks: &mut checks,
            home: None,
        };
        for condition in conditions {
            self.condition(*condition, Sense::Holds, &mut sink);
        }
        checks
    }

    fn condition(&mut self, id: NodeId, sense: Sense, sink: &mut Sink<'_>) {
        // Decided by the given facts: nothing left to observe. (Inside a quantifier, a part
        // that reads the element is undecided: no element is bound.)
        if self.eval.truth(id).is_some() {
            return;
        }
        let Some(node) = self.prog.node(id) else {
            return;
        };
        match node {
            Node::And(a, b) | Node::Or(a, b) => {
                self.condition(*a, sense, sink);
                self.condition(*b, sense, sink);
            }
            Node::Not(inner) => self.condition(*inner, sense.not(), sink),
            Node::AtLeast { items, .. } => {
                for item in items {
                    self.condition(*item, sense, sink);
                }
            }
            Node::Cmp { op, lhs, rhs, test } => {
                // The constant on the right as written: the test's text after the operator.
                let written = test.strip_prefix(op.symbol()).map(str::trim);
                self.compare(*op, (*lhs, *rhs), written, sense, sink);
            }
            Node::InEnum {
                value,
                mask,
                negated,
                ..
            } => {
                let variants = self.variants(*value, *mask);
                self.member(*value, variants, *negated, sense, sink);
            }
            Node::In {
                value,
                set,
                negated,
                ..
            } => {
                let ty = self.leaf(*value).and_then(|l| self.ty(l.target));
                let items = set
                    .iter()
                    .filter_map(|item| match self.prog.node(*item) {
                        Some(Node::Const(v)) => Some(words::constant(self.prog, v, ty, None)),
                        _ => None,
                    })
                    .collect();
                self.member(*value, items, *negated, sense, sink);
            }
            Node::Quant { kind, list, body } => self.quantifier(*kind, list, *body, sense, sink),
            Node::Known(inner) => {
                // Whether it is given, not what it is: a derived fact's parts are not asked.
                if let Some(leaf) = self.leaf(*inner) {
                    let leaf = Leaf {
                        derivation: None,
                        ..leaf
                    };
                    self.add(sink, leaf, checks::known(sense.wants(), false), sense);
                }
            }
            Node::KnownList(list) => {
                self.add(
                    sink,
                    Leaf::fact(*list),
                    checks::known(sense.wants(), true),
                    sense,
                );
            }
            _ => {
                if let Some(leaf) = self.leaf(id) {
                    self.add(sink, leaf, checks::is(sense.wants()), sense);
                }
            }
        }
    }

    /// A comparison: each side that is a fact is tested against the other; a count or an
    /// aggregate tests its list or field; a fact inside a computed side is shown the whole
    /// comparison.
    fn compare(
        &mut self,
        op: CmpOp,
        (lhs, rhs): (NodeId, NodeId),
        written: Option<&str>,
        sense: Sense,
        sink: &mut Sink<'_>,
    ) {
        let op = if sense == Sense::Fails {
            negated(op)
        } else {
            op
        };
        let (l, r) = (self.leaf(lhs), self.leaf(rhs));
        let ty = l.or(r).and_then(|leaf| self.ty(leaf.target));
        if let Some(l) = l {
            let test = self.against(op, rhs, ty, written);
            self.add(sink, l, test, Sense::Either);
        }
        if let Some(r) = r {
            let test = self.against(flipped(op), lhs, ty, None);
            self.add(sink, r, test, Sense::Either);
        }
        // Each computed side, with the comparison turned to read from it.
        for (side, other, oriented) in [(lhs, rhs, op), (rhs, lhs, flipped(op))] {
            if self.leaf(side).is_some() {
                continue;
            }
            match self.prog.node(side) {
                Some(Node::Const(_)) | None => {}
                Some(Node::Count(src)) => {
                    let other_words = self.words(other, None);
                    let text = format!("数量 {} {other_words}", words::symbol(oriented));
                    let test = checks::measured(oriented, "count", other_words, text);
                    let filters = match oriented {
                        CmpOp::Gt | CmpOp::Ge => Sense::Holds,
                        CmpOp::Lt | CmpOp::Le => Sense::Fails,
                        CmpOp::Eq | CmpOp::Ne => Sense::Either,
                    };
                    self.counted(src, test, filters, sink);
                }
                Some(Node::Agg {
                    op: agg,
                    list: src,
                    field,
                }) => {
                    let target = Target::Field(src.fact, *field);
                    let other_words = self.words(other, self.ty(target));
                    let text = format!(
                        "{} {} {other_words}",
                        words::aggregate(*agg),
                        words::symbol(oriented)
                    );
                    let measure = words::aggregate_word(*agg);
                    let test = checks::measured(oriented, measure, other_words, text);
                    self.aggregated(src, *field, test, sink);
                }
                Some(_) => {
                    let whole = format!(
                        "{} {} {}",
                        self.words(lhs, ty),
                        words::symbol(op),
                        self.words(rhs, ty)
                    );
                    self.operand(side, &checks::expression(whole), sink);
                }
            }
        }
    }

    /// The test of a fact compared (`op`) with `other`: a constant as written, another fact
    /// by its label, an expression in words.
    fn against(
        &self,
        op: CmpOp,
        other: NodeId,
        ty: Option<ScalarType>,
        written: Option<&str>,
    ) -> Test {
        let prog = self.prog;
        match prog.node(other) {
            Some(Node::Const(v @ Value::Enum(_))) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let (name, label) = words::constant(prog, v, ty, None);
                Test {
                    op: op.symbol(),
                    ..checks::one_of(vec![name], &[label], op == CmpOp::Ne)
                }
            }
            Some(Node::Const(Value::Bool(b))) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                checks::is(Some(*b == (op == CmpOp::Eq)))
            }
            Some(Node::Const(v)) => {
                let (value, shown) = words::constant(prog, v, ty, written);
                checks::compared(op, value, &shown)
            }
            _ => {
                let shown = self.words(other, ty);
                let value = match self.leaf(other) {
                    Some(leaf) => checks::path(prog, leaf.target).unwrap_or_default(),
                    None => shown.clone(),
                };
                checks::compared(op, value, &shown)
            }
        }
    }

    /// Membership of `value` in a set of (name, label) values.
    fn member(
        &mut self,
        value: NodeId,
        items: Vec<(String, String)>,
        negated: bool,
        sense: Sense,
        sink: &mut Sink<'_>,
    ) {
        let negated = negated != (sense == Sense::Fails);
        let (names, labels): (Vec<String>, Vec<String>) = items.into_iter().unzip();
        match self.leaf(value) {
            Some(leaf) => {
                let test = checks::one_of(names, &labels, negated);
                self.add(sink, leaf, test, Sense::Either);
            }
            None => {
                let whole = format!(
                    "{} {}",
                    self.words(value, None),
                    words::one_of(&labels, negated)
                );
                self.operand(value, &checks::expression(whole), sink);
            }
        }
    }

    /// A quantifier: its list is tested for any or every element (turned round under
    /// `not`), its filters and body give the fields to observe on each element.
    fn quantifier(
        &mut self,
        kind: QuantKind,
        src: &ListSrc,
        body: NodeId,
        sense: Sense,
        sink: &mut Sink<'_>,
    ) {
        let (op, text, body_sense) = match (kind, sense) {
            (_, Sense::Either) => ("each", "逐项", Sense::Either),
            (QuantKind::Any, Sense::Holds) | (QuantKind::None, Sense::Fails) => {
                ("any", "任一项", Sense::Holds)
            }
            (QuantKind::All, Sense::Fails) => ("any", "任一项", Sense::Fails),
            (QuantKind::All, Sense::Holds) => ("all", "每一项", Sense::Holds),
            (QuantKind::Any | QuantKind::None, Sense::Fails | Sense::Holds) => {
                ("all", "每一项", Sense::Fails)
            }
        };
        let test = Test {
            op,
            against: Vec::new(),
            measure: None,
            text: text.to_owned(),
        };
        self.add(sink, Leaf::fact(src.fact), test, sense);
        let outer = self.bind(src);
        for filter in &src.filters {
            self.condition(*filter, Sense::Holds, sink);
        }
        self.condition(body, body_sense, sink);
        self.binders = outer;
    }

    /// A count of a list's elements (those passing its filters, read in `filters`' sense).
    fn counted(&mut self, src: &ListSrc, test: Test, filters: Sense, sink: &mut Sink<'_>) {
        self.add(sink, Leaf::fact(src.fact), test, Sense::Either);
        let outer = self.bind(src);
        for filter in &src.filters {
            self.condition(*filter, filters, sink);
        }
        self.binders = outer;
    }

    /// An aggregate of a list's field: the field is put to `test`, the list's filters read
    /// either way.
    fn aggregated(&mut self, src: &ListSrc, field: u16, test: Test, sink: &mut Sink<'_>) {
        let outer = self.bind(src);
        let target = Target::Field(src.fact, field);
        let leaf = Leaf {
            target,
            derivation: None,
        };
        self.add(sink, leaf, test, Sense::Either);
        for filter in &src.filters {
            self.condition(*filter, Sense::Either, sink);
        }
        self.binders = outer;
    }

    /// A computed value: every fact it reads is put to `test`.
    fn operand(&mut self, id: NodeId, test: &Test, sink: &mut Sink<'_>) {
        if let Some(leaf) = self.leaf(id) {
            self.add(sink, leaf, test.clone(), Sense::Either);
            return;
        }
        match self.prog.node(id) {
            Some(Node::Neg(a) | Node::DateShift { date: a, .. }) => self.operand(*a, test, sink),
            Some(Node::Arith(_, a, b) | Node::DateDiff(a, b)) => {
                self.operand(*a, test, sink);
                self.operand(*b, test, sink);
            }
            Some(Node::Count(src)) => self.counted(src, test.clone(), Sense::Either, sink),
            Some(Node::Agg { list, field, .. }) => {
                self.aggregated(list, *field, test.clone(), sink)
            }
            Some(Node::Const(_)) | None => {}
            Some(_) => self.condition(id, Sense::Either, sink),
        }
    }

    /// Adds a test to the check of a leaf (not of a fact the record gives, or of the
    /// inspection's date and number), and for a derived one the checks of its parts.
    fn add(&mut self, sink: &mut Sink<'_>, leaf: Leaf, test: Test, sense: Sense) {
        let prog = self.prog;
        if let Target::Fact(f) = leaf.target {
            let own = [prog.inspection_date, prog.inspection_id];
            if own.contains(&Some(f)) || self.bound.mentions(f) {
                return;
            }
        }
        let labels = self.enum_labels(leaf.target);
        let Some(check) = place(prog, sink, leaf.target) else {
            return;
        };
        checks::merge(check, test, labels.as_deref());
        let Some(derivation) = leaf
            .derivation
            .and_then(|d| prog.derivations.get(d as usize))
        else {
            return;
        };
        check.derived = true;
        let mut parts = std::mem::take(&mut check.parts);
        let home = derivation.field.map(|_| derivation.fact);
        let outer = std::mem::replace(&mut self.binders, home.into_iter().collect());
        let mut inner = Sink {
            checks: &mut parts,
            home,
        };
        if self.ty(leaf.target) == Some(ScalarType::Bool) {
            self.condition(derivation.expr, sense, &mut inner);
        } else {
            let label = self.label(leaf.target);
            self.operand(
                derivation.expr,
                &checks::expression(format!("用于推算「{label}」")),
                &mut inner,
            );
        }
        self.binders = outer;
        if let Some(check) = place(prog, sink, leaf.target) {
            check.parts = parts;
        }
    }

    /// Binds `src`'s binder to its list; returns the binders as they were.
    fn bind(&mut self, src: &ListSrc) -> Vec<FactId> {
        let outer = self.binders.clone();
        let binder = usize::from(src.binder);
        self.binders.resize(binder, FactId::MAX);
        self.binders.push(src.fact);
        outer
    }

    /// The fact or field a node reads directly.
    fn leaf(&self, id: NodeId) -> Option<Leaf> {
        let list = |binder: &u16| self.binders.get(usize::from(*binder)).copied();
        Some(match self.prog.node(id)? {
            Node::Fact(f) => Leaf::fact(*f),
            Node::Derived { fact, derivation } => Leaf {
                target: Target::Fact(*fact),
                derivation: Some(*derivation),
            },
            Node::Field { binder, field } => Leaf {
                target: Target::Field(list(binder)?, *field),
                derivation: None,
            },
            Node::DerivedField {
                binder,
                field,
                derivation,
            } => Leaf {
                target: Target::Field(list(binder)?, *field),
                derivation: Some(*derivation),
            },
            _ => return None,
        })
    }

    fn ty(&self, target: Target) -> Option<ScalarType> {
        checks::ty(self.prog, target)
    }

    /// A value node in words (see [`words::spelt`]).
    fn words(&self, id: NodeId, ty: Option<ScalarType>) -> String {
        words::spelt(self.prog, self.bound, &self.binders, id, ty)
    }

    /// A fact's label, or a field's own.
    fn label(&self, target: Target) -> String {
        let prog = self.prog;
        match target {
            Target::Fact(f) => prog.facts.get(f).map(|f| f.label.clone()),
            Target::Field(list, field) => prog.facts.field(list, field).map(|f| f.label.clone()),
        }
        .unwrap_or_default()
    }

    /// The (name, label) of each variant of an enum set in `mask`, for the enum `value` reads.
    fn variants(&self, value: NodeId, mask: u128) -> Vec<(String, String)> {
        let def = match self.leaf(value).and_then(|l| self.ty(l.target)) {
            Some(ScalarType::Enum(e)) => self.prog.facts.enum_def(e),
            _ => None,
        };
        let Some(def) = def else {
            return Vec::new();
        };
        def.variants
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < 128 && mask & (1u128 << i) != 0)
            .map(|(_, (name, label))| (name.clone(), label.clone()))
            .collect()
    }

    /// The (name, label) of every variant of an enum fact or field, to word merged tests.
    fn enum_labels(&self, target: Target) -> Option<Vec<(String, String)>> {
        match self.ty(target)? {
            ScalarType::Enum(e) => Some(self.prog.facts.enum_def(e)?.variants.clone()),
            _ => None,
        }
    }
}
