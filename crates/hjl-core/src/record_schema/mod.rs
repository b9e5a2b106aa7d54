//! JSON Schema (draft 2020-12) of an inspection record as the loaded rule files read it, for
//! those who build records and forms: built from the fact table, it accepts what the binder
//! (`eval::bind`) reads without a record error, in every form the binder reads it.

mod json;
mod patterns;
#[cfg(test)]
mod tests;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use self::json::{Json, Object, strings};
use crate::ast::CmpOp;
use crate::compile::{
    Bounds, EnumDef, Fact, FactId, FactKind, Program, ScalarType, StandardVersion,
};
use crate::units::{Dimension, Unit};

/// The JSON Schema (draft 2020-12) of the records an engine reads: every fact with its
/// Chinese label as `title`, its type, unit, bounds and values, nested by path. Serialize it
/// with serde_json; its keys keep the order rule files declare facts in.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordSchema(Json);

impl Serialize for RecordSchema {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// The schema of the facts the named standards read (every fact when `standards` is
/// `None`). The names are checked by the caller.
pub(crate) fn build(prog: &Program, standards: Option<&[&str]>) -> RecordSchema {
    let chosen = |name: &str| standards.is_none_or(|names| names.contains(&name));
    let mut root = Tree::default();
    let wanted = |fact: &Fact| {
        standards.is_none()
            || fact
                .readers
                .iter()
                .filter_map(|v| prog.standards.get(*v as usize))
                .any(|v| chosen(&v.name))
    };
    for (id, fact) in prog.facts.facts.iter().enumerate() {
        if wanted(fact) {
            root.insert(fact, FactId::try_from(id).unwrap_or(FactId::MAX));
        }
    }
    let covered = covered(prog, &chosen);
    let mut writer = Writer {
        prog,
        defs: Object::new(),
        dimensions: Vec::new(),
    };
    let record = writer.node(&root, &[]);
    let mut schema = Object::new()
        .with("$schema", "https://json-schema.org/draft/2020-12/schema")
        .with("$id", id(&covered))
        .with("title", title(&covered))
        .with("description", description(&covered))
        .append(record);
    if !writer.defs.is_empty() {
        schema.set("$defs", writer.defs);
    }
    RecordSchema(Json::Object(schema))
}

/// The standards a schema covers, each by its newest version, in load order.
fn covered<'p>(prog: &'p Program, chosen: &impl Fn(&str) -> bool) -> Vec<&'p StandardVersion> {
    let mut out: Vec<&StandardVersion> = Vec::new();
    for v in prog.standards.iter().filter(|v| chosen(&v.name)) {
        match out.iter_mut().find(|w| w.name == v.name) {
            Some(w) if v.effective > w.effective => *w = v,
            Some(_) => {}
            None => out.push(v),
        }
    }
    out
}

fn id(covered: &[&StandardVersion]) -> String {
    let names: Vec<&str> = covered.iter().map(|v| v.name.as_str()).collect();
    if names.is_empty() {
        "urn:hjl:record".to_owned()
    } else {
        format!("urn:hjl:record:{}", names.join(","))
    }
}

fn title(covered: &[&StandardVersion]) -> String {
    match covered {
        [] => "检查记录".to_owned(),
        [v] => format!("检查记录：{}", v.title),
        [v, ..] => format!("检查记录：{}等 {} 项标准", v.title, covered.len()),
    }
}

fn description(covered: &[&StandardVersion]) -> String {
    let mut out = String::new();
    if !covered.is_empty() {
        out.push_str("判定以下标准所读取的检查记录：\n");
        for v in covered {
            out.push_str(&format!("- {}（{}）\n", v.title, v.name));
        }
    }
    out.push_str(concat!(
        "记录是一个 JSON 对象，按事实路径逐级嵌套（如 {\"enterprise\": {\"sector\": \"metallurgy\"}}）；",
        "路径也可写作一个以点连接的键（如 {\"enterprise.sector\": \"metallurgy\"}）。",
        "值为 null 或未提供的事实按未知处理。未声明的键不影响判定，引擎会给出警告。",
        "以下两种情形本结构无法表达，由引擎检查：同一事实给出两次；以文字写出的数量（如 \"3 km\"）超出取值范围。",
    ));
    out
}

/// Fact paths as a tree of segments, in declaration order: the shape of a record.
#[derive(Default)]
struct Tree<'p> {
    /// The dotted path from the root.
    path: String,
    /// The fact at this path, when one is declared.
    fact: Option<(FactId, &'p Fact)>,
    children: Vec<(&'p str, Tree<'p>)>,
}

