//! Tests of the rendering layer on an in-memory seed site (総務課 with the three goals of the
//! source sheets), plus theme layering and errors on temporary site folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;
use crate::config::Config;
use crate::model::{
    Department, Direction, FiscalYear, Goal, Indicator, Point, Site, evaluate, goal_path,
};

fn fy(y: u16) -> FiscalYear {
    FiscalYear::new(y).unwrap()
}

fn point(y: u16, v: f64) -> Point {
    Point {
        year: fy(y),
        value: v,
    }
}

struct Seed {
    slug: &'static str,
    title: &'static str,
    name: &'static str,
    unit: &'static str,
    values: (f64, f64, f64, f64),
    decimals: u8,
    summary: &'static str,
}

const SEEDS: [Seed; 3] = [
    Seed {
        slug: "jichikai",
        title: "地域コミュニティの推進",
        name: "自治会加入割合",
        unit: "%",
        values: (74.6, 72.1, 72.7, 75.0),
        decimals: 1,
        summary: "持続可能で地域の特徴を活かしたまちづくりを推進します。",
    },
    Seed {
        slug: "jishu-bosai",
        title: "災害に強いまちづくり",
        name: "自主防災組織の設置行政区数",
        unit: "地区",
        values: (58.0, 59.0, 61.0, 68.0),
        decimals: 0,
        summary: "地域の実情にあつた自主防災組織を設立及び育成します。",
    },
    Seed {
        slug: "madoguchi",
        title: "住民満足度の向上",
        name: "町役場の窓口（行政）サービスに対する満足度",
        unit: "%",
        values: (53.2, 53.2, 56.6, 70.0),
        decimals: 1,
        summary: "住民満足度の向上を目指し、窓口サービスにおけるスキルアップを図ります。",
    },
];

fn goal(seed: &Seed, as_of: Option<FiscalYear>) -> Goal {
    let (b, a, t7, f11) = seed.values;
    let indicator = Indicator {
        name: seed.name.into(),
        unit: seed.unit.into(),
        direction: Direction::Up,
        baseline: point(2023, b),
        actual: vec![point(2024, a)],
        targets: vec![point(2025, t7), point(2029, f11)],
        decimals: seed.decimals,
        details: Default::default(),
    };
    let evaluation = evaluate(&indicator, as_of);
    Goal {
        slug: seed.slug.into(),
        department_slug: "somu".into(),
        title: seed.title.into(),
        indicators: vec![indicator],
        basis: Some("第六次毛呂山町総合振興計画前期基本計画".into()),
        summary: Some(seed.summary.into()),
        weight: 0,
        draft: false,
        body: "## 期待される効果\n\n地域コミュニティの活性化が期待できます。\n".into(),
        body_on_disk: None,
        source: PathBuf::from(format!("content/somu/{}.md", seed.slug)),
        evaluations: vec![evaluation],
        facts: Default::default(),
    }
}

pub(super) fn seed_site() -> Site {
    let config = Config::parse(
        "title = \"毛呂山町 行政評価\"\nbase_url = \"https://example.jp/hyoka/\"\nmunicipality = \"毛呂山町\"\n",
        Path::new("config.toml"),
    )
    .unwrap();
    let as_of = Some(fy(2024));
    Site {
        config,
        home_title: "毛呂山町 行政評価".into(),
        home_body: "町の各課が掲げた**数値目標**の進み具合をお知らせします。".into(),
        departments: vec![Department {
            slug: "somu".into(),
            title: "総務課".into(),
            duties: vec![
                "防災訓練の実施などの災害対策に関すること".into(),
                "自治会活動の支援などのコミュニティ活動の促進に関すること".into(),
            ],
            served: Some("現在毛呂山町に住んでいる町民のために。".into()),
            weight: 0,
            body: String::new(),
            source: PathBuf::from("content/somu/_index.md"),
            contact: None,
            goals: SEEDS.iter().map(|s| goal(s, as_of)).collect(),
        }],
        as_of,
        indicator_details: false,
        history: Default::default(),
        editions: Default::default(),
    }
}

