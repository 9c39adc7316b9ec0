//! Diagnostics: problems in the user's content, collected from every file and rule, then
//! printed sorted as `path:line:col: エラー: … ` with the offending line, a caret and the fix.
//!
//! A diagnostic is never thrown: stages push them into [`Diagnostics`] and go on, so one run
//! reports every problem (ripgrep's and Zola's lesson).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use unicode_width::UnicodeWidthChar;

mod codes;
pub use codes::Code;

/// What [`Diagnostic::error`] and [`Diagnostic::warning`] take: a catalog [`Code`], or an
/// id as text (a proofreading rule's id, and the `E-…` literals not yet turned into a
/// [`Code`]; every such literal must be in the catalog, which a test checks).
pub trait CodeId {
    /// The id shown to users.
    fn id(&self) -> &'static str;
    /// The severity the catalog gives it, if it is a catalog code.
    fn catalog_severity(&self) -> Option<Severity> {
        None
    }
}

impl CodeId for Code {
    fn id(&self) -> &'static str {
        Code::id(*self)
    }
    fn catalog_severity(&self) -> Option<Severity> {
        Some(self.severity())
    }
}

impl CodeId for &'static str {
    fn id(&self) -> &'static str {
        self
    }
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks the build (exit 1).
    Error,
    /// Reported; the build goes on.
    Warning,
}

impl Severity {
    /// `エラー` / `警告`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "エラー",
            Severity::Warning => "警告",
        }
    }
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code (`E-YAML`, `E-MISSING-KEY` …) for tests, JSON and configuration.
    pub code: &'static str,
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// What is wrong, in Japanese.
    pub message: String,
    /// How to fix it, in Japanese.
    pub help: Option<String>,
    /// The source line, for display: of a long line, only the window around the column.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// How many characters of the source line were cut before the window (shown as `…`).
    #[serde(skip)]
    pub source_cut_before: usize,
    /// Characters of the source line were cut after the window (shown as `…`).
    #[serde(skip)]
    pub source_cut_after: bool,
    /// How many characters from `column` the finding covers (for the carets); 0 = one.
    #[serde(skip)]
    pub width: usize,
}

impl Diagnostic {
    /// An error at a position.
    pub fn error(
        code: impl CodeId,
        path: &Path,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        debug_assert!(
            code.catalog_severity().is_none_or(|s| s == Severity::Error),
            "{} is a warning",
            code.id()
        );
        Self::new(Severity::Error, code.id(), path, line, column, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        path: &Path,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            code,
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
            help: None,
            source_line: None,
            source_cut_before: 0,
            source_cut_after: false,
            width: 0,
        }
    }

    /// A warning at a position.
    pub fn warning(
        code: impl CodeId,
        path: &Path,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        debug_assert!(
            code.catalog_severity()
                .is_none_or(|s| s == Severity::Warning),
            "{} is an error",
            code.id()
        );
        Self::new(Severity::Warning, code.id(), path, line, column, message)
    }

    /// Adds the fix.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets how many characters the finding covers.
    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width;
        self
    }

    /// Adds the source line shown under the message.
    pub fn with_source_line(mut self, line: Option<&str>) -> Self {
        self.source_line = line.map(str::to_string);
        self
    }

    /// Adds the window of the source line around the column that the caller cut out:
    /// `cut_before` characters of the line precede it, and more follow when `cut_after`.
    pub fn with_source_window(mut self, window: &str, cut_before: usize, cut_after: bool) -> Self {
        self.source_line = Some(window.to_string());
        self.source_cut_before = cut_before;
        self.source_cut_after = cut_after;
        self
    }

    /// `path:line:col`.
    pub fn location(&self) -> String {
        let path = self.path.display();
        match (self.line, self.column) {
            (0, _) => format!("{path}"),
            (l, 0) => format!("{path}:{l}"),
            (l, c) => format!("{path}:{l}:{c}"),
        }
    }

    /// The text form: header, source line with caret, help.
    pub fn render(&self) -> String {
        let help = self
            .help
            .as_deref()
            .map(|h| format!(" — {h}"))
            .unwrap_or_default();
        let mut out = format!(
            "{}: {}: {}{help} [{}]\n",
            self.location(),
            self.severity.label(),
            self.message,
            self.code
        );
        if let Some(snippet) = self.snippet() {
            out.push_str(&snippet);
        }
        out
    }

    /// The offending source line under a gutter, with carets under the finding (full-width
    /// characters counted as two columns); `None` when the line is not known.
    pub fn snippet(&self) -> Option<String> {
        let src = self.source_line.as_ref()?;
        let mut out = String::new();
        let gutter = self.line.to_string();
        let pad = " ".repeat(gutter.len());
        let before = if self.source_cut_before > 0 {
            "…"
        } else {
            ""
        };
        let after = if self.source_cut_after { "…" } else { "" };
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{gutter} | {before}{src}{after}");
        if self.column > 0 {
            let at = (self.column - 1).saturating_sub(self.source_cut_before);
            let prefix: String = before.chars().chain(src.chars().take(at)).collect();
            let marked: String = src.chars().skip(at).take(self.width.max(1)).collect();
            let caret_pad = unicode_pad(&prefix);
            let carets = "^".repeat(unicode_pad(&marked).chars().count().max(1));
            let _ = writeln!(out, "{pad} | {caret_pad}{carets}");
        }
        Some(out)
    }
}

