use super::super::evaluation::evaluate;
use super::super::indicator::Details;
use super::*;

fn fy(y: u16) -> FiscalYear {
    FiscalYear::new(y).unwrap()
}

fn point(&(y, v): &(u16, f64)) -> Point {
    Point {
        year: fy(y),
        value: v,
    }
}

fn indicator(
    direction: Direction,
    baseline: (u16, f64),
    actual: &[(u16, f64)],
    targets: &[(u16, f64)],
) -> Indicator {
    Indicator {
        name: "指標".into(),
        unit: "%".into(),
        direction,
        baseline: point(&baseline),
        actual: actual.iter().map(point).collect(),
        targets: targets.iter().map(point).collect(),
        decimals: 1,
        details: Details::default(),
    }
}

fn pace_of(ind: &Indicator) -> Option<Pace> {
    pace(ind, &evaluate(ind, None))
}

fn up(baseline: (u16, f64), actual: &[(u16, f64)], final_target: (u16, f64)) -> Pace {
    pace_of(&indicator(Direction::Up, baseline, actual, &[final_target])).unwrap()
}

#[test]
fn previous_actual_change_pace_projection_and_reach_year() {
    // 70.0 (R2) → 71.2 (R5) → 72.4 (R6), final target 75.0 in R11.
    let p = up((2020, 70.0), &[(2023, 71.2), (2024, 72.4)], (2029, 75.0));
    assert_eq!(p.previous, point(&(2023, 71.2)));
    assert_eq!(p.previous_kind, SeriesKind::Actual);
    assert_eq!(p.change.value(), 1.2);
    // r = (72.4 − 70.0) ÷ 4 = 0.6 per year.
    assert_eq!(p.years_measured(), 4);
    assert_eq!(p.per_year.value(), 0.6);
    assert!(p.per_year.is_exact_at(1));
    // 72.4 + 0.6 × 5 = 75.4.
    assert_eq!(p.years_to_final(), Some(5));
    assert_eq!(p.projected_final.unwrap().value(), 75.4);
    // 72.4 + 0.6 × 4 = 74.8 < 75.0; × 5 = 75.4: R11.
    assert_eq!(p.reach, Reach::In(fy(2029)));
    assert_eq!(p.reach_year(), Some(fy(2029)));
}

#[test]
fn the_previous_value_is_the_baseline_when_there_is_no_earlier_actual() {
    let p = up((2023, 74.6), &[(2024, 72.1)], (2029, 75.0));
    assert_eq!(p.previous, point(&(2023, 74.6)));
    assert_eq!(p.previous_kind, SeriesKind::Baseline);
    assert_eq!(p.change.value(), -2.5);
    assert_eq!(p.per_year.value(), -2.5);
    // 72.1 − 2.5 × 5 = 59.6, and the pace points away from the target.
    assert_eq!(p.projected_final.unwrap().value(), 59.6);
    assert_eq!(p.reach, Reach::Never(NoReach::AwayFromTarget));
    assert_eq!(p.reach_year(), None);
}

#[test]
fn years_not_measured_are_skipped_for_the_previous_value() {
    let mut ind = indicator(
        Direction::Up,
        (2020, 50.0),
        &[(2021, 51.0), (2023, 54.0)],
        &[(2029, 60.0)],
    );
    ind.details.unmeasured = vec![fy(2022)];
    let p = pace_of(&ind).unwrap();
    assert_eq!(p.previous, point(&(2021, 51.0)));
    assert_eq!(p.change.value(), 3.0);
}

#[test]
fn a_projection_landing_on_the_target_reaches_it_that_year() {
    // r = 0.5: 72.0 + 0.5 × 6 = 75.0 exactly in 2030 ("at least as good" includes equal).
    let p = up((2020, 70.0), &[(2024, 72.0)], (2029, 75.0));
    assert_eq!(p.projected_final.unwrap().value(), 74.5);
    assert_eq!(p.reach, Reach::In(fy(2030)));
}

#[test]
fn exact_arithmetic_finds_the_year_floating_point_would_miss() {
    // r = (0.3 − 0.0) ÷ 3 = 0.1: 0.3 + 0.1 × 1 = 0.4 in 2024. In f64, 0.3 ÷ 3 is
    // 0.09999999999999999 and the projection falls short of 0.4.
    let float = 0.3 + (0.3 - 0.0) / 3.0 * 1.0;
    assert!(float < 0.4, "{float}");
    let p = up((2020, 0.0), &[(2023, 0.3)], (2029, 1.0));
    assert_eq!(p.per_year.value(), 0.1);
    let p = up((2020, 0.0), &[(2023, 0.3)], (2029, 0.4));
    assert_eq!(p.reach, Reach::In(fy(2024)));
}

#[test]
fn direction_down_reaches_by_going_lower() {
    // ごみの量 611 g (R2) → 593 g (R6), target 580 g (R8): r = −4.5 g a year.
    let ind = indicator(
        Direction::Down,
        (2020, 611.0),
        &[(2024, 593.0)],
        &[(2026, 580.0)],
    );
    let p = pace_of(&ind).unwrap();
    assert_eq!(p.per_year.value(), -4.5);
    assert_eq!(p.projected_final.unwrap().value(), 584.0);
    // 593 − 4.5 × 3 = 579.5 ≤ 580 in R9.
    assert_eq!(p.reach, Reach::In(fy(2027)));
    let rising = indicator(
        Direction::Down,
        (2020, 611.0),
        &[(2024, 620.0)],
        &[(2026, 580.0)],
    );
    assert_eq!(
        pace_of(&rising).unwrap().reach,
        Reach::Never(NoReach::AwayFromTarget)
    );
    let done = indicator(
        Direction::Down,
        (2020, 611.0),
        &[(2024, 570.0)],
        &[(2026, 580.0)],
    );
    assert_eq!(pace_of(&done).unwrap().reach, Reach::Already);
}

