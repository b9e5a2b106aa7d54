//! The `hjl._hjl` extension: the HJL engine for Python. It converts and nothing more: rule
//! sources in, records in as JSON text, judgements out as the JSON the Rust engine writes
//! (byte for byte); the Python package (`python/hjl`) builds its objects from that JSON.
//! Batches (`batch.rs`) are read a chunk at a time and judged on a rayon pool with the GIL
//! released; dicts and DataFrame rows become JSON in `pyjson.rs`; bulk verdicts become the
//! columns of a table in `table.rs`. A Rust panic becomes `hjl.InternalError`, never an
//! abort of the interpreter.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};

// Judging allocates many small strings on every worker at once, as in the CLI; mimalloc's
// per-thread heaps serve that faster than the system allocator. Python's own objects are
// still allocated by Python.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod batch;
mod pyjson;
mod table;

create_exception!(
    _hjl,
    RulesetError,
    PyException,
    "Rule files that do not compile."
);
create_exception!(
    _hjl,
    RecordError,
    PyException,
    "Input that is not a record."
);
create_exception!(
    _hjl,
    InternalError,
    PyException,
    "A fault inside the engine."
);

/// Runs `f`, turning a panic into `InternalError`.
fn guarded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|panic| Err(InternalError::new_err(panic_message(panic.as_ref()))))
}

/// What to say of a panic.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!("internal error in the HJL engine (please report it with the input): {what}")
}

/// The error for rules that do not compile: the rendered diagnostics and their JSON.
fn ruleset_error(e: &hjl_core::CompileError) -> PyErr {
    let rendered = hjl_core::render(&e.diagnostics, false);
    let json: Vec<_> = e
        .diagnostics
        .iter()
        .map(hjl_core::Diagnostic::to_json)
        .collect();
    let json = serde_json::to_string(&json).unwrap_or_else(|_| "[]".to_owned());
    RulesetError::new_err((rendered, json))
}

fn compile(sources: &hjl_rulesets::Sources) -> PyResult<Engine> {
    let engine = sources.compile_rules().map_err(|e| ruleset_error(&e))?;
    Ok(Engine {
        inner: Arc::new(engine),
    })
}

thread_local! {
    /// Each worker's buffer for writing judgements.
    static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A record's JSON text: a string as it is, any other value written as JSON.
fn json_text(record: &Bound<'_, PyAny>) -> PyResult<String> {
    match record.cast::<pyo3::types::PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => {
            let mut out = Vec::new();
            pyjson::Writer::default()
                .write(&mut out, record, 0)
                .map_err(RecordError::new_err)?;
            String::from_utf8(out).map_err(|e| RecordError::new_err(e.to_string()))
        }
    }
}

/// A record's judgement as JSON, or an error object in its place,
/// `{"line": …, "error": "…"}`, as `hjl eval --json` writes it.
fn judgement_bytes(engine: &hjl_core::Engine, item: batch::Record<'_>) -> Vec<u8> {
    let judged = match item.text {
        Ok(text) => engine.evaluate_str(text).map_err(|e| e.to_string()),
        Err(message) => Err(message),
    };
    match judged {
        Ok(mut judgement) => {
            judgement.line = item.line;
            // Written into this thread's buffer, then copied once at its final size: a
            // fresh vector grown to a judgement's size copies it several times and keeps
            // up to as much again spare, for as long as the judgement is kept.
            SCRATCH.with_borrow_mut(|scratch| {
                scratch.clear();
                match serde_json::to_writer(&mut *scratch, &judgement) {
                    Ok(()) => scratch.clone(),
                    Err(e) => error_json(item.line, &e.to_string()).into_bytes(),
                }
            })
        }
        Err(message) => error_json(item.line, &message).into_bytes(),
    }
}

fn error_json(line: Option<u64>, message: &str) -> String {
    match line {
        Some(n) => serde_json::json!({ "line": n, "error": message }),
        None => serde_json::json!({ "error": message }),
    }
    .to_string()
}

fn pool(workers: usize) -> PyResult<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .map_err(|e| InternalError::new_err(format!("cannot start worker threads: {e}")))
}

/// One judgement's JSON as the engine wrote it, kept where the engine put it: a batch of
/// judgements is not copied into Python objects until one is read.
#[pyclass(frozen, module = "hjl._hjl")]
struct Json {
    bytes: Vec<u8>,
}

#[pymethods]
impl Json {
    /// The JSON as text.
    fn text<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyString>> {
        let text =
            std::str::from_utf8(&self.bytes).map_err(|e| InternalError::new_err(e.to_string()))?;
        Ok(pyo3::types::PyString::new(py, text))
    }

    /// The JSON as UTF-8 bytes.
    fn bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.bytes)
    }
}

/// Compiled rule files.
#[pyclass(frozen, module = "hjl._hjl")]
struct Engine {
    inner: Arc<hjl_core::Engine>,
}

