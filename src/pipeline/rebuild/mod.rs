//! A site kept in memory between edits, for `hyoka serve`: the first build plans everything;
//! each later [`Rebuilder::rebuild`] is told which files changed and brings the in-memory
//! [`OutputPlan`] up to date. The result must always equal a full build of the same files
//! (byte for byte); how much work an edit costs is this module's business alone.
//!
//! Edits of goal files, department `_index.md` files and `content/_index.md` (changed, new or
//! deleted goals) are incremental ([`crate::load::Edit`]): only those files are read, parsed and
//! proofread again; the model is rebuilt from cached goals; only goals whose model changed
//! get a new chart, page and data files; the list pages come from cached cards; the theme's
//! templates stay compiled. Anything else (config.toml, themes, templates, static files, a
//! new or removed department, no list of changes) rebuilds everything.
//!
//! A build with content errors keeps the last good plan (the server keeps serving it) and
//! reports the errors through [`Rebuilder::diagnostics`].

mod render;
#[cfg(test)]
pub(super) mod tests;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::diag::Diagnostics;
use crate::error::Error;
use crate::load::{self, BuildOptions, Edit, Keep, Load, Loaded, content_edits};
use crate::model::Site;
use crate::model::validate::GoalCache;
use crate::output::OutputPlan;
use crate::render::{Card, theme::Theme};
use crate::timings::Timings;

use render::{render_all, render_changes, render_patched, render_site_wide, same_frame};

/// The in-memory site of a `serve` session.
#[derive(Debug)]
pub struct Rebuilder {
    options: BuildOptions,
    plan: Option<OutputPlan>,
    diagnostics: Diagnostics,
    generation: u64,
    state: Option<State>,
    /// The site-wide pages of the plan wait for [`Rebuilder::catch_up`].
    pending: bool,
}

/// What the last load read, kept for the next edit, and the caches it fills.
#[derive(Debug)]
struct State {
    loaded: Loaded,
    goals: GoalCache,
    /// What the last good plan was made from.
    rendered: Option<Rendered>,
    /// The model's findings of the last load (with `loaded`'s own, the site's findings).
    model_findings: Diagnostics,
}

/// The site, theme and goal cards behind the current plan.
#[derive(Debug)]
struct Rendered {
    site: Site,
    theme: Theme,
    /// Cards of the goals, in `site.goals()` order.
    cards: Vec<Card>,
}

/// What one rebuild did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RebuildReport {
    /// Output paths (`somu/jichikai/index.html`) added, changed or removed, sorted.
    pub changed_outputs: Vec<String>,
    /// Whether this build has content errors (the previous plan was kept).
    pub failed: bool,
    /// Increases by one with every rebuild that produced a new plan.
    pub generation: u64,
    /// Time spent in this rebuild.
    pub elapsed: Duration,
    /// True when only the edited files were read again and only what they change was
    /// rendered; false when everything was rebuilt.
    pub incremental: bool,
    /// True when one goal file's edit was put into the kept model in place (no other goal
    /// was looked at again): the fastest kind of rebuild.
    pub one_goal: bool,
}

impl Rebuilder {
    /// Builds the whole site once. Content errors do not fail this call: they are kept in
    /// [`Rebuilder::diagnostics`] and [`Rebuilder::plan`] is `None` until a build succeeds.
    pub fn new(options: BuildOptions) -> Result<Self, Error> {
        let mut rebuilder = Rebuilder::unbuilt(options);
        rebuilder.rebuild(&[])?;
        Ok(rebuilder)
    }

    /// A rebuilder that has built nothing yet (no plan): the caller's first
    /// [`Rebuilder::rebuild`] builds everything, so `serve` can show a fatal error of the
    /// first build (a broken template) in the browser like any later one.
    pub fn unbuilt(options: BuildOptions) -> Self {
        Rebuilder {
            options,
            plan: None,
            diagnostics: Diagnostics::new(),
            generation: 0,
            state: None,
            pending: false,
        }
    }

