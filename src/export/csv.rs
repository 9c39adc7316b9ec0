//! CSV open data: each goal's long-format `data.csv` and the one-row-per-indicator
//! `/data/indicators.csv` (a goal with one indicator is one row).
//!
//! A site using §8.1 ([`Site::has_indicator_details`]) gets the extra columns
//! ([`GOAL_CSV_DETAIL_COLUMNS`], [`INDICATORS_CSV_DETAIL_COLUMNS`]) in every row alike.
//!
//! UTF-8 with BOM, CRLF, Japanese header, quoting by the `csv` crate (staff text may hold
//! commas, quotes and newlines). Our numbers are written as plain decimals; text cells that
//! start like a formula (`=`, `+`, `-`, `@`, tab, CR) get a leading `'` so Excel shows them
//! as text instead of running them.

use std::borrow::Cow;

use ::csv::{Terminator, Writer, WriterBuilder};

use crate::model::value::round_to;
use crate::model::{Department, Goal, Indicator, SeriesKind, Site};

use super::pace::{INDICATORS_CSV_PACE_COLUMNS, pace_cells};
use super::{Kind, goal_url, indicator_url, plain_number, plain_percent, series};

/// Columns a site using §8.1 adds to each goal's `data.csv`, after [`GOAL_CSV_HEADER`]:
/// 指標コード, the step name of a milestone value, and the note beside the value.
pub(super) const GOAL_CSV_DETAIL_COLUMNS: [&str; 3] = ["指標コード", "段階", "注記"];

/// Columns a site using §8.1 adds to `/data/indicators.csv`, after
/// [`INDICATORS_CSV_HEADER`].
pub(super) const INDICATORS_CSV_DETAIL_COLUMNS: [&str; 9] = [
    "指標コード",
    "指標の種類",
    "段階",
    "最新実績の段階",
    "最新実績の注記",
    "指標の定義",
    "出典",
    "対象外の理由",
    "指標URL",
];

/// The UTF-8 byte order mark, so Japanese Excel reads the file as UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Header of a goal's `data.csv`.
pub(super) const GOAL_CSV_HEADER: [&str; 10] = [
    "団体コード",
    "団体名",
    "課",
    "目標",
    "指標",
    "年度(西暦)",
    "年度(和暦)",
    "区分",
    "値",
    "単位",
];

/// Header of `/data/indicators.csv`, without the §9 columns that follow 達成率
/// ([`INDICATORS_CSV_PACE_COLUMNS`]). Like 評価/評価コード, 方向 is the Japanese label with
/// its code beside it; every year is given as 西暦 and 和暦; 進捗率 and 達成率 are rounded
/// to one decimal place, as the pages show them.
pub(super) const INDICATORS_CSV_HEADER: [&str; 24] = [
    "団体コード",
    "団体名",
    "課",
    "課スラッグ",
    "目標スラッグ",
    "目標",
    "指標",
    "単位",
    "方向",
    "方向コード",
    "初期値年度(西暦)",
    "初期値年度(和暦)",
    "初期値",
    "最新実績年度(西暦)",
    "最新実績年度(和暦)",
    "最新実績",
    "最終目標年度(西暦)",
    "最終目標年度(和暦)",
    "最終目標値",
    "進捗率",
    "達成率",
    "評価",
    "評価コード",
    "URL",
];

/// Where [`INDICATORS_CSV_PACE_COLUMNS`] go in [`INDICATORS_CSV_HEADER`]: after 達成率.
const PACE_AT: usize = 21;

/// Decimal places of 進捗率 and 達成率 in the CSV: the pages' one place.
const PERCENT_PLACES: u8 = 1;

/// Drops the 団体コード cell (always the first) when the site sets no
/// `municipality_code`, so the CSV has no column that is empty in every row.
fn code_column<T>(has_code: bool, mut row: Vec<T>) -> Vec<T> {
    if !has_code {
        row.remove(0);
    }
    row
}

