//! Benchmark support shared by `benches/ratios.rs` and `tests/baseline.rs`.
//!
//! * [`generate`] writes realistic, varied inspection records for the 工贸 standard
//!   (`rulesets/industry-trade.hjl`), deterministic for a seed.
//! * [`handwritten`] is the baseline a skeptic would write without any engine: typed serde
//!   structs for the record and the 65 clauses as plain Rust, mirroring the rule file.
//!
//! `tests/baseline.rs` checks that the engine and the hand-written baseline agree on every
//! generated record, so the benchmark compares two implementations of the same judgement.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "benchmark support and its test fail loudly"
)]

pub mod generate;
pub mod handwritten;

use hjl_core::Engine;

/// The repository root, where `rulesets/` is.
pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The engine both implementations are compared on: the 工贸 rules with the shared
/// vocabulary they import.
pub fn engine() -> Engine {
    let sources = ["rulesets/common.hjl", "rulesets/industry-trade.hjl"].map(|name| {
        let text = std::fs::read_to_string(format!("{ROOT}/{name}")).expect("readable rule file");
        (name.to_owned(), text)
    });
    Engine::compile(sources)
        .unwrap_or_else(|e| panic!("{}", hjl_core::render(&e.diagnostics, false)))
}
