//! Where a site's content files come from: the disk (the site folder as it is now) or a git
//! tree (the site as one commit holds it, read from the objects: no checkout). Both list
//! the files under `content/` in the same order (each folder's entries by name, a folder
//! before what it holds, hidden names left out) and read a file's bytes with the same
//! limits, so that everything after them — parsing, the model, the pages — is one code
//! path for the current site and for a past edition (`[[editions]]`). The load hands one
//! to the content's walk and reads.

use std::path::{Path, PathBuf};

use crate::fsio::{self, DecodeProblem, Decoded, FsError};

/// A site's content files.
pub(crate) enum Source {
    /// The site folder on the disk.
    Disk(PathBuf),
    /// The site folder inside one commit.
    Tree(Box<TreeSource>),
}

/// A site folder inside a commit: the repository and the tree of the site's folder.
pub(crate) struct TreeSource {
    repo: gix::ThreadSafeRepository,
    /// The tree of the site folder (the one holding config.toml and content/).
    tree: gix::ObjectId,
    /// The commit, for messages (`r6`).
    name: String,
}

/// What an entry under `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    /// A folder.
    Dir,
    /// A file.
    File,
    /// A symbolic link (never followed).
    Symlink,
}

/// One entry under `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Site-relative path (`content/somu/a.md`).
    pub path: PathBuf,
    /// 1 for `content/<name>`, 2 one folder down …
    pub depth: usize,
    /// The entry's own name.
    pub name: String,
    /// Folder, file or link.
    pub kind: EntryKind,
}

impl TreeSource {
    /// The site folder `site` (relative to the repository's top, empty for the top) at
    /// `commit` of `repo`; `None` when the commit has no such folder.
    pub(crate) fn new(
        repo: &gix::Repository,
        commit: &gix::Commit<'_>,
        site: &Path,
        name: &str,
    ) -> Result<Option<TreeSource>, String> {
        let tree = commit.tree().map_err(|e| e.to_string())?;
        let tree = if site.as_os_str().is_empty() {
            Some(tree.id)
        } else {
            tree.lookup_entry_by_path(site)
                .map_err(|e| e.to_string())?
                .filter(|e| e.mode().is_tree())
                .map(|e| e.object_id())
        };
        Ok(tree.map(|tree| TreeSource {
            repo: repo.clone().into_sync(),
            tree,
            name: name.to_string(),
        }))
    }

    fn failed(&self, path: &Path, e: impl std::fmt::Display) -> FsError {
        FsError::Read {
            path: PathBuf::from(format!("{}:{}", self.name, path.display())),
            source: std::io::Error::other(e.to_string()),
        }
    }

    /// The entry at site-relative `path`: (mode, object id), `None` when there is none.
    fn entry(
        &self,
        repo: &gix::Repository,
        path: &Path,
    ) -> Result<Option<(gix::object::tree::EntryMode, gix::ObjectId)>, FsError> {
        let tree = repo
            .find_tree(self.tree)
            .map_err(|e| self.failed(path, e))?;
        let entry = tree
            .lookup_entry_by_path(path)
            .map_err(|e| self.failed(path, e))?;
        Ok(entry.map(|e| (e.mode(), e.object_id())))
    }

    fn walk(
        &self,
        repo: &gix::Repository,
        folder: &Path,
        id: gix::ObjectId,
        depth: usize,
        out: &mut Vec<Entry>,
    ) -> Result<(), FsError> {
        let tree = repo.find_tree(id).map_err(|e| self.failed(folder, e))?;
        let decoded = tree.decode().map_err(|e| self.failed(folder, e))?;
        let mut entries: Vec<(String, gix::object::tree::EntryMode, gix::ObjectId)> = decoded
            .entries
            .iter()
            .map(|e| (e.filename.to_string(), e.mode, e.oid.to_owned()))
            .collect();
        // By name, as the disk's walk sorts (git's own order puts a folder as `name/`).
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, mode, oid) in entries {
            if is_hidden(&name) {
                continue;
            }
            let path = folder.join(&name);
            let kind = if mode.is_tree() {
                EntryKind::Dir
            } else if mode.is_link() {
                EntryKind::Symlink
            } else if mode.is_blob() {
                EntryKind::File
            } else {
                // A submodule: nothing of it is in this repository.
                continue;
            };
            out.push(Entry {
                path: path.clone(),
                depth,
                name,
                kind,
            });
            if kind == EntryKind::Dir {
                self.walk(repo, &path, oid, depth + 1, out)?;
            }
        }
        Ok(())
    }
}

