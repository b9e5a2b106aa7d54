//! The interpreter: Kleene three-valued evaluation of IR nodes over a bound record.
//! `None` is unknown. With a trace, it also records evidence and missing facts, keeping
//! only what decided each result.

use std::borrow::Cow;
use std::cmp::Ordering;

use chrono::Months;
use rust_decimal::Decimal;

mod decide;

use super::bind::{Bound, Rows, Slot};
use super::kleene;
use super::trace::{Place, Seen, Test, Trace};
use crate::ast::{CmpOp, QuantKind};
use crate::compile::{
    AggOp, ArithOp, FactId, FactKind, ListSrc, Node, NodeId, Program, ScalarType,
};
use crate::value::Value;

/// Where a scope's part of the trace begins.
#[derive(Debug, Clone, Copy, Default)]
struct Mark {
    evidence: usize,
    missing: usize,
}

/// A list element bound to a binder: the list fact, its rows and the row.
#[derive(Clone, Copy)]
struct Element<'a> {
    fact: FactId,
    rows: Rows<'a>,
    row: usize,
}

impl<'a> Element<'a> {
    fn get(&self, field: u16) -> Option<&'a Value> {
        self.rows.get(self.row, usize::from(field))
    }
}

pub(crate) struct Eval<'a> {
    prog: &'a Program,
    rec: &'a Bound,
    /// Bound list elements, indexed by binder.
    env: Vec<Element<'a>>,
    trace: Option<Trace<'a>>,
    /// While tracing: whether evidence is wanted too, or only the missing facts.
    evidence: bool,
}

impl<'a> Eval<'a> {
    pub(crate) fn new(prog: &'a Program, rec: &'a Bound) -> Self {
        Self {
            prog,
            rec,
            env: Vec::new(),
            trace: None,
            evidence: false,
        }
    }

    /// An evaluator that traces: see [`Eval::trace`].
    pub(crate) fn tracing(prog: &'a Program, rec: &'a Bound) -> Self {
        Self {
            prog,
            rec,
            env: Vec::new(),
            trace: Some(Trace::default()),
            evidence: false,
        }
    }

    /// Evaluates a condition, adding to the trace the missing facts its value rests on and,
    /// if `evidence`, the values that decide it; with `missing_only`, what it traces keeps
    /// no evidence. Untraced evaluators just evaluate.
    pub(crate) fn trace(&mut self, id: NodeId, evidence: bool, missing_only: bool) -> Option<bool> {
        self.evidence = evidence;
        let (value, mark) = self.scoped(|s| s.truth(id));
        if missing_only {
            self.keep_missing(mark);
        }
        value
    }

