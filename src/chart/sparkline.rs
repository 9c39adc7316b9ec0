//! The list's sparkline: a 120×36 decorative `<svg>` with the 実績 line (solid, blue, a dot
//! on the latest actual) over the plan line (dashed, orange). No axes, no text.
//!
//! Input: an [`Indicator`] and its [`Evaluation`]. Output: an `<svg>` string with
//! `aria-hidden="true" focusable="false"` — the list shows the numbers as text beside it, so
//! this must not carry any information of its own nor any text. Written by hand, not with
//! plotters: it is a few elements, and hand-written coordinates keep it under 1 KB.

use std::fmt::Write as _;

use super::scale::{actual_line, all_values, is_count, shown_actuals, y_range, year_span};
use super::{ACTUAL_COLOR, PLAN_COLOR};
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
    let points = |series: &[Point]| {
        series.iter().fold(String::new(), |mut s, p| {
            if !s.is_empty() {
                s.push(' ');
            }
            let _ = write!(s, "{:.1},{:.1}", x(p), y(p));
            s
        })
    };

    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         width=\"{WIDTH}\" height=\"{HEIGHT}\" class=\"hyoka-sparkline\" \
         aria-hidden=\"true\" focusable=\"false\">"
    );
    let _ = write!(
        svg,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{PLAN_COLOR}\" stroke-width=\"1.5\" \
         stroke-dasharray=\"4 3\"/>",
        points(&indicator.plan_points())
    );
    let line = actual_line(indicator, &actual);
    if line.len() > 1 {
        let _ = write!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{ACTUAL_COLOR}\" stroke-width=\"2\"/>",
            points(&line)
        );
    }
    if let Some(latest) = evaluation.latest {
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{ACTUAL_COLOR}\"/>",
            x(&latest),
            y(&latest)
        );
    }
    svg.push_str("</svg>");
    svg
}
