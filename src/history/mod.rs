//! History from git (contract §10): the site's goal files as the repository holding the site
//! remembers them, read once per load with gix ([`walk`]), each change said in words
//! ([`words`]), and handed to the model as plain data ([`crate::model::history`]); the Atom
//! feed of the same changes is [`feed`].
//!
//! What counts is HEAD's history: edits not yet committed show on the pages (they are the
//! working files) but are in no entry until they are committed. The walk follows first
//! parents only, so a merge is one change dated by the merge commit. Nothing here reads the
//! clock: two builds of one commit give the same bytes.

pub(crate) mod feed;
mod walk;
pub(crate) mod words;

pub(crate) use walk::site_prefix;

use std::path::Path;
use std::sync::Arc;

use crate::model::Site;
use crate::model::history::{Change, History, SiteHistory};

/// Reads the history of the site at `root`: once per load, whatever the command.
pub(crate) fn read(root: &Path) -> History {
    match walk::walk(root) {
        Ok(walked) => History::Read(Arc::new(from_walk(walked))),
        Err(absence) => History::Absent(absence),
    }
}

/// The walk's changes said in words (a change that says nothing, such as a file saved
/// again unchanged, is left out).
fn from_walk(walked: walk::Walked) -> SiteHistory {
    let mut changes = Vec::with_capacity(walked.changes.len());
    for raw in walked.changes {
        let source = Path::new("content").join(&raw.goal);
        let described = words::describe(
            &source,
            raw.old.as_deref(),
            &raw.new,
            raw.renamed_from.as_deref(),
        );
        if described.phrases.is_empty() {
            continue;
        }
        changes.push(Change {
            commit: raw.commit,
            seconds: raw.seconds,
            source,
            phrases: described.phrases,
            lowered: described.lowered,
        });
    }
    SiteHistory::new(changes, walked.commits, walked.head, walked.head_seconds)
}

/// HEAD's commit id of the repository holding `root`, if any: `serve` reads the history
/// again only when it moved.
pub(crate) fn head_of(root: &Path) -> Option<String> {
    let repo = gix::discover(root).ok()?;
    let id = repo.head_id().ok()?;
    Some(id.to_string())
}

/// Puts `history` into the model: the site keeps it, and a goal without `updated:` gets its
/// last commit's date as its 更新日.
pub(crate) fn attach(site: &mut Site, history: &History) {
    site.history = history.clone();
    if history.read().is_none() {
        return;
    }
    for dept in &mut site.departments {
        for goal in &mut dept.goals {
            attach_goal(goal, history);
        }
    }
}

/// A goal's part of [`attach`]: without `updated:`, its last commit's date.
pub(crate) fn attach_goal(goal: &mut crate::model::Goal, history: &History) {
    let Some(h) = history.read() else { return };
    if goal.facts.updated.is_none() {
        goal.facts.updated = h.of_goal(&goal.source).next().map(Change::date);
    }
}
