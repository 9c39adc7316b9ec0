//! Proofreading through `hyoka check`: the seed's own typos, pasted as the town wrote them,
//! are all reported at their lines; the default content is clean; rules can be turned off.

use std::collections::BTreeSet;

use crate::harness::*;

fn findings(site: &SiteTest) -> Vec<serde_json::Value> {
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "warnings only: {}{}", run.stdout, run.stderr);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// (file stem, line, rule) of each finding.
fn places(found: &[serde_json::Value]) -> BTreeSet<(String, u64, String)> {
    found
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let stem = path
                .rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".md")
                .to_string();
            (
                stem,
                f["line"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The line (1-based) of the first line of `file` containing `needle`.
fn line_of(site: &SiteTest, file: &str, needle: &str) -> Vec<u64> {
    let text = site.read(&format!("content/somu/{file}.md"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i as u64 + 1)
        .collect()
}

#[test]
fn every_typo_of_the_seed_is_reported() {
    let site = SiteTest::fixture("seed-as-written");
    let found = findings(&site);
    let got = places(&found);
    let mut expected: Vec<(String, u64, String)> = Vec::new();
    let mut expect = |file: &str, needle: &str, rule: &str| {
        let lines = line_of(&site, file, needle);
        assert!(!lines.is_empty(), "{needle} not in {file}");
        for line in lines {
            expected.push((file.to_string(), line, rule.to_string()));
        }
    };
    expect("jishu-bosai", "行われれます", "doubled-kana");
    expect("jishu-bosai", "いただくななど", "doubled-kana");
    expect("jishu-bosai", "実情にあつた", "small-tsu");
    for truncated in [
        "監査委員の事務に関するこ",
        "各種相談に関するこ",
        "福利厚生に関するこ",
        "制定改廃に関するこ",
        "個人情報保護制度に関するこ",
    ] {
        expect("jichikai", truncated, "truncated");
    }
    for file in ["jichikai", "jishu-bosai", "madoguchi"] {
        expect(file, "目 標 名", "space-in-japanese");
        expect(file, "指 標 名", "space-in-japanese");
    }
    let missing: Vec<_> = expected.iter().filter(|e| !got.contains(e)).collect();
    assert!(
        missing.is_empty(),
        "not reported: {missing:#?}\nall findings: {got:#?}"
    );
    // The five truncated duties also differ from the department's own wording.
    let differing = found.iter().filter(|f| f["code"] == "dept-facts").count();
    assert_eq!(differing, 5, "{got:#?}");
    // Each finding says what to write instead.
    for f in &found {
        assert!(
            f["help"].as_str().is_some_and(|h| h.starts_with("修正案")),
            "{f:#}"
        );
    }
}

#[test]
fn text_output_shows_the_line_the_caret_and_the_fix() {
    let site = SiteTest::fixture("seed-as-written");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0);
    let line = line_of(&site, "jishu-bosai", "行われれます")[0];
    let header = format!("content/somu/jishu-bosai.md:{line}:");
    let block = run
        .stderr
        .split(&header)
        .nth(1)
        .unwrap_or_else(|| panic!("no {header} in\n{}", run.stderr));
    assert!(block.contains("警告: "), "{block}");
    assert!(block.contains("[doubled-kana]"), "{block}");
    assert!(
        block.contains("当課の業務は次の方々のために行われれます"),
        "{block}"
    );
    assert!(block.contains('^'), "{block}");
}

#[test]
fn the_default_content_has_no_typos() {
    let site = SiteTest::repo_site();
    assert_eq!(findings(&site), Vec::<serde_json::Value>::new());
}

#[test]
fn a_rule_can_be_turned_off_in_config() {
    let site = SiteTest::fixture("seed-as-written");
    let config = site.read("config.toml")
        + "\n[proofreading]\ndoubled-kana = false\nspace-in-japanese = false\n";
    let site = site.file("config.toml", &config);
    let codes: BTreeSet<String> = findings(&site)
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !codes.contains("doubled-kana") && !codes.contains("space-in-japanese"),
        "{codes:?}"
    );
    assert!(codes.contains("small-tsu"), "{codes:?}");
}

#[test]
fn an_unknown_rule_in_config_is_an_error_with_a_suggestion() {
    let site = SiteTest::minimal().file(
        "config.toml",
        &format!("{CONFIG}\n[proofreading]\ndoubled-kan = false\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("「doubled-kan」という校正ルールはありません"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("もしかして「doubled-kana」"),
        "{}",
        run.stderr
    );
}

#[test]
fn emphasis_that_will_not_render_is_reported_with_the_fix() {
    let body = "\n\nこれは**「重要」**です。\n";
    let text = goal("目標", SEED_INDICATOR)
        .replace("効果があります。\n", &format!("効果があります。{body}"));
    let site = SiteTest::minimal().file("content/somu/jichikai.md", &text);
    let found = findings(&site);
    let e = found
        .iter()
        .find(|f| f["code"] == "emphasis")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(e["help"], "修正案: 「**重要**」");
    assert_eq!(
        e["line"].as_u64(),
        line_of(&site, "jichikai", "これは**").first().copied()
    );
    assert_eq!(e["column"], 4);
}

#[test]
fn build_shows_the_same_warnings_and_still_builds() {
    let site = SiteTest::fixture("seed-as-written");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("[small-tsu]"), "{}", run.stderr);
    assert!(site.path("public/somu/jishu-bosai/index.html").is_file());
}

/// Every diagnostic of `hyoka check` on a site full of mistakes, one line each: the header
/// (file:line:col, message, fix, rule) and the width of its caret underline.
fn compact_report(stderr: &str) -> String {
    let mut out = String::new();
    let mut lines = stderr.lines().peekable();
    while let Some(line) = lines.next() {
        if !line.starts_with("content/") {
            continue;
        }
        let mut carets = 0;
        while let Some(next) = lines.next_if(|l| !l.starts_with("content/")) {
            if next.trim_start().starts_with('|') && next.contains('^') {
                carets = next.matches('^').count();
            }
        }
        out.push_str(&format!("{line} (^{carets})\n"));
    }
    out
}

/// The proofreading fixture holds every rule's test inputs, the labelled corpus (as
/// paragraphs, list items, table cells, bold text beside code and HTML, CRLF text and front
/// matter strings) and near copies of a department's duties: the findings, their positions and
/// their order are pinned, so a faster rule must find exactly the same things.
#[test]
fn findings_on_a_site_full_of_mistakes_are_pinned() {
    let site = SiteTest::fixture("proofread-mistakes");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    insta::assert_snapshot!("proofread_mistakes", compact_report(&run.stderr));
}

const OFFICIAL_CORRECT: &str = include_str!("../../src/proofread/corpus/official-correct.txt");
const OFFICIAL_SLIPS: &str = include_str!("../../src/proofread/corpus/official-slips.txt");

/// One entry of the official-layout corpus placed in a Markdown page: its first and last
/// line there, and the rule expected to report it (none for a correct entry).
struct Placed {
    lines: std::ops::RangeInclusive<u64>,
    rule: Option<String>,
    entry: String,
}

/// A department page whose body holds the entries of `corpus` as a paragraph each (`\n`
/// a line break), a list item (`item:`) or a one-cell table (`cell:`).
fn official_page(corpus: &str, labelled: bool) -> (String, Vec<Placed>) {
    let mut page: Vec<String> = DEPT.lines().map(str::to_string).collect();
    page.push(String::new());
    let mut placed = Vec::new();
    for line in corpus
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let (rule, entry) = match line.split_once('\t').filter(|_| labelled) {
            Some((rule, entry)) => (Some(rule.to_string()), entry),
            None => (None, line),
        };
        let first = page.len() as u64 + 1;
        if let Some(item) = entry.strip_prefix("item:") {
            page.push(format!("- {item}"));
        } else if let Some(cell) = entry.strip_prefix("cell:") {
            page.extend([
                "| 項目 |".to_string(),
                "|---|".to_string(),
                format!("| {cell} |"),
            ]);
        } else {
            page.extend(entry.split("\\n").map(str::to_string));
        }
        placed.push(Placed {
            lines: first..=page.len() as u64,
            rule,
            entry: entry.to_string(),
        });
        page.push(String::new());
    }
    (page.join("\n"), placed)
}

