//! Any bytes as a record judged by every shipped standard: a judgement or a record error,
//! never a panic; the judgement always serializes.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn engine() -> &'static hjl_core::Engine {
    static ENGINE: OnceLock<hjl_core::Engine> = OnceLock::new();
    ENGINE.get_or_init(|| hjl_rulesets::builtin_engine().expect("the built-in rules load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(judgement) = engine().evaluate_str(text) {
        serde_json::to_string(&judgement).expect("a judgement serializes");
    }
    if let Ok(classification) = engine().classify_str(text) {
        serde_json::to_string(&classification).expect("a classification serializes");
    }
});
