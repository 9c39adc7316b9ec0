//! Loading: walks `content/` (sorted, symlinks not followed), decodes each Markdown file,
//! splits and parses its front matter. Produces raw documents and diagnostics; knows nothing
//! of departments' or goals' rules beyond where files sit.
//!
//! Layout: `content/_index.md` (home), `content/<dept>/_index.md` (department),
//! `content/<dept>/<goal>.md` (goal).

pub(crate) mod files;
pub(crate) mod front_matter;
pub(crate) mod raw;
pub(crate) mod source;
mod yaml_guard;

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::fsio::{self, DecodeProblem, Encoding, FsError};
use crate::timings::{Stage, Timings};
pub(crate) use raw::{Node, NodeValue, Pos};
pub use source::SourceFile;

use files::{EntryKind, Source};

/// One Markdown file, decoded and split.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The file and its text.
    pub source: SourceFile,
    /// Parsed front matter, if the file has one that parsed.
    pub front: Option<Node>,
    /// True when the file had a `---` block (even one that failed to parse).
    pub has_front_matter: bool,
    /// The Markdown body.
    pub body: String,
    /// File line of the body's first line.
    pub body_first_line: usize,
    /// True when the file could not be read as text (binary, too large, not a regular
    /// file): its error is already reported, and nothing else is said about it.
    pub unreadable: bool,
}

impl Document {
    /// The file stem (`jichikai` for `jichikai.md`).
    pub fn stem(&self) -> String {
        self.source
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// A department folder: its `_index.md` (if any) and its goal files, sorted by file name.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentDocs {
    /// Folder name (`somu`).
    pub folder: String,
    /// Folder path relative to the site root.
    pub path: PathBuf,
    /// `_index.md`.
    pub index: Option<Document>,
    /// The goal files.
    pub goals: Vec<Document>,
}

/// Everything under `content/`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoadedContent {
    /// `content/_index.md`.
    pub home: Option<Document>,
    /// Department folders, sorted by name.
    pub departments: Vec<DepartmentDocs>,
}

impl LoadedContent {
    /// Adds files that are not on disk yet (site-relative path, text), replacing loaded
    /// ones with the same path: the site as it will be once they are written. Used to
    /// check what `hyoka import` is about to write before it writes anything.
    pub fn overlay(&mut self, files: &[(PathBuf, String)], diags: &mut Diagnostics) {
        for (path, text) in files {
            let doc = parse_document(SourceFile::new(path.clone(), text.clone()), diags);
            let Some(folder_path) = path.parent() else {
                continue;
            };
            if folder_path == Path::new("content") {
                self.home = Some(doc);
                continue;
            }
            let folder = folder_path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let dept = match self.departments.iter().position(|d| d.folder == folder) {
                Some(i) => &mut self.departments[i],
                None => {
                    self.departments.push(DepartmentDocs {
                        folder,
                        path: folder_path.to_path_buf(),
                        index: None,
                        goals: Vec::new(),
                    });
                    self.departments.sort_by(|a, b| a.folder.cmp(&b.folder));
                    let i = self.departments.iter().position(|d| d.path == folder_path);
                    &mut self.departments[i.expect("just added")]
                }
            };
            if path.file_name().is_some_and(|n| n == "_index.md") {
                dept.index = Some(doc);
            } else {
                match dept.goals.binary_search_by(|g| g.source.path.cmp(path)) {
                    Ok(i) => dept.goals[i] = doc,
                    Err(i) => dept.goals.insert(i, doc),
                }
            }
        }
    }
}

/// Where a file sits in the layout.
#[derive(Clone)]
enum Slot {
    Home,
    DepartmentIndex(String),
    Goal(String),
}

/// Loads `<root>/content` whole. Problems in files become diagnostics; only I/O failures
/// are errors.
pub fn load_content(root: &Path, diags: &mut Diagnostics) -> Result<LoadedContent, FsError> {
    let scan = scan_content(root, diags)?;
    let mut content = LoadedContent::default();
    for part in scan.into_parts() {
        let part = part.read(root, diags, &Timings::new())?;
        content.home = content.home.or(part.home);
        content.departments.extend(part.departments);
    }
    Ok(content)
}

/// `content/` walked but not yet read: every Markdown file in its place, by part (the home
/// page, then each department folder in name order), so a build can read, check and drop
/// one part before it reads the next.
#[derive(Default)]
pub(crate) struct ContentScan {
    home: Vec<(Slot, PathBuf)>,
    departments: Vec<(DepartmentDocs, Vec<(Slot, PathBuf)>)>,
}

/// The files of one part of [`ContentScan`], to be read.
pub(crate) struct ContentPart {
    files: Vec<(Slot, PathBuf)>,
    department: Option<DepartmentDocs>,
}

