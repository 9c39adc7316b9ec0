//! `hyoka build` on the repository's own site and on a six-department fixture written in
//! every notation the contract allows.

use crate::harness::*;

#[test]
fn the_default_site_builds_with_the_contract_files() {
    let site = SiteTest::repo_site();
    site.build();
    for file in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "somu/index.html",
        "somu/jichikai/index.html",
        "somu/jichikai/data.csv",
        "somu/jichikai/data.json",
        "somu/jishu-bosai/index.html",
        "somu/madoguchi/index.html",
        "data/indicators.csv",
        "data/indicators.json",
        "about/evaluation/index.html",
    ] {
        assert!(
            site.path(&format!("public/{file}")).is_file(),
            "missing public/{file}"
        );
    }
    // The stylesheet under its content-hashed name, linked from the pages.
    let css = published_css(&site.path("public"));
    assert!(
        site.read("public/index.html")
            .contains(&format!("href=\"./{css}\""))
    );
    let json = site.json("public/data/indicators.json");
    let goals = json.as_array().expect("array");
    let summary: Vec<(String, String, f64)> = goals
        .iter()
        .map(|g| {
            (
                g["slug"].as_str().unwrap().to_string(),
                g["status"].as_str().unwrap().to_string(),
                g["progress_pct"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("jichikai".to_string(), "worse".to_string(), -625.0),
            ("jishu-bosai".to_string(), "behind".to_string(), 10.0),
            ("madoguchi".to_string(), "behind".to_string(), 0.0),
        ]
    );
    let first = &goals[0];
    assert_eq!(first["department"], "総務課");
    assert_eq!(first["department_slug"], "somu");
    assert_eq!(first["indicator"], "自治会加入割合");
    assert_eq!(first["status_label"], "悪化");
    assert_eq!(first["baseline"]["fiscal_year"], 2023);
    assert_eq!(first["baseline"]["label"], "令和5年度");
    assert_eq!(first["final_target"]["value"], 75.0);
    assert_eq!(first["url"], "https://example.jp/hyoka/somu/jichikai/");
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.jp/hyoka/somu/jichikai/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn the_goal_page_shows_the_sheet() {
    let site = SiteTest::repo_site();
    site.build();
    let page = site.read("public/somu/jichikai/index.html");
    for expected in [
        "<html lang=\"ja\"",
        "地域コミュニティの推進",
        "自治会加入割合",
        "令和5年度（2023年度）",
        "令和11年度（2029年度）",
        "74.6%",
        "72.1%",
        "75.0%",
        "悪化",
        "-625%",
        "role=\"img\"",
        "第六次毛呂山町総合振興計画前期基本計画",
        "持続可能で地域の特徴を活かしたまちづくりを推進します。",
        "id=\"期待される効果\"",
        "data.csv",
        "data.json",
    ] {
        assert!(page.contains(expected), "goal page lacks {expected}");
    }
}

#[test]
fn goal_page_snapshot() {
    let site = SiteTest::repo_site();
    site.build();
    insta::assert_snapshot!(
        "seed_goal_page",
        unhash_assets(&site.read("public/somu/jishu-bosai/index.html"))
    );
}

/// Six departments, every year notation, BOM, CRLF, Shift_JIS, a draft, a Japanese file
/// name with `slug:`, values with units and full-width digits.
fn six_departments() -> SiteTest {
    let dept = |title: &str| {
        format!("---\ntitle: {title}\nweight: 1\nduties:\n  - {title}の業務に関すること\n---\n")
    };
    let indicator = |base: &str, actual: &str, targets: &str| {
        format!(
            "  name: 指標\n  unit: 件\n  direction: up\n  baseline: {{ year: {base}, value: 10 }}\n  actual:\n{actual}  targets:\n{targets}"
        )
    };
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(
        goal(
            "BOM付きの目標",
            &indicator("令和5年度", "    令和6年度: 11\n", "    令和11年度: 20\n"),
        )
        .as_bytes(),
    );
    let crlf = goal(
        "改行がCRLFの目標",
        &indicator("R5", "    R6: 12\n", "    R7: 14\n    R11: 20\n"),
    )
    .replace('\n', "\r\n");
    let sjis_text = goal(
        "Shift_JISの目標",
        &indicator("2023年度", "    2024年度: 9\n", "    2029年度: 20\n"),
    );
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&sjis_text);
    SiteTest::empty()
        .file("config.toml", CONFIG)
        .file(
            "content/_index.md",
            "---\ntitle: テスト町の成績表\n---\nようこそ。\n",
        )
        .bytes(
            "content/a-somu/_index.md",
            &[&[0xEF, 0xBB, 0xBF][..], dept("総務課").as_bytes()].concat(),
        )
        .bytes("content/a-somu/bom.md", &bom)
        .file(
            "content/b-kikaku/_index.md",
            &dept("企画課").replace('\n', "\r\n"),
        )
        .file("content/b-kikaku/crlf.md", &crlf)
        .file("content/c-fukushi/_index.md", &dept("福祉課"))
        .bytes("content/c-fukushi/sjis.md", &sjis)
        .file("content/d-kyoiku/_index.md", &dept("教育課"))
        .file(
            "content/d-kyoiku/図書館.md",
            &goal(
                "図書館の利用促進",
                &indicator(
                    "令和元年度",
                    "    令和2年度: \"１２件\"\n",
                    "    2025: 15\n",
                ),
            )
            .replace("title:", "slug: toshokan\ntitle:"),
        )
        .file("content/e-kankyo/_index.md", &dept("環境課"))
        .file(
            "content/e-kankyo/published.md",
            &goal(
                "公開する目標",
                &indicator(
                    "平成30年度",
                    "    平成31年度: 10\n    令和2年度: \"1,000件\"\n",
                    "    R3: 1200\n",
                ),
            ),
        )
        .file(
            "content/e-kankyo/draft.md",
            &goal("下書きの目標", &indicator("H30", "", "    R3: 12\n"))
                .replace("title:", "draft: true\ntitle:"),
        )
        .file("content/f-toshi/_index.md", &dept("都市計画課"))
        .file(
            "content/f-toshi/years.md",
            &goal(
                "年度の書き方",
                &indicator(
                    "H29",
                    "    2018: 10\n    令和元年度: 11\n    R2: △5\n",
                    "    令和3年度: 15\n",
                ),
            ),
        )
}

#[test]
fn six_departments_in_every_notation() {
    let site = six_departments();
    let run = site.build();
    assert!(
        run.stderr.contains("Shift_JIS"),
        "a Shift_JIS warning: {}",
        run.stderr
    );
    let json = site.json("public/data/indicators.json");
    let goals = json.as_array().expect("array");
    let slugs: Vec<&str> = goals.iter().map(|g| g["slug"].as_str().unwrap()).collect();
    // Equal weights: departments in folder-name order (a-somu, b-kikaku …).
    assert_eq!(
        slugs,
        ["bom", "crlf", "sjis", "toshokan", "published", "years"]
    );
    let by_slug = |s: &str| goals.iter().find(|g| g["slug"] == s).unwrap();
    assert_eq!(by_slug("bom")["department"], "総務課");
    assert_eq!(by_slug("crlf")["targets"][0]["fiscal_year"], 2025);
    assert_eq!(by_slug("sjis")["title"], "Shift_JISの目標");
    assert_eq!(by_slug("sjis")["status"], "worse");
    let library = by_slug("toshokan");
    assert_eq!(library["baseline"]["label"], "令和元年度");
    assert_eq!(library["baseline"]["fiscal_year"], 2019);
    assert_eq!(library["latest"]["value"], 12.0);
    assert_eq!(
        library["url"],
        "https://example.jp/hyoka/d-kyoiku/toshokan/"
    );
    let published = by_slug("published");
    assert_eq!(published["actual"][0]["label"], "令和元年度");
    assert_eq!(published["latest"]["value"], 1000.0);
    assert_eq!(published["status"], "on_track");
    let years = by_slug("years");
    let actual_years: Vec<i64> = years["actual"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["fiscal_year"].as_i64().unwrap())
        .collect();
    assert_eq!(actual_years, [2018, 2019, 2020]);
    assert_eq!(years["latest"]["value"], -5.0);
    assert!(site.path("public/d-kyoiku/toshokan/index.html").is_file());
    assert!(!site.path("public/e-kankyo/draft/index.html").exists());
    let home = site.read("public/index.html");
    assert!(home.contains("テスト町の成績表"));
    for dept in [
        "総務課",
        "企画課",
        "福祉課",
        "教育課",
        "環境課",
        "都市計画課",
    ] {
        assert!(home.contains(dept), "home lacks {dept}");
    }
}

#[test]
fn drafts_are_built_when_asked() {
    let site = six_departments();
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("public/e-kankyo/draft/index.html").is_file());
    assert_eq!(
        site.json("public/data/indicators.json")
            .as_array()
            .unwrap()
            .len(),
        7
    );
}

