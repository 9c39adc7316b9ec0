//! Rendering: the [`Site`] model plus the pipeline's chart markup → HTML pages.
//!
//! Input: the model, a loaded [`Theme`] and one [`GoalGraphics`] per goal (this module never
//! draws charts). Output: every page as (site-relative output file, HTML), sorted by path, the
//! same bytes whatever the thread count. Templates see only the views of [`view`]. No file is
//! written here.

mod build;
pub mod contrast;
pub mod markdown;
pub mod theme;
pub mod view;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use rayon::prelude::*;
use tera::Context;

use crate::model::{EVALUATION_PAGE_PATH, Site, department_path, goal_path};

use build::{root_for, truncate_chars};
pub use theme::{RenderError, Theme};
use view::{
    ACCESSIBILITY_PAGE_PATH, AccessibilityView, CrumbView, DATA_PAGE_PATH, DESCRIPTION_MAX_CHARS,
    DataView, DepartmentView, EvaluationView, GoalView, HomeView, PageView, SiteView,
};

/// Chart markup the pipeline hands in for each goal, keyed by `model::goal_path(goal)`
/// (`somu/jichikai/`).
#[derive(Debug, Clone, Default)]
pub struct GoalGraphics {
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
}

/// Output file of the 404 page.
pub const NOT_FOUND_FILE: &str = "404.html";

/// Site-relative URL paths of every page for the sitemap (`""`, `somu/`, `somu/jichikai/`,
/// `about/evaluation/`, `about/accessibility/`, `data/`), without the 404 page.
pub fn page_paths(site: &Site) -> Vec<String> {
    let mut paths = vec![
        String::new(),
        EVALUATION_PAGE_PATH.to_string(),
        ACCESSIBILITY_PAGE_PATH.to_string(),
        DATA_PAGE_PATH.into(),
    ];
    for dept in &site.departments {
        paths.push(department_path(dept));
        paths.extend(dept.goals.iter().map(goal_path));
    }
    paths.sort();
    paths.dedup();
    paths
}

/// Output file of a page at a site-relative URL path (`somu/` → `somu/index.html`).
fn output_file(path: &str) -> String {
    format!("{path}index.html")
}

/// Renders every page of the site, goal pages in parallel. Sorted by output path.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    graphics: &BTreeMap<String, GoalGraphics>,
) -> Result<Vec<(String, String)>, RenderError> {
    let site_view = SiteView::new(site);
    let empty = GoalGraphics::default();
    let departments: Vec<DepartmentView> = site
        .departments
        .iter()
        .map(|dept| {
            let goals = dept
                .goals
                .iter()
                .map(|g| {
                    GoalView::new(site, dept, g, graphics.get(&goal_path(g)).unwrap_or(&empty))
                })
                .collect();
            DepartmentView::new(site, dept, goals)
        })
        .collect();
    let all_goals: Vec<GoalView> = departments.iter().flat_map(|d| d.goals.clone()).collect();
    let r = Renderer {
        site,
        theme,
        site_view: &site_view,
    };

    let mut jobs: Vec<Job> = vec![
        Job::Home(HomeView::new(site, departments.clone())),
        Job::Evaluation(EvaluationView::new(all_goals.clone())),
        Job::Data(DataView::new(all_goals.clone())),
        Job::NotFound,
    ];
    for (dept, view) in site.departments.iter().zip(&departments) {
        jobs.push(Job::Department(view.description(site, dept), view.clone()));
    }
    jobs.extend(all_goals.into_iter().map(|g| Job::Goal(Box::new(g))));
    let css = theme.static_text("css/hyoka.css")?.unwrap_or_default();
    let page_count = jobs.len() + 1;
    jobs.push(Job::Accessibility(AccessibilityView::new(
        site, &css, page_count,
    )));
    let mut pages = jobs
        .par_iter()
        .map(|job| r.render(job))
        .collect::<Result<Vec<_>, _>>()?;
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pages)
}

/// One page to render.
enum Job {
    Home(HomeView),
    Department(String, DepartmentView),
    Goal(Box<GoalView>),
    Evaluation(EvaluationView),
    Data(DataView),
    Accessibility(AccessibilityView),
    NotFound,
}

/// What every page needs.
struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    site_view: &'a SiteView,
}

impl Renderer<'_> {
    fn render(&self, job: &Job) -> Result<(String, String), RenderError> {
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
                self.finish("index.html", page, |c| c.insert("home", home_view))
            }
            Job::Department(description, d) => {
                let crumbs = vec![home, crumb(&d.title, &d.path)];
                let page = self.page("department", &d.title, description.clone(), &d.path, crumbs);
                self.finish("department.html", page, |c| c.insert("department", d))
            }
            Job::Goal(g) => {
                let crumbs = vec![
                    home,
                    crumb(&g.department_title, &g.department_path),
                    crumb(&g.title, &g.path),
                ];
                let mut page = self.page("goal", &g.title, g.description.clone(), &g.path, crumbs);
                page.head_title = format!(
                    "{} | {} | {}",
                    g.title, g.department_title, self.site.config.title
                );
                self.finish("goal.html", page, |c| c.insert("goal", g))
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
                self.finish("evaluation.html", page, |c| c.insert("evaluation", e))
            }
            Job::Data(d) => {
                let title = "オープンデータ";
                let description = format!(
                    "{}の行政評価の指標データ（CSV・JSON）を{}に基づき提供しています。",
                    self.site.config.municipality, self.site.config.license
                );
                let crumbs = vec![home, crumb(title, DATA_PAGE_PATH)];
                let page = self.page("data", title, description, DATA_PAGE_PATH, crumbs);
                self.finish("data.html", page, |c| c.insert("data", d))
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
        template: &str,
        page: PageView,
        add: impl FnOnce(&mut Context),
    ) -> Result<(String, String), RenderError> {
        let file = if page.kind == "not_found" {
            NOT_FOUND_FILE.to_string()
        } else {
            output_file(&page.path)
        };
        let mut context = Context::new();
        context.insert("site", self.site_view);
        context.insert("root", &page.root);
        context.insert("page", &page);
        add(&mut context);
        let html = self.theme.render(template, &file, &context)?;
        Ok((file, html))
    }
}

fn plain_text_summary_or_empty(body: &str) -> String {
    markdown::plain_text_summary(body, DESCRIPTION_MAX_CHARS)
}
