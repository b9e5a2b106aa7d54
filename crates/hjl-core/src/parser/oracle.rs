//! The reader against the grammar: `grammars/hjl.pest`, compiled by pest, must accept
//! exactly the texts the reader reads without a syntax error, for every rule file in the
//! repository and for many small corruptions of each.

use pest::Parser as _;
use pest_derive::Parser;

use super::{ParseError, Reading, parse};

#[derive(Parser)]
#[grammar = "../../grammars/hjl.pest"]
struct Grammar;

/// Every rule file in the repository: the shipped ones and the CLI's test fixtures.
pub(crate) fn rule_files() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut files = Vec::new();
    for dir in [
        "rulesets",
        "crates/hjl-cli/tests/fixtures/good",
        "crates/hjl-cli/tests/fixtures/failing",
        "crates/hjl-cli/tests/fixtures/untested",
        "crates/hjl-cli/tests/fixtures/broken",
    ] {
        for entry in std::fs::read_dir(format!("{root}/{dir}"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "hjl") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                files.push((path.display().to_string(), text));
            }
        }
    }
    assert!(files.len() > 30, "rule files not found under {root}");
    files
}

/// Whether the reader finds a syntax error (literal errors such as an impossible date are
/// not the grammar's business).
fn reader_refuses(text: &str, reading: Reading) -> bool {
    parse(text, reading).err().is_some_and(|errors| {
        errors.iter().any(|e| {
            matches!(
                e,
                ParseError::Syntax { .. }
                    | ParseError::TooDeep { .. }
                    | ParseError::ExpressionTooDeep { .. }
            )
        })
    })
}

fn grammar_refuses(text: &str, reading: Reading) -> bool {
    let rule = match reading {
        Reading::Whole => Rule::file,
        Reading::RulesOnly => Rule::rules_file,
    };
    Grammar::parse(rule, text).is_err()
}

/// Small corruptions a hand might make: a character dropped or doubled, or a token put
/// where it does not belong.
fn corrupt(text: &str, rng: &mut fastrand::Rng) -> String {
    const TOKENS: [&str; 16] = [
        "(",
        ")",
        "-",
        "not ",
        "in ",
        "\"",
        "{",
        "}",
        ".",
        ",",
        "3 m",
        "and",
        "=",
        "2024-01-01",
        "/*",
        "where ",
    ];
    let mut out = text.to_owned();
    let mut at = rng.usize(0..out.len().max(1));
    while !out.is_char_boundary(at) {
        at -= 1;
    }
    match rng.u8(0..3) {
        0 => {
            if at < out.len() {
                out.remove(at);
            }
        }
        1 => {
            if let Some(c) = out.get(at..).and_then(|r| r.chars().next()) {
                out.insert(at, c);
            }
        }
        _ => out.insert_str(at, TOKENS[rng.usize(0..TOKENS.len())]),
    }
    out
}

#[test]
fn the_reader_accepts_what_the_grammar_accepts() {
    // The pest parser is slow unoptimised: fewer corruptions per file in a debug build.
    let per_file = if cfg!(debug_assertions) { 10 } else { 40 };
    let mut rng = fastrand::Rng::with_seed(2026);
    let mut tried = 0;
    for (name, text) in rule_files() {
        let mut texts = vec![text.clone()];
        texts.extend((0..per_file).map(|_| corrupt(&text, &mut rng)));
        for (i, variant) in texts.iter().enumerate() {
            for reading in [Reading::Whole, Reading::RulesOnly] {
                tried += 1;
                assert_eq!(
                    reader_refuses(variant, reading),
                    grammar_refuses(variant, reading),
                    "{name}, variant {i}, {reading:?}: the reader and the grammar disagree"
                );
            }
        }
    }
    assert!(tried > 40 * per_file);
}
