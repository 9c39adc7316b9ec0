//! Rebuilds must equal full builds.

use super::*;
use crate::pipeline::plan_site;

fn load_site(options: &BuildOptions) -> Result<(Option<Site>, Diagnostics), Error> {
    load::load_site(options, &[], &Timings::new())
}
use std::path::Path;

/// A copy of the project's default site (config.toml and content/).
pub(in crate::pipeline) fn site_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("config.toml"), dir.path().join("config.toml")).unwrap();
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(root).unwrap();
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(dir.path().join(rel)).unwrap();
        } else {
            std::fs::copy(entry.path(), dir.path().join(rel)).unwrap();
        }
    }
    dir
}

#[test]
fn an_edit_changes_the_plan_like_a_full_build_and_errors_keep_the_last_plan() {
    let dir = site_copy();
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        ..BuildOptions::default()
    };
    let mut rebuilder = Rebuilder::new(options.clone()).unwrap();
    assert!(rebuilder.plan().is_some());
    let goal = dir.path().join("content/somu/madoguchi.md");
    let text = std::fs::read_to_string(&goal).unwrap();
    std::fs::write(&goal, text.replace("窓口", "受付窓口")).unwrap();
    let report = rebuilder.rebuild(std::slice::from_ref(&goal)).unwrap();
    assert!(!report.failed);
    assert!(
        report
            .changed_outputs
            .contains(&"somu/madoguchi/index.html".to_string())
    );
    let (site, _) = load_site(&options).unwrap();
    let full = plan_site(&site.unwrap(), dir.path()).unwrap();
    assert_eq!(
        changed_outputs(rebuilder.plan(), &full),
        Vec::<String>::new()
    );

    std::fs::write(&goal, "---\ntitle: [\n---\n").unwrap();
    let report = rebuilder.rebuild(std::slice::from_ref(&goal)).unwrap();
    assert!(report.failed);
    assert!(rebuilder.diagnostics().has_errors());
    assert!(rebuilder.plan().is_some(), "the last good plan stays");
}
