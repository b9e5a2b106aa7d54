//! Judging costs in proportion to the record: doubling a record's lists doubles the work,
//! never more. Work is counted, not timed (the machine's load does not move a count): the
//! allocations judging makes, and the bytes they take.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test fails loudly on the first broken assumption"
)]

use hjl_core::Engine;

fn engine() -> Engine {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulesets/");
    let read = |name: &str| {
        (
            format!("rulesets/{name}"),
            std::fs::read_to_string(format!("{dir}{name}")).unwrap(),
        )
    };
    Engine::compile_rules([read("common.hjl"), read("industry-trade.hjl")]).unwrap()
}

/// A 工贸 record with `n` blast furnaces, `n` special-operation workers and `n` contractors,
/// a third of each with something wrong, some facts left out.
fn record(n: usize) -> String {
    let furnaces: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"name":"{i}号高炉","in_production":true,"top_pressure_setpoint":{},"design_max_top_pressure":250}}"#,
                230 + i % 3 * 15
            )
        })
        .collect();
    let workers: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"name":"工人{i}","on_duty":true,"trained":{}}}"#,
                i % 3 != 0
            )
        })
        .collect();
    let contractors: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"name":"单位{i}","unified_management":{}}}"#,
                i % 3 != 1
            )
        })
        .collect();
    format!(
        r#"{{"inspection":{{"date":"2024-06-01"}},"enterprise":{{"sector":"metallurgy"}},
        "metallurgy":{{"blast_furnaces":[{}]}},"special_operation_workers":[{}],"contractors":[{}]}}"#,
        furnaces.join(","),
        workers.join(","),
        contractors.join(",")
    )
}

#[test]
fn doubling_a_record_at_most_doubles_the_work_of_judging_it() {
    let engine = engine();
    let mut previous: Option<(u64, u64)> = None;
    for n in [500, 1000, 2000, 4000] {
        let text = record(n);
        let mut report = String::new();
        let counted = allocation_counter::measure(|| {
            let judgement = engine.evaluate_str(&text).unwrap();
            report = serde_json::to_string(&judgement).unwrap();
        });
        let work = (counted.count_total, counted.bytes_total);
        if let Some((count, bytes)) = previous {
            let (c, b) = (work.0 as f64 / count as f64, work.1 as f64 / bytes as f64);
            assert!(
                c <= 2.2 && b <= 2.2,
                "{n} elements: ×{c:.2} allocations, ×{b:.2} bytes"
            );
            assert!(
                c >= 1.5,
                "{n} elements: the work grows with the record (×{c:.2})"
            );
        }
        previous = Some(work);
    }
}
