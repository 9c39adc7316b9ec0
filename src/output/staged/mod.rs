//! The staged write: files go into a staging folder beside the output as they are produced
//! (from any thread), and [`StagedOutput::finish`] swaps that folder into place in one
//! rename, so a failed build leaves the previous output untouched and a build never holds
//! its whole output in memory. Bytes and paths only.
//!
//! The staging folder is the output of the build before last, kept beside the output as
//! `.<name>.hyoka-spare` (see [`files::SPARE_SUFFIX`]): a rebuild only rewrites the files that
//! differ from it and removes the ones no longer made, then the two folders trade places
//! (`renameat2(RENAME_EXCHANGE)` on Linux). A rebuild of an unchanged site then creates and
//! deletes nothing, where a fresh staging folder would create a folder and a file name for
//! every page and delete as many with the previous output. The two folders share the files
//! that did not change (hard links), so the spare costs little disk space; a file is never
//! changed in place, only replaced by a new one, so writing the spare can never change the
//! output. When another build holds the spare (or it cannot be used), a fresh
//! `.<name>.staging-<pid>` folder is used and removed as before. A build that fails removes
//! what it had written (the spare too: the next build makes a new one), so a failure, a full
//! disk above all, leaves nothing behind that takes space or stands in the next build's way.
//!
//! Files that someone put into the output are kept ([`foreign`]).

mod files;
mod foreign;

use std::collections::{BTreeSet, HashSet};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

#[cfg(test)]
use rayon::prelude::*;

use super::emit::{Emit, FileWriter};
use super::error::WriteError;
#[cfg(test)]
use super::plan::OutputPlan;
use super::plan::{PlanError, check_path_conflicts, is_valid_path};
use super::target::absolute_lexical;
use files::{
    Keep, create_new, exchange, exchange_unsupported, join_rel, prune, remove_path,
    same_file_contents, sibling, spare_path, take_spare, write_new,
};
use foreign::{Foreign, Written, read_record, record_path, write_record};

/// What a staged write wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct WriteStats {
    /// Number of files written.
    pub files: usize,
    /// Total number of bytes written.
    pub bytes: usize,
    /// Files that were in the output but not written by hyoka, kept as they were (relative
    /// to the output, sorted).
    pub kept: Vec<String>,
}

/// An output folder being written: files land in the staging folder until [`finish`].
///
/// [`finish`]: StagedOutput::finish
#[derive(Debug)]
pub(crate) struct StagedOutput {
    output: PathBuf,
    staging: PathBuf,
    /// The staging folder is the kept spare (locked while this build uses it), not a fresh
    /// folder of this process.
    spare: Option<File>,
    /// The staging folder held nothing when this build took it (a fresh folder, or a spare
    /// made or emptied before): there is nothing in it to compare a file with, to replace
    /// or to prune.
    empty: bool,
    old: PathBuf,
    exists: bool,
    paths: Mutex<BTreeSet<String>>,
    dirs: Mutex<HashSet<String>>,
    /// Held while a name in the spare is replaced by a folder.
    replacing: Mutex<()>,
    bytes: AtomicUsize,
    finished: bool,
}

impl StagedOutput {
    /// Takes the spare folder beside `output` as the staging folder (or, when it is busy
    /// or not a folder, creates a fresh one, removing a stale one of this process). Refuses
    /// when `output` is a file or a symlink.
    pub(crate) fn begin(output: &Path) -> Result<Self, WriteError> {
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
        fs::create_dir_all(parent)
            .map_err(|source| WriteError::create_dir(parent.to_path_buf(), source))?;
        let old = sibling(parent, name, "old");
        // A fresh staging folder of this process id is a dead build's leftover.
        let staging = sibling(parent, name, "staging");
        remove_path(&staging).map_err(|source| WriteError::RemoveStale {
            path: staging.clone(),
            source,
        })?;
        let spare_path = spare_path(&output).expect("output has a parent and a name");
        let (staging, spare) = match take_spare(&spare_path) {
            Some(lock) => (spare_path, Some(lock)),
            None => {
                fs::create_dir(&staging)
                    .map_err(|source| WriteError::create_dir(staging.clone(), source))?;
                (staging, None)
            }
        };
        // Read while the spare is locked: no other build can add to it now.
        let empty = fs::read_dir(&staging).is_ok_and(|mut entries| entries.next().is_none());
        Ok(StagedOutput {
            output,
            staging,
            spare,
            empty,
            old,
            exists,
            paths: Mutex::default(),
            dirs: Mutex::default(),
            replacing: Mutex::default(),
            bytes: AtomicUsize::new(0),
            finished: false,
        })
    }

