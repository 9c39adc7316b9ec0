//! The goal page's chart, drawn with plotters' `SVGBackend` into a `String` and then made
//! accessible by rewriting the root `<svg>` tag.
//!
//! Input: an [`Indicator`], its [`Evaluation`], a [`Layout`] (wide for desktops, narrow for
//! phones, so that its text stays readable at 320 px), an element id and the (unescaped)
//! title and description. Output: one inline `<svg>` string, width 100%, with `role="img"`,
//! `aria-labelledby` and `<title>`/`<desc>` as its first children.
//!
//! The value axis starts at zero for counts and amounts; a rate's axis may start above zero,
//! and then carries a break mark (≈) on the axis and says so beside the unit.
//!
//! Must not: put Japanese text where plotters has to measure it (it estimates widths from
//! UTF-8 bytes; only left-, right- or centre-anchored texts whose position does not depend on
//! the estimate are used), emit anything non-deterministic, or draw the legend (HTML's job).

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged, SegmentValue};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::PLAN_COLOR;
use super::scale::{actual_line, all_values, is_count, shown_actuals, ticks, y_range, year_span};
use crate::markup::escape_xml;
use crate::model::value::{format_number, format_with_unit};
use crate::model::{Evaluation, Indicator, Point};

/// The size of a chart and of its text, in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Layout {
    /// viewBox width.
    pub width: u32,
    /// viewBox height.
    pub height: u32,
    /// plotters font size; the SVG's `font-size` is `font / 1.24`.
    pub font: f64,
}

/// For desktops: 640×320, 12-unit text (12 px at 640 px wide).
pub(crate) const WIDE: Layout = Layout {
    width: 640,
    height: 320,
    font: 14.88,
};

/// For phones: 320×240, 13.5-unit text (12 px at 288 px wide, the chart's width at 320 px).
pub(crate) const NARROW: Layout = Layout {
    width: 320,
    height: 240,
    font: 16.74,
};

/// Said beside the unit when the value axis does not start at zero.
const BROKEN_AXIS_NOTE: &str = "縦軸は途中から";
/// Drawn as the plan line's colour, then replaced by [`PLAN_COLOR`] with a dash pattern:
/// plotters' styles have no dashes, and dashes drawn as segments would triple the size.
const PLAN_LINE_SENTINEL: RGBColor = RGBColor(0xC7, 0x53, 0x01);
/// The dash pattern of the plan line.
const PLAN_DASH: &str = "7 5";

const ACTUAL: RGBColor = RGBColor(0x00, 0x17, 0xC1);
const PLAN: RGBColor = RGBColor(0xC7, 0x53, 0x00);
/// Axis and tick labels: 12.6:1 against white.
const TEXT: RGBColor = RGBColor(0x33, 0x33, 0x33);
/// The x axis line: 4.5:1 against white.
const AXIS: RGBColor = RGBColor(0x76, 0x76, 0x76);
/// Horizontal grid lines: light, they only help reading values.
const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

/// The value axis: linear from `lo` to `hi`, with exactly our tick values as its key points
/// (grid lines and labels), and none as light points. plotters' `with_key_points` would do
/// the same but loses the label formatter for `f64`.
#[derive(Debug, Clone)]
struct YAxis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl Ranged for YAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let t = if self.hi > self.lo {
            (value - self.lo) / (self.hi - self.lo)
        } else {
            0.5
        };
        limit.0 + (f64::from(limit.1 - limit.0) * t).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

/// Renders the chart; on a drawing error (which an in-memory String cannot really produce)
/// returns an accessible empty chart rather than panicking.
pub(crate) fn render(
    indicator: &Indicator,
    evaluation: &Evaluation,
    layout: Layout,
    id: &str,
    title: &str,
    description: &str,
) -> String {
    let mut raw = String::new();
    let drawn = draw(indicator, evaluation, layout, &mut raw);
    if drawn.is_err() {
        raw = "<svg>\n</svg>\n".to_string();
    }
    finish(&raw, layout, id, title, description)
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Where a value label goes relative to its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Above,
    Below,
}

impl Side {
    fn flip(self) -> Self {
        match self {
            Side::Above => Side::Below,
            Side::Below => Side::Above,
        }
    }
}

