//! `pipeline::Rebuilder` (what `hyoka serve` rebuilds with): after every kind of edit the
//! in-memory plan equals a fresh full build of the same files, byte for byte.

use std::path::PathBuf;

use hyoka::Diagnostics;
use hyoka::Error;
use hyoka::GoalCache;
use hyoka::OutputPlan;
use hyoka::Site;
use hyoka::Timings;
use hyoka::{BuildOptions, Keep};
use hyoka::{Rebuilder, plan_site};

use crate::corpus;
use crate::harness::*;

/// A one-off load, as `hyoka build` does it.
fn load_site(options: &BuildOptions) -> Result<(Option<Site>, Diagnostics), Error> {
    hyoka::load_site(options, &[], &Timings::new())
}

fn full_plan(options: &BuildOptions) -> OutputPlan {
    let (site, diags) = load_site(options).expect("load");
    assert!(!diags.has_errors(), "{diags:?}");
    plan_site(&site.expect("site"), &options.root).expect("plan")
}

/// Paths whose bytes differ between the two plans.
fn differences(a: &OutputPlan, b: &OutputPlan) -> Vec<String> {
    let mut paths: Vec<String> = a.paths().chain(b.paths()).map(str::to_string).collect();
    paths.sort();
    paths.dedup();
    paths.retain(|p| a.get(p) != b.get(p));
    paths
}

fn assert_same_as_full_build(rebuilder: &Rebuilder, step: &str) {
    let full = full_plan(rebuilder.options());
    let plan = rebuilder.plan().expect("a plan");
    assert_eq!(
        differences(plan, &full),
        Vec::<String>::new(),
        "after {step}"
    );
    let (_, diags) = load_site(rebuilder.options()).expect("load");
    assert_eq!(
        rebuilder.diagnostics().clone().sorted(),
        diags.sorted(),
        "findings after {step}"
    );
}

fn edit(site: &SiteTest, rel: &str, f: impl FnOnce(String) -> String) -> PathBuf {
    let path = site.path(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, f(text)).expect("write");
    path
}

