//! The `hjl` binary as a user runs it: exit codes, summary lines, text and JSON output.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly on the first broken assumption"
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn hjl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hjl"))
        .args(args)
        .current_dir(FIXTURES)
        .output()
        .expect("hjl runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_passes_a_clean_directory() {
    let o = hjl(&["check", "good"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("checked 2 file(s): 0 error(s), 0 warning(s)"));
}

#[test]
fn check_fails_with_rendered_diagnostics() {
    let o = hjl(&["check", "broken/broken.hjl"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("check_broken", stderr(&o));
}

#[test]
fn check_json_lists_codes_and_positions() {
    let o = hjl(&["check", "--json", "broken"]);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let codes: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["E0503", "E0402"]);
    assert_eq!(json[1]["line"], 3);
}

#[test]
fn test_prints_the_summary_line() {
    let o = hjl(&["test", "good"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).lines().last(), Some("1 passed, 0 failed"));
}

#[test]
fn failing_test_exits_non_zero_and_says_why() {
    let o = hjl(&["test", "failing"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("test_failing", stdout(&o).replace('\\', "/"));
}

#[test]
fn eval_prints_a_readable_report() {
    let o = hjl(&["eval", "good", "good/record.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("eval_text", stdout(&o));
}

#[test]
fn eval_json_is_the_report_contract() {
    let o = hjl(&["eval", "--json", "good", "good/record.json"]);
    let reports: Vec<hjl_core::Report> = serde_json::from_str(&stdout(&o)).expect("reports");
    assert_eq!(reports[0].major_clauses(), ["第一条", "第二条"]);
}

#[test]
fn eval_jsonl_keeps_order_and_reports_bad_lines_in_place() {
    let o = hjl(&["eval", "--json", "good", "good/records.jsonl"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a malformed line makes the run fail"
    );
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0][0]["verdict"], "major");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[2][0]["verdict"], "not_applicable");
}

#[test]
fn a_line_that_is_not_utf8_is_reported_in_place_and_the_stream_goes_on() {
    let dir = std::env::temp_dir().join(format!("hjl-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mixed.jsonl");
    let record = |p: u32| format!(r#"{{"room":{{"people":{p}}}}}"#).into_bytes();
    let mut bytes = record(10);
    bytes.extend_from_slice(b"\n\xff\xfe not text\n   \n\xe3\x80\x80\n");
    bytes.extend(record(3));
    bytes.push(b'\n');
    std::fs::write(&path, bytes).unwrap();
    let o = hjl(&["eval", "--json", "good", &path.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1), "a bad line makes the run fail");
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    // Blank lines (an ideographic space counts as blank) give no output.
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["line"], 2);
    assert!(
        lines[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("UTF-8")),
        "{}",
        lines[1]
    );
    assert_eq!(lines[0][0]["standard"], "demo");
    assert_eq!(lines[2][0]["standard"], "demo");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn eval_reads_stdin() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hjl"))
        .args(["eval", "--json", "good", "-"])
        .current_dir(FIXTURES)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("hjl runs");
    let record = std::fs::read(format!("{FIXTURES}/good/record.json")).unwrap();
    child.stdin.take().unwrap().write_all(&record).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert!(stdout(&o).contains("\"verdict\": \"major\""));
}

#[test]
fn eval_judges_by_the_rules_even_when_a_test_is_malformed() {
    // Judging reads the rules only; `check` (and `test`) still read every test.
    let o = hjl(&["check", "untested"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let mut child = Command::new(env!("CARGO_BIN_EXE_hjl"))
        .args(["eval", "--json", "untested", "-"])
        .current_dir(FIXTURES)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hjl runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"room": {"people": 10}}"#)
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(json[0]["verdict"], "major");
}

#[test]
fn eval_refuses_broken_rules_with_diagnostics() {
    let o = hjl(&["eval", "broken", "good/record.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("E0402"));
}

#[test]
fn parallel_stream_keeps_input_order_across_chunks() {
    let dir = std::env::temp_dir().join(format!("hjl-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("many.jsonl");
    let mut text = String::new();
    for i in 0..5000 {
        if i % 1000 == 999 {
            text.push_str("{ broken\n");
        } else {
            // Pressures alternate around the design value, so verdicts alternate by line.
            let p = 240 + (i % 3) * 10;
            text.push_str(&format!(
                "{{\"inspection\":{{\"date\":\"2024-06-01\"}},\"enterprise\":{{\"sector\":\"metallurgy\"}},\"blast\":{{\"top_pressure\":{p},\"design_max\":250}},\"furnaces\":[]}}\n"
            ));
        }
    }
    std::fs::write(&path, text).unwrap();
    let path = path.to_string_lossy().into_owned();
    let one = hjl(&["eval", "--json", "--threads", "1", "good", &path]);
    let two = hjl(&["eval", "--json", "--threads", "2", "good", &path]);
    assert_eq!(
        one.stdout, two.stdout,
        "output must not depend on the thread count"
    );
    let lines: Vec<serde_json::Value> = stdout(&two)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5000);
    for (i, line) in lines.iter().enumerate() {
        if i % 1000 == 999 {
            assert_eq!(line["line"], i + 1);
        } else {
            let expected = if 240 + (i % 3) * 10 > 250 {
                "major"
            } else {
                "clear"
            };
            assert_eq!(line[0]["verdict"], expected, "line {}", i + 1);
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
