//! Derived facts (`fact x : bool "…" = expr`): registered before any expression is checked,
//! so that a use refers to its derivation by index whatever the file order; checked in the
//! file that declares them; refused when they depend on themselves.

use rustc_hash::FxHashMap as HashMap;

use super::err::CheckError;
use super::expr::Type;
use super::scope::{FileChecker, Scope};
use super::to_span;
use crate::ast::{Expr, File, Item, Span, TypeExpr};
use crate::compile::{Derivation, FactId, FactKind, Program, ScalarType};

/// One derivation as written: where, of what, and its expression.
struct Site<'a> {
    file: usize,
    fact: FactId,
    field: Option<u16>,
    name: String,
    span: Span,
    expr: &'a Expr,
}

/// Every derivation of every file, in `Program::derivations` order.
pub(super) struct Derivations<'a> {
    sites: Vec<Site<'a>>,
}

/// Registers the derivations every file declares, each with a placeholder expression.
pub(super) fn register<'a>(program: &mut Program, parsed: &'a [Option<File>]) -> Derivations<'a> {
    let mut sites = Vec::new();
    for (file, ast) in parsed.iter().enumerate() {
        let Some(ast) = ast else { continue };
        for item in &ast.items {
            let Item::Fact(decl) = item else { continue };
            let Some(&fact) = program.facts.by_path.get(&decl.path.node) else {
                continue;
            };
            if let Some(expr) = &decl.derived {
                sites.push(Site {
                    file,
                    fact,
                    field: None,
                    name: decl.path.node.clone(),
                    span: decl.path.span,
                    expr,
                });
            }
            if let TypeExpr::List { fields, .. } = &decl.ty {
                for (i, field) in fields.iter().enumerate() {
                    let (Some(expr), Ok(index)) = (&field.derived, u16::try_from(i)) else {
                        continue;
                    };
                    sites.push(Site {
                        file,
                        fact,
                        field: Some(index),
                        name: format!("{}.{}", decl.path.node, field.name.node),
                        span: field.name.span,
                        expr,
                    });
                }
            }
        }
    }
    program.derivations = sites
        .iter()
        .map(|s| Derivation {
            fact: s.fact,
            field: s.field,
            expr: 0,
        })
        .collect();
    Derivations { sites }
}

impl Derivations<'_> {
    /// The derivations a file's rules use: its own, else those of the vocabularies it
    /// imports.
    pub(super) fn seen_from(
        &self,
        ast: &File,
        file: usize,
        vocabularies: &HashMap<&str, usize>,
    ) -> HashMap<(FactId, Option<u16>), u32> {
        let imports: Vec<usize> = ast
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Import(name) => vocabularies.get(name.node.as_str()).copied(),
                _ => None,
            })
            .collect();
        let mut out = HashMap::default();
        let own = self.indexed().filter(|(_, s)| s.file == file);
        let imported = self.indexed().filter(|(_, s)| imports.contains(&s.file));
        for (index, site) in own.chain(imported) {
            out.entry((site.fact, site.field)).or_insert(index);
        }
        out
    }

    fn indexed(&self) -> impl Iterator<Item = (u32, &Site<'_>)> {
        self.sites
            .iter()
            .enumerate()
            .filter_map(|(i, s)| Some((u32::try_from(i).ok()?, s)))
    }

    /// Reports each derivation that depends on itself, directly or through others
    /// (`dependencies`: (derivation, derivation its expression reads)).
    pub(super) fn check_cycles(
        &self,
        program: &Program,
        dependencies: &[(u32, u32)],
        errors: &mut Vec<(usize, CheckError)>,
    ) {
        for (index, site) in self.indexed() {
            // Depth-first from this derivation; a path back to it is a cycle.
            let mut stack: Vec<u32> = vec![index];
            let mut seen = vec![false; program.derivations.len()];
            let mut cyclic = false;
            while let Some(at) = stack.pop() {
                for (_, next) in dependencies.iter().filter(|(from, _)| *from == at) {
                    if *next == index {
                        cyclic = true;
                    }
                    if let Some(s) = seen.get_mut(*next as usize) {
                        if !*s {
                            *s = true;
                            stack.push(*next);
                        }
                    }
                }
            }
            if cyclic {
                errors.push((
                    site.file,
                    CheckError::CyclicDerivation {
                        name: site.name.clone(),
                        span: to_span(site.span),
                    },
                ));
            }
        }
    }
}

impl<'a> FileChecker<'a> {
    /// Checks the expressions of the derivations this file declares and puts them in the
    /// program.
    pub(super) fn derivations(&mut self, derivations: &Derivations<'a>) {
        for (index, site) in derivations.indexed() {
            if site.file != self.file {
                continue;
            }
            let expected = match (site.field, self.prog.facts.get(site.fact).map(|f| &f.kind)) {
                (None, Some(FactKind::Scalar(ty))) => *ty,
                (Some(field), Some(FactKind::List(_))) => {
                    match self.prog.facts.field(site.fact, field) {
                        Some(f) => f.ty,
                        None => continue,
                    }
                }
                _ => continue,
            };
            self.current_derivation = Some(index);
            if site.field.is_some() {
                self.scopes.push(Scope::Element {
                    fact: site.fact,
                    binder: 0,
                });
            }
            let node = self.derived_value(site.expr, expected);
            let text = self.text_of(site.expr.span);
            self.prog.keep_text(node, text);
            self.scopes.clear();
            self.current_derivation = None;
            if let Some(d) = self.prog.derivations.get_mut(index as usize) {
                d.expr = node;
            }
        }
    }

    /// A derivation's expression, which must have the fact's declared type.
    fn derived_value(&mut self, expr: &Expr, expected: ScalarType) -> crate::compile::NodeId {
        let want = Type::from_scalar(expected);
        match self.value(expr) {
            Some((node, found)) if found == want || (found.numeric() && want.numeric()) => node,
            Some((_, found)) => {
                let (found, expected) = (self.describe(found), self.describe(want));
                self.error(CheckError::DerivationType {
                    found,
                    expected,
                    span: to_span(expr.span),
                });
                self.dummy()
            }
            None => self.dummy(),
        }
    }
}
