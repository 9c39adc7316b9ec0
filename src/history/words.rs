//! What a commit changed in a goal, in words: both versions of the file read with the
//! model's own parser ([`goal_from_text`]), compared key by key, and said with the site's
//! labels (`令和7年度の目標値 74.0 → 72.7`, `実績（令和6年度）を追加 71.2`, `本文の更新`).
//! A target moved the worse way for its indicator's direction is a lowering
//! (目標の引き下げ).

use std::collections::BTreeSet;
use std::path::Path;

use crate::model::validate::goal_from_text;
use crate::model::value::format_number;
use crate::model::{FiscalYear, Goal, Indicator, Point};

/// What one commit did to one goal, in words.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Described {
    /// One phrase per change, in the goal's order (title, indicators, other keys, body).
    pub phrases: Vec<String>,
    /// Whether a target was changed the worse way (目標の引き下げ).
    pub lowered: bool,
}

/// Describes a change from `old` (`None`: the file was added) to `new`, the file's texts;
/// `renamed_from` is the file's previous path under `content/`, when it was renamed.
pub(crate) fn describe(
    path: &Path,
    old: Option<&str>,
    new: &str,
    renamed_from: Option<&str>,
) -> Described {
    let mut out = Described::default();
    if let Some(from) = renamed_from {
        out.phrases.push(format!("ファイルの移動（{from} から）"));
    }
    let Some(old) = old else {
        out.phrases.push("目標を掲載".to_string());
        return out;
    };
    if old == new {
        return out;
    }
    match (goal_from_text(path, old), goal_from_text(path, new)) {
        (Some(a), Some(b)) => compare(&a, &b, &mut out),
        // One side does not read as a goal: say what can be said.
        _ => out.phrases.push("内容の更新".to_string()),
    }
    if out.phrases.is_empty() || (renamed_from.is_some() && out.phrases.len() == 1) {
        out.phrases.push("書式の整理（値の変更なし）".to_string());
    }
    out
}

fn compare(a: &Goal, b: &Goal, out: &mut Described) {
    if a.title != b.title {
        out.phrases
            .push(format!("目標名の変更「{}」→「{}」", a.title, b.title));
    }
    let several = a.indicators.len() > 1 || b.indicators.len() > 1;
    let paired = pair_indicators(a, b);
    for (old, new) in &paired {
        match (old, new) {
            (Some(x), Some(y)) => {
                let prefix = if several {
                    format!("〈{}〉", y.name)
                } else {
                    String::new()
                };
                compare_indicator(x, y, &prefix, out);
            }
            (None, Some(y)) => out.phrases.push(format!("指標「{}」を追加", y.name)),
            (Some(x), None) => out.phrases.push(format!("指標「{}」を削除", x.name)),
            (None, None) => {}
        }
    }
    if a.basis != b.basis {
        out.phrases.push("設定根拠の更新".to_string());
    }
    if a.summary != b.summary {
        out.phrases.push("事業概要の更新".to_string());
    }
    if a.facts != b.facts {
        out.phrases
            .push("事業費・評価・問い合わせ先などの更新".to_string());
    }
    if a.weight != b.weight || a.draft != b.draft || a.slug != b.slug {
        out.phrases.push("表示の設定の更新".to_string());
    }
    if a.body != b.body {
        out.phrases.push("本文の更新".to_string());
    }
}

/// Old and new indicators side by side: by `code` when both have one, else by position.
fn pair_indicators<'g>(
    a: &'g Goal,
    b: &'g Goal,
) -> Vec<(Option<&'g Indicator>, Option<&'g Indicator>)> {
    let coded = |g: &Goal| g.indicators.iter().all(|i| i.details.code.is_some());
    if coded(a) && coded(b) {
        let mut pairs: Vec<_> = b
            .indicators
            .iter()
            .map(|y| {
                let x = a
                    .indicators
                    .iter()
                    .find(|x| x.details.code == y.details.code);
                (x, Some(y))
            })
            .collect();
        pairs.extend(
            a.indicators
                .iter()
                .filter(|x| {
                    !b.indicators
                        .iter()
                        .any(|y| y.details.code == x.details.code)
                })
                .map(|x| (Some(x), None)),
        );
        return pairs;
    }
    let n = a.indicators.len().max(b.indicators.len());
    (0..n)
        .map(|i| (a.indicators.get(i), b.indicators.get(i)))
        .collect()
}

