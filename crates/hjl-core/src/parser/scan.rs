//! The reader's cursor and its tokens: layout and comments, words and keywords, strings,
//! numbers, dates and units. Tokens are read straight from the text where they are
//! needed; there is no token stream.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::err::{ParseError, Syntax};
use super::limits::Open;
use super::slips;
use crate::ast::{Ident, Span, Spanned, Text};

/// Words that cannot name a fact, field, definition or unit.
pub(super) const RESERVED: [&str; 21] = [
    "and", "any", "all", "applies", "at", "none", "note", "not", "of", "or", "when", "where", "in",
    "by", "expect", "false", "given", "least", "major", "pending", "true",
];

/// What a reading step gives: the error is boxed, so that the reader's recursive frames stay
/// small (a chain of nested expressions recurses a few frames per level).
pub(super) type Read<T> = Result<T, Box<ParseError>>;

/// A position in one rule file, with the literal errors met so far (an impossible date,
/// an out-of-range number): those are collected, while a syntax error stops the reading.
pub(super) struct Parser<'a> {
    pub text: &'a str,
    pub pos: usize,
    pub errors: Vec<ParseError>,
    /// Operators of the expressions open along the current path, plus one for each.
    pub depth: usize,
    /// The deepest nested expression finished inside the one being read.
    pub inner_need: usize,
    /// Brackets open around the cursor, innermost last.
    pub open: Vec<Open>,
    /// A position known to have no layout at it: the reader often looks at the same
    /// place twice (is an operator next? is it the end of the expression?).
    clean: usize,
    /// The last word looked at: where it starts and ends.
    word: (usize, usize),
}

pub(super) fn is_word_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic() || c == '_'
    } else {
        unicode_ident::is_xid_start(c)
    }
}

fn is_word_continue(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        unicode_ident::is_xid_continue(c)
    }
}

