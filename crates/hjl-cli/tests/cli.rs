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
    assert!(stderr(&o).contains("已检查 2 个文件：0 个错误，0 个警告"));
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
    assert_eq!(stdout(&o).lines().last(), Some("2 项通过，0 项失败"));
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
    let judgement: hjl_core::Judgement = serde_json::from_str(&stdout(&o)).expect("a judgement");
    assert_eq!(judgement.reports[0].major_clauses(), ["第一条", "第二条"]);
    assert_eq!(judgement.line, None, "a lone record has no line number");
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
    assert_eq!(lines[0]["verdict"], "major");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[2]["verdict"], "not_applicable");
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(
            line["line"],
            i + 1,
            "every output line names its input line"
        );
    }
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
    // The records give no fact of the demo standard and no sector: not addressed.
    assert_eq!(lines[0]["not_addressed"][0]["standard"], "demo");
    assert_eq!(lines[0]["line"], 1);
    // Blank lines give no output, but the line numbers still count them.
    assert_eq!(lines[2]["not_addressed"][0]["standard"], "demo");
    assert_eq!(lines[2]["line"], 5);
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
    assert_eq!(json["verdict"], "major");
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
        assert_eq!(line["line"], i + 1);
        if i % 1000 != 999 {
            let expected = if 240 + (i % 3) * 10 > 250 {
                "major"
            } else {
                "clear"
            };
            assert_eq!(line["verdict"], expected, "line {}", i + 1);
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Writes `text` to a fresh file named `name` and returns its path.
fn scratch(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("hjl-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

const MAJOR: &str = r#"{"inspection":{"date":"2024-06-01","id":"A-1"},"enterprise":{"sector":"metallurgy"},"blast":{"top_pressure":260,"design_max":250}}"#;
const CLEAR: &str = r#"{"inspection":{"date":"2024-06-01"},"enterprise":{"sector":"metallurgy"},"blast":{"top_pressure":240,"design_max":250},"furnaces":[]}"#;
const BAD_VALUE: &str = r#"{"inspection":{"date":"2024-06-01"},"enterprise":{"sector":"metallurgy"},"blast":{"top_pressure":"high","design_max":250},"furnaces":[]}"#;

#[test]
fn a_stream_ends_with_a_summary_on_stderr_and_reports_alone_on_stdout() {
    let records = scratch(
        "summary.jsonl",
        &format!("{CLEAR}\n{MAJOR}\n\n{BAD_VALUE}\nnot a record\n"),
    );
    for verdicts in [false, true] {
        let mut args = vec!["eval", "--json"];
        if verdicts {
            args.push("--verdicts");
        }
        args.extend(["good", records.as_str()]);
        let o = hjl(&args);
        let err = stderr(&o);
        assert!(
            err.contains("判定 4 条记录：重大隐患 1 条，待查 1 条，有错误 2 条；用时"),
            "{err}"
        );
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(out.lines().count(), 4, "one line of JSON per record: {out}");
        assert!(!out.contains("判定 4 条记录"));
    }
}

#[test]
fn exit_status_says_how_the_records_fared() {
    let clean = scratch("clean.jsonl", &format!("{CLEAR}\n{MAJOR}\n"));
    assert_eq!(hjl(&["eval", "good", &clean]).status.code(), Some(0));
    let failing = hjl(&["eval", "--fail-on", "major", "good", &clean]);
    assert_eq!(
        failing.status.code(),
        Some(3),
        "a major finding fails the run"
    );
    let errors = scratch("errors.jsonl", &format!("{CLEAR}\n{BAD_VALUE}\n"));
    assert_eq!(
        hjl(&["eval", "good", &errors]).status.code(),
        Some(1),
        "a record with an unreadable value is judged, and the run says so"
    );
    let both = scratch("both.jsonl", &format!("{BAD_VALUE}\n{MAJOR}\n"));
    assert_eq!(
        hjl(&["eval", "--fail-on", "major", "good", &both])
            .status
            .code(),
        Some(3),
        "a major finding comes before record errors"
    );
    let lone = scratch("lone.json", BAD_VALUE);
    assert_eq!(hjl(&["eval", "good", &lone]).status.code(), Some(1));
    let unusable = scratch("unusable.json", "{ not json");
    assert_eq!(hjl(&["eval", "good", &unusable]).status.code(), Some(2));
}

#[test]
fn jsonl_output_carries_the_record_id_and_line_and_refuses_non_objects() {
    let path = scratch(
        "mixed.jsonl",
        &format!("{MAJOR}\nnull\n\n[1,2]\n\"冶金\"\n{CLEAR}\n"),
    );
    let o = hjl(&["eval", "--json", "good", &path]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let numbers: Vec<u64> = lines.iter().map(|l| l["line"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 4, 5, 6]);
    assert_eq!(lines[0]["id"], "A-1");
    for bad in &lines[1..4] {
        let error = bad["error"].as_str().unwrap();
        assert!(error.starts_with("记录应为 JSON 对象"), "{error}");
    }
    assert_eq!(lines[4]["verdict"], "clear");
}

#[test]
fn record_files_are_told_apart_by_extension_whatever_its_case() {
    let upper = scratch("RECORDS.NDJSON", &format!("{MAJOR}\n{CLEAR}\n"));
    let o = hjl(&["eval", "--json", "good", &upper]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2);

    let unknown = scratch("records.txt", MAJOR);
    let o = hjl(&["eval", "good", &unknown]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("扩展名为 .txt"), "{}", stderr(&o));

    let array = scratch("array.json", &format!("[{MAJOR}, {CLEAR}]"));
    let o = hjl(&["eval", "good", &array]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("是一个 JSON 数组"), "{}", stderr(&o));

    let lines = scratch("lines.json", &format!("{MAJOR}\n{CLEAR}\n"));
    let o = hjl(&["eval", "good", &lines]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("中不止一个 JSON 值"), "{}", stderr(&o));
}

#[test]
fn text_output_puts_record_problems_first_and_counts_what_was_not_inspected() {
    let path = scratch(
        "partial.json",
        r#"{"inspection":{"date":"2024-06-01","id":"JC-7"},"enterprise":{"sector":"冶金","sectr":"x"},
            "blast":{"top_pressure":"high"},"furnaces":[{"kind":"blast_furnace","capacity":8}]}"#,
    );
    let o = hjl(&["eval", "good", &path]);
    insta::assert_snapshot!("eval_text_partial", stdout(&o));
}

#[test]
fn eval_verdicts_is_a_table_of_the_full_reports_verdicts() {
    let o = hjl(&["eval", "--verdicts", "good", "good/records.jsonl"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a malformed line makes the run fail"
    );
    insta::assert_snapshot!(stdout(&o));

    // The same verdicts as the full judgements, record by record.
    let full = hjl(&["eval", "--json", "good", "good/records.jsonl"]);
    let bulk = hjl(&["eval", "--json", "--verdicts", "good", "good/records.jsonl"]);
    let full: Vec<serde_json::Value> = stdout(&full)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let bulk: Vec<serde_json::Value> = stdout(&bulk)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(full.len(), bulk.len());
    for (f, b) in full.iter().zip(&bulk) {
        assert_eq!(f["line"], b["line"]);
        assert_eq!(f["verdict"], b["verdict"]);
        if f.get("error").is_some() {
            assert_eq!(f["error"], b["error"]);
            continue;
        }
        let verdicts = &b["standards"][0];
        let Some(report) = f["reports"].get(0) else {
            // Not judged: the standard does not apply, or the record does not speak of it.
            let listed = ["not_applicable", "not_addressed"]
                .into_iter()
                .find(|list| f[*list].get(0).is_some());
            assert_eq!(listed, verdicts["verdict"].as_str());
            continue;
        };
        assert_eq!(report["verdict"], verdicts["verdict"]);
        let majors: Vec<&serde_json::Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|finding| &finding["clause"])
            .collect();
        assert_eq!(
            verdicts["major"]
                .as_array()
                .unwrap()
                .iter()
                .collect::<Vec<_>>(),
            majors
        );
        assert_eq!(
            report["clauses"]["not_inspected"],
            verdicts["not_inspected"]
        );
        assert_eq!(report["clauses"]["near"], verdicts["near"]);
    }
}

#[test]
fn list_shows_each_standard_with_its_versions_dates_and_counts() {
    let o = hjl(&[
        "list",
        "../../../../rulesets/coal-mine-2020.hjl",
        "../../../../rulesets/coal-mine-2026.hjl",
        "../../../../rulesets/open-pit-coal-mine.hjl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("list_coal", stdout(&o));
    let json = hjl(&["list", "--json", "good"]);
    let versions: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(versions[0]["name"], "demo");
    assert_eq!(versions[0]["clauses"], 2);
}

#[test]
fn eval_judges_by_the_standards_named_and_refuses_an_unknown_name() {
    let record = "../../../../tests/corpus/001-steel-plant.json";
    let o = hjl(&[
        "eval",
        "--json",
        "--standard",
        "industry_trade",
        "../../../../rulesets",
        record,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let judgement: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let judged: Vec<&str> = judgement["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["standard"].as_str().unwrap())
        .collect();
    assert_eq!(judged, ["industry_trade"]);
    assert!(
        judgement
            .get("not_applicable")
            .and_then(|n| n.as_array())
            .is_none_or(|n| n.is_empty()),
        "the other standards are not loaded at all"
    );
    let o = hjl(&[
        "eval",
        "--standard",
        "industry_trad",
        "../../../../rulesets",
        record,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("是不是 `industry_trade`？"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn csv_gives_the_verdict_table_for_spreadsheets() {
    let records = scratch("csv.jsonl", &format!("{CLEAR}\n{MAJOR}\n"));
    let o = hjl(&["eval", "--csv", "good", &records]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let mut rows = out.lines();
    assert_eq!(
        rows.next(),
        Some(
            "line,id,standard,version,verdict,major,conditional,near,not_inspected,errors,message"
        )
    );
    assert_eq!(rows.next(), Some("1,,demo,2023-05-15,clear,,0,0,0,0,"));
    assert!(
        rows.next()
            .is_some_and(|r| r.starts_with("2,A-1,demo,2023-05-15,major,"))
    );
    assert!(
        hjl(&["eval", "--csv", "--json", "good", &records])
            .status
            .code()
            == Some(2)
    );
}

const UNTIDY: &str =
    "fact  a.depth:length in m \"深度\"\nclause \"1\" \"深\" { major when a.depth>30 m }\n";

#[test]
fn fmt_check_lists_untidy_files_and_fmt_rewrites_them() {
    let path = scratch("untidy.hjl", UNTIDY);
    let o = hjl(&["fmt", "--check", &path]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("untidy.hjl：格式不规范（自第 1 行起）"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        UNTIDY,
        "--check changes nothing"
    );

    let o = hjl(&["fmt", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tidy = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        tidy,
        "fact a.depth : length in m \"深度\"\nclause \"1\" \"深\" {\n  major when a.depth > 30 m\n}\n"
    );
    let o = hjl(&["fmt", "--check", &path]);
    assert!(o.status.success(), "{}", stdout(&o));
}

#[test]
fn fmt_leaves_a_file_with_a_syntax_error_as_it_is() {
    let broken = "clause \"1\" \"深\" { major when a.depth > 30 m\n";
    let path = scratch("broken-fmt.hjl", broken);
    let o = hjl(&["fmt", &path]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("E0001"), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 个有语法错误"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn fmt_reads_stdin_for_editors() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hjl"))
        .args(["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(UNTIDY.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("fact a.depth : length in m \"深度\"\n"));
}

#[test]
fn schema_describes_the_record_the_rule_files_read() {
    let o = hjl(&["schema", "schema"]);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("schema", stdout(&o));
}

#[test]
fn schema_of_one_standard_holds_its_facts_and_its_vocabularies_only() {
    let o = hjl(&["schema", "schema", "--standard", "dust"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let top: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(top, ["dust", "enterprise", "inspection"]);
    assert_eq!(schema["title"], "检查记录：粉尘示例标准");
    let o = hjl(&["schema", "schema", "--standard", "dusty"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("是不是 `dust`？"), "{}", stderr(&o));
}

#[test]
fn a_byte_order_mark_before_a_record_or_a_stream_is_read_past() {
    let record = scratch("bom.json", &format!("\u{feff}{MAJOR}"));
    let o = hjl(&["eval", "--json", "good", &record]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("\"verdict\": \"major\""),
        "{}",
        stdout(&o)
    );
    let stream = scratch("bom.jsonl", &format!("\u{feff}{MAJOR}\n{CLEAR}\n"));
    let o = hjl(&["eval", "--verdicts", "good", &stream]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].contains("\tmajor\t"), "{rows:?}");
}

#[test]
fn too_many_threads_are_capped_with_a_message() {
    let stream = scratch("threads.jsonl", &format!("{MAJOR}\n{CLEAR}\n{MAJOR}\n"));
    let o = hjl(&["eval", "--verdicts", "--threads", "100000", "good", &stream]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("线程数 100000 过多"), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 4, "a header and three records");
}

#[test]
fn a_hostile_stream_is_judged_line_by_line_alike_on_any_thread_count() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let catalogue = std::path::Path::new(root).join("tests/bad-input/records");
    let mut names: Vec<_> = std::fs::read_dir(&catalogue)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.to_string_lossy().ends_with(".json")
                && !p.to_string_lossy().ends_with(".expected.json")
        })
        .collect();
    names.sort();
    // A byte-order mark opens the stream; then each catalogued record on a line of its own
    // (raw newlines only separate tokens), every other line ending in CRLF, blank lines
    // between, a line that is not UTF-8, and a last line cut short without its newline.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    let mut expected = Vec::new();
    for (i, path) in names.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let line = text.replace("\r\n", " ").replace('\n', " ");
        if line.trim().is_empty() {
            continue;
        }
        bytes.extend_from_slice(line.as_bytes());
        bytes.extend_from_slice(if i % 2 == 0 { b"\r\n" } else { b"\n" });
        bytes.extend_from_slice(b"\n   \n");
        let judged: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("expected.json")).unwrap(),
        )
        .unwrap();
        expected.push(judged["verdict"].as_str().map(str::to_owned));
    }
    bytes.extend_from_slice(b"{\"enterprise\":{\"name\":\"\xff\xfe\"}}\n");
    bytes.extend_from_slice(br#"{"inspection":{"date":"2024-"#);
    let dir = std::env::temp_dir().join(format!("hjl-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let stream = dir.join("hostile.jsonl");
    std::fs::write(&stream, &bytes).unwrap();
    let stream = stream.to_string_lossy().into_owned();
    let rules = format!("{root}/rulesets/industry-trade.hjl");
    let runs: Vec<Output> = ["1", "2", "4"]
        .iter()
        .map(|t| hjl(&["eval", "--json", "--threads", t, &rules, &stream]))
        .collect();
    for run in &runs[1..] {
        assert_eq!(
            run.stdout, runs[0].stdout,
            "output must not depend on the thread count"
        );
    }
    assert_eq!(runs[0].status.code(), Some(1), "some lines are not records");
    let lines: Vec<serde_json::Value> = stdout(&runs[0])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        expected.len() + 2,
        "one output per record line, blank lines skipped"
    );
    for (line, verdict) in lines.iter().zip(&expected) {
        match verdict {
            Some(v) => assert_eq!(line["verdict"].as_str(), Some(v.as_str()), "{line}"),
            None => assert!(line["error"].is_string(), "{line}"),
        }
    }
    let [.., not_utf8, cut] = lines.as_slice() else {
        unreachable!()
    };
    assert!(
        not_utf8["error"].as_str().unwrap().contains("不是 UTF-8"),
        "{not_utf8}"
    );
    assert!(
        cut["error"].as_str().unwrap().contains("不是合法的 JSON"),
        "{cut}"
    );
    assert!(cut["line"].as_u64() > not_utf8["line"].as_u64());
}

#[test]
fn record_limits_are_set_on_the_command_line() {
    // A list over --max-list counts as not given, with an error naming it; the rest of
    // the record is judged (clause 1 still fires).
    let furnaces = r#"[{"kind":"other"},{"kind":"other"},{"kind":"other"}]"#;
    let record = MAJOR.replace(r#""blast""#, &format!(r#""furnaces":{furnaces},"blast""#));
    let path = scratch("limits.json", &record);
    let o = hjl(&["eval", "--json", "--max-list", "2", "good", &path]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let judged: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(judged["verdict"], "major");
    let errors = judged["errors"].to_string();
    assert!(
        errors.contains("furnaces") && errors.contains("列表有 3 项，超过上限 2 项"),
        "{errors}"
    );
    // Within the limit, the same record has no error.
    let o = hjl(&["eval", "--json", "--max-list", "3", "good", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A record over --max-record is refused whole with its size; in a stream the other
    // lines are judged.
    let o = hjl(&["eval", "--max-record", "100", "good", &path]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("超过上限 100 字节"), "{}", stderr(&o));
    let stream = scratch("limits.jsonl", &format!("{record}\n{{}}\n"));
    let o = hjl(&[
        "eval",
        "--verdicts",
        "--max-record",
        "1KiB",
        "good",
        &stream,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = hjl(&["eval", "--verdicts", "--max-record", "100", "good", &stream]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 3, "{}", stdout(&o));
    // A size that does not read is refused before anything is judged.
    let o = hjl(&["eval", "--max-text", "1.5MiB", "good", &path]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("512KiB"), "{}", stderr(&o));
}

#[test]
fn a_line_cut_short_is_reported_where_it_ends() {
    // The line break is the stream's, not the record's: the string runs to the end of
    // line 1, not into a line 2.
    let stream = scratch(
        "cut.jsonl",
        &format!("{MAJOR}\r\n{{\"inspection\": {{\"id\": \"A-\r\n"),
    );
    let o = hjl(&["eval", "--json", "good", &stream]);
    assert_eq!(o.status.code(), Some(1));
    let last: serde_json::Value = serde_json::from_str(stdout(&o).lines().last().unwrap()).unwrap();
    assert_eq!(last["line"], 2);
    assert_eq!(
        last["error"],
        "记录不是合法的 JSON：第 1 行第 25 列：字符串没有结束（缺少 `\"`）"
    );
}

/// `hjl diff` on a re-inspection pair of `tests/reinspection/`.
fn diff_pair(case: &str, extra: &[&str]) -> Output {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let dir = format!("{root}/tests/reinspection/{case}");
    let (rules, before, after) = (
        format!("{root}/rulesets"),
        format!("{dir}/before.json"),
        format!("{dir}/after.json"),
    );
    let mut args = vec!["diff", &rules, &before, &after];
    args.extend_from_slice(extra);
    hjl(&args)
}

#[test]
fn diff_says_what_became_of_each_hazard_in_chinese() {
    let o = diff_pair("01-closed-on-evidence", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("diff_closed_and_open", stdout(&o));
    let o = diff_pair("06-revised-standard-in-force", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("diff_revised_standard", stdout(&o));
}

#[test]
fn diff_json_is_the_engines_and_judgements_may_stand_for_records() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let dir = format!("{root}/tests/reinspection/01-closed-on-evidence");
    let o = diff_pair("01-closed-on-evidence", &["--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let expected = std::fs::read_to_string(format!("{dir}/expected.json")).unwrap();
    assert_eq!(stdout(&o), expected);
    // The judgements `hjl eval --json` wrote give the same changes.
    let judged = |name: &str| {
        let o = hjl(&[
            "eval",
            "--json",
            &format!("{root}/rulesets"),
            &format!("{dir}/{name}"),
        ]);
        scratch(&format!("judged-{name}"), &stdout(&o))
    };
    let (before, after) = (judged("before.json"), judged("after.json"));
    let o = hjl(&[
        "diff",
        "--json",
        &format!("{root}/rulesets"),
        &before,
        &after,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let from_judgements: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let from_records: serde_json::Value = serde_json::from_str(&expected).unwrap();
    assert_eq!(from_judgements["counts"], from_records["counts"]);
    // With --fail-on-open, a hazard still open fails; none left does not.
    assert_eq!(
        diff_pair("01-closed-on-evidence", &["--fail-on-open"])
            .status
            .code(),
        Some(3)
    );
    let o = hjl(&[
        "diff",
        "--fail-on-open",
        &format!("{root}/rulesets"),
        &before,
        &before,
    ]);
    assert_eq!(
        o.status.code(),
        Some(3),
        "the same inspection twice: both still open"
    );
    // A side that is neither a record nor a judgement is refused with the file named.
    let bad = scratch("bad-diff.json", "[1, 2]");
    let o = hjl(&["diff", &format!("{root}/rulesets"), &bad, &after]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad-diff.json"), "{}", stderr(&o));
}

#[test]
fn timeline_follows_each_enterprises_hazards() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let (rules, records) = (
        format!("{root}/rulesets"),
        format!("{root}/tests/timeline/inspections.jsonl"),
    );
    let args = ["--overdue", "60", "--as-of", "2024-07-15"];
    let o = hjl(&[&["timeline", &rules, &records][..], &args].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("timeline", stdout(&o));
    let o = hjl(&[&["timeline", "--json", &rules, &records][..], &args].concat());
    let expected = std::fs::read_to_string(format!("{root}/tests/timeline/expected.json")).unwrap();
    assert_eq!(stdout(&o), expected);
    // A line that is not a record is named on stderr and left out; the rest is followed.
    let text = std::fs::read_to_string(&records).unwrap();
    let broken = scratch("timeline.jsonl", &format!("{text}{{ not json\n"));
    let o = hjl(&[
        "timeline",
        "--json",
        &rules,
        &broken,
        "--as-of",
        "2024-07-15",
        "--overdue",
        "60",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("timeline.jsonl:7"), "{}", stderr(&o));
    assert_eq!(stdout(&o), expected);
    let o = hjl(&["timeline", &rules, &records, "--as-of", "15/07/2024"]);
    assert_eq!(o.status.code(), Some(2));
}
