//! The one walk of the repository (gix, no `git` process): from HEAD along first parents,
//! each commit's `content/` tree diffed with its parent's (renames tracked by gix, 50 %
//! similarity as git does by default), every goal file's change attributed to the goal it
//! is at HEAD. A merge counts as one commit: what it brought in, compared with its first
//! parent.

use std::collections::HashMap;
use std::path::Path;

use gix::bstr::ByteSlice;
use gix::object::tree::diff::ChangeDetached;

use crate::model::history::Absence;

/// A goal file's change in one commit, as read from the objects.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RawChange {
    /// The commit's full hex id.
    pub commit: String,
    /// Committer time, seconds since the epoch (UTC).
    pub seconds: i64,
    /// The goal's path under `content/` at HEAD (`somu/jichikai.md`).
    pub goal: String,
    /// The path it had before this commit, when the commit renamed it.
    pub renamed_from: Option<String>,
    /// The file's text before the commit (`None`: the commit added it).
    pub old: Option<String>,
    /// The file's text after the commit.
    pub new: String,
}

/// What the walk found.
#[derive(Debug)]
pub(super) struct Walked {
    /// Changes to goals that exist at HEAD, newest commit first (paths in order within one).
    pub changes: Vec<RawChange>,
    /// Commits walked.
    pub commits: usize,
    /// HEAD's id.
    pub head: String,
    /// HEAD's committer time, seconds since the epoch.
    pub head_seconds: i64,
}

/// Reads the history of `<root>/content/` from the repository that holds `root`.
pub(super) fn walk(root: &Path) -> Result<Walked, Absence> {
    let mut repo = gix::discover(root).map_err(|_| Absence::NoRepository)?;
    // Trees met again and again (the departments' folders) are decoded once.
    repo.object_cache_size_if_unset(8 * 1024 * 1024);
    if repo.is_shallow().unwrap_or(false) {
        return Err(Absence::Shallow);
    }
    let workdir = repo.workdir().ok_or(Absence::NoRepository)?;
    let prefix = site_prefix(workdir, root).ok_or(Absence::NoRepository)?;
    let content_path = prefix.join("content");
    let head = match repo.head_commit() {
        Ok(commit) => commit,
        Err(_) => return Err(Absence::NoCommit),
    };
    let unreadable = |e: &dyn std::fmt::Display| Absence::Unreadable(e.to_string());
    let content_tree = |commit: &gix::Commit<'_>| -> Result<Option<gix::ObjectId>, Absence> {
        let tree = commit.tree().map_err(|e| unreadable(&e))?;
        let entry = tree
            .lookup_entry_by_path(&content_path)
            .map_err(|e| unreadable(&e))?;
        Ok(entry.filter(|e| e.mode().is_tree()).map(|e| e.object_id()))
    };
    if content_tree(&head)?.is_none() {
        return Err(Absence::ContentNotCommitted);
    }
    let mut options = gix::diff::Options::default();
    options.track_path();
    options.track_rewrites(Some(gix::diff::Rewrites::default()));
    // One blob cache and one diff state for the whole walk (a new cache per commit would
    // read the attributes again each time).
    let mut blobs = repo
        .diff_resource_cache_for_tree_diff()
        .map_err(|e| unreadable(&e))?;
    let mut state = gix::diff::tree::State::default();

    let mut lineage = Lineage::default();
    let mut changes = Vec::new();
    let mut commits = 0;
    let mut commit = head.clone();
    loop {
        commits += 1;
        let parent = match commit.parent_ids().next() {
            Some(id) => Some(
                repo.find_commit(id.detach())
                    .map_err(|_| Absence::Shallow)?,
            ),
            None => None,
        };
        let new_tree = content_tree(&commit)?;
        let old_tree = match &parent {
            Some(parent) => content_tree(parent)?,
            None => None,
        };
        if new_tree != old_tree {
            let find = |id: Option<gix::ObjectId>| -> Result<Option<gix::Tree<'_>>, Absence> {
                id.map(|id| repo.find_tree(id).map_err(|e| unreadable(&e)))
                    .transpose()
            };
            let (old, new) = (find(old_tree)?, find(new_tree)?);
            let empty = repo.empty_tree();
            let (old, new) = (
                old.as_ref().unwrap_or(&empty),
                new.as_ref().unwrap_or(&empty),
            );
            let mut diff: Vec<ChangeDetached> = Vec::new();
            gix::diff::tree_with_rewrites(
                gix::objs::TreeRefIter::from_bytes(&old.data, old.id.kind()),
                gix::objs::TreeRefIter::from_bytes(&new.data, new.id.kind()),
                &mut blobs,
                &mut state,
                &repo.objects,
                |change| {
                    diff.push(change.into_owned());
                    Ok(std::ops::ControlFlow::Continue(()))
                },
                options.into(),
            )
            .map_err(|e| unreadable(&e))?;
            blobs.clear_resource_cache();
            let seconds = commit.time().map_err(|e| unreadable(&e))?.seconds;
            let hex = commit.id.to_string();
            let text = |id: gix::ObjectId| -> Result<String, Absence> {
                let blob = repo.find_blob(id).map_err(|e| unreadable(&e))?;
                Ok(crate::fsio::decode(&blob.data)
                    .map(|d| d.text)
                    .unwrap_or_default())
            };
            let mut found = Vec::new();
            for change in lineage.apply(diff) {
                let Some(goal) = change.goal else { continue };
                found.push(RawChange {
                    commit: hex.clone(),
                    seconds,
                    goal,
                    renamed_from: change.renamed_from,
                    old: change.old.map(text).transpose()?,
                    new: text(change.new)?,
                });
            }
            found.sort_by(|a, b| a.goal.cmp(&b.goal));
            changes.extend(found);
        }
        match parent {
            Some(parent) => commit = parent,
            None => break,
        }
    }
    Ok(Walked {
        changes,
        commits,
        head: head.id.to_string(),
        head_seconds: head.time().map_err(|e| unreadable(&e))?.seconds,
    })
}

