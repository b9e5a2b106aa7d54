//! The decision table against the nodes it was built from: on every record written in the
//! shipped rule files' tests, each clause's conditions decide alike with and without it.

use std::sync::Arc;

use super::{Eval, Tracing};
use crate::check::check_all;
use crate::compile::{ClauseRule, NodeId, Program};
use crate::diagnostic::{Severity, SourceFile};
use crate::eval::bind;
use crate::parser::Reading;

fn shipped() -> Program {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rulesets");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "hjl"))
        .collect();
    files.sort();
    let sources: Vec<Arc<SourceFile>> = files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            Arc::new(SourceFile::new(p.display().to_string(), text))
        })
        .collect();
    let (program, diagnostics) = check_all(&sources, Reading::Whole);
    assert!(
        diagnostics.iter().all(|d| d.severity() != Severity::Error),
        "shipped rule files have errors"
    );
    program
}

#[test]
fn the_decision_table_decides_as_the_nodes_do() {
    let table = shipped();
    let mut nodes_only = shipped();
    nodes_only.ops.clear();
    let mut compared = 0;
    for version in &table.standards {
        let roots: Vec<NodeId> = version
            .applies
            .iter()
            .chain(&version.guards)
            .copied()
            .chain(version.clauses.iter().flat_map(|c| {
                let rules = match &c.rule {
                    ClauseRule::Major(rules) => rules.as_slice(),
                    ClauseRule::Pending(_) => &[],
                };
                c.applies.iter().chain(rules).copied()
            }))
            .collect();
        for test in &version.tests {
            let bound = bind(&table.facts, &test.given);
            let mut fast = Eval::new(&table, &bound);
            let mut slow = Eval::new(&nodes_only, &bound);
            let mut traced = Eval::tracing(&table, &bound);
            for &root in &roots {
                let value = fast.truth(root);
                traced.clear_trace();
                assert_eq!(value, slow.truth(root), "{} {}", version.name, test.name);
                assert_eq!(
                    value,
                    traced.trace(root, Tracing::Evidence),
                    "{} {}",
                    version.name,
                    test.name
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 10_000, "only {compared} conditions compared");
}
