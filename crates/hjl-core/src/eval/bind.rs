//! Record binding: one pass over a JSON record puts every declared fact in its slot, walking
//! the fact-path trie as it reads keys and skipping what no rule reads. The same serde seed
//! reads JSON text (no intermediate tree) and an already parsed `serde_json::Value`.
//! A value of the wrong type or unit becomes an error naming its path; the fact stays unknown.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::ast::CmpOp;
use crate::compile::{Bounds, FactId, FactKind, FactTable, Field, ScalarType};
use crate::units::{Dimension, Unit};
use crate::value::{Value, date};

/// A fact's value in a bound record.
#[derive(Debug, Clone, Default)]
pub(crate) enum Slot {
    #[default]
    Missing,
    Scalar(Value),
    /// Rows of a list fact: `rows × width` cells of `Bound::cells` from `start`, row after row.
    List {
        start: u32,
        rows: u32,
        width: u16,
    },
}

// A slot is no larger than the value it holds: evaluation reads slots scattered over the
// record, and fewer cache lines per record is most of what makes it fast.
const _: () = assert!(std::mem::size_of::<Slot>() <= std::mem::size_of::<Value>());

/// The rows of a list fact, as evaluation reads them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rows<'a> {
    cells: &'a [Option<Value>],
    width: usize,
}

impl<'a> Rows<'a> {
    pub(crate) fn len(&self) -> usize {
        self.cells.len().checked_div(self.width).unwrap_or(0)
    }

    pub(crate) fn get(&self, row: usize, field: usize) -> Option<&'a Value> {
        if field >= self.width {
            return None;
        }
        self.cells
            .get(row * self.width + field)
            .and_then(Option::as_ref)
    }
}

/// A record bound to the fact table. Slots and list cells each live in one vector, so a
/// record is two allocations that evaluation reads close together.
#[derive(Debug, Default)]
pub(crate) struct Bound {
    pub slots: Vec<Slot>,
    /// The cells of every list fact, one list after another.
    cells: Vec<Option<Value>>,
    pub errors: Vec<BindError>,
    /// Paths the record gives that no loaded file declares.
    pub unknown: Vec<String>,
    /// What the record is when it is not a JSON object (then nothing is bound).
    pub not_object: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct BindError {
    pub path: String,
    pub message: String,
    /// The fact the bad value belongs to, when there is one.
    pub fact: Option<FactId>,
    /// The list field, for a value inside a row of a list fact.
    pub field: Option<u16>,
}

impl Bound {
    pub(crate) fn slot(&self, fact: FactId) -> &Slot {
        static MISSING: Slot = Slot::Missing;
        self.slots.get(fact as usize).unwrap_or(&MISSING)
    }

    /// The rows of a list fact, `None` when the record does not give the list.
    pub(crate) fn list(&self, fact: FactId) -> Option<Rows<'_>> {
        let &Slot::List { start, rows, width } = self.slot(fact) else {
            return None;
        };
        let (start, width) = (start as usize, usize::from(width));
        let cells = self.cells.get(start..start + rows as usize * width)?;
        Some(Rows { cells, width })
    }

    /// Whether the record says anything of a fact: a value, or one it could not read.
    pub(crate) fn mentions(&self, fact: FactId) -> bool {
        !matches!(self.slot(fact), Slot::Missing)
            || self.errors.iter().any(|e| e.fact == Some(fact))
    }
}

/// Binds an already parsed record.
pub(crate) fn bind(table: &FactTable, record: &serde_json::Value) -> Bound {
    let mut state = State::new(table);
    // `&Value` deserializes without I/O; the visitors never fail, so neither does this.
    let _ = Root(&mut state).deserialize(record);
    state.bound
}

/// How much one record may hold. Past a limit the engine reports an error rather than
/// spend the memory: a record too large is refused whole, a list too long or a text too
/// long counts as not given (an error in the judgement names it) and the rest is judged.
/// JSON nested deeper than the declared facts is skipped without recursion, so nesting
/// needs no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest record, in bytes of JSON text.
    pub record_bytes: usize,
    /// The most elements one list fact may have.
    pub list_rows: usize,
    /// The longest text one fact may have, in bytes.
    pub text_bytes: usize,
}

