//! Batches: records pulled from their source a chunk at a time and judged on a rayon pool
//! while the next chunk is read, results kept in input order. Only reading Python objects
//! holds the GIL; reading files, judging and waiting do not.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::ops::Range;
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

/// One record to judge: its line in a JSON Lines input, its position, and its JSON text
/// or why there is none (a Python value that cannot be written as JSON, bytes that are
/// not UTF-8).
pub(crate) struct Record<'a> {
    pub line: Option<u64>,
    pub index: u64,
    pub text: Result<&'a str, String>,
}

/// Records read together: their texts one after another in one buffer, which is handed
/// back once they are judged and filled again, so that reading allocates nothing per
/// record.
#[derive(Default)]
pub(crate) struct Chunk {
    bytes: Vec<u8>,
    items: Vec<Item>,
}

/// Where one record of a chunk is.
struct Item {
    line: Option<u64>,
    index: u64,
    text: Result<Range<usize>, String>,
}

impl Chunk {
    /// Empties the chunk, keeping its memory.
    fn clear(&mut self) {
        self.bytes.clear();
        self.items.clear();
    }

    fn len(&self) -> usize {
        self.items.len()
    }

    /// Adds a record whose text was just appended to the buffer from `start`.
    fn push(&mut self, line: Option<u64>, index: u64, start: usize) {
        let text = Ok(start..self.bytes.len());
        self.items.push(Item { line, index, text });
    }

    /// Adds a record without text: why there is none.
    fn fail(&mut self, line: Option<u64>, index: u64, why: String) {
        self.items.push(Item {
            line,
            index,
            text: Err(why),
        });
    }

    /// The records, in order.
    fn records(&self) -> impl IndexedParallelIterator<Item = Record<'_>> {
        self.items.par_iter().map(|item| Record {
            line: item.line,
            index: item.index,
            text: match &item.text {
                Ok(range) => std::str::from_utf8(self.bytes.get(range.clone()).unwrap_or_default())
                    .map_err(|e| format!("此行不是 UTF-8 文本：{e}")),
                Err(why) => Err(why.clone()),
            },
        })
    }
}

