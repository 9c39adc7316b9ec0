//! The 一覧表: one indicator a row, the years as columns, as towns publish their 成果指標
//! in Excel. The header row is the row with the most year columns; a year column's role
//! (基準値, 実績値, 目標値, 見込) is in its own header cell or in a header cell above it (a
//! merged 「実績値」 over several years reads as Excel shows it). Other columns are found by
//! their header words (施策, 指標名, 単位, 方向, 定義, 出典, 番号, 評価, 達成率). Rows with
//! the same 施策 one after another are one goal with several indicators.

use crate::diag::{Code, Diagnostics};

use super::form::{grade, provenance};
use super::grid::{Grid, GridCell};
use super::imported::{
    ImportedGoal, IndicatorDraft, Printed, PrintedPct, Role, compact, direction_word, read_pct,
    role_of, year_at,
};
use super::year::{EraName, era_named_in, looks_like_year};
use crate::model::FiscalYear;

/// Rows of one goal: its 施策 (if the table has the column), its first cell, the
/// indicators and the town's grade.
type GoalRows = (
    Option<String>,
    GridCell,
    Vec<IndicatorDraft>,
    Option<(String, String)>,
);

#[derive(Debug, Clone, PartialEq)]
enum Col {
    Title,
    Name,
    Unit,
    Direction,
    Definition,
    Source,
    Code,
    Grade,
    Printed(Printed),
    Value(Role, FiscalYear, Option<String>),
}

/// The year written in a header cell, without its role words and brackets.
fn year_text(header: &str) -> Option<String> {
    let mut t = compact(header);
    for w in [
        "最終目標値",
        "目標値",
        "実績値",
        "現状値",
        "計画値",
        "基準値",
        "最終目標",
        "目標",
        "実績",
        "基準",
        "見込み",
        "見込",
    ] {
        t = t.replace(w, "");
    }
    let t = t.trim_matches(|c| matches!(c, '(' | ')' | '（' | '）' | '[' | ']' | '・' | ' '));
    looks_like_year(t).then(|| t.to_string())
}

fn header_row(grid: &Grid) -> Option<usize> {
    let (i, n) = grid
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (i, r.iter().filter(|c| year_text(&c.text).is_some()).count()))
        .max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i)))?;
    let named = grid.rows[..=i].iter().flatten().any(|c| {
        let t = compact(&c.text);
        t.contains("指標") || t.contains("KPI")
    });
    (n >= 2 && named).then_some(i)
}

/// True when the grid is an 一覧表 (a header row with a 指標 column and two or more years).
pub(crate) fn is_list(grid: &Grid) -> bool {
    header_row(grid).is_some()
}

/// Reads the table's goals; a goal with an error is left out (errors in `diags`).
pub(crate) fn read(grid: &Grid, diags: &mut Diagnostics) -> Vec<ImportedGoal> {
    let Some(h) = header_row(grid) else {
        return Vec::new();
    };
    let era = era_named_in(&grid.all_text());
    let columns = columns(grid, h, era, diags);
    if diags.has_errors() {
        return Vec::new();
    }
    let mut goals: Vec<GoalRows> = Vec::new();
    for row in &grid.rows[h + 1..] {
        let at = |col: &Col| {
            columns
                .iter()
                .filter(|(_, c)| c == col)
                .find_map(|(i, _)| row.iter().find(|c| c.col == *i))
        };
        let Some(name) = at(&Col::Name) else { continue };
        let title = at(&Col::Title).map(|c| c.text.clone());
        let mut d = IndicatorDraft {
            name: name.text.clone(),
            cell: Some(name.clone()),
            unit: at(&Col::Unit).map(|c| c.text.clone()),
            direction: at(&Col::Direction).and_then(|c| direction_word(&c.text)),
            definition: at(&Col::Definition)
                .map(|c| c.text.clone())
                .into_iter()
                .collect(),
            source: at(&Col::Source).map(|c| c.text.clone()),
            code: at(&Col::Code).map(|c| c.text.clone()),
            errors_before: Some(diags.error_count()),
            ..Default::default()
        };
        for (i, col) in &columns {
            let Some(cell) = row.iter().find(|c| c.col == *i) else {
                continue;
            };
            match col {
                Col::Value(role, year, note) => {
                    let mut text = cell.text.clone();
                    if let Some(n) = note
                        && !text.contains(n.as_str())
                    {
                        text = format!("{text}（{n}）");
                    }
                    d.raw.push((*role, *year, Some(text), cell.clone()));
                }
                Col::Printed(what) => {
                    if let Some(pct) = read_pct(&cell.text) {
                        d.printed.push(PrintedPct {
                            what: *what,
                            year: None,
                            pct,
                            cell: cell.clone(),
                            place: grid.place(cell),
                        });
                    }
                }
                _ => {}
            }
        }
        let grade = at(&Col::Grade).and_then(|c| grade(&c.text));
        match goals.last_mut() {
            Some((Some(t), _, inds, g)) if title.as_ref() == Some(t) => {
                inds.push(d);
                if g.is_none() {
                    *g = grade;
                }
            }
            _ => goals.push((title, name.clone(), vec![d], grade)),
        }
    }
    goals
        .into_iter()
        .filter_map(|(title, first, drafts, grade)| {
            let indicators: Vec<_> = drafts
                .into_iter()
                .filter_map(|d| d.finish(grid, diags))
                .collect();
            let title = title.unwrap_or_else(|| {
                indicators
                    .first()
                    .map(|i| i.name.clone())
                    .unwrap_or_default()
            });
            (!indicators.is_empty()).then(|| ImportedGoal {
                title,
                indicators,
                basis: None,
                summary: None,
                cost: None,
                grade,
                provenance: provenance(grid, &first),
                at: (grid.path.clone(), first.line),
            })
        })
        .collect()
}

