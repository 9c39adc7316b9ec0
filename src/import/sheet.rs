//! The legacy text sheet (the town's 評価シート) → [`Sheet`]s, every piece with the line it
//! came from. A file holds one or more sheets; each sheet has six numbered sections:
//! 1 主な業務, 2 業務の対象, 3 数値目標 (a tab-separated table, see [`super::table`]),
//! 4 期待される効果, 5 昨年度の反省点, 6 今年度の取り組み.
//!
//! Headings are found as they are really written: `**1 当課の主な業務は…**`, full-width
//! digits, `#` headings, or a bare number followed by the section's own words. A section
//! number not after the previous one starts the next sheet. Problems become diagnostics
//! at the sheet's file and line; nothing here touches the disk.

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::content::SourceFile;
use crate::diag::{Code, Diagnostic, Diagnostics};

use super::table::{self, GoalTable};

/// One line of a sheet, trimmed of its bullet or list mark where that matters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line in the sheet file.
    pub line: usize,
    /// The text.
    pub text: String,
}

/// One goal sheet, as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sheet {
    /// The file, as given on the command line.
    pub path: PathBuf,
    /// Line of the sheet's first heading.
    pub line: usize,
    /// Heading of section 1 (repeated in every sheet; compared between copies), with
    /// full-width digits and spaces made half-width.
    pub duties_heading: Option<Line>,
    /// Section 1: the department's duties, one item a line, without `- ・`.
    pub duties: Vec<Line>,
    /// Heading of section 2.
    pub served_heading: Option<Line>,
    /// Section 2: whom the department serves, one paragraph a line.
    pub served: Vec<Line>,
    /// Section 3: the goal's table.
    pub goal: GoalTable,
    /// Sections 4, 5 and 6 as Markdown lines (may be empty).
    pub prose: [Vec<String>; 3],
}

/// A sheet being read: the line it starts at and its sections so far.
type OpenSheet = (usize, Vec<(Heading, Vec<Line>)>);

/// A numbered heading found in the text.
struct Heading {
    number: u8,
    line: Line,
}

/// Splits a decoded sheet file into sheets. Errors and warnings go to `diags` with the
/// file's path; a sheet with an error is left out.
pub(crate) fn parse_sheets(source: &SourceFile, diags: &mut Diagnostics) -> Vec<Sheet> {
    let mut sheets = Vec::new();
    let mut current: Option<OpenSheet> = None;
    let mut preamble: Vec<Line> = Vec::new();
    for (i, raw) in source.text.lines().enumerate() {
        let line = Line {
            line: i + 1,
            text: raw.trim_end().to_string(),
        };
        let heading = heading(&line.text);
        match (heading, current.as_mut()) {
            // A number after the last one continues the sheet; any other starts the next.
            (Some(number), Some((_, sections)))
                if sections.last().is_some_and(|(h, _)| number > h.number) =>
            {
                sections.push((Heading { number, line }, Vec::new()));
            }
            (Some(number), _) => {
                if let Some((start, sections)) = current.take() {
                    sheets.extend(build_sheet(source, start, sections, diags));
                }
                current = Some((line.line, vec![(Heading { number, line }, Vec::new())]));
            }
            (None, Some((_, sections))) => {
                if let Some((_, body)) = sections.last_mut() {
                    body.push(line);
                }
            }
            (None, None) => {
                if !line.text.trim().is_empty() {
                    preamble.push(line);
                }
            }
        }
    }
    if let Some((start, sections)) = current.take() {
        sheets.extend(build_sheet(source, start, sections, diags));
    }
    report_preamble(source, &preamble, diags);
    if sheets.is_empty() && !diags.has_errors() {
        diags.push(
            Diagnostic::error(Code::SheetEmpty, &source.path, 1, 0, "評価シートの見出し（**1 当課の主な業務は…** から **6 …取り組みを行います。** まで）が見つかりません")
                .with_help("町の評価シートの様式（番号付きの6つの見出し）のテキストを指定してください"),
        );
    }
    sheets
}

/// Text before the first heading (a title line, a date) is not part of any sheet.
fn report_preamble(source: &SourceFile, preamble: &[Line], diags: &mut Diagnostics) {
    if let Some(first) = preamble.first() {
        diags.push(
            Diagnostic::warning(
                Code::SheetPreamble,
                &source.path,
                first.line,
                1,
                format!("最初の見出しより前の{}行は読み飛ばしました", preamble.len()),
            )
            .with_help("必要な内容なら、取り込んだ後のファイルに書き足してください")
            .with_source_line(source.line(first.line)),
        );
    }
}

