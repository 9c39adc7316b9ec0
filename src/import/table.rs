//! Section 3 of a sheet, the 数値目標 table, → [`GoalTable`]. Rows are tab-separated as the
//! sheets really are: spaced labels (`目 標 名`), trailing tabs, continuation rows that start
//! with a tab, years in 和暦 (`令和元年度`, full-width digits) inside the label, values with
//! units and thousands separators (`74.6%`, `58地区`, `9,400人`). Years and values are read
//! with the model's own parsers ([`FiscalYear::parse`], [`parse_value`]), so the import
//! accepts exactly what the content format accepts.

use unicode_normalization::UnicodeNormalization;

use crate::content::SourceFile;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::FiscalYear;
use crate::model::value::parse_value;

use super::sheet::Line;

/// One value of the series with the line it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// 年度.
    pub year: FiscalYear,
    /// The number.
    pub value: f64,
    /// Decimal places as written (`75.0` → 1).
    pub decimals: u8,
    /// Sheet line.
    pub line: usize,
}

/// The goal of one sheet, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalTable {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Baseline,
    Actual,
    Target,
    FinalTarget,
}

/// Row labels of the series, longest first (最終目標値 before 目標値).
const KINDS: &[(&str, Kind)] = &[
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
const NO_VALUE: &[&str] = &["", "-", "－", "―", "ー", "—", "未集計", "未測定", "なし"];

/// A cell: its 1-based character column and trimmed text.
#[derive(Debug, Clone)]
struct Cell {
    column: usize,
    text: String,
}

/// A series row before its value is read (the unit is known only after all rows).
struct SeriesRow {
    kind: Kind,
    year: FiscalYear,
    value: Cell,
    line: usize,
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

    fn error(&mut self, code: &'static str, at: (usize, usize), message: String, help: &str) {
        self.report(Severity::Error, code, at, message, help);
    }

    fn warning(&mut self, code: &'static str, at: (usize, usize), message: String, help: &str) {
        self.report(Severity::Warning, code, at, message, help);
    }

    /// A finding at (line, column), shown with its sheet line.
    fn report(
        &mut self,
        severity: Severity,
        code: &'static str,
        (line, column): (usize, usize),
        message: String,
        help: &str,
    ) {
        let d = Diagnostic::error(code, &self.source.path, line, column, message);
        self.diags.push(
            Diagnostic { severity, ..d }
                .with_help(help)
                .with_source_line(self.source.line(line)),
        );
    }
}

/// Reads the table under `heading`; `None` (with errors pushed) when it cannot be used.
pub fn parse_table(
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
            "W-SHEET-ROW",
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
        "事業概要" => rows.summary = text(),
        "単位" => rows.unit = text(),
        "数値目標" if rest.is_empty() => {}
        "数値目標" => series_row(ctx, l.line, rest, rows),
        _ if kind_of(&label).is_some() => series_row(ctx, l.line, &cells, rows),
        _ => ctx.warning(
            "W-SHEET-ROW",
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

fn kind_of(label: &str) -> Option<(Kind, &str)> {
    KINDS
        .iter()
        .find_map(|(word, kind)| label.strip_prefix(word).map(|rest| (*kind, rest)))
}

/// `初期値（令和5年度）<tab>74.6%` or `初期値<tab>令和5年度<tab>74.6%`.
fn series_row(ctx: &mut Ctx, line: usize, cells: &[Cell], rows: &mut Rows) {
    let label = compact(&cells[0].text);
    let Some((kind, rest)) = kind_of(&label) else {
        ctx.error(
            "E-SHEET-ROW",
            (line, cells[0].column),
            format!(
                "「{}」は初期値・現状値・目標値・最終目標値のどれでもありません",
                cells[0].text
            ),
            "「初期値（令和5年度）<タブ>74.6%」のように書いてください",
        );
        return;
    };
    let in_label = rest.trim_start_matches('(').trim_end_matches(')');
    let (year_text, year_cell, value) = match cells {
        [_, value] => (in_label.to_string(), &cells[0], value.clone()),
        [_, year, value] if in_label.is_empty() => (year.text.clone(), year, value.clone()),
        [first] => (
            in_label.to_string(),
            first,
            Cell {
                column: 0,
                text: String::new(),
            },
        ),
        _ => {
            ctx.error(
                "E-SHEET-ROW",
                (line, cells[0].column),
                "数値目標の行の列が多すぎます".into(),
                "「初期値（令和5年度）<タブ>74.6%」のように、見出しと値の2列で書いてください",
            );
            return;
        }
    };
    match FiscalYear::parse(&year_text) {
        Ok(year) => rows.series.push(SeriesRow {
            kind,
            year,
            value,
            line,
        }),
        Err(e) => ctx.error(
            "E-SHEET-YEAR",
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

/// The unit written after the numbers: `74.6%` → `%`, `9,400人` → `人`, `△5件` → `件`.
pub fn unit_of(value: &str) -> String {
    let s: String = value.nfkc().collect();
    let s = s
        .trim()
        .trim_start_matches(['△', '▲', '-', '−'])
        .trim_start();
    s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        .trim()
        .to_string()
}

fn finish(ctx: &mut Ctx, heading: &Line, rows: Rows) -> Option<GoalTable> {
    let missing = |ctx: &mut Ctx, what: &str, example: &str| {
        ctx.error(
            "E-SHEET-MISSING",
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
                "E-SHEET-ROW",
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

fn read_value(ctx: &mut Ctx, row: &SeriesRow, unit: &str) -> Option<Entry> {
    let text = row.value.text.as_str();
    if NO_VALUE.contains(&text) {
        if row.kind == Kind::Actual {
            ctx.warning(
                "W-SHEET-NO-VALUE",
                (row.line, 1),
                format!(
                    "{}の実績値がないため、この行は取り込みませんでした",
                    row.year.label()
                ),
                "実績が出たら、目標のファイルの actual: に書き足してください",
            );
        } else {
            ctx.error(
                "E-SHEET-VALUE",
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
                "E-SHEET-VALUE",
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
fn check_years(
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
                    "E-SHEET-YEAR",
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
            "E-SHEET-YEAR",
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
            "E-SHEET-YEAR",
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> (Option<GoalTable>, Diagnostics) {
        let source = SourceFile::new("s.txt", text.to_string());
        let body: Vec<Line> = text
            .lines()
            .enumerate()
            .map(|(i, t)| Line {
                line: i + 2,
                text: t.to_string(),
            })
            .collect();
        let heading = Line {
            line: 1,
            text: "**3**".into(),
        };
        let mut diags = Diagnostics::new();
        (parse_table(&source, &heading, &body, &mut diags), diags)
    }

    #[test]
    fn reads_the_seed_table_with_spaced_labels_and_trailing_tabs() {
        let (t, d) = table(
            "目 標 名\t地域コミュニティの推進\t\n指 標 名\t自治会加入割合\t\n数値目標\t初期値（令和5年度）\t74.6%\n\t現状値（令和6年度）\t72.1%\n\t目標値（令和7年度）\t72.7%\n\t最終目標値（令和11年度）\t75.0%\n設定根拠\t第六次毛呂山町総合振興計画前期基本計画\t\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let t = t.unwrap();
        assert_eq!(
            (t.title.as_str(), t.indicator.as_str(), t.unit.as_str()),
            ("地域コミュニティの推進", "自治会加入割合", "%")
        );
        assert_eq!(t.baseline.year.western(), 2023);
        assert_eq!(t.actual[0].value, 72.1);
        assert_eq!(
            t.targets
                .iter()
                .map(|e| e.year.western())
                .collect::<Vec<_>>(),
            [2025, 2029]
        );
        assert_eq!(t.targets[1].decimals, 1);
        assert_eq!(t.summary, None);
    }

    #[test]
    fn gannen_full_width_digits_and_thousands_separators() {
        let (t, d) = table(
            "目標名\t健康づくり\n指標名\t健診受診者数\n数値目標\t初期値（令和元年度）\t９，４００人\n\t最終目標値（令和１０年度）\t12,000人\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let t = t.unwrap();
        assert_eq!(t.baseline.year.western(), 2019);
        assert_eq!((t.baseline.value, t.unit.as_str()), (9400.0, "人"));
        assert_eq!(t.targets[0].year.western(), 2028);
    }

    #[test]
    fn a_wrong_unit_or_year_is_an_error_at_its_line() {
        let (t, d) = table(
            "目標名\ta\n指標名\tb\n数値目標\t初期値（令和5年度）\t74.6%\n\t最終目標値（令和0年度）\t75人\n",
        );
        assert!(t.is_none());
        let lines: Vec<(usize, &str)> = d.iter().map(|d| (d.line, d.code)).collect();
        assert_eq!(lines, [(5, "E-SHEET-YEAR")]);
        let (_, d) = table(
            "目標名\ta\n指標名\tb\n数値目標\t初期値（令和5年度）\t74.6%\n\t最終目標値（令和9年度）\t75人\n",
        );
        assert_eq!(
            d.iter()
                .map(|d| (d.line, d.column, d.code))
                .collect::<Vec<_>>(),
            [(5, 15, "E-SHEET-VALUE")]
        );
    }

    #[test]
    fn missing_rows_are_named() {
        let (t, d) = table("目標名\ta\n");
        assert!(t.is_none());
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains("指標名")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("初期値")),
            "{messages:?}"
        );
    }

    #[test]
    fn units_come_from_the_values() {
        assert_eq!(unit_of("74.6%"), "%");
        assert_eq!(unit_of("９，４００人"), "人");
        assert_eq!(unit_of("△5件"), "件");
        assert_eq!(unit_of("58"), "");
    }
}
