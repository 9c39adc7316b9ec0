//! History from git (contract §10) on repositories the tests make with real commits: the
//! `git` command line makes them (setup only; hyoka reads them with gix), with fixed names
//! and dates and no user or system configuration, so every run sees the same history.

use std::path::Path;
use std::process::Command;

use crate::harness::{CONFIG, DEPT, SiteTest};

/// Runs `git` in `dir` with fixed identity and date (`date` as git reads it).
pub(crate) fn git(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir.join(".no-home"))
        .env("GIT_AUTHOR_NAME", "総務課")
        .env("GIT_AUTHOR_EMAIL", "somu@example.jp")
        .env("GIT_COMMITTER_NAME", "総務課")
        .env("GIT_COMMITTER_EMAIL", "somu@example.jp")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn commit(site: &SiteTest, message: &str, date: &str) {
    git(site.root(), &["add", "-A", "config.toml", "content"], date);
    git(site.root(), &["commit", "-q", "-m", message], date);
}

fn jichikai(target_r7: &str, actual: &str, body: &str) -> String {
    format!(
        "---\ntitle: 地域コミュニティの推進\nindicator:\n  name: 自治会加入割合\n  unit: \"%\"\n  direction: up\n  baseline: {{ year: 令和5年度, value: 74.6 }}\n  actual:\n    令和6年度: 72.1\n{actual}  targets:\n    令和7年度: {target_r7}\n    令和11年度: 75.0\n---\n\n{body}\n"
    )
}

fn bosai(body: &str) -> String {
    format!(
        "---\ntitle: 防災体制の強化\nindicator:\n  name: 自主防災組織率\n  unit: \"%\"\n  direction: up\n  baseline: {{ year: 令和5年度, value: 60.0 }}\n  actual:\n    令和6年度: 62.0\n  targets:\n    令和11年度: 80.0\n---\n\n## 期待される効果\n\n{body}\n"
    )
}

/// Five commits: both goals written (at 05:00 in Tokyo, the evening before in UTC); an
/// actual added; a target lowered; a file renamed; a body edited.
fn repository() -> SiteTest {
    let site = SiteTest::empty()
        .file("config.toml", CONFIG)
        .file("content/somu/_index.md", DEPT)
        .file("content/somu/jichikai.md", &jichikai("74.0", "", "本文。"))
        .file("content/somu/bosai.md", &bosai("訓練を行います。"));
    git(site.root(), &["init", "-q"], "2025-03-31T20:00:00+0000");
    commit(&site, "目標を作成", "2025-03-31T20:00:00+0000");
    site.write(
        "content/somu/jichikai.md",
        &jichikai("74.0", "    令和7年度: 71.2\n", "本文。"),
    );
    commit(&site, "令和7年度の実績", "2025-06-02T10:00:00+0900");
    site.write(
        "content/somu/jichikai.md",
        &jichikai("72.7", "    令和7年度: 71.2\n", "本文。"),
    );
    commit(&site, "目標値の見直し", "2025-09-01T10:00:00+0900");
    git(
        site.root(),
        &["mv", "content/somu/bosai.md", "content/somu/bousai.md"],
        "2025-10-01T10:00:00+0900",
    );
    commit(&site, "ファイル名の変更", "2025-10-01T10:00:00+0900");
    site.write(
        "content/somu/bousai.md",
        &bosai("訓練を年2回行います。避難所も開設します。"),
    );
    commit(&site, "本文の書き直し", "2025-11-04T10:00:00+0900");
    site
}

/// The 更新履歴 section of a goal page.
fn history_section(page: &str) -> &str {
    let start = page
        .find("id=\"history-heading\"")
        .expect("更新履歴 section");
    let end = page[start..].find("</section>").expect("section end") + start;
    &page[start..end]
}

#[test]
fn goal_pages_list_each_commit_in_words_newest_first() {
    let site = repository();
    let run = site.build();
    assert!(!run.stderr.contains("更新履歴"), "no note: {}", run.stderr);

    let page = site.read("public/somu/jichikai/index.html");
    let history = history_section(&page);
    let lowered = history
        .find("令和7年度の目標値 74.0 → 72.7")
        .expect("lowered target");
    let added = history
        .find("実績（令和7年度）を追加 71.2")
        .expect("added actual");
    let created = history.find("目標を掲載").expect("created");
    assert!(
        lowered < added && added < created,
        "newest first:\n{history}"
    );
    // Dates in Asia/Tokyo: the first commit was made on 31 March in UTC.
    assert!(
        history.contains(
            "<time datetime=\"2025-04-01T05:00:00+09:00\">令和7年4月1日（2025年4月1日）</time>"
        ),
        "{history}"
    );
    assert!(history.contains("<time datetime=\"2025-09-01T10:00:00+09:00\">令和7年9月1日（2025年9月1日）</time> <span class=\"draft-mark lowered-mark\">目標の引き下げ</span>"), "{history}");
    // 更新日: the last commit's date, as the goal has no `updated:`.
    assert!(
        page.contains(
            "<dt>更新日</dt><dd><time datetime=\"2025-09-01\">令和7年9月1日（2025年9月1日）</time>"
        ),
        "{page}"
    );

    let renamed = site.read("public/somu/bousai/index.html");
    let history = history_section(&renamed);
    let body = history.find("本文の更新").expect("body-only edit");
    let moved = history
        .find("ファイルの移動（somu/bosai.md から）")
        .expect("rename followed");
    let created = history
        .find("目標を掲載")
        .expect("history from before the rename");
    assert!(body < moved && moved < created, "{history}");
    assert!(
        !history.contains("目標値"),
        "a body edit says nothing of values: {history}"
    );
    assert!(!renamed.contains("lowered-mark"), "not lowered");
}

