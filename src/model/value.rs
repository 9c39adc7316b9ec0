//! Indicator values: reading what staff write (`72.1`, `"72.1%"`, `"9,400人"`, `７２．１`,
//! `△5`) into numbers, and writing numbers back the way Japanese public documents show them.
//!
//! Pure functions, no I/O. Unit checking lives here so that `"58人"` under `unit: 地区` is
//! caught with the key's position by the caller.

use unicode_normalization::UnicodeNormalization;

/// Why a written value is not a number of the indicator's unit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ValueError {
    /// Not a number at all.
    #[error("「{0}」は数値として読めません")]
    NotANumber(String),
    /// A number followed by another unit than the indicator's.
    #[error("「{written}」の単位「{found}」が指標の単位「{expected}」と合いません")]
    UnitMismatch {
        /// What was written.
        written: String,
        /// The unit found after the number.
        found: String,
        /// The indicator's `unit`.
        expected: String,
    },
    /// NaN, infinity or a number too large to be a real value.
    #[error("「{0}」は数値として大きすぎるか、数値ではない特別な値です")]
    NotFinite(String),
}

impl ValueError {
    /// How to fix it, in Japanese.
    pub(crate) fn help(&self) -> String {
        match self {
            ValueError::UnitMismatch { expected, .. } => format!(
                "数値だけを書くか、単位「{expected}」を付けて書いてください（例: 72.1 または \"72.1{expected}\"）"
            ),
            _ => "72.1 のように半角数字で書いてください（マイナスは -5 または △5）".to_string(),
        }
    }
}

/// A value read from text, and whether it needed normalising (full-width digits, a unit,
/// thousands separators, △), which `check` reports as a warning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ParsedValue {
    /// The number.
    pub value: f64,
    /// Decimal places as written (`75.0` → 1), so pages show `75.0%` as the sheet did.
    pub decimals: u8,
    /// True when the text was not already a plain half-width number.
    pub normalized: bool,
}

/// Largest magnitude accepted; beyond it a value is a typo, and f64 arithmetic loses digits.
pub(crate) const MAX_MAGNITUDE: f64 = 1e15;

/// Checks a number that YAML already parsed.
pub(crate) fn check_number(value: f64, written: &str) -> Result<ParsedValue, ValueError> {
    if !value.is_finite() || value.abs() > MAX_MAGNITUDE {
        return Err(ValueError::NotFinite(written.to_string()));
    }
    Ok(ParsedValue {
        value,
        decimals: decimals_of(written),
        normalized: false,
    })
}

/// Reads a value written as text, accepting the indicator's unit after the number.
pub(crate) fn parse_value(text: &str, unit: &str) -> Result<ParsedValue, ValueError> {
    let normalized: String = text.nfkc().collect();
    let s = normalized.trim();
    // `1e400`, `inf`, `NaN`: numbers Rust reads but no real indicator has.
    if s.parse::<f64>()
        .is_ok_and(|v| !v.is_finite() || v.abs() > MAX_MAGNITUDE)
    {
        return Err(ValueError::NotFinite(text.into()));
    }
    let (negative, rest) = match s.strip_prefix(['△', '▲', '-', '−', '－']) {
        Some(r) => (true, r.trim_start()),
        None => (false, s),
    };
    let number_len = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map_or(rest.len(), |(i, _)| i);
    let (number, suffix) = rest.split_at(number_len);
    let suffix = suffix.trim();
    let digits = strip_thousands(number).ok_or_else(|| ValueError::NotANumber(text.into()))?;
    let lower = suffix.to_ascii_lowercase();
    if matches!(lower.as_str(), "nan" | "inf" | "infinity" | ".nan" | ".inf") && digits.is_empty() {
        return Err(ValueError::NotFinite(text.into()));
    }
    if digits.is_empty() || digits.starts_with('.') || digits.ends_with('.') {
        return Err(ValueError::NotANumber(text.into()));
    }
    let unit_norm: String = unit.nfkc().collect();
    if !suffix.is_empty() && suffix != unit_norm.trim() {
        return Err(ValueError::UnitMismatch {
            written: text.into(),
            found: suffix.into(),
            expected: unit.into(),
        });
    }
    let magnitude: f64 = digits
        .parse()
        .map_err(|_| ValueError::NotANumber(text.into()))?;
    let value = if negative { -magnitude } else { magnitude };
    let mut parsed =
        check_number(value, &digits).map_err(|_| ValueError::NotFinite(text.into()))?;
    let canonical = if negative {
        format!("-{digits}")
    } else {
        digits
    };
    parsed.normalized = canonical != text.trim();
    Ok(parsed)
}

