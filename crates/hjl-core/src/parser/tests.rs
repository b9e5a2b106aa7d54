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
