//! The goal page's chart: laid out and drawn with plotters on our own SVG backend
//! ([`SvgBackend`]), which writes the elements straight after an accessible root `<svg>`.
//!
//! Input: a [`Figure`] (what an indicator and its evaluation put on the chart, computed
//! once for both drawings), a [`Layout`] (wide for desktops, narrow for phones, so
//! that its text stays readable at 320 px), an element id and the title and description,
//! XML-escaped. Output: one inline `<svg>` string, width 100%, with `role="img"`,
//! `aria-labelledby` and `<title>`/`<desc>` as its first children.
//!
//! The value axis starts at zero for counts and amounts; a rate's axis may start above zero,
//! and then carries a break mark (≈) on the axis and says so beside the unit.
//!
//! Must not: put Japanese text where plotters has to measure it (only left-, right- or
//! centre-anchored texts whose position does not depend on a width estimate are used), emit
//! anything non-deterministic, or draw the legend (HTML's job).

use std::fmt::Write as _;
use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged, SegmentValue};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::Axes;
use super::backend::{Dashed, SvgBackend, decimal, font_size, hundredths, int};
use super::colour::{ACTUAL, PLAN};
use super::figure::{Figure, Side};
use crate::model::Point;

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

/// The dash pattern of the plan line.
const PLAN_DASH: &str = "7 5";
/// The dash pattern of the projection (このままのペース): dots, unlike the plan's dashes
/// and the actual's solid line, so it is told apart without colour.
const PROJECTION_DASH: &str = "2 4";

/// Axis and tick labels: 12.6:1 against white.
const TEXT: RGBColor = RGBColor(0x33, 0x33, 0x33);
/// The x axis line: 4.5:1 against white.
const AXIS: RGBColor = RGBColor(0x76, 0x76, 0x76);
/// Horizontal grid lines: light, they only help reading values.
const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

/// The value axis: linear from `lo` to `hi`. It has no key points of its own: [`Axes`]
/// draws the grid and labels at our tick values.
#[derive(Debug, Clone)]
struct YAxis {
    lo: f64,
    hi: f64,
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

