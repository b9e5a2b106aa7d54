//! Runtime values. Quantities are exact decimals in their dimension's base unit; enum values
//! are variant indexes; lists live in record slots, not here.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A known scalar value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Bool(bool),
    /// Integers and plain numbers alike.
    Num(Decimal),
    /// A quantity in its dimension's base unit.
    Qty(Decimal),
    Enum(u32),
    Date(NaiveDate),
    /// Shared, so that reading a text fact never copies it.
    Text(std::sync::Arc<str>),
}

impl Value {
    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}
