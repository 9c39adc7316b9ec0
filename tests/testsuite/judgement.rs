//! §8.2–§8.4 on a fixture written for them (tests/fixtures/judgement: three departments,
//! every key of 事業費, 評価, 施策体系, tags, 問い合わせ先 and 更新日; config.toml with
//! grades, plan and population): the cost files, the goal pages, /plan/, a /tags/ page, and
//! the warning when the town's grade and the computed status disagree.

use crate::harness::SiteTest;

fn built() -> SiteTest {
    let site = SiteTest::fixture("judgement");
    site.build();
    site
}

/// The text of `html` from `start` to the end of its section.
fn section<'h>(html: &'h str, start: &str) -> &'h str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} not in page"));
    let rest = &html[from..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[test]
fn costs_csv_has_a_row_per_goal_and_year_with_full_cost_and_yen_per_resident() {
    let site = built();
    let csv = site.read("public/data/costs.csv");
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        rows[0],
        "団体コード,団体名,課,課スラッグ,目標スラッグ,目標,年度(西暦),年度(和暦),単位,予算,決算,人件費,フルコスト,住民1人当たり(円),URL"
    );
    let cells = |slug: &str, year: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r.contains(&format!(",{slug},")) && r.contains(&format!(",{year},")))
            .unwrap_or_else(|| panic!("{slug} {year}\n{csv}"))
            .split(',')
            .skip(8)
            .take(6)
            .map(str::to_string)
            .collect()
    };
    // 千円: (11,480 + 3,200)千円 = 14,680,000円 ÷ 33,000人 = 444.8… → 445円.
    assert_eq!(
        cells("jishu-bosai", "2024"),
        ["千円", "12000", "11480", "3200", "14680", "445"]
    );
    // A budget year: no 決算 yet, so no フルコスト and no per-resident figure.
    assert_eq!(
        cells("jishu-bosai", "2025"),
        ["千円", "12500", "", "", "", ""]
    );
    // 万円: 972.5万円 = 9,725,000円 ÷ 33,000人 = 294.7 → 295円.
    assert_eq!(
        cells("furusato", "2024"),
        ["万円", "850.0", "812.5", "160.0", "972.5", "295"]
    );
    // 円: 1,666,500円 ÷ 33,000人 = 50.5 → 51円 (halves up).
    assert_eq!(
        cells("kenshin", "2024"),
        ["円", "1700000", "1650000", "16500", "1666500", "51"]
    );
    // Goals without cost have no rows.
    assert!(
        !csv.contains("kosodate") && !csv.contains("jichikai"),
        "{csv}"
    );
    assert_eq!(
        rows.len(),
        1 + 5 + 1,
        "header, five years, the final empty line"
    );
}

