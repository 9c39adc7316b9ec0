use super::super::evaluation::evaluate;
use super::super::fiscal_year::FiscalYear;
use super::super::indicator::{Details, Point};
use super::super::pace::pace;
use super::*;

fn indicator(
    direction: Direction,
    unit: &str,
    decimals: u8,
    baseline: (u16, f64),
    actual: &[(u16, f64)],
    final_target: (u16, f64),
) -> Indicator {
    let point = |&(y, v): &(u16, f64)| Point {
        year: FiscalYear::new(y).unwrap(),
        value: v,
    };
    Indicator {
        name: "指標".into(),
        unit: unit.into(),
        direction,
        baseline: point(&baseline),
        actual: actual.iter().map(point).collect(),
        targets: vec![point(&final_target)],
        decimals,
        details: Details::default(),
    }
}

fn words(ind: &Indicator) -> PaceWords {
    pace_words(ind, &pace(ind, &evaluate(ind, None)).unwrap())
}

fn chart(ind: &Indicator) -> Option<String> {
    chart_sentence(ind, &pace(ind, &evaluate(ind, None)).unwrap())
}

#[test]
fn percent_changes_are_in_points_with_the_arithmetic_shown() {
    let ind = indicator(
        Direction::Up,
        "%",
        1,
        (2020, 70.0),
        &[(2023, 71.2), (2024, 72.4)],
        (2029, 75.0),
    );
    let w = words(&ind);
    assert_eq!(
        w.change,
        "+1.2ポイント（令和5年度 71.2% → 令和6年度 72.4%）"
    );
    assert_eq!(
        w.rate,
        "1年あたり +0.6ポイント＝（72.4 − 70.0）÷ 4年（令和2年度の初期値から令和6年度の実績までの平均）"
    );
    assert_eq!(
        w.projection.as_deref(),
        Some("このままのペースでは令和11年度に75.4%（最終目標値 75.0%）。72.4 + 0.6 × 5年 ＝ 75.4")
    );
    assert_eq!(
        w.reach,
        "このままのペースでは、最終目標値 75.0% に令和11年度に届く見込みです（最終目標年度どおり）。"
    );
    assert_eq!(
        chart(&ind).as_deref(),
        Some(
            "点線は、このままのペース（1年あたり+0.6ポイント）が続いた場合の見込みで、令和11年度に75.4%となり、最終目標値には令和11年度に届く見込みです。"
        )
    );
}

#[test]
fn other_units_keep_their_unit_and_the_baseline_is_named() {
    // 58地区 (R5) → 59地区 (R6), 68地区 in R11: 1地区 a year reaches it in R15.
    let ind = indicator(
        Direction::Up,
        "地区",
        0,
        (2023, 58.0),
        &[(2024, 59.0)],
        (2029, 68.0),
    );
    let w = words(&ind);
    assert_eq!(
        w.change,
        "+1地区（初期値 令和5年度 58地区 → 令和6年度 59地区）"
    );
    assert!(
        w.rate.starts_with("1年あたり +1地区＝（59 − 58）÷ 1年"),
        "{}",
        w.rate
    );
    assert_eq!(
        w.projection.as_deref(),
        Some("このままのペースでは令和11年度に64地区（最終目標値 68地区）。59 + 1 × 5年 ＝ 64")
    );
    assert_eq!(
        w.reach,
        "このままのペースでは、最終目標値 68地区 に令和15年度に届く見込みです（最終目標年度の令和11年度より4年遅れて）。"
    );
}

#[test]
fn early_reach_and_already_reached_are_said_plainly() {
    let early = indicator(
        Direction::Up,
        "%",
        1,
        (2022, 60.0),
        &[(2024, 70.0)],
        (2029, 75.0),
    );
    assert_eq!(
        words(&early).reach,
        "このままのペースでは、最終目標値 75.0% に令和7年度に届く見込みです（最終目標年度の令和11年度より4年早く）。"
    );
    let done = indicator(
        Direction::Up,
        "%",
        1,
        (2022, 60.0),
        &[(2024, 76.0)],
        (2029, 75.0),
    );
    assert_eq!(
        words(&done).reach,
        "最新の実績（令和6年度 76.0%）は、すでに最終目標値 75.0% に達しています。"
    );
    assert!(
        chart(&done)
            .unwrap()
            .ends_with("最終目標値には達しています。")
    );
}

