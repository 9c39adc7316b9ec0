//! Writing SVG text by hand: integers, hundredths, `#RRGGBB` colours, XML escaping and the
//! attributes the backend repeats (paint, anchor, opacity, points), each appended to a
//! `String` without `format!`.
//!
//! Input: numbers, colours, text. Output: bytes appended to the caller's string. Must not
//! decide what to write (that is the backend's job), only how.

use std::fmt::Write as _;

use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord};

use super::Anchor;

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
        if !cents.is_multiple_of(10) {
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
pub(super) fn attr_int(out: &mut String, name: &str, n: i32) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    int(out, n);
    out.push('"');
}

/// Appends ` name="#RRGGBB"`.
pub(super) fn attr_color(out: &mut String, name: &str, color: BackendColor) {
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
pub(super) fn stroke_attrs(out: &mut String, color: BackendColor, width: u32) {
    attr_color(out, "stroke", color);
    if width != 1 {
        out.push_str(" stroke-width=\"");
        out.push_str(itoa::Buffer::new().format(width));
        out.push('"');
    }
}

/// Appends ` text-anchor` unless it is SVG's default `start`.
pub(super) fn anchor_attr(out: &mut String, anchor: Anchor) {
    match anchor {
        Anchor::Start => {}
        Anchor::Middle => out.push_str(" text-anchor=\"middle\""),
        Anchor::End => out.push_str(" text-anchor=\"end\""),
    }
}

/// Appends ` opacity` when the colour is not opaque.
pub(super) fn opacity(out: &mut String, color: Option<BackendColor>) {
    match color {
        Some(color) if color.alpha != 1.0 => {
            let _ = write!(out, " opacity=\"{}\"", color.alpha);
        }
        _ => {}
    }
}

/// Appends `x,y x,y …`.
pub(super) fn points_attr(out: &mut String, points: impl IntoIterator<Item = BackendCoord>) {
    for (i, (x, y)) in points.into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        int(out, x);
        out.push(',');
        int(out, y);
    }
}
