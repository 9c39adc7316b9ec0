//! Every mistake staff can make in a content file is reported with the file, the line, a
//! Japanese message and the fix — one test per case, through the real `hyoka check`.

use crate::harness::*;

/// Runs `check --format json` on the minimal site with `content/somu/x.md` replaced by
/// `text`; returns the findings for that file.
fn findings_for(rel: &str, bytes: &[u8]) -> Vec<serde_json::Value> {
    let site = SiteTest::minimal().bytes(rel, bytes);
    let run = site.run(&["check", "--format", "json"]);
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}: {}",
        run.code,
        run.stderr
    );
    run.stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line"))
        .filter(|f| f["path"] == rel)
        .collect()
}

/// Asserts the first error in `rel` has this code and line, and that the text form names
/// `path:line:` with a message and a fix.
fn expect_error(rel: &str, text: &str, code: &str, line: u64) -> serde_json::Value {
    let found = findings_for(rel, text.as_bytes());
    let error = found
        .iter()
        .find(|f| f["severity"] == "error")
        .unwrap_or_else(|| panic!("no error for {code} in {found:#?}"))
        .clone();
    assert_eq!(
        (
            error["code"].as_str().unwrap(),
            error["line"].as_u64().unwrap()
        ),
        (code, line),
        "{error:#}"
    );
    assert!(
        error["help"].as_str().is_some_and(|h| !h.is_empty()),
        "{code} has no fix: {error:#}"
    );
    let site = SiteTest::minimal().file(rel, text);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    let prefix = format!("{rel}:{line}:");
    assert!(
        run.stderr.contains(&prefix) && run.stderr.contains("エラー: "),
        "{code}: no «{prefix}» in\n{}",
        run.stderr
    );
    error
}

const X: &str = "content/somu/x.md";

