//! Tests of the chart module on the three indicators of the source sheets and edge cases:
//! description wording, chart accessibility markup, escaping, year labels, dashes, markers,
//! determinism, size, and a snapshot of the seed chart.

use super::*;
use crate::model::{Direction, FiscalYear, Point, evaluate};

fn fy(y: u16) -> FiscalYear {
    FiscalYear::new(y).unwrap()
}

fn indicator(
    name: &str,
    unit: &str,
    direction: Direction,
    baseline: (u16, f64),
    actual: &[(u16, f64)],
    targets: &[(u16, f64)],
    decimals: u8,
) -> Indicator {
    let point = |&(y, v): &(u16, f64)| Point {
        year: fy(y),
        value: v,
    };
    Indicator {
        name: name.into(),
        unit: unit.into(),
        direction,
        baseline: point(&baseline),
        actual: actual.iter().map(point).collect(),
        targets: targets.iter().map(point).collect(),
        decimals,
        details: Default::default(),
    }
}

fn jichikai() -> Indicator {
    indicator(
        "自治会加入割合",
        "%",
        Direction::Up,
        (2023, 74.6),
        &[(2024, 72.1)],
        &[(2025, 72.7), (2029, 75.0)],
        1,
    )
}

fn bosai() -> Indicator {
    indicator(
        "自主防災組織の設置行政区数",
        "地区",
        Direction::Up,
        (2023, 58.0),
        &[(2024, 59.0)],
        &[(2025, 61.0), (2029, 68.0)],
        0,
    )
}

fn madoguchi() -> Indicator {
    indicator(
        "窓口サービス満足度",
        "%",
        Direction::Up,
        (2023, 53.2),
        &[(2024, 53.2)],
        &[(2025, 56.6), (2029, 70.0)],
        1,
    )
}

fn describe_of(ind: &Indicator) -> String {
    describe(ind, &evaluate(ind, None))
}

fn chart_of(ind: &Indicator) -> Chart {
    goal_chart(ind, &evaluate(ind, None), "somu-jichikai")
}

fn assert_contains_all(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} not in {text:?}");
    }
}

#[test]
fn describe_jichikai_worse() {
    let text = describe_of(&jichikai());
    assert_contains_all(
        &text,
        &[
            "74.6%",
            "72.1%",
            "2.5ポイント",
            "75.0%",
            "令和11年度",
            "悪化",
        ],
    );
    assert_eq!(
        text,
        "自治会加入割合は、初期値の令和5年度の74.6%から、令和6年度の実績は72.1%でした\
         （2.5ポイント減）。令和7年度の目標値は72.7%、最終目標値は令和11年度の75.0%です。\
         評価は「悪化」です。点線は、このままのペース（1年あたり-2.5ポイント）が続いた場合の\
         見込みで、令和11年度に59.6%となり、最終目標値には届かない見込みです。"
    );
}

#[test]
fn describe_bosai_behind() {
    let text = describe_of(&bosai());
    assert_contains_all(
        &text,
        &["58地区", "59地区", "1地区増", "61地区", "68地区", "遅れ"],
    );
}

#[test]
fn describe_madoguchi_flat() {
    let text = describe_of(&madoguchi());
    assert_contains_all(&text, &["53.2%", "変化なし", "56.6%", "70.0%", "遅れ"]);
}

#[test]
fn describe_without_actual() {
    let ind = indicator(
        "研修参加者数",
        "人",
        Direction::Up,
        (2023, 1200.0),
        &[],
        &[(2029, 1500.0)],
        0,
    );
    let text = describe_of(&ind);
    assert_eq!(
        text,
        "研修参加者数は、初期値が令和5年度の1,200人で、実績はまだありません。\
         最終目標値は令和11年度の1,500人です。評価は「未測定」です。"
    );
}

#[test]
fn describe_without_actual_mentions_the_first_target() {
    let mut ind = jichikai();
    ind.actual.clear();
    let text = describe_of(&ind);
    assert_contains_all(
        &text,
        &["実績はまだありません", "令和7年度の目標値は72.7%", "未測定"],
    );
}

#[test]
fn describe_direction_down() {
    let ind = indicator(
        "1人1日当たりごみ排出量",
        "g",
        Direction::Down,
        (2020, 611.0),
        &[(2024, 593.0)],
        &[(2024, 600.0), (2027, 580.0)],
        0,
    );
    let text = describe_of(&ind);
    assert_eq!(
        text,
        "1人1日当たりごみ排出量（低いほど良い指標）は、初期値の令和2年度の611gから、\
         令和6年度の実績は593gでした（18g減）。最終目標値は令和9年度の580gです。\
         評価は「順調」です。点線は、このままのペース（1年あたり約-5g）が続いた場合の見込みで、\
         令和9年度に580gとなり、最終目標値には令和9年度に届く見込みです。"
    );
}

