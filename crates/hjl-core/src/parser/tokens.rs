//! A rule file as a flat list of tokens, its comments kept, for the formatter. Tokens are
//! told apart by the reader's own rules (words and dotted paths, strings, dates, numbers
//! and the unit after them), so that laying them out again cannot change what is read.

use super::scan::{Parser, is_word_start};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word or a dotted path (`mine.kind`), keywords included.
    Word,
    /// A quoted string, exactly as written (escapes unresolved).
    Text,
    /// A date.
    Date,
    /// A number without a unit.
    Number,
    /// A number and its unit; `unit` is where the unit starts in the token's text.
    Quantity { unit: usize },
    /// A unit on its own (`in %LEL` in a fact's type).
    Unit,
    /// Punctuation or an operator: brackets, `,`, `:`, `.`, `=`, comparisons, arithmetic.
    Punct,
    /// `// …` to the end of its line.
    LineComment,
    /// `/* … */`.
    BlockComment,
}

/// One token and the layout before it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    /// Line breaks between the previous token and this one.
    pub breaks: usize,
}

impl Token<'_> {
    /// Whether this is the punctuation or operator `symbol`.
    pub fn is(&self, symbol: &str) -> bool {
        self.kind == Kind::Punct && self.text == symbol
    }

    /// Whether this is the word `word`.
    pub fn is_word(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.text == word
    }

    /// Whether this is a comment.
    pub fn is_comment(&self) -> bool {
        matches!(self.kind, Kind::LineComment | Kind::BlockComment)
    }
}

const OPERATORS: [&str; 19] = [
    "==", "!=", "<=", ">=", "<", ">", "=", "+", "-", "*", "/", "{", "}", "[", "]", "(", ")", ",",
    ":",
];

/// The tokens of a text the reader accepts. `None` for a character no token starts with
/// (the reader would have refused the text).
pub(crate) fn tokens(text: &str) -> Option<Vec<Token<'_>>> {
    let mut p = Parser::new(text);
    let mut out: Vec<Token<'_>> = Vec::new();
    let mut breaks = 0;
    while !p.at_end() {
        let rest = p.rest();
        let start = p.pos;
        let bytes = rest.as_bytes();
        if let Some(c) = rest
            .chars()
            .next()
            .filter(|c| c.is_whitespace() || *c == '\u{feff}')
        {
            breaks += usize::from(c == '\n');
            p.pos += c.len_utf8();
            continue;
        }
        let (kind, len) = if rest.starts_with("//") {
            (
                Kind::LineComment,
                memchr::memchr(b'\n', bytes).unwrap_or(bytes.len()),
            )
        } else if rest.starts_with("/*") {
            let end = memchr::memmem::find(bytes.get(2..)?, b"*/")? + 4;
            (Kind::BlockComment, end)
        } else if bytes.first() == Some(&b'"') {
            let string = p.try_string().ok()??;
            p.pos = start;
            (Kind::Text, string.span.len())
        } else if let Some(len) = p.date_len() {
            (Kind::Date, len)
        } else if let Some(number) = p.number_span(false) {
            let spaces = bytes
                .get(number.len()..)?
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            match p.unit_span(number.end + spaces) {
                Some(unit) => (
                    Kind::Quantity {
                        unit: unit.start - start,
                    },
                    unit.end - start,
                ),
                None => (Kind::Number, number.len()),
            }
        } else if let Some(unit) = out
            .last()
            .filter(|t| t.is_word("in"))
            .and_then(|_| p.unit_span(start))
            .filter(|_| !rest.starts_with(is_word_start) || unit_breaks_word(&p, start))
        {
            (Kind::Unit, unit.len())
        } else if rest.starts_with(is_word_start) {
            (Kind::Word, path_len(&p, start))
        } else {
            let op = OPERATORS.iter().find(|op| rest.starts_with(**op))?;
            (Kind::Punct, op.len())
        };
        p.pos = start + len;
        let text = text.get(start..p.pos)?;
        let text = if kind == Kind::LineComment {
            text.trim_end()
        } else {
            text
        };
        out.push(Token { kind, text, breaks });
        breaks = 0;
    }
    Some(out)
}

/// Whether the unit at `at` reads on past the word there (`m³/h`, `kN/m²`), so that it
/// must be kept whole rather than read as a word.
fn unit_breaks_word(p: &Parser<'_>, at: usize) -> bool {
    p.unit_span(at)
        .is_some_and(|unit| unit.end > p.word_end(at))
}

/// The length of the word at `at` with the `.name`s directly after it.
fn path_len(p: &Parser<'_>, at: usize) -> usize {
    let mut end = p.word_end(at);
    while p.text.as_bytes().get(end) == Some(&b'.')
        && p.text
            .get(end + 1..)
            .and_then(|r| r.chars().next())
            .is_some_and(is_word_start)
    {
        end = p.word_end(end + 1);
    }
    end - at
}
