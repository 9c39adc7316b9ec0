//! The template contract: what templates may see, built from the model.
//!
//! Templates never see model types. Every view here is plain serialisable data with all
//! formatting already done by `build.rs` (和暦 labels, values with units, percentages, status
//! words), so a theme only arranges strings and a model refactor never breaks a theme. Links are given as
//! site-relative paths (`somu/jichikai/`); templates prefix them with the page's `root`
//! (`../../`), so the site works under any sub-path.
//!
//! Context variables of every page: `site` ([`SiteView`]), `page` ([`PageView`]) and `root`
//! (= `page.root`). Per page: `home` ([`HomeView`], index.html), `department`
//! ([`DepartmentView`], department.html), `goal` ([`GoalView`], goal.html), `evaluation`
//! ([`EvaluationView`], evaluation.html), `data` ([`DataView`], data.html), `accessibility`
//! ([`AccessibilityView`], accessibility.html).
//!
//! In lists (`home.departments[].goals`, `department.goals`, `evaluation.goals`,
//! `data.goals`) each goal is a card: every field of [`GoalView`] except `chart_svg`, `chart_svg_narrow`,
//! `chart_description`, `body_html`, `rows`, `series`, `description`, `basis` and `summary`,
//! which are empty (or null) there and shown on the goal page only (a site of 10,000 goals would otherwise copy every chart and body into
//! each list).
//!
//! Several indicators (content-format §8.1): `goal.indicator_details` is true when the goal
//! has several indicators or uses codes, notes, milestones or exclusions; `goal.indicators`
//! then lists every indicator ([`GoalIndicatorView`]: its own `status`, values, `rows`,
//! `series`, milestone `steps`, chart, `definition`, `source`, `exclude_reason`, and `code`,
//! the anchor `#code`), and is empty otherwise. The single-indicator keys (`goal.indicator`,
//! `goal.latest`, `goal.rows`, `goal.chart_svg` …) always hold the first indicator, so
//! templates written for one indicator keep working. Values with a note read
//! `72.1%（見込）` in `value_text` (the note alone in `note`); a milestone's values are step
//! names. List views count indicators: `home.indicator_count`, `home.indicator_details`,
//! `department.status_counts`, and `home.status_groups[].goals` has one entry per indicator
//! of a goal using §8.1 (`indicator_name`, `path` with the anchor). Status `excluded` (対象外)
//! appears only in a site that has an excluded indicator.
//!
//! Strings are escaped by Tera; only fields named `*_html` or `*_svg` are markup (print with
//! `| safe`). Optional values are `null` when absent: test them with `{% if … %}`.
//!
//! Paged lists (a site of more than 100 goals, a department of more than 100; see
//! [`super::paging`]): `home.list_path`, `home.attention`, `department.pagination`,
//! `data.list_path`, `evaluation.list_path`; the page `goal_list_page.html` (`list`, a
//! [`GoalListPageView`], with `list.goals` the cards of kind `all`), and the partial
//! `pagination.html` (`pagination`, `pagination_label`).
//!
//! Partials and the variables they need: `status_badge.html` (`status`), `goal_card.html`
//! (`goal`, `heading`), `goal_list.html` (`goals`, `heading`), `indicator_table.html` and
//! `chart.html` (`goal`), `indicator_section.html` (`ind`, a [`GoalIndicatorView`], and `goal`); `header.html`, `breadcrumbs.html`, `footer.html` use `site`, `page`,
//! `root`. Pages: `index.html`, `department.html`, `goal.html`, `evaluation.html`, `data.html`,
//! `accessibility.html`, `404.html`, all extending `base.html` (blocks `head_title`, `head`, `content`).
//! `goal.html` includes `goal_content.html` (the goal page below the breadcrumbs), which the
//! booklet's `report_goal.html` includes too (with `report_number`); the booklet page itself is
//! `report.html` (`report`, a [`super::report::ReportView`], kind `report`).
//!
//! §8.2–§8.4 (views in [`super::facts`] and [`super::plan_pages`]; each prints nothing for a
//! site without the keys): `goal.facts` for `goal_grade.html` (the town's grade beside the
//! status) and `goal_facts.html` (町の評価, 事業費, 施策体系とタグ, 更新日・問い合わせ先);
//! `home.judgement` for `home_judgement.html`; `evaluation.scale` for `evaluation_grades.html`;
//! `data.costs_csv_path` / `data.costs_json_path` for `data_costs.html`. Pages `plan.html`
//! (`plan`, kind `plan`), `tags.html` (`tags`, kind `tags`) and `tag.html` (`tag`, kind `tag`),
//! with the partials `placed_goals.html` (`goals`) and `status_tally.html` (`counts`).

