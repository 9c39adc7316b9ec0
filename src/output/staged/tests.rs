use super::*;
use std::collections::BTreeMap;

fn build(out: &Path, files: &[(&str, &str)]) -> WriteStats {
    let staged = StagedOutput::begin(out).unwrap();
    for (path, text) in files {
        staged.write(path.to_string(), text.as_bytes()).unwrap();
    }
    staged.finish().unwrap()
}

/// Every file under `dir` (relative path → text); symlinks show as "->target".
fn tree(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let text = if e.file_type().is_symlink() {
                format!("->{}", fs::read_link(e.path()).unwrap().display())
            } else {
                fs::read_to_string(e.path()).unwrap()
            };
            (rel, text)
        })
        .collect()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
fn inode(path: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(path).unwrap();
    (meta.ino(), meta.nlink())
}

#[test]
fn the_first_build_leaves_only_the_output_and_the_record_of_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let stats = build(&out, &[("a/index.html", "a"), ("b.csv", "b")]);
    assert_eq!(
        stats,
        WriteStats {
            files: 2,
            bytes: 2,
            ..Default::default()
        }
    );
    assert_eq!(names(dir.path()), [".public.hyoka-files", "public"]);
    assert_eq!(
        read_record(&dir.path().join(".public.hyoka-files")),
        Some(["a/index.html".to_string(), "b.csv".to_string()].into())
    );
    assert_eq!(
        tree(&out),
        [
            ("a/index.html".into(), "a".into()),
            ("b.csv".into(), "b".into())
        ]
    );
}

#[cfg(unix)]
#[test]
fn rebuilds_share_unchanged_files_with_the_spare_and_write_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let spare = dir.path().join(".public.hyoka-spare");
    build(&out, &[("a/index.html", "same"), ("b.csv", "old")]);
    let (a, _) = inode(&out.join("a/index.html"));
    let (b, _) = inode(&out.join("b.csv"));

    let stats = build(&out, &[("a/index.html", "same"), ("b.csv", "new!")]);
    assert_eq!(
        stats,
        WriteStats {
            files: 2,
            bytes: 8,
            ..Default::default()
        }
    );
    assert_eq!(
        names(dir.path()),
        [".public.hyoka-files", ".public.hyoka-spare", "public"]
    );
    assert_eq!(
        inode(&out.join("a/index.html")),
        (a, 2),
        "linked: output and spare"
    );
    assert_ne!(inode(&out.join("b.csv")).0, b);
    assert_eq!(fs::read_to_string(out.join("b.csv")).unwrap(), "new!");
    assert_eq!(fs::read_to_string(spare.join("b.csv")).unwrap(), "old");

    // Unchanged again: the spare's b.csv is out of date, the output's is linked into it.
    let (b2, _) = inode(&out.join("b.csv"));
    build(&out, &[("a/index.html", "same"), ("b.csv", "new!")]);
    assert_eq!(inode(&out.join("a/index.html")), (a, 2));
    assert_eq!(inode(&out.join("b.csv")), (b2, 2));
    assert_eq!(tree(&out), tree(&spare));

    // And again: nothing to do at all.
    build(&out, &[("a/index.html", "same"), ("b.csv", "new!")]);
    assert_eq!(inode(&out.join("b.csv")), (b2, 2));
    assert_eq!(
        tree(&out),
        [
            ("a/index.html".into(), "same".into()),
            ("b.csv".into(), "new!".into())
        ]
    );
}

#[test]
fn the_spare_loses_what_the_build_did_not_make() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(
        &out,
        &[
            ("x/index.html", "1"),
            ("keep.txt", "k"),
            ("gone/deep/f", "g"),
        ],
    );
    build(&out, &[("x/index.html", "2"), ("keep.txt", "k")]);
    // The spare now holds the first build; make it hold odd things too.
    let spare = dir.path().join(".public.hyoka-spare");
    fs::write(spare.join("stray.html"), "stray").unwrap();
    fs::create_dir_all(spare.join("empty/dir")).unwrap();
    // A file where the next build needs a folder, a folder where it needs a file.
    fs::write(spare.join("y"), "file").unwrap();
    fs::create_dir_all(spare.join("z.csv/inner")).unwrap();
    build(
        &out,
        &[
            ("x/index.html", "3"),
            ("keep.txt", "k"),
            ("y/index.html", "y"),
            ("z.csv", "z"),
        ],
    );
    assert_eq!(
        tree(&out),
        [
            ("keep.txt".into(), "k".into()),
            ("x/index.html".into(), "3".into()),
            ("y/index.html".into(), "y".into()),
            ("z.csv".into(), "z".into()),
        ]
    );
    assert_eq!(names(&out), ["keep.txt", "x", "y", "z.csv"]);
}

