//! Charts of an indicator's series: the goal page's chart, the list's sparkline, and the
//! Japanese text that describes them.
//!
//! Input: a validated [`Indicator`] and its [`Evaluation`]. Output: strings only — an inline
//! `<svg>` with its accessible name and description ([`Chart`]), a decorative sparkline
//! `<svg>`, and the description sentences. Pure and deterministic: the same input gives the
//! same bytes (no random ids, no hash-map order, no clock).
//!
//! This module must not do I/O, must not read templates, and must not draw the legend (the
//! page writes the legend as HTML beside the chart). Every text it puts in an SVG is
//! XML-escaped, because indicator names come from staff.
//!
//! Submodules: [`describe`](mod@describe) (sentences and title), `figure` (what the goal
//! chart shows, for both its sizes), `svg` (the goal chart laid out and drawn with plotters),
//! `axes` (its grid, axes and labels), `backend` (the plotters backend writing compact SVG),
//! `sparkline` (hand-written tiny SVG), `scale` (axis ranges shared by both), `colour` (the
//! series colours, for both and for the stylesheet's legend).

mod axes;
mod backend;
mod colour;
pub(crate) mod describe;
mod figure;
mod labels;
mod milestone;
mod scale;
mod sparkline;
mod svg;

#[cfg(test)]
mod tests;

use crate::markup::escape_xml;
use crate::model::{Evaluation, Indicator};

pub use colour::{ACTUAL_COLOR, PLAN_COLOR};
#[cfg(test)]
use describe::{active_title, describe, headline, title};

/// A chart ready to inline in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chart {
    /// Inline `<svg …>…</svg>` with role="img", aria-labelledby pointing to its own `<title>`
    /// (a short name such as "自治会加入割合の折れ線グラフ").
    pub svg: String,
    /// The same chart drawn for phones (320×240, larger text), with its own ids; a page
    /// shows one of the two.
    pub narrow_svg: String,
    /// Accessible name and active title: the main message, then what is charted, e.g.
    /// "自治会加入割合は初期値より悪化（令和5年度〜令和11年度の推移）".
    pub title: String,
    /// Japanese text description of what it shows (also used in the page's `<figcaption>`).
    pub description: String,
}

/// The goal page's chart: 実績 as a solid blue line with filled circles, the plan (初期値 and
/// 目標値) as a dashed orange line with hollow squares, the 初期値 as a large hollow circle and
/// the 最終目標値 as a diamond, with value labels at those three points and the latest actual.
///
/// `id_prefix` makes element ids unique in a page (e.g. "somu-jichikai"); ids must be valid
/// (ASCII). Characters other than ASCII letters, digits, `-` and `_` are replaced by `-`. The
/// ids used are `{prefix}-chart-title` and `{prefix}-chart-narrow-title` in the narrow drawing.
///
/// A milestone indicator gets a step chart instead: its steps as rows, the years as
/// columns, the 実績 as a staircase (and, for phones, one row per value with the steps
/// reached as cells).
pub(crate) fn goal_chart(indicator: &Indicator, evaluation: &Evaluation, id_prefix: &str) -> Chart {
    if indicator.is_milestone() {
        let id = format!("{}-chart", sanitize_id(id_prefix));
        return Chart {
            svg: milestone::render(indicator, evaluation, &id),
            narrow_svg: milestone::render_narrow(indicator, evaluation, &format!("{id}-narrow")),
            title: milestone::title(indicator, evaluation),
            description: milestone::describe(indicator, evaluation),
        };
    }
    let title = describe::active_title(indicator, evaluation);
    let description = describe::describe(indicator, evaluation);
    let id = format!("{}-chart", sanitize_id(id_prefix));
    let figure = figure::Figure::new(indicator, evaluation);
    let name_xml = escape_xml(&image_name(indicator, "折れ線グラフ"));
    let draw = |layout, id: &str| svg::render(&figure, layout, id, &name_xml);
    Chart {
        svg: draw(svg::WIDE, &id),
        narrow_svg: draw(svg::NARROW, &format!("{id}-narrow")),
        title,
        description,
    }
}

/// The image's own short accessible name, e.g. "自治会加入割合の折れ線グラフ": the figure is
/// named by its caption (the title) and the description is the visible text beside it, so a
/// screen reader hears each once.
pub(crate) fn image_name(indicator: &Indicator, kind: &str) -> String {
    format!("{}の{kind}", indicator.name)
}

/// Small chart for lists (≈120×36 px): actual series line + dashed plan line, no axes/text;
/// aria-hidden="true" focusable="false" (the list shows the numbers as text beside it).
pub(crate) fn sparkline(indicator: &Indicator, evaluation: &Evaluation) -> String {
    sparkline::render(indicator, evaluation)
}

/// An id fragment that is valid in HTML and SVG: ASCII letters, digits, `-`, `_`, starting
/// with a letter.
fn sanitize_id(prefix: &str) -> String {
    let cleaned: String = prefix
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) {
        cleaned
    } else {
        format!("c-{cleaned}")
    }
}
