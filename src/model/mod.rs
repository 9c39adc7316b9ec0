//! The domain model: raw documents → validated, immutable values ([`Site`], [`Department`],
//! [`Goal`], [`Indicator`], [`FiscalYear`]) with their evaluation. Never imports template,
//! chart or Markdown crates.

pub mod assessment;
pub mod build;
pub mod cost;
pub mod evaluation;
pub mod facts;
pub mod fiscal_year;
pub mod goal;
pub mod indicator;
pub mod plan;
pub mod value;

pub use evaluation::{Evaluation, Status, evaluate};
pub use fiscal_year::FiscalYear;
pub use goal::{Department, Goal};
pub use indicator::{Direction, Indicator, Point};

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
}

impl Site {
    /// Every goal with its department, in display order.
    pub fn goals(&self) -> impl Iterator<Item = (&Department, &Goal)> {
        self.departments
            .iter()
            .flat_map(|d| d.goals.iter().map(move |g| (d, g)))
    }

    /// Number of goals per status, in [`Status::ALL`] order.
    pub fn status_counts(&self) -> Vec<(Status, usize)> {
        Status::ALL
            .iter()
            .map(|&s| {
                (
                    s,
                    self.goals()
                        .filter(|(_, g)| g.evaluation.status == s)
                        .count(),
                )
            })
            .collect()
    }
}

/// Site-relative URL path of a department page, with a trailing slash (`somu/`).
pub fn department_path(dept: &Department) -> String {
    format!("{}/", dept.slug)
}

/// Site-relative URL path of a goal page, with a trailing slash (`somu/jichikai/`).
pub fn goal_path(goal: &Goal) -> String {
    format!("{}/{}/", goal.department_slug, goal.slug)
}

/// Site-relative path of the evaluation explanation page.
pub const EVALUATION_PAGE_PATH: &str = "about/evaluation/";
