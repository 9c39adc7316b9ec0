//! The booklet (冊子) at `report/`: every department and goal of the site on one page, for
//! printing on A4 or to PDF (`hyoka build --pdf`).
//!
//! Each goal's part is the goal page's own markup (`report_goal.html` includes
//! `goal_content.html`, which `goal.html` includes too), rendered beside the goal page in
//! the goal page's context ([`super::Renderer::goal`] keeps it with the goal's card). So it
//! can live on one page with all the others, [`Booklet::section`] then rewrites that markup:
//! its ids get the goal's own prefix (`g1-2-`, the goal numbered 1-2), with every reference
//! to them, and its links, written relative to the goal page, point from `report/`: to the
//! goal or department in the booklet when it is there (printed as its number, `→1-2`),
//! otherwise to the page of the site (printed as its full URL from `base_url`).
//!
//! Numbering is the site's order and does not depend on printed pages: department `1`,
//! its goals `1-1`, `1-2` …
//!
//! Everything of the booklet is here, so a later cap on its size has one place to go: at
//! 10,000 goals the page is the size of all goal pages together.

use std::collections::HashMap;

use serde::Serialize;
use tera::Value;

use crate::model::{FiscalYear, Site, department_path, goal_path};

use super::view::StatusView;

/// Site-relative URL path of the booklet.
pub(crate) const REPORT_PAGE_PATH: &str = "report/";

/// The booklet page's view (`report` in report.html).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ReportView {
    /// `令和6年度（2024年度）`: the year whose actuals are reported, when there is one.
    pub fiscal_year_label: Option<String>,
    /// The running header of printed pages, as a CSS string literal (markup: print with
    /// `| safe`, inside `content:`).
    pub running_header_css: String,
    /// Number of goals.
    pub goal_count: usize,
    /// Every department in site order.
    pub departments: Vec<ReportDepartmentView>,
}

/// A department of the booklet.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ReportDepartmentView {
    /// `1`.
    pub number: String,
    /// 課名.
    pub title: String,
    /// Element id (`dept-1`).
    pub anchor: String,
    /// 主な業務.
    pub duties: Vec<String>,
    /// Its goals; each template value has `number`, `title`, `anchor`, `status` and
    /// `section_html` (the goal's markup).
    pub goals: Vec<Value>,
}

/// A goal's entry in the booklet (without its markup, which comes from its card).
#[derive(Debug, Clone, Serialize)]
struct ReportGoalView {
    number: String,
    title: String,
    anchor: String,
    /// The goal's status when it has one indicator (several: each is in its section).
    status: Option<StatusView>,
}

/// The booklet's numbering of the site and what its rewrite needs: one per renderer. Each
/// goal's part depends on it (its own number, those of the goals it links to), so a rebuild
/// keeps no part made under another numbering. [`Booklet::default`] numbers nothing (a
/// site too large for a booklet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Booklet {
    /// Site-relative path of each department and goal page → (number, anchor).
    numbers: HashMap<String, (String, String)>,
    base_url: String,
}

impl Booklet {
    /// The numbering of `site`.
    pub(crate) fn new(site: &Site) -> Self {
        let mut numbers = HashMap::new();
        for (d, dept) in site.departments.iter().enumerate() {
            let number = (d + 1).to_string();
            numbers.insert(
                department_path(dept),
                (number.clone(), dept_anchor(&number)),
            );
            for (g, goal) in dept.goals.iter().enumerate() {
                let number = format!("{}-{}", d + 1, g + 1);
                numbers.insert(goal_path(goal), (number.clone(), goal_anchor(&number)));
            }
        }
        Booklet {
            numbers,
            base_url: site.config.base_url.clone(),
        }
    }

    /// The number of the goal or department page at site-relative `path` (`1-2`).
    pub(crate) fn number(&self, path: &str) -> Option<&str> {
        self.numbers.get(path).map(|(n, _)| n.as_str())
    }

