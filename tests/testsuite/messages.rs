//! Every diagnostic code's wording, pinned: for each code a minimal site that makes the
//! real binary report it, and one snapshot per code of what `hyoka check` prints, so a
//! change of wording shows in review (mdBook's way with stderr).
//!
//! `hyoka import`'s codes are pinned the same way from `hyoka import` runs on small sheets
//! ([`import_for`]). The codes no command can show are listed in [`NOT_YET_PINNED`], each
//! with why and where it is pinned instead; the test fails if a code is in neither list, or
//! in both.

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

/// The site on which `hyoka check` shows `code`, or `None` for the codes of `hyoka import`
/// ([`import_for`]) and those not pinned.
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
        Code::Placeholder => goal_file(&goal_with(
            "summary: （事業の概要を書いてください）\n",
            same,
        )),
        Code::PlaceholderInDraft => goal_file(&goal_with(
            "draft: true\nsummary: （事業の概要を書いてください）\n",
            same,
        )),
        Code::EmptyValue => goal_file(&goal_with("assessment: {}\n", same)),
        Code::NotAFile => special(|path| {
            let made = std::process::Command::new("mkfifo").arg(path).status();
            assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        }),
        Code::TooLarge => SiteTest::minimal().bytes(
            "content/somu/x.md",
            // One byte past the 4 MiB hyoka reads (fsio::MAX_FILE_BYTES).
            &vec![b'a'; 4 * 1024 * 1024 + 1],
        ),
        Code::Symlink => special(|path| {
            std::os::unix::fs::symlink("jichikai.md", path).expect("symlink");
        }),
        Code::YamlLimit => goal_file(&goal_with(&format!("summary: {}\n", "[".repeat(130)), same)),
        Code::TagUrl => SiteTest::minimal()
            .file(
                "content/somu/a.md",
                &goal_with("tags: [ＳＤＧｓ　１１]\n", same),
            )
            .file("content/somu/b.md", &goal_with("tags: [sdgs-11]\n", same)),
        Code::YearWarning => indicator(&|s| s.replace("year: 令和5年度", "year: 平成35年度")),
        Code::DuplicateYear => {
            indicator(&|s| s.replace("令和6年度: 72.1\n", "令和6年度: 72.1\n    R6: 73.0\n"))
        }
        Code::CostUnit => goal_file(&goal_with(
            "cost:\n  unit: 百万円\n  years:\n    令和6年度: { budget: 12 }\n",
            same,
        )),
        Code::Date => goal_file(&goal_with("updated: 2025年6月1日\n", same)),
        Code::Grade => graded("grade: Z"),
        Code::GradeStatus => graded("grade: A"),
        Code::Plan => config("[[plan]]\ncode = \"4\"\ntitle = \"安全・安心なまちづくり\"\n")
            .file("content/somu/x.md", &goal_with("plan: \"5\"\n", same)),
        Code::Contact => goal_file(&goal_with("contact:\n  email: bosai.example.jp\n", same)),
        Code::ConfigGrade => config("[[grades]]\ncode = \"\"\nlabel = \"順調\"\n"),
        Code::ConfigPlan => config("[[plan]]\ncode = \"4-1\"\ntitle = \"防災\"\nparent = \"9\"\n"),
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
        Code::ConfigEdition => config("[[editions]]\ntag = \"../r6\"\nlabel = \"令和6年度版\"\n"),
        Code::EditionNoGit => config("[[editions]]\ntag = \"r6\"\nlabel = \"令和6年度版\"\n"),
        Code::EditionTag => {
            crate::editions::repository("[[editions]]\ntag = \"r66\"\nlabel = \"令和6年度版\"\n")
        }
        Code::EditionContent => crate::editions::repository(crate::editions::EDITIONS),
        _ => return None,
    })
}

/// The first sheet of the seed (`tests/fixtures/seed/somu-sheets.txt`), edited by `edit`.
fn seed_sheet(edit: impl Fn(&str) -> String) -> String {
    let all = repo_file("tests/fixtures/seed/somu-sheets.txt");
    let second = all[4..].find("**1 ").map_or(all.len(), |i| i + 4);
    edit(&all[..second])
}

fn repo_file(rel: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel))
        .expect("fixture")
}

/// A site with the seed's config.toml and no content, and `files` beside it.
fn import_site(files: &[(&str, &[u8])]) -> SiteTest {
    let mut site = SiteTest::empty().file(
        "config.toml",
        &repo_file("tests/fixtures/seed-as-written/config.toml"),
    );
    for (name, bytes) in files {
        site = site.bytes(name, bytes);
    }
    site
}

