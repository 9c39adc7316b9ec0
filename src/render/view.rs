//! The template contract: what templates may see, built from the model.
//!
//! Templates never see model types. Every view here is plain serialisable data with all
//! formatting already done (和暦 labels, values with units, percentages, status words), so a
//! theme only arranges strings and a model refactor never breaks a theme. Links are given as
//! site-relative paths (`somu/jichikai/`); templates prefix them with the page's `root`
//! (`../../`), so the site works under any sub-path.
//!
//! Context variables of every page: `site` ([`SiteView`]), `page` ([`PageView`]) and `root`
//! (= `page.root`). Per page: `home` ([`HomeView`], index.html), `department`
//! ([`DepartmentView`], department.html), `goal` ([`GoalView`], goal.html), `evaluation`
//! ([`EvaluationView`], evaluation.html), `data` ([`DataView`], data.html).
//!
//! Strings are escaped by Tera; only fields named `*_html` or `*_svg` are markup (print with
//! `| safe`).

use serde::Serialize;

use crate::model::value::{format_change, format_percent, format_with_unit, round_to};
use crate::model::{
    Department, EVALUATION_PAGE_PATH, FiscalYear, Goal, Indicator, Site, Status, department_path,
    goal_path,
};
use crate::render::GoalGraphics;
use crate::render::markdown::{MarkdownOptions, plain_text_summary, render_markdown};

/// Longest meta description, in characters.
pub const DESCRIPTION_MAX_CHARS: usize = 120;

/// Shown where 進捗率 or 達成率 cannot be computed.
pub const UNDEFINED_PERCENT: &str = "—（算出できません）";

/// Site-wide settings for every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title (`毛呂山町 行政評価`).
    pub title: String,
    /// 自治体名.
    pub municipality: String,
    /// Absolute base URL ending in `/`.
    pub base_url: String,
    /// Path part of the base URL (`/hyoka/`).
    pub base_path: String,
    /// Open data licence name.
    pub license: String,
    /// Open data licence URL.
    pub license_url: String,
    /// 「このサイトのデータは…に基づき利用できます」.
    pub license_text: String,
    /// Year evaluated, `令和6年度`; `None` when there is no actual at all.
    pub as_of_label: Option<String>,
    /// 「令和6年度の実績による評価」.
    pub as_of_text: Option<String>,
    /// Site-relative path of the evaluation page (`about/evaluation/`).
    pub evaluation_path: String,
    /// Site-relative path of the open data page (`data/`).
    pub data_path: String,
}

/// One step of the breadcrumbs; the last is the current page.
#[derive(Debug, Clone, Serialize)]
pub struct CrumbView {
    /// Link text.
    pub title: String,
    /// Site-relative path (`""` for home, `somu/`).
    pub path: String,
}

/// The page being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// Page kind: `home`, `department`, `goal`, `evaluation`, `data`, `not_found`.
    pub kind: String,
    /// Page heading (h1).
    pub title: String,
    /// `<title>`: 「{page} | {site title}」 (the site title alone on home).
    pub head_title: String,
    /// Meta description, at most [`DESCRIPTION_MAX_CHARS`] characters.
    pub description: String,
    /// Site-relative URL path (`somu/jichikai/`).
    pub path: String,
    /// Prefix to the site root: `./`, `../`, `../../`; the base path on 404.html.
    pub root: String,
    /// Absolute URL for `<link rel="canonical">`; `None` on 404.html.
    pub canonical_url: Option<String>,
    /// Breadcrumbs from home to this page.
    pub breadcrumbs: Vec<CrumbView>,
}

/// A 評価区分, ready to print: never colour alone.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    /// Contract code (`on_track`), for CSS classes.
    pub code: String,
    /// Word (`順調`).
    pub label: String,
    /// Shape (`○`).
    pub symbol: String,
    /// One sentence on what it means.
    pub explanation: String,
}

/// A status with how many goals have it.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCountView {
    /// The status.
    pub status: StatusView,
    /// Number of goals.
    pub count: usize,
}

/// A value in a fiscal year.
#[derive(Debug, Clone, Serialize)]
pub struct YearValueView {
    /// Western start year (2024).
    pub fiscal_year: u16,
    /// `令和6年度`.
    pub year_label: String,
    /// `令和6年度（2024年度）`.
    pub year_full_label: String,
    /// `72.1%`.
    pub value_text: String,
}

/// One row of the 数値目標 table.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRowView {
    /// `baseline`, `actual`, `target` or `final_target`.
    pub kind: String,
    /// 区分: 初期値 / 実績 / 目標値 / 最終目標値.
    pub kind_label: String,
    /// The year and value.
    #[serde(flatten)]
    pub value: YearValueView,
}

/// One year of the chart's data table.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesRowView {
    /// `令和6年度（2024年度）`.
    pub year_full_label: String,
    /// 実績, or `—`.
    pub actual_text: String,
    /// 計画値 p(y).
    pub plan_text: String,
    /// 初期値・目標値 of that year (`74.6%（初期値）`), or `—`.
    pub target_text: String,
}

/// 指標.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    /// 指標名.
    pub name: String,
    /// 単位 (may be empty).
    pub unit: String,
    /// `up` / `down`.
    pub direction: String,
    /// 高いほど良い / 低いほど良い.
    pub direction_label: String,
}

