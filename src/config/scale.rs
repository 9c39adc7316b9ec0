//! config.toml's tables for the town's own judgement and plan: `[[grades]]` (the grade
//! scale), `[[plan]]` (施策体系) and `population` — read with serde (unknown keys refused),
//! then checked here with the line of each problem: grade codes unique and each status a
//! computed status id; plan codes unique, parents that exist, no cycles.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Code, Diagnostic, Diagnostics, suggest};
use crate::model::assessment::Grade;
use crate::model::evaluation::Status;
use crate::model::plan::{Plan, PlanNode, PlanProblem, code_shape, plan_problems};

/// One `[[grades]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGrade {
    code: Spanned<String>,
    label: String,
    description: Option<String>,
    #[serde(default)]
    statuses: Vec<Spanned<String>>,
}

/// One `[[plan]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPlanNode {
    code: Spanned<String>,
    title: String,
    parent: Option<Spanned<String>>,
}

/// Where a span of config.toml starts, as (line, column).
fn line_col(text: &str, span: &Range<usize>) -> (usize, usize) {
    let before = &text[..span.start.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// config.toml's text and path, to place messages.
struct At<'a> {
    text: &'a str,
    path: &'a Path,
}

impl At<'_> {
    fn error(&self, code: Code, span: &Range<usize>, message: String) -> Diagnostic {
        let (line, col) = line_col(self.text, span);
        Diagnostic::error(code, self.path, line, col, message)
            .with_source_line(self.text.lines().nth(line - 1))
    }
}

/// The grade scale, checked: codes unique and not empty, statuses known.
pub(crate) fn read_grades(
    raw: &[RawGrade],
    text: &str,
    path: &Path,
    diags: &mut Diagnostics,
) -> Vec<Grade> {
    let at = At { text, path };
    let ids: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
    let mut grades: Vec<Grade> = Vec::new();
    for g in raw {
        let code = g.code.get_ref().trim().to_string();
        if code.is_empty() {
            diags.push(
                at.error(
                    Code::ConfigGrade,
                    &g.code.span(),
                    "[[grades]] の code が空です".into(),
                )
                .with_help("code = \"A\" のように評価の記号を書いてください"),
            );
            continue;
        }
        if grades.iter().any(|x| x.code == code) {
            diags.push(
                at.error(
                    Code::ConfigGrade,
                    &g.code.span(),
                    format!("[[grades]] の code「{code}」が二回書かれています"),
                )
                .with_help("評価の記号は一つずつ別のものにしてください"),
            );
            continue;
        }
        let mut statuses = Vec::new();
        for s in &g.statuses {
            match Status::ALL
                .iter()
                .find(|st| st.code() == s.get_ref().trim())
            {
                Some(st) => statuses.push(*st),
                None => {
                    let help = match suggest(s.get_ref(), &ids) {
                        Some(near) => format!("もしかして「{near}」ですか？"),
                        None => format!("statuses に書けるのは {} です", ids.join(", ")),
                    };
                    diags.push(
                        at.error(
                            Code::ConfigGrade,
                            &s.span(),
                            format!("statuses の「{}」は評価区分のIDではありません", s.get_ref()),
                        )
                        .with_help(help),
                    );
                }
            }
        }
        grades.push(Grade {
            code,
            label: g.label.trim().to_string(),
            description: g
                .description
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_string),
            statuses,
        });
    }
    grades
}

/// The plan's tree, checked: codes unique and not empty, parents exist, no cycles.
pub(crate) fn read_plan(
    raw: &[RawPlanNode],
    text: &str,
    path: &Path,
    diags: &mut Diagnostics,
) -> Plan {
    let at = At { text, path };
    let nodes: Vec<PlanNode> = raw
        .iter()
        .map(|n| PlanNode {
            code: n.code.get_ref().trim().to_string(),
            title: n.title.trim().to_string(),
            parent: n.parent.as_ref().map(|p| p.get_ref().trim().to_string()),
        })
        .collect();
    let codes: Vec<&str> = nodes.iter().map(|n| n.code.as_str()).collect();
    for (i, problem) in plan_problems(&nodes) {
        let node = &raw[i];
        let code = &nodes[i].code;
        let d = match problem {
            PlanProblem::EmptyCode => at
                .error(
                    Code::ConfigPlan,
                    &node.code.span(),
                    "[[plan]] の code が空です".into(),
                )
                .with_help("code = \"4-1\" のように施策の番号を書いてください"),
            PlanProblem::DuplicateCode(first) => {
                let (line, _) = line_col(text, &raw[first].code.span());
                at.error(
                    Code::ConfigPlan,
                    &node.code.span(),
                    format!("[[plan]] の code「{code}」が{line}行目と重なっています"),
                )
                .with_help("施策の番号は一つずつ別のものにしてください")
            }
            PlanProblem::UnknownParent => {
                let parent = nodes[i].parent.clone().unwrap_or_default();
                let span = node
                    .parent
                    .as_ref()
                    .map_or_else(|| node.code.span(), Spanned::span);
                let help = match codes.iter().find(|c| code_shape(c) == code_shape(&parent)) {
                    Some(near) => format!("もしかして「{near}」ですか？"),
                    None => format!(
                        "parent には [[plan]] の code（{}）のどれかを書いてください",
                        codes.join(", ")
                    ),
                };
                at.error(
                    Code::ConfigPlan,
                    &span,
                    format!("[[plan]]「{code}」の parent「{parent}」という施策がありません"),
                )
                .with_help(help)
            }
            PlanProblem::Cycle => {
                let span = node
                    .parent
                    .as_ref()
                    .map_or_else(|| node.code.span(), Spanned::span);
                at.error(Code::ConfigPlan, &span, format!("[[plan]]「{code}」の parent をたどると「{code}」自身に戻ります（循環しています）"))
                    .with_help("上位の施策（基本目標）には parent を書かず、下位の施策から上位の code を指してください")
            }
        };
        diags.push(d);
    }
    Plan { nodes }
}

