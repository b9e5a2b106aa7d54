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

use super::grammar::Rule;

/// Turns pest's error into ours, naming tokens the way a rule author thinks of them.
pub(super) fn from_pest(e: pest::error::Error<Rule>) -> ParseError {
    let (start, end) = match e.location {
        pest::error::InputLocation::Pos(p) => (p, p),
        pest::error::InputLocation::Span((s, e)) => (s, e),
    };
    let (expected, unexpected) = match &e.variant {
        pest::error::ErrorVariant::ParsingError {
            positives,
            negatives,
        } => (describe(positives), describe(negatives)),
        // pest stops with a custom error only at a call limit, which this crate does not
        // set (`limits` bounds nesting before pest runs); said plainly all the same.
        pest::error::ErrorVariant::CustomError { message } => {
            return ParseError::Syntax {
                message: format!("text nests too deeply to be read ({message})"),
                span: (start, end.saturating_sub(start)).into(),
                expected: "fewer nested quantifiers or sections".to_owned(),
                help: Some("split a deep condition into `let` definitions".to_owned()),
            };
        }
    };
    // pest's column counts characters; the line is sliced in bytes.
    let line = e.line();
    let found = line
        .char_indices()
        .nth(e.line_col_column().saturating_sub(1))
        .and_then(|(at, _)| line.get(at..))
        .unwrap_or("");
    let found: String = found
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(20)
        .collect();
    let message = if found.is_empty() {
        "unexpected end of input".to_owned()
    } else {
        format!("unexpected `{found}`")
    };
    let expected = if expected.is_empty() {
        format!("{unexpected} not allowed here")
    } else {
        format!("expected {expected}")
    };
    let help = keyword_help(&found);
    ParseError::Syntax {
        message,
        span: (start, end.saturating_sub(start)).into(),
        expected,
        help,
    }
}

trait PestErrorExt {
    fn line_col_column(&self) -> usize;
}

impl PestErrorExt for pest::error::Error<Rule> {
    fn line_col_column(&self) -> usize {
        match self.line_col {
            pest::error::LineColLocation::Pos((_, c))
            | pest::error::LineColLocation::Span((_, c), _) => c,
        }
    }
}

fn keyword_help(found: &str) -> Option<String> {
    const RESERVED: &[&str] = &[
        "and", "or", "not", "in", "of", "where", "when", "by", "any", "all", "none", "at", "least",
        "true", "false", "major", "note", "pending", "applies", "expect", "given",
    ];
    RESERVED
        .contains(&found)
        .then(|| format!("`{found}` is a keyword and cannot name a fact, field or definition"))
}

fn describe(rules: &[Rule]) -> String {
    let mut words: Vec<&str> = rules.iter().map(|r| rule_word(*r)).collect();
    words.sort_unstable();
    words.dedup();
    match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn rule_word(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "end of file",
        Rule::ident | Rule::path | Rule::word => "a name",
        Rule::string => "a quoted string",
        Rule::date => "a date (YYYY-MM-DD)",
        Rule::integer => "a whole number",
        Rule::number => "a number",
        Rule::quantity => "a quantity such as `30 m`",
        Rule::unit => "a unit",
        Rule::boolean => "true or false",
        Rule::expr | Rule::source_expr => "an expression",
        Rule::cmp_op
        | Rule::and_op
        | Rule::or_op
        | Rule::in_op
        | Rule::not_in_op
        | Rule::add_op
        | Rule::sub_op
        | Rule::mul_op
        | Rule::div_op => "an operator",
        Rule::not_op | Rule::neg_op => "an expression",
        Rule::quantifier | Rule::quant_kw => "`any`, `all` or `none`",
        Rule::call | Rule::at_least | Rule::list_lit => "an expression",
        Rule::vocabulary | Rule::kw_vocabulary => "`vocabulary`",
        Rule::standard | Rule::kw_standard => "`standard`",
        Rule::import | Rule::kw_import => "`import`",
        Rule::fact | Rule::kw_fact => "`fact`",
        Rule::let_def | Rule::kw_let => "`let`",
        Rule::section | Rule::kw_section => "`section`",
        Rule::clause | Rule::kw_clause => "`clause`",
        Rule::test | Rule::kw_test => "`test`",
        Rule::issuer | Rule::kw_issuer => "`issuer`",
        Rule::document | Rule::kw_document => "`document`",
        Rule::effective | Rule::kw_effective => "`effective`",
        Rule::replaces | Rule::kw_replaces => "`replaces`",
        Rule::superseded | Rule::kw_superseded => "`superseded`",
        Rule::applies | Rule::clause_applies | Rule::kw_applies => "`applies when`",
        Rule::major | Rule::kw_major => "`major when`",
        Rule::note | Rule::kw_note => "`note`",
        Rule::pending | Rule::kw_pending => "`pending`",
        Rule::clause_body => "`{`",
        Rule::given | Rule::kw_given => "`given`",
        Rule::expectation | Rule::kw_expect => "`expect`",
        Rule::named_type | Rule::enum_type | Rule::list_type | Rule::kw_enum | Rule::kw_list => {
            "a type"
        }
        Rule::variant => "an enum variant",
        Rule::field => "a field",
        Rule::object => "`{`",
        Rule::raw_block => "a test body in balanced braces `{ ... }`",
        Rule::array => "`[`",
        Rule::member => "a key",
        Rule::value => "a value",
        Rule::kw_when => "`when`",
        Rule::kw_by => "`by`",
        Rule::kw_in => "`in`",
        Rule::kw_where => "`where`",
        Rule::kw_of => "`of`",
        Rule::kw_verdict => "`verdict`",
        _ => "a token",
    }
}
