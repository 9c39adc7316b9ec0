//! 過去の版 (`[[editions]]`): a repository the tests make with real commits and two tags
//! (the values differ between them), built into `/archive/<tag>/` from the git objects;
//! the links both ways; a tag that does not exist; byte-identical builds.

use crate::harness::{CONFIG, DEPT, SiteTest};
use crate::history::git;

/// `[[editions]]` for the tags `r6` and `r5`, in that order.
pub(crate) const EDITIONS: &str = "[[editions]]\ntag = \"r6\"\nlabel = \"令和6年度版\"\n\n[[editions]]\ntag = \"r5\"\nlabel = \"令和5年度版\"\n";

fn jichikai(actuals: &str) -> String {
    format!(
        "---\ntitle: 地域コミュニティの推進\nindicator:\n  name: 自治会加入割合\n  unit: \"%\"\n  direction: up\n  baseline: {{ year: 令和5年度, value: 74.6 }}\n  actual:\n{actuals}  targets:\n    令和7年度: 74.0\n    令和11年度: 75.0\n---\n\n## 期待される効果\n\n地域のつながりが強まります。\n"
    )
}

fn simple(title: &str, name: &str, actual: &str) -> String {
    format!(
        "---\ntitle: {title}\nindicator:\n  name: {name}\n  unit: \"%\"\n  direction: up\n  baseline: {{ year: 令和5年度, value: 60.0 }}\n  actual:\n    令和6年度: {actual}\n  targets:\n    令和11年度: 80.0\n---\n\n## 期待される効果\n\n効果があります。\n"
    )
}

fn commit(site: &SiteTest, message: &str, date: &str) {
    git(site.root(), &["add", "-A", "."], date);
    git(site.root(), &["commit", "-q", "-m", message], date);
}

/// Three commits: `r5` (as_of 令和5年度 in its config.toml; 自治会 70.0, a 介護 goal since
/// removed, and a file broken under today's rules), `r6` (自治会 72.1, 防災 added), and the
/// current one (自治会 with 令和7年度 71.2) whose config.toml lists `editions`.
pub(crate) fn repository(editions: &str) -> SiteTest {
    let site = SiteTest::empty()
        .file("config.toml", &format!("{CONFIG}as_of = \"令和5年度\"\n"))
        .file("content/somu/_index.md", DEPT)
        .file(
            "content/somu/jichikai.md",
            &jichikai("    令和6年度: 70.0\n"),
        )
        .file(
            "content/somu/kaigo.md",
            &simple("介護予防の推進", "介護予防教室の参加率", "40.0"),
        )
        .file("content/somu/broken.md", "---\ntitle: [閉じていない\n---\n");
    git(site.root(), &["init", "-q"], "2024-03-31T10:00:00+0900");
    commit(&site, "令和5年度版", "2024-06-01T10:00:00+0900");
    git(site.root(), &["tag", "r5"], "2024-06-01T10:00:00+0900");
    site.write("config.toml", CONFIG);
    site.write(
        "content/somu/jichikai.md",
        &jichikai("    令和6年度: 72.1\n"),
    );
    site.write(
        "content/somu/bosai.md",
        &simple("防災体制の強化", "自主防災組織率", "62.0"),
    );
    std::fs::remove_file(site.path("content/somu/kaigo.md")).unwrap();
    std::fs::remove_file(site.path("content/somu/broken.md")).unwrap();
    commit(&site, "令和6年度版", "2025-06-01T10:00:00+0900");
    git(
        site.root(),
        &["tag", "-a", "r6", "-m", "令和6年度版"],
        "2025-06-01T10:00:00+0900",
    );
    site.write("config.toml", &format!("{CONFIG}\n{editions}"));
    site.write(
        "content/somu/jichikai.md",
        &jichikai("    令和6年度: 72.1\n    令和7年度: 71.2\n"),
    );
    commit(&site, "令和7年度の実績", "2026-06-01T10:00:00+0900");
    site
}

#[test]
fn each_tag_is_built_into_the_archive_from_the_git_objects_with_its_own_values() {
    let site = repository(EDITIONS);
    site.build();
    let r6 = site.read("public/archive/r6/somu/jichikai/index.html");
    assert!(r6.contains("令和6年度版（2024年度）の記録です。"), "{r6}");
    assert!(r6.contains("72.1") && !r6.contains("71.2"), "r6 values");
    let r5 = site.read("public/archive/r5/somu/jichikai/index.html");
    // r5's own config.toml says as_of = 令和5年度.
    assert!(r5.contains("令和5年度版（2023年度）の記録です。"), "{r5}");
    assert!(r5.contains("70.0") && !r5.contains("72.1"), "r5 values");
    // The whole site of the edition: home, department, data, with the banner.
    for page in ["index.html", "somu/index.html", "data/index.html"] {
        let html = site.read(&format!("public/archive/r6/{page}"));
        assert!(html.contains("class=\"edition-banner\""), "{page}");
    }
    let csv = site.read("public/archive/r6/somu/jichikai/data.csv");
    assert!(csv.contains("72.1") && !csv.contains("71.2"), "{csv}");
    // Read from the objects: the 介護 goal is on no disk any more.
    assert!(!site.path("content/somu/kaigo.md").exists());
    let kaigo = site.read("public/archive/r5/somu/kaigo/index.html");
    assert!(kaigo.contains("介護予防の推進"));
    assert!(!site.path("public/archive/r6/somu/kaigo").exists());
    // The edition's canonical URLs are under its own place.
    assert!(r6.contains("https://example.jp/hyoka/archive/r6/somu/jichikai/"));
}

