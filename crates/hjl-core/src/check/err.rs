//! Everything the checker rejects or warns about, each with a stable code.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A checker finding. Codes: E02xx names and declarations, E03xx rules and types, E04xx
/// units, E05xx headers and files, E06xx tests, W01xx warnings.
#[derive(Debug, Error, Diagnostic)]
pub(crate) enum CheckError {
    #[error("unknown name `{name}`")]
    #[diagnostic(code(E0201))]
    UnknownName {
        name: String,
        #[label("not a declared fact, definition or variant")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("fact `{name}` is declared in `{vocabulary}`, which this file does not import")]
    #[diagnostic(code(E0202))]
    NotImported {
        name: String,
        vocabulary: String,
        #[label("not visible here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("fact `{name}` is already declared{elsewhere}")]
    #[diagnostic(
        code(E0203),
        help("declare a fact once; facts several files share belong in a vocabulary")
    )]
    DuplicateFact {
        name: String,
        elsewhere: String,
        #[label("declared again here")]
        span: SourceSpan,
    },

    #[error("`{name}` is defined twice")]
    #[diagnostic(code(E0204), help("rename one of the definitions"))]
    DuplicateLet {
        name: String,
        #[label("second definition")]
        span: SourceSpan,
    },

    #[error("variant `{name}` appears twice in one enum")]
    #[diagnostic(code(E0205))]
    DuplicateVariant {
        name: String,
        #[label("repeated")]
        span: SourceSpan,
    },

    #[error("field `{name}` appears twice in one list")]
    #[diagnostic(code(E0206))]
    DuplicateField {
        name: String,
        #[label("repeated")]
        span: SourceSpan,
    },

