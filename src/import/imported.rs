//! What a town's indicator table says, once read, whatever its form ([`super::form`],
//! [`super::list`]): goals with one or more indicators, each value with its year, note and
//! cell; costs and the town's own grade. [`IndicatorDraft::finish`] checks a series as the
//! content format needs it (a baseline, targets after it, one value a year) and
//! [`check_arithmetic`] compares the 達成率 and 進捗率 the sheet printed with the contract's
//! (§5).

use unicode_normalization::UnicodeNormalization;

use crate::diag::{Code, Diagnostics};
use crate::model::evaluation::evaluate;
use crate::model::indicator::{Indicator, Point as ModelPoint};
use crate::model::value::{format_number, format_percent, parse_value};
use crate::model::{Direction, FiscalYear};

use super::grid::{Grid, GridCell};
use super::year::{EraName, read_year};

/// A value as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    /// A number and its decimal places.
    Num(f64, u8),
    /// A step of a qualitative indicator (`設置`, `策定`).
    Step(String),
    /// Not measured (`なし`, `－`).
    Null,
}

/// One value of a series.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Point {
    /// 年度.
    pub year: FiscalYear,
    /// The value.
    pub val: Val,
    /// `見込` …
    pub note: Option<String>,
    /// Where it was.
    pub cell: GridCell,
}

/// Which series a value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// 初期値, 基準値.
    Baseline,
    /// 現状値, 実績値.
    Actual,
    /// 目標値, 計画値.
    Target,
    /// 最終目標値.
    FinalTarget,
}

/// The role a label names, if any: the longest word first (`最終目標値` before `目標値`).
/// `目標値設定の根拠` is no role (it is the basis).
pub(crate) fn role_of(label: &str) -> Option<Role> {
    let l = compact(label);
    if l.contains("根拠") || l.contains("理由") || l.contains("達成率") || l.contains("進捗率")
    {
        return None;
    }
    const WORDS: &[(&str, Role)] = &[
        ("最終目標", Role::FinalTarget),
        ("目標", Role::Target),
        ("計画値", Role::Target),
        ("初期値", Role::Baseline),
        ("基準値", Role::Baseline),
        ("基準", Role::Baseline),
        ("現状値", Role::Actual),
        ("現況値", Role::Actual),
        ("実績値", Role::Actual),
        ("実績", Role::Actual),
        ("見込", Role::Actual),
    ];
    WORDS
        .iter()
        .filter_map(|(w, r)| l.find(w).map(|i| (i, std::cmp::Reverse(w.len()), *r)))
        .min_by_key(|(i, len, _)| (*i, *len))
        .map(|(_, _, r)| r)
}

/// `目 標 名` → `目標名`; full-width letters and digits half-width.
pub(crate) fn compact(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Printed on the sheet: 達成率 or 進捗率.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Printed {
    /// 達成率.
    Achievement,
    /// 進捗率.
    Progress,
}

/// A percentage the sheet printed, to compare.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PrintedPct {
    /// Which.
    pub what: Printed,
    /// For which year (`None`: the latest actual).
    pub year: Option<FiscalYear>,
    /// The number.
    pub pct: f64,
    /// Where.
    pub cell: GridCell,
    /// The sheet and cell in words ([`Grid::place`]).
    pub place: String,
}

/// An indicator being read.
#[derive(Debug, Clone, Default)]
pub(crate) struct IndicatorDraft {
    /// 指標名.
    pub name: String,
    /// Where the name was.
    pub cell: Option<GridCell>,
    /// 指標番号.
    pub code: Option<String>,
    /// 単位 as written in a 単位 row or column.
    pub unit: Option<String>,
    /// 方向.
    pub direction: Option<Direction>,
    /// 指標の定義・算出方法.
    pub definition: Vec<String>,
    /// 出典.
    pub source: Option<String>,
    /// Values with their roles, as read (values still text).
    pub raw: Vec<(Role, FiscalYear, Option<String>, GridCell)>,
    /// 達成率 / 進捗率 as printed.
    pub printed: Vec<PrintedPct>,
    /// Errors in `diags` when the indicator started (its rows' own errors count as its own).
    pub errors_before: Option<usize>,
}

