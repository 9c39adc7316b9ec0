//! What the link check needs from a rendered page: the `id`s it has (anchors a link may
//! point at) and the `href`/`src` values it writes, with their line and column. A small tag
//! scanner over the page's bytes, enough for the HTML hyoka's templates and Markdown renderer
//! write: comments are skipped, and the text inside `<script>` and `<style>` is not read as
//! tags. Every delimiter is ASCII, so the page is not validated as UTF-8: only the values
//! kept are decoded (lossily), and tag and attribute names are compared in place.

use std::borrow::Cow;

use memchr::{memchr, memchr_iter, memmem};

/// What [`scan`] meets in a page, in page order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Found<'h> {
    /// An `href`, `src` or `xlink:href` value, entities decoded, at its 1-based line and
    /// column (characters) in the page.
    Link {
        /// The value.
        href: Cow<'h, str>,
        /// 1-based line of the value in the page.
        line: usize,
        /// 1-based column (characters) of the value in its line.
        column: usize,
    },
    /// An `id` (or `<a name>`) value, entities decoded.
    Id(Cow<'h, str>),
}

/// Scans the page `html`, handing each link and id to `found`.
pub(super) fn scan<'h>(html: &'h [u8], found: &mut dyn FnMut(Found<'h>)) {
    let mut lines = Lines::default();
    let mut i = 0;
    while let Some(at) = memchr(b'<', &html[i..]) {
        let start = i + at;
        let rest = &html[start..];
        if rest.starts_with(b"<!--") {
            i = memmem::find(rest, b"-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let name_len = rest[1..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - 1);
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let name = &rest[1..1 + name_len];
        let tag = Tag::of(name);
        i = attributes(html, start + 1 + name_len, tag, &mut lines, found);
        if matches!(tag, Tag::Raw) {
            i = find_close(html, i, name).unwrap_or(html.len());
        }
    }
}

/// The tags whose kind matters to the scan.
#[derive(Debug, Clone, Copy)]
enum Tag {
    /// `<a>`: its `name` is an anchor.
    A,
    /// `<script>`, `<style>`: the text up to the end tag is not markup.
    Raw,
    /// Any other.
    Other,
}

impl Tag {
    fn of(name: &[u8]) -> Tag {
        if name.eq_ignore_ascii_case(b"a") {
            Tag::A
        } else if name.eq_ignore_ascii_case(b"script") || name.eq_ignore_ascii_case(b"style") {
            Tag::Raw
        } else {
            Tag::Other
        }
    }
}

/// The offset of the first `</name` (any case) at or after `from`.
fn find_close(html: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(at) = memchr(b'<', &html[i..]) {
        let start = i + at;
        let rest = &html[start + 1..];
        if rest.len() > name.len()
            && rest[0] == b'/'
            && rest[1..=name.len()].eq_ignore_ascii_case(name)
        {
            return Some(start);
        }
        i = start + 1;
    }
    None
}

/// The attributes that matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attribute {
    Link,
    Id,
    Name,
    Other,
}

impl Attribute {
    fn of(name: &[u8]) -> Attribute {
        if name.eq_ignore_ascii_case(b"href")
            || name.eq_ignore_ascii_case(b"src")
            || name.eq_ignore_ascii_case(b"xlink:href")
        {
            Attribute::Link
        } else if name.eq_ignore_ascii_case(b"id") {
            Attribute::Id
        } else if name.eq_ignore_ascii_case(b"name") {
            Attribute::Name
        } else {
            Attribute::Other
        }
    }
}

/// Reads the attributes of a tag from `at` to its `>`; returns the offset after it.
fn attributes<'h>(
    html: &'h [u8],
    mut at: usize,
    tag: Tag,
    lines: &mut Lines,
    found: &mut dyn FnMut(Found<'h>),
) -> usize {
    let len = html.len();
    loop {
        while at < len && (html[at].is_ascii_whitespace() || html[at] == b'/') {
            at += 1;
        }
        if at >= len {
            return len;
        }
        if html[at] == b'>' {
            return at + 1;
        }
        let name_start = at;
        while at < len && !matches!(html[at], b'=' | b'>' | b'/') && !html[at].is_ascii_whitespace()
        {
            at += 1;
        }
        let name = &html[name_start..at];
        while at < len && html[at].is_ascii_whitespace() {
            at += 1;
        }
        if at >= len || html[at] != b'=' {
            continue;
        }
        at += 1;
        while at < len && html[at].is_ascii_whitespace() {
            at += 1;
        }
        let (value_start, value_end, next) = match html.get(at) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = memchr(q, &html[at + 1..]).map_or(len, |e| at + 1 + e);
                (at + 1, end, (end + 1).min(len))
            }
            _ => {
                let end = html[at..]
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'>')
                    .map_or(len, |e| at + e);
                (at, end, end)
            }
        };
        let value = || decode_value(&html[value_start..value_end]);
        match Attribute::of(name) {
            Attribute::Link => {
                let (line, column) = lines.at(html, value_start);
                found(Found::Link {
                    href: value(),
                    line,
                    column,
                });
            }
            Attribute::Id => found(Found::Id(value())),
            Attribute::Name if matches!(tag, Tag::A) => found(Found::Id(value())),
            _ => {}
        }
        at = next;
    }
}

