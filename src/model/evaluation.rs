//! 評価 — status, 達成率 and 進捗率 of an indicator, exactly as the contract (§5) defines them.
//!
//! Pure functions over a validated [`Indicator`]; table-tested on the three indicators of the
//! source sheets and on the edge cases.

use serde::Serialize;

use super::fiscal_year::FiscalYear;
use super::indicator::{Indicator, Point};
use super::value::round_to;

/// 評価区分: the first rule that holds, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 達成 — the latest actual is at least as good as the final target.
    Achieved,
    /// 順調 — at least as good as the plan for its year.
    OnTrack,
    /// 遅れ — improved or flat, but short of plan.
    Behind,
    /// 悪化 — worse than the baseline.
    Worse,
    /// 未測定 — no actual value yet.
    NoData,
    /// 対象外 — the sheet excludes the indicator from evaluation (`exclude:` with a reason);
    /// not one of the five rules, so not in [`Status::ALL`].
    Excluded,
}

impl Status {
    /// Every status a site may show: the five of the rules, then [`Status::Excluded`].
    pub const WITH_EXCLUDED: [Status; 6] = [
        Status::Achieved,
        Status::OnTrack,
        Status::Behind,
        Status::Worse,
        Status::NoData,
        Status::Excluded,
    ];

    /// The five statuses of the rules, in the order pages list them.
    pub const ALL: [Status; 5] = [
        Status::Achieved,
        Status::OnTrack,
        Status::Behind,
        Status::Worse,
        Status::NoData,
    ];

    /// Contract code (`no_data`, `achieved`, `on_track`, `worse`, `behind`).
    pub fn code(self) -> &'static str {
        match self {
            Status::NoData => "no_data",
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::Worse => "worse",
            Status::Behind => "behind",
            Status::Excluded => "excluded",
        }
    }

    /// The Japanese word.
    pub fn label(self) -> &'static str {
        match self {
            Status::NoData => "未測定",
            Status::Achieved => "達成",
            Status::OnTrack => "順調",
            Status::Worse => "悪化",
            Status::Behind => "遅れ",
            Status::Excluded => "対象外",
        }
    }

    /// The shape that goes with the word, so status is never told by colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Achieved => "◎",
            Status::OnTrack => "○",
            Status::Behind => "△",
            Status::Worse => "×",
            Status::NoData => "－",
            Status::Excluded => "／",
        }
    }

    /// One sentence on what the status means, for pages.
    pub fn explanation(self) -> &'static str {
        match self {
            Status::NoData => "実績値がまだありません。",
            Status::Achieved => "最新の実績が最終目標値に達しています。",
            Status::OnTrack => "最新の実績がその年度の計画値に達しています。",
            Status::Worse => "最新の実績が初期値より悪くなっています。",
            Status::Behind => "初期値からは改善または横ばいですが、計画値に届いていません。",
            Status::Excluded => {
                "理由があって評価の対象から外しています（進捗率・達成率は算出しません）。"
            }
        }
    }
}

/// The evaluation of one indicator at one point in time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evaluation {
    /// a: the latest actual, not after `as_of`.
    pub latest: Option<Point>,
    /// F: 最終目標値.
    pub final_target: Point,
    /// p(ya): the plan value for the latest actual's year.
    pub plan_at_latest: Option<f64>,
    /// 進捗率 = (a − b) / (F − b) × 100; `None` without an actual or when F = b.
    pub progress_pct: Option<f64>,
    /// 達成率 = a / p(ya) × 100 (`up`) or p(ya) / a × 100 (`down`); `None` when undefined.
    pub achievement_pct: Option<f64>,
    /// 評価区分.
    pub status: Status,
}

/// Decimal places kept in computed percentages, so that data files are stable.
const PCT_PLACES: i32 = 4;

