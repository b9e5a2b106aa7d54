//! The facts a loaded engine reads, described for those who build records and forms: each
//! fact's path, type, unit, Chinese label, enum values, list fields and readers.

use serde::Serialize;

use crate::compile::{FactKind, Program, ScalarType};

/// One fact a record may give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactInfo {
    /// Dotted path, e.g. `enterprise.sector`.
    pub path: String,
    /// Chinese label.
    pub label: String,
    /// `bool`, `integer`, `number`, `quantity`, `enum`, `date`, `text` or `list`.
    #[serde(rename = "type")]
    pub ty: &'static str,
    /// For a quantity: the unit it is declared in (records may give another of its kind).
    pub unit: Option<&'static str>,
    /// For an enum: its values.
    pub values: Vec<EnumValue>,
    /// For a list: the fields of each element.
    pub fields: Vec<FieldInfo>,
    /// Computed from other facts by the rule files; a record may state it instead.
    pub derived: bool,
    /// The standards (identifiers) that read it.
    pub standards: Vec<String>,
}

/// A field of a list fact's elements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldInfo {
    /// The field's name within an element.
    pub name: String,
    /// Chinese label.
    pub label: String,
    /// As [`FactInfo::ty`], never `list`.
    #[serde(rename = "type")]
    pub ty: &'static str,
    /// As [`FactInfo::unit`].
    pub unit: Option<&'static str>,
    /// As [`FactInfo::values`].
    pub values: Vec<EnumValue>,
    /// As [`FactInfo::derived`].
    pub derived: bool,
}

/// One value of an enum fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumValue {
    /// The name records give (a record may give the label instead).
    pub name: String,
    /// Chinese label.
    pub label: String,
}

/// Every declared fact, in declaration order.
pub(crate) fn facts(prog: &Program) -> Vec<FactInfo> {
    prog.facts
        .facts
        .iter()
        .enumerate()
        .map(|(id, fact)| {
            let id = u32::try_from(id).ok();
            let derived = |field: Option<u16>| id.is_some_and(|id| prog.derives(id, field));
            let mut standards: Vec<String> = Vec::new();
            for v in fact
                .readers
                .iter()
                .filter_map(|v| prog.standards.get(*v as usize))
            {
                if !standards.contains(&v.name) {
                    standards.push(v.name.clone());
                }
            }
            let (ty, unit, values, fields) = match &fact.kind {
                FactKind::Scalar(t) => {
                    let (ty, unit, values) = scalar(prog, *t);
                    (ty, unit, values, Vec::new())
                }
                FactKind::List(fields) => {
                    let fields = fields
                        .iter()
                        .enumerate()
                        .map(|(i, f)| {
                            let (ty, unit, values) = scalar(prog, f.ty);
                            FieldInfo {
                                name: f.name.clone(),
                                label: f.label.clone(),
                                ty,
                                unit,
                                values,
                                derived: derived(u16::try_from(i).ok()),
                            }
                        })
                        .collect();
                    ("list", None, Vec::new(), fields)
                }
            };
            FactInfo {
                path: fact.path.clone(),
                label: fact.label.clone(),
                ty,
                unit,
                values,
                fields,
                derived: derived(None),
                standards,
            }
        })
        .collect()
}

/// A scalar type's name, its unit (a quantity's declared one) and its values (an enum's).
pub(crate) fn scalar(
    prog: &Program,
    ty: ScalarType,
) -> (&'static str, Option<&'static str>, Vec<EnumValue>) {
    match ty {
        ScalarType::Bool => ("bool", None, Vec::new()),
        ScalarType::Integer => ("integer", None, Vec::new()),
        ScalarType::Number => ("number", None, Vec::new()),
        ScalarType::Quantity(unit) => ("quantity", Some(unit.symbol), Vec::new()),
        ScalarType::Date => ("date", None, Vec::new()),
        ScalarType::Text => ("text", None, Vec::new()),
        ScalarType::Enum(e) => {
            let values = prog
                .facts
                .enum_def(e)
                .map(|d| {
                    d.variants
                        .iter()
                        .map(|(name, label)| EnumValue {
                            name: name.clone(),
                            label: label.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            ("enum", None, values)
        }
    }
}
