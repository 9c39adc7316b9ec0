//! The history's views (§10): a goal's 更新履歴, the 目標の引き下げ mark its cards carry,
//! and the `/about/changes/` page of every change, newest first. Built from
//! [`SiteHistory`] as plain text for the templates.

use serde::Serialize;

use crate::model::facts::date_label;
use crate::model::history::{
    CHANGES_PAGE_PATH, Change, FEED_LIMIT, FEED_PATH, SiteHistory, shown_changes,
};
use crate::model::{Goal, Site, goal_path};

/// One change as the pages show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangeView {
    /// `令和7年6月1日（2025年6月1日）`.
    pub date_text: String,
    /// `2025-06-01T10:00:00+09:00`.
    pub datetime: String,
    /// What changed, one phrase each.
    pub phrases: Vec<String>,
    /// A target changed the worse way.
    pub lowered: bool,
    /// The commit's short id (7 characters).
    pub commit_short: String,
    /// The goal's title (on the changes page).
    pub goal_title: String,
    /// The goal's page (site-relative).
    pub goal_path: String,
}

impl ChangeView {
    fn new(change: &Change, goal: &Goal) -> Self {
        ChangeView {
            date_text: date_label(change.date()),
            datetime: change.rfc3339(),
            phrases: change.phrases.clone(),
            lowered: change.lowered,
            commit_short: change.commit.chars().take(7).collect(),
            goal_title: goal.title.clone(),
            goal_path: goal_path(goal),
        }
    }
}

/// A goal's 更新履歴 (`goal.history`): `None` for a site without history.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GoalHistoryView {
    /// Its changes, newest first (empty: the goal's file is not committed yet).
    pub entries: Vec<ChangeView>,
    /// The path of the page of every change.
    pub changes_path: String,
}

impl GoalHistoryView {
    /// The goal's history, when the site has one.
    pub(crate) fn new(site: &Site, goal: &Goal) -> Option<Self> {
        let history = site.history.read()?;
        Some(GoalHistoryView {
            entries: history
                .of_goal(&goal.source)
                .map(|c| ChangeView::new(c, goal))
                .collect(),
            changes_path: CHANGES_PAGE_PATH.to_string(),
        })
    }
}

/// `目標の引き下げ（令和8年1月5日）`: the goal's newest lowering of a target, for its cards
/// and page; `None` without one.
pub(crate) fn lowered_text(site: &Site, goal: &Goal) -> Option<String> {
    let change = site.history.read()?.lowering_of(&goal.source)?;
    Some(format!("目標の引き下げ（{}）", date_label(change.date())))
}

/// The `/about/changes/` page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangesView {
    /// Every change of the site's goals, newest first.
    pub entries: Vec<ChangeView>,
    /// How many lowered a target.
    pub lowered_count: usize,
    /// Commits read.
    pub commits: usize,
    /// The feed's path and how many entries it holds at most.
    pub feed_path: String,
    /// [`FEED_LIMIT`].
    pub feed_limit: usize,
}

impl ChangesView {
    /// The page's view, when the site has a history.
    pub(crate) fn new(site: &Site) -> Option<Self> {
        let history: &SiteHistory = site.history.read()?;
        let entries: Vec<ChangeView> = shown_changes(site, history)
            .into_iter()
            .map(|(c, g)| ChangeView::new(c, g))
            .collect();
        Some(ChangesView {
            lowered_count: entries.iter().filter(|e| e.lowered).count(),
            entries,
            commits: history.commits,
            feed_path: FEED_PATH.to_string(),
            feed_limit: FEED_LIMIT,
        })
    }
}
