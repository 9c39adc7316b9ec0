//! The words of 前年度比 and このままのペース (§9): plain Japanese sentences with the
//! arithmetic shown, for the goal page and the chart's description.
//!
//! Input: an [`Indicator`] and its [`Pace`]. Output: plain (unescaped) text; callers escape
//! it for the markup they write. Numbers are rounded here and only here, to the indicator's
//! decimals (a pace that would show as 0 gets the places it needs); a change of a `%` value
//! is in ポイント. No formula letters: residents read these.

use super::indicator::{Direction, Indicator, SeriesKind};
use super::pace::{Exact, NoReach, Pace, REACH_HORIZON_YEARS, Reach};
use super::value::{format_number, format_with_unit};

/// Most decimal places a pace per year is shown with.
const MAX_PLACES: u8 = 6;

/// The sentences of one indicator's pace, as the goal page shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PaceWords {
    /// 前年度比: `+1.2ポイント（令和5年度 71.2% → 令和6年度 72.4%）`.
    pub change: String,
    /// The pace with its arithmetic: `1年あたり +0.6ポイント＝（72.4 − 70.0）÷ 4年（…）`.
    pub rate: String,
    /// Where it leads by the final target year, or `None` when the latest actual is in or
    /// after that year.
    pub projection: Option<String>,
    /// Whether and when it reaches the final target, and why not.
    pub reach: String,
}

/// The sentences of `pace` for `indicator`.
pub(crate) fn pace_words(indicator: &Indicator, pace: &Pace) -> PaceWords {
    PaceWords {
        change: change_words(indicator, pace),
        rate: rate_words(indicator, pace),
        projection: projection_words(indicator, pace),
        reach: reach_words(indicator, pace),
    }
}

/// One sentence for the chart's description: the dotted line and where it leads; `None`
/// when the chart draws no projection (the latest actual is in or after the final year).
pub(crate) fn chart_sentence(indicator: &Indicator, pace: &Pace) -> Option<String> {
    let final_year = pace.final_target.year;
    if pace.latest.year >= final_year {
        return None;
    }
    let projected = pace.projected_final?;
    let reach = match pace.reach {
        Reach::Already => "最終目標値には達しています".to_string(),
        Reach::In(year) => format!("最終目標値には{}に届く見込みです", year.label()),
        Reach::Never(_) => "最終目標値には届かない見込みです".to_string(),
    };
    Some(format!(
        "点線は、このままのペース（1年あたり{}）が続いた場合の見込みで、{}に{}となり、{}。",
        rate_value(indicator, pace),
        final_year.label(),
        shown_value(indicator, projected),
        reach
    ))
}

/// The decimals a pace per year is shown with: the indicator's, or more (up to
/// [`MAX_PLACES`]) when those would show a pace that is not 0 as 0.
pub(crate) fn rate_places(indicator: &Indicator, pace: &Pace) -> u8 {
    let mut places = indicator.decimals;
    while places < MAX_PLACES && pace.per_year.signum() != 0 && pace.per_year.rounded(places) == 0.0
    {
        places += 1;
    }
    places
}

/// A value of the indicator as shown: `72.4%`, `9,400人`.
pub(crate) fn shown_value(indicator: &Indicator, value: Exact) -> String {
    let d = indicator.decimals;
    format_with_unit(value.rounded(d), d, &indicator.unit)
}

/// A difference with its sign and unit (`%` → ポイント): `+1.2ポイント`, `-2.5人`, `±0地区`.
fn signed(value: f64, places: u8, unit: &str) -> String {
    let unit = if unit == "%" { "ポイント" } else { unit };
    let text = format_number(value, places);
    let sign = if value > 0.0 {
        "+"
    } else if value == 0.0 {
        "±"
    } else {
        ""
    };
    format!("{sign}{text}{unit}")
}

/// A bare number in arithmetic; a negative one in parentheses.
fn operand(value: f64, places: u8) -> String {
    let text = format_number(value, places);
    if value < 0.0 {
        format!("（{text}）")
    } else {
        text
    }
}

fn change_words(indicator: &Indicator, pace: &Pace) -> String {
    let d = indicator.decimals;
    let unit = &indicator.unit;
    let from = match pace.previous_kind {
        SeriesKind::Baseline => "初期値 ",
        _ => "",
    };
    format!(
        "{}（{from}{} {} → {} {}）",
        signed(pace.change.rounded(d), d, unit),
        pace.previous.year.label(),
        format_with_unit(pace.previous.value, d, unit),
        pace.latest.year.label(),
        format_with_unit(pace.latest.value, d, unit),
    )
}

