//! Lowers pest pairs into `ast` nodes. Literal readers (dates, numbers) report their own
//! errors here; the grammar has already accepted the shape.

use std::str::FromStr;
use std::sync::LazyLock;

use chrono::NaiveDate;
use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};
use rust_decimal::Decimal;

use super::err::ParseError;
use super::grammar::Rule;
use super::limits;
use crate::ast::*;

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::or_op, Assoc::Left))
        .op(Op::infix(Rule::and_op, Assoc::Left))
        .op(Op::prefix(Rule::not_op))
        .op(Op::infix(Rule::cmp_op, Assoc::Left)
            | Op::infix(Rule::in_op, Assoc::Left)
            | Op::infix(Rule::not_in_op, Assoc::Left))
        .op(Op::infix(Rule::add_op, Assoc::Left) | Op::infix(Rule::sub_op, Assoc::Left))
        .op(Op::infix(Rule::mul_op, Assoc::Left) | Op::infix(Rule::div_op, Assoc::Left))
        .op(Op::prefix(Rule::neg_op))
});

/// Whether a pair inside an `expr` is a prefix or infix operator (the rest are operands).
fn is_operator(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::not_op
            | Rule::neg_op
            | Rule::or_op
            | Rule::and_op
            | Rule::in_op
            | Rule::not_in_op
            | Rule::cmp_op
            | Rule::add_op
            | Rule::sub_op
            | Rule::mul_op
            | Rule::div_op
    )
}

fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

fn ident(pair: Pair<'_, Rule>) -> Ident {
    Spanned {
        span: span_of(&pair),
        node: pair.as_str().to_owned(),
    }
}

/// Walks the parse tree; collects literal errors instead of stopping at the first.
#[derive(Default)]
pub(super) struct Lowerer {
    pub errors: Vec<ParseError>,
    /// Operators of the expressions being lowered, plus one for each expression, summed
    /// along the path of nested expressions: a bound on the depth of the tree being built.
    operators: usize,
}

impl Lowerer {
    pub fn file(&mut self, file: Pair<'_, Rule>) -> File {
        let mut items = Vec::new();
        for pair in file.into_inner() {
            let item = match pair.as_rule() {
                Rule::vocabulary => {
                    let span = span_of(&pair);
                    let mut inner = pair.into_inner();
                    let name = self.next_ident(&mut inner);
                    Item::Vocabulary { name, span }
                }
                Rule::standard => Item::Standard(self.standard(pair)),
                Rule::import => {
                    let mut inner = pair.into_inner();
                    Item::Import(self.next_ident(&mut inner))
                }
                Rule::fact => Item::Fact(self.fact(pair)),
                Rule::let_def => {
                    let mut inner = pair.into_inner();
                    let name = self.next_ident(&mut inner);
                    let value = self.next_expr(&mut inner);
                    Item::Let(LetDef { name, value })
                }
                Rule::section => Item::Section(self.section(pair)),
                Rule::clause => Item::Clause(self.clause(pair)),
                Rule::test => Item::Test(self.test(pair)),
                _ => continue,
            };
            items.push(item);
        }
        File { items }
    }

    fn next_ident(&mut self, inner: &mut Pairs<'_, Rule>) -> Ident {
        inner
            .find(|p| matches!(p.as_rule(), Rule::ident | Rule::path | Rule::word))
            .map_or_else(
                || Spanned {
                    node: String::new(),
                    span: Span::default(),
                },
                ident,
            )
    }

    fn next_text(&mut self, inner: &mut Pairs<'_, Rule>) -> Text {
        inner.find(|p| p.as_rule() == Rule::string).map_or_else(
            || Spanned {
                node: String::new(),
                span: Span::default(),
            },
            text,
        )
    }

    fn next_expr(&mut self, inner: &mut Pairs<'_, Rule>) -> Expr {
        match inner.find(|p| matches!(p.as_rule(), Rule::expr | Rule::source_expr)) {
            Some(p) => self.expr_any(p),
            None => Expr {
                kind: ExprKind::Bool(false),
                span: Span::default(),
            },
        }
    }

    fn date(&mut self, pair: Pair<'_, Rule>) -> Spanned<NaiveDate> {
        let span = span_of(&pair);
        let node = NaiveDate::parse_from_str(pair.as_str(), "%Y-%m-%d").unwrap_or_else(|_| {
            self.errors.push(ParseError::InvalidDate {
                text: pair.as_str().to_owned(),
                span: (span.start, span.len()).into(),
            });
            NaiveDate::MIN
        });
        Spanned { node, span }
    }

