//! JSON open data: `/data/indicators.json` (one [`IndicatorRecord`] per goal) and each goal's
//! `data.json` ([`GoalData`] with its long-format series).
//!
//! Structs with serde derive fix the key order; output is pretty-printed with two-space
//! indentation and ends with a newline.

use serde::{Serialize, Serializer};

use crate::model::value::round_to;
use crate::model::{Department, Direction, FiscalYear, Goal, Point, Site, Status};

use super::{Kind, absolute, goal_csv_path, goal_json_path, goal_url, reported_actuals, series};

/// Decimal places kept for the plan value p(ya), like the computed percentages.
const PLAN_PLACES: i32 = 4;

/// A fiscal year: western start year and its 和暦 label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearLabel {
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
pub struct YearValue {
    /// Western start year (`2025`).
    pub fiscal_year: u16,
    /// 和暦 label (`令和7年度`).
    pub label: String,
    /// The value, in the indicator's unit.
    pub value: f64,
}

impl From<Point> for YearValue {
    fn from(p: Point) -> Self {
        YearValue {
            fiscal_year: p.year.western(),
            label: p.year.label(),
            value: p.value,
        }
    }
}

/// The keys that say whose goal a record is, first in both JSON files.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalIdentity {
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
    /// 単位 (may be empty).
    pub unit: String,
    /// `up` / `down`.
    pub direction: Direction,
    /// Decimal places the sheet used.
    pub decimals: u8,
}

impl GoalIdentity {
    /// The identity of one goal.
    pub fn new(site: &Site, dept: &Department, goal: &Goal) -> Self {
        let ind = &goal.indicator;
        GoalIdentity {
            municipality: site.config.municipality.clone(),
            municipality_code: site.config.municipality_code.clone(),
            department: dept.title.clone(),
            department_slug: dept.slug.clone(),
            slug: goal.slug.clone(),
            title: goal.title.clone(),
            indicator: ind.name.clone(),
            unit: ind.unit.clone(),
            direction: ind.direction,
            decimals: ind.decimals,
        }
    }
}

/// The per-goal record used by `/data/indicators.json` (pub so templates and tests can
/// reuse it). Field order is the JSON key order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRecord {
    /// Who and what: the same keys as in each goal's `data.json`.
    #[serde(flatten)]
    pub identity: GoalIdentity,
    /// 初期値.
    pub baseline: YearValue,
    /// 実績 reported (not after `as_of`), in year order.
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
    /// 評価区分 code (`no_data`, `achieved`, `on_track`, `worse`, `behind`).
    pub status: Status,
    /// 評価区分 in Japanese (未測定, 達成, 順調, 悪化, 遅れ).
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

/// Builds the [`IndicatorRecord`] of one goal.
pub fn indicator_record(site: &Site, dept: &Department, goal: &Goal) -> IndicatorRecord {
    let ind = &goal.indicator;
    let e = &goal.evaluation;
    IndicatorRecord {
        identity: GoalIdentity::new(site, dept, goal),
        baseline: ind.baseline.into(),
        actual: reported_actuals(site, goal)
            .into_iter()
            .map(YearValue::from)
            .collect(),
        targets: ind.targets.iter().copied().map(YearValue::from).collect(),
        final_target: e.final_target.into(),
        latest: e.latest.map(YearValue::from),
        plan_value_at_latest: e.plan_at_latest.map(|p| round_to(p, PLAN_PLACES)),
        progress_pct: e.progress_pct,
        achievement_pct: e.achievement_pct,
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

/// `/data/indicators.json`: an array of [`IndicatorRecord`], in `site.goals()` order.
pub fn indicators_json(site: &Site) -> Vec<u8> {
    let mut out = Vec::new();
    write_indicators_json(site, &mut out).expect("writing into memory");
    out
}

/// [`indicators_json`] into `out`, one record at a time (the same text as serialising the
/// whole array): at 100,000 goals neither the records nor the file are held in memory.
pub fn write_indicators_json(site: &Site, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut json = serde_json::Serializer::pretty(&mut *out);
    json.collect_seq(
        site.goals()
            .map(|(dept, goal)| indicator_record(site, dept, goal)),
    )
    .map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// One row of a goal's series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesRow {
    /// Western start year (`2025`).
    pub fiscal_year: u16,
    /// 和暦 label (`令和7年度`).
    pub label: String,
    /// `baseline`, `actual` or `target`.
    pub kind: &'static str,
    /// The value, in the indicator's unit.
    pub value: f64,
}

/// A goal's `data.json`: its identity, the licence, and its series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalData {
    /// Who and what: the same keys as in `/data/indicators.json`.
    #[serde(flatten)]
    pub identity: GoalIdentity,
    /// Absolute URL of the goal page.
    pub url: String,
    /// Open data licence name.
    pub license: String,
    /// Open data licence URL.
    pub license_url: String,
    /// Rows in year order, then kind order (baseline, actual, target).
    pub series: Vec<SeriesRow>,
    /// 事業費 (§8.2); left out for a goal without costs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<super::costs::CostRecord>,
}

/// Builds the [`GoalData`] of one goal.
pub fn goal_data(site: &Site, dept: &Department, goal: &Goal) -> GoalData {
    GoalData {
        identity: GoalIdentity::new(site, dept, goal),
        url: goal_url(site, dept, goal),
        license: site.config.license.clone(),
        license_url: site.config.license_url.clone(),
        series: series(site, goal)
            .into_iter()
            .map(|e| SeriesRow {
                fiscal_year: e.year.western(),
                label: e.year.label(),
                kind: match e.kind {
                    Kind::Baseline => "baseline",
                    Kind::Actual => "actual",
                    Kind::Target => "target",
                },
                value: e.value,
            })
            .collect(),
        cost: goal
            .facts
            .cost
            .as_ref()
            .map(|c| super::costs::CostRecord::new(c, site.config.population)),
    }
}

/// A goal's `data.json`.
pub fn goal_json(site: &Site, dept: &Department, goal: &Goal) -> Vec<u8> {
    to_pretty(&goal_data(site, dept, goal))
}

/// Pretty JSON (two-space indentation) with a trailing newline.
fn to_pretty<T: Serialize>(value: &T) -> Vec<u8> {
    // Our structs hold only strings, integers and finite floats: serialising cannot fail.
    let mut out = serde_json::to_vec_pretty(value).expect("plain data serialises");
    out.push(b'\n');
    out
}
