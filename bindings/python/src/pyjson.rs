//! Python values as JSON text, for records given as dicts or DataFrame rows: what `json`
//! writes, plus dates (`YYYY-MM-DD`, or ISO with a time when there is one), numpy scalars
//! (their value), decimals (their exact digits), and pandas' missing markers (null).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write as _;
use std::ops::Range;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

/// Whether a value is missing: None, NaN, or pandas' NaT and NA. A DataFrame cell that is
/// missing is left out of its record.
pub(crate) fn is_missing(v: &Bound<'_, PyAny>) -> bool {
    if v.is_none() {
        return true;
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    // The common types first: naming a value's type costs more than all of these.
    if v.is_instance_of::<PyString>()
        || v.is_instance_of::<PyInt>()
        || v.is_instance_of::<PyList>()
        || v.is_instance_of::<PyDict>()
    {
        return false;
    }
    matches!(type_name(v).as_deref(), Some("NaTType" | "NAType"))
}

fn type_name(v: &Bound<'_, PyAny>) -> Option<String> {
    v.get_type().name().ok().map(|n| n.to_string())
}

/// Writes Python values as JSON, remembering short strings it has written (dict keys
/// and the words of enums repeat from record to record): a string seen before is found by
/// its hash, which Python keeps in the string, and copied already escaped.
#[derive(Default)]
pub(crate) struct Writer<'py> {
    seen: HashMap<isize, (Bound<'py, PyString>, Range<usize>), BuildHasherDefault<PyHashed>>,
    /// The escaped strings one after another; `seen` holds where each is.
    escaped: Vec<u8>,
}

/// Strings remembered at most, and the longest remembered (in characters).
const SEEN: usize = 4096;
const SHORT: usize = 32;

/// A hasher for Python's own hashes, which are already spread.
#[derive(Default)]
pub(crate) struct PyHashed(u64);

impl Hasher for PyHashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_isize(&mut self, n: isize) {
        self.0 = n as u64;
    }
}

impl<'py> Writer<'py> {
    /// Appends `v` as JSON to `out`, or says why it cannot be.
    pub(crate) fn write(
        &mut self,
        out: &mut Vec<u8>,
        v: &Bound<'py, PyAny>,
        depth: usize,
    ) -> Result<(), String> {
        if depth > 200 {
            return Err("记录嵌套过深（超过 200 层）".to_owned());
        }
        if let Ok(s) = v.cast::<PyString>() {
            self.string(out, s)?;
        } else if is_missing(v) {
            out.extend_from_slice(b"null");
        } else if let Ok(b) = v.cast::<PyBool>() {
            out.extend_from_slice(if b.is_true() { b"true" } else { b"false" });
        } else if let Ok(i) = v.cast::<PyInt>() {
            match i.extract::<i64>() {
                Ok(n) => {
                    let _ = write!(out, "{n}");
                }
                Err(_) => out.extend_from_slice(
                    i.str()
                        .map_err(|e| e.to_string())?
                        .to_cow()
                        .map_err(|e| e.to_string())?
                        .as_bytes(),
                ),
            }
        } else if let Ok(f) = v.cast::<PyFloat>() {
            let f = f.value();
            match serde_json::Number::from_f64(f) {
                Some(n) => {
                    let _ = write!(out, "{n}");
                }
                None => out.extend_from_slice(b"null"),
            }
        } else if let Ok(d) = v.cast::<PyDict>() {
            out.push(b'{');
            let mut first = true;
            for (k, value) in d.iter() {
                if !std::mem::take(&mut first) {
                    out.push(b',');
                }
                match k.cast::<PyString>() {
                    Ok(k) => self.string(out, k)?,
                    Err(_) => {
                        let key = k.str().map_err(|e| e.to_string())?;
                        string(out, &key.to_cow().map_err(|e| e.to_string())?)?;
                    }
                }
                out.push(b':');
                self.write(out, &value, depth + 1)?;
            }
            out.push(b'}');
        } else if let Ok(l) = v.cast::<PyList>() {
            self.sequence(out, l.iter(), depth)?;
        } else if let Ok(t) = v.cast::<PyTuple>() {
            self.sequence(out, t.iter(), depth)?;
        } else {
            self.other(out, v, depth)?;
        }
        Ok(())
    }

