//! Re-inspection pairs in `tests/reinspection/`: each folder holds the first inspection's
//! record (`before.json`), the re-inspection's (`after.json`) and what `Engine::diff_records`
//! must say of them (`expected.json`). Rewrite expectations after reviewing a change with
//! `HJL_BLESS=1 cargo test -p hjl-core --test reinspection`.

#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly on the first broken assumption"
)]

use std::fs;
use std::path::{Path, PathBuf};

use hjl_core::{Change, Diff, Engine, Judgement};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn shipped_engine() -> Engine {
    let mut sources = Vec::new();
    for entry in fs::read_dir(Path::new(ROOT).join("rulesets")).expect("rulesets/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "hjl") {
            let name = path
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            sources.push((
                format!("rulesets/{name}"),
                fs::read_to_string(&path).expect("readable"),
            ));
        }
    }
    sources.sort();
    Engine::compile_rules(sources)
        .unwrap_or_else(|e| panic!("{}", hjl_core::render(&e.diagnostics, false)))
}

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(Path::new(ROOT).join("tests/reinspection"))
        .expect("tests/reinspection/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{}/{name}: {e}", dir.display()))
}

fn diff_of(engine: &Engine, dir: &Path) -> Diff {
    let before = engine
        .bind_str(&read(dir, "before.json"))
        .expect("a record");
    let after = engine.bind_str(&read(dir, "after.json")).expect("a record");
    engine.diff_records(&before, &after)
}

/// Each hazard as (standard, clause, change).
fn changes(diff: &Diff) -> Vec<(String, String, Change)> {
    diff.hazards
        .iter()
        .map(|h| (h.standard.clone(), h.clause.clone(), h.change))
        .collect()
}