fn draw(
    indicator: &Indicator,
    evaluation: &Evaluation,
    layout: Layout,
    out: &mut String,
) -> DrawResult {
    let (first_year, last_year) = year_span(indicator);
    let years: Vec<i32> = (first_year..=last_year).collect();
    let actual = shown_actuals(indicator, evaluation);
    let (lo, hi) = y_range(&all_values(indicator, &actual), is_count(&indicator.unit));
    let broken_axis = lo > 0.0;
    let (y_ticks, tick_decimals) = ticks(lo, hi);
    let font = || ("sans-serif", layout.font).into_font();
    let y_fmt = |v: &f64| format_number(*v, tick_decimals);
    // Room for the longest tick label (digits are about 0.6 em wide) and the tick marks.
    let label_chars = y_ticks.iter().map(|v| y_fmt(v).len()).max().unwrap_or(1);
    let em = layout.font / 1.24;
    let y_label_area = (label_chars as f64 * em * 0.62 + 14.0).ceil() as u32;

    let root = SVGBackend::with_string(out, (layout.width, layout.height)).into_drawing_area();
    root.fill(&WHITE)?;
    let unit_note = match (indicator.unit.is_empty(), broken_axis) {
        (false, false) => format!("単位：{}", indicator.unit),
        (false, true) => format!("単位：{}（{BROKEN_AXIS_NOTE}）", indicator.unit),
        (true, true) => BROKEN_AXIS_NOTE.to_string(),
        (true, false) => String::new(),
    };
    if !unit_note.is_empty() {
        // Left-anchored, so plotters' width estimate does not move it.
        root.draw(&Text::new(
            unit_note,
            (6, 4),
            font().color(&TEXT).pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
    }

    // plotters' integer ranges include their end: `first..last` spans every year, and the
    // segmented coordinate puts each year's label at the centre of its own segment.
    let x = (first_year..last_year)
        .with_key_points(years.clone())
        .into_segmented();
    let y = YAxis {
        lo,
        hi,
        ticks: y_ticks,
    };
    let mut chart = ChartBuilder::on(&root)
        .margin_top((em * 2.3).ceil() as u32)
        .margin_right(16)
        .margin_left(6)
        .margin_bottom(4)
        .x_label_area_size((em * 2.3).ceil() as u32)
        .y_label_area_size(y_label_area)
        .build_cartesian_2d(x, y)?;

    let x_fmt = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(y) | SegmentValue::Exact(y) => u16::try_from(*y)
            .ok()
            .and_then(crate::model::FiscalYear::new)
            .map(|fy| fy.short_label())
            .unwrap_or_default(),
        SegmentValue::Last => String::new(),
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS.stroke_width(1))
        .x_labels(years.len() + 1)
        .y_labels(8)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .label_style(font().color(&TEXT))
        .set_all_tick_mark_size(4)
        .draw()?;

    if broken_axis {
        draw_axis_break(&root, chart.plotting_area().get_pixel_range())?;
    }

    let at = |p: &Point| (SegmentValue::CenterOf(i32::from(p.year.western())), p.value);
    let plan = indicator.plan_points();
    let final_target = evaluation.final_target;

    // Plan: dashed line, hollow squares; 初期値 a large hollow circle; 最終目標値 a diamond.
    chart.draw_series(LineSeries::new(
        plan.iter().map(at),
        PLAN_LINE_SENTINEL.stroke_width(2),
    ))?;
    let plan_style = PLAN.stroke_width(2);
    for p in &indicator.targets {
        if p.year == final_target.year {
            chart.draw_series(std::iter::once(
                EmptyElement::at(at(p))
                    + Polygon::new(vec![(0, -8), (8, 0), (0, 8), (-8, 0)], PLAN.filled()),
            ))?;
        } else {
            chart.draw_series(std::iter::once(
                EmptyElement::at(at(p))
                    + Rectangle::new([(-4, -4), (4, 4)], WHITE.filled())
                    + Rectangle::new([(-4, -4), (4, 4)], plan_style),
            ))?;
        }
    }
    chart.draw_series(std::iter::once(
        EmptyElement::at(at(&indicator.baseline))
            + Circle::new((0, 0), 6, WHITE.filled())
            + Circle::new((0, 0), 6, plan_style),
    ))?;

    // 実績: solid line from the baseline, filled circles; only what the evaluation knows
    // (not after `as_of`).
    let line = actual_line(indicator, &actual);
    if line.len() > 1 {
        chart.draw_series(LineSeries::new(line.iter().map(at), ACTUAL.stroke_width(2)))?;
    }
    chart.draw_series(
        actual
            .iter()
            .map(|p| Circle::new(at(p), 4, ACTUAL.filled())),
    )?;

    // Value labels: 初期値, 最終目標値 and the latest actual, each on the side away from
    // the line leaving it.
    let label = |p: &Point| format_with_unit(p.value, indicator.decimals, &indicator.unit);
    let mut labels: Vec<(Point, Side, RGBColor)> = Vec::new();
    let next_plan = plan.get(1).copied().unwrap_or(indicator.baseline);
    let baseline_side = if indicator.baseline.value >= next_plan.value {
        Side::Above
    } else {
        Side::Below
    };
    labels.push((indicator.baseline, baseline_side, PLAN));
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
    labels.push((final_target, final_side, PLAN));
    if let Some(latest) = evaluation.latest {
        let plan_there = indicator.plan_value(latest.year);
        let mut side = if latest.value >= plan_there {
            Side::Above
        } else {
            Side::Below
        };
        if labels
            .iter()
            .any(|(p, s, _)| p.year == latest.year && *s == side)
        {
            side = side.flip();
        }
        labels.push((latest, side, ACTUAL));
    }
    let area = chart.plotting_area().get_pixel_range();
    // Place each label: inside the plot vertically, away from labels already placed, and
    // inside the chart horizontally. 22 units is a label's height and its gap.
    let height = (em * 1.8).ceil() as i32;
    let mut placed: Vec<(i32, i32, i32, Side)> = Vec::new();
    for (point, side, color) in labels {
        let text = label(&point);
        let (px, py) = chart.backend_coord(&at(&point));
        let width = text_width(&text, em);
        let fits = |side: Side| match side {
            Side::Above => py - height >= area.1.start,
            Side::Below => py + height <= area.1.end,
        };
        let clashes = |side: Side| {
            placed.iter().any(|&(x, y, w, s)| {
                s == side && (x - px).abs() * 2 < w + width + 8 && (y - py).abs() < height
            })
        };
        let mut side = if fits(side) { side } else { side.flip() };
        if clashes(side) && fits(side.flip()) && !clashes(side.flip()) {
            side = side.flip();
        }
        // Still on top of another label: stack it one line further out.
        let gap = if clashes(side) { 10 + height } else { 10 };
        placed.push((px, py, width, side));
        let (dy, v) = match side {
            Side::Above => (-gap, VPos::Bottom),
            Side::Below => (gap, VPos::Top),
        };
        // Right- or left-anchored near the edges, so the text is not cut off.
        let right_room = layout.width as i32 - 2 - px;
        let (dx, h) = if width / 2 > right_room {
            (right_room, HPos::Right)
        } else if width / 2 > px - 2 {
            (2 - px, HPos::Left)
        } else {
            (0, HPos::Center)
        };
        chart.draw_series(std::iter::once(
            EmptyElement::at(at(&point))
                + Text::new(text, (dx, dy), font().color(&color).pos(Pos::new(h, v))),
        ))?;
    }

    root.present()?;
    Ok(())
}

/// The drawn width of a label, estimated in user units: digits and ASCII about 0.6 em,
/// Japanese characters 1 em.
fn text_width(text: &str, em: f64) -> i32 {
    let ems: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum();
    (ems * em).ceil() as i32
}

/// The break mark of a value axis that does not start at zero: a white gap with two slanted
/// strokes across the foot of the axis (≈), the usual sign of an omitted range.
fn draw_axis_break<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    plot: (Range<i32>, Range<i32>),
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let x = plot.0.start;
    let y = plot.1.end - 10;
    root.draw(&Rectangle::new(
        [(x - 7, y - 4), (x + 7, y + 3)],
        WHITE.filled(),
    ))?;
    for dy in [-4, 3] {
        root.draw(&PathElement::new(
            vec![(x - 7, y + dy + 3), (x + 7, y + dy - 3)],
            AXIS.stroke_width(2),
        ))?;
    }
    Ok(())
}

/// Rewrites plotters' root tag into an accessible, responsive one with `<title>` and
/// `<desc>` first, and gives the plan line its dashes.
fn finish(raw: &str, layout: Layout, id: &str, title: &str, description: &str) -> String {
    let body = raw
        .find("<svg")
        .and_then(|start| raw[start..].find('>').map(|end| &raw[start + end + 1..]))
        .unwrap_or("\n</svg>\n");
    let sentinel = format!(
        "stroke=\"#{:02X}{:02X}{:02X}\"",
        PLAN_LINE_SENTINEL.0, PLAN_LINE_SENTINEL.1, PLAN_LINE_SENTINEL.2
    );
    let dashed = format!("stroke=\"{PLAN_COLOR}\" stroke-dasharray=\"{PLAN_DASH}\"");
    let body = body.replace(&sentinel, &dashed);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" \
         width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         class=\"hyoka-chart\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>{body}",
        layout.width,
        layout.height,
        escape_xml(title),
        escape_xml(description),
    )
}
