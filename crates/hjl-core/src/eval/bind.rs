//! Record binding: one pass over a JSON record puts every declared fact in its slot. A value
//! of the wrong type or unit becomes an error naming its path, and the fact stays unknown.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value as Json};

use crate::compile::{FactId, FactKind, FactTable, Field, ScalarType};
use crate::units::Unit;
use crate::value::Value;

/// A fact's value in a bound record.
#[derive(Debug, Clone, Default)]
pub(crate) enum Slot {
    #[default]
    Missing,
    Scalar(Value),
    /// Rows of a list fact; each row holds its fields by index.
    List(Vec<Vec<Option<Value>>>),
}

/// A record bound to the fact table.
#[derive(Debug, Default)]
pub(crate) struct Bound {
    pub slots: Vec<Slot>,
    pub errors: Vec<BindError>,
    /// Paths the record gives that no loaded file declares.
    pub unknown: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct BindError {
    pub path: String,
    pub message: String,
    /// The fact the bad value belongs to, when there is one.
    pub fact: Option<FactId>,
}

impl Bound {
    pub(crate) fn slot(&self, fact: FactId) -> &Slot {
        static MISSING: Slot = Slot::Missing;
        self.slots.get(fact as usize).unwrap_or(&MISSING)
    }
}

/// Binds `record` (normally a JSON object) to the facts of `table`.
pub(crate) fn bind(table: &FactTable, record: &Json) -> Bound {
    let mut bound = Bound {
        slots: vec![Slot::Missing; table.facts.len()],
        ..Bound::default()
    };
    match record {
        Json::Object(map) => bind_object(table, map, "", &mut bound),
        other => bound.errors.push(BindError {
            path: String::new(),
            message: format!("expected a JSON object, got {}", describe(other)),
            fact: None,
        }),
    }
    bound
}

fn bind_object(table: &FactTable, map: &Map<String, Json>, prefix: &str, bound: &mut Bound) {
    for (key, value) in map {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        if let Some(&id) = table.by_path.get(&path) {
            if let Some(fact) = table.get(id) {
                let slot = bind_fact(&fact.kind, value, &path, id, table, bound);
                if let Some(s) = bound.slots.get_mut(id as usize) {
                    *s = slot;
                }
            }
        } else if table.prefixes.contains(&path) {
            match value {
                Json::Object(inner) => bind_object(table, inner, &path, bound),
                Json::Null => {}
                other => bound.errors.push(BindError {
                    path,
                    message: format!("expected an object of facts, got {}", describe(other)),
                    fact: None,
                }),
            }
        } else if !value.is_null() {
            bound.unknown.push(path);
        }
    }
}

fn bind_fact(
    kind: &FactKind,
    value: &Json,
    path: &str,
    id: FactId,
    table: &FactTable,
    bound: &mut Bound,
) -> Slot {
    match kind {
        FactKind::Scalar(ty) => match scalar(*ty, value, table) {
            Ok(Some(v)) => Slot::Scalar(v),
            Ok(None) => Slot::Missing,
            Err(message) => {
                bound.errors.push(BindError {
                    path: path.to_owned(),
                    message,
                    fact: Some(id),
                });
                Slot::Missing
            }
        },
        FactKind::List(fields) => match value {
            Json::Null => Slot::Missing,
            Json::Array(items) => {
                let rows = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| row(fields, item, &format!("{path}[{i}]"), id, table, bound));
                Slot::List(rows.collect())
            }
            other => {
                bound.errors.push(BindError {
                    path: path.to_owned(),
                    message: format!("expected a list, got {}", describe(other)),
                    fact: Some(id),
                });
                Slot::Missing
            }
        },
    }
}

fn row(
    fields: &[Field],
    item: &Json,
    path: &str,
    id: FactId,
    table: &FactTable,
    bound: &mut Bound,
) -> Vec<Option<Value>> {
    let mut out = vec![None; fields.len()];
    let Json::Object(map) = item else {
        bound.errors.push(BindError {
            path: path.to_owned(),
            message: format!("expected an object, got {}", describe(item)),
            fact: Some(id),
        });
        return out;
    };
    for (key, value) in map {
        let field_path = format!("{path}.{key}");
        match fields.iter().position(|f| f.name == *key) {
            Some(i) => {
                let Some(field) = fields.get(i) else { continue };
                match scalar(field.ty, value, table) {
                    Ok(v) => {
                        if let Some(slot) = out.get_mut(i) {
                            *slot = v;
                        }
                    }
                    Err(message) => bound.errors.push(BindError {
                        path: field_path,
                        message,
                        fact: Some(id),
                    }),
                }
            }
            None if value.is_null() => {}
            None => bound.unknown.push(field_path),
        }
    }
    out
}

fn describe(value: &Json) -> String {
    let mut text = value.to_string();
    if text.chars().count() > 40 {
        text = text.chars().take(37).collect::<String>() + "...";
    }
    text
}

