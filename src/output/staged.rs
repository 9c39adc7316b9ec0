//! The staged write: files go into a fresh sibling folder `.<name>.staging-<pid>` as they are
//! produced (from any thread), and [`StagedOutput::finish`] swaps that folder into place in
//! one rename, so a failed build leaves the previous output untouched and a build never
//! holds its whole output in memory. Bytes and paths only.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::plan::{PlanError, check_path_conflicts, is_valid_path};
use super::write::{
    Emit, WriteError, WriteStats, absolute_lexical, join_rel, remove_path, sibling,
};

/// An output folder being written: files land in the staging folder until [`finish`].
///
/// [`finish`]: StagedOutput::finish
#[derive(Debug)]
pub struct StagedOutput {
    output: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    exists: bool,
    paths: Mutex<BTreeSet<String>>,
    dirs: Mutex<HashSet<String>>,
    bytes: AtomicUsize,
    finished: bool,
}

impl StagedOutput {
    /// Creates the staging folder beside `output` (removing a stale one). Refuses when
    /// `output` is a file or a symlink.
    pub fn begin(output: &Path) -> Result<Self, WriteError> {
        let output = absolute_lexical(output)?;
        let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else {
            return Err(WriteError::InvalidOutput { path: output });
        };
        let exists = match fs::symlink_metadata(&output) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(WriteError::OutputIsSymlink { path: output });
            }
            Ok(meta) if !meta.is_dir() => return Err(WriteError::OutputNotDir { path: output }),
            Ok(_) => true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(source) => {
                return Err(WriteError::Resolve {
                    path: output,
                    source,
                });
            }
        };
        fs::create_dir_all(parent).map_err(|source| WriteError::CreateDir {
            path: parent.to_path_buf(),
            source,
        })?;
        let staging = sibling(parent, name, "staging");
        let old = sibling(parent, name, "old");
        remove_path(&staging).map_err(|source| WriteError::RemoveStale {
            path: staging.clone(),
            source,
        })?;
        fs::create_dir(&staging).map_err(|source| WriteError::CreateDir {
            path: staging.clone(),
            source,
        })?;
        Ok(StagedOutput {
            output,
            staging,
            old,
            exists,
            paths: Mutex::default(),
            dirs: Mutex::default(),
            bytes: AtomicUsize::new(0),
            finished: false,
        })
    }

    /// Writes one file into the staging folder. A path that is not clean, or one written
    /// twice, is refused.
    pub fn write(&self, path: String, bytes: &[u8]) -> Result<(), WriteError> {
        if !is_valid_path(&path) {
            return Err(PlanError::InvalidPath { path }.into());
        }
        if let Some((dir, _)) = path.rsplit_once('/') {
            self.create_dir(dir)?;
        }
        let file = join_rel(&self.staging, &path);
        if !self.lock_paths().insert(path.clone()) {
            return Err(PlanError::Duplicate { path }.into());
        }
        if !(self.exists && self.link_unchanged(&path, bytes, &file)) {
            fs::write(&file, bytes)
                .map_err(|source| WriteError::WriteFile { path: file, source })?;
        }
        self.bytes.fetch_add(bytes.len(), Ordering::Relaxed);
        Ok(())
    }

    /// Hard-links the previous output's file into the staging folder when its bytes are the
    /// same: a rebuild then allocates no new file (on ext4, allocating inodes right after
    /// the previous build freed as many is what makes a rebuild slow), and the previous
    /// output, removed after the swap, frees none. Only ever a new name for a file hyoka
    /// wrote; files are never changed in place, so the two names cannot diverge.
    fn link_unchanged(&self, path: &str, bytes: &[u8], file: &Path) -> bool {
        let previous = join_rel(&self.output, path);
        let same = fs::symlink_metadata(&previous)
            .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && fs::read(&previous).is_ok_and(|old| old == bytes);
        same && fs::hard_link(&previous, file).is_ok()
    }

    /// Creates a folder of the staging tree once, however many files go into it.
    fn create_dir(&self, dir: &str) -> Result<(), WriteError> {
        if self
            .dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(dir)
        {
            return Ok(());
        }
        let path = join_rel(&self.staging, dir);
        fs::create_dir_all(&path).map_err(|source| WriteError::CreateDir { path, source })?;
        self.dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_string());
        Ok(())
    }

    fn lock_paths(&self) -> std::sync::MutexGuard<'_, BTreeSet<String>> {
        self.paths.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Swaps the staging folder into place: the previous output is renamed aside, the
    /// staging folder renamed to the output, the previous output removed. On a failure
    /// before the swap the previous output stays exactly as it was.
    pub fn finish(mut self) -> Result<WriteStats, WriteError> {
        let paths = std::mem::take(&mut *self.lock_paths());
        check_path_conflicts(&paths).map_err(|source| WriteError::InvalidPlan {
            path: self.output.clone(),
            source,
        })?;
        remove_path(&self.old).map_err(|source| WriteError::RemoveStale {
            path: self.old.clone(),
            source,
        })?;
        let (output, staging, old) = (self.output.clone(), self.staging.clone(), self.old.clone());
        if self.exists
            && let Err(source) = fs::rename(&output, &old)
        {
            return Err(WriteError::Rename {
                path: output,
                to: old,
                source,
            });
        }
        if let Err(source) = fs::rename(&staging, &output) {
            if self.exists {
                // Put the previous output back where it was.
                let _ = fs::rename(&old, &output);
            }
            return Err(WriteError::Rename {
                path: staging,
                to: output,
                source,
            });
        }
        self.finished = true;
        if self.exists {
            remove_path(&old).map_err(|source| WriteError::RemoveOld { path: old, source })?;
        }
        Ok(WriteStats {
            files: paths.len(),
            bytes: self.bytes.load(Ordering::Relaxed),
        })
    }
}

