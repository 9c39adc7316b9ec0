//! The plotters drawing backend of the goal chart: writes compact SVG elements straight into
//! a `String`.
//!
//! Input: plotters' drawing calls (rectangles, circles, polylines, polygons, texts) and, from
//! our own elements ([`Dashed`], the axes), runs of lines and texts of one style. Output: SVG
//! elements, one a line, appended to the caller's string; the caller writes the root
//! `<svg>` and a `<g>` giving the texts' `font-size` before, and closes them after.
//!
//! What it leaves out is what SVG already defaults to, so the picture is the one an
//! attribute-for-attribute writer would give: no `opacity` when a colour is opaque, no
//! `stroke="none"`, no `stroke-width="1"`, no `x`/`y` of 0, no `text-anchor="start"`, no
//! `font-size` equal to the enclosing one. A filled rectangle or circle followed by a stroke
//! of the same outline (a hollow marker on a white ground) is written as one element with
//! both `fill` and `stroke`, which SVG paints in the same order. Runs of lines or texts share
//! their style on a `<g>`, each line and text still an element of its own (one `<path>` of
//! many subpaths would be anti-aliased differently).
//!
//! Must not: format numbers or colours through `format!` (integers go through `itoa`,
//! colours are written by hand), leave any text unescaped, or depend on anything but its
//! input (the output is the same bytes on every run and thread).

#[cfg(test)]
mod tests;
mod write;

use std::convert::Infallible;

use plotters::element::{Drawable, PointCollection};
use plotters::style::{FontStyle, FontTransform};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use write::{anchor_attr, anchor_of, attr_color, attr_int, opacity, points_attr, stroke_attrs};
pub(crate) use write::{decimal, dy_of, escape_into, font_size, hundredths, int};

type BackendResult = Result<(), DrawingErrorKind<Infallible>>;

/// Writes the drawing into `out`.
pub(crate) struct SvgBackend<'a> {
    out: &'a mut String,
    size: (u32, u32),
    /// The enclosing `font-size` in hundredths; texts of this size do not repeat it.
    group_font_size: i64,
    /// A filled shape not yet written: the next call may stroke the same outline.
    pending: Option<(Shape, BackendColor)>,
}

/// An outline that can be filled and then stroked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Rect { x: i32, y: i32, w: i32, h: i32 },
    Circle { cx: i32, cy: i32, r: u32 },
}