    /// The staging file of `path`, its folder made: a path that is not clean, or one
    /// written twice, is refused.
    fn claim(&self, path: String) -> Result<PathBuf, WriteError> {
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
        Ok(file)
    }

    /// Writes one file into the staging folder. A path that is not clean, or one written
    /// twice, is refused.
    pub(crate) fn write(&self, path: String, bytes: &[u8]) -> Result<(), WriteError> {
        let file = self.claim(path.clone())?;
        self.bytes.fetch_add(bytes.len(), Ordering::Relaxed);
        if self.spare.is_some() && !self.empty {
            if same_file_contents(&file, bytes) {
                return Ok(());
            }
            // Whatever is there goes (a file possibly shared with the output is unlinked,
            // never written to).
            remove_path(&file).map_err(|source| WriteError::write_file(file.clone(), source))?;
        }
        if !(self.exists && self.link_unchanged(&path, bytes, &file)) {
            write_new(&file, bytes).map_err(|source| WriteError::write_file(file, source))?;
        }
        Ok(())
    }

    /// Hard-links the previous output's file into the staging folder when its bytes are the
    /// same: a rebuild then allocates no new file (on ext4, allocating inodes right after
    /// the previous build freed as many is what makes a rebuild slow). Only ever a new name
    /// for a file hyoka wrote; files are never changed in place, so the names cannot
    /// diverge.
    fn link_unchanged(&self, path: &str, bytes: &[u8], file: &Path) -> bool {
        let previous = join_rel(&self.output, path);
        same_file_contents(&previous, bytes) && fs::hard_link(&previous, file).is_ok()
    }

