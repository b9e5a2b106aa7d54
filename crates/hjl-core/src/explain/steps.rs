//! One condition as a tree of steps: every IR node below it evaluated by the engine's own
//! evaluator, in the environment judging gives it (each list element bound in turn, a
//! derivation in its own), with the facts it reads as reports name them.

use rust_decimal::Decimal;

use super::{FactRead, Step, StepKind, Truth};
use crate::ast::QuantKind;
use crate::compile::{
    AggOp, ArithOp, FactId, FactKind, ListSrc, Node, NodeId, Program, ScalarType,
};
use crate::eval::{Bound, Eval, Place, Slot, display};
use crate::report::{RecordPath, Shown, Via};
use crate::units::Unit;
use crate::value::Value;

/// What every step reads: the program and the record.
#[derive(Clone, Copy)]
pub(super) struct Cx<'p> {
    pub prog: &'p Program,
    pub bound: &'p Bound,
}

impl<'p> Cx<'p> {
    /// The tree of the condition or value at `id`, evaluated by `eval` in its current
    /// environment.
    pub(super) fn step(self, eval: &mut Eval<'p>, id: NodeId) -> Step {
        self.typed(eval, id, None)
    }

    /// [`Cx::step`], showing a constant as a value of type `hint` (the type of what it is
    /// compared with: an enum constant is a variant of that enum).
    fn typed(self, eval: &mut Eval<'p>, id: NodeId, hint: Option<ScalarType>) -> Step {
        let Some(node) = self.prog.node(id) else {
            return blank(StepKind::Constant, String::new());
        };
        match node {
            Node::And(..) => self.junction(eval, id, false),
            Node::Or(..) => self.junction(eval, id, true),
            Node::Not(inner) => Step {
                truth: Some(eval.truth(id).into()),
                children: vec![self.step(eval, *inner)],
                ..blank(StepKind::Not, "非：以下不成立".to_owned())
            },
            Node::Cmp { lhs, rhs, test, .. } => {
                let (l, r) = (*lhs, *rhs);
                let hint = self.type_of(eval, l).or_else(|| self.type_of(eval, r));
                Step {
                    truth: Some(eval.truth(id).into()),
                    children: vec![self.typed(eval, l, hint), self.typed(eval, r, hint)],
                    ..blank(StepKind::Compare, test.to_string())
                }
            }
            Node::In {
                value, set, test, ..
            } => {
                let hint = self.type_of(eval, *value);
                let mut children = vec![self.step(eval, *value)];
                children.extend(set.iter().map(|item| self.typed(eval, *item, hint)));
                Step {
                    truth: Some(eval.truth(id).into()),
                    children,
                    ..blank(StepKind::Member, test.to_string())
                }
            }
            Node::InEnum { value, test, .. } => Step {
                truth: Some(eval.truth(id).into()),
                children: vec![self.step(eval, *value)],
                ..blank(StepKind::Member, test.to_string())
            },
            Node::Quant { kind, list, body } => self.quantifier(eval, id, *kind, list, *body),
            Node::Count(list) => self.count(eval, id, list),
            Node::Agg { op, list, field } => self.aggregate(eval, id, *op, list, *field),
            Node::AtLeast { n, items } => {
                let children: Vec<Step> = items.iter().map(|i| self.step(eval, *i)).collect();
                let text = format!("至少 {n} 项成立（共 {} 项）", items.len());
                Step {
                    truth: Some(eval.truth(id).into()),
                    children,
                    ..blank(StepKind::AtLeast, text)
                }
            }
            Node::Known(inner) => Step {
                truth: Some(eval.truth(id).into()),
                children: vec![self.step(eval, *inner)],
                ..blank(StepKind::Known, "已填写（known）".to_owned())
            },
            Node::KnownList(fact) => Step {
                truth: Some(eval.truth(id).into()),
                value: self.bound.list(*fact).map(|rows| count_shown(rows.len())),
                fact: Some(self.read(Place {
                    fact: *fact,
                    cell: None,
                })),
                ..blank(StepKind::Known, "已填写（known）".to_owned())
            },
            Node::Fact(fact) => self.fact(*fact),
            Node::Field { binder, field } => match eval.bound_row(*binder) {
                Some((fact, row)) => self.cell(fact, row, *field),
                None => blank(StepKind::Fact, String::new()),
            },
            Node::Const(v) => self.constant(id, v, hint),
            Node::Neg(inner) => {
                let children = vec![self.step(eval, *inner)];
                self.computed(eval, id, StepKind::Negate, "取负（-）", children)
            }
            Node::Arith(op, l, r) => {
                let hint = self.type_of(eval, *l).or_else(|| self.type_of(eval, *r));
                let children = vec![self.typed(eval, *l, hint), self.typed(eval, *r, hint)];
                let text = match op {
                    ArithOp::Add => "加（+）",
                    ArithOp::Sub => "减（-）",
                    ArithOp::Mul => "乘（*）",
                    ArithOp::Div => "除（/）",
                };
                self.computed(eval, id, StepKind::Arithmetic, text, children)
            }
            Node::DateShift { date, months, days } => {
                let children = vec![self.step(eval, *date)];
                let text = shift_text(*months, *days);
                self.computed(eval, id, StepKind::DateShift, &text, children)
            }
            Node::DateDiff(l, r) => {
                let children = vec![self.step(eval, *l), self.step(eval, *r)];
                self.computed(eval, id, StepKind::DateDiff, "两日期相差", children)
            }
            Node::Derived { fact, derivation } => {
                let place = Place {
                    fact: *fact,
                    cell: None,
                };
                self.derived(eval, id, place, None, *derivation)
            }
            Node::DerivedField {
                binder,
                field,
                derivation,
            } => match eval.bound_row(*binder) {
                Some((fact, row)) => {
                    let place = Place {
                        fact,
                        cell: Some((u32::try_from(row).unwrap_or(u32::MAX), *field)),
                    };
                    self.derived(eval, id, place, Some((fact, row)), *derivation)
                }
                None => blank(StepKind::Derived, String::new()),
            },
        }
    }

