//! Every file form a town's indicator table comes in, as one thing: a [`Grid`] of text
//! cells, each with the place it came from for messages. Text pasted from Word or PDF
//! (cells apart by tabs, runs of spaces or full-width spaces), CSV exported from Excel
//! (UTF-8 with or without BOM, or Shift_JIS: decoded by [`content::read_source_text`]) and
//! `.xlsx` workbooks (every sheet, read with calamine; a merged cell's value is shown in
//! every cell of its region, as Excel shows it).

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::content::{self, SourceFile};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::fsio::FsError;

/// One non-empty cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GridCell {
    /// 0-based column in the row (for text: the cell's position among the row's cells).
    pub col: usize,
    /// The text, trimmed.
    pub text: String,
    /// 1-based line (text, CSV) or row (xlsx).
    pub line: usize,
    /// 1-based character column (text), field number (CSV) or column (xlsx).
    pub column: usize,
}

/// The cells of one table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    /// The file, as given.
    pub path: PathBuf,
    /// The workbook sheet's name (xlsx).
    pub sheet: Option<String>,
    /// True for CSV (columns are fields).
    pub csv: bool,
    /// Rows of non-empty cells, in order; rows with no cell are left out.
    pub rows: Vec<Vec<GridCell>>,
    /// The whole text (text and CSV), for the source line under a message.
    pub source: Option<SourceFile>,
}

impl Grid {
    /// The words naming a cell in a message: `シート「一覧」のセル C4: ` (xlsx), `3列目: `
    /// (CSV), or nothing (text: the line and column say it).
    pub(crate) fn place(&self, cell: &GridCell) -> String {
        match &self.sheet {
            Some(sheet) => format!(
                "シート「{sheet}」のセル {}{}: ",
                column_letters(cell.column),
                cell.line
            ),
            None if self.csv => format!("{}列目: ", cell.column),
            None => String::new(),
        }
    }

    /// A finding at a cell, naming the file, the sheet and the cell or line.
    pub(crate) fn diagnostic(
        &self,
        warning: bool,
        code: Code,
        cell: &GridCell,
        message: impl AsRef<str>,
        help: impl Into<String>,
    ) -> Diagnostic {
        let message = format!("{}{}", self.place(cell), message.as_ref());
        let d = if warning {
            Diagnostic::warning(code, &self.path, cell.line, cell.column, message)
        } else {
            Diagnostic::error(code, &self.path, cell.line, cell.column, message)
        };
        let line = self.source.as_ref().and_then(|s| s.line(cell.line));
        d.with_help(help)
            .with_source_line(line.filter(|_| self.sheet.is_none() && !self.csv))
    }

    /// All the text of the grid (to find the document's era).
    pub(crate) fn all_text(&self) -> String {
        let mut out = String::new();
        for row in &self.rows {
            for c in row {
                out.push_str(&c.text);
                out.push('\n');
            }
        }
        out
    }
}

/// `1` → `A`, `27` → `AA`.
pub(crate) fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        column = (column - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// What kind of file a path is, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// Plain text.
    Text,
    /// CSV.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// `.csv` → CSV, `.xlsx`/`.xlsm` → workbook, anything else text.
pub(crate) fn kind_of(path: &Path) -> FileKind {
    match path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .as_deref()
    {
        Some("csv") => FileKind::Csv,
        Some("xlsx" | "xlsm") => FileKind::Xlsx,
        _ => FileKind::Text,
    }
}

/// Splits a text line into cells: at tabs when it has any, else at full-width spaces and
/// runs of two or more spaces. Leading one-character cells (`目　標　名`) are joined again.
pub(crate) fn split_text_line(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let tabbed = text.contains('\t');
    let mut cells: Vec<(usize, String)> = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let gap = if tabbed {
            (c == '\t').then_some(1)
        } else if c == '\u{3000}' {
            Some(
                chars[i..]
                    .iter()
                    .take_while(|c| **c == '\u{3000}' || **c == ' ')
                    .count(),
            )
        } else if c == ' '
            && chars
                .get(i + 1)
                .is_some_and(|n| *n == ' ' || *n == '\u{3000}')
        {
            Some(
                chars[i..]
                    .iter()
                    .take_while(|c| **c == '\u{3000}' || **c == ' ')
                    .count(),
            )
        } else {
            None
        };
        match gap {
            Some(n) => {
                push_cell(&mut cells, &current, start);
                current.clear();
                i += n;
                start = i;
            }
            None => {
                current.push(c);
                i += 1;
            }
        }
    }
    push_cell(&mut cells, &current, start);
    // `目　標　名<tab>…` or `目　標　名　　地域…`: the spaced label is one cell.
    let singles = cells
        .iter()
        .take_while(|(_, t)| t.chars().count() == 1)
        .count();
    if singles >= 2 && !tabbed {
        let joined: String = cells[..singles].iter().map(|(_, t)| t.as_str()).collect();
        let first = cells[0].0;
        cells.splice(..singles, [(first, joined)]);
    }
    cells
}

