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
