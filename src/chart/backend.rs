//! The plotters drawing backend of the goal chart: writes compact SVG elements straight into
//! a `String`.
//!
//! Input: plotters' drawing calls (rectangles, circles, polylines, polygons, texts) and, from
//! our own elements ([`Dashed`], the axes), grouped runs of lines and texts. Output: SVG
//! elements, one a line, appended to the caller's string; the caller writes the root
//! `<svg>` tag before and `</svg>` after.
//!
//! What it leaves out is what SVG already defaults to, so the picture is the one an
//! attribute-for-attribute writer would give: no `opacity` when a colour is opaque, no
//! `stroke="none"`, no `stroke-width="1"`, no `x`/`y` of 0, no `text-anchor="start"`, no
//! `font-size` equal to the one the root declares. A filled rectangle or circle followed by
//! a stroke of the same outline (a hollow marker on a white ground) is written as one
//! element with both `fill` and `stroke`, which SVG paints in the same order.
//!
//! Must not: allocate per element (numbers go through `itoa`, colours are written by hand),
//! leave any text unescaped, or depend on anything but its input (the output is the same
//! bytes on every run and thread).

use std::convert::Infallible;
use std::fmt::Write as _;

use plotters::element::{Drawable, PointCollection};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{FontStyle, FontTransform};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

type BackendResult = Result<(), DrawingErrorKind<Infallible>>;

/// Writes the drawing into `out`.
pub(crate) struct SvgBackend<'a> {
    out: &'a mut String,
    size: (u32, u32),
    /// The root's `font-size` in hundredths; texts of this size do not repeat it.
    root_font_size: i64,
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
    /// A backend of `size` user units appending to `out`, whose root `<svg>` declares
    /// `font-size` `root_font_size` (see [`font_size`]).
    pub(crate) fn new(out: &'a mut String, size: (u32, u32), root_font_size: f64) -> Self {
        Self {
            out,
            size,
            root_font_size: hundredths(root_font_size),
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
        if size != self.root_font_size {
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

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        // Never used for our layout; the same estimate plotters' fonts give without a
        // font file: 0.6 em per character (see `svg::text_width` for ours).
        let size = style.size();
        let width = text.chars().count() as f64 * size * 0.6;
        Ok((width.ceil() as u32, size.ceil() as u32))
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

/// The SVG `font-size` of a plotters font size: plotters' fonts are 1.24 times the em.
pub(crate) fn font_size(plotters_size: f64) -> f64 {
    plotters_size / 1.24
}

/// `n` hundredths written as a decimal without trailing zeros: 1200 → "12", 1350 → "13.5".
pub(crate) fn decimal(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let n = n.unsigned_abs();
    out.push_str(itoa::Buffer::new().format(n / 100));
    let cents = n % 100;
    if cents != 0 {
        out.push('.');
        out.push(char::from(b'0' + (cents / 10) as u8));
        if cents % 10 != 0 {
            out.push(char::from(b'0' + (cents % 10) as u8));
        }
    }
}

/// `value` rounded to hundredths (so 13.499999999999998 and 13.5 are one size).
pub(crate) fn hundredths(value: f64) -> i64 {
    (value * 100.0).round() as i64
}

/// The `dy` that puts a text's top, middle or bottom at its `y`, as plotters' SVG output
/// does.
pub(crate) fn dy_of(v: VPos) -> &'static str {
    match v {
        VPos::Top => "0.76em",
        VPos::Center => "0.5ex",
        VPos::Bottom => "-0.5ex",
    }
}

/// SVG's `text-anchor` of a plotters horizontal position.
pub(crate) fn anchor_of(h: HPos) -> Anchor {
    match h {
        HPos::Left => Anchor::Start,
        HPos::Center => Anchor::Middle,
        HPos::Right => Anchor::End,
    }
}

/// Appends `text` with the five XML special characters escaped (as
/// [`crate::markup::escape_xml`] does), for text and attribute values.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut done = 0;
    for (at, byte) in bytes.iter().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            _ => continue,
        };
        // The five are ASCII, so `at` is a character boundary.
        out.push_str(&text[done..at]);
        out.push_str(entity);
        done = at + 1;
    }
    out.push_str(&text[done..]);
}

/// Appends an integer.
pub(crate) fn int(out: &mut String, n: i32) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Appends ` name="n"`.
fn attr_int(out: &mut String, name: &str, n: i32) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    int(out, n);
    out.push('"');
}

/// Appends ` name="#RRGGBB"`.
fn attr_color(out: &mut String, name: &str, color: BackendColor) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    hex_color(out, color.rgb);
    out.push('"');
}

/// Appends `#RRGGBB`.
pub(crate) fn hex_color(out: &mut String, (r, g, b): (u8, u8, u8)) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('#');
    for byte in [r, g, b] {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0xF)]));
    }
}

/// Appends ` stroke="#RRGGBB"` and the width when it is not SVG's default of 1.
fn stroke_attrs(out: &mut String, color: BackendColor, width: u32) {
    attr_color(out, "stroke", color);
    if width != 1 {
        out.push_str(" stroke-width=\"");
        out.push_str(itoa::Buffer::new().format(width));
        out.push('"');
    }
}

