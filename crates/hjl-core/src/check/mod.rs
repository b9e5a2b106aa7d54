//! Resolution and typing: every name against the declared facts, every type and unit, the
//! headers, clause numbers and tests. Emits the compiled `Program` as it goes.

mod allow;
mod decl;
mod derive;
mod err;
mod expr;
mod given;
mod lint;
mod scope;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

pub(crate) use allow::silence;
pub(crate) use err::CheckError;
use scope::FileChecker;

use crate::ast::{self, File, Item, Span};
use crate::compile::{FactId, FactKind, Program, ScalarType};
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::parser::Reading;

/// Parses (as much as `reading` says) and checks every file together; returns the program
/// and all diagnostics.
/// The program is only fit to run when no diagnostic is an error.
pub(crate) fn check_all(files: &[Arc<SourceFile>], reading: Reading) -> (Program, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut parsed: Vec<Option<File>> = Vec::with_capacity(files.len());
    for (file, result) in files.iter().zip(parse_all(files, reading)) {
        match result {
            Ok(ast) => parsed.push(Some(ast)),
            Err(errors) => {
                diagnostics.extend(
                    errors
                        .iter()
                        .map(|e| Diagnostic::from_stage(e, Severity::Error, file)),
                );
                parsed.push(None);
            }
        }
    }
    let mut program = Program {
        files: files.iter().map(|f| f.name().to_owned()).collect(),
        ..Program::default()
    };
    let mut errors: Vec<(usize, CheckError)> = Vec::new();

    let kinds: Vec<FileKind> = parsed
        .iter()
        .enumerate()
        .map(|(i, ast)| {
            ast.as_ref()
                .map_or(FileKind::Broken, |a| classify(a, i, &mut errors))
        })
        .collect();
    let vocabularies: HashMap<&str, usize> = kinds
        .iter()
        .enumerate()
        .filter_map(|(i, k)| match k {
            FileKind::Vocabulary(name) => Some((name.as_str(), i)),
            _ => None,
        })
        .collect();

    let mut declared = decl::Declarations::default();
    let mut clause_refs: Vec<(usize, (String, String, Span))> = Vec::new();
    for (i, ast) in parsed.iter().enumerate() {
        if let Some(ast) = ast {
            declared.declare_file(&mut program.facts, ast, i, &mut errors);
        }
    }
    let derivations = derive::register(&mut program, &parsed);
    let mut dependencies = Vec::new();

    for (i, ast) in parsed.iter().enumerate() {
        let Some(ast) = ast else { continue };
        let visible = visible_facts(ast, i, &vocabularies, &declared, &mut errors);
        let Some(source) = files.get(i) else { continue };
        let derived = derivations.seen_from(ast, i, &vocabularies);
        let mut checker = FileChecker::new(&mut program, source.text(), &visible, &declared, i);
        checker.derived = derived;
        checker.lint = reading == Reading::Whole;
        match kinds.get(i) {
            Some(FileKind::Standard) => checker.standard(ast),
            Some(FileKind::Vocabulary(_)) => checker.vocabulary(ast),
            _ => {}
        }
        // After the file's definitions are registered: a derivation may use them.
        checker.derivations(&derivations);
        dependencies.append(&mut checker.derivation_deps);
        let used = checker.used_facts();
        clause_refs.extend(
            std::mem::take(&mut checker.clause_refs)
                .into_iter()
                .map(|r| (i, r)),
        );
        let mut file_errors = checker.take_errors();
        // A lint in a file with errors is usually a consequence of those errors.
        let clean = !file_errors.iter().any(|e| !e.is_warning())
            && !errors.iter().any(|(f, e)| *f == i && !e.is_warning());
        if !clean {
            file_errors.retain(|e| !e.is_warning());
        }
        errors.extend(file_errors.into_iter().map(|e| (i, e)));
        if clean && matches!(kinds.get(i), Some(FileKind::Standard)) {
            warn_unused(&declared, i, &used, &mut errors);
        }
    }
    check_versions(&program, &parsed, &mut errors);
    check_clause_refs(&program, clause_refs, &mut errors);
    derivations.check_cycles(&program, &dependencies, &mut errors);
    for fact in &mut program.facts.facts {
        fact.general = matches!(fact.kind, FactKind::Scalar(_))
            && fact
                .files
                .iter()
                .all(|f| matches!(kinds.get(*f), Some(FileKind::Vocabulary(_))));
    }
    program.inspection_date = common_fact(&program, "inspection.date", ScalarType::Date);
    program.inspection_id = common_fact(&program, "inspection.id", ScalarType::Text);

    program.prepare();
    if reading == Reading::Whole && errors.iter().all(|(_, e)| e.is_warning()) {
        untested_facts(&program, &declared, &mut errors);
    }
    // Only a program without errors is judged (a derivation may depend on itself otherwise).
    if diagnostics.is_empty() && errors.iter().all(|(_, e)| e.is_warning()) {
        crate::judge::mark_quiet(&mut program);
    }
    for (i, e) in errors {
        if let Some(file) = files.get(i) {
            let severity = if e.is_warning() {
                Severity::Warning
            } else {
                Severity::Error
            };
            diagnostics.push(Diagnostic::from_stage(&e, severity, file));
        }
    }
    silence(&mut diagnostics);
    (program, diagnostics)
}

