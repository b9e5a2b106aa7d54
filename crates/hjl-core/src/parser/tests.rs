use super::*;
use crate::ast::{ExprKind, Item};

#[test]
fn parses_every_shipped_rule_file() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulesets");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "hjl") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(parse(&text).is_ok(), "{} does not parse", path.display());
            seen += 1;
        }
    }
    assert!(seen > 0, "no rule files found in {dir}");
}

#[test]
fn quantifier_body_extends_to_the_right() {
    let file = parse("let x = any f in l: f.a and f.b").unwrap_or_default();
    let Some(Item::Let(def)) = file.items.first() else {
        panic!("expected a let")
    };
    let ExprKind::Quantifier { body, .. } = &def.value.kind else {
        panic!("expected any")
    };
    assert!(matches!(
        body.kind,
        ExprKind::Binary(crate::ast::BinaryOp::And, _, _)
    ));
}

#[test]
fn not_binds_looser_than_comparison() {
    let file = parse("let x = not a == b").unwrap_or_default();
    let Some(Item::Let(def)) = file.items.first() else {
        panic!("expected a let")
    };
    assert!(matches!(
        def.value.kind,
        ExprKind::Unary(crate::ast::UnaryOp::Not, _)
    ));
}

#[test]
fn keywords_are_not_units() {
    let file = parse("let x = a > 3 and b").unwrap_or_default();
    let Some(Item::Let(def)) = file.items.first() else {
        panic!("expected a let")
    };
    assert!(matches!(
        def.value.kind,
        ExprKind::Binary(crate::ast::BinaryOp::And, _, _)
    ));
}

#[test]
fn impossible_dates_are_reported() {
    let errors = parse("standard s \"t\" { effective 2023-02-30 }")
        .err()
        .unwrap_or_default();
    assert_eq!(errors.len(), 1);
}

#[test]
fn deep_brackets_are_refused_before_parsing() {
    let text = format!("let x = {}a{}", "(".repeat(10_000), ")".repeat(10_000));
    let errors = parse(&text).err().unwrap_or_default();
    assert!(matches!(errors.first(), Some(ParseError::TooDeep { .. })));
}

#[test]
fn long_operator_chains_are_refused() {
    let text = format!("let x = a{}", " and a".repeat(300));
    let errors = parse(&text).err().unwrap_or_default();
    assert!(matches!(
        errors.first(),
        Some(ParseError::ExpressionTooDeep { .. })
    ));
}

#[test]
fn very_long_chains_are_refused_without_building_them() {
    // Building (or dropping) a tree this deep would overflow the stack.
    for text in [
        format!("let x = a{}", " and a".repeat(100_000)),
        format!("let x = {}a", "not ".repeat(100_000)),
        format!("let x = {}a", "-".repeat(100_000)),
    ] {
        let errors = parse(&text).err().unwrap_or_default();
        assert!(matches!(
            errors.first(),
            Some(ParseError::ExpressionTooDeep { .. })
        ));
    }
}

#[test]
fn brackets_in_strings_and_comments_do_not_count() {
    let text = format!("// {}\nlet x = \"{}\"", "(".repeat(100), "[".repeat(100));
    assert!(parse(&text).is_ok());
}
