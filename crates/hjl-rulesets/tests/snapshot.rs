//! The built-in snapshot judges exactly as the shipped rule files compiled at run time.

use std::path::Path;

use hjl_core::{Engine, SnapshotError};

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut records: Vec<(String, String)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p.to_string_lossy().ends_with(".expected.json")
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            (p.display().to_string(), text)
        })
        .collect();
    records.sort();
    records
}

fn judged(engine: &Engine, text: &str) -> String {
    match engine.evaluate_str(text) {
        Ok(j) => serde_json::to_string(&j).unwrap_or_default(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_snapshot_judges_every_corpus_record_as_the_compiled_files_do() {
    let compiled = hjl_rulesets::Sources::builtin().compile_rules();
    let loaded = hjl_rulesets::builtin_engine();
    let (Ok(compiled), Ok(loaded)) = (compiled, loaded) else {
        panic!("the shipped rules compile and their snapshot loads");
    };
    let records = corpus();
    assert!(records.len() > 50, "the corpus is there: {}", records.len());
    for (name, text) in &records {
        assert_eq!(judged(&loaded, text), judged(&compiled, text), "{name}");
    }
    assert_eq!(
        serde_json::to_string(&loaded.standards()).ok(),
        serde_json::to_string(&compiled.standards()).ok()
    );
    assert_eq!(
        serde_json::to_string(&loaded.facts()).ok(),
        serde_json::to_string(&compiled.facts()).ok()
    );
}

#[test]
fn bytes_that_are_not_a_snapshot_of_this_engine_are_refused() {
    let Ok(engine) = hjl_rulesets::builtin_engine() else {
        panic!("the snapshot loads");
    };
    let bytes = engine.snapshot();
    // Cut short anywhere, or with bytes left over: refused, never a panic.
    for cut in [
        0,
        1,
        4,
        9,
        bytes.len() / 3,
        bytes.len() / 2,
        bytes.len() - 1,
    ] {
        let cut_short = bytes.get(..cut).unwrap_or_default();
        assert!(
            matches!(
                Engine::from_snapshot(cut_short),
                Err(SnapshotError::Damaged(_))
            ),
            "cut at {cut}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(matches!(
        Engine::from_snapshot(&longer),
        Err(SnapshotError::Damaged(_))
    ));
    let mut not_ours = bytes.clone();
    not_ours[0] = b'X';
    assert!(matches!(
        Engine::from_snapshot(&not_ours),
        Err(SnapshotError::Damaged(_))
    ));
    // Another engine version (the version text follows the 4-byte mark and the format).
    let at = 6;
    let mut other = bytes;
    other[at] = other[at].wrapping_add(1);
    match Engine::from_snapshot(&other) {
        Err(e @ SnapshotError::Version { .. }) => {
            assert!(e.to_string().contains("重新生成"), "{e}");
        }
        other => panic!("a snapshot of another version is refused: {other:?}"),
    }
}