#[test]
fn a_flat_pace_never_reaches() {
    let p = up((2023, 53.2), &[(2024, 53.2)], (2029, 70.0));
    assert_eq!(p.per_year.signum(), 0);
    assert_eq!(p.change.value(), 0.0);
    assert_eq!(p.projected_final.unwrap().value(), 53.2);
    assert_eq!(p.reach, Reach::Never(NoReach::Flat));
}

#[test]
fn a_reach_year_after_twenty_years_past_the_final_target_is_none() {
    // r = 1 a year from 50.0 (R6): 75.0 in 2049 = yF + 20 is still a reach year …
    let p = up((2023, 49.0), &[(2024, 50.0)], (2029, 75.0));
    assert_eq!(p.reach, Reach::In(fy(2049)));
    // … 75.1 would be in 2050, past it.
    let p = up((2023, 49.0), &[(2024, 50.0)], (2029, 75.1));
    assert_eq!(p.reach, Reach::Never(NoReach::TooLate));
    let p = up((2023, 50.0), &[(2024, 50.1)], (2029, 75.0));
    assert_eq!(p.reach, Reach::Never(NoReach::TooLate));
}

#[test]
fn an_achieved_target_is_reached_in_the_latest_year_whatever_the_pace() {
    let p = up((2023, 70.0), &[(2024, 76.0)], (2029, 75.0));
    assert_eq!(p.reach, Reach::Already);
    assert_eq!(p.reach_year(), Some(fy(2024)));
    // Still above the target but falling: reached all the same (the latest actual is).
    let p = up((2020, 80.0), &[(2024, 76.0)], (2029, 75.0));
    assert_eq!(p.reach, Reach::Already);
}

#[test]
fn a_latest_actual_after_the_final_target_year_has_no_projection() {
    let p = up((2020, 50.0), &[(2030, 55.0)], (2029, 60.0));
    assert_eq!(p.projected_final, None);
    assert_eq!(p.years_to_final(), None);
    // Reach is still the first year from ya: 55 + 0.5·k ≥ 60 → k = 10.
    assert_eq!(p.reach, Reach::In(fy(2040)));
    let on_final = up((2020, 50.0), &[(2029, 55.0)], (2029, 60.0));
    assert_eq!(on_final.projected_final.unwrap().value(), 55.0);
}

#[test]
fn indicators_outside_section_9_get_none() {
    // No actual yet.
    assert_eq!(
        pace_of(&indicator(Direction::Up, (2023, 1.0), &[], &[(2029, 2.0)])),
        None
    );
    // The latest actual is in the baseline year: no year to measure a pace over.
    assert_eq!(
        pace_of(&indicator(
            Direction::Up,
            (2023, 1.0),
            &[(2023, 1.0)],
            &[(2029, 2.0)]
        )),
        None
    );
    // 対象外.
    let mut excluded = indicator(Direction::Up, (2023, 1.0), &[(2024, 1.5)], &[(2029, 2.0)]);
    excluded.details.exclude = Some("比較できないため".into());
    assert_eq!(pace_of(&excluded), None);
    // 段階 (milestone).
    let mut milestone = indicator(Direction::Up, (2023, 0.0), &[(2024, 1.0)], &[(2026, 3.0)]);
    milestone.details.steps = Some(
        ["未着手", "検討中", "策定", "運用"]
            .map(String::from)
            .to_vec(),
    );
    milestone.decimals = 0;
    assert_eq!(pace_of(&milestone), None);
}

#[test]
fn as_of_decides_the_latest_and_the_previous_value() {
    let ind = indicator(
        Direction::Up,
        (2020, 70.0),
        &[(2023, 71.2), (2024, 72.4)],
        &[(2029, 75.0)],
    );
    let p = pace(&ind, &evaluate(&ind, Some(fy(2023)))).unwrap();
    assert_eq!(p.latest, point(&(2023, 71.2)));
    assert_eq!(p.previous_kind, SeriesKind::Baseline);
    assert_eq!(p.per_year.value(), 0.4);
}

#[test]
fn each_indicator_of_a_goal_gets_its_own_pace() {
    // §8.1: two indicators of one goal, evaluated on their own.
    let first = indicator(
        Direction::Up,
        (2023, 58.0),
        &[(2024, 59.0)],
        &[(2029, 68.0)],
    );
    let mut second = indicator(
        Direction::Down,
        (2022, 120.0),
        &[(2024, 110.0)],
        &[(2028, 90.0)],
    );
    second.unit = "件".into();
    second.decimals = 0;
    let (a, b) = (pace_of(&first).unwrap(), pace_of(&second).unwrap());
    assert_eq!((a.per_year.value(), a.reach), (1.0, Reach::In(fy(2033))));
    assert_eq!((b.per_year.value(), b.reach), (-5.0, Reach::In(fy(2028))));
    assert_eq!(b.projected_final.unwrap().value(), 90.0);
}

#[test]
fn exact_fractions_round_half_away_from_zero_only_when_shown() {
    let third = Exact::new(1, 3);
    assert_eq!(third.rounded(1), 0.3);
    assert_eq!(third.rounded(3), 0.333);
    assert!(!third.is_exact_at(6));
    assert_eq!(Exact::new(25, 100).rounded(1), 0.3);
    assert_eq!(Exact::new(-25, 100).rounded(1), -0.3);
    assert_eq!(Exact::new(5, -10).value(), -0.5);
    assert!(Exact::new(6, 10).is_exact_at(1));
    assert_eq!(Exact::new(-1, 1000).rounded(1), 0.0);
    assert!(Exact::new(-1, 1000).rounded(1).is_sign_positive());
}