/// Protects a text cell against CSV/formula injection: a cell starting with `=`, `+`, `-`,
/// `@`, tab or CR is prefixed with `'`. Only for text, never for our own numbers.
pub(super) fn protect_text(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV writer into a buffer that already holds the BOM.
pub(super) fn writer() -> Writer<Vec<u8>> {
    WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .from_writer(BOM.to_vec())
}

/// Writes one record; writing into a `Vec` cannot fail.
pub(super) fn write_row<I, T>(w: &mut Writer<Vec<u8>>, row: I)
where
    I: IntoIterator<Item = T>,
    T: AsRef<[u8]>,
{
    w.write_record(row).expect("writing CSV into memory");
}

pub(super) fn finish(w: Writer<Vec<u8>>) -> Vec<u8> {
    w.into_inner().expect("flushing CSV into memory")
}

/// A goal's `data.csv`: one row per value (long format), each indicator in turn, in year
/// order then 初期値, 実績, 目標値; the last target is 最終目標値.
pub(crate) fn goal_csv(site: &Site, dept: &Department, goal: &Goal) -> Vec<u8> {
    let config = &site.config;
    let details = site.has_indicator_details();
    let has_code = config.municipality_code.is_some();
    let code = config.municipality_code.as_deref().unwrap_or("");
    let mut w = writer();
    let detail_columns: &[&str] = if details {
        &GOAL_CSV_DETAIL_COLUMNS
    } else {
        &[]
    };
    write_row(
        &mut w,
        code_column(
            has_code,
            GOAL_CSV_HEADER.iter().chain(detail_columns).collect(),
        ),
    );
    for (index, ind) in goal.indicators().iter().enumerate() {
        let indicator_code = goal.indicator_code(index);
        for e in series(site, ind) {
            if !details && e.value.is_none() {
                continue;
            }
            let kind = match e.kind {
                Kind::Baseline => "初期値",
                Kind::Actual => "実績",
                Kind::Target if e.is_final => "最終目標値",
                Kind::Target => "目標値",
            };
            let western = e.year.western().to_string();
            let label = e.year.label();
            let value = e
                .value
                .map(|v| plain_number(v, ind.decimals))
                .unwrap_or_default();
            let mut row: Vec<String> = vec![
                protect_text(code).into_owned(),
                protect_text(&config.municipality).into_owned(),
                protect_text(&dept.title).into_owned(),
                protect_text(&goal.title).into_owned(),
                protect_text(&ind.name).into_owned(),
                western,
                label,
                kind.to_string(),
                value,
                protect_text(&ind.unit).into_owned(),
            ];
            if details {
                row.push(protect_text(&indicator_code).into_owned());
                row.push(step_cell(ind, e.value));
                row.push(
                    e.note
                        .map(|n| protect_text(n).into_owned())
                        .unwrap_or_default(),
                );
            }
            write_row(&mut w, code_column(has_code, row));
        }
    }
    // 事業費 (§8.2): 指標「事業費」, after the series; none for a goal without costs.
    for [western, label, kind, value, unit] in super::costs::goal_cost_rows(site, dept, goal) {
        let head = [
            code,
            &config.municipality,
            &dept.title,
            &goal.title,
            "事業費",
        ];
        let head = head.map(|t| protect_text(t).into_owned());
        write_row(
            &mut w,
            code_column(
                has_code,
                head.into_iter()
                    .chain([western, label, kind, value, unit])
                    .collect(),
            ),
        );
    }
    finish(w)
}

/// A milestone value's step name (empty for a numeric indicator).
fn step_cell(ind: &Indicator, value: Option<f64>) -> String {
    value
        .and_then(|v| ind.step_name(v))
        .map(|s| protect_text(s).into_owned())
        .unwrap_or_default()
}

/// `/data/indicators.csv`: one row per indicator, in `site.goals()` order. Each year is
/// two cells, 西暦 and 和暦; an undefined value is an empty cell.
pub(crate) fn write_indicators_csv(
    site: &Site,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let config = &site.config;
    let details = site.has_indicator_details();
    let has_code = config.municipality_code.is_some();
    let code = config.municipality_code.as_deref().unwrap_or("");
    out.write_all(BOM)?;
    let mut w = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .from_writer(out);
    let detail_columns: &[&str] = if details {
        &INDICATORS_CSV_DETAIL_COLUMNS
    } else {
        &[]
    };
    // The §9 columns go after 達成率 (the 21st column of the header).
    let (before_pace, after_pace) = INDICATORS_CSV_HEADER.split_at(PACE_AT);
    w.write_record(code_column(
        has_code,
        before_pace
            .iter()
            .chain(&INDICATORS_CSV_PACE_COLUMNS)
            .chain(after_pace)
            .chain(detail_columns)
            .collect(),
    ))?;
    for (dept, goal) in site.goals() {
        for (index, (ind, e)) in goal.evaluated().enumerate() {
            let d = ind.decimals;
            let year = |y: crate::model::FiscalYear| y.western().to_string();
            let wareki = |y: crate::model::FiscalYear| y.label();
            let percent = |p: f64| plain_percent(round_to(p, i32::from(PERCENT_PLACES)));
            let latest = e.latest;
            let url = goal_url(site, dept, goal);
            let mut row: Vec<String> = vec![
                protect_text(code).into_owned(),
                protect_text(&config.municipality).into_owned(),
                protect_text(&dept.title).into_owned(),
                protect_text(&dept.slug).into_owned(),
                protect_text(&goal.slug).into_owned(),
                protect_text(&goal.title).into_owned(),
                protect_text(&ind.name).into_owned(),
                protect_text(&ind.unit).into_owned(),
                ind.direction.label().to_string(),
                ind.direction.code().to_string(),
                year(ind.baseline.year),
                wareki(ind.baseline.year),
                plain_number(ind.baseline.value, d),
                latest.map(|p| year(p.year)).unwrap_or_default(),
                latest.map(|p| wareki(p.year)).unwrap_or_default(),
                latest.map(|p| plain_number(p.value, d)).unwrap_or_default(),
                year(e.final_target.year),
                wareki(e.final_target.year),
                plain_number(e.final_target.value, d),
                e.progress_pct.map(percent).unwrap_or_default(),
                e.achievement_pct.map(percent).unwrap_or_default(),
                e.status.label().to_string(),
                e.status.code().to_string(),
                protect_text(&url).into_owned(),
            ];
            row.splice(PACE_AT..PACE_AT, pace_cells(ind, e));
            if details {
                let text = |t: &Option<String>| {
                    t.as_deref()
                        .map(|t| protect_text(t).into_owned())
                        .unwrap_or_default()
                };
                let anchor = indicator_url(site, dept, goal, index);
                row.extend([
                    protect_text(&goal.indicator_code(index)).into_owned(),
                    if ind.is_milestone() {
                        "milestone"
                    } else {
                        "number"
                    }
                    .to_string(),
                    protect_text(&ind.steps().join("→")).into_owned(),
                    step_cell(ind, latest.map(|p| p.value)),
                    latest
                        .and_then(|p| ind.note(SeriesKind::Actual, p.year))
                        .map(|n| protect_text(n).into_owned())
                        .unwrap_or_default(),
                    text(&ind.details.definition),
                    text(&ind.details.source),
                    text(&ind.details.exclude),
                    protect_text(&anchor).into_owned(),
                ]);
            }
            w.write_record(code_column(has_code, row))?;
        }
    }
    w.flush()
}

/// [`write_indicators_csv`] into memory.
#[cfg(test)]
pub(crate) fn indicators_csv(site: &Site) -> Vec<u8> {
    let mut out = Vec::new();
    write_indicators_csv(site, &mut out).expect("writing CSV into memory");
    out
}
