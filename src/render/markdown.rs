//! Markdown → safe HTML for report bodies.
//!
//! This module owns the conversion of a Markdown string (the free-text body of
//! a report page) into an HTML fragment, plus the side information the rest of
//! the program needs from it: the list of headings (with stable, Japanese-
//! preserving ids) and the list of links (with source line numbers, for later
//! link checking). It also produces a plain-text summary for meta descriptions.
//!
//! It does no file I/O and knows nothing about the domain model: input is a
//! `&str`, output is plain data.
//!
//! Safety rules applied here:
//! * raw HTML (block and inline) is escaped and shown as text unless
//!   [`MarkdownOptions::unsafe_html`] is set;
//! * `javascript:`, `vbscript:`, `data:` and `file:` link/image destinations are
//!   always replaced by `#`, whatever the options.
//!
//! Japanese text: a soft line break between two CJK characters renders as
//! nothing (a browser would otherwise show it as a space).

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// Options from config.toml.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownOptions {
    /// Pass raw HTML through unescaped (trusted sources only).
    pub unsafe_html: bool,
}

/// A heading found in the document (for a table of contents / checks).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The `id` attribute emitted on the heading element (unique in the document).
    pub id: String,
    /// The heading's text content, inline markup stripped, whitespace collapsed.
    pub text: String,
}

/// A link found in the document (for later link checking).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Link {
    /// Destination after neutralisation of dangerous schemes.
    pub url: String,
    /// 1-based line in the Markdown source where the link starts.
    pub line: usize,
}

/// Result of [`render_markdown`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMarkdown {
    /// HTML fragment.
    pub html: String,
    /// Headings in document order.
    pub headings: Vec<Heading>,
    /// Links (not images) in document order.
    pub links: Vec<Link>,
}

/// Schemes that are never allowed in a link or image destination.
const DANGEROUS_SCHEMES: [&str; 4] = ["javascript:", "vbscript:", "data:", "file:"];

/// Class of the wrapper `<div>` put around every table.
const TABLE_WRAPPER_OPEN: &str = "<div class=\"table-scroll\">\n";
const TABLE_WRAPPER_CLOSE: &str = "</div>\n";

fn parser_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown to an HTML fragment, collecting headings and links. Root-relative
/// destinations (`/files/plan.pdf`) are left as written: [`render_markdown_at`] is the
/// one for a page of a site.
pub fn render_markdown(source: &str, options: MarkdownOptions) -> RenderedMarkdown {
    render_markdown_in(source, options, None)
}

/// [`render_markdown`] for a page whose way back to the site's root is `root` (`../../`,
/// `./`): a root-relative destination means the site's own root and is written as
/// `root` + the rest (`/files/plan.pdf` → `../../files/plan.pdf`), so it keeps working
/// when the site is published under a sub-path (`https://example.jp/a/b/`).
pub(crate) fn render_markdown_at(
    source: &str,
    options: MarkdownOptions,
    root: &str,
) -> RenderedMarkdown {
    render_markdown_in(source, options, Some(root))
}

/// A root-relative destination (`/x`, not `//host/x`) written from `root`.
fn from_root<'s>(url: CowStr<'s>, root: Option<&str>) -> CowStr<'s> {
    match root {
        Some(root) if url.starts_with('/') && !url.starts_with("//") => {
            CowStr::from(format!("{root}{}", &url[1..]))
        }
        _ => url,
    }
}

