//! Physical dimensions and their units. Every quantity is held exactly as a decimal in its
//! dimension's base unit; conversion is `base = value × factor + offset`, exact in decimal.

use rust_decimal::Decimal;

/// A physical dimension a quantity fact can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// Length (base m).
    Length,
    /// Area (base m²).
    Area,
    /// Volume (base m³).
    Volume,
    /// Mass (base kg).
    Mass,
    /// Pressure (base Pa).
    Pressure,
    /// Temperature (base °C).
    Temperature,
    /// Volume fraction (base %).
    Concentration,
    /// Fraction of the lower explosive limit (base %LEL).
    Lel,
    /// Mass per volume (base mg/m³).
    MassConcentration,
    /// Duration (base s).
    Duration,
    /// Speed (base km/h, so that m/s converts exactly).
    Speed,
    /// Voltage (base V).
    Voltage,
    /// Current (base A).
    Current,
    /// Power (base W).
    Power,
    /// Energy (base J).
    Energy,
    /// Angle (base °).
    Angle,
    /// Frequency (base Hz).
    Frequency,
    /// Volume flow (base m³/h).
    Flow,
    /// Force or load (base N).
    Force,
    /// Mass flow (base t/h).
    MassFlow,
}

impl Dimension {
    /// Every dimension with the type name rule files use for it.
    pub const ALL: [(&'static str, Dimension); 20] = [
        ("length", Dimension::Length),
        ("area", Dimension::Area),
        ("volume", Dimension::Volume),
        ("mass", Dimension::Mass),
        ("pressure", Dimension::Pressure),
        ("temperature", Dimension::Temperature),
        ("concentration", Dimension::Concentration),
        ("lel", Dimension::Lel),
        ("mass_concentration", Dimension::MassConcentration),
        ("duration", Dimension::Duration),
        ("speed", Dimension::Speed),
        ("voltage", Dimension::Voltage),
        ("current", Dimension::Current),
        ("power", Dimension::Power),
        ("energy", Dimension::Energy),
        ("angle", Dimension::Angle),
        ("frequency", Dimension::Frequency),
        ("flow", Dimension::Flow),
        ("force", Dimension::Force),
        ("mass_flow", Dimension::MassFlow),
    ];

    /// The type name of this dimension in rule files.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, d)| *d == self)
            .map_or("quantity", |(n, _)| n)
    }

    /// What the dimension measures, in the Chinese of record messages.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Length => "长度",
            Dimension::Area => "面积",
            Dimension::Volume => "体积",
            Dimension::Mass => "质量",
            Dimension::Pressure => "压力（压强、荷载）",
            Dimension::Temperature => "温度",
            Dimension::Concentration => "浓度或比例",
            Dimension::Lel => "爆炸下限百分比",
            Dimension::MassConcentration => "质量浓度",
            Dimension::Duration => "时长",
            Dimension::Speed => "速度",
            Dimension::Voltage => "电压",
            Dimension::Current => "电流",
            Dimension::Power => "功率",
            Dimension::Energy => "能量",
            Dimension::Angle => "角度",
            Dimension::Frequency => "频率",
            Dimension::Flow => "体积流量",
            Dimension::Force => "力",
            Dimension::MassFlow => "质量流量",
        }
    }

    /// Looks a dimension up by its type name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
    }

    /// The symbols of this dimension's units, base unit first.
    pub fn symbols(self) -> impl Iterator<Item = &'static str> {
        UNITS
            .iter()
            .filter(move |u| u.dimension == self)
            .map(|u| u.symbol)
    }

    /// The symbols to show a person, one spelling each: `m²` and not also `m2`, `µL/L`
    /// and not also `μL/L` (both spellings are read).
    pub fn written_symbols(self) -> impl Iterator<Item = &'static str> {
        let all: Vec<&'static str> = self.symbols().collect();
        let twin = |s: &str| -> Option<String> {
            let superscript = s.replace('2', "²").replace('3', "³");
            let micro = s.replace('μ', "µ");
            [superscript, micro].into_iter().find(|t| t != s)
        };
        self.symbols()
            .filter(move |s| twin(s).is_none_or(|t| !all.contains(&t.as_str())))
    }

    /// The unit a plain number is read in when a fact names none.
    pub fn base_unit(self) -> &'static Unit {
        UNITS
            .iter()
            .find(|u| u.dimension == self && u.factor == (1, 0) && u.offset == (0, 0))
            .unwrap_or(&METRE)
    }
}

