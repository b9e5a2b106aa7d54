//! What a rule author most likely meant where the reader stops: full-width punctuation from
//! a Chinese input method, `=` for `==`, `&&` or `或` for `and` or `or`, a unit in Chinese,
//! a thousands separator, a misspelt keyword, a block left open before the next item, a
//! stray `}`. Only the wording of an error changes here, never what is accepted.

use super::err::{Syntax, spaced};
use super::limits::Open;
use crate::diagnostic::did_you_mean;

/// Full-width (or typographic) punctuation and the character to type instead.
const FULL_WIDTH: [(char, &str); 17] = [
    ('（', "("),
    ('）', ")"),
    ('：', ":"),
    ('；', ";"),
    ('，', ","),
    ('“', "\""),
    ('”', "\""),
    ('‘', "\""),
    ('’', "\""),
    ('【', "["),
    ('】', "]"),
    ('［', "["),
    ('］', "]"),
    ('｛', "{"),
    ('｝', "}"),
    ('＝', "="),
    ('！', "!"),
];

/// Operators written as in other languages or in Chinese, and the word HJL uses.
const OPERATOR_WORDS: [(&str, &str); 8] = [
    ("&&", "and"),
    ("||", "or"),
    ("并且", "and"),
    ("而且", "and"),
    ("且", "and"),
    ("或者", "or"),
    ("或", "or"),
    ("非", "not"),
];

/// Units written in Chinese, and their symbols.
const CHINESE_UNITS: [(&str, &str); 22] = [
    ("平方米", "m²"),
    ("立方米", "m³"),
    ("毫米", "mm"),
    ("厘米", "cm"),
    ("千米", "km"),
    ("公里", "km"),
    ("米", "m"),
    ("兆帕", "MPa"),
    ("千帕", "kPa"),
    ("帕", "Pa"),
    ("摄氏度", "℃"),
    ("度", "°"),
    ("公斤", "kg"),
    ("千克", "kg"),
    ("吨", "t"),
    ("小时", "h"),
    ("分钟", "min"),
    ("秒", "s"),
    ("天", "d"),
    ("千伏", "kV"),
    ("千瓦", "kW"),
    ("伏", "V"),
];

/// Words that begin an item of a rule file: seen inside an open block, the block was not
/// closed.
const ITEM_WORDS: [&str; 8] = [
    "clause",
    "section",
    "fact",
    "let",
    "test",
    "standard",
    "import",
    "vocabulary",
];

/// The error for `text` at byte `at`, where `expected` was wanted, with the innermost open
/// block (if any); when no slip fits, the plain "`…` should not be here", labelled with what
/// was expected, with `help` (or else a line saying what to write).
pub(super) fn explain(
    text: &str,
    at: usize,
    expected: &str,
    open: Option<&Open>,
    help: Option<&str>,
) -> Syntax {
    let rest = text.get(at..).unwrap_or_default();
    let plain = Syntax::found(text, at, expected);
    if let Some(open) = &open
        && let Some(word) = ITEM_WORDS.iter().find(|w| starts_with_word(rest, w))
    {
        return Syntax::at(open.at)
            .message(&format!("{}在下一个 `{word}` 之前没有闭合", open.what))
            .label("从这里开始")
            .help(&format!("在{}结束处加上 `}}`", open.what));
    }
    let Some(c) = rest.chars().next() else {
        return match open {
            Some(open) => ends_inside(text, open),
            None => plain.help(&format!("上面的内容没有写完：还缺{}", spaced(expected))),
        };
    };
    if let Some((_, ascii)) = FULL_WIDTH.iter().find(|(wide, _)| *wide == c) {
        return plain.help(&format!(
            "`{c}` 是中文输入法的全角标点：请切换到半角（英文）输入，写 `{ascii}`"
        ));
    }
    if let Some((written, word)) = OPERATOR_WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
        return plain
            .label("规则文件中没有这个运算符")
            .help(&format!("`{written}` 请写作 `{word}`"));
    }
    if rest.starts_with('=') && !rest.starts_with("==") && expects_operator(expected) {
        return plain
            .label("这不是比较")
            .help("比较是否相等写 `==`；单个 `=` 只用在定义中");
    }
    if rest.starts_with('!') && !rest.starts_with("!=") {
        return plain
            .label("规则文件中没有这个运算符")
            .help("否定一个条件写 `not`");
    }
    if let Some(unit) = chinese_unit_after_number(text, at) {
        return plain
            .label("单位用中文写了")
            .help(&format!("单位请用符号写在数字后面，如 `30 {unit}`"));
    }
    if let Some(number) = thousands_separated(text, at) {
        return plain
            .label("千位分隔符")
            .help(&format!("数字不加千位分隔符：写 `{number}`"));
    }
    if c == '}' && open.is_none() {
        return Syntax::at(at)
            .message("多余的 `}`：没有要闭合的块")
            .label("这里没有未闭合的块")
            .help("删去它，或检查上面的块是否提前闭合了");
    }
    if let Some(did_you_mean) = misspelt_keyword(rest, expected) {
        return plain.help(&did_you_mean);
    }
    match help {
        Some(help) => plain.help(help),
        None if plain.has_help() => plain,
        None => plain.help(&format!("这里应写{}", spaced(expected))),
    }
}

fn starts_with_word(rest: &str, word: &str) -> bool {
    rest.strip_prefix(word)
        .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
}

/// Whether an operator could stand where the reader stopped.
fn expects_operator(expected: &str) -> bool {
    expected.contains("`}`")
        || expected.contains("`)`")
        || expected.contains("`{`")
        || expected.contains("`:`")
        || expected.contains("文件结束")
        || expected.contains("`when`")
}

/// A unit written in Chinese right after a number (`30米`, `30 米`).
fn chinese_unit_after_number(text: &str, at: usize) -> Option<&'static str> {
    let before = text.get(..at)?.trim_end_matches(' ');
    if !before.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = text.get(at..)?;
    CHINESE_UNITS
        .iter()
        .find(|(chinese, _)| rest.starts_with(chinese))
        .map(|(_, symbol)| *symbol)
}

/// A number written with thousands separators (`1,000`, `12,500`), as the digits to write.
fn thousands_separated(text: &str, at: usize) -> Option<String> {
    let rest = text.get(at..)?;
    let groups = rest.strip_prefix(',')?;
    let digits: String = groups.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 3 {
        return None;
    }
    let before = text.get(..at)?;
    let lead: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .filter(char::is_ascii_digit)
        .collect();
    if lead.is_empty() {
        return None;
    }
    Some(format!("{lead}{digits}"))
}

/// "did you mean" one of the keywords `expected` names, for a word close to it (`majr` for
/// `major`).
fn misspelt_keyword(rest: &str, expected: &str) -> Option<String> {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    if word.len() < 2 {
        return None;
    }
    let keywords = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|k| k.split_whitespace().next())
        .filter(|k| k.chars().all(|c| c.is_ascii_alphabetic()));
    did_you_mean(&word, keywords)
}

/// The file ended inside `open`: the error is that bracket, where it opened.
fn ends_inside(text: &str, open: &Open) -> Syntax {
    let closing = match text.get(open.at..).and_then(|r| r.chars().next()) {
        Some('(') => ")",
        Some('[') => "]",
        _ => "}",
    };
    Syntax::at(open.at)
        .message(&format!("文件在{}中途结束", open.what))
        .label("从这里开始，没有闭合")
        .help(&format!("加上与它配对的 `{closing}`"))
}
