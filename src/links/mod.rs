//! The offline link check of `hyoka check` and `hyoka build`: every link that points into
//! the site must reach a file of the site's output and, with an anchor, an `id` of that
//! page. No network: the site's URL set is the output itself, as it is made ([`LinkCollector`]
//! in front of the build's staged folder, or of `check`'s paths-only collector).
//!
//! Two kinds of link, two kinds of finding:
//! - the links of Markdown bodies ([`SourceLinks`], from the model), reported at their file,
//!   line and column as written (`E-LINK`, `E-LINK-ANCHOR`); a root-relative `/files/a.pdf`
//!   there means the site's own root;
//! - every other `href`/`src` of the rendered pages, i.e. what templates write (the theme's
//!   and a webmaster's overrides), reported once per target at the first page that has it
//!   (`E-TEMPLATE-LINK`; a missing anchor of a page that exists is `W-TEMPLATE-ANCHOR`: the
//!   page still opens).
//!
//! Links out of the site are gathered for `hyoka check --external` ([`External`]).

mod collect;
mod html;
mod resolve;
mod source;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

pub(crate) use collect::{LinkCollector, LinkIndex};
pub(crate) use resolve::Base;
pub(crate) use source::SourceLinks;

use crate::diag::{Code, Diagnostic, Diagnostics, suggest};
use resolve::{Resolved, Written, percent_decode, resolve};

/// A link out of the site, for the webmaster to check elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct External {
    /// The URL as written.
    pub url: String,
    /// Where: `content/somu/x.md:12:5`, or the first page a template writes it on and on
    /// how many pages.
    pub place: String,
}

/// What the check found.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Broken links.
    pub diagnostics: Diagnostics,
    /// Links out of the site, in source order, then the templates' by URL.
    pub external: Vec<External>,
}

/// Why a link does not hold.
#[derive(Debug, Clone)]
enum Problem {
    /// No such file (site-relative path).
    Missing(String),
    /// The page has no such id: (the page's output path, the anchor).
    Anchor(String, String),
    /// Above the site's folder.
    Outside,
}

/// Checks every link of the site's output `index`; `sources` are the Markdown bodies'
/// links, whose files are read again from `root` to show where a broken one is.
pub(crate) fn check(index: &LinkIndex, sources: &SourceLinks, base: &Base, root: &Path) -> Report {
    let mut report = Report::default();
    let targets = Targets::new(index);
    // What the bodies link to: the rendered pages hold these links too (the goal's page, and
    // the booklet, which repeats every body), checked and listed once, at the body.
    let mut from_bodies: HashSet<Resolved> = HashSet::new();
    let mut external_in_bodies: HashSet<String> = HashSet::new();
    for body in &sources.0 {
        for link in &body.links {
            let resolved = resolve(&body.page, &link.url, base, Written::Markdown);
            let place = || source::locate(root, &body.source, &body.body, link.offset);
            match &resolved {
                Resolved::External => {
                    let (line, col, _) = place();
                    report.external.push(External {
                        url: link.url.clone(),
                        place: format!("{}:{line}:{col}", body.source.display()),
                    });
                    external_in_bodies.insert(percent_decode(&link.url));
                    continue;
                }
                Resolved::Ignored => continue,
                _ => {}
            }
            if let Err(problem) = targets.lookup(&resolved) {
                let (line, col, shown) = place();
                let d = body_finding(&problem, &link.url, &body.source, line, col, &targets, base);
                report
                    .diagnostics
                    .push(d.with_source_line(shown.as_deref()));
            }
            from_bodies.insert(resolved);
        }
    }

    // The templates' links: the first page with each broken one, and on how many pages.
    // By target: the same link is written differently at each depth (`../css/a.css`).
    let mut broken: BTreeMap<String, TemplateLink> = BTreeMap::new();
    let mut external: BTreeMap<String, (String, usize)> = BTreeMap::new();
    // The home page first and the 404 page last: the first page with a broken link is
    // where it is shown, and the 404 page writes its links from the server's root.
    let mut pages: Vec<(&String, &html::PageLinks)> = index.pages.iter().collect();
    pages.sort_by_key(|(page, _)| (page.as_str() != "index.html", page.as_str() == "404.html"));
    for (page, links) in pages {
        for link in &links.links {
            let resolved = resolve(page, &link.href, base, Written::Page);
            match &resolved {
                Resolved::Ignored => continue,
                Resolved::External => {
                    if !external_in_bodies.contains(&percent_decode(&link.href)) {
                        let e = external
                            .entry(link.href.clone())
                            .or_insert_with(|| (page.clone(), 0));
                        e.1 += 1;
                    }
                    continue;
                }
                _ => {}
            }
            if from_bodies.contains(&resolved) {
                continue;
            }
            if let Err(problem) = targets.lookup(&resolved) {
                let e = broken
                    .entry(targets.describe(&problem))
                    .or_insert_with(|| TemplateLink {
                        href: link.href.clone(),
                        page: page.clone(),
                        line: link.line,
                        column: link.column,
                        pages: 0,
                        problem,
                    });
                e.pages += 1;
            }
        }
    }
    for (what, link) in broken {
        let mut help = format!(
            "位置は作られたページ {} の中です。テーマのテンプレート（サイトの templates/ の上書きを含む）でこのリンクを書いているところを直してください。{}",
            link.page,
            targets.hint(&link.problem)
        );
        if link.pages > 1 {
            help += &format!(
                "（同じ行き先へのリンクがほか {} ページにあります）",
                link.pages - 1
            );
        }
        let page = Path::new(&link.page);
        let finding = match &link.problem {
            // The page opens, only not at the anchor: a warning, so an override written
            // before the page had that id still builds.
            Problem::Anchor(..) => Diagnostic::warning(
                Code::TemplateAnchor,
                page,
                link.line,
                link.column,
                format!(
                    "テンプレートが書いたリンク「{}」の位置 {what} がそのページにありません（ページは開きますが、その位置には移りません）",
                    link.href
                ),
            ),
            _ => Diagnostic::error(
                Code::TemplateLink,
                page,
                link.line,
                link.column,
                format!(
                    "テンプレートが書いたリンク「{}」の行き先 {what} がサイトにありません",
                    link.href
                ),
            ),
        };
        report.diagnostics.push(finding.with_help(help));
    }
    for (url, (page, pages)) in external {
        let place = if pages > 1 {
            format!("テンプレート: {page} ほか {} ページ", pages - 1)
        } else {
            format!("テンプレート: {page}")
        };
        report.external.push(External { url, place });
    }
    report
}