impl<'a> Parser<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            pos: 0,
            errors: Vec::new(),
            depth: 0,
            inner_need: 0,
            open: Vec::new(),
            clean: usize::MAX,
            word: (usize::MAX, 0),
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    pub fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    pub fn peek_byte(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    fn byte_at(&self, at: usize) -> Option<u8> {
        self.bytes().get(at).copied()
    }

    /// Skips layout (spaces, tabs, line breaks, the ideographic space, a byte-order mark)
    /// and comments. An unterminated block comment is an error.
    pub fn skip(&mut self) -> Read<()> {
        if self.pos == self.clean {
            return Ok(());
        }
        let bytes = self.bytes();
        loop {
            match bytes.get(self.pos..).unwrap_or_default() {
                [b' ' | b'\t'..=b'\r', ..] => self.pos += 1,
                // U+3000 and U+FEFF.
                [0xE3, 0x80, 0x80, ..] | [0xEF, 0xBB, 0xBF, ..] => self.pos += 3,
                [b'/', b'/', rest @ ..] => {
                    self.pos += 2 + memchr::memchr(b'\n', rest).unwrap_or(rest.len());
                }
                [b'/', b'*', rest @ ..] => match memchr::memmem::find(rest, b"*/") {
                    Some(end) => self.pos += 2 + end + 2,
                    None => {
                        return Err(Syntax::at(self.pos)
                            .message("注释没有结束")
                            .label("注释从这里的 `/*` 开始")
                            .help("用 `*/` 结束注释")
                            .into());
                    }
                },
                _ => {
                    self.clean = self.pos;
                    return Ok(());
                }
            }
        }
    }

    /// Skips layout, then says whether the text goes on with `token` (taking it if so).
    pub fn eat(&mut self, token: &str) -> Read<bool> {
        self.skip()?;
        if self.rest().starts_with(token) {
            self.pos += token.len();
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Skips layout and takes `token`, or fails saying it was expected.
    pub fn expect(&mut self, token: &str, expected: &str) -> Read<usize> {
        self.skip()?;
        let at = self.pos;
        if self.rest().starts_with(token) {
            self.pos += token.len();
            Ok(at)
        } else {
            Err(self.unexpected(expected))
        }
    }

    /// The syntax error for what stands at the cursor, which is not what was expected
    /// (worded by [`slips::explain`]).
    pub fn unexpected(&self, expected: &str) -> Box<ParseError> {
        self.unexpected_because(expected, None)
    }

    /// Like [`Parser::unexpected`], with the help to give when no common slip explains it.
    pub fn unexpected_because(&self, expected: &str, help: Option<&str>) -> Box<ParseError> {
        slips::explain(self.text, self.pos, expected, self.open.last(), help).into()
    }

    /// End of the run of word characters starting at `at` (letters, digits, `_`, and
    /// the Unicode identifier characters); `at` itself when there is none.
    pub(super) fn word_end(&self, at: usize) -> usize {
        let rest = self.text.get(at..).unwrap_or_default();
        // ASCII first, byte by byte; decode only from the first other character on.
        let ascii = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let tail = rest.get(ascii..).unwrap_or_default();
        if tail.as_bytes().first().is_none_or(|b| *b < 0x80) {
            return at + ascii;
        }
        let len = tail
            .char_indices()
            .find(|&(_, c)| !is_word_continue(c))
            .map_or(tail.len(), |(i, _)| i);
        at + ascii + len
    }

    /// The word at the cursor (after layout), keywords included; empty when none.
    pub fn peek_word(&mut self) -> Read<&'a str> {
        self.skip()?;
        if self.word.0 != self.pos {
            let starts = self.rest().chars().next().is_some_and(is_word_start);
            let end = if starts {
                self.word_end(self.pos)
            } else {
                self.pos
            };
            self.word = (self.pos, end);
        }
        Ok(self.text.get(self.pos..self.word.1).unwrap_or_default())
    }

    /// Takes the keyword `word` if it stands at the cursor.
    pub fn eat_keyword(&mut self, word: &str) -> Read<bool> {
        if self.peek_word()? == word {
            self.pos += word.len();
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Takes the keyword `word`, or fails saying it was expected.
    pub fn keyword(&mut self, word: &str) -> Read<()> {
        if self.eat_keyword(word)? {
            Ok(())
        } else {
            Err(self.unexpected(&format!("`{word}`")))
        }
    }

    fn reserved_at(&self, at: usize) -> bool {
        let word = self.text.get(at..self.word_end(at)).unwrap_or_default();
        RESERVED.contains(&word)
    }

    /// A name: a word that is not a keyword.
    pub fn ident(&mut self) -> Read<Ident> {
        self.try_ident()?.ok_or_else(|| self.unexpected("名称"))
    }

    /// A name if one stands at the cursor.
    pub fn try_ident(&mut self) -> Read<Option<Ident>> {
        let word = self.peek_word()?;
        if word.is_empty() || RESERVED.contains(&word) {
            return Ok(None);
        }
        Ok(Some(self.take(word.len())))
    }

    /// A word, keywords included (outcome names in expectations).
    pub fn word(&mut self) -> Read<Ident> {
        let word = self.peek_word()?;
        if word.is_empty() {
            return Err(self.unexpected("名称"));
        }
        Ok(self.take(word.len()))
    }

    /// Takes the next `len` bytes as a name.
    fn take(&mut self, len: usize) -> Ident {
        let span = Span::new(self.pos, self.pos + len);
        self.pos = span.end;
        self.name_at(span)
    }

    /// The text at `span` as a name.
    fn name_at(&self, span: Span) -> Ident {
        Spanned {
            node: self
                .text
                .get(span.start..span.end)
                .unwrap_or_default()
                .to_owned(),
            span,
        }
    }

    /// A name directly followed by `.name`s, with no layout between: `mine.kind`.
    pub fn path(&mut self) -> Read<Vec<Ident>> {
        let first = self.ident()?;
        let mut parts = vec![first];
        while self.peek_byte() == Some(b'.') {
            let after = self.pos + 1;
            let starts = self
                .text
                .get(after..)
                .and_then(|r| r.chars().next())
                .is_some_and(is_word_start);
            if !starts || self.reserved_at(after) {
                break;
            }
            self.pos = after;
            let end = self.word_end(after);
            parts.push(self.take(end - after));
        }
        Ok(parts)
    }

    /// A dotted path as one name, spanning it whole.
    pub fn dotted(&mut self) -> Read<Ident> {
        let parts = self.path()?;
        let start = parts.first().map_or(self.pos, |p| p.span.start);
        Ok(self.name_at(Span::new(start, self.pos)))
    }

    /// A quoted string, its escapes (`\"`, `\\`, `\n`, `\t`) resolved; the span covers
    /// the quotes.
    pub fn string(&mut self) -> Read<Text> {
        self.try_string()?
            .ok_or_else(|| self.unexpected("带引号的文字"))
    }

    /// A quoted string if one stands at the cursor.
    pub fn try_string(&mut self) -> Read<Option<Text>> {
        self.skip()?;
        if self.peek_byte() != Some(b'"') {
            return Ok(None);
        }
        let start = self.pos;
        let bytes = self.bytes();
        let mut at = start + 1;
        let mut node = String::new();
        loop {
            let rest = bytes.get(at..).unwrap_or_default();
            let Some(stop) = memchr::memchr3(b'"', b'\\', b'\n', rest) else {
                return Err(unclosed_string(start));
            };
            node.push_str(self.text.get(at..at + stop).unwrap_or_default());
            at += stop;
            match self.byte_at(at) {
                Some(b'"') => break,
                Some(b'\\') => {
                    let escaped = match self.byte_at(at + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'n') => '\n',
                        Some(b't') => '\t',
                        _ => {
                            return Err(Syntax::at(at)
                                .message("引号内有无法识别的转义")
                                .label("应为 `\\\"`、`\\\\`、`\\n`、`\\t` 之一")
                                .help("反斜杠写作 `\\\\`")
                                .into());
                        }
                    };
                    node.push(escaped);
                    at += 2;
                }
                _ => return Err(unclosed_string(start)),
            }
        }
        self.pos = at + 1;
        Ok(Some(Spanned {
            node,
            span: Span::new(start, self.pos),
        }))
    }

    fn digits_from(&self, at: usize) -> usize {
        let rest = self.bytes().get(at..).unwrap_or_default();
        rest.iter().take_while(|b| b.is_ascii_digit()).count()
    }

    /// The span of a number at the cursor (`-`? digits, then `.` digits), if one stands
    /// there; the cursor does not move.
    pub(super) fn number_span(&self, signed: bool) -> Option<Span> {
        let start = self.pos;
        let mut at = start;
        if signed && self.byte_at(at) == Some(b'-') {
            at += 1;
        }
        let whole = self.digits_from(at);
        if whole == 0 {
            return None;
        }
        at += whole;
        if self.byte_at(at) == Some(b'.') {
            let fraction = self.digits_from(at + 1);
            if fraction > 0 {
                at += 1 + fraction;
            }
        }
        Some(Span::new(start, at))
    }

    fn decimal(&mut self, span: Span) -> Decimal {
        let text = self.text.get(span.start..span.end).unwrap_or_default();
        Decimal::from_str(text).unwrap_or_else(|_| {
            self.errors.push(ParseError::InvalidNumber {
                text: text.to_owned(),
                span: (span.start, span.len()).into(),
            });
            Decimal::ZERO
        })
    }

    /// The span of a unit starting at `at`: a letter or one of `%‰°℃µμ`, then letters,
    /// digits and `%/²³·`; never a keyword.
    pub(super) fn unit_span(&self, at: usize) -> Option<Span> {
        let rest = self.text.get(at..)?;
        let first = rest.chars().next()?;
        if !(first.is_ascii_alphabetic() || "%‰°℃µμ".contains(first)) || self.reserved_at(at)
        {
            return None;
        }
        let len = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || "%/²³·".contains(c)))
            .map_or(rest.len(), |(i, _)| i);
        Some(Span::new(at, at + len))
    }

    /// A number, or a quantity (a number, spaces, a unit) when a unit follows. `signed`
    /// admits a leading minus (in bounds and test values; in expressions it is an
    /// operator). The cursor is after layout.
    pub fn number_or_quantity(
        &mut self,
        signed: bool,
    ) -> Option<Spanned<(Decimal, Option<Ident>)>> {
        let number = self.number_span(signed)?;
        let spaces = self
            .bytes()
            .get(number.end..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b' ')
            .count();
        let value = self.decimal(number);
        match self.unit_span(number.end + spaces) {
            Some(unit) => {
                self.pos = unit.end;
                let symbol = self.name_at(unit);
                Some(Spanned {
                    node: (value, Some(symbol)),
                    span: Span::new(number.start, unit.end),
                })
            }
            None => {
                self.pos = number.end;
                Some(Spanned {
                    node: (value, None),
                    span: number,
                })
            }
        }
    }

    /// A unit after layout (`in m` in a fact's type).
    pub fn try_unit(&mut self) -> Read<Option<Ident>> {
        self.skip()?;
        Ok(self.unit_span(self.pos).map(|span| {
            self.pos = span.end;
            self.name_at(span)
        }))
    }

    /// The length of the date at the cursor, if one stands there: four digits for the year,
    /// one or two for the month and for the day (as records may write them), not followed by
    /// a word character.
    pub(super) fn date_len(&self) -> Option<usize> {
        let digits = |at: usize, most: usize| {
            self.bytes()
                .get(at..)
                .unwrap_or_default()
                .iter()
                .take(most)
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let start = self.pos;
        if digits(start, 4) != 4 || self.byte_at(start + 4) != Some(b'-') {
            return None;
        }
        let month = digits(start + 5, 2);
        if month == 0 || self.byte_at(start + 5 + month) != Some(b'-') {
            return None;
        }
        let day_at = start + 6 + month;
        let day = digits(day_at, 2);
        let end = day_at + day;
        let continues = self
            .text
            .get(end..)
            .and_then(|r| r.chars().next())
            .is_some_and(is_word_continue);
        (day > 0 && !continues).then_some(end - start)
    }

    /// Whether a date stands at the cursor.
    pub fn at_date(&self) -> bool {
        self.date_len().is_some()
    }

    /// A date; an impossible calendar day is noted and read as the earliest date.
    pub fn date(&mut self) -> Read<Spanned<NaiveDate>> {
        self.skip()?;
        if !self.at_date() {
            return Err(self.unexpected("日期（YYYY-MM-DD）"));
        }
        Ok(self.take_date())
    }

    /// Reads the date that [`Parser::at_date`] found, as a record's date is read.
    pub fn take_date(&mut self) -> Spanned<NaiveDate> {
        let len = self.date_len().unwrap_or_default();
        let span = Span::new(self.pos, self.pos + len);
        self.pos = span.end;
        let text = self.text.get(span.start..span.end).unwrap_or_default();
        let node = crate::value::date(text).unwrap_or_else(|| {
            self.errors.push(ParseError::InvalidDate {
                text: text.to_owned(),
                span: (span.start, span.len()).into(),
            });
            NaiveDate::MIN
        });
        Spanned { node, span }
    }

    /// A whole number (`at least N of`).
    pub fn integer(&mut self) -> Read<Spanned<u32>> {
        self.skip()?;
        let len = self.digits_from(self.pos);
        if len == 0 {
            return Err(self.unexpected("整数"));
        }
        let span = Span::new(self.pos, self.pos + len);
        self.pos = span.end;
        let node = self
            .text
            .get(span.start..span.end)
            .and_then(|t| t.parse().ok())
            .unwrap_or(u32::MAX);
        Ok(Spanned { node, span })
    }

    /// A comparison operator, if one stands at the cursor (after layout).
    pub fn try_cmp_op(&mut self) -> Read<Option<crate::ast::CmpOp>> {
        use crate::ast::CmpOp;
        self.skip()?;
        let (op, len) = match self.bytes().get(self.pos..).unwrap_or_default() {
            [b'=', b'=', ..] => (CmpOp::Eq, 2),
            [b'!', b'=', ..] => (CmpOp::Ne, 2),
            [b'<', b'=', ..] => (CmpOp::Le, 2),
            [b'>', b'=', ..] => (CmpOp::Ge, 2),
            [b'<', ..] => (CmpOp::Lt, 1),
            [b'>', ..] => (CmpOp::Gt, 1),
            _ => return Ok(None),
        };
        self.pos += len;
        Ok(Some(op))
    }
}

fn unclosed_string(start: usize) -> Box<ParseError> {
    Syntax::at(start)
        .message("引号没有闭合")
        .label("引号从这里开始")
        .help("在同一行用 `\"` 结束")
        .into()
}
