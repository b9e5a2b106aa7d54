//! Warnings silenced in the rule file itself, where a regulator has decided that what a lint
//! points at is meant:
//!
//! ```text
//! // hjl-allow: W0102 原文即为毫米
//! fact coal.settlement : length in m "沉降量"
//! ```
//!
//! A `// hjl-allow: CODE…` comment on a line of its own silences those warnings in the item
//! that begins on the next line (the whole block when that line opens one); at the end of a
//! line it silences them on that line. `// hjl-allow-file: CODE…` silences them in the whole
//! file. Words after the codes are the reason, for readers. Errors cannot be silenced.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::parser::tokens::{Kind, Token, tokens};

/// Where some warnings are silenced: byte offsets `start..end` of one file.
struct Allowance {
    codes: Vec<String>,
    start: usize,
    end: usize,
}

/// Drops the warnings their files silence.
pub(crate) fn silence(diagnostics: &mut Vec<Diagnostic>) {
    let mut by_file: HashMap<String, Vec<Allowance>> = HashMap::new();
    diagnostics.retain(|d| {
        if d.severity() != Severity::Warning {
            return true;
        }
        let file = d.file();
        let allowances = by_file
            .entry(file.name().to_owned())
            .or_insert_with(|| allowances(file.text()));
        let at = d.offset();
        !allowances
            .iter()
            .any(|a| (a.start..a.end).contains(&at) && a.codes.iter().any(|c| c == d.code()))
    });
}

fn allowances(text: &str) -> Vec<Allowance> {
    let Some(tokens) = tokens(text) else {
        return Vec::new();
    };
    let offset = |t: &Token<'_>| t.text.as_ptr() as usize - text.as_ptr() as usize;
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != Kind::LineComment {
            continue;
        }
        let body = token.text.trim_start_matches('/').trim();
        let (whole_file, rest) = if let Some(rest) = body.strip_prefix("hjl-allow-file:") {
            (true, rest)
        } else if let Some(rest) = body.strip_prefix("hjl-allow:") {
            (false, rest)
        } else {
            continue;
        };
        let codes: Vec<String> = rest
            .split([' ', ',', '，'])
            .filter(|w| !w.is_empty())
            .take_while(|w| is_code(w))
            .map(str::to_owned)
            .collect();
        let (start, end) = if whole_file {
            (0, text.len())
        } else if i > 0 && token.breaks == 0 {
            (line_start(text, offset(token)), offset(token))
        } else {
            item_after(&tokens, i, text)
        };
        out.push(Allowance { codes, start, end });
    }
    out
}

/// `W` and four digits.
fn is_code(word: &str) -> bool {
    word.len() == 5 && word.starts_with('W') && word[1..].bytes().all(|b| b.is_ascii_digit())
}

fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |nl| nl + 1)
}

/// The span of the item beginning on the first line of code after token `i`: that line, or
/// up to where the brackets it opens close.
fn item_after(tokens: &[Token<'_>], i: usize, text: &str) -> (usize, usize) {
    let offset = |t: &Token<'_>| t.text.as_ptr() as usize - text.as_ptr() as usize;
    let Some(first) = tokens
        .iter()
        .enumerate()
        .skip(i + 1)
        .find(|(_, t)| !t.is_comment())
        .map(|(j, _)| j)
    else {
        return (0, 0);
    };
    let start = tokens.get(first).map_or(0, |t| line_start(text, offset(t)));
    let mut depth = 0i64;
    for (k, token) in tokens.iter().enumerate().skip(first) {
        if k > first && token.breaks > 0 && depth <= 0 {
            return (start, offset(token));
        }
        if token.kind == Kind::Punct {
            match token.text {
                "{" | "[" | "(" => depth += 1,
                "}" | "]" | ")" => depth -= 1,
                _ => {}
            }
        }
    }
    (start, text.len())
}
