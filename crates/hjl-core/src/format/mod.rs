//! `hjl fmt`: one layout for every rule file. The formatter re-lays the reader's own tokens,
//! so it cannot change what a file says: comments stay where they are, line breaks inside
//! an expression or a record stay the author's, and everything else is decided here:
//! spacing within a line, indentation (two spaces a level), a line of its own for each
//! header, section, clause and test block's contents and closing brace, at most one blank
//! line in a row and none just inside a bracket, no trailing spaces, one final newline.

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::parser::tokens::{Kind, Token, tokens};
use crate::parser::{Reading, parse};

/// Words that begin a line of their own inside a header, section, clause or test block
/// and at the top level: a line starting with anything else continues the one before.
const STATEMENTS: [&str; 19] = [
    "vocabulary",
    "standard",
    "import",
    "fact",
    "let",
    "section",
    "clause",
    "test",
    "issuer",
    "document",
    "effective",
    "replaces",
    "superseded",
    "applies",
    "major",
    "note",
    "pending",
    "given",
    "expect",
];

/// The blocks whose contents are statements, by the word their line starts with.
const STATEMENT_BLOCKS: [&str; 4] = ["standard", "section", "clause", "test"];

/// Words after which a `-` is a sign rather than a subtraction.
const OPERATOR_WORDS: [&str; 12] = [
    "and", "or", "not", "in", "when", "where", "of", "major", "note", "applies", "pending", "given",
];

/// Formats one rule file. A file the reader refuses is not formatted: its syntax errors
/// come back as diagnostics, as `hjl check` would give them.
pub fn format(name: &str, text: &str) -> Result<String, Vec<Diagnostic>> {
    let refused = |errors: Vec<crate::parser::ParseError>| {
        let file = Arc::new(SourceFile::new(name, text));
        errors
            .iter()
            .map(|e| Diagnostic::from_stage(e, Severity::Error, &file))
            .collect::<Vec<_>>()
    };
    parse(text, Reading::Whole).map_err(refused)?;
    let tokens = tokens(text).ok_or_else(|| refused(Vec::new()))?;
    Ok(Layout::default().run(&tokens))
}

/// An open bracket: the indentation of the line it was opened on, and what it holds.
struct Open {
    level: usize,
    block: Block,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    /// Header, section, clause and test blocks (and the file itself).
    Statements,
    /// A `list { … }` type: one field declaration a line.
    Fields,
    /// Any other bracket: an enum, a record, a list, a parenthesis.
    Other,
}

#[derive(Default)]
struct Layout {
    out: String,
    open: Vec<Open>,
    /// Indentation level of the current line.
    level: usize,
    /// Index of the first token of the current line.
    line_start: usize,
    /// In a declaration's type, after its `:` and before a derivation's `=`.
    in_type: bool,
    /// The last token closed a header, section, clause or test block.
    closed_block: bool,
}

