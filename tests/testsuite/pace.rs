//! 前年度比 and このままのペース (contract §9): the `pace` fixture — a goal with one `%`
//! indicator (70.0 in 令和2年度 → 71.2 → 72.4 in 令和6年度, 75.0 in 令和11年度) and a goal
//! with four (§8.1: a `down` count reaching early, a milestone, an excluded one and one
//! without an actual) — built by the real binary; assertions on the goal pages' words, the
//! chart's projection (legend, description, data table) and the open data.

use serde_json::Value;

use crate::harness::SiteTest;

fn built() -> SiteTest {
    let site = SiteTest::fixture("pace");
    let run = site.build();
    assert_eq!(run.code, 0, "{run:?}");
    site
}

/// The text of the first element starting with `open` up to the next `close`.
fn between<'a>(page: &'a str, open: &str, close: &str) -> &'a str {
    let start = page
        .find(open)
        .unwrap_or_else(|| panic!("{open} not in page"));
    let rest = &page[start..];
    &rest[..rest.find(close).expect("closed") + close.len()]
}

#[test]
fn the_goal_page_says_the_pace_in_words_with_the_arithmetic() {
    let site = built();
    let page = site.read("public/hoken/kenshin/index.html");
    let section = between(&page, "<section class=\"pace\"", "</section>");
    for words in [
        "<h2 id=\"pace-heading\">前年度比とこのままのペース</h2>",
        "<dt>前年度比</dt><dd>+1.2ポイント（令和5年度 71.2% → 令和6年度 72.4%）</dd>",
        "1年あたり +0.6ポイント＝（72.4 − 70.0）÷ 4年（令和2年度の初期値から令和6年度の実績までの平均）",
        "このままのペースでは令和11年度に75.4%（最終目標値 75.0%）。72.4 + 0.6 × 5年 ＝ 75.4",
        "このままのペースでは、最終目標値 75.0% に令和11年度に届く見込みです（最終目標年度どおり）。",
    ] {
        assert!(section.contains(words), "{words} not in {section}");
    }
    // Plain Japanese: no formula letters (r, a, b, y0 …) in what residents read.
    let text: String = section
        .split('<')
        .filter_map(|t| t.split_once('>').map(|(_, text)| text))
        .collect();
    assert!(!text.chars().any(|c| c.is_ascii_alphabetic()), "{text}");
}

#[test]
fn the_chart_marks_the_projection_in_its_legend_description_and_table() {
    let site = built();
    let page = site.read("public/hoken/kenshin/index.html");
    let legend = between(&page, "<div class=\"chart-legend\"", "</div>");
    assert!(
        legend.contains(
            "<span class=\"legend-key legend-projection\" aria-hidden=\"true\"></span>\
             このままのペース（見込み・点線・白抜きの○）"
        ),
        "{legend}"
    );
    // Dotted, in both drawings (wide and narrow).
    assert_eq!(page.matches("stroke-dasharray=\"2 4\"").count(), 2);
    let description = between(&page, "<p class=\"chart-description\">", "</p>");
    assert!(
        description.contains(
            "点線は、このままのペース（1年あたり+0.6ポイント）が続いた場合の見込みで、\
             令和11年度に75.4%となり、最終目標値には令和11年度に届く見込みです。"
        ),
        "{description}"
    );
    let table = between(&page, "<details class=\"chart-data\"", "</details>");
    assert!(table.contains("<th scope=\"col\" class=\"num\">このままのペース（見込み）</th>"));
    // The projection from 令和7年度 on, 見込み in its own column (not 実績): 72.4 + 0.6 × 2.
    for row in [
        "令和6年度（2024年度）</th><td class=\"num\" data-label=\"実績\">72.4%</td>",
        "令和8年度（2026年度）</th><td class=\"num\" data-label=\"実績\">—</td>",
    ] {
        assert!(table.contains(row), "{row} not in {table}");
    }
    let r8 = between(table, "令和8年度（2026年度）", "</tr>");
    assert!(
        r8.ends_with("<td class=\"num\" data-label=\"ペースの見込み\">73.6%</td></tr>"),
        "{r8}"
    );
    let r11 = between(table, "令和11年度（2029年度）", "</tr>");
    assert!(
        r11.ends_with("<td class=\"num\" data-label=\"ペースの見込み\">75.4%</td></tr>"),
        "{r11}"
    );
    // On a phone the table is one box per year, each value led by its column's name.
    assert!(table.contains("<table class=\"stack-table\">"), "{table}");
    let r6 = between(table, "令和6年度（2024年度）", "</tr>");
    assert!(
        r6.ends_with("<td class=\"num\" data-label=\"ペースの見込み\">—</td></tr>"),
        "{r6}"
    );
}

