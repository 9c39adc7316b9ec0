//! 課 and 目標 — departments and their goals, as validated domain values.

use std::path::PathBuf;

use super::evaluation::{Evaluation, Status};
use super::facts::{Contact, GoalFacts};
use super::indicator::Indicator;

/// 目標: one goal sheet of a department.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    /// URL slug (`jichikai`), from the file stem or `slug:`.
    pub slug: String,
    /// The department's slug.
    pub department_slug: String,
    /// 目標名.
    pub title: String,
    /// 指標 with their series, in written order; never empty (`indicator:` gives one,
    /// `indicators:` a list). Use [`Goal::indicators`].
    pub indicators: Vec<Indicator>,
    /// 設定根拠.
    pub basis: Option<String>,
    /// 事業概要.
    pub summary: Option<String>,
    /// Order inside the department (then slug).
    pub weight: i64,
    /// Drafts are left out of `build` unless `--drafts`.
    pub draft: bool,
    /// The Markdown body (empty when it was left on disk: see `body_on_disk`).
    pub body: String,
    /// A one-off build from disk does not keep the bodies in the model (at 100,000 goals they
    /// were half of it): `body` is then empty and this is the digest of the body as it was
    /// loaded and checked ([`body_digest`]); the page is made from the body read again from
    /// `source`, refused when it is not the one checked (by the load, `read_goal_body`).
    pub body_on_disk: Option<u64>,
    /// The source file, relative to the site root.
    pub source: PathBuf,
    /// Evaluation of each indicator at the site's `as_of`, in the order of `indicators`.
    pub evaluations: Vec<Evaluation>,
    /// 事業費, the town's own 評価, plan, tags, 問い合わせ先, 更新日 (§8.2–§8.4).
    pub facts: GoalFacts,
}

impl Goal {
    /// The computed status of each of the goal's indicators: what a grade is compared
    /// with and what the plan and tag pages count.
    pub fn indicator_statuses(&self) -> impl Iterator<Item = Status> + '_ {
        self.evaluations.iter().map(|e| e.status)
    }

    /// The goal's indicators, in written order (never empty).
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// The latest year any of its indicators has an actual value for: the site's evaluated
    /// year is the latest of these when config.toml does not set `as_of`.
    pub(crate) fn latest_actual_year(&self) -> Option<super::FiscalYear> {
        self.indicators
            .iter()
            .filter_map(|i| i.actual.last().map(|p| p.year))
            .max()
    }

    /// Each indicator's evaluation, in the order of [`Goal::indicators`].
    pub fn evaluations(&self) -> &[Evaluation] {
        &self.evaluations
    }

    /// Each indicator with its evaluation.
    pub fn evaluated(&self) -> impl Iterator<Item = (&Indicator, &Evaluation)> {
        self.indicators.iter().zip(&self.evaluations)
    }

    /// The first indicator: the one a goal written with `indicator:` has.
    pub fn indicator(&self) -> &Indicator {
        &self.indicators[0]
    }

    /// The first indicator's evaluation.
    pub fn evaluation(&self) -> &Evaluation {
        &self.evaluations[0]
    }

    /// Whether the goal uses §8.1 (several indicators, or codes, notes, milestones,
    /// exclusions …): its page and data then show every indicator on its own.
    pub fn has_indicator_details(&self) -> bool {
        self.indicators.len() > 1 || self.indicators.iter().any(Indicator::has_details)
    }

    /// The anchor and data id of the indicator at `index`: its `code`, else its 1-based
    /// position.
    pub fn indicator_code(&self, index: usize) -> String {
        self.indicators[index]
            .details
            .code
            .clone()
            .unwrap_or_else(|| (index + 1).to_string())
    }
}

/// 課: a department with its duties and its goals.
#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    /// URL slug (`somu`), from the folder name or `slug:`.
    pub slug: String,
    /// 課名.
    pub title: String,
    /// 当課の主な業務.
    pub duties: Vec<String>,
    /// 業務の対象.
    pub served: Option<String>,
    /// Order on the home page (then slug).
    pub weight: i64,
    /// The Markdown body of `_index.md`.
    pub body: String,
    /// The source file, relative to the site root.
    pub source: PathBuf,
    /// 問い合わせ先 (§8.4), for its goals that give none of their own.
    pub contact: Option<Contact>,
    /// Its goals, in display order.
    pub goals: Vec<Goal>,
}

/// Whether `s` is a valid URL slug: ASCII `[a-z0-9-]+`, not starting or ending with `-`.
pub(crate) fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Names Windows reserves for devices (`con`, `nul`, `com1` …): a folder of that name cannot
/// exist on a Windows/IIS server, so `public/somu/con/` could never be deployed there.
pub(crate) fn is_windows_reserved(slug: &str) -> bool {
    matches!(slug, "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|device| {
            slug.strip_prefix(device)
                .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit() && n != "0")
        })
}

/// The digest a body left on disk is checked against ([`Goal::body_on_disk`]): only ever
/// compared within one run.
pub(crate) fn body_digest(body: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    body.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_device_names_are_reserved_and_words_containing_them_are_not() {
        for name in ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9"] {
            assert!(is_windows_reserved(name), "{name}");
        }
        for name in [
            "console",
            "com",
            "com0",
            "com10",
            "lpt",
            "auxiliary",
            "nul-1",
            "kon",
        ] {
            assert!(!is_windows_reserved(name), "{name}");
        }
    }

    #[test]
    fn slugs_are_ascii_lowercase() {
        for ok in ["somu", "jishu-bosai", "r7-1"] {
            assert!(is_valid_slug(ok), "{ok}");
        }
        for bad in ["", "総務", "Somu", "a b", "-a", "a-", "a_b", "a.b"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }
}