/// A file's syntax tree, or why it could not be read.
type Parsed = Result<File, Vec<crate::parser::ParseError>>;

/// Parses every file, in the order given. Files are independent until checked, so on a
/// machine with several cores they are parsed on as many threads, the largest first (the
/// shipped rule files range from a few dozen lines to a few thousand).
fn parse_all(files: &[Arc<SourceFile>], reading: Reading) -> Vec<Parsed> {
    let parse = |file: &SourceFile| crate::parser::parse(file.text(), reading);
    let threads = parse_threads(files);
    if threads < 2 {
        return files.iter().map(|f| parse(f)).collect();
    }
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(files.get(i).map_or(0, |f| f.text().len())));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Parsed>> = (0..files.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&index) = order.get(taken) else {
                            break;
                        };
                        if let Some(file) = files.get(index) {
                            done.push((index, parse(file)));
                        }
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            // A parser panic is a bug: re-raise it on the calling thread as it is.
            let done = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (index, result) in done {
                if let Some(slot) = results.get_mut(index) {
                    *slot = Some(result);
                }
            }
        }
    });
    results
        .into_iter()
        .zip(files)
        .map(|(result, file)| result.unwrap_or_else(|| parse(file)))
        .collect()
}

/// Threads worth starting for parsing: none on WebAssembly (no threads there) or for a
/// small amount of text, else one per core, at most one per file.
fn parse_threads(files: &[Arc<SourceFile>]) -> usize {
    /// Below this much text, starting a thread costs more than it saves.
    const WORTH_A_THREAD: usize = 64 * 1024;
    if cfg!(target_arch = "wasm32") {
        return 1;
    }
    let text: usize = files.iter().map(|f| f.text().len()).sum();
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(files.len())
        .min(text / WORTH_A_THREAD + 1)
}

/// A fact every record may carry, when it is declared with the type it needs.
fn common_fact(program: &Program, path: &str, ty: ScalarType) -> Option<FactId> {
    program.facts.by_path.get(path).copied().filter(|id| {
        program
            .facts
            .get(*id)
            .is_some_and(|f| f.kind == FactKind::Scalar(ty))
    })
}

enum FileKind {
    Standard,
    Vocabulary(String),
    Broken,
}

pub(crate) fn to_span(span: Span) -> miette::SourceSpan {
    (span.start, span.len()).into()
}

fn classify(file: &File, index: usize, errors: &mut Vec<(usize, CheckError)>) -> FileKind {
    let mut kind = None;
    for item in &file.items {
        let (this, span) = match item {
            Item::Vocabulary { name, span, .. } => (FileKind::Vocabulary(name.node.clone()), *span),
            Item::Standard(h) => (FileKind::Standard, h.span),
            _ => continue,
        };
        if kind.is_some() {
            errors.push((
                index,
                CheckError::SecondHeader {
                    span: to_span(span),
                },
            ));
        } else {
            kind = Some(this);
        }
    }
    kind.unwrap_or_else(|| {
        let error = match file.items.first() {
            Some(first) => CheckError::NoHeader {
                span: to_span(item_span(first)),
            },
            None => CheckError::EmptyFile {
                span: to_span(Span::new(0, 0)),
            },
        };
        errors.push((index, error));
        FileKind::Broken
    })
}

pub(crate) fn item_span(item: &Item) -> Span {
    match item {
        Item::Vocabulary { span, .. } => *span,
        Item::Standard(h) => h.span,
        Item::Import(i) => i.span,
        Item::Fact(f) => f.path.span,
        Item::Let(l) => l.name.span,
        Item::Section(s) => s.title.span,
        Item::Clause(c) => c.number.span,
        Item::Test(t) => t.name.span,
    }
}

