//! 事業費 as open data (§8.2): `/data/costs.csv` (one row per goal and year),
//! `/data/costs.json` (one object per goal with its years), and the cost rows and key of
//! each goal's own `data.csv` / `data.json`. Written only for goals that have `cost:`, so
//! the files of a site without costs stay as they were.
//!
//! Figures are in the goal's unit (`unit`: 円, 千円, 万円; `unit_yen` says how many yen one
//! is); フルコスト = 決算 + 人件費; 住民1人当たり is in 円 (rounded to the nearest yen) and
//! only when config.toml has `population`.

use serde::Serialize;

use crate::model::cost::{Cost, per_resident_yen};
use crate::model::{Department, Goal, Site};

use super::csv::protect_text;
use super::{absolute, goal_url, plain_number};

/// Site-relative path of the all-goals cost CSV.
pub(crate) const COSTS_CSV_PATH: &str = "data/costs.csv";
/// Site-relative path of the all-goals cost JSON.
pub(crate) const COSTS_JSON_PATH: &str = "data/costs.json";

/// Header of `/data/costs.csv`.
pub(super) const COSTS_CSV_HEADER: [&str; 15] = [
    "団体コード",
    "団体名",
    "課",
    "課スラッグ",
    "目標スラッグ",
    "目標",
    "年度(西暦)",
    "年度(和暦)",
    "単位",
    "予算",
    "決算",
    "人件費",
    "フルコスト",
    "住民1人当たり(円)",
    "URL",
];

/// Whether any goal of the site has costs (the cost files exist only then).
pub(crate) fn has_costs(site: &Site) -> bool {
    site.goals().any(|(_, g)| g.facts.cost.is_some())
}

/// One year of a goal's costs; `null` where not written or not computable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct CostYearRecord {
    /// Western start year (`2024`).
    pub fiscal_year: u16,
    /// 和暦 label (`令和6年度`).
    pub label: String,
    /// 予算.
    pub budget: Option<f64>,
    /// 決算.
    pub settlement: Option<f64>,
    /// 人件費.
    pub personnel: Option<f64>,
    /// フルコスト = 決算 + 人件費.
    pub full_cost: Option<f64>,
    /// 住民1人当たり, in 円.
    pub per_resident_yen: Option<u64>,
}

/// A goal's costs: the unit and the years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct CostRecord {
    /// `千円`.
    pub unit: String,
    /// Yen in one unit (1, 1000, 10000).
    pub unit_yen: u32,
    /// 人口 used for 住民1人当たり, or `null`.
    pub population: Option<u64>,
    /// Years in order.
    pub years: Vec<CostYearRecord>,
}

impl CostRecord {
    /// The record of `cost` with the site's population.
    pub(super) fn new(cost: &Cost, population: Option<u64>) -> Self {
        CostRecord {
            unit: cost.unit.label().to_string(),
            unit_yen: cost.unit.yen(),
            population,
            years: cost
                .years
                .iter()
                .map(|y| {
                    let full = y.full_cost();
                    CostYearRecord {
                        fiscal_year: y.year.western(),
                        label: y.year.label(),
                        budget: y.budget,
                        settlement: y.settlement,
                        personnel: y.personnel,
                        full_cost: full,
                        per_resident_yen: full
                            .zip(population)
                            .and_then(|(f, p)| per_resident_yen(f, cost.unit, p)),
                    }
                })
                .collect(),
        }
    }
}

/// One object of `/data/costs.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct GoalCostRecord {
    /// 団体名.
    pub municipality: String,
    /// 全国地方公共団体コード, or `null`.
    pub municipality_code: Option<String>,
    /// 課名.
    pub department: String,
    /// The department's slug.
    pub department_slug: String,
    /// The goal's slug.
    pub slug: String,
    /// 目標名.
    pub title: String,
    /// The costs.
    #[serde(flatten)]
    pub cost: CostRecord,
    /// Absolute URL of the goal page.
    pub url: String,
}

