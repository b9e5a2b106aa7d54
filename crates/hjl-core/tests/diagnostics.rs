//! Every diagnostic code, rendered as a rule author sees it (snapshots), and the code each
//! broken file must produce.

#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly on the first broken assumption"
)]

use hjl_core::{Severity, check, render};

const HEADER: &str = "standard demo \"示例标准\" { issuer \"示例部\" document \"示例令第1号\" effective 2024-01-01 }\n";

const VOCAB: &str = "vocabulary common \"通用\"\nfact inspection.date : date \"检查日期\"\nfact enterprise.sector : enum { metallurgy \"冶金\", nonferrous \"有色\" } \"所属行业\"\n";

/// A standard file: the header, then `body`.
fn std_file(body: &str) -> String {
    format!("{HEADER}{body}")
}

/// Checks the files and returns the rendered diagnostics and their codes.
fn diagnose(files: &[(&str, &str)]) -> (String, Vec<String>) {
    let diagnostics = check(files.iter().map(|(n, t)| (n.to_string(), t.to_string())));
    let codes = diagnostics.iter().map(|d| d.code().to_owned()).collect();
    (render(&diagnostics, false), codes)
}

fn case(name: &str, code: &str, files: &[(&str, &str)]) {
    let (rendered, codes) = diagnose(files);
    assert!(
        codes.iter().any(|c| c == code),
        "{name}: expected {code}, got {codes:?}\n{rendered}"
    );
    insta::assert_snapshot!(name, rendered);
}

fn one(name: &str, code: &str, body: &str) {
    let text = std_file(body);
    case(name, code, &[("demo.hjl", &text)]);
}

#[test]
fn syntax_error_names_what_was_expected() {
    one(
        "e0001_syntax",
        "E0001",
        "fact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { major a.b }\n",
    );
}

#[test]
fn an_unclosed_string_points_where_it_opens() {
    one(
        "e0001_unclosed_string",
        "E0001",
        "fact a : bool \"甲\nclause \"第一条\" \"标题\" { major when a }\n",
    );
}

#[test]
fn an_unclosed_comment_points_where_it_opens() {
    one(
        "e0001_unclosed_comment",
        "E0001",
        "/* 第一条的说明\nfact a : bool \"甲\"\n",
    );
}

#[test]
fn an_unclosed_test_body_points_where_it_opens() {
    one(
        "e0001_unclosed_test",
        "E0001",
        "fact a : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a }\ntest \"t\" {\n  given { a: true }\n  expect verdict major\n",
    );
}

/// Facts the slips below read.
const SLIP_FACTS: &str =
    "fact a : bool \"甲\"\nfact h : length in m \"高度\"\nfact n : integer \"人数\"\n";

/// One slip a rule author makes, in a clause after [`SLIP_FACTS`].
fn slip(name: &str, clause_body: &str) {
    one(
        name,
        "E0001",
        &format!("{SLIP_FACTS}clause \"第一条\" \"标题\" {clause_body}\n"),
    );
}

#[test]
fn full_width_punctuation_says_what_to_type() {
    slip("e0001_full_width", "（ major when a }");
}

#[test]
fn a_single_equals_sign_suggests_the_comparison() {
    slip("e0001_single_equals", "{ major when h = 3 m }");
}

#[test]
fn operators_from_other_languages_name_the_word_to_write() {
    slip("e0001_ampersands", "{ major when a && h > 3 m }");
    slip("e0001_chinese_or", "{ major when a 或 h > 3 m }");
    slip("e0001_exclamation", "{ major when ! a }");
}

#[test]
fn a_unit_in_chinese_gives_its_symbol() {
    slip("e0001_chinese_unit", "{ major when h > 30 米 }");
}

#[test]
fn a_thousands_separator_gives_the_number_to_write() {
    slip("e0001_thousands", "{ major when n > 1,000 }");
}

#[test]
fn a_misspelt_keyword_gets_a_did_you_mean() {
    slip("e0001_misspelt_major", "{ majr when a }");
    case(
        "e0001_misspelt_standard",
        "E0001",
        &[(
            "demo.hjl",
            "standrd demo \"示例标准\" { issuer \"示例部\" }\n",
        )],
    );
}