/// A unit of measure.
#[derive(Debug, PartialEq, Eq)]
pub struct Unit {
    /// The symbol written in rule files and records.
    pub symbol: &'static str,
    /// What it measures.
    pub dimension: Dimension,
    /// `base = value × factor + offset`, each an exact decimal as (mantissa, scale).
    factor: (i128, u32),
    offset: (i128, u32),
}

const fn unit(symbol: &'static str, dimension: Dimension, factor: &'static str) -> Unit {
    Unit {
        symbol,
        dimension,
        factor: exact(factor),
        offset: (0, 0),
    }
}

/// A decimal written as text (`"0.001"`, `"-273.15"`), as (mantissa, scale), read when the
/// program is compiled so that converting a value parses nothing.
const fn exact(text: &str) -> (i128, u32) {
    let mut bytes = text.as_bytes();
    let negative = matches!(bytes, [b'-', ..]);
    if let [b'-', rest @ ..] = bytes {
        bytes = rest;
    }
    let (mut mantissa, mut scale, mut fraction) = (0i128, 0u32, false);
    while let [b, rest @ ..] = bytes {
        if *b == b'.' {
            fraction = true;
        } else {
            mantissa = mantissa * 10 + (*b - b'0') as i128;
            if fraction {
                scale += 1;
            }
        }
        bytes = rest;
    }
    (if negative { -mantissa } else { mantissa }, scale)
}

use Dimension as D;

/// What `base_unit` answers for a dimension without units (none today).
static METRE: Unit = unit("m", D::Length, "1");

/// Every unit, base units first within each dimension. Symbols are unique: a record or a
/// rule names a unit by its symbol alone.
static UNITS: &[Unit] = &[
    unit("m", D::Length, "1"),
    unit("mm", D::Length, "0.001"),
    unit("cm", D::Length, "0.01"),
    unit("dm", D::Length, "0.1"),
    unit("km", D::Length, "1000"),
    unit("µm", D::Length, "0.000001"),
    unit("μm", D::Length, "0.000001"),
    unit("m2", D::Area, "1"),
    unit("m²", D::Area, "1"),
    unit("mm2", D::Area, "0.000001"),
    unit("mm²", D::Area, "0.000001"),
    unit("cm2", D::Area, "0.0001"),
    unit("cm²", D::Area, "0.0001"),
    unit("km2", D::Area, "1000000"),
    unit("km²", D::Area, "1000000"),
    unit("m3", D::Volume, "1"),
    unit("m³", D::Volume, "1"),
    unit("L", D::Volume, "0.001"),
    unit("mL", D::Volume, "0.000001"),
    unit("dm3", D::Volume, "0.001"),
    unit("dm³", D::Volume, "0.001"),
    unit("kg", D::Mass, "1"),
    unit("g", D::Mass, "0.001"),
    unit("t", D::Mass, "1000"),
    unit("Pa", D::Pressure, "1"),
    unit("kPa", D::Pressure, "1000"),
    unit("MPa", D::Pressure, "1000000"),
    unit("bar", D::Pressure, "100000"),
    unit("N/m2", D::Pressure, "1"),
    unit("N/m²", D::Pressure, "1"),
    unit("kN/m2", D::Pressure, "1000"),
    unit("kN/m²", D::Pressure, "1000"),
    unit("N/mm2", D::Pressure, "1000000"),
    unit("N/mm²", D::Pressure, "1000000"),
    unit("°C", D::Temperature, "1"),
    unit("℃", D::Temperature, "1"),
    Unit {
        symbol: "K",
        dimension: D::Temperature,
        factor: exact("1"),
        offset: exact("-273.15"),
    },
    unit("%", D::Concentration, "1"),
    unit("‰", D::Concentration, "0.1"),
    unit("ppm", D::Concentration, "0.0001"),
    unit("µL/L", D::Concentration, "0.0001"),
    unit("μL/L", D::Concentration, "0.0001"),
    unit("%LEL", D::Lel, "1"),
    unit("mg/m3", D::MassConcentration, "1"),
    unit("mg/m³", D::MassConcentration, "1"),
    unit("g/m3", D::MassConcentration, "1000"),
    unit("g/m³", D::MassConcentration, "1000"),
    unit("mg/L", D::MassConcentration, "1000"),
    unit("s", D::Duration, "1"),
    unit("min", D::Duration, "60"),
    unit("h", D::Duration, "3600"),
    unit("d", D::Duration, "86400"),
    unit("day", D::Duration, "86400"),
    unit("days", D::Duration, "86400"),
    unit("km/h", D::Speed, "1"),
    unit("m/s", D::Speed, "3.6"),
    unit("m/min", D::Speed, "0.06"),
    unit("V", D::Voltage, "1"),
    unit("kV", D::Voltage, "1000"),
    unit("A", D::Current, "1"),
    unit("mA", D::Current, "0.001"),
    unit("kA", D::Current, "1000"),
    unit("W", D::Power, "1"),
    unit("kW", D::Power, "1000"),
    unit("MW", D::Power, "1000000"),
    unit("GW", D::Power, "1000000000"),
    unit("J", D::Energy, "1"),
    unit("kJ", D::Energy, "1000"),
    unit("MJ", D::Energy, "1000000"),
    unit("kWh", D::Energy, "3600000"),
    unit("kW·h", D::Energy, "3600000"),
    unit("°", D::Angle, "1"),
    unit("deg", D::Angle, "1"),
    unit("Hz", D::Frequency, "1"),
    unit("kHz", D::Frequency, "1000"),
    unit("m3/h", D::Flow, "1"),
    unit("m³/h", D::Flow, "1"),
    unit("L/h", D::Flow, "0.001"),
    unit("L/s", D::Flow, "3.6"),
    unit("L/min", D::Flow, "0.06"),
    unit("m3/s", D::Flow, "3600"),
    unit("m³/s", D::Flow, "3600"),
    unit("m3/min", D::Flow, "60"),
    unit("m³/min", D::Flow, "60"),
    unit("N", D::Force, "1"),
    unit("kN", D::Force, "1000"),
    unit("MN", D::Force, "1000000"),
    unit("t/h", D::MassFlow, "1"),
    unit("kg/h", D::MassFlow, "0.001"),
    unit("kg/s", D::MassFlow, "3.6"),
    unit("kg/min", D::MassFlow, "0.06"),
];

