use std::path::Path;

use super::*;
use crate::content::{DepartmentDocs, SourceFile, parse_document};
use crate::diag::suggest;
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
    assert_eq!(goal.evaluation().status, Status::Worse);
    assert_eq!(goal.evaluation().progress_pct, Some(-625.0));
    assert_eq!(goal.indicator().decimals, 1);
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
        ("indicator:", "indcator:", Code::UnknownKey.id(), 3, 1),
        (
            "    令和6年度: 72.1",
            "    令和6年度: 七十二",
            Code::Value.id(),
            9,
            12,
        ),
        (
            "    令和6年度: 72.1",
            "    令和6年度: \"72.1人\"",
            Code::Value.id(),
            9,
            12,
        ),
        (
            "    令和6年度: 72.1",
            "    令和0年度: 72.1",
            Code::Year.id(),
            9,
            5,
        ),
        (
            "    令和11年度: 75.0",
            "    平成51年度: 75.0",
            Code::Year.id(),
            12,
            5,
        ),
        (
            "  direction: up",
            "  direction: sideways",
            Code::Direction.id(),
            6,
            14,
        ),
        ("  direction: up\n", "", Code::MissingKey.id(), 4, 3),
        (
            "令和5年度, value",
            "令和8年度, value",
            Code::BaselineAfterTarget.id(),
            7,
            13,
        ),
        (
            "    令和6年度: 72.1",
            "    令和6年度: 72.1\n    R6: 72.0",
            Code::DuplicateYear.id(),
            10,
            5,
        ),
        (
            "    令和11年度: 75.0",
            "    令和11年度: .nan",
            Code::Value.id(),
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
    assert_eq!(diags[0].code, Code::Slug.id());
    assert_eq!(diags[0].path, Path::new("content/somu/自治会.md"));
    assert_eq!(site.departments[0].goals[0].slug, "bosai");
}

