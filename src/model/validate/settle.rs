//! Checks of §8.2–§8.4 that need the whole site and config.toml, run once every goal is
//! evaluated: each goal's `grade` is a grade of the town's scale and agrees with the
//! computed statuses (a warning otherwise), its `plan` is a code of the tree, no two tag
//! spellings share a URL; and each goal gets the 問い合わせ先 it shows (its own, else its
//! department's).

use std::collections::BTreeMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics};

use super::super::Department;
use super::super::assessment::{Spot, disagreeing, find_grade};
use super::super::facts::Contact;
use super::super::goal::Goal;
use super::super::plan::{code_shape, tag_slug};

/// Runs the site-wide checks and fills in each goal's shown contact.
pub(super) fn settle(departments: &mut [Department], config: &Config, diags: &mut Diagnostics) {
    let mut slugs: BTreeMap<String, String> = BTreeMap::new();
    for dept in departments.iter_mut() {
        let contact = dept.contact.clone();
        for goal in &mut dept.goals {
            settle_goal(goal, &contact);
            check_goal(goal, config, diags);
            for tag in &goal.facts.tags {
                let slug = tag_slug(&tag.name);
                match slugs.get(&slug) {
                    Some(first) if first != &tag.name => diags.push(at(
                        Diagnostic::error(
                            Code::TagUrl,
                            &goal.source,
                            tag.at.pos.line,
                            tag.at.pos.column,
                            format!(
                                "タグ「{}」と「{first}」が同じURL（tags/{slug}/）になります",
                                tag.name
                            ),
                        )
                        .with_help(format!(
                            "同じタグなら「{first}」に書きそろえ、別のタグなら言葉を変えてください"
                        )),
                        &tag.at,
                    )),
                    Some(_) => {}
                    None => {
                        slugs.insert(slug, tag.name.clone());
                    }
                }
            }
        }
    }
}

/// Fills in what a goal takes from its department: the 問い合わせ先 it shows.
pub(super) fn settle_goal(goal: &mut Goal, department_contact: &Option<Contact>) {
    goal.facts.shown_contact = goal
        .facts
        .contact
        .clone()
        .or_else(|| department_contact.clone());
}

/// The checks of one goal against config.toml: its grade and its plan code.
pub(super) fn check_goal(goal: &Goal, config: &Config, diags: &mut Diagnostics) {
    check_grade(goal, config, diags);
    check_plan(goal, config, diags);
}

fn at(d: Diagnostic, spot: &Spot) -> Diagnostic {
    d.with_source_line(spot.line.as_deref())
}

fn error(path: &Path, spot: &Spot, code: Code, message: String, help: String) -> Diagnostic {
    at(
        Diagnostic::error(code, path, spot.pos.line, spot.pos.column, message).with_help(help),
        spot,
    )
}

fn check_grade(goal: &Goal, config: &Config, diags: &mut Diagnostics) {
    let Some(grade) = goal
        .facts
        .assessment
        .as_ref()
        .and_then(|a| a.grade.as_ref())
    else {
        return;
    };
    let scale = &config.grades;
    let Some(found) = find_grade(scale, &grade.code) else {
        let help = if scale.is_empty() {
            "config.toml に [[grades]] で町の評価の段階（code, label）を書いてから、その code を grade に書いてください".to_string()
        } else {
            let list: Vec<String> = scale
                .iter()
                .map(|g| format!("{}（{}）", g.code, g.label))
                .collect();
            let wanted: String = grade.code.nfkc().collect::<String>().to_uppercase();
            let near = scale.iter().find(|g| g.code.to_uppercase() == wanted);
            match near {
                Some(g) => format!(
                    "もしかして「{}」ですか？ この町の評価は {} です",
                    g.code,
                    list.join("、")
                ),
                None => format!("この町の評価は {} です", list.join("、")),
            }
        };
        diags.push(error(
            &goal.source,
            &grade.at,
            Code::Grade,
            format!(
                "評価「{}」は config.toml の [[grades]] にありません",
                grade.code
            ),
            help,
        ));
        return;
    };
    let off = disagreeing(found, goal.indicator_statuses());
    if off.is_empty() {
        return;
    }
    let computed: Vec<&str> = off.iter().map(|s| s.label()).collect();
    let fits: Vec<&str> = found.statuses.iter().map(|s| s.label()).collect();
    let d = Diagnostic::warning(
        Code::GradeStatus,
        &goal.source,
        grade.at.pos.line,
        grade.at.pos.column,
        format!(
            "評価「{}（{}）」が、指標から計算した評価区分「{}」と合いません",
            found.code,
            found.label,
            computed.join("・")
        ),
    )
    .with_help(format!(
        "「{}」に当てはまる評価区分は {} です。評価（grade）か指標の値を見直してください",
        found.code,
        fits.join("・")
    ));
    diags.push(at(d, &grade.at));
}

fn check_plan(goal: &Goal, config: &Config, diags: &mut Diagnostics) {
    let Some(plan) = &goal.facts.plan else {
        return;
    };
    if config.plan.get(&plan.code).is_some() {
        return;
    }
    let codes: Vec<&str> = config.plan.nodes.iter().map(|n| n.code.as_str()).collect();
    let help = if codes.is_empty() {
        "config.toml に [[plan]] で施策体系（code, title, parent）を書いてから、その code を plan に書いてください".to_string()
    } else {
        let list = format!(
            "plan には config.toml の [[plan]] の code（{}）を書いてください",
            codes.join(", ")
        );
        // Codes are numbers: one edit away is usually another code, so the guess is the code
        // written in other characters (full-width digits, another dash: `４ー１` → `4-1`).
        let written = code_shape(&plan.code);
        match codes.iter().find(|c| code_shape(c) == written) {
            Some(near) => format!("もしかして「{near}」ですか？ {list}"),
            None => list,
        }
    };
    diags.push(error(
        &goal.source,
        &plan.at,
        Code::Plan,
        format!(
            "施策「{}」は config.toml の [[plan]] にありません",
            plan.code
        ),
        help,
    ));
}
