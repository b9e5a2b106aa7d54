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
