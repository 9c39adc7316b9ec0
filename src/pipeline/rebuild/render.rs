//! Rendering after an edit: only goals whose model (or department) changed get a new chart,
//! page and data files; the department pages listing them are rendered from cached cards.
//! The site-wide pages (home, evaluation, data, the all-goals files, the sitemap) come in a
//! second step, [`render_site_wide`], so the edited page is ready first.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use rayon::prelude::*;

use crate::error::Error;
use crate::model::validate::Patched;
use crate::model::{Department, Goal, Site, goal_path};
use crate::output::{OutputPlan, PlanCollector};
use crate::render::report::Booklet;
use crate::render::{Card, Renderer, theme::Theme};

use super::Rendered;
use crate::pipeline::{emit_goal, emit_lists, emit_site_data, emit_site_with};
use crate::timings::Timings;

/// Everything but the goals is the same: settings, the evaluated year, the home text and the
/// departments (slugs in order), so cached goal pages and cards may be reused.
pub(super) fn same_frame(old: &Site, new: &Site) -> bool {
    old.config == new.config
        && old.as_of == new.as_of
        && old.departments.len() == new.departments.len()
        && old
            .departments
            .iter()
            .zip(&new.departments)
            .all(|(a, b)| a.slug == b.slug)
        // The pages and files of §8.2–§8.4 that exist only when used.
        && crate::render::plan_pages::judgement_page_paths(old)
            == crate::render::plan_pages::judgement_page_paths(new)
        && crate::export::has_costs(old) == crate::export::has_costs(new)
        // History read again (HEAD moved): every goal page may change.
        && old.history == new.history
        // A large department's later pages (one appears or goes away); the site-wide
        // lists' are made anew with the site-wide pages (`render_site_wide`).
        && crate::render::paging::department_page_paths(old)
            == crate::render::paging::department_page_paths(new)
        // A site that becomes large (or small) loses (or gains) its booklet, whose link is
        // in every page's footer.
        && crate::render::paging::is_large(old) == crate::render::paging::is_large(new)
}

/// A department's own facts (not its goals) are the same.
fn same_header(a: &Department, b: &Department) -> bool {
    (
        &a.slug, &a.title, &a.duties, &a.served, a.weight, &a.body, &a.source,
    ) == (
        &b.slug, &b.title, &b.duties, &b.served, b.weight, &b.body, &b.source,
    )
}

/// The pages (0-based) of `dept`'s list that show its goals at the indices `changed`;
/// `None` for every page: a department with §8.1 goals shows its status counts on each.
fn list_pages_showing(
    dept: &Department,
    changed: impl IntoIterator<Item = usize>,
) -> Option<HashSet<usize>> {
    if dept.goals.iter().any(Goal::has_indicator_details) {
        return None;
    }
    Some(
        changed
            .into_iter()
            .map(|i| i / crate::render::paging::PAGE_SIZE)
            .collect(),
    )
}

/// A full render into a new plan.
pub(super) fn render_all(
    site: Site,
    root: &std::path::Path,
) -> Result<(Rendered, OutputPlan), Error> {
    let theme = Theme::load(root, &site.config.theme)?;
    let collector = PlanCollector::default();
    let cards = emit_site_with(&site, root, &theme, &collector, &Timings::new(), None)?;
    Ok((Rendered { site, theme, cards }, collector.into_plan()))
}

/// Renders only what changed between `rendered.site` and `site` into `plan`: goals whose
/// model or department changed and the department pages holding them (not the site-wide
/// pages: [`render_site_wide`]). Returns the new rendered state and the changed output paths.
/// The two sites have the same departments in the same order ([`same_frame`]).
pub(super) fn render_changes(
    rendered: Rendered,
    site: Site,
    plan: &mut OutputPlan,
) -> Result<(Rendered, Vec<String>), Error> {
    let Rendered {
        site: old,
        theme,
        cards: old_cards,
    } = rendered;
    // What each goal of the new site needs: an old card to keep, or a new render.
    let mut keep: Vec<Option<&Card>> = Vec::with_capacity(old_cards.len() + 1);
    // The departments whose pages change: every page (`None`), or only the pages (0-based)
    // holding a changed card when the department and its list of goals stay the same.
    let mut dirty: HashMap<&str, Option<HashSet<usize>>> = HashMap::new();
    let mut removed = Vec::new();
    let mut at = 0;
    for (a, b) in old.departments.iter().zip(&site.departments) {
        let cards = &old_cards[at..at + a.goals.len()];
        at += a.goals.len();
        let same_dept = same_header(a, b);
        let before: HashMap<&str, (&Goal, &Card)> = a
            .goals
            .iter()
            .zip(cards)
            .map(|(g, c)| (g.slug.as_str(), (g, c)))
            .collect();
        let listed_same = a.goals.len() == b.goals.len()
            && a.goals.iter().zip(&b.goals).all(|(x, y)| x.slug == y.slug);
        for goal in &b.goals {
            let card = before
                .get(goal.slug.as_str())
                .filter(|(g, _)| same_dept && *g == goal)
                .map(|(_, c)| *c);
            keep.push(card);
        }
        let mine = &keep[keep.len() - b.goals.len()..];
        let changed = mine
            .iter()
            .enumerate()
            .filter(|(_, k)| k.is_none())
            .map(|(i, _)| i);
        let pages = list_pages_showing(b, changed);
        if !same_dept || !listed_same {
            dirty.insert(b.slug.as_str(), None);
        } else if pages.as_ref().is_none_or(|p| !p.is_empty()) {
            dirty.insert(b.slug.as_str(), pages);
        }
        let now: HashSet<&str> = b.goals.iter().map(|g| g.slug.as_str()).collect();
        removed.extend(
            a.goals
                .iter()
                .filter(|g| !now.contains(g.slug.as_str()))
                .map(goal_path),
        );
    }
    // Each goal's part of the booklet holds numbers (its own, those of the goals it links
    // to): under a new numbering (a goal added, removed or moved) no card is kept.
    // (A large site has no booklet: `same_frame` saw both sites the same size.)
    if !crate::render::paging::is_large(&site) && Booklet::new(&old) != Booklet::new(&site) {
        keep.iter_mut().for_each(|card| *card = None);
    }
    let goals: Vec<(&Department, &Goal)> = site.goals().collect();
    let collector = PlanCollector::default();
    let timings = Timings::new();
    let renderer = Renderer::new(&site, &theme);
    let cards = goals
        .par_iter()
        .zip(&keep)
        .map(|((d, g), kept)| match kept {
            Some(card) => Ok((*card).clone()),
            None => emit_goal(&site, &renderer, d, g, &g.body, &collector, &timings),
        })
        .collect::<Result<Vec<Card>, Error>>()?;
    emit_lists(
        &renderer,
        &cards,
        &|d, page| {
            dirty
                .get(d.slug.as_str())
                .is_some_and(|pages| pages.as_ref().is_none_or(|p| p.contains(&page)))
        },
        false,
        &collector,
    )?;
    drop(renderer);
    drop(keep);
    // A removed goal's files are whatever the plan holds in its folder.
    let mut changed: Vec<String> = Vec::new();
    if !removed.is_empty() {
        changed.extend(
            plan.paths()
                .filter(|path| removed.iter().any(|dir| path.starts_with(dir.as_str())))
                .map(str::to_string),
        );
        for path in &changed {
            plan.remove(path);
        }
    }
    changed.extend(merge(collector.into_plan(), plan)?);
    changed.sort();
    Ok((Rendered { site, theme, cards }, changed))
}

