//! Content errors: every one named with file:line:col in Japanese, all reported in one
//! run, exit status 1; `check` writes nothing.

use crate::harness::*;

#[test]
fn check_reports_every_error_with_file_and_line() {
    let bad_value = goal("目標A", &SEED_INDICATOR.replace("72.1", "\"72.1人\""));
    let bad_year = goal("目標B", &SEED_INDICATOR.replace("令和7年度", "令和0年度"));
    let site = SiteTest::minimal()
        .file("content/somu/a.md", &bad_value)
        .file("content/somu/b.md", &bad_year)
        .file("content/somu/c.md", "---\ntitle: [閉じていない\n---\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "content/somu/a.md:9:12: エラー: 実績: 「72.1人」の単位「人」が指標の単位「%」と合いません",
        "content/somu/b.md:11:5: エラー: 「令和0年度」という年度はありません",
        "content/somu/c.md:2:8: エラー: フロントマターのYAMLが読めません",
        " — 数値だけを書くか、単位「%」を付けて書いてください",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing «{expected}» in\n{}",
            run.stderr
        );
    }
    assert!(!site.path("public").exists());
}

#[test]
fn check_json_prints_one_object_per_finding() {
    let site = SiteTest::minimal().file(
        "content/somu/x.md",
        &goal(
            "目標",
            &SEED_INDICATOR.replace("direction: up", "direction: sideways"),
        ),
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let findings: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(findings.len(), 1, "{}", run.stdout);
    assert_eq!(findings[0]["code"], "E-DIRECTION");
    assert_eq!(findings[0]["path"], "content/somu/x.md");
    assert_eq!(findings[0]["line"], 6);
    assert_eq!(findings[0]["severity"], "error");
}

#[test]
fn check_passes_on_the_default_site() {
    let site = SiteTest::repo_site();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("問題はありません"), "{}", run.stderr);
}

#[test]
fn check_with_only_warnings_does_not_say_there_is_no_problem() {
    let site = SiteTest::minimal().file(
        "content/somu/x.md",
        &goal("目標", SEED_INDICATOR).replace("効果があります。", "効果がありまます。。"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("警告: "), "{}", run.stderr);
    assert!(!run.stderr.contains("問題はありません"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("検査しました: エラーはありません。警告を確かめてください（エラー 0件、警告"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_command_line_speaks_japanese_with_the_right_exit_status() {
    let site = SiteTest::minimal();
    let help = site.run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(
        help.stdout.contains("使い方: hyoka <コマンド>"),
        "{}",
        help.stdout
    );
    assert!(!help.stdout.contains("Usage"), "{}", help.stdout);
    let typo = site.run(&["buid"]);
    assert_eq!(typo.code, 2);
    assert!(typo.stdout.is_empty());
    assert!(
        typo.stderr
            .contains("「buid」というコマンドはありません\n  もしかして「build」"),
        "{}",
        typo.stderr
    );
    let value = site.run(&["check", "--format", "xml"]);
    assert_eq!(value.code, 2);
    assert!(
        value.stderr.contains("指定できる値: text, json"),
        "{}",
        value.stderr
    );
}

/// Issue 15 item 7: a department folder without `_index.md` does not hide its goals' own
/// errors; they are reported in the same run.
#[test]
fn a_folder_without_index_still_reports_its_goals_errors() {
    let bad_year = goal("目標B", &SEED_INDICATOR.replace("令和7年度", "令和0年度"));
    let site = SiteTest::minimal().file("content/kikaku/b.md", &bad_year);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "課のフォルダー「kikaku」に _index.md がありません",
        "content/kikaku/b.md:11:5: エラー: 「令和0年度」という年度はありません",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing «{expected}» in\n{}",
            run.stderr
        );
    }
}

/// The carets under a year that does not exist cover the whole token 「令和0年度」 (four
/// full-width characters and one half-width: nine columns), not its first character.
#[test]
fn the_caret_covers_the_whole_year() {
    let bad_year = goal("目標B", &SEED_INDICATOR.replace("令和7年度", "令和0年度"));
    let site = SiteTest::minimal().file("content/somu/b.md", &bad_year);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let snippet = "11 |     令和0年度: 72.7\n   |     ^^^^^^^^^\n";
    assert!(run.stderr.contains(snippet), "{}", run.stderr);
}

/// A binary file gives its own error only, not also 「ファイルが空です」.
#[test]
fn a_binary_file_gives_only_its_own_error() {
    let site = SiteTest::minimal().bytes("content/somu/bin.md", b"\x00\x01");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let codes: Vec<String> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["code"].to_string())
        .collect();
    assert_eq!(codes, ["\"E-BINARY\""], "{}", run.stdout);
}
