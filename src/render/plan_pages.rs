//! The site-wide views of §8.3–§8.4: the 施策体系 page (`plan`, plan.html), the tag pages
//! (`tags`, tags.html; `tag`, tag.html), the dashboard's counts of grades and 今後の方向性
//! (`home.judgement`, home_judgement.html) and the town's grade scale on the evaluation page
//! (`evaluation.scale`, evaluation_grades.html). Each is `None`/absent for a site that does
//! not use the keys, so such a site renders as before.
//!
//! The plan tree is handed to the template flattened, one row per node in tree order, each
//! saying whether a nested list opens after it and how many lists close (`close_html`), so
//! any depth renders as nested `<ul>` with headings and no recursion in templates.

use serde::Serialize;

use crate::model::assessment::Outlook;
use crate::model::plan::{PLAN_PAGE_PATH, Plan, PlanNode, TAGS_PAGE_PATH, tag_path, tag_slug};
use crate::model::{Department, Goal, Site, Status, goal_path};

use super::facts::{GradeView, plan_anchor};
use super::view::StatusView;

/// A goal in the plan and tag lists: link, department, each indicator's status, grade.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PlacedGoalView {
    /// 目標名.
    pub title: String,
    /// Site-relative path.
    pub path: String,
    /// 課名.
    pub department_title: String,
    /// The computed status of each indicator.
    pub statuses: Vec<StatusView>,
    /// The town's grade (`B（遅れ）`), if any.
    pub grade_text: Option<String>,
}

/// A status with a count (only statuses that occur).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CountView {
    /// The status.
    pub status: StatusView,
    /// How many indicators.
    pub count: usize,
}

/// One node of the plan tree, flattened (see the module doc).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PlanRowView {
    /// `4-1`.
    pub code: String,
    /// `防災・消防`.
    pub title: String,
    /// The element id (`plan-4-1`).
    pub anchor: String,
    /// Heading element for its depth (`h2` … `h6`).
    pub heading: String,
    /// Number of indicators of the goals in this node and below.
    pub indicator_count: usize,
    /// Their statuses counted, in [`Status::ALL`] order, zero counts left out.
    pub counts: Vec<CountView>,
    /// Goals placed on this node itself.
    pub goals: Vec<PlacedGoalView>,
    /// Whether children follow (a nested list opens after the node's own content).
    pub has_children: bool,
    /// Markup that ends this item and the lists it closes (`</li>`, `</ul></li>` …).
    pub close_html: String,
}

/// The 施策体系 page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PlanPageView {
    /// The tree, flattened in order.
    pub rows: Vec<PlanRowView>,
    /// Goals without `plan:`.
    pub unplaced: Vec<PlacedGoalView>,
}

/// A tag on the tag index.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagLinkView {
    /// The tag.
    pub name: String,
    /// Site-relative path (`tags/sdgs-11/`).
    pub path: String,
    /// Number of goals.
    pub goal_count: usize,
}

/// The tag index page (`tags/`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagIndexView {
    /// Every tag, sorted by name.
    pub tags: Vec<TagLinkView>,
}

/// One tag's page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagPageView {
    /// The tag.
    pub name: String,
    /// Site-relative path.
    pub path: String,
    /// Statuses of its goals' indicators counted (zero counts left out).
    pub counts: Vec<CountView>,
    /// Its goals, in site order.
    pub goals: Vec<PlacedGoalView>,
}

/// A grade or 方向性 with how many goals have it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct JudgementCountView {
    /// `A（順調）` or `改善`.
    pub label: String,
    /// Number of goals.
    pub count: usize,
}

/// The dashboard's counts of the town's own 評価.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HomeJudgementView {
    /// Each grade of the scale, best first (zero counts kept: the scale reads whole).
    pub grades: Vec<JudgementCountView>,
    /// Each 今後の方向性 that occurs, in the fixed order.
    pub outlooks: Vec<JudgementCountView>,
    /// Goals with a grade.
    pub graded_count: usize,
    /// Site-relative path of the plan page, when there is a plan.
    pub plan_path: Option<String>,
    /// Site-relative path of the tag index, when there are tags.
    pub tags_path: Option<String>,
}

/// The town's scale on the evaluation page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EvaluationScaleView {
    /// The grades, best first.
    pub grades: Vec<GradeView>,
    /// The 今後の方向性 words.
    pub outlooks: Vec<String>,
}

fn placed(site: &Site, dept: &Department, goal: &Goal) -> PlacedGoalView {
    let grade_text = super::facts::grade_text(site, goal);
    PlacedGoalView {
        title: goal.title.clone(),
        path: goal_path(goal),
        department_title: dept.title.clone(),
        statuses: goal.indicator_statuses().map(StatusView::new).collect(),
        grade_text,
    }
}

fn counts<'g>(goals: impl Iterator<Item = &'g Goal>) -> (usize, Vec<CountView>) {
    let statuses: Vec<Status> = goals.flat_map(Goal::indicator_statuses).collect();
    let counts = Status::ALL
        .iter()
        .map(|&s| CountView {
            status: StatusView::new(s),
            count: statuses.iter().filter(|&&x| x == s).count(),
        })
        .filter(|c| c.count > 0)
        .collect();
    (statuses.len(), counts)
}

fn plan_code(goal: &Goal) -> Option<&str> {
    goal.facts.plan.as_ref().map(|p| p.code.as_str())
}

impl PlanPageView {
    /// The plan page; `None` when config.toml has no `[[plan]]`.
    pub(crate) fn new(site: &Site) -> Option<Self> {
        let plan = &site.config.plan;
        if plan.is_empty() {
            return None;
        }
        let mut rows = Vec::with_capacity(plan.nodes.len());
        for top in plan.children(None) {
            push_rows(site, plan, top, 1, &mut rows);
        }
        let unplaced = site
            .goals()
            .filter(|(_, g)| plan_code(g).is_none())
            .map(|(d, g)| placed(site, d, g))
            .collect();
        Some(PlanPageView { rows, unplaced })
    }
}

