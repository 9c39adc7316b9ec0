//! Rendering: the [`Site`] model plus the pipeline's chart markup → HTML pages.
//!
//! Input: the model, a loaded [`Theme`] and one [`GoalGraphics`] per goal (this module never
//! draws charts). Output: every page as (site-relative output file, HTML), sorted by path, the
//! same bytes whatever the thread count. Templates see only the views of [`view`]. No file is
//! written here.

pub(crate) mod assets;
pub(crate) mod contrast;
pub(crate) mod facts;
pub(crate) mod history;
mod lists;
pub(crate) mod markdown;
pub(crate) mod pace;
pub(crate) mod paging;
pub(crate) mod plan_pages;
mod rate_words;
pub(crate) mod report;
pub(crate) mod search;
pub(crate) mod theme;
pub(crate) mod view;
mod views;

#[cfg(test)]
mod tests;

#[cfg(test)]
use std::collections::BTreeMap;

use tera::{Context, Value};

use crate::model::{
    Department, EVALUATION_PAGE_PATH, Goal, Site, Status, department_path, goal_path, plan,
};

use crate::model::edition::{Editions, archive_path};
pub(crate) use theme::{RenderError, Theme};
use view::{
    ACCESSIBILITY_PAGE_PATH, AccessibilityView, CrumbView, DATA_PAGE_PATH, DESCRIPTION_MAX_CHARS,
    DepartmentView, GoalView, PageView, SiteView, StatusView,
};
use views::{root_for, truncate_chars};

/// Chart markup the pipeline hands in for each goal, keyed by `model::goal_path(goal)`
/// (`somu/jichikai/`).
#[derive(Debug, Clone, Default)]
pub(crate) struct GoalGraphics {
    /// The goal page's chart: inline `<svg role="img">` with its `<title>` and `<desc>`.
    pub chart_svg: String,
    /// The same chart drawn for phones (own ids); empty when there is none.
    pub chart_svg_narrow: String,
    /// The chart's accessible name.
    pub chart_title: String,
    /// The chart's text description (shown as the figure caption).
    pub chart_description: String,
    /// A small decorative chart for cards (`aria-hidden`).
    pub sparkline_svg: String,
    /// The same for each indicator after the first (a goal with `indicators:`), in order.
    pub more: Vec<IndicatorGraphics>,
}

/// The chart markup of one indicator (see [`GoalGraphics`], which holds the first
/// indicator's in its own fields).
#[derive(Debug, Clone, Default)]
pub(crate) struct IndicatorGraphics {
    /// Inline chart `<svg role="img">`.
    pub chart_svg: String,
    /// The chart drawn for phones; may be empty.
    pub chart_svg_narrow: String,
    /// The chart's accessible name.
    pub chart_title: String,
    /// The chart's text description.
    pub chart_description: String,
    /// The decorative sparkline.
    pub sparkline_svg: String,
}

impl GoalGraphics {
    /// The markup of the indicator at `index` (empty when there is none).
    pub(crate) fn indicator(&self, index: usize) -> IndicatorGraphics {
        if index == 0 {
            return IndicatorGraphics {
                chart_svg: self.chart_svg.clone(),
                chart_svg_narrow: self.chart_svg_narrow.clone(),
                chart_title: self.chart_title.clone(),
                chart_description: self.chart_description.clone(),
                sparkline_svg: self.sparkline_svg.clone(),
            };
        }
        self.more.get(index - 1).cloned().unwrap_or_default()
    }
}

/// Output file of the 404 page.
pub(crate) const NOT_FOUND_FILE: &str = "404.html";

/// Site-relative URL paths of every page for the sitemap (`""`, `somu/`, `somu/jichikai/`,
/// `about/evaluation/`, `about/accessibility/`, `data/`), without the 404 page.
pub(crate) fn page_paths(site: &Site) -> Vec<String> {
    let mut paths = vec![
        String::new(),
        EVALUATION_PAGE_PATH.to_string(),
        ACCESSIBILITY_PAGE_PATH.to_string(),
        DATA_PAGE_PATH.into(),
        search::SEARCH_PAGE_PATH.into(),
    ];
    for dept in &site.departments {
        paths.push(department_path(dept));
        paths.extend(dept.goals.iter().map(goal_path));
    }
    paths.extend(plan_pages::judgement_page_paths(site));
    if site.history.read().is_some() {
        paths.push(crate::model::history::CHANGES_PAGE_PATH.to_string());
    }
    paths.extend(paging::list_page_paths(site));
    paths.sort();
    paths.dedup();
    paths
}

