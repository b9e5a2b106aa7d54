//! Fact declarations: types and units of every `fact`, merged into one table for all files.

use rustc_hash::FxHashSet as HashSet;

use super::err::CheckError;
use super::to_span;
use crate::ast::{self, CmpOp, FactDecl, File, Item, Span, TypeExpr};
use crate::compile::{Bounds, EnumDef, Fact, FactId, FactKind, FactTable, Field, ScalarType};
use crate::diagnostic::did_you_mean;
use crate::units::{Dimension, Unit};

const SCALAR_TYPES: [&str; 5] = ["bool", "integer", "number", "date", "text"];

/// Where each fact was declared, per file.
#[derive(Default)]
pub(super) struct Declarations {
    /// (file, fact, path, span of the path)
    entries: Vec<(usize, FactId, String, Span)>,
    /// Facts whose declared type is invalid: reading them reports nothing more.
    poisoned: HashSet<FactId>,
}

impl Declarations {
    pub fn facts_of(&self, file: usize) -> impl Iterator<Item = FactId> + '_ {
        self.entries
            .iter()
            .filter(move |e| e.0 == file)
            .map(|e| e.1)
    }

    pub fn declarations_in(&self, file: usize) -> impl Iterator<Item = (FactId, &str, Span)> + '_ {
        self.entries
            .iter()
            .filter(move |e| e.0 == file)
            .map(|e| (e.1, e.2.as_str(), e.3))
    }

    pub fn is_poisoned(&self, fact: FactId) -> bool {
        self.poisoned.contains(&fact)
    }

    /// The first file that declares `fact`.
    pub fn home_of(&self, fact: FactId) -> Option<usize> {
        self.entries.iter().find(|e| e.1 == fact).map(|e| e.0)
    }

    pub fn declare_file(
        &mut self,
        table: &mut FactTable,
        file: &File,
        index: usize,
        errors: &mut Vec<(usize, CheckError)>,
    ) {
        let mut in_this_file = HashSet::default();
        for item in &file.items {
            let Item::Fact(decl) = item else { continue };
            let mut local = Vec::new();
            let kind = fact_kind(table, decl, &mut local);
            let bounds = match &kind {
                FactKind::Scalar(ty) => bounds(*ty, &decl.bounds, &mut local),
                FactKind::List(_) => {
                    if let Some(b) = decl.bounds.first() {
                        local.push(CheckError::BadBound {
                            message: "列表不能有界限".to_owned(),
                            span: to_span(b.span),
                            help: Some("把界限写在列表的字段上".to_owned()),
                        });
                    }
                    Bounds::default()
                }
            };
            let poisoned = local
                .iter()
                .any(|e| matches!(e, CheckError::UnknownType { .. }));
            errors.extend(local.into_iter().map(|e| (index, e)));
            if decl.label.as_ref().is_none_or(|l| l.node.trim().is_empty()) {
                errors.push((
                    index,
                    CheckError::MissingLabel {
                        name: decl.path.node.clone(),
                        span: to_span(decl.path.span),
                    },
                ));
            }
            let path = decl.path.node.clone();
            if !in_this_file.insert(path.clone()) {
                errors.push((
                    index,
                    CheckError::DuplicateFact {
                        name: path,
                        elsewhere: String::new(),
                        span: to_span(decl.path.span),
                    },
                ));
                continue;
            }
            let id = match table.by_path.get(&path) {
                Some(&id) => {
                    let Some(existing) = table.facts.get_mut(id as usize) else {
                        continue;
                    };
                    if existing.kind != kind || existing.bounds != bounds {
                        errors.push((
                            index,
                            CheckError::DuplicateFact {
                                name: path,
                                elsewhere: "（在另一个文件中，类型不同）".to_owned(),
                                span: to_span(decl.path.span),
                            },
                        ));
                        continue;
                    }
                    existing.files.push(index);
                    id
                }
                None => table.insert(Fact {
                    path: path.clone(),
                    label: decl
                        .label
                        .as_ref()
                        .map(|l| l.node.clone())
                        .unwrap_or_default(),
                    kind,
                    bounds,
                    files: vec![index],
                    field_labels: Vec::new(),
                    name_field: None,
                    readers: Vec::new(),
                    general: false,
                }),
            };
            if poisoned {
                self.poisoned.insert(id);
            }
            self.entries.push((index, id, path, decl.path.span));
        }
    }
}

