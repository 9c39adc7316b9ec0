//! Every diagnostic code's wording, pinned: for each code a minimal site that makes the
//! real binary report it, and one snapshot per code of what `hyoka check` prints, so a
//! change of wording shows in review (mdBook's way with stderr).
//!
//! The codes not covered yet are listed in [`NOT_YET_PINNED`]; the test fails if a code is
//! in neither list, or in both, so the list can only shrink.

use crate::harness::*;
use hyoka::Code;

/// A goal file with `extra` lines after the title and the seed indicator changed by `edit`.
fn goal_with(extra: &str, edit: impl Fn(&str) -> String) -> String {
    format!(
        "---\ntitle: 目標\n{extra}indicator:\n{}---\n\n## 期待される効果\n\n効果があります。\n",
        edit(SEED_INDICATOR)
    )
}

/// A milestone indicator's block, as `goal` takes it.
const MILESTONE: &str = "  name: 計画の策定\n  kind: milestone\n  steps: [未着手, 検討中, 策定, 運用]\n  baseline: { year: 令和5年度, value: 未着手 }\n  actual:\n    令和6年度: 検討中\n  targets:\n    令和7年度: 策定\n    令和11年度: 運用\n";

fn same(s: &str) -> String {
    s.to_string()
}

/// The site that makes `code` show, or `None` when none is written yet.
fn site_for(code: Code) -> Option<SiteTest> {
    let add = |rel: &str, text: &str| SiteTest::minimal().file(rel, text);
    let goal_file = |text: &str| add("content/somu/x.md", text);
    let config = |extra: &str| SiteTest::minimal().file("config.toml", &format!("{CONFIG}{extra}"));
    let milestone = |edit: &dyn Fn(&str) -> String| goal_file(&goal_with("", |_| edit(MILESTONE)));
    let indicator = |edit: &dyn Fn(&str) -> String| goal_file(&goal_with("", edit));
    Some(match code {
        Code::NoContent => SiteTest::empty().file("config.toml", CONFIG),
        Code::Binary => SiteTest::minimal().bytes("content/somu/x.md", b"\x00\x01\x02PNG\x00\x00"),
        Code::Encoding => {
            let text = goal_with("", same);
            let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
            SiteTest::minimal().bytes("content/somu/x.md", &bytes)
        }
        Code::Misplaced => add("content/x.md", &goal_with("", same)),
        Code::Nested => add("content/somu/sub/x.md", &goal_with("", same)),
        Code::NotMarkdown => add("content/somu/memo.txt", "メモ\n"),
        Code::Empty => goal_file(""),
        Code::FmMissing => goal_file("# 見出し\n\n本文です。\n"),
        Code::FmNotMap => goal_file("---\n- 一つ目\n- 二つ目\n---\n"),
        Code::FmUnclosed => goal_file("---\ntitle: 目標\n"),
        Code::Yaml => goal_file("---\ntitle: [閉じていない\n---\n"),
        Code::DuplicateKey => goal_file(&goal_with("title: もう一つ\n", same)),
        Code::MissingKey => goal_file("---\ntitle: 目標\n---\n"),
        Code::UnknownKey => goal_file(&goal_with("titel: 目標\n", same)),
        Code::Type => goal_file("---\ntitle: 目標\nindicator: 文字\n---\n"),
        Code::Value => indicator(&|s| s.replace("72.1", "\"72.1人\"")),
        Code::ValueNormalized => indicator(&|s| s.replace("72.1", "\"７２．１\"")),
        Code::Slug => add("content/somu/con.md", &goal_with("", same)),
        Code::ReservedSlug => SiteTest::minimal()
            .file("content/data/_index.md", DEPT)
            .file("content/data/x.md", &goal_with("", same)),
        Code::DuplicateUrl => add("content/somu/x.md", &goal_with("slug: jichikai\n", same)),
        Code::NoDeptIndex => add("content/kikaku/x.md", &goal_with("", same)),
        Code::IndicatorBoth => goal_file(&goal_with("indicators:\n  - name: 二つ目\n", same)),
        Code::NoIndicators => goal_file("---\ntitle: 目標\nindicators: []\n---\n"),
        Code::NoTargets => indicator(&|s| s[..s.find("  targets:").unwrap()].to_string()),
        Code::Year => indicator(&|s| s.replace("令和7年度", "令和0年度")),
        Code::BaselineAfterTarget => {
            indicator(&|s| s.replace("year: 令和5年度", "year: 令和8年度"))
        }
        Code::Direction => indicator(&|s| s.replace("direction: up", "direction: sideways")),
        Code::Kind => indicator(&|s| format!("  kind: other\n{s}")),
        Code::StepsWithoutMilestone => indicator(&|s| format!("  steps: [着手, 完了]\n{s}")),
        Code::IndicatorCode => indicator(&|s| format!("  code: \"a b\"\n{s}")),
        Code::Outlook => goal_file(&goal_with("assessment:\n  outlook: 謎\n", same)),
        Code::Config => config("title = \n"),
        Code::ConfigBaseUrl => SiteTest::minimal().file(
            "config.toml",
            &CONFIG.replace("https://example.jp/hyoka/", "ftp://example.jp/"),
        ),
        Code::ConfigLanguage => config("language = \"en\"\n"),
        Code::ConfigCode => config("municipality_code = \"123456\"\n"),
        Code::ConfigAsOf => config("as_of = \"きのう\"\n"),
        Code::ConfigRule => config("[proofreading]\nno-such-rule = false\n"),
        Code::Steps => milestone(&|s| s.replace("[未着手, 検討中, 策定, 運用]", "[運用]")),
        Code::DuplicateStep => milestone(&|s| {
            s.replace(
                "[未着手, 検討中, 策定, 運用]",
                "[未着手, 検討中, 検討中, 運用]",
            )
        }),
        Code::Step => milestone(&|s| s.replace("令和11年度: 運用", "令和11年度: 完成")),
        Code::DuplicateCode => goal_file(&format!(
            "---\ntitle: 目標\nindicators:\n  - code: A\n{}  - code: A\n{}---\n",
            SEED_INDICATOR
                .replacen("  ", "    ", 1)
                .replace("\n  ", "\n    "),
            SEED_INDICATOR
                .replacen("  ", "    ", 1)
                .replace("\n  ", "\n    "),
        )),
        Code::Link => goal_file(&format!(
            "{}\n[計画書](/files/plam.pdf)\n",
            goal_with("", same)
        ))
        .file("static/files/plan.pdf", "pdf\n"),
        Code::LinkAnchor => goal_file(&format!(
            "{}\n[効果](#期待される効里)\n",
            goal_with("", same)
        )),
        Code::TemplateLink => SiteTest::minimal().file(
            "templates/footer.html",
            "<footer><a href=\"{{ root }}about/nai/\">案内</a></footer>\n",
        ),
        Code::TemplateAnchor => SiteTest::minimal().file(
            "templates/footer.html",
            "<footer><a href=\"{{ root }}#nai\">上へ</a></footer>\n",
        ),
        _ => return None,
    })
}