    /// A chain of `and` (or of `or`) as one step with every operand a child.
    fn junction(self, eval: &mut Eval<'p>, id: NodeId, is_or: bool) -> Step {
        let mut parts = Vec::new();
        self.operands(id, is_or, &mut parts);
        let children = parts.into_iter().map(|p| self.step(eval, p)).collect();
        let (kind, text) = if is_or {
            (StepKind::Or, "或：以下任一成立")
        } else {
            (StepKind::And, "且：以下全部成立")
        };
        Step {
            truth: Some(eval.truth(id).into()),
            children,
            ..blank(kind, text.to_owned())
        }
    }

    /// The operands of a chain of `and` (`or` when `is_or`), left to right.
    fn operands(self, id: NodeId, is_or: bool, out: &mut Vec<NodeId>) {
        match self.prog.node(id) {
            Some(Node::And(l, r)) if !is_or => {
                self.operands(*l, is_or, out);
                self.operands(*r, is_or, out);
            }
            Some(Node::Or(l, r)) if is_or => {
                self.operands(*l, is_or, out);
                self.operands(*r, is_or, out);
            }
            _ => out.push(id),
        }
    }

    /// `any`, `all`, `none`: each element with its outcome as the quantifier counts it.
    fn quantifier(
        self,
        eval: &mut Eval<'p>,
        id: NodeId,
        kind: QuantKind,
        list: &ListSrc,
        body: NodeId,
    ) -> Step {
        let (step_kind, text) = match kind {
            QuantKind::Any => (StepKind::Any, "任一项成立"),
            QuantKind::All => (StepKind::All, "各项均成立"),
            QuantKind::None => (StepKind::None, "没有一项成立"),
        };
        let any = kind != QuantKind::All;
        let children = self.elements(eval, list, |cx, eval, row| {
            let value = eval.element(list, body, any);
            let body = cx.step(eval, body);
            cx.element(eval, list, row, value, Some(body))
        });
        Step {
            truth: Some(eval.truth(id).into()),
            ..self.list_step(step_kind, text, list, children)
        }
    }

    /// `count(L)`: with filters, each element and whether it counts.
    fn count(self, eval: &mut Eval<'p>, id: NodeId, list: &ListSrc) -> Step {
        let children = if list.filters.is_empty() {
            Vec::new()
        } else {
            self.elements(eval, list, |cx, eval, row| {
                let value = eval.passes(list);
                cx.element(eval, list, row, value, None)
            })
        };
        Step {
            value: eval.eval(id).map(|v| self.shown(ScalarType::Integer, &v)),
            ..self.list_step(StepKind::Count, "计数", list, children)
        }
    }

