//! Tests of the open data files on the three seed goals of 総務課, plus edge cases
//! (no actual, formula injection, commas and quotes, sitemap escaping).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::config::Config;
use crate::model::{Department, Direction, FiscalYear, Goal, Indicator, Point, Site, evaluate};

use super::*;
use super::{plain_number, plain_percent};

const CONFIG: &str = "title = \"毛呂山町 行政評価\"\nbase_url = \"https://example.jp/hyoka\"\nmunicipality = \"毛呂山町\"\nmunicipality_code = \"113263\"\n";

fn fy(y: u16) -> FiscalYear {
    FiscalYear::new(y).unwrap()
}

fn point(&(y, v): &(u16, f64)) -> Point {
    Point {
        year: fy(y),
        value: v,
    }
}

struct Spec<'a> {
    slug: &'a str,
    title: &'a str,
    name: &'a str,
    unit: &'a str,
    decimals: u8,
    baseline: (u16, f64),
    actual: &'a [(u16, f64)],
    targets: &'a [(u16, f64)],
}

fn goal(spec: &Spec<'_>, as_of: Option<FiscalYear>) -> Goal {
    let indicator = Indicator {
        name: spec.name.into(),
        unit: spec.unit.into(),
        direction: Direction::Up,
        baseline: point(&spec.baseline),
        actual: spec.actual.iter().map(point).collect(),
        targets: spec.targets.iter().map(point).collect(),
        decimals: spec.decimals,
        details: Default::default(),
    };
    let evaluation = evaluate(&indicator, as_of);
    Goal {
        slug: spec.slug.into(),
        department_slug: "somu".into(),
        title: spec.title.into(),
        indicators: vec![indicator],
        basis: Some("第五次総合振興計画".into()),
        summary: None,
        weight: 0,
        draft: false,
        body: String::new(),
        body_on_disk: None,
        source: PathBuf::from(format!("content/somu/{}.md", spec.slug)),
        evaluations: vec![evaluation],
        facts: Default::default(),
    }
}

const SEED: [Spec<'static>; 3] = [
    Spec {
        slug: "jichikai",
        title: "地域コミュニティの活性化",
        name: "自治会加入割合",
        unit: "%",
        decimals: 1,
        baseline: (2023, 74.6),
        actual: &[(2024, 72.1)],
        targets: &[(2025, 72.7), (2029, 75.0)],
    },
    Spec {
        slug: "jishu-bosai",
        title: "地域防災力の向上",
        name: "自主防災組織の設置行政区数",
        unit: "地区",
        decimals: 0,
        baseline: (2023, 58.0),
        actual: &[(2024, 59.0)],
        targets: &[(2025, 61.0), (2029, 68.0)],
    },
    Spec {
        slug: "madoguchi",
        title: "窓口サービスの向上",
        name: "町役場の窓口（行政）サービスに対する満足度",
        unit: "%",
        decimals: 1,
        baseline: (2023, 53.2),
        actual: &[(2024, 53.2)],
        targets: &[(2025, 56.6), (2029, 70.0)],
    },
];