fn compare_indicator(x: &Indicator, y: &Indicator, prefix: &str, out: &mut Described) {
    let decimals = x.decimals.max(y.decimals);
    let value = |ind: &Indicator, v: f64| match ind.step_name(v) {
        Some(step) if ind.is_milestone() => format!("「{step}」"),
        _ => format_number(v, decimals),
    };
    if x.name != y.name {
        out.phrases
            .push(format!("{prefix}指標名の変更「{}」→「{}」", x.name, y.name));
    }
    if x.unit != y.unit {
        out.phrases
            .push(format!("{prefix}単位の変更「{}」→「{}」", x.unit, y.unit));
    }
    if x.direction != y.direction {
        out.phrases.push(format!(
            "{prefix}評価の向きの変更（{} → {}）",
            x.direction.label(),
            y.direction.label()
        ));
    }
    if x.baseline != y.baseline {
        if x.baseline.year == y.baseline.year {
            out.phrases.push(format!(
                "{prefix}初期値（{}） {} → {}",
                x.baseline.year.label(),
                value(x, x.baseline.value),
                value(y, y.baseline.value)
            ));
        } else {
            out.phrases.push(format!(
                "{prefix}初期値 {} {} → {} {}",
                x.baseline.year.label(),
                value(x, x.baseline.value),
                y.baseline.year.label(),
                value(y, y.baseline.value)
            ));
        }
    }
    for (year, old, new) in by_year(&x.actual, &y.actual) {
        let label = year.label();
        match (old, new) {
            (None, Some(n)) => out
                .phrases
                .push(format!("{prefix}実績（{label}）を追加 {}", value(y, n))),
            (Some(o), None) => out
                .phrases
                .push(format!("{prefix}実績（{label}）を削除（{}）", value(x, o))),
            (Some(o), Some(n)) => out.phrases.push(format!(
                "{prefix}実績（{label}） {} → {}",
                value(x, o),
                value(y, n)
            )),
            (None, None) => {}
        }
    }
    for (year, old, new) in by_year(&x.targets, &y.targets) {
        let label = year.label();
        match (old, new) {
            (None, Some(n)) => out
                .phrases
                .push(format!("{prefix}{label}の目標値を追加 {}", value(y, n))),
            (Some(o), None) => out
                .phrases
                .push(format!("{prefix}{label}の目標値を削除（{}）", value(x, o))),
            (Some(o), Some(n)) => {
                let lowered = x.direction == y.direction && y.direction.worse(n, o);
                out.phrases.push(format!(
                    "{prefix}{label}の目標値 {} → {}{}",
                    value(x, o),
                    value(y, n),
                    if lowered {
                        "（目標の引き下げ）"
                    } else {
                        ""
                    }
                ));
                out.lowered |= lowered;
            }
            (None, None) => {}
        }
    }
}

/// Every year of either series with its old and new value, where they differ.
fn by_year(old: &[Point], new: &[Point]) -> Vec<(FiscalYear, Option<f64>, Option<f64>)> {
    let find = |s: &[Point], y: FiscalYear| s.iter().find(|p| p.year == y).map(|p| p.value);
    let years: BTreeSet<FiscalYear> = old.iter().chain(new).map(|p| p.year).collect();
    years
        .into_iter()
        .map(|y| (y, find(old, y), find(new, y)))
        .filter(|(_, o, n)| o != n)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(targets: &str, actual: &str, body: &str) -> String {
        format!(
            "---\ntitle: 地域コミュニティの推進\nindicator:\n  name: 自治会加入割合\n  unit: \"%\"\n  direction: up\n  baseline: {{ year: 令和5年度, value: 74.6 }}\n  actual:\n{actual}  targets:\n{targets}---\n\n{body}\n"
        )
    }

    const TARGETS: &str = "    令和7年度: 74.0\n    令和11年度: 75.0\n";
    const ACTUAL: &str = "    令和6年度: 72.1\n";

    fn said(old: &str, new: &str) -> Described {
        describe(Path::new("content/somu/a.md"), Some(old), new, None)
    }

    #[test]
    fn a_lowered_target_is_said_with_its_year_and_marked() {
        let old = sheet(TARGETS, ACTUAL, "本文");
        let new = sheet(
            "    令和7年度: 72.7\n    令和11年度: 75.0\n",
            ACTUAL,
            "本文",
        );
        let d = said(&old, &new);
        assert_eq!(
            d.phrases,
            ["令和7年度の目標値 74.0 → 72.7（目標の引き下げ）"]
        );
        assert!(d.lowered);
        // Raised, for an `up` indicator, is no lowering.
        let d = said(&new, &old);
        assert_eq!(d.phrases, ["令和7年度の目標値 72.7 → 74.0"]);
        assert!(!d.lowered);
    }

    #[test]
    fn for_a_down_indicator_raising_the_target_is_the_lowering() {
        let old = sheet(TARGETS, ACTUAL, "本文").replace("direction: up", "direction: down");
        let new = old.replace("令和11年度: 75.0", "令和11年度: 76.0");
        let d = said(&old, &new);
        assert_eq!(
            d.phrases,
            ["令和11年度の目標値 75.0 → 76.0（目標の引き下げ）"]
        );
        assert!(d.lowered);
    }

    #[test]
    fn an_added_actual_and_a_body_edit_are_said_apart() {
        let old = sheet(TARGETS, ACTUAL, "本文");
        let new = sheet(
            TARGETS,
            "    令和6年度: 72.1\n    令和7年度: 71.2\n",
            "本文",
        );
        assert_eq!(said(&old, &new).phrases, ["実績（令和7年度）を追加 71.2"]);
        let edited = sheet(TARGETS, ACTUAL, "本文を書き直しました");
        assert_eq!(said(&old, &edited).phrases, ["本文の更新"]);
    }

    #[test]
    fn a_new_file_is_a_new_goal_and_a_renamed_one_says_where_from() {
        let text = sheet(TARGETS, ACTUAL, "本文");
        let d = describe(Path::new("content/somu/a.md"), None, &text, None);
        assert_eq!(d.phrases, ["目標を掲載"]);
        let d = describe(
            Path::new("content/somu/b.md"),
            Some(&text),
            &text,
            Some("somu/a.md"),
        );
        assert_eq!(d.phrases, ["ファイルの移動（somu/a.md から）"]);
    }

    #[test]
    fn a_change_of_layout_only_is_said_as_such() {
        let old = sheet(TARGETS, ACTUAL, "本文");
        let new = old.replace("令和7年度: 74.0", "令和7年度:   74.0");
        assert_eq!(said(&old, &new).phrases, ["書式の整理（値の変更なし）"]);
    }
}