#[test]
fn a_block_left_open_is_named_where_it_opens() {
    slip(
        "e0001_block_not_closed",
        "{\n  major when a\n\nclause \"第二条\" \"标题\" { major when a }",
    );
}

#[test]
fn a_stray_closing_brace_is_named() {
    slip("e0001_stray_brace", "{ major when a } }");
}

#[test]
fn a_shared_fact_read_without_its_vocabulary_says_to_import_it() {
    one(
        "e0201_no_import",
        "E0201",
        "fact a : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a and inspection.date >= 2024-01-01 }\n",
    );
}

#[test]
fn a_type_from_another_language_names_the_hjl_type() {
    one("e0207_boolean", "E0207", "fact b : boolean \"乙\"\n");
}

#[test]
fn keyword_used_as_a_name_is_explained() {
    one("e0001_keyword", "E0001", "fact note : bool \"备注\"\n");
}

#[test]
fn impossible_date() {
    case(
        "e0002_date",
        "E0002",
        &[(
            "demo.hjl",
            "standard demo \"示例\" { issuer \"部\" document \"1号\" effective 2024-02-30 }\n",
        )],
    );
}

#[test]
fn unknown_fact_suggests_the_closest() {
    one(
        "e0201_unknown_name",
        "E0201",
        "fact dust.explosion_risk : bool \"存在粉尘爆炸危险\"\nclause \"第一条\" \"标题\" { major when dust.explosion_rsk }\n",
    );
}

#[test]
fn fact_from_a_vocabulary_not_imported() {
    let text = std_file("clause \"第一条\" \"标题\" { major when inspection.date > 2024-01-01 }\n");
    case(
        "e0202_not_imported",
        "E0202",
        &[("common.hjl", VOCAB), ("demo.hjl", &text)],
    );
}

#[test]
fn fact_declared_twice() {
    one(
        "e0203_duplicate_fact",
        "E0203",
        "fact a.b : bool \"甲\"\nfact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a.b }\n",
    );
}

#[test]
fn definition_declared_twice() {
    one(
        "e0204_duplicate_let",
        "E0204",
        "fact a.b : bool \"甲\"\nlet x = a.b\nlet x = not a.b\nclause \"第一条\" \"标题\" { major when x }\n",
    );
}

#[test]
fn enum_variant_repeated() {
    one(
        "e0205_duplicate_variant",
        "E0205",
        "fact a.kind : enum { furnace \"炉\", furnace \"炉\" } \"类型\"\nclause \"第一条\" \"标题\" { major when a.kind == furnace }\n",
    );
}

#[test]
fn list_field_repeated() {
    one(
        "e0206_duplicate_field",
        "E0206",
        "fact rooms : list { people : integer \"人数\", people : integer \"人数\" } \"房间\"\nclause \"第一条\" \"标题\" { major when count(rooms) > 1 }\n",
    );
}

#[test]
fn unknown_type_suggests_a_dimension() {
    one(
        "e0207_unknown_type",
        "E0207",
        "fact a.p : presure \"压力\"\nclause \"第一条\" \"标题\" { major when a.p > 1 MPa }\n",
    );
}

#[test]
fn fact_without_label() {
    one(
        "e0208_missing_label",
        "E0208",
        "fact a.b : bool\nclause \"第一条\" \"标题\" { major when a.b }\n",
    );
}

#[test]
fn list_inside_a_list() {
    one(
        "e0209_nested_list",
        "E0209",
        "fact rooms : list { doors : list { open : bool \"开\" } \"门\" } \"房间\"\nclause \"第一条\" \"标题\" { major when count(rooms) > 1 }\n",
    );
}

#[test]
fn quantifier_variable_without_field() {
    one(
        "e0210_element_without_field",
        "E0210",
        "fact rooms : list { open : bool \"开启\" } \"房间\"\nclause \"第一条\" \"标题\" { major when any r in rooms: r }\n",
    );
}

#[test]
fn unknown_field_suggests_the_closest() {
    one(
        "e0211_unknown_field",
        "E0211",
        "fact rooms : list { people : integer \"人数\" } \"房间\"\nclause \"第一条\" \"标题\" { major when any r in rooms: r.peple > 9 }\n",
    );
}

