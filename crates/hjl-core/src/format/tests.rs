//! The formatter's promises: it changes layout only (the syntax tree and the comments of
//! every rule file stay the same), its output is a fixed point, and the spacing and
//! indentation an author chose do not show through.

use super::format;
use crate::parser::oracle::rule_files;
use crate::parser::tokens::{Kind, Token, tokens};
use crate::parser::{Reading, parse};

/// The syntax tree of a text with its spans left out: what the file says, not where.
fn tree(text: &str) -> String {
    let file = parse(text, Reading::Whole).map_err(|e| format!("{e:?}"));
    let shown = format!("{file:?}");
    let mut out = String::with_capacity(shown.len());
    let mut rest = shown.as_str();
    while let Some(at) = rest.find("Span { start: ") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('}').map_or(rest.len(), |e| e + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn comments(text: &str) -> Vec<String> {
    tokens(text)
        .unwrap_or_default()
        .iter()
        .filter(|t| t.is_comment())
        .map(|t| t.text.replace("\r\n", "\n"))
        .collect()
}

/// The rule files the reader accepts.
fn readable_files() -> Vec<(String, String)> {
    let files: Vec<_> = rule_files()
        .into_iter()
        .filter(|(_, text)| parse(text, Reading::Whole).is_ok())
        .collect();
    assert!(files.len() > 30);
    files
}

/// Fails naming where two syntax trees part, with a little of each around it.
fn assert_same_tree(got: &str, want: &str, what: &str) {
    let (got, want) = (tree(got), tree(want));
    if got != want {
        let at = got
            .bytes()
            .zip(want.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let around = |t: &str| {
            let start = t.floor_char_boundary(at.saturating_sub(80));
            let end = t.ceil_char_boundary((at + 80).min(t.len()));
            t[start..end].to_owned()
        };
        panic!("{what}:\n got …{}…\nwant …{}…", around(&got), around(&want));
    }
}

fn formatted(name: &str, text: &str) -> String {
    format(name, text).unwrap_or_else(|d| panic!("{name} does not format: {d:?}"))
}

#[test]
fn every_rule_file_keeps_its_tree_and_comments_and_formats_to_a_fixed_point() {
    for (name, text) in readable_files() {
        let once = formatted(&name, &text);
        assert_same_tree(
            &once,
            &text,
            &format!("{name}: the formatter changed what it says"),
        );
        assert_eq!(comments(&once), comments(&text), "{name}: comments changed");
        assert_eq!(formatted(&name, &once), once, "{name}: not a fixed point");
        assert!(once.ends_with('\n') && !once.ends_with("\n\n"), "{name}");
        assert!(!once.contains(" \n") && !once.contains("\n\n\n"), "{name}");
    }
}

/// Whether layout may be left out between two tokens without changing how they read.
fn may_touch(a: &Token<'_>, b: &Token<'_>) -> bool {
    let wordish =
        |t: &Token<'_>| !matches!(t.kind, Kind::Punct | Kind::LineComment | Kind::BlockComment);
    let slash = |t: &Token<'_>| t.is("/") || t.is("*") || t.is("-");
    !(wordish(a) && wordish(b) || a.is_comment() || b.is_comment() || slash(a) || slash(b))
}

/// A text with the same tokens and line breaks as `text`, and random spacing and
/// indentation; with `breaks`, also a line break after some commas.
fn relaid(text: &str, rng: &mut fastrand::Rng, breaks: bool) -> String {
    let tokens = tokens(text).unwrap_or_default();
    let offset = |t: &Token<'_>| t.text.as_ptr() as usize - text.as_ptr() as usize;
    let mut out = String::new();
    let mut prev: Option<&Token<'_>> = None;
    for token in &tokens {
        match prev {
            Some(p) if token.breaks == 0 => {
                let least = usize::from(!may_touch(p, token));
                // A sign stays as written: `- 5` is no number.
                let spaces = if p.is("-") {
                    offset(token) - offset(p) - p.text.len()
                } else {
                    rng.usize(least..4)
                };
                if breaks && p.is(",") && !token.is_comment() && rng.u8(..4) == 0 {
                    out.push('\n');
                }
                out.push_str(&" ".repeat(spaces));
            }
            Some(_) => {
                let blank = rng.usize(0..3);
                out.push_str(&"\n".repeat(token.breaks + if token.breaks > 1 { blank } else { 0 }));
                out.push_str(&" ".repeat(rng.usize(0..9)));
            }
            None => {}
        }
        match token.kind {
            Kind::Quantity { unit } => {
                out.push_str(token.text[..unit].trim_end());
                out.push_str(&" ".repeat(rng.usize(0..3)));
                out.push_str(&token.text[unit..]);
            }
            _ => out.push_str(token.text),
        }
        prev = Some(token);
    }
    out
}

#[test]
fn spacing_and_indentation_do_not_show_through() {
    let mut rng = fastrand::Rng::with_seed(15);
    for (name, text) in readable_files() {
        let canonical = formatted(&name, &text);
        for _ in 0..3 {
            let relaid = relaid(&text, &mut rng, false);
            assert_same_tree(
                &relaid,
                &text,
                &format!("{name}: the test relaid it wrongly"),
            );
            assert_eq!(formatted(&name, &relaid), canonical, "{name}:\n{relaid}");
        }
    }
}

#[test]
fn added_line_breaks_keep_the_tree_and_a_fixed_point() {
    let mut rng = fastrand::Rng::with_seed(16);
    for (name, text) in readable_files() {
        let relaid = relaid(&text, &mut rng, true);
        let once = formatted(&name, &relaid);
        assert_same_tree(&once, &text, &name);
        assert_eq!(formatted(&name, &once), once, "{name}: not a fixed point");
    }
}

#[test]
fn a_file_with_a_syntax_error_is_not_formatted() {
    let errors = format("bad.hjl", "fact a : bool \"甲\"\nclause \"1\" \"乙\" {\n")
        .err()
        .unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code(), "E0001");
}

const MESSY: &str = r#"// 示例：排版杂乱的规则文件
standard   demo "示例标准"{ issuer "某部"  document "第1号"
effective 2024-01-01 applies when enterprise.sector==metallurgy }
import common
fact   demo.depth:length in m(>=0 m)"深度"   // 单位为米
fact demo.items : list {
      name: text "名称"
  load : mass in t "载荷" = max_load*2
max_load:mass in t "最大载荷"
} "设备"

/* 块注释
   保持原样 */



section "一般规定" when demo.depth>=30m{
clause "第一条" "深度过大" { major when demo.depth > 30 m and
not known( demo.items )
    note "含等于" }
  clause "第二条" "设备" {
      major "超载" when any i in demo.items:(i.load>=-1 t or count(demo.items)>2)
  }
}
test "深" { given { inspection.date: 2024-05-01, enterprise.sector: metallurgy,
demo.depth: 31 m, demo.items: [{name:"甲", max_load: 2 t},{name: "乙"}] }
expect major ["第一条"] }
"#;

#[test]
fn a_messy_file_is_laid_out_canonically() {
    let out = formatted("demo.hjl", MESSY);
    insta::assert_snapshot!(out);
    assert_same_tree(&out, MESSY, "demo.hjl");
}

#[test]
fn line_endings_a_byte_order_mark_and_tabs_are_normalised() {
    let text =
        "\u{feff}fact a : bool \"甲\"\r\n\r\n\r\n\tfact b : bool \"乙\"\t// 注\r\n/* 多\r\n行 */";
    assert_eq!(
        formatted("a.hjl", text),
        "fact a : bool \"甲\"\n\nfact b : bool \"乙\" // 注\n/* 多\n行 */\n"
    );
}

#[test]
fn a_lone_carriage_return_in_a_block_comment_becomes_a_line_break() {
    // `\r\r\n` once formatted as `\r\n` and twice as `\n`: no fixed point (found by fuzzing).
    let out = formatted("c.hjl", "/* 甲\r\r\n乙\r丙 */");
    assert_eq!(out, "/* 甲\n\n乙\n丙 */\n");
    assert_eq!(formatted("c.hjl", &out), out);
}

#[test]
fn a_number_kept_apart_from_the_next_word_by_a_tab_or_a_lone_cr_stays_apart() {
    // With only a space between them, `8 alarm` reads as the quantity 8 alarm; a tab, a
    // lone carriage return or an ideographic space keeps them apart (found by fuzzing).
    let head = "standard demo \"示例\" { issuer \"示\" document \"示1\" effective 2023-05-15 }\n\
                fact f : list { capacity : mass in t \"容量\"\n alarm : bool \"报警\" } \"炉\"\n\
                clause \"第一条\" \"条\" { major when any x in f: x.alarm }\n";
    for gap in ["\t", "\u{b}", " \r\r ", "\u{3000}", "\u{feff}"] {
        let text = format!(
            "{head}test \"t\" {{\n  given {{ f: [{{ capacity: 8{gap}alarm: true }}] }}\n  expect major [\"第一条\"]\n}}\n"
        );
        let out = formatted("t.hjl", &text);
        assert_same_tree(&out, &text, &format!("{gap:?}"));
        assert_eq!(formatted("t.hjl", &out), out, "{gap:?}: a fixed point");
        // Before a dotted path, `8 inspection` would be a quantity and `.date` would not
        // read at all.
        let text = format!(
            "{head}fact g : integer \"数\"\ntest \"u\" {{\n  given {{ g: 8{gap}inspection.date: 2024-01-01 }}\n  expect clear [\"第一条\"]\n}}\n"
        );
        let out = formatted("u.hjl", &text);
        assert_same_tree(&out, &text, &format!("{gap:?} before a path"));
        assert_eq!(formatted("u.hjl", &out), out, "{gap:?}: a fixed point");
    }
    // A number before a word that is no unit stays on its line.
    let out = formatted(
        "u.hjl",
        &format!("{head}clause \"第二条\" \"条\" {{ major when count(f) > 3 and true }}\n"),
    );
    assert!(out.contains("count(f) > 3 and true"), "{out}");
}

#[test]
fn a_minus_written_against_its_number_stays_there() {
    // In a record, `}023-05-15` is an object, 023, -05 and -15 (values need no commas);
    // spaced out as `023 - 05 - 15` it would not read (found by fuzzing).
    let text = "standard demo \"示例\" { issuer \"示\" document \"示1\" effective 2023-05-15 }\n\
                fact f : list { n : integer \"数\" } \"表\"\n\
                clause \"第一条\" \"条\" { major when count(f) > 1 and 3 - 2 > 0 }\n\
                test \"t\" {\n  given { f: [{ n: 1 }023-05-15] }\n  expect major [\"第一条\"]\n}\n";
    let out = formatted("m.hjl", text);
    assert_same_tree(&out, text, "m.hjl");
    assert_eq!(formatted("m.hjl", &out), out, "a fixed point");
    assert!(
        out.contains("3 - 2 > 0"),
        "a spaced minus stays spaced: {out}"
    );
}
