//! The fact table: every declared fact path with its type, label and slot.

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use rust_decimal::Decimal;

use crate::ast::CmpOp;
use crate::units::Unit;

/// Index of a fact; also its slot in a bound record.
pub(crate) type FactId = u32;

/// The type of a scalar fact or of a list field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum ScalarType {
    Bool,
    Integer,
    Number,
    /// A quantity read, by default, in this unit.
    Quantity(#[serde(with = "crate::units::by_symbol")] &'static Unit),
    Enum(u32),
    Date,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct EnumDef {
    /// (variant name, Chinese label)
    pub variants: Vec<(String, String)>,
}

impl EnumDef {
    /// A variant by its name or, failing that, its label (records mostly give names).
    pub(crate) fn lookup(&self, word: &str) -> Option<u32> {
        let variants = &self.variants;
        variants
            .iter()
            .position(|(name, _)| name == word)
            .or_else(|| {
                variants
                    .iter()
                    .position(|(_, label)| !label.is_empty() && label == word)
            })
            .and_then(|i| u32::try_from(i).ok())
    }

    pub(crate) fn name(&self, index: u32) -> &str {
        self.variants
            .get(index as usize)
            .map_or("?", |(n, _)| n.as_str())
    }
}

/// Bounds on the values of a number or quantity fact, in the base unit; a value outside is
/// a record error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Bounds(pub Vec<(CmpOp, Decimal)>);

impl Bounds {
    /// The first bound `value` breaks.
    pub(crate) fn broken(&self, value: Decimal) -> Option<(CmpOp, Decimal)> {
        self.0.iter().copied().find(|(op, limit)| !match op {
            CmpOp::Ge => value >= *limit,
            CmpOp::Gt => value > *limit,
            CmpOp::Le => value <= *limit,
            CmpOp::Lt => value < *limit,
            CmpOp::Eq => value == *limit,
            CmpOp::Ne => value != *limit,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Field {
    pub name: String,
    pub label: String,
    pub ty: ScalarType,
    pub bounds: Bounds,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum FactKind {
    Scalar(ScalarType),
    List(Vec<Field>),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Fact {
    pub path: String,
    pub label: String,
    pub kind: FactKind,
    /// Bounds of a scalar fact (list fields carry their own).
    pub bounds: Bounds,
    /// Files (by load index) that declare this fact.
    pub files: Vec<usize>,
    /// For a list fact: each field's label as reports show it, the list's and the field's
    /// joined by `·` (made again when a snapshot is loaded).
    #[serde(skip)]
    pub field_labels: Vec<String>,
    /// For a list fact: the field that names its elements (a text field called `name`).
    pub name_field: Option<u16>,
    /// Standard versions (by index into `Program::standards`) that may read it.
    pub readers: Vec<u32>,
    /// A scalar fact only vocabularies declare (the inspection's date, the enterprise's
    /// sector): every record carries such facts, so they alone do not make a clause near.
    pub general: bool,
}

/// Every fact of every loaded file, with a trie over path segments for record binding.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct FactTable {
    pub facts: Vec<Fact>,
    pub enums: Vec<EnumDef>,
    #[serde(skip)]
    pub by_path: HashMap<String, FactId>,
    /// Path segments as a trie, for binding records without building path strings.
    /// (`by_path` and `trie` are made again when a snapshot is loaded.)
    #[serde(skip)]
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

    /// Makes again what a snapshot leaves out: the path index, the trie and the field
    /// labels, as inserting the facts in order made them.
    pub(crate) fn reindex(&mut self) {
        self.by_path.clear();
        self.trie.clear();
        for fact in std::mem::take(&mut self.facts) {
            self.insert(fact);
        }
    }

    /// Adds a new fact and threads its path into the trie.
    pub(crate) fn insert(&mut self, mut fact: Fact) -> FactId {
        if let FactKind::List(fields) = &fact.kind {
            fact.field_labels = fields
                .iter()
                .map(|f| format!("{}·{}", fact.label, f.label))
                .collect();
            fact.name_field = fields
                .iter()
                .position(|f| f.name == "name" && f.ty == ScalarType::Text)
                .and_then(|i| u16::try_from(i).ok());
        }
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

    /// The trie node a dotted key reaches under `node` (`"enterprise.sector"` at the root):
    /// records may write a path as one key, as tables and forms do.
    pub(crate) fn descend(&self, node: u32, dotted: &str) -> Option<(u32, &TrieNode)> {
        if !dotted.contains('.') {
            return None;
        }
        let mut at = (node, self.trie.get(node as usize)?);
        for segment in dotted.split('.') {
            at = self.child(at.0, segment)?;
        }
        Some(at)
    }

    pub(crate) fn field(&self, fact: FactId, field: u16) -> Option<&Field> {
        match &self.get(fact)?.kind {
            FactKind::List(fields) => fields.get(usize::from(field)),
            FactKind::Scalar(_) => None,
        }
    }
}
