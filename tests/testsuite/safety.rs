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
    // Only the first build's record of its files: no staging folder, no spare.
    assert_eq!(leftovers, [".public.hyoka-files"]);
}

/// A webmaster's `.htaccess` and `images/logo.png` in public/ stay through the next build
/// (before, they vanished silently), and staff are told; hyoka's own page of a goal that
/// is gone still goes.
#[test]
fn files_a_webmaster_put_into_public_are_kept_and_listed() {
    let site =
        SiteTest::minimal().file("content/somu/kieru.md", &goal("消える目標", SEED_INDICATOR));
    site.build();
    assert!(site.path("public/somu/kieru/index.html").is_file());
    let site = site
        .file("public/.htaccess", "ErrorDocument 404 /hyoka/404.html\n")
        .file("public/images/logo.png", "PNG");
    std::fs::remove_file(site.path("content/somu/kieru.md")).unwrap();
    let run = site.build();
    assert_eq!(
        site.read("public/.htaccess"),
        "ErrorDocument 404 /hyoka/404.html\n"
    );
    assert_eq!(site.read("public/images/logo.png"), "PNG");
    assert!(!site.path("public/somu/kieru").exists());
    assert!(
        run.stderr.contains(
            "出力先にあった、hyoka が書いたものではないファイル 2 件は、そのまま残しました: .htaccess、images/logo.png"
        ),
        "{}",
        run.stderr
    );
    // The same input still makes the same output, beside the kept files.
    let mut before = site.snapshot_dir("public");
    site.build();
    assert_eq!(site.snapshot_dir("public"), before);
    before.retain(|(path, _)| path != ".htaccess" && path != "images/logo.png");
    let clean = SiteTest::minimal();
    clean.build();
    assert_eq!(clean.snapshot_dir("public"), before);
}

/// A hand-placed file where a build now writes one of its own is refused, listed, and left
/// alone with the rest of the output.
#[test]
fn a_hand_placed_file_in_the_way_of_a_new_page_is_refused() {
    let site = SiteTest::minimal();
    site.build();
    let site = site.file("public/somu/atarashii/index.html", "手で置いたページ");
    let before = site.snapshot_dir("public");
    let site = site.file(
        "content/somu/atarashii.md",
        &goal("新しい目標", SEED_INDICATOR),
    );
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("somu/atarashii/index.html")
            && run.stderr.contains("hyoka が書いたものではありません"),
        "{}",
        run.stderr
    );
    assert_eq!(site.snapshot_dir("public"), before);
    // Moved away, the build goes through.
    std::fs::remove_file(site.path("public/somu/atarashii/index.html")).unwrap();
    site.build();
    assert!(
        site.read("public/somu/atarashii/index.html")
            .contains("新しい目標")
    );
}

/// After a build that filled the disk, the site can be rebuilt once there is room again
/// (before, the failed build's half-written files stayed in the spare and every later build
/// failed until it was deleted by hand), and the message says what to do. Needs root for a
/// small tmpfs; skipped otherwise.
#[cfg(target_os = "linux")]
#[test]
fn after_a_full_disk_the_site_can_be_rebuilt() {
    let Some(disk) = SmallDisk::mount("1m") else {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    };
    let site = SiteTest::minimal();
    let out = disk.path.join("public");
    let out_arg = out.to_str().unwrap();
    let build = |site: &SiteTest| site.run(&["build", "--output", out_arg]);
    assert_eq!(build(&site).code, 0);
    let before = site_snapshot(&out);
    // A 2 MB file cannot fit on a 1 MB disk.
    let site = site.bytes("static/big.bin", &vec![1; 2_000_000]);
    let run = build(&site);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("ディスクの空きが足りない")
            && run.stderr.contains("出力先は前回のまま変わっていません")
            && run
                .stderr
                .contains("ディスクの空きを増やしてから、もう一度実行してください"),
        "{}",
        run.stderr
    );
    assert_eq!(site_snapshot(&out), before);
    // Room again: the big file replaced by one that fits.
    std::fs::remove_file(site.path("static/big.bin")).unwrap();
    let site = site.bytes("static/medium.bin", &vec![2; 300_000]);
    let run = build(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read(out.join("medium.bin")).unwrap().len(),
        300_000
    );
    assert_eq!(build(&site).code, 0);
}

/// A tmpfs of a given size, unmounted when dropped.
#[cfg(target_os = "linux")]
struct SmallDisk {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

#[cfg(target_os = "linux")]
impl SmallDisk {
    fn mount(size: &str) -> Option<Self> {
        let dir = tempfile::tempdir().ok()?;
        let path = dir.path().join("disk");
        std::fs::create_dir(&path).ok()?;
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk { _dir: dir, path })
    }
}

#[cfg(target_os = "linux")]
impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(&self.path)
            .status();
    }
}

/// Every file under `dir` with its bytes, sorted.
fn site_snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
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
