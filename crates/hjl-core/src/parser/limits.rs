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
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut chain = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let rest = bytes.get(i + 1..).unwrap_or_default();
        i += 1;
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'_' | 0x80.. => {
                let len = rest
                    .iter()
                    .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80))
                    .unwrap_or(rest.len());
                let word = bytes.get(i - 1..i + len).unwrap_or_default();
                i += len;
                if NESTING_WORDS.contains(&word) {
                    chain += 1;
                    if chain > MAX_EXPRESSION {
                        return Err(ParseError::ExpressionTooDeep {
                            limit: MAX_EXPRESSION,
                            span: (i - word.len(), word.len()).into(),
                        });
                    }
                } else if ITEM_WORDS.contains(&word) {
                    chain = 0;
                }
            }
            b'"' => {
                let mut escaped = false;
                let len = rest
                    .iter()
                    .position(|&c| {
                        let end = !escaped && (c == b'"' || c == b'\n');
                        escaped = !escaped && c == b'\\';
                        end
                    })
                    .map_or(rest.len(), |p| p + 1);
                i += len;
            }
            b'/' if rest.first() == Some(&b'/') => {
                i += rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_BRACKETS {
                    return Err(ParseError::TooDeep {
                        limit: MAX_BRACKETS,
                        span: (i - 1, 1).into(),
                    });
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}
