//! Checking one file: the standard's header, its sections and clauses, its definitions and
//! tests. Expression typing lives in `expr`, test records in `given`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::decl::Declarations;
use super::err::CheckError;
use super::{header_entry_name, to_span};
use crate::ast::{self, ClauseBody, File, HeaderEntry, Item, LetDef, Section, SectionItem, Span};
use crate::compile::{
    ClauseIr, ClauseRule, FactId, NodeId, Program, SectionIr, StandardVersion, Succession,
};

/// A name bound while checking an expression.
#[derive(Debug, Clone)]
pub(super) enum Scope {
    /// `any f in L: ...` binds `f` to an element of list fact `fact`.
    Named {
        name: String,
        fact: FactId,
        binder: u16,
    },
    /// `L where ...`: the element's fields are in scope by bare name.
    Element { fact: FactId, binder: u16 },
}

pub(super) struct FileChecker<'a> {
    pub prog: &'a mut Program,
    pub src: &'a str,
    pub visible: &'a HashSet<FactId>,
    pub declared: &'a Declarations,
    pub file: usize,
    pub lets: HashMap<String, &'a LetDef>,
    pub expanding: Vec<String>,
    pub scopes: Vec<Scope>,
    /// Scopes below this index are invisible (inside an expanded definition).
    pub hidden_below: usize,
    /// While positive, errors are dropped (a definition re-expanded at a use site).
    pub quiet: u32,
    pub used: HashSet<FactId>,
    errors: Vec<CheckError>,
    /// Spans of definition cycles already reported.
    cycles: HashSet<(usize, usize)>,
    /// Clause numbers named by tests: (standard, clause, span), checked after all files.
    pub clause_refs: Vec<(String, String, Span)>,
    /// Byte offsets where lines start, computed on first use.
    line_starts: Vec<usize>,
    /// The derivations this file's uses of facts read, by (fact, list field).
    pub derived: HashMap<(FactId, Option<u16>), u32>,
    /// The derivation whose expression is being checked, if any.
    pub current_derivation: Option<u32>,
    /// (derivation, derivation its expression reads), for the cycle check.
    pub derivation_deps: Vec<(u32, u32)>,
    /// Whether to look for rules that cannot be meant (`check::lint`).
    pub lint: bool,
}

impl<'a> FileChecker<'a> {
    pub fn new(
        prog: &'a mut Program,
        src: &'a str,
        visible: &'a HashSet<FactId>,
        declared: &'a Declarations,
        file: usize,
    ) -> Self {
        Self {
            prog,
            src,
            visible,
            declared,
            file,
            lets: HashMap::default(),
            expanding: Vec::new(),
            scopes: Vec::new(),
            hidden_below: 0,
            quiet: 0,
            used: HashSet::default(),
            errors: Vec::new(),
            cycles: HashSet::default(),
            clause_refs: Vec::new(),
            line_starts: Vec::new(),
            derived: HashMap::default(),
            current_derivation: None,
            derivation_deps: Vec::new(),
            lint: false,
        }
    }

    pub fn error(&mut self, e: CheckError) {
        if self.quiet == 0 {
            self.errors.push(e);
        }
    }

    /// Reports a definition cycle once per place, whether or not errors are quiet.
    pub fn cycle(&mut self, e: CheckError, span: Span) {
        if self.cycles.insert((span.start, span.end)) {
            self.errors.push(e);
        }
    }

    pub fn take_errors(&mut self) -> Vec<CheckError> {
        std::mem::take(&mut self.errors)
    }

    pub fn used_facts(&self) -> HashSet<FactId> {
        self.used.clone()
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&mut self, offset: usize) -> usize {
        if self.line_starts.is_empty() {
            self.line_starts.push(0);
            let src = self.src;
            self.line_starts
                .extend(src.match_indices('\n').map(|(i, _)| i + 1));
        }
        self.line_starts.partition_point(|start| *start <= offset)
    }

