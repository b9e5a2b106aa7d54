//! The items of a rule file: headers, fact declarations and their types, definitions,
//! sections, clauses and tests.

use super::Reading;
use super::err::Syntax;
use super::scan::{Parser, Read};
use crate::ast::*;

/// A declaration's type, bounds, label and derivation.
type Declared = (TypeExpr, Vec<Bound>, Option<Text>, Option<Expr>);

const ITEMS: &str =
    "`clause`、`fact`、`import`、`let`、`section`、`standard`、`test`、`vocabulary` 或文件结束";

impl Parser<'_> {
    pub fn file(&mut self, reading: Reading) -> Read<File> {
        let mut items = Vec::new();
        loop {
            let word = self.peek_word()?;
            let start = self.pos;
            let item = match word {
                "" if self.at_end() => break,
                "vocabulary" => {
                    self.pos += word.len();
                    let name = self.ident()?;
                    self.string()?;
                    Item::Vocabulary {
                        name,
                        span: Span::new(start, self.pos),
                    }
                }
                "standard" => Item::Standard(self.standard()?),
                "import" => {
                    self.pos += word.len();
                    Item::Import(self.ident()?)
                }
                "fact" => {
                    self.pos += word.len();
                    Item::Fact(self.fact()?)
                }
                "let" => {
                    self.pos += word.len();
                    let name = self.ident()?;
                    self.expect("=", "`=`")?;
                    let value = self.source_expr()?;
                    Item::Let(LetDef { name, value })
                }
                "section" => Item::Section(self.section()?),
                "clause" => Item::Clause(self.clause()?),
                "test" => {
                    self.pos += word.len();
                    match reading {
                        Reading::Whole => Item::Test(self.test()?),
                        Reading::RulesOnly => {
                            self.string()?;
                            self.skip_braces()?;
                            continue;
                        }
                    }
                }
                _ => return Err(self.unexpected(ITEMS)),
            };
            items.push(item);
        }
        Ok(File { items })
    }

    fn standard(&mut self) -> Read<StandardHeader> {
        let start = self.pos;
        self.keyword("standard")?;
        let name = self.ident()?;
        let title = self.string()?;
        self.open("{", "`{`", "这个标准的文件头")?;
        let mut entries = Vec::new();
        loop {
            let word = self.peek_word()?;
            self.pos += word.len();
            let entry = match word {
                "issuer" => HeaderEntry::Issuer(self.string()?),
                "document" => HeaderEntry::Document(self.string()?),
                "effective" => HeaderEntry::Effective(self.date()?),
                "replaces" => HeaderEntry::Replaces(self.string()?),
                "superseded" => {
                    let date = self.date()?;
                    let (mut by, mut into) = (None, None);
                    if self.eat_keyword("by")? {
                        by = Some(self.string()?);
                        if self.eat_keyword("in")? {
                            into = Some(self.ident()?);
                        }
                    }
                    HeaderEntry::Superseded { date, by, into }
                }
                "applies" => {
                    self.keyword("when")?;
                    HeaderEntry::Applies(self.expr()?)
                }
                _ => {
                    self.pos -= word.len();
                    if self.eat("}")? {
                        self.closed();
                        break;
                    }
                    return Err(self.unexpected(
                        "`applies when`、`document`、`effective`、`issuer`、`replaces`、`superseded` 或 `}`",
                    ));
                }
            };
            entries.push(entry);
        }
        Ok(StandardHeader {
            name,
            title,
            entries,
            span: Span::new(start, self.pos),
        })
    }

    fn fact(&mut self) -> Read<FactDecl> {
        let path = self.dotted()?;
        let (ty, bounds, label, derived) = self.declared()?;
        Ok(FactDecl {
            path,
            ty,
            bounds,
            label,
            derived,
        })
    }

    /// What follows a fact's or field's name: `: type (bounds) "label" = derivation`.
    fn declared(&mut self) -> Read<Declared> {
        self.expect(":", "`:`")?;
        let ty = self.ty()?;
        let bounds = self.bounds()?;
        let label = self.try_string()?;
        let derived = self.derivation()?;
        Ok((ty, bounds, label, derived))
    }

    /// `= expr` after a fact or field.
    fn derivation(&mut self) -> Read<Option<Expr>> {
        if self.eat("=")? {
            Ok(Some(self.source_expr()?))
        } else {
            Ok(None)
        }
    }

    /// Whether `{` follows the word at the cursor (`list {`, `enum {`).
    fn braces_follow(&mut self, word: &str) -> Read<bool> {
        let at = self.pos;
        self.pos += word.len();
        let brace = self.eat("{")?;
        self.pos = at;
        Ok(brace)
    }

    fn ty(&mut self) -> Read<TypeExpr> {
        let word = self.peek_word()?;
        let start = self.pos;
        if word == "list" && self.braces_follow(word)? {
            self.pos += word.len();
            self.open("{", "`{`", "这个列表类型")?;
            let mut fields = Vec::new();
            while !self.eat("}")? {
                fields.push(self.field()?);
                self.eat(",")?;
            }
            self.closed();
            return Ok(TypeExpr::List {
                fields,
                span: Span::new(start, self.pos),
            });
        }
        if word == "enum" && self.braces_follow(word)? {
            self.pos += word.len();
            self.open("{", "`{`", "这个枚举")?;
            let mut variants = Vec::new();
            while !self.eat("}")? {
                let Some(name) = self.try_ident()? else {
                    return Err(self.unexpected("枚举值或 `}`"));
                };
                let label = self.try_string()?;
                variants.push(Variant { name, label });
                self.eat(",")?;
            }
            self.closed();
            return Ok(TypeExpr::Enum { variants });
        }
        let Some(name) = self.try_ident()? else {
            return Err(self.unexpected("类型"));
        };
        let mut unit = None;
        let before = self.pos;
        if self.eat_keyword("in")? {
            unit = self.try_unit()?;
            if unit.is_none() {
                self.pos = before;
            }
        }
        Ok(TypeExpr::Named { name, unit })
    }

    fn field(&mut self) -> Read<FieldDecl> {
        let Some(name) = self.try_ident()? else {
            return Err(self.unexpected("字段或 `}`"));
        };
        let (ty, bounds, label, derived) = self.declared()?;
        Ok(FieldDecl {
            name,
            ty,
            bounds,
            label,
            derived,
        })
    }

    /// `(>= 0, <= 100 %)`, if present.
    fn bounds(&mut self) -> Read<Vec<Bound>> {
        let mut out = Vec::new();
        if !self.eat("(")? {
            return Ok(out);
        }
        loop {
            self.skip()?;
            let start = self.pos;
            let Some(op) = self.try_cmp_op()? else {
                return Err(self.unexpected("比较，如 `>= 0`"));
            };
            self.skip()?;
            let Some(number) = self.number_or_quantity(true) else {
                return Err(self.unexpected("数字或带单位的数量，如 `30 m`"));
            };
            let (value, unit) = number.node;
            out.push(Bound {
                op,
                value,
                unit,
                span: Span::new(start, self.pos),
            });
            if !self.eat(",")? {
                break;
            }
        }
        self.expect(")", "`,` 或 `)`")?;
        Ok(out)
    }

    fn section(&mut self) -> Read<Section> {
        self.keyword("section")?;
        let title = self.string()?;
        let guard = if self.eat_keyword("when")? {
            Some(self.expr()?)
        } else {
            None
        };
        self.open("{", "`when` 或 `{`", "这一节")?;
        let mut items = Vec::new();
        loop {
            match self.peek_word()? {
                "section" => items.push(SectionItem::Section(self.section()?)),
                "clause" => items.push(SectionItem::Clause(self.clause()?)),
                _ if self.eat("}")? => {
                    self.closed();
                    break;
                }
                _ => return Err(self.unexpected("`clause`、`section` 或 `}`")),
            }
        }
        Ok(Section {
            title,
            guard,
            items,
        })
    }

    fn clause(&mut self) -> Read<Clause> {
        self.keyword("clause")?;
        let number = self.string()?;
        let title = self.string()?;
        if self.eat_keyword("pending")? {
            return Ok(Clause {
                number,
                title,
                body: ClauseBody::Pending(self.string()?),
            });
        }
        self.open("{", "`{` 或 `pending`", "这个条款")?;
        let start = self.open.last().map_or(self.pos, |o| o.at);
        let (mut applies, mut major, mut notes) = (Vec::new(), Vec::new(), Vec::new());
        let mut pending = None;
        loop {
            let word = self.peek_word()?;
            self.pos += word.len();
            match word {
                "applies" => {
                    self.keyword("when")?;
                    applies.push(self.expr()?);
                }
                "major" => {
                    let label = self.try_string()?;
                    if !self.eat_keyword("when")? {
                        let expected = if label.is_some() {
                            "`when`"
                        } else {
                            "`when` 或带引号的文字"
                        };
                        return Err(self.unexpected_because(
                            expected,
                            Some("规则行写作 `major when 条件`；情形有名称时，把名称加引号写在 `when` 之前"),
                        ));
                    }
                    major.push(MajorLine {
                        label,
                        expr: self.expr()?,
                    });
                }
                "note" => notes.push(self.string()?),
                "pending" => pending = Some(self.string()?),
                _ => {
                    self.pos -= word.len();
                    if self.eat("}")? {
                        self.closed();
                        break;
                    }
                    return Err(
                        self.unexpected("`applies when`、`major when`、`note`、`pending` 或 `}`")
                    );
                }
            }
        }
        Ok(Clause {
            number,
            title,
            body: ClauseBody::Rules {
                applies,
                major,
                notes,
                pending,
                span: Span::new(start, self.pos),
            },
        })
    }

    fn test(&mut self) -> Read<TestCase> {
        let name = self.string()?;
        self.open("{", "`{`", "这个测试")?;
        self.keyword("given")?;
        self.skip()?;
        if self.peek_byte() != Some(b'{') {
            return Err(self.unexpected("`{`"));
        }
        let given = self.value()?;
        let mut expects = Vec::new();
        while self.eat_keyword("expect")? {
            let before = self.pos;
            if self.eat_keyword("verdict")? && !self.peek_word()?.is_empty() {
                expects.push(Expectation::Verdict(self.word()?));
                continue;
            }
            self.pos = before;
            let outcome = self.word()?;
            self.expect("[", "`[`")?;
            let mut clauses = Vec::new();
            while !self.eat("]")? {
                let Some(clause) = self.try_string()? else {
                    return Err(self.unexpected("带引号的条款号或 `]`"));
                };
                clauses.push(clause);
                self.eat(",")?;
            }
            expects.push(Expectation::Set { outcome, clauses });
        }
        self.close("}", "`expect` 或 `}`")?;
        Ok(TestCase {
            name,
            given,
            expects,
        })
    }

    /// A value in a test's record: an object, an array, a date, a quantity, a number, a
    /// string, `true`/`false` or a bare word.
    fn value(&mut self) -> Read<Spanned<Given>> {
        self.skip()?;
        let start = self.pos;
        let node = match self.peek_byte() {
            Some(b'{') => {
                self.open("{", "`{`", "这个对象")?;
                let mut members = Vec::new();
                while !self.eat("}")? {
                    self.skip()?;
                    let key = match self.try_string()? {
                        Some(key) => key,
                        None if self.peek_word()?.is_empty() => {
                            return Err(self.unexpected("键名或 `}`"));
                        }
                        None => self.dotted()?,
                    };
                    self.expect(":", "`:`")?;
                    let value = self.value()?;
                    members.push((key, value));
                    self.eat(",")?;
                }
                self.closed();
                Given::Object(members)
            }
            Some(b'[') => {
                self.open("[", "`[`", "这个数组")?;
                let mut items = Vec::new();
                while !self.eat("]")? {
                    items.push(self.value()?);
                    self.eat(",")?;
                }
                self.closed();
                Given::Array(items)
            }
            Some(b'"') => Given::Text(self.string()?.node),
            _ if self.at_date() => Given::Date(self.take_date().node),
            _ => {
                if let Some(number) = self.number_or_quantity(true) {
                    match number.node {
                        (value, Some(unit)) => Given::Quantity(value, unit),
                        (value, None) => Given::Number(value),
                    }
                } else {
                    match self.peek_word()? {
                        "true" | "false" => {
                            let word = self.word()?;
                            Given::Bool(word.node == "true")
                        }
                        _ => match self.try_ident()? {
                            Some(word) => Given::Word(word.node),
                            None => return Err(self.unexpected("取值")),
                        },
                    }
                }
            }
        };
        Ok(Spanned {
            node,
            span: Span::new(start, self.pos),
        })
    }

    /// Skips a test's body as balanced braces, minding strings and comments.
    fn skip_braces(&mut self) -> Read<()> {
        self.skip()?;
        let open = self.pos;
        if self.peek_byte() != Some(b'{') {
            return Err(self.unexpected("`{`"));
        }
        let bytes = self.text.as_bytes();
        let mut depth = 0usize;
        let mut at = open;
        let unclosed = || -> Box<super::err::ParseError> {
            Syntax::at(open)
                .message("这个测试的花括号没有闭合")
                .label("测试内容从这里开始")
                .help("每个 `{` 都要有配对的 `}`")
                .into()
        };
        loop {
            let rest = bytes.get(at..).unwrap_or_default();
            let Some(found) = rest
                .iter()
                .position(|b| matches!(b, b'{' | b'}' | b'"' | b'/'))
            else {
                return Err(unclosed());
            };
            at += found;
            match bytes.get(at..).unwrap_or_default() {
                [b'{', ..] => {
                    depth += 1;
                    at += 1;
                }
                [b'}', ..] => {
                    depth -= 1;
                    at += 1;
                    if depth == 0 {
                        self.pos = at;
                        return Ok(());
                    }
                }
                [b'"', ..] => {
                    at += 1;
                    loop {
                        let rest = bytes.get(at..).unwrap_or_default();
                        match memchr::memchr3(b'"', b'\\', b'\n', rest) {
                            Some(i) if rest.get(i) == Some(&b'"') => {
                                at += i + 1;
                                break;
                            }
                            Some(i) if rest.get(i) == Some(&b'\\') && rest.len() > i + 1 => {
                                // The escaped character may be any, even a line break.
                                let next =
                                    self.text.get(at + i + 1..).and_then(|r| r.chars().next());
                                at += i + 1 + next.map_or(1, char::len_utf8);
                            }
                            _ => return Err(unclosed()),
                        }
                    }
                }
                [b'/', b'/', ..] => {
                    let rest = bytes.get(at..).unwrap_or_default();
                    at += memchr::memchr(b'\n', rest).unwrap_or(rest.len());
                }
                [b'/', b'*', tail @ ..] => match memchr::memmem::find(tail, b"*/") {
                    Some(end) => at += 2 + end + 2,
                    None => return Err(unclosed()),
                },
                _ => at += 1,
            }
        }
    }
}
