//! The goal file of an [`ImportedGoal`] (the forms of [`super::form`] and [`super::list`]),
//! in the contract's keys: `indicator:` for one indicator, `indicators:` for several (§8.1),
//! with `code`, `definition`, `source`, `{ value, note }`, `null`, `kind: milestone` and
//! `steps` (§8.1), `cost:` (§8.2) and `assessment: { grade }` (§8.3) where the sheet has
//! them. A sheet without those facts gives a file of §4's keys only.

use std::fmt::Write as _;

use crate::model::Direction;

use super::emit::{comment_text, scalar};
use super::imported::{ImportedGoal, ImportedIndicator, Point, Val};

/// `content/<課>/<目標>.md` for an imported goal. The town's grade is written as
/// `assessment: { grade }` when the site has a grade scale (`site_has_grades`); without one
/// it would be refused (E-GRADE), so it is written as comment lines to uncomment once
/// config.toml has `[[grades]]`.
pub(crate) fn goal_file(goal: &ImportedGoal, weight: i64, site_has_grades: bool) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(
        out,
        "# {}",
        comment_text(&format!(
            "hyoka import: {} から取り込みました",
            goal.provenance
        ))
    );
    let _ = writeln!(out, "title: {}", scalar(&goal.title));
    let _ = writeln!(out, "weight: {weight}");
    if let [only] = goal.indicators.as_slice() {
        out.push_str("indicator:\n");
        indicator(&mut out, only, "  ", "  ");
    } else {
        out.push_str("indicators:\n");
        for i in &goal.indicators {
            indicator(&mut out, i, "  - ", "    ");
        }
    }
    if let Some(b) = &goal.basis {
        let _ = writeln!(out, "basis: {}", scalar(b));
    }
    if let Some(s) = &goal.summary {
        let _ = writeln!(out, "summary: {}", scalar(s));
    }
    if let Some((unit, years)) = &goal.cost {
        out.push_str("cost:   # 事業費（予算・決算・人件費）\n");
        let _ = writeln!(out, "  unit: {}", scalar(unit));
        out.push_str("  years:\n");
        for (year, c) in years {
            let parts: Vec<String> = [
                ("budget", c.budget),
                ("settlement", c.settlement),
                ("personnel", c.personnel),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| format!("{k}: {}", amount(v))))
            .collect();
            let _ = writeln!(out, "    {}: {{ {} }}", year.label(), parts.join(", "));
        }
    }
    if let Some((code, label)) = goal.grade.as_ref().filter(|_| !site_has_grades) {
        let _ = writeln!(
            out,
            "# {}",
            comment_text(&format!(
                "シートの評価「{code} {label}」。config.toml に [[grades]] を書いてから、次の2行の先頭の「# 」を消してください"
            ))
        );
        out.push_str("# assessment:\n");
        let _ = writeln!(out, "#   grade: {}", scalar(code));
    } else if let Some((code, label)) = &goal.grade {
        let _ = writeln!(
            out,
            "assessment:   # {}",
            comment_text(&format!(
                "シートの評価「{code} {label}」。config.toml の [[grades]] に {code} が必要です"
            ))
        );
        let _ = writeln!(out, "  grade: {}", scalar(code));
    }
    out.push_str("---\n");
    out
}

