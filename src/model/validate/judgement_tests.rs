//! Tests of the keys of §8.2–§8.4: each read into the model, each mistake reported at its
//! key with a fix, and the site-wide checks (grade against the scale and the computed
//! status, plan codes, tag URLs, the contact a goal shows).

use std::path::Path;

use crate::config::Config;
use crate::content::{DepartmentDocs, LoadedContent, SourceFile, parse_document};
use crate::diag::{Code, Diagnostic, Diagnostics, Severity};
use crate::model::Site;
use crate::model::assessment::Outlook;
use crate::model::cost::CostUnit;

use super::super::{GoalCache, SiteBuilder};

/// The site's model from `content`, built the way a one-off build does.
fn build_site(
    content: &LoadedContent,
    config: &Config,
    include_drafts: bool,
) -> (Site, Diagnostics) {
    let mut builder = SiteBuilder::new(config, include_drafts);
    builder.add(content, &mut GoalCache::default());
    builder.finish()
}

const CONFIG: &str = "title = \"t\"\nbase_url = \"https://example.jp/\"\nmunicipality = \"町\"\npopulation = 33000\n[[grades]]\ncode = \"A\"\nlabel = \"順調\"\nstatuses = [\"achieved\", \"on_track\"]\n[[grades]]\ncode = \"C\"\nlabel = \"遅れ\"\nstatuses = [\"behind\", \"worse\"]\n[[plan]]\ncode = \"4\"\ntitle = \"安全\"\n[[plan]]\ncode = \"4-1\"\ntitle = \"防災\"\nparent = \"4\"\n";

const DEPT: &str = "---\ntitle: 総務課\ncontact: { section: 総務課 防災係, phone: 049-295-2112, email: bosai@example.jp }\n---\n";

/// The seed's 自治会加入割合 (computed 悪化) with every key of §8.2–§8.4; line 14 is `grade:`.
const GOAL: &str = "---\ntitle: 地域コミュニティの推進\nindicator:\n  name: 自治会加入割合\n  unit: \"%\"\n  direction: up\n  baseline: { year: 令和5年度, value: 74.6 }\n  actual:\n    令和6年度: 72.1\n  targets:\n    令和7年度: 72.7\n    令和11年度: 75.0\nassessment:\n  grade: C\n  outlook: 改善\n  reviews:\n    - by: 担当課（一次評価）\n      date: 2025-07-31\n      text: 加入を呼びかける。\n    - by: 外部評価\n      text: 周知を見直すべき。\ncost:\n  unit: 千円\n  years:\n    令和6年度: { budget: 12000, settlement: 11480, personnel: 3200 }\n    令和7年度: { budget: 12500 }\nplan: 4-1\ntags: [総合戦略, ＳＤＧｓ　１１]\nupdated: 2025-06-01\n---\n本文\n";

fn site(dept: &str, goals: &[(&str, &str)]) -> (Site, Vec<Diagnostic>) {
    let config = Config::parse(CONFIG, Path::new("config.toml")).expect("config");
    let mut diags = Diagnostics::new();
    let mut doc = |path: &str, text: &str| {
        parse_document(SourceFile::new(path, text.to_string()), &mut diags)
    };
    let index = doc("content/somu/_index.md", dept);
    let goals = goals
        .iter()
        .map(|(name, text)| doc(&format!("content/somu/{name}.md"), text))
        .collect();
    let content = LoadedContent {
        home: None,
        departments: vec![DepartmentDocs {
            folder: "somu".into(),
            path: "content/somu".into(),
            index: Some(index),
            goals,
        }],
    };
    let (site, more) = build_site(&content, &config, false);
    diags.extend(more);
    (site, diags.sorted())
}

fn one(goal: &str) -> (Site, Vec<Diagnostic>) {
    site(DEPT, &[("jichikai", goal)])
}

/// The only finding of `goal`, which must be one.
fn finding(goal: &str) -> Diagnostic {
    let (_, diags) = one(goal);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    diags.into_iter().next().expect("one")
}

fn changed(from: &str, to: &str) -> String {
    assert!(GOAL.contains(from), "{from}");
    GOAL.replace(from, to)
}