impl ContentScan {
    /// Adds an empty department folder `content/<folder>` in name order, unless there is
    /// one: a folder that only files not yet written (an overlay) will hold.
    pub(crate) fn add_department(&mut self, folder: &str) {
        if self.departments.iter().any(|(d, _)| d.folder == folder) {
            return;
        }
        let at = self
            .departments
            .partition_point(|(d, _)| d.folder.as_str() < folder);
        let docs = DepartmentDocs {
            folder: folder.to_string(),
            path: Path::new("content").join(folder),
            index: None,
            goals: Vec::new(),
        };
        self.departments.insert(at, (docs, Vec::new()));
    }

    /// The parts in order: the home page (with no departments), then each department
    /// folder (with no home page).
    pub(crate) fn into_parts(self) -> impl Iterator<Item = ContentPart> {
        let home = ContentPart {
            files: self.home,
            department: None,
        };
        std::iter::once(home).chain(
            self.departments
                .into_iter()
                .map(|(docs, files)| ContentPart {
                    files,
                    department: Some(docs),
                }),
        )
    }
}

impl ContentPart {
    /// The department folder name, `None` for the home page's part.
    pub(crate) fn folder(&self) -> Option<&str> {
        self.department.as_ref().map(|d| d.folder.as_str())
    }

    /// Reads and parses the part's files (in parallel), timing each under
    /// [`Stage::Load`] and [`Stage::Parse`].
    pub(crate) fn read(
        self,
        root: &Path,
        diags: &mut Diagnostics,
        timings: &Timings,
    ) -> Result<LoadedContent, FsError> {
        self.read_from(&Source::Disk(root.to_path_buf()), diags, timings)
    }

    /// [`ContentPart::read`] from any [`Source`].
    pub(crate) fn read_from(
        self,
        source: &Source,
        diags: &mut Diagnostics,
        timings: &Timings,
    ) -> Result<LoadedContent, FsError> {
        read_documents(source, self.files, self.department, diags, timings)
    }
}

/// Walks `content/` (sorted, symlinks not followed) and places each Markdown file; files
/// that are not used get a warning. No `content/` folder is an empty scan.
pub(crate) fn scan_content(root: &Path, diags: &mut Diagnostics) -> Result<ContentScan, FsError> {
    scan_source(&Source::Disk(root.to_path_buf()), diags)
}

/// [`scan_content`] of any [`Source`]: the disk, or a commit's tree.
pub(crate) fn scan_source(
    source: &Source,
    diags: &mut Diagnostics,
) -> Result<ContentScan, FsError> {
    let Some(entries) = source.walk_content()? else {
        return Ok(ContentScan::default());
    };
    let content_dir = Path::new("content");
    let mut files: Vec<(Slot, PathBuf)> = Vec::new();
    let mut folders: Vec<String> = Vec::new();
    for entry in entries {
        let rel = entry.path.clone();
        let depth = entry.depth;
        let name = entry.name.clone();
        if entry.kind == EntryKind::Symlink {
            diags.push(
                Diagnostic::warning(
                    Code::Symlink,
                    &rel,
                    0,
                    0,
                    "シンボリックリンクはたどりません（このファイルは使われません）",
                )
                .with_help("ファイルそのものを content/ の中に置いてください"),
            );
            continue;
        }
        if entry.kind == EntryKind::Dir {
            if depth == 1 {
                folders.push(name);
            } else {
                diags.push(
                    Diagnostic::warning(
                        Code::Nested,
                        &rel,
                        0,
                        0,
                        "課のフォルダーの中のフォルダーは使われません",
                    )
                    .with_help("目標のファイルは content/<課>/<目標>.md に置いてください"),
                );
            }
            continue;
        }
        if !name.ends_with(".md") {
            if !is_editor_leftover(&name) {
                diags.push(
                    Diagnostic::warning(
                        Code::NotMarkdown,
                        &rel,
                        0,
                        0,
                        "Markdown（.md）ではないファイルは使われません",
                    )
                    .with_help("画像やPDFは static/ フォルダーに置いてください"),
                );
            }
            continue;
        }
        let parent = entry
            .path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        let slot = match (depth, name.as_str()) {
            (1, "_index.md") => Slot::Home,
            (1, _) => {
                diags.push(
                    Diagnostic::warning(
                        Code::Misplaced,
                        &rel,
                        0,
                        0,
                        "content/ 直下の目標ファイルは使われません",
                    )
                    .with_help(
                        "目標は課のフォルダーの中（content/<課>/<目標>.md）に置いてください",
                    ),
                );
                continue;
            }
            (2, "_index.md") => Slot::DepartmentIndex(parent.unwrap_or_default()),
            (2, _) => Slot::Goal(parent.unwrap_or_default()),
            _ => continue,
        };
        files.push((slot, entry.path));
    }
    let departments: Vec<(DepartmentDocs, Vec<(Slot, PathBuf)>)> = folders
        .into_iter()
        .map(|folder| {
            let docs = DepartmentDocs {
                path: content_dir.join(&folder),
                folder,
                index: None,
                goals: Vec::new(),
            };
            (docs, Vec::new())
        })
        .collect();
    let mut scan = ContentScan {
        home: Vec::new(),
        departments,
    };
    let by_folder: std::collections::HashMap<String, usize> = scan
        .departments
        .iter()
        .enumerate()
        .map(|(i, (d, _))| (d.folder.clone(), i))
        .collect();
    for (slot, path) in files {
        let folder = match &slot {
            Slot::Home => None,
            Slot::DepartmentIndex(f) | Slot::Goal(f) => Some(f.as_str()),
        };
        let part = folder.and_then(|f| by_folder.get(f).copied());
        match part {
            Some(i) => scan.departments[i].1.push((slot, path)),
            None => scan.home.push((slot, path)),
        }
    }
    Ok(scan)
}

