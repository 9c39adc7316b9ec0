//! Writes an import's files — all or none. Each file is written to a temporary file beside
//! its target and renamed into place; without `--force` the rename refuses to replace a
//! file (even one created since the import looked), and if any file fails, the files
//! already written are removed (or, with `--force`, their old bytes put back), so a
//! failure never leaves half a department.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A file the import will write, path relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewFile {
    /// `content/somu/jichikai.md`.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// A file could not be written (everything written before it was undone).
#[derive(Debug, thiserror::Error)]
#[error("{} に書き込めません: {source}", path.display())]
pub(crate) struct WriteError {
    /// The file.
    pub path: PathBuf,
    /// The OS error (`AlreadyExists` when a file appeared since the check).
    pub source: std::io::Error,
}

/// What one written file replaced, to undo it.
struct Done {
    path: PathBuf,
    previous: Option<Vec<u8>>,
}

#[cfg(test)] // used by unit tests only
/// Writes every file under `root`; `force` allows replacing existing files.
pub(crate) fn write_files(root: &Path, files: &[NewFile], force: bool) -> Result<(), WriteError> {
    write_files_replacing(root, files, force, &[])
}

/// `write_files`, where the files in `replaceable` (`hyoka init`'s placeholders) may
/// be replaced without `force`.
pub(crate) fn write_files_replacing(
    root: &Path,
    files: &[NewFile],
    force: bool,
    replaceable: &[PathBuf],
) -> Result<(), WriteError> {
    for file in files {
        crate::fsio::refuse_symlinks(root, &file.path).map_err(|e| WriteError {
            path: file.path.clone(),
            source: std::io::Error::other(e),
        })?;
    }
    let mut done: Vec<Done> = Vec::new();
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    for file in files {
        let path = root.join(&file.path);
        let force = force || replaceable.contains(&file.path);
        if let Err(source) = write_one(&path, &file.text, force, &mut done, &mut created_dirs) {
            undo(&done, &created_dirs);
            return Err(WriteError {
                path: file.path.clone(),
                source,
            });
        }
    }
    Ok(())
}

fn write_one(
    path: &Path,
    text: &str,
    force: bool,
    done: &mut Vec<Done>,
    created_dirs: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_dirs(dir, created_dirs)?;
    let previous = if force && path.is_file() {
        Some(std::fs::read(path)?)
    } else {
        None
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".hyoka-import-")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    let persisted = if force {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    persisted.map_err(|e| e.error)?;
    done.push(Done {
        path: path.to_path_buf(),
        previous,
    });
    Ok(())
}

/// Creates `dir` and its missing parents, remembering which it created.
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.exists()).collect();
    for d in missing.into_iter().rev() {
        std::fs::create_dir(d)?;
        created.push(d.to_path_buf());
    }
    Ok(())
}

/// Best effort: a failure while undoing cannot be reported better than the first one.
fn undo(done: &[Done], created_dirs: &[PathBuf]) {
    for d in done.iter().rev() {
        let _ = match &d.previous {
            Some(bytes) => std::fs::write(&d.path, bytes),
            None => std::fs::remove_file(&d.path),
        };
    }
    for dir in created_dirs.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> NewFile {
        NewFile {
            path: path.into(),
            text: text.into(),
        }
    }

    #[test]
    fn writes_all_and_refuses_to_replace_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            file("content/a/_index.md", "a"),
            file("content/a/b.md", "b"),
        ];
        write_files(dir.path(), &files, false).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("content/a/b.md")).unwrap(),
            "b"
        );
        let again = write_files(dir.path(), &[file("content/a/b.md", "new")], false).unwrap_err();
        assert_eq!(again.source.kind(), std::io::ErrorKind::AlreadyExists);
        write_files(dir.path(), &[file("content/a/b.md", "new")], true).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("content/a/b.md")).unwrap(),
            "new"
        );
    }

    #[test]
    fn a_failure_undoes_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/x")).unwrap();
        std::fs::write(dir.path().join("content/x/taken.md"), "old").unwrap();
        let files = [
            file("content/new/_index.md", "a"),
            file("content/x/fresh.md", "b"),
            file("content/x/taken.md", "c"),
        ];
        assert!(write_files(dir.path(), &files, false).is_err());
        assert!(!dir.path().join("content/new").exists());
        assert!(!dir.path().join("content/x/fresh.md").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("content/x/taken.md")).unwrap(),
            "old"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path().join("content/x"))
            .unwrap()
            .collect();
        assert_eq!(names.len(), 1, "no temporary files left");
    }
}
