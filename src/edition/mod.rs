//! 過去の版 (`[[editions]]` in config.toml): each listed git tag's content, read from the
//! repository's objects (no checkout: [`crate::content::files::TreeSource`]), goes through
//! the same load, model and pages as the current site ([`crate::load::load_edition`], the
//! pipeline) into `/archive/<tag>/` of the same output.
//!
//! An edition is built with today's theme and today's config.toml (title, base URL, grades,
//! plan …), except `as_of`, the year the edition reported, which comes from the edition's
//! own config.toml when it has one. It is a record of what was published: it is not
//! proofread, and what today's rules find wrong in it is one warning, not an error.
//!
//! A tag the repository does not have, a site outside git, or a shallow clone without the
//! tag's commit stop the build (errors at the `tag = …` line): the archive would otherwise
//! lose pages that earlier builds published, without anyone noticing.

use std::path::{Path, PathBuf};

use crate::config::{Config, Edition};
use crate::content::files::{Source, TreeSource};
use crate::diag::{Code, Diagnostic, Diagnostics, suggest};
use crate::error::Error;
use crate::model::Site;
use crate::model::edition::{Banner, EarlierEdition, Editions, archive_path};
use crate::model::fiscal_year::FiscalYear;
use crate::output::{Emit, FileWriter, WriteError};
use crate::timings::Timings;

/// One past edition, loaded.
pub(crate) struct Archived {
    /// Its tag (`r6`): the site goes to `/archive/<tag>/`.
    pub tag: String,
    /// The edition's site.
    pub site: Site,
}

/// Loads every edition `current`'s config.toml lists, from the repository holding `root`,
/// and links them with `current` (its goal pages' 過去の版, their banners). Findings:
/// errors for a tag that cannot be read, one warning per edition its content has problems.
pub(crate) fn load_editions(
    root: &Path,
    current: &mut Site,
    timings: &Timings,
) -> Result<(Vec<Archived>, Diagnostics), Error> {
    let mut diags = Diagnostics::new();
    let editions = current.config.editions.clone();
    if editions.is_empty() {
        return Ok((Vec::new(), diags));
    }
    let Some((repo, prefix)) = open(root) else {
        for edition in &editions {
            diags.push(
                at(
                    Code::EditionNoGit,
                    edition,
                    format!(
                        "[[editions]] の tag「{}」: サイトが git リポジトリの中にないため、過去の版を作れません",
                        edition.tag
                    ),
                )
                .with_help("過去の版はタグを付けたコミットから作ります。git で管理しているサイトのフォルダーで実行するか、[[editions]] を消してください"),
            );
        }
        return Ok((Vec::new(), diags));
    };
    let tags = tag_names(&repo);
    let mut archived = Vec::new();
    for edition in &editions {
        let Some(source) = tree_of(&repo, &prefix, edition, &tags, &mut diags) else {
            continue;
        };
        let config = edition_config(&current.config, edition, &source)?;
        let (site, found) = crate::load::load_edition(&source, &config, timings)?;
        let problems = found.error_count();
        if problems > 0 {
            diags.push(
                at(
                    Code::EditionContent,
                    edition,
                    format!(
                        "過去の版「{}」（タグ {}）の内容には、今の規則で {problems} 件の誤りがあります。過去の記録なので、そのまま作りました",
                        edition.label, edition.tag
                    ),
                )
                .with_help("過去の版は公開した時のままにします。直す必要はありません（hyoka check はその時のコミットで実行してください）"),
            );
        }
        archived.push(Archived {
            tag: edition.tag.clone(),
            site,
        });
    }
    link(current, &editions, &mut archived);
    Ok((archived, diags))
}

/// The repository holding `root` and the site folder's path inside it.
fn open(root: &Path) -> Option<(gix::Repository, PathBuf)> {
    let repo = gix::discover(root).ok()?;
    let prefix = crate::history::site_prefix(repo.workdir()?, root)?;
    Some((repo, prefix))
}

/// The repository's tag names, sorted (for もしかして).
fn tag_names(repo: &gix::Repository) -> Vec<String> {
    let Ok(refs) = repo.references() else {
        return Vec::new();
    };
    let Ok(tags) = refs.tags() else {
        return Vec::new();
    };
    let mut names: Vec<String> = tags
        .filter_map(Result::ok)
        .map(|r| r.name().shorten().to_string())
        .collect();
    names.sort();
    names
}

