//! A fact's value as a report shows it. Kept as the value it is (a decimal, a date, an enum
//! name borrowed from the engine) and written out only when shown or serialized: judging
//! shows many values and prints few.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value in evidence: `true`/`false`, an exact JSON number, or text (a quantity in its
/// declared unit, `"8 t"`; an enum's variant name; a date, `"2024-06-01"`; text as given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown<'e> {
    /// A boolean.
    Bool(bool),
    /// A number, exactly.
    Number(Decimal),
    /// A quantity in the unit its fact is declared in.
    Quantity(Decimal, Cow<'e, str>),
    /// A date.
    Date(NaiveDate),
    /// An enum's variant name, or text.
    Text(Cow<'e, str>),
}

impl Shown<'_> {
    /// The same value, owning its text.
    pub fn into_owned(self) -> Shown<'static> {
        match self {
            Shown::Bool(b) => Shown::Bool(b),
            Shown::Number(n) => Shown::Number(n),
            Shown::Quantity(n, unit) => Shown::Quantity(n, Cow::Owned(unit.into_owned())),
            Shown::Date(d) => Shown::Date(d),
            Shown::Text(t) => Shown::Text(Cow::Owned(t.into_owned())),
        }
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Bool(b) => write!(f, "{b}"),
            Shown::Number(n) => write!(f, "{n}"),
            Shown::Quantity(n, unit) => write!(f, "{n} {unit}"),
            Shown::Date(d) => f.write_str(&crate::value::date_text(*d)),
            Shown::Text(t) => f.write_str(t),
        }
    }
}

impl Serialize for Shown<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Shown::Bool(b) => serializer.serialize_bool(*b),
            // A JSON number with every digit (serde_json keeps a number's text).
            Shown::Number(n) => match serde_json::Number::from_str(&n.to_string()) {
                Ok(number) => number.serialize(serializer),
                Err(_) => serializer.collect_str(n),
            },
            Shown::Text(t) => serializer.serialize_str(t),
            Shown::Quantity(..) | Shown::Date(_) => serializer.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Shown<'_> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Bool(b) => Shown::Bool(b),
            serde_json::Value::Number(n) => {
                let text = n.to_string();
                match Decimal::from_str(&text).or_else(|_| Decimal::from_scientific(&text)) {
                    Ok(d) => Shown::Number(d),
                    Err(_) => Shown::Text(Cow::Owned(text)),
                }
            }
            serde_json::Value::String(s) => Shown::Text(Cow::Owned(s)),
            other => Shown::Text(Cow::Owned(other.to_string())),
        })
    }
}

impl JsonSchema for Shown<'_> {
    fn schema_name() -> Cow<'static, str> {
        "Shown".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A value as read: true/false, an exact number, or text (a quantity in its declared unit such as \"8 t\", an enum's variant name, a date YYYY-MM-DD).",
            "type": ["boolean", "number", "string"]
        })
    }
}

/// A date as reports write it, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::value::date_text(self.0))
    }
}

impl std::str::FromStr for Date {
    type Err = chrono::ParseError;

    /// A date written `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map(Date)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Date)
            .map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}