impl Layout {
    fn run(mut self, tokens: &[Token<'_>]) -> String {
        for (i, token) in tokens.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|j| tokens.get(j));
            match prev {
                None => self.start_line(tokens, i),
                Some(p) if token.breaks > 0 || self.forced_break(p, token) => {
                    self.out.push('\n');
                    if token.breaks > 1 && !just_inside(p, token) {
                        self.out.push('\n');
                    }
                    self.start_line(tokens, i);
                }
                Some(_) => {
                    if self.spaced(tokens, i) {
                        self.out.push(' ');
                    }
                }
            }
            self.write(token);
            self.track(tokens, i);
        }
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }

    /// Begins a line with token `i`: its indentation, and a new statement's state.
    fn start_line(&mut self, tokens: &[Token<'_>], i: usize) {
        self.line_start = i;
        let (level, continues) = self.indent(tokens, i);
        self.level = level;
        if !continues {
            self.in_type = false;
        }
        for _ in 0..level {
            self.out.push_str("  ");
        }
    }

    fn write(&mut self, token: &Token<'_>) {
        match token.kind {
            Kind::Quantity { unit } => {
                let number = token.text.get(..unit).unwrap_or_default().trim_end();
                self.out.push_str(number);
                self.out.push(' ');
                self.out
                    .push_str(token.text.get(unit..).unwrap_or_default());
            }
            // Every line break in a comment becomes LF, a lone CR too (editors show it as
            // one), so that formatting is a fixed point.
            Kind::BlockComment => {
                let text = token.text.replace("\r\n", "\n").replace('\r', "\n");
                self.out.push_str(&text);
            }
            _ => self.out.push_str(token.text),
        }
    }

    /// Keeps the bracket stack and the declaration state after writing token `i`.
    fn track(&mut self, tokens: &[Token<'_>], i: usize) {
        self.closed_block = false;
        let Some(token) = tokens.get(i).filter(|t| t.kind == Kind::Punct) else {
            return;
        };
        match token.text {
            "{" | "[" | "(" => {
                let block = if token.text != "{" {
                    Block::Other
                } else if self.in_statements()
                    && STATEMENT_BLOCKS.contains(&self.first_code_word(tokens))
                {
                    Block::Statements
                } else if prev_code(tokens, i).is_some_and(|t| t.is_word("list")) {
                    self.in_type = false;
                    Block::Fields
                } else {
                    Block::Other
                };
                self.open.push(Open {
                    level: self.level,
                    block,
                });
            }
            "}" | "]" | ")" => {
                let closed = self.open.pop();
                self.closed_block = closed.is_some_and(|o| o.block == Block::Statements);
            }
            ":" if self.declaration_colon(tokens, i) => self.in_type = true,
            "=" => self.in_type = false,
            _ => {}
        }
    }

    fn in_statements(&self) -> bool {
        self.open
            .last()
            .is_none_or(|o| o.block == Block::Statements)
    }

    /// The first word of the current line, comments aside.
    fn first_code_word<'t>(&self, tokens: &[Token<'t>]) -> &'t str {
        tokens
            .get(self.line_start..)
            .unwrap_or_default()
            .iter()
            .find(|t| !t.is_comment())
            .filter(|t| t.kind == Kind::Word)
            .map_or("", |t| t.text)
    }

    /// Whether the `:` at `i` is a fact's or a list field's, between its name and type.
    fn declaration_colon(&self, tokens: &[Token<'_>], i: usize) -> bool {
        let line: Vec<&Token<'_>> = tokens
            .get(self.line_start..i)
            .unwrap_or_default()
            .iter()
            .filter(|t| !t.is_comment())
            .collect();
        match self.open.last().map(|o| o.block) {
            None | Some(Block::Statements) => {
                matches!(line.as_slice(), [fact, name] if fact.is_word("fact") && name.kind == Kind::Word)
            }
            Some(Block::Fields) => matches!(line.as_slice(), [name] if name.kind == Kind::Word),
            Some(Block::Other) => false,
        }
    }

    /// A line break the layout requires although the author wrote none: after a line
    /// comment, after the `{` of a header, section, clause or test block, before its `}`
    /// and after that `}`, and before a statement that follows another on its line.
    fn forced_break(&self, prev: &Token<'_>, token: &Token<'_>) -> bool {
        let in_block = self
            .open
            .last()
            .is_some_and(|o| o.block == Block::Statements);
        if prev.kind == Kind::LineComment {
            true
        } else if prev.kind == Kind::Number && token.kind == Kind::Word {
            // After a space a word would be read as the number's unit (`8 alarm`, or `0 a`
            // and then `.b` of `0 a.b`, which does not read at all): the author kept them
            // apart with a tab or a line break, and so must the layout.
            let joined = format!("{} {}", prev.text, token.text);
            crate::parser::tokens::tokens(&joined)
                .is_none_or(|t| matches!(t.first().map(|t| t.kind), Some(Kind::Quantity { .. })))
        } else if token.is("}") && in_block {
            !prev.is("{")
        } else if prev.is("{") && in_block {
            !(token.is("}") || token.kind == Kind::LineComment)
        } else if self.in_statements() && starts_statement(prev, token) {
            true
        } else {
            self.closed_block && token.kind != Kind::LineComment
        }
    }

    /// The indentation of a line starting with token `i`, and whether the line goes on
    /// with the statement or declaration of the line before (indented two levels more).
    fn indent(&self, tokens: &[Token<'_>], i: usize) -> (usize, bool) {
        let Some(token) = tokens.get(i) else {
            return (0, false);
        };
        let inner = self.open.last();
        if token.is("}") || token.is("]") || token.is(")") {
            return (inner.map_or(0, |o| o.level), true);
        }
        let base = inner.map_or(0, |o| o.level + 1);
        let continues = !token.is_comment()
            && match inner.map_or(Block::Statements, |o| o.block) {
                Block::Statements => {
                    !(token.kind == Kind::Word && STATEMENTS.contains(&token.text))
                }
                Block::Fields => {
                    !(token.kind == Kind::Word && next_code(tokens, i).is_some_and(|t| t.is(":")))
                }
                Block::Other => false,
            };
        (if continues { base + 1 } else { base }, continues)
    }

    /// Whether one space goes between token `i` and the one before it on the same line.
    fn spaced(&self, tokens: &[Token<'_>], i: usize) -> bool {
        let (Some(prev), Some(token)) =
            (i.checked_sub(1).and_then(|j| tokens.get(j)), tokens.get(i))
        else {
            return false;
        };
        if token.is_comment() || prev.is_comment() {
            true
        } else if prev.is("(") || prev.is("[") || token.is(")") || token.is("]") || token.is(",") {
            false
        } else if token.is(":") {
            self.declaration_colon(tokens, i)
        } else if prev.is("-") {
            // A minus the author wrote against its number stays there: in a record, values
            // need no commas, so `023-05` is 023 and -05, and `023 - 05` would not read.
            let touching = matches!(token.kind, Kind::Number | Kind::Quantity { .. })
                && prev.text.as_ptr() as usize + prev.text.len() == token.text.as_ptr() as usize;
            !touching && !is_unary(i.checked_sub(2).and_then(|j| tokens.get(j)))
        } else if token.is("(") {
            // A call: a name (not a keyword) and then its argument; in a type, bounds.
            !(prev.kind == Kind::Word
                && !prev.text.contains('.')
                && !crate::parser::is_reserved(prev.text)
                && !self.in_type)
        } else {
            !(token.is("}") && prev.is("{"))
        }
    }
}

/// Whether `token`, after `prev` on one line, begins a statement of its own: a statement
/// word, other than a clause's `pending "…"` and the outcome in `expect major`.
fn starts_statement(prev: &Token<'_>, token: &Token<'_>) -> bool {
    token.kind == Kind::Word
        && STATEMENTS.contains(&token.text)
        && !(token.text == "pending" && prev.kind == Kind::Text)
        && !(token.text == "major" && (prev.is_word("expect") || prev.is_word("verdict")))
}

/// Whether a blank line between `prev` and `token` would sit just inside a bracket.
fn just_inside(prev: &Token<'_>, token: &Token<'_>) -> bool {
    ["{", "[", "("].iter().any(|b| prev.is(b)) || ["}", "]", ")"].iter().any(|b| token.is(b))
}

/// The code token before `i` (comments skipped).
fn prev_code<'a, 't>(tokens: &'a [Token<'t>], i: usize) -> Option<&'a Token<'t>> {
    tokens.get(..i)?.iter().rev().find(|t| !t.is_comment())
}

/// The code token after `i` (comments skipped).
fn next_code<'a, 't>(tokens: &'a [Token<'t>], i: usize) -> Option<&'a Token<'t>> {
    tokens.get(i + 1..)?.iter().find(|t| !t.is_comment())
}

/// Whether a `-` after `before` is a sign rather than a subtraction.
fn is_unary(before: Option<&Token<'_>>) -> bool {
    before.is_none_or(|t| match t.kind {
        Kind::Punct => !(t.is(")") || t.is("]") || t.is("}")),
        Kind::Word => OPERATOR_WORDS.contains(&t.text),
        _ => t.is_comment(),
    })
}

#[cfg(test)]
mod tests;
