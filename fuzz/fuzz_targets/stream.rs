//! Any bytes as a JSON Lines stream, read as `hjl eval` and the Python package read one: each
//! line checked as UTF-8, blank lines skipped, every other line judged in its place. No line
//! may stop the ones after it.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn engine() -> &'static hjl_core::Engine {
    static ENGINE: OnceLock<hjl_core::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| hjl_rulesets::builtin_engine().expect("the built-in rules load"))
}

fuzz_target!(|data: &[u8]| {
    let data = data.strip_prefix("\u{feff}".as_bytes()).unwrap_or(data);
    for line in data.split(|b| *b == b'\n') {
        let Ok(line) = std::str::from_utf8(line) else {
            continue; // reported in its place as not UTF-8
        };
        if line.trim().is_empty() {
            continue;
        }
        if let Ok(mut judgement) = engine().evaluate_str(line) {
            judgement.line = Some(1);
            serde_json::to_string(&judgement).expect("a judgement serializes");
        }
    }
});
