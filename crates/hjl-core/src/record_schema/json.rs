//! A JSON value whose object keys keep the order they were written in: a schema lists the
//! facts in the order rule files declare them, which is the order a form shows them.

use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A JSON value with ordered objects.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    /// A number as its exact decimal text.
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(Object),
}

/// The entries of a JSON object, in order; a key set again replaces its value in place.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Object(Vec<(String, Json)>);

impl Object {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Sets `key` (replacing its value if present), for chaining.
    pub(crate) fn with(mut self, key: &str, value: impl Into<Json>) -> Self {
        self.set(key, value);
        self
    }

    /// Sets `key` when `value` is given, for chaining.
    pub(crate) fn with_some(self, key: &str, value: Option<impl Into<Json>>) -> Self {
        match value {
            Some(v) => self.with(key, v),
            None => self,
        }
    }

    pub(crate) fn set(&mut self, key: &str, value: impl Into<Json>) {
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = value,
            None => self.0.push((key.to_owned(), value)),
        }
    }

    /// Sets every entry of `other` in turn, for chaining.
    pub(crate) fn append(mut self, other: Object) -> Self {
        for (key, value) in other.0 {
            self.set(&key, value);
        }
        self
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Object> for Json {
    fn from(object: Object) -> Self {
        Json::Object(object)
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Self {
        Json::String(text.to_owned())
    }
}

impl From<String> for Json {
    fn from(text: String) -> Self {
        Json::String(text)
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Self {
        Json::Array(items)
    }
}

impl From<Decimal> for Json {
    /// The decimal's digits, exactly (serde_json keeps them with `arbitrary_precision`).
    fn from(d: Decimal) -> Self {
        let text = d.normalize().to_string();
        text.parse::<serde_json::Number>()
            .map_or(Json::String(text), Json::Number)
    }
}

/// Strings as a JSON array.
pub(crate) fn strings<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Json {
    Json::Array(items.into_iter().map(|s| Json::String(s.into())).collect())
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Number(n) => n.serialize(serializer),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(object) => object.serialize(serializer),
        }
    }
}

impl Serialize for Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}
