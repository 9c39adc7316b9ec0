//! Where findings sit in their file: line, column and a bounded window of the line around
//! the column, worked out for all of a file's findings in one pass over the text.
//!
//! Asking the file for each finding's column counts the chars from the line's start, and
//! keeping each finding's whole line copies it: on one 300 KB line with 50,000 findings
//! that was 15 GB of copies and minutes of counting. Here the offsets are sorted and the
//! text is read once up to the last of them; each window is at most [`SHOWN_CHARS`] chars.

/// Lines up to this many chars are shown whole; of a longer one, a window this long.
pub(crate) const SHOWN_CHARS: usize = 400;

/// Chars of a cut line shown before the column (more when the column is near the end).
const SHOWN_BEFORE: usize = 200;

/// A finding's place in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in chars.
    pub column: usize,
    /// The part of the line shown: the whole line when it is short.
    pub window: String,
    /// Chars of the line before the window.
    pub cut_before: usize,
    /// Whether the line goes on after the window.
    pub cut_after: bool,
}

/// The places of byte `offsets` (on char boundaries, clamped to the text) in `text`, in the
/// order given; the text is read once, whatever the number of offsets.
pub(crate) fn places(text: &str, offsets: &[usize]) -> Vec<Place> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut found: Vec<Option<Place>> = vec![None; offsets.len()];
    let bytes = text.as_bytes();
    // The cursor: everything before byte `pos` is counted.
    let (mut pos, mut line, mut line_start, mut column) = (0usize, 1usize, 0usize, 1usize);
    for i in order {
        let offset = offsets[i].min(text.len());
        for (k, &b) in bytes[pos..offset].iter().enumerate() {
            if b == b'\n' {
                line += 1;
                column = 1;
                line_start = pos + k + 1;
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
        }
        pos = offset;
        found[i] = Some(window(text, line, line_start, offset, column));
    }
    found.into_iter().flatten().collect()
}

/// The place at byte `offset`, `column - 1` chars after the line's start `line_start`.
fn window(text: &str, line: usize, line_start: usize, offset: usize, column: usize) -> Place {
    let in_line = |c: &char| *c != '\n';
    let ahead = text[offset..]
        .chars()
        .take_while(in_line)
        .take(SHOWN_CHARS)
        .count();
    let before = (column - 1).min(SHOWN_BEFORE.max(SHOWN_CHARS - ahead));
    let start = match before.checked_sub(1) {
        None => offset,
        Some(n) => text[line_start..offset]
            .char_indices()
            .rev()
            .nth(n)
            .map_or(line_start, |(k, _)| line_start + k),
    };
    let len: usize = text[start..]
        .chars()
        .take_while(in_line)
        .take(SHOWN_CHARS)
        .map(char::len_utf8)
        .sum();
    let end = start + len;
    Place {
        line,
        column,
        window: text[start..end].to_string(),
        cut_before: column - 1 - before,
        cut_after: text[end..].chars().next().is_some_and(|c| c != '\n'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SourceFile;

    /// The place as the file tells it, cut the way `diag` cuts a whole line.
    fn expected(file: &SourceFile, offset: usize) -> Place {
        let (line, column) = file.line_col(offset);
        let whole = file.line(line).unwrap_or("");
        let total = whole.chars().count();
        let at = column - 1;
        let start = if total <= SHOWN_CHARS {
            0
        } else {
            at.saturating_sub(SHOWN_BEFORE).min(total - SHOWN_CHARS)
        };
        let window: String = whole.chars().skip(start).take(SHOWN_CHARS).collect();
        Place {
            line,
            column,
            cut_after: start + window.chars().count() < total,
            window,
            cut_before: start,
        }
    }

    #[test]
    fn places_agree_with_the_file_and_windows_are_bounded() {
        let long = "あいう".repeat(300);
        let text = format!("短い行\n{long}\n\nx{long}y\n末尾");
        let file = SourceFile::new("a.md", text.clone());
        let offsets: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .rev()
            .collect();
        let got = places(&text, &offsets);
        for (offset, place) in offsets.iter().zip(&got) {
            assert_eq!(place, &expected(&file, *offset), "at {offset}");
            assert!(place.window.chars().count() <= SHOWN_CHARS);
        }
        let first = &places(&text, &[0])[0];
        assert_eq!((first.window.as_str(), first.cut_before), ("短い行", 0));
    }
}