    /// Brings the plan up to date after `changed` files (absolute or site-relative paths;
    /// empty = unknown, rebuild everything) were written, created or deleted:
    /// [`Rebuilder::rebuild_page_first`], then [`Rebuilder::catch_up`].
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<RebuildReport, Error> {
        let started = Instant::now();
        let mut report = self.rebuild_page_first(changed)?;
        let rest = self.catch_up()?;
        report.changed_outputs.extend(rest.changed_outputs);
        report.changed_outputs.sort();
        report.changed_outputs.dedup();
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// The fast half of [`Rebuilder::rebuild`], for showing an edit at once: after an
    /// incremental edit the edited goals' pages and data files and their department pages are
    /// up to date, while the site-wide pages (home, evaluation, data, `data/indicators.*`,
    /// the sitemap) keep their previous bytes until [`Rebuilder::catch_up`]
    /// ([`Rebuilder::is_pending`] says so). A full rebuild leaves nothing pending.
    pub fn rebuild_page_first(&mut self, changed: &[PathBuf]) -> Result<RebuildReport, Error> {
        let started = Instant::now();
        let edits = self
            .state
            .as_ref()
            .and_then(|s| content_edits(&self.options.root, &s.loaded.content, changed));
        let incremental = edits.is_some();
        let mut report = match edits {
            Some(edits) => self.rebuild_edits(&edits)?,
            None => self.rebuild_all()?,
        };
        report.incremental = incremental && !report.failed && report.incremental;
        report.one_goal &= report.incremental;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Reads everything again.
    fn rebuild_all(&mut self) -> Result<RebuildReport, Error> {
        let mut goals = GoalCache::remembering();
        let loading = load::load(
            &self.options,
            &[],
            Keep::Content,
            &mut goals,
            &Timings::new(),
        )?;
        let Load {
            loaded,
            site,
            model_findings,
        } = match loading {
            Ok(load) => load,
            Err(diags) => {
                self.state = None;
                self.diagnostics = diags;
                return Ok(self.failed());
            }
        };
        let mut diags = loaded.findings();
        diags.extend(model_findings.clone());
        self.state = Some(State {
            loaded,
            goals,
            rendered: None,
            model_findings,
        });
        self.show(site, diags)
    }

    /// Reads only the edited content files again.
    fn rebuild_edits(&mut self, edits: &[Edit]) -> Result<RebuildReport, Error> {
        let state = self
            .state
            .as_mut()
            .expect("edits are only found with a state");
        state.loaded.edit(&self.options.root, edits)?;
        if edits.iter().all(Edit::is_gone) {
            // Only editor leftovers changed: the plan stands; their findings go.
            let gone: HashSet<&std::path::Path> = edits.iter().map(Edit::path).collect();
            self.diagnostics
                .retain(|d| !gone.contains(d.path.as_path()));
            return Ok(RebuildReport {
                failed: self.diagnostics.has_errors(),
                generation: self.generation,
                incremental: true,
                ..RebuildReport::default()
            });
        }
        if let Some(report) = self.patch_one(edits)? {
            return Ok(report);
        }
        let state = self.state.as_mut().expect("edited above");
        let (site, model_findings) = state.loaded.model(self.options.drafts, &mut state.goals);
        let mut diags = state.loaded.findings();
        diags.extend(model_findings.clone());
        state.model_findings = model_findings;
        self.show(site, diags)
    }

    /// One goal file edited so that nothing but that goal changes in the model
    /// ([`Loaded::patch_goal`]): the kept site is patched and only that goal's files and its
    /// department's list pages are rendered. `None` (nothing done) when the edit is not of
    /// that kind, or the last rebuild failed (the kept site is then not the content's).
    fn patch_one(&mut self, edits: &[Edit]) -> Result<Option<RebuildReport>, Error> {
        let [edit] = edits else {
            return Ok(None);
        };
        let (Some(state), Some(plan)) = (self.state.as_mut(), self.plan.as_mut()) else {
            return Ok(None);
        };
        if self.diagnostics.has_errors() {
            return Ok(None);
        }
        let Some(rendered) = state.rendered.as_mut() else {
            return Ok(None);
        };
        // The findings stay the model's (the patch changes none), with the edited file's own.
        let mut diags = state.loaded.findings();
        diags.extend(state.model_findings.clone());
        if diags.has_errors() {
            return Ok(None);
        }
        let Some(patched) =
            state
                .loaded
                .patch_goal(&mut rendered.site, edit.path(), &mut state.goals)
        else {
            return Ok(None);
        };
        let changed = match render_patched(rendered, patched, plan) {
            Ok(changed) => changed,
            Err(e) => {
                // Half rendered: the next rebuild renders everything.
                state.rendered = None;
                return Err(e);
            }
        };
        self.diagnostics = diags;
        self.pending = true;
        self.generation += 1;
        Ok(Some(RebuildReport {
            changed_outputs: changed,
            failed: false,
            generation: self.generation,
            elapsed: Duration::ZERO,
            incremental: true,
            one_goal: true,
        }))
    }

    /// Brings the plan up to date with `site` (and `diags`, every finding of its load):
    /// only what changed when the site has the same frame as the last good one.
    fn show(&mut self, site: Site, diags: Diagnostics) -> Result<RebuildReport, Error> {
        let state = self.state.as_mut().expect("shown after a load");
        let failed = diags.has_errors();
        self.diagnostics = diags;
        if failed {
            return Ok(self.failed());
        }
        let mut incremental = false;
        let changed = match state.rendered.take() {
            Some(rendered) if same_frame(&rendered.site, &site) => {
                let plan = self.plan.as_mut().expect("a rendered site has a plan");
                let (rendered, changed) = render_changes(rendered, site, plan)?;
                state.rendered = Some(rendered);
                incremental = true;
                self.pending = true;
                changed
            }
            _ => {
                let (rendered, plan) = render_all(site, &self.options.root)?;
                state.rendered = Some(rendered);
                self.pending = false;
                let changed = changed_outputs(self.plan.as_ref(), &plan);
                self.plan = Some(plan);
                changed
            }
        };
        self.generation += 1;
        Ok(RebuildReport {
            changed_outputs: changed,
            failed: false,
            generation: self.generation,
            elapsed: Duration::ZERO,
            incremental,
            one_goal: false,
        })
    }

    /// Renders the site-wide pages an incremental rebuild left pending (nothing when none
    /// are), so the plan equals a full build again.
    pub fn catch_up(&mut self) -> Result<RebuildReport, Error> {
        let started = Instant::now();
        let mut report = RebuildReport {
            generation: self.generation,
            incremental: true,
            ..RebuildReport::default()
        };
        if let (true, Some(plan), Some(rendered)) = (
            self.pending,
            self.plan.as_mut(),
            self.state.as_ref().and_then(|s| s.rendered.as_ref()),
        ) {
            report.changed_outputs = render_site_wide(rendered, plan)?;
        }
        self.pending = false;
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Whether site-wide pages wait for [`Rebuilder::catch_up`].
    pub fn is_pending(&self) -> bool {
        self.pending
    }

    fn failed(&self) -> RebuildReport {
        RebuildReport {
            failed: true,
            generation: self.generation,
            ..RebuildReport::default()
        }
    }

    /// The path the site lives under on its server (`/hyoka/`, or `/`), from base_url of
    /// the last good build (`None` before one).
    pub fn base_path(&self) -> Option<&str> {
        let rendered = self.state.as_ref()?.rendered.as_ref()?;
        Some(rendered.site.config.base_path.as_str())
    }

    /// The last good plan (`None` until a build without errors).
    pub fn plan(&self) -> Option<&OutputPlan> {
        self.plan.as_ref()
    }

    /// Errors and warnings of the last rebuild.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// The options every rebuild uses.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }
}

/// Output paths whose bytes differ between two plans (added, changed or removed), sorted.
fn changed_outputs(old: Option<&OutputPlan>, new: &OutputPlan) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(path, bytes)| old.and_then(|o| o.get(path)) != Some(*bytes))
        .map(|(path, _)| path.to_string())
        .collect();
    if let Some(old) = old {
        changed.extend(
            old.paths()
                .filter(|p| new.get(p).is_none())
                .map(str::to_string),
        );
    }
    changed.sort();
    changed.dedup();
    changed
}
