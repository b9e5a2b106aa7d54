//! The record schema (`Engine::record_schema`) against the binder: a record is valid by the
//! schema exactly when the engine reads it without a record error. Checked on every record
//! of `tests/corpus/`, on the near misses an inspector makes, and on generated records of a
//! small rule file with a fact of every kind, written in every form the engine reads.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails loudly on the first broken assumption"
)]

use std::fs;
use std::path::Path;

use hjl_core::Engine;
use proptest::prelude::*;
use serde_json::{Value, json};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const FIXTURE: [(&str, &str); 3] = [
    (
        "common.hjl",
        include_str!("../../hjl-cli/tests/fixtures/schema/common.hjl"),
    ),
    (
        "dust.hjl",
        include_str!("../../hjl-cli/tests/fixtures/schema/dust.hjl"),
    ),
    (
        "furnace.hjl",
        include_str!("../../hjl-cli/tests/fixtures/schema/furnace.hjl"),
    ),
];

fn shipped() -> Engine {
    let mut sources = Vec::new();
    for entry in fs::read_dir(Path::new(ROOT).join("rulesets")).expect("rulesets/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "hjl") {
            sources.push((
                path.display().to_string(),
                fs::read_to_string(&path).expect("readable"),
            ));
        }
    }
    sources.sort();
    Engine::compile_rules(sources).expect("the shipped rule files compile")
}

fn fixture() -> Engine {
    Engine::compile_rules(FIXTURE).expect("the fixture compiles")
}

fn validator(schema: &hjl_core::RecordSchema) -> jsonschema::Validator {
    let schema = serde_json::to_value(schema).expect("a schema is JSON");
    jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema")
}