/// An attribute's bytes as text: invalid UTF-8 replaced, entities decoded; borrowed when
/// neither changes anything.
fn decode_value(bytes: &[u8]) -> Cow<'_, str> {
    match String::from_utf8_lossy(bytes) {
        Cow::Borrowed(text) => decode_entities(text),
        Cow::Owned(text) => Cow::Owned(decode_entities(&text).into_owned()),
    }
}

/// Line and column of offsets met in increasing order, counted on from the last one.
#[derive(Default)]
struct Lines {
    /// Newlines are counted up to here.
    counted: usize,
    /// 0-based line at `counted`.
    line: usize,
    /// Characters of the line from `line_start` to `counted`.
    column: usize,
}

impl Lines {
    fn at(&mut self, html: &[u8], offset: usize) -> (usize, usize) {
        let span = &html[self.counted..offset];
        let mut from = 0;
        if let Some(last) = memchr::memrchr(b'\n', span) {
            self.line += memchr_iter(b'\n', span).count();
            self.column = 0;
            from = last + 1;
        }
        // Characters, counted as the bytes that do not continue one.
        self.column += span[from..].iter().filter(|&&b| b & 0xC0 != 0x80).count();
        self.counted = offset;
        (self.line + 1, self.column + 1)
    }
}

/// `&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;` and numeric references decoded.
pub(super) fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
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
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// A link as the tests look at it.
    struct HtmlLink {
        href: String,
        line: usize,
        column: usize,
    }

    /// Everything [`super::scan`] finds in a page.
    #[derive(Default)]
    struct PageLinks {
        ids: HashSet<String>,
        links: Vec<HtmlLink>,
    }

    fn scan(html: &(impl AsRef<[u8]> + ?Sized)) -> PageLinks {
        let mut page = PageLinks::default();
        super::scan(html.as_ref(), &mut |found| match found {
            Found::Link { href, line, column } => page.links.push(HtmlLink {
                href: href.into_owned(),
                line,
                column,
            }),
            Found::Id(id) => {
                page.ids.insert(id.into_owned());
            }
        });
        page
    }

    fn hrefs(page: &PageLinks) -> Vec<&str> {
        page.links.iter().map(|l| l.href.as_str()).collect()
    }

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

    #[test]
    fn tag_and_attribute_names_in_any_case() {
        let page = scan(
            "<A HREF=\"x/\" NAME=\"old\">x</A><IMG Src='p.png'><Svg><USE XLINK:HREF=\"#g\"/></Svg>\
             <DIV ID=\"Big\"></DIV><div name=\"not-an-anchor\"></div><abbr name=\"nor-this\">",
        );
        assert_eq!(hrefs(&page), ["x/", "p.png", "#g"]);
        let mut ids: Vec<&str> = page.ids.iter().map(String::as_str).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["Big", "old"]);
    }

    #[test]
    fn unquoted_values_end_at_a_space_or_the_tag() {
        let page = scan("<a href=a/b/ id=top>x</a><link href=c.css\n><img src=d&amp;e.png/>");
        assert_eq!(hrefs(&page), ["a/b/", "c.css", "d&e.png/"]);
        assert!(page.ids.contains("top"));
        let at: Vec<(usize, usize)> = page.links.iter().map(|l| (l.line, l.column)).collect();
        assert_eq!(at, [(1, 9), (1, 37), (2, 11)]);
    }

    #[test]
    fn script_and_style_end_at_their_end_tag_in_any_case() {
        let page = scan(
            "<SCRIPT>document.write('<a href=\"no\">')</SCRIPT><a href=\"yes\">\
             <Style>a[href=\"no2\"]{}</sTyLe><a href=\"yes2\"><script>'</scrip><a href=x>'</script >\
             <a href=\"yes3\">",
        );
        assert_eq!(hrefs(&page), ["yes", "yes2", "yes3"]);
        // A script never closed: nothing after it is read as tags.
        assert!(scan("<script>'<a href=\"no\">'").links.is_empty());
    }

    #[test]
    fn invalid_utf8_is_read_without_panic_and_replaced_in_values() {
        let mut html = b"<p>\xff\xfe</p><a href=\"a\xe6\x9c.html\" id=\"\xc3\">".to_vec();
        html.extend_from_slice("期<img src=\"b\">\n".as_bytes());
        html.extend_from_slice(b"\x80<a href=c>");
        html.extend_from_slice(b"<a href=\"\xf0\x9f");
        let page = scan(&html[..]);
        assert_eq!(hrefs(&page), ["a\u{fffd}.html", "b", "c", "\u{fffd}"]);
        assert!(page.ids.contains("\u{fffd}"));
        let at: Vec<(usize, usize)> = page.links.iter().map(|l| (l.line, l.column)).collect();
        // Columns count the bytes that begin a character; a stray continuation byte is none.
        assert_eq!(at[2], (2, 9));
        // Cut anywhere, the page still scans.
        for end in 0..html.len() {
            scan(&html[..end]);
        }
    }
}
