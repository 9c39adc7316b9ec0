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
//!   page still opens). These are resolved as each page is made, in the rendering threads,
//!   and only one entry per target is kept (where it is first written, and how often):
//!   see `collect.rs`.
//!
//! Links out of the site are gathered for `hyoka check --external` ([`External`]).

mod collect;
mod html;
mod resolve;
mod source;

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

pub(crate) use collect::{LinkCollector, LinkIndex};
pub(crate) use resolve::Base;
pub(crate) use source::{BodyLinks, SourceLinks, body_links};

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
    // By target: the same link is written differently at each depth (`../css/a.css`), and
    // two targets may be one finding (`somu/x/#a` and `somu/x/index.html#a`).
    let mut broken: BTreeMap<String, TemplateLink> = BTreeMap::new();
    for (resolved, occurrence) in &index.internal {
        if from_bodies.contains(resolved) {
            continue;
        }
        if let Err(problem) = targets.lookup(resolved) {
            match broken.entry(targets.describe(&problem)) {
                Entry::Occupied(mut kept) => {
                    let kept = kept.get_mut();
                    if occurrence.order(&kept.first).is_lt() {
                        kept.problem = problem;
                    }
                    kept.first.merge(occurrence.clone());
                }
                Entry::Vacant(slot) => {
                    slot.insert(TemplateLink {
                        first: occurrence.clone(),
                        problem,
                    });
                }
            }
        }
    }
    let mut external: BTreeMap<&str, &collect::Occurrence> = BTreeMap::new();
    for (url, occurrence) in &index.external {
        if !external_in_bodies.contains(&percent_decode(url)) {
            external.insert(url, occurrence);
        }
    }
    for (what, TemplateLink { first, problem }) in broken {
        let mut help = format!(
            "位置は作られたページ {} の中です。テーマのテンプレート（サイトの templates/ の上書きを含む）でこのリンクを書いているところを直してください。{}",
            first.page,
            targets.hint(&problem)
        );
        if first.count > 1 {
            help += &format!(
                "（同じ行き先へのリンクがほか {} ページにあります）",
                first.count - 1
            );
        }
        let page = Path::new(&*first.page);
        let finding = match &problem {
            // The page opens, only not at the anchor: a warning, so an override written
            // before the page had that id still builds.
            Problem::Anchor(..) => Diagnostic::warning(
                Code::TemplateAnchor,
                page,
                first.line,
                first.column,
                format!(
                    "テンプレートが書いたリンク「{}」の位置 {what} がそのページにありません（ページは開きますが、その位置には移りません）",
                    first.href
                ),
            ),
            _ => Diagnostic::error(
                Code::TemplateLink,
                page,
                first.line,
                first.column,
                format!(
                    "テンプレートが書いたリンク「{}」の行き先 {what} がサイトにありません",
                    first.href
                ),
            ),
        };
        report.diagnostics.push(finding.with_help(help));
    }
    for (url, first) in external {
        let place = if first.count > 1 {
            format!(
                "テンプレート: {} ほか {} ページ",
                first.page,
                first.count - 1
            )
        } else {
            format!("テンプレート: {}", first.page)
        };
        report.external.push(External {
            url: url.to_string(),
            place,
        });
    }
    report
}

/// A broken link of the templates: the first place it is written (and on how many
/// pages), and what is wrong there.
struct TemplateLink {
    first: collect::Occurrence,
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
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else if self.index.has(path) {
            path.clone()
        } else {
            format!("{path}/index.html")
        };
        if !self.index.has(&file) {
            return Err(Problem::Missing(path.clone()));
        }
        let Some(fragment) = fragment else {
            return Ok(());
        };
        match self.index.ids(&file) {
            Some(ids) if !collect::has_id(ids, fragment) => {
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
            .map(|(f, _)| f.as_str())
            .take_while(|f| f.starts_with(stem))
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
                .keys()
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
            .map(|(f, _)| f)
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
            if self.index.has(&format!("{up}/index.html")) {
                return format!("/{up}/");
            }
        }
        "/".to_string()
    }

    /// A broken anchor's もしかして, or the page's headings.
    fn anchor_hint(&self, page: &str, fragment: &str) -> String {
        let Some(ids) = self.index.ids(page) else {
            return String::new();
        };
        // Sorted already.
        let mut ids: Vec<&str> = ids.iter().map(|id| &**id).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Emit, PathCollector};