#[test]
fn every_kind_of_edit_rebuilds_to_the_same_plan_as_a_full_build() {
    let site = SiteTest::corpus(60, 11);
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        ..BuildOptions::default()
    };
    let mut rebuilder = Rebuilder::new(options).expect("first build");
    assert_same_as_full_build(&rebuilder, "the first build");

    // A body edit changes that goal's page and nothing of the other goals.
    let goal5 = corpus::goal_path(5);
    let path = edit(&site, &goal5, |t| {
        t.replace("## 期待される効果", "## 期待される効果と狙い")
    });
    let report = rebuilder.rebuild(&[path]).expect("rebuild");
    assert!(!report.failed && report.incremental && report.one_goal);
    let page = format!(
        "{}/index.html",
        goal5.trim_start_matches("content/").trim_end_matches(".md")
    );
    assert!(
        report.changed_outputs.contains(&page),
        "{:?}",
        report.changed_outputs
    );
    assert!(
        !report
            .changed_outputs
            .iter()
            .any(|p| p.contains("goal-000006"))
    );
    assert_same_as_full_build(&rebuilder, "a body edit");

    // A value edit (relative path this time) changes the evaluation, chart and data.
    let goal7 = corpus::goal_path(7);
    edit(&site, &goal7, |t| t.replace("令和6年度: ", "令和6年度: 1"));
    let report = rebuilder
        .rebuild(&[PathBuf::from(&goal7)])
        .expect("rebuild");
    assert!(report.incremental && report.one_goal);
    assert_same_as_full_build(&rebuilder, "a value edit");

    // A new goal and a deleted goal.
    let new_goal = "content/somu/goal-new.md";
    std::fs::write(
        site.path(new_goal),
        corpus::goal_text(40, 99).replace("（第41号）", "（新規）"),
    )
    .expect("write");
    let goal9 = site.path(&corpus::goal_path(9));
    std::fs::remove_file(&goal9).expect("remove");
    rebuilder
        .rebuild(&[site.path(new_goal), goal9])
        .expect("rebuild");
    assert_same_as_full_build(&rebuilder, "a new goal and a deleted one");

    // A goal turned into a draft leaves the site; a new slug moves its pages.
    let goal11 = corpus::goal_path(11);
    let draft = edit(&site, &goal11, |t| {
        t.replacen("weight:", "draft: true\nweight:", 1)
    });
    let goal12 = corpus::goal_path(12);
    let moved = edit(&site, &goal12, |t| {
        t.replacen("weight:", "slug: moved-goal\nweight:", 1)
    });
    let report = rebuilder.rebuild(&[draft, moved]).expect("rebuild");
    assert!(report.incremental);
    assert!(
        report
            .changed_outputs
            .iter()
            .any(|p| p.contains("moved-goal/")),
        "{:?}",
        report.changed_outputs
    );
    assert_same_as_full_build(&rebuilder, "a draft and a new slug");

    // A department edit shows on its page and on every page of its goals.
    let dept = edit(&site, "content/kikaku/_index.md", |t| {
        t.replace("title: 企画財政課", "title: 企画課")
    });
    assert!(rebuilder.rebuild(&[dept]).expect("rebuild").incremental);
    assert_same_as_full_build(&rebuilder, "a department edit");

    // The home page text.
    let home = edit(&site, "content/_index.md", |t| t + "\n追記しました。\n");
    rebuilder.rebuild(&[home]).expect("rebuild");
    assert_same_as_full_build(&rebuilder, "a home edit");

    // A broken file keeps the last plan; fixing it rebuilds.
    let before = rebuilder.plan().expect("plan").clone();
    let goal3 = site.path(&corpus::goal_path(3));
    let good = std::fs::read_to_string(&goal3).expect("read");
    std::fs::write(&goal3, "---\ntitle: [\n---\n").expect("write");
    let report = rebuilder
        .rebuild(std::slice::from_ref(&goal3))
        .expect("rebuild");
    assert!(report.failed && rebuilder.diagnostics().has_errors());
    assert!(differences(rebuilder.plan().expect("plan"), &before).is_empty());
    std::fs::write(
        &goal3,
        good.replace("## 今年度の取り組み", "## 今年度の取組"),
    )
    .expect("write");
    rebuilder.rebuild(&[goal3]).expect("rebuild");
    assert_same_as_full_build(&rebuilder, "fixing a broken file");

    // config.toml and a template override rebuild everything.
    let config = edit(&site, "config.toml", |t| {
        t.replace("見本町 行政評価", "見本町の行政評価")
    });
    assert!(!rebuilder.rebuild(&[config]).expect("rebuild").incremental);
    assert_same_as_full_build(&rebuilder, "a config edit");
    let footer = site.path("templates/footer.html");
    std::fs::create_dir_all(footer.parent().expect("parent")).expect("mkdir");
    std::fs::write(&footer, "<footer>見本町</footer>\n").expect("write");
    rebuilder.rebuild(&[footer]).expect("rebuild");
    assert!(
        rebuilder
            .plan()
            .expect("plan")
            .get("index.html")
            .is_some_and(|b| { String::from_utf8_lossy(b).contains("<footer>見本町</footer>") })
    );
    assert_same_as_full_build(&rebuilder, "a template override");

    // An editor's temporary file, already gone, is no reason to read everything.
    let temp = site.path("content/somu/4913");
    std::fs::write(&temp, "").expect("write");
    std::fs::remove_file(&temp).expect("remove");
    let report = rebuilder.rebuild(&[temp]).expect("rebuild");
    assert!(report.incremental && report.changed_outputs.is_empty());
    assert_same_as_full_build(&rebuilder, "a temporary file");

    // An editor's swap file is no edit.
    let report = rebuilder
        .rebuild(&[site.path("content/somu/.goal-000000.md.swp")])
        .expect("rebuild");
    assert!(report.changed_outputs.is_empty() && !report.failed);
}

/// A one-off build loads, validates and proofreads one department at a time and keeps only
/// the model; it must find exactly what loading everything at once finds, including a URL
/// claimed by two departments, a folder without `_index.md` and proofreading findings.
#[test]
fn the_part_by_part_load_finds_what_loading_everything_at_once_finds() {
    use hyoka::SiteBuilder;
    use hyoka::load_content;

    let site = SiteTest::fixture("town");
    let site = site
        .file(
            "content/zzz/_index.md",
            "---\ntitle: 重複課\nslug: somu\nduties:\n  - 庶務に関すること\n---\n",
        )
        .file("content/nodex/a.md", "---\ntitle: 課のない目標\n---\n")
        .file(
            "content/_index.md",
            "---\ntitle: ホーム\n---\n\nこれわ町の評価のページです。。\n",
        );
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        ..BuildOptions::default()
    };
    let (parted, parted_diags) = load_site(&options).expect("load");
    let parted = parted.expect("a site");

    // Everything at once: the whole content read, modelled and proofread as one part.
    let config = hyoka::Config::parse(
        &std::fs::read_to_string(site.path("config.toml")).expect("config"),
        std::path::Path::new("config.toml"),
    )
    .expect("config parses");
    let mut whole_diags = Diagnostics::new();
    let content = load_content(site.root(), &mut whole_diags).expect("load");
    let mut builder = SiteBuilder::new(&config, false);
    builder.add(&content, &mut GoalCache::default());
    let (mut whole, more) = builder.finish();
    whole_diags.extend(more);
    // The load reads the history from git as well (here: none, outside a repository).
    whole.history = parted.history.clone();
    hyoka::check_rule_config(&config, &mut whole_diags);
    whole_diags.extend(hyoka::Rules::new(&config).proofread_where(&content, |_| true));

    // Kept whole for `serve`, then modelled again: the same too.
    let kept = hyoka::load(
        &options,
        &[],
        Keep::Content,
        &mut GoalCache::remembering(),
        &Timings::new(),
    )
    .expect("load")
    .expect("config parses");
    assert_eq!(kept.loaded.content, content);
    let (remodelled, _) = kept.loaded.model(false, &mut GoalCache::default());
    assert_eq!(format!("{remodelled:?}"), format!("{whole:?}"));

    assert_eq!(format!("{parted:?}"), format!("{whole:?}"));
    let codes: Vec<String> = parted_diags
        .clone()
        .sorted()
        .iter()
        .map(|d| d.code.to_string())
        .collect();
    for code in ["E-DUPLICATE-URL", "E-NO-DEPT-INDEX", "doubled-punctuation"] {
        assert!(codes.iter().any(|c| c == code), "{code} in {codes:?}");
    }
    assert_eq!(parted_diags.sorted(), whole_diags.sorted());
}