/// What the schema says is wrong with a record.
fn schema_errors(validator: &jsonschema::Validator, record: &Value) -> Vec<String> {
    validator
        .iter_errors(record)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The record errors the engine reports.
fn record_errors(engine: &Engine, record: &Value) -> Vec<String> {
    engine
        .evaluate(record)
        .expect("an object")
        .errors
        .iter()
        .map(|e| format!("{}: {}", e.path, e.message))
        .collect()
}

#[test]
fn every_corpus_record_is_valid_exactly_when_the_engine_reads_it_without_error() {
    let engine = shipped();
    let validator = validator(&engine.record_schema());
    let mut records = 0;
    let mut refused = 0;
    let mut disagreements = Vec::new();
    for entry in fs::read_dir(Path::new(ROOT).join("tests/corpus")).expect("tests/corpus/") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("a name").to_string_lossy();
        if !name.ends_with(".json") || name.ends_with(".expected.json") {
            continue;
        }
        let record: Value =
            serde_json::from_str(&fs::read_to_string(&path).expect("readable")).expect("JSON");
        let by_schema = schema_errors(&validator, &record);
        let by_engine = record_errors(&engine, &record);
        records += 1;
        refused += usize::from(!by_engine.is_empty());
        if by_schema.is_empty() != by_engine.is_empty() {
            disagreements.push(format!(
                "{name}\n  schema: {by_schema:?}\n  engine: {by_engine:?}"
            ));
        }
    }
    assert!(
        records > 80 && refused > 0,
        "{records} records, {refused} refused"
    );
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// A record of the shipped rule files written as inspection systems write them, with a
/// value at `path` (a dotted key) replaced.
fn steel_plant(path: &str, value: Value) -> Value {
    let mut record = json!({
        "inspection": { "date": "2024-06-01", "id": "JC-2024-0007" },
        "enterprise": { "name": "某钢铁有限公司", "sector": "metallurgy" },
        "special_operation_workers": [
            { "name": "张三", "certificate_valid_until": "2025-03-10", "certified": true }
        ],
        "nonferrous": {
            "gas_drainers": [ { "max_seal_pressure": { "value": 30, "unit": "kPa" } } ]
        }
    });
    let mut at = &mut record;
    let mut segments = path.split('.').peekable();
    while let Some(segment) = segments.next() {
        if segments.peek().is_none() {
            at[segment] = value;
            break;
        }
        at = &mut at[segment];
    }
    record
}

#[test]
fn near_misses_are_refused_by_the_schema_and_by_the_engine() {
    let engine = shipped();
    let validator = validator(&engine.record_schema());
    let fine = steel_plant("enterprise.sector", json!("冶金"));
    assert_eq!(schema_errors(&validator, &fine), Vec::<String>::new());
    assert_eq!(record_errors(&engine, &fine), Vec::<String>::new());
    let near_misses = [
        ("enterprise.sector", json!("steel"), "/enterprise/sector"),
        (
            "enterprise.sector",
            json!("Metallurgy"),
            "/enterprise/sector",
        ),
        (
            "enterprise.in_production",
            json!("是"),
            "/enterprise/in_production",
        ),
        ("inspection.date", json!("2024/06/01"), "/inspection/date"),
        ("inspection.date", json!("2023-02-29"), "/inspection/date"),
        (
            "inspection.date",
            json!("2024-06-01T09:30"),
            "/inspection/date",
        ),
        ("inspection.id", json!(7), "/inspection/id"),
    ];
    for (path, value, pointer) in near_misses {
        let record = steel_plant(path, value.clone());
        let by_schema = schema_errors(&validator, &record);
        let by_engine = record_errors(&engine, &record);
        assert!(
            by_schema.iter().any(|e| e.starts_with(pointer)),
            "{path} = {value}: schema says {by_schema:?}"
        );
        assert!(
            by_engine.iter().any(|e| e.starts_with(path)),
            "{path} = {value}: engine says {by_engine:?}"
        );
    }
}

#[test]
fn numbers_out_of_bounds_or_of_the_wrong_kind_are_refused_by_both() {
    let engine = shipped();
    let validator = validator(&engine.record_schema());
    let drainer = |pressure: Value| {
        let mut record = steel_plant("enterprise.sector", json!("nonferrous"));
        record["nonferrous"]["gas_drainers"][0]["max_seal_pressure"] = pressure;
        record
    };
    for pressure in [
        json!(-3),
        json!({ "value": -0.1, "unit": "MPa" }),
        json!({ "value": "30", "unit": "kPa" }),
        json!({ "value": 30, "unit": "m" }),
        json!({ "unit": "kPa" }),
        json!("30 米"),
    ] {
        let record = drainer(pressure.clone());
        assert!(
            !schema_errors(&validator, &record).is_empty(),
            "the schema takes {pressure}"
        );
        assert!(
            !record_errors(&engine, &record).is_empty(),
            "the engine takes {pressure}"
        );
    }
    for pressure in [
        json!(30),
        json!({ "value": 0.03, "unit": "MPa" }),
        json!({ "value": 30 }),
        json!("30"),
        json!("0.03 MPa"),
        json!(" 30kPa "),
        json!(null),
    ] {
        let record = drainer(pressure.clone());
        assert_eq!(schema_errors(&validator, &record), Vec::<String>::new());
        assert_eq!(record_errors(&engine, &record), Vec::<String>::new());
    }
}

#[test]
fn a_dotted_key_is_checked_as_the_nested_fact_it_names() {
    let engine = shipped();
    let validator = validator(&engine.record_schema());
    let flat = json!({ "inspection.date": "2024-06-01", "enterprise.sector": "冶金" });
    assert_eq!(schema_errors(&validator, &flat), Vec::<String>::new());
    let wrong = json!({ "inspection.date": "2024-06-01", "enterprise.sector": "钢铁" });
    assert_eq!(schema_errors(&validator, &wrong).len(), 1);
    assert_eq!(record_errors(&engine, &wrong).len(), 1);
}

#[test]
fn a_key_no_rule_file_declares_is_allowed_as_the_engine_only_warns() {
    let engine = shipped();
    let validator = validator(&engine.record_schema());
    let record =
        json!({ "inspection": { "date": "2024-06-01", "inspector": "李四" }, "remark": 1 });
    assert_eq!(schema_errors(&validator, &record), Vec::<String>::new());
    let judgement = engine.evaluate(&record).expect("an object");
    assert!(judgement.errors.is_empty() && judgement.warnings.len() == 2);
}

#[test]
fn a_standard_s_schema_has_the_facts_it_reads_and_its_vocabularies() {
    let engine = fixture();
    let schema =
        serde_json::to_value(engine.record_schema_of(&["dust"]).expect("loaded")).expect("JSON");
    let top: Vec<&str> = schema["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(top, ["dust", "enterprise", "inspection"]);
    assert_eq!(schema["title"], "检查记录：粉尘示例标准");
    assert_eq!(schema["$id"], "urn:hjl:record:dust");
    let all = serde_json::to_value(engine.record_schema()).expect("JSON");
    assert_eq!(all["title"], "检查记录：粉尘示例标准等 2 项标准");
    assert!(all["properties"]["furnaces"].is_object());
}

#[test]
fn an_unknown_standard_is_refused_with_the_nearest_name() {
    let engine = fixture();
    let error = engine
        .record_schema_of(&["dusty"])
        .expect_err("no such standard");
    assert_eq!(
        error.to_string(),
        "没有加载名为 `dusty` 的标准；是不是 `dust`？"
    );
}

/// Values to write a fact of each kind with: right ones, and the near misses of each.
fn values(kind: &str) -> Vec<Value> {
    let parse = |text: &str| serde_json::from_str::<Value>(text).expect("JSON");
    let mut out = match kind {
        "bool" => vec![json!(true), json!(false), json!("true"), json!(1)],
        "integer" => vec![
            json!(0),
            json!(12),
            json!(-1),
            json!(2.5),
            parse("3.0"),
            parse("1e2"),
            json!("12"),
        ],
        "ratio" => vec![
            json!(0),
            json!(0.35),
            json!(1),
            parse("1.0000000000000000001"),
            json!(-0.1),
            json!("0.3"),
        ],
        "pressure" => vec![
            json!(250),
            json!(-1),
            json!({ "value": 0.26, "unit": "MPa" }),
            json!({ "value": 260, "unit": null }),
            json!({ "value": -1, "unit": "Pa" }),
            json!({ "value": 3 }),
            json!({ "unit": "kPa" }),
            json!({ "value": null, "unit": "kPa" }),
            json!({ "value": "3", "unit": "kPa" }),
            json!({ "value": 3, "unit": "mpa" }),
            json!({ "value": 3, "unit": "m" }),
            json!({}),
            json!("0.26 MPa"),
            json!("260"),
            json!("-.5kPa"),
            json!("2 6 kPa"),
            json!("3 m"),
            json!("kPa"),
            json!("1e3 Pa"),
            json!([250]),
        ],
        "concentration" => vec![
            json!(30),
            json!(100),
            json!(100.5),
            json!({ "value": 1000, "unit": "‰" }),
            json!({ "value": 1001, "unit": "‰" }),
            json!({ "value": 500, "unit": "ppm" }),
            json!({ "value": 2_000_000, "unit": "μL/L" }),
            json!({ "value": 20, "unit": "%LEL" }),
            json!("30 %"),
            json!("30%LEL"),
        ],
        "temperature" => vec![
            json!(-50),
            json!(-50.01),
            json!({ "value": 223.15, "unit": "K" }),
            json!({ "value": 223.14, "unit": "K" }),
            json!({ "value": -51, "unit": "℃" }),
            json!("300 K"),
            json!("25℃"),
        ],
        "mass" => vec![
            json!(8),
            json!(0),
            json!({ "value": 500, "unit": "kg" }),
            json!({ "value": 0, "unit": "kg" }),
            json!("8 t"),
        ],
        "date" => vec![
            json!("2024-06-01"),
            json!("2024-6-1"),
            json!("2024-02-29"),
            json!("2023-02-29"),
            json!("2024-04-31"),
            json!("2024-13-01"),
            json!("2024/06/01"),
            json!("2024-06-01T08:00"),
            json!("20240601"),
            json!("2024年6月1日"),
            json!(20_240_601),
        ],
        "text" => vec![
            json!("1号炉"),
            json!(""),
            json!(3),
            json!(true),
            json!(["a"]),
        ],
        "sector" => vec![
            json!("metallurgy"),
            json!("有色"),
            json!("steel"),
            json!("Metallurgy"),
            json!(1),
        ],
        "furnace kind" => vec![
            json!("blast_furnace"),
            json!("转炉"),
            json!("高炉炉"),
            json!(false),
        ],
        other => panic!("no values for {other}"),
    };
    out.push(Value::Null);
    out
}

/// The fixture's scalar facts and the kind of value each takes.
const FACTS: [(&str, &str); 12] = [
    ("inspection.date", "date"),
    ("inspection.id", "text"),
    ("enterprise.sector", "sector"),
    ("dust.ratio", "ratio"),
    ("dust.removal_working", "bool"),
    ("workshop.workers", "integer"),
    ("workshop.gas.co", "concentration"),
    ("workshop.gas.alarm", "bool"),
    ("blast.top_pressure", "pressure"),
    ("blast.shell_temperature", "temperature"),
    ("permit.valid_until", "date"),
    ("permit.expired", "bool"),
];

/// The fields of the fixture's list fact `furnaces`.
const FIELDS: [(&str, &str); 5] = [
    ("name", "text"),
    ("kind", "furnace kind"),
    ("capacity", "mass"),
    ("inspected_on", "date"),
    ("overdue", "bool"),
];

/// Puts `value` at `path` in `record`, as nested objects or, when `dotted`, as one key.
fn put(record: &mut serde_json::Map<String, Value>, path: &str, value: Value, dotted: bool) {
    if dotted {
        record.insert(path.to_owned(), value);
        return;
    }
    match path.split_once('.') {
        None => {
            record.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let inner = record
                .entry(head)
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .expect("an object");
            put(inner, rest, value, false);
        }
    }
}

/// A record of the fixture: each fact absent or given one of its values, nested or as a
/// dotted key, and a list of furnaces whose fields are absent or given.
fn record() -> impl Strategy<Value = Value> {
    // A few facts each: a record with one wrong value is what tells schema and engine apart.
    let given = || prop::bool::weighted(0.25);
    let facts = prop::collection::vec(
        (given(), any::<prop::sample::Index>(), any::<bool>()),
        FACTS.len(),
    );
    let row = prop::collection::vec((given(), any::<prop::sample::Index>()), FIELDS.len());
    let furnaces = prop::option::of(prop::collection::vec(row, 0..3));
    (facts, furnaces).prop_map(|(facts, furnaces)| {
        let mut record = serde_json::Map::new();
        for ((path, kind), (given, pick, dotted)) in FACTS.iter().zip(facts) {
            if given {
                put(&mut record, path, pick.get(&values(kind)).clone(), dotted);
            }
        }
        if let Some(rows) = furnaces {
            let rows = rows
                .into_iter()
                .map(|fields| {
                    let mut row = serde_json::Map::new();
                    for ((name, kind), (given, pick)) in FIELDS.iter().zip(fields) {
                        if given {
                            row.insert((*name).to_owned(), pick.get(&values(kind)).clone());
                        }
                    }
                    Value::Object(row)
                })
                .collect();
            record.insert("furnaces".to_owned(), Value::Array(rows));
        }
        Value::Object(record)
    })
}

/// Whether the value at `path` (as the engine names it: a dotted path, list indexes as
/// `[n]`) was written as text, under one dotted key or nested.
fn written_as_text(record: &Value, path: &str) -> bool {
    if let Some(value) = record.get(path) {
        return value.is_string();
    }
    let mut at = record;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        at = &at[key];
        if let Some(i) = index {
            at = &at[i];
        }
    }
    at.is_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn a_generated_record_is_valid_exactly_when_the_engine_reads_it_without_error(record in record()) {
        thread_local! {
            static SETUP: (Engine, jsonschema::Validator) = {
                let engine = fixture();
                let validator = validator(&engine.record_schema());
                (engine, validator)
            };
        }
        SETUP.with(|(engine, validator)| {
            let by_schema = schema_errors(validator, &record);
            let judgement = engine.evaluate(&record).expect("an object");
            let by_engine: Vec<String> =
                judgement.errors.iter().map(|e| format!("{}: {}", e.path, e.message)).collect();
            // What a schema cannot see: a quantity written as text, read in its unit, and
            // found outside the fact's bounds.
            let unseen = |e: &&hjl_core::report::RecordIssue<'_>| {
                e.message.contains("超出允许范围") && written_as_text(&record, &e.path)
            };
            let seen = judgement.errors.iter().filter(|e| !unseen(e)).count();
            prop_assert_eq!(
                by_schema.is_empty(),
                seen == 0,
                "record {}\nschema: {:?}\nengine: {:?}",
                record,
                by_schema,
                by_engine
            );
            Ok(())
        })?;
    }
}
