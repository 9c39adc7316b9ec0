//! Section 3 of a sheet, the 数値目標 table, → [`GoalTable`]. Rows are tab-separated as the
//! sheets really are: spaced labels (`目 標 名`), trailing tabs, continuation rows that start
//! with a tab, years in 和暦 (`令和元年度`, full-width digits) inside the label, values with
//! units and thousands separators (`74.6%`, `58地区`, `9,400人`). Years and values are read
//! with the model's own parsers ([`FiscalYear::parse`], [`crate::model::value::parse_value`]), so the import
//! accepts exactly what the content format accepts.

use unicode_normalization::UnicodeNormalization;

use crate::content::SourceFile;
use crate::diag::{Code, Diagnostic, Diagnostics, Severity};
use crate::model::FiscalYear;

use super::sheet::Line;

mod series;

pub(crate) use series::{Entry, unit_of};
use series::{Kind, NO_VALUE, SeriesRow, check_years, kind_of, read_value};

/// The goal of one sheet, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GoalTable {
    /// 目標名.
    pub title: String,
    /// 指標名.
    pub indicator: String,
    /// 単位, from the values (`%`, `地区`, `人`); empty when none was written.
    pub unit: String,
    /// 初期値.
    pub baseline: Entry,
    /// 現状値 / 実績値, in year order.
    pub actual: Vec<Entry>,
    /// 目標値 and 最終目標値, in year order (the last is the final target).
    pub targets: Vec<Entry>,
    /// 設定根拠.
    pub basis: Option<String>,
    /// 事業概要.
    pub summary: Option<String>,
}

/// A cell: its 1-based character column and trimmed text.
#[derive(Debug, Clone)]
struct Cell {
    column: usize,
    text: String,
}

/// Text rows of the table, collected before they are checked.
#[derive(Default)]
struct Rows {
    title: Option<String>,
    indicator: Option<String>,
    unit: Option<String>,
    basis: Option<String>,
    summary: Option<String>,
    series: Vec<SeriesRow>,
}

struct Ctx<'a> {
    source: &'a SourceFile,
    diags: &'a mut Diagnostics,
    errors_before: usize,
}

impl Ctx<'_> {
    /// True when a row of this table already had an error (so a missing series row is
    /// not reported twice).
    fn failed(&self) -> bool {
        self.diags.error_count() > self.errors_before
    }

    fn error(&mut self, code: Code, at: (usize, usize), message: String, help: &str) {
        self.report(code, at, message, help);
    }

    fn warning(&mut self, code: Code, at: (usize, usize), message: String, help: &str) {
        self.report(code, at, message, help);
    }

    /// A finding at (line, column), shown with its sheet line; error or warning as the
    /// catalog says.
    fn report(&mut self, code: Code, (line, column): (usize, usize), message: String, help: &str) {
        let path = &self.source.path;
        let d = match code.severity() {
            Severity::Error => Diagnostic::error(code, path, line, column, message),
            Severity::Warning => Diagnostic::warning(code, path, line, column, message),
        };
        self.diags
            .push(d.with_help(help).with_source_line(self.source.line(line)));
    }
}

/// Reads the table under `heading`; `None` (with errors pushed) when it cannot be used.
pub(crate) fn parse_table(
    source: &SourceFile,
    heading: &Line,
    body: &[Line],
    diags: &mut Diagnostics,
) -> Option<GoalTable> {
    let errors_before = diags.error_count();
    let mut ctx = Ctx {
        source,
        diags,
        errors_before,
    };
    let mut rows = Rows::default();
    for l in body.iter().filter(|l| !l.text.trim().is_empty()) {
        read_row(&mut ctx, l, &mut rows);
    }
    let table = finish(&mut ctx, heading, rows);
    (ctx.diags.error_count() == errors_before).then_some(table?)
}