impl Default for Limits {
    /// 64 MiB a record, 100,000 elements a list, 1 MiB a text: far beyond any inspection,
    /// and small enough that a hostile record cannot take gigabytes.
    fn default() -> Self {
        Self {
            record_bytes: 64 << 20,
            list_rows: 100_000,
            text_bytes: 1 << 20,
        }
    }
}

/// Binds a record straight from JSON text. Fails only when the text is not JSON.
pub(crate) fn bind_str(
    table: &FactTable,
    text: &str,
    limits: Limits,
) -> Result<Bound, serde_json::Error> {
    // A byte-order mark, as some editors and exports put before a file's first record.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut state = State::new(table);
    state.limits = limits;
    let mut de = serde_json::Deserializer::from_str(text);
    Root(&mut state).deserialize(&mut de)?;
    de.end()?;
    Ok(state.bound)
}

/// The key under which serde_json (with its `arbitrary_precision` feature) hands over a
/// number as the text it was written as: a map of this one key. Reading that text keeps
/// every digit, where an `f64` would round `29.99999999999999999` to `30`.
const NUMBER_KEY: &str = "$serde_json::private::Number";

/// Binding in progress. No path is kept while reading: the few errors and warnings build
/// theirs from the trie node, the fact and the row they are about.
struct State<'t> {
    table: &'t FactTable,
    bound: Bound,
    /// Objects (trie nodes that are not facts) met so far: one met twice is a duplicate key.
    /// A fact met twice is told by its slot, already filled.
    objects: Vec<u32>,
    /// Facts met whose value was null or unreadable, so that their slot stayed empty.
    met_empty: Vec<FactId>,
    limits: Limits,
}

impl<'t> State<'t> {
    fn new(table: &'t FactTable) -> Self {
        // Room for the lists and objects of a usual record, so that binding seldom grows them.
        let bound = Bound {
            slots: vec![Slot::Missing; table.facts.len()],
            cells: Vec::with_capacity(64),
            ..Bound::default()
        };
        Self {
            table,
            bound,
            objects: Vec::with_capacity(16),
            met_empty: Vec::new(),
            limits: Limits::default(),
        }
    }

    fn error(&mut self, path: String, message: String, fact: Option<FactId>) {
        self.bound.errors.push(BindError {
            path,
            message,
            fact,
            field: None,
        });
    }

    /// Whether a fact is met for the first time (its slot still empty, and not met before
    /// with a null or unreadable value).
    #[inline]
    fn first_fact(&self, fact: FactId) -> bool {
        matches!(self.bound.slot(fact), Slot::Missing) && !self.met_empty.contains(&fact)
    }

    /// Marks an object's trie node as met; false when it was met before (a duplicate key).
    /// A record has a few objects, so a short list serves.
    fn first_visit(&mut self, node: u32) -> bool {
        if self.objects.contains(&node) {
            return false;
        }
        self.objects.push(node);
        true
    }

    /// The path of `key` under trie node `node`.
    fn key_path(&self, node: u32, key: &str) -> String {
        match self.table.trie.get(node as usize).map(|n| &*n.path) {
            Some(parent) if !parent.is_empty() => format!("{parent}.{key}"),
            _ => key.to_owned(),
        }
    }

    /// The path of row `row` of a list fact, or of `key` in that row.
    fn row_path(&self, fact: FactId, row: u32, key: Option<&str>) -> String {
        super::element_path(self.table.path(fact), row as usize, key)
    }

    /// A key given twice: the value stays unknown rather than the last one silently winning.
    /// For an object, every fact under it read from its first occurrence is forgotten too.
    fn duplicate(&mut self, path: String, node: u32, fact: Option<FactId>) {
        match fact {
            Some(f) => self.forget(f),
            None => self.forget_under(node),
        }
        self.error(path, DUPLICATE.to_owned(), fact);
    }

    /// Empties a fact's slot and counts it as met, so that no later key fills it again.
    fn forget(&mut self, fact: FactId) {
        if let Some(slot) = self.bound.slots.get_mut(fact as usize) {
            *slot = Slot::Missing;
        }
        if !self.met_empty.contains(&fact) {
            self.met_empty.push(fact);
        }
    }