#[test]
fn title_spans_the_years() {
    assert_eq!(
        title(&jichikai()),
        "自治会加入割合の推移（令和5年度〜令和11年度）"
    );
}

#[test]
fn chart_is_accessible_markup() {
    let chart = chart_of(&jichikai());
    let svg = &chart.svg;
    assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
    assert_eq!(svg.matches("<svg").count(), 1);
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_contains_all(
        svg,
        &[
            "role=\"img\"",
            "aria-labelledby=\"somu-jichikai-chart-title\"",
            "<title id=\"somu-jichikai-chart-title\">自治会加入割合の折れ線グラフ</title>",
            "viewBox=\"0 0 640 340\"",
            "width=\"100%\"",
            "class=\"hyoka-chart\"",
        ],
    );
    // The short name is the first child; the description is the page's visible text, said
    // once, so the drawing does not carry it again.
    let after_root = &svg[svg.find('>').unwrap() + 1..];
    assert!(after_root.trim_start().starts_with("<title id="));
    assert!(
        !svg.contains("<desc"),
        "the description would be heard twice"
    );
    assert!(!svg.contains("自治会加入割合は、"));
    let root = &svg[..svg.find('>').unwrap()];
    assert!(
        !root.contains("height="),
        "fixed height left on the root: {root}"
    );
    assert_eq!(
        chart.title,
        active_title(&jichikai(), &evaluate(&jichikai(), None))
    );
    assert_eq!(chart.description, describe_of(&jichikai()));
}

#[test]
fn chart_escapes_names() {
    let mut ind = jichikai();
    ind.name = "<script>alert('x')</script>&\"".into();
    let chart = goal_chart(&ind, &evaluate(&ind, None), "a b<c>");
    assert!(!chart.svg.contains("<script>"));
    assert_contains_all(
        &chart.svg,
        &[
            "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;&amp;&quot;",
            "id=\"a-b-c--chart-title\"",
        ],
    );
    let numeric = goal_chart(&ind, &evaluate(&ind, None), "7");
    assert!(numeric.svg.contains("id=\"c-7-chart-title\""));
}

#[test]
fn chart_labels_every_year() {
    for ind in [jichikai(), bosai(), madoguchi()] {
        let svg = chart_of(&ind).svg;
        for year in 5..=11 {
            assert!(svg.contains(&format!(">R{year}</text>")), "R{year} missing");
        }
        assert!(!svg.contains(">R4<") && !svg.contains(">R12<"));
    }
}

#[test]
fn chart_draws_plan_dashed_and_distinct_markers() {
    let svg = chart_of(&jichikai()).svg;
    assert_eq!(
        svg.matches("stroke-dasharray").count(),
        2,
        "one dashed plan line and one dotted projection"
    );
    assert!(svg.contains(&format!(
        "fill=\"none\" stroke=\"{PLAN_COLOR}\" stroke-width=\"2\" stroke-dasharray=\"7 5\"/>"
    )));
    // このままのペース: dotted from the latest actual (R6) to R11, ending in a hollow circle.
    assert_contains_all(
        &svg,
        &[
            &format!(
                "<polyline points=\"164,125 581,281\" fill=\"none\" stroke=\"{ACTUAL_COLOR}\" \
                 stroke-width=\"2\" stroke-dasharray=\"2 4\"/>"
            ),
            &format!(
                "<circle cx=\"581\" cy=\"281\" r=\"4\" fill=\"#FFFFFF\" stroke=\"{ACTUAL_COLOR}\" \
                 stroke-width=\"2\"/>"
            ),
        ],
    );
    // Actual: filled circles; plan: hollow (white) squares; baseline: a hollow circle;
    // final: a diamond.
    assert_contains_all(
        &svg,
        &[
            &format!("<circle cx=\"164\" cy=\"125\" r=\"4\" fill=\"{ACTUAL_COLOR}\"/>"),
            &format!("width=\"8\" height=\"8\" fill=\"#FFFFFF\" stroke=\"{PLAN_COLOR}\"/>"),
            &format!("r=\"6\" fill=\"#FFFFFF\" stroke=\"{PLAN_COLOR}\" stroke-width=\"2\"/>"),
            &format!("<polygon points=\"581,81 589,89 581,97 573,89\" fill=\"{PLAN_COLOR}\"/>"),
        ],
    );
    // Value labels at the baseline, the latest actual and the final target.
    assert_contains_all(&svg, &[">74.6%<", ">72.1%<", ">75.0%<", "単位：%"]);
}