#[test]
fn definition_using_itself() {
    one(
        "e0212_cyclic_let",
        "E0212",
        "fact a.b : bool \"甲\"\nlet x = a.b and y\nlet y = x\nclause \"第一条\" \"标题\" { major when x }\n",
    );
}

#[test]
fn clause_number_repeated() {
    one(
        "e0301_duplicate_clause",
        "E0301",
        "fact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a.b }\nclause \"第一条\" \"另一标题\" { major when not a.b }\n",
    );
}

#[test]
fn number_where_a_condition_is_needed() {
    one(
        "e0302_expected_bool",
        "E0302",
        "fact a.n : integer \"人数\"\nclause \"第一条\" \"标题\" { major when a.n }\n",
    );
}

#[test]
fn date_compared_with_a_number() {
    one(
        "e0303_incomparable",
        "E0303",
        "fact a.d : date \"日期\"\nclause \"第一条\" \"标题\" { major when a.d > 2024 }\n",
    );
}

#[test]
fn enums_have_no_order() {
    one(
        "e0304_unordered",
        "E0304",
        "fact a.kind : enum { small \"小\", large \"大\" } \"规模\"\nclause \"第一条\" \"标题\" { major when a.kind > small }\n",
    );
}

#[test]
fn unknown_enum_variant() {
    one(
        "e0305_unknown_variant",
        "E0305",
        "fact a.kind : enum { blast_furnace \"高炉\", converter \"转炉\" } \"炉型\"\nclause \"第一条\" \"标题\" { major when a.kind == blast_furnce }\n",
    );
}

#[test]
fn adding_a_date_to_a_pressure() {
    one(
        "e0306_bad_arithmetic",
        "E0306",
        "fact a.d : date \"日期\"\nfact a.p : pressure \"压力\"\nclause \"第一条\" \"标题\" { major when a.d + a.p > a.d }\n",
    );
}

#[test]
fn in_without_brackets() {
    one(
        "e0307_in_needs_list",
        "E0307",
        "fact a.kind : enum { x \"甲\", y \"乙\" } \"类型\"\nclause \"第一条\" \"标题\" { major when a.kind in x }\n",
    );
}

#[test]
fn unknown_function_suggests_the_closest() {
    one(
        "e0308_unknown_function",
        "E0308",
        "fact rooms : list { open : bool \"开启\" } \"房间\"\nclause \"第一条\" \"标题\" { major when cout(rooms) > 1 }\n",
    );
}

#[test]
fn at_least_more_than_listed() {
    one(
        "e0309_at_least",
        "E0309",
        "fact a.x : bool \"甲\"\nfact a.y : bool \"乙\"\nclause \"第一条\" \"标题\" { major when at least 3 of [a.x, a.y] }\n",
    );
}

#[test]
fn quantifier_over_a_scalar() {
    one(
        "e0310_expected_list",
        "E0310",
        "fact a.n : integer \"人数\"\nclause \"第一条\" \"标题\" { major when any x in a.n: x.y }\n",
    );
}

#[test]
fn sum_of_a_whole_list() {
    one(
        "e0311_aggregate_field",
        "E0311",
        "fact tanks : list { volume : volume \"容积\" } \"储罐\"\nclause \"第一条\" \"标题\" { major when sum(tanks) > 10 m3 }\n",
    );
}

#[test]
fn clause_without_rule() {
    one(
        "e0312_no_major",
        "E0312",
        "fact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { note \"待定\" }\nclause \"第二条\" \"标题\" { major when a.b }\n",
    );
}

#[test]
fn unit_on_a_bool_fact() {
    one(
        "e0313_unit_on_bool",
        "E0313",
        "fact a.b : bool in m \"甲\"\nclause \"第一条\" \"标题\" { major when a.b }\n",
    );
}

#[test]
fn pressure_compared_with_a_length() {
    one(
        "e0401_dimension",
        "E0401",
        "fact a.p : pressure in kPa \"压力\"\nclause \"第一条\" \"标题\" { major when a.p > 30 m }\n",
    );
}

