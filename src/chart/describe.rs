//! The words of a chart: its accessible name (`title`) and the Japanese sentences that say
//! what it shows ([`describe`]), used in the SVG's `<desc>` and in the page's `<figcaption>`.
//!
//! Input: an [`Indicator`] and its [`Evaluation`]. Output: plain (unescaped) text; callers
//! escape it for the markup they write. Pure functions: no I/O, no markup, no evaluation of
//! their own — the status and the latest actual come from the [`Evaluation`].

use crate::model::pace::pace;
use crate::model::pace_text::chart_sentence;
use crate::model::value::{format_change, format_number, format_with_unit};
use crate::model::{Direction, Evaluation, Indicator, Point, SeriesKind, Status};

#[cfg(test)] // used by unit tests only
/// The chart's accessible name: `{指標名}の推移（{first year}〜{last year}）`, e.g.
/// `自治会加入割合の推移（令和5年度〜令和11年度）`.
pub(crate) fn title(indicator: &Indicator) -> String {
    let years = indicator.years();
    match (years.first(), years.last()) {
        (Some(first), Some(last)) if first != last => {
            format!(
                "{}の推移（{}〜{}）",
                indicator.name,
                first.label(),
                last.label()
            )
        }
        (Some(only), _) => format!("{}の推移（{}）", indicator.name, only.label()),
        _ => format!("{}の推移", indicator.name),
    }
}

/// The main message in a few words, for an active chart title: what the latest actual says
/// about the goal, e.g. `自治会加入割合は初期値より悪化`.
pub(crate) fn headline(indicator: &Indicator, evaluation: &Evaluation) -> String {
    let name = &indicator.name;
    let Some(latest) = evaluation.latest else {
        return format!("{name}の実績はまだありません");
    };
    match evaluation.status {
        Status::Achieved => format!("{name}は最終目標値に到達"),
        Status::OnTrack => format!("{name}は計画どおり以上に推移"),
        Status::Worse => format!("{name}は初期値より悪化"),
        Status::Behind if latest.value == indicator.baseline.value => {
            format!("{name}は初期値から変わらず、計画に届かず")
        }
        Status::Behind => format!("{name}は改善したが、計画に届かず"),
        Status::NoData => format!("{name}の実績はまだありません"),
        Status::Excluded => format!("{name}は評価の対象外"),
    }
}

/// The active title: the [`headline`], then the years charted, e.g.
/// `自治会加入割合は初期値より悪化（令和5年度〜令和11年度の推移）`.
pub(crate) fn active_title(indicator: &Indicator, evaluation: &Evaluation) -> String {
    let years = indicator.years();
    let span = match (years.first(), years.last()) {
        (Some(first), Some(last)) if first != last => {
            format!("{}〜{}", first.label(), last.label())
        }
        (Some(only), _) => only.label(),
        _ => return headline(indicator, evaluation),
    };
    format!("{}（{span}の推移）", headline(indicator, evaluation))
}

/// Only the description sentence(s): baseline, latest actual with the change from the
/// baseline, the next target after the latest actual, the final target and the status,
/// then where このままのペース leads when the chart draws it (the dotted line).
///
/// Example: `自治会加入割合は、初期値の令和5年度の74.6%から、令和6年度の実績は72.1%でした
/// （2.5ポイント減）。令和7年度の目標値は72.7%、最終目標値は令和11年度の75.0%です。評価は「悪化」です。`
pub(crate) fn describe(indicator: &Indicator, evaluation: &Evaluation) -> String {
    let fmt = |p: Point| format_with_unit(p.value, indicator.decimals, &indicator.unit);
    // A value with a note is told with it (`82.4%（速報）`), as the page shows it.
    let noted = |p: Point, kind| match indicator.note(kind, p.year) {
        Some(note) => format!("{}（{note}）", fmt(p)),
        None => fmt(p),
    };
    let baseline = indicator.baseline;
    let subject = match indicator.direction {
        Direction::Up => indicator.name.clone(),
        Direction::Down => format!("{}（低いほど良い指標）", indicator.name),
    };
    let mut text = match evaluation.latest {
        Some(latest) => format!(
            "{subject}は、初期値の{}の{}から、{}の実績は{}でした（{}）。",
            baseline.year.label(),
            noted(baseline, SeriesKind::Baseline),
            latest.year.label(),
            noted(latest, SeriesKind::Actual),
            change_words(
                latest.value - baseline.value,
                indicator.decimals,
                &indicator.unit
            ),
        ),
        None => format!(
            "{subject}は、初期値が{}の{}で、実績はまだありません。",
            baseline.year.label(),
            fmt(baseline)
        ),
    };
    let final_target = evaluation.final_target;
    let after = evaluation.latest.map_or(baseline.year, |p| p.year);
    let next = indicator
        .targets
        .iter()
        .find(|t| t.year > after)
        .filter(|t| t.year != final_target.year);
    if let Some(next) = next {
        text.push_str(&format!("{}の目標値は{}、", next.year.label(), fmt(*next)));
    }
    text.push_str(&format!(
        "最終目標値は{}の{}です。評価は「{}」です。",
        final_target.year.label(),
        fmt(final_target),
        evaluation.status.label()
    ));
    // このままのペース, when the chart draws it (§9).
    if let Some(sentence) = pace(indicator, evaluation).and_then(|p| chart_sentence(indicator, &p))
    {
        text.push_str(&sentence);
    }
    text
}

/// `2.5ポイント減`, `1地区増`, `変化なし` — the change as shown at the indicator's decimals.
fn change_words(delta: f64, decimals: u8, unit: &str) -> String {
    let shown = format_number(delta.abs(), decimals);
    if shown.chars().all(|c| c == '0' || c == '.' || c == ',') {
        return "変化なし".to_string();
    }
    let magnitude = format_change(delta.abs(), decimals, unit);
    let magnitude = magnitude.trim_start_matches('+');
    let word = if delta > 0.0 { "増" } else { "減" };
    format!("{magnitude}{word}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_words_follow_the_unit_and_sign() {
        assert_eq!(change_words(72.1 - 74.6, 1, "%"), "2.5ポイント減");
        assert_eq!(change_words(1.0, 0, "地区"), "1地区増");
        assert_eq!(change_words(0.0, 1, "%"), "変化なし");
        assert_eq!(change_words(0.04, 1, "%"), "変化なし");
        assert_eq!(change_words(1200.0, 0, "人"), "1,200人増");
        assert_eq!(change_words(-3.0, 0, ""), "3減");
    }
}
