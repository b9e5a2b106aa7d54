//! Python values as JSON text, for records given as dicts or DataFrame rows: what `json`
//! writes, plus dates (`YYYY-MM-DD`, or ISO with a time when there is one), numpy scalars
//! (their value), decimals (their exact digits), and pandas' missing markers (null).

use std::io::Write as _;

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

/// Appends `v` as JSON to `out`, or says why it cannot be.
pub(crate) fn write(out: &mut Vec<u8>, v: &Bound<'_, PyAny>, depth: usize) -> Result<(), String> {
    if depth > 200 {
        return Err("记录嵌套过深（超过 200 层）".to_owned());
    }
    if is_missing(v) {
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
    } else if let Ok(s) = v.cast::<PyString>() {
        string(out, &s.to_cow().map_err(|e| e.to_string())?)?;
    } else if let Ok(d) = v.cast::<PyDict>() {
        out.push(b'{');
        let mut first = true;
        for (k, value) in d.iter() {
            if !std::mem::take(&mut first) {
                out.push(b',');
            }
            let key = k.str().map_err(|e| e.to_string())?;
            string(out, &key.to_cow().map_err(|e| e.to_string())?)?;
            out.push(b':');
            write(out, &value, depth + 1)?;
        }
        out.push(b'}');
    } else if let Ok(l) = v.cast::<PyList>() {
        sequence(out, l.iter(), depth)?;
    } else if let Ok(t) = v.cast::<PyTuple>() {
        sequence(out, t.iter(), depth)?;
    } else {
        other(out, v, depth)?;
    }
    Ok(())
}

/// A string, escaped as JSON.
pub(crate) fn string(out: &mut Vec<u8>, s: &str) -> Result<(), String> {
    serde_json::to_writer(&mut *out, s).map_err(|e| e.to_string())
}

fn sequence<'py>(
    out: &mut Vec<u8>,
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    depth: usize,
) -> Result<(), String> {
    out.push(b'[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, &item, depth + 1)?;
    }
    out.push(b']');
    Ok(())
}

/// Dates, decimals, numpy values and other mappings or sequences.
fn other(out: &mut Vec<u8>, v: &Bound<'_, PyAny>, depth: usize) -> Result<(), String> {
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
        return write(out, &item, depth + 1);
    }
    if v.hasattr("tolist").unwrap_or(false) {
        // A numpy array.
        let list = v.call_method0("tolist").map_err(|e| e.to_string())?;
        return write(out, &list, depth + 1);
    }
    if let Ok(mapping) = v.cast::<pyo3::types::PyMapping>() {
        // Another mapping: as a dict.
        let dict = PyDict::new(v.py());
        dict.update(mapping).map_err(|e| e.to_string())?;
        return write(out, dict.as_any(), depth);
    }
    Err(format!("无法把 {name} 类型的值写成 JSON"))
}
