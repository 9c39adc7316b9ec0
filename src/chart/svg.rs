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
use super::figure::Figure;
use super::labels;
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

/// For desktops: 640×340 with 15-unit text. The page shows it at most 640 px wide (40rem),
/// so at 1280 px its text is 15 px, beside 16 px body text.
pub(crate) const WIDE: Layout = Layout {
    width: 640,
    height: 340,
    font: 15.0 * 1.24,
};

/// For phones (up to 30rem): 320×260 with 14-unit text, 12.6 px at 288 px wide (the chart's
/// width at 320 px) and larger on wider phones.
pub(crate) const NARROW: Layout = Layout {
    width: 320,
    height: 260,
    font: 14.0 * 1.24,
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
        // Left-anchored, so plotters' width estimate does not move it; its box (see
        // `labels::LINE_EMS`) starts 2 units below the top edge.
        let y = 2.0 + (labels::BASELINE_EMS - 0.76) * em;
        root.draw(&Text::new(
            figure.unit_note.as_str(),
            (6, y.round() as i32),
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
        // Room above the top tick's label for the unit note (単位：件), which sits at the top left.
        .margin_top((em * 2.8).ceil() as u32)
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
    let every = year_label_step(figure, f64::from(area.0.end - area.0.start), em);
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
            .enumerate()
            .map(|(i, (&year, label))| {
                let x = chart
                    .backend_coord(&(SegmentValue::CenterOf(year), figure.lo))
                    .0;
                // Every `every`-th year keeps its label when they would touch.
                let shown = if i % every == 0 { label.as_str() } else { "" };
                (x, shown)
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

    // Value labels where they touch nothing (see `labels`); one with no room is left out
    // (its value is in the page's tables).
    let centre = |p: &Point| {
        let (x, y) = chart.backend_coord(&at(p));
        (f64::from(x), f64::from(y))
    };
    let obstacles = obstacles(figure, &area, &centre);
    let requests: Vec<labels::Request> = figure
        .labels
        .iter()
        .map(|(point, side, _, text)| labels::Request {
            at: centre(point),
            side: *side,
            width: labels::text_width(text, em),
            height: labels::LINE_EMS * em,
            gap: marker_half_size(figure, point) + 3.0,
        })
        .collect();
    let placed = labels::place(&requests, &obstacles);
    for ((_, _, color, text), rect) in figure.labels.iter().zip(placed) {
        let Some(rect) = rect else { continue };
        // Top-anchored text has its baseline 0.76 em below its y (see `dy_of`).
        let y = rect.y0 + (labels::BASELINE_EMS - 0.76) * em;
        root.draw(&Text::new(
            text.clone(),
            (rect.x0.round() as i32, y.round() as i32),
            font.color(color).pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
    }

    root.present()?;
    Ok(())
}

/// Label every year, or every second, third … year when the widest year label (and a little
/// space) is wider than a year's segment of the `plot_width`.
fn year_label_step(figure: &Figure, plot_width: f64, em: f64) -> usize {
    let years = figure.years.len().max(1);
    let widest = figure
        .year_labels
        .iter()
        .map(|l| labels::text_width(l, em))
        .fold(0.0, f64::max);
    let segment = plot_width / years as f64;
    ((widest + em * 0.5) / segment).ceil().max(1.0) as usize
}

/// Half the size of the marker drawn at `point`: the 最終目標値's diamond, the 初期値's circle
/// (with its stroke), a target's square or an actual's dot.
fn marker_half_size(figure: &Figure, point: &Point) -> f64 {
    if *point == figure.final_target {
        8.0
    } else if *point == figure.baseline {
        7.0
    } else if figure.targets.contains(point) {
        5.0
    } else {
        4.0
    }
}

/// What value labels keep clear of: the plotting area's edge, every marker and every line
/// (the projection's included).
fn obstacles(
    figure: &Figure,
    area: &(Range<i32>, Range<i32>),
    centre: &dyn Fn(&Point) -> (f64, f64),
) -> labels::Obstacles {
    let (xs, ys) = area;
    let mut markers: Vec<labels::Rect> = figure
        .targets
        .iter()
        .chain(&figure.actual)
        .chain(std::iter::once(&figure.baseline))
        .map(|p| labels::Rect::around(centre(p), marker_half_size(figure, p)))
        .collect();
    // An actual on a target's year sits on the target's marker: both are kept clear of.
    markers.dedup();
    let mut segments = Vec::new();
    for line in [&figure.plan, &figure.line, &figure.projection] {
        segments.extend(line.windows(2).map(|w| (centre(&w[0]), centre(&w[1]), 1.0)));
    }
    // The projection's hollow circle at its end (見込み).
    if let [_, end] = figure.projection.as_slice() {
        markers.push(labels::Rect::around(centre(end), 5.0));
    }
    labels::Obstacles {
        plot: Some(labels::Rect {
            x0: f64::from(xs.start),
            y0: f64::from(ys.start),
            x1: f64::from(xs.end),
            y1: f64::from(ys.end),
        }),
        markers,
        segments,
    }
}
