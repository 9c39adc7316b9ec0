//! The 施策 form: a table of labelled rows, one label and its cells a row, as towns'
//! 施策評価シート and 成果指標 tables are written (from Word, PDF, CSV or a workbook
//! sheet). A title row (施策名, 目標名) starts a goal; each 成果指標 / 指標名 row starts an
//! indicator of that goal (several indicators under one 施策 are one goal). Series rows carry
//! their role and year in the label (`目標（平成32年）`, `平成25（基準値）`) or in the next
//! cell; 達成率 / 進捗率 rows are kept to check the town's arithmetic; 予算額, 決算額, 人件費
//! and the town's grade (`C 概ね順調`) are kept for §8.2 and §8.3.

use crate::diag::{Code, Diagnostics};

use super::grid::{Grid, GridCell};
use super::imported::{
    CostYear, ImportedGoal, IndicatorDraft, Printed, PrintedPct, Role, compact, direction_word,
    read_pct, role_of, year_at,
};
use super::year::{EraName, era_named_in, looks_like_year};

/// What a row's label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Title,
    Indicator,
    Unit,
    Direction,
    Definition,
    Source,
    Code,
    Basis,
    Summary,
    Grade,
    Cost(CostKind),
    Printed(Printed),
    Series(Role),
    Year,
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CostKind {
    Budget,
    Settlement,
    Personnel,
}

fn label_of(text: &str) -> Label {
    let l = compact(text);
    let starts = |words: &[&str]| words.iter().any(|w| l.starts_with(w));
    if l.contains("根拠") || l.contains("理由") {
        Label::Basis
    } else if starts(&["施策名", "目標名", "施策", "基本施策", "事業名", "政策名"])
    {
        Label::Title
    } else if starts(&["成果指標", "指標名", "指標", "KPI"])
        && !l.contains("定義")
        && !l.contains("番号")
    {
        Label::Indicator
    } else if starts(&["単位"]) {
        Label::Unit
    } else if starts(&["方向", "目指す方向", "目標の方向"]) && !l.starts_with("方向性")
    {
        Label::Direction
    } else if starts(&[
        "内容",
        "指標の定義",
        "定義",
        "算出方法",
        "算定方法",
        "指標の説明",
    ]) {
        Label::Definition
    } else if starts(&["出典", "出所", "データの出典", "資料"]) {
        Label::Source
    } else if starts(&["指標番号", "コード", "番号", "No"]) {
        Label::Code
    } else if starts(&["事業概要", "概要"]) {
        Label::Summary
    } else if starts(&["総合評価", "評価", "担当課評価", "自己評価", "達成度"]) {
        Label::Grade
    } else if starts(&["予算額", "予算"]) {
        Label::Cost(CostKind::Budget)
    } else if starts(&["決算額", "決算"]) {
        Label::Cost(CostKind::Settlement)
    } else if starts(&["人件費"]) {
        Label::Cost(CostKind::Personnel)
    } else if l.contains("達成率") {
        Label::Printed(Printed::Achievement)
    } else if l.contains("進捗率") {
        Label::Printed(Printed::Progress)
    } else if let Some(role) = role_of(&l) {
        Label::Series(role)
    } else if looks_like_year(&l) {
        Label::Year
    } else {
        Label::Skip
    }
}

/// True when the grid reads as the 施策 form: some row is labelled 成果指標 / 指標名.
pub(crate) fn is_form(grid: &Grid) -> bool {
    grid.rows
        .iter()
        .any(|r| label_of(&r[0].text) == Label::Indicator && r.len() >= 2)
}

/// The year inside a label: `目標（平成32年）` → `平成32年`, `平成25（基準値）` → `平成25`,
/// `現状値 平成22年度` → `平成22年度`; `None` when the label has none.
fn year_in_label(label: &str) -> Option<String> {
    let l = compact(label);
    let l = l
        .replace(['（', '［', '【'], "(")
        .replace(['）', '］', '】'], ")");
    // Year first: `平成25(基準値)`.
    if looks_like_year(&l) {
        return Some(l.split('(').next().unwrap_or(&l).to_string());
    }
    let inner = l.split_once('(').map(|(_, r)| r.trim_end_matches(')'))?;
    looks_like_year(inner).then(|| inner.to_string())
}

struct Reader<'a> {
    grid: &'a Grid,
    era: Option<EraName>,
    goals: Vec<GoalDraft>,
}

#[derive(Default)]
struct GoalDraft {
    title: Option<String>,
    cell: Option<GridCell>,
    indicators: Vec<IndicatorDraft>,
    basis: Vec<String>,
    summary: Option<String>,
    grade: Option<(String, String)>,
    cost_unit: Option<String>,
    costs: Vec<(crate::model::FiscalYear, CostYear)>,
}

