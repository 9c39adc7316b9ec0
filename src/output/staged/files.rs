//! The file-system steps of the staged write, each on names only: the folders beside the
//! output (the spare, a fresh staging folder, the previous output moved aside), making and
//! removing files without ever writing through a name that is already there, pruning the
//! spare, and trading two folders' names in one rename.

use std::collections::{BTreeSet, HashSet};
use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// The spare folder's name is `.<output name>` followed by this.
pub(super) const SPARE_SUFFIX: &str = ".hyoka-spare";

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
pub(super) fn sibling(parent: &Path, name: &OsStr, suffix: &str) -> PathBuf {
    let mut s = OsString::from(".");
    s.push(name);
    s.push(format!(".{suffix}-{}", std::process::id()));
    parent.join(s)
}

/// `<parent>/.<name>.hyoka-spare` for the output folder `<parent>/<name>`.
pub(super) fn spare_path(output: &Path) -> Option<PathBuf> {
    let (parent, name) = (output.parent()?, output.file_name()?);
    let mut spare = OsString::from(".");
    spare.push(name);
    spare.push(SPARE_SUFFIX);
    Some(parent.join(spare))
}

/// The spare folder, created when missing and locked for this build; `None` when another
/// build holds it or the name is taken by something that is not a folder.
pub(super) fn take_spare(spare: &Path) -> Option<File> {
    match fs::symlink_metadata(spare) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return None,
        Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir(spare).ok()?,
        Err(_) => return None,
    }
    let lock = File::open(spare).ok()?;
    lock.try_lock().ok()?;
    // The name must still be the folder that was locked (a build that finished meanwhile
    // may have swapped it into the output).
    same_inode(&lock, spare).then_some(lock)
}

#[cfg(unix)]
fn same_inode(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => b.is_dir() && a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_file: &File, path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// True when `path` is a regular file (not a symlink) holding exactly `bytes`.
pub(super) fn same_file_contents(path: &Path, bytes: &[u8]) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|old| old == bytes)
}

/// Creates `path`, which must not exist: a name is never written through to a file that is
/// already there (in the spare it may be the output's own file).
pub(super) fn create_new(path: &Path) -> io::Result<File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// Creates `path` (which must not exist) holding `bytes`.
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    create_new(path)?.write_all(bytes)
}

/// What pruning the spare keeps: this build's files and folders, and the foreign entries
/// carried into it (with the folders above them).
pub(super) struct Keep<'a> {
    pub files: &'a BTreeSet<String>,
    pub dirs: &'a HashSet<String>,
    pub foreign: &'a HashSet<PathBuf>,
}

/// Removes from the staging folder `base` everything under `rel` (`key`: the same with `/`,
/// `None` when not UTF-8) that `keep` does not hold; folders in parallel.
pub(super) fn prune(base: &Path, rel: &Path, key: Option<&str>, keep: &Keep<'_>) -> io::Result<()> {
    let mut keep_dirs = Vec::new();
    for entry in fs::read_dir(base.join(rel))? {
        let entry = entry?;
        let name = entry.file_name();
        let child = rel.join(&name);
        let child_key = match (key, name.to_str()) {
            (Some(""), Some(name)) => Some(name.to_string()),
            (Some(key), Some(name)) => Some(format!("{key}/{name}")),
            _ => None,
        };
        let ours = |set: &dyn Fn(&str) -> bool| child_key.as_deref().is_some_and(set);
        let foreign = keep.foreign.contains(&child);
        let kind = entry.file_type()?;
        if kind.is_dir() && (foreign || ours(&|k| keep.dirs.contains(k))) {
            keep_dirs.push((child, child_key));
        } else if !(foreign || (kind.is_file() && ours(&|k| keep.files.contains(k)))) {
            remove_path(&entry.path())?;
        }
    }
    keep_dirs
        .par_iter()
        .try_for_each(|(child, key)| prune(base, child, key.as_deref(), keep))
}

/// Trades the names `a` and `b` (both must exist) in one step.
#[cfg(target_os = "linux")]
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    Ok(renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)?)
}

#[cfg(not(target_os = "linux"))]
pub(super) fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The file system (or system) cannot exchange two names: rename them one at a time.
pub(super) fn exchange_unsupported(e: &io::Error) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::io::Errno;
        if matches!(
            Errno::from_io_error(e),
            Some(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP)
        ) {
            return true;
        }
    }
    e.kind() == io::ErrorKind::Unsupported
}
