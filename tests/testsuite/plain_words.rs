//! Words residents use (issue 15 item 2): tables and cards carry no formula letters, a
//! negative 進捗率 is told in the indicator's units, a missing rate says why, a high 達成率
//! beside 悪化 is explained, and plan values of counts are whole numbers. The formulas stay
//! on 評価の方法.

use crate::harness::{CONFIG, DEPT, SiteTest, goal};

/// The formula letters tables used to carry.
const LETTERS: [&str; 6] = [
    "p(y)",
    "p(ya)",
    "初期値 b",
    "最新実績 a",
    "最終目標値 F",
    "算出できません）",
];

fn assert_plain(page: &str, html: &str) {
    for letters in LETTERS {
        assert!(!html.contains(letters), "{page} still says {letters}");
    }
}

#[test]
fn the_default_site_speaks_plainly_and_keeps_the_formulas_on_the_evaluation_page() {
    let site = SiteTest::repo_site();
    site.build();
    let home = site.read("public/index.html");
    let department = site.read("public/somu/index.html");
    let jichikai = site.read("public/somu/jichikai/index.html");
    let bosai = site.read("public/somu/jishu-bosai/index.html");
    for (page, html) in [
        ("home", &home),
        ("somu/", &department),
        ("jichikai", &jichikai),
        ("jishu-bosai", &bosai),
    ] {
        assert_plain(page, html);
    }
    let negative = "目標までの差0.4ポイントに対し、初期値から2.5ポイント減少しています。";
    for (page, html) in [
        ("home", &home),
        ("somu/", &department),
        ("jichikai", &jichikai),
    ] {
        assert!(html.contains(negative), "{page} leaves -625% unexplained");
    }
    assert!(jichikai.contains(
        "達成率はその年度の計画値と比べた割合で、評価の「悪化」は実績72.1%が初期値74.6%より低いことによります。"
    ));
    // 59.5地区 is shown as the 60地区 that meets the plan.
    assert!(!bosai.contains("59.5地区"));
    assert!(bosai.contains("令和6年度の計画値 60地区"));
    assert!(bosai.contains("<td class=\"num\" data-label=\"計画値\">60地区</td>"));

    let evaluation = site.read("public/about/evaluation/index.html");
    assert!(evaluation.contains("進捗率 ＝ (a − b) ÷ (F − b) × 100"));
    assert!(
        evaluation.contains("計画値 p(y)</dt>"),
        "the terms keep their letters"
    );
    assert!(
        evaluation.contains("59.5地区は60地区"),
        "the rounding rule is stated"
    );
    let table = &evaluation[evaluation.find("<table").unwrap()..];
    assert_plain("the evaluation page's table", table);
    assert!(table.contains(negative));
}

/// Every reason a rate is missing, on the goal page (one indicator) and on a goal with
/// several indicators (§8.1).
#[test]
fn a_missing_rate_says_why() {
    let indicator = |name: &str, baseline: &str, actual: &str, target: &str| {
        format!(
            "  - name: {name}\n    unit: 件\n    direction: up\n    baseline: {{ year: 令和5年度, value: {baseline} }}\n{actual}    targets:\n      令和11年度: {target}\n"
        )
    };
    let several = format!(
        "---\ntitle: 相談の充実\nindicators:\n{}{}---\n\n本文。\n",
        indicator("相談件数", "10", "    actual:\n      令和6年度: 12\n", "10"),
        indicator("訪問件数", "0", "    actual:\n      令和5年度: 0\n", "8"),
    );
    let site = SiteTest::empty()
        .file("config.toml", CONFIG)
        .file("content/somu/_index.md", DEPT)
        .file(
            "content/somu/mada.md",
            &goal(
                "まだ測っていない目標",
                "  name: 参加者数\n  unit: 人\n  direction: up\n  baseline: { year: 令和5年度, value: 10 }\n  targets:\n    令和11年度: 25\n",
            ),
        )
        .file("content/somu/several.md", &several);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mada = site.read("public/somu/mada/index.html");
    assert_plain("mada", &mada);
    assert_eq!(
        mada.matches("実績がまだないため、算出できません。").count(),
        2
    );
    let several = site.read("public/somu/several/index.html");
    assert_plain("several", &several);
    assert!(several.contains("最終目標値が初期値と同じため、算出できません。"));
    assert!(several.contains("令和5年度の計画値が0のため、算出できません。"));
    let home = site.read("public/index.html");
    assert!(home.contains("実績がまだないため、算出できません。"));
    assert_plain("home", &home);
}
