//! The fact table: every declared fact path with its type, label and slot.

use std::collections::HashMap;

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
    /// Path segments as a trie, for binding records without building path strings.
    pub trie: Vec<TrieNode>,
}

/// One segment of the fact-path trie; node 0 is the root.
#[derive(Debug, Default)]
pub(crate) struct TrieNode {
    pub children: rustc_hash::FxHashMap<Box<str>, u32>,
    pub fact: Option<FactId>,
    /// The dotted path from the root to this node (empty for the root), for messages.
    pub path: Box<str>,
}

impl FactTable {
    pub(crate) fn get(&self, id: FactId) -> Option<&Fact> {
        self.facts.get(id as usize)
    }

    /// A fact's path (empty for an id no fact has).
    pub(crate) fn path(&self, id: FactId) -> &str {
        self.get(id).map_or("", |f| &f.path)
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

    /// Adds a new fact and threads its path into the trie.
    pub(crate) fn insert(&mut self, fact: Fact) -> FactId {
        let id = FactId::try_from(self.facts.len()).unwrap_or(FactId::MAX);
        if self.trie.is_empty() {
            self.trie.push(TrieNode::default());
        }
        let mut node = 0usize;
        for segment in fact.path.split('.') {
            let next = self.trie.len();
            let child = match self.trie.get_mut(node) {
                Some(n) => *n
                    .children
                    .entry(segment.into())
                    .or_insert(u32::try_from(next).unwrap_or(u32::MAX)),
                None => break,
            };
            if child as usize == next {
                let parent = self.trie.get(node).map_or("", |n| &n.path);
                let path = if parent.is_empty() {
                    segment.into()
                } else {
                    format!("{parent}.{segment}").into()
                };
                self.trie.push(TrieNode {
                    path,
                    ..TrieNode::default()
                });
            }
            node = child as usize;
        }
        if let Some(n) = self.trie.get_mut(node) {
            n.fact = Some(id);
        }
        self.by_path.insert(fact.path.clone(), id);
        self.facts.push(fact);
        id
    }

    /// The trie node under `node` for one path segment.
    pub(crate) fn child(&self, node: u32, segment: &str) -> Option<(u32, &TrieNode)> {
        let index = *self.trie.get(node as usize)?.children.get(segment)?;
        Some((index, self.trie.get(index as usize)?))
    }

    pub(crate) fn field(&self, fact: FactId, field: u16) -> Option<&Field> {
        match &self.get(fact)?.kind {
            FactKind::List(fields) => fields.get(usize::from(field)),
            FactKind::Scalar(_) => None,
        }
    }
}