/// An indicator, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ImportedIndicator {
    /// 指標名.
    pub name: String,
    /// 指標番号.
    pub code: Option<String>,
    /// 単位.
    pub unit: String,
    /// Given on the sheet (`None`: inferred by the importer).
    pub direction: Option<Direction>,
    /// 定義.
    pub definition: Option<String>,
    /// 出典.
    pub source: Option<String>,
    /// 初期値.
    pub baseline: Point,
    /// 実績, in year order.
    pub actual: Vec<Point>,
    /// 目標値, in year order.
    pub targets: Vec<Point>,
    /// Steps of a qualitative indicator, in order.
    pub steps: Option<Vec<String>>,
    /// As printed.
    pub printed: Vec<PrintedPct>,
    /// Where the indicator starts.
    pub cell: GridCell,
}

/// One year of costs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct CostYear {
    /// 予算額.
    pub budget: Option<f64>,
    /// 決算額.
    pub settlement: Option<f64>,
    /// 人件費.
    pub personnel: Option<f64>,
}

/// A goal, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ImportedGoal {
    /// 目標名 / 施策名.
    pub title: String,
    /// Its indicators.
    pub indicators: Vec<ImportedIndicator>,
    /// 設定根拠.
    pub basis: Option<String>,
    /// 事業概要.
    pub summary: Option<String>,
    /// Cost unit and years.
    pub cost: Option<(String, Vec<(FiscalYear, CostYear)>)>,
    /// The town's grade: code and label (`C`, `概ね順調`).
    pub grade: Option<(String, String)>,
    /// Where the goal came from (`表.xlsx シート「一覧」 行 4`).
    pub provenance: String,
    /// The file and line of its start.
    pub at: (std::path::PathBuf, usize),
}

/// Written in a value cell for "not measured".
pub(crate) const NO_VALUE: &[&str] = &[
    "-",
    "－",
    "―",
    "ー",
    "—",
    "‐",
    "なし",
    "無し",
    "未測定",
    "未集計",
    "未実施",
    "×",
    "/",
    "／",
];

/// Steps of qualitative indicators, in the order they happen.
const STEP_ORDER: &[&str] = &[
    "未着手",
    "未設置",
    "未策定",
    "未実施",
    "検討",
    "検討中",
    "準備",
    "準備中",
    "策定中",
    "一部設置",
    "設置",
    "策定",
    "実施",
    "開始",
    "運用",
    "完了",
];

/// The unit written after a number: `57.10%` → `%`, `611g/人` → `g/人`.
pub(crate) fn unit_after_number(text: &str) -> String {
    let s: String = text.nfkc().collect();
    let s = s
        .trim()
        .trim_start_matches(['△', '▲', '-', '−'])
        .trim_start();
    let rest = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    if rest.len() == s.len() {
        return String::new();
    }
    strip_note(rest.trim()).0.to_string()
}

/// `69.5（見込）` → (`69.5`, 見込); `1,234人見込` → (`1,234人`, 見込).
fn strip_note(text: &str) -> (&str, Option<String>) {
    for note in ["見込み", "見込", "速報値", "速報", "暫定値", "暫定"] {
        for form in [format!("({note})"), format!("（{note}）"), note.to_string()] {
            if let Some(rest) = text.strip_suffix(form.as_str()) {
                let n = note.trim_end_matches('み').trim_end_matches('値');
                return (rest.trim(), Some(n.to_string()));
            }
        }
    }
    // Any other note in brackets after the value: `12団体（9月30日現在）`.
    if let Some(inner) = text.strip_suffix(')')
        && let Some((value, note)) = inner.rsplit_once('(')
        && !note.is_empty()
    {
        return (value.trim(), Some(note.to_string()));
    }
    (text, None)
}

/// Reads a value cell in the indicator's unit.
pub(crate) fn read_val(text: &str, unit: &str) -> Result<(Val, Option<String>), String> {
    let norm: String = text.nfkc().collect();
    let t = norm.trim();
    if NO_VALUE.contains(&t) || NO_VALUE.contains(&text.trim()) {
        return Ok((Val::Null, None));
    }
    let (t, note) = strip_note(t);
    if !t.starts_with(|c: char| c.is_ascii_digit() || "△▲-−".contains(c)) {
        if t.chars().count() <= 12 && !t.is_empty() {
            return Ok((Val::Step(t.to_string()), note));
        }
        return Err(format!("「{text}」は値として読めません"));
    }
    let parsed = parse_value(t, unit).map_err(|e| e.to_string())?;
    Ok((Val::Num(parsed.value, parsed.decimals), note))
}