    fn key_points<Hint: KeyPointHint>(&self, _: Hint) -> Vec<f64> {
        Vec::new()
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

/// Renders the chart with its short accessible name given XML-escaped (the page says the
/// description once, as visible text, so the drawing has no `<desc>`); on a drawing error
/// (which an in-memory String cannot really produce) returns an accessible empty chart
/// rather than panicking.
pub(crate) fn render(figure: &Figure, layout: Layout, id: &str, name_xml: &str) -> String {
    let mut out = String::with_capacity(4096 + name_xml.len());
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    int(&mut out, layout.width as i32);
    out.push(' ');
    int(&mut out, layout.height as i32);
    let _ = write!(
        out,
        "\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title\" \
         class=\"hyoka-chart\">\n<title id=\"{id}-title\">"
    );
    out.push_str(name_xml);
    // The texts' size, given once: the root keeps the page's font size (a theme may size the
    // chart in em).
    out.push_str("</title>\n<g font-size=\"");
    decimal(&mut out, hundredths(font_size(layout.font)));
    out.push_str("\">\n");
    let body = out.len();
    if draw(figure, layout, &mut out).is_err() {
        out.truncate(body);
    }
    out.push_str("</g>\n</svg>");
    out
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(figure: &Figure, layout: Layout, out: &mut String) -> DrawResult {
    let em = font_size(layout.font);
    let font = ("sans-serif", layout.font).into_font();
    // Room for the longest tick label (digits are about 0.6 em wide) and the tick marks.
    let y_label_area = (figure.label_chars as f64 * em * 0.62 + 14.0).ceil() as u32;

    let root = SvgBackend::new(out, (layout.width, layout.height), em).into_drawing_area();
    root.fill(&WHITE)?;
    if !figure.unit_note.is_empty() {
        // Left-anchored, so plotters' width estimate does not move it.
        root.draw(&Text::new(
            figure.unit_note.as_str(),
            (6, 4),
            font.color(&TEXT).pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
    }

    // plotters' integer ranges include their end: `first..last` spans every year, and the
    // segmented coordinate puts each year's label at the centre of its own segment.
    let last_year = figure.years.last().copied().unwrap_or(figure.first_year);
    let x = (figure.first_year..last_year).into_segmented();
    let y = YAxis {
        lo: figure.lo,
        hi: figure.hi,
    };
    let chart = ChartBuilder::on(&root)
        .margin_top((em * 2.3).ceil() as u32)
        .margin_right(16)
        .margin_left(6)
        .margin_bottom(4)
        .x_label_area_size((em * 2.3).ceil() as u32)
        .y_label_area_size(y_label_area)
        .build_cartesian_2d(x, y)?;
    let plot = chart.plotting_area();
    let area = plot.get_pixel_range();
    let at = |p: &Point| (SegmentValue::CenterOf(i32::from(p.year.western())), p.value);

    let first = SegmentValue::Exact(figure.first_year);
    root.draw(&Axes {
        plot: area.clone(),
        y_ticks: figure
            .y_ticks
            .iter()
            .zip(&figure.tick_labels)
            .map(|(&v, label)| (chart.backend_coord(&(first.clone(), v)).1, label.as_str()))
            .collect(),
        x_ticks: figure
            .years
            .iter()
            .zip(&figure.year_labels)
            .map(|(&year, label)| {
                let x = chart
                    .backend_coord(&(SegmentValue::CenterOf(year), figure.lo))
                    .0;
                (x, label.as_str())
            })
            .collect(),
        tick: 4,
        broken: figure.lo > 0.0,
        family: "sans-serif",
        text: TEXT,
        axis: AXIS,
        grid: GRID,
        ground: WHITE,
    })?;

    // Plan: dashed line, hollow squares; 初期値 a large hollow circle; 最終目標値 a diamond.
    plot.draw(&Dashed::new(
        figure.plan.iter().map(at).collect(),
        PLAN.stroke_width(2),
        PLAN_DASH,
    ))?;
    for p in &figure.targets {
        if p.year == figure.final_target.year {
            plot.draw(
                &(EmptyElement::at(at(p))
                    + Polygon::new(vec![(0, -8), (8, 0), (0, 8), (-8, 0)], PLAN.filled())),
            )?;
        } else {
            // Stroked 1 unit wide: the squares have always been drawn so.
            plot.draw(
                &(EmptyElement::at(at(p))
                    + Rectangle::new([(-4, -4), (4, 4)], WHITE.filled())
                    + Rectangle::new([(-4, -4), (4, 4)], PLAN.stroke_width(1))),
            )?;
        }
    }
    plot.draw(
        &(EmptyElement::at(at(&figure.baseline))
            + Circle::new((0, 0), 6, WHITE.filled())
            + Circle::new((0, 0), 6, PLAN.stroke_width(2))),
    )?;

    // 実績: solid line from the baseline, filled circles; only what the evaluation knows
    // (not after `as_of`).
    if figure.line.len() > 1 {
        plot.draw(&PathElement::new(
            figure.line.iter().map(at).collect::<Vec<_>>(),
            ACTUAL.stroke_width(2),
        ))?;
    }
    for p in &figure.actual {
        plot.draw(&Circle::new(at(p), 4, ACTUAL.filled()))?;
    }
    // このままのペース: dotted, in the actual's colour, ending in a hollow circle (見込み).
    if let [_, end] = figure.projection.as_slice() {
        plot.draw(&Dashed::new(
            figure.projection.iter().map(at).collect(),
            ACTUAL.stroke_width(2),
            PROJECTION_DASH,
        ))?;
        plot.draw(
            &(EmptyElement::at(at(end))
                + Circle::new((0, 0), 4, WHITE.filled())
                + Circle::new((0, 0), 4, ACTUAL.stroke_width(2))),
        )?;
    }

    // Place each label: inside the plot vertically, away from labels already placed, and
    // inside the chart horizontally. 22 units is a label's height and its gap.
    let height = (em * 1.8).ceil() as i32;
    let mut placed: Vec<(i32, i32, i32, Side)> = Vec::new();
    for (point, side, color, text) in &figure.labels {
        let (px, py) = chart.backend_coord(&at(point));
        let width = text_width(text, em);
        let fits = |side: Side| match side {
            Side::Above => py - height >= area.1.start,
            Side::Below => py + height <= area.1.end,
        };
        let clashes = |side: Side| {
            placed.iter().any(|&(x, y, w, s)| {
                s == side && (x - px).abs() * 2 < w + width + 8 && (y - py).abs() < height
            })
        };
        let mut side = if fits(*side) { *side } else { side.flip() };
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
        plot.draw(
            &(EmptyElement::at(at(point))
                + Text::new(
                    text.clone(),
                    (dx, dy),
                    font.color(color).pos(Pos::new(h, v)),
                )),
        )?;
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
