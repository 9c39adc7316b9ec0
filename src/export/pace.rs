//! 前年度比 and このままのペース (§9) in the open data: the keys of `/data/indicators.json`
//! ([`PaceFields`], flattened into each record), the `pace` list of a goal's `data.json`
//! ([`PaceEntry`]) and the cells of `/data/indicators.csv` ([`INDICATORS_CSV_PACE_COLUMNS`]).
//!
//! Values are the exact results of [`crate::model::pace`] as the nearest `f64` (one division),
//! so `0.6` is written `0.6`; `null` (an empty CSV cell) where §9 gives none.

use serde::Serialize;

use crate::model::pace::pace;
use crate::model::{Evaluation, Goal, Indicator};

use super::json::{YearLabel, YearValue};
use super::plain_number;

/// Columns `/data/indicators.csv` has for §9, after 達成率.
pub(super) const INDICATORS_CSV_PACE_COLUMNS: [&str; 8] = [
    "比較年度(西暦)",
    "比較年度(和暦)",
    "比較年度の値",
    "前年度比",
    "1年あたりの変化",
    "最終目標年度の見込み",
    "最終目標値に届く見込みの年度(西暦)",
    "最終目標値に届く見込みの年度(和暦)",
];

/// Most decimal places of a pace or a projection in the CSV (trailing zeros dropped).
const CSV_PLACES: u8 = 6;

/// The §9 keys of an indicator's record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct PaceFields {
    /// The value 前年度比 compares with: the latest earlier actual, or the baseline; `null`.
    pub previous: Option<YearValue>,
    /// 前年度比: latest actual − `previous`, or `null`.
    pub change_from_previous: Option<f64>,
    /// このままのペース: (latest − baseline) ÷ years between them, per year, or `null`.
    pub pace_per_year: Option<f64>,
    /// The projection for the final target year, or `null`.
    pub projected_final: Option<f64>,
    /// The first year the projection is at least as good as the final target (the latest
    /// actual's year when already reached), or `null`.
    pub projected_reach_year: Option<YearLabel>,
}

impl PaceFields {
    /// The §9 keys of `ind` as `e` sees it; the §8.1 keys of `previous` when `details`.
    pub(super) fn new(ind: &Indicator, e: &Evaluation, details: bool) -> Self {
        let Some(p) = pace(ind, e) else {
            return PaceFields {
                previous: None,
                change_from_previous: None,
                pace_per_year: None,
                projected_final: None,
                projected_reach_year: None,
            };
        };
        PaceFields {
            previous: Some(YearValue::new(
                ind,
                p.previous_kind,
                p.previous.year,
                Some(p.previous.value),
                details,
            )),
            change_from_previous: Some(p.change.value()),
            pace_per_year: Some(p.per_year.value()),
            projected_final: p.projected_final.map(|v| v.value()),
            projected_reach_year: p.reach_year().map(YearLabel::from),
        }
    }
}

/// One indicator's §9 keys in a goal's `data.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct PaceEntry {
    /// 指標コード (only in a site using §8.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator_code: Option<String>,
    /// 指標名 (only in a site using §8.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The keys, as in `/data/indicators.json`.
    #[serde(flatten)]
    pub fields: PaceFields,
}

/// The `pace` list of a goal's `data.json`: one entry per indicator, in order.
pub(super) fn goal_pace(goal: &Goal, details: bool) -> Vec<PaceEntry> {
    goal.evaluated()
        .enumerate()
        .map(|(index, (ind, e))| PaceEntry {
            indicator_code: details.then(|| goal.indicator_code(index)),
            indicator: details.then(|| ind.name.clone()),
            fields: PaceFields::new(ind, e, details),
        })
        .collect()
}

/// The [`INDICATORS_CSV_PACE_COLUMNS`] cells of `ind` (empty where §9 gives none).
pub(super) fn pace_cells(ind: &Indicator, e: &Evaluation) -> Vec<String> {
    let Some(p) = pace(ind, e) else {
        return vec![String::new(); INDICATORS_CSV_PACE_COLUMNS.len()];
    };
    let reach = p.reach_year();
    vec![
        p.previous.year.western().to_string(),
        p.previous.year.label(),
        plain_number(p.previous.value, ind.decimals),
        plain_number(p.change.value(), ind.decimals),
        trimmed(p.per_year.rounded(CSV_PLACES)),
        p.projected_final
            .map(|v| trimmed(v.rounded(CSV_PLACES)))
            .unwrap_or_default(),
        reach.map(|y| y.western().to_string()).unwrap_or_default(),
        reach.map(|y| y.label()).unwrap_or_default(),
    ]
}

/// At most [`CSV_PLACES`] decimals, trailing zeros dropped (`0.6`, `1`, `0.333333`).
fn trimmed(value: f64) -> String {
    let text = plain_number(value, CSV_PLACES);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() || text == "-" {
        "0".to_string()
    } else {
        text.to_string()
    }
}
