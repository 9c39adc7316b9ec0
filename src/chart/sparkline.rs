//! The list's sparkline: a 120×36 decorative `<svg>` with the 実績 line (solid, blue, a dot
//! on the latest actual) over the plan line (dashed, orange). No axes, no text.
//!
//! Input: an [`Indicator`] and its [`Evaluation`]. Output: an `<svg>` string with
//! `aria-hidden="true" focusable="false"` — the list shows the numbers as text beside it, so
//! this must not carry any information of its own nor any text. Written by hand, not with
//! plotters: it is a few elements, and hand-written coordinates keep it under 1 KB.

use std::fmt::Write as _;

use super::colour::{ACTUAL_COLOR, PLAN_COLOR};
use super::scale::{actual_line, all_values, is_count, shown_actuals, y_range, year_span};
use crate::model::{Evaluation, Indicator, Point};

const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 36.0;
/// Inner padding, so that strokes and the dot are not cut at the edges.
const PAD: f64 = 4.0;

/// Renders the sparkline.
pub(crate) fn render(indicator: &Indicator, evaluation: &Evaluation) -> String {
    let (first, last) = year_span(indicator);
    let actual = shown_actuals(indicator, evaluation);
    let (lo, hi) = y_range(&all_values(indicator, &actual), is_count(&indicator.unit));
    let x = |p: &Point| {
        let span = f64::from((last - first).max(1));
        PAD + (f64::from(i32::from(p.year.western()) - first) / span) * (WIDTH - 2.0 * PAD)
    };
    let y = |p: &Point| {
        let t = if hi > lo {
            (p.value - lo) / (hi - lo)
        } else {
            0.5
        };
        HEIGHT - PAD - t * (HEIGHT - 2.0 * PAD)
    };
    let points = |svg: &mut String, series: &[Point]| {
        for (i, p) in series.iter().enumerate() {
            if i > 0 {
                svg.push(' ');
            }
            tenths(svg, x(p));
            svg.push(',');
            tenths(svg, y(p));
        }
    };

    let mut svg = String::with_capacity(512);
    svg.push_str(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 36\" \
         width=\"120\" height=\"36\" class=\"hyoka-sparkline\" \
         aria-hidden=\"true\" focusable=\"false\"><polyline points=\"",
    );
    points(&mut svg, &indicator.plan_points());
    svg.push_str("\" fill=\"none\" stroke=\"");
    svg.push_str(PLAN_COLOR);
    svg.push_str("\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>");
    let line = actual_line(indicator, &actual);
    if line.len() > 1 {
        svg.push_str("<polyline points=\"");
        points(&mut svg, &line);
        svg.push_str("\" fill=\"none\" stroke=\"");
        svg.push_str(ACTUAL_COLOR);
        svg.push_str("\" stroke-width=\"2\"/>");
    }
    if let Some(latest) = evaluation.latest {
        svg.push_str("<circle cx=\"");
        tenths(&mut svg, x(&latest));
        svg.push_str("\" cy=\"");
        tenths(&mut svg, y(&latest));
        svg.push_str("\" r=\"2.5\" fill=\"");
        svg.push_str(ACTUAL_COLOR);
        svg.push_str("\"/>");
    }
    svg.push_str("</svg>");
    svg
}

/// Appends `value` with one decimal, the same text as `format!("{value:.1}")`: through
/// integers when the rounding is clear, through `format!` for negatives, non-finite values
/// and values next to a tie (where the float product could round the other way).
fn tenths(out: &mut String, value: f64) {
    let scaled = value * 10.0;
    let frac = scaled - scaled.floor();
    if value >= 0.0 && scaled < 1e15 && (frac - 0.5).abs() > 1e-6 {
        let n = scaled.round() as u64;
        out.push_str(itoa::Buffer::new().format(n / 10));
        out.push('.');
        out.push(char::from(b'0' + (n % 10) as u8));
    } else {
        let _ = write!(out, "{value:.1}");
    }
}

#[cfg(test)]
mod tests {
    use super::tenths;

    #[test]
    fn tenths_writes_what_format_writes() {
        let values = [
            0.0,
            0.04,
            0.05,
            0.06,
            0.25,
            0.35,
            1.0,
            4.0,
            9.95,
            9.96,
            41.333_333,
            22.65,
            116.0,
            29.749_999_9,
            1e14,
            1e16,
            -0.04,
            -3.25,
            -7.0,
            f64::NAN,
            f64::INFINITY,
        ];
        for v in values {
            let mut out = String::new();
            tenths(&mut out, v);
            assert_eq!(out, format!("{v:.1}"), "{v}");
        }
        // Every value a sparkline can hold, in steps of a thousandth.
        for k in 0..200_000 {
            let v = f64::from(k) / 1000.0 + 0.0005 * f64::from(k % 3);
            let mut out = String::new();
            tenths(&mut out, v);
            assert_eq!(out, format!("{v:.1}"), "{v}");
        }
    }
}
