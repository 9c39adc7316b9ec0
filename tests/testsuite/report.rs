//! The booklet (冊子) at `report/`: cover, contents numbered by 課 and goal, every goal in
//! the site's order with its evaluation, tables and charts; ids unique and every link of
//! the page leading somewhere; `hyoka build --pdf` without a Chromium says so and keeps
//! the HTML.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use crate::harness::*;

/// Every value of attribute `name` (`id="…"`) in `html`, in order.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let value = &html[i + needle.len()..];
            &value[..value.find('"').expect("closing quote")]
        })
        .collect()
}

/// The site's departments and goals in order, from the open data (one row per indicator):
/// (department title, [(goal path, goal title)]).
fn site_order(site: &SiteTest) -> Vec<(String, Vec<(String, String)>)> {
    let rows = site.json("public/data/indicators.json");
    let mut order: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut seen = HashSet::new();
    for row in rows.as_array().expect("rows") {
        let text = |k: &str| row[k].as_str().expect(k).to_string();
        let path = format!("{}/{}/", text("department_slug"), text("slug"));
        if !seen.insert(path.clone()) {
            continue;
        }
        let dept = text("department");
        if order.last().map(|(d, _)| d) != Some(&dept) {
            order.push((dept.clone(), Vec::new()));
        }
        order.last_mut().unwrap().1.push((path, text("title")));
    }
    order
}

/// Asserts what every booklet must hold, for the site built in `site`.
fn assert_booklet(site: &SiteTest) -> String {
    let html = site.read("public/report/index.html");
    let order = site_order(site);
    let goal_count: usize = order.iter().map(|(_, g)| g.len()).sum();
    assert!(goal_count > 0);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    assert!(
        html.contains(&format!("<dd>{goal_count}目標</dd>")),
        "cover counts"
    );

    // Contents, then the parts, in the site's order and numbered 1, 1-1, 1-2, 2 …
    let toc_start = html
        .find("<h2 id=\"report-toc-title\">目次</h2>")
        .expect("contents");
    let mut at_toc = toc_start;
    let mut at_body = html
        .find("</nav>\n<section class=\"report-department\"")
        .expect("parts");
    for (d, (dept, goals)) in order.iter().enumerate() {
        let n = d + 1;
        let entry =
            format!("<a href=\"#dept-{n}\"><span class=\"report-number\">{n}</span> {dept}</a>");
        at_toc += html[at_toc..]
            .find(&entry)
            .unwrap_or_else(|| panic!("contents: {entry}"));
        let heading = format!(
            "<h1 class=\"report-department-title\" id=\"dept-{n}-title\"><span class=\"report-number\">{n}</span> {dept}</h1>"
        );
        at_body += html[at_body..]
            .find(&heading)
            .unwrap_or_else(|| panic!("part: {heading}"));
        for (g, (path, title)) in goals.iter().enumerate() {
            let number = format!("{n}-{}", g + 1);
            let entry = format!(
                "<a href=\"#goal-{number}\"><span class=\"report-number\">{number}</span> {title}</a>"
            );
            at_toc += html[at_toc..]
                .find(&entry)
                .unwrap_or_else(|| panic!("contents: {entry}"));
            let article = format!("<article class=\"report-goal\" id=\"goal-{number}\">");
            at_body += html[at_body..]
                .find(&article)
                .unwrap_or_else(|| panic!("part: {article}"));
            let part_end = html[at_body..].find("</article>").unwrap() + at_body;
            let part = &html[at_body..part_end];
            // The goal page's own content: title, evaluation, a table, a chart, its text.
            let page = site.read(&format!("public/{path}index.html"));
            let h1 = format!("<span class=\"report-number\">{number}</span> {title}");
            assert!(part.contains(&h1), "{number}: title");
            assert!(
                part.contains("<span class=\"status status-"),
                "{number}: status"
            );
            assert!(
                part.contains("達成率") && part.contains("進捗率"),
                "{number}: figures"
            );
            assert!(part.contains("<caption>"), "{number}: table");
            assert!(
                part.contains("<svg") && part.contains("role=\"img\""),
                "{number}: chart"
            );
            if page.contains("<section class=\"prose\"") {
                assert!(
                    part.contains("<section class=\"prose\""),
                    "{number}: body text"
                );
            }
            if page.contains("町の評価 <strong>") {
                assert!(
                    part.contains("町の評価 <strong>"),
                    "{number}: the town's grade"
                );
            }
            assert!(
                part.contains("data-print-url=\"https://example.jp/"),
                "{number}: printed URLs"
            );
        }
    }
    assert_eq!(
        html.matches("<article class=\"report-goal\"").count(),
        goal_count
    );

    // One page: ids are unique, and every reference to one finds it.
    let ids: Vec<&str> = attributes(&html, "id");
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate ids");
    for name in ["aria-labelledby", "aria-describedby", "for"] {
        for value in attributes(&html, name) {
            for id in value.split(' ') {
                assert!(unique.contains(id), "{name}=\"{value}\": no element {id}");
            }
        }
    }
    // Every link inside the page finds its target; every link into the site, its file.
    let public = site.path("public");
    for href in attributes(&html, "href") {
        if let Some(id) = href.strip_prefix('#') {
            assert!(unique.contains(id), "href=\"{href}\": no element");
        } else if let Some(rel) = href.strip_prefix("../") {
            let file = rel.split(['#', '?']).next().unwrap();
            let file = if file.is_empty() || file.ends_with('/') {
                format!("{file}index.html")
            } else {
                file.to_string()
            };
            assert!(exists(&public, &file), "href=\"{href}\": no file {file}");
        }
    }
    html
}

