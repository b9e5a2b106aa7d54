//! The checks of a condition: every fact it reads that the given facts leave open, each
//! with the tests the condition puts it to, found by walking the compiled rules. A part the
//! partial record already decides (the engine's evaluator says so) asks for nothing; a
//! `not` turns the tests below it round, so that each test reads the way that makes the
//! condition hold.

use super::{Check, Test, words};
use crate::ast::{CmpOp, QuantKind};
use crate::compile::{
    AggOp, ArithOp, FactId, FactKind, ListSrc, Node, NodeId, Program, ScalarType,
};
use crate::eval::{Bound, Eval, Slot};
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
}

/// A value a condition reads: a fact, or a field of a list's elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Fact(FactId),
    /// (list, field)
    Field(FactId, u16),
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

/// Where checks go: into `checks`, with the fields of `home` among them (the parts of a
/// derived field are its element's other fields) and any other field under its list.
struct Sink<'s> {
    checks: &'s mut Vec<Check>,
    home: Option<FactId>,
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
                        Some(Node::Const(v)) => Some(self.constant(v, ty, None)),
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
                    self.add(sink, leaf, known(sense, false), sense);
                }
            }
            Node::KnownList(list) => {
                self.add(sink, Leaf::fact(*list), known(sense, true), sense);
            }
            _ => {
                if let Some(leaf) = self.leaf(id) {
                    self.add(sink, leaf, is(sense), sense);
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
        for (side, other, op) in [(lhs, rhs, op), (rhs, lhs, flipped(op))] {
            if self.leaf(side).is_some() {
                continue;
            }
            match self.prog.node(side) {
                Some(Node::Const(_)) | None => {}
                Some(Node::Count(src)) => {
                    let other_words = self.words(other, None);
                    let text = format!("数量 {} {other_words}", words::symbol(op));
                    let test = measured(op, "count", other_words, text);
                    let filters = match op {
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
                    let text = format!("{} {} {other_words}", aggregate(*agg), words::symbol(op));
                    let test = measured(op, aggregate_word(*agg), other_words, text);
                    let outer = self.bind(src);
                    self.add(
                        sink,
                        Leaf {
                            target,
                            derivation: None,
                        },
                        test,
                        Sense::Either,
                    );
                    for filter in &src.filters {
                        self.condition(*filter, Sense::Either, sink);
                    }
                    self.binders = outer;
                }
                Some(_) => {
                    let (lw, rw) = (self.words(lhs, ty), self.words(rhs, ty));
                    let text = format!(
                        "{lw} {} {rw}",
                        words::symbol(if side == lhs { op } else { flipped(op) })
                    );
                    self.operand(side, &expression(text), sink);
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
        match self.prog.node(other) {
            Some(Node::Const(Value::Enum(i))) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let (name, label) = self.constant(&Value::Enum(*i), ty, None);
                Test {
                    op: op.symbol(),
                    against: vec![name],
                    measure: None,
                    text: words::one_of(&[label], op == CmpOp::Ne),
                }
            }
            Some(Node::Const(Value::Bool(b))) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let holds = *b == (op == CmpOp::Eq);
                is_test(holds)
            }
            Some(Node::Const(v)) => {
                let (value, shown) = self.constant(v, ty, written);
                Test {
                    op: op.symbol(),
                    against: vec![value],
                    measure: None,
                    text: format!("{} {shown}", words::symbol(op)),
                }
            }
            _ => {
                let shown = self.words(other, ty);
                let value = match self.leaf(other) {
                    Some(leaf) => self.path(leaf.target),
                    None => shown.clone(),
                };
                Test {
                    op: op.symbol(),
                    against: vec![value],
                    measure: None,
                    text: format!("{} {shown}", words::symbol(op)),
                }
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
        let text = words::one_of(&labels, negated);
        match self.leaf(value) {
            Some(leaf) => {
                let test = Test {
                    op: if negated { "not in" } else { "in" },
                    against: names,
                    measure: None,
                    text,
                };
                self.add(sink, leaf, test, Sense::Either);
            }
            None => {
                let whole = format!("{} {text}", self.words(value, None));
                self.operand(value, &expression(whole), sink);
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
                let outer = self.bind(list);
                let target = Target::Field(list.fact, *field);
                self.add(
                    sink,
                    Leaf {
                        target,
                        derivation: None,
                    },
                    test.clone(),
                    Sense::Either,
                );
                for filter in &list.filters {
                    self.condition(*filter, Sense::Either, sink);
                }
                self.binders = outer;
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
        merge(check, test, labels.as_deref());
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
                &expression(format!("用于推算「{label}」")),
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
        ty(self.prog, target)
    }

    fn path(&self, target: Target) -> String {
        path(self.prog, target).unwrap_or_default()
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

    /// A constant as (value for JSON, text as printed): as the rule file writes it when
    /// `written` is known, a quantity in the compared fact's declared unit, an enum value's
    /// name and label.
    fn constant(
        &self,
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
                Some(w) => (w.to_owned(), words::quantity(w, *base, unit)),
                None => (words::declared(*base, unit), words::declared(*base, unit)),
            },
            (Value::Num(n) | Value::Qty(n), _) => plain(n.normalize().to_string()),
            (Value::Bool(b), _) => (b.to_string(), words::yes_no(*b).to_owned()),
            (Value::Enum(i), Some(ScalarType::Enum(e))) => {
                let def = self.prog.facts.enum_def(e);
                let name = def.map_or_else(|| i.to_string(), |d| d.name(*i).to_owned());
                let label = words::value(self.prog, ScalarType::Enum(e), v);
                (name, label)
            }
            (Value::Text(t), _) => (t.to_string(), format!("「{t}」")),
            (Value::Date(d), _) => plain(crate::value::date_text(*d)),
            (Value::Enum(i), _) => plain(i.to_string()),
        }
    }

    /// A value node in words: facts by their labels (with the value the record gives, if it
    /// does), constants as printed, arithmetic and date shifts spelt out.
    fn words(&self, id: NodeId, ty: Option<ScalarType>) -> String {
        let prog = self.prog;
        let Some(node) = prog.node(id) else {
            return String::new();
        };
        let inner = |n: NodeId| match prog.node(n) {
            Some(Node::Arith(..)) => format!("（{}）", self.words(n, ty)),
            _ => self.words(n, ty),
        };
        match node {
            Node::Const(v) => self.constant(v, ty, None).1,
            Node::Fact(f) | Node::Derived { fact: f, .. } => {
                let label = self.label(Target::Fact(*f));
                match (prog.facts.get(*f).map(|f| &f.kind), self.bound.slot(*f)) {
                    (Some(FactKind::Scalar(t)), Slot::Scalar(v)) => {
                        format!("{label}（{}）", words::value(prog, *t, v))
                    }
                    _ => label,
                }
            }
            Node::Field { .. } | Node::DerivedField { .. } => self
                .leaf(id)
                .map(|leaf| self.label(leaf.target))
                .unwrap_or_default(),
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
                let mut out = self.words(*date, ty);
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
            Node::Count(src) => format!("{}数量", self.label(Target::Fact(src.fact))),
            Node::Agg { op, list, field } => {
                let target = Target::Field(list.fact, *field);
                format!("{}{}", self.label(target), aggregate(*op))
            }
            _ => "（条件）".to_owned(),
        }
    }
}

/// The check of `target` in the sink, made when there is none yet: a field under its list
/// unless the sink's home is that list.
fn place<'s>(prog: &Program, sink: &'s mut Sink<'_>, target: Target) -> Option<&'s mut Check> {
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
fn merge(check: &mut Check, test: Test, labels: Option<&[(String, String)]>) {
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

fn ty(prog: &Program, target: Target) -> Option<ScalarType> {
    match target {
        Target::Fact(f) => match &prog.facts.get(f)?.kind {
            FactKind::Scalar(ty) => Some(*ty),
            FactKind::List(_) => None,
        },
        Target::Field(list, field) => Some(prog.facts.field(list, field)?.ty),
    }
}

/// The record path of a target: `a.b`, or `list[].field`.
fn path(prog: &Program, target: Target) -> Option<String> {
    Some(match target {
        Target::Fact(f) => prog.facts.get(f)?.path.clone(),
        Target::Field(list, field) => format!(
            "{}[].{}",
            prog.facts.get(list)?.path,
            prog.facts.field(list, field)?.name
        ),
    })
}

/// The comparison that holds exactly when `op` does not.
fn negated(op: CmpOp) -> CmpOp {
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
fn flipped(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        CmpOp::Eq | CmpOp::Ne => op,
    }
}

/// A true/false fact's test: 是, 否, or 是/否 when either way counts.
fn is(sense: Sense) -> Test {
    match sense {
        Sense::Holds => is_test(true),
        Sense::Fails => is_test(false),
        Sense::Either => Test {
            op: "==",
            against: Vec::new(),
            measure: None,
            text: "是/否".to_owned(),
        },
    }
}

fn is_test(value: bool) -> Test {
    Test {
        op: "==",
        against: vec![value.to_string()],
        measure: None,
        text: words::yes_no(value).to_owned(),
    }
}

/// Whether the record gives a fact at all (a list: lists its elements, if none).
fn known(sense: Sense, list: bool) -> Test {
    let (op, text) = match (sense, list) {
        (Sense::Holds, false) => ("known", "已记录"),
        (Sense::Fails, false) => ("not known", "未记录"),
        (Sense::Either, false) => ("known", "是否记录"),
        (Sense::Holds, true) => ("known", "已列出"),
        (Sense::Fails, true) => ("not known", "未列出"),
        (Sense::Either, true) => ("known", "是否列出"),
    };
    Test {
        op,
        against: Vec::new(),
        measure: None,
        text: text.to_owned(),
    }
}

/// A fact that is part of a computed side: the whole comparison is its test.
fn expression(text: String) -> Test {
    Test {
        op: "expr",
        against: Vec::new(),
        measure: None,
        text,
    }
}

/// A count's or an aggregate's test.
fn measured(op: CmpOp, measure: &'static str, against: String, text: String) -> Test {
    Test {
        op: op.symbol(),
        against: vec![against],
        measure: Some(measure),
        text,
    }
}

fn aggregate(op: AggOp) -> &'static str {
    match op {
        AggOp::Sum => "之和",
        AggOp::Min => "最小值",
        AggOp::Max => "最大值",
    }
}

fn aggregate_word(op: AggOp) -> &'static str {
    match op {
        AggOp::Sum => "sum",
        AggOp::Min => "min",
        AggOp::Max => "max",
    }
}
