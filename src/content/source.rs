//! A source file in memory: its site-relative path, its clean text, and the mapping between
//! byte offsets and 1-based line:column (columns count characters, as editors show them).

use std::path::PathBuf;

/// One content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the site root (`content/somu/jichikai.md`), for messages.
    pub path: PathBuf,
    /// The text, `\n` line ends, no BOM.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wraps text.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// 1-based (line, column) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }

    /// Byte offset of a 1-based line and character column (clamped to the text).
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_text = self.line(line).unwrap_or("");
        start
            + line_text
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf8)
                .sum::<usize>()
    }

    /// The text of a 1-based line, without its line end.
    pub fn line(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e - 1);
        self.text.get(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_character_columns() {
        let f = SourceFile::new("a.md", "---\n題名: 総務\nx\n".into());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(4), (2, 1));
        let pos = f.text.find('総').unwrap();
        assert_eq!(f.line_col(pos), (2, 5));
        assert_eq!(f.line(2), Some("題名: 総務"));
        assert_eq!(f.line(3), Some("x"));
        assert_eq!(f.line(9), None);
        assert_eq!(f.offset(2, 5), pos);
        assert_eq!(f.line_col(f.offset(3, 1)), (3, 1));
    }
}
