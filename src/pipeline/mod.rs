//! The back half of every command: a loaded site's model ([`crate::load`](mod@crate::load)) → charts, pages
//! and open data, emitted file by file into an [`Emit`]: an in-memory [`OutputPlan`]
//! ([`plan_site`], for `check` and `serve`) or `output`'s staged folder (`cmd::build`), so a
//! build never holds its whole output in memory; and [`Rebuilder`], a site kept in memory
//! between edits. Nothing here writes to disk itself.

mod rebuild;

pub use rebuild::Rebuilder;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::error::Error;
use crate::model::{Department, Goal, Site};
use crate::output::{Emit, OutputPlan, PathCollector, PlanCollector};
use crate::render::{self, Card, GoalGraphics, IndicatorGraphics, Renderer, theme::Theme};
use crate::timings::{Stage, Timings};
use crate::{chart, export, fsio, links};

/// Everything the site will contain, in memory.
pub fn plan_site(site: &Site, root: &Path) -> Result<OutputPlan, Error> {
    let collector = PlanCollector::default();
    emit_site(site, root, &collector, &Timings::new())?;
    Ok(collector.into_plan())
}

/// Renders everything (so template errors and clashing output paths show) and keeps
/// only what the link check needs (each path, and each page's anchors and links): what
/// `hyoka check` runs. Returns the link check's findings.
///
/// `also` emits more files beside the site's (the 過去の版 under `archive/<tag>/`): they are
/// targets of the site's links, and their own links, under the folders `unchecked`, are
/// history and not checked.
pub(crate) fn check_site(
    site: &Site,
    root: &Path,
    also: &dyn Fn(&dyn Emit) -> Result<(), Error>,
    unchecked: &[String],
) -> Result<links::Report, Error> {
    let sources = links::SourceLinks::of(site);
    let paths = PathCollector::default();
    let base = link_base(site);
    let collector =
        links::LinkCollector::new(&paths, base.clone()).unchecked_under(unchecked.to_vec());
    emit_site(site, root, &collector, &Timings::new())?;
    also(&collector)?;
    let index = collector.into_index();
    paths.finish()?;
    Ok(links::check(&index, &sources, &base, root))
}

/// The site's address, for the link check.
pub(crate) fn link_base(site: &Site) -> links::Base {
    links::Base::new(&site.config.base_url, &site.config.base_path)
}

/// Produces every file of the site into `out` (a plan in memory, or a folder being
/// written): static files, then each goal's chart, page and data in one parallel pass (so
/// a goal's files are handed on as soon as they exist), then the list pages from the goals'
/// cards, then the all-goals data files and the sitemap.
pub(crate) fn emit_site(
    site: &Site,
    root: &Path,
    out: &dyn Emit,
    timings: &Timings,
) -> Result<(), Error> {
    let started = Instant::now();
    let theme = Theme::load(root, &site.config.theme)?;
    timings.since(Stage::Render, started);
    emit_site_with(site, root, &theme, out, timings, None).map(drop)
}

/// [`emit_site`] for a build that has no more use for the site: each goal's Markdown body
/// is taken out of the model first, or read again from its file when the model left it
/// there ([`Goal::body_on_disk`]), and dropped as soon as its page is made (the bodies are
/// most of the model, and the list pages made last do not need them). Returns the links of
/// the bodies that were read from their files, for the link check (the model's own are
/// [`links::SourceLinks::of`]).
pub(crate) fn emit_site_once(
    mut site: Site,
    root: &Path,
    out: &dyn Emit,
    timings: &Timings,
) -> Result<Vec<links::BodyLinks>, Error> {
    let started = Instant::now();
    let theme = Theme::load(root, &site.config.theme)?;
    let bodies: Vec<Body> = site
        .departments
        .iter_mut()
        .flat_map(|d| d.goals.iter_mut())
        .map(|g| match g.body_on_disk {
            Some(digest) => Body::OnDisk(digest),
            None => Body::Kept(std::mem::take(&mut g.body)),
        })
        .collect();
    timings.since(Stage::Render, started);
    if render::paging::is_large(&site) {
        return emit_site_streamed(&site, root, &theme, out, timings, bodies);
    }
    let fetched = site
        .goals()
        .zip(bodies)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|((_, goal), body)| fetch_body(root, goal, body))
        .collect::<Result<Vec<_>, Error>>()?;
    let (bodies, body_links) = fetched.into_iter().unzip::<_, _, Vec<_>, Vec<_>>();
    emit_site_with(&site, root, &theme, out, timings, Some(bodies))?;
    Ok(body_links.into_iter().flatten().collect())
}

