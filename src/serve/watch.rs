//! File watching: notify's debounced watcher on what a build reads — config.toml, content/,
//! templates/, static/ and themes/ — and nothing else (public/ and editors' temporary files
//! are ignored, so a build never triggers itself). Changes arrive in batches of paths.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::error::Error;

/// Folders of a site whose files a build reads.
const WATCHED_DIRS: &[&str] = &["content", "templates", "static", "themes"];
/// The one file at the site's top a build reads.
const CONFIG: &str = "config.toml";
/// Quiet time before a burst of events (an editor's save: write, or write and rename, all
/// within microseconds) is handed on; part of every edit's wait, so short.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// The running watcher; dropping it stops watching.
pub(crate) struct SiteWatcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    /// Input folders watched recursively so far.
    watched: Vec<PathBuf>,
}

impl SiteWatcher {
    /// Starts watching the site at `root`; each batch of relevant changed paths is sent to
    /// `changes`.
    pub(super) fn start(root: &Path, changes: mpsc::Sender<Vec<PathBuf>>) -> Result<Self, Error> {
        let root = std::path::absolute(root).map_err(|source| Error::Io {
            path: root.to_path_buf(),
            source,
        })?;
        let filter_root = root.clone();
        let handler = move |result: DebounceEventResult| {
            let Ok(events) = result else { return };
            let paths: Vec<PathBuf> = events
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                .flat_map(|e| e.paths.iter())
                .filter(|p| is_site_input(&filter_root, p))
                .cloned()
                .collect();
            if !paths.is_empty() {
                let _ = changes.send(paths);
            }
        };
        let debouncer = new_debouncer(DEBOUNCE, None, handler).map_err(|source| Error::Watch {
            path: root.clone(),
            source,
        })?;
        let mut watcher = SiteWatcher {
            root,
            debouncer,
            watched: Vec::new(),
        };
        watcher.watch(&watcher.root.clone(), RecursiveMode::NonRecursive)?;
        watcher.watch_new_folders();
        Ok(watcher)
    }

    /// Watches the input folders that exist (again after one was created).
    pub(super) fn watch_new_folders(&mut self) {
        self.watched.retain(|p| p.is_dir());
        for dir in WATCHED_DIRS {
            let path = self.root.join(dir);
            // A folder that vanishes between the check and the call is watched next time.
            if path.is_dir()
                && !self.watched.contains(&path)
                && self.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.push(path);
            }
        }
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> Result<(), Error> {
        self.debouncer
            .watch(path, mode)
            .map_err(|source| Error::Watch {
                path: path.to_path_buf(),
                source,
            })
    }
}

/// Whether a changed path is something a build reads: config.toml, or a file in one of the
/// input folders that is not hidden or an editor's backup (`.x.md.swp`, `x.md~`).
pub(crate) fn is_site_input(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    if first == CONFIG {
        return parts.next().is_none();
    }
    if !WATCHED_DIRS.contains(&first.as_ref()) {
        return false;
    }
    rel.components().all(|c| {
        let name = c.as_os_str().to_string_lossy();
        !name.starts_with('.') && !name.ends_with('~')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_a_build_reads_triggers_a_rebuild() {
        let root = Path::new("/site");
        let yes = [
            "/site/config.toml",
            "/site/content/somu/a.md",
            "/site/content/somu",
            "/site/templates/goal.html",
            "/site/static/logo.png",
            "/site/themes/mine/static/css/x.css",
        ];
        let no = [
            "/site/public/index.html",
            "/site/content/somu/.a.md.swp",
            "/site/content/somu/a.md~",
            "/site/.git/index",
            "/site/README.md",
            "/site/config.toml/x",
            "/site",
            "/elsewhere/content/a.md",
        ];
        for p in yes {
            assert!(is_site_input(root, Path::new(p)), "{p}");
        }
        for p in no {
            assert!(!is_site_input(root, Path::new(p)), "{p}");
        }
    }
}
