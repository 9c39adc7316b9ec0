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
