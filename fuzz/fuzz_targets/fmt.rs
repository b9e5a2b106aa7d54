//! Any text through `hjl fmt`: formatting what reads is a fixed point and changes nothing
//! the checker sees; what does not read is refused, never mangled.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn codes(text: &str) -> Vec<String> {
    hjl_core::check([("fuzz.hjl", text)])
        .iter()
        .map(|d| d.code().to_owned())
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(once) = hjl_core::format("fuzz.hjl", text) {
        let twice = hjl_core::format("fuzz.hjl", &once).expect("formatted text reads");
        assert_eq!(once, twice, "formatting is a fixed point");
        assert_eq!(
            codes(text),
            codes(&once),
            "formatting changes nothing the checker sees"
        );
    }
});
