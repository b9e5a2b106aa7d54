//! Running the tests written inside rule files: each `given` record is judged by its
//! standard (every loaded version, so the inspection date picks the version) and compared
//! with the expectations.

use serde::Serialize;

use crate::Engine;
use crate::report::{Outcome, Verdict};

/// One expectation of a rule-file test.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub(crate) enum Expect {
    Verdict(Verdict),
    /// For `major`, the exact set of major clauses; otherwise each listed clause's outcome.
    Outcome {
        outcome: Outcome,
        clauses: Vec<String>,
    },
}

/// The result of one rule-file test.
#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    /// The standard the test belongs to.
    pub standard: String,
    /// The file that holds it.
    pub file: String,
    /// 1-based line of the test's name.
    pub line: usize,
    /// The test's name.
    pub name: String,
    /// Effective date of the version that judged the test's record (the inspection date
    /// picks it, so it may be another file's version).
    pub version: String,
    /// What did not hold; empty when the test passed.
    pub failures: Vec<String>,
    /// Clauses the test expects to be major.
    pub expects_major: Vec<String>,
    /// Clauses that came out clear in this test's judgement (for a clause with a pending
    /// limb: not assessed because every encoded line is false, its nearest to clear).
    pub clear: Vec<String>,
}

/// Whether a clause is exercised both ways by passing tests.
#[derive(Debug, Clone, Serialize)]
pub struct ClauseCoverage {
    /// The standard.
    pub standard: String,
    /// The clause number.
    pub clause: String,
    /// Passing tests that expect the clause to be major.
    pub positive: usize,
    /// Passing tests in which the clause came out clear.
    pub negative: usize,
}

impl ClauseCoverage {
    /// Whether the clause has at least one positive and one negative test.
    pub fn covered(&self) -> bool {
        self.positive > 0 && self.negative > 0
    }
}

