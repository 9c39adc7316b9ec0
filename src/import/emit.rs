//! The content files an import writes, as text: `content/<課>/_index.md` and one goal file
//! per sheet, in the contract's format and the key order of the hand-written files in
//! `content/` (title, weight, duties, served; title, weight, indicator {name, unit,
//! direction, baseline, actual, targets}, basis, summary; then the three body headings).
//!
//! Strings are written plain where YAML reads them back unchanged, and double-quoted (JSON
//! escaping, which is valid YAML) everywhere else, so a title holding `: ` or ` #`, a
//! leading `-` or a `yes` survives; the tests read every file back with the real front
//! matter parser.

use std::fmt::Write as _;

use super::direction::{self, Inference};
use super::table::{Entry, GoalTable};

/// The department's `_index.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DepartmentPage {
    /// 課名.
    pub title: String,
    /// Order on the home page.
    pub weight: i64,
    /// 主な業務, voted.
    pub duties: Vec<String>,
    /// 業務の対象, voted, one paragraph a line.
    pub served: Vec<String>,
    /// Where the facts came from, for the comment on top.
    pub provenance: String,
}

/// One goal file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GoalPage<'a> {
    /// The sheet's table.
    pub table: &'a GoalTable,
    /// Order inside the department.
    pub weight: i64,
    /// What the numbers say about `direction`.
    pub inference: Inference,
    /// Sections 4–6 as Markdown lines.
    pub prose: &'a [Vec<String>; 3],
    /// Where the sheet came from, for the comment on top.
    pub provenance: String,
}

/// The body headings for sections 4, 5 and 6 (the contract's convention).
pub(crate) const BODY_HEADINGS: [&str; 3] = [
    "期待される効果",
    "昨年度の取り組みと反省点",
    "今年度の取り組み",
];

/// `content/<課>/_index.md`.
pub(crate) fn department_file(page: &DepartmentPage) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "# {}", comment_text(&page.provenance));
    let _ = writeln!(out, "title: {}", scalar(&page.title));
    let _ = writeln!(out, "weight: {}", page.weight);
    if !page.duties.is_empty() {
        out.push_str("duties:\n");
        for duty in &page.duties {
            let _ = writeln!(out, "  - {}", scalar(duty));
        }
    }
    if !page.served.is_empty() {
        out.push_str(&folded("served", &page.served));
    }
    out.push_str("---\n");
    out
}

/// `content/<課>/<目標>.md`.
pub(crate) fn goal_file(page: &GoalPage) -> String {
    let t = page.table;
    let mut out = String::from("---\n");
    let _ = writeln!(out, "# {}", comment_text(&page.provenance));
    let _ = writeln!(out, "title: {}", scalar(&t.title));
    let _ = writeln!(out, "weight: {}", page.weight);
    out.push_str("indicator:\n");
    let _ = writeln!(out, "  name: {}", scalar(&t.indicator));
    if !t.unit.is_empty() {
        let _ = writeln!(out, "  unit: {}", scalar(&t.unit));
    }
    let last = t.targets.last().copied().unwrap_or(t.baseline);
    let why = direction::comment(
        page.inference,
        (t.baseline.value, t.baseline.decimals),
        (last.value, last.decimals),
    );
    let _ = writeln!(
        out,
        "  direction: {}   # {}",
        page.inference.direction().code(),
        comment_text(&why)
    );
    let _ = writeln!(
        out,
        "  baseline: {{ year: {}, value: {} }}   # 初期値",
        t.baseline.year.label(),
        number(&t.baseline)
    );
    series(&mut out, "actual", "実績（現状値）", &t.actual);
    series(
        &mut out,
        "targets",
        "目標値（最後の年度が最終目標値）",
        &t.targets,
    );
    for (key, value) in [("basis", &t.basis), ("summary", &t.summary)] {
        if let Some(v) = value {
            let _ = writeln!(out, "{key}: {}", scalar(v));
        }
    }
    out.push_str("---\n");
    for (heading, lines) in BODY_HEADINGS.iter().zip(page.prose) {
        if lines.is_empty() {
            continue;
        }
        let _ = write!(out, "\n## {heading}\n\n{}\n", lines.join("\n"));
    }
    out
}

