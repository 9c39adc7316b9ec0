//! Plain Japanese beside 進捗率 and 達成率, for residents who do not read the formulas
//! (those stay on the 評価の方法 page): why a rate cannot be computed, what a negative
//! 進捗率 means in the indicator's own units, and why a high 達成率 can sit beside 悪化 or
//! 遅れ.
//!
//! Input: an [`Indicator`] and its [`Evaluation`].
//! Output: [`RateWords`], sentences or `None` where the number speaks for itself. Pure: no
//! markup, no I/O.

use crate::model::value::{format_number, format_with_unit};
use crate::model::{Direction, Evaluation, Indicator, Status};

/// The sentences shown beside an indicator's rates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RateWords {
    /// Beside 進捗率: why it is not computed, or what a negative one means.
    pub progress: Option<String>,
    /// Beside 達成率: why it is not computed.
    pub achievement: Option<String>,
    /// Where 達成率 and the status appear together and seem to disagree: what each compares.
    pub status: Option<String>,
}

/// A 遅れ with a 達成率 at least this high gets the sentence on what each compares.
const CLOSE_TO_PLAN_PCT: f64 = 90.0;

/// The words for `ind` evaluated as `e`.
pub(crate) fn rate_words(ind: &Indicator, e: &Evaluation) -> RateWords {
    if ind.is_excluded() {
        return RateWords::default();
    }
    let Some(latest) = e.latest else {
        let none = Some("実績がまだないため、算出できません。".to_string());
        return RateWords {
            progress: none.clone(),
            achievement: none,
            status: None,
        };
    };
    let b = ind.baseline.value;
    let f = e.final_target.value;
    let progress = match e.progress_pct {
        None if f == b => Some("最終目標値が初期値と同じため、算出できません。".to_string()),
        None => None,
        Some(pct) if pct < 0.0 => Some(format!(
            "目標までの差{}に対し、初期値から{}しています。",
            amount(ind, (f - b).abs()),
            change(ind, latest.value - b),
        )),
        Some(_) => None,
    };
    let year = latest.year.label();
    let achievement = match (e.achievement_pct, ind.direction) {
        (Some(_), _) => None,
        (None, Direction::Up) => Some(format!("{year}の計画値が0のため、算出できません。")),
        (None, Direction::Down) => Some(
            "実績が0のため、算出できません（低いほど良い指標では計画値を実績で割ります）。"
                .to_string(),
        ),
    };
    let status = match (e.achievement_pct, e.status) {
        (Some(_), Status::Worse) => Some(format!(
            "達成率はその年度の計画値と比べた割合で、評価の「悪化」は実績{}が初期値{}より{}ことによります。",
            shown(ind, latest.value),
            shown(ind, b),
            match ind.direction {
                Direction::Up => "低い",
                Direction::Down => "高い",
            },
        )),
        (Some(pct), Status::Behind) if pct >= CLOSE_TO_PLAN_PCT => Some(
            "達成率はその年度の計画値と比べた割合で、100%に届いていないため評価は「遅れ」です。"
                .to_string(),
        ),
        _ => None,
    };
    RateWords {
        progress,
        achievement,
        status,
    }
}

/// A value as the page shows it: with its unit, or a milestone's step name.
fn shown(ind: &Indicator, value: f64) -> String {
    match ind.step_name(value) {
        Some(name) => name.to_string(),
        None => format_with_unit(value, ind.decimals, &ind.unit),
    }
}

/// A difference in the indicator's own units: `0.4ポイント` for a rate in %, `2段階` for
/// a milestone, else `3地区`.
fn amount(ind: &Indicator, magnitude: f64) -> String {
    if ind.is_milestone() {
        return format!("{}段階", format_number(magnitude, 0));
    }
    let unit = match ind.unit.trim() {
        "%" | "％" => "ポイント",
        other => other,
    };
    format!("{}{unit}", format_number(magnitude, ind.decimals))
}