/// The site folder at the commit `edition`'s tag names; `None` with an error when there is
/// no such tag, its commit is not in the repository, or it has no site folder.
fn tree_of(
    repo: &gix::Repository,
    prefix: &Path,
    edition: &Edition,
    tags: &[String],
    diags: &mut Diagnostics,
) -> Option<Source> {
    let tag = &edition.tag;
    if !tags.iter().any(|t| t == tag) {
        let allowed: Vec<&str> = tags.iter().map(String::as_str).collect();
        let help = match suggest(tag, &allowed) {
            _ if repo.is_shallow().unwrap_or(false) => {
                "このリポジトリは履歴が途中までしかないコピー（shallow clone）で、タグも一部しかありません。git fetch --unshallow --tags で全部取ってください".into()
            }
            Some(near) => format!("もしかして: {near}"),
            None if tags.is_empty() => {
                "リポジトリにタグがありません。git tag r6 <コミット> でタグを付けてください（クローンしたなら git fetch --tags）".into()
            }
            None => format!("あるタグ: {}", allowed.join("、")),
        };
        diags.push(
            at(
                Code::EditionTag,
                edition,
                format!("[[editions]] の tag「{tag}」というタグはリポジトリにありません"),
            )
            .with_help(help),
        );
        return None;
    }
    let commit = repo
        .rev_parse_single(format!("refs/tags/{tag}^{{commit}}").as_str())
        .ok()
        .and_then(|id| repo.find_commit(id.detach()).ok());
    let Some(commit) = commit else {
        diags.push(
            at(
                Code::EditionTag,
                edition,
                format!("[[editions]] の tag「{tag}」のコミットがリポジトリにありません（履歴が途中までしかない shallow clone など）"),
            )
            .with_help("git fetch --unshallow --tags で履歴とタグを全部取ってください"),
        );
        return None;
    };
    match TreeSource::new(repo, &commit, prefix, tag) {
        Ok(Some(tree)) => Some(Source::Tree(Box::new(tree))),
        Ok(None) => {
            diags.push(
                at(
                    Code::EditionTag,
                    edition,
                    format!("[[editions]] の tag「{tag}」のコミットには、このサイトのフォルダーがありません"),
                )
                .with_help("サイトの内容（content/）があるコミットにタグを付けてください"),
            );
            None
        }
        Err(e) => {
            diags.push(
                at(
                    Code::EditionTag,
                    edition,
                    format!("[[editions]] の tag「{tag}」のコミットを読めません: {e}"),
                )
                .with_help("git fsck でリポジトリを確かめてください"),
            );
            None
        }
    }
}

/// The settings an edition is built with: today's, under `/archive/<tag>/`, with the
/// edition's own `as_of` when its config.toml has one that reads as a fiscal year.
fn edition_config(current: &Config, edition: &Edition, source: &Source) -> Result<Config, Error> {
    let mut config = current.clone();
    let under = archive_path(&edition.tag);
    config.base_url = format!("{}{under}", current.base_url);
    config.base_path = format!("{}{under}", current.base_path);
    config.editions = Vec::new();
    config.as_of = None;
    let path = Path::new("config.toml");
    if source.has_file(path)?
        && let Ok(decoded) = source.read_text(path)?
        && let Ok(table) = decoded.text.parse::<toml::Table>()
        && let Some(as_of) = table.get("as_of")
    {
        let written = match as_of {
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        config.as_of = FiscalYear::parse(&written).ok();
    }
    Ok(config)
}

/// Sets the links both ways: each current goal page gets the earlier editions that have
/// it; each edition gets its banner with the current pages it can link to.
fn link(current: &mut Site, editions: &[Edition], archived: &mut [Archived]) {
    let current_pages: std::collections::BTreeSet<String> =
        crate::render::page_paths(current).into_iter().collect();
    let mut earlier = std::collections::BTreeMap::<String, Vec<EarlierEdition>>::new();
    for a in archived.iter_mut() {
        let Some(edition) = editions.iter().find(|e| e.tag == a.tag) else {
            continue;
        };
        let pages: std::collections::BTreeSet<String> = a
            .site
            .goals()
            .map(|(_, g)| crate::model::goal_path(g))
            .collect();
        for (_, goal) in current.goals() {
            let path = crate::model::goal_path(goal);
            if pages.contains(&path) {
                earlier.entry(path).or_default().push(EarlierEdition {
                    label: edition.label.clone(),
                    tag: edition.tag.clone(),
                });
            }
        }
        a.site.editions = Editions::Archived(Banner {
            label: edition.label.clone(),
            year: a.site.as_of.map(FiscalYear::western),
            tag: edition.tag.clone(),
            current_pages: current_pages.clone(),
        });
    }
    current.editions = Editions::Current(earlier);
}

/// A finding at `edition`'s `tag = …` in config.toml.
fn at(code: Code, edition: &Edition, message: String) -> Diagnostic {
    let diagnostic = match code.severity() {
        crate::diag::Severity::Error => Diagnostic::error,
        _ => Diagnostic::warning,
    };
    diagnostic(
        code,
        Path::new("config.toml"),
        edition.line,
        edition.column,
        message,
    )
    .with_source_line(Some(edition.source_line.as_str()))
}

/// An [`Emit`] that puts every file under `/archive/<tag>/` of another.
pub(crate) struct Under<'a> {
    out: &'a dyn Emit,
    prefix: String,
}

impl<'a> Under<'a> {
    /// Files of the edition `tag` into `out`.
    pub(crate) fn new(out: &'a dyn Emit, tag: &str) -> Self {
        Under {
            out,
            prefix: archive_path(tag),
        }
    }
}

impl Emit for Under<'_> {
    fn emit(&self, path: String, bytes: Vec<u8>) -> Result<(), WriteError> {
        self.out.emit(format!("{}{path}", self.prefix), bytes)
    }

    fn stream(&self, path: String) -> Result<Box<dyn FileWriter + '_>, WriteError> {
        self.out.stream(format!("{}{path}", self.prefix))
    }
}