fn visible_facts(
    file: &File,
    index: usize,
    vocabularies: &HashMap<&str, usize>,
    declared: &decl::Declarations,
    errors: &mut Vec<(usize, CheckError)>,
) -> HashSet<FactId> {
    let mut visible: HashSet<FactId> = declared.facts_of(index).collect();
    for item in &file.items {
        let Item::Import(name) = item else { continue };
        match vocabularies.get(name.node.as_str()) {
            Some(&vocab) => visible.extend(declared.facts_of(vocab)),
            None => errors.push((
                index,
                CheckError::UnknownImport {
                    name: name.node.clone(),
                    span: to_span(name.span),
                    help: crate::diagnostic::did_you_mean(&name.node, vocabularies.keys().copied())
                        .or_else(|| {
                            Some(format!("请一并加载写有 `vocabulary {}` 的文件", name.node))
                        }),
                },
            )),
        }
    }
    visible
}

/// W0106: a fact the rules of a version read (its own file declares it) that none of the
/// version's tests gives, directly or as the part of a list. A derived fact is judged by
/// its parts; a version without tests is left to the coverage lint.
fn untested_facts(
    program: &Program,
    declared: &decl::Declarations,
    errors: &mut Vec<(usize, CheckError)>,
) {
    for version in &program.standards {
        if version.tests.is_empty() {
            continue;
        }
        let mut given = HashSet::default();
        for test in &version.tests {
            given_facts(program, "", &test.given, &mut given);
        }
        let derived: HashSet<FactId> = program.derivations.iter().map(|d| d.fact).collect();
        for (id, path, span) in declared.declarations_in(version.file) {
            let read = version.reads.binary_search(&id).is_ok();
            if read && !given.contains(&id) && !derived.contains(&id) {
                errors.push((
                    version.file,
                    CheckError::UntestedFact {
                        name: path.to_owned(),
                        span: to_span(span),
                    },
                ));
            }
        }
    }
}

/// The facts a test record gives, nested or dotted.
fn given_facts(
    program: &Program,
    prefix: &str,
    value: &serde_json::Value,
    out: &mut HashSet<FactId>,
) {
    let serde_json::Value::Object(map) = value else {
        return;
    };
    for (key, value) in map {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match program.facts.by_path.get(&path) {
            Some(id) if !value.is_null() => {
                out.insert(*id);
            }
            Some(_) => {}
            None => given_facts(program, &path, value, out),
        }
    }
}

fn warn_unused(
    declared: &decl::Declarations,
    file: usize,
    used: &HashSet<FactId>,
    errors: &mut Vec<(usize, CheckError)>,
) {
    for (id, path, span) in declared.declarations_in(file) {
        if !used.contains(&id) {
            errors.push((
                file,
                CheckError::UnusedFact {
                    name: path.to_owned(),
                    span: to_span(span),
                },
            ));
        }
    }
}

fn check_versions(
    program: &Program,
    parsed: &[Option<File>],
    errors: &mut Vec<(usize, CheckError)>,
) {
    let mut seen: HashMap<(&str, chrono::NaiveDate), usize> = HashMap::default();
    for version in &program.standards {
        if seen
            .insert((version.name.as_str(), version.effective), version.file)
            .is_some()
        {
            let span = parsed
                .get(version.file)
                .and_then(Option::as_ref)
                .and_then(|f| {
                    f.items.iter().find_map(|i| match i {
                        Item::Standard(h) => Some(h.name.span),
                        _ => None,
                    })
                })
                .unwrap_or_default();
            errors.push((
                version.file,
                CheckError::DuplicateVersion {
                    name: version.name.clone(),
                    date: version.effective.to_string(),
                    span: to_span(span),
                },
            ));
        }
    }
}

/// A clause a test names must exist in some loaded version of the test's standard.
fn check_clause_refs(
    program: &Program,
    refs: Vec<(usize, (String, String, Span))>,
    errors: &mut Vec<(usize, CheckError)>,
) {
    for (file, (standard, clause, span)) in refs {
        let numbers = || {
            program
                .standards
                .iter()
                .filter(|v| v.name == standard)
                .flat_map(|v| v.clauses.iter().map(|c| c.number.as_str()))
        };
        if !numbers().any(|n| crate::testing::same_clause(n, &clause)) {
            let help = crate::diagnostic::did_you_mean(&clause, numbers());
            errors.push((
                file,
                CheckError::UnknownClause {
                    number: clause,
                    span: to_span(span),
                    help,
                },
            ));
        }
    }
}

/// Names the standard's header entries for messages.
pub(crate) fn header_entry_name(entry: &ast::HeaderEntry) -> &'static str {
    match entry {
        ast::HeaderEntry::Issuer(_) => "issuer",
        ast::HeaderEntry::Document(_) => "document",
        ast::HeaderEntry::Effective(_) => "effective",
        ast::HeaderEntry::Replaces(_) => "replaces",
        ast::HeaderEntry::Superseded { .. } => "superseded",
        ast::HeaderEntry::Applies(_) => "applies when",
    }
}