#[test]
fn plain_number_compared_with_a_pressure() {
    one(
        "e0402_missing_unit",
        "E0402",
        "fact a.p : pressure in kPa \"压力\"\nclause \"第一条\" \"标题\" { major when a.p < 30 }\n",
    );
}

#[test]
fn unit_spelled_wrongly() {
    one(
        "e0403_unknown_unit",
        "E0403",
        "fact a.p : pressure in kPa \"压力\"\nclause \"第一条\" \"标题\" { major when a.p > 0.1 mpa }\n",
    );
}

#[test]
fn unit_of_another_dimension_in_a_declaration() {
    one(
        "e0404_wrong_unit",
        "E0404",
        "fact a.p : pressure in m \"压力\"\nclause \"第一条\" \"标题\" { major when a.p > 1 MPa }\n",
    );
}

#[test]
fn file_without_header() {
    case(
        "e0501_no_header",
        "E0501",
        &[("demo.hjl", "fact a.b : bool \"甲\"\n")],
    );
}

#[test]
fn two_headers_in_one_file() {
    let text = format!(
        "{HEADER}vocabulary extra \"额外\"\nfact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" {{ major when a.b }}\n"
    );
    case("e0502_second_header", "E0502", &[("demo.hjl", &text)]);
}

#[test]
fn header_without_document_number() {
    case(
        "e0503_missing_entry",
        "E0503",
        &[(
            "demo.hjl",
            "standard demo \"示例\" { issuer \"部\" effective 2024-01-01 }\n",
        )],
    );
}

#[test]
fn header_entry_repeated() {
    case(
        "e0504_repeated_entry",
        "E0504",
        &[(
            "demo.hjl",
            "standard demo \"示例\" { issuer \"部\" document \"1号\" effective 2024-01-01 effective 2024-02-01 }\n",
        )],
    );
}

#[test]
fn clause_in_a_vocabulary() {
    let text = format!(
        "{VOCAB}clause \"第一条\" \"标题\" {{ major when inspection.date > 2024-01-01 }}\n"
    );
    case(
        "e0505_rules_in_vocabulary",
        "E0505",
        &[("common.hjl", &text)],
    );
}

#[test]
fn import_of_a_vocabulary_not_loaded() {
    let text = std_file(
        "import comon\nfact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a.b }\n",
    );
    case(
        "e0506_unknown_import",
        "E0506",
        &[("common.hjl", VOCAB), ("demo.hjl", &text)],
    );
}

#[test]
fn two_versions_with_one_date() {
    let a = std_file("fact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a.b }\n");
    case(
        "e0507_duplicate_version",
        "E0507",
        &[("a.hjl", &a), ("b.hjl", &a)],
    );
}

#[test]
fn superseded_before_effective() {
    case(
        "e0508_superseded",
        "E0508",
        &[(
            "demo.hjl",
            "standard demo \"示例\" { issuer \"部\" document \"1号\" effective 2024-01-01 superseded 2023-06-01 by \"2号\" }\nfact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a.b }\n",
        )],
    );
}

#[test]
fn succeeded_by_itself() {
    case(
        "e0509_succeeded_by_self",
        "E0509",
        &[(
            "demo.hjl",
            "standard demo \"示例\" { issuer \"部\" document \"1号\" effective 2024-01-01 superseded 2026-07-01 by \"2号\" in demo }\nfact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a.b }\n",
        )],
    );
}

#[test]
fn unknown_expectation_word() {
    one(
        "e0601_unknown_outcome",
        "E0601",
        "fact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a.b }\ntest \"t\" { given { a.b: true } expect majr [\"第一条\"] }\n",
    );
}

#[test]
fn test_names_a_clause_that_does_not_exist() {
    one(
        "e0602_unknown_clause",
        "E0602",
        "fact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a.b }\ntest \"t\" { given { a.b: true } expect major [\"第二条\"] }\n",
    );
}

#[test]
fn test_record_with_a_wrong_value() {
    one(
        "e0603_bad_given",
        "E0603",
        "fact a.p : pressure in kPa \"压力\"\nclause \"第一条\" \"标题\" { major when a.p > 30 kPa }\ntest \"t\" { given { a.p: 30 m } expect major [\"第一条\"] }\n",
    );
}

