//! Text runs to proofread, with the way back to the file: each run is plain text (no
//! Markdown syntax) plus a map from its byte offsets to byte offsets in the source file.
//! Runs come from Markdown bodies (paragraphs, headings, list items, table cells) and from
//! front matter strings (titles, duties, summaries …).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::content::{Document, Node, NodeValue};
pub(crate) use crate::proofread::TextKind;

/// A piece of plain text and where each part of it sits in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextRun {
    /// The text.
    pub text: String,
    /// Prose or item.
    pub kind: TextKind,
    /// `(offset in text, offset in file, exact)`, sorted: text from `offset in text` on maps
    /// to the file from `offset in file` on, byte for byte when `exact`.
    segments: Vec<(usize, usize, bool)>,
    /// For front matter runs: the front matter key it came from (`title`, `duties` …).
    pub key: Option<String>,
}

impl TextRun {
    /// The file byte offset of a byte offset in the text.
    pub(crate) fn file_offset(&self, text_offset: usize) -> usize {
        let i = self
            .segments
            .partition_point(|&(t, _, _)| t <= text_offset)
            .saturating_sub(1);
        match self.segments.get(i) {
            Some(&(t, f, true)) => f + (text_offset - t),
            Some(&(_, f, false)) => f,
            None => 0,
        }
    }

    fn empty(kind: TextKind, key: Option<&str>) -> Self {
        TextRun {
            text: String::new(),
            kind,
            segments: Vec::new(),
            key: key.map(str::to_string),
        }
    }

    fn push(&mut self, text: &str, file_offset: usize, exact: bool) {
        self.segments.push((self.text.len(), file_offset, exact));
        self.text.push_str(text);
    }
}

/// Runs of a Markdown body; `body_offset` is where the body starts in the file.
pub(crate) fn markdown_runs(body: &str, body_offset: usize) -> Vec<TextRun> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut runs = Vec::new();
    let mut current: Option<TextRun> = None;
    let mut item_depth = 0usize;
    let flush = |current: &mut Option<TextRun>, runs: &mut Vec<TextRun>| {
        if let Some(run) = current.take()
            && !run.text.trim().is_empty()
        {
            runs.push(run);
        }
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let at = body_offset + range.start;
        match event {
            Event::Start(tag) if is_inline(&tag) => {}
            Event::End(tag) if is_inline_end(tag) => {}
            Event::Start(tag) => {
                flush(&mut current, &mut runs);
                if matches!(tag, Tag::Item | Tag::TableCell | Tag::Heading { .. }) {
                    item_depth += 1;
                }
                // Code and raw HTML are not prose: no run until the block ends.
                if !matches!(tag, Tag::CodeBlock(_) | Tag::HtmlBlock) {
                    current = Some(TextRun::empty(kind_at(item_depth), None));
                }
            }
            Event::End(tag) => {
                flush(&mut current, &mut runs);
                if matches!(tag, TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_)) {
                    item_depth = item_depth.saturating_sub(1);
                }
                current = Some(TextRun::empty(kind_at(item_depth), None));
            }
            Event::Text(text) => {
                if let Some(run) = current.as_mut() {
                    let exact = body.get(range.clone()) == Some(text.as_ref());
                    run.push(&text, at, exact);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(run) = current.as_mut() {
                    run.push("\n", at, false);
                }
            }
            // Code, math, HTML and footnote marks are not prose: a neutral character keeps
            // neighbours from being read as adjacent.
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {
                if let Some(run) = current.as_mut() {
                    run.push("\u{FFFC}", at, false);
                }
            }
            Event::TaskListMarker(_) | Event::Rule => {}
        }
    }
    flush(&mut current, &mut runs);
    runs
}

/// Text inside a list item, heading or table cell is an item; the rest is prose.
fn kind_at(item_depth: usize) -> TextKind {
    if item_depth > 0 {
        TextKind::Item
    } else {
        TextKind::Prose
    }
}

/// Inline markup continues the run it is in.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// Runs of a document's front matter strings: every string value, lists item by item.
pub(crate) fn front_matter_runs(doc: &Document) -> Vec<TextRun> {
    let mut runs = Vec::new();
    if let Some(front) = &doc.front {
        collect_strings(doc, front, None, &mut runs);
    }
    runs
}

/// Keys whose values are identifiers or numbers, not prose.
const NOT_PROSE: &[&str] = &[
    "slug",
    "unit",
    "direction",
    "year",
    "value",
    "weight",
    "draft",
    // §8.2–§8.4: codes, words from a fixed list, amounts, dates, addresses.
    "grade",
    "outlook",
    "plan",
    "budget",
    "settlement",
    "personnel",
    "date",
    "updated",
    "phone",
    "email",
    "code",
    "kind",
];

