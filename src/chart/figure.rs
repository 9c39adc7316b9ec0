//! What a goal chart shows, whatever its size: the years and their labels, the value range
//! with its tick values and labels, the unit note, the series, and the value labels with the
//! side each prefers.
//!
//! Input: an [`Indicator`] and its [`Evaluation`]. Output: a [`Figure`], computed once per
//! goal for the wide and the narrow drawing, so that numbers are formatted once. Must not
//! know pixels: where things go on a drawing is `svg`'s and `axes`'s business.

use plotters::style::RGBColor;

use super::colour::{ACTUAL, PLAN};
use super::scale::{actual_line, all_values, is_count, shown_actuals, ticks, y_range, year_span};
use crate::model::pace::pace;
use crate::model::value::{format_number, format_with_unit};
use crate::model::{Evaluation, Indicator, Point};

/// Said beside the unit when the value axis does not start at zero.
const BROKEN_AXIS_NOTE: &str = "縦軸は途中から";

/// Room added above the highest value, as a share of the value range, so that the label of
/// a point at the top (often the 最終目標値) fits above it inside the plot.
const LABEL_HEADROOM: f64 = 0.12;

/// What a goal chart shows, whatever its size: the series, the value axis with its tick
/// labels, the year labels, the unit note and the value labels. Computed once for the wide
/// and the narrow drawing, so numbers are formatted once.
pub(crate) struct Figure {
    pub(super) first_year: i32,
    pub(super) years: Vec<i32>,
    pub(super) year_labels: Vec<String>,
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) y_ticks: Vec<f64>,
    pub(super) tick_labels: Vec<String>,
    /// Characters of the longest tick label.
    pub(super) label_chars: usize,
    pub(super) unit_note: String,
    pub(super) plan: Vec<Point>,
    pub(super) targets: Vec<Point>,
    pub(super) final_target: Point,
    pub(super) baseline: Point,
    pub(super) actual: Vec<Point>,
    pub(super) line: Vec<Point>,
    /// このままのペース (§9): from the latest actual to its projection for the final
    /// target year; empty when there is none (no pace, or the latest actual is in or after
    /// that year).
    pub(super) projection: Vec<Point>,
    /// Value labels: the point, the side preferred, the colour and the text.
    pub(super) labels: Vec<(Point, Side, RGBColor, String)>,
}

impl Figure {
    /// What `indicator` and its `evaluation` put on a chart.
    pub(crate) fn new(indicator: &Indicator, evaluation: &Evaluation) -> Self {
        let (first_year, last_year) = year_span(indicator);
        let years: Vec<i32> = (first_year..=last_year).collect();
        let year_labels = years
            .iter()
            .map(|&y| {
                u16::try_from(y)
                    .ok()
                    .and_then(crate::model::FiscalYear::new)
                    .map(|fy| fy.short_label())
                    .unwrap_or_default()
            })
            .collect();
        let actual = shown_actuals(indicator, evaluation);
        let projection = projection_line(indicator, evaluation);
        let mut values = all_values(indicator, &actual);
        values.extend(projection.iter().map(|p| p.value));
        let (lo, hi) = y_range(&values, is_count(&indicator.unit));
        let hi = hi + (hi - lo) * LABEL_HEADROOM;
        let broken_axis = lo > 0.0;
        let (y_ticks, tick_decimals) = ticks(lo, hi);
        let tick_labels: Vec<String> = y_ticks
            .iter()
            .map(|&v| format_number(v, tick_decimals))
            .collect();
        let label_chars = tick_labels.iter().map(String::len).max().unwrap_or(1);
        let unit_note = match (indicator.unit.is_empty(), broken_axis) {
            (false, false) => format!("単位：{}", indicator.unit),
            (false, true) => format!("単位：{}（{BROKEN_AXIS_NOTE}）", indicator.unit),
            (true, true) => BROKEN_AXIS_NOTE.to_string(),
            (true, false) => String::new(),
        };
        let plan = indicator.plan_points();
        let line = actual_line(indicator, &actual);
        let labels = value_labels(indicator, evaluation, &plan);
        Figure {
            first_year,
            years,
            year_labels,
            lo,
            hi,
            y_ticks,
            tick_labels,
            label_chars,
            unit_note,
            plan,
            targets: indicator.targets.clone(),
            final_target: evaluation.final_target,
            baseline: indicator.baseline,
            actual,
            line,
            projection,
            labels,
        }
    }
}

/// The projection line: the latest actual and a + r·(yF − ya) in the final target year.
pub(crate) fn projection_line(indicator: &Indicator, evaluation: &Evaluation) -> Vec<Point> {
    let Some(pace) = pace(indicator, evaluation) else {
        return Vec::new();
    };
    match pace.projected_final {
        Some(projected) if pace.final_target.year > pace.latest.year => vec![
            pace.latest,
            Point {
                year: pace.final_target.year,
                value: projected.value(),
            },
        ],
        _ => Vec::new(),
    }
}

/// Value labels: 初期値, 最終目標値 and the latest actual, each on the side away from the
/// line leaving it.
fn value_labels(
    indicator: &Indicator,
    evaluation: &Evaluation,
    plan: &[Point],
) -> Vec<(Point, Side, RGBColor, String)> {
    let label = |p: &Point| format_with_unit(p.value, indicator.decimals, &indicator.unit);
    let final_target = evaluation.final_target;
    let mut labels: Vec<(Point, Side, RGBColor, String)> = Vec::new();
    let next_plan = plan.get(1).copied().unwrap_or(indicator.baseline);
    let baseline_side = if indicator.baseline.value >= next_plan.value {
        Side::Above
    } else {
        Side::Below
    };
    labels.push((
        indicator.baseline,
        baseline_side,
        PLAN,
        label(&indicator.baseline),
    ));
    let before_final = plan
        .iter()
        .rev()
        .nth(1)
        .copied()
        .unwrap_or(indicator.baseline);
    let final_side = if final_target.value >= before_final.value {
        Side::Above
    } else {
        Side::Below
    };
    labels.push((final_target, final_side, PLAN, label(&final_target)));
    if let Some(latest) = evaluation.latest {
        let plan_there = indicator.plan_value(latest.year);
        let mut side = if latest.value >= plan_there {
            Side::Above
        } else {
            Side::Below
        };
        if labels
            .iter()
            .any(|(p, s, _, _)| p.year == latest.year && *s == side)
        {
            side = side.flip();
        }
        labels.push((latest, side, ACTUAL, label(&latest)));
    }
    labels
}

/// Where a value label goes relative to its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Above,
    Below,
}

impl Side {
    /// The other side.
    pub(crate) fn flip(self) -> Self {
        match self {
            Side::Above => Side::Below,
            Side::Below => Side::Above,
        }
    }
}