/// Pushes `node` and everything under it; the last row of the subtree closes its lists.
fn push_rows(site: &Site, plan: &Plan, node: &PlanNode, depth: usize, rows: &mut Vec<PlanRowView>) {
    let within = |g: &&Goal| plan_code(g).is_some_and(|c| plan.is_within(c, &node.code));
    let (indicator_count, counts) = counts(site.goals().map(|(_, g)| g).filter(within));
    let goals = site
        .goals()
        .filter(|(_, g)| plan_code(g) == Some(node.code.as_str()))
        .map(|(d, g)| placed(site, d, g))
        .collect();
    let has_children = plan.children(Some(&node.code)).next().is_some();
    rows.push(PlanRowView {
        code: node.code.clone(),
        title: node.title.clone(),
        anchor: plan_anchor(&node.code),
        heading: format!("h{}", (depth + 1).min(6)),
        indicator_count,
        counts,
        goals,
        has_children,
        close_html: if has_children {
            String::new()
        } else {
            "</li>".into()
        },
    });
    if has_children {
        for child in plan.children(Some(&node.code)) {
            push_rows(site, plan, child, depth + 1, rows);
        }
        if let Some(last) = rows.last_mut() {
            last.close_html.push_str("\n</ul></li>");
        }
    }
}

/// Every tag of the site with its goals, sorted by tag.
fn tagged(site: &Site) -> Vec<(String, Vec<(&Department, &Goal)>)> {
    let mut tags: std::collections::BTreeMap<String, Vec<(&Department, &Goal)>> =
        Default::default();
    for (d, g) in site.goals() {
        for t in &g.facts.tags {
            tags.entry(t.name.clone()).or_default().push((d, g));
        }
    }
    tags.into_iter().collect()
}

impl TagIndexView {
    /// The tag index; `None` when no goal has tags.
    pub(crate) fn new(site: &Site) -> Option<Self> {
        let tags: Vec<TagLinkView> = tagged(site)
            .into_iter()
            .map(|(name, goals)| TagLinkView {
                path: tag_path(&name),
                goal_count: goals.len(),
                name,
            })
            .collect();
        (!tags.is_empty()).then_some(TagIndexView { tags })
    }
}

impl TagPageView {
    /// One page per tag, sorted by tag.
    pub(crate) fn all(site: &Site) -> Vec<Self> {
        tagged(site)
            .into_iter()
            .map(|(name, goals)| {
                let (_, counts) = counts(goals.iter().map(|(_, g)| *g));
                TagPageView {
                    path: tag_path(&name),
                    counts,
                    goals: goals.iter().map(|(d, g)| placed(site, d, g)).collect(),
                    name,
                }
            })
            .collect()
    }
}

impl HomeJudgementView {
    /// The dashboard's counts; `None` when no goal has an assessment and there is no plan
    /// and no tag.
    pub(crate) fn new(site: &Site) -> Option<Self> {
        let assessments: Vec<_> = site
            .goals()
            .filter_map(|(_, g)| g.facts.assessment.as_ref())
            .collect();
        let has_tags = site.goals().any(|(_, g)| !g.facts.tags.is_empty());
        if assessments.is_empty() && site.config.plan.is_empty() && !has_tags {
            return None;
        }
        let grade_of =
            |a: &&crate::model::assessment::Assessment| a.grade.as_ref().map(|g| g.code.clone());
        let grades = site
            .config
            .grades
            .iter()
            .map(|g| JudgementCountView {
                label: format!("{}（{}）", g.code, g.label),
                count: assessments
                    .iter()
                    .filter(|a| grade_of(a).as_deref() == Some(&g.code))
                    .count(),
            })
            .collect();
        let outlooks = Outlook::ALL
            .iter()
            .map(|&o| JudgementCountView {
                label: o.label().to_string(),
                count: assessments.iter().filter(|a| a.outlook == Some(o)).count(),
            })
            .filter(|c| c.count > 0)
            .collect();
        Some(HomeJudgementView {
            grades,
            outlooks,
            graded_count: assessments.iter().filter(|a| a.grade.is_some()).count(),
            plan_path: (!site.config.plan.is_empty()).then(|| PLAN_PAGE_PATH.to_string()),
            tags_path: has_tags.then(|| TAGS_PAGE_PATH.to_string()),
        })
    }
}

impl EvaluationScaleView {
    /// The scale; `None` when config.toml has no `[[grades]]`.
    pub(crate) fn new(site: &Site) -> Option<Self> {
        let grades = &site.config.grades;
        (!grades.is_empty()).then(|| EvaluationScaleView {
            grades: grades.iter().map(GradeView::new).collect(),
            outlooks: Outlook::ALL.iter().map(|o| o.label().to_string()).collect(),
        })
    }
}

/// Site-relative paths of the pages of this module (plan, tag index, each tag), for the
/// sitemap and the page count; empty for a site without plan and tags.
pub(crate) fn judgement_page_paths(site: &Site) -> Vec<String> {
    let mut paths = Vec::new();
    if !site.config.plan.is_empty() {
        paths.push(PLAN_PAGE_PATH.to_string());
    }
    let tags = tagged(site);
    if !tags.is_empty() {
        paths.push(TAGS_PAGE_PATH.to_string());
        paths.extend(
            tags.iter()
                .map(|(name, _)| format!("{TAGS_PAGE_PATH}{}/", tag_slug(name))),
        );
    }
    paths
}