pub(crate) fn decimal(n: &serde_json::Number) -> Option<Decimal> {
    let text = n.to_string();
    Decimal::from_str(&text)
        .ok()
        .or_else(|| Decimal::from_scientific(&text).ok())
}

/// Reads one scalar; `Ok(None)` for null.
fn scalar(ty: ScalarType, value: &Json, table: &FactTable) -> Result<Option<Value>, String> {
    if value.is_null() {
        return Ok(None);
    }
    let v = match (ty, value) {
        (ScalarType::Bool, Json::Bool(b)) => Value::Bool(*b),
        (ScalarType::Integer, Json::Number(n)) => match decimal(n) {
            Some(d) if d.fract().is_zero() => Value::Num(d),
            _ => return Err(format!("expected a whole number, got {n}")),
        },
        (ScalarType::Number, Json::Number(n)) => match decimal(n) {
            Some(d) => Value::Num(d),
            None => return Err(format!("number {n} is out of range")),
        },
        (ScalarType::Quantity(unit), _) => Value::Qty(quantity(unit, value)?),
        (ScalarType::Enum(e), Json::String(s)) => {
            let def = table.enum_def(e).ok_or_else(|| "unknown enum".to_owned())?;
            match def.lookup(s) {
                Some(i) => Value::Enum(i),
                None => {
                    let names: Vec<&str> = def.variants.iter().map(|(n, _)| n.as_str()).collect();
                    return Err(format!(
                        "unknown value \"{s}\"; expected one of: {}",
                        names.join(", ")
                    ));
                }
            }
        }
        (ScalarType::Date, Json::String(s)) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => Value::Date(d),
            Err(_) => return Err(format!("expected a date as YYYY-MM-DD, got \"{s}\"")),
        },
        (ScalarType::Text, Json::String(s)) => Value::Text(s.as_str().into()),
        (ty, other) => {
            return Err(format!(
                "expected {}, got {}",
                expected(ty),
                describe(other)
            ));
        }
    };
    Ok(Some(v))
}

fn expected(ty: ScalarType) -> String {
    match ty {
        ScalarType::Bool => "true or false".to_owned(),
        ScalarType::Integer => "a whole number".to_owned(),
        ScalarType::Number => "a number".to_owned(),
        ScalarType::Quantity(u) => format!(
            "a {} (number in {} or {{\"value\", \"unit\"}})",
            u.dimension.name(),
            u.symbol
        ),
        ScalarType::Enum(_) => "one of the listed values".to_owned(),
        ScalarType::Date => "a date as YYYY-MM-DD".to_owned(),
        ScalarType::Text => "text".to_owned(),
    }
}

/// A quantity: a plain number in the declared unit, `{"value": 3, "unit": "km"}`, or `"3 km"`.
fn quantity(unit: &'static Unit, value: &Json) -> Result<Decimal, String> {
    let dim = unit.dimension.name();
    let (number, symbol) = match value {
        Json::Number(n) => (
            decimal(n).ok_or_else(|| format!("number {n} is out of range"))?,
            unit.symbol.to_owned(),
        ),
        Json::Object(map) => {
            let n = match map.get("value") {
                Some(Json::Number(n)) => {
                    decimal(n).ok_or_else(|| format!("number {n} is out of range"))?
                }
                Some(other) => {
                    return Err(format!(
                        "expected a number as \"value\", got {}",
                        describe(other)
                    ));
                }
                None => return Err("a quantity object needs \"value\" and \"unit\"".to_owned()),
            };
            let symbol = match map.get("unit") {
                Some(Json::String(s)) => s.clone(),
                None | Some(Json::Null) => unit.symbol.to_owned(),
                Some(other) => {
                    return Err(format!(
                        "expected a unit name as \"unit\", got {}",
                        describe(other)
                    ));
                }
            };
            (n, symbol)
        }
        Json::String(s) => {
            let s = s.trim();
            let split = s
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
                .unwrap_or(s.len());
            let (num, sym) = s.split_at(split);
            let n = Decimal::from_str(num.trim())
                .map_err(|_| format!("expected a {dim}, got \"{s}\""))?;
            let sym = sym.trim();
            (
                n,
                if sym.is_empty() {
                    unit.symbol.to_owned()
                } else {
                    sym.to_owned()
                },
            )
        }
        other => return Err(format!("expected a {dim}, got {}", describe(other))),
    };
    let given = Unit::from_symbol(&symbol).ok_or_else(|| format!("unknown unit \"{symbol}\""))?;
    if given.dimension != unit.dimension {
        return Err(format!(
            "unit \"{symbol}\" measures {}, expected a {dim}",
            given.dimension.name()
        ));
    }
    given
        .to_base(number)
        .ok_or_else(|| format!("{number} {symbol} is out of range"))
}