#[cfg(unix)]
#[test]
fn symlinks_in_the_spare_are_replaced_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("index.html"), "secret").unwrap();
    let out = dir.path().join("public");
    build(&out, &[("d/index.html", "1"), ("f.txt", "1")]);
    build(&out, &[("d/index.html", "1"), ("f.txt", "1")]);
    let spare = dir.path().join(".public.hyoka-spare");
    fs::remove_dir_all(spare.join("d")).unwrap();
    std::os::unix::fs::symlink(outside.path(), spare.join("d")).unwrap();
    fs::remove_file(spare.join("f.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("index.html"), spare.join("f.txt")).unwrap();
    build(&out, &[("d/index.html", "2"), ("f.txt", "2")]);
    assert_eq!(
        fs::read_to_string(outside.path().join("index.html")).unwrap(),
        "secret"
    );
    assert_eq!(names(outside.path()), ["index.html"]);
    assert_eq!(
        tree(&out),
        [
            ("d/index.html".into(), "2".into()),
            ("f.txt".into(), "2".into())
        ]
    );
}

#[test]
fn a_build_that_stops_early_leaves_the_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&out, &[("index.html", "v1"), ("a.csv", "a1")]);
    build(&out, &[("index.html", "v1"), ("a.csv", "a1")]);
    let before = tree(&out);
    let staged = StagedOutput::begin(&out).unwrap();
    // The spare's index.html is the output's own file (a hard link): replacing it in the
    // spare must not change the output.
    staged.write("index.html".into(), b"v2").unwrap();
    staged.write("new.txt".into(), b"n").unwrap();
    assert!(matches!(
        staged.write("index.html".into(), b"v3"),
        Err(WriteError::Plan(PlanError::Duplicate { .. }))
    ));
    assert!(matches!(
        staged.write("../x".into(), b"x"),
        Err(WriteError::Plan(PlanError::InvalidPath { .. }))
    ));
    drop(staged);
    assert_eq!(tree(&out), before);
    // Nothing the stopped build wrote is left: the half-updated spare is removed.
    assert_eq!(names(dir.path()), [".public.hyoka-files", "public"]);
    // The next build makes a new spare and gets it right.
    build(&out, &[("index.html", "v1"), ("b.csv", "b")]);
    assert_eq!(
        tree(&out),
        [
            ("b.csv".into(), "b".into()),
            ("index.html".into(), "v1".into())
        ]
    );
}

#[test]
fn a_busy_spare_means_a_fresh_staging_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&out, &[("index.html", "v1")]);
    build(&out, &[("index.html", "v2")]);
    let spare = dir.path().join(".public.hyoka-spare");
    let held = File::open(&spare).unwrap();
    held.lock().unwrap();
    let spare_before = tree(&spare);
    build(&out, &[("index.html", "v3")]);
    assert_eq!(tree(&out), [("index.html".into(), "v3".into())]);
    assert_eq!(tree(&spare), spare_before);
    assert_eq!(
        names(dir.path()),
        [".public.hyoka-files", ".public.hyoka-spare", "public"]
    );
}

#[test]
fn a_spare_name_taken_by_a_file_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    fs::write(dir.path().join(".public.hyoka-spare"), "mine").unwrap();
    build(&out, &[("index.html", "v1")]);
    build(&out, &[("index.html", "v2")]);
    assert_eq!(
        fs::read_to_string(dir.path().join(".public.hyoka-spare")).unwrap(),
        "mine"
    );
    assert_eq!(tree(&out), [("index.html".into(), "v2".into())]);
    assert_eq!(
        names(dir.path()),
        [".public.hyoka-files", ".public.hyoka-spare", "public"]
    );
}

#[cfg(unix)]
#[test]
fn a_streamed_file_is_always_a_new_file_and_counts_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&out, &[("big.json", "[1]")]);
    build(&out, &[("big.json", "[1]")]);
    let (linked, _) = inode(&out.join("big.json"));
    let staged = StagedOutput::begin(&out).unwrap();
    let mut file = staged.stream("big.json".into()).unwrap();
    file.write_all(b"[1]").unwrap();
    file.finish().unwrap();
    let stats = staged.finish().unwrap();
    assert_eq!(
        stats,
        WriteStats {
            files: 1,
            bytes: 3,
            ..Default::default()
        }
    );
    assert_eq!(fs::read_to_string(out.join("big.json")).unwrap(), "[1]");
    assert_ne!(inode(&out.join("big.json")).0, linked);
    // The previous output's file, now the spare's, was not touched.
    assert_eq!(
        inode(&dir.path().join(".public.hyoka-spare/big.json")),
        (linked, 1)
    );
}

