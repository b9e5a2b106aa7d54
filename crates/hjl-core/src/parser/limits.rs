//! Bounds on nesting, so that untrusted rule files cannot exhaust the stack of the
//! recursive reader, checker or evaluator. The reader counts as it goes and stops at the
//! bound, before it recurses further.

use super::err::ParseError;
use super::scan::{Parser, Read};

/// Deepest bracket nesting accepted: `(`, `[` and `{`.
const MAX_BRACKETS: usize = 64;
/// Deepest expression tree accepted (a chain of 200 `and`s is 200 deep): each expression
/// counts its operators plus one for itself, summed along the path of nested expressions.
pub(super) const MAX_EXPRESSION: usize = 256;

/// A bracket the reader is inside: where it opened and what it holds.
pub(super) struct Open {
    pub at: usize,
    /// What the bracket opens, for the error when the text ends inside it ("这个条款").
    pub what: &'static str,
}

impl Parser<'_> {
    /// Takes the opening bracket `token` (after layout) of `what`, one level deeper.
    pub fn open(&mut self, token: &str, expected: &str, what: &'static str) -> Read<()> {
        let at = self.expect(token, expected)?;
        self.open.push(Open { at, what });
        if self.open.len() > MAX_BRACKETS {
            return Err(Box::new(ParseError::TooDeep {
                limit: MAX_BRACKETS,
                span: (at, 1).into(),
            }));
        }
        Ok(())
    }

    /// Takes the closing bracket `token` and comes back up a level.
    pub fn close(&mut self, token: &str, expected: &str) -> Read<()> {
        self.expect(token, expected)?;
        self.open.pop();
        Ok(())
    }

    /// Comes back up a level after a bracket closed by a list's own loop.
    pub fn closed(&mut self) {
        self.open.pop();
    }
}
