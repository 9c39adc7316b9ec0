//! A site of more than a town's size: every page stays under 1 MB, every goal is reachable
//! from the home page within three links, and each paged list (every goal, per status, per
//! department) holds every goal exactly once.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use crate::harness::SiteTest;

/// The largest page a phone should be asked to open.
const PAGE_LIMIT: u64 = 1_000_000;

/// A 1,200-goal corpus where one department (総務課) holds four departments' goals (240),
/// so it is paged too.
fn large_site() -> SiteTest {
    let site = SiteTest::corpus(1200, 1);
    into_somu(&site, &["kikaku", "zeimu", "jumin"]);
    site.build();
    site
}

/// Moves the goals of `departments` into 総務課.
fn into_somu(site: &SiteTest, departments: &[&str]) {
    let content = site.path("content");
    for dept in departments {
        for entry in std::fs::read_dir(content.join(dept)).expect("read dept") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            if name != "_index.md" {
                std::fs::rename(&path, content.join("somu").join(&name)).expect("move goal");
            }
        }
    }
}

/// Every `href` of an HTML page.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// Site-relative page path (`somu/`, `""`) a link of the page at `from` goes to, if it is a
/// page of this site (fragments dropped).
fn resolve(from: &str, href: &str) -> Option<String> {
    if href.contains("://") || href.starts_with('/') || href.starts_with("mailto:") {
        return None;
    }
    let href = href.split('#').next().unwrap_or("");
    if href.is_empty() {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    if !href.ends_with('/') {
        return None; // a file (CSS, CSV …), not a page
    }
    Some(parts.iter().map(|p| format!("{p}/")).collect())
}

/// The links of the page at `path` found in the list elements opened by `marker`.
fn list_links(out: &Path, path: &str, marker: &str) -> Vec<String> {
    let html = std::fs::read_to_string(out.join(path).join("index.html")).expect("read page");
    html.split(marker)
        .skip(1)
        .flat_map(|chunk| {
            let chunk = chunk.split("</ul>").next().unwrap_or("");
            chunk
                .split("<li")
                .filter_map(|li| hrefs(li).first().and_then(|h| resolve(path, h)))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Pages of a paged list from its first page, following 「次へ」.
fn list_pages(out: &Path, first: &str) -> Vec<String> {
    let mut pages = vec![first.to_string()];
    loop {
        let at = pages.last().expect("a page").clone();
        let html = std::fs::read_to_string(out.join(&at).join("index.html")).expect("read page");
        let next = html
            .split("rel=\"next\"")
            .next()
            .filter(|before| before.len() < html.len())
            .and_then(|before| before.rsplit("href=\"").next())
            .and_then(|h| h.split('"').next())
            .and_then(|h| resolve(&at, h));
        match next {
            Some(n) if !pages.contains(&n) => pages.push(n),
            _ => return pages,
        }
    }
}

/// Each goal page of the output: a folder with its data.json.
fn goal_pages(out: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_name() == "data.json")
        .map(|e| {
            let dir = e.path().parent().expect("folder");
            let rel = dir.strip_prefix(out).expect("prefix").to_string_lossy();
            format!("{}/", rel.replace('\\', "/"))
        })
        .collect()
}

fn assert_each_once(family: &str, listed: &[String], goals: &BTreeSet<String>) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for path in listed {
        *seen.entry(path.as_str()).or_default() += 1;
    }
    let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.is_empty(),
        "{family}: listed more than once: {twice:?}"
    );
    let missing: Vec<_> = goals
        .iter()
        .filter(|g| !seen.contains_key(g.as_str()))
        .collect();
    assert!(missing.is_empty(), "{family}: missing {missing:?}");
    assert_eq!(
        seen.len(),
        goals.len(),
        "{family}: lists pages that are no goals"
    );
}

#[test]
fn a_1200_goal_site_has_small_pages_reachable_in_three_links_and_complete_lists() {
    let site = large_site();
    let out = site.path("public");
    let goals = goal_pages(&out);
    assert_eq!(goals.len(), 1200);

    // No page over 1 MB.
    let big: Vec<_> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter(|e| e.metadata().expect("size").len() > PAGE_LIMIT)
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(big.is_empty(), "pages over 1 MB: {big:?}");

    // The accessibility page counts every page, the paged lists' too.
    let pages = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    let accessibility = site.read("public/about/accessibility/index.html");
    assert!(
        accessibility.contains(&format!("すべてのページ（{pages}ページ）")),
        "{pages} pages on disk; {}",
        accessibility
            .split("すべてのページ")
            .nth(1)
            .unwrap_or("")
            .chars()
            .take(20)
            .collect::<String>()
    );

    // Breadth-first from the home page, three links deep.
    let mut depth: BTreeMap<String, usize> = BTreeMap::from([(String::new(), 0)]);
    let mut queue = VecDeque::from([String::new()]);
    while let Some(page) = queue.pop_front() {
        let d = depth[&page];
        if d == 3 {
            continue;
        }
        let Ok(html) = std::fs::read_to_string(out.join(&page).join("index.html")) else {
            continue;
        };
        for href in hrefs(&html) {
            if let Some(to) = resolve(&page, href)
                && !depth.contains_key(&to)
            {
                depth.insert(to.clone(), d + 1);
                queue.push_back(to);
            }
        }
    }
    let far: Vec<_> = goals.iter().filter(|g| !depth.contains_key(*g)).collect();
    assert!(
        far.is_empty(),
        "goals more than three links from home: {far:?}"
    );

    // Every goal, 100 a page.
    let pages = list_pages(&out, "goals/");
    assert_eq!(pages.len(), 12, "{pages:?}");
    assert_eq!(pages[1], "goals/2/");
    let all: Vec<String> = pages
        .iter()
        .flat_map(|p| list_links(&out, p, "<ul class=\"goal-list\">"))
        .collect();
    assert_each_once("goals/", &all, &goals);

    // Per status: the lists of every status together.
    let home = site.read("public/index.html");
    let status_firsts: BTreeSet<String> = hrefs(&home)
        .into_iter()
        .filter_map(|h| resolve("", h))
        .filter(|p| p.starts_with("goals/status/"))
        .collect();
    assert_eq!(status_firsts.len(), 5, "{status_firsts:?}");
    let by_status: Vec<String> = status_firsts
        .iter()
        .flat_map(|first| list_pages(&out, first))
        .flat_map(|p| list_links(&out, &p, "<ul class=\"status-group-list\">"))
        .collect();
    assert_each_once("goals/status/", &by_status, &goals);

    // Per department: 総務課 (240 goals) on three pages, the others on one.
    let somu = list_pages(&out, "somu/");
    assert_eq!(somu, ["somu/", "somu/page/2/", "somu/page/3/"]);
    let departments: BTreeSet<String> = goals
        .iter()
        .map(|g| format!("{}/", g.split('/').next().expect("dept")))
        .collect();
    let by_department: Vec<String> = departments
        .iter()
        .flat_map(|first| list_pages(&out, first))
        .flat_map(|p| list_links(&out, &p, "<ul class=\"goal-list\">"))
        .collect();
    assert_each_once("department pages", &by_department, &goals);

    // The pagination is a named nav marking the page shown, in Japanese.
    let second = site.read("public/somu/page/2/index.html");
    assert!(
        second
            .contains("<nav class=\"dept-index pagination\" aria-label=\"総務課の目標のページ\">")
    );
    assert!(second.contains("aria-current=\"page\"><strong>2</strong>"));
    assert!(second.contains("rel=\"prev\">前へ") && second.contains("rel=\"next\">次へ"));
    // Every list page is in the sitemap.
    let sitemap = site.read("public/sitemap.xml");
    for page in pages.iter().chain(&somu) {
        assert!(
            sitemap.contains(&format!("<loc>https://example.jp/hyoka/{page}</loc>")),
            "{page} not in the sitemap"
        );
    }
}

#[test]
fn a_town_sized_site_keeps_every_goal_on_the_home_page() {
    let site = SiteTest::corpus(100, 1);
    site.build();
    let home = site.read("public/index.html");
    assert_eq!(home.matches("class=\"goal-card\"").count(), 100);
    assert!(
        home.contains("js/filter."),
        "the filter script (content-hashed name)"
    );
    assert!(
        site.path("public/report/index.html").exists(),
        "and the booklet"
    );
    assert!(!site.path("public/goals").exists());
}

#[test]
fn no_department_may_take_the_paged_lists_folder() {
    let site = SiteTest::minimal()
        .file("content/goals/_index.md", crate::harness::DEPT)
        .file(
            "content/goals/x.md",
            &crate::harness::goal("目標", crate::harness::SEED_INDICATOR),
        );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("[E-RESERVED-SLUG]"), "{}", run.stderr);
    assert!(run.stderr.contains("URL「/goals/」"), "{}", run.stderr);
}