use serde::Serialize;

use crate::model::Status;

/// Longest meta description, in characters.
pub(crate) const DESCRIPTION_MAX_CHARS: usize = 120;

/// Shown where 進捗率 or 達成率 cannot be computed; the reason is in `progress_note` or
/// `achievement_note` beside it.
pub(crate) const UNDEFINED_PERCENT: &str = "—";

/// Site-wide settings for every page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
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
    /// Site-relative path of the アクセシビリティ方針 page (`about/accessibility/`).
    pub accessibility_path: String,
    /// The 更新履歴 page (`about/changes/`), for a site with a history from git (§10).
    pub changes_path: Option<String>,
    /// The Atom feed (`feed.xml`), with the same condition.
    pub feed_path: Option<String>,
    /// Site-relative path of the booklet (`report/`).
    /// None on a large site (more than 100 goals: a booklet of every goal would be a page
    /// of many megabytes; see README 印刷用の冊子).
    pub report_path: Option<String>,
    /// The theme's css/js: source path (`css/hyoka.css`) → published, content-hashed
    /// name (`css/hyoka.3f2a9c1e.css`), site-relative; templates write
    /// `{{ root }}{{ site.assets["css/hyoka.css"] }}`.
    pub assets: std::collections::BTreeMap<String, String>,
}

/// One step of the breadcrumbs; the last is the current page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CrumbView {
    /// Link text.
    pub title: String,
    /// Site-relative path (`""` for home, `somu/`).
    pub path: String,
}

/// The page being rendered.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageView {
    /// Page kind: `home`, `department`, `goal`, `evaluation`, `data`, `accessibility`,
    /// `not_found`.
    pub kind: String,
    /// Page heading (h1).
    pub title: String,
    /// `<title>`: 「{page} | {site title}」, 「{goal} | {department} | {site title}」 on goal
    /// pages, the site title alone on home.
    pub head_title: String,
    /// Open Graph type: `website` on home, `article` elsewhere.
    pub og_type: String,
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
pub(crate) struct StatusView {
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
pub(crate) struct StatusCountView {
    /// The status.
    pub status: StatusView,
    /// Number of indicators (of goals, for goals with one indicator).
    pub count: usize,
}

/// A value in a fiscal year.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct YearValueView {
    /// Western start year (2024).
    pub fiscal_year: u16,
    /// `令和6年度`.
    pub year_label: String,
    /// `令和6年度（2024年度）`.
    pub year_full_label: String,
    /// `72.1%`; with its note beside it when it has one (`69.5%（見込）`); a milestone's
    /// step name (`検討中`); `－（未測定）` for a year written as not measured.
    pub value_text: String,
    /// The note written beside the value (`見込`), if any.
    pub note: Option<String>,
}

/// One row of the 数値目標 table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndicatorRowView {
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
pub(crate) struct SeriesRowView {
    /// `令和6年度（2024年度）`.
    pub year_full_label: String,
    /// 実績, or `—`.
    pub actual_text: String,
    /// 計画値 p(y).
    pub plan_text: String,
    /// 初期値・目標値 of that year (`74.6%（初期値）`), or `—`.
    pub target_text: String,
    /// このままのペース (見込み) for the years after the latest actual up to the final
    /// target year, else `None` (§9).
    pub projection_text: Option<String>,
}

/// 指標.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndicatorView {
    /// 指標名.
    pub name: String,
    /// 単位 (may be empty).
    pub unit: String,
    /// `up` / `down`.
    pub direction: String,
    /// 高いほど良い / 低いほど良い.
    pub direction_label: String,
}