impl<'p> Tree<'p> {
    fn insert(&mut self, fact: &'p Fact, id: FactId) {
        let mut node = self;
        for segment in fact.path.split('.') {
            let index = match node.children.iter().position(|(s, _)| *s == segment) {
                Some(i) => i,
                None => {
                    let path = if node.path.is_empty() {
                        segment.to_owned()
                    } else {
                        format!("{}.{segment}", node.path)
                    };
                    node.children.push((
                        segment,
                        Tree {
                            path,
                            ..Tree::default()
                        },
                    ));
                    node.children.len() - 1
                }
            };
            let Some((_, child)) = node.children.get_mut(index) else {
                return;
            };
            node = child;
        }
        node.fact = Some((id, fact));
    }

    /// Every node below this one, with its path relative to this one and where its schema
    /// is, in declaration order.
    fn descendants(&self, here: &[String]) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for (segment, child) in &self.children {
            let at = child_location(self, here, segment, child);
            out.push(((*segment).to_owned(), at.clone()));
            for (rest, location) in child.descendants(&at) {
                out.push((format!("{segment}.{rest}"), location));
            }
        }
        out
    }
}

/// Where a child's schema is: under its parent's `properties`, or, when the parent is itself
/// a fact (whose value the binder reads whole), in `$defs`, reachable by a dotted key only.
fn child_location(
    parent: &Tree<'_>,
    here: &[String],
    segment: &str,
    child: &Tree<'_>,
) -> Vec<String> {
    if parent.fact.is_some() {
        vec!["$defs".to_owned(), format!("path:{}", child.path)]
    } else {
        let mut at = here.to_vec();
        at.extend(["properties".to_owned(), segment.to_owned()]);
        at
    }
}

/// Writes schemas, collecting the definitions they share.
struct Writer<'p> {
    prog: &'p Program,
    defs: Object,
    /// Dimensions whose unit and text definitions are written.
    dimensions: Vec<Dimension>,
}

