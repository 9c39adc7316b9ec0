//! The 数値目標 rows of a table: which series a row belongs to (初期値, 現状値, 目標値,
//! 最終目標値), its value read with the model's [`parse_value`] in the indicator's unit,
//! and the year rules the content format needs (one value a year, the baseline first, the
//! 最終目標値 last).

use unicode_normalization::UnicodeNormalization;

use crate::diag::Code;
use crate::model::FiscalYear;
use crate::model::value::parse_value;

use super::{Cell, Ctx};

/// One value of the series with the line it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Entry {
    /// 年度.
    pub year: FiscalYear,
    /// The number.
    pub value: f64,
    /// Decimal places as written (`75.0` → 1).
    pub decimals: u8,
    /// Sheet line.
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Baseline,
    Actual,
    Target,
    FinalTarget,
}

/// Row labels of the series, longest first (最終目標値 before 目標値).
pub(super) const KINDS: &[(&str, Kind)] = &[
    ("最終目標値", Kind::FinalTarget),
    ("最終目標", Kind::FinalTarget),
    ("目標値", Kind::Target),
    ("初期値", Kind::Baseline),
    ("基準値", Kind::Baseline),
    ("現状値", Kind::Actual),
    ("実績値", Kind::Actual),
    ("実績", Kind::Actual),
];

/// Written in a value cell when there is no value yet.
pub(super) const NO_VALUE: &[&str] = &["", "-", "－", "―", "ー", "—", "未集計", "未測定", "なし"];

/// A series row before its value is read (the unit is known only after all rows).
pub(super) struct SeriesRow {
    pub(super) kind: Kind,
    pub(super) year: FiscalYear,
    pub(super) value: Cell,
    pub(super) line: usize,
}

pub(super) fn kind_of(label: &str) -> Option<(Kind, &str)> {
    KINDS
        .iter()
        .find_map(|(word, kind)| label.strip_prefix(word).map(|rest| (*kind, rest)))
}

/// The unit written after the numbers: `74.6%` → `%`, `9,400人` → `人`, `△5件` → `件`.
pub(crate) fn unit_of(value: &str) -> String {
    let s: String = value.nfkc().collect();
    let s = s
        .trim()
        .trim_start_matches(['△', '▲', '-', '−'])
        .trim_start();
    s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        .trim()
        .to_string()
}

pub(super) fn read_value(ctx: &mut Ctx, row: &SeriesRow, unit: &str) -> Option<Entry> {
    let text = row.value.text.as_str();
    if NO_VALUE.contains(&text) {
        if row.kind == Kind::Actual {
            ctx.warning(
                Code::SheetNoValue,
                (row.line, 1),
                format!(
                    "{}の実績値がないため、この行は取り込みませんでした",
                    row.year.label()
                ),
                "実績が出たら、目標のファイルの actual: に書き足してください",
            );
        } else {
            ctx.error(
                Code::SheetValue,
                (row.line, 1),
                "値が書かれていません".into(),
                "「74.6%」のように数値を書いてください",
            );
        }
        return None;
    }
    match parse_value(text, unit) {
        Ok(parsed) => Some(Entry {
            year: row.year,
            value: parsed.value,
            decimals: parsed.decimals,
            line: row.line,
        }),
        Err(e) => {
            ctx.error(
                Code::SheetValue,
                (row.line, row.value.column),
                e.to_string(),
                &e.help(),
            );
            None
        }
    }
}

/// Sorts the series by year and checks what the content format requires: one value a
/// year, the baseline before every target, the 最終目標値 the latest target.
pub(super) fn check_years(
    ctx: &mut Ctx,
    baseline: &Entry,
    actual: &mut [Entry],
    targets: &mut [Entry],
    final_target: Option<Entry>,
) {
    for (series, what) in [(&mut *actual, "現状値"), (&mut *targets, "目標値")] {
        series.sort_by_key(|e| (e.year, e.line));
        for pair in series.windows(2) {
            if pair[0].year == pair[1].year {
                ctx.error(
                    Code::SheetYear,
                    (pair[1].line, 1),
                    format!(
                        "{}の{}が2回書かれています（{}行目にもあります）",
                        pair[1].year.label(),
                        what,
                        pair[0].line
                    ),
                    "同じ年度の行は1つにしてください",
                );
            }
        }
    }
    if let Some(first) = targets.first()
        && first.year <= baseline.year
    {
        ctx.error(
            Code::SheetYear,
            (baseline.line, 1),
            format!(
                "初期値の年度（{}）が目標値の年度（{}）より後か同じです",
                baseline.year.label(),
                first.year.label()
            ),
            "初期値は計画の始まりの年度、目標値はそれより後の年度です",
        );
    }
    if let (Some(f), Some(last)) = (final_target, targets.last())
        && last.year > f.year
    {
        ctx.error(
            Code::SheetYear,
            (last.line, 1),
            format!(
                "目標値の年度（{}）が最終目標値の年度（{}）より後です",
                last.year.label(),
                f.year.label()
            ),
            "最終目標値は最も後の年度の目標です",
        );
    }
}
