//! `small-ya-yu-yo`: a large や・ゆ・よ where the small ゃ・ゅ・ょ (拗音) is meant, the same
//! slip as `small-tsu`: 「しましよう」→「しましょう」, 「進むでしよう」→「進むでしょう」,
//! 「いつしよに」→「いっしょに」, 「コミユニティ」→「コミュニティ」.
//!
//! What is checked, each with the context that makes it a typo:
//! - 〜ましよう after a 連用形 (「参加しましよう」「見ましよう」; not 「励ましよう」, where
//!   ま belongs to the verb);
//! - 〜でしよう after the plain form of a verb or adjective (う く す む る …, た, い, ん, の:
//!   「進むでしよう」「ないでしよう」; not 「みんなでしよう」, で＋しよう);
//! - the words ちようど, いつしよ・いっしよ, and katakana words written with a large ヤユヨ
//!   ([`WORDS`]: コミユニティ, ニユース, スケジユール …).
//!
//! Not checked: しよう alone (「検討しよう」 is the volitional form of する), しやすい
//! (し＋やすい), and katakana words in general (リユース, キヤノン are spelled so).
use super::{Chars, Finding, TextKind, ends_with_masu_stem, is_hiragana, is_katakana};

/// Rule id.
pub(super) const ID: &str = "small-ya-yu-yo";

/// Whole words written with a large や・ゆ・よ, and their spelling.
const WORDS: &[(&str, &str)] = &[
    ("ちようど", "ちょうど"),
    ("いつしよ", "いっしょ"),
    ("いっしよ", "いっしょ"),
    ("コミユニティ", "コミュニティ"),
    ("ニユース", "ニュース"),
    ("スケジユール", "スケジュール"),
    ("メニユー", "メニュー"),
    ("マニユアル", "マニュアル"),
    ("インタビユー", "インタビュー"),
    ("ジユニア", "ジュニア"),
    ("チヤレンジ", "チャレンジ"),
    ("キヤンペーン", "キャンペーン"),
    ("キヤンプ", "キャンプ"),
    ("キヤッシュレス", "キャッシュレス"),
    ("シヤトル", "シャトル"),
    ("シヨップ", "ショップ"),
    ("シヨッピング", "ショッピング"),
];

/// The kana before a large ヤユヨ of [`WORDS`].
const KATAKANA_BEFORE: &[char] = &['キ', 'シ', 'チ', 'ニ', 'ミ', 'ジ', 'ギ', 'ビ', 'ヒ'];

/// Every finding has し or ち before a large よ, or a katakana of [`KATAKANA_BEFORE`] before
/// a large ヤユヨ.
#[inline]
pub(super) fn trigger(prev: Option<char>, c: char) -> bool {
    match c {
        'よ' => matches!(prev, Some('し' | 'ち')),
        'ヤ' | 'ユ' | 'ヨ' => prev.is_some_and(|p| KATAKANA_BEFORE.contains(&p)),
        _ => false,
    }
}

/// Finds large や・ゆ・よ written for the small ones; see the module doc.
pub(super) fn check(c: &Chars, _kind: TextKind) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if let Some((word, fixed)) = word_at(c, i) {
            let n = word.chars().count();
            out.push(c.finding(
                i,
                i + n,
                ID,
                format!("「{word}」は小さい「ゃ・ゅ・ょ」で書きます"),
                fixed.to_string(),
            ));
            i += n;
            continue;
        }
        if let Some(start) = shiyou_at(c, i) {
            let word = c.slice(start, i + 4);
            let fixed = format!("{}しょう", c.slice(start, i + 1));
            out.push(c.finding(
                start,
                i + 4,
                ID,
                format!("「{word}」の「よ」は小さい「ょ」ではありませんか"),
                fixed,
            ));
            i += 4;
            continue;
        }
        i += 1;
    }
    out
}

/// The word of [`WORDS`] that starts at char `i`, if any (each has its large kana second
/// to fourth, so only a word that starts right before a trigger is looked up).
fn word_at(c: &Chars, i: usize) -> Option<&'static (&'static str, &'static str)> {
    let first = c.get(i)?;
    if !(first == 'ち' || first == 'い' || is_katakana(first)) {
        return None;
    }
    WORDS.iter().find(|(w, _)| c.rest(i).starts_with(w))
}

/// 〜ましよう / 〜でしよう with ま or で at char `i`: the start of the flagged range (the
/// char before ま or で).
fn shiyou_at(c: &Chars, i: usize) -> Option<usize> {
    let x = c.get(i)?;
    if !matches!(x, 'ま' | 'で') || !c.rest(i + 1).starts_with("しよう") || i == 0 {
        return None;
    }
    let before = c.before(i);
    let typo = if x == 'ま' {
        ends_with_masu_stem(before)
    } else {
        c.prev(i)
            .is_some_and(|p| is_hiragana(p) && "うくぐすつぬぶむるたいんの".contains(p))
    };
    typo.then_some(i - 1)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn run(text: &str) -> Vec<(String, String)> {
        snippets(super::ID, text, TextKind::Prose)
    }

    #[test]
    fn flags_large_ya_yu_yo() {
        let cases: &[(&str, &str, &str)] = &[
            ("清掃活動に参加しましよう。", "しましよう", "しましょう"),
            ("みんなで見ましよう。", "見ましよう", "見ましょう"),
            ("高齢化は進むでしよう。", "むでしよう", "むでしょう"),
            ("効果は少ないでしようか。", "いでしよう", "いでしょう"),
            ("親子でいつしよに楽しめます。", "いつしよ", "いっしょ"),
            ("ちようど正午です。", "ちようど", "ちょうど"),
            ("町のコミユニティバス", "コミユニティ", "コミュニティ"),
        ];
        assert_each_flagged(cases, run);
    }

    #[test]
    fn every_word_has_its_large_kana_after_a_trigger() {
        for (word, fixed) in super::WORDS {
            let chars: Vec<char> = word.chars().collect();
            assert!(
                chars.windows(2).any(|w| super::trigger(Some(w[0]), w[1])),
                "{word}"
            );
            assert_eq!(run(word), vec![(word.to_string(), fixed.to_string())]);
        }
    }

    #[test]
    fn leaves_correct_words_alone() {
        for text in [
            "計画を検討しようとする自治会を支援します。",
            "住民が利用しやすい窓口を目指します。",
            "みんなでしよう、と呼びかけました。",
            "友人を励ましようがない。",
            "ごみのリユースを進めています。",
            "分かりやすく説明するよう努めます。",
            "しましょう。でしょう。いっしょに。ちょうど。",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }
}