    /// Makes `dir` (and its parents) a real folder of the staging tree, once however many
    /// files go into it; threads make different folders at the same time. In the spare,
    /// whatever else holds the name (a file, or a symlink, which is removed and never
    /// followed) is replaced, one thread at a time.
    fn create_dir(&self, dir: &str) -> Result<(), WriteError> {
        if self.lock_dirs().contains(dir) {
            return Ok(());
        }
        let ends = dir.match_indices('/').map(|(i, _)| i).chain([dir.len()]);
        for end in ends {
            let folder = &dir[..end];
            if self.lock_dirs().contains(folder) {
                continue;
            }
            let path = join_rel(&self.staging, folder);
            // A rebuild finds most folders in the spare already; a first build, none.
            let existing = if self.empty {
                match fs::create_dir(&path) {
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                        fs::symlink_metadata(&path)
                    }
                    Err(e) => Err(e),
                    Ok(()) => {
                        self.lock_dirs().insert(folder.to_string());
                        continue;
                    }
                }
            } else {
                fs::symlink_metadata(&path)
            };
            let made = match existing {
                Ok(meta) if meta.is_dir() => Ok(()),
                Ok(_) => self.replace_with_dir(&path),
                Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(&path) {
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                        self.replace_with_dir(&path)
                    }
                    other => other,
                },
                Err(e) => Err(e),
            };
            made.map_err(|source| WriteError::create_dir(path, source))?;
            self.lock_dirs().insert(folder.to_string());
        }
        Ok(())
    }

    /// `path` exists: keeps it if it is a folder, else replaces it with one.
    fn replace_with_dir(&self, path: &Path) -> io::Result<()> {
        let is_dir = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
        if is_dir(path) {
            return Ok(());
        }
        let _one_at_a_time = self.replacing.lock().unwrap_or_else(|e| e.into_inner());
        if is_dir(path) {
            return Ok(());
        }
        remove_path(path)?;
        match fs::create_dir(path) {
            // Another thread made it between the two steps.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && is_dir(path) => Ok(()),
            other => other,
        }
    }

    /// Where the file at `path`, written by this build, is in the staging folder, for a
    /// program that reads it before the swap (`hyoka build --pdf` prints the booklet);
    /// `None` when this build did not write it.
    pub(crate) fn staged_file(&self, path: &str) -> Option<PathBuf> {
        self.lock_paths()
            .contains(path)
            .then(|| join_rel(&self.staging, path))
    }

    fn lock_paths(&self) -> std::sync::MutexGuard<'_, BTreeSet<String>> {
        self.paths.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn lock_dirs(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.dirs.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Swaps the staging folder into place. Files someone put into the output are first
    /// carried into the staging folder (refused when one is in the way of this build's);
    /// the spare loses every other file this build did not make; then the staging folder and
    /// the previous output trade places in one rename (the previous output becomes the
    /// spare), or, where the file system cannot exchange two names, the previous output is
    /// renamed aside, the staging folder renamed to the output and the previous output
    /// removed. On a failure before the swap the previous output stays exactly as it was.
    pub(crate) fn finish(mut self) -> Result<WriteStats, WriteError> {
        let paths = std::mem::take(&mut *self.lock_paths());
        check_path_conflicts(&paths).map_err(|source| WriteError::InvalidPlan {
            path: self.output.clone(),
            source,
        })?;
        remove_path(&self.old).map_err(|source| WriteError::RemoveStale {
            path: self.old.clone(),
            source,
        })?;
        let dirs = std::mem::take(&mut *self.lock_dirs());
        let record = record_path(&self.output).expect("output has a parent and a name");
        let written_before = read_record(&record);
        let foreign = self.carry_foreign(written_before.as_ref(), &paths, &dirs)?;
        if self.spare.is_some() && !self.empty {
            let keep = Keep {
                files: &paths,
                dirs: &dirs,
                foreign: &foreign.1,
            };
            prune(&self.staging, Path::new(""), Some(""), &keep).map_err(|source| {
                WriteError::RemoveStale {
                    path: self.staging.clone(),
                    source,
                }
            })?;
        }
        // Until the swap is done the record holds the files of both outputs, so whichever
        // is in place when a build is stopped, the next one knows its files.
        let record_now = written_before.as_ref().is_none_or(|before| {
            before.len() != paths.len() || !paths.iter().all(|p| before.contains(p))
        });
        if record_now {
            let mut both = paths.clone();
            both.extend(written_before.iter().flatten().cloned());
            write_record(&record, &both)
                .map_err(|source| WriteError::write_file(record.clone(), source))?;
        }
        self.swap()?;
        if record_now && written_before.is_some() {
            // Only this build's files now; if this fails, the record of both is still true.
            let _ = write_record(&record, &paths);
        }
        Ok(WriteStats {
            files: paths.len(),
            bytes: self.bytes.load(Ordering::Relaxed),
            kept: foreign
                .0
                .iter()
                .filter(|f| !f.dir)
                .map(|f| f.path.to_string_lossy().replace('\\', "/"))
                .collect(),
        })
    }

    /// Finds what in the output no build wrote (by the record of what the last build
    /// wrote, `written_before`; without one, whatever this build does not write) and links it
    /// into the staging folder; refuses when any of it is in the way of this build's files.
    /// Returns the entries and the paths pruning must keep.
    fn carry_foreign(
        &self,
        written_before: Option<&HashSet<String>>,
        paths: &BTreeSet<String>,
        dirs: &HashSet<String>,
    ) -> Result<(Vec<Foreign>, HashSet<PathBuf>), WriteError> {
        if !self.exists {
            return Ok(Default::default());
        }
        let this_build: HashSet<String>;
        let written = match written_before {
            Some(before) => Written::new(before),
            None => {
                this_build = paths.iter().cloned().collect();
                Written::new(&this_build)
            }
        };
        let found =
            foreign::find(&self.output, &written).map_err(|source| WriteError::Resolve {
                path: self.output.clone(),
                source,
            })?;
        let in_the_way = foreign::in_the_way(&found, paths, dirs);
        if !in_the_way.is_empty() {
            return Err(WriteError::foreign_in_the_way(
                self.output.clone(),
                in_the_way,
            ));
        }
        let keep = foreign::carry(&self.output, &self.staging, &found)
            .map_err(|source| WriteError::write_file(self.staging.clone(), source))?;
        Ok((found, keep))
    }

    /// Puts the staging folder in the output's place (see [`StagedOutput::finish`]).
    fn swap(&mut self) -> Result<(), WriteError> {
        let (output, staging, old) = (self.output.clone(), self.staging.clone(), self.old.clone());
        if !self.exists {
            fs::rename(&staging, &output).map_err(|source| WriteError::Rename {
                path: staging,
                to: output,
                source,
            })?;
            self.finished = true;
            return Ok(());
        }
        match exchange(&staging, &output) {
            Ok(()) => {
                self.finished = true;
                if self.spare.is_none() {
                    // The previous output is now under the fresh staging folder's name.
                    remove_path(&staging).map_err(|source| WriteError::RemoveOld {
                        path: staging,
                        source,
                    })?;
                }
                return Ok(());
            }
            Err(e) if !exchange_unsupported(&e) => {
                return Err(WriteError::Rename {
                    path: staging,
                    to: output,
                    source: e,
                });
            }
            Err(_) => {}
        }
        fs::rename(&output, &old).map_err(|source| WriteError::Rename {
            path: output.clone(),
            to: old.clone(),
            source,
        })?;
        if let Err(source) = fs::rename(&staging, &output) {
            // Put the previous output back where it was.
            let _ = fs::rename(&old, &output);
            return Err(WriteError::Rename {
                path: staging,
                to: output,
                source,
            });
        }
        self.finished = true;
        remove_path(&old).map_err(|source| WriteError::RemoveOld { path: old, source })
    }
}