#[test]
fn chart_is_deterministic_and_small() {
    for ind in [jichikai(), bosai(), madoguchi()] {
        let a = chart_of(&ind);
        assert_eq!(a, chart_of(&ind));
        // plotters-svg wrote about 7 KB for these; the title and description are 0.6 KB.
        assert!(a.svg.len() < 4 * 1024, "{} bytes", a.svg.len());
        assert!(
            a.narrow_svg.len() < 4 * 1024,
            "{} bytes",
            a.narrow_svg.len()
        );
    }
}

#[test]
fn chart_has_every_element_of_the_picture_and_no_spelled_out_defaults() {
    let count = |svg: &str, tag: &str| svg.matches(&format!("<{tag} ")).count();
    for svg in [chart_of(&jichikai()).svg, chart_of(&jichikai()).narrow_svg] {
        // The ground, the break mark's gap, the one plan square.
        assert_eq!(count(&svg, "rect"), 3, "{svg}");
        // 初期値, the one actual and the projection's end (見込み).
        assert_eq!(count(&svg, "circle"), 3);
        assert_eq!(count(&svg, "polygon"), 1);
        // The plan line, the actual line and the projection.
        assert_eq!(count(&svg, "polyline"), 3);
        // The unit note, 4 value ticks, 7 years, 3 value labels.
        assert_eq!(count(&svg, "text"), 15);
        // 4 grid lines, 2 axes, 11 tick marks, the break mark's 2 strokes.
        assert_eq!(count(&svg, "path"), 19);
        for default in [
            "opacity=",
            "stroke=\"none\"",
            "stroke-width=\"1\"",
            "text-anchor=\"start\"",
            " x=\"0\"",
        ] {
            assert!(!svg.contains(default), "{default} in {svg}");
        }
        // The text size is said once, for all texts.
        assert_eq!(svg.matches("font-size=").count(), 1);
    }
    let counts = chart_of(&bosai()).svg;
    // No break mark on an axis from zero: the ground and the plan square only.
    assert_eq!(count(&counts, "rect"), 2);
    assert!(!counts.contains("stroke-width=\"2\"/>\n<path"));
}

#[test]
fn chart_survives_odd_series() {
    // No actual, flat values, zeros, negative values, an actual before the baseline.
    let cases = [
        indicator("a", "", Direction::Up, (2023, 0.0), &[], &[(2024, 0.0)], 0),
        indicator(
            "b",
            "件",
            Direction::Down,
            (2023, -5.0),
            &[(2021, 3.0)],
            &[(2030, -20.0)],
            0,
        ),
        indicator(
            "c",
            "%",
            Direction::Up,
            (2019, 50.0),
            &[(2019, 50.0)],
            &[(2020, 50.0)],
            1,
        ),
    ];
    for ind in cases {
        let chart = chart_of(&ind);
        assert!(
            chart.svg.starts_with("<svg") && chart.svg.contains("<polyline"),
            "{ind:?}"
        );
        let spark = sparkline(&ind, &evaluate(&ind, None));
        assert!(!spark.contains("NaN") && !chart.svg.contains("NaN"));
    }
}

#[test]
fn actuals_after_as_of_are_not_drawn() {
    let mut ind = jichikai();
    ind.actual.push(Point {
        year: fy(2025),
        value: 99.5,
    });
    let as_of = evaluate(&ind, Some(fy(2024)));
    let svg = goal_chart(&ind, &as_of, "x").svg;
    assert!(svg.contains(">72.1%<") && !svg.contains("99.5"));
    assert_eq!(
        svg,
        goal_chart(&jichikai(), &evaluate(&jichikai(), None), "x").svg
    );
    let none = evaluate(&ind, Some(fy(2023)));
    let spark = sparkline(&ind, &none);
    assert!(!spark.contains("<circle") && spark.matches("<polyline").count() == 1);
}

#[test]
fn sparkline_is_decorative_small_and_deterministic() {
    let ind = jichikai();
    let e = evaluate(&ind, None);
    let s = sparkline(&ind, &e);
    assert!(s.starts_with("<svg"));
    assert_contains_all(
        &s,
        &[
            "aria-hidden=\"true\"",
            "focusable=\"false\"",
            "stroke-dasharray",
            "<circle",
        ],
    );
    assert!(!s.contains("<text") && !s.contains("<title"));
    assert_eq!(s, sparkline(&ind, &e));
    assert!(s.len() < 1024, "{} bytes", s.len());
    let mut two = ind.clone();
    two.actual.push(Point {
        year: fy(2025),
        value: 73.0,
    });
    assert_eq!(
        sparkline(&two, &evaluate(&two, None))
            .matches("<polyline")
            .count(),
        2
    );
}

