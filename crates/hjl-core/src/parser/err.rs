//! Syntax errors: what the grammar or the literal readers reject.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A syntax error in a rule file.
#[derive(Debug, Error, Diagnostic)]
pub(crate) enum ParseError {
    #[error("syntax error: {message}")]
    #[diagnostic(code(E0001))]
    Syntax {
        message: String,
        #[label("{expected}")]
        span: SourceSpan,
        expected: String,
        #[help]
        help: Option<String>,
    },

    #[error("invalid date `{text}`")]
    #[diagnostic(
        code(E0002),
        help("write dates as YYYY-MM-DD with a real month and day")
    )]
    InvalidDate {
        text: String,
        #[label("no such calendar day")]
        span: SourceSpan,
    },

    #[error("brackets nest deeper than {limit} levels")]
    #[diagnostic(code(E0004), help("split the condition into named `let` definitions"))]
    TooDeep {
        limit: usize,
        #[label("too deep")]
        span: SourceSpan,
    },

    #[error("expression nests deeper than {limit} operations")]
    #[diagnostic(code(E0005), help("split the condition into named `let` definitions"))]
    ExpressionTooDeep {
        limit: usize,
        #[label("too deep")]
        span: SourceSpan,
    },

    #[error("number `{text}` is out of range")]
    #[diagnostic(code(E0003), help("numbers have at most 28 significant digits"))]
    InvalidNumber {
        text: String,
        #[label("cannot be represented exactly")]
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

    /// "unexpected `what stands at`", labelled with what was expected there.
    pub fn found(text: &str, at: usize, expected: &str) -> Self {
        let found: String = text
            .get(at..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| !c.is_whitespace())
            .take(20)
            .collect();
        let message = if found.is_empty() {
            "the file ends too early".to_owned()
        } else {
            format!("unexpected `{found}`")
        };
        Self {
            at,
            help: keyword_help(&found),
            message,
            label: format!("expected {expected}"),
        }
    }

    /// What went wrong, said after "syntax error: ".
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
        .then(|| format!("`{found}` is a keyword and cannot name a fact, field or definition"))
}
