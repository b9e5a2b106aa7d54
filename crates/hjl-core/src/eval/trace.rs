//! What an evaluation saw: the evidence behind a true result and the unknown facts behind an
//! undetermined one. Only collected when a clause fired or could not be decided.

use crate::report::Evidence;

#[derive(Debug, Default)]
pub(crate) struct Trace {
    pub evidence: Vec<Evidence>,
    pub missing: Vec<String>,
}

impl Trace {
    pub(crate) fn append(&mut self, other: Trace) {
        self.evidence.extend(other.evidence);
        for m in other.missing {
            if !self.missing.contains(&m) {
                self.missing.push(m);
            }
        }
    }

    pub(crate) fn append_missing(&mut self, other: Trace) {
        self.append(Trace {
            evidence: Vec::new(),
            missing: other.missing,
        });
    }
}
