//! Classifications as the columns of a table: one row per record and standard (one row
//! with verdict `error` for input that is not a record). No Python object is made per row:
//! counts travel as 64-bit buffers and every other column as a 32-bit code per row with
//! each distinct value once, which the package expands with numpy.

use std::collections::HashMap;
use std::hash::Hash;

use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};

use crate::batch::Record;

/// What names a record's rows: its `inspection.id`, else its line in a JSON Lines file
/// (1-based), else its position in the input (0-based).
pub(crate) enum Key {
    Id(String),
    Number(u64),
}

/// One standard's verdict of one record.
pub(crate) struct Row {
    pub standard: String,
    pub version: String,
    pub verdict: &'static str,
    pub major: Vec<String>,
    pub conditional: usize,
    pub near: usize,
    pub not_inspected: usize,
}

/// A record's rows, or why it could not be judged.
pub(crate) struct Classified {
    pub key: Key,
    /// The record's 0-based position in the input.
    pub position: u64,
    pub rows: Result<Vec<Row>, String>,
    pub errors: usize,
}

/// Classifies one record.
pub(crate) fn classify(engine: &hjl_core::Engine, item: Record<'_>) -> Classified {
    let fallback = Key::Number(item.line.unwrap_or(item.index));
    let classified = item
        .text
        .and_then(|text| engine.classify_str(text).map_err(|e| e.to_string()));
    match classified {
        Err(message) => Classified {
            key: fallback,
            position: item.index,
            rows: Err(message),
            errors: 1,
        },
        Ok(c) => Classified {
            key: c.id.clone().map_or(fallback, Key::Id),
            position: item.index,
            errors: c.errors,
            rows: Ok(c
                .standards
                .into_iter()
                .map(|s| Row {
                    standard: s.standard.into_owned(),
                    version: s.version.into_owned(),
                    verdict: s.verdict.word(),
                    major: s.major.into_iter().map(|m| m.into_owned()).collect(),
                    conditional: s.conditional,
                    near: s.near,
                    not_inspected: s.not_inspected,
                })
                .collect()),
        },
    }
}

/// A column of few distinct values, as pandas keeps a categorical: a code per row and
/// each value once. Rows repeat from record to record (the standards come in the same
/// order), so the value at the same place in the previous record is tried before the
/// index.
struct Coded<T> {
    codes: Vec<i32>,
    values: Vec<T>,
    index: HashMap<T, i32>,
    /// The code of each place in the previous record's rows.
    hints: Vec<i32>,
}

impl<T> Default for Coded<T> {
    fn default() -> Self {
        Self {
            codes: Vec::new(),
            values: Vec::new(),
            index: HashMap::new(),
            hints: Vec::new(),
        }
    }
}

impl<T: Eq + Hash + Clone> Coded<T> {
    /// Adds the row at `place` in its record. `None` is missing (code -1).
    fn push<Q>(&mut self, value: Option<&Q>, place: usize)
    where
        T: std::borrow::Borrow<Q>,
        Q: Eq + Hash + ToOwned<Owned = T> + ?Sized,
    {
        let Some(value) = value else {
            self.codes.push(-1);
            return;
        };
        let hint = self.hints.get(place).copied().unwrap_or(-1);
        let code = match usize::try_from(hint).ok().and_then(|h| self.values.get(h)) {
            Some(v) if v.borrow() == value => hint,
            _ => match self.index.get(value) {
                Some(code) => *code,
                None => {
                    let code = i32::try_from(self.values.len()).unwrap_or(i32::MAX);
                    self.values.push(value.to_owned());
                    self.index.insert(value.to_owned(), code);
                    code
                }
            },
        };
        match self.hints.get_mut(place) {
            Some(hint) => *hint = code,
            None => self.hints.push(code),
        }
        self.codes.push(code);
    }

    /// `(codes, values)`: the codes as little-endian 32-bit integers (-1 for missing).
    fn into_py<'py>(
        self,
        py: Python<'py>,
        value: impl Fn(Python<'py>, T) -> PyResult<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let codes = i32s(py, &self.codes)?;
        let values = self
            .values
            .into_iter()
            .map(|v| value(py, v))
            .collect::<PyResult<Vec<_>>>()?;
        (codes, PyList::new(py, values)?).into_pyobject(py)
    }
}

/// A record's key, told apart from text that looks like a number.
#[derive(Clone, PartialEq, Eq, Hash)]
enum KeyValue {
    Id(String),
    Number(u64),
}

/// The columns, filled record by record. What is the same for every row of a record is
/// kept once per record; `rows` says each row's record.
#[derive(Default)]
pub(crate) struct Columns {
    // Per record.
    keys: Vec<KeyValue>,
    position: Vec<u64>,
    errors: Vec<u64>,
    message: Coded<String>,
    // Per row.
    rows: Vec<i32>,
    standard: Coded<String>,
    version: Coded<String>,
    verdict: Coded<&'static str>,
    major: Coded<Vec<String>>,
    conditional: Vec<i32>,
    near: Vec<i32>,
    not_inspected: Vec<i32>,
}