#[test]
fn base_url_can_be_overridden() {
    let site = SiteTest::minimal();
    let run = site.run(&[
        "build",
        "--base-url",
        "https://www.town.example.lg.jp/kikaku/hyoka",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = site.json("public/data/indicators.json");
    assert_eq!(
        json[0]["url"],
        "https://www.town.example.lg.jp/kikaku/hyoka/somu/jichikai/"
    );
    assert!(site.read("public/404.html").contains("/kikaku/hyoka/"));
}

#[test]
fn a_base_url_override_is_checked_like_config_toml() {
    for bad in [
        "not a url",
        "javascript:alert(1)//",
        "https://example.jp/hyoka/?utm=1#top",
    ] {
        let site = SiteTest::minimal();
        let run = site.run(&["build", "--base-url", bad]);
        assert_eq!(run.code, 1, "{bad}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("--base-url に指定した値「{bad}」")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("[E-CONFIG-BASE-URL]"), "{}", run.stderr);
        assert!(!site.path("public").exists(), "{bad}: nothing is written");
    }
}

#[test]
fn markdown_cannot_inject_script() {
    let body = "\n<script>alert(1)</script>\n\n[押して](javascript:alert(2))\n";
    let text =
        goal("<script>alert(3)</script>", SEED_INDICATOR).replace("効果があります。\n", body);
    let site = SiteTest::minimal().file(
        "content/somu/jichikai.md",
        &text.replace(
            "title: <script>alert(3)</script>",
            "title: \"<script>alert(3)</script>\"",
        ),
    );
    site.build();
    // Data files hold the title as data; what a browser runs is HTML, SVG and XML.
    for (path, bytes) in site.snapshot_dir("public") {
        if !(path.ends_with(".html") || path.ends_with(".xml") || path.ends_with(".svg")) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("<script>alert"),
            "{path} contains a live script"
        );
        assert!(
            !text.contains("javascript:alert"),
            "{path} contains a javascript: link"
        );
    }
    assert!(
        site.read("public/somu/jichikai/index.html")
            .contains("&lt;script&gt;alert(1)")
    );
}

#[test]
fn site_static_files_are_copied() {
    let site = SiteTest::minimal().bytes("static/files/report.pdf", b"%PDF-1.4 test");
    site.build();
    assert_eq!(
        std::fs::read(site.path("public/files/report.pdf")).unwrap(),
        b"%PDF-1.4 test"
    );
}

fn csv_table(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.expect("CSV row").iter().map(str::to_string).collect())
        .collect()
}

/// Issue 15 item 8: indicators.csv gives codes with labels, 西暦 with 和暦, the percentages
/// the page shows, and the /data/ page documents every one of its Japanese headers.
#[test]
fn open_data_agrees_with_the_pages_and_documents_every_column() {
    let site = SiteTest::repo_site();
    let run = site.build();
    assert_eq!(run.code, 0, "{run:?}");
    let rows = csv_table(&site.read("public/data/indicators.csv"));
    let header = &rows[0];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    let jichikai = &rows[1];
    assert_eq!(jichikai[col("方向")], "高いほど良い");
    assert_eq!(jichikai[col("方向コード")], "up");
    assert_eq!(jichikai[col("評価")], "悪化");
    assert_eq!(jichikai[col("評価コード")], "worse");
    assert_eq!(jichikai[col("初期値年度(西暦)")], "2023");
    assert_eq!(jichikai[col("初期値年度(和暦)")], "令和5年度");
    assert_eq!(jichikai[col("最終目標年度(和暦)")], "令和11年度");
    assert_eq!(jichikai[col("最新実績年度(和暦)")], "令和6年度");
    assert_eq!(jichikai[col("達成率")], "97.9");
    let page = site.read("public/somu/jichikai/index.html");
    assert!(page.contains("97.9%"), "the goal page shows 97.9%");
    let json = site.json("public/data/indicators.json");
    assert_eq!(json[0]["direction_label"], "高いほど良い");
    assert_eq!(json[0]["achievement_pct_rounded"], 97.9);
    assert_eq!(json[0]["achievement_pct"], 97.8955);
    // Every header of both CSV files is explained on /data/, in a <dt>.
    let data = site.read("public/data/index.html");
    let terms: Vec<&str> = data
        .split("<dt>")
        .skip(1)
        .map(|t| t.split("</dt>").next().unwrap())
        .collect();
    let goal_rows = csv_table(&site.read("public/somu/jichikai/data.csv"));
    for name in header.iter().chain(&goal_rows[0]) {
        assert!(
            terms.iter().any(|t| t.contains(name.as_str())),
            "{name} is not documented on /data/: {terms:?}"
        );
    }
}

/// Without a municipality_code the CSVs have no 団体コード column that is empty in every row.
#[test]
fn open_data_has_no_empty_municipality_code_column() {
    let site = SiteTest::minimal();
    let run = site.build();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!site.read("config.toml").contains("municipality_code"));
    let rows = csv_table(&site.read("public/data/indicators.csv"));
    assert_eq!(rows[0][0], "団体名", "{:?}", rows[0]);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    let json = site.json("public/data/indicators.json");
    assert_eq!(json[0]["municipality_code"], serde_json::Value::Null);
}