impl Writer<'_> {
    /// The schema of a node of the path tree found at `here`: a fact's, or an object of the
    /// nodes below.
    fn node(&mut self, node: &Tree<'_>, here: &[String]) -> Object {
        if let Some((id, fact)) = node.fact {
            for (segment, child) in &node.children {
                let at = child_location(node, here, segment, child);
                let schema = self.node(child, &at);
                if let Some(key) = at.last() {
                    self.defs.set(key, schema);
                }
            }
            return self.fact(id, fact);
        }
        let mut properties = Object::new();
        for (segment, child) in &node.children {
            let at = child_location(node, here, segment, child);
            properties.set(segment, self.node(child, &at));
        }
        // A dotted key may name any node two or more segments down. Described as a
        // dependent schema (checked when the key is there) rather than a pattern: validators
        // look such keys up instead of matching every key against every path, and form
        // generators, which do not show them, keep to the nested form.
        let mut dotted = Object::new();
        for (key, location) in node.descendants(here) {
            if !key.contains('.') {
                continue;
            }
            let reference = patterns::pointer(location.iter().map(String::as_str));
            let value = Object::new().with("$ref", reference);
            dotted.set(
                &key,
                Object::new().with("properties", Object::new().with(&key, value)),
            );
        }
        let ty = if here.is_empty() {
            Json::from("object")
        } else {
            strings(["object", "null"])
        };
        Object::new()
            .with("type", ty)
            .with("properties", properties)
            .with_some("dependentSchemas", (!dotted.is_empty()).then_some(dotted))
    }

    fn fact(&mut self, id: FactId, fact: &Fact) -> Object {
        let derived = self.prog.derives(id, None);
        match &fact.kind {
            FactKind::Scalar(ty) => self.scalar(&fact.label, *ty, &fact.bounds, derived),
            FactKind::List(fields) => {
                let mut properties = Object::new();
                for (i, field) in fields.iter().enumerate() {
                    let derived = self.prog.derives(id, u16::try_from(i).ok());
                    let schema = self.scalar(&field.label, field.ty, &field.bounds, derived);
                    properties.set(&field.name, schema);
                }
                Object::new()
                    .with("title", fact.label.as_str())
                    .with("description", "列表，每一项是一个对象。")
                    .with("type", strings(["array", "null"]))
                    .with(
                        "items",
                        Object::new()
                            .with("type", "object")
                            .with("properties", properties),
                    )
            }
        }
    }

    /// A scalar fact or list field: `title` its label, `description` its unit, bounds and
    /// forms, then what its values may be.
    fn scalar(&mut self, label: &str, ty: ScalarType, bounds: &Bounds, derived: bool) -> Object {
        let mut says: Vec<String> = Vec::new();
        let values = match ty {
            ScalarType::Bool => Object::new().with("type", strings(["boolean", "null"])),
            ScalarType::Integer => Limits::of(bounds, None)
                .keywords(Object::new().with("type", strings(["integer", "null"]))),
            ScalarType::Number => Limits::of(bounds, None)
                .keywords(Object::new().with("type", strings(["number", "null"]))),
            ScalarType::Text => Object::new().with("type", strings(["string", "null"])),
            ScalarType::Date => {
                says.push("日期，写作 YYYY-MM-DD（如 2024-06-01）".to_owned());
                Object::new()
                    .with("type", strings(["string", "null"]))
                    .with("format", "date")
                    .with("pattern", patterns::DATE)
            }
            ScalarType::Quantity(unit) => {
                says.push(format!(
                    "{}，数值以 {} 计；也可写作 {{\"value\": 数值, \"unit\": \"单位\"}} 或 \"数值 单位\"（如 \"12 {}\"）",
                    unit.dimension.label(),
                    unit.symbol,
                    unit.symbol
                ));
                self.quantity(unit, bounds)
            }
            ScalarType::Enum(e) => match self.prog.facts.enum_def(e) {
                Some(def) => {
                    if let Some((name, label)) = def.variants.first() {
                        says.push(format!("取值名称（如 {name}），或其中文标签（如 {label}）"));
                    }
                    enumeration(def)
                }
                None => Object::new(),
            },
        };
        if let Some(range) = range_words(bounds, ty) {
            says.push(range);
        }
        if derived {
            says.push("可由规则根据其他事实推出，记录也可直接给出".to_owned());
        }
        Object::new()
            .with("title", label)
            .with_some(
                "description",
                (!says.is_empty()).then(|| format!("{}。", says.join("。"))),
            )
            .append(values)
    }

    /// A quantity: a number in the declared unit, `{"value": …, "unit": …}` or `"… unit"`.
    fn quantity(&mut self, unit: &'static Unit, bounds: &Bounds) -> Object {
        let name = self.dimension(unit.dimension);
        let number = Limits::of(bounds, Some(unit)).keywords(
            Object::new()
                .with("title", format!("数值（以 {} 计）", unit.symbol))
                .with("type", "number"),
        );
        let text = Object::new().with("title", "文字（数值与单位）").with(
            "$ref",
            patterns::pointer(["$defs", &format!("text:{name}")]),
        );
        Object::new().with(
            "anyOf",
            vec![
                Json::from(number),
                Json::from(quantity_object(unit, bounds)),
                Json::from(text),
                Json::from(Object::new().with("type", "null")),
            ],
        )
    }

    /// Writes, once per dimension, the definitions of its units and of its quantities
    /// written as text; the dimension's name, which names them.
    fn dimension(&mut self, dimension: Dimension) -> &'static str {
        let name = dimension.name();
        if !self.dimensions.contains(&dimension) {
            self.dimensions.push(dimension);
            let mut symbols: Vec<Json> = dimension.symbols().map(Json::from).collect();
            symbols.push(Json::Null);
            self.defs.set(
                &format!("units:{name}"),
                Object::new()
                    .with("title", format!("{}的单位", dimension.label()))
                    .with("enum", symbols),
            );
            self.defs.set(
                &format!("text:{name}"),
                Object::new()
                    .with("title", format!("以文字写出的{}", dimension.label()))
                    .with("type", "string")
                    .with("pattern", patterns::quantity_text(dimension)),
            );
        }
        name
    }
}