    /// What has been traced so far (empty when untraced).
    pub(crate) fn traced(&self) -> Option<&Trace<'a>> {
        self.trace.as_ref()
    }

    /// Empties the trace, keeping its buffers for the next clause.
    pub(crate) fn clear_trace(&mut self) {
        if let Some(trace) = &mut self.trace {
            trace.clear();
        }
    }

    /// A condition's value. Conditions are most of what rules evaluate, so the common node
    /// kinds are decided without building a `Value` (untraced, see `decide`).
    pub(crate) fn truth(&mut self, id: NodeId) -> Option<bool> {
        if self.trace.is_none() {
            return self.decide(id);
        }
        self.truth_general(id)
    }

    /// A condition's value, traced or not, for every node kind.
    fn truth_general(&mut self, id: NodeId) -> Option<bool> {
        let prog = self.prog;
        match prog.node(id)? {
            Node::And(l, r) => self.and_or(*l, *r, false),
            Node::Or(l, r) => self.and_or(*l, *r, true),
            Node::Not(inner) => self.truth(*inner).map(|b| !b),
            Node::Cmp {
                op,
                lhs,
                rhs,
                rhs_text,
            } => self.compare(*op, *lhs, *rhs, rhs_text),
            Node::In {
                value,
                set,
                negated,
                set_text,
            } => self.member(*value, set, *negated, set_text),
            Node::InEnum {
                value,
                mask,
                negated,
                set_text,
            } => self.member_enum(*value, *mask, *negated, set_text),
            Node::Quant { kind, list, body } => self.quantifier(*kind, list, *body),
            _ => self.eval(id).and_then(|v| v.as_bool()),
        }
    }

    /// An operand, borrowed from the program or the record when nothing is traced.
    fn operand(&mut self, id: NodeId) -> Option<Cow<'a, Value>> {
        if self.trace.is_none() {
            match self.read(id) {
                decide::Read::Known(v) => return Some(Cow::Borrowed(v)),
                decide::Read::Unknown => return None,
                decide::Read::Computed => {}
            }
        }
        self.eval(id).map(Cow::Owned)
    }

    /// Runs `f` and marks where what it traces begins. The trace is one stack: the caller
    /// keeps that part, or drops it (`discard`) or its evidence (`keep_missing`) at once,
    /// before anything else is traced.
    fn scoped<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> (T, Mark) {
        let mark = self.trace.as_ref().map_or(Mark::default(), |t| Mark {
            evidence: t.seen.len(),
            missing: t.gaps.len(),
        });
        (f(self), mark)
    }

    /// Drops everything traced since `mark`.
    fn discard(&mut self, mark: Mark) {
        if let Some(trace) = &mut self.trace {
            trace.seen.truncate(mark.evidence);
            trace.gaps.truncate(mark.missing);
        }
    }

    /// Keeps only the missing facts traced since `mark`.
    fn keep_missing(&mut self, mark: Mark) {
        if let Some(trace) = &mut self.trace {
            trace.seen.truncate(mark.evidence);
        }
    }

    /// Records an unknown place (repeats are folded when the trace is read).
    fn missing(&mut self, place: Place) {
        if let Some(trace) = &mut self.trace {
            trace.gaps.push(place);
        }
    }

    /// Whether values read now become evidence (callers check before building paths).
    fn wants_evidence(&self) -> bool {
        self.evidence && self.trace.is_some()
    }

    fn evidence(&mut self, place: Place, ty: ScalarType, value: &'a Value) {
        if let Some(trace) = &mut self.trace {
            trace.seen.push(Seen {
                place,
                ty,
                value,
                test: None,
            });
        }
    }

    pub(crate) fn eval(&mut self, id: NodeId) -> Option<Value> {
        let prog = self.prog;
        let node = prog.node(id)?;
        match node {
            Node::Const(v) => Some(v.clone()),
            Node::Fact(f) => self.fact(*f),
            Node::Field { binder, field } => self.field(*binder, *field),
            Node::Not(_)
            | Node::And(..)
            | Node::Or(..)
            | Node::Cmp { .. }
            | Node::In { .. }
            | Node::InEnum { .. }
            | Node::Quant { .. } => self.truth(id).map(Value::Bool),
            Node::Neg(inner) => match self.eval(*inner)? {
                Value::Num(n) => Some(Value::Num(-n)),
                Value::Qty(n) => Some(Value::Qty(-n)),
                _ => None,
            },
            Node::Arith(op, l, r) => arith(*op, &self.eval(*l)?, &self.eval(*r)?),
            Node::DateShift { date, months, days } => self.date_shift(*date, *months, *days),
            Node::DateDiff(l, r) => self.date_diff(*l, *r),
            Node::Count(list) => self.count(list).map(|n| Value::Num(Decimal::from(n))),
            Node::Agg { op, list, field } => self.aggregate(*op, list, *field),
            Node::AtLeast { n, items } => self.at_least(*n, items).map(Value::Bool),
            Node::KnownList(fact) => Some(Value::Bool(self.rec.list(*fact).is_some())),
            Node::Known(inner) => {
                let (v, mark) = self.scoped(|s| s.eval(*inner));
                if v.is_none() {
                    self.discard(mark);
                }
                Some(Value::Bool(v.is_some()))
            }
        }
    }

    // The arms below live out of line, so that the dispatcher above stays small: it is
    // re-entered for every node, and its frame size is paid on every call.

    #[inline(never)]
    fn compare(&mut self, op: CmpOp, lhs: NodeId, rhs: NodeId, rhs_text: &'a str) -> Option<bool> {
        let l = self.tested_operand(lhs, Test::Compare(op, rhs_text));
        let r = self.operand(rhs);
        compare(op, &*l?, &*r?)
    }

    #[inline(never)]
    fn member(
        &mut self,
        value: NodeId,
        set: &[NodeId],
        negated: bool,
        set_text: &'a str,
    ) -> Option<bool> {
        let test = Test::Member {
            negated,
            set: set_text,
        };
        let v = self.tested_operand(value, test)?;
        for item in set {
            let item = self.operand(*item)?;
            if compare(CmpOp::Eq, &v, &item) == Some(true) {
                return Some(!negated);
            }
        }
        Some(negated)
    }

    fn member_enum(
        &mut self,
        value: NodeId,
        mask: u128,
        negated: bool,
        set_text: &'a str,
    ) -> Option<bool> {
        let test = Test::Member {
            negated,
            set: set_text,
        };
        match self.tested_operand(value, test)?.as_ref() {
            Value::Enum(i) => Some(decide::in_mask(*i, mask) != negated),
            _ => None,
        }
    }

    #[inline(never)]
    fn date_shift(&mut self, date: NodeId, months: i32, days: i64) -> Option<Value> {
        let Value::Date(d) = self.eval(date)? else {
            return None;
        };
        let shifted = if months >= 0 {
            d.checked_add_months(Months::new(months.unsigned_abs()))
        } else {
            d.checked_sub_months(Months::new(months.unsigned_abs()))
        }?;
        shifted
            .checked_add_signed(chrono::TimeDelta::try_days(days)?)
            .map(Value::Date)
    }

    #[inline(never)]
    fn date_diff(&mut self, l: NodeId, r: NodeId) -> Option<Value> {
        let (Value::Date(a), Value::Date(b)) = (self.eval(l)?, self.eval(r)?) else {
            return None;
        };
        Some(Value::Qty(
            Decimal::from((a - b).num_days()) * Decimal::from(86_400),
        ))
    }

    /// Reads the tested side of a comparison; when it is a fact or field read directly, its
    /// evidence entry records the test it was put to (e.g. `>= 5 t`).
    fn tested_operand(&mut self, id: NodeId, test: Test<'a>) -> Option<Cow<'a, Value>> {
        let before = self.trace.as_ref().map_or(0, |t| t.seen.len());
        let value = self.operand(id);
        let direct = matches!(self.prog.node(id), Some(Node::Fact(_) | Node::Field { .. }));
        if let Some(trace) = &mut self.trace {
            if direct && trace.seen.len() == before + 1 {
                if let Some(e) = trace.seen.last_mut() {
                    e.test = Some(test);
                }
            }
        }
        value
    }

    fn fact(&mut self, f: FactId) -> Option<Value> {
        let prog = self.prog;
        let fact = prog.facts.get(f)?;
        let rec = self.rec;
        let place = Place {
            fact: f,
            cell: None,
        };
        match rec.slot(f) {
            Slot::Scalar(v) => {
                if let (true, FactKind::Scalar(ty)) = (self.wants_evidence(), &fact.kind) {
                    self.evidence(place, *ty, v);
                }
                Some(v.clone())
            }
            _ => {
                self.missing(place);
                None
            }
        }
    }

    fn field(&mut self, binder: u16, field: u16) -> Option<Value> {
        let element = *self.env.get(usize::from(binder))?;
        let (fact_id, row) = (element.fact, element.row);
        let def = self.prog.facts.field(fact_id, field)?;
        let place = Place {
            fact: fact_id,
            cell: Some((u32::try_from(row).ok()?, field)),
        };
        match element.get(field) {
            Some(v) => {
                if self.wants_evidence() {
                    self.evidence(place, def.ty, v);
                }
                Some(v.clone())
            }
            None => {
                self.missing(place);
                None
            }
        }
    }

    /// Kleene `and` (`or` when `is_or`): the dominant value (false for and, true for or)
    /// decides alone; otherwise unknown wins over the other value.
    fn and_or(&mut self, l: NodeId, r: NodeId, is_or: bool) -> Option<bool> {
        let dominant = is_or;
        // Both sides are decided first; only the sides the result rests on are traced.
        let lv = self.quietly(|s| s.decide(l));
        if lv == Some(dominant) {
            self.follow(false, |s| s.truth(l));
            return lv;
        }
        let rv = self.quietly(|s| s.decide(r));
        match (lv, rv) {
            (_, Some(v)) if v == dominant => {
                self.follow(false, |s| s.truth(r));
                Some(dominant)
            }
            (Some(_), Some(_)) => {
                self.follow(false, |s| s.truth(l));
                self.follow(false, |s| s.truth(r));
                Some(!dominant)
            }
            _ => {
                if lv.is_none() {
                    self.follow(true, |s| s.truth(l));
                }
                if rv.is_none() {
                    self.follow(true, |s| s.truth(r));
                }
                None
            }
        }
    }

    /// Runs `f` without a trace, so that it records nothing.
    fn quietly<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let trace = self.trace.take();
        let result = f(self);
        self.trace = trace;
        result
    }

    /// Runs `f` with a trace of its own and keeps what it traced: only its missing facts
    /// when `missing_only`.
    fn follow<T>(&mut self, missing_only: bool, f: impl FnOnce(&mut Self) -> T) {
        let (_, mark) = self.scoped(f);
        if missing_only {
            self.keep_missing(mark);
        }
    }

    /// Rows of a list source; `None` when the list itself is unknown.
    fn rows(&mut self, list: &ListSrc) -> Option<Rows<'a>> {
        match self.rec.list(list.fact) {
            Some(rows) => Some(rows),
            None => {
                self.missing(Place {
                    fact: list.fact,
                    cell: None,
                });
                None
            }
        }
    }

    fn bind_row(&mut self, list: &ListSrc, rows: Rows<'a>, row: usize) {
        self.env.truncate(usize::from(list.binder));
        self.env.push(Element {
            fact: list.fact,
            rows,
            row,
        });
    }

    /// Whether a row passes every filter (Kleene `and` of the filters).
    fn passes(&mut self, list: &ListSrc) -> Option<bool> {
        let mut result = Some(true);
        for f in &list.filters {
            match self.truth(*f) {
                Some(false) => return Some(false),
                None => result = None,
                Some(true) => {}
            }
        }
        result
    }

    #[inline(never)]
    fn quantifier(&mut self, kind: QuantKind, list: &ListSrc, body: NodeId) -> Option<bool> {
        if self.trace.is_none() {
            return self.quantifier_untraced(kind, list, body);
        }
        let rows = self.rows(list)?;
        let want = !matches!(kind, QuantKind::All); // any/none look for a true element
        // Each element is decided first; only the elements the result rests on are traced.
        let mut unknown = Vec::new();
        let mut others = Vec::new();
        let mut decided = None;
        for row in 0..rows.len() {
            self.bind_row(list, rows, row);
            match self.quietly(|s| s.element(list, body, want)) {
                Some(x) if x == want => {
                    decided = Some(row);
                    break;
                }
                None => unknown.push(row),
                Some(_) => others.push(row),
            }
        }
        let (traced, missing_only, result) = match decided {
            Some(row) => (vec![row], false, Some(matches!(kind, QuantKind::Any))),
            None if unknown.is_empty() => {
                let shown = if self.evidence { others } else { Vec::new() };
                (shown, false, Some(!matches!(kind, QuantKind::Any)))
            }
            None => (unknown, true, None),
        };
        for row in traced {
            self.bind_row(list, rows, row);
            self.follow(missing_only, |s| s.element(list, body, want));
        }
        self.env.truncate(usize::from(list.binder));
        result
    }

    /// The quantifier without a trace: no per-element bookkeeping at all.
    fn quantifier_untraced(
        &mut self,
        kind: QuantKind,
        list: &ListSrc,
        body: NodeId,
    ) -> Option<bool> {
        let rows = self.rows(list)?;
        let any = !matches!(kind, QuantKind::All);
        let mut unknown = false;
        for row in 0..rows.len() {
            self.bind_row(list, rows, row);
            match self.element(list, body, any) {
                Some(v) if v == any => {
                    self.env.truncate(usize::from(list.binder));
                    return Some(matches!(kind, QuantKind::Any));
                }
                None => unknown = true,
                Some(_) => {}
            }
        }
        self.env.truncate(usize::from(list.binder));
        if unknown {
            None
        } else {
            Some(!matches!(kind, QuantKind::Any))
        }
    }

    /// One bound element's value for a quantifier: `filters and body` when looking for a
    /// true element (`any`, `none`), `not filters or body` for `all`.
    fn element(&mut self, list: &ListSrc, body: NodeId, any: bool) -> Option<bool> {
        let pass = self.passes(list);
        if pass == Some(false) {
            return Some(!any);
        }
        let b = self.truth(body);
        if any {
            kleene::and(pass, b)
        } else {
            kleene::or(pass.map(|p| !p), b)
        }
    }

    #[inline(never)]
    fn count(&mut self, list: &ListSrc) -> Option<usize> {
        let rows = self.rows(list)?;
        let mut count = 0;
        let mut unknown = false;
        for row in 0..rows.len() {
            self.bind_row(list, rows, row);
            let (pass, mark) = self.scoped(|s| s.passes(list));
            match pass {
                Some(true) => count += 1,
                Some(false) => self.discard(mark),
                None => {
                    unknown = true;
                    self.keep_missing(mark);
                }
            }
        }
        self.env.truncate(usize::from(list.binder));
        (!unknown).then_some(count)
    }

    #[inline(never)]
    fn aggregate(&mut self, op: AggOp, list: &ListSrc, field: u16) -> Option<Value> {
        let rows = self.rows(list)?;
        let quantity = matches!(
            self.prog.facts.field(list.fact, field).map(|f| f.ty),
            Some(ScalarType::Quantity(_))
        );
        let mut acc: Option<Value> = None;
        let mut unknown = false;
        for row in 0..rows.len() {
            self.bind_row(list, rows, row);
            let (pass, mark) = self.scoped(|s| s.passes(list));
            let v = match pass {
                Some(false) => {
                    self.discard(mark);
                    continue;
                }
                None => {
                    self.keep_missing(mark);
                    unknown = true;
                    continue;
                }
                Some(true) => self.field(list.binder, field),
            };
            let Some(v) = v else {
                unknown = true;
                continue;
            };
            acc = Some(match (op, acc) {
                (_, None) => v,
                (AggOp::Sum, Some(a)) => arith(ArithOp::Add, &a, &v)?,
                (AggOp::Min, Some(a)) => {
                    if compare(CmpOp::Lt, &v, &a)? {
                        v
                    } else {
                        a
                    }
                }
                (AggOp::Max, Some(a)) => {
                    if compare(CmpOp::Gt, &v, &a)? {
                        v
                    } else {
                        a
                    }
                }
            });
        }
        self.env.truncate(usize::from(list.binder));
        if unknown {
            return None;
        }
        match (op, acc) {
            (AggOp::Sum, None) => Some(if quantity {
                Value::Qty(Decimal::ZERO)
            } else {
                Value::Num(Decimal::ZERO)
            }),
            (_, acc) => acc,
        }
    }

    #[inline(never)]
    fn at_least(&mut self, n: u32, items: &[NodeId]) -> Option<bool> {
        let n = n as usize;
        let (mut yes, mut unknown) = (0, 0);
        // Each item's value, kept only when tracing (to pick the items to trace).
        let mut values = Vec::new();
        for item in items {
            let v = self.quietly(|s| s.decide(*item));
            match v {
                Some(true) => yes += 1,
                None => unknown += 1,
                Some(false) => {}
            }
            if self.trace.is_some() {
                values.push(v);
            }
        }
        // Trace only the items the result rests on: the true ones, or the unknown ones.
        let (result, kept, missing_only) = if yes >= n {
            (Some(true), Some(true), false)
        } else if yes + unknown < n {
            return Some(false);
        } else {
            (None, None, true)
        };
        for (item, v) in items.iter().zip(values) {
            if v == kept {
                self.follow(missing_only, |s| s.truth(*item));
            }
        }
        result
    }
}

