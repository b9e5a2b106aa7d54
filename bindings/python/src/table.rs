//! Classifications as the columns of a table: one row per record and standard (one row
//! with verdict `error` for input that is not a record), built as Python lists.

use std::collections::HashMap;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString, PyTuple};

use crate::batch::Item;

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
pub(crate) fn classify(engine: &hjl_core::Engine, item: &Item) -> Classified {
    let fallback = Key::Number(item.line.unwrap_or(item.index));
    let classified = item
        .text
        .as_ref()
        .map_err(String::clone)
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

/// A column of few distinct texts, as pandas keeps a categorical: a code per row and the
/// texts once.
#[derive(Default)]
struct Coded {
    codes: Vec<i32>,
    texts: Vec<String>,
    index: HashMap<String, i32>,
}

impl Coded {
    /// Adds a row; `None` is missing (code -1).
    fn push(&mut self, text: Option<&str>) {
        let code = match text {
            None => -1,
            Some(t) => match self.index.get(t) {
                Some(code) => *code,
                None => {
                    let code = i32::try_from(self.texts.len()).unwrap_or(i32::MAX);
                    self.texts.push(t.to_owned());
                    self.index.insert(t.to_owned(), code);
                    code
                }
            },
        };
        self.codes.push(code);
    }

    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let codes: Vec<u8> = self.codes.iter().flat_map(|c| c.to_le_bytes()).collect();
        (PyBytes::new(py, &codes), self.texts).into_pyobject(py)
    }
}

/// The columns, filled record by record.
#[derive(Default)]
pub(crate) struct Columns {
    record: Vec<Py<PyAny>>,
    position: Vec<usize>,
    standard: Coded,
    version: Coded,
    verdict: Coded,
    major: Vec<Py<PyTuple>>,
    conditional: Vec<usize>,
    near: Vec<usize>,
    not_inspected: Vec<usize>,
    errors: Vec<usize>,
    message: Vec<Option<String>>,
}

/// A column of counts as little-endian 64-bit integers (numpy's `<i8`), so that a table of
/// millions of rows makes no Python object per cell.
fn counts<'py>(py: Python<'py>, values: &[usize]) -> Bound<'py, PyBytes> {
    let bytes: Vec<u8> = values
        .iter()
        .flat_map(|v| i64::try_from(*v).unwrap_or(i64::MAX).to_le_bytes())
        .collect();
    PyBytes::new(py, &bytes)
}

impl Columns {
    /// Adds a record's rows.
    pub(crate) fn add(&mut self, py: Python<'_>, c: Classified) -> PyResult<()> {
        let key: Py<PyAny> = match &c.key {
            Key::Id(id) => PyString::new(py, id).into_any().unbind(),
            Key::Number(n) => n.into_pyobject(py)?.into_any().unbind(),
        };
        let none = PyTuple::empty(py).unbind();
        match c.rows {
            Err(message) => {
                self.record.push(key);
                self.position
                    .push(usize::try_from(c.position).unwrap_or(usize::MAX));
                self.standard.push(None);
                self.version.push(None);
                self.verdict.push(Some("error"));
                self.major.push(none);
                self.conditional.push(0);
                self.near.push(0);
                self.not_inspected.push(0);
                self.errors.push(c.errors);
                self.message.push(Some(message));
            }
            Ok(rows) => {
                for row in rows {
                    self.record.push(key.clone_ref(py));
                    self.position
                        .push(usize::try_from(c.position).unwrap_or(usize::MAX));
                    self.standard.push(Some(&row.standard));
                    self.version.push(Some(&row.version));
                    self.verdict.push(Some(row.verdict));
                    self.major.push(if row.major.is_empty() {
                        none.clone_ref(py)
                    } else {
                        PyTuple::new(py, &row.major)?.unbind()
                    });
                    self.conditional.push(row.conditional);
                    self.near.push(row.near);
                    self.not_inspected.push(row.not_inspected);
                    self.errors.push(c.errors);
                    self.message.push(None);
                }
            }
        }
        Ok(())
    }

    /// The table as `{column: values}`, columns in their documented order; `standard`,
    /// `version` and `verdict` as `(codes, texts)` (codes as little-endian 32-bit integers,
    /// -1 for none); the counts as little-endian 64-bit integers.
    pub(crate) fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("record", self.record)?;
        dict.set_item("position", counts(py, &self.position))?;
        dict.set_item("standard", self.standard.into_py(py)?)?;
        dict.set_item("version", self.version.into_py(py)?)?;
        dict.set_item("verdict", self.verdict.into_py(py)?)?;
        dict.set_item("major", self.major)?;
        dict.set_item("conditional", counts(py, &self.conditional))?;
        dict.set_item("near", counts(py, &self.near))?;
        dict.set_item("not_inspected", counts(py, &self.not_inspected))?;
        dict.set_item("errors", counts(py, &self.errors))?;
        dict.set_item("message", self.message)?;
        Ok(dict)
    }
}