    /// Forgets every fact in the trie below `node`.
    fn forget_under(&mut self, node: u32) {
        let mut pending = vec![node];
        while let Some(at) = pending.pop() {
            let Some(n) = self.table.trie.get(at as usize) else {
                continue;
            };
            if let Some(f) = n.fact {
                self.forget(f);
            }
            pending.extend(n.children.values().copied());
        }
    }
}

const DUPLICATE: &str = "同一对象中此键出现多次，无法确定取哪一个，按未提供处理";

/// The record itself: an object of facts. Anything else is noted in `not_object`.
struct Root<'s, 't>(&'s mut State<'t>);

impl<'de> DeserializeSeed<'de> for Root<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let kind = deserializer.deserialize_any(Object {
            state: self.0,
            node: 0,
            null_is_object: false,
        })?;
        self.0.bound.not_object = kind;
        Ok(())
    }
}

/// An object at a trie node. Yields `Some(description)` when the value is not an object
/// (null counts as an empty object below the root: the facts under it are unknown).
struct Object<'s, 't> {
    state: &'s mut State<'t>,
    node: u32,
    null_is_object: bool,
}

impl<'de> DeserializeSeed<'de> for Object<'_, '_> {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Object<'_, '_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of facts")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let state = self.state;
        let mut first = true;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            let key = key.0;
            if std::mem::take(&mut first) && key == NUMBER_KEY {
                let number = map.next_value::<String>()?;
                return Ok(Some(number_text(&number)));
            }
            let found = state
                .table
                .child(self.node, &key)
                .or_else(|| state.table.descend(self.node, &key));
            let Some((child, node)) = found else {
                let null = map.next_value::<IsNull>()?.0;
                if !null {
                    let path = state.key_path(self.node, &key);
                    state.bound.unknown.push(path);
                }
                continue;
            };
            let fact = node.fact;
            let first = match fact {
                Some(f) => state.first_fact(f),
                None => state.first_visit(child),
            };
            if !first {
                map.next_value::<IgnoredAny>()?;
                let path = state.key_path(self.node, &key);
                state.duplicate(path, child, fact);
                continue;
            }
            if let Some(fact) = fact {
                map.next_value_seed(FactSeed {
                    state: &mut *state,
                    fact,
                })?;
            } else {
                let bad = map.next_value_seed(Object {
                    state: &mut *state,
                    node: child,
                    null_is_object: true,
                })?;
                if let Some(kind) = bad {
                    let path = state.key_path(self.node, &key);
                    let message = format!("应为对象（其下是各项事实），实为 {kind}");
                    state.error(path, message, None);
                }
            }
        }
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok((!self.null_is_object).then(|| "null".to_owned()))
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok((!self.null_is_object).then(|| "null".to_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Ok(Some(skip_seq(seq)?))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(shortest(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(quoted(v)))
    }
}

/// A key, borrowed from the input when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// Skips any value, saying whether it was null. The value is skipped unread: its text is
/// not copied, and a string in it need only be well formed (a lone surrogate escape in
/// a key no rule reads does not cost the record).
struct IsNull(bool);

impl<'de> serde::Deserialize<'de> for IsNull {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IsNull;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_none<E>(self) -> Result<IsNull, E> {
                Ok(IsNull(true))
            }
            fn visit_unit<E>(self) -> Result<IsNull, E> {
                Ok(IsNull(true))
            }
            fn visit_some<D: Deserializer<'de>>(self, value: D) -> Result<IsNull, D::Error> {
                <IgnoredAny as serde::Deserialize>::deserialize(value)?;
                Ok(IsNull(false))
            }
        }
        deserializer.deserialize_option(V)
    }
}

fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<String, A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok("列表".to_owned())
}

/// Skips the rest of a map whose first key was `key`: a number in disguise (see
/// [`NUMBER_KEY`]) is described by its text, anything else as an object.
fn skip_map<'de, A: MapAccess<'de>>(key: Option<Key<'de>>, mut map: A) -> Result<String, A::Error> {
    if key.as_ref().is_some_and(|k| k.0 == NUMBER_KEY) {
        return Ok(number_text(&map.next_value::<String>()?));
    }
    if key.is_some() {
        map.next_value::<IgnoredAny>()?;
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    }
    Ok("对象".to_owned())
}

