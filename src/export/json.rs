//! JSON open data: `/data/indicators.json` (one [`IndicatorRecord`] per indicator: a goal
//! with one indicator is one record) and each goal's `data.json` ([`GoalData`] with the
//! long-format series of all its indicators).
//!
//! The §8.1 keys (`indicator_code`, `note`, `step` …) are written when the site uses §8.1
//! ([`Site::has_indicator_details`]), for every record alike; a site written to §4 gets the
//! same files as before.
//!
//! Structs with serde derive fix the key order; output is pretty-printed with two-space
//! indentation and ends with a newline.

use serde::{Serialize, Serializer};

use crate::model::value::round_to;
use crate::model::{Department, Direction, FiscalYear, Goal, Indicator, SeriesKind, Site, Status};

use super::{
    Entry, Kind, absolute, goal_csv_path, goal_json_path, goal_url, indicator_url, series,
};

/// Decimal places kept for the plan value p(ya), like the computed percentages.
const PLAN_PLACES: i32 = 4;

/// Decimal places of a percentage as the pages show it (97.9%).
const SHOWN_PERCENT_PLACES: i32 = 1;

/// A fiscal year: western start year and its 和暦 label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct YearLabel {
    /// Western start year (`2025`).
    pub fiscal_year: u16,
    /// 和暦 label (`令和7年度`).
    pub label: String,
}

impl From<FiscalYear> for YearLabel {
    fn from(year: FiscalYear) -> Self {
        YearLabel {
            fiscal_year: year.western(),
            label: year.label(),
        }
    }
}

/// A value of one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct YearValue {
    /// Western start year (`2025`).
    pub fiscal_year: u16,
    /// 和暦 label (`令和7年度`).
    pub label: String,
    /// The value, in the indicator's unit (a milestone's step position); `null` when not
    /// measured.
    pub value: Option<f64>,
    /// A milestone's step name, or `null` (only in a site using §8.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<Option<String>>,
    /// The note beside the value (`見込`), or `null` (only in a site using §8.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Option<String>>,
}

impl YearValue {
    /// The value of `ind` of `kind` in `year`; the §8.1 keys when `details`.
    pub(super) fn new(
        ind: &Indicator,
        kind: SeriesKind,
        year: FiscalYear,
        value: Option<f64>,
        details: bool,
    ) -> Self {
        YearValue {
            fiscal_year: year.western(),
            label: year.label(),
            value,
            step: details.then(|| value.and_then(|v| ind.step_name(v)).map(str::to_string)),
            note: details.then(|| ind.note(kind, year).map(str::to_string)),
        }
    }
}

/// The keys that say whose goal a record is, first in both JSON files.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct GoalIdentity {
    /// 団体名.
    pub municipality: String,
    /// 全国地方公共団体コード, or `null`.
    pub municipality_code: Option<String>,
    /// 課名.
    pub department: String,
    /// The department's URL slug.
    pub department_slug: String,
    /// The goal's URL slug.
    pub slug: String,
    /// 目標名.
    pub title: String,
    /// 指標名.
    pub indicator: String,
    /// What §8.1 adds (only in a site using §8.1).
    #[serde(flatten)]
    pub details: Option<IndicatorDetails>,
    /// 単位 (may be empty).
    pub unit: String,
    /// `up` / `down`.
    pub direction: Direction,
    /// 方向 in Japanese (高いほど良い / 低いほど良い), as the pages say it.
    pub direction_label: &'static str,
    /// Decimal places the sheet used.
    pub decimals: u8,
}

/// The §8.1 keys of an indicator in the open data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct IndicatorDetails {
    /// 指標コード: `code:`, or the 1-based position in the goal (`"1"`, `"2"` …).
    pub indicator_code: String,
    /// `number` or `milestone`.
    pub indicator_kind: &'static str,
    /// A milestone's steps in order (values are their positions), or `null`.
    pub steps: Option<Vec<String>>,
    /// 指標の定義・算出方法, or `null`.
    pub definition: Option<String>,
    /// 出典, or `null`.
    pub source: Option<String>,
    /// 評価対象外の理由, or `null`.
    pub exclude_reason: Option<String>,
    /// Absolute URL of the indicator on the goal page (`…/bosai/#4-1-1`; the page itself for
    /// a goal shown as in §4).
    pub indicator_url: String,
}