fn render_markdown_in(
    source: &str,
    options: MarkdownOptions,
    root: Option<&str>,
) -> RenderedMarkdown {
    let line_starts = line_starts(source);
    let mut links = Vec::new();

    // Pass 1: sanitise (HTML escaping, dangerous schemes) and collect links.
    let mut events: Vec<Event<'_>> = Vec::new();
    for (event, range) in Parser::new_ext(source, parser_options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = neutralise_url(dest_url);
                links.push(Link {
                    url: dest_url.to_string(),
                    line: line_of(&line_starts, range.start),
                });
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: from_root(dest_url, root),
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: from_root(neutralise_url(dest_url), root),
                title,
                id,
            }),
            Event::Html(html) | Event::InlineHtml(html) if !options.unsafe_html => {
                Event::Text(html)
            }
            Event::Start(Tag::HtmlBlock) if !options.unsafe_html => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) if !options.unsafe_html => Event::End(TagEnd::Paragraph),
            other => other,
        };
        events.push(event);
    }

    // Pass 2: soft breaks between CJK characters vanish.
    let events = join_cjk_soft_breaks(events);

    // Pass 3: heading ids.
    let (events, headings) = assign_heading_ids(events);

    // Pass 4: wrap tables. These Html events are ours and are not escaped
    // (escaping of user HTML happened in pass 1).
    let mut wrapped = Vec::with_capacity(events.len() + 4);
    for event in events {
        match event {
            Event::Start(Tag::Table(_)) => {
                wrapped.push(Event::Html(CowStr::Borrowed(TABLE_WRAPPER_OPEN)));
                wrapped.push(event);
            }
            Event::End(TagEnd::Table) => {
                wrapped.push(event);
                wrapped.push(Event::Html(CowStr::Borrowed(TABLE_WRAPPER_CLOSE)));
            }
            other => wrapped.push(other),
        }
    }

    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, wrapped.into_iter());

    RenderedMarkdown {
        html,
        headings,
        links,
    }
}

/// A link or image destination as written in the Markdown source, for the link check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Destination {
    /// The destination as written (a dangerous scheme is `#`, as on the page).
    pub url: String,
    /// Byte offset in the source where the link (`[` or `![`) starts.
    pub offset: usize,
}

/// Every link and image destination of `source`, in document order.
pub(crate) fn destinations(source: &str) -> Vec<Destination> {
    Parser::new_ext(source, parser_options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(Destination {
                    url: neutralise_url(dest_url).to_string(),
                    offset: range.start,
                })
            }
            _ => None,
        })
        .collect()
}

/// First paragraph as plain text, at most `max_chars` characters (ending with "…" when cut) — for meta description.
pub(crate) fn plain_text_summary(source: &str, max_chars: usize) -> String {
    let events: Vec<Event<'_>> = Parser::new_ext(source, parser_options()).collect();
    let events = join_cjk_soft_breaks(events);

    let mut in_paragraph = false;
    let mut raw = String::new();
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) => {
                in_paragraph = true;
                raw.clear();
            }
            Event::End(TagEnd::Paragraph) => {
                in_paragraph = false;
                let text = collapse_whitespace(&raw);
                if !text.is_empty() {
                    return truncate_chars(&text, max_chars);
                }
            }
            Event::Text(t) | Event::Code(t) if in_paragraph => raw.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => raw.push(' '),
            _ => {}
        }
    }
    String::new()
}

/// Whether `c` is a CJK character (kana, kanji, CJK and full-width punctuation).
fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation (。、「」 etc.)
        | '\u{3040}'..='\u{309F}' // hiragana
        | '\u{30A0}'..='\u{30FF}' // katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}' // half-width and full-width forms (（）etc.)
        | '\u{31F0}'..='\u{31FF}' // katakana phonetic extensions
        | '\u{20000}'..='\u{2FFFF}' // supplementary ideographic planes
    )
}

/// Replaces the destination by `#` if it uses a dangerous scheme.
fn neutralise_url(url: CowStr<'_>) -> CowStr<'_> {
    if is_dangerous_url(&url) {
        CowStr::Borrowed("#")
    } else {
        url
    }
}

fn is_dangerous_url(url: &str) -> bool {
    // Browsers ignore leading/trailing whitespace and ASCII tab/newline (and
    // other control characters) inside the scheme, and compare it
    // case-insensitively.
    let normalised: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    DANGEROUS_SCHEMES
        .iter()
        .any(|scheme| normalised.starts_with(scheme))
}

/// Byte offsets at which each line starts.
fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// 1-based line number of a byte offset.
fn line_of(line_starts: &[usize], offset: usize) -> usize {
    match line_starts.binary_search(&offset) {
        Ok(i) => i + 1,
        Err(i) => i,
    }
}

/// Whether an event is an inline container boundary that soft-break
/// look-around may skip over (emphasis, links…).
fn is_inline_boundary(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Start(
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Superscript
                | Tag::Subscript
        ) | Event::End(
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Superscript
                | TagEnd::Subscript
        )
    )
}