fn seed_with(from: &str, to: &str) -> String {
    let text = goal("目標", SEED_INDICATOR);
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

#[test]
fn yaml_unclosed_bracket_is_reported_where_it_opens() {
    let e = expect_error(
        X,
        "---\ntitle: [閉じていない\nweight: 1\n---\n",
        "E-YAML",
        2,
    );
    assert_eq!(e["column"], 8, "{e:#}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("閉じられていません"),
        "{e:#}"
    );
}

#[test]
fn tab_indentation_is_explained() {
    let e = expect_error(
        X,
        "---\ntitle: 目標\nindicator:\n\tname: 指標\n---\n",
        "E-YAML",
        4,
    );
    assert!(e["help"].as_str().unwrap().contains("タブ"), "{e:#}");
}

#[test]
fn front_matter_not_closed() {
    expect_error(X, "---\ntitle: 目標\n\n本文です。\n", "E-FM-UNCLOSED", 1);
}

#[test]
fn front_matter_that_is_not_a_mapping() {
    expect_error(X, "---\n- 目標\n- 指標\n---\n", "E-FM-NOT-MAP", 2);
}

#[test]
fn front_matter_missing() {
    expect_error(X, "# 目標\n\n本文です。\n", "E-FM-MISSING", 1);
}

#[test]
fn empty_file() {
    expect_error(X, "", "E-EMPTY", 1);
}

#[test]
fn binary_file() {
    let found = findings_for(X, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!(found[0]["code"], "E-BINARY", "{found:#?}");
}

#[test]
fn huge_file_is_refused_before_reading() {
    let big = format!("---\ntitle: 目標\n---\n{}", "あ".repeat(2_000_000));
    let found = findings_for(X, big.as_bytes());
    assert_eq!(found[0]["code"], "E-TOO-LARGE", "{found:#?}");
}

#[test]
fn missing_required_keys() {
    let e = expect_error(X, &seed_with("title: 目標\n", ""), "E-MISSING-KEY", 2);
    assert!(e["message"].as_str().unwrap().contains("title"));
    let e = expect_error(
        X,
        &seed_with("  name: 自治会加入割合\n", ""),
        "E-MISSING-KEY",
        4,
    );
    assert!(e["message"].as_str().unwrap().contains("name"));
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let e = expect_error(X, &seed_with("indicator:", "indcator:"), "E-UNKNOWN-KEY", 3);
    assert_eq!(e["help"], "もしかして「indicator」ですか？");
    let e = expect_error(
        X,
        &seed_with("  direction: up", "  direktion: up"),
        "E-UNKNOWN-KEY",
        6,
    );
    assert_eq!(e["help"], "もしかして「direction」ですか？");
}

#[test]
fn duplicate_keys_point_at_the_second() {
    let e = expect_error(
        X,
        &seed_with(
            "    令和11年度: 75.0\n",
            "    令和11年度: 75.0\n    令和11年度: 76.0\n",
        ),
        "E-DUPLICATE-KEY",
        13,
    );
    assert!(e["message"].as_str().unwrap().contains("令和11年度"));
    expect_error(
        X,
        &seed_with("title: 目標\n", "title: 目標\ntitle: 目標2\n"),
        "E-DUPLICATE-KEY",
        3,
    );
}

#[test]
fn the_same_year_in_two_notations() {
    expect_error(
        X,
        &seed_with(
            "    令和11年度: 75.0\n",
            "    令和11年度: 75.0\n    R11: 76.0\n",
        ),
        "E-DUPLICATE-YEAR",
        13,
    );
}

#[test]
fn wrong_types() {
    expect_error(
        X,
        &seed_with("title: 目標", "title: [目標, 指標]"),
        "E-TYPE",
        2,
    );
    expect_error(
        X,
        &seed_with("title: 目標", "title: 目標\nweight: 重い"),
        "E-TYPE",
        3,
    );
    expect_error(
        X,
        &seed_with("title: 目標", "title: 目標\ndraft: いいえ"),
        "E-TYPE",
        3,
    );
    expect_error(
        X,
        &seed_with("  actual:\n    令和6年度: 72.1\n", "  actual: 72.1\n"),
        "E-TYPE",
        8,
    );
}

#[test]
fn values_that_are_not_numbers_or_in_another_unit() {
    let e = expect_error(X, &seed_with("72.1", "七十二"), "E-VALUE", 9);
    assert!(e["message"].as_str().unwrap().contains("七十二"));
    let e = expect_error(X, &seed_with("72.1", "\"72.1人\""), "E-VALUE", 9);
    assert!(e["message"].as_str().unwrap().contains("単位"));
    expect_error(X, &seed_with("72.1", "true"), "E-VALUE", 9);
    // An empty 実績 is "not measured" (content-format §8.1); an empty 目標値 is an error.
    expect_error(X, &seed_with("72.7", "~"), "E-VALUE", 11);
}

#[test]
fn nan_infinity_and_overflow() {
    for value in [
        ".nan",
        ".inf",
        "-.inf",
        "1e400",
        "99999999999999999999",
        "\"NaN\"",
    ] {
        let e = expect_error(X, &seed_with("72.1", value), "E-VALUE", 9);
        assert!(
            e["message"].as_str().unwrap().contains("大きすぎる"),
            "{value}: {e:#}"
        );
    }
}

#[test]
fn impossible_or_out_of_era_years() {
    for (year, word) in [
        ("令和0年度", "元年"),
        ("平成51年度", "平成は31年度まで"),
        ("昭和65年度", "昭和は63年度まで"),
        ("R-1", "元年"),
        ("来年度", "読めません"),
        ("1500", "範囲"),
    ] {
        let e = expect_error(X, &seed_with("令和6年度", year), "E-YEAR", 9);
        assert!(
            e["message"].as_str().unwrap().contains(word),
            "{year}: {e:#}"
        );
    }
}

#[test]
fn baseline_after_the_targets() {
    expect_error(
        X,
        &seed_with("year: 令和5年度", "year: 令和9年度"),
        "E-BASELINE-AFTER-TARGET",
        7,
    );
}

#[test]
fn no_targets() {
    expect_error(
        X,
        &seed_with(
            "  targets:\n    令和7年度: 72.7\n    令和11年度: 75.0\n",
            "",
        ),
        "E-NO-TARGETS",
        4,
    );
    expect_error(
        X,
        &seed_with("    令和7年度: 72.7\n    令和11年度: 75.0\n", ""),
        "E-NO-TARGETS",
        10,
    );
}

#[test]
fn unknown_direction() {
    let e = expect_error(
        X,
        &seed_with("direction: up", "direction: 横ばい"),
        "E-DIRECTION",
        6,
    );
    assert!(e["help"].as_str().unwrap().contains("up"));
}

#[test]
fn japanese_file_name_without_slug() {
    let e = expect_error(
        "content/somu/自治会.md",
        &goal("目標", SEED_INDICATOR),
        "E-SLUG",
        1,
    );
    assert!(e["help"].as_str().unwrap().contains("slug:"));
    expect_error(
        X,
        &seed_with("title: 目標", "slug: 自治会\ntitle: 目標"),
        "E-SLUG",
        2,
    );
}

#[test]
fn two_goals_with_the_same_url() {
    let text = seed_with("title: 目標", "slug: jichikai\ntitle: 目標");
    let e = expect_error(X, &text, "E-DUPLICATE-URL", 2);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("content/somu/jichikai.md"),
        "{e:#}"
    );
}

#[test]
fn department_folder_without_index() {
    let site = SiteTest::minimal().file("content/kikaku/plan.md", &goal("目標", SEED_INDICATOR));
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{command}");
        let expected = "content/kikaku: エラー: 課のフォルダー「kikaku」に _index.md がありません";
        assert!(run.stderr.contains(expected), "{command}: {}", run.stderr);
    }
    assert!(!site.path("public").exists());
}

