//! The only module that knows every stage: config → content → model → charts, pages and
//! open data → an in-memory [`OutputPlan`]. Nothing here writes to disk; `cmd::build` hands
//! the plan to `output::write`.

mod rebuild;

pub use rebuild::{RebuildReport, Rebuilder};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::model::{self, Site};
use crate::output::OutputPlan;
use crate::render::{self, GoalGraphics, theme::Theme};
use crate::{chart, export};
use crate::{check, content};

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

/// Reads config.toml and content/ and builds the model. Content problems come back as
/// diagnostics (with `None` for the site when config.toml itself is wrong).
pub fn load_site(options: &BuildOptions) -> Result<(Option<Site>, Diagnostics), Error> {
    load_site_with(options, &[])
}

/// [`load_site`] as if `extra` files (site-relative path, text) were already written: how
/// `hyoka import` checks its files before writing them.
pub fn load_site_with(
    options: &BuildOptions,
    extra: &[(PathBuf, String)],
) -> Result<(Option<Site>, Diagnostics), Error> {
    let config_path = options.root.join("config.toml");
    if !config_path.is_file() {
        return Err(Error::NoConfig(options.root.clone()));
    }
    let mut diags = Diagnostics::new();
    let Some(text) = content::read_source_text(&options.root, &config_path, &mut diags)? else {
        return Ok((None, diags));
    };
    let config = match Config::parse(&text, Path::new("config.toml")) {
        Ok(config) => config.with_overrides(options.base_url.as_deref()),
        Err(more) => {
            diags.extend(more);
            return Ok((None, diags));
        }
    };
    if !options.root.join("content").is_dir() && extra.is_empty() {
        diags.push(
            Diagnostic::error("E-NO-CONTENT", Path::new("content"), 0, 0, "content フォルダーがありません")
                .with_help("content/<課>/_index.md と content/<課>/<目標>.md を作ってください（hyoka init で雛形を作れます）"),
        );
        return Ok((None, diags));
    }
    let mut loaded = if options.root.join("content").is_dir() {
        content::load_content(&options.root, &mut diags)?
    } else {
        content::LoadedContent::default()
    };
    loaded.overlay(extra, &mut diags);
    let (site, more) = model::build::build_site(&loaded, &config, options.drafts);
    diags.extend(more);
    check::check_rule_config(&config, &mut diags);
    diags.extend(check::proofread_content(&loaded, &config));
    Ok((Some(site), diags))
}

/// Everything the site will contain, in memory.
pub fn plan_site(site: &Site, root: &Path) -> Result<OutputPlan, Error> {
    let theme = Theme::load(root, &site.config.theme)?;
    let graphics = draw_charts(site);
    let pages = render::render_site(site, &theme, &graphics)?;
    let mut plan = OutputPlan::new();
    for (path, bytes) in theme.static_files()? {
        plan.insert_or_replace(path, bytes)?;
    }
    for (path, bytes) in site_static_files(root)? {
        plan.insert_or_replace(path, bytes)?;
    }
    for (path, html) in pages {
        plan.add(path, html)?;
    }
    let data: Vec<(String, Vec<u8>)> = site
        .goals()
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|(dept, goal)| {
            let dir = model::goal_path(goal);
            [
                (format!("{dir}data.csv"), export::goal_csv(site, dept, goal)),
                (
                    format!("{dir}data.json"),
                    export::goal_json(site, dept, goal),
                ),
            ]
        })
        .collect();
    for (path, bytes) in data {
        plan.add(path, bytes)?;
    }
    plan.add("data/indicators.csv", export::indicators_csv(site))?;
    plan.add("data/indicators.json", export::indicators_json(site))?;
    plan.add(
        "sitemap.xml",
        export::sitemap(&site.config.base_url, &render::page_paths(site)),
    )?;
    Ok(plan)
}

/// Charts and sparklines for every goal, keyed by goal path, drawn in parallel.
fn draw_charts(site: &Site) -> BTreeMap<String, GoalGraphics> {
    site.goals()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|(_, goal)| {
            let path = model::goal_path(goal);
            let id = format!("chart-{}-{}", goal.department_slug, goal.slug);
            let chart = chart::goal_chart(&goal.indicator, &goal.evaluation, &id);
            let graphics = GoalGraphics {
                chart_svg: chart.svg,
                chart_title: chart.title,
                chart_description: chart.description,
                sparkline_svg: chart::sparkline(&goal.indicator, &goal.evaluation),
            };
            (path, graphics)
        })
        .collect()
}

/// `<root>/static/**`, copied as it is to the same paths in the output.
fn site_static_files(root: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let dir = root.join("static");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| Error::Io {
            path: e.path().map_or_else(|| dir.clone(), Path::to_path_buf),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("walk")),
        })?;
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let url: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let bytes = std::fs::read(entry.path()).map_err(|source| Error::Io {
            path: entry.path().to_path_buf(),
            source,
        })?;
        files.push((url.join("/"), bytes));
    }
    Ok(files)
}