fn collect_strings(doc: &Document, node: &Node, key: Option<&str>, runs: &mut Vec<TextRun>) {
    match &node.value {
        NodeValue::String(s) if key.is_none_or(|k| !NOT_PROSE.contains(&k)) => {
            let kind = if matches!(
                key,
                Some("served" | "summary" | "description" | "text" | "definition" | "exclude")
            ) {
                TextKind::Prose
            } else {
                TextKind::Item
            };
            runs.push(locate_string(doc, node, s, kind, key));
        }
        NodeValue::Seq(items) => items
            .iter()
            .for_each(|item| collect_strings(doc, item, key, runs)),
        NodeValue::Map(entries) => {
            for (k, v) in entries {
                // Year keys of actual/targets hold numbers, not prose.
                if !matches!(k.text.as_str(), "actual" | "targets" | "baseline") {
                    collect_strings(doc, v, Some(&k.text), runs);
                }
            }
        }
        _ => {}
    }
}

/// A front matter string with its file mapping: each line of the value is looked up in the
/// file from the node's line on; lines not found map to the node's position.
fn locate_string(
    doc: &Document,
    node: &Node,
    value: &str,
    kind: TextKind,
    key: Option<&str>,
) -> TextRun {
    let source = &doc.source;
    let node_offset = source.offset(node.pos.line, node.pos.column);
    let mut run = TextRun::empty(kind, key);
    let mut search_from = node_offset;
    // Folded and plain multi-line scalars join lines with spaces: map word by word.
    for (i, piece) in value.split(' ').enumerate() {
        if i > 0 {
            run.push(" ", search_from, false);
        }
        match source
            .text
            .get(search_from..)
            .and_then(|rest| find(rest, piece))
        {
            Some(found) if !piece.is_empty() => {
                run.push(piece, search_from + found, true);
                search_from += found + piece.len();
            }
            _ => run.push(piece, node_offset, false),
        }
    }
    run
}

/// Where `piece` first occurs in `rest`: usually right at its start (a plain scalar at its
/// node), which is checked before searching.
fn find(rest: &str, piece: &str) -> Option<usize> {
    if rest.starts_with(piece) {
        Some(0)
    } else {
        rest.find(piece)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{SourceFile, parse_document};
    use crate::diag::Diagnostics;

    #[test]
    fn markdown_runs_map_back_to_the_file() {
        let body = "## 期待される効果\n\n地域の**活性化**が\n期待できます。\n\n- 防災に関するこ\n";
        let runs = markdown_runs(body, 100);
        let texts: Vec<(&str, TextKind)> = runs.iter().map(|r| (r.text.as_str(), r.kind)).collect();
        assert_eq!(
            texts,
            [
                ("期待される効果", TextKind::Item),
                ("地域の活性化が\n期待できます。", TextKind::Prose),
                ("防災に関するこ", TextKind::Item)
            ]
        );
        let run = &runs[1];
        let pos = run.text.find("期待").unwrap();
        assert_eq!(
            run.file_offset(pos),
            100 + body.find("期待できます").unwrap()
        );
        let pos = run.text.find("活性化").unwrap();
        assert_eq!(run.file_offset(pos), 100 + body.find("活性化").unwrap());
    }

    #[test]
    fn find_is_the_first_occurrence() {
        assert_eq!(find("防災に関すること", "防災"), Some(0));
        assert_eq!(find("\"件\"", "件"), Some(1));
        assert_eq!(find("abcabc", "c"), Some(2));
        assert_eq!(find("abc", ""), Some(0));
        assert_eq!(find("abc", "d"), None);
    }

    #[test]
    fn front_matter_strings_map_back_to_the_file() {
        let text = "---\ntitle: 地域の実情にあつた組織\nduties:\n  - 防災に関するこ\nserved: >-\n  町民の\n  ために。\nslug: abc\n---\n".to_string();
        let doc = parse_document(
            SourceFile::new("a.md", text.clone()),
            &mut Diagnostics::new(),
        );
        let runs = front_matter_runs(&doc);
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "地域の実情にあつた組織",
                "防災に関するこ",
                "町民の ために。"
            ]
        );
        let pos = runs[0].text.find("あつた").unwrap();
        assert_eq!(runs[0].file_offset(pos), text.find("あつた").unwrap());
        let pos = runs[2].text.find("ために").unwrap();
        assert_eq!(runs[2].file_offset(pos), text.find("ために").unwrap());
        assert_eq!(runs[1].key.as_deref(), Some("duties"));
    }
}
