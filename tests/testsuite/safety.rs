//! A failed build leaves the previous output as it was; unsafe output folders are refused
//! and nothing outside the output folder is touched.

use crate::harness::*;

#[test]
fn a_failing_build_leaves_public_unchanged() {
    let site = SiteTest::minimal();
    site.build();
    let before = site.snapshot_dir("public");
    assert!(!before.is_empty());
    let broken = goal(
        "地域コミュニティの推進",
        &SEED_INDICATOR.replace("72.1", "七十二"),
    );
    let site = site.file("content/somu/jichikai.md", &broken);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/somu/jichikai.md:9:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("出力フォルダーは変更していません"),
        "{}",
        run.stderr
    );
    assert_eq!(site.snapshot_dir("public"), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_second_build_replaces_the_output_whole() {
    let site = SiteTest::minimal();
    site.build();
    let site = site.file("public/stale.html", "old");
    site.build();
    assert!(!site.path("public/stale.html").exists());
    assert!(site.path("public/somu/jichikai/index.html").is_file());
}

#[test]
fn output_folders_that_hold_the_site_are_refused() {
    let site = SiteTest::minimal();
    let outside = tempfile::tempdir().unwrap();
    let parent = site.root().parent().unwrap().to_string_lossy().into_owned();
    for target in [".", "content", "content/somu", parent.as_str()] {
        let run = site.run(&["build", "--output", target]);
        assert_eq!(run.code, 2, "{target}: {}", run.stderr);
        assert!(run.stderr.contains("エラー"), "{target}: {}", run.stderr);
    }
    assert!(site.path("content/somu/jichikai.md").is_file());
    assert!(site.path("config.toml").is_file());
    let target = outside.path().join("site-out");
    let run = site.run(&["build", "--output", target.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(target.join("index.html").is_file());
}

#[test]
fn no_config_is_a_usage_error() {
    let site = SiteTest::empty();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("config.toml が見つかりません"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_output_folder_with_someone_elses_files_is_refused() {
    let site = SiteTest::minimal();
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("family-photo.jpg"), b"precious").unwrap();
    let target = other.path().to_str().unwrap();
    let run = site.run(&["build", "--output", target]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("hyoka が書き出したものではないファイル"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(other.path().join("family-photo.jpg")).unwrap(),
        b"precious"
    );
    // A folder hyoka wrote before may be replaced.
    let out = other.path().join("site");
    for _ in 0..2 {
        let run = site.run(&["build", "--output", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
}
