//! The step chart of a milestone indicator (`kind: milestone`): one row per step (the
//! first at the bottom), one column per fiscal year; the 実績 as a staircase that stays on a
//! step until the next actual, the 初期値 and the 目標 as marks. Its text description says
//! the same in words, by step name — never a line drawn through category names.
//!
//! Input: a milestone [`Indicator`] (values are step positions) and its [`Evaluation`].
//! Output: one `<svg role="img">` (it scales down to 320 px through its `viewBox`) and the
//! description. Written by hand: a grid of text and marks needs no plotting library.

use std::fmt::Write as _;

use super::{ACTUAL_COLOR, PLAN_COLOR};
use crate::markup::escape_xml;
use crate::model::{Evaluation, FiscalYear, Indicator, Point, Status};

const ROW: f64 = 36.0;
const COLUMN: f64 = 56.0;
const LABEL_WIDTH: f64 = 150.0;
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

/// The step chart. `id` makes its `<title>`/`<desc>` ids unique in the page.
pub(crate) fn render(indicator: &Indicator, evaluation: &Evaluation, id: &str) -> String {
    let steps = indicator.steps();
    let years = indicator.years();
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return String::new();
    };
    let span: Vec<FiscalYear> = (first.western()..=last.western())
        .filter_map(FiscalYear::new)
        .collect();
    let width = LABEL_WIDTH + COLUMN * span.len() as f64 + RIGHT;
    let height = TOP + ROW * steps.len() as f64 + BOTTOM;
    let x = |y: FiscalYear| {
        LABEL_WIDTH + COLUMN * (f64::from(y.western() - first.western()) + 0.5)
    };
    let y = |v: f64| TOP + ROW * (steps.len() as f64 - v - 0.5);
    let title = escape_xml(&title(indicator, evaluation));
    let desc = escape_xml(&describe(indicator, evaluation));
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         width=\"100%\" class=\"hyoka-chart hyoka-step-chart\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         font-family=\"sans-serif\" font-size=\"13\">\
         <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>\
         <rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    for (i, name) in steps.iter().enumerate() {
        let cy = y(i as f64);
        let _ = write!(
            svg,
            "<line x1=\"{LABEL_WIDTH}\" y1=\"{cy}\" x2=\"{}\" y2=\"{cy}\" stroke=\"#c8c8c8\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a1a1a\">{}. {}</text>",
            width - RIGHT,
            LABEL_WIDTH - 8.0,
            cy + 4.5,
            i + 1,
            escape_xml(name)
        );
    }
    for &year in &span {
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>",
            x(year),
            height - 12.0,
            year.short_label()
        );
    }
    // Targets (and the baseline) as the plan: orange hollow diamonds.
    for p in &indicator.targets {
        let (cx, cy) = (x(p.year), y(p.value));
        let _ = write!(
            svg,
            "<path d=\"M{cx} {} L{} {cy} L{cx} {} L{} {cy} Z\" fill=\"#ffffff\" stroke=\"{PLAN_COLOR}\" stroke-width=\"2\"/>",
            cy - 8.0,
            cx + 8.0,
            cy + 8.0,
            cx - 8.0
        );
    }
    let b = indicator.baseline;
    let _ = write!(
        svg,
        "<circle cx=\"{}\" cy=\"{}\" r=\"8\" fill=\"#ffffff\" stroke=\"{ACTUAL_COLOR}\" stroke-width=\"2\"/>",
        x(b.year),
        y(b.value)
    );
    // 実績: a staircase from the baseline through every actual shown.
    let shown: Vec<Point> = indicator
        .actual
        .iter()
        .copied()
        .filter(|p| evaluation.latest.is_some_and(|l| p.year <= l.year))
        .collect();
    if !shown.is_empty() {
        let mut d = format!("M{} {}", x(b.year), y(b.value));
        for p in &shown {
            let _ = write!(d, " H{} V{}", x(p.year), y(p.value));
        }
        let _ = write!(
            svg,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{ACTUAL_COLOR}\" stroke-width=\"3\"/>"
        );
    }
    for p in &shown {
        let _ = write!(
            svg,
            "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{ACTUAL_COLOR}\"/>",
            x(p.year),
            y(p.value)
        );
    }
    svg.push_str("</svg>");
    svg
}
