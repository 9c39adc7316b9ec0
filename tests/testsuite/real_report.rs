//! Real reports (content-format §8.1, §8.5): the `real-report` fixture — goals with several
//! indicators, milestones, exclusions, notes, years not measured, codes, definitions,
//! sources and 平成32年度-style years — built by the real binary; assertions on the open
//! data and the goal pages.

use crate::harness::SiteTest;

fn built() -> SiteTest {
    let site = SiteTest::fixture("real-report");
    let run = site.build();
    assert_eq!(run.code, 0, "{run:?}");
    site
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.expect("CSV row").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn indicators_json_has_one_record_per_indicator() {
    let site = built();
    let data = site.json("public/data/indicators.json");
    let records = data.as_array().expect("array");
    // bosai 3 + hinanjo 1 + kyakusu 2 + gyomu-kaikaku 3.
    assert_eq!(records.len(), 9);
    let codes: Vec<&str> = records
        .iter()
        .map(|r| r["indicator_code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "4-1-1", "4-1-2", "4-1-3", "1", "KPI-2-1", "KPI-2-2", "1", "2", "3"
        ]
    );
    // The goal's fields repeated on each of its indicators.
    for r in &records[..3] {
        assert_eq!(r["title"], "地域の防災力の向上");
        assert_eq!(r["department"], "危機管理課");
        assert_eq!(
            r["basis"],
            "さくら町第五次総合計画 基本目標4「安全・安心なまちづくり」"
        );
        assert_eq!(r["url"], "https://example.jp/sakura/kiki/bosai/");
    }
    let rate = &records[0];
    assert_eq!(
        rate["indicator_url"],
        "https://example.jp/sakura/kiki/bosai/#4-1-1"
    );
    assert_eq!(
        rate["definition"],
        "自主防災組織に加入している世帯数÷全世帯数×100"
    );
    assert_eq!(rate["source"], "危機管理課調べ（各年度4月1日現在）");
    // 平成32年度 is 令和2年度 (2020).
    assert_eq!(rate["final_target"]["fiscal_year"], 2020);
    assert_eq!(rate["final_target"]["label"], "令和2年度");
    // Notes and a year not measured.
    let actual = rate["actual"].as_array().unwrap();
    assert_eq!(actual[1]["note"], "見込");
    assert_eq!(actual[1]["value"], 69.5);
    assert_eq!(actual[2]["label"], "平成26年度");
    assert!(actual[2]["value"].is_null());
    assert_eq!(rate["latest"]["note"], "速報");
    assert_eq!(rate["status"], "behind");
    // The milestone: values are step positions, with their names.
    let plan = &records[1];
    assert_eq!(plan["indicator_kind"], "milestone");
    assert_eq!(
        plan["steps"],
        serde_json::json!(["未着手", "検討中", "策定", "運用"])
    );
    assert_eq!(plan["latest"]["value"], 1.0);
    assert_eq!(plan["latest"]["step"], "検討中");
    assert_eq!(plan["status"], "on_track");
    // Excluded: its own status, no rates, the reason.
    let drill = &records[2];
    assert_eq!(drill["status"], "excluded");
    assert_eq!(drill["status_label"], "対象外");
    assert!(drill["progress_pct"].is_null() && drill["achievement_pct"].is_null());
    assert_eq!(
        drill["exclude_reason"],
        "感染症の拡大で訓練を縮小したため、例年と比べられない"
    );
    // A single-indicator goal in the same site: code "1", the page itself.
    assert_eq!(records[3]["slug"], "hinanjo");
    assert_eq!(
        records[3]["indicator_url"],
        "https://example.jp/sakura/kiki/hinanjo/"
    );
    // 平成30年 (a calendar year) is read as 平成30年度.
    assert_eq!(records[5]["baseline"]["fiscal_year"], 2018);
    // A milestone at 設計 against a plan of 試行: 遅れ.
    assert_eq!(records[8]["status"], "behind");
}

#[test]
fn indicators_csv_says_the_same_as_the_json() {
    let site = built();
    let rows = csv_rows(&site.read("public/data/indicators.csv"));
    let json = site.json("public/data/indicators.json");
    let records = json.as_array().unwrap();
    assert_eq!(rows.len(), records.len() + 1);
    let header = &rows[0];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    for (row, record) in rows[1..].iter().zip(records) {
        assert_eq!(
            row[col("指標コード")],
            record["indicator_code"].as_str().unwrap()
        );
        assert_eq!(row[col("指標")], record["indicator"].as_str().unwrap());
        assert_eq!(row[col("評価コード")], record["status"].as_str().unwrap());
        assert_eq!(
            row[col("指標URL")],
            record["indicator_url"].as_str().unwrap()
        );
        assert_eq!(row[col("URL")], record["url"].as_str().unwrap());
        let note = record["latest"]["note"].as_str().unwrap_or("");
        assert_eq!(row[col("最新実績の注記")], note);
        let reason = record["exclude_reason"].as_str().unwrap_or("");
        assert_eq!(row[col("対象外の理由")], reason);
    }
    assert_eq!(rows[2][col("段階")], "未着手→検討中→策定→運用");
    assert_eq!(rows[2][col("最新実績の段階")], "検討中");
    assert_eq!(rows[3][col("進捗率")], "");
    // The open data page explains every column of the CSV, in Japanese.
    let page = site.read("public/data/index.html");
    for name in [
        "指標コード",
        "指標の種類",
        "段階",
        "注記",
        "指標の定義",
        "出典",
        "対象外の理由",
        "指標URL",
    ] {
        assert!(page.contains(name), "{name} not explained");
    }
    assert!(page.contains("1指標1行"));
}

#[test]
fn a_goal_data_file_holds_all_its_indicators() {
    let site = built();
    let rows = csv_rows(&site.read("public/kiki/bosai/data.csv"));
    let header = &rows[0];
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let codes: std::collections::BTreeSet<&str> = rows[1..]
        .iter()
        .map(|r| r[at("指標コード")].as_str())
        .collect();
    assert_eq!(
        codes.into_iter().collect::<Vec<_>>(),
        ["4-1-1", "4-1-2", "4-1-3"]
    );
    let noted = rows
        .iter()
        .find(|r| r[at("注記")] == "見込")
        .expect("a noted row");
    assert_eq!(noted[at("値")], "69.5");
    let unmeasured = rows
        .iter()
        .find(|r| r[at("年度(和暦)")] == "平成26年度")
        .expect("the year not measured");
    assert_eq!(unmeasured[at("値")], "");
    let json = site.json("public/kiki/bosai/data.json");
    let series = json["series"].as_array().unwrap();
    assert_eq!(
        series.len(),
        rows.len() - 1,
        "JSON and CSV hold the same rows"
    );
    assert!(
        series
            .iter()
            .any(|r| r["indicator_code"] == "4-1-2" && r["step"] == "運用")
    );
}

#[test]
fn the_goal_page_shows_every_indicator_with_its_chart_table_and_description() {
    let site = built();
    let page = site.read("public/kiki/bosai/index.html");
    for code in ["4-1-1", "4-1-2", "4-1-3"] {
        assert!(page.contains(&format!("id=\"{code}\"")), "anchor #{code}");
    }
    assert_eq!(
        page.matches("role=\"img\"").count(),
        6,
        "three charts (two line charts and a step chart), each drawn wide and narrow"
    );
    // A note beside its value, a year not measured, definitions and sources.
    assert!(page.contains("82.4%（速報）"));
    assert!(page.contains("69.5%（見込）"));
    assert!(page.contains("－（未測定）"));
    assert!(page.contains("自主防災組織に加入している世帯数÷全世帯数×100"));
    assert!(page.contains("危機管理課調べ（各年度4月1日現在）"));
    // 平成32年度 shown as 令和2年度 with 西暦.
    assert!(page.contains("令和2年度（2020年度）"));
    // The milestone: a step table and a step chart, by step name.
    assert!(page.contains("段階と年度：地区防災計画の策定"));
    assert!(page.contains("2. 検討中（現在）"));
    assert!(page.contains("hyoka-step-chart"));
    // The excluded indicator: its status in words and shape, and the reason.
    assert!(page.contains("<span class=\"status-symbol\" aria-hidden=\"true\">／</span>対象外"));
    assert!(page.contains("理由：感染症の拡大で訓練を縮小したため、例年と比べられない"));
}

#[test]
fn dashboard_and_department_pages_count_indicators() {
    let site = built();
    let home = site.read("public/index.html");
    assert!(
        home.contains("全4目標の9指標のうち、<strong>3指標</strong>"),
        "{home}"
    );
    assert!(home.contains("id=\"status-excluded\""));
    // Each indicator of a goal card has its own status.
    assert!(home.contains("href=\"./kiki/bosai/#4-1-2\""));
    let dept = site.read("public/kiki/index.html");
    assert!(dept.contains("2目標の4指標を、指標ごとに評価しています"));
    let evaluation = site.read("public/about/evaluation/index.html");
    assert!(evaluation.contains("段階の順番"));
    assert!(evaluation.contains("評価区分「対象外」"));
}

#[test]
fn check_warns_about_heisei_and_calendar_years() {
    let site = SiteTest::fixture("real-report");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("content/kiki/bosai.md:18:7: 警告: 「平成32年度」を令和2年度（2020年度）として読みました"), "{}", run.stderr);
    assert!(run.stderr.contains("「令和2年度」と書いてください"));
    assert!(run.stderr.contains("「平成30年」は暦年"));
}

#[test]
fn a_site_overriding_the_goal_template_of_one_indicator_still_builds() {
    // A goal.html written before §8.1, using only the single-indicator keys.
    let site = SiteTest::fixture("real-report").file(
        "templates/goal.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ goal.title }}</h1><p class=\"old\">{{ goal.indicator.name }}: {{ goal.latest.value_text }} / {{ goal.final_target.value_text }} {{ goal.status.label }}</p>{% include \"indicator_table.html\" %}{% include \"chart.html\" %}{% endblock content %}",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{run:?}");
    let page = site.read("public/kiki/bosai/index.html");
    assert!(
        page.contains("<p class=\"old\">自主防災組織率: 82.4%（速報） / 93.0% 遅れ</p>"),
        "{page}"
    );
}

#[test]
fn multi_indicator_goal_page_snapshot() {
    let site = built();
    insta::assert_snapshot!(
        "real_report_goal_page",
        crate::harness::unhash_assets(&site.read("public/kikaku/gyomu-kaikaku/index.html"))
    );
}
