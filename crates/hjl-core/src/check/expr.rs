//! Expression typing: resolves paths to facts, fields, definitions and enum variants;
//! checks types and units; emits IR nodes.

use rust_decimal::Decimal;

use super::err::CheckError;
use super::scope::{FileChecker, Scope};
use super::to_span;
use crate::ast::{BinaryOp, CmpOp, Expr, ExprKind, Ident, LetDef, QuantKind, Span, UnaryOp};
use crate::compile::{AggOp, ArithOp, FactId, FactKind, ListSrc, Node, NodeId, ScalarType};
use crate::diagnostic::did_you_mean;
use crate::units::{CalendarUnit, Dimension, Unit};
use crate::value::Value;

/// The static type of a value expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Type {
    Bool,
    Integer,
    Number,
    Quantity(Dimension),
    Enum(u32),
    Date,
    Text,
}

impl Type {
    pub(super) fn from_scalar(t: ScalarType) -> Self {
        match t {
            ScalarType::Bool => Type::Bool,
            ScalarType::Integer => Type::Integer,
            ScalarType::Number => Type::Number,
            ScalarType::Quantity(u) => Type::Quantity(u.dimension),
            ScalarType::Enum(e) => Type::Enum(e),
            ScalarType::Date => Type::Date,
            ScalarType::Text => Type::Text,
        }
    }

    pub(super) fn numeric(self) -> bool {
        matches!(self, Type::Integer | Type::Number)
    }
}

/// What an expression turned out to be.
#[derive(Debug, Clone)]
pub(super) enum Checked {
    Value(NodeId, Type),
    List(ListSrc),
    /// `list.field`, only meaningful inside `sum`, `min`, `max`.
    Projection(ListSrc, u16, ScalarType),
    /// A bare word not yet resolved: an enum variant once the other operand says which enum.
    Word(String, Span),
    /// `3 years`: only for shifting dates.
    Calendar(i32),
    /// Already reported.
    Error,
}