/// A float as messages show it (see [`number_text`]).
fn shortest(f: f64) -> String {
    if f.is_finite() {
        number_text(ryu::Buffer::new().format_finite(f))
    } else {
        f.to_string()
    }
}

/// A number as messages show it, alike whether it was read from text or from a parsed
/// `Value`: the decimal it is; beyond a decimal's range, the nearest `f64` in its shortest
/// form; beyond that, as written.
fn number_text(text: &str) -> String {
    if let Ok(d) = decimal(text) {
        return d.to_string();
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() => ryu::Buffer::new().format_finite(f).to_owned(),
        _ => text.to_owned(),
    }
}

fn quoted(s: &str) -> String {
    let mut text: String = s.chars().take(37).collect();
    if s.chars().count() > 37 {
        text.push_str("...");
    }
    format!("\"{text}\"")
}

/// A fact's value: a scalar or the rows of a list.
struct FactSeed<'s, 't> {
    state: &'s mut State<'t>,
    fact: FactId,
}

impl<'de> DeserializeSeed<'de> for FactSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let state = self.state;
        let table = state.table;
        let Some(fact) = table.get(self.fact) else {
            return deserializer.deserialize_any(IgnoredAny).map(|_| ());
        };
        let slot = match &fact.kind {
            FactKind::Scalar(ty) => {
                let token = deserializer.deserialize_any(TokenVisitor)?;
                match scalar(*ty, &fact.bounds, &token, table, state.limits.text_bytes) {
                    Ok(Some(v)) => Slot::Scalar(v),
                    Ok(None) => Slot::Missing,
                    Err(message) => {
                        let path = fact.path.clone();
                        state.error(path, message, Some(self.fact));
                        Slot::Missing
                    }
                }
            }
            FactKind::List(fields) => {
                let rows = deserializer.deserialize_any(ListSeed {
                    state: &mut *state,
                    fact: self.fact,
                    fields,
                })?;
                match rows {
                    Ok(list) => list.unwrap_or(Slot::Missing),
                    Err(problem) => {
                        let path = fact.path.clone();
                        let message = match problem {
                            ListError::Not(kind) => format!("应为列表（JSON 数组），实为 {kind}"),
                            ListError::TooLong(rows, limit) => {
                                format!("列表有 {rows} 项，超过上限 {limit} 项，按未提供处理")
                            }
                        };
                        state.error(path, message, Some(self.fact));
                        Slot::Missing
                    }
                }
            }
        };
        if matches!(slot, Slot::Missing) {
            state.met_empty.push(self.fact);
        }
        if let Some(s) = state.bound.slots.get_mut(self.fact as usize) {
            *s = slot;
        }
        Ok(())
    }
}

/// Why a list fact's value is not kept.
enum ListError {
    /// Not an array: a description of what it is.
    Not(String),
    /// An array of this many elements, over this limit.
    TooLong(usize, usize),
}

/// The array of a list fact, appended to the record's cells: `Ok(None)` for null,
/// `Err` for a non-array or one too long.
struct ListSeed<'s, 't, 'f> {
    state: &'s mut State<'t>,
    fact: FactId,
    fields: &'f [Field],
}

impl<'de> Visitor<'de> for ListSeed<'_, '_, '_> {
    type Value = Result<Option<Slot>, ListError>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let width = self.fields.len();
        let cells = &mut self.state.bound.cells;
        let start = cells.len();
        cells.reserve(width * seq.size_hint().unwrap_or(4));
        let mut rows = 0u32;
        loop {
            if rows as usize >= self.state.limits.list_rows {
                // Past the limit: the rest is read over, not kept, and the list is unknown.
                let mut more = 0usize;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    more += 1;
                }
                if more == 0 {
                    break;
                }
                self.state.bound.cells.truncate(start);
                self.state
                    .bound
                    .errors
                    .retain(|e| e.fact != Some(self.fact));
                let limit = self.state.limits.list_rows;
                return Ok(Err(ListError::TooLong(rows as usize + more, limit)));
            }
            let seed = RowSeed {
                state: &mut *self.state,
                fact: self.fact,
                fields: self.fields,
                row: rows,
            };
            match seq.next_element_seed(seed)? {
                Some(()) => rows += 1,
                None => break,
            }
        }
        // Lists of more than u32::MAX cells or u16::MAX fields are not records anyone writes;
        // should one come, the list stays unknown rather than misread.
        Ok(Ok(match (u32::try_from(start), u16::try_from(width)) {
            (Ok(start), Ok(width)) => Some(Slot::List { start, rows, width }),
            _ => None,
        }))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Ok(None))
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Ok(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let key = map.next_key::<Key<'de>>()?;
        Ok(Err(ListError::Not(skip_map(key, map)?)))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Err(ListError::Not(v.to_string())))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Err(ListError::Not(v.to_string())))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Err(ListError::Not(v.to_string())))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Err(ListError::Not(shortest(v))))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Err(ListError::Not(quoted(v))))
    }
}