/// Calendar units: only for shifting dates (`inspection.date - 3 years`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarUnit {
    /// Calendar years.
    Year,
    /// Calendar months.
    Month,
}

impl CalendarUnit {
    /// Looks a calendar unit up by symbol.
    pub fn from_symbol(symbol: &str) -> Option<Self> {
        match symbol {
            "year" | "years" | "a" => Some(Self::Year),
            "month" | "months" => Some(Self::Month),
            _ => None,
        }
    }
}

impl Unit {
    /// Looks a unit up by its symbol (case-sensitive: `MPa`, not `mpa`).
    pub fn from_symbol(symbol: &str) -> Option<&'static Unit> {
        UNITS.iter().find(|u| u.symbol == symbol)
    }

    /// Every symbol, for "did you mean" suggestions.
    pub fn symbols() -> impl Iterator<Item = &'static str> {
        UNITS.iter().map(|u| u.symbol)
    }

    fn factor(&self) -> Decimal {
        Decimal::from_i128_with_scale(self.factor.0, self.factor.1)
    }

    fn offset(&self) -> Decimal {
        Decimal::from_i128_with_scale(self.offset.0, self.offset.1)
    }

    /// Converts a value in this unit to the base unit, exactly; `None` on overflow.
    pub fn to_base(&self, value: Decimal) -> Option<Decimal> {
        value.checked_mul(self.factor())?.checked_add(self.offset())
    }

    /// Converts a base-unit value to this unit, for display.
    pub fn from_base(&self, base: Decimal) -> Option<Decimal> {
        base.checked_sub(self.offset())?.checked_div(self.factor())
    }
}

#[cfg(test)]
mod tests;

/// A unit in a compiled program's snapshot: written as its symbol, read back as the one
/// unit of that symbol.
pub(crate) mod by_symbol {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use super::Unit;

    pub(crate) fn serialize<S: Serializer>(unit: &&'static Unit, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(unit.symbol)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static Unit, D::Error> {
        let symbol = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Unit::from_symbol(&symbol).ok_or_else(|| D::Error::custom(format!("unknown unit {symbol}")))
    }
}
