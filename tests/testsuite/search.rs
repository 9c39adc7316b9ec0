//! 検索 (issue 14): the index `search/index.js` that `hyoka build` writes, the search page
//! under a sub-path, and the two normalisers (Rust for the index, the theme's script for the
//! query) agreeing on the same tricky strings.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::harness::{CONFIG, DEPT, SEED_INDICATOR, SiteTest, goal};

const PREFIX: &str = "window.hyokaSearchIndex=";

/// The index of a built site, as JSON.
fn index(site: &SiteTest) -> Value {
    let text = site.read("public/search/index.js");
    let json = text
        .strip_prefix(PREFIX)
        .and_then(|t| t.strip_suffix(";\n"))
        .unwrap_or_else(|| panic!("index is not {PREFIX}…;\n: {}", &text[..80.min(text.len())]));
    serde_json::from_str(json).expect("index JSON")
}

/// The index's goal record with `slug`.
fn record<'a>(index: &'a Value, slug: &str) -> &'a Value {
    index["goals"]
        .as_array()
        .expect("goals")
        .iter()
        .find(|g| g[1] == slug)
        .unwrap_or_else(|| panic!("no goal {slug} in the index"))
}

/// Every normalised string a goal record is found by: its own text's lines, its shared
/// strings and its department's normalised name.
fn found_by(index: &Value, goal: &Value) -> Vec<String> {
    let mut words: Vec<String> = goal[2]
        .as_str()
        .expect("text")
        .lines()
        .map(str::to_string)
        .collect();
    for id in goal[3].as_array().expect("string ids") {
        let id = id.as_u64().expect("id") as usize;
        words.push(index["strings"][id].as_str().expect("string").to_string());
    }
    let dept = goal[0].as_u64().expect("department") as usize;
    words.push(index["departments"][dept][2].as_str().expect("name").into());
    words
}

/// The slugs of the goals whose text holds `term` (already normalised), as the script
/// finds them.
fn matching(index: &Value, term: &str) -> Vec<String> {
    index["goals"]
        .as_array()
        .expect("goals")
        .iter()
        .filter(|g| found_by(index, g).iter().any(|w| w.contains(term)))
        .map(|g| g[1].as_str().expect("slug").to_string())
        .collect()
}

#[test]
fn the_index_holds_each_goals_fields_normalised() {
    let site = SiteTest::fixture("search");
    site.build();
    let index = index(&site);
    assert_eq!(index["version"], 1);

    // A full-width code is found as typed in half width.
    let kunren = record(&index, "bosai-kunren");
    assert_eq!(kunren[0], 0, "総務課 is the first department");
    let words = found_by(&index, kunren);
    assert!(words.contains(&"4-1-1".to_string()), "{words:?}");
    assert!(
        words.contains(&"総合訓練の参加者数".to_string()),
        "{words:?}"
    );
    assert!(
        words.iter().any(|w| w.contains("総合訓練と地区ごと")),
        "{words:?}"
    );
    assert!(words.contains(&"期待される効果".to_string()), "{words:?}");
    assert_eq!(
        kunren.as_array().expect("record").len(),
        5,
        "title as shown"
    );

    // Katakana is kept for display and folded for search.
    let walking = record(&index, "walking");
    assert_eq!(
        walking[2].as_str().unwrap().lines().next(),
        Some("うぉ-きんぐ教室の参加者の増加")
    );
    assert_eq!(walking[5], "ウォーキング教室の参加者の増加");

    // Statuses as ids into the index's own list of words and shapes.
    let status = |g: &Value| {
        let id = g[4][0].as_u64().expect("status id") as usize;
        index["statuses"][id].clone()
    };
    assert_eq!(status(kunren), serde_json::json!(["on_track", "順調", "○"]));
    assert_eq!(
        status(record(&index, "koho")),
        serde_json::json!(["worse", "悪化", "×"])
    );
    assert_eq!(
        index["departments"][3],
        serde_json::json!(["都市整備課", "toshi/", "都市整備課"])
    );

    // Shared strings are each written once, sorted.
    let strings: Vec<&str> = index["strings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let mut sorted = strings.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(strings, sorted);
}

#[test]
fn goals_about_bosai_are_found_through_title_heading_tag_and_summary() {
    let site = SiteTest::fixture("search");
    site.build();
    let index = index(&site);
    assert_eq!(
        matching(&index, "防災"),
        ["bosai-kunren", "hinanjo", "gakko-anzen", "usui"],
        "title, tag, heading, 事業概要"
    );
    // Typed in katakana or half-width katakana, found in hiragana, and the other way.
    assert_eq!(matching(&index, "ぼうさい"), ["bousai-map"]);
    assert_eq!(matching(&index, "せんた-"), ["center"]);
    assert_eq!(matching(&index, "うぉ-きんぐ"), ["walking"]);
}

#[test]
fn the_search_page_and_its_links_work_under_a_sub_path() {
    let site = SiteTest::fixture("search");
    site.build();
    let page = crate::harness::unhash_assets(&site.read("public/search/index.html"));
    assert!(
        page.contains("<script src=\"../search/index.js\" defer></script>"),
        "{page}"
    );
    assert!(page.contains("<script src=\"../js/search.js\" defer></script>"));
    assert!(page.contains("<label for=\"search-query\">"));
    assert!(page.contains("role=\"status\" aria-live=\"polite\""));
    assert!(page.contains("<noscript>"));
    // Without JavaScript, every goal by department.
    assert!(page.contains("<a href=\"../kyoiku/gakko-anzen/\">学校の安全の確保</a>"));
    assert!(page.contains("<h3 id=\"search-toshi\"><a href=\"../toshi/\">都市整備課</a>"));
    // The header of every page links to it, relative to the page, or from the site's path.
    let link = |root: &str| format!("<p class=\"site-search-link\"><a href=\"{root}search/\">");
    assert!(site.read("public/index.html").contains(&link("./")));
    assert!(
        site.read("public/somu/bosai-kunren/index.html")
            .contains(&link("../../"))
    );
    assert!(site.read("public/404.html").contains(&link("/a/b/")));
    assert!(
        site.read("public/sitemap.xml")
            .contains("https://example.jp/a/b/search/")
    );
    // The script under its content-hashed name (js/search.<hash>.js).
    let script = std::fs::read_dir(site.path("public/js"))
        .expect("public/js")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("search.") && n.ends_with(".js"))
        .expect("js/search.<hash>.js");
    assert!(
        site.read(&format!("public/js/{script}"))
            .contains("normalize('NFKC')")
    );
}