    /// The goal page's markup `html` (written for the page at site-relative `path`) as a
    /// part of the booklet: ids prefixed, links pointing from `report/` (see the module doc).
    pub(crate) fn section(&self, path: &str, html: &str) -> String {
        let prefix = match self.number(path) {
            Some(n) => format!("g{n}-"),
            None => "g-".to_string(),
        };
        let ids = ids_in(html);
        let goal = self.numbers.get(path).map(|(_, anchor)| anchor.as_str());
        rewrite_tags(html, &|tag| {
            self.rewrite_tag(tag, path, &prefix, &|fragment| {
                let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
                if decoded == "top" {
                    // The top of the page, in HTML's sense: the booklet's top too.
                    "#top".to_string()
                } else if ids.contains(decoded.as_ref()) {
                    format!("#{prefix}{fragment}")
                } else {
                    // No such id in the goal (the body's broken anchor, reported at the body
                    // by the link check): the goal's part of the booklet.
                    goal.map_or_else(|| format!("#{prefix}{fragment}"), |a| format!("#{a}"))
                }
            })
        })
    }

    /// One start tag (`<a href="…">`, without `<` and `>`), rewritten.
    fn rewrite_tag(
        &self,
        tag: &str,
        page: &str,
        prefix: &str,
        in_page: &dyn Fn(&str) -> String,
    ) -> String {
        let has_print_url = tag.contains(" data-print-url=\"");
        let mut extra = String::new();
        let out = rewrite_attributes(tag, &mut |name, value| match name {
            "id" => Some(format!("{prefix}{value}")),
            "for" | "aria-labelledby" | "aria-describedby" | "aria-controls" => Some(
                value
                    .split(' ')
                    .filter(|t| !t.is_empty())
                    .map(|t| format!("{prefix}{t}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            "href" | "xlink:href" | "src" => {
                if let Some(fragment) = value.strip_prefix('#') {
                    return (!fragment.is_empty()).then(|| in_page(fragment));
                }
                let site_rel = resolve(page, value)?;
                let (target, fragment) = match site_rel.split_once('#') {
                    Some((t, f)) => (t, Some(f)),
                    None => (site_rel.as_str(), None),
                };
                if name == "href" && !has_print_url {
                    if let Some((number, anchor)) = self.numbers.get(target) {
                        // A fragment inside another goal of the booklet: its prefixed id.
                        let to = match fragment {
                            Some(f) if !f.is_empty() && target != page => {
                                format!("#g{number}-{f}")
                            }
                            Some(f) if !f.is_empty() => in_page(f),
                            _ => format!("#{anchor}"),
                        };
                        extra = format!(" data-print-section=\"{number}\"");
                        return Some(to);
                    }
                    extra = format!(" data-print-url=\"{}{site_rel}\"", self.base_url);
                }
                Some(format!("../{site_rel}"))
            }
            _ => value
                .contains("url(#")
                .then(|| value.replace("url(#", &format!("url(#{prefix}"))),
        });
        out + &extra
    }
}

/// The values of the `id` attributes in `html`.
fn ids_in(html: &str) -> std::collections::HashSet<String> {
    let ids = std::cell::RefCell::new(std::collections::HashSet::new());
    rewrite_tags(html, &|tag| {
        rewrite_attributes(tag, &mut |name, value| {
            if name == "id" {
                ids.borrow_mut().insert(value.to_string());
            }
            None
        })
    });
    ids.into_inner()
}

/// `dept-1`.
fn dept_anchor(number: &str) -> String {
    format!("dept-{number}")
}

/// `goal-1-2`.
fn goal_anchor(number: &str) -> String {
    format!("goal-{number}")
}

impl ReportView {
    /// The booklet's view: the site's numbering, with each goal's markup taken from
    /// `sections` (template strings, in `site.goals()` order).
    pub(crate) fn new(site: &Site, sections: &[Value]) -> Self {
        let mut at = 0;
        let departments = site
            .departments
            .iter()
            .enumerate()
            .map(|(d, dept)| {
                let number = (d + 1).to_string();
                let goals = dept
                    .goals
                    .iter()
                    .enumerate()
                    .map(|(g, goal)| {
                        let number = format!("{}-{}", d + 1, g + 1);
                        let view = ReportGoalView {
                            anchor: goal_anchor(&number),
                            number,
                            title: goal.title.clone(),
                            status: (!goal.has_indicator_details())
                                .then(|| StatusView::new(goal.evaluation().status)),
                        };
                        let mut map = Value::from_serializable(&view)
                            .into_map()
                            .unwrap_or_default();
                        map.insert(
                            "section_html".into(),
                            sections.get(at).cloned().unwrap_or_else(|| Value::from("")),
                        );
                        at += 1;
                        Value::from(map)
                    })
                    .collect();
                ReportDepartmentView {
                    anchor: dept_anchor(&number),
                    number,
                    title: dept.title.clone(),
                    duties: dept.duties.clone(),
                    goals,
                }
            })
            .collect();
        let year = site.as_of.map(FiscalYear::full_label);
        let (town, title) = (&site.config.municipality, &site.config.title);
        let mut header = if title.contains(town.as_str()) {
            title.clone()
        } else {
            format!("{town}　{title}")
        };
        if let Some(y) = &year {
            header = format!("{header}　{y}");
        }
        ReportView {
            fiscal_year_label: year,
            running_header_css: css_string(&header),
            goal_count: at,
            departments,
        }
    }
}

/// `text` as a CSS string literal that is safe inside `<style>` (quotes, backslashes,
/// `<` and line breaks escaped).
pub(crate) fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\n' | '\r' | '\u{c}' => {
                out.push_str(&format!("\\{:x} ", c as u32));
            }
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A link written on the page at site-relative `page` (`somu/jichikai/`) as a site-relative
/// path (`somu/madoguchi/`, `files/plan.pdf#p2`); `None` for a link out of the site (a
/// scheme, `//host`) or one that climbs above the site's root. A root-relative link
/// (`/files/plan.pdf`) means the site's root.
fn resolve(page: &str, href: &str) -> Option<String> {
    if href.starts_with("//") || has_scheme(href) {
        return None;
    }
    let (path, rest) = match href.find(['?', '#']) {
        Some(i) => href.split_at(i),
        None => (href, ""),
    };
    let mut segments: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        page.split('/').filter(|s| !s.is_empty()).collect()
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            p => segments.push(p),
        }
    }
    let mut out = segments.join("/");
    // A folder link keeps its slash (`somu/` is the department page); `?q` alone is this page.
    let last = path.rsplit('/').next().unwrap_or("");
    let folder = path.is_empty() || matches!(last, "" | "." | "..");
    if folder && !out.is_empty() {
        out.push('/');
    }
    Some(out + rest)
}