fn text_of<'e>(event: &'e Event<'_>) -> Option<&'e str> {
    match event {
        Event::Text(t) | Event::Code(t) => Some(t),
        _ => None,
    }
}

/// Removes soft breaks whose neighbouring characters are both CJK.
fn join_cjk_soft_breaks(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let adjacent_char = |events: &[Event<'_>], backwards: bool| -> Option<char> {
        let mut iter: Box<dyn Iterator<Item = &Event<'_>>> = if backwards {
            Box::new(events.iter().rev())
        } else {
            Box::new(events.iter())
        };
        iter.find(|e| !is_inline_boundary(e)).and_then(|e| {
            let t = text_of(e)?;
            if backwards {
                t.chars().next_back()
            } else {
                t.chars().next()
            }
        })
    };

    let drop: Vec<bool> = (0..events.len())
        .map(|i| {
            matches!(events[i], Event::SoftBreak)
                && adjacent_char(&events[..i], true).is_some_and(is_cjk)
                && adjacent_char(&events[i + 1..], false).is_some_and(is_cjk)
        })
        .collect();

    events
        .into_iter()
        .zip(drop)
        .filter_map(|(e, d)| (!d).then_some(e))
        .collect()
}

/// Collapses whitespace runs into one space and trims.
fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cuts to at most `max_chars` characters, the last being "…" when cut.
fn truncate_chars(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    if max_chars == 0 {
        return String::new();
    }
    let mut cut: String = s.chars().take(max_chars - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// Turns heading text into an id: whitespace runs → `-`, disallowed ASCII
/// punctuation and control characters removed, Japanese kept as is.
fn slugify(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            pending_dash = true;
            continue;
        }
        if c.is_control() || (c.is_ascii_punctuation() && c != '-' && c != '_') {
            continue;
        }
        if pending_dash && !id.is_empty() {
            id.push('-');
        }
        pending_dash = false;
        id.push(c);
    }
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

/// Sets a unique `id` on every heading and returns the headings found.
fn assign_heading_ids(events: Vec<Event<'_>>) -> (Vec<Event<'_>>, Vec<Heading>) {
    let mut out = Vec::with_capacity(events.len());
    let mut headings = Vec::new();
    let mut used: HashSet<String> = HashSet::new();

    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        let Event::Start(Tag::Heading {
            level,
            id: _,
            classes,
            attrs,
        }) = event
        else {
            out.push(event);
            continue;
        };

        // Collect the heading's content up to its end.
        let mut inner = Vec::new();
        let mut end = None;
        for e in iter.by_ref() {
            if let Event::End(TagEnd::Heading(_)) = e {
                end = Some(e);
                break;
            }
            inner.push(e);
        }

        let mut raw = String::new();
        for e in &inner {
            match e {
                Event::Text(t) | Event::Code(t) => raw.push_str(t),
                Event::SoftBreak | Event::HardBreak => raw.push(' '),
                _ => {}
            }
        }
        let text = collapse_whitespace(&raw);
        let base = slugify(&text);
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(id.clone());

        headings.push(Heading {
            level: level as u8,
            id: id.clone(),
            text,
        });
        out.push(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(id)),
            classes,
            attrs,
        }));
        out.extend(inner);
        out.push(end.unwrap_or(Event::End(TagEnd::Heading(level))));
    }
    (out, headings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(source: &str) -> String {
        render_markdown(source, MarkdownOptions::default()).html
    }

    #[test]
    fn contains_and_excludes() {
        // (source, unsafe_html, must contain, must not contain)
        let cases: &[(&str, bool, &[&str], &[&str])] = &[
            (
                "<script>alert(1)</script>\n",
                false,
                &["<p>&lt;script&gt;alert(1)&lt;/script&gt;", "</p>"],
                &["<script"],
            ),
            (
                "text <script>alert(1)</script> more\n",
                false,
                &["<p>text &lt;script&gt;alert(1)&lt;/script&gt; more</p>"],
                &["<script"],
            ),
            (
                "<div onclick=\"x()\">hi</div>\n",
                false,
                &["<p>&lt;div onclick=\"x()\"&gt;hi&lt;/div&gt;"],
                &["<div"],
            ),
            (
                "<script>alert(1)</script>\n",
                true,
                &["<script>alert(1)</script>"],
                &["&lt;script"],
            ),
            (
                "a <b>bold</b> b\n",
                true,
                &["<p>a <b>bold</b> b</p>"],
                &["&lt;b"],
            ),
            (
                "[x](javascript:alert(1))\n",
                false,
                &["<a href=\"#\">x</a>"],
                &["javascript"],
            ),
            (
                " [x](JaVaScRiPt:alert(1))\n",
                false,
                &["<a href=\"#\">x</a>"],
                &["JaVaScRiPt", "javascript"],
            ),
            (
                "[x](data:text/html,<script>alert(1)</script>)\n",
                false,
                &["<a href=\"#\">x</a>"],
                &["data:"],
            ),
            (
                "[x](<data:text/html,hello>)\n",
                false,
                &["<a href=\"#\">x</a>"],
                &["data:"],
            ),
            (
                "[x](<java\tscript:alert(1)>)\n",
                false,
                &["<a href=\"#\">x</a>"],
                &["script:"],
            ),
            (
                "[x](vbscript:msgbox)\n[y](FILE:///etc/passwd)\n",
                false,
                &["<a href=\"#\">x</a>", "<a href=\"#\">y</a>"],
                &["vbscript", "passwd"],
            ),
            (
                "[x](javascript:alert(1))\n",
                true,
                &["<a href=\"#\">x</a>"],
                &["javascript"],
            ),
            (
                "![地図](javascript:alert(1))\n",
                false,
                &["<img src=\"#\" alt=\"地図\""],
                &["javascript"],
            ),
            (
                "[市役所](https://www.city.example.jp/page?a=1&b=2)\n",
                false,
                &["<a href=\"https://www.city.example.jp/page?a=1&amp;b=2\">市役所</a>"],
                &[],
            ),
            (
                "![グラフ](images/graph.svg)\n",
                false,
                &["<img src=\"images/graph.svg\" alt=\"グラフ\""],
                &[],
            ),
            // Japanese soft breaks.
            ("地域の\n活性化\n", false, &["<p>地域の活性化</p>"], &[]),
            ("文です。\n「次」\n", false, &["<p>文です。「次」</p>"], &[]),
            (
                "（注）\n全角ＡＢＣ\n",
                false,
                &["<p>（注）全角ＡＢＣ</p>"],
                &[],
            ),
            (
                "**地域の**\n活性化\n",
                false,
                &["<strong>地域の</strong>活性化"],
                &[],
            ),
            ("abc\ndef\n", false, &["<p>abc\ndef</p>"], &[]),
            ("地域の\ndef\n", false, &["<p>地域の\ndef</p>"], &[]),
            ("abc\n活性化\n", false, &["<p>abc\n活性化</p>"], &[]),
            // Headings.
            (
                "## 期待される効果\n",
                false,
                &["<h2 id=\"期待される効果\">期待される効果</h2>"],
                &[],
            ),
            (
                "# 概要\n\n## 概要\n\n## 概要\n",
                false,
                &[
                    "<h1 id=\"概要\">",
                    "<h2 id=\"概要-2\">",
                    "<h2 id=\"概要-3\">",
                ],
                &[],
            ),
            (
                "## What's new? <b>\"A & B\"</b>\n",
                false,
                &["<h2 id=\"Whats-new-bA-Bb\">"],
                &["<b>"],
            ),
            // Tables.
            (
                "| 指標 | 値 |\n|---|---|\n| 件数 | 3 |\n",
                false,
                &[
                    "<div class=\"table-scroll\">\n<table>",
                    "<th>指標</th>",
                    "<td>件数</td>",
                    "</table>\n</div>",
                ],
                &["&lt;div"],
            ),
            // Footnotes and strikethrough.
            (
                "本文[^1]\n\n[^1]: 注記\n",
                false,
                &["footnote-reference", "footnote-definition", "注記"],
                &["[^1]"],
            ),
            ("~~旧~~\n", false, &["<del>旧</del>"], &[]),
            // No smart punctuation.
            (
                "\"quoted\" -- x\n",
                false,
                &["<p>\"quoted\" -- x</p>"],
                &["“", "–"],
            ),
        ];
        for (source, unsafe_html, contains, excludes) in cases {
            let out = render_markdown(
                source,
                MarkdownOptions {
                    unsafe_html: *unsafe_html,
                },
            )
            .html;
            for needle in *contains {
                assert!(
                    out.contains(needle),
                    "{source:?} (unsafe={unsafe_html}): expected {needle:?} in {out:?}"
                );
            }
            for needle in *excludes {
                assert!(
                    !out.contains(needle),
                    "{source:?} (unsafe={unsafe_html}): unexpected {needle:?} in {out:?}"
                );
            }
        }
    }

    #[test]
    fn headings_are_returned() {
        let out = render_markdown(
            "# 概要\n\n本文\n\n期待される\n効果\n---\n\n## 概要\n\n### *強調* と `code`\n\n## ???\n\n## ???\n",
            MarkdownOptions::default(),
        );
        let got: Vec<(u8, &str, &str)> = out
            .headings
            .iter()
            .map(|h| (h.level, h.id.as_str(), h.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "概要", "概要"),
                (2, "期待される効果", "期待される効果"),
                (2, "概要-2", "概要"),
                (3, "強調-と-code", "強調 と code"),
                (2, "section", "???"),
                (2, "section-2", "???"),
            ]
        );
    }

    #[test]
    fn generated_suffix_does_not_collide() {
        let out = render_markdown("# a-2\n\n# a\n\n# a\n", MarkdownOptions::default());
        let ids: Vec<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, vec!["a-2", "a", "a-3"]);
    }

    #[test]
    fn slugify_table() {
        let cases = [
            ("期待される効果", "期待される効果"),
            ("  a   b\tc  ", "a-b-c"),
            ("1. 事業の目的", "1-事業の目的"),
            ("R6年度 (2024)", "R6年度-2024"),
            ("snake_case-id", "snake_case-id"),
            ("#<>&'?/\"", "section"),
            ("", "section"),
            ("全角　スペース", "全角-スペース"),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "slugify({input:?})");
        }
    }

    #[test]
    fn links_have_line_numbers() {
        let source = "# 見出し\n\n最初の[リンク](https://a.example/)です。\n\n- 項目\n- [二つ目](./b.html) と <https://c.example/>\n\n[危険](javascript:x)\n\n![画像](img.png)\n";
        let out = render_markdown(source, MarkdownOptions::default());
        assert_eq!(
            out.links,
            vec![
                Link {
                    url: "https://a.example/".into(),
                    line: 3
                },
                Link {
                    url: "./b.html".into(),
                    line: 6
                },
                Link {
                    url: "https://c.example/".into(),
                    line: 6
                },
                Link {
                    url: "#".into(),
                    line: 8
                },
            ]
        );
    }

    #[test]
    fn root_relative_destinations_are_written_from_the_page() {
        let source =
            "[計画](/files/plan.pdf) ![図](/images/a.png) [外](//cdn.example/x) [相対](../a/)\n";
        let at = render_markdown_at(source, MarkdownOptions::default(), "../../").html;
        for want in [
            "href=\"../../files/plan.pdf\"",
            "src=\"../../images/a.png\"",
            "href=\"//cdn.example/x\"",
            "href=\"../a/\"",
        ] {
            assert!(at.contains(want), "{want} in {at}");
        }
        let home = render_markdown_at(source, MarkdownOptions::default(), "./").html;
        assert!(home.contains("href=\"./files/plan.pdf\""), "{home}");
        // The links keep the destination as written.
        let links = render_markdown_at(source, MarkdownOptions::default(), "../../").links;
        assert_eq!(links[0].url, "/files/plan.pdf");
        assert!(html(source).contains("href=\"/files/plan.pdf\""));
    }

    #[test]
    fn destinations_are_links_and_images_at_their_offsets() {
        let source = "本文 [計画](/files/plan.pdf)\n\n![図](a.png) [危](javascript:x)\n";
        let got: Vec<(String, usize)> = destinations(source)
            .into_iter()
            .map(|d| (d.url, d.offset))
            .collect();
        let at = |needle: &str| source.find(needle).unwrap();
        assert_eq!(
            got,
            vec![
                ("/files/plan.pdf".to_string(), at("[計画]")),
                ("a.png".to_string(), at("![図]")),
                ("#".to_string(), at("[危]")),
            ]
        );
    }

    #[test]
    fn reference_links_are_collected() {
        let source = "前文\n[参照][ref]\n\n[ref]: https://ref.example/\n";
        let out = render_markdown(source, MarkdownOptions::default());
        assert_eq!(
            out.links,
            vec![Link {
                url: "https://ref.example/".into(),
                line: 2
            }]
        );
    }

    #[test]
    fn dangerous_url_table() {
        let cases = [
            ("javascript:alert(1)", true),
            ("  JavaScript:alert(1)", true),
            ("java\nscript:alert(1)", true),
            ("\u{1}javascript:x", true),
            ("VBSCRIPT:x", true),
            ("data:image/png;base64,AAAA", true),
            ("file:///etc/passwd", true),
            ("https://example.jp/", false),
            ("http://example.jp/javascript:", false),
            ("mailto:a@example.jp", false),
            ("./data/file.csv", false),
            ("#section", false),
            ("", false),
        ];
        for (url, expected) in cases {
            assert_eq!(is_dangerous_url(url), expected, "{url:?}");
        }
    }

    #[test]
    fn is_cjk_table() {
        let cases = [
            ('あ', true),
            ('ア', true),
            ('漢', true),
            ('。', true),
            ('、', true),
            ('「', true),
            ('）', true),
            ('Ａ', true),
            ('ㇰ', true),
            ('𠮷', true),
            ('\u{3000}', true),
            ('a', false),
            ('1', false),
            ('.', false),
            (' ', false),
            ('é', false),
        ];
        for (c, expected) in cases {
            assert_eq!(is_cjk(c), expected, "{c:?}");
        }
    }

    #[test]
    fn html_block_escaped_is_paragraph() {
        assert_eq!(
            html("<div>\n<b>x</b>\n</div>\n"),
            "<p>&lt;div&gt;\n&lt;b&gt;x&lt;/b&gt;\n&lt;/div&gt;\n</p>\n"
        );
        assert_eq!(
            render_markdown(
                "<div>\n<b>x</b>\n</div>\n",
                MarkdownOptions { unsafe_html: true }
            )
            .html,
            "<div>\n<b>x</b>\n</div>\n"
        );
    }

    #[test]
    fn output_is_deterministic() {
        let source =
            "# 概要\n\n## 概要\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n本文[^n]\n\n[^n]: 注\n";
        let first = render_markdown(source, MarkdownOptions::default());
        for _ in 0..5 {
            assert_eq!(render_markdown(source, MarkdownOptions::default()), first);
        }
    }

    #[test]
    fn summary_table() {
        let cases: &[(&str, usize, &str)] = &[
            (
                "# 事業概要\n\n本事業は地域の\n活性化を目的とする。\n\n第二段落。\n",
                200,
                "本事業は地域の活性化を目的とする。",
            ),
            (
                "## 見出し\n\nThis is   *the*\nfirst `para`.\n",
                200,
                "This is the first para.",
            ),
            ("あいうえおかきくけこ\n", 5, "あいうえ…"),
            ("あいうえお\n", 5, "あいうえお"),
            ("one two three four\n", 8, "one two…"),
            ("# 見出しのみ\n", 50, ""),
            ("<div>raw</div>\n\n本文\n", 50, "本文"),
            ("abc\n", 0, ""),
        ];
        for (source, max, expected) in cases {
            let got = plain_text_summary(source, *max);
            assert_eq!(&got, expected, "plain_text_summary({source:?}, {max})");
            assert!(got.chars().count() <= *max, "{got:?} longer than {max}");
        }
    }
}