#[test]
fn the_index_is_byte_identical_across_builds() {
    let site = SiteTest::fixture("search");
    site.build();
    let first = std::fs::read(site.path("public/search/index.js")).unwrap();
    std::fs::remove_dir_all(site.path("public")).unwrap();
    site.build();
    assert_eq!(
        first,
        std::fs::read(site.path("public/search/index.js")).unwrap()
    );
}

#[test]
fn a_department_cannot_take_the_search_pages_url() {
    let site = SiteTest::minimal()
        .file("content/search/_index.md", DEPT)
        .file(
            "content/search/kunren.md",
            &goal("防災訓練", SEED_INDICATOR),
        );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("E-RESERVED-SLUG"), "{}", run.stderr);
    assert!(run.stderr.contains("/search/"), "{}", run.stderr);
}

/// Strings people type differently: widths, kana, dashes, wave dashes, spaces, compatibility
/// characters.
const TRICKY: &[&str] = &[
    "ﾎﾞｳｻｲ　ｾﾝﾀｰ",
    "ボウサイ・センター",
    "防災ｾﾝﾀｰ（第１号）",
    "４－１－１",
    "4−1−1 ４‐１‐２",
    "7月〜9月 ７月～９月 7月~9月 7月〰9月",
    "ＷＩ－ＦＩ ｗｉ－ｆｉ",
    "ヴァイオリン ヵヶ ヽヾ",
    "㈱ ① ㍻ ㌔ ﾊﾟｰｸ",
    "センタ― センタ— センタ–",
    "ｶﾞｷﾞｸﾞｹﾞｺﾞ ﾊﾟﾋﾟﾌﾟ",
    "Ⅻ ½ ｱｲｳｴｵ",
];

/// The normalised text of each of `titles` as the index holds it (each a goal's title).
fn rust_normalised(titles: &[&str]) -> Vec<String> {
    let mut site = SiteTest::empty()
        .file("config.toml", CONFIG)
        .file("content/somu/_index.md", DEPT);
    for (i, title) in titles.iter().enumerate() {
        let title = serde_json::to_string(title).unwrap();
        site = site.file(
            &format!("content/somu/goal-{i}.md"),
            &goal(&title, SEED_INDICATOR),
        );
    }
    site.build();
    let index = index(&site);
    (0..titles.len())
        .map(|i| {
            let goal = record(&index, &format!("goal-{i}"));
            goal[2]
                .as_str()
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// The same strings through the theme's script, run by node.
fn script_normalised(strings: &[&str]) -> Vec<String> {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/static/js/search.js"
    );
    let program = format!(
        "const {{ normalise }} = require({});\
         let input = '';\
         process.stdin.on('data', (d) => {{ input += d; }});\
         process.stdin.on('end', () => {{\
           process.stdout.write(JSON.stringify(JSON.parse(input).map(normalise)));\
         }});",
        serde_json::to_string(script).unwrap()
    );
    let mut child = Command::new("node")
        .args(["-e", &program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect(
            "node must be installed for this test (scripts/test.sh runs the browser tests with it)",
        );
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(strings).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().expect("node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("node's JSON")
}

#[test]
fn the_script_normalises_queries_as_the_index_was_normalised() {
    let rust = rust_normalised(TRICKY);
    let script = script_normalised(TRICKY);
    assert_eq!(rust, script);
    // And what each gives is the folded form, not the input.
    assert_eq!(rust[0], "ぼうさい せんた-");
    assert_eq!(rust[3], "4-1-1");
    assert_eq!(rust[5], "7月~9月 7月~9月 7月~9月 7月~9月");
    assert_eq!(rust[6], "wi-fi wi-fi");
}