    /// `sum`, `min`, `max` of a field: each element with the value it gives.
    fn aggregate(
        self,
        eval: &mut Eval<'p>,
        id: NodeId,
        op: AggOp,
        list: &ListSrc,
        field: u16,
    ) -> Step {
        let (kind, text) = match op {
            AggOp::Sum => (StepKind::Sum, "合计"),
            AggOp::Min => (StepKind::Min, "最小值"),
            AggOp::Max => (StepKind::Max, "最大值"),
        };
        let ty = self.prog.facts.field(list.fact, field).map(|f| f.ty);
        let children = self.elements(eval, list, |cx, eval, row| {
            let value = if list.filters.is_empty() {
                None
            } else {
                Some(eval.passes(list))
            };
            let cell = cx.cell(list.fact, row, field);
            let mut step = cx.element(eval, list, row, value.flatten(), Some(cell));
            if value.is_none() {
                step.truth = None;
            }
            step
        });
        let mut step = self.list_step(kind, text, list, children);
        step.value = eval
            .eval(id)
            .map(|v| self.shown(ty.unwrap_or(ScalarType::Number), &v));
        if let Some(fact) = &mut step.fact {
            let place = Place {
                fact: list.fact,
                cell: Some((0, field)),
            };
            fact.label = place.label(self.prog).into_owned();
            fact.unit = place.unit(self.prog).map(str::to_owned);
        }
        step
    }

    /// A step over a list: the list as the fact read, its length as the value (absent when
    /// the record does not give the list).
    fn list_step(self, kind: StepKind, text: &str, list: &ListSrc, children: Vec<Step>) -> Step {
        let place = Place {
            fact: list.fact,
            cell: None,
        };
        Step {
            value: self
                .bound
                .list(list.fact)
                .map(|rows| count_shown(rows.len())),
            fact: Some(self.read(place)),
            children,
            ..blank(kind, text.to_owned())
        }
    }

