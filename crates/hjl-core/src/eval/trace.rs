//! What an evaluation saw: the evidence behind a true result and the unknown facts behind an
//! undetermined one. Only collected when a clause fired or could not be decided.
//!
//! While evaluating, entries are ids and borrowed values: much of what is traced is dropped
//! again before the clause is decided (the side of an `or` that did not decide it, the
//! evidence of an unknown condition), so strings are made only for what a report keeps.

use std::borrow::Cow;

use super::bind::{Bound, Slot};
use crate::compile::{FactId, FactKind, Node, NodeId, Program, ScalarType};
pub(crate) use crate::report::Via;
use crate::report::{Evidence, MissingFact, RecordPath};
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
    pub(crate) fn path(self, prog: &Program) -> RecordPath<'_> {
        let list = prog.facts.path(self.fact);
        match self.cell {
            None => RecordPath::fact(list),
            Some((row, field)) => {
                let name = prog.facts.field(self.fact, field).map(|f| f.name.as_str());
                RecordPath::element(list, row, name)
            }
        }
    }

    /// The Chinese label: the fact's, or the list's and the field's joined by `·`.
    pub(crate) fn label(self, prog: &Program) -> Cow<'_, str> {
        let Some(fact) = prog.facts.get(self.fact) else {
            return Cow::Borrowed("");
        };
        match self.cell {
            None => Cow::Borrowed(&fact.label),
            Some((_, f)) => Cow::Borrowed(
                fact.field_labels
                    .get(usize::from(f))
                    .map_or("", String::as_str),
            ),
        }
    }

    /// The unit a quantity is written in, for the inspector who must measure it.
    pub(crate) fn unit(self, prog: &Program) -> Option<&'static str> {
        let ty = match (self.cell, &prog.facts.get(self.fact)?.kind) {
            (None, FactKind::Scalar(ty)) => *ty,
            (Some((_, f)), _) => prog.facts.field(self.fact, f)?.ty,
            (None, FactKind::List(_)) => return None,
        };
        match ty {
            ScalarType::Quantity(unit) => Some(unit.symbol),
            _ => None,
        }
    }

    /// The name the record gives the list element (its `name` field), if any.
    pub(crate) fn item(self, prog: &Program, rec: &Bound) -> Option<String> {
        let (row, _) = self.cell?;
        let field = prog.facts.get(self.fact)?.name_field?;
        match rec.list(self.fact)?.get(row as usize, usize::from(field))? {
            Value::Text(name) => Some(name.to_string()),
            _ => None,
        }
    }
}

/// One value read while tracing for evidence: borrowed from the record, or computed (a
/// derived fact).
#[derive(Debug, Clone)]
pub(crate) struct Seen<'a> {
    pub place: Place,
    pub ty: ScalarType,
    pub value: Cow<'a, Value>,
    /// The comparison or membership node that tested it (its text is the evidence's test).
    pub test: Option<NodeId>,
    /// Whether that test sits under `not` (the evidence shows `not (…)`).
    pub negated: bool,
    pub via: Via,
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
    /// The evidence entries, as a report shows them: each place once, in the order first
    /// met (two rule lines, or a filter and a line, may read the same value).
    pub(crate) fn evidence<'p>(&self, prog: &'p Program, rec: &Bound) -> Vec<Evidence<'p>> {
        let mut out: Vec<Evidence<'p>> = Vec::with_capacity(self.seen.len());
        let mut places: Vec<Place> = Vec::with_capacity(self.seen.len());
        for s in &self.seen {
            let test = s.test.and_then(|n| test_text(prog, n)).map(|t| {
                if s.negated {
                    Cow::Owned(format!("not ({t})"))
                } else {
                    Cow::Borrowed(t)
                }
            });
            if let Some(i) = places.iter().position(|p| *p == s.place) {
                // Already shown: keep the first entry, but give it a test it lacked.
                if let (Some(e), Some(test)) = (out.get_mut(i), test) {
                    e.test.get_or_insert(test);
                }
                continue;
            }
            places.push(s.place);
            out.push(Evidence {
                path: s.place.path(prog),
                label: s.place.label(prog),
                item: s.place.item(prog, rec),
                value: super::interp::display(s.ty, &s.value, prog),
                test,
                via: s.via,
            });
        }
        out
    }

    /// The missing facts, each once, in the order first met.
    pub(crate) fn missing<'p>(&self, prog: &'p Program, rec: &Bound) -> Vec<MissingFact<'p>> {
        let gaps = &self.gaps;
        gaps.iter()
            .enumerate()
            .filter(|(i, gap)| !gaps.get(..*i).is_some_and(|before| before.contains(gap)))
            .map(|(_, gap)| MissingFact {
                path: gap.path(prog),
                label: gap.label(prog),
                unit: gap.unit(prog).map(Cow::Borrowed),
                item: gap.item(prog, rec),
            })
            .collect()
    }

    /// Whether the record says anything particular that the traced condition reads: a
    /// value kept as evidence (but the general facts every record carries), or a list
    /// element whose fields are missing.
    pub(crate) fn says_something(&self, prog: &Program) -> bool {
        let particular =
            |p: &Place| p.cell.is_some() || prog.facts.get(p.fact).is_some_and(|f| !f.general);
        self.seen.iter().any(|s| particular(&s.place)) || self.gaps.iter().any(|g| g.cell.is_some())
    }

    pub(crate) fn clear(&mut self) {
        self.seen.clear();
        self.gaps.clear();
    }
}

/// The test a comparison or membership node puts its value to, as evidence shows it.
fn test_text(prog: &Program, node: NodeId) -> Option<&str> {
    match prog.node(node)? {
        Node::Cmp { test, .. } | Node::In { test, .. } | Node::InEnum { test, .. } => Some(test),
        _ => None,
    }
}

/// What a record gives at `path` (a fact, or a list element's field) as evidence shows
/// it; `None` when it gives nothing there, or when the path names no fact of `prog`.
pub(crate) fn value_at(
    prog: &Program,
    rec: &Bound,
    path: &RecordPath<'_>,
) -> Option<Evidence<'static>> {
    let fact = *prog.facts.by_path.get(path.fact_path())?;
    let (place, ty, value) = match (path.cell(), &prog.facts.get(fact)?.kind) {
        (None, FactKind::Scalar(ty)) => match rec.slot(fact) {
            Slot::Scalar(v) => (Place { fact, cell: None }, *ty, v.clone()),
            _ => return None,
        },
        (Some((row, Some(name))), FactKind::List(fields)) => {
            let i = fields.iter().position(|f| f.name == name)?;
            let field = u16::try_from(i).ok()?;
            let value = rec.list(fact)?.get(row as usize, i)?.clone();
            (
                Place {
                    fact,
                    cell: Some((row, field)),
                },
                fields.get(i)?.ty,
                value,
            )
        }
        _ => return None,
    };
    Some(
        Evidence {
            path: place.path(prog),
            label: place.label(prog),
            item: place.item(prog, rec),
            value: super::interp::display(ty, &value, prog),
            test: None,
            via: Via::Record,
        }
        .into_owned(),
    )
}
