//! Hostile sizes: records nested 100,000 deep, a 50 MB text, a list of ten million
//! elements, a record over the size limit. Each gets a clear error in its place and the rest
//! of the record is judged; none may overflow a stack or take memory out of proportion.
//! (Rule files nested 100,000 deep are in the bad-input catalogue: E0004, E0005.)

#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly on the first broken assumption"
)]

use hjl_core::{Engine, Limits, RecordError, Verdict};

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

/// A 工贸 record whose blast furnace's top pressure is set over its design value (第四条
/// fires), with `extra` spliced in as more top-level members.
fn record(extra: &str) -> String {
    format!(
        r#"{{"inspection":{{"date":"2024-06-01"}},"enterprise":{{"sector":"metallurgy"}},
        "metallurgy":{{"blast_furnaces":[{{"in_production":true,"top_pressure_setpoint":260,"design_max_top_pressure":250}}]}}{extra}}}"#
    )
}

/// The judgement's only error.
fn the_one_error<'j>(
    judgement: &'j hjl_core::Judgement<'_>,
) -> &'j hjl_core::report::RecordIssue<'j> {
    let [error] = judgement.errors.as_slice() else {
        let messages: Vec<_> = judgement.errors.iter().map(|e| &e.message).collect();
        panic!("one error: {messages:?}");
    };
    error
}

fn trade_verdict(j: &hjl_core::Judgement<'_>) -> Verdict {
    j.reports
        .iter()
        .find(|r| r.standard == "industry_trade")
        .map(|r| r.verdict)
        .unwrap()
}

#[test]
fn nesting_100000_deep_is_read_over_on_a_small_stack() {
    let engine = engine();
    let deep_arrays = format!(r#","notes":{}{}"#, "[".repeat(100_000), "]".repeat(100_000));
    let deep_objects = format!(
        r#","enterprise_extra":{}1{}"#,
        r#"{"a":"#.repeat(100_000),
        "}".repeat(100_000)
    );
    // Under the declared facts too: a list element's field.
    let deep_in_a_list = format!(
        r#","special_operation_workers":[{{"name":{}{}}}]"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    for extra in [deep_arrays, deep_objects, deep_in_a_list] {
        let text = record(&extra);
        let engine = &engine;
        // A worker thread's stack, a quarter of rayon's default: nothing recurses per level.
        let verdict = std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(512 * 1024)
                .spawn_scoped(s, || trade_verdict(&engine.evaluate_str(&text).unwrap()))
                .unwrap()
                .join()
                .unwrap()
        });
        assert_eq!(verdict, Verdict::Major, "{}", &extra[..40]);
    }
}

#[test]
fn a_text_of_50_mb_counts_as_not_given_and_the_rest_is_judged() {
    let name = "钢".repeat(50 * 1024 * 1024 / 3);
    let text = record(&format!(
        r#","special_operation_workers":[{{"name":"{name}","on_duty":true,"trained":false}}]"#
    ));
    let engine = engine();
    let judgement = engine.evaluate_str(&text).unwrap();
    assert_eq!(trade_verdict(&judgement), Verdict::Major);
    let error = the_one_error(&judgement);
    assert_eq!(error.path, "special_operation_workers[0].name");
    assert!(
        error.message.contains("超过上限 1048576 字节"),
        "{}",
        error.message
    );
    // The untrained worker on duty is still judged (第三条（二）).
    let report = judgement
        .reports
        .iter()
        .find(|r| r.standard == "industry_trade")
        .unwrap();
    assert!(report.findings.iter().any(|f| f.clause == "第三条（二）"));
    // A system that expects long texts raises the limit.
    let roomy = self::engine().with_limits(Limits {
        text_bytes: 64 << 20,
        ..Limits::default()
    });
    assert!(roomy.evaluate_str(&text).unwrap().errors.is_empty());
}

#[test]
fn a_list_of_ten_million_elements_counts_as_not_given_and_the_rest_is_judged() {
    let mut elements = String::with_capacity(30_000_000);
    elements.push_str(r#"{"in_production":true}"#);
    for _ in 1..10_000_000 {
        elements.push_str(",{}");
    }
    let text = record(&format!(
        r#","metallurgy_extra":1,"special_operation_workers":[{elements}]"#
    ));
    let engine = engine();
    let judgement = engine.evaluate_str(&text).unwrap();
    assert_eq!(
        trade_verdict(&judgement),
        Verdict::Major,
        "the furnace still judges"
    );
    let error = the_one_error(&judgement);
    assert_eq!(error.path, "special_operation_workers");
    assert_eq!(
        error.message,
        "列表有 10000000 项，超过上限 100000 项，按未提供处理"
    );
    // At the limit a list is kept.
    let small = self::engine().with_limits(Limits {
        list_rows: 3,
        ..Limits::default()
    });
    let three = record(r#","special_operation_workers":[{"on_duty":true,"trained":false},{},{}]"#);
    let judgement = small.evaluate_str(&three).unwrap();
    assert!(judgement.errors.is_empty());
    let report = judgement
        .reports
        .iter()
        .find(|r| r.standard == "industry_trade")
        .unwrap();
    assert!(report.findings.iter().any(|f| f.clause == "第三条（二）"));
    let four =
        record(r#","special_operation_workers":[{"on_duty":true,"trained":false},{},{},{}]"#);
    let judgement = small.evaluate_str(&four).unwrap();
    assert_eq!(judgement.errors.len(), 1);
    let report = judgement
        .reports
        .iter()
        .find(|r| r.standard == "industry_trade")
        .unwrap();
    assert!(
        !report.findings.iter().any(|f| f.clause == "第三条（二）"),
        "the list is not given"
    );
}

#[test]
fn a_record_over_the_size_limit_is_refused_whole_with_its_size() {
    let text = record("");
    let engine = engine().with_limits(Limits {
        record_bytes: 100,
        ..Limits::default()
    });
    match engine.evaluate_str(&text) {
        Err(e @ RecordError::TooLarge { size, limit: 100 }) => {
            assert_eq!(size, text.len());
            assert_eq!(
                e.to_string(),
                format!("记录有 {size} 字节，超过上限 100 字节，未判定")
            );
        }
        other => panic!("refused as too large: {other:?}"),
    }
    assert!(Engine::limits(&self::engine()).record_bytes >= 64 << 20);
}
