//! The same input gives byte-identical output, whatever the thread count.

use crate::harness::*;

#[test]
fn two_builds_are_byte_identical() {
    let site = SiteTest::repo_site();
    let a = site.run_env(
        &["build", "--output", "out-a"],
        &[("RAYON_NUM_THREADS", "1")],
    );
    let b = site.run_env(
        &["build", "--output", "out-b"],
        &[("RAYON_NUM_THREADS", "4")],
    );
    assert_eq!((a.code, b.code), (0, 0), "{}{}", a.stderr, b.stderr);
    let (a, b) = (site.snapshot_dir("out-a"), site.snapshot_dir("out-b"));
    assert!(a.len() > 10);
    assert_eq!(
        a.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        b.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{path} differs between builds");
    }
}

#[test]
fn one_thread_and_all_threads_give_the_same_bytes_on_a_generated_site() {
    let site = SiteTest::corpus(300, 7);
    let one = site.run_env(
        &["build", "--output", "out-1"],
        &[("RAYON_NUM_THREADS", "1")],
    );
    let all = site.run_env(
        &["build", "--output", "out-n"],
        &[("RAYON_NUM_THREADS", "8")],
    );
    assert_eq!((one.code, all.code), (0, 0), "{}{}", one.stderr, all.stderr);
    let (a, b) = (site.snapshot_dir("out-1"), site.snapshot_dir("out-n"));
    // 300 goals × (page, data.csv, data.json) plus departments and site pages.
    assert!(a.len() > 900, "{} files", a.len());
    assert_eq!(
        a.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        b.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{path} differs between 1 and 8 threads");
    }
}

#[test]
fn the_generated_site_is_the_same_for_a_seed_and_passes_check() {
    assert_eq!(
        crate::corpus::site_files(40, 3),
        crate::corpus::site_files(40, 3)
    );
    assert_ne!(
        crate::corpus::site_files(40, 3),
        crate::corpus::site_files(40, 4)
    );
    let site = SiteTest::corpus(200, 3);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("警告 0件"), "{}", run.stderr);
    for (path, text) in crate::corpus::site_files(200, 3) {
        if path.contains("/goal-") {
            let body = text.splitn(3, "---\n").nth(2).expect("body");
            assert!(
                (1536..=3600).contains(&body.len()),
                "{path}: {} bytes",
                body.len()
            );
        }
    }
}
