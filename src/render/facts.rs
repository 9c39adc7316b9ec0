//! The views of a goal's facts of §8.2–§8.4 (`goal.facts` on the goal page): the 事業費
//! table with フルコスト and 住民1人当たり, the town's own 評価 (grade beside the computed
//! status, 今後の方向性, reviews in order), where it stands in the 施策体系, its tags,
//! 問い合わせ先 and 更新日. Everything is formatted here; `null`/empty when not written, so
//! a goal without these keys renders exactly as before.
//!
//! Templates: `goal_grade.html` (inside the status box), `goal_facts.html` (after 事業概要).

use serde::Serialize;

use crate::model::assessment::{Grade, find_grade};
use crate::model::cost::{Cost, per_resident_yen};
use crate::model::facts::{Contact, date_label};
use crate::model::plan::{PLAN_PAGE_PATH, tag_path};
use crate::model::value::format_number;
use crate::model::{Goal, Site};

/// A grade of the town's scale.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GradeView {
    /// `A`.
    pub code: String,
    /// `順調`.
    pub label: String,
    /// What it means, if config.toml says.
    pub description: Option<String>,
    /// The computed statuses it fits, in words (`達成・順調`); empty when not compared.
    pub statuses_text: String,
}

impl GradeView {
    /// The view of one grade.
    pub(crate) fn new(grade: &Grade) -> Self {
        GradeView {
            code: grade.code.clone(),
            label: grade.label.clone(),
            description: grade.description.clone(),
            statuses_text: grade
                .statuses
                .iter()
                .map(|s| s.label())
                .collect::<Vec<_>>()
                .join("・"),
        }
    }
}

/// One year of the 事業費 table; `－` where a figure is not written.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CostRowView {
    /// `令和6年度（2024年度）`.
    pub year_full_label: String,
    /// 予算.
    pub budget_text: String,
    /// 決算.
    pub settlement_text: String,
    /// 人件費.
    pub personnel_text: String,
    /// フルコスト (決算 + 人件費).
    pub full_cost_text: String,
    /// 住民1人当たり in 円 (`445円`), when config.toml has `population`.
    pub per_resident_text: Option<String>,
}

/// 事業費.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CostView {
    /// The unit of the figures (`千円`).
    pub unit: String,
    /// Rows by year.
    pub rows: Vec<CostRowView>,
    /// Whether the 住民1人当たり column is shown.
    pub per_resident: bool,
    /// `住民1人当たり＝フルコスト÷人口 33,000人（円未満四捨五入）`, when shown.
    pub per_resident_note: Option<String>,
}

/// One review, in the order written.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ReviewView {
    /// Who.
    pub by: String,
    /// `令和7年7月31日（2025年7月31日）`.
    pub date_text: Option<String>,
    /// `2025-07-31`, for `<time datetime>`.
    pub date_iso: Option<String>,
    /// What they said.
    pub text: String,
}

/// The town's own 評価 of the goal.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AssessmentView {
    /// The grade, if written.
    pub grade: Option<GradeView>,
    /// 今後の方向性 (`改善`).
    pub outlook: Option<String>,
    /// Reviews in order.
    pub reviews: Vec<ReviewView>,
}

/// A step of the way from the top of the 施策体系 down to the goal's node.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PlanStepView {
    /// `4-1`.
    pub code: String,
    /// `防災・消防`.
    pub title: String,
    /// Site-relative link to the node on the plan page (`plan/#plan-4-1`).
    pub path: String,
}

/// A tag with its page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagView {
    /// The tag.
    pub name: String,
    /// Site-relative path (`tags/sdgs-11/`).
    pub path: String,
}

/// 問い合わせ先.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ContactView {
    /// 担当.
    pub section: Option<String>,
    /// 電話番号 as written (half-width).
    pub phone: Option<String>,
    /// `tel:0492952112`.
    pub phone_href: Option<String>,
    /// メールアドレス.
    pub email: Option<String>,
}

/// `goal.facts`.
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct GoalFactsView {
    /// 事業費.
    pub cost: Option<CostView>,
    /// The town's 評価.
    pub assessment: Option<AssessmentView>,
    /// The grade alone (also in `assessment`), for the status box.
    pub grade: Option<GradeView>,
    /// From the top node down to the goal's node; empty without `plan:`.
    pub plan_steps: Vec<PlanStepView>,
    /// Tags.
    pub tags: Vec<TagView>,
    /// 問い合わせ先 (the goal's, else its department's).
    pub contact: Option<ContactView>,
    /// 更新日 (`令和7年6月1日（2025年6月1日）`).
    pub updated_text: Option<String>,
    /// 更新日 as `2025-06-01`.
    pub updated_iso: Option<String>,
}

/// `12,000` in the cost's decimals, or `－`.
fn figure(value: Option<f64>, cost: &Cost) -> String {
    value.map_or_else(|| "－".to_string(), |v| format_number(v, cost.decimals))
}