impl Emit for StagedOutput {
    fn emit(&self, path: String, bytes: Vec<u8>) -> Result<(), WriteError> {
        self.write(path, &bytes)
    }
}

impl Drop for StagedOutput {
    /// A build that stopped before [`StagedOutput::finish`] leaves no staging folder.
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove_path(&self.staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(out: &Path, files: &[(&str, &str)]) -> WriteStats {
        let staged = StagedOutput::begin(out).unwrap();
        for (path, text) in files {
            staged.write(path.to_string(), text.as_bytes()).unwrap();
        }
        staged.finish().unwrap()
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_keeps_the_inode_of_an_unchanged_file_and_writes_a_changed_one() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("a/index.html", "same"), ("b.csv", "old")]);
        let inode = |p: &str| fs::metadata(out.join(p)).unwrap().ino();
        let (a, b) = (inode("a/index.html"), inode("b.csv"));
        let stats = build(&out, &[("a/index.html", "same"), ("b.csv", "new!")]);
        assert_eq!(stats, WriteStats { files: 2, bytes: 8 });
        assert_eq!(inode("a/index.html"), a, "unchanged: linked, not written");
        assert_ne!(inode("b.csv"), b);
        assert_eq!(fs::read_to_string(out.join("b.csv")).unwrap(), "new!");
        assert_eq!(fs::metadata(out.join("a/index.html")).unwrap().nlink(), 1);
    }

    #[test]
    fn a_build_that_stops_early_leaves_the_previous_output_and_no_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("index.html", "v1")]);
        let staged = StagedOutput::begin(&out).unwrap();
        staged.write("index.html".into(), b"v2").unwrap();
        assert!(matches!(
            staged.write("index.html".into(), b"v3"),
            Err(WriteError::Plan(PlanError::Duplicate { .. }))
        ));
        assert!(matches!(
            staged.write("../x".into(), b"x"),
            Err(WriteError::Plan(PlanError::InvalidPath { .. }))
        ));
        drop(staged);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v1");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["public"]);
    }
}