/// A broken link of the templates: the first page that has it, and on how many pages.
struct TemplateLink {
    href: String,
    page: String,
    line: usize,
    column: usize,
    pages: usize,
    problem: Problem,
}

/// A broken body link's finding.
fn body_finding(
    problem: &Problem,
    url: &str,
    source: &Path,
    line: usize,
    col: usize,
    targets: &Targets,
    base: &Base,
) -> Diagnostic {
    match problem {
        Problem::Missing(path) => Diagnostic::error(
            Code::Link,
            source,
            line,
            col,
            format!("リンク「{url}」の行き先 /{path} はサイトにありません"),
        )
        .with_help(format!(
            "もしかして「{}」。リンク先を直すか、ファイルをサイトの static/ に置いてください（/ で始まるリンクはサイトの一番上から数えます）",
            targets.nearest(path)
        )),
        Problem::Anchor(page, fragment) => Diagnostic::error(
            Code::LinkAnchor,
            source,
            line,
            col,
            format!(
                "リンク「{url}」の見出し「#{fragment}」が {} にありません",
                page_url(page)
            ),
        )
        .with_help(targets.anchor_hint(page, fragment)),
        Problem::Outside => Diagnostic::error(
            Code::Link,
            source,
            line,
            col,
            format!(
                "リンク「{url}」はサイト（{}）の外を指しています",
                base.url()
            ),
        )
        .with_help(
            "サイトの中へは相対パスか / で始まるパス（サイトの一番上から）で、サイトの外へは https:// から書いてください",
        ),
    }
}

/// `somu/x/index.html` → `/somu/x/`.
fn page_url(file: &str) -> String {
    format!("/{}", file.strip_suffix("index.html").unwrap_or(file))
}

/// The site's files and anchors, with what suggestions need.
struct Targets<'i> {
    index: &'i LinkIndex,
    /// Every file as a link would name it (`somu/x/` for `somu/x/index.html`).
    urls: std::sync::OnceLock<Vec<String>>,
}

impl<'i> Targets<'i> {
    fn new(index: &'i LinkIndex) -> Self {
        Targets {
            index,
            urls: std::sync::OnceLock::new(),
        }
    }

    /// Whether an internal link holds.
    fn lookup(&self, resolved: &Resolved) -> Result<(), Problem> {
        let (path, fragment) = match resolved {
            Resolved::Internal { path, fragment } => (path, fragment),
            Resolved::Outside => return Err(Problem::Outside),
            Resolved::External | Resolved::Ignored => return Ok(()),
        };
        let files = &self.index.files;
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else if files.contains(path) {
            path.clone()
        } else {
            format!("{path}/index.html")
        };
        if !files.contains(&file) {
            return Err(Problem::Missing(path.clone()));
        }
        let Some(fragment) = fragment else {
            return Ok(());
        };
        match self.index.pages.get(&file) {
            Some(page) if !page.ids.contains(fragment) && !fragment.eq_ignore_ascii_case("top") => {
                Err(Problem::Anchor(file, fragment.clone()))
            }
            _ => Ok(()),
        }
    }