/// A goal (目標): everything a card, the goal page and the evaluation table show.
#[derive(Debug, Clone, Serialize)]
pub struct GoalView {
    /// URL slug.
    pub slug: String,
    /// 目標名.
    pub title: String,
    /// Site-relative path (`somu/jichikai/`).
    pub path: String,
    /// 課名.
    pub department_title: String,
    /// Site-relative path of the department (`somu/`).
    pub department_path: String,
    /// 指標.
    pub indicator: IndicatorView,
    /// 評価区分.
    pub status: StatusView,
    /// 初期値 b.
    pub baseline: YearValueView,
    /// 最新の実績 a (not after the evaluated year), if any.
    pub latest: Option<YearValueView>,
    /// 最終目標値 F.
    pub final_target: YearValueView,
    /// p(ya), the plan for the latest actual's year.
    pub plan_at_latest_text: Option<String>,
    /// Change from the baseline to the latest actual (`-2.5ポイント`).
    pub change_text: Option<String>,
    /// 進捗率 (`-625%`, or [`UNDEFINED_PERCENT`]).
    pub progress_text: String,
    /// 達成率 (`97.9%`, or [`UNDEFINED_PERCENT`]).
    pub achievement_text: String,
    /// 数値目標 rows: 初期値, 実績 per year, 目標値 (the last is 最終目標値).
    pub rows: Vec<IndicatorRowView>,
    /// The chart's data by year.
    pub series: Vec<SeriesRowView>,
    /// Inline chart SVG (markup).
    pub chart_svg: String,
    /// The chart's accessible name.
    pub chart_title: String,
    /// The chart's text description.
    pub chart_description: String,
    /// Decorative sparkline SVG (markup, aria-hidden).
    pub sparkline_svg: String,
    /// The body, rendered from Markdown (markup).
    pub body_html: String,
    /// 設定根拠.
    pub basis: Option<String>,
    /// 事業概要.
    pub summary: Option<String>,
    /// Meta description.
    pub description: String,
}

/// 課.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentView {
    /// URL slug.
    pub slug: String,
    /// 課名.
    pub title: String,
    /// Site-relative path (`somu/`).
    pub path: String,
    /// 当課の主な業務.
    pub duties: Vec<String>,
    /// 業務の対象.
    pub served: Option<String>,
    /// The body, rendered from Markdown (markup).
    pub body_html: String,
    /// Its goals, in display order.
    pub goals: Vec<GoalView>,
}

/// The home page (dashboard).
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// The body, rendered from Markdown (markup).
    pub body_html: String,
    /// Counts per status, in [`Status::ALL`] order.
    pub status_counts: Vec<StatusCountView>,
    /// Number of goals.
    pub goal_count: usize,
    /// Departments with their goals.
    pub departments: Vec<DepartmentView>,
}

/// The 評価の方法 page.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationView {
    /// Statuses in the order their rules are tried (未測定, 達成, 順調, 悪化, 遅れ).
    pub rules: Vec<StatusView>,
    /// Every goal, as worked examples.
    pub goals: Vec<GoalView>,
}

/// One column of the open data files.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnView {
    /// Name.
    pub name: String,
    /// What it holds.
    pub description: String,
}

/// The オープンデータ page.
#[derive(Debug, Clone, Serialize)]
pub struct DataView {
    /// Site-relative path of the all-goals CSV.
    pub csv_path: String,
    /// Site-relative path of the all-goals JSON.
    pub json_path: String,
    /// Columns of the files.
    pub columns: Vec<ColumnView>,
    /// Every goal (for the per-goal data links).
    pub goals: Vec<GoalView>,
}

/// Site-relative path of the open data page.
pub const DATA_PAGE_PATH: &str = "data/";

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

/// Statuses in the order the evaluation rules try them.
pub const RULE_ORDER: [Status; 5] = [
    Status::NoData,
    Status::Achieved,
    Status::OnTrack,
    Status::Worse,
    Status::Behind,
];

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
    /// Builds the view of a goal of `dept`, with its chart markup.
    pub fn new(site: &Site, dept: &Department, goal: &Goal, graphics: &GoalGraphics) -> Self {
        let ind = &goal.indicator;
        let e = &goal.evaluation;
        let latest = e.latest.map(|p| year_value(p.year, p.value, ind));
        let description = goal
            .summary
            .as_deref()
            .map(|s| truncate_chars(s, DESCRIPTION_MAX_CHARS))
            .filter(|s| !s.is_empty())
            .or_else(|| {
                Some(plain_text_summary(&goal.body, DESCRIPTION_MAX_CHARS))
                    .filter(|s| !s.is_empty())
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
        GoalView {
            slug: goal.slug.clone(),
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
            status: StatusView::new(e.status),
            baseline: year_value(ind.baseline.year, ind.baseline.value, ind),
            latest,
            final_target: year_value(e.final_target.year, e.final_target.value, ind),
            plan_at_latest_text: e.plan_at_latest.map(|v| plan_text(v, ind)),
            change_text: e
                .latest
                .map(|p| format_change(p.value - ind.baseline.value, ind.decimals, &ind.unit)),
            progress_text: percent_text(e.progress_pct),
            achievement_text: percent_text(e.achievement_pct),
            rows: indicator_rows(ind),
            series: series_rows(ind),
            chart_svg: graphics.chart_svg.clone(),
            chart_title: graphics.chart_title.clone(),
            chart_description: graphics.chart_description.clone(),
            sparkline_svg: graphics.sparkline_svg.clone(),
            body_html: markdown_html(site, &goal.body),
            basis: goal.basis.clone().filter(|s| !s.trim().is_empty()),
            summary: goal.summary.clone().filter(|s| !s.trim().is_empty()),
            description,
        }
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
            departments,
        }
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
        }
    }
}

impl EvaluationView {
    /// Builds the 評価の方法 page view.
    pub fn new(goals: Vec<GoalView>) -> Self {
        EvaluationView {
            rules: RULE_ORDER.iter().map(|&s| StatusView::new(s)).collect(),
            goals,
        }
    }
}
