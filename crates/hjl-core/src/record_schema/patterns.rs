//! The regular expressions and references a record schema is written with: dates and
//! quantities written as text, exactly as the binder reads them, and JSON pointers to the
//! schema's own parts. Patterns use only what every JSON Schema validator's
//! regular expressions share (no look-around, `[0-9]` rather than `\d`).

use crate::units::Dimension;

/// A date as the binder reads it: a four-digit year, a month and a day of one or two digits,
/// and a day the month has (29 February only in a leap year).
pub(crate) const DATE: &str = concat!(
    "^[0-9]{4}-(?:",
    "(?:0?[13578]|1[02])-(?:0?[1-9]|[12][0-9]|3[01])",
    "|(?:0?[469]|11)-(?:0?[1-9]|[12][0-9]|30)",
    "|0?2-(?:0?[1-9]|1[0-9]|2[0-8])",
    ")$",
    "|^(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-0?2-29$",
);

/// A quantity written as text, `"0.25 MPa"`: a decimal number, then optionally one of the
/// dimension's unit symbols (without one, the fact's declared unit), spaces around either.
pub(crate) fn quantity_text(dimension: Dimension) -> String {
    let symbols: Vec<String> = dimension.symbols().map(escape).collect();
    format!(
        r"^\s*-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)\s*(?:{})?\s*$",
        symbols.join("|")
    )
}

/// `text` with the characters that have a meaning in a regular expression escaped (only
/// those: an escaped letter or `_` is an error under the `u` flag many validators set).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "^$\\.*+?()[]{}|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A URI fragment pointing at `parts` (JSON pointer reference tokens) from the schema's root:
/// `~` and `/` escaped as JSON pointers escape them, and anything a URI fragment cannot
/// hold as is (a Chinese identifier, say) percent-encoded.
pub(crate) fn pointer<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::from("#");
    for part in parts {
        out.push('/');
        for c in part.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c if c.is_ascii_alphanumeric() || "-._:$".contains(c) => out.push(c),
                c => {
                    let mut bytes = [0; 4];
                    for b in c.encode_utf8(&mut bytes).bytes() {
                        out.push_str(&format!("%{b:02X}"));
                    }
                }
            }
        }
    }
    out
}