/// `9,400` → `9400`; commas must group by three. `None` when malformed.
fn strip_thousands(number: &str) -> Option<String> {
    if !number.contains(',') {
        return Some(number.to_string());
    }
    let int_part = number.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int_part.split(',').collect();
    let well_formed =
        !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    well_formed.then(|| number.replace(',', ""))
}

/// Decimal places in a written number (`74.60` → 2, `75` → 0).
pub(crate) fn decimals_of(written: &str) -> u8 {
    written.split_once('.').map_or(0, |(_, frac)| {
        frac.chars().take_while(char::is_ascii_digit).count().min(6) as u8
    })
}

/// `9400.0` with 0 decimals → `9,400`; `-2.5` with 1 → `-2.5`. Half-width digits, thousands
/// separators (full-width digits are read digit by digit by screen readers).
pub(crate) fn format_number(value: f64, decimals: u8) -> String {
    match scaled_digits(value.abs(), decimals) {
        Some(digits) => group_digits(value < 0.0, digits, decimals),
        None => format_number_exact(value, decimals),
    }
}

/// `value × 10^decimals` rounded to an integer, when that is certainly what formatting
/// `value` with `decimals` places shows: the product is small enough for its rounding error
/// to stay far below 0.001, and not within 0.001 of a tie (where the exact decimal value
/// of the binary number decides). Otherwise `None`, and the exact formatter runs.
fn scaled_digits(value: f64, decimals: u8) -> Option<u64> {
    const POWERS: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];
    let scaled = value * POWERS.get(usize::from(decimals))?;
    if !(0.0..1e9).contains(&scaled) {
        return None;
    }
    let fraction = scaled - scaled.floor();
    if (fraction - 0.5).abs() < 1e-3 {
        return None;
    }
    // In range and not NaN: the cast is exact.
    Some(scaled.round() as u64)
}

/// `digits` (the number × 10^decimals) with thousands separators and `decimals` places.
fn group_digits(negative: bool, digits: u64, decimals: u8) -> String {
    let mut text = itoa::Buffer::new().format(digits).to_string();
    let places = usize::from(decimals);
    if text.len() <= places {
        text.insert_str(0, &"0".repeat(places + 1 - text.len()));
    }
    let (int_part, frac) = text.split_at(text.len() - places);
    grouped(
        negative && digits != 0,
        int_part,
        Some(frac).filter(|f| !f.is_empty()),
    )
}

/// [`format_number`] through the standard library's exact decimal formatting.
fn format_number_exact(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", usize::from(decimals), value.abs());
    let zero = text.chars().all(|c| c == '0' || c == '.');
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    grouped(value < 0.0 && !zero, int_part, frac)
}

