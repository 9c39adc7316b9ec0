//! A site kept in memory between edits, for `hyoka serve`: the first build plans everything;
//! each later [`Rebuilder::rebuild`] is told which files changed and brings the in-memory
//! [`OutputPlan`] up to date. The result must always equal a full build of the same files
//! (byte for byte); how much work an edit costs is this module's business alone.
//!
//! A build with content errors keeps the last good plan (the server keeps serving it) and
//! reports the errors through [`Rebuilder::diagnostics`].

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::diag::Diagnostics;
use crate::error::Error;
use crate::output::OutputPlan;

use super::{BuildOptions, load_site, plan_site};

/// The in-memory site of a `serve` session.
#[derive(Debug)]
pub struct Rebuilder {
    options: BuildOptions,
    plan: Option<OutputPlan>,
    diagnostics: Diagnostics,
    generation: u64,
    base_path: Option<String>,
}

/// What one rebuild did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RebuildReport {
    /// Output paths (`somu/jichikai/index.html`) added, changed or removed, sorted.
    pub changed_outputs: Vec<String>,
    /// Whether this build has content errors (the previous plan was kept).
    pub failed: bool,
    /// Increases by one with every rebuild that produced a new plan.
    pub generation: u64,
    /// Time spent in this rebuild.
    pub elapsed: Duration,
}

impl Rebuilder {
    /// Builds the whole site once. Content errors do not fail this call: they are kept in
    /// [`Rebuilder::diagnostics`] and [`Rebuilder::plan`] is `None` until a build succeeds.
    pub fn new(options: BuildOptions) -> Result<Self, Error> {
        let mut rebuilder = Rebuilder::unbuilt(options);
        rebuilder.rebuild(&[])?;
        Ok(rebuilder)
    }

    /// A rebuilder that has built nothing yet (no plan): the caller's first
    /// [`Rebuilder::rebuild`] builds everything, so `serve` can show a fatal error of the
    /// first build (a broken template) in the browser like any later one.
    pub fn unbuilt(options: BuildOptions) -> Self {
        Rebuilder {
            options,
            plan: None,
            diagnostics: Diagnostics::new(),
            generation: 0,
            base_path: None,
        }
    }

    /// Brings the plan up to date after `changed` files (absolute or site-relative paths;
    /// empty = unknown, rebuild everything) were written, created or deleted.
    pub fn rebuild(&mut self, _changed: &[PathBuf]) -> Result<RebuildReport, Error> {
        let started = Instant::now();
        let (site, diags) = load_site(&self.options)?;
        let failed = diags.has_errors() || site.is_none();
        self.diagnostics = diags;
        let mut report = RebuildReport {
            failed,
            generation: self.generation,
            ..RebuildReport::default()
        };
        if let Some(site) = site.filter(|_| !failed) {
            let plan = plan_site(&site, &self.options.root)?;
            self.base_path = Some(site.config.base_path.clone());
            report.changed_outputs = changed_outputs(self.plan.as_ref(), &plan);
            self.plan = Some(plan);
            self.generation += 1;
            report.generation = self.generation;
        }
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// The last good plan (`None` until a build without errors).
    pub fn plan(&self) -> Option<&OutputPlan> {
        self.plan.as_ref()
    }

    /// Errors and warnings of the last rebuild.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// The path the site lives under on its server (`/hyoka/`, or `/`), from base_url of
    /// the last good build (`None` before one).
    pub fn base_path(&self) -> Option<&str> {
        self.base_path.as_deref()
    }

    /// The options every rebuild uses.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }
}

/// Output paths whose bytes differ between two plans (added, changed or removed), sorted.
fn changed_outputs(old: Option<&OutputPlan>, new: &OutputPlan) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(path, bytes)| old.and_then(|o| o.get(path)) != Some(*bytes))
        .map(|(path, _)| path.to_string())
        .collect();
    if let Some(old) = old {
        changed.extend(
            old.paths()
                .filter(|p| new.get(p).is_none())
                .map(str::to_string),
        );
    }
    changed.sort();
    changed.dedup();
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn site_copy() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(root.join("config.toml"), dir.path().join("config.toml")).unwrap();
        for entry in walkdir::WalkDir::new(root.join("content")) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(root).unwrap();
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(dir.path().join(rel)).unwrap();
            } else {
                std::fs::copy(entry.path(), dir.path().join(rel)).unwrap();
            }
        }
        dir
    }

    #[test]
    fn an_edit_changes_the_plan_like_a_full_build_and_errors_keep_the_last_plan() {
        let dir = site_copy();
        let options = BuildOptions {
            root: dir.path().to_path_buf(),
            ..BuildOptions::default()
        };
        let mut rebuilder = Rebuilder::new(options.clone()).unwrap();
        assert!(rebuilder.plan().is_some());
        let goal = dir.path().join("content/somu/madoguchi.md");
        let text = std::fs::read_to_string(&goal).unwrap();
        std::fs::write(&goal, text.replace("窓口", "受付窓口")).unwrap();
        let report = rebuilder.rebuild(std::slice::from_ref(&goal)).unwrap();
        assert!(!report.failed);
        assert!(
            report
                .changed_outputs
                .contains(&"somu/madoguchi/index.html".to_string())
        );
        let (site, _) = load_site(&options).unwrap();
        let full = plan_site(&site.unwrap(), dir.path()).unwrap();
        assert_eq!(
            changed_outputs(rebuilder.plan(), &full),
            Vec::<String>::new()
        );

        std::fs::write(&goal, "---\ntitle: [\n---\n").unwrap();
        let report = rebuilder.rebuild(std::slice::from_ref(&goal)).unwrap();
        assert!(report.failed);
        assert!(rebuilder.diagnostics().has_errors());
        assert!(rebuilder.plan().is_some(), "the last good plan stays");
    }
}