fn push_cell(cells: &mut Vec<(usize, String)>, text: &str, start: usize) {
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    let t = text.trim();
    if !t.is_empty() {
        cells.push((start + lead + 1, t.to_string()));
    }
}

/// A text file (already decoded) as a grid.
pub(crate) fn from_text(source: SourceFile) -> Grid {
    let mut rows = Vec::new();
    for (i, line) in source.text.lines().enumerate() {
        let row: Vec<GridCell> = split_text_line(line)
            .into_iter()
            .enumerate()
            .map(|(col, (column, text))| GridCell {
                col,
                text,
                line: i + 1,
                column,
            })
            .collect();
        if !row.is_empty() {
            rows.push(row);
        }
    }
    Grid {
        path: source.path.clone(),
        sheet: None,
        csv: false,
        rows,
        source: Some(source),
    }
}

/// A CSV file (already decoded) as a grid; a malformed record is an error at its line.
pub(crate) fn from_csv(source: SourceFile, diags: &mut Diagnostics) -> Grid {
    let mut rows = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(source.text.as_bytes());
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                let row: Vec<GridCell> = r
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| !t.trim().is_empty())
                    .map(|(col, t)| GridCell {
                        col,
                        text: t.trim().to_string(),
                        line,
                        column: col + 1,
                    })
                    .collect();
                if !row.is_empty() {
                    rows.push(row);
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                diags.push(
                    Diagnostic::error(
                        Code::SheetCsv,
                        &source.path,
                        line,
                        0,
                        format!("CSVとして読めません: {e}"),
                    )
                    .with_help("Excel で「CSV（コンマ区切り）」として保存し直してください"),
                );
                break;
            }
        }
    }
    Grid {
        path: source.path.clone(),
        sheet: None,
        csv: true,
        rows,
        source: Some(source),
    }
}

/// Every sheet of a workbook as a grid; a merged region's value fills the whole region.
pub(crate) fn from_xlsx(path: &Path, rel: &Path, diags: &mut Diagnostics) -> Vec<Grid> {
    let unreadable = |diags: &mut Diagnostics, why: String| {
        diags.push(
            Diagnostic::error(
                Code::SheetXlsx,
                rel,
                0,
                0,
                format!("Excel のファイルとして読めません: {why}"),
            )
            .with_help(
                "Excel で開けることを確かめ、「Excel ブック（*.xlsx）」として保存し直してください",
            ),
        );
    };
    let mut book: Xlsx<_> = match open_workbook(path) {
        Ok(b) => b,
        Err(e) => {
            unreadable(diags, e.to_string());
            return Vec::new();
        }
    };
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                unreadable(diags, format!("シート「{name}」: {e}"));
                continue;
            }
        };
        let (rows_n, cols_n) = range.get_size();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells: Vec<Vec<String>> = (0..rows_n)
            .map(|r| {
                (0..cols_n)
                    .map(|c| range.get((r, c)).map(cell_text).unwrap_or_default())
                    .collect()
            })
            .collect();
        let merged = match book.merge_cells_by_sheet_name(&name) {
            Ok(m) => m,
            Err(e) => {
                unreadable(diags, format!("シート「{name}」: {e}"));
                continue;
            }
        };
        let at =
            |r: u32, c: u32| Some(((r.checked_sub(r0)?) as usize, (c.checked_sub(c0)?) as usize));
        for dim in merged {
            let Some(value) =
                at(dim.start.0, dim.start.1).and_then(|(r, c)| cells.get(r)?.get(c).cloned())
            else {
                continue;
            };
            for r in dim.start.0..=dim.end.0 {
                for c in dim.start.1..=dim.end.1 {
                    if let Some(cell) = at(r, c).and_then(|(r, c)| cells.get_mut(r)?.get_mut(c)) {
                        *cell = value.clone();
                    }
                }
            }
        }
        let rows: Vec<Vec<GridCell>> = cells
            .into_iter()
            .enumerate()
            .map(|(r, row)| {
                row.into_iter()
                    .enumerate()
                    .filter(|(_, t)| !t.trim().is_empty())
                    .map(|(c, t)| GridCell {
                        col: c,
                        text: t.trim().to_string(),
                        line: r + r0 as usize + 1,
                        column: c + c0 as usize + 1,
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|row| !row.is_empty())
            .collect();
        grids.push(Grid {
            path: rel.to_path_buf(),
            sheet: Some(name.clone()),
            csv: false,
            rows,
            source: None,
        });
    }
    grids
}

/// A cell's text as Excel shows a plain cell: integers without `.0`, text as it is.
fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => {
            // Excel keeps binary noise (0.1 + 0.2); what it shows has 15 significant digits.
            let shown = format!(
                "{:.*}",
                15usize.saturating_sub(f.abs().log10().ceil().max(0.0) as usize),
                f
            );
            shown
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string()
        }
        other => other.to_string(),
    }
}

