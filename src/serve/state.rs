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
    /// The latest version and what changed with it, for the live-reload streams.
    pub versions: watch::Sender<Notice>,
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
    /// This step only brought the site-wide pages up to date.
    pub site_wide: bool,
    /// The build before this one had failed and this one did not.
    pub recovered: bool,
    /// Warnings of this build.
    pub warnings: Vec<Diagnostic>,
    /// Time spent.
    pub elapsed: Duration,
}

/// What open tabs are told after a rebuild (the live-reload event).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Notice {
    /// The site's version now.
    pub v: u64,
    /// The HTML files that changed since the version before (`null`: anything may have
    /// changed, every tab reloads).
    pub pages: Option<Vec<String>>,
}

/// A changed-page list longer than this is sent as "anything changed".
const MAX_LISTED_PAGES: usize = 200;

/// Which step of a rebuild.
#[derive(Clone, Copy)]
enum Step<'a> {
    /// Everything, now.
    All(&'a [PathBuf]),
    /// The edited pages first ([`Rebuilder::rebuild_page_first`]).
    PageFirst(&'a [PathBuf]),
    /// The site-wide pages left pending ([`Rebuilder::catch_up`]).
    CatchUp,
}

impl Shared {
    /// State around a rebuilder that has not built yet (version 0).
    pub(super) fn new(rebuilder: Rebuilder) -> Self {
        let (versions, _) = watch::channel(Notice { v: 0, pages: None });
        Shared {
            site: RwLock::new(SiteState {
                rebuilder,
                failure: None,
                version: 0,
            }),
            versions,
        }
    }

    /// Rebuilds everything `changed` files affect (empty: everything) and tells open tabs.
    /// Blocks; call it from a plain thread.
    pub(super) fn rebuild(&self, changed: &[PathBuf]) -> Rebuilt {
        self.step(Step::All(changed))
    }

    /// Rebuilds the pages `changed` files are shown on and tells their tabs; the site-wide
    /// pages may wait for [`Shared::catch_up`] ([`Shared::is_pending`]).
    pub(super) fn rebuild_page_first(&self, changed: &[PathBuf]) -> Rebuilt {
        self.step(Step::PageFirst(changed))
    }

    /// Renders the site-wide pages a page-first rebuild left pending.
    pub(super) fn catch_up(&self) -> Rebuilt {
        self.step(Step::CatchUp)
    }

    /// Whether site-wide pages wait for [`Shared::catch_up`].
    pub(super) fn is_pending(&self) -> bool {
        self.site.blocking_read().rebuilder.is_pending()
    }

    fn step(&self, step: Step) -> Rebuilt {
        let mut site = self.site.blocking_write();
        let started = std::time::Instant::now();
        let result = match step {
            Step::All(changed) => site.rebuilder.rebuild(changed),
            Step::PageFirst(changed) => site.rebuilder.rebuild_page_first(changed),
            Step::CatchUp => site.rebuilder.catch_up(),
        };
        let elapsed = started.elapsed();
        let diags: Vec<Diagnostic> = site.rebuilder.diagnostics().clone().sorted();
        let (changed_outputs, failure) = match result {
            Ok(report) if report.failed => (Vec::new(), Some(content_failure(&diags))),
            Ok(report) => (report.changed_outputs, None),
            Err(e) => (Vec::new(), Some(Failure::Fatal(e.to_string()))),
        };
        let first = site.version == 0;
        let failure_changed = failure != site.failure;
        if !changed_outputs.is_empty() || failure_changed || first {
            site.version += 1;
            let pages: Vec<String> = changed_outputs
                .iter()
                .filter(|p| p.ends_with(".html"))
                .cloned()
                .collect();
            let listed = !failure_changed && !first && pages.len() <= MAX_LISTED_PAGES;
            self.versions.send_replace(Notice {
                v: site.version,
                pages: listed.then_some(pages),
            });
        }
        let recovered = site.failure.is_some() && failure.is_none();
        site.failure = failure.clone();
        Rebuilt {
            first,
            recovered,
            site_wide: matches!(step, Step::CatchUp),
            changed: changed_outputs.len(),
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
    use crate::load::BuildOptions;

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
        assert_eq!(shared.versions.borrow().v, 1);

        let same = shared.rebuild(std::slice::from_ref(&goal));
        assert_eq!(
            (same.changed, shared.versions.borrow().v),
            (0, 1),
            "nothing changed"
        );

        std::fs::write(&goal, GOAL.replace("title: 目標", "title: [")).unwrap();
        let broken = shared.rebuild(std::slice::from_ref(&goal));
        assert!(matches!(broken.failure, Some(Failure::Content(ref e)) if !e.is_empty()));
        assert_eq!(shared.versions.borrow().v, 2);
        let again = shared.rebuild(std::slice::from_ref(&goal));
        assert_eq!(shared.versions.borrow().v, 2, "the same errors: no reload");
        assert!(again.failure.is_some() && !again.recovered);

        std::fs::write(&goal, GOAL).unwrap();
        let fixed = shared.rebuild(std::slice::from_ref(&goal));
        assert!(fixed.recovered && fixed.failure.is_none());
        assert_eq!(shared.versions.borrow().v, 3);
        assert!(shared.site.blocking_read().failure.is_none());
    }
}
