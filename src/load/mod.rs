//! Loading, the one way in: config.toml and `content/` (plus, for `hyoka import`, an
//! overlay of files not yet written) → a [`Loaded`] site: the settings, the content, every
//! finding by where it came from, and the proofreading rules in force. Content is read one
//! part at a time (the home page, then each department folder in name order); each part is
//! proofread and added to the model while it is the only one in memory, and kept only when
//! asked ([`Keep`]), so a one-off build never holds more than one department's documents.
//! `hyoka serve` keeps the content and brings it up to date file by file ([`Loaded::edit`]).

mod edits;

pub(crate) use edits::{Edit, content_edits};

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::config::{Config, Overrides};
use crate::content::{self, LoadedContent};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::error::Error;
use crate::history;
use crate::model::history::History;
use crate::model::validate::{self, GoalCache, SiteBuilder};
use crate::model::{Goal, Site};
use crate::prose::{self, Rules};
use crate::timings::{Stage, Timings};

use crate::content::files::Source;

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding config.toml and content/).
    pub root: PathBuf,
    /// Overrides config.toml's base_url.
    pub base_url: Option<String>,
    /// Keep goals with `draft: true`.
    pub drafts: bool,
}

/// What a load keeps of the content once each part is modelled and proofread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Nothing: only the model (`build`, `check`, `import`).
    Model,
    /// Everything, for edits to come (`serve`).
    Content,
}

/// A site's files as read and checked.
#[derive(Debug)]
pub struct Loaded {
    /// config.toml with the command line's overrides.
    pub config: Config,
    /// The content, when kept ([`Keep::Content`]); empty otherwise.
    pub content: LoadedContent,
    /// The proofreading rules config.toml leaves on.
    pub rules: Rules,
    /// The goals' history from git, read once per load ([`crate::history::read`]) and
    /// again after an edit only when HEAD moved.
    pub history: History,
    findings: Findings,
}

/// A load's findings by where they come from, so that an edit can replace a file's own.
#[derive(Debug, Default)]
struct Findings {
    /// config.toml and its `[proofreading]` table.
    config: Diagnostics,
    /// Walking `content/`, reading and parsing its files.
    files: Diagnostics,
    /// Proofreading every document.
    proofreading: Diagnostics,
}

/// A site read and modelled.
#[derive(Debug)]
pub struct Load {
    /// The files as read, with the load's findings.
    pub loaded: Loaded,
    /// The model, goals evaluated.
    pub site: Site,
    /// The model's own findings (validation of every key, clashing URLs).
    pub model_findings: Diagnostics,
}

/// Reads config.toml, then `content/` with `overlay` (site-relative path, text: files as if
/// already written, replacing any with the same path) one part at a time, each proofread
/// and modelled (goals from `goals` where unchanged) as it is read, and kept as `keep`
/// says. `Err` holds the findings when config.toml is refused (or there is no `content/`
/// and no overlay): then there is no site. Stage times are added to `timings`.
pub fn load(
    options: &BuildOptions,
    overlay: &[(PathBuf, String)],
    keep: Keep,
    goals: &mut GoalCache,
    timings: &Timings,
) -> Result<Result<Load, Diagnostics>, Error> {
    let mut findings = Findings::default();
    let Some(config) = read_config(options, !overlay.is_empty(), &mut findings.config)? else {
        return Ok(Err(findings.config));
    };
    prose::check_rule_config(&config, &mut findings.config);
    let rules = Rules::new(&config);
    let root = &options.root;
    let history = timings.time(Stage::Load, || history::read(root));
    let source = Source::Disk(root.clone());
    let overlay = by_part(overlay);
    let mut content = LoadedContent::default();
    let mut proofreading = Diagnostics::new();
    let (mut site, model_findings) = model_parts(
        &source,
        &config,
        options.drafts,
        &overlay,
        goals,
        &mut findings.files,
        timings,
        |part| {
            let found = timings.time(Stage::Proofread, || rules.proofread_where(&part, |_| true));
            proofreading.extend(found);
            if keep == Keep::Content {
                content.home = content.home.take().or(part.home);
                content.departments.extend(part.departments);
            }
        },
    )?;
    findings.proofreading = proofreading;
    history::attach(&mut site, &history);
    let loaded = Loaded {
        config,
        content,
        rules,
        history,
        findings,
    };
    Ok(Ok(Load {
        loaded,
        site,
        model_findings,
    }))
}

