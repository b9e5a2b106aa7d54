//! Detaching a judgement from the engine that made it: every borrowed text copied.

use std::borrow::Cow;

use super::{
    Evidence, Finding, Judgement, MissingFact, NotAddressed, NotApplicable, NotAssessed,
    RecordIssue, Reference, Report, Undetermined,
};

fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

fn all<T, U>(items: Vec<T>, f: impl Fn(T) -> U) -> Vec<U> {
    items.into_iter().map(f).collect()
}

impl Judgement<'_> {
    /// The same judgement, owning all its text: it no longer borrows from the engine.
    pub fn into_owned(self) -> Judgement<'static> {
        Judgement {
            id: self.id,
            line: self.line,
            date: self.date,
            verdict: self.verdict,
            errors: all(self.errors, RecordIssue::into_owned),
            warnings: all(self.warnings, RecordIssue::into_owned),
            reports: all(self.reports, Report::into_owned),
            not_applicable: all(self.not_applicable, NotApplicable::into_owned),
            not_addressed: all(self.not_addressed, NotAddressed::into_owned),
        }
    }
}

impl Report<'_> {
    /// The same report, owning all its text.
    pub fn into_owned(self) -> Report<'static> {
        Report {
            standard: owned(self.standard),
            title: owned(self.title),
            document: owned(self.document),
            version: owned(self.version),
            verdict: self.verdict,
            reason: self.reason.map(owned),
            scope_missing: all(self.scope_missing, MissingFact::into_owned),
            findings: all(self.findings, Finding::into_owned),
            undetermined: all(self.undetermined, Undetermined::into_owned),
            not_assessed: all(self.not_assessed, NotAssessed::into_owned),
            clauses: self.clauses,
            reference: self.reference.map(Reference::into_owned),
        }
    }
}

impl Finding<'_> {
    /// The same finding, owning all its text.
    pub fn into_owned(self) -> Finding<'static> {
        Finding {
            clause: owned(self.clause),
            title: owned(self.title),
            section: self.section.map(owned),
            situations: all(self.situations, owned),
            evidence: all(self.evidence, Evidence::into_owned),
            note: self.note.map(owned),
        }
    }
}

impl Evidence<'_> {
    /// The same evidence entry, owning all its text.
    pub fn into_owned(self) -> Evidence<'static> {
        Evidence {
            path: self.path.into_owned(),
            label: owned(self.label),
            item: self.item,
            value: self.value.into_owned(),
            test: self.test.map(owned),
            via: self.via,
        }
    }
}

impl MissingFact<'_> {
    /// The same entry, owning all its text.
    pub fn into_owned(self) -> MissingFact<'static> {
        MissingFact {
            path: self.path.into_owned(),
            label: owned(self.label),
            unit: self.unit.map(owned),
            item: self.item,
        }
    }
}

impl Undetermined<'_> {
    /// The same entry, owning all its text.
    pub fn into_owned(self) -> Undetermined<'static> {
        Undetermined {
            clause: owned(self.clause),
            title: owned(self.title),
            section: self.section.map(owned),
            status: self.status,
            evidence: all(self.evidence, Evidence::into_owned),
            missing: all(self.missing, MissingFact::into_owned),
            note: self.note.map(owned),
        }
    }
}

impl NotAssessed<'_> {
    /// The same entry, owning all its text.
    pub fn into_owned(self) -> NotAssessed<'static> {
        NotAssessed {
            clause: owned(self.clause),
            title: owned(self.title),
            reason: owned(self.reason),
        }
    }
}

impl RecordIssue<'_> {
    /// The same entry, owning all its text.
    pub fn into_owned(self) -> RecordIssue<'static> {
        RecordIssue {
            path: self.path,
            label: self.label.map(owned),
            message: self.message,
        }
    }
}

impl Reference<'_> {
    /// The same reference, owning all its text.
    pub fn into_owned(self) -> Reference<'static> {
        Reference {
            document: owned(self.document),
            version: owned(self.version),
            findings: all(self.findings, Finding::into_owned),
        }
    }
}

impl NotApplicable<'_> {
    /// The same entry, owning all its text.
    pub fn into_owned(self) -> NotApplicable<'static> {
        NotApplicable {
            standard: owned(self.standard),
            title: owned(self.title),
            document: owned(self.document),
            version: owned(self.version),
            reason: owned(self.reason),
        }
    }
}

impl NotAddressed<'_> {
    /// The same entry, owning all its text.
    pub fn into_owned(self) -> NotAddressed<'static> {
        NotAddressed {
            standard: owned(self.standard),
            title: owned(self.title),
            document: owned(self.document),
            version: owned(self.version),
            scope_missing: all(self.scope_missing, MissingFact::into_owned),
        }
    }
}