    /// A problem in words, for a template's finding.
    fn describe(&self, problem: &Problem) -> String {
        match problem {
            Problem::Missing(path) => format!("/{path}"),
            Problem::Anchor(page, fragment) => format!("{}#{fragment}", page_url(page)),
            Problem::Outside => "（サイトの外）".to_string(),
        }
    }

    /// The template finding's もしかして.
    fn hint(&self, problem: &Problem) -> String {
        match problem {
            Problem::Missing(path) => match self.hashed(path) {
                Some(hashed) => format!(
                    "css・js はファイル名に内容のハッシュが付きます（{hashed}）。テンプレートには {{{{ root }}}}{{{{ site.assets[\"{path}\"] }}}} と書いてください"
                ),
                None => format!(
                    "もしかして「{}」（テンプレートでは {{{{ root }}}} に続けてサイトの一番上からのパスを書きます）",
                    self.nearest(path)
                ),
            },
            Problem::Anchor(page, fragment) => self.anchor_hint(page, fragment),
            Problem::Outside => {
                "サイトの中へは {{ root }} に続けてサイトの一番上からのパスを書きます".to_string()
            }
        }
    }

    /// The published, content-hashed name of `css/hyoka.css` (`css/hyoka.3f2a9c1e.css`).
    fn hashed(&self, path: &str) -> Option<&str> {
        let (stem, ext) = path.rsplit_once('.')?;
        self.index
            .files
            .range(format!("{stem}.")..)
            .take_while(|f| f.starts_with(stem))
            .map(String::as_str)
            .find(|f| {
                f.strip_prefix(stem)
                    .and_then(|r| r.strip_prefix('.'))
                    .and_then(|r| r.strip_suffix(ext))
                    .and_then(|r| r.strip_suffix('.'))
                    .is_some_and(|h| h.len() == 8 && h.chars().all(|c| c.is_ascii_hexdigit()))
            })
    }

    /// The existing target nearest `path`, as a root-relative link: its content-hashed
    /// name, a near spelling, or else the closest folder above it that is a page.
    fn nearest(&self, path: &str) -> String {
        if let Some(hashed) = self.hashed(path) {
            return format!("/{hashed}");
        }
        let urls = self.urls.get_or_init(|| {
            self.index
                .files
                .iter()
                .map(|f| f.strip_suffix("index.html").unwrap_or(f).to_string())
                .collect()
        });
        let names: Vec<&str> = urls.iter().map(String::as_str).collect();
        let with_slash = format!("{}/", path.trim_end_matches('/'));
        if let Some(near) = suggest(path, &names).or_else(|| suggest(&with_slash, &names)) {
            return format!("/{near}");
        }
        // A file of the same folder, the nearest in spelling.
        let (dir, name) = path.rsplit_once('/').map_or(("", path), |(d, n)| (d, n));
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let sibling = self
            .index
            .files
            .range(prefix.clone()..)
            .take_while(|f| f.starts_with(&prefix))
            .filter_map(|f| {
                let rest = &f[prefix.len()..];
                (!rest.contains('/') && !name.is_empty() && !prefix.is_empty())
                    .then(|| (strsim::levenshtein(name, rest), f))
            })
            .min();
        if let Some((_, f)) = sibling {
            return format!("/{f}");
        }
        let mut up = path.trim_end_matches('/');
        while let Some(i) = up.rfind('/') {
            up = &up[..i];
            if self.index.files.contains(&format!("{up}/index.html")) {
                return format!("/{up}/");
            }
        }
        "/".to_string()
    }

    /// A broken anchor's もしかして, or the page's headings.
    fn anchor_hint(&self, page: &str, fragment: &str) -> String {
        let Some(links) = self.index.pages.get(page) else {
            return String::new();
        };
        let mut ids: Vec<&str> = links.ids.iter().map(String::as_str).collect();
        ids.sort_unstable();
        if let Some(near) = suggest(fragment, &ids) {
            return format!(
                "もしかして「#{near}」。見出しへのリンクは # に見出しの文字をそのまま続けます（空白は -）"
            );
        }
        // Headings in Japanese first: those are the ones a body's author links to.
        ids.sort_by_key(|id| id.is_ascii());
        let shown: Vec<String> = ids.iter().take(6).map(|id| format!("#{id}")).collect();
        format!(
            "そのページにある見出し・位置: {}。見出しへのリンクは # に見出しの文字をそのまま続けます（空白は -）",
            shown.join("、")
        )
    }
}