#[test]
fn values_with_units_are_read_with_a_warning() {
    let (site, diags) = site_with(&GOAL.replace("令和6年度: 72.1", "令和6年度: \"７２．１％\""));
    assert_eq!(
        site.departments[0].goals[0].indicator().actual[0].value,
        72.1
    );
    assert_eq!(diags.len(), 1);
    assert_eq!(
        (diags[0].code, diags[0].line),
        (Code::ValueNormalized.id(), 9)
    );
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let text = GOAL.replace("title:", "draft: true\ntitle:");
    let (site, diags) = site_with(&text);
    assert!(diags.is_empty());
    // Its department has only this draft: it is not published either (issue 15 item 4).
    assert!(site.departments.is_empty());
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

const MULTI: &str = "---
title: 防災力の向上
indicators:
  - name: 自主防災組織率
    code: \"4-1-1\"
    unit: \"%\"
    direction: up
    definition: 自主防災組織設立世帯数÷全世帯数
    source: 危機管理課調べ
    baseline: { year: 平成22年度, value: 57.1 }
    actual:
      平成24年度: 66.6
      平成25年度: { value: 69.5, note: 見込 }
      平成26年度: null
      平成27年度: －
    targets:
      平成32年度: 93.0
  - name: 地区防災計画の策定
    kind: milestone
    steps: [未着手, 検討中, 策定, 運用]
    baseline: { year: 令和5年度, value: 未着手 }
    actual: { 令和6年度: 検討中 }
    targets: { 令和8年度: 運用 }
  - name: 観光入込客数
    unit: 人
    direction: up
    exclude: 感染症の影響で比較できないため
    baseline: { year: 令和元年度, value: 120000 }
    targets: { 令和7年度: 150000 }
---
";

#[test]
fn several_indicators_are_read_and_evaluated_each_on_its_own() {
    let (site, diags) = site_with(MULTI);
    let goal = &site.departments[0].goals[0];
    assert_eq!(goal.indicators().len(), 3);
    let [rate, plan, visitors] = goal.indicators() else {
        unreachable!()
    };
    // Numbers with a note, null and － for not measured, codes, definition, source.
    assert_eq!(rate.details.code.as_deref(), Some("4-1-1"));
    assert_eq!(
        rate.details.definition.as_deref(),
        Some("自主防災組織設立世帯数÷全世帯数")
    );
    assert_eq!(rate.details.source.as_deref(), Some("危機管理課調べ"));
    assert_eq!(
        rate.actual.iter().map(|p| p.value).collect::<Vec<_>>(),
        [66.6, 69.5]
    );
    let fy = |y| FiscalYear::new(y).unwrap();
    assert_eq!(rate.details.unmeasured, [fy(2014), fy(2015)]);
    assert_eq!(
        rate.note(crate::model::SeriesKind::Actual, fy(2013)),
        Some("見込")
    );
    assert_eq!(rate.targets[0].year, fy(2020));
    // 平成32年度 is read with a warning giving 令和2年度.
    let w: Vec<_> = diags
        .iter()
        .filter(|d| d.code == Code::YearWarning.id())
        .collect();
    assert_eq!(w.len(), 1, "{diags:?}");
    assert!(
        w[0].message.contains("令和2年度（2020年度）"),
        "{}",
        w[0].message
    );
    assert_eq!(w[0].line, 17);
    assert!(
        diags
            .iter()
            .all(|d| d.severity != crate::diag::Severity::Error),
        "{diags:?}"
    );
    // The milestone is evaluated by step position; the excluded one is 対象外.
    assert_eq!(plan.steps().len(), 4);
    assert_eq!(plan.actual[0].value, 1.0);
    let statuses: Vec<Status> = goal.evaluations().iter().map(|e| e.status).collect();
    assert_eq!(statuses[2], Status::Excluded);
    assert_eq!(goal.evaluations()[1].latest.map(|p| p.value), Some(1.0));
    assert_eq!(
        visitors.details.exclude.as_deref(),
        Some("感染症の影響で比較できないため")
    );
    assert!(goal.has_indicator_details());
    assert_eq!(goal.indicator_code(0), "4-1-1");
    assert_eq!(goal.indicator_code(1), "2");
    assert!(site.has_indicator_details());
}

#[test]
fn new_keys_are_checked_like_the_old_ones() {
    let both = MULTI.replace(
        "title: 防災力の向上\n",
        "title: 防災力の向上\nindicator: { name: x }\n",
    );
    let neither = "---\ntitle: 目標\n---\n";
    for (text, code, line, col, hint) in [
        (
            MULTI.replace("value: 未着手 }", "value: 未着手手 }"),
            Code::Step.id(),
            21,
            37,
            "もしかして「未着手」",
        ),
        (
            MULTI.replace("{ 令和6年度: 検討中 }", "{ 令和6年度: 準備 }"),
            Code::Step.id(),
            22,
            22,
            "未着手、検討中、策定、運用",
        ),
        (both, Code::IndicatorBoth.id(), 4, 1, "どちらか一方"),
        (
            neither.to_string(),
            Code::MissingKey.id(),
            2,
            1,
            "indicators",
        ),
        (
            MULTI.replace("    kind: milestone\n", "    kind: milestsone\n"),
            Code::Kind.id(),
            19,
            11,
            "もしかして「milestone」",
        ),
        (
            MULTI.replace("    kind: milestone\n", ""),
            Code::StepsWithoutMilestone.id(),
            19,
            12,
            "kind: milestone",
        ),
        (
            MULTI.replace(
                "    exclude: 感染症の影響で比較できないため\n",
                "    exclude:\n",
            ),
            Code::EmptyValue.id(),
            27,
            5,
            "理由",
        ),
        (
            MULTI.replace("    definition:", "    defintion:"),
            Code::UnknownKey.id(),
            8,
            5,
            "もしかして「definition」",
        ),
        (
            MULTI.replace(
                "{ value: 69.5, note: 見込 }",
                "{ value: 69.5, notes: 見込 }",
            ),
            Code::UnknownKey.id(),
            13,
            30,
            "もしかして「note」",
        ),
        (
            MULTI.replace(
                "    targets:\n      平成32年度: 93.0",
                "    targets:\n      平成51年度: 93.0",
            ),
            Code::Year.id(),
            17,
            7,
            "令和7年度",
        ),
        (
            MULTI
                .replace("indicators:\n", "indicators: []\n")
                .split("  - name: 自主防災組織率")
                .next()
                .unwrap()
                .to_string()
                + "---\n",
            Code::NoIndicators.id(),
            3,
            1,
            "- name:",
        ),
    ] {
        let d = first_error(&text);
        assert_eq!(
            (d.code, d.line, d.column),
            (code, line, col),
            "{}: {:?}",
            d.message,
            d.help
        );
        let help = d.help.clone().unwrap_or_default();
        assert!(
            help.contains(hint) || d.message.contains(hint),
            "{code}: {} / {help}",
            d.message
        );
    }
}

#[test]
fn null_is_not_measured_only_for_actuals() {
    let d = first_error(&GOAL.replace("令和7年度: 72.7", "令和7年度: null"));
    assert_eq!((d.code, d.line), (Code::Value.id(), 11));
    let (site, diags) = site_with(&GOAL.replace("令和6年度: 72.1", "令和6年度: null"));
    assert!(diags.is_empty(), "{diags:?}");
    let goal = &site.departments[0].goals[0];
    assert_eq!(goal.evaluation().status, Status::NoData);
    assert!(goal.has_indicator_details());
}

#[test]
fn calendar_years_warn_and_are_read_as_fiscal_years() {
    let (site, diags) = site_with(&GOAL.replace("令和6年度: 72.1", "2024年: 72.1"));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        (diags[0].code, diags[0].line, diags[0].column),
        (Code::YearWarning.id(), 9, 5)
    );
    assert!(diags[0].message.contains("暦年"));
    let goal = &site.departments[0].goals[0];
    assert_eq!(goal.indicator().actual[0].year.western(), 2024);
}

#[test]
fn codes_are_unique_in_the_site() {
    let mut diags = Diagnostics::new();
    let other = MULTI.replace("title: 防災力の向上", "title: 別の目標");
    let content = LoadedContent {
        home: None,
        departments: vec![DepartmentDocs {
            folder: "somu".into(),
            path: "content/somu".into(),
            index: Some(doc("content/somu/_index.md", DEPT, &mut diags)),
            goals: vec![
                doc("content/somu/a.md", MULTI, &mut diags),
                doc("content/somu/b.md", &other, &mut diags),
            ],
        }],
    };
    let (_, diags) = build_site(&content, &config(), false);
    let errors: Vec<_> = diags
        .sorted()
        .into_iter()
        .filter(|d| d.code == Code::DuplicateCode.id())
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, Path::new("content/somu/b.md"));
    assert_eq!((errors[0].line, errors[0].column), (5, 11));
    assert!(
        errors[0].message.contains("content/somu/a.md:5"),
        "{}",
        errors[0].message
    );
}
