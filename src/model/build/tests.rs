use std::path::Path;

use super::*;
use crate::content::{DepartmentDocs, SourceFile, parse_document};
use crate::model::{FiscalYear, Status};

fn config() -> Config {
    Config::parse(
        "title = \"t\"\nbase_url = \"https://example.jp/\"\nmunicipality = \"町\"\n",
        Path::new("config.toml"),
    )
    .unwrap()
}

/// The whole content as one part, nothing cached.
fn build_site(
    content: &LoadedContent,
    config: &Config,
    include_drafts: bool,
) -> (Site, Diagnostics) {
    let mut builder = SiteBuilder::new(config, include_drafts);
    builder.add(content, &mut GoalCache::default());
    builder.finish()
}

fn doc(path: &str, text: &str, diags: &mut Diagnostics) -> Document {
    parse_document(SourceFile::new(path, text.to_string()), diags)
}

const DEPT: &str = "---\ntitle: 総務課\nduties:\n  - 防災に関すること\n---\n";
const GOAL: &str = "---\ntitle: 地域コミュニティの推進\nindicator:\n  name: 自治会加入割合\n  unit: \"%\"\n  direction: up\n  baseline: { year: 令和5年度, value: 74.6 }\n  actual:\n    令和6年度: 72.1\n  targets:\n    令和7年度: 72.7\n    令和11年度: 75.0\n---\n本文\n";

fn site_with(goal_text: &str) -> (Site, Vec<Diagnostic>) {
    let mut diags = Diagnostics::new();
    let content = LoadedContent {
        home: None,
        departments: vec![DepartmentDocs {
            folder: "somu".into(),
            path: "content/somu".into(),
            index: Some(doc("content/somu/_index.md", DEPT, &mut diags)),
            goals: vec![doc("content/somu/jichikai.md", goal_text, &mut diags)],
        }],
    };
    let (site, more) = build_site(&content, &config(), false);
    diags.extend(more);
    (site, diags.sorted())
}

#[test]
fn the_seed_goal_builds_and_is_evaluated() {
    let (site, diags) = site_with(GOAL);
    assert!(diags.is_empty(), "{diags:?}");
    let goal = &site.departments[0].goals[0];
    assert_eq!(goal.evaluation.status, Status::Worse);
    assert_eq!(goal.evaluation.progress_pct, Some(-625.0));
    assert_eq!(goal.indicator.decimals, 1);
    assert_eq!(site.as_of.map(FiscalYear::western), Some(2024));
}

fn first_error(goal_text: &str) -> Diagnostic {
    let (_, diags) = site_with(goal_text);
    diags
        .into_iter()
        .find(|d| d.severity == crate::diag::Severity::Error)
        .expect("an error")
}

#[test]
fn errors_point_at_the_key() {
    for (from, to, code, line, col) in [
        ("indicator:", "indcator:", "E-UNKNOWN-KEY", 3, 1),
        (
            "    令和6年度: 72.1",
            "    令和6年度: 七十二",
            "E-VALUE",
            9,
            12,
        ),
        (
            "    令和6年度: 72.1",
            "    令和6年度: \"72.1人\"",
            "E-VALUE",
            9,
            12,
        ),
        ("    令和6年度: 72.1", "    令和0年度: 72.1", "E-YEAR", 9, 5),
        (
            "    令和11年度: 75.0",
            "    平成40年度: 75.0",
            "E-YEAR",
            12,
            5,
        ),
        (
            "  direction: up",
            "  direction: sideways",
            "E-DIRECTION",
            6,
            14,
        ),
        ("  direction: up\n", "", "E-MISSING-KEY", 4, 3),
        (
            "令和5年度, value",
            "令和8年度, value",
            "E-BASELINE-AFTER-TARGET",
            7,
            13,
        ),
        (
            "    令和6年度: 72.1",
            "    令和6年度: 72.1\n    R6: 72.0",
            "E-DUPLICATE-YEAR",
            10,
            5,
        ),
        (
            "    令和11年度: 75.0",
            "    令和11年度: .nan",
            "E-VALUE",
            12,
            13,
        ),
    ] {
        let text = GOAL.replace(from, to);
        assert_ne!(text, GOAL, "{from}");
        let d = first_error(&text);
        assert_eq!(
            (d.code, d.line, d.column),
            (code, line, col),
            "{to}: {}",
            d.message
        );
        assert_eq!(d.path, Path::new("content/somu/jichikai.md"));
    }
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let d = first_error(&GOAL.replace("indicator:", "indcator:"));
    assert_eq!(d.help.as_deref(), Some("もしかして「indicator」ですか？"));
}

