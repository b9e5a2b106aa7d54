//! Facts given ahead of an inspection, as (path, value) text pairs: each value typed by its
//! fact's declared type, gathered into a record and bound by the engine's binder, which
//! reads units and checks bounds as it does for any record.

use std::str::FromStr;

use chrono::NaiveDate;

use super::{GivenFact, words};
use crate::compile::{Fact, FactId, FactKind, Program, ScalarType};
use crate::diagnostic::closest;
use crate::eval::{Bound, Slot, bad_date, bind, display};
use crate::judge::unknown_path_hint;

/// A fact given ahead of the inspection that cannot be taken. The messages are Chinese,
/// for the regulator or inspector who gave it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GivenError {
    /// No loaded file declares the path.
    #[error("未声明的事实 {path}{hint}")]
    UnknownFact {
        /// The path as given.
        path: String,
        /// "；是否指 …？" with the declared path it most resembles, or empty.
        hint: String,
    },
    /// The path names a list: only single facts can be given.
    #[error("{label}（{path}）是列表，只能给出单项事实")]
    ListFact {
        /// The list's path.
        path: String,
        /// Its label.
        label: String,
    },
    /// The same fact is given twice.
    #[error("{path} 给出了两次")]
    Twice {
        /// The path.
        path: String,
    },
    /// The value does not fit the fact's type, unit or bounds.
    #[error("{label}（{path}）：{message}")]
    BadValue {
        /// The fact's path.
        path: String,
        /// Its label.
        label: String,
        /// What is wrong, and what would do.
        message: String,
    },
    /// The date the versions are picked by is not a date.
    #[error("检查日期：{message}")]
    BadDate {
        /// What is wrong.
        message: String,
    },
}

/// Binds the given facts (the inspection date first, when one is asked for) as one record;
/// returns it with the facts as the checklist lists them and the date asked for.
pub(super) fn bind_given<'a>(
    prog: &Program,
    given: impl IntoIterator<Item = (&'a str, &'a str)>,
    date: Option<&str>,
) -> Result<(Bound, Vec<GivenFact>, Option<NaiveDate>), GivenError> {
    let asked = date
        .map(|text| {
            crate::value::date(text).ok_or_else(|| GivenError::BadDate {
                message: bad_date(text),
            })
        })
        .transpose()?;
    let mut record = serde_json::Map::new();
    let mut order: Vec<FactId> = Vec::new();
    let mut take = |path: &str, text: &str| -> Result<(), GivenError> {
        let Some((id, fact, ty)) = scalar_fact(prog, path)? else {
            return Ok(());
        };
        let value = typed(prog, fact, ty, text)?;
        if record.insert(path.to_owned(), value).is_some() {
            return Err(GivenError::Twice {
                path: path.to_owned(),
            });
        }
        order.push(id);
        Ok(())
    };
    if let (Some(fact), Some(text)) = (prog.inspection_date, date) {
        take(prog.facts.path(fact), text)?;
    }
    for (path, text) in given {
        take(path, text)?;
    }
    let bound = bind(&prog.facts, &serde_json::Value::Object(record));
    if let Some(e) = bound.errors.first() {
        return Err(GivenError::BadValue {
            path: e.path.clone(),
            label: e
                .fact
                .and_then(|f| prog.facts.get(f))
                .map(|f| f.label.clone())
                .unwrap_or_default(),
            message: e.message.clone(),
        });
    }
    let facts = order
        .into_iter()
        .filter_map(|id| {
            let fact = prog.facts.get(id)?;
            let (FactKind::Scalar(ty), Slot::Scalar(value)) = (&fact.kind, bound.slot(id)) else {
                return None;
            };
            Some(GivenFact {
                path: fact.path.clone(),
                label: fact.label.clone(),
                value: display(*ty, value, prog).into_owned(),
                text: words::value(prog, *ty, value),
            })
        })
        .collect();
    Ok((bound, facts, asked))
}

/// The declared scalar fact at `path`, with its type.
fn scalar_fact<'p>(
    prog: &'p Program,
    path: &str,
) -> Result<Option<(FactId, &'p Fact, ScalarType)>, GivenError> {
    let Some(&id) = prog.facts.by_path.get(path) else {
        return Err(GivenError::UnknownFact {
            path: path.to_owned(),
            hint: unknown_path_hint(prog, path),
        });
    };
    let Some(fact) = prog.facts.get(id) else {
        return Ok(None);
    };
    match &fact.kind {
        FactKind::Scalar(ty) => Ok(Some((id, fact, *ty))),
        FactKind::List(_) => Err(GivenError::ListFact {
            path: fact.path.clone(),
            label: fact.label.clone(),
        }),
    }
}

/// The value text as the JSON a record would hold for a fact of type `ty`: `true`/`false`
/// (or 是/否) as a boolean, a number as a JSON number, anything else as a string, which
/// the binder reads (a quantity with its unit, a date) or refuses with its own message.
/// An enum value is looked up here, for a did-you-mean.
fn typed(
    prog: &Program,
    fact: &Fact,
    ty: ScalarType,
    text: &str,
) -> Result<serde_json::Value, GivenError> {
    let text = text.trim();
    let string = || serde_json::Value::String(text.to_owned());
    Ok(match ty {
        ScalarType::Bool => match text {
            "true" | "是" => serde_json::Value::Bool(true),
            "false" | "否" => serde_json::Value::Bool(false),
            _ => string(),
        },
        ScalarType::Integer | ScalarType::Number | ScalarType::Quantity(_) => {
            serde_json::Number::from_str(text).map_or_else(|_| string(), serde_json::Value::Number)
        }
        ScalarType::Enum(e) => {
            if let Some(def) = prog.facts.enum_def(e).filter(|d| d.lookup(text).is_none()) {
                let names = def.variants.iter().map(|(n, _)| n.as_str());
                let labels = def.variants.iter().map(|(_, l)| l.as_str());
                let near = closest(text, names)
                    .or_else(|| closest(text, labels))
                    .and_then(|w| def.variants.get(def.lookup(w)? as usize));
                let choices: Vec<String> = def
                    .variants
                    .iter()
                    .map(|(n, l)| format!("{n}（{l}）"))
                    .collect();
                let hint = near.map_or_else(
                    || "；".to_owned(),
                    |(n, l)| format!("；是否指 {n}（{l}）？"),
                );
                return Err(GivenError::BadValue {
                    path: fact.path.clone(),
                    label: fact.label.clone(),
                    message: format!(
                        "无法识别的取值 \"{text}\"{hint}可选：{}",
                        choices.join("、")
                    ),
                });
            }
            string()
        }
        ScalarType::Date | ScalarType::Text => string(),
    })
}
