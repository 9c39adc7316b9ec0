//! `truncated`: text cut short, as when a cell is pasted from a spreadsheet that hid its
//! last characters: 「…に関するこ」 (→「…に関すること」), 「…を行いま」 (→「…を行います」).
//!
//! Where: for [`TextKind::Item`] the end of the text; for [`TextKind::Prose`] the end of
//! the text, the end of each line, and the end of each sentence (before 。！？).
//! A line end inside a paragraph is not flagged when the next line starts with hiragana:
//! that is a soft line break inside a word or phrase (「行いま\nす」「してい\nます」).
//!
//! What (word fragments that cannot end a sentence or an item):
//! - 〜こ (not ここ, そこ, どこ, あそこ, 根っこ) → 〜こと;
//! - 連用形＋ま / まし / ませ (「行いま」「しまし」「できませ」; not 「ただいま」
//!   「くださいませ」, where い follows a kana) → ます / ました / ません;
//! - 〜でし → でした, 〜であ → である, 〜につ / 〜につい → について,
//!   〜てい / 〜でい → ている / でいる, 〜に関す → に関する;
//! - at the very end of the text only: a trailing 、 or ，, 及び, 並びに, 又は, 若しくは,
//!   and 〜され / 〜られ (→ される / られる). (A line inside a paragraph may end with 、
//!   when the author wraps lines.)
//!
//! Legit endings are never matched: こと, ため, もの, など, ので, kanji and katakana,
//! closing brackets 」）, and ます/です/する/した/いる/ある/れる/られる.
use super::{Finding, MASU_STEMS, TextKind, is_hiragana, is_kanji};

/// Rule id.
pub(super) const ID: &str = "truncated";

/// The char `k` chars back from the end of `before` (1 is the last char).
fn back(before: &str, k: usize) -> Option<char> {
    before.chars().rev().nth(k.checked_sub(1)?)
}

/// The truncated fragment that `before` ends with, if any: (the fragment, the missing text).
fn fragment(before: &str, at_text_end: bool) -> Option<(&'static str, &'static str)> {
    let ch = |k: usize| back(before, k);
    let ends = |s: &str| before.ends_with(s);
    let kana_or_kanji = |x: char| is_hiragana(x) || is_kanji(x);
    // ま / まし / ませ after a 連用形.
    let masu = |k: usize| {
        ch(k).is_some_and(|s| {
            MASU_STEMS.contains(&s) && (s != 'い' || ch(k + 1).is_some_and(is_kanji))
        })
    };
    let found = match before.chars().next_back()? {
        'ま' if masu(2) => ("ま", "す"),
        'し' if ends("まし") && masu(3) => ("まし", "た"),
        'し' if ends("でし") && ch(3).is_some_and(kana_or_kanji) => ("でし", "た"),
        'せ' if ends("ませ") && masu(3) => ("ませ", "ん"),
        'こ' if ch(2).is_some_and(|x| kana_or_kanji(x) && !"こそどっ".contains(x)) => {
            ("こ", "と")
        }
        'あ' if ends("であ") => ("であ", "る"),
        'い' if ends("につい") => ("につい", "て"),
        'い' if ends("てい") && ch(3).is_some_and(is_hiragana) => ("てい", "る"),
        'い' if ends("でい") && ch(3).is_some_and(is_hiragana) => ("でい", "る"),
        'つ' if ends("につ") => ("につ", "いて"),
        'す' if ends("に関す") => ("に関す", "る"),
        'れ' if at_text_end && ends("され") && ch(3).is_some_and(kana_or_kanji) => {
            ("され", "る")
        }
        'れ' if at_text_end && ends("られ") && ch(3).is_some_and(kana_or_kanji) => {
            ("られ", "る")
        }
        'び' | 'に' | 'は' | 'く' | '、' | '，' if at_text_end => {
            let conj = ["及び", "並びに", "又は", "若しくは", "、", "，"];
            (conj.into_iter().find(|c| ends(c))?, "")
        }
        _ => return None,
    };
    Some(found)
}

/// The start of the run of up to `max` chars matching `pred` that ends at byte `start`.
fn extend_left(text: &str, mut start: usize, max: usize, pred: fn(char) -> bool) -> usize {
    for (i, c) in text[..start].char_indices().rev().take(max) {
        if !pred(c) {
            break;
        }
        start = i;
    }
    start
}