    fn decimal(&mut self, pair: &Pair<'_, Rule>) -> Decimal {
        Decimal::from_str(pair.as_str()).unwrap_or_else(|_| {
            let span = span_of(pair);
            self.errors.push(ParseError::InvalidNumber {
                text: pair.as_str().to_owned(),
                span: (span.start, span.len()).into(),
            });
            Decimal::ZERO
        })
    }

    fn standard(&mut self, pair: Pair<'_, Rule>) -> StandardHeader {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let name = self.next_ident(&mut inner);
        let title = self.next_text(&mut inner);
        let mut entries = Vec::new();
        for entry in inner {
            let rule = entry.as_rule();
            let mut parts = entry.into_inner();
            let lowered = match rule {
                Rule::issuer => HeaderEntry::Issuer(self.next_text(&mut parts)),
                Rule::document => HeaderEntry::Document(self.next_text(&mut parts)),
                Rule::replaces => HeaderEntry::Replaces(self.next_text(&mut parts)),
                Rule::effective => match parts.find(|p| p.as_rule() == Rule::date) {
                    Some(d) => HeaderEntry::Effective(self.date(d)),
                    None => continue,
                },
                Rule::superseded => {
                    let Some(d) = parts.find(|p| p.as_rule() == Rule::date) else {
                        continue;
                    };
                    let date = self.date(d);
                    let by = parts.find(|p| p.as_rule() == Rule::string).map(text);
                    let into = parts.find(|p| p.as_rule() == Rule::ident).map(ident);
                    HeaderEntry::Superseded { date, by, into }
                }
                Rule::applies => HeaderEntry::Applies(self.next_expr(&mut parts)),
                _ => continue,
            };
            entries.push(lowered);
        }
        StandardHeader {
            name,
            title,
            entries,
            span,
        }
    }