/// Horizontal alignment of a text run, as SVG's `text-anchor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl<'a> SvgBackend<'a> {
    /// A backend of `size` user units appending to `out` inside an element that gives
    /// texts the SVG `font-size` `group_font_size` (see [`font_size`]).
    pub(crate) fn new(out: &'a mut String, size: (u32, u32), group_font_size: f64) -> Self {
        Self {
            out,
            size,
            group_font_size: hundredths(group_font_size),
            pending: None,
        }
    }

    /// Writes the filled shape held back, if any, as it is.
    fn flush(&mut self) {
        if let Some((shape, fill)) = self.pending.take() {
            self.shape(shape, Some(fill), None);
        }
    }

    /// Writes one `<rect>` or `<circle>` with an optional fill and an optional stroke
    /// (colour and width).
    fn shape(
        &mut self,
        shape: Shape,
        fill: Option<BackendColor>,
        stroke: Option<(BackendColor, u32)>,
    ) {
        let out = &mut *self.out;
        match shape {
            Shape::Rect { x, y, w, h } => {
                out.push_str("<rect");
                if x != 0 {
                    attr_int(out, "x", x);
                }
                if y != 0 {
                    attr_int(out, "y", y);
                }
                attr_int(out, "width", w);
                attr_int(out, "height", h);
            }
            Shape::Circle { cx, cy, r } => {
                out.push_str("<circle");
                attr_int(out, "cx", cx);
                attr_int(out, "cy", cy);
                attr_int(out, "r", r as i32);
            }
        }
        match fill {
            Some(color) => attr_color(out, "fill", color),
            None => out.push_str(" fill=\"none\""),
        }
        if let Some((color, width)) = stroke {
            stroke_attrs(out, color, width);
        }
        opacity(out, fill.or(stroke.map(|(c, _)| c)));
        out.push_str("/>\n");
    }

    /// A filled shape is held back; a stroke of the held shape's outline joins it.
    fn fill_or_stroke(&mut self, shape: Shape, color: BackendColor, width: u32, fill: bool) {
        if color.alpha == 0.0 {
            return;
        }
        if fill {
            self.flush();
            self.pending = Some((shape, color));
            return;
        }
        match self.pending.take() {
            Some((held, ground)) if held == shape && ground.alpha == 1.0 && color.alpha == 1.0 => {
                self.shape(shape, Some(ground), Some((color, width)));
            }
            held => {
                self.pending = held;
                self.flush();
                self.shape(shape, None, Some((color, width)));
            }
        }
    }

    /// Straight lines of one stroke, each `(from, to)` its own `<path>` in a `<g>` that
    /// carries the stroke (a lone line carries it itself). Each line stays an element of its
    /// own: one `<path>` of many subpaths is anti-aliased differently by browsers.
    pub(crate) fn segments(
        &mut self,
        segments: &[(BackendCoord, BackendCoord)],
        color: BackendColor,
        width: u32,
    ) {
        self.flush();
        if segments.is_empty() || color.alpha == 0.0 {
            return;
        }
        let out = &mut *self.out;
        let stroke = |out: &mut String| {
            stroke_attrs(out, color, width);
            opacity(out, Some(color));
        };
        let grouped = segments.len() > 1;
        if grouped {
            out.push_str("<g");
            stroke(out);
            out.push_str(">\n");
        }
        for &((x0, y0), (x1, y1)) in segments {
            out.push_str("<path d=\"M");
            int(out, x0);
            out.push(' ');
            int(out, y0);
            if y0 == y1 {
                out.push('H');
                int(out, x1);
            } else if x0 == x1 {
                out.push('V');
                int(out, y1);
            } else {
                out.push('L');
                int(out, x1);
                out.push(' ');
                int(out, y1);
            }
            out.push('"');
            if !grouped {
                stroke(out);
            }
            out.push_str("/>\n");
        }
        if grouped {
            out.push_str("</g>\n");
        }
    }

    /// One `<polyline>` through `points`, with an SVG dash pattern if given.
    pub(crate) fn polyline(
        &mut self,
        points: impl IntoIterator<Item = BackendCoord>,
        color: BackendColor,
        width: u32,
        dash: Option<&str>,
    ) {
        self.flush();
        if color.alpha == 0.0 {
            return;
        }
        let out = &mut *self.out;
        out.push_str("<polyline points=\"");
        points_attr(out, points);
        out.push_str("\" fill=\"none\"");
        stroke_attrs(out, color, width);
        if let Some(dash) = dash {
            out.push_str(" stroke-dasharray=\"");
            escape_into(out, dash);
            out.push('"');
        }
        opacity(out, Some(color));
        out.push_str("/>\n");
    }

    /// Texts of one style in a `<g>` that carries their colour and anchor: `labels` are
    /// `(x, y, text)`, `dy` the vertical shift each needs (see [`dy_of`]).
    pub(crate) fn text_run(
        &mut self,
        labels: &[(i32, i32, &str)],
        family: &str,
        color: BackendColor,
        anchor: Anchor,
        dy: &str,
    ) {
        self.flush();
        if labels.is_empty() || color.alpha == 0.0 {
            return;
        }
        let out = &mut *self.out;
        out.push_str("<g");
        attr_color(out, "fill", color);
        anchor_attr(out, anchor);
        opacity(out, Some(color));
        out.push_str(">\n");
        // Between each text's `y` and its content, the same for every text of the run.
        let mut middle = String::with_capacity(48);
        middle.push_str("\" dy=\"");
        middle.push_str(dy);
        middle.push_str("\" font-family=\"");
        escape_into(&mut middle, family);
        middle.push_str("\">");
        for &(x, y, text) in labels {
            out.push_str("<text x=\"");
            int(out, x);
            out.push_str("\" y=\"");
            int(out, y);
            out.push_str(&middle);
            escape_into(out, text);
            out.push_str("</text>\n");
        }
        out.push_str("</g>\n");
    }
}