#[test]
fn every_key_is_read_into_the_model() {
    let (site, diags) = one(GOAL);
    assert!(diags.is_empty(), "{diags:#?}");
    let goal = &site.departments[0].goals[0];
    let f = &goal.facts;
    let cost = f.cost.as_ref().expect("cost");
    assert_eq!(cost.unit, CostUnit::ThousandYen);
    assert_eq!(cost.years.len(), 2);
    assert_eq!(cost.years[0].full_cost(), Some(14680.0));
    let a = f.assessment.as_ref().expect("assessment");
    assert_eq!(a.grade.as_ref().map(|g| g.code.as_str()), Some("C"));
    assert_eq!(a.outlook, Some(Outlook::Improve));
    let by: Vec<&str> = a.reviews.iter().map(|r| r.by.as_str()).collect();
    assert_eq!(by, ["担当課（一次評価）", "外部評価"]);
    assert_eq!(
        a.reviews[0].date.map(|d| d.to_string()).as_deref(),
        Some("2025-07-31")
    );
    assert_eq!(f.plan.as_ref().map(|p| p.code.as_str()), Some("4-1"));
    let tags: Vec<&str> = f.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["総合戦略", "SDGs 11"]);
    assert_eq!(
        f.updated.map(|d| d.to_string()).as_deref(),
        Some("2025-06-01")
    );
    // No contact of its own: the department's is shown.
    assert!(f.contact.is_none());
    let shown = f.shown_contact.as_ref().expect("department contact");
    assert_eq!(shown.section.as_deref(), Some("総務課 防災係"));
}

#[test]
fn a_goal_contact_replaces_the_department_one() {
    let text = changed(
        "plan: 4-1\n",
        "plan: 4-1\ncontact:\n  section: 自治振興係\n  phone: ０４９-２９５-２１１３\n",
    );
    let (site, diags) = one(&text);
    assert!(diags.is_empty(), "{diags:#?}");
    let shown = site.departments[0].goals[0]
        .facts
        .shown_contact
        .clone()
        .expect("contact");
    assert_eq!(shown.section.as_deref(), Some("自治振興係"));
    assert_eq!(shown.phone.as_deref(), Some("049-295-2113"));
    assert_eq!(shown.email, None);
}

#[test]
fn a_grade_that_disagrees_with_the_computed_status_is_a_warning_at_the_grade() {
    // 悪化 is not among A's statuses (achieved, on_track).
    let d = finding(&changed("grade: C", "grade: A"));
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!((d.code, d.line, d.column), (Code::GradeStatus.id(), 14, 10));
    assert!(
        d.message.contains("A（順調）") && d.message.contains("悪化"),
        "{}",
        d.message
    );
    assert!(
        d.help.as_deref().is_some_and(|h| h.contains("達成・順調")),
        "{d:?}"
    );
    assert_eq!(d.source_line.as_deref(), Some("  grade: A"));
}