/// Integers as one little-endian buffer of `WIDTH` bytes each (numpy's `<i4` or `<i8`),
/// written straight into the Python object.
fn buffer<'py, const WIDTH: usize>(
    py: Python<'py>,
    values: impl ExactSizeIterator<Item = [u8; WIDTH]>,
) -> PyResult<Bound<'py, PyBytes>> {
    PyBytes::new_with(py, values.len() * WIDTH, |out| {
        for (slot, value) in out.chunks_exact_mut(WIDTH).zip(values) {
            slot.copy_from_slice(&value);
        }
        Ok(())
    })
}

fn i32s<'py>(py: Python<'py>, values: &[i32]) -> PyResult<Bound<'py, PyBytes>> {
    buffer(py, values.iter().map(|v| v.to_le_bytes()))
}

fn i64s<'py>(py: Python<'py>, values: &[u64]) -> PyResult<Bound<'py, PyBytes>> {
    buffer(
        py,
        values
            .iter()
            .map(|v| i64::try_from(*v).unwrap_or(i64::MAX).to_le_bytes()),
    )
}

/// A count as a 32-bit cell (a record has far fewer clauses).
fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl Columns {
    /// Adds a record's rows.
    pub(crate) fn add(&mut self, c: Classified) {
        let ordinal = count(self.keys.len());
        self.keys.push(match c.key {
            Key::Id(id) => KeyValue::Id(id),
            Key::Number(n) => KeyValue::Number(n),
        });
        self.position.push(c.position);
        self.errors.push(c.errors as u64);
        match c.rows {
            Err(message) => {
                self.message.push(Some(message.as_str()), 0);
                self.rows.push(ordinal);
                self.standard.push(None::<&str>, 0);
                self.version.push(None::<&str>, 0);
                self.verdict.push(Some(&"error"), 0);
                self.major.push(Some(&[] as &[String]), 0);
                self.conditional.push(0);
                self.near.push(0);
                self.not_inspected.push(0);
            }
            Ok(rows) => {
                self.message.push(None::<&str>, 0);
                for (place, row) in rows.iter().enumerate() {
                    self.rows.push(ordinal);
                    self.standard.push(Some(row.standard.as_str()), place);
                    self.version.push(Some(row.version.as_str()), place);
                    self.verdict.push(Some(&row.verdict), place);
                    self.major.push(Some(row.major.as_slice()), place);
                    self.conditional.push(count(row.conditional));
                    self.near.push(count(row.near));
                    self.not_inspected.push(count(row.not_inspected));
                }
            }
        }
    }

    /// The table as `{column: values}`, columns in their documented order after `rows`
    /// (each row's record, 0-based). `record`, `position`, `errors` and `message` are
    /// given once per record; the others once per row. Integers are little-endian
    /// buffers: `<i4` per row, `<i8` per record. Coded columns are `(codes, values)`, the
    /// codes `<i4` (-1 for none); `major`'s values are tuples of clause numbers. `record`
    /// is `<i8` when every record is named by a number, else `(None, keys)`.
    pub(crate) fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("rows", i32s(py, &self.rows)?)?;
        let numbers: Option<Vec<u64>> = self
            .keys
            .iter()
            .map(|k| match k {
                KeyValue::Number(n) => Some(*n),
                KeyValue::Id(_) => None,
            })
            .collect();
        match numbers {
            Some(numbers) => dict.set_item("record", i64s(py, &numbers)?)?,
            None => {
                let keys = self
                    .keys
                    .into_iter()
                    .map(|k| match k {
                        KeyValue::Id(id) => id.into_bound_py_any(py),
                        KeyValue::Number(n) => n.into_bound_py_any(py),
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                dict.set_item("record", (py.None(), PyList::new(py, keys)?))?;
            }
        }
        let text = |py, v: String| v.into_bound_py_any(py);
        dict.set_item("position", i64s(py, &self.position)?)?;
        dict.set_item("standard", self.standard.into_py(py, text)?)?;
        dict.set_item("version", self.version.into_py(py, text)?)?;
        dict.set_item(
            "verdict",
            self.verdict.into_py(py, |py, v| v.into_bound_py_any(py))?,
        )?;
        dict.set_item(
            "major",
            self.major
                .into_py(py, |py, v| PyTuple::new(py, v).map(Bound::into_any))?,
        )?;
        dict.set_item("conditional", i32s(py, &self.conditional)?)?;
        dict.set_item("near", i32s(py, &self.near)?)?;
        dict.set_item("not_inspected", i32s(py, &self.not_inspected)?)?;
        dict.set_item("errors", i64s(py, &self.errors)?)?;
        dict.set_item("message", self.message.into_py(py, text)?)?;
        Ok(dict)
    }
}
