//! The flat IR: expressions as nodes in one arena, addressed by index, with every fact read
//! already resolved to a slot. Evaluation walks it without looking up a name.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::facts::{FactId, FactTable};
use crate::ast::{CmpOp, QuantKind};
use crate::value::Value;

/// Index of a node in `Program::nodes`.
pub(crate) type NodeId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum AggOp {
    Sum,
    Min,
    Max,
}

/// A list to iterate: a list fact, narrowed by filters that see the element as `binder`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ListSrc {
    pub fact: FactId,
    pub binder: u16,
    pub filters: Vec<NodeId>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
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
    /// `test` is the comparison as evidence shows it: the operator and the source of the
    /// right side (`>= 5 t`).
    Cmp {
        op: CmpOp,
        lhs: NodeId,
        rhs: NodeId,
        test: Box<str>,
    },
    In {
        value: NodeId,
        set: Vec<NodeId>,
        negated: bool,
        /// As evidence shows it: `in [a, b]`, `not in [a, b]`.
        test: Box<str>,
    },
    /// `In` over enum constants: bit `i` of `mask` is set for variant `i`.
    InEnum {
        value: NodeId,
        mask: u128,
        negated: bool,
        test: Box<str>,
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
    /// A derived fact: computed by `Program::derivations[derivation]` from its parts, or
    /// as the record states it when the parts do not decide it.
    Derived {
        fact: FactId,
        derivation: u32,
    },
    /// A derived field of the list element bound at `binder`.
    DerivedField {
        binder: u16,
        field: u16,
        derivation: u32,
    },
}

/// How a derived fact or field is computed. The expression is closed: it reads facts and,
/// for a field, the element bound at binder 0 (its own quantifiers bind from 1), so it is
/// compiled once and evaluated in an environment of its own.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Derivation {
    pub fact: FactId,
    /// The field, for a derived field of a list fact.
    pub field: Option<u16>,
    pub expr: NodeId,
}

/// What makes a clause major, or why it cannot be judged.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum ClauseRule {
    /// Major when any of these holds.
    Major(Vec<NodeId>),
    /// Known to exist, not yet encoded.
    Pending(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ClauseIr {
    pub number: String,
    /// Where the clause number is written, for lints.
    pub span: crate::ast::Span,
    pub title: String,
    pub section: Option<String>,
    /// The innermost enclosing section, by index into `StandardVersion::sections`.
    pub section_at: Option<usize>,
    /// Indexes into `StandardVersion::guards`: enclosing section guards, outermost first.
    pub section_guards: Vec<usize>,
    /// The clause's own `applies when` conditions.
    pub applies: Vec<NodeId>,
    pub rule: ClauseRule,
    /// The situation each rule line names, aligned with the lines of `rule`.
    pub line_labels: Vec<Option<String>>,
    /// A limb of the clause whose text is not encoded: the clause is then never clear.
    pub pending_limb: Option<String>,
    pub note: Option<String>,
}

/// A section of a standard: its title and the section enclosing it (its guard is among
/// the `section_guards` of its clauses).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SectionIr {
    pub title: String,
    /// The enclosing section, by index into `StandardVersion::sections`.
    pub parent: Option<usize>,
}

/// A test written in a rule file, with its record already built.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct TestIr {
    pub name: String,
    pub line: usize,
    pub given: serde_json::Value,
    pub expects: Vec<crate::testing::Expect>,
}

/// From when a standard version no longer applies, and what replaces it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Succession {
    /// The first date on which the version no longer applies.
    pub until: NaiveDate,
    /// The successor's document number, when known.
    pub by: Option<String>,
    /// The other standard whose version the successor is, when its situations moved there.
    pub into: Option<String>,
}