    #[error("unknown type `{name}`")]
    #[diagnostic(code(E0207))]
    UnknownType {
        name: String,
        #[label("not a type")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` has no label")]
    #[diagnostic(
        code(E0208),
        help("add the Chinese label inspectors read, e.g. `\"检查日期\"`")
    )]
    MissingLabel {
        name: String,
        #[label("needs a label")]
        span: SourceSpan,
    },

    #[error("a list field cannot itself be a list")]
    #[diagnostic(code(E0209), help("declare the inner list as a fact of its own"))]
    NestedList {
        #[label("nested list")]
        span: SourceSpan,
    },

    #[error("`{name}` is a list element, not a value")]
    #[diagnostic(code(E0210))]
    ElementWithoutField {
        name: String,
        #[label("name one of its fields")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown field `{field}` of `{list}`")]
    #[diagnostic(code(E0211))]
    UnknownField {
        field: String,
        list: String,
        #[label("no such field")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("derived fact `{name}` depends on itself")]
    #[diagnostic(
        code(E0213),
        help(
            "derive it from other facts; a derivation cannot read itself, directly or through others"
        )
    )]
    CyclicDerivation {
        name: String,
        #[label("derived from itself")]
        span: SourceSpan,
    },

    #[error("{message}")]
    #[diagnostic(code(E0214))]
    BadBound {
        message: String,
        #[label("this bound")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("definition `{name}` refers to itself")]
    #[diagnostic(
        code(E0212),
        help("a definition cannot use itself, directly or through others")
    )]
    CyclicLet {
        name: String,
        #[label("used inside its own definition")]
        span: SourceSpan,
    },

    #[error("clause `{number}` appears twice in this standard")]
    #[diagnostic(
        code(E0301),
        help("clause numbers are the standard's own and must be unique")
    )]
    DuplicateClause {
        number: String,
        #[label("second clause with this number")]
        span: SourceSpan,
    },

    #[error("expected a condition, found {found}")]
    #[diagnostic(code(E0302))]
    ExpectedBool {
        found: String,
        #[label("this is {found}, not true or false")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("cannot compare {left} with {right}")]
    #[diagnostic(code(E0303))]
    Incomparable {
        left: String,
        right: String,
        #[label("{left} {op} {right}")]
        span: SourceSpan,
        op: String,
        #[help]
        help: Option<String>,
    },

    #[error("{kind} values have no order")]
    #[diagnostic(code(E0304), help("use `==`, `!=` or `in [...]`"))]
    Unordered {
        kind: String,
        #[label("`{op}` needs numbers, quantities or dates")]
        span: SourceSpan,
        op: String,
    },

    #[error("`{word}` is not one of: {choices}")]
    #[diagnostic(code(E0305))]
    UnknownVariant {
        word: String,
        choices: String,
        #[label("no such variant")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("cannot apply `{op}` to {left} and {right}")]
    #[diagnostic(code(E0306))]
    BadArithmetic {
        op: String,
        left: String,
        right: String,
        #[label("unsupported operands")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`in` needs a list written in brackets")]
    #[diagnostic(code(E0307), help("write `x in [a, b]`"))]
    InNeedsList {
        #[label("not a bracketed list")]
        span: SourceSpan,
    },

    #[error("unknown function `{name}`")]
    #[diagnostic(code(E0308))]
    UnknownFunction {
        name: String,
        #[label("not a function")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("at least {n} of {count} conditions can never hold")]
    #[diagnostic(
        code(E0309),
        help("the number must not exceed the number of conditions")
    )]
    AtLeastTooMany {
        n: u32,
        count: usize,
        #[label("too many required")]
        span: SourceSpan,
    },

    #[error("expected a list, found {found}")]
    #[diagnostic(code(E0310))]
    ExpectedList {
        found: String,
        #[label("not a list")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{func}` needs a field of a list, such as `{func}(furnaces.capacity)`")]
    #[diagnostic(code(E0311))]
    AggregateNeedsField {
        func: String,
        #[label("not a list field")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("the derivation gives {found}, but the fact is declared as {expected}")]
    #[diagnostic(
        code(E0314),
        help("derive a value of the declared type, or change the declared type")
    )]
    DerivationType {
        found: String,
        expected: String,
        #[label("derived here")]
        span: SourceSpan,
    },

    #[error("clause `{number}` never fires")]
    #[diagnostic(
        code(E0312),
        help("add `major when <condition>`, or declare the clause `pending \"reason\"`")
    )]
    NoMajorRule {
        number: String,
        #[label("has no `major when`")]
        span: SourceSpan,
    },

    #[error("cannot {what} {found}")]
    #[diagnostic(code(E0313))]
    BadOperand {
        what: String,
        found: String,
        #[label("{found}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("cannot compare {left} with {right}")]
    #[diagnostic(code(E0401))]
    DimensionMismatch {
        left: String,
        right: String,
        #[label("different dimensions")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("a number without a unit is compared with {dimension}")]
    #[diagnostic(code(E0402))]
    MissingUnit {
        dimension: String,
        #[label("unit missing")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown unit `{unit}`")]
    #[diagnostic(code(E0403))]
    UnknownUnit {
        unit: String,
        #[label("not a unit")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unit `{unit}` measures {actual}, not {expected}")]
    #[diagnostic(code(E0404))]
    WrongUnit {
        unit: String,
        actual: String,
        expected: String,
        #[label("wrong dimension")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("file has no `standard` or `vocabulary` header")]
    #[diagnostic(
        code(E0501),
        help(
            "start the file with `standard name \"标题\" {{ ... }}` or `vocabulary name \"标题\"`"
        )
    )]
    NoHeader {
        #[label("first item of a file without a header")]
        span: SourceSpan,
    },

    #[error("a file holds one standard or one vocabulary")]
    #[diagnostic(code(E0502), help("put each standard version in a file of its own"))]
    SecondHeader {
        #[label("second header")]
        span: SourceSpan,
    },

    #[error("standard `{name}` has no `{entry}`")]
    #[diagnostic(code(E0503))]
    MissingHeaderEntry {
        name: String,
        entry: String,
        #[label("header incomplete")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{entry}` is given twice in the header")]
    #[diagnostic(code(E0504), help("keep one"))]
    RepeatedHeaderEntry {
        entry: String,
        #[label("repeated")]
        span: SourceSpan,
    },

    #[error("a vocabulary cannot hold {what}")]
    #[diagnostic(
        code(E0505),
        help("vocabularies declare facts; rules and tests belong in a standard file")
    )]
    RulesInVocabulary {
        what: String,
        #[label("not allowed in a vocabulary")]
        span: SourceSpan,
    },

    #[error("unknown vocabulary `{name}`")]
    #[diagnostic(code(E0506))]
    UnknownImport {
        name: String,
        #[label("no loaded vocabulary has this name")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("standard `{name}` has two versions in force from {date}")]
    #[diagnostic(code(E0507), help("each version needs its own `effective` date"))]
    DuplicateVersion {
        name: String,
        date: String,
        #[label("same effective date as another version")]
        span: SourceSpan,
    },

    #[error("superseded on {superseded}, before it took effect on {effective}")]
    #[diagnostic(
        code(E0508),
        help("the superseded date must be after the effective date")
    )]
    SupersededBeforeEffective {
        superseded: String,
        effective: String,
        #[label("too early")]
        span: SourceSpan,
    },

    #[error("standard `{name}` cannot be succeeded by itself")]
    #[diagnostic(
        code(E0509),
        help(
            "`in NAME` names another standard whose version replaces this one; a later version of the same standard needs no `in`"
        )
    )]
    SucceededBySelf {
        name: String,
        #[label("the standard this header declares")]
        span: SourceSpan,
    },

    #[error("unknown expectation `{word}`")]
    #[diagnostic(code(E0601))]
    UnknownOutcome {
        word: String,
        #[label("not an outcome")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("clause `{number}` is not in this standard")]
    #[diagnostic(code(E0602))]
    UnknownClause {
        number: String,
        #[label("no such clause")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("{message}")]
    #[diagnostic(code(E0603))]
    BadGiven {
        message: String,
        #[label("in this test's record")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("test `{name}` expects nothing")]
    #[diagnostic(code(E0606), help("add `expect major [...]` or another expectation"))]
    EmptyTest {
        name: String,
        #[label("no expectation")]
        span: SourceSpan,
    },

    #[error("fact `{name}` is never read by this file's rules")]
    #[diagnostic(
        code(W0101),
        severity(Warning),
        help("use it in a clause or remove the declaration")
    )]
    UnusedFact {
        name: String,
        #[label("declared here")]
        span: SourceSpan,
    },

    #[error("`{written}` is a thousandfold off `{declared}`, the unit `{fact}` is declared in")]
    #[diagnostic(code(W0102), severity(Warning))]
    UnitScale {
        written: String,
        declared: String,
        fact: String,
        #[label("this threshold")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("this condition {what}")]
    #[diagnostic(
        code(W0103),
        severity(Warning),
        help(
            "check the operators and thresholds against the standard's text and the facts' bounds"
        )
    )]
    Vacuous {
        what: String,
        #[label("here")]
        span: SourceSpan,
    },

    #[error("clause {number} has the same conditions as clause {twin}")]
    #[diagnostic(
        code(W0104),
        severity(Warning),
        help(
            "two situations of the standard should differ somewhere in the rules; check both against the text"
        )
    )]
    SameConditions {
        number: String,
        twin: String,
        #[label("same scope, guards and `major` lines as {twin}")]
        span: SourceSpan,
    },

    #[error("clause {number} has no passing test in which it is {missing}")]
    #[diagnostic(code(W0105), severity(Warning))]
    UntestedClause {
        number: String,
        missing: String,
        #[label("this clause")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("fact `{name}` is read by the rules but no test gives it")]
    #[diagnostic(
        code(W0106),
        severity(Warning),
        help("add it to a test's `given` record, so that a test sees the rules that read it")
    )]
    UntestedFact {
        name: String,
        #[label("declared here")]
        span: SourceSpan,
    },
}

impl CheckError {
    /// Whether this is a warning (a lint): the file still compiles.
    pub(crate) fn is_warning(&self) -> bool {
        matches!(
            self,
            CheckError::UnusedFact { .. }
                | CheckError::UnitScale { .. }
                | CheckError::Vacuous { .. }
                | CheckError::SameConditions { .. }
                | CheckError::UntestedClause { .. }
                | CheckError::UntestedFact { .. }
        )
    }
}