#[test]
fn test_record_with_a_misspelt_key() {
    one(
        "e0603_unknown_key",
        "E0603",
        "fact a.people : integer \"人数\"\nclause \"第一条\" \"标题\" { major when a.people > 9 }\ntest \"t\" { given { a.peple: 10 } expect major [\"第一条\"] }\n",
    );
}

#[test]
fn test_without_expectation() {
    one(
        "e0606_empty_test",
        "E0606",
        "fact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a.b }\ntest \"t\" { given { a.b: true } }\n",
    );
}

#[test]
fn fact_never_read_is_a_warning() {
    let text = std_file(
        "fact a.b : bool \"甲\"\nfact a.unused : bool \"未用\"\nclause \"第一条\" \"标题\" { major when a.b }\n",
    );
    let diagnostics = check([("demo.hjl", text.as_str())]);
    assert!(
        diagnostics
            .iter()
            .all(|d| d.severity() == Severity::Warning)
    );
    case("w0101_unused_fact", "W0101", &[("demo.hjl", &text)]);
}

#[test]
fn json_diagnostics_carry_positions() {
    let text = std_file("fact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a.c }\n");
    let diagnostics = check([("demo.hjl", text.as_str())]);
    let json =
        serde_json::to_value(diagnostics.iter().map(|d| d.to_json()).collect::<Vec<_>>()).unwrap();
    insta::assert_snapshot!(
        "json_unknown_name",
        serde_json::to_string_pretty(&json).unwrap()
    );
}

#[test]
fn derived_fact_that_depends_on_itself() {
    one(
        "e0213_cyclic_derivation",
        "E0213",
        "fact a.x : bool \"甲\" = a.y\nfact a.y : bool \"乙\" = not a.x\nclause \"第一条\" \"标题\" { major when a.x }\n",
    );
}

#[test]
fn bound_that_does_not_fit_the_type() {
    one(
        "e0214_bad_bound",
        "E0214",
        "fact a.n : integer (>= 0 m) \"人数\"\nfact a.p : pressure in kPa (>= 0, <= 100) \"压力\"\nclause \"第一条\" \"标题\" { major when a.n > 9 and a.p > 30 kPa }\n",
    );
}

#[test]
fn derivation_of_the_wrong_type() {
    one(
        "e0314_derivation_type",
        "E0314",
        "fact a.n : integer \"人数\"\nfact a.crowded : bool \"超员\" = a.n + 1\nclause \"第一条\" \"标题\" { major when a.crowded }\n",
    );
}

#[test]
fn a_clean_file_has_no_diagnostics() {
    let text = std_file(
        "fact a.b : bool \"甲\"\nclause \"第一条\" \"标题\" { major when a.b }\ntest \"t\" { given { a.b: true } expect major [\"第一条\"] }\ntest \"f\" { given { a.b: false } expect clear [\"第一条\"] }\n",
    );
    assert!(check([("demo.hjl", text.as_str())]).is_empty());
}

#[test]
fn every_code_is_documented() {
    let docs = include_str!("../../../docs/diagnostics.md");
    let sources = [
        include_str!("../src/parser/err.rs"),
        include_str!("../src/check/err.rs"),
    ];
    let mut codes = 0;
    for source in sources {
        for part in source.split("code(").skip(1) {
            let code: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(
                docs.contains(&format!("### {code}")),
                "docs/diagnostics.md lacks {code}"
            );
            codes += 1;
        }
    }
    assert!(codes >= 40, "found only {codes} codes");
}

#[test]
fn a_diagnostic_on_a_very_long_line_names_its_position_instead_of_showing_it() {
    let body = format!("fact a : bool \"甲\"{}@\n", " ".repeat(70_000));
    let (rendered, codes) = diagnose(&[("long.hjl", &std_file(&body))]);
    assert_eq!(codes, ["E0001"]);
    assert!(rendered.contains("（位于 long.hjl:2:70018）"), "{rendered}");
    assert!(rendered.len() < 1000, "the line itself is not printed");
}