/// Codes whose message is not pinned here yet. Only shrinks: a code that gets a site in
/// [`site_for`] must leave this list (the test says so).
const NOT_YET_PINNED: &[&str] = &[
    "W-SHEET-YEAR",
    "W-SHEET-BASELINE",
    "E-SHEET-CSV",
    "E-SHEET-XLSX",
    "W-IMPORT-ARITHMETIC",
    "E-PLACEHOLDER",
    "W-PLACEHOLDER",
    "E-EMPTY-VALUE",
    "E-NOT-A-FILE",
    "E-TOO-LARGE",
    "W-SYMLINK",
    "E-YAML-LIMIT",
    "E-TAG-URL",
    "W-YEAR",
    "E-DUPLICATE-YEAR",
    "E-COST-UNIT",
    "E-DATE",
    "E-GRADE",
    "W-GRADE-STATUS",
    "E-PLAN",
    "E-CONTACT",
    "E-CONFIG-GRADE",
    "E-CONFIG-PLAN",
    // hyoka import's codes come from `hyoka import`, not `check`: tests/testsuite/import.rs.
    "E-IMPORT-DEPARTMENT",
    "E-IMPORT-EXISTS",
    "E-IMPORT-SLUG",
    "W-IMPORT-DIRECTION",
    "W-IMPORT-FACTS",
    "W-IMPORT-KEPT",
    "E-SHEET-EMPTY",
    "E-SHEET-MISSING",
    "E-SHEET-NO-TABLE",
    "E-SHEET-ROW",
    "W-SHEET-ROW",
    "E-SHEET-VALUE",
    "E-SHEET-YEAR",
    "W-SHEET-NO-VALUE",
    "W-SHEET-PREAMBLE",
];

#[test]
fn every_code_has_a_pinned_message_or_is_listed_as_not_yet() {
    let mut misplaced = Vec::new();
    for code in Code::ALL {
        let listed = NOT_YET_PINNED.contains(&code.id());
        if site_for(*code).is_some() == listed {
            misplaced.push(code.id());
        }
    }
    for id in NOT_YET_PINNED {
        if Code::from_id(id).is_none() {
            misplaced.push(id);
        }
    }
    assert!(
        misplaced.is_empty(),
        "pinned and listed as not yet, or neither, or not a code: {misplaced:?}"
    );
}

#[test]
fn each_code_s_message_as_check_prints_it() {
    let mut missing = Vec::new();
    for code in Code::ALL {
        let Some(site) = site_for(*code) else {
            continue;
        };
        let run = site.run(&["check"]);
        let id = code.id();
        // Only this code's findings: the snapshot pins its wording, not its neighbours'.
        let tag = format!("[{id}]");
        let pinned = findings_of(&run.stderr, &tag);
        if pinned.is_empty() {
            missing.push(format!("{id}: exit {}\n{}", run.code, run.stderr));
            continue;
        }
        let expected_exit = if code.severity() == hyoka::Severity::Error {
            1
        } else {
            0
        };
        assert_eq!(run.code, expected_exit, "{id}:\n{}", run.stderr);
        insta::assert_snapshot!(format!("message_{id}"), pinned);
    }
    assert!(
        missing.is_empty(),
        "codes not reported:\n{}",
        missing.join("\n")
    );
}

/// The findings (header line and its snippet lines) tagged `tag`.
fn findings_of(stderr: &str, tag: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in stderr.lines() {
        let header = !line.starts_with(' ') && !is_snippet(line);
        if header {
            inside = line.ends_with(tag);
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `  |`, `9 | text`, `  |  ^^^` lines under a header.
fn is_snippet(line: &str) -> bool {
    let gutter = line.split(" |").next().unwrap_or("");
    line.contains(" |") && gutter.trim().chars().all(|c| c.is_ascii_digit())
}
