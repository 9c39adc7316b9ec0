//! History from git (contract §10): the site's goal files as the repository holding the site
//! remembers them, read once per load with gix ([`walk`]), each change said in words
//! ([`words`]), and handed to the model as plain data ([`SiteHistory`]); the Atom feed of
//! the same changes is [`feed`].
//!
//! What counts is HEAD's history: edits not yet committed show on the pages (they are the
//! working files) but are in no entry until they are committed. The walk follows first
//! parents only, so a merge is one change dated by the merge commit. Nothing here reads the
//! clock: two builds of one commit give the same bytes.

pub mod feed;
mod walk;
pub mod words;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};

use crate::model::Site;

/// Site-relative path of the page listing every change.
pub const CHANGES_PAGE_PATH: &str = "about/changes/";

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
        const LEFT_OUT: &str = "更新履歴（目標ごとの更新履歴・/about/changes/・/feed.xml）は作りませんでした";
        match self {
            Absence::NoRepository => format!("注意: サイトが git リポジトリの中にないため、{LEFT_OUT}。"),
            Absence::Shallow => format!(
                "注意: git の履歴が途中までしかない（shallow clone）ため、{LEFT_OUT}。git fetch --unshallow で全部の履歴を取ると作ります。"
            ),
            Absence::NoCommit => format!("注意: git リポジトリにまだコミットがないため、{LEFT_OUT}。"),
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
pub fn tokyo() -> TimeZone {
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

    fn from_walk(walked: walk::Walked) -> Self {
        let mut history = SiteHistory {
            commits: walked.commits,
            head: walked.head,
            head_seconds: walked.head_seconds,
            ..SiteHistory::default()
        };
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
            history
                .by_goal
                .entry(source.clone())
                .or_default()
                .push(history.changes.len());
            history.changes.push(Change {
                commit: raw.commit,
                seconds: raw.seconds,
                source,
                phrases: described.phrases,
                lowered: described.lowered,
            });
        }
        history
    }
}

/// Reads the history of the site at `root`: once per load, whatever the command.
pub fn read(root: &Path) -> History {
    match walk::walk(root) {
        Ok(walked) => History::Read(Arc::new(SiteHistory::from_walk(walked))),
        Err(absence) => History::Absent(absence),
    }
}

/// HEAD's commit id of the repository holding `root`, if any: `serve` reads the history
/// again only when it moved.
pub fn head_of(root: &Path) -> Option<String> {
    let repo = gix::discover(root).ok()?;
    let id = repo.head_id().ok()?;
    Some(id.to_string())
}

/// Puts `history` into the model: the site keeps it, and a goal without `updated:` gets its
/// last commit's date as its 更新日.
pub fn attach(site: &mut Site, history: &History) {
    site.history = history.clone();
    let Some(h) = history.read() else { return };
    for dept in &mut site.departments {
        for goal in &mut dept.goals {
            if goal.facts.updated.is_none() {
                goal.facts.updated = h.of_goal(&goal.source).next().map(Change::date);
            }
        }
    }
}