/// The section number of a heading line: bold (`**…**`) or `#` headings with a leading
/// 1–6, or a bare number followed by the words of that section.
pub(crate) fn heading(text: &str) -> Option<u8> {
    let t: String = text.trim().nfkc().collect();
    let mut t = t.as_str();
    let mut marked = false;
    if let Some(inner) = t.strip_prefix("**").and_then(|s| s.strip_suffix("**")) {
        t = inner.trim();
        marked = true;
    } else if t.starts_with('#') {
        t = t.trim_start_matches('#').trim();
        marked = true;
    }
    let mut chars = t.chars();
    let number = chars.next()?.to_digit(10)?;
    let rest = chars.as_str();
    if !(1..=6).contains(&number) || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // `**1 当課…**`, `1. 当課…`: a mark after the number (`**3月に…**` is not a heading).
    let separated = rest.starts_with(['.', '、', ')', ' ', '　']);
    let rest = rest.trim_start_matches(['.', '、', ')', ' ', '　']);
    let words: &[&str] = match number {
        1 => &["主な業務"],
        2 => &["方々のため", "業務の対象"],
        3 => &["数値目標"],
        4 => &["効果"],
        5 => &["反省"],
        _ => &["取り組み", "取組"],
    };
    let number = number as u8;
    ((marked && separated) || words.iter().any(|w| rest.contains(w))).then_some(number)
}

fn build_sheet(
    source: &SourceFile,
    start: usize,
    sections: Vec<(Heading, Vec<Line>)>,
    diags: &mut Diagnostics,
) -> Option<Sheet> {
    let (mut duties_heading, mut duties) = (None, Vec::new());
    let (mut served_heading, mut served) = (None, Vec::new());
    let mut goal = None;
    let mut table_failed = false;
    let mut prose: [Vec<String>; 3] = Default::default();
    for (heading, body) in sections {
        match heading.number {
            1 => {
                duties = items(&body);
                duties_heading = Some(comparable(heading.line));
            }
            2 => {
                served = body
                    .into_iter()
                    .filter(|l| !l.text.trim().is_empty())
                    .map(|l| Line {
                        text: l.text.trim().to_string(),
                        ..l
                    })
                    .collect();
                served_heading = Some(comparable(heading.line));
            }
            3 => {
                goal = table::parse_table(source, &heading.line, &body, diags);
                table_failed = goal.is_none();
            }
            n => prose[usize::from(n) - 4] = markdown_lines(&body),
        }
    }
    if goal.is_none() && !table_failed {
        diags.push(
            Diagnostic::error(
                Code::SheetNoTable,
                &source.path,
                start,
                1,
                "このシートには「3 当課の掲げる数値目標…」の表がありません",
            )
            .with_help("目標名・指標名・数値目標の表を含むシートを指定してください")
            .with_source_line(source.line(start)),
        );
    }
    Some(Sheet {
        path: source.path.clone(),
        line: start,
        duties_heading,
        duties,
        served_heading,
        served,
        goal: goal?,
        prose,
    })
}

/// A heading as copies are compared: `**１　当課…**` and `**1 当課…**` are the same words.
fn comparable(line: Line) -> Line {
    let text: String = line.text.nfkc().collect();
    Line {
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        ..line
    }
}

/// Section 1's list: every non-empty line is one item, without its marks (`- ・`, `・`).
fn items(body: &[Line]) -> Vec<Line> {
    body.iter()
        .filter(|l| !l.text.trim().is_empty())
        .map(|l| Line {
            line: l.line,
            text: strip_bullet(&l.text).to_string(),
        })
        .collect()
}

/// `- ・毛呂山町…` → `毛呂山町…`.
pub(crate) fn strip_bullet(text: &str) -> &str {
    let t = text.trim();
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .unwrap_or(t)
        .trim_start();
    t.trim_start_matches(['・', '･', '●', '○', '■', '□'])
        .trim_start_matches([' ', '　'])
}