/// Evaluates an indicator with the actuals known up to `as_of` (all when `None`). A
/// milestone's values are its step positions, so the same rules apply (`direction: up`); an
/// excluded indicator is [`Status::Excluded`] with its latest actual and nothing computed.
pub(crate) fn evaluate(indicator: &Indicator, as_of: Option<FiscalYear>) -> Evaluation {
    let b = indicator.baseline.value;
    let final_target = indicator.final_target();
    let f = final_target.value;
    let latest = indicator.latest_actual(as_of);
    if indicator.is_excluded() {
        return Evaluation {
            latest,
            final_target,
            plan_at_latest: None,
            progress_pct: None,
            achievement_pct: None,
            status: Status::Excluded,
        };
    }
    let Some(latest) = latest else {
        return Evaluation {
            latest: None,
            final_target,
            plan_at_latest: None,
            progress_pct: None,
            achievement_pct: None,
            status: Status::NoData,
        };
    };
    let a = latest.value;
    let plan = indicator.plan_value(latest.year);
    let direction = indicator.direction;
    let progress_pct = (f != b).then(|| round_to((a - b) / (f - b) * 100.0, PCT_PLACES));
    let (num, den) = match direction {
        super::indicator::Direction::Up => (a, plan),
        super::indicator::Direction::Down => (plan, a),
    };
    let achievement_pct = (den != 0.0).then(|| round_to(num / den * 100.0, PCT_PLACES));
    let status = if direction.at_least_as_good(a, f) {
        Status::Achieved
    } else if direction.at_least_as_good(a, plan) {
        Status::OnTrack
    } else if direction.worse(a, b) {
        Status::Worse
    } else {
        Status::Behind
    };
    Evaluation {
        latest: Some(latest),
        final_target,
        plan_at_latest: Some(plan),
        progress_pct,
        achievement_pct,
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::super::indicator::Direction;
    use super::*;

    fn fy(y: u16) -> FiscalYear {
        FiscalYear::new(y).unwrap()
    }

    fn indicator(
        direction: Direction,
        baseline: (u16, f64),
        actual: &[(u16, f64)],
        targets: &[(u16, f64)],
    ) -> Indicator {
        let point = |&(y, v): &(u16, f64)| Point {
            year: fy(y),
            value: v,
        };
        Indicator {
            name: "指標".into(),
            unit: "%".into(),
            direction,
            baseline: point(&baseline),
            actual: actual.iter().map(point).collect(),
            targets: targets.iter().map(point).collect(),
            decimals: 1,
            details: Default::default(),
        }
    }

    fn seed(b: f64, a: f64, t7: f64, f11: f64) -> Indicator {
        indicator(
            Direction::Up,
            (2023, b),
            &[(2024, a)],
            &[(2025, t7), (2029, f11)],
        )
    }

    #[test]
    fn the_three_goals_of_the_source_sheets() {
        // (indicator, status, 進捗率, p(R6))
        let cases = [
            (seed(74.6, 72.1, 72.7, 75.0), Status::Worse, -625.0, 73.65),
            (seed(58.0, 59.0, 61.0, 68.0), Status::Behind, 10.0, 59.5),
            (seed(53.2, 53.2, 56.6, 70.0), Status::Behind, 0.0, 54.9),
        ];
        for (ind, status, progress, plan) in cases {
            let e = evaluate(&ind, None);
            assert_eq!(e.status, status, "{ind:?}");
            assert_eq!(e.progress_pct, Some(progress), "{ind:?}");
            assert!((e.plan_at_latest.unwrap() - plan).abs() < 1e-9, "{ind:?}");
        }
        let e = evaluate(&seed(74.6, 72.1, 72.7, 75.0), None);
        assert_eq!(e.achievement_pct, Some(round_to(72.1 / 73.65 * 100.0, 4)));
    }

    #[test]
    fn direction_down_inverts_better_and_achievement() {
        // ごみの量: 611 g → 593 g, target 580 g (御所市's pitfall).
        let ind = indicator(
            Direction::Down,
            (2020, 611.0),
            &[(2024, 593.0)],
            &[(2024, 580.0)],
        );
        let e = evaluate(&ind, None);
        assert_eq!(e.status, Status::Behind);
        assert_eq!(e.progress_pct, Some(round_to(18.0 / 31.0 * 100.0, 4)));
        assert_eq!(e.achievement_pct, Some(round_to(580.0 / 593.0 * 100.0, 4)));
        let worse = indicator(
            Direction::Down,
            (2020, 611.0),
            &[(2021, 620.0)],
            &[(2024, 580.0)],
        );
        assert_eq!(evaluate(&worse, None).status, Status::Worse);
        let done = indicator(
            Direction::Down,
            (2020, 611.0),
            &[(2021, 570.0)],
            &[(2024, 580.0)],
        );
        assert_eq!(evaluate(&done, None).status, Status::Achieved);
    }

    #[test]
    fn no_actual_is_no_data() {
        let ind = indicator(Direction::Up, (2023, 10.0), &[], &[(2029, 20.0)]);
        let e = evaluate(&ind, None);
        assert_eq!(e.status, Status::NoData);
        assert_eq!((e.progress_pct, e.achievement_pct), (None, None));
    }

    #[test]
    fn final_target_equal_to_baseline_has_no_progress() {
        let ind = indicator(
            Direction::Up,
            (2023, 50.0),
            &[(2024, 50.0)],
            &[(2029, 50.0)],
        );
        let e = evaluate(&ind, None);
        assert_eq!(e.progress_pct, None);
        assert_eq!(e.status, Status::Achieved);
        let dropped = indicator(
            Direction::Up,
            (2023, 50.0),
            &[(2024, 49.0)],
            &[(2029, 50.0)],
        );
        assert_eq!(evaluate(&dropped, None).status, Status::Worse);
    }

    #[test]
    fn actual_on_a_target_year_uses_that_target_exactly() {
        let ind = seed(58.0, 0.0, 61.0, 68.0);
        let ind = Indicator {
            actual: vec![Point {
                year: fy(2025),
                value: 61.0,
            }],
            ..ind
        };
        let e = evaluate(&ind, None);
        assert_eq!(e.plan_at_latest, Some(61.0));
        assert_eq!(e.achievement_pct, Some(100.0));
        assert_eq!(e.status, Status::OnTrack);
    }

    #[test]
    fn plan_is_flat_before_and_after_the_plan_period() {
        let ind = seed(58.0, 59.0, 61.0, 68.0);
        assert_eq!(ind.plan_value(fy(2020)), 58.0);
        assert_eq!(ind.plan_value(fy(2023)), 58.0);
        assert_eq!(ind.plan_value(fy(2027)), 64.5);
        assert_eq!(ind.plan_value(fy(2029)), 68.0);
        assert_eq!(ind.plan_value(fy(2035)), 68.0);
        // An actual after the plan period is judged against the final target.
        let late = Indicator {
            actual: vec![Point {
                year: fy(2031),
                value: 67.0,
            }],
            ..ind.clone()
        };
        let e = evaluate(&late, None);
        assert_eq!((e.plan_at_latest, e.status), (Some(68.0), Status::Behind));
        // An actual before the baseline year is judged against the baseline.
        let early = Indicator {
            actual: vec![Point {
                year: fy(2021),
                value: 58.0,
            }],
            ..ind
        };
        assert_eq!(evaluate(&early, None).status, Status::OnTrack);
    }

    #[test]
    fn as_of_hides_later_actuals() {
        let ind = indicator(
            Direction::Up,
            (2023, 10.0),
            &[(2024, 11.0), (2025, 30.0)],
            &[(2029, 20.0)],
        );
        assert_eq!(evaluate(&ind, None).status, Status::Achieved);
        let e = evaluate(&ind, Some(fy(2024)));
        assert_eq!(e.latest.unwrap().value, 11.0);
        assert_eq!(evaluate(&ind, Some(fy(2022))).status, Status::NoData);
    }

    #[test]
    fn zero_divisors_leave_achievement_undefined() {
        let ind = indicator(Direction::Down, (2023, 5.0), &[(2024, 0.0)], &[(2029, 0.0)]);
        let e = evaluate(&ind, None);
        assert_eq!(e.achievement_pct, None);
        assert_eq!(e.status, Status::Achieved);
        let up = indicator(Direction::Up, (2023, 0.0), &[(2023, 0.0)], &[(2029, 10.0)]);
        assert_eq!(evaluate(&up, None).achievement_pct, None);
    }

    #[test]
    fn milestones_are_evaluated_by_step_position() {
        // 未着手 → 検討中 → 策定 → 運用; baseline 未着手 (R5), target 運用 (R8).
        let steps = ["未着手", "検討中", "策定", "運用"]
            .map(String::from)
            .to_vec();
        let milestone = |actual: &[(u16, f64)]| Indicator {
            unit: String::new(),
            decimals: 0,
            details: super::super::indicator::Details {
                steps: Some(steps.clone()),
                ..Default::default()
            },
            ..indicator(Direction::Up, (2023, 0.0), actual, &[(2026, 3.0)])
        };
        // R6 検討中 (1): plan p(R6) = 1 → 順調, 進捗率 33.3%.
        let e = evaluate(&milestone(&[(2024, 1.0)]), None);
        assert_eq!(e.status, Status::OnTrack);
        assert_eq!(e.progress_pct, Some(round_to(100.0 / 3.0, 4)));
        assert_eq!(e.achievement_pct, Some(100.0));
        // R7 still 検討中: plan 2 → 遅れ.
        let e = evaluate(&milestone(&[(2024, 1.0), (2025, 1.0)]), None);
        assert_eq!(e.status, Status::Behind);
        // 運用 reached → 達成.
        let e = evaluate(&milestone(&[(2025, 3.0)]), None);
        assert_eq!(e.status, Status::Achieved);
        // Nothing yet → 未測定; the baseline step 未着手 (0) is a valid divisor-free start.
        assert_eq!(evaluate(&milestone(&[]), None).status, Status::NoData);
        let ind = milestone(&[(2024, 1.0)]);
        assert_eq!(ind.step_name(1.0), Some("検討中"));
        assert_eq!(ind.step_name(4.0), None);
        assert!(ind.is_milestone());
    }

    #[test]
    fn excluded_indicators_have_no_rates_and_their_own_status() {
        let mut ind = seed(74.6, 72.1, 72.7, 75.0);
        ind.details.exclude = Some("感染症の影響で比較できないため".into());
        let e = evaluate(&ind, None);
        assert_eq!(e.status, Status::Excluded);
        assert_eq!(
            (e.progress_pct, e.achievement_pct, e.plan_at_latest),
            (None, None, None)
        );
        assert_eq!(e.latest.map(|p| p.value), Some(72.1));
        assert_eq!(
            (Status::Excluded.code(), Status::Excluded.label()),
            ("excluded", "対象外")
        );
        assert!(!Status::ALL.contains(&Status::Excluded));
    }
}