/// The change from the baseline in words: `2.5ポイント減少`, `1段階後退`.
fn change(ind: &Indicator, delta: f64) -> String {
    let word = match (ind.is_milestone(), delta > 0.0) {
        (true, true) => "前進",
        (true, false) => "後退",
        (false, true) => "増加",
        (false, false) => "減少",
    };
    format!("{}{word}", amount(ind, delta.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FiscalYear, Point, evaluate};

    fn indicator(unit: &str, direction: Direction, series: [(u16, f64); 3], dec: u8) -> Indicator {
        let point = |(y, v): (u16, f64)| Point {
            year: FiscalYear::new(y).unwrap(),
            value: v,
        };
        Indicator {
            name: "指標".into(),
            unit: unit.into(),
            direction,
            baseline: point(series[0]),
            actual: vec![point(series[1])],
            targets: vec![point(series[2])],
            decimals: dec,
            details: Default::default(),
        }
    }

    fn words(ind: &Indicator) -> RateWords {
        rate_words(ind, &evaluate(ind, None))
    }

    /// The seed's 自治会加入割合: 74.6% → 72.1%, target 75.0%: −625% told in points, and the
    /// 達成率 97.9% beside 悪化 explained.
    #[test]
    fn a_large_negative_progress_is_told_in_the_units() {
        let ind = indicator(
            "%",
            Direction::Up,
            [(2023, 74.6), (2024, 72.1), (2029, 75.0)],
            1,
        );
        let w = words(&ind);
        assert_eq!(
            w.progress.as_deref(),
            Some("目標までの差0.4ポイントに対し、初期値から2.5ポイント減少しています。")
        );
        assert_eq!(w.achievement, None);
        assert_eq!(
            w.status.as_deref(),
            Some(
                "達成率はその年度の計画値と比べた割合で、評価の「悪化」は実績72.1%が初期値74.6%より低いことによります。"
            )
        );
    }

    #[test]
    fn lower_is_better_says_higher_and_counts_keep_their_unit() {
        let ind = indicator(
            "件",
            Direction::Down,
            [(2023, 10.0), (2024, 12.0), (2029, 6.0)],
            0,
        );
        let w = words(&ind);
        assert_eq!(
            w.progress.as_deref(),
            Some("目標までの差4件に対し、初期値から2件増加しています。")
        );
        assert!(w.status.unwrap().contains("実績12件が初期値10件より高い"));
    }

    #[test]
    fn each_reason_a_rate_cannot_be_computed() {
        let mut none_yet = indicator(
            "%",
            Direction::Up,
            [(2023, 50.0), (2024, 0.0), (2029, 60.0)],
            1,
        );
        none_yet.actual.clear();
        let w = words(&none_yet);
        assert_eq!(
            w.progress.as_deref(),
            Some("実績がまだないため、算出できません。")
        );
        assert_eq!(w.achievement, w.progress);

        let flat = indicator(
            "%",
            Direction::Up,
            [(2023, 50.0), (2024, 51.0), (2029, 50.0)],
            1,
        );
        assert_eq!(
            words(&flat).progress.as_deref(),
            Some("最終目標値が初期値と同じため、算出できません。")
        );

        let zero_plan = indicator(
            "件",
            Direction::Up,
            [(2024, 0.0), (2024, 0.0), (2029, 5.0)],
            0,
        );
        assert_eq!(
            words(&zero_plan).achievement.as_deref(),
            Some("令和6年度の計画値が0のため、算出できません。")
        );

        let zero_actual = indicator(
            "件",
            Direction::Down,
            [(2023, 4.0), (2024, 0.0), (2029, 0.0)],
            0,
        );
        assert!(
            words(&zero_actual)
                .achievement
                .unwrap()
                .starts_with("実績が0のため、算出できません")
        );
    }

    #[test]
    fn a_close_behind_is_explained_and_good_numbers_need_no_words() {
        let behind = indicator(
            "%",
            Direction::Up,
            [(2023, 50.0), (2024, 51.0), (2025, 54.0)],
            1,
        );
        let w = words(&behind);
        assert_eq!(w.progress, None, "positive progress speaks for itself");
        assert_eq!(
            w.status.as_deref(),
            Some(
                "達成率はその年度の計画値と比べた割合で、100%に届いていないため評価は「遅れ」です。"
            )
        );
        let on_track = indicator(
            "%",
            Direction::Up,
            [(2023, 50.0), (2024, 53.0), (2025, 54.0)],
            1,
        );
        assert_eq!(words(&on_track), RateWords::default());
    }
}