/// One element of a list fact: an object of fields.
/// Appends one row's cells (all unknown if the element is not an object).
struct RowSeed<'s, 't, 'f> {
    state: &'s mut State<'t>,
    fact: FactId,
    fields: &'f [Field],
    row: u32,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl RowSeed<'_, '_, '_> {
    fn not_an_object(self, kind: String) {
        let cells = &mut self.state.bound.cells;
        cells.resize(cells.len() + self.fields.len(), None);
        self.number_not_an_object(kind);
    }

    /// The error for an element that is not an object, its cells already in place.
    fn number_not_an_object(self, kind: String) {
        let path = self.state.row_path(self.fact, self.row, None);
        self.state.error(
            path,
            format!("列表的每一项应为对象，实为 {kind}"),
            Some(self.fact),
        );
    }

    fn field_error(&mut self, key: &str, field: usize, message: String) {
        let path = self.state.row_path(self.fact, self.row, Some(key));
        self.state.bound.errors.push(BindError {
            path,
            message,
            fact: Some(self.fact),
            field: u16::try_from(field).ok(),
        });
    }
}

impl<'de> Visitor<'de> for RowSeed<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let start = self.state.bound.cells.len();
        let mut next = 0;
        let width = self.fields.len();
        self.state.bound.cells.resize(start + width, None);
        // Fields met so far, a bit each for the first 64 (all that anyone declares); a later
        // field met again is told by its cell, already filled.
        let mut met = 0u64;
        let mut first = true;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if std::mem::take(&mut first) && key.0.starts_with('$') && key.0 == NUMBER_KEY {
                let kind = skip_map(Some(key), map)?;
                self.number_not_an_object(kind);
                return Ok(());
            }
            let key = key.0;
            // Records usually give fields in declaration order: try the next one first.
            let i = match self.fields.get(next) {
                Some(f) if *f.name == *key => Some(next),
                _ => self.fields.iter().position(|f| *f.name == *key),
            };
            let Some(i) = i else {
                let null = map.next_value::<IsNull>()?.0;
                if !null {
                    let path = self.state.row_path(self.fact, self.row, Some(&key));
                    self.state.bound.unknown.push(path);
                }
                continue;
            };
            next = i + 1;
            let token = map.next_value::<TokenOf<'de>>()?.0;
            let again = match u32::try_from(i).ok().and_then(|i| 1u64.checked_shl(i)) {
                Some(bit) => {
                    let again = met & bit != 0;
                    met |= bit;
                    again
                }
                None => self
                    .state
                    .bound
                    .cells
                    .get(start + i)
                    .is_some_and(Option::is_some),
            };
            if again {
                if let Some(cell) = self.state.bound.cells.get_mut(start + i) {
                    *cell = None;
                }
                self.field_error(&key, i, DUPLICATE.to_owned());
                continue;
            }
            let Some(field) = self.fields.get(i) else {
                continue;
            };
            match scalar(
                field.ty,
                &field.bounds,
                &token,
                self.state.table,
                self.state.limits.text_bytes,
            ) {
                Ok(v) => {
                    if let Some(slot) = self.state.bound.cells.get_mut(start + i) {
                        *slot = v;
                    }
                }
                Err(message) => self.field_error(&key, i, message),
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let kind = skip_seq(seq)?;
        self.not_an_object(kind);
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.not_an_object("null".to_owned());
        Ok(())
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.not_an_object(v.to_string());
        Ok(())
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.not_an_object(v.to_string());
        Ok(())
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.not_an_object(v.to_string());
        Ok(())
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.not_an_object(shortest(v));
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.not_an_object(quoted(v));
        Ok(())
    }
}