#[pymethods]
impl Engine {
    /// Rule files and folders (searched for `*.hjl`; imports found beside each file).
    #[staticmethod]
    fn from_paths(paths: Vec<PathBuf>) -> PyResult<Self> {
        guarded(|| {
            let sources = hjl_rulesets::Sources::read(&paths)
                .map_err(|e| RulesetError::new_err((e.to_string(), "[]".to_owned())))?;
            compile(&sources)
        })
    }

    /// Rule sources as (name, text) pairs.
    #[staticmethod]
    fn from_sources(sources: Vec<(String, String)>) -> PyResult<Self> {
        guarded(|| compile(&hjl_rulesets::Sources::from_pairs(sources)))
    }

    /// The shipped rule files, built into the package as compiled when it was built.
    #[staticmethod]
    fn builtin() -> PyResult<Self> {
        guarded(|| {
            let engine = hjl_rulesets::builtin_engine()
                .map_err(|e| InternalError::new_err(e.to_string()))?;
            Ok(Engine {
                inner: Arc::new(engine),
            })
        })
    }

    /// The same rules with other limits on what one record may hold.
    fn with_limits(&self, record_bytes: usize, list_rows: usize, text_bytes: usize) -> Self {
        let limits = hjl_core::Limits {
            record_bytes,
            list_rows,
            text_bytes,
        };
        Engine {
            inner: Arc::new(self.inner.as_ref().clone().with_limits(limits)),
        }
    }

    /// The limits on what one record may hold: (record bytes, list rows, text bytes).
    fn limits(&self) -> (usize, usize, usize) {
        let limits = self.inner.limits();
        (limits.record_bytes, limits.list_rows, limits.text_bytes)
    }

    /// The loaded standard versions, as JSON.
    fn standards_json(&self) -> PyResult<String> {
        guarded(|| {
            serde_json::to_string(&self.inner.standards())
                .map_err(|e| InternalError::new_err(e.to_string()))
        })
    }

    /// The declared facts, as JSON.
    fn facts_json(&self) -> PyResult<String> {
        guarded(|| {
            serde_json::to_string(&self.inner.facts())
                .map_err(|e| InternalError::new_err(e.to_string()))
        })
    }

