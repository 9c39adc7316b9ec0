//! Where a link goes, as a browser would take it from a page of the site: a file of the
//! site (path and anchor, percent-decoded), a place out of the site, or nothing to check.

/// The site's address (`https://example.jp/a/b/` and its path `/a/b/`).
#[derive(Debug, Clone)]
pub(crate) struct Base {
    url: String,
    path: String,
}

impl Base {
    /// From config's `base_url` and `base_path` (both ending in `/`).
    pub(crate) fn new(base_url: &str, base_path: &str) -> Self {
        Base {
            url: base_url.to_string(),
            path: base_path.to_string(),
        }
    }

    /// The base URL.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }
}

/// Who wrote the link: in Markdown a root-relative link means the site's own root (it is
/// written from the page); in a rendered page it means the server's root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Written {
    /// A Markdown body.
    Markdown,
    /// A rendered page (templates).
    Page,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Resolved {
    /// A place in the site: site-relative path (`somu/x/`, `files/plan.pdf`, `` for the
    /// root) and anchor, both percent-decoded.
    Internal {
        /// The path.
        path: String,
        /// The anchor, without `#`.
        fragment: Option<String>,
    },
    /// Out of the site (`https://…` elsewhere).
    External,
    /// A path of the server above the site's folder (`/other/`, `../../..`).
    Outside,
    /// Nothing to check (`mailto:`, `tel:`, an empty link).
    Ignored,
}

/// Resolves `href` on the page at site-relative output path `page` (`somu/x/index.html`).
pub(super) fn resolve(page: &str, href: &str, base: &Base, written: Written) -> Resolved {
    let href = href.trim();
    if href.is_empty() {
        return Resolved::Ignored;
    }
    let page_dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    let joined = if let Some(fragment) = href.strip_prefix('#') {
        return Resolved::Internal {
            path: page.to_string(),
            fragment: Some(percent_decode(fragment)).filter(|f| !f.is_empty()),
        };
    } else if let Some(scheme) = scheme(href) {
        match strip_base(href, &base.url) {
            Some(rest) => rest.to_string(),
            None if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => {
                return Resolved::External;
            }
            None => return Resolved::Ignored,
        }
    } else if href.starts_with("//") {
        let scheme = base.url.split(':').next().unwrap_or("https");
        match strip_base(&format!("{scheme}:{href}"), &base.url) {
            Some(rest) => rest.to_string(),
            None => return Resolved::External,
        }
    } else if let Some(rest) = href.strip_prefix('/') {
        match written {
            Written::Markdown => rest.to_string(),
            Written::Page => match strip_base(href, &base.path) {
                Some(rest) => rest.to_string(),
                None => return Resolved::Outside,
            },
        }
    } else {
        format!("{page_dir}{href}")
    };
    let (rest, fragment) = match joined.split_once('#') {
        Some((r, f)) => (r, Some(percent_decode(f)).filter(|f| !f.is_empty())),
        None => (joined.as_str(), None),
    };
    let rest = rest.split('?').next().unwrap_or("");
    match normalise(&percent_decode(rest)) {
        Some(path) => Resolved::Internal { path, fragment },
        None => Resolved::Outside,
    }
}

/// The scheme of an absolute URL (`https`, `mailto`).
fn scheme(href: &str) -> Option<&str> {
    let colon = href.find(':')?;
    let scheme = &href[..colon];
    let ok = scheme.chars().next()?.is_ascii_alphabetic()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then_some(scheme)
}

