//! Table tests: the seed's rows and the forms staff really write.
use super::*;

fn table(text: &str) -> (Option<GoalTable>, Diagnostics) {
    let source = SourceFile::new("s.txt", text.to_string());
    let body: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, t)| Line {
            line: i + 2,
            text: t.to_string(),
        })
        .collect();
    let heading = Line {
        line: 1,
        text: "**3**".into(),
    };
    let mut diags = Diagnostics::new();
    (parse_table(&source, &heading, &body, &mut diags), diags)
}

#[test]
fn reads_the_seed_table_with_spaced_labels_and_trailing_tabs() {
    let (t, d) = table(
        "目 標 名\t地域コミュニティの推進\t\n指 標 名\t自治会加入割合\t\n数値目標\t初期値（令和5年度）\t74.6%\n\t現状値（令和6年度）\t72.1%\n\t目標値（令和7年度）\t72.7%\n\t最終目標値（令和11年度）\t75.0%\n設定根拠\t第六次毛呂山町総合振興計画前期基本計画\t\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let t = t.unwrap();
    assert_eq!(
        (t.title.as_str(), t.indicator.as_str(), t.unit.as_str()),
        ("地域コミュニティの推進", "自治会加入割合", "%")
    );
    assert_eq!(t.baseline.year.western(), 2023);
    assert_eq!(t.actual[0].value, 72.1);
    assert_eq!(
        t.targets
            .iter()
            .map(|e| e.year.western())
            .collect::<Vec<_>>(),
        [2025, 2029]
    );
    assert_eq!(t.targets[1].decimals, 1);
    assert_eq!(t.summary, None);
}

#[test]
fn gannen_full_width_digits_and_thousands_separators() {
    let (t, d) = table(
        "目標名\t健康づくり\n指標名\t健診受診者数\n数値目標\t初期値（令和元年度）\t９，４００人\n\t最終目標値（令和１０年度）\t12,000人\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let t = t.unwrap();
    assert_eq!(t.baseline.year.western(), 2019);
    assert_eq!((t.baseline.value, t.unit.as_str()), (9400.0, "人"));
    assert_eq!(t.targets[0].year.western(), 2028);
}

#[test]
fn a_wrong_unit_or_year_is_an_error_at_its_line() {
    let (t, d) = table(
        "目標名\ta\n指標名\tb\n数値目標\t初期値（令和5年度）\t74.6%\n\t最終目標値（令和0年度）\t75人\n",
    );
    assert!(t.is_none());
    let lines: Vec<(usize, &str)> = d.iter().map(|d| (d.line, d.code)).collect();
    assert_eq!(lines, [(5, Code::SheetYear.id())]);
    let (_, d) = table(
        "目標名\ta\n指標名\tb\n数値目標\t初期値（令和5年度）\t74.6%\n\t最終目標値（令和9年度）\t75人\n",
    );
    assert_eq!(
        d.iter()
            .map(|d| (d.line, d.column, d.code))
            .collect::<Vec<_>>(),
        [(5, 15, Code::SheetValue.id())]
    );
}

#[test]
fn missing_rows_are_named() {
    let (t, d) = table("目標名\ta\n");
    assert!(t.is_none());
    let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("指標名")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("初期値")),
        "{messages:?}"
    );
}

#[test]
fn units_come_from_the_values() {
    assert_eq!(unit_of("74.6%"), "%");
    assert_eq!(unit_of("９，４００人"), "人");
    assert_eq!(unit_of("△5件"), "件");
    assert_eq!(unit_of("58"), "");
}

#[test]
fn rows_the_form_does_not_have_are_skipped_with_a_warning() {
    let (t, d) = table(
        "目標名\ta\n指標名\tb\n担当者\t山田\nメモだけの行\n数値目標\t初期値（令和5年度）\t10件\n\t現状値（令和6年度）\t－\n\t最終目標値（令和9年度）\t5件\n",
    );
    let t = t.expect("table");
    assert!(t.actual.is_empty());
    assert_eq!(t.unit, "件");
    let found: Vec<(usize, &str)> = d.iter().map(|d| (d.line, d.code)).collect();
    assert_eq!(
        found,
        [
            (4, Code::SheetRowSkipped.id()),
            (5, Code::SheetRowSkipped.id()),
            (7, Code::SheetNoValue.id())
        ]
    );
}

#[test]
fn year_in_its_own_cell_and_half_width_parentheses() {
    let (t, d) =
        table("目標名\ta\n指標名\tb\n数値目標\t初期値\tR5\t1.5\n\t最終目標値(2029年度)\t3.0\n");
    assert!(d.is_empty(), "{d:?}");
    let t = t.expect("table");
    assert_eq!(
        (t.baseline.year.western(), t.targets[0].year.western()),
        (2023, 2029)
    );
    assert_eq!(t.unit, "");
}

#[test]
fn words_after_the_year_and_a_value_without_its_tab() {
    let (t, d) = table(
        "目標名\ta\n指標名\tb\n数値目標\t初期値（令和5年度末）\t74.6%\n\t現状値（令和6年度実績）72.1%\n\t最終目標値（令和11年度見込み）\t75.0%\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let t = t.expect("table");
    assert_eq!(t.baseline.year.western(), 2023);
    assert_eq!(
        (t.actual[0].year.western(), t.actual[0].value),
        (2024, 72.1)
    );
    assert_eq!(t.targets[0].year.western(), 2029);
}

#[test]
fn the_reason_for_the_target_is_the_basis_not_a_target() {
    let (t, d) = table(
        "目標名\ta\n指標名\tb\n数値目標\t初期値（令和5年度）\t74.6%\n\t最終目標値（令和9年度）\t75.0%\n目標値設定の根拠・理由\t県平均の水準\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let t = t.unwrap();
    assert_eq!(t.basis.as_deref(), Some("県平均の水準"));
    assert_eq!(t.targets.len(), 1);
}

#[test]
fn late_heisei_years_are_read_as_reiwa_with_a_warning() {
    let (t, d) = table(
        "目標名\ta\n指標名\tb\n数値目標\t初期値（平成27年度）\t74.6%\n\t最終目標値（平成32年度）\t75.0%\n",
    );
    let t = t.expect("read");
    assert_eq!(t.targets[0].year.label(), "令和2年度");
    let found: Vec<(usize, &str)> = d.iter().map(|d| (d.line, d.code)).collect();
    assert_eq!(found, [(5, Code::SheetYearWarning.id())]);
}
