//! Building the views of [`super::view`] from the model: all formatting of values, years,
//! percentages and statuses happens here, once, so templates only print strings.

use crate::model::value::{format_change, format_percent, format_with_unit, round_to};
use crate::model::{
    Department, EVALUATION_PAGE_PATH, FiscalYear, Goal, Indicator, Site, Status, department_path,
    goal_path,
};
use crate::render::GoalGraphics;
use crate::render::markdown::{MarkdownOptions, plain_text_summary, render_markdown};
use crate::render::view::*;

impl SiteView {
    /// Builds the site view.
    pub fn new(site: &Site) -> Self {
        let c = &site.config;
        SiteView {
            title: c.title.clone(),
            municipality: c.municipality.clone(),
            base_url: c.base_url.clone(),
            base_path: c.base_path.clone(),
            license: c.license.clone(),
            license_url: c.license_url.clone(),
            license_text: format!("このサイトのデータは{}に基づき利用できます", c.license),
            as_of_label: site.as_of.map(FiscalYear::label),
            as_of_text: site.as_of.map(|y| format!("{}の実績による評価", y.label())),
            evaluation_path: EVALUATION_PAGE_PATH.to_string(),
            data_path: DATA_PAGE_PATH.to_string(),
            accessibility_path: ACCESSIBILITY_PAGE_PATH.to_string(),
        }
    }
}

impl StatusView {
    /// Builds a status view.
    pub fn new(status: Status) -> Self {
        StatusView {
            code: status.code().to_string(),
            label: status.label().to_string(),
            symbol: status.symbol().to_string(),
            explanation: status.explanation().to_string(),
        }
    }
}