/// Appends ` text-anchor` unless it is SVG's default `start`.
fn anchor_attr(out: &mut String, anchor: Anchor) {
    match anchor {
        Anchor::Start => {}
        Anchor::Middle => out.push_str(" text-anchor=\"middle\""),
        Anchor::End => out.push_str(" text-anchor=\"end\""),
    }
}

/// Appends ` opacity` when the colour is not opaque.
fn opacity(out: &mut String, color: Option<BackendColor>) {
    match color {
        Some(color) if color.alpha != 1.0 => {
            let _ = write!(out, " opacity=\"{}\"", color.alpha);
        }
        _ => {}
    }
}

/// Appends `x,y x,y …`.
fn points_attr(out: &mut String, points: impl IntoIterator<Item = BackendCoord>) {
    for (i, (x, y)) in points.into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        int(out, x);
        out.push(',');
        int(out, y);
    }
}

#[cfg(test)]
mod tests {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    use plotters_backend::BackendColor;

    use super::{
        Anchor, Dashed, SvgBackend, decimal, escape_into, font_size, hex_color, hundredths, int,
    };

    /// What `draw` writes on a 100×50 backend whose root font size is 12.
    fn drawn(draw: impl FnOnce(&DrawingArea<SvgBackend<'_>, plotters::coord::Shift>)) -> String {
        let mut out = String::new();
        {
            let root = SvgBackend::new(&mut out, (100, 50), 12.0).into_drawing_area();
            draw(&root);
            root.present().unwrap();
        }
        out
    }

    fn color(r: u8, g: u8, b: u8, alpha: f64) -> BackendColor {
        BackendColor {
            alpha,
            rgb: (r, g, b),
        }
    }

    #[test]
    fn colours_are_upper_case_hex_and_opaque_ones_carry_no_opacity() {
        let out = drawn(|root| {
            root.draw(&Circle::new(
                (10, 10),
                3,
                RGBColor(0x0A, 0xBC, 0xFF).filled(),
            ))
            .unwrap();
            root.draw(&Circle::new(
                (20, 10),
                3,
                RGBColor(1, 2, 3).mix(0.5).filled(),
            ))
            .unwrap();
            root.draw(&Circle::new(
                (30, 10),
                3,
                RGBColor(1, 2, 3).mix(0.0).filled(),
            ))
            .unwrap();
        });
        assert_eq!(
            out,
            "<circle cx=\"10\" cy=\"10\" r=\"3\" fill=\"#0ABCFF\"/>\n\
             <circle cx=\"20\" cy=\"10\" r=\"3\" fill=\"#010203\" opacity=\"0.5\"/>\n"
        );
    }

    #[test]
    fn a_filled_shape_then_its_stroke_is_one_element() {
        let out = drawn(|root| {
            root.draw(&Rectangle::new([(2, 3), (10, 11)], WHITE.filled()))
                .unwrap();
            root.draw(&Rectangle::new([(2, 3), (10, 11)], RED.stroke_width(1)))
                .unwrap();
            root.draw(&Circle::new((5, 5), 6, WHITE.filled())).unwrap();
            root.draw(&Circle::new((5, 5), 6, BLUE.stroke_width(2)))
                .unwrap();
        });
        assert_eq!(
            out,
            "<rect x=\"2\" y=\"3\" width=\"8\" height=\"8\" fill=\"#FFFFFF\" stroke=\"#FF0000\"/>\n\
             <circle cx=\"5\" cy=\"5\" r=\"6\" fill=\"#FFFFFF\" stroke=\"#0000FF\" stroke-width=\"2\"/>\n"
        );
    }

    #[test]
    fn shapes_that_do_not_pair_stay_apart_in_their_order() {
        let out = drawn(|root| {
            // Another outline, a translucent stroke, a fill with nothing after it.
            root.draw(&Rectangle::new([(0, 0), (4, 4)], WHITE.filled()))
                .unwrap();
            root.draw(&Rectangle::new([(0, 0), (5, 5)], RED.stroke_width(1)))
                .unwrap();
            root.draw(&Circle::new((5, 5), 2, WHITE.filled())).unwrap();
            root.draw(&Circle::new((5, 5), 2, RED.mix(0.5).stroke_width(1)))
                .unwrap();
            root.draw(&Circle::new((9, 9), 2, BLACK.filled())).unwrap();
        });
        assert_eq!(
            out,
            "<rect width=\"4\" height=\"4\" fill=\"#FFFFFF\"/>\n\
             <rect width=\"5\" height=\"5\" fill=\"none\" stroke=\"#FF0000\"/>\n\
             <circle cx=\"5\" cy=\"5\" r=\"2\" fill=\"#FFFFFF\"/>\n\
             <circle cx=\"5\" cy=\"5\" r=\"2\" fill=\"none\" stroke=\"#FF0000\" opacity=\"0.5\"/>\n\
             <circle cx=\"9\" cy=\"9\" r=\"2\" fill=\"#000000\"/>\n"
        );
    }

    #[test]
    fn lines_polygons_and_dashes() {
        let out = drawn(|root| {
            root.draw(&PathElement::new(
                vec![(0, 0), (10, 5), (20, 0)],
                BLUE.stroke_width(2),
            ))
            .unwrap();
            root.draw(&Dashed::new(
                vec![(1, 1), (2, 2)],
                RED.stroke_width(2),
                "7 5",
            ))
            .unwrap();
            root.draw(&Polygon::new(vec![(0, 0), (4, 0), (2, 3)], RED.filled()))
                .unwrap();
        });
        assert_eq!(
            out,
            "<polyline points=\"0,0 10,5 20,0\" fill=\"none\" stroke=\"#0000FF\" stroke-width=\"2\"/>\n\
             <polyline points=\"1,1 2,2\" fill=\"none\" stroke=\"#FF0000\" stroke-width=\"2\" stroke-dasharray=\"7 5\"/>\n\
             <polygon points=\"0,0 4,0 2,3\" fill=\"#FF0000\"/>\n"
        );
    }

    #[test]
    fn segments_are_each_a_path_and_share_their_stroke() {
        let mut out = String::new();
        let mut backend = SvgBackend::new(&mut out, (100, 50), 12.0);
        let grey = color(0x76, 0x76, 0x76, 1.0);
        backend.segments(&[((1, 2), (9, 2))], grey, 1);
        backend.segments(&[((1, 2), (1, 9)), ((0, 0), (3, 4))], grey, 2);
        backend.segments(&[], grey, 1);
        backend.segments(&[((1, 2), (9, 2))], color(0, 0, 0, 0.0), 1);
        drop(backend);
        assert_eq!(
            out,
            "<path d=\"M1 2H9\" stroke=\"#767676\"/>\n\
             <g stroke=\"#767676\" stroke-width=\"2\">\n<path d=\"M1 2V9\"/>\n<path d=\"M0 0L3 4\"/>\n</g>\n"
        );
    }

    #[test]
    fn texts_are_escaped_and_say_only_what_differs_from_the_defaults() {
        let out = drawn(|root| {
            let font = ("sans-serif", 14.88).into_font();
            root.draw(&Text::new(
                "<a href=\"x\">R&D's</a>",
                (6, 4),
                font.color(&RGBColor(0x33, 0x33, 0x33))
                    .pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .unwrap();
            let big = ("sans-serif", 16.74).into_font();
            root.draw(&Text::new(
                "74.6%",
                (50, 20),
                big.color(&RED).pos(Pos::new(HPos::Right, VPos::Bottom)),
            ))
            .unwrap();
        });
        assert_eq!(
            out,
            "<text x=\"6\" y=\"4\" dy=\"0.76em\" font-family=\"sans-serif\" fill=\"#333333\">\
             &lt;a href=&quot;x&quot;&gt;R&amp;D&apos;s&lt;/a&gt;</text>\n\
             <text x=\"50\" y=\"20\" dy=\"-0.5ex\" text-anchor=\"end\" font-family=\"sans-serif\" \
             font-size=\"13.5\" fill=\"#FF0000\">74.6%</text>\n"
        );
    }

    #[test]
    fn a_text_run_is_a_group_of_escaped_texts() {
        let mut out = String::new();
        let mut backend = SvgBackend::new(&mut out, (100, 50), 12.0);
        let labels = [(27, 273, "72"), (27, 198, "<&>")];
        let grey = color(0x33, 0x33, 0x33, 1.0);
        backend.text_run(&labels, "sans-serif", grey, Anchor::End, "0.5ex");
        backend.text_run(&[], "sans-serif", grey, Anchor::End, "0.5ex");
        drop(backend);
        assert_eq!(
            out,
            "<g fill=\"#333333\" text-anchor=\"end\">\n\
             <text x=\"27\" y=\"273\" dy=\"0.5ex\" font-family=\"sans-serif\">72</text>\n\
             <text x=\"27\" y=\"198\" dy=\"0.5ex\" font-family=\"sans-serif\">&lt;&amp;&gt;</text>\n\
             </g>\n"
        );
    }

    #[test]
    fn numbers_are_written_exactly() {
        let written = |n: i64| {
            let mut out = String::new();
            decimal(&mut out, n);
            out
        };
        assert_eq!(written(1200), "12");
        assert_eq!(written(1350), "13.5");
        assert_eq!(written(1305), "13.05");
        assert_eq!(written(-50), "-0.5");
        assert_eq!(hundredths(font_size(16.74)), 1350);
        assert_eq!(hundredths(font_size(14.88)), 1200);
        let mut out = String::new();
        int(&mut out, -2_147_483_648);
        hex_color(&mut out, (0, 0x17, 0xC1));
        assert_eq!(out, "-2147483648#0017C1");
    }

    #[test]
    fn escaping_matches_the_markup_module() {
        for text in ["", "plain", "自治会<&>\"'加入", "&&", "'", "末尾&"] {
            let mut out = String::new();
            escape_into(&mut out, text);
            assert_eq!(out, crate::markup::escape_xml(text), "{text}");
        }
    }
}
