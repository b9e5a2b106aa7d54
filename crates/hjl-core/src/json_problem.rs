//! Why a record's text is not JSON, in Chinese: serde_json's reasons are English and
//! name its own terms, and the people who read them are inspectors and regulators.

/// The reason `error` gives, in Chinese, with the line and column where it was found. A
/// reason this table does not know is kept as serde_json words it.
pub(crate) fn describe(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let reason = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(reason, _)| reason);
    let reason = match reason {
        "EOF while parsing a list" => "列表没有结束（缺少 `]`）",
        "EOF while parsing an object" => "对象没有结束（缺少 `}`）",
        "EOF while parsing a string" => "字符串没有结束（缺少 `\"`）",
        "EOF while parsing a value" => "文本在应有值的地方结束了",
        "expected `:`" => "键之后应为 `:`",
        "expected `,` or `]`" => "列表的元素之间应为 `,`，或以 `]` 结束",
        "expected `,` or `}`" => "对象的各项之间应为 `,`，或以 `}` 结束",
        "expected ident" => "不认识的词（JSON 只有 true、false、null 三个词）",
        "expected value" => "此处应为一个值（对象、列表、字符串、数字、true、false 或 null）",
        "expected `\"`" => "此处应为带双引号的字符串",
        "invalid escape" => "字符串中有无效的转义（`\\` 之后只能是 \" \\ / b f n r t u）",
        "invalid number" => "无效的数字",
        "number out of range" => "数字超出可表示的范围",
        "invalid unicode code point" => "`\\u` 转义不是有效的字符",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "字符串中有未转义的控制字符（U+0000–U+001F 须写成 `\\u` 转义）"
        }
        "key must be a string" => "对象的键应为带双引号的字符串",
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "`\\u` 转义中有不成对的代理项（`\\uD800`–`\\uDBFF` 之后须紧跟 `\\uDC00`–`\\uDFFF`），\
             不是有效的字符"
        }
        "trailing comma" => "最后一项之后多了 `,`",
        "trailing characters" => "JSON 值结束之后还有其他字符",
        "recursion limit exceeded" => "嵌套过深",
        other => other,
    };
    match (error.line(), error.column()) {
        (0, _) => reason.to_owned(),
        (line, 0) => format!("第 {line} 行行首：{reason}"),
        (line, column) => format!("第 {line} 行第 {column} 列：{reason}"),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    fn error(text: &str) -> serde_json::Error {
        serde_json::from_str::<serde_json::Value>(text).expect_err("not JSON")
    }

    #[test]
    fn reasons_are_chinese_with_their_place() {
        let problem = |text: &str| describe(&error(text));
        assert_eq!(
            problem(r#"{"a": 1"#),
            "第 1 行第 7 列：对象没有结束（缺少 `}`）"
        );
        assert_eq!(
            problem(r#"{"a": 1,}"#),
            "第 1 行第 9 列：最后一项之后多了 `,`"
        );
        assert!(problem(r#"{"a": "\ud800"}"#).contains("不成对的代理项"));
        assert!(problem(r#"{"a": NaN}"#).starts_with("第 1 行第 7 列：此处应为一个值"));
    }

    #[test]
    fn every_reason_serde_json_gives_here_is_translated() {
        let inputs = [
            r#"[1"#,
            r#"{"a":1"#,
            r#""abc"#,
            "",
            r#"{"a" 1}"#,
            r#"[1 2]"#,
            r#"{"a":1 "b":2}"#,
            "tru",
            r#"{"a":]"#,
            "{1:2}",
            r#""\x""#,
            "-",
            r#""\uZZZZ""#,
            "\"\u{1}\"",
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            "[1,]",
            "1 2",
        ];
        for input in inputs {
            let error = error(input);
            let english = error.to_string();
            let reason = english.split(" at line ").next().unwrap_or_default();
            assert!(!describe(&error).contains(reason), "{input:?}: {english}");
        }
    }
}