fn fact_kind(table: &mut FactTable, decl: &FactDecl, errors: &mut Vec<CheckError>) -> FactKind {
    match &decl.ty {
        TypeExpr::List { fields, .. } => {
            let mut seen = HashSet::default();
            let mut out = Vec::new();
            for field in fields {
                if !seen.insert(field.name.node.as_str()) {
                    errors.push(CheckError::DuplicateField {
                        name: field.name.node.clone(),
                        span: to_span(field.name.span),
                    });
                }
                if field
                    .label
                    .as_ref()
                    .is_none_or(|l| l.node.trim().is_empty())
                {
                    errors.push(CheckError::MissingLabel {
                        name: format!("{}.{}", decl.path.node, field.name.node),
                        span: to_span(field.name.span),
                    });
                }
                let ty = if let TypeExpr::List { span, .. } = &field.ty {
                    errors.push(CheckError::NestedList {
                        span: to_span(*span),
                    });
                    ScalarType::Text
                } else {
                    scalar_type(table, &field.ty, errors)
                };
                let bounds = bounds(ty, &field.bounds, errors);
                out.push(Field {
                    name: field.name.node.clone(),
                    label: field
                        .label
                        .as_ref()
                        .map(|l| l.node.clone())
                        .unwrap_or_default(),
                    ty,
                    bounds,
                });
            }
            FactKind::List(out)
        }
        ty => FactKind::Scalar(scalar_type(table, ty, errors)),
    }
}

/// Checks a fact's or field's bounds against its type and puts them in its base unit.
fn bounds(ty: ScalarType, written: &[ast::Bound], errors: &mut Vec<CheckError>) -> Bounds {
    let mut out = Bounds::default();
    for b in written {
        let mut bad = |message: String, help: Option<String>| {
            errors.push(CheckError::BadBound {
                message,
                span: to_span(b.span),
                help,
            });
        };
        if matches!(b.op, CmpOp::Eq | CmpOp::Ne) {
            bad(
                format!("界限不能用 `{}`", b.op.symbol()),
                Some("请用 `>=`、`>`、`<=` 或 `<`".to_owned()),
            );
            continue;
        }
        let base = match (ty, &b.unit) {
            (ScalarType::Integer | ScalarType::Number, None) => Some(b.value),
            (ScalarType::Integer | ScalarType::Number, Some(unit)) => {
                bad(
                    format!("数字的界限不带单位，这里写了 `{}`", unit.node),
                    Some(format!("写作 `{} {}`", b.op.symbol(), b.value)),
                );
                None
            }
            (ScalarType::Quantity(_), None) if b.value.is_zero() => Some(b.value),
            (ScalarType::Quantity(declared), None) => {
                bad(
                    format!("{}的界限要带单位", declared.dimension.label()),
                    Some(format!("如 `{} {}`", b.value, declared.symbol)),
                );
                None
            }
            (ScalarType::Quantity(declared), Some(unit)) => match Unit::from_symbol(&unit.node) {
                Some(u) if u.dimension == declared.dimension => u.to_base(b.value),
                Some(u) => {
                    bad(
                        format!(
                            "单位 `{}` 计量的是{}，而这个事实是{}",
                            unit.node,
                            u.dimension.label(),
                            declared.dimension.label()
                        ),
                        Some(format!("如 `{} {}`", b.value, declared.symbol)),
                    );
                    None
                }
                None => {
                    bad(
                        format!("未知的单位 `{}`", unit.node),
                        did_you_mean(&unit.node, declared.dimension.symbols()),
                    );
                    None
                }
            },
            _ => {
                bad(
                    "只有数字和数量可以有界限".to_owned(),
                    Some("删去这些界限".to_owned()),
                );
                None
            }
        };
        if let Some(base) = base {
            out.0.push((b.op, base));
        }
    }
    out
}

