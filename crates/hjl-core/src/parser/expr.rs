//! Expressions, by precedence climbing. From loosest to tightest: `or`; `and`; prefix
//! `not`; comparisons, `in` and `not in`; `+ -`; `* /`; prefix `-`. Binary operators
//! group to the left. A quantifier's body and a filter's condition reach as far right as
//! an expression can.

use super::err::ParseError;
use super::limits::MAX_EXPRESSION;
use super::scan::{Parser, RESERVED, Read};
use crate::ast::*;

/// Binding powers: an operator takes the operands that bind tighter than it.
const OR: u8 = 10;
const AND: u8 = 20;
const NOT: u8 = 30;
const CMP: u8 = 40;
const ADD: u8 = 50;
const MUL: u8 = 60;
const NEG: u8 = 70;

const OPERAND: &str = "事实、取值或条件";

impl Parser<'_> {
    /// An expression with an optional filter: `list where condition`.
    pub fn source_expr(&mut self) -> Read<Expr> {
        self.skip()?;
        let start = self.pos;
        let list = self.expr()?;
        let end = self.pos;
        if !self.eat_keyword("where")? {
            self.pos = end;
            return Ok(list);
        }
        let filter = self.expr()?;
        Ok(Expr {
            span: Span::new(start, self.pos),
            kind: ExprKind::Where(Box::new(list), Box::new(filter)),
        })
    }

    /// One expression. Its operators, plus one for itself, add to the depth of the
    /// expressions it is nested in; past [`MAX_EXPRESSION`] it is refused before the tree
    /// grows deeper (building or dropping it recurses once per level).
    pub fn expr(&mut self) -> Read<Expr> {
        self.skip()?;
        let start = self.pos;
        let outer_need = std::mem::take(&mut self.inner_need);
        let depth_before = self.depth;
        self.deepen(start)?;
        let expr = self.climb(0, start);
        let own = self.depth - depth_before;
        self.depth = depth_before;
        let expr = expr?;
        let need = own + self.inner_need;
        self.inner_need = outer_need.max(need);
        if self.depth == 0 {
            self.inner_need = 0;
            if need > MAX_EXPRESSION {
                return Err(too_deep(start, expr.span.end));
            }
        }
        Ok(expr)
    }

    /// Counts one operator (or the expression itself) towards the depth bound.
    fn deepen(&mut self, start: usize) -> Read<()> {
        self.depth += 1;
        if self.depth > MAX_EXPRESSION {
            return Err(too_deep(start, self.pos));
        }
        Ok(())
    }

    /// Reads operands and the operators that bind tighter than `min`.
    fn climb(&mut self, min: u8, start: usize) -> Read<Expr> {
        self.skip()?;
        let op_start = self.pos;
        let mut lhs = if self.eat_keyword("not")? {
            self.deepen(start)?;
            let operand = self.climb(NOT - 1, start)?;
            unary(UnaryOp::Not, op_start, operand)
        } else if self.eat("-")? {
            self.deepen(start)?;
            let operand = self.climb(NEG - 1, start)?;
            unary(UnaryOp::Neg, op_start, operand)
        } else {
            self.primary()?
        };
        loop {
            // The cursor stays at the end of the last operand when no operator follows.
            let end = self.pos;
            let Some((op, power, len)) = self.infix()? else {
                self.pos = end;
                break;
            };
            if power <= min {
                self.pos = end;
                break;
            }
            self.pos += len;
            if op == BinaryOp::NotIn {
                self.keyword("in")?;
            }
            self.deepen(start)?;
            let rhs = self.climb(power, start)?;
            lhs = Expr {
                span: Span::new(lhs.span.start, rhs.span.end),
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
            };
        }
        Ok(lhs)
    }

    /// The binary operator at the cursor, its binding power and the length of its first
    /// word or symbol; the cursor stays before it.
    fn infix(&mut self) -> Read<Option<(BinaryOp, u8, usize)>> {
        let word = self.peek_word()?;
        let found = match word {
            "or" => (BinaryOp::Or, OR, 2),
            "and" => (BinaryOp::And, AND, 3),
            "in" => (BinaryOp::In, CMP, 2),
            "not" => {
                let at = self.pos;
                self.pos += 3;
                let in_follows = self.peek_word()? == "in";
                self.pos = at;
                if !in_follows {
                    return Ok(None);
                }
                (BinaryOp::NotIn, CMP, 3)
            }
            "" => {
                let at = self.pos;
                let op = self.try_cmp_op()?;
                let len = self.pos - at;
                self.pos = at;
                match (op, self.peek_byte()) {
                    (Some(op), _) => (BinaryOp::Cmp(op), CMP, len),
                    (None, Some(b'+')) => (BinaryOp::Add, ADD, 1),
                    (None, Some(b'-')) => (BinaryOp::Sub, ADD, 1),
                    (None, Some(b'*')) => (BinaryOp::Mul, MUL, 1),
                    (None, Some(b'/')) => (BinaryOp::Div, MUL, 1),
                    _ => return Ok(None),
                }
            }
            _ => return Ok(None),
        };
        Ok(Some(found))
    }

    fn primary(&mut self) -> Read<Expr> {
        let word = self.peek_word()?;
        let start = self.pos;
        let kind = match word {
            "any" | "all" | "none" => {
                self.pos += word.len();
                let kind = match word {
                    "all" => QuantKind::All,
                    "none" => QuantKind::None,
                    _ => QuantKind::Any,
                };
                let var = self.ident()?;
                self.keyword("in")?;
                let domain = self.source_expr()?;
                self.expect(":", "`:` 或 `where`")?;
                let body = self.expr()?;
                return Ok(Expr {
                    span: Span::new(start, self.pos),
                    kind: ExprKind::Quantifier {
                        kind,
                        var,
                        domain: Box::new(domain),
                        body: Box::new(body),
                    },
                });
            }
            "at" => {
                self.pos += word.len();
                self.keyword("least")?;
                let n = self.integer()?;
                self.keyword("of")?;
                self.open("[", "`[`", "这个列表")?;
                ExprKind::AtLeast {
                    n,
                    items: self.items("]")?,
                }
            }
            "true" | "false" => {
                self.pos += word.len();
                ExprKind::Bool(word == "true")
            }
            "" => return self.literal(),
            _ if RESERVED.contains(&word) => return Err(self.unexpected(OPERAND)),
            _ => {
                let path = self.path()?;
                if let [func] = path.as_slice() {
                    let after = self.pos;
                    if self.eat("(")? {
                        self.pos -= 1;
                        self.open("(", "`(`", "这个括号")?;
                        let arg = self.source_expr()?;
                        self.close(")", "`)`")?;
                        return Ok(Expr {
                            kind: ExprKind::Call {
                                func: func.clone(),
                                arg: Box::new(arg),
                            },
                            span: Span::new(start, self.pos),
                        });
                    }
                    self.pos = after;
                }
                ExprKind::Path(path)
            }
        };
        Ok(Expr {
            kind,
            span: Span::new(start, self.pos),
        })
    }

    /// A bracketed expression, a list, a date, a quantity, a number or a string.
    fn literal(&mut self) -> Read<Expr> {
        let start = self.pos;
        let kind = match self.peek_byte() {
            Some(b'(') => {
                self.open("(", "`(`", "这个括号")?;
                let inner = self.source_expr()?;
                self.close(")", "`)`")?;
                return Ok(inner);
            }
            Some(b'[') => {
                self.open("[", "`[`", "这个列表")?;
                ExprKind::List(self.items("]")?)
            }
            Some(b'"') => ExprKind::Text(self.string()?.node),
            _ if self.at_date() => ExprKind::Date(self.take_date().node),
            _ => match self.number_or_quantity(false) {
                Some(number) => match number.node {
                    (value, Some(unit)) => ExprKind::Quantity(value, unit),
                    (value, None) => ExprKind::Number(value),
                },
                None => return Err(self.unexpected(OPERAND)),
            },
        };
        Ok(Expr {
            kind,
            span: Span::new(start, self.pos),
        })
    }

    /// Expressions separated by optional commas, up to `close` (its bracket opened).
    fn items(&mut self, close: &str) -> Read<Vec<Expr>> {
        let mut items = Vec::new();
        while !self.eat(close)? {
            items.push(self.expr()?);
            self.eat(",")?;
        }
        self.closed();
        Ok(items)
    }
}

fn unary(op: UnaryOp, start: usize, operand: Expr) -> Expr {
    Expr {
        span: Span::new(start, operand.span.end),
        kind: ExprKind::Unary(op, Box::new(operand)),
    }
}

fn too_deep(start: usize, end: usize) -> Box<ParseError> {
    Box::new(ParseError::ExpressionTooDeep {
        limit: MAX_EXPRESSION,
        span: (start, end.saturating_sub(start)).into(),
    })
}
