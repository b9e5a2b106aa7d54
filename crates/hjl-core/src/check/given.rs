//! Tests in rule files: the `given` record becomes JSON exactly as an inspection system
//! would send it, and is bound at check time so a wrong key or type is a diagnostic.

use rustc_hash::FxHashMap as HashMap;

use serde_json::{Map, Value as Json};

use super::err::CheckError;
use super::scope::FileChecker;
use super::to_span;
use crate::ast::{Expectation, Given, Span, Spanned, TestCase};
use crate::compile::{StandardVersion, TestIr};
use crate::diagnostic::did_you_mean;
use crate::report::{Outcome, Verdict};
use crate::testing::Expect;

impl FileChecker<'_> {
    pub(super) fn test(&mut self, test: &TestCase, version: &StandardVersion) -> Option<TestIr> {
        let mut spans = HashMap::default();
        let given = to_json(&test.given, String::new(), &mut spans);
        let bound = crate::eval::bind(&self.prog.facts, &given);
        for e in &bound.errors {
            let span = spans
                .get(e.path.as_str())
                .copied()
                .unwrap_or(test.given.span);
            let message = format!("`{}`：{}", e.path, e.message);
            self.error(CheckError::BadGiven {
                message,
                span: to_span(span),
                help: None,
            });
        }
        for path in &bound.unknown {
            let span = spans.get(path.as_str()).copied().unwrap_or(test.given.span);
            let help = self.suggest_path(path);
            let message = format!("`{path}` 不是已声明的事实");
            self.error(CheckError::BadGiven {
                message,
                span: to_span(span),
                help,
            });
        }
        if test.expects.is_empty() {
            self.error(CheckError::EmptyTest {
                name: test.name.node.clone(),
                span: to_span(test.name.span),
            });
        }
        let mut expects = Vec::new();
        for e in &test.expects {
            match e {
                Expectation::Verdict(word) => match Verdict::from_word(&word.node) {
                    Some(v) => expects.push(Expect::Verdict(v)),
                    None => self.unknown_outcome(&word.node, word.span, Verdict::WORDS),
                },
                Expectation::Set { outcome, clauses } => {
                    let Some(o) = Outcome::from_word(&outcome.node) else {
                        self.unknown_outcome(&outcome.node, outcome.span, Outcome::WORDS);
                        continue;
                    };
                    // Checked once every file is loaded: the inspection date may pick
                    // another version of the standard, whose clauses the test may name.
                    for c in clauses {
                        self.clause_refs
                            .push((version.name.clone(), c.node.clone(), c.span));
                    }
                    expects.push(Expect::Outcome {
                        outcome: o,
                        clauses: clauses.iter().map(|c| c.node.clone()).collect(),
                    });
                }
            }
        }
        let line = self.line_of(test.name.span.start);
        Some(TestIr {
            name: test.name.node.clone(),
            line,
            given,
            expects,
        })
    }

    fn unknown_outcome(&mut self, word: &str, span: Span, words: &[&str]) {
        let help = did_you_mean(word, words.iter().copied())
            .or_else(|| Some(format!("可写：{}", words.join("、"))));
        self.error(CheckError::UnknownOutcome {
            word: word.to_owned(),
            span: to_span(span),
            help,
        });
    }

    fn suggest_path(&self, path: &str) -> Option<String> {
        let candidates: Vec<&str> = self
            .visible
            .iter()
            .filter_map(|id| self.prog.facts.get(*id))
            .map(|f| f.path.as_str())
            .collect();
        did_you_mean(path, candidates)
    }
}

/// Builds the JSON record, remembering where each path was written.
fn to_json(value: &Spanned<Given>, path: String, spans: &mut HashMap<String, Span>) -> Json {
    if !path.is_empty() {
        spans.insert(path.clone(), value.span);
    }
    match &value.node {
        Given::Object(members) => {
            let mut map = Map::new();
            for (key, v) in members {
                // Dotted keys nest: `a.b: 1` is `{"a": {"b": 1}}`.
                let parts: Vec<&str> = key.node.split('.').collect();
                let mut target = &mut map;
                let mut full = path.clone();
                for (i, part) in parts.iter().enumerate() {
                    if !full.is_empty() {
                        full.push('.');
                    }
                    full.push_str(part);
                    if i + 1 == parts.len() {
                        let json = to_json(v, full.clone(), spans);
                        spans.insert(full.clone(), key.span);
                        target.insert((*part).to_owned(), json);
                        break;
                    }
                    spans.entry(full.clone()).or_insert(key.span);
                    let entry = target
                        .entry((*part).to_owned())
                        .or_insert_with(|| Json::Object(Map::new()));
                    if !entry.is_object() {
                        *entry = Json::Object(Map::new());
                    }
                    let Json::Object(inner) = entry else { break };
                    target = inner;
                }
            }
            Json::Object(map)
        }
        Given::Array(items) => Json::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| to_json(v, format!("{path}[{i}]"), spans))
                .collect(),
        ),
        Given::Date(d) => Json::String(d.to_string()),
        Given::Quantity(n, unit) => {
            let mut map = Map::new();
            map.insert("value".to_owned(), number(*n));
            map.insert("unit".to_owned(), Json::String(unit.node.clone()));
            Json::Object(map)
        }
        Given::Number(n) => number(*n),
        Given::Text(s) | Given::Word(s) => Json::String(s.clone()),
        Given::Bool(b) => Json::Bool(*b),
    }
}

fn number(n: rust_decimal::Decimal) -> Json {
    serde_json::from_str(&n.to_string()).unwrap_or(Json::Null)
}