#[test]
fn seed_chart_snapshot() {
    insta::assert_snapshot!("jichikai_chart", chart_of(&jichikai()).svg);
}

#[test]
fn seed_sparkline_snapshot() {
    let ind = jichikai();
    insta::assert_snapshot!("jichikai_sparkline", sparkline(&ind, &evaluate(&ind, None)));
}

/// Writes the seed charts to the temp dir for a visual check:
/// `cargo test chart::tests::write_for_review -- --ignored`.
#[test]
#[ignore]
fn write_for_review() {
    let dir = std::env::temp_dir();
    for (name, ind) in [
        ("chart", jichikai()),
        ("chart-bosai", bosai()),
        ("chart-madoguchi", madoguchi()),
    ] {
        std::fs::write(dir.join(format!("{name}.svg")), chart_of(&ind).svg).unwrap();
    }
    let odd = indicator(
        "b",
        "件",
        Direction::Down,
        (2023, -5.0),
        &[(2021, 3.0), (2022, 1.0)],
        &[(2030, -20.0)],
        0,
    );
    std::fs::write(dir.join("chart-odd.svg"), chart_of(&odd).svg).unwrap();
    let ind = jichikai();
    std::fs::write(
        dir.join("sparkline.svg"),
        sparkline(&ind, &evaluate(&ind, None)),
    )
    .unwrap();
}

#[test]
fn active_titles_state_the_main_message() {
    let headline_of = |ind: &Indicator| headline(ind, &evaluate(ind, None));
    assert_eq!(headline_of(&jichikai()), "自治会加入割合は初期値より悪化");
    assert_eq!(
        headline_of(&bosai()),
        "自主防災組織の設置行政区数は改善したが、計画に届かず"
    );
    assert!(headline_of(&madoguchi()).ends_with("は初期値から変わらず、計画に届かず"));
}

#[test]
fn the_narrow_drawing_has_its_own_ids_and_larger_text() {
    let chart = chart_of(&jichikai());
    assert_contains_all(
        &chart.narrow_svg,
        &[
            "viewBox=\"0 0 320 260\"",
            "<title id=\"somu-jichikai-chart-narrow-title\">",
            "aria-labelledby=\"somu-jichikai-chart-narrow-title\"",
        ],
    );
    let font_size = |svg: &str| -> f64 {
        let at = svg.find("font-size=\"").expect("a text") + "font-size=\"".len();
        svg[at..].split('"').next().unwrap().parse().unwrap()
    };
    // Shown 288 px wide on a 320 px phone: 12 px text or more.
    assert!(font_size(&chart.narrow_svg) * 288.0 / 320.0 >= 12.5);
    // Shown at most 640 px wide (40rem): near the 16 px body text.
    assert!(font_size(&chart.svg) >= 15.0);
}

#[test]
fn counts_start_at_zero_and_a_rate_axis_that_does_not_is_marked() {
    let counts = chart_of(&bosai()).svg;
    assert!(counts.contains(">0</text>"), "a count's axis starts at 0");
    assert!(!counts.contains("縦軸は途中から"));
    let rate = chart_of(&jichikai()).svg;
    assert!(!rate.contains(">0</text>"));
    assert!(rate.contains("単位：%（縦軸は途中から）"));
}

fn milestone(actual: &[(u16, f64)]) -> Indicator {
    Indicator {
        details: crate::model::Details {
            steps: Some(
                ["未着手", "検討中", "策定", "運用"]
                    .map(String::from)
                    .to_vec(),
            ),
            ..Default::default()
        },
        ..indicator(
            "地区防災計画の策定",
            "",
            Direction::Up,
            (2023, 0.0),
            actual,
            &[(2025, 2.0), (2026, 3.0)],
            0,
        )
    }
}

