//! The one loading path: an overlay reads like the files written, what is kept models like
//! what was streamed, and edits leave the findings a fresh load would give.

use super::*;

/// The repository's own site in a temporary folder.
fn site_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("config.toml"), dir.path().join("config.toml")).unwrap();
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(repo).unwrap();
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(dir.path().join(rel)).unwrap();
        } else {
            std::fs::copy(entry.path(), dir.path().join(rel)).unwrap();
        }
    }
    dir
}

fn options(dir: &tempfile::TempDir) -> BuildOptions {
    BuildOptions {
        root: dir.path().to_path_buf(),
        ..BuildOptions::default()
    }
}

/// A site and its findings, comparable as text.
fn shown((site, diags): (Option<Site>, Diagnostics)) -> (String, Vec<Diagnostic>) {
    (format!("{site:?}"), diags.sorted())
}

fn overlay_files(dir: &tempfile::TempDir) -> Vec<(PathBuf, String)> {
    let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).unwrap();
    let goal = read("content/somu/jichikai.md");
    vec![
        // A department that is not on disk yet, with a goal and a proofreading finding.
        (
            "content/kikaku/_index.md".into(),
            read("content/somu/_index.md").replace("総務課", "企画課"),
        ),
        (
            "content/kikaku/jichikai.md".into(),
            goal.replace("自治会", "町内会").replace("。", "。。"),
        ),
        // A goal that replaces one on disk, one that is added beside them, a home page.
        (
            "content/somu/jichikai.md".into(),
            goal.replace("自治会", "自治会連合会"),
        ),
        (
            "content/somu/aaa.md".into(),
            goal.replace("title:", "slug: aaa-x\ntitle:"),
        ),
        (
            "content/_index.md".into(),
            "---\ntitle: 新しいホーム\n---\n\nこれわ本文です。\n".into(),
        ),
    ]
}

#[test]
fn an_overlay_loads_like_its_files_written() {
    let dir = site_copy();
    let files = overlay_files(&dir);
    let overlaid = load_site(&options(&dir), &files, &Timings::new()).unwrap();
    for (path, text) in &files {
        let at = dir.path().join(path);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::fs::write(at, text).unwrap();
    }
    let written = load_site(&options(&dir), &[], &Timings::new()).unwrap();
    let (overlaid, written) = (shown(overlaid), shown(written));
    assert!(overlaid.0.contains("企画課") && overlaid.0.contains("新しいホーム"));
    assert!(
        overlaid
            .1
            .iter()
            .any(|d| d.path == Path::new("content/kikaku/jichikai.md"))
    );
    assert_eq!(overlaid, written);
}

#[test]
fn an_overlay_needs_no_content_folder() {
    let dir = site_copy();
    let files = overlay_files(&dir);
    std::fs::remove_dir_all(dir.path().join("content")).unwrap();
    let (site, diags) = load_site(&options(&dir), &[], &Timings::new()).unwrap();
    assert!(site.is_none());
    assert_eq!(
        diags.iter().next().map(|d| d.code),
        Some(Code::NoContent.id())
    );
    let (site, diags) = load_site(&options(&dir), &files, &Timings::new()).unwrap();
    let slugs: Vec<String> = site
        .unwrap()
        .departments
        .into_iter()
        .map(|d| d.slug)
        .collect();
    // somu's _index.md is on no disk and in no overlay now.
    assert_eq!(slugs, ["kikaku"]);
    let codes: Vec<(&str, &Path)> = diags.iter().map(|d| (d.code, d.path.as_path())).collect();
    assert!(
        codes.contains(&(Code::NoDeptIndex.id(), Path::new("content/somu"))),
        "{codes:?}"
    );
}

#[test]
fn kept_content_models_like_the_streamed_parts() {
    let dir = site_copy();
    let streamed = load(
        &options(&dir),
        &[],
        Keep::Model,
        &mut GoalCache::default(),
        &Timings::new(),
    )
    .unwrap()
    .unwrap();
    assert_eq!(streamed.loaded.content, LoadedContent::default());
    let kept = load(
        &options(&dir),
        &[],
        Keep::Content,
        &mut GoalCache::default(),
        &Timings::new(),
    )
    .unwrap()
    .unwrap();
    assert_eq!(kept.loaded.content.departments[0].goals.len(), 3);
    assert!(kept.loaded.content.home.is_some());
    let (site, model_findings) = kept.loaded.model(false, &mut GoalCache::remembering());
    assert_eq!(format!("{site:?}"), format!("{:?}", streamed.site));
    assert_eq!(model_findings.sorted(), streamed.model_findings.sorted());
    assert_eq!(
        kept.loaded.findings().sorted(),
        streamed.loaded.into_findings().sorted()
    );
}

#[test]
fn edits_leave_the_findings_and_model_a_fresh_load_gives() {
    let dir = site_copy();
    let mut goals = GoalCache::remembering();
    let mut loaded = load(
        &options(&dir),
        &[],
        Keep::Content,
        &mut goals,
        &Timings::new(),
    )
    .unwrap()
    .unwrap()
    .loaded;
    let index = dir.path().join("content/somu/_index.md");
    let goal = dir.path().join("content/somu/madoguchi.md");
    let gone = dir.path().join("content/somu/jishu-bosai.md");
    let text = std::fs::read_to_string(&goal).unwrap();
    std::fs::write(
        &goal,
        text.replace("。", "。。").replace("title:", "titel:"),
    )
    .unwrap();
    let index_text = std::fs::read_to_string(&index).unwrap();
    std::fs::write(&index, index_text.replace("総務課", "総務部 総務課")).unwrap();
    std::fs::remove_file(&gone).unwrap();
    let edits = content_edits(dir.path(), &loaded.content, &[goal, index, gone]).unwrap();
    loaded.edit(dir.path(), &edits).unwrap();
    let (site, model_findings) = loaded.model(false, &mut goals);
    let mut after = loaded.findings();
    after.extend(model_findings);
    let fresh = load_site(&options(&dir), &[], &Timings::new()).unwrap();
    assert!(
        after
            .iter()
            .any(|d| d.code == Code::UnknownKey.id() || d.code == Code::MissingKey.id())
    );
    assert_eq!(shown((Some(site), after)), shown(fresh));
}