fn series(out: &mut String, key: &str, note: &str, entries: &[Entry]) {
    if entries.is_empty() {
        return;
    }
    let _ = writeln!(out, "  {key}:   # {note}");
    for e in entries {
        let _ = writeln!(out, "    {}: {}", e.year.label(), number(e));
    }
}

/// A value as written on the sheet, without unit or separators (`75.0`, `9400`, `-5`).
fn number(e: &Entry) -> String {
    format!("{:.*}", usize::from(e.decimals), e.value)
}

/// `served: >-` with one paragraph a line (a blank line between paragraphs keeps them
/// apart when YAML folds the block). Text a block cannot hold is double-quoted instead.
fn folded(key: &str, paragraphs: &[String]) -> String {
    let block_safe = paragraphs.iter().all(|p| {
        !p.is_empty() && p.trim() == p && !p.chars().any(|c| c.is_control() || is_yaml_break(c))
    });
    if !block_safe {
        return format!("{key}: {}\n", quoted(&paragraphs.join("\n")));
    }
    let mut out = format!("{key}: >-\n");
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "  {p}");
    }
    out
}

/// A YAML scalar that reads back as exactly `s`.
pub(crate) fn scalar(s: &str) -> String {
    if is_plain_safe(s) {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// Double-quoted, with JSON's escapes (valid YAML), plus the characters YAML 1.1 treats as
/// line breaks and the BOM, which JSON leaves as they are.
fn quoted(s: &str) -> String {
    let json = serde_json::to_string(s).expect("a string serialises");
    json.chars()
        .map(|c| {
            if is_yaml_break(c) || c == '\u{feff}' || (c.is_control() && c != '\n') {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn is_yaml_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Plain only when nothing in it means something to YAML: no indicator first, no `: ` or
/// ` #`, no words YAML reads as booleans or null, nothing that could be a number or a date.
fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    const INDICATORS: &str = "-?:,[]{}#&*!|>'\"%@`";
    const SPECIAL: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
    ];
    !(INDICATORS.contains(first)
        || first.is_whitespace()
        || first.is_ascii_digit()
        || first == '+'
        || first == '.'
        || s.ends_with(char::is_whitespace)
        || s.ends_with(':')
        || s.contains(": ")
        || s.contains(" #")
        || s.contains('\t')
        || s.chars()
            .any(|c| c.is_control() || is_yaml_break(c) || c == '\u{feff}')
        || SPECIAL.contains(&s.to_ascii_lowercase().as_str()))
}

/// Text for a `#` comment: one line, no control characters.
pub(super) fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || is_yaml_break(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::NodeValue;
    use crate::content::front_matter;

    fn read_back(s: &str) -> String {
        let yaml = format!("title: {}\n", scalar(s));
        let node = front_matter::parse(&yaml, 1).unwrap_or_else(|e| panic!("{yaml}: {e:?}"));
        match &node.get("title").unwrap().value {
            NodeValue::String(v) => v.clone(),
            other => panic!("{yaml} read as {other:?}"),
        }
    }

    #[test]
    fn every_string_reads_back_as_written() {
        for s in [
            "地域コミュニティの推進",
            "目標: 加入率 #1 を目指す",
            "- 箇条書きのような題",
            "#タグ",
            "yes",
            "No",
            "null",
            "2025",
            "1.5倍",
            "%",
            "「引用」と'単引用'と\"二重\"",
            "末尾に空白 ",
            " 先頭に空白",
            "タブ\tを含む",
            "改行\nを含む",
            "行区切り\u{2028}を含む",
            "*強調*",
            "{ 波括弧 }",
            "a:b",
            "@",
            "~",
        ] {
            assert_eq!(read_back(s), s, "{s:?} → {}", scalar(s));
        }
        assert_eq!(scalar("地域コミュニティの推進"), "地域コミュニティの推進");
        assert_eq!(scalar("%"), "\"%\"");
    }
}
