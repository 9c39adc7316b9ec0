//! Files in the output that hyoka did not write (a webmaster's `.htaccess`, `images/logo.png`)
//! are kept: the record of what the last build wrote, `.<name>.hyoka-files` beside the
//! output, tells hyoka's files from the others; the others are linked into the staging folder
//! before it takes the output's place, so they are in the new output unchanged (same file,
//! never copied), and are never deleted. One that is in the way of a file this build writes is
//! refused before anything is swapped. Without a record (an output written by an earlier
//! hyoka, or the record deleted), every file this build does not write is kept.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::files::remove_path;

/// The record's name is `.<output name>` followed by this.
pub(super) const RECORD_SUFFIX: &str = ".hyoka-files";

/// The record's format, in its first key (a record of another format is not read).
const RECORD_FORMAT: &str = "hyoka-files-1";

/// `<parent>/.<name>.hyoka-files` for the output folder `<parent>/<name>`.
pub(super) fn record_path(output: &Path) -> Option<PathBuf> {
    let (parent, name) = (output.parent()?, output.file_name()?);
    let mut record = std::ffi::OsString::from(".");
    record.push(name);
    record.push(RECORD_SUFFIX);
    Some(parent.join(record))
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Record {
    format: String,
    /// Every file the build wrote, sorted.
    files: Vec<String>,
}

/// The files the last build wrote, from its record; `None` when there is no readable record.
pub(super) fn read_record(path: &Path) -> Option<HashSet<String>> {
    let text = fs::read(path).ok()?;
    let record: Record = serde_json::from_slice(&text).ok()?;
    (record.format == RECORD_FORMAT).then(|| record.files.into_iter().collect())
}

/// Writes the record of `files` (a new file renamed over the old one: a record is never
/// half written).
pub(super) fn write_record(path: &Path, files: &BTreeSet<String>) -> io::Result<()> {
    let record = Record {
        format: RECORD_FORMAT.to_string(),
        files: files.iter().cloned().collect(),
    };
    let mut tmp = path.as_os_str().to_os_string();
    tmp.push(format!(".tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let written = serde_json::to_vec(&record)
        .map_err(io::Error::other)
        .and_then(|bytes| fs::write(&tmp, bytes))
        .and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// A file or folder of the output that no build wrote.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Foreign {
    /// Relative to the output.
    pub path: PathBuf,
    /// A folder (every entry in it is foreign too, and listed).
    pub dir: bool,
}

impl Foreign {
    /// The path with `/`, as hyoka's paths are written (`None` when not UTF-8: then it
    /// cannot be one of them).
    pub(super) fn key(&self) -> Option<String> {
        key(&self.path)
    }
}

fn key(path: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = path.iter().map(|p| p.to_str()).collect();
    parts.map(|p| p.join("/"))
}

/// What hyoka wrote into the output: files, and the folders that hold them.
pub(super) struct Written<'a> {
    files: &'a HashSet<String>,
    dirs: HashSet<String>,
}

impl<'a> Written<'a> {
    pub(super) fn new(files: &'a HashSet<String>) -> Self {
        let mut dirs = HashSet::new();
        for file in files {
            for (i, _) in file.match_indices('/') {
                dirs.insert(file[..i].to_string());
            }
        }
        Written { files, dirs }
    }
}

/// Every entry of `output` that `written` does not hold, sorted (folders before what is in
/// them); folders in parallel.
pub(super) fn find(output: &Path, written: &Written<'_>) -> io::Result<Vec<Foreign>> {
    let mut found = walk(output, Path::new(""), written, false)?;
    found.sort();
    Ok(found)
}

fn walk(
    output: &Path,
    rel: &Path,
    written: &Written<'_>,
    inside_foreign: bool,
) -> io::Result<Vec<Foreign>> {
    let mut found = Vec::new();
    let mut folders = Vec::new();
    for entry in fs::read_dir(output.join(rel))? {
        let entry = entry?;
        let path = rel.join(entry.file_name());
        let known =
            |set: &HashSet<String>| !inside_foreign && key(&path).is_some_and(|k| set.contains(&k));
        if entry.file_type()?.is_dir() {
            let ours = known(&written.dirs);
            if !ours {
                found.push(Foreign {
                    path: path.clone(),
                    dir: true,
                });
            }
            folders.push((path, !ours));
        } else if !known(written.files) {
            found.push(Foreign { path, dir: false });
        }
    }
    let deeper: Vec<Vec<Foreign>> = folders
        .par_iter()
        .map(|(path, foreign)| walk(output, path, written, *foreign))
        .collect::<io::Result<_>>()?;
    found.extend(deeper.into_iter().flatten());
    Ok(found)
}

/// The foreign entries in the way of this build: a file where the build writes a file or
/// needs a folder, a folder where it writes a file, or anything inside a folder the build
/// writes as a file.
pub(super) fn in_the_way(
    foreign: &[Foreign],
    files: &BTreeSet<String>,
    dirs: &HashSet<String>,
) -> Vec<String> {
    foreign
        .iter()
        .filter_map(|f| {
            let key = f.key()?;
            let taken = files.contains(&key) || (!f.dir && dirs.contains(&key));
            let under_a_file = key
                .match_indices('/')
                .any(|(i, _)| files.contains(&key[..i]));
            (taken || under_a_file).then_some(key)
        })
        .collect()
}

/// Puts every foreign entry into `staging` at its place: folders made (with the folders
/// above them), files linked to the output's (a symbolic link stays a link; a file that
/// cannot be linked is copied). Returns the paths to keep when the staging folder is pruned:
/// the entries and the folders above them.
pub(super) fn carry(
    output: &Path,
    staging: &Path,
    foreign: &[Foreign],
) -> io::Result<HashSet<PathBuf>> {
    let mut keep = HashSet::new();
    for f in foreign {
        for folder in f.path.ancestors().skip(1) {
            if folder.as_os_str().is_empty() || !keep.insert(folder.to_path_buf()) {
                continue;
            }
            ensure_dir(&staging.join(folder))?;
        }
        let to = staging.join(&f.path);
        if f.dir {
            ensure_dir(&to)?;
        } else {
            link(&output.join(&f.path), &to)?;
        }
        keep.insert(f.path.clone());
    }
    Ok(keep)
}

/// `path` is a real folder afterwards (whatever held the name is removed, never followed).
fn ensure_dir(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => remove_path(path).and_then(|()| fs::create_dir(path)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir(path),
        Err(e) => Err(e),
    }
}

/// `to` becomes another name of the file `from` (already is, when the staging folder is the
/// spare that held it last time).
fn link(from: &Path, to: &Path) -> io::Result<()> {
    if same_file(from, to) {
        return Ok(());
    }
    remove_path(to)?;
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    // Linking someone else's file may be refused (fs.protected_hardlinks): copy it.
    let meta = fs::symlink_metadata(from)?;
    if meta.file_type().is_symlink() {
        copy_symlink(from, to)
    } else if meta.is_file() {
        fs::copy(from, to).map(|_| ())
    } else {
        fs::hard_link(from, to)
    }
}

#[cfg(unix)]
fn copy_symlink(from: &Path, to: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(fs::read_link(from)?, to)
}

#[cfg(not(unix))]
fn copy_symlink(from: &Path, to: &Path) -> io::Result<()> {
    fs::copy(from, to).map(|_| ())
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::symlink_metadata(a), fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_a: &Path, _b: &Path) -> bool {
    false
}