/// `+0.6ポイント`, `約+0.8ポイント` when rounded.
fn rate_value(indicator: &Indicator, pace: &Pace) -> String {
    let places = rate_places(indicator, pace);
    let about = if pace.per_year.is_exact_at(places) {
        ""
    } else {
        "約"
    };
    format!(
        "{about}{}",
        signed(pace.per_year.rounded(places), places, &indicator.unit)
    )
}

fn rate_words(indicator: &Indicator, pace: &Pace) -> String {
    let d = indicator.decimals;
    let places = rate_places(indicator, pace);
    let equals = if pace.per_year.is_exact_at(places) {
        "＝"
    } else {
        "≒"
    };
    format!(
        "1年あたり {}{equals}（{} − {}）÷ {}年（{}の初期値から{}の実績までの平均）",
        signed(pace.per_year.rounded(places), places, &indicator.unit),
        operand(pace.latest.value, d),
        operand(pace.baseline.value, d),
        pace.years_measured(),
        pace.baseline.year.label(),
        pace.latest.year.label(),
    )
}

fn projection_words(indicator: &Indicator, pace: &Pace) -> Option<String> {
    let years = pace.years_to_final().filter(|&k| k > 0)?;
    let projected = pace.projected_final?;
    let d = indicator.decimals;
    let places = rate_places(indicator, pace);
    let r = pace.per_year.rounded(places);
    let exact = pace.per_year.is_exact_at(places) && projected.is_exact_at(d);
    let (op, magnitude) = if r < 0.0 { ("−", -r) } else { ("+", r) };
    Some(format!(
        "このままのペースでは{}に{}（最終目標値 {}）。{} {op} {} × {}年 {} {}",
        pace.final_target.year.label(),
        shown_value(indicator, projected),
        format_with_unit(pace.final_target.value, d, &indicator.unit),
        operand(pace.latest.value, d),
        format_number(magnitude, places),
        years,
        if exact { "＝" } else { "≒" },
        format_number(projected.rounded(d), d),
    ))
}

fn reach_words(indicator: &Indicator, pace: &Pace) -> String {
    let d = indicator.decimals;
    let target = format_with_unit(pace.final_target.value, d, &indicator.unit);
    let final_year = pace.final_target.year;
    match pace.reach {
        Reach::Already => format!(
            "最新の実績（{} {}）は、すでに最終目標値 {target} に達しています。",
            pace.latest.year.label(),
            format_with_unit(pace.latest.value, d, &indicator.unit)
        ),
        Reach::In(year) => {
            let when = match year.western().cmp(&final_year.western()) {
                std::cmp::Ordering::Less => format!(
                    "最終目標年度の{}より{}年早く",
                    final_year.label(),
                    final_year.western() - year.western()
                ),
                std::cmp::Ordering::Equal => "最終目標年度どおり".to_string(),
                std::cmp::Ordering::Greater => format!(
                    "最終目標年度の{}より{}年遅れて",
                    final_year.label(),
                    year.western() - final_year.western()
                ),
            };
            format!(
                "このままのペースでは、最終目標値 {target} に{}に届く見込みです（{when}）。",
                year.label()
            )
        }
        Reach::Never(why) => format!(
            "このままのペースでは最終目標値 {target} に届きません。{}",
            never_reason(indicator, pace, why)
        ),
    }
}

fn never_reason(indicator: &Indicator, pace: &Pace, why: NoReach) -> String {
    match why {
        NoReach::Flat => format!(
            "{}の初期値から{}の実績まで、値が変わっていないためです。",
            pace.baseline.year.label(),
            pace.latest.year.label()
        ),
        NoReach::AwayFromTarget => {
            let (good, moved) = match indicator.direction {
                Direction::Up => ("高いほど良い", "下がっています"),
                Direction::Down => ("低いほど良い", "上がっています"),
            };
            format!("{good}指標ですが、初期値から{moved}（目標と反対の方向に動いています）。")
        }
        NoReach::TooLate => {
            let limit = pace.final_target.year.western() + REACH_HORIZON_YEARS;
            let limit = super::fiscal_year::FiscalYear::new(limit)
                .map(|y| y.label())
                .unwrap_or_else(|| format!("{limit}年度"));
            format!(
                "届くのは最終目標年度の{REACH_HORIZON_YEARS}年後（{limit}）より後になるためです。"
            )
        }
    }
}

#[cfg(test)]
mod tests;
