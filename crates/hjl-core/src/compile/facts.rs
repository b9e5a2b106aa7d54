//! The fact table: every declared fact path with its type, label and slot.

use std::collections::{HashMap, HashSet};

use crate::units::Unit;

/// Index of a fact; also its slot in a bound record.
pub(crate) type FactId = u32;

/// The type of a scalar fact or of a list field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScalarType {
    Bool,
    Integer,
    Number,
    /// A quantity read, by default, in this unit.
    Quantity(&'static Unit),
    Enum(u32),
    Date,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EnumDef {
    /// (variant name, Chinese label)
    pub variants: Vec<(String, String)>,
}

impl EnumDef {
    /// A variant by its name or its label.
    pub(crate) fn lookup(&self, word: &str) -> Option<u32> {
        self.variants
            .iter()
            .position(|(name, label)| name == word || (!label.is_empty() && label == word))
            .and_then(|i| u32::try_from(i).ok())
    }

    pub(crate) fn name(&self, index: u32) -> &str {
        self.variants
            .get(index as usize)
            .map_or("?", |(n, _)| n.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    pub name: String,
    pub label: String,
    pub ty: ScalarType,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FactKind {
    Scalar(ScalarType),
    List(Vec<Field>),
}

#[derive(Debug, Clone)]
pub(crate) struct Fact {
    pub path: String,
    pub label: String,
    pub kind: FactKind,
    /// Files (by load index) that declare this fact.
    pub files: Vec<usize>,
}

/// Every fact of every loaded file, with a trie over path segments for record binding.
#[derive(Debug, Default)]
pub(crate) struct FactTable {
    pub facts: Vec<Fact>,
    pub enums: Vec<EnumDef>,
    pub by_path: HashMap<String, FactId>,
    /// Every proper dotted prefix of a fact path (`enterprise` for `enterprise.sector`).
    pub prefixes: HashSet<String>,
}

impl FactTable {
    pub(crate) fn get(&self, id: FactId) -> Option<&Fact> {
        self.facts.get(id as usize)
    }

    pub(crate) fn enum_def(&self, id: u32) -> Option<&EnumDef> {
        self.enums.get(id as usize)
    }

    /// Interns an enum definition: structurally equal enums share one id, so the same enum
    /// declared in two versions of a standard compares as one type.
    pub(crate) fn intern_enum(&mut self, def: EnumDef) -> u32 {
        let index = self
            .enums
            .iter()
            .position(|e| *e == def)
            .unwrap_or_else(|| {
                self.enums.push(def);
                self.enums.len() - 1
            });
        u32::try_from(index).unwrap_or(u32::MAX)
    }

    /// Adds a new fact and records its path prefixes.
    pub(crate) fn insert(&mut self, fact: Fact) -> FactId {
        let id = FactId::try_from(self.facts.len()).unwrap_or(FactId::MAX);
        let mut end = 0;
        while let Some(dot) = fact.path.get(end..).and_then(|rest| rest.find('.')) {
            end += dot;
            if let Some(prefix) = fact.path.get(..end) {
                self.prefixes.insert(prefix.to_owned());
            }
            end += 1;
        }
        self.by_path.insert(fact.path.clone(), id);
        self.facts.push(fact);
        id
    }

    pub(crate) fn field(&self, fact: FactId, field: u16) -> Option<&Field> {
        match &self.get(fact)?.kind {
            FactKind::List(fields) => fields.get(usize::from(field)),
            FactKind::Scalar(_) => None,
        }
    }
}
