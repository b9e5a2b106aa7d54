//! The engine: compiles a set of rule sources once, then judges records. No I/O: callers
//! hand it source text and records.

use std::sync::Arc;

use serde::Serialize;

use crate::compile::Program;
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::eval::{Bound, Limits};
use crate::explain::{ExplainError, Explanation};
use crate::judge::{Detail, Judged};
use crate::parser::Reading;
use crate::record_schema::RecordSchema;
use crate::report::{Classification, Judgement};
use crate::testing::{ClauseCoverage, TestResult};

/// Rule files failed to compile; every diagnostic is kept (warnings too).
#[derive(Debug, thiserror::Error)]
#[error("规则文件有 {} 个错误", self.errors().count())]
pub struct CompileError {
    /// All diagnostics, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl CompileError {
    /// The diagnostics that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
    }
}

/// A record that cannot be judged at all: not JSON, or not a JSON object. (A record with
/// bad values is judged; its problems are in the judgement's `errors`.)
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// The text is not JSON.
    #[error("记录不是合法的 JSON：{}", crate::json_problem::describe(.0))]
    NotJson(#[from] serde_json::Error),
    /// The JSON is not an object of facts.
    #[error("记录应为 JSON 对象（各项事实），实为 {0}")]
    NotAnObject(String),
    /// The text has a judgement's `reports` and `verdict` but does not read as one (see
    /// [`Engine::inspection_str`]).
    #[error("像是一份判定结果（有 reports 和 verdict），但无法读取：{0}")]
    NotAJudgement(String),
    /// The text is larger than [`Limits::record_bytes`].
    #[error("记录有 {size} 字节，超过上限 {limit} 字节，未判定")]
    TooLarge {
        /// The record's size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
}

/// A standard name that no loaded rule file declares.
#[derive(Debug, thiserror::Error)]
#[error("没有加载名为 `{name}` 的标准{}", .help.as_ref().map(|h| format!("；{h}")).unwrap_or_default())]
pub struct UnknownStandard {
    /// The name asked for.
    pub name: String,
    /// "did you mean `…`?" with the nearest loaded name, when one is near.
    pub help: Option<String>,
}

/// A record bound to an engine's facts: read once, judged any number of times.
#[derive(Debug)]
pub struct Record(pub(crate) Bound);

impl Record {
    fn new(bound: Bound) -> Result<Self, RecordError> {
        match &bound.not_object {
            Some(kind) => Err(RecordError::NotAnObject(kind.clone())),
            None => Ok(Self(bound)),
        }
    }
}

/// Metadata of one loaded standard version.
#[derive(Debug, Clone, Serialize)]
pub struct StandardInfo {
    /// Identifier, e.g. `industry_trade`.
    pub name: String,
    /// Title.
    pub title: String,
    /// Issuing authority.
    pub issuer: String,
    /// Document number.
    pub document: String,
    /// In force from (`YYYY-MM-DD`).
    pub effective: String,
    /// No longer applies from this date, when known.
    pub superseded: Option<String>,
    /// The successor's document number, when known.
    pub successor: Option<String>,
    /// The other standard the successor is a version of, when this standard's situations
    /// moved there (`superseded … by "…" in NAME`).
    pub successor_standard: Option<String>,
    /// Clauses encoded with rules.
    pub clauses: usize,
    /// Clauses declared pending.
    pub pending: usize,
    /// Clauses carrying an uncertainty note.
    pub uncertain: usize,
    /// The file it came from.
    pub file: String,
}

/// Compiled rule files, ready to judge records.
///
/// ```
/// use hjl_core::Engine;
///
/// let rules = r#"
/// standard demo "示例标准" { issuer "示例" document "示例第1号" effective 2024-01-01 }
/// fact room.people : integer "作业人数"
/// clause "第一条" "作业人数超过9人" { major when room.people > 9 }
/// "#;
/// let engine = Engine::compile([("demo.hjl", rules)]).expect("rules compile");
/// let judgement = engine
///     .evaluate(&serde_json::json!({ "room": { "people": 10 } }))
///     .expect("an object of facts");
/// assert_eq!(judgement.verdict, hjl_core::Verdict::Major);
/// assert_eq!(judgement.reports[0].findings[0].clause, "第一条");
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    /// Shared by an engine's clones (the same rules with other limits share them).
    program: Arc<Program>,
    /// Version indexes per standard, each sorted by effective date.
    families: Vec<Vec<usize>>,
    warnings: Vec<Diagnostic>,
    limits: Limits,
}