#[test]
fn a_streamed_file_given_up_leaves_the_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&out, &[("index.html", "v1")]);
    let staged = StagedOutput::begin(&out).unwrap();
    let mut file = staged.stream("index.html".into()).unwrap();
    file.write_all(b"half").unwrap();
    drop(file);
    drop(staged);
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v1");
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_is_the_outputs_failure_at_finish() {
    struct Failing;
    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::other("disk full"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut recorded = Recorded::new(Failing);
    assert!(recorded.write_all(b"x").is_err());
    assert_eq!(recorded.error.unwrap().to_string(), "disk full");

    // A streamed file whose write failed (the producer may have swallowed the error) does
    // not finish: the failure is the output's, named by the file's path.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let staged = StagedOutput::begin(&out).unwrap();
    let mut file = staged.stream("big.json".into()).unwrap();
    let _ = file.write_all(b"[1]");
    let mut failed = Box::new(StagedFile {
        staged: &staged,
        out: Recorded::new(io::BufWriter::new(
            File::open(dir.path()).expect("a folder opens read-only"),
        )),
        file: dir.path().join("x.json"),
    });
    let _ = failed.write_all(b"lost");
    match (failed as Box<dyn FileWriter>).finish() {
        Err(WriteError::WriteFile { path, .. }) => assert_eq!(path, dir.path().join("x.json")),
        other => panic!("{other:?}"),
    }
    file.finish().unwrap();
    assert_eq!(
        staged.finish().unwrap(),
        WriteStats {
            files: 1,
            bytes: 3,
            ..Default::default()
        }
    );
}

// The whole plan, written in one go.

/// Every file under `dir` (relative path → bytes), for byte-identical checks.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Names in `dir` starting with '.', i.e. leftover staging/old dirs.
fn hidden_entries(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with('.'))
        .collect()
}

fn plan_of(files: &[(&str, &[u8])]) -> OutputPlan {
    let mut plan = OutputPlan::new();
    for (p, b) in files {
        plan.add(*p, *b).unwrap();
    }
    plan
}

#[test]
fn writes_exact_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let binary: Vec<u8> = (0..=255).collect();
    let mut plan = plan_of(&[
        ("index.html", "<p>トップ</p>\r\n".as_bytes()),
        ("総務/自治会/index.html", "自治会".as_bytes()),
        ("data/indicators.csv", b"a,b\n1,2"),
        ("empty.txt", b""),
    ]);
    plan.add("img/x.bin", binary.clone()).unwrap();
    let stats = write_plan(&plan, &out).unwrap();
    assert_eq!(
        stats,
        WriteStats {
            files: 5,
            bytes: plan.total_bytes(),
            ..Default::default()
        }
    );
    let snap = snapshot(&out);
    assert_eq!(snap.len(), 5);
    for (p, b) in plan.iter() {
        assert_eq!(snap[&join_rel(Path::new(""), p)], b, "{p}");
    }
    assert_eq!(hidden_entries(tmp.path()), [".public.hyoka-files"]);
}

#[test]
fn second_write_replaces_and_prunes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write_plan(
        &plan_of(&[("index.html", b"v1"), ("old/index.html", b"gone")]),
        &out,
    )
    .unwrap();
    write_plan(&plan_of(&[("index.html", b"v2"), ("new.csv", b"x")]), &out).unwrap();
    let snap = snapshot(&out);
    assert_eq!(snap.len(), 2);
    assert_eq!(snap[Path::new("index.html")], b"v2");
    assert_eq!(snap[Path::new("new.csv")], b"x");
    assert!(!out.join("old").exists());
    assert_eq!(
        hidden_entries(tmp.path()),
        [".public.hyoka-files", ".public.hyoka-spare"]
    );
}

#[test]
fn stale_staging_and_old_are_cleaned() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let staging = sibling(tmp.path(), "public".as_ref(), "staging");
    let old = sibling(tmp.path(), "public".as_ref(), "old");
    fs::create_dir_all(staging.join("junk")).unwrap();
    fs::write(staging.join("junk/stale.html"), "stale").unwrap();
    fs::create_dir_all(&old).unwrap();
    fs::write(old.join("x"), "x").unwrap();
    // An unrelated hidden sibling must survive.
    fs::write(tmp.path().join(".keep"), "keep").unwrap();

    write_plan(&plan_of(&[("index.html", b"new")]), &out).unwrap();
    assert!(!staging.exists());
    assert!(!old.exists());
    assert_eq!(snapshot(&out).len(), 1);
    assert_eq!(hidden_entries(tmp.path()), [".keep", ".public.hyoka-files"]);
}