fn columns(
    grid: &Grid,
    h: usize,
    era: Option<EraName>,
    diags: &mut Diagnostics,
) -> Vec<(usize, Col)> {
    let mut out = Vec::new();
    // Each column's header: its cell in the header row, else the nearest one above.
    let mut headers: Vec<&GridCell> = Vec::new();
    for row in grid.rows[..=h].iter().rev() {
        for c in row {
            if !headers.iter().any(|k| k.col == c.col) {
                headers.push(c);
            }
        }
    }
    headers.sort_by_key(|c| c.col);
    for cell in headers {
        if cell.line != grid.rows[h][0].line && year_text(&cell.text).is_some() {
            continue;
        }
        let t = compact(&cell.text);
        let col = if let Some(y) = year_text(&cell.text) {
            // The role: this cell's words, else the nearest header cell above.
            let above = grid.rows[..h].iter().rev().find_map(|r| {
                r.iter()
                    .find(|c| c.col == cell.col)
                    .and_then(|c| role_of(&c.text).map(|r| (r, c.text.contains("見込"))))
            });
            let (role, estimate) = match role_of(&t) {
                Some(r) => (r, t.contains("見込")),
                None => above.unwrap_or((Role::Actual, false)),
            };
            let Some((year, note)) = year_at(grid, cell, &y, era, diags) else {
                continue;
            };
            let note = note.or_else(|| estimate.then(|| "見込".to_string()));
            Col::Value(role, year, note)
        } else if t.contains("達成率") {
            Col::Printed(Printed::Achievement)
        } else if t.contains("進捗率") {
            Col::Printed(Printed::Progress)
        } else if t.contains("定義") || t.contains("算出") || t.contains("内容") {
            Col::Definition
        } else if t.contains("番号") || t == "No" || t == "No." || t.contains("コード") {
            Col::Code
        } else if t.contains("指標") || t.contains("KPI") {
            Col::Name
        } else if t.contains("施策")
            || t.contains("目標名")
            || t.contains("政策")
            || t.contains("事業名")
        {
            Col::Title
        } else if t.contains("単位") {
            Col::Unit
        } else if t.contains("方向") && !t.contains("方向性") {
            Col::Direction
        } else if t.contains("出典") || t.contains("出所") {
            Col::Source
        } else if t.contains("評価") {
            Col::Grade
        } else if let Some(role) = role_of(&t) {
            diags.push(grid.diagnostic(
                false,
                Code::SheetYear,
                cell,
                format!("列「{}」の年度が書かれていません", cell.text),
                "見出しに「目標値（令和7年度）」のように年度を書き足してください（5ヵ年目標なら、その最終年度）",
            ));
            let _ = role;
            continue;
        } else {
            continue;
        };
        out.push((cell.col, col));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SourceFile;
    use crate::import::grid::from_csv;
    use crate::import::imported::Val;

    fn csv(text: &str) -> (Vec<ImportedGoal>, Diagnostics) {
        let mut d = Diagnostics::new();
        let grid = from_csv(SourceFile::new("l.csv", text.to_string()), &mut d);
        assert!(is_list(&grid));
        (read(&grid, &mut d), d)
    }

    #[test]
    fn years_as_columns_one_indicator_a_row_and_merged_roles_above() {
        let (goals, d) = csv(
            "施策,成果指標,単位,基準値,実績値,実績値,目標値,達成率\n,,,平成22年度,平成24年度,平成25年度見込,平成32年度,\n防災,自主防災組織率,%,57.1,66.6,69.5,93.0,\n防災,防災訓練参加者数,人,\"1,234\",なし,\"1,500\",\"2,000\",\nごみ,ごみ排出量,g/人,700,680,,600,101%\n",
        );
        assert!(!d.has_errors(), "{d:?}");
        assert_eq!(goals.len(), 2);
        assert_eq!(goals[0].indicators.len(), 2);
        let i = &goals[0].indicators[0];
        assert_eq!(i.baseline.year.western(), 2010);
        assert_eq!(i.actual[1].note.as_deref(), Some("見込"));
        assert_eq!(i.targets[0].year.western(), 2020);
        assert_eq!(goals[0].indicators[1].actual[0].val, Val::Null);
        assert_eq!(goals[1].indicators[0].printed.len(), 1);
    }

    #[test]
    fn a_target_column_without_a_year_is_refused() {
        let mut d = Diagnostics::new();
        let grid = from_csv(
            SourceFile::new(
                "l.csv",
                "指標名,平成25年度,平成26年度,5ヵ年目標\nごみ,700,680,600\n".to_string(),
            ),
            &mut d,
        );
        let goals = read(&grid, &mut d);
        assert!(goals.is_empty());
        let e = d
            .iter()
            .find(|d| d.code == Code::SheetYear.id())
            .expect("error");
        assert_eq!((e.line, e.column), (1, 4));
        assert!(
            e.message.contains("4列目") && e.message.contains("5ヵ年目標"),
            "{}",
            e.message
        );
    }
}
