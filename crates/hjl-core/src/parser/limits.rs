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
/// Byte by byte: every character it looks for is ASCII, and no byte of a multi-byte UTF-8
/// character is, so there is nothing to decode.
pub(super) fn check_nesting(text: &str) -> Result<(), ParseError> {
    let mut depth = 0usize;
    let mut bytes = text.bytes().enumerate().peekable();
    while let Some((i, b)) = bytes.next() {
        match b {
            b'"' => {
                while let Some((_, b)) = bytes.next() {
                    match b {
                        b'\\' => {
                            bytes.next();
                        }
                        b'"' | b'\n' => break,
                        _ => {}
                    }
                }
            }
            b'/' if bytes.peek().is_some_and(|(_, n)| *n == b'/') => {
                for (_, b) in bytes.by_ref() {
                    if b == b'\n' {
                        break;
                    }
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_BRACKETS {
                    return Err(ParseError::TooDeep {
                        limit: MAX_BRACKETS,
                        span: (i, 1).into(),
                    });
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}