    /// The findings for the pages `files` (path, HTML) noted in that order, with the
    /// folders `unchecked`: (code, page, line, column, message, help) of each.
    fn findings(files: &[(&str, &str)], unchecked: &[&str]) -> (Vec<[String; 4]>, Vec<External>) {
        let paths = PathCollector::default();
        let base = Base::new("https://example.jp/", "/");
        let collector = LinkCollector::new(&paths, base.clone())
            .unchecked_under(unchecked.iter().map(|u| u.to_string()).collect());
        for (path, html) in files {
            collector
                .emit(path.to_string(), html.as_bytes().to_vec())
                .unwrap();
        }
        let report = check(
            &collector.into_index(),
            &SourceLinks::default(),
            &base,
            Path::new("."),
        );
        let shown = report
            .diagnostics
            .iter()
            .map(|d| {
                [
                    d.code.to_string(),
                    d.location(),
                    d.message.clone(),
                    d.help.clone().unwrap_or_default(),
                ]
            })
            .collect();
        (shown, report.external)
    }

    #[test]
    fn a_broken_link_under_an_archive_folder_is_not_checked_but_one_in_the_site_is() {
        let (found, external) = findings(
            &[
                (
                    "archive/r6/index.html",
                    "<a href=\"nai/\">x</a><h2 id=\"h\"></h2><a href=\"https://old.example/\">",
                ),
                (
                    "index.html",
                    "<a href=\"archive/r6/#h\">r6</a>\n<a href=\"archive/r6/nai2/\">x</a>",
                ),
            ],
            &["archive/r6/"],
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0][0], "E-TEMPLATE-LINK");
        assert_eq!(found[0][1], "index.html:2:10");
        assert!(found[0][2].contains("/archive/r6/nai2/"), "{found:#?}");
        assert!(external.is_empty(), "{external:?}");
        // Without the archive unchecked, its own broken link is found too.
        let (found, _) = findings(
            &[
                ("archive/r6/index.html", "<a href=\"nai/\">x</a>"),
                ("index.html", ""),
            ],
            &[],
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0][1], "archive/r6/index.html:1:10");
    }

    #[test]
    fn each_broken_target_is_shown_at_its_first_page_with_the_count_of_the_others() {
        // Noted in any order: the home page comes first, the 404 page last, else by path.
        let (found, external) = findings(
            &[
                (
                    "404.html",
                    "<a href=\"/nai/\">x</a><a href=\"https://a.example/\">",
                ),
                (
                    "b/index.html",
                    "<a href=\"../nai/\">x</a><a href=\"https://a.example/\">",
                ),
                (
                    "a/index.html",
                    "\n<a href=\"../nai/\">x</a><a href=\"../nai\">y</a>",
                ),
                (
                    "index.html",
                    "<p><a href=\"https://a.example/\"></a><a href=\"https://b.example/\">",
                ),
            ],
            &[],
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        // `../nai` and `../nai/` are two targets; each first on a/index.html.
        assert_eq!(found[0][1], "a/index.html:2:33");
        assert!(
            found[0][2].contains("「../nai」の行き先 /nai "),
            "{found:#?}"
        );
        assert!(!found[0][3].contains("ほか"), "{found:#?}");
        assert_eq!(found[1][1], "a/index.html:2:10");
        assert!(
            found[1][2].contains("「../nai/」の行き先 /nai/ "),
            "{found:#?}"
        );
        assert!(found[1][3].contains("ほか 2 ページ"), "{found:#?}");
        let places: Vec<(&str, &str)> = external
            .iter()
            .map(|e| (e.url.as_str(), e.place.as_str()))
            .collect();
        assert_eq!(
            places,
            [
                (
                    "https://a.example/",
                    "テンプレート: index.html ほか 2 ページ"
                ),
                ("https://b.example/", "テンプレート: index.html"),
            ]
        );
    }

    #[test]
    fn anchors_of_a_page_whatever_the_link_names_it_by_are_one_finding() {
        let (found, _) = findings(
            &[
                ("index.html", "<a href=\"a/#nai\">x</a>"),
                (
                    "a/index.html",
                    "<a href=\"#nai\">x</a><a href=\"index.html#nai\">y</a><a href=\"#ok\"><h2 id=\"ok\">",
                ),
                (
                    "b/index.html",
                    "<a href=\"#Top\">x</a><a href=\"#\">x</a><a href=\"#nai\">",
                ),
            ],
            &[],
        );
        let shown: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f[0].as_str(), f[1].as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("W-TEMPLATE-ANCHOR", "index.html:1:10"),
                ("W-TEMPLATE-ANCHOR", "b/index.html:1:47"),
            ],
            "{found:#?}"
        );
        assert!(found[0][2].contains("/a/#nai"), "{found:#?}");
        assert!(
            found[0][3].contains("ほか 2 ページ") && found[0][3].contains("#ok"),
            "{found:#?}"
        );
        assert!(found[1][2].contains("/b/#nai"), "{found:#?}");
    }
}
