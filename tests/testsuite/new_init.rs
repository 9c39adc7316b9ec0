//! `hyoka init` and `hyoka new`: what they write builds and checks at once, and they never
//! replace a file.

use crate::harness::SiteTest;

#[test]
fn init_writes_a_site_that_builds_and_checks_at_once() {
    let site = SiteTest::empty();
    let run = site.run(&["init", "mysite"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in [
        "config.toml",
        ".gitignore",
        "content/_index.md",
        "content/somu/_index.md",
    ] {
        assert!(site.path("mysite").join(file).is_file(), "{file}");
    }
    assert!(site.read("mysite/.gitignore").contains("public/"));
    // The goal init writes holds the archetype's placeholders, so it is a draft: check
    // names each placeholder as a warning, and nothing is published yet.
    assert!(
        site.read("mysite/content/somu/mokuhyo.md")
            .contains("draft: true")
    );
    let check = site.run(&["check", "mysite"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains("エラー 0件"), "{}", check.stderr);
    assert!(check.stderr.contains("[W-PLACEHOLDER]"), "{}", check.stderr);
    assert!(
        check.stderr.contains(
            "content/somu/mokuhyo.md:3:13: 警告: ひな形の仮の文「（目標名に書き換えてください）」"
        ),
        "{}",
        check.stderr
    );
    assert!(!check.stderr.contains("E-PLACEHOLDER"), "{}", check.stderr);
    let build = site.run(&["build", "mysite"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        site.read("mysite/public/index.html")
            .contains("公開している目標はまだありません。"),
        "the home page says nothing is published yet"
    );
    assert!(!site.path("mysite/public/somu/mokuhyo/index.html").exists());
    assert!(
        !site.path("mysite/public/somu/index.html").exists(),
        "a department with only drafts is not published"
    );
    let drafts = site.run(&["build", "--drafts", "mysite"]);
    assert_eq!(drafts.code, 0, "{}", drafts.stderr);
    assert!(site.path("mysite/public/somu/mokuhyo/index.html").is_file());
}

/// Issue 15 item 4: a published file with an archetype placeholder left in is an error in
/// check and build, at the placeholder, with 修正方法.
#[test]
fn a_published_placeholder_is_an_error_in_check_and_build() {
    let site = SiteTest::minimal().file(
        "content/somu/x.md",
        &hyoka_goal("新しい目標（目標名に書き換えてください）"),
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains(
            "content/somu/x.md:2:13: エラー: ひな形の仮の文「（目標名に書き換えてください）」が残っています"
        ),
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("[E-PLACEHOLDER]"), "{}", check.stderr);
    assert!(
        check.stderr.contains("書き換えてください"),
        "{}",
        check.stderr
    );
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(build.stderr.contains("[E-PLACEHOLDER]"), "{}", build.stderr);
    assert!(!site.path("public").exists());
}

fn hyoka_goal(title: &str) -> String {
    crate::harness::goal(title, crate::harness::SEED_INDICATOR)
}

/// `hyoka new` in a new department: the department's placeholders are warnings while its
/// only goal is a draft, and the department is not published.
#[test]
fn a_department_with_only_drafts_is_not_published() {
    let site = SiteTest::minimal();
    assert_eq!(site.run(&["new", "kikaku/kanko"]).code, 0);
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains(
            "content/kikaku/_index.md:3:8: 警告: ひな形の仮の文「（課の名前を書いてください）」"
        ),
        "{}",
        check.stderr
    );
    assert_eq!(site.build().code, 0);
    assert!(site.path("public/somu/index.html").is_file());
    assert!(!site.path("public/kikaku").exists());
    assert!(
        !site
            .read("public/index.html")
            .contains("（課の名前を書いてください）")
    );
}

#[test]
fn init_refuses_a_folder_that_holds_files() {
    let site = SiteTest::minimal();
    let before = site.read("config.toml");
    let run = site.run(&["init"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("空ではありません"), "{}", run.stderr);
    assert_eq!(site.read("config.toml"), before);
}

#[test]
fn new_writes_a_draft_goal_with_this_fiscal_year_that_builds_at_once() {
    let site = SiteTest::minimal();
    let run = site.run(&["new", "kikaku/kanko"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = site.read("content/kikaku/kanko.md");
    let year = hyoka::cmd::this_fiscal_year();
    assert!(
        text.contains(&format!("    {}: 1\n", year.label())),
        "{text}"
    );
    assert!(text.contains("draft: true"));
    assert!(
        site.path("content/kikaku/_index.md").is_file(),
        "department created"
    );

    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    site.build();
    let drafts = site.run(&["build", "--drafts"]);
    assert_eq!(drafts.code, 0, "{}", drafts.stderr);
    assert!(
        site.read("public/kikaku/kanko/index.html")
            .contains("下書き")
    );
}

#[test]
fn new_offers_archetypes_for_several_indicators_and_a_milestone() {
    let site = SiteTest::minimal();
    for (goal, kind, key) in [
        ("kikaku/dx", "several", "indicators:"),
        ("kikaku/keikaku", "milestone", "kind: milestone"),
    ] {
        let run = site.run(&["new", goal, "--kind", kind]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = site.read(&format!("content/{goal}.md"));
        assert!(text.contains(key), "{kind}: {text}");
    }
    let drafts = site.run(&["build", "--drafts"]);
    assert_eq!(drafts.code, 0, "{}", drafts.stderr);
    let page = site.read("public/kikaku/dx/index.html");
    assert!(
        page.contains("id=\"kikaku-dx-1\"") && page.contains("id=\"kikaku-dx-2\""),
        "{page}"
    );
    assert!(
        site.read("public/kikaku/keikaku/index.html")
            .contains("hyoka-step-chart")
    );
    let bad = site.run(&["new", "kikaku/x", "--kind", "milestones"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn new_keeps_an_existing_department_and_refuses_to_overwrite_a_goal() {
    let site = SiteTest::minimal();
    let dept = site.read("content/somu/_index.md");
    let goal = site.read("content/somu/jichikai.md");
    let run = site.run(&["new", "somu/jichikai"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("上書きはしません"), "{}", run.stderr);
    assert_eq!(site.read("content/somu/jichikai.md"), goal);

    assert_eq!(site.run(&["new", "somu/bosai"]).code, 0);
    assert_eq!(site.read("content/somu/_index.md"), dept);
}

#[test]
fn new_refuses_names_that_are_not_slugs() {
    let site = SiteTest::minimal();
    for name in ["総務課/目標", "somu", "Somu/Goal", "somu/../x"] {
        let run = site.run(&["new", name]);
        assert_eq!(run.code, 2, "{name}");
        assert!(run.stderr.contains("使えません"), "{name}: {}", run.stderr);
    }
}

#[test]
fn init_shows_the_grade_scale_and_plan_tree_commented_and_they_build_when_uncommented() {
    let site = SiteTest::empty();
    assert_eq!(site.run(&["init", "mysite"]).code, 0);
    let config = site.read("mysite/config.toml");
    for line in [
        "# [[grades]]",
        "# [[plan]]",
        "# parent = \"1\"",
        "# population = 33000",
    ] {
        assert!(config.contains(line), "{line}\n{config}");
    }
    // Uncommented, the examples are a valid scale and tree.
    let uncommented: String = config
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest)
                if rest.starts_with("[[") || rest.contains(" = ") && !rest.starts_with("as_of") =>
            {
                rest
            }
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(uncommented.contains("\n[[plan]]\n"), "{uncommented}");
    site.write("mysite/config.toml", &uncommented);
    let goal = site.read("mysite/content/somu/mokuhyo.md");
    site.write(
        "mysite/content/somu/mokuhyo.md",
        &goal.replacen(
            "---\n",
            "---\nplan: 1-1\nassessment: { grade: A, outlook: 継続 }\n",
            1,
        ),
    );
    let check = site.run(&["check", "mysite"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let build = site.run(&["build", "mysite"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        site.read("mysite/public/plan/index.html")
            .contains("1-1 防災・消防")
    );
}