/// The `hyoka import` run that makes `code` show (`hyoka import s.txt --department 総務課`
/// unless said otherwise), for codes only the import reports.
fn import_for(code: Code) -> Option<(SiteTest, Vec<&'static str>)> {
    let args = vec!["import", "s.txt", "--department", "総務課"];
    let sheet = |edit: &dyn Fn(&str) -> String| {
        (
            import_site(&[("s.txt", seed_sheet(edit).as_bytes())]),
            args.clone(),
        )
    };
    let fixture = |name: &'static str, edit: &dyn Fn(&str) -> String| {
        let text = edit(&repo_file(&format!("tests/fixtures/import/{name}")));
        let mut args = args.clone();
        args[1] = name;
        (import_site(&[(name, text.as_bytes())]), args)
    };
    Some(match code {
        Code::ImportDepartment => {
            let (site, _) = sheet(&same);
            (site, vec!["import", "s.txt"])
        }
        Code::ImportExists => {
            let (site, args) = sheet(&same);
            let written = goal("地域コミュニティの推進", SEED_INDICATOR);
            let site = site
                .file("content/somu/_index.md", DEPT)
                .file("content/somu/jichikai.md", &written);
            (site, args)
        }
        Code::ImportSlug => {
            let (site, mut args) = sheet(&same);
            args.extend(["--slug", "so mu"]);
            (site, args)
        }
        Code::ImportDirection => {
            sheet(&|s| s.replace("（令和11年度）\t75.0%", "（令和11年度）\t74.6%"))
        }
        // The seed's three copies of the department's facts differ in places.
        Code::ImportFacts => {
            let all = repo_file("tests/fixtures/seed/somu-sheets.txt");
            (import_site(&[("s.txt", all.as_bytes())]), args)
        }
        Code::ImportKept => {
            let (site, args) = sheet(&same);
            let index = "---\ntitle: 総務課\nduties:\n  - 防災に関すること\n---\n";
            (site.file("content/somu/_index.md", index), args)
        }
        Code::ImportGrade => fixture("form-costs.csv", &same),
        Code::ImportArithmetic => fixture("form-tabs.txt", &|s| {
            s.replace("達成率(%)\t101%", "達成率(%)\t150%")
        }),
        Code::SheetMissing => sheet(&|s| {
            s.replace(
                "\t目標値（令和7年度）\t72.7%\n\t最終目標値（令和11年度）\t75.0%\n",
                "",
            )
        }),
        Code::SheetNoTable => (import_site(&[("s.txt", "メモです\n".as_bytes())]), args),
        Code::SheetRow => sheet(&|s| s.replace("数値目標\t初期値", "数値目標\t予定値")),
        Code::SheetRowSkipped => {
            sheet(&|s| s.replace("設定根拠\t", "設定根拠のメモ（タブなし）\n設定根拠\t"))
        }
        Code::SheetValue => sheet(&|s| s.replace("72.1%", "72.1人")),
        Code::SheetYear => {
            sheet(&|s| s.replace("最終目標値（令和11年度）", "最終目標値（令和0年度）"))
        }
        Code::SheetNoValue => {
            sheet(&|s| s.replace("現状値（令和6年度）\t72.1%", "現状値（令和6年度）\t－"))
        }
        Code::SheetPreamble => sheet(&|s| format!("総務課の評価シート（メモ）\n{s}")),
        Code::SheetYearWarning => {
            sheet(&|s| s.replace("目標値（令和7年度）", "目標値（平成37年度）"))
        }
        Code::SheetBaseline => fixture("form-costs.csv", &|s| {
            s.replace("基準値,平成26年度,40\n", "実績値,平成26年度,40\n")
        }),
        Code::SheetXlsx => {
            let mut args = args.clone();
            args[1] = "s.xlsx";
            (import_site(&[("s.xlsx", b"PK not a workbook")]), args)
        }
        _ => return None,
    })
}

/// A minimal site with content/somu/x.md made by `make` (a FIFO, a symbolic link …).
fn special(make: impl Fn(&std::path::Path)) -> SiteTest {
    let site = SiteTest::minimal();
    make(&site.path("content/somu/x.md"));
    site
}

/// A site with the grades A (達成・順調) and C, and a worsening goal graded by `assessment`.
fn graded(assessment: &str) -> SiteTest {
    let scale = "[[grades]]\ncode = \"A\"\nlabel = \"順調\"\nstatuses = [\"achieved\", \"on_track\"]\n[[grades]]\ncode = \"C\"\nlabel = \"遅れ\"\n";
    SiteTest::minimal()
        .file("config.toml", &format!("{CONFIG}{scale}"))
        .file(
            "content/somu/x.md",
            &goal_with(&format!("assessment:\n  {assessment}\n"), same),
        )
}

/// Codes whose message is not pinned here yet. Only shrinks: a code that gets a site in
/// [`site_for`] must leave this list (the test says so).
const NOT_YET_PINNED: &[&str] = &[
    // Internal: `hyoka import` hands a text file to the sheet reader only when it has the
    // numbered headings 1 and 3 (import's is_seed_form), so a sheet always starts and ends
    // in a goal or in another error; other text gets E-SHEET-NO-TABLE. Pinned at unit level:
    // import/sheet.rs, text_without_headings_is_not_a_sheet.
    "E-SHEET-EMPTY",
    // Internal: the CSV reader is flexible (rows of any length) and reads text already
    // decoded to UTF-8 from memory, so the csv crate's remaining errors (I/O, invalid
    // UTF-8) cannot happen; the arm stays so that a future reader setting cannot lose rows
    // silently. Unit level: import/grid.rs, every_csv_text_is_read.
    "E-SHEET-CSV",
];

#[test]
fn every_code_has_a_pinned_message_or_is_listed_as_not_yet() {
    let mut misplaced = Vec::new();
    for code in Code::ALL {
        let listed = NOT_YET_PINNED.contains(&code.id());
        let pinned = site_for(*code).is_some() || import_for(*code).is_some();
        if pinned == listed {
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
        let run = match (site_for(*code), import_for(*code)) {
            (Some(site), _) => site.run(&["check"]),
            (None, Some((site, args))) => site.run(&args),
            (None, None) => continue,
        };
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