/// `アップ`, `↑`, `高いほど良い`, `増加` → up; `ダウン`, `↓`, `減少` → down.
pub(crate) fn direction_word(text: &str) -> Option<Direction> {
    let t = compact(text);
    const UP: &[&str] = &[
        "アップ",
        "↑",
        "上昇",
        "増加",
        "高いほど",
        "多いほど",
        "up",
        "UP",
        "向上",
        "拡大",
    ];
    const DOWN: &[&str] = &[
        "ダウン",
        "↓",
        "減少",
        "低いほど",
        "少ないほど",
        "down",
        "DOWN",
        "低減",
        "削減",
        "縮小",
    ];
    if DOWN.iter().any(|w| t.contains(w)) {
        Some(Direction::Down)
    } else if UP.iter().any(|w| t.contains(w)) {
        Some(Direction::Up)
    } else {
        None
    }
}

/// A year cell, reported at its cell when it cannot be read; warnings go to `diags` too.
pub(crate) fn year_at(
    grid: &Grid,
    cell: &GridCell,
    text: &str,
    era: Option<EraName>,
    diags: &mut Diagnostics,
) -> Option<(FiscalYear, Option<String>)> {
    match read_year(text, era) {
        Ok(r) => {
            if let Some(w) = r.warning {
                diags.push(grid.diagnostic(
                    true,
                    Code::SheetYearWarning,
                    cell,
                    w,
                    "取り込んだファイルの年度を確かめてください（年度は4月始まりです）",
                ));
            }
            Some((r.year, r.note))
        }
        Err(e) => {
            diags.push(grid.diagnostic(
                false,
                Code::SheetYear,
                cell,
                e,
                "「目標値（令和7年度）」のように年度を書いてください（平成32年度、R7、2025年度も読めます）",
            ));
            None
        }
    }
}

