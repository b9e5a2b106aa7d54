//! Diagnostics shared by every stage: a stable code, a message, a labelled span in a named
//! source, an optional help line. Stages define their own error enums and convert here.

use std::fmt;
use std::sync::Arc;

use miette::{LabeledSpan, MietteError, SourceCode, SourceSpan, SpanContents};
use serde::Serialize;

use crate::ast::Span;

/// A rule file's name and text, shared by every diagnostic that points into it.
#[derive(Debug)]
pub struct SourceFile {
    name: String,
    text: String,
}

impl SourceFile {
    /// A source named `name` (usually its path) holding `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }

    /// The name the source was loaded under.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The full text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let column = before
            .get(self.line_start(offset)..)
            .map_or(0, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// The text of the line holding a byte offset, without its line break.
    fn line_text(&self, offset: usize) -> &str {
        self.text
            .get(self.line_start(offset)..)
            .and_then(|t| t.split('\n').next())
            .unwrap_or("")
    }

    /// Where the line holding a byte offset starts.
    fn line_start(&self, offset: usize) -> usize {
        self.text
            .get(..offset.min(self.text.len()))
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1)
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// The file works, but probably not as meant.
    Warning,
}

/// One problem found in a rule file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    code: String,
    severity: Severity,
    message: String,
    label: String,
    help: Option<String>,
    span: Span,
    file: Arc<SourceFile>,
}

impl Diagnostic {
    /// Converts a stage's error into a diagnostic anchored in `file`.
    pub(crate) fn from_stage(
        err: &dyn miette::Diagnostic,
        severity: Severity,
        file: &Arc<SourceFile>,
    ) -> Self {
        let code = err.code().map(|c| c.to_string()).unwrap_or_default();
        let help = err.help().map(|h| h.to_string());
        let first = err.labels().and_then(|mut labels| labels.next());
        let (span, label) = first.map_or((Span::default(), String::new()), |l| {
            (
                Span::new(l.offset(), l.offset() + l.len()),
                l.label().unwrap_or("").to_owned(),
            )
        });
        Self {
            code,
            severity,
            message: err.to_string(),
            label,
            help,
            span,
            file: Arc::clone(file),
        }
    }

    /// Where it points: the byte offset in its file.
    pub(crate) fn offset(&self) -> usize {
        self.span.start
    }

    /// The stable code, e.g. `E0201`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The one-line message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The help line, if any.
    pub fn help_text(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// The source file the diagnostic points into.
    pub fn file(&self) -> &SourceFile {
        &self.file
    }

    /// The JSON form used by editors and the bindings.
    pub fn to_json(&self) -> DiagnosticJson {
        let (line, column) = self.file.line_col(self.span.start);
        let (end_line, end_column) = self.file.line_col(self.span.end);
        DiagnosticJson {
            code: self.code.clone(),
            severity: self.severity,
            message: self.message.clone(),
            file: self.file.name.clone(),
            line,
            column,
            end_line,
            end_column,
            label: self.label.clone(),
            help: self.help.clone(),
        }
    }
}

/// A diagnostic as JSON: positions are 1-based lines and character columns.
#[derive(Debug, Clone, Serialize)]
pub struct DiagnosticJson {
    /// Stable code.
    pub code: String,
    /// `error` or `warning`.
    pub severity: Severity,
    /// One-line message.
    pub message: String,
    /// Source name.
    pub file: String,
    /// Start line.
    pub line: usize,
    /// Start column.
    pub column: usize,
    /// End line.
    pub end_line: usize,
    /// End column.
    pub end_column: usize,
    /// Text of the label under the span.
    pub label: String,
    /// Suggested fix.
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = SourceSpan::new(self.span.start.into(), self.span.len());
        let label = (!self.label.is_empty()).then(|| self.label.clone());
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            label, span,
        ))))
    }
}

