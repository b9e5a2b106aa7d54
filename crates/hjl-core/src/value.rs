//! Runtime values. Quantities are exact decimals in their dimension's base unit; enum values
//! are variant indexes; lists live in record slots, not here.

use chrono::{Datelike, NaiveDate};
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

/// A date as `YYYY-MM-DD`, as reports show it (what `NaiveDate`'s `Display` writes for the
/// years 0–9999, without the formatting machinery: reports show many dates).
pub(crate) fn date_text(d: NaiveDate) -> String {
    let (year, month, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&year) {
        return d.to_string();
    }
    let digits = |n: u32, width: usize, out: &mut String| {
        let mut buffer = itoa::Buffer::new();
        let text = buffer.format(n);
        for _ in text.len()..width {
            out.push('0');
        }
        out.push_str(text);
    };
    let mut out = String::with_capacity(10);
    digits(year.unsigned_abs(), 4, &mut out);
    out.push('-');
    digits(month, 2, &mut out);
    out.push('-');
    digits(day, 2, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_display_writes_them() {
        for (y, m, d) in [
            (2024, 1, 5),
            (1, 12, 31),
            (0, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 3, 4),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
            assert_eq!(date_text(date), date.to_string());
        }
    }
}