/// Reads the form's goals; a goal or indicator with an error is left out (errors in
/// `diags`).
pub(crate) fn read(grid: &Grid, diags: &mut Diagnostics) -> Vec<ImportedGoal> {
    let mut r = Reader {
        grid,
        era: era_named_in(&grid.all_text()),
        goals: Vec::new(),
    };
    for row in &grid.rows {
        r.row(row, diags);
    }
    let mut out = Vec::new();
    for g in r.goals {
        let Some(first) = g
            .cell
            .clone()
            .or_else(|| g.indicators.first().and_then(|i| i.cell.clone()))
        else {
            continue;
        };
        let indicators: Vec<_> = g
            .indicators
            .into_iter()
            .filter_map(|i| i.finish(grid, diags))
            .collect();
        if indicators.is_empty() {
            continue;
        }
        let title = g.title.unwrap_or_else(|| indicators[0].name.clone());
        out.push(ImportedGoal {
            title,
            indicators,
            basis: (!g.basis.is_empty()).then(|| g.basis.join(" ")),
            summary: g.summary,
            cost: (!g.costs.is_empty())
                .then(|| (g.cost_unit.unwrap_or_else(|| "千円".into()), g.costs)),
            grade: g.grade,
            provenance: provenance(grid, &first),
            at: (grid.path.clone(), first.line),
        });
    }
    out
}

/// `表.xlsx シート「一覧」4行目` / `シート.txt:12`.
pub(crate) fn provenance(grid: &Grid, cell: &GridCell) -> String {
    let name = super::sheet::display_name(&grid.path);
    match &grid.sheet {
        Some(s) => format!("{name} シート「{s}」{}行目", cell.line),
        None => format!("{name}:{}", cell.line),
    }
}