/// One step of a milestone indicator, for its step table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StepView {
    /// 1-based position (`2`).
    pub number: usize,
    /// Step name (`検討中`).
    pub name: String,
    /// `令和5年度` when the 初期値 is this step.
    pub baseline_text: Option<String>,
    /// The years whose 実績 is this step (`令和6年度、令和7年度`), if any.
    pub actual_text: Option<String>,
    /// The years whose 目標 is this step, if any.
    pub target_text: Option<String>,
    /// Whether the latest actual is this step.
    pub current: bool,
}

/// One indicator of a goal (§8.1: a goal may have several; each is evaluated on its own).
/// A card holds these without `rows`, `series`, `steps` and the chart fields (empty there).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GoalIndicatorView {
    /// The anchor id on the goal page and the data id: `code:`, else the 1-based position.
    pub code: String,
    /// 1-based position in the goal.
    pub number: usize,
    /// Site-relative path with the anchor (`somu/bosai/#4-1-1`).
    pub path: String,
    /// 指標名, unit and direction.
    pub indicator: IndicatorView,
    /// `number` or `milestone`.
    pub kind: String,
    /// Whether it is a milestone (`kind: milestone`).
    pub milestone: bool,
    /// 指標の定義・算出方法.
    pub definition: Option<String>,
    /// 出典.
    pub source: Option<String>,
    /// The reason it is 評価対象外 (`exclude:`), or `None` when it is evaluated.
    pub exclude_reason: Option<String>,
    /// 評価区分 (対象外 when excluded).
    pub status: StatusView,
    /// 初期値 b.
    pub baseline: YearValueView,
    /// 最新の実績 a, if any.
    pub latest: Option<YearValueView>,
    /// 最終目標値 F.
    pub final_target: YearValueView,
    /// p(ya), or `None`.
    pub plan_at_latest_text: Option<String>,
    /// 進捗率 (or [`UNDEFINED_PERCENT`]; `対象外` when excluded).
    pub progress_text: String,
    /// 達成率 (or [`UNDEFINED_PERCENT`]; `対象外` when excluded).
    pub achievement_text: String,
    /// Plain words beside 進捗率: why it cannot be computed (`実績がまだないため、算出できません。`)
    /// or what a negative one means (`目標までの差0.4ポイントに対し、初期値から2.5ポイント減少しています。`).
    pub progress_note: Option<String>,
    /// Plain words beside 達成率: why it cannot be computed (`令和6年度の計画値が0のため…`).
    pub achievement_note: Option<String>,
    /// Where 達成率 and the status seem to disagree (a high 達成率 beside 悪化 or 遅れ): what
    /// each compares, in one sentence.
    pub status_note: Option<String>,
    /// Change from the baseline to the latest actual (`-2.5ポイント`, `2段階進む`).
    pub change_text: Option<String>,
    /// 前年度比 and このままのペース (§9), on the goal page; `None` on a card and where §9
    /// gives none.
    pub pace: Option<super::pace::PaceView>,
    /// 数値目標 rows (初期値, 実績 per year with the years not measured, 目標値).
    pub rows: Vec<IndicatorRowView>,
    /// The chart's data by year.
    pub series: Vec<SeriesRowView>,
    /// A milestone's steps, first to last (empty for a numeric indicator).
    pub steps: Vec<StepView>,
    /// Inline chart SVG (markup): a line chart, or a step chart for a milestone.
    pub chart_svg: String,
    /// The chart for phones (markup; may be empty).
    pub chart_svg_narrow: String,
    /// The chart's accessible name.
    pub chart_title: String,
    /// The chart's text description.
    pub chart_description: String,
    /// The small decorative chart (markup).
    pub sparkline_svg: String,
}