impl Engine {
    /// Compiles rule sources given as (name, text) pairs. Imports resolve by vocabulary
    /// name among the given sources.
    pub fn compile<N, T>(sources: impl IntoIterator<Item = (N, T)>) -> Result<Self, CompileError>
    where
        N: Into<String>,
        T: Into<String>,
    {
        Self::build(sources, Reading::Whole)
    }

    /// Compiles only what judging records needs: like [`Engine::compile`], but the body of
    /// each test is skipped (its braces must still balance) rather than parsed and
    /// checked, which takes about half the time. The engine has no tests to run; check
    /// the files with [`check`] or [`Engine::compile`] and run their tests before relying
    /// on them.
    pub fn compile_rules<N, T>(
        sources: impl IntoIterator<Item = (N, T)>,
    ) -> Result<Self, CompileError>
    where
        N: Into<String>,
        T: Into<String>,
    {
        Self::build(sources, Reading::RulesOnly)
    }

    fn build<N, T>(
        sources: impl IntoIterator<Item = (N, T)>,
        reading: Reading,
    ) -> Result<Self, CompileError>
    where
        N: Into<String>,
        T: Into<String>,
    {
        let (program, diagnostics) = crate::check::check_all(&source_files(sources), reading);
        if diagnostics.iter().any(|d| d.severity() == Severity::Error) {
            return Err(CompileError { diagnostics });
        }
        Ok(Self::from_program(program, diagnostics))
    }

    /// The engine for a program that checked without errors.
    fn from_program(mut program: Program, warnings: Vec<Diagnostic>) -> Self {
        let mut families: Vec<Vec<usize>> = Vec::new();
        for (i, v) in program.standards.iter().enumerate() {
            let known = family_index(&families, &program, &v.name);
            match known.and_then(|f| families.get_mut(f)) {
                Some(family) => family.push(i),
                None => families.push(vec![i]),
            }
        }
        for f in &mut families {
            f.sort_by_key(|i| program.standards.get(*i).map(|v| v.effective));
            note_foreign_facts(&mut program, f);
        }
        // Standards are judged and reported in the order of their identifiers, so that a
        // judgement does not depend on the order the rule files were given in.
        families.sort_by(|a, b| {
            let name = |f: &[usize]| {
                f.first()
                    .and_then(|i| program.standards.get(*i))
                    .map(|v| v.name.clone())
            };
            name(a).cmp(&name(b))
        });
        Self {
            program: Arc::new(program),
            families,
            warnings,
            limits: Limits::default(),
        }
    }

    /// The compiled rules as bytes, to load again with [`Engine::from_snapshot`] without
    /// reading or checking a rule file (compiling warnings are not kept). For start-up
    /// where compiling costs too much, such as the shipped rules in an offline web app.
    pub fn snapshot(&self) -> Vec<u8> {
        crate::snapshot::write(&self.program, &self.families)
    }

    /// An engine from [`Engine::snapshot`]'s bytes, taken by this same version of the
    /// engine. A snapshot is compiled rules, trusted as the program that holds it is: load
    /// only snapshots taken by your own build, never ones received as input. Bytes that
    /// are not such a snapshot are refused with the reason.
    pub fn from_snapshot(bytes: &[u8]) -> Result<Self, crate::SnapshotError> {
        let (program, families) = crate::snapshot::read(bytes)?;
        Ok(Self {
            program: Arc::new(program),
            families,
            warnings: Vec::new(),
            limits: Limits::default(),
        })
    }