/// Reads and parses `files` (in parallel) into `department` (the folder they belong to)
/// and the home page. A commit's files are read from the objects one after another first
/// (a gix repository handle stays on one thread), then parsed in parallel like the disk's.
fn read_documents(
    source: &Source,
    files: Vec<(Slot, PathBuf)>,
    department: Option<DepartmentDocs>,
    diags: &mut Diagnostics,
    timings: &Timings,
) -> Result<LoadedContent, FsError> {
    type Read = Result<Result<fsio::Decoded, DecodeProblem>, FsError>;
    let root = source.disk_root().map(Path::to_path_buf);
    let started = Instant::now();
    let read_before: Vec<Option<Read>> = files
        .iter()
        .map(|(_, path)| root.is_none().then(|| source.read_text(path)))
        .collect();
    timings.since(Stage::Load, started);
    let loaded: Vec<(Slot, Result<Document, FsError>, Diagnostics)> = files
        .into_par_iter()
        .zip(read_before.into_par_iter())
        .map(|((slot, path), read_before)| {
            let mut local = Diagnostics::new();
            let started = Instant::now();
            let decoded = match (read_before, &root) {
                (Some(read), _) => read,
                (None, Some(root)) => fsio::read_text(&root.join(&path)),
                (None, None) => unreachable!("a commit's files are read before"),
            };
            let text = decoded.map(|decoded| source_text(&path, decoded, &mut local));
            let read = timings.since(Stage::Load, started);
            let doc = text.map(|text| {
                let unreadable = text.is_none();
                let source = SourceFile::new(path, text.unwrap_or_default());
                let mut doc = parse_document(source, &mut local);
                doc.unreadable = unreadable;
                doc
            });
            timings.since(Stage::Parse, read);
            (slot, doc, local)
        })
        .collect();
    let mut content = LoadedContent {
        home: None,
        departments: department.into_iter().collect(),
    };
    for (slot, doc, local) in loaded {
        diags.extend(local);
        let doc = doc?;
        match slot {
            Slot::Home => content.home = Some(doc),
            Slot::DepartmentIndex(folder) => {
                if let Some(d) = content.departments.iter_mut().find(|d| d.folder == folder) {
                    d.index = Some(doc);
                }
            }
            Slot::Goal(folder) => {
                if let Some(d) = content.departments.iter_mut().find(|d| d.folder == folder) {
                    d.goals.push(doc);
                }
            }
        }
    }
    Ok(content)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    files::is_hidden(&name.to_string_lossy())
}

/// Whether the loader passes over a file of this name without a word: hidden (`.x.md.swp`),
/// an editor's autosave (`#x.md#`) or backup (`x.md~`).
pub(crate) fn is_editor_leftover(name: &str) -> bool {
    is_hidden(std::ffi::OsStr::new(name)) || name.ends_with('~')
}

/// `path` relative to `root`, for messages (unchanged when not under it).
pub(crate) fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

/// Reads, decodes and splits one file, pushing what is wrong with it.
pub(crate) fn load_document(
    root: &Path,
    path: &Path,
    diags: &mut Diagnostics,
) -> Result<Document, FsError> {
    let text = read_source_text(root, path, diags)?;
    let unreadable = text.is_none();
    let mut doc = parse_document(
        SourceFile::new(relative(root, path), text.unwrap_or_default()),
        diags,
    );
    doc.unreadable = unreadable;
    Ok(doc)
}

/// Reads and decodes a file staff wrote (content or config.toml): Shift_JIS is read with a
/// warning; a binary or oversized file is an error and gives `None`.
pub(crate) fn read_source_text(
    root: &Path,
    path: &Path,
    diags: &mut Diagnostics,
) -> Result<Option<String>, FsError> {
    let rel = relative(root, path);
    Ok(source_text(&rel, fsio::read_text(path)?, diags))
}