impl TestResult {
    /// Whether every expectation held.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

pub(crate) fn run(engine: &Engine) -> Vec<TestResult> {
    let prog = engine.program();
    let mut results = Vec::new();
    for version in &prog.standards {
        for test in &version.tests {
            let bound = crate::eval::bind(&prog.facts, &test.given);
            let (failures, clear, judged_by) = match engine.judge_standard(&version.name, &bound) {
                Some(j) => {
                    let outcomes: Vec<(&str, Outcome)> = j.outcome_pairs().collect();
                    // A clause with a pending limb is never clear: its near miss is the
                    // judgement in which every encoded line is false (not assessed).
                    let clear = j
                        .version
                        .clauses
                        .iter()
                        .zip(&j.outcomes)
                        .filter(|(c, o)| {
                            **o == Outcome::Clear
                                || (**o == Outcome::NotAssessed && c.pending_limb.is_some())
                        })
                        .map(|(c, _)| c.number.clone())
                        .collect();
                    (
                        failures(&test.expects, &j.report.verdict, &outcomes),
                        clear,
                        j.report.version.into_owned(),
                    )
                }
                None => (vec!["标准未加载".to_owned()], Vec::new(), String::new()),
            };
            let expects_major = test
                .expects
                .iter()
                .filter_map(|e| match e {
                    Expect::Outcome {
                        outcome: Outcome::Major,
                        clauses,
                    } => Some(clauses.iter().cloned()),
                    _ => None,
                })
                .flatten()
                .collect();
            results.push(TestResult {
                standard: version.name.clone(),
                file: prog.files.get(version.file).cloned().unwrap_or_default(),
                line: test.line,
                name: test.name.clone(),
                version: judged_by,
                failures,
                expects_major,
                clear,
            });
        }
    }
    results
}

/// For every encoded (not pending) clause of every loaded version, how many passing tests
/// exercise it each way.
pub(crate) fn coverage(engine: &Engine, results: &[TestResult]) -> Vec<ClauseCoverage> {
    let mut out = Vec::new();
    for version in &engine.program().standards {
        let passing: Vec<&TestResult> = results
            .iter()
            .filter(|r| {
                r.passed() && r.standard == version.name && r.version == version.effective_text
            })
            .collect();
        for clause in &version.clauses {
            if matches!(clause.rule, crate::compile::ClauseRule::Pending(_)) {
                continue;
            }
            out.push(ClauseCoverage {
                standard: version.name.clone(),
                clause: clause.number.clone(),
                positive: passing
                    .iter()
                    .filter(|r| {
                        r.expects_major
                            .iter()
                            .any(|c| same_clause(c, &clause.number))
                    })
                    .count(),
                negative: passing
                    .iter()
                    .filter(|r| r.clear.contains(&clause.number))
                    .count(),
            });
        }
    }
    out
}

/// W0105 for each encoded clause of a version with tests that lacks a passing test in
/// which it is major, or one in which it is clear: (file, warning).
pub(crate) fn untested_clauses(
    engine: &Engine,
    results: &[TestResult],
) -> Vec<(usize, crate::check::CheckError)> {
    let mut covered = coverage(engine, results).into_iter();
    let mut out = Vec::new();
    for version in &engine.program().standards {
        for clause in &version.clauses {
            if matches!(clause.rule, crate::compile::ClauseRule::Pending(_)) {
                continue;
            }
            let Some(c) = covered.next() else { break };
            if version.tests.is_empty() || c.covered() {
                continue;
            }
            let missing = match (c.positive, c.negative) {
                (0, 0) => "判定为重大隐患（major）和未发现（clear）的通过测试",
                (0, _) => "判定为重大隐患（major）的通过测试",
                _ => "判定为未发现（clear）的通过测试",
            };
            out.push((
                version.file,
                crate::check::CheckError::UntestedClause {
                    number: clause.number.clone(),
                    missing: missing.to_owned(),
                    span: crate::check::to_span(clause.span),
                    help: Some(format!(
                        "加一个写 `expect major [\"{0}\"]` 的测试，再加一个差一点构成、写 `expect clear [\"{0}\"]` 的测试",
                        clause.number
                    )),
                },
            ));
        }
    }
    out
}

/// Whether two clause numbers name the same clause: the standards write brackets and the
/// enumeration comma full-width (`第三条（一）`), and an expectation or a filter may write
/// them in ASCII (`第三条(一)`).
pub(crate) fn same_clause(a: &str, b: &str) -> bool {
    a.chars().map(wide).eq(b.chars().map(wide))
}

/// A clause number as the standards write it: brackets and the enumeration comma
/// full-width (`第三条(一)` → `第三条（一）`).
pub(crate) fn wide_clause(number: &str) -> String {
    number.chars().map(wide).collect()
}

fn wide(c: char) -> char {
    match c {
        '(' => '（',
        ')' => '）',
        ',' => '、',
        other => other,
    }
}

fn failures(expects: &[Expect], verdict: &Verdict, outcomes: &[(&str, Outcome)]) -> Vec<String> {
    let mut out = Vec::new();
    let outcome_of = |c: &str| {
        outcomes
            .iter()
            .find(|(n, _)| same_clause(n, c))
            .map(|(_, o)| *o)
    };
    for e in expects {
        match e {
            Expect::Verdict(v) if v != verdict => {
                out.push(format!("预期结论 {}，实际为 {}", v.word(), verdict.word()));
            }
            Expect::Verdict(_) => {}
            Expect::Outcome {
                outcome: Outcome::Major,
                clauses,
            } => {
                let actual: Vec<&str> = outcomes
                    .iter()
                    .filter(|(_, o)| *o == Outcome::Major)
                    .map(|(n, _)| *n)
                    .collect();
                let expected: Vec<&str> = clauses.iter().map(String::as_str).collect();
                let covered = |xs: &[&str], ys: &[&str]| {
                    xs.iter().all(|x| ys.iter().any(|y| same_clause(x, y)))
                };
                if actual.len() != expected.len()
                    || !covered(&actual, &expected)
                    || !covered(&expected, &actual)
                {
                    out.push(format!(
                        "预期 major [{}]，实际为 major [{}]",
                        expected.join(", "),
                        actual.join(", ")
                    ));
                }
            }
            Expect::Outcome { outcome, clauses } => {
                for c in clauses {
                    match outcome_of(c) {
                        Some(o) if o == *outcome => {}
                        Some(o) => out.push(format!(
                            "预期 {c} 为 {}，实际为 {}",
                            outcome.word(),
                            o.word()
                        )),
                        None => out.push(format!("检查日期适用的版本中没有条款 {c}")),
                    }
                }
            }
        }
    }
    out
}