pub(super) fn seed_graphics(site: &Site) -> BTreeMap<String, GoalGraphics> {
    site.goals()
        .map(|(_, g)| {
            let path = goal_path(g);
            let graphics = GoalGraphics {
                chart_svg: format!(
                    "<svg class=\"hyoka-chart\" role=\"img\" aria-labelledby=\"t-{0}\" viewBox=\"0 0 640 320\"><title id=\"t-{0}\">{1}の推移</title><polyline points=\"40,200 200,260\" fill=\"none\" stroke=\"#0017C1\" stroke-width=\"3\"/><polyline points=\"40,200 360,180 600,120\" fill=\"none\" stroke=\"#595959\" stroke-dasharray=\"8 6\" stroke-width=\"2\"/><text x=\"40\" y=\"300\">R5</text></svg>",
                    g.slug, g.indicator().name
                ),
                chart_svg_narrow: String::new(),
                chart_title: format!("{}の推移", g.indicator().name),
                chart_description: format!("{}は初期値から変化しています。", g.indicator().name),
                sparkline_svg: "<svg aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 100 30\"><polyline points=\"0,20 50,25\" fill=\"none\" stroke=\"#0017C1\"/></svg>".into(),
                more: Vec::new(),
            };
            (path, graphics)
        })
        .collect()
}

fn render(site: &Site) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let theme = Theme::load(dir.path(), "default").unwrap();
    render_site(site, &theme, &seed_graphics(site))
        .unwrap()
        .into_iter()
        .collect()
}

#[test]
fn every_page_is_rendered_sorted() {
    let site = seed_site();
    let dir = tempfile::tempdir().unwrap();
    let theme = Theme::load(dir.path(), "default").unwrap();
    let pages = render_site(&site, &theme, &seed_graphics(&site)).unwrap();
    let paths: Vec<&str> = pages.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "404.html",
            "about/accessibility/index.html",
            "about/evaluation/index.html",
            "data/index.html",
            "index.html",
            "report/index.html",
            "search/index.html",
            "somu/index.html",
            "somu/jichikai/index.html",
            "somu/jishu-bosai/index.html",
            "somu/madoguchi/index.html",
        ]
    );
    let again = render_site(&site, &theme, &seed_graphics(&site)).unwrap();
    assert_eq!(pages, again, "deterministic");
}

#[test]
fn page_paths_list_every_page_but_404() {
    let paths = page_paths(&seed_site());
    assert_eq!(
        paths,
        [
            "",
            "about/accessibility/",
            "about/evaluation/",
            "data/",
            "search/",
            "somu/",
            "somu/jichikai/",
            "somu/jishu-bosai/",
            "somu/madoguchi/",
        ]
    );
}

#[test]
fn every_page_has_the_accessible_frame() {
    for (path, html) in render(&seed_site()) {
        assert!(html.contains("<html lang=\"ja\">"), "{path}");
        assert!(
            html.contains("<title>") && html.contains(" | 毛呂山町 行政評価</title>")
                || path == "index.html",
            "{path}"
        );
        assert!(
            html.contains("<meta name=\"description\" content=\""),
            "{path}"
        );
        assert!(
            !html.contains("<meta name=\"description\" content=\"\">"),
            "{path}"
        );
        assert!(html.contains("name=\"viewport\""), "{path}");
        assert!(
            html.contains("<a class=\"skip-link\" href=\"#main\">本文へ移動</a>"),
            "{path}"
        );
        assert!(html.contains("<main id=\"main\""), "{path}");
        assert!(
            html.contains("aria-labelledby=\"breadcrumb-label\""),
            "{path}"
        );
        assert!(html.contains("aria-current=\"page\""), "{path}");
        assert!(
            html.contains("公共データ利用規約（第1.0版）</a>に基づき利用できます"),
            "{path}"
        );
        if path != "404.html" {
            assert!(
                !html.contains("href=\"/"),
                "{path} has a root-absolute link"
            );
            assert!(!html.contains("src=\"/"), "{path} has a root-absolute src");
        }
    }
}