impl Source {
    /// The site folder on the disk, when the source is the disk.
    pub(crate) fn disk_root(&self) -> Option<&Path> {
        match self {
            Source::Disk(root) => Some(root),
            Source::Tree(_) => None,
        }
    }

    /// Every entry under `content/` in walk order; `None` when there is no `content/`
    /// folder. Symbolic links are listed, not followed.
    pub(crate) fn walk_content(&self) -> Result<Option<Vec<Entry>>, FsError> {
        match self {
            Source::Disk(root) => walk_disk(root),
            Source::Tree(tree) => {
                let repo = tree.repo.to_thread_local();
                let content = Path::new("content");
                match tree.entry(&repo, content)? {
                    Some((mode, id)) if mode.is_tree() => {
                        let mut out = Vec::new();
                        tree.walk(&repo, content, id, 1, &mut out)?;
                        Ok(Some(out))
                    }
                    _ => Ok(None),
                }
            }
        }
    }

    /// Reads and decodes the file at site-relative `path`, refusing one larger than
    /// [`fsio::MAX_FILE_BYTES`] as the disk's reading does.
    pub(crate) fn read_text(&self, path: &Path) -> Result<Result<Decoded, DecodeProblem>, FsError> {
        match self {
            Source::Disk(root) => fsio::read_text(&root.join(path)),
            Source::Tree(tree) => {
                let repo = tree.repo.to_thread_local();
                let Some((mode, id)) = tree.entry(&repo, path)? else {
                    return Err(tree.failed(path, "ありません"));
                };
                if !mode.is_blob() {
                    return Ok(Err(DecodeProblem::NotAFile("ファイルではないもの")));
                }
                let header = repo.find_header(id).map_err(|e| tree.failed(path, e))?;
                if header.size() > fsio::MAX_FILE_BYTES {
                    return Ok(Err(DecodeProblem::TooLarge(header.size())));
                }
                let blob = repo.find_blob(id).map_err(|e| tree.failed(path, e))?;
                Ok(fsio::decode(&blob.data))
            }
        }
    }

    /// Whether the site-relative file exists.
    pub(crate) fn has_file(&self, path: &Path) -> Result<bool, FsError> {
        match self {
            Source::Disk(root) => Ok(root.join(path).is_file()),
            Source::Tree(tree) => {
                let repo = tree.repo.to_thread_local();
                Ok(tree.entry(&repo, path)?.is_some_and(|(m, _)| m.is_blob()))
            }
        }
    }
}

/// The disk's walk of `<root>/content` (sorted by name, symlinks not followed).
fn walk_disk(root: &Path) -> Result<Option<Vec<Entry>>, FsError> {
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Ok(None);
    }
    let walker = walkdir::WalkDir::new(&content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !is_hidden(&e.file_name().to_string_lossy()));
    let mut out = Vec::new();
    for entry in walker {
        let entry = entry.map_err(|e| FsError::Read {
            path: e
                .path()
                .map_or_else(|| content_dir.clone(), Path::to_path_buf),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("walk")),
        })?;
        let ft = entry.file_type();
        let kind = if ft.is_symlink() {
            EntryKind::Symlink
        } else if ft.is_dir() {
            EntryKind::Dir
        } else {
            EntryKind::File
        };
        out.push(Entry {
            path: crate::content::relative(root, entry.path()),
            depth: entry.depth(),
            name: entry.file_name().to_string_lossy().into_owned(),
            kind,
        });
    }
    Ok(Some(out))
}