fn compare(op: CmpOp, a: &Value, b: &Value) -> Option<bool> {
    let ordering = match (a, b) {
        (Value::Num(x) | Value::Qty(x), Value::Num(y) | Value::Qty(y)) => x.cmp(y),
        (Value::Date(x), Value::Date(y)) => x.cmp(y),
        (Value::Enum(x), Value::Enum(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Text(x), Value::Text(y)) => x.cmp(y),
        _ => return None,
    };
    Some(match op {
        CmpOp::Eq => ordering == Ordering::Equal,
        CmpOp::Ne => ordering != Ordering::Equal,
        CmpOp::Lt => ordering == Ordering::Less,
        CmpOp::Le => ordering != Ordering::Greater,
        CmpOp::Gt => ordering == Ordering::Greater,
        CmpOp::Ge => ordering != Ordering::Less,
    })
}

fn arith(op: ArithOp, a: &Value, b: &Value) -> Option<Value> {
    let (x, y, qty) = match (a, b) {
        (Value::Num(x), Value::Num(y)) => (*x, *y, false),
        (Value::Qty(x), Value::Num(y)) | (Value::Num(x), Value::Qty(y)) => {
            (*x, *y, op != ArithOp::Div || matches!(a, Value::Qty(_)))
        }
        (Value::Qty(x), Value::Qty(y)) => (*x, *y, op != ArithOp::Div),
        _ => return None,
    };
    let r = match op {
        ArithOp::Add => x.checked_add(y),
        ArithOp::Sub => x.checked_sub(y),
        ArithOp::Mul => x.checked_mul(y),
        ArithOp::Div => x.checked_div(y),
    }?;
    Some(if qty { Value::Qty(r) } else { Value::Num(r) })
}

/// A value as evidence shows it: quantities in the fact's declared unit.
pub(crate) fn display(ty: ScalarType, value: &Value, prog: &Program) -> serde_json::Value {
    use serde_json::Value as J;
    match (ty, value) {
        (_, Value::Bool(b)) => J::Bool(*b),
        (_, Value::Num(n)) => serde_json::from_str(&n.normalize().to_string()).unwrap_or(J::Null),
        (ScalarType::Quantity(unit), Value::Qty(q)) => {
            let shown = unit
                .from_base(*q)
                .map_or_else(|| q.to_string(), |v| v.normalize().to_string());
            J::String(format!("{shown} {}", unit.symbol))
        }
        (_, Value::Qty(q)) => J::String(q.normalize().to_string()),
        (ScalarType::Enum(e), Value::Enum(i)) => J::String(
            prog.facts
                .enum_def(e)
                .map_or_else(|| i.to_string(), |d| d.name(*i).to_owned()),
        ),
        (_, Value::Enum(i)) => J::from(*i),
        (_, Value::Date(d)) => J::String(d.to_string()),
        (_, Value::Text(t)) => J::String(t.to_string()),
    }
}

#[cfg(test)]
mod tests;
