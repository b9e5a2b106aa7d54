//! Bounds on nesting, so that untrusted rule files cannot exhaust the stack of the
//! recursive parser, checker or evaluator.

use super::err::ParseError;

/// Deepest bracket nesting accepted.
const MAX_BRACKETS: usize = 64;
/// Deepest expression tree accepted (a chain of 200 `and`s is 200 deep). The lowerer
/// enforces it while building: each expression counts its operators plus one for itself,
/// summed along the path of nested expressions.
pub(super) const MAX_EXPRESSION: usize = 256;

/// Words after which the grammar recurses without a bracket: a quantifier's body and a
/// filter's condition are whole expressions.
const NESTING_WORDS: [&[u8]; 4] = [b"any", b"all", b"none", b"where"];
/// Words that begin a new item: a chain of nesting words cannot run across them.
const ITEM_WORDS: [&[u8]; 12] = [
    b"fact",
    b"let",
    b"section",
    b"clause",
    b"major",
    b"applies",
    b"note",
    b"pending",
    b"test",
    b"given",
    b"expect",
    b"standard",
];

/// Scans, outside strings and comments, what makes pest recurse (it recurses per level and
/// has no stack probe here): brackets, and chains of quantifiers and filters within one
/// item. Byte by byte: every character it looks for is ASCII, and no byte of a multi-byte
/// UTF-8 character is, so there is nothing to decode.
pub(super) fn check_nesting(text: &str) -> Result<(), ParseError> {
    let mut depth = 0usize;
    let mut chain = 0usize;
    let mut bytes = text.bytes().enumerate().peekable();
    while let Some((i, b)) = bytes.next() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'_' | 0x80.. => {
                let mut end = i + 1;
                while let Some(&(j, c)) = bytes.peek() {
                    if !(c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80) {
                        break;
                    }
                    end = j + 1;
                    bytes.next();
                }
                let word = text.as_bytes().get(i..end).unwrap_or_default();
                if NESTING_WORDS.contains(&word) {
                    chain += 1;
                    if chain > MAX_EXPRESSION {
                        return Err(ParseError::ExpressionTooDeep {
                            limit: MAX_EXPRESSION,
                            span: (i, word.len()).into(),
                        });
                    }
                } else if ITEM_WORDS.contains(&word) {
                    chain = 0;
                }
            }
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
