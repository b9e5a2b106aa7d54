//! The `hjl._hjl` extension: the HJL engine for Python. It converts and nothing more: rule
//! sources in, records in as JSON text, judgements out as the JSON the Rust engine writes
//! (byte for byte); the Python package (`python/hjl`) builds its objects from that JSON.
//! Batches are judged with the GIL released, on a rayon pool of the requested size. A Rust
//! panic becomes `hjl.InternalError`, never an abort of the interpreter.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use rayon::prelude::*;

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
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(InternalError::new_err(format!(
            "internal error in the HJL engine (please report it with the input): {what}"
        )))
    })
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

/// A record's output: a judgement (or its verdicts) as JSON, or an error object in its
/// place, `{"line": …, "error": "…"}`, as `hjl eval --json` writes it.
fn judge_one(engine: &hjl_core::Engine, text: &str, line: Option<u64>, verdicts: bool) -> String {
    let result = if verdicts {
        engine.classify_str(text).map(|mut c| {
            c.line = line;
            serde_json::to_string(&c)
        })
    } else {
        engine.evaluate_str(text).map(|mut j| {
            j.line = line;
            serde_json::to_string(&j)
        })
    };
    match result {
        Ok(Ok(json)) => json,
        Ok(Err(e)) => error_json(line, &e.to_string()),
        Err(e) => error_json(line, &e.to_string()),
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

    /// The shipped rule files, built into the package.
    #[staticmethod]
    fn builtin() -> PyResult<Self> {
        guarded(|| compile(&hjl_rulesets::Sources::builtin()))
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

    /// One record (JSON text) judged: the judgement (or with `verdicts`, the
    /// classification) as JSON. Raises `RecordError` when the text is not a JSON object.
    #[pyo3(signature = (record, verdicts = false))]
    fn evaluate_json(&self, py: Python<'_>, record: &str, verdicts: bool) -> PyResult<String> {
        let engine = Arc::clone(&self.inner);
        py.detach(|| {
            guarded(|| {
                let out = if verdicts {
                    engine
                        .classify_str(record)
                        .map(|c| serde_json::to_string(&c))
                } else {
                    engine
                        .evaluate_str(record)
                        .map(|j| serde_json::to_string(&j))
                };
                match out {
                    Ok(json) => json.map_err(|e| InternalError::new_err(e.to_string())),
                    Err(e) => Err(RecordError::new_err(e.to_string())),
                }
            })
        })
    }

    /// Many records (JSON texts) judged on `workers` threads with the GIL released; one
    /// JSON text per record, in order, an error object in place of a record that is not
    /// one. `first_line`, when given, numbers the records as lines of a JSON Lines input.
    #[pyo3(signature = (records, workers = 0, verdicts = false, first_line = None))]
    fn evaluate_many_json(
        &self,
        py: Python<'_>,
        records: Vec<String>,
        workers: usize,
        verdicts: bool,
        first_line: Option<u64>,
    ) -> PyResult<Vec<String>> {
        let engine = Arc::clone(&self.inner);
        py.detach(|| {
            guarded(|| {
                let pool = pool(workers)?;
                Ok(pool.install(|| {
                    records
                        .par_iter()
                        .enumerate()
                        .map(|(i, text)| {
                            let line = first_line.map(|f| f + i as u64);
                            if text.trim().is_empty() {
                                // A blank line of a JSON Lines file is skipped (as by
                                // `hjl eval`); a blank record given alone is an error.
                                match line {
                                    Some(_) => String::new(),
                                    None => error_json(None, "空记录：没有 JSON 内容"),
                                }
                            } else {
                                judge_one(&engine, text, line, verdicts)
                            }
                        })
                        .collect()
                }))
            })
        })
    }
}

/// The Chinese labels of verdicts and undetermined statuses, by their JSON words, as JSON.
#[pyfunction]
fn labels() -> String {
    use hjl_core::{Status, Verdict};
    let verdicts = [
        Verdict::Major,
        Verdict::Undetermined,
        Verdict::NotAssessed,
        Verdict::Clear,
        Verdict::NotApplicable,
        Verdict::NotAddressed,
    ];
    let statuses = [Status::Conditional, Status::Near, Status::NotInspected];
    let words = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    let verdicts: serde_json::Map<String, serde_json::Value> = verdicts
        .iter()
        .map(|v| (words(&serde_json::json!(v)), v.label().into()))
        .collect();
    let statuses: serde_json::Map<String, serde_json::Value> = statuses
        .iter()
        .map(|s| (words(&serde_json::json!(s)), s.label().into()))
        .collect();
    serde_json::json!({ "verdicts": verdicts, "statuses": statuses }).to_string()
}

/// The engine's version.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[pymodule]
fn _hjl(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(labels, m)?)?;
    m.add("RulesetError", m.py().get_type::<RulesetError>())?;
    m.add("RecordError", m.py().get_type::<RecordError>())?;
    m.add("InternalError", m.py().get_type::<InternalError>())?;
    Ok(())
}
