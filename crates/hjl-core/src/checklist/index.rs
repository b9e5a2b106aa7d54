//! The fact index of a standard's checklist: every fact it asks for, once, in the order
//! first asked, with what it decides (the scope, sections, clauses).

use super::{Applicability, Check, FactUse, StandardChecklist};

/// What a check decides.
#[derive(Clone, Copy)]
enum Decides<'s> {
    Scope,
    Section(&'s str),
    Clause(&'s str),
}

/// The index of every fact the checklist asks for.
pub(super) fn facts(sheet: &StandardChecklist) -> Vec<FactUse> {
    let mut out = Vec::new();
    let mut add = |checks: &[Check], decides: Decides<'_>| {
        for check in checks {
            visit(check, None, decides, &mut out);
        }
    };
    add(open(&sheet.scope), Decides::Scope);
    for section in &sheet.sections {
        let title = section.path.last().map_or("", String::as_str);
        add(open(&section.applies), Decides::Section(title));
        for clause in &section.clauses {
            add(open(&clause.applies), Decides::Clause(&clause.number));
            add(&clause.checks, Decides::Clause(&clause.number));
        }
    }
    out
}

/// The checks of an open condition.
fn open(applies: &Applicability) -> &[Check] {
    match applies {
        Applicability::Open { checks } => checks,
        Applicability::Always | Applicability::Given => &[],
    }
}

/// Notes a check (`list`: the path and label of the list whose element it may be a field
/// of), its fields and its parts.
fn visit(check: &Check, list: Option<(&str, &str)>, decides: Decides<'_>, out: &mut Vec<FactUse>) {
    let label = match list {
        Some((path, label)) if is_field_of(&check.path, path) => {
            format!("{label}·{}", check.label)
        }
        _ => check.label.clone(),
    };
    let index = match out.iter().position(|f| f.path == check.path) {
        Some(i) => i,
        None => {
            out.push(FactUse {
                path: check.path.clone(),
                label: label.clone(),
                unit: check.unit,
                scope: false,
                sections: Vec::new(),
                clauses: Vec::new(),
            });
            out.len() - 1
        }
    };
    if let Some(entry) = out.get_mut(index) {
        let add = |to: &mut Vec<String>, what: &str| {
            if !to.iter().any(|w| w == what) {
                to.push(what.to_owned());
            }
        };
        match decides {
            Decides::Scope => entry.scope = true,
            Decides::Section(title) => add(&mut entry.sections, title),
            Decides::Clause(number) => add(&mut entry.clauses, number),
        }
    }
    for field in &check.fields {
        visit(field, Some((&check.path, &label)), decides, out);
    }
    for part in &check.parts {
        visit(part, list, decides, out);
    }
}

/// Whether `path` is a field of the list at `list` (`list[].field`).
fn is_field_of(path: &str, list: &str) -> bool {
    path.strip_prefix(list)
        .is_some_and(|rest| rest.starts_with("[]."))
}
