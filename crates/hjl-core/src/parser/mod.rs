//! Source text to syntax tree. The only module that sees pest `Pair`s: it lowers them at
//! once into `ast` nodes that carry their spans.

mod err;
mod grammar;
mod limits;
mod lower;

use pest::Parser as _;

pub(crate) use err::ParseError;
use grammar::{HjlGrammar, Rule};

use crate::ast::File;

/// How much of a rule file to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Everything, tests included.
    Whole,
    /// Declarations and rules; each test's body is skipped as balanced braces.
    RulesOnly,
}

/// Parses one rule file. On a syntax error the tree is not built; literal errors (an
/// impossible date, say) are collected and the rest of the file is still lowered.
pub(crate) fn parse(text: &str, reading: Reading) -> Result<File, Vec<ParseError>> {
    limits::check_nesting(text).map_err(|e| vec![e])?;
    let rule = match reading {
        Reading::Whole => Rule::file,
        Reading::RulesOnly => Rule::rules_file,
    };
    let mut pairs = HjlGrammar::parse(rule, text).map_err(|e| vec![err::from_pest(e)])?;
    let Some(file) = pairs.next() else {
        return Ok(File::default());
    };
    let mut lowerer = lower::Lowerer::default();
    let file = lowerer.file(file);
    if lowerer.errors.is_empty() {
        Ok(file)
    } else {
        Err(lowerer.errors)
    }
}

#[cfg(test)]
mod tests;