/// A scalar as read, before it is checked against the fact's type.
enum Token<'de> {
    Null,
    Bool(bool),
    /// A number, exactly as written; `Err` when no decimal holds it.
    Number(Result<Decimal, String>),
    Str(Cow<'de, str>),
    /// `{"value": ..., "unit": ...}`; `value` is `None` when absent, `Err` when not a number.
    Quantity {
        value: Option<Result<Decimal, String>>,
        unit: Option<Result<String, String>>,
    },
    Object,
    List,
}

impl Token<'_> {
    fn describe(&self) -> String {
        match self {
            Token::Null => "null".to_owned(),
            Token::Bool(b) => b.to_string(),
            Token::Number(Ok(d)) => d.to_string(),
            Token::Number(Err(text)) => number_text(text),
            Token::Str(s) => quoted(s),
            Token::Quantity { .. } | Token::Object => "对象".to_owned(),
            Token::List => "列表".to_owned(),
        }
    }

    fn number(&self) -> Option<Result<Decimal, String>> {
        match self {
            Token::Number(Ok(d)) => Some(Ok(*d)),
            Token::Number(Err(text)) => {
                Some(Err(format!("数值 {} 超出可表示的范围", number_text(text))))
            }
            _ => None,
        }
    }
}

/// The exact decimal a number was written as: its text, or for an `f64` (from a parsed
/// `Value` whose number an `f64` holds exactly) its shortest round-trip form.
fn decimal(text: &str) -> Result<Decimal, String> {
    Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|_| text.to_owned())
}

struct TokenOf<'de>(Token<'de>);

impl<'de> serde::Deserialize<'de> for TokenOf<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TokenVisitor).map(TokenOf)
    }
}

struct TokenVisitor;