/// Sections 4–6 as Markdown: `- ・item` and `・item` lines become `- item` list items (a
/// `・` line would otherwise run into its neighbours, as Japanese soft breaks render as
/// nothing); blank lines at either end dropped, runs of blank lines made one.
fn markdown_lines(body: &[Line]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in body {
        let t = l.text.trim();
        if t.is_empty() {
            if out.last().is_some_and(|last| !last.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        let bullet = t.starts_with("- ") || t.starts_with("* ") || t.starts_with('・');
        out.push(if bullet {
            format!("- {}", strip_bullet(t))
        } else {
            l.text.trim_end().to_string()
        });
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// The file name of a sheet for comments and summaries (no folders, no control characters).
pub(crate) fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_as_the_sheets_write_them() {
        assert_eq!(
            heading("**1 当課の主な業務は次のように定義されます。**"),
            Some(1)
        );
        assert_eq!(
            heading("**２　当課の業務は次の方々のために行われれます。**"),
            Some(2)
        );
        assert_eq!(heading("## 3. 当課の掲げる数値目標"), Some(3));
        assert_eq!(
            heading("4 目標達成に向けた取り組みにより、次の効果が期待されます。"),
            Some(4)
        );
        assert_eq!(heading("5年後には加入率が上がる見込みです。"), None);
        assert_eq!(heading("**10 その他**"), None);
        assert_eq!(heading("3 件の相談がありました。"), None);
        assert_eq!(heading("- ・条例・規則などの制定改廃に関すること"), None);
        assert_eq!(heading("**3月に研修会を開きました**"), None);
        assert_eq!(heading("**2024年度の実績**"), None);
    }

    #[test]
    fn the_seed_file_holds_three_sheets_with_their_lines() {
        let text = include_str!("../../tests/fixtures/seed/somu-sheets.txt");
        let mut diags = Diagnostics::new();
        let sheets = parse_sheets(&SourceFile::new("s.txt", text.to_string()), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let starts: Vec<usize> = sheets.iter().map(|s| s.line).collect();
        assert_eq!(starts, [3, 39, 75]);
        assert_eq!(sheets[0].duties.len(), 6);
        assert_eq!(sheets[0].duties[1].line, 6);
        assert!(sheets[0].duties[1].text.ends_with("に関するこ"));
        assert_eq!(sheets[1].served_heading.as_ref().map(|h| h.line), Some(48));
        assert_eq!(
            sheets[2].goal.indicator,
            "町役場の窓口（行政）サービスに対する満足度"
        );
        assert_eq!(sheets[2].prose[2].len(), 1);
    }

    #[test]
    fn text_before_the_first_heading_and_a_sheet_without_its_table() {
        let text = "総務課 令和7年度\n\n**1 当課の主な業務は次のように定義されます。**\n\n- ・防災に関すること\n\n**4 次の効果が期待されます。**\n\n効果です。\n";
        let mut diags = Diagnostics::new();
        let sheets = parse_sheets(&SourceFile::new("s.txt", text.to_string()), &mut diags);
        assert!(sheets.is_empty());
        let found: Vec<(usize, &str)> = diags.iter().map(|d| (d.line, d.code)).collect();
        assert_eq!(
            found,
            [(3, Code::SheetNoTable.id()), (1, Code::SheetPreamble.id())]
        );
    }

    /// `hyoka import` never gets here with such text (it looks for headings 1 and 3 first),
    /// so the message is pinned here rather than in tests/testsuite/messages.rs.
    #[test]
    fn text_without_headings_is_not_a_sheet() {
        let mut diags = Diagnostics::new();
        let sheets = parse_sheets(&SourceFile::new("s.txt", "メモです\n".into()), &mut diags);
        assert!(sheets.is_empty());
        let d = diags
            .iter()
            .find(|d| d.code == Code::SheetEmpty.id())
            .expect("E-SHEET-EMPTY");
        assert_eq!(d.line, 1);
        assert_eq!(
            d.render(),
            "s.txt:1: エラー: 評価シートの見出し（**1 当課の主な業務は…** から **6 …取り組みを行います。** まで）が見つかりません — 町の評価シートの様式（番号付きの6つの見出し）のテキストを指定してください [E-SHEET-EMPTY]\n"
        );
    }

    #[test]
    fn bullets_lose_their_marks() {
        assert_eq!(strip_bullet("- ・条例に関すること"), "条例に関すること");
        assert_eq!(strip_bullet("・ 条例に関すること"), "条例に関すること");
        assert_eq!(strip_bullet("条例に関すること"), "条例に関すること");
    }

    #[test]
    fn prose_keeps_paragraphs_and_makes_dots_a_list() {
        let body: Vec<Line> = ["", "第一段落です。", "", "", "- ・一つ目", "・二つ目", ""]
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                line: i + 1,
                text: t.to_string(),
            })
            .collect();
        assert_eq!(
            markdown_lines(&body),
            ["第一段落です。", "", "- 一つ目", "- 二つ目"]
        );
    }
}