/// One goal's edit that changes nothing the site-wide steps look at is patched into the kept
/// model (`one_goal`); every other kind of goal edit takes the slower way. Either way the
/// plan and the findings are those of a full build — on a large site (the department list
/// paged, no booklet) and without `as_of` in config.toml (the evaluated year then comes
/// from the latest actual value of all goals).
#[test]
fn a_one_goal_edit_is_patched_in_place_and_still_equals_a_full_build() {
    let site = SiteTest::corpus(100, 5);
    // 110 more goals in 総務課: its list has two pages, and the site is large.
    for g in 0..110 {
        let text = corpus::goal_text(g * 20, 77).replace("（第", "（総務・第");
        std::fs::write(site.path(&format!("content/somu/extra-{g:03}.md")), text).expect("write");
    }
    edit(&site, "config.toml", |t| {
        t.lines()
            .filter(|l| !l.starts_with("as_of"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        ..BuildOptions::default()
    };
    let mut rebuilder = Rebuilder::new(options).expect("first build");
    assert!(
        rebuilder
            .plan()
            .expect("plan")
            .get("somu/page/2/index.html")
            .is_some()
    );
    assert_same_as_full_build(&rebuilder, "the first build");

    let mut step = |rel: &str, f: &dyn Fn(String) -> String, one_goal: bool, what: &str| {
        let path = edit(&site, rel, f);
        let report = rebuilder.rebuild(&[path]).expect("rebuild");
        assert!(!report.failed, "{what}: {report:?}");
        assert_eq!(report.one_goal, one_goal, "{what}");
        assert!(report.incremental || !one_goal, "{what}");
        assert_same_as_full_build(&rebuilder, what);
        report
    };
    // On the second page of 総務課's list: its text, then a value (a new status, chart, data).
    let report = step(
        "content/somu/extra-105.md",
        &|t| t.replace("## 期待される効果", "## 期待される効果と狙い"),
        true,
        "a body edit",
    );
    assert!(
        report
            .changed_outputs
            .iter()
            .any(|p| p == "somu/extra-105/index.html")
    );
    step(
        "content/somu/extra-105.md",
        &|t| t.replacen("令和6年度: ", "令和6年度: 1", 1),
        true,
        "a value edit",
    );
    step(
        "content/somu/extra-003.md",
        &|t| t.replacen("title: ", "title: 新・", 1),
        true,
        "a title edit",
    );
    // What the site-wide steps look at: a later actual year moves the evaluated year of
    // every goal (everything is rendered again); a weight moves the goal in its list; a
    // slug moves its pages.
    step(
        &corpus::goal_path(21),
        &|t| t.replacen("  targets:", "    令和7年度: 1.0\n  targets:", 1),
        false,
        "a later actual year",
    );
    step(
        "content/somu/extra-050.md",
        &|t| t.replacen("weight: ", "weight: 9", 1),
        false,
        "a weight edit",
    );
    step(
        "content/somu/extra-051.md",
        &|t| t.replacen("weight:", "slug: renamed-goal\nweight:", 1),
        false,
        "a slug edit",
    );
    // The first goal with costs gives the site its cost files (data/costs.*).
    let report = step(
        "content/somu/extra-053.md",
        &|t| {
            t.replacen(
                "weight:",
                "cost:\n  unit: 万円\n  years:\n    令和6年度: { budget: 850, settlement: 812.5 }\nweight:",
                1,
            )
        },
        false,
        "a goal's first costs",
    );
    assert!(
        report.changed_outputs.iter().any(|p| p == "data/costs.csv"),
        "{:?}",
        report.changed_outputs
    );
    // A warning of its own (a value in full-width digits) is a finding the site did not
    // have; once the site has it, a body edit keeps it where it was.
    step(
        "content/somu/extra-052.md",
        &|t| t.replacen("    令和4年度: ", "    令和4年度: １", 1),
        false,
        "a new warning",
    );
    step(
        "content/somu/extra-052.md",
        &|t| t + "\n追記しました。\n",
        true,
        "a body edit below a warning",
    );
}