fn read_row(ctx: &mut Ctx, l: &Line, rows: &mut Rows) {
    if !l.text.contains('\t') {
        ctx.warning(
            Code::SheetRowSkipped,
            (l.line, 1),
            "表の行として読めません（タブ区切りがありません）。この行は読み飛ばしました".into(),
            "見出しと値の間をタブで区切ってください（例: 指標名<タブ>自治会加入割合）",
        );
        return;
    }
    let cells = split_cells(&l.text);
    let Some(first) = cells.first() else {
        return;
    };
    let label = compact(&first.text);
    let rest = &cells[1..];
    let text = || {
        let joined: Vec<&str> = rest.iter().map(|c| c.text.as_str()).collect();
        let joined = joined.join(" ");
        (!joined.is_empty()).then_some(joined)
    };
    match label.as_str() {
        "目標名" => rows.title = text(),
        "指標名" => rows.indicator = text(),
        "設定根拠" => rows.basis = text(),
        // `目標値設定の根拠・理由` starts with 目標値 but is the basis, not a target.
        l if l.contains("根拠") => rows.basis = text(),
        "事業概要" => rows.summary = text(),
        "単位" => rows.unit = text(),
        "数値目標" if rest.is_empty() => {}
        "数値目標" => series_row(ctx, l.line, rest, rows),
        _ if kind_of(&label).is_some() => series_row(ctx, l.line, &cells, rows),
        _ => ctx.warning(
            Code::SheetRowSkipped,
            (l.line, first.column),
            format!("表の見出し「{}」は様式にないため読み飛ばしました", first.text),
            "目標名・指標名・数値目標（初期値・現状値・目標値・最終目標値）・設定根拠・事業概要のどれかを書いてください",
        ),
    }
}

/// Splits a row at tabs. Leading empty cells (a continuation row) and trailing ones (the
/// trailing tab) are dropped.
fn split_cells(text: &str) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut column = 1;
    for part in text.split('\t') {
        let lead = part.chars().take_while(|c| c.is_whitespace()).count();
        if !part.trim().is_empty() {
            cells.push(Cell {
                column: column + lead,
                text: part.trim().to_string(),
            });
        }
        column += part.chars().count() + 1;
    }
    cells
}