#[test]
fn japanese_file_name_needs_a_slug() {
    let mut diags = Diagnostics::new();
    let content = LoadedContent {
        home: None,
        departments: vec![DepartmentDocs {
            folder: "somu".into(),
            path: "content/somu".into(),
            index: Some(doc("content/somu/_index.md", DEPT, &mut diags)),
            goals: vec![
                doc("content/somu/自治会.md", GOAL, &mut diags),
                doc(
                    "content/somu/防災.md",
                    &GOAL.replace("title:", "slug: bosai\ntitle:"),
                    &mut diags,
                ),
            ],
        }],
    };
    let (site, diags) = build_site(&content, &config(), false);
    let diags = diags.sorted();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "E-SLUG");
    assert_eq!(diags[0].path, Path::new("content/somu/自治会.md"));
    assert_eq!(site.departments[0].goals[0].slug, "bosai");
}

#[test]
fn values_with_units_are_read_with_a_warning() {
    let (site, diags) = site_with(&GOAL.replace("令和6年度: 72.1", "令和6年度: \"７２．１％\""));
    assert_eq!(site.departments[0].goals[0].indicator.actual[0].value, 72.1);
    assert_eq!(diags.len(), 1);
    assert_eq!((diags[0].code, diags[0].line), ("W-VALUE-NORMALIZED", 9));
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let text = GOAL.replace("title:", "draft: true\ntitle:");
    let (site, diags) = site_with(&text);
    assert!(diags.is_empty());
    assert!(site.departments[0].goals.is_empty());
}

#[test]
fn cached_goals_are_the_goals_validating_gives_and_removed_files_are_forgotten() {
    let mut diags = Diagnostics::new();
    let bad = GOAL.replace("令和6年度: 72.1", "令和6年度: \"７２．１％\"");
    let mut content = LoadedContent {
        home: None,
        departments: vec![DepartmentDocs {
            folder: "somu".into(),
            path: "content/somu".into(),
            index: Some(doc("content/somu/_index.md", DEPT, &mut diags)),
            goals: vec![
                doc("content/somu/a.md", &bad, &mut diags),
                doc("content/somu/b.md", GOAL, &mut diags),
            ],
        }],
    };
    let fresh = build_site(&content, &config(), false);
    let mut cache = GoalCache::remembering();
    let build = |content: &LoadedContent, cache: &mut GoalCache| {
        let mut builder = SiteBuilder::new(&config(), false);
        builder.add(content, cache);
        let (site, diags) = builder.finish();
        format!("{site:?} {:?}", diags.sorted())
    };
    let build_once = |content: &LoadedContent| {
        let (site, diags) = build_site(content, &config(), false);
        format!("{site:?} {:?}", diags.sorted())
    };
    let expected = format!("{:?} {:?}", fresh.0, fresh.1.sorted());
    assert_eq!(build(&content, &mut cache), expected);
    assert_eq!(cache.goals.len(), 2);
    // From the cache: the same goals and the same findings.
    assert_eq!(build(&content, &mut cache), expected);
    content.departments[0].goals.remove(0);
    cache.retain_files_of(&content);
    assert_eq!(
        cache.goals.keys().collect::<Vec<_>>(),
        [Path::new("content/somu/b.md")]
    );
    let mut one_off = GoalCache::default();
    assert_eq!(build(&content, &mut one_off), build_once(&content));
    assert!(one_off.goals.is_empty(), "a one-off build keeps nothing");
}

#[test]
fn suggestions() {
    assert_eq!(suggest("indcator", GOAL_KEYS), Some("indicator"));
    assert_eq!(suggest("titel", GOAL_KEYS), Some("title"));
    assert_eq!(suggest("zzzzzz", GOAL_KEYS), None);
}
