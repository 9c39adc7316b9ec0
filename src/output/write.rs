//! Writing an [`OutputPlan`] to disk, and deciding whether an output directory
//! is a safe place to write.
//!
//! This module owns the safety check on the output directory (never the site
//! root, its sources, `/` or the home directory) and the staged write: every
//! file goes into a sibling staging directory first, which then replaces the
//! output directory in one rename, so a failed build leaves the previous output
//! untouched. It knows nothing about pages or indicators: bytes and paths only.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::plan::{OutputPlan, PlanError, check_path_conflicts, is_valid_path};
use super::staged::StagedOutput;

/// Site subdirectories that hold sources and must never overlap the output.
const PROTECTED_DIRS: [&str; 3] = ["content", "themes", "static"];

/// Why the output could not be checked or written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A path could not be made absolute, canonicalised or inspected.
    #[error(
        "出力先「{path}」を確認できませんでした（{source}）。パスが正しいか、アクセス権があるかを確認してください"
    )]
    Resolve {
        /// The path that could not be resolved.
        path: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// The output directory is the file system root.
    #[error(
        "出力先「{path}」はファイルシステムのルートです。サイト内の public/ など専用のディレクトリを指定してください"
    )]
    FilesystemRoot {
        /// The resolved output directory.
        path: PathBuf,
    },
    /// The output directory is the home directory or one of its ancestors.
    #[error(
        "出力先「{path}」はホームディレクトリ「{home}」そのものか、それを含んでいます。専用のディレクトリ（例: サイト内の public/）を指定してください"
    )]
    ContainsHome {
        /// The resolved output directory.
        path: PathBuf,
        /// The resolved home directory.
        home: PathBuf,
    },
    /// The output directory is the site root itself.
    #[error(
        "出力先「{path}」がサイトのルートと同じです。出力すると原稿や設定が消えてしまいます。public/ など別のディレクトリを指定してください"
    )]
    SiteRoot {
        /// The resolved output directory.
        path: PathBuf,
    },
    /// The output directory is an ancestor of the site root.
    #[error(
        "出力先「{path}」がサイトのルート「{root}」を含んでいます。出力するとサイト全体が消えてしまいます。サイト内の public/ などを指定してください"
    )]
    ContainsSiteRoot {
        /// The resolved output directory.
        path: PathBuf,
        /// The resolved site root.
        root: PathBuf,
    },
    /// The output directory is, is inside, or contains `content/`, `themes/` or `static/`.
    #[error(
        "出力先「{path}」がサイトの原稿・テーマ・静的ファイルのディレクトリ「{protected}」と重なっています。別のディレクトリ（例: public/）を指定してください"
    )]
    OverlapsSources {
        /// The resolved output directory.
        path: PathBuf,
        /// The protected source directory it overlaps.
        protected: PathBuf,
    },
    /// The output path has no parent or no final name (e.g. ends in `..` or is a root).
    #[error(
        "出力先「{path}」の名前を決められません（「..」やルートで終わっています）。ディレクトリ名まで含めて指定してください"
    )]
    InvalidOutput {
        /// The offending output path.
        path: PathBuf,
    },
    /// The output path is a symbolic link.
    #[error(
        "出力先「{path}」はシンボリックリンクです。安全のため書き込みません。リンクを削除するか、実際のディレクトリを指定してください"
    )]
    OutputIsSymlink {
        /// The output path.
        path: PathBuf,
    },
    /// The output path exists but is not a directory.
    #[error(
        "出力先「{path}」はディレクトリではなくファイルです。そのファイルを移動するか、別の出力先を指定してください"
    )]
    OutputNotDir {
        /// The output path.
        path: PathBuf,
    },
    /// The output directory holds files that no build wrote: replacing it would delete them.
    #[error(
        "出力先「{path}」には、hyoka が書き出したものではないファイルがあります。出力先は中身ごと置き換えるため、空のフォルダーか、以前に hyoka が書き出したフォルダーを指定してください"
    )]
    ForeignContents {
        /// The output directory.
        path: PathBuf,
    },
    /// The plan cannot be written because a planned file is also needed as a directory.
    #[error("出力先「{path}」に書き込めません: {source}")]
    InvalidPlan {
        /// The output directory.
        path: PathBuf,
        /// The conflict found in the plan.
        source: PlanError,
    },
    /// A file's path was refused (not clean, or written twice).
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// A directory (output parent, staging dir or subdirectory) could not be created.
    #[error(
        "ディレクトリ「{path}」を作成できませんでした（{source}）。権限とディスク容量を確認してください"
    )]
    CreateDir {
        /// The directory that could not be created.
        path: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// A file could not be written into the staging directory.
    #[error(
        "ファイル「{path}」を書き込めませんでした（{source}）。権限とディスク容量を確認してください"
    )]
    WriteFile {
        /// The file that could not be written.
        path: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// A leftover staging or old-output directory from an earlier run could not be removed.
    #[error(
        "古い作業ディレクトリ「{path}」を削除できませんでした（{source}）。手動で削除してから再実行してください"
    )]
    RemoveStale {
        /// The leftover path that could not be removed.
        path: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// Moving the previous output aside, or the staging directory into place, failed.
    #[error(
        "「{path}」を「{to}」に移動できませんでした（{source}）。出力先は変更されていません。権限を確認して再実行してください"
    )]
    Rename {
        /// The path being renamed.
        path: PathBuf,
        /// The intended new path.
        to: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// The new output is in place but the previous output could not be removed.
    #[error(
        "新しい出力は書き込まれましたが、以前の出力「{path}」を削除できませんでした（{source}）。手動で削除してください"
    )]
    RemoveOld {
        /// The renamed previous output that is left behind.
        path: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
}