/// Whether a line holds nothing but white space (Unicode's, as `str::trim` knows it).
fn blank(line: &[u8]) -> bool {
    match line.trim_ascii().first() {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => std::str::from_utf8(line).is_ok_and(|t| t.trim().is_empty()),
    }
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
    Iter(Bound<'py, PyIterator>, pyjson::Writer<'py>),
    /// DataFrame columns: a record per row, keyed by the column names, missing cells left
    /// out.
    Columns {
        /// Each column's name as a JSON key with its colon, `"enterprise.sector":`.
        keys: Vec<Vec<u8>>,
        columns: Vec<Bound<'py, PyList>>,
        rows: usize,
        writer: pyjson::Writer<'py>,
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

    /// Fills `chunk` (emptied first) with the next records; it stays empty at the end.
    /// `index` counts records already taken.
    fn fill(&mut self, py: Python<'py>, chunk: &mut Chunk, index: u64) -> PyResult<()> {
        chunk.clear();
        match self {
            Self::File { reader, path, line } => {
                py.detach(|| -> PyResult<()> {
                    while chunk.len() < CHUNK {
                        let start = chunk.bytes.len();
                        let read = reader.read_until(b'\n', &mut chunk.bytes).map_err(|e| {
                            pyo3::exceptions::PyOSError::new_err(format!(
                                "cannot read {}: {e}",
                                path.display()
                            ))
                        })?;
                        if read == 0 {
                            break;
                        }
                        *line += 1;
                        // The line's end is not the record's, as `hjl eval` reads it.
                        let mut end = chunk.bytes.len();
                        for terminator in [b'\n', b'\r'] {
                            if end > start && chunk.bytes.get(end - 1) == Some(&terminator) {
                                end -= 1;
                            }
                        }
                        chunk.bytes.truncate(end);
                        // A blank line is skipped, as `hjl eval` skips it.
                        if blank(chunk.bytes.get(start..).unwrap_or_default()) {
                            chunk.bytes.truncate(start);
                            continue;
                        }
                        chunk.push(Some(*line), index + chunk.len() as u64, start);
                    }
                    Ok(())
                })?;
            }
            Self::Iter(iter, writer) => {
                for value in iter.by_ref().take(CHUNK) {
                    let value = value?;
                    let at = index + chunk.len() as u64;
                    let start = chunk.bytes.len();
                    let written = match value.cast::<PyString>() {
                        Ok(s) => s
                            .to_cow()
                            .map(|t| chunk.bytes.extend_from_slice(t.as_bytes()))
                            .map_err(|e| e.to_string()),
                        Err(_) => writer.write(&mut chunk.bytes, &value, 0),
                    };
                    match written {
                        Ok(()) => chunk.push(None, at, start),
                        Err(why) => {
                            chunk.bytes.truncate(start);
                            chunk.fail(None, at, why);
                        }
                    }
                }
            }
            Self::Columns {
                keys,
                columns,
                rows,
                writer,
            } => {
                let start = usize::try_from(index).unwrap_or(usize::MAX);
                for row in start..(*rows).min(start.saturating_add(CHUNK)) {
                    let at = chunk.bytes.len();
                    match row_json(writer, &mut chunk.bytes, keys, columns, row) {
                        Ok(()) => chunk.push(None, row as u64, at),
                        Err(why) => {
                            chunk.bytes.truncate(at);
                            chunk.fail(None, row as u64, why);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Appends one DataFrame row as a JSON object of its present cells.
fn row_json<'py>(
    writer: &mut pyjson::Writer<'py>,
    out: &mut Vec<u8>,
    keys: &[Vec<u8>],
    columns: &[Bound<'py, PyList>],
    row: usize,
) -> Result<(), String> {
    let start = out.len();
    out.push(b'{');
    for (key, column) in keys.iter().zip(columns) {
        let cell = column.get_item(row).map_err(|e| e.to_string())?;
        if pyjson::is_missing(&cell) {
            continue;
        }
        if out.len() > start + 1 {
            out.push(b',');
        }
        out.extend_from_slice(key);
        writer.write(out, &cell, 1)?;
    }
    out.push(b'}');
    Ok(())
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
    judge: Arc<dyn Fn(Record<'_>) -> T + Send + Sync>,
    progress: Option<&Bound<'py, PyAny>>,
    mut sink: impl FnMut(T),
) -> PyResult<()> {
    type Done<T> = (usize, Result<Vec<T>, String>, Chunk);
    let (tx, rx) = mpsc::channel::<Done<T>>();
    // Waited on with the GIL released, from this thread only.
    let rx = Mutex::new(rx);
    let mut waiting: BTreeMap<usize, Vec<T>> = BTreeMap::new();
    // Chunks judged, to be filled again.
    let mut spare: Vec<Chunk> = Vec::new();
    let (mut sent, mut next, mut taken) = (0usize, 0usize, 0u64);
    let mut exhausted = false;
    loop {
        while !exhausted && sent - next < IN_FLIGHT {
            let mut chunk = spare.pop().unwrap_or_default();
            source.fill(py, &mut chunk, taken)?;
            if chunk.len() == 0 {
                exhausted = true;
                break;
            }
            taken += chunk.len() as u64;
            let (tx, judge, seq) = (tx.clone(), Arc::clone(&judge), sent);
            pool.spawn(move || {
                // A panic must not abort the interpreter: it becomes an error.
                let out = catch_unwind(AssertUnwindSafe(|| {
                    chunk
                        .records()
                        .map(|record| judge(record))
                        .collect::<Vec<T>>()
                }))
                .map_err(|panic| crate::panic_message(panic.as_ref()));
                let _ = tx.send((seq, out, chunk));
            });
            sent += 1;
        }
        if next == sent {
            return Ok(());
        }
        while !waiting.contains_key(&next) {
            let received = py.detach(|| rx.lock().map_err(|_| mpsc::RecvError)?.recv());
            let (seq, out, chunk) = received.map_err(|_| {
                crate::InternalError::new_err("a worker thread stopped before finishing its chunk")
            })?;
            spare.push(chunk);
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
