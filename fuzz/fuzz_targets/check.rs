//! Any text as a rule file: reading, checking, lints and the file's tests never panic,
//! overflow or hang; an error is a diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        for d in hjl_core::check([("fuzz.hjl", text)]) {
            let _ = d.to_json();
        }
        let _ = hjl_core::Engine::compile_rules([("fuzz.hjl", text)]);
    }
});
