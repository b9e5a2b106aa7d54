//! Bounds on nesting, so that untrusted rule files cannot exhaust the stack of the
//! recursive parser, checker or evaluator.

use super::err::ParseError;
use crate::ast::{ClauseBody, Expr, ExprKind, File, HeaderEntry, Item, Section, SectionItem};

/// Deepest bracket nesting accepted.
const MAX_BRACKETS: usize = 64;
/// Deepest expression tree accepted (a chain of 200 `and`s is 200 deep).
const MAX_EXPRESSION: usize = 256;

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

/// Measures every expression of the file without recursion.
pub(super) fn check_depth(file: &File) -> Vec<ParseError> {
    let mut roots: Vec<&Expr> = Vec::new();
    for item in &file.items {
        match item {
            Item::Standard(h) => roots.extend(h.entries.iter().filter_map(|e| match e {
                HeaderEntry::Applies(x) => Some(x),
                _ => None,
            })),
            Item::Let(l) => roots.push(&l.value),
            Item::Section(s) => section_roots(s, &mut roots),
            Item::Clause(c) => clause_roots(&c.body, &mut roots),
            _ => {}
        }
    }
    roots
        .into_iter()
        .filter(|e| depth(e) > MAX_EXPRESSION)
        .map(|e| ParseError::ExpressionTooDeep {
            limit: MAX_EXPRESSION,
            span: (e.span.start, e.span.end.saturating_sub(e.span.start)).into(),
        })
        .collect()
}

fn section_roots<'a>(section: &'a Section, roots: &mut Vec<&'a Expr>) {
    roots.extend(section.guard.iter());
    for item in &section.items {
        match item {
            SectionItem::Section(s) => section_roots(s, roots),
            SectionItem::Clause(c) => clause_roots(&c.body, roots),
        }
    }
}

fn clause_roots<'a>(body: &'a ClauseBody, roots: &mut Vec<&'a Expr>) {
    if let ClauseBody::Rules { applies, major, .. } = body {
        roots.extend(applies.iter().chain(major.iter()));
    }
}

fn depth(root: &Expr) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(root, 1usize)];
    while let Some((e, d)) = stack.pop() {
        deepest = deepest.max(d);
        let children: Vec<&Expr> = match &e.kind {
            ExprKind::List(items) | ExprKind::AtLeast { items, .. } => items.iter().collect(),
            ExprKind::Unary(_, x) | ExprKind::Call { arg: x, .. } => vec![x],
            ExprKind::Binary(_, a, b) | ExprKind::Where(a, b) => vec![a, b],
            ExprKind::Quantifier { domain, body, .. } => vec![domain, body],
            _ => Vec::new(),
        };
        stack.extend(children.into_iter().map(|c| (c, d + 1)));
    }
    deepest
}
