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
use super::trace::{Place, Seen, Trace, Via};
use crate::ast::{CmpOp, QuantKind};
use crate::compile::{
    AggOp, ArithOp, FactId, FactKind, ListSrc, Node, NodeId, Program, ScalarType,
};
use crate::report::Shown;
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

/// What a trace keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tracing {
    /// The values a result rests on, and the missing facts behind an unknown part.
    Evidence,
    /// Only the missing facts an unknown result rests on.
    Missing,
    /// For a condition that is unknown: its missing facts, and the known values that point
    /// towards it being true (what the record says in its favour).
    Support,
}

pub(crate) struct Eval<'a> {
    prog: &'a Program,
    rec: &'a Bound,
    /// Bound list elements, indexed by binder.
    env: Vec<Element<'a>>,
    /// A spare environment for derivations, which run in one of their own.
    spare: Vec<Element<'a>>,
    /// Each element's value, for the traced quantifiers being evaluated (a stack).
    row_values: Vec<Option<bool>>,
    trace: Option<Trace<'a>>,
    /// While tracing: whether evidence is wanted too, or only the missing facts.
    evidence: bool,
    /// While tracing for support: the value the node being traced would need for the
    /// condition to be true (it flips under `not`).
    support: Option<bool>,
    /// While tracing: whether the node being traced sits under an odd number of `not`s, so
    /// that the tests its values were put to are shown negated.
    negated: bool,
    /// Whether a derived fact that is unknown is named alone, without its missing parts.
    derived_alone: bool,
    /// Whether the record is partial, given ahead of an inspection that may still give any
    /// fact: then `known(…)` of a fact it does not give is unknown rather than false.
    partial: bool,
}

impl<'a> Eval<'a> {
    pub(crate) fn new(prog: &'a Program, rec: &'a Bound) -> Self {
        Self {
            prog,
            rec,
            env: Vec::new(),
            spare: Vec::new(),
            row_values: Vec::new(),
            trace: None,
            evidence: false,
            support: None,
            negated: false,
            derived_alone: false,
            partial: false,
        }
    }

    /// An evaluator that traces: see [`Eval::trace`].
    pub(crate) fn tracing(prog: &'a Program, rec: &'a Bound) -> Self {
        // Room for what a clause usually traces, so that one record's judging seldom grows it.
        let trace = Trace {
            seen: Vec::with_capacity(16),
            gaps: Vec::with_capacity(16),
        };
        Self {
            trace: Some(trace),
            ..Self::new(prog, rec)
        }
    }

    /// The same evaluator, naming an unknown derived fact alone rather than with the parts
    /// it could be derived from.
    pub(crate) fn naming_derived_alone(mut self) -> Self {
        self.derived_alone = true;
        self
    }

    /// The same evaluator over a partial record, given ahead of an inspection (what a
    /// checklist knows): `known(…)` of a fact the record does not give is unknown.
    pub(crate) fn partial(mut self) -> Self {
        self.partial = true;
        self
    }

    /// Whether the record gives a list fact (`known(list)`): unknown when a partial record
    /// does not.
    fn known_list(&self, fact: FactId) -> Option<bool> {
        let given = self.rec.list(fact).is_some();
        (given || !self.partial).then_some(given)
    }

