//! `--max-record`, `--max-list`, `--max-text`: what one record may hold, for the commands
//! that judge records. Unset, the engine's defaults apply.

use hjl_core::{Engine, Limits};

#[derive(clap::Args)]
pub(crate) struct RecordLimits {
    /// The largest record, in bytes or with a suffix (KiB, MiB, GiB); a larger one is
    /// refused whole with its size [default: 64MiB].
    #[arg(long, value_name = "SIZE", value_parser = size)]
    max_record: Option<usize>,
    /// The most elements a list fact may have; a longer list counts as not given, with an
    /// error naming it, and the rest of the record is judged [default: 100000].
    #[arg(long, value_name = "N", value_parser = count)]
    max_list: Option<usize>,
    /// The longest text a fact may have, in bytes or with a suffix (KiB, MiB); a longer
    /// one counts as not given, with an error naming it [default: 1MiB].
    #[arg(long, value_name = "SIZE", value_parser = size)]
    max_text: Option<usize>,
}

impl RecordLimits {
    /// The engine with the limits asked for, the rest left at their defaults.
    pub(crate) fn apply(&self, engine: Engine) -> Engine {
        let defaults = engine.limits();
        engine.with_limits(Limits {
            record_bytes: self.max_record.unwrap_or(defaults.record_bytes),
            list_rows: self.max_list.unwrap_or(defaults.list_rows),
            text_bytes: self.max_text.unwrap_or(defaults.text_bytes),
        })
    }
}

/// A positive whole number.
fn count(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("at least 1 is needed".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("expected a whole number, found `{text}`")),
    }
}

/// A size in bytes: a whole number, optionally followed by KiB, MiB or GiB (KB, MB and
/// GB, and K, M, G, are read as the same powers of 1024).
fn size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(digits);
    let shift = match suffix.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => {
            return Err(format!(
                "expected a size such as 65536, 512KiB or 64MiB, found `{text}`"
            ));
        }
    };
    let bytes = count(number)?
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_and_without_a_suffix() {
        assert_eq!(size("65536"), Ok(65536));
        assert_eq!(size("512KiB"), Ok(512 << 10));
        assert_eq!(size("64 MiB"), Ok(64 << 20));
        assert_eq!(size("1mb"), Ok(1 << 20));
        assert_eq!(size("2G"), Ok(2 << 30));
        assert!(size("0").is_err());
        assert!(size("1.5MiB").is_err());
        assert!(size("10 TB").is_err());
        assert!(size("").is_err());
    }
}