/// Hidden names (`.git`, `.x.md.swp`) and editors' autosaves (`#x.md#`) are never content.
pub(crate) fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn git(dir: &Path, args: &[&str]) {
        let out = Command::new("git")
            .args([
                "-c",
                "init.defaultBranch=main",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("HOME", dir.join(".no-home"))
            .env("GIT_AUTHOR_NAME", "総務課")
            .env("GIT_AUTHOR_EMAIL", "somu@example.jp")
            .env("GIT_COMMITTER_NAME", "総務課")
            .env("GIT_COMMITTER_EMAIL", "somu@example.jp")
            .env("GIT_AUTHOR_DATE", "2025-06-01T10:00:00+0900")
            .env("GIT_COMMITTER_DATE", "2025-06-01T10:00:00+0900")
            .output()
            .expect("run git");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The disk and a commit of the same files list the same entries in the same order and
    /// read the same text, with the same refusals (too large, not text).
    #[test]
    fn a_commit_lists_and_reads_its_content_as_the_disk_does() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let write = |rel: &str, bytes: &[u8]| {
            let path = site.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        };
        write("content/_index.md", b"---\ntitle: home\n---\n");
        write(
            "content/somu/_index.md",
            "---\ntitle: 総務課\n---\n".as_bytes(),
        );
        write("content/somu/b.md", b"b\r\n");
        write("content/somu/a.md", b"\xEF\xBB\xBFa\n");
        write("content/somu/sub/c.md", b"c\n");
        write("content/somu/.hidden.md", b"h\n");
        write("content/somu/memo.txt", b"m\n");
        write("content/somu/photo.md", b"\x00\x01PNG");
        write("content/kikaku-2/_index.md", b"k\n");
        write("content/kikaku/x.md", b"x\n");
        let large = vec![b'a'; fsio::MAX_FILE_BYTES as usize + 1];
        write("content/somu/large.md", &large);
        git(dir.path(), &["init", "-q"]);
        git(dir.path(), &["add", "-A"]);
        git(dir.path(), &["commit", "-q", "-m", "x"]);

        let disk = Source::Disk(site.clone());
        let repo = gix::open(dir.path()).unwrap();
        let commit = repo.head_commit().unwrap();
        let tree = TreeSource::new(&repo, &commit, Path::new("site"), "HEAD")
            .unwrap()
            .expect("the site folder");
        let tree = Source::Tree(Box::new(tree));
        let listed = disk.walk_content().unwrap().unwrap();
        assert_eq!(tree.walk_content().unwrap().unwrap(), listed);
        assert!(listed.iter().all(|e| !e.name.starts_with('.')));
        let names: Vec<String> = listed
            .iter()
            .map(|e| e.path.display().to_string())
            .collect();
        let kikaku = names.iter().position(|n| n == "content/kikaku").unwrap();
        let kikaku2 = names.iter().position(|n| n == "content/kikaku-2").unwrap();
        // By name as the disk sorts (git's own tree order puts `kikaku-2` first, `kikaku/`).
        assert!(kikaku < kikaku2, "{names:?}");
        for entry in listed.iter().filter(|e| e.kind == EntryKind::File) {
            let from_disk = disk.read_text(&entry.path).unwrap();
            let from_tree = tree.read_text(&entry.path).unwrap();
            assert_eq!(from_tree, from_disk, "{}", entry.path.display());
        }
        let too_large = tree.read_text(Path::new("content/somu/large.md")).unwrap();
        assert_eq!(too_large, Err(DecodeProblem::TooLarge(large.len() as u64)));
        assert!(tree.has_file(Path::new("content/somu/a.md")).unwrap());
        assert!(!tree.has_file(Path::new("content/somu")).unwrap());
    }
}