    /// `each` for every element of a list, bound in turn as judging binds it.
    fn elements(
        self,
        eval: &mut Eval<'p>,
        list: &ListSrc,
        mut each: impl FnMut(Self, &mut Eval<'p>, usize) -> Step,
    ) -> Vec<Step> {
        let rows = self.bound.list(list.fact).map_or(0, |rows| rows.len());
        let mut out = Vec::with_capacity(rows);
        for row in 0..rows {
            if eval.enter_row(list, row) {
                out.push(each(self, eval, row));
            }
        }
        eval.leave_rows(list);
        out
    }

    /// One element: its outcome, the filters it passes or fails, then `body`.
    fn element(
        self,
        eval: &mut Eval<'p>,
        list: &ListSrc,
        row: usize,
        value: Option<bool>,
        body: Option<Step>,
    ) -> Step {
        let mut children = Vec::new();
        if !list.filters.is_empty() {
            let filters = list.filters.iter().map(|f| self.step(eval, *f)).collect();
            children.push(Step {
                truth: Some(eval.passes(list).into()),
                children: filters,
                ..blank(StepKind::Filter, "筛选条件（where）".to_owned())
            });
        }
        children.extend(body);
        let row32 = u32::try_from(row).unwrap_or(u32::MAX);
        let place = Place {
            fact: list.fact,
            cell: Some((row32, 0)),
        };
        let fact = FactRead {
            path: RecordPath::element(self.prog.facts.path(list.fact), row32, None::<&str>)
                .into_owned(),
            label: Place {
                cell: None,
                ..place
            }
            .label(self.prog)
            .into_owned(),
            unit: None,
            item: place.item(self.prog, self.bound),
            error: None,
        };
        Step {
            truth: Some(Truth::from(value)),
            fact: Some(fact),
            children,
            ..blank(StepKind::Element, format!("第{}项", row + 1))
        }
    }

    fn fact(self, fact: FactId) -> Step {
        let ty = match self.prog.facts.get(fact).map(|f| &f.kind) {
            Some(FactKind::Scalar(ty)) => *ty,
            _ => ScalarType::Text,
        };
        let value = match self.bound.slot(fact) {
            Slot::Scalar(v) => Some(v),
            _ => None,
        };
        self.leaf(StepKind::Fact, Place { fact, cell: None }, ty, value)
    }

    /// A field of one row of a list fact.
    fn cell(self, fact: FactId, row: usize, field: u16) -> Step {
        let ty = self
            .prog
            .facts
            .field(fact, field)
            .map_or(ScalarType::Text, |f| f.ty);
        let value = self
            .bound
            .list(fact)
            .and_then(|rows| rows.get(row, usize::from(field)));
        let place = Place {
            fact,
            cell: Some((u32::try_from(row).unwrap_or(u32::MAX), field)),
        };
        self.leaf(StepKind::Fact, place, ty, value)
    }

    /// A value the record gives, or does not.
    fn leaf(self, kind: StepKind, place: Place, ty: ScalarType, value: Option<&Value>) -> Step {
        let read = self.read(place);
        Step {
            truth: (ty == ScalarType::Bool).then(|| value.and_then(Value::as_bool).into()),
            value: value.map(|v| self.shown(ty, v)),
            value_label: value.and_then(|v| self.variant_label(ty, v)),
            fact: Some(read.clone()),
            ..blank(kind, read.label)
        }
    }

    /// How reports name a place, and the record's error there, if any.
    fn read(self, place: Place) -> FactRead {
        let path = place.path(self.prog).into_owned();
        let text = path.to_string();
        let error = self
            .bound
            .errors
            .iter()
            .find(|e| e.path == text)
            .map(|e| e.message.clone());
        FactRead {
            label: place.label(self.prog).into_owned(),
            unit: place.unit(self.prog).map(str::to_owned),
            item: place.item(self.prog, self.bound),
            path,
            error,
        }
    }

    fn constant(self, id: NodeId, v: &Value, hint: Option<ScalarType>) -> Step {
        let ty = hint.unwrap_or(match v {
            Value::Bool(_) => ScalarType::Bool,
            Value::Date(_) => ScalarType::Date,
            Value::Text(_) => ScalarType::Text,
            _ => ScalarType::Number,
        });
        let shown = self.shown(ty, v);
        let text = self.prog.text(id).unwrap_or_else(|| shown.to_string());
        Step {
            truth: v.as_bool().map(|b| Some(b).into()),
            value: Some(shown),
            value_label: self.variant_label(ty, v),
            ..blank(StepKind::Constant, text)
        }
    }

    /// A value computed from its children (arithmetic, dates).
    fn computed(
        self,
        eval: &mut Eval<'p>,
        id: NodeId,
        kind: StepKind,
        text: &str,
        children: Vec<Step>,
    ) -> Step {
        let ty = self.type_of(eval, id).unwrap_or(ScalarType::Number);
        Step {
            value: eval.eval(id).map(|v| self.shown(ty, &v)),
            children,
            ..blank(kind, text.to_owned())
        }
    }

    /// A derived fact or field: the value judging uses, which one that is, the derivation
    /// run in its own environment, and what the record states.
    fn derived(
        self,
        eval: &mut Eval<'p>,
        id: NodeId,
        place: Place,
        row: Option<(FactId, usize)>,
        derivation: u32,
    ) -> Step {
        let ty = self.type_of(eval, id).unwrap_or(ScalarType::Text);
        let stated = match (place.cell, self.bound.slot(place.fact)) {
            (None, Slot::Scalar(v)) => Some(v),
            (Some((_, field)), _) => {
                row.and_then(|(fact, row)| self.bound.list(fact)?.get(row, usize::from(field)))
            }
            _ => None,
        };
        let used = eval.eval(id);
        let computed = eval.derive(derivation, row);
        let via = match (&computed, stated) {
            (Some(_), _) => Some(Via::Computed),
            (None, Some(_)) => Some(Via::Record),
            (None, None) => None,
        };
        let expr = self
            .prog
            .derivations
            .get(derivation as usize)
            .map(|d| d.expr);
        let parts = expr.and_then(|expr| eval.in_derivation(row, |eval| self.step(eval, expr)));
        let source = expr
            .and_then(|expr| self.prog.text(expr))
            .unwrap_or_default();
        let computation = Step {
            truth: (ty == ScalarType::Bool)
                .then(|| computed.as_ref().and_then(Value::as_bool).into()),
            value: computed.as_ref().map(|v| self.shown(ty, v)),
            value_label: computed.as_ref().and_then(|v| self.variant_label(ty, v)),
            children: parts.into_iter().collect(),
            ..blank(StepKind::Computed, format!("由依据事实推算：{source}"))
        };
        let mut children = vec![computation];
        // What the record states matters when it states something, or when the
        // computation cannot decide.
        if stated.is_some() || computed.is_none() {
            let mut statement = self.leaf(StepKind::Stated, place, ty, stated);
            statement.text = "记录所填".to_owned();
            statement.truth = None;
            children.push(statement);
        }
        let read = self.read(place);
        Step {
            truth: (ty == ScalarType::Bool).then(|| used.as_ref().and_then(Value::as_bool).into()),
            value: used.as_ref().map(|v| self.shown(ty, v)),
            value_label: used.as_ref().and_then(|v| self.variant_label(ty, v)),
            fact: Some(read.clone()),
            via,
            children,
            ..blank(StepKind::Derived, read.label)
        }
    }

    /// The type of a value node, for showing it (a quantity in its fact's unit, an enum by
    /// name): a fact's or field's own, or that of the operand it is computed from.
    fn type_of(self, eval: &Eval<'p>, id: NodeId) -> Option<ScalarType> {
        let facts = &self.prog.facts;
        match self.prog.node(id)? {
            Node::Fact(fact) | Node::Derived { fact, .. } => match &facts.get(*fact)?.kind {
                FactKind::Scalar(ty) => Some(*ty),
                FactKind::List(_) => None,
            },
            Node::Field { binder, field } | Node::DerivedField { binder, field, .. } => {
                let (fact, _) = eval.bound_row(*binder)?;
                Some(facts.field(fact, *field)?.ty)
            }
            Node::Agg { list, field, .. } => Some(facts.field(list.fact, *field)?.ty),
            Node::Neg(inner) => self.type_of(eval, *inner),
            Node::Arith(op, l, r) => {
                let (lt, rt) = (self.type_of(eval, *l), self.type_of(eval, *r));
                let quantity = |t: &Option<ScalarType>| matches!(t, Some(ScalarType::Quantity(_)));
                match op {
                    ArithOp::Div if quantity(&lt) && quantity(&rt) => Some(ScalarType::Number),
                    _ if quantity(&lt) => lt,
                    _ if quantity(&rt) => rt,
                    _ => lt.or(rt),
                }
            }
            Node::DateShift { .. } => Some(ScalarType::Date),
            Node::DateDiff(..) => Unit::from_symbol("d").map(ScalarType::Quantity),
            Node::Count(_) => Some(ScalarType::Integer),
            Node::Const(_) => None,
            _ => Some(ScalarType::Bool),
        }
    }

    fn shown(self, ty: ScalarType, v: &Value) -> Shown<'static> {
        display(ty, v, self.prog).into_owned()
    }

