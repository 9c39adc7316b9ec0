//! Open data beside every chart: per-goal `data.csv` / `data.json`, the site-wide
//! `/data/indicators.csv` / `/data/indicators.json`, and `/sitemap.xml`.
//!
//! Everything here is a pure function of the [`Site`] model and returns bytes; the pipeline
//! decides where they are written. Output is deterministic (no clocks, fixed key and row
//! order) so that rebuilding unchanged content changes no file.
//!
//! CSV follows 総務省's rules for machine-readable tables: UTF-8 with BOM (so Japanese Excel
//! opens it), CRLF line ends (RFC 4180), a Japanese header row, one datum per cell, numbers
//! without units or thousands separators, and 年度 in both 西暦 and 和暦. Text cells that
//! Excel would read as a formula are prefixed with `'`.

mod costs;
mod csv;
mod json;
mod pace;
mod sitemap;

#[cfg(test)]
mod tests;

pub(crate) use self::costs::{COSTS_CSV_PATH, COSTS_JSON_PATH, costs_csv, costs_json, has_costs};
#[cfg(test)]
pub(crate) use self::csv::indicators_csv;
pub(crate) use self::csv::{goal_csv, write_indicators_csv};
pub(crate) use self::json::{goal_json, write_indicators_json};
pub(crate) use self::sitemap::{is_sitemap_part, sitemap_files};
#[cfg(test)]
use self::{
    csv::protect_text,
    json::indicators_json,
    sitemap::{SITEMAP_URL_LIMIT, encode_url, sitemap},
};

use crate::model::{Department, FiscalYear, Goal, Indicator, Point, SeriesKind, Site, goal_path};

/// Site-relative path of the all-goals CSV (`data/indicators.csv`).
pub(crate) const INDICATORS_CSV_PATH: &str = "data/indicators.csv";
/// Site-relative path of the all-goals JSON (`data/indicators.json`).
pub(crate) const INDICATORS_JSON_PATH: &str = "data/indicators.json";
/// Site-relative path of the sitemap (`sitemap.xml`).
pub(crate) const SITEMAP_PATH: &str = "sitemap.xml";

/// Site-relative path of a goal's CSV (`somu/jichikai/data.csv`).
pub(crate) fn goal_csv_path(goal: &Goal) -> String {
    format!("{}data.csv", goal_path(goal))
}

/// Site-relative path of a goal's JSON (`somu/jichikai/data.json`).
pub(crate) fn goal_json_path(goal: &Goal) -> String {
    format!("{}data.json", goal_path(goal))
}

/// Which value of the series a row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// 初期値.
    Baseline,
    /// 実績.
    Actual,
    /// 目標値 (the last one is the 最終目標値).
    Target,
}

impl Kind {
    fn series_kind(self) -> SeriesKind {
        match self {
            Kind::Baseline => SeriesKind::Baseline,
            Kind::Actual => SeriesKind::Actual,
            Kind::Target => SeriesKind::Target,
        }
    }
}

/// One entry of an indicator's long-format series.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'i> {
    pub(crate) year: FiscalYear,
    pub(crate) kind: Kind,
    /// `None` for an actual written as not measured (`null`, `－`).
    pub(crate) value: Option<f64>,
    /// True for the last target.
    pub(crate) is_final: bool,
    /// The note written beside the value.
    pub(crate) note: Option<&'i str>,
}

/// The actuals reported on the site: those not after the site's `as_of`, like the
/// evaluation, so the data files never disagree with the page.
pub(crate) fn reported_actuals(site: &Site, ind: &Indicator) -> Vec<Point> {
    ind.actual
        .iter()
        .filter(|p| site.as_of.is_none_or(|limit| p.year <= limit))
        .copied()
        .collect()
}

/// The years written as not measured, not after the site's `as_of`.
pub(crate) fn reported_unmeasured(site: &Site, ind: &Indicator) -> Vec<FiscalYear> {
    ind.details
        .unmeasured
        .iter()
        .copied()
        .filter(|y| site.as_of.is_none_or(|limit| *y <= limit))
        .collect()
}

/// The indicator's series in year order, then kind order (初期値, 実績, 目標値); years
/// not measured are included as entries without a value.
pub(crate) fn series<'i>(site: &Site, ind: &'i Indicator) -> Vec<Entry<'i>> {
    let last_target = ind.targets.len().saturating_sub(1);
    let entry = |year, kind: Kind, value, is_final| Entry {
        year,
        kind,
        value,
        is_final,
        note: ind.note(kind.series_kind(), year),
    };
    let actual = reported_actuals(site, ind)
        .into_iter()
        .map(|p| (p.year, Some(p.value)))
        .chain(
            reported_unmeasured(site, ind)
                .into_iter()
                .map(|y| (y, None)),
        );
    let mut entries: Vec<Entry> = std::iter::once(entry(
        ind.baseline.year,
        Kind::Baseline,
        Some(ind.baseline.value),
        false,
    ))
    .chain(actual.map(|(y, v)| entry(y, Kind::Actual, v, false)))
    .chain(
        ind.targets
            .iter()
            .enumerate()
            .map(|(i, p)| entry(p.year, Kind::Target, Some(p.value), i == last_target)),
    )
    .collect();
    // Stable: equal (year, kind) keep their source order.
    entries.sort_by_key(|e| (e.year, e.kind));
    entries
}

/// Absolute URL of the goal's indicator at `index`: the goal page with `#code` when the
/// page shows its indicators one by one ([`Goal::has_indicator_details`]).
pub(crate) fn indicator_url(site: &Site, dept: &Department, goal: &Goal, index: usize) -> String {
    let url = goal_url(site, dept, goal);
    if goal.has_indicator_details() {
        format!("{url}#{}", goal.indicator_code(index))
    } else {
        url
    }
}

/// Absolute URL of a site-relative path.
pub(crate) fn absolute(site: &Site, path: &str) -> String {
    format!("{}{}", site.config.base_url, path)
}

/// `dept` is accepted for symmetry with the pages; the goal carries its department's slug.
pub(crate) fn goal_url(site: &Site, _dept: &Department, goal: &Goal) -> String {
    absolute(site, &goal_path(goal))
}

/// A number as plain text with exactly `decimals` places and no separators; never `-0`.
pub(crate) fn plain_number(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", usize::from(decimals), value);
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_string()
    } else {
        text
    }
}

/// A computed percentage with up to 4 decimals, trailing zeros trimmed (`-625`, `97.8954`).
pub(crate) fn plain_percent(value: f64) -> String {
    let text = plain_number(value, 4);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" || text.is_empty() {
        "0".to_string()
    } else {
        text.to_string()
    }
}