/// `/data/costs.json`: one object per goal with costs, in `site.goals()` order.
pub(crate) fn costs_json(site: &Site) -> Vec<u8> {
    let records: Vec<GoalCostRecord> = site
        .goals()
        .filter_map(|(dept, goal)| {
            let cost = goal.facts.cost.as_ref()?;
            Some(GoalCostRecord {
                municipality: site.config.municipality.clone(),
                municipality_code: site.config.municipality_code.clone(),
                department: dept.title.clone(),
                department_slug: dept.slug.clone(),
                slug: goal.slug.clone(),
                title: goal.title.clone(),
                cost: CostRecord::new(cost, site.config.population),
                url: absolute(site, &crate::model::goal_path(goal)),
            })
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&records).expect("plain data serialises");
    out.push(b'\n');
    out
}

fn figure(value: Option<f64>, cost: &Cost) -> String {
    value
        .map(|v| plain_number(v, cost.decimals))
        .unwrap_or_default()
}

/// `/data/costs.csv`: one row per goal and year, in `site.goals()` order then year.
pub(crate) fn costs_csv(site: &Site) -> Vec<u8> {
    let config = &site.config;
    let code = config.municipality_code.as_deref().unwrap_or("");
    let mut w = super::csv::writer();
    super::csv::write_row(&mut w, COSTS_CSV_HEADER);
    for (dept, goal) in site.goals() {
        let Some(cost) = &goal.facts.cost else {
            continue;
        };
        for y in &cost.years {
            let full = y.full_cost();
            let per = full
                .zip(config.population)
                .and_then(|(f, p)| per_resident_yen(f, cost.unit, p));
            let row: [String; 15] = [
                protect_text(code).into_owned(),
                protect_text(&config.municipality).into_owned(),
                protect_text(&dept.title).into_owned(),
                protect_text(&dept.slug).into_owned(),
                protect_text(&goal.slug).into_owned(),
                protect_text(&goal.title).into_owned(),
                y.year.western().to_string(),
                y.year.label(),
                cost.unit.label().to_string(),
                figure(y.budget, cost),
                figure(y.settlement, cost),
                figure(y.personnel, cost),
                figure(full, cost),
                per.map(|p| p.to_string()).unwrap_or_default(),
                protect_text(&goal_url(site, dept, goal)).into_owned(),
            ];
            super::csv::write_row(&mut w, &row);
        }
    }
    super::csv::finish(w)
}

/// The rows a goal's `data.csv` gets for its costs, after its series: 指標 `事業費`, 区分
/// 予算 / 決算 / 人件費 / フルコスト / 住民1人当たり, in year order. Each row is the ten
/// columns of `GOAL_CSV_HEADER` from 年度 on (the first five are the goal's).
pub(crate) fn goal_cost_rows(site: &Site, _dept: &Department, goal: &Goal) -> Vec<[String; 5]> {
    let Some(cost) = &goal.facts.cost else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for y in &cost.years {
        let full = y.full_cost();
        let per = full
            .zip(site.config.population)
            .and_then(|(f, p)| per_resident_yen(f, cost.unit, p));
        let unit = cost.unit.label();
        let figures = [
            (
                "予算",
                y.budget.map(|v| plain_number(v, cost.decimals)),
                unit,
            ),
            (
                "決算",
                y.settlement.map(|v| plain_number(v, cost.decimals)),
                unit,
            ),
            (
                "人件費",
                y.personnel.map(|v| plain_number(v, cost.decimals)),
                unit,
            ),
            (
                "フルコスト",
                full.map(|v| plain_number(v, cost.decimals)),
                unit,
            ),
            ("住民1人当たり", per.map(|p| p.to_string()), "円"),
        ];
        for (kind, value, unit) in figures {
            if let Some(value) = value {
                rows.push([
                    y.year.western().to_string(),
                    y.year.label(),
                    kind.to_string(),
                    value,
                    unit.to_string(),
                ]);
            }
        }
    }
    rows
}