#[test]
fn a_lowered_target_is_marked_in_words_wherever_the_goal_is_shown() {
    let site = repository();
    site.build();
    let mark = "<span class=\"draft-mark lowered-mark\">目標の引き下げ（令和7年9月1日（2025年9月1日））</span>";
    let goal = site.read("public/somu/jichikai/index.html");
    assert!(
        goal.contains(&format!("<h1>地域コミュニティの推進 {mark}</h1>")),
        "{goal}"
    );
    for page in ["public/index.html", "public/somu/index.html"] {
        let html = site.read(page);
        assert_eq!(html.matches(mark).count(), 1, "{page}");
        assert!(
            html.contains(&format!(">地域コミュニティの推進</a> {mark}")),
            "{page}"
        );
        assert!(
            !html.contains(">防災体制の強化</a> <span class=\"draft-mark lowered"),
            "{page}"
        );
    }
}

#[test]
fn the_changes_page_lists_every_change_newest_first() {
    let site = repository();
    site.build();
    let page = site.read("public/about/changes/index.html");
    let order = [
        "本文の更新",
        "ファイルの移動（somu/bosai.md から）",
        "令和7年度の目標値 74.0 → 72.7（目標の引き下げ）",
        "実績（令和7年度）を追加 71.2",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|p| page.find(p).unwrap_or_else(|| panic!("{p}:\n{page}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert_eq!(
        page.matches("目標を掲載").count(),
        2,
        "both goals' first commit"
    );
    assert!(page.contains("<a href=\"../../somu/bousai/\">防災体制の強化</a>"));
    assert!(page.contains("（1件）には「目標の引き下げ」"));
    // Linked from every page: the feed in the head, the page in the footer.
    for p in [
        "public/index.html",
        "public/somu/jichikai/index.html",
        "public/about/changes/index.html",
    ] {
        let html = site.read(p);
        assert!(
            html.contains("<link rel=\"alternate\" type=\"application/atom+xml\""),
            "{p}"
        );
        assert!(html.contains("更新履歴</a></li>"), "{p}");
    }
    assert!(site.read("public/sitemap.xml").contains("about/changes/"));
}

#[test]
fn the_feed_is_well_formed_atom_with_stable_ids() {
    let site = repository();
    site.build();
    let first = site.read("public/feed.xml");
    let doc = roxmltree::Document::parse(&first).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let child = |n: roxmltree::Node<'_, '_>, name: &str| {
        n.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(child(feed, "updated"), "2025-11-04T10:00:00+09:00");
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    assert_eq!(entries.len(), 6);
    let ids: Vec<String> = entries.iter().map(|e| child(*e, "id")).collect();
    assert!(
        ids.iter().all(|id| id.starts_with("tag:example.jp,20")),
        "{ids:?}"
    );
    assert!(ids[0].ends_with("/content/somu/bousai.md"), "{ids:?}");
    let lowered = entries
        .iter()
        .find(|e| child(**e, "title").starts_with("【目標の引き下げ】"))
        .expect("the lowering");
    assert_eq!(child(*lowered, "updated"), "2025-09-01T10:00:00+09:00");
    let link = lowered
        .children()
        .find(|c| c.tag_name().name() == "link")
        .and_then(|l| l.attribute("href"));
    assert_eq!(link, Some("https://example.jp/hyoka/somu/jichikai/"));

    // Built again (nothing committed in between): the same ids, the same bytes.
    site.build();
    let second = site.read("public/feed.xml");
    let again = roxmltree::Document::parse(&second).expect("well-formed XML");
    let ids_again: Vec<String> = again
        .root_element()
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .map(|e| child(e, "id"))
        .collect();
    assert_eq!(ids, ids_again);
}

#[test]
fn two_builds_of_one_commit_are_byte_identical() {
    let site = repository();
    site.build();
    let first = site.snapshot_dir("public");
    // A second checkout of the same commit, elsewhere and later: the same bytes.
    let clone = SiteTest::empty();
    git(
        clone.root(),
        &[
            "clone",
            "-q",
            &format!("file://{}", site.root().display()),
            ".",
        ],
        "2030-01-01T00:00:00+0000",
    );
    clone.build();
    assert!(clone.path("public/feed.xml").is_file());
    assert!(first == clone.snapshot_dir("public"), "builds differ");
}

#[test]
fn a_shallow_clone_leaves_the_history_out_and_says_so_once() {
    let site = repository();
    let clone = SiteTest::empty();
    git(
        clone.root(),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            &format!("file://{}", site.root().display()),
            ".",
        ],
        "2030-01-01T00:00:00+0000",
    );
    let run = clone.build();
    assert_eq!(
        run.stderr.matches("shallow clone").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(!clone.path("public/feed.xml").exists());
    assert!(!clone.path("public/about/changes/index.html").exists());
    let page = clone.read("public/somu/jichikai/index.html");
    assert!(!page.contains("更新履歴"));
    assert!(!page.contains("lowered-mark"));
    assert!(!page.contains("application/atom+xml"));
}

#[test]
fn outside_git_the_build_says_so_once_and_makes_no_history() {
    let site = SiteTest::minimal();
    let run = site.build();
    assert_eq!(
        run.stderr
            .matches("注意: サイトが git リポジトリの中にないため、更新履歴")
            .count(),
        1,
        "{}",
        run.stderr
    );
    assert!(!site.path("public/feed.xml").exists());
    assert!(!site.read("public/index.html").contains("更新履歴"));
}

#[test]
fn uncommitted_edits_show_their_values_but_not_in_the_history() {
    let site = repository();
    site.write(
        "content/somu/jichikai.md",
        &jichikai("70.0", "    令和7年度: 71.2\n", "本文。"),
    );
    site.build();
    let page = site.read("public/somu/jichikai/index.html");
    assert!(page.contains("70.0"), "the working file's value is shown");
    let history = history_section(&page);
    assert!(!history.contains("70.0"), "{history}");
    assert!(history.contains("74.0 → 72.7"));
}

#[test]
fn a_goal_renamed_twice_keeps_its_whole_history() {
    let site = repository();
    git(
        site.root(),
        &[
            "mv",
            "content/somu/bousai.md",
            "content/somu/bosai-taisei.md",
        ],
        "2025-12-01T10:00:00+0900",
    );
    commit(&site, "もう一度名前を変更", "2025-12-01T10:00:00+0900");
    site.build();
    let page = site.read("public/somu/bosai-taisei/index.html");
    let history = history_section(&page);
    for phrase in [
        "ファイルの移動（somu/bousai.md から）",
        "本文の更新",
        "ファイルの移動（somu/bosai.md から）",
        "目標を掲載",
    ] {
        assert!(history.contains(phrase), "{phrase}: {history}");
    }
    assert_eq!(history.matches("<li><time").count(), 4, "{history}");
}

/// `hyoka serve` keeps the history it read; an edit reads it again only when HEAD moved (a
/// commit made while serving), and then the pages show the new entry.
#[test]
fn serve_reads_the_history_again_only_when_head_moves() {
    use hyoka::{BuildOptions, Rebuilder};
    let site = repository();
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        ..BuildOptions::default()
    };
    let mut rebuilder = Rebuilder::new(options).expect("first build");
    let page = |r: &Rebuilder| {
        String::from_utf8(
            r.plan()
                .expect("a plan")
                .get("somu/jichikai/index.html")
                .expect("the goal page")
                .to_vec(),
        )
        .expect("UTF-8")
    };
    assert!(page(&rebuilder).contains("74.0 → 72.7"));
    // An edit not committed: the value shows, the history stays.
    let path = "content/somu/jichikai.md";
    site.write(path, &jichikai("72.0", "    令和7年度: 71.2\n", "本文。"));
    rebuilder.rebuild(&[site.path(path)]).expect("rebuild");
    assert!(!page(&rebuilder).contains("72.7 → 72.0"));
    // Committed: HEAD moved, and the next edit brings the new entry.
    commit(&site, "目標値の再見直し", "2025-12-01T10:00:00+0900");
    site.write(path, &jichikai("72.0", "    令和7年度: 71.2\n", "本文。\n"));
    rebuilder.rebuild(&[site.path(path)]).expect("rebuild");
    let html = page(&rebuilder);
    assert!(
        html.contains("令和7年度の目標値 72.7 → 72.0（目標の引き下げ）"),
        "{html}"
    );
    let feed = String::from_utf8(
        rebuilder
            .plan()
            .expect("a plan")
            .get("feed.xml")
            .expect("feed")
            .to_vec(),
    )
    .expect("UTF-8");
    assert!(
        feed.contains("<updated>2025-12-01T10:00:00+09:00</updated>"),
        "{feed}"
    );
}
