//! Bounds on nesting, so that untrusted rule files cannot exhaust the stack of the
//! recursive parser, checker or evaluator.

use super::err::ParseError;

/// Deepest bracket nesting accepted.
const MAX_BRACKETS: usize = 64;
/// Deepest expression tree accepted (a chain of 200 `and`s is 200 deep). The lowerer
/// enforces it while building: each expression counts its operators plus one for itself,
/// summed along the path of nested expressions.
pub(super) const MAX_EXPRESSION: usize = 256;

/// Scans brackets outside strings and comments before pest (which recurses per level) runs.
pub(super) fn check_nesting(text: &str) -> Result<(), ParseError> {
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' | '\n' => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_BRACKETS {
                    return Err(ParseError::TooDeep {
                        limit: MAX_BRACKETS,
                        span: (i, 1).into(),
                    });
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}