#[test]
fn archived_pages_link_back_to_the_current_page_or_the_current_home() {
    let site = repository(EDITIONS);
    site.build();
    let r6 = site.read("public/archive/r6/somu/jichikai/index.html");
    assert!(
        r6.contains("<a href=\"../../../../somu/jichikai/\">最新の版のこのページへ</a>"),
        "{r6}"
    );
    let home = site.read("public/archive/r6/index.html");
    assert!(
        home.contains("<a href=\"./../../\">最新の版のこのページへ</a>"),
        "{home}"
    );
    let kaigo = site.read("public/archive/r5/somu/kaigo/index.html");
    assert!(
        kaigo.contains(
            "このページは最新の版にはありません。<a href=\"../../../../\">最新の版のホームへ</a>"
        ),
        "{kaigo}"
    );
    // The current pages have no banner.
    let current = site.read("public/somu/jichikai/index.html");
    assert!(!current.contains("edition-banner"));
}

#[test]
fn current_goal_pages_link_to_the_earlier_editions_that_had_them() {
    let site = repository(EDITIONS);
    site.build();
    let jichikai = site.read("public/somu/jichikai/index.html");
    assert!(
        jichikai.contains("<p class=\"earlier-editions\">過去の版: <a href=\"../../archive/r6/somu/jichikai/\">令和6年度版</a>、<a href=\"../../archive/r5/somu/jichikai/\">令和5年度版</a></p>"),
        "{jichikai}"
    );
    // 防災 was added in r6: only that edition.
    let bosai = site.read("public/somu/bosai/index.html");
    assert!(
        bosai.contains("過去の版: <a href=\"../../archive/r6/somu/bosai/\">令和6年度版</a></p>"),
        "{bosai}"
    );
}

/// `check` makes the archives in memory: the current pages' links to them are not broken,
/// and the archives' own links (history) are not checked.
#[test]
fn check_finds_the_links_to_earlier_editions_and_reports_no_broken_link() {
    let site = repository(EDITIONS);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("LINK"), "{}", run.stderr);
}

#[test]
fn an_edition_with_errors_under_today_s_rules_is_built_with_a_warning() {
    let site = repository(EDITIONS);
    let run = site.build();
    assert!(run.stderr.contains("[W-EDITION-CONTENT]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("過去の版「令和5年度版」（タグ r5）"),
        "{}",
        run.stderr
    );
    // Nothing of the old file's own error is shown as today's.
    assert!(!run.stderr.contains("broken.md"), "{}", run.stderr);
    assert!(site.path("public/archive/r5/index.html").exists());
}

#[test]
fn a_tag_that_does_not_exist_is_an_error_at_its_line_with_a_suggestion() {
    let site = repository("[[editions]]\ntag = \"r66\"\nlabel = \"令和6年度版\"\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("[E-EDITION-TAG]"), "{}", run.stderr);
    // CONFIG's three lines, a blank line, [[editions]], then the tag.
    assert!(run.stderr.contains("config.toml:6:7"), "{}", run.stderr);
    assert!(run.stderr.contains("もしかして: r6"), "{}", run.stderr);
    assert!(!site.path("public").exists());
}

#[test]
fn a_shallow_clone_without_the_tag_is_an_error_that_says_why() {
    let origin = repository(EDITIONS);
    let clone = SiteTest::empty();
    let url = format!("file://{}", origin.root().display());
    let to = clone.root().display().to_string();
    git(
        origin.root(),
        &["clone", "-q", "--depth", "1", &url, &to],
        "2026-06-01T10:00:00+0900",
    );
    let run = clone.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("[E-EDITION-TAG]"), "{}", run.stderr);
    assert!(run.stderr.contains("shallow clone"), "{}", run.stderr);
    assert!(
        run.stderr.contains("git fetch --unshallow --tags"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_builds_of_one_commit_are_byte_identical() {
    let site = repository(EDITIONS);
    site.build();
    let first = site.snapshot_dir("public");
    assert!(first.iter().any(|(p, _)| p.starts_with("archive/r5/")));
    std::fs::remove_dir_all(site.path("public")).unwrap();
    site.build();
    let second = site.snapshot_dir("public");
    assert!(first == second, "the second build differs");
}

#[test]
fn a_site_without_editions_has_no_archive_and_no_links() {
    let site = repository("");
    site.build();
    assert!(!site.path("public/archive").exists());
    let page = site.read("public/somu/jichikai/index.html");
    assert!(!page.contains("過去の版") && !page.contains("edition-banner"));
}