/// `目 標 名` → `目標名`; full-width letters and digits made half-width.
fn compact(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// `初期値（令和5年度）<tab>74.6%` or `初期値<tab>令和5年度<tab>74.6%`.
fn series_row(ctx: &mut Ctx, line: usize, cells: &[Cell], rows: &mut Rows) {
    let label = compact(&cells[0].text);
    let Some((kind, rest)) = kind_of(&label) else {
        ctx.error(
            Code::SheetRow,
            (line, cells[0].column),
            format!(
                "「{}」は初期値・現状値・目標値・最終目標値のどれでもありません",
                cells[0].text
            ),
            "「初期値（令和5年度）<タブ>74.6%」のように書いてください",
        );
        return;
    };
    let (in_label, after) = year_in_label(rest);
    let (year_text, year_cell, value) = match cells {
        [_, value] => (in_label.to_string(), &cells[0], value.clone()),
        [_, year, value] if in_label.is_empty() => (year.text.clone(), year, value.clone()),
        // `初期値（令和5年度）74.6%` with no tab: the value follows the parenthesis.
        [first] => (
            in_label.to_string(),
            first,
            Cell {
                column: first.column,
                text: after.to_string(),
            },
        ),
        _ => {
            ctx.error(
                Code::SheetRow,
                (line, cells[0].column),
                "数値目標の行の列が多すぎます".into(),
                "「初期値（令和5年度）<タブ>74.6%」のように、見出しと値の2列で書いてください",
            );
            return;
        }
    };
    // What the content format cannot read but a town's sheet means plainly (平成32年度,
    // 平成25年: contract §8.5) is read with a warning, and written in the 令和 form.
    let parsed = FiscalYear::parse_noted(&year_text)
        .map(|(year, note)| {
            if let Some(note) = note {
                ctx.warning(
                    Code::SheetYearWarning,
                    (line, year_cell.column),
                    note.message(),
                    "取り込んだファイルの年度を確かめてください（年度は4月始まりです）",
                );
            }
            year
        })
        .or_else(
            |e| -> Result<FiscalYear, crate::model::fiscal_year::FiscalYearError> {
                let lenient = super::year::read_year(&year_text, None).map_err(|_| e)?;
                if let Some(w) = lenient.warning {
                    ctx.warning(
                        Code::SheetYearWarning,
                        (line, year_cell.column),
                        w,
                        "取り込んだファイルの年度を確かめてください（年度は4月始まりです）",
                    );
                }
                Ok(lenient.year)
            },
        );
    match parsed {
        Ok(year) => rows.series.push(SeriesRow {
            kind,
            year,
            value,
            line,
        }),
        Err(e) => ctx.error(
            Code::SheetYear,
            (line, year_cell.column),
            if year_text.is_empty() {
                format!("「{}」に年度が書かれていません", cells[0].text)
            } else {
                e.to_string()
            },
            "「初期値（令和5年度）」のように、括弧の中に年度を書いてください（令和元年度、R7、2025年度も読めます）",
        ),
    }
}

/// `(令和5年度)` → (`令和5年度`, nothing); `(令和6年度実績)74.6%` → (`令和6年度`, `74.6%`): the
/// year in the label's parentheses (up to 年度, so 末, 実績 or 見込み after it do not
/// matter) and whatever follows them.
fn year_in_label(rest: &str) -> (&str, &str) {
    let (inside, after) = match rest.strip_prefix('(') {
        Some(inner) => inner
            .split_once(')')
            .map_or((inner, ""), |(year, after)| (year, after.trim())),
        None => (rest, ""),
    };
    let year = inside
        .find("年度")
        .map_or(inside, |i| &inside[..i + "年度".len()]);
    (year, after)
}

/// The table from its rows: required rows present, the unit, values read, years checked.
fn finish(ctx: &mut Ctx, heading: &Line, rows: Rows) -> Option<GoalTable> {
    let missing = |ctx: &mut Ctx, what: &str, example: &str| {
        ctx.error(
            Code::SheetMissing,
            (heading.line, 1),
            format!("数値目標の表に「{what}」の行がありません"),
            example,
        );
    };
    let unit = rows.unit.clone().unwrap_or_else(|| {
        rows.series
            .iter()
            .map(|r| unit_of(&r.value.text))
            .find(|u| !u.is_empty() && !NO_VALUE.contains(&u.as_str()))
            .unwrap_or_default()
    });
    let mut baseline: Option<Entry> = None;
    let (mut actual, mut targets) = (Vec::new(), Vec::new());
    let mut final_target: Option<Entry> = None;
    for row in &rows.series {
        let Some(entry) = read_value(ctx, row, &unit) else {
            continue;
        };
        match row.kind {
            Kind::Baseline if baseline.is_some() => ctx.error(
                Code::SheetRow,
                (row.line, 1),
                "初期値が2回書かれています".into(),
                "初期値の行は1つにしてください",
            ),
            Kind::Baseline => baseline = Some(entry),
            Kind::Actual => actual.push(entry),
            Kind::Target => targets.push(entry),
            Kind::FinalTarget => {
                final_target = Some(entry);
                targets.push(entry);
            }
        }
    }
    let series_failed = ctx.failed();
    if rows.title.is_none() {
        missing(
            ctx,
            "目標名",
            "「目標名<タブ>地域コミュニティの推進」の行を書いてください",
        );
    }
    if rows.indicator.is_none() {
        missing(
            ctx,
            "指標名",
            "「指標名<タブ>自治会加入割合」の行を書いてください",
        );
    }
    let Some(baseline) = baseline else {
        if series_failed {
            return None;
        }
        missing(
            ctx,
            "初期値",
            "「数値目標<タブ>初期値（令和5年度）<タブ>74.6%」の行を書いてください",
        );
        return None;
    };
    if targets.is_empty() {
        if series_failed {
            return None;
        }
        missing(
            ctx,
            "目標値",
            "「<タブ>最終目標値（令和11年度）<タブ>75.0%」の行を書いてください",
        );
        return None;
    }
    check_years(ctx, &baseline, &mut actual, &mut targets, final_target);
    Some(GoalTable {
        title: rows.title?,
        indicator: rows.indicator?,
        unit,
        baseline,
        actual,
        targets,
        basis: rows.basis,
        summary: rows.summary,
    })
}

#[cfg(test)]
mod tests;