impl IndicatorDraft {
    /// Checks the series; `None` (errors in `diags`) when it cannot be written.
    pub(crate) fn finish(self, grid: &Grid, diags: &mut Diagnostics) -> Option<ImportedIndicator> {
        let errors = self.errors_before.unwrap_or(diags.error_count());
        let name_cell = self.cell.clone()?;
        let unit = self.unit.clone().unwrap_or_else(|| {
            self.raw
                .iter()
                .filter_map(|(_, _, t, _)| t.as_deref())
                .map(unit_after_number)
                .find(|u| !u.is_empty())
                .unwrap_or_default()
        });
        let unit = strip_unit_brackets(&unit);
        let mut points: Vec<(Role, Point)> = Vec::new();
        for (role, year, text, cell) in &self.raw {
            let Some(text) = text else { continue };
            match read_val(text, &unit) {
                Ok((val, note)) => points.push((
                    *role,
                    Point {
                        year: *year,
                        val,
                        note,
                        cell: cell.clone(),
                    },
                )),
                Err(e) => diags.push(grid.diagnostic(
                    false,
                    Code::SheetValue,
                    cell,
                    e,
                    format!(
                        "「{}」のように、数値と単位（{unit}）で書いてください",
                        if unit.is_empty() {
                            "12".to_string()
                        } else {
                            format!("12{unit}")
                        }
                    ),
                )),
            }
        }
        // A qualitative indicator: every written value a step (numbers mixed in are errors).
        let qualitative = points.iter().any(|(_, p)| matches!(p.val, Val::Step(_)));
        if qualitative {
            for (_, p) in &points {
                if let Val::Num(..) = p.val {
                    diags.push(grid.diagnostic(
                        false,
                        Code::SheetValue,
                        &p.cell,
                        "段階（設置・策定など）で書かれた指標に数値が混ざっています",
                        "この指標の値はすべて段階の言葉で書くか、すべて数値で書いてください",
                    ));
                }
            }
        }
        let mut baseline: Option<Point> = None;
        let (mut actual, mut targets) = (Vec::new(), Vec::new());
        for (role, p) in points {
            match role {
                Role::Baseline if baseline.is_none() && p.val != Val::Null => baseline = Some(p),
                Role::Baseline => actual.push(p),
                Role::Actual => actual.push(p),
                Role::Target | Role::FinalTarget => targets.push(p),
            }
        }
        targets.retain(|p| p.val != Val::Null);
        actual.sort_by_key(|p| (p.year, p.cell.line, p.cell.column));
        targets.sort_by_key(|p| (p.year, p.cell.line, p.cell.column));
        // No 基準値: the earliest 現状値 before every target is the baseline.
        if baseline.is_none()
            && let Some(i) = actual.iter().position(|p| p.val != Val::Null)
            && targets.first().is_none_or(|t| actual[i].year < t.year)
        {
            let p = actual.remove(i);
            diags.push(grid.diagnostic(
                true,
                Code::SheetBaseline,
                &p.cell,
                format!(
                    "基準値（初期値）がないため、最も早い現状値（{}）を初期値としました",
                    p.year.label()
                ),
                "別の年度を初期値にするなら、取り込んだファイルの baseline を直してください",
            ));
            baseline = Some(p);
        }
        let Some(baseline) = baseline else {
            if diags.error_count() == errors {
                diags.push(grid.diagnostic(false, Code::SheetMissing, &name_cell, format!("指標「{}」に基準値（初期値）がありません", self.name), "「基準値（平成22年度）<タブ>57.1%」のような行（一覧表なら基準値の列）を書いてください"));
            }
            return None;
        };
        if targets.is_empty() {
            if diags.error_count() == errors {
                diags.push(grid.diagnostic(false, Code::SheetMissing, &name_cell, format!("指標「{}」に目標値がありません", self.name), "「目標値（令和7年度）<タブ>93.0%」のような行（一覧表なら目標値の列）を書いてください"));
            }
            return None;
        }
        for (series, what) in [(&actual, "実績値"), (&targets, "目標値")] {
            for pair in series.windows(2) {
                if pair[0].year == pair[1].year {
                    diags.push(grid.diagnostic(
                        false,
                        Code::SheetYear,
                        &pair[1].cell,
                        format!("{}の{what}が2回書かれています", pair[1].year.label()),
                        "同じ年度の値は1つにしてください",
                    ));
                }
            }
        }
        if targets[0].year <= baseline.year {
            diags.push(grid.diagnostic(
                false,
                Code::SheetYear,
                &targets[0].cell,
                format!(
                    "目標値の年度（{}）が基準値の年度（{}）より後ではありません",
                    targets[0].year.label(),
                    baseline.year.label()
                ),
                "目標値は基準値より後の年度にしてください",
            ));
        }
        actual.retain(|p| p.year != baseline.year || p.val != baseline.val);
        let steps = qualitative.then(|| {
            let mut steps: Vec<String> = Vec::new();
            for p in std::iter::once(&baseline).chain(&actual).chain(&targets) {
                if let Val::Step(s) = &p.val
                    && !steps.contains(s)
                {
                    steps.push(s.clone());
                }
            }
            let rank = |s: &String| STEP_ORDER.iter().position(|k| k == s);
            if steps.iter().all(|s| rank(s).is_some()) {
                steps.sort_by_key(rank);
            }
            steps
        });
        (diags.error_count() == errors).then(|| ImportedIndicator {
            name: self.name,
            code: self.code,
            unit,
            direction: self.direction,
            definition: (!self.definition.is_empty()).then(|| self.definition.join(" ")),
            source: self.source,
            baseline,
            actual,
            targets,
            steps,
            printed: self.printed,
            cell: name_cell,
        })
    }
}

/// `（%）` → `%`.
fn strip_unit_brackets(unit: &str) -> String {
    let u: String = unit.nfkc().collect();
    u.trim()
        .trim_start_matches(['(', '（', '['])
        .trim_end_matches([')', '）', ']'])
        .trim()
        .to_string()
}

impl ImportedIndicator {
    /// The direction to write: the sheet's, else inferred from the final target against
    /// the baseline (`None`: equal, or qualitative without a direction).
    pub(crate) fn direction_or_inferred(&self) -> Option<Direction> {
        if self.steps.is_some() {
            return Some(Direction::Up);
        }
        self.direction.or_else(|| {
            let (Val::Num(b, _), Val::Num(f, _)) = (&self.baseline.val, &self.targets.last()?.val)
            else {
                return None;
            };
            if f > b {
                Some(Direction::Up)
            } else if f < b {
                Some(Direction::Down)
            } else {
                None
            }
        })
    }

    /// The model's indicator for the contract's arithmetic (numeric indicators only).
    pub(crate) fn model(&self) -> Option<Indicator> {
        let num = |p: &Point| match p.val {
            Val::Num(v, _) => Some(ModelPoint {
                year: p.year,
                value: v,
            }),
            _ => None,
        };
        Some(Indicator {
            name: self.name.clone(),
            unit: self.unit.clone(),
            direction: self.direction_or_inferred().unwrap_or(Direction::Up),
            baseline: num(&self.baseline)?,
            actual: self.actual.iter().filter_map(num).collect(),
            targets: self.targets.iter().map(num).collect::<Option<Vec<_>>>()?,
            decimals: 1,
            details: Default::default(),
        })
    }
}