/// Output file of a page at a site-relative URL path (`somu/` → `somu/index.html`).
fn output_file(path: &str) -> String {
    format!("{path}index.html")
}

#[cfg(test)] // used by unit tests only
/// Renders every page of the site, goal pages in parallel. Sorted by output path.
pub(crate) fn render_site(
    site: &Site,
    theme: &Theme,
    graphics: &BTreeMap<String, GoalGraphics>,
) -> Result<Vec<(String, String)>, RenderError> {
    let r = Renderer::new(site, theme);
    let empty = GoalGraphics::default();
    use rayon::prelude::*;
    let goals: Vec<_> = site.goals().collect();
    let rendered = goals
        .par_iter()
        .map(|(dept, g)| {
            let graphics = graphics.get(&goal_path(g)).unwrap_or(&empty);
            r.goal(dept, g, &g.body, graphics)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut pages = Vec::with_capacity(rendered.len() + site.departments.len() + 4);
    let mut cards = Vec::with_capacity(rendered.len());
    for ((file, html), card) in rendered {
        // Tera writes UTF-8.
        let html = String::from_utf8(html)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        pages.push((file, html));
        cards.push(card);
    }
    pages.extend(r.lists(&cards)?);
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pages)
}

/// The keys of [`view::CardView`]: what a goal's card keeps of its goal page's value.
const CARD_KEYS: [&str; 20] = [
    "title",
    "path",
    "department_title",
    "department_path",
    "indicator",
    "baseline",
    "latest",
    "final_target",
    "plan_at_latest_text",
    "progress_text",
    "progress_note",
    "achievement_text",
    "achievement_note",
    "status_note",
    "lowered_text",
    "sparkline_svg",
    "draft",
    "grade_text",
    "indicator_details",
    "indicators",
];

/// A goal as the list pages show it ([`GoalView::into_card`]), already a template value,
/// the goal's part of the booklet (markup, see [`report`]) and what the search index finds
/// it by.
#[derive(Debug, Clone)]
pub(crate) struct Card(Value, Value, search::GoalSearch);

/// Renders one page into a writer (see [`Renderer::lists_each`]).
pub(crate) type PageWriter<'a> = &'a dyn Fn(&mut dyn std::io::Write) -> Result<(), RenderError>;

/// One page to render. List pages carry their view as a template value already (see
/// `Renderer::lists`).
enum Job {
    Home(Value),
    /// A department page: its description, view, template value and path (a later page of
    /// a paged department is at `somu/page/2/`).
    Department(String, Box<DepartmentView>, Value, String),
    /// A page of a paged goal list: its path, head title and template value.
    List(String, String, Value),
    /// A goal page: its view, and the view as a template value (made once: the goal's
    /// card takes its keys from it).
    Goal(Box<GoalView>, Value),
    Evaluation(Value),
    Data(Value),
    Accessibility(AccessibilityView),
    /// The search page (`search/`).
    Search(search::SearchPageView),
    NotFound,
    /// The 施策体系 page, the tag index and the tag pages (§8.4).
    Plan(plan_pages::PlanPageView),
    Tags(plan_pages::TagIndexView),
    Tag(plan_pages::TagPageView),
    /// `/about/changes/` (§10), for a site with a history.
    Changes(history::ChangesView),
    /// The booklet (`report/`).
    Report(Value),
}

/// `view` as a template value with its list field `key` set to `list`.
fn with_list(view: &impl serde::Serialize, key: &'static str, list: Value) -> Value {
    let mut map = Value::from_serializable(view)
        .into_map()
        .unwrap_or_default();
    map.insert(key.into(), list);
    Value::from(map)
}

/// Renders pages of one site with one theme; the site view is built once. Goal pages come
/// one at a time ([`Renderer::goal`], from any thread), each giving back the goal's card for
/// the list pages (`Renderer::lists`).
pub(crate) struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    /// The site view as a template value, made once and shared by every page (Tera's
    /// values are reference-counted).
    site_value: Value,
    /// Each status's view as a template value, shared by the cards.
    statuses: Vec<(&'static str, Value)>,
    /// The booklet's numbering.
    booklet: report::Booklet,
    /// Whether the site is large ([`paging::is_large`]): its lists are paged and it has no
    /// booklet.
    large: bool,
}

impl<'a> Renderer<'a> {
    /// A renderer for `site` with `theme`.
    pub(crate) fn new(site: &'a Site, theme: &'a Theme) -> Self {
        let large = paging::is_large(site);
        Renderer {
            site,
            theme,
            site_value: Value::from_serializable(&SiteView {
                assets: theme.assets().map().clone(),
                ..SiteView::new(site)
            }),
            statuses: Status::ALL
                .iter()
                .map(|s| (s.code(), Value::from_serializable(&StatusView::new(*s))))
                .collect(),
            // A large site has no booklet: no numbering to make.
            booklet: if large {
                report::Booklet::default()
            } else {
                report::Booklet::new(site)
            },
            large,
        }
    }

    /// The page of one goal as (output file, HTML), and the goal's card: its view without
    /// what only the goal page shows (see [`GoalView::into_card`]).
    pub(crate) fn goal(
        &self,
        dept: &Department,
        goal: &Goal,
        body: &str,
        graphics: &GoalGraphics,
    ) -> Result<((String, Vec<u8>), Card), RenderError> {
        let view = GoalView::new(self.site, dept, goal, body, graphics);
        let value = Value::from_serializable(&view);
        let job = Job::Goal(Box::new(view), value);
        let page = self.render(&job)?;
        let section = if self.large {
            String::new()
        } else {
            self.report_section(&job)?
        };
        let Job::Goal(view, value) = job else {
            unreachable!("built as a goal job above")
        };
        // The card is the goal's value with the card's keys only: no second serialisation.
        let mut card = tera::value::Map::default();
        if let Some(map) = value.as_map() {
            for key in CARD_KEYS {
                if let Some(v) = map.get(&tera::value::Key::from(key)) {
                    card.insert(key.into(), v.clone());
                }
            }
        }
        let status = self
            .statuses
            .iter()
            .find(|(c, _)| *c == view.status.code)
            .map_or_else(
                || Value::from_serializable(&view.status),
                |(_, v)| v.clone(),
            );
        if view.card.indicator_details {
            // A card's indicators are without their tables and charts.
            let (card_view, _) = view.into_card();
            card.insert(
                "indicators".into(),
                Value::from_serializable(&card_view.indicators),
            );
        }
        card.insert("status".into(), status);
        let search = search::GoalSearch::new(goal, body);
        Ok((page, Card(Value::from(card), Value::from(section), search)))
    }

    /// A goal's part of the booklet: report_goal.html in the goal page's context, rewritten
    /// for the booklet's page ([`report::Booklet::section`]).
    fn report_section(&self, job: &Job) -> Result<String, RenderError> {
        let (file, _, mut context) = self.prepare(job);
        let Job::Goal(view, _) = job else {
            unreachable!("only goals have parts in the booklet")
        };
        let path = &view.card.path;
        context.insert("report_number", &self.booklet.number(path));
        let mut html = Vec::with_capacity(16 * 1024);
        self.theme
            .render_to("report_goal.html", &file, &context, &mut html)?;
        // Tera writes UTF-8.
        let html = String::from_utf8(html)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Ok(self.booklet.section(path, &html))
    }

    /// A page as (output file, HTML bytes): bytes, since they go to a file as they are.
    fn render(&self, job: &Job) -> Result<(String, Vec<u8>), RenderError> {
        let (file, template, context) = self.prepare(job);
        let mut html = Vec::with_capacity(32 * 1024);
        self.theme.render_to(template, &file, &context, &mut html)?;
        Ok((file, html))
    }

    /// A page's output file, template and context.
    fn prepare(&self, job: &Job) -> (String, &'static str, Context) {
        let home = CrumbView {
            title: "ホーム".into(),
            path: String::new(),
        };
        let crumb = |title: &str, path: &str| CrumbView {
            title: title.into(),
            path: path.into(),
        };
        match job {
            Job::Home(home_view) => {
                let description = self.home_description();
                let title = self.site.home_title.clone();
                let page = self.page("home", &title, description, "", vec![home]);
                self.finish("index.html", page, |c| {
                    c.insert_value("home", home_view.clone())
                })
            }
            Job::Department(description, d, value, path) => {
                let mut crumbs = vec![home, crumb(&d.title, &d.path)];
                let mut title = d.title.clone();
                if let Some(p) = d.pagination.as_ref().filter(|p| p.current > 1) {
                    title = format!("{}（{}／{}ページ）", d.title, p.current, p.page_count);
                    crumbs.push(crumb(&title, path));
                }
                let mut page = self.page("department", &title, description.clone(), path, crumbs);
                page.title = d.title.clone();
                self.finish("department.html", page, |c| {
                    c.insert_value("department", value.clone())
                })
            }
            Job::Goal(g, value) => {
                let crumbs = vec![
                    home,
                    crumb(&g.card.department_title, &g.card.department_path),
                    crumb(&g.card.title, &g.card.path),
                ];
                let card = &g.card;
                let mut page = self.page(
                    "goal",
                    &card.title,
                    g.description.clone(),
                    &card.path,
                    crumbs,
                );
                page.head_title = format!(
                    "{} | {} | {}",
                    card.title, card.department_title, self.site.config.title
                );
                self.finish("goal.html", page, |c| c.insert_value("goal", value.clone()))
            }
            Job::List(path, head_title, value) => {
                let all = "すべての目標";
                let mut crumbs = vec![home, crumb(all, paging::GOALS_LIST_PATH)];
                if path.starts_with(&format!("{}status/", paging::GOALS_LIST_PATH)) {
                    let base = path.split('/').take(3).collect::<Vec<_>>().join("/") + "/";
                    let title = head_title.split('（').next().unwrap_or(head_title);
                    crumbs.push(crumb(title, &base));
                }
                if crumbs.last().is_some_and(|c| &c.path != path) {
                    crumbs.push(crumb(head_title, path));
                }
                let title = head_title.split('（').next().unwrap_or(head_title);
                let description = format!(
                    "{}の行政評価の目標の一覧（{}）です。",
                    self.site.config.municipality, title
                );
                let mut page = self.page("goal_list", head_title, description, path, crumbs);
                page.title = title.to_string();
                self.finish("goal_list_page.html", page, |c| {
                    c.insert_value("list", value.clone())
                })
            }
            Job::Evaluation(e) => {
                let title = "評価の方法";
                let description = "評価区分（達成・順調・遅れ・悪化・未測定）、進捗率と達成率の計算方法を、この町の目標を例に説明します。";
                let crumbs = vec![home, crumb(title, EVALUATION_PAGE_PATH)];
                let page = self.page(
                    "evaluation",
                    title,
                    description.into(),
                    EVALUATION_PAGE_PATH,
                    crumbs,
                );
                self.finish("evaluation.html", page, |c| {
                    c.insert_value("evaluation", e.clone())
                })
            }
            Job::Data(d) => {
                let title = "オープンデータ";
                let description = format!(
                    "{}の行政評価の指標データ（CSV・JSON）を{}に基づき提供しています。",
                    self.site.config.municipality, self.site.config.license
                );
                let crumbs = vec![home, crumb(title, DATA_PAGE_PATH)];
                let page = self.page("data", title, description, DATA_PAGE_PATH, crumbs);
                self.finish("data.html", page, |c| c.insert_value("data", d.clone()))
            }
            Job::Accessibility(a) => {
                let title = "アクセシビリティ方針";
                let description = format!(
                    "{}のこのサイトが目指すアクセシビリティの水準（JIS X 8341-3:2016 レベルAA、WCAG 2.2 レベルAA）と、その確かめ方です。",
                    self.site.config.municipality
                );
                let crumbs = vec![home, crumb(title, ACCESSIBILITY_PAGE_PATH)];
                let page = self.page(
                    "accessibility",
                    title,
                    description,
                    ACCESSIBILITY_PAGE_PATH,
                    crumbs,
                );
                self.finish("accessibility.html", page, |c| c.insert("accessibility", a))
            }
            Job::Search(s) => {
                let (title, path) = ("検索", search::SEARCH_PAGE_PATH);
                let description = format!(
                    "{}の行政評価の目標を、目標名・指標・課・事業概要などの言葉で探せます。",
                    self.site.config.municipality
                );
                let page = self.page(
                    "search",
                    title,
                    description,
                    path,
                    vec![home, crumb(title, path)],
                );
                self.finish("search.html", page, |c| c.insert("search", s))
            }
            Job::Plan(_) | Job::Tags(_) | Job::Tag(_) => self.prepare_judgement(job, home),
            Job::Changes(changes) => {
                let (title, path) = ("更新履歴", crate::model::history::CHANGES_PAGE_PATH);
                let description = format!(
                    "{}の行政評価の目標と指標の値の変更（目標値・実績など）を、新しい順に一覧にしています。",
                    self.site.config.municipality
                );
                let page = self.page(
                    "changes",
                    title,
                    description,
                    path,
                    vec![home, crumb(title, path)],
                );
                self.finish("changes.html", page, |c| c.insert("changes", changes))
            }
            Job::Report(r) => {
                let (title, path) = ("印刷用の冊子", report::REPORT_PAGE_PATH);
                let description = format!(
                    "{}の行政評価のすべての課と目標を1ページにまとめた、A4で印刷できる冊子です。",
                    self.site.config.municipality
                );
                let page = self.page(
                    "report",
                    title,
                    description,
                    path,
                    vec![home, crumb(title, path)],
                );
                self.finish("report.html", page, |c| c.insert_value("report", r.clone()))
            }
            Job::NotFound => {
                let title = "ページが見つかりません";
                let mut page = self.page(
                    "not_found",
                    title,
                    title.into(),
                    "",
                    vec![home, crumb(title, "")],
                );
                page.root = self.site.config.base_path.clone();
                page.canonical_url = None;
                page.path = NOT_FOUND_FILE.into();
                self.finish("404.html", page, |_| {})
            }
        }
    }

    /// The pages of §8.4: the 施策体系 page and the tag pages.
    fn prepare_judgement(&self, job: &Job, home: CrumbView) -> (String, &'static str, Context) {
        let crumb = |title: &str, path: &str| CrumbView {
            title: title.into(),
            path: path.into(),
        };
        let municipality = &self.site.config.municipality;
        match job {
            Job::Plan(view) => {
                let (title, path) = ("施策体系", plan::PLAN_PAGE_PATH);
                let description = format!(
                    "{municipality}の総合計画の施策体系と、施策ごとの目標と評価の一覧です。"
                );
                let page = self.page(
                    "plan",
                    title,
                    description,
                    path,
                    vec![home, crumb(title, path)],
                );
                self.finish("plan.html", page, |c| c.insert("plan", view))
            }
            Job::Tags(view) => {
                let (title, path) = ("タグ一覧", plan::TAGS_PAGE_PATH);
                let description = format!("{municipality}の行政評価の目標に付けたタグの一覧です。");
                let page = self.page(
                    "tags",
                    title,
                    description,
                    path,
                    vec![home, crumb(title, path)],
                );
                self.finish("tags.html", page, |c| c.insert("tags", view))
            }
            Job::Tag(view) => {
                let title = format!("タグ：{}", view.name);
                let description = format!(
                    "{municipality}の行政評価で「{}」のタグを付けた目標と評価の一覧です。",
                    view.name
                );
                let crumbs = vec![
                    home,
                    crumb("タグ一覧", plan::TAGS_PAGE_PATH),
                    crumb(&title, &view.path),
                ];
                let page = self.page("tag", &title, description, &view.path, crumbs);
                self.finish("tag.html", page, |c| c.insert("tag", view))
            }
            _ => unreachable!("only the pages of §8.4 come here"),
        }
    }

    fn home_description(&self) -> String {
        let from_body = plain_text_summary_or_empty(&self.site.home_body);
        self.site
            .config
            .description
            .as_deref()
            .map(|d| truncate_chars(d, DESCRIPTION_MAX_CHARS))
            .filter(|d| !d.is_empty())
            .or_else(|| Some(from_body).filter(|d| !d.is_empty()))
            .unwrap_or_else(|| {
                format!(
                    "{}の行政評価：各課の目標と指標の実績、評価",
                    self.site.config.municipality
                )
            })
    }

    fn page(
        &self,
        kind: &str,
        title: &str,
        description: String,
        path: &str,
        breadcrumbs: Vec<CrumbView>,
    ) -> PageView {
        let site_title = &self.site.config.title;
        let head_title = if kind == "home" && title == site_title {
            site_title.clone()
        } else {
            format!("{title} | {site_title}")
        };
        PageView {
            kind: kind.into(),
            title: title.into(),
            head_title,
            og_type: if kind == "home" { "website" } else { "article" }.into(),
            description,
            path: path.into(),
            root: root_for(path),
            canonical_url: Some(format!("{}{}", self.site.config.base_url, path)),
            breadcrumbs,
        }
    }

    fn finish(
        &self,
        template: &'static str,
        page: PageView,
        add: impl FnOnce(&mut Context),
    ) -> (String, &'static str, Context) {
        let file = if page.kind == "not_found" {
            NOT_FOUND_FILE.to_string()
        } else {
            output_file(&page.path)
        };
        let mut context = Context::new();
        context.insert_value("site", self.site_value.clone());
        context.insert("root", &page.root);
        context.insert("page", &page);
        edition_context(&self.site.editions, &page, &mut context);
        add(&mut context);
        (file, template, context)
    }
}

/// 過去の版 on a page: on an archived edition, `edition` (the banner's sentence and the
/// link to the current page, or the current home when the page is gone); on the current
/// site, `earlier_editions` (label, link) of the pages the earlier editions had.
fn edition_context(editions: &Editions, page: &PageView, context: &mut Context) {
    match editions {
        Editions::None => {}
        Editions::Current(earlier) => {
            if let Some(list) = earlier.get(&page.path) {
                let links: Vec<EditionLinkView> = list
                    .iter()
                    .map(|e| EditionLinkView {
                        label: e.label.clone(),
                        url: format!("{}{}{}", page.root, archive_path(&e.tag), page.path),
                    })
                    .collect();
                context.insert("earlier_editions", &links);
            }
        }
        Editions::Archived(banner) => {
            let current = banner.current_of(&page.path);
            // Up from /archive/<tag>/ to the current site.
            let url = format!("{}../../{current}", page.root);
            let view = EditionBannerView {
                sentence: banner.sentence(),
                current_url: url,
                current_is_home: current.is_empty() && !page.path.is_empty(),
            };
            context.insert("edition", &view);
        }
    }
}

/// An earlier edition's link on a current goal page.
#[derive(serde::Serialize)]
struct EditionLinkView {
    label: String,
    url: String,
}

/// An archived page's banner.
#[derive(serde::Serialize)]
struct EditionBannerView {
    sentence: String,
    current_url: String,
    /// The page is no longer on the current site: the link goes to the current home.
    current_is_home: bool,
}

/// Whether some goal has 事業費 (then the data page lists `data/costs.*`).
fn has_costs(site: &Site) -> bool {
    site.goals().any(|(_, g)| g.facts.cost.is_some())
}

/// The jobs of the pages of §8.4 (none for a site without plan and tags).
fn judgement_jobs(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = plan_pages::PlanPageView::new(site)
        .map(Job::Plan)
        .into_iter()
        .collect();
    jobs.extend(plan_pages::TagIndexView::new(site).map(Job::Tags));
    jobs.extend(plan_pages::TagPageView::all(site).into_iter().map(Job::Tag));
    jobs
}

fn plain_text_summary_or_empty(body: &str) -> String {
    markdown::plain_text_summary(body, DESCRIPTION_MAX_CHARS)
}
