//! Where a build puts its files, one at a time and from any thread: the [`Emit`] trait, and
//! its two collectors in memory — [`PlanCollector`] (an [`OutputPlan`]) and [`PathCollector`]
//! (only the paths, for `check`). The folder being written, [`StagedOutput`], is the third.
//!
//! A file comes whole ([`Emit::emit`]) or piece by piece ([`Emit::stream`]): the few
//! largest files of a big site (the home page, the all-goals data) are written as they are
//! made instead of being held in memory.
//!
//! [`StagedOutput`]: super::StagedOutput

use std::collections::BTreeSet;
use std::io;
use std::sync::Mutex;

use super::error::WriteError;
use super::plan::{OutputPlan, PlanError, check_path_conflicts, is_valid_path};

/// Takes a build's output files.
pub(crate) trait Emit: Sync {
    /// Takes one output file (site-relative '/' path and its bytes).
    fn emit(&self, path: String, bytes: Vec<u8>) -> Result<(), WriteError>;

    /// Opens one output file to be written piece by piece; it counts once
    /// [`FileWriter::finish`] succeeds. A file given up (dropped unfinished) is part of a
    /// failed build. By default the pieces are gathered and handed to [`Emit::emit`].
    fn stream(&self, path: String) -> Result<Box<dyn FileWriter + '_>, WriteError> {
        Ok(Box::new(Gathered {
            out: self,
            path,
            bytes: Vec::new(),
        }))
    }
}

/// One output file being written by [`Emit::stream`].
pub(crate) trait FileWriter: io::Write {
    /// Ends the file. A write that failed on the way is reported here as the output's
    /// failure (with the file's path), whatever the producer made of it.
    fn finish(self: Box<Self>) -> Result<(), WriteError>;
}

/// The default [`FileWriter`]: the file's bytes in memory until it is finished.
struct Gathered<'a, E: ?Sized> {
    out: &'a E,
    path: String,
    bytes: Vec<u8>,
}

impl<E: ?Sized> io::Write for Gathered<'_, E> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<E: Emit + ?Sized> FileWriter for Gathered<'_, E> {
    fn finish(self: Box<Self>) -> Result<(), WriteError> {
        self.out.emit(self.path, self.bytes)
    }
}

/// Collects emitted files into an [`OutputPlan`].
#[derive(Debug, Default)]
pub(crate) struct PlanCollector(Mutex<OutputPlan>);

impl PlanCollector {
    /// The collected plan.
    pub(crate) fn into_plan(self) -> OutputPlan {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Emit for PlanCollector {
    fn emit(&self, path: String, bytes: Vec<u8>) -> Result<(), WriteError> {
        let mut plan = self.0.lock().unwrap_or_else(|e| e.into_inner());
        Ok(plan.add(path, bytes)?)
    }
}

/// Takes emitted files like a build would (refusing unclean paths, duplicates and a file
/// that is also a folder) but keeps only their paths: `check` renders everything and
/// writes nothing.
#[derive(Debug, Default)]
pub(crate) struct PathCollector(Mutex<BTreeSet<String>>);

impl PathCollector {
    /// Checks the collected paths for a file that is also needed as a folder; returns how
    /// many files there were.
    pub(crate) fn finish(self) -> Result<usize, PlanError> {
        let paths = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        check_path_conflicts(&paths)?;
        Ok(paths.len())
    }

    fn claim(&self, path: String) -> Result<(), WriteError> {
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

impl Emit for PathCollector {
    fn emit(&self, path: String, _bytes: Vec<u8>) -> Result<(), WriteError> {
        self.claim(path)
    }

    /// The path is taken at once; what is written goes nowhere.
    fn stream(&self, path: String) -> Result<Box<dyn FileWriter + '_>, WriteError> {
        self.claim(path)?;
        Ok(Box::new(io::sink()))
    }
}

impl FileWriter for io::Sink {
    fn finish(self: Box<Self>) -> Result<(), WriteError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_streamed_file_reaches_the_plan_only_when_finished() {
        let plan = PlanCollector::default();
        let mut file = plan.stream("data/big.json".into()).unwrap();
        file.write_all(b"[1,").unwrap();
        file.write_all(b"2]").unwrap();
        let mut given_up = plan.stream("index.html".into()).unwrap();
        given_up.write_all(b"<p>").unwrap();
        drop(given_up);
        file.finish().unwrap();
        let plan = plan.into_plan();
        let files: Vec<(&str, &[u8])> = plan.iter().collect();
        assert_eq!(files, [("data/big.json", b"[1,2]".as_slice())]);
    }

    #[test]
    fn the_path_collector_refuses_streamed_and_whole_files_alike() {
        let paths = PathCollector::default();
        paths.emit("a/index.html".into(), b"x".to_vec()).unwrap();
        assert!(matches!(
            paths.stream("a/index.html".into()).err(),
            Some(WriteError::Plan(PlanError::Duplicate { .. }))
        ));
        assert!(matches!(
            paths.stream("../x".into()).err(),
            Some(WriteError::Plan(PlanError::InvalidPath { .. }))
        ));
        let mut file = paths.stream("a".into()).unwrap();
        file.write_all(b"nothing kept").unwrap();
        file.finish().unwrap();
        assert!(matches!(
            paths.finish(),
            Err(PlanError::FileDirConflict { .. })
        ));
    }
}