/// `root`'s path inside the working tree (empty when it is the top).
pub(crate) fn site_prefix(workdir: &Path, root: &Path) -> Option<std::path::PathBuf> {
    let workdir = workdir.canonicalize().ok()?;
    let root = root.canonicalize().ok()?;
    root.strip_prefix(&workdir).ok().map(Path::to_path_buf)
}

/// A goal file's change, attributed.
struct Attributed {
    /// The goal at HEAD (`None`: a file later deleted).
    goal: Option<String>,
    renamed_from: Option<String>,
    old: Option<gix::ObjectId>,
    new: gix::ObjectId,
}

/// Which goal at HEAD each path belongs to, going back in time: a path not yet met is
/// its own goal; a rename hands the goal to the old path; an addition or deletion ends the
/// path's line (older files at that path are other goals, since gone).
#[derive(Default)]
struct Lineage {
    /// Path at the commit being read → the goal at HEAD (`None`: none).
    paths: HashMap<String, Option<String>>,
}

impl Lineage {
    fn goal_of(&self, path: &str) -> Option<String> {
        match self.paths.get(path) {
            Some(goal) => goal.clone(),
            None => Some(path.to_string()),
        }
    }

    /// The commit's changes to goal files, attributed; the lineage moved to its parent.
    fn apply(&mut self, diff: Vec<ChangeDetached>) -> Vec<Attributed> {
        let mut out = Vec::new();
        let mut ended = Vec::new();
        let mut handed = Vec::new();
        for change in diff {
            match change {
                ChangeDetached::Addition {
                    location,
                    entry_mode,
                    id,
                    ..
                } if entry_mode.is_blob() && is_goal_file(location.as_bytes()) => {
                    let path = location.to_str_lossy().into_owned();
                    out.push(Attributed {
                        goal: self.goal_of(&path),
                        renamed_from: None,
                        old: None,
                        new: id,
                    });
                    ended.push(path);
                }
                ChangeDetached::Deletion { location, .. } if is_goal_file(location.as_bytes()) => {
                    ended.push(location.to_str_lossy().into_owned());
                }
                ChangeDetached::Modification {
                    location,
                    entry_mode,
                    previous_id,
                    id,
                    ..
                } if entry_mode.is_blob() && is_goal_file(location.as_bytes()) => {
                    let path = location.to_str_lossy().into_owned();
                    out.push(Attributed {
                        goal: self.goal_of(&path),
                        renamed_from: None,
                        old: Some(previous_id),
                        new: id,
                    });
                }
                ChangeDetached::Rewrite {
                    source_location,
                    source_id,
                    location,
                    entry_mode,
                    id,
                    copy,
                    ..
                } if entry_mode.is_blob() && is_goal_file(location.as_bytes()) => {
                    let path = location.to_str_lossy().into_owned();
                    let source = source_location.to_str_lossy().into_owned();
                    let goal = self.goal_of(&path);
                    let from_goal = is_goal_file(source_location.as_bytes());
                    out.push(Attributed {
                        goal: goal.clone(),
                        renamed_from: from_goal.then(|| source.clone()),
                        old: from_goal.then_some(source_id),
                        new: id,
                    });
                    ended.push(path);
                    if from_goal && !copy {
                        handed.push((source, goal));
                    }
                }
                ChangeDetached::Rewrite {
                    source_location,
                    copy: false,
                    ..
                } if is_goal_file(source_location.as_bytes()) => {
                    // Moved out of the goals: the file's line ends here.
                    ended.push(source_location.to_str_lossy().into_owned());
                }
                _ => {}
            }
        }
        for path in ended {
            self.paths.insert(path, None);
        }
        for (source, goal) in handed {
            self.paths.insert(source, goal);
        }
        out
    }
}

/// A goal file inside `content/`: `<department>/<goal>.md`, not `_index.md`, not an
/// editor's leftover.
fn is_goal_file(path: &[u8]) -> bool {
    let Ok(path) = std::str::from_utf8(path) else {
        return false;
    };
    let mut parts = path.split('/');
    let (Some(folder), Some(name), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !crate::content::is_editor_leftover(folder)
        && !crate::content::is_editor_leftover(name)
        && name.ends_with(".md")
        && name != "_index.md"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_files_are_department_markdown_files_but_the_index() {
        assert!(is_goal_file(b"somu/jichikai.md"));
        for not in [
            "_index.md",
            "somu/_index.md",
            "somu/a.txt",
            "somu/sub/a.md",
            "somu/.a.md",
            "somu/a.md~",
            ".git/a.md",
        ] {
            assert!(!is_goal_file(not.as_bytes()), "{not}");
        }
    }
}
