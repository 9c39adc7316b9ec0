//! CSV open data: each goal's long-format `data.csv` and the one-row-per-goal
//! `/data/indicators.csv`.
//!
//! UTF-8 with BOM, CRLF, Japanese header, quoting by the `csv` crate (staff text may hold
//! commas, quotes and newlines). Our numbers are written as plain decimals; text cells that
//! start like a formula (`=`, `+`, `-`, `@`, tab, CR) get a leading `'` so Excel shows them
//! as text instead of running them.

use std::borrow::Cow;

use ::csv::{Terminator, Writer, WriterBuilder};

use crate::model::{Department, Goal, Site};

use super::{Kind, goal_url, plain_number, plain_percent, series};

/// The UTF-8 byte order mark, so Japanese Excel reads the file as UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Header of a goal's `data.csv`.
pub const GOAL_CSV_HEADER: [&str; 10] = [
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

/// Header of `/data/indicators.csv`.
pub const INDICATORS_CSV_HEADER: [&str; 20] = [
    "団体コード",
    "団体名",
    "課",
    "課スラッグ",
    "目標スラッグ",
    "目標",
    "指標",
    "単位",
    "方向",
    "初期値年度",
    "初期値",
    "最新実績年度",
    "最新実績",
    "最終目標年度",
    "最終目標値",
    "進捗率",
    "達成率",
    "評価",
    "評価コード",
    "URL",
];

/// Protects a text cell against CSV/formula injection: a cell starting with `=`, `+`, `-`,
/// `@`, tab or CR is prefixed with `'`. Only for text, never for our own numbers.
pub fn protect_text(text: &str) -> Cow<'_, str> {
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

/// A goal's `data.csv`: one row per value (long format), in year order then 初期値, 実績,
/// 目標値; the last target is 最終目標値.
pub fn goal_csv(site: &Site, dept: &Department, goal: &Goal) -> Vec<u8> {
    let config = &site.config;
    let ind = &goal.indicator;
    let code = config.municipality_code.as_deref().unwrap_or("");
    let mut w = writer();
    write_row(&mut w, GOAL_CSV_HEADER);
    for e in series(site, goal) {
        let kind = match e.kind {
            Kind::Baseline => "初期値",
            Kind::Actual => "実績",
            Kind::Target if e.is_final => "最終目標値",
            Kind::Target => "目標値",
        };
        let western = e.year.western().to_string();
        let label = e.year.label();
        let value = plain_number(e.value, ind.decimals);
        write_row(
            &mut w,
            [
                protect_text(code).as_ref(),
                protect_text(&config.municipality).as_ref(),
                protect_text(&dept.title).as_ref(),
                protect_text(&goal.title).as_ref(),
                protect_text(&ind.name).as_ref(),
                western.as_str(),
                label.as_str(),
                kind,
                value.as_str(),
                protect_text(&ind.unit).as_ref(),
            ],
        );
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
            head.into_iter().chain([western, label, kind, value, unit]),
        );
    }
    finish(w)
}

/// `/data/indicators.csv`: one row per goal, in `site.goals()` order. Years are 西暦
/// numbers; an undefined value is an empty cell.
pub fn indicators_csv(site: &Site) -> Vec<u8> {
    let config = &site.config;
    let code = config.municipality_code.as_deref().unwrap_or("");
    let mut w = writer();
    write_row(&mut w, INDICATORS_CSV_HEADER);
    for (dept, goal) in site.goals() {
        let ind = &goal.indicator;
        let e = &goal.evaluation;
        let d = ind.decimals;
        let year = |y: crate::model::FiscalYear| y.western().to_string();
        let latest = e.latest;
        let row: [String; 20] = [
            protect_text(code).into_owned(),
            protect_text(&config.municipality).into_owned(),
            protect_text(&dept.title).into_owned(),
            protect_text(&dept.slug).into_owned(),
            protect_text(&goal.slug).into_owned(),
            protect_text(&goal.title).into_owned(),
            protect_text(&ind.name).into_owned(),
            protect_text(&ind.unit).into_owned(),
            ind.direction.code().to_string(),
            year(ind.baseline.year),
            plain_number(ind.baseline.value, d),
            latest.map(|p| year(p.year)).unwrap_or_default(),
            latest.map(|p| plain_number(p.value, d)).unwrap_or_default(),
            year(e.final_target.year),
            plain_number(e.final_target.value, d),
            e.progress_pct.map(plain_percent).unwrap_or_default(),
            e.achievement_pct.map(plain_percent).unwrap_or_default(),
            e.status.label().to_string(),
            e.status.code().to_string(),
            protect_text(&goal_url(site, dept, goal)).into_owned(),
        ];
        write_row(&mut w, &row);
    }
    finish(w)
}
