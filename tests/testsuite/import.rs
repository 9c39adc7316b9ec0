//! `hyoka import`: the town's legacy text sheets (a copy of the seed in
//! `tests/fixtures/seed/`, and sheets of another department in `tests/fixtures/import/`)
//! imported into a site by the real binary, then built and checked.

use std::path::Path;

use crate::harness::{Run, SiteTest};

const SEED_SHEETS: &str = "tests/fixtures/seed/somu-sheets.txt";
const KENKO_SHEETS: &str = "tests/fixtures/import/kenko-sheets.txt";

fn repo_file(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).expect("fixture")
}

/// A site with the seed's config.toml and no content, with the sheets copied in.
fn site_with(sheets: &[(&str, &str)]) -> SiteTest {
    let mut site = SiteTest::empty().file(
        "config.toml",
        &repo_file("tests/fixtures/seed-as-written/config.toml"),
    );
    for (name, text) in sheets {
        site = site.file(name, text);
    }
    site
}

/// Asserts that the command's messages contain `text`.
fn says(run: &Run, text: &str) {
    assert!(
        run.stderr.contains(text),
        "expected {text:?} in:\n{}",
        run.stderr
    );
}

/// The first of the sheets in a file (up to the second `**1 …**` heading).
fn first_sheet(sheets: &str) -> &str {
    let start = sheets.find("**1 ").expect("a sheet") + 1;
    let end = sheets[start..]
        .find("\n**1 ")
        .map_or(sheets.len(), |i| start + i);
    &sheets[..end]
}

fn goal_by_slug<'a>(json: &'a serde_json::Value, slug: &str) -> &'a serde_json::Value {
    json.as_array()
        .expect("array")
        .iter()
        .find(|g| g["slug"] == slug)
        .unwrap_or_else(|| panic!("no goal {slug} in {json:#}"))
}

fn front_matter(text: &str) -> serde_yaml::Value {
    let yaml = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .expect("front matter")
        .0;
    serde_yaml::from_str(yaml).expect("YAML")
}