fn site_with(specs: &[Spec<'_>]) -> Site {
    let config = Config::parse(CONFIG, Path::new("config.toml")).unwrap();
    let as_of = Some(fy(2024));
    let dept = Department {
        slug: "somu".into(),
        title: "総務課".into(),
        duties: vec!["自治会".into()],
        served: None,
        weight: 0,
        body: String::new(),
        source: PathBuf::from("content/somu/_index.md"),
        contact: None,
        goals: specs.iter().map(|s| goal(s, as_of)).collect(),
    };
    Site {
        config,
        home_title: "毛呂山町 行政評価".into(),
        home_body: String::new(),
        departments: vec![dept],
        as_of,
        indicator_details: false,
        history: Default::default(),
        editions: Default::default(),
    }
}

fn seed_site() -> Site {
    site_with(&SEED)
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

fn csv_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(BOM_BYTES).expect("BOM");
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

const BOM_BYTES: &[u8] = b"\xEF\xBB\xBF";

#[test]
fn indicators_json_evaluates_the_seed() {
    let site = seed_site();
    let bytes = indicators_json(&site);
    assert!(bytes.ends_with(b"]\n"));
    assert!(
        text(&bytes).contains("\n  {\n    \"municipality\""),
        "2-space indentation"
    );
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 3);
    let statuses: Vec<&str> = arr.iter().map(|g| g["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["worse", "behind", "behind"]);
    let labels: Vec<&str> = arr
        .iter()
        .map(|g| g["status_label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["悪化", "遅れ", "遅れ"]);
    let progress: Vec<f64> = arr
        .iter()
        .map(|g| g["progress_pct"].as_f64().unwrap())
        .collect();
    assert_eq!(progress, [-625.0, 10.0, 0.0]);
    let j = &arr[0];
    assert_eq!(j["department"], "総務課");
    assert_eq!(j["department_slug"], "somu");
    assert_eq!(j["slug"], "jichikai");
    assert_eq!(j["indicator"], "自治会加入割合");
    assert_eq!(j["unit"], "%");
    assert_eq!(j["direction"], "up");
    assert_eq!(j["baseline"]["fiscal_year"], 2023);
    assert_eq!(j["baseline"]["label"], "令和5年度");
    assert_eq!(j["baseline"]["value"], 74.6);
    assert_eq!(j["latest"]["label"], "令和6年度");
    assert_eq!(j["final_target"]["fiscal_year"], 2029);
    assert_eq!(j["final_target"]["value"], 75.0);
    assert_eq!(j["targets"].as_array().unwrap().len(), 2);
    assert_eq!(j["actual"][0]["value"], 72.1);
    assert_eq!(j["plan_value_at_latest"], 73.65);
    // 72.1 / 73.65 × 100 = 97.89545… → 97.8955
    assert_eq!(j["achievement_pct"], 97.8955);
    assert_eq!(j["url"], "https://example.jp/hyoka/somu/jichikai/");
    assert_eq!(
        j["data_csv"],
        "https://example.jp/hyoka/somu/jichikai/data.csv"
    );
    assert_eq!(
        j["data_json"],
        "https://example.jp/hyoka/somu/jichikai/data.json"
    );
    assert_eq!(j["municipality"], "毛呂山町");
    assert_eq!(j["municipality_code"], "113263");
    assert_eq!(j["as_of"]["fiscal_year"], 2024);
    assert_eq!(j["as_of"]["label"], "令和6年度");
    assert_eq!(j["summary"], Value::Null);
    // Deterministic.
    assert_eq!(indicators_json(&site), bytes);
}

#[test]
fn undefined_values_are_null() {
    let spec = Spec {
        actual: &[],
        slug: "mi",
        ..SEED[0]
    };
    let mut site = site_with(&[spec]);
    site.config.municipality_code = None;
    site.as_of = None;
    let v: Value = serde_json::from_slice(&indicators_json(&site)).unwrap();
    let g = &v[0];
    assert_eq!(g["status"], "no_data");
    assert_eq!(g["status_label"], "未測定");
    for key in [
        "latest",
        "plan_value_at_latest",
        "progress_pct",
        "achievement_pct",
        "as_of",
        "municipality_code",
        "previous",
        "change_from_previous",
        "pace_per_year",
        "projected_final",
        "projected_reach_year",
    ] {
        assert_eq!(g[key], Value::Null, "{key}");
    }
    assert_eq!(g["actual"], Value::Array(vec![]));
    let csv = csv_records(&indicators_csv(&site));
    let row = &csv[1];
    // No municipality_code: no 団体コード column, the row starts with 団体名.
    assert_eq!(row[0], "毛呂山町");
    assert_eq!(csv[0][0], "団体名");
    assert_eq!(
        &row[12..20],
        ["", "", "", "2029", "令和11年度", "75.0", "", ""]
    );
    // No 前年度比 or このままのペース without an actual.
    assert_eq!(&row[20..28], ["", "", "", "", "", "", "", ""]);
    assert_eq!(&row[28..30], ["未測定", "no_data"]);
}

#[test]
fn goal_csv_is_excel_ready() {
    let site = seed_site();
    let dept = &site.departments[0];
    let bytes = goal_csv(&site, dept, &dept.goals[0]);
    assert!(bytes.starts_with(BOM_BYTES));
    let body = text(&bytes[3..]);
    assert!(body.ends_with("\r\n"));
    assert_eq!(
        body.matches("\r\n").count(),
        body.matches('\n').count(),
        "CRLF only"
    );
    assert_eq!(
        body.lines().next().unwrap(),
        "団体コード,団体名,課,目標,指標,年度(西暦),年度(和暦),区分,値,単位"
    );
    let rows = csv_records(&bytes);
    let kinds: Vec<(&str, &str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[5].as_str(), r[7].as_str(), r[8].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("2023", "初期値", "74.6"),
            ("2024", "実績", "72.1"),
            ("2025", "目標値", "72.7"),
            ("2029", "最終目標値", "75.0"),
        ]
    );
    assert_eq!(
        rows[1][..5],
        [
            "113263",
            "毛呂山町",
            "総務課",
            "地域コミュニティの活性化",
            "自治会加入割合"
        ]
    );
    assert_eq!(
        (rows[1][6].as_str(), rows[1][9].as_str()),
        ("令和5年度", "%")
    );
    // Zero decimals: plain integers.
    let bosai = csv_records(&goal_csv(&site, dept, &dept.goals[1]));
    assert_eq!(bosai[4][8], "68");
}

#[test]
fn indicators_csv_header_and_numbers() {
    let site = seed_site();
    let bytes = indicators_csv(&site);
    assert!(bytes.starts_with(BOM_BYTES));
    let body = text(&bytes[3..]);
    assert_eq!(
        body.split("\r\n").next().unwrap(),
        "団体コード,団体名,課,課スラッグ,目標スラッグ,目標,指標,単位,方向,方向コード,初期値年度(西暦),初期値年度(和暦),初期値,最新実績年度(西暦),最新実績年度(和暦),最新実績,最終目標年度(西暦),最終目標年度(和暦),最終目標値,進捗率,達成率,比較年度(西暦),比較年度(和暦),比較年度の値,前年度比,1年あたりの変化,最終目標年度の見込み,最終目標値に届く見込みの年度(西暦),最終目標値に届く見込みの年度(和暦),評価,評価コード,URL"
    );
    let rows = csv_records(&bytes);
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[1][8..10], ["高いほど良い", "up"]);
    assert_eq!(&rows[1][10..12], ["2023", "令和5年度"]);
    assert_eq!(rows[1][19], "-625");
    // Rounded as the page shows it (97.9%).
    assert_eq!(rows[1][20], "97.9");
    // 前年度比 and このままのペース (§9): 74.6 (R5) → 72.1 (R6), −2.5 a year, 59.6 in R11,
    // never reaching 75.0; 58 → 59地区 reaches 68 in R15.
    assert_eq!(
        &rows[1][21..29],
        ["2023", "令和5年度", "74.6", "-2.5", "-2.5", "59.6", "", ""]
    );
    assert_eq!(
        &rows[2][21..29],
        [
            "2023",
            "令和5年度",
            "58",
            "1",
            "1",
            "64",
            "2033",
            "令和15年度"
        ]
    );
    assert_eq!(rows[1][31], "https://example.jp/hyoka/somu/jichikai/");
    assert_eq!(rows[2][12], "58");
    assert_eq!(rows[3][19], "0");
}

#[test]
fn text_cannot_become_a_formula() {
    let spec = Spec {
        title: "=HYPERLINK(\"http://x\")",
        name: "-1+2",
        unit: "@",
        ..SEED[0]
    };
    let site = site_with(&[spec]);
    let dept = &site.departments[0];
    for bytes in [goal_csv(&site, dept, &dept.goals[0]), indicators_csv(&site)] {
        let rows = csv_records(&bytes);
        let row = &rows[1];
        assert!(
            row.contains(&"'=HYPERLINK(\"http://x\")".to_string()),
            "{row:?}"
        );
        assert!(row.contains(&"'-1+2".to_string()), "{row:?}");
        assert!(row.contains(&"'@".to_string()), "{row:?}");
        assert!(!row.iter().any(|c| c.starts_with('=')), "{row:?}");
    }
    // Our own negative numbers are numbers, not protected text.
    let rows = csv_records(&indicators_csv(&seed_site()));
    assert_eq!(rows[1][19], "-625");
    assert_eq!(protect_text("総務課"), "総務課");
    assert_eq!(protect_text("+81"), "'+81");
}

#[test]
fn commas_quotes_and_newlines_round_trip() {
    let title = "安全, 安心な\"まち\"づくり\n（第2期）";
    let spec = Spec { title, ..SEED[1] };
    let site = site_with(&[spec]);
    let dept = &site.departments[0];
    let rows = csv_records(&goal_csv(&site, dept, &dept.goals[0]));
    assert_eq!(rows.len(), 5);
    assert!(rows[1..].iter().all(|r| r.len() == 10 && r[3] == title));
    let rows = csv_records(&indicators_csv(&site));
    assert_eq!(rows[1][5], title);
    // JSON keeps it as is.
    let v: Value = serde_json::from_slice(&goal_json(&site, dept, &dept.goals[0])).unwrap();
    assert_eq!(v["title"], title);
}

#[test]
fn goal_json_series_is_ordered_by_year_then_kind() {
    let spec = Spec {
        actual: &[(2023, 74.0), (2024, 72.1), (2025, 73.0)],
        targets: &[(2024, 73.0), (2029, 75.0)],
        ..SEED[0]
    };
    let site = site_with(&[spec]);
    let dept = &site.departments[0];
    let bytes = goal_json(&site, dept, &dept.goals[0]);
    assert!(bytes.ends_with(b"}\n"));
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    let rows: Vec<(u64, &str)> = v["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["fiscal_year"].as_u64().unwrap(),
                r["kind"].as_str().unwrap(),
            )
        })
        .collect();
    // The 2025 actual is after as_of (2024) and is not reported.
    assert_eq!(
        rows,
        [
            (2023, "baseline"),
            (2023, "actual"),
            (2024, "actual"),
            (2024, "target"),
            (2029, "target"),
        ]
    );
    assert_eq!(v["license"], crate::config::DEFAULT_LICENSE);
    assert_eq!(v["url"], "https://example.jp/hyoka/somu/jichikai/");
}

#[test]
fn sitemap_is_sorted_absolute_and_escaped() {
    let paths: Vec<String> = [
        "somu/jichikai/",
        "",
        "about/evaluation/",
        "somu/",
        "お知らせ/a&b/",
        "somu/",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let xml = sitemap("https://example.jp/hyoka/", &paths);
    assert!(xml.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    ));
    assert!(xml.ends_with("</urlset>\n"));
    let locs: Vec<&str> = xml
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<url><loc>"))
        .map(|l| l.strip_suffix("</loc></url>").unwrap())
        .collect();
    assert_eq!(
        locs,
        [
            "https://example.jp/hyoka/",
            "https://example.jp/hyoka/about/evaluation/",
            "https://example.jp/hyoka/somu/",
            "https://example.jp/hyoka/somu/jichikai/",
            "https://example.jp/hyoka/%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B/a&amp;b/",
        ]
    );
    assert!(xml.is_ascii());
    assert_eq!(encode_url("a b<\"'>"), "a%20b%3C%22'%3E");
    assert!(sitemap("https://x.jp/", &["it's/".to_string()]).contains("it&apos;s/"));
}

#[test]
fn a_sitemap_of_more_than_50000_urls_is_split_under_an_index() {
    let base = "https://example.jp/hyoka/";
    let few: Vec<String> = (0..3).map(|i| format!("somu/g{i}/")).collect();
    assert_eq!(
        sitemap_files(base, &few),
        [("sitemap.xml".to_string(), sitemap(base, &few))]
    );
    let limit: Vec<String> = (0..SITEMAP_URL_LIMIT).map(|i| format!("g{i}/")).collect();
    assert_eq!(sitemap_files(base, &limit).len(), 1);

    // 120,001 pages (written twice, as a list may be): three parts and an index.
    let mut many: Vec<String> = (0..120_001).map(|i| format!("d/g{i:06}/")).collect();
    many.extend(many[..10].to_vec());
    let files = sitemap_files(base, &many);
    let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "sitemap.xml",
            "sitemap-1.xml",
            "sitemap-2.xml",
            "sitemap-3.xml"
        ]
    );
    let index = &files[0].1;
    assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    assert!(index.contains("<sitemap><loc>https://example.jp/hyoka/sitemap-3.xml</loc></sitemap>"));
    let counts: Vec<usize> = files[1..]
        .iter()
        .map(|(_, xml)| {
            assert!(xml.starts_with("<?xml") && xml.ends_with("</urlset>\n"));
            xml.matches("<url><loc>").count()
        })
        .collect();
    assert_eq!(counts, [50_000, 50_000, 20_001]);
    // In order, nothing lost: the first part starts with the smallest URL, the last ends
    // with the largest.
    assert!(
        files[1]
            .1
            .contains("<loc>https://example.jp/hyoka/d/g000000/</loc>")
    );
    assert!(
        files[3]
            .1
            .contains("<loc>https://example.jp/hyoka/d/g120000/</loc>")
    );
    assert!(is_sitemap_part("sitemap-12.xml"));
    assert!(!is_sitemap_part("sitemap.xml") && !is_sitemap_part("sitemap-.xml"));
    assert!(!is_sitemap_part("somu/sitemap-1.xml"));
}

#[test]
fn snapshot_indicators_csv() {
    let bytes = indicators_csv(&seed_site());
    insta::assert_snapshot!(text(&bytes[3..]).replace("\r\n", "\n"));
}

#[test]
fn snapshot_goal_json() {
    let site = seed_site();
    let dept = &site.departments[0];
    insta::assert_snapshot!(text(&goal_json(&site, dept, &dept.goals[0])));
}

#[test]
fn snapshot_indicators_json() {
    insta::assert_snapshot!(text(&indicators_json(&seed_site())));
}

#[test]
fn plain_numbers_have_no_separators_or_negative_zero() {
    assert_eq!(plain_number(9400.0, 0), "9400");
    assert_eq!(plain_number(75.0, 1), "75.0");
    assert_eq!(plain_number(-0.01, 1), "0.0");
    assert_eq!(plain_number(-2.5, 1), "-2.5");
    assert_eq!(plain_percent(-625.0), "-625");
    assert_eq!(plain_percent(97.8955), "97.8955");
    assert_eq!(plain_percent(10.5), "10.5");
    assert_eq!(plain_percent(0.0), "0");
    assert_eq!(plain_percent(-0.00001), "0");
}