impl SourceCode for Diagnostic {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .file
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        // The column a person counts (and an editor jumps to): characters, not bytes, so
        // that Chinese earlier on the line does not push it right.
        let column = if context_lines_before == 0 {
            let text = self.file.text.as_str();
            let before = text.get(..span.offset()).unwrap_or_default();
            let line_start = before.rfind('\n').map_or(0, |nl| nl + 1);
            before
                .get(line_start..)
                .map_or(inner.column(), |l| l.chars().count())
        } else {
            inner.column()
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.file.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// Renders diagnostics as text, rustc-like: `file:line:col`, code, the source line, a caret.
pub fn render(diagnostics: &[Diagnostic], color: bool) -> String {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_word_separator(textwrap::WordSeparator::Custom(words))
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    for d in diagnostics {
        if handler.render_report(&mut out, &Rendered::new(d)).is_err() {
            out.push_str(&d.message);
        }
        out.push('\n');
    }
    out
}

/// Splits a line of a message or help into the pieces wrapping may put on separate lines:
/// after a space, and beside Chinese characters, but never inside code in backticks, which a
/// reader copies as it stands.
fn words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut starts = vec![0];
    let mut in_code = false;
    let mut previous = None;
    for (at, c) in line.char_indices() {
        if !in_code && previous.is_some_and(|p| may_break(p, c)) {
            starts.push(at);
        }
        in_code ^= c == '`';
        previous = Some(c);
    }
    starts.push(line.len());
    let words: Vec<_> = starts
        .windows(2)
        .filter_map(|w| line.get(*w.first()?..*w.get(1)?))
        .filter(|w| !w.is_empty())
        .map(textwrap::core::Word::from)
        .collect();
    Box::new(words.into_iter())
}

/// Whether a line may break between `before` and `after` (outside code): after spaces, and
/// beside a Chinese character or full-width punctuation, except before closing punctuation
/// (`，`, `）`) or after opening punctuation (`（`).
fn may_break(before: char, after: char) -> bool {
    let wide = |c: char| matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}');
    match (before, after) {
        (_, ' ') => false,
        (' ', _) => true,
        _ => {
            (wide(before) || wide(after))
                && !"，。、；：？！）」』”’》】".contains(after)
                && !"（「『“‘《【".contains(before)
        }
    }
}

/// A diagnostic as text renders it: the code leads the message (`E0201: 未知的名称`).
#[derive(Debug)]
struct Rendered<'a> {
    diagnostic: &'a Diagnostic,
    /// Whether the line it points into is short enough to show.
    snippet: bool,
}

/// Longest line (in characters) shown as a source snippet; past it the terminal renderer
/// cannot lay the line out, so the message names the position instead.
const SNIPPET_LINE: usize = 1000;

impl<'a> Rendered<'a> {
    fn new(diagnostic: &'a Diagnostic) -> Self {
        let line = diagnostic.file.line_text(diagnostic.span.start);
        Self {
            diagnostic,
            snippet: line.chars().count() <= SNIPPET_LINE,
        }
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        write!(f, "{}: {}", d.code, d.message)?;
        if !self.snippet {
            let (line, column) = d.file.line_col(d.span.start);
            write!(f, "（位于 {}:{line}:{column}）", d.file.name())?;
        }
        Ok(())
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        miette::Diagnostic::severity(self.diagnostic)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::help(self.diagnostic)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.then_some(self.diagnostic as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.snippet {
            miette::Diagnostic::labels(self.diagnostic)
        } else {
            None
        }
    }
}

/// "是不是 `…`？" ("did you mean `…`?") with the candidate closest to `name`, for help
/// lines: one differing in letter case only, else the fewest edits within a third of the
/// name's length (at least two); `None` when no candidate is that close.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(name, candidates.into_iter().filter(|c| *c != name)).map(|c| format!("是不是 `{c}`？"))
}

/// The candidate nearest to `name`: one differing in letter case only (`mpa` for `MPa`)
/// beats any edit distance; otherwise the fewest edits, within a third of the name's length
/// (at least two).
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(c) = candidates.iter().find(|c| c.eq_ignore_ascii_case(name)) {
        return Some(c);
    }
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c)
}