#[test]
fn the_seed_goal_page_shows_its_figures() {
    let pages = render(&seed_site());
    let html = &pages["somu/jichikai/index.html"];
    for expected in [
        "<title>地域コミュニティの推進 | 総務課 | 毛呂山町 行政評価</title>",
        "<meta property=\"og:title\" content=\"地域コミュニティの推進 | 総務課 | 毛呂山町 行政評価\">",
        "<meta property=\"og:url\" content=\"https://example.jp/hyoka/somu/jichikai/\">",
        "<meta property=\"og:type\" content=\"article\">",
        "令和5年度（2023年度）",
        "令和11年度（2029年度）",
        "74.6%",
        "72.1%",
        "最終目標値",
        "status status-worse",
        "×</span>悪化",
        "-625%",
        "97.9%",
        "73.65%",
        "-2.5ポイント",
        "<svg class=\"hyoka-chart\" role=\"img\" aria-labelledby=\"t-jichikai\"",
        &format!("href=\"../../{}\"", published("css/hyoka.css")),
        "href=\"../../about/evaluation/\"",
        "href=\"../../somu/\"",
        "href=\"data.csv\"",
        "href=\"data.json\"",
        "<link rel=\"canonical\" href=\"https://example.jp/hyoka/somu/jichikai/\">",
        "<th scope=\"row\" class=\"nowrap\">初期値</th>",
        "<caption>",
        "<p class=\"chart-description\">自治会加入割合は初期値から変化しています。</p>",
        "<link rel=\"icon\" href=\"../../favicon.svg\" type=\"image/svg+xml\">",
        "第六次毛呂山町総合振興計画前期基本計画",
        "<h2 id=\"期待される効果\">",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
}

#[test]
fn home_lists_counts_and_goals() {
    let pages = render(&seed_site());
    let html = &pages["index.html"];
    assert!(html.contains("<title>毛呂山町 行政評価</title>"));
    assert!(html.contains("令和6年度の実績による評価"));
    assert!(
        html.contains("×</span>悪化</span><span class=\"count\"><span class=\"num\">1</span>件")
    );
    assert!(
        html.contains("△</span>遅れ</span><span class=\"count\"><span class=\"num\">2</span>件")
    );
    assert!(html.contains("href=\"./somu/jichikai/\""));
    assert!(html.contains("72.1%</span><span class=\"nowrap\">（令和6年度）</span>"));
    assert!(html.contains("href=\"./somu/\""));
    assert!(html.contains(&format!("href=\"./{}\"", published("css/hyoka.css"))));
    assert!(html.contains("<strong>数値目標</strong>"));
    let dept = &pages["somu/index.html"];
    assert!(dept.contains("当課の主な業務") && dept.contains("業務の対象"));
    assert!(dept.contains("href=\"../somu/jishu-bosai/\""));
}

#[test]
fn evaluation_page_is_computed_from_the_goals() {
    let pages = render(&seed_site());
    let html = &pages["about/evaluation/index.html"];
    for expected in [
        "-625%",
        "10%",
        "0%",
        "73.65%",
        "59.5地区",
        "54.9%",
        "(a − b) ÷ (F − b) × 100",
        "ポイント",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
    let order: Vec<usize> = [
        "－</span>未測定",
        "◎</span>達成",
        "○</span>順調",
        "×</span>悪化",
        "△</span>遅れ",
    ]
    .iter()
    .map(|s| html.find(s).unwrap_or_else(|| panic!("{s}")))
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "rule order {order:?}"
    );
}

#[test]
fn not_found_page_links_with_the_base_path() {
    let pages = render(&seed_site());
    let html = &pages["404.html"];
    assert!(html.contains("ページが見つかりません"));
    assert!(html.contains(&format!("href=\"/hyoka/{}\"", published("css/hyoka.css"))));
    assert!(html.contains("href=\"/hyoka/\""));
    assert!(!html.contains("rel=\"canonical\""));
}

#[test]
fn front_matter_text_is_escaped_everywhere() {
    let mut site = seed_site();
    {
        let goal = &mut site.departments[0].goals[0];
        goal.title = "<script>alert(1)</script>".into();
        goal.indicators[0].name = "\"引用\" & 記号".into();
    }
    site.departments[0].title = "総務<b>課</b>".into();
    let pages = render(&site);
    for (path, html) in &pages {
        assert!(
            !html.contains("<script>alert"),
            "{path} has a raw script tag"
        );
        assert!(
            !html.contains("<b>課"),
            "{path} has raw markup from a title"
        );
    }
    let goal = &pages["somu/jichikai/index.html"];
    assert!(goal.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(goal.contains("&quot;引用&quot; &amp; 記号"));
}

#[test]
fn a_site_template_overrides_one_partial() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/footer.html"),
        "<footer>独自フッター {{ site.municipality }}</footer>",
    )
    .unwrap();
    let theme = Theme::load(dir.path(), "default").unwrap();
    let site = seed_site();
    let pages = render_site(&site, &theme, &BTreeMap::new()).unwrap();
    for (path, html) in &pages {
        assert!(
            html.contains("<footer>独自フッター 毛呂山町</footer>"),
            "{path}"
        );
        assert!(html.contains("本文へ移動"), "{path}");
    }
}