#[test]
fn shift_jis_is_read_with_a_warning_to_save_as_utf8() {
    let text = goal("地域コミュニティの推進", SEED_INDICATOR);
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let found = findings_for(X, &bytes);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (
            found[0]["code"].as_str(),
            found[0]["severity"].as_str(),
            found[0]["line"].as_u64()
        ),
        (Some("W-ENCODING"), Some("warning"), Some(1))
    );
    assert!(found[0]["help"].as_str().unwrap().contains("UTF-8"));
}

#[test]
fn bom_and_crlf_are_fine() {
    let text = format!(
        "\u{feff}{}",
        goal("目標", SEED_INDICATOR).replace('\n', "\r\n")
    );
    assert_eq!(
        findings_for(X, text.as_bytes()),
        Vec::<serde_json::Value>::new()
    );
}

#[test]
fn hostile_yaml_ends_with_an_error() {
    let mut bomb = String::from("---\na: &a [x,x,x,x,x,x,x,x,x]\n");
    for i in 0..24 {
        let prev = if i == 0 {
            "*a".to_string()
        } else {
            format!("*b{}", i - 1)
        };
        bomb += &format!("b{i}: &b{i} [{}]\n", vec![prev; 9].join(","));
    }
    bomb += "---\n";
    expect_error(X, &bomb, "E-YAML-LIMIT", 2);
    let deep = format!("---\ntitle: {}\n---\n", "[".repeat(50_000));
    let found = findings_for(X, deep.as_bytes());
    assert_eq!(found[0]["code"], "E-YAML-LIMIT", "{found:#?}");
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_run() {
    let text = seed_with("direction: up", "direction: 横ばい")
        .replace("72.1", "七十二")
        .replace("令和7年度", "令和0年度");
    let codes: Vec<String> = findings_for(X, text.as_bytes())
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["E-DIRECTION", "E-VALUE", "E-YEAR"]);
}

#[test]
fn config_saved_as_shift_jis_is_read_with_the_same_warning() {
    let (config, _, _) = encoding_rs::SHIFT_JIS.encode(CONFIG);
    let site = SiteTest::minimal().bytes("config.toml", &config);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("config.toml:1:1: 警告: このファイルは Shift_JIS"),
        "{}",
        run.stderr
    );
    assert!(site.read("public/index.html").contains("テスト町 行政評価"));
}

#[test]
fn windows_device_names_cannot_be_urls() {
    // `con.md` built public/somu/con/, which cannot exist on a Windows/IIS server.
    for name in ["con", "aux", "nul", "com1", "lpt9"] {
        let rel = format!("content/somu/{name}.md");
        let error = expect_error(&rel, &goal("目標", SEED_INDICATOR), "E-SLUG", 1);
        assert!(
            error["message"]
                .as_str()
                .unwrap()
                .contains("Windows のサーバー"),
            "{error:#}"
        );
    }
    let error = expect_error(
        X,
        &seed_with("title: 目標", "title: 目標\nslug: prn"),
        "E-SLUG",
        3,
    );
    assert!(
        error["help"].as_str().unwrap().contains("slug: prn-1"),
        "{error:#}"
    );
    let dept = SiteTest::minimal()
        .file("content/aux/_index.md", DEPT)
        .file("content/aux/x.md", &goal("目標", SEED_INDICATOR));
    let run = dept.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/aux/_index.md:1:1: エラー: URL名「aux」は Windows"),
        "{}",
        run.stderr
    );
}