impl Reader<'_> {
    fn goal(&mut self) -> &mut GoalDraft {
        if self.goals.is_empty() {
            self.goals.push(GoalDraft::default());
        }
        self.goals.last_mut().expect("one goal")
    }

    fn indicator(&mut self) -> Option<&mut IndicatorDraft> {
        self.goal().indicators.last_mut()
    }

    fn row(&mut self, row: &[GridCell], diags: &mut Diagnostics) {
        let first = &row[0];
        let rest = &row[1..];
        let joined = || {
            rest.iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        match label_of(&first.text) {
            Label::Title => {
                let starts_new = self
                    .goals
                    .last()
                    .is_some_and(|g| g.title.is_some() || !g.indicators.is_empty());
                if starts_new {
                    self.goals.push(GoalDraft::default());
                }
                let g = self.goal();
                g.title = Some(joined()).filter(|t| !t.is_empty());
                g.cell = Some(first.clone());
            }
            Label::Indicator => {
                let name = joined();
                if name.is_empty() {
                    return;
                }
                let cell = rest.first().cloned();
                self.goal().indicators.push(IndicatorDraft {
                    name,
                    cell,
                    errors_before: Some(diags.error_count()),
                    ..Default::default()
                });
            }
            Label::Unit => {
                if let Some(i) = self.indicator() {
                    i.unit = Some(joined());
                }
            }
            Label::Direction => {
                if let Some(i) = self.indicator() {
                    i.direction = direction_word(&joined());
                }
            }
            Label::Definition => {
                if let Some(i) = self.indicator() {
                    i.definition.push(joined());
                }
            }
            Label::Source => {
                if let Some(i) = self.indicator() {
                    i.source = Some(joined());
                }
            }
            Label::Code => {
                if let Some(i) = self.indicator() {
                    i.code = Some(joined());
                }
            }
            Label::Basis => self.goal().basis.push(joined()),
            Label::Summary => self.goal().summary = Some(joined()),
            Label::Grade => self.goal().grade = grade(&joined()),
            Label::Cost(kind) => self.cost(kind, first, rest, diags),
            Label::Printed(what) => self.printed(what, first, rest, diags),
            Label::Series(role) => self.series(role, first, rest, diags),
            Label::Year => self.series(Role::Actual, first, rest, diags),
            Label::Skip => {}
        }
    }

    /// The year of a row: in its label, else its first cell; and the cells after it.
    fn year_and_values<'c>(
        &mut self,
        first: &GridCell,
        rest: &'c [GridCell],
        diags: &mut Diagnostics,
    ) -> Option<(crate::model::FiscalYear, Option<String>, &'c [GridCell])> {
        if let Some(y) = year_in_label(&first.text) {
            let (year, note) = year_at(self.grid, first, &y, self.era, diags)?;
            let note =
                note.or_else(|| compact(&first.text).contains("見込").then(|| "見込".into()));
            return Some((year, note, rest));
        }
        match rest.split_first() {
            Some((y, values)) if looks_like_year(&y.text) => {
                let (year, note) = year_at(self.grid, y, &y.text, self.era, diags)?;
                Some((year, note, values))
            }
            _ => {
                diags.push(self.grid.diagnostic(
                    false,
                    Code::SheetYear,
                    first,
                    format!("「{}」の年度が書かれていません", first.text),
                    "「目標値（令和7年度）<タブ>93.0%」のように年度を書き足してください（5ヵ年目標なら、その最終年度）",
                ));
                None
            }
        }
    }

    fn series(&mut self, role: Role, first: &GridCell, rest: &[GridCell], diags: &mut Diagnostics) {
        if self.indicator().is_none() {
            return;
        }
        let Some((year, note, values)) = self.year_and_values(first, rest, diags) else {
            return;
        };
        let Some(value) = values.first() else {
            return;
        };
        let mut text = value.text.clone();
        if let Some(n) = note
            && !text.contains(&n)
        {
            text = format!("{text}（{n}）");
        }
        let role = if compact(&first.text).contains("見込") && role == Role::Target {
            Role::Actual
        } else {
            role
        };
        // A printed 達成率 in the same row: `実績値 平成26年度 66.6% 92%`.
        let printed = values.get(1).and_then(|c| {
            read_pct(&c.text)
                .filter(|_| c.text.contains('%'))
                .map(|p| (c.clone(), p))
        });
        let i = self.indicator().expect("checked above");
        i.raw.push((role, year, Some(text), value.clone()));
        if let Some((cell, pct)) = printed
            && role == Role::Actual
        {
            let place = self.grid.place(&cell);
            let i = self.indicator().expect("checked above");
            i.printed.push(PrintedPct {
                what: Printed::Achievement,
                year: Some(year),
                pct,
                cell,
                place,
            });
        }
    }

    fn printed(
        &mut self,
        what: Printed,
        first: &GridCell,
        rest: &[GridCell],
        diags: &mut Diagnostics,
    ) {
        if self.indicator().is_none() {
            return;
        }
        let (year, values) = match year_in_label(&first.text) {
            Some(_) => match self.year_and_values(first, rest, diags) {
                Some((y, _, v)) => (Some(y), v),
                None => return,
            },
            None => match rest.split_first() {
                Some((y, v)) if looks_like_year(&y.text) => (
                    year_at(self.grid, y, &y.text, self.era, diags).map(|r| r.0),
                    v,
                ),
                _ => (None, rest),
            },
        };
        let Some(cell) = values.first() else { return };
        let Some(pct) = read_pct(&cell.text) else {
            return;
        };
        let place = self.grid.place(cell);
        let i = self.indicator().expect("checked above");
        i.printed.push(PrintedPct {
            what,
            year,
            pct,
            cell: cell.clone(),
            place,
        });
    }

    fn cost(
        &mut self,
        kind: CostKind,
        first: &GridCell,
        rest: &[GridCell],
        diags: &mut Diagnostics,
    ) {
        let unit_in_label = ["千円", "万円", "円"]
            .into_iter()
            .find(|u| first.text.contains(u));
        let Some((year, _, values)) = self.year_and_values(first, rest, diags) else {
            return;
        };
        let Some(cell) = values.first() else { return };
        let t = compact(&cell.text);
        let unit = ["千円", "万円", "円"]
            .into_iter()
            .find(|u| t.ends_with(u))
            .or(unit_in_label);
        let digits = t
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .replace(',', "");
        let Ok(amount) = digits.parse::<f64>() else {
            diags.push(self.grid.diagnostic(
                false,
                Code::SheetValue,
                cell,
                format!("「{}」は金額として読めません", cell.text),
                "「12,000千円」のように書いてください",
            ));
            return;
        };
        let g = self.goal();
        if let Some(u) = unit {
            g.cost_unit = Some(u.to_string());
        }
        let entry = match g.costs.iter_mut().find(|(y, _)| *y == year) {
            Some((_, c)) => c,
            None => {
                g.costs.push((year, CostYear::default()));
                g.costs.sort_by_key(|(y, _)| *y);
                &mut g
                    .costs
                    .iter_mut()
                    .find(|(y, _)| *y == year)
                    .expect("pushed")
                    .1
            }
        };
        match kind {
            CostKind::Budget => entry.budget = Some(amount),
            CostKind::Settlement => entry.settlement = Some(amount),
            CostKind::Personnel => entry.personnel = Some(amount),
        }
    }
}