    pub fn text_of(&self, span: Span) -> &'a str {
        self.src.get(span.start..span.end).unwrap_or("")
    }

    /// A vocabulary may hold facts and imports only.
    pub fn vocabulary(&mut self, file: &'a File) {
        for item in &file.items {
            let what = match item {
                Item::Let(_) => "定义",
                Item::Section(_) => "章节",
                Item::Clause(_) => "条款",
                Item::Test(_) => "测试",
                _ => continue,
            };
            self.error(CheckError::RulesInVocabulary {
                what: what.to_owned(),
                span: to_span(super::item_span(item)),
            });
        }
    }

    pub fn standard(&mut self, file: &'a File) {
        let Some(header) = file.items.iter().find_map(|i| match i {
            Item::Standard(h) => Some(h),
            _ => None,
        }) else {
            return;
        };
        self.register_lets(file);
        let mut version = self.header(header);
        for item in &file.items {
            match item {
                Item::Section(section) => {
                    self.section(section, &mut version, &mut Vec::new(), None);
                }
                Item::Clause(clause) => self.clause(clause, None, &[], &mut version),
                _ => {}
            }
        }
        // Check every definition once, so that errors in unused ones are reported too.
        for item in &file.items {
            if let Item::Let(def) = item {
                self.expand_let(def, def.name.span);
            }
        }
        self.check_duplicate_clauses(&version, file);
        self.lint_same_conditions(&version, file);
        for item in &file.items {
            if let Item::Test(test) = item {
                if let Some(t) = self.test(test, &version) {
                    version.tests.push(t);
                }
            }
        }
        let mut visible: Vec<FactId> = self.visible.iter().copied().collect();
        visible.sort_unstable();
        version.visible = visible;
        version.mentions = self.mentions();
        version.index = self.prog.standards.len();
        self.prog.standards.push(version);
    }

    /// The facts whose presence says a record speaks of this standard: those its own file
    /// declares.
    fn mentions(&self) -> Vec<FactId> {
        let mut out: Vec<FactId> = self.declared.facts_of(self.file).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn register_lets(&mut self, file: &'a File) {
        for item in &file.items {
            let Item::Let(def) = item else { continue };
            if self.lets.insert(def.name.node.clone(), def).is_some() {
                self.error(CheckError::DuplicateLet {
                    name: def.name.node.clone(),
                    span: to_span(def.name.span),
                });
            }
        }
    }

    fn header(&mut self, header: &ast::StandardHeader) -> StandardVersion {
        let mut seen: HashSet<&'static str> = HashSet::default();
        let mut version = StandardVersion {
            index: 0,
            name: header.name.node.clone(),
            title: header.title.node.clone(),
            issuer: String::new(),
            document: String::new(),
            effective: chrono::NaiveDate::MIN,
            effective_text: String::new(),
            replaces: None,
            superseded: None,
            applies: None,
            guards: Vec::new(),
            sections: Vec::new(),
            guard_sections: Vec::new(),
            clauses: Vec::new(),
            tests: Vec::new(),
            file: self.file,
            visible: Vec::new(),
            mentions: Vec::new(),
            foreign: Vec::new(),
            reads: Vec::new(),
            quiet: false,
        };
        for entry in &header.entries {
            let name = header_entry_name(entry);
            if !seen.insert(name) {
                let span = match entry {
                    HeaderEntry::Issuer(t)
                    | HeaderEntry::Document(t)
                    | HeaderEntry::Replaces(t) => t.span,
                    HeaderEntry::Effective(d) | HeaderEntry::Superseded { date: d, .. } => d.span,
                    HeaderEntry::Applies(e) => e.span,
                };
                self.error(CheckError::RepeatedHeaderEntry {
                    entry: name.to_owned(),
                    span: to_span(span),
                });
                continue;
            }
            match entry {
                HeaderEntry::Issuer(t) => version.issuer = t.node.clone(),
                HeaderEntry::Document(t) => version.document = t.node.clone(),
                HeaderEntry::Effective(d) => version.effective = d.node,
                HeaderEntry::Replaces(t) => version.replaces = Some(t.node.clone()),
                HeaderEntry::Superseded { date, by, into } => {
                    if let Some(into) = into.as_ref().filter(|i| i.node == header.name.node) {
                        self.error(CheckError::SucceededBySelf {
                            name: into.node.clone(),
                            span: to_span(into.span),
                        });
                    }
                    version.superseded = Some(Succession {
                        until: date.node,
                        by: by.as_ref().map(|b| b.node.clone()),
                        into: into.as_ref().map(|i| i.node.clone()),
                    });
                }
                HeaderEntry::Applies(e) => {
                    let node = self.rule_condition(e);
                    self.lint_vacuous(node, e.span);
                    version.applies = Some(node);
                }
            }
        }
        for (entry, example) in [
            ("issuer", "issuer \"应急管理部\""),
            ("document", "document \"应急管理部令第10号\""),
            ("effective", "effective 2023-05-15"),
        ] {
            if !seen.contains(entry) {
                self.error(CheckError::MissingHeaderEntry {
                    name: header.name.node.clone(),
                    entry: entry.to_owned(),
                    span: to_span(header.name.span),
                    help: Some(format!("在文件头的花括号内加上 `{example}`")),
                });
            }
        }
        if let Some(superseded) = version.superseded.as_ref().map(|s| s.until) {
            if seen.contains("effective") && superseded <= version.effective {
                let span = header.entries.iter().find_map(|e| match e {
                    HeaderEntry::Superseded { date, .. } => Some(date.span),
                    _ => None,
                });
                self.error(CheckError::SupersededBeforeEffective {
                    superseded: superseded.to_string(),
                    effective: version.effective.to_string(),
                    span: to_span(span.unwrap_or(header.name.span)),
                });
            }
        }
        version.effective_text = version.effective.to_string();
        version
    }

    fn section(
        &mut self,
        section: &Section,
        version: &mut StandardVersion,
        guards: &mut Vec<usize>,
        parent: Option<usize>,
    ) {
        let pushed = section.guard.as_ref().map(|g| {
            let node = self.rule_condition(g);
            self.lint_vacuous(node, g.span);
            version.guards.push(node);
            version.guard_sections.push(section.title.node.clone());
            guards.push(version.guards.len() - 1);
        });
        let at = version.sections.len();
        version.sections.push(SectionIr {
            title: section.title.node.clone(),
            parent,
        });
        for item in &section.items {
            match item {
                SectionItem::Section(inner) => self.section(inner, version, guards, Some(at)),
                SectionItem::Clause(clause) => {
                    self.clause(clause, Some((&section.title.node, at)), guards, version);
                }
            }
        }
        if pushed.is_some() {
            guards.pop();
        }
    }

    fn clause(
        &mut self,
        clause: &ast::Clause,
        section: Option<(&str, usize)>,
        guards: &[usize],
        version: &mut StandardVersion,
    ) {
        let (applies, rule, line_labels, pending_limb, note) = match &clause.body {
            ClauseBody::Pending(reason) => (
                Vec::new(),
                ClauseRule::Pending(reason.node.clone()),
                Vec::new(),
                None,
                None,
            ),
            ClauseBody::Rules {
                applies,
                major,
                notes,
                pending,
                span,
            } => {
                if major.is_empty() {
                    self.error(CheckError::NoMajorRule {
                        number: clause.number.node.clone(),
                        span: to_span(*span),
                    });
                }
                let applies: Vec<NodeId> = applies.iter().map(|e| self.rule_condition(e)).collect();
                let rules: Vec<NodeId> =
                    major.iter().map(|m| self.rule_condition(&m.expr)).collect();
                let lines = applies.iter().zip(ast_applies(&clause.body));
                let lines = lines.chain(rules.iter().zip(major.iter().map(|m| &m.expr)));
                for (node, expr) in lines.collect::<Vec<_>>() {
                    self.lint_vacuous(*node, expr.span);
                }
                let labels = major
                    .iter()
                    .map(|m| m.label.as_ref().map(|l| l.node.clone()))
                    .collect();
                let note = (!notes.is_empty()).then(|| {
                    notes
                        .iter()
                        .map(|n| n.node.as_str())
                        .collect::<Vec<_>>()
                        .join("；")
                });
                let pending = pending.as_ref().map(|p| p.node.clone());
                (applies, ClauseRule::Major(rules), labels, pending, note)
            }
        };
        version.clauses.push(ClauseIr {
            number: clause.number.node.clone(),
            span: clause.number.span,
            title: clause.title.node.clone(),
            section: section.map(|(title, _)| title.to_owned()),
            section_at: section.map(|(_, at)| at),
            section_guards: guards.to_vec(),
            applies,
            rule,
            line_labels,
            pending_limb,
            note,
        });
    }

    /// W0103 for a condition that can never hold or always holds.
    fn lint_vacuous(&mut self, node: NodeId, span: Span) {
        if !self.lint {
            return;
        }
        let what = match super::lint::Reader::new(self.prog).vacuous(node) {
            Some(super::lint::Vacuous::Never) => "永远不会成立",
            Some(super::lint::Vacuous::Always) => {
                "只要给出其中的事实就总是成立（事实声明的取值范围已决定了这一点）"
            }
            None => return,
        };
        self.error(CheckError::Vacuous {
            what: what.to_owned(),
            span: to_span(span),
        });
    }

    /// W0104 for a clause whose conditions repeat an earlier clause's.
    fn lint_same_conditions(&mut self, version: &StandardVersion, file: &File) {
        if !self.lint {
            return;
        }
        let mut spans: Vec<(&str, Span)> = Vec::new();
        collect_clause_spans(&file.items, &mut spans);
        let reader = super::lint::Reader::new(self.prog);
        let mut seen: HashMap<String, &str> = HashMap::default();
        let mut twins = Vec::new();
        for (clause, (number, span)) in version.clauses.iter().zip(spans) {
            let ClauseRule::Major(majors) = &clause.rule else {
                continue;
            };
            let guards = clause
                .section_guards
                .iter()
                .filter_map(|g| version.guards.get(*g).copied());
            let mut shape = reader.clause_shape(guards, &clause.applies, majors);
            // A limb still pending may be what tells two clauses apart.
            shape.push_str(clause.pending_limb.as_deref().unwrap_or_default());
            match seen.get(shape.as_str()) {
                Some(twin) => twins.push(CheckError::SameConditions {
                    number: number.to_owned(),
                    twin: (*twin).to_owned(),
                    span: to_span(span),
                }),
                None => {
                    seen.insert(shape, number);
                }
            }
        }
        for twin in twins {
            self.error(twin);
        }
    }

    /// A condition a clause is judged by, its source text kept for explanations.
    fn rule_condition(&mut self, e: &ast::Expr) -> NodeId {
        let node = self.condition(e);
        let text = self.text_of(e.span);
        self.prog.keep_text(node, text);
        node
    }

    fn check_duplicate_clauses(&mut self, version: &StandardVersion, file: &File) {
        let mut spans: Vec<(&str, Span)> = Vec::new();
        collect_clause_spans(&file.items, &mut spans);
        let mut seen = HashSet::default();
        for (number, span) in spans {
            if !seen.insert(number) {
                self.error(CheckError::DuplicateClause {
                    number: number.to_owned(),
                    span: to_span(span),
                });
            }
        }
        debug_assert!(version.clauses.len() >= seen.len());
    }
}

/// The `applies when` expressions of a clause body.
fn ast_applies(body: &ClauseBody) -> &[ast::Expr] {
    match body {
        ClauseBody::Rules { applies, .. } => applies,
        ClauseBody::Pending(_) => &[],
    }
}

fn collect_clause_spans<'f>(items: &'f [Item], out: &mut Vec<(&'f str, Span)>) {
    fn walk<'f>(section: &'f Section, out: &mut Vec<(&'f str, Span)>) {
        for item in &section.items {
            match item {
                SectionItem::Section(s) => walk(s, out),
                SectionItem::Clause(c) => out.push((c.number.node.as_str(), c.number.span)),
            }
        }
    }
    for item in items {
        match item {
            Item::Section(s) => walk(s, out),
            Item::Clause(c) => out.push((c.number.node.as_str(), c.number.span)),
            _ => {}
        }
    }
}