impl FileChecker<'_> {
    pub(super) fn describe(&self, t: Type) -> String {
        match t {
            Type::Bool => "条件".to_owned(),
            Type::Integer => "整数".to_owned(),
            Type::Number => "数字".to_owned(),
            Type::Quantity(d) => d.label().to_owned(),
            Type::Enum(e) => {
                let first = self.prog.facts.enum_def(e).map(|d| {
                    d.variants
                        .iter()
                        .take(3)
                        .map(|(n, _)| n.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                });
                format!("枚举值（{}……）", first.unwrap_or_default())
            }
            Type::Date => "日期".to_owned(),
            Type::Text => "文字".to_owned(),
        }
    }

    fn describe_checked(&self, c: &Checked) -> String {
        match c {
            Checked::Value(_, t) => self.describe(*t),
            Checked::List(_) => "列表".to_owned(),
            Checked::Projection(..) => "列表中各项的字段值".to_owned(),
            Checked::Word(w, _) => format!("单独的词 `{w}`"),
            Checked::Calendar(_) => "以年、月计的期间".to_owned(),
            Checked::Error => "无效的写法".to_owned(),
        }
    }

    fn constant(&mut self, v: Value) -> NodeId {
        self.prog.push(Node::Const(v))
    }

    pub(super) fn dummy(&mut self) -> NodeId {
        self.constant(Value::Bool(false))
    }

    /// For an expression of the wrong kind: whether it is already reported (an error, or a
    /// bare word, reported here as an unknown name), so the caller adds no diagnostic.
    fn already_reported(&mut self, checked: &Checked) -> bool {
        match checked {
            Checked::Error => true,
            Checked::Word(w, span) => {
                self.unknown_name(w, *span);
                true
            }
            _ => false,
        }
    }

    /// Checks an expression that must be true or false.
    pub fn condition(&mut self, e: &Expr) -> NodeId {
        match self.expr(e) {
            Checked::Value(id, Type::Bool) => id,
            other if self.already_reported(&other) => self.dummy(),
            other => {
                let found = self.describe_checked(&other);
                let help = matches!(other, Checked::List(_)).then(|| {
                    "用 `any x in 列表: ...` 或 `count(列表) > 0` 判断列表中的项".to_owned()
                });
                self.error(CheckError::ExpectedBool {
                    found,
                    span: to_span(e.span),
                    help,
                });
                self.dummy()
            }
        }
    }

    /// Checks an expression that must be a single value (any type).
    pub(super) fn value(&mut self, e: &Expr) -> Option<(NodeId, Type)> {
        match self.expr(e) {
            Checked::Value(id, t) => Some((id, t)),
            other if self.already_reported(&other) => None,
            other => {
                let found = self.describe_checked(&other);
                self.error(CheckError::BadOperand {
                    what: "当作单个取值".to_owned(),
                    found,
                    span: to_span(e.span),
                    help: None,
                });
                None
            }
        }
    }

    fn list(&mut self, e: &Expr) -> Option<ListSrc> {
        match self.expr(e) {
            Checked::List(l) => Some(l),
            other if self.already_reported(&other) => None,
            other => {
                let found = self.describe_checked(&other);
                let lists = self.visible_lists();
                self.error(CheckError::ExpectedList {
                    found,
                    span: to_span(e.span),
                    help: (!lists.is_empty())
                        .then(|| format!("这里可用的列表事实：{}", lists.join("、"))),
                });
                None
            }
        }
    }

    fn visible_lists(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .visible
            .iter()
            .filter_map(|id| self.prog.facts.get(*id))
            .filter(|f| matches!(f.kind, FactKind::List(_)))
            .map(|f| format!("`{}`", f.path))
            .collect();
        out.sort();
        out.truncate(5);
        out
    }

    pub(super) fn expr(&mut self, e: &Expr) -> Checked {
        match &e.kind {
            ExprKind::Bool(b) => Checked::Value(self.constant(Value::Bool(*b)), Type::Bool),
            ExprKind::Number(n) => {
                let t = if n.scale() == 0 {
                    Type::Integer
                } else {
                    Type::Number
                };
                Checked::Value(self.constant(Value::Num(*n)), t)
            }
            ExprKind::Quantity(n, unit) => {
                let checked = self.quantity(*n, unit);
                if let Checked::Value(id, _) = checked {
                    let text = self.text_of(e.span);
                    self.prog.keep_text(id, text);
                }
                checked
            }
            ExprKind::Date(d) => Checked::Value(self.constant(Value::Date(*d)), Type::Date),
            ExprKind::Text(s) => {
                Checked::Value(self.constant(Value::Text(s.as_str().into())), Type::Text)
            }
            ExprKind::Path(segments) => self.path(segments, e.span),
            ExprKind::List(_) => {
                self.error(CheckError::InNeedsList {
                    span: to_span(e.span),
                });
                Checked::Error
            }
            ExprKind::Unary(UnaryOp::Not, inner) => {
                let id = self.condition(inner);
                Checked::Value(self.prog.push(Node::Not(id)), Type::Bool)
            }
            ExprKind::Unary(UnaryOp::Neg, inner) => match self.value(inner) {
                Some((id, t)) if t.numeric() || matches!(t, Type::Quantity(_)) => {
                    Checked::Value(self.prog.push(Node::Neg(id)), t)
                }
                Some((_, t)) => {
                    let found = self.describe(t);
                    self.error(CheckError::BadOperand {
                        what: "取负".to_owned(),
                        found,
                        span: to_span(e.span),
                        help: None,
                    });
                    Checked::Error
                }
                None => Checked::Error,
            },
            ExprKind::Binary(op, lhs, rhs) => self.binary(*op, lhs, rhs, e.span),
            ExprKind::Where(list, filter) => {
                let Some(mut src) = self.list(list) else {
                    return Checked::Error;
                };
                self.scopes.push(Scope::Element {
                    fact: src.fact,
                    binder: src.binder,
                });
                let f = self.condition(filter);
                self.scopes.pop();
                src.filters.push(f);
                Checked::List(src)
            }
            ExprKind::Quantifier {
                kind,
                var,
                domain,
                body,
            } => self.quantifier(*kind, var, domain, body),
            ExprKind::AtLeast { n, items } => {
                let ids: Vec<NodeId> = items.iter().map(|i| self.condition(i)).collect();
                if n.node as usize > ids.len() || n.node == 0 {
                    self.error(CheckError::AtLeastTooMany {
                        n: n.node,
                        count: ids.len(),
                        span: to_span(n.span),
                    });
                }
                Checked::Value(
                    self.prog.push(Node::AtLeast {
                        n: n.node,
                        items: ids,
                    }),
                    Type::Bool,
                )
            }
            ExprKind::Call { func, arg } => self.call(func, arg),
        }
    }

    fn quantity(&mut self, n: Decimal, unit: &Ident) -> Checked {
        if let Some(cal) = CalendarUnit::from_symbol(&unit.node) {
            let months = if n.fract().is_zero() {
                i32::try_from(n.mantissa() / 10_i128.pow(n.scale())).ok()
            } else {
                None
            };
            let Some(months) =
                months.and_then(|m| m.checked_mul(if cal == CalendarUnit::Year { 12 } else { 1 }))
            else {
                self.error(CheckError::BadOperand {
                    what: "写成小数".to_owned(),
                    found: "以年、月计的期间".to_owned(),
                    span: to_span(unit.span),
                    help: Some("年数和月数只能是整数".to_owned()),
                });
                return Checked::Error;
            };
            return Checked::Calendar(months);
        }
        match Unit::from_symbol(&unit.node) {
            Some(u) => match u.to_base(n) {
                Some(base) => {
                    Checked::Value(self.constant(Value::Qty(base)), Type::Quantity(u.dimension))
                }
                None => Checked::Error,
            },
            None => {
                let candidates = Unit::symbols().chain(["years", "months"]);
                let help = did_you_mean(&unit.node, candidates);
                self.error(CheckError::UnknownUnit {
                    unit: unit.node.clone(),
                    span: to_span(unit.span),
                    help,
                });
                Checked::Error
            }
        }
    }

    fn unknown_name(&mut self, name: &str, span: Span) {
        let mut candidates: Vec<String> = self
            .visible
            .iter()
            .filter_map(|id| self.prog.facts.get(*id))
            .map(|f| f.path.clone())
            .collect();
        candidates.extend(self.lets.keys().cloned());
        for scope in self.scopes.iter().skip(self.hidden_below) {
            match scope {
                Scope::Named { name, .. } => candidates.push(name.clone()),
                Scope::Element { fact, .. } => {
                    if let Some(FactKind::List(fields)) =
                        self.prog.facts.get(*fact).map(|f| &f.kind)
                    {
                        candidates.extend(fields.iter().map(|f| f.name.clone()));
                    }
                }
            }
        }
        let mut help = did_you_mean(name, candidates.iter().map(String::as_str));
        if help.is_none() {
            let home = self
                .prog
                .facts
                .by_path
                .get(name)
                .and_then(|id| self.declared.home_of(*id));
            if home.is_some() {
                help = Some("这个事实声明在本文件没有导入的文件中".to_owned());
            } else if name.contains('.') {
                // Most often a shared fact whose vocabulary is neither imported nor loaded.
                help = Some(
                    "如果它声明在词汇表中，在本文件开头写 `import` 加词汇表名称（每份记录都有的事实，如 `inspection.date`，在 `import common` 中）"
                        .to_owned(),
                );
            }
        }
        self.error(CheckError::UnknownName {
            name: name.to_owned(),
            span: to_span(span),
            help,
        });
    }

    fn path(&mut self, segments: &[Ident], span: Span) -> Checked {
        let Some(first) = segments.first() else {
            return Checked::Error;
        };
        // 1. A quantifier variable, innermost first.
        let visible_scopes: Vec<Scope> = self
            .scopes
            .iter()
            .skip(self.hidden_below)
            .rev()
            .cloned()
            .collect();
        for scope in &visible_scopes {
            if let Scope::Named { name, fact, binder } = scope {
                if *name == first.node {
                    return self.element_field(
                        *fact,
                        *binder,
                        name,
                        segments.get(1..).unwrap_or(&[]),
                        span,
                    );
                }
            }
        }
        // 2. A bare field of the element a `where` filter is looking at.
        if segments.len() == 1 {
            for scope in &visible_scopes {
                if let Scope::Element { fact, binder } = scope {
                    if let Some(c) = self.field_of(*fact, *binder, &first.node) {
                        return c;
                    }
                }
            }
            // 3. A definition.
            if let Some(def) = self.lets.get(first.node.as_str()).copied() {
                return self.expand_let(def, span);
            }
        }
        let joined = segments
            .iter()
            .map(|s| s.node.as_str())
            .collect::<Vec<_>>()
            .join(".");
        // 4. A fact.
        if let Some(&id) = self.prog.facts.by_path.get(&joined) {
            if !self.visible.contains(&id) {
                let vocabulary = self.home_name(id);
                self.error(CheckError::NotImported {
                    name: joined,
                    vocabulary: vocabulary.clone(),
                    span: to_span(span),
                    help: Some(format!("加上 `import {vocabulary}`")),
                });
                return Checked::Error;
            }
            self.used.insert(id);
            if self.declared.is_poisoned(id) {
                return Checked::Error;
            }
            return match self.prog.facts.get(id).map(|f| f.kind.clone()) {
                Some(FactKind::Scalar(t)) => {
                    let node = match self.derivation_of(id, None) {
                        Some(derivation) => Node::Derived {
                            fact: id,
                            derivation,
                        },
                        None => Node::Fact(id),
                    };
                    Checked::Value(self.prog.push(node), Type::from_scalar(t))
                }
                Some(FactKind::List(_)) => Checked::List(self.new_list(id)),
                None => Checked::Error,
            };
        }
        // 5. `list.field`: a projection for aggregates.
        if let Some((last, init)) = segments.split_last() {
            let prefix = init
                .iter()
                .map(|s| s.node.as_str())
                .collect::<Vec<_>>()
                .join(".");
            if let Some(&id) = self.prog.facts.by_path.get(&prefix) {
                if let Some(FactKind::List(fields)) =
                    self.prog.facts.get(id).map(|f| f.kind.clone())
                {
                    if self.visible.contains(&id) {
                        self.used.insert(id);
                        return match fields.iter().position(|f| f.name == last.node) {
                            Some(i) => {
                                let field = u16::try_from(i).unwrap_or(u16::MAX);
                                let ty = fields.get(i).map_or(ScalarType::Text, |f| f.ty);
                                Checked::Projection(self.new_list(id), field, ty)
                            }
                            None => {
                                let help = did_you_mean(
                                    &last.node,
                                    fields.iter().map(|f| f.name.as_str()),
                                );
                                self.error(CheckError::UnknownField {
                                    field: last.node.clone(),
                                    list: prefix,
                                    span: to_span(last.span),
                                    help,
                                });
                                Checked::Error
                            }
                        };
                    }
                }
            }
        }
        if segments.len() == 1 {
            return Checked::Word(first.node.clone(), span);
        }
        self.unknown_name(&joined, span);
        Checked::Error
    }

    fn home_name(&self, id: FactId) -> String {
        self.declared
            .home_of(id)
            .and_then(|f| self.prog.files.get(f))
            .map(|name| {
                let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
                base.trim_end_matches(".hjl").to_owned()
            })
            .unwrap_or_default()
    }

    /// The list fact a bare path names, if it names one (no filter, no diagnostics).
    fn peek_list(&self, e: &Expr) -> Option<FactId> {
        let ExprKind::Path(segments) = &e.kind else {
            return None;
        };
        let joined = segments
            .iter()
            .map(|s| s.node.as_str())
            .collect::<Vec<_>>()
            .join(".");
        let id = *self.prog.facts.by_path.get(&joined)?;
        let is_list = matches!(self.prog.facts.get(id)?.kind, FactKind::List(_));
        (is_list && self.visible.contains(&id)).then_some(id)
    }

    fn new_list(&self, fact: FactId) -> ListSrc {
        ListSrc {
            fact,
            binder: u16::try_from(self.scopes.len()).unwrap_or(u16::MAX),
            filters: Vec::new(),
        }
    }

    fn field_of(&mut self, fact: FactId, binder: u16, name: &str) -> Option<Checked> {
        let FactKind::List(fields) = &self.prog.facts.get(fact)?.kind else {
            return None;
        };
        let i = fields.iter().position(|f| f.name == name)?;
        let ty = fields.get(i)?.ty;
        let field = u16::try_from(i).ok()?;
        let node = match self.derivation_of(fact, Some(field)) {
            Some(derivation) => Node::DerivedField {
                binder,
                field,
                derivation,
            },
            None => Node::Field { binder, field },
        };
        Some(Checked::Value(self.prog.push(node), Type::from_scalar(ty)))
    }

    /// The derivation a use of a fact (or of a list's field) in this file reads, noting
    /// the dependency when a derivation is being checked.
    fn derivation_of(&mut self, fact: FactId, field: Option<u16>) -> Option<u32> {
        let derivation = *self.derived.get(&(fact, field))?;
        if let Some(current) = self.current_derivation {
            self.derivation_deps.push((current, derivation));
        }
        Some(derivation)
    }

    fn element_field(
        &mut self,
        fact: FactId,
        binder: u16,
        var: &str,
        rest: &[Ident],
        span: Span,
    ) -> Checked {
        // The list's field names, wanted only for an error's help.
        let fields = |this: &Self| -> Vec<String> {
            match this.prog.facts.get(fact).map(|f| &f.kind) {
                Some(FactKind::List(fields)) => fields.iter().map(|f| f.name.clone()).collect(),
                _ => Vec::new(),
            }
        };
        match rest {
            [field] => match self.field_of(fact, binder, &field.node) {
                Some(c) => c,
                None => {
                    let fields = fields(self);
                    let list = self.prog.facts.path(fact).to_owned();
                    let help = did_you_mean(&field.node, fields.iter().map(String::as_str));
                    self.error(CheckError::UnknownField {
                        field: field.node.clone(),
                        list,
                        span: to_span(field.span),
                        help,
                    });
                    Checked::Error
                }
            },
            _ => {
                let help = fields(self).first().map(|f| format!("如 `{var}.{f}`"));
                self.error(CheckError::ElementWithoutField {
                    name: var.to_owned(),
                    span: to_span(span),
                    help,
                });
                Checked::Error
            }
        }
    }

    /// Expands a definition at its use site: its body is checked again in the current scope
    /// depth (errors are reported only once, at its first expansion).
    pub(super) fn expand_let(&mut self, def: &LetDef, span: Span) -> Checked {
        if self.expanding.contains(&def.name.node) {
            // Reported even inside a quiet re-expansion: that is where a cycle shows.
            let e = CheckError::CyclicLet {
                name: def.name.node.clone(),
                span: to_span(span),
            };
            self.cycle(e, span);
            return Checked::Error;
        }
        let first = span == def.name.span;
        if !first {
            self.quiet += 1;
        }
        self.expanding.push(def.name.node.clone());
        let hidden = std::mem::replace(&mut self.hidden_below, self.scopes.len());
        let checked = self.expr(&def.value);
        self.hidden_below = hidden;
        self.expanding.pop();
        if !first {
            self.quiet -= 1;
        }
        checked
    }

    fn quantifier(&mut self, kind: QuantKind, var: &Ident, domain: &Expr, body: &Expr) -> Checked {
        let Some(list) = self.list(domain) else {
            return Checked::Error;
        };
        self.scopes.push(Scope::Named {
            name: var.node.clone(),
            fact: list.fact,
            binder: list.binder,
        });
        let body = self.condition(body);
        self.scopes.pop();
        Checked::Value(self.prog.push(Node::Quant { kind, list, body }), Type::Bool)
    }

    fn call(&mut self, func: &Ident, arg: &Expr) -> Checked {
        match func.node.as_str() {
            "count" => match self.list(arg) {
                Some(list) => Checked::Value(self.prog.push(Node::Count(list)), Type::Integer),
                None => Checked::Error,
            },
            "sum" | "min" | "max" => {
                let op = match func.node.as_str() {
                    "sum" => AggOp::Sum,
                    "min" => AggOp::Min,
                    _ => AggOp::Max,
                };
                match self.expr(arg) {
                    Checked::Projection(list, field, _)
                        if self.derived.contains_key(&(list.fact, Some(field))) =>
                    {
                        self.error(CheckError::BadOperand {
                            what: format!("求 `{}`", func.node),
                            found: "推算的字段".to_owned(),
                            span: to_span(arg.span),
                            help: Some("对推算它所依据的字段求值".to_owned()),
                        });
                        Checked::Error
                    }
                    Checked::Projection(list, field, ty) => {
                        let t = Type::from_scalar(ty);
                        let ok = t.numeric()
                            || matches!(t, Type::Quantity(_))
                            || (op != AggOp::Sum && t == Type::Date);
                        if !ok {
                            let found = self.describe(t);
                            self.error(CheckError::BadOperand {
                                what: format!("求 `{}`", func.node),
                                found,
                                span: to_span(arg.span),
                                help: None,
                            });
                            return Checked::Error;
                        }
                        Checked::Value(self.prog.push(Node::Agg { op, list, field }), t)
                    }
                    Checked::Error => Checked::Error,
                    _ => {
                        let lists = self.visible_lists();
                        self.error(CheckError::AggregateNeedsField {
                            func: func.node.clone(),
                            span: to_span(arg.span),
                            help: (!lists.is_empty())
                                .then(|| format!("这里可用的列表事实：{}", lists.join("、"))),
                        });
                        Checked::Error
                    }
                }
            }
            "known" if self.peek_list(arg).is_some() => {
                let Some(list) = self.peek_list(arg) else {
                    return Checked::Error;
                };
                self.used.insert(list);
                Checked::Value(self.prog.push(Node::KnownList(list)), Type::Bool)
            }
            "known" => match self.value(arg) {
                Some((id, _))
                    if matches!(
                        self.prog.node(id),
                        Some(
                            Node::Fact(_)
                                | Node::Field { .. }
                                | Node::Derived { .. }
                                | Node::DerivedField { .. }
                        )
                    ) =>
                {
                    Checked::Value(self.prog.push(Node::Known(id)), Type::Bool)
                }
                Some(_) => {
                    self.error(CheckError::BadOperand {
                        what: "用 `known` 判断".to_owned(),
                        found: "算出来的值".to_owned(),
                        span: to_span(arg.span),
                        help: Some("`known(x)` 只用于事实或字段".to_owned()),
                    });
                    Checked::Error
                }
                None => Checked::Error,
            },
            other => {
                let help = did_you_mean(other, ["count", "sum", "min", "max", "known"]);
                self.error(CheckError::UnknownFunction {
                    name: other.to_owned(),
                    span: to_span(func.span),
                    help,
                });
                Checked::Error
            }
        }
    }

    fn binary(&mut self, op: BinaryOp, lhs: &Expr, rhs: &Expr, span: Span) -> Checked {
        match op {
            BinaryOp::And | BinaryOp::Or => {
                let l = self.condition(lhs);
                let r = self.condition(rhs);
                let node = if op == BinaryOp::And {
                    Node::And(l, r)
                } else {
                    Node::Or(l, r)
                };
                Checked::Value(self.prog.push(node), Type::Bool)
            }
            BinaryOp::Cmp(cmp) => self.compare(cmp, lhs, rhs, span),
            BinaryOp::In | BinaryOp::NotIn => self.membership(op == BinaryOp::NotIn, lhs, rhs),
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => {
                self.arithmetic(op, lhs, rhs, span)
            }
        }
    }

    /// Resolves one operand against the type of the other: bare words and strings become
    /// enum variants when the other side is an enum.
    fn operand_as(
        &mut self,
        checked: Checked,
        other: Option<Type>,
        span: Span,
    ) -> Option<(NodeId, Type)> {
        match (checked, other) {
            (Checked::Word(w, wspan), Some(Type::Enum(e))) => self.variant(&w, e, wspan),
            (Checked::Value(id, Type::Text), Some(Type::Enum(e))) => {
                let text = match self.prog.node(id) {
                    Some(Node::Const(Value::Text(t))) => t.to_string(),
                    _ => return Some((id, Type::Text)),
                };
                self.variant(&text, e, span)
            }
            (Checked::Value(id, t), _) => Some((id, t)),
            (Checked::Word(w, wspan), _) => {
                self.unknown_name(&w, wspan);
                None
            }
            (Checked::Error, _) => None,
            (other, _) => {
                let found = self.describe_checked(&other);
                let help = matches!(other, Checked::List(_))
                    .then(|| "比较其中的字段：`any x in 列表: x.字段 ...`".to_owned());
                self.error(CheckError::BadOperand {
                    what: "用来比较".to_owned(),
                    found,
                    span: to_span(span),
                    help,
                });
                None
            }
        }
    }

    fn variant(&mut self, word: &str, e: u32, span: Span) -> Option<(NodeId, Type)> {
        let def = self.prog.facts.enum_def(e)?.clone();
        match def.lookup(word) {
            Some(i) => Some((self.constant(Value::Enum(i)), Type::Enum(e))),
            None => {
                let help = did_you_mean(word, def.variants.iter().map(|(n, _)| n.as_str()));
                let choices = def
                    .variants
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join("、");
                self.error(CheckError::UnknownVariant {
                    word: word.to_owned(),
                    choices,
                    span: to_span(span),
                    help,
                });
                None
            }
        }
    }

    fn compare(&mut self, op: CmpOp, lhs: &Expr, rhs: &Expr, span: Span) -> Checked {
        let l = self.expr(lhs);
        let r = self.expr(rhs);
        let lt = if let Checked::Value(_, t) = &l {
            Some(*t)
        } else {
            None
        };
        let rt = if let Checked::Value(_, t) = &r {
            Some(*t)
        } else {
            None
        };
        let (Some((lid, lt)), Some((rid, rt))) = (
            self.operand_as(l, rt, lhs.span),
            self.operand_as(r, lt, rhs.span),
        ) else {
            return Checked::Error;
        };
        if !self.comparable(op, (lid, lt, lhs), (rid, rt, rhs), span) {
            return Checked::Error;
        }
        if self.lint {
            self.lint_unit_scale(lid, rhs);
            self.lint_unit_scale(rid, lhs);
        }
        let test = format!("{} {}", op.symbol(), self.text_of(rhs.span)).into();
        Checked::Value(
            self.prog.push(Node::Cmp {
                op,
                lhs: lid,
                rhs: rid,
                test,
            }),
            Type::Bool,
        )
    }

    /// W0102 when `threshold` is a quantity written a thousandfold off the unit of the fact
    /// or field at `fact`.
    fn lint_unit_scale(&mut self, fact: NodeId, threshold: &Expr) {
        let ExprKind::Quantity(value, unit) = &threshold.kind else {
            return;
        };
        let (Some(declared), Some(written)) =
            (self.declared_unit(fact), Unit::from_symbol(&unit.node))
        else {
            return;
        };
        if !super::lint::off_scale(written, declared) {
            return;
        }
        let name = match self.prog.node(fact) {
            Some(Node::Fact(f)) => self.prog.facts.path(*f).to_owned(),
            _ => "这个字段".to_owned(),
        };
        self.error(CheckError::UnitScale {
            written: self.text_of(threshold.span).to_owned(),
            declared: declared.symbol.to_owned(),
            fact: name,
            span: to_span(threshold.span),
            help: Some(format!(
                "`{1}` 即 {2} {0}。请核对标准原文：如果写的是 {value} {0}，就写 `{value} {0}`；如果确实是 `{1}`，在条款上方写 `// hjl-allow: W0102` 说明",
                declared.symbol,
                self.text_of(threshold.span),
                written
                    .to_base(*value)
                    .and_then(|base| declared.from_base(base))
                    .map_or_else(|| "?".to_owned(), |v| v.normalize().to_string()),
            )),
        });
    }

    /// The unit a fact or field operand is declared in, for help lines.
    fn declared_unit(&self, id: NodeId) -> Option<&'static Unit> {
        let ty = match self.prog.node(id)? {
            Node::Fact(f) => match &self.prog.facts.get(*f)?.kind {
                FactKind::Scalar(t) => *t,
                FactKind::List(_) => return None,
            },
            Node::Field { binder, field } => {
                let fact = self.scopes.iter().find_map(|s| match s {
                    Scope::Named {
                        fact, binder: b, ..
                    }
                    | Scope::Element { fact, binder: b }
                        if b == binder =>
                    {
                        Some(*fact)
                    }
                    _ => None,
                })?;
                self.prog.facts.field(fact, *field)?.ty
            }
            _ => return None,
        };
        match ty {
            ScalarType::Quantity(u) => Some(u),
            _ => None,
        }
    }

    fn is_zero(&self, id: NodeId) -> bool {
        matches!(self.prog.node(id), Some(Node::Const(Value::Num(z))) if z.is_zero())
    }

    fn comparable(
        &mut self,
        op: CmpOp,
        (lid, lt, lhs): (NodeId, Type, &Expr),
        (rid, rt, rhs): (NodeId, Type, &Expr),
        span: Span,
    ) -> bool {
        let ordering = !matches!(op, CmpOp::Eq | CmpOp::Ne);
        let same = match (lt, rt) {
            (a, b) if a.numeric() && b.numeric() => return true,
            (Type::Quantity(a), Type::Quantity(b)) if a == b => return true,
            (Type::Quantity(a), Type::Quantity(b)) => {
                let unit = self.declared_unit(lid).unwrap_or_else(|| a.base_unit());
                self.error(CheckError::DimensionMismatch {
                    left: a.label().to_owned(),
                    right: b.label().to_owned(),
                    span: to_span(span),
                    help: Some(format!(
                        "右边也要写成{}，如以 `{}` 为单位",
                        a.label(),
                        unit.symbol
                    )),
                });
                return false;
            }
            (Type::Quantity(d), n) | (n, Type::Quantity(d)) if n.numeric() => {
                if self.is_zero(lid) || self.is_zero(rid) {
                    return true;
                }
                let (number, quantity) = if rt.numeric() { (rhs, lid) } else { (lhs, rid) };
                let unit = self
                    .declared_unit(quantity)
                    .unwrap_or_else(|| d.base_unit());
                let example = self.text_of(number.span).to_owned();
                self.error(CheckError::MissingUnit {
                    dimension: d.label().to_owned(),
                    span: to_span(span),
                    help: Some(format!("写上单位，如 `{example} {}`", unit.symbol)),
                });
                return false;
            }
            (Type::Date, Type::Date) => return true,
            (Type::Enum(a), Type::Enum(b)) => a == b,
            (Type::Bool, Type::Bool) | (Type::Text, Type::Text) => true,
            _ => false,
        };
        if !same {
            let (left, right) = (self.describe(lt), self.describe(rt));
            self.error(CheckError::Incomparable {
                left,
                right,
                span: to_span(span),
                op: op.symbol().to_owned(),
                help: None,
            });
            return false;
        }
        if ordering {
            let kind = match lt {
                Type::Enum(_) => "枚举值",
                Type::Bool => "成立与否",
                _ => "文字",
            };
            self.error(CheckError::Unordered {
                kind: kind.to_owned(),
                span: to_span(span),
                op: op.symbol().to_owned(),
            });
            return false;
        }
        true
    }

    fn membership(&mut self, negated: bool, lhs: &Expr, rhs: &Expr) -> Checked {
        let ExprKind::List(items) = &rhs.kind else {
            self.error(CheckError::InNeedsList {
                span: to_span(rhs.span),
            });
            return Checked::Error;
        };
        let l = self.expr(lhs);
        let Some((value, lt)) = self.operand_as(l, None, lhs.span) else {
            return Checked::Error;
        };
        let mut set = Vec::with_capacity(items.len());
        for item in items {
            let c = self.expr(item);
            let Some((id, t)) = self.operand_as(c, Some(lt), item.span) else {
                continue;
            };
            if self.comparable(CmpOp::Eq, (value, lt, lhs), (id, t, item), item.span) {
                set.push(id);
            }
        }
        let word = if negated { "not in" } else { "in" };
        let test: Box<str> = format!("{word} {}", self.text_of(rhs.span)).into();
        // Enum membership against constants becomes a bit mask: one lookup per evaluation.
        let variants: Option<Vec<u32>> = set
            .iter()
            .map(|id| match self.prog.node(*id) {
                Some(Node::Const(Value::Enum(i))) if *i < 128 => Some(*i),
                _ => None,
            })
            .collect();
        let node = match variants {
            Some(variants) if matches!(lt, Type::Enum(_)) => Node::InEnum {
                value,
                mask: variants.iter().fold(0u128, |m, i| m | (1u128 << i)),
                negated,
                test,
            },
            _ => Node::In {
                value,
                set,
                negated,
                test,
            },
        };
        Checked::Value(self.prog.push(node), Type::Bool)
    }

    fn arithmetic(&mut self, op: BinaryOp, lhs: &Expr, rhs: &Expr, span: Span) -> Checked {
        let l = self.expr(lhs);
        let r = self.expr(rhs);
        let symbol = match op {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            _ => "/",
        };
        // Dates shift by calendar periods or by whole days.
        if let (Checked::Value(d, Type::Date), Checked::Calendar(months)) = (&l, &r) {
            if matches!(op, BinaryOp::Add | BinaryOp::Sub) {
                let months = if op == BinaryOp::Sub {
                    -months
                } else {
                    *months
                };
                return Checked::Value(
                    self.prog.push(Node::DateShift {
                        date: *d,
                        months,
                        days: 0,
                    }),
                    Type::Date,
                );
            }
        }
        let Some((lid, lt)) = self.operand_as(l, None, lhs.span) else {
            return Checked::Error;
        };
        let Some((rid, rt)) = self.operand_as(r, None, rhs.span) else {
            return Checked::Error;
        };
        let arith = match op {
            BinaryOp::Add => ArithOp::Add,
            BinaryOp::Sub => ArithOp::Sub,
            BinaryOp::Mul => ArithOp::Mul,
            _ => ArithOp::Div,
        };
        let result = match (arith, lt, rt) {
            (ArithOp::Add | ArithOp::Sub, Type::Date, Type::Quantity(Dimension::Duration)) => {
                if let Some(Node::Const(Value::Qty(secs))) = self.prog.node(rid) {
                    let days = (*secs / Decimal::from(86_400)).trunc();
                    let days = i64::try_from(days).unwrap_or(0);
                    let days = if arith == ArithOp::Sub { -days } else { days };
                    return Checked::Value(
                        self.prog.push(Node::DateShift {
                            date: lid,
                            months: 0,
                            days,
                        }),
                        Type::Date,
                    );
                }
                None
            }
            (ArithOp::Sub, Type::Date, Type::Date) => {
                return Checked::Value(
                    self.prog.push(Node::DateDiff(lid, rid)),
                    Type::Quantity(Dimension::Duration),
                );
            }
            (_, a, b) if a.numeric() && b.numeric() => {
                let int = a == Type::Integer && b == Type::Integer && arith != ArithOp::Div;
                Some(if int { Type::Integer } else { Type::Number })
            }
            (ArithOp::Add | ArithOp::Sub, Type::Quantity(a), Type::Quantity(b)) if a == b => {
                Some(lt)
            }
            (ArithOp::Mul, Type::Quantity(_), n) if n.numeric() => Some(lt),
            (ArithOp::Mul, n, Type::Quantity(_)) if n.numeric() => Some(rt),
            (ArithOp::Div, Type::Quantity(_), n) if n.numeric() => Some(lt),
            (ArithOp::Div, Type::Quantity(a), Type::Quantity(b)) if a == b => Some(Type::Number),
            _ => None,
        };
        match result {
            Some(t) => Checked::Value(self.prog.push(Node::Arith(arith, lid, rid)), t),
            None => {
                let (left, right) = (self.describe(lt), self.describe(rt));
                let help = (lt == Type::Date)
                    .then(|| "日期只能加减固定的期间：`d + 3 years`、`d - 30 days`".to_owned());
                self.error(CheckError::BadArithmetic {
                    op: symbol.to_owned(),
                    left,
                    right,
                    span: to_span(span),
                    help,
                });
                Checked::Error
            }
        }
    }
}