/// A file's decoded text, or `None` with the finding that says why it is not text (`rel`:
/// its site-relative path, for the finding).
fn source_text(
    rel: &Path,
    decoded: Result<fsio::Decoded, DecodeProblem>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let rel = rel.to_path_buf();
    match decoded {
        Ok(decoded) => {
            if decoded.encoding == Encoding::ShiftJis {
                diags.push(
                    Diagnostic::warning(Code::Encoding, &rel, 1, 1, "このファイルは Shift_JIS で保存されています（読み込みましたが、文字化けの元になります）")
                        .with_help("メモ帳などで「UTF-8」を選んで保存し直してください"),
                );
            }
            Some(decoded.text)
        }
        Err(DecodeProblem::Binary) => {
            diags.push(
                Diagnostic::error(
                    Code::Binary,
                    &rel,
                    0,
                    0,
                    "テキストファイルではありません（画像やWord文書などの可能性があります）",
                )
                .with_help("文章を UTF-8 のテキストとして保存してください"),
            );
            None
        }
        Err(DecodeProblem::TooLarge(size)) => {
            diags.push(
                Diagnostic::error(
                    Code::TooLarge,
                    &rel,
                    0,
                    0,
                    format!("ファイルが大きすぎます（{size}バイト）"),
                )
                .with_help(format!(
                    "1つの報告は{}MiB以下にしてください",
                    fsio::MAX_FILE_BYTES / 1024 / 1024
                )),
            );
            None
        }
        Err(DecodeProblem::NotAFile(kind)) => {
            diags.push(
                Diagnostic::error(
                    Code::NotAFile,
                    &rel,
                    0,
                    0,
                    format!("通常のファイルではありません（{kind}）。読み込みません"),
                )
                .with_help("content/ には報告のテキストファイルだけを置き、これは削除してください"),
            );
            None
        }
    }
}

/// Splits and parses a decoded file.
pub fn parse_document(source: SourceFile, diags: &mut Diagnostics) -> Document {
    let (front, has_front_matter, body, body_first_line) = match front_matter::split(&source.text) {
        Ok(split) => {
            let front = split.yaml.and_then(|yaml| {
                match front_matter::parse(yaml, split.yaml_first_line) {
                    Ok(node) => Some(node),
                    Err(e) => {
                        push_fm_error(&source, e, diags);
                        None
                    }
                }
            });
            (
                front,
                split.yaml.is_some(),
                split.body.to_string(),
                split.body_first_line,
            )
        }
        Err(e) => {
            push_fm_error(&source, e, diags);
            (None, true, String::new(), 1)
        }
    };
    Document {
        source,
        front,
        has_front_matter,
        body,
        body_first_line,
        unreadable: false,
    }
}

fn push_fm_error(source: &SourceFile, e: front_matter::FrontMatterError, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::error(e.code, &source.path, e.line, e.column, e.message)
            .with_source_line(source.line(e.line))
            .with_help(e.help),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_adds_new_folders_and_replaces_files_with_the_same_path() {
        let dir = tempfile::tempdir().unwrap();
        let somu = dir.path().join("content/somu");
        std::fs::create_dir_all(&somu).unwrap();
        std::fs::write(somu.join("_index.md"), "---\ntitle: 総務課\n---\n").unwrap();
        std::fs::write(somu.join("b.md"), "---\ntitle: 古い\n---\n").unwrap();
        let mut diags = Diagnostics::new();
        let mut loaded = load_content(dir.path(), &mut diags).unwrap();
        let file = |p: &str, t: &str| (PathBuf::from(p), format!("---\ntitle: {t}\n---\n"));
        loaded.overlay(
            &[
                file("content/somu/b.md", "新しい"),
                file("content/somu/a.md", "追加"),
                file("content/kikaku/_index.md", "企画課"),
            ],
            &mut diags,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let folders: Vec<&str> = loaded
            .departments
            .iter()
            .map(|d| d.folder.as_str())
            .collect();
        assert_eq!(folders, ["kikaku", "somu"]);
        let somu = &loaded.departments[1];
        let goals: Vec<(String, String)> = somu
            .goals
            .iter()
            .map(|g| {
                (
                    g.stem(),
                    g.front
                        .as_ref()
                        .unwrap()
                        .get("title")
                        .unwrap()
                        .as_text()
                        .unwrap(),
                )
            })
            .collect();
        assert_eq!(
            goals,
            [("a".into(), "追加".into()), ("b".into(), "新しい".into())]
        );
        assert_eq!(loaded.departments[0].path, Path::new("content/kikaku"));
    }
}