#[test]
fn a_theme_folder_layers_between_builtin_and_site() {
    let dir = tempfile::tempdir().unwrap();
    let theme_dir = dir.path().join("themes/town");
    std::fs::create_dir_all(theme_dir.join("templates")).unwrap();
    std::fs::create_dir_all(theme_dir.join("static/img")).unwrap();
    std::fs::write(
        theme_dir.join("templates/header.html"),
        "<header>町テーマ</header>",
    )
    .unwrap();
    std::fs::write(theme_dir.join("static/img/logo.svg"), "<svg/>").unwrap();
    std::fs::write(theme_dir.join("static/css/../.hidden"), "x").ok();
    let theme = Theme::load(dir.path(), "town").unwrap();
    let pages = render_site(&seed_site(), &theme, &BTreeMap::new()).unwrap();
    assert!(
        pages
            .iter()
            .all(|(_, html)| html.contains("<header>町テーマ</header>"))
    );
    let files = theme.static_files().unwrap();
    let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "css/hyoka.css",
            "favicon.svg",
            "img/logo.svg",
            "js/filter.js",
            "js/search.js"
        ]
    );
}

#[test]
fn a_missing_theme_is_an_error_naming_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let err = Theme::load(dir.path(), "kakuchou").unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, RenderError::ThemeNotFound { .. }));
    assert!(message.contains("themes/kakuchou"), "{message}");
    assert!(message.contains("config.toml の theme"), "{message}");
}

#[test]
fn a_template_syntax_error_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/footer.html"),
        "<footer>{% if %}</footer>",
    )
    .unwrap();
    let message = Theme::load(dir.path(), "default").unwrap_err().to_string();
    assert!(message.contains("footer.html"), "{message}");
    assert!(message.contains("templates"), "{message}");
}

#[test]
fn a_template_rendering_error_names_page_and_template() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/data.html"),
        "{{ data.nothing.here }}",
    )
    .unwrap();
    let theme = Theme::load(dir.path(), "default").unwrap();
    let message = render_site(&seed_site(), &theme, &BTreeMap::new())
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("data/index.html") && message.contains("data.html"),
        "{message}"
    );
}

#[test]
fn builtin_static_has_the_stylesheet() {
    let dir = tempfile::tempdir().unwrap();
    let theme = Theme::load(dir.path(), "default").unwrap();
    let files = theme.static_files().unwrap();
    assert_eq!(files[0].0, "css/hyoka.css");
    let css = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(css.contains("Noto Sans JP") && !css.contains("@import") && !css.contains("url("));
}

#[test]
fn the_builtin_theme_is_every_file_of_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let theme = Theme::load(dir.path(), "default").unwrap();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let on_disk = |sub: &str| -> Vec<(String, Vec<u8>)> {
        crate::fsio::walk_files(&folder.join(sub))
            .unwrap()
            .into_iter()
            .map(|(rel, path)| (rel, std::fs::read(path).unwrap()))
            .collect()
    };
    assert_eq!(theme.static_files().unwrap(), on_disk("static"));
    let templates: Vec<String> = on_disk("templates").into_iter().map(|(n, _)| n).collect();
    let builtin: Vec<&String> = theme.template_origins().keys().collect();
    assert_eq!(builtin, templates.iter().collect::<Vec<_>>());
    assert!(builtin.len() >= 17, "{builtin:?}");
}

#[test]
fn root_prefix_follows_depth() {
    assert_eq!(views::root_for(""), "./");
    assert_eq!(views::root_for("somu/"), "../");
    assert_eq!(views::root_for("somu/jichikai/"), "../../");
}