impl DrawingBackend for SvgBackend<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> BackendResult {
        Ok(())
    }

    fn present(&mut self) -> BackendResult {
        self.flush();
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> BackendResult {
        let shape = Shape::Rect {
            x: point.0,
            y: point.1,
            w: 1,
            h: 1,
        };
        self.fill_or_stroke(shape, color, 1, true);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> BackendResult {
        self.segments(&[(from, to)], style.color(), style.stroke_width());
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> BackendResult {
        let shape = Shape::Rect {
            x: upper_left.0,
            y: upper_left.1,
            w: bottom_right.0 - upper_left.0,
            h: bottom_right.1 - upper_left.1,
        };
        self.fill_or_stroke(shape, style.color(), style.stroke_width(), fill);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> BackendResult {
        self.polyline(path, style.color(), style.stroke_width(), None);
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> BackendResult {
        let shape = Shape::Circle {
            cx: center.0,
            cy: center.1,
            r: radius,
        };
        self.fill_or_stroke(shape, style.color(), style.stroke_width(), fill);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> BackendResult {
        self.flush();
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let out = &mut *self.out;
        out.push_str("<polygon points=\"");
        points_attr(out, vert);
        out.push('"');
        attr_color(out, "fill", color);
        opacity(out, Some(color));
        out.push_str("/>\n");
        Ok(())
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> BackendResult {
        self.flush();
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let out = &mut *self.out;
        out.push_str("<text");
        attr_int(out, "x", pos.0);
        attr_int(out, "y", pos.1);
        out.push_str(" dy=\"");
        out.push_str(dy_of(style.anchor().v_pos));
        out.push('"');
        anchor_attr(out, anchor_of(style.anchor().h_pos));
        out.push_str(" font-family=\"");
        escape_into(out, style.family().as_str());
        out.push('"');
        let size = hundredths(font_size(style.size()));
        if size != self.group_font_size {
            out.push_str(" font-size=\"");
            decimal(out, size);
            out.push('"');
        }
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => out.push_str(" font-weight=\"bold\""),
            other => {
                out.push_str(" font-style=\"");
                out.push_str(other.as_str());
                out.push('"');
            }
        }
        let angle = match style.transform() {
            FontTransform::Rotate90 => Some("90"),
            FontTransform::Rotate180 => Some("180"),
            FontTransform::Rotate270 => Some("270"),
            _ => None,
        };
        if let Some(angle) = angle {
            out.push_str(" transform=\"rotate(");
            out.push_str(angle);
            out.push_str(", ");
            int(out, pos.0);
            out.push_str(", ");
            int(out, pos.1);
            out.push_str(")\"");
        }
        attr_color(out, "fill", color);
        opacity(out, Some(color));
        out.push('>');
        escape_into(out, text);
        out.push_str("</text>\n");
        Ok(())
    }
}

impl Drop for SvgBackend<'_> {
    fn drop(&mut self) {
        self.flush();
    }
}

/// A polyline drawn with an SVG dash pattern (plotters' styles have none, and dashes drawn
/// as segments would triple the size): the plan line.
pub(crate) struct Dashed<C> {
    points: Vec<C>,
    color: BackendColor,
    width: u32,
    dash: &'static str,
}

impl<C> Dashed<C> {
    /// A polyline through `points` in `style`'s colour and width, with the SVG
    /// `stroke-dasharray` `dash`.
    pub(crate) fn new(points: Vec<C>, style: impl BackendStyle, dash: &'static str) -> Self {
        Self {
            points,
            color: style.color(),
            width: style.stroke_width(),
            dash,
        }
    }
}

impl<'a, C> PointCollection<'a, C> for &'a Dashed<C> {
    type Point = &'a C;
    type IntoIter = &'a [C];

    fn point_iter(self) -> &'a [C] {
        &self.points
    }
}

impl<C> Drawable<SvgBackend<'_>> for Dashed<C> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        pos: I,
        backend: &mut SvgBackend<'_>,
        _: (u32, u32),
    ) -> BackendResult {
        backend.polyline(pos, self.color, self.width, Some(self.dash));
        Ok(())
    }
}