/// The content of `source` read one part at a time (with `overlay`'s files), each part
/// modelled (goals from `goals` where unchanged) and then handed to `each`; the file
/// findings go to `files`. The one way from files to a [`Site`], for the site on the disk
/// and for a past edition in a commit ([`load_edition`]).
#[allow(clippy::too_many_arguments)]
fn model_parts(
    source: &Source,
    config: &Config,
    drafts: bool,
    overlay: &BTreeMap<Option<String>, Vec<(PathBuf, String)>>,
    goals: &mut GoalCache,
    files: &mut Diagnostics,
    timings: &Timings,
    mut each: impl FnMut(LoadedContent),
) -> Result<(Site, Diagnostics), Error> {
    let mut scan = content::scan_source(source, files)?;
    for folder in overlay.keys().flatten() {
        scan.add_department(folder);
    }
    let mut builder = SiteBuilder::new(config, drafts);
    for part in scan.into_parts() {
        let written = overlay.get(&part.folder().map(str::to_string));
        let mut part = part.read_from(source, files, timings)?;
        if let Some(written) = written {
            part.overlay(written, files);
        }
        timings.time(Stage::Evaluate, || builder.add(&part, goals));
        each(part);
    }
    Ok(timings.time(Stage::Evaluate, || builder.finish()))
}

/// A past edition's site: the content of `source` (a commit's tree) modelled with
/// `config`, and every finding of its files and its model. It is not proofread, and it
/// has no history of its own: it is a record of what was published.
pub(crate) fn load_edition(
    source: &Source,
    config: &Config,
    timings: &Timings,
) -> Result<(Site, Diagnostics), Error> {
    let mut findings = Diagnostics::new();
    let (site, model) = model_parts(
        source,
        config,
        false,
        &BTreeMap::new(),
        &mut GoalCache::default(),
        &mut findings,
        timings,
        drop,
    )?;
    findings.extend(model);
    Ok((site, findings))
}

/// [`load`] for a one-off run, keeping only the model: the site (`None` when config.toml is
/// refused) and every finding.
pub fn load_site(
    options: &BuildOptions,
    overlay: &[(PathBuf, String)],
    timings: &Timings,
) -> Result<(Option<Site>, Diagnostics), Error> {
    load_site_with(options, overlay, GoalCache::default(), timings)
}

/// [`load_site`] for `hyoka build`, which makes each page once: the goals' bodies are left
/// in their files ([`crate::model::Goal::body_on_disk`]) and read again as the pages are
/// made, so the model holds no body.
pub(crate) fn load_site_for_build(
    options: &BuildOptions,
    timings: &Timings,
) -> Result<(Option<Site>, Diagnostics), Error> {
    load_site_with(options, &[], GoalCache::bodies_on_disk(), timings)
}

fn load_site_with(
    options: &BuildOptions,
    overlay: &[(PathBuf, String)],
    mut goals: GoalCache,
    timings: &Timings,
) -> Result<(Option<Site>, Diagnostics), Error> {
    Ok(
        match load(options, overlay, Keep::Model, &mut goals, timings)? {
            Ok(Load {
                loaded,
                site,
                model_findings,
            }) => {
                let mut diags = loaded.into_findings();
                diags.extend(model_findings);
                (Some(site), diags)
            }
            Err(diags) => (None, diags),
        },
    )
}

/// The body of `goal`, which a build left in its file ([`crate::model::Goal::body_on_disk`]
/// has its digest): read again under `root` as a load reads it (decoded, front matter split
/// off), and refused when it is not the text that was checked (saved again meanwhile).
pub(crate) fn read_goal_body(root: &Path, goal: &Goal, digest: u64) -> Result<String, Error> {
    // Its findings were reported when it was loaded.
    let mut again = Diagnostics::new();
    content::read_source_text(root, &root.join(&goal.source), &mut again)
        .ok()
        .flatten()
        .and_then(|text| {
            content::front_matter::split(&text)
                .ok()
                .map(|split| split.body.to_string())
        })
        .filter(|body| crate::model::goal::body_digest(body) == digest)
        .ok_or_else(|| Error::ChangedDuringBuild(goal.source.clone()))
}

impl Loaded {
    /// The load's findings so far: config.toml's, the content files', the proofreading's.
    pub fn findings(&self) -> Diagnostics {
        let Findings {
            config,
            files,
            proofreading,
        } = &self.findings;
        let mut all = config.clone();
        all.extend(files.clone());
        all.extend(proofreading.clone());
        all
    }

