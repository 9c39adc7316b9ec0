//! Building the views of [`super::view`] from the model: all formatting of values, years,
//! percentages and statuses happens here, once, so templates only print strings.

use crate::model::value::{format_change, format_percent, format_with_unit, shown_plan};
use crate::model::{
    Department, Direction, EVALUATION_PAGE_PATH, Evaluation, FiscalYear, Goal, Indicator,
    SeriesKind, Site, Status, department_path, goal_path,
};
use crate::render::markdown::{MarkdownOptions, plain_text_summary, render_markdown_at};
use crate::render::rate_words::rate_words;
use crate::render::view::*;
use crate::render::{GoalGraphics, IndicatorGraphics};

impl SiteView {
    /// Builds the site view.
    pub(crate) fn new(site: &Site) -> Self {
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
            changes_path: site
                .history
                .read()
                .map(|_| crate::model::history::CHANGES_PAGE_PATH.to_string()),
            feed_path: site
                .history
                .read()
                .map(|_| crate::model::history::FEED_PATH.to_string()),
            report_path: (!super::paging::is_large(site))
                .then(|| super::report::REPORT_PAGE_PATH.to_string()),
            assets: Default::default(),
        }
    }
}

impl StatusView {
    /// Builds a status view.
    pub(crate) fn new(status: Status) -> Self {
        StatusView {
            code: status.code().to_string(),
            label: status.label().to_string(),
            symbol: status.symbol().to_string(),
            explanation: status.explanation().to_string(),
        }
    }
}

