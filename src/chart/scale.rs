//! Axis ranges shared by the goal chart and the sparkline: which years the x axis spans and
//! which values the y axis spans, with "nice" tick values.
//!
//! Input: an [`Indicator`]'s series. Output: numbers only. Must not draw anything.

use crate::model::{Evaluation, Indicator, Point};

/// The actuals the evaluation knows: those not after its latest actual (none when the
/// evaluation has no actual, e.g. every actual is after `as_of`).
pub(crate) fn shown_actuals(indicator: &Indicator, evaluation: &Evaluation) -> Vec<Point> {
    match evaluation.latest {
        Some(latest) => indicator
            .actual
            .iter()
            .filter(|p| p.year <= latest.year)
            .copied()
            .collect(),
        None => Vec::new(),
    }
}

/// The points the 実績 line goes through: the baseline (初期値 is the measured value of its
/// year) followed by the shown actuals after it, so one actual already shows a trend.
/// Empty when there is no actual.
pub(crate) fn actual_line(indicator: &Indicator, actual: &[Point]) -> Vec<Point> {
    if actual.is_empty() {
        return Vec::new();
    }
    std::iter::once(indicator.baseline)
        .chain(
            actual
                .iter()
                .copied()
                .filter(|p| p.year > indicator.baseline.year),
        )
        .collect()
}

/// Every value drawn: the baseline, the `actual` given (see [`shown_actuals`]) and the targets.
pub(crate) fn all_values(indicator: &Indicator, actual: &[Point]) -> Vec<f64> {
    std::iter::once(indicator.baseline.value)
        .chain(actual.iter().map(|p| p.value))
        .chain(indicator.targets.iter().map(|p| p.value))
        .filter(|v| v.is_finite())
        .collect()
}

/// First and last western year in the series (inclusive).
pub(crate) fn year_span(indicator: &Indicator) -> (i32, i32) {
    let years = indicator.years();
    let first = years.first().map_or(0, |y| i32::from(y.western()));
    let last = years.last().map_or(first, |y| i32::from(y.western()));
    (first, last)
}

/// Whether an indicator in `unit` is a count or an amount (人, 件, 回, 円, 地区 …), whose
/// axis starts at zero (GOV.UK/ONS: a zero baseline where it is meaningful), rather than a
/// rate or score (%, ポイント, 点, 倍), whose axis may start above zero as a marked broken axis.
pub(crate) fn is_count(unit: &str) -> bool {
    !matches!(unit.trim(), "%" | "％" | "ポイント" | "点" | "倍")
}

/// The y range: 10% of the span below the minimum and above the maximum; 0 as the lower
/// bound when `zero_based` and no value is negative, or when every value is ≥ 0 and the
/// minimum is below 30% of the maximum; never below 0 when no value is negative. A flat
/// series gets ±5% of its value (±1 around 0).
pub(crate) fn y_range(values: &[f64], zero_based: bool) -> (f64, f64) {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !min.is_finite() || !max.is_finite() {
        return (0.0, 1.0);
    }
    let span = max - min;
    let (mut lo, hi) = if span == 0.0 {
        let pad = if min == 0.0 { 1.0 } else { min.abs() * 0.05 };
        (min - pad, max + pad)
    } else {
        (min - span * 0.1, max + span * 0.1)
    };
    if min >= 0.0 && (zero_based || lo < 0.0 || min < 0.3 * max) {
        lo = 0.0;
    }
    (lo, hi)
}

/// About five tick values inside `lo..=hi`, at multiples of a 1-2-5 step, and the decimals
/// the step needs.
pub(crate) fn ticks(lo: f64, hi: f64) -> (Vec<f64>, u8) {
    let span = hi - lo;
    if !span.is_finite() || span <= 0.0 {
        return (vec![lo], 0);
    }
    let magnitude = 10f64.powi((span / 5.0).log10().floor() as i32);
    let count = |step: f64| ((hi / step).floor() - (lo / step).ceil()) as i64 + 1;
    let step = [0.1, 1.0, 10.0]
        .iter()
        .flat_map(|m| [1.0, 2.0, 5.0].map(|k| k * m * magnitude))
        .filter(|&s| (2..=7).contains(&count(s)))
        // Closest to five ticks; on a tie the larger step.
        .min_by(|&a, &b| {
            let score = |s: f64| (count(s) - 5).abs();
            score(a).cmp(&score(b)).then(b.total_cmp(&a))
        })
        .unwrap_or(span);
    let decimals = decimals_of_step(step);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    let f = 10f64.powi(i32::from(decimals));
    // Snap away floating noise (0.30000000000000004 → 0.3).
    let ticks = (first..=last)
        .map(|k| (k as f64 * step * f).round() / f)
        .collect();
    (ticks, decimals)
}

/// Decimal places needed to write multiples of `step` exactly (0.5 → 1, 2.5 → 1, 0.25 → 2).
fn decimals_of_step(step: f64) -> u8 {
    (0u8..=6)
        .find(|&d| {
            let scaled = step * 10f64.powi(i32::from(d));
            (scaled - scaled.round()).abs() < 1e-9 * scaled.abs().max(1.0)
        })
        .unwrap_or(6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_pads_by_ten_percent_or_starts_at_zero() {
        let (lo, hi) = y_range(&[74.6, 72.1, 72.7, 75.0], false);
        assert!(
            (lo - 71.81).abs() < 1e-9 && (hi - 75.29).abs() < 1e-9,
            "{lo} {hi}"
        );
        assert_eq!(y_range(&[1.0, 10.0], false), (0.0, 10.9));
        assert_eq!(y_range(&[0.0, 0.0], false), (0.0, 1.0));
        let (lo, hi) = y_range(&[50.0, 50.0], false);
        assert_eq!((lo, hi), (47.5, 52.5));
        let (lo, _) = y_range(&[-5.0, 5.0], true);
        assert_eq!(lo, -6.0);
    }

    #[test]
    fn counts_start_at_zero_rates_may_not() {
        assert!(is_count("人") && is_count("地区") && is_count("円") && is_count(""));
        assert!(!is_count("%") && !is_count("ポイント"));
        assert_eq!(y_range(&[58.0, 59.0, 68.0], true).0, 0.0);
        assert!(y_range(&[58.0, 59.0, 68.0], false).0 > 50.0);
    }

    #[test]
    fn ticks_are_nice() {
        let (t, d) = ticks(71.81, 75.29);
        assert_eq!((t, d), (vec![72.0, 73.0, 74.0, 75.0], 0));
        let (t, d) = ticks(57.0, 69.0);
        assert_eq!((t, d), (vec![58.0, 60.0, 62.0, 64.0, 66.0, 68.0], 0));
        let (t, d) = ticks(0.0, 1.0);
        assert_eq!((t, d), (vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0], 1));
        let (t, d) = ticks(0.0, 10_900.0);
        assert_eq!(
            (t, d),
            (vec![0.0, 2_000.0, 4_000.0, 6_000.0, 8_000.0, 10_000.0], 0)
        );
    }
}