fn exists(public: &Path, file: &str) -> bool {
    public.join(file).is_file()
}

#[test]
fn the_booklet_holds_every_goal_in_order_with_its_evaluation() {
    let site = SiteTest::repo_site();
    site.build();
    let html = assert_booklet(&site);
    // Cover: town, title and fiscal year (和暦 with 西暦), from config.toml.
    assert!(html.contains("<p class=\"report-municipality\">毛呂山町</p>"));
    assert!(html.contains("<h1 id=\"report-title\">毛呂山町 行政評価</h1>"));
    assert!(html.contains("<p class=\"report-year\">令和6年度（2024年度）</p>"));
    // The running header of printed pages, as a CSS string.
    assert!(html.contains("@top-center { content: \"毛呂山町 行政評価　令和6年度（2024年度）\";"));
    // A body link to the department page points into the booklet.
    assert!(html.contains("<a href=\"#dept-1\" data-print-section=\"1\">総務課</a>"));
    // Linked from every page's footer, and not in the sitemap (its goals are there).
    assert!(
        site.read("public/index.html")
            .contains("<a href=\"./report/\">印刷用の冊子（PDF用）</a>")
    );
    assert!(!site.read("public/sitemap.xml").contains("/report/"));
}

#[test]
fn a_larger_town_and_the_towns_own_grades() {
    for name in ["town", "judgement", "real-report"] {
        let site = SiteTest::fixture(name);
        site.build();
        assert_booklet(&site);
    }
}

#[test]
fn pdf_without_chromium_says_what_to_install_and_keeps_the_html() {
    let site = SiteTest::minimal();
    let empty = tempfile::tempdir().expect("temp dir");
    let run = site.run_env(
        &["build", "--pdf"],
        &[("PATH", empty.path().to_str().expect("utf-8 path"))],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("冊子を PDF にできません: Chromium が見つかりません"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("sudo apt-get install chromium"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("サイトと冊子の HTML は書き出しました"),
        "{}",
        run.stderr
    );
    assert!(site.path("public/report/index.html").is_file());
    assert!(site.path("public/somu/jichikai/index.html").is_file());
    assert!(!site.path("public/report/report.pdf").exists());
    // Without --pdf nothing is asked of Chromium.
    let run = site.run_env(&["build"], &[("PATH", empty.path().to_str().unwrap())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