#[test]
fn never_reaching_says_why() {
    let away = indicator(
        Direction::Up,
        "%",
        1,
        (2023, 74.6),
        &[(2024, 72.1)],
        (2029, 75.0),
    );
    let w = words(&away);
    assert_eq!(
        w.change,
        "-2.5ポイント（初期値 令和5年度 74.6% → 令和6年度 72.1%）"
    );
    assert_eq!(
        w.projection.as_deref(),
        Some("このままのペースでは令和11年度に59.6%（最終目標値 75.0%）。72.1 − 2.5 × 5年 ＝ 59.6")
    );
    assert_eq!(
        w.reach,
        "このままのペースでは最終目標値 75.0% に届きません。高いほど良い指標ですが、初期値から下がっています（目標と反対の方向に動いています）。"
    );
    assert!(
        chart(&away)
            .unwrap()
            .ends_with("最終目標値には届かない見込みです。")
    );
    let rising = indicator(
        Direction::Down,
        "g",
        0,
        (2020, 611.0),
        &[(2024, 620.0)],
        (2026, 580.0),
    );
    assert!(
        words(&rising)
            .reach
            .contains("低いほど良い指標ですが、初期値から上がっています")
    );
    let flat = indicator(
        Direction::Up,
        "%",
        1,
        (2023, 53.2),
        &[(2024, 53.2)],
        (2029, 70.0),
    );
    let w = words(&flat);
    assert_eq!(
        w.change,
        "±0.0ポイント（初期値 令和5年度 53.2% → 令和6年度 53.2%）"
    );
    assert!(
        w.rate
            .starts_with("1年あたり ±0.0ポイント＝（53.2 − 53.2）÷ 1年")
    );
    assert_eq!(
        w.reach,
        "このままのペースでは最終目標値 70.0% に届きません。令和5年度の初期値から令和6年度の実績まで、値が変わっていないためです。"
    );
    let slow = indicator(
        Direction::Up,
        "%",
        1,
        (2023, 50.0),
        &[(2024, 50.1)],
        (2029, 75.0),
    );
    assert_eq!(
        words(&slow).reach,
        "このままのペースでは最終目標値 75.0% に届きません。届くのは最終目標年度の20年後（令和31年度）より後になるためです。"
    );
}

#[test]
fn a_rounded_pace_says_so_and_a_tiny_one_gets_more_places() {
    // (72.5 − 70.0) ÷ 3 = 0.8333…
    let ind = indicator(
        Direction::Up,
        "%",
        1,
        (2021, 70.0),
        &[(2024, 72.5)],
        (2029, 80.0),
    );
    let w = words(&ind);
    assert!(
        w.rate
            .starts_with("1年あたり +0.8ポイント≒（72.5 − 70.0）÷ 3年"),
        "{}",
        w.rate
    );
    // 72.5 + 2.5 × 5 ÷ 3 = 76.666… → 76.7.
    assert_eq!(
        w.projection.as_deref(),
        Some("このままのペースでは令和11年度に76.7%（最終目標値 80.0%）。72.5 + 0.8 × 5年 ≒ 76.7")
    );
    assert!(chart(&ind).unwrap().contains("1年あたり約+0.8ポイント"));
    // 1人 over 4 years is 0.25人 a year: shown as about 0.3人, not "0人".
    let tiny = indicator(
        Direction::Up,
        "人",
        0,
        (2020, 10.0),
        &[(2024, 11.0)],
        (2030, 20.0),
    );
    assert!(
        words(&tiny)
            .rate
            .starts_with("1年あたり +0.3人≒（11 − 10）÷ 4年")
    );
}

#[test]
fn no_projection_when_the_latest_actual_is_in_the_final_year() {
    let ind = indicator(
        Direction::Up,
        "%",
        1,
        (2020, 50.0),
        &[(2029, 55.0)],
        (2029, 60.0),
    );
    assert_eq!(words(&ind).projection, None);
    assert_eq!(chart(&ind), None);
}
