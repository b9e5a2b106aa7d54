//! The flat IR: expressions as nodes in one arena, addressed by index, with every fact read
//! already resolved to a slot. Evaluation walks it without looking up a name.

use chrono::NaiveDate;

use super::facts::{FactId, FactTable};
use crate::ast::{CmpOp, QuantKind};
use crate::value::Value;

/// Index of a node in `Program::nodes`.
pub(crate) type NodeId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AggOp {
    Sum,
    Min,
    Max,
}

/// A list to iterate: a list fact, narrowed by filters that see the element as `binder`.
#[derive(Debug, Clone)]
pub(crate) struct ListSrc {
    pub fact: FactId,
    pub binder: u16,
    pub filters: Vec<NodeId>,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Const(Value),
    /// A scalar fact.
    Fact(FactId),
    /// A field of the list element bound at `binder`.
    Field {
        binder: u16,
        field: u16,
    },
    Not(NodeId),
    Neg(NodeId),
    And(NodeId, NodeId),
    Or(NodeId, NodeId),
    /// `rhs_text` is the source of the right side, shown as the evidence's test.
    Cmp {
        op: CmpOp,
        lhs: NodeId,
        rhs: NodeId,
        rhs_text: Box<str>,
    },
    In {
        value: NodeId,
        set: Vec<NodeId>,
        negated: bool,
        set_text: Box<str>,
    },
    /// `In` over enum constants: bit `i` of `mask` is set for variant `i`.
    InEnum {
        value: NodeId,
        mask: u128,
        negated: bool,
        set_text: Box<str>,
    },
    Arith(ArithOp, NodeId, NodeId),
    DateShift {
        date: NodeId,
        months: i32,
        days: i64,
    },
    /// Days between two dates, as a duration in seconds.
    DateDiff(NodeId, NodeId),
    Quant {
        kind: QuantKind,
        list: ListSrc,
        body: NodeId,
    },
    Count(ListSrc),
    Agg {
        op: AggOp,
        list: ListSrc,
        field: u16,
    },
    AtLeast {
        n: u32,
        items: Vec<NodeId>,
    },
    Known(NodeId),
    /// Whether the record gives a list fact at all (an empty list counts).
    KnownList(FactId),
}

/// What makes a clause major, or why it cannot be judged.
#[derive(Debug, Clone)]
pub(crate) enum ClauseRule {
    /// Major when any of these holds.
    Major(Vec<NodeId>),
    /// Known to exist, not yet encoded.
    Pending(String),
}

#[derive(Debug, Clone)]
pub(crate) struct ClauseIr {
    pub number: String,
    pub title: String,
    pub section: Option<String>,
    /// Indexes into `StandardVersion::guards`: enclosing section guards, outermost first.
    pub section_guards: Vec<usize>,
    /// The clause's own `applies when` conditions.
    pub applies: Vec<NodeId>,
    pub rule: ClauseRule,
    pub note: Option<String>,
}

/// A test written in a rule file, with its record already built.
#[derive(Debug, Clone)]
pub(crate) struct TestIr {
    pub name: String,
    pub line: usize,
    pub given: serde_json::Value,
    pub expects: Vec<crate::testing::Expect>,
}

/// One version of one standard.
#[derive(Debug, Clone)]
pub(crate) struct StandardVersion {
    pub name: String,
    pub title: String,
    pub issuer: String,
    pub document: String,
    pub effective: NaiveDate,
    /// `effective` as reports show it (`YYYY-MM-DD`), formatted once.
    pub effective_text: String,
    pub replaces: Option<String>,
    pub superseded: Option<(NaiveDate, Option<String>)>,
    pub applies: Option<NodeId>,
    pub guards: Vec<NodeId>,
    pub clauses: Vec<ClauseIr>,
    pub tests: Vec<TestIr>,
    pub file: usize,
    /// Facts this version may read (its own and its imports'), by id.
    pub visible: Vec<FactId>,
}

/// Everything loaded: facts, nodes, standards.
#[derive(Debug, Default)]
pub(crate) struct Program {
    pub facts: FactTable,
    pub nodes: Vec<Node>,
    pub standards: Vec<StandardVersion>,
    pub files: Vec<String>,
    /// The `inspection.date` fact, when declared: it picks the version in force.
    pub inspection_date: Option<FactId>,
    /// The decision table, one entry per node (see [`super::ops`]), built by `prepare`.
    pub ops: Vec<super::ops::Op>,
}

impl Program {
    pub(crate) fn push(&mut self, node: Node) -> NodeId {
        self.nodes.push(node);
        NodeId::try_from(self.nodes.len() - 1).unwrap_or(NodeId::MAX)
    }

    pub(crate) fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    /// Builds the decision table once every node is in place.
    pub(crate) fn prepare(&mut self) {
        self.ops = super::ops::table(self);
    }
}