/// Spaces as wide as `prefix` on a terminal (full-width characters and emoji take two
/// columns, combining marks none; a tab stays a tab).
fn unicode_pad(prefix: &str) -> String {
    let mut pad = String::new();
    for c in prefix.chars() {
        if c == '\t' {
            pad.push('\t');
        } else {
            let width = UnicodeWidthChar::width(c).unwrap_or(1);
            pad.extend(std::iter::repeat_n(' ', width));
        }
    }
    pad
}

/// All findings of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Empty.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds all of another run's.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// True when any is an error.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Sorted by path, line, column, then code, so output never depends on thread order.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.code, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.code, &b.message))
        });
        self.items.dedup();
        self.items
    }

    /// Keeps only the findings `keep` accepts (a rebuild drops those of a changed file).
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// Read access.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// True when there is nothing.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The closest of `allowed` to `written` within edit distance 2 (typos like `indcator`), at
/// most half its characters (so 準備 is not offered 策定): the もしかして of a finding.
pub fn suggest<'k>(written: &str, allowed: &[&'k str]) -> Option<&'k str> {
    allowed
        .iter()
        .map(|a| (strsim::levenshtein(written, a), *a))
        .filter(|(d, a)| *d <= 2.min(a.chars().count() / 2).max(1))
        .min()
        .map(|(_, a)| a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc_with_a_caret_under_wide_text() {
        let d = Diagnostic::error(
            "E-VALUE",
            Path::new("content/somu/a.md"),
            9,
            5,
            "値が読めません",
        )
        .with_source_line(Some("令和6: abc"))
        .with_help("数値で書いてください");
        assert_eq!(
            d.render(),
            "content/somu/a.md:9:5: エラー: 値が読めません — 数値で書いてください [E-VALUE]\n  |\n9 | 令和6: abc\n  |       ^\n"
        );
    }

    #[test]
    fn carets_cover_the_width_of_the_finding() {
        let d = Diagnostic::warning(
            "doubled-kana",
            Path::new("a.md"),
            1,
            4,
            "「れれ」が重なっています",
        )
        .with_source_line(Some("行われれます"))
        .with_width(2);
        assert!(
            d.render().ends_with("1 | 行われれます\n  |       ^^^^\n"),
            "{}",
            d.render()
        );
    }

    #[test]
    fn carets_count_emoji_as_two_columns_and_combining_marks_as_none() {
        let d = Diagnostic::warning("W", Path::new("a.md"), 1, 4, "x")
            .with_source_line(Some("🚧が\u{3099}工事"))
            .with_width(2);
        assert!(
            d.render().ends_with("1 | 🚧が\u{3099}工事\n  |     ^^^^\n"),
            "{}",
            d.render()
        );
    }

    #[test]
    fn sorted_by_place() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::warning("W", Path::new("b.md"), 1, 1, "x"));
        ds.push(Diagnostic::error("E", Path::new("a.md"), 3, 1, "y"));
        ds.push(Diagnostic::error("E", Path::new("a.md"), 2, 1, "z"));
        let lines: Vec<usize> = ds.clone().sorted().iter().map(|d| d.line).collect();
        assert_eq!(lines, [2, 3, 1]);
        assert_eq!((ds.error_count(), ds.warning_count()), (2, 1));
    }
}
