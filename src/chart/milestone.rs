//! The step chart of a milestone indicator (`kind: milestone`): one row per step (the
//! first at the bottom), one column per fiscal year; the 実績 as a staircase that stays on a
//! step until the next actual, the 初期値 and the 目標 as marks. Its text description says
//! the same in words, by step name — never a line drawn through category names.
//!
//! Input: a milestone [`Indicator`] (values are step positions) and its [`Evaluation`].
//! Output: a wide and a narrow `<svg role="img">` (the page shows one, like the line chart's
//! two drawings) and the description. Written by hand: a grid of text and marks needs no plotting library.

use std::fmt::Write as _;

use super::{ACTUAL_COLOR, PLAN_COLOR};
use crate::markup::escape_xml;
use crate::model::{Evaluation, FiscalYear, Indicator, Point, Status};

const WIDTH: f64 = 640.0;
const ROW: f64 = 36.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 34.0;
const RIGHT: f64 = 16.0;

/// The step name of a value, or the value itself when it is not a step (never expected).
fn step(indicator: &Indicator, value: f64) -> String {
    indicator
        .step_name(value)
        .map_or_else(|| value.to_string(), str::to_string)
}

/// `「検討中」（4段階の2段階目）`.
fn step_words(indicator: &Indicator, value: f64) -> String {
    format!(
        "「{}」（{}段階の{}段階目）",
        step(indicator, value),
        indicator.steps().len(),
        value as usize + 1
    )
}

/// The active title: `地区防災計画の策定の段階（令和5年度〜令和8年度）`, with the message first.
pub(crate) fn title(indicator: &Indicator, evaluation: &Evaluation) -> String {
    let name = &indicator.name;
    let headline = match (evaluation.latest, evaluation.status) {
        (None, _) => format!("{name}の実績はまだありません"),
        (Some(_), Status::Achieved) => format!("{name}は目標の段階に到達"),
        (Some(_), Status::OnTrack) => format!("{name}は計画どおり以上に進行"),
        (Some(_), Status::Worse) => format!("{name}は初期値の段階より後退"),
        (Some(_), Status::Excluded) => format!("{name}は評価の対象外"),
        (Some(_), _) => format!("{name}は計画の段階に届かず"),
    };
    let years = indicator.years();
    match (years.first(), years.last()) {
        (Some(first), Some(last)) if first != last => {
            format!("{headline}（{}〜{}の段階）", first.label(), last.label())
        }
        _ => headline,
    }
}

/// The description: the steps, the 初期値, the latest actual, the final target and the status.
pub(crate) fn describe(indicator: &Indicator, evaluation: &Evaluation) -> String {
    let steps = indicator.steps().join("→");
    let mut text = format!(
        "{}は段階で進み具合を示す指標です（{steps}）。初期値は{}の{}",
        indicator.name,
        indicator.baseline.year.label(),
        step_words(indicator, indicator.baseline.value)
    );
    match evaluation.latest {
        Some(latest) => {
            let _ = write!(
                text,
                "、{}の実績は{}です。",
                latest.year.label(),
                step_words(indicator, latest.value)
            );
        }
        None => text.push_str("で、実績はまだありません。"),
    }
    let f = evaluation.final_target;
    let _ = write!(
        text,
        "目標は{}に{}です。評価は「{}」です。",
        f.year.label(),
        step_words(indicator, f.value),
        evaluation.status.label()
    );
    text
}