    /// The engine with other limits on what one record may hold (see [`Limits`] for the
    /// defaults and what happens past each).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits on what one record may hold.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    pub(crate) fn program(&self) -> &Program {
        &self.program
    }

    /// Warnings found while compiling.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Every loaded standard version, in load order.
    pub fn standards(&self) -> Vec<StandardInfo> {
        self.program
            .standards
            .iter()
            .map(|v| {
                let pending = v
                    .clauses
                    .iter()
                    .filter(|c| matches!(c.rule, crate::compile::ClauseRule::Pending(_)))
                    .count();
                StandardInfo {
                    name: v.name.clone(),
                    title: v.title.clone(),
                    issuer: v.issuer.clone(),
                    document: v.document.clone(),
                    effective: v.effective_text.clone(),
                    superseded: v.superseded.as_ref().map(|s| s.until.to_string()),
                    successor: v.superseded.as_ref().and_then(|s| s.by.clone()),
                    successor_standard: v.superseded.as_ref().and_then(|s| s.into.clone()),
                    clauses: v.clauses.len() - pending,
                    pending,
                    uncertain: v.clauses.iter().filter(|c| c.note.is_some()).count(),
                    file: self.program.files.get(v.file).cloned().unwrap_or_default(),
                }
            })
            .collect()
    }

    /// Every fact the loaded rule files declare (path, type, unit, Chinese label, enum
    /// values, list fields, the standards that read it), in declaration order: what a form
    /// or a record builder needs.
    pub fn facts(&self) -> Vec<crate::FactInfo> {
        crate::catalogue::facts(&self.program)
    }

    /// The inspection checklist the loaded standards imply (see [`crate::checklist`]): for
    /// the version of each standard in force on `date` (`YYYY-MM-DD`; without one, on the
    /// `inspection.date` given, else the newest version), what decides whether it applies
    /// and, clause by clause, the facts to observe with the thresholds they are compared
    /// with. `given` are facts known ahead of the inspection, as (path, value) pairs with the
    /// value written as a person types it (`metallurgy` or `冶金`, `true` or `是`, `30 m`):
    /// what they decide is dropped or marked, and they are not asked again.
    ///
    /// ```
    /// use hjl_core::Engine;
    ///
    /// let rules = r#"
    /// standard demo "示例标准" { issuer "示例" document "示例第1号" effective 2024-01-01 }
    /// fact room.people : integer "作业人数"
    /// clause "第一条" "作业人数超过9人" { major when room.people > 9 }
    /// "#;
    /// let engine = Engine::compile([("demo.hjl", rules)]).expect("rules compile");
    /// let checklist = engine.checklist([], None).expect("nothing given");
    /// let check = &checklist.standards[0].sections[0].clauses[0].checks[0];
    /// assert_eq!((check.label.as_str(), check.tests[0].text.as_str()), ("作业人数", "> 9"));
    /// ```
    pub fn checklist<'a>(
        &self,
        given: impl IntoIterator<Item = (&'a str, &'a str)>,
        date: Option<&'a str>,
    ) -> Result<crate::Checklist, crate::GivenError> {
        crate::checklist::checklist(&self.program, &self.families, given, date)
    }

    /// The JSON Schema (draft 2020-12) of an inspection record as the loaded rule files read
    /// it: every fact nested by path (a dotted key accepted too), with its Chinese label as
    /// `title`, its unit, bounds, enum values and the forms the engine reads it in, `null`
    /// for unknown. A record the schema accepts binds without a record error, except for
    /// what a schema cannot see (a key given twice, a quantity written as text outside its
    /// bounds); keys it does not declare are allowed, as the engine only warns of them.
    pub fn record_schema(&self) -> RecordSchema {
        crate::record_schema::build(&self.program, None)
    }

    /// [`Engine::record_schema`] of only the facts the named standards read (their own and
    /// their vocabularies'). Fails on a name that no loaded standard has.
    pub fn record_schema_of(&self, standards: &[&str]) -> Result<RecordSchema, UnknownStandard> {
        let loaded: Vec<&str> = self
            .program
            .standards
            .iter()
            .map(|v| v.name.as_str())
            .collect();
        if let Some(name) = standards.iter().find(|n| !loaded.contains(n)) {
            return Err(UnknownStandard {
                name: (*name).to_owned(),
                help: crate::did_you_mean(name, loaded),
            });
        }
        Ok(crate::record_schema::build(&self.program, Some(standards)))
    }

    /// Judges one record (a JSON object) by every loaded standard. Fails only when the
    /// record is not an object; unreadable values are reported in the judgement's `errors`
    /// and count as unknown. A judgement borrows rule text from the engine;
    /// [`Judgement::into_owned`] keeps one longer.
    pub fn evaluate(&self, record: &serde_json::Value) -> Result<Judgement<'_>, RecordError> {
        Ok(self.judge(&self.bind(record)?))
    }

    /// Judges a record given as JSON text, binding it straight from the text (no
    /// intermediate tree). Fails only when the text is not a JSON object.
    pub fn evaluate_str(&self, record: &str) -> Result<Judgement<'_>, RecordError> {
        Ok(self.judge(&self.bind_str(record)?))
    }

    /// Binds a record from JSON text without judging it.
    pub fn bind_str(&self, record: &str) -> Result<Record, RecordError> {
        if record.len() > self.limits.record_bytes {
            return Err(RecordError::TooLarge {
                size: record.len(),
                limit: self.limits.record_bytes,
            });
        }
        Record::new(crate::eval::bind_str(
            &self.program.facts,
            record,
            self.limits,
        )?)
    }

    /// Binds an already parsed record without judging it.
    pub fn bind(&self, record: &serde_json::Value) -> Result<Record, RecordError> {
        Record::new(crate::eval::bind(&self.program.facts, record))
    }

    /// The judgement of a bound record (as [`Engine::evaluate`]).
    pub fn judge(&self, record: &Record) -> Judgement<'_> {
        crate::judge::judge_record(&self.program, &self.families, &record.0, Detail::Full)
    }

    /// The verdicts of a bound record by every standard, without evidence, missing facts or
    /// warnings: the bulk path. Its verdicts and counts are those of [`Engine::judge`].
    pub fn classify(&self, record: &Record) -> Classification<'_> {
        crate::judge::judge_record(&self.program, &self.families, &record.0, Detail::Verdicts)
            .into()
    }

    /// [`Engine::classify`] of a record given as JSON text. Fails only when the text is not
    /// a JSON object.
    pub fn classify_str(&self, record: &str) -> Result<Classification<'_>, RecordError> {
        Ok(self.classify(&self.bind_str(record)?))
    }

    /// Only the clauses that are major, as (standard, clause) pairs in load and clause order,
    /// decided without traces: the cheapest question, for comparing with other
    /// implementations.
    pub fn major_clauses(&self, record: &Record) -> Vec<(&str, &str)> {
        let date = crate::judge::inspection_date(&self.program, &record.0);
        let mut out = Vec::new();
        for family in &self.families {
            crate::judge::major_clauses(&self.program, family, &record.0, date, &mut out);
        }
        out
    }

    /// Why clause `clause` of a standard came out as it did for a bound record: the version
    /// in force, each guard and rule line as a tree of its conditions with every value,
    /// and the outcome [`Engine::judge`] reports for the clause. `clause` is the number as
    /// the standard writes it, or with ASCII brackets (`第四条(五)`); `standard` (an
    /// identifier, as in reports) is needed only when several loaded standards that may
    /// apply to the record have a clause of that number.
    ///
    /// ```
    /// use hjl_core::{Engine, Outcome, Truth};
    ///
    /// let rules = r#"
    /// standard demo "示例标准" { issuer "示例" document "示例第1号" effective 2024-01-01 }
    /// fact room.people : integer "作业人数"
    /// clause "第一条(一)" "作业人数超过9人" { major when room.people > 9 }
    /// "#;
    /// let engine = Engine::compile([("demo.hjl", rules)]).expect("rules compile");
    /// let why = engine
    ///     .explain_str(r#"{"room": {"people": 12}}"#, None, "第一条(一)")
    ///     .expect("the clause exists");
    /// assert_eq!(why.outcome, Outcome::Major);
    /// assert_eq!(why.lines[0].truth, Truth::True);
    /// assert_eq!(why.lines[0].step.children[0].text, "作业人数");
    /// ```
    pub fn explain(
        &self,
        record: &Record,
        standard: Option<&str>,
        clause: &str,
    ) -> Result<Explanation, ExplainError> {
        crate::explain::explain(&self.program, &self.families, &record.0, standard, clause)
    }

    /// What became of each major hazard between two judgements of one enterprise (see
    /// [`crate::diff`]): closed, open, new, undetermined, or no longer listed by the version
    /// in force at the re-inspection. Judgements may come from elsewhere (parsed from
    /// JSON); the clauses of the versions they name are looked up in this engine's rules.
    pub fn diff(&self, before: &Judgement<'_>, after: &Judgement<'_>) -> crate::Diff {
        crate::diff::diff(&self.program, (before, None), (after, None))
    }

    /// [`Engine::diff`] of two records, each judged first. A hazard closed carries what
    /// the re-inspection's record gives where the first inspection's evidence was, and
    /// each inspection who signed it.
    pub fn diff_records(&self, before: &Record, after: &Record) -> crate::Diff {
        let (first, second) = (self.judge(before), self.judge(after));
        crate::diff::diff(
            &self.program,
            (&first, Some(&before.0)),
            (&second, Some(&after.0)),
        )
    }

    /// Each enterprise's hazards over many inspections (see [`crate::timeline`]):
    /// inspections grouped by enterprise and taken in date order, each hazard from its
    /// first finding through every later inspection to its closing. An inspection given by
    /// its judgement alone names no enterprise, nor who signed it. Open hazards are measured
    /// to `as_of` (default: the latest inspection date); with `overdue_days`, those open
    /// longer are flagged.
    pub fn timelines(
        &self,
        inspections: &[crate::diff::Inspected],
        as_of: Option<crate::report::Date>,
        overdue_days: Option<i64>,
    ) -> Vec<crate::Timeline> {
        let entries = inspections
            .iter()
            .enumerate()
            .map(|(position, inspected)| {
                let (judgement, record) = self.judged(inspected);
                crate::timeline::Entry {
                    record,
                    judgement,
                    position,
                }
            })
            .collect();
        crate::timeline::timelines(&self.program, entries, as_of, overdue_days)
    }

    /// One inspection for [`Engine::diff_inspections`] from JSON text: a judgement (an
    /// object with `reports` and `verdict`, as [`Engine::evaluate`] writes it) or else a
    /// record. The record limits apply to both; the error line `hjl eval` writes in place
    /// of input that was not a record (`{"line": …, "error": …}`) is refused.
    pub fn inspection_str(&self, text: &str) -> Result<crate::diff::Inspected, RecordError> {
        use serde::de::IgnoredAny;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.len() > self.limits.record_bytes {
            return Err(RecordError::TooLarge {
                size: text.len(),
                limit: self.limits.record_bytes,
            });
        }
        // The top-level keys only, the values skipped unread.
        let keys = serde_json::from_str::<std::collections::HashMap<String, IgnoredAny>>(text)
            .unwrap_or_default();
        if keys.contains_key("reports") && keys.contains_key("verdict") {
            return serde_json::from_str::<Judgement<'_>>(text)
                .map(|j| crate::diff::Inspected::Judged(Box::new(j.into_owned())))
                .map_err(|e| RecordError::NotAJudgement(crate::json_problem::describe(&e)));
        }
        if keys.contains_key("error") && keys.keys().all(|k| k == "error" || k == "line") {
            return Err(RecordError::NotAnObject(
                "一条错误（hjl eval 在无法判定的输入处写下的），不是检查记录或判定结果".to_owned(),
            ));
        }
        self.bind_str(text).map(crate::diff::Inspected::Record)
    }

    /// [`Engine::diff`] of two inspections, each a record or a judgement: records are
    /// judged first, and what a record gives (the facts that closed a hazard, who signed)
    /// is read from the side that is one.
    pub fn diff_inspections(
        &self,
        before: &crate::diff::Inspected,
        after: &crate::diff::Inspected,
    ) -> crate::Diff {
        let ((first, first_record), (second, second_record)) =
            (self.judged(before), self.judged(after));
        crate::diff::diff(
            &self.program,
            (&first, first_record),
            (&second, second_record),
        )
    }

    /// An inspection's judgement (made here from its record, or as given) and its bound
    /// record when it has one.
    fn judged<'s>(
        &'s self,
        inspected: &'s crate::diff::Inspected,
    ) -> (Judgement<'s>, Option<&'s Bound>) {
        match inspected {
            crate::diff::Inspected::Record(r) => (self.judge(r), Some(&r.0)),
            crate::diff::Inspected::Judged(j) => (j.as_ref().clone(), None),
        }
    }

    /// [`Engine::explain`] of a record given as JSON text.
    pub fn explain_str(
        &self,
        record: &str,
        standard: Option<&str>,
        clause: &str,
    ) -> Result<Explanation, ExplainError> {
        self.explain(&self.bind_str(record)?, standard, clause)
    }

    /// The explanations worth reading first for a bound record: every clause that is
    /// major, conditional (major if it applies) or near (the record gives part of what
    /// decides it), by the standard named or by every standard, in report order. Clear,
    /// not applicable and not inspected clauses are left out.
    pub fn explain_notable(
        &self,
        record: &Record,
        standard: Option<&str>,
    ) -> Result<Vec<Explanation>, ExplainError> {
        crate::explain::named(&self.program, &self.families, standard)?;
        let judgement = self.judge(record);
        let mut out = Vec::new();
        for report in &judgement.reports {
            if standard.is_some_and(|name| name != report.standard) {
                continue;
            }
            let notable = report.findings.iter().map(|f| &f.clause).chain(
                report
                    .undetermined
                    .iter()
                    .filter(|u| u.status != crate::Status::NotInspected)
                    .map(|u| &u.clause),
            );
            for clause in notable {
                out.push(self.explain(record, Some(&report.standard), clause)?);
            }
        }
        Ok(out)
    }

    /// Runs every test written in the loaded rule files.
    pub fn run_tests(&self) -> Vec<TestResult> {
        crate::testing::run(self)
    }

    /// Which clauses the passing tests among `results` exercise both ways (a test expecting
    /// the clause major, and a test in which it comes out clear).
    pub fn coverage(&self, results: &[TestResult]) -> Vec<ClauseCoverage> {
        crate::testing::coverage(self, results)
    }

    /// One standard's judgement of a bound record, with every clause's outcome.
    pub(crate) fn judge_standard(&self, name: &str, bound: &Bound) -> Option<Judged<'_>> {
        let family = self
            .families
            .get(family_index(&self.families, &self.program, name)?)?;
        let date = crate::judge::inspection_date(&self.program, bound);
        crate::judge::judge(&self.program, family, bound, date, Detail::Full)
    }
}

