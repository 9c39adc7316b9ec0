//! The state `hyoka serve` shares between the rebuild thread and the HTTP handlers: the
//! [`Rebuilder`] (its last good plan), what is wrong with the latest build, and a version
//! number that changes whenever what the browser shows should change (live reload).
//!
//! The rebuild thread takes the write lock for one rebuild; handlers take the read lock
//! for one lookup, so a request during a rebuild waits and then sees the new site.

use std::path::PathBuf;
use std::time::Duration;

use tokio::sync::{RwLock, watch};

use crate::diag::{Diagnostic, Severity};
use crate::pipeline::Rebuilder;

/// Why the latest build could not be served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Content errors, sorted (file, line, column).
    Content(Vec<Diagnostic>),
    /// A fatal error (a broken template, an unreadable file): its message.
    Fatal(String),
}

/// The site as the server sees it.
pub(crate) struct SiteState {
    /// Holds the last good plan.
    pub rebuilder: Rebuilder,
    /// Set while the latest build failed; every HTML request then shows it.
    pub failure: Option<Failure>,
    /// Changes when pages or the failure change.
    pub version: u64,
}

/// Shared by every thread and handler.
pub(crate) struct Shared {
    /// The site.
    pub site: RwLock<SiteState>,
    /// The latest version, for the live-reload streams.
    pub versions: watch::Sender<u64>,
}

/// What one rebuild did, for the console.
#[derive(Debug)]
pub(crate) struct Rebuilt {
    /// Output files that changed.
    pub changed: usize,
    /// The failure, if the build failed.
    pub failure: Option<Failure>,
    /// This was the first build of the session.
    pub first: bool,
    /// The build before this one had failed and this one did not.
    pub recovered: bool,
    /// Warnings of this build.
    pub warnings: Vec<Diagnostic>,
    /// Time spent.
    pub elapsed: Duration,
}

impl Shared {
    /// State around a rebuilder that has not built yet (version 0).
    pub fn new(rebuilder: Rebuilder) -> Self {
        let (versions, _) = watch::channel(0);
        Shared {
            site: RwLock::new(SiteState {
                rebuilder,
                failure: None,
                version: 0,
            }),
            versions,
        }
    }

    /// Rebuilds after `changed` files changed (empty: everything) and tells open tabs to
    /// reload when what they show changed. Blocks; call it from a plain thread.
    pub fn rebuild(&self, changed: &[PathBuf]) -> Rebuilt {
        let mut site = self.site.blocking_write();
        let started = std::time::Instant::now();
        let result = site.rebuilder.rebuild(changed);
        let elapsed = started.elapsed();
        let diags: Vec<Diagnostic> = site.rebuilder.diagnostics().clone().sorted();
        let (changed_outputs, failure) = match result {
            Ok(report) if report.failed => (0, Some(content_failure(&diags))),
            Ok(report) => (report.changed_outputs.len(), None),
            Err(e) => (0, Some(Failure::Fatal(e.to_string()))),
        };
        let first = site.version == 0;
        if changed_outputs > 0 || failure != site.failure || first {
            site.version += 1;
            self.versions.send_replace(site.version);
        }
        let recovered = site.failure.is_some() && failure.is_none();
        site.failure = failure.clone();
        Rebuilt {
            first,
            recovered,
            changed: changed_outputs,
            failure,
            warnings: diags
                .into_iter()
                .filter(|d| d.severity == Severity::Warning)
                .collect(),
            elapsed,
        }
    }
}

/// The errors of a failed build (config.toml missing its content folder has only these).
fn content_failure(diags: &[Diagnostic]) -> Failure {
    Failure::Content(
        diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::BuildOptions;

    const GOAL: &str = "---\ntitle: 目標\nindicator:\n  name: 指標\n  unit: \"%\"\n  direction: up\n  baseline: { year: 令和5年度, value: 1 }\n  actual:\n    令和6年度: 2\n  targets:\n    令和7年度: 3\n---\n";

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "config.toml",
            "title = \"t\"\nbase_url = \"https://example.jp/hyoka/\"\nmunicipality = \"m\"\n",
        );
        write("content/somu/_index.md", "---\ntitle: 総務課\n---\n");
        write("content/somu/a.md", GOAL);
        dir
    }

    #[test]
    fn the_version_moves_only_when_what_the_browser_shows_changes() {
        let dir = site();
        let goal = dir.path().join("content/somu/a.md");
        let shared = Shared::new(Rebuilder::unbuilt(BuildOptions {
            root: dir.path().to_path_buf(),
            ..BuildOptions::default()
        }));
        let first = shared.rebuild(&[]);
        assert!(first.first && first.failure.is_none() && first.changed > 0);
        assert_eq!(*shared.versions.borrow(), 1);

        let same = shared.rebuild(std::slice::from_ref(&goal));
        assert_eq!(
            (same.changed, *shared.versions.borrow()),
            (0, 1),
            "nothing changed"
        );

        std::fs::write(&goal, GOAL.replace("title: 目標", "title: [")).unwrap();
        let broken = shared.rebuild(std::slice::from_ref(&goal));
        assert!(matches!(broken.failure, Some(Failure::Content(ref e)) if !e.is_empty()));
        assert_eq!(*shared.versions.borrow(), 2);
        let again = shared.rebuild(std::slice::from_ref(&goal));
        assert_eq!(*shared.versions.borrow(), 2, "the same errors: no reload");
        assert!(again.failure.is_some() && !again.recovered);

        std::fs::write(&goal, GOAL).unwrap();
        let fixed = shared.rebuild(std::slice::from_ref(&goal));
        assert!(fixed.recovered && fixed.failure.is_none());
        assert_eq!(*shared.versions.borrow(), 3);
        assert!(shared.site.blocking_read().failure.is_none());
    }
}