#[test]
fn a_goal_with_several_indicators_gets_it_per_indicator_where_defined() {
    let site = built();
    let page = site.read("public/hoken/anzen/index.html");
    // Only 交通事故件数 (P-1): not the milestone, the excluded one or the one without actual.
    assert_eq!(page.matches("<div class=\"pace\">").count(), 1);
    let p1 = between(
        &page,
        "<section class=\"indicator-section\" id=\"P-1\"",
        "</section>",
    );
    for words in [
        "<h3 id=\"P-1-pace-heading\">前年度比とこのままのペース</h3>",
        "<dt>前年度比</dt><dd>-10件（初期値 令和4年度 120件 → 令和6年度 110件）</dd>",
        "1年あたり -5件＝（110 − 120）÷ 2年",
        "このままのペースでは令和12年度に80件（最終目標値 90件）。110 − 5 × 6年 ＝ 80",
        "このままのペースでは、最終目標値 90件 に令和10年度に届く見込みです（最終目標年度の令和12年度より2年早く）。",
        "このままのペース（見込み・点線・白抜きの○）",
        "このままのペース（見込み）</th>",
    ] {
        assert!(p1.contains(words), "{words} not in P-1");
    }
    for code in ["P-2", "P-3", "P-4"] {
        let section = between(
            &page,
            &format!("<section class=\"indicator-section\" id=\"{code}\""),
            "</section>",
        );
        assert!(!section.contains("このままのペース"), "{code}");
        assert!(!section.contains("stroke-dasharray=\"2 4\""), "{code}");
    }
}

#[test]
fn indicators_json_and_data_json_carry_the_pace() {
    let site = built();
    let data = site.json("public/data/indicators.json");
    let records = data.as_array().expect("array");
    let by_code = |slug: &str, code: &str| {
        records
            .iter()
            .find(|r| r["slug"] == slug && r["indicator_code"] == code)
            .unwrap_or_else(|| panic!("{slug} {code}"))
    };
    let kenshin = by_code("kenshin", "1");
    assert_eq!(
        kenshin["previous"],
        serde_json::json!({"fiscal_year": 2023, "label": "令和5年度", "value": 71.2, "step": null, "note": null})
    );
    assert_eq!(kenshin["change_from_previous"], 1.2);
    assert_eq!(kenshin["pace_per_year"], 0.6);
    assert_eq!(kenshin["projected_final"], 75.4);
    assert_eq!(
        kenshin["projected_reach_year"],
        serde_json::json!({"fiscal_year": 2029, "label": "令和11年度"})
    );
    let p1 = by_code("anzen", "P-1");
    assert_eq!(p1["previous"]["label"], "令和4年度");
    assert_eq!(p1["change_from_previous"], -10.0);
    assert_eq!(p1["pace_per_year"], -5.0);
    assert_eq!(p1["projected_final"], 80.0);
    assert_eq!(p1["projected_reach_year"]["fiscal_year"], 2028);
    for code in ["P-2", "P-3", "P-4"] {
        let r = by_code("anzen", code);
        for key in [
            "previous",
            "change_from_previous",
            "pace_per_year",
            "projected_final",
            "projected_reach_year",
        ] {
            assert_eq!(r[key], Value::Null, "{code} {key}");
        }
    }
    let goal = site.json("public/hoken/anzen/data.json");
    let pace = goal["pace"].as_array().expect("pace list");
    let codes: Vec<&str> = pace
        .iter()
        .map(|p| p["indicator_code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["P-1", "P-2", "P-3", "P-4"]);
    assert_eq!(pace[0]["pace_per_year"], -5.0);
    assert_eq!(pace[1]["pace_per_year"], Value::Null);
}

#[test]
fn indicators_csv_has_the_pace_columns_with_both_year_forms() {
    let site = built();
    let text = site.read("public/data/indicators.csv");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let col = |name: &str| {
        rows[0]
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} not in {:?}", rows[0]))
    };
    let row = |slug: &str, name: &str| {
        rows.iter()
            .find(|r| r[col("目標スラッグ")] == slug && r[col("指標")] == name)
            .unwrap_or_else(|| panic!("{slug} {name}"))
    };
    let cells = |r: &Vec<String>| -> Vec<String> {
        [
            "比較年度(西暦)",
            "比較年度(和暦)",
            "比較年度の値",
            "前年度比",
            "1年あたりの変化",
            "最終目標年度の見込み",
            "最終目標値に届く見込みの年度(西暦)",
            "最終目標値に届く見込みの年度(和暦)",
        ]
        .iter()
        .map(|name| r[col(name)].clone())
        .collect()
    };
    assert_eq!(
        cells(row("kenshin", "特定健診受診率")),
        [
            "2023",
            "令和5年度",
            "71.2",
            "1.2",
            "0.6",
            "75.4",
            "2029",
            "令和11年度"
        ]
    );
    assert_eq!(
        cells(row("anzen", "交通事故件数")),
        [
            "2022",
            "令和4年度",
            "120",
            "-10",
            "-5",
            "80",
            "2028",
            "令和10年度"
        ]
    );
    assert!(
        cells(row("anzen", "健康づくり計画の策定"))
            .iter()
            .all(String::is_empty)
    );
    // Every new column is explained on /data/.
    let data = site.read("public/data/index.html");
    for name in [
        "比較年度(西暦)",
        "1年あたりの変化",
        "最終目標値に届く見込みの年度(和暦)",
        "pace_per_year",
        "projected_reach_year",
    ] {
        assert!(data.contains(name), "{name} not on /data/");
    }
}