fn scalar_type(table: &mut FactTable, ty: &TypeExpr, errors: &mut Vec<CheckError>) -> ScalarType {
    match ty {
        TypeExpr::Enum { variants, .. } => {
            let mut seen = HashSet::default();
            let mut def = EnumDef {
                variants: Vec::new(),
            };
            for v in variants {
                if !seen.insert(v.name.node.as_str()) {
                    errors.push(CheckError::DuplicateVariant {
                        name: v.name.node.clone(),
                        span: to_span(v.name.span),
                    });
                }
                def.variants.push((
                    v.name.node.clone(),
                    v.label.as_ref().map(|l| l.node.clone()).unwrap_or_default(),
                ));
            }
            ScalarType::Enum(table.intern_enum(def))
        }
        TypeExpr::List { .. } => ScalarType::Text,
        TypeExpr::Named { name, unit } => {
            let scalar = match name.node.as_str() {
                "bool" => Some(ScalarType::Bool),
                "integer" => Some(ScalarType::Integer),
                "number" => Some(ScalarType::Number),
                "date" => Some(ScalarType::Date),
                "text" => Some(ScalarType::Text),
                _ => None,
            };
            if let Some(scalar) = scalar {
                if let Some(unit) = unit {
                    errors.push(CheckError::BadOperand {
                        what: "指定单位".to_owned(),
                        found: format!("`{}` 类型的事实", name.node),
                        span: to_span(unit.span),
                        help: Some(
                            "只有数量类型（`length`、`pressure` 等）才能写 `in 单位`".to_owned(),
                        ),
                    });
                }
                return scalar;
            }
            let Some(dimension) = Dimension::from_name(&name.node) else {
                let candidates = SCALAR_TYPES
                    .iter()
                    .copied()
                    .chain(Dimension::ALL.iter().map(|(n, _)| *n));
                errors.push(CheckError::UnknownType {
                    name: name.node.clone(),
                    span: to_span(name.span),
                    help: did_you_mean(&name.node, candidates).or_else(|| {
                        type_alias(&name.node).map(|t| format!("这种类型在规则文件中写作 `{t}`"))
                    }),
                });
                return ScalarType::Text;
            };
            let Some(unit) = unit else {
                return ScalarType::Quantity(dimension.base_unit());
            };
            match Unit::from_symbol(&unit.node) {
                Some(u) if u.dimension == dimension => ScalarType::Quantity(u),
                Some(u) => {
                    errors.push(CheckError::WrongUnit {
                        unit: unit.node.clone(),
                        actual: u.dimension.label().to_owned(),
                        expected: dimension.label().to_owned(),
                        span: to_span(unit.span),
                        help: Some(format!(
                            "`{}` 类型的单位如 `{}`",
                            dimension.name(),
                            dimension.base_unit().symbol
                        )),
                    });
                    ScalarType::Quantity(dimension.base_unit())
                }
                None => {
                    errors.push(CheckError::UnknownUnit {
                        unit: unit.node.clone(),
                        span: to_span(unit.span),
                        help: did_you_mean(&unit.node, Unit::symbols()),
                    });
                    ScalarType::Quantity(dimension.base_unit())
                }
            }
        }
    }
}

/// The HJL type a name from another language means (`boolean` is `bool`).
fn type_alias(name: &str) -> Option<&'static str> {
    match name.to_ascii_lowercase().as_str() {
        "boolean" | "bit" | "flag" => Some("bool"),
        "string" | "str" | "varchar" | "char" => Some("text"),
        "int" | "long" | "short" | "i32" | "i64" | "u32" | "u64" | "count" => Some("integer"),
        "float" | "double" | "decimal" | "real" | "f32" | "f64" | "numeric" => Some("number"),
        "datetime" | "timestamp" | "day" => Some("date"),
        _ => None,
    }
}