    /// One record — JSON text, or a dict (or other value) written as JSON — judged: the
    /// judgement (or with `verdicts`, the classification) as JSON bytes. Raises
    /// `RecordError` for input that is not a JSON object.
    #[pyo3(signature = (record, verdicts = false))]
    fn evaluate_one<'py>(
        &self,
        py: Python<'py>,
        record: Bound<'py, PyAny>,
        verdicts: bool,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let text = json_text(&record)?;
        let engine = Arc::clone(&self.inner);
        let json = py.detach(|| {
            guarded(|| {
                let out = if verdicts {
                    engine.classify_str(&text).map(|c| serde_json::to_vec(&c))
                } else {
                    engine.evaluate_str(&text).map(|j| serde_json::to_vec(&j))
                };
                match out {
                    Ok(json) => json.map_err(|e| InternalError::new_err(e.to_string())),
                    Err(e) => Err(RecordError::new_err(e.to_string())),
                }
            })
        })?;
        Ok(PyBytes::new(py, &json))
    }

    /// What became of each major hazard between two inspections, each a record (JSON text
    /// or a Python value) or a judgement's JSON text: the comparison as JSON.
    fn diff_json<'py>(
        &self,
        py: Python<'py>,
        before: Bound<'py, PyAny>,
        after: Bound<'py, PyAny>,
    ) -> PyResult<String> {
        let (before, after) = (json_text(&before)?, json_text(&after)?);
        let engine = Arc::clone(&self.inner);
        py.detach(|| {
            guarded(|| {
                let side = |text: &str, which: &str| {
                    engine
                        .inspection_str(text)
                        .map_err(|e| RecordError::new_err(format!("{which}：{e}")))
                };
                let diff =
                    engine.diff_inspections(&side(&before, "首次检查")?, &side(&after, "复查")?);
                serde_json::to_string(&diff).map_err(|e| InternalError::new_err(e.to_string()))
            })
        })
    }

    /// Each enterprise's hazards over many inspections: `records` is a list of records or
    /// judgements (JSON texts or Python values); the timelines as JSON. `as_of` is
    /// `YYYY-MM-DD`.
    #[pyo3(signature = (records, as_of = None, overdue_days = None))]
    fn timelines_json<'py>(
        &self,
        py: Python<'py>,
        records: Vec<Bound<'py, PyAny>>,
        as_of: Option<String>,
        overdue_days: Option<i64>,
    ) -> PyResult<String> {
        let as_of = as_of
            .map(|d| {
                d.parse::<hjl_core::report::Date>().map_err(|_| {
                    pyo3::exceptions::PyValueError::new_err(format!(
                        "as_of must be a date such as 2024-06-30, not {d:?}"
                    ))
                })
            })
            .transpose()?;
        let texts = records
            .iter()
            .map(json_text)
            .collect::<PyResult<Vec<_>>>()?;
        let engine = Arc::clone(&self.inner);
        py.detach(|| {
            guarded(|| {
                let bound = texts
                    .iter()
                    .enumerate()
                    .map(|(i, text)| {
                        engine
                            .inspection_str(text)
                            .map_err(|e| RecordError::new_err(format!("第 {} 条记录：{e}", i + 1)))
                    })
                    .collect::<PyResult<Vec<_>>>()?;
                let timelines = engine.timelines(&bound, as_of, overdue_days);
                serde_json::to_string(&timelines).map_err(|e| InternalError::new_err(e.to_string()))
            })
        })
    }

    /// Judges a batch: `kind` says what `source` is — `"file"` (a path to JSON Lines),
    /// `"iter"` (an iterable of JSON texts and dicts) or `"columns"` (`(names, lists)`: a
    /// record per row, missing cells left out). Judged on `workers` threads (0: every core)
    /// with the GIL released, `progress(n)` called after each chunk of n records.
    /// Returns the judgements as JSON bytes in input order (an error object in place of
    /// input that is not a record), or with `verdicts` the table's columns as a dict.
    #[pyo3(signature = (kind, source, workers = 0, verdicts = false, progress = None))]
    fn judge_batch<'py>(
        &self,
        py: Python<'py>,
        kind: &str,
        source: Bound<'py, PyAny>,
        workers: usize,
        verdicts: bool,
        progress: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut source = match kind {
            "file" => batch::Source::file(source.extract::<PathBuf>()?)?,
            "iter" => batch::Source::Iter(source.try_iter()?, pyjson::Writer::default()),
            "columns" => {
                let (names, columns): (Vec<String>, Vec<Bound<'py, PyList>>) = source.extract()?;
                let rows = columns.first().map_or(0, |c| c.len());
                if names.len() != columns.len() {
                    return Err(pyo3::exceptions::PyValueError::new_err(
                        "as many column names as columns are needed",
                    ));
                }
                if columns.iter().any(|c| c.len() != rows) {
                    return Err(pyo3::exceptions::PyValueError::new_err(
                        "columns of different lengths",
                    ));
                }
                batch::Source::Columns {
                    keys: batch::keys(&names).map_err(pyo3::exceptions::PyValueError::new_err)?,
                    columns,
                    rows,
                    writer: pyjson::Writer::default(),
                }
            }
            other => {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "unknown kind of batch {other:?}"
                )));
            }
        };
        let pool = Arc::new(pool(workers)?);
        let engine = Arc::clone(&self.inner);
        let progress = progress.as_ref();
        if verdicts {
            let mut columns = table::Columns::default();
            batch::run(
                py,
                &mut source,
                &pool,
                Arc::new(move |item: batch::Record<'_>| table::classify(&engine, item)),
                progress,
                |c| columns.add(c),
            )?;
            Ok(columns.into_dict(py)?.into_any())
        } else {
            let out = PyList::empty(py);
            let mut failed = None;
            batch::run(
                py,
                &mut source,
                &pool,
                Arc::new(move |item: batch::Record<'_>| judgement_bytes(&engine, item)),
                progress,
                |bytes| {
                    if failed.is_none() {
                        failed = Bound::new(py, Json { bytes })
                            .and_then(|json| out.append(json))
                            .err();
                    }
                },
            )?;
            if let Some(e) = failed {
                return Err(e);
            }
            Ok(out.into_any())
        }
    }
}

/// The rule files under `paths` as (name, text) pairs, read as `Engine.from_paths` reads
/// them (folders searched for `*.hjl`, imports found beside each file): rules to ship to
/// where the files are not, such as Spark's executors.
#[pyfunction]
fn read_sources(paths: Vec<PathBuf>) -> PyResult<Vec<(String, String)>> {
    let sources = hjl_rulesets::Sources::read(&paths)
        .map_err(|e| RulesetError::new_err((e.to_string(), "[]".to_owned())))?;
    Ok(sources
        .iter()
        .map(|(name, text)| (name.to_owned(), text.to_owned()))
        .collect())
}

/// The Chinese labels of verdicts and undetermined statuses, by their JSON words, as JSON.
#[pyfunction]
fn labels() -> String {
    hjl_core::report::labels().to_string()
}

/// The engine's version.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[pymodule]
fn _hjl(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_class::<Json>()?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(labels, m)?)?;
    m.add_function(wrap_pyfunction!(read_sources, m)?)?;
    m.add("RulesetError", m.py().get_type::<RulesetError>())?;
    m.add("RecordError", m.py().get_type::<RecordError>())?;
    m.add("InternalError", m.py().get_type::<InternalError>())?;
    Ok(())
}
