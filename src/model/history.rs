//! The goals' history from git (contract §10) as the model holds it: plain data, read by
//! the history module (the walk and the words) and attached to the [`Site`] after a load;
//! the pages and the feed are made from it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};

use super::{Goal, Site};

/// The feed's path in the output.
pub(crate) const FEED_PATH: &str = "feed.xml";

/// The most entries the feed holds.
pub(crate) const FEED_LIMIT: usize = 50;

/// Site-relative path of the page listing every change.
pub(crate) const CHANGES_PAGE_PATH: &str = "about/changes/";

/// Why a site has no history: said once by `build`, as a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Absence {
    /// The site is not inside a git repository (or it has no working tree).
    NoRepository,
    /// A shallow clone: the history is cut.
    Shallow,
    /// A repository without a commit yet.
    NoCommit,
    /// HEAD has no `content/` folder.
    ContentNotCommitted,
    /// The repository could not be read.
    Unreadable(String),
}

impl Absence {
    /// The note `build` prints (Japanese, one line).
    pub fn message(&self) -> String {
        const LEFT_OUT: &str =
            "更新履歴（目標ごとの更新履歴・/about/changes/・/feed.xml）は作りませんでした";
        match self {
            Absence::NoRepository => {
                format!("注意: サイトが git リポジトリの中にないため、{LEFT_OUT}。")
            }
            Absence::Shallow => format!(
                "注意: git の履歴が途中までしかない（shallow clone）ため、{LEFT_OUT}。git fetch --unshallow で全部の履歴を取ると作ります。"
            ),
            Absence::NoCommit => {
                format!("注意: git リポジトリにまだコミットがないため、{LEFT_OUT}。")
            }
            Absence::ContentNotCommitted => {
                format!("注意: content フォルダーがまだコミットされていないため、{LEFT_OUT}。")
            }
            Absence::Unreadable(why) => {
                format!("注意: git の履歴を読めなかったため、{LEFT_OUT}（{why}）。")
            }
        }
    }
}

/// The site's history as the model holds it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum History {
    /// Not read (a site built in memory by a test).
    #[default]
    Unread,
    /// Left out, and why.
    Absent(Absence),
    /// Read.
    Read(Arc<SiteHistory>),
}

impl History {
    /// The history, when there is one.
    pub fn read(&self) -> Option<&SiteHistory> {
        match self {
            History::Read(h) => Some(h),
            _ => None,
        }
    }
}

/// Every change to the goals that exist at HEAD, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiteHistory {
    /// Changes, newest commit first (by goal path within one commit).
    pub changes: Vec<Change>,
    /// Indices into `changes` by the goal's source path (`content/somu/jichikai.md`).
    by_goal: BTreeMap<PathBuf, Vec<usize>>,
    /// Commits walked.
    pub commits: usize,
    /// HEAD's commit id.
    pub head: String,
    /// HEAD's committer time, seconds since the epoch.
    head_seconds: i64,
}

/// One commit's change to one goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The commit's full hex id.
    pub commit: String,
    /// Committer time, seconds since the epoch.
    pub seconds: i64,
    /// The goal's source path at HEAD, site-relative (`content/somu/jichikai.md`).
    pub source: PathBuf,
    /// What changed, in words.
    pub phrases: Vec<String>,
    /// A target changed the worse way (目標の引き下げ).
    pub lowered: bool,
}

/// Japan's time, +09:00 all year (no daylight saving since 1951): no time zone database.
pub(crate) fn tokyo() -> TimeZone {
    TimeZone::fixed(Offset::constant(9))
}

impl Change {
    /// The commit's time in Asia/Tokyo.
    pub fn local(&self) -> DateTime {
        jiff::Timestamp::from_second(self.seconds)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(tokyo())
            .datetime()
    }

    /// The commit's date in Asia/Tokyo.
    pub fn date(&self) -> Date {
        self.local().date()
    }

    /// `2025-06-01T10:00:00+09:00`.
    pub fn rfc3339(&self) -> String {
        format!("{}+09:00", self.local().strftime("%Y-%m-%dT%H:%M:%S"))
    }
}

impl SiteHistory {
    /// The history of `changes` (newest first), read over `commits` commits from HEAD
    /// (`head`, committed at `head_seconds`).
    pub fn new(changes: Vec<Change>, commits: usize, head: String, head_seconds: i64) -> Self {
        let mut by_goal: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
        for (i, change) in changes.iter().enumerate() {
            by_goal.entry(change.source.clone()).or_default().push(i);
        }
        SiteHistory {
            changes,
            by_goal,
            commits,
            head,
            head_seconds,
        }
    }

    /// The changes of the goal whose source file is `source`, newest first.
    pub fn of_goal<'h>(&'h self, source: &Path) -> impl Iterator<Item = &'h Change> + 'h {
        self.by_goal
            .get(source)
            .into_iter()
            .flatten()
            .map(|&i| &self.changes[i])
    }

    /// HEAD's time as `2025-06-01T10:00:00+09:00` (the feed's date when nothing changed).
    pub fn head_time(&self) -> String {
        Change {
            commit: String::new(),
            seconds: self.head_seconds,
            source: PathBuf::new(),
            phrases: Vec::new(),
            lowered: false,
        }
        .rfc3339()
    }

    /// The newest change of the goal that lowered a target, if any.
    pub fn lowering_of(&self, source: &Path) -> Option<&Change> {
        self.of_goal(source).find(|c| c.lowered)
    }
}

/// The changes the site shows: those of goals it has, newest first, each with its goal.
pub(crate) fn shown_changes<'s>(
    site: &'s Site,
    history: &'s SiteHistory,
) -> Vec<(&'s Change, &'s Goal)> {
    let goals: HashMap<&Path, &Goal> = site.goals().map(|(_, g)| (g.source.as_path(), g)).collect();
    history
        .changes
        .iter()
        .filter_map(|c| goals.get(c.source.as_path()).map(|g| (c, *g)))
        .collect()
}