#[test]
fn a_goal_without_actuals_is_not_compared() {
    let text = changed("grade: C", "grade: A").replace("  actual:\n    令和6年度: 72.1\n", "");
    let (_, diags) = one(&text);
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn an_unknown_grade_lists_the_towns_grades() {
    let d = finding(&changed("grade: C", "grade: E"));
    assert_eq!((d.code, d.line, d.column), (Code::Grade.id(), 14, 10));
    assert_eq!(
        d.help.as_deref(),
        Some("この町の評価は A（順調）、C（遅れ） です")
    );
    let d = finding(&changed("grade: C", "grade: ａ"));
    assert!(
        d.help
            .as_deref()
            .is_some_and(|h| h.starts_with("もしかして「A」")),
        "{d:?}"
    );
}

#[test]
fn an_unknown_outlook_suggests_or_lists_the_words() {
    let d = finding(&changed("outlook: 改善", "outlook: 継読"));
    assert_eq!((d.code, d.line, d.column), (Code::Outlook.id(), 15, 12));
    assert!(
        d.help
            .as_deref()
            .is_some_and(|h| h.starts_with("もしかして「継続」")),
        "{d:?}"
    );
    let d = finding(&changed("outlook: 改善", "outlook: 現状維持"));
    assert_eq!(
        d.help.as_deref(),
        Some(
            "今後の方向性は 拡充・継続・改善・縮小・統合・休止・廃止・完了 のどれかで書いてください"
        )
    );
}

#[test]
fn mistakes_in_the_new_keys_point_at_the_key() {
    for (from, to, code, line, col) in [
        (
            "budget: 12500",
            "budjet: 12500",
            Code::UnknownKey.id(),
            26,
            14,
        ),
        ("unit: 千円", "unit: 百万円", Code::CostUnit.id(), 23, 9),
        ("budget: 12500", "budget: -1", Code::Value.id(), 26, 22),
        ("budget: 12500", "budget: 十二万", Code::Value.id(), 26, 22),
        (
            "    令和7年度: { budget",
            "    R6: { budget",
            Code::DuplicateYear.id(),
            26,
            5,
        ),
        (
            "    令和7年度: { budget",
            "    令和0年度: { budget",
            Code::Year.id(),
            26,
            5,
        ),
        ("plan: 4-1", "plan: 4-2", Code::Plan.id(), 27, 7),
        (
            "updated: 2025-06-01",
            "updated: 2025年6月1日",
            Code::Date.id(),
            29,
            10,
        ),
        (
            "      date: 2025-07-31",
            "      date: 2025-13-01",
            Code::Date.id(),
            18,
            13,
        ),
        (
            "      text: 周知を見直すべき。\n",
            "",
            Code::MissingKey.id(),
            20,
            7,
        ),
        (
            "  outlook: 改善",
            "  outlok: 改善",
            Code::UnknownKey.id(),
            15,
            3,
        ),
        (
            "tags: [総合戦略, ＳＤＧｓ　１１]",
            "tags: { a: 1 }",
            Code::Type.id(),
            28,
            7,
        ),
    ] {
        let d = finding(&changed(from, to));
        assert_eq!((d.code, d.line, d.column), (code, line, col), "{to}: {d:?}");
        assert!(d.help.is_some(), "{to}");
        assert_eq!(d.path, Path::new("content/somu/jichikai.md"));
    }
}

#[test]
fn typos_of_the_new_keys_are_suggested() {
    let d = finding(&changed("plan: 4-1", "paln: 4-1"));
    assert_eq!(d.help.as_deref(), Some("もしかして「plan」ですか？"));
    let d = finding(&changed(
        "    令和7年度: { budget: 12500 }",
        "    令和7年度: { budgte: 12500 }",
    ));
    assert_eq!(d.help.as_deref(), Some("もしかして「budget」ですか？"));
    let d = finding(&changed("plan: 4-1", "plan: ４ー１"));
    assert_eq!(
        d.help.as_deref(),
        Some(
            "もしかして「4-1」ですか？ plan には config.toml の [[plan]] の code（4, 4-1）を書いてください"
        )
    );
    let d = finding(&changed("plan: 4-1", "plan: 4-2"));
    assert!(
        d.help
            .as_deref()
            .is_some_and(|h| h.starts_with("plan には")),
        "{d:?}"
    );
}

#[test]
fn a_bad_department_contact_is_an_error_at_its_key() {
    let (_, diags) = site(
        &DEPT.replace("bosai@example.jp", "bosai.example.jp"),
        &[("jichikai", GOAL)],
    );
    let d = &diags[0];
    assert_eq!((d.code, d.line), (Code::Contact.id(), 3));
    assert_eq!(d.path, Path::new("content/somu/_index.md"));
}

#[test]
fn two_spellings_of_one_tag_url_are_an_error() {
    let other = GOAL.replace("tags: [総合戦略, ＳＤＧｓ　１１]", "tags: [sdgs-11]");
    let (_, diags) = site(DEPT, &[("a", GOAL), ("b", &other)]);
    let errors: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == Code::TagUrl.id())
        .collect();
    assert_eq!(errors.len(), 1, "{diags:#?}");
    assert!(
        errors[0].message.contains("tags/sdgs-11/"),
        "{}",
        errors[0].message
    );
}

#[test]
fn empty_cost_years_and_an_empty_assessment_are_errors() {
    let years = "    令和6年度: { budget: 12000, settlement: 11480, personnel: 3200 }\n    令和7年度: { budget: 12500 }\n";
    let d = finding(&changed(&format!("  years:\n{years}"), "  years: {}\n"));
    assert_eq!((d.code, d.line), (Code::EmptyValue.id(), 24), "{d:?}");
    let block = "assessment:\n  grade: C\n  outlook: 改善\n  reviews:\n    - by: 担当課（一次評価）\n      date: 2025-07-31\n      text: 加入を呼びかける。\n    - by: 外部評価\n      text: 周知を見直すべき。\n";
    let d = finding(&changed(block, "assessment: {}\n"));
    assert_eq!((d.code, d.line), (Code::EmptyValue.id(), 13), "{d:?}");
}