fn amount(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn indicator(out: &mut String, i: &ImportedIndicator, first: &str, indent: &str) {
    let _ = writeln!(out, "{first}name: {}", scalar(&i.name));
    if let Some(code) = &i.code {
        let _ = writeln!(out, "{indent}code: {}", quoted_code(code));
    }
    match &i.steps {
        Some(steps) => {
            let _ = writeln!(out, "{indent}kind: milestone   # 段階で測る指標");
            let list: Vec<String> = steps.iter().map(|s| scalar(s)).collect();
            let _ = writeln!(out, "{indent}steps: [{}]", list.join(", "));
        }
        None => {
            if !i.unit.is_empty() {
                let _ = writeln!(out, "{indent}unit: {}", scalar(&i.unit));
            }
            let why = match (i.direction, i.direction_or_inferred()) {
                (Some(_), _) => "シートの「方向」".to_string(),
                (None, Some(d)) => {
                    let (b, f) = (
                        value_text(&i.baseline.val),
                        i.targets
                            .last()
                            .map(|t| value_text(&t.val))
                            .unwrap_or_default(),
                    );
                    match d {
                        Direction::Up => format!("推定: 最終目標値 {f} > 基準値 {b}"),
                        Direction::Down => format!("推定: 最終目標値 {f} < 基準値 {b}"),
                    }
                }
                (None, None) => {
                    "要確認: 最終目標値と基準値が同じため推定できません。低いほど良いなら down"
                        .to_string()
                }
            };
            let d = i.direction_or_inferred().unwrap_or(Direction::Up);
            let _ = writeln!(
                out,
                "{indent}direction: {}   # {}",
                d.code(),
                comment_text(&why)
            );
        }
    }
    if let Some(def) = &i.definition {
        let _ = writeln!(out, "{indent}definition: {}", scalar(def));
    }
    if let Some(src) = &i.source {
        let _ = writeln!(out, "{indent}source: {}", scalar(src));
    }
    let note = i
        .baseline
        .note
        .as_ref()
        .map_or(String::new(), |n| format!("（{}）", comment_text(n)));
    let _ = writeln!(
        out,
        "{indent}baseline: {{ year: {}, value: {} }}   # 基準値（初期値）{note}",
        i.baseline.year.label(),
        value_text(&i.baseline.val)
    );
    series(out, indent, "actual", "実績（現状値）", &i.actual);
    series(
        out,
        indent,
        "targets",
        "目標値（最後の年度が最終目標値）",
        &i.targets,
    );
}

fn series(out: &mut String, indent: &str, key: &str, what: &str, points: &[Point]) {
    if points.is_empty() {
        return;
    }
    let _ = writeln!(out, "{indent}{key}:   # {what}");
    for p in points {
        let v = match &p.note {
            Some(n) if p.val != Val::Null => {
                format!("{{ value: {}, note: {} }}", value_text(&p.val), scalar(n))
            }
            _ => value_text(&p.val),
        };
        let _ = writeln!(out, "{indent}  {}: {v}", p.year.label());
    }
}

/// `57.10`, `1234`, `設置`, `null`.
fn value_text(v: &Val) -> String {
    match v {
        Val::Num(x, d) => format!("{:.*}", usize::from(*d), x),
        Val::Step(s) => scalar(s),
        Val::Null => "null".into(),
    }
}

/// A code is always a string (`"4-1-1"`, `"12"`).
fn quoted_code(code: &str) -> String {
    serde_json::to_string(code).expect("a string serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SourceFile;
    use crate::diag::Diagnostics;
    use crate::import::{form, grid, list};

    fn fixture(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name);
        std::fs::read_to_string(path).expect("fixture")
    }

    #[test]
    fn several_indicators_notes_nulls_and_a_milestone_use_the_section_8_keys() {
        let g = grid::from_text(SourceFile::new("form-multi.txt", fixture("form-multi.txt")));
        let mut d = Diagnostics::new();
        let goals = form::read(&g, &mut d);
        assert!(!d.has_errors(), "{d:?}");
        let text = goal_file(&goals[0], 1, true);
        for want in [
            "indicators:\n  - name: 自主防災組織率\n",
            "    definition: 自主防災組織設立世帯数÷全世帯数\n",
            "    source: 危機管理課調べ\n",
            "    baseline: { year: 平成22年度, value: 57.10 }",
            "      平成25年度: { value: 69.5, note: 見込 }\n",
            "      平成26年度: null\n",
            "      令和2年度: 93.0\n",
            "  - name: 地区防災計画の策定\n    kind: milestone",
            "    steps: [未着手, 検討中, 策定]\n",
            "    baseline: { year: 平成25年度, value: 未着手 }",
        ] {
            assert!(text.contains(want), "{want:?} not in\n{text}");
        }
    }

    #[test]
    fn costs_and_the_grade_use_cost_and_assessment() {
        let mut d = Diagnostics::new();
        let g = grid::from_csv(
            SourceFile::new("form-costs.csv", fixture("form-costs.csv")),
            &mut d,
        );
        let goals = form::read(&g, &mut d);
        assert!(!d.has_errors(), "{d:?}");
        let text = goal_file(&goals[0], 1, true);
        assert!(text.contains("cost:   # 事業費（予算・決算・人件費）\n  unit: 千円\n  years:\n    平成27年度: { budget: 12000, settlement: 11480, personnel: 3200 }\n"), "{text}");
        assert!(text.contains("\n  grade: C\n"), "{text}");
        assert!(
            text.contains("indicator:\n  name: 道路修繕の完了件数\n"),
            "{text}"
        );
        // Without a grade scale the grade is a comment: the file stays valid YAML without
        // `assessment:`, and uncommenting the two lines gives the form above.
        let text = goal_file(&goals[0], 1, false);
        assert!(!text.contains("\nassessment:"), "{text}");
        assert!(
            text.contains("\n# assessment:\n#   grade: C\n---\n"),
            "{text}"
        );
        let uncommented = text
            .replace("\n# assessment:", "\nassessment:")
            .replace("\n#   grade", "\n  grade");
        assert!(
            uncommented.contains("\nassessment:\n  grade: C\n"),
            "{uncommented}"
        );
    }

    #[test]
    fn a_codes_column_is_written_as_a_string() {
        let mut d = Diagnostics::new();
        let g = grid::from_csv(
            SourceFile::new("l.csv", "指標番号,指標名,基準値（令和2年度）,令和3年度,目標値（令和7年度）\n4-1-1,防災訓練参加者数,100人,120人,200人\n".into()),
            &mut d,
        );
        let goals = list::read(&g, &mut d);
        assert!(!d.has_errors(), "{d:?}");
        let text = goal_file(&goals[0], 1, true);
        assert!(text.contains("  code: \"4-1-1\"\n"), "{text}");
        assert!(text.contains("  unit: 人\n"), "{text}");
    }
}