/// A quantity as `{"value": …, "unit": …}`, without a unit in the declared one. Its bounds
/// hold in whichever unit it is written: units whose bounds read alike share one rule (for
/// `>= 0`, every unit but kelvin), and a rule for each group applies to the value when the
/// unit is one of the group's.
fn quantity_object(unit: &'static Unit, bounds: &Bounds) -> Object {
    let dimension = unit.dimension;
    let mut groups: Vec<(Limits, Vec<&'static str>)> = Vec::new();
    for symbol in dimension.symbols() {
        let limits = Limits::of(bounds, Unit::from_symbol(symbol));
        match groups.iter_mut().find(|(l, _)| *l == limits) {
            Some((_, symbols)) => symbols.push(symbol),
            None => groups.push((limits, vec![symbol])),
        }
    }
    let number = || Object::new().with("type", "number");
    let (value, by_unit) = match groups.as_slice() {
        [(limits, _)] => (limits.keywords(number()), Vec::new()),
        _ => {
            let rules = groups.iter().map(|(limits, symbols)| {
                let declared = symbols.contains(&unit.symbol);
                let mut units: Vec<Json> = symbols.iter().copied().map(Json::from).collect();
                if declared {
                    units.push(Json::Null);
                }
                let when = Object::new()
                    .with_some("required", (!declared).then(|| strings(["unit"])))
                    .with(
                        "properties",
                        Object::new().with("unit", Object::new().with("enum", units)),
                    );
                let then = Object::new().with(
                    "properties",
                    Object::new().with("value", limits.keywords(number())),
                );
                Json::from(Object::new().with("if", when).with("then", then))
            });
            (number(), rules.collect())
        }
    };
    let units = patterns::pointer(["$defs", &format!("units:{}", dimension.name())]);
    Object::new()
        .with("title", "数值与单位")
        .with("type", "object")
        .with("required", strings(["value"]))
        .with(
            "properties",
            Object::new()
                .with("value", value)
                .with("unit", Object::new().with("$ref", units)),
        )
        .with_some(
            "allOf",
            (!by_unit.is_empty()).then_some(Json::Array(by_unit)),
        )
}

/// An enum: a variant's name (what forms should write, titled with its label), or its label.
fn enumeration(def: &EnumDef) -> Object {
    let names: Vec<Json> = def
        .variants
        .iter()
        .map(|(name, label)| {
            let title = if label.is_empty() { name } else { label };
            Json::from(
                Object::new()
                    .with("const", name.as_str())
                    .with("title", title.as_str()),
            )
        })
        .collect();
    let mut labels: Vec<&str> = Vec::new();
    for (_, label) in &def.variants {
        if !label.is_empty() && !labels.contains(&label.as_str()) {
            labels.push(label);
        }
    }
    let mut choices = vec![Json::from(
        Object::new().with("title", "取值名称").with("oneOf", names),
    )];
    if !labels.is_empty() {
        choices.push(Json::from(
            Object::new()
                .with("title", "中文标签")
                .with("enum", strings(labels)),
        ));
    }
    choices.push(Json::from(Object::new().with("type", "null")));
    Object::new().with("anyOf", choices)
}

/// A fact's bounds as JSON Schema keywords, in one unit (the base unit when `None`).
#[derive(Debug, Default, PartialEq)]
struct Limits {
    minimum: Option<Decimal>,
    exclusive_minimum: Option<Decimal>,
    maximum: Option<Decimal>,
    exclusive_maximum: Option<Decimal>,
    not: Vec<Decimal>,
}

impl Limits {
    fn of(bounds: &Bounds, unit: Option<&Unit>) -> Self {
        let mut out = Self::default();
        for (op, limit) in &bounds.0 {
            let Some(limit) = unit.map_or(Some(*limit), |u| u.from_base(*limit)) else {
                continue;
            };
            let limit = limit.normalize();
            let raise = |at: &mut Option<Decimal>| *at = Some(at.map_or(limit, |a| a.max(limit)));
            let lower = |at: &mut Option<Decimal>| *at = Some(at.map_or(limit, |a| a.min(limit)));
            match op {
                CmpOp::Ge => raise(&mut out.minimum),
                CmpOp::Gt => raise(&mut out.exclusive_minimum),
                CmpOp::Le => lower(&mut out.maximum),
                CmpOp::Lt => lower(&mut out.exclusive_maximum),
                CmpOp::Eq => {
                    raise(&mut out.minimum);
                    lower(&mut out.maximum);
                }
                CmpOp::Ne => out.not.push(limit),
            }
        }
        out
    }

    fn keywords(&self, schema: Object) -> Object {
        schema
            .with_some("minimum", self.minimum)
            .with_some("exclusiveMinimum", self.exclusive_minimum)
            .with_some("maximum", self.maximum)
            .with_some("exclusiveMaximum", self.exclusive_maximum)
            .with_some(
                "not",
                (!self.not.is_empty()).then(|| {
                    Object::new().with(
                        "enum",
                        self.not.iter().copied().map(Json::from).collect::<Vec<_>>(),
                    )
                }),
            )
    }
}

/// The bounds as a sentence, in the fact's declared unit (`取值应不小于 0 kPa`).
fn range_words(bounds: &Bounds, ty: ScalarType) -> Option<String> {
    let words: Vec<String> = bounds
        .0
        .iter()
        .map(|(op, limit)| {
            let rule = op.words();
            match ty {
                ScalarType::Quantity(unit) => {
                    let shown = unit.from_base(*limit).unwrap_or(*limit).normalize();
                    format!("{rule} {shown} {}", unit.symbol)
                }
                _ => format!("{rule} {}", limit.normalize()),
            }
        })
        .collect();
    (!words.is_empty()).then(|| format!("取值应{}", words.join("、")))
}