/// Renders one goal patched into `rendered.site` in place ([`crate::load::Loaded::patch_goal`]):
/// its page, chart and data files, its card, and the pages of its department's list that
/// show it (every page when the department shows status counts on each, §8.1). The booklet
/// keeps its numbering (the same goals in the same order). Returns the changed output paths.
pub(super) fn render_patched(
    rendered: &mut Rendered,
    patched: Patched,
    plan: &mut OutputPlan,
) -> Result<Vec<String>, Error> {
    let Rendered { site, theme, cards } = rendered;
    let dept = &site.departments[patched.department];
    let goal = &dept.goals[patched.goal];
    let at: usize = site.departments[..patched.department]
        .iter()
        .map(|d| d.goals.len())
        .sum::<usize>()
        + patched.goal;
    let collector = PlanCollector::default();
    let renderer = Renderer::new(site, theme);
    cards[at] = emit_goal(
        site,
        &renderer,
        dept,
        goal,
        &goal.body,
        &collector,
        &Timings::new(),
    )?;
    let pages = list_pages_showing(dept, [patched.goal]);
    emit_lists(
        &renderer,
        cards,
        &|d, p| d.slug == dept.slug && pages.as_ref().is_none_or(|s| s.contains(&p)),
        false,
        &collector,
    )?;
    drop(renderer);
    let mut changed = merge(collector.into_plan(), plan)?;
    changed.sort();
    Ok(changed)
}

/// The site-wide pages — home, evaluation, data, 404 — and the all-goals data files and
/// sitemap, from the cached cards, into `plan`. Returns the changed output paths.
pub(super) fn render_site_wide(
    rendered: &Rendered,
    plan: &mut OutputPlan,
) -> Result<Vec<String>, Error> {
    let site = &rendered.site;
    let renderer = Renderer::new(site, &rendered.theme);
    let collector = PlanCollector::default();
    let (lists, data) = rayon::join(
        || emit_lists(&renderer, &rendered.cards, &|_, _| false, true, &collector),
        || emit_site_data(site, &collector, &Timings::new(), Instant::now()),
    );
    lists?;
    data?;
    let made = collector.into_plan();
    let emitted: HashSet<String> = made.paths().map(str::to_string).collect();
    let mut changed = merge(made, plan)?;
    // What only this render makes and the site no longer has: a page of the all-goals or
    // per-status lists (a status has fewer goals, the site fewer than a page; everything
    // under goals/ is those lists' own) or a part of a split sitemap (sitemap-N.xml).
    let stale: Vec<String> = plan
        .paths()
        .filter(|p| {
            (p.starts_with(crate::render::paging::GOALS_LIST_PATH)
                || crate::export::is_sitemap_part(p))
                && !emitted.contains(*p)
        })
        .map(str::to_string)
        .collect();
    for path in &stale {
        plan.remove(path);
    }
    changed.extend(stale);
    changed.sort();
    Ok(changed)
}

/// Puts the rendered files `made` into `plan`; returns those whose bytes changed.
fn merge(made: OutputPlan, plan: &mut OutputPlan) -> Result<Vec<String>, Error> {
    let mut changed = Vec::new();
    for file in made {
        if plan.get(&file.path) != Some(file.bytes.as_slice()) {
            changed.push(file.path.clone());
            plan.insert_or_replace(file.path, file.bytes)?;
        }
    }
    Ok(changed)
}