/// What every list page (home, department, evaluation, data) gets for each goal, as
/// `goal`: the goal page's view without what only the goal page shows (chart, tables,
/// body, 設定根拠, 事業概要). A card is kept for every goal until the list pages are made,
/// so it holds few fields; its `status` (a [`StatusView`]) is added as a value shared by
/// every card of that status.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CardView {
    /// Goal title.
    pub title: String,
    /// Site-relative URL path (`somu/jichikai/`).
    pub path: String,
    /// Department name.
    pub department_title: String,
    /// Department URL path (`somu/`).
    pub department_path: String,
    /// The indicator.
    pub indicator: IndicatorView,
    /// 初期値 b.
    pub baseline: YearValueView,
    /// 最新の実績 a (not after the evaluated year), if any.
    pub latest: Option<YearValueView>,
    /// 最終目標値 F.
    pub final_target: YearValueView,
    /// p(ya), the plan for the latest actual's year.
    pub plan_at_latest_text: Option<String>,
    /// 進捗率 (`-625%`, or [`UNDEFINED_PERCENT`]).
    pub progress_text: String,
    /// 達成率 (`97.9%`, or [`UNDEFINED_PERCENT`]).
    pub achievement_text: String,
    /// Plain words beside 進捗率: why it cannot be computed (`実績がまだないため、算出できません。`)
    /// or what a negative one means (`目標までの差0.4ポイントに対し、初期値から2.5ポイント減少しています。`).
    pub progress_note: Option<String>,
    /// Plain words beside 達成率: why it cannot be computed (`令和6年度の計画値が0のため…`).
    pub achievement_note: Option<String>,
    /// Where 達成率 and the status seem to disagree (a high 達成率 beside 悪化 or 遅れ): what
    /// each compares, in one sentence.
    pub status_note: Option<String>,
    /// The small chart (markup, decorative).
    pub sparkline_svg: String,
    /// `draft: true`.
    pub draft: bool,
    /// The town's own grade (§8.3, `B（やや遅れ）`), shown beside the status; `None` without.
    pub grade_text: Option<String>,
    /// Whether the goal uses §8.1 (several indicators, codes, notes, milestones,
    /// exclusions): themes then show `indicators` one by one. When false, the single
    /// indicator is also in the keys above (`indicator`, `latest` …), as before §8.1.
    pub indicator_details: bool,
    /// Every indicator, in order (the first is also in the keys above).
    pub indicators: Vec<GoalIndicatorView>,
    /// `目標の引き下げ（令和8年1月5日）` when the history has one (§10).
    pub lowered_text: Option<String>,
}

/// A goal (目標) as its page shows it: its card (what the list pages show too, flattened:
/// templates see `goal.title`, `goal.latest` … as before) and what only the goal page shows.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GoalView {
    /// What the list pages show of the goal.
    #[serde(flatten)]
    pub card: CardView,
    /// URL slug.
    pub slug: String,
    /// 評価区分.
    pub status: StatusView,
    /// Change from the baseline to the latest actual (`-2.5ポイント`).
    pub change_text: Option<String>,
    /// 前年度比 and このままのペース of the first indicator (§9), or `None`.
    pub pace: Option<super::pace::PaceView>,
    /// 数値目標 rows: 初期値, 実績 per year, 目標値 (the last is 最終目標値).
    pub rows: Vec<IndicatorRowView>,
    /// The chart's data by year.
    pub series: Vec<SeriesRowView>,
    /// Inline chart SVG (markup).
    pub chart_svg: String,
    /// The same chart for phones (markup; may be empty).
    pub chart_svg_narrow: String,
    /// The chart's accessible name.
    pub chart_title: String,
    /// The chart's text description.
    pub chart_description: String,
    /// The body, rendered from Markdown (markup).
    pub body_html: String,
    /// 設定根拠.
    pub basis: Option<String>,
    /// 事業概要.
    pub summary: Option<String>,
    /// Meta description.
    pub description: String,
    /// 事業費, the town's 評価, 施策体系, tags, 問い合わせ先, 更新日 (§8.2–§8.4; see
    /// [`super::facts`]).
    pub facts: super::facts::GoalFactsView,
    /// 更新履歴 from git (§10); `None` for a site without history.
    pub history: Option<super::history::GoalHistoryView>,
}

