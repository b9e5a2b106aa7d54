//! Runtime values. Quantities are exact decimals in their dimension's base unit; enum values
//! are variant indexes; lists live in record slots, not here.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// A known scalar value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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

/// A `YYYY-MM-DD` date: four ASCII digits of year, then a month and a day of one or two
/// digits each (as the record schema's pattern says), read as
/// `NaiveDate::parse_from_str(s, "%Y-%m-%d")` reads such text, in records and in rule files
/// alike. Text of any other shape is no date, though chrono would take it (a space or a
/// sign before the year, a two-digit year). Records nearly always write four, two and two
/// digits; those are read directly, anything else through the format's items, prepared once
/// rather than from the format string every time.
#[inline]
pub(crate) fn date(s: &str) -> Option<NaiveDate> {
    use chrono::format::{Item, Numeric, Pad, Parsed};
    const YYYY_MM_DD: [Item<'static>; 5] = [
        Item::Numeric(Numeric::Year, Pad::Zero),
        Item::Literal("-"),
        Item::Numeric(Numeric::Month, Pad::Zero),
        Item::Literal("-"),
        Item::Numeric(Numeric::Day, Pad::Zero),
    ];
    if let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = s.as_bytes() {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if digits.iter().all(u8::is_ascii_digit) {
            let n = |ds: &[u8]| ds.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
            let year = i32::try_from(n(&digits[..4])).ok()?;
            return NaiveDate::from_ymd_opt(year, n(&digits[4..6]), n(&digits[6..]));
        }
    }
    if !date_shaped(s) {
        return None;
    }
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, s, YYYY_MM_DD.iter()).ok()?;
    parsed.to_naive_date().ok()
}

/// Whether text has the shape of a date: `DDDD-D(D)-D(D)` in ASCII digits.
pub(crate) fn date_shaped(s: &str) -> bool {
    let mut parts = s.split('-');
    let digits = |p: Option<&str>, len: std::ops::RangeInclusive<usize>| {
        p.is_some_and(|p| len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    digits(parts.next(), 4..=4)
        && digits(parts.next(), 1..=2)
        && digits(parts.next(), 1..=2)
        && parts.next().is_none()
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
