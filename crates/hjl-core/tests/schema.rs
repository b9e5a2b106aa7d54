//! The report schema documented in `docs/report.schema.json` is the one derived from the
//! report types: changing the contract without updating the documented schema fails here.
//! Regenerate with `HJL_BLESS=1 cargo test -p hjl-core --test schema`.

#![allow(
    clippy::expect_used,
    reason = "a test fails loudly on the first broken assumption"
)]

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/report.schema.json");

#[test]
fn documented_schema_matches_the_code() {
    let actual = hjl_core::report::schema();
    let pretty = serde_json::to_string_pretty(&actual).expect("serializable") + "\n";
    if std::env::var_os("HJL_BLESS").is_some() {
        std::fs::write(PATH, &pretty).expect("write docs/report.schema.json");
    }
    let documented = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        documented == pretty,
        "docs/report.schema.json is stale; regenerate it with\n  HJL_BLESS=1 cargo test -p hjl-core --test schema"
    );
}