/// Prefix from a page at site-relative URL path `path` to the site root.
pub fn root_for(path: &str) -> String {
    let depth = path.split('/').filter(|s| !s.is_empty()).count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// Cuts `text` to at most `max` characters, ending with `…` when cut.
pub fn truncate_chars(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn markdown_html(site: &Site, body: &str) -> String {
    render_markdown(
        body,
        MarkdownOptions {
            unsafe_html: site.config.unsafe_html,
        },
    )
    .html
}

fn percent_text(pct: Option<f64>) -> String {
    pct.map_or_else(|| UNDEFINED_PERCENT.to_string(), format_percent)
}

/// A plan value: the indicator's decimals, plus up to two more when the line falls between.
fn plan_text(value: f64, ind: &Indicator) -> String {
    let mut places = ind.decimals;
    while places < ind.decimals + 2 && round_to(value, i32::from(places)) != round_to(value, 6) {
        places += 1;
    }
    format_with_unit(value, places, &ind.unit)
}

fn year_value(year: FiscalYear, value: f64, ind: &Indicator) -> YearValueView {
    YearValueView {
        fiscal_year: year.western(),
        year_label: year.label(),
        year_full_label: year.full_label(),
        value_text: format_with_unit(value, ind.decimals, &ind.unit),
    }
}

fn indicator_rows(ind: &Indicator) -> Vec<IndicatorRowView> {
    let row = |kind: &str, label: &str, p: &crate::model::Point| IndicatorRowView {
        kind: kind.to_string(),
        kind_label: label.to_string(),
        value: year_value(p.year, p.value, ind),
    };
    let mut rows = vec![row("baseline", "初期値", &ind.baseline)];
    rows.extend(ind.actual.iter().map(|p| row("actual", "実績", p)));
    let last = ind.targets.len() - 1;
    rows.extend(ind.targets.iter().enumerate().map(|(i, p)| {
        if i == last {
            row("final_target", "最終目標値", p)
        } else {
            row("target", "目標値", p)
        }
    }));
    rows
}

fn series_rows(ind: &Indicator) -> Vec<SeriesRowView> {
    let fmt = |v: f64| format_with_unit(v, ind.decimals, &ind.unit);
    ind.years()
        .into_iter()
        .map(|y| {
            let actual = ind
                .actual
                .iter()
                .find(|p| p.year == y)
                .map(|p| fmt(p.value));
            let target = if ind.baseline.year == y {
                Some(format!("{}（初期値）", fmt(ind.baseline.value)))
            } else {
                ind.targets
                    .iter()
                    .find(|p| p.year == y)
                    .map(|p| fmt(p.value))
            };
            SeriesRowView {
                year_full_label: y.full_label(),
                actual_text: actual.unwrap_or_else(|| "—".to_string()),
                plan_text: plan_text(ind.plan_value(y), ind),
                target_text: target.unwrap_or_else(|| "—".to_string()),
            }
        })
        .collect()
}

impl GoalView {
    /// Builds the view of a goal of `dept`, with its chart markup and its Markdown `body`
    /// (the goal's own, or the one a build took out of the model: see
    /// `pipeline::emit_site`).
    pub fn new(
        site: &Site,
        dept: &Department,
        goal: &Goal,
        body: &str,
        graphics: &GoalGraphics,
    ) -> Self {
        let ind = &goal.indicator;
        let e = &goal.evaluation;
        let latest = e.latest.map(|p| year_value(p.year, p.value, ind));
        let description = goal
            .summary
            .as_deref()
            .map(|s| truncate_chars(s, DESCRIPTION_MAX_CHARS))
            .filter(|s| !s.is_empty())
            .or_else(|| {
                Some(plain_text_summary(body, DESCRIPTION_MAX_CHARS)).filter(|s| !s.is_empty())
            })
            .unwrap_or_else(|| {
                truncate_chars(
                    &format!(
                        "{}（{}）の目標「{}」の指標と評価",
                        site.config.municipality, dept.title, goal.title
                    ),
                    DESCRIPTION_MAX_CHARS,
                )
            });
        let card = CardView {
            title: goal.title.clone(),
            path: goal_path(goal),
            department_title: dept.title.clone(),
            department_path: department_path(dept),
            indicator: IndicatorView {
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                direction: ind.direction.code().to_string(),
                direction_label: ind.direction.label().to_string(),
            },
            baseline: year_value(ind.baseline.year, ind.baseline.value, ind),
            latest,
            final_target: year_value(e.final_target.year, e.final_target.value, ind),
            plan_at_latest_text: e.plan_at_latest.map(|v| plan_text(v, ind)),
            progress_text: percent_text(e.progress_pct),
            achievement_text: percent_text(e.achievement_pct),
            sparkline_svg: graphics.sparkline_svg.clone(),
            draft: goal.draft,
            grade_text: super::facts::grade_text(site, goal),
        };
        GoalView {
            card,
            slug: goal.slug.clone(),
            status: StatusView::new(e.status),
            change_text: e
                .latest
                .map(|p| format_change(p.value - ind.baseline.value, ind.decimals, &ind.unit)),
            rows: indicator_rows(ind),
            series: series_rows(ind),
            chart_svg: graphics.chart_svg.clone(),
            chart_svg_narrow: graphics.chart_svg_narrow.clone(),
            chart_title: graphics.chart_title.clone(),
            chart_description: graphics.chart_description.clone(),
            body_html: markdown_html(site, body),
            basis: goal.basis.clone().filter(|s| !s.trim().is_empty()),
            summary: goal.summary.clone().filter(|s| !s.trim().is_empty()),
            description,
            facts: super::facts::GoalFactsView::new(site, goal),
        }
    }
}

impl GoalView {
    /// The goal as a card in a list (see [`CardView`]); the status goes separately.
    pub fn into_card(self) -> (CardView, StatusView) {
        (self.card, self.status)
    }
}

impl DepartmentView {
    /// Builds the view of a department from its already built goal views.
    pub fn new(site: &Site, dept: &Department, goals: Vec<GoalView>) -> Self {
        DepartmentView {
            slug: dept.slug.clone(),
            title: dept.title.clone(),
            path: department_path(dept),
            duties: dept.duties.clone(),
            served: dept.served.clone().filter(|s| !s.trim().is_empty()),
            body_html: markdown_html(site, &dept.body),
            goals,
            contact: dept
                .contact
                .as_ref()
                .map(|c| Box::new(super::facts::contact_view(c))),
        }
    }

    /// Meta description of the department page.
    pub fn description(&self, site: &Site, dept: &Department) -> String {
        let text = plain_text_summary(&dept.body, DESCRIPTION_MAX_CHARS);
        if !text.is_empty() {
            return text;
        }
        let duties = dept.duties.join("、");
        truncate_chars(
            &format!(
                "{}{}の主な業務と数値目標。{duties}",
                site.config.municipality, self.title
            ),
            DESCRIPTION_MAX_CHARS,
        )
    }
}

impl HomeView {
    /// Builds the dashboard view.
    pub fn new(site: &Site, departments: Vec<DepartmentView>) -> Self {
        HomeView {
            body_html: markdown_html(site, &site.home_body),
            status_counts: site
                .status_counts()
                .into_iter()
                .map(|(s, count)| StatusCountView {
                    status: StatusView::new(s),
                    count,
                })
                .collect(),
            goal_count: site.goals().count(),
            on_plan_count: site
                .goals()
                .filter(|(_, g)| matches!(g.evaluation.status, Status::Achieved | Status::OnTrack))
                .count(),
            status_groups: Status::ALL
                .iter()
                .map(|&status| StatusGroupView {
                    status: StatusView::new(status),
                    goals: site
                        .goals()
                        .filter(|(_, g)| g.evaluation.status == status)
                        .map(|(dept, goal)| GoalLinkView::new(dept, goal))
                        .collect(),
                })
                .collect(),
            departments,
            judgement: super::plan_pages::HomeJudgementView::new(site),
        }
    }
}

impl GoalLinkView {
    /// The short form of a goal of `dept`.
    pub fn new(dept: &Department, goal: &Goal) -> Self {
        let ind = &goal.indicator;
        GoalLinkView {
            title: goal.title.clone(),
            path: goal_path(goal),
            department_title: dept.title.clone(),
            latest_text: goal.evaluation.latest.map(|p| {
                format!(
                    "{}（{}）",
                    format_with_unit(p.value, ind.decimals, &ind.unit),
                    p.year.label()
                )
            }),
        }
    }
}

/// The theme's colour pairs: (what it is for, foreground token, background token, ratio asked).
const CONTRAST_PAIRS: &[(&str, &str, &str, f64)] = &[
    ("本文の文字", "text", "bg", 4.5),
    ("補足の文字", "text-sub", "bg", 4.5),
    ("リンク", "link", "bg", 4.5),
    ("訪問済みのリンク", "link-visited", "bg", 4.5),
    ("評価区分「達成」", "achieved", "bg", 4.5),
    ("評価区分「順調」", "on-track", "bg", 4.5),
    ("評価区分「遅れ」", "behind", "bg", 4.5),
    ("評価区分「悪化」", "worse", "bg", 4.5),
    ("評価区分「未測定」", "no-data", "bg", 4.5),
    ("網掛けの上の文字（表の見出しなど）", "text", "bg-sub", 4.5),
    ("表とカードの枠線", "border", "bg", 3.0),
];

impl AccessibilityView {
    /// Builds the page from the theme's stylesheet (`css` may be empty: no pairs are shown).
    pub fn new(site: &Site, css: &str, page_count: usize) -> Self {
        let (light, dark) = crate::render::contrast::palettes(css);
        let mut schemes = vec![contrast_scheme("明るい表示", &light)];
        if let Some(dark) = dark {
            schemes.push(contrast_scheme("暗い表示（端末のダークモード）", &dark));
        }
        schemes.retain(|s| !s.pairs.is_empty());
        AccessibilityView {
            all_contrast_meets: schemes.iter().flat_map(|s| &s.pairs).all(|p| p.meets),
            schemes,
            statuses: Status::ALL.iter().map(|&s| StatusView::new(s)).collect(),
            page_count,
            goal_count: site.goals().count(),
        }
    }
}

fn contrast_scheme(label: &str, palette: &crate::render::contrast::Palette) -> ContrastSchemeView {
    let pairs = CONTRAST_PAIRS
        .iter()
        .filter_map(|&(what, fg, bg, required)| {
            let (foreground, background) = (palette.get(fg)?, palette.get(bg)?);
            let ratio = crate::render::contrast::contrast_ratio(foreground, background)?;
            // Floor to two decimals: never claim more than was measured.
            let shown = (ratio * 100.0).floor() / 100.0;
            Some(ContrastPairView {
                label: what.to_string(),
                foreground: foreground.clone(),
                background: background.clone(),
                ratio_text: format!("{shown:.2}:1"),
                required_text: format!("{required}:1"),
                meets: ratio >= required,
            })
        })
        .collect();
    ContrastSchemeView {
        label: label.to_string(),
        pairs,
    }
}

impl DataView {
    /// Builds the open data page view.
    pub fn new(goals: Vec<GoalView>) -> Self {
        let columns = [
            ("department（課名）", "目標を担当する課の名前"),
            ("department_slug / slug", "課と目標のURL名（半角英小文字）"),
            ("title（目標名）", "目標の名前"),
            ("indicator（指標名）", "目標の達成度を測る指標の名前"),
            (
                "unit（単位）",
                "値の単位（%、地区、人など）。値そのものには単位を付けません",
            ),
            (
                "direction（方向）",
                "up = 高いほど良い、down = 低いほど良い",
            ),
            ("baseline（初期値）", "計画の始まりの値と年度"),
            ("actual（実績）", "各年度の実績値"),
            (
                "targets（目標値）",
                "各年度の目標値。最後のものが最終目標値",
            ),
            ("final_target（最終目標値）", "計画期間の最後の目標値と年度"),
            ("latest（最新の実績）", "評価に使った最新の実績値と年度"),
            (
                "progress_pct（進捗率）",
                "(最新実績 − 初期値) ÷ (最終目標値 − 初期値) × 100。算出できない場合は空欄（JSONでは null）",
            ),
            (
                "achievement_pct（達成率）",
                "その年度の計画値に対する実績の割合。算出できない場合は空欄（JSONでは null）",
            ),
            (
                "status / status_label（評価区分）",
                "achieved 達成、on_track 順調、behind 遅れ、worse 悪化、no_data 未測定",
            ),
            (
                "fiscal_year / label（年度）",
                "年度は西暦の開始年（2025）と和暦（令和7年度）の両方で示します",
            ),
            ("url", "その目標のページの絶対URL"),
        ];
        DataView {
            csv_path: "data/indicators.csv".to_string(),
            json_path: "data/indicators.json".to_string(),
            columns: columns
                .iter()
                .map(|&(name, description)| ColumnView {
                    name: name.to_string(),
                    description: description.to_string(),
                })
                .collect(),
            goals,
            costs_csv_path: None,
            costs_json_path: None,
        }
    }
}

impl EvaluationView {
    /// Builds the 評価の方法 page view.
    pub fn new(goals: Vec<GoalView>) -> Self {
        EvaluationView {
            rules: RULE_ORDER.iter().map(|&s| StatusView::new(s)).collect(),
            goals,
            scale: None,
        }
    }
}