#[test]
fn failure_leaves_previous_output_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write_plan(
        &plan_of(&[("sentinel.txt", b"keep me"), ("sub/index.html", b"old")]),
        &out,
    )
    .unwrap();
    let before = snapshot(&out);

    // "a" is a file and also the parent of "a/b".
    let bad = plan_of(&[("a", b"file"), ("a/b", b"child"), ("index.html", b"new")]);
    let err = write_plan(&bad, &out).unwrap_err();
    assert!(matches!(err, WriteError::InvalidPlan { .. }), "{err:?}");
    assert_eq!(snapshot(&out), before);

    // Without the up-front check the failure happens while staging.
    let err = stage_and_swap(&bad, &out).unwrap_err();
    // Files are staged in parallel: "a" or the folder "a" comes first, or the one
    // replaces the other in the spare and the swap refuses the plan.
    assert!(
        matches!(
            err,
            WriteError::WriteFile { .. }
                | WriteError::CreateDir { .. }
                | WriteError::InvalidPlan { .. }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("できませんでした") || err.to_string().contains("書き込めません")
    );
    assert_eq!(snapshot(&out), before);
    assert_eq!(fs::read(out.join("sentinel.txt")).unwrap(), b"keep me");
    // What stays beside the output is the record of its files: no fresh staging folder,
    // no half-written spare.
    assert_eq!(hidden_entries(tmp.path()), [".public.hyoka-files"]);
}

#[test]
fn refuses_file_or_symlink_output() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("file");
    fs::write(&file, "data").unwrap();
    let plan = plan_of(&[("index.html", b"x")]);
    assert!(matches!(
        write_plan(&plan, &file),
        Err(WriteError::OutputNotDir { .. })
    ));
    assert_eq!(fs::read(&file).unwrap(), b"data");

    #[cfg(unix)]
    {
        let target = tmp.path().join("target");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("t"), "t").unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(
            write_plan(&plan, &link),
            Err(WriteError::OutputIsSymlink { .. })
        ));
        assert_eq!(fs::read(target.join("t")).unwrap(), b"t");
    }
}

#[test]
fn empty_plan_creates_empty_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("a/b/public");
    let stats = write_plan(&OutputPlan::new(), &out).unwrap();
    assert_eq!(stats, WriteStats::default());
    assert!(out.is_dir());
}

/// A webmaster's files in the output (a dotfile, a file in a folder of its own, one in a
/// folder hyoka writes, an empty folder, a symbolic link) stay through rebuilds, as the same
/// files; hyoka's own files that are no longer made still go.
#[cfg(unix)]
#[test]
fn files_someone_put_into_the_output_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(
        &out,
        &[
            ("index.html", "v1"),
            ("somu/index.html", "s"),
            ("old.csv", "o"),
        ],
    );
    fs::write(out.join(".htaccess"), "Options -Indexes").unwrap();
    fs::create_dir_all(out.join("images")).unwrap();
    fs::write(out.join("images/logo.png"), "png").unwrap();
    fs::write(out.join("somu/extra.pdf"), "pdf").unwrap();
    fs::create_dir(out.join("uploads")).unwrap();
    std::os::unix::fs::symlink("index.html", out.join("top.html")).unwrap();
    let logo = inode(&out.join("images/logo.png")).0;

    let files = [("index.html", "v2"), ("somu/index.html", "s")];
    let stats = build(&out, &files);
    let kept = [".htaccess", "images/logo.png", "somu/extra.pdf", "top.html"];
    assert_eq!(stats.kept, kept);
    assert_eq!((stats.files, stats.bytes), (2, 3));
    let expected = vec![
        (".htaccess".to_string(), "Options -Indexes".to_string()),
        ("images/logo.png".into(), "png".into()),
        ("index.html".into(), "v2".into()),
        ("somu/extra.pdf".into(), "pdf".into()),
        ("somu/index.html".into(), "s".into()),
        ("top.html".into(), "->index.html".into()),
    ];
    assert_eq!(tree(&out), expected, "old.csv, hyoka's, is gone");
    assert!(out.join("uploads").is_dir());
    assert_eq!(inode(&out.join("images/logo.png")).0, logo, "the same file");

    // Again (the spare now holds them too), and with the spare busy (a fresh staging
    // folder): still there, still the same files.
    assert_eq!(build(&out, &files).kept, kept);
    let held = File::open(dir.path().join(".public.hyoka-spare")).unwrap();
    held.lock().unwrap();
    assert_eq!(build(&out, &files).kept, kept);
    drop(held);
    assert_eq!(tree(&out), expected);
    assert_eq!(inode(&out.join("images/logo.png")).0, logo);
    assert!(out.join("uploads").is_dir());
    // The record lists only what hyoka wrote.
    assert_eq!(
        read_record(&dir.path().join(".public.hyoka-files")),
        Some(["index.html".to_string(), "somu/index.html".to_string()].into())
    );
}

