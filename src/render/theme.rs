//! Themes: the Tera templates and static files a site is rendered with.
//!
//! Templates come in layers, lowest first: the built-in default theme (embedded in the binary
//! from `themes/default/templates/`, so a site without a `themes/` folder still builds) <
//! `<root>/themes/<name>/templates/` < `<root>/templates/` (site overrides). A later layer
//! replaces a template of the same file name, so a site can override one partial such as
//! `footer.html` without copying whole pages. Static files layer the same way (built-in <
//! `<root>/themes/<name>/static/`); the site's own `static/` folder is the pipeline's job.
//!
//! This module reads files but never writes any; errors carry the template or file they are
//! about and say in Japanese how to fix them.

use std::collections::BTreeMap;
use std::error::Error as StdError;
use std::path::{Path, PathBuf};

use include_dir::{Dir, DirEntry, include_dir};
use tera::{ErrorKind, Tera};

use crate::fsio::{self, FsError};
use crate::render::assets::{AssetNames, is_hashed_asset};

/// The built-in default theme's templates: every file of `themes/default/templates/`, named
/// by its path there (a new template is built in without being listed anywhere).
static BUILTIN_TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default/templates");

/// The built-in default theme's static files: every file of `themes/default/static/`, at the
/// same path in the output.
static BUILTIN_STATIC: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default/static");

/// Where the built-in templates are said to come from in messages.
const BUILTIN_ORIGIN: &str = "組み込みの default テーマ";

/// A fatal rendering error: a missing theme, an unreadable file or a broken template.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// `config.toml` names a theme whose folder does not exist.
    #[error(
        "テーマ「{name}」が見つかりません（フォルダー {} がありません）。themes/{name}/templates/ を作るか、config.toml の theme を \"default\" にしてください",
        path.display()
    )]
    ThemeNotFound {
        /// The theme name from `config.toml`.
        name: String,
        /// The folder that was looked for.
        path: PathBuf,
    },
    /// A theme or template file could not be read.
    #[error("{} を読めません（{source}）", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A theme file is a FIFO, socket or device, or a template is too large.
    #[error(transparent)]
    File(FsError),
    /// A template could not be parsed (syntax error, missing parent …).
    #[error(
        "テンプレート {origin} に誤りがあります。テンプレートの書き方を直してください:\n{detail}"
    )]
    Template {
        /// Template name (`footer.html`).
        name: String,
        /// Where it came from (a file path, or the built-in theme).
        origin: String,
        /// Tera's message with its whole cause chain.
        detail: String,
    },
    /// A page could not be rendered with its template.
    #[error("ページ {page} をテンプレート {origin} で作れませんでした:\n{detail}")]
    Render {
        /// Output path of the page (`somu/index.html`).
        page: String,
        /// Template name (`department.html`).
        template: String,
        /// Where the template came from.
        origin: String,
        /// Tera's message with its whole cause chain.
        detail: String,
    },
}

/// A loaded theme: its templates, compiled, and where its static files are.
#[derive(Debug)]
pub(crate) struct Theme {
    tera: Tera,
    /// Template name → where it came from, for messages.
    origins: BTreeMap<String, String>,
    /// `<root>/themes/<name>/static/`, when it exists.
    static_dir: Option<PathBuf>,
    /// The published names of the css/js it ships (the site's `static/` copy when the site
    /// replaces one).
    assets: AssetNames,
}

impl Theme {
    /// Loads the theme `name` for the site at `site_root`, with the site's template overrides.
    /// A theme other than `default` must have a folder under `themes/`; template syntax
    /// errors are reported with the template's file.
    pub(crate) fn load(site_root: &Path, name: &str) -> Result<Theme, RenderError> {
        let mut sources: BTreeMap<String, (String, String)> = embedded_files(&BUILTIN_TEMPLATES)
            .into_iter()
            .map(|(n, bytes)| {
                let text = std::str::from_utf8(bytes).expect("built-in templates are UTF-8");
                let origin = format!("{n}（{BUILTIN_ORIGIN}）");
                (n, (origin, text.to_string()))
            })
            .collect();
        let theme_dir = site_root.join("themes").join(name);
        let theme_exists = theme_dir.is_dir();
        if !theme_exists && name != "default" {
            return Err(RenderError::ThemeNotFound {
                name: name.to_string(),
                path: theme_dir,
            });
        }
        if theme_exists {
            read_templates(&theme_dir.join("templates"), &mut sources)?;
        }
        read_templates(&site_root.join("templates"), &mut sources)?;
        let static_dir = Some(theme_dir.join("static")).filter(|d| d.is_dir());
        let origins = sources
            .iter()
            .map(|(n, (origin, _))| (n.clone(), origin.clone()))
            .collect();
        let mut tera = Tera::default();
        let templates = sources
            .iter()
            .map(|(n, (_, text))| (n.as_str(), text.as_str()));
        if let Err(e) = tera.add_raw_templates(templates) {
            let name = failing_template(&e).unwrap_or_default();
            let origin = sources
                .get(&name)
                .map_or_else(|| "（不明）".to_string(), |s| s.0.clone());
            return Err(RenderError::Template {
                name,
                origin,
                detail: error_chain(&e),
            });
        }
        let mut theme = Theme {
            tera,
            origins,
            static_dir,
            assets: AssetNames::default(),
        };
        theme.assets = theme.published_assets(&site_root.join("static"))?;
        Ok(theme)
    }