/// 課.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DepartmentView {
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
    /// 問い合わせ先 (§8.4), for `department_contact.html`; `None` without `contact:`.
    pub contact: Option<Box<super::facts::ContactView>>,
    /// Its indicators per status ([`Status::ALL`], then 対象外 when the site has one).
    pub status_counts: Vec<StatusCountView>,
    /// Number of its indicators.
    pub indicator_count: usize,
    /// Whether one of its goals uses §8.1 (the default theme then shows the counts).
    pub indicator_details: bool,
    /// Number of its goals (`goals` holds only this page's when it is paged).
    pub goal_count: usize,
    /// Its pagination when it has more than [`super::paging::PAGE_SIZE`] goals.
    pub pagination: Option<super::paging::PaginationView>,
    /// Whether this is its first (or only) page: the later ones show only goals.
    pub first_page: bool,
}

/// The home page (dashboard).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HomeView {
    /// The body, rendered from Markdown (markup).
    pub body_html: String,
    /// Counts per status, in [`Status::ALL`] order.
    pub status_counts: Vec<StatusCountView>,
    /// Number of goals.
    pub goal_count: usize,
    /// Number of indicators 達成 or 順調 (at or ahead of plan; one per goal unless a goal
    /// has several).
    pub on_plan_count: usize,
    /// Number of indicators of every goal.
    pub indicator_count: usize,
    /// Whether any goal uses §8.1: the counts are then of indicators (指標), not goals.
    pub indicator_details: bool,
    /// Departments with their goals.
    pub departments: Vec<DepartmentView>,
    /// Every goal grouped by status, in [`Status::ALL`] order (empty groups included).
    pub status_groups: Vec<StatusGroupView>,
    /// Counts of the town's grades and 今後の方向性, links to the plan and tag pages
    /// (§8.3–§8.4); `None` for a site without them.
    pub judgement: Option<super::plan_pages::HomeJudgementView>,
    /// Path of the paged list of every goal (`goals/`) on a site of more than
    /// [`super::paging::PAGE_SIZE`] goals; the home page then lists no goal but the
    /// [`HomeView::attention`] ones, and `status_groups[].goals` are empty (see `count`).
    pub list_path: Option<String>,
    /// On such a site, the first [`super::paging::ATTENTION_MAX`] entries of status 悪化.
    pub attention: Vec<GoalLinkView>,
    /// Entries of status 悪化 in all.
    pub attention_count: usize,
    /// Path of the paged list of the 悪化 goals, on such a site.
    pub attention_path: Option<String>,
}

/// The goals of one status, for the dashboard's 評価区分ごとの目標.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatusGroupView {
    /// The status.
    pub status: StatusView,
    /// Its goals (one entry per indicator of a goal using §8.1), in department then
    /// display order; empty on a site with paged lists (see `list_path`).
    pub goals: Vec<GoalLinkView>,
    /// Number of its entries.
    pub count: usize,
    /// Path of its paged list (`goals/status/worse/`) on a site with paged lists.
    pub list_path: Option<String>,
}

/// A goal in a short list: enough for a link with context.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GoalLinkView {
    /// 目標名.
    pub title: String,
    /// Site-relative path (`somu/jichikai/`).
    pub path: String,
    /// 課名.
    pub department_title: String,
    /// 最新の実績 with its year (`72.1%（令和6年度）`), or `None`.
    pub latest_text: Option<String>,
    /// The indicator's name when the goal uses §8.1 (the list then has one entry per
    /// indicator, and `path` goes to its anchor).
    pub indicator_name: Option<String>,
}

/// One colour pair of the theme and its contrast.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ContrastPairView {
    /// What the pair is used for (`本文の文字`).
    pub label: String,
    /// Foreground colour (`#1a1a1a`).
    pub foreground: String,
    /// Background colour (`#ffffff`).
    pub background: String,
    /// Measured ratio (`17.40:1`).
    pub ratio_text: String,
    /// What WCAG 2.2 AA asks (`4.5:1`).
    pub required_text: String,
    /// Whether the ratio meets it.
    pub meets: bool,
}