/// A foreign file where this build writes one of its own (or needs a folder, or the other
/// way round) is refused, with the output left as it was.
#[test]
fn a_foreign_file_in_the_way_of_the_build_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&out, &[("index.html", "v1"), ("somu/index.html", "s")]);
    fs::write(out.join("logo.png"), "mine").unwrap();
    fs::write(out.join("kikaku"), "a file").unwrap();
    fs::create_dir(out.join("data.csv")).unwrap();
    fs::write(out.join("data.csv/x"), "x").unwrap();
    let before = tree(&out);
    let staged = StagedOutput::begin(&out).unwrap();
    for (path, text) in [
        ("index.html", "v2"),
        ("logo.png", "hyoka's"),
        ("kikaku/index.html", "k"),
        ("data.csv", "csv"),
    ] {
        staged.write(path.to_string(), text.as_bytes()).unwrap();
    }
    let err = staged.finish().unwrap_err();
    let WriteError::ForeignInTheWay { files, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(files, &["data.csv", "data.csv/x", "kikaku", "logo.png"]);
    let message = err.to_string();
    assert!(
        message.contains("data.csv、data.csv/x、kikaku、logo.png")
            && message.contains("hyoka が書いたものではありません")
            && message.contains("static/ に移す"),
        "{message}"
    );
    assert_eq!(tree(&out), before);
}

/// Without the record (an output an earlier hyoka wrote, or the record deleted), whatever
/// this build does not write is kept: nothing is deleted on a guess.
#[test]
fn without_a_record_nothing_but_this_builds_files_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&out, &[("index.html", "v1"), ("old/index.html", "o")]);
    fs::write(out.join("robots.txt"), "User-agent: *").unwrap();
    fs::remove_file(dir.path().join(".public.hyoka-files")).unwrap();
    let stats = build(&out, &[("index.html", "v2")]);
    assert_eq!(stats.kept, ["old/index.html", "robots.txt"]);
    assert_eq!(
        tree(&out),
        [
            ("index.html".into(), "v2".into()),
            ("old/index.html".into(), "o".into()),
            ("robots.txt".into(), "User-agent: *".into())
        ]
    );
    // From now on there is a record: the next build knows old/index.html is not hyoka's
    // (it cannot tell any more) and keeps it; hyoka's own index.html is still replaced.
    let stats = build(&out, &[("index.html", "v3")]);
    assert_eq!(stats.kept, ["old/index.html", "robots.txt"]);
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v3");
}

/// A file name that is not UTF-8 (a Shift_JIS name from a Windows archive) is kept too.
#[cfg(target_os = "linux")]
#[test]
fn a_foreign_file_whose_name_is_not_utf8_is_kept() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&out, &[("index.html", "v1")]);
    let name = std::ffi::OsStr::from_bytes(b"\x8e\x91\x97\xbf.pdf");
    fs::create_dir(out.join(name)).unwrap();
    fs::write(out.join(name).join(name), "sjis").unwrap();
    build(&out, &[("index.html", "v2")]);
    build(&out, &[("index.html", "v3")]);
    assert_eq!(fs::read(out.join(name).join(name)).unwrap(), b"sjis");
}

/// A build that fails while writing removes the spare it had begun to fill (with a full
/// disk, its half-written files would keep the disk full and fail every later build).
#[test]
fn a_failed_build_leaves_no_half_written_spare() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&out, &[("index.html", "v1")]);
    build(&out, &[("index.html", "v2")]);
    let spare = dir.path().join(".public.hyoka-spare");
    let staged = StagedOutput::begin(&out).unwrap();
    staged.write("big.bin".into(), &[7; 4096]).unwrap();
    // "index.html" is a file: a folder of that name cannot be made (while writing, or at
    // the swap, depending on the order).
    staged.write("index.html".into(), b"v3").unwrap();
    match staged.write("index.html/x".into(), b"x") {
        Ok(()) => assert!(staged.finish().is_err()),
        Err(_) => drop(staged),
    }
    assert!(!spare.exists());
    assert_eq!(tree(&out), [("index.html".into(), "v2".into())]);
    build(&out, &[("index.html", "v4")]);
    assert!(spare.is_dir());
    assert_eq!(tree(&spare), [("index.html".into(), "v2".into())]);
}
