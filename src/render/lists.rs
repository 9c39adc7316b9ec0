//! The list pages — home, departments, the paged lists, evaluation, data, accessibility,
//! search, 404, the booklet and the 施策体系 pages — from the goals' cards: all at once
//! ([`Renderer::lists_each`], for a site kept in memory), or, for a large site built once,
//! as the cards come ([`ListStream`]), each card dropped as soon as the pages it is on are
//! made, so a build of any size holds a few pages' cards, not every goal's.

use rayon::prelude::*;
use tera::Value;

use super::view::{
    self, AccessibilityView, DataView, DepartmentView, EvaluationView, HomeView, StatusView,
};
use super::{
    Card, Job, PageWriter, RenderError, Renderer, has_costs, history, judgement_jobs, paging,
    plan_pages, report, search, with_list,
};
use crate::model::Department;

/// Renders each job with `each` (its output file and a way to render it), in parallel.
fn run<E: From<RenderError> + Send>(
    renderer: &Renderer<'_>,
    jobs: Vec<Job>,
    each: &(dyn Fn(String, PageWriter<'_>) -> Result<(), E> + Sync),
) -> Result<(), E> {
    jobs.par_iter().try_for_each(|job| {
        let (file, template, context) = renderer.prepare(job);
        each(file.clone(), &|out| {
            renderer.theme.render_to(template, &file, &context, out)
        })
    })
}

/// The goals `from..to` (0-based, in `site.goals()` order) of `values`, which start at goal
/// `base`.
fn span(values: &[Value], base: usize, from: usize, to: usize) -> &[Value] {
    &values[from - base..to - base]
}

impl Renderer<'_> {
    #[cfg(test)] // used by unit tests only
    /// Every page but the goal pages — home, departments, evaluation, data, accessibility
    /// and 404 — from the goals' cards in `site.goals()` order, rendered in parallel. Each
    /// card becomes a template value once and every list shares it (Tera's values are
    /// reference-counted), so the lists cost one card per goal, not one per goal and page.
    pub(crate) fn lists(&self, cards: &[Card]) -> Result<Vec<(String, String)>, RenderError> {
        self.lists_for(cards, &|_, _| true, true)
    }

    #[cfg(test)] // used by unit tests only
    /// `Renderer::lists`, with only the department pages `department` picks, and the
    /// site-wide pages (home, evaluation, data, accessibility, 404) when `site_wide`.
    pub(crate) fn lists_for(
        &self,
        cards: &[Card],
        department: &(dyn Fn(&Department, usize) -> bool + Sync),
        site_wide: bool,
    ) -> Result<Vec<(String, String)>, RenderError> {
        let pages = std::sync::Mutex::new(Vec::new());
        self.lists_each(cards, department, site_wide, &|file, render| {
            let mut html = Vec::new();
            render(&mut html)?;
            // Tera writes UTF-8.
            let html = String::from_utf8(html)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            pages
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((file, html));
            Ok::<(), RenderError>(())
        })?;
        let mut pages = pages.into_inner().unwrap_or_else(|e| e.into_inner());
        pages.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(pages)
    }

    /// `Renderer::lists_for`, handing each page to `each` as its output file and a way
    /// to render it into a writer (a list page need not be held whole).
    pub(crate) fn lists_each<E: From<RenderError> + Send>(
        &self,
        cards: &[Card],
        department: &(dyn Fn(&Department, usize) -> bool + Sync),
        site_wide: bool,
        each: &(dyn Fn(String, PageWriter<'_>) -> Result<(), E> + Sync),
    ) -> Result<(), E> {
        let site = self.site;
        let values: Vec<Value> = cards.iter().map(|c| c.0.clone()).collect();
        let mut jobs = Vec::with_capacity(site.departments.len() + 4);
        let mut department_values = Vec::with_capacity(site.departments.len());
        let mut at = 0;
        for dept in &site.departments {
            let mine = &values[at..at + dept.goals.len()];
            at += dept.goals.len();
            let view = DepartmentView::new(site, dept, Vec::new());
            department_values.push(self.home_department(&view, mine));
            let mut description = None;
            for i in 0..paging::page_count(mine.len()) {
                if !department(dept, i) {
                    continue;
                }
                let description = description.get_or_insert_with(|| view.description(site, dept));
                let from = i * paging::PAGE_SIZE;
                let chunk = &mine[from..(from + paging::PAGE_SIZE).min(mine.len())];
                jobs.push(self.department_page(&view, description, i, chunk, mine.len()));
            }
        }
        if !site_wide {
            return run(self, jobs, each);
        }
        let all = Value::from(values.clone());
        let (evaluation_goals, data_goals) = if self.large {
            (
                Value::from(values[..paging::PAGE_SIZE.min(values.len())].to_vec()),
                Value::from(Vec::<Value>::new()),
            )
        } else {
            (all.clone(), all)
        };
        let booklet = (!self.large).then(|| cards.iter().map(|c| c.1.clone()).collect::<Vec<_>>());
        let mut site_wide_jobs = self
            .site_wide_jobs(
                department_values,
                evaluation_goals,
                data_goals,
                booklet.as_deref(),
            )
            .map_err(E::from)?;
        site_wide_jobs.append(&mut jobs);
        let mut jobs = site_wide_jobs;
        if self.large {
            let status_lists = view::StatusGroupView::all(site, false);
            for (i, chunk) in values.chunks(paging::PAGE_SIZE).enumerate() {
                jobs.push(self.all_goals_page(i, chunk, values.len(), &status_lists));
            }
        }
        run(self, jobs, each)
    }

    /// A department as the home page gets it: its view with its goals' cards (a large
    /// site's home page shows counts, not goals: it gets none).
    fn home_department(&self, view: &DepartmentView, goals: &[Value]) -> Value {
        let goals = if self.large {
            Vec::new()
        } else {
            goals.to_vec()
        };
        with_list(view, "goals", Value::from(goals))
    }

    /// Page `i` (0-based) of the list of a department's goals (`view`, `description`):
    /// `chunk`, the cards of that page, of its `count` goals. A department of up to
    /// [`paging::PAGE_SIZE`] goals has one page, unnumbered.
    fn department_page(
        &self,
        view: &DepartmentView,
        description: &str,
        i: usize,
        chunk: &[Value],
        count: usize,
    ) -> Job {
        let goals = Value::from(chunk.to_vec());
        if count <= paging::PAGE_SIZE {
            let value = with_list(view, "goals", goals);
            return Job::Department(
                description.to_string(),
                Box::new(view.clone()),
                value,
                view.path.clone(),
            );
        }
        let pagination =
            paging::PaginationView::new(&view.path, paging::DEPARTMENT_PAGE_SUB, i + 1, count);
        let path = paging::page_path(&view.path, paging::DEPARTMENT_PAGE_SUB, i + 1);
        let page_view = DepartmentView {
            pagination: Some(pagination),
            first_page: i == 0,
            ..view.clone()
        };
        let value = with_list(&page_view, "goals", goals);
        Job::Department(description.to_string(), Box::new(page_view), value, path)
    }

    /// Home, evaluation (with `evaluation_goals`), data (with `data_goals`), accessibility,
    /// search and 404, the booklet from each goal's part when `booklet` is given, the 施策体系
    /// pages, the changes, and a large site's paged lists of each status.
    fn site_wide_jobs(
        &self,
        department_values: Vec<Value>,
        evaluation_goals: Value,
        data_goals: Value,
        booklet: Option<&[Value]>,
    ) -> Result<Vec<Job>, RenderError> {
        let site = self.site;
        let css = self.theme.static_text("css/hyoka.css")?.unwrap_or_default();
        // Goal and department pages, home, evaluation, data, search, 404, the booklet, this
        // page, the 施策体系 pages, the changes and the pages of the paged lists.
        let changes = history::ChangesView::new(site);
        let page_count = site.goals().count()
            + site.departments.len()
            + 6
            + usize::from(!self.large)
            + plan_pages::judgement_page_paths(site).len()
            + usize::from(changes.is_some())
            + paging::list_page_paths(site).len();
        let home = HomeView::new(site, Vec::new());
        // The largest pages first (the home page lists every goal twice, evaluation and
        // data once), so no thread is left rendering a big page alone at the end.
        let mut jobs = vec![
            Job::Home(with_list(
                &home,
                "departments",
                Value::from(department_values),
            )),
            Job::Evaluation(with_list(
                &EvaluationView {
                    scale: plan_pages::EvaluationScaleView::new(site),
                    ..EvaluationView::new(site, Vec::new())
                },
                "goals",
                evaluation_goals,
            )),
            Job::Data(with_list(
                &DataView {
                    costs_csv_path: has_costs(site).then(|| "data/costs.csv".to_string()),
                    costs_json_path: has_costs(site).then(|| "data/costs.json".to_string()),
                    ..DataView::new(site, Vec::new())
                },
                "goals",
                data_goals,
            )),
            Job::Accessibility(AccessibilityView::new(site, &css, page_count)),
            Job::Search(search::SearchPageView::new(site)),
            Job::NotFound,
        ];
        if let Some(sections) = booklet {
            // The booklet: every goal's part, on one page (a site of a normal town's size).
            jobs.insert(
                1,
                Job::Report(Value::from_serializable(&report::ReportView::new(
                    site, sections,
                ))),
            );
        }
        jobs.extend(judgement_jobs(site));
        jobs.extend(changes.map(Job::Changes));
        if self.large {
            let status_lists = view::StatusGroupView::all(site, false);
            jobs.extend(self.status_list_pages(site.goals().count(), &status_lists));
        }
        Ok(jobs)
    }

    /// The search index (`search/index.js`, see [`search`]) of the goals' cards, in
    /// `site.goals()` order, into `out`.
    pub(crate) fn write_search_index(
        &self,
        cards: &[Card],
        out: &mut dyn std::io::Write,
    ) -> Result<(), RenderError> {
        self.write_search_entries(cards.iter().map(|c| &c.2), out)
    }

    /// [`Renderer::write_search_index`] of the goals' search entries.
    fn write_search_entries<'s>(
        &self,
        entries: impl Iterator<Item = &'s search::GoalSearch>,
        out: &mut dyn std::io::Write,
    ) -> Result<(), RenderError> {
        search::write_index(self.site, entries, out).map_err(|source| RenderError::Io {
            path: search::SEARCH_INDEX_PATH.into(),
            source,
        })
    }

    /// Page `i` (0-based) of the paged list of every goal of a large site: `chunk`, its
    /// cards, of `total` goals.
    fn all_goals_page(
        &self,
        i: usize,
        chunk: &[Value],
        total: usize,
        status_lists: &[view::StatusGroupView],
    ) -> Job {
        let pagination = paging::PaginationView::new(paging::GOALS_LIST_PATH, "", i + 1, total);
        let path = paging::page_path(paging::GOALS_LIST_PATH, "", i + 1);
        let title = "すべての目標".to_string();
        let head_title = list_head_title(&title, &pagination);
        let v = list_view(
            "all",
            title,
            None,
            pagination,
            Vec::new(),
            total,
            status_lists,
        );
        Job::List(
            path,
            head_title,
            with_list(&v, "goals", Value::from(chunk.to_vec())),
        )
    }

    /// The paged lists of the goals of each status of a large site (short entries),
    /// [`paging::PAGE_SIZE`] a page; `total` goals in all.
    fn status_list_pages(&self, total: usize, status_lists: &[view::StatusGroupView]) -> Vec<Job> {
        let site = self.site;
        let mut jobs = Vec::new();
        for status in site.statuses() {
            let members = paging::status_members(site, status);
            let base = paging::status_list_path(status);
            let title = format!("評価区分「{}」の目標", status.label());
            let pages = paging::page_count(members.len());
            for n in 1..=pages {
                let from = (n - 1) * paging::PAGE_SIZE;
                let links = members[from..(from + paging::PAGE_SIZE).min(members.len())]
                    .iter()
                    .map(|&(d, g, i)| view::GoalLinkView::new(d, g, i))
                    .collect();
                let pagination = paging::PaginationView::new(&base, "", n, members.len());
                let head_title = list_head_title(&title, &pagination);
                let v = list_view(
                    "status",
                    title.clone(),
                    Some(StatusView::new(status)),
                    pagination,
                    links,
                    total,
                    status_lists,
                );
                jobs.push(Job::List(
                    paging::page_path(&base, "", n),
                    head_title,
                    with_list(&v, "goals", Value::from(Vec::<Value>::new())),
                ));
            }
        }
        jobs
    }

    /// The list pages of a large site built once, made as the goals' cards come in
    /// `site.goals()` order ([`ListStream::push`]).
    pub(crate) fn list_stream(&self) -> ListStream<'_, '_> {
        debug_assert!(
            self.large,
            "only a large site's lists are made as the cards come"
        );
        ListStream::new(self)
    }
}

/// A paged list's head title: `すべての目標（2／100ページ）` after the first page.
fn list_head_title(title: &str, p: &paging::PaginationView) -> String {
    if p.page_count > 1 {
        format!("{title}（{}／{}ページ）", p.current, p.page_count)
    } else {
        title.to_string()
    }
}

/// The view of one page of a paged list (`kind`: `all` or `status`).
fn list_view(
    kind: &str,
    title: String,
    status: Option<StatusView>,
    pagination: paging::PaginationView,
    links: Vec<view::GoalLinkView>,
    total: usize,
    status_lists: &[view::StatusGroupView],
) -> view::GoalListPageView {
    view::GoalListPageView {
        kind: kind.into(),
        title,
        status,
        pagination,
        status_lists: status_lists.to_vec(),
        all_path: paging::GOALS_LIST_PATH.into(),
        goal_count: total,
        links,
    }
}

/// The list pages of a large site built once, made as the goals' cards come (in
/// `site.goals()` order): each page of `/goals/` and of a department as soon as its last
/// card is in, the site-wide pages at the end ([`ListStream::finish`]). A card is dropped
/// once both pages it is on are made; the evaluation page keeps the first page's cards and
/// the search index every goal's entry (a few hundred bytes), nothing else stays.
pub(crate) struct ListStream<'r, 'a> {
    renderer: &'r Renderer<'a>,
    /// The cards' values not yet on every page they belong to: goals `base..` of the site.
    pending: Vec<Value>,
    base: usize,
    /// Goals of the site.
    total: usize,
    /// The next page of `/goals/` to make (0-based).
    next_all: usize,
    /// The next department page to make: department (index) and page (0-based).
    next_department: (usize, usize),
    /// Each department's view, its description and where its goals start in site order.
    departments: Vec<(DepartmentView, String, usize)>,
    /// The first page's cards, for the evaluation page.
    first: Vec<Value>,
    /// Every goal's search entry, in order.
    searches: Vec<search::GoalSearch>,
    status_lists: Vec<view::StatusGroupView>,
}

impl<'r, 'a> ListStream<'r, 'a> {
    fn new(renderer: &'r Renderer<'a>) -> Self {
        let site = renderer.site;
        let mut start = 0;
        let departments = site
            .departments
            .iter()
            .map(|dept| {
                let view = DepartmentView::new(site, dept, Vec::new());
                let description = view.description(site, dept);
                let at = start;
                start += dept.goals.len();
                (view, description, at)
            })
            .collect();
        ListStream {
            renderer,
            pending: Vec::new(),
            base: 0,
            total: start,
            next_all: 0,
            next_department: (0, 0),
            departments,
            first: Vec::new(),
            searches: Vec::with_capacity(start),
            status_lists: view::StatusGroupView::all(site, false),
        }
    }

    /// The next goal's card.
    pub(crate) fn push(&mut self, card: Card) {
        let Card(value, _, search) = card;
        if self.first.len() < paging::PAGE_SIZE {
            self.first.push(value.clone());
        }
        self.pending.push(value);
        self.searches.push(search);
    }

    /// Makes every page whose cards are all in (handing each to `each`, in parallel) and
    /// drops the cards no page still to make needs.
    pub(crate) fn make_ready<E: From<RenderError> + Send>(
        &mut self,
        each: &(dyn Fn(String, PageWriter<'_>) -> Result<(), E> + Sync),
    ) -> Result<(), E> {
        let site = self.renderer.site;
        let done = self.base + self.pending.len();
        let mut jobs = Vec::new();
        loop {
            let from = self.next_all * paging::PAGE_SIZE;
            let to = (from + paging::PAGE_SIZE).min(self.total);
            if from >= self.total || to > done {
                break;
            }
            let chunk = span(&self.pending, self.base, from, to);
            jobs.push(self.renderer.all_goals_page(
                self.next_all,
                chunk,
                self.total,
                &self.status_lists,
            ));
            self.next_all += 1;
        }
        while let Some((view, description, start)) = self.departments.get(self.next_department.0) {
            let (d, i) = self.next_department;
            let count = site.departments[d].goals.len();
            let from = start + i * paging::PAGE_SIZE;
            let to = (from + paging::PAGE_SIZE).min(start + count);
            if to > done {
                break;
            }
            let chunk = span(&self.pending, self.base, from, to);
            jobs.push(
                self.renderer
                    .department_page(view, description, i, chunk, count),
            );
            self.next_department = if i + 1 < paging::page_count(count) {
                (d, i + 1)
            } else {
                (d + 1, 0)
            };
        }
        run(self.renderer, jobs, each)?;
        // The first goal a page still to make holds.
        let all_from = (self.next_all * paging::PAGE_SIZE).min(self.total);
        let department_from = self
            .departments
            .get(self.next_department.0)
            .map_or(self.total, |(_, _, start)| {
                start + self.next_department.1 * paging::PAGE_SIZE
            });
        let keep_from = all_from.min(department_from).min(done);
        self.pending.drain(..keep_from - self.base);
        self.base = keep_from;
        Ok(())
    }

    /// The search index (`search/index.js`) of every goal, into `out`: once every card is in.
    pub(crate) fn write_search_index(
        &self,
        out: &mut dyn std::io::Write,
    ) -> Result<(), RenderError> {
        debug_assert_eq!(self.searches.len(), self.total, "every card is in");
        self.renderer
            .write_search_entries(self.searches.iter(), out)
    }

    /// Once every card is in: the pages still to make and the site-wide pages (home,
    /// evaluation, data …, the 施策体系 pages and the paged lists of each status), handed to
    /// `each`.
    pub(crate) fn finish<E: From<RenderError> + Send>(
        mut self,
        each: &(dyn Fn(String, PageWriter<'_>) -> Result<(), E> + Sync),
    ) -> Result<(), E> {
        self.make_ready(each)?;
        debug_assert!(self.pending.is_empty(), "every card's pages are made");
        let renderer = self.renderer;
        let department_values = self
            .departments
            .iter()
            .map(|(view, _, _)| renderer.home_department(view, &[]))
            .collect();
        let jobs = renderer
            .site_wide_jobs(
                department_values,
                Value::from(std::mem::take(&mut self.first)),
                Value::from(Vec::<Value>::new()),
                None,
            )
            .map_err(E::from)?;
        run(renderer, jobs, each)
    }
}
