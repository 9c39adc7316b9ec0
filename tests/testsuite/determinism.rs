//! The same input gives byte-identical output, whatever the thread count.

use crate::harness::*;

#[test]
fn two_builds_are_byte_identical() {
    assert_thread_count_changes_nothing(&SiteTest::repo_site(), 4, 10);
}

#[test]
fn one_thread_and_all_threads_give_the_same_bytes_on_a_generated_site() {
    // 300 goals × (page, data.csv, data.json) plus departments and site pages.
    assert_thread_count_changes_nothing(&SiteTest::corpus(300, 7), 8, 900);
}

/// Builds `site` with one thread and with `threads`, and compares every output file (there
/// must be more than `min`).
fn assert_thread_count_changes_nothing(site: &SiteTest, threads: usize, min: usize) {
    let n = threads.to_string();
    let runs = [("out-1", "1"), ("out-n", n.as_str())]
        .map(|(out, t)| site.run_env(&["build", "--output", out], &[("RAYON_NUM_THREADS", t)]));
    for run in &runs {
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let (x, y) = (site.snapshot_dir("out-1"), site.snapshot_dir("out-n"));
    assert!(x.len() > min, "{} files", x.len());
    assert_eq!(
        x.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        y.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, p), (_, q)) in x.iter().zip(&y) {
        assert!(p == q, "{path} differs between 1 and {threads} threads");
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
