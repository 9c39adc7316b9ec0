//! The view of 前年度比 and このままのペース (§9) on the goal page: `goal.pace` (a goal shown
//! as in §4) and `ind.pace` (each indicator of a goal using §8.1), and the 見込み cells of
//! the chart's data table. The sentences come from [`crate::model::pace_text`]; `None` for
//! an indicator §9 does not cover (no actual after the baseline year, 段階, 対象外).
//!
//! Template: `pace.html` (included by `goal.html` and `indicator_section.html`).

use serde::Serialize;

use crate::model::pace::{Pace, pace};
use crate::model::pace_text::{pace_words, shown_value};
use crate::model::{Evaluation, FiscalYear, Indicator};

/// 前年度比 and このままのペース of one indicator, in words.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PaceView {
    /// 前年度比: `+1.2ポイント（令和5年度 71.2% → 令和6年度 72.4%）`.
    pub change_text: String,
    /// The pace per year with its arithmetic.
    pub rate_text: String,
    /// Where the pace leads by the final target year, with its arithmetic; `None` when the
    /// latest actual is in or after that year.
    pub projection_text: Option<String>,
    /// Whether and when the final target is reached, or why not.
    pub reach_text: String,
    /// Whether the chart draws the projection (and its data table has the 見込み column).
    pub projection_shown: bool,
}

impl PaceView {
    /// The view of `indicator`'s pace as `evaluation` sees it, if §9 gives one.
    pub(crate) fn new(indicator: &Indicator, evaluation: &Evaluation) -> Option<Self> {
        let pace = pace(indicator, evaluation)?;
        let words = pace_words(indicator, &pace);
        Some(PaceView {
            change_text: words.change,
            rate_text: words.rate,
            projection_shown: words.projection.is_some(),
            projection_text: words.projection,
            reach_text: words.reach,
        })
    }
}

/// The 見込み cell of `year` in the chart's data table: the projection for the years after
/// the latest actual up to the final target year, else `None`.
pub(crate) fn projection_cell(
    indicator: &Indicator,
    pace: Option<&Pace>,
    year: FiscalYear,
) -> Option<String> {
    let pace = pace?;
    if year <= pace.latest.year || year > pace.final_target.year {
        return None;
    }
    pace.projection_at(year).map(|v| shown_value(indicator, v))
}
