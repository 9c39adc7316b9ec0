//! `space-in-japanese`: spaces between two Japanese characters, 「目 標 名」→「目標名」.
//!
//! Spacing out letters with blanks is WCAG failure F32: a screen reader reads 「目 標」 as
//! two unrelated characters. A run of ASCII spaces, full-width spaces (U+3000) or
//! no-break spaces (U+00A0) between two Japanese characters (kanji, kana, 々, ー, and
//! Japanese punctuation such as 、。「」（）) is flagged when
//! - it spaces out single characters: a word on either side is one character long
//!   (「目 標 名」「氏　名」「主 な 取 組」), or
//! - it follows or precedes 、 or 。 (「本町では、 健康づくり」), or
//! - it sits in running prose: the line has 、。！？ (「地域 包括支援センターと連携して、」).
//!
//! A word spaced out over several runs (「目 標 名」) is one finding whose suggestion is the
//! text without the spaces.
//!
//! Choices:
//! - a space between two words of a title, label or heading without sentence punctuation
//!   is a word separator and is not flagged: 「毛呂山町 行政評価」「担当課　総務課」
//!   「第1条　目的」 read correctly;
//! - a personal name 「姓 名」 followed by an honorific (「山田 太郎氏」「佐藤 花子様」) is not
//!   flagged even in prose; a bare 「山田 太郎」 inside a sentence is;
//! - leading indentation (spaces at the start of the text or of a line) is not flagged;
//! - katakana–space–katakana is not flagged: it separates the parts of a foreign name
//!   (「ジョン スミス」), as textlint's rule does;
//! - a space next to an ASCII letter or digit is not flagged (「令和 7年度」「PDCA サイクル」):
//!   spacing between Japanese and alphanumerics is a style choice and reads correctly.
use super::{Chars, Finding, TextKind, is_japanese, is_jp_punct, is_kanji, is_katakana};

/// Rule id.
pub(super) const ID: &str = "space-in-japanese";

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{A0}')
}

/// Honorifics and titles after a personal name written 「姓 名」.
const TITLES: &[&str] = &[
    "氏",
    "様",
    "さん",
    "先生",
    "議員",
    "委員",
    "会長",
    "町長",
    "課長",
    "教授",
    "代表",
    "理事長",
];

/// Whether the space run `i..j` (between two Japanese characters) splits text rather than
/// separating two words of a title or label.
fn splits_text(c: &Chars, i: usize, j: usize) -> bool {
    let word = |mut k: usize, step: isize| {
        let mut n = 0;
        let letter = |x: char| (is_japanese(x) && !is_jp_punct(x)) || x.is_alphanumeric();
        while c.get(k).is_some_and(letter) {
            n += 1;
            match k.checked_add_signed(step) {
                Some(next) => k = next,
                None => break,
            }
        }
        n
    };
    let (left, right) = (word(i - 1, -1), word(j, 1));
    // 「山田 太郎氏」: a personal name with its honorific.
    let given_name_then_title = (1..=3).any(|k| {
        (j..j + k).all(|m| c.get(m).is_some_and(is_kanji))
            && TITLES.iter().any(|t| c.rest(j + k).starts_with(t))
    });
    if left >= 2 && c.prev(i).is_some_and(is_kanji) && given_name_then_title {
        return false;
    }
    let kuten = |x: Option<char>| matches!(x, Some('、' | '。' | '，' | '．'));
    if left == 1 || right == 1 || kuten(c.get(i - 1)) || kuten(c.get(j)) {
        return true;
    }
    let line_start = c.before(i).rfind('\n').map_or(0, |b| b + 1);
    let line_end = c.rest(j).find('\n').map_or(c.rest(j).len(), |b| b) + c.byte(j);
    let line = &c.rest(0)[line_start..line_end];
    line.contains(['、', '。', '！', '？'])
}

/// Every finding has a space right after a Japanese character.
#[inline]
pub(super) fn trigger(prev: Option<char>, c: char) -> bool {
    is_space(c) && prev.is_some_and(is_japanese)
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
            if both_japanese && !katakana_name && splits_text(c, i, j) {
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
    use super::super::test_support::*;

    fn run(text: &str) -> Vec<(usize, usize, String)> {
        spans(super::ID, text)
    }

    #[test]
    fn flags_spaced_out_words() {
        assert_eq!(run("目 標 名"), vec![(0, 11, "目標名".to_string())]);
        assert_eq!(run("氏\u{3000}名"), vec![(0, 9, "氏名".to_string())]);
        assert_eq!(run("実施\u{A0}します。"), vec![(3, 11, "施し".to_string())]);
        assert_eq!(run("です。 次に"), vec![(6, 13, "。次".to_string())]);
        assert_eq!(
            run("地域 包括支援センターと連携して、"),
            vec![(3, 10, "域包".to_string())]
        );
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
            "毛呂山町 行政評価",
            "担当課　総務課",
            "第1条　目的",
            "講師の山田 太郎氏が、講演しました。",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }
}