/// What [`write_plan`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WriteStats {
    /// Number of files written.
    pub files: usize,
    /// Total number of bytes written.
    pub bytes: usize,
}

/// Makes `path` absolute (relative to the current directory) and removes `.`
/// and `..` components lexically, without touching the file system.
pub(super) fn absolute_lexical(path: &Path) -> Result<PathBuf, WriteError> {
    let abs = std::path::absolute(path).map_err(|source| WriteError::Resolve {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = PathBuf::new();
    for comp in abs.components() {
        match comp {
            Component::CurDir => {}
            Component::ParentDir => {
                // Popping never removes the root or a prefix.
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                }
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// [`absolute_lexical`], then canonicalises the longest existing ancestor (so
/// symlinks such as `/tmp` → `/private/tmp` are resolved) and appends the
/// rest.
fn resolve(path: &Path) -> Result<PathBuf, WriteError> {
    let abs = absolute_lexical(path)?;
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if existing.exists() {
            let mut canon = fs::canonicalize(existing).map_err(|source| WriteError::Resolve {
                path: existing.to_path_buf(),
                source,
            })?;
            canon.extend(rest.iter().rev());
            return Ok(canon);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            // Nothing exists, not even the root: keep the lexical form.
            _ => return Ok(abs),
        }
    }
}

fn home_dir() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var)
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// Checks that `output` is a safe place to write and returns it absolute and
/// normalised (relative paths are taken from the current directory).
///
/// Refuses `/`, the home directory or any ancestor of it, the site root, any
/// ancestor of the site root, and anything equal to, inside or containing the
/// site's `content/`, `themes/` or `static/` directories. Output inside the
/// site root (e.g. `<root>/public`) or outside it (e.g. `/tmp/x`) is fine.
pub fn check_output_dir(site_root: &Path, output: &Path) -> Result<PathBuf, WriteError> {
    let out = resolve(output)?;
    if out.parent().is_none() {
        return Err(WriteError::FilesystemRoot { path: out });
    }
    if let Some(home) = home_dir() {
        let home = resolve(&home)?;
        if home.starts_with(&out) {
            return Err(WriteError::ContainsHome { path: out, home });
        }
    }
    let root = resolve(site_root)?;
    if out == root {
        return Err(WriteError::SiteRoot { path: out });
    }
    if root.starts_with(&out) {
        return Err(WriteError::ContainsSiteRoot { path: out, root });
    }
    for dir in PROTECTED_DIRS {
        let protected = resolve(&root.join(dir))?;
        if out.starts_with(&protected) || protected.starts_with(&out) {
            return Err(WriteError::OverlapsSources {
                path: out,
                protected,
            });
        }
    }
    Ok(out)
}

/// Removes `path` whatever it is (file, symlink or directory tree); missing is
/// fine. Symlinks are removed, never followed.
pub(super) fn remove_path(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Joins a site-relative '/' path onto `base` segment by segment.
pub(super) fn join_rel(base: &Path, rel: &str) -> PathBuf {
    let mut p = base.to_path_buf();
    p.extend(rel.split('/'));
    p
}

/// `<parent>/.<name>.<suffix>-<pid>`
pub(super) fn sibling(parent: &Path, name: &std::ffi::OsStr, suffix: &str) -> PathBuf {
    let mut s = OsString::from(".");
    s.push(name);
    s.push(format!(".{suffix}-{}", std::process::id()));
    parent.join(s)
}

/// Files every build writes: a folder holding them (or an empty or missing folder) may be
/// replaced; any other folder holds someone's files.
const OUTPUT_MARKERS: [&str; 3] = ["404.html", "sitemap.xml", "data/indicators.json"];

/// Refuses to replace a folder that hyoka did not write (an explicit `--output` pointing at,
/// say, a documents folder). A missing or empty folder, or a previous output, is fine.
pub fn check_replaceable(output: &Path) -> Result<(), WriteError> {
    let mut entries = match fs::read_dir(output) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(WriteError::Resolve {
                path: output.to_path_buf(),
                source,
            });
        }
    };
    if entries.next().is_none() || OUTPUT_MARKERS.iter().all(|m| output.join(m).is_file()) {
        return Ok(());
    }
    Err(WriteError::ForeignContents {
        path: output.to_path_buf(),
    })
}

/// Writes the plan to `output` atomically-ish.
///
/// Every file is written into the staging folder beside the output (the spare
/// `<parent>/.<name>.hyoka-spare`, or a fresh one: see [`StagedOutput`]), which then
/// takes the output's place in one rename. If anything fails before the swap,
/// `output` is left exactly as it was. Refuses when `output` is a file or a symlink, or
/// when the plan needs a planned file to also be a directory.
pub fn write_plan(plan: &OutputPlan, output: &Path) -> Result<WriteStats, WriteError> {
    plan.check_conflicts()
        .map_err(|source| WriteError::InvalidPlan {
            path: output.to_path_buf(),
            source,
        })?;
    stage_and_swap(plan, output)
}

/// [`write_plan`] without the up-front conflict check: every file is staged in parallel,
/// then swapped in.
fn stage_and_swap(plan: &OutputPlan, output: &Path) -> Result<WriteStats, WriteError> {
    let staged = StagedOutput::begin(output)?;
    let files: Vec<(&str, &[u8])> = plan.iter().collect();
    files
        .par_iter()
        .try_for_each(|(rel, bytes)| staged.write(rel.to_string(), bytes))?;
    staged.finish()
}

/// Where a build puts its files, one at a time, from any thread: an [`OutputPlan`] in
/// memory ([`PlanCollector`]) or a folder being written ([`StagedOutput`]).
pub trait Emit: Sync {
    /// Takes one output file (site-relative '/' path and its bytes).
    fn emit(&self, path: String, bytes: Vec<u8>) -> Result<(), WriteError>;

    /// Takes one output file that `produce` writes into a writer: a file too large to hold
    /// whole (the home page and all-goals data of a big site) need not be. `produce`
    /// returns false when it failed (it keeps its own error); then `Ok(false)` comes back
    /// and the file counts for nothing. A failure to write is this call's error.
    fn emit_with(
        &self,
        path: String,
        produce: &mut dyn FnMut(&mut dyn io::Write) -> bool,
    ) -> Result<bool, WriteError> {
        let mut bytes = Vec::new();
        if !produce(&mut bytes) {
            return Ok(false);
        }
        self.emit(path, bytes).map(|()| true)
    }
}

/// Collects emitted files into an [`OutputPlan`].
#[derive(Debug, Default)]
pub struct PlanCollector(Mutex<OutputPlan>);

impl PlanCollector {
    /// The collected plan.
    pub fn into_plan(self) -> OutputPlan {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// Takes emitted files like a build would (refusing unclean paths, duplicates and a file
/// that is also a folder) but keeps only their paths: `check` renders everything and
/// writes nothing.
#[derive(Debug, Default)]
pub struct PathCollector(Mutex<BTreeSet<String>>);

impl PathCollector {
    /// Checks the collected paths for a file that is also needed as a folder; returns how
    /// many files there were.
    pub fn finish(self) -> Result<usize, PlanError> {
        let paths = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        check_path_conflicts(&paths)?;
        Ok(paths.len())
    }
}

impl Emit for PathCollector {
    fn emit_with(
        &self,
        path: String,
        produce: &mut dyn FnMut(&mut dyn io::Write) -> bool,
    ) -> Result<bool, WriteError> {
        if !produce(&mut io::sink()) {
            return Ok(false);
        }
        self.emit(path, Vec::new()).map(|()| true)
    }

    fn emit(&self, path: String, _bytes: Vec<u8>) -> Result<(), WriteError> {
        if !is_valid_path(&path) {
            return Err(PlanError::InvalidPath { path }.into());
        }
        let mut paths = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if paths.contains(&path) {
            return Err(PlanError::Duplicate { path }.into());
        }
        paths.insert(path);
        Ok(())
    }
}

impl Emit for PlanCollector {
    fn emit(&self, path: String, bytes: Vec<u8>) -> Result<(), WriteError> {
        let mut plan = self.0.lock().unwrap_or_else(|e| e.into_inner());
        Ok(plan.add(path, bytes)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

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
    fn hidden_entries(dir: &Path) -> Vec<OsString> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().starts_with('.'))
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
    fn only_missing_empty_or_previous_outputs_are_replaceable() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        assert!(check_replaceable(&out).is_ok());
        fs::create_dir(&out).unwrap();
        assert!(check_replaceable(&out).is_ok());
        fs::write(out.join("family-photo.jpg"), b"x").unwrap();
        assert!(matches!(
            check_replaceable(&out),
            Err(WriteError::ForeignContents { .. })
        ));
        for marker in OUTPUT_MARKERS {
            fs::create_dir_all(out.join(marker).parent().unwrap()).unwrap();
            fs::write(out.join(marker), b"x").unwrap();
        }
        assert!(check_replaceable(&out).is_ok());
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
                bytes: plan.total_bytes()
            }
        );
        let snap = snapshot(&out);
        assert_eq!(snap.len(), 5);
        for (p, b) in plan.iter() {
            assert_eq!(snap[&join_rel(Path::new(""), p)], b, "{p}");
        }
        assert!(hidden_entries(tmp.path()).is_empty());
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
            [OsString::from(".public.hyoka-spare")]
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
        assert_eq!(hidden_entries(tmp.path()), [OsString::from(".keep")]);
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
            err.to_string().contains("できませんでした")
                || err.to_string().contains("書き込めません")
        );
        assert_eq!(snapshot(&out), before);
        assert_eq!(fs::read(out.join("sentinel.txt")).unwrap(), b"keep me");
        // What stays beside the output is the spare, never a fresh staging folder.
        assert_eq!(
            hidden_entries(tmp.path()),
            [OsString::from(".public.hyoka-spare")]
        );
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

    #[test]
    fn check_output_dir_cases() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        for d in ["content/somu", "themes/default", "static"] {
            fs::create_dir_all(root.join(d)).unwrap();
        }
        let canon_root = fs::canonicalize(&root).unwrap();

        let refused = [
            root.clone(),
            root.join("."),
            root.join("public/.."),
            tmp.path().to_path_buf(),
            root.join(".."),
            root.join("content"),
            root.join("content/somu"),
            root.join("content/new/deeper"),
            root.join("themes"),
            root.join("themes/default/out"),
            root.join("static/out"),
            PathBuf::from("/"),
        ];
        for out in &refused {
            assert!(check_output_dir(&root, out).is_err(), "{out:?}");
        }
        assert!(matches!(
            check_output_dir(&root, &root),
            Err(WriteError::SiteRoot { .. })
        ));
        assert!(matches!(
            check_output_dir(&root, &root.join("..")),
            Err(WriteError::ContainsSiteRoot { .. })
        ));
        assert!(matches!(
            check_output_dir(&root, &root.join("content/somu")),
            Err(WriteError::OverlapsSources { .. })
        ));
        assert!(matches!(
            check_output_dir(&root, Path::new("/")),
            Err(WriteError::FilesystemRoot { .. })
        ));
        if let Some(home) = home_dir() {
            assert!(check_output_dir(&root, &home).is_err());
        }

        assert_eq!(
            check_output_dir(&root, &root.join("public")).unwrap(),
            canon_root.join("public")
        );
        assert_eq!(
            check_output_dir(&root, &root.join("content/../dist")).unwrap(),
            canon_root.join("dist")
        );
        let elsewhere = tempfile::tempdir().unwrap();
        let out = elsewhere.path().join("x/y");
        assert_eq!(
            check_output_dir(&root, &out).unwrap(),
            fs::canonicalize(elsewhere.path()).unwrap().join("x/y")
        );
    }

    #[cfg(unix)]
    #[test]
    fn check_output_dir_sees_through_symlinks() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        let alias = tmp.path().join("alias");
        std::os::unix::fs::symlink(root.join("content"), &alias).unwrap();
        assert!(matches!(
            check_output_dir(&root, &alias.join("out")),
            Err(WriteError::OverlapsSources { .. })
        ));
    }
}
