//! What the link check needs from a rendered page: the `id`s it has (anchors a link may
//! point at) and the `href`/`src` values it writes, with their byte offsets. A small tag
//! scanner, enough for the HTML hyoka's templates and Markdown renderer write: comments are
//! skipped, and the text inside `<script>` and `<style>` is not read as tags.

use std::collections::HashSet;

/// One `href`/`src` value of a page, entities decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlLink {
    /// The value.
    pub href: String,
    /// 1-based line of the value in the page.
    pub line: usize,
    /// 1-based column (characters) of the value in its line.
    pub column: usize,
}

/// A page's anchors and links.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageLinks {
    /// Every `id` (and `<a name>`) value.
    pub ids: HashSet<String>,
    /// Every `href` and `src` value, in page order.
    pub links: Vec<HtmlLink>,
}

/// Scans `html`.
pub(super) fn scan(html: &str) -> PageLinks {
    let bytes = html.as_bytes();
    let mut page = PageLinks::default();
    let mut lines = Lines::default();
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        let start = i + found;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - 1);
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let name = rest[1..1 + name_len].to_ascii_lowercase();
        let end = attributes(html, start + 1 + name_len, &name, &mut page, &mut lines);
        i = end;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = find_ci(&html[i..], &close).map_or(html.len(), |e| i + e);
        }
        debug_assert!(i <= bytes.len());
    }
    page
}

/// Reads the attributes of a tag from `at` to its `>`; returns the offset after it.
fn attributes(
    html: &str,
    mut at: usize,
    tag: &str,
    page: &mut PageLinks,
    lines: &mut Lines,
) -> usize {
    let bytes = html.as_bytes();
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() {
            return bytes.len();
        }
        if bytes[at] == b'>' {
            return at + 1;
        }
        let name_start = at;
        while at < bytes.len()
            && !matches!(bytes[at], b'=' | b'>' | b'/')
            && !bytes[at].is_ascii_whitespace()
        {
            at += 1;
        }
        let name = html[name_start..at].to_ascii_lowercase();
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at >= bytes.len() || bytes[at] != b'=' {
            continue;
        }
        at += 1;
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let (value_start, value_end, next) = match bytes.get(at) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = html[at + 1..]
                    .find(q as char)
                    .map_or(html.len(), |e| at + 1 + e);
                (at + 1, end, (end + 1).min(html.len()))
            }
            _ => {
                let end = html[at..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(html.len(), |e| at + e);
                (at, end, end)
            }
        };
        let value = || decode_entities(&html[value_start..value_end]);
        match name.as_str() {
            "href" | "src" | "xlink:href" => {
                let (line, column) = lines.at(html, value_start);
                page.links.push(HtmlLink {
                    href: value(),
                    line,
                    column,
                });
            }
            "id" => {
                page.ids.insert(value());
            }
            "name" if tag == "a" => {
                page.ids.insert(value());
            }
            _ => {}
        }
        at = next;
    }
}

/// Line and column of offsets met in increasing order, counted on from the last one.
#[derive(Default)]
struct Lines {
    counted: usize,
    line: usize,
    line_start: usize,
}

impl Lines {
    fn at(&mut self, html: &str, offset: usize) -> (usize, usize) {
        for (i, _) in html[self.counted..offset].match_indices('\n') {
            self.line += 1;
            self.line_start = self.counted + i + 1;
        }
        self.counted = offset;
        let column = html[self.line_start..offset].chars().count() + 1;
        (self.line + 1, column)
    }
}

/// Case-insensitive `find` of an ASCII needle.
fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    h.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

/// `&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;` and numeric references decoded.
pub(super) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_and_links_but_not_in_comments_scripts_or_text() {
        let html = "<!doctype html><html lang=\"ja\"><head><link rel=stylesheet href=css/a.css>\
            <script src=\"js/f.js\">var s = '<a href=\"no\">';</script><style>a[href=\"x\"]{}</style></head>\
            <body><!-- <a href=\"comment\"> --><h2 id=\"期待される効果\">期待</h2>\
            <p>&lt;a href=&quot;text&quot;&gt;</p><a name='old'></a>\
            <a href=\"a?x=1&amp;y=2#%E6%9C%9F\" class=\"x\">x</a><svg><use href=\"#g\"/></svg></body></html>";
        let page = scan(html);
        let hrefs: Vec<&str> = page.links.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(hrefs, ["css/a.css", "js/f.js", "a?x=1&y=2#%E6%9C%9F", "#g"]);
        assert!(page.ids.contains("期待される効果") && page.ids.contains("old"));
        let first = &page.links[2];
        let col = html[..html.find("a?x=1&amp;").unwrap()].chars().count() + 1;
        assert_eq!((first.line, first.column), (1, col));
        let two = scan("<p>\n  <a href=\"x\">期</a><img src=\"y\">\n</p>");
        let at: Vec<(usize, usize)> = two.links.iter().map(|l| (l.line, l.column)).collect();
        assert_eq!(at, [(2, 12), (2, 30)]);
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a&amp;b&#39;c&#x41;&nbsp;&"),
            "a&b'cA&nbsp;&"
        );
    }
}
