//! The domain model: raw documents → validated, immutable values ([`Site`], [`Department`],
//! [`Goal`], [`Indicator`], [`FiscalYear`]) with their evaluation. Never imports template,
//! chart or Markdown crates.

pub(crate) mod assessment;
pub(crate) mod cost;
pub(crate) mod edition;
pub(crate) mod evaluation;
pub(crate) mod facts;
pub(crate) mod fiscal_year;
pub(crate) mod goal;
pub(crate) mod history;
pub(crate) mod indicator;
pub(crate) mod pace;
pub(crate) mod pace_text;
pub(crate) mod plan;
pub(crate) mod validate;
pub(crate) mod value;

pub(crate) use evaluation::{Evaluation, Status};
pub(crate) use fiscal_year::FiscalYear;
pub(crate) use goal::{Department, Goal};
pub(crate) use indicator::{Direction, Indicator, Point, SeriesKind};
// Named by the unit tests of chart, export and render.
#[cfg(test)]
pub(crate) use {
    evaluation::evaluate,
    indicator::{Details, Note},
};

use crate::config::Config;

/// The whole site: settings, home text and departments with their goals, in display order.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Settings.
    pub config: Config,
    /// Home page title from `content/_index.md` (default: the site title).
    pub home_title: String,
    /// Home page Markdown body.
    pub home_body: String,
    /// Departments in display order (weight, then slug).
    pub departments: Vec<Department>,
    /// The year evaluated: config `as_of`, or the latest actual year in the content.
    pub as_of: Option<FiscalYear>,
    /// Whether any goal uses §8.1 ([`Goal::has_indicator_details`]): the open data then
    /// carries the indicator's code, notes and the other §8.1 keys, for every record alike.
    pub indicator_details: bool,
    /// The goals' history from git (§10), attached after the load.
    pub history: history::History,
    /// 過去の版: links between this site and its other editions, set when the editions are loaded.
    pub editions: edition::Editions,
}

impl Site {
    /// Every goal with its department, in display order.
    pub fn goals(&self) -> impl Iterator<Item = (&Department, &Goal)> {
        self.departments
            .iter()
            .flat_map(|d| d.goals.iter().map(move |g| (d, g)))
    }

    /// Number of indicators per status, in [`Status::ALL`] order, then
    /// [`Status::Excluded`] when any indicator is excluded (a goal with one indicator counts
    /// once, as a goal).
    pub fn status_counts(&self) -> Vec<(Status, usize)> {
        self.statuses()
            .into_iter()
            .map(|s| {
                let count = self
                    .goals()
                    .flat_map(|(_, g)| g.evaluations())
                    .filter(|e| e.status == s)
                    .count();
                (s, count)
            })
            .collect()
    }

    /// The statuses this site shows: [`Status::ALL`], and [`Status::Excluded`] when an
    /// indicator is excluded.
    pub fn statuses(&self) -> Vec<Status> {
        // An excluded indicator is a §8.1 detail: a site without any needs no look.
        let excluded = self.indicator_details
            && self
                .goals()
                .any(|(_, g)| g.indicators().iter().any(Indicator::is_excluded));
        let all: &[Status] = if excluded {
            &Status::WITH_EXCLUDED
        } else {
            &Status::ALL
        };
        all.to_vec()
    }

    /// Number of indicators of every goal.
    pub fn indicator_count(&self) -> usize {
        self.goals().map(|(_, g)| g.indicators().len()).sum()
    }

    /// Whether any goal uses §8.1 ([`Goal::has_indicator_details`]): the open data then
    /// carries the indicator's code, notes and the other §8.1 fields.
    pub fn has_indicator_details(&self) -> bool {
        self.indicator_details
    }
}

/// Site-relative URL path of a department page, with a trailing slash (`somu/`).
pub(crate) fn department_path(dept: &Department) -> String {
    format!("{}/", dept.slug)
}

/// Site-relative URL path of a goal page, with a trailing slash (`somu/jichikai/`).
pub(crate) fn goal_path(goal: &Goal) -> String {
    format!("{}/{}/", goal.department_slug, goal.slug)
}

/// Site-relative path of the evaluation explanation page.
pub(crate) const EVALUATION_PAGE_PATH: &str = "about/evaluation/";
