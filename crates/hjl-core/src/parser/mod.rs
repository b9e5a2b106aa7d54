//! Source text to syntax tree: a hand-written recursive-descent reader that builds `ast`
//! nodes, each with its span, straight from the text (no token stream, no parse tree).
//! `grammars/hjl.pest` is the language's grammar; a test holds the reader to it.

mod err;
mod expr;
mod items;
mod limits;
mod scan;
mod slips;
pub(crate) mod tokens;

pub(crate) use err::ParseError;

/// Whether `word` is a keyword, which cannot name a fact, field, definition or unit.
pub(crate) fn is_reserved(word: &str) -> bool {
    scan::RESERVED.contains(&word)
}

use crate::ast::File;

/// How much of a rule file to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Everything, tests included.
    Whole,
    /// Declarations and rules; each test's body is skipped as balanced braces.
    RulesOnly,
}

/// Parses one rule file. A syntax error stops the reading (one mistake, one error); literal
/// errors (an impossible date, say) are collected and the rest of the file is still read.
pub(crate) fn parse(text: &str, reading: Reading) -> Result<File, Vec<ParseError>> {
    let mut parser = scan::Parser::new(text);
    let file = parser.file(reading).map_err(|e| vec![*e])?;
    if parser.errors.is_empty() {
        Ok(file)
    } else {
        Err(parser.errors)
    }
}

#[cfg(test)]
pub(crate) mod oracle;
#[cfg(test)]
mod tests;