/// `href` after `base` (a URL or path ending in `/`; scheme and host compared without case),
/// or "" when `href` is `base` without its last `/`.
fn strip_base<'h>(href: &'h str, base: &str) -> Option<&'h str> {
    let host_end = base.find("://").map_or(0, |i| {
        i + 3 + base[i + 3..].find('/').unwrap_or(base.len() - i - 3)
    });
    if href.len() >= base.len()
        && href.is_char_boundary(base.len())
        && href[..host_end].eq_ignore_ascii_case(&base[..host_end])
        && href[host_end..base.len()] == base[host_end..]
    {
        return Some(&href[base.len()..]);
    }
    let bare = base.strip_suffix('/')?;
    let (head, tail) = href.split_at(href.find(['?', '#']).unwrap_or(href.len()));
    (head.len() == bare.len()
        && head[..host_end.min(head.len())].eq_ignore_ascii_case(&bare[..host_end.min(bare.len())])
        && head[host_end.min(head.len())..] == bare[host_end.min(bare.len())..])
        .then_some(tail)
}

/// `.` and `..` segments resolved; `None` above the root. Keeps a trailing `/`.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let last = path.rsplit('/').next().unwrap_or("");
    let dir = path.ends_with('/') || last == "." || last == "..";
    let mut out = parts.join("/");
    if dir && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// `%E6%9C%9F` → `期`; invalid escapes kept as written (and the text as written when the
/// bytes are not UTF-8).
pub(super) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map_or_else(|_| s.to_string(), |d| d.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn internal(path: &str, fragment: Option<&str>) -> Resolved {
        Resolved::Internal {
            path: path.to_string(),
            fragment: fragment.map(str::to_string),
        }
    }

    #[test]
    fn links_resolve_as_a_browser_takes_them() {
        let base = Base::new("https://example.jp/a/b/", "/a/b/");
        let page = "somu/x/index.html";
        let cases = [
            ("../", Written::Page, internal("somu/", None)),
            ("../../", Written::Page, internal("", None)),
            ("../../../", Written::Page, Resolved::Outside),
            ("data.csv", Written::Page, internal("somu/x/data.csv", None)),
            ("./", Written::Page, internal("somu/x/", None)),
            ("#期待", Written::Page, internal(page, Some("期待"))),
            (
                "#%E6%9C%9F%E5%BE%85",
                Written::Markdown,
                internal(page, Some("期待")),
            ),
            ("#", Written::Page, internal(page, None)),
            (
                "/a/b/files/p.pdf",
                Written::Page,
                internal("files/p.pdf", None),
            ),
            ("/a/b", Written::Page, internal("", None)),
            ("/files/p.pdf", Written::Page, Resolved::Outside),
            (
                "/files/p.pdf",
                Written::Markdown,
                internal("files/p.pdf", None),
            ),
            (
                "https://example.jp/a/b/somu/#top",
                Written::Markdown,
                internal("somu/", Some("top")),
            ),
            (
                "HTTPS://EXAMPLE.JP/a/b/somu/",
                Written::Page,
                internal("somu/", None),
            ),
            ("https://example.jp/a/b", Written::Page, internal("", None)),
            ("https://example.jp/a/c/", Written::Page, Resolved::External),
            (
                "//example.jp/a/b/somu/",
                Written::Page,
                internal("somu/", None),
            ),
            ("//cdn.example/x.js", Written::Page, Resolved::External),
            (
                "http://other.example/",
                Written::Markdown,
                Resolved::External,
            ),
            ("mailto:a@example.jp", Written::Markdown, Resolved::Ignored),
            ("tel:0492", Written::Page, Resolved::Ignored),
            (
                "%E8%A8%88%E7%94%BB.pdf?v=1",
                Written::Markdown,
                internal("somu/x/計画.pdf", None),
            ),
            (
                "../y/./data.csv",
                Written::Markdown,
                internal("somu/y/data.csv", None),
            ),
            ("..", Written::Markdown, internal("somu/", None)),
        ];
        for (href, written, want) in cases {
            assert_eq!(
                resolve(page, href, &base, written),
                want,
                "{href} ({written:?})"
            );
        }
    }

    #[test]
    fn at_the_server_root() {
        let base = Base::new("https://example.jp/", "/");
        assert_eq!(
            resolve("index.html", "/files/p.pdf", &base, Written::Page),
            internal("files/p.pdf", None)
        );
        assert_eq!(
            resolve("404.html", "/", &base, Written::Page),
            internal("", None)
        );
    }
}