/// The wide step chart (640 wide, like the line chart): steps as rows, years as columns.
/// `id` makes its `<title>`/`<desc>` ids unique in the page.
pub(crate) fn render(indicator: &Indicator, evaluation: &Evaluation, id: &str) -> String {
    let steps = indicator.steps();
    let years = indicator.years();
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return String::new();
    };
    let span: Vec<FiscalYear> = (first.western()..=last.western())
        .filter_map(FiscalYear::new)
        .collect();
    let longest = steps.iter().map(|s| s.chars().count()).max().unwrap_or(1) + 3;
    let label_width = (longest as f64 * 13.0 + 12.0).min(WIDTH / 2.0);
    let column = (WIDTH - label_width - RIGHT) / span.len() as f64;
    let height = TOP + ROW * steps.len() as f64 + BOTTOM;
    let x = |y: FiscalYear| label_width + column * (f64::from(y.western() - first.western()) + 0.5);
    let y = |v: f64| TOP + ROW * (steps.len() as f64 - v - 0.5);
    let mut svg = open_svg(indicator, id, WIDTH, height, 13.0);
    for (i, name) in steps.iter().enumerate() {
        let cy = y(i as f64);
        let _ = write!(
            svg,
            "<line x1=\"{label_width}\" y1=\"{cy}\" x2=\"{}\" y2=\"{cy}\" stroke=\"#c8c8c8\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\">{}. {}</text>",
            WIDTH - RIGHT,
            label_width - 8.0,
            cy + 4.5,
            i + 1,
            escape_xml(name)
        );
    }
    // Year labels; every other one when the columns are too narrow for all.
    let every = if column < 30.0 { 2 } else { 1 };
    for (i, &year) in span.iter().enumerate() {
        if i % every == 0 || year == last {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>",
                x(year),
                height - 12.0,
                year.short_label()
            );
        }
    }
    for p in &indicator.targets {
        let (cx, cy) = (x(p.year), y(p.value));
        let _ = write!(
            svg,
            "<path d=\"M{cx:.1} {} L{:.1} {cy} L{cx:.1} {} L{:.1} {cy} Z\" fill=\"#ffffff\" stroke=\"{PLAN_COLOR}\" stroke-width=\"2\"/>",
            cy - 8.0,
            cx + 8.0,
            cy + 8.0,
            cx - 8.0
        );
    }
    let b = indicator.baseline;
    let _ = write!(
        svg,
        "<circle cx=\"{:.1}\" cy=\"{}\" r=\"8\" fill=\"#ffffff\" stroke=\"{ACTUAL_COLOR}\" stroke-width=\"2\"/>",
        x(b.year),
        y(b.value)
    );
    let shown = shown_actuals(indicator, evaluation);
    if !shown.is_empty() {
        let mut d = format!("M{:.1} {}", x(b.year), y(b.value));
        for p in &shown {
            let _ = write!(d, " H{:.1} V{}", x(p.year), y(p.value));
        }
        let _ = write!(
            svg,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{ACTUAL_COLOR}\" stroke-width=\"3\"/>"
        );
    }
    for p in &shown {
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{}\" r=\"5\" fill=\"{ACTUAL_COLOR}\"/>",
            x(p.year),
            y(p.value)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The narrow step chart for phones (300 wide, larger text): one row per value (初期値,
/// 実績, 目標) with its year and kind in words, and the steps reached as filled cells;
/// the step names listed below.
pub(crate) fn render_narrow(indicator: &Indicator, evaluation: &Evaluation, id: &str) -> String {
    const W: f64 = 300.0;
    const LABEL: f64 = 118.0;
    const LINE: f64 = 34.0;
    const NAME_LINE: f64 = 24.0;
    let steps = indicator.steps();
    let n = steps.len().max(1) as f64;
    let cell = (W - LABEL - 8.0) / n;
    let mut rows: Vec<(FiscalYear, u8, &str, f64)> = vec![(
        indicator.baseline.year,
        0,
        "初期値",
        indicator.baseline.value,
    )];
    rows.extend(
        shown_actuals(indicator, evaluation)
            .iter()
            .map(|p| (p.year, 1, "実績", p.value)),
    );
    rows.extend(
        indicator
            .targets
            .iter()
            .map(|p| (p.year, 2, "目標", p.value)),
    );
    rows.sort_by_key(|r| (r.0, r.1));
    let top = 30.0;
    let names_top = top + LINE * rows.len() as f64 + 16.0;
    let height = names_top + NAME_LINE * steps.len() as f64 + 8.0;
    let mut svg = open_svg(indicator, id, W, height, 16.0);
    for i in 0..steps.len() {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"20\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>",
            LABEL + cell * (i as f64 + 0.5),
            i + 1
        );
    }
    for (row, &(year, kind, word, value)) in rows.iter().enumerate() {
        let cy = top + LINE * row as f64;
        let color = if kind == 2 { PLAN_COLOR } else { ACTUAL_COLOR };
        let _ = write!(
            svg,
            "<text x=\"4\" y=\"{}\" fill=\"#1a1a1a\">{} {word}</text>",
            cy + 20.0,
            year.short_label()
        );
        for i in 0..steps.len() {
            let reached = i as f64 <= value;
            let fill = match (reached, kind) {
                (false, _) => "#ffffff",
                (true, 0) => "#ffffff",
                (true, _) => color,
            };
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{}\" width=\"{:.1}\" height=\"24\" fill=\"{fill}\" stroke=\"{}\" stroke-width=\"{}\"/>",
                LABEL + cell * i as f64 + 2.0,
                cy + 4.0,
                cell - 4.0,
                if reached { color } else { "#c8c8c8" },
                if reached { 2 } else { 1 }
            );
        }
    }
    for (i, name) in steps.iter().enumerate() {
        let _ = write!(
            svg,
            "<text x=\"4\" y=\"{}\" fill=\"#1a1a1a\">{}. {}</text>",
            names_top + NAME_LINE * i as f64 + 16.0,
            i + 1,
            escape_xml(name)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The actuals shown: those not after the latest actual evaluated.
fn shown_actuals(indicator: &Indicator, evaluation: &Evaluation) -> Vec<Point> {
    indicator
        .actual
        .iter()
        .copied()
        .filter(|p| evaluation.latest.is_some_and(|l| p.year <= l.year))
        .collect()
}

/// The `<svg>` start tag with its short accessible name, and the background.
fn open_svg(indicator: &Indicator, id: &str, width: f64, height: f64, font: f64) -> String {
    let name = escape_xml(&super::image_name(indicator, "段階グラフ"));
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         width=\"100%\" class=\"hyoka-chart hyoka-step-chart\" \
         role=\"img\" aria-labelledby=\"{id}-title\" \
         font-family=\"sans-serif\" font-size=\"{font}\">\
         <title id=\"{id}-title\">{name}</title>\
         <rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    svg
}