#[test]
fn seed_goal_page_snapshot() {
    let pages = render(&seed_site());
    // The stylesheet's content hash is left out: it changes with every edit of the css.
    let page = pages["somu/jichikai/index.html"]
        .replace(published("css/hyoka.css").as_str(), "css/hyoka.css");
    insta::assert_snapshot!("seed_goal_page", page);
}

/// The published (content-hashed) name of the built-in theme's static file `path`.
fn published(path: &str) -> String {
    Theme::load(Path::new("/nonexistent-site"), "default")
        .expect("built-in theme")
        .assets()
        .published(path)
        .to_string()
}

/// Writes the rendered seed site to `/tmp/render-preview/` for a look in a browser.
#[test]
#[ignore = "writes to /tmp; run by hand for screenshots"]
fn write_preview() {
    let out = Path::new("/tmp/render-preview");
    let dir = tempfile::tempdir().unwrap();
    let theme = Theme::load(dir.path(), "default").unwrap();
    let site = seed_site();
    let graphics = preview_graphics(&site);
    let files = render_site(&site, &theme, &graphics).unwrap();
    let statics = theme.static_files().unwrap();
    for (path, bytes) in files
        .into_iter()
        .map(|(p, h)| (p, h.into_bytes()))
        .chain(statics)
    {
        let target = out.join(&path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

/// Chart markup shaped like the chart module's output, for the preview.
fn preview_graphics(site: &Site) -> BTreeMap<String, GoalGraphics> {
    let mut graphics = seed_graphics(site);
    let Ok(dir) = std::env::var("HYOKA_PREVIEW_CHARTS") else {
        return graphics;
    };
    let read = |name: &str| std::fs::read_to_string(Path::new(&dir).join(name)).ok();
    for (path, file) in [
        ("somu/jichikai/", "chart.svg"),
        ("somu/jishu-bosai/", "chart-bosai.svg"),
        ("somu/madoguchi/", "chart-madoguchi.svg"),
    ] {
        let g = graphics.get_mut(path).unwrap();
        g.chart_svg = read(file).unwrap_or_default();
        if let Some(spark) = read("sparkline.svg") {
            g.sparkline_svg = spark;
        }
    }
    graphics
}

#[test]
fn a_goal_without_actuals_shows_no_data_and_undefined_rates() {
    let mut site = seed_site();
    site.as_of = None;
    {
        let goal = &mut site.departments[0].goals[1];
        goal.indicators[0].actual.clear();
        goal.indicators[0].direction = Direction::Down;
        goal.evaluations = vec![evaluate(&goal.indicators[0], None)];
        goal.summary = None;
        goal.basis = None;
    }
    let pages = render(&site);
    let html = &pages["somu/jishu-bosai/index.html"];
    assert!(html.contains("－</span>未測定"));
    // The rates say why they are missing, not just that they are.
    assert!(!html.contains("算出できません）"));
    assert_eq!(
        html.matches("実績がまだないため、算出できません。").count(),
        2
    );
    assert!(html.contains("まだありません"));
    assert!(html.contains("低いほど良い"));
    assert!(!html.contains("事業概要</h2>"));
    let home = &pages["index.html"];
    assert!(!home.contains("の実績による評価"));
    assert!(
        home.contains("－</span>未測定</span><span class=\"count\"><span class=\"num\">1</span>件")
    );
}

#[test]
fn home_groups_goals_by_status_and_department_without_javascript() {
    let pages = render(&seed_site());
    let home = &pages["index.html"];
    for expected in [
        "全3目標のうち、<strong>0目標</strong>が計画どおり以上",
        "<a href=\"#status-behind\">",
        "<section class=\"status-group\" id=\"status-behind\"",
        "<a href=\"#dept-somu\">総務課",
        "data-status=\"worse\" data-department=\"somu/\"",
        "<form class=\"goal-filter\" hidden>",
        &format!(
            "<script src=\"./{}\" defer></script>",
            published("js/filter.js")
        ),
    ] {
        assert!(home.contains(expected), "missing {expected:?}");
    }
    let behind = &home[home.find("id=\"status-behind\"").unwrap()..];
    let behind = &behind[..behind.find("</section>").unwrap()];
    assert_eq!(behind.matches("<li>").count(), 2, "two goals 遅れ");
}

#[test]
fn accessibility_page_reports_the_theme_contrast() {
    let pages = render(&seed_site());
    let page = &pages["about/accessibility/index.html"];
    for expected in [
        "<title>アクセシビリティ方針 | 毛呂山町 行政評価</title>",
        "JIS X 8341-3:2016",
        "<caption>明るい表示の色のコントラスト比</caption>",
        "<caption>暗い表示（端末のダークモード）の色のコントラスト比</caption>",
        "<code>#1a1a1a</code>",
        "すべての組み合わせが基準を満たしています。",
        "このサイトのすべてのページ（11ページ）",
    ] {
        assert!(page.contains(expected), "missing {expected:?}");
    }
    assert!(!page.contains("満たしていません"));
    let footer = &pages["somu/index.html"];
    assert!(footer.contains("<a href=\"../about/accessibility/\">アクセシビリティ方針</a>"));
    assert!(footer.contains("<a href=\"../report/\">印刷用の冊子（PDF用）</a>"));
}

#[test]
fn a_low_contrast_stylesheet_is_reported_as_such() {
    let css = ":root { --text: #999999; --bg: #ffffff; --border: #767676; }";
    let view = view::AccessibilityView::new(&seed_site(), css, 1);
    assert!(!view.all_contrast_meets);
    let text = &view.schemes[0].pairs[0];
    assert_eq!(
        (text.label.as_str(), text.ratio_text.as_str(), text.meets),
        ("本文の文字", "2.84:1", false)
    );
    assert_eq!(view.schemes.len(), 1, "no dark block, no dark table");
}

#[test]
fn notes_stand_beside_their_values_and_excluded_indicators_give_their_reason() {
    use crate::model::{Note, SeriesKind};
    let mut site = seed_site();
    {
        let goal = &mut site.departments[0].goals[0];
        let ind = &mut goal.indicators[0];
        ind.details.notes.push(Note {
            kind: SeriesKind::Actual,
            year: fy(2024),
            text: "見込".into(),
        });
        let mut second = ind.clone();
        second.name = "自治会の数".into();
        second.details = crate::model::Details {
            exclude: Some("集計方法を変えたため".into()),
            code: Some("1-2".into()),
            ..Default::default()
        };
        goal.indicators.push(second);
        goal.evaluations = goal
            .indicators
            .iter()
            .map(|i| evaluate(i, site.as_of))
            .collect();
    }
    // As SiteBuilder::finish sets it.
    site.indicator_details = true;
    let pages = render(&site);
    let html = &pages["somu/jichikai/index.html"];
    for expected in [
        "<span class=\"num\">72.1%（見込）</span>",
        "id=\"1-2\"",
        "指標2：自治会の数",
        "理由：集計方法を変えたため",
        "／</span>対象外",
        "<a href=\"#1\">自治会加入割合</a>",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
    // The home page counts indicators and lists each one with its own status.
    let home = &pages["index.html"];
    assert!(home.contains("全3目標の4指標のうち"), "{home}");
    assert!(home.contains("id=\"status-excluded\""));
    assert!(home.contains("地域コミュニティの推進：自治会の数"));
}

#[test]
fn a_cards_keys_are_the_card_views_and_the_status() {
    let site = seed_site();
    let theme = Theme::load(Path::new("/nonexistent-root"), "default").expect("built-in theme");
    let r = Renderer::new(&site, &theme);
    let (dept, goal) = site.goals().next().expect("a goal");
    let (_, card) = r
        .goal(dept, goal, &goal.body, &GoalGraphics::default())
        .expect("render");
    let view = GoalView::new(&site, dept, goal, &goal.body, &GoalGraphics::default());
    let expected = Value::from_serializable(&view.into_card().0);
    let mut want: Vec<String> = expected
        .as_map()
        .expect("a map")
        .keys()
        .map(|k| k.to_string())
        .collect();
    want.push("status".into());
    want.sort();
    let mut got: Vec<String> = card
        .0
        .as_map()
        .expect("a map")
        .keys()
        .map(|k| k.to_string())
        .collect();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(CARD_KEYS.len() + 1, got.len());
}