#[test]
fn costs_json_and_the_goal_files_carry_the_costs() {
    let site = built();
    let json = site.json("public/data/costs.json");
    let goals = json.as_array().expect("array");
    let slugs: Vec<&str> = goals.iter().map(|g| g["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["jishu-bosai", "furusato", "kenshin"]);
    let bosai = &goals[0];
    assert_eq!(bosai["unit"], "千円");
    assert_eq!(bosai["unit_yen"], 1000);
    assert_eq!(bosai["population"], 33000);
    let y = &bosai["years"][0];
    assert_eq!(
        (y["fiscal_year"].as_u64(), y["label"].as_str()),
        (Some(2024), Some("令和6年度"))
    );
    assert_eq!(y["full_cost"].as_f64(), Some(14680.0));
    assert_eq!(y["per_resident_yen"].as_u64(), Some(445));
    assert!(bosai["years"][1]["settlement"].is_null());
    assert_eq!(bosai["url"], "https://example.jp/hyoka/somu/jishu-bosai/");

    let data = site.json("public/somu/jishu-bosai/data.json");
    assert_eq!(
        data["cost"]["years"][0]["per_resident_yen"].as_u64(),
        Some(445)
    );
    let csv = site.read("public/somu/jishu-bosai/data.csv");
    assert!(
        csv.contains(",自主防災組織の育成,事業費,2024,令和6年度,フルコスト,14680,千円\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains(",事業費,2024,令和6年度,住民1人当たり,445,円\r\n"),
        "{csv}"
    );
    // A goal without cost: no key, no rows.
    assert!(
        site.json("public/fukushi/kosodate/data.json")
            .get("cost")
            .is_none()
    );
    assert!(
        !site
            .read("public/fukushi/kosodate/data.csv")
            .contains("事業費")
    );
    // The open data page lists the cost files.
    assert!(
        site.read("public/data/index.html")
            .contains("href=\"../data/costs.csv\"")
    );
}

#[test]
fn the_goal_page_shows_costs_grade_beside_status_reviews_plan_tags_date_and_contact() {
    let site = built();
    let page = site.read("public/somu/jishu-bosai/index.html");
    // The grade beside the computed status, never instead of it.
    assert!(
        page.contains("aria-hidden=\"true\">△</span>遅れ</span> <span class=\"grade\">町の評価 <strong>B</strong>（やや遅れ）</span>"),
        "{page}"
    );
    let cost = section(&page, "id=\"cost-heading\"");
    assert!(
        cost.contains("<caption>年度ごとの事業費（単位：千円。住民1人当たりは円）</caption>"),
        "{cost}"
    );
    assert!(
        cost.contains("<th scope=\"col\" class=\"num\">フルコスト（決算＋人件費）</th>"),
        "{cost}"
    );
    assert!(
        cost.contains("<th scope=\"row\" class=\"nowrap\">令和6年度（2024年度）</th><td class=\"num\">12,000</td><td class=\"num\">11,480</td><td class=\"num\">3,200</td><td class=\"num\">14,680</td><td class=\"num\">445円</td>"),
        "{cost}"
    );
    let assessment = section(&page, "id=\"assessment-heading\"");
    assert!(assessment.contains("<dd>改善</dd>"), "{assessment}");
    let first = assessment.find("担当課（一次評価）").expect("first review");
    let second = assessment
        .find("行政評価委員会（外部評価）")
        .expect("second review");
    assert!(first < second, "reviews in written order");
    assert!(
        assessment.contains("<time datetime=\"2025-07-31\">令和7年7月31日（2025年7月31日）</time>")
    );
    let place = section(&page, "id=\"place-heading\"");
    assert!(
        place.contains("<a href=\"../../plan/#plan-4\">4 安全・安心なまちづくり</a>"),
        "{place}"
    );
    assert!(
        place.contains("<a href=\"../../plan/#plan-4-1\">4-1 防災・消防</a>"),
        "{place}"
    );
    assert!(
        place.contains("<a href=\"../../tags/sdgs-11/\">SDGs 11</a>"),
        "{place}"
    );
    let contact = section(&page, "id=\"contact-heading\"");
    assert!(contact.contains("<time datetime=\"2025-06-01\">令和7年6月1日（2025年6月1日）</time>"));
    // The department's contact, as the goal gives none of its own.
    assert!(
        contact.contains("総務課 防災係<br>電話：<a href=\"tel:0492952112\">049-295-2112</a>"),
        "{contact}"
    );
    assert!(
        contact.contains("<a href=\"mailto:bosai@example.jp\">"),
        "{contact}"
    );
}

#[test]
fn a_goal_contact_overrides_the_department_and_a_goal_without_keys_shows_only_what_is_known() {
    let site = built();
    let own = site.read("public/somu/jichikai/index.html");
    let contact = section(&own, "id=\"contact-heading\"");
    assert!(contact.contains("総務課 自治振興係"), "{contact}");
    assert!(!contact.contains("bosai@example.jp"), "{contact}");
    // No keys of §8.2–§8.4 but a department contact: only that is shown.
    let plain = site.read("public/fukushi/kosodate/index.html");
    for absent in [
        "cost-heading",
        "assessment-heading",
        "place-heading",
        "class=\"grade\"",
        "<dt>更新日</dt>",
    ] {
        assert!(!plain.contains(absent), "{absent}");
    }
    assert!(section(&plain, "id=\"contact-heading\"").contains("福祉課 子育て支援係"));
    // The department page shows its own.
    let dept = site.read("public/somu/index.html");
    assert!(
        section(&dept, "id=\"contact\"").contains("<a href=\"tel:0492952112\">049-295-2112</a>"),
        "{dept}"
    );
    // No contact anywhere: no 問い合わせ先.
    assert!(
        !site
            .read("public/kikaku/furusato/index.html")
            .contains("問い合わせ先")
    );
}

#[test]
fn the_plan_page_is_a_tree_of_nested_lists_with_goals_statuses_and_counts() {
    let site = built();
    let page = site.read("public/plan/index.html");
    let tree = &page[page.find("<ul class=\"plan-tree\">").expect("tree")..];
    let order: Vec<usize> = [
        "<h2>4 安全・安心なまちづくり</h2>",
        "<h3>4-1 防災・消防</h3>",
        "<h3>4-2 地域コミュニティ</h3>",
        "<h2>5 健康で生き生きと暮らせるまち</h2>",
        "<h3>5-1 健康づくり</h3>",
    ]
    .iter()
    .map(|h| tree.find(h).unwrap_or_else(|| panic!("{h}\n{tree}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "tree order");
    // Nested lists balance: every <ul> and <li> is closed.
    let main = &page[page.find("<main").unwrap()..page.find("</main>").unwrap()];
    assert_eq!(main.matches("<ul").count(), main.matches("</ul>").count());
    assert_eq!(main.matches("<li").count(), main.matches("</li>").count());
    // 4 counts the indicators of 4-1 and 4-2, each status with its word and shape.
    let node4 = &tree[order[0]..order[1]];
    assert!(node4.contains("指標 2件"), "{node4}");
    assert!(
        node4.contains("aria-hidden=\"true\">△</span>遅れ</span> 1件"),
        "{node4}"
    );
    assert!(
        node4.contains("aria-hidden=\"true\">×</span>悪化</span> 1件"),
        "{node4}"
    );
    let node41 = &tree[order[1]..order[2]];
    assert!(
        node41.contains("<a href=\"../somu/jishu-bosai/\">自主防災組織の育成</a>"),
        "{node41}"
    );
    assert!(node41.contains("町の評価 B（やや遅れ）"), "{node41}");
    // Goals without plan: listed apart.
    let unplaced = section(&page, "id=\"unplaced\"");
    assert!(unplaced.contains("ふるさと納税の推進") && unplaced.contains("子育て相談の充実"));
    assert!(!unplaced.contains("自主防災組織の育成"));
}

#[test]
fn tag_pages_have_ascii_urls_and_list_their_goals() {
    let site = built();
    let page = site.read("public/tags/sdgs-11/index.html");
    assert!(page.contains("<h1>タグ：SDGs 11</h1>"), "{page}");
    assert!(page.contains("<a href=\"../../somu/jishu-bosai/\">自主防災組織の育成</a>"));
    assert!(page.contains("<a href=\"../../kikaku/furusato/\">ふるさと納税の推進</a>"));
    assert!(!page.contains("地域コミュニティの推進"));
    // A Japanese tag gets `t-` and the CRC-32 of its text: the same on every build.
    let slug = format!("t-{:08x}", crc32fast::hash("総合戦略".as_bytes()));
    let japanese = site.read(&format!("public/tags/{slug}/index.html"));
    assert!(japanese.contains("<h1>タグ：総合戦略</h1>"));
    let index = site.read("public/tags/index.html");
    assert!(
        index.contains(&format!(
            "<a href=\"../tags/{slug}/\">総合戦略</a><span class=\"small\">（2目標）</span>"
        )),
        "{index}"
    );
    let sitemap = site.read("public/sitemap.xml");
    for url in ["plan/", "tags/", "tags/sdgs-11/", &format!("tags/{slug}/")] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.jp/hyoka/{url}</loc>")),
            "{url}"
        );
    }
}

#[test]
fn the_dashboard_counts_grades_and_outlooks_and_the_evaluation_page_explains_the_scale() {
    let site = built();
    let home = site.read("public/index.html");
    let judgement = section(&home, "id=\"judgement-summary\"");
    assert!(
        judgement.contains("<tr><th scope=\"row\">A（順調）</th><td class=\"num\">2</td></tr>"),
        "{judgement}"
    );
    assert!(
        judgement.contains("<tr><th scope=\"row\">C（遅れ）</th><td class=\"num\">0</td></tr>"),
        "{judgement}"
    );
    assert!(
        judgement.contains("<tr><th scope=\"row\">改善</th><td class=\"num\">1</td></tr>"),
        "{judgement}"
    );
    assert!(judgement.contains("href=\"./plan/\""), "{judgement}");
    // On the goal cards too, the grade stands beside the status.
    assert!(
        home.contains("aria-hidden=\"true\">×</span>悪化</span> <span class=\"grade\">町の評価 A（順調）</span></div>"),
        "{home}"
    );
    let evaluation = site.read("public/about/evaluation/index.html");
    assert!(evaluation.contains("<h2 id=\"grades\">"), "{evaluation}");
    assert!(evaluation.contains("<tr><th scope=\"row\">C（遅れ）</th><td>初期値より悪くなっている</td><td>遅れ・悪化</td></tr>"));
}

#[test]
fn check_warns_at_the_grade_line_when_grade_and_status_disagree() {
    let site = SiteTest::fixture("judgement");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "a warning does not fail:\n{}", run.stderr);
    assert!(
        run.stderr.contains("content/somu/jichikai.md:14:10: 警告: 評価「A（順調）」が、指標から計算した評価区分「悪化」と合いません"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("[W-GRADE-STATUS]"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("W-GRADE-STATUS").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("エラー 0件、警告 1件"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_plan_code_fails_the_build_with_the_codes() {
    let site = SiteTest::fixture("judgement");
    let goal = site.read("content/kikaku/kenshin.md");
    site.write(
        "content/kikaku/kenshin.md",
        &goal.replace("plan: 5-1", "plan: 9"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/kikaku/kenshin.md:20:7: エラー: 施策「9」は config.toml の [[plan]] にありません"), "{}", run.stderr);
    assert!(run.stderr.contains("4, 4-1, 4-2, 5, 5-1"), "{}", run.stderr);
}

#[test]
fn a_plan_that_cycles_is_a_config_error() {
    let site = SiteTest::fixture("judgement");
    let config = site.read("config.toml");
    site.write(
        "config.toml",
        &config.replace(
            "code = \"4\"\ntitle = \"安全・安心なまちづくり\"\n",
            "code = \"4\"\ntitle = \"安全・安心なまちづくり\"\nparent = \"4-1\"\n",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("config.toml:"), "{}", run.stderr);
    assert!(run.stderr.contains("循環"), "{}", run.stderr);
}

#[test]
fn the_fixture_builds_byte_identically_twice() {
    let a = built();
    let b = built();
    assert_eq!(a.snapshot_dir("public"), b.snapshot_dir("public"));
}

/// `hyoka serve`'s rebuilds equal a full build after edits of the new keys, including ones
/// that remove a tag page or the cost files.
#[test]
fn rebuilds_after_edits_of_the_new_keys_equal_a_full_build() {
    use hyoka::Timings;
    use hyoka::{BuildOptions, load_site};
    use hyoka::{Rebuilder, plan_site};
    let site = SiteTest::fixture("judgement");
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        ..BuildOptions::default()
    };
    let full = |options: &BuildOptions| {
        let (model, _) = load_site(options, &[], &Timings::new()).expect("load");
        plan_site(&model.expect("site"), &options.root).expect("plan")
    };
    let mut rebuilder = Rebuilder::new(options.clone()).expect("first build");
    let steps: [(&str, &str, &str); 4] = [
        // The department's contact is shown on its goals.
        (
            "content/somu/_index.md",
            "総務課 防災係",
            "総務課 危機管理係",
        ),
        // SDGs 11 leaves furusato; its tag page keeps one goal.
        ("content/kikaku/furusato.md", "tags: [SDGs 11]\n", ""),
        // 総合戦略 leaves jichikai, then jishu-bosai: its tag page goes.
        ("content/somu/jichikai.md", "tags:\n  - 総合戦略\n", ""),
        (
            "content/somu/jishu-bosai.md",
            "tags: [総合戦略, SDGs 11]",
            "tags: [SDGs 11]",
        ),
    ];
    for (file, from, to) in steps {
        let text = site.read(file);
        assert!(text.contains(from), "{file}: {from}");
        site.write(file, &text.replace(from, to));
        let report = rebuilder.rebuild(&[site.path(file)]).expect("rebuild");
        assert!(!report.failed, "{:?}", rebuilder.diagnostics());
        let plan = rebuilder.plan().expect("plan");
        let expected = full(&options);
        let paths = |p: &hyoka::OutputPlan| p.paths().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(paths(plan), paths(&expected), "after {file}");
        for path in paths(&expected) {
            assert_eq!(plan.get(&path), expected.get(&path), "{path} after {file}");
        }
    }
    let plan = rebuilder.plan().expect("plan");
    assert!(plan.get("tags/sdgs-11/index.html").is_some());
    let japanese = format!(
        "tags/t-{:08x}/index.html",
        crc32fast::hash("総合戦略".as_bytes())
    );
    assert!(
        plan.get(&japanese).is_none(),
        "the emptied tag's page is gone"
    );
}

/// The wording of every new finding, pinned: each mistake of §8.2–§8.4 in one run.
#[test]
fn the_messages_of_the_new_keys() {
    let site = SiteTest::fixture("judgement");
    let swap = |file: &str, from: &str, to: &str| {
        let text = site.read(file);
        assert!(text.contains(from), "{file}: {from}");
        site.write(file, &text.replacen(from, to, 1));
    };
    swap("content/somu/jishu-bosai.md", "grade: B", "grade: E");
    swap(
        "content/somu/jishu-bosai.md",
        "outlook: 改善",
        "outlook: 継読",
    );
    swap(
        "content/somu/jishu-bosai.md",
        "date: 2025-07-31",
        "date: 2025/7/31",
    );
    swap("content/somu/jishu-bosai.md", "unit: 千円", "unit: 百万円");
    swap(
        "content/somu/jishu-bosai.md",
        "{ budget: 12500 }",
        "{ budjet: 12500 }",
    );
    // A file with errors is left out of the site, so the site-wide checks (plan codes, tag
    // URLs) are shown on files without other errors.
    swap("content/kikaku/kenshin.md", "plan: 5-1", "plan: 5-2");
    swap(
        "content/fukushi/_index.md",
        "phone: 049-295-2120",
        "phone: 内線120",
    );
    swap("content/somu/jichikai.md", "  - 総合戦略", "  - sdgs-11");
    swap("content/kikaku/furusato.md", "grade: D", "grade: a");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("judgement_messages", run.stderr);
}