/// The codes `check` gives for a standard file with `body`.
fn codes(body: &str) -> Vec<String> {
    diagnose(&[("demo.hjl", &std_file(body))]).1
}

#[test]
fn a_threshold_a_thousandfold_off_its_facts_unit_is_suspect() {
    one(
        "w0102_unit_scale",
        "W0102",
        "fact a.depth : length in m \"深度\"\nclause \"第一条\" \"深度过大\" { major when a.depth > 30 mm }\n",
    );
    let pressure = "fact a.p : pressure in MPa \"压力\"\nclause \"第一条\" \"压力\" { major when a.p > 0.4 kPa }\n";
    assert_eq!(codes(pressure), ["W0102"]);
    // A hundredfold is an ordinary choice of unit, and so is the declared unit itself.
    let near = "fact a.depth : length in m \"深度\"\nclause \"第一条\" \"深\" { major when a.depth > 300 cm or a.depth > 3 m }\n";
    assert!(codes(near).is_empty(), "{:?}", codes(near));
}

#[test]
fn a_condition_no_record_can_meet_is_reported() {
    one(
        "w0103_never",
        "W0103",
        "fact a.n : integer (>= 0) \"人数\"\nclause \"第一条\" \"人数\" { major when a.n < 5 and a.n > 10 }\n",
    );
    let below_bound =
        "fact a.n : integer (>= 0) \"人数\"\nclause \"第一条\" \"人数\" { major when a.n < 0 }\n";
    assert_eq!(codes(below_bound), ["W0103"]);
    let always =
        "fact a.n : integer (>= 0) \"人数\"\nclause \"第一条\" \"人数\" { major when a.n >= 0 }\n";
    assert_eq!(codes(always), ["W0103"]);
    let two_values = "fact a.k : enum { x \"甲\", y \"乙\" } \"类别\"\nclause \"第一条\" \"类别\" { major when a.k == x and a.k == y }\n";
    assert_eq!(codes(two_values), ["W0103"]);
    let both_ways =
        "fact a.b : bool \"是否\"\nclause \"第一条\" \"是否\" { major when a.b and not a.b }\n";
    assert_eq!(codes(both_ways), ["W0103"]);
    // Near misses: a band that exists, the bound itself, either of two values.
    for fine in [
        "fact a.n : integer (>= 0) \"人数\"\nclause \"第一条\" \"人数\" { major when a.n > 5 and a.n < 10 }\n",
        "fact a.n : integer (>= 0) \"人数\"\nclause \"第一条\" \"人数\" { major when a.n <= 0 }\n",
        "fact a.k : enum { x \"甲\", y \"乙\" } \"类别\"\nclause \"第一条\" \"类别\" { major when a.k == x or a.k == y }\n",
        "fact a.n : integer (>= 0) \"人数\"\nfact a.m : integer (>= 0) \"人数\"\nclause \"第一条\" \"人数\" { major when a.n > 5 and a.m < 3 }\n",
    ] {
        assert!(codes(fine).is_empty(), "{fine}: {:?}", codes(fine));
    }
}

#[test]
fn two_clauses_with_the_same_conditions_are_reported() {
    one(
        "w0104_same_conditions",
        "W0104",
        "fact a.b : bool \"甲\"\nfact a.n : integer \"人数\"\nclause \"第一条\" \"甲\" { major when a.b and a.n > 3 }\nclause \"第二条\" \"乙\" { major when a.n > 3 and a.b }\n",
    );
    let other_sections = "import common\nfact a.b : bool \"甲\"\nsection \"冶金\" when enterprise.sector == metallurgy {\n  clause \"第一条\" \"甲\" { major when a.b }\n}\nsection \"有色\" when enterprise.sector == nonferrous {\n  clause \"第二条\" \"乙\" { major when a.b }\n}\n";
    let (_, codes) = diagnose(&[
        ("demo.hjl", &std_file(other_sections)),
        ("common.hjl", VOCAB),
    ]);
    assert!(codes.is_empty(), "{codes:?}");
}