#[test]
fn every_pair_gets_its_expected_comparison() {
    let engine = shipped_engine();
    let cases = cases();
    assert!(cases.len() >= 9, "{} pairs", cases.len());
    let mut failures = Vec::new();
    for dir in &cases {
        let diff = diff_of(&engine, dir);
        let text = serde_json::to_string_pretty(&diff).expect("JSON") + "\n";
        let expected = dir.join("expected.json");
        if std::env::var_os("HJL_BLESS").is_some() {
            fs::write(&expected, &text).expect("writable");
        } else if fs::read_to_string(&expected).ok().as_deref() != Some(text.as_str()) {
            failures.push(dir.display().to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "differ from expected.json: {failures:#?}"
    );
}

#[test]
fn a_hazard_is_closed_only_on_evidence() {
    let engine = shipped_engine();
    let dir = Path::new(ROOT).join("tests/reinspection");
    let it = |clause: &str, change| ("industry_trade".to_owned(), clause.to_owned(), change);

    let closed = diff_of(&engine, &dir.join("01-closed-on-evidence"));
    assert_eq!(
        changes(&closed),
        [
            it("第四条（一）", Change::Closed),
            it("第四条（八）", Change::Open)
        ]
    );
    // Nobody named as verifier: closed, but not signed off.
    assert_eq!(closed.counts.unverified, 1);
    assert!(closed.hazards[0].reason.contains("未写明复核人"));
    let signed = diff_of(&engine, &dir.join("07-closed-and-signed-off"));
    assert_eq!(changes(&signed), changes(&closed));
    assert_eq!(signed.counts.unverified, 0);
    assert_eq!(signed.after.verified_by.as_deref(), Some("陈志强"));
    assert_eq!(signed.before.inspectors.as_deref(), Some("王建军、李明"));
    let facts = &closed.hazards[0].after_evidence;
    assert_eq!(
        facts.len(),
        1,
        "the fact that changed, as the re-inspection gave it"
    );
    assert_eq!(
        facts[0].path.to_string(),
        "metallurgy.gathering_rooms[0].in_lifting_bay"
    );
    assert_eq!(facts[0].value.to_string(), "false");

    let open = diff_of(&engine, &dir.join("02-still-open"));
    assert_eq!(open.counts.open, 2);
    assert_eq!(open.counts.closed, 0);

    let new = diff_of(&engine, &dir.join("03-newly-found"));
    assert_eq!(changes(&new), [it("第四条（八）", Change::New)]);

    // A fact the re-inspection does not record again, or a record that does not speak of
    // the standard, leaves the hazard open: never closed for want of facts.
    let missing = diff_of(&engine, &dir.join("04-fact-not-recorded-again"));
    assert_eq!(missing.counts.undetermined, 1);
    assert_eq!((missing.counts.open, missing.counts.closed), (1, 0));
    let gap = missing
        .hazards
        .iter()
        .find(|h| h.change == Change::Undetermined)
        .expect("one");
    assert_eq!(
        gap.missing[0].path.to_string(),
        "metallurgy.gas_drainers[0].shared_across_isolation"
    );
    let silent = diff_of(&engine, &dir.join("05-record-silent-on-the-standard"));
    assert_eq!(silent.counts.undetermined, 2);
    assert_eq!(silent.counts.closed, 0);

    // Judged by the revised text in force at the re-inspection, which numbers its clauses
    // anew: the old findings are no longer listed, not rectified.
    let revised = diff_of(&engine, &dir.join("06-revised-standard-in-force"));
    assert_eq!(revised.counts.no_longer_listed, 3);
    assert_eq!(revised.counts.closed, 0);
    assert!(
        revised
            .hazards
            .iter()
            .all(|h| h.before_version.as_deref() == Some("2021-01-01")
                && h.after_version.as_deref() == Some("2026-07-01"))
    );

    // The version in force at the re-inspection is declared but not encoded: nothing was
    // judged, so nothing is closed.
    let unencoded = diff_of(&engine, &dir.join("08-version-in-force-not-encoded"));
    assert_eq!(
        changes(&unencoded),
        [(
            "railway".to_owned(),
            "第六条（七）".to_owned(),
            Change::Undetermined
        )]
    );
    assert!(unencoded.hazards[0].reason.contains("尚未编码"));

    // The room in the lifting bay was removed: the list's first element is now another
    // room, which proves nothing about the one removed.
    let removed = diff_of(&engine, &dir.join("09-list-element-removed"));
    assert_eq!(removed.hazards[0].change, Change::Closed);
    assert!(
        removed.hazards[0].after_evidence.is_empty(),
        "{:?}",
        removed.hazards[0].after_evidence
    );
    assert_eq!(removed.counts.unverified, 0);

    // The first inspection as a judgement, the re-inspection as a record: who signed the
    // re-inspection is still read from its record.
    let pair = dir.join("07-closed-and-signed-off");
    let judged = {
        let record = engine
            .bind_str(&read(&pair, "before.json"))
            .expect("a record");
        serde_json::to_string(&engine.judge(&record)).expect("JSON")
    };
    let mixed = engine.diff_inspections(
        &engine.inspection_str(&judged).expect("a judgement"),
        &engine
            .inspection_str(&read(&pair, "after.json"))
            .expect("a record"),
    );
    assert_eq!(mixed.after.verified_by.as_deref(), Some("陈志强"));
    assert_eq!((mixed.counts.closed, mixed.counts.unverified), (1, 0));
    assert_eq!(
        mixed.before.inspectors, None,
        "a judgement does not say who inspected"
    );
}

#[test]
fn judgements_read_back_from_json_compare_as_the_records_do() {
    let engine = shipped_engine();
    for dir in cases() {
        let judged = |name: &str| -> Judgement<'static> {
            let record = engine.bind_str(&read(&dir, name)).expect("a record");
            let json = serde_json::to_string(&engine.judge(&record)).expect("JSON");
            serde_json::from_str::<Judgement<'_>>(&json)
                .expect("a judgement")
                .into_owned()
        };
        let from_reports = engine.diff(&judged("before.json"), &judged("after.json"));
        let from_records = diff_of(&engine, &dir);
        assert_eq!(
            changes(&from_reports),
            changes(&from_records),
            "{}",
            dir.display()
        );
        // Judgements do not carry who signed: a closure read from them is never signed off.
        let unsigned = hjl_core::diff::ChangeCounts {
            unverified: from_records.counts.closed,
            ..from_records.counts
        };
        assert_eq!(from_reports.counts, unsigned, "{}", dir.display());
    }
}

/// `tests/timeline/inspections.jsonl`: two enterprises' inspections, out of order, as
/// timelines measured to `as_of` with 60 days allowed.
fn timelines(engine: &Engine) -> Vec<hjl_core::Timeline> {
    let dir = Path::new(ROOT).join("tests/timeline");
    let records: Vec<hjl_core::diff::Inspected> = read(&dir, "inspections.jsonl")
        .lines()
        .map(|line| engine.inspection_str(line).expect("a record"))
        .collect();
    let as_of =
        hjl_core::report::Date(chrono::NaiveDate::from_ymd_opt(2024, 7, 15).expect("a date"));
    engine.timelines(&records, Some(as_of), Some(60))
}

#[test]
fn a_timeline_follows_each_hazard_to_its_closing() {
    use hjl_core::timeline::Standing;
    let engine = shipped_engine();
    let all = timelines(&engine);
    let text = serde_json::to_string_pretty(&all).expect("JSON") + "\n";
    let expected = Path::new(ROOT).join("tests/timeline/expected.json");
    if std::env::var_os("HJL_BLESS").is_some() {
        fs::write(&expected, &text).expect("writable");
    }
    assert_eq!(
        fs::read_to_string(&expected).ok().as_deref(),
        Some(text.as_str())
    );

    assert_eq!(all.len(), 2, "one timeline per enterprise");
    let steel = &all[0];
    assert_eq!(steel.enterprise.district.as_deref(), Some("唐山市丰润区"));
    let dates: Vec<String> = steel
        .inspections
        .iter()
        .filter_map(|v| v.date)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        dates,
        ["2024-03-01", "2024-04-01", "2024-06-01", "2024-07-01"],
        "in date order"
    );
    let brief: Vec<(&str, usize, Standing, Option<i64>, bool)> = steel
        .hazards
        .iter()
        .map(|h| {
            (
                h.clause.as_str(),
                h.found,
                h.standing,
                h.days_open,
                h.overdue,
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            // Closed at the second inspection, 31 days on, by a named verifier.
            ("第四条（一）", 0, Standing::Closed, Some(31), false),
            // Not decided at the second inspection, major at the third: never closed, and
            // open 136 days by 15 July: overdue.
            ("第四条（八）", 0, Standing::Open, Some(136), true),
            // Found again after it was closed: a new episode.
            ("第四条（一）", 3, Standing::Open, Some(14), false),
        ]
    );
    assert!(!steel.hazards[0].unverified);
    let changes: Vec<Change> = steel.hazards[1]
        .follow_ups
        .iter()
        .map(|f| f.change)
        .collect();
    assert_eq!(changes, [Change::Undetermined, Change::Open, Change::Open]);

    let coal = &all[1];
    assert_eq!(coal.hazards.len(), 3);
    assert!(
        coal.hazards
            .iter()
            .all(|h| h.standing == Standing::NoLongerListed && !h.overdue)
    );
}

#[test]
fn judgements_alone_make_one_timeline_without_names() {
    let engine = shipped_engine();
    let dir = Path::new(ROOT).join("tests/timeline");
    let judged: Vec<hjl_core::diff::Inspected> = read(&dir, "inspections.jsonl")
        .lines()
        .filter(|line| line.contains("恒晟"))
        .map(|line| {
            let record = engine.bind_str(line).expect("a record");
            let json = serde_json::to_string(&engine.judge(&record)).expect("JSON");
            engine.inspection_str(&json).expect("a judgement")
        })
        .collect();
    let as_of =
        hjl_core::report::Date(chrono::NaiveDate::from_ymd_opt(2024, 7, 15).expect("a date"));
    let from_judgements = engine.timelines(&judged, Some(as_of), Some(60));
    let from_records = timelines(&engine);
    assert_eq!(from_judgements.len(), 1);
    assert_eq!(
        from_judgements[0].enterprise.id, None,
        "a judgement names no enterprise"
    );
    let standing = |t: &hjl_core::Timeline| -> Vec<_> {
        t.hazards
            .iter()
            .map(|h| (h.clause.clone(), h.standing, h.days_open, h.overdue))
            .collect()
    };
    assert_eq!(standing(&from_judgements[0]), standing(&from_records[0]));
    assert!(
        from_judgements[0].hazards[0].unverified,
        "nobody is named as verifier"
    );
}

#[test]
fn an_error_line_is_not_an_inspection() {
    let engine = shipped_engine();
    let refused = engine.inspection_str(r#"{"line": 3, "error": "记录不是合法的 JSON"}"#);
    assert!(matches!(
        refused,
        Err(hjl_core::RecordError::NotAnObject(_))
    ));
    let small = engine.clone().with_limits(hjl_core::Limits {
        record_bytes: 10,
        ..engine.limits()
    });
    assert!(matches!(
        small.inspection_str(r#"{"reports": [], "verdict": "clear"}"#),
        Err(hjl_core::RecordError::TooLarge { .. })
    ));
}

#[test]
fn an_inspection_that_names_no_enterprise_stands_alone_beside_named_ones() {
    let engine = shipped_engine();
    let dir = Path::new(ROOT).join("tests/timeline");
    let mut inspections: Vec<hjl_core::diff::Inspected> = read(&dir, "inspections.jsonl")
        .lines()
        .map(|line| engine.inspection_str(line).expect("a record"))
        .collect();
    // A later clear record of nobody in particular: it must not close the steel works' hazards.
    inspections.push(
        engine
            .inspection_str(
                r#"{"inspection": {"date": "2024-06-15"}, "enterprise": {"sector": "metallurgy"}}"#,
            )
            .expect("a record"),
    );
    let as_of =
        hjl_core::report::Date(chrono::NaiveDate::from_ymd_opt(2024, 7, 15).expect("a date"));
    let all = engine.timelines(&inspections, Some(as_of), Some(60));
    assert_eq!(all.len(), 3);
    assert_eq!(all[2].enterprise.id, None);
    assert_eq!(all[0].hazards, timelines(&engine)[0].hazards);
}