impl GoalIdentity {
    /// The identity of the goal's indicator at `index`; the §8.1 keys when `details`.
    pub(super) fn new(
        site: &Site,
        dept: &Department,
        goal: &Goal,
        index: usize,
        details: bool,
    ) -> Self {
        let ind = &goal.indicators()[index];
        GoalIdentity {
            municipality: site.config.municipality.clone(),
            municipality_code: site.config.municipality_code.clone(),
            department: dept.title.clone(),
            department_slug: dept.slug.clone(),
            slug: goal.slug.clone(),
            title: goal.title.clone(),
            indicator: ind.name.clone(),
            details: details.then(|| IndicatorDetails {
                indicator_code: goal.indicator_code(index),
                indicator_kind: if ind.is_milestone() {
                    "milestone"
                } else {
                    "number"
                },
                steps: ind.details.steps.clone(),
                definition: ind.details.definition.clone(),
                source: ind.details.source.clone(),
                exclude_reason: ind.details.exclude.clone(),
                indicator_url: indicator_url(site, dept, goal, index),
            }),
            unit: ind.unit.clone(),
            direction: ind.direction,
            direction_label: ind.direction.label(),
            decimals: ind.decimals,
        }
    }
}

/// The per-indicator record used by `/data/indicators.json` (pub so templates and tests can
/// reuse it). Field order is the JSON key order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct IndicatorRecord {
    /// Who and what: the same keys as in each goal's `data.json`.
    #[serde(flatten)]
    pub identity: GoalIdentity,
    /// 初期値.
    pub baseline: YearValue,
    /// 実績 reported (not after `as_of`), in year order (with the years not measured, as
    /// `null`, in a site using §8.1).
    pub actual: Vec<YearValue>,
    /// 目標値, in year order.
    pub targets: Vec<YearValue>,
    /// 最終目標値.
    pub final_target: YearValue,
    /// The latest actual evaluated, or `null`.
    pub latest: Option<YearValue>,
    /// p(ya): the plan value for the latest actual's year, or `null`.
    pub plan_value_at_latest: Option<f64>,
    /// 進捗率, or `null` when undefined.
    pub progress_pct: Option<f64>,
    /// 達成率, or `null` when undefined.
    pub achievement_pct: Option<f64>,
    /// 進捗率 rounded to one decimal place, as the pages and the CSV show it, or `null`.
    pub progress_pct_rounded: Option<f64>,
    /// 達成率 rounded to one decimal place, as the pages and the CSV show it, or `null`.
    pub achievement_pct_rounded: Option<f64>,
    /// 前年度比 and このままのペース (§9).
    #[serde(flatten)]
    pub pace: super::pace::PaceFields,
    /// 評価区分 code (`no_data`, `achieved`, `on_track`, `worse`, `behind`, `excluded`).
    pub status: Status,
    /// 評価区分 in Japanese (未測定, 達成, 順調, 悪化, 遅れ, 対象外).
    pub status_label: String,
    /// The year evaluated, or `null`.
    pub as_of: Option<YearLabel>,
    /// 設定根拠, or `null`.
    pub basis: Option<String>,
    /// 事業概要, or `null`.
    pub summary: Option<String>,
    /// Absolute URL of the goal page.
    pub url: String,
    /// Absolute URL of the goal's `data.csv`.
    pub data_csv: String,
    /// Absolute URL of the goal's `data.json`.
    pub data_json: String,
}

/// Builds the [`IndicatorRecord`] of the goal's indicator at `index`; the §8.1 keys when
/// `details` (see [`Site::has_indicator_details`]).
pub(super) fn indicator_record(
    site: &Site,
    dept: &Department,
    goal: &Goal,
    index: usize,
    details: bool,
) -> IndicatorRecord {
    let ind = &goal.indicators()[index];
    let e = &goal.evaluations()[index];
    let value = |entry: &Entry| {
        YearValue::new(
            ind,
            entry.kind.series_kind(),
            entry.year,
            entry.value,
            details,
        )
    };
    let entries = series(site, ind);
    let actual = entries
        .iter()
        .filter(|e| e.kind == Kind::Actual && (details || e.value.is_some()))
        .map(value)
        .collect();
    let at =
        |kind, p: crate::model::Point| YearValue::new(ind, kind, p.year, Some(p.value), details);
    IndicatorRecord {
        identity: GoalIdentity::new(site, dept, goal, index, details),
        baseline: at(SeriesKind::Baseline, ind.baseline),
        actual,
        targets: ind
            .targets
            .iter()
            .map(|p| at(SeriesKind::Target, *p))
            .collect(),
        final_target: at(SeriesKind::Target, e.final_target),
        latest: e.latest.map(|p| at(SeriesKind::Actual, p)),
        plan_value_at_latest: e.plan_at_latest.map(|p| round_to(p, PLAN_PLACES)),
        progress_pct: e.progress_pct,
        achievement_pct: e.achievement_pct,
        progress_pct_rounded: e.progress_pct.map(|p| round_to(p, SHOWN_PERCENT_PLACES)),
        achievement_pct_rounded: e.achievement_pct.map(|p| round_to(p, SHOWN_PERCENT_PLACES)),
        pace: super::pace::PaceFields::new(ind, e, details),
        status: e.status,
        status_label: e.status.label().to_string(),
        as_of: site.as_of.map(YearLabel::from),
        basis: goal.basis.clone(),
        summary: goal.summary.clone(),
        url: goal_url(site, dept, goal),
        data_csv: absolute(site, &goal_csv_path(goal)),
        data_json: absolute(site, &goal_json_path(goal)),
    }
}