/// Whether `href` starts with a URL scheme (`https:`, `mailto:`).
fn has_scheme(href: &str) -> bool {
    match href.find(':') {
        Some(i) => {
            let scheme = &href[..i];
            !scheme.is_empty()
                && !scheme.contains(['/', '?', '#'])
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `html` with each start tag (its text between `<` and `>`) replaced by what `each`
/// makes of it; text, end tags and comments are kept as they are.
fn rewrite_tags(html: &str, each: &dyn Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let is_start_tag = after.starts_with(|c: char| c.is_ascii_alphabetic());
        let end = if is_start_tag { tag_end(after) } else { None };
        match end {
            Some(end) => {
                out.push('<');
                out.push_str(&each(&after[..end]));
                out.push('>');
                rest = &after[end + 1..];
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The index of the `>` ending a start tag (quoted values may hold `>`).
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// A start tag's text with each double-quoted attribute value that `each` (name, value)
/// changes replaced.
fn rewrite_attributes(tag: &str, each: &mut dyn FnMut(&str, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(tag.len() + 16);
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name_start = rest[..eq]
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |i| i + 1);
        let name = &rest[name_start..eq];
        let value_start = eq + 2;
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let value = &rest[value_start..value_start + len];
        out.push_str(&rest[..value_start]);
        match each(name, value) {
            Some(new) => out.push_str(&new),
            None => out.push_str(value),
        }
        out.push('"');
        rest = &rest[value_start + len + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_the_goal_page() {
        let page = "somu/jichikai/";
        assert_eq!(
            resolve(page, "data.csv").as_deref(),
            Some("somu/jichikai/data.csv")
        );
        assert_eq!(resolve(page, "../").as_deref(), Some("somu/"));
        assert_eq!(
            resolve(page, "../madoguchi/").as_deref(),
            Some("somu/madoguchi/")
        );
        assert_eq!(
            resolve(page, "../../about/evaluation/#grades").as_deref(),
            Some("about/evaluation/#grades")
        );
        assert_eq!(resolve(page, "../../").as_deref(), Some(""));
        assert_eq!(
            resolve(page, "/files/plan.pdf").as_deref(),
            Some("files/plan.pdf")
        );
        assert_eq!(resolve(page, "../../../x/"), None);
        assert_eq!(resolve(page, "https://example.jp/"), None);
        assert_eq!(resolve(page, "mailto:a@example.jp"), None);
        assert_eq!(resolve(page, "//cdn.example.jp/a.js"), None);
        assert_eq!(resolve(page, "tel:049-000-0000"), None);
    }

    #[test]
    fn css_strings_cannot_end_the_style_element() {
        assert_eq!(css_string("毛呂山町"), "\"毛呂山町\"");
        assert_eq!(css_string("a\"b</style>"), "\"a\\22 b\\3c /style\\3e \"");
        assert_eq!(css_string("a\\b\nc"), "\"a\\5c b\\a c\"");
    }

    fn booklet() -> Booklet {
        let mut numbers = HashMap::new();
        numbers.insert("somu/".to_string(), ("1".to_string(), "dept-1".to_string()));
        for (i, slug) in ["jichikai", "madoguchi"].iter().enumerate() {
            let n = format!("1-{}", i + 1);
            numbers.insert(format!("somu/{slug}/"), (n.clone(), goal_anchor(&n)));
        }
        Booklet {
            numbers,
            base_url: "https://example.jp/hyoka/".into(),
        }
    }

    #[test]
    fn ids_and_their_references_get_the_goal_prefix() {
        let b = booklet();
        let html = r##"<section id="evaluation-heading" aria-labelledby="a b"><label for="x">x</label><p id="1"></p><a href="#1">指標1</a><svg><rect fill="url(#grad)"/></svg><a href="#">top</a></section>"##;
        assert_eq!(
            b.section("somu/jichikai/", html),
            r##"<section id="g1-1-evaluation-heading" aria-labelledby="g1-1-a g1-1-b"><label for="g1-1-x">x</label><p id="g1-1-1"></p><a href="#g1-1-1">指標1</a><svg><rect fill="url(#g1-1-grad)"/></svg><a href="#">top</a></section>"##
        );
    }

    /// `#top` stays the page's top; an anchor the goal does not have (a broken one, which the
    /// link check reports at the body) leads to the goal's part instead of nowhere.
    #[test]
    fn top_and_missing_anchors_stay_useful_in_the_booklet() {
        let b = booklet();
        let html = r##"<h2 id="期待される効果">期待</h2><a href="#top">上へ</a><a href="#%E6%9C%9F%E5%BE%85%E3%81%95%E3%82%8C%E3%82%8B%E5%8A%B9%E6%9E%9C">効果</a><a href="#存在しない">なし</a>"##;
        assert_eq!(
            b.section("somu/jichikai/", html),
            r##"<h2 id="g1-1-期待される効果">期待</h2><a href="#top">上へ</a><a href="#g1-1-%E6%9C%9F%E5%BE%85%E3%81%95%E3%82%8C%E3%82%8B%E5%8A%B9%E6%9E%9C">効果</a><a href="#goal-1-1">なし</a>"##
        );
    }

    #[test]
    fn links_point_into_the_booklet_or_at_the_site() {
        let b = booklet();
        let html = r##"<p>text with id="no" in it &lt;a href="x"&gt;</p><a href="../../somu/">総務課</a> <a href="../madoguchi/#2">窓口</a> <a href="../../about/evaluation/">評価</a> <a href="data.csv" data-print-url="https://example.jp/hyoka/somu/jichikai/data.csv">CSV</a> <a href="https://x.jp/">外</a> <img src="photo.jpg" alt="">"##;
        assert_eq!(
            b.section("somu/jichikai/", html),
            r##"<p>text with id="no" in it &lt;a href="x"&gt;</p><a href="#dept-1" data-print-section="1">総務課</a> <a href="#g1-2-2" data-print-section="1-2">窓口</a> <a href="../about/evaluation/" data-print-url="https://example.jp/hyoka/about/evaluation/">評価</a> <a href="../somu/jichikai/data.csv" data-print-url="https://example.jp/hyoka/somu/jichikai/data.csv">CSV</a> <a href="https://x.jp/">外</a> <img src="../somu/jichikai/photo.jpg" alt="">"##
        );
    }

    #[test]
    fn a_link_to_the_goal_itself_goes_to_its_part() {
        let b = booklet();
        assert_eq!(
            b.section(
                "somu/jichikai/",
                r#"<a href="./">ここ</a><a href="./#x">x</a><p id="x"></p>"#
            ),
            r##"<a href="#goal-1-1" data-print-section="1-1">ここ</a><a href="#g1-1-x" data-print-section="1-1">x</a><p id="g1-1-x"></p>"##
        );
    }
}