/// `-`, the integer digits with thousands separators, and `.` with the fraction digits.
fn grouped(minus: bool, int_part: &str, frac: Option<&str>) -> String {
    let mut out = String::with_capacity(int_part.len() * 4 / 3 + frac.map_or(0, str::len) + 2);
    if minus {
        out.push('-');
    }
    for (i, c) in int_part.char_indices() {
        if i > 0 && (int_part.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A value with its unit: `74.6%`, `58地区`.
pub(crate) fn format_with_unit(value: f64, decimals: u8, unit: &str) -> String {
    format!("{}{}", format_number(value, decimals), unit)
}

/// A percentage computed by hyoka (進捗率, 達成率): one decimal, trailing `.0` dropped.
pub(crate) fn format_percent(pct: f64) -> String {
    let text = format_number(pct, 1);
    let text = text.strip_suffix(".0").unwrap_or(&text).to_string();
    format!("{text}%")
}

/// A change between two values. For `%` indicators the change is in ポイント, not %.
pub(crate) fn format_change(delta: f64, decimals: u8, unit: &str) -> String {
    let sign = if delta > 0.0 { "+" } else { "" };
    let unit = if unit == "%" { "ポイント" } else { unit };
    format!("{sign}{}{unit}", format_number(delta, decimals))
}

/// Units that count whole things: a plan value between two whole numbers (59.5地区) is
/// shown as a whole number (see [`shown_plan`]). The 評価の方法 page states the rule.
pub(crate) const COUNT_UNITS: [&str; 24] = [
    "人",
    "件",
    "地区",
    "回",
    "団体",
    "校",
    "か所",
    "箇所",
    "カ所",
    "ヶ所",
    "ケ所",
    "世帯",
    "社",
    "店",
    "戸",
    "台",
    "施設",
    "事業",
    "園",
    "組",
    "区",
    "名",
    "人回",
    "チーム",
];

/// Whether `unit` counts whole things (人, 件, 地区 …: [`COUNT_UNITS`]).
pub(crate) fn is_count_unit(unit: &str) -> bool {
    COUNT_UNITS.contains(&unit.trim())
}

/// A plan value as pages show it, and its decimal places. For a count unit written without
/// decimals, the whole number that meets the plan: rounded up when higher is better (59.5地区
/// → 60地区, as 59 would be short of it), down when lower is better. Otherwise the
/// indicator's `decimals`, plus up to two more where the line falls between written values
/// (73.65%). The evaluation itself always uses the exact plan value.
pub(crate) fn shown_plan(
    value: f64,
    decimals: u8,
    unit: &str,
    higher_is_better: bool,
) -> (f64, u8) {
    if decimals == 0 && is_count_unit(unit) {
        // Floating noise (59.000000001) is not a fraction of a count.
        let near = round_to(value, 6);
        let whole = if higher_is_better {
            near.ceil()
        } else {
            near.floor()
        };
        return (whole, 0);
    }
    let mut places = decimals;
    while places < decimals + 2 && round_to(value, i32::from(places)) != round_to(value, 6) {
        places += 1;
    }
    (value, places)
}

/// Rounds to `places` decimals, for stable numbers in data files (−625.0000001 → −625).
pub(crate) fn round_to(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    let rounded = (value * factor).round() / factor;
    if rounded == 0.0 { 0.0 } else { rounded }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_number_formatting_shows_what_exact_formatting_shows() {
        let mut rng = fastrand::Rng::with_seed(7);
        let mut checked = 0;
        for _ in 0..30_000 {
            let magnitude = 10f64.powi(rng.i32(-3..10));
            let value = (rng.f64() - 0.3) * magnitude;
            // Values people write: short decimals, which sit on ties after scaling.
            let written = (value * 100.0).round() / 100.0;
            let tie = (rng.i64(-100_000..100_000) as f64 + 0.5) / 10f64.powi(rng.i32(0..4));
            for v in [value, written, tie, -written, 0.0, -0.0] {
                for decimals in 0..=7 {
                    assert_eq!(
                        format_number(v, decimals),
                        format_number_exact(v, decimals),
                        "{v:?} with {decimals} places"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 1_000_000);
        for (v, d, text) in [
            (0.15, 1, "0.1"),
            (0.25, 1, "0.2"),
            (2.5, 0, "2"),
            (-0.04, 1, "0.0"),
            (9400.0, 0, "9,400"),
            (1234567.891, 2, "1,234,567.89"),
            (-625.0, 1, "-625.0"),
            (f64::NAN, 1, "NaN"),
        ] {
            assert_eq!(format_number(v, d), text, "{v} {d}");
        }
    }

    #[test]
    fn accepts_what_staff_write() {
        for (text, unit, value, normalized) in [
            ("72.1", "%", 72.1, false),
            ("72.1%", "%", 72.1, true),
            ("72.1％", "%", 72.1, true),
            ("７２．１", "%", 72.1, true),
            ("58地区", "地区", 58.0, true),
            ("9,400人", "人", 9400.0, true),
            ("1,234,567", "件", 1234567.0, true),
            ("△5", "件", -5.0, true),
            ("▲0.5", "%", -0.5, true),
            ("-3", "回", -3.0, false),
            (" 12 ", "回", 12.0, false),
            ("12 回", "回", 12.0, true),
        ] {
            let parsed = parse_value(text, unit).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(parsed.value, value, "{text}");
            assert_eq!(parsed.normalized, normalized, "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_value() {
        assert!(matches!(
            parse_value("58人", "地区"),
            Err(ValueError::UnitMismatch { .. })
        ));
        assert!(matches!(parse_value("72.1", "%").map(|p| p.value), Ok(v) if v == 72.1));
        for bad in [
            "", "abc", "約70", "1,23", "12,3456", ".5", "5.", "1.2.3", "%",
        ] {
            assert!(parse_value(bad, "%").is_err(), "{bad}");
        }
        assert!(matches!(
            parse_value("nan", "%"),
            Err(ValueError::NotFinite(_))
        ));
        assert!(matches!(
            parse_value("1e400", "%"),
            Err(ValueError::NotFinite(_))
        ));
        assert!(matches!(
            parse_value("-inf", "%"),
            Err(ValueError::NotFinite(_))
        ));
        assert!(matches!(
            parse_value("NaN", "%"),
            Err(ValueError::NotFinite(_))
        ));
        let huge = "9".repeat(400);
        assert!(matches!(
            parse_value(&huge, "%"),
            Err(ValueError::NotFinite(_))
        ));
        assert!(check_number(f64::NAN, ".nan").is_err());
        assert!(check_number(f64::INFINITY, ".inf").is_err());
    }

    #[test]
    fn decimals_follow_the_sheet() {
        assert_eq!(parse_value("75.0%", "%").unwrap().decimals, 1);
        assert_eq!(decimals_of("58"), 0);
        assert_eq!(decimals_of("74.60"), 2);
    }

    #[test]
    fn formats_numbers_for_pages() {
        assert_eq!(format_number(9400.0, 0), "9,400");
        assert_eq!(format_number(1234567.25, 2), "1,234,567.25");
        assert_eq!(format_number(75.0, 1), "75.0");
        assert_eq!(format_number(-2.5, 1), "-2.5");
        assert_eq!(format_number(-0.01, 1), "0.0");
        assert_eq!(format_with_unit(74.6, 1, "%"), "74.6%");
        assert_eq!(format_percent(-625.0), "-625%");
        assert_eq!(format_percent(97.8954), "97.9%");
        assert_eq!(format_change(-2.5, 1, "%"), "-2.5ポイント");
        assert_eq!(format_change(1.0, 0, "地区"), "+1地区");
        assert_eq!(round_to(-624.9999999, 4), -625.0);
    }

    #[test]
    fn plan_values_of_count_units_are_whole_numbers_that_meet_the_plan() {
        assert_eq!(shown_plan(59.5, 0, "地区", true), (60.0, 0));
        assert_eq!(shown_plan(59.5, 0, "地区", false), (59.0, 0));
        assert_eq!(shown_plan(12.25, 0, "人", true), (13.0, 0));
        assert_eq!(shown_plan(59.000_000_001, 0, "件", true), (59.0, 0));
        assert_eq!(shown_plan(3.0, 0, "か所", true), (3.0, 0));
        // A rate keeps the places the line needs; a count written with decimals keeps them.
        assert_eq!(shown_plan(73.65, 1, "%", true), (73.65, 2));
        assert_eq!(shown_plan(2.55, 1, "回", true), (2.55, 2));
        assert_eq!(shown_plan(59.5, 0, "円", true), (59.5, 1));
        assert!(is_count_unit("人") && is_count_unit(" 地区 ") && !is_count_unit("%"));
    }
}