/// `C 概ね順調`, `Ｂ（順調）`, `A` → (code, label).
pub(crate) fn grade(text: &str) -> Option<(String, String)> {
    let t = compact(text);
    let mut chars = t.chars();
    let code = chars.next().filter(|c| c.is_ascii_uppercase())?;
    let label = chars
        .as_str()
        .trim_matches(|c| matches!(c, '(' | ')' | '（' | '）' | ':' | '：' | '・'))
        .to_string();
    Some((code.to_string(), label))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SourceFile;
    use crate::import::grid::from_text;
    use crate::import::imported::Val;

    fn read_text(text: &str) -> (Vec<ImportedGoal>, Diagnostics) {
        let grid = from_text(SourceFile::new("t.txt", text.to_string()));
        let mut d = Diagnostics::new();
        (read(&grid, &mut d), d)
    }

    #[test]
    fn several_indicators_under_one_shisaku_are_one_goal() {
        let (goals, d) = read_text(
            "施策名\t防災体制の充実\n成果指標\t自主防災組織率\n単位\t%\n方向\tアップ\n指標の定義\t自主防災組織設立世帯数÷全世帯数\n出典\t危機管理課調べ\n現状値（平成22年度）\t57.10%\n平成24年度\t66.6%\n平成25年度\t69.5%（見込）\n目標（平成32年）\t93.0%\n目標値設定の根拠・理由\t県平均を上回る水準\n成果指標\t防災訓練参加者数\n基準値\t平成22年度\t1,234人\n目標値\t平成32年度\t2,000人\n",
        );
        assert_eq!(goals.len(), 1, "{d:?}");
        let g = &goals[0];
        assert_eq!(g.title, "防災体制の充実");
        assert_eq!(g.indicators.len(), 2);
        let i = &g.indicators[0];
        assert_eq!(i.baseline.val, Val::Num(57.1, 2));
        assert_eq!(i.actual[1].note.as_deref(), Some("見込"));
        assert_eq!(i.targets[0].year.western(), 2020);
        assert_eq!(
            i.definition.as_deref(),
            Some("自主防災組織設立世帯数÷全世帯数")
        );
        assert_eq!(g.basis.as_deref(), Some("県平均を上回る水準"));
        let codes: Vec<&str> = d.iter().map(|d| d.code).collect();
        assert!(
            codes.contains(&Code::SheetBaseline.id())
                && codes.contains(&Code::SheetYearWarning.id()),
            "{codes:?}"
        );
        assert!(!d.has_errors());
    }

    #[test]
    fn a_target_without_a_year_is_refused_at_its_line() {
        let (goals, d) =
            read_text("成果指標\tごみ排出量\n基準値\t平成25年度\t700g\n5ヵ年目標\t600g\n");
        assert!(goals.is_empty());
        let e: Vec<(usize, &str)> = d.iter().map(|d| (d.line, d.code)).collect();
        assert_eq!(e, [(3, Code::SheetYear.id())]);
        assert!(d.iter().next().unwrap().message.contains("5ヵ年目標"));
    }

    #[test]
    fn costs_grades_and_printed_rates() {
        let (goals, d) = read_text(
            "施策名\tごみの減量\n成果指標\t1人1日当たりごみ排出量\n単位\tg/人\n方向\tダウン\n平成25（基準値）\t700g/人\n平成27年度\t680g/人\n達成率(%)\t101%\n目標値（平成29年度）\t600g/人\n予算額（平成27年度）\t12,000千円\n決算額（平成27年度）\t11,480千円\n人件費\t平成27年度\t3,200\n総合評価\tC 概ね順調\n",
        );
        assert!(!d.has_errors(), "{d:?}");
        let g = &goals[0];
        assert_eq!(g.grade, Some(("C".into(), "概ね順調".into())));
        let (unit, years) = g.cost.as_ref().unwrap();
        assert_eq!(unit, "千円");
        assert_eq!(years[0].1.settlement, Some(11480.0));
        assert_eq!(years[0].1.personnel, Some(3200.0));
        assert_eq!(g.indicators[0].printed.len(), 1);
        assert_eq!(
            super::super::imported::check_arithmetic(&g.indicators[0]).len(),
            1
        );
    }

    #[test]
    fn era_less_years_take_the_documents_era() {
        let (goals, d) = read_text(
            "計画期間 平成28年度から\n成果指標\t図書館利用者数\n基準値\t26年度\t100人\n目標値\t31年度\t120人\n",
        );
        assert_eq!(
            goals[0].indicators[0].baseline.year.western(),
            2014,
            "{d:?}"
        );
        assert!(d.iter().any(|d| d.message.contains("元号がない")));
    }
}