    /// The Chinese label of an enum value.
    fn variant_label(self, ty: ScalarType, v: &Value) -> Option<String> {
        match (ty, v) {
            (ScalarType::Enum(e), Value::Enum(i)) => self
                .prog
                .facts
                .enum_def(e)?
                .variants
                .get(*i as usize)
                .map(|(_, label)| label.clone())
                .filter(|l| !l.is_empty()),
            _ => None,
        }
    }
}

/// A step with nothing but its kind and text.
fn blank(kind: StepKind, text: String) -> Step {
    Step {
        kind,
        text,
        truth: None,
        value: None,
        value_label: None,
        fact: None,
        via: None,
        children: Vec::new(),
    }
}

fn count_shown(n: usize) -> Shown<'static> {
    Shown::Number(Decimal::from(n))
}

/// `加 3 年`, `减 6 个月`, `加 30 日`.
fn shift_text(months: i32, days: i64) -> String {
    let sign = if months < 0 || days < 0 { "减" } else { "加" };
    let (months, days) = (months.unsigned_abs(), days.unsigned_abs());
    if days != 0 {
        format!("日期{sign} {days} 日")
    } else if months % 12 == 0 {
        format!("日期{sign} {} 年", months / 12)
    } else {
        format!("日期{sign} {months} 个月")
    }
}