/// Reports the fragment ending at byte `p`, if any.
fn check_at(text: &str, p: usize, at_text_end: bool, next_line: Option<char>) -> Option<Finding> {
    let (frag, missing) = fragment(&text[..p], at_text_end)?;
    if next_line.is_some_and(is_hiragana) {
        return None;
    }
    let frag_start = p - frag.len();
    if missing.is_empty() {
        return Some(Finding {
            start: frag_start,
            end: p,
            rule: ID,
            message: format!("「{frag}」で終わっています（文が途中で切れている可能性）"),
            suggestion: format!("「{frag}」の後を書き足すか、「{frag}」を削除してください"),
        });
    }
    // Extend left over up to two kana and three kanji so the suggestion reads as a word.
    // (Not for 「につ」「に関す」: the particle already starts the phrase.)
    let mut start = frag_start;
    if !frag.starts_with('に') {
        start = extend_left(text, start, 2, is_hiragana);
        start = extend_left(text, start, 3, is_kanji);
    }
    let word = &text[start..p];
    Some(Finding {
        start,
        end: p,
        rule: ID,
        message: format!("「{word}」で途切れています（「{word}{missing}」の書きかけの可能性）"),
        suggestion: format!("{word}{missing}"),
    })
}

/// Finds truncated sentences and items; see the module doc. Works on the text itself: it
/// looks only back from `ends`, the byte offsets of the text's line ends and sentence ends
/// (`\n` 。！？, in order), and from the end of the text.
pub(super) fn check(text: &str, kind: TextKind, ends: &[usize]) -> Vec<Finding> {
    let mut out = Vec::new();
    let end = text.trim_end().len();
    for &i in ends.iter().take_while(|&&i| i < end) {
        if text.as_bytes()[i] != b'\n' {
            out.extend(check_at(text, i, false, None));
        } else if kind == TextKind::Prose {
            let p = text[..i].trim_end().len();
            let next = text[i + 1..].trim_start().chars().next();
            if p > 0 {
                out.extend(check_at(text, p, false, next));
            }
        }
    }
    out.extend(check_at(text, end, true, None));
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn run(text: &str, kind: TextKind) -> Vec<(String, String)> {
        snippets(super::ID, text, kind)
    }

    #[test]
    fn flags_truncation() {
        let cases: &[(&str, TextKind, &str, &str)] = &[
            (
                "自治会活動の支援などのコミュニティ活動の促進、選挙の管理・執行、監査委員の事務に関するこ",
                TextKind::Item,
                "関するこ",
                "関すること",
            ),
            ("防災訓練を行いま", TextKind::Item, "行いま", "行います"),
            (
                "説明会を開催しまし",
                TextKind::Item,
                "開催しまし",
                "開催しました",
            ),
            (
                "本年度は実施できませ",
                TextKind::Item,
                "実施できませ",
                "実施できません",
            ),
            ("道路の維持管理につ", TextKind::Item, "につ", "について"),
            (
                "点検を行いま。次の計画を立てます。",
                TextKind::Prose,
                "行いま",
                "行います",
            ),
            (
                "計画を見直してい\n次の段落です。",
                TextKind::Prose,
                "見直してい",
                "見直している",
            ),
        ];
        for (text, kind, range, suggestion) in cases {
            assert_eq!(
                run(text, *kind),
                vec![(range.to_string(), suggestion.to_string())],
                "{text}"
            );
        }
        let found = run("公園の維持管理及び", TextKind::Item);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "及び");
    }

    #[test]
    fn leaves_complete_endings_alone() {
        for text in [
            "地域の防災に関すること",
            "住民の健康を守るため",
            "町が管理するもの",
            "公園、道路など",
            "予算が限られているので",
            "集会所はここ",
            "地域福祉計画",
            "コミュニティバス",
            "「広報」（月刊）",
            "点検を行います",
            "点検を行いました",
            "説明会を開催する",
            "利用者が増えている",
            "ご来場くださいませ",
            "ただいま",
            "みなさま",
            "そのまま",
        ] {
            assert_eq!(run(text, TextKind::Item), vec![], "{text}");
        }
        assert_eq!(run("点検を行いま\nす。", TextKind::Prose), vec![]);
        assert_eq!(run("公園、\n道路を整備します。", TextKind::Prose), vec![]);
        assert_eq!(run("点検を行ってい\nます。", TextKind::Prose), vec![]);
        assert_eq!(run("木の根っこ", TextKind::Item), vec![]);
        assert_eq!(
            run("点検を行いま\r\n次の計画です。", TextKind::Prose),
            vec![("行いま".to_string(), "行います".to_string())]
        );
    }
}