impl Emit for StagedOutput {
    fn emit(&self, path: String, bytes: Vec<u8>) -> Result<(), WriteError> {
        self.write(path, &bytes)
    }

    /// Streams the file into a new file of the staging folder (never compared with the
    /// previous one: these are the few largest files).
    fn stream(&self, path: String) -> Result<Box<dyn FileWriter + '_>, WriteError> {
        let file = self.claim(path)?;
        let created = remove_path(&file).and_then(|()| create_new(&file));
        match created {
            Ok(created) => Ok(Box::new(StagedFile {
                staged: self,
                out: Recorded::new(io::BufWriter::with_capacity(1 << 20, created)),
                file,
            })),
            Err(source) => Err(WriteError::write_file(file, source)),
        }
    }
}

/// A file of the staging folder being streamed: its bytes count once it is finished.
struct StagedFile<'a> {
    staged: &'a StagedOutput,
    out: Recorded<io::BufWriter<File>>,
    file: PathBuf,
}

impl io::Write for StagedFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl FileWriter for StagedFile<'_> {
    fn finish(mut self: Box<Self>) -> Result<(), WriteError> {
        let flushed = self.out.inner.flush();
        let failed = self.out.error.take().map_or(flushed, Err);
        failed.map_err(|source| WriteError::write_file(self.file.clone(), source))?;
        self.staged
            .bytes
            .fetch_add(self.out.bytes, Ordering::Relaxed);
        Ok(())
    }
}

/// A writer that counts what goes through and keeps the first error, so a failed write is
/// reported as the output's failure (by [`FileWriter::finish`]), not only as the
/// producer's.
struct Recorded<W> {
    inner: W,
    bytes: usize,
    error: Option<io::Error>,
}

impl<W> Recorded<W> {
    fn new(inner: W) -> Self {
        Recorded {
            inner,
            bytes: 0,
            error: None,
        }
    }
}

impl<W: io::Write> io::Write for Recorded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.inner.write(buf) {
            Ok(n) => {
                self.bytes += n;
                Ok(n)
            }
            Err(e) => {
                let again = io::Error::new(e.kind(), e.to_string());
                self.error.get_or_insert(e);
                Err(again)
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)] // used by unit tests only
/// Writes the plan to `output` atomically-ish.
///
/// Every file is written into the staging folder beside the output (the spare
/// `<parent>/.<name>.hyoka-spare`, or a fresh one: see [`StagedOutput`]), which then
/// takes the output's place in one rename. If anything fails before the swap,
/// `output` is left exactly as it was. Refuses when `output` is a file or a symlink, or
/// when the plan needs a planned file to also be a directory.
pub(crate) fn write_plan(plan: &OutputPlan, output: &Path) -> Result<WriteStats, WriteError> {
    plan.check_conflicts()
        .map_err(|source| WriteError::InvalidPlan {
            path: output.to_path_buf(),
            source,
        })?;
    stage_and_swap(plan, output)
}

#[cfg(test)] // used by unit tests only
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

impl Drop for StagedOutput {
    /// A build that stopped before its swap leaves nothing it wrote: the fresh staging
    /// folder, or the spare it had begun to update, is removed (a spare half full of files
    /// no later build makes would hold a full disk full; the next build makes a new spare).
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove_path(&self.staging);
        }
    }
}

#[cfg(test)]
mod tests;