    /// The hashed names of the theme's css/js, hashing the bytes that will be published:
    /// the site's own copy in `site_static` when it has one.
    fn published_assets(&self, site_static: &Path) -> Result<AssetNames, RenderError> {
        let mut files = Vec::new();
        for (path, bytes) in self.static_files()? {
            if !is_hashed_asset(&path) {
                continue;
            }
            let own = site_static.join(&path);
            let bytes = if own.is_file() {
                std::fs::read(&own).map_err(|source| RenderError::Io { path: own, source })?
            } else {
                bytes
            };
            files.push((path, bytes));
        }
        Ok(AssetNames::of(
            files.iter().map(|(p, b)| (p.as_str(), b.as_slice())),
        ))
    }

    /// The names the theme's css/js are published under.
    pub(crate) fn assets(&self) -> &AssetNames {
        &self.assets
    }

    /// Static files: the built-in ones, replaced or completed by the theme's `static/` folder,
    /// as (site-relative output path, bytes), sorted by path.
    pub(crate) fn static_files(&self) -> Result<Vec<(String, Vec<u8>)>, RenderError> {
        let mut files: BTreeMap<String, Vec<u8>> = embedded_files(&BUILTIN_STATIC)
            .into_iter()
            .map(|(p, bytes)| (p, bytes.to_vec()))
            .collect();
        if let Some(dir) = &self.static_dir {
            for (rel, path) in fsio::walk_files(dir)? {
                files.insert(rel, fsio::read_file(&path, u64::MAX)?);
            }
        }
        Ok(files.into_iter().collect())
    }

    /// The text of one static file (`css/hyoka.css`) as the site will publish it, if any.
    pub(crate) fn static_text(&self, path: &str) -> Result<Option<String>, RenderError> {
        Ok(self
            .static_files()?
            .into_iter()
            .find(|(p, _)| p == path)
            .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned()))
    }

    #[cfg(test)] // used by unit tests only
    /// Template names and where each came from (built-in, theme or site), sorted by name.
    pub(crate) fn template_origins(&self) -> &BTreeMap<String, String> {
        &self.origins
    }

    /// Renders `template` for the page at output path `page` into `out`.
    pub(crate) fn render_to(
        &self,
        template: &str,
        page: &str,
        context: &tera::Context,
        out: &mut dyn std::io::Write,
    ) -> Result<(), RenderError> {
        // Tera writes many small pieces: buffered here, they reach `out` in large ones
        // instead of each through a virtual call.
        let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
        self.tera
            .render_to(template, context, &mut buffered)
            .map_err(|e| self.render_error(template, page, &e))?;
        std::io::Write::flush(&mut buffered)
            .map_err(|e| self.failure(template, page, e.to_string()))
    }

    fn render_error(&self, template: &str, page: &str, e: &tera::Error) -> RenderError {
        self.failure(template, page, error_chain(e))
    }

    /// Rendering `template` for `page` failed, as `detail` says.
    fn failure(&self, template: &str, page: &str, detail: String) -> RenderError {
        RenderError::Render {
            page: page.to_string(),
            template: template.to_string(),
            origin: self
                .origins
                .get(template)
                .cloned()
                .unwrap_or_else(|| template.to_string()),
            detail,
        }
    }
}

/// Adds every file under `dir` (if it exists) to `sources`, replacing same-named templates.
fn read_templates(
    dir: &Path,
    sources: &mut BTreeMap<String, (String, String)>,
) -> Result<(), RenderError> {
    if !dir.is_dir() {
        return Ok(());
    }
    for (name, path) in fsio::walk_files(dir)? {
        let bytes = fsio::read_file(&path, fsio::MAX_FILE_BYTES)?;
        let text = String::from_utf8(bytes).map_err(|e| RenderError::Io {
            path: path.clone(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        sources.insert(name, (path.display().to_string(), text));
    }
    Ok(())
}

/// Every file of an embedded folder, as the disk walk would find it there
/// ([`fsio::walk_files`]: names with `/`, hidden files left out), sorted by path.
fn embedded_files(dir: &'static Dir<'static>) -> Vec<(String, &'static [u8])> {
    let mut files = Vec::new();
    let mut folders = vec![dir];
    while let Some(folder) = folders.pop() {
        for entry in folder.entries() {
            match entry {
                DirEntry::Dir(inner) => folders.push(inner),
                DirEntry::File(file) => {
                    let path = file.path();
                    if path
                        .file_name()
                        .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
                    {
                        let names: Vec<String> = path
                            .components()
                            .map(|c| c.as_os_str().to_string_lossy().into_owned())
                            .collect();
                        files.push((names.join("/"), file.contents()));
                    }
                }
            }
        }
    }
    files.sort();
    files
}

impl From<FsError> for RenderError {
    fn from(e: FsError) -> Self {
        match e {
            FsError::Read { path, source } => RenderError::Io { path, source },
            other => RenderError::File(other),
        }
    }
}

/// The template a Tera error is about, when Tera says.
fn failing_template(e: &tera::Error) -> Option<String> {
    match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r.filename().to_string()),
        ErrorKind::MissingParent { current, .. } => Some(current.clone()),
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            Some(tpl.clone())
        }
        _ => None,
    }
}

/// An error's message followed by each of its causes, one per line.
pub(crate) fn error_chain(e: &dyn StdError) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str("\n原因: ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
