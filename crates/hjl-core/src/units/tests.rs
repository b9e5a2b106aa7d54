//! Golden table of unit conversions: each row is a value in one unit and the same value in
//! another; both must reach the identical base-unit decimal.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;

const SAME: &[(&str, &str, &str, &str)] = &[
    ("0.1", "MPa", "100", "kPa"),
    ("1", "MPa", "1000000", "Pa"),
    ("1", "bar", "0.1", "MPa"),
    ("1.5", "km", "1500", "m"),
    ("400", "mm", "0.4", "m"),
    ("2", "t", "2000", "kg"),
    ("500", "g", "0.5", "kg"),
    ("1", "m3", "1000", "L"),
    ("1", "m³", "1", "m3"),
    ("0", "°C", "273.15", "K"),
    ("-40", "°C", "233.15", "K"),
    ("1", "%", "10000", "ppm"),
    ("1", "h", "60", "min"),
    ("1", "d", "24", "h"),
    ("10", "m/s", "36", "km/h"),
    ("1", "kV", "1000", "V"),
    ("1", "kWh", "3600", "kJ"),
    ("1", "g/m3", "1000", "mg/m3"),
    ("1", "L/s", "3.6", "m3/h"),
    ("1", "µL/L", "1", "ppm"),
    ("25", "kN", "25000", "N"),
];

fn base(value: &str, symbol: &str) -> Decimal {
    let unit = Unit::from_symbol(symbol).unwrap_or_else(|| panic!("unknown unit {symbol}"));
    unit.to_base(Decimal::from_str(value).unwrap()).unwrap()
}

#[test]
fn conversions_are_exact() {
    for (a, ua, b, ub) in SAME {
        assert_eq!(base(a, ua), base(b, ub), "{a} {ua} should equal {b} {ub}");
    }
}

#[test]
fn near_values_stay_distinct() {
    assert!(base("0.1", "MPa") > base("99.999", "kPa"));
    assert!(base("30", "kPa") > base("29999", "Pa"));
}

#[test]
fn display_round_trips() {
    let kpa = Unit::from_symbol("kPa").unwrap();
    assert_eq!(
        kpa.from_base(base("0.25", "MPa"))
            .unwrap()
            .normalize()
            .to_string(),
        "250"
    );
    let k = Unit::from_symbol("K").unwrap();
    assert_eq!(
        k.from_base(base("20", "°C"))
            .unwrap()
            .normalize()
            .to_string(),
        "293.15"
    );
}

#[test]
fn every_dimension_has_a_base_unit() {
    for (name, dim) in Dimension::ALL {
        assert_eq!(Dimension::from_name(name), Some(dim));
        assert_eq!(dim.base_unit().dimension, dim, "{name}");
    }
}

#[test]
fn units_are_case_sensitive() {
    assert!(Unit::from_symbol("mpa").is_none());
    assert!(Unit::from_symbol("MPa").is_some());
}