#[test]
fn a_milestone_gets_a_step_chart_named_and_described_by_step() {
    let ind = milestone(&[(2024, 1.0)]);
    let e = evaluate(&ind, None);
    let chart = goal_chart(&ind, &e, "kiki-bosai-2");
    for svg in [&chart.svg, &chart.narrow_svg] {
        assert!(svg.contains("hyoka-step-chart"), "{svg}");
        assert!(svg.contains("role=\"img\""));
        assert_eq!(svg.matches("<title").count(), 1);
        for step in ["未着手", "検討中", "策定", "運用"] {
            assert!(svg.contains(step), "{step} labelled");
        }
        // Not a line chart through category names: no polyline at all.
        assert!(!svg.contains("<polyline"));
    }
    assert!(
        chart
            .svg
            .contains("aria-labelledby=\"kiki-bosai-2-chart-title\"")
    );
    assert!(chart.narrow_svg.contains("kiki-bosai-2-chart-narrow-title"));
    // The staircase: horizontal, then vertical, from the baseline to the actual.
    assert!(chart.svg.contains(" H") && chart.svg.contains(" V"));
    assert_eq!(
        chart.description,
        "地区防災計画の策定は段階で進み具合を示す指標です（未着手→検討中→策定→運用）。初期値は令和5年度の「未着手」（4段階の1段階目）、令和6年度の実績は「検討中」（4段階の2段階目）です。目標は令和8年度に「運用」（4段階の4段階目）です。評価は「順調」です。"
    );
    assert!(
        chart
            .title
            .starts_with("地区防災計画の策定は計画どおり以上に進行")
    );
    assert_eq!(goal_chart(&ind, &e, "kiki-bosai-2"), chart, "deterministic");
}

#[test]
fn an_excluded_indicator_says_so_in_its_chart_words() {
    let mut ind = jichikai();
    ind.details.exclude = Some("比較できないため".into());
    let e = evaluate(&ind, None);
    assert!(describe_of(&ind).ends_with("評価は「対象外」です。"));
    assert!(
        goal_chart(&ind, &e, "x")
            .title
            .starts_with("自治会加入割合は評価の対象外")
    );
}

#[test]
fn a_note_is_told_beside_its_value_in_the_description() {
    let mut ind = jichikai();
    ind.details.notes.push(crate::model::Note {
        kind: crate::model::SeriesKind::Actual,
        year: fy(2024),
        text: "見込".into(),
    });
    assert!(
        describe_of(&ind).contains("令和6年度の実績は72.1%（見込）でした"),
        "{}",
        describe_of(&ind)
    );
}

/// Fifteen years (平成22年度〜令和6年度) do not fit side by side on a phone: every second or
/// third year keeps its label, every year keeps its tick.
#[test]
fn year_labels_are_thinned_when_they_would_touch() {
    let ind = indicator(
        "避難訓練の参加者数",
        "人",
        Direction::Up,
        (2010, 100.0),
        &[(2015, 120.0), (2024, 150.0)],
        &[(2024, 160.0)],
        0,
    );
    let chart = chart_of(&ind);
    let year_labels = |svg: &str| {
        [
            "H22", "H23", "H24", "H25", "H26", "H27", "H28", "H29", "H30", "R1", "R2", "R3", "R4",
            "R5", "R6",
        ]
        .iter()
        .filter(|y| svg.contains(&format!(">{y}</text>")))
        .count()
    };
    assert_eq!(
        year_labels(&chart.svg),
        15,
        "the wide drawing has room for every year"
    );
    let narrow = year_labels(&chart.narrow_svg);
    assert!(
        (4..15).contains(&narrow),
        "{narrow} year labels on the phone drawing"
    );
    assert!(
        chart.narrow_svg.contains(">H22</text>"),
        "the first year keeps its label"
    );
    assert_eq!(
        chart.narrow_svg.matches("V227\"/>").count(),
        15,
        "a tick for every year"
    );
}

#[test]
fn the_projection_is_dotted_and_drawn_only_when_there_is_a_pace_to_project() {
    let dotted = "stroke-dasharray=\"2 4\"";
    // 58 → 59地区: 1地区 a year leads to 64地区 in R11, below the target; the value axis
    // still spans every target.
    let chart = chart_of(&bosai());
    assert_eq!(chart.svg.matches(dotted).count(), 1);
    assert_eq!(chart.narrow_svg.matches(dotted).count(), 1);
    assert!(
        chart.description.ends_with(
            "点線は、このままのペース（1年あたり+1地区）が続いた場合の見込みで、\
             令和11年度に64地区となり、最終目標値には令和15年度に届く見込みです。"
        ),
        "{}",
        chart.description
    );
    // No actual yet, or the latest actual in the final target year: nothing to project.
    let mut none = bosai();
    none.actual.clear();
    let mut last = bosai();
    last.actual.push(Point {
        year: FiscalYear::new(2029).unwrap(),
        value: 66.0,
    });
    for ind in [none, last] {
        let chart = chart_of(&ind);
        assert!(!chart.svg.contains(dotted), "{:?}", ind.actual);
        assert!(!chart.description.contains("点線"));
    }
}