/// A printed percentage that differs from the contract's by more than rounding.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ArithmeticMismatch {
    /// The sheet's.
    pub printed: PrintedPct,
    /// hyoka's.
    pub computed: f64,
    /// The formula with the numbers (Japanese).
    pub formula: String,
}

/// Compares each printed 達成率 / 進捗率 with §5. Rounding: a difference under one unit of
/// the last printed digit (at least 1 point for whole percentages) is not reported.
pub(crate) fn check_arithmetic(ind: &ImportedIndicator) -> Vec<ArithmeticMismatch> {
    let Some(model) = ind.model() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for printed in &ind.printed {
        let as_of = printed.year.or_else(|| model.actual.last().map(|p| p.year));
        let Some(as_of) = as_of else { continue };
        let Some(a) = model.latest_actual(Some(as_of)) else {
            continue;
        };
        let e = evaluate(&model, Some(as_of));
        let b = model.baseline.value;
        let f = model.final_target().value;
        let p = model.plan_value(a.year);
        let fmt = |v: f64| format_number(v, 2);
        let (computed, formula) = match printed.what {
            Printed::Achievement => {
                let formula = match model.direction {
                    Direction::Up => format!(
                        "達成率 = 実績 {} ÷ {}の計画値 {} × 100（高いほど良い指標）",
                        fmt(a.value),
                        a.year.label(),
                        fmt(p)
                    ),
                    Direction::Down => format!(
                        "達成率 = {}の計画値 {} ÷ 実績 {} × 100（低いほど良い指標）",
                        a.year.label(),
                        fmt(p),
                        fmt(a.value)
                    ),
                };
                (e.achievement_pct, formula)
            }
            Printed::Progress => (
                e.progress_pct,
                format!(
                    "進捗率 = (実績 {} − 基準値 {}) ÷ (最終目標値 {} − 基準値 {}) × 100",
                    fmt(a.value),
                    fmt(b),
                    fmt(f),
                    fmt(b)
                ),
            ),
        };
        let Some(computed) = computed else { continue };
        let decimals = printed_decimals(&printed.cell.text);
        let tolerance = if decimals == 0 {
            1.0
        } else {
            10f64.powi(-i32::from(decimals))
        };
        if (computed - printed.pct).abs() >= tolerance {
            out.push(ArithmeticMismatch {
                printed: printed.clone(),
                computed,
                formula,
            });
        }
    }
    out
}

fn printed_decimals(text: &str) -> u8 {
    let t: String = text.nfkc().collect();
    t.trim_end_matches('%').split_once('.').map_or(0, |(_, f)| {
        f.chars().take_while(char::is_ascii_digit).count() as u8
    })
}

/// `101%` → 101.
pub(crate) fn read_pct(text: &str) -> Option<f64> {
    let t: String = text.nfkc().collect();
    let t = t.trim().trim_end_matches('%').trim();
    let (neg, t) = match t.strip_prefix(['△', '▲', '-', '−']) {
        Some(r) => (true, r),
        None => (false, t),
    };
    let v: f64 = t.replace(',', "").parse().ok()?;
    Some(if neg { -v } else { v })
}