/// A goal's body in a one-off build: taken out of the model, or left in its file with the
/// digest of the text that was checked.
enum Body {
    Kept(String),
    OnDisk(u64),
}

/// The goal's body; read again from its file when it was left there (refused when it is not
/// the text that was checked), with its links (which the model could not give).
fn fetch_body(
    root: &Path,
    goal: &Goal,
    body: Body,
) -> Result<(String, Option<links::BodyLinks>), Error> {
    match body {
        Body::Kept(body) => Ok((body, None)),
        Body::OnDisk(digest) => {
            let body = crate::load::read_goal_body(root, goal, digest)?;
            let page = format!("{}index.html", crate::model::goal_path(goal));
            let links = links::body_links(page, goal.source.clone(), &body);
            Ok((body, links))
        }
    }
}

/// Goals at a time in [`emit_site_streamed`]: enough for both threads to stay busy, few
/// enough that their cards are a few megabytes. Not a multiple of the page size, so that
/// windows end inside a page (the 1,200-goal test site has a page whose cards come in two
/// windows).
const STREAM_WINDOW: usize = 1_024;

/// [`emit_site_once`] of a large site: the goals in windows of [`STREAM_WINDOW`] in site
/// order, each window's pages made in parallel, then the list pages its cards complete
/// (`render::lists::ListStream`); so the build holds a window's cards, not every goal's. The
/// same files as [`emit_site_with`].
fn emit_site_streamed(
    site: &Site,
    root: &Path,
    theme: &Theme,
    out: &dyn Emit,
    timings: &Timings,
    bodies: Vec<Body>,
) -> Result<Vec<links::BodyLinks>, Error> {
    emit_statics(root, theme, out, timings)?;
    let renderer = Renderer::new(site, theme);
    let goals: Vec<(&Department, &Goal)> = site.goals().collect();
    let mut stream = renderer.list_stream();
    let mut bodies = bodies.into_iter();
    let each = |path, render: render::PageWriter<'_>| {
        emit_streamed(out, path, |w| render(w).map_err(Error::from))
    };
    let mut body_links = Vec::new();
    for window in goals.chunks(STREAM_WINDOW) {
        let window_bodies: Vec<Body> = bodies.by_ref().take(window.len()).collect();
        let made = window
            .par_iter()
            .zip(window_bodies.into_par_iter())
            .map(|((dept, goal), body)| {
                let (body, links) = fetch_body(root, goal, body)?;
                let card = emit_goal(site, &renderer, dept, goal, &body, out, timings)?;
                Ok((card, links))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        for (card, links) in made {
            stream.push(card);
            body_links.extend(links);
        }
        timings.time(Stage::Render, || stream.make_ready(&each))?;
    }
    let (lists, data) = rayon::join(
        || {
            timings.time(Stage::Render, || {
                emit_streamed(out, render::search::SEARCH_INDEX_PATH.to_string(), |w| {
                    stream.write_search_index(w).map_err(Error::from)
                })?;
                stream.finish(&each)
            })
        },
        || emit_site_data(site, out, timings, Instant::now()),
    );
    lists?;
    data?;
    Ok(body_links)
}

/// The theme's static files and the site's own (`static/`, which replace the theme's), the
/// theme's css and js under their content-hashed names (render::assets).
fn emit_statics(
    root: &Path,
    theme: &Theme,
    out: &dyn Emit,
    timings: &Timings,
) -> Result<(), Error> {
    let started = Instant::now();
    let mut statics: BTreeMap<String, Vec<u8>> = theme.static_files()?.into_iter().collect();
    statics.extend(site_static_files(root)?);
    let t = timings.since(Stage::Render, started);
    for (path, bytes) in statics {
        let published = theme.assets().published(&path).to_string();
        out.emit(published, bytes)?;
    }
    timings.since(Stage::Write, t);
    Ok(())
}

/// [`emit_site`] with a theme already loaded; returns the goals' cards in `site.goals()`
/// order (a rebuild keeps them). `bodies`, when given, are the goals' Markdown bodies in
/// that order, taken out of the model.
pub(super) fn emit_site_with(
    site: &Site,
    root: &Path,
    theme: &Theme,
    out: &dyn Emit,
    timings: &Timings,
    bodies: Option<Vec<String>>,
) -> Result<Vec<Card>, Error> {
    emit_statics(root, theme, out, timings)?;
    let renderer = Renderer::new(site, theme);
    let goals: Vec<(&Department, &Goal)> = site.goals().collect();
    let cards = match bodies {
        None => goals
            .par_iter()
            .map(|(dept, goal)| emit_goal(site, &renderer, dept, goal, &goal.body, out, timings))
            .collect::<Result<Vec<_>, Error>>()?,
        Some(bodies) => goals
            .par_iter()
            .zip(bodies.into_par_iter())
            .map(|((dept, goal), body)| emit_goal(site, &renderer, dept, goal, &body, out, timings))
            .collect::<Result<Vec<_>, Error>>()?,
    };

    // The list pages and the all-goals data files side by side: neither needs the other.
    // Rendering and writing a list page are one step: its time counts as rendering.
    let (lists, data) = rayon::join(
        || {
            timings.time(Stage::Render, || {
                emit_lists(&renderer, &cards, &|_, _| true, true, out)
            })
        },
        || emit_site_data(site, out, timings, Instant::now()),
    );
    lists?;
    data?;
    Ok(cards)
}

/// The list pages of the departments `department` picks, and the site-wide ones (with the
/// search index) when `site_wide`, from the goals' cards: each rendered straight into its
/// file of `out`.
pub(super) fn emit_lists(
    renderer: &Renderer,
    cards: &[Card],
    department: &(dyn Fn(&Department, usize) -> bool + Sync),
    site_wide: bool,
    out: &dyn Emit,
) -> Result<(), Error> {
    if site_wide {
        emit_streamed(out, render::search::SEARCH_INDEX_PATH.to_string(), |w| {
            renderer.write_search_index(cards, w).map_err(Error::from)
        })?;
    }
    renderer.lists_each(cards, department, site_wide, &|path, render| {
        emit_streamed(out, path, |w| render(w).map_err(Error::from))
    })
}

/// The all-goals data files and the sitemap, timed from `t`.
pub(super) fn emit_site_data(
    site: &Site,
    out: &dyn Emit,
    timings: &Timings,
    t: Instant,
) -> Result<(), Error> {
    // One at a time, each written as it is made: at 100,000 goals these are hundreds of
    // megabytes together.
    emit_streamed(out, export::INDICATORS_CSV_PATH.to_string(), |w| {
        export::write_indicators_csv(site, w).map_err(|source| Error::Io {
            path: PathBuf::from(export::INDICATORS_CSV_PATH),
            source,
        })
    })?;
    let t = timings.since(Stage::Data, t);
    let sitemaps = export::sitemap_files(&site.config.base_url, &render::page_paths(site));
    let mut t = timings.since(Stage::Data, t);
    for (path, text) in sitemaps {
        out.emit(path, text.into_bytes())?;
        t = timings.since(Stage::Write, t);
    }
    // The Atom feed of the history from git (§10), when there is one.
    if let Some(history) = site.history.read() {
        let feed = crate::history::feed::atom(site, history);
        out.emit(crate::model::history::FEED_PATH.to_string(), feed)?;
    }
    // 事業費 (§8.2): only for a site where some goal has costs.
    if export::has_costs(site) {
        out.emit(export::COSTS_CSV_PATH.to_string(), export::costs_csv(site))?;
        out.emit(
            export::COSTS_JSON_PATH.to_string(),
            export::costs_json(site),
        )?;
    }
    emit_streamed(out, export::INDICATORS_JSON_PATH.to_string(), |w| {
        export::write_indicators_json(site, w).map_err(|source| Error::Io {
            path: PathBuf::from(export::INDICATORS_JSON_PATH),
            source,
        })
    })?;
    timings.since(Stage::Data, t);
    Ok(())
}

/// Hands `out` the file at `path` that `produce` writes: the output's failure to write it
/// comes first, then the producer's own.
fn emit_streamed(
    out: &dyn Emit,
    path: String,
    produce: impl FnOnce(&mut dyn std::io::Write) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut file = out.stream(path)?;
    let produced = produce(&mut file);
    file.finish()?;
    produced
}

/// One goal's chart, page, `data.csv` and `data.json`, handed to `out`; returns its card
/// for the list pages.
pub(super) fn emit_goal(
    site: &Site,
    renderer: &Renderer,
    dept: &Department,
    goal: &Goal,
    body: &str,
    out: &dyn Emit,
    timings: &Timings,
) -> Result<Card, Error> {
    let t = Instant::now();
    let graphics = goal_graphics(goal);
    let t = timings.since(Stage::Chart, t);
    let ((file, html), card) = renderer.goal(dept, goal, body, &graphics)?;
    let t = timings.since(Stage::Render, t);
    let csv = export::goal_csv(site, dept, goal);
    let json = export::goal_json(site, dept, goal);
    let t = timings.since(Stage::Data, t);
    out.emit(file, html)?;
    out.emit(export::goal_csv_path(goal), csv)?;
    out.emit(export::goal_json_path(goal), json)?;
    timings.since(Stage::Write, t);
    Ok(card)
}

/// A goal's charts and sparklines: the first indicator's in the fields of [`GoalGraphics`],
/// the others' in `more` (ids `chart-<dept>-<goal>-2` …).
pub(crate) fn goal_graphics(goal: &Goal) -> GoalGraphics {
    let id = format!("chart-{}-{}", goal.department_slug, goal.slug);
    let mut each = goal.evaluated().enumerate().map(|(i, (ind, e))| {
        let id = if i == 0 {
            id.clone()
        } else {
            format!("{id}-{}", i + 1)
        };
        let chart = chart::goal_chart(ind, e, &id);
        IndicatorGraphics {
            chart_svg: chart.svg,
            chart_svg_narrow: chart.narrow_svg,
            chart_title: chart.title,
            chart_description: chart.description,
            sparkline_svg: chart::sparkline(ind, e),
        }
    });
    let first = each.next().unwrap_or_default();
    GoalGraphics {
        chart_svg: first.chart_svg,
        chart_svg_narrow: first.chart_svg_narrow,
        chart_title: first.chart_title,
        chart_description: first.chart_description,
        sparkline_svg: first.sparkline_svg,
        more: each.collect(),
    }
}

/// `<root>/static/**`, copied as it is to the same paths in the output (hidden files left
/// out: see [`fsio::walk_files`]).
fn site_static_files(root: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut files = Vec::new();
    for (url, path) in fsio::walk_files(&root.join("static"))? {
        files.push((url, fsio::read_file(&path, u64::MAX)?));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use crate::error::Error;
    use crate::load::{self, BuildOptions};
    use crate::output::PlanCollector;
    use crate::timings::Timings;

    #[test]
    fn a_build_reads_each_body_again_and_refuses_one_changed_since_it_was_checked() {
        let dir = super::rebuild::tests::site_copy();
        let options = BuildOptions {
            root: dir.path().to_path_buf(),
            ..BuildOptions::default()
        };
        let load = || {
            let (site, diags) = load::load_site_for_build(&options, &Timings::new()).unwrap();
            assert!(!diags.has_errors(), "{diags:?}");
            site.unwrap()
        };
        let site = load();
        let goal = site.goals().next().unwrap().1;
        assert!(goal.body.is_empty() && goal.body_on_disk.is_some());
        let (file, page) = (
            goal.source.clone(),
            format!("{}index.html", crate::model::goal_path(goal)),
        );

        // Unchanged: the page has the body that was checked.
        let plan = PlanCollector::default();
        super::emit_site_once(site, dir.path(), &plan, &Timings::new()).unwrap();
        let text = fs::read_to_string(dir.path().join(&file)).unwrap();
        let heading = text
            .lines()
            .find_map(|l| l.strip_prefix("## "))
            .expect("the goal has a heading");
        let html = String::from_utf8(plan.into_plan().get(&page).unwrap().to_vec()).unwrap();
        assert!(html.contains(heading), "{heading} not on {page}");

        // Saved again between the check and the page: refused, nothing published from it.
        let site = load();
        fs::write(
            dir.path().join(&file),
            text.replace(heading, "書き換えた見出し"),
        )
        .unwrap();
        let plan = PlanCollector::default();
        match super::emit_site_once(site, dir.path(), &plan, &Timings::new()) {
            Err(Error::ChangedDuringBuild(path)) => assert_eq!(path, file),
            other => panic!("{other:?}"),
        }
    }
}