/// Prefix from a page at site-relative URL path `path` to the site root.
pub(super) fn root_for(path: &str) -> String {
    let depth = path.split('/').filter(|s| !s.is_empty()).count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// Cuts `text` to at most `max` characters, ending with `…` when cut.
pub(super) fn truncate_chars(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A body's HTML for the page at site-relative `page` (root-relative links written from it).
fn markdown_html(site: &Site, body: &str, page: &str) -> String {
    render_markdown_at(
        body,
        MarkdownOptions {
            unsafe_html: site.config.unsafe_html,
        },
        &root_for(page),
    )
    .html
}

fn percent_text(pct: Option<f64>) -> String {
    pct.map_or_else(|| UNDEFINED_PERCENT.to_string(), format_percent)
}

/// A plan value as [`shown_plan`] rounds it (whole numbers for counts such as 地区); for a
/// milestone, the step the plan has reached (or is between).
fn plan_text(value: f64, ind: &Indicator) -> String {
    if ind.is_milestone() {
        let below = value.floor();
        return match (ind.step_name(below), value == below) {
            (Some(name), true) => name.to_string(),
            (Some(name), false) => format!("{name}〜{}", ind.step_name(below + 1.0).unwrap_or("")),
            (None, _) => String::new(),
        };
    }
    let (value, places) = shown_plan(
        value,
        ind.decimals,
        &ind.unit,
        ind.direction == Direction::Up,
    );
    format_with_unit(value, places, &ind.unit)
}

/// Shown for an actual written as not measured (`null`, `－`).
const UNMEASURED_TEXT: &str = "－（未測定）";

/// A value as pages show it: with its unit, or a milestone's step name.
fn value_text(value: f64, ind: &Indicator) -> String {
    match ind.step_name(value) {
        Some(name) => name.to_string(),
        None => format_with_unit(value, ind.decimals, &ind.unit),
    }
}

/// A value of `kind` (for its note) in `year`; `None` is not measured.
fn noted_year_value(
    ind: &Indicator,
    kind: Option<SeriesKind>,
    year: FiscalYear,
    value: Option<f64>,
) -> YearValueView {
    let note = kind.and_then(|k| ind.note(k, year)).map(str::to_string);
    let shown = value.map_or_else(|| UNMEASURED_TEXT.to_string(), |v| value_text(v, ind));
    YearValueView {
        fiscal_year: year.western(),
        year_label: year.label(),
        year_full_label: year.full_label(),
        value_text: match &note {
            Some(n) => format!("{shown}（{n}）"),
            None => shown,
        },
        note,
    }
}

fn indicator_rows(ind: &Indicator) -> Vec<IndicatorRowView> {
    let row = |kind: &str, label: &str, sk: SeriesKind, year, value| IndicatorRowView {
        kind: kind.to_string(),
        kind_label: label.to_string(),
        value: noted_year_value(ind, Some(sk), year, value),
    };
    let b = &ind.baseline;
    let mut rows = vec![row(
        "baseline",
        "初期値",
        SeriesKind::Baseline,
        b.year,
        Some(b.value),
    )];
    let mut actual: Vec<(FiscalYear, Option<f64>)> = ind
        .actual
        .iter()
        .map(|p| (p.year, Some(p.value)))
        .chain(ind.details.unmeasured.iter().map(|&y| (y, None)))
        .collect();
    actual.sort_by_key(|(y, _)| *y);
    rows.extend(
        actual
            .into_iter()
            .map(|(y, v)| row("actual", "実績", SeriesKind::Actual, y, v)),
    );
    let last = ind.targets.len() - 1;
    rows.extend(ind.targets.iter().enumerate().map(|(i, p)| {
        let (kind, label) = if i == last {
            ("final_target", "最終目標値")
        } else {
            ("target", "目標値")
        };
        row(kind, label, SeriesKind::Target, p.year, Some(p.value))
    }));
    rows
}

fn series_rows(ind: &Indicator, e: &Evaluation) -> Vec<SeriesRowView> {
    let pace = crate::model::pace::pace(ind, e);
    let fmt = |kind, year, v: f64| noted_year_value(ind, Some(kind), year, Some(v)).value_text;
    let mut years = ind.years();
    years.extend(ind.details.unmeasured.iter().copied());
    years.sort();
    years.dedup();
    years
        .into_iter()
        .map(|y| {
            let actual = ind
                .actual
                .iter()
                .find(|p| p.year == y)
                .map(|p| fmt(SeriesKind::Actual, y, p.value))
                .or_else(|| {
                    ind.details.unmeasured.contains(&y).then(|| {
                        noted_year_value(ind, Some(SeriesKind::Actual), y, None).value_text
                    })
                });
            let target = if ind.baseline.year == y {
                Some(format!(
                    "{}（初期値）",
                    fmt(SeriesKind::Baseline, y, ind.baseline.value)
                ))
            } else {
                ind.targets
                    .iter()
                    .find(|p| p.year == y)
                    .map(|p| fmt(SeriesKind::Target, y, p.value))
            };
            SeriesRowView {
                year_full_label: y.full_label(),
                actual_text: actual.unwrap_or_else(|| "—".to_string()),
                plan_text: plan_text(ind.plan_value(y), ind),
                target_text: target.unwrap_or_else(|| "—".to_string()),
                projection_text: super::pace::projection_cell(ind, pace.as_ref(), y),
            }
        })
        .collect()
}

fn step_rows(ind: &Indicator, e: &Evaluation) -> Vec<StepView> {
    let years_at = |points: &mut dyn Iterator<Item = &crate::model::Point>, i: usize| {
        let years: Vec<String> = points
            .filter(|p| p.value == i as f64)
            .map(|p| p.year.label())
            .collect();
        (!years.is_empty()).then(|| years.join("、"))
    };
    ind.steps()
        .iter()
        .enumerate()
        .map(|(i, name)| StepView {
            number: i + 1,
            name: name.clone(),
            baseline_text: (ind.baseline.value == i as f64).then(|| ind.baseline.year.label()),
            actual_text: years_at(&mut ind.actual.iter(), i),
            target_text: years_at(&mut ind.targets.iter(), i),
            current: e.latest.is_some_and(|p| p.value == i as f64),
        })
        .collect()
}

/// Change from the baseline to the latest actual: `-2.5ポイント`, or for a milestone
/// `2段階進む` / `1段階戻る` / `変わらず`.
fn change_text(ind: &Indicator, e: &Evaluation) -> Option<String> {
    let latest = e.latest?;
    let delta = latest.value - ind.baseline.value;
    if !ind.is_milestone() {
        return Some(format_change(delta, ind.decimals, &ind.unit));
    }
    Some(match delta {
        d if d > 0.0 => format!("{}段階進む", d as i64),
        d if d < 0.0 => format!("{}段階戻る", (-d) as i64),
        _ => "変わらず".to_string(),
    })
}

impl GoalIndicatorView {
    /// The view of the goal's indicator at `index`, with its chart markup (`full`: the goal
    /// page's tables too; a card leaves them empty).
    pub(crate) fn new(goal: &Goal, index: usize, graphics: IndicatorGraphics, full: bool) -> Self {
        let ind = &goal.indicators()[index];
        let e = &goal.evaluations()[index];
        let excluded = ind.is_excluded();
        let pct = |v| {
            if excluded {
                "対象外".to_string()
            } else {
                percent_text(v)
            }
        };
        let code = goal.indicator_code(index);
        let plan_at_latest = e.plan_at_latest.map(|v| plan_text(v, ind));
        let words = rate_words(ind, e);
        GoalIndicatorView {
            path: format!("{}#{code}", goal_path(goal)),
            code,
            number: index + 1,
            indicator: indicator_view(ind),
            kind: if ind.is_milestone() {
                "milestone"
            } else {
                "number"
            }
            .to_string(),
            milestone: ind.is_milestone(),
            definition: ind.details.definition.clone(),
            source: ind.details.source.clone(),
            exclude_reason: ind.details.exclude.clone(),
            status: StatusView::new(e.status),
            baseline: noted_year_value(
                ind,
                Some(SeriesKind::Baseline),
                ind.baseline.year,
                Some(ind.baseline.value),
            ),
            latest: e
                .latest
                .map(|p| noted_year_value(ind, Some(SeriesKind::Actual), p.year, Some(p.value))),
            final_target: noted_year_value(
                ind,
                Some(SeriesKind::Target),
                e.final_target.year,
                Some(e.final_target.value),
            ),
            plan_at_latest_text: plan_at_latest.clone(),
            progress_text: pct(e.progress_pct),
            achievement_text: pct(e.achievement_pct),
            progress_note: words.progress,
            achievement_note: words.achievement,
            status_note: words.status,
            change_text: change_text(ind, e),
            pace: full.then(|| super::pace::PaceView::new(ind, e)).flatten(),
            rows: if full {
                indicator_rows(ind)
            } else {
                Vec::new()
            },
            series: if full {
                series_rows(ind, e)
            } else {
                Vec::new()
            },
            steps: if full { step_rows(ind, e) } else { Vec::new() },
            chart_svg: graphics.chart_svg,
            chart_svg_narrow: graphics.chart_svg_narrow,
            chart_title: graphics.chart_title,
            chart_description: graphics.chart_description,
            sparkline_svg: graphics.sparkline_svg,
        }
    }

    /// The indicator as a card shows it: without the tables and the goal page's chart.
    fn into_card(self) -> Self {
        GoalIndicatorView {
            pace: None,
            rows: Vec::new(),
            series: Vec::new(),
            steps: Vec::new(),
            chart_svg: String::new(),
            chart_svg_narrow: String::new(),
            chart_description: String::new(),
            ..self
        }
    }
}

fn indicator_view(ind: &Indicator) -> IndicatorView {
    IndicatorView {
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        direction: ind.direction.code().to_string(),
        direction_label: ind.direction.label().to_string(),
    }
}

impl GoalView {
    /// Builds the view of a goal of `dept`, with its chart markup and its Markdown `body`
    /// (the goal's own, or the one a build took out of the model: see
    /// `pipeline::emit_site`).
    pub(crate) fn new(
        site: &Site,
        dept: &Department,
        goal: &Goal,
        body: &str,
        graphics: &GoalGraphics,
    ) -> Self {
        let ind = goal.indicator();
        let e = goal.evaluation();
        let details = goal.has_indicator_details();
        // Without §8.1 only the first indicator's figures are used (in the card's keys): its
        // chart markup is not copied.
        let indicators: Vec<GoalIndicatorView> = (0..goal.indicators().len())
            .map(|i| {
                let markup = if details {
                    graphics.indicator(i)
                } else {
                    IndicatorGraphics::default()
                };
                GoalIndicatorView::new(goal, i, markup, details)
            })
            .collect();
        let first = &indicators[0];
        let latest = first.latest.clone();
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
            indicator: indicator_view(ind),
            baseline: first.baseline.clone(),
            latest,
            final_target: first.final_target.clone(),
            plan_at_latest_text: first.plan_at_latest_text.clone(),
            progress_text: first.progress_text.clone(),
            achievement_text: first.achievement_text.clone(),
            progress_note: first.progress_note.clone(),
            achievement_note: first.achievement_note.clone(),
            status_note: first.status_note.clone(),
            sparkline_svg: graphics.sparkline_svg.clone(),
            draft: goal.draft,
            grade_text: super::facts::grade_text(site, goal),
            indicator_details: details,
            indicators: Vec::new(),
            lowered_text: super::history::lowered_text(site, goal),
        };
        let (rows, series) = if details {
            (first.rows.clone(), first.series.clone())
        } else {
            (indicator_rows(ind), series_rows(ind, e))
        };
        let card = CardView {
            indicators: if details { indicators } else { Vec::new() },
            ..card
        };
        GoalView {
            card,
            slug: goal.slug.clone(),
            status: StatusView::new(e.status),
            change_text: change_text(ind, e),
            pace: super::pace::PaceView::new(ind, e),
            rows,
            series,
            chart_svg: graphics.chart_svg.clone(),
            chart_svg_narrow: graphics.chart_svg_narrow.clone(),
            chart_title: graphics.chart_title.clone(),
            chart_description: graphics.chart_description.clone(),
            body_html: markdown_html(site, body, &goal_path(goal)),
            basis: goal.basis.clone().filter(|s| !s.trim().is_empty()),
            summary: goal.summary.clone().filter(|s| !s.trim().is_empty()),
            description,
            facts: super::facts::GoalFactsView::new(site, goal),
            history: super::history::GoalHistoryView::new(site, goal),
        }
    }
}

impl GoalView {
    /// The goal as a card in a list (see [`CardView`]); the status goes separately.
    pub(crate) fn into_card(self) -> (CardView, StatusView) {
        let mut card = self.card;
        card.indicators = card
            .indicators
            .into_iter()
            .map(GoalIndicatorView::into_card)
            .collect();
        (card, self.status)
    }
}

impl DepartmentView {
    /// Builds the view of a department from its already built goal views.
    pub(crate) fn new(site: &Site, dept: &Department, goals: Vec<GoalView>) -> Self {
        let evaluations = || dept.goals.iter().flat_map(Goal::evaluations);
        DepartmentView {
            status_counts: site
                .statuses()
                .into_iter()
                .map(|s| StatusCountView {
                    status: StatusView::new(s),
                    count: evaluations().filter(|e| e.status == s).count(),
                })
                .collect(),
            indicator_count: evaluations().count(),
            indicator_details: dept.goals.iter().any(Goal::has_indicator_details),
            goal_count: dept.goals.len(),
            pagination: None,
            first_page: true,
            slug: dept.slug.clone(),
            title: dept.title.clone(),
            path: department_path(dept),
            duties: dept.duties.clone(),
            served: dept.served.clone().filter(|s| !s.trim().is_empty()),
            body_html: markdown_html(site, &dept.body, &department_path(dept)),
            goals,
            contact: dept
                .contact
                .as_ref()
                .map(|c| Box::new(super::facts::contact_view(c))),
        }
    }

    /// Meta description of the department page.
    pub(crate) fn description(&self, site: &Site, dept: &Department) -> String {
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
    pub(crate) fn new(site: &Site, departments: Vec<DepartmentView>) -> Self {
        use super::paging;
        let large = paging::is_large(site);
        let attention: Vec<GoalLinkView> = if large {
            paging::status_members(site, Status::Worse)
                .into_iter()
                .take(paging::ATTENTION_MAX)
                .map(|(dept, goal, i)| GoalLinkView::new(dept, goal, i))
                .collect()
        } else {
            Vec::new()
        };
        HomeView {
            list_path: large.then(|| paging::GOALS_LIST_PATH.to_string()),
            attention,
            attention_count: if large {
                paging::status_entries(site, Status::Worse)
            } else {
                0
            },
            attention_path: large.then(|| paging::status_list_path(Status::Worse)),
            body_html: markdown_html(site, &site.home_body, ""),
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
                .flat_map(|(_, g)| g.evaluations())
                .filter(|e| matches!(e.status, Status::Achieved | Status::OnTrack))
                .count(),
            indicator_count: site.indicator_count(),
            indicator_details: site.has_indicator_details(),
            status_groups: StatusGroupView::all(site, !large),
            departments,
            judgement: super::plan_pages::HomeJudgementView::new(site),
        }
    }
}

impl StatusGroupView {
    /// Every status of the site with its count; with its entries when `entries`, else
    /// with the path of its paged list.
    pub(crate) fn all(site: &Site, entries: bool) -> Vec<Self> {
        site.statuses()
            .into_iter()
            .map(|status| {
                let (goals, count) = if entries {
                    let goals: Vec<GoalLinkView> = super::paging::status_members(site, status)
                        .into_iter()
                        .map(|(dept, goal, i)| GoalLinkView::new(dept, goal, i))
                        .collect();
                    let count = goals.len();
                    (goals, count)
                } else {
                    (Vec::new(), super::paging::status_entries(site, status))
                };
                StatusGroupView {
                    status: StatusView::new(status),
                    goals,
                    count,
                    list_path: (!entries).then(|| super::paging::status_list_path(status)),
                }
            })
            .collect()
    }
}

impl GoalLinkView {
    /// The short form of the indicator at `index` of a goal of `dept`.
    pub(crate) fn new(dept: &Department, goal: &Goal, index: usize) -> Self {
        let ind = &goal.indicators()[index];
        let details = goal.has_indicator_details();
        let mut path = goal_path(goal);
        if details {
            path.push('#');
            path.push_str(&goal.indicator_code(index));
        }
        GoalLinkView {
            title: goal.title.clone(),
            path,
            department_title: dept.title.clone(),
            latest_text: goal.evaluations()[index].latest.map(|p| {
                format!(
                    "{}（{}）",
                    noted_year_value(ind, Some(SeriesKind::Actual), p.year, Some(p.value))
                        .value_text,
                    p.year.label()
                )
            }),
            indicator_name: details.then(|| ind.name.clone()),
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
    pub(crate) fn new(site: &Site, css: &str, page_count: usize) -> Self {
        let (light, dark) = crate::render::contrast::palettes(css);
        let mut schemes = vec![contrast_scheme("明るい表示", &light)];
        if let Some(dark) = dark {
            schemes.push(contrast_scheme("暗い表示（端末のダークモード）", &dark));
        }
        schemes.retain(|s| !s.pairs.is_empty());
        AccessibilityView {
            all_contrast_meets: schemes.iter().flat_map(|s| &s.pairs).all(|p| p.meets),
            schemes,
            statuses: site.statuses().into_iter().map(StatusView::new).collect(),
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
    /// Builds the open data page view (the §8.1 columns too when `site` uses §8.1).
    pub(crate) fn new(site: &Site, goals: Vec<GoalView>) -> Self {
        let details = site.has_indicator_details();
        // Each entry names the CSV header(s) first, then the JSON key(s) in brackets.
        let columns = [
            (
                "団体コード（municipality_code）",
                "全国地方公共団体コード（6桁）。設定していない団体では CSV にこの列がなく、JSON では null です",
            ),
            ("団体名（municipality）", "評価を行った団体の名前"),
            ("課（department）", "目標を担当する課の名前"),
            (
                "課スラッグ・目標スラッグ（department_slug / slug）",
                "課と目標のURL名（半角英小文字）",
            ),
            ("目標（title）", "目標の名前"),
            ("指標（indicator）", "目標の達成度を測る指標の名前"),
            (
                "単位（unit）",
                "値の単位（%、地区、人など）。値そのものには単位を付けません",
            ),
            (
                "方向・方向コード（direction_label / direction）",
                "方向は「高いほど良い」「低いほど良い」、方向コードは up（高いほど良い）、down（低いほど良い）",
            ),
            (
                "decimals（小数の桁数）",
                "JSONだけ。評価シートに書かれた値の小数の桁数",
            ),
            (
                "初期値年度(西暦)・初期値年度(和暦)・初期値（baseline）",
                "計画の始まりの年度と値",
            ),
            ("actual（実績）", "JSONだけ。各年度の実績値"),
            (
                "targets（目標値）",
                "JSONだけ。各年度の目標値。最後のものが最終目標値",
            ),
            (
                "最終目標年度(西暦)・最終目標年度(和暦)・最終目標値（final_target）",
                "計画期間の最後の目標の年度と値",
            ),
            (
                "最新実績年度(西暦)・最新実績年度(和暦)・最新実績（latest）",
                "評価に使った最新の実績の年度と値。実績がなければ空欄（JSONでは null）",
            ),
            (
                "plan_value_at_latest（計画値）",
                "JSONだけ。最新実績の年度の計画値（初期値から最終目標値までを結んだ線の上の値）",
            ),
            (
                "進捗率（progress_pct / progress_pct_rounded）",
                "(最新実績 − 初期値) ÷ (最終目標値 − 初期値) × 100。CSV と progress_pct_rounded はページと同じく小数第1位に四捨五入した値、progress_pct は丸める前の値（小数第4位まで）。算出できない場合は空欄（JSONでは null）",
            ),
            (
                "達成率（achievement_pct / achievement_pct_rounded）",
                "その年度の計画値に対する実績の割合。CSV と achievement_pct_rounded はページと同じく小数第1位に四捨五入した値、achievement_pct は丸める前の値（小数第4位まで）。算出できない場合は空欄（JSONでは null）",
            ),
            (
                "比較年度(西暦)・比較年度(和暦)・比較年度の値（previous）",
                "前年度比で比べる相手：最新実績より前で最も新しい実績の年度と値（その前に実績がなければ初期値）。最新実績がない、最新実績が初期値の年度より後でない、段階の指標、対象外の指標では空欄（JSONでは null）。以下の前年度比・このままのペースの項目も同じです",
            ),
            (
                "前年度比（change_from_previous）",
                "最新実績 − 比較年度の値。単位が % の指標ではポイントの差です",
            ),
            (
                "1年あたりの変化（pace_per_year）",
                "このままのペース：(最新実績 − 初期値) ÷ (最新実績の年度 − 初期値の年度)。CSV は小数第6位までに四捨五入、JSON は丸めない値です",
            ),
            (
                "最終目標年度の見込み（projected_final）",
                "このままのペースが続いた場合の最終目標年度の値：最新実績 + 1年あたりの変化 × (最終目標年度 − 最新実績の年度)。最新実績が最終目標年度より後なら空欄（JSONでは null）",
            ),
            (
                "最終目標値に届く見込みの年度(西暦)・最終目標値に届く見込みの年度(和暦)（projected_reach_year）",
                "このままのペースで、最新実績の年度以降に最終目標値以上（低いほど良い指標では以下）になる最初の年度。すでに届いていれば最新実績の年度。変化が0、目標と反対の方向、最終目標年度の20年後より後になる場合は空欄（JSONでは null）",
            ),
            (
                "pace（前年度比とこのままのペース）",
                "目標ごとのデータ（data.json）だけ。指標ごとの previous・change_from_previous・pace_per_year・projected_final・projected_reach_year",
            ),
            (
                "評価・評価コード（status_label / status）",
                "評価は日本語の評価区分、評価コードはその符号：achieved 達成、on_track 順調、behind 遅れ、worse 悪化、no_data 未測定",
            ),
            (
                "年度(西暦)・年度(和暦)（fiscal_year / label）",
                "年度は西暦の開始年（2025）と和暦（令和7年度）の両方で示します",
            ),
            ("as_of（評価年度）", "JSONだけ。評価の基準にした年度"),
            (
                "basis・summary（設定根拠・事業概要）",
                "JSONだけ。目標の設定根拠と事業概要（書かれていなければ null）",
            ),
            (
                "区分・値（kind / value）",
                "目標ごとのデータ（data.csv・data.json の series）だけ。区分は 初期値・実績・目標値・最終目標値（JSON の kind は baseline・actual・target）、値はその年度の値",
            ),
            ("URL（url）", "その目標のページの絶対URL"),
            (
                "data_csv・data_json",
                "JSONだけ。その目標のデータファイル（CSV・JSON）の絶対URL",
            ),
        ];
        let detail_columns: &[(&str, &str)] = if details {
            &[
                (
                    "指標コード（indicator_code）",
                    "指標の番号。評価シートのコード（code）、なければ目標の中での順番（1, 2 …）。目標のページの指標の位置（#コード）にもなります",
                ),
                (
                    "指標の種類（indicator_kind）",
                    "number = 数値の指標、milestone = 段階で進み具合を示す指標",
                ),
                (
                    "段階（steps）",
                    "段階の指標の段階の一覧（始めから順に。CSVでは「→」でつなぎます）。段階の指標の値は段階の順番（最初の段階が0）です",
                ),
                (
                    "最新実績の段階（step）",
                    "段階の指標の値の段階名（CSVでは「段階」「最新実績の段階」）",
                ),
                (
                    "注記・最新実績の注記（note）",
                    "値の横に書かれた注記（見込、速報など）。CSVでは「注記」「最新実績の注記」",
                ),
                ("指標の定義（definition）", "指標の定義・算出方法"),
                ("出典（source）", "指標の値の出典"),
                (
                    "対象外の理由（exclude_reason）",
                    "評価の対象外とした理由。対象外の指標の評価区分は excluded（対象外）で、進捗率と達成率は空欄です",
                ),
                (
                    "指標URL（indicator_url）",
                    "目標のページの、その指標の位置のURL（#指標コード付き）",
                ),
                (
                    "値（value）",
                    "未測定の年度（評価シートに null または － と書かれた年度）は空欄（JSONでは null）です",
                ),
            ]
        } else {
            &[]
        };
        DataView {
            csv_path: "data/indicators.csv".to_string(),
            json_path: "data/indicators.json".to_string(),
            indicator_details: details,
            columns: columns
                .iter()
                .chain(detail_columns)
                .map(|&(name, description)| ColumnView {
                    name: name.to_string(),
                    description: description.to_string(),
                })
                .collect(),
            goals,
            costs_csv_path: None,
            costs_json_path: None,
            list_path: super::paging::is_large(site)
                .then(|| super::paging::GOALS_LIST_PATH.to_string()),
        }
    }
}

impl EvaluationView {
    /// Builds the 評価の方法 page view.
    pub(crate) fn new(site: &Site, goals: Vec<GoalView>) -> Self {
        EvaluationView {
            rules: RULE_ORDER.iter().map(|&s| StatusView::new(s)).collect(),
            goals,
            scale: None,
            indicator_details: site.has_indicator_details(),
            excluded: site.statuses().contains(&Status::Excluded),
            goal_count: site.goals().count(),
            list_path: super::paging::is_large(site)
                .then(|| super::paging::GOALS_LIST_PATH.to_string()),
        }
    }
}