/// The mismatch's message: both figures and the formula.
pub(crate) fn mismatch_message(ind: &ImportedIndicator, m: &ArithmeticMismatch) -> String {
    let what = match m.printed.what {
        Printed::Achievement => "達成率",
        Printed::Progress => "進捗率",
    };
    format!(
        "指標「{}」: シートの{what} {}% と、hyoka の計算 {} が違います（{}）",
        ind.name,
        format_number(m.printed.pct, printed_decimals(&m.printed.cell.text)),
        format_percent(m.computed),
        m.formula
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> GridCell {
        GridCell {
            col: 0,
            text: text.into(),
            line: 1,
            column: 1,
        }
    }

    fn grid() -> Grid {
        Grid {
            path: "t.txt".into(),
            sheet: None,
            csv: false,
            rows: Vec::new(),
            source: None,
        }
    }

    #[test]
    fn labels_name_roles_and_the_basis_is_no_target() {
        assert_eq!(role_of("基準値"), Some(Role::Baseline));
        assert_eq!(role_of("現状値（平成22年度）"), Some(Role::Actual));
        assert_eq!(role_of("目標（平成32年）"), Some(Role::Target));
        assert_eq!(role_of("目標値（5ヵ年）"), Some(Role::Target));
        assert_eq!(role_of("計画値"), Some(Role::Target));
        assert_eq!(role_of("平成25（基準値）"), Some(Role::Baseline));
        assert_eq!(role_of("最終目標値（令和11年度）"), Some(Role::FinalTarget));
        assert_eq!(role_of("目標値設定の根拠・理由"), None);
        assert_eq!(role_of("達成率(%)"), None);
    }

    #[test]
    fn values_as_towns_write_them() {
        assert_eq!(read_val("57.10%", "%").unwrap(), (Val::Num(57.1, 2), None));
        assert_eq!(
            read_val("611g/人", "g/人").unwrap(),
            (Val::Num(611.0, 0), None)
        );
        assert_eq!(read_val("1,234人", "人").unwrap().0, Val::Num(1234.0, 0));
        assert_eq!(read_val("なし", "%").unwrap().0, Val::Null);
        assert_eq!(read_val("－", "%").unwrap().0, Val::Null);
        assert_eq!(
            read_val("69.5%（見込）", "%").unwrap(),
            (Val::Num(69.5, 1), Some("見込".into()))
        );
        assert_eq!(read_val("設置", "").unwrap().0, Val::Step("設置".into()));
        assert!(read_val("57.1人", "%").is_err());
        assert_eq!(unit_after_number("611g/人"), "g/人");
        assert_eq!(unit_after_number("69.5%見込"), "%");
        assert_eq!(
            read_val("12団体（9月30日現在）", "団体").unwrap(),
            (Val::Num(12.0, 0), Some("9月30日現在".into()))
        );
    }

    #[test]
    fn directions_in_words() {
        assert_eq!(direction_word("アップ"), Some(Direction::Up));
        assert_eq!(direction_word("ダウン ↓"), Some(Direction::Down));
        assert_eq!(direction_word("維持"), None);
    }

    fn draft(raw: &[(Role, u16, &str)]) -> IndicatorDraft {
        IndicatorDraft {
            name: "x".into(),
            cell: Some(cell("x")),
            raw: raw
                .iter()
                .map(|(r, y, t)| {
                    (
                        *r,
                        FiscalYear::new(*y).unwrap(),
                        Some(t.to_string()),
                        cell(t),
                    )
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn the_earliest_actual_is_the_baseline_when_none_is_given() {
        let mut d = Diagnostics::new();
        let i = draft(&[
            (Role::Actual, 2010, "57.1%"),
            (Role::Actual, 2012, "66.6%"),
            (Role::Target, 2020, "93%"),
        ])
        .finish(&grid(), &mut d)
        .unwrap();
        assert_eq!(i.baseline.year.western(), 2010);
        assert_eq!(i.actual.len(), 1);
        assert_eq!(
            d.iter().map(|d| d.code).collect::<Vec<_>>(),
            [Code::SheetBaseline.id()]
        );
    }

    #[test]
    fn steps_are_ordered_as_they_happen() {
        let mut d = Diagnostics::new();
        let i = draft(&[
            (Role::Baseline, 2023, "未着手"),
            (Role::Target, 2026, "運用"),
            (Role::Actual, 2024, "策定"),
        ])
        .finish(&grid(), &mut d)
        .unwrap();
        assert_eq!(i.steps.unwrap(), ["未着手", "策定", "運用"]);
    }

    #[test]
    fn a_printed_rate_that_disagrees_is_found_with_the_formula() {
        let mut d = Diagnostics::new();
        let mut dr = draft(&[
            (Role::Baseline, 2013, "700g"),
            (Role::Actual, 2015, "680g"),
            (Role::Target, 2017, "600g"),
        ]);
        dr.printed.push(PrintedPct {
            what: Printed::Achievement,
            year: None,
            pct: 101.0,
            cell: cell("101%"),
            place: String::new(),
        });
        dr.printed.push(PrintedPct {
            what: Printed::Progress,
            year: None,
            pct: 20.0,
            cell: cell("20%"),
            place: String::new(),
        });
        let i = dr.finish(&grid(), &mut d).unwrap();
        let m = check_arithmetic(&i);
        // plan for 2015 = 650, down: 650 / 680 = 95.6%; progress (680-700)/(600-700) = 20%.
        assert_eq!(m.len(), 1, "{m:?}");
        assert!((m[0].computed - 95.588).abs() < 0.01);
        assert!(m[0].formula.contains("低いほど良い"), "{}", m[0].formula);
        assert!(mismatch_message(&i, &m[0]).contains("101%"));
    }
}
