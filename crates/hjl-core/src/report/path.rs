//! Paths in a record as reports name them: a fact (`blast.top_pressure`), a list element
//! (`furnaces[1]`) or a field of one (`furnaces[1].capacity`). A path is kept in parts,
//! borrowed from the engine, and written out only when shown or serialized: judging builds
//! many paths and shows few.

use std::borrow::Cow;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A path in a record, written as text in JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordPath<'e> {
    fact: Cow<'e, str>,
    /// For a list element: its row, and the field when the path names one.
    cell: Option<(u32, Option<Cow<'e, str>>)>,
}

impl<'e> RecordPath<'e> {
    /// The path of a fact.
    pub fn fact(path: impl Into<Cow<'e, str>>) -> Self {
        Self {
            fact: path.into(),
            cell: None,
        }
    }

    /// The path of row `row` of a list fact, or of `field` in that row.
    pub fn element(
        list: impl Into<Cow<'e, str>>,
        row: u32,
        field: Option<impl Into<Cow<'e, str>>>,
    ) -> Self {
        Self {
            fact: list.into(),
            cell: Some((row, field.map(Into::into))),
        }
    }

    /// The fact's path (the list's, for an element).
    pub fn fact_path(&self) -> &str {
        &self.fact
    }

    /// For a list element: its row, and the field when the path names one.
    pub(crate) fn cell(&self) -> Option<(u32, Option<&str>)> {
        self.cell
            .as_ref()
            .map(|(row, field)| (*row, field.as_deref()))
    }

    /// The path as text.
    pub fn text(&self) -> Cow<'_, str> {
        match self.cell {
            None => Cow::Borrowed(&self.fact),
            Some(_) => Cow::Owned(self.to_string()),
        }
    }

    /// The same path, owning its text.
    pub fn into_owned(self) -> RecordPath<'static> {
        RecordPath {
            fact: Cow::Owned(self.fact.into_owned()),
            cell: self
                .cell
                .map(|(row, field)| (row, field.map(|f| Cow::Owned(f.into_owned())))),
        }
    }

    /// Reads a path written as text.
    fn parse(text: &str) -> RecordPath<'static> {
        let element = text.split_once('[').and_then(|(list, rest)| {
            let (row, field) = rest.split_once(']')?;
            let row = row.parse().ok()?;
            let field = match field {
                "" => None,
                f => Some(f.strip_prefix('.')?.to_owned()),
            };
            Some(RecordPath::element(list.to_owned(), row, field))
        });
        element.unwrap_or_else(|| RecordPath::fact(text.to_owned()))
    }
}

impl fmt::Display for RecordPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.fact)?;
        if let Some((row, field)) = &self.cell {
            write!(f, "[{row}]")?;
            if let Some(field) = field {
                write!(f, ".{field}")?;
            }
        }
        Ok(())
    }
}

impl PartialEq<&str> for RecordPath<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.text() == *other
    }
}

impl Serialize for RecordPath<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.cell {
            None => serializer.serialize_str(&self.fact),
            Some(_) => serializer.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for RecordPath<'_> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(RecordPath::parse(&text))
    }
}

impl JsonSchema for RecordPath<'_> {
    fn schema_name() -> Cow<'static, str> {
        "RecordPath".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A path in the record: `fact.path`, `list[row]` or `list[row].field`."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_back_as_they_are_written() {
        for path in [
            RecordPath::fact("blast.top_pressure"),
            RecordPath::element("furnaces", 1, Some("capacity")),
            RecordPath::element("furnaces", 12, None::<&str>),
        ] {
            let text = path.to_string();
            assert_eq!(
                RecordPath::parse(&text),
                path.clone().into_owned(),
                "{text}"
            );
            assert_eq!(path, text.as_str());
        }
        assert_eq!(
            RecordPath::element("workers", 0, Some("valid_until")).to_string(),
            "workers[0].valid_until"
        );
    }
}