    fn fact(&mut self, pair: Pair<'_, Rule>) -> FactDecl {
        let mut path = None;
        let mut ty = None;
        let mut label = None;
        let mut bounds = Vec::new();
        let mut derived = None;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::path => path = Some(ident(part)),
                Rule::named_type | Rule::enum_type | Rule::list_type => ty = Some(self.ty(part)),
                Rule::bounds => bounds = self.bounds(part),
                Rule::string => label = Some(text(part)),
                Rule::derivation => derived = Some(self.next_expr(&mut part.into_inner())),
                _ => {}
            }
        }
        let path = path.unwrap_or_else(|| Spanned {
            node: String::new(),
            span: Span::default(),
        });
        let ty = ty.unwrap_or_else(|| TypeExpr::Named {
            name: path.clone(),
            unit: None,
        });
        FactDecl {
            path,
            ty,
            bounds,
            label,
            derived,
        }
    }

    /// `(>= 0, <= 100 %)`.
    fn bounds(&mut self, pair: Pair<'_, Rule>) -> Vec<Bound> {
        let mut out = Vec::new();
        for bound in pair.into_inner().filter(|p| p.as_rule() == Rule::bound) {
            let span = span_of(&bound);
            let mut op = CmpOp::Ge;
            let mut value = Decimal::ZERO;
            let mut unit = None;
            for part in bound.into_inner() {
                match part.as_rule() {
                    Rule::cmp_op => op = cmp_op(part.as_str()),
                    Rule::number => value = self.decimal(&part),
                    Rule::quantity => {
                        let (number, symbol) = self.quantity(part);
                        value = number;
                        unit = Some(symbol);
                    }
                    _ => {}
                }
            }
            out.push(Bound {
                op,
                value,
                unit,
                span,
            });
        }
        out
    }

    fn ty(&mut self, pair: Pair<'_, Rule>) -> TypeExpr {
        let span = span_of(&pair);
        match pair.as_rule() {
            Rule::enum_type => {
                let variants = pair
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::variant)
                    .map(|v| {
                        let mut inner = v.into_inner();
                        let name = self.next_ident(&mut inner);
                        let label = inner.find(|p| p.as_rule() == Rule::string).map(text);
                        Variant { name, label }
                    })
                    .collect();
                TypeExpr::Enum { variants }
            }
            Rule::list_type => {
                let fields = pair
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::field)
                    .map(|f| {
                        let mut name = None;
                        let mut ty = None;
                        let mut label = None;
                        let mut bounds = Vec::new();
                        let mut derived = None;
                        for part in f.into_inner() {
                            match part.as_rule() {
                                Rule::ident => name = Some(ident(part)),
                                Rule::string => label = Some(text(part)),
                                Rule::named_type | Rule::enum_type | Rule::list_type => {
                                    ty = Some(self.ty(part));
                                }
                                Rule::bounds => bounds = self.bounds(part),
                                Rule::derivation => {
                                    derived = Some(self.next_expr(&mut part.into_inner()));
                                }
                                _ => {}
                            }
                        }
                        let name = name.unwrap_or_else(|| Spanned {
                            node: String::new(),
                            span,
                        });
                        let ty = ty.unwrap_or_else(|| TypeExpr::Named {
                            name: name.clone(),
                            unit: None,
                        });
                        FieldDecl {
                            name,
                            ty,
                            bounds,
                            label,
                            derived,
                        }
                    })
                    .collect();
                TypeExpr::List { fields, span }
            }
            _ => {
                let mut inner = pair.into_inner();
                let name = self.next_ident(&mut inner);
                let unit = inner.find(|p| p.as_rule() == Rule::unit).map(ident);
                TypeExpr::Named { name, unit }
            }
        }
    }

    fn section(&mut self, pair: Pair<'_, Rule>) -> Section {
        let mut title = None;
        let mut guard = None;
        let mut items = Vec::new();
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::string if title.is_none() => title = Some(text(part)),
                Rule::expr => guard = Some(self.expr_any(part)),
                Rule::section => items.push(SectionItem::Section(self.section(part))),
                Rule::clause => items.push(SectionItem::Clause(self.clause(part))),
                _ => {}
            }
        }
        let title = title.unwrap_or_else(|| Spanned {
            node: String::new(),
            span: Span::default(),
        });
        Section {
            title,
            guard,
            items,
        }
    }

    fn clause(&mut self, pair: Pair<'_, Rule>) -> Clause {
        let mut strings = Vec::new();
        let mut body = None;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::string => strings.push(text(part)),
                Rule::pending => {
                    let mut inner = part.into_inner();
                    body = Some(ClauseBody::Pending(self.next_text(&mut inner)));
                }
                Rule::clause_body => body = Some(self.clause_body(part)),
                _ => {}
            }
        }
        let mut strings = strings.into_iter();
        let empty = || Spanned {
            node: String::new(),
            span: Span::default(),
        };
        let number = strings.next().unwrap_or_else(empty);
        let title = strings.next().unwrap_or_else(empty);
        let body = body.unwrap_or(ClauseBody::Rules {
            applies: Vec::new(),
            major: Vec::new(),
            notes: Vec::new(),
            pending: None,
            span: number.span,
        });
        Clause {
            number,
            title,
            body,
        }
    }

    fn clause_body(&mut self, pair: Pair<'_, Rule>) -> ClauseBody {
        let span = span_of(&pair);
        let (mut applies, mut major, mut notes) = (Vec::new(), Vec::new(), Vec::new());
        let mut pending = None;
        for entry in pair.into_inner() {
            let rule = entry.as_rule();
            let mut inner = entry.into_inner();
            match rule {
                Rule::clause_applies => applies.push(self.next_expr(&mut inner)),
                Rule::major => {
                    let label = inner
                        .clone()
                        .find(|p| p.as_rule() == Rule::string)
                        .map(text);
                    let expr = self.next_expr(&mut inner);
                    major.push(MajorLine { label, expr });
                }
                Rule::note => notes.push(self.next_text(&mut inner)),
                Rule::pending => pending = Some(self.next_text(&mut inner)),
                _ => {}
            }
        }
        ClauseBody::Rules {
            applies,
            major,
            notes,
            pending,
            span,
        }
    }

    fn test(&mut self, pair: Pair<'_, Rule>) -> TestCase {
        let mut name = None;
        let mut given = None;
        let mut expects = Vec::new();
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::string => name = Some(text(part)),
                Rule::given => {
                    if let Some(obj) = part.into_inner().find(|p| p.as_rule() == Rule::object) {
                        given = Some(self.given_value(obj));
                    }
                }
                Rule::expectation => {
                    let Some(e) = part
                        .into_inner()
                        .find(|p| matches!(p.as_rule(), Rule::expect_verdict | Rule::expect_set))
                    else {
                        continue;
                    };
                    let rule = e.as_rule();
                    let mut inner = e.into_inner();
                    let word = self.next_ident(&mut inner);
                    if rule == Rule::expect_verdict {
                        expects.push(Expectation::Verdict(word));
                    } else {
                        let clauses = inner
                            .filter(|p| p.as_rule() == Rule::string)
                            .map(text)
                            .collect();
                        expects.push(Expectation::Set {
                            outcome: word,
                            clauses,
                        });
                    }
                }
                _ => {}
            }
        }
        let name = name.unwrap_or_else(|| Spanned {
            node: String::new(),
            span: Span::default(),
        });
        let given = given.unwrap_or(Spanned {
            node: Given::Object(Vec::new()),
            span: name.span,
        });
        TestCase {
            name,
            given,
            expects,
        }
    }

    fn given_value(&mut self, pair: Pair<'_, Rule>) -> Spanned<Given> {
        let span = span_of(&pair);
        let pair = if pair.as_rule() == Rule::value {
            match pair.into_inner().next() {
                Some(p) => p,
                None => {
                    return Spanned {
                        node: Given::Bool(false),
                        span,
                    };
                }
            }
        } else {
            pair
        };
        let node = match pair.as_rule() {
            Rule::object => Given::Object(
                pair.into_inner()
                    .filter_map(|member| {
                        let mut inner = member.into_inner();
                        let key_pair = inner.next()?;
                        let key = if key_pair.as_rule() == Rule::string {
                            text(key_pair)
                        } else {
                            ident(key_pair)
                        };
                        let value = self.given_value(inner.next()?);
                        Some((key, value))
                    })
                    .collect(),
            ),
            Rule::array => Given::Array(pair.into_inner().map(|v| self.given_value(v)).collect()),
            Rule::date => Given::Date(self.date(pair).node),
            Rule::quantity => {
                let (number, unit) = self.quantity(pair);
                Given::Quantity(number, unit)
            }
            Rule::number => Given::Number(self.decimal(&pair)),
            Rule::string => Given::Text(text(pair).node),
            Rule::boolean => Given::Bool(pair.as_str() == "true"),
            _ => Given::Word(pair.as_str().to_owned()),
        };
        Spanned { node, span }
    }

    /// Lowers an `expr` or a `source_expr` (an expression with an optional filter).
    fn expr_any(&mut self, pair: Pair<'_, Rule>) -> Expr {
        if pair.as_rule() == Rule::source_expr {
            let span = span_of(&pair);
            let mut inner = pair.into_inner().filter(|p| p.as_rule() == Rule::expr);
            let list = inner.next().map(|p| self.expr(p));
            let filter = inner.next().map(|p| self.expr(p));
            match (list, filter) {
                (Some(list), Some(filter)) => Expr {
                    kind: ExprKind::Where(Box::new(list), Box::new(filter)),
                    span,
                },
                (Some(list), None) => list,
                _ => Expr {
                    kind: ExprKind::Bool(false),
                    span,
                },
            }
        } else {
            self.expr(pair)
        }
    }

    fn expr(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let span = span_of(&pair);
        let pairs = pair.into_inner();
        // Refuse an over-long operator chain before building it: the tree would be as deep
        // as the chain is long, and building or dropping it recurses once per level.
        let operators = 1 + pairs.clone().filter(|p| is_operator(p.as_rule())).count();
        if self.operators + operators > limits::MAX_EXPRESSION {
            self.errors.push(ParseError::ExpressionTooDeep {
                limit: limits::MAX_EXPRESSION,
                span: (span.start, span.end.saturating_sub(span.start)).into(),
            });
            return Expr {
                kind: ExprKind::Bool(false),
                span,
            };
        }
        self.operators += operators;
        let expr = self.pratt(pairs);
        self.operators -= operators;
        expr
    }

    fn pratt(&mut self, pairs: Pairs<'_, Rule>) -> Expr {
        // Pratt callbacks cannot borrow `self` mutably together, so thread it through a cell.
        let this = std::cell::RefCell::new(self);
        PRATT
            .map_primary(|p| this.borrow_mut().primary(p))
            .map_prefix(|op, rhs| {
                let span = Span::new(op.as_span().start(), rhs.span.end);
                let op = if op.as_rule() == Rule::not_op {
                    UnaryOp::Not
                } else {
                    UnaryOp::Neg
                };
                Expr {
                    kind: ExprKind::Unary(op, Box::new(rhs)),
                    span,
                }
            })
            .map_infix(|lhs, op, rhs| {
                let span = Span::new(lhs.span.start, rhs.span.end);
                let op = match op.as_rule() {
                    Rule::or_op => BinaryOp::Or,
                    Rule::and_op => BinaryOp::And,
                    Rule::in_op => BinaryOp::In,
                    Rule::not_in_op => BinaryOp::NotIn,
                    Rule::add_op => BinaryOp::Add,
                    Rule::sub_op => BinaryOp::Sub,
                    Rule::mul_op => BinaryOp::Mul,
                    Rule::div_op => BinaryOp::Div,
                    _ => BinaryOp::Cmp(cmp_op(op.as_str())),
                };
                Expr {
                    kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                    span,
                }
            })
            .parse(pairs)
    }

    /// A quantity literal: its number and its unit as written.
    fn quantity(&mut self, pair: Pair<'_, Rule>) -> (Decimal, Ident) {
        let span = span_of(&pair);
        let mut inner = pair.into_inner();
        let number = inner.next().map(|n| self.decimal(&n)).unwrap_or_default();
        let unit = inner.next().map_or_else(
            || Spanned {
                node: String::new(),
                span,
            },
            ident,
        );
        (number, unit)
    }

    fn primary(&mut self, pair: Pair<'_, Rule>) -> Expr {
        let span = span_of(&pair);
        let kind = match pair.as_rule() {
            Rule::source_expr | Rule::expr => return self.expr_any(pair),
            Rule::boolean => ExprKind::Bool(pair.as_str() == "true"),
            Rule::number => ExprKind::Number(self.decimal(&pair)),
            Rule::quantity => {
                let (number, unit) = self.quantity(pair);
                ExprKind::Quantity(number, unit)
            }
            Rule::date => ExprKind::Date(self.date(pair).node),
            Rule::string => ExprKind::Text(text(pair).node),
            Rule::path => ExprKind::Path(
                pair.into_inner()
                    .filter(|p| p.as_rule() == Rule::ident)
                    .map(ident)
                    .collect(),
            ),
            Rule::list_lit => ExprKind::List(pair.into_inner().map(|p| self.expr_any(p)).collect()),
            Rule::call => {
                let mut inner = pair.into_inner();
                let func = self.next_ident(&mut inner);
                let arg = self.next_expr(&mut inner);
                ExprKind::Call {
                    func,
                    arg: Box::new(arg),
                }
            }
            Rule::at_least => {
                let mut n = Spanned { node: 0, span };
                let mut items = Vec::new();
                for part in pair.into_inner() {
                    match part.as_rule() {
                        Rule::integer => {
                            n = Spanned {
                                node: part.as_str().parse().unwrap_or(u32::MAX),
                                span: span_of(&part),
                            };
                        }
                        Rule::expr => items.push(self.expr(part)),
                        _ => {}
                    }
                }
                ExprKind::AtLeast { n, items }
            }
            Rule::quantifier => {
                let mut kind = QuantKind::Any;
                let mut var = None;
                let mut exprs = Vec::new();
                for part in pair.into_inner() {
                    match part.as_rule() {
                        Rule::quant_kw => {
                            kind = match part.as_str() {
                                "all" => QuantKind::All,
                                "none" => QuantKind::None,
                                _ => QuantKind::Any,
                            };
                        }
                        Rule::ident => var = Some(ident(part)),
                        Rule::source_expr | Rule::expr => exprs.push(self.expr_any(part)),
                        _ => {}
                    }
                }
                let mut exprs = exprs.into_iter();
                let blank = Expr {
                    kind: ExprKind::Bool(false),
                    span,
                };
                let domain = exprs.next().unwrap_or_else(|| blank.clone());
                let body = exprs.next().unwrap_or(blank);
                let var = var.unwrap_or_else(|| Spanned {
                    node: String::new(),
                    span,
                });
                ExprKind::Quantifier {
                    kind,
                    var,
                    domain: Box::new(domain),
                    body: Box::new(body),
                }
            }
            _ => ExprKind::Bool(false),
        };
        Expr { kind, span }
    }
}

fn cmp_op(symbol: &str) -> CmpOp {
    match symbol {
        "==" => CmpOp::Eq,
        "!=" => CmpOp::Ne,
        "<" => CmpOp::Lt,
        "<=" => CmpOp::Le,
        ">" => CmpOp::Gt,
        _ => CmpOp::Ge,
    }
}

fn text(pair: Pair<'_, Rule>) -> Text {
    let span = span_of(&pair);
    let raw = pair.into_inner().next().map_or("", |p| p.as_str());
    let mut node = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => node.push('\n'),
                Some('t') => node.push('\t'),
                Some(other) => node.push(other),
                None => {}
            }
        } else {
            node.push(c);
        }
    }
    Spanned { node, span }
}