impl<'de> Visitor<'de> for TokenVisitor {
    type Value = Token<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_unit<E>(self) -> Result<Token<'de>, E> {
        Ok(Token::Null)
    }

    fn visit_none<E>(self) -> Result<Token<'de>, E> {
        Ok(Token::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Token<'de>, E> {
        Ok(Token::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Token<'de>, E> {
        Ok(Token::Number(Ok(Decimal::from(v))))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Token<'de>, E> {
        Ok(Token::Number(Ok(Decimal::from(v))))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Token<'de>, E> {
        Ok(Token::Number(
            Decimal::try_from_i128_with_scale(v, 0).map_err(|_| v.to_string()),
        ))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Token<'de>, E> {
        let n = i128::try_from(v)
            .ok()
            .and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok());
        Ok(Token::Number(n.ok_or_else(|| v.to_string())))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Token<'de>, E> {
        Ok(Token::Number(if v.is_finite() {
            decimal(ryu::Buffer::new().format_finite(v))
        } else {
            Err(v.to_string())
        }))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Token<'de>, E> {
        Ok(Token::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Token<'de>, E> {
        Ok(Token::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Token<'de>, E> {
        Ok(Token::Str(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Token<'de>, A::Error> {
        skip_seq(seq)?;
        Ok(Token::List)
    }

    /// Objects are quantities (`value`, `unit`), numbers as written (see [`NUMBER_KEY`]) or
    /// errors; other keys are skipped.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Token<'de>, A::Error> {
        let (mut value, mut unit, mut quantity) = (None, None, false);
        let mut first = true;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match &*key.0 {
                NUMBER_KEY if std::mem::take(&mut first) => {
                    let text = map.next_value::<String>()?;
                    return Ok(Token::Number(decimal(&text)));
                }
                "value" => {
                    quantity = true;
                    let t = map.next_value::<TokenOf<'de>>()?.0;
                    value = match t {
                        Token::Null => None,
                        t => Some(t.number().unwrap_or_else(|| {
                            Err(format!("\"value\" 应为数值，实为 {}", t.describe()))
                        })),
                    };
                }
                "unit" => {
                    quantity = true;
                    unit = match map.next_value::<TokenOf<'de>>()?.0 {
                        Token::Null => None,
                        Token::Str(s) => Some(Ok(s.into_owned())),
                        t => Some(Err(format!("\"unit\" 应为单位名称，实为 {}", t.describe()))),
                    };
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            first = false;
        }
        Ok(if quantity {
            Token::Quantity { value, unit }
        } else {
            Token::Object
        })
    }
}

/// Checks one scalar against its declared type and bounds, and a text against
/// `text_bytes`: `Ok(None)` for null.
fn scalar(
    ty: ScalarType,
    bounds: &Bounds,
    token: &Token<'_>,
    table: &FactTable,
    text_bytes: usize,
) -> Result<Option<Value>, String> {
    let v = match (ty, token) {
        (_, Token::Null) => return Ok(None),
        (ScalarType::Bool, Token::Bool(b)) => Value::Bool(*b),
        (ScalarType::Integer, Token::Number(_)) => match token.number() {
            Some(Ok(d)) if d.fract().is_zero() => Value::Num(d),
            Some(Err(e)) => return Err(e),
            _ => return Err(format!("应为整数，实为 {}", token.describe())),
        },
        (ScalarType::Number, Token::Number(_)) => {
            Value::Num(token.number().unwrap_or(Ok(Decimal::ZERO))?)
        }
        (ScalarType::Quantity(unit), _) => Value::Qty(quantity(unit, token)?),
        (ScalarType::Enum(e), Token::Str(s)) => {
            let def = table.enum_def(e).ok_or_else(|| "未知的枚举".to_owned())?;
            match def.lookup(s) {
                Some(i) => Value::Enum(i),
                None => {
                    let choices: Vec<String> = def
                        .variants
                        .iter()
                        .map(|(n, l)| format!("{n}（{l}）"))
                        .collect();
                    return Err(format!(
                        "无法识别的取值 \"{s}\"；可选：{}",
                        choices.join("、")
                    ));
                }
            }
        }
        (ScalarType::Date, Token::Str(s)) => match date(s) {
            Some(d) => Value::Date(d),
            None => return Err(bad_date(s)),
        },
        (ScalarType::Text, Token::Str(s)) if s.len() > text_bytes => {
            return Err(format!(
                "文字长 {} 字节，超过上限 {text_bytes} 字节",
                s.len()
            ));
        }
        (ScalarType::Text, Token::Str(s)) => Value::Text((**s).into()),
        (ty, other) => {
            return Err(format!(
                "应为{}，实为 {}",
                spaced(&expected(ty)),
                other.describe()
            ));
        }
    };
    match &v {
        Value::Num(n) | Value::Qty(n) => match bounds.broken(*n) {
            Some((op, limit)) => Err(out_of_bounds(ty, *n, op, limit)),
            None => Ok(Some(v)),
        },
        _ => Ok(Some(v)),
    }
}

/// The message for a date that cannot be read.
pub(crate) fn bad_date(s: &str) -> String {
    let shown = quoted(s);
    if date(s.get(..10).unwrap_or("")).is_some() && s.len() > 10 {
        format!("日期 {shown} 带有时间或其他内容，应只写日期 YYYY-MM-DD（如 2024-06-01）")
    } else {
        format!("无法识别的日期 {shown}，应写作 YYYY-MM-DD（如 2024-06-01）")
    }
}

/// A value outside a fact's bounds, shown in the fact's own unit.
fn out_of_bounds(ty: ScalarType, value: Decimal, op: CmpOp, limit: Decimal) -> String {
    let show = |n: Decimal| match ty {
        ScalarType::Quantity(unit) => {
            let shown = unit.from_base(n).unwrap_or(n).normalize();
            format!("{shown} {}", unit.symbol)
        }
        _ => n.normalize().to_string(),
    };
    let rule = op.words();
    format!(
        "值 {} 超出允许范围：应{rule} {}，按未提供处理",
        show(value),
        show(limit)
    )
}

/// A space before text that begins with a Latin letter or digit, as Chinese typesetting
/// has it (`应为 true 或 false`, `应为整数`).
fn spaced(text: &str) -> String {
    if text.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        format!(" {text}")
    } else {
        text.to_owned()
    }
}

fn expected(ty: ScalarType) -> String {
    match ty {
        ScalarType::Bool => "true 或 false".to_owned(),
        ScalarType::Integer => "整数".to_owned(),
        ScalarType::Number => "数值".to_owned(),
        ScalarType::Quantity(u) => format!(
            "{}（以 {} 计的数值，或 {{\"value\": 数值, \"unit\": 单位}}）",
            u.dimension.label(),
            u.symbol
        ),
        ScalarType::Enum(_) => "所列取值之一".to_owned(),
        ScalarType::Date => "日期 YYYY-MM-DD".to_owned(),
        ScalarType::Text => "文字".to_owned(),
    }
}

/// A quantity: a plain number in the declared unit, `{"value": 3, "unit": "km"}`, or `"3 km"`.
fn quantity(unit: &'static Unit, token: &Token<'_>) -> Result<Decimal, String> {
    let dim = unit.dimension;
    // The number, and the unit it is written in when the record names one.
    let (number, written): (Decimal, Option<Cow<'_, str>>) = match token {
        Token::Number(_) => (token.number().unwrap_or(Ok(Decimal::ZERO))?, None),
        Token::Quantity { value, unit: given } => {
            let n = match value {
                Some(v) => v.clone()?,
                None => return Err("数量对象缺少 \"value\"".to_owned()),
            };
            let symbol = match given {
                Some(s) => Some(Cow::Owned(s.clone()?)),
                None => None,
            };
            (n, symbol)
        }
        Token::Str(s) => {
            let s = s.trim();
            let split = s
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
                .unwrap_or(s.len());
            let (num, sym) = s.split_at(split);
            let n = Decimal::from_str(num.trim())
                .map_err(|_| format!("应为{}，实为 \"{s}\"", dim.label()))?;
            let sym = sym.trim();
            (n, (!sym.is_empty()).then(|| Cow::Owned(sym.to_owned())))
        }
        other => {
            return Err(format!(
                "应为{}（以 {} 计），实为 {}",
                dim.label(),
                unit.symbol,
                other.describe()
            ));
        }
    };
    let given = match &written {
        None => unit,
        Some(symbol) => written_unit(symbol, dim)?,
    };
    given.to_base(number).ok_or_else(|| {
        let symbol = written.as_deref().unwrap_or(unit.symbol);
        format!("{number} {symbol} 超出可表示的范围")
    })
}

/// The unit a record names for a quantity of dimension `dim`.
fn written_unit(symbol: &str, dim: Dimension) -> Result<&'static Unit, String> {
    let choices = || dim.written_symbols().collect::<Vec<_>>().join("、");
    let Some(given) = Unit::from_symbol(symbol) else {
        return Err(format!(
            "无法识别的单位 \"{symbol}\"；{}可用的单位：{}",
            dim.label(),
            choices()
        ));
    };
    if given.dimension != dim {
        return Err(format!(
            "单位 \"{symbol}\" 计量的是{}，此处应为{}（可用的单位：{}）",
            given.dimension.label(),
            dim.label(),
            choices()
        ));
    }
    Ok(given)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn dates_of_the_schemas_shape_read_as_the_format_string_reads_them() {
        for s in [
            "2024-06-01",
            "2024-6-1",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "2024-04-00",
            "0000-01-01",
            "9999-12-31",
            "2024-1a-01",
            "2024/06/01",
            "２０２４-06-01",
            " 2024-06-01",
            "2024-06-01 ",
            "2024-06-01T00:00",
            "+2024-06-01",
            "-2024-06-01",
            "12024-06-01",
            "20240601",
            "24-06-01",
            "024-06-01",
            "2024--06-01",
            "2024-006-01",
            "",
        ] {
            let chrono = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            let shaped = crate::value::date_shaped(s);
            assert_eq!(date(s), chrono.filter(|_| shaped), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_ten_character_date_reads_as_the_format_string_reads_it(
            s in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9+ -]{4}-[0-9a ]{2}-[0-9]{2}",
        ) {
            let chrono = NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
            proptest::prop_assert_eq!(date(&s), chrono.filter(|_| crate::value::date_shaped(&s)));
        }
    }
}
