//! One goal file edited while serving: the site's model patched in place instead of built
//! again from every cached goal. Only when nothing a site-wide step looks at changes — the
//! goal's slug, weight and draft flag (its URL and place in the lists), its indicator codes
//! and tags (the site-wide uniqueness checks), whether it uses §8.1 and has costs (files
//! and sections the site has only when a goal uses them), its latest actual year
//! when config.toml does not fix `as_of` (the evaluated year of every goal), and its own
//! findings with those of the grade and plan checks (so the site's findings stay as they
//! were). Anything else is left to [`super::SiteBuilder`], which gives the same model.

use std::path::Path;

use crate::content::LoadedContent;
use crate::diag::Diagnostics;

use super::super::evaluation::evaluate;
use super::super::{Goal, Site};
use super::{CachedGoal, GoalCache, UrlClaim, goal, settle};

/// Where a patched goal is in the site: department and goal index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Patched {
    /// Index in `site.departments`.
    pub department: usize,
    /// Index in that department's `goals`.
    pub goal: usize,
}

/// Puts the goal of the content file `rel` (site-relative, as read into `content`) into
/// `site` in place of the one built from its previous text, when that gives the model a
/// full build would give ([`Patched`]); else `None`, and `site` is untouched. `goals` holds
/// the goal as validated from the previous text, and the new one afterwards.
pub(crate) fn patch_goal(
    site: &mut Site,
    content: &LoadedContent,
    goals: &mut GoalCache,
    rel: &Path,
) -> Option<Patched> {
    let doc = content
        .departments
        .iter()
        .flat_map(|d| &d.goals)
        .find(|doc| doc.source.path == rel)?;
    let (d, g) = site.departments.iter().enumerate().find_map(|(d, dept)| {
        dept.goals
            .iter()
            .position(|goal| goal.source == rel)
            .map(|g| (d, g))
    })?;
    let dept = &site.departments[d];
    let old = &dept.goals[g];
    let before = goals.goals.get(rel)?;
    if before.department_slug != dept.slug {
        return None;
    }
    if before.text == doc.source.text {
        return Some(Patched {
            department: d,
            goal: g,
        });
    }
    let mut found = Diagnostics::new();
    let mut new = goal(doc, &dept.slug, &mut found)?;
    let codes = codes_of(&UrlClaim::codes(doc));
    let unchanged = found == before.diags
        && codes == before.codes
        && (&new.slug, new.weight, new.draft) == (&old.slug, old.weight, old.draft)
        && new.has_indicator_details() == old.has_indicator_details()
        // Whether the site has cost files (data/costs.*) at all.
        && new.facts.cost.is_some() == old.facts.cost.is_some()
        && tag_names(&new) == tag_names(old)
        && (site.config.as_of.is_some() || new.latest_actual_year() == old.latest_actual_year());
    if !unchanged {
        return None;
    }
    new.evaluations = new
        .indicators
        .iter()
        .map(|i| evaluate(i, site.as_of))
        .collect();
    settle::settle_goal(&mut new, &dept.contact);
    let checked = |goal: &Goal| {
        let mut diags = Diagnostics::new();
        settle::check_goal(goal, &site.config, &mut diags);
        diags
    };
    if checked(&new) != checked(old) {
        return None;
    }
    goals.goals.insert(
        rel.to_path_buf(),
        CachedGoal {
            text: doc.source.text.clone(),
            department_slug: dept.slug.clone(),
            goal: Some(new.clone()),
            diags: found,
            codes,
        },
    );
    site.departments[d].goals[g] = new;
    Some(Patched {
        department: d,
        goal: g,
    })
}

/// The codes of a goal's indicators, as the site-wide check compares them.
pub(super) fn codes_of(claims: &[UrlClaim]) -> Vec<String> {
    claims.iter().map(|c| c.url.clone()).collect()
}

fn tag_names(goal: &Goal) -> Vec<&str> {
    goal.facts.tags.iter().map(|t| t.name.as_str()).collect()
}
