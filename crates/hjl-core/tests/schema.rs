//! The schemas documented in `docs/report.schema.json` (a judgement),
//! `docs/classification.schema.json` (bulk verdicts), `docs/diff.schema.json` (a re-inspection
//! comparison), `docs/timeline.schema.json` (hazards over many inspections) and `docs/checklist.schema.json` (an
//! inspection checklist) are the ones derived from the types:
//! changing the contract without updating the documented schema fails here.
//! Regenerate with `HJL_BLESS=1 cargo test -p hjl-core --test schema`.

#![allow(
    clippy::expect_used,
    reason = "a test fails loudly on the first broken assumption"
)]

const DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/");

fn matches(file: &str, actual: &serde_json::Value) {
    let path = format!("{DOCS}{file}");
    let pretty = serde_json::to_string_pretty(actual).expect("serializable") + "\n";
    if std::env::var_os("HJL_BLESS").is_some() {
        std::fs::write(&path, &pretty).expect("write the schema");
    }
    let documented = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        documented == pretty,
        "docs/{file} is stale; regenerate it with\n  HJL_BLESS=1 cargo test -p hjl-core --test schema"
    );
}

#[test]
fn documented_schema_matches_the_code() {
    matches("report.schema.json", &hjl_core::report::schema());
}

#[test]
fn documented_classification_schema_matches_the_code() {
    matches(
        "classification.schema.json",
        &hjl_core::report::classification_schema(),
    );
}

#[test]
fn documented_checklist_schema_matches_the_code() {
    matches("checklist.schema.json", &hjl_core::checklist::schema());
}

#[test]
fn documented_diff_schema_matches_the_code() {
    matches("diff.schema.json", &hjl_core::diff::schema());
}

#[test]
fn documented_timeline_schema_matches_the_code() {
    matches("timeline.schema.json", &hjl_core::timeline::schema());
}