#[cfg(test)] // used by unit tests only
/// `/data/indicators.json`: an array of [`IndicatorRecord`], in `site.goals()` order.
pub(super) fn indicators_json(site: &Site) -> Vec<u8> {
    let mut out = Vec::new();
    write_indicators_json(site, &mut out).expect("writing into memory");
    out
}

/// `indicators_json` into `out`, one record at a time (the same text as serialising the
/// whole array): at 100,000 goals neither the records nor the file are held in memory.
pub(crate) fn write_indicators_json(
    site: &Site,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let details = site.has_indicator_details();
    let mut json = serde_json::Serializer::pretty(&mut *out);
    json.collect_seq(site.goals().flat_map(|(dept, goal)| {
        (0..goal.indicators().len()).map(move |i| indicator_record(site, dept, goal, i, details))
    }))
    .map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// One row of a goal's series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct SeriesRow {
    /// 指標コード (only in a site using §8.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator_code: Option<String>,
    /// 指標名 (only in a site using §8.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Western start year (`2025`).
    pub fiscal_year: u16,
    /// 和暦 label (`令和7年度`).
    pub label: String,
    /// `baseline`, `actual` or `target`.
    pub kind: &'static str,
    /// The value, in the indicator's unit (a milestone's step position); `null` when not
    /// measured.
    pub value: Option<f64>,
    /// A milestone's step name, or `null` (only in a site using §8.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<Option<String>>,
    /// The note beside the value, or `null` (only in a site using §8.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Option<String>>,
}

/// A goal's `data.json`: its identity, the licence, and its series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct GoalData {
    /// Who and what: the same keys as in `/data/indicators.json` (of the first indicator).
    #[serde(flatten)]
    pub identity: GoalIdentity,
    /// Absolute URL of the goal page.
    pub url: String,
    /// Open data licence name.
    pub license: String,
    /// Open data licence URL.
    pub license_url: String,
    /// Rows of each indicator in turn, in year order, then kind order (baseline, actual,
    /// target).
    pub series: Vec<SeriesRow>,
    /// 前年度比 and このままのペース of each indicator in turn (§9).
    pub pace: Vec<super::pace::PaceEntry>,
    /// 事業費 (§8.2); left out for a goal without costs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<super::costs::CostRecord>,
}

/// Builds the [`GoalData`] of one goal.
pub(super) fn goal_data(site: &Site, dept: &Department, goal: &Goal) -> GoalData {
    let details = site.has_indicator_details();
    let mut rows = Vec::new();
    for (index, ind) in goal.indicators().iter().enumerate() {
        for e in series(site, ind) {
            if !details && e.value.is_none() {
                continue;
            }
            rows.push(SeriesRow {
                indicator_code: details.then(|| goal.indicator_code(index)),
                indicator: details.then(|| ind.name.clone()),
                fiscal_year: e.year.western(),
                label: e.year.label(),
                kind: match e.kind {
                    Kind::Baseline => "baseline",
                    Kind::Actual => "actual",
                    Kind::Target => "target",
                },
                value: e.value,
                step: details.then(|| e.value.and_then(|v| ind.step_name(v)).map(str::to_string)),
                note: details.then(|| e.note.map(str::to_string)),
            });
        }
    }
    GoalData {
        identity: GoalIdentity::new(site, dept, goal, 0, details),
        url: goal_url(site, dept, goal),
        license: site.config.license.clone(),
        license_url: site.config.license_url.clone(),
        series: rows,
        pace: super::pace::goal_pace(goal, details),
        cost: goal
            .facts
            .cost
            .as_ref()
            .map(|c| super::costs::CostRecord::new(c, site.config.population)),
    }
}

/// A goal's `data.json`.
pub(crate) fn goal_json(site: &Site, dept: &Department, goal: &Goal) -> Vec<u8> {
    to_pretty(&goal_data(site, dept, goal))
}

/// Pretty JSON (two-space indentation) with a trailing newline.
fn to_pretty<T: Serialize>(value: &T) -> Vec<u8> {
    // Our structs hold only strings, integers and finite floats: serialising cannot fail.
    let mut out = serde_json::to_vec_pretty(value).expect("plain data serialises");
    out.push(b'\n');
    out
}