impl CostView {
    /// The 事業費 table of `cost`, with 住民1人当たり when `population` is known.
    pub(crate) fn new(cost: &Cost, population: Option<u64>) -> Self {
        let rows = cost
            .years
            .iter()
            .map(|y| {
                let full = y.full_cost();
                CostRowView {
                    year_full_label: y.year.full_label(),
                    budget_text: figure(y.budget, cost),
                    settlement_text: figure(y.settlement, cost),
                    personnel_text: figure(y.personnel, cost),
                    full_cost_text: figure(full, cost),
                    per_resident_text: population.map(|p| {
                        full.and_then(|f| per_resident_yen(f, cost.unit, p))
                            .map_or_else(
                                || "－".to_string(),
                                |yen| format!("{}円", format_number(yen as f64, 0)),
                            )
                    }),
                }
            })
            .collect();
        CostView {
            unit: cost.unit.label().to_string(),
            rows,
            per_resident: population.is_some(),
            per_resident_note: population.map(|p| {
                format!(
                    "住民1人当たり ＝ フルコスト ÷ 人口 {}人（円に換算し、1円未満を四捨五入）",
                    format_number(p as f64, 0)
                )
            }),
        }
    }
}

/// The view of a 問い合わせ先.
pub(crate) fn contact_view(contact: &Contact) -> ContactView {
    ContactView {
        section: contact.section.clone(),
        phone: contact.phone.clone(),
        phone_href: contact.phone.as_ref().map(|p| {
            let digits: String = p
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            format!("tel:{digits}")
        }),
        email: contact.email.clone(),
    }
}

impl GoalFactsView {
    /// The facts of `goal` as its page shows them.
    pub(crate) fn new(site: &Site, goal: &Goal) -> Self {
        let facts = &goal.facts;
        let config = &site.config;
        let grade = facts
            .assessment
            .as_ref()
            .and_then(|a| a.grade.as_ref())
            .and_then(|g| find_grade(&config.grades, &g.code))
            .map(GradeView::new);
        let assessment = facts.assessment.as_ref().map(|a| AssessmentView {
            grade: grade.clone(),
            outlook: a.outlook.map(|o| o.label().to_string()),
            reviews: a
                .reviews
                .iter()
                .map(|r| ReviewView {
                    by: r.by.clone(),
                    date_text: r.date.map(date_label),
                    date_iso: r.date.map(|d| d.to_string()),
                    text: r.text.clone(),
                })
                .collect(),
        });
        let plan_steps = facts
            .plan
            .as_ref()
            .map(|p| {
                config
                    .plan
                    .path_to(&p.code)
                    .into_iter()
                    .map(|n| PlanStepView {
                        code: n.code.clone(),
                        title: n.title.clone(),
                        path: format!("{PLAN_PAGE_PATH}#{}", plan_anchor(&n.code)),
                    })
                    .collect()
            })
            .unwrap_or_default();
        GoalFactsView {
            cost: facts
                .cost
                .as_ref()
                .map(|c| CostView::new(c, config.population)),
            assessment,
            grade,
            plan_steps,
            tags: facts
                .tags
                .iter()
                .map(|t| TagView {
                    name: t.name.clone(),
                    path: tag_path(&t.name),
                })
                .collect(),
            contact: facts.shown_contact.as_ref().map(contact_view),
            updated_text: facts.updated.map(date_label),
            updated_iso: facts.updated.map(|d| d.to_string()),
        }
    }
}

/// `B（やや遅れ）`: the goal's grade with its label, when it has one of the town's scale.
pub(crate) fn grade_text(site: &Site, goal: &Goal) -> Option<String> {
    let code = &goal.facts.assessment.as_ref()?.grade.as_ref()?.code;
    let grade = find_grade(&site.config.grades, code)?;
    Some(format!("{}（{}）", grade.code, grade.label))
}

/// The id of a plan node on the plan page: `plan-` and its code, with any character but
/// ASCII letters, digits, `-` and `_` written as `_` and its code point (`4-1` → `plan-4-1`).
pub(crate) fn plan_anchor(code: &str) -> String {
    let mut id = String::from("plan-");
    for c in code.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            id.push(c);
        } else {
            id.push_str(&format!("_{:x}", u32::from(c)));
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FiscalYear;
    use crate::model::cost::{CostUnit, CostYear};

    #[test]
    fn the_cost_table_adds_full_cost_and_per_resident_yen() {
        let cost = Cost {
            unit: CostUnit::ThousandYen,
            years: vec![
                CostYear {
                    year: FiscalYear::new(2024).unwrap(),
                    budget: Some(12000.0),
                    settlement: Some(11480.0),
                    personnel: Some(3200.0),
                },
                CostYear {
                    year: FiscalYear::new(2025).unwrap(),
                    budget: Some(12500.0),
                    settlement: None,
                    personnel: None,
                },
            ],
            decimals: 0,
        };
        let view = CostView::new(&cost, Some(33000));
        let r = &view.rows[0];
        assert_eq!(
            (
                r.budget_text.as_str(),
                r.full_cost_text.as_str(),
                r.per_resident_text.as_deref()
            ),
            ("12,000", "14,680", Some("445円"))
        );
        assert_eq!(view.rows[1].full_cost_text, "－");
        assert_eq!(view.rows[1].per_resident_text.as_deref(), Some("－"));
        assert!(
            CostView::new(&cost, None).rows[0]
                .per_resident_text
                .is_none()
        );
    }

    #[test]
    fn plan_anchors_are_ascii() {
        assert_eq!(plan_anchor("4-1"), "plan-4-1");
        assert_eq!(plan_anchor("4.1"), "plan-4_2e1");
        assert_eq!(plan_anchor("基本1"), "plan-_57fa_672c1");
    }
}
