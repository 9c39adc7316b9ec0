//! `space-in-japanese`: spaces between two Japanese characters, 「目 標 名」→「目標名」.
//!
//! Spacing out letters with blanks is WCAG failure F32: a screen reader reads 「目 標」 as
//! two unrelated characters. Any run of ASCII spaces, full-width spaces (U+3000) or
//! no-break spaces (U+00A0) between two Japanese characters (kanji, kana, 々, ー, and
//! Japanese punctuation such as 、。「」（）) is flagged; a word spaced out over several
//! runs (「目 標 名」) is one finding whose suggestion is the text without the spaces.
//!
//! Choices:
//! - leading indentation (spaces at the start of the text or of a line) is not flagged;
//! - katakana–space–katakana is not flagged: it separates the parts of a foreign name
//!   (「ジョン スミス」), as textlint's rule does;
//! - a space next to an ASCII letter or digit is not flagged (「令和 7年度」「PDCA サイクル」):
//!   spacing between Japanese and alphanumerics is a style choice and reads correctly.
use super::{Chars, Finding, TextKind, is_japanese, is_katakana};

/// Rule id.
pub(super) const ID: &str = "space-in-japanese";

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{A0}')
}

/// Finds spaces between Japanese characters; see the module doc.
pub(super) fn check(c: &Chars, _kind: TextKind) -> Vec<Finding> {
    // Flagged space runs as (index of the char before, index of the char after).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if !c.get(i).is_some_and(is_space) {
            i += 1;
            continue;
        }
        let mut j = i;
        while c.get(j).is_some_and(is_space) {
            j += 1;
        }
        if i > 0 {
            let (a, b) = (c.get(i - 1), c.get(j));
            let both_japanese = a.is_some_and(is_japanese) && b.is_some_and(is_japanese);
            let katakana_name = a.is_some_and(is_katakana) && b.is_some_and(is_katakana);
            if both_japanese && !katakana_name {
                runs.push((i - 1, j));
            }
        }
        i = j;
    }
    // Merge runs that share a character (「目 標 名」) into one finding.
    let mut out = Vec::new();
    let mut k = 0;
    while k < runs.len() {
        let first = k;
        while k + 1 < runs.len() && runs[k + 1].0 == runs[k].1 {
            k += 1;
        }
        let (start, end) = (runs[first].0, runs[k].1 + 1);
        let text = c.slice(start, end);
        let fixed: String = text.chars().filter(|&x| !is_space(x)).collect();
        let kind = if text.contains('\u{3000}') {
            "全角空白"
        } else {
            "空白"
        };
        out.push(c.finding(
            start,
            end,
            ID,
            format!("日本語の文字の間に{kind}があります（読み上げで語が分断されます）"),
            fixed,
        ));
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{RuleSet, TextKind, proofread};

    fn run(text: &str) -> Vec<(usize, usize, String)> {
        proofread(text, TextKind::Prose, &RuleSet::all())
            .into_iter()
            .filter(|f| f.rule == super::ID)
            .map(|f| (f.start, f.end, f.suggestion))
            .collect()
    }

    #[test]
    fn flags_spaced_out_words() {
        assert_eq!(run("目 標 名"), vec![(0, 11, "目標名".to_string())]);
        assert_eq!(run("氏\u{3000}名"), vec![(0, 9, "氏名".to_string())]);
        assert_eq!(run("実施\u{A0}します"), vec![(3, 11, "施し".to_string())]);
        assert_eq!(run("です。 次に"), vec![(6, 13, "。次".to_string())]);
    }

    #[test]
    fn leaves_exempt_spaces_alone() {
        for text in [
            "　本町では、",
            "  本町では、",
            "ジョン スミス氏",
            "令和 7年度",
            "PDCA サイクル",
            "本町では\n　次に",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }
}
