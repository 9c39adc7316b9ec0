//! The goal chart's axes as one plotters element: horizontal grid lines at the value ticks,
//! the two axis lines, their tick marks and labels, and the break mark (≈) of a value axis
//! that does not start at zero.
//!
//! Input: the plotting area's pixel ranges as plotters' `ChartBuilder` laid them out, the
//! pixel position and label of each tick, and the styles. Output: drawing calls on
//! [`SvgBackend`], grouped (one `<g>` for the grid lines, one for the axes and their ticks,
//! one per kind of label), each line and label still an element of its own.
//!
//! It puts everything where plotters' own mesh drawing (`configure_mesh().draw()` with the
//! labels on the left and at the bottom) puts it, to the pixel: the y axis one pixel left of
//! the plotting area, the x axis on the first row below it, tick marks outward, labels at
//! twice the tick length from the axis, in the same order (only the labels, which touch no
//! line, now come after the lines).
//!
//! Must not: measure text (labels are anchored, so their widths do not matter), or draw
//! anything inside the plotting area but the grid.

use std::ops::Range;

use plotters::element::{Drawable, PointCollection};
use plotters::style::RGBColor;
use plotters::style::text_anchor::VPos;
use plotters_backend::{BackendColor, BackendCoord, DrawingBackend, DrawingErrorKind};

use super::backend::{Anchor, SvgBackend, dy_of};

/// Everything drawn around and under the plotting area.
pub(crate) struct Axes<'a> {
    /// The plotting area's pixel ranges, `x0..x1` and `y0..y1` (ends excluded).
    pub plot: (Range<i32>, Range<i32>),
    /// Each value tick: its pixel row and its label.
    pub y_ticks: Vec<(i32, &'a str)>,
    /// Each year: the pixel column of its segment's centre and its label.
    pub x_ticks: Vec<(i32, &'a str)>,
    /// Length of a tick mark; labels stand at twice this from the axis.
    pub tick: i32,
    /// Draw the break mark at the foot of the value axis.
    pub broken: bool,
    /// The labels' font family.
    pub family: &'a str,
    pub text: RGBColor,
    pub axis: RGBColor,
    pub grid: RGBColor,
    pub ground: RGBColor,
}

fn backend_color(c: RGBColor) -> BackendColor {
    BackendColor {
        alpha: 1.0,
        rgb: (c.0, c.1, c.2),
    }
}

impl<'a> PointCollection<'a, BackendCoord> for &'a Axes<'_> {
    type Point = &'a BackendCoord;
    type IntoIter = &'a [BackendCoord];

    /// None: the axes are placed in pixels already.
    fn point_iter(self) -> &'a [BackendCoord] {
        &[]
    }
}

impl Drawable<SvgBackend<'_>> for Axes<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        _: I,
        backend: &mut SvgBackend<'_>,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<std::convert::Infallible>> {
        let (xs, ys) = &self.plot;
        // plotters maps values onto the last pixel inside the area, not past it.
        let (left, right) = (xs.start, xs.end - 1);
        let (top, bottom) = (ys.start, ys.end - 1);
        // The y axis runs in the label area's last column, the x axis in its first row.
        let y_axis = left - 1;
        let x_axis = ys.end;
        let y_ticks: Vec<(i32, &str)> = self
            .y_ticks
            .iter()
            .copied()
            .filter(|&(y, _)| (top..=bottom).contains(&y))
            .collect();
        let x_ticks: Vec<(i32, &str)> = self
            .x_ticks
            .iter()
            .copied()
            .filter(|&(x, _)| (left..=right).contains(&x))
            .collect();

        let grid: Vec<_> = y_ticks
            .iter()
            .map(|&(y, _)| ((left, y), (right, y)))
            .collect();
        backend.segments(&grid, backend_color(self.grid), 1);
        // In plotters' order: the y axis and its ticks, then the x axis and its ticks.
        let lines: Vec<_> = std::iter::once(((y_axis, top), (y_axis, bottom)))
            .chain(
                y_ticks
                    .iter()
                    .map(|&(y, _)| ((y_axis - self.tick, y), (y_axis, y))),
            )
            .chain(std::iter::once(((left, x_axis), (right, x_axis))))
            .chain(
                x_ticks
                    .iter()
                    .map(|&(x, _)| ((x, x_axis), (x, x_axis + self.tick))),
            )
            .collect();
        let axis = backend_color(self.axis);
        backend.segments(&lines, axis, 1);

        let text = backend_color(self.text);
        let gap = self.tick * 2;
        let labels: Vec<_> = y_ticks
            .iter()
            .map(|&(y, label)| (left - gap, y, label))
            .collect();
        backend.text_run(&labels, self.family, text, Anchor::End, dy_of(VPos::Center));
        let labels: Vec<_> = x_ticks
            .iter()
            .filter(|(_, label)| !label.is_empty())
            .map(|&(x, label)| (x, x_axis + gap, label))
            .collect();
        backend.text_run(&labels, self.family, text, Anchor::Middle, dy_of(VPos::Top));

        if self.broken {
            // A white gap with two slanted strokes across the foot of the axis (≈), the
            // usual sign of an omitted range.
            let (x, y) = (left, ys.end - 10);
            backend.draw_rect(
                (x - 7, y - 4),
                (x + 7, y + 3),
                &backend_color(self.ground),
                true,
            )?;
            let strokes = [-4, 3].map(|dy| ((x - 7, y + dy + 3), (x + 7, y + dy - 3)));
            backend.segments(&strokes, axis, 2);
        }
        Ok(())
    }
}