/// `population`, checked: at least 1.
pub(crate) fn read_population(
    population: Option<u64>,
    text: &str,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<u64> {
    if population == Some(0) {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("population"))
            .map_or(1, |i| i + 1);
        diags.push(
            Diagnostic::error(Code::Config, path, line, 1, "population（人口）が 0 です")
                .with_source_line(text.lines().nth(line - 1))
                .with_help("population = 33000 のように住民の数を書いてください（住民1人当たりの事業費の計算に使います）"),
        );
        return None;
    }
    population
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    const BASE: &str = "title = \"t\"\nbase_url = \"https://example.jp/\"\nmunicipality = \"町\"\n";

    fn errors(extra: &str) -> Vec<(usize, String, String)> {
        let text = format!("{BASE}{extra}");
        match Config::parse(&text, Path::new("config.toml")) {
            Ok(_) => Vec::new(),
            Err(d) => d
                .sorted()
                .into_iter()
                .map(|d| (d.line, d.message, d.help.unwrap_or_default()))
                .collect(),
        }
    }

    #[test]
    fn a_scale_and_a_tree_are_read_in_order() {
        let text = format!(
            "{BASE}population = 33000\n[[grades]]\ncode = \"A\"\nlabel = \"順調\"\nstatuses = [\"achieved\", \"on_track\"]\n[[grades]]\ncode = \"B\"\nlabel = \"遅れ\"\n[[plan]]\ncode = \"4\"\ntitle = \"安全・安心なまちづくり\"\n[[plan]]\ncode = \"4-1\"\ntitle = \"防災・消防\"\nparent = \"4\"\n"
        );
        let c = Config::parse(&text, Path::new("config.toml")).unwrap();
        assert_eq!(c.population, Some(33000));
        assert_eq!(c.grades.len(), 2);
        assert_eq!(c.grades[0].statuses.len(), 2);
        assert_eq!(c.plan.path_to("4-1").len(), 2);
    }

    #[test]
    fn plan_problems_point_at_their_line() {
        let e = errors(
            "[[plan]]\ncode = \"4\"\ntitle = \"a\"\n[[plan]]\ncode = \"4-1\"\ntitle = \"b\"\nparent = \"5\"\n[[plan]]\ncode = \"4\"\ntitle = \"c\"\n",
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].0, 10);
        assert!(e[0].1.contains("parent「5」"), "{e:?}");
        assert!(e[0].2.contains("（4, 4-1, 4）"), "{e:?}");
        assert_eq!(e[1].0, 12);
        assert!(e[1].1.contains("5行目と重なって"), "{e:?}");
    }

    #[test]
    fn a_cycle_is_an_error() {
        let e = errors(
            "[[plan]]\ncode = \"1\"\ntitle = \"a\"\nparent = \"2\"\n[[plan]]\ncode = \"2\"\ntitle = \"b\"\nparent = \"1\"\n",
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e.iter().all(|(_, m, _)| m.contains("循環")), "{e:?}");
    }

    #[test]
    fn unknown_status_ids_and_duplicate_grades_are_errors() {
        let e = errors(
            "[[grades]]\ncode = \"A\"\nlabel = \"a\"\nstatuses = [\"ontrack\"]\n[[grades]]\ncode = \"A\"\nlabel = \"b\"\n",
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].2.contains("もしかして「on_track」"), "{e:?}");
        assert!(e[1].1.contains("二回"), "{e:?}");
        assert!(!errors("population = 0\n").is_empty());
    }
}
