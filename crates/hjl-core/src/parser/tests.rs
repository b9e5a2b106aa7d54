use super::*;
use crate::ast::{ExprKind, Item};

fn whole(text: &str) -> Result<File, Vec<ParseError>> {
    parse(text, Reading::Whole)
}

use crate::shipped::rule_files as shipped;

#[test]
fn parses_every_shipped_rule_file() {
    for (path, text) in shipped() {
        assert!(whole(&text).is_ok(), "{path} does not parse");
    }
}

#[test]
fn reading_only_rules_gives_the_same_rules_without_tests() {
    for (path, text) in shipped() {
        let all = whole(&text).unwrap_or_default();
        let rules = parse(&text, Reading::RulesOnly).unwrap_or_default();
        let expected: Vec<String> = all
            .items
            .iter()
            .filter(|i| !matches!(i, Item::Test(_)))
            .map(|i| format!("{i:?}"))
            .collect();
        let got: Vec<String> = rules.items.iter().map(|i| format!("{i:?}")).collect();
        assert!(!got.is_empty(), "{path}");
        assert_eq!(got, expected, "{path}");
    }
}

#[test]
fn a_skipped_test_body_may_hold_braces_in_strings_and_comments() {
    let text = r#"
test "括号" {
  given { a: "}{ \" }", b: [{ c: 1 }] } // }
  /* { */ expect verdict clear
}
let x = a
"#;
    let file = parse(text, Reading::RulesOnly).unwrap_or_default();
    assert!(matches!(file.items.as_slice(), [Item::Let(_)]));
    // Unbalanced braces are still a syntax error.
    assert!(parse("test \"t\" { given { a: 1 }\nlet x = a", Reading::RulesOnly).is_err());
}

#[test]
fn quantifier_body_extends_to_the_right() {
    let file = whole("let x = any f in l: f.a and f.b").unwrap_or_default();
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
    let file = whole("let x = not a == b").unwrap_or_default();
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
    let file = whole("let x = a > 3 and b").unwrap_or_default();
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
    let errors = whole("standard s \"t\" { effective 2023-02-30 }")
        .err()
        .unwrap_or_default();
    assert_eq!(errors.len(), 1);
}

#[test]
fn deep_brackets_are_refused_before_parsing() {
    let text = format!("let x = {}a{}", "(".repeat(10_000), ")".repeat(10_000));
    let errors = whole(&text).err().unwrap_or_default();
    assert!(matches!(errors.first(), Some(ParseError::TooDeep { .. })));
}

#[test]
fn long_operator_chains_are_refused() {
    let text = format!("let x = a{}", " and a".repeat(300));
    let errors = whole(&text).err().unwrap_or_default();
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
        let errors = whole(&text).err().unwrap_or_default();
        assert!(matches!(
            errors.first(),
            Some(ParseError::ExpressionTooDeep { .. })
        ));
    }
}

#[test]
fn a_chain_of_quantifiers_too_deep_for_the_parser_is_an_error_that_says_so() {
    let text = format!("let x = {}a", "any y in l: ".repeat(20_000));
    let errors = whole(&text).err().unwrap_or_default();
    let message = errors.first().map(ToString::to_string).unwrap_or_default();
    assert_eq!(message, "条件嵌套超过 256 层运算");
}

#[test]
fn the_deepest_chain_of_quantifiers_accepted_is_read_without_exhausting_the_stack() {
    let chain = format!("let x = {}a", "any y in l where b: ".repeat(128));
    let rules = format!(
        "clause \"第一条\" \"标题\" {{\n{}}}",
        "  major when any y in l: y.a\n".repeat(300)
    );
    for text in [chain, rules] {
        // A test thread's stack (2 MiB), in a debug build: the parser's deepest case.
        let parsed = std::thread::spawn(move || whole(&text).is_ok());
        assert!(parsed.join().is_ok_and(|ok| ok));
    }
}

#[test]
fn brackets_in_strings_and_comments_do_not_count() {
    let text = format!("// {}\nlet x = \"{}\"", "(".repeat(100), "[".repeat(100));
    assert!(whole(&text).is_ok());
}

#[test]
fn dates_take_one_or_two_digit_months_and_days_as_records_do() {
    let file = whole("standard s \"t\" { effective 2024-6-1 }\nlet x = d >= 2024-06-01")
        .unwrap_or_default();
    let Some(Item::Standard(header)) = file.items.first() else {
        panic!("expected a standard")
    };
    let Some(crate::ast::HeaderEntry::Effective(date)) = header.entries.first() else {
        panic!("expected an effective date")
    };
    assert_eq!(date.node.to_string(), "2024-06-01");
    // Three digits for a day is no date, in rule files as in records.
    assert!(whole("standard s \"t\" { effective 2024-06-011 }").is_err());
}

#[test]
fn the_deepest_accepted_chain_of_quantifiers_reads_on_a_threads_default_stack() {
    // 255 nested quantifiers (each with its body, 256 expressions deep) is the most that is
    // accepted; a spawned thread's default stack (2 MiB) must hold the reading of it.
    let reads = |n: usize| {
        let text = format!("let x = {}a", "any y in l: ".repeat(n));
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || whole(&text).err().unwrap_or_default().len())
            .map(|t| t.join().ok())
            .ok()
            .flatten()
    };
    assert_eq!(reads(255), Some(0));
    assert_eq!(reads(256), Some(1));
}
