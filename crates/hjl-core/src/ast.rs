//! The syntax tree: what a rule file says, with a byte span on every node.
//! Produced by `parser`, consumed by `check`; nothing here is resolved or typed.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    pub(crate) fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub(crate) fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }
}

/// A value with the span it was written at.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

pub(crate) type Ident = Spanned<String>;
pub(crate) type Text = Spanned<String>;

/// One parsed file.
#[derive(Debug, Default)]
pub(crate) struct File {
    pub items: Vec<Item>,
}

#[derive(Debug)]
pub(crate) enum Item {
    Vocabulary { name: Ident, span: Span },
    Standard(StandardHeader),
    Import(Ident),
    Fact(FactDecl),
    Let(LetDef),
    Section(Section),
    Clause(Clause),
    Test(TestCase),
}

#[derive(Debug)]
pub(crate) struct StandardHeader {
    pub name: Ident,
    pub title: Text,
    pub entries: Vec<HeaderEntry>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) enum HeaderEntry {
    Issuer(Text),
    Document(Text),
    Effective(Spanned<NaiveDate>),
    Replaces(Text),
    Superseded {
        date: Spanned<NaiveDate>,
        by: Option<Text>,
        /// The other standard the successor text is a version of.
        into: Option<Ident>,
    },
    Applies(Expr),
}

#[derive(Debug)]
pub(crate) struct FactDecl {
    pub path: Ident,
    pub ty: TypeExpr,
    pub bounds: Vec<Bound>,
    pub label: Option<Text>,
    /// `= expr`: the fact is derived from others, unless the record states it.
    pub derived: Option<Expr>,
}

/// One bound on a fact's values: `>= 0`, `<= 100 %`.
#[derive(Debug, Clone)]
pub(crate) struct Bound {
    pub op: CmpOp,
    pub value: Decimal,
    pub unit: Option<Ident>,
    pub span: Span,
}

#[derive(Debug)]
pub(crate) enum TypeExpr {
    Named { name: Ident, unit: Option<Ident> },
    Enum { variants: Vec<Variant> },
    List { fields: Vec<FieldDecl>, span: Span },
}

#[derive(Debug)]
pub(crate) struct Variant {
    pub name: Ident,
    pub label: Option<Text>,
}

#[derive(Debug)]
pub(crate) struct FieldDecl {
    pub name: Ident,
    pub ty: TypeExpr,
    pub bounds: Vec<Bound>,
    pub label: Option<Text>,
    /// `= expr`, with the element's other fields in scope by bare name.
    pub derived: Option<Expr>,
}

#[derive(Debug)]
pub(crate) struct LetDef {
    pub name: Ident,
    pub value: Expr,
}

#[derive(Debug)]
pub(crate) struct Section {
    pub title: Text,
    pub guard: Option<Expr>,
    pub items: Vec<SectionItem>,
}

#[derive(Debug)]
pub(crate) enum SectionItem {
    Section(Section),
    Clause(Clause),
}

#[derive(Debug)]
pub(crate) struct Clause {
    pub number: Text,
    pub title: Text,
    pub body: ClauseBody,
}

#[derive(Debug)]
pub(crate) enum ClauseBody {
    Rules {
        applies: Vec<Expr>,
        major: Vec<MajorLine>,
        notes: Vec<Text>,
        /// A limb whose text is not encoded: the clause is never clear while it stands.
        pending: Option<Text>,
        span: Span,
    },
    Pending(Text),
}

/// `major ["situation"] when expr`.
#[derive(Debug)]
pub(crate) struct MajorLine {
    pub label: Option<Text>,
    pub expr: Expr,
}

#[derive(Debug)]
pub(crate) struct TestCase {
    pub name: Text,
    pub given: Spanned<Given>,
    pub expects: Vec<Expectation>,
}

/// A literal record value written in a test's `given` block.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Given {
    Object(Vec<(Ident, Spanned<Given>)>),
    Array(Vec<Spanned<Given>>),
    Date(NaiveDate),
    Quantity(Decimal, Ident),
    Number(Decimal),
    Text(String),
    Bool(bool),
    Word(String),
}

#[derive(Debug)]
pub(crate) enum Expectation {
    Verdict(Ident),
    Set { outcome: Ident, clauses: Vec<Text> },
}

#[derive(Debug, Clone)]
pub(crate) struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub(crate) enum ExprKind {
    Bool(bool),
    Number(Decimal),
    Quantity(Decimal, Ident),
    Date(NaiveDate),
    Text(String),
    Path(Vec<Ident>),
    List(Vec<Expr>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    Where(Box<Expr>, Box<Expr>),
    Quantifier {
        kind: QuantKind,
        var: Ident,
        domain: Box<Expr>,
        body: Box<Expr>,
    },
    AtLeast {
        n: Spanned<u32>,
        items: Vec<Expr>,
    },
    Call {
        func: Ident,
        arg: Box<Expr>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnaryOp {
    Not,
    Neg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinaryOp {
    And,
    Or,
    Cmp(CmpOp),
    In,
    NotIn,
    Add,
    Sub,
    Mul,
    Div,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The comparison in words, as Chinese messages say it (`不小于` for `>=`).
    pub(crate) fn words(self) -> &'static str {
        match self {
            CmpOp::Ge => "不小于",
            CmpOp::Gt => "大于",
            CmpOp::Le => "不大于",
            CmpOp::Lt => "小于",
            CmpOp::Eq => "等于",
            CmpOp::Ne => "不等于",
        }
    }

    pub(crate) fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum QuantKind {
    Any,
    All,
    None,
}