    /// [`Loaded::findings`], taken.
    pub fn into_findings(self) -> Diagnostics {
        let Findings {
            mut config,
            files,
            proofreading,
        } = self.findings;
        config.extend(files);
        config.extend(proofreading);
        config
    }

    /// Reads the edited files again into the kept content (`root` is the site folder), in
    /// place of their findings; proofreads them again, and a department's goals with its
    /// `_index.md` (a department's facts are compared with each of its goals).
    pub fn edit(&mut self, root: &Path, edits: &[Edit]) -> Result<(), Error> {
        let mut reproofread: HashSet<PathBuf> = HashSet::new();
        for edit in edits {
            self.findings.files.retain(|d| d.path != edit.path());
            edit.apply(root, &mut self.content, &mut self.findings.files)?;
            reproofread.insert(edit.path().to_path_buf());
            if let Some(dept) = edit.department_index_of(&self.content) {
                reproofread.extend(dept.goals.iter().map(|g| g.source.path.clone()));
            }
        }
        self.findings
            .proofreading
            .retain(|d| !reproofread.contains(&d.path));
        let found = self
            .rules
            .proofread_where(&self.content, |doc| reproofread.contains(&doc.source.path));
        self.findings.proofreading.extend(found);
        // A commit made while serving: the history is read again (only then).
        if let Some(read) = self.history.read()
            && history::head_of(root).as_deref() != Some(read.head.as_str())
        {
            self.history = history::read(root);
        }
        Ok(())
    }

    /// The model of the kept content, as it stands after edits (goals from `goals` where
    /// their files did not change; goals of files no longer there are forgotten), with the
    /// model's findings.
    pub fn model(&self, drafts: bool, goals: &mut GoalCache) -> (Site, Diagnostics) {
        goals.retain_files_of(&self.content);
        let mut builder = SiteBuilder::new(&self.config, drafts);
        builder.add(&self.content, goals);
        let (mut site, findings) = builder.finish();
        history::attach(&mut site, &self.history);
        (site, findings)
    }

    /// [`Loaded::model`] for one edited goal file `rel` (site-relative), by patching `site`
    /// (the model of the content before this edit) in place, when that gives the same
    /// model ([`validate::patch_goal`]); `None`, with `site` untouched, when it does not.
    pub fn patch_goal(
        &self,
        site: &mut Site,
        rel: &Path,
        goals: &mut GoalCache,
    ) -> Option<validate::Patched> {
        // A commit made while serving changes every goal's history.
        if site.history != self.history {
            return None;
        }
        let patched = validate::patch_goal(site, &self.content, goals, rel)?;
        let goal = &mut site.departments[patched.department].goals[patched.goal];
        history::attach_goal(goal, &self.history);
        Some(patched)
    }
}

/// The overlay's files by the part they belong to: `None` for the home page
/// (`content/_index.md`), else the department folder's name.
fn by_part(overlay: &[(PathBuf, String)]) -> BTreeMap<Option<String>, Vec<(PathBuf, String)>> {
    let mut parts: BTreeMap<Option<String>, Vec<(PathBuf, String)>> = BTreeMap::new();
    for (path, text) in overlay {
        let folder = path
            .parent()
            .filter(|p| *p != Path::new("content"))
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned());
        parts
            .entry(folder)
            .or_default()
            .push((path.clone(), text.clone()));
    }
    parts
}

/// config.toml with the command line's overrides; `None` (with findings) when it is wrong
/// or there is no content/ folder (fine when `extra_content` files will be added).
fn read_config(
    options: &BuildOptions,
    extra_content: bool,
    diags: &mut Diagnostics,
) -> Result<Option<Config>, Error> {
    let config_path = options.root.join("config.toml");
    if !config_path.is_file() {
        return Err(Error::NoConfig(options.root.clone()));
    }
    let Some(text) = content::read_source_text(&options.root, &config_path, diags)? else {
        return Ok(None);
    };
    let overrides = Overrides {
        base_url: options.base_url.clone(),
    };
    let config = match Config::parse_with(&text, Path::new("config.toml"), &overrides) {
        Ok(config) => config,
        Err(more) => {
            diags.extend(more);
            return Ok(None);
        }
    };
    if !options.root.join("content").is_dir() && !extra_content {
        diags.push(
            Diagnostic::error(Code::NoContent, Path::new("content"), 0, 0, "content フォルダーがありません")
                .with_help("content/<課>/_index.md と content/<課>/<目標>.md を作ってください（hyoka init で雛形を作れます）"),
        );
        return Ok(None);
    }
    Ok(Some(config))
}

#[cfg(test)]
mod tests;