/// One version of one standard.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StandardVersion {
    /// Its index in `Program::standards`.
    pub index: usize,
    pub name: String,
    pub title: String,
    pub issuer: String,
    pub document: String,
    pub effective: NaiveDate,
    /// `effective` as reports show it (`YYYY-MM-DD`), formatted once.
    pub effective_text: String,
    pub replaces: Option<String>,
    pub superseded: Option<Succession>,
    pub applies: Option<NodeId>,
    pub guards: Vec<NodeId>,
    /// Every section, each after the section enclosing it.
    pub sections: Vec<SectionIr>,
    /// The title of the section each guard belongs to, aligned with `guards`.
    pub guard_sections: Vec<String>,
    pub clauses: Vec<ClauseIr>,
    pub tests: Vec<TestIr>,
    pub file: usize,
    /// Facts this version may read (its own and its imports'), by id, sorted.
    pub visible: Vec<FactId>,
    /// Facts whose presence in a record means the record speaks of this standard: those
    /// its own file declares; sorted.
    pub mentions: Vec<FactId>,
    /// Facts other versions of this standard read and this one does not (set when the
    /// engine groups versions): given in a record this version judges, they are ignored.
    pub foreign: Vec<FactId>,
    /// Facts its conditions read (scope, section guards, clauses), through derived facts
    /// too, apart from the inspection's date and number; sorted. Set by `prepare`.
    pub reads: Vec<FactId>,
    /// No clause's condition can hold on a record that gives none of `reads`: such a
    /// record, leaving the scope open, is not addressed without judging a clause. Set
    /// once the program is complete (`judge::mark_quiet`).
    pub quiet: bool,
}

/// Everything loaded: facts, nodes, standards.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Program {
    pub facts: FactTable,
    pub nodes: Vec<Node>,
    pub standards: Vec<StandardVersion>,
    pub files: Vec<String>,
    /// The `inspection.date` fact, when declared: it picks the version in force.
    pub inspection_date: Option<FactId>,
    /// The `inspection.id` fact, when declared: reports echo it.
    pub inspection_id: Option<FactId>,
    /// Derived facts and fields, referred to by `Node::Derived` and `Node::DerivedField`.
    pub derivations: Vec<Derivation>,
    /// The decision table, one entry per node (see [`super::ops`]), built by `prepare`
    /// (and again when a snapshot is loaded).
    #[serde(skip)]
    pub ops: Vec<super::ops::Op>,
    /// Source text, as written, of the conditions a clause is judged by (scope, section
    /// guards, `applies when` and rule lines), of derivations and of quantity constants
    /// (`0.1 MPa`), by node, as written: explanations show them.
    pub texts: rustc_hash::FxHashMap<NodeId, Box<str>>,
}

impl Program {
    pub(crate) fn push(&mut self, node: Node) -> NodeId {
        self.nodes.push(node);
        NodeId::try_from(self.nodes.len() - 1).unwrap_or(NodeId::MAX)
    }

    pub(crate) fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    /// Keeps the source text of a node (see [`Program::texts`]) as written: it is laid out
    /// for reading only when an explanation asks for it, so compiling stays cheap.
    pub(crate) fn keep_text(&mut self, id: NodeId, text: &str) {
        self.texts.insert(id, text.into());
    }

    /// The source text kept for a node, if any, on one line (whitespace runs one space)
    /// with its brackets balanced.
    pub(crate) fn text(&self, id: NodeId) -> Option<String> {
        let text = self.texts.get(&id)?;
        let words: Vec<&str> = text.split_whitespace().collect();
        let text = words.join(" ").replace("[ ", "[").replace(" ]", "]");
        Some(balanced(&text))
    }

    /// Whether the rule files derive a fact (`field` `None`) or a field of a list fact.
    pub(crate) fn derives(&self, fact: FactId, field: Option<u16>) -> bool {
        self.derivations
            .iter()
            .any(|d| d.fact == fact && d.field == field)
    }