/// Paths whose bytes differ between two plans.
fn plan_differences(a: &hyoka::OutputPlan, b: &hyoka::OutputPlan) -> Vec<String> {
    let mut paths: Vec<String> = a.paths().chain(b.paths()).map(str::to_string).collect();
    paths.sort();
    paths.dedup();
    paths.retain(|p| a.get(p) != b.get(p));
    paths
}

#[test]
fn a_large_site_built_once_is_the_same_as_the_site_kept_in_memory() {
    // `hyoka build` makes a large site's list pages as the goals' cards come, a window of
    // goals at a time, and drops each card once its pages are made; `plan_site` (what
    // check and serve use) makes them from every card at once. The files must not differ.
    let site = large_site();
    let options = hyoka::BuildOptions {
        root: site.root().to_path_buf(),
        ..hyoka::BuildOptions::default()
    };
    let (model, diags) = hyoka::load_site(&options, &[], &hyoka::Timings::new()).expect("load");
    assert!(!diags.has_errors(), "{diags:?}");
    let plan = hyoka::plan_site(&model.expect("site"), site.root()).expect("plan");
    let mut on_disk = BTreeSet::new();
    let mut differ = Vec::new();
    for (rel, bytes) in site.snapshot_dir("public") {
        if plan.get(&rel) != Some(bytes.as_slice()) {
            differ.push(rel.clone());
        }
        on_disk.insert(rel);
    }
    let planned: BTreeSet<String> = plan.paths().map(str::to_string).collect();
    assert_eq!(
        on_disk.symmetric_difference(&planned).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "files only one of the two has"
    );
    assert_eq!(differ, Vec::<String>::new(), "files whose bytes differ");
    assert!(planned.len() > 3 * 1200, "{}", planned.len());
}

