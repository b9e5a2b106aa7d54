//! What an evaluation saw: the evidence behind a true result and the unknown facts behind an
//! undetermined one. Only collected when a clause fired or could not be decided.
//!
//! While evaluating, entries are ids and borrowed values: much of what is traced is dropped
//! again before the clause is decided (the side of an `or` that did not decide it, the
//! evidence of an unknown condition), so strings are made only for what a report keeps.

use std::borrow::Cow;

use crate::ast::CmpOp;
use crate::compile::{FactId, Program, ScalarType};
use crate::report::Evidence;
use crate::value::Value;

/// Where a value lives in a record: a fact, or a field of one row of a list fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub fact: FactId,
    /// (row, field) for a list element's field.
    pub cell: Option<(u32, u16)>,
}

impl Place {
    /// The record path, e.g. `furnaces[0].capacity`.
    fn path(self, prog: &Program) -> Cow<'_, str> {
        let list = prog.facts.path(self.fact);
        match self.cell {
            None => Cow::Borrowed(list),
            Some((row, field)) => {
                let name = prog.facts.field(self.fact, field).map(|f| f.name.as_str());
                Cow::Owned(super::element_path(list, row as usize, name))
            }
        }
    }

    /// The Chinese label: the fact's, or the list's and the field's joined by `·`.
    fn label(self, prog: &Program) -> Cow<'_, str> {
        let Some(fact) = prog.facts.get(self.fact) else {
            return Cow::Borrowed("");
        };
        match self.cell.and_then(|(_, f)| prog.facts.field(self.fact, f)) {
            None => Cow::Borrowed(&fact.label),
            Some(def) => Cow::Owned(format!("{}·{}", fact.label, def.label)),
        }
    }
}

/// The test a traced value was put to, as the rule wrote it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Test<'a> {
    /// A comparison, with its right-hand side's text: `>= 5 t`.
    Compare(CmpOp, &'a str),
    /// A membership check, with the set's text: `in [a, b]`, `not in [a, b]`.
    Member { negated: bool, set: &'a str },
}

impl Test<'_> {
    fn text(self) -> String {
        match self {
            Test::Compare(op, rhs) => format!("{} {rhs}", op.symbol()),
            Test::Member { negated, set } => {
                format!("{} {set}", if negated { "not in" } else { "in" })
            }
        }
    }
}

/// One value read while tracing for evidence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seen<'a> {
    pub place: Place,
    pub ty: ScalarType,
    pub value: &'a Value,
    pub test: Option<Test<'a>>,
}

/// The trace: one stack each of evidence and missing facts, so that a scope's part is what
/// lies past its mark.
#[derive(Debug, Default)]
pub(crate) struct Trace<'a> {
    pub seen: Vec<Seen<'a>>,
    /// Unknown places in the order met, repeats included (see [`Trace::missing`]).
    pub gaps: Vec<Place>,
}

impl Trace<'_> {
    /// The evidence entries, as a report shows them.
    pub(crate) fn evidence<'p>(&self, prog: &'p Program) -> Vec<Evidence<'p>> {
        self.seen
            .iter()
            .map(|s| Evidence {
                path: s.place.path(prog),
                label: s.place.label(prog),
                value: super::interp::display(s.ty, s.value, prog),
                test: s.test.map(Test::text),
            })
            .collect()
    }

    /// The paths of the missing facts, each once, in the order first met.
    pub(crate) fn missing<'p>(&self, prog: &'p Program) -> Vec<Cow<'p, str>> {
        let gaps = &self.gaps;
        gaps.iter()
            .enumerate()
            .filter(|(i, gap)| !gaps.get(..*i).is_some_and(|before| before.contains(gap)))
            .map(|(_, gap)| gap.path(prog))
            .collect()
    }

    pub(crate) fn clear(&mut self) {
        self.seen.clear();
        self.gaps.clear();
    }
}