#[test]
fn the_seed_imports_builds_and_evaluates_as_the_contract_says() {
    let site = site_with(&[("somu-sheets.txt", &repo_file(SEED_SHEETS))]);
    let run = site.run(&["import", "somu-sheets.txt", "--department", "総務課"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let dept = front_matter(&site.read("content/somu/_index.md"));
    assert_eq!(dept["title"], "総務課");
    let duties: Vec<&str> = dept["duties"]
        .as_sequence()
        .expect("duties")
        .iter()
        .map(|d| d.as_str().expect("text"))
        .collect();
    assert_eq!(duties.len(), 6, "{duties:?}");
    assert!(duties.iter().all(|d| d.ends_with("こと")), "{duties:?}");
    let repo_dept = front_matter(&repo_file("content/somu/_index.md"));
    assert_eq!(dept["duties"], repo_dept["duties"]);
    assert_eq!(dept["served"], repo_dept["served"]);

    // The report lists every disagreement between the copies, at the sheet's line: the
    // five items cut short in the first sheet and the heading typo of the second.
    let places: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("[W-IMPORT-FACTS]"))
        .map(|l| l.split(": 警告").next().unwrap_or(""))
        .collect();
    assert_eq!(
        places,
        [
            "somu-sheets.txt:6:4",
            "somu-sheets.txt:7:4",
            "somu-sheets.txt:8:4",
            "somu-sheets.txt:9:4",
            "somu-sheets.txt:10:4",
            "somu-sheets.txt:48:1"
        ],
        "{}",
        run.stderr
    );
    says(&run, "推定 3件、推定できず 0件");
    says(&run, "×悪化（進捗率 -625%");
    // The check's proofreading runs on what was written: the seed's typos are reported.
    says(&run, "content/somu/jishu-bosai.md:");
    assert!(run.stderr.contains("[small-tsu]") && run.stderr.contains("[doubled-kana]"));

    site.build();
    let folders = std::fs::read_dir(site.path("content"))
        .expect("content")
        .count();
    assert_eq!(folders, 1, "one department");
    let page = site.read("public/somu/index.html");
    let duties_shown = page.matches("こと</li>").count();
    assert_eq!(duties_shown, 6, "the department page lists the six duties");
    let json = site.json("public/data/indicators.json");
    assert_eq!(json.as_array().map(Vec::len), Some(3));
    for (slug, status, progress) in [
        ("jichikai", "worse", -625.0),
        ("jishu-bosai", "behind", 10.0),
        ("madoguchi", "behind", 0.0),
    ] {
        let g = goal_by_slug(&json, slug);
        assert_eq!(g["department_slug"], "somu");
        assert_eq!(g["status"], status, "{slug}");
        assert_eq!(g["progress_pct"].as_f64(), Some(progress), "{slug}");
        assert_eq!(g["direction"], "up", "{slug}");
    }
    // The same evaluation, series and titles as the hand-converted content/ of the repo.
    let repo = SiteTest::repo_site();
    repo.build();
    let hand = repo.json("public/data/indicators.json");
    for field in [
        "title",
        "indicator",
        "unit",
        "baseline",
        "actual",
        "targets",
        "status",
        "progress_pct",
        "achievement_pct",
        "url",
    ] {
        for slug in ["jichikai", "jishu-bosai", "madoguchi"] {
            assert_eq!(
                goal_by_slug(&json, slug)[field],
                goal_by_slug(&hand, slug)[field],
                "{slug}.{field}"
            );
        }
    }
}

#[test]
fn another_department_lower_is_better_thousands_separators_and_gannen() {
    let site = site_with(&[("kenko.txt", &repo_file(KENKO_SHEETS))]);
    let run = site.run(&["import", "kenko.txt", "--department", "健康福祉課"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let folder = site.path("content/kenko-fukushi");
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["_index.md", "jido.md", "kyukyu.md", "tokutei-kenshin.md"]
    );
    // The maintained-level goal cannot tell its direction: warned at the final target's line.
    assert!(
        run.stderr
            .contains("kenko.txt:89:1: 警告: 最終目標値が初期値と同じ"),
        "{}",
        run.stderr
    );
    says(&run, "推定 2件、推定できず 1件");
    let dept = front_matter(&site.read("content/kenko-fukushi/_index.md"));
    assert_eq!(
        dept["duties"][1].as_str(),
        Some("予防接種及び感染症対策に関すること")
    );
    assert!(!dept["served"].as_str().unwrap_or("").contains("のの"));

    site.build();
    let json = site.json("public/data/indicators.json");
    let kenshin = goal_by_slug(&json, "tokutei-kenshin");
    assert_eq!(kenshin["baseline"]["label"], "令和元年度");
    assert_eq!(kenshin["baseline"]["value"].as_f64(), Some(9400.0));
    assert_eq!(kenshin["final_target"]["fiscal_year"], 2028);
    assert_eq!(kenshin["status"], "behind");
    let kyukyu = goal_by_slug(&json, "kyukyu");
    assert_eq!(kyukyu["direction"], "down");
    assert_eq!(kyukyu["status"], "on_track");
    assert_eq!(kyukyu["actual"].as_array().map(Vec::len), Some(2));
    let jido = goal_by_slug(&json, "jido");
    assert_eq!(jido["baseline"]["value"].as_f64(), Some(95.0));
    assert_eq!(jido["status"], "worse");
}

#[test]
fn a_parse_error_names_the_sheet_line_and_writes_nothing() {
    let broken = repo_file(SEED_SHEETS).replace("72.1%", "72.1人").replace(
        "最終目標値（令和11年度）\t68地区",
        "最終目標値（令和0年度）\t68地区",
    );
    let site = site_with(&[("somu.txt", &broken)]);
    let run = site.run(&["import", "somu.txt", "--department", "総務課"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    says(
        &run,
        "somu.txt:21:13: エラー: 「72.1人」の単位「人」が指標の単位「%」と合いません",
    );
    says(&run, "somu.txt:59:2: エラー:");
    says(&run, "[E-SHEET-YEAR]");
    assert!(run.stderr.contains("何も書き込んでいません"));
    assert!(!site.path("content").exists());
}

#[test]
fn existing_files_are_refused_unless_forced_and_other_goals_get_a_free_name() {
    let sheets = repo_file(SEED_SHEETS);
    let site = site_with(&[("somu.txt", &sheets)]);
    let args = ["import", "somu.txt", "--department", "総務課"];
    assert_eq!(site.run(&args).code, 0);
    let before = site.read("content/somu/jichikai.md");
    let edited = format!("{before}\n職員が書き足した段落。\n");
    std::fs::write(site.path("content/somu/jichikai.md"), &edited).expect("edit");

    let again = site.run(&args);
    assert_eq!(again.code, 1, "{}", again.stderr);
    says(&again, "content/somu/jichikai.md: エラー:");
    assert!(again.stderr.contains("--force"));
    assert_eq!(site.read("content/somu/jichikai.md"), edited);

    let forced = site.run(&["import", "somu.txt", "--department", "総務課", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(site.read("content/somu/jichikai.md"), before);
    let index = site.read("content/somu/_index.md");
    assert!(
        index.contains("\nweight: 10\n"),
        "the department keeps its weight: {index}"
    );

    // A new goal about 自治会 with another title: jichikai.md is another goal, so -2.
    let first_sheet = first_sheet(&sheets);
    let other = first_sheet.replace("地域コミュニティの推進", "自治会の活性化");
    let site = site.file("more.txt", &other);
    let run = site.run(&["import", "more.txt", "--department", "総務課"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(&run, "既存のファイルをそのまま使います");
    // Its duties are the voted ones of the first import, the one sheet's are cut short.
    says(
        &run,
        "content/somu/_index.md: 警告: シートの主な業務がこのファイルと違います",
    );
    assert!(
        site.read("content/somu/jichikai-2.md")
            .contains("title: 自治会の活性化")
    );
    site.build();
}

#[test]
fn dry_run_prints_the_files_and_writes_nothing() {
    let site = site_with(&[("somu.txt", &repo_file(SEED_SHEETS))]);
    let run = site.run(&["import", "somu.txt", "--department", "総務課", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("==> content/somu/madoguchi.md <=="),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  direction: up   # 推定: 最終目標値 70.0 > 初期値 53.2")
    );
    assert!(run.stderr.contains("書き込む予定"));
    // The same checks as a real import, on the files in memory.
    says(
        &run,
        "content/somu/madoguchi.md 住民満足度の向上 — △遅れ（進捗率 0%",
    );
    assert!(!site.path("content").exists());
}

#[test]
fn a_shift_jis_sheet_with_crlf_is_read_with_a_warning() {
    let text = repo_file(KENKO_SHEETS).replace('\n', "\r\n");
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let site = site_with(&[]).bytes("kenko-sjis.txt", &bytes);
    let run = site.run(&[
        "import",
        "kenko-sjis.txt",
        "--department",
        "健康福祉課",
        "--slug",
        "kenko",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("kenko-sjis.txt:1:1: 警告: このファイルは Shift_JIS"),
        "{}",
        run.stderr
    );
    assert!(
        site.read("content/kenko/kyukyu.md")
            .contains("name: 救急車の軽症搬送件数\n")
    );
    site.build();
}

#[test]
fn titles_yaml_would_misread_survive() {
    let sheet = repo_file(SEED_SHEETS);
    let first = first_sheet(&sheet);
    let tricky = first
        .replace("地域コミュニティの推進", "目標: 加入率 #1 を目指す")
        .replace(
            "第六次毛呂山町総合振興計画前期基本計画",
            "- 第六次計画 & 'その他'",
        );
    let site = site_with(&[("s.txt", &tricky)]);
    let run = site.run(&["import", "s.txt", "--department", "総務課"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.build();
    let json = site.json("public/data/indicators.json");
    assert_eq!(json[0]["title"], "目標: 加入率 #1 を目指す");
    let page = site.read("public/somu/jichikai/index.html");
    assert!(
        page.contains("- 第六次計画 &amp; &#39;その他&#39;")
            || page.contains("- 第六次計画 &amp; 'その他'"),
        "basis lost"
    );
}

#[test]
fn without_a_department_name_or_a_site_nothing_happens() {
    let site = site_with(&[("somu.txt", &repo_file(SEED_SHEETS))]);
    let run = site.run(&["import", "somu.txt"]);
    assert_eq!(run.code, 1);
    says(&run, "--department");
    let bare = SiteTest::empty().file("somu.txt", &repo_file(SEED_SHEETS));
    let run = bare.run(&["import", "somu.txt", "--department", "総務課"]);
    assert_eq!(run.code, 2);
    says(&run, "config.toml が見つかりません");
    assert!(!site.path("content").exists() && !bare.path("content").exists());
}

#[test]
fn files_that_would_not_build_are_not_written() {
    let site = site_with(&[("somu.txt", &repo_file(SEED_SHEETS))]);
    let run = site.run(&[
        "import",
        "somu.txt",
        "--department",
        "総務課",
        "--slug",
        "about",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    says(&run, "content/about/_index.md:");
    says(&run, "[E-RESERVED-SLUG]");
    says(&run, "何も書き込んでいません");
    assert!(!site.path("content").exists());
}

#[test]
fn what_staff_see_and_get_snapshot() {
    let site = site_with(&[("somu-sheets.txt", &repo_file(SEED_SHEETS))]);
    let run = site.run(&["import", "somu-sheets.txt", "--department", "総務課"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("import_seed_messages", run.stderr);
    insta::assert_snapshot!("import_seed_index", site.read("content/somu/_index.md"));
    insta::assert_snapshot!("import_seed_goal", site.read("content/somu/jichikai.md"));
}

#[test]
fn site_option_writes_into_another_folder_and_sheets_stay_relative_to_here() {
    let site = SiteTest::empty()
        .file(
            "town/config.toml",
            &repo_file("tests/fixtures/seed-as-written/config.toml"),
        )
        .file("sheets/somu.txt", &repo_file(SEED_SHEETS));
    let run = site.run(&[
        "import",
        "sheets/somu.txt",
        "--site",
        "town",
        "--department",
        "総務課",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(&run, "sheets/somu.txt:6:4: 警告");
    assert!(site.path("town/content/somu/madoguchi.md").is_file());
    assert!(!site.path("content").exists());
    assert_eq!(site.run(&["build", "town"]).code, 0);
}

/// `content/somu` linked to a folder outside the site: `build` ignores it, and `import` and
/// `new` must not write through it (before, both wrote there and exited 0).
#[cfg(unix)]
#[test]
fn import_and_new_refuse_to_write_through_a_symlinked_folder() {
    let site = site_with(&[("somu-sheets.txt", &repo_file(SEED_SHEETS))]);
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path("content")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("content/somu")).unwrap();
    let import = site.run(&["import", "somu-sheets.txt", "--department", "総務課"]);
    let new = site.run(&["new", "somu/bosai-kunren"]);
    for (what, run) in [("import", &import), ("new", &new)] {
        assert_ne!(run.code, 0, "{what}: {}", run.stderr);
        assert!(
            run.stderr.contains("content/somu はシンボリックリンクです")
                && run.stderr.contains("書き込みません"),
            "{what}: {}",
            run.stderr
        );
    }
    let written: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
    assert!(written.is_empty(), "written outside the site: {written:?}");
}

// ---- The forms other towns use (issue 13): text, CSV and .xlsx ----

/// A fixture of `tests/fixtures/import/` as bytes (CSV in Shift_JIS stays as it is).
fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name),
    )
    .expect("fixture")
}

/// A site with the seed's config and the named fixtures copied in byte for byte.
fn site_with_fixtures(names: &[&str]) -> SiteTest {
    let mut site = site_with(&[]);
    for n in names {
        site = site.bytes(n, &fixture_bytes(n));
    }
    site
}

/// The site with a town grade scale (A–C) added to its config.toml: an imported `grade:` must
/// be one of `[[grades]]` (without any, it is written as a comment: W-IMPORT-GRADE).
fn with_grade_scale(site: SiteTest) -> SiteTest {
    let config = site.read("config.toml");
    let scale = "\n[[grades]]\ncode = \"A\"\nlabel = \"順調\"\n[[grades]]\ncode = \"B\"\nlabel = \"概ね順調\"\n[[grades]]\ncode = \"C\"\nlabel = \"遅れ\"\n";
    site.file("config.toml", &format!("{config}{scale}"))
}

/// Imports, checks the exit status, builds, and returns `/data/indicators.json`.
fn import_and_build(site: &SiteTest, args: &[&str]) -> (Run, serde_json::Value) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let run = site.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = site.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    (run, site.json("public/data/indicators.json"))
}

#[test]
fn a_shisaku_sheet_with_tabs_imports_with_the_towns_arithmetic_checked() {
    let site = site_with_fixtures(&["form-tabs.txt"]);
    let (run, json) = import_and_build(&site, &["form-tabs.txt", "--department", "環境課"]);
    let g = goal_by_slug(&json, "gomi-haishutsu");
    assert_eq!(g["title"], "ごみの減量と資源化");
    assert_eq!(g["direction"], "down");
    assert_eq!(g["baseline"]["fiscal_year"], 2013);
    assert_eq!(
        g["final_target"]["fiscal_year"], 2020,
        "平成32年 is 令和2年度"
    );
    assert_eq!(g["status"], "behind");
    // The town printed 101% for a "lower is better" indicator short of its plan.
    says(
        &run,
        "シートの達成率 101% と、hyoka の計算 99.2% が違います",
    );
    says(&run, "低いほど良い指標");
    says(&run, "[W-IMPORT-ARITHMETIC]");
    says(&run, "form-tabs.txt:8:");
    says(&run, "達成率・進捗率の検算");
    let text = site.read("content/kankyo/gomi-haishutsu.md");
    assert!(text.contains("    令和2年度: 611\n"), "{text}");
    assert!(
        text.contains("basis: 県の廃棄物処理計画の水準に合わせる"),
        "{text}"
    );
    assert!(
        !text.contains("目標値設定"),
        "the basis row is no target: {text}"
    );
}

#[test]
fn text_from_pdf_with_space_runs_and_era_less_years() {
    let site = site_with_fixtures(&["form-spaces.txt"]);
    let (run, json) = import_and_build(&site, &["form-spaces.txt", "--department", "生涯学習課"]);
    let g = goal_by_slug(&json, "toshokan-riyo");
    assert_eq!(
        g["baseline"]["fiscal_year"], 2014,
        "現状値（26年度） as baseline"
    );
    assert_eq!(g["baseline"]["value"], 1234.0);
    assert_eq!(g["final_target"]["fiscal_year"], 2020);
    assert_eq!(g["latest"]["value"], 1350.0);
    assert_eq!(g["status"], "behind");
    says(
        &run,
        "「27年度」には元号がないため、文書に書かれた元号から平成27年度と読みました",
    );
    says(&run, "[W-SHEET-BASELINE]");
}

#[test]
fn an_excel_csv_with_bom_is_an_ichiranhyo_with_years_as_columns() {
    let site = site_with_fixtures(&["list-bom.csv"]);
    let (run, json) = import_and_build(&site, &["list-bom.csv", "--department", "協働推進課"]);
    let slugs: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs.len(), 3);
    let unique: std::collections::BTreeSet<&&str> = slugs.iter().collect();
    assert_eq!(unique.len(), 3, "{slugs:?}");
    assert_eq!(goal_by_slug(&json, "jichikai")["status"], "worse");
    let gas = goal_by_slug(&json, "onshitsu-gas-haishutsu");
    assert_eq!(gas["direction"], "down");
    // 9.0 → 8.5 by 平成25年度 against a plan of 8.4 for that year.
    assert_eq!(gas["status"], "behind");
    says(
        &run,
        "シートの達成率 87% と、hyoka の計算 101.6% が違います",
    );
    says(
        &run,
        "list-bom.csv:3:7: 警告: 7列目: 指標「公民館の利用者数」",
    );
}

#[test]
fn a_target_without_a_year_is_refused_naming_the_line() {
    let site = site_with_fixtures(&["no-year-target.txt"]);
    let run = site.run(&["import", "no-year-target.txt", "--department", "健康課"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    says(
        &run,
        "no-year-target.txt:3:1: エラー: 「5ヵ年目標」の年度が書かれていません",
    );
    says(&run, "5ヵ年目標なら、その最終年度");
    says(&run, "何も書き込んでいません");
    assert!(!site.path("content").exists());
}

/// A workbook as towns publish it: a title row, a merged 「実績値」 over the years, one
/// indicator a row, on two sheets.
fn ichiran_workbook(path: &Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    for (name, rows) in [
        (
            "総務",
            vec![
                ("窓口サービスの満足度", "%", "53.2", "53.0", "54.0", "60.0"),
                (
                    "町ホームページの閲覧数",
                    "件",
                    "120000",
                    "126000",
                    "131000",
                    "150000",
                ),
            ],
        ),
        (
            "福祉",
            vec![("介護予防教室の参加者数", "人", "400", "380", "350", "500")],
        ),
    ] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        sheet
            .write_string(0, 0, "成果指標一覧（第2次総合計画）")
            .unwrap();
        sheet.write_string(1, 0, "指標名").unwrap();
        sheet.write_string(1, 1, "単位").unwrap();
        sheet.write_string(1, 2, "基準値").unwrap();
        sheet
            .merge_range(1, 3, 1, 4, "実績値", &Format::new())
            .unwrap();
        sheet.write_string(1, 5, "目標値").unwrap();
        for (c, y) in ["平成26年度", "平成27年度", "平成28年度", "平成32年度"]
            .iter()
            .enumerate()
        {
            sheet.write_string(2, c as u16 + 2, *y).unwrap();
        }
        for (r, (n, u, b, a1, a2, t)) in rows.iter().enumerate() {
            let r = r as u32 + 3;
            sheet.write_string(r, 0, *n).unwrap();
            sheet.write_string(r, 1, *u).unwrap();
            for (c, v) in [b, a1, a2, t].iter().enumerate() {
                sheet
                    .write_number(r, c as u16 + 2, v.parse::<f64>().unwrap())
                    .unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn an_xlsx_workbook_every_sheet_merged_headers_as_excel_shows_them() {
    let site = site_with(&[]);
    ichiran_workbook(&site.path("指標一覧.xlsx"));
    let (_, json) = import_and_build(&site, &["指標一覧.xlsx", "--department", "企画課"]);
    assert_eq!(json.as_array().unwrap().len(), 3, "both sheets: {json:#}");
    let m = goal_by_slug(&json, "madoguchi");
    assert_eq!(m["baseline"]["fiscal_year"], 2014);
    assert_eq!(
        m["actual"].as_array().unwrap().len(),
        2,
        "the merged 実績値 covers both years"
    );
    assert_eq!(m["status"], "behind");
    let kaigo = json
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["indicator"] == "介護予防教室の参加者数")
        .unwrap();
    assert_eq!(kaigo["status"], "worse");
    assert_eq!(kaigo["final_target"]["value"], 500.0);
}

#[test]
fn a_bad_cell_in_a_workbook_is_named_by_file_sheet_and_cell() {
    use rust_xlsxwriter::Workbook;
    let site = site_with(&[]);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("一覧").unwrap();
    for (c, h) in ["指標名", "平成26年度", "平成27年度", "目標値（平成32年度）"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["窓口満足度", "53.2%", "53.0人", "60%"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    book.save(site.path("bad.xlsx")).unwrap();
    let run = site.run(&["import", "bad.xlsx", "--department", "総務課"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    says(&run, "bad.xlsx:2:3: エラー: シート「一覧」のセル C2: ");
    assert!(!site.path("content").exists());
}

#[test]
fn init_then_import_publishes_the_sheet_not_the_placeholder() {
    let site = SiteTest::empty();
    let init = site.run(&["init", "town"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    std::fs::write(
        site.path("town/form-tabs.txt"),
        fixture_bytes("form-tabs.txt"),
    )
    .unwrap();
    let run = site.run(&[
        "import",
        "--site",
        "town",
        "town/form-tabs.txt",
        "--department",
        "総務課",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dept = site.read("town/content/somu/_index.md");
    assert!(!dept.contains("（主な業務を書いてください）"), "{dept}");
    assert!(
        site.read("town/content/somu/mokuhyo.md")
            .contains("draft: true")
    );
    let built = site.run(&["build", "town"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let json = site.json("town/public/data/indicators.json");
    let titles: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["ごみの減量と資源化"]);
}

// The tests below import the keys of contract §8 (`indicators:`, `{ value, note }`, `null`,
// `code`, `kind: milestone`, `cost:`, `assessment:`) and build the result.

#[test]
fn several_indicators_under_one_shisaku_with_notes_nulls_and_a_milestone() {
    let site = site_with_fixtures(&["form-multi.txt"]);
    let (_, json) = import_and_build(&site, &["form-multi.txt", "--department", "危機管理課"]);
    let records = json.as_array().unwrap();
    assert_eq!(records.len(), 3, "one record per indicator");
    assert!(
        records.iter().all(|r| r["title"] == "防災体制の充実"),
        "one goal"
    );
    let rate = records
        .iter()
        .find(|r| r["indicator"] == "自主防災組織率")
        .unwrap();
    assert_eq!(rate["baseline"]["fiscal_year"], 2010);
    // 69.5（見込, 平成25年度) against a plan of 57.1 + (93.0 − 57.1) × 3/10 = 67.87; 平成26年度
    // is not measured, so 平成25年度 stays the latest actual.
    assert_eq!(rate["status"], "on_track");
}

#[test]
fn a_shift_jis_csv_groups_indicators_by_shisaku() {
    let site = site_with_fixtures(&["list-sjis.csv"]);
    let (run, json) = import_and_build(&site, &["list-sjis.csv", "--department", "子ども課"]);
    says(&run, "[W-ENCODING]");
    let records = json.as_array().unwrap();
    assert_eq!(records.len(), 3);
    let taiki = records
        .iter()
        .find(|r| r["indicator"] == "待機児童数")
        .unwrap();
    assert_eq!(taiki["direction"], "down");
    assert_eq!(taiki["status"], "on_track");
}

#[test]
fn costs_and_the_towns_grade_are_kept() {
    let site = with_grade_scale(site_with_fixtures(&["form-costs.csv"]));
    let (_, json) = import_and_build(&site, &["form-costs.csv", "--department", "建設課"]);
    assert_eq!(json.as_array().unwrap().len(), 1);
    let costs = site.read("public/data/costs.csv");
    assert!(costs.contains("11480"), "{costs}");
}

/// A sheet's grade on a site without `[[grades]]` used to stop the import with E-GRADE:
/// now the goal is written with the grade as a comment, a warning says how to add the
/// scale, and the site builds; with the scale added and the lines uncommented, it shows.
#[test]
fn a_grade_without_a_grade_scale_is_written_as_a_comment_with_a_warning() {
    let site = site_with_fixtures(&["form-costs.csv"]);
    let run = site.run(&["import", "form-costs.csv", "--department", "建設課"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    says(&run, "[W-IMPORT-GRADE]");
    says(&run, "config.toml に評価の段階（[[grades]]）がないため");
    assert!(!run.stderr.contains("E-GRADE"), "{}", run.stderr);
    let rel = std::fs::read_dir(site.path("content/kensetsu"))
        .expect("department folder")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .find(|n| n != "_index.md")
        .map(|n| format!("content/kensetsu/{n}"))
        .expect("a goal file");
    let text = site.read(&rel);
    assert!(text.contains("\n# assessment:\n#   grade: C\n"), "{text}");
    says(&run, &rel);
    let built = site.build();
    assert_eq!(built.code, 0, "{}", built.stderr);

    let site = with_grade_scale(site);
    site.write(
        &rel,
        &text
            .replace("\n# assessment:", "\nassessment:")
            .replace("\n#   grade", "\n  grade"),
    );
    let built = site.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    let page = site.read("public/kensetsu/doro/index.html");
    assert!(
        page.contains("町の評価 <strong>C</strong>（遅れ）"),
        "{page}"
    );
}

#[test]
fn calendar_years_and_dates_are_read_as_fiscal_years_with_a_warning() {
    let site = site_with_fixtures(&["form-dates.txt"]);
    let (run, json) = import_and_build(&site, &["form-dates.txt", "--department", "危機管理課"]);
    let g = json.as_array().unwrap().first().expect("one goal");
    assert_eq!(g["indicator"], "町内の自主防災組織の数");
    assert_eq!(g["baseline"]["fiscal_year"], 2003, "平成15年9月30日現在");
    let years: Vec<u64> = g["actual"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["fiscal_year"].as_u64().unwrap())
        .collect();
    assert_eq!(years, [2004, 2005]);
    // 18 in 平成17年度 against a plan of 17.14 (12 → 30 over 平成15–22年度).
    assert_eq!(g["status"], "on_track");
    assert!(
        site.read(&format!(
            "content/{}/{}.md",
            g["department_slug"].as_str().unwrap(),
            g["slug"].as_str().unwrap()
        ))
        .contains("（9月30日現在）")
    );
    says(
        &run,
        "「平成16年」は年度ではなく暦年（または日付）の書き方のため、平成16年度として読みました",
    );
}

/// A workbook holding one 施策 sheet (labels in column A, values beside them).
fn form_workbook(path: &Path, rows: &[&[&str]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("施策評価").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(path).unwrap();
}

#[test]
fn a_shisaku_sheet_in_a_workbook_imports() {
    let site = site_with(&[]);
    form_workbook(
        &site.path("施策.xlsx"),
        &[
            &["施策名", "健康づくりの推進"],
            &["成果指標", "特定健診の受診率"],
            &["方向", "アップ"],
            &["基準値", "平成25年度", "35.0%"],
            &["実績値", "平成26年度", "38.2%"],
            &["進捗率", "20%"],
            &["目標値", "平成32年度", "60.0%"],
        ],
    );
    let (run, json) = import_and_build(&site, &["施策.xlsx", "--department", "健康課"]);
    let g = goal_by_slug(&json, "tokutei-kenshin-jushin");
    assert_eq!(g["title"], "健康づくりの推進");
    // 38.2 against a plan of 38.57 for 平成26年度.
    assert_eq!(g["status"], "behind");
    // (38.2 − 35) ÷ (60 − 35) = 12.8%, not the 20% printed.
    says(
        &run,
        "シート「施策評価」のセル B6: 指標「特定健診の受診率」: シートの進捗率 20% と、hyoka の計算 12.8% が違います",
    );
}

#[test]
fn a_workbook_with_a_milestone_codes_and_the_towns_grade() {
    let site = with_grade_scale(site_with(&[]));
    form_workbook(
        &site.path("計画.xlsx"),
        &[
            &["施策名", "地域防災力の向上"],
            &["成果指標", "地区防災計画の策定"],
            &["指標番号", "4-1-2"],
            &["基準値", "令和5年度", "未着手"],
            &["実績値", "令和6年度", "検討中"],
            &["目標値", "令和8年度", "運用"],
            &["総合評価", "B 順調"],
        ],
    );
    let (_, json) = import_and_build(&site, &["計画.xlsx", "--department", "危機管理課"]);
    let g = json.as_array().unwrap().first().expect("one goal");
    assert_eq!(g["indicator_code"], "4-1-2");
    // Step 1 of 0–2 in 令和6年度 against a plan of 0.67.
    assert_eq!(g["status"], "on_track");
}