/// The official-layout corpus through `hyoka check`, as paragraphs, list items and table
/// cells: no correct line raises a warning, and each slip is reported by its rule.
#[test]
fn official_layout_raises_no_warning_and_its_slips_are_found() {
    let (page, placed) = official_page(OFFICIAL_CORRECT, false);
    let site = SiteTest::minimal().file("content/somu/_index.md", &page);
    let found = findings(&site);
    assert!(found.is_empty(), "{found:#?}");
    assert!(placed.len() >= 40);

    let (page, placed) = official_page(OFFICIAL_SLIPS, true);
    let site = SiteTest::minimal().file("content/somu/_index.md", &page);
    let found = findings(&site);
    let missed: Vec<&str> = placed
        .iter()
        .filter(|p| {
            !found.iter().any(|f| {
                f["code"].as_str() == p.rule.as_deref()
                    && f["line"].as_u64().is_some_and(|l| p.lines.contains(&l))
            })
        })
        .map(|p| p.entry.as_str())
        .collect();
    assert!(missed.is_empty(), "not reported: {missed:#?}");
}

#[test]
fn the_rules_for_official_slips_can_be_turned_off() {
    let new_rules = [
        "doubled-ending",
        "small-ya-yu-yo",
        "mixed-kana",
        "broken-ending",
        "space-in-number",
    ];
    let (page, _) = official_page(OFFICIAL_SLIPS, true);
    let site = SiteTest::minimal().file("content/somu/_index.md", &page);
    let codes = |site: &SiteTest| -> BTreeSet<String> {
        findings(site)
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    let on = codes(&site);
    assert!(new_rules.iter().all(|r| on.contains(*r)), "{on:?}");
    let off = new_rules.map(|r| format!("{r} = false")).join("\n");
    let site = site.file("config.toml", &format!("{CONFIG}\n[proofreading]\n{off}\n"));
    let left = codes(&site);
    assert!(new_rules.iter().all(|r| !left.contains(*r)), "{left:?}");
    assert!(left.contains("space-in-japanese"), "{left:?}");
}

/// A site whose one goal has `body` after its front matter.
fn goal_with_body(body: &str) -> SiteTest {
    let text = goal("地域コミュニティの推進", SEED_INDICATOR);
    SiteTest::minimal().file("content/somu/jichikai.md", &format!("{text}\n{body}\n"))
}

/// (rule, line) of each finding, and the summaries' messages.
fn capped(found: &[serde_json::Value]) -> (Vec<(String, u64)>, Vec<String>) {
    let (summaries, shown): (Vec<_>, Vec<_>) = found
        .iter()
        .partition(|f| f["message"].as_str().unwrap().contains("同じ種類の指摘"));
    let shown = shown
        .iter()
        .map(|f| {
            let rule = f["code"].as_str().unwrap().to_string();
            (rule, f["line"].as_u64().unwrap())
        })
        .collect();
    let summaries = summaries
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    (shown, summaries)
}

#[test]
fn a_huge_line_of_one_typo_is_reported_500_times_and_summed_up() {
    // 50,000 「つた」 on one 300 KB line, 25,000 findings: this took 8.6 GB (each held the line).
    let site = goal_with_body(&"つた".repeat(50_000));
    let line = site.read("content/somu/jichikai.md").lines().count() as u64;
    let (shown, summaries) = capped(&findings(&site));
    assert_eq!(shown, vec![("small-tsu".to_string(), line); 500]);
    assert_eq!(
        summaries,
        ["このファイルには同じ種類の指摘（small-tsu）がほかに 24500 件あります"]
    );
    // The text form shows each line cut to a window around the finding.
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.len() < 2_000_000, "{} bytes", run.stderr.len());
}

#[test]
fn a_pasted_paragraph_of_one_typo_is_capped_per_rule() {
    // A 225 KB paragraph from a PDF, one line, with 5,000 「行われれます」 and a
    // 「実施しします」 now and then: both are doubled-kana, counted under one cap.
    let sentence = "本事業は、計画に基づき関係機関と連携して行われれます。";
    let mut body = String::new();
    for k in 0..5_000 {
        body.push_str(sentence);
        if k % 40 == 0 {
            body.push_str("計画どおり事業を実施しします。");
        }
    }
    assert!(body.len() > 225_000, "{}", body.len());
    let site = goal_with_body(&body);
    let (shown, summaries) = capped(&findings(&site));
    let count = |rule: &str| shown.iter().filter(|(r, _)| r == rule).count();
    assert_eq!((count("doubled-kana"), shown.len()), (500, 500));
    assert_eq!(
        summaries,
        ["このファイルには同じ種類の指摘（doubled-kana）がほかに 4625 件あります"]
    );
}