const TESTED: &str = "fact a.b : bool \"甲\"\nfact a.c : bool \"乙\"\nclause \"第一条\" \"甲\" { major when a.b }\nclause \"第二条\" \"乙\" { major when a.c }\ntest \"甲\" { given { a.b: true } expect major [\"第一条\"] }\n";

#[test]
fn a_clause_without_a_major_or_a_clear_test_is_reported() {
    one("w0105_untested_clause", "W0105", TESTED);
    let (rendered, _) = diagnose(&[("demo.hjl", &std_file(TESTED))]);
    assert!(
        rendered.contains("条款 第一条 缺少判定为未发现（clear）的通过测试"),
        "{rendered}"
    );
    assert!(
        rendered.contains("条款 第二条 缺少判定为重大隐患（major）和未发现（clear）的通过测试"),
        "{rendered}"
    );
}

#[test]
fn a_wrapped_help_line_never_splits_code_in_backticks() {
    let long_numbers = TESTED
        .replace("第一条", "第三十五条（二十一）")
        .replace("第二条", "第三十六条（二十二）");
    let unit = "fact a.depth : length in m \"深度\"\nclause \"第一条\" \"深度过大\" { major when a.depth > 30 mm }\n";
    for body in [long_numbers.as_str(), unit] {
        let (rendered, _) = diagnose(&[("demo.hjl", &std_file(body))]);
        assert!(
            rendered.lines().any(|l| l.starts_with("        ")),
            "a help line is wrapped:\n{rendered}"
        );
        for line in rendered.lines() {
            assert!(
                line.matches('`').count() % 2 == 0,
                "code split at the end of `{line}`:\n{rendered}"
            );
        }
    }
}

#[test]
fn a_fact_no_test_gives_is_reported() {
    let body = "fact a.b : bool \"甲\"\nfact a.c : bool \"乙\"\nfact a.d : bool \"丙\"\nclause \"第一条\" \"甲\" { major when a.b or (a.c and a.d) }\ntest \"是\" { given { a.b: true } expect major [\"第一条\"] }\ntest \"否\" { given { a: { b: false, c: false } } expect clear [\"第一条\"] }\n";
    one("w0106_untested_fact", "W0106", body);
    assert_eq!(
        codes(body),
        ["W0106"],
        "a.b and a.c are given, nested or dotted"
    );
}

#[test]
fn a_warning_is_silenced_where_the_file_says_so() {
    let unit = "fact a.depth : length in m \"深度\"\nclause \"第一条\" \"深\" {\n  major when a.depth > 30 mm\n}\n";
    let above = unit.replace("clause", "// hjl-allow: W0102 原文单位为毫米\nclause");
    assert!(codes(&above).is_empty(), "{:?}", codes(&above));
    let trailing = unit.replace("30 mm\n", "30 mm // hjl-allow: W0102\n");
    assert!(codes(&trailing).is_empty(), "{:?}", codes(&trailing));
    let whole = format!("// hjl-allow-file: W0102\n{unit}");
    assert!(codes(&whole).is_empty());
    // Another code, or an allowance for the line before, leaves it.
    let other = unit.replace("clause", "// hjl-allow: W0103\nclause");
    assert_eq!(codes(&other), ["W0102"]);
    let earlier = unit.replace("fact", "// hjl-allow: W0102\nfact");
    assert_eq!(codes(&earlier), ["W0102"]);
    // Errors are never silenced.
    let error = "// hjl-allow-file: E0201\nclause \"第一条\" \"深\" { major when a.nope }\n";
    assert_eq!(codes(error), ["E0201"]);
}

#[test]
fn an_empty_rule_file_is_named() {
    // Saved empty by mistake, a file would otherwise drop its standard without a word.
    case("w0107_empty_file", "W0107", &[("empty.hjl", "")]);
    let (_, codes) = diagnose(&[("comments.hjl", "// 待写\n/* 草稿 */\n\n")]);
    assert_eq!(codes, ["W0107"]);
    let (_, codes) = diagnose(&[(
        "demo.hjl",
        &std_file("fact a.b : bool \"甲\"\nclause \"第一条\" \"甲\" { major when a.b }\n"),
    )]);
    assert!(!codes.contains(&"W0107".to_owned()), "{codes:?}");
}
