//! Emphasis that will not render: CommonMark's flanking rules leave `**` as literal text
//! where it touches Japanese punctuation (`これは**「重要」**です`, `**注意：**本文`).
//! Finds each such pair and suggests the form that renders (`これは「**重要**」です`).

use pulldown_cmark::{Event, Options, Parser};

/// A `**…**` (or `__…__`) pair left literal, with the text that would render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnrenderedEmphasis {
    /// File offset of the pair's first delimiter.
    pub start: usize,
    /// File offset just after the pair's last delimiter.
    pub end: usize,
    /// The same text, written so that it renders.
    pub suggestion: String,
}

const OPENING: &[char] = &[
    '「', '『', '（', '(', '【', '〔', '［', '“', '‘', '《', '〈',
];
const CLOSING: &[char] = &[
    '」', '』', '）', ')', '】', '〕', '］', '”', '’', '》', '〉', '。', '、', '：', ':', '！',
    '？', '，', '．',
];

/// Unrendered emphasis in a Markdown body that starts at `body_offset` in its file.
pub(crate) fn find(body: &str, body_offset: usize) -> Vec<UnrenderedEmphasis> {
    // Every pair starts with a delimiter found in the body: without one, no parse is needed.
    if !body.contains("**") && !body.contains("__") {
        return Vec::new();
    }
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut found: Vec<UnrenderedEmphasis> = Vec::new();
    // pulldown-cmark hands a delimiter it could not use back as literal `*` text events.
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let Event::Text(text) = event else { continue };
        let literal = body.get(range.clone()) == Some(text.as_ref());
        for delim in ["**", "__"] {
            for (i, _) in text.match_indices(&delim[..1]) {
                let at = range.start + i;
                let starts_pair =
                    body.get(at..at + 2) == Some(delim) && !body[..at].ends_with(&delim[..1]);
                let covered = found
                    .iter()
                    .any(|f| (f.start..f.end).contains(&(body_offset + at)));
                if !literal || !starts_pair || covered {
                    continue;
                }
                if let Some((start, end, suggestion)) = pair_at(body, at, delim) {
                    found.push(UnrenderedEmphasis {
                        start: body_offset + start,
                        end: body_offset + end,
                        suggestion,
                    });
                }
            }
        }
    }
    found
}

/// The `delim…delim` pair on the line of `at`, and its rendering form.
fn pair_at(body: &str, at: usize, delim: &str) -> Option<(usize, usize, String)> {
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
    let line = &body[line_start..line_end];
    let delims: Vec<usize> = line
        .match_indices(delim)
        .map(|(i, _)| line_start + i)
        .collect();
    let k = delims.iter().position(|&d| d == at)?;
    // Delimiters pair up left to right on the line.
    let (open, close) = if k % 2 == 0 {
        (at, *delims.get(k + 1)?)
    } else {
        (delims[k - 1], at)
    };
    let inner = &body[open + delim.len()..close];
    let lead: String = inner.chars().take_while(|c| OPENING.contains(c)).collect();
    let rest = &inner[lead.len()..];
    let core = rest.trim_end_matches(CLOSING);
    let trail = &rest[core.len()..];
    if core.is_empty() || (lead.is_empty() && trail.is_empty()) {
        return Some((open, close + delim.len(), format!("{lead}{core}{trail}")));
    }
    Some((
        open,
        close + delim.len(),
        format!("{lead}{delim}{core}{delim}{trail}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_punctuation_inside_the_delimiters_is_moved_out() {
        for (body, suggestion) in [
            ("これは**「重要」**です。", "「**重要**」"),
            ("**注意：**本文を読んでください。", "**注意**："),
            ("計画の**（案）**について", "（**案**）"),
        ] {
            let found = find(body, 10);
            assert_eq!(found.len(), 1, "{body}");
            assert_eq!(found[0].suggestion, suggestion, "{body}");
            assert_eq!(
                &body[found[0].start - 10..found[0].end - 10].replace("**", ""),
                &suggestion.replace("**", "")
            );
        }
    }

    #[test]
    fn emphasis_that_renders_is_left_alone() {
        for body in [
            "これは「**重要**」です。",
            "**重要**な点",
            "地域の**活性化**を図ります。",
            "`**code**`",
            "2 ** 3",
        ] {
            assert_eq!(find(body, 0), Vec::new(), "{body}");
        }
    }
}