/// Reads one file into grids (a workbook gives one per sheet). `None` when it could not
/// be read at all (the error is in `diags`).
pub(crate) fn read_file(path: &Path, diags: &mut Diagnostics) -> Result<Vec<Grid>, FsError> {
    let rel = content::relative(Path::new("."), path);
    match kind_of(path) {
        FileKind::Xlsx => Ok(from_xlsx(path, &rel, diags)),
        kind => {
            let Some(text) = content::read_source_text(Path::new("."), path, diags)? else {
                return Ok(Vec::new());
            };
            let source = SourceFile::new(rel, text);
            Ok(vec![if kind == FileKind::Csv {
                from_csv(source, diags)
            } else {
                from_text(source)
            }])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// E-SHEET-CSV cannot be made from the command line: ragged rows, an unclosed or stray
    /// quote, and empty text all read (what a malformed quote gives is the form's business).
    #[test]
    fn every_csv_text_is_read() {
        for text in [
            "a,b\nc\n",
            "\"open,b\nc,d\n",
            "a\"b,c\n",
            "",
            "\u{0},\u{feff}\n",
        ] {
            let mut diags = Diagnostics::new();
            from_csv(SourceFile::new("s.csv", text.into()), &mut diags);
            assert!(diags.is_empty(), "{text:?}: {diags:?}");
        }
    }

    fn texts(line: &str) -> Vec<String> {
        split_text_line(line).into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn text_cells_apart_by_tabs_space_runs_or_full_width_spaces() {
        assert_eq!(
            texts("指標名\t自治会加入割合\t"),
            ["指標名", "自治会加入割合"]
        );
        assert_eq!(
            texts("基準値  平成22年度   57.1%"),
            ["基準値", "平成22年度", "57.1%"]
        );
        assert_eq!(
            texts("目標値　平成32年度　93.0%"),
            ["目標値", "平成32年度", "93.0%"]
        );
        assert_eq!(texts("目　標　名　　防災の推進"), ["目標名", "防災の推進"]);
        assert_eq!(texts("町 の 人口"), ["町 の 人口"]);
        assert_eq!(split_text_line("a\t\tb")[1].0, 4);
    }

    #[test]
    fn column_letters_as_excel_names_them() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(28), "AB");
    }

    #[test]
    fn csv_cells_and_places() {
        let mut d = Diagnostics::new();
        let g = from_csv(
            SourceFile::new("a.csv", "指標名,基準値\n\"ごみ,排出量\",611\n".into()),
            &mut d,
        );
        assert!(d.is_empty());
        assert_eq!(g.rows[1][0].text, "ごみ,排出量");
        assert_eq!(g.rows[1][1].line, 2);
        assert_eq!(g.place(&g.rows[1][1]), "2列目: ");
    }

    #[test]
    fn excel_float_noise_is_shown_as_excel_shows_it() {
        assert_eq!(cell_text(&Data::Float(0.1 + 0.2)), "0.3");
        assert_eq!(cell_text(&Data::Float(57.1)), "57.1");
        assert_eq!(cell_text(&Data::Float(1234.0)), "1234");
        assert_eq!(cell_text(&Data::Int(7)), "7");
    }
}
