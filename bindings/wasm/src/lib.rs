//! The HJL engine for JavaScript (WebAssembly). It converts and nothing more: rule sources
//! in, records in as JSON text, the engine's JSON out (the same bytes as the Rust engine's),
//! which JavaScript parses. Errors are thrown as JavaScript `Error`s with the message.

use wasm_bindgen::prelude::*;

/// Compiled rule files.
#[wasm_bindgen]
pub struct Engine {
    inner: hjl_core::Engine,
}

fn compile(sources: &hjl_rulesets::Sources) -> Result<Engine, JsError> {
    sources
        .compile_rules()
        .map(|inner| Engine { inner })
        .map_err(|e| JsError::new(&hjl_core::render(&e.diagnostics, false)))
}

/// A record's JSON text: a string as it is, anything else through `JSON.stringify`.
fn record_text(record: &JsValue) -> Result<String, JsError> {
    if let Some(text) = record.as_string() {
        return Ok(text);
    }
    js_sys::JSON::stringify(record)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new("记录无法写成 JSON（如含循环引用或 BigInt）"))
}

/// Sources from a JSON object `{name: text}`.
fn sources(json: &str) -> Result<hjl_rulesets::Sources, JsError> {
    let map: std::collections::BTreeMap<String, String> = serde_json::from_str(json)
        .map_err(|e| JsError::new(&format!("rule sources must be an object of texts: {e}")))?;
    Ok(hjl_rulesets::Sources::from_pairs(map))
}

#[wasm_bindgen]
impl Engine {
    /// Compiles rule files given as JSON text of an object `{name: text}`.
    #[wasm_bindgen(js_name = fromSources)]
    pub fn from_sources(sources_json: &str) -> Result<Engine, JsError> {
        compile(&sources(sources_json)?)
    }

    /// The shipped rule files, built in as compiled when the package was built: loading
    /// them costs a fraction of compiling them.
    pub fn builtin() -> Result<Engine, JsError> {
        hjl_rulesets::builtin_engine()
            .map(|inner| Engine { inner })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Judges one record (JSON text, or an object): the judgement as JSON text. `line`,
    /// when the record comes from a JSON Lines input, is carried into the judgement. Throws
    /// for input that is not a JSON object.
    pub fn evaluate(&self, record: JsValue, line: Option<u32>) -> Result<String, JsError> {
        let mut judgement = self
            .inner
            .evaluate_str(&record_text(&record)?)
            .map_err(|e| JsError::new(&e.to_string()))?;
        judgement.line = line.map(u64::from);
        serde_json::to_string(&judgement).map_err(|e| JsError::new(&e.to_string()))
    }

    /// The verdicts of one record (JSON text, or an object) without evidence: the
    /// classification as JSON text.
    pub fn classify(&self, record: JsValue) -> Result<String, JsError> {
        let classification = self
            .inner
            .classify_str(&record_text(&record)?)
            .map_err(|e| JsError::new(&e.to_string()))?;
        serde_json::to_string(&classification).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Re-inspection: what became of each major hazard between two inspections, each a
    /// record or a judgement (JSON text, or an object), as JSON text: `hjl diff --json`'s
    /// comparison (`docs/diff.schema.json`). Throws when a side is neither.
    pub fn diff(&self, before: JsValue, after: JsValue) -> Result<String, JsError> {
        let side = |value: &JsValue, which: &str| {
            self.inner
                .inspection_str(&record_text(value)?)
                .map_err(|e| JsError::new(&format!("{which}：{e}")))
        };
        let diff = self
            .inner
            .diff_inspections(&side(&before, "首次检查")?, &side(&after, "复查")?);
        serde_json::to_string(&diff).map_err(|e| JsError::new(&e.to_string()))
    }

    /// The same rules with other limits on what one record may hold: the largest record
    /// in bytes (a larger one is refused whole), the most elements of a list and the
    /// longest text in bytes (a longer list or text counts as not given, with an error
    /// naming it). Each must be at least 1.
    #[wasm_bindgen(js_name = withLimits)]
    pub fn with_limits(
        &self,
        record_bytes: f64,
        list_rows: f64,
        text_bytes: f64,
    ) -> Result<Engine, JsError> {
        // JavaScript numbers: whole, at least 1, and within what this build can count.
        let whole = |name: &str, n: f64| {
            if n.fract() == 0.0 && n >= 1.0 && n <= usize::MAX as f64 {
                Ok(n as usize)
            } else {
                Err(JsError::new(&format!(
                    "{name} 应为不小于 1 的整数，实为 {n}"
                )))
            }
        };
        let limits = hjl_core::Limits {
            record_bytes: whole("recordBytes", record_bytes)?,
            list_rows: whole("listRows", list_rows)?,
            text_bytes: whole("textBytes", text_bytes)?,
        };
        Ok(Engine {
            inner: self.inner.clone().with_limits(limits),
        })
    }

    /// The limits on what one record may hold, as JSON text:
    /// `{"recordBytes": …, "listRows": …, "textBytes": …}`.
    pub fn limits(&self) -> String {
        let limits = self.inner.limits();
        serde_json::json!({
            "recordBytes": limits.record_bytes,
            "listRows": limits.list_rows,
            "textBytes": limits.text_bytes,
        })
        .to_string()
    }

    /// The loaded standard versions, as JSON text.
    pub fn standards(&self) -> String {
        serde_json::to_string(&self.inner.standards()).unwrap_or_else(|_| "[]".to_owned())
    }

    /// The declared facts (path, type, unit, Chinese label, enum values, list fields), as
    /// JSON text.
    pub fn facts(&self) -> String {
        serde_json::to_string(&self.inner.facts()).unwrap_or_else(|_| "[]".to_owned())
    }
}

/// Every diagnostic of rule files given as JSON text of `{name: text}`, as JSON text: an
/// array of `{code, severity, message, file, line, column, end_line, end_column, label,
/// help}`, for editors.
#[wasm_bindgen]
pub fn check(sources_json: &str) -> Result<String, JsError> {
    let diagnostics: Vec<_> = sources(sources_json)?
        .check()
        .iter()
        .map(hjl_core::Diagnostic::to_json)
        .collect();
    serde_json::to_string(&diagnostics).map_err(|e| JsError::new(&e.to_string()))
}

/// Runs the tests written in rule files given as JSON text of `{name: text}`: the results
/// as JSON text, an array of `{standard, file, line, name, version, failures, expects_major,
/// clear}` (a test passed when `failures` is empty). Throws with the rendered diagnostics
/// when the files do not compile.
#[wasm_bindgen(js_name = runTests)]
pub fn run_tests(sources_json: &str) -> Result<String, JsError> {
    let engine = sources(sources_json)?
        .compile()
        .map_err(|e| JsError::new(&hjl_core::render(&e.diagnostics, false)))?;
    serde_json::to_string(&engine.run_tests()).map_err(|e| JsError::new(&e.to_string()))
}

/// The Chinese labels of verdicts and undetermined statuses, by their JSON words, as JSON
/// text: `{"verdicts": {...}, "statuses": {...}}`.
#[wasm_bindgen]
pub fn labels() -> String {
    hjl_core::report::labels().to_string()
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
