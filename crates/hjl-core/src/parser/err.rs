//! Syntax errors: what the grammar or the literal readers reject.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A syntax error in a rule file.
#[derive(Debug, Error, Diagnostic)]
pub(crate) enum ParseError {
    #[error("语法错误：{message}")]
    #[diagnostic(code(E0001))]
    Syntax {
        message: String,
        #[label("{expected}")]
        span: SourceSpan,
        expected: String,
        #[help]
        help: Option<String>,
    },

    #[error("日期 `{text}` 无效")]
    #[diagnostic(code(E0002), help("日期写作 YYYY-MM-DD，月和日须是日历上有的"))]
    InvalidDate {
        text: String,
        #[label("日历上没有这一天")]
        span: SourceSpan,
    },

    #[error("括号嵌套超过 {limit} 层")]
    #[diagnostic(code(E0004), help("把条件拆成几个有名称的 `let` 定义"))]
    TooDeep {
        limit: usize,
        #[label("嵌套过深")]
        span: SourceSpan,
    },

    #[error("条件嵌套超过 {limit} 层运算")]
    #[diagnostic(code(E0005), help("把条件拆成几个有名称的 `let` 定义"))]
    ExpressionTooDeep {
        limit: usize,
        #[label("嵌套过深")]
        span: SourceSpan,
    },

    #[error("数字 `{text}` 超出范围")]
    #[diagnostic(code(E0003), help("数字最多有 28 位有效数字"))]
    InvalidNumber {
        text: String,
        #[label("无法精确表示")]
        span: SourceSpan,
    },
}

/// A syntax error being built: where, what, and what to do about it.
pub(super) struct Syntax {
    at: usize,
    message: String,
    label: String,
    help: Option<String>,
}

impl Syntax {
    /// An error at byte `at`.
    pub fn at(at: usize) -> Self {
        Self {
            at,
            message: String::new(),
            label: String::new(),
            help: None,
        }
    }

    /// "`what stands at` should not be here", labelled with what was expected there.
    pub fn found(text: &str, at: usize, expected: &str) -> Self {
        let found: String = text
            .get(at..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| !c.is_whitespace())
            .take(20)
            .collect();
        let message = if found.is_empty() {
            "文件提前结束".to_owned()
        } else if let Some(c) = found.chars().find(|c| c.is_control()) {
            // A control character shows as nothing, or worse, inside backticks.
            format!("此处不应出现控制字符 U+{:04X}", u32::from(c))
        } else {
            format!("此处不应出现 `{found}`")
        };
        Self {
            at,
            help: keyword_help(&found),
            message,
            label: format!("应为{}", spaced(expected)),
        }
    }

    /// What went wrong, said after "语法错误：".
    pub fn message(mut self, message: &str) -> Self {
        message.clone_into(&mut self.message);
        self
    }

    /// The words at the marked place.
    pub fn label(mut self, label: &str) -> Self {
        label.clone_into(&mut self.label);
        self
    }

    /// What to do about it.
    pub fn help(mut self, help: &str) -> Self {
        self.help = Some(help.to_owned());
        self
    }

    /// Whether it already says what to do.
    pub fn has_help(&self) -> bool {
        self.help.is_some()
    }
}

impl From<Syntax> for Box<ParseError> {
    fn from(s: Syntax) -> Self {
        Box::new(ParseError::Syntax {
            message: s.message,
            span: (s.at, 0).into(),
            expected: s.label,
            help: s.help,
        })
    }
}

fn keyword_help(found: &str) -> Option<String> {
    super::scan::RESERVED
        .contains(&found)
        .then(|| format!("`{found}` 是关键字，不能用作事实、字段或定义的名称"))
}

/// `words` to follow Chinese text: with a space before it when it begins with code in
/// backticks (`应为 \`{\``, but `应为名称`).
pub(super) fn spaced(words: &str) -> String {
    if words.starts_with('`') {
        format!(" {words}")
    } else {
        words.to_owned()
    }
}