    /// A Python string, escaped as JSON: copied from what was remembered, or encoded (and
    /// remembered when short and there is room).
    fn string(&mut self, out: &mut Vec<u8>, s: &Bound<'py, PyString>) -> Result<(), String> {
        let hash = s.hash().ok();
        if let Some((seen, range)) = hash.and_then(|h| self.seen.get(&h)) {
            if seen.is(s) || seen.as_any().eq(s).unwrap_or(false) {
                out.extend_from_slice(self.escaped.get(range.clone()).unwrap_or_default());
                return Ok(());
            }
        }
        let start = out.len();
        let utf8 = s.encode_utf8().map_err(|e| e.to_string())?;
        let text = std::str::from_utf8(utf8.as_bytes()).map_err(|e| e.to_string())?;
        string(out, text)?;
        if let Some(hash) = hash {
            if self.seen.len() < SEEN
                && !self.seen.contains_key(&hash)
                && s.len().is_ok_and(|n| n <= SHORT)
            {
                let at = self.escaped.len();
                self.escaped
                    .extend_from_slice(out.get(start..).unwrap_or_default());
                self.seen.insert(hash, (s.clone(), at..self.escaped.len()));
            }
        }
        Ok(())
    }

    fn sequence(
        &mut self,
        out: &mut Vec<u8>,
        items: impl Iterator<Item = Bound<'py, PyAny>>,
        depth: usize,
    ) -> Result<(), String> {
        out.push(b'[');
        for (i, item) in items.enumerate() {
            if i > 0 {
                out.push(b',');
            }
            self.write(out, &item, depth + 1)?;
        }
        out.push(b']');
        Ok(())
    }
}

/// A string, escaped as JSON.
pub(crate) fn string(out: &mut Vec<u8>, s: &str) -> Result<(), String> {
    serde_json::to_writer(&mut *out, s).map_err(|e| e.to_string())
}

impl<'py> Writer<'py> {
    /// Dates, decimals, numpy values and other mappings or sequences.
    fn other(
        &mut self,
        out: &mut Vec<u8>,
        v: &Bound<'py, PyAny>,
        depth: usize,
    ) -> Result<(), String> {
        let name = type_name(v).unwrap_or_default();
        if name == "Decimal" {
            let text = v.str().map_err(|e| e.to_string())?.to_string();
            if serde_json::from_str::<serde_json::Number>(&text).is_ok() {
                out.extend_from_slice(text.as_bytes());
            } else {
                out.extend_from_slice(b"null");
            }
            return Ok(());
        }
        if v.hasattr("isoformat").unwrap_or(false) {
            let iso = v
                .call_method0("isoformat")
                .and_then(|s| s.extract::<String>())
                .map_err(|e| e.to_string())?;
            return string(out, iso.strip_suffix("T00:00:00").unwrap_or(&iso));
        }
        if v.hasattr("item").unwrap_or(false) && v.hasattr("dtype").unwrap_or(false) {
            // A numpy scalar: its Python value.
            let item = v.call_method0("item").map_err(|e| e.to_string())?;
            return self.write(out, &item, depth + 1);
        }
        if v.hasattr("tolist").unwrap_or(false) {
            // A numpy array.
            let list = v.call_method0("tolist").map_err(|e| e.to_string())?;
            return self.write(out, &list, depth + 1);
        }
        if let Ok(mapping) = v.cast::<pyo3::types::PyMapping>() {
            // Another mapping: as a dict.
            let dict = PyDict::new(v.py());
            dict.update(mapping).map_err(|e| e.to_string())?;
            return self.write(out, dict.as_any(), depth);
        }
        Err(format!("无法把 {name} 类型的值写成 JSON"))
    }
}