    /// Evaluates a condition, adding to the trace what `how` asks for. Untraced evaluators
    /// just evaluate.
    pub(crate) fn trace(&mut self, id: NodeId, how: Tracing) -> Option<bool> {
        self.evidence = how != Tracing::Missing;
        self.support = (how == Tracing::Support).then_some(true);
        let value = self.truth(id);
        self.support = None;
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
            Node::Not(inner) => {
                self.support = self.support.map(|want| !want);
                self.negated = !self.negated;
                let value = self.truth(*inner).map(|b| !b);
                self.negated = !self.negated;
                self.support = self.support.map(|want| !want);
                value
            }
            Node::Cmp { op, lhs, rhs, .. } => self.compare(*op, *lhs, *rhs, id),
            Node::In {
                value,
                set,
                negated,
                ..
            } => self.member(*value, set, *negated, id),
            Node::InEnum {
                value,
                mask,
                negated,
                ..
            } => self.member_enum(*value, *mask, *negated, id),
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
                value: Cow::Borrowed(value),
                test: None,
                negated: false,
                via: Via::Record,
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
            Node::KnownList(fact) => self.known_list(*fact).map(Value::Bool),
            Node::Derived { fact, derivation } => self.derived_fact(*fact, *derivation),
            Node::DerivedField {
                binder,
                field,
                derivation,
            } => self.derived_field(*binder, *field, *derivation),
            Node::Known(inner) => {
                let (v, mark) = self.scoped(|s| s.eval(*inner));
                if v.is_none() {
                    self.discard(mark);
                    if self.partial {
                        return None;
                    }
                }
                Some(Value::Bool(v.is_some()))
            }
        }
    }

    // The arms below live out of line, so that the dispatcher above stays small: it is
    // re-entered for every node, and its frame size is paid on every call.

    #[inline(never)]
    fn compare(&mut self, op: CmpOp, lhs: NodeId, rhs: NodeId, test: NodeId) -> Option<bool> {
        let l = self.tested_operand(lhs, test);
        let r = self.operand(rhs);
        compare(op, &*l?, &*r?)
    }

    #[inline(never)]
    fn member(
        &mut self,
        value: NodeId,
        set: &[NodeId],
        negated: bool,
        test: NodeId,
    ) -> Option<bool> {
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
        test: NodeId,
    ) -> Option<bool> {
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

    /// Reads the tested side of a comparison (`test` is the comparison's node); when it is
    /// a fact or field read directly, its evidence entry records the test it was put to.
    fn tested_operand(&mut self, id: NodeId, test: NodeId) -> Option<Cow<'a, Value>> {
        let before = self.trace.as_ref().map_or(0, |t| t.seen.len());
        let value = self.operand(id);
        let direct = matches!(
            self.prog.node(id),
            Some(
                Node::Fact(_)
                    | Node::Field { .. }
                    | Node::Derived { .. }
                    | Node::DerivedField { .. }
            )
        );
        if let Some(trace) = &mut self.trace {
            // A fact's entry is the first it traced (a derived value's parts follow it).
            if let (true, Some(e)) = (direct, trace.seen.get_mut(before)) {
                e.test = Some(test);
                e.negated = self.negated;
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

    #[inline(never)]
    fn derived_fact(&mut self, fact: FactId, derivation: u32) -> Option<Value> {
        let ty = match &self.prog.facts.get(fact)?.kind {
            FactKind::Scalar(ty) => *ty,
            FactKind::List(_) => return None,
        };
        let stated = match self.rec.slot(fact) {
            Slot::Scalar(v) => Some(v),
            _ => None,
        };
        let place = Place { fact, cell: None };
        self.derived(place, ty, stated, None, derivation)
    }

    #[inline(never)]
    fn derived_field(&mut self, binder: u16, field: u16, derivation: u32) -> Option<Value> {
        let element = *self.env.get(usize::from(binder))?;
        let ty = self.prog.facts.field(element.fact, field)?.ty;
        let place = Place {
            fact: element.fact,
            cell: Some((u32::try_from(element.row).ok()?, field)),
        };
        self.derived(place, ty, element.get(field), Some(element), derivation)
    }

    /// A derived value: computed from its parts when they decide it, otherwise as the
    /// record states it. The derivation runs in an environment of its own (the element of
    /// a derived field at binder 0). Its trace shows the derived value first, marked
    /// computed, then the parts; or the stated value alone; or, when neither is known, the
    /// derived fact and then the parts as missing.
    fn derived(
        &mut self,
        place: Place,
        ty: ScalarType,
        stated: Option<&'a Value>,
        element: Option<Element<'a>>,
        derivation: u32,
    ) -> Option<Value> {
        let support = self.support.take();
        let (computed, mark) = self.scoped(|s| s.run_derivation(derivation, element));
        self.support = support;
        match (computed, stated) {
            (Some(v), _) => {
                if let (true, Some(trace)) = (self.evidence, &mut self.trace) {
                    let seen = Seen {
                        place,
                        ty,
                        value: Cow::Owned(v.clone()),
                        test: None,
                        negated: false,
                        via: Via::Computed,
                    };
                    trace.seen.insert(mark.evidence.min(trace.seen.len()), seen);
                }
                Some(v)
            }
            (None, Some(v)) => {
                self.discard(mark);
                if self.wants_evidence() {
                    self.evidence(place, ty, v);
                }
                Some(v.clone())
            }
            (None, None) => {
                if self.derived_alone {
                    self.discard(mark);
                }
                if let Some(trace) = &mut self.trace {
                    trace.gaps.insert(mark.missing.min(trace.gaps.len()), place);
                }
                None
            }
        }
    }

    /// A derivation's value in an environment of its own: the element of a derived field
    /// at binder 0, the derivation's own quantifiers after it.
    fn run_derivation(&mut self, derivation: u32, element: Option<Element<'a>>) -> Option<Value> {
        let expr = self.prog.derivations.get(derivation as usize)?.expr;
        self.within(element, |s| s.eval(expr))
    }

    /// Runs `f` in an environment holding only `element` (at binder 0), as a derivation
    /// runs, and restores the environment it was called in.
    fn within<T>(&mut self, element: Option<Element<'a>>, f: impl FnOnce(&mut Self) -> T) -> T {
        let mut env = std::mem::take(&mut self.spare);
        env.clear();
        env.extend(element);
        let outer = std::mem::replace(&mut self.env, env);
        let value = f(self);
        self.spare = std::mem::replace(&mut self.env, outer);
        value
    }

    /// Runs `f` in the environment the derivation of a fact (`row` `None`) or of a field of
    /// one row of a list fact runs in; `None` when the record does not give that list.
    pub(crate) fn in_derivation<T>(
        &mut self,
        row: Option<(FactId, usize)>,
        f: impl FnOnce(&mut Self) -> T,
    ) -> Option<T> {
        let element = match row {
            Some((fact, row)) => Some(Element {
                fact,
                rows: self.rec.list(fact)?,
                row,
            }),
            None => None,
        };
        Some(self.within(element, f))
    }

    /// A derivation's value alone (never the stated one), for a fact or for one row of a
    /// list fact: to compare with what a record states.
    pub(crate) fn derive(
        &mut self,
        derivation: u32,
        row: Option<(FactId, usize)>,
    ) -> Option<Value> {
        let expr = self.prog.derivations.get(derivation as usize)?.expr;
        self.in_derivation(row, |s| s.eval(expr)).flatten()
    }

    /// Binds row `row` of a list source's list at its binder, as a quantifier does for each
    /// element, so that the nodes inside can be evaluated one by one (explanations); false
    /// when the record does not give the list or has no such row.
    pub(crate) fn enter_row(&mut self, list: &ListSrc, row: usize) -> bool {
        match self.rec.list(list.fact) {
            Some(rows) if row < rows.len() => {
                self.bind_row(list, rows, row);
                true
            }
            _ => false,
        }
    }

    /// Unbinds what [`Eval::enter_row`] bound for a list source (and anything inside it).
    pub(crate) fn leave_rows(&mut self, list: &ListSrc) {
        self.env.truncate(usize::from(list.binder));
    }

    /// The list fact and row bound at `binder`, if any.
    pub(crate) fn bound_row(&self, binder: u16) -> Option<(FactId, usize)> {
        self.env
            .get(usize::from(binder))
            .map(|element| (element.fact, element.row))
    }

    /// Kleene `and` (`or` when `is_or`): the dominant value (false for and, true for or)
    /// decides alone; otherwise unknown wins over the other value.
    fn and_or(&mut self, l: NodeId, r: NodeId, is_or: bool) -> Option<bool> {
        let dominant = is_or;
        if self.trace.is_none() {
            // Nothing to trace: each side once (following a side again would evaluate it
            // twice at every level, twice the work per level of nesting).
            let lv = self.truth(l);
            if lv == Some(dominant) {
                return lv;
            }
            let rv = self.truth(r);
            return if is_or {
                kleene::or(lv, rv)
            } else {
                kleene::and(lv, rv)
            };
        }
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
                // Unknown: follow the unknown sides; when tracing for support, also the
                // known sides that point the way the condition needs.
                let support = self.support;
                for (side, value) in [(l, lv), (r, rv)] {
                    match (value, support) {
                        (None, _) => self.follow(support.is_none(), |s| s.truth(side)),
                        (Some(v), Some(want)) if v == want => {
                            self.follow(false, |s| s.truth(side));
                        }
                        _ => {}
                    }
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
    pub(crate) fn passes(&mut self, list: &ListSrc) -> Option<bool> {
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
        // Each element is decided first, its value kept on a stack that nested quantifiers
        // share; only the elements the result rests on are then traced.
        let start = self.row_values.len();
        let mut decided = None;
        let mut unknown = false;
        for row in 0..rows.len() {
            self.bind_row(list, rows, row);
            let value = self.quietly(|s| s.element(list, body, want));
            self.row_values.push(value);
            match value {
                Some(x) if x == want => {
                    decided = Some(row);
                    break;
                }
                None => unknown = true,
                Some(_) => {}
            }
        }
        // Which rows to trace: the one that decided, or every row when none did (their
        // evidence, when it is wanted), or the unknown rows.
        let (traced, missing_only, result) = match decided {
            Some(_) => (
                Some(Some(want)),
                false,
                Some(matches!(kind, QuantKind::Any)),
            ),
            None if !unknown => {
                let shown = self.evidence.then_some(Some(!want));
                (shown, false, Some(!matches!(kind, QuantKind::Any)))
            }
            None => (Some(None), self.support.is_none(), None),
        };
        // `none` looks for a true element, so an element supports it by being false.
        let support = self.support;
        if kind == QuantKind::None {
            self.support = support.map(|w| !w);
        }
        if let Some(traced) = traced {
            for row in 0..rows.len() {
                if self.row_values.get(start + row).copied() != Some(traced) {
                    continue;
                }
                self.bind_row(list, rows, row);
                self.follow(missing_only, |s| s.element(list, body, want));
            }
        }
        self.support = support;
        self.row_values.truncate(start);
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
    pub(crate) fn element(&mut self, list: &ListSrc, body: NodeId, any: bool) -> Option<bool> {
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
        // Trace only the items the result rests on: the true ones, or the unknown ones
        // (with the true ones too when tracing for support).
        let support = self.support;
        let (result, missing_only) = if yes >= n {
            (Some(true), false)
        } else if yes + unknown < n {
            return Some(false);
        } else {
            (None, support.is_none())
        };
        for (item, v) in items.iter().zip(values) {
            let kept = match (result, v) {
                (Some(_), v) => v == Some(true),
                (None, None) => true,
                (None, Some(v)) => support == Some(v),
            };
            if kept {
                let missing_only = missing_only && v.is_none();
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

/// A value as evidence shows it: quantities in the fact's declared unit, enums by name.
pub(crate) fn display<'p>(ty: ScalarType, value: &Value, prog: &'p Program) -> Shown<'p> {
    match (ty, value) {
        (_, Value::Bool(b)) => Shown::Bool(*b),
        (_, Value::Num(n)) => Shown::Number(n.normalize()),
        (ScalarType::Quantity(unit), Value::Qty(q)) => Shown::Quantity(
            unit.from_base(*q).unwrap_or(*q).normalize(),
            Cow::Borrowed(unit.symbol),
        ),
        (_, Value::Qty(q)) => Shown::Number(q.normalize()),
        (ScalarType::Enum(e), Value::Enum(i)) => Shown::Text(
            prog.facts
                .enum_def(e)
                .map_or_else(|| Cow::Owned(i.to_string()), |d| Cow::Borrowed(d.name(*i))),
        ),
        (_, Value::Enum(i)) => Shown::Number(Decimal::from(*i)),
        (_, Value::Date(d)) => Shown::Date(*d),
        (_, Value::Text(t)) => Shown::Text(Cow::Owned(t.to_string())),
    }
}

#[cfg(test)]
mod tests;