/// Notes on each version of a family the facts its other versions read and it does not.
fn note_foreign_facts(program: &mut Program, family: &[usize]) {
    for &i in family {
        let Some(own) = program.standards.get(i).map(|v| v.visible.clone()) else {
            continue;
        };
        let mut foreign: Vec<_> = family
            .iter()
            .filter(|j| **j != i)
            .filter_map(|j| program.standards.get(*j))
            .flat_map(|w| w.visible.iter().copied())
            .filter(|f| own.binary_search(f).is_err())
            .collect();
        foreign.sort_unstable();
        foreign.dedup();
        if let Some(v) = program.standards.get_mut(i) {
            v.foreign = foreign;
        }
    }
}

/// The family (versions of one standard, by index into `program.standards`) named `name`.
fn family_index(families: &[Vec<usize>], program: &Program, name: &str) -> Option<usize> {
    families.iter().position(|f| {
        f.first()
            .and_then(|i| program.standards.get(*i))
            .is_some_and(|v| v.name == name)
    })
}

/// Checks rule sources: every diagnostic, errors and warnings. When they compile, their
/// tests are run too, for the clauses no passing test covers (W0105). Warnings silenced
/// in the files (`// hjl-allow: W01xx`) are left out.
pub fn check<N, T>(sources: impl IntoIterator<Item = (N, T)>) -> Vec<Diagnostic>
where
    N: Into<String>,
    T: Into<String>,
{
    let files = source_files(sources);
    let (program, mut diagnostics) = crate::check::check_all(&files, Reading::Whole);
    if diagnostics.iter().all(|d| d.severity() != Severity::Error) {
        let engine = Engine::from_program(program, Vec::new());
        let results = engine.run_tests();
        let untested = crate::testing::untested_clauses(&engine, &results);
        diagnostics.extend(untested.into_iter().filter_map(|(file, e)| {
            let file = files.get(file)?;
            Some(Diagnostic::from_stage(&e, Severity::Warning, file))
        }));
    }
    crate::check::silence(&mut diagnostics);
    diagnostics
}

fn source_files<N: Into<String>, T: Into<String>>(
    sources: impl IntoIterator<Item = (N, T)>,
) -> Vec<Arc<SourceFile>> {
    sources
        .into_iter()
        .map(|(n, t)| Arc::new(SourceFile::new(n, t)))
        .collect()
}

/// The vocabularies a rule file imports, so that a loader can find them. A quick scan of
/// `import NAME` lines outside block comments, without parsing the file: the checker
/// reports anything malformed.
pub fn imports(text: &str) -> Vec<String> {
    let mut in_comment = false;
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if in_comment {
            in_comment = !line.contains("*/");
            continue;
        }
        if line.starts_with("/*") && !line.contains("*/") {
            in_comment = true;
            continue;
        }
        let Some(rest) = line.strip_prefix("import") else {
            continue;
        };
        let name: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if rest.starts_with(char::is_whitespace) && !name.is_empty() {
            out.push(name);
        }
    }
    out
}
