//! `mixed-kana`: a hiragana inside a katakana word, or a katakana inside a word in
//! hiragana and kanji, where the two look alike: 「データへルス」→「データヘルス」,
//! 「データべース」→「データベース」, 「キャンぺーン」→「キャンペーン」, 「総務課ヘ提出」→
//! 「総務課へ提出」, 「比ベる」→「比べる」, and the kanji 一 for the long vowel ー
//! (「デ一タ」→「データ」).
//!
//! The look-alikes are へ/ヘ, べ/ベ, ぺ/ペ and 一/ー; they are told apart by their
//! neighbours:
//! - a hiragana べ or ぺ between katakana (ー included) is always a typo: neither is a
//!   particle;
//! - a hiragana へ between katakana is usually the particle (「ホームページへアクセス」
//!   「センターへメール」), so it is flagged only when what follows continues a katakana
//!   word that begins with ヘ ([`HE_WORD_RESTS`]: ヘルス, ヘルパー, ヘッド, ヘクタール …);
//! - a katakana ヘ, ベ or ペ right after a kanji and before a hiragana, a kanji or
//!   punctuation is the hiragana (「課ヘ提出」「比ベる」); 「ヘの字」 after a kana is left
//!   alone;
//! - 一 between two katakana is the long vowel ー (「デ一タ」, not 「データ一覧」).
use super::{Chars, Finding, TextKind, is_break, is_hiragana, is_kanji};

/// Rule id.
pub(super) const ID: &str = "mixed-kana";

/// What follows ヘ in katakana words that begin with it (ヘルス, ヘルパー, ヘルプ, ヘルメット,
/// ヘルシー, ヘッド, ヘリコプター, ヘリポート, ヘクタール, and ー as in ヘーベル).
const HE_WORD_RESTS: &[&str] = &[
    "ルス", "ルパ", "ルプ", "ルメ", "ルシ", "ッド", "ッダ", "リコ", "リポ", "クタ", "ー",
];

/// A full-width katakana of a word (not the middle dot ・; half-width katakana are the
/// `width` rule's business).
fn in_katakana_word(x: char) -> bool {
    matches!(x, '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}')
}

/// Every finding has a katakana before a hiragana へべぺ, a kanji before a katakana ヘベペ,
/// or 一 before a katakana.
#[inline]
pub(super) fn trigger(prev: Option<char>, c: char) -> bool {
    match c {
        'へ' | 'べ' | 'ぺ' => prev.is_some_and(in_katakana_word),
        'ヘ' | 'ベ' | 'ペ' => prev.is_some_and(|p| p == '一' || is_kanji(p)),
        _ => prev == Some('一') && in_katakana_word(c),
    }
}

/// The other script's look-alike of `x`.
fn look_alike(x: char) -> Option<char> {
    Some(match x {
        'へ' => 'ヘ',
        'べ' => 'ベ',
        'ぺ' => 'ペ',
        'ヘ' => 'へ',
        'ベ' => 'べ',
        'ペ' => 'ぺ',
        '一' => 'ー',
        _ => return None,
    })
}

/// Finds look-alike kana in the other script; see the module doc.
pub(super) fn check(c: &Chars, _kind: TextKind) -> Vec<Finding> {
    let mut out = Vec::new();
    for i in 1..c.len() {
        let (Some(x), Some(prev)) = (c.get(i), c.prev(i)) else {
            continue;
        };
        let next = c.get(i + 1);
        let (typo, in_katakana) = match x {
            'べ' | 'ぺ' => (
                in_katakana_word(prev) && next.is_some_and(in_katakana_word),
                true,
            ),
            'へ' => (
                in_katakana_word(prev)
                    && HE_WORD_RESTS.iter().any(|r| c.rest(i + 1).starts_with(r)),
                true,
            ),
            'ヘ' | 'ベ' | 'ペ' => (
                is_kanji(prev) && next.is_none_or(|n| is_hiragana(n) || is_kanji(n) || is_break(n)),
                false,
            ),
            '一' => (
                in_katakana_word(prev) && next.is_some_and(in_katakana_word),
                true,
            ),
            _ => continue,
        };
        let Some(fixed_char) = look_alike(x).filter(|_| typo) else {
            continue;
        };
        // The whole katakana word, or the kanji and the kana around the katakana.
        let same_word = |k: usize| {
            c.get(k).is_some_and(|y| {
                if in_katakana {
                    in_katakana_word(y) || k == i
                } else {
                    is_kanji(y) || is_hiragana(y) || k == i
                }
            })
        };
        let mut start = i;
        while start > 0 && i - start < 8 && same_word(start - 1) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < c.len() && end - i < 8 && same_word(end) {
            end += 1;
        }
        if !in_katakana {
            // Only the kanji before and the kana after: 「課ヘ提出」 reads 「課ヘ」.
            start = i - 1;
            end = (i + 1..c.len())
                .take(2)
                .take_while(|&k| c.get(k).is_some_and(is_hiragana))
                .last()
                .map_or(i + 1, |k| k + 1);
        }
        let word = c.slice(start, end);
        let fixed = format!("{}{}{}", c.slice(start, i), fixed_char, c.slice(i + 1, end));
        let (written, meant) = if in_katakana {
            ("ひらがな", "カタカナ")
        } else {
            ("カタカナ", "ひらがな")
        };
        let message = if x == '一' {
            format!("「{word}」の「一」は漢字の「いち」です（長音「ー」ではありませんか）")
        } else {
            format!(
                "「{word}」の「{x}」は{written}です（{meant}の「{fixed_char}」ではありませんか）"
            )
        };
        out.push(c.finding(start, end, ID, message, fixed));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn run(text: &str) -> Vec<(String, String)> {
        snippets(super::ID, text, TextKind::Prose)
    }

    #[test]
    fn flags_look_alikes_in_the_other_script() {
        let cases: &[(&str, &str, &str)] = &[
            ("データへルスを推進します。", "データへルス", "データヘルス"),
            ("ホームへルパーの派遣", "ホームへルパー", "ホームヘルパー"),
            ("データべースで管理します。", "データべース", "データベース"),
            ("キャンぺーンの期間", "キャンぺーン", "キャンペーン"),
            ("申請書は総務課ヘ提出してください。", "課ヘ", "課へ"),
            ("実績を比ベると、", "比ベると", "比べると"),
            ("デ一タの公開", "デ一タ", "データ"),
        ];
        assert_each_flagged(cases, run);
    }

    #[test]
    fn leaves_particles_and_words_alone() {
        for text in [
            "詳しくは、町のホームページへアクセスしてください。",
            "サポートセンターへメールで送れます。",
            "データベースとヘルパーとキャンペーン。",
            "メニュー一覧、データ一件、カード一枚。",
            "口をヘの字に結ぶ。",
            "駅へ向かう。町へ行く。",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }
}