    /// The facts a version's conditions read, through derivations (see
    /// [`StandardVersion::reads`]).
    fn reads(&self, v: &StandardVersion) -> Vec<FactId> {
        let mut seen = vec![false; self.nodes.len()];
        let mut out = Vec::new();
        let mut todo: Vec<NodeId> = v.applies.iter().chain(&v.guards).copied().collect();
        for clause in &v.clauses {
            todo.extend(&clause.applies);
            if let ClauseRule::Major(rules) = &clause.rule {
                todo.extend(rules);
            }
        }
        while let Some(id) = todo.pop() {
            match seen.get_mut(id as usize) {
                Some(s) if !*s => *s = true,
                _ => continue,
            }
            let Some(node) = self.node(id) else { continue };
            let list = |src: &ListSrc, todo: &mut Vec<NodeId>, out: &mut Vec<FactId>| {
                out.push(src.fact);
                todo.extend(&src.filters);
            };
            match node {
                Node::Const(_) | Node::Field { .. } => {}
                Node::Fact(f) | Node::KnownList(f) => out.push(*f),
                Node::Not(n) | Node::Neg(n) | Node::Known(n) => todo.push(*n),
                Node::And(a, b) | Node::Or(a, b) | Node::Arith(_, a, b) | Node::DateDiff(a, b) => {
                    todo.extend([*a, *b]);
                }
                Node::Cmp { lhs, rhs, .. } => todo.extend([*lhs, *rhs]),
                Node::In { value, set, .. } => {
                    todo.push(*value);
                    todo.extend(set);
                }
                Node::InEnum { value, .. } => todo.push(*value),
                Node::DateShift { date, .. } => todo.push(*date),
                Node::Quant {
                    list: src, body, ..
                } => {
                    list(src, &mut todo, &mut out);
                    todo.push(*body);
                }
                Node::Count(src) | Node::Agg { list: src, .. } => list(src, &mut todo, &mut out),
                Node::AtLeast { items, .. } => todo.extend(items),
                Node::Derived { fact, derivation } => {
                    out.push(*fact);
                    todo.extend(self.derivations.get(*derivation as usize).map(|d| d.expr));
                }
                Node::DerivedField { derivation, .. } => {
                    todo.extend(self.derivations.get(*derivation as usize).map(|d| d.expr));
                }
            }
        }
        out.retain(|f| Some(*f) != self.inspection_date && Some(*f) != self.inspection_id);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Makes again what a snapshot leaves out because it follows from the rest.
    pub(crate) fn restore(&mut self) {
        self.facts.reindex();
        self.ops = super::ops::table(self);
    }

    /// Builds the decision table once every node is in place, and notes on each fact the
    /// versions that may read it.
    pub(crate) fn prepare(&mut self) {
        self.ops = super::ops::table(self);
        let reads: Vec<Vec<FactId>> = self.standards.iter().map(|v| self.reads(v)).collect();
        for (v, reads) in self.standards.iter_mut().zip(reads) {
            v.reads = reads;
        }
        for v in &self.standards {
            let index = u32::try_from(v.index).unwrap_or(u32::MAX);
            for fact in &v.visible {
                if let Some(f) = self.facts.facts.get_mut(*fact as usize) {
                    f.readers.push(index);
                }
            }
        }
    }
}

/// The text of an expression with its round brackets balanced: a bracketed operand's span
/// leaves its brackets out, so an expression that begins or ends with one (`(a or b) and
/// (c or d)`) is read without its first `(` or its last `)`. Brackets inside strings are
/// not counted.
fn balanced(text: &str) -> String {
    let (mut open, mut unopened, mut quoted) = (0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => open += 1,
            ')' if !quoted => match open.checked_sub(1) {
                Some(n) => open = n,
                None => unopened += 1,
            },
            _ => {}
        }
    }
    format!("{}{text}{}", "(".repeat(unopened), ")".repeat(open))
}

#[cfg(test)]
mod tests {
    use super::balanced;

    #[test]
    fn a_text_cut_inside_its_outer_brackets_is_balanced_again() {
        assert_eq!(balanced("a or b) and (c or d"), "(a or b) and (c or d)");
        assert_eq!(
            balanced("any f in L: (f.a or f.b"),
            "any f in L: (f.a or f.b)"
        );
        assert_eq!(balanced("known(x) and x"), "known(x) and x");
        assert_eq!(
            balanced(r#"k.element == ")" or a"#),
            r#"k.element == ")" or a"#
        );
    }
}
