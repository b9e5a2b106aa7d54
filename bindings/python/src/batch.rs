//! Batches: records pulled from their source a chunk at a time and judged on a rayon pool
//! while the next chunk is read, results kept in input order. Only reading Python objects
//! holds the GIL; reading files, judging and waiting do not.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};

use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyList, PyString};
use rayon::prelude::*;

use crate::pyjson;

/// Records per chunk.
const CHUNK: usize = 4096;
/// Chunks being judged at once (one judged while the next is read).
const IN_FLIGHT: usize = 2;

/// One record to judge: its line in a JSON Lines input, and its JSON text or why there is
/// none (a Python value that cannot be written as JSON).
pub(crate) struct Item {
    pub line: Option<u64>,
    pub index: u64,
    pub text: Result<String, String>,
}

/// Where records come from.
pub(crate) enum Source<'py> {
    /// A JSON Lines file, read by line (numbered from 1; blank lines skipped).
    File {
        reader: BufReader<File>,
        path: PathBuf,
        line: u64,
    },
    /// Python values: JSON texts, or dicts and other values written as JSON.
    Iter(Bound<'py, PyIterator>),
    /// DataFrame columns: a record per row, keyed by the column names, missing cells left
    /// out.
    Columns {
        /// Each column's name as a JSON key with its colon, `"enterprise.sector":`.
        keys: Vec<Vec<u8>>,
        columns: Vec<Bound<'py, PyList>>,
        rows: usize,
    },
}

impl<'py> Source<'py> {
    pub(crate) fn file(path: PathBuf) -> PyResult<Self> {
        let file = File::open(&path).map_err(|e| {
            pyo3::exceptions::PyOSError::new_err(format!("cannot read {}: {e}", path.display()))
        })?;
        Ok(Self::File {
            reader: BufReader::with_capacity(1 << 20, file),
            path,
            line: 0,
        })
    }

    /// The next chunk, `None` at the end. `index` counts records already taken.
    fn next_chunk(&mut self, py: Python<'py>, index: u64) -> PyResult<Option<Vec<Item>>> {
        let mut chunk = Vec::with_capacity(CHUNK);
        match self {
            Self::File { reader, path, line } => {
                py.detach(|| -> PyResult<()> {
                    let mut bytes = Vec::new();
                    while chunk.len() < CHUNK {
                        bytes.clear();
                        let read = reader.read_until(b'\n', &mut bytes).map_err(|e| {
                            pyo3::exceptions::PyOSError::new_err(format!(
                                "cannot read {}: {e}",
                                path.display()
                            ))
                        })?;
                        if read == 0 {
                            break;
                        }
                        *line += 1;
                        let text = match std::str::from_utf8(&bytes) {
                            // A blank line is skipped, as `hjl eval` skips it.
                            Ok(t) if t.trim().is_empty() => continue,
                            Ok(t) => Ok(t.to_owned()),
                            Err(e) => Err(format!("此行不是 UTF-8 文本：{e}")),
                        };
                        chunk.push(Item {
                            line: Some(*line),
                            index: index + chunk.len() as u64,
                            text,
                        });
                    }
                    Ok(())
                })?;
            }
            Self::Iter(iter) => {
                for value in iter.by_ref().take(CHUNK) {
                    let value = value?;
                    let text = match value.cast::<PyString>() {
                        Ok(s) => s
                            .to_cow()
                            .map(|t| t.into_owned())
                            .map_err(|e| e.to_string()),
                        Err(_) => {
                            let mut out = Vec::new();
                            pyjson::write(&mut out, &value, 0).and_then(|()| utf8(out))
                        }
                    };
                    chunk.push(Item {
                        line: None,
                        index: index + chunk.len() as u64,
                        text,
                    });
                }
            }
            Self::Columns {
                keys,
                columns,
                rows,
            } => {
                let start = usize::try_from(index).unwrap_or(usize::MAX);
                for row in start..(*rows).min(start.saturating_add(CHUNK)) {
                    chunk.push(Item {
                        line: None,
                        index: row as u64,
                        text: row_json(keys, columns, row),
                    });
                }
            }
        }
        Ok((!chunk.is_empty()).then_some(chunk))
    }
}

/// One DataFrame row as a JSON object of its present cells.
fn row_json(keys: &[Vec<u8>], columns: &[Bound<'_, PyList>], row: usize) -> Result<String, String> {
    let mut out = Vec::with_capacity(4096);
    out.push(b'{');
    for (key, column) in keys.iter().zip(columns) {
        let cell = column.get_item(row).map_err(|e| e.to_string())?;
        if pyjson::is_missing(&cell) {
            continue;
        }
        if out.len() > 1 {
            out.push(b',');
        }
        out.extend_from_slice(key);
        pyjson::write(&mut out, &cell, 1)?;
    }
    out.push(b'}');
    utf8(out)
}

fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The JSON keys of DataFrame columns.
pub(crate) fn keys(names: &[String]) -> Result<Vec<Vec<u8>>, String> {
    names
        .iter()
        .map(|name| {
            let mut key = Vec::with_capacity(name.len() + 3);
            pyjson::string(&mut key, name)?;
            key.push(b':');
            Ok(key)
        })
        .collect()
}

/// Judges every record of `source` with `judge` on `pool`, calling `progress(n)` after each
/// chunk of n records, and hands the outputs to `sink` in input order.
pub(crate) fn run<'py, T: Send + 'static>(
    py: Python<'py>,
    source: &mut Source<'py>,
    pool: &Arc<rayon::ThreadPool>,
    judge: Arc<dyn Fn(&Item) -> T + Send + Sync>,
    progress: Option<&Bound<'py, PyAny>>,
    mut sink: impl FnMut(T),
) -> PyResult<()> {
    let (tx, rx) = mpsc::channel::<(usize, Result<Vec<T>, String>)>();
    // Waited on with the GIL released, from this thread only.
    let rx = Mutex::new(rx);
    let mut waiting: BTreeMap<usize, Vec<T>> = BTreeMap::new();
    let (mut sent, mut next, mut taken) = (0usize, 0usize, 0u64);
    let mut exhausted = false;
    loop {
        while !exhausted && sent - next < IN_FLIGHT {
            match source.next_chunk(py, taken)? {
                Some(chunk) => {
                    taken += chunk.len() as u64;
                    let (tx, judge, seq) = (tx.clone(), Arc::clone(&judge), sent);
                    pool.spawn(move || {
                        // A panic must not abort the interpreter: it becomes an error.
                        let out = catch_unwind(AssertUnwindSafe(|| {
                            chunk.par_iter().map(|item| judge(item)).collect::<Vec<T>>()
                        }))
                        .map_err(|panic| crate::panic_message(panic.as_ref()));
                        let _ = tx.send((seq, out));
                    });
                    sent += 1;
                }
                None => exhausted = true,
            }
        }
        if next == sent {
            return Ok(());
        }
        while !waiting.contains_key(&next) {
            let received = py.detach(|| rx.lock().map_err(|_| mpsc::RecvError)?.recv());
            let (seq, out) = received.map_err(|_| {
                crate::InternalError::new_err("a worker thread stopped before finishing its chunk")
            })?;
            waiting.insert(seq, out.map_err(crate::InternalError::new_err)?);
        }
        let out = waiting.remove(&next).unwrap_or_default();
        let n = out.len();
        out.into_iter().for_each(&mut sink);
        next += 1;
        if let Some(progress) = progress {
            progress.call1((n,))?;
        }
    }
}