/// The colour pairs of one colour scheme.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ContrastSchemeView {
    /// `明るい表示` / `暗い表示（OSのダークモード）`.
    pub label: String,
    /// Its pairs.
    pub pairs: Vec<ContrastPairView>,
}

/// The アクセシビリティ方針 page: what the theme guarantees, measured on this build.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AccessibilityView {
    /// Contrast of the theme's colours, measured from its stylesheet.
    pub schemes: Vec<ContrastSchemeView>,
    /// Whether every pair meets AA.
    pub all_contrast_meets: bool,
    /// The statuses, each with its word and shape.
    pub statuses: Vec<StatusView>,
    /// Number of HTML pages of the site (the 404 page included).
    pub page_count: usize,
    /// Number of goals (each with a chart, a data table and CSV/JSON).
    pub goal_count: usize,
}

/// The 評価の方法 page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EvaluationView {
    /// Statuses in the order their rules are tried (未測定, 達成, 順調, 悪化, 遅れ).
    pub rules: Vec<StatusView>,
    /// Every goal, as worked examples.
    pub goals: Vec<GoalView>,
    /// The town's own grade scale (§8.3); `None` without `[[grades]]`.
    pub scale: Option<super::plan_pages::EvaluationScaleView>,
    /// Whether any goal uses §8.1 (the page then explains several indicators, milestones
    /// and notes).
    pub indicator_details: bool,
    /// Whether any indicator is 対象外 (the page then explains it).
    pub excluded: bool,
    /// Number of goals of the site (`goals` holds only the first
    /// [`super::paging::PAGE_SIZE`] on a site with paged lists).
    pub goal_count: usize,
    /// Path of the paged list of every goal, on a site with paged lists.
    pub list_path: Option<String>,
}

/// One column of the open data files.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ColumnView {
    /// Name.
    pub name: String,
    /// What it holds.
    pub description: String,
}

/// The オープンデータ page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DataView {
    /// Site-relative path of the all-goals CSV.
    pub csv_path: String,
    /// Site-relative path of the all-goals JSON.
    pub json_path: String,
    /// Columns of the files.
    pub columns: Vec<ColumnView>,
    /// Every goal (for the per-goal data links).
    pub goals: Vec<GoalView>,
    /// Site-relative path of `costs.csv` (§8.2), when some goal has costs.
    pub costs_csv_path: Option<String>,
    /// Site-relative path of `costs.json`, when some goal has costs.
    pub costs_json_path: Option<String>,
    /// Whether any goal uses §8.1: one row per indicator, with the §8.1 columns.
    pub indicator_details: bool,
    /// Path of the paged list of every goal on a site with paged lists: `goals` is then
    /// empty and the page says where each goal's files are.
    pub list_path: Option<String>,
}

/// One page of a paged goal list (`goal_list_page.html`): every goal (`kind` `all`, cards
/// in `goals`) or the goals of one status (`kind` `status`, short entries in `links`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GoalListPageView {
    /// `all` or `status`.
    pub kind: String,
    /// Heading (`すべての目標`, `評価区分「悪化」の目標`).
    pub title: String,
    /// The status listed, for `status`.
    pub status: Option<StatusView>,
    /// This page's pagination.
    pub pagination: super::paging::PaginationView,
    /// Every status list, with its count, for moving between them.
    pub status_lists: Vec<StatusGroupView>,
    /// Path of the list of every goal (`goals/`).
    pub all_path: String,
    /// Number of goals of the site.
    pub goal_count: usize,
    /// This page's entries of a `status` list (empty for `all`, whose cards are `goals`).
    pub links: Vec<GoalLinkView>,
}

/// Site-relative path of the open data page.
pub(crate) const DATA_PAGE_PATH: &str = "data/";

/// Site-relative path of the アクセシビリティ方針 page (under the reserved `about/`, so no
/// department can take it).
pub(crate) const ACCESSIBILITY_PAGE_PATH: &str = "about/accessibility/";

/// Statuses in the order the evaluation rules try them.
pub(crate) const RULE_ORDER: [Status; 5] = [
    Status::NoData,
    Status::Achieved,
    Status::OnTrack,
    Status::Worse,
    Status::Behind,
];