#[test]
fn a_preview_drops_the_list_pages_a_deleted_goal_no_longer_needs() {
    let site = SiteTest::corpus(101, 1);
    let options = hyoka::BuildOptions {
        root: site.root().to_path_buf(),
        ..hyoka::BuildOptions::default()
    };
    let mut rebuilder = hyoka::Rebuilder::new(options.clone()).expect("first build");
    let listed = |r: &hyoka::Rebuilder| {
        r.plan()
            .expect("a plan")
            .paths()
            .filter(|p| p.starts_with("goals/"))
            .count()
    };
    assert!(
        listed(&rebuilder) >= 2,
        "a 101-goal site has its paged lists"
    );
    let gone = site.path(&crate::corpus::goal_path(3));
    std::fs::remove_file(&gone).expect("delete a goal");
    let report = rebuilder.rebuild(&[gone]).expect("rebuild");
    // Back to a town's size: the site gains its booklet, linked from every page's footer,
    // so every page is made again.
    assert!(!report.failed && !report.incremental, "{report:?}");
    assert_eq!(
        listed(&rebuilder),
        0,
        "100 goals fit on the home page again"
    );
    assert!(
        report
            .changed_outputs
            .contains(&"goals/index.html".to_string()),
        "{:?}",
        report.changed_outputs
    );
    let (model, diags) = hyoka::load_site(&options, &[], &hyoka::Timings::new()).expect("load");
    assert!(!diags.has_errors(), "{diags:?}");
    let full = hyoka::plan_site(&model.expect("site"), site.root()).expect("plan");
    assert_eq!(
        plan_differences(rebuilder.plan().expect("a plan"), &full),
        Vec::<String>::new()
    );
}

#[test]
fn a_preview_edit_renders_only_the_department_page_holding_the_goal() {
    // 240 goals, 120 of them in 総務課: two pages.
    let site = SiteTest::corpus(240, 1);
    into_somu(
        &site,
        &[
            "kikaku", "zeimu", "jumin", "hoken", "fukushi", "korei", "kodomo", "kenko", "seikatsu",
        ],
    );
    let options = hyoka::BuildOptions {
        root: site.root().to_path_buf(),
        ..hyoka::BuildOptions::default()
    };
    let mut rebuilder = hyoka::Rebuilder::new(options.clone()).expect("first build");
    let second = rebuilder
        .plan()
        .expect("a plan")
        .get("somu/page/2/index.html")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .expect("somu has a second page");
    // A goal listed on the second page: the last card there.
    let slug = second
        .rsplit("class=\"goal-card-title\"><a href=\"../../../somu/")
        .next()
        .and_then(|rest| rest.split('/').next())
        .expect("a card")
        .to_string();
    let path = site.path(&format!("content/somu/{slug}.md"));
    let text = std::fs::read_to_string(&path).expect("read goal");
    std::fs::write(&path, text.replacen("令和6年度: ", "令和6年度: 1", 1)).expect("edit");
    let report = rebuilder.rebuild(&[path]).expect("rebuild");
    assert!(!report.failed && report.incremental, "{report:?}");
    let changed = &report.changed_outputs;
    assert!(
        changed.contains(&"somu/page/2/index.html".to_string()),
        "{changed:?}"
    );
    assert!(
        !changed.contains(&"somu/index.html".to_string()),
        "{changed:?}"
    );
    let (model, diags) = hyoka::load_site(&options, &[], &hyoka::Timings::new()).expect("load");
    assert!(!diags.has_errors(), "{diags:?}");
    let full = hyoka::plan_site(&model.expect("site"), site.root()).expect("plan");
    assert_eq!(
        plan_differences(rebuilder.plan().expect("a plan"), &full),
        Vec::<String>::new()
    );
}
